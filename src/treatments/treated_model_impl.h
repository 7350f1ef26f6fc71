/* src/treatments/treated_model_impl.h
 *
 * Private layout of a treated (composite) model: the psorsim_model it
 * exposes, the tables it owns, where each treatment's states, parameters
 * and observables sit, and the layout of one engine's scratch space.
 */
#ifndef PSR_TREATED_MODEL_IMPL_H
#define PSR_TREATED_MODEL_IMPL_H

#include <psorsim/treated_model.h>

/* Parameters of every treatment slot, in this order, then TMP_PER_EFFECT per effect. */
enum {
  TMP_KA,   /* absorption or skin-depot loss rate, 1/day */
  TMP_F,    /* bioavailability of extravascular doses (applied when dosing) */
  TMP_TLAG, /* absorption lag, days (applied when dosing) */
  TMP_CL,   /* clearance, L/day */
  TMP_V1,   /* central volume, L */
  TMP_Q,    /* inter-compartmental clearance, L/day */
  TMP_V2,   /* peripheral volume, L */
  TMP_VMAX, /* saturable elimination, mg/day */
  TMP_KM,   /* its half-saturation concentration, mg/L */
  TMP_KE0,  /* effect-site equilibration rate, 1/day (0: effects follow C directly) */
  TMP_RATE, /* zero-order input into the depot, mg/day (or depot units/day): frequent
               daily dosing given as its average rate, switched by SET_PARAM events */
  TMP_NPK
};
enum { TMP_EMAX, TMP_EC50, TMP_HILL, TMP_PER_EFFECT };

/* A cell-therapy slot (PSORSIM_PK_CELLS) uses the same TMP_NPK parameter
 * places with these meanings (docs/cell-therapy.md); the others keep their
 * names and stay unused. Its states: central_state = cells trapped in the
 * lung L, depot_state = cells in skin or at an SC/ID site S (both potency-
 * weighted 10^6 cells/kg), effect_state = host immune state I (1):
 *   L' = -k_lung L
 *   S' = f_home k_lung L - k_local S
 *   I' = gain ((1 - f_home) k_lung L + k_local S) - k_immune I
 * Effects on inh_prolif read S; every other effect reads I. */
enum {
  TMC_K_LUNG = TMP_KA,   /* lung clearance rate, 1/day */
  TMC_F_HOME = TMP_F,    /* fraction of lung leavers that reach skin */
  TMC_K_LOCAL = TMP_CL,  /* local (skin, SC/ID depot) clearance rate, 1/day */
  TMC_K_IMMUNE = TMP_V1, /* decay rate of the host immune state, 1/day */
  TMC_GAIN = TMP_Q       /* immune state per 10^6 cells/kg cleared, 1 */
};

struct psorsim_treated_model {
  psorsim_model model;       /* the composite; first member, so work_init can find us */
  psorsim_ctx *ctx;          /* borrowed */
  const psorsim_model *base; /* borrowed */
  int n_slots;
  psorsim_treated_slot *slots;        /* n_slots entries, owned */
  int node_param[PSORSIM_NODE_COUNT]; /* base parameter index of each node's input, -1 if unused */
  int effect_obs0; /* first effect observable; per slot effects follow in order */
  psorsim_var *states, *params, *obs; /* the composite's tables, owned */
  char **names;                       /* owned copies of generated names */
  int n_names, cap_names;
  char *label;                                         /* composite name, owned */
  size_t base_work_offset, pbase_offset, jbase_offset; /* layout of the engine scratch */
};

/* Engine scratch of a composite (at the start of `work`). */
typedef struct psr_tm_work {
  const struct psorsim_treated_model *tm; /* set by work_init */
  double *pbase;                          /* base parameters with the treatment inputs applied */
  double *jbase;   /* dense base Jacobian scratch (NULL when sparse or none) */
  void *base_work; /* the base model's own scratch */
} psr_tm_work;

/* The composite's callbacks (treated_model_rhs.c), installed by
 * psorsim_treated_model_create (treated_model.c). */
int psr_tm_rhs(double t, const double *y, double *ydot, const double *p, void *work);
int psr_tm_jac(double t, const double *y, double *J, const double *p, void *work);
int psr_tm_jac_sparse(double t, const double *y, int64_t *colptr, int64_t *rowind, double *val,
                      const double *p, void *work);
int psr_tm_observe(double t, const double *y, const double *p, double *obs, void *work);
int psr_tm_setup(void *work, const double *p);
int psr_tm_init(double t0, double *y, const double *p, void *work);
int psr_tm_work_init(void *work, const psorsim_model *self);

#endif /* PSR_TREATED_MODEL_IMPL_H */
