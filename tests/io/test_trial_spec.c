/* tests/io/test_trial_spec.c
 *
 * The trial-file reader (src/spec/ and the domain walkers it calls): every
 * calibration file in the shared data parses, with its arms, doses in
 * canonical units and schedules expanded to the dose days worked out by
 * hand from the protocols; the full example of the format parses into the documented
 * structure; and each fixture under tests/io/cases/ with one defect gives
 * the right status and a message naming the file, the line and the key.
 * Every allocation of the reader can fail without a leak.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psr_test.h"

#include <psorsim/trial_spec.h>

/* The source tree: $PSORSIM_SOURCE_DIR, or derived from this file's path
 * (CMake compiles it by absolute path), so the test also runs outside
 * ctest, e.g. under valgrind in scripts/test. */
static void source_dir(char *buf, size_t cap)
{
  const char *src = getenv("PSORSIM_SOURCE_DIR");
  const char *self = "/tests/io/test_trial_spec.c";
  size_t len = strlen(__FILE__), slen = strlen(self);
  if (src != NULL) {
    snprintf(buf, cap, "%s", src);
  } else if (len > slen && strcmp(__FILE__ + len - slen, self) == 0) {
    snprintf(buf, cap, "%.*s", (int)(len - slen), __FILE__);
  } else {
    snprintf(buf, cap, ".");
  }
}

/* <source>/tests/io/cases/<name> */
static void case_path(char *buf, size_t cap, const char *name)
{
  char src[700];
  source_dir(src, sizeof(src));
  snprintf(buf, cap, "%s/tests/io/cases/%s", src, name);
}

/* $PSORSIM_SHARED_DIR/data/calibration, or <source>/../shared/data/calibration */
static void calibration_dir(char *buf, size_t cap)
{
  const char *shared = getenv("PSORSIM_SHARED_DIR");
  char src[700];
  if (shared != NULL) {
    snprintf(buf, cap, "%s/data/calibration", shared);
    return;
  }
  source_dir(src, sizeof(src));
  snprintf(buf, cap, "%s/../shared/data/calibration", src);
}

static psorsim_trial_spec *load_ok(psorsim_ctx *ctx, const char *path)
{
  psorsim_trial_spec *spec = NULL;
  int rc = psorsim_trial_spec_load(ctx, path, &spec);
  if (rc != PSORSIM_OK) print_error("%s: %s\n", path, psorsim_ctx_errmsg(ctx));
  assert_int_equal(rc, PSORSIM_OK);
  assert_non_null(spec);
  return spec;
}

static psorsim_trial_spec *load_calibration(psorsim_ctx *ctx, const char *file)
{
  char dir[900], path[1200];
  calibration_dir(dir, sizeof(dir));
  snprintf(path, sizeof(path), "%s/%s", dir, file);
  return load_ok(ctx, path);
}

static psorsim_trial_spec *parse_ok(psorsim_ctx *ctx, const char *text)
{
  psorsim_trial_spec *spec = NULL;
  int rc = psorsim_trial_spec_parse_string(ctx, text, "inline.yaml", &spec);
  if (rc != PSORSIM_OK) print_error("%s\n", psorsim_ctx_errmsg(ctx));
  assert_int_equal(rc, PSORSIM_OK);
  return spec;
}

/* Expand an entry's schedule over the trial and compare with `want` days. */
static void expect_doses(const psorsim_trial_spec *spec, const psorsim_regimen_entry *e,
                         const double *want, size_t n_want)
{
  psorsim_ctx *ctx = psr_test_ctx();
  double got[512];
  size_t n = 0;
  assert_int_equal(psorsim_schedule_expand(ctx, &e->schedule, spec->weeks, got, 512, &n),
                   PSORSIM_OK);
  if (n != n_want) print_error("%s: %zu doses, expected %zu\n", e->name, n, n_want);
  assert_int_equal(n, n_want);
  for (size_t i = 0; i < n; i++)
    psr_assert_close(got[i], want[i], 0.0, 1e-9);
  psorsim_ctx_free(&ctx);
}

static void expect_dose(const psorsim_regimen_entry *e, const char *name, double value,
                        psorsim_unit unit, psorsim_route route)
{
  assert_string_equal(e->name, name);
  assert_int_equal(e->kind, PSORSIM_TREATMENT_DRUG);
  assert_int_equal(e->dose.unit, unit);
  psr_assert_rel(e->dose.value, value, 1e-12);
  assert_int_equal(e->route, route);
}

/* ---- every calibration file -------------------------------------------- */

static void test_every_calibration_file_parses(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  char dir[900], path[1200];
  DIR *d;
  struct dirent *de;
  int count = 0;

  calibration_dir(dir, sizeof(dir));
  d = opendir(dir);
  if (d == NULL) print_error("cannot open %s (set PSORSIM_SHARED_DIR)\n", dir);
  assert_non_null(d);
  while ((de = readdir(d)) != NULL) {
    size_t len = strlen(de->d_name);
    if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0) continue;
    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
    psorsim_trial_spec *spec = load_ok(ctx, path);
    assert_true(spec->n_arms >= 1 && spec->n_endpoints >= 1 && spec->weeks > 0);
    assert_int_equal(spec->population.patients_per_arm, 400);
    assert_true(spec->n_observed >= 1);
    for (size_t i = 0; i < spec->n_observed; i++) {
      assert_true(spec->observed[i].arm < spec->n_arms);
      assert_true(spec->observed[i].endpoint_index >= 0); /* every observed key is listed */
    }
    psorsim_trial_spec_free(&spec);
    assert_null(spec);
    count++;
  }
  closedir(d);
  assert_true(count >= 9);
  psorsim_ctx_free(&ctx);
}

