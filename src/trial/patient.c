/* src/trial/patient.c
 *
 * One virtual patient on one arm: find an accepted candidate (population.c),
 * draw its adverse events (a discontinuation stops all further dosing), set
 * it up on the arm's treated model (psorsim_treated_patient_setup: its own
 * drug PK, potency and UVB sensitivity, the placebo response, the run's
 * overrides, its dosing events until the dropout), integrate with weekly
 * visits, and record PASI, BSA, IGA and DLQI at each visit. A solver failure
 * is retried once with tighter tolerances, then recorded as a failed patient.
 * The patient's log (outcome.h: doses given, adverse events, dropout,
 * visits) is left in the thread workspace for the economics, which reads it
 * after the simulation (src/trial/trial.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/treated_patient.h>

#include "accumulate.h"
#include "safety.h"
#include "common/context_impl.h"
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
    if (!psr_population_accepts(ac->matcher, &screen, pt->baseline.pasi, pt->baseline.bsa_percent))
      continue;
    for (int i = nb; i < psorsim_treated_model_model(ac->tm)->n_states; i++)
      ws->y_full[i] = 0.0;
    return 1;
  }
  psorsim_ctx_clear_error(ws->ctx);
  return 0;
}

/* Draw adverse events on the patient's exposure clock (safety.c): its
 * doses without a dropout first, then the events, the dropout (the earliest
 * event that ends treatment) and the exposure into the log and rec->exposure;
 * the dropout's reason into rec. *t_drop gets the dropout time (INFINITY if
 * none). */
static int draw_safety(const psr_arm_ctx *ac, psr_thread_ws *ws, long id, double t_end,
                       double weight_kg, psorsim_patient_record *rec, double *t_drop)
{
  const psorsim_patient_exposure *ex = &rec->exposure;
  PSR_TRY(psr_patient_log_doses(ac, ws, weight_kg, INFINITY));
  PSR_TRY(psr_safety_draw(ac, ws, id, t_end, &rec->exposure));
  *t_drop = ex->dropout_day;
  if (ex->drop_type >= 0) {
    const psorsim_treatment *t = ac->tx[ex->drop_type / PSORSIM_LOG_AES_PER_TREATMENT];
    snprintf(rec->dropout_reason, sizeof(rec->dropout_reason), "%s",
             t->aes[ex->drop_type % PSORSIM_LOG_AES_PER_TREATMENT].name);
  }
  return PSORSIM_OK;
}

/* The patient's composite parameters and events (psorsim_treated_patient_setup:
 * its own PK, potency and UVB sensitivity, the placebo response, the run's
 * overrides, the arm's doses until the dropout at t_drop) into ws->p_full and
 * ws->events, which grow when needed. */
static int setup_patient(const psr_arm_ctx *ac, psr_thread_ws *ws, long id, const psr_patient *pt,
                         double t_drop, psorsim_patient_setup *su)
{
  const psorsim_stream_key key = {ac->seed, ac->arm_index, (uint64_t)id};
  psorsim_treated_patient tp;
  psorsim_setup_settings run;
  psorsim_treated_patient_init(&tp, pt->weight_kg, pt->med_mj_cm2);
  tp.base_p = ws->base_p;
  /* the non-specific response every participant has, active or placebo arm alike, scaled by
   * the patient's own factor */
  tp.placebo_factor = pt->placebo;
  tp.iiv = &key;
  tp.dropout_day = t_drop;
  psr_population_response_covariates(pt, &tp);
  psr_pop_setup_settings(ac->pop, &run);
  PSR_TRY(psorsim_treated_patient_setup(ws->ctx, ac->tm, ac->arm, ac->spec->weeks, &tp, &run,
                                        ws->p_full, ws->events, ws->events_cap, su));
  if (su->n_events > ws->events_cap) { /* grow, then the same patient again */
    psorsim_event *bigger = psr_malloc(ws->ctx, (su->n_events + 64) * sizeof(psorsim_event));
    if (bigger == NULL) PSR_FAIL(ws->ctx, PSORSIM_ENOMEM, "allocating %zu events", su->n_events);
    psr_free(ws->ctx, ws->events);
    ws->events = bigger;
    ws->events_cap = su->n_events + 64;
    PSR_TRY(psorsim_treated_patient_setup(ws->ctx, ac->tm, ac->arm, ac->spec->weeks, &tp, &run,
                                          ws->p_full, ws->events, ws->events_cap, su));
  }
  return PSORSIM_OK;
}

int psr_patient_simulate(const psr_arm_ctx *ac, psr_thread_ws *ws, long id,
                         psorsim_patient_record *rec, psorsim_visit *visits,
                         psorsim_solver_stats *stats)
{
  const psorsim_model *m = psorsim_treated_model_model(ac->tm);
  const int width = m->n_states + m->n_obs;
  const double t_end = 7.0 * ac->spec->weeks;
  psr_patient pt;
  psorsim_patient_setup su;
  double t_drop;
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

  PSR_TRY(draw_safety(ac, ws, id, t_end, pt.weight_kg, rec, &t_drop));
  PSR_TRY(setup_patient(ac, ws, id, &pt, t_drop, &su));
  PSR_TRY(psr_patient_log_doses(ac, ws, pt.weight_kg, t_drop));
  if (isfinite(t_drop)) rec->dropout_week = (int)ceil(t_drop / 7.0);
  if (isfinite(su.last_event_day)) rec->last_dose_week = su.last_event_day / 7.0;

  memset(&run, 0, sizeof(run));
  run.params = ws->p_full;
  run.y0 = ws->y_full;
  run.t_out = ws->t_out;
  run.n_out = ac->n_visits;
  run.events = ws->events;
  run.n_events = (int)su.n_events;
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
    const double scoring = psr_rng_lognormal_cv(&noise, ac->pop->pasi_noise_cv);
    int aes = 0;
    for (int a = 0; a < pl->n_aes; a++)
      aes += pl->aes[a].t_day <= 7.0 * w;
    v->week = w;
    v->pasi = w == 0 ? pt.baseline.pasi : fmin(72.0, row[ac->obs_pasi] * pt.rater * scoring);
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
