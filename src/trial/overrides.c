/* src/trial/overrides.c
 *
 * Runtime parameter overrides of a trial run (psorsim_trial_options,
 * docs/trial-runner.md "Overrides"), so that a calibration or a what-if needs
 * no recompilation:
 *
 *   pop.*                   population settings (psr_pop_settings): the
 *                           spread of susceptibility, potency, UVB
 *                           sensitivity, the placebo response and the
 *                           screening noise of baseline PASI;
 *   <disease parameter>     e.g. "trm_half_life": set in every candidate
 *                           before its steady state (population.c);
 *   <treatment>.<param>     e.g. "secukinumab.il17.ec50": a new typical
 *                           value; each patient's weight scaling and random
 *                           factor stay on top; arms without the treatment
 *                           ignore it. The kinetic parameters of a cell
 *                           therapy (PSORSIM_PK_CELLS) are set as given.
 *                           Applied by each patient's set-up
 *                           (src/treatments/treated_patient.c), which gets
 *                           the run's settings from psr_pop_setup_settings.
 *
 * Settings are built once per run (psr_pop_settings_init) and read by all
 * threads; nothing here keeps state between calls.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <psorsim/treated_patient.h>

#include "common/context_impl.h"
#include "trial_impl.h"

/* A "pop.*" setting: its name, where it lives, and its allowed range. */
typedef struct pop_field {
  const char *name;
  size_t offset;
  double lo, hi;
} pop_field;

#define POP_FIELD(n, f, lo, hi)                                                                    \
  {                                                                                                \
    n, offsetof(psr_pop_settings, f), lo, hi                                                       \
  }

static const pop_field pop_fields[] = {
    POP_FIELD("pop.susceptibility_median", susceptibility_median, 0.01, 10.0),
    POP_FIELD("pop.susceptibility_cv", susceptibility_cv, 0.0, 3.0),
    POP_FIELD("pop.site_sigma_median", site_sigma_median, 0.0, 5.0),
    POP_FIELD("pop.site_sigma_cv", site_sigma_cv, 0.0, 3.0),
    POP_FIELD("pop.potency_cv", potency_cv, 0.0, 5.0),
    POP_FIELD("pop.uvb_cv", uvb_cv, 0.0, 5.0),
    POP_FIELD("pop.placebo_cv", placebo_cv, 0.0, 10.0),
    POP_FIELD("pop.placebo_emax", placebo_emax, 0.0, 1.0),
    POP_FIELD("pop.pasi_noise_cv", pasi_noise_cv, 0.0, 1.0),
    POP_FIELD("pop.pasi_rater_cv", pasi_rater_cv, 0.0, 1.0),
    POP_FIELD("pop.severity_median", severity_median, 0.2, 3.0),
    POP_FIELD("pop.severity_cv", severity_cv, 0.0, 1.0),
    POP_FIELD("pop.site_sens_sigma", site_sens_sigma, 0.0, 3.0),
    POP_FIELD("pop.site_sens_mu", site_sens_mu, -3.0, 8.0),
    POP_FIELD("pop.med_median_mj", med_median_mj, 1.0, 10000.0),
    POP_FIELD("pop.med_cv", med_cv, 0.0, 3.0),
    POP_FIELD("pop.weight_cv", weight_cv, 0.0, 1.0),
    POP_FIELD("pop.female", female, 0.0, 1.0),
    POP_FIELD("pop.smoker", smoker, 0.0, 1.0),
    POP_FIELD("pop.stress_reactor", stress_reactor, 0.0, 1.0),
    POP_FIELD("pop.strep_carrier", strep_carrier, 0.0, 1.0),
};

#define N_POP_FIELDS  ((int)(sizeof(pop_fields) / sizeof(pop_fields[0])))
#define MAX_OVERRIDES ((int)(sizeof(((psr_pop_settings *)0)->base_index) / sizeof(int)))

static void set_defaults(psr_pop_settings *pop)
{
  memset(pop, 0, sizeof(*pop));
  pop->susceptibility_median = PSR_IIV_SUSCEPTIBILITY_MEDIAN;
  pop->susceptibility_cv = PSR_IIV_SUSCEPTIBILITY_CV;
  pop->site_sigma_median = PSR_IIV_SITE_SIGMA_MEDIAN;
  pop->site_sigma_cv = PSR_IIV_SITE_SIGMA_CV;
  pop->potency_cv = PSORSIM_IIV_POTENCY_CV;
  pop->uvb_cv = PSORSIM_IIV_UVB_CV;
  pop->placebo_cv = PSR_IIV_PLACEBO_CV;
  pop->placebo_emax = psorsim_placebo_emax();
  pop->pasi_noise_cv = PSR_POP_PASI_NOISE_CV;
  pop->pasi_rater_cv = PSR_POP_PASI_RATER_CV;
  pop->severity_median = PSR_POP_SEVERITY_MEDIAN;
  pop->severity_cv = PSR_POP_SEVERITY_CV;
  pop->site_sens_sigma = PSR_POP_SITE_SENS_SIGMA;
  pop->site_sens_mu = PSR_POP_SITE_SENS_MU;
  pop->med_median_mj = PSR_POP_MED_MEDIAN_MJ;
  pop->med_cv = PSR_POP_MED_CV;
  pop->weight_cv = PSR_POP_WEIGHT_CV;
  pop->female = PSR_POP_FEMALE;
  pop->smoker = PSR_POP_SMOKER;
  pop->stress_reactor = PSR_POP_STRESS_REACTOR;
  pop->strep_carrier = PSR_POP_STREP_CARRIER;
}

