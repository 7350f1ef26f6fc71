/* src/trial/trial_impl.h
 *
 * Internal pieces of the trial runner: the virtual population (population.c),
 * the simulation of one patient and the log it leaves (patient.c,
 * patient_log.c), endpoints (endpoints.c) and the thread workspaces
 * (workspace.c). The runner kinds, the accumulator and the spool have their
 * own headers (runner.h, accumulate.h, spool.h); trial.c orchestrates. Every
 * random draw goes through common/rng_impl.h streams keyed by (seed, arm,
 * patient, kind).
 */
#ifndef PSR_TRIAL_TRIAL_IMPL_H
#define PSR_TRIAL_TRIAL_IMPL_H

#include <psorsim/psoriasis.h>
#include <psorsim/regimen.h>
#include <psorsim/treated_model.h>
#include <psorsim/trial.h>

#include "common/rng_impl.h"
#include "pop_settings.h"

/* Default population when the trial file's baseline table is silent
 * (docs/trial-runner.md gives the sources). */
#define PSR_POP_WEIGHT_MEAN_KG     88.0 /* phase-3 psoriasis trials, guide baseline tables */
#define PSR_POP_WEIGHT_CV          0.22
#define PSR_POP_AGE_MEAN           45.0
#define PSR_POP_AGE_SD             13.0
#define PSR_POP_DISEASE_YEARS_MEAN 18.0
#define PSR_POP_DISEASE_YEARS_CV   0.6
#define PSR_POP_PRIOR_BIOLOGIC     0.3
#define PSR_POP_FEMALE             0.3
#define PSR_POP_SMOKER             0.3
#define PSR_POP_STRESS_REACTOR     0.5  /* stress reactors, 46-54 % (Snast 2018; docs) */
#define PSR_POP_STREP_CARRIER      0.29 /* sore throat within a year, 61/208 (Gudjonsson 2003) */
#define PSR_POP_PASI_SD_RATIO      0.4  /* SD/mean of baseline PASI when only the mean is given */
#define PSR_POP_PILOT              2000 /* candidates drawn to estimate the candidate density */
#define PSR_POP_MAX_TRIES          4096 /* candidates per accepted patient before giving up */
#define PSR_PASI_BINS              72   /* 1-point bins of the matcher's densities */

/* Inter-individual variability of the disease model (log-normal, as CV).
 * These are the defaults of psr_pop_settings (pop_settings.h), which a run
 * may change with "pop.*" overrides (src/trial/overrides.c). The potency and
 * UVB factors are the treated model's (PSORSIM_IIV_POTENCY_CV and
 * PSORSIM_IIV_UVB_CV in treated_model.h), drawn by each patient's set-up
 * (treated_patient.h) and carried there to the run's CVs. */
#define PSR_IIV_SUSCEPTIBILITY_MEDIAN 0.95
#define PSR_IIV_SUSCEPTIBILITY_CV     0.35
#define PSR_IIV_SITE_SIGMA_MEDIAN     0.38
#define PSR_IIV_SITE_SIGMA_CV         0.4
/* UVB sensitivity ~ (susceptibility / median)^exponent: the covariate model of the per-patient
 * fits to uvb-patients/calibration.csv (psorsim calibrate --uvb-patients); the residual CV and
 * nb_uvb's typical emax are refitted to nbuvb-patients.yaml (docs/validation.md) */
#define PSR_IIV_UVB_SUSC_EXP  2.82
#define PSR_IIV_PLACEBO_CV    0.6   /* non-specific (placebo) response */
#define PSR_POP_MED_MEDIAN_MJ 600.0 /* NB-UVB MED median, mJ/cm2 (assumed; docs) */
#define PSR_POP_MED_CV        0.35

/* PASI scoring error (log-normal): a persistent part, the same at screening
 * and at every visit of a patient (the investigator's own level), and a
 * part drawn anew at each score; together CV 0.21, the within-rater
 * reliability of Fink 2018 (docs/trial-runner.md) */
#define PSR_POP_PASI_NOISE_CV 0.15 /* per score */
#define PSR_POP_PASI_RATER_CV 0.15 /* per patient, persistent */
/* Plaque severity: a patient's erythema, induration and scaling relative to
 * the model's reference plaque (log-normal); docs/trial-runner.md */
#define PSR_POP_SEVERITY_MEDIAN 1.142
#define PSR_POP_SEVERITY_CV     0.2
/* Spread (log-SD) of the skin sites' sensitivity to treatment inputs, per
 * patient: the graded response (docs/model.md 3.8); calibrated */
#define PSR_POP_SITE_SENS_SIGMA 1.236
#define PSR_POP_SITE_SENS_MU    0.888

/* The matcher's target: baseline PASI - pasi_min ~ Gamma(shape, scale), and
 * with bsa_mean a tilt exp(bsa_tilt x BSA) inside each PASI bin that gives
 * the mean BSA (population.c). */
typedef struct psr_matcher {
  int active;                   /* 0: accept every included candidate */
  double accept[PSR_PASI_BINS]; /* acceptance probability per 1-point PASI bin (times the
                                   BSA tilt, at most 1) */
  double bsa_tilt;              /* per BSA percent; 0: none */
  const psr_pop_settings *pop;  /* the run's population settings (borrowed) */
} psr_matcher;

