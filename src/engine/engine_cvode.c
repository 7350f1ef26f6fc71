/* src/engine/engine_cvode.c
 *
 * The engine on SUNDIALS CVODE: BDF with Newton iteration and a dense direct
 * linear solver, or KLU for large sparse Jacobians. With engine_kernels.c
 * it is the only file that includes SUNDIALS headers; CVODE return flags
 * become PSORSIM_ESOLVER here, with the flag name and CVODE's own message.
 *
 * A run integrates from t0 to the last output time. CVODE's stop time is
 * set to the next discrete event (or the end), so it never steps across a
 * discontinuity; outputs in between are interpolated by CVODE (CV_NORMAL
 * with tout), so they cost no extra steps. Only discontinuities (events,
 * root actions that change a state or parameter) trigger a CVodeReInit,
 * which restarts CVODE at order 1 with a small step (~15 steps to get back
 * up); SET_INPUT events (closed-form doses) and events that change nothing
 * do not, and CVODE keeps its step-size and order history across them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "common/context_impl.h"
#include "engine_impl.h"

_Static_assert(sizeof(sunrealtype) == sizeof(double), "SUNDIALS must use double precision");

/* SUNDIALS 6 and 7 (Debian 12 and 13). Version 7 reports errors through
 * handlers pushed on the context (CVodeSetErrHandlerFn is gone) and takes a
 * communicator in SUNContext_Create; Debian 13's build also indexes sparse
 * matrices with 32 bits, while models write 64-bit indices (model.h), so
 * there the engine copies them (PSR_SUN_INDEX32). */
#if SUNDIALS_VERSION_MAJOR >= 7
#define PSR_SUN_CONTEXT_CREATE(ctxp) SUNContext_Create(SUN_COMM_NULL, (ctxp))
#else
#define PSR_SUN_CONTEXT_CREATE(ctxp) SUNContext_Create(NULL, (ctxp))
#endif
#if defined(SUNDIALS_INT32_T)
#define PSR_SUN_INDEX32 1
_Static_assert(sizeof(sunindextype) == sizeof(int32_t), "SUNDIALS_INT32_T with other indices");
#else
#define PSR_SUN_INDEX32 0
_Static_assert(sizeof(sunindextype) == sizeof(int64_t), "SUNDIALS must use 32- or 64-bit indices");
#endif

#define SPARSE_DEFAULT_MIN_STATES 64

/* ---- callbacks handed to CVODE ---- */

static int cv_rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user_data)
{
  psorsim_engine *eng = user_data;
  int rc = eng->model->rhs(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot), eng->p, eng->work);
  if (rc < 0 && eng->cb_status == PSORSIM_OK) eng->cb_status = PSORSIM_EMODEL;
  return rc;
}

static int cv_jac_dense(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user_data,
                        N_Vector tmp1, N_Vector tmp2, N_Vector tmp3)
{
  psorsim_engine *eng = user_data;
  int rc;
  SUNMatZero(J);
  rc = eng->model->jac(t, N_VGetArrayPointer(y), SUNDenseMatrix_Data(J), eng->p, eng->work);
  if (rc < 0 && eng->cb_status == PSORSIM_OK) eng->cb_status = PSORSIM_EMODEL;
  return rc;
}

static int cv_jac_sparse(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user_data,
                         N_Vector tmp1, N_Vector tmp2, N_Vector tmp3)
{
  psorsim_engine *eng = user_data;
  int rc;
  SUNMatZero(J);
#if PSR_SUN_INDEX32
  {
    /* The model writes 64-bit indices into the engine's arrays; copy them. */
    sunindextype *colptr = SUNSparseMatrix_IndexPointers(J),
                 *rowind = SUNSparseMatrix_IndexValues(J);
    const size_t ncol = (size_t)eng->n + 1, nnz = (size_t)eng->model->jac_nnz;
    memset(eng->jac_colptr, 0, ncol * sizeof(int64_t));
    memset(eng->jac_rowind, 0, nnz * sizeof(int64_t));
    rc = eng->model->jac_sparse(t, N_VGetArrayPointer(y), eng->jac_colptr, eng->jac_rowind,
                                SUNSparseMatrix_Data(J), eng->p, eng->work);
    for (size_t i = 0; i < ncol; i++)
      colptr[i] = (sunindextype)eng->jac_colptr[i];
    for (size_t i = 0; i < nnz; i++)
      rowind[i] = (sunindextype)eng->jac_rowind[i];
  }
#else
  rc = eng->model->jac_sparse(t, N_VGetArrayPointer(y), SUNSparseMatrix_IndexPointers(J),
                              SUNSparseMatrix_IndexValues(J), SUNSparseMatrix_Data(J), eng->p,
                              eng->work);
#endif
  if (rc < 0 && eng->cb_status == PSORSIM_OK) eng->cb_status = PSORSIM_EMODEL;
  return rc;
}

