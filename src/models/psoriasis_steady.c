/* src/models/psoriasis_steady.c
 *
 * Steady states of the psoriasis model. With constant inputs every skin
 * site is independent (the systemic Treg state sits at 1 + treg_induction),
 * and setting the derivatives to zero reduces a site to one equation in its
 * dendritic-cell density DC (as for Shmarov et al. 2022, guide section 2.7):
 * T, IL-17 + TNF, SC, TA and the memory T cells M follow in closed form, then
 *   F(DC) = dc_in + gain H(GF(SC, TA)) - (t20 + a + U) DC + U dc_min = 0.
 * H and the linear part are tabulated once on a grid (sites differ only in
 * dc_in and gain), every sign change is refined by bisection, and a site is
 * put on its lowest stable root (healthy basin) or its highest (psoriatic).
 * Also the model's `init` (the psoriatic steady state), the public
 * psorsim_psoriasis_steady_state and the model's declared steady-state
 * function (psr_psor_steady_state, behind psorsim_model_baseline).
 */
#include <math.h>
#include <string.h>

#include "common/context_impl.h"
#include "psoriasis_impl.h"

#define GRID_POINTS  512 /* points of the DC grid on which roots are bracketed */
#define BISECT_ITERS 200 /* cap on bisection steps (stops earlier at full precision) */

/* Positive root of q x^2 - b x - c = 0 with q > 0, c >= 0 (0 when b <= 0
 * and c = 0), computed without cancellation. */
static double positive_root(double q, double b, double c)
{
  double disc = sqrt(b * b + 4.0 * q * c);
  if (b >= 0.0) return (b + disc) / (2.0 * q);
  return (disc - b) > 0.0 ? 2.0 * c / (disc - b) : 0.0;
}

/* Steady content n of a layer fed at `influx` that loses cells at rate
 * a + k_ref (n / n_ref)^m: the root of a n + k_ref n_ref (n / n_ref)^(m+1)
 * = influx. Newton from the root without the `a` term, which lies above the
 * root; the function is convex and increasing, so Newton descends
 * monotonically. */
static double layer_steady(double influx, double a, double k_ref, double n_ref, double m)
{
  double n;

  if (!(influx > 0.0)) return 0.0;
  n = n_ref * pow(influx / (k_ref * n_ref), 1.0 / (m + 1.0));
  if (a <= 0.0) return n;
  for (int it = 0; it < 100; it++) {
    double k = k_ref * pow(n / n_ref, m);
    double g = (a + k) * n - influx;
    double dg = a + (m + 1.0) * k;
    double step = g / dg;
    n -= step;
    if (fabs(step) <= 1e-14 * n) break;
  }
  return n;
}

/* Fill site state s (all seven states, may be NULL) at steady state given its
 * DC; store H(GF) at unit gain in *h and return the linear part
 * -(loss + U) DC + U dc_min, so F = dc_in + gain * h + return value. */
