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
  int n;           /* patients it is computed on (relapse: patients entering the analysis) */
} psorsim_estimate;

/* How an arm's relapse_weeks_median was obtained (src/trial/km.c,
 * docs/trial-runner.md "Endpoints"); the strings are static. */
typedef struct psorsim_relapse_summary {
  int n_at_risk;             /* patients entering the Kaplan-Meier analysis */
  int events;                /* relapses observed */
  int censored_dropouts;     /* of them, censored at an adverse-event dropout */
  const char *definition;    /* what is estimated */
  const char *ci_method;     /* the median's 95 % interval */
  const char *not_estimable; /* why the median is NaN, or NULL when it is a number */
} psorsim_relapse_summary;

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

/* At most this many treatments an arm uses, and adverse-event types of one
 * treatment (= PSORSIM_TX_MAX_AES of treatment.h, which this layer does not
 * include). An adverse-event *type* is (treatment k, event a), numbered
 * k * PSORSIM_LOG_AES_PER_TREATMENT + a. */
#define PSORSIM_LOG_MAX_TREATMENTS    16
#define PSORSIM_LOG_AES_PER_TREATMENT 4
/* At most this many adverse events a patient's log lists (the first drawn);
 * the per-type counts in psorsim_patient_exposure count every event, and one
 * slot per type (16 treatments x 4 events). */
#define PSORSIM_LOG_MAX_AES 64

/* What one patient was exposed to and what it suffered (src/trial/safety.c,
 * docs/trial-runner.md): fixed-size, no pointers, carried in the patient's
 * record. Adverse-event hazards act only while the patient is exposed to a
 * treatment: each dose covers the larger of its dosing interval and the
 * treatment's washout (psorsim_treatment_ae_washout_days), within the trial
 * and cut at an adverse-event dropout. */
typedef struct psorsim_patient_exposure {
  double exposure_day[PSORSIM_LOG_MAX_TREATMENTS]; /* days exposed to the arm's treatment k */
  int administrations[PSORSIM_LOG_MAX_TREATMENTS]; /* its doses given (sessions, infusions) */
  unsigned short ae_events[PSORSIM_LOG_MAX_AES];   /* events of each adverse-event type */
  int drop_type;          /* adverse-event type that ended treatment, or -1 */
  double dropout_day;     /* when, days (INFINITY: no dropout) */
  double regimen_end_day; /* the arm's last scheduled dose when its whole regimen stops before
                             the end of the trial (stopping per protocol), days; INFINITY when
                             some treatment goes on to the end, or the arm has no doses */
} psorsim_patient_exposure;

/* An arm's adverse events of one type (trial.h: psorsim_arm_result.ae_table). */
typedef struct psorsim_ae_row {
  const struct psorsim_treatment *treatment; /* library entry (static data) */
  int ae;                                    /* index into its aes[] */
  long events;                               /* events in the arm */
  long patients;                             /* patients with at least one */
  long discontinuations;     /* events that ended treatment (adverse-event dropouts) */
  double exposure_py;        /* patient-years exposed to the treatment, whole arm */
  long administrations;      /* the treatment's administrations given, whole arm */
  double rate_per_100py;     /* events per 100 patient-years of exposure */
  double rate_per_100_doses; /* events per 100 administrations (NaN without any) */
  double rate_lo, rate_hi;   /* 95 % CI of the rate in the library's unit (Byar) */
} psorsim_ae_row;

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
