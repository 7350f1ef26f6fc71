/* tests/engine/test_engine_pk.c
 *
 * One- and two-compartment PK under repeated doses against the analytic
 * superposition of single-dose solutions; dosing events exactly at output
 * times; events at the start time; zero-length and very long runs; SET_PARAM
 * and MUL_STATE events.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "psr_test.h"

/* Central amount of the one-compartment model after a depot dose D at t = 0 (Bateman). */
static double pk1_oral(double D, double ka, double k, double t)
{
  if (t < 0) return 0.0;
  return D * ka / (ka - k) * (exp(-k * t) - exp(-ka * t));
}

/* Macro rate constants alpha > beta of the two-compartment model. */
static void pk2_macro(double k10, double k12, double k21, double *alpha, double *beta)
{
  double s = k10 + k12 + k21, disc = sqrt(s * s - 4.0 * k10 * k21);
  *alpha = 0.5 * (s + disc);
  *beta = 0.5 * (s - disc);
}

/* Central amount after an IV bolus D into the central compartment at t = 0. */
static double pk2_iv(double D, double k10, double k12, double k21, double t)
{
  double a, b;
  if (t < 0) return 0.0;
  pk2_macro(k10, k12, k21, &a, &b);
  return D * ((a - k21) / (a - b) * exp(-a * t) + (k21 - b) / (a - b) * exp(-b * t));
}

/* Central amount after a depot dose D at t = 0 (first-order absorption ka). */
static double pk2_oral(double D, double ka, double k10, double k12, double k21, double t)
{
  double a, b;
  if (t < 0) return 0.0;
  pk2_macro(k10, k12, k21, &a, &b);
  return D * ka *
         ((k21 - a) / ((ka - a) * (b - a)) * exp(-a * t) +
          (k21 - b) / ((ka - b) * (a - b)) * exp(-b * t) +
          (k21 - ka) / ((a - ka) * (b - ka)) * exp(-ka * t));
}

#define N_DOSES 9
#define N_OUT   113

static void test_pk1_repeated_oral_doses_match_superposition(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = psorsim_model_find("pk1");
  psorsim_engine *eng = NULL;
  const double p[3] = {1.385, 0.92, 6.3}; /* ka 1/day, CL L/day, V L */
  const double dose = 40.0, tau = 3.5;    /* 40 mg twice a week */
  double t_out[N_OUT], out[N_OUT * 3];
  psorsim_event ev[N_DOSES];
  psorsim_run run = {0};

  for (int k = 0; k < N_DOSES; k++) {
    ev[k] = (psorsim_event){k * tau, PSORSIM_EVENT_ADD_STATE, 0, dose};
  }
  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 0.25 * i; /* hits every dose time exactly */
  run.params = p;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.events = ev;
  run.n_events = N_DOSES;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-9, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_OUT; i++) {
    double central = 0.0, depot = 0.0;
    for (int k = 0; k < N_DOSES; k++) {
      double dt = t_out[i] - k * tau;
      central += pk1_oral(dose, p[0], p[1] / p[2], dt);
      if (dt >= 0) depot += dose * exp(-p[0] * dt);
    }
    psr_assert_close(out[i * 3 + 1], central, 1e-6, 1e-9);
    /* right-continuity: at a dose time the depot already holds that dose */
    psr_assert_close(out[i * 3 + 0], depot, 1e-6, 1e-9);
  }
  assert_int_equal(psorsim_engine_stats(eng)->events_applied, N_DOSES);
  assert_int_equal(psorsim_engine_stats(eng)->reinits, N_DOSES - 1); /* the first is at t0 */
  /* A second patient on the same engine allocates nothing through psorsim:
   * with every allocation set to fail, the run still succeeds. */
  psorsim_ctx_fail_alloc_after(ctx, 1);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psorsim_ctx_fail_alloc_after(ctx, 0);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_pk2_repeated_iv_and_oral_doses_match_superposition(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = psorsim_model_find("pk2");
  psorsim_engine *eng = NULL;
  const double p[5] = {0.287, 0.245, 3.18, 0.613, 2.71}; /* ka, CL, V1, Q, V2 */
  const double k10 = p[1] / p[2], k12 = p[3] / p[2], k21 = p[3] / p[4];
  double t_out[N_OUT], out[N_OUT * 4];
  psorsim_event ev[2 * N_DOSES];
  psorsim_run run = {0};

  /* an IV loading dose of 300 mg at day 0.5 ... then 150 mg SC every 7 days from day 0 */
  for (int k = 0; k < N_DOSES; k++)
    ev[k] = (psorsim_event){7.0 * k, PSORSIM_EVENT_ADD_STATE, 0, 150.0};
  /* merge one IV bolus into the time-sorted list */
  memmove(&ev[2], &ev[1], (N_DOSES - 1) * sizeof(ev[0]));
  ev[1] = (psorsim_event){0.5, PSORSIM_EVENT_ADD_STATE, 1, 300.0};
  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 0.5 * i;
  run.params = p;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.events = ev;
  run.n_events = N_DOSES + 1;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-9, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_OUT; i++) {
    double central = pk2_iv(300.0, k10, k12, k21, t_out[i] - 0.5);
    for (int k = 0; k < N_DOSES; k++)
      central += pk2_oral(150.0, p[0], k10, k12, k21, t_out[i] - 7.0 * k);
    psr_assert_close(out[i * 4 + 1], central, 1e-6, 1e-9);
    psr_assert_close(out[i * 4 + 3], central / p[2], 1e-6, 1e-9);
  }
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_zero_length_run_applies_start_events_only(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double t_out[3] = {2.0, 2.0, 2.0};
  double out[3 * 3];
  psorsim_event ev[2] = {{2.0, PSORSIM_EVENT_ADD_STATE, 0, 12.5},
                         {5.0, PSORSIM_EVENT_ADD_STATE, 0, 99.0}};
  psorsim_run run = {0};
  run.t0 = 2.0;
  run.t_out = t_out;
  run.n_out = 3;
  run.events = ev;
  run.n_events = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk1"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < 3; i++) {
    assert_true(out[i * 3 + 0] == 12.5);
    assert_true(out[i * 3 + 1] == 0.0);
  }
  assert_int_equal(psorsim_engine_stats(eng)->steps, 0);
  assert_int_equal(psorsim_engine_stats(eng)->events_applied, 1); /* day 5 is after the end */
  /* no output at all is also a valid run */
  run.n_out = 0;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_very_long_run_reaches_steady_state_trough(void **state)
{
  /* 40 years of weekly 100 mg SC doses: 2087 events, then the trough just
   * before a dose equals the closed-form steady state of the Bateman sum. */
  enum { N = 2087 };
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double p[3] = {0.25, 0.2, 5.0};
  const double tau = 7.0, ka = p[0], k = p[1] / p[2];
  psorsim_event *ev = calloc(N, sizeof(*ev));
  double t_out[2], out[2 * 3];
  psorsim_run run = {0};

  assert_non_null(ev);
  for (int i = 0; i < N; i++)
    ev[i] = (psorsim_event){tau * i, PSORSIM_EVENT_ADD_STATE, 0, 100.0};
  t_out[0] = tau * (N - 1) - 1e-9; /* just before the last dose */
  t_out[1] = tau * (N - 1) + 3.0;
  run.params = p;
  run.t_out = t_out;
  run.n_out = 2;
  run.events = ev;
  run.n_events = N;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk1"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-9, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  {
    double trough = 100.0 * ka / (ka - k) *
                    (exp(-k * tau) / (1 - exp(-k * tau)) - exp(-ka * tau) / (1 - exp(-ka * tau)));
    double at3 = 100.0 * ka / (ka - k) *
                 (exp(-k * 3.0) / (1 - exp(-k * tau)) - exp(-ka * 3.0) / (1 - exp(-ka * tau)));
    psr_assert_rel(out[1], trough, 1e-5);
    psr_assert_rel(out[3 + 1], at3, 1e-5);
  }
  assert_int_equal(psorsim_engine_stats(eng)->events_applied, N);
  psorsim_engine_free(&eng);
  free(ev);
  psorsim_ctx_free(&ctx);
}

