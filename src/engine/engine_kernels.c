/* src/engine/engine_kernels.c
 *
 * Compiled vector and sparse-matrix kernels for the engine's SUNDIALS
 * objects. Debian 12 ships SUNDIALS 6.4.1 built without optimisation (-O0),
 * and on the psoriasis model about half of a trial's instructions went to
 * its serial N_Vector loops and sparse-matrix loops (docs/performance.md).
 * The engine therefore keeps SUNDIALS' own serial vector and CSC matrix
 * (same content layout, same IDs, so KLU and CVODE accept them) and points
 * their operation tables at the functions below, which this project
 * compiles with optimisation.
 *
 * The KLU solver keeps its symbolic analysis across restarts (see below).
 *
 * Every kernel does the same floating-point operations in the same order as
 * SUNDIALS' reference implementation (nvector_serial.c and
 * sunmatrix_sparse.c, BSD-3-Clause), including its special cases of
 * N_VLinearSum (a == b computes a(x + y), not ax + by), so results are
 * bit-identical to the stock operations; only the loops are faster.
 * Reductions stay sequential for the same reason. Operations not replaced
 * here (clone, destroy, fused and array operations, which CVODE falls back
 * on through the replaced ones) keep the stock implementation; clones
 * inherit the replaced table, so every vector CVODE makes is covered.
 */
#include <math.h>
#include <string.h>

#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "engine_impl.h"

/* Success of a matrix or linear-solver operation: SUNDIALS 7 has one code
 * for all (SUN_SUCCESS), SUNDIALS 6 one per kind (SUNMAT_SUCCESS,
 * SUNLS_SUCCESS), all 0. */
#if SUNDIALS_VERSION_MAJOR >= 7
#define PSR_SUN_SUCCESS SUN_SUCCESS
#else
#define PSR_SUN_SUCCESS SUNMAT_SUCCESS
#endif

#define LEN(v)  ((size_t)NV_LENGTH_S(v))
#define DATA(v) NV_DATA_S(v)

/* ---- serial N_Vector ---- */

static void axpy(size_t n, double a, const double *x, double *y)
{
  if (a == 1.0) {
    for (size_t i = 0; i < n; i++)
      y[i] += x[i];
  } else if (a == -1.0) {
    for (size_t i = 0; i < n; i++)
      y[i] -= x[i];
  } else {
    for (size_t i = 0; i < n; i++)
      y[i] += a * x[i];
  }
}

/* z = a x + b y, with the special cases of N_VLinearSum_Serial. */
static void k_linearsum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z)
{
  const size_t n = LEN(x);
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  if (b == 1.0 && z == y) {
    axpy(n, a, xd, zd);
  } else if (a == 1.0 && z == x) {
    axpy(n, b, yd, zd);
  } else if (a == 1.0 && b == 1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = xd[i] + yd[i];
  } else if (a == 1.0 && b == -1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = xd[i] - yd[i];
  } else if (a == -1.0 && b == 1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = yd[i] - xd[i];
  } else if (a == 1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = (b * yd[i]) + xd[i];
  } else if (b == 1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = (a * xd[i]) + yd[i];
  } else if (a == -1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = (b * yd[i]) - xd[i];
  } else if (b == -1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = (a * xd[i]) - yd[i];
  } else if (a == b) {
    for (size_t i = 0; i < n; i++)
      zd[i] = a * (xd[i] + yd[i]);
  } else if (a == -b) {
    for (size_t i = 0; i < n; i++)
      zd[i] = a * (xd[i] - yd[i]);
  } else {
    for (size_t i = 0; i < n; i++)
      zd[i] = (a * xd[i]) + (b * yd[i]);
  }
}

static void k_const(sunrealtype c, N_Vector z)
{
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(z); i < n; i++)
    zd[i] = c;
}

static void k_prod(N_Vector x, N_Vector y, N_Vector z)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] * yd[i];
}

static void k_div(N_Vector x, N_Vector y, N_Vector z)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] / yd[i];
}

static void k_scale(sunrealtype c, N_Vector x, N_Vector z)
{
  const size_t n = LEN(x);
  const double *xd = DATA(x);
  double *zd = DATA(z);
  if (z == x) {
    for (size_t i = 0; i < n; i++)
      zd[i] *= c;
  } else if (c == 1.0) {
    memcpy(zd, xd, n * sizeof(double));
  } else if (c == -1.0) {
    for (size_t i = 0; i < n; i++)
      zd[i] = -xd[i];
  } else {
    for (size_t i = 0; i < n; i++)
      zd[i] = c * xd[i];
  }
}

static void k_abs(N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = fabs(xd[i]);
}

static void k_inv(N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = 1.0 / xd[i];
}

static void k_addconst(N_Vector x, sunrealtype b, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = xd[i] + b;
}

static sunrealtype k_dotprod(N_Vector x, N_Vector y)
{
  const double *xd = DATA(x), *yd = DATA(y);
  double sum = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++)
    sum += xd[i] * yd[i];
  return sum;
}

