/* tests/treatments/test_regimen_checks.c
 *
 * Regimen details that are easy to get wrong: a drug given in several
 * entries (loading then maintenance) counts once whatever the capacity
 * passed; absolute NB-UVB doses outside the library's range are rejected
 * naming the key; a treatment with two effects on one node gets unique
 * parameter and observable names in its treated model.
 */
#include <string.h>

#include <psorsim/psoriasis.h>
#include <psorsim/regimen.h>
#include <psorsim/regimen_file.h>
#include <psorsim/treated_model.h>

#include "psr_test.h"

static psorsim_regimen_spec *load(psorsim_ctx *ctx, const char *yaml)
{
  psorsim_regimen_spec *spec = NULL;
  assert_int_equal(psorsim_regimen_spec_parse_string(ctx, yaml, "checks.yaml", &spec), PSORSIM_OK);
  return spec;
}

static void test_a_drug_in_several_entries_counts_once(void **state)
{
  static const char yaml[] =
      "- {drug: adalimumab, dose: 80 mg, route: subcutaneous, at_weeks: [0]}\n"
      "- {drug: adalimumab, dose: 40 mg, route: subcutaneous, at_weeks: [1],"
      " then_every_weeks: 2}\n"
      "- {drug: methotrexate, dose: 15 mg, route: oral, every_weeks: 1}\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *spec = load(ctx, yaml);
  const psorsim_treatment *tx[4];
  int n = -1;
  assert_int_equal(psorsim_regimen_treatments(ctx, &spec->arm, "checks.yaml", NULL, 0, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 2); /* asked with no room: still the distinct count */
  assert_int_equal(psorsim_regimen_treatments(ctx, &spec->arm, "checks.yaml", tx, 1, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 2);
  assert_string_equal(tx[0]->name, "adalimumab");
  assert_int_equal(psorsim_regimen_treatments(ctx, &spec->arm, "checks.yaml", tx, 4, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 2);
  assert_string_equal(tx[1]->name, "methotrexate");
  psorsim_regimen_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_absolute_uvb_doses_are_range_checked(void **state)
{
  static const char too_high[] = "- phototherapy: nb_uvb\n"
                                 "  sessions_per_week: 3\n"
                                 "  start_dose: 9000 mJ/cm2\n";
  static const char cap_too_high[] = "- phototherapy: nb_uvb\n"
                                     "  sessions_per_week: 3\n"
                                     "  start_dose: 300 mJ/cm2\n"
                                     "  max_dose: 12 J/cm2\n";
  static const char fine[] = "- phototherapy: nb_uvb\n"
                             "  sessions_per_week: 3\n"
                             "  start_dose: 70 % MED\n"
                             "  max_dose: 3 J/cm2\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *spec = load(ctx, too_high);
  assert_int_equal(psorsim_regimen_validate(ctx, &spec->arm, "checks.yaml"), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "checks.yaml:1"));
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "start_dose"));
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "nb_uvb"));
  psorsim_regimen_spec_free(&spec);
  spec = load(ctx, cap_too_high);
  assert_int_equal(psorsim_regimen_validate(ctx, &spec->arm, "checks.yaml"), PSORSIM_EINPUT);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "max_dose"));
  psorsim_regimen_spec_free(&spec);
  spec = load(ctx, fine);
  assert_int_equal(psorsim_regimen_validate(ctx, &spec->arm, "checks.yaml"), PSORSIM_OK);
  psorsim_regimen_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_two_effects_on_one_node_get_unique_names(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_treatment *t = psorsim_treatment_find("calcipotriol_betamethasone");
  psorsim_treated_model *tm = NULL;
  const psorsim_model *m;
  assert_non_null(t);
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), &t, 1, &tm),
                   PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  for (int i = 0; i < m->n_params; i++) {
    for (int j = i + 1; j < m->n_params; j++)
      assert_string_not_equal(m->params[i].name, m->params[j].name);
  }
  for (int i = 0; i < m->n_obs; i++) {
    for (int j = i + 1; j < m->n_obs; j++)
      assert_string_not_equal(m->obs[i].name, m->obs[j].name);
  }
  for (int i = 0; i < m->n_states; i++) {
    for (int j = 0; j < m->n_obs; j++)
      assert_string_not_equal(m->states[i].name, m->obs[j].name);
  }
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_drug_in_several_entries_counts_once),
      cmocka_unit_test(test_absolute_uvb_doses_are_range_checked),
      cmocka_unit_test(test_two_effects_on_one_node_get_unique_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
