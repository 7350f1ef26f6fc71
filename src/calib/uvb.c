/* src/calib/uvb.c
 *
 * NB-UVB individual patients (include/psorsim/calibrate.h,
 * docs/validation.md "NB-UVB patients"): each patient of the Watson 2021
 * calibration half (../shared/data/uvb-patients/calibration.csv) gets the
 * UVB sensitivity (nb_uvb's emax, per J/cm2 per day) that best reproduces
 * their weekly PASI, given the dose of every session, as Shmarov 2022 did
 * (disease-model guide 2.10): a patient of the population's typical site
 * spread, with the genetic susceptibility that gives the patient's own
 * baseline PASI, starts in its psoriatic steady state, sessions on days 0, 2, 4, 7, 9, 11, ... add
 * emax x dose to the UVB apoptosis rate for one day, model PASI is taken as a fraction of its
 * baseline times the patient's baseline PASI, and the sensitivity minimises
 * the squared error in PASI points over the observed weeks (a log-spaced
 * grid, then golden-section refinement). The same simulation, continued to
 * the follow-up month, predicts the PASI at follow-up.
 *
 * Each simulation is a treated patient of the psoriasis model with nb_uvb
 * set up as a trial sets its patients up (psorsim_treated_patient_setup):
 * the median placebo response at the run's size, nb_uvb's emax set to the
 * value tried, and the patient's sessions as recorded (each with its own
 * dose, photoadaptation over the course), given by the same code as a trial
 * regimen's sessions. Only the end of the placebo response with the course
 * is added here.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include <psorsim/calibrate.h>
#include <psorsim/engine.h>
#include <psorsim/psoriasis.h>
#include <psorsim/regimen.h>
#include <psorsim/treated_model.h>
#include <psorsim/treated_patient.h>

#include "common/context_impl.h"
#include "common/stats_impl.h"
#include "trial/pop_settings.h"

#define MAX_DOSES      64
#define N_WEEKS        13 /* weeks 0..12 */
#define GRID_N         36
#define GRID_LO        0.003
#define GRID_HI        3.0
#define GOLDEN_ITERS   24
#define DAYS_PER_MONTH 30.4375
#define LINE_MAX_CSV   8192
#define FIT_WEIGHT_KG  70.0 /* NB-UVB has no PK: the body weight changes nothing */

/* One row of the CSV. */
typedef struct uvb_row {
  int id;
  double baseline, week[N_WEEKS];
  double fu_pasi, fu_month;
  int n_doses;
  double dose[MAX_DOSES]; /* J/cm2 */
} uvb_row;

/* Shared simulation pieces for the typical patient. */
typedef struct uvb_sim {
  psorsim_ctx *ctx;
  const psorsim_model *m;    /* the disease model (steady states, base parameters) */
  psorsim_treated_model *tm; /* m with nb_uvb attached, owned: the model simulated */
  const psorsim_model *mt;   /* its composite (borrowed from tm) */
  psorsim_engine *eng;
  double *p;                           /* the patient's base parameters (m) */
  double *p_run;                       /* the composite parameters of one simulation (set-up) */
  double *y0, *out;                    /* the untreated steady state; the engine's output rows */
  psorsim_setup_settings run;          /* the run's placebo size; nb_uvb's emax as given */
  const char *emax_name;               /* "nb_uvb.uvb.emax" */
  double emax;                         /* the value tried (run's override value) */
  int pasi_obs;                        /* PASI among the observables */
  double pasi0;                        /* model baseline PASI */
  double susc_ref;                     /* the population's median susceptibility */
  double day[MAX_DOSES];               /* session days */
  psorsim_event ev[2 * MAX_DOSES + 8]; /* sessions, then the end of the placebo response */
  double t_out[N_WEEKS + 1];
} uvb_sim;

/* Parse a numeric CSV field; NaN when empty or not a number (LTFU, WD). */
static double field_num(const char *s)
{
  char *end;
  double v;
  if (s == NULL || *s == '\0') return NAN;
  errno = 0;
  v = strtod(s, &end);
  return (end == s || errno != 0) ? NAN : v;
}