static void test_set_param_and_mul_state_events(void **state)
{
  /* Clearance switched off at day 2 (SET_PARAM), amount halved at day 3 (MUL_STATE). */
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double p[3] = {0.25, 1.1, 5.5}, y0[2] = {0.0, 80.0};
  const double t_out[3] = {2.0, 2.5, 4.0};
  double out[3 * 3];
  psorsim_event ev[2] = {{2.0, PSORSIM_EVENT_SET_PARAM, 1, 0.0},
                         {3.0, PSORSIM_EVENT_MUL_STATE, 1, 0.5}};
  psorsim_run run = {0};
  run.params = p;
  run.y0 = y0;
  run.t_out = t_out;
  run.n_out = 3;
  run.events = ev;
  run.n_events = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk1"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psr_assert_rel(out[1], 80.0 * exp(-0.2 * 2.0), 1e-7);
  psr_assert_rel(out[3 + 1], 80.0 * exp(-0.2 * 2.0), 1e-7);
  psr_assert_rel(out[6 + 1], 40.0 * exp(-0.2 * 2.0), 1e-7);
  assert_true(psorsim_engine_params(eng)[1] == 0.0);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_inconsistent_runs_are_rejected(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  double t_bad[2] = {3.0, 1.0}, t_ok[2] = {1.0, 3.0}, out[2 * 3];
  psorsim_event ev_bad_index = {1.0, PSORSIM_EVENT_ADD_STATE, 7, 1.0};
  psorsim_event ev_early = {-1.0, PSORSIM_EVENT_ADD_STATE, 0, 1.0};
  psorsim_run run = {0};
  run.t_out = t_bad;
  run.n_out = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk1"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "not ascending"));
  run.t_out = t_ok;
  run.events = &ev_bad_index;
  run.n_events = 1;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "index 7"));
  run.events = &ev_early;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "before the start"));
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pk1_repeated_oral_doses_match_superposition),
      cmocka_unit_test(test_pk2_repeated_iv_and_oral_doses_match_superposition),
      cmocka_unit_test(test_zero_length_run_applies_start_events_only),
      cmocka_unit_test(test_very_long_run_reaches_steady_state_trough),
      cmocka_unit_test(test_set_param_and_mul_state_events),
      cmocka_unit_test(test_inconsistent_runs_are_rejected),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
