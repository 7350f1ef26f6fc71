/* tests/io/test_units.c
 *
 * Quantity strings to canonical units (src/io/units.c and the table in
 * src/io/units_table_impl.h): every spelling in the table converts with its
 * factor, the trial format's examples give the documented canonical values,
 * and each way a quantity can be wrong gives the right status and a message
 * naming the key and the unit.
 */
#include <string.h>

#include "psr_test.h"

#include <psorsim/units.h>

#include "io/units_table_impl.h"

/* Parse text with the given mask and expect success with value and unit. */
static void expect_ok(psorsim_ctx *ctx, const char *text, unsigned accept, double value,
                      psorsim_unit unit)
{
  psorsim_quantity q = {-1.0, PSORSIM_UNIT_NONE};
  int rc = psorsim_quantity_parse(ctx, text, accept, "k", &q);
  if (rc != PSORSIM_OK) print_error("\"%s\": %s\n", text, psorsim_ctx_errmsg(ctx));
  assert_int_equal(rc, PSORSIM_OK);
  assert_int_equal(q.unit, unit);
  psr_assert_rel(q.value, value, 1e-12);
}

/* Expect failure with `status` and every fragment (NULL-terminated) in the message. */
static void expect_fail(psorsim_ctx *ctx, const char *text, unsigned accept, int status,
                        const char *const *fragments)
{
  psorsim_quantity q = {-1.0, PSORSIM_UNIT_MG};
  int rc = psorsim_quantity_parse(ctx, text, accept, "trial.yaml:14: arms[1].regimen[0].dose", &q);
  assert_int_equal(rc, status);
  assert_int_equal(q.unit, PSORSIM_UNIT_NONE);
  for (size_t i = 0; fragments[i] != NULL; i++) {
    if (strstr(psorsim_ctx_errmsg(ctx), fragments[i]) == NULL)
      print_error("message \"%s\" lacks \"%s\"\n", psorsim_ctx_errmsg(ctx), fragments[i]);
    assert_non_null(strstr(psorsim_ctx_errmsg(ctx), fragments[i]));
  }
}

static void test_units_table_entries_convert_with_their_factor(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  for (size_t i = 0; i < PSR_UNIT_TABLE_LEN; i++) {
    char text[64];
    psorsim_unit u;
    double f;
    /* lookup by the spelling itself */
    assert_int_equal(psorsim_unit_lookup(psr_unit_table[i].spelling, &u, &f), PSORSIM_OK);
    assert_int_equal(u, psr_unit_table[i].unit);
    assert_true(f == psr_unit_table[i].factor);
    /* and through the parser, with a high-entropy value */
    snprintf(text, sizeof(text), "2.385 %s", psr_unit_table[i].spelling);
    expect_ok(ctx, text, PSORSIM_UNIT_BIT(psr_unit_table[i].unit), 2.385 * psr_unit_table[i].factor,
              psr_unit_table[i].unit);
  }
  psorsim_ctx_free(&ctx);
}

static void test_units_format_examples_give_canonical_values(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  expect_ok(ctx, "300 mg", PSORSIM_ACCEPT_DRUG_DOSE, 300.0, PSORSIM_UNIT_MG);
  expect_ok(ctx, "0.5 mg/kg", PSORSIM_ACCEPT_DRUG_DOSE, 0.5, PSORSIM_UNIT_MG_PER_KG);
  expect_ok(ctx, "5 mg/kg", PSORSIM_ACCEPT_DRUG_DOSE, 5.0, PSORSIM_UNIT_MG_PER_KG);
  expect_ok(ctx, "1e6 cells/kg", PSORSIM_ACCEPT_CELL_DOSE, 1e6, PSORSIM_UNIT_CELLS_PER_KG);
  expect_ok(ctx, "2e8 cells", PSORSIM_ACCEPT_CELL_DOSE, 2e8, PSORSIM_UNIT_CELLS);
  expect_ok(ctx, "280 mJ/cm2", PSORSIM_ACCEPT_UV_DOSE, 280.0, PSORSIM_UNIT_MJ_PER_CM2);
  expect_ok(ctx, "0.28 J/cm2", PSORSIM_ACCEPT_UV_DOSE, 280.0, PSORSIM_UNIT_MJ_PER_CM2);
  expect_ok(ctx, "70 % MED", PSORSIM_ACCEPT_UV_DOSE, 0.70, PSORSIM_UNIT_MED_FRACTION);
  expect_ok(ctx, "70%MED", PSORSIM_ACCEPT_UV_DOSE, 0.70, PSORSIM_UNIT_MED_FRACTION);
  expect_ok(ctx, "0.05 %", PSORSIM_ACCEPT_PERCENT, 0.05, PSORSIM_UNIT_PERCENT);
  expect_ok(ctx, "92 %", PSORSIM_ACCEPT_PERCENT, 92.0, PSORSIM_UNIT_PERCENT);
  expect_ok(ctx, "10 %", PSORSIM_ACCEPT_UV_DOSE | PSORSIM_ACCEPT_PERCENT, 10.0,
            PSORSIM_UNIT_PERCENT);
  expect_ok(ctx, "1 g", PSORSIM_ACCEPT_DRUG_AMOUNT, 1000.0, PSORSIM_UNIT_MG);
  expect_ok(ctx, "500 ug", PSORSIM_ACCEPT_DRUG_DOSE, 0.5, PSORSIM_UNIT_MG);
  expect_ok(ctx, "500 \xc2\xb5g", PSORSIM_ACCEPT_DRUG_DOSE, 0.5, PSORSIM_UNIT_MG);
  expect_ok(ctx, "500 \xce\xbcg", PSORSIM_ACCEPT_DRUG_DOSE, 0.5, PSORSIM_UNIT_MG);
  /* spacing and number forms */
  expect_ok(ctx, "  300mg ", PSORSIM_ACCEPT_DRUG_DOSE, 300.0, PSORSIM_UNIT_MG);
  expect_ok(ctx, ".5 mg", PSORSIM_ACCEPT_DRUG_DOSE, 0.5, PSORSIM_UNIT_MG);
  expect_ok(ctx, "2.5E+7 cells", PSORSIM_ACCEPT_CELL_DOSE, 2.5e7, PSORSIM_UNIT_CELLS);
  expect_ok(ctx, "420 mJ / cm2", PSORSIM_ACCEPT_UV_DOSE, 420.0, PSORSIM_UNIT_MJ_PER_CM2);
  psorsim_ctx_free(&ctx);
}