/* Whether `name` is "<treatment>.<parameter>" of a library treatment. */
static int is_treatment_param(psorsim_ctx *ctx, const psorsim_model *base, const char *name)
{
  char prefix[96];
  const char *dot = strchr(name, '.');
  const psorsim_treatment *tx;
  psorsim_treated_model *tm = NULL;
  int idx, base_n;
  if (dot == NULL || (size_t)(dot - name) >= sizeof(prefix)) return 0;
  memcpy(prefix, name, (size_t)(dot - name));
  prefix[dot - name] = '\0';
  tx = psorsim_treatment_find(prefix);
  /* rate and the closed-form doses (dosed_*) are set by the doses */
  if (tx == NULL || strcmp(dot + 1, "rate") == 0 || strncmp(dot + 1, "dosed_", 6) == 0) return 0;
  if (psorsim_treated_model_create(ctx, base, &tx, 1, &tm) != PSORSIM_OK) {
    psorsim_ctx_clear_error(ctx);
    return 0;
  }
  base_n = base->n_params;
  idx = psorsim_model_param_index(psorsim_treated_model_model(tm), name);
  psorsim_treated_model_free(&tm);
  return idx >= base_n;
}

int psr_pop_settings_init(psorsim_ctx *ctx, const psorsim_model *base,
                          const psorsim_trial_options *opt, psr_pop_settings *pop)
{
  set_defaults(pop);
  PSR_CHECK(ctx, base != NULL, PSORSIM_EINVAL, "no disease model given");
  pop->base = base;
  if (opt == NULL || opt->n_overrides <= 0) return PSORSIM_OK;
  PSR_CHECK(ctx, opt->override_names != NULL && opt->override_values != NULL, PSORSIM_EINVAL,
            "overrides given without names or values");
  PSR_CHECK(ctx, opt->n_overrides <= MAX_OVERRIDES, PSORSIM_EINPUT,
            "at most %d parameter overrides per run, got %d", MAX_OVERRIDES, opt->n_overrides);
  pop->names = opt->override_names;
  pop->values = opt->override_values;
  pop->n = opt->n_overrides;
  for (int i = 0; i < pop->n; i++) {
    const char *name = pop->names[i];
    const double v = pop->values[i];
    pop->base_index[i] = -1;
    PSR_CHECK(ctx, name != NULL && isfinite(v), PSORSIM_EINPUT,
              "override %d: a name and a finite value are needed", i + 1);
    if (strncmp(name, "pop.", 4) == 0) {
      int found = 0;
      for (int f = 0; f < N_POP_FIELDS; f++) {
        if (strcmp(name, pop_fields[f].name) != 0) continue;
        PSR_CHECK(ctx, v >= pop_fields[f].lo && v <= pop_fields[f].hi, PSORSIM_EINPUT,
                  "override %s = %g is outside %g-%g", name, v, pop_fields[f].lo, pop_fields[f].hi);
        *(double *)((char *)pop + pop_fields[f].offset) = v;
        found = 1;
      }
      PSR_CHECK(ctx, found, PSORSIM_EINPUT,
                "unknown population setting '%s' (known: pop.susceptibility_median, "
                "pop.susceptibility_cv, pop.site_sigma_median, pop.site_sigma_cv, "
                "pop.potency_cv, pop.uvb_cv, pop.placebo_cv, pop.placebo_emax, "
                "pop.pasi_noise_cv, pop.pasi_rater_cv, pop.severity_median, pop.severity_cv, "
                "pop.site_sens_sigma, pop.site_sens_mu, "
                "pop.med_median_mj, pop.med_cv, pop.weight_cv, pop.female, "
                "pop.smoker, pop.stress_reactor, pop.strep_carrier)",
                name);
      continue;
    }
    pop->base_index[i] = psorsim_model_param_index(base, name);
    if (pop->base_index[i] >= 0) continue;
    PSR_CHECK(ctx, is_treatment_param(ctx, base, name), PSORSIM_EINPUT,
              "unknown parameter '%s': not a pop.* setting, not a parameter of model '%s' and "
              "not <treatment>.<parameter> of the library (see psorsim info, psorsim "
              "treatments)",
              name, base->name);
  }
  return PSORSIM_OK;
}

void psr_pop_apply_base(const psr_pop_settings *pop, double *base_p)
{
  for (int i = 0; i < pop->n; i++) {
    if (pop->base_index[i] >= 0) base_p[pop->base_index[i]] = pop->values[i];
  }
}

void psr_pop_setup_settings(const psr_pop_settings *pop, psorsim_setup_settings *s)
{
  psorsim_setup_settings_init(s);
  s->placebo = 1; /* every participant, active or placebo arm alike */
  s->placebo_emax = pop->placebo_emax;
  s->override_names = pop->names;
  s->override_values = pop->values;
  s->n_overrides = pop->n;
  s->overrides_as_given = 0;
  s->potency_cv = pop->potency_cv;
  s->uvb_cv = pop->uvb_cv;
  s->uvb_susceptibility_median = pop->susceptibility_median;
  s->uvb_susceptibility_exponent = PSR_IIV_UVB_SUSC_EXP;
}