/* Split a line in place at commas; returns the number of fields. */
static int split_csv(char *line, char **f, int cap)
{
  int n = 0;
  char *s = line;
  while (n < cap) {
    char *c = strchr(s, ',');
    f[n++] = s;
    if (c == NULL) break;
    *c = '\0';
    s = c + 1;
  }
  for (char *e = f[n - 1]; *e; e++) {
    if (*e == '\n' || *e == '\r') *e = '\0';
  }
  return n;
}

static int col_of(char **head, int n, const char *name)
{
  for (int i = 0; i < n; i++) {
    if (strcmp(head[i], name) == 0) return i;
  }
  return -1;
}

static int read_csv(psorsim_ctx *ctx, const char *path, uvb_row **rows_out, size_t *n_out)
{
  FILE *fp = fopen(path, "r");
  char line[LINE_MAX_CSV], head_line[LINE_MAX_CSV];
  char *head[128], *f[128];
  int nh, c_id, c_pre, c_fu, c_fum, c_week[N_WEEKS], c_dose[MAX_DOSES];
  uvb_row *rows = NULL;
  size_t n = 0, cap = 0;
  int lineno = 1;

  *rows_out = NULL;
  *n_out = 0;
  if (fp == NULL) PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot open: %s", path, strerror(errno));
  if (fgets(head_line, sizeof(head_line), fp) == NULL) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_EINPUT, "%s:1: empty file", path);
  }
  nh = split_csv(head_line, head, 128);
  c_id = col_of(head, nh, "ID");
  c_pre = col_of(head, nh, "PASI_PRE_TREATMENT");
  c_fu = col_of(head, nh, "LAST_FU_PASI");
  c_fum = col_of(head, nh, "LAST_FU_MONTH");
  c_week[0] = c_pre;
  for (int w = 1; w < N_WEEKS; w++) {
    char name[32];
    snprintf(name, sizeof(name), "PASI_END_WEEK_%d", w);
    c_week[w] = col_of(head, nh, name);
  }
  for (int d = 0; d < MAX_DOSES; d++) {
    char name[32];
    snprintf(name, sizeof(name), "UVB_DOSE_%d", d + 1);
    c_dose[d] = col_of(head, nh, name);
  }
  if (c_id < 0 || c_pre < 0 || c_dose[0] < 0) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_EINPUT, "%s:1: expected columns ID, PASI_PRE_TREATMENT, UVB_DOSE_1...",
             path);
  }
  while (fgets(line, sizeof(line), fp) != NULL) {
    int nf;
    uvb_row *r;
    lineno++;
    if (line[0] == '\n' || line[0] == '\0') continue;
    nf = split_csv(line, f, 128);
    if (n == cap) {
      uvb_row *bigger = realloc(rows, (cap ? 2 * cap : 64) * sizeof(*rows));
      if (bigger == NULL) {
        free(rows);
        fclose(fp);
        PSR_FAIL(ctx, PSORSIM_ENOMEM, "reading %s", path);
      }
      rows = bigger;
      cap = cap ? 2 * cap : 64;
    }
    r = &rows[n];
    memset(r, 0, sizeof(*r));
    r->id = (int)field_num(c_id < nf ? f[c_id] : NULL);
    r->baseline = field_num(c_pre < nf ? f[c_pre] : NULL);
    if (!(r->baseline > 0)) {
      free(rows);
      fclose(fp);
      PSR_FAIL(ctx, PSORSIM_EINPUT, "%s:%d: PASI_PRE_TREATMENT must be a positive number", path,
               lineno);
    }
    for (int w = 0; w < N_WEEKS; w++)
      r->week[w] = c_week[w] >= 0 && c_week[w] < nf ? field_num(f[c_week[w]]) : NAN;
    r->fu_pasi = c_fu >= 0 && c_fu < nf ? field_num(f[c_fu]) : NAN;
    r->fu_month = c_fum >= 0 && c_fum < nf ? field_num(f[c_fum]) : NAN;
    for (int d = 0; d < MAX_DOSES && c_dose[d] >= 0 && c_dose[d] < nf; d++) {
      const double v = field_num(f[c_dose[d]]);
      if (!(v > 0)) break;
      r->dose[r->n_doses++] = v;
    }
    n++;
  }
  fclose(fp);
  *rows_out = rows;
  *n_out = n;
  return PSORSIM_OK;
}

static double session_day(int k)
{
  return 7.0 * (k / 3) + 2.0 * (k % 3);
}

