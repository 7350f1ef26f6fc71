/* include/psorsim/engine.h
 *
 * The ODE engine: integrates one model with SUNDIALS CVODE (BDF, Newton,
 * dense direct linear solver, or KLU when the model gives a sparse Jacobian),
 * stops exactly at discrete events (doses) and at root events (a state
 * crossing a threshold), and records states and observables at requested
 * output times.
 *
 * Built for populations: create one engine per thread and call
 * psorsim_engine_run once per virtual patient. A run allocates nothing when
 * its number of root events is the same as the previous run's; parameters,
 * initial state, events and the output buffer all belong to the caller.
 *
 * Time is in days throughout. Outputs at time t are right-continuous: they
 * show the state after every event scheduled at t (a dose at day 0 appears
 * in the day-0 output).
 */
#ifndef PSORSIM_ENGINE_H
#define PSORSIM_ENGINE_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/model.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct psorsim_engine psorsim_engine; /* opaque; src/engine/engine_impl.h */

/* What a discrete event does to its target. */
typedef enum {
  PSORSIM_EVENT_ADD_STATE, /* y[index] += value (a dose into a compartment) */
  PSORSIM_EVENT_SET_STATE, /* y[index]  = value */
  PSORSIM_EVENT_MUL_STATE, /* y[index] *= value (e.g. a fractional kill) */
  PSORSIM_EVENT_SET_PARAM, /* p[index]  = value (switch an input on or off) */
  PSORSIM_EVENT_SET_INPUT  /* p[index]  = value without a solver restart: for parameters that
                              describe a closed-form input whose change keeps every state
                              continuous (a dose into an analytic depot); the engine stops at
                              the event but keeps CVODE's step-size and order history */
} psorsim_event_kind;

/* A discrete event at a known time. */
typedef struct psorsim_event {
  double t_day;            /* when, in days; events at equal times apply in array order */
  psorsim_event_kind kind; /* what it does */
  int index;               /* state or parameter index in the model */
  double value;            /* amount, in the unit of the target */
} psorsim_event;

/* A root event: fires when y[state] crosses `threshold` in `direction`
 * (+1 rising, -1 falling, 0 either) and then applies `action` (whose t_day
 * is ignored). With `stop` set, the run ends there instead. */
typedef struct psorsim_root_event {
  int state;            /* state index watched */
  double threshold;     /* in the unit of that state */
  int direction;        /* +1, -1 or 0 */
  int has_action;       /* 0: only record the crossing */
  psorsim_event action; /* applied at the crossing when has_action */
  int stop;             /* 1: end the run at the crossing */
} psorsim_root_event;

/* One crossing found during a run. */
typedef struct psorsim_root_hit {
  double t_day; /* crossing time, days */
  int which;    /* index into psorsim_run.roots */
} psorsim_root_hit;

/* Solver statistics of one run (summed over the segments between events). */
typedef struct psorsim_solver_stats {
  long steps;             /* internal CVODE steps */
  long rhs_evals;         /* right-hand-side evaluations (incl. difference quotients) */
  long jac_evals;         /* Jacobian evaluations */
  long lin_setups;        /* linear solver setups */
  long err_test_fails;    /* local error test failures */
  long nonlin_iters;      /* Newton iterations */
  long nonlin_conv_fails; /* Newton convergence failures */
  long events_applied;    /* discrete events applied */
  long roots_found;       /* root events that fired */
  long reinits;           /* CVodeReInit calls (one per discontinuity; SET_INPUT events and
                             events that change nothing need none) */
} psorsim_solver_stats;

/* Everything one run needs. All arrays are borrowed for the call only. */
typedef struct psorsim_run {
  const double *params;            /* n_params values; NULL: the model's defaults */
  const double *y0;                /* n_states values; NULL: model init or state defaults */
  double t0;                       /* start time, days */
  const double *t_out;             /* n_out output times, ascending, each >= t0 */
  int n_out;                       /* may be 0 */
  const psorsim_event *events;     /* n_events, ascending in t_day, each >= t0 */
  int n_events;                    /* events after the last output time are not applied */
  const psorsim_root_event *roots; /* n_roots threshold events */
  int n_roots;
  double *out;            /* n_out rows of (n_states + n_obs) values, row-major;
                             rows after a stopping root are NaN. May be NULL. */
  psorsim_root_hit *hits; /* capacity hits_cap; may be NULL */
  int hits_cap;
  int n_hits;   /* set by the run: crossings recorded (<= hits_cap) */
  double t_end; /* set by the run: time reached, days */
} psorsim_run;

/* Create an engine for model m (borrowed: it must outlive the engine).
 * Allocates the CVODE workspace, vectors, matrix and linear solver once.
 * Returns PSORSIM_OK, PSORSIM_EINVAL (bad model description) or
 * PSORSIM_ENOMEM; on failure *out is NULL. */
PSORSIM_EXPORT int psorsim_engine_create(psorsim_ctx *ctx, const psorsim_model *m,
                                         psorsim_engine **out);

/* Release the engine and set *eng to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_engine_free(psorsim_engine **eng);

/* Relative and absolute tolerances (defaults 1e-6 and 1e-9). PSORSIM_EINVAL
 * unless 0 < rtol < 1 and atol > 0. */
PSORSIM_EXPORT int psorsim_engine_set_tolerances(psorsim_engine *eng, double rtol, double atol);

/* Maximum internal steps between two stops (default 100000). */
PSORSIM_EXPORT int psorsim_engine_set_max_steps(psorsim_engine *eng, long max_steps);

/* Largest internal step in days (0, the default, means no limit). */
PSORSIM_EXPORT int psorsim_engine_set_max_step(psorsim_engine *eng, double max_step_day);

/* Use the sparse KLU linear solver (requires m->jac_sparse); 0 selects the
 * dense solver. The default is KLU when the model has a sparse Jacobian and
 * at least 64 states. */
PSORSIM_EXPORT int psorsim_engine_use_sparse(psorsim_engine *eng, int on);

/* Whether the engine currently uses KLU. */
PSORSIM_EXPORT int psorsim_engine_is_sparse(const psorsim_engine *eng);

/* Integrate one run. Returns PSORSIM_OK; PSORSIM_EINVAL for inconsistent
 * inputs (unsorted times, an event index out of range, ...); PSORSIM_ESOLVER
 * when CVODE fails (the message names the CVODE flag and the time); or
 * PSORSIM_EMODEL when a model callback fails. After a failure, rows not
 * reached are NaN and the engine can be used for the next run. */
PSORSIM_EXPORT int psorsim_engine_run(psorsim_engine *eng, psorsim_run *run);

/* Statistics of the last run (borrowed; valid until the next run). */
PSORSIM_EXPORT const psorsim_solver_stats *psorsim_engine_stats(const psorsim_engine *eng);

/* The model the engine integrates (borrowed). */
PSORSIM_EXPORT const psorsim_model *psorsim_engine_model(const psorsim_engine *eng);

/* Parameter vector in effect at the end of the last run (after SET_PARAM
 * events), n_params entries, borrowed until the next run. */
PSORSIM_EXPORT const double *psorsim_engine_params(const psorsim_engine *eng);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_ENGINE_H */
