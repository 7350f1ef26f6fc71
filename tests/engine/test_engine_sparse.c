/* tests/engine/test_engine_sparse.c
 *
 * KLU on a large sparse problem: the 200-cell diffusion chain solved with the
 * sparse and the dense linear solver gives the same trajectory, and its total
 * mass follows the closed form 100 e^{-k t}.
 */
#include <math.h>
#include <string.h>

#include "psr_test.h"
#include "psr_test_models.h"

#define N_OUT   8
#define N_STATE 200

static void run_diffusion(int sparse, double *out, long *steps)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  double t_out[N_OUT];
  psorsim_run run = {0};
  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 1.5 * i;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, &psr_test_model_diffusion, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_is_sparse(eng), 1); /* the default for 200 states */
  assert_int_equal(psorsim_engine_use_sparse(eng, sparse), PSORSIM_OK);
  assert_int_equal(psorsim_engine_is_sparse(eng), sparse);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-9, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  *steps = psorsim_engine_stats(eng)->steps;
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_klu_and_dense_agree_on_diffusion_chain(void **state)
{
  static double dense[N_OUT * (N_STATE + 1)], sparse[N_OUT * (N_STATE + 1)];
  long steps_dense, steps_sparse;
  run_diffusion(0, dense, &steps_dense);
  run_diffusion(1, sparse, &steps_sparse);
  for (int i = 0; i < N_OUT; i++) {
    double t = 1.5 * i;
    psr_assert_rel(sparse[i * (N_STATE + 1) + N_STATE], 100.0 * exp(-0.1 * t), 1e-6);
    for (int j = 0; j < N_STATE; j++) {
      psr_assert_close(sparse[i * (N_STATE + 1) + j], dense[i * (N_STATE + 1) + j], 1e-6, 1e-10);
    }
  }
  /* mass has spread: by day 10.5 cell 20 holds a visible share */
  assert_true(sparse[7 * (N_STATE + 1) + 20] > 0.1);
  assert_true(steps_sparse > 0 && steps_dense > 0);
}

static void test_klu_needs_a_sparse_jacobian(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk2"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_is_sparse(eng), 0);
  assert_int_equal(psorsim_engine_use_sparse(eng, 1), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "no sparse Jacobian"));
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_klu_and_dense_agree_on_diffusion_chain),
      cmocka_unit_test(test_klu_needs_a_sparse_jacobian),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
