/* src/treatments/treated_patient.c
 *
 * The set-up of one treated patient (include/psorsim/treated_patient.h):
 * typical parameters, the treated model's variability table, the placebo
 * response, the run's overrides, the UVB covariate, then the regimen's
 * events cut at the dropout. Every step works on the caller's buffers and
 * keeps no state, so the trial's threads, `psorsim simulate` and the NB-UVB
 * fit share it. The order of the steps and of the draws is part of the
 * results: a patient's numbers depend on it.
 */
#include <math.h>
#include <string.h>

#include <psorsim/regimen.h>
#include <psorsim/treated_patient.h>

#include "common/context_impl.h"
#include "common/rng_impl.h"
#include "response_covariates_impl.h"
#include "treated_model_impl.h"

void psorsim_treated_patient_init(psorsim_treated_patient *pt, double weight_kg, double med_mj_cm2)
{
  memset(pt, 0, sizeof(*pt));
  pt->weight_kg = weight_kg;
  pt->med_mj_cm2 = med_mj_cm2;
  pt->placebo_factor = 1.0;
  pt->dropout_day = INFINITY;
  psr_response_covariates_reference(pt);
}

void psorsim_setup_settings_init(psorsim_setup_settings *s)
{
  memset(s, 0, sizeof(*s));
  s->placebo_emax = psorsim_placebo_emax();
  s->potency_cv = PSORSIM_IIV_POTENCY_CV;
  s->uvb_cv = PSORSIM_IIV_UVB_CV;
}

double psorsim_placebo_emax(void)
{
  const psorsim_treatment *pl = psorsim_treatment_find("placebo");
  return pl != NULL && pl->n_effects > 0 ? pl->effects[0].emax : 0.0;
}

void psorsim_placebo_apply(const psorsim_model *base, const double *base_p, double emax,
                           double factor, double *p)
{
  const psorsim_treatment *pl = psorsim_treatment_find("placebo");
  const double lib = psorsim_placebo_emax();
  if (pl == NULL) return;
  for (int e = 0; e < pl->n_effects; e++) {
    psorsim_input_kind kind = PSORSIM_INPUT_INHIBITION;
    const int idx =
        psorsim_model_input_index(base, psorsim_node_param_name(pl->effects[e].node), &kind);
    const double size = lib > 0 ? pl->effects[e].emax * emax / lib : (e == 0 ? emax : 0.0);
    const double eff = fmin(1.0, size * factor);
    if (idx < 0) continue;
    if (kind == PSORSIM_INPUT_ADDITIVE) { /* as the model declares the input (model.h) */
      p[idx] = base_p[idx] + eff;
    } else {
      p[idx] = 1.0 - (1.0 - base_p[idx]) * (1.0 - eff);
    }
  }
}

/* The CV a run wants for a factor: its own unless the run moves potency or UVB. */
static double run_cv(const psorsim_iiv_entry *e, const psorsim_setup_settings *run)
{
  if (e->kind == PSORSIM_IIV_POTENCY) return run->potency_cv;
  if (e->kind == PSORSIM_IIV_UVB) return run->uvb_cv;
  return e->cv;
}

/* The patient's random factors, in table order from its drug stream, each
 * carried to the run's CV with the same deviate. */
static void draw_variability(const psorsim_treated_model *tm, const psorsim_stream_key *key,
                             const psorsim_setup_settings *run, double *p)
{
  int n;
  const psorsim_iiv_entry *iiv = psorsim_treated_model_variability(tm, &n);
  psr_rng r;
  psr_rng_init(&r, key->seed, key->arm, key->patient, PSR_STREAM_DRUG);
  for (int i = 0; i < n; i++) {
    const psorsim_iiv_entry *e = &iiv[i];
    const double f = e->dist == PSORSIM_IIV_MEDIAN_ONE ? psr_rng_median_one(&r, e->cv)
                                                       : psr_rng_lognormal_cv(&r, e->cv);
    const double cv = run_cv(e, run);
    for (int j = 0; j < e->n_params; j++) {
      const int k = e->param[j];
      const double x = p[k] * f;
      p[k] = isfinite(e->cap) ? fmin(e->cap, x) : x;
      if (cv != e->cv)
        p[k] = psr_iiv_rescale(p[k], psorsim_treated_model_library_value(tm, k), e->cv, cv);
    }
  }
}

/* The response covariates (response_covariates.c): every non-UVB effect's
 * ec50 times the patient's factor, for each treatment of the model. */