static int cv_roots(sunrealtype t, N_Vector y, sunrealtype *gout, void *user_data)
{
  const psorsim_engine *eng = user_data;
  const double *yy = N_VGetArrayPointer(y);
  for (int i = 0; i < eng->run->n_roots; i++) {
    gout[i] = yy[eng->run->roots[i].state] - eng->run->roots[i].threshold;
  }
  return 0;
}

/* CVODE reports failures here instead of printing them. */
#if SUNDIALS_VERSION_MAJOR >= 7
static void cv_error_handler(int line, const char *function, const char *file, const char *msg,
                             SUNErrCode code, void *user_data, SUNContext sunctx)
#else
static void cv_error_handler(int error_code, const char *module, const char *function, char *msg,
                             void *user_data)
#endif
{
  psorsim_engine *eng = user_data;
  snprintf(eng->cvode_msg, sizeof(eng->cvode_msg), "%s: %s", function, msg);
}

/* Route CVODE's error messages to cv_error_handler: per CVODE object in
 * SUNDIALS 6, per context (replacing the default, which prints) in 7. */
static int set_error_handler(psorsim_engine *eng)
{
#if SUNDIALS_VERSION_MAJOR >= 7
  if (SUNContext_ClearErrHandlers(eng->sunctx) != SUN_SUCCESS) return -1;
  return SUNContext_PushErrHandler(eng->sunctx, cv_error_handler, eng) == SUN_SUCCESS ? 0 : -1;
#else
  CVodeSetErrHandlerFn(eng->cvode_mem, cv_error_handler, eng);
  return 0;
#endif
}

/* Translate a CVODE flag into a psorsim status with a message. */
static int cvode_failure(psorsim_engine *eng, int flag, const char *what, double t)
{
  char *name = CVodeGetReturnFlagName(flag); /* malloc'd by CVODE */
  int rc =
      psr_error_set(eng->ctx, PSORSIM_ESOLVER, __FILE__, __LINE__, __func__,
                    "%s failed at t = %.9g days with %s%s%s", what, t,
                    name ? name : "an unknown flag", eng->cvode_msg[0] ? ": " : "", eng->cvode_msg);
  free(name);
  return rc;
}

/* ---- construction ---- */

