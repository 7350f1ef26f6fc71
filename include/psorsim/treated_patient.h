/* include/psorsim/treated_patient.h
 *
 * One treated patient set up for the engine. From a treated model
 * (treated_model.h), an arm's regimen (trial_spec.h) and a patient (body
 * weight, MED, base-model parameters, random stream, dropout time),
 * psorsim_treated_patient_setup computes in one call the composite parameter
 * vector and the time-ordered engine events:
 *
 *   typical parameters (PK scaled to the body weight)
 *   -> the treated model's variability table drawn from the patient's drug
 *      stream, potency and UVB factors carried to the run's CVs
 *   -> the response covariates (age, disease duration, prior biologic, BMI)
 *      on every non-UVB effect's potency
 *   -> the non-specific (placebo) response every participant has
 *   -> the run's parameter overrides
 *   -> UVB sensitivity's covariate on the disease's susceptibility
 *   -> the regimen's events (regimen.h) and any recorded UV sessions
 *   -> the dropout: no dose from then on, every average-rate input off.
 *
 * The trial runner, `psorsim simulate --regimen` and the per-patient NB-UVB
 * fit (calibrate.h) all set their patients up here. Nothing is kept between
 * calls: with one context per thread, calls may run in parallel. The caller
 * owns every buffer; pointers in the structs below are borrowed for the call.
 */
#ifndef PSORSIM_TREATED_PATIENT_H
#define PSORSIM_TREATED_PATIENT_H

#include <stddef.h>
#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/engine.h>
#include <psorsim/model.h>
#include <psorsim/treated_model.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The random stream a patient's variability is drawn from: the same key
 * always gives the same patient, whatever thread or order runs it. */
typedef struct psorsim_stream_key {
  uint64_t seed;    /* the run's seed */
  uint64_t arm;     /* the arm's index */
  uint64_t patient; /* the patient's number in the arm */
} psorsim_stream_key;

/* What the set-up needs to know about one patient. Start from
 * psorsim_treated_patient_init, which gives the typical patient. */
typedef struct psorsim_treated_patient {
  double weight_kg;              /* body weight, kg (> 0): PK allometry, mg/kg and cell doses */
  double med_mj_cm2;             /* NB-UVB minimal erythema dose, mJ/cm2 ("% MED" doses) */
  const double *base_p;          /* base-model parameters (borrowed); NULL: the base defaults */
  double placebo_factor;         /* the patient's own factor of the non-specific response (1:
                                    the median participant) */
  const psorsim_stream_key *iiv; /* stream of the variability table (borrowed); NULL: no
                                    variability (every factor one) */
  double dropout_day;            /* the patient stops treatment at this time, days (INFINITY:
                                    never): later doses are dropped and rate inputs switched off */
  const double *uv_day;          /* recorded UV sessions (borrowed; NULL: none): n_uv times,
                                    days, ascending, given by the model's phototherapy */
  const double *uv_j_cm2;        /* their doses, J/cm2 */
  int n_uv;                      /* number of recorded sessions */
  /* Response covariates beyond PK (psorsim_response_covariates below): each patient's
   * potency, every non-UVB effect's ec50 times psorsim_response_potency_factor. The init
   * sets them to the reference patient's values (factor one). */
  double age_years;      /* age, years */
  double disease_years;  /* disease duration, years */
  double prior_biologic; /* 1: a biologic before, 0: biologic-naive (a fraction: the expected
                            value over patients) */
  double bmi_kg_m2;      /* body-mass index, kg/m2 (beyond the PK's weight scaling) */
} psorsim_treated_patient;

/* The typical patient of `weight_kg` and `med_mj_cm2`: base defaults, the
 * median placebo factor, no variability, no dropout, no recorded sessions,
 * the response covariates at the reference patient's values. */
PSORSIM_EXPORT void psorsim_treated_patient_init(psorsim_treated_patient *pt, double weight_kg,
                                                 double med_mj_cm2);

/* What the run sets for every patient (the trial fills it from its
 * population settings). Start from psorsim_setup_settings_init. */
typedef struct psorsim_setup_settings {
  int placebo;                       /* 1: add the non-specific response (the library `placebo`
                                        entry's effect, psorsim_placebo_apply) */
  double placebo_emax;               /* its size at its node (psorsim_placebo_emax: the
                                        library's) */
  const char *const *override_names; /* the run's parameter overrides (borrowed; names that are
                                        not parameters of the treated model are skipped) */
  const double *override_values;     /* their values, in the parameters' units */
  int n_overrides;                   /* how many */
  int overrides_as_given;            /* 0: "<treatment>.<parameter>" gives a new typical value,
                                        the patient's weight scaling and random factor stay on
                                        top (the last override of a name wins); base-model
                                        names are skipped, the caller put them in base_p.
                                        1: every parameter named is set to the value as given,
                                        in order (`psorsim simulate --set`) */
  double potency_cv;                 /* the run's CV of potency factors (PSORSIM_IIV_POTENCY) */
  double uvb_cv;                     /* the run's CV of UVB sensitivity (PSORSIM_IIV_UVB) */
  double uvb_susceptibility_median;  /* UVB covariate: every UVB effect's emax times
                                        (susceptibility / median)^exponent; 0: none */
  double uvb_susceptibility_exponent;
} psorsim_setup_settings;

