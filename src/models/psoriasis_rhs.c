/* src/models/psoriasis_rhs.c
 *
 * Right-hand side and analytic Jacobian (dense and sparse) of the built-in
 * psoriasis model, plus its per-run setup (site drives). The equations are
 * those of docs/model.md, section "Equations": Shmarov et al. 2022 for stem
 * and transit-amplifying keratinocytes, dendritic cells and T cells with
 * quasi-steady cytokines, a crowding-driven transit through the viable
 * layer and the stratum corneum, tissue-resident memory T cells that carry
 * a site's memory of disease, a regulatory-T-cell brake, and the treatment
 * inputs as multiplicative inhibitions. No allocation, no static
 * mutable state.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "psoriasis_impl.h"

/* Per-site rates shared by the rhs and the Jacobian. */
typedef struct site_rates {
  double cK;    /* d(K)/dT: IL-17 + TNF per T cell after neutralisation, a.u. mm2/cell */
  double K;     /* keratinocyte cytokine drive IL-17 + TNF, a.u. */
  double P;     /* fraction of keratinocyte proliferation left by inhibitors */
  double cT;    /* T-cell generation per DC, 1/day */
  double dcT;   /* d(cT)/d(Treg), 1/day */
  double loss;  /* first-order loss of DCs, 1/day */
  double lossT; /* first-order loss of T cells, 1/day */
  double U;     /* UVB-induced apoptosis rate, 1/day */
  double JD;    /* production of differentiated cells, cells/(mm2 day) */
  double kD;    /* exit rate from the viable layer into the stratum corneum, 1/day */
  double JC;    /* cornification flux kD * D, cells/(mm2 day) */
  double kC;    /* shedding rate of corneocytes, 1/day */
  double GF;    /* keratinocyte growth factor / chemokine signal incl. the TRM part, a.u. */
  double H;     /* GF-driven DC recruitment, cells/(mm2 day) */
  double dH;    /* dH/dGF */
  double kM;    /* TRM loss rate (faster under IL-23 blockade), 1/day */
  double genM;  /* TRM formation, 1/day (M units) */
  double dgenM; /* d(genM)/dT */
} site_rates;

/* Regulatory-T-cell brake on T-cell generation: 1 at Treg = 1. */
static double treg_brake(const double *p, double treg, double *dbrake)
{
  double b = p[PP_TREG_BRAKE];
  double den = 1.0 + b * treg;
  if (dbrake != NULL) *dbrake = -(1.0 + b) * b / (den * den);
  return (1.0 + b) / den;
}

static void compute_rates(const double *p, const double *s, double treg, double gain, site_rates *r)
{
  double dbrake;
  double brake = treg_brake(p, treg, &dbrake);
  double il23_per_dc = (1.0 - p[PP_INH_IL23]) * p[PP_IL232] / p[PP_IL2320];
  double t_gen = p[PP_T2] * (1.0 - p[PP_INH_TACT]) * il23_per_dc;
  double n = p[PP_N_HILL];
  double gfn;

  r->cK = (1.0 - p[PP_INH_IL17]) * p[PP_IL172] / p[PP_IL1720] +
          (1.0 - p[PP_INH_TNF]) * p[PP_TNF2] / p[PP_TNF20];
  r->K = r->cK * s[PSR_PSOR_T];
  r->P = 1.0 - p[PP_INH_PROLIF];
  r->cT = t_gen * brake;
  r->dcT = t_gen * dbrake;
  r->loss = p[PP_T20] + p[PP_A_BASE];
  r->lossT = p[PP_TT20] + p[PP_A_BASE];
  r->U = p[PP_UVB_APOPT];
  r->JD = r->P * p[PP_TA2D] * r->K * s[PSR_PSOR_TA];
  r->kD = psr_psor_exit_rate(p[PP_KD_H], s[PSR_PSOR_D], p[PP_D_REF], p[PP_M_D]);
  r->JC = r->kD * s[PSR_PSOR_D];
  r->kC = psr_psor_exit_rate(p[PP_KC_H], s[PSR_PSOR_C], p[PP_C_REF], p[PP_M_C]);
  r->GF = (p[PP_SC2GF] * s[PSR_PSOR_SC] + p[PP_TA2GF] * s[PSR_PSOR_TA]) / p[PP_GF20] +
          psr_psor_trm_signal(p) * s[PSR_PSOR_M];
  r->kM = psr_psor_trm_loss(p);
  r->genM = psr_psor_trm_formation(p, s[PSR_PSOR_T], &r->dgenM);
  if (r->GF > 0.0) {
    gfn = psr_psor_pow(r->GF, n);
    r->H = gain * p[PP_T_VM] * gfn / (p[PP_T_KP] + gfn);
    r->dH = gain * p[PP_T_VM] * n * p[PP_T_KP] * gfn /
            (r->GF * (p[PP_T_KP] + gfn) * (p[PP_T_KP] + gfn));
  } else {
    r->H = 0.0;
    r->dH = 0.0;
  }
}

