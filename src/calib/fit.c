/* src/calib/fit.c
 *
 * The calibration objective and its optimisation (include/psorsim/
 * calibrate.h, docs/validation.md):
 *
 *   f(x) = sum over files F of  w_F * sum over percent observations o of F
 *          (estimate_o(x) - observed_o)^2          [percentage points^2]
 *
 * Each evaluation simulates the trial files with the parameter values as
 * run-time overrides, the config's patients per arm and one fixed seed
 * (common random numbers). A file is simulated again only when a parameter
 * that can affect it changed: "pop.*" and disease-model parameters affect
 * every file, "<treatment>.<param>" (and its linked names) only files that
 * give that treatment; a small per-file cache holds recent results, so the
 * coordinate steps of BOBYQA's start-up cost one file each. The optimiser is
 * NLopt's BOBYQA (or Sbplx / Nelder-Mead) in the unit box, deterministic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nlopt.h>

#include <psorsim/calibrate.h>
#include <psorsim/regimen.h>
#include <psorsim/trial.h>
#include <psorsim/trial_spec.h>

#include "common/context_impl.h"

#define CACHE_SLOTS    24
#define MAX_OVR        64
#define MAX_ARM_TX     16
#define HUGE_OBJECTIVE 1e12

/* One cached simulation of a file. */
typedef struct cache_entry {
  double *x;    /* parameter values it was run with */
  double *pred; /* n_obs estimates */
  double *lo, *hi;
} cache_entry;

typedef struct file_state {
  psorsim_trial_spec *spec;
  int *affects; /* per parameter */
  size_t n_obs;
  cache_entry cache[CACHE_SLOTS];
  int n_cache, next;
} file_state;

typedef struct fit_state {
  psorsim_ctx *ctx;
  const psorsim_calib_config *cfg;
  file_state *files;
  const int *use_file;
  int *active; /* per parameter: optimised */
  double *x;   /* current full parameter values */
  double *best_x;
  double best_f;
  int n_evals, n_runs, cap_hist;
  double *hist_f, *hist_x;
  psorsim_calib_progress progress;
  void *user;
  int rc; /* first error, stops the optimiser */
} fit_state;

/* Whether parameter name `name` (or a linked name) can change file f. */
static int name_affects(const char *name, const psorsim_treatment *const *tx, int n_tx)
{
  const char *dot = strchr(name, '.');
  if (strncmp(name, "pop.uvb_", 8) == 0 || strncmp(name, "pop.med_", 8) == 0) {
    /* the UVB sensitivity spread and the MED of "% MED" doses act through UVB effects only */
    for (int k = 0; k < n_tx; k++)
      for (int e = 0; e < tx[k]->n_effects; e++)
        if (tx[k]->effects[e].node == PSORSIM_NODE_UVB) return 1;
    return 0;
  }
  if (strncmp(name, "pop.", 4) == 0 || dot == NULL) return 1;
  for (int k = 0; k < n_tx; k++) {
    const size_t len = strlen(tx[k]->name);
    if ((size_t)(dot - name) == len && strncmp(name, tx[k]->name, len) == 0) return 1;
  }
  return 0;
}

static void files_free(const psorsim_calib_config *cfg, file_state *fs)
{
  if (fs == NULL) return;
  for (size_t f = 0; f < cfg->n_files; f++) {
    psorsim_trial_spec_free(&fs[f].spec);
    free(fs[f].affects);
    for (int c = 0; c < fs[f].n_cache; c++) {
      free(fs[f].cache[c].x);
      free(fs[f].cache[c].pred);
      free(fs[f].cache[c].lo);
      free(fs[f].cache[c].hi);
    }
  }
  free(fs);
}

