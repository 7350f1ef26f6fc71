/* include/psorsim/treated_model.h
 *
 * A disease model with treatments attached. psorsim_treated_model_create
 * builds, at run time, a new psorsim_model whose states are the disease
 * model's followed by each treatment's exposure states (depot, central,
 * peripheral for systemic drugs; one skin depot for topicals), whose
 * parameters are the disease model's followed by each treatment's PK and
 * effect parameters (named "<treatment>.<parameter>", so virtual patients
 * can vary them), and whose observables add each treatment's concentration
 * and effect. At every right-hand-side evaluation the exposure is turned
 * into effects (Emax/Hill at the treatment's node) that set the disease
 * model's treatment-input parameters (inh_il17, inh_tnf, ...); inhibitions
 * of one node combine as independent actions, 1 - prod(1 - E_k), on top of
 * any value the input already has. Doses are ordinary engine events
 * (ADD_STATE into the depot or central state) or, for extravascular doses
 * of drugs with linear PK as the regimen writes them, parameter events that
 * set a closed-form dose response exp(K (t - t_d)) x_d, which the composite
 * adds to its PK states (right-hand side, observables, reported states), so
 * a dose changes no state and needs no solver restart.
 *
 * The composite's analytic Jacobian is block-diagonal (disease block from
 * the disease model, PK block exact); the coupling from drug to disease is
 * left to the Newton iteration, which converges with it omitted.
 */
#ifndef PSORSIM_TREATED_MODEL_H
#define PSORSIM_TREATED_MODEL_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/model.h>
#include <psorsim/treatment.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct psorsim_treated_model psorsim_treated_model; /* opaque; src/treatments/ */

/* Where one treatment lives inside the composite. Indices are -1 when absent. */
typedef struct psorsim_treated_slot {
  const psorsim_treatment *tx; /* borrowed library entry */
  int depot_state;             /* absorption depot (SC/oral) or skin depot (topical) */
  int central_state;           /* central compartment, mg (systemic only) */
  int peripheral_state;        /* peripheral compartment, mg (2-cpt only) */
  int effect_state;            /* effect-site concentration, mg/L (when an effect has ke0) */
  int param_offset;            /* index of its first parameter in the composite vector */
  int n_params;                /* number of its parameters */
  int conc_obs;                /* observable: concentration, mg/L (or depot units) */
} psorsim_treated_slot;

/* Build the composite of `base` (borrowed; it must outlive the result) and
 * the n_tx library entries in `tx` (borrowed static data). The base model
 * must have the treatment-input parameter of every node the treatments act
 * on (psorsim_node_param_name). Lifestyle and phototherapy entries add no
 * states (they act through parameter events). Returns PSORSIM_OK and the new
 * object in *out (free with psorsim_treated_model_free), PSORSIM_EINVAL when
 * the base lacks an input, or PSORSIM_ENOMEM. */
PSORSIM_EXPORT int psorsim_treated_model_create(psorsim_ctx *ctx, const psorsim_model *base,
                                                const psorsim_treatment *const *tx, int n_tx,
                                                psorsim_treated_model **out);

/* Release and set *tm to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_treated_model_free(psorsim_treated_model **tm);

/* The composite model (borrowed; valid until the object is freed). */
PSORSIM_EXPORT const psorsim_model *psorsim_treated_model_model(const psorsim_treated_model *tm);

/* The base model (borrowed). */
PSORSIM_EXPORT const psorsim_model *psorsim_treated_model_base(const psorsim_treated_model *tm);

/* Number of treatments and the slot of the k-th (borrowed). */
PSORSIM_EXPORT int psorsim_treated_model_count(const psorsim_treated_model *tm);
PSORSIM_EXPORT const psorsim_treated_slot *
psorsim_treated_model_slot(const psorsim_treated_model *tm, int k);

/* Typical parameters of the composite for a patient of `weight_kg`: the base
 * parameters from base_p (NULL: the base defaults) and each treatment's
 * typical PK scaled allometrically to the weight, and its effect parameters.
 * p must hold psorsim_treated_model_model(tm)->n_params values. */
PSORSIM_EXPORT int psorsim_treated_model_typical_params(const psorsim_treated_model *tm,
                                                        const double *base_p, double weight_kg,
                                                        double *p);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_TREATED_MODEL_H */
