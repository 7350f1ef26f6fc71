/* tests/engine/test_engine_robertson.c
 *
 * The Robertson stiff problem against the values SUNDIALS publishes for its
 * cvRoberts_dns example (examples/cvode/serial/cvRoberts_dns.out, computed at
 * rtol 1e-4), with the example's two root functions (y1 = 1e-4, y3 = 0.01)
 * as psorsim root events. We integrate much more tightly, so the comparison
 * tolerance reflects the reference's own accuracy.
 */
#include <math.h>
#include <string.h>

#include "psr_test.h"
#include "psr_test_models.h"

/* t, y1, y2, y3 from cvRoberts_dns.out */
static const double reference[][4] = {
    {4.0e-1, 9.851641e-01, 3.386242e-05, 1.480205e-02},
    {4.0e+0, 9.055097e-01, 2.240338e-05, 9.446793e-02},
    {4.0e+1, 7.158017e-01, 9.185037e-06, 2.841892e-01},
    {4.0e+2, 4.505360e-01, 3.223271e-06, 5.494608e-01},
    {4.0e+3, 1.832066e-01, 8.942601e-07, 8.167925e-01},
    {4.0e+4, 3.898824e-02, 1.621985e-07, 9.610116e-01},
    {4.0e+5, 4.937043e-03, 1.984465e-08, 9.950629e-01},
    {4.0e+6, 5.169987e-04, 2.069052e-09, 9.994830e-01},
    {4.0e+7, 5.208146e-05, 2.083366e-10, 9.999479e-01},
    {4.0e+8, 5.204550e-06, 2.081831e-11, 9.999948e-01},
};
#define N_REF ((int)(sizeof(reference) / sizeof(reference[0])))

static void test_robertson_matches_sundials_reference(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  double t_out[N_REF], out[N_REF * 4];
  psorsim_root_event roots[2] = {
      {.state = 0, .threshold = 1e-4, .direction = 0},
      {.state = 2, .threshold = 0.01, .direction = 0},
  };
  psorsim_root_hit hits[4];
  psorsim_run run = {0};

  for (int i = 0; i < N_REF; i++)
    t_out[i] = reference[i][0];
  run.t_out = t_out;
  run.n_out = N_REF;
  run.out = out;
  run.roots = roots;
  run.n_roots = 2;
  run.hits = hits;
  run.hits_cap = 4;
  assert_int_equal(psorsim_engine_create(ctx, &psr_test_model_robertson, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-8, 1e-16), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < N_REF; i++) {
    psr_assert_rel(out[i * 4 + 0], reference[i][1], 2e-3);
    psr_assert_rel(out[i * 4 + 1], reference[i][2], 2e-3);
    psr_assert_rel(out[i * 4 + 2], reference[i][3], 2e-3);
    psr_assert_rel(out[i * 4 + 3], 1.0, 1e-6); /* mass is conserved */
  }
  /* the published crossing times: y3 = 0.01 at t = 2.6391e-01, y1 = 1e-4 at 2.0813e+07 */
  assert_int_equal(run.n_hits, 2);
  assert_int_equal(hits[0].which, 1);
  psr_assert_rel(hits[0].t_day, 2.6391e-01, 1e-3);
  assert_int_equal(hits[1].which, 0);
  psr_assert_rel(hits[1].t_day, 2.0813e+07, 5e-3);
  assert_int_equal(psorsim_engine_stats(eng)->roots_found, 2);
  assert_int_equal(psorsim_engine_stats(eng)->reinits,
                   0); /* recording-only roots need no restart */
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_stopping_root_ends_the_run_and_fills_nan(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double t_out[3] = {0.1, 1.0, 10.0};
  double out[3 * 4];
  psorsim_root_event stop = {.state = 2, .threshold = 0.01, .direction = 1, .stop = 1};
  psorsim_run run = {0};
  run.t_out = t_out;
  run.n_out = 3;
  run.out = out;
  run.roots = &stop;
  run.n_roots = 1;
  assert_int_equal(psorsim_engine_create(ctx, &psr_test_model_robertson, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-8, 1e-16), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psr_assert_rel(run.t_end, 2.6391e-01, 1e-3);
  assert_true(out[0] > 0.99 && out[0] < 1.0);
  assert_true(isnan(out[4]) && isnan(out[8]));
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

static void test_root_action_doses_when_a_level_falls(void **state)
{
  /* pk1 without absorption: whenever the central amount falls to 10 mg, add
   * 30 mg (a trough-triggered dose). With k = 0.1/day each cycle lasts
   * ln(40/10)/0.1 = 13.863 days. */
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_engine *eng = NULL;
  const double p[3] = {0.25, 0.5, 5.0}, y0[2] = {0.0, 40.0}, t_out[1] = {50.0};
  double out[3];
  psorsim_root_event redose = {.state = 1,
                               .threshold = 10.0,
                               .direction = -1,
                               .has_action = 1,
                               .action = {0.0, PSORSIM_EVENT_ADD_STATE, 1, 30.0}};
  psorsim_root_hit hits[8];
  psorsim_run run = {0};
  run.params = p;
  run.y0 = y0;
  run.t_out = t_out;
  run.n_out = 1;
  run.out = out;
  run.roots = &redose;
  run.n_roots = 1;
  run.hits = hits;
  run.hits_cap = 8;
  assert_int_equal(psorsim_engine_create(ctx, psorsim_model_find("pk1"), &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  assert_int_equal(run.n_hits, 3);
  for (int i = 0; i < 3; i++)
    psr_assert_rel(hits[i].t_day, (i + 1) * log(4.0) / 0.1, 1e-6);
  psr_assert_rel(out[1], 40.0 * exp(-0.1 * (50.0 - 3 * log(4.0) / 0.1)), 1e-6);
  psorsim_engine_free(&eng);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_robertson_matches_sundials_reference),
      cmocka_unit_test(test_stopping_root_ends_the_run_and_fills_nan),
      cmocka_unit_test(test_root_action_doses_when_a_level_falls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
