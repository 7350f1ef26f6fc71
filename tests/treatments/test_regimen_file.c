/* tests/treatments/test_regimen_file.c
 *
 * The regimen-file reader (psorsim_regimen_spec_*): the list form and the
 * mapping form give the same arm; the implied run length; every shipped
 * example in examples/regimens/ loads, validates against the library and
 * turns into events; and bad files fail with one message naming
 * FILE:LINE, the key and the treatment, with the status of the trial-file
 * reader (EUNIT for units, EINPUT otherwise, EIO for a missing file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/psoriasis.h>
#include <psorsim/regimen.h>
#include <psorsim/regimen_file.h>
#include <psorsim/treated_model.h>

#include "psr_test.h"

/* The source tree: $PSORSIM_SOURCE_DIR, or derived from this file's path. */
static const char *source_dir(void)
{
  static char dir[4096];
  const char *env = getenv("PSORSIM_SOURCE_DIR");
  if (env != NULL) return env;
  snprintf(dir, sizeof(dir), "%s", __FILE__);
  for (int up = 0; up < 3; up++) {
    char *slash = strrchr(dir, '/');
    if (slash != NULL) *slash = '\0';
  }
  return dir;
}

static void test_list_and_mapping_forms_give_the_same_arm(void **state)
{
  (void)state;
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *a = NULL, *b = NULL;
  const char *list = "# secukinumab as in ERASURE\n"
                     "- drug: secukinumab\n"
                     "  dose: 300 mg\n"
                     "  at_weeks: [0, 1, 2, 3, 4]\n"
                     "  then_every_weeks: 4\n"
                     "- {lifestyle: stress_reduction, from_week: 2, until_week: 10}\n";
  const char *map = "name: secukinumab 300 mg\n"
                    "note: ERASURE\n"
                    "weeks: 52\n"
                    "regimen:\n"
                    "  - drug: secukinumab\n"
                    "    dose: 0.3 g\n"
                    "    at_weeks: [0, 1, 2, 3, 4]\n"
                    "    then_every_weeks: 4\n"
                    "  - {lifestyle: stress_reduction, from_week: 2, until_week: 10}\n";
  assert_int_equal(psorsim_regimen_spec_parse_string(ctx, list, "list.yaml", &a), PSORSIM_OK);
  assert_int_equal(psorsim_regimen_spec_parse_string(ctx, map, "map.yaml", &b), PSORSIM_OK);
  assert_string_equal(a->source, "list.yaml");
  assert_null(a->name);
  assert_string_equal(a->arm.name, "regimen");
  assert_int_equal(a->weeks.given, 0);
  assert_string_equal(b->name, "secukinumab 300 mg");
  assert_string_equal(b->arm.name, "secukinumab 300 mg");
  assert_string_equal(b->note, "ERASURE");
  assert_int_equal(a->arm.n_regimen, 2);
  assert_int_equal(b->arm.n_regimen, 2);
  for (size_t i = 0; i < 2; i++) {
    const psorsim_regimen_entry *x = &a->arm.regimen[i], *y = &b->arm.regimen[i];
    assert_int_equal(x->kind, y->kind);
    assert_string_equal(x->name, y->name);
    assert_int_equal(x->dose.unit, y->dose.unit);
    psr_assert_rel(x->dose.value, y->dose.value, 1e-12);
    assert_int_equal(x->schedule.mode, y->schedule.mode);
    assert_int_equal(x->schedule.n_at, y->schedule.n_at);
    psr_assert_close(x->schedule.then_every_day, y->schedule.then_every_day, 0, 0);
  }
  assert_int_equal(a->arm.regimen[0].line, 2);
  assert_int_equal(a->arm.regimen[0].dose_line, 3);
  psr_assert_rel(a->arm.regimen[0].dose.value, 300.0, 1e-12);
  psr_assert_rel(a->arm.regimen[0].schedule.at_day[4], 28.0, 1e-12);
  psr_assert_rel(a->arm.regimen[0].schedule.then_every_day, 28.0, 1e-12);
  psr_assert_rel(a->arm.regimen[1].schedule.until_day, 70.0, 1e-12);
  /* run length: `weeks:` when given; else only when every entry has until_week */
  psr_assert_rel(psorsim_regimen_spec_weeks(b), 52.0, 0);
  psr_assert_close(psorsim_regimen_spec_weeks(a), 0.0, 0, 0);
  psorsim_regimen_spec_free(&a);
  psorsim_regimen_spec_free(&b);
  assert_null(a);
  psorsim_regimen_spec_free(&a); /* NULL is fine */
  psorsim_regimen_spec_free(NULL);

  assert_int_equal(psorsim_regimen_spec_parse_string(
                       ctx,
                       "- {drug: methotrexate, dose: 15 mg, route: oral, every_weeks: 1, "
                       "until_week: 12}\n"
                       "- {topical: calcipotriol, strength: 0.005 %, times_per_day: 2, "
                       "until_week: 8.5}\n",
                       "ends.yaml", &a),
                   PSORSIM_OK);
  psr_assert_rel(psorsim_regimen_spec_weeks(a), 12.0, 1e-12);
  psorsim_regimen_spec_free(&a);
  assert_int_equal(psorsim_regimen_spec_parse_string(ctx, "[]\n", "placebo.yaml", &a), 0);
  assert_int_equal(a->arm.n_regimen, 0);
  psr_assert_close(psorsim_regimen_spec_weeks(a), 0.0, 0, 0);
  psorsim_regimen_spec_free(&a);
  psorsim_ctx_free(&ctx);
}

