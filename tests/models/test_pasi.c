/* tests/models/test_pasi.c
 *
 * PASI scoring (src/models/pasi.c) against hand-computed examples: the area
 * bands and their half-open edges, the guide's worked example (PASI 16.1),
 * the maximum of 72, and the continuous area score's knots.
 */
#include "psr_test.h"

#include <math.h>

#include <psorsim/psoriasis.h>

static void test_pasi_area_score_bands(void **state)
{
  (void)state;
  /* bands: 0 | >0-<10 | 10-<30 | 30-<50 | 50-<70 | 70-<90 | 90-100 (guide 7.1) */
  assert_int_equal(psorsim_pasi_area_score(0.0), 0);
  assert_int_equal(psorsim_pasi_area_score(-3.0), 0);
  assert_int_equal(psorsim_pasi_area_score(NAN), 0);
  assert_int_equal(psorsim_pasi_area_score(0.01), 1);
  assert_int_equal(psorsim_pasi_area_score(9.99), 1);
  assert_int_equal(psorsim_pasi_area_score(10.0), 2);
  assert_int_equal(psorsim_pasi_area_score(29.9), 2);
  assert_int_equal(psorsim_pasi_area_score(30.0), 3);
  assert_int_equal(psorsim_pasi_area_score(49.9), 3);
  assert_int_equal(psorsim_pasi_area_score(50.0), 4);
  assert_int_equal(psorsim_pasi_area_score(69.9), 4);
  assert_int_equal(psorsim_pasi_area_score(70.0), 5);
  assert_int_equal(psorsim_pasi_area_score(89.9), 5);
  assert_int_equal(psorsim_pasi_area_score(90.0), 6);
  assert_int_equal(psorsim_pasi_area_score(100.0), 6);
  assert_int_equal(psorsim_pasi_area_score(120.0), 6);
}

static void test_pasi_compute_worked_example(void **state)
{
  /* guide disease-model.md 7.1, by hand: head E2 I1 S1 15 % -> 0.1*4*2 = 0.8; arms E3 I2 S2
   * 30 % -> 0.2*7*3 = 4.2; trunk E2 I2 S1 5 % -> 0.3*5*1 = 1.5; legs E3 I3 S2 45 % ->
   * 0.4*8*3 = 9.6; PASI = 16.1. */
  const double e[4] = {2, 3, 2, 3}, i[4] = {1, 2, 2, 3}, d[4] = {1, 2, 1, 2};
  const double area[4] = {15, 30, 5, 45};
  (void)state;
  psr_assert_close(psorsim_pasi_compute(e, i, d, area), 16.1, 1e-12, 1e-12);
}

static void test_pasi_compute_second_example(void **state)
{
  /* by hand: head E1 I1 S0 60 % -> 0.1*2*4 = 0.8; arms 0 % -> 0; trunk E4 I3 S3 92 % ->
   * 0.3*10*6 = 18; legs E2 I2 S2 9.5 % -> 0.4*6*1 = 2.4; PASI = 21.2 */
  const double e[4] = {1, 3, 4, 2}, i[4] = {1, 3, 3, 2}, d[4] = {0, 3, 3, 2};
  const double area[4] = {60, 0, 92, 9.5};
  (void)state;
  psr_assert_close(psorsim_pasi_compute(e, i, d, area), 21.2, 1e-12, 1e-12);
}

static void test_pasi_compute_extremes(void **state)
{
  const double four[4] = {4, 4, 4, 4}, zero[4] = {0, 0, 0, 0}, full[4] = {100, 100, 100, 100};
  (void)state;
  psr_assert_close(psorsim_pasi_compute(four, four, four, full), 72.0, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_compute(zero, zero, zero, full), 0.0, 0.0, 1e-15);
  psr_assert_close(psorsim_pasi_compute(four, four, four, zero), 0.0, 0.0, 1e-15);
}

static void test_pasi_area_score_continuous(void **state)
{
  (void)state;
  psr_assert_close(psorsim_pasi_area_score_continuous(0.0), 0.0, 0.0, 1e-15);
  psr_assert_close(psorsim_pasi_area_score_continuous(2.5), 0.5, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(5.0), 1.0, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(20.0), 2.0, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(30.0), 2.5, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(80.0), 5.0, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(95.0), 6.0, 1e-12, 1e-12);
  psr_assert_close(psorsim_pasi_area_score_continuous(100.0), 6.0, 1e-12, 1e-12);
  /* it agrees with the banded score at every band midpoint */
  const double mid[6] = {5, 20, 40, 60, 80, 95};
  for (int k = 0; k < 6; k++) {
    psr_assert_close(psorsim_pasi_area_score_continuous(mid[k]),
                     (double)psorsim_pasi_area_score(mid[k]), 1e-12, 1e-12);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pasi_area_score_bands),
      cmocka_unit_test(test_pasi_compute_worked_example),
      cmocka_unit_test(test_pasi_compute_second_example),
      cmocka_unit_test(test_pasi_compute_extremes),
      cmocka_unit_test(test_pasi_area_score_continuous),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
