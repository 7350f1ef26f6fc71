/* include/psorsim/trial.h
 *
 * Virtual trials: psorsim_trial_run simulates every arm of a parsed trial
 * file (trial_spec.h) on a virtual population and fills a psorsim_trial_result
 * with the endpoints and their 95 % confidence intervals, weekly time
 * courses with 90 % bands, baseline distributions, per-patient records
 * (fixed-size, read with psorsim_arm_records) and visits (when asked for),
 * safety events, solver statistics and, with an economics block, each
 * patient's costs and the arms' cost-effectiveness (economics.h). The
 * writers in report.h turn a result into trial.json, CSV files and
 * report.html.
 *
 * Reproducibility: every random number a patient uses comes from a counter-
 * based generator (Random123 Philox) keyed by (seed, arm, patient, stream),
 * and patients are folded into the results in patient order, so the result
 * is identical whatever the runner (serial, OpenMP) and number of threads.
 */
#ifndef PSORSIM_TRIAL_H
#define PSORSIM_TRIAL_H

#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/economics.h>
#include <psorsim/engine.h>
#include <psorsim/outcome.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How to run. Zero-initialise, then set what you need. */
typedef struct psorsim_trial_options {
  int seed_given;       /* 1: use `seed` instead of the file's (or the default) */
  uint64_t seed;        /* the seed when seed_given */
  int threads;          /* OpenMP threads; 0 = all available */
  int patients_per_arm; /* > 0 overrides the file's population.patients_per_arm */
  int keep_patients;    /* 1: keep per-patient weekly records (patients.csv) */
  /* Progress callback, called from the master thread only, at most a few
   * times a second: patients done, total. May be NULL. */
  void (*progress)(long done, long total, void *user);
  void *progress_user;
  /* Parameter overrides, applied to every patient (src/trial/overrides.c,
   * docs/trial-runner.md): override_names[i] = override_values[i] for i <
   * n_overrides (at most 64). A name is a population setting ("pop.potency_cv",
   * "pop.placebo_emax", ...), a disease-model parameter ("trm_half_life"), or a
   * treatment parameter "<treatment>.<parameter>" ("secukinumab.il17.ec50"),
   * whose value then replaces the library's typical value; an arm without that
   * treatment ignores it. Unknown names are PSORSIM_EINPUT. Both arrays are
   * borrowed for the duration of psorsim_trial_run. */
  const char *const *override_names;
  const double *override_values;
  int n_overrides;
  /* How patients are run: "serial" (one thread) or "openmp" (`threads`
   * threads); NULL: serial for one thread, OpenMP otherwise. Every runner
   * gives the same result. Unknown names are PSORSIM_EINVAL. */
  const char *runner;
} psorsim_trial_options;

/* Room for an adverse-event name in a record (longer names are cut). */
#define PSORSIM_REASON_MAX 48

/* One virtual patient. Fixed-size and free of pointers, so records can be
 * streamed to a file, sent between processes and merged byte for byte; the
 * patient's visits are kept beside the records (psorsim_arm_visits). */
typedef struct psorsim_patient_record {
  int id;                                     /* patient number within the arm, 0-based */
  double weight_kg, age_years, disease_years; /* covariates */
  int female, prior_biologic;                 /* 0/1 */
  double susceptibility;                      /* genetic susceptibility (model units) */
  double baseline_pasi, baseline_bsa, baseline_iga, baseline_dlqi;
  int failed;                              /* 1: the solver failed even after the retry */
  int dropout_week;                        /* week of dropout from an adverse event, -1 if none */
  char dropout_reason[PSORSIM_REASON_MAX]; /* adverse-event name, "" if none */
  double last_dose_week;                   /* week of the last dose given, NaN if none */
  int candidates; /* virtual candidates drawn until this patient was accepted (population.c) */
  psorsim_patient_exposure exposure; /* treatment exposure and adverse events (outcome.h) */
} psorsim_patient_record;

