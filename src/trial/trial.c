/* src/trial/trial.c
 *
 * psorsim_trial_run: for each arm, build its treated model, then simulate
 * its patients in chunks of CHUNK. Inside a chunk patients run in parallel
 * (OpenMP), each writing only its own slot; after the chunk the slots are
 * folded into the arm's accumulators serially, in patient order. Random
 * numbers depend only on (seed, arm, patient), and the fold order does not
 * depend on the threads, so the result is the same for any thread count.
 * Time-course percentiles come from fixed-width histograms, so the memory
 * for them does not grow with the number of patients. Per-patient records
 * stay in memory only when visits are kept or an economics block needs them
 * (its bootstrap); otherwise they are streamed to a temporary file that the
 * report reads back (psorsim_arm_records), and memory is flat in patients.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include <psorsim/economics.h>

#include "common/context_impl.h"
#include "common/stats_impl.h"
#include "trial_impl.h"

#define CHUNK        256
#define MSG_LEN      512
#define DEFAULT_SEED 20260101u
#define PASI_HBINS   1440 /* 0.05-point bins over 0-72 */
#define PASI_HMAX    72.0
#define IMP_HBINS    2000 /* 0.1-point bins over -100..100 % */
#define IMP_HMIN     -100.0
#define IMP_HMAX     100.0

/* What an arm accumulates while its chunks are folded in. */
typedef struct arm_acc {
  long *k;                    /* per endpoint: responders (or relapse count) */
  long *n;                    /* per endpoint: patients counted */
  double *sum, *sumsq;        /* per endpoint: for means */
  int relapse;                /* the trial has a relapse endpoint (rel_t, rel_c per patient) */
  double *rel_t;              /* relapse: per patient time (NaN if not counted) */
  int *rel_c;                 /* relapse: censored flags */
  unsigned *hist_pasi;        /* n_visits x PASI_HBINS */
  unsigned *hist_imp;         /* n_visits x IMP_HBINS */
  double *sum_pasi, *sum_imp; /* n_visits */
  long *n_visit;              /* n_visits: patients counted at each visit */
} arm_acc;

void psorsim_trial_result_free(psorsim_trial_result **rp)
{
  psorsim_trial_result *r;
  if (rp == NULL || *rp == NULL) return;
  r = *rp;
  for (size_t a = 0; a < r->n_arms && r->arms != NULL; a++) {
    psorsim_arm_result *ar = &r->arms[a];
    free(ar->failed_ids);
    free(ar->endpoints);
    free(ar->visit_week);
    free(ar->pasi_mean);
    free(ar->pasi_p05);
    free(ar->pasi_p95);
    free(ar->improve_mean);
    free(ar->improve_p05);
    free(ar->improve_p95);
    free(ar->patients);
    free(ar->visits);
    if (ar->spool != NULL) fclose(ar->spool);
    psorsim_econ_arm_free(&ar->econ);
    free(ar->econ_patients);
  }
  free(r->arms);
  free(r);
  *rp = NULL;
}

static void acc_free(arm_acc *acc)
{
  free(acc->k);
  free(acc->n);
  free(acc->sum);
  free(acc->sumsq);
  free(acc->rel_t);
  free(acc->rel_c);
  free(acc->hist_pasi);
  free(acc->hist_imp);
  free(acc->sum_pasi);
  free(acc->sum_imp);
  free(acc->n_visit);
  memset(acc, 0, sizeof(*acc));
}

static int hist_bin(double x, double lo, double hi, int nb)
{
  int b = (int)floor((x - lo) / (hi - lo) * nb);
  return b < 0 ? 0 : b >= nb ? nb - 1 : b;
}

/* Quantile q of a histogram over [lo, hi) with linear interpolation inside the bin. */
static double hist_quantile(const unsigned *h, int nb, double lo, double hi, long total, double q)
{
  double target = q * (double)total, cum = 0.0, w = (hi - lo) / nb;
  if (total <= 0) return NAN;
  for (int b = 0; b < nb; b++) {
    if (h[b] == 0) continue;
    if (cum + h[b] >= target) return lo + w * (b + (target - cum) / h[b]);
    cum += h[b];
  }
  return hi;
}