static void test_units_rejects_unknown_and_foreign_units(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  expect_fail(ctx, "300 mgs", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EUNIT,
              (const char *[]){"trial.yaml:14: arms[1].regimen[0].dose: expected a dose such as "
                               "\"300 mg\"",
                               "got \"300 mgs\"", "unknown unit \"mgs\"", NULL});
  expect_fail(ctx, "300 mg", PSORSIM_ACCEPT_CELL_DOSE, PSORSIM_EUNIT,
              (const char *[]){"arms[1].regimen[0].dose",
                               "mg cannot be converted to cells or "
                               "cells/kg",
                               NULL});
  expect_fail(ctx, "1e6 cells/kg", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EUNIT,
              (const char *[]){"cells/kg cannot be converted to mg or mg/kg", NULL});
  expect_fail(ctx, "70 % MED", PSORSIM_ACCEPT_PERCENT, PSORSIM_EUNIT,
              (const char *[]){"a percentage", "% MED cannot be converted to %", NULL});
  expect_fail(ctx, "300", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EUNIT,
              (const char *[]){"the unit is missing", NULL});
  expect_fail(ctx, "2.5 mg/kg/day", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EUNIT,
              (const char *[]){"amount given at each administration", "times_per_day", NULL});
  psorsim_ctx_free(&ctx);
}

static void test_units_rejects_bad_numbers(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const char *const bad[] = {"mg", "", "abc mg", "inf mg", "nan mg", "- 3 mg"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    expect_fail(ctx, bad[i], PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EINPUT,
                (const char *[]){"does not start with a number", NULL});
  expect_fail(ctx, "-300 mg", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EINPUT,
              (const char *[]){"must not be negative", NULL});
  /* strtod would read hex; the strict grammar reads "0" and then an unknown unit */
  expect_fail(ctx, "0x10 mg", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EUNIT,
              (const char *[]){"unknown unit \"x10 mg\"", NULL});
  expect_fail(ctx, "1e999 mg", PSORSIM_ACCEPT_DRUG_DOSE, PSORSIM_EINPUT,
              (const char *[]){"out of range", NULL});
  psorsim_ctx_free(&ctx);
}

static void test_units_arguments_and_names(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_quantity q;
  psorsim_unit u;
  double f;
  assert_int_equal(psorsim_quantity_parse(ctx, NULL, PSORSIM_ACCEPT_DRUG_DOSE, NULL, &q),
                   PSORSIM_EINVAL);
  assert_int_equal(psorsim_quantity_parse(ctx, "1 mg", 0, NULL, &q), PSORSIM_EINVAL);
  /* a NULL `where` gives a message without a prefix */
  assert_int_equal(psorsim_quantity_parse(ctx, "1 mgs", PSORSIM_ACCEPT_DRUG_DOSE, NULL, &q),
                   PSORSIM_EUNIT);
  assert_true(strncmp(psorsim_ctx_errmsg(ctx), "expected a dose", 15) == 0);
  assert_int_equal(psorsim_unit_lookup("furlongs", &u, &f), PSORSIM_ENOTFOUND);
  assert_int_equal(psorsim_unit_lookup(NULL, &u, &f), PSORSIM_EINVAL);
  assert_string_equal(psorsim_unit_name(PSORSIM_UNIT_MG_PER_KG), "mg/kg");
  assert_string_equal(psorsim_unit_name(PSORSIM_UNIT_MJ_PER_CM2), "mJ/cm2");
  assert_string_equal(psorsim_unit_name(PSORSIM_UNIT_MED_FRACTION), "MED");
  assert_string_equal(psorsim_unit_name(PSORSIM_UNIT_NONE), "");
  assert_string_equal(psorsim_unit_name(PSORSIM_UNIT_COUNT), "");
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_units_table_entries_convert_with_their_factor),
      cmocka_unit_test(test_units_format_examples_give_canonical_values),
      cmocka_unit_test(test_units_rejects_unknown_and_foreign_units),
      cmocka_unit_test(test_units_rejects_bad_numbers),
      cmocka_unit_test(test_units_arguments_and_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
