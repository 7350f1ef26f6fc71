/* src/econ/econ_summary.c
 *
 * Arm-level economics from the per-patient results (include/psorsim/economics.h,
 * docs/economics.md): mean cost and QALYs with 95 % t-intervals, cost per
 * PASI75 responder and incremental cost-effectiveness against a reference
 * arm with 95 % bootstrap percentile intervals (patients resampled with
 * replacement within each arm), the bootstrap cloud of the cost-effectiveness
 * plane and the probability of being cost-effective at the threshold.
 * Results are read in patient order and the resampling streams are keyed by
 * (seed, arm, endpoint), so the result does not depend on threads.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/economics.h>

#include "common/context_impl.h"
#include "common/stats_impl.h"
#include "common/rng_impl.h"

/* Tag of the cost-effectiveness plane's streams (endpoint tags are 0..n-1). */
#define PLANE_TAG 0xFFFFu

/* One arm's counted patients (failures excluded), in patient order. */
typedef struct arm_data {
  const psorsim_econ_patient_result **p;
  int n;
} arm_data;

/* What every arm's summary reads: the economics block, the endpoints, the seed. */
typedef struct summary_in {
  const psorsim_trial_spec *spec;
  uint64_t seed;
  const arm_data *data; /* per arm */
} summary_in;

int psorsim_econ_is_endpoint(psorsim_endpoint_kind kind)
{
  return kind == PSORSIM_ENDPOINT_COST_PER_PATIENT || kind == PSORSIM_ENDPOINT_COST_PER_PASI75 ||
         kind == PSORSIM_ENDPOINT_QALY || kind == PSORSIM_ENDPOINT_ICER;
}

int psorsim_econ_week_slot(const psorsim_economics *econ, double week)
{
  for (int s = 0; econ != NULL && s < econ->n_weeks; s++)
    if (econ->weeks[s] == week) return s;
  return -1;
}

const char *psorsim_price_basis_name(psorsim_price_basis basis)
{
  switch (basis) {
  case PSORSIM_PRICE_PER_MG:
    return "per mg";
  case PSORSIM_PRICE_PER_DOSE:
    return "per dose";
  case PSORSIM_PRICE_PER_SESSION:
    return "per session";
  case PSORSIM_PRICE_PER_MILLION_CELLS:
    return "per 10^6 cells";
  default:
    return "?";
  }
}

const char *psorsim_econ_quadrant(double dc, double dq, double *icer)
{
  if (icer != NULL) *icer = NAN;
  if (dc == 0.0 && dq == 0.0) return "equal";
  if (dc <= 0.0 && dq >= 0.0) return "dominant";
  if (dc >= 0.0 && dq <= 0.0) return "dominated";
  if (icer != NULL) *icer = dc / dq;
  return dq > 0.0 ? "more_costly_more_effective" : "less_costly_less_effective";
}

void psorsim_econ_arm_free(psorsim_econ_arm **e)
{
  if (e == NULL || *e == NULL) return;
  free((*e)->boot_dcost);
  free((*e)->boot_dqaly);
  free((*e)->icers);
  free(*e);
  *e = NULL;
}

/* Value of one patient: cost, QALYs or PASI75 (0/1) at slot s. */
typedef enum { V_COST, V_QALY, V_RESP } value_kind;

static double value(const psorsim_econ_patient_result *p, value_kind k, int s)
{
  return k == V_COST ? p->cost_at[s] : k == V_QALY ? p->qaly_at[s] : p->pasi75_at[s];
}

/* Mean and 95 % t-interval of a value over the arm. */
static void mean_t(const arm_data *d, value_kind k, int s, double *mean, double *lo, double *hi)
{
  double sum = 0.0, ss = 0.0, m;
  *mean = *lo = *hi = NAN;
  if (d->n < 1) return;
  for (int i = 0; i < d->n; i++)
    sum += value(d->p[i], k, s);
  m = sum / d->n;
  for (int i = 0; i < d->n; i++)
    ss += (value(d->p[i], k, s) - m) * (value(d->p[i], k, s) - m);
  *mean = m;
  if (d->n >= 2) {
    const double half = psr_t975(d->n - 1) * sqrt(ss / (d->n - 1) / d->n);
    *lo = m - half;
    *hi = m + half;
  }
}

