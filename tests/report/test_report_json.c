/* tests/report/test_report_json.c
 *
 * trial.json and the two CSV tables, from the hand-built result of
 * report_fixture.h: exactly the contract's keys (plus the documented
 * extras) with the right, rounded numbers; NaN as null; identical bytes for
 * the same result whatever its thread count and run time; CSV headers, row
 * counts, quoting and NA, and baseline.csv's economics columns.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_fixture.h"
#include "report/report_json.h"

/* Read a whole file (NUL-terminated, caller frees). */
static char *slurp(const char *path)
{
  FILE *fp = fopen(path, "rb");
  char *buf;
  long len;
  assert_non_null(fp);
  fseek(fp, 0, SEEK_END);
  len = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  buf = malloc((size_t)len + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
  buf[len] = '\0';
  fclose(fp);
  return buf;
}

/* A fresh temporary directory (caller removes it). */
static void make_tmpdir(char *dir, size_t size)
{
  snprintf(dir, size, "/tmp/psorsim_report_json_XXXXXX");
  assert_non_null(mkdtemp(dir));
}

/* Assert that `obj` has exactly the n keys listed, in that order. */
static void assert_keys(json_t *obj, const char *const *keys, size_t n)
{
  const char *key;
  json_t *value;
  size_t i = 0;
  assert_true(json_is_object(obj));
  json_object_foreach(obj, key, value)
  {
    (void)value;
    assert_true(i < n);
    assert_string_equal(key, keys[i]);
    i++;
  }
  assert_int_equal(i, n);
}

static double real_at(json_t *v)
{
  assert_true(json_is_number(v));
  return json_number_value(v);
}

static void test_json_has_contract_keys_and_numbers(void **state)
{
  static const char *const top[] = {
      "name", "seed", "weeks", "arms", "reference", "psorsim_version", "observed"};
  static const char *const arm_keys[] = {
      "name",       "patients",       "endpoints",           "failed",
      "dropouts",   "adverse_events", "adverse_event_table", "solver",
      "time_course"};
  static const char *const solver_keys[] = {
      "steps",        "rhs_evals",         "jac_evals",      "lin_setups",  "err_test_fails",
      "nonlin_iters", "nonlin_conv_fails", "events_applied", "roots_found", "reinits"};
  static const char *const course_keys[] = {"week",           "pasi_mean",        "pasi_p05",
                                            "pasi_p95",       "improvement_mean", "improvement_p05",
                                            "improvement_p95"};
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char *text = psorsim_report_json_text(&f->result);
  json_error_t err;
  json_t *root, *arms, *a0, *a1, *ep, *ci, *obs;

  assert_non_null(text);
  root = json_loads(text, 0, &err);
  assert_non_null(root);
  assert_keys(root, top, 7);
  assert_string_equal(json_string_value(json_object_get(root, "name")), "Fixture trial <A&B>");
  assert_true(json_is_integer(json_object_get(root, "seed")));
  assert_int_equal(json_integer_value(json_object_get(root, "seed")), 20140724);
  assert_true(json_is_integer(json_object_get(root, "weeks"))); /* 12, not 12.0 */
  assert_int_equal(json_integer_value(json_object_get(root, "weeks")), 12);
  assert_string_equal(json_string_value(json_object_get(root, "reference")),
                      "Doe J et al. Journal of Tests 2024");
  assert_string_equal(json_string_value(json_object_get(root, "psorsim_version")),
                      psorsim_version());
  assert_null(json_object_get(root, "threads"));
  assert_null(json_object_get(root, "elapsed_s"));

  arms = json_object_get(root, "arms");
  assert_int_equal(json_array_size(arms), FX_ARMS);
  for (size_t i = 0; i < FX_ARMS; i++) {
    json_t *a = json_array_get(arms, i);
    assert_keys(a, arm_keys, 9);
    assert_string_equal(json_string_value(json_object_get(a, "name")), fx_arm_names[i]);
    assert_int_equal(json_integer_value(json_object_get(a, "patients")), FX_PATIENTS);
    assert_keys(json_object_get(a, "endpoints"), fx_endpoint_keys, FX_ENDPOINTS);
    assert_keys(json_object_get(a, "solver"), solver_keys, 10);
    assert_keys(json_object_get(a, "time_course"), course_keys, 7);
    for (size_t k = 0; k < FX_ENDPOINTS; k++) {
      static const char *const est_keys[] = {"estimate", "ci95"};
      static const char *const relapse_keys[] = {
          "estimate",  "ci95",   "definition",          "ci_method",
          "n_at_risk", "events", "censored_at_dropout", "not_estimable"};
      json_t *e = json_object_get(json_object_get(a, "endpoints"), fx_endpoint_keys[k]);
      if (strcmp(fx_endpoint_keys[k], "relapse_weeks_median") == 0) {
        assert_keys(e, relapse_keys, 8); /* the relapse analysis is stated */
      } else {
        assert_keys(e, est_keys, 2);
      }
      assert_int_equal(json_array_size(json_object_get(e, "ci95")), 2); /* [lo, hi] */
    }
  }
  /* The contract's own example: {"estimate": 4.8, "ci95": [3.1, 7.3]}, printed as such. */
  a0 = json_array_get(arms, 0);
  ep = json_object_get(json_object_get(a0, "endpoints"), "pasi75@12");
  assert_true(real_at(json_object_get(ep, "estimate")) == 4.8);
  ci = json_object_get(ep, "ci95");
  assert_true(real_at(json_array_get(ci, 0)) == 3.1);
  assert_true(real_at(json_array_get(ci, 1)) == 7.3);
  assert_non_null(strstr(text, "\"estimate\": 4.8,"));
  assert_non_null(strstr(text, "3.1,"));
  /* NaN (relapse in placebo: nobody reached PASI 75) is null. */
  ep = json_object_get(json_object_get(a0, "endpoints"), "relapse_weeks_median");
  assert_true(json_is_null(json_object_get(ep, "estimate")));
  assert_true(json_is_null(json_array_get(json_object_get(ep, "ci95"), 0)));
  assert_null(strstr(text, "nan"));
  assert_null(strstr(text, "NaN"));
  /* Rounded to 4 decimals: 0.95 * 100 * effect + 0.012345678 for arm 1. */
  a1 = json_array_get(arms, 1);
  ep = json_object_get(json_object_get(a1, "endpoints"), "pasi75@12");
  {
    double raw = f->est[1][0].estimate, want = round(raw * 1e4) / 1e4;
    assert_true(real_at(json_object_get(ep, "estimate")) == want);
    assert_true(fabs(real_at(json_object_get(ep, "estimate")) - raw) <= 5e-5);
  }
  ep = json_object_get(json_object_get(a1, "endpoints"), "relapse_weeks_median");
  assert_true(real_at(json_object_get(ep, "estimate")) == 15.5);
  assert_true(real_at(json_array_get(json_object_get(ep, "ci95"), 1)) == 18.25);
  /* Failures, dropouts, adverse events, solver statistics. */
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a1, "failed"), "count")), 2);
  {
    json_t *ids = json_object_get(json_object_get(a1, "failed"), "ids");
    assert_int_equal(json_array_size(ids), 2);
    assert_int_equal(json_integer_value(json_array_get(ids, 0)), 3);
    assert_int_equal(json_integer_value(json_array_get(ids, 1)), 17);
  }
  assert_int_equal(json_array_size(json_object_get(json_object_get(a0, "failed"), "ids")), 0);
  assert_int_equal(json_integer_value(json_object_get(a1, "dropouts")), 1);
  assert_int_equal(json_integer_value(json_object_get(a1, "adverse_events")), 13);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a1, "solver"), "steps")),
                   1001);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(a1, "solver"), "reinits")),
                   8);
  /* Time course: 13 weeks, whole weeks as integers, rounded means. */
  {
    json_t *tc = json_object_get(a1, "time_course");
    json_t *weeks = json_object_get(tc, "week");
    assert_int_equal(json_array_size(weeks), FX_VISITS);
    assert_true(json_is_integer(json_array_get(weeks, 12)));
    assert_int_equal(json_integer_value(json_array_get(weeks, 12)), 12);
    for (int w = 0; w < FX_VISITS; w++) {
      double want = round(f->pasi_mean[1][w] * 1e4) / 1e4;
      assert_true(real_at(json_array_get(json_object_get(tc, "pasi_mean"), (size_t)w)) == want);
      want = round(f->imp_p95[1][w] * 1e4) / 1e4;
      assert_true(real_at(json_array_get(json_object_get(tc, "improvement_p95"), (size_t)w)) ==
                  want);
    }
  }
  /* Observed: one entry per published number, in the file's order. */
  obs = json_object_get(root, "observed");
  assert_int_equal(json_array_size(obs), FX_OBSERVED);
  for (size_t j = 0; j < FX_OBSERVED; j++) {
    static const char *const obs_keys[] = {"arm", "endpoint", "observed", "estimate", "difference"};
    json_t *o = json_array_get(obs, j);
    const psorsim_observation *ob = &f->observed[j];
    double est = round(f->est[ob->arm][ob->endpoint_index].estimate * 1e4) / 1e4;
    assert_keys(o, obs_keys, 5);
    assert_string_equal(json_string_value(json_object_get(o, "arm")), fx_arm_names[ob->arm]);
    assert_string_equal(json_string_value(json_object_get(o, "endpoint")), ob->endpoint.key);
    assert_true(real_at(json_object_get(o, "observed")) == ob->value);
    assert_true(real_at(json_object_get(o, "estimate")) == est);
    psr_assert_close(real_at(json_object_get(o, "difference")), est - ob->value, 0.0, 1e-9);
  }
  assert_true(real_at(json_object_get(json_array_get(obs, 0), "difference")) == -0.1);

  json_decref(root);
  psorsim_free(text);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_json_bytes_do_not_depend_on_threads_or_time(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], p1[128], p2[128];
  char *a, *b, *c, *d;

  a = psorsim_report_json_text(&f->result);
  f->result.threads = 7;
  f->result.elapsed_s = 98.7;
  b = psorsim_report_json_text(&f->result);
  assert_non_null(a);
  assert_non_null(b);
  assert_string_equal(a, b);
  assert_int_equal(a[strlen(a) - 1], '\n');
  /* The file is the same text, byte for byte, and the same again. */
  make_tmpdir(dir, sizeof(dir));
  snprintf(p1, sizeof(p1), "%s/one.json", dir);
  snprintf(p2, sizeof(p2), "%s/two.json", dir);
  assert_int_equal(psorsim_report_write_json(ctx, &f->result, p1), PSORSIM_OK);
  f->result.threads = 1;
  assert_int_equal(psorsim_report_write_json(ctx, &f->result, p2), PSORSIM_OK);
  c = slurp(p1);
  d = slurp(p2);
  assert_string_equal(c, a);
  assert_string_equal(c, d);
  unlink(p1);
  unlink(p2);
  rmdir(dir);
  psorsim_free(a), psorsim_free(b), free(c), free(d);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_json_edge_cases(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 0);
  json_t *root;
  char bad_name[] = "arm \xff\xfe bad";

  assert_null(psr_report_json(NULL));
  assert_null(psorsim_report_json_text(NULL));
  assert_int_equal(psorsim_report_write_json(ctx, NULL, "/tmp/x.json"), PSORSIM_EINVAL);
  /* No observations: no "observed" key. A seed past 2^63 is a string of digits. */
  f->result.seed = 18446744073709551615ull;
  f->arms[2].name = bad_name; /* invalid UTF-8 must not lose the arm */
  f->spec.reference = NULL;
  root = psr_report_json(&f->result);
  assert_non_null(root);
  assert_null(json_object_get(root, "observed"));
  assert_true(json_is_null(json_object_get(root, "reference")));
  assert_string_equal(json_string_value(json_object_get(root, "seed")), "18446744073709551615");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(json_object_get(root, "arms"), 2), "name")),
      "arm ?? bad");
  json_decref(root);
  /* Infinities are null too; -0 prints as 0. */
  f->est[1][1].hi = INFINITY;
  f->est[1][2].estimate = -0.00001;
  root = psr_report_json(&f->result);
  {
    json_t *eps = json_object_get(json_array_get(json_object_get(root, "arms"), 1), "endpoints");
    json_t *e = json_object_get(eps, "pasi90@12");
    assert_true(json_is_null(json_array_get(json_object_get(e, "ci95"), 1)));
    e = json_object_get(eps, "pasi_change@4");
    assert_true(json_number_value(json_object_get(e, "estimate")) == 0.0);
    assert_false(signbit(json_number_value(json_object_get(e, "estimate"))));
  }
  json_decref(root);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

