/* src/models/psoriasis_impl.h
 *
 * Private layout of the built-in `psoriasis` model (docs/model.md): the
 * order of its parameters, states and observables, the skin-site grid, the
 * per-run workspace and the functions the model's files share.
 *
 * The skin is PSR_PSOR_N_REGIONS body regions (the four PASI regions) of
 * PSR_PSOR_SITES_PER_REGION skin sites each. A site is one patch of skin
 * with its own keratinocyte and immune-cell populations and its own memory of disease
 * (tissue-resident memory T cells; seven states); the
 * sites of a patient differ only in the local gain of the keratinocyte ->
 * dendritic-cell feedback (a quantile of a log-normal distribution) and share the systemic state
 * (regulatory T cells, one state), the triggers and the treatment inputs. States are laid out site
 * by site: y[site * PSR_PSOR_NS + k] for k in psr_psor_site_state, then the systemic states.
 */
#ifndef PSR_PSORIASIS_IMPL_H
#define PSR_PSORIASIS_IMPL_H

#include <stdint.h>

#include <psorsim/model.h>
#include <psorsim/psoriasis.h>

/* ---- skin-site grid ------------------------------------------------------------------------ */

#define PSR_PSOR_N_REGIONS        4 /* head, upper limbs, trunk, lower limbs (PASI order) */
#define PSR_PSOR_SITES_PER_REGION 5 /* skin sites per region; see docs/model.md "Skin sites" */
#define PSR_PSOR_N_SITES          (PSR_PSOR_N_REGIONS * PSR_PSOR_SITES_PER_REGION)

/* States of one skin site, in storage order. */
typedef enum {
  PSR_PSOR_SC = 0, /* epidermal stem cells, cells/mm2 */
  PSR_PSOR_TA,     /* transit-amplifying keratinocytes, cells/mm2 */
  PSR_PSOR_D,      /* differentiated viable (spinous/granular) keratinocytes, cells/mm2 */
  PSR_PSOR_C,      /* corneocytes (stratum corneum), cells/mm2 */
  PSR_PSOR_DC,     /* dendritic cells, cells/mm2 */
  PSR_PSOR_T,      /* Th17-type effector T cells, cells/mm2 */
  PSR_PSOR_M,      /* IL-17-producing tissue-resident memory T cells (TRM), relative to a
                      chronic plaque (docs/model.md "Disease memory") */
  PSR_PSOR_NS      /* number of states per site */
} psr_psor_site_state;

/* Systemic states after the sites. */
#define PSR_PSOR_Y_TREG                                                                            \
  (PSR_PSOR_N_SITES * PSR_PSOR_NS) /* regulatory T cells, relative to baseline */
#define PSR_PSOR_NSTATES (PSR_PSOR_Y_TREG + 1)

/* Nonzeros of the sparse Jacobian: 18 per site block, one Treg entry per
 * site (dT/dTreg) and the Treg diagonal. */
#define PSR_PSOR_NNZ_SITE 18
#define PSR_PSOR_NNZ      (PSR_PSOR_N_SITES * (PSR_PSOR_NNZ_SITE + 1) + 1)

/* ---- parameters (order of the table in psoriasis_params.c) --------------------------------- */

