/* tests/treatments/test_treated_model_rescale.c
 *
 * pop.potency_cv and pop.uvb_cv overrides move each patient's potency factor
 * to the run's CV with the patient's own deviate and keep the factor mean
 * one (psr_iiv_rescale, src/treatments/treated_model_iiv.c, used by each
 * patient's set-up).
 */
#include <math.h>

#include "psr_test.h"
#include "common/rng_impl.h"
#include "treatments/treated_model_impl.h"

#define N_DRAWS                40000
#define assert_near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* Mean and median of factors drawn at cv_old and carried to cv_new. */
static void moments(double cv_old, double cv_new, double *mean, double *below_one)
{
  psr_rng r;
  double sum = 0.0;
  long below = 0;
  psr_rng_init(&r, 20261205u, 3, 17, PSR_STREAM_DRUG);
  for (int i = 0; i < N_DRAWS; i++) {
    const double typical = 2.385;
    const double x = typical * psr_rng_lognormal_cv(&r, cv_old);
    const double f = psr_iiv_rescale(x, typical, cv_old, cv_new) / typical;
    sum += f;
    below += f < 1.0;
  }
  *mean = sum / N_DRAWS;
  *below_one = (double)below / N_DRAWS;
}

static void wider_cv_keeps_mean_one(void **state)
{
  double mean, below;
  (void)state;
  moments(0.65, 1.2, &mean, &below);
  /* mean one within sampling error (the SD of the mean is 1.2/sqrt(40000) = 0.006);
   * the old power rescaling gave 1.18 */
  assert_true(fabs(mean - 1.0) < 0.025);
  /* a mean-one log-normal at CV 1.2 has its median at exp(-w^2/2) = 0.64: P(f < 1) = 0.68 */
  assert_true(fabs(below - 0.679) < 0.01);
}

static void narrower_cv_keeps_mean_one(void **state)
{
  double mean, below;
  (void)state;
  moments(0.65, 0.2, &mean, &below);
  assert_true(fabs(mean - 1.0) < 0.01);
  assert_true(fabs(below - 0.540) < 0.01); /* Phi(w/2), w = 0.198 */
}

static void same_deviate_and_identity(void **state)
{
  const double w_old = sqrt(log1p(0.65 * 0.65)), w_new = sqrt(log1p(0.3 * 0.3));
  const double z = 1.7;
  const double x = 4.0 * exp(w_old * z - 0.5 * w_old * w_old);
  (void)state;
  assert_near(psr_iiv_rescale(x, 4.0, 0.65, 0.3), 4.0 * exp(w_new * z - 0.5 * w_new * w_new),
              1e-12);
  assert_near(psr_iiv_rescale(x, 4.0, 0.65, 0.65), x, 0.0);    /* same CV: untouched */
  assert_near(psr_iiv_rescale(x, 4.0, 0.65, 0.0), 4.0, 1e-12); /* no spread: typical */
  assert_near(psr_iiv_rescale(0.0, 4.0, 0.65, 0.3), 0.0, 0.0); /* no effect stays none */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wider_cv_keeps_mean_one),
      cmocka_unit_test(narrower_cv_keeps_mean_one),
      cmocka_unit_test(same_deviate_and_identity),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
