/* src/treatments/treated_model_impl.h
 *
 * Private layout of a treated (composite) model: the psorsim_model it
 * exposes, the tables it owns (including its variability table), where each
 * treatment's states, parameters and observables sit, and the layout of one
 * engine's scratch space.
 */
#ifndef PSR_TREATED_MODEL_IMPL_H
#define PSR_TREATED_MODEL_IMPL_H

#include <psorsim/engine.h>
#include <psorsim/regimen.h>
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
  /* Closed-form doses of a linear systemic slot (treated_model_pk.c): the
   * time of the last extravascular dose and the amounts it and all earlier
   * ones left in depot, central and peripheral compartments and the effect
   * site right after it; set with each dose by SET_INPUT events. */
  TMP_CF_DAY,        /* days */
  TMP_CF_DEPOT,      /* mg */
  TMP_CF_CENTRAL,    /* mg */
  TMP_CF_PERIPHERAL, /* mg */
  TMP_CF_EFFECT,     /* mg/L */
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
  psorsim_input_kind node_kind[PSORSIM_NODE_COUNT]; /* how effects on it combine (declared) */
  int effect_obs0; /* first effect observable; per slot effects follow in order */
  psorsim_var *states, *params, *obs; /* the composite's tables, owned */
  char **names;                       /* owned copies of generated names */
  int n_names, cap_names;
  char *label;            /* composite name, owned */
  psorsim_iiv_entry *iiv; /* the variability table, n_iiv entries, owned (treated_model_iiv.c) */
  int n_iiv;
  size_t base_work_offset, pbase_offset, jbase_offset; /* layout of the engine scratch */
  size_t modes_offset;                                 /* n_slots psr_tm_modes */
};

/* Closed-form doses (treated_model_pk.c). The PK of a systemic slot without
 * saturable elimination is linear, so its compartments hold the solver's
 * states (zero-order inputs, ADD_STATE doses) plus, by superposition, the
 * closed-form response to its extravascular doses: x(t) = exp(K (t - t_d)) x_d
 * with x = (depot, central, peripheral, effect site), K the slot's rate
 * matrix and (t_d, x_d) the TMP_CF_* parameters. */
enum { PSR_CF_N = 4 };

/* exp(K tau) of one slot and patient as K's modes, set up once per run. */
typedef struct psr_tm_modes {
  int ok;                          /* 0: rates too close (or missing); use scaling and squaring */
  double rate[PSR_CF_N];           /* eigenvalues of K, 1/day */
  double vec[PSR_CF_N * PSR_CF_N]; /* eigenvectors as columns, row-major */
  double inv[PSR_CF_N * PSR_CF_N]; /* inverse of vec */
} psr_tm_modes;

/* Engine scratch of a composite (at the start of `work`). */
typedef struct psr_tm_work {
  const struct psorsim_treated_model *tm; /* set by work_init */
  double *pbase;                          /* base parameters with the treatment inputs applied */
  double *jbase;       /* dense base Jacobian scratch (NULL when sparse or none) */
  void *base_work;     /* the base model's own scratch */
  psr_tm_modes *modes; /* n_slots entries, set by psr_tm_setup */
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
int psr_tm_report_states(double t, double *y, const double *p, void *work);

/* Fill tm->iiv from the slots (treated_model_iiv.c); PSORSIM_ENOMEM. */
int psr_tm_variability_build(psorsim_treated_model *tm);

/* Variability draws carried to another CV (treated_model_iiv.c): a factor
 * drawn at cv_old (mean one: x = typical exp(w_old z - w_old^2 / 2),
 * w^2 = log(1 + cv^2)) moved to cv_new with the same standard normal deviate
 * z, so the factor stays mean one: typical exp(w_new z - w_new^2 / 2). x
 * unchanged when cv_old == cv_new or x, typical or cv_old is not positive. */
double psr_iiv_rescale(double x, double typical, double cv_old, double cv_new);

/* A course of UV sessions on the base model's UVB input (regimen.c): each
 * session raises the input by emax x its effective dose (photoadaptation,
 * psorsim_uv_adapt_session) for PSORSIM_UVB_PULSE_DAYS. */
typedef struct psr_uv_course {
  int input;                      /* base-model index of the UVB input */
  double level;                   /* its value between sessions, from p */
  double emax;                    /* sensitivity, per J/cm2 per day: the slot's UVB effect in p */
  double adapt_per_j, adapt_days; /* photoadaptation (uv_adapt, uv_adapt_days of the base) */
  psorsim_uv_adapt adapt;         /* recent exposure so far */
} psr_uv_course;

/* Start a course of the phototherapy in slot s with parameters p;
 * PSORSIM_EINVAL when the base model has no UVB input. */
int psr_uv_course_start(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                        const psorsim_treated_slot *s, const double *p, psr_uv_course *c);

/* Append the two events of a session of dose_j_cm2 (J/cm2) at t_day: the
 * input raised, and back to its level a pulse later. Written while *n < cap,
 * always counted. */
void psr_uv_course_session(psr_uv_course *c, double t_day, double dose_j_cm2, psorsim_event *ev,
                           size_t cap, size_t *n);

/* Stable sort of events by time (regimen.c). */
void psr_events_sort(psorsim_event *ev, size_t n);

/* Closed-form doses of drugs whose typical (library) ka is at most this,
 * 1/day, need no solver restart (SET_INPUT); faster ones restart (regimen.c). */
#define PSR_CF_SMOOTH_KA 2.0 /* antibodies 0.19-1.1, small molecules 12-51 */

/* Whether slot sl with parameters q takes its extravascular doses in closed form. */
int psr_tm_has_closed_form(const psorsim_treated_slot *sl, const double *q);

/* x = exp(K tau) x0 for the slot's rate matrix (tau >= 0, days), by scaling
 * and squaring. */
void psr_tm_pk_advance(const psorsim_treated_slot *sl, const double *q, double tau,
                       const double *x0, double *x);

/* The modes of the slot's K (sets md->ok = 0 when they cannot be used). */
void psr_tm_modes_setup(const psorsim_treated_slot *sl, const double *q, psr_tm_modes *md);

/* The closed-form part of the slot's compartments at time t (zeros before
 * any dose), from the modes md (NULL or not ok: scaling and squaring). */
void psr_tm_closed_form_at(const psorsim_treated_slot *sl, const double *q, const psr_tm_modes *md,
                           double t, double *x);

#endif /* PSR_TREATED_MODEL_IMPL_H */