/* (Re)build the matrix and linear solver, dense or sparse, and attach them. */
static int attach_linear_solver(psorsim_engine *eng, int sparse)
{
  const psorsim_model *m = eng->model;
  SUNContext sunctx = eng->sunctx;
  int flag;

  if (eng->LS != NULL) SUNLinSolFree(eng->LS);
  if (eng->A != NULL) SUNMatDestroy(eng->A);
  eng->LS = NULL;
  eng->A = NULL;
#if PSR_SUN_INDEX32
  if (sparse && eng->jac_colptr == NULL) {
    eng->jac_colptr = psr_calloc(eng->ctx, (size_t)eng->n + 1, sizeof(int64_t));
    eng->jac_rowind = psr_calloc(eng->ctx, (size_t)m->jac_nnz, sizeof(int64_t));
    if (eng->jac_colptr == NULL || eng->jac_rowind == NULL) {
      psr_free(eng->ctx, eng->jac_colptr);
      psr_free(eng->ctx, eng->jac_rowind);
      eng->jac_colptr = eng->jac_rowind = NULL;
      PSR_FAIL(eng->ctx, PSORSIM_ENOMEM, "allocating the sparse Jacobian's indices");
    }
  }
#endif
  if (sparse) {
    eng->A = SUNSparseMatrix(eng->n, eng->n, m->jac_nnz, CSC_MAT, sunctx);
    if (eng->A != NULL) psr_engine_fast_sparse(eng->A);
    if (eng->A != NULL) eng->LS = SUNLinSol_KLU(eng->y, eng->A, sunctx);
    if (eng->LS != NULL) psr_engine_fast_klu(eng->LS);
  } else {
    eng->A = SUNDenseMatrix(eng->n, eng->n, sunctx);
    if (eng->A != NULL) eng->LS = SUNLinSol_Dense(eng->y, eng->A, sunctx);
  }
  if (eng->A == NULL || eng->LS == NULL)
    PSR_FAIL(eng->ctx, PSORSIM_ENOMEM, "allocating the linear solver");
  flag = CVodeSetLinearSolver(eng->cvode_mem, eng->LS, eng->A);
  if (flag != CVLS_SUCCESS) return cvode_failure(eng, flag, "CVodeSetLinearSolver", 0.0);
  if (sparse) {
    flag = CVodeSetJacFn(eng->cvode_mem, cv_jac_sparse);
  } else {
    flag = CVodeSetJacFn(eng->cvode_mem, m->jac != NULL ? cv_jac_dense : NULL);
  }
  if (flag != CVLS_SUCCESS) return cvode_failure(eng, flag, "CVodeSetJacFn", 0.0);
  eng->sparse = sparse;
  return PSORSIM_OK;
}

static int check_model(psorsim_ctx *ctx, const psorsim_model *m)
{
  PSR_CHECK(ctx, m != NULL, PSORSIM_EINVAL, "model is NULL");
  PSR_CHECK(ctx, m->n_states > 0, PSORSIM_EINVAL, "model '%s' has %d states", m->name, m->n_states);
  PSR_CHECK(ctx, m->n_params >= 0 && m->n_obs >= 0, PSORSIM_EINVAL,
            "model '%s' has a negative parameter or observable count", m->name);
  PSR_CHECK(ctx, m->rhs != NULL, PSORSIM_EINVAL, "model '%s' has no right-hand side", m->name);
  PSR_CHECK(ctx, m->states != NULL, PSORSIM_EINVAL, "model '%s' has no state table", m->name);
  PSR_CHECK(ctx, m->n_params == 0 || m->params != NULL, PSORSIM_EINVAL,
            "model '%s' has no parameter table", m->name);
  PSR_CHECK(ctx, m->n_obs == 0 || (m->obs != NULL && m->observe != NULL), PSORSIM_EINVAL,
            "model '%s' declares observables without an observe function", m->name);
  PSR_CHECK(ctx, m->jac_sparse == NULL || m->jac_nnz > 0, PSORSIM_EINVAL,
            "model '%s' has a sparse Jacobian without a nonzero count", m->name);
  return PSORSIM_OK;
}

