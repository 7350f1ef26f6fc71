/* tests/calib/test_calib_uvb.c
 *
 * The NB-UVB per-patient fit (psorsim_calib_uvb_patients, src/calib/uvb.c)
 * on real patients of the Watson 2021 cohort (the first rows of
 * ../shared/data/uvb-patients/calibration.csv): each fitted patient sits at
 * the lowest susceptibility whose psoriatic steady state reaches their
 * baseline PASI;
 * a course that the model itself produced (the fitted course of one real
 * patient, written back as "observed") is fitted again to the same
 * sensitivity with a residual of zero; and the covariate model (log
 * sensitivity on log susceptibility) equals a least-squares line computed
 * here by hand.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <psorsim/calibrate.h>
#include <psorsim/psoriasis.h>

#include "psr_test.h"

/* rows taken from the cohort: ID 1 (no session doses, not fitted), 3, 5 and 7, enough for the
 * covariate line */
#define N_ROWS 4

static char csv_path[256];
static char synth_path[256];
static psorsim_uvb_fit *subset_fit; /* the fit of the subset, shared by the tests */

/* The header and the first N_ROWS patients of the calibration CSV into csv_path. */
static void write_subset(void)
{
  const char *shared = getenv("PSORSIM_SHARED_DIR");
  char src[512], line[8192];
  FILE *in, *out;
  int n = 0;
  snprintf(src, sizeof(src), "%s/data/uvb-patients/calibration.csv", shared ? shared : "../shared");
  in = fopen(src, "r");
  assert_non_null(in);
  snprintf(csv_path, sizeof(csv_path), "/tmp/psorsim-test-uvb-%ld.csv", (long)getpid());
  out = fopen(csv_path, "w");
  assert_non_null(out);
  while (fgets(line, sizeof(line), in) != NULL && n <= N_ROWS) {
    fputs(line, out);
    n++;
  }
  fclose(in);
  fclose(out);
}

static psorsim_uvb_fit *fit_file(psorsim_ctx *ctx, const char *path)
{
  psorsim_uvb_fit *fit = NULL;
  assert_int_equal(psorsim_calib_uvb_patients(ctx, path, NULL, NULL, 0, &fit), PSORSIM_OK);
  assert_non_null(fit);
  return fit;
}

static void test_patients_start_at_their_own_baseline(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = psorsim_psoriasis_model();
  double p[512], y[512];
  int fitted = 0;
  const psorsim_uvb_fit *fit = subset_fit;
  (void)state;
  assert_int_equal(fit->n, N_ROWS);
  for (size_t i = 0; i < fit->n; i++) {
    const psorsim_uvb_patient *pt = &fit->patients[i];
    psorsim_psoriasis_summary s;
    if (isnan(pt->uvb_emax)) continue; /* no session doses */
    fitted++;
    psorsim_model_default_params(m, p);
    p[psorsim_model_param_index(m, "susceptibility")] = pt->susceptibility;
    p[psorsim_model_param_index(m, "site_sigma")] = 0.38; /* the population median */
    assert_int_equal(psorsim_psoriasis_steady_state(ctx, p, PSORSIM_PSORIASIS_PSORIATIC, y, &s),
                     PSORSIM_OK);
    print_message("  patient %d: baseline %.1f, susceptibility %.3f (model PASI %.2f), emax %.4f, "
                  "RMSE %.2f\n",
                  pt->id, pt->baseline, pt->susceptibility, s.pasi, pt->uvb_emax, pt->rmse);
    /* PASI rises with susceptibility, in steps where a site gains its psoriatic branch: the
     * match is the lowest susceptibility whose PASI reaches the baseline */
    assert_true(s.pasi >= pt->baseline);
    p[psorsim_model_param_index(m, "susceptibility")] = pt->susceptibility * (1.0 - 1e-6);
    if (psorsim_psoriasis_steady_state(ctx, p, PSORSIM_PSORIASIS_PSORIATIC, y, &s) == PSORSIM_OK)
      assert_true(s.pasi < pt->baseline);
    assert_true(pt->uvb_emax > 0.003 && pt->uvb_emax < 3.0);
    assert_true(pt->rmse < 3.5); /* PASI points: the courses are reproduced */
  }
  assert_true(fitted >= 3);
  psorsim_ctx_free(&ctx);
}