static sunrealtype k_maxnorm(N_Vector x)
{
  const double *xd = DATA(x);
  double max = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++) {
    if (fabs(xd[i]) > max) max = fabs(xd[i]);
  }
  return max;
}

static sunrealtype k_wsqrsum(N_Vector x, N_Vector w)
{
  const double *xd = DATA(x), *wd = DATA(w);
  double sum = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++) {
    const double p = xd[i] * wd[i];
    sum += p * p;
  }
  return sum;
}

static sunrealtype k_wrmsnorm(N_Vector x, N_Vector w)
{
  return sqrt(k_wsqrsum(x, w) / (sunrealtype)NV_LENGTH_S(x));
}

static sunrealtype k_wsqrsummask(N_Vector x, N_Vector w, N_Vector id)
{
  const double *xd = DATA(x), *wd = DATA(w), *idd = DATA(id);
  double sum = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++) {
    if (idd[i] > 0.0) {
      const double p = xd[i] * wd[i];
      sum += p * p;
    }
  }
  return sum;
}

static sunrealtype k_wrmsnormmask(N_Vector x, N_Vector w, N_Vector id)
{
  return sqrt(k_wsqrsummask(x, w, id) / (sunrealtype)NV_LENGTH_S(x));
}

static sunrealtype k_min(N_Vector x)
{
  const double *xd = DATA(x);
  double min = xd[0];
  for (size_t i = 1, n = LEN(x); i < n; i++) {
    if (xd[i] < min) min = xd[i];
  }
  return min;
}

static sunrealtype k_wl2norm(N_Vector x, N_Vector w)
{
  return sqrt(k_wsqrsum(x, w));
}

static sunrealtype k_l1norm(N_Vector x)
{
  const double *xd = DATA(x);
  double sum = 0.0;
  for (size_t i = 0, n = LEN(x); i < n; i++)
    sum += fabs(xd[i]);
  return sum;
}

static void k_compare(sunrealtype c, N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0, n = LEN(x); i < n; i++)
    zd[i] = fabs(xd[i]) >= c ? 1.0 : 0.0;
}

static sunbooleantype k_invtest(N_Vector x, N_Vector z)
{
  const double *xd = DATA(x);
  double *zd = DATA(z);
  sunbooleantype no_zero = SUNTRUE;
  for (size_t i = 0, n = LEN(x); i < n; i++) {
    if (xd[i] == 0.0) {
      no_zero = SUNFALSE;
    } else {
      zd[i] = 1.0 / xd[i];
    }
  }
  return no_zero;
}

static sunbooleantype k_constrmask(N_Vector c, N_Vector x, N_Vector m)
{
  const double *cd = DATA(c), *xd = DATA(x);
  double *md = DATA(m);
  int violated = 0;
  for (size_t i = 0, n = LEN(x); i < n; i++) {
    md[i] = 0.0;
    if (cd[i] == 0.0) continue;
    if ((fabs(cd[i]) > 1.5 && xd[i] * cd[i] <= 0.0) || (fabs(cd[i]) > 0.5 && xd[i] * cd[i] < 0.0)) {
      md[i] = 1.0;
      violated = 1;
    }
  }
  return violated ? SUNFALSE : SUNTRUE;
}

static sunrealtype k_minquotient(N_Vector num, N_Vector denom)
{
  const double *nd = DATA(num), *dd = DATA(denom);
  double min = SUN_BIG_REAL;
  int first = 1;
  for (size_t i = 0, n = LEN(num); i < n; i++) {
    if (dd[i] == 0.0) continue;
    if (first) {
      min = nd[i] / dd[i];
      first = 0;
    } else {
      min = fmin(min, nd[i] / dd[i]);
    }
  }
  return min;
}

void psr_engine_fast_nvector(void *nvector)
{
  N_Vector v = nvector;
  N_Vector_Ops o = v->ops;
  o->nvlinearsum = k_linearsum;
  o->nvconst = k_const;
  o->nvprod = k_prod;
  o->nvdiv = k_div;
  o->nvscale = k_scale;
  o->nvabs = k_abs;
  o->nvinv = k_inv;
  o->nvaddconst = k_addconst;
  o->nvdotprod = k_dotprod;
  o->nvmaxnorm = k_maxnorm;
  o->nvwrmsnorm = k_wrmsnorm;
  o->nvwrmsnormmask = k_wrmsnormmask;
  o->nvmin = k_min;
  o->nvwl2norm = k_wl2norm;
  o->nvl1norm = k_l1norm;
  o->nvcompare = k_compare;
  o->nvinvtest = k_invtest;
  o->nvconstrmask = k_constrmask;
  o->nvminquotient = k_minquotient;
  o->nvdotprodlocal = k_dotprod;
  o->nvmaxnormlocal = k_maxnorm;
  o->nvminlocal = k_min;
  o->nvl1normlocal = k_l1norm;
  o->nvinvtestlocal = k_invtest;
  o->nvconstrmasklocal = k_constrmask;
  o->nvminquotientlocal = k_minquotient;
  o->nvwsqrsumlocal = k_wsqrsum;
  o->nvwsqrsummasklocal = k_wsqrsummask;
}

