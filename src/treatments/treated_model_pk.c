/* src/treatments/treated_model_pk.c
 *
 * Closed-form doses of a treated model's linear systemic slots. A slot
 * without saturable elimination (vmax = 0) has linear PK,
 *   x' = K x,  x = (A_d, A_c, A_p, C_e):
 *     A_d' = -ka A_d
 *     A_c' =  ka A_d - (CL + Q)/V1 A_c + Q/V2 A_p
 *     A_p' =  Q/V1 A_c - Q/V2 A_p
 *     C_e' =  ke0 (A_c/V1 - C_e)
 * (absent compartments have zero rows), so the response to its
 * extravascular doses superposes on whatever the solver integrates. After
 * the last dose at t_d with x_d in the compartments, x(t) = exp(K (t - t_d))
 * x_d. The treated model adds that to the solver's PK states (right-hand
 * side, observables, reported states), and the regimen sets (t_d, x_d) with
 * each dose by SET_INPUT events (regimen.c). A dose then changes no state:
 * the drug enters the depot in closed form, the concentration stays
 * continuous, and the engine need not restart CVODE, which costs ~15 steps
 * per dose (docs/performance.md).
 *
 * Inside a run, exp(K tau) x_d comes from K's modes, set up once per run
 * (psr_tm_modes_setup): K is block-triangular, so its eigenvalues are -ka,
 * those of the central-peripheral block and -ke0, and x(tau) =
 * sum_m v_m (V^-1 x_d)_m exp(rate_m tau) costs four exponentials. When two
 * rates are within 0.1 % of each other (ka = CL/V1 is flip-flop kinetics at
 * the crossover) the modes are ill-conditioned, and exp(K tau) is evaluated
 * by scaling and squaring instead: a degree-12 Taylor polynomial of
 * K tau / 2^s with ||K tau / 2^s||_1 <= 1/2 (truncation below 3e-14),
 * squared s times, which needs no eigenvectors. The regimen (once per dose)
 * always uses the latter; both agree to ~1e-12 (tests/treatments/).
 */
#include <math.h>
#include <string.h>

#include "treated_model_impl.h"

#define TAYLOR_DEGREE 12
#define MIN_GAP       1e-3 /* relative distance below which two rates count as equal */

/* Linear and well-posed: no saturable elimination, positive absorption and
 * volumes, non-negative clearances. Anything else (a what-if override such
 * as ka = -50) keeps the doses as state jumps, so a solve that goes wrong is
 * a counted solver failure, as before. */
int psr_tm_has_closed_form(const psorsim_treated_slot *sl, const double *q)
{
  if (sl->tx->pk.kind != PSORSIM_PK_SYSTEMIC || sl->depot_state < 0 || sl->central_state < 0)
    return 0;
  if (q[TMP_VMAX] != 0.0 || !(q[TMP_KA] > 0.0) || !(q[TMP_V1] > 0.0) || !(q[TMP_CL] >= 0.0))
    return 0;
  if (sl->peripheral_state >= 0 && (!(q[TMP_Q] >= 0.0) || !(q[TMP_V2] > 0.0))) return 0;
  if (sl->effect_state >= 0 && !(q[TMP_KE0] >= 0.0)) return 0;
  return isfinite(q[TMP_KA] + q[TMP_V1] + q[TMP_CL] + q[TMP_Q] + q[TMP_V2] + q[TMP_KE0]);
}

/* The slot's rate matrix, row-major 4x4. */
static void rate_matrix(const psorsim_treated_slot *sl, const double *q, double *k)
{
  const double v1 = q[TMP_V1];
  memset(k, 0, PSR_CF_N * PSR_CF_N * sizeof(double));
  k[0 * PSR_CF_N + 0] = -q[TMP_KA];
  k[1 * PSR_CF_N + 0] = q[TMP_KA];
  k[1 * PSR_CF_N + 1] = -q[TMP_CL] / v1;
  if (sl->peripheral_state >= 0) {
    const double k12 = q[TMP_Q] / v1, k21 = q[TMP_Q] / q[TMP_V2];
    k[1 * PSR_CF_N + 1] -= k12;
    k[1 * PSR_CF_N + 2] = k21;
    k[2 * PSR_CF_N + 1] = k12;
    k[2 * PSR_CF_N + 2] = -k21;
  }
  if (sl->effect_state >= 0) {
    k[3 * PSR_CF_N + 1] = q[TMP_KE0] / v1;
    k[3 * PSR_CF_N + 3] = -q[TMP_KE0];
  }
}

