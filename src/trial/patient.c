/* src/trial/patient.c
 *
 * One virtual patient on one arm: find an accepted candidate (population.c),
 * give it its own drug PK and potency (log-normal inter-individual
 * variability), build its dosing events, draw its adverse events (a
 * discontinuation stops all further dosing), integrate the treated model
 * with weekly visits, and record PASI, BSA, IGA and DLQI at each visit. A
 * solver failure is retried once with tighter tolerances, then recorded as a
 * failed patient. The patient's log (outcome.h: doses given, adverse events,
 * dropout, visits) is left in the thread workspace for the economics, which
 * reads it after the simulation (src/trial/trial.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "accumulate.h"
#include "common/context_impl.h"
#include "treatments/treated_model_impl.h"
#include "trial_impl.h"

#define TRIAL_RTOL 1e-3
#define TRIAL_ATOL 1e-3
#define RETRY_RTOL 1e-8
#define RETRY_ATOL 1e-7
/* Step budgets between two stops (events, the end). A treated patient-year
 * takes ~500 steps in all, so these only cut short a solve that has gone
 * wrong, which then costs milliseconds instead of seconds. */
#define TRIAL_MAX_STEPS 20000
#define RETRY_MAX_STEPS 50000
#define DAYS_PER_YEAR   365.25

/* Find the first accepted candidate of patient `id`; 0 when none was found. */
static int find_candidate(const psr_arm_ctx *ac, psr_thread_ws *ws, long id, psr_patient *pt,
                          int *tries)
{
  const int nb = psorsim_treated_model_base(ac->tm)->n_states;
  psr_rng screen;
  psr_rng_init(&screen, ac->seed, ac->arm_index, (uint64_t)id, PSR_STREAM_SCREENING);
  for (int k = 0; k < PSR_POP_MAX_TRIES; k++) {
    *tries = k + 1;
    if (psr_population_candidate(ws->ctx, ac->spec, ac->pop, ac->seed, ac->arm_index, id, k,
                                 ws->base_p, ws->y_full, pt) != PSORSIM_OK) {
      continue;
    }
    if (!psr_population_included(ac->spec, pt)) continue;
    if (!psr_population_accepts(ac->matcher, &screen, pt->baseline.pasi)) continue;
    for (int i = nb; i < psorsim_treated_model_model(ac->tm)->n_states; i++)
      ws->y_full[i] = 0.0;
    return 1;
  }
  psorsim_ctx_clear_error(ws->ctx);
  return 0;
}

