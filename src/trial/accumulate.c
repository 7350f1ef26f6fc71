/* src/trial/accumulate.c
 *
 * An arm's accumulator (accumulate.h): add one patient record at a time in
 * patient order, merge the accumulators of adjacent patient ranges, and
 * turn a complete one into the arm's results (endpoints with intervals, the
 * relapse analysis, weekly mean PASI and improvement with 5-95 % bands from
 * the histograms, failures, dropouts, the adverse-event table with
 * exposure-adjusted rates, solver statistics).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accumulate.h"
#include "common/stats_impl.h"
#include "km.h"
#include "safety.h"
#include "trial_impl.h"

#define FAILED_CAP0   16 /* room for failed ids before the list grows */
#define DAYS_PER_YEAR 365.25
#define Z95           1.959963984540054

static const char relapse_definition[] =
    "weeks from the last dose to the first visit with less than half of the best PASI "
    "improvement reached up to the last dose, among patients who stopped treatment per protocol "
    "(the arm's whole regimen ends before the end of the trial) and had reached PASI 75 by their "
    "last dose; an adverse-event dropout is censored at the dropout, the others at the end of "
    "the trial; patients still on treatment at the end do not enter; Kaplan-Meier median";

void psr_solver_stats_add(psorsim_solver_stats *to, const psorsim_solver_stats *s)
{
  to->steps += s->steps;
  to->rhs_evals += s->rhs_evals;
  to->jac_evals += s->jac_evals;
  to->lin_setups += s->lin_setups;
  to->err_test_fails += s->err_test_fails;
  to->nonlin_iters += s->nonlin_iters;
  to->nonlin_conv_fails += s->nonlin_conv_fails;
  to->events_applied += s->events_applied;
  to->roots_found += s->roots_found;
  to->reinits += s->reinits;
}

void psr_arm_acc_free(psr_arm_acc *acc)
{
  if (acc == NULL) return;
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
  free(acc->failed_ids);
  memset(acc, 0, sizeof(*acc));
}

/* Whether the trial has a relapse endpoint (the Kaplan-Meier median needs every time). */
static int has_relapse(const psorsim_trial_spec *spec)
{
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    if (spec->endpoints[e].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) return 1;
  }
  return 0;
}

