/* include/psorsim/psoriasis.h
 *
 * The built-in psoriasis disease model (registered as "psoriasis"): a
 * bistable keratinocyte / immune-axis model after Shmarov et al. 2022,
 * resolved into skin sites over the four PASI body regions, with clinical
 * readouts (PASI, BSA, IGA, itch, DLQI) and a per-site memory of disease
 * (tissue-resident memory T cells, which make stopped treatment relapse).
 * docs/model.md gives every equation,
 * parameter and source. Also the PASI scoring functions, which do not depend
 * on the model.
 *
 * The model declares what trials and treatments need (model.h): its
 * clinical readouts (pasi, bsa_percent, iga, dlqi, plus turnover_days,
 * pasi_scored and itch_nrs for summaries), its treatment inputs (inh_il23,
 * inh_il17, inh_tnf, inh_tact, inh_prolif by independent action;
 * treg_induction, uvb_apopt additive), its patient covariates (bmi,
 * smoking, susceptibility, site_sigma, stress_reactor, strep_carrier) and
 * its steady states "healthy" and "psoriatic", the latter an untreated
 * patient's baseline: so
 * psorsim_model_baseline gives the numbers of
 * psorsim_psoriasis_steady_state(..., PSORSIM_PSORIASIS_PSORIATIC, ...).
 *
 * All functions here are thread-safe: they keep no state between calls.
 */
#ifndef PSORSIM_PSORIASIS_H
#define PSORSIM_PSORIASIS_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Clinical readouts of one state of the skin. */
typedef struct psorsim_psoriasis_summary {
  double turnover_days; /* epidermal turnover time of lesional skin (of the whole skin when there
                           is no lesion), days: mean transit through the viable suprabasal
                           layer plus the stratum corneum (docs/model.md) */
  double pasi;          /* continuous PASI, 0-72 */
  double pasi_scored;   /* PASI as a clinician scores it (integer sub-scores), 0-72 */
  double bsa_percent;   /* body surface area involved, % */
  double iga;           /* IGA/sPGA 0-4 */
  double dlqi;          /* DLQI 0-30 */
  double itch_nrs;      /* itch 0-10 */
} psorsim_psoriasis_summary;

/* Which steady state of the skin: every site on its lowest (healthy) or
 * highest (psoriatic) steady state. */
typedef enum {
  PSORSIM_PSORIASIS_HEALTHY = 0,
  PSORSIM_PSORIASIS_PSORIATIC = 1
} psorsim_psoriasis_basin;

/* The built-in model (same pointer as psorsim_model_find("psoriasis")); a
 * borrowed pointer to a static table, never NULL. */
PSORSIM_EXPORT const psorsim_model *psorsim_psoriasis_model(void);

/* Steady state of the skin for parameter vector p (model->n_params values;
 * NULL: defaults) in the given basin: fills y (n_states values, caller-owned)
 * and, when s is not NULL, *s. Each skin site is put on its lowest steady
 * state (HEALTHY) or its highest (PSORIATIC); a site with only one steady
 * state uses it in both. Each site's memory state is at its steady value for
 * that state (about 0 in healthy skin, about 1 in a plaque). Treatment and
 * trigger inputs in p are honoured.
 * Returns PSORSIM_OK; PSORSIM_EINVAL for a NULL y, an unknown basin or a
 * parameter that is not finite; PSORSIM_EMODEL if no steady state was found
 * (message in ctx, which may be NULL). */
PSORSIM_EXPORT int psorsim_psoriasis_steady_state(psorsim_ctx *ctx, const double *p,
                                                  psorsim_psoriasis_basin basin, double *y,
                                                  psorsim_psoriasis_summary *s);

/* Clinical readouts of state y (n_states values) under parameters p (NULL:
 * defaults) into *s. Returns PSORSIM_OK, or PSORSIM_EINVAL for NULL y or s. */
PSORSIM_EXPORT int psorsim_psoriasis_summarize(psorsim_ctx *ctx, const double *p, const double *y,
                                               psorsim_psoriasis_summary *s);

/* PASI area score 0-6 of one region from the percentage of the region
 * involved, by the standard half-open bands: 0 for 0 %, 1 for >0 to <10 %,
 * 2 for 10 to <30, 3 for 30 to <50, 4 for 50 to <70, 5 for 70 to <90 and 6
 * for 90-100 %. Values <= 0 or NaN give 0; values above 100 give 6. */
PSORSIM_EXPORT int psorsim_pasi_area_score(double involved_percent);

/* PASI, 0-72, exactly as clinicians compute it: region weights head 0.1,
 * upper limbs 0.2, trunk 0.3, lower limbs 0.4; each region contributes
 * weight * (E + I + D) * area score. Inputs are arrays of 4 (head, upper,
 * trunk, lower): erythema E, induration I and desquamation D each 0-4
 * (clinicians use integers; other values are used as given) and involved %
 * 0-100 (turned into the area score by psorsim_pasi_area_score). */
PSORSIM_EXPORT double psorsim_pasi_compute(const double erythema[4], const double induration[4],
                                           const double desquamation[4],
                                           const double involved_percent[4]);

/* Continuous area score 0-6 of one region: piecewise linear through the
 * band midpoints (0 %, 0), (5 %, 1), (20 %, 2), (40 %, 3), (60 %, 4),
 * (80 %, 5), (95 %, 6), and 6 up to 100 %. Used by the continuous PASI. */
PSORSIM_EXPORT double psorsim_pasi_area_score_continuous(double involved_percent);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_PSORIASIS_H */