/* ---- compressed-sparse-column SUNMatrix ---- */

static int m_zero(SUNMatrix A)
{
  memset(SM_DATA_S(A), 0, (size_t)SM_NNZ_S(A) * sizeof(sunrealtype));
  memset(SM_INDEXVALS_S(A), 0, (size_t)SM_NNZ_S(A) * sizeof(sunindextype));
  memset(SM_INDEXPTRS_S(A), 0, (size_t)(SM_NP_S(A) + 1) * sizeof(sunindextype));
  return PSR_SUN_SUCCESS;
}

/* B = A for two CSC matrices of one shape whose storage holds A's entries;
 * anything else goes to the stock copy (which may reallocate B). */
static int m_copy(SUNMatrix A, SUNMatrix B)
{
  const sunindextype nz = SM_INDEXPTRS_S(A)[SM_NP_S(A)];
  if (SUNMatGetID(B) != SUNMATRIX_SPARSE || SM_SPARSETYPE_S(A) != SM_SPARSETYPE_S(B) ||
      SM_ROWS_S(A) != SM_ROWS_S(B) || SM_COLUMNS_S(A) != SM_COLUMNS_S(B) || SM_NNZ_S(B) < nz) {
    return SUNMatCopy_Sparse(A, B);
  }
  m_zero(B);
  memcpy(SM_DATA_S(B), SM_DATA_S(A), (size_t)nz * sizeof(sunrealtype));
  memcpy(SM_INDEXVALS_S(B), SM_INDEXVALS_S(A), (size_t)nz * sizeof(sunindextype));
  memcpy(SM_INDEXPTRS_S(B), SM_INDEXPTRS_S(A), (size_t)SM_NP_S(A) * sizeof(sunindextype));
  SM_INDEXPTRS_S(B)[SM_NP_S(A)] = nz;
  return PSR_SUN_SUCCESS;
}

/* A = c A + I when every diagonal entry is stored (the treated models'
 * Jacobians store all of them); otherwise the stock operation inserts them. */
static int m_scaleaddi(sunrealtype c, SUNMatrix A)
{
  const sunindextype *ap = SM_INDEXPTRS_S(A), *ai = SM_INDEXVALS_S(A);
  const sunindextype nd = SM_ROWS_S(A) < SM_COLUMNS_S(A) ? SM_ROWS_S(A) : SM_COLUMNS_S(A);
  double *ax = SM_DATA_S(A);
  if (SM_SPARSETYPE_S(A) != CSC_MAT || SM_NP_S(A) != nd) return SUNMatScaleAddI_Sparse(c, A);
  for (sunindextype j = 0; j < nd; j++) {
    int found = 0;
    for (sunindextype p = ap[j]; p < ap[j + 1] && !found; p++)
      found = ai[p] == j;
    if (!found) return SUNMatScaleAddI_Sparse(c, A);
  }
  for (sunindextype j = 0; j < nd; j++) {
    for (sunindextype p = ap[j]; p < ap[j + 1]; p++)
      ax[p] = ai[p] == j ? 1.0 + c * ax[p] : c * ax[p];
  }
  return PSR_SUN_SUCCESS;
}

/* Clones (CVODE keeps one as its saved Jacobian) get the same kernels. */
static SUNMatrix m_clone(SUNMatrix A)
{
  SUNMatrix B = SUNMatClone_Sparse(A);
  if (B != NULL) psr_engine_fast_sparse(B);
  return B;
}

void psr_engine_fast_sparse(void *sunmatrix)
{
  SUNMatrix A = sunmatrix;
  A->ops->clone = m_clone;
  A->ops->zero = m_zero;
  A->ops->copy = m_copy;
  A->ops->scaleaddi = m_scaleaddi;
}

/* ---- KLU: one symbolic analysis per engine ---- */

/* CVODE initialises its linear solver after every CVodeReInit, and the stock
 * KLU solver then redoes the symbolic analysis (ordering) and a full
 * factorisation. The Jacobian's sparsity pattern is the model's and never
 * changes, so keep the analysis and the previous factorisation's pivot
 * order: the next setup refactors numerically, and the stock setup still
 * factors afresh when the condition estimate says the old pivots are poor. */
static int ls_initialize(SUNLinearSolver S)
{
  SUNLinearSolverContent_KLU c = S->content;
  if (c->symbolic == NULL || c->numeric == NULL) c->first_factorize = 1;
  c->last_flag = PSR_SUN_SUCCESS;
  return PSR_SUN_SUCCESS;
}

void psr_engine_fast_klu(void *linsol)
{
  SUNLinearSolver S = linsol;
  S->ops->initialize = ls_initialize;
}