int psorsim_engine_create(psorsim_ctx *ctx, const psorsim_model *m, psorsim_engine **out)
{
  psorsim_engine *eng = NULL;
  SUNContext sunctx = NULL;
  int flag, rc;

  PSR_CHECK(ctx, out != NULL, PSORSIM_EINVAL, "out is NULL");
  *out = NULL;
  PSR_TRY(check_model(ctx, m));

  eng = psr_calloc(ctx, 1, sizeof(*eng));
  if (eng == NULL) goto nomem;
  eng->ctx = ctx;
  eng->model = m;
  eng->n = m->n_states;
  eng->rtol = 1e-6;
  eng->atol = 1e-9;
  eng->p = psr_calloc(ctx, (size_t)(m->n_params > 0 ? m->n_params : 1), sizeof(double));
  if (eng->p == NULL) goto nomem;
  psorsim_model_default_params(m, eng->p);
  if (m->work_size > 0) {
    eng->work = psr_calloc(ctx, 1, m->work_size);
    if (eng->work == NULL) goto nomem;
  }
  if (m->work_init != NULL && (rc = m->work_init(eng->work, m)) != 0) {
    psorsim_engine_free(&eng);
    PSR_FAIL(ctx, PSORSIM_EMODEL, "model '%s': work_init failed (code %d)", m->name, rc);
  }

  if (PSR_SUN_CONTEXT_CREATE(&sunctx) != 0) goto nomem;
  eng->sunctx = sunctx;
  eng->y = N_VNew_Serial(eng->n, sunctx);
  if (eng->y == NULL) goto nomem;
  psr_engine_fast_nvector(eng->y); /* CVODE's clones of y inherit the kernels */
  N_VConst(0.0, eng->y);
  eng->cvode_mem = CVodeCreate(CV_BDF, sunctx);
  if (eng->cvode_mem == NULL) goto nomem;
  if (set_error_handler(eng) != 0) goto nomem;
  flag = CVodeInit(eng->cvode_mem, cv_rhs, 0.0, eng->y);
  if (flag != CV_SUCCESS) {
    rc = cvode_failure(eng, flag, "CVodeInit", 0.0);
    psorsim_engine_free(&eng);
    return rc;
  }
  CVodeSetUserData(eng->cvode_mem, eng);
  CVodeSStolerances(eng->cvode_mem, eng->rtol, eng->atol);
  CVodeSetMaxNumSteps(eng->cvode_mem, 100000);
  rc = attach_linear_solver(eng, m->jac_sparse != NULL && m->n_states >= SPARSE_DEFAULT_MIN_STATES);
  if (rc != PSORSIM_OK) {
    psorsim_engine_free(&eng);
    return rc;
  }
  *out = eng;
  return PSORSIM_OK;

nomem:
  psorsim_engine_free(&eng);
  PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the engine for model '%s'", m->name);
}

void psorsim_engine_free(psorsim_engine **engp)
{
  psorsim_engine *eng;
  if (engp == NULL || *engp == NULL) return;
  eng = *engp;
  if (eng->cvode_mem != NULL) CVodeFree(&eng->cvode_mem);
  if (eng->LS != NULL) SUNLinSolFree(eng->LS);
  if (eng->A != NULL) SUNMatDestroy(eng->A);
  if (eng->y != NULL) N_VDestroy(eng->y);
  if (eng->sunctx != NULL) {
    SUNContext sunctx = eng->sunctx;
    SUNContext_Free(&sunctx);
  }
  psr_free(eng->ctx, eng->rootdir);
  psr_free(eng->ctx, eng->rootsfound);
  psr_free(eng->ctx, eng->work);
  psr_free(eng->ctx, eng->p);
  psr_free(eng->ctx, eng->jac_colptr);
  psr_free(eng->ctx, eng->jac_rowind);
  psr_free(eng->ctx, eng);
  *engp = NULL;
}

int psorsim_engine_set_tolerances(psorsim_engine *eng, double rtol, double atol)
{
  if (eng == NULL) return PSORSIM_EINVAL;
  PSR_CHECK(eng->ctx, rtol > 0.0 && rtol < 1.0, PSORSIM_EINVAL,
            "relative tolerance must be in (0, 1), got %g", rtol);
  PSR_CHECK(eng->ctx, atol > 0.0, PSORSIM_EINVAL, "absolute tolerance must be > 0, got %g", atol);
  eng->rtol = rtol;
  eng->atol = atol;
  CVodeSStolerances(eng->cvode_mem, rtol, atol);
  return PSORSIM_OK;
}

int psorsim_engine_set_max_steps(psorsim_engine *eng, long max_steps)
{
  if (eng == NULL) return PSORSIM_EINVAL;
  PSR_CHECK(eng->ctx, max_steps > 0, PSORSIM_EINVAL, "max steps must be > 0, got %ld", max_steps);
  CVodeSetMaxNumSteps(eng->cvode_mem, max_steps);
  return PSORSIM_OK;
}

