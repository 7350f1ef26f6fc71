/* src/trial/pop_settings.h
 *
 * The population settings of a run (an internal interface of trial that the
 * modules above it may include; the NB-UVB fit in src/calib/uvb.c does): the
 * virtual population's defaults, changed by the run's "pop.*" overrides, the
 * base-model parameter overrides every candidate gets before its steady
 * state, and what each treated patient's set-up needs of them
 * (psorsim_setup_settings, treated_patient.h). Built once per run by
 * psr_pop_settings_init (src/trial/overrides.c), then read-only.
 */
#ifndef PSR_TRIAL_POP_SETTINGS_H
#define PSR_TRIAL_POP_SETTINGS_H

#include <psorsim/context.h>
#include <psorsim/treated_patient.h>
#include <psorsim/trial.h>

/* Population settings of one run: the defaults (src/trial/trial_impl.h) and
 * the library's placebo effect, changed by "pop.*" overrides; base-model
 * parameter overrides ("susceptibility", "trm_half_life", ...) are kept here
 * too and applied to every candidate before its steady state. */
typedef struct psr_pop_settings {
  const psorsim_model *base; /* the run's disease model (the spec's model:, borrowed) */
  double susceptibility_median, susceptibility_cv;
  double site_sigma_median, site_sigma_cv;
  double potency_cv;    /* ec50 of every treatment effect */
  double uvb_cv;        /* UVB sensitivity (emax of the UVB effect) */
  double placebo_cv;    /* the patient's placebo factor */
  double placebo_emax;  /* placebo effect size at its node (library `placebo` entry) */
  double pasi_noise_cv; /* PASI scoring error drawn anew at each score (screening, visits) */
  double pasi_rater_cv; /* PASI scoring error persistent over a patient's scores */
  double severity_median, severity_cv;  /* plaque severity (sign scores) */
  double site_sens_sigma, site_sens_mu; /* the sites' sensitivity to treatment */
  double med_median_mj, med_cv;
  double weight_cv, female, smoker;
  double stress_reactor, strep_carrier; /* prevalences of the chronic triggers */
  const char *const *names;             /* every override of the run (borrowed from the options) */
  const double *values;
  int n;
  int base_index[64]; /* per override: base-model parameter index, or -1 */
} psr_pop_settings;

/* Population settings of a run of disease model `base` (borrowed; it must
 * outlive the settings) from its options (NULL: defaults): PSORSIM_OK, or
 * PSORSIM_EINPUT naming an override that matches no "pop.*" setting, no
 * parameter of the disease model and no parameter of any library treatment,
 * or whose value is out of range. */
int psr_pop_settings_init(psorsim_ctx *ctx, const psorsim_model *base,
                          const psorsim_trial_options *opt, psr_pop_settings *pop);

/* Apply the base-model parameter overrides to a candidate's parameters
 * (before its steady state; population.c). */
void psr_pop_apply_base(const psr_pop_settings *pop, double *base_p);

/* What the set-up of every treated patient of the run needs: the placebo
 * response at the run's size, the run's overrides as new typical values,
 * the run's potency and UVB CVs and the UVB covariate on susceptibility. */
void psr_pop_setup_settings(const psr_pop_settings *pop, psorsim_setup_settings *s);

#endif /* PSR_TRIAL_POP_SETTINGS_H */
