/* include/psorsim/model.h
 *
 * What a model is to psorsim: named states, parameters and observables with
 * units, and plain functions over flat arrays (right-hand side, optional
 * Jacobian, observables). The engine (engine.h) knows nothing else about a
 * model, so a hand-written model, one generated from SBML and one compiled
 * at run time all plug in the same way.
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
} psorsim_model;

/* Look up a built-in model by name ("pk1", "pk2", "psoriasis", ...). Returns a
 * borrowed pointer to a static table, or NULL if there is no such model. */
PSORSIM_EXPORT const psorsim_model *psorsim_model_find(const char *name);

/* Number of built-in models and the i-th one (0 <= i < count), for listings. */
PSORSIM_EXPORT int psorsim_model_count(void);
PSORSIM_EXPORT const psorsim_model *psorsim_model_at(int i);

/* Index of a state, parameter or observable by name, or -1. */
PSORSIM_EXPORT int psorsim_model_state_index(const psorsim_model *m, const char *name);
PSORSIM_EXPORT int psorsim_model_param_index(const psorsim_model *m, const char *name);
PSORSIM_EXPORT int psorsim_model_obs_index(const psorsim_model *m, const char *name);

/* Copy the default parameter values of m into p (n_params entries). */
PSORSIM_EXPORT void psorsim_model_default_params(const psorsim_model *m, double *p);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_MODEL_H */
