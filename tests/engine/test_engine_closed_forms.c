/* tests/engine/test_engine_closed_forms.c
 *
 * The engine against closed-form solutions: exponential decay (an IV bolus in
 * the one-compartment model) and logistic growth, each to a relative error
 * below 1e-6 at rtol 1e-8.
 */
#include <math.h>
#include <string.h>

#include "psr_test.h"
#include "psr_test_models.h"

#define N_OUT 57

static void test_exponential_decay_matches_closed_form(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = psorsim_model_find("pk1");
  psorsim_engine *eng = NULL;
  double p[3], t_out[N_OUT], out[N_OUT * 3];
  const double y0[2] = {0.0, 2.385}; /* 2.385 mg straight into the central compartment */
  psorsim_run run = {0};

  assert_non_null(m);
  psorsim_model_default_params(m, p);
  p[1] = 0.7315; /* CL, L/day */
  p[2] = 4.12;   /* V, L: k = 0.17755 1/day */
  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 0.5 * i;
  run.params = p;
  run.y0 = y0;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-8, 1e-14), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_OUT; i++) {
    double exact = 2.385 * exp(-p[1] / p[2] * t_out[i]);
    psr_assert_rel(out[i * 3 + 1], exact, 1e-6);
    psr_assert_rel(out[i * 3 + 2], exact / p[2], 1e-6); /* the concentration observable */
  }
  assert_true(psorsim_engine_stats(eng)->steps > 10);
  assert_true(psorsim_engine_stats(eng)->rhs_evals > psorsim_engine_stats(eng)->steps);
  psorsim_engine_free(&eng);
  assert_null(eng);
  psorsim_ctx_free(&ctx);
}

static void test_logistic_growth_matches_closed_form(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = &psr_test_model_logistic;
  psorsim_engine *eng = NULL;
  const double p[2] = {0.6173, 1834.0}; /* r 1/day, K cells */
  const double n0 = 3.71;
  double t_out[N_OUT], out[N_OUT];
  psorsim_run run = {0};

  assert_non_null(m);
  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 0.5 * i; /* through the inflection near day 10 */
  run.params = p;
  run.y0 = &n0;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-8, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_OUT; i++) {
    double exact = p[1] / (1.0 + (p[1] / n0 - 1.0) * exp(-p[0] * t_out[i]));
    psr_assert_rel(out[i], exact, 1e-6);
  }
  /* the same engine, reused for a second "patient", gives the same answer */
  double again[N_OUT];
  run.out = again;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_OUT; i++)
    assert_true(again[i] == out[i]);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_tolerances_are_validated(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  assert_int_equal(psorsim_engine_create(ctx, &psr_test_model_logistic, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 0.0, 1e-9), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "relative tolerance"));
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-6, -1.0), PSORSIM_EINVAL);
  assert_int_equal(psorsim_engine_set_max_steps(eng, 0), PSORSIM_EINVAL);
  assert_int_equal(psorsim_engine_set_max_step(eng, -2.0), PSORSIM_EINVAL);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exponential_decay_matches_closed_form),
      cmocka_unit_test(test_logistic_growth_matches_closed_form),
      cmocka_unit_test(test_tolerances_are_validated),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