/* Defaults: no placebo response (at the library's size when switched on), no
 * overrides, the compiled CVs (PSORSIM_IIV_POTENCY_CV, PSORSIM_IIV_UVB_CV),
 * no covariate. */
PSORSIM_EXPORT void psorsim_setup_settings_init(psorsim_setup_settings *s);

/* What the set-up reports besides the parameters and events. */
typedef struct psorsim_patient_setup {
  size_t n_events;       /* events written; when more than cap, the room needed instead
                            (nothing else is valid then: call again with that much) */
  double last_event_day; /* time of the last event given up to the dropout (a dose, a
                            pulse's end, a switch-off), days; -INFINITY when none */
} psorsim_patient_setup;

/* Set up patient pt on `arm` (NULL: no regimen) of a trial of `trial_weeks`
 * weeks, for the treated model tm built from that arm's treatments
 * (psorsim_regimen_treatments) and the run's settings `run` (NULL: defaults).
 * Writes the composite parameters into p (psorsim_treated_model_model(tm)->
 * n_params values) and at most cap time-ordered events into `events`
 * (switch-offs before switch-ons at one time; NULL allowed when cap is 0), and
 * the count and the last event's time into *out. The variability draws use
 * the stream (pt->iiv, PSR_STREAM_DRUG), so a call repeated with more room
 * gives the same patient. Returns PSORSIM_OK, PSORSIM_EINVAL (a missing
 * argument, a body weight that is not positive, recorded sessions without a
 * phototherapy in tm, a treatment of the arm not in tm), PSORSIM_EINPUT or
 * PSORSIM_EUNIT (a regimen entry that cannot be dosed), PSORSIM_ENOMEM. */
PSORSIM_EXPORT int psorsim_treated_patient_setup(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                                                 const psorsim_trial_arm *arm, double trial_weeks,
                                                 const psorsim_treated_patient *pt,
                                                 const psorsim_setup_settings *run, double *p,
                                                 psorsim_event *events, size_t cap,
                                                 psorsim_patient_setup *out);

/* A response covariate: the patient's potency (every non-UVB effect's ec50)
 * is multiplied by exp(sum_k beta_k (x_k - reference_k)), so the reference
 * patient keeps the library's potency and a positive beta makes a patient
 * with more of x_k respond less. The betas are chosen so that the simulated
 * odds ratios of the published endpoint reproduce the published ones
 * (src/treatments/response_covariates.c, docs/treatments.md). */
typedef enum psorsim_response_covariate_id {
  PSORSIM_RESPONSE_PRIOR_BIOLOGIC, /* x: prior_biologic (0 or 1) */
  PSORSIM_RESPONSE_AGE,            /* x: age_years */
  PSORSIM_RESPONSE_SHORT_DISEASE,  /* x: 1 when disease_years <= 2, else 0 */
  PSORSIM_RESPONSE_BMI,            /* x: bmi_kg_m2 */
  PSORSIM_RESPONSE_COVARIATE_COUNT
} psorsim_response_covariate_id;

typedef struct psorsim_response_covariate {
  const char *name;    /* "prior_biologic", "age", "disease_2y_or_less", "bmi" */
  const char *unit;    /* of x: "0/1", "years", "kg/m2" */
  double reference;    /* x of the reference patient (the default population's) */
  double beta;         /* ln ec50 factor per unit of x */
  double site_shift;   /* change of the log-mean of the skin sites' treatment sensitivity
                          (the disease model's site_sens_mu) per unit of x */
  double published_or; /* the published odds ratio of response per unit of x */
  const char *source;  /* where the odds ratio comes from, and the endpoint */
} psorsim_response_covariate;

/* The covariate table (PSORSIM_RESPONSE_COVARIATE_COUNT entries, in the
 * order of psorsim_response_covariate_id). */
PSORSIM_EXPORT const psorsim_response_covariate *psorsim_response_covariates(void);

/* x_k of patient pt for covariate `id` (NAN for an unknown id). */
PSORSIM_EXPORT double psorsim_response_covariate_value(const psorsim_treated_patient *pt,
                                                       psorsim_response_covariate_id id);

/* The patient's ec50 factor exp(sum_k beta_k (x_k - reference_k)): 1 for the
 * reference patient (psorsim_treated_patient_init). */
PSORSIM_EXPORT double psorsim_response_potency_factor(const psorsim_treated_patient *pt);

/* The patient's shift of the log-mean of its skin sites' treatment
 * sensitivity, sum_k site_shift_k (x_k - reference_k): 0 for the reference
 * patient. A virtual population adds it to its site_sens_mu
 * (docs/model.md 3.8): responses at saturating exposure are limited by the
 * sites, so covariates of response act there as well as on potency. */
PSORSIM_EXPORT double psorsim_response_site_shift(const psorsim_treated_patient *pt);

/* The library `placebo` entry's effect size at its node (0 when the library
 * has none). */
PSORSIM_EXPORT double psorsim_placebo_emax(void);

/* The non-specific (placebo) response: the library `placebo` entry's effects
 * at size `emax` (psorsim_placebo_emax for the library's; other effects of the
 * entry scale with it) times `factor`, on top of base_p's values, written
 * into p at the same base-model indices of `base` (p may be base_p). */
PSORSIM_EXPORT void psorsim_placebo_apply(const psorsim_model *base, const double *base_p,
                                          double emax, double factor, double *p);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_TREATED_PATIENT_H */