/* Thread workspaces for one arm. */
static int ws_create(psorsim_ctx *ctx, const psr_arm_ctx *ac, psr_thread_ws *ws)
{
  const psorsim_model *m = psorsim_treated_model_model(ac->tm);
  memset(ws, 0, sizeof(*ws));
  if (psorsim_ctx_create(&ws->ctx) != PSORSIM_OK) PSR_FAIL(ctx, PSORSIM_ENOMEM, "thread context");
  ws->base_p = calloc((size_t)psorsim_treated_model_base(ac->tm)->n_params, sizeof(double));
  ws->p_full = calloc((size_t)m->n_params, sizeof(double));
  ws->y_full = calloc((size_t)m->n_states, sizeof(double));
  ws->t_out = calloc((size_t)ac->n_visits, sizeof(double));
  ws->out = calloc((size_t)ac->n_visits * (size_t)(m->n_states + m->n_obs), sizeof(double));
  if (!ws->base_p || !ws->p_full || !ws->y_full || !ws->t_out || !ws->out) {
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating a thread workspace");
  }
  for (int w = 0; w < ac->n_visits; w++)
    ws->t_out[w] = 7.0 * w;
  if (psorsim_engine_create(ws->ctx, m, &ws->eng) != PSORSIM_OK) {
    PSR_FAIL(ctx, psorsim_ctx_errcode(ws->ctx), "%s", psorsim_ctx_errmsg(ws->ctx));
  }
  psr_thread_ws_tolerances(ws->eng);
  return PSORSIM_OK;
}

static void ws_free(psr_thread_ws *ws)
{
  psorsim_engine_free(&ws->eng);
  free(ws->base_p);
  free(ws->p_full);
  free(ws->y_full);
  free(ws->t_out);
  free(ws->out);
  psr_free(ws->ctx, ws->events);
  psr_free(ws->ctx, ws->doses);
  psr_free(ws->ctx, ws->dose_times);
  psorsim_ctx_free(&ws->ctx);
  memset(ws, 0, sizeof(*ws));
}

/* Build the arm context: treatments, treated model, observable indices. */
static int arm_setup(psorsim_ctx *ctx, const psorsim_trial_spec *spec, size_t a, uint64_t seed,
                     const psr_matcher *matcher, psr_arm_ctx *ac)
{
  const psorsim_trial_arm *arm = &spec->arms[a];
  const psorsim_model *m;
  memset(ac, 0, sizeof(*ac));
  ac->spec = spec;
  ac->arm = arm;
  ac->arm_index = a;
  ac->seed = seed;
  ac->matcher = matcher;
  ac->pop = matcher->pop;
  ac->n_visits = (int)floor(spec->weeks + 1e-9) + 1;
  PSR_TRY(psorsim_regimen_treatments(ctx, arm, spec->source, ac->tx, 16, &ac->n_tx));
  PSR_CHECK(ctx, ac->n_tx <= 16, PSORSIM_EINPUT, "%s:%d: arm '%s' uses more than 16 treatments",
            spec->source, arm->line, arm->name);
  PSR_TRY(psorsim_regimen_validate(ctx, arm, spec->source));
  PSR_TRY(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), ac->tx, ac->n_tx, &ac->tm));
  m = psorsim_treated_model_model(ac->tm);
  ac->obs_pasi = psorsim_model_obs_index(m, "pasi");
  ac->obs_bsa = psorsim_model_obs_index(m, "bsa_percent");
  ac->obs_iga = psorsim_model_obs_index(m, "iga");
  ac->obs_dlqi = psorsim_model_obs_index(m, "dlqi");
  PSR_CHECK(ctx, ac->obs_pasi >= 0 && ac->obs_bsa >= 0 && ac->obs_iga >= 0 && ac->obs_dlqi >= 0,
            PSORSIM_EINVAL, "the disease model lacks a clinical readout");
  return PSORSIM_OK;
}

