/* tests/engine/test_engine_errors.c
 *
 * Failures are values, never aborts: a solution that blows up in finite time
 * gives PSORSIM_ESOLVER with CVODE's flag name, a failing model callback
 * gives PSORSIM_EMODEL, rows not reached are NaN, and the engine runs the
 * next patient normally. Every allocation in psorsim_engine_create can fail
 * without a leak (run under ASan/valgrind to check the "without a leak").
 */
#include <math.h>
#include <string.h>

#include "psr_test.h"

static const psorsim_var blowup_states[] = {{"y", "1", 1.0, NULL, NULL}};
static const psorsim_var blowup_params[] = {{"fail_at", "day", 1e30, NULL, NULL}};

/* dy/dt = y^2 with y(0) = 1: y = 1/(1 - t) blows up at t = 1. The callback
 * reports an unrecoverable failure after `fail_at`. */
static int rhs_blowup(double t, const double *y, double *ydot, const double *p, void *work)
{
  if (t > p[0]) return -1;
  ydot[0] = y[0] * y[0];
  return 0;
}

static const psorsim_model blowup = {
    .name = "blowup",
    .description = "finite-time blow-up",
    .n_states = 1,
    .n_params = 1,
    .states = blowup_states,
    .params = blowup_params,
    .rhs = rhs_blowup,
};

static void test_solver_failure_is_an_error_value(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double t_out[3] = {0.5, 2.0, 3.0};
  double out[3];
  psorsim_run run = {0};
  run.t_out = t_out;
  run.n_out = 3;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, &blowup, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_max_steps(eng, 2000), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_ESOLVER);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "CV_"));
  psr_assert_rel(out[0], 2.0, 1e-4); /* 1/(1 - 0.5) was reached */
  assert_true(isnan(out[1]) && isnan(out[2]));

  /* the same engine serves the next run */
  const double t_ok[1] = {0.75};
  run.t_out = t_ok;
  run.n_out = 1;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psr_assert_rel(out[0], 4.0, 1e-4);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_model_failure_is_reported(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double p[1] = {0.25}, t_out[1] = {0.5};
  double out[1];
  psorsim_run run = {0};
  run.params = p;
  run.t_out = t_out;
  run.n_out = 1;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, &blowup, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_EMODEL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "blowup"));
  assert_true(isnan(out[0]));
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_invalid_models_are_rejected(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  psorsim_model bad = blowup;
  bad.rhs = NULL;
  assert_int_equal(psorsim_engine_create(ctx, &bad, &eng), PSORSIM_EINVAL);
  assert_null(eng);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "right-hand side"));
  bad = blowup;
  bad.n_obs = 2;
  assert_int_equal(psorsim_engine_create(ctx, &bad, &eng), PSORSIM_EINVAL);
  assert_int_equal(psorsim_engine_create(ctx, NULL, &eng), PSORSIM_EINVAL);
  psorsim_ctx_free(&ctx);
}

static void test_engine_create_survives_every_allocation_failure(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  int failures = 0;
  for (long n = 1; n < 20; n++) {
    psorsim_engine *eng = NULL;
    psorsim_ctx_fail_alloc_after(ctx, n);
    int rc = psorsim_engine_create(ctx, psorsim_model_find("pk2"), &eng);
    psorsim_ctx_fail_alloc_after(ctx, 0);
    if (rc == PSORSIM_ENOMEM) {
      assert_null(eng);
      failures++;
    } else {
      assert_int_equal(rc, PSORSIM_OK);
      psorsim_engine_free(&eng);
    }
  }
  assert_true(failures >= 2); /* the engine struct and its parameter vector */
  psorsim_engine_free(NULL);  /* NULL-safe */
  psorsim_ctx_free(&ctx);
  psorsim_ctx_free(&ctx);
}

static void test_status_texts(void **state)
{
  assert_string_equal(psorsim_strerror(PSORSIM_OK), "success");
  assert_string_equal(psorsim_strerror(PSORSIM_ESOLVER), "ODE solver failed");
  assert_string_equal(psorsim_status_name(PSORSIM_EUNIT), "PSORSIM_EUNIT");
  assert_string_equal(psorsim_strerror(-3), "unknown status");
  assert_string_equal(psorsim_version(), PSORSIM_VERSION_STRING);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_solver_failure_is_an_error_value),
      cmocka_unit_test(test_model_failure_is_reported),
      cmocka_unit_test(test_invalid_models_are_rejected),
      cmocka_unit_test(test_engine_create_survives_every_allocation_failure),
      cmocka_unit_test(test_status_texts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