/* Simulate one patient with sensitivity emax: model PASI fractions at weeks
 * 0..12 into frac[], and at t_fu (when > 0) into *frac_fu. */
static int simulate(uvb_sim *s, const uvb_row *r, double emax, double t_fu, double *frac,
                    double *frac_fu)
{
  psorsim_treated_patient pt;
  psorsim_patient_setup su;
  psorsim_run run;
  const int cap = (int)(sizeof(s->ev) / sizeof(s->ev[0]));
  int n_ev, n_out = N_WEEKS, rc;
  const int width = s->mt->n_states + s->mt->n_obs;
  psorsim_treated_patient_init(&pt, FIT_WEIGHT_KG, 0.0);
  pt.base_p = s->p;
  pt.uv_day = s->day;
  pt.uv_j_cm2 = r->dose;
  pt.n_uv = r->n_doses;
  s->emax = emax;
  PSR_TRY(psorsim_treated_patient_setup(s->ctx, s->tm, NULL, 0.0, &pt, &s->run, s->p_run, s->ev,
                                        2 * MAX_DOSES, &su));
  n_ev = (int)su.n_events;
  /* the non-specific response (in p_run) ends with the course */
  for (int i = 0; i < s->m->n_params && r->n_doses > 0; i++) {
    if (s->p_run[i] != s->p[i] && n_ev < cap)
      s->ev[n_ev++] = (psorsim_event){session_day(r->n_doses - 1) + PSORSIM_UVB_PULSE_DAYS,
                                      PSORSIM_EVENT_SET_PARAM, i, s->p[i]};
  }
  for (int w = 0; w < N_WEEKS; w++)
    s->t_out[w] = 7.0 * w;
  if (t_fu > s->t_out[N_WEEKS - 1]) s->t_out[n_out++] = t_fu;
  memset(&run, 0, sizeof(run));
  run.params = s->p_run;
  run.y0 = s->y0;
  run.t_out = s->t_out;
  run.n_out = n_out;
  run.events = s->ev;
  run.n_events = n_ev;
  run.out = s->out;
  rc = psorsim_engine_run(s->eng, &run);
  if (rc != PSORSIM_OK) return rc;
  for (int w = 0; w < N_WEEKS; w++)
    frac[w] = s->out[(size_t)w * width + s->mt->n_states + s->pasi_obs] / s->pasi0;
  if (frac_fu != NULL) {
    *frac_fu = n_out > N_WEEKS
                   ? s->out[(size_t)N_WEEKS * width + s->mt->n_states + s->pasi_obs] / s->pasi0
                   : frac[N_WEEKS - 1];
  }
  return PSORSIM_OK;
}

/* Give the simulated patient the genetic susceptibility at which its
 * psoriatic steady state has the patient's baseline PASI (bisection on a log
 * scale; the closest value when the PASI lies outside the reachable range),
 * so that mild and severe patients are fitted on models as mild and as
 * severe as they are. */