/* Load every file and work out which parameters affect it. */
static int files_load(psorsim_ctx *ctx, const psorsim_calib_config *cfg, file_state **out)
{
  file_state *fs = calloc(cfg->n_files, sizeof(*fs));
  *out = NULL;
  if (fs == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating calibration files");
  for (size_t f = 0; f < cfg->n_files; f++) {
    const psorsim_treatment *tx[MAX_ARM_TX * 8];
    int n_tx = 0, rc;
    rc = psorsim_trial_spec_load(ctx, cfg->files[f].path, &fs[f].spec);
    if (rc == PSORSIM_OK && fs[f].spec->n_observed == 0) {
      rc = psr_error_set(ctx, PSORSIM_EINPUT, __FILE__, __LINE__, __func__,
                         "%s:%d: files[%zu]: %s has no observed: block", cfg->source,
                         cfg->files[f].line, f, cfg->files[f].path);
    }
    for (size_t a = 0; rc == PSORSIM_OK && fs[f].spec != NULL && a < fs[f].spec->n_arms; a++) {
      int n = 0;
      rc = psorsim_regimen_treatments(ctx, &fs[f].spec->arms[a], fs[f].spec->source, tx + n_tx,
                                      MAX_ARM_TX, &n);
      n_tx += n < MAX_ARM_TX ? n : MAX_ARM_TX;
      if (n_tx > MAX_ARM_TX * 7) break;
    }
    fs[f].affects = calloc(cfg->n_params + 1, sizeof(int));
    if (rc == PSORSIM_OK && fs[f].affects == NULL) rc = PSORSIM_ENOMEM;
    if (rc != PSORSIM_OK) {
      files_free(cfg, fs);
      return rc;
    }
    fs[f].n_obs = fs[f].spec->n_observed;
    for (size_t i = 0; i < cfg->n_params; i++) {
      const psorsim_calib_param *p = &cfg->params[i];
      int a = name_affects(p->name, tx, n_tx);
      for (int l = 0; l < p->n_links; l++)
        a |= name_affects(p->link_names[l], tx, n_tx);
      fs[f].affects[i] = a;
    }
  }
  *out = fs;
  return PSORSIM_OK;
}

/* The override list for parameter values x: fixed ones, then each parameter
 * and its links. Returns the count. */
static int build_overrides(const psorsim_calib_config *cfg, const double *x, const char **names,
                           double *values)
{
  int n = 0;
  for (size_t j = 0; j < cfg->n_fixed && n < MAX_OVR; j++) {
    int fitted = 0;
    for (size_t i = 0; i < cfg->n_params; i++)
      fitted |= strcmp(cfg->params[i].name, cfg->fixed_names[j]) == 0;
    if (fitted) continue;
    names[n] = cfg->fixed_names[j];
    values[n++] = cfg->fixed_values[j];
  }
  for (size_t i = 0; i < cfg->n_params && n < MAX_OVR; i++) {
    const psorsim_calib_param *p = &cfg->params[i];
    names[n] = p->name;
    values[n++] = x[i];
    for (int l = 0; l < p->n_links && n < MAX_OVR; l++) {
      names[n] = p->link_names[l];
      values[n++] = x[i] * p->link_factors[l];
    }
  }
  return n;
}

/* Estimates of file f at x, from the cache or a new simulation. */
static int file_estimates(fit_state *st, size_t f, const double *x, const cache_entry **out)
{
  const psorsim_calib_config *cfg = st->cfg;
  file_state *fs = &st->files[f];
  const char *names[MAX_OVR];
  double values[MAX_OVR];
  psorsim_trial_options opt;
  psorsim_trial_result *r = NULL;
  cache_entry *ce;
  int rc;

  for (int c = 0; c < fs->n_cache; c++) {
    int same = 1;
    for (size_t i = 0; i < cfg->n_params && same; i++)
      same = !fs->affects[i] || fs->cache[c].x[i] == x[i];
    if (same) {
      *out = &fs->cache[c];
      return PSORSIM_OK;
    }
  }
  memset(&opt, 0, sizeof(opt));
  opt.seed_given = 1;
  opt.seed = cfg->seed;
  opt.threads = cfg->threads;
  opt.patients_per_arm = cfg->patients_per_arm;
  opt.override_names = names;
  opt.override_values = values;
  opt.n_overrides = build_overrides(cfg, x, names, values);
  rc = psorsim_trial_run(st->ctx, fs->spec, &opt, &r);
  if (rc != PSORSIM_OK) return rc;
  st->n_runs++;
  if (fs->n_cache < CACHE_SLOTS) {
    ce = &fs->cache[fs->n_cache++];
    ce->x = calloc(cfg->n_params + 1, sizeof(double));
    ce->pred = calloc(fs->n_obs + 1, sizeof(double));
    ce->lo = calloc(fs->n_obs + 1, sizeof(double));
    ce->hi = calloc(fs->n_obs + 1, sizeof(double));
    if (!ce->x || !ce->pred || !ce->lo || !ce->hi) {
      psorsim_trial_result_free(&r);
      PSR_FAIL(st->ctx, PSORSIM_ENOMEM, "allocating the calibration cache");
    }
  } else {
    ce = &fs->cache[fs->next];
    fs->next = (fs->next + 1) % CACHE_SLOTS;
  }
  memcpy(ce->x, x, cfg->n_params * sizeof(double));
  for (size_t i = 0; i < fs->n_obs; i++) {
    const psorsim_observation *o = &fs->spec->observed[i];
    const psorsim_estimate *e =
        o->endpoint_index >= 0 ? &r->arms[o->arm].endpoints[o->endpoint_index] : NULL;
    ce->pred[i] = e ? e->estimate : NAN;
    ce->lo[i] = e ? e->lo : NAN;
    ce->hi[i] = e ? e->hi : NAN;
  }
  psorsim_trial_result_free(&r);
  *out = ce;
  return PSORSIM_OK;
}

/* Weight of observation i of file f in the objective. */
static double obs_weight(const fit_state *st, size_t f, size_t i)
{
  const psorsim_observation *o = &st->files[f].spec->observed[i];
  if (o->endpoint.kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) return 0.0;
  return st->cfg->files[f].weight;
}

/* The objective at full values x (files with use_file only). */
static int objective_at(fit_state *st, const double *x, double *f_out)
{
  double sum = 0.0;
  for (size_t f = 0; f < st->cfg->n_files; f++) {
    const cache_entry *ce;
    if (st->use_file != NULL && !st->use_file[f]) continue;
    PSR_TRY(file_estimates(st, f, x, &ce));
    for (size_t i = 0; i < st->files[f].n_obs; i++) {
      const double w = obs_weight(st, f, i);
      const double d = ce->pred[i] - st->files[f].spec->observed[i].value;
      if (w <= 0) continue;
      sum += isfinite(d) ? w * d * d : w * 1e4; /* an estimate that is missing: 100 points */
    }
  }
  *f_out = sum;
  return PSORSIM_OK;
}

static double nlopt_objective(unsigned n, const double *u, double *grad, void *data)
{
  fit_state *st = data;
  const psorsim_calib_config *cfg = st->cfg;
  double f;
  unsigned k = 0;
  (void)grad;
  (void)n;
  if (st->rc != PSORSIM_OK) return HUGE_OBJECTIVE;
  for (size_t i = 0; i < cfg->n_params; i++) {
    if (st->active[i]) st->x[i] = psorsim_calib_to_value(&cfg->params[i], u[k++]);
  }
  st->rc = objective_at(st, st->x, &f);
  if (st->rc != PSORSIM_OK) return HUGE_OBJECTIVE;
  if (st->n_evals == st->cap_hist) {
    const int cap = st->cap_hist ? 2 * st->cap_hist : 64;
    double *hf = realloc(st->hist_f, (size_t)cap * sizeof(double));
    double *hx;
    if (hf != NULL) st->hist_f = hf;
    hx = realloc(st->hist_x, (size_t)cap * cfg->n_params * sizeof(double));
    if (hx != NULL) st->hist_x = hx;
    if (hf == NULL || hx == NULL) {
      st->rc = psr_error_set(st->ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__,
                             "allocating the objective history");
      return HUGE_OBJECTIVE;
    }
    st->cap_hist = cap;
  }
  st->hist_f[st->n_evals] = f;
  memcpy(st->hist_x + (size_t)st->n_evals * cfg->n_params, st->x, cfg->n_params * sizeof(double));
  st->n_evals++;
  if (f < st->best_f) {
    st->best_f = f;
    memcpy(st->best_x, st->x, cfg->n_params * sizeof(double));
  }
  if (st->progress != NULL)
    st->progress(st->n_evals, f, st->best_f, st->x, cfg->n_params, st->user);
  return f;
}

void psorsim_calib_result_free(psorsim_calib_result **rp)
{
  psorsim_calib_result *r;
  if (rp == NULL || *rp == NULL) return;
  r = *rp;
  for (size_t i = 0; i < r->n_obs; i++) {
    free((char *)r->obs[i].arm);
    free((char *)r->obs[i].endpoint);
  }
  free(r->obs);
  free(r->start);
  free(r->best);
  free(r->history_f);
  free(r->history_x);
  free(r);
  *rp = NULL;
}

static char *dup_text(const char *s)
{
  const size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c != NULL) memcpy(c, s, n);
  return c;
}

