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
 *
 * A treated model also declares which of its parameters vary between
 * patients and how (psorsim_treated_model_variability): one table of random
 * factors, each with its parameters, CV and distribution, which the set-up
 * of a treated patient (treated_patient.h) draws in table order.
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

/* The library (typical) value of composite parameter `index`, before weight
 * scaling and patient variability: a base parameter's default, or a
 * treatment's PK or effect value from its library entry. 0 where the library
 * gives none (the kinetic places of a cell therapy, the dose inputs `rate`
 * and `dosed_*`); NaN when index is out of range. */
PSORSIM_EXPORT double psorsim_treated_model_library_value(const psorsim_treated_model *tm,
                                                          int index);

/* Compiled CVs of the treatment effects' variability (log-normal, mean one);
 * a run may carry the draws to other CVs (psorsim_setup_settings,
 * treated_patient.h). UVB sensitivity's is the residual of its covariate model
 * on the disease's susceptibility, refitted to nbuvb-patients.yaml
 * (docs/validation.md). */
#define PSORSIM_IIV_POTENCY_CV 0.681 /* ec50 of every drug effect */
#define PSORSIM_IIV_UVB_CV     0.132 /* emax of every UVB effect */

/* What one random factor of a treated patient varies. */
typedef enum {
  PSORSIM_IIV_CLEARANCE,     /* a drug's cl, q and vmax, one factor (pk.iiv_cl_cv) */
  PSORSIM_IIV_VOLUME,        /* its v1 and v2, one factor (pk.iiv_v_cv) */
  PSORSIM_IIV_ABSORPTION,    /* its ka (pk.iiv_ka_cv) */
  PSORSIM_IIV_POTENCY,       /* ec50 of a drug effect (PSORSIM_IIV_POTENCY_CV) */
  PSORSIM_IIV_UVB,           /* emax of a UVB effect: UVB sensitivity (PSORSIM_IIV_UVB_CV) */
  PSORSIM_IIV_CELL_KINETICS, /* one of a cell therapy's k_lung, k_local, f_home
                                (pk.cell_iiv_kinetics_cv) */
  PSORSIM_IIV_CELL_IMMUNE,   /* its host immune state's decay rate k_immune
                                (pk.cell_iiv_immune_cv) */
  PSORSIM_IIV_CELL_POTENCY   /* ec50 of a cell-therapy effect (pk.cell_iiv_effect_cv) */
} psorsim_iiv_kind;

/* How a random factor is distributed (w^2 = log(1 + cv^2), z standard normal). */
typedef enum {
  PSORSIM_IIV_MEAN_ONE,  /* log-normal with mean one: exp(w z - w^2 / 2) */
  PSORSIM_IIV_MEDIAN_ONE /* log-normal with median one: exp(w z) */
} psorsim_iiv_dist;

/* One random factor of a treated patient: drawn once per patient, in table
 * order from the patient's drug stream, and multiplied into each of its
 * parameters. */
typedef struct psorsim_iiv_entry {
  psorsim_iiv_kind kind; /* what it varies */
  int slot;              /* the treatment's slot (psorsim_treated_model_slot) */
  int effect;            /* the treatment's effect (POTENCY, UVB, CELL_POTENCY), else -1 */
  int param[3];          /* composite parameter indices the factor multiplies */
  int n_params;          /* how many of param[] (0: drawn only so that later draws keep
                            their place, as for a cell therapy's drug factors) */
  double cv;             /* coefficient of variation of the factor, > 0 */
  psorsim_iiv_dist dist; /* its distribution */
  double cap;            /* each parameter is at most this after the factor (INFINITY: none;
                            1 for a homing fraction) */
} psorsim_iiv_entry;

/* The treated model's variability table (borrowed; valid until the object is
 * freed) and its length in *n. Per treatment, in slot order: the drug's
 * clearance, volume and absorption factors, then per effect its potency (ec50)
 * or, at the UVB node, its sensitivity (emax); for a cell therapy the lung,
 * local and homing kinetics, the immune state's decay and each effect's ec50.
 * A factor whose CV is zero draws nothing and changes nothing, so it is not
 * listed. NULL and *n = 0 when tm is NULL or nothing varies. */
PSORSIM_EXPORT const psorsim_iiv_entry *
psorsim_treated_model_variability(const psorsim_treated_model *tm, int *n);

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
