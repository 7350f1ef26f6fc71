/* src/trial/accumulate.c
 *
 * An arm's accumulator (accumulate.h): add one patient record at a time in
 * patient order, merge the accumulators of adjacent patient ranges, and
 * turn a complete one into the arm's results (endpoints with intervals,
 * weekly mean PASI and improvement with 5-95 % bands from the histograms,
 * failures, dropouts, adverse events, solver statistics).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accumulate.h"
#include "common/stats_impl.h"
#include "trial_impl.h"

#define FAILED_CAP0 16 /* room for failed ids before the list grows */

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
  acc->n_ae += v[acc->n_visits - 1].ae_count;
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
    const int np = (int)(acc->end - acc->first);
    double *scratch = malloc(2 * (size_t)np * sizeof(double) + 16);
    int n = 0;
    for (int i = 0; i < np; i++)
      n += !isnan(acc->rel_t[i]);
    est->n = n;
    est->estimate = scratch ? psr_km_median(acc->rel_t, acc->rel_c, np, scratch) : NAN;
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

void psr_arm_acc_finish(psr_arm_acc *acc, psorsim_arm_result *ar)
{
  for (size_t e = 0; e < acc->spec->n_endpoints; e++)
    estimate(acc, e, &ar->endpoints[e]);
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