/* Whether the trial has a relapse endpoint (the Kaplan-Meier median needs every time). */
static int has_relapse(const psorsim_trial_spec *spec)
{
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    if (spec->endpoints[e].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) return 1;
  }
  return 0;
}

static int arm_alloc(const psorsim_trial_spec *spec, int n, int n_visits, int keep,
                     psorsim_arm_result *ar, arm_acc *acc)
{
  const size_t ne = spec->n_endpoints;
  size_t n_rel;
  acc->relapse = has_relapse(spec);
  n_rel = acc->relapse ? (size_t)n : 1;
  ar->n_patients = n;
  ar->n_visits = n_visits;
  ar->endpoints = calloc(ne ? ne : 1, sizeof(psorsim_estimate));
  ar->failed_ids = calloc(16, sizeof(int)); /* grown in fold_patient */
  ar->visit_week = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_mean = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_p05 = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_p95 = calloc((size_t)n_visits, sizeof(double));
  ar->improve_mean = calloc((size_t)n_visits, sizeof(double));
  ar->improve_p05 = calloc((size_t)n_visits, sizeof(double));
  ar->improve_p95 = calloc((size_t)n_visits, sizeof(double));
  if (spec->economics.enabled) {
    ar->econ_patients = calloc((size_t)n, sizeof(psorsim_econ_patient_result));
    if (ar->econ_patients == NULL) return PSORSIM_ENOMEM;
  }
  if (keep) {
    ar->patients = calloc((size_t)n, sizeof(psorsim_patient_record));
  } else {
    ar->spool = tmpfile();
    if (ar->spool == NULL) return PSORSIM_EIO;
  }
  acc->k = calloc(ne ? ne : 1, sizeof(long));
  acc->n = calloc(ne ? ne : 1, sizeof(long));
  acc->sum = calloc(ne ? ne : 1, sizeof(double));
  acc->sumsq = calloc(ne ? ne : 1, sizeof(double));
  acc->rel_t = calloc(n_rel, sizeof(double));
  acc->rel_c = calloc(n_rel, sizeof(int));
  acc->hist_pasi = calloc((size_t)n_visits * PASI_HBINS, sizeof(unsigned));
  acc->hist_imp = calloc((size_t)n_visits * IMP_HBINS, sizeof(unsigned));
  acc->sum_pasi = calloc((size_t)n_visits, sizeof(double));
  acc->sum_imp = calloc((size_t)n_visits, sizeof(double));
  acc->n_visit = calloc((size_t)n_visits, sizeof(long));
  if (!ar->endpoints || !ar->failed_ids || !ar->visit_week || !ar->pasi_mean || !ar->pasi_p05 ||
      !ar->pasi_p95 || !ar->improve_mean || !ar->improve_p05 || !ar->improve_p95 ||
      (!ar->patients && !ar->spool) || !acc->k || !acc->n || !acc->sum || !acc->sumsq ||
      !acc->rel_t || !acc->rel_c || !acc->hist_pasi || !acc->hist_imp || !acc->sum_pasi ||
      !acc->sum_imp || !acc->n_visit) {
    return PSORSIM_ENOMEM;
  }
  if (keep) {
    ar->visits = calloc((size_t)n * (size_t)n_visits, sizeof(psorsim_visit));
    if (ar->visits == NULL) return PSORSIM_ENOMEM;
  }
  for (int w = 0; w < n_visits; w++)
    ar->visit_week[w] = w;
  return PSORSIM_OK;
}

/* Fold one simulated patient into the arm (called in patient order);
 * PSORSIM_ENOMEM when the list of failed patients cannot grow. */