static double site_from_dc(const double *p, double treg, double dc, double *s, double *h_out)
{
  double a = p[PP_A_BASE];
  double U = p[PP_UVB_APOPT];
  double loss = p[PP_T20] + a;
  double brake = (1.0 + p[PP_TREG_BRAKE]) / (1.0 + p[PP_TREG_BRAKE] * treg);
  double cT = p[PP_T2] * (1.0 - p[PP_INH_TACT]) * (1.0 - p[PP_INH_IL23]) * p[PP_IL232] /
              p[PP_IL2320] * brake;
  double cK = (1.0 - p[PP_INH_IL17]) * p[PP_IL172] / p[PP_IL1720] +
              (1.0 - p[PP_INH_TNF]) * p[PP_TNF2] / p[PP_TNF20];
  double P = 1.0 - p[PP_INH_PROLIF];
  double tc = (cT * dc + U * p[PP_T_MIN]) / (p[PP_TT20] + a + U);
  double K = cK * tc;
  double sc = positive_root(p[PP_SC20], P * p[PP_SC2] * K - a - U, U * p[PP_SC_MIN]);
  double ta = positive_root(p[PP_TA20], P * p[PP_TA2] * K - a - U,
                            P * p[PP_SC2TA] * K * sc + U * p[PP_TA_MIN]);
  double trm = psr_psor_trm_formation(p, tc, NULL) / psr_psor_trm_loss(p);
  double gf;
  double gfn;

  if (s != NULL) {
    /* the differentiated layers do not feed back: only needed for the full state */
    double jd = P * p[PP_TA2D] * K * ta;
    double d = layer_steady(jd, a, p[PP_KD_H], p[PP_D_REF], p[PP_M_D]);
    double jc = psr_psor_exit_rate(p[PP_KD_H], d, p[PP_D_REF], p[PP_M_D]) * d;
    s[PSR_PSOR_SC] = sc;
    s[PSR_PSOR_TA] = ta;
    s[PSR_PSOR_D] = d;
    s[PSR_PSOR_C] = layer_steady(jc, 0.0, p[PP_KC_H], p[PP_C_REF], p[PP_M_C]);
    s[PSR_PSOR_DC] = dc;
    s[PSR_PSOR_T] = tc;
    s[PSR_PSOR_M] = trm;
  }
  gf = (p[PP_SC2GF] * sc + p[PP_TA2GF] * ta) / p[PP_GF20] + psr_psor_trm_signal(p) * trm;
  gfn = gf > 0.0 ? psr_psor_pow(gf, p[PP_N_HILL]) : 0.0;

  *h_out = p[PP_T_VM] * gfn / (p[PP_T_KP] + gfn);

  return -(loss + U) * dc + U * p[PP_DC_MIN];
}

/* F(DC) of a site with basal influx dc_in and feedback gain `gain`. */
static double site_balance(const double *p, double treg, double dc_in, double gain, double dc)
{
  double h;
  double lin = site_from_dc(p, treg, dc, NULL, &h);
  return dc_in + gain * h + lin;
}

/* Refine a root of F on [lo, hi] (F(lo) > 0 >= F(hi)) by the Illinois
 * variant of false position (Dowell & Jarratt 1971): the bracket always
 * holds a sign change, as in bisection, but convergence is superlinear, so a
 * root to full precision takes about ten evaluations instead of fifty. */
static double bisect_root(const double *p, double treg, double dc_in, double gain, double lo,
                          double hi)
{
  double flo = site_balance(p, treg, dc_in, gain, lo);
  double fhi = site_balance(p, treg, dc_in, gain, hi);
  int side = 0;
  for (int it = 0; it < BISECT_ITERS; it++) {
    double mid = (flo - fhi) != 0.0 ? hi - fhi * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
    double fmid;
    if (!(mid > lo && mid < hi)) mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi || hi - lo <= 1e-13 * hi) break;
    fmid = site_balance(p, treg, dc_in, gain, mid);
    if (fmid > 0.0) {
      lo = mid;
      flo = fmid;
      if (side == -1) fhi *= 0.5; /* Illinois: halve the stale end */
      side = -1;
    } else {
      hi = mid;
      fhi = fmid;
      if (side == 1) flo *= 0.5;
      side = 1;
      if (fmid == 0.0) return mid;
    }
  }
  return 0.5 * (lo + hi);
}

