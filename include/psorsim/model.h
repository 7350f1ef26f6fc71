/* include/psorsim/model.h
 *
 * What a model is to psorsim: named states, parameters and observables with
 * units, and plain functions over flat arrays (right-hand side, optional
 * Jacobian, observables). The engine (engine.h) knows nothing else about a
 * model, so a hand-written model, one generated from SBML and one compiled
 * at run time all plug in the same way. A disease model also declares what
 * trials and treatments use (its clinical readouts, treatment inputs,
 * patient covariates and steady states, one of them a patient's baseline),
 * so that no layer above names its parameters. Models are found by name in
 * a registry of built-in models and models registered at run time.
 *
 * Conventions for every callback:
 *   t      time in days;
 *   y      state vector, n_states entries, in the units of `states`;
 *   p      parameter vector, n_params entries, in the units of `params`;
 *   work   per-thread scratch of `work_size` bytes, owned by the engine,
 *          zeroed when the engine is created and passed to `setup` at the
 *          start of every run (so a model may cache values derived from p).
 * Callbacks return 0 on success, a positive value for a recoverable failure
 * (the solver retries with a smaller step) or a negative value for an
 * unrecoverable one. They must not allocate memory and must not keep
 * pointers to y, p or the output arrays.
 */
#ifndef PSORSIM_MODEL_H
#define PSORSIM_MODEL_H

#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>