int psr_arm_acc_init(psr_arm_acc *acc, const psorsim_trial_spec *spec, int n_visits, long first,
                     long end)
{
  const size_t ne = spec->n_endpoints ? spec->n_endpoints : 1;
  const size_t nv = n_visits > 0 ? (size_t)n_visits : 1;
  size_t n_rel;
  memset(acc, 0, sizeof(*acc));
  acc->spec = spec;
  acc->n_visits = n_visits;
  acc->first = first;
  acc->end = end;
  acc->next = first;
  acc->relapse = has_relapse(spec);
  n_rel = acc->relapse && end > first ? (size_t)(end - first) : 1;
  acc->k = calloc(ne, sizeof(long));
  acc->n = calloc(ne, sizeof(long));
  acc->sum = calloc(ne, sizeof(double));
  acc->sumsq = calloc(ne, sizeof(double));
  acc->rel_t = calloc(n_rel, sizeof(double));
  acc->rel_c = calloc(n_rel, sizeof(int));
  acc->hist_pasi = calloc(nv * PSR_ACC_PASI_BINS, sizeof(unsigned));
  acc->hist_imp = calloc(nv * PSR_ACC_IMP_BINS, sizeof(unsigned));
  acc->sum_pasi = calloc(nv, sizeof(double));
  acc->sum_imp = calloc(nv, sizeof(double));
  acc->n_visit = calloc(nv, sizeof(long));
  acc->failed_ids = calloc(FAILED_CAP0, sizeof(int));
  acc->failed_cap = FAILED_CAP0;
  if (!acc->k || !acc->n || !acc->sum || !acc->sumsq || !acc->rel_t || !acc->rel_c ||
      !acc->hist_pasi || !acc->hist_imp || !acc->sum_pasi || !acc->sum_imp || !acc->n_visit ||
      !acc->failed_ids) {
    psr_arm_acc_free(acc);
    return PSORSIM_ENOMEM;
  }
  return PSORSIM_OK;
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

/* Room for `more` failed ids after the n_failed there are. */
static int failed_room(psr_arm_acc *acc, int more)
{
  int cap = acc->failed_cap;
  int *grown;
  if (acc->n_failed + more <= cap) return PSORSIM_OK;
  while (cap < acc->n_failed + more)
    cap *= 2;
  grown = realloc(acc->failed_ids, (size_t)cap * sizeof(int));
  if (grown == NULL) return PSORSIM_ENOMEM;
  acc->failed_ids = grown;
  acc->failed_cap = cap;
  return PSORSIM_OK;
}

int psr_arm_acc_add(psr_arm_acc *acc, const psorsim_patient_record *rec, const psorsim_visit *v,
                    const psorsim_solver_stats *st)
{
  const psorsim_trial_spec *spec = acc->spec;
  const long id = rec->id, slot = id - acc->first;
  if (id != acc->next || id >= acc->end) return PSORSIM_EINVAL;
  acc->next++;
  acc->candidates += rec->candidates;
  if (st != NULL) psr_solver_stats_add(&acc->stats, st);
  if (rec->failed) {
    if (failed_room(acc, 1) != PSORSIM_OK) return PSORSIM_ENOMEM;
    acc->failed_ids[acc->n_failed++] = (int)id;
    if (acc->relapse) acc->rel_t[slot] = NAN;
    return PSORSIM_OK;
  }
  if (rec->dropout_week >= 0) acc->n_dropouts++;
  for (int t = 0; t < PSORSIM_LOG_MAX_AES; t++) {
    const long events = rec->exposure.ae_events[t];
    acc->ae_events[t] += events;
    acc->ae_patients[t] += events > 0;
    acc->n_ae += events;
  }
  if (rec->exposure.drop_type >= 0 && rec->exposure.drop_type < PSORSIM_LOG_MAX_AES)
    acc->ae_discontinued[rec->exposure.drop_type]++;
  for (int k = 0; k < PSORSIM_LOG_MAX_TREATMENTS; k++) {
    acc->exposure_day[k] += rec->exposure.exposure_day[k];
    acc->administrations[k] += rec->exposure.administrations[k];
  }
  acc->rel_stopping += isfinite(rec->exposure.regimen_end_day) != 0;
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    const psorsim_endpoint *ep = &spec->endpoints[e];
    int censored;
    double x;
    if (psorsim_econ_is_endpoint(ep->kind)) continue; /* psorsim_econ_summarise */
    x = psr_endpoint_patient(ep, rec, v, acc->n_visits, &censored);
    if (ep->kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) {
      acc->rel_t[slot] = x;
      acc->rel_c[slot] = censored;
      continue;
    }
    if (isnan(x)) continue;
    acc->n[e]++;
    acc->k[e] += x >= 0.5;
    acc->sum[e] += x;
    acc->sumsq[e] += x * x;
  }
  for (int w = 0; w < acc->n_visits; w++) {
    const double imp = rec->baseline_pasi > 0
                           ? 100.0 * (rec->baseline_pasi - v[w].pasi) / rec->baseline_pasi
                           : 0.0;
    acc->hist_pasi[(size_t)w * PSR_ACC_PASI_BINS +
                   hist_bin(v[w].pasi, 0, PSR_ACC_PASI_MAX, PSR_ACC_PASI_BINS)]++;
    acc->hist_imp[(size_t)w * PSR_ACC_IMP_BINS +
                  hist_bin(imp, PSR_ACC_IMP_MIN, PSR_ACC_IMP_MAX, PSR_ACC_IMP_BINS)]++;
    acc->sum_pasi[w] += v[w].pasi;
    acc->sum_imp[w] += imp;
    acc->n_visit[w]++;
  }
  return PSORSIM_OK;
}

