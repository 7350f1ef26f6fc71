/* tests/treatments/test_treated_model.c
 *
 * A disease model with treatments attached: exposure follows the analytic
 * two-compartment solution, the effect follows Emax at its node, effects on
 * one node combine as independent actions, the disease state responds as
 * its closed form says, the KLU and dense paths agree, and bad compositions
 * are errors. Uses a small test disease model and test-local treatments so
 * that the numbers below can be computed by hand.
 */
#include <math.h>
#include <string.h>

#include <psorsim/treated_model.h>

#include "psr_test.h"

/* Test disease model: x' = k_in (1 - inh_il17) (1 - inh_tnf) - k_out x. */
enum { B_KIN, B_KOUT, B_IL17, B_TNF, B_NP };
static const psorsim_var base_states[] = {{"x", "a.u.", 10.0, NULL, NULL}};
static const psorsim_var base_params[B_NP] = {
    {"k_in", "a.u./day", 4.2, NULL, NULL},
    {"k_out", "1/day", 0.42, NULL, NULL},
    {"inh_il17", "1", 0.0, NULL, NULL},
    {"inh_tnf", "1", 0.0, NULL, NULL},
};
static const psorsim_var base_obs[] = {{"x_obs", "a.u.", 0.0, NULL, NULL}};

static int base_rhs(double t, const double *y, double *ydot, const double *p, void *work)
{
  ydot[0] = p[B_KIN] * (1 - p[B_IL17]) * (1 - p[B_TNF]) - p[B_KOUT] * y[0];
  return 0;
}
static int base_jac(double t, const double *y, double *J, const double *p, void *work)
{
  J[0] = -p[B_KOUT];
  return 0;
}
static int base_jac_sparse(double t, const double *y, int64_t *colptr, int64_t *rowind, double *val,
                           const double *p, void *work)
{
  colptr[0] = 0;
  rowind[0] = 0;
  val[0] = -p[B_KOUT];
  colptr[1] = 1;
  return 0;
}
static int base_observe(double t, const double *y, const double *p, double *obs, void *work)
{
  obs[0] = y[0];
  return 0;
}

static const psorsim_model_input base_inputs[] = {{"inh_il17", PSORSIM_INPUT_INHIBITION},
                                                  {"inh_tnf", PSORSIM_INPUT_INHIBITION}};

static const psorsim_model base = {
    .name = "turnover",
    .description = "test disease model",
    .n_states = 1,
    .n_params = B_NP,
    .n_obs = 1,
    .states = base_states,
    .params = base_params,
    .obs = base_obs,
    .rhs = base_rhs,
    .jac = base_jac,
    .jac_sparse = base_jac_sparse,
    .jac_nnz = 1,
    .observe = base_observe,
    .n_inputs = 2,
    .inputs = base_inputs,
};

/* An anti-IL-17 antibody: 2 compartments, weight-scaled. */
static const psorsim_treatment anti17 = {
    .name = "anti17",
    .cls = PSORSIM_TX_BIOLOGIC,
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 2,
           .ka_per_day = 0.3,
           .f = 0.7,
           .cl_l_day = 0.19,
           .v1_l = 3.6,
           .q_l_day = 0.7,
           .v2_l = 2.9,
           .wt_ref_kg = 70,
           .cl_wt_exp = 1.0,
           .v_wt_exp = 0.5},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL17, 0.9, 2.0, 1.0, "test"}},
};
/* An anti-TNF with a long half-life, also acting on IL-17 (to test combination). */
static const psorsim_treatment anti_tnf = {
    .name = "antitnf",
    .cls = PSORSIM_TX_BIOLOGIC,
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.5,
           .f = 1.0,
           .cl_l_day = 1e-6,
           .v1_l = 5.0},
    .n_effects = 2,
    .effects = {{PSORSIM_NODE_TNF, 0.8, 4.0, 2.0, "test"},
                {PSORSIM_NODE_IL17, 0.5, 4.0, 1.0, "test"}},
};
/* The same anti-TNF whose effect follows an effect compartment (ke0 0.3/day). */
static const psorsim_treatment anti_tnf_ke0 = {
    .name = "antitnf_ke0",
    .cls = PSORSIM_TX_BIOLOGIC,
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.5,
           .f = 1.0,
           .cl_l_day = 1e-6,
           .v1_l = 5.0},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 0.8, 4.0, 1.0, "test", 0.3}},
};

