/* tests/models/test_model_declarations.c
 *
 * What a disease model declares to trials and treatments (model.h): the
 * psoriasis model's clinical readouts, treatment inputs, patient covariates
 * and steady states point at the right entries of its tables; its baseline
 * (psorsim_model_baseline) is exactly the psoriatic steady state of
 * psorsim_psoriasis_steady_state; models without declarations (pk1) answer
 * -1 and a clear error; psorsim_model_validate accepts every shipped and
 * test model and names the first fault of a broken one.
 */
#include "psr_test.h"

#include <math.h>
#include <string.h>

#include <psorsim/psoriasis.h>

#include "models/psoriasis_impl.h"
#include "psr_test_models.h"

static const psorsim_model *psor(void)
{
  return psorsim_psoriasis_model();
}

/* ---- readouts, inputs, covariates --------------------------------------------------------- */

static void test_psoriasis_readouts_point_at_the_clinical_observables(void **state)
{
  const psorsim_model *m = psor();
  (void)state;
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_PASI), PO_PASI);
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_BSA), PO_BSA);
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_IGA), PO_IGA);
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_DLQI), PO_DLQI);
  /* the names the trial runner used to look up by hand */
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_PASI),
                   psorsim_model_obs_index(m, "pasi"));
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_BSA),
                   psorsim_model_obs_index(m, "bsa_percent"));
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_IGA),
                   psorsim_model_obs_index(m, "iga"));
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_DLQI),
                   psorsim_model_obs_index(m, "dlqi"));
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_OTHER), -1);
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_COUNT), -1);
  assert_int_equal(psorsim_model_readout_index(NULL, PSORSIM_READOUT_PASI), -1);
}

static void test_psoriasis_inputs_are_the_treatment_parameters(void **state)
{
  const psorsim_model *m = psor();
  static const struct {
    const char *name;
    int index;
    psorsim_input_kind kind;
  } want[] = {
      {"inh_il23", PP_INH_IL23, PSORSIM_INPUT_INHIBITION},
      {"inh_il17", PP_INH_IL17, PSORSIM_INPUT_INHIBITION},
      {"inh_tnf", PP_INH_TNF, PSORSIM_INPUT_INHIBITION},
      {"inh_tact", PP_INH_TACT, PSORSIM_INPUT_INHIBITION},
      {"inh_prolif", PP_INH_PROLIF, PSORSIM_INPUT_INHIBITION},
      {"treg_induction", PP_TREG_INDUCTION, PSORSIM_INPUT_ADDITIVE},
      {"uvb_apopt", PP_UVB_APOPT, PSORSIM_INPUT_ADDITIVE},
  };
  psorsim_input_kind kind;
  (void)state;
  assert_int_equal(m->n_inputs, (int)(sizeof(want) / sizeof(want[0])));
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
    kind = (psorsim_input_kind)-7;
    assert_int_equal(psorsim_model_input_index(m, want[i].name, &kind), want[i].index);
    assert_int_equal(kind, want[i].kind);
    assert_int_equal(psorsim_model_input_index(m, want[i].name, NULL), want[i].index);
  }
  /* a parameter that is not a declared input, and no parameter at all */
  kind = (psorsim_input_kind)-7;
  assert_true(psorsim_model_param_index(m, "susceptibility") >= 0);
  assert_int_equal(psorsim_model_input_index(m, "susceptibility", &kind), -1);
  assert_int_equal(psorsim_model_input_index(m, "nosuch", &kind), -1);
  assert_int_equal(psorsim_model_input_index(m, NULL, &kind), -1);
  assert_int_equal((int)kind, -7); /* untouched when there is no such input */
}

static void test_psoriasis_covariates_are_the_patient_parameters(void **state)
{
  const psorsim_model *m = psor();
  (void)state;
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_BMI), PP_BMI);
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_SMOKER), PP_SMOKING);
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_SUSCEPTIBILITY),
                   PP_SUSCEPTIBILITY);
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_SITE_SPREAD), PP_SITE_SIGMA);
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_COUNT), -1);
}