int psr_psor_steady(const double *p, const psr_psor_work *w, psorsim_psoriasis_basin basin,
                    double *y)
{
  double treg = 1.0 + p[PP_TREG_INDUCTION];
  double U = p[PP_UVB_APOPT];
  double loss = p[PP_T20] + p[PP_A_BASE] + U;
  double bound = 0.0;
  double grid_h[GRID_POINTS], grid_lin[GRID_POINTS];
  double dc_hi, step, h;
  double q[PP_COUNT];
  int per_site;
  psr_psor_inputs in;

  if (!(loss > 0.0) || !(psr_psor_trm_loss(p) > 0.0) || psr_psor_site_inputs(p, w, &in) != 0)
    return -1;
  /* H <= gain t_vm bounds every root: DC <= (dc_in + gain t_vm + U dc_min) / loss. */
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    double b = in.dc_in[i] + in.gain[i] * p[PP_T_VM];
    if (b > bound) bound = b;
  }
  dc_hi = (bound + U * p[PP_DC_MIN]) / loss * 1.01 + 1.0;
  if (!isfinite(dc_hi)) return -1;
  step = dc_hi / (GRID_POINTS - 1);
  /* Sites differ only through dc_in and gain, unless their sensitivities to
   * the inhibition inputs differ and some input is on: then each site has
   * its own table, built from the parameters as it feels them. */
  per_site = !w->uniform && (p[PP_INH_IL23] > 0.0 || p[PP_INH_IL17] > 0.0 || p[PP_INH_TNF] > 0.0 ||
                             p[PP_INH_TACT] > 0.0 || p[PP_INH_PROLIF] > 0.0);
  memcpy(q, p, sizeof(q));
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    double dc_in = in.dc_in[i], gain = in.gain[i];
    double root = -1.0;
    if (per_site) psr_psor_site_params(p, w, i, q);
    if (i == 0 || per_site) {
      for (int k = 0; k < GRID_POINTS; k++) {
        grid_lin[k] = site_from_dc(q, treg, k * step, NULL, &grid_h[k]);
      }
    }
    /* stable roots: F changes sign from + to - with increasing DC; the
     * healthy basin takes the lowest, the psoriatic the highest, so scan the
     * grid from that end and refine only the root that is kept */
    for (int j = 0; j + 1 < GRID_POINTS; j++) {
      const int k = basin == PSORSIM_PSORIASIS_HEALTHY ? j : GRID_POINTS - 2 - j;
      double f0 = dc_in + gain * grid_h[k] + grid_lin[k];
      double f1 = dc_in + gain * grid_h[k + 1] + grid_lin[k + 1];
      if (f0 > 0.0 && f1 <= 0.0) {
        root = bisect_root(q, treg, dc_in, gain, k * step, (k + 1) * step);
        break;
      }
    }
    if (root < 0.0) return -1;
    site_from_dc(q, treg, root, y + i * PSR_PSOR_NS, &h);
  }
  y[PSR_PSOR_Y_TREG] = treg;
  return 0;
}

int psr_psor_init(double t0, double *y, const double *p, void *work)
{
  (void)t0;
  return psr_psor_steady(p, work, PSORSIM_PSORIASIS_PSORIATIC, y) == 0 ? 0 : -1;
}

int psorsim_psoriasis_steady_state(psorsim_ctx *ctx, const double *p, psorsim_psoriasis_basin basin,
                                   double *y, psorsim_psoriasis_summary *s)
{
  double pdef[PP_COUNT];
  psr_psor_work w;

  PSR_CHECK(ctx, y != NULL, PSORSIM_EINVAL, "y must not be NULL");
  PSR_CHECK(ctx, basin == PSORSIM_PSORIASIS_HEALTHY || basin == PSORSIM_PSORIASIS_PSORIATIC,
            PSORSIM_EINVAL, "unknown basin %d", (int)basin);
  if (p == NULL) {
    psorsim_model_default_params(psorsim_psoriasis_model(), pdef);
    p = pdef;
  }
  for (int k = 0; k < PP_COUNT; k++) {
    PSR_CHECK(ctx, isfinite(p[k]), PSORSIM_EINVAL, "parameter %s is not finite",
              psr_psor_params[k].name);
  }
  if (psr_psor_setup(&w, p) != 0 || psr_psor_steady(p, &w, basin, y) != 0) {
    PSR_FAIL(ctx, PSORSIM_EMODEL, "no %s steady state found",
             basin == PSORSIM_PSORIASIS_HEALTHY ? "healthy" : "psoriatic");
  }
  if (s != NULL) return psorsim_psoriasis_summarize(ctx, p, y, s);
  return PSORSIM_OK;
}

int psr_psor_steady_state(psorsim_ctx *ctx, const double *p, int which, double *y, double *obs)
{
  double pdef[PP_COUNT];
  psr_psor_work w;

  if (p == NULL) {
    psorsim_model_default_params(psorsim_psoriasis_model(), pdef);
    p = pdef;
  }
  PSR_TRY(psorsim_psoriasis_steady_state(ctx, p, (psorsim_psoriasis_basin)which, y, NULL));
  if (obs == NULL) return PSORSIM_OK;
  memset(&w, 0, sizeof(w)); /* as psorsim_psoriasis_summarize, so the numbers are the same */
  psr_psor_setup(&w, p);
  if (psr_psor_observe(0.0, y, p, obs, &w) != 0) {
    PSR_FAIL(ctx, PSORSIM_EMODEL, "no readouts at the steady state");
  }
  return PSORSIM_OK;
}
