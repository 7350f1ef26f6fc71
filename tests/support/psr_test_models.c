/* tests/support/psr_test_models.c
 *
 * Small reference problems with known answers, compiled into every test
 * binary (not into the library: the shipped registry holds only pk1, pk2 and
 * psoriasis). Tests pass the tables to the engine directly, or register one
 * with psorsim_model_register to reach it by name:
 *   logistic   dN/dt = r N (1 - N/K); closed form N(t) = K / (1 + (K/N0 - 1) e^{-rt})
 *   robertson  the stiff chemical kinetics problem of CVODE's cvRoberts_dns example
 *   diffusion  a chain of 200 well-mixed cells with diffusion between neighbours and
 *              first-order loss: a large sparse problem that exercises KLU.
 */
#include "psr_test_models.h"

/* ---- logistic growth ---- */

enum { LOG_R, LOG_K, LOG_NPARAM };

static const psorsim_var logistic_states[] = {
    {"n", "cells", 10.0, "population size", NULL},
};
static const psorsim_var logistic_params[LOG_NPARAM] = {
    {"r", "1/day", 0.7, "growth rate", "test value"},
    {"k", "cells", 1000.0, "carrying capacity", "test value"},
};

static int rhs_logistic(double t, const double *y, double *ydot, const double *p, void *work)
{
  ydot[0] = p[LOG_R] * y[0] * (1.0 - y[0] / p[LOG_K]);
  return 0;
}

static int jac_logistic(double t, const double *y, double *J, const double *p, void *work)
{
  J[0] = p[LOG_R] * (1.0 - 2.0 * y[0] / p[LOG_K]);
  return 0;
}

const psorsim_model psr_test_model_logistic = {
    .name = "logistic",
    .description = "logistic growth (test problem with a closed form)",
    .n_states = 1,
    .n_params = LOG_NPARAM,
    .states = logistic_states,
    .params = logistic_params,
    .rhs = rhs_logistic,
    .jac = jac_logistic,
};

/* ---- Robertson ---- */

enum { ROB_K1, ROB_K2, ROB_K3, ROB_NPARAM };

static const psorsim_var robertson_states[] = {
    {"y1", "1", 1.0, "species 1", NULL},
    {"y2", "1", 0.0, "species 2", NULL},
    {"y3", "1", 0.0, "species 3", NULL},
};
static const psorsim_var robertson_params[ROB_NPARAM] = {
    {"k1", "1/day", 0.04, "rate 1", "Robertson 1966; SUNDIALS cvRoberts_dns"},
    {"k2", "1/day", 3.0e7, "rate 2", "Robertson 1966; SUNDIALS cvRoberts_dns"},
    {"k3", "1/day", 1.0e4, "rate 3", "Robertson 1966; SUNDIALS cvRoberts_dns"},
};
static const psorsim_var robertson_obs[] = {
    {"total", "1", 0.0, "y1 + y2 + y3 (conserved, = 1)", NULL},
};

static int rhs_robertson(double t, const double *y, double *ydot, const double *p, void *work)
{
  const double r1 = p[ROB_K1] * y[0];
  const double r2 = p[ROB_K2] * y[1] * y[1];
  const double r3 = p[ROB_K3] * y[1] * y[2];
  ydot[0] = -r1 + r3;
  ydot[2] = r2;
  ydot[1] = r1 - r2 - r3;
  return 0;
}

static int jac_robertson(double t, const double *y, double *J, const double *p, void *work)
{
  /* column-major: J[j*3 + i] = d f_i / d y_j */
  J[0 * 3 + 0] = -p[ROB_K1];
  J[0 * 3 + 1] = p[ROB_K1];
  J[1 * 3 + 0] = p[ROB_K3] * y[2];
  J[1 * 3 + 1] = -p[ROB_K3] * y[2] - 2.0 * p[ROB_K2] * y[1];
  J[1 * 3 + 2] = 2.0 * p[ROB_K2] * y[1];
  J[2 * 3 + 0] = p[ROB_K3] * y[1];
  J[2 * 3 + 1] = -p[ROB_K3] * y[1];
  return 0;
}

static int observe_robertson(double t, const double *y, const double *p, double *obs, void *work)
{
  obs[0] = y[0] + y[1] + y[2];
  return 0;
}

const psorsim_model psr_test_model_robertson = {
    .name = "robertson",
    .description = "Robertson stiff chemical kinetics (test problem)",
    .n_states = 3,
    .n_params = ROB_NPARAM,
    .n_obs = 1,
    .states = robertson_states,
    .params = robertson_params,
    .obs = robertson_obs,
    .rhs = rhs_robertson,
    .jac = jac_robertson,
    .observe = observe_robertson,
};

/* ---- sparse diffusion chain ---- */