int psr_arm_acc_merge(psr_arm_acc *into, const psr_arm_acc *next)
{
  const size_t ne = into->spec->n_endpoints;
  const size_t nv = into->n_visits > 0 ? (size_t)into->n_visits : 0;
  if (into->next != into->end || next->next != next->end || next->first != into->end ||
      next->spec != into->spec || next->n_visits != into->n_visits) {
    return PSORSIM_EINVAL;
  }
  if (failed_room(into, next->n_failed) != PSORSIM_OK) return PSORSIM_ENOMEM;
  if (into->relapse && next->end > next->first) {
    const size_t n0 = (size_t)(into->end - into->first), n1 = (size_t)(next->end - next->first);
    double *t = realloc(into->rel_t, (n0 + n1) * sizeof(double));
    int *c;
    if (t == NULL) return PSORSIM_ENOMEM;
    into->rel_t = t;
    c = realloc(into->rel_c, (n0 + n1) * sizeof(int));
    if (c == NULL) return PSORSIM_ENOMEM;
    into->rel_c = c;
    memcpy(into->rel_t + n0, next->rel_t, n1 * sizeof(double));
    memcpy(into->rel_c + n0, next->rel_c, n1 * sizeof(int));
  }
  for (size_t e = 0; e < ne; e++) {
    into->k[e] += next->k[e];
    into->n[e] += next->n[e];
    into->sum[e] += next->sum[e];
    into->sumsq[e] += next->sumsq[e];
  }
  for (size_t b = 0; b < nv * PSR_ACC_PASI_BINS; b++)
    into->hist_pasi[b] += next->hist_pasi[b];
  for (size_t b = 0; b < nv * PSR_ACC_IMP_BINS; b++)
    into->hist_imp[b] += next->hist_imp[b];
  for (size_t w = 0; w < nv; w++) {
    into->sum_pasi[w] += next->sum_pasi[w];
    into->sum_imp[w] += next->sum_imp[w];
    into->n_visit[w] += next->n_visit[w];
  }
  memcpy(into->failed_ids + into->n_failed, next->failed_ids, (size_t)next->n_failed * sizeof(int));
  into->n_failed += next->n_failed;
  into->n_dropouts += next->n_dropouts;
  into->n_ae += next->n_ae;
  for (int t = 0; t < PSORSIM_LOG_MAX_AES; t++) {
    into->ae_events[t] += next->ae_events[t];
    into->ae_patients[t] += next->ae_patients[t];
    into->ae_discontinued[t] += next->ae_discontinued[t];
  }
  for (int k = 0; k < PSORSIM_LOG_MAX_TREATMENTS; k++) {
    into->exposure_day[k] += next->exposure_day[k];
    into->administrations[k] += next->administrations[k];
  }
  into->rel_stopping += next->rel_stopping;
  into->candidates += next->candidates;
  psr_solver_stats_add(&into->stats, &next->stats);
  into->end = next->end;
  into->next = next->end;
  return PSORSIM_OK;
}

