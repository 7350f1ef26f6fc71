/* tests/calib/test_calib.c
 *
 * Run-time overrides and the calibration library (src/trial/overrides.c,
 * src/calib/): an override changes exactly the named parameter (secukinumab
 * ec50 x 10 lowers its PASI75 and leaves the placebo arm bit-identical; an
 * unknown name is an input error; pop.* settings are checked), the
 * calibration recovers a known ec50 from an "observed" value that psorsim
 * itself produced, and configuration errors name file:line:key.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <psorsim/calibrate.h>
#include <psorsim/trial.h>

#include "psr_test.h"

static const char erasure_like[] =
    "name: override test\n"
    "seed: 77\n"
    "population:\n"
    "  patients_per_arm: 40\n"
    "  inclusion: {pasi_min: 12}\n"
    "  baseline: {pasi_mean: 22, weight_kg_mean: 88}\n"
    "weeks: 12\n"
    "arms:\n"
    "  - name: placebo\n"
    "    regimen: []\n"
    "  - name: secukinumab\n"
    "    regimen:\n"
    "      - {drug: secukinumab, dose: 300 mg, route: subcutaneous,\n"
    "         at_weeks: [0, 1, 2, 3, 4], then_every_weeks: 4}\n"
    "endpoints: [pasi75@12, pasi_change@12]\n";

static psorsim_trial_result *run_with(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                                      const char *name, double value)
{
  psorsim_trial_options opt = {0};
  psorsim_trial_result *r = NULL;
  const char *names[1] = {name};
  double values[1] = {value};
  opt.threads = 2;
  if (name != NULL) {
    opt.override_names = names;
    opt.override_values = values;
    opt.n_overrides = 1;
  }
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_OK);
  return r;
}

static void test_override_changes_named_parameter(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *base, *weak, *same;
  (void)state;
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, erasure_like, "t.yaml", &spec), PSORSIM_OK);
  base = run_with(ctx, spec, NULL, 0.0);
  weak = run_with(ctx, spec, "secukinumab.il17.ec50", 203.2); /* 100 x the library's 2.032 */
  same = run_with(ctx, spec, "secukinumab.il17.ec50", 2.032); /* the library value: no change */
  /* the active arm responds much less */
  assert_true(weak->arms[1].endpoints[0].estimate < base->arms[1].endpoints[0].estimate - 20.0);
  assert_true(weak->arms[1].endpoints[1].estimate < base->arms[1].endpoints[1].estimate - 10.0);
  /* the placebo arm lacks secukinumab: bit-identical */
  assert_memory_equal(weak->arms[0].endpoints, base->arms[0].endpoints,
                      2 * sizeof(psorsim_estimate));
  assert_memory_equal(weak->arms[0].pasi_mean, base->arms[0].pasi_mean,
                      (size_t)base->arms[0].n_visits * sizeof(double));
  /* overriding with the library's own value changes nothing */
  assert_memory_equal(same->arms[1].endpoints, base->arms[1].endpoints,
                      2 * sizeof(psorsim_estimate));
  psorsim_trial_result_free(&base);
  psorsim_trial_result_free(&weak);
  psorsim_trial_result_free(&same);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_override_errors(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_options opt = {0};
  psorsim_trial_result *r = NULL;
  const char *bad[1] = {"secukinumab.il17.ec5"};
  const char *badpop[1] = {"pop.potency_cv"};
  double v[1] = {1.0}, neg[1] = {-1.0};
  (void)state;
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, erasure_like, "t.yaml", &spec), PSORSIM_OK);
  opt.patients_per_arm = 4;
  opt.override_names = bad;
  opt.override_values = v;
  opt.n_overrides = 1;
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "secukinumab.il17.ec5"));
  opt.override_names = badpop;
  opt.override_values = neg;
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "pop.potency_cv"));
  assert_null(r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* A one-arm trial file with an observed value, in a temporary directory. */
static const char synth_trial[] = "name: synthetic\n"
                                  "population:\n"
                                  "  patients_per_arm: 30\n"
                                  "  inclusion: {pasi_min: 12}\n"
                                  "  baseline: {pasi_mean: 22}\n"
                                  "weeks: 4\n"
                                  "arms:\n"
                                  "  - name: secukinumab\n"
                                  "    regimen:\n"
                                  "      - {drug: secukinumab, dose: 300 mg, route: subcutaneous,\n"
                                  "         at_weeks: [0, 1, 2, 3, 4]}\n"
                                  "endpoints: [pasi_change@2, pasi_change@4]\n";

static void test_calibrate_recovers_known_ec50(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *truth;
  psorsim_calib_config *cfg = NULL;
  psorsim_calib_result *fit = NULL;
  const double true_ec50 = 12.0;
  char dir[] = "/tmp/psorsim-calib-XXXXXX", path[256], cfg_text[1024];
  FILE *fp;
  (void)state;
  assert_non_null(mkdtemp(dir));
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, synth_trial, "s.yaml", &spec), PSORSIM_OK);
  {
    psorsim_trial_options opt = {0};
    const char *names[1] = {"secukinumab.il17.ec50"};
    double values[1] = {true_ec50};
    opt.threads = 2;
    opt.seed_given = 1;
    opt.seed = 99;
    opt.override_names = names;
    opt.override_values = values;
    opt.n_overrides = 1;
    assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &truth), PSORSIM_OK);
  }
  snprintf(path, sizeof(path), "%s/synthetic.yaml", dir);
  fp = fopen(path, "w");
  assert_non_null(fp);
  fprintf(fp, "%sobserved:\n  secukinumab: {pasi_change@2: %.6f, pasi_change@4: %.6f}\n",
          synth_trial, truth->arms[0].endpoints[0].estimate, truth->arms[0].endpoints[1].estimate);
  fclose(fp);
  snprintf(cfg_text, sizeof(cfg_text),
           "files: [synthetic.yaml]\n"
           "patients_per_arm: 30\n"
           "seed: 99\n"
           "threads: 2\n"
           "parameters:\n"
           "  - {name: secukinumab.il17.ec50, start: 3.9, lower: 0.5, upper: 60, log: true}\n"
           "  - {name: pop.uvb_cv, start: 0.3, prior: 0.9, lower: 0.1, upper: 3, log: true}\n"
           "optimizer: {algorithm: bobyqa, max_evals: 40, initial_step: 0.2, xtol_rel: 0.001}\n");
  snprintf(path, sizeof(path), "%s/calib.yaml", dir);
  assert_int_equal(psorsim_calib_config_parse(ctx, cfg_text, strlen(cfg_text), path, &cfg),
                   PSORSIM_OK);
  assert_int_equal(psorsim_calib_fit(ctx, cfg, NULL, NULL, NULL, NULL, &fit), PSORSIM_OK);
  psr_assert_rel(fit->best[0], true_ec50, 0.10);
  /* no arm of the file has UVB, so nothing informs the UVB spread: it stays at its prior */
  psr_assert_close(fit->start[1], 0.9, 0.0, 1e-12);
  psr_assert_close(fit->best[1], 0.9, 0.0, 1e-12);
  assert_true(fit->objective < 1.0);
  assert_true(fit->n_evals >= 3 && fit->n_evals <= 40);
  assert_int_equal((int)fit->n_obs, 2);
  snprintf(path, sizeof(path), "%s/synthetic.yaml", dir);
  unlink(path);
  rmdir(dir);
  psorsim_calib_result_free(&fit);
  psorsim_calib_config_free(&cfg);
  psorsim_trial_result_free(&truth);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* Parse `text`; expect PSORSIM_EINPUT with `want` in the message. */
