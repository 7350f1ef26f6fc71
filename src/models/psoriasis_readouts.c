/* src/models/psoriasis_readouts.c
 *
 * Clinical readouts of the psoriasis model, computed from the simulated skin
 * sites at output times (docs/model.md, section "Readouts"): which sites are
 * lesional and how much of each region they cover, erythema / induration /
 * desquamation of the lesions of each region, the continuous and the scored
 * PASI, BSA, IGA, itch NRS, DLQI, the epidermal turnover of lesional skin,
 * skin-averaged immune readouts and those of the index (thickest) lesion, and
 * the tissue-resident memory T cells (average and highest site). Also
 * psorsim_psoriasis_summarize.
 */
#include <math.h>
#include <string.h>

#include "common/context_impl.h"
#include "psoriasis_impl.h"

/* Share of body surface of each PASI region (PASI-ARD table): the PASI
 * region weights, also used to turn regional areas into BSA. */
static const double region_share[PSR_PSOR_N_REGIONS] = {0.1, 0.2, 0.3, 0.4};

static double clamp(double x, double lo, double hi)
{
  return x < lo ? lo : (x > hi ? hi : x);
}

/* C1 step from 0 (u <= 0) to 1 (u >= 1). */
static double smoothstep(double u)
{
  u = clamp(u, 0.0, 1.0);
  return u * u * (3.0 - 2.0 * u);
}

/* What a sign score rates of a physical excess u (0 healthy, 1 reference
 * plaque): u^gamma, 0 for u <= 0; concave for gamma < 1, so a plaque that has
 * lost half its excess still looks mild, not almost clear. */
static double sign_excess(double u, double gamma)
{
  if (!(u > 0.0)) return 0.0;
  return gamma == 1.0 ? u : pow(u, gamma);
}

/* Sign score as a clinician would round it: nearest integer, halves up. */
static double round_score(double x)
{
  return floor(x + 0.5);
}

/* Normalised epidermal thickness of a site: 0 at the reference healthy
 * state, 1 at the reference plaque. */
static double thickness(const double *p, const double *s)
{
  double epi = s[PSR_PSOR_SC] + s[PSR_PSOR_TA] + s[PSR_PSOR_D] + s[PSR_PSOR_C];
  return (epi - p[PP_EPI_HEALTHY]) / (p[PP_EPI_PLAQUE] - p[PP_EPI_HEALTHY]);
}