/* The observation table at x: every file, or only use_file's when `only_used`. */
static int fill_obs(fit_state *st, const double *x, int only_used, psorsim_calib_result *r)
{
  size_t n = 0, k = 0, within = 0, n_pct = 0;
  double sum_abs = 0.0;
  for (size_t f = 0; f < st->cfg->n_files; f++)
    n += st->files[f].n_obs;
  r->obs = calloc(n + 1, sizeof(*r->obs));
  if (r->obs == NULL) PSR_FAIL(st->ctx, PSORSIM_ENOMEM, "allocating the observation table");
  for (size_t f = 0; f < st->cfg->n_files; f++) {
    const cache_entry *ce;
    const psorsim_trial_spec *spec = st->files[f].spec;
    if (only_used && st->use_file != NULL && !st->use_file[f]) continue;
    PSR_TRY(file_estimates(st, f, x, &ce));
    for (size_t i = 0; i < st->files[f].n_obs; i++, k++) {
      const psorsim_observation *o = &spec->observed[i];
      psorsim_calib_obs *ob = &r->obs[k];
      ob->file = f;
      ob->arm = dup_text(spec->arms[o->arm].name);
      ob->endpoint = dup_text(o->endpoint.key);
      r->n_obs = k + 1;
      if (ob->arm == NULL || ob->endpoint == NULL)
        PSR_FAIL(st->ctx, PSORSIM_ENOMEM, "out of memory");
      ob->observed = o->value;
      ob->predicted = ce->pred[i];
      ob->lo = ce->lo[i];
      ob->hi = ce->hi[i];
      ob->weight = obs_weight(st, f, i);
      if (o->endpoint.kind != PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN && isfinite(ob->predicted)) {
        const double d = fabs(ob->predicted - ob->observed);
        n_pct++;
        sum_abs += d;
        within += d <= 10.0;
      }
    }
  }
  r->mad = n_pct ? sum_abs / (double)n_pct : NAN;
  r->within10 = n_pct ? 100.0 * (double)within / (double)n_pct : NAN;
  return PSORSIM_OK;
}