double psr_psor_pow(double x, double n)
{
  /* small non-negative integer exponents (the Hill exponents) by repeated squaring: several
   * times cheaper than pow, which dominates the right-hand side otherwise */
  if (n >= 0.0 && n <= 32.0 && n == (double)(int)n) {
    unsigned e = (unsigned)n;
    double r = 1.0, b = x;
    while (e != 0u) {
      if (e & 1u) r *= b;
      b *= b;
      e >>= 1;
    }
    return r;
  }
  return pow(x, n);
}

double psr_psor_trm_loss(const double *p)
{
  return log(2.0) / p[PP_TRM_HALF_LIFE] * (1.0 + p[PP_TRM_IL23_LOSS] * p[PP_INH_IL23]) +
         p[PP_TRM_UVB] * p[PP_UVB_APOPT];
}

double psr_psor_trm_signal(const double *p)
{
  return p[PP_TRM_GF] * (1.0 - p[PP_TRM_IL17_SHARE] * p[PP_INH_IL17]);
}

double psr_psor_trm_formation(const double *p, double t_cells, double *dform)
{
  /* k_M sigma(T) / sigma(trm_t_ref) with sigma(T) = T^n / (trm_t50^n + T^n) and
   * k_M = ln 2 / trm_half_life: M = 1 at steady state in a site with the T cells of the
   * reference plaque and no drug; the epidermal TRM niche saturates. With v = (T / trm_t50)^n
   * this is k_M (1 + (trm_t50 / trm_t_ref)^n) v / (1 + v). */
  double n = p[PP_TRM_N];
  double kf, v;

  if (!(t_cells > 0.0)) {
    if (dform != NULL) *dform = 0.0;
    return 0.0;
  }
  kf = log(2.0) / p[PP_TRM_HALF_LIFE] * (1.0 + psr_psor_pow(p[PP_TRM_T50] / p[PP_TRM_T_REF], n));
  v = psr_psor_pow(t_cells / p[PP_TRM_T50], n);
  if (dform != NULL) *dform = kf * n * v / (t_cells * (1.0 + v) * (1.0 + v));
  return kf * v / (1.0 + v);
}

double psr_psor_exit_rate(double k_ref, double n, double n_ref, double m)
{
  return n > 0.0 ? k_ref * pow(n / n_ref, m) : 0.0;
}

double psr_psor_band_width(int j)
{
  /* Upper edges of the quantile bands of the sites of one region: the
   * susceptible upper tail is resolved finely, the rest coarsely (the
   * region fractions are 45, 23, 14, 10 and 8 %). */
  static const double edge[PSR_PSOR_SITES_PER_REGION + 1] = {0.0, 0.45, 0.68, 0.82, 0.92, 1.0};
  return edge[j + 1] - edge[j];
}