static void test_psoriasis_steady_states_are_named_by_basin(void **state)
{
  const psorsim_model *m = psor();
  (void)state;
  assert_int_equal(psorsim_model_steady_index(m, "healthy"), PSORSIM_PSORIASIS_HEALTHY);
  assert_int_equal(psorsim_model_steady_index(m, "psoriatic"), PSORSIM_PSORIASIS_PSORIATIC);
  assert_int_equal(psorsim_model_steady_index(m, "nosuch"), -1);
  assert_int_equal(m->baseline_steady, PSORSIM_PSORIASIS_PSORIATIC);
}

/* pk1 declares nothing: every look-up says so. */
static void test_model_without_declarations(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m = psorsim_model_find("pk1");
  double y[8];
  (void)state;
  assert_non_null(m);
  assert_int_equal(psorsim_model_readout_index(m, PSORSIM_READOUT_PASI), -1);
  assert_int_equal(psorsim_model_input_index(m, "cl", NULL), -1);
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_BMI), -1);
  assert_int_equal(psorsim_model_steady_index(m, "healthy"), -1);
  assert_int_equal(psorsim_model_baseline(ctx, m, NULL, y, NULL), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "declares no steady states"));
  psorsim_ctx_free(&ctx);
}

/* ---- baseline and steady states ----------------------------------------------------------- */

/* A patient that is not the default one (parameters from the population's ranges). */
static void some_patient(double *p)
{
  psorsim_model_default_params(psor(), p);
  p[PP_SUSCEPTIBILITY] = 1.385;
  p[PP_SITE_SIGMA] = 0.47;
  p[PP_BMI] = 31.2;
  p[PP_SMOKING] = 1.0;
}

/* psorsim_model_baseline gives the same numbers as psorsim_psoriasis_steady_state(PSORIATIC):
 * the state bit for bit, the readouts equal to the summary's. */
static void check_baseline_equals_psoriatic_steady_state(psorsim_ctx *ctx, const double *p)
{
  double y_ref[PSR_PSOR_NSTATES], y[PSR_PSOR_NSTATES], y2[PSR_PSOR_NSTATES];
  double r[PSORSIM_READOUT_COUNT];
  psorsim_psoriasis_summary s;

  assert_int_equal(psorsim_psoriasis_steady_state(ctx, p, PSORSIM_PSORIASIS_PSORIATIC, y_ref, &s),
                   PSORSIM_OK);
  assert_int_equal(psorsim_model_baseline(ctx, psor(), p, y, r), PSORSIM_OK);
  assert_memory_equal(y, y_ref, sizeof(y));
  assert_true(r[PSORSIM_READOUT_PASI] == s.pasi);
  assert_true(r[PSORSIM_READOUT_BSA] == s.bsa_percent);
  assert_true(r[PSORSIM_READOUT_IGA] == s.iga);
  assert_true(r[PSORSIM_READOUT_DLQI] == s.dlqi);
  assert_true(s.pasi > 5.0); /* a patient with plaques, so the comparison means something */
  /* without readouts: the same state */
  assert_int_equal(psorsim_model_baseline(ctx, psor(), p, y2, NULL), PSORSIM_OK);
  assert_memory_equal(y2, y_ref, sizeof(y2));
}

static void test_baseline_is_the_psoriatic_steady_state(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  double p[PP_COUNT];
  (void)state;
  check_baseline_equals_psoriatic_steady_state(ctx, NULL);
  psorsim_model_default_params(psor(), p);
  check_baseline_equals_psoriatic_steady_state(ctx, p);
  some_patient(p);
  check_baseline_equals_psoriatic_steady_state(ctx, p);
  psorsim_ctx_free(&ctx);
}