static void state_free(fit_state *st)
{
  files_free(st->cfg, st->files);
  free(st->active);
  free(st->x);
  free(st->best_x);
  free(st->hist_f);
  free(st->hist_x);
}

static nlopt_algorithm algorithm_of(const char *name)
{
  if (strcmp(name, "sbplx") == 0) return NLOPT_LN_SBPLX;
  if (strcmp(name, "neldermead") == 0) return NLOPT_LN_NELDERMEAD;
  return NLOPT_LN_BOBYQA;
}

/* Fit (max_evals > 0) or only evaluate (max_evals == 0). */
static int run_fit(psorsim_ctx *ctx, const psorsim_calib_config *cfg, const int *use_file,
                   const double *x0, int max_evals, psorsim_calib_progress progress, void *user,
                   psorsim_calib_result **out)
{
  fit_state st;
  psorsim_calib_result *r = NULL;
  double *u = NULL, *lb = NULL, *ub = NULL, f_min = HUGE_VAL;
  unsigned n_active = 0;
  int rc;

  PSR_CHECK(ctx, cfg != NULL && out != NULL, PSORSIM_EINVAL, "calibrate: NULL argument");
  *out = NULL;
  memset(&st, 0, sizeof(st));
  st.ctx = ctx;
  st.cfg = cfg;
  st.use_file = use_file;
  st.progress = progress;
  st.user = user;
  st.best_f = HUGE_VAL;
  rc = files_load(ctx, cfg, &st.files);
  if (rc != PSORSIM_OK) return rc;
  st.active = calloc(cfg->n_params, sizeof(int));
  st.x = calloc(cfg->n_params, sizeof(double));
  st.best_x = calloc(cfg->n_params, sizeof(double));
  u = calloc(cfg->n_params, sizeof(double));
  lb = calloc(cfg->n_params, sizeof(double));
  ub = calloc(cfg->n_params, sizeof(double));
  r = calloc(1, sizeof(*r));
  if (r != NULL) {
    r->start = calloc(cfg->n_params, sizeof(double));
    r->best = calloc(cfg->n_params, sizeof(double));
  }
  if (!st.active || !st.x || !st.best_x || !u || !lb || !ub || !r || !r->start || !r->best) {
    rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "allocating the fit");
    goto done;
  }
  r->n_params = cfg->n_params;
  for (size_t i = 0; i < cfg->n_params; i++) {
    int used = 0;
    st.x[i] = x0 != NULL ? x0[i] : cfg->params[i].start;
    for (size_t f = 0; f < cfg->n_files; f++)
      used |= (use_file == NULL || use_file[f]) && st.files[f].affects[i];
    if (!used) st.x[i] = cfg->params[i].prior; /* nothing informs it: its prior */
    st.active[i] = used && max_evals > 0;
    if (st.active[i]) {
      u[n_active] = psorsim_calib_to_unit(&cfg->params[i], st.x[i]);
      lb[n_active] = 0.0;
      ub[n_active] = 1.0;
      n_active++;
    }
    r->start[i] = st.x[i];
  }
  memcpy(st.best_x, st.x, cfg->n_params * sizeof(double));
  if (n_active > 0) {
    nlopt_opt opt = nlopt_create(algorithm_of(cfg->algorithm), n_active);
    nlopt_result nr;
    double *step = calloc(n_active, sizeof(double));
    if (opt == NULL || step == NULL) {
      nlopt_destroy(opt);
      free(step);
      rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "creating NLopt");
      goto done;
    }
    for (unsigned k = 0; k < n_active; k++) /* step inside the box from the start */
      step[k] = u[k] + cfg->initial_step <= 1.0 ? cfg->initial_step : -cfg->initial_step;
    nlopt_set_lower_bounds(opt, lb);
    nlopt_set_upper_bounds(opt, ub);
    nlopt_set_min_objective(opt, nlopt_objective, &st);
    nlopt_set_maxeval(opt, max_evals);
    nlopt_set_xtol_rel(opt, cfg->xtol_rel);
    nlopt_set_initial_step(opt, step);
    nr = nlopt_optimize(opt, u, &f_min);
    r->nlopt_status = (int)nr;
    nlopt_destroy(opt);
    free(step);
    if (st.rc != PSORSIM_OK) {
      rc = st.rc;
      goto done;
    }
  } else {
    rc = objective_at(&st, st.x, &st.best_f);
    if (rc != PSORSIM_OK) goto done;
    st.n_evals = 0;
  }
  memcpy(r->best, st.best_x, cfg->n_params * sizeof(double));
  r->objective = st.best_f;
  r->n_evals = st.n_evals;
  r->history_f = st.hist_f;
  r->history_x = st.hist_x;
  st.hist_f = st.hist_x = NULL;
  rc = fill_obs(&st, r->best, max_evals == 0, r);
  r->n_runs = st.n_runs;

