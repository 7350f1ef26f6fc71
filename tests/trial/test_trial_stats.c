/* tests/trial/test_trial_stats.c
 *
 * The statistics behind trial endpoints: Wilson intervals against the values
 * of Newcombe 1998 (Stat Med 17:857, Table I, method 3) and hand
 * computation, Student-t intervals against a hand computation, the
 * Kaplan-Meier median with censoring, and type-7 quantiles.
 */
#include <math.h>

#include "psr_test.h"
#include "common/stats_impl.h"
#include "trial/km.h"
#include "trial/trial_impl.h"

static void test_wilson_matches_published_values(void **state)
{
  double lo, hi;
  psorsim_wilson95(0, 10, &lo, &hi); /* Newcombe: 0.0000-0.2775 */
  assert_true(lo == 0.0);
  psr_assert_rel(hi, 27.753, 1e-4);
  psorsim_wilson95(5, 10, &lo, &hi); /* 0.2366-0.7634 */
  psr_assert_rel(lo, 23.659, 1e-4);
  psr_assert_rel(hi, 76.341, 1e-4);
  psorsim_wilson95(81, 100, &lo, &hi); /* hand: p = 0.81, z = 1.95996 */
  psr_assert_rel(lo, 72.2212, 1e-5);
  psr_assert_rel(hi, 87.4852, 1e-5);
  psorsim_wilson95(10, 10, &lo, &hi);
  psr_assert_rel(lo, 72.2467, 1e-5);
  assert_true(hi == 100.0);
  psorsim_wilson95(0, 0, &lo, &hi);
  assert_true(isnan(lo) && isnan(hi));
}

static void test_t_interval_matches_hand_computation(void **state)
{
  /* x = 2.1, 3.4, 1.9, 5.2, 4.4: mean 3.4, sd 1.4107, t(0.975, 4) = 2.776445 */
  const double x[6] = {2.1, 3.4, 1.9, NAN, 5.2, 4.4};
  double m, lo, hi;
  psr_mean_t95(x, 6, &m, &lo, &hi);
  psr_assert_rel(m, 3.4, 1e-12);
  psr_assert_rel(hi - m, 2.776445 * sqrt((1.69 + 0 + 2.25 + 3.24 + 1.0) / 4.0) / sqrt(5.0), 1e-6);
  psr_assert_rel(m - lo, hi - m, 1e-12);
  psr_assert_rel(psr_t975(10), 2.228139, 1e-6);
}

static void test_km_median_handles_censoring(void **state)
{
  /* times 2, 3+, 4, 5, 8+, 9: S drops to 5/6 at 2, to 5/6*3/4 = 0.625 at 4,
   * to 0.625*2/3 = 0.4167 at 5, so the median is 5. */
  const double t[7] = {5, 3, 8, 2, 9, NAN, 4};
  const int c[7] = {0, 1, 1, 0, 0, 0, 0};
  double scratch[14];
  psr_km_result km;
  psr_km_estimate(t, c, 7, scratch, &km);
  psr_assert_rel(km.median, 5.0, 1e-12);
  /* all censored: no median */
  const int all[3] = {1, 1, 1};
  psr_km_estimate(t, all, 3, scratch, &km);
  assert_true(isnan(km.median));
}

static void test_quantiles_type7(void **state)
{
  const double x[5] = {7.0, 1.0, NAN, 3.0, 5.0};
  double s[5];
  int k = psr_sort_finite(x, 5, s);
  assert_int_equal(k, 4);
  psr_assert_rel(psr_quantile_sorted(s, k, 0.5), 4.0, 1e-12);
  psr_assert_rel(psr_quantile_sorted(s, k, 0.05), 1.3, 1e-12);
  psr_assert_rel(psr_median(x, 5, s), 4.0, 1e-12);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wilson_matches_published_values),
      cmocka_unit_test(test_t_interval_matches_hand_computation),
      cmocka_unit_test(test_km_median_handles_censoring),
      cmocka_unit_test(test_quantiles_type7),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