double psr_psor_band_quantile(int j)
{
  double lo = 0.0;
  for (int k = 0; k < j; k++)
    lo += psr_psor_band_width(k);
  return lo + 0.5 * psr_psor_band_width(j);
}

double psr_psor_norm_quantile(double q)
{
  /* Newton on Phi(x) - q with Phi(x) = erfc(-x / sqrt 2) / 2, from x = 0;
   * converges to machine precision in a few steps for 1e-12 < q < 1 - 1e-12. */
  double x = 0.0;
  for (int it = 0; it < 60; it++) {
    double f = 0.5 * erfc(-x / sqrt(2.0)) - q;
    double dens = exp(-0.5 * x * x) / sqrt(2.0 * acos(-1.0));
    double step = f / dens;
    if (step > 1.0) step = 1.0;
    if (step < -1.0) step = -1.0;
    x -= step;
    if (fabs(step) < 1e-14) break;
  }
  return x;
}

double psr_psor_site_dc_in(const double *p, int site)
{
  static const int injury_param[PSR_PSOR_N_REGIONS] = {PP_TRIG_INJURY_HEAD, PP_TRIG_INJURY_UPPER,
                                                       PP_TRIG_INJURY_TRUNK, PP_TRIG_INJURY_LOWER};
  int region = site / PSR_PSOR_SITES_PER_REGION;
  double excess_bmi = p[PP_BMI] - p[PP_BMI_REF];
  double risk = (1.0 + p[PP_SMOKING_EFFECT] * p[PP_SMOKING]) *
                (1.0 + p[PP_OBESITY_EFFECT] * (excess_bmi > 0.0 ? excess_bmi : 0.0));
  /* In a stress reactor (strep carrier) a share of the basal influx is the
   * chronic trigger; it follows the exposure (1: the patient's usual), which
   * lifestyle changes lower, and acute triggers (events) scale with it too.
   * Likewise an obese patient who loses weight (bmi_change < 1) loses
   * weight_effect of the influx per kg/m2 lost above bmi_obese. At the usual
   * exposures and weight `chronic` is 1 (docs/model.md 4.1). */
  double obese_now = p[PP_BMI] * p[PP_BMI_CHANGE] - p[PP_BMI_OBESE];
  double obese_usual = p[PP_BMI] - p[PP_BMI_OBESE];
  double chronic = 1.0 - p[PP_STRESS_REACTOR] * p[PP_STRESS_SHARE] * (1.0 - p[PP_STRESS_EXPOSURE]) -
                   p[PP_STREP_CARRIER] * p[PP_INFECTION_SHARE] * (1.0 - p[PP_INFECTION_EXPOSURE]) -
                   p[PP_WEIGHT_EFFECT] * ((obese_usual > 0.0 ? obese_usual : 0.0) -
                                          (obese_now > 0.0 ? obese_now : 0.0));
  if (chronic < 0.0) chronic = 0.0;
  double trig = p[PP_STRESS_DC] * p[PP_STRESS_EXPOSURE] * p[PP_TRIG_STRESS] +
                p[PP_INFECTION_DC] * p[PP_INFECTION_EXPOSURE] * p[PP_TRIG_INFECTION] +
                p[PP_INJURY_DC] * p[injury_param[region]];
  return p[PP_DC_ACT] * risk * chronic + trig;
}

double psr_psor_site_gain(const double *p, int site, double z)
{
  static const int region_param[PSR_PSOR_N_REGIONS] = {PP_REGION_HEAD, PP_REGION_UPPER,
                                                       PP_REGION_TRUNK, PP_REGION_LOWER};
  int region = site / PSR_PSOR_SITES_PER_REGION;
  return p[PP_SUSCEPTIBILITY] * p[region_param[region]] * exp(p[PP_SITE_SIGMA] * z);
}