int psorsim_engine_set_max_step(psorsim_engine *eng, double max_step_day)
{
  if (eng == NULL) return PSORSIM_EINVAL;
  PSR_CHECK(eng->ctx, max_step_day >= 0.0, PSORSIM_EINVAL, "max step must be >= 0, got %g",
            max_step_day);
  CVodeSetMaxStep(eng->cvode_mem, max_step_day);
  return PSORSIM_OK;
}

int psorsim_engine_use_sparse(psorsim_engine *eng, int on)
{
  if (eng == NULL) return PSORSIM_EINVAL;
  PSR_CHECK(eng->ctx, !on || eng->model->jac_sparse != NULL, PSORSIM_EINVAL,
            "model '%s' has no sparse Jacobian, so KLU cannot be used", eng->model->name);
  if ((on != 0) == eng->sparse) return PSORSIM_OK;
  return attach_linear_solver(eng, on != 0);
}

int psorsim_engine_is_sparse(const psorsim_engine *eng)
{
  return eng != NULL && eng->sparse;
}

const psorsim_solver_stats *psorsim_engine_stats(const psorsim_engine *eng)
{
  return eng == NULL ? NULL : &eng->stats;
}

const psorsim_model *psorsim_engine_model(const psorsim_engine *eng)
{
  return eng == NULL ? NULL : eng->model;
}

const double *psorsim_engine_params(const psorsim_engine *eng)
{
  return eng == NULL ? NULL : eng->p;
}

/* ---- running ---- */

/* Add CVODE's counters (reset by every CVodeReInit) to the run's totals. */
static void accumulate_stats(psorsim_engine *eng)
{
  long v;
  void *mem = eng->cvode_mem;
  if (CVodeGetNumSteps(mem, &v) == CV_SUCCESS) eng->stats.steps += v;
  if (CVodeGetNumRhsEvals(mem, &v) == CV_SUCCESS) eng->stats.rhs_evals += v;
  if (CVodeGetNumLinRhsEvals(mem, &v) == CV_SUCCESS) eng->stats.rhs_evals += v;
  if (CVodeGetNumJacEvals(mem, &v) == CV_SUCCESS) eng->stats.jac_evals += v;
  if (CVodeGetNumLinSolvSetups(mem, &v) == CV_SUCCESS) eng->stats.lin_setups += v;
  if (CVodeGetNumErrTestFails(mem, &v) == CV_SUCCESS) eng->stats.err_test_fails += v;
  if (CVodeGetNumNonlinSolvIters(mem, &v) == CV_SUCCESS) eng->stats.nonlin_iters += v;
  if (CVodeGetNumNonlinSolvConvFails(mem, &v) == CV_SUCCESS) eng->stats.nonlin_conv_fails += v;
}