static void test_calibration_erasure_secukinumab(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s = load_calibration(ctx, "erasure-secukinumab.yaml");
  assert_non_null(strstr(s->name, "ERASURE"));
  assert_non_null(strstr(s->reference, "Langley RG"));
  assert_null(s->note);
  assert_false(s->seed_given);
  psr_assert_rel(s->weeks, 12, 0);
  assert_true(s->population.pasi_min.given && s->population.pasi_min.value == 12);
  assert_true(s->population.bsa_min.given && s->population.bsa_min.value == 10);
  assert_true(s->population.iga_min.given && s->population.iga_min.value == 3);
  assert_true(s->population.weight_kg_mean.given && s->population.weight_kg_mean.value == 88);
  assert_false(s->population.pasi_sd.given);
  assert_int_equal(s->n_arms, 2);
  assert_string_equal(s->arms[0].name, "placebo");
  assert_int_equal(s->arms[0].n_regimen, 0);
  assert_string_equal(s->arms[1].name, "secukinumab 300 mg");
  assert_int_equal(s->arms[1].n_regimen, 1);
  const psorsim_regimen_entry *e = &s->arms[1].regimen[0];
  expect_dose(e, "secukinumab", 300, PSORSIM_UNIT_MG, PSORSIM_ROUTE_SUBCUTANEOUS);
  assert_int_equal(e->line, 13);
  assert_true(e->route_given);
  assert_int_equal(e->schedule.mode, PSORSIM_SCHEDULE_EXPLICIT);
  /* weeks 0-4, then every 4 weeks: week 8; week 12 is the end */
  expect_doses(s, e, (const double[]){0, 7, 14, 21, 28, 56}, 6);
  assert_int_equal(s->n_endpoints, 2);
  assert_int_equal(s->endpoints[0].kind, PSORSIM_ENDPOINT_PASI_RESPONSE);
  assert_int_equal(s->endpoints[0].threshold, 75);
  assert_true(s->endpoints[0].week == 12);
  assert_string_equal(s->endpoints[1].key, "pasi90@12");
  assert_int_equal(s->n_observed, 4);
  assert_int_equal(s->observed[3].arm, 1);
  assert_int_equal(s->observed[3].endpoint_index, 1);
  psr_assert_rel(s->observed[3].value, 59.2, 1e-12);
  assert_int_equal(s->observed[3].line, 17);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

static void test_calibration_champion_escalation(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s = load_calibration(ctx, "champion-methotrexate.yaml");
  const psorsim_trial_arm *a = &s->arms[1];
  assert_non_null(s->note);
  assert_int_equal(a->n_regimen, 5);
  expect_dose(&a->regimen[0], "methotrexate", 7.5, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  expect_doses(s, &a->regimen[0], (const double[]){0}, 1);
  expect_dose(&a->regimen[1], "methotrexate", 10, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  expect_doses(s, &a->regimen[1], (const double[]){7}, 1);
  expect_dose(&a->regimen[2], "methotrexate", 15, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  expect_doses(s, &a->regimen[2], (const double[]){14, 21, 28, 35, 42, 49}, 6);
  expect_dose(&a->regimen[3], "methotrexate", 20, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  expect_doses(s, &a->regimen[3], (const double[]){56, 63, 70, 77}, 4);
  expect_dose(&a->regimen[4], "methotrexate", 25, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  expect_doses(s, &a->regimen[4], (const double[]){84, 91, 98, 105}, 4); /* 112 = end */
  assert_int_equal(a->regimen[4].line, 18);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

static void test_calibration_biologic_schedules(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s;

  s = load_calibration(ctx, "express-infliximab.yaml"); /* 10 weeks */
  expect_dose(&s->arms[1].regimen[0], "infliximab", 5, PSORSIM_UNIT_MG_PER_KG,
              PSORSIM_ROUTE_INTRAVENOUS);
  expect_doses(s, &s->arms[1].regimen[0], (const double[]){0, 14, 42}, 3);
  psorsim_trial_spec_free(&s);

  s = load_calibration(ctx, "phoenix1-ustekinumab.yaml");
  expect_dose(&s->arms[1].regimen[0], "ustekinumab", 45, PSORSIM_UNIT_MG,
              PSORSIM_ROUTE_SUBCUTANEOUS);
  expect_doses(s, &s->arms[1].regimen[0], (const double[]){0, 28}, 2);
  psorsim_trial_spec_free(&s);

  s = load_calibration(ctx, "voyage1-guselkumab.yaml");
  expect_dose(&s->arms[1].regimen[0], "guselkumab", 100, PSORSIM_UNIT_MG,
              PSORSIM_ROUTE_SUBCUTANEOUS);
  expect_doses(s, &s->arms[1].regimen[0], (const double[]){0, 28, 84}, 3);
  assert_int_equal(s->endpoints[2].kind, PSORSIM_ENDPOINT_IGA01);
  psorsim_trial_spec_free(&s);

  s = load_calibration(ctx, "reveal-adalimumab.yaml");
  expect_dose(&s->arms[1].regimen[0], "adalimumab", 80, PSORSIM_UNIT_MG,
              PSORSIM_ROUTE_SUBCUTANEOUS);
  expect_doses(s, &s->arms[1].regimen[0], (const double[]){0}, 1);
  expect_dose(&s->arms[1].regimen[1], "adalimumab", 40, PSORSIM_UNIT_MG,
              PSORSIM_ROUTE_SUBCUTANEOUS);
  expect_doses(s, &s->arms[1].regimen[1], (const double[]){7, 21, 35, 49, 63, 77, 91, 105}, 8);
  psorsim_trial_spec_free(&s);

  s = load_calibration(ctx, "leonardi2003-etanercept.yaml");
  double eta[24];
  for (int i = 0; i < 24; i++)
    eta[i] = 3.5 * i; /* 0 ... 80.5; 84 = end */
  expect_dose(&s->arms[1].regimen[0], "etanercept", 50, PSORSIM_UNIT_MG,
              PSORSIM_ROUTE_SUBCUTANEOUS);
  assert_int_equal(s->arms[1].regimen[0].schedule.mode, PSORSIM_SCHEDULE_PERIODIC);
  expect_doses(s, &s->arms[1].regimen[0], eta, 24);
  psorsim_trial_spec_free(&s);

  s = load_calibration(ctx, "esteem1-apremilast.yaml");
  double apr[224];
  for (int i = 0; i < 224; i++)
    apr[i] = 0.5 * i; /* twice a day for 16 weeks */
  expect_dose(&s->arms[1].regimen[0], "apremilast", 30, PSORSIM_UNIT_MG, PSORSIM_ROUTE_ORAL);
  assert_int_equal(s->arms[1].regimen[0].schedule.per_day, 2);
  expect_doses(s, &s->arms[1].regimen[0], apr, 224);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

static void test_calibration_nbuvb(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s = load_calibration(ctx, "nbuvb-patients.yaml");
  const psorsim_regimen_entry *e = &s->arms[0].regimen[0];
  double want[24];
  assert_int_equal(e->kind, PSORSIM_TREATMENT_PHOTOTHERAPY);
  assert_string_equal(e->name, "nb_uvb");
  assert_int_equal(e->route, PSORSIM_ROUTE_NONE);
  assert_int_equal(e->dose.unit, PSORSIM_UNIT_NONE);
  assert_int_equal(e->start_dose.unit, PSORSIM_UNIT_MJ_PER_CM2);
  psr_assert_rel(e->start_dose.value, 420, 1e-12);
  assert_int_equal(e->increment.unit, PSORSIM_UNIT_PERCENT);
  psr_assert_rel(e->increment.value, 20, 1e-12);
  assert_int_equal(e->max_dose.unit, PSORSIM_UNIT_NONE);
  assert_int_equal(e->schedule.sessions_per_week, 3);
  /* until_week 12 lies beyond the 8-week trial: the trial end bounds it */
  assert_true(e->schedule.until_given && e->schedule.until_day == 84);
  for (int w = 0; w < 8; w++)
    for (int j = 0; j < 3; j++)
      want[3 * w + j] = 7 * w + 2 * j; /* Mon/Wed/Fri */
  expect_doses(s, e, want, 24);
  assert_true(s->population.pasi_sd.given && s->population.pasi_sd.value == 4.1);
  assert_int_equal(s->n_endpoints, 9);
  assert_int_equal(s->endpoints[0].kind, PSORSIM_ENDPOINT_PASI_CHANGE);
  assert_true(s->endpoints[0].week == 2);
  assert_int_equal(s->endpoints[4].threshold, 50);
  assert_int_equal(s->n_observed, 9);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

/* ---- the format's own example ------------------------------------------ */

static void test_format_example(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  char path[1024];
  case_path(path, sizeof(path), "format-example.yaml");
  psorsim_trial_spec *s = load_ok(ctx, path);
  const psorsim_trial_population *p = &s->population;

  assert_string_equal(s->name, "Secukinumab vs placebo, 12 weeks");
  assert_string_equal(s->reference, "Langley RG et al. N Engl J Med 2014");
  assert_string_equal(s->note, "any remark");
  assert_string_equal(s->model, "psoriasis"); /* no model: key: the default */
  assert_true(s->seed_given && s->seed == 20140724u);
  assert_true(p->pasi_mean.given && p->pasi_mean.value == 22.5);
  assert_true(p->prior_biologic_fraction.given && p->prior_biologic_fraction.value == 0.25);
  assert_true(p->disease_years_mean.given && p->disease_years_mean.value == 17);
  assert_true(p->age_mean.given && p->bsa_mean.given && p->weight_kg_mean.given);
  assert_int_equal(s->n_arms, 7);
  assert_int_equal(psorsim_trial_spec_find_arm(s, "narrowband UVB"), 3);
  assert_int_equal(psorsim_trial_spec_find_arm(s, "nope"), -1);

  /* secukinumab with until_week 52 in a 12-week trial */
  const psorsim_regimen_entry *e = &s->arms[1].regimen[0];
  assert_true(e->schedule.until_given && e->schedule.until_day == 364);
  assert_true(e->schedule.times_in_weeks);
  expect_doses(s, e, (const double[]){0, 7, 14, 21, 28, 56}, 6);
  assert_int_equal(e->line, 26);
  assert_int_equal(e->dose_line, 27);

  /* methotrexate every week: 0 .. 77 */
  e = &s->arms[2].regimen[0];
  expect_doses(s, e, (const double[]){0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77}, 12);

  /* NB-UVB: 70 % MED, +10 %, 3 a week for the 12 weeks */
  e = &s->arms[3].regimen[0];
  assert_int_equal(e->start_dose.unit, PSORSIM_UNIT_MED_FRACTION);
  psr_assert_rel(e->start_dose.value, 0.70, 1e-12);
  assert_int_equal(e->increment.unit, PSORSIM_UNIT_PERCENT);
  psr_assert_rel(e->increment.value, 10, 1e-12);
  assert_int_equal(e->schedule.mode, PSORSIM_SCHEDULE_SESSIONS);

  /* clobetasol 0.05 %, twice a day until week 4: 0, 0.5, ..., 27.5 */
  e = &s->arms[4].regimen[0];
  double clob[56];
  for (int i = 0; i < 56; i++)
    clob[i] = 0.5 * i;
  assert_int_equal(e->kind, PSORSIM_TREATMENT_TOPICAL);
  assert_int_equal(e->route, PSORSIM_ROUTE_TOPICAL);
  assert_int_equal(e->strength.unit, PSORSIM_UNIT_PERCENT);
  psr_assert_rel(e->strength.value, 0.05, 1e-12);
  expect_doses(s, e, clob, 56);

  /* umbilical-cord MSC, 1e6 cells/kg at weeks 0, 2, 4, with a product */
  e = &s->arms[5].regimen[0];
  assert_int_equal(e->kind, PSORSIM_TREATMENT_CELLS);
  assert_string_equal(e->name, "msc");
  assert_int_equal(e->source, PSORSIM_CELL_SOURCE_UMBILICAL_CORD);
  assert_int_equal(e->dose.unit, PSORSIM_UNIT_CELLS_PER_KG);
  psr_assert_rel(e->dose.value, 1e6, 1e-12);
  assert_int_equal(e->route, PSORSIM_ROUTE_INTRAVENOUS);
  expect_doses(s, e, (const double[]){0, 14, 28}, 3);
  assert_true(e->product.given);
  assert_int_equal(e->product.passage, 4);
  psr_assert_rel(e->product.viability_pct, 92, 1e-12);
  assert_int_equal(e->product.cryopreserved, 1);
  assert_int_equal(e->product.n_items, 3);
  assert_string_equal(e->product.items[1].key, "viability");
  assert_int_equal(e->product.items[1].kind, PSORSIM_PRODUCT_PERCENT);
  assert_string_equal(e->product.items[1].text, "92 %");
  assert_int_equal(e->product.items[1].line, 60);

  /* lifestyle: no doses, active from week 0 */
  e = &s->arms[6].regimen[0];
  assert_int_equal(e->kind, PSORSIM_TREATMENT_LIFESTYLE);
  assert_string_equal(e->name, "stress_reduction");
  assert_int_equal(e->schedule.mode, PSORSIM_SCHEDULE_NONE);
  assert_false(e->schedule.until_given);
  expect_doses(s, e, NULL, 0);

  /* endpoints and observations */
  assert_int_equal(s->n_endpoints, 5);
  assert_int_equal(s->endpoints[2].threshold, 100);
  assert_int_equal(s->endpoints[3].kind, PSORSIM_ENDPOINT_PASI_CHANGE);
  assert_true(s->endpoints[3].week == 4);
  assert_int_equal(s->endpoints[4].kind, PSORSIM_ENDPOINT_IGA01);
  assert_int_equal(s->endpoints[4].line, 66);
  assert_int_equal(s->n_observed, 4);
  assert_int_equal(s->observed[0].arm, 0);
  assert_int_equal(s->observed[0].endpoint_index, 0);
  psr_assert_rel(s->observed[0].value, 4.9, 1e-12);
  assert_int_equal(s->observed[2].arm, 1);
  psr_assert_rel(s->observed[2].value, 81.6, 1e-12);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

/* ---- more accepted forms ----------------------------------------------- */

static void test_accepted_forms(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s = parse_ok(
      ctx, "name: forms\n"
           "model: psoriasis\n"
           "seed: 18446744073709551615\n"
           "weeks: 6\n"
           "population: {patients_per_arm: 7}\n"
           "arms:\n"
           "  - name: mix\n"
           "    regimen:\n"
           "      - {drug: cyclosporine, dose: 2.5 mg/kg, times_per_day: 2, from_week: 4}\n"
           "      - {topical: calcipotriol, applications_per_day: 1, dose: 2 g, until_week: 1}\n"
           "      - {phototherapy: puva, at_days: [1, 3.5], start_dose: 0.5 J/cm2,\n"
           "         increment: 250 mJ/cm2, max_dose: 5 J/cm2}\n"
           "      - {cells: msc, source: ipsc, dose: 2e8 cells, route: intradermal,\n"
           "         every_weeks: 2, product: {cd73: 98 %, hla_dr: 0.5 %, sterile: yes,\n"
           "         endotoxin: 0.5 EU/mL}}\n"
           "      - {lifestyle: weight_loss, from_week: 1, until_week: 5}\n"
           "      - {drug: placebo, route: oral, at_weeks: 3}\n"
           "endpoints: [pasi50@6, dlqi01@6, relapse_weeks_median, pasi_change@2.5]\n"
           "observed:\n"
           "  mix: {relapse_weeks_median: 20.5, pasi_change@2.5: -12, iga01@6: 10}\n");
  const psorsim_regimen_entry *r = s->arms[0].regimen;
  assert_string_equal(s->model, "psoriasis");
  assert_true(s->seed_given && s->seed == UINT64_MAX);
  assert_int_equal(s->arms[0].n_regimen, 6);
  /* cyclosporine 2.5 mg/kg twice daily from week 4 of 6: days 28 .. 41.5 */
  double cyc[28];
  for (int i = 0; i < 28; i++)
    cyc[i] = 28 + 0.5 * i;
  expect_dose(&r[0], "cyclosporine", 2.5, PSORSIM_UNIT_MG_PER_KG, PSORSIM_ROUTE_ORAL);
  assert_false(r[0].route_given);
  expect_doses(s, &r[0], cyc, 28);
  /* calcipotriol 2 g once a day in week 0 */
  assert_int_equal(r[1].dose.unit, PSORSIM_UNIT_MG);
  psr_assert_rel(r[1].dose.value, 2000, 1e-12);
  assert_int_equal(r[1].strength.unit, PSORSIM_UNIT_NONE);
  expect_doses(s, &r[1], (const double[]){0, 1, 2, 3, 4, 5, 6}, 7);
  /* PUVA on days 1 and 3.5, doses in J/cm2 converted to mJ/cm2 */
  psr_assert_rel(r[2].start_dose.value, 500, 1e-12);
  assert_int_equal(r[2].increment.unit, PSORSIM_UNIT_MJ_PER_CM2);
  psr_assert_rel(r[2].increment.value, 250, 1e-12);
  psr_assert_rel(r[2].max_dose.value, 5000, 1e-12);
  assert_false(r[2].schedule.times_in_weeks);
  expect_doses(s, &r[2], (const double[]){1, 3.5}, 2);
  /* iPSC cells every two weeks, product items kept generically */
  assert_int_equal(r[3].source, PSORSIM_CELL_SOURCE_IPSC);
  assert_int_equal(r[3].dose.unit, PSORSIM_UNIT_CELLS);
  assert_int_equal(r[3].route, PSORSIM_ROUTE_INTRADERMAL);
  expect_doses(s, &r[3], (const double[]){0, 14, 28}, 3);
  assert_int_equal(r[3].product.n_items, 4);
  assert_int_equal(r[3].product.passage, -1);
  assert_true(isnan(r[3].product.viability_pct));
  assert_int_equal(r[3].product.cryopreserved, -1);
  assert_string_equal(r[3].product.items[0].key, "cd73");
  psr_assert_rel(r[3].product.items[0].value, 98, 1e-12);
  assert_int_equal(r[3].product.items[2].kind, PSORSIM_PRODUCT_BOOL);
  assert_true(r[3].product.items[2].value == 1);
  assert_int_equal(r[3].product.items[3].kind, PSORSIM_PRODUCT_TEXT);
  assert_string_equal(r[3].product.items[3].text, "0.5 EU/mL");
  /* lifestyle interval */
  assert_true(r[4].schedule.from_day == 7 && r[4].schedule.until_day == 35);
  /* placebo needs no dose; a single number is a one-element list */
  assert_int_equal(r[5].dose.unit, PSORSIM_UNIT_NONE);
  expect_doses(s, &r[5], (const double[]){21}, 1);
  /* endpoints */
  assert_int_equal(s->endpoints[2].kind, PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN);
  assert_true(s->endpoints[2].week == 0);
  assert_true(s->endpoints[3].week == 2.5);
  assert_string_equal(psorsim_endpoint_unit(PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN), "weeks");
  /* observed: a worsening is a negative change; iga01@6 is not in the list */
  assert_int_equal(s->n_observed, 3);
  assert_int_equal(s->observed[0].endpoint_index, 2);
  psr_assert_rel(s->observed[1].value, -12, 1e-12);
  assert_int_equal(s->observed[2].endpoint_index, -1);
  assert_int_equal(s->observed[2].endpoint.kind, PSORSIM_ENDPOINT_IGA01);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

/* ---- errors ------------------------------------------------------------ */

typedef struct error_case {
  const char *file;    /* fixture under tests/io/cases/ */
  int status;          /* expected status */
  const char *message; /* expected in the message right after the directory */
} error_case;

static const error_case error_cases[] = {
    {"malformed-yaml.yaml", PSORSIM_EINPUT,
     "malformed-yaml.yaml:15: invalid YAML: did not find expected ',' or ']'"},
    {"bad-indent.yaml", PSORSIM_EINPUT, "bad-indent.yaml:13: invalid YAML:"},
    {"alias.yaml", PSORSIM_EINPUT, "alias.yaml:10: invalid YAML: aliases (*none) are not"},
    {"two-documents.yaml", PSORSIM_EINPUT,
     "two-documents.yaml:19: invalid YAML: only one document"},
    {"empty.yaml", PSORSIM_EINPUT, "empty.yaml:1: the file is empty"},
    {"not-a-mapping.yaml", PSORSIM_EINPUT, "not-a-mapping.yaml:2: expected a mapping"},
    {"unknown-key.yaml", PSORSIM_EINPUT,
     "unknown-key.yaml:12: arms[1].regimen[0].dosage: unknown key in a drug entry (did you mean "
     "\"dose\"?); accepted keys: drug, dose, route,"},
    {"unknown-top-key.yaml", PSORSIM_EINPUT,
     "unknown-top-key.yaml:16: endpoint: unknown key in a trial file (did you mean "
     "\"endpoints\"?)"},
    {"duplicate-key.yaml", PSORSIM_EINPUT,
     "duplicate-key.yaml:14: arms[1].regimen[0].dose: key given twice (first at line 12)"},
    {"wrong-unit.yaml", PSORSIM_EUNIT,
     "wrong-unit.yaml:12: arms[1].regimen[0].dose: expected a dose such as \"300 mg\" or \"5 "
     "mg/kg\", got \"300 mgs\": unknown unit \"mgs\""},
    {"wrong-dimension.yaml", PSORSIM_EUNIT,
     "wrong-dimension.yaml:13: arms[1].regimen[0].dose: expected a cell dose such as \"1e6 "
     "cells/kg\" or \"2e8 cells\", got \"2e8 mg\": mg cannot be converted to cells or cells/kg"},
    {"per-day-unit.yaml", PSORSIM_EUNIT,
     "per-day-unit.yaml:12: arms[1].regimen[0].dose: expected a dose such as"},
    {"missing-unit.yaml", PSORSIM_EUNIT,
     "missing-unit.yaml:12: arms[1].regimen[0].dose: expected a dose such as \"300 mg\" or \"5 "
     "mg/kg\", got \"300\": the unit is missing"},
    {"uv-dose-in-mg.yaml", PSORSIM_EUNIT,
     "uv-dose-in-mg.yaml:13: arms[1].regimen[0].start_dose: expected a UV dose such as"},
    {"product-no-unit.yaml", PSORSIM_EUNIT,
     "product-no-unit.yaml:16: arms[1].regimen[0].product.viability: expected a percentage such "
     "as \"10 %\", got \"92\""},
    {"product-unknown-key.yaml", PSORSIM_EINPUT,
     "product-unknown-key.yaml:14: arms[1].regimen[0].product.viabilty: unknown key in a cell "
     "product block (did you mean \"viability\"?)"},
    {"missing-weeks.yaml", PSORSIM_EINPUT, "missing-weeks.yaml:2: weeks: missing (required)"},
    {"missing-dose.yaml", PSORSIM_EINPUT,
     "missing-dose.yaml:11: arms[1].regimen[0].dose: missing (required for secukinumab)"},
    {"missing-patients.yaml", PSORSIM_EINPUT,
     "missing-patients.yaml:5: population.patients_per_arm: missing (required)"},
    {"negative-week.yaml", PSORSIM_EINPUT,
     "negative-week.yaml:14: arms[1].regimen[0].at_weeks[1]: must be between 0 and 1040, got -1"},
    {"decreasing-weeks.yaml", PSORSIM_EINPUT,
     "decreasing-weeks.yaml:14: arms[1].regimen[0].at_weeks[2]: times must increase"},
    {"impossible-fraction.yaml", PSORSIM_EINPUT,
     "impossible-fraction.yaml:7: population.baseline.prior_biologic_fraction: must be between 0 "
     "and 1, got 1.5"},
    {"mean-below-min.yaml", PSORSIM_EINPUT,
     "mean-below-min.yaml:7: population.baseline.pasi_mean: mean 9.5 is below the inclusion "
     "minimum pasi_min = 12"},
    {"zero-weeks.yaml", PSORSIM_EINPUT, "zero-weeks.yaml:3: weeks: must be greater than 0"},
    {"weeks-not-number.yaml", PSORSIM_EINPUT,
     "weeks-not-number.yaml:3: weeks: expected a number, got \"twelve\""},
    {"zero-dose.yaml", PSORSIM_EINPUT,
     "zero-dose.yaml:12: arms[1].regimen[0].dose: must be greater than 0"},
    {"bad-seed.yaml", PSORSIM_EINPUT, "bad-seed.yaml:4: seed: expected a whole number"},
    {"duplicate-arm.yaml", PSORSIM_EINPUT,
     "duplicate-arm.yaml:9: arms[1].name: arm name \"placebo\" is already used by arms[0]"},
    {"arms-empty.yaml", PSORSIM_EINPUT, "arms-empty.yaml:6: arms: expected a list of at least one"},
    {"regimen-not-list.yaml", PSORSIM_EINPUT,
     "regimen-not-list.yaml:8: arms[0].regimen: expected a list of regimen entries"},
    {"observed-unknown-arm.yaml", PSORSIM_EINPUT,
     "observed-unknown-arm.yaml:19: observed.secukinumab 150 mg: no arm is called \"secukinumab "
     "150 mg\"; arms: \"placebo\", \"secukinumab 300 mg\""},
    {"observed-bad-endpoint.yaml", PSORSIM_EINPUT,
     "observed-bad-endpoint.yaml:18: observed.placebo.pasi85@12: unknown endpoint \"pasi85@12\""},
    {"observed-out-of-range.yaml", PSORSIM_EINPUT,
     "observed-out-of-range.yaml:18: observed.placebo.pasi75@12: must be between 0 and 100"},
    {"endpoint-threshold.yaml", PSORSIM_EINPUT,
     "endpoint-threshold.yaml:16: endpoints[1]: unknown endpoint \"pasi80@12\": the PASI response "
     "threshold must be 50, 75, 90 or 100"},
    {"endpoint-no-week.yaml", PSORSIM_EINPUT,
     "endpoint-no-week.yaml:16: endpoints[0]: endpoint \"pasi75\" needs a week"},
    {"endpoint-bad-week.yaml", PSORSIM_EINPUT,
     "endpoint-bad-week.yaml:16: endpoints[0]: endpoint \"iga01@week12\": the week after @ must be "
     "a number"},
    {"endpoint-unknown.yaml", PSORSIM_EINPUT,
     "endpoint-unknown.yaml:16: endpoints[0]: unknown endpoint \"pga01@12\"; endpoints: pasi50@W"},
    {"endpoint-after-end.yaml", PSORSIM_EINPUT,
     "endpoint-after-end.yaml:16: endpoints[1]: endpoint \"pasi90@16\" is at week 16, after the "
     "end of the trial (weeks: 12)"},
    {"endpoint-duplicate.yaml", PSORSIM_EINPUT,
     "endpoint-duplicate.yaml:16: endpoints[2]: endpoint \"pasi75@12\" is listed twice"},
    {"relapse-with-week.yaml", PSORSIM_EINPUT,
     "relapse-with-week.yaml:16: endpoints[0]: \"relapse_weeks_median@12\": relapse_weeks_median "
     "takes no week"},
    {"unknown-drug.yaml", PSORSIM_EINPUT,
     "unknown-drug.yaml:11: arms[1].regimen[0].drug: unknown drug \"secukinamab\" (did you mean "
     "\"secukinumab\"?)"},
    {"drug-as-topical.yaml", PSORSIM_EINPUT,
     "drug-as-topical.yaml:11: arms[1].regimen[0].drug: \"clobetasol_propionate\" is a topical, "
     "not a drug"},
    {"wrong-route.yaml", PSORSIM_EINPUT,
     "wrong-route.yaml:13: arms[1].regimen[0].route: secukinumab cannot be given by the oral "
     "route; allowed: subcutaneous, intravenous"},
    {"unknown-route.yaml", PSORSIM_EINPUT,
     "unknown-route.yaml:13: arms[1].regimen[0].route: unknown route \"subcutanous\""},
    {"cell-source.yaml", PSORSIM_EINPUT,
     "cell-source.yaml:12: arms[1].regimen[0].source: unknown cell source \"cord_blood\""},
    {"two-kinds.yaml", PSORSIM_EINPUT,
     "two-kinds.yaml:12: arms[1].regimen[0].topical: an entry is one treatment; it already has "
     "drug"},
    {"no-kind.yaml", PSORSIM_EINPUT,
     "no-kind.yaml:11: arms[1].regimen[0]: a regimen entry needs one of drug, phototherapy"},
    {"schedule-conflict.yaml", PSORSIM_EINPUT,
     "schedule-conflict.yaml:15: arms[1].regimen[0].every_weeks: cannot be combined with "
     "at_weeks"},
    {"no-schedule.yaml", PSORSIM_EINPUT,
     "no-schedule.yaml:11: arms[1].regimen[0]: no schedule: give one of at_weeks"},
    {"then-every-alone.yaml", PSORSIM_EINPUT,
     "then-every-alone.yaml:14: arms[1].regimen[0].then_every_weeks: needs at_weeks or at_days"},
    {"until-before-from.yaml", PSORSIM_EINPUT,
     "until-before-from.yaml:16: arms[1].regimen[0].until_week: must be after from_week (6)"},
    {"weeks-and-days.yaml", PSORSIM_EINPUT,
     "weeks-and-days.yaml:16: arms[1].regimen[0].then_every_days: cannot be combined with "
     "then_every_weeks"},
    {"sessions-too-many.yaml", PSORSIM_EINPUT,
     "sessions-too-many.yaml:12: arms[1].regimen[0].sessions_per_week: must be between 1 and 7, "
     "got 8"},
    {"model-unknown.yaml", PSORSIM_EINPUT,
     "model-unknown.yaml:3: model: unknown model \"psoriasys\" (did you mean \"psoriasis\"?); "
     "models: "},
    {"economics.yaml", PSORSIM_EINPUT,
     "economics.yaml:21: economics.discount_rate: unknown key in the economics block"},
};

static void test_error_cases(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  char path[1024], dir[1024], want[1400];
  case_path(dir, sizeof(dir), "");
  for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
    const error_case *c = &error_cases[i];
    psorsim_trial_spec *spec = (psorsim_trial_spec *)&spec; /* must be reset to NULL */
    case_path(path, sizeof(path), c->file);
    psorsim_ctx_clear_error(ctx);
    int rc = psorsim_trial_spec_load(ctx, path, &spec);
    /* the message starts with the path as given, then line, key and text */
    snprintf(want, sizeof(want), "%s%s", dir, c->message);
    if (rc != c->status || strncmp(psorsim_ctx_errmsg(ctx), want, strlen(want)) != 0)
      print_error("%s: got %s \"%s\"\n   expected %s \"%s...\"\n", c->file, psorsim_status_name(rc),
                  psorsim_ctx_errmsg(ctx), psorsim_status_name(c->status), want);
    assert_int_equal(rc, c->status);
    assert_int_equal(psorsim_ctx_errcode(ctx), c->status);
    assert_true(strncmp(psorsim_ctx_errmsg(ctx), want, strlen(want)) == 0);
    assert_null(spec);
  }
  psorsim_ctx_free(&ctx);
}

/* Every fixture in the cases folder is either valid or in the table. */
static void test_every_case_file_is_checked(void **state)
{
  char dir[1024];
  DIR *d;
  struct dirent *de;
  case_path(dir, sizeof(dir), "");
  d = opendir(dir);
  assert_non_null(d);
  while ((de = readdir(d)) != NULL) {
    int found = strcmp(de->d_name, "format-example.yaml") == 0 ||
                strcmp(de->d_name, "valid-minimal.yaml") == 0 || de->d_name[0] == '.';
    for (size_t i = 0; !found && i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
      found = strcmp(de->d_name, error_cases[i].file) == 0;
    if (!found) print_error("fixture %s is not tested\n", de->d_name);
    assert_true(found);
  }
  closedir(d);
}

static void test_inline_errors(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *s = NULL;
  /* a string parse names the given file name; a tab is a YAML syntax error */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "name: x\n\tweeks: 3\n", "t.yaml", &s),
                   PSORSIM_EINPUT);
  assert_true(strncmp(psorsim_ctx_errmsg(ctx), "t.yaml:2: invalid YAML", 22) == 0);
  /* a mapping where text is expected */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "name: {a: 1}\n", "t.yaml", &s),
                   PSORSIM_EINPUT);
  assert_string_equal(psorsim_ctx_errmsg(ctx), "t.yaml:1: name: expected text, got a mapping");
  /* a model name that is not text, and one far from every known name */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "name: x\nmodel: [a]\n", "t.yaml", &s),
                   PSORSIM_EINPUT);
  assert_string_equal(psorsim_ctx_errmsg(ctx), "t.yaml:2: model: expected text, got a list");
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "name: x\nmodel: sbml\n", "t.yaml", &s),
                   PSORSIM_EINPUT);
  const char *unknown = "t.yaml:2: model: unknown model \"sbml\"; models: ";
  assert_true(strncmp(psorsim_ctx_errmsg(ctx), unknown, strlen(unknown)) == 0);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "psoriasis"));
  /* a mapping used as a key */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "? {a: 1}\n: 2\n", "t.yaml", &s),
                   PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "a mapping key must be a plain word"));
  /* a 100-level nesting is refused, not recursed into */
  char deep[512];
  memset(deep, '[', 100);
  memset(deep + 100, ']', 100);
  deep[200] = '\0';
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, deep, "t.yaml", &s), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "nesting deeper than 64"));
  assert_null(s);
  /* a missing file */
  assert_int_equal(psorsim_trial_spec_load(ctx, "/nonexistent/trial.yaml", &s), PSORSIM_EIO);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "/nonexistent/trial.yaml: cannot open"));
  /* arguments */
  assert_int_equal(psorsim_trial_spec_load(ctx, NULL, &s), PSORSIM_EINVAL);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, "x", "t", NULL), PSORSIM_EINVAL);
  psorsim_trial_spec_free(NULL);
  psorsim_trial_spec_free(&s);
  psorsim_ctx_free(&ctx);
}