int psr_psor_observe(double t, const double *y, const double *p, double *obs, void *work)
{
  const psr_psor_work *w = work;
  double q[PP_COUNT];
  double il23_per_dc = (1.0 - p[PP_INH_IL23]) * p[PP_IL232] / p[PP_IL2320];
  double il17_per_t = (1.0 - p[PP_INH_IL17]) * p[PP_IL172] / p[PP_IL1720];
  double tnf_per_t = (1.0 - p[PP_INH_TNF]) * p[PP_TNF2] / p[PP_TNF20];
  double area[PSR_PSOR_N_REGIONS], ery[PSR_PSOR_N_REGIONS], ind[PSR_PSOR_N_REGIONS],
      des[PSR_PSOR_N_REGIONS];
  double mean_dc = 0.0, mean_t = 0.0, mean_m = 0.0, max_m = 0.0;
  double pasi = 0.0, bsa = 0.0, sev_sum = 0.0, sev_w = 0.0;
  double e_sc[PSR_PSOR_N_REGIONS], i_sc[PSR_PSOR_N_REGIONS], d_sc[PSR_PSOR_N_REGIONS];
  int index_site = 0;
  double index_x = -HUGE_VAL;
  double turn_sum = 0.0, turn_w = 0.0;

  (void)t;
  memcpy(q, p, sizeof(q));
  for (int r = 0; r < PSR_PSOR_N_REGIONS; r++) {
    double inv = 0.0, e = 0.0, in = 0.0, de = 0.0, once = 0.0;
    for (int j = 0; j < PSR_PSOR_SITES_PER_REGION; j++) {
      int i = r * PSR_PSOR_SITES_PER_REGION + j;
      const double *s = y + i * PSR_PSOR_NS;
      double x = thickness(p, s);
      double K;
      psr_psor_site_params(p, w, i, q);
      K = ((1.0 - q[PP_INH_IL17]) * p[PP_IL172] / p[PP_IL1720] +
           (1.0 - q[PP_INH_TNF]) * p[PP_TNF2] / p[PP_TNF20]) *
          s[PSR_PSOR_T];
      double lesional = smoothstep((x - p[PP_INV_ON]) / (p[PP_INV_FULL] - p[PP_INV_ON]));
      double wi = w->area_w[i] * lesional;
      double ex_k = (K - p[PP_K_HEALTHY]) / (p[PP_K_PLAQUE] - p[PP_K_HEALTHY]);
      double ex_c = (s[PSR_PSOR_C] - p[PP_C_HEALTHY]) / (p[PP_C_PLAQUE] - p[PP_C_HEALTHY]);

      inv += wi;
      /* areas of involvement for the IGA: lesional now, and resolved plaques (their memory)
       * with the weight an investigator's overall impression gives them */
      once += w->area_w[i] *
              (lesional + p[PP_IGA_RESOLVED_WEIGHT] *
                              fmax(0.0, fmin(1.0, s[PSR_PSOR_M] / p[PP_IGA_TRM_MARK]) - lesional));
      const double sev = p[PP_SIGN_SEVERITY];
      const double ex_e = p[PP_ERY_K_SHARE] * ex_k + (1.0 - p[PP_ERY_K_SHARE]) * x;
      e += wi * clamp(sev * p[PP_E_PLAQUE] * sign_excess(ex_e, p[PP_SIGN_GAMMA]), 0.0, 4.0);
      in += wi * clamp(sev * p[PP_I_PLAQUE] * sign_excess(x, p[PP_SIGN_GAMMA]), 0.0, 4.0);
      de += wi * clamp(sev * p[PP_D_PLAQUE] * sign_excess(ex_c, p[PP_SIGN_GAMMA]), 0.0, 4.0);
      double kD = psr_psor_exit_rate(p[PP_KD_H], s[PSR_PSOR_D], p[PP_D_REF], p[PP_M_D]);
      double kC = psr_psor_exit_rate(p[PP_KC_H], s[PSR_PSOR_C], p[PP_C_REF], p[PP_M_C]);
      double tw = region_share[r] * w->area_w[i] * (lesional + p[PP_TURNOVER_BG_WEIGHT]);
      turn_sum += tw * (1.0 / (p[PP_A_BASE] + kD) + 1.0 / kC);
      turn_w += tw;
      mean_dc += region_share[r] * w->area_w[i] * s[PSR_PSOR_DC];
      mean_t += region_share[r] * w->area_w[i] * s[PSR_PSOR_T];
      mean_m += region_share[r] * w->area_w[i] * s[PSR_PSOR_M];
      if (s[PSR_PSOR_M] > max_m) max_m = s[PSR_PSOR_M];
      if (x > index_x) {
        index_x = x;
        index_site = i;
      }
    }
    area[r] = 100.0 * inv;
    ery[r] = inv > 0.0 ? e / inv : 0.0;
    ind[r] = inv > 0.0 ? in / inv : 0.0;
    des[r] = inv > 0.0 ? de / inv : 0.0;
    pasi +=
        region_share[r] * (ery[r] + ind[r] + des[r]) * psorsim_pasi_area_score_continuous(area[r]);
    bsa += region_share[r] * area[r];
    sev_sum += region_share[r] * area[r] * (ery[r] + ind[r] + des[r]) / 3.0;
    sev_w += region_share[r] * 100.0 * once;
    e_sc[r] = round_score(ery[r]);
    i_sc[r] = round_score(ind[r]);
    d_sc[r] = round_score(des[r]);

    obs[PO_AREA_HEAD + r] = area[r];
    obs[PO_ERY_HEAD + r] = ery[r];
    obs[PO_IND_HEAD + r] = ind[r];
    obs[PO_DES_HEAD + r] = des[r];
  }

  obs[PO_PASI] = pasi;
  obs[PO_PASI_SCORED] = psorsim_pasi_compute(e_sc, i_sc, d_sc, area);
  obs[PO_BSA] = bsa;
  if (bsa < p[PP_IGA_BSA_CLEAR] || sev_w <= 0.0) {
    obs[PO_IGA] = 0.0;
  } else {
    obs[PO_IGA] = clamp(round_score(sev_sum / sev_w), 1.0, 4.0);
  }
  obs[PO_ITCH] = p[PP_ITCH_MAX] * (1.0 - exp(-pasi / p[PP_ITCH_PASI_SCALE]));
  obs[PO_DLQI] = clamp(p[PP_DLQI_PER_PASI] * pasi +
                           p[PP_DLQI_VISIBLE] * (1.0 - exp(-bsa / p[PP_DLQI_BSA_SCALE])),
                       0.0, 30.0);

  {
    const double *s = y + index_site * PSR_PSOR_NS;
    obs[PO_TURNOVER] = turn_sum / turn_w;
    obs[PO_IL17_LESION] = il17_per_t * s[PSR_PSOR_T];
    obs[PO_T_LESION] = s[PSR_PSOR_T];
    obs[PO_EPI_LESION] = s[PSR_PSOR_SC] + s[PSR_PSOR_TA] + s[PSR_PSOR_D] + s[PSR_PSOR_C];
  }
  obs[PO_IL23] = il23_per_dc * mean_dc;
  obs[PO_IL17] = il17_per_t * mean_t;
  obs[PO_TNF] = tnf_per_t * mean_t;
  obs[PO_T_CELLS] = mean_t;
  obs[PO_DC] = mean_dc;
  obs[PO_TREG] = y[PSR_PSOR_Y_TREG];
  obs[PO_TRM] = mean_m;
  obs[PO_TRM_MAX] = max_m;
  return 0;
}

int psorsim_psoriasis_summarize(psorsim_ctx *ctx, const double *p, const double *y,
                                psorsim_psoriasis_summary *s)
{
  double pdef[PP_COUNT];
  double obs[PO_COUNT];
  psr_psor_work w;

  PSR_CHECK(ctx, y != NULL && s != NULL, PSORSIM_EINVAL, "y and s must not be NULL");
  if (p == NULL) {
    psorsim_model_default_params(psorsim_psoriasis_model(), pdef);
    p = pdef;
  }
  memset(&w, 0, sizeof(w));
  psr_psor_setup(&w, p);
  psr_psor_observe(0.0, y, p, obs, &w);
  s->turnover_days = obs[PO_TURNOVER];
  s->pasi = obs[PO_PASI];
  s->pasi_scored = obs[PO_PASI_SCORED];
  s->bsa_percent = obs[PO_BSA];
  s->iga = obs[PO_IGA];
  s->dlqi = obs[PO_DLQI];
  s->itch_nrs = obs[PO_ITCH];
  return PSORSIM_OK;
}
