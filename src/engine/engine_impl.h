/* src/engine/engine_impl.h
 *
 * Private definition of the engine. Only engine_cvode.c includes SUNDIALS;
 * this header keeps its types opaque so tests can include it without CVODE.
 */
#ifndef PSR_ENGINE_IMPL_H
#define PSR_ENGINE_IMPL_H

#include <stdint.h>

#include <psorsim/engine.h>

#define PSR_CVODE_MSG_MAX 512

struct psorsim_engine {
  psorsim_ctx *ctx;                  /* borrowed: outlives the engine */
  const psorsim_model *model;        /* borrowed */
  int n;                             /* number of states */
  void *sunctx;                      /* SUNContext, one per engine (so one per thread) */
  void *cvode_mem;                   /* CVODE workspace, created once */
  void *y;                           /* N_Vector of n states */
  void *A;                           /* SUNMatrix: dense or sparse CSC */
  void *LS;                          /* SUNLinearSolver: dense or KLU */
  int sparse;                        /* 1 when A/LS are KLU */
  double rtol, atol;                 /* tolerances */
  double *p;                         /* n_params: parameters in effect during the run */
  void *work;                        /* model scratch, work_size bytes */
  int n_roots_set;                   /* roots registered with CVodeRootInit */
  int roots_cap;                     /* capacity of rootdir/rootsfound */
  int *rootdir;                      /* directions for CVodeSetRootDirection */
  int *rootsfound;                   /* CVodeGetRootInfo output */
  const psorsim_run *run;            /* the run in progress (for the root function) */
  int cb_status;                     /* first failure inside a callback, PSORSIM_OK if none */
  psorsim_solver_stats stats;        /* of the last run */
  char cvode_msg[PSR_CVODE_MSG_MAX]; /* last message from CVODE's error handler */
  int64_t *jac_colptr, *jac_rowind;  /* the model's sparse Jacobian indices, copied into
                                        SUNDIALS's when it indexes with 32 bits; else NULL */
};

/* Point the operation table of a SUNDIALS serial N_Vector (an N_Vector
 * passed as void *) at compiled kernels that give bit-identical results
 * (engine_kernels.c); clones inherit them. */
void psr_engine_fast_nvector(void *nvector);

/* The same for a CSC SUNSparseMatrix (zero, copy, scale-add-identity, clone). */
void psr_engine_fast_sparse(void *sunmatrix);

/* Let a SUNLinSol_KLU keep its symbolic analysis and pivot order across
 * CVodeReInit (the pattern is the model's); the stock setup still refactors
 * fully when the condition estimate degrades. */
void psr_engine_fast_klu(void *linsol);

#endif /* PSR_ENGINE_IMPL_H */
