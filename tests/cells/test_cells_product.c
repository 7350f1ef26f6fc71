/* tests/cells/test_cells_product.c
 *
 * The cell product standard (src/cells/product.c): a compliant product passes;
 * a product failing each ISCT minimal criterion and each release criterion is
 * rejected with a message naming the criterion, the value and the limit, at
 * the line of the value; undeclared criteria fail a release check but not a
 * trial check; a trial with a non-compliant product is an error naming the
 * file and line; the cell dose check; a small trial with an iPSC arm runs and
 * its trial.json carries the tumourigenicity flag.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <psorsim/cells.h>
#include <psorsim/report.h>
#include <psorsim/trial.h>

#include "psr_test.h"

/* A compliant product, one item per key, lines 10, 11, ... */
static const psorsim_product_item good_items[] = {
    {"plastic_adherence", PSORSIM_PRODUCT_BOOL, 1, "true", 10},
    {"trilineage", PSORSIM_PRODUCT_BOOL, 1, "true", 11},
    {"cd73", PSORSIM_PRODUCT_PERCENT, 98.7, "98.7 %", 12},
    {"cd90", PSORSIM_PRODUCT_PERCENT, 99.1, "99.1 %", 13},
    {"cd105", PSORSIM_PRODUCT_PERCENT, 97.4, "97.4 %", 14},
    {"cd45", PSORSIM_PRODUCT_PERCENT, 0.4, "0.4 %", 15},
    {"cd34", PSORSIM_PRODUCT_PERCENT, 0.6, "0.6 %", 16},
    {"cd14", PSORSIM_PRODUCT_PERCENT, 0.3, "0.3 %", 17},
    {"cd19", PSORSIM_PRODUCT_PERCENT, 0.2, "0.2 %", 18},
    {"hla_dr", PSORSIM_PRODUCT_PERCENT, 1.1, "1.1 %", 19},
    {"viability", PSORSIM_PRODUCT_PERCENT, 92.5, "92.5 %", 20},
    {"passage", PSORSIM_PRODUCT_INT, 4, "4", 21},
    {"sterile", PSORSIM_PRODUCT_BOOL, 1, "true", 22},
    {"mycoplasma_free", PSORSIM_PRODUCT_BOOL, 1, "true", 23},
    {"endotoxin", PSORSIM_PRODUCT_TEXT, NAN, "0.25 EU/mL", 24},
    {"karyotype", PSORSIM_PRODUCT_TEXT, NAN, "normal", 25},
    {"cell_count", PSORSIM_PRODUCT_TEXT, NAN, "5.1e7 cells", 26},
    {"cell_count_target", PSORSIM_PRODUCT_TEXT, NAN, "5.25e7", 27},
};
#define N_GOOD (sizeof(good_items) / sizeof(good_items[0]))

static psorsim_cell_product product_of(psorsim_product_item *items, size_t n)
{
  psorsim_cell_product p = {1, 9, -1, NAN, -1, items, n};
  return p;
}