static int validate_run(psorsim_engine *eng, const psorsim_run *run)
{
  const psorsim_model *m = eng->model;
  psorsim_ctx *ctx = eng->ctx;

  PSR_CHECK(ctx, run != NULL, PSORSIM_EINVAL, "run is NULL");
  PSR_CHECK(ctx, isfinite(run->t0), PSORSIM_EINVAL, "start time is not finite");
  PSR_CHECK(ctx, run->n_out >= 0 && (run->n_out == 0 || run->t_out != NULL), PSORSIM_EINVAL,
            "%d output times but no array", run->n_out);
  for (int i = 0; i < run->n_out; i++) {
    PSR_CHECK(ctx, isfinite(run->t_out[i]) && run->t_out[i] >= run->t0, PSORSIM_EINVAL,
              "output time %d (%g days) is before the start time %g", i, run->t_out[i], run->t0);
    PSR_CHECK(ctx, i == 0 || run->t_out[i] >= run->t_out[i - 1], PSORSIM_EINVAL,
              "output times are not ascending at index %d (%g after %g)", i, run->t_out[i],
              run->t_out[i - 1]);
  }
  PSR_CHECK(ctx, run->n_events >= 0 && (run->n_events == 0 || run->events != NULL), PSORSIM_EINVAL,
            "%d events but no array", run->n_events);
  for (int i = 0; i < run->n_events; i++) {
    const psorsim_event *e = &run->events[i];
    const int on_param = e->kind == PSORSIM_EVENT_SET_PARAM || e->kind == PSORSIM_EVENT_SET_INPUT;
    int limit = on_param ? m->n_params : m->n_states;
    PSR_CHECK(ctx, isfinite(e->t_day) && e->t_day >= run->t0, PSORSIM_EINVAL,
              "event %d at %g days is before the start time %g", i, e->t_day, run->t0);
    PSR_CHECK(ctx, i == 0 || e->t_day >= run->events[i - 1].t_day, PSORSIM_EINVAL,
              "events are not in time order at index %d", i);
    PSR_CHECK(ctx, e->index >= 0 && e->index < limit, PSORSIM_EINVAL,
              "event %d targets index %d, model '%s' has %d", i, e->index, m->name, limit);
    PSR_CHECK(ctx, isfinite(e->value), PSORSIM_EINVAL, "event %d has a non-finite value", i);
  }
  PSR_CHECK(ctx, run->n_roots >= 0 && (run->n_roots == 0 || run->roots != NULL), PSORSIM_EINVAL,
            "%d root events but no array", run->n_roots);
  for (int i = 0; i < run->n_roots; i++) {
    const psorsim_root_event *r = &run->roots[i];
    PSR_CHECK(ctx, r->state >= 0 && r->state < m->n_states, PSORSIM_EINVAL,
              "root event %d watches state %d, model '%s' has %d", i, r->state, m->name,
              m->n_states);
    PSR_CHECK(ctx, r->direction >= -1 && r->direction <= 1, PSORSIM_EINVAL,
              "root event %d has direction %d (expected -1, 0 or 1)", i, r->direction);
    if (r->has_action) {
      const int on_param =
          r->action.kind == PSORSIM_EVENT_SET_PARAM || r->action.kind == PSORSIM_EVENT_SET_INPUT;
      int limit = on_param ? m->n_params : m->n_states;
      PSR_CHECK(ctx, r->action.index >= 0 && r->action.index < limit, PSORSIM_EINVAL,
                "root event %d acts on index %d, model '%s' has %d", i, r->action.index, m->name,
                limit);
    }
  }
  return PSORSIM_OK;
}

/* Register the run's root functions with CVODE (allocates only when the count changes). */
static int setup_roots(psorsim_engine *eng, const psorsim_run *run)
{
  int flag;
  if (run->n_roots > eng->roots_cap) {
    int *dir = psr_calloc(eng->ctx, (size_t)run->n_roots, sizeof(int));
    int *found = psr_calloc(eng->ctx, (size_t)run->n_roots, sizeof(int));
    if (dir == NULL || found == NULL) {
      psr_free(eng->ctx, dir);
      psr_free(eng->ctx, found);
      PSR_FAIL(eng->ctx, PSORSIM_ENOMEM, "allocating %d root events", run->n_roots);
    }
    psr_free(eng->ctx, eng->rootdir);
    psr_free(eng->ctx, eng->rootsfound);
    eng->rootdir = dir;
    eng->rootsfound = found;
    eng->roots_cap = run->n_roots;
  }
  if (run->n_roots != eng->n_roots_set) {
    flag = CVodeRootInit(eng->cvode_mem, run->n_roots, run->n_roots > 0 ? cv_roots : NULL);
    if (flag != CV_SUCCESS) return cvode_failure(eng, flag, "CVodeRootInit", run->t0);
    eng->n_roots_set = run->n_roots;
  }
  if (run->n_roots > 0) {
    for (int i = 0; i < run->n_roots; i++)
      eng->rootdir[i] = run->roots[i].direction;
    CVodeSetRootDirection(eng->cvode_mem, eng->rootdir);
  }
  return PSORSIM_OK;
}

/* Apply an event; returns whether the solver must restart: it changed a
 * state or a parameter (SET_INPUT never needs one; an event that leaves its
 * target as it was, such as switching off an input that is off, neither). */