int psr_psor_site_inputs(const double *p, const psr_psor_work *w, psr_psor_inputs *in)
{
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    in->dc_in[i] = psr_psor_site_dc_in(p, i);
    in->gain[i] = psr_psor_site_gain(p, i, w->z[i % PSR_PSOR_SITES_PER_REGION]);
    if (!isfinite(in->dc_in[i]) || !isfinite(in->gain[i])) return -1;
  }
  return 0;
}

/* SplitMix64 (Steele, Lea & Flood 2014): a well-mixed 64-bit hash, used to
 * spread one patient draw over the sites. */
static uint64_t mix64(uint64_t x)
{
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/* Per-site sensitivities min(1, exp(mu + sigma z_i)), z_i standard normal,
 * a deterministic function of the patient's site_seed: most sites feel all
 * of a blockade, a tail of them only a share of it. */
static void site_sensitivities(const double *p, psr_psor_work *w)
{
  const double sigma = p[PP_SITE_SENS_SIGMA];
  const uint64_t key = (uint64_t)(fmin(fmax(p[PP_SITE_SEED], 0.0), 1.0) * 9007199254740992.0);
  w->uniform = !(sigma > 0.0) || !isfinite(sigma);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    double u, z;
    if (w->uniform) {
      w->sens[i] = 1.0;
      w->sens_cyt[i] = 1.0;
      continue;
    }
    u = ((double)(mix64(key * 64u + (uint64_t)i) >> 11) + 0.5) / 9007199254740992.0;
    z = psr_psor_norm_quantile(u);
    w->sens[i] = fmin(1.0, exp(p[PP_SITE_SENS_MU] + sigma * z));
    w->sens_cyt[i] = fmin(1.0, exp(p[PP_SITE_SENS_MU] + p[PP_SITE_SENS_CYT] + sigma * z));
  }
}

/* Blocked fraction f as a site of sensitivity s (0 < s <= 1) feels it. */
static double felt(double f, double s)
{
  return s * f;
}

void psr_psor_site_params(const double *p, const psr_psor_work *w, int site, double *q)
{
  /* the T-cell drive (IL-23, T-cell activation) and proliferation use the site's sensitivity;
   * the keratinocyte cytokines IL-17 and TNF the same draw shifted by site_sens_cyt */
  static const int drive[] = {PP_INH_IL23, PP_INH_TACT, PP_INH_PROLIF};
  static const int cyt[] = {PP_INH_IL17, PP_INH_TNF};
  for (size_t k = 0; k < sizeof(drive) / sizeof(drive[0]); k++)
    q[drive[k]] = felt(p[drive[k]], w->sens[site]);
  for (size_t k = 0; k < sizeof(cyt) / sizeof(cyt[0]); k++)
    q[cyt[k]] = felt(p[cyt[k]], w->sens_cyt[site]);
}

int psr_psor_setup(void *work, const double *p)
{
  psr_psor_work *w = work;
  psr_psor_inputs in;

  for (int j = 0; j < PSR_PSOR_SITES_PER_REGION; j++) {
    w->z[j] = psr_psor_norm_quantile(psr_psor_band_quantile(j));
  }
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    w->area_w[i] = psr_psor_band_width(i % PSR_PSOR_SITES_PER_REGION);
  }
  site_sensitivities(p, w);
  return psr_psor_site_inputs(p, w, &in);
}