static void expect_config_error(const char *text, const char *want)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_calib_config *cfg = NULL;
  assert_int_equal(psorsim_calib_config_parse(ctx, text, strlen(text), "cfg.yaml", &cfg),
                   PSORSIM_EINPUT);
  if (strstr(psorsim_ctx_errmsg(ctx), want) == NULL) {
    print_error("message '%s' lacks '%s'\n", psorsim_ctx_errmsg(ctx), want);
    fail();
  }
  assert_null(cfg);
  psorsim_ctx_free(&ctx);
}

static void test_config_errors_name_file_line_key(void **state)
{
  (void)state;
  expect_config_error("files: [a.yaml]\n"
                      "parameters:\n"
                      "  - name: x.ec50\n"
                      "    start: 1\n"
                      "    lower: abc\n"
                      "    upper: 2\n",
                      "cfg.yaml:5: parameters[0].lower: expected a number, got \"abc\"");
  expect_config_error("files: [a.yaml]\n"
                      "parameters:\n"
                      "  - {name: x, start: 3, lower: 1, upper: 2}\n",
                      "cfg.yaml:3: parameters[0].start: 3 is outside [1, 2]");
  expect_config_error("files: [a.yaml]\n"
                      "parameters:\n"
                      "  - {name: x, start: 1.5, prior: 0.5, lower: 1, upper: 2}\n",
                      "cfg.yaml:3: parameters[0].prior: 0.5 is outside [1, 2]");
  expect_config_error("files: [a.yaml]\n"
                      "parameters:\n"
                      "  - {name: x, start: 1, lower: 0, upper: 2, log: true}\n",
                      "cfg.yaml:3: parameters[0].lower: must be > 0 with log: true");
  expect_config_error("files: [a.yaml]\n"
                      "parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n"
                      "optimiser: {algorithm: bobyqa}\n",
                      "cfg.yaml:3: optimiser: unknown key");
  expect_config_error("files: [a.yaml]\n"
                      "parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n"
                      "optimizer:\n"
                      "  algorithm: lbfgs\n",
                      "cfg.yaml:4: optimizer.algorithm: 'lbfgs' is not bobyqa");
  expect_config_error("parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n",
                      "cfg.yaml:1: files: missing");
  /* the file walker's checks, as in trial files: required and repeated keys, near misses */
  expect_config_error("files: [a.yaml]\n"
                      "parameters:\n"
                      "  - {name: x, lower: 0, upper: 2}\n",
                      "cfg.yaml:3: parameters[0].start: missing (required)");
  expect_config_error("files: [a.yaml]\n"
                      "parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n"
                      "seed: 1\n"
                      "seed: 2\n",
                      "cfg.yaml:4: seed: key given twice (first at line 3)");
  expect_config_error("files: [{path: a.yaml, wieght: 2}]\n"
                      "parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n",
                      "cfg.yaml:1: files[0].wieght: unknown key in a file entry (did you mean "
                      "\"weight\"?)");
  expect_config_error("files: [a.yaml]\n"
                      "parameters: [{name: x, start: 1, lower: 0, upper: 2}]\n"
                      "threads: 2.5\n",
                      "cfg.yaml:3: threads: expected a whole number, got \"2.5\"");
}

static void test_unit_box_mapping(void **state)
{
  psorsim_calib_param p = {0};
  (void)state;
  p.lower = 0.1;
  p.upper = 10.0;
  p.log_scale = 1;
  psr_assert_rel(psorsim_calib_to_value(&p, 0.5), 1.0, 1e-12);
  psr_assert_rel(psorsim_calib_to_unit(&p, 1.0), 0.5, 1e-12);
  p.log_scale = 0;
  psr_assert_rel(psorsim_calib_to_value(&p, 0.5), 5.05, 1e-12);
  psr_assert_rel(psorsim_calib_to_unit(&p, 20.0), 1.0, 0.0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_unit_box_mapping),
      cmocka_unit_test(test_config_errors_name_file_line_key),
      cmocka_unit_test(test_override_errors),
      cmocka_unit_test(test_override_changes_named_parameter),
      cmocka_unit_test(test_calibrate_recovers_known_ec50),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