static void matmul(const double *a, const double *b, double *c)
{
  for (int i = 0; i < PSR_CF_N; i++) {
    for (int j = 0; j < PSR_CF_N; j++) {
      double s = 0.0;
      for (int l = 0; l < PSR_CF_N; l++)
        s += a[i * PSR_CF_N + l] * b[l * PSR_CF_N + j];
      c[i * PSR_CF_N + j] = s;
    }
  }
}

/* e = exp(a) for a 4x4 matrix a (overwritten). */
static void expm(double *a, double *e)
{
  double norm = 0.0, t[PSR_CF_N * PSR_CF_N];
  int s = 0;
  for (int j = 0; j < PSR_CF_N; j++) {
    double col = 0.0;
    for (int i = 0; i < PSR_CF_N; i++)
      col += fabs(a[i * PSR_CF_N + j]);
    norm = fmax(norm, col);
  }
  if (norm > 0.5) s = (int)ceil(log2(norm / 0.5));
  if (s > 0) {
    const double f = ldexp(1.0, -s);
    for (int i = 0; i < PSR_CF_N * PSR_CF_N; i++)
      a[i] *= f;
  }
  /* Horner: e = I + a (I + a/2 (I + a/3 (... (I + a/m)))) */
  memset(e, 0, PSR_CF_N * PSR_CF_N * sizeof(double));
  for (int i = 0; i < PSR_CF_N; i++)
    e[i * PSR_CF_N + i] = 1.0;
  for (int m = TAYLOR_DEGREE; m >= 1; m--) {
    matmul(a, e, t);
    for (int i = 0; i < PSR_CF_N * PSR_CF_N; i++)
      e[i] = t[i] / m + (i % (PSR_CF_N + 1) == 0 ? 1.0 : 0.0);
  }
  for (int k = 0; k < s; k++) {
    matmul(e, e, t);
    memcpy(e, t, sizeof(t));
  }
}

void psr_tm_pk_advance(const psorsim_treated_slot *sl, const double *q, double tau,
                       const double *x0, double *x)
{
  double k[PSR_CF_N * PSR_CF_N], e[PSR_CF_N * PSR_CF_N];
  if (tau <= 0.0) {
    memcpy(x, x0, PSR_CF_N * sizeof(double));
    return;
  }
  rate_matrix(sl, q, k);
  for (int i = 0; i < PSR_CF_N * PSR_CF_N; i++)
    k[i] *= tau;
  expm(k, e);
  for (int i = 0; i < PSR_CF_N; i++) {
    double s = 0.0;
    for (int j = 0; j < PSR_CF_N; j++)
      s += e[i * PSR_CF_N + j] * x0[j];
    x[i] = s;
  }
}

/* Invert a 4x4 matrix by Gauss-Jordan elimination with partial pivoting; 0 when singular. */
static int invert(const double *a, double *inv)
{
  double m[PSR_CF_N][2 * PSR_CF_N];
  for (int i = 0; i < PSR_CF_N; i++) {
    for (int j = 0; j < PSR_CF_N; j++) {
      m[i][j] = a[i * PSR_CF_N + j];
      m[i][PSR_CF_N + j] = i == j ? 1.0 : 0.0;
    }
  }
  for (int c = 0; c < PSR_CF_N; c++) {
    int piv = c;
    for (int r = c + 1; r < PSR_CF_N; r++) {
      if (fabs(m[r][c]) > fabs(m[piv][c])) piv = r;
    }
    if (m[piv][c] == 0.0) return 0;
    if (piv != c) {
      for (int j = 0; j < 2 * PSR_CF_N; j++) {
        const double tmp = m[c][j];
        m[c][j] = m[piv][j];
        m[piv][j] = tmp;
      }
    }
    {
      const double d = m[c][c];
      for (int j = 0; j < 2 * PSR_CF_N; j++)
        m[c][j] /= d;
    }
    for (int r = 0; r < PSR_CF_N; r++) {
      const double f = m[r][c];
      if (r == c || f == 0.0) continue;
      for (int j = 0; j < 2 * PSR_CF_N; j++)
        m[r][j] -= f * m[c][j];
    }
  }
  for (int i = 0; i < PSR_CF_N; i++) {
    for (int j = 0; j < PSR_CF_N; j++)
      inv[i * PSR_CF_N + j] = m[i][PSR_CF_N + j];
  }
  return 1;
}

static int too_close(double a, double b)
{
  return fabs(a - b) <= MIN_GAP * fmax(fabs(a), fabs(b));
}