int psr_psor_rhs(double t, const double *y, double *ydot, const double *p, void *work)
{
  psr_psor_inputs in;
  const psr_psor_work *w = work;
  double treg = y[PSR_PSOR_Y_TREG];
  double a = p[PP_A_BASE];
  double q[PP_COUNT];

  (void)t;
  if (psr_psor_site_inputs(p, work, &in) != 0) return -1;
  memcpy(q, p, sizeof(q));
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    const double *s = y + i * PSR_PSOR_NS;
    double *ds = ydot + i * PSR_PSOR_NS;
    site_rates r;
    psr_psor_site_params(p, w, i, q);
    compute_rates(q, s, treg, in.gain[i], &r);
    double sc = s[PSR_PSOR_SC], ta = s[PSR_PSOR_TA], d = s[PSR_PSOR_D], c = s[PSR_PSOR_C];
    double dc = s[PSR_PSOR_DC], tc = s[PSR_PSOR_T];

    ds[PSR_PSOR_SC] =
        r.P * p[PP_SC2] * r.K * sc - p[PP_SC20] * sc * sc - a * sc - r.U * (sc - p[PP_SC_MIN]);
    ds[PSR_PSOR_TA] = r.P * (p[PP_TA2] * r.K * ta + p[PP_SC2TA] * r.K * sc) - p[PP_TA20] * ta * ta -
                      a * ta - r.U * (ta - p[PP_TA_MIN]);
    ds[PSR_PSOR_D] = r.JD - a * d - r.kD * d;
    ds[PSR_PSOR_C] = r.JC - r.kC * c;
    ds[PSR_PSOR_DC] = in.dc_in[i] + r.H - r.loss * dc - r.U * (dc - p[PP_DC_MIN]);
    ds[PSR_PSOR_T] = r.cT * dc - r.lossT * tc - r.U * (tc - p[PP_T_MIN]);
    ds[PSR_PSOR_M] = r.genM - r.kM * s[PSR_PSOR_M];
  }
  ydot[PSR_PSOR_Y_TREG] = p[PP_K_TREG] * (1.0 + p[PP_TREG_INDUCTION] - treg);
  return 0;
}

/* Nonzero Jacobian entries of one site, column by column, in the order of
 * the sparse pattern: (row offset within the site, value). */
typedef struct site_jac {
  double v[PSR_PSOR_NNZ_SITE];
  double dT_dTreg;
} site_jac;

/* Row offsets of the 18 entries, grouped by column SC, TA, D, C, DC, T, M. */
static const int site_col_start[PSR_PSOR_NS + 1] = {0, 3, 6, 8, 9, 11, 16, 18};
static const int site_row[PSR_PSOR_NNZ_SITE] = {
    PSR_PSOR_SC, PSR_PSOR_TA, PSR_PSOR_DC,                         /* column SC */
    PSR_PSOR_TA, PSR_PSOR_D,  PSR_PSOR_DC,                         /* column TA */
    PSR_PSOR_D,  PSR_PSOR_C,                                       /* column D */
    PSR_PSOR_C,                                                    /* column C */
    PSR_PSOR_DC, PSR_PSOR_T,                                       /* column DC */
    PSR_PSOR_SC, PSR_PSOR_TA, PSR_PSOR_D,  PSR_PSOR_T, PSR_PSOR_M, /* column T */
    PSR_PSOR_DC, PSR_PSOR_M,                                       /* column M */
};