/* Every steady state with its observables equals psorsim_psoriasis_steady_state + summary. */
static void test_steady_state_observables_match_the_summary(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  double p[PP_COUNT], y_ref[PSR_PSOR_NSTATES], y[PSR_PSOR_NSTATES], obs[PO_COUNT];
  psorsim_psoriasis_summary s;
  (void)state;
  some_patient(p);
  for (int b = 0; b < 2; b++) {
    assert_int_equal(psorsim_psoriasis_steady_state(ctx, p, (psorsim_psoriasis_basin)b, y_ref, &s),
                     PSORSIM_OK);
    assert_int_equal(psorsim_model_steady_state(ctx, psor(), p, b, y, obs), PSORSIM_OK);
    assert_memory_equal(y, y_ref, sizeof(y));
    assert_true(obs[PO_TURNOVER] == s.turnover_days);
    assert_true(obs[PO_PASI] == s.pasi);
    assert_true(obs[PO_PASI_SCORED] == s.pasi_scored);
    assert_true(obs[PO_BSA] == s.bsa_percent);
    assert_true(obs[PO_IGA] == s.iga);
    assert_true(obs[PO_DLQI] == s.dlqi);
    assert_true(obs[PO_ITCH] == s.itch_nrs);
    /* the readouts table names these observables */
    for (int i = 0; i < psor()->n_readouts; i++)
      assert_true(psorsim_model_obs_index(psor(), psor()->readouts[i].obs) >= 0);
  }
  psorsim_ctx_free(&ctx);
}

static void test_steady_state_argument_errors(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  double p[PP_COUNT], y[PSR_PSOR_NSTATES];
  (void)state;
  assert_int_equal(psorsim_model_steady_state(ctx, NULL, NULL, 0, y, NULL), PSORSIM_EINVAL);
  assert_int_equal(psorsim_model_steady_state(ctx, psor(), NULL, 0, NULL, NULL), PSORSIM_EINVAL);
  assert_int_equal(psorsim_model_steady_state(ctx, psor(), NULL, 2, y, NULL), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "no steady state 2"));
  assert_int_equal(psorsim_model_steady_state(ctx, psor(), NULL, -1, y, NULL), PSORSIM_EINVAL);
  assert_int_equal(psorsim_model_baseline(ctx, NULL, NULL, y, NULL), PSORSIM_EINVAL);
  /* the model's own failure comes through with its message */
  psorsim_model_default_params(psor(), p);
  p[PP_T20] = NAN;
  assert_int_equal(psorsim_model_baseline(ctx, psor(), p, y, NULL), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "not finite"));
  /* the default parameters are allocated: a failed allocation is reported, not a crash */
  psorsim_ctx_fail_alloc_after(ctx, 1);
  assert_int_equal(psorsim_model_baseline(ctx, psor(), NULL, y, NULL), PSORSIM_ENOMEM);
  psorsim_ctx_fail_alloc_after(ctx, 0);
  psorsim_ctx_free(&ctx);
}

/* ---- validation --------------------------------------------------------------------------- */

static void test_shipped_and_test_models_validate(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *tests[] = {&psr_test_model_logistic, &psr_test_model_robertson,
                                  &psr_test_model_diffusion};
  (void)state;
  for (int i = 0; i < psorsim_model_count(); i++) {
    const int rc = psorsim_model_validate(ctx, psorsim_model_at(i));
    if (rc != PSORSIM_OK) print_error("%s\n", psorsim_ctx_errmsg(ctx));
    assert_int_equal(rc, PSORSIM_OK);
  }
  for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
    assert_int_equal(psorsim_model_validate(ctx, tests[i]), PSORSIM_OK);
  psorsim_ctx_free(&ctx);
}

/* A broken copy of the psoriasis model fails validation with a message naming the fault. */
static void expect_invalid(psorsim_ctx *ctx, const psorsim_model *m, const char *fragment)
{
  assert_int_equal(psorsim_model_validate(ctx, m), PSORSIM_EINVAL);
  if (strstr(psorsim_ctx_errmsg(ctx), fragment) == NULL)
    fail_msg("expected '%s' in '%s'", fragment, psorsim_ctx_errmsg(ctx));
}