typedef enum {
  /* keratinocytes (Shmarov 2022) */
  PP_SC2,
  PP_SC2TA,
  PP_TA2,
  PP_TA2D,
  PP_SC20,
  PP_TA20,
  PP_A_BASE,
  PP_SC2GF,
  PP_TA2GF,
  PP_GF20,
  /* differentiated layer and stratum corneum (this model) */
  PP_KD_H,
  PP_D_REF,
  PP_M_D,
  PP_KC_H,
  PP_C_REF,
  PP_M_C,
  /* immune axis (Shmarov 2022) */
  PP_DC_ACT,
  PP_T_VM,
  PP_T_KP,
  PP_N_HILL,
  PP_T20,
  PP_TT20,
  PP_IL232,
  PP_IL2320,
  PP_T2,
  PP_IL172,
  PP_IL1720,
  PP_TNF2,
  PP_TNF20,
  /* tissue-resident memory T cells (disease memory of a site) */
  PP_TRM_HALF_LIFE,
  PP_TRM_IL23_LOSS,
  PP_TRM_T50,
  PP_TRM_N,
  PP_TRM_T_REF,
  PP_TRM_GF,
  PP_TRM_IL17_SHARE,
  PP_TRM_UVB,
  /* regulatory T cells */
  PP_K_TREG,
  PP_TREG_BRAKE,
  /* patient: susceptibility and skin heterogeneity */
  PP_SUSCEPTIBILITY,
  PP_SITE_SIGMA,
  PP_SITE_SENS_SIGMA, /* log-SD of the per-site sensitivity to treatment inputs */
  PP_SITE_SENS_MU,    /* log-mean of the per-site sensitivity (capped at 1) */
  PP_SITE_SENS_CYT,   /* shift of that log-mean for IL-17 and TNF blockade */
  PP_SITE_SEED,       /* the patient's draw of per-site sensitivities, in [0, 1) */
  PP_SIGN_SEVERITY,   /* the patient's sign scores relative to the reference plaque */
  PP_ERY_K_SHARE,
  PP_SIGN_GAMMA,
  /* exponent of each sign score in its physical excess (concave: < 1) */ /* share of erythema that
                                                                             follows the cytokine
                                                                             drive (rest: thickness)
                                                                           */
  PP_REGION_HEAD,
  PP_REGION_UPPER,
  PP_REGION_TRUNK,
  PP_REGION_LOWER, /* median-site gain of the GF -> DC feedback in each region */
  /* chronic risk factors */
  PP_SMOKING,
  PP_SMOKING_EFFECT,
  PP_BMI,
  PP_BMI_REF,
  PP_OBESITY_EFFECT,
  /* triggers (time-dependent inputs, switched by SET_PARAM events) */
  PP_TRIG_STRESS,
  PP_TRIG_INFECTION,
  PP_TRIG_INJURY_HEAD,
  PP_TRIG_INJURY_UPPER,
  PP_TRIG_INJURY_TRUNK,
  PP_TRIG_INJURY_LOWER,
  PP_STRESS_DC,
  PP_INFECTION_DC,
  PP_INJURY_DC,
  /* chronic triggers: who has them (covariates), their share of the basal DC
   * influx, and the exposure to each trigger that lifestyle changes lower */
  PP_STRESS_REACTOR,
  PP_STREP_CARRIER,
  PP_STRESS_SHARE,
  PP_INFECTION_SHARE,
  PP_STRESS_EXPOSURE,
  PP_INFECTION_EXPOSURE,
  /* weight change: the drive an obese patient loses with weight */
  PP_BMI_CHANGE,
  PP_BMI_OBESE,
  PP_WEIGHT_EFFECT,
  /* treatment inputs */
  PP_INH_IL23,
  PP_INH_IL17,
  PP_INH_TNF,
  PP_INH_TACT,
  PP_INH_PROLIF,
  PP_UVB_APOPT,
  PP_TREG_INDUCTION,
  /* healthy floors of the UVB apoptosis term (Shmarov 2022) */
  PP_SC_MIN,
  PP_TA_MIN,
  PP_T_MIN,
  PP_DC_MIN,
  /* photoadaptation of the skin (used where UV sessions become inputs, src/treatments/regimen.c) */
  PP_UV_ADAPT,
  PP_UV_ADAPT_DAYS,
  /* readout references and mappings */
  PP_EPI_HEALTHY,
  PP_EPI_PLAQUE,
  PP_K_HEALTHY,
  PP_K_PLAQUE,
  PP_C_HEALTHY,
  PP_C_PLAQUE,
  PP_INV_ON,
  PP_INV_FULL,
  PP_E_PLAQUE,
  PP_I_PLAQUE,
  PP_D_PLAQUE,
  PP_IGA_BSA_CLEAR,
  PP_IGA_TRM_MARK,
  PP_IGA_RESOLVED_WEIGHT,
  PP_ITCH_MAX,
  PP_ITCH_PASI_SCALE,
  PP_DLQI_PER_PASI,
  PP_DLQI_VISIBLE,
  PP_DLQI_BSA_SCALE,
  PP_TURNOVER_BG_WEIGHT,
  PP_COUNT
} psr_psor_param;

/* ---- observables (order of the table in psoriasis_params.c) -------------------------------- */

typedef enum {
  PO_PASI,
  PO_PASI_SCORED,
  PO_BSA,
  PO_IGA,
  PO_DLQI,
  PO_ITCH,
  PO_TURNOVER,
  PO_AREA_HEAD,
  PO_AREA_UPPER,
  PO_AREA_TRUNK,
  PO_AREA_LOWER,
  PO_ERY_HEAD,
  PO_ERY_UPPER,
  PO_ERY_TRUNK,
  PO_ERY_LOWER,
  PO_IND_HEAD,
  PO_IND_UPPER,
  PO_IND_TRUNK,
  PO_IND_LOWER,
  PO_DES_HEAD,
  PO_DES_UPPER,
  PO_DES_TRUNK,
  PO_DES_LOWER,
  PO_IL23,
  PO_IL17,
  PO_TNF,
  PO_T_CELLS,
  PO_DC,
  PO_TREG,
  PO_IL17_LESION,
  PO_T_LESION,
  PO_EPI_LESION,
  PO_TRM,
  PO_TRM_MAX,
  PO_COUNT
} psr_psor_obs;

/* ---- per-run workspace ---------------------------------------------------------------------- */

/* The site grid, filled by setup. Apart from the per-site treatment
 * sensitivities it depends on no parameter: parameters may change during a
 * run (SET_PARAM events), so everything derived from them is recomputed from
 * p in each callback (psr_psor_site_inputs). The sensitivities come from two
 * patient covariates (site_sens_sigma, site_seed) that no event changes, so
 * setup computes them once per run. */