/* Results of one arm. All arrays are owned by the result. */
typedef struct psorsim_arm_result {
  const char *name;                        /* the arm's name (owned by the spec) */
  int n_patients;                          /* simulated */
  int n_failed;                            /* solver failures after retry (excluded, listed) */
  int *failed_ids;                         /* their ids */
  int n_dropouts;                          /* adverse-event dropouts (non-responders) */
  psorsim_estimate *endpoints;             /* one per spec endpoint, in the spec's order */
  int n_visits;                            /* weeks 0..W */
  double *visit_week;                      /* n_visits */
  double *pasi_mean, *pasi_p05, *pasi_p95; /* PASI at each visit */
  double *improve_mean, *improve_p05, *improve_p95; /* % PASI improvement at each visit */
  /* n_patients records, in memory when per-patient visits are kept
   * (keep_patients); otherwise NULL, and the records were streamed in
   * patient order to a temporary file (`spool`), so memory does not grow with
   * the number of patients. Read them either way with psorsim_arm_records. */
  psorsim_patient_record *patients;
  void *spool; /* the streamed records (an internal spool file), or NULL; owned */
  /* n_patients x n_visits weekly visits, patient i's from visits[i * n_visits]
   * (psorsim_arm_visits); NULL without keep_patients. */
  psorsim_visit *visits;
  psorsim_solver_stats stats; /* summed over the arm's patients */
  long n_ae;                  /* adverse events in the arm */
  psorsim_econ_arm *econ;     /* cost-effectiveness summary (economics.h), owned; NULL
                                 unless spec->economics.enabled */
  /* n_patients per-patient costs and QALYs (economics.h), by patient id, owned;
   * NULL unless spec->economics.enabled (a failed patient's has counted 0). */
  psorsim_econ_patient_result *econ_patients;
  /* Adverse events by type (outcome.h): one row per event of each of the arm's
   * treatments, in treatment and library order, zero counts included. */
  psorsim_ae_row ae_table[PSORSIM_LOG_MAX_AES];
  int n_ae_types;
  psorsim_relapse_summary relapse; /* with a relapse_weeks_median endpoint (else zero) */
} psorsim_arm_result;

typedef struct psorsim_trial_result {
  const psorsim_trial_spec *spec; /* borrowed: must outlive the result */
  uint64_t seed;                  /* seed used */
  int threads;                    /* threads used */
  double elapsed_s;               /* wall time of the simulation */
  size_t n_arms;
  psorsim_arm_result *arms; /* n_arms, in the spec's order */
  long candidates_screened; /* virtual candidates drawn to fill the population */
} psorsim_trial_result;

/* Run the trial. Returns PSORSIM_OK and a new result in *out (free with
 * psorsim_trial_result_free), or an error with the message in ctx:
 * PSORSIM_EINPUT for a regimen psorsim cannot simulate (with file:line),
 * PSORSIM_ENOMEM. Individual solver failures are not errors: they are
 * counted and listed in the result. */
PSORSIM_EXPORT int psorsim_trial_run(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                                     const psorsim_trial_options *opt, psorsim_trial_result **out);

/* Release and set *r to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_trial_result_free(psorsim_trial_result **r);

/* A visitor of patient records: return 0 to go on, anything else to stop. */
typedef int (*psorsim_record_fn)(const psorsim_patient_record *rec, void *user);

/* Call fn for every patient record of the arm, in patient order, from
 * `patients` or from the streamed file. Returns 0, the first nonzero value
 * fn returned, or PSORSIM_EIO when the file cannot be read. Reading the file
 * moves its position, so one result must not be read by two threads at once. */
PSORSIM_EXPORT int psorsim_arm_records(const psorsim_arm_result *a, psorsim_record_fn fn,
                                       void *user);

/* The n_visits weekly visits of patient `id` (0-based) of the arm, or NULL
 * when visits were not kept (keep_patients 0) or id is out of range. */
PSORSIM_EXPORT const psorsim_visit *psorsim_arm_visits(const psorsim_arm_result *a, int id);

/* Wilson score interval for k successes in n trials at 95 %, in percent. */
PSORSIM_EXPORT void psorsim_wilson95(long k, long n, double *lo_pct, double *hi_pct);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_TRIAL_H */