static void test_validate_names_the_fault(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_model m;
  static const psorsim_model_readout two_pasi[] = {{PSORSIM_READOUT_PASI, "pasi", 1},
                                                   {PSORSIM_READOUT_PASI, "pasi_scored", 0}};
  static const psorsim_model_readout bad_obs[] = {{PSORSIM_READOUT_PASI, "pasi_total", 1}};
  static const psorsim_model_readout bad_role[] = {{(psorsim_readout)9, "pasi", 1}};
  static const psorsim_model_input bad_input[] = {{"inh_il99", PSORSIM_INPUT_INHIBITION}};
  static const psorsim_model_input twice[] = {{"inh_il17", PSORSIM_INPUT_INHIBITION},
                                              {"inh_il17", PSORSIM_INPUT_ADDITIVE}};
  static const psorsim_model_covariate bad_cov[] = {{PSORSIM_COVARIATE_BMI, "body_mass"}};
  static const char *const dup_steady[] = {"healthy", "healthy"};
  static const psorsim_var dup_params[] = {{"k", "1/day", 1.0, NULL, NULL},
                                           {"k", "1/day", 2.0, NULL, NULL}};
  (void)state;

  assert_int_equal(psorsim_model_validate(ctx, NULL), PSORSIM_EINVAL);
  m = *psor();
  m.name = "";
  expect_invalid(ctx, &m, "needs a name");
  m = *psor();
  m.rhs = NULL;
  expect_invalid(ctx, &m, "no right-hand side");
  m = *psor();
  m.n_states = 0;
  expect_invalid(ctx, &m, "has 0 states");
  m = *psor();
  m.observe = NULL;
  expect_invalid(ctx, &m, "no observe function");
  m = *psor();
  m.readouts = two_pasi;
  m.n_readouts = 2;
  expect_invalid(ctx, &m, "declared twice");
  m.readouts = bad_obs;
  m.n_readouts = 1;
  expect_invalid(ctx, &m, "'pasi_total', which is not an observable");
  m.readouts = bad_role;
  expect_invalid(ctx, &m, "unknown role");
  m.readouts = NULL;
  expect_invalid(ctx, &m, "1 readouts but no table");
  m = *psor();
  m.inputs = bad_input;
  m.n_inputs = 1;
  expect_invalid(ctx, &m, "'inh_il99' is not a parameter");
  m.inputs = twice;
  m.n_inputs = 2;
  expect_invalid(ctx, &m, "'inh_il17' is declared twice");
  m = *psor();
  m.covariates = bad_cov;
  m.n_covariates = 1;
  expect_invalid(ctx, &m, "'body_mass', which is not a parameter");
  m = *psor();
  m.steady = NULL;
  expect_invalid(ctx, &m, "no steady function");
  m = *psor();
  m.baseline_steady = 2;
  expect_invalid(ctx, &m, "baseline steady state 2");
  m.baseline_steady = 0;
  m.steady_names = dup_steady;
  expect_invalid(ctx, &m, "two steady states are called 'healthy'");
  m = psr_test_model_logistic;
  m.params = dup_params;
  expect_invalid(ctx, &m, "two parameters are called 'k'");
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_psoriasis_readouts_point_at_the_clinical_observables),
      cmocka_unit_test(test_psoriasis_inputs_are_the_treatment_parameters),
      cmocka_unit_test(test_psoriasis_covariates_are_the_patient_parameters),
      cmocka_unit_test(test_psoriasis_steady_states_are_named_by_basin),
      cmocka_unit_test(test_model_without_declarations),
      cmocka_unit_test(test_baseline_is_the_psoriatic_steady_state),
      cmocka_unit_test(test_steady_state_observables_match_the_summary),
      cmocka_unit_test(test_steady_state_argument_errors),
      cmocka_unit_test(test_shipped_and_test_models_validate),
      cmocka_unit_test(test_validate_names_the_fault),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