typedef struct psr_psor_work {
  double area_w[PSR_PSOR_N_SITES];     /* fraction of its region each site stands for, sums to 1 */
  double z[PSR_PSOR_SITES_PER_REGION]; /* standard-normal quantile of each site's band */
  double sens[PSR_PSOR_N_SITES];       /* sensitivity of each site to the inhibition inputs */
  double sens_cyt[PSR_PSOR_N_SITES];   /* the same for IL-17 and TNF blockade */
  int uniform;                         /* 1 when every sensitivity is 1 */
} psr_psor_work;

/* Per-site inputs derived from the current parameters. */
typedef struct psr_psor_inputs {
  double dc_in[PSR_PSOR_N_SITES]; /* basal DC influx incl. risk factors and triggers, cells/(mm2
                                     day) */
  double gain[PSR_PSOR_N_SITES];  /* multiplier of the GF-driven DC recruitment t_vm, 1 */
} psr_psor_inputs;

/* Compute the per-site inputs from p and the grid in w. Returns 0, or -1
 * if one is not finite. */
int psr_psor_site_inputs(const double *p, const psr_psor_work *w, psr_psor_inputs *in);

/* Fraction of its region that site j (0-based within the region) covers
 * and the quantile of the local-drive distribution it stands for. */
double psr_psor_band_width(int j);
double psr_psor_band_quantile(int j);

/* Crowding-driven exit rate k_ref * (n / n_ref)^m of a layer holding n
 * cells/mm2 (0 for n <= 0), 1/day. */
double psr_psor_exit_rate(double k_ref, double n, double n_ref, double m);

/* x^n, by repeated multiplication when n is a small non-negative integer, else pow. */
double psr_psor_pow(double x, double n);

/* Loss rate of tissue-resident memory T cells, ln 2 / trm_half_life, raised by IL-23 blockade,
 * 1/day. */
double psr_psor_trm_loss(const double *p);
/* GF signal per unit of memory M: trm_gf less the share of it that is IL-17 and neutralised. */
double psr_psor_trm_signal(const double *p);

/* Formation of tissue-resident memory T cells at effector T-cell density t_cells, 1/day (in the
 * units of M); *dform (may be NULL) receives its derivative in t_cells. */
double psr_psor_trm_formation(const double *p, double t_cells, double *dform);

/* Standard-normal quantile function (inverse CDF) for 0 < q < 1. */
double psr_psor_norm_quantile(double q);

/* Basal DC influx of site `site` under parameters p (risk factors and
 * triggers included), cells/(mm2 day). */
double psr_psor_site_dc_in(const double *p, int site);

/* Local gain of the keratinocyte -> DC feedback of site `site`, whose
 * standard-normal quantile is z (genetic susceptibility x region x site). */
double psr_psor_site_gain(const double *p, int site, double z);

/* Fill q (which holds a copy of p) with the inhibition inputs as site
 * `site` feels them: each blocked fraction f becomes s f for the site's
 * sensitivity s in (0, 1], the share of its drive on that pathway that a
 * blockade can reach. docs/model.md 3.8. */
void psr_psor_site_params(const double *p, const psr_psor_work *w, int site, double *q);

/* Fill a workspace from p (the model's setup). */
int psr_psor_setup(void *work, const double *p);

/* Right-hand side, dense and sparse Jacobians (psoriasis_rhs.c). */
int psr_psor_rhs(double t, const double *y, double *ydot, const double *p, void *work);
int psr_psor_jac(double t, const double *y, double *J, const double *p, void *work);
int psr_psor_jac_sparse(double t, const double *y, int64_t *colptr, int64_t *rowind, double *val,
                        const double *p, void *work);

/* Initial state: the psoriatic steady state (psoriasis_steady.c). */
int psr_psor_init(double t0, double *y, const double *p, void *work);

/* Steady state of every site in the given basin, written into y; returns
 * 0, or -1 when some site has no steady state on the requested side (never
 * with finite parameters) (psoriasis_steady.c). */
int psr_psor_steady(const double *p, const psr_psor_work *w, psorsim_psoriasis_basin basin,
                    double *y);

/* The model's steady-state function (psorsim_steady_fn; `which` is a
 * psorsim_psoriasis_basin): psorsim_psoriasis_steady_state, then the
 * observables at the state as psorsim_psoriasis_summarize computes them
 * (psoriasis_steady.c). */
int psr_psor_steady_state(psorsim_ctx *ctx, const double *p, int which, double *y, double *obs);

/* Observables at one time (psoriasis_readouts.c). */
int psr_psor_observe(double t, const double *y, const double *p, double *obs, void *work);

/* The parameter table (psoriasis_params.c). */
extern const psorsim_var psr_psor_params[PP_COUNT];

#endif /* PSR_PSORIASIS_IMPL_H */