/* A topical acting on a node the test model lacks. */
static const psorsim_treatment cream = {
    .name = "cream",
    .cls = PSORSIM_TX_TOPICAL,
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT, .ka_per_day = 2.0},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_PROLIF, 0.5, 1.0, 1.0, "test"}},
};

static double pk2_iv(double D, double k10, double k12, double k21, double t)
{
  double s = k10 + k12 + k21, disc = sqrt(s * s - 4.0 * k10 * k21);
  double a = 0.5 * (s + disc), b = 0.5 * (s - disc);
  return D * ((a - k21) / (a - b) * exp(-a * t) + (k21 - b) / (a - b) * exp(-b * t));
}

static void test_layout_and_typical_params(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  const psorsim_treatment *tx[2] = {&anti17, &anti_tnf};
  const psorsim_model *m;
  const psorsim_treated_slot *s0, *s1;
  double p[64];

  assert_int_equal(psorsim_treated_model_create(ctx, &base, tx, 2, &tm), PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  assert_string_equal(m->name, "turnover+anti17,antitnf");
  assert_int_equal(m->n_states, 1 + 3 + 2);
  assert_int_equal(m->n_params, B_NP + (16 + 3) + (16 + 6));
  assert_int_equal(m->n_obs, 1 + 1 + 1 + 3);
  s0 = psorsim_treated_model_slot(tm, 0);
  s1 = psorsim_treated_model_slot(tm, 1);
  assert_int_equal(s0->depot_state, 1);
  assert_int_equal(s0->central_state, 2);
  assert_int_equal(s0->peripheral_state, 3);
  assert_int_equal(s1->peripheral_state, -1);
  assert_int_equal(psorsim_model_state_index(m, "anti17.central_mg"), 2);
  assert_int_equal(psorsim_model_param_index(m, "antitnf.tnf.ec50"), s1->param_offset + 16 + 1);
  assert_int_equal(psorsim_model_obs_index(m, "anti17.effect_il17"), 3);
  assert_non_null(psorsim_model_obs_index(m, "antitnf.effect_tnf") >= 0 ? m : NULL);
  /* allometry: CL (WT/70)^1, V (WT/70)^0.5 at 105 kg */
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 105.0, p), PSORSIM_OK);
  psr_assert_rel(p[s0->param_offset + 3], 0.19 * 1.5, 1e-12);
  psr_assert_rel(p[s0->param_offset + 4], 3.6 * sqrt(1.5), 1e-12);
  psr_assert_rel(p[s0->param_offset + 5], 0.7 * 1.5, 1e-12);
  psr_assert_rel(p[s0->param_offset + 1], 0.7, 1e-12);
  psr_assert_rel(p[B_KIN], 4.2, 1e-12);
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, -3.0, p), PSORSIM_EINVAL);
  psorsim_treated_model_free(&tm);
  assert_null(tm);
  psorsim_ctx_free(&ctx);
}

/* Run the composite with an IV dose of 250 mg of anti17 and an SC dose of
 * 400 mg of antitnf at day 0; outputs at days 0..28. */
static void run_pair(int sparse, double *out, int *width, psorsim_treated_model **tm_out,
                     psorsim_ctx *ctx, double *p)
{
  psorsim_treated_model *tm = NULL;
  psorsim_engine *eng = NULL;
  const psorsim_treatment *tx[2] = {&anti17, &anti_tnf};
  double t_out[29];
  psorsim_event ev[2];
  psorsim_run run = {0};
  const psorsim_model *m;

  assert_int_equal(psorsim_treated_model_create(ctx, &base, tx, 2, &tm), PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 70.0, p), PSORSIM_OK);
  for (int i = 0; i < 29; i++)
    t_out[i] = i;
  ev[0] = (psorsim_event){0.0, PSORSIM_EVENT_ADD_STATE,
                          psorsim_treated_model_slot(tm, 0)->central_state, 250.0};
  ev[1] = (psorsim_event){0.0, PSORSIM_EVENT_ADD_STATE,
                          psorsim_treated_model_slot(tm, 1)->depot_state, 400.0};
  run.params = p;
  run.t_out = t_out;
  run.n_out = 29;
  run.events = ev;
  run.n_events = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_use_sparse(eng, sparse), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  *width = m->n_states + m->n_obs;
  psorsim_engine_free(&eng);
  *tm_out = tm;
}

