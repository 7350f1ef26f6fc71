/* tests/trial/test_trial_model.c
 *
 * A trial runs the disease model its file names (model:, default psoriasis),
 * found in the model registry, so a model registered at run time (as SBML
 * import will register one) runs a trial like a built-in one; a model
 * without the clinical readouts or a baseline cannot run one.
 */
#include <string.h>

#include <psorsim/trial.h>

#include "psr_test.h"

static const char trial_text[] = "name: plug-in\n"
                                 "%s"
                                 "seed: 515\n"
                                 "population:\n"
                                 "  patients_per_arm: 12\n"
                                 "  inclusion: {pasi_min: 10}\n"
                                 "weeks: 8\n"
                                 "arms:\n"
                                 "  - name: placebo\n"
                                 "    regimen: []\n"
                                 "  - name: secukinumab\n"
                                 "    regimen:\n"
                                 "      - drug: secukinumab\n"
                                 "        dose: 300 mg\n"
                                 "        route: subcutaneous\n"
                                 "        at_weeks: [0, 1, 2, 3, 4]\n"
                                 "endpoints: [pasi75@8, pasi_change@8]\n";

/* Parse the trial with the given model line (may be empty) and run it. */
static int run_with(psorsim_ctx *ctx, const char *model_line, psorsim_trial_spec **spec,
                    psorsim_trial_result **r)
{
  char text[sizeof(trial_text) + 64];
  psorsim_trial_options opt = {0};
  int rc;
  snprintf(text, sizeof(text), trial_text, model_line);
  rc = psorsim_trial_spec_parse_string(ctx, text, "plugin.yaml", spec);
  if (rc != PSORSIM_OK) return rc;
  opt.threads = 2;
  return psorsim_trial_run(ctx, *spec, &opt, r);
}

static void registered_copy_runs_the_same_trial(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_model copy = *psorsim_model_find("psoriasis");
  psorsim_trial_result *by_default = NULL, *by_name = NULL, *by_copy = NULL;
  psorsim_trial_spec *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;
  (void)state;
  copy.name = "psoriasis_copy";
  assert_int_equal(psorsim_model_register(ctx, &copy), PSORSIM_OK);
  assert_int_equal(run_with(ctx, "", &s1, &by_default), PSORSIM_OK);
  assert_int_equal(run_with(ctx, "model: psoriasis\n", &s2, &by_name), PSORSIM_OK);
  assert_int_equal(run_with(ctx, "model: psoriasis_copy\n", &s3, &by_copy), PSORSIM_OK);
  for (size_t a = 0; a < 2; a++) {
    const psorsim_arm_result *x = &by_default->arms[a], *y = &by_name->arms[a],
                             *z = &by_copy->arms[a];
    assert_int_equal(x->n_patients, 12);
    assert_memory_equal(x->endpoints, y->endpoints, 2 * sizeof(psorsim_estimate));
    assert_memory_equal(x->endpoints, z->endpoints, 2 * sizeof(psorsim_estimate));
    assert_memory_equal(x->pasi_mean, z->pasi_mean, (size_t)x->n_visits * sizeof(double));
  }
  /* the active arm does something: mean % PASI improvement 20 points above placebo */
  assert_true(by_copy->arms[1].endpoints[1].estimate > by_copy->arms[0].endpoints[1].estimate + 20);
  psorsim_trial_result_free(&by_default);
  psorsim_trial_result_free(&by_name);
  psorsim_trial_result_free(&by_copy);
  psorsim_trial_spec_free(&s1);
  psorsim_trial_spec_free(&s2);
  psorsim_trial_spec_free(&s3);
  assert_int_equal(psorsim_model_unregister(ctx, &copy), PSORSIM_OK);
  /* once unregistered, a file naming it is refused at its model: line */
  assert_int_equal(run_with(ctx, "model: psoriasis_copy\n", &s4, &by_copy), PSORSIM_EINPUT);
  assert_null(s4);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "plugin.yaml:2"));
  psorsim_ctx_free(&ctx);
}

static void model_without_readouts_cannot_run_a_trial(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_result *r = NULL;
  psorsim_trial_spec *spec = NULL;
  (void)state;
  assert_int_equal(run_with(ctx, "model: pk1\n", &spec, &r), PSORSIM_EINPUT);
  assert_null(r);
  psorsim_trial_spec_free(&spec);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "model 'pk1' cannot run a trial"));
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "PASI"));
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(registered_copy_runs_the_same_trial),
      cmocka_unit_test(model_without_readouts_cannot_run_a_trial),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
