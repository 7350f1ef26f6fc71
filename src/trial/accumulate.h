/* src/trial/accumulate.h
 *
 * An arm's accumulator (internal to the trial runner, accumulate.c): what
 * the arm's results are computed from, gathered one patient record at a
 * time in patient order (psr_arm_acc_add), so that memory does not grow
 * with the number of patients: per endpoint the responders, patients and
 * sums; per visit the PASI and improvement sums and fixed-width histograms
 * (for the 5 % and 95 % bands); the failed patients, dropouts, adverse
 * events by type with the exposure to each treatment, candidates screened
 * and solver statistics; and, only with a
 * relapse endpoint, one time and flag per patient for the Kaplan-Meier
 * median.
 *
 * An accumulator covers a range of patients [first, end). Two accumulators
 * of adjacent ranges merge into one of the joined range (psr_arm_acc_merge):
 * the counts, histograms, lists and statistics are then exactly those of
 * adding every patient to one accumulator; the sums of doubles may differ in
 * the last bits (addition order), which is why the trial folds patients in
 * patient order into one accumulator and keeps merge for runners that do
 * not need bit-identical results.
 */
#ifndef PSR_ACCUMULATE_H
#define PSR_ACCUMULATE_H

#include <psorsim/engine.h>
#include <psorsim/trial.h>

#define PSR_ACC_PASI_BINS 1440 /* 0.05-point bins over 0-72 */
#define PSR_ACC_PASI_MAX  72.0
#define PSR_ACC_IMP_BINS  2000 /* 0.1-point bins over -100..100 % */
#define PSR_ACC_IMP_MIN   -100.0
#define PSR_ACC_IMP_MAX   100.0

typedef struct psr_arm_acc {
  const psorsim_trial_spec *spec; /* borrowed: its endpoints */
  int n_visits;                   /* visits per patient (weeks 0..W) */
  long first, end;                /* the patients covered, [first, end) */
  long next;                      /* the next patient to add (end when complete) */
  long *k;                        /* per endpoint: responders */
  long *n;                        /* per endpoint: patients counted */
  double *sum, *sumsq;            /* per endpoint: for means */
  int relapse;                    /* the trial has a relapse endpoint (rel_t, rel_c kept) */
  double *rel_t;                  /* relapse: per patient (from first), weeks or NaN */
  int *rel_c;                     /* relapse: 0 event, 1 censored at the end, 2 at a dropout */
  long rel_stopping;              /* patients whose arm's regimen stops per protocol */
  unsigned *hist_pasi;            /* n_visits x PSR_ACC_PASI_BINS */
  unsigned *hist_imp;             /* n_visits x PSR_ACC_IMP_BINS */
  double *sum_pasi, *sum_imp;     /* per visit */
  long *n_visit;                  /* per visit: patients counted */
  int *failed_ids;                /* n_failed, in patient order (room for failed_cap) */
  int n_failed, failed_cap;
  int n_dropouts; /* adverse-event dropouts among the patients counted */
  long n_ae;      /* adverse events among the patients counted */
  /* per adverse-event type (outcome.h: treatment k, event a at k * 4 + a): events, patients
   * with at least one, events that ended treatment; per treatment: days exposed and
   * administrations given. Fixed size: memory does not grow with the patients. */
  long ae_events[PSORSIM_LOG_MAX_AES], ae_patients[PSORSIM_LOG_MAX_AES];
  long ae_discontinued[PSORSIM_LOG_MAX_AES];
  double exposure_day[PSORSIM_LOG_MAX_TREATMENTS];
  long administrations[PSORSIM_LOG_MAX_TREATMENTS];
  long candidates;            /* virtual candidates screened, every patient */
  psorsim_solver_stats stats; /* summed over every patient, failed or not */
} psr_arm_acc;

/* Set up *acc (zeroed first) for patients [first, end) of an arm of `spec`
 * with n_visits visits each; acc owns its arrays (psr_arm_acc_free).
 * PSORSIM_OK or PSORSIM_ENOMEM (acc is then freed). */
int psr_arm_acc_init(psr_arm_acc *acc, const psorsim_trial_spec *spec, int n_visits, long first,
                     long end);

/* Add the next patient: rec->id must be acc->next (patient order), v its
 * n_visits visits (unused for a failed patient), st its solver statistics.
 * PSORSIM_OK, PSORSIM_EINVAL for a patient out of order, PSORSIM_ENOMEM. */
int psr_arm_acc_add(psr_arm_acc *acc, const psorsim_patient_record *rec, const psorsim_visit *v,
                    const psorsim_solver_stats *st);

/* Merge `next`, complete and covering [into->end, next->end), into `into`,
 * complete, which then covers both ranges. PSORSIM_OK, PSORSIM_EINVAL for
 * ranges that do not join or an incomplete accumulator, PSORSIM_ENOMEM. */
int psr_arm_acc_merge(psr_arm_acc *into, const psr_arm_acc *next);

/* Write the arm's results from a complete accumulator: endpoints (NaN for
 * the economic kinds, which psorsim_econ_summarise fills) and the relapse
 * analysis, time course and bands, failures (ar->failed_ids becomes the
 * accumulator's list, which acc then no longer owns), dropouts, the adverse-
 * event table (the arm is found by ar->name, which must be set) and solver
 * statistics. */
void psr_arm_acc_finish(psr_arm_acc *acc, psorsim_arm_result *ar);

/* Release the accumulator's arrays (accepts an accumulator already freed). */
void psr_arm_acc_free(psr_arm_acc *acc);

/* to += s, field by field: the one place solver statistics are summed. */
void psr_solver_stats_add(psorsim_solver_stats *to, const psorsim_solver_stats *s);

#endif /* PSR_ACCUMULATE_H */