static void test_exposure_effects_and_disease_response(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  static double out[29 * 16], out_sparse[29 * 16];
  double p[64];
  int width, w2;

  run_pair(0, out, &width, &tm, ctx, p);
  {
    const psorsim_model *m = psorsim_treated_model_model(tm);
    const int conc17 = m->n_states + psorsim_model_obs_index(m, "anti17.conc_mg_l");
    const int eff17 = m->n_states + psorsim_model_obs_index(m, "anti17.effect_il17");
    const int tnf_conc = m->n_states + psorsim_model_obs_index(m, "antitnf.conc_mg_l");
    const double k10 = 0.19 / 3.6, k12 = 0.7 / 3.6, k21 = 0.7 / 2.9;
    for (int i = 0; i < 29; i++) {
      const double c = pk2_iv(250.0, k10, k12, k21, i) / 3.6;
      const double c_tnf = 400.0 * (1 - exp(-0.5 * i)) / 5.0; /* CL ~ 0: all absorbed stays */
      psr_assert_rel(out[i * width + conc17], c, 1e-6);
      psr_assert_rel(out[i * width + eff17], 0.9 * c / (c + 2.0), 1e-6);
      psr_assert_close(out[i * width + tnf_conc], c_tnf, 1e-5, 1e-9);
    }
    /* By day 28 the anti-TNF level is constant (80 mg/L); the closed-form
     * response of x is checked in the next test. */
    {
      const double c_tnf = 80.0, e_tnf = 0.8 * c_tnf * c_tnf / (c_tnf * c_tnf + 16.0);
      const double c17 = out[28 * width + conc17];
      const double e17 = 1 - (1 - 0.9 * c17 / (c17 + 2.0)) * (1 - 0.5 * c_tnf / (c_tnf + 4.0));
      const int tnf_eff = m->n_states + psorsim_model_obs_index(m, "antitnf.effect_tnf");
      psr_assert_rel(out[28 * width + tnf_eff], e_tnf, 1e-5);
      /* x falls below the steady state of the weakest IL-17 block seen (day 28)
       * but stays positive */
      (void)e17;
      assert_true(out[28 * width + 0] < 10.0 * (1 - e_tnf) * (1 - 0.5 * c_tnf / (c_tnf + 4.0)));
      assert_true(out[28 * width + 0] > 0.0);
    }
  }
  {
    psorsim_treated_model *tm2 = NULL;
    double p2[64];
    run_pair(1, out_sparse, &w2, &tm2, ctx, p2);
    assert_int_equal(w2, width);
    for (int k = 0; k < 29 * width; k++)
      psr_assert_close(out_sparse[k], out[k], 1e-6, 1e-9);
    psorsim_treated_model_free(&tm2);
  }
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void test_constant_exposure_gives_closed_form_steady_state(void **state)
{
  /* antitnf alone, loaded straight into the central compartment at 20 mg/L:
   * with CL ~ 0 the level stays put and x -> k_in (1-E_tnf)(1-E_17)/k_out,
   * x(t) = x_ss + (10 - x_ss) e^{-k_out t}. */
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  psorsim_engine *eng = NULL;
  const psorsim_treatment *tx[1] = {&anti_tnf};
  double p[32], t_out[3] = {1.0, 5.0, 30.0}, out[3 * 8];
  psorsim_event dose;
  psorsim_run run = {0};
  const psorsim_model *m;
  int width;

  assert_int_equal(psorsim_treated_model_create(ctx, &base, tx, 1, &tm), PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  width = m->n_states + m->n_obs;
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 70.0, p), PSORSIM_OK);
  dose = (psorsim_event){0.0, PSORSIM_EVENT_ADD_STATE,
                         psorsim_treated_model_slot(tm, 0)->central_state, 100.0};
  run.params = p;
  run.t_out = t_out;
  run.n_out = 3;
  run.events = &dose;
  run.n_events = 1;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  {
    const double c = 20.0, e_tnf = 0.8 * c * c / (c * c + 16.0), e17 = 0.5 * c / (c + 4.0);
    const double x_ss = 4.2 * (1 - e_tnf) * (1 - e17) / 0.42;
    for (int i = 0; i < 3; i++) {
      psr_assert_rel(out[i * width], x_ss + (10.0 - x_ss) * exp(-0.42 * t_out[i]), 1e-5);
    }
  }
  psorsim_engine_free(&eng);
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void test_effect_compartment_delays_the_effect(void **state)
{
  /* 100 mg IV into V = 5 L with CL ~ 0: C = 20 mg/L; Ce = 20 (1 - e^{-0.3 t});
   * effect = 0.8 Ce / (Ce + 4). */
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  psorsim_engine *eng = NULL;
  const psorsim_treatment *tx[1] = {&anti_tnf_ke0};
  double p[32], t_out[3] = {0.5, 2.0, 9.0}, out[3 * 8];
  psorsim_event dose;
  psorsim_run run = {0};
  const psorsim_model *m;
  int width, eff;

  assert_int_equal(psorsim_treated_model_create(ctx, &base, tx, 1, &tm), PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  assert_int_equal(m->n_states, 1 + 3);
  assert_int_equal(psorsim_treated_model_slot(tm, 0)->effect_state, 3);
  width = m->n_states + m->n_obs;
  eff = m->n_states + psorsim_model_obs_index(m, "antitnf_ke0.effect_tnf");
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 70.0, p), PSORSIM_OK);
  dose = (psorsim_event){0.0, PSORSIM_EVENT_ADD_STATE,
                         psorsim_treated_model_slot(tm, 0)->central_state, 100.0};
  run.params = p;
  run.t_out = t_out;
  run.n_out = 3;
  run.events = &dose;
  run.n_events = 1;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  for (int i = 0; i < 3; i++) {
    const double ce = 20.0 * (1.0 - exp(-0.3 * t_out[i]));
    psr_assert_rel(out[i * width + 3], ce, 1e-5); /* CL = 1e-6 L/day: C falls 2e-6 in 9 days */
    psr_assert_rel(out[i * width + eff], 0.8 * ce / (ce + 4.0), 1e-5);
  }
  psorsim_engine_free(&eng);
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void test_bad_compositions_are_rejected(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  const psorsim_treatment *tx[2] = {&cream, &anti17};
  const psorsim_treatment *twice[2] = {&anti17, &anti17};
  assert_int_equal(psorsim_treated_model_create(ctx, &base, tx, 2, &tm), PSORSIM_EINVAL);
  assert_null(tm);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "inh_prolif"));
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "cream"));
  assert_int_equal(psorsim_treated_model_create(ctx, &base, twice, 2, &tm), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "twice"));
  assert_int_equal(psorsim_treated_model_create(ctx, NULL, tx, 1, &tm), PSORSIM_EINVAL);
  psorsim_treated_model_free(NULL);
  psorsim_ctx_free(&ctx);
}

static void test_create_survives_every_allocation_failure(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_treatment *tx[2] = {&anti17, &anti_tnf};
  int failures = 0, successes = 0;
  for (long n = 1; n < 80; n++) {
    psorsim_treated_model *tm = NULL;
    psorsim_ctx_fail_alloc_after(ctx, n);
    int rc = psorsim_treated_model_create(ctx, &base, tx, 2, &tm);
    psorsim_ctx_fail_alloc_after(ctx, 0);
    if (rc == PSORSIM_OK) {
      successes++;
      psorsim_treated_model_free(&tm);
    } else {
      assert_int_equal(rc, PSORSIM_ENOMEM);
      assert_null(tm);
      failures++;
    }
  }
  assert_true(failures > 30); /* 7 tables + one name per state, parameter and observable */
  assert_true(successes > 0);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_layout_and_typical_params),
      cmocka_unit_test(test_exposure_effects_and_disease_response),
      cmocka_unit_test(test_constant_exposure_gives_closed_form_steady_state),
      cmocka_unit_test(test_effect_compartment_delays_the_effect),
      cmocka_unit_test(test_bad_compositions_are_rejected),
      cmocka_unit_test(test_create_survives_every_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