static void test_compliant_product_passes(void **state)
{
  psorsim_product_item items[N_GOOD];
  psorsim_cell_product p;
  psorsim_product_finding f[4];
  int n = -1;
  (void)state;
  memcpy(items, good_items, sizeof(items));
  p = product_of(items, N_GOOD);
  assert_int_equal(psorsim_cell_product_check(&p, PSORSIM_PRODUCT_CHECK_RELEASE, f, 4, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 0);
  /* cd11b may stand in for cd14, cd79a for cd19 (ISCT "or") */
  items[7] = (psorsim_product_item){"cd11b", PSORSIM_PRODUCT_PERCENT, 1.9, "1.9 %", 17};
  items[8] = (psorsim_product_item){"cd79a", PSORSIM_PRODUCT_PERCENT, 0.1, "0.1 %", 18};
  assert_int_equal(psorsim_cell_product_check(&p, PSORSIM_PRODUCT_CHECK_RELEASE, f, 4, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 0);
  assert_int_equal(psorsim_cell_product_check(NULL, PSORSIM_PRODUCT_CHECK_RELEASE, f, 4, &n),
                   PSORSIM_EINVAL);
}

/* One failing value per criterion: index into good_items, the bad item, the message. */
typedef struct bad_case {
  int index;
  psorsim_product_item item;
  const char *message;
} bad_case;

static void test_each_failed_criterion_is_named(void **state)
{
  static const bad_case cases[] = {
      {0,
       {"plastic_adherence", PSORSIM_PRODUCT_BOOL, 0, "false", 10},
       "plastic_adherence: false, but the ISCT criterion requires it to be true (Dominici 2006)"},
      {1,
       {"trilineage", PSORSIM_PRODUCT_BOOL, 0, "false", 11},
       "trilineage: false, but the ISCT criterion requires it to be true"},
      {2,
       {"cd73", PSORSIM_PRODUCT_PERCENT, 91.0, "91 %", 12},
       "cd73: 91 % is below the ISCT minimum of 95 % (Dominici 2006)"},
      {3,
       {"cd90", PSORSIM_PRODUCT_PERCENT, 94.9, "94.9 %", 13},
       "cd90: 94.9 % is below the ISCT minimum of 95 %"},
      {4,
       {"cd105", PSORSIM_PRODUCT_PERCENT, 80.0, "80 %", 14},
       "cd105: 80 % is below the ISCT minimum of 95 %"},
      {5,
       {"cd45", PSORSIM_PRODUCT_PERCENT, 3.5, "3.5 %", 15},
       "cd45: 3.5 % is above the ISCT maximum of 2 % (Dominici 2006)"},
      {6,
       {"cd34", PSORSIM_PRODUCT_PERCENT, 2.1, "2.1 %", 16},
       "cd34: 2.1 % is above the ISCT maximum of 2 %"},
      {7,
       {"cd11b", PSORSIM_PRODUCT_PERCENT, 6.0, "6 %", 17},
       "cd11b: 6 % is above the ISCT maximum of 2 %"},
      {8,
       {"cd79a", PSORSIM_PRODUCT_PERCENT, 2.5, "2.5 %", 18},
       "cd79a: 2.5 % is above the ISCT maximum of 2 %"},
      {9,
       {"hla_dr", PSORSIM_PRODUCT_PERCENT, 12.0, "12 %", 19},
       "hla_dr: 12 % is above the ISCT maximum of 2 %"},
      {10,
       {"viability", PSORSIM_PRODUCT_PERCENT, 64.0, "64 %", 20},
       "viability: 64 % is below the release minimum of 70 %"},
      {11,
       {"passage", PSORSIM_PRODUCT_INT, 14, "14", 21},
       "passage: 14 is above the release maximum of 10 (assumed"},
      {12,
       {"sterile", PSORSIM_PRODUCT_BOOL, 0, "false", 22},
       "sterile: false, but the release criterion requires it to be true"},
      {13,
       {"mycoplasma_free", PSORSIM_PRODUCT_BOOL, 0, "false", 23},
       "mycoplasma_free: false, but the release criterion requires it to be true"},
      {14,
       {"endotoxin", PSORSIM_PRODUCT_TEXT, NAN, "20 EU/mL", 24},
       "endotoxin: 20 EU/mL is above the release maximum of 12.5 EU/mL"},
      {14,
       {"endotoxin", PSORSIM_PRODUCT_TEXT, NAN, "7.5 EU/kg", 24},
       "endotoxin: 7.5 EU/kg is above the release maximum of 5 EU/kg"},
      {14, {"endotoxin", PSORSIM_PRODUCT_TEXT, NAN, "low", 24}, "endotoxin: cannot read \"low\""},
      {15,
       {"karyotype", PSORSIM_PRODUCT_TEXT, NAN, "47,XY,+8", 25},
       "karyotype: \"47,XY,+8\" is not \"normal\""},
      {16,
       {"cell_count", PSORSIM_PRODUCT_TEXT, NAN, "4.0e7", 26},
       "cell_count: 4e+07 cells is 24 % below the target 5.25e+07"},
  };
  (void)state;
  for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
    psorsim_product_item items[N_GOOD];
    psorsim_cell_product p;
    psorsim_product_finding f[4];
    int n = -1;
    memcpy(items, good_items, sizeof(items));
    items[cases[c].index] = cases[c].item;
    p = product_of(items, N_GOOD);
    assert_int_equal(psorsim_cell_product_check(&p, PSORSIM_PRODUCT_CHECK_TRIAL, f, 4, &n),
                     PSORSIM_OK);
    if (n != 1 || strstr(f[0].message, cases[c].message) == NULL) {
      print_error("case %zu: %d findings, first \"%s\"; expected \"%s\"\n", c, n,
                  n > 0 ? f[0].message : "", cases[c].message);
      fail();
    }
    assert_int_equal(f[0].line, cases[c].item.line);
    assert_int_equal(f[0].declared, 1);
  }
}

static void test_undeclared_fails_release_not_trial(void **state)
{
  psorsim_product_item items[3];
  psorsim_cell_product p;
  psorsim_product_finding f[32];
  int n = -1;
  (void)state;
  memcpy(items, good_items + 2, sizeof(items)); /* cd73, cd90, cd105 only */
  p = product_of(items, 3);
  assert_int_equal(psorsim_cell_product_check(&p, PSORSIM_PRODUCT_CHECK_TRIAL, f, 32, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 0);
  assert_int_equal(psorsim_cell_product_check(&p, PSORSIM_PRODUCT_CHECK_RELEASE, f, 32, &n),
                   PSORSIM_OK);
  /* 15 required criteria, 3 declared: 12 not declared (karyotype, cell count optional) */
  assert_int_equal(n, 12);
  assert_string_equal(f[0].criterion, "plastic_adherence");
  assert_int_equal(f[0].declared, 0);
  assert_int_equal(f[0].line, 9); /* the product block's line */
  assert_non_null(strstr(f[3].message, "cd14/cd11b: not declared (ISCT maximum 2 %"));
  assert_non_null(strstr(f[11].message, "endotoxin: not declared"));
}

static void test_cell_dose_check(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_treatment *uc = psorsim_cells_treatment(PSORSIM_CELL_SOURCE_UMBILICAL_CORD);
  psorsim_quantity q = {2e6, PSORSIM_UNIT_CELLS_PER_KG};
  (void)state;
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_INTRAVENOUS, &q), PSORSIM_OK);
  q.value = 2e7; /* a misplaced decimal */
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_INTRAVENOUS, &q),
                   PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "outside the plausible range 250000-6e+06"));
  q = (psorsim_quantity){1.4e8, PSORSIM_UNIT_CELLS}; /* 2e6/kg at 70 kg */
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_INTRAVENOUS, &q), PSORSIM_OK);
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_INTRADERMAL, &q), PSORSIM_OK);
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_ORAL, &q), PSORSIM_EINPUT);
  q = (psorsim_quantity){300, PSORSIM_UNIT_MG};
  assert_int_equal(psorsim_cells_check_dose(ctx, uc, PSORSIM_ROUTE_INTRAVENOUS, &q), PSORSIM_EUNIT);
  psorsim_ctx_free(&ctx);
}

