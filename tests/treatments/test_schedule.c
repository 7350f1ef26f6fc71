/* tests/treatments/test_schedule.c
 *
 * Schedule expansion (src/treatments/schedule.c): every mode gives exactly
 * the dose days worked out by hand, from_week/until_week and the trial end
 * bound them (a dose at exactly the end or at until_week is dropped), the
 * count-then-fill protocol works, and inconsistent schedules are EINVAL.
 */
#include <math.h>
#include <string.h>

#include "psr_test.h"

#include <psorsim/trial_spec.h>

/* Expand and compare with the expected days (exact: all are sums of small
 * binary-exact numbers or of 3.5). */
static void expect_days(const psorsim_schedule *s, double weeks, const double *want, size_t n_want)
{
  psorsim_ctx *ctx = psr_test_ctx();
  double got[256];
  size_t n = 999;
  assert_int_equal(psorsim_schedule_expand(ctx, s, weeks, got, 256, &n), PSORSIM_OK);
  if (n != n_want) print_error("got %zu dose times, expected %zu\n", n, n_want);
  assert_int_equal(n, n_want);
  for (size_t i = 0; i < n; i++)
    psr_assert_close(got[i], want[i], 0.0, 1e-12);
  psorsim_ctx_free(&ctx);
}

static void test_schedule_explicit_then_every(void **state)
{
  /* ERASURE secukinumab: at_weeks [0,1,2,3,4], then_every_weeks 4, 12 weeks.
   * Week 12 (day 84) is the trial end and is dropped. */
  const double at[] = {0, 7, 14, 21, 28};
  psorsim_schedule s = {
      .mode = PSORSIM_SCHEDULE_EXPLICIT, .at_day = at, .n_at = 5, .then_every_day = 28};
  expect_days(&s, 12, (const double[]){0, 7, 14, 21, 28, 56}, 6);
  /* the same over 52 weeks with until_week 24: 56, 84, 112, 140 (168 excluded) */
  s.until_given = 1;
  s.until_day = 168;
  expect_days(&s, 52, (const double[]){0, 7, 14, 21, 28, 56, 84, 112, 140}, 9);
}

static void test_schedule_dose_at_trial_end_is_dropped(void **state)
{
  const double at[] = {0, 84};
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_EXPLICIT, .at_day = at, .n_at = 2};
  expect_days(&s, 12, (const double[]){0}, 1);
  expect_days(&s, 12.5, (const double[]){0, 84}, 2);
}

static void test_schedule_explicit_filtered_by_from(void **state)
{
  /* at_days [0, 3, 10] with from_week 5/7 (day 5): only day 10 remains */
  const double at[] = {0, 3, 10};
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_EXPLICIT, .at_day = at, .n_at = 3, .from_day = 5};
  expect_days(&s, 4, (const double[]){10}, 1);
}

static void test_schedule_periodic(void **state)
{
  /* methotrexate every_weeks 1 from_week 2 until_week 8 (CHAMPION): 14..49 */
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_PERIODIC,
                        .every_day = 7,
                        .from_day = 14,
                        .until_given = 1,
                        .until_day = 56};
  expect_days(&s, 16, (const double[]){14, 21, 28, 35, 42, 49}, 6);
}

static void test_schedule_periodic_fractional_days(void **state)
{
  /* etanercept every_days 3.5 for 12 weeks: 0, 3.5, ..., 80.5 (84 = end, dropped) */
  double want[24];
  for (int i = 0; i < 24; i++)
    want[i] = 3.5 * i;
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_PERIODIC, .every_day = 3.5};
  expect_days(&s, 12, want, 24);
}

static void test_schedule_daily(void **state)
{
  /* times_per_day 2 from week 1 until week 2: 7, 7.5, ..., 13.5 */
  double want[14];
  for (int i = 0; i < 14; i++)
    want[i] = 7 + 0.5 * i;
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_DAILY,
                        .per_day = 2,
                        .from_day = 7,
                        .until_given = 1,
                        .until_day = 14};
  expect_days(&s, 12, want, 14);
  /* three times a day for two days */
  psorsim_schedule t = {
      .mode = PSORSIM_SCHEDULE_DAILY, .per_day = 3, .until_given = 1, .until_day = 2};
  expect_days(&t, 1, (const double[]){0, 1.0 / 3, 2.0 / 3, 1, 4.0 / 3, 5.0 / 3}, 6);
}