void psr_tm_modes_setup(const psorsim_treated_slot *sl, const double *q, psr_tm_modes *md)
{
  double k[PSR_CF_N * PSR_CF_N], *v = md->vec;
  double present[PSR_CF_N];
  int n_present = 0;
  const int per = sl->peripheral_state >= 0, eff = sl->effect_state >= 0;
  const double a = -(q[TMP_CL] + (per ? q[TMP_Q] : 0.0)) / q[TMP_V1]; /* M = [a b; c d] */
  const double b = per ? q[TMP_Q] / q[TMP_V2] : 0.0;
  const double ke0 = eff ? q[TMP_KE0] : 0.0, kce = eff ? q[TMP_KE0] / q[TMP_V1] : 0.0;

  md->ok = 0;
  rate_matrix(sl, q, k);
  memset(md->rate, 0, sizeof(md->rate));
  memset(v, 0, sizeof(md->vec));
  if (!(q[TMP_KA] > 0.0) || !(a < 0.0) || (per && !(b > 0.0)) || (eff && !(ke0 > 0.0))) return;
  /* eigenvalues: depot, the central block's one or two, the effect site; an absent
   * compartment has a zero row and column, eigenvalue 0 and its unit vector */
  md->rate[0] = -q[TMP_KA];
  if (per) {
    const double tr = a + k[2 * PSR_CF_N + 2],
                 det = a * k[2 * PSR_CF_N + 2] - b * k[2 * PSR_CF_N + 1];
    const double l1 = 0.5 * (tr - sqrt(fmax(tr * tr - 4.0 * det, 0.0)));
    md->rate[1] = l1;
    md->rate[2] = det / l1; /* the other root, without cancellation */
  } else {
    md->rate[1] = a;
  }
  md->rate[3] = eff ? -ke0 : 0.0;
  present[n_present++] = md->rate[0];
  present[n_present++] = md->rate[1];
  if (per) present[n_present++] = md->rate[2];
  if (eff) present[n_present++] = md->rate[3];
  for (int i = 0; i < n_present; i++) {
    for (int j = i + 1; j < n_present; j++) {
      if (too_close(present[i], present[j])) return;
    }
  }
  /* eigenvectors (columns); row order depot, central, peripheral, effect site */
  for (int m = 0; m < 3; m++) {
    const double lam = md->rate[m];
    double vc, vp;
    if (m == 2 && !per) {
      v[2 * PSR_CF_N + 2] = 1.0; /* no peripheral compartment */
      continue;
    }
    if (m == 0) { /* depot mode: (M - lam I) (vc, vp) = -(ka, 0) */
      if (per) {
        const double m11 = a - lam, m12 = b, m21 = k[2 * PSR_CF_N + 1],
                     m22 = k[2 * PSR_CF_N + 2] - lam;
        const double det = m11 * m22 - m12 * m21;
        vc = -q[TMP_KA] * m22 / det;
        vp = q[TMP_KA] * m21 / det;
      } else {
        vc = -q[TMP_KA] / (a - lam);
        vp = 0.0;
      }
      v[0 * PSR_CF_N + m] = 1.0;
    } else { /* a mode of the central block: (a - lam) vc + b vp = 0 */
      vc = per ? b : 1.0;
      vp = per ? lam - a : 0.0;
    }
    v[1 * PSR_CF_N + m] = vc;
    v[2 * PSR_CF_N + m] = vp;
    v[3 * PSR_CF_N + m] = eff ? kce * vc / (lam + ke0) : 0.0;
  }
  v[3 * PSR_CF_N + 3] = 1.0; /* effect-site mode (or no effect site) */
  md->ok = invert(v, md->inv);
}

void psr_tm_closed_form_at(const psorsim_treated_slot *sl, const double *q, const psr_tm_modes *md,
                           double t, double *x)
{
  const double *x0 = q + TMP_CF_DEPOT;
  const double tau = t - q[TMP_CF_DAY];
  if (x0[0] == 0.0 && x0[1] == 0.0 && x0[2] == 0.0 && x0[3] == 0.0) {
    memset(x, 0, PSR_CF_N * sizeof(double));
    return;
  }
  if (md == NULL || !md->ok || tau <= 0.0) {
    psr_tm_pk_advance(sl, q, tau, x0, x);
    return;
  }
  {
    double c[PSR_CF_N];
    for (int m = 0; m < PSR_CF_N; m++) {
      double s = 0.0;
      for (int j = 0; j < PSR_CF_N; j++)
        s += md->inv[m * PSR_CF_N + j] * x0[j];
      c[m] = s * exp(md->rate[m] * tau);
    }
    for (int i = 0; i < PSR_CF_N; i++) {
      double s = 0.0;
      for (int m = 0; m < PSR_CF_N; m++)
        s += md->vec[i * PSR_CF_N + m] * c[m];
      x[i] = s;
    }
  }
}