/* The estimate of endpoint e from the accumulator. */
static void estimate(const psr_arm_acc *acc, size_t e, psorsim_estimate *est)
{
  const psorsim_endpoint *ep = &acc->spec->endpoints[e];
  est->n = (int)acc->n[e];
  if (psorsim_econ_is_endpoint(ep->kind)) {
    est->estimate = est->lo = est->hi = NAN; /* filled by psorsim_econ_summarise */
  } else if (ep->kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) {
    est->estimate = est->lo = est->hi = NAN; /* relapse(): with its analysis */
    est->n = 0;
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

/* The relapse endpoint e: the Kaplan-Meier median from the per-patient times
 * with its interval, or not estimable with the reason. */
static void relapse(const psr_arm_acc *acc, size_t e, psorsim_arm_result *ar)
{
  const int np = (int)(acc->end - acc->first);
  double *scratch = malloc(2 * (size_t)np * sizeof(double) + 16);
  psorsim_estimate *est = &ar->endpoints[e];
  psorsim_relapse_summary *rs = &ar->relapse;
  psr_km_result km = {NAN, NAN, NAN, 0, 0};
  const int no_memory = scratch == NULL;
  if (!no_memory) psr_km_estimate(acc->rel_t, acc->rel_c, np, scratch, &km);
  free(scratch);
  memset(rs, 0, sizeof(*rs));
  rs->definition = relapse_definition;
  rs->ci_method = PSR_KM_CI_METHOD;
  rs->n_at_risk = km.n;
  rs->events = km.events;
  for (int i = 0; i < np; i++)
    rs->censored_dropouts += !isnan(acc->rel_t[i]) && acc->rel_c[i] == 2;
  est->n = km.n;
  est->estimate = km.median;
  est->lo = km.lo;
  est->hi = km.hi;
  if (acc->rel_stopping == 0) {
    rs->not_estimable = "no patient stopped treatment per protocol: the arm's regimen goes on to "
                        "the end of the trial, or the arm has no doses";
  } else if (km.n == 0) {
    rs->not_estimable = "no patient who stopped per protocol had reached PASI 75 by the last dose";
  } else if (no_memory) {
    rs->not_estimable = "out of memory";
  } else if (isnan(km.median)) {
    rs->not_estimable = "fewer than half relapsed within the trial: the Kaplan-Meier curve stays "
                        "above 0.5";
  }
  if (rs->not_estimable != NULL) est->estimate = NAN;
}

/* Byar's approximation of the 95 % interval of a Poisson count k (Rothman
 * and Boice 1979), divided by the exposure. */
static void poisson_ci(long k, double exposure, double *lo, double *hi)
{
  const double z3 = Z95 / 3.0;
  if (!(exposure > 0)) {
    *lo = *hi = NAN;
    return;
  }
  *lo = k == 0 ? 0.0 : k * pow(1.0 - 1.0 / (9.0 * k) - z3 / sqrt((double)k), 3.0) / exposure;
  *hi = (k + 1) * pow(1.0 - 1.0 / (9.0 * (k + 1)) + z3 / sqrt((double)(k + 1)), 3.0) / exposure;
}

/* The arm's adverse-event table: a row per event of each of its treatments. */
static void ae_table(const psr_arm_acc *acc, psorsim_arm_result *ar)
{
  const psorsim_treatment *tx[PSORSIM_LOG_MAX_TREATMENTS];
  const int a_idx = ar->name != NULL ? psorsim_trial_spec_find_arm(acc->spec, ar->name) : -1;
  const int n_tx = a_idx >= 0 ? psr_safety_arm_treatments(&acc->spec->arms[a_idx], tx) : 0;
  ar->n_ae_types = 0;
  for (int k = 0; k < n_tx; k++) {
    for (int a = 0; a < tx[k]->n_aes && a < PSORSIM_LOG_AES_PER_TREATMENT; a++) {
      const int type = k * PSORSIM_LOG_AES_PER_TREATMENT + a;
      psorsim_ae_row *row = &ar->ae_table[ar->n_ae_types++];
      const double py = acc->exposure_day[k] / DAYS_PER_YEAR;
      const long doses = acc->administrations[k];
      memset(row, 0, sizeof(*row));
      row->treatment = tx[k];
      row->ae = a;
      row->events = acc->ae_events[type];
      row->patients = acc->ae_patients[type];
      row->discontinuations = acc->ae_discontinued[type];
      row->exposure_py = py;
      row->administrations = doses;
      row->rate_per_100py = py > 0 ? 100.0 * (double)row->events / py : NAN;
      row->rate_per_100_doses = doses > 0 ? 100.0 * (double)row->events / (double)doses : NAN;
      if (tx[k]->aes[a].basis == PSORSIM_AE_PER_100_DOSES) {
        poisson_ci(row->events, (double)doses / 100.0, &row->rate_lo, &row->rate_hi);
      } else {
        poisson_ci(row->events, py / 100.0, &row->rate_lo, &row->rate_hi);
      }
    }
  }
}

void psr_arm_acc_finish(psr_arm_acc *acc, psorsim_arm_result *ar)
{
  for (size_t e = 0; e < acc->spec->n_endpoints; e++) {
    estimate(acc, e, &ar->endpoints[e]);
    if (acc->spec->endpoints[e].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) relapse(acc, e, ar);
  }
  ae_table(acc, ar);
  for (int w = 0; w < acc->n_visits; w++) {
    const long n = acc->n_visit[w];
    const unsigned *hp = acc->hist_pasi + (size_t)w * PSR_ACC_PASI_BINS;
    const unsigned *hi = acc->hist_imp + (size_t)w * PSR_ACC_IMP_BINS;
    ar->pasi_mean[w] = n > 0 ? acc->sum_pasi[w] / n : NAN;
    ar->improve_mean[w] = n > 0 ? acc->sum_imp[w] / n : NAN;
    ar->pasi_p05[w] = hist_quantile(hp, PSR_ACC_PASI_BINS, 0, PSR_ACC_PASI_MAX, n, 0.05);
    ar->pasi_p95[w] = hist_quantile(hp, PSR_ACC_PASI_BINS, 0, PSR_ACC_PASI_MAX, n, 0.95);
    ar->improve_p05[w] =
        hist_quantile(hi, PSR_ACC_IMP_BINS, PSR_ACC_IMP_MIN, PSR_ACC_IMP_MAX, n, 0.05);
    ar->improve_p95[w] =
        hist_quantile(hi, PSR_ACC_IMP_BINS, PSR_ACC_IMP_MIN, PSR_ACC_IMP_MAX, n, 0.95);
  }
  free(ar->failed_ids);
  ar->failed_ids = acc->failed_ids; /* handed over */
  acc->failed_ids = NULL;
  acc->failed_cap = 0;
  ar->n_failed = acc->n_failed;
  ar->n_dropouts = acc->n_dropouts;
  ar->n_ae = acc->n_ae;
  ar->stats = acc->stats;
}