static int fold_patient(const psorsim_trial_spec *spec, psorsim_arm_result *ar, arm_acc *acc,
                        const psorsim_patient_record *rec, const psorsim_visit *v, long id)
{
  if (rec->failed) {
    if (ar->n_failed >= 16 && (ar->n_failed & (ar->n_failed - 1)) == 0) { /* full: double */
      int *grown = realloc(ar->failed_ids, 2 * (size_t)ar->n_failed * sizeof(int));
      if (grown == NULL) return PSORSIM_ENOMEM;
      ar->failed_ids = grown;
    }
    ar->failed_ids[ar->n_failed++] = (int)id;
    if (acc->relapse) acc->rel_t[id] = NAN;
    return PSORSIM_OK;
  }
  if (rec->dropout_week >= 0) ar->n_dropouts++;
  ar->n_ae += v[ar->n_visits - 1].ae_count;
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    const psorsim_endpoint *ep = &spec->endpoints[e];
    int censored;
    double x;
    if (psorsim_econ_is_endpoint(ep->kind)) continue; /* psorsim_econ_summarise */
    x = psr_endpoint_patient(ep, rec, v, ar->n_visits, &censored);
    if (ep->kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) {
      acc->rel_t[id] = x;
      acc->rel_c[id] = censored;
      continue;
    }
    if (isnan(x)) continue;
    acc->n[e]++;
    acc->k[e] += x >= 0.5;
    acc->sum[e] += x;
    acc->sumsq[e] += x * x;
  }
  for (int w = 0; w < ar->n_visits; w++) {
    const double imp = rec->baseline_pasi > 0
                           ? 100.0 * (rec->baseline_pasi - v[w].pasi) / rec->baseline_pasi
                           : 0.0;
    acc->hist_pasi[(size_t)w * PASI_HBINS + hist_bin(v[w].pasi, 0, PASI_HMAX, PASI_HBINS)]++;
    acc->hist_imp[(size_t)w * IMP_HBINS + hist_bin(imp, IMP_HMIN, IMP_HMAX, IMP_HBINS)]++;
    acc->sum_pasi[w] += v[w].pasi;
    acc->sum_imp[w] += imp;
    acc->n_visit[w]++;
  }
  return PSORSIM_OK;
}

static void finish_arm(const psorsim_trial_spec *spec, psorsim_arm_result *ar, arm_acc *acc)
{
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    const psorsim_endpoint *ep = &spec->endpoints[e];
    psorsim_estimate *est = &ar->endpoints[e];
    est->n = (int)acc->n[e];
    if (psorsim_econ_is_endpoint(ep->kind)) {
      est->estimate = est->lo = est->hi = NAN; /* filled by psorsim_econ_summarise */
    } else if (ep->kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) {
      double *scratch = malloc(2 * (size_t)ar->n_patients * sizeof(double) + 16);
      int n = 0;
      for (int i = 0; i < ar->n_patients; i++)
        n += !isnan(acc->rel_t[i]);
      est->n = n;
      est->estimate =
          scratch ? psr_km_median(acc->rel_t, acc->rel_c, ar->n_patients, scratch) : NAN;
      est->lo = est->hi = NAN;
      free(scratch);
    } else if (ep->kind == PSORSIM_ENDPOINT_PASI_CHANGE) {
      const double n = (double)acc->n[e];
      if (n < 1) {
        est->estimate = est->lo = est->hi = NAN;
      } else {
        const double mean = acc->sum[e] / n;
        est->estimate = mean;
        if (n >= 2) {
          const double var = fmax(0.0, (acc->sumsq[e] - n * mean * mean) / (n - 1));
          est->lo = mean - psr_t975(n - 1) * sqrt(var / n);
          est->hi = mean + psr_t975(n - 1) * sqrt(var / n);
        } else {
          est->lo = est->hi = NAN;
        }
      }
    } else {
      est->estimate = acc->n[e] > 0 ? 100.0 * (double)acc->k[e] / (double)acc->n[e] : NAN;
      psorsim_wilson95(acc->k[e], acc->n[e], &est->lo, &est->hi);
    }
  }
  for (int w = 0; w < ar->n_visits; w++) {
    const long n = acc->n_visit[w];
    const unsigned *hp = acc->hist_pasi + (size_t)w * PASI_HBINS;
    const unsigned *hi = acc->hist_imp + (size_t)w * IMP_HBINS;
    ar->pasi_mean[w] = n > 0 ? acc->sum_pasi[w] / n : NAN;
    ar->improve_mean[w] = n > 0 ? acc->sum_imp[w] / n : NAN;
    ar->pasi_p05[w] = hist_quantile(hp, PASI_HBINS, 0, PASI_HMAX, n, 0.05);
    ar->pasi_p95[w] = hist_quantile(hp, PASI_HBINS, 0, PASI_HMAX, n, 0.95);
    ar->improve_p05[w] = hist_quantile(hi, IMP_HBINS, IMP_HMIN, IMP_HMAX, n, 0.05);
    ar->improve_p95[w] = hist_quantile(hi, IMP_HBINS, IMP_HMIN, IMP_HMAX, n, 0.95);
  }
}