/* Number of lines of a text. */
static size_t count_lines(const char *s)
{
  size_t n = 0;
  for (; *s != '\0'; s++)
    n += *s == '\n';
  return n;
}

/* The line of `text` that starts with `prefix` (NULL if none). */
static const char *line_starting(const char *text, const char *prefix)
{
  const char *p = text;
  size_t len = strlen(prefix);
  while (p != NULL && *p != '\0') {
    if (strncmp(p, prefix, len) == 0) return p;
    p = strchr(p, '\n');
    if (p != NULL) p++;
  }
  return NULL;
}

static void test_baseline_csv(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], path[128], want[512];
  char *csv;
  const char *row;

  make_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/baseline.csv", dir);
  assert_int_equal(psorsim_report_write_baseline_csv(ctx, &f->result, path), PSORSIM_OK);
  csv = slurp(path);
  assert_true(strncmp(csv,
                      "arm,patient,weight_kg,age_years,female,disease_years,prior_biologic,"
                      "susceptibility,baseline_pasi,baseline_bsa,baseline_iga,baseline_dlqi,"
                      "failed,dropout_week,dropout_reason\n",
                      strlen("arm,patient,weight_kg")) == 0);
  assert_non_null(strstr(csv, "failed,dropout_week,dropout_reason\n"));
  assert_int_equal(count_lines(csv), 1 + FX_ARMS * FX_PATIENTS);
  /* A failed patient; a dropout with its reason; a name that needs quoting. */
  row = line_starting(csv, "secukinumab 300 mg,3,");
  assert_non_null(row);
  {
    const psorsim_patient_record *p = &f->patients[1][3];
    snprintf(want, sizeof(want),
             "secukinumab 300 mg,3,%.6g,%.6g,%d,%.6g,%d,%.6g,%.6g,%.6g,%.6g,"
             "%.6g,1,NA,NA\n",
             p->weight_kg, p->age_years, p->female, p->disease_years, p->prior_biologic,
             p->susceptibility, p->baseline_pasi, p->baseline_bsa, p->baseline_iga,
             p->baseline_dlqi);
    assert_true(strncmp(row, want, strlen(want)) == 0);
  }
  row = line_starting(csv, "secukinumab 300 mg,5,");
  assert_non_null(row);
  assert_true(strncmp(strchr(row, '\n') - strlen(",0,6,injection-site reaction"),
                      ",0,6,injection-site reaction", 28) == 0);
  assert_non_null(line_starting(csv, "\"MSC, \"\"cord\"\" <1e6/kg>\",0,"));
  free(csv);
  unlink(path);
  rmdir(dir);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