done:
  state_free(&st);
  free(u);
  free(lb);
  free(ub);
  if (rc != PSORSIM_OK) {
    psorsim_calib_result_free(&r);
    return rc;
  }
  *out = r;
  return PSORSIM_OK;
}

int psorsim_calib_fit(psorsim_ctx *ctx, const psorsim_calib_config *cfg, const int *use_file,
                      const double *x0, psorsim_calib_progress progress, void *user,
                      psorsim_calib_result **out)
{
  PSR_CHECK(ctx, cfg != NULL, PSORSIM_EINVAL, "calibrate: no configuration");
  return run_fit(ctx, cfg, use_file, x0, cfg->max_evals, progress, user, out);
}

int psorsim_calib_evaluate(psorsim_ctx *ctx, const psorsim_calib_config *cfg, const double *x,
                           psorsim_calib_result **out)
{
  return run_fit(ctx, cfg, NULL, x, 0, NULL, NULL, out);
}

void psorsim_calib_cv_free(psorsim_calib_cv **cvp)
{
  psorsim_calib_cv *cv;
  if (cvp == NULL || *cvp == NULL) return;
  cv = *cvp;
  for (size_t i = 0; i < cv->n_obs; i++) {
    free((char *)cv->obs[i].arm);
    free((char *)cv->obs[i].endpoint);
  }
  free(cv->obs);
  free(cv->full_predicted);
  free(cv->refit_values);
  free(cv);
  *cvp = NULL;
}

