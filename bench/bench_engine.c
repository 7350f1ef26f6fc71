/* bench/bench_engine.c
 *
 * Side-by-side benchmark of psorsim's engine (CVODE BDF + KLU on the
 * psoriasis model's sparse analytic Jacobian) against a peer stiff
 * integrator on the same right-hand side and dense analytic Jacobian: GSL's
 * odeiv2 multistep BDF (msbdf). Both integrate N virtual patients for one
 * year from the psoriatic steady state under 90 % IL-17 inhibition (a
 * constant input, so neither needs event handling), at the same tolerances,
 * and the final PASI of both is compared. Prints times and their ratio.
 *
 *   usage: bench_engine [N_PATIENTS]   (default 50)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include <psorsim/psorsim.h>

typedef struct peer_data {
  const psorsim_model *m;
  const double *p;
  double *jac_cm; /* column-major scratch */
  void *work;     /* the model's scratch, filled by its setup */
} peer_data;

static int peer_rhs(double t, const double y[], double dydt[], void *params)
{
  peer_data *d = params;
  return d->m->rhs(t, y, dydt, d->p, d->work) == 0 ? GSL_SUCCESS : GSL_EBADFUNC;
}

static int peer_jac(double t, const double y[], double *dfdy, double dfdt[], void *params)
{
  peer_data *d = params;
  const int n = d->m->n_states;
  for (int k = 0; k < n * n; k++)
    d->jac_cm[k] = 0.0;
  if (d->m->jac(t, y, d->jac_cm, d->p, d->work) != 0) return GSL_EBADFUNC;
  for (int i = 0; i < n; i++) { /* GSL wants row-major */
    dfdt[i] = 0.0;
    for (int j = 0; j < n; j++)
      dfdy[i * n + j] = d->jac_cm[j * n + i];
  }
  return GSL_SUCCESS;
}

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv)
{
  const int n_pat = argc > 1 ? atoi(argv[1]) : 50;
  const psorsim_model *m = psorsim_model_find("psoriasis");
  const int n = m->n_states;
  const double rtol = 1e-5, atol = 1e-4, t_end = 365.0;
  double *p = malloc(sizeof(double) * (size_t)m->n_params);
  double *y0 = malloc(sizeof(double) * (size_t)n), *y = malloc(sizeof(double) * (size_t)n);
  double *row = malloc(sizeof(double) * (size_t)(n + m->n_obs));
  double *jac_cm = malloc(sizeof(double) * (size_t)n * (size_t)n);
  void *work = calloc(1, m->work_size > 0 ? m->work_size : 1);
  const int i_susc = psorsim_model_covariate_index(m, PSORSIM_COVARIATE_SUSCEPTIBILITY);
  const int i_il17 = psorsim_model_input_index(m, "inh_il17", NULL);
  const int o_pasi = psorsim_model_readout_index(m, PSORSIM_READOUT_PASI);
  psorsim_ctx *ctx = NULL;
  psorsim_engine *eng = NULL;
  double t_cv = 0, t_gsl = 0, max_diff = 0, sum_pasi = 0;

  psorsim_ctx_create(&ctx);
  psorsim_engine_create(ctx, m, &eng);
  psorsim_engine_set_tolerances(eng, rtol, atol);
  printf("bench_engine: %d patients x 1 year, psoriasis model (%d states), rtol %g atol %g\n",
         n_pat, n, rtol, atol);
  printf("  psorsim engine: CVODE BDF + %s\n", psorsim_engine_is_sparse(eng) ? "KLU" : "dense");
  printf("  peer:           GSL odeiv2 msbdf + dense analytic Jacobian\n");
  for (int k = 0; k < n_pat; k++) {
    psorsim_run run = {0};
    const double t_out = t_end;
    double t = 0.0, t0, pasi_cv, pasi_gsl;
    psorsim_model_default_params(m, p);
    p[i_susc] = 0.85 + 0.4 * k / (n_pat > 1 ? n_pat - 1 : 1); /* a spread of patients */
    psorsim_model_baseline(NULL, m, p, y0, NULL);             /* the psoriatic steady state */
    p[i_il17] = 0.9;

    t0 = now_s();
    run.params = p;
    run.y0 = y0;
    run.t_out = &t_out;
    run.n_out = 1;
    run.out = row;
    if (psorsim_engine_run(eng, &run) != PSORSIM_OK) {
      fprintf(stderr, "engine failed: %s\n", psorsim_ctx_errmsg(ctx));
      return 1;
    }
    t_cv += now_s() - t0;
    pasi_cv = row[n + o_pasi];

    {
      peer_data d = {m, p, jac_cm, work};
      if (m->setup != NULL) m->setup(work, p);
      gsl_odeiv2_system sys = {peer_rhs, peer_jac, (size_t)n, &d};
      gsl_odeiv2_driver *drv =
          gsl_odeiv2_driver_alloc_standard_new(&sys, gsl_odeiv2_step_msbdf, 1e-3, atol, rtol, 1, 0);
      for (int i = 0; i < n; i++)
        y[i] = y0[i];
      t0 = now_s();
      if (gsl_odeiv2_driver_apply(drv, &t, t_end, y) != GSL_SUCCESS) {
        fprintf(stderr, "GSL failed\n");
        return 1;
      }
      t_gsl += now_s() - t0;
      gsl_odeiv2_driver_free(drv);
      m->observe(t_end, y, p, row + n, work);
      pasi_gsl = row[n + o_pasi];
    }
    sum_pasi += pasi_cv;
    if (fabs(pasi_cv - pasi_gsl) > max_diff) max_diff = fabs(pasi_cv - pasi_gsl);
  }
  printf(
      "  mean PASI at 1 year %.3f; largest difference between the two solvers %.2g PASI points\n",
      sum_pasi / n_pat, max_diff);
  printf("  psorsim %.3f s (%.2f ms/patient-year), peer %.3f s (%.2f ms/patient-year)\n", t_cv,
         1e3 * t_cv / n_pat, t_gsl, 1e3 * t_gsl / n_pat);
  printf("  ratio peer/psorsim: %.1fx\n", t_gsl / t_cv);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
  free(p);
  free(y0);
  free(y);
  free(row);
  free(jac_cm);
  free(work);
  return 0;
}