/* Simulate one arm into ar. */
static int run_arm(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                   const psorsim_trial_options *opt, size_t a, uint64_t seed,
                   const psr_matcher *matcher, int threads, int n, psorsim_arm_result *ar,
                   long *done, long total, long *r_candidates)
{
  psr_arm_ctx ac;
  arm_acc acc;
  psr_thread_ws *ws = NULL;
  psorsim_patient_record *recs = NULL;
  psorsim_visit *vis = NULL;
  psorsim_solver_stats *st = NULL;
  psorsim_econ_patient_result *ec = NULL;
  int *rcs = NULL, rc;
  char *msgs = NULL;

  memset(&acc, 0, sizeof(acc));
  ar->name = spec->arms[a].name;
  rc = arm_setup(ctx, spec, a, seed, matcher, &ac);
  if (rc != PSORSIM_OK) goto done;
  rc = arm_alloc(spec, n, ac.n_visits, opt->keep_patients, ar, &acc);
  if (rc == PSORSIM_EIO) {
    rc =
        psr_error_set(ctx, PSORSIM_EIO, __FILE__, __LINE__, __func__,
                      "arm '%s': cannot create a temporary file for the patient records", ar->name);
    goto done;
  }
  if (rc != PSORSIM_OK) goto nomem;
  ws = calloc((size_t)threads, sizeof(*ws));
  recs = calloc(CHUNK, sizeof(*recs));
  vis = calloc((size_t)CHUNK * (size_t)ac.n_visits, sizeof(*vis));
  st = calloc(CHUNK, sizeof(*st));
  ec = calloc(CHUNK, sizeof(*ec));
  rcs = calloc(CHUNK, sizeof(*rcs));
  msgs = calloc(CHUNK, MSG_LEN);
  if (!ws || !recs || !vis || !st || !ec || !rcs || !msgs) goto nomem;
  for (int t = 0; t < threads; t++) {
    rc = ws_create(ctx, &ac, &ws[t]);
    if (rc != PSORSIM_OK) goto done;
  }
  for (int start = 0; start < n; start += CHUNK) {
    const int m = n - start < CHUNK ? n - start : CHUNK;
    memset(st, 0, (size_t)m * sizeof(*st));
#pragma omp parallel for num_threads(threads) schedule(dynamic, 2)
    for (int i = 0; i < m; i++) {
      psr_thread_ws *w = &ws[omp_get_thread_num()];
      rcs[i] =
          psr_patient_simulate(&ac, w, start + i, &recs[i], vis + (size_t)i * ac.n_visits, &st[i]);
      memset(&ec[i], 0, sizeof(ec[i]));
      if (rcs[i] == PSORSIM_OK && !recs[i].failed && spec->economics.enabled) {
        /* costs and QALYs from the log the patient left (src/econ/, docs/economics.md) */
        rcs[i] = psorsim_econ_patient(w->ctx, spec, ac.arm, &w->log, &ec[i]);
      }
      if (rcs[i] != PSORSIM_OK) {
        snprintf(msgs + (size_t)i * MSG_LEN, MSG_LEN, "%s", psorsim_ctx_errmsg(w->ctx));
      }
    }
    for (int i = 0; i < m; i++) { /* fold in patient order: independent of the threads */
      if (rcs[i] != PSORSIM_OK) {
        rc = psr_error_set(ctx, rcs[i], __FILE__, __LINE__, __func__, "arm '%s', patient %d: %s",
                           ar->name, start + i, msgs + (size_t)i * MSG_LEN);
        goto done;
      }
      r_candidates[0] += recs[i].candidates;
      if (fold_patient(spec, ar, &acc, &recs[i], vis + (size_t)i * ac.n_visits, start + i) !=
          PSORSIM_OK) {
        goto nomem;
      }
      if (ar->visits != NULL) {
        memcpy(ar->visits + (size_t)(start + i) * ac.n_visits, vis + (size_t)i * ac.n_visits,
               (size_t)ac.n_visits * sizeof(*vis));
      }
      if (ar->econ_patients != NULL) ar->econ_patients[start + i] = ec[i];
      if (ar->patients != NULL) {
        memcpy(&ar->patients[start + i], &recs[i], sizeof(recs[i]));
      } else {
        if (fwrite(&recs[i], sizeof(recs[i]), 1, ar->spool) != 1) {
          rc = psr_error_set(ctx, PSORSIM_EIO, __FILE__, __LINE__, __func__,
                             "arm '%s': writing patient records to a temporary file", ar->name);
          goto done;
        }
      }
      ar->stats.steps += st[i].steps;
      ar->stats.rhs_evals += st[i].rhs_evals;
      ar->stats.jac_evals += st[i].jac_evals;
      ar->stats.lin_setups += st[i].lin_setups;
      ar->stats.err_test_fails += st[i].err_test_fails;
      ar->stats.nonlin_iters += st[i].nonlin_iters;
      ar->stats.nonlin_conv_fails += st[i].nonlin_conv_fails;
      ar->stats.events_applied += st[i].events_applied;
      ar->stats.roots_found += st[i].roots_found;
      ar->stats.reinits += st[i].reinits;
    }
    *done += m;
    if (opt->progress != NULL) opt->progress(*done, total, opt->progress_user);
  }
  finish_arm(spec, ar, &acc);
  rc = PSORSIM_OK;
  goto done;

nomem:
  rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__,
                     "allocating arm '%s' (%d patients)", ar->name, n);