#define DIFF_N 200
enum { DIFF_D, DIFF_K, DIFF_NPARAM };

#define DIFF_STATE(i)                                                                              \
  {                                                                                                \
    "u" #i, "mg", 0.0, NULL, NULL                                                                  \
  }
#define DIFF_STATE10(i)                                                                            \
  DIFF_STATE(i##0), DIFF_STATE(i##1), DIFF_STATE(i##2), DIFF_STATE(i##3), DIFF_STATE(i##4),        \
      DIFF_STATE(i##5), DIFF_STATE(i##6), DIFF_STATE(i##7), DIFF_STATE(i##8), DIFF_STATE(i##9)

static const psorsim_var diffusion_states[DIFF_N] = {
    {"u0", "mg", 100.0, "amount in cell 0 (all mass starts here)", NULL},
    DIFF_STATE(1),
    DIFF_STATE(2),
    DIFF_STATE(3),
    DIFF_STATE(4),
    DIFF_STATE(5),
    DIFF_STATE(6),
    DIFF_STATE(7),
    DIFF_STATE(8),
    DIFF_STATE(9),
    DIFF_STATE10(1),
    DIFF_STATE10(2),
    DIFF_STATE10(3),
    DIFF_STATE10(4),
    DIFF_STATE10(5),
    DIFF_STATE10(6),
    DIFF_STATE10(7),
    DIFF_STATE10(8),
    DIFF_STATE10(9),
    DIFF_STATE10(10),
    DIFF_STATE10(11),
    DIFF_STATE10(12),
    DIFF_STATE10(13),
    DIFF_STATE10(14),
    DIFF_STATE10(15),
    DIFF_STATE10(16),
    DIFF_STATE10(17),
    DIFF_STATE10(18),
    DIFF_STATE10(19),
};
static const psorsim_var diffusion_params[DIFF_NPARAM] = {
    {"d", "1/day", 50.0, "exchange rate between neighbouring cells", "test value"},
    {"k", "1/day", 0.1, "first-order loss in every cell", "test value"},
};
static const psorsim_var diffusion_obs[] = {
    {"total_mg", "mg", 0.0, "sum over cells (= 100 e^{-k t})", NULL},
};

static int rhs_diffusion(double t, const double *y, double *ydot, const double *p, void *work)
{
  const double d = p[DIFF_D], k = p[DIFF_K];
  for (int i = 0; i < DIFF_N; i++) {
    double flux = 0.0;
    if (i > 0) flux += y[i - 1] - y[i];
    if (i < DIFF_N - 1) flux += y[i + 1] - y[i];
    ydot[i] = d * flux - k * y[i];
  }
  return 0;
}

static int jac_sparse_diffusion(double t, const double *y, int64_t *colptr, int64_t *rowind,
                                double *val, const double *p, void *work)
{
  const double d = p[DIFF_D], k = p[DIFF_K];
  int64_t nz = 0;
  for (int j = 0; j < DIFF_N; j++) {
    colptr[j] = nz;
    if (j > 0) {
      rowind[nz] = j - 1;
      val[nz++] = d;
    }
    rowind[nz] = j;
    val[nz++] = -d * ((j > 0) + (j < DIFF_N - 1)) - k;
    if (j < DIFF_N - 1) {
      rowind[nz] = j + 1;
      val[nz++] = d;
    }
  }
  colptr[DIFF_N] = nz;
  return 0;
}

static int jac_diffusion(double t, const double *y, double *J, const double *p, void *work)
{
  const double d = p[DIFF_D], k = p[DIFF_K];
  for (int j = 0; j < DIFF_N; j++) {
    if (j > 0) J[j * DIFF_N + j - 1] = d;
    J[j * DIFF_N + j] = -d * ((j > 0) + (j < DIFF_N - 1)) - k;
    if (j < DIFF_N - 1) J[j * DIFF_N + j + 1] = d;
  }
  return 0;
}

static int observe_diffusion(double t, const double *y, const double *p, double *obs, void *work)
{
  double s = 0.0;
  for (int i = 0; i < DIFF_N; i++)
    s += y[i];
  obs[0] = s;
  return 0;
}

const psorsim_model psr_test_model_diffusion = {
    .name = "diffusion",
    .description = "200-cell diffusion chain with loss (sparse test problem for KLU)",
    .n_states = DIFF_N,
    .n_params = DIFF_NPARAM,
    .n_obs = 1,
    .states = diffusion_states,
    .params = diffusion_params,
    .obs = diffusion_obs,
    .rhs = rhs_diffusion,
    .jac = jac_diffusion,
    .jac_sparse = jac_sparse_diffusion,
    .jac_nnz = 3 * DIFF_N - 2,
    .observe = observe_diffusion,
};