/* Whether the line at `row` ends with `suffix`. */
static int line_ends_with(const char *row, const char *suffix)
{
  const char *eol = row != NULL ? strchr(row, '\n') : NULL;
  const size_t n = strlen(suffix);
  return eol != NULL && (size_t)(eol - row) >= n && strncmp(eol - n, suffix, n) == 0;
}

/* With economics, baseline.csv takes each patient's costs from the arm's
 * per-patient results by id; a solver failure, or a result not counted, is
 * NA. */
static void test_baseline_csv_economics(void **state)
{
  static psorsim_econ_patient_result econ[FX_ARMS][FX_PATIENTS];
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], path[128];
  char *csv;

  memset(econ, 0, sizeof(econ));
  f->spec.economics.enabled = 1;
  for (int a = 0; a < FX_ARMS; a++) {
    f->arms[a].econ_patients = econ[a];
    for (int p = 0; p < FX_PATIENTS; p++) {
      psorsim_econ_patient_result *e = &econ[a][p];
      e->counted = !f->patients[a][p].failed;
      e->cost = 1000.0 * a + 10.0 * p + 0.25;
      e->qaly = 0.5 + 0.001 * p;
      e->cost_drug = 900.0 * a + p;
      e->cost_admin = 12.5;
      e->cost_ae = a == 1 && p == 5 ? 1234.0 : 0.0;
    }
  }
  econ[2][7].counted = 0; /* not costed: NA though not failed */
  make_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/baseline.csv", dir);
  assert_int_equal(psorsim_report_write_baseline_csv(ctx, &f->result, path), PSORSIM_OK);
  csv = slurp(path);
  assert_non_null(strstr(csv, "dropout_reason,cost,qaly,cost_drug,cost_admin,cost_monitoring,"
                              "cost_phototherapy,cost_cells,cost_ae\n"));
  assert_int_equal(count_lines(csv), 1 + FX_ARMS * FX_PATIENTS);
  assert_true(line_ends_with(line_starting(csv, "secukinumab 300 mg,5,"),
                             ",6,injection-site reaction,1050.25,0.505,905,12.5,0,0,0,1234"));
  assert_true(
      line_ends_with(line_starting(csv, "placebo,39,"), ",NA,NA,390.25,0.539,39,12.5,0,0,0,0"));
  assert_true(
      line_ends_with(line_starting(csv, "secukinumab 300 mg,3,"), ",NA,NA,NA,NA,NA,NA,NA,NA"));
  assert_true(line_ends_with(line_starting(csv, "\"MSC, \"\"cord\"\" <1e6/kg>\",7,"),
                             ",NA,NA,NA,NA,NA,NA,NA,NA"));
  free(csv);
  unlink(path);
  rmdir(dir);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