static int match_baseline(uvb_sim *s, double pasi)
{
  const int is = psorsim_model_covariate_index(s->m, PSORSIM_COVARIATE_SUSCEPTIBILITY);
  double sum[PSORSIM_READOUT_COUNT];
  double lo = log(0.4), hi = log(2.5);
  for (int it = 0; it < 40; it++) {
    const double mid = 0.5 * (lo + hi);
    s->p[is] = exp(mid);
    if (psorsim_model_baseline(s->ctx, s->m, s->p, s->y0, sum) == PSORSIM_OK &&
        sum[PSORSIM_READOUT_PASI] > pasi) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  psorsim_ctx_clear_error(s->ctx);
  s->p[is] = exp(hi);
  PSR_TRY(psorsim_model_baseline(s->ctx, s->m, s->p, s->y0, sum));
  s->pasi0 = sum[PSORSIM_READOUT_PASI];
  /* the baseline (y0) is the untreated steady state; each simulation adds the non-specific
   * response of the median participant for as long as the course lasts, as a trial does */
  PSR_CHECK(s->ctx, s->pasi0 > 0.5, PSORSIM_EMODEL, "no plaques at susceptibility %g", s->p[is]);
  return PSORSIM_OK;
}

/* Squared error in PASI points over the observed weeks 1..12. */
static int sse_at(uvb_sim *s, const uvb_row *r, double emax, double *sse)
{
  double frac[N_WEEKS];
  PSR_TRY(simulate(s, r, emax, 0.0, frac, NULL));
  *sse = 0.0;
  for (int w = 1; w < N_WEEKS; w++) {
    if (isnan(r->week[w])) continue;
    const double d = r->baseline * frac[w] - r->week[w];
    *sse += d * d;
  }
  return PSORSIM_OK;
}

static int fit_one(uvb_sim *s, const uvb_row *r, double *best_emax)
{
  double lg[GRID_N], f[GRID_N], a, b, c, d, fc, fd;
  const double gr = (sqrt(5.0) - 1.0) / 2.0;
  int ib = 0;
  for (int i = 0; i < GRID_N; i++) {
    lg[i] = log(GRID_LO) + (log(GRID_HI) - log(GRID_LO)) * i / (GRID_N - 1);
    PSR_TRY(sse_at(s, r, exp(lg[i]), &f[i]));
    if (f[i] < f[ib]) ib = i;
  }
  a = lg[ib > 0 ? ib - 1 : 0];
  b = lg[ib < GRID_N - 1 ? ib + 1 : GRID_N - 1];
  c = b - gr * (b - a);
  d = a + gr * (b - a);
  PSR_TRY(sse_at(s, r, exp(c), &fc));
  PSR_TRY(sse_at(s, r, exp(d), &fd));
  for (int it = 0; it < GOLDEN_ITERS; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - gr * (b - a);
      PSR_TRY(sse_at(s, r, exp(c), &fc));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + gr * (b - a);
      PSR_TRY(sse_at(s, r, exp(d), &fd));
    }
  }
  *best_emax = fc < f[ib] || fd < f[ib] ? exp(fc < fd ? c : d) : exp(lg[ib]);
  return PSORSIM_OK;
}

void psorsim_uvb_fit_free(psorsim_uvb_fit **fp)
{
  if (fp == NULL || *fp == NULL) return;
  free((*fp)->patients);
  free(*fp);
  *fp = NULL;
}

/* The typical patient: population medians (with overrides), psoriatic steady state; nb_uvb
 * attached, its emax the value each simulation tries. */
static int sim_setup(psorsim_ctx *ctx, const char *const *names, const double *values, int n_ovr,
                     uvb_sim *s)
{
  psr_pop_settings pop;
  psorsim_trial_options opt;
  double sum[PSORSIM_READOUT_COUNT];
  int i_susc, i_sigma;
  const psorsim_treatment *nb_uvb = psorsim_treatment_find("nb_uvb");
  memset(&opt, 0, sizeof(opt));
  opt.override_names = names;
  opt.override_values = values;
  opt.n_overrides = n_ovr;
  s->ctx = ctx;
  s->m = psorsim_model_find("psoriasis"); /* the per-patient fits are of the disease model */
  PSR_CHECK(ctx, s->m != NULL, PSORSIM_EINVAL, "the psoriasis model is not registered");
  PSR_TRY(psr_pop_settings_init(ctx, s->m, &opt, &pop));
  i_susc = psorsim_model_covariate_index(s->m, PSORSIM_COVARIATE_SUSCEPTIBILITY);
  i_sigma = psorsim_model_covariate_index(s->m, PSORSIM_COVARIATE_SITE_SPREAD);
  PSR_CHECK(ctx, i_susc >= 0 && i_sigma >= 0, PSORSIM_EINVAL,
            "the disease model declares no susceptibility or site-spread covariate");
  PSR_CHECK(ctx, nb_uvb != NULL, PSORSIM_EINVAL, "the treatment library has no nb_uvb");
  PSR_TRY(psorsim_treated_model_create(ctx, s->m, &nb_uvb, 1, &s->tm));
  s->mt = psorsim_treated_model_model(s->tm);
  s->p = calloc((size_t)s->m->n_params, sizeof(double));
  s->p_run = calloc((size_t)s->mt->n_params, sizeof(double));
  s->y0 = calloc((size_t)s->mt->n_states, sizeof(double));
  s->out = calloc((size_t)(N_WEEKS + 1) * (size_t)(s->mt->n_states + s->mt->n_obs), sizeof(double));
  if (!s->p || !s->p_run || !s->y0 || !s->out)
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the UVB fit");
  psorsim_model_default_params(s->m, s->p);
  s->p[i_susc] = pop.susceptibility_median;
  s->susc_ref = pop.susceptibility_median;
  s->p[i_sigma] = pop.site_sigma_median;
  psr_pop_apply_base(&pop, s->p);
  /* the run's placebo size; of its overrides only nb_uvb's emax, the value tried */
  psr_pop_setup_settings(&pop, &s->run);
  s->emax_name = "nb_uvb.uvb.emax";
  s->run.override_names = &s->emax_name;
  s->run.override_values = &s->emax;
  s->run.n_overrides = 1;
  s->run.overrides_as_given = 1;
  s->run.uvb_susceptibility_median = 0.0; /* the fit estimates the covariate */
  for (int k = 0; k < MAX_DOSES; k++)
    s->day[k] = session_day(k);
  s->pasi_obs = psorsim_model_readout_index(s->m, PSORSIM_READOUT_PASI);
  PSR_CHECK(ctx,
            psorsim_model_param_index(s->mt, s->emax_name) >= 0 && s->pasi_obs >= 0 &&
                psorsim_model_param_index(s->m, "uv_adapt") >= 0 &&
                psorsim_model_param_index(s->m, "uv_adapt_days") >= 0,
            PSORSIM_EINVAL, "the disease model lacks the UVB input or PASI");
  PSR_TRY(psorsim_model_baseline(ctx, s->m, s->p, s->y0, sum));
  s->pasi0 = sum[PSORSIM_READOUT_PASI];
  PSR_CHECK(ctx, s->pasi0 > 0.5, PSORSIM_EMODEL, "the typical patient has no plaques");
  PSR_TRY(psorsim_engine_create(ctx, s->mt, &s->eng));
  psorsim_engine_set_tolerances(s->eng, 1e-5, 1e-4);
  return PSORSIM_OK;
}