done:
  for (int t = 0; ws != NULL && t < threads; t++)
    ws_free(&ws[t]);
  free(ws);
  free(recs);
  free(vis);
  free(st);
  free(ec);
  free(rcs);
  free(msgs);
  acc_free(&acc);
  psorsim_treated_model_free(&ac.tm);
  return rc;
}

int psorsim_arm_records(const psorsim_arm_result *a, psorsim_record_fn fn, void *user)
{
  FILE *fp;
  psorsim_patient_record rec;
  if (a == NULL || fn == NULL) return PSORSIM_EINVAL;
  if (a->patients != NULL) {
    for (int i = 0; i < a->n_patients; i++) {
      const int rc = fn(&a->patients[i], user);
      if (rc != 0) return rc;
    }
    return PSORSIM_OK;
  }
  fp = a->spool;
  if (fp == NULL) return PSORSIM_OK;
  if (fflush(fp) != 0 || fseek(fp, 0L, SEEK_SET) != 0) return PSORSIM_EIO;
  for (int i = 0; i < a->n_patients; i++) {
    int rc;
    if (fread(&rec, sizeof(rec), 1, fp) != 1) return PSORSIM_EIO;
    rc = fn(&rec, user);
    if (rc != 0) return rc;
  }
  return PSORSIM_OK;
}