static void test_endpoint_parse_public(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_endpoint ep;
  assert_int_equal(psorsim_endpoint_parse(ctx, "pasi90@24", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_PASI_RESPONSE);
  assert_int_equal(ep.threshold, 90);
  assert_true(ep.week == 24);
  assert_string_equal(ep.key, "pasi90@24");
  assert_int_equal(psorsim_endpoint_parse(ctx, "dlqi01@16", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_DLQI01);
  assert_int_equal(psorsim_endpoint_parse(ctx, "pasi75@0", "k", &ep), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "k: endpoint \"pasi75@0\": the week must be"));
  assert_int_equal(psorsim_endpoint_parse(ctx, "pasi75@-3", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, "pasi75@12@3", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, "", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(
                       ctx, "pasi75@1234567890123456789012345678901234567890123456", NULL, &ep),
                   PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, NULL, NULL, &ep), PSORSIM_EINVAL);
  psorsim_ctx_free(&ctx);
}

static void test_known_names_table(void **state)
{
  size_t n = 0;
  const psorsim_known_treatment *all = psorsim_known_treatments(&n);
  assert_true(n >= 29);
  /* every name is unique within its kind and has a usable default route */
  for (size_t i = 0; i < n; i++) {
    assert_ptr_equal(psorsim_known_treatment_find(all[i].kind, all[i].name), &all[i]);
    if (all[i].routes != 0)
      assert_true(all[i].routes & PSORSIM_ROUTE_BIT(all[i].default_route));
    else
      assert_int_equal(all[i].default_route, PSORSIM_ROUTE_NONE);
  }
  assert_null(psorsim_known_treatment_find(PSORSIM_TREATMENT_TOPICAL, "secukinumab"));
  assert_non_null(psorsim_known_treatment_find(PSORSIM_TREATMENT_DRUG, "certolizumab_pegol"));
  assert_non_null(psorsim_known_treatment_find(PSORSIM_TREATMENT_LIFESTYLE, "trigger_avoidance"));
  assert_string_equal(psorsim_treatment_kind_name(PSORSIM_TREATMENT_CELLS), "cells");
  assert_string_equal(psorsim_treatment_kind_name(PSORSIM_TREATMENT_KIND_COUNT), "?");
  assert_string_equal(psorsim_route_name(PSORSIM_ROUTE_INTRAMUSCULAR), "intramuscular");
  assert_string_equal(psorsim_route_name(PSORSIM_ROUTE_NONE), "");
  assert_string_equal(psorsim_cell_source_name(PSORSIM_CELL_SOURCE_UMBILICAL_CORD),
                      "umbilical_cord");
  assert_string_equal(psorsim_cell_source_name(PSORSIM_CELL_SOURCE_COUNT), "?");
}

/* Fail the 1st, 2nd, ... allocation: ENOMEM each time (no leak under
 * ASan/valgrind), until the parse needs no more and succeeds. */
static void test_allocation_failures(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  char path[1024];
  case_path(path, sizeof(path), "format-example.yaml");
  for (long n = 1;; n++) {
    psorsim_trial_spec *s = NULL;
    psorsim_ctx_fail_alloc_after(ctx, n);
    int rc = psorsim_trial_spec_load(ctx, path, &s);
    psorsim_ctx_fail_alloc_after(ctx, 0);
    if (rc == PSORSIM_OK) {
      assert_true(n > 2);
      assert_int_equal(s->n_arms, 7);
      psorsim_trial_spec_free(&s);
      break;
    }
    assert_int_equal(rc, PSORSIM_ENOMEM);
    assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "out of memory"));
    assert_null(s);
    assert_true(n < 1000);
  }
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_calibration_file_parses),
      cmocka_unit_test(test_calibration_erasure_secukinumab),
      cmocka_unit_test(test_calibration_champion_escalation),
      cmocka_unit_test(test_calibration_biologic_schedules),
      cmocka_unit_test(test_calibration_nbuvb),
      cmocka_unit_test(test_format_example),
      cmocka_unit_test(test_accepted_forms),
      cmocka_unit_test(test_error_cases),
      cmocka_unit_test(test_every_case_file_is_checked),
      cmocka_unit_test(test_inline_errors),
      cmocka_unit_test(test_endpoint_parse_public),
      cmocka_unit_test(test_known_names_table),
      cmocka_unit_test(test_allocation_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
