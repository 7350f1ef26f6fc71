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
 *
 * Settings are built once per run (psr_pop_settings_init) and read by all
 * threads; nothing here keeps state between calls.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "common/context_impl.h"
#include "treatments/treated_model_impl.h"
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
    POP_FIELD("pop.med_median_mj", med_median_mj, 1.0, 10000.0),
    POP_FIELD("pop.med_cv", med_cv, 0.0, 3.0),
    POP_FIELD("pop.weight_cv", weight_cv, 0.0, 1.0),
    POP_FIELD("pop.female", female, 0.0, 1.0),
    POP_FIELD("pop.smoker", smoker, 0.0, 1.0),
};

#define N_POP_FIELDS  ((int)(sizeof(pop_fields) / sizeof(pop_fields[0])))
#define MAX_OVERRIDES ((int)(sizeof(((psr_pop_settings *)0)->base_index) / sizeof(int)))

/* The placebo entry's first effect size (0 when the library has none). */
static double library_placebo_emax(void)
{
  const psorsim_treatment *pl = psorsim_treatment_find("placebo");
  return pl != NULL && pl->n_effects > 0 ? pl->effects[0].emax : 0.0;
}

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
  pop->placebo_emax = library_placebo_emax();
  pop->pasi_noise_cv = PSR_POP_PASI_NOISE_CV;
  pop->med_median_mj = PSR_POP_MED_MEDIAN_MJ;
  pop->med_cv = PSR_POP_MED_CV;
  pop->weight_cv = PSR_POP_WEIGHT_CV;
  pop->female = PSR_POP_FEMALE;
  pop->smoker = PSR_POP_SMOKER;
}

/* Whether `name` is "<treatment>.<parameter>" of a library treatment. */
static int is_treatment_param(psorsim_ctx *ctx, const char *name)
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
  if (psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), &tx, 1, &tm) != PSORSIM_OK) {
    psorsim_ctx_clear_error(ctx);
    return 0;
  }
  base_n = psorsim_psoriasis_model()->n_params;
  idx = psorsim_model_param_index(psorsim_treated_model_model(tm), name);
  psorsim_treated_model_free(&tm);
  return idx >= base_n;
}

int psr_pop_settings_init(psorsim_ctx *ctx, const psorsim_trial_options *opt, psr_pop_settings *pop)
{
  const psorsim_model *base = psorsim_psoriasis_model();
  set_defaults(pop);
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
                "pop.pasi_noise_cv, pop.med_median_mj, pop.med_cv, pop.weight_cv, pop.female, "
                "pop.smoker)",
                name);
      continue;
    }
    pop->base_index[i] = psorsim_model_param_index(base, name);
    if (pop->base_index[i] >= 0) continue;
    PSR_CHECK(ctx, is_treatment_param(ctx, name), PSORSIM_EINPUT,
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

/* Log-normal sigma of a CV. */
static double omega(double cv)
{
  return sqrt(log1p(cv * cv));
}

double psr_iiv_rescale(double x, double typical, double cv_old, double cv_new)
{
  double w_old, w_new, z;
  if (!(typical > 0) || !(x > 0) || cv_old <= 0 || cv_old == cv_new) return x;
  w_old = omega(cv_old);
  w_new = omega(cv_new);
  z = (log(x / typical) + 0.5 * w_old * w_old) / w_old; /* the patient's own deviate */
  return typical * exp(w_new * z - 0.5 * w_new * w_new);
}

/* Potency and UVB factors drawn by individualise() at the compile-time CVs,
 * moved to the run's CVs. */
static void rescale_iiv(const psr_arm_ctx *ac, double *p)
{
  for (int k = 0; k < psorsim_treated_model_count(ac->tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(ac->tm, k);
    if (s->tx->pk.kind == PSORSIM_PK_CELLS) continue; /* drawn with the cell-therapy CVs */
    for (int e = 0; e < s->tx->n_effects; e++) {
      double *ef = p + s->param_offset + TMP_NPK + TMP_PER_EFFECT * e;
      const psorsim_effect_spec *sp = &s->tx->effects[e];
      if (sp->node == PSORSIM_NODE_UVB) {
        ef[TMP_EMAX] = psr_iiv_rescale(ef[TMP_EMAX], sp->emax, PSORSIM_IIV_UVB_CV, ac->pop->uvb_cv);
      } else {
        ef[TMP_EC50] =
            psr_iiv_rescale(ef[TMP_EC50], sp->ec50, PSORSIM_IIV_POTENCY_CV, ac->pop->potency_cv);
      }
    }
  }
}

void psr_placebo_apply(const psr_pop_settings *pop, const psorsim_model *base, const double *base_p,
                       double factor, double *p)
{
  const psorsim_treatment *pl = psorsim_treatment_find("placebo");
  const double lib = library_placebo_emax();
  const double run = pop != NULL ? pop->placebo_emax : lib;
  if (pl == NULL) return;
  for (int e = 0; e < pl->n_effects; e++) {
    const int idx = psorsim_model_param_index(base, psorsim_node_param_name(pl->effects[e].node));
    const double size = lib > 0 ? pl->effects[e].emax * run / lib : (e == 0 ? run : 0.0);
    const double eff = fmin(1.0, size * factor);
    if (idx < 0) continue;
    if (pl->effects[e].node == PSORSIM_NODE_UVB || pl->effects[e].node == PSORSIM_NODE_TREG) {
      p[idx] = base_p[idx] + eff;
    } else {
      p[idx] = 1.0 - (1.0 - base_p[idx]) * (1.0 - eff);
    }
  }
}

void psr_overrides_apply(const psr_arm_ctx *ac, double *p)
{
  const psorsim_model *m = psorsim_treated_model_model(ac->tm);
  const int base_n = psorsim_treated_model_base(ac->tm)->n_params;
  if (ac->pop == NULL) return;
  rescale_iiv(ac, p);
  for (int i = 0; i < ac->pop->n; i++) {
    const int idx = ac->pop->base_index[i] < 0 && strncmp(ac->pop->names[i], "pop.", 4) != 0
                        ? psorsim_model_param_index(m, ac->pop->names[i])
                        : -1;
    int later = 0;
    if (idx < base_n) continue; /* pop.*, base parameters (already set), other arms' drugs */
    for (int j = i + 1; j < ac->pop->n; j++)
      later |= strcmp(ac->pop->names[j], ac->pop->names[i]) == 0;
    if (later) continue; /* the last override of a name wins */
    for (int k = 0; k < psorsim_treated_model_count(ac->tm); k++) {
      const psorsim_treated_slot *s = psorsim_treated_model_slot(ac->tm, k);
      const int j = idx - s->param_offset;
      double typical;
      if (j < 0 || j >= s->n_params) continue;
      typical = psorsim_treated_model_library_value(ac->tm, idx);
      if (typical != 0.0 && isfinite(typical) && p[idx] != 0.0) {
        p[idx] *= ac->pop->values[i] / typical;
      } else {
        p[idx] = ac->pop->values[i];
      }
    }
  }
}