const psorsim_visit *psorsim_arm_visits(const psorsim_arm_result *a, int id)
{
  if (a == NULL || a->visits == NULL || id < 0 || id >= a->n_patients) return NULL;
  return a->visits + (size_t)id * (size_t)a->n_visits;
}

/* The economics of every arm from its per-patient results (economics.h). */
static int econ_summary(psorsim_ctx *ctx, psorsim_trial_result *r)
{
  const size_t na = r->n_arms;
  const psorsim_econ_patient_result **pats;
  psorsim_econ_arm **sums;
  psorsim_estimate **eps;
  int *ns, rc;
  if (!r->spec->economics.enabled) return PSORSIM_OK;
  pats = calloc(na + 1, sizeof(*pats));
  sums = calloc(na + 1, sizeof(*sums));
  eps = calloc(na + 1, sizeof(*eps));
  ns = calloc(na + 1, sizeof(*ns));
  if (pats == NULL || sums == NULL || eps == NULL || ns == NULL) {
    rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "economics: summary");
  } else {
    for (size_t a = 0; a < na; a++) {
      pats[a] = r->arms[a].econ_patients;
      ns[a] = r->arms[a].n_patients;
      eps[a] = r->arms[a].endpoints;
    }
    rc = psorsim_econ_summarise(ctx, r->spec, r->seed, na, pats, ns, sums, eps);
    for (size_t a = 0; a < na; a++)
      r->arms[a].econ = sums[a]; /* owned by the result, also after an error */
  }
  free(pats);
  free(sums);
  free(eps);
  free(ns);
  return rc;
}

int psorsim_trial_run(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                      const psorsim_trial_options *opt, psorsim_trial_result **out)
{
  psorsim_trial_options defaults;
  psorsim_trial_result *r;
  psr_matcher matcher;
  psr_pop_settings pop;
  double t0 = omp_get_wtime();
  long done = 0, total;
  int n, threads, rc;

  PSR_CHECK(ctx, spec != NULL && out != NULL, PSORSIM_EINVAL, "no trial given");
  *out = NULL;
  if (opt == NULL) {
    memset(&defaults, 0, sizeof(defaults));
    opt = &defaults;
  }
  n = opt->patients_per_arm > 0 ? opt->patients_per_arm : spec->population.patients_per_arm;
  threads = opt->threads > 0 ? opt->threads : omp_get_max_threads();
  PSR_CHECK(ctx, n > 0, PSORSIM_EINVAL, "patients per arm must be positive, got %d", n);
  r = calloc(1, sizeof(*r));
  if (r == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the trial result");
  r->spec = spec;
  r->seed = opt->seed_given ? opt->seed : spec->seed_given ? spec->seed : DEFAULT_SEED;
  r->threads = threads;
  r->n_arms = spec->n_arms;
  r->arms = calloc(spec->n_arms, sizeof(psorsim_arm_result));
  if (r->arms == NULL) {
    free(r);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the trial result");
  }
  rc = psr_pop_settings_init(ctx, opt, &pop);
  if (rc == PSORSIM_OK) rc = psr_population_matcher(ctx, spec, &pop, r->seed, threads, &matcher);
  total = (long)n * (long)spec->n_arms;
  for (size_t a = 0; a < spec->n_arms && rc == PSORSIM_OK; a++) {
    rc = run_arm(ctx, spec, opt, a, r->seed, &matcher, threads, n, &r->arms[a], &done, total,
                 &r->candidates_screened);
  }
  if (rc == PSORSIM_OK) rc = econ_summary(ctx, r); /* costs, QALYs, ICERs */
  if (rc != PSORSIM_OK) {
    psorsim_trial_result_free(&r);
    return rc;
  }
  r->elapsed_s = omp_get_wtime() - t0;
  *out = r;
  return PSORSIM_OK;
}