static int apply_event(psorsim_engine *eng, double *y, const psorsim_event *e)
{
  double *target = e->kind == PSORSIM_EVENT_SET_PARAM || e->kind == PSORSIM_EVENT_SET_INPUT
                       ? &eng->p[e->index]
                       : &y[e->index];
  const double before = *target;
  switch (e->kind) {
  case PSORSIM_EVENT_ADD_STATE:
    *target += e->value;
    break;
  case PSORSIM_EVENT_MUL_STATE:
    *target *= e->value;
    break;
  case PSORSIM_EVENT_SET_STATE:
  case PSORSIM_EVENT_SET_PARAM:
  case PSORSIM_EVENT_SET_INPUT:
    *target = e->value;
    break;
  }
  eng->stats.events_applied++;
  return e->kind != PSORSIM_EVENT_SET_INPUT && *target != before;
}

/* Write output row i (states then observables). */
static int record(psorsim_engine *eng, psorsim_run *run, int i, double t, const double *y)
{
  const psorsim_model *m = eng->model;
  double *row;
  int rc;
  if (run->out == NULL) return PSORSIM_OK;
  row = run->out + (size_t)i * (size_t)(m->n_states + m->n_obs);
  memcpy(row, y, (size_t)m->n_states * sizeof(double));
  if (m->report_states != NULL) {
    rc = m->report_states(t, row, eng->p, eng->work);
    PSR_CHECK(eng->ctx, rc == 0, PSORSIM_EMODEL,
              "model '%s': reported states failed at t = %g days (code %d)", m->name, t, rc);
  }
  if (m->n_obs > 0) {
    rc = m->observe(t, y, eng->p, row + m->n_states, eng->work);
    PSR_CHECK(eng->ctx, rc == 0, PSORSIM_EMODEL,
              "model '%s': observables failed at t = %g days (code %d)", m->name, t, rc);
  }
  return PSORSIM_OK;
}

static void fill_nan(const psorsim_engine *eng, psorsim_run *run, int from)
{
  const size_t width = (size_t)(eng->model->n_states + eng->model->n_obs);
  if (run->out == NULL) return;
  for (size_t k = (size_t)from * width; k < (size_t)run->n_out * width; k++)
    run->out[k] = NAN;
}

/* Restart CVODE at (t, y) after a discontinuity. */
static int reinit(psorsim_engine *eng, double t, int count_stats)
{
  int flag;
  if (count_stats) {
    accumulate_stats(eng);
    eng->stats.reinits++;
  }
  flag = CVodeReInit(eng->cvode_mem, t, eng->y);
  if (flag != CV_SUCCESS) return cvode_failure(eng, flag, "CVodeReInit", t);
  return PSORSIM_OK;
}