/* One bootstrap resample of an arm: mean cost, QALYs and responder fraction at slot s. */
static void resample(psr_rng *r, const arm_data *d, int s, double *c, double *q, double *resp)
{
  double sc = 0.0, sq = 0.0, sr = 0.0;
  for (int i = 0; i < d->n; i++) {
    int j = (int)(psr_rng_uniform(r) * d->n);
    if (j >= d->n) j = d->n - 1;
    sc += d->p[j]->cost_at[s];
    sq += d->p[j]->qaly_at[s];
    sr += d->p[j]->pasi75_at[s];
  }
  *c = sc / d->n;
  *q = sq / d->n;
  *resp = sr / d->n;
}

/* 2.5 and 97.5 percentiles (type 7, the trial runner's quantile: stats.c) of
 * v[0..n); v is sorted in place. */
static void percentiles(double *v, int n, double *lo, double *hi)
{
  int k;
  *lo = *hi = NAN;
  if (n < 2) return;
  k = psr_sort_finite(v, n, v); /* in place: the copy only moves entries down */
  if (k < 2) return;
  *lo = psr_quantile_sorted(v, k, 0.025);
  *hi = psr_quantile_sorted(v, k, 0.975);
}

/* Cost per responder of an arm at slot s with its bootstrap interval. */
static int cost_per_responder(psorsim_ctx *ctx, uint64_t seed, size_t arm, unsigned tag,
                              const arm_data *d, int s, int boot, double *est, double *lo,
                              double *hi)
{
  double mc, mr, dummy, *rep;
  psr_rng r;
  mean_t(d, V_COST, s, &mc, &dummy, &dummy);
  mean_t(d, V_RESP, s, &mr, &dummy, &dummy);
  *est = mr > 0 ? mc / mr : NAN;
  *lo = *hi = NAN;
  if (boot < 2 || d->n < 2) return PSORSIM_OK;
  rep = psr_malloc(ctx, (size_t)boot * sizeof(double));
  if (rep == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: bootstrap");
  psr_rng_init(&r, seed, arm, UINT64_MAX - tag, PSR_STREAM_BOOTSTRAP);
  for (int b = 0; b < boot; b++) {
    double c, q, resp;
    resample(&r, d, s, &c, &q, &resp);
    rep[b] = resp > 0 ? c / resp : INFINITY;
  }
  percentiles(rep, boot, lo, hi);
  psr_free(ctx, rep);
  return PSORSIM_OK;
}

/* Incremental analysis of arm a vs ref at slot s: the means, the bootstrap
 * replicates (kept in bc/bq when not NULL, boot entries each) and their
 * intervals. */
static int incremental(psorsim_ctx *ctx, const summary_in *in, size_t a, size_t ref, int s,
                       unsigned tag, double *bc, double *bq, psorsim_econ_icer *out, double *icer,
                       double *icer_lo, double *icer_hi)
{
  const psorsim_economics *ec = &in->spec->economics;
  const arm_data *data = in->data;
  const int boot = ec->bootstrap;
  double ca, qa, cr, qr, dummy, *dc = NULL, *dq = NULL, *ratio = NULL;
  int same_sign = 1, ce = 0;
  psr_rng ra, rr;

  mean_t(&data[a], V_COST, s, &ca, &dummy, &dummy);
  mean_t(&data[a], V_QALY, s, &qa, &dummy, &dummy);
  mean_t(&data[ref], V_COST, s, &cr, &dummy, &dummy);
  mean_t(&data[ref], V_QALY, s, &qr, &dummy, &dummy);
  out->ref_arm = (int)ref;
  out->delta_cost = ca - cr;
  out->delta_qaly = qa - qr;
  out->delta_cost_lo = out->delta_cost_hi = out->delta_qaly_lo = out->delta_qaly_hi = NAN;
  out->prob_cost_effective = NAN;
  *icer_lo = *icer_hi = NAN;
  if (a == ref) {
    out->quadrant = "reference";
    *icer = NAN;
    out->delta_cost = out->delta_qaly = 0.0;
    return PSORSIM_OK;
  }
  out->quadrant = psorsim_econ_quadrant(out->delta_cost, out->delta_qaly, icer);
  if (boot < 2 || data[a].n < 2 || data[ref].n < 2) return PSORSIM_OK;
  dc = psr_malloc(ctx, (size_t)boot * sizeof(double));
  dq = psr_malloc(ctx, (size_t)boot * sizeof(double));
  ratio = psr_malloc(ctx, (size_t)boot * sizeof(double));
  if (dc == NULL || dq == NULL || ratio == NULL) {
    psr_free(ctx, dc);
    psr_free(ctx, dq);
    psr_free(ctx, ratio);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: bootstrap");
  }
  /* the reference's resamples depend only on (seed, ref, tag): common to every comparison */
  psr_rng_init(&ra, in->seed, a, UINT64_MAX - tag, PSR_STREAM_BOOTSTRAP);
  psr_rng_init(&rr, in->seed, ref, UINT64_MAX - tag, PSR_STREAM_BOOTSTRAP);
  for (int b = 0; b < boot; b++) {
    double c1, q1, r1, c0, q0, r0;
    resample(&ra, &data[a], s, &c1, &q1, &r1);
    resample(&rr, &data[ref], s, &c0, &q0, &r0);
    dc[b] = c1 - c0;
    dq[b] = q1 - q0;
    ratio[b] = dq[b] != 0.0 ? dc[b] / dq[b] : NAN;
    same_sign &= (dq[b] > 0.0) == (out->delta_qaly > 0.0) && dq[b] != 0.0;
    if (isfinite(ec->threshold)) ce += ec->threshold * dq[b] - dc[b] > 0.0;
    if (bc != NULL) bc[b] = dc[b];
    if (bq != NULL) bq[b] = dq[b];
  }
  if (isfinite(ec->threshold)) out->prob_cost_effective = (double)ce / boot;
  /* a ratio interval only when every replicate stays on the same side of delta QALY = 0
   * and the means are not dominant or dominated */
  if (same_sign && isfinite(*icer)) percentiles(ratio, boot, icer_lo, icer_hi);
  percentiles(dc, boot, &out->delta_cost_lo, &out->delta_cost_hi);
  percentiles(dq, boot, &out->delta_qaly_lo, &out->delta_qaly_hi);
  psr_free(ctx, dc);
  psr_free(ctx, dq);
  psr_free(ctx, ratio);
  return PSORSIM_OK;
}

static void arm_means(const arm_data *d, psorsim_econ_arm *e)
{
  double dummy;
  e->n = d->n;
  mean_t(d, V_COST, 0, &e->cost, &e->cost_lo, &e->cost_hi);
  mean_t(d, V_QALY, 0, &e->qaly, &e->qaly_lo, &e->qaly_hi);
  mean_t(d, V_RESP, 0, &e->pasi75_pct, &dummy, &dummy);
  e->pasi75_pct *= 100.0;
  for (int i = 0; i < d->n; i++) {
    e->cost_drug += d->p[i]->cost_drug / d->n;
    e->cost_admin += d->p[i]->cost_admin / d->n;
    e->cost_monitoring += d->p[i]->cost_monitoring / d->n;
    e->cost_phototherapy += d->p[i]->cost_phototherapy / d->n;
    e->cost_cells += d->p[i]->cost_cells / d->n;
    e->cost_ae += d->p[i]->cost_ae / d->n;
  }
}

/* Everything of arm a: summary (into *out), plane, endpoints (into est). */
static int summarise_arm(psorsim_ctx *ctx, const summary_in *in, size_t a, size_t plane_ref,
                         psorsim_econ_arm **out, psorsim_estimate *est_arm)
{
  const psorsim_trial_spec *spec = in->spec;
  const psorsim_economics *ec = &spec->economics;
  const arm_data *data = in->data;
  psorsim_econ_arm *e = calloc(1, sizeof(*e));
  psorsim_econ_icer plane;
  double lo, hi;
  int n_icer = 0;

  if (e == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: arm summary");
  *out = e;
  for (size_t k = 0; k < spec->n_endpoints; k++)
    n_icer += spec->endpoints[k].kind == PSORSIM_ENDPOINT_ICER;
  e->icers = calloc((size_t)(n_icer ? n_icer : 1), sizeof(*e->icers));
  if (ec->bootstrap >= 2 && a != plane_ref) {
    e->boot_dcost = calloc((size_t)ec->bootstrap, sizeof(double));
    e->boot_dqaly = calloc((size_t)ec->bootstrap, sizeof(double));
    if (e->boot_dcost == NULL || e->boot_dqaly == NULL) {
      PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: arm summary");
    }
  }
  if (e->icers == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: arm summary");
  arm_means(&data[a], e);
  PSR_TRY(cost_per_responder(ctx, in->seed, a, PLANE_TAG, &data[a], 0, ec->bootstrap,
                             &e->cost_per_pasi75, &e->cpr_lo, &e->cpr_hi));
  e->ref_arm = (int)plane_ref;
  PSR_TRY(incremental(ctx, in, a, plane_ref, 0, PLANE_TAG, e->boot_dcost, e->boot_dqaly, &plane,
                      &e->icer, &lo, &hi));
  e->delta_cost = plane.delta_cost;
  e->delta_qaly = plane.delta_qaly;
  e->quadrant = plane.quadrant;
  e->n_boot = e->boot_dcost != NULL && data[a].n >= 2 && data[plane_ref].n >= 2 ? ec->bootstrap : 0;

  for (size_t k = 0; k < spec->n_endpoints; k++) {
    const psorsim_endpoint *ep = &spec->endpoints[k];
    psorsim_estimate *est = &est_arm[k];
    const int s = psorsim_econ_week_slot(ec, ep->week);
    if (!psorsim_econ_is_endpoint(ep->kind) || s < 0) continue;
    est->n = data[a].n;
    switch (ep->kind) {
    case PSORSIM_ENDPOINT_COST_PER_PATIENT:
      mean_t(&data[a], V_COST, s, &est->estimate, &est->lo, &est->hi);
      break;
    case PSORSIM_ENDPOINT_QALY:
      mean_t(&data[a], V_QALY, s, &est->estimate, &est->lo, &est->hi);
      break;
    case PSORSIM_ENDPOINT_COST_PER_PASI75:
      PSR_TRY(cost_per_responder(ctx, in->seed, a, (unsigned)k, &data[a], s, ec->bootstrap,
                                 &est->estimate, &est->lo, &est->hi));
      break;
    default: { /* ICER */
      psorsim_econ_icer *ic = &e->icers[e->n_icers++];
      ic->endpoint = (int)k;
      PSR_TRY(incremental(ctx, in, a, (size_t)ep->ref_arm, s, (unsigned)k, NULL, NULL, ic,
                          &est->estimate, &est->lo, &est->hi));
      est->n = data[a].n + (a != (size_t)ep->ref_arm ? data[ep->ref_arm].n : 0);
      break;
    }
    }
  }
  return PSORSIM_OK;
}

int psorsim_econ_summarise(psorsim_ctx *ctx, const psorsim_trial_spec *spec, uint64_t seed,
                           size_t n_arms, const psorsim_econ_patient_result *const *patients,
                           const int *n_patients, psorsim_econ_arm **arms,
                           psorsim_estimate *const *endpoints)
{
  arm_data *data;
  summary_in in;
  size_t plane_ref = 0;
  int rc = PSORSIM_OK;

  PSR_CHECK(ctx, spec != NULL, PSORSIM_EINVAL, "economics: no trial");
  if (!spec->economics.enabled) return PSORSIM_OK;
  PSR_CHECK(ctx,
            n_arms == spec->n_arms && patients != NULL && n_patients != NULL && arms != NULL &&
                endpoints != NULL,
            PSORSIM_EINVAL, "economics: %zu arms given for a trial of %zu", n_arms, spec->n_arms);
  for (size_t k = 0; k < spec->n_endpoints; k++)
    if (spec->endpoints[k].kind == PSORSIM_ENDPOINT_ICER && spec->endpoints[k].ref_arm >= 0) {
      plane_ref = (size_t)spec->endpoints[k].ref_arm; /* the first icer_vs reference */
      break;
    }
  data = calloc(n_arms ? n_arms : 1, sizeof(*data));
  if (data == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "economics: summary");
  for (size_t a = 0; a < n_arms && rc == PSORSIM_OK; a++) {
    const int n = n_patients[a] > 0 && patients[a] != NULL ? n_patients[a] : 0;
    data[a].p = calloc((size_t)(n ? n : 1), sizeof(*data[a].p));
    if (data[a].p == NULL) {
      rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "economics: summary");
      break;
    }
    for (int i = 0; i < n; i++)
      if (patients[a][i].counted) data[a].p[data[a].n++] = &patients[a][i];
  }
  in.spec = spec;
  in.seed = seed;
  in.data = data;
  for (size_t a = 0; a < n_arms && rc == PSORSIM_OK; a++)
    rc = summarise_arm(ctx, &in, a, plane_ref, &arms[a], endpoints[a]);
  for (size_t a = 0; a < n_arms; a++)
    free((void *)data[a].p);
  free(data);
  return rc;
}