static const char trial_head[] = "name: msc\n"
                                 "seed: 31\n"
                                 "population: {patients_per_arm: 6}\n"
                                 "weeks: 8\n"
                                 "arms:\n"
                                 "  - name: ipsc\n"
                                 "    regimen:\n"
                                 "      - cells: msc\n"
                                 "        source: ipsc\n"
                                 "        dose: 5e6 cells/kg\n"
                                 "        route: intravenous\n"
                                 "        at_days: [0, 3, 7, 10]\n";

static void test_trial_with_bad_product_names_line(void **state)
{
  char text[1024];
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = NULL;
  (void)state;
  snprintf(text, sizeof(text),
           "%s        product:\n          cd73: 97 %%\n"
           "          hla_dr: 7 %%\nendpoints: [pasi50@8]\n",
           trial_head);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "bad.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psorsim_trial_run(ctx, spec, NULL, &r), PSORSIM_EINPUT);
  assert_null(r);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "bad.yaml:15: arm 'ipsc': product.hla_dr: 7 % "
                                                  "is above the ISCT maximum of 2 %"));
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_small_trial_carries_the_ipsc_flag(void **state)
{
  char text[1400];
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = NULL;
  psorsim_trial_options opt = {0};
  json_t *root, *arms;
  char *js;
  (void)state;
  snprintf(text, sizeof(text),
           "%s        product: {cd73: 97 %%, viability: 91 %%, passage: 4, cryopreserved: true}\n"
           "  - name: bone marrow\n"
           "    regimen:\n"
           "      - cells: msc\n"
           "        source: bone_marrow\n"
           "        dose: 1.4e8 cells\n"
           "        at_weeks: [0]\n"
           "  - name: placebo\n"
           "    regimen: []\n"
           "endpoints: [pasi50@8, pasi_change@8]\n",
           trial_head);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "msc.yaml", &spec), PSORSIM_OK);
  opt.threads = 1;
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_OK);
  assert_int_equal(r->arms[0].n_failed, 0);
  assert_int_equal(r->arms[1].n_failed, 0);
  /* the cells improve PASI over placebo (typical potency; 6 patients) */
  assert_true(r->arms[0].endpoints[1].estimate > r->arms[2].endpoints[1].estimate);
  assert_true(r->arms[0].n_ae > 0); /* infusion fever etc. (Yao 2021 rates) */
  js = psorsim_report_json_text(r);
  assert_non_null(js);
  root = json_loads(js, 0, NULL);
  assert_non_null(root);
  arms = json_object_get(root, "arms");
  assert_true(json_is_true(json_object_get(json_array_get(arms, 0), "tumourigenicity_flag")));
  assert_true(json_is_false(json_object_get(json_array_get(arms, 1), "tumourigenicity_flag")));
  assert_null(json_object_get(json_array_get(arms, 2), "tumourigenicity_flag"));
  json_decref(root);
  free(js);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compliant_product_passes),
      cmocka_unit_test(test_each_failed_criterion_is_named),
      cmocka_unit_test(test_undeclared_fails_release_not_trial),
      cmocka_unit_test(test_cell_dose_check),
      cmocka_unit_test(test_trial_with_bad_product_names_line),
      cmocka_unit_test(test_small_trial_carries_the_ipsc_flag),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