static void test_patients_csv(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  fixture *f = fixture_create(ctx, 1);
  char dir[64], path[128], want[256];
  char *csv;
  const char *row;
  const psorsim_visit *v;

  make_tmpdir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/patients.csv", dir);
  assert_true(psorsim_report_has_visits(&f->result));
  assert_int_equal(psorsim_report_write_patients_csv(ctx, &f->result, path), PSORSIM_OK);
  csv = slurp(path);
  assert_true(strncmp(csv, "arm,patient,week,pasi,bsa,iga,dlqi,on_study,adverse_events\n", 59) ==
              0);
  assert_int_equal(count_lines(csv), 1 + FX_ARMS * FX_PATIENTS * FX_VISITS);
  /* Patient 2 of the biologic at week 4. */
  v = &f->visits[1][2][4];
  snprintf(want, sizeof(want), "secukinumab 300 mg,2,4,%.6g,%.6g,%.6g,%.6g,1,0\n", v->pasi, v->bsa,
           v->iga, v->dlqi);
  assert_non_null(strstr(csv, want));
  /* The failed patient's missing scores are NA. */
  row = line_starting(csv, "secukinumab 300 mg,3,0,NA,");
  assert_non_null(row);
  /* The dropout: off study from week 6, one adverse event. */
  assert_non_null(strstr(csv, "\nsecukinumab 300 mg,5,6,"));
  row = strstr(csv, "\nsecukinumab 300 mg,5,6,");
  assert_true(strncmp(strchr(row + 1, '\n') - 4, ",0,1", 4) == 0);
  free(csv);
  /* Without visits the table has only its header; has_visits says so. */
  fixture_drop_visits(f);
  assert_false(psorsim_report_has_visits(&f->result));
  assert_int_equal(psorsim_report_write_patients_csv(ctx, &f->result, path), PSORSIM_OK);
  csv = slurp(path);
  assert_int_equal(count_lines(csv), 1);
  free(csv);
  unlink(path);
  rmdir(dir);
  free(f);
  psorsim_ctx_free(&ctx);
  (void)state;
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_has_contract_keys_and_numbers),
      cmocka_unit_test(test_json_bytes_do_not_depend_on_threads_or_time),
      cmocka_unit_test(test_json_edge_cases),
      cmocka_unit_test(test_baseline_csv),
      cmocka_unit_test(test_baseline_csv_economics),
      cmocka_unit_test(test_patients_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