/* A candidate or accepted patient: covariates and parameters. */
typedef struct psr_patient {
  double weight_kg, height_m, age_years, disease_years, bmi;
  int female, prior_biologic, smoker;
  int stress_reactor, strep_carrier;          /* chronic triggers (PSR_STREAM_TRIGGERS) */
  double med_mj_cm2;                          /* NB-UVB minimal erythema dose */
  double susceptibility, site_sigma, placebo; /* disease parameters drawn */
  double site_seed; /* the draw of per-site treatment sensitivities, [0, 1) */
  double severity;  /* plaque severity relative to the reference plaque */
  double rater;     /* persistent PASI scoring factor (median 1) */
  psorsim_psoriasis_summary baseline;
} psr_patient;

/* Everything one arm needs, shared read-only by the threads. */
typedef struct psr_arm_ctx {
  const psorsim_trial_spec *spec;
  const psorsim_trial_arm *arm;
  size_t arm_index;
  uint64_t seed;
  psorsim_treated_model *tm; /* owned */
  const psorsim_treatment *tx[16];
  int n_tx;
  int obs_pasi, obs_bsa, obs_iga, obs_dlqi; /* observable indices */
  int n_visits;                             /* weeks 0..W */
  const psr_matcher *matcher;
  const psr_pop_settings *pop; /* the run's population settings (= matcher->pop) */
} psr_arm_ctx;

/* Per-thread workspace (workspace.c): a runner's worker (runner.h). */
typedef struct psr_thread_ws {
  psorsim_ctx *ctx;
  psorsim_engine *eng;
  double *base_p; /* base-model parameters */
  double *p_full; /* composite parameters */
  double *y_full; /* composite initial state */
  double *t_out;  /* visit times, days */
  double *out;    /* engine output rows */
  psorsim_event *events;
  size_t events_cap;
  psorsim_patient_log log;   /* the last simulated patient's log (outcome.h) */
  psorsim_dose_given *doses; /* log.doses: doses_cap entries (patient_log.c) */
  size_t doses_cap;
  double *dose_times; /* schedule scratch of patient_log.c: dose_times_cap entries */
  size_t dose_times_cap;
} psr_thread_ws;

/* A new thread workspace for arm `ac` in *out (free with
 * psr_thread_ws_free): its own context, engine of the arm's treated model
 * and buffers (workspace.c). PSORSIM_OK, or the error with its message in
 * ctx (*out is then NULL). */
int psr_thread_ws_create(psorsim_ctx *ctx, const psr_arm_ctx *ac, psr_thread_ws **out);

/* Release a thread workspace and set *ws to NULL; accepts NULL. */
void psr_thread_ws_free(psr_thread_ws **ws);

/* Draw candidate `try` of patient `id` of an arm into *pt (base parameters in
 * base_p), and compute its psoriatic steady state. Returns PSORSIM_OK, or
 * PSORSIM_EMODEL when the candidate has no psoriasis at all. */
int psr_population_candidate(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                             const psr_pop_settings *pop, uint64_t seed, size_t arm, long id,
                             int try, double *base_p, double *y0, psr_patient *pt);

/* Copy a patient's response covariates beyond PK (age, disease duration,
 * prior biologic, BMI; treated_patient.h) into tp: the candidate's site
 * shift and the treated patient's potency use the same ones. */
void psr_population_response_covariates(const psr_patient *pt, psorsim_treated_patient *tp);

/* Whether a candidate meets the trial's inclusion criteria. */
int psr_population_included(const psorsim_trial_spec *spec, const psr_patient *pt);

/* Build the matcher for a trial from a pilot sample. */
int psr_population_matcher(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                           const psr_pop_settings *pop_s, uint64_t seed, int threads,
                           psr_matcher *mt);

/* Whether the matcher accepts a candidate (draws from its screening stream). */
int psr_population_accepts(const psr_matcher *m, psr_rng *screen, double baseline_pasi,
                           double baseline_bsa);

/* Simulate patient `id` of an arm into rec (visits must have n_visits room
 * when not NULL; solver statistics are added to *stats). Failures are
 * recorded in rec, not returned, unless the problem is the trial's
 * (PSORSIM_EINPUT, PSORSIM_ENOMEM). */
int psr_patient_simulate(const psr_arm_ctx *ac, psr_thread_ws *ws, long id,
                         psorsim_patient_record *rec, psorsim_visit *visits,
                         psorsim_solver_stats *stats);

/* The doses of ws->log (outcome.h): every regimen entry's schedule over the
 * trial, before the dropout at t_drop (INFINITY: none), with amounts for a
 * patient of weight_kg (patient_log.c). PSORSIM_OK or PSORSIM_ENOMEM, or the
 * schedule's error, with the message in ws->ctx. */
int psr_patient_log_doses(const psr_arm_ctx *ac, psr_thread_ws *ws, double weight_kg,
                          double t_drop);

/* Endpoint value of one patient: 1/0 for responder endpoints, percent for
 * pasi_change, weeks (or NaN, censored) for relapse (from the last dose,
 * rec->last_dose_week). */
double psr_endpoint_patient(const psorsim_endpoint *e, const psorsim_patient_record *rec,
                            const psorsim_visit *visits, int n_visits, int *censored);

/* Set the trial tolerances and step budget on a thread's engine. */
void psr_thread_ws_tolerances(psorsim_engine *eng);

#endif /* PSR_TRIAL_TRIAL_IMPL_H */