/* Parse `yaml` as `name`; expect `status` and every fragment in the message. */
static void expect_error(const char *yaml, int status, const char *const *fragments)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *spec = NULL;
  int rc = psorsim_regimen_spec_parse_string(ctx, yaml, "bad.yaml", &spec);
  const char *msg = psorsim_ctx_errmsg(ctx);
  print_message("  %s\n", msg);
  assert_int_equal(rc, status);
  assert_null(spec);
  assert_null(strchr(msg, '\n'));
  for (size_t i = 0; fragments[i] != NULL; i++) {
    if (strstr(msg, fragments[i]) == NULL) fail_msg("'%s' not in '%s'", fragments[i], msg);
  }
  psorsim_ctx_free(&ctx);
}

static void test_bad_files_name_file_line_key_and_treatment(void **state)
{
  (void)state;
  /* a unit that cannot be converted: the reader's message plus the entry */
  expect_error("- drug: adalimumab\n  dose: 40 mg\n  at_weeks: [0]\n"
               "- drug: secukinumab\n  dose: 300 mL\n  at_weeks: [0, 4]\n",
               PSORSIM_EUNIT,
               (const char *const[]){"bad.yaml:5: regimen[1].dose: ", "\"300 mL\"",
                                     "(entry: drug secukinumab)", NULL});
  /* a route the drug does not have (the names table) */
  expect_error("regimen:\n  - {drug: apremilast, dose: 30 mg, route: subcutaneous, "
               "times_per_day: 2}\n",
               PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:2: regimen[0].route: ",
                                     "apremilast cannot be given by the subcutaneous route", NULL});
  /* an unknown drug */
  expect_error("- {drug: secukinumap, dose: 300 mg, at_weeks: [0]}\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:1: regimen[0].drug: ", "\"secukinumap\"",
                                     "did you mean \"secukinumab\"", NULL});
  /* an unknown key of an entry, and of the file */
  expect_error("- drug: guselkumab\n  dose: 100 mg\n  at_week: [0, 4]\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:3: regimen[0].at_week: ", "did you mean",
                                     "(entry: drug guselkumab)", NULL});
  expect_error("name: x\nregimens: []\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:2: regimens: ", "did you mean \"regimen\"", NULL});
  expect_error("name: x\nweeks: 12\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:1: regimen: missing", NULL});
  expect_error("weeks: -3\nregimen: []\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:1: weeks: ", NULL});
  /* wrong top level, empty file, broken YAML */
  expect_error("secukinumab 300 mg\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:1: ", "expected a regimen", NULL});
  expect_error("", PSORSIM_EINPUT, (const char *const[]){"bad.yaml:1: ", "empty", NULL});
  expect_error("- {drug: secukinumab, dose: [300 mg\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:", "invalid YAML", NULL});
  /* a phototherapy entry without its start dose */
  expect_error("- {phototherapy: nb_uvb, sessions_per_week: 3}\n", PSORSIM_EINPUT,
               (const char *const[]){"bad.yaml:1: regimen[0].start_dose: missing",
                                     "(entry: phototherapy nb_uvb)", NULL});
}