int psorsim_calib_cross_validate(psorsim_ctx *ctx, const psorsim_calib_config *cfg,
                                 const double *x_full, psorsim_calib_progress progress, void *user,
                                 psorsim_calib_cv **out)
{
  psorsim_calib_result *full = NULL;
  psorsim_calib_cv *cv;
  int *use = NULL, rc;
  size_t within = 0, n_pct = 0;
  double sum_abs = 0.0;

  PSR_CHECK(ctx, cfg != NULL && out != NULL, PSORSIM_EINVAL, "calibrate: NULL argument");
  *out = NULL;
  PSR_TRY(psorsim_calib_evaluate(ctx, cfg, x_full, &full));
  cv = calloc(1, sizeof(*cv));
  use = calloc(cfg->n_files, sizeof(int));
  if (cv != NULL) {
    cv->obs = calloc(full->n_obs + 1, sizeof(*cv->obs));
    cv->full_predicted = calloc(full->n_obs + 1, sizeof(double));
    cv->refit_values = calloc(cfg->n_files * cfg->n_params + 1, sizeof(double));
  }
  if (!cv || !use || !cv->obs || !cv->full_predicted || !cv->refit_values) {
    psorsim_calib_cv_free(&cv);
    free(use);
    psorsim_calib_result_free(&full);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the cross-validation");
  }
  cv->n_files = cfg->n_files;
  cv->n_params = cfg->n_params;
  for (size_t k = 0; k < cfg->n_files; k++) {
    psorsim_calib_result *fit = NULL, *pred = NULL;
    for (size_t f = 0; f < cfg->n_files; f++)
      use[f] = f != k;
    rc = run_fit(ctx, cfg, use, x_full, cfg->cv_max_evals, progress, user, &fit);
    for (size_t f = 0; f < cfg->n_files; f++)
      use[f] = f == k;
    if (rc == PSORSIM_OK) rc = run_fit(ctx, cfg, use, fit->best, 0, NULL, NULL, &pred);
    if (rc != PSORSIM_OK) {
      psorsim_calib_result_free(&fit);
      psorsim_calib_cv_free(&cv);
      psorsim_calib_result_free(&full);
      free(use);
      return rc;
    }
    memcpy(cv->refit_values + k * cfg->n_params, fit->best, cfg->n_params * sizeof(double));
    for (size_t i = 0, j = 0; i < pred->n_obs; i++) {
      psorsim_calib_obs *o = &cv->obs[cv->n_obs];
      while (j < full->n_obs && full->obs[j].file != k)
        j++;
      *o = pred->obs[i];
      o->arm = dup_text(pred->obs[i].arm);
      o->endpoint = dup_text(pred->obs[i].endpoint);
      cv->full_predicted[cv->n_obs] = j < full->n_obs ? full->obs[j++].predicted : NAN;
      cv->n_obs++;
      if (o->weight > 0 && isfinite(o->predicted)) {
        const double d = fabs(o->predicted - o->observed);
        n_pct++;
        sum_abs += d;
        within += d <= 10.0;
      }
    }
    psorsim_calib_result_free(&fit);
    psorsim_calib_result_free(&pred);
  }
  cv->mad = n_pct ? sum_abs / (double)n_pct : NAN;
  cv->within10 = n_pct ? 100.0 * (double)within / (double)n_pct : NAN;
  psorsim_calib_result_free(&full);
  free(use);
  *out = cv;
  return PSORSIM_OK;
}