/* p: the parameters as the site feels them (psr_psor_site_params). */
static void site_jacobian(const double *p, const double *s, double treg, double gain, site_jac *jo)
{
  site_rates r;
  double a = p[PP_A_BASE];
  double sc = s[PSR_PSOR_SC], ta = s[PSR_PSOR_TA];
  double dc = s[PSR_PSOR_DC];

  compute_rates(p, s, treg, gain, &r);
  /* d(kD D)/dD and d(kC C)/dC for the power-law exit rates */
  double dOutD = (p[PP_M_D] + 1.0) * r.kD;
  double dOutC = (p[PP_M_C] + 1.0) * r.kC;
  double dGF_dSC = p[PP_SC2GF] / p[PP_GF20];
  double dGF_dTA = p[PP_TA2GF] / p[PP_GF20];

  /* column SC */
  jo->v[0] = r.P * p[PP_SC2] * r.K - 2.0 * p[PP_SC20] * sc - a - r.U;
  jo->v[1] = r.P * p[PP_SC2TA] * r.K;
  jo->v[2] = r.dH * dGF_dSC;
  /* column TA */
  jo->v[3] = r.P * p[PP_TA2] * r.K - 2.0 * p[PP_TA20] * ta - a - r.U;
  jo->v[4] = r.P * p[PP_TA2D] * r.K;
  jo->v[5] = r.dH * dGF_dTA;
  /* column D */
  jo->v[6] = -a - dOutD;
  jo->v[7] = dOutD;
  /* column C */
  jo->v[8] = -dOutC;
  /* column DC */
  jo->v[9] = -r.loss - r.U;
  jo->v[10] = r.cT;
  /* column T */
  jo->v[11] = r.P * p[PP_SC2] * r.cK * sc;
  jo->v[12] = r.P * (p[PP_TA2] * ta + p[PP_SC2TA] * sc) * r.cK;
  jo->v[13] = r.P * p[PP_TA2D] * r.cK * ta;
  jo->v[14] = -r.lossT - r.U;
  jo->v[15] = r.dgenM;
  /* column M */
  jo->v[16] = r.dH * psr_psor_trm_signal(p);
  jo->v[17] = -r.kM;
  /* column Treg (systemic) */
  jo->dT_dTreg = r.dcT * dc;
}

int psr_psor_jac(double t, const double *y, double *J, const double *p, void *work)
{
  const int n = PSR_PSOR_NSTATES;
  double treg = y[PSR_PSOR_Y_TREG];

  psr_psor_inputs in;

  double q[PP_COUNT];

  (void)t;
  if (psr_psor_site_inputs(p, work, &in) != 0) return -1;
  memcpy(q, p, sizeof(q));
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    site_jac jo;
    int base = i * PSR_PSOR_NS;
    psr_psor_site_params(p, work, i, q);
    site_jacobian(q, y + base, treg, in.gain[i], &jo);
    for (int col = 0; col < PSR_PSOR_NS; col++) {
      for (int k = site_col_start[col]; k < site_col_start[col + 1]; k++) {
        J[(size_t)(base + col) * n + base + site_row[k]] = jo.v[k];
      }
    }
    J[(size_t)PSR_PSOR_Y_TREG * n + base + PSR_PSOR_T] = jo.dT_dTreg;
  }
  J[(size_t)PSR_PSOR_Y_TREG * n + PSR_PSOR_Y_TREG] = -p[PP_K_TREG];
  return 0;
}

int psr_psor_jac_sparse(double t, const double *y, int64_t *colptr, int64_t *rowind, double *val,
                        const double *p, void *work)
{
  double treg = y[PSR_PSOR_Y_TREG];
  int64_t nz = 0;
  double dT_dTreg[PSR_PSOR_N_SITES];

  psr_psor_inputs in;

  double q[PP_COUNT];

  (void)t;
  if (psr_psor_site_inputs(p, work, &in) != 0) return -1;
  memcpy(q, p, sizeof(q));
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    site_jac jo;
    int base = i * PSR_PSOR_NS;
    psr_psor_site_params(p, work, i, q);
    site_jacobian(q, y + base, treg, in.gain[i], &jo);
    dT_dTreg[i] = jo.dT_dTreg;
    for (int col = 0; col < PSR_PSOR_NS; col++) {
      colptr[base + col] = nz;
      for (int k = site_col_start[col]; k < site_col_start[col + 1]; k++) {
        rowind[nz] = base + site_row[k];
        val[nz] = jo.v[k];
        nz++;
      }
    }
  }
  colptr[PSR_PSOR_Y_TREG] = nz;
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    rowind[nz] = i * PSR_PSOR_NS + PSR_PSOR_T;
    val[nz] = dT_dTreg[i];
    nz++;
  }
  rowind[nz] = PSR_PSOR_Y_TREG;
  val[nz] = -p[PP_K_TREG];
  nz++;
  colptr[PSR_PSOR_NSTATES] = nz;
  return 0;
}
