/* include/psorsim/outcome.h
 *
 * What a virtual patient emits and how an arm's endpoint is reported, as
 * plain types shared by the trial runner (trial.h) and the health economics
 * (economics.h), which sits below the trial runner and so cannot include
 * trial.h. A patient emits its weekly visits and a log of what happened to
 * it: the doses it was actually given (after an adverse-event dropout cut
 * the rest), the adverse events drawn for it, and its dropout. The trial
 * runner fills the log while it simulates a patient (src/trial/patient.c);
 * the economics costs the patient from the log and the visits afterwards
 * (psorsim_econ_patient).
 */
#ifndef PSORSIM_OUTCOME_H
#define PSORSIM_OUTCOME_H

#include <stddef.h>

#include <psorsim/common.h>
#include <psorsim/units.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An estimate with its 95 % confidence interval, in the endpoint's unit. */
typedef struct psorsim_estimate {
  double estimate; /* percent for rates and mean change; weeks for relapse */
  double lo, hi;   /* 95 % CI: Wilson for proportions, t for means, NaN when undefined */
  int n;           /* patients it is computed on */
} psorsim_estimate;

/* One patient's visit. */
typedef struct psorsim_visit {
  double week;  /* visit week */
  double pasi;  /* continuous PASI, 0-72 */
  double bsa;   /* % */
  double iga;   /* 0-4 */
  double dlqi;  /* 0-30 */
  int on_study; /* 0 after dropout */
  int ae_count; /* adverse events so far */
} psorsim_visit;

/* One dose given: an administration of a regimen entry. */
typedef struct psorsim_dose_given {
  double t_day;      /* when, days from the start of the trial */
  int entry;         /* index into the arm's regimen (trial_spec.h) */
  psorsim_unit unit; /* PSORSIM_UNIT_MG (drugs and topicals dosed in mg or mg/kg),
                        PSORSIM_UNIT_CELLS (cell products), or PSORSIM_UNIT_NONE (a
                        session or an application without an amount: amount 1) */
  double amount;     /* in `unit`; mg/kg and cells/kg doses times the patient's weight */
} psorsim_dose_given;

/* One adverse event. */
typedef struct psorsim_ae_given {
  double t_day;  /* when, days from the start of the trial */
  int treatment; /* index into psorsim_patient_log.treatments */
  int ae;        /* index into that treatment's aes[] (treatment.h) */
} psorsim_ae_given;

struct psorsim_treatment; /* a library treatment (treatment.h) */

/* At most this many adverse events a patient: one draw per adverse event of
 * each of an arm's treatments (16 treatments x PSORSIM_TX_MAX_AES). */
#define PSORSIM_LOG_MAX_AES 64

/* The log of one patient. Every pointer is borrowed: the log describes the
 * patient the trial runner has just simulated and is valid until it
 * simulates the next one on the same thread. */
typedef struct psorsim_patient_log {
  double baseline_pasi; /* for PASI responses */
  /* Doses given, in regimen order and each entry's in time order; doses at or
   * after the dropout are not in the log (they were not given). */
  const psorsim_dose_given *doses;
  size_t n_doses;
  /* The arm's library treatments (psorsim_regimen_treatments order): what
   * psorsim_ae_given.treatment indexes. */
  const struct psorsim_treatment *const *treatments;
  int n_treatments;
  psorsim_ae_given aes[PSORSIM_LOG_MAX_AES]; /* n_aes, in the order they were drawn */
  int n_aes;
  double t_drop_day;           /* adverse-event dropout, days (INFINITY: none) */
  int drop_ae;                 /* index into aes of the event that ended treatment, or -1 */
  const psorsim_visit *visits; /* n_visits weekly visits, weeks 0..n_visits-1 */
  int n_visits;
} psorsim_patient_log;

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_OUTCOME_H */