static void test_load_reads_files_and_reports_missing_ones(void **state)
{
  (void)state;
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *spec = NULL;
  assert_int_equal(psorsim_regimen_spec_load(ctx, "/nonexistent/r.yaml", &spec), PSORSIM_EIO);
  assert_null(spec);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "/nonexistent/r.yaml: cannot open"));
  assert_int_equal(psorsim_regimen_spec_load(ctx, NULL, &spec), PSORSIM_EINVAL);
  psorsim_ctx_free(&ctx);
}

/* Every example regimen: loads, validates, builds a treated psoriasis model
 * and gives events over 12 weeks; `expect` names its treatment. */
static void test_examples_load_and_give_events(void **state)
{
  (void)state;
  static const struct {
    const char *file, *treatment;
    psorsim_tx_class cls;
    size_t events; /* over 12 weeks, MED 600 */
  } ex[] = {
      /* days 0,7,..,28,56; each dose sets the 5 closed-form dose parameters */
      {"secukinumab.yaml", "secukinumab", PSORSIM_TX_BIOLOGIC, 6 * 5},
      {"methotrexate.yaml", "methotrexate", PSORSIM_TX_SYSTEMIC, 12 * 5}, /* weekly */
      {"calcipotriol_betamethasone.yaml", "calcipotriol_betamethasone", PSORSIM_TX_TOPICAL,
       2},                                                        /* rate on, rate off */
      {"nb_uvb.yaml", "nb_uvb", PSORSIM_TX_PHOTOTHERAPY, 2 * 30}, /* 30 sessions, on + off */
  };
  psorsim_ctx *ctx = psr_test_ctx();
  char path[4200];
  for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
    psorsim_regimen_spec *spec = NULL;
    psorsim_treated_model *tm = NULL;
    const psorsim_treatment *tx[4];
    const psorsim_dosing_patient pt = {88.0, 600.0};
    double p[512];
    size_t n = 0;
    int n_tx = 0;
    snprintf(path, sizeof(path), "%s/examples/regimens/%s", source_dir(), ex[i].file);
    if (psorsim_regimen_spec_load(ctx, path, &spec) != PSORSIM_OK)
      fail_msg("%s", psorsim_ctx_errmsg(ctx));
    assert_int_equal(psorsim_regimen_treatments(ctx, &spec->arm, spec->source, tx, 4, &n_tx), 0);
    assert_int_equal(n_tx, 1);
    assert_string_equal(tx[0]->name, ex[i].treatment);
    assert_int_equal(tx[0]->cls, ex[i].cls);
    assert_int_equal(psorsim_regimen_validate(ctx, &spec->arm, spec->source), PSORSIM_OK);
    assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), tx, 1, &tm), 0);
    assert_true(psorsim_treated_model_model(tm)->n_params <= 512);
    assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 88.0, p), PSORSIM_OK);
    assert_int_equal(psorsim_regimen_events(ctx, tm, &spec->arm, p, &pt,
                                            ex[i].cls == PSORSIM_TX_PHOTOTHERAPY
                                                ? psorsim_regimen_spec_weeks(spec)
                                                : 12.0,
                                            NULL, 0, &n),
                     PSORSIM_OK);
    print_message("  %s: %zu events\n", ex[i].file, n);
    assert_int_equal(n, ex[i].events);
    psorsim_treated_model_free(&tm);
    psorsim_regimen_spec_free(&spec);
  }
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list_and_mapping_forms_give_the_same_arm),
      cmocka_unit_test(test_bad_files_name_file_line_key_and_treatment),
      cmocka_unit_test(test_load_reads_files_and_reports_missing_ones),
      cmocka_unit_test(test_examples_load_and_give_events),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