/* The integration loop proper; *next_out tells the caller where to fill NaN. */
static int integrate(psorsim_engine *eng, psorsim_run *run, int *next_out)
{
  const psorsim_model *m = eng->model;
  double *y = N_VGetArrayPointer(eng->y);
  double t = run->t0;
  int ev = 0, out = 0, flag;
  /* Events at t0 act before the first output; then CVODE starts from there. */
  while (ev < run->n_events && run->events[ev].t_day <= t)
    (void)apply_event(eng, y, &run->events[ev++]);
  PSR_TRY(reinit(eng, t, 0));
  PSR_TRY(setup_roots(eng, run));

  while (out < run->n_out) {
    double t_event = ev < run->n_events ? run->events[ev].t_day : INFINITY;
    double t_target = fmin(run->t_out[out], t_event);
    double tret = t;

    if (t_target > t) {
      /* Stop exactly only at discontinuities and at the end; outputs in
       * between are interpolated by CVODE, so they do not cut its steps. */
      CVodeSetStopTime(eng->cvode_mem, fmin(t_event, run->t_out[run->n_out - 1]));
      eng->cvode_msg[0] = '\0';
      eng->cb_status = PSORSIM_OK;
      flag = CVode(eng->cvode_mem, t_target, eng->y, &tret, CV_NORMAL);
      if (flag == CV_ROOT_RETURN) {
        int stop = 0, changed = 0;
        t = tret;
        CVodeGetRootInfo(eng->cvode_mem, eng->rootsfound);
        for (int i = 0; i < run->n_roots; i++) {
          if (eng->rootsfound[i] == 0) continue;
          eng->stats.roots_found++;
          if (run->hits != NULL && run->n_hits < run->hits_cap) {
            run->hits[run->n_hits].t_day = t;
            run->hits[run->n_hits].which = i;
          }
          if (run->hits != NULL && run->n_hits < run->hits_cap) run->n_hits++;
          if (run->roots[i].has_action) changed |= apply_event(eng, y, &run->roots[i].action);
          if (run->roots[i].stop) stop = 1;
        }
        if (stop) {
          run->t_end = t;
          /* outputs at exactly the stopping time still get the state */
          while (out < run->n_out && run->t_out[out] <= t)
            PSR_TRY(record(eng, run, out++, t, y));
          *next_out = out;
          return PSORSIM_OK;
        }
        if (changed) PSR_TRY(reinit(eng, t, 1));
        continue;
      }
      if (flag < 0) {
        *next_out = out;
        if (eng->cb_status != PSORSIM_OK) {
          PSR_FAIL(eng->ctx, eng->cb_status, "model '%s' failed in a callback at t = %.9g days",
                   m->name, tret);
        }
        return cvode_failure(eng, flag, "CVode", tret);
      }
      t = t_target; /* reached exactly (stop time) or by interpolation (output time) */
    }
    if (ev < run->n_events && run->events[ev].t_day <= t) {
      int restart = 0;
      while (ev < run->n_events && run->events[ev].t_day <= t)
        restart |= apply_event(eng, y, &run->events[ev++]);
      if (restart) PSR_TRY(reinit(eng, t, 1));
    }
    while (out < run->n_out && run->t_out[out] <= t) {
      *next_out = out;
      PSR_TRY(record(eng, run, out, t, y));
      out++;
    }
  }
  *next_out = out;
  run->t_end = t;
  return PSORSIM_OK;
}

int psorsim_engine_run(psorsim_engine *eng, psorsim_run *run)
{
  const psorsim_model *m;
  double *y;
  int rc, next_out = 0;

  if (eng == NULL) return PSORSIM_EINVAL;
  m = eng->model;
  memset(&eng->stats, 0, sizeof(eng->stats));
  if (run != NULL) {
    run->n_hits = 0;
    run->t_end = run->t0;
  }
  PSR_TRY(validate_run(eng, run));
  eng->run = run;

  if (run->params != NULL) {
    memcpy(eng->p, run->params, (size_t)m->n_params * sizeof(double));
  } else {
    psorsim_model_default_params(m, eng->p);
  }
  for (int i = 0; i < m->n_params; i++) {
    PSR_CHECK(eng->ctx, isfinite(eng->p[i]), PSORSIM_EINVAL, "parameter '%s' is not finite",
              m->params[i].name);
  }
  if (m->setup != NULL) {
    rc = m->setup(eng->work, eng->p);
    PSR_CHECK(eng->ctx, rc == 0, PSORSIM_EMODEL, "model '%s': setup failed (code %d)", m->name, rc);
  }
  y = N_VGetArrayPointer(eng->y);
  if (run->y0 != NULL) {
    memcpy(y, run->y0, (size_t)eng->n * sizeof(double));
  } else if (m->init != NULL) {
    rc = m->init(run->t0, y, eng->p, eng->work);
    PSR_CHECK(eng->ctx, rc == 0, PSORSIM_EMODEL, "model '%s': initial state failed (code %d)",
              m->name, rc);
  } else {
    for (int i = 0; i < eng->n; i++)
      y[i] = m->states[i].value;
  }
  for (int i = 0; i < eng->n; i++) {
    PSR_CHECK(eng->ctx, isfinite(y[i]), PSORSIM_EINVAL, "initial value of state '%s' is not finite",
              m->states[i].name);
  }

  rc = integrate(eng, run, &next_out);
  accumulate_stats(eng);
  eng->run = NULL;
  if (rc != PSORSIM_OK)
    fill_nan(eng, run, next_out);
  else if (next_out < run->n_out)
    fill_nan(eng, run, next_out);
  return rc;
}