static void response_covariates(const psorsim_treated_model *tm, const psorsim_treated_patient *pt,
                                double *p)
{
  const double f = psorsim_response_potency_factor(pt);
  if (f == 1.0) return;
  for (int k = 0; k < psorsim_treated_model_count(tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(tm, k);
    for (int e = 0; e < s->tx->n_effects; e++) {
      if (s->tx->effects[e].node == PSORSIM_NODE_UVB) continue;
      p[s->param_offset + TMP_NPK + TMP_PER_EFFECT * e + TMP_EC50] *= f;
    }
  }
}

/* The run's overrides of composite parameters (psorsim_setup_settings). */
static void apply_overrides(const psorsim_treated_model *tm, const psorsim_setup_settings *run,
                            double *p)
{
  const psorsim_model *m = psorsim_treated_model_model(tm);
  const int base_n = psorsim_treated_model_base(tm)->n_params;
  for (int i = 0; i < run->n_overrides; i++) {
    const int idx = psorsim_model_param_index(m, run->override_names[i]);
    const double v = run->override_values[i];
    double typical;
    int later = 0;
    if (run->overrides_as_given) {
      if (idx >= 0) p[idx] = v;
      continue;
    }
    if (idx < base_n) continue; /* pop.*, base parameters (in base_p), other arms' drugs */
    for (int j = i + 1; j < run->n_overrides; j++)
      later |= strcmp(run->override_names[j], run->override_names[i]) == 0;
    if (later) continue; /* the last override of a name wins */
    /* a new typical value: the patient's weight scaling and random factor stay on top */
    typical = psorsim_treated_model_library_value(tm, idx);
    if (typical != 0.0 && isfinite(typical) && p[idx] != 0.0) {
      p[idx] *= v / typical;
    } else {
      p[idx] = v; /* no library value (cell kinetics, dose inputs) or no effect: as given */
    }
  }
}

/* UVB sensitivity grows with the patient's genetic susceptibility (the gain
 * of the plaque loop): emax x (susceptibility / population median)^exponent,
 * the covariate model of the per-patient fits (docs/validation.md). */
static void uvb_covariate(const psorsim_treated_model *tm, const psorsim_treated_patient *pt,
                          const psorsim_setup_settings *run, double *p)
{
  const psorsim_model *base = psorsim_treated_model_base(tm);
  const int is = psorsim_model_covariate_index(base, PSORSIM_COVARIATE_SUSCEPTIBILITY);
  double susc;
  if (!(run->uvb_susceptibility_median > 0) || is < 0) return;
  susc = pt->base_p != NULL ? pt->base_p[is] : base->params[is].value;
  if (!(susc > 0.0)) return;
  for (int k = 0; k < psorsim_treated_model_count(tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(tm, k);
    for (int e = 0; e < s->tx->n_effects; e++) {
      if (s->tx->effects[e].node != PSORSIM_NODE_UVB) continue;
      p[s->param_offset + TMP_NPK + TMP_PER_EFFECT * e + TMP_EMAX] *=
          pow(susc / run->uvb_susceptibility_median, run->uvb_susceptibility_exponent);
    }
  }
}

/* Sessions recorded one by one (their doses follow no escalation rule), on
 * the treated model's phototherapy; appended to ev and counted in *n. */
static int recorded_sessions(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                             const psorsim_treated_patient *pt, const double *p, psorsim_event *ev,
                             size_t cap, size_t *n)
{
  const psorsim_treated_slot *s = NULL;
  psr_uv_course course;
  for (int k = 0; k < psorsim_treated_model_count(tm) && s == NULL; k++) {
    const psorsim_treated_slot *sk = psorsim_treated_model_slot(tm, k);
    if (sk->tx->cls == PSORSIM_TX_PHOTOTHERAPY) s = sk;
  }
  PSR_CHECK(ctx, s != NULL, PSORSIM_EINVAL,
            "recorded UV sessions need a phototherapy in model '%s'",
            psorsim_treated_model_model(tm)->name);
  PSR_TRY(psr_uv_course_start(ctx, tm, s, p, &course));
  for (int k = 0; k < pt->n_uv; k++)
    psr_uv_course_session(&course, pt->uv_day[k], pt->uv_j_cm2[k], ev, cap, n);
  return PSORSIM_OK;
}

/* Treatment slots whose average-rate input a dropout switches off. */
static size_t rate_inputs(const psorsim_treated_model *tm)
{
  size_t n = 0;
  for (int k = 0; k < psorsim_treated_model_count(tm); k++)
    n += psorsim_treated_model_slot(tm, k)->depot_state >= 0;
  return n;
}

/* Whether an event is a switch back to the parameter's own value (kept after a dropout). */
static int is_switch_off(const psorsim_event *e, const double *p)
{
  return e->kind == PSORSIM_EVENT_SET_PARAM && e->value == p[e->index];
}

/* The dropout at t_drop: drop every event from then on except switch-offs,
 * then switch every average-rate input off at t_drop (events stay in time
 * order; ev has room for them). Returns the new count; *last gets the time of
 * the last event kept. */
static size_t cut_at_dropout(const psorsim_treated_model *tm, const double *p, double t_drop,
                             psorsim_event *ev, size_t n, double *last)
{
  size_t kept = 0;
  *last = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    const psorsim_event e = ev[i];
    if (e.t_day >= t_drop && !is_switch_off(&e, p)) continue;
    if (e.t_day > *last && e.t_day <= t_drop) *last = e.t_day;
    ev[kept++] = e;
  }
  if (!isfinite(t_drop)) return kept;
  for (int k = 0; k < psorsim_treated_model_count(tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(tm, k);
    const psorsim_event off = {t_drop, PSORSIM_EVENT_SET_PARAM, s->param_offset + TMP_RATE, 0.0};
    size_t j = kept;
    if (s->depot_state < 0) continue;
    while (j > 0 && ev[j - 1].t_day > t_drop) {
      ev[j] = ev[j - 1];
      j--;
    }
    ev[j] = off;
    kept++;
    if (t_drop > *last) *last = t_drop;
  }
  return kept;
}

int psorsim_treated_patient_setup(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                                  const psorsim_trial_arm *arm, double trial_weeks,
                                  const psorsim_treated_patient *pt,
                                  const psorsim_setup_settings *run, double *p,
                                  psorsim_event *events, size_t cap, psorsim_patient_setup *out)
{
  psorsim_setup_settings defaults;
  const psorsim_model *base;
  const double *base_p;
  const psorsim_dosing_patient dp = {pt != NULL ? pt->weight_kg : 0.0,
                                     pt != NULL ? pt->med_mj_cm2 : 0.0};
  size_t n = 0, need;

  PSR_CHECK(ctx,
            tm != NULL && pt != NULL && p != NULL && out != NULL && (cap == 0 || events != NULL),
            PSORSIM_EINVAL, "treated patient set-up: missing argument");
  PSR_CHECK(ctx, pt->n_uv == 0 || (pt->n_uv > 0 && pt->uv_day != NULL && pt->uv_j_cm2 != NULL),
            PSORSIM_EINVAL,
            "treated patient set-up: %d recorded UV sessions without times or doses", pt->n_uv);
  PSR_CHECK(ctx, pt->weight_kg > 0 && isfinite(pt->weight_kg), PSORSIM_EINVAL,
            "body weight must be positive, got %g kg", pt->weight_kg);
  if (run == NULL) {
    psorsim_setup_settings_init(&defaults);
    run = &defaults;
  }
  out->n_events = 0;
  out->last_event_day = -INFINITY;
  base = psorsim_treated_model_base(tm);

  /* parameters: typical, variability, response covariates, placebo, overrides, UVB covariate
   * (this order) */
  PSR_TRY(psorsim_treated_model_typical_params(tm, pt->base_p, pt->weight_kg, p));
  base_p = pt->base_p != NULL ? pt->base_p : p; /* p's base part is the defaults until placebo */
  if (pt->iiv != NULL) draw_variability(tm, pt->iiv, run, p);
  response_covariates(tm, pt, p);
  if (run->placebo) {
    /* heavier patients have less placebo response too (tildrakizumab E-R, docs/treatments.md):
     * the BMI term of the response covariates divides the patient's placebo factor */
    const psorsim_response_covariate *bmi = &psorsim_response_covariates()[PSORSIM_RESPONSE_BMI];
    const double f = exp(-bmi->beta * (pt->bmi_kg_m2 - bmi->reference));
    psorsim_placebo_apply(base, base_p, run->placebo_emax, pt->placebo_factor * f, p);
  }
  apply_overrides(tm, run, p);
  uvb_covariate(tm, pt, run, p);

  /* events: the regimen's, recorded sessions, then the dropout */
  if (arm != NULL) {
    PSR_TRY(psorsim_regimen_events(ctx, tm, arm, p, &dp, trial_weeks, events, cap, &n));
  }
  if (pt->n_uv > 0) PSR_TRY(recorded_sessions(ctx, tm, pt, p, events, cap, &n));
  need = n + (isfinite(pt->dropout_day) ? rate_inputs(tm) : 0);
  if (need > cap) { /* the caller calls again with room for all */
    out->n_events = need;
    return PSORSIM_OK;
  }
  if (pt->n_uv > 0) psr_events_sort(events, n); /* the runs of sessions and regimen merged */
  out->n_events = cut_at_dropout(tm, p, pt->dropout_day, events, n, &out->last_event_day);
  return PSORSIM_OK;
}