static void test_schedule_sessions_patterns(void **state)
{
  /* two weeks of each pattern */
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_SESSIONS};
  s.sessions_per_week = 1;
  expect_days(&s, 2, (const double[]){0, 7}, 2);
  s.sessions_per_week = 2;
  expect_days(&s, 2, (const double[]){0, 3, 7, 10}, 4);
  s.sessions_per_week = 3; /* Mon/Wed/Fri */
  expect_days(&s, 2, (const double[]){0, 2, 4, 7, 9, 11}, 6);
  s.sessions_per_week = 4;
  expect_days(&s, 2, (const double[]){0, 1, 3, 4, 7, 8, 10, 11}, 8);
  s.sessions_per_week = 5;
  expect_days(&s, 2, (const double[]){0, 1, 2, 3, 4, 7, 8, 9, 10, 11}, 10);
  s.sessions_per_week = 6;
  expect_days(&s, 2, (const double[]){0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12}, 12);
  s.sessions_per_week = 7;
  expect_days(&s, 2, (const double[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, 14);
  /* from week 1 in a 3-week trial, until day 16: 7, 9, 11, 14 */
  s.sessions_per_week = 3;
  s.from_day = 7;
  s.until_given = 1;
  s.until_day = 16;
  expect_days(&s, 3, (const double[]){7, 9, 11, 14}, 4);
}

static void test_schedule_none_has_no_doses(void **state)
{
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_NONE};
  expect_days(&s, 12, NULL, 0);
}

static void test_schedule_count_then_fill(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_PERIODIC, .every_day = 7};
  double buf[3] = {-1, -1, -1};
  size_t n = 0;
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 10, NULL, 0, &n), PSORSIM_OK);
  assert_int_equal(n, 10);
  /* a short buffer gets the first times and the full count */
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 10, buf, 2, &n), PSORSIM_OK);
  assert_int_equal(n, 10);
  assert_true(buf[0] == 0 && buf[1] == 7 && buf[2] == -1);
  psorsim_ctx_free(&ctx);
}

static void test_schedule_rejects_inconsistent(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const double down[] = {7, 0};
  size_t n;
  psorsim_schedule s = {.mode = PSORSIM_SCHEDULE_DAILY, .per_day = 0};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "per_day"));
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_SESSIONS, .sessions_per_week = 8};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_PERIODIC, .every_day = 0};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_EXPLICIT, .at_day = down, .n_at = 2};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_EXPLICIT, .n_at = 0};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = (psorsim_schedule_mode)42};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_NONE, .from_day = -1};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 0, &n), PSORSIM_EINVAL);
  s = (psorsim_schedule){.mode = PSORSIM_SCHEDULE_NONE};
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 0, NULL, 0, &n), PSORSIM_EINVAL);
  assert_int_equal(psorsim_schedule_expand(ctx, &s, NAN, NULL, 0, &n), PSORSIM_EINVAL);
  assert_int_equal(psorsim_schedule_expand(ctx, NULL, 4, NULL, 0, &n), PSORSIM_EINVAL);
  assert_int_equal(psorsim_schedule_expand(ctx, &s, 4, NULL, 3, &n), PSORSIM_EINVAL);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_schedule_explicit_then_every),
      cmocka_unit_test(test_schedule_dose_at_trial_end_is_dropped),
      cmocka_unit_test(test_schedule_explicit_filtered_by_from),
      cmocka_unit_test(test_schedule_periodic),
      cmocka_unit_test(test_schedule_periodic_fractional_days),
      cmocka_unit_test(test_schedule_daily),
      cmocka_unit_test(test_schedule_sessions_patterns),
      cmocka_unit_test(test_schedule_none_has_no_doses),
      cmocka_unit_test(test_schedule_count_then_fill),
      cmocka_unit_test(test_schedule_rejects_inconsistent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