/* Patient-specific PK, potency and UVB sensitivity. */
static void individualise(const psr_arm_ctx *ac, long id, double *p)
{
  psr_rng r;
  psr_rng_init(&r, ac->seed, ac->arm_index, (uint64_t)id, PSR_STREAM_DRUG);
  for (int k = 0; k < psorsim_treated_model_count(ac->tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(ac->tm, k);
    const psorsim_pk_spec *pk = &s->tx->pk;
    double *q = p + s->param_offset;
    /* draw every factor in a fixed order, used or not, so streams stay aligned */
    const double fcl = psr_rng_lognormal_cv(&r, pk->iiv_cl_cv);
    const double fv = psr_rng_lognormal_cv(&r, pk->iiv_v_cv);
    const double fka = psr_rng_lognormal_cv(&r, pk->iiv_ka_cv);
    if (pk->kind == PSORSIM_PK_CELLS) {
      /* Cell therapy: the data are thin (docs/cell-therapy.md), so the kinetics, the
       * host immune state's half-life and every potency are sampled with wide CVs;
       * the drug factors above are drawn (zero CVs) only to keep the order fixed. */
      q[TMC_K_LUNG] *= psr_rng_lognormal_cv(&r, pk->cell_iiv_kinetics_cv);
      q[TMC_K_LOCAL] *= psr_rng_lognormal_cv(&r, pk->cell_iiv_kinetics_cv);
      q[TMC_F_HOME] = fmin(1.0, q[TMC_F_HOME] * psr_rng_lognormal_cv(&r, pk->cell_iiv_kinetics_cv));
      q[TMC_K_IMMUNE] *= psr_rng_lognormal_cv(&r, pk->cell_iiv_immune_cv);
      for (int e = 0; e < s->tx->n_effects; e++)
        q[TMP_NPK + TMP_PER_EFFECT * e + TMP_EC50] *=
            psr_rng_lognormal_cv(&r, pk->cell_iiv_effect_cv);
      continue;
    }
    q[TMP_CL] *= fcl;
    q[TMP_Q] *= fcl;
    q[TMP_VMAX] *= fcl;
    q[TMP_V1] *= fv;
    q[TMP_V2] *= fv;
    q[TMP_KA] *= fka;
    for (int e = 0; e < s->tx->n_effects; e++) {
      double *ef = q + TMP_NPK + TMP_PER_EFFECT * e;
      if (s->tx->effects[e].node == PSORSIM_NODE_UVB) {
        ef[TMP_EMAX] *= psr_rng_lognormal_cv(&r, PSR_IIV_UVB_CV);
      } else {
        ef[TMP_EC50] *= psr_rng_lognormal_cv(&r, PSR_IIV_POTENCY_CV);
      }
    }
  }
}

/* UVB sensitivity grows with the patient's genetic susceptibility (the gain
 * of the plaque loop): emax x (susceptibility / population median)^exponent,
 * the covariate model of the per-patient fits (docs/validation.md). */
static void uvb_covariate(const psr_arm_ctx *ac, const double *base_p, double *p)
{
  const psorsim_model *base = psorsim_treated_model_base(ac->tm);
  const int is = psorsim_model_param_index(base, "susceptibility");
  if (is < 0 || !(base_p[is] > 0.0)) return;
  for (int k = 0; k < psorsim_treated_model_count(ac->tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(ac->tm, k);
    for (int e = 0; e < s->tx->n_effects; e++) {
      if (s->tx->effects[e].node != PSORSIM_NODE_UVB) continue;
      p[s->param_offset + TMP_NPK + TMP_PER_EFFECT * e + TMP_EMAX] *=
          pow(base_p[is] / ac->pop->susceptibility_median, PSR_IIV_UVB_SUSC_EXP);
    }
  }
}

/* Whether an event is a switch back to the parameter's own value (kept after a dropout). */
static int is_switch_off(const psorsim_event *e, const double *p)
{
  return e->kind == PSORSIM_EVENT_SET_PARAM && e->value == p[e->index];
}

/* After a dropout at t_drop: switch every average-rate input off then
 * (events stay in time order); returns the new event count. */
static size_t stop_rates(const psr_arm_ctx *ac, psr_thread_ws *ws, size_t n, double t_drop,
                         double *last_dose)
{
  for (int k = 0; k < psorsim_treated_model_count(ac->tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(ac->tm, k);
    const psorsim_event off = {t_drop, PSORSIM_EVENT_SET_PARAM, s->param_offset + TMP_RATE, 0.0};
    size_t j = n;
    if (s->depot_state < 0 || n >= ws->events_cap) continue;
    while (j > 0 && ws->events[j - 1].t_day > t_drop) {
      ws->events[j] = ws->events[j - 1];
      j--;
    }
    ws->events[j] = off;
    n++;
    if (t_drop > *last_dose) *last_dose = t_drop;
  }
  return n;
}

/* Draw adverse events into the log (time, treatment, which event) and its
 * dropout (the earliest event that ends treatment); returns the dropout
 * time (INFINITY if none). */
static double draw_safety(const psr_arm_ctx *ac, long id, double t_end, psorsim_patient_log *pl)
{
  double t_drop = INFINITY;
  psr_rng r;
  psr_rng_init(&r, ac->seed, ac->arm_index, (uint64_t)id, PSR_STREAM_SAFETY);
  pl->n_aes = 0;
  pl->drop_ae = -1;
  for (int k = 0; k < ac->n_tx; k++) {
    const psorsim_treatment *t = ac->tx[k];
    for (int a = 0; a < t->n_aes; a++) {
      const double rate = t->aes[a].rate_per_100py / 100.0 / DAYS_PER_YEAR;
      double when = psr_rng_exponential(&r, rate);
      const double u = psr_rng_uniform(&r);
      const int kept = pl->n_aes < PSORSIM_LOG_MAX_AES; /* always: 16 x 4 events at most */
      if (when >= t_end) continue;
      if (kept) pl->aes[pl->n_aes] = (psorsim_ae_given){when, k, a};
      if (u < t->aes[a].discontinue_fraction && when < t_drop) {
        t_drop = when;
        pl->drop_ae = kept ? pl->n_aes : -1;
      }
      pl->n_aes += kept;
    }
  }
  pl->t_drop_day = t_drop;
  return t_drop;
}

/* The arm's events for this patient, into ws->events (grown when needed). */
static int build_events(const psr_arm_ctx *ac, psr_thread_ws *ws, const psr_patient *pt, size_t *n)
{
  const psorsim_dosing_patient dp = {pt->weight_kg, pt->med_mj_cm2};
  int rc = psorsim_regimen_events(ws->ctx, ac->tm, ac->arm, ws->p_full, &dp, ac->spec->weeks,
                                  ws->events, ws->events_cap, n);
  if (rc != PSORSIM_OK) return rc;
  if (*n + 16 > ws->events_cap) { /* room for the switch-offs of a dropout */
    psorsim_event *bigger = psr_malloc(ws->ctx, (*n + 64) * sizeof(psorsim_event));
    if (bigger == NULL) PSR_FAIL(ws->ctx, PSORSIM_ENOMEM, "allocating %zu events", *n);
    psr_free(ws->ctx, ws->events);
    ws->events = bigger;
    ws->events_cap = *n + 64;
    rc = psorsim_regimen_events(ws->ctx, ac->tm, ac->arm, ws->p_full, &dp, ac->spec->weeks,
                                ws->events, ws->events_cap, n);
  }
  return rc;
}

int psr_patient_simulate(const psr_arm_ctx *ac, psr_thread_ws *ws, long id,
                         psorsim_patient_record *rec, psorsim_visit *visits,
                         psorsim_solver_stats *stats)
{
  const psorsim_model *m = psorsim_treated_model_model(ac->tm);
  const int width = m->n_states + m->n_obs;
  const double t_end = 7.0 * ac->spec->weeks;
  psr_patient pt;
  size_t n_ev = 0, kept = 0;
  double t_drop, last_dose = -INFINITY;
  psorsim_patient_log *pl = &ws->log;
  int rc;
  psorsim_run run;
  psr_rng noise;

  memset(rec, 0, sizeof(*rec));
  rec->id = (int)id;
  rec->dropout_week = -1;
  rec->last_dose_week = NAN;
  memset(pl, 0, sizeof(*pl));
  pl->treatments = ac->tx;
  pl->n_treatments = ac->n_tx;
  pl->t_drop_day = INFINITY;
  pl->drop_ae = -1;
  if (!find_candidate(ac, ws, id, &pt, &rec->candidates)) {
    rec->failed = 1;
    return PSORSIM_OK;
  }
  rec->weight_kg = pt.weight_kg;
  rec->age_years = pt.age_years;
  rec->disease_years = pt.disease_years;
  rec->female = pt.female;
  rec->prior_biologic = pt.prior_biologic;
  rec->susceptibility = pt.susceptibility;
  rec->baseline_pasi = pt.baseline.pasi;
  rec->baseline_bsa = pt.baseline.bsa_percent;
  rec->baseline_iga = pt.baseline.iga;
  rec->baseline_dlqi = pt.baseline.dlqi;
  pl->baseline_pasi = pt.baseline.pasi;

  PSR_TRY(psorsim_treated_model_typical_params(ac->tm, ws->base_p, pt.weight_kg, ws->p_full));
  individualise(ac, id, ws->p_full);
  /* the non-specific response every participant has, active or placebo arm alike (the
   * library's `placebo` entry at the run's size), scaled by the patient's own factor */
  psr_placebo_apply(ac->pop, psorsim_treated_model_base(ac->tm), ws->base_p, pt.placebo,
                    ws->p_full);
  psr_overrides_apply(ac, ws->p_full);
  uvb_covariate(ac, ws->base_p, ws->p_full);
  PSR_TRY(build_events(ac, ws, &pt, &n_ev));

  t_drop = draw_safety(ac, id, t_end, pl);
  if (pl->drop_ae >= 0) {
    const psorsim_ae_given *a = &pl->aes[pl->drop_ae];
    snprintf(rec->dropout_reason, sizeof(rec->dropout_reason), "%s",
             ac->tx[a->treatment]->aes[a->ae].name);
  }
  PSR_TRY(psr_patient_log_doses(ac, ws, pt.weight_kg, t_drop));
  for (size_t i = 0; i < n_ev; i++) {
    const psorsim_event *e = &ws->events[i];
    const int off = is_switch_off(e, ws->p_full);
    if (e->t_day >= t_drop && !off) continue;
    if (e->t_day > last_dose && e->t_day <= t_drop) last_dose = e->t_day;
    ws->events[kept++] = *e;
  }
  if (isfinite(t_drop)) kept = stop_rates(ac, ws, kept, t_drop, &last_dose);
  if (isfinite(t_drop)) rec->dropout_week = (int)ceil(t_drop / 7.0);
  if (isfinite(last_dose)) rec->last_dose_week = last_dose / 7.0;

  memset(&run, 0, sizeof(run));
  run.params = ws->p_full;
  run.y0 = ws->y_full;
  run.t_out = ws->t_out;
  run.n_out = ac->n_visits;
  run.events = ws->events;
  run.n_events = (int)kept;
  run.out = ws->out;
  rc = psorsim_engine_run(ws->eng, &run);
  psr_solver_stats_add(stats, psorsim_engine_stats(ws->eng));
  if (rc == PSORSIM_ESOLVER || rc == PSORSIM_EMODEL) { /* one retry, tighter */
    psorsim_engine_set_tolerances(ws->eng, RETRY_RTOL, RETRY_ATOL);
    psorsim_engine_set_max_steps(ws->eng, RETRY_MAX_STEPS);
    rc = psorsim_engine_run(ws->eng, &run);
    psr_solver_stats_add(stats, psorsim_engine_stats(ws->eng));
    psorsim_engine_set_tolerances(ws->eng, TRIAL_RTOL, TRIAL_ATOL);
    psorsim_engine_set_max_steps(ws->eng, TRIAL_MAX_STEPS);
  }
  if (rc == PSORSIM_ESOLVER || rc == PSORSIM_EMODEL) {
    psorsim_ctx_clear_error(ws->ctx);
    rec->failed = 1;
    return PSORSIM_OK;
  }
  if (rc != PSORSIM_OK) return rc;
  if (visits == NULL) return PSORSIM_OK;
  psr_rng_init(&noise, ac->seed, ac->arm_index, (uint64_t)id, PSR_STREAM_MEASUREMENT);
  for (int w = 0; w < ac->n_visits; w++) {
    const double *row = ws->out + (size_t)w * (size_t)width + m->n_states;
    psorsim_visit *v = &visits[w];
    /* PASI as scored at the visit: the model's PASI times the scoring error
     * (log-normal, median 1, one draw per visit; week 0 is the screening
     * score that inclusion used, population.c), docs/trial-runner.md */
    const double scoring = psr_rng_median_one(&noise, ac->pop->pasi_noise_cv);
    int aes = 0;
    for (int a = 0; a < pl->n_aes; a++)
      aes += pl->aes[a].t_day <= 7.0 * w;
    v->week = w;
    v->pasi = w == 0 ? pt.baseline.pasi : fmin(72.0, row[ac->obs_pasi] * scoring);
    v->bsa = row[ac->obs_bsa];
    v->iga = row[ac->obs_iga];
    v->dlqi = row[ac->obs_dlqi];
    v->on_study = 7.0 * w < t_drop;
    v->ae_count = aes;
  }
  pl->visits = visits;
  pl->n_visits = ac->n_visits;
  return PSORSIM_OK;
}

void psr_thread_ws_tolerances(psorsim_engine *eng)
{
  psorsim_engine_set_tolerances(eng, TRIAL_RTOL, TRIAL_ATOL);
  psorsim_engine_set_max_steps(eng, TRIAL_MAX_STEPS);
}