#ifdef __cplusplus
extern "C" {
#endif

/* dy/dt = f(t, y; p): write n_states derivatives into ydot. */
typedef int (*psorsim_rhs_fn)(double t, const double *y, double *ydot, const double *p, void *work);

/* Dense Jacobian, column-major: J[j * n_states + i] = d ydot[i] / d y[j]. J is
 * zeroed before the call, so only nonzero entries need to be written. */
typedef int (*psorsim_jac_fn)(double t, const double *y, double *J, const double *p, void *work);

/* Sparse Jacobian in compressed-sparse-column form with at most jac_nnz
 * entries: colptr has n_states + 1 entries, rowind and val jac_nnz. The
 * pattern may be rewritten on every call. */
typedef int (*psorsim_jac_sparse_fn)(double t, const double *y, int64_t *colptr, int64_t *rowind,
                                     double *val, const double *p, void *work);

/* Initial state at t0 from the parameters (e.g. a steady state). When a model
 * has no init, the `value` fields of its state table are used. */
typedef int (*psorsim_init_fn)(double t0, double *y, const double *p, void *work);

/* Observables (derived outputs, e.g. PASI) at one output time: write n_obs
 * values into obs. Called at output times only, never inside the solver. */
typedef int (*psorsim_observe_fn)(double t, const double *y, const double *p, double *obs,
                                  void *work);

/* Called once at the start of each run, after the parameters are final and
 * before init; lets the model precompute from p into work. May be NULL. */
typedef int (*psorsim_setup_fn)(void *work, const double *p);

/* The states as reported at output time t: adds to y (n_states values, a
 * copy of the solver's state) the parts the model keeps in closed form
 * outside the solver (the treated model's analytic dose depots). Called at
 * output times only, before observe. May be NULL. */
typedef int (*psorsim_report_fn)(double t, double *y, const double *p, void *work);

/* ---- What a disease model declares to trials and treatments ----------------
 *
 * The fields below are optional (NULL / 0 for a model without them, such as
 * pk1 and pk2). They name entries of the model's own tables, so a model
 * generated at run time (an SBML import) declares them the same way. */

/* The clinical readouts a trial scores (endpoints, inclusion criteria). */
typedef enum {
  PSORSIM_READOUT_OTHER = -1, /* another clinical readout: shown in summaries, not scored */
  PSORSIM_READOUT_PASI = 0,   /* Psoriasis Area and Severity Index, 0-72 */
  PSORSIM_READOUT_BSA,        /* body surface area involved, % */
  PSORSIM_READOUT_IGA,        /* Investigator's Global Assessment (IGA/sPGA), 0-4 */
  PSORSIM_READOUT_DLQI,       /* Dermatology Life Quality Index, 0-30 */
  PSORSIM_READOUT_COUNT
} psorsim_readout;

/* One clinical readout: which observable carries it. */
typedef struct psorsim_model_readout {
  psorsim_readout role; /* what it is; each role at most once per model */
  const char *obs;      /* name of the observable (an entry of the model's obs table) */
  int summary;          /* 1: shown in one-line summaries (psorsim info's table), 0: not */
} psorsim_model_readout;

/* How the effects of treatments on one input combine with the input's own
 * value p0 (E_k: the effect of treatment k at that input). */
typedef enum {
  PSORSIM_INPUT_INHIBITION = 0, /* a fraction blocked, 0-1; independent action (Bliss):
                                   p = 1 - (1 - p0) prod_k (1 - E_k), each E_k clamped to 0-1 */
  PSORSIM_INPUT_ADDITIVE        /* a rate or an induction: p = p0 + sum_k E_k */
} psorsim_input_kind;

/* One treatment input: a parameter that treatments may act on. */
typedef struct psorsim_model_input {
  const char *param;       /* name of the parameter (an entry of the params table) */
  psorsim_input_kind kind; /* how effects on it combine */
} psorsim_model_input;

/* Patient characteristics a virtual population sets in a model's parameters. */
typedef enum {
  PSORSIM_COVARIATE_BMI = 0,        /* body-mass index, kg/m2 */
  PSORSIM_COVARIATE_SMOKER,         /* current smoker: 1, else 0 */
  PSORSIM_COVARIATE_SUSCEPTIBILITY, /* disease susceptibility, a multiplier of the drive of the
                                       disease loop (1: the model's reference patient) */
  PSORSIM_COVARIATE_SITE_SPREAD,    /* spread of the disease drive between skin sites */
  PSORSIM_COVARIATE_SITE_SEED, /* the patient's draw of per-site treatment sensitivity, [0,1) */
  PSORSIM_COVARIATE_SEVERITY,  /* plaque severity: sign scores relative to the reference */
  PSORSIM_COVARIATE_SITE_SENS_SPREAD, /* spread of the sites' sensitivity to treatment */
  PSORSIM_COVARIATE_SITE_SENS_MEAN,   /* log-mean of the sites' sensitivity (capped at 1) */
  PSORSIM_COVARIATE_STRESS_REACTOR,   /* psychological stress is a chronic trigger: 1, else 0 */
  PSORSIM_COVARIATE_STREP_CARRIER,    /* recurrent streptococcal throat infection, a chronic
                                         trigger: 1, else 0 */
  PSORSIM_COVARIATE_COUNT
} psorsim_covariate;

/* One patient covariate: which parameter receives it. */
typedef struct psorsim_model_covariate {
  psorsim_covariate role; /* what it is; each role at most once per model */
  const char *param;      /* name of the parameter */
} psorsim_model_covariate;

/* Steady state number `which` (0 <= which < n_steady) of the model for
 * parameters p (n_params values, never NULL): fills y (n_states values) and,
 * when obs is not NULL, the observables at it (n_obs values). Unlike the
 * solver callbacks it runs outside the solver, may take its time and returns
 * a psorsim_status with the message in ctx (which may be NULL). It must not
 * keep state between calls (it is called from many threads at once). */
typedef int (*psorsim_steady_fn)(psorsim_ctx *ctx, const double *p, int which, double *y,
                                 double *obs);

/* A model. Filled in by its author (usually as a static const table, as GSL
 * does for stepper types); psorsim never frees or changes it. */
typedef struct psorsim_model {
  const char *name;                 /* registry key, e.g. "pk2" */
  const char *description;          /* one line */
  int n_states;                     /* length of y */
  int n_params;                     /* length of p */
  int n_obs;                        /* number of observables (may be 0) */
  const psorsim_var *states;        /* n_states entries: name, unit, default initial value */
  const psorsim_var *params;        /* n_params entries: name, unit, default value, source */
  const psorsim_var *obs;           /* n_obs entries: name and unit (value unused) */
  size_t work_size;                 /* bytes of per-thread scratch, 0 for none */
  psorsim_setup_fn setup;           /* may be NULL */
  psorsim_init_fn init;             /* may be NULL: states[i].value */
  psorsim_rhs_fn rhs;               /* required */
  psorsim_jac_fn jac;               /* may be NULL: difference quotients */
  psorsim_jac_sparse_fn jac_sparse; /* may be NULL; with it the engine can use KLU */
  int64_t jac_nnz;                  /* capacity of the sparse Jacobian */
  psorsim_observe_fn observe;       /* may be NULL when n_obs == 0 */
  /* Called once when an engine is created, after `work` is zeroed and before
   * any run. A model built at run time (a composite, an SBML import) uses it
   * to store in `work` a pointer to its own description, which its callbacks
   * need; `self` is the model passed to psorsim_engine_create. May be NULL. */
  int (*work_init)(void *work, const struct psorsim_model *self);
  psorsim_report_fn report_states; /* may be NULL: the solver's states are the whole story */

  /* Optional declarations of a disease model (see above); NULL / 0 when absent. */
  int n_readouts;
  const psorsim_model_readout *readouts; /* clinical readouts, in the order summaries show them */
  int n_inputs;
  const psorsim_model_input *inputs; /* parameters treatments may act on */
  int n_covariates;
  const psorsim_model_covariate *covariates; /* parameters a virtual population sets */
  /* Named steady states (e.g. "healthy", "psoriatic") and the one an untreated
   * patient starts from: a trial's baseline is steady state baseline_steady
   * of the patient's parameters (psorsim_model_baseline). */
  int n_steady;
  const char *const *steady_names; /* n_steady names */
  psorsim_steady_fn steady;        /* NULL when n_steady is 0 */
  int baseline_steady;             /* 0 <= baseline_steady < n_steady */
} psorsim_model;

/* ---- The model registry -------------------------------------------------------
 *
 * The built-in models ("pk1", "pk2", "psoriasis") followed by the models
 * registered at run time (an SBML import, a model of the caller's own).
 *
 * The registered models are process-wide state, the one exception to
 * psorsim's rule of no mutable static state: a table guarded by a mutex, so
 * every function below may be called from any thread at any time, also while
 * trials run. The registry holds borrowed pointers: the caller keeps a
 * registered model (and every table and string it points to) alive and
 * unchanged until it has unregistered it and no engine or trial uses it any
 * more. */

/* Most models registered at one time. */
#define PSORSIM_MODEL_MAX_REGISTERED 64

/* Look up a model by name: the built-ins first, then the registered ones.
 * Returns a borrowed pointer (a static table, or a registered model that
 * stays valid until it is unregistered), or NULL if there is no such model. */
PSORSIM_EXPORT const psorsim_model *psorsim_model_find(const char *name);

/* Number of models (built-in and registered) and the i-th one
 * (0 <= i < count; built-ins first, then registered ones in the order they
 * were registered), for listings; NULL when i is out of range (also when a
 * model was unregistered between the two calls). */
PSORSIM_EXPORT int psorsim_model_count(void);
PSORSIM_EXPORT const psorsim_model *psorsim_model_at(int i);

/* Register m under m->name so that psorsim_model_find and listings see it.
 * m is borrowed (see above). Returns PSORSIM_OK; PSORSIM_EINVAL when m is
 * NULL, fails psorsim_model_validate, or its name is that of a built-in or
 * an already registered model; PSORSIM_ENOMEM when
 * PSORSIM_MODEL_MAX_REGISTERED models are registered; message in ctx (which
 * may be NULL). */
PSORSIM_EXPORT int psorsim_model_register(psorsim_ctx *ctx, const psorsim_model *m);

/* Remove m (the pointer that was registered) from the registry; the order
 * of the others is kept. Returns PSORSIM_OK; PSORSIM_EINVAL for NULL or a
 * built-in model; PSORSIM_ENOTFOUND when m is not registered. */
PSORSIM_EXPORT int psorsim_model_unregister(psorsim_ctx *ctx, const psorsim_model *m);

/* Index of a state, parameter or observable by name, or -1. */
PSORSIM_EXPORT int psorsim_model_state_index(const psorsim_model *m, const char *name);
PSORSIM_EXPORT int psorsim_model_param_index(const psorsim_model *m, const char *name);
PSORSIM_EXPORT int psorsim_model_obs_index(const psorsim_model *m, const char *name);

/* Copy the default parameter values of m into p (n_params entries). */
PSORSIM_EXPORT void psorsim_model_default_params(const psorsim_model *m, double *p);

/* Check that m is a usable model: a name, positive n_states, the tables its
 * counts call for, a right-hand side, unique names in each table, and
 * declarations (readouts, inputs, covariates, steady states) that name
 * existing entries, each role at most once. Returns PSORSIM_OK or
 * PSORSIM_EINVAL with the first problem in ctx (which may be NULL). */
PSORSIM_EXPORT int psorsim_model_validate(psorsim_ctx *ctx, const psorsim_model *m);

/* Index of the observable that carries a clinical readout, or -1 when m does
 * not declare it (or role is out of range). */
PSORSIM_EXPORT int psorsim_model_readout_index(const psorsim_model *m, psorsim_readout role);

/* Index of the parameter behind treatment input `name`, or -1 when m does not
 * declare such an input (a parameter of that name that is not a declared
 * input gives -1 too). When kind is not NULL and the input exists, *kind
 * receives how effects on it combine. */
PSORSIM_EXPORT int psorsim_model_input_index(const psorsim_model *m, const char *name,
                                             psorsim_input_kind *kind);

/* Index of the parameter that receives a patient covariate, or -1 when m
 * does not declare it. */
PSORSIM_EXPORT int psorsim_model_covariate_index(const psorsim_model *m, psorsim_covariate role);

/* Index of the steady state called `name`, or -1. */
PSORSIM_EXPORT int psorsim_model_steady_index(const psorsim_model *m, const char *name);

/* Steady state `which` of m for parameters p (n_params values; NULL: the
 * defaults) into y (n_states values) and, when obs is not NULL, its
 * observables into obs (n_obs values); all arrays are the caller's.
 * Returns PSORSIM_OK; PSORSIM_EINVAL when m, y is NULL, m declares no steady
 * states or `which` is out of range; PSORSIM_ENOMEM; or the model's failure
 * (PSORSIM_EMODEL when it has no such steady state), message in ctx. */
PSORSIM_EXPORT int psorsim_model_steady_state(psorsim_ctx *ctx, const psorsim_model *m,
                                              const double *p, int which, double *y, double *obs);

/* The baseline of an untreated patient with parameters p (NULL: defaults):
 * steady state m->baseline_steady into y0 (n_states values) and, when
 * readouts is not NULL, its clinical readouts by role into readouts
 * (PSORSIM_READOUT_COUNT values, indexed by psorsim_readout; NaN for a role m
 * does not declare). Returns as psorsim_model_steady_state. For the
 * psoriasis model this is the psoriatic steady state, with the numbers of
 * psorsim_psoriasis_steady_state(..., PSORSIM_PSORIASIS_PSORIATIC, ...). */
PSORSIM_EXPORT int psorsim_model_baseline(psorsim_ctx *ctx, const psorsim_model *m, const double *p,
                                          double *y0, double *readouts);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_MODEL_H */