static void sim_free(uvb_sim *s)
{
  psorsim_engine_free(&s->eng);
  psorsim_treated_model_free(&s->tm);
  free(s->p);
  free(s->p_run);
  free(s->y0);
  free(s->out);
}

/* Summary statistics over the fitted patients. */
static void summarise(psorsim_uvb_fit *fit)
{
  double sl = 0, sl2 = 0, sxy = 0, sx = 0, sy = 0, sx2 = 0, sy2 = 0, sse = 0, fu_abs = 0;
  double *sorted = malloc(fit->n * sizeof(double) + 1);
  double *lx = malloc(fit->n * sizeof(double) + 1), *ly = malloc(fit->n * sizeof(double) + 1);
  int nf = 0, np = 0;
  fit->fu_n = fit->relapse_agree = fit->relapse_obs = fit->relapse_pred = 0;
  for (size_t i = 0; i < fit->n; i++) {
    const psorsim_uvb_patient *p = &fit->patients[i];
    if (isnan(p->uvb_emax)) continue;
    if (sorted != NULL) sorted[nf] = p->uvb_emax;
    if (lx != NULL && ly != NULL) {
      lx[nf] = log(p->susceptibility / fit->susc_ref);
      ly[nf] = log(p->uvb_emax);
    }
    nf++;
    sl += log(p->uvb_emax);
    sl2 += log(p->uvb_emax) * log(p->uvb_emax);
    for (int w = 1; w < N_WEEKS; w++) {
      if (isnan(p->week_obs[w])) continue;
      const double x = p->week_pred[w], y = p->week_obs[w];
      sx += x, sy += y, sx2 += x * x, sy2 += y * y, sxy += x * y;
      sse += (x - y) * (x - y);
      np++;
    }
    if (!isnan(p->fu_obs) && !isnan(p->fu_pred)) {
      const int ro = p->fu_obs >= 0.5 * p->baseline, rp = p->fu_pred >= 0.5 * p->baseline;
      fit->fu_n++;
      fu_abs += fabs(p->fu_pred - p->fu_obs);
      fit->relapse_obs += ro;
      fit->relapse_pred += rp;
      fit->relapse_agree += ro == rp;
    }
  }
  if (nf > 0 && sorted != NULL) fit->median = psr_median(sorted, nf, sorted);
  if (nf > 1) {
    const double var = (sl2 - sl * sl / nf) / (nf - 1);
    fit->cv = sqrt(expm1(var > 0 ? var : 0));
  }
  fit->typical = fit->susc_exponent = fit->resid_cv = NAN;
  if (nf > 2 && lx != NULL && ly != NULL) { /* covariate model on log susceptibility */
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(lx, 1, ly, 1, (size_t)nf, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    fit->typical = exp(c0);
    fit->susc_exponent = c1;
    fit->resid_cv = sqrt(expm1(sumsq / (nf - 2)));
  }
  free(lx);
  free(ly);
  fit->rmse_all = np > 0 ? sqrt(sse / np) : NAN;
  if (np > 1) {
    const double cov = sxy - sx * sy / np, vx = sx2 - sx * sx / np, vy = sy2 - sy * sy / np;
    fit->r_weekly = vx > 0 && vy > 0 ? cov / sqrt(vx * vy) : NAN;
  }
  fit->fu_mae = fit->fu_n > 0 ? fu_abs / fit->fu_n : NAN;
  free(sorted);
}

int psorsim_calib_uvb_patients(psorsim_ctx *ctx, const char *csv_path,
                               const char *const *override_names, const double *override_values,
                               int n_overrides, psorsim_uvb_fit **out)
{
  uvb_row *rows = NULL;
  size_t n = 0;
  uvb_sim s;
  psorsim_uvb_fit *fit;
  int rc;

  PSR_CHECK(ctx, csv_path != NULL && out != NULL, PSORSIM_EINVAL, "calibrate: NULL argument");
  *out = NULL;
  PSR_TRY(read_csv(ctx, csv_path, &rows, &n));
  memset(&s, 0, sizeof(s));
  fit = calloc(1, sizeof(*fit));
  if (fit != NULL) fit->patients = calloc(n + 1, sizeof(*fit->patients));
  if (fit == NULL || fit->patients == NULL) {
    free(rows);
    psorsim_uvb_fit_free(&fit);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the UVB fit");
  }
  fit->n = n;
  rc = sim_setup(ctx, override_names, override_values, n_overrides, &s);
  for (size_t i = 0; i < n && rc == PSORSIM_OK; i++) {
    const uvb_row *r = &rows[i];
    psorsim_uvb_patient *p = &fit->patients[i];
    double frac[N_WEEKS], fu_frac = NAN, sse = 0.0, t_fu = 0.0;
    int nw = 0;
    p->id = r->id;
    p->baseline = r->baseline;
    p->n_sessions = r->n_doses;
    p->fu_month = r->fu_month;
    p->fu_obs = r->fu_pasi;
    p->fu_pred = NAN;
    for (int w = 0; w < N_WEEKS; w++) {
      p->week_obs[w] = r->week[w];
      p->week_pred[w] = NAN;
      nw += w > 0 && !isnan(r->week[w]);
    }
    p->n_weeks = nw;
    p->uvb_emax = p->rmse = NAN;
    if (r->n_doses == 0 || nw == 0) continue; /* no session doses: cannot be fitted */
    rc = match_baseline(&s, r->baseline);
    p->susceptibility = s.p[psorsim_model_covariate_index(s.m, PSORSIM_COVARIATE_SUSCEPTIBILITY)];
    if (rc == PSORSIM_OK) rc = fit_one(&s, r, &p->uvb_emax);
    if (!isnan(r->fu_month) && r->fu_month > 0) {
      t_fu = session_day(r->n_doses - 1) + DAYS_PER_MONTH * r->fu_month;
    }
    if (rc == PSORSIM_OK) rc = simulate(&s, r, p->uvb_emax, t_fu, frac, &fu_frac);
    if (rc != PSORSIM_OK) break;
    for (int w = 0; w < N_WEEKS; w++) {
      p->week_pred[w] = r->baseline * frac[w];
      if (w > 0 && !isnan(r->week[w]))
        sse += (p->week_pred[w] - r->week[w]) * (p->week_pred[w] - r->week[w]);
    }
    p->rmse = sqrt(sse / nw);
    if (t_fu > 0) p->fu_pred = r->baseline * fu_frac;
  }
  fit->susc_ref = s.susc_ref;
  sim_free(&s);
  free(rows);
  if (rc != PSORSIM_OK) {
    psorsim_uvb_fit_free(&fit);
    return rc;
  }
  summarise(fit);
  *out = fit;
  return PSORSIM_OK;
}