/* Rewrite csv_path with the weekly PASI of row `row` replaced by the fit's
 * prediction (to 3 decimals), into synth_path. */
static void write_synthetic(const psorsim_uvb_patient *pt, int row)
{
  char line[8192];
  FILE *in = fopen(csv_path, "r"), *out;
  int n = 0;
  assert_non_null(in);
  snprintf(synth_path, sizeof(synth_path), "/tmp/psorsim-test-uvb-synth-%ld.csv", (long)getpid());
  out = fopen(synth_path, "w");
  assert_non_null(out);
  while (fgets(line, sizeof(line), in) != NULL) {
    if (n == 0 || n == row) {
      if (n == 0) {
        fputs(line, out);
      } else { /* ID, PASI_PRE_TREATMENT, weeks 1-12, then the rest unchanged */
        char *rest = line;
        int field = 0;
        fprintf(out, "%d,%.3f", pt->id, pt->baseline);
        while (field < 14 && (rest = strchr(rest, ',')) != NULL) {
          rest++;
          field++;
        }
        assert_non_null(rest);
        for (int w = 1; w <= 12; w++) {
          if (isnan(pt->week_obs[w]))
            fputs(",", out);
          else
            fprintf(out, ",%.3f", pt->week_pred[w]);
        }
        fprintf(out, ",%s", rest);
      }
    }
    n++;
  }
  fclose(in);
  fclose(out);
}

static void test_a_model_course_is_fitted_back(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_uvb_fit *fit = subset_fit;
  (void)state;
  /* the second patient of the file (ID 3) has doses and weekly PASI */
  const psorsim_uvb_patient *pt = &fit->patients[1];
  assert_false(isnan(pt->uvb_emax));
  write_synthetic(pt, 2);
  psorsim_uvb_fit *again = fit_file(ctx, synth_path);
  assert_int_equal(again->n, 1);
  print_message("  patient %d: emax %.5f, refitted %.5f (RMSE %.4f)\n", pt->id, pt->uvb_emax,
                again->patients[0].uvb_emax, again->patients[0].rmse);
  psr_assert_rel(again->patients[0].uvb_emax, pt->uvb_emax, 0.01);
  assert_true(again->patients[0].rmse < 0.01);
  psorsim_uvb_fit_free(&again);
  unlink(synth_path);
  psorsim_ctx_free(&ctx);
}

static void test_covariate_model_is_the_least_squares_line(void **state)
{
  const psorsim_uvb_fit *fit = subset_fit;
  double sx = 0, sy = 0, sxx = 0, sxy = 0, ss = 0;
  int n = 0;
  (void)state;
  for (size_t i = 0; i < fit->n; i++) {
    const psorsim_uvb_patient *pt = &fit->patients[i];
    if (isnan(pt->uvb_emax)) continue;
    const double x = log(pt->susceptibility / fit->susc_ref), y = log(pt->uvb_emax);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
    n++;
  }
  const double slope = (sxy - sx * sy / n) / (sxx - sx * sx / n);
  const double icept = (sy - slope * sx) / n;
  for (size_t i = 0; i < fit->n; i++) {
    const psorsim_uvb_patient *pt = &fit->patients[i];
    if (isnan(pt->uvb_emax)) continue;
    const double r = log(pt->uvb_emax) - icept - slope * log(pt->susceptibility / fit->susc_ref);
    ss += r * r;
  }
  psr_assert_rel(fit->susc_ref, 0.95, 1e-12); /* the population median susceptibility */
  psr_assert_rel(fit->susc_exponent, slope, 1e-9);
  psr_assert_rel(fit->typical, exp(icept), 1e-9);
  psr_assert_rel(fit->resid_cv, sqrt(expm1(ss / (n - 2))), 1e-9);
}

static int setup(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  (void)state;
  write_subset();
  subset_fit = fit_file(ctx, csv_path);
  psorsim_ctx_free(&ctx);
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  psorsim_uvb_fit_free(&subset_fit);
  unlink(csv_path);
  return 0;
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_patients_start_at_their_own_baseline),
      cmocka_unit_test(test_a_model_course_is_fitted_back),
      cmocka_unit_test(test_covariate_model_is_the_least_squares_line),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
