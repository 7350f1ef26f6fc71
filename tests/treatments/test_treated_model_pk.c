/* tests/treatments/test_treated_model_pk.c
 *
 * Closed-form doses of linear systemic drugs (src/treatments/treated_model_pk.c):
 * exp(K tau) by scaling and squaring and by K's modes both give the textbook
 * one-compartment oral solution; at equal rates (ka = CL/V1) the modes step
 * aside and the result is still D ka tau exp(-k tau); for two compartments
 * with an effect site the two evaluations agree; an engine run on regimen
 * events (closed form, no restart) gives the same concentrations and PASI as
 * the same doses as depot jumps (restart at each); fast-absorbed drugs'
 * closed-form doses still restart the solver; and a trial gives the same
 * endpoints either way (the jump path forced with a negligible vmax).
 */
#include <math.h>
#include <string.h>

#include <psorsim/regimen.h>
#include <psorsim/trial.h>

#include "psr_test.h"
#include "treatments/treated_model_impl.h"

/* One-compartment oral drug; cl and v1 give k = CL/V1 = 0.0457/day. */
static psorsim_treatment oral1 = {
    .name = "oral1",
    .cls = PSORSIM_TX_BIOLOGIC,
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.3817,
           .f = 0.71,
           .cl_l_day = 0.2385,
           .v1_l = 5.219},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL17, 0.9, 2.0, 1.0, "test"}},
};

/* Two compartments and an effect site (ke0 0.61/day). */
static const psorsim_treatment two_cmt_ke0 = {
    .name = "twocmt",
    .cls = PSORSIM_TX_BIOLOGIC,
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 2,
           .ka_per_day = 0.293,
           .f = 0.64,
           .cl_l_day = 0.21,
           .v1_l = 3.1,
           .q_l_day = 0.77,
           .v2_l = 2.45},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 0.8, 4.0, 1.0, "test", 0.61}},
};

/* The slot of a one-treatment composite and its typical parameters (in p). */
static const psorsim_treated_slot *one_slot(psorsim_ctx *ctx, const psorsim_treatment *tx,
                                            psorsim_treated_model **tm, double *p)
{
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), &tx, 1, tm),
                   PSORSIM_OK);
  assert_int_equal(psorsim_treated_model_typical_params(*tm, NULL, 70.0, p), PSORSIM_OK);
  return psorsim_treated_model_slot(*tm, 0);
}

static void test_one_compartment_oral_solution(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  static double p[1024];
  const psorsim_treated_slot *s = one_slot(ctx, &oral1, &tm, p);
  double *q = p + s->param_offset;
  const double dose = 2.385 * 0.71, ka = 0.3817, k = 0.2385 / 5.219;
  const double taus[] = {0.05, 1.3, 7.0, 28.0, 180.0};
  const double x0[PSR_CF_N] = {dose, 0.0, 0.0, 0.0};
  psr_tm_modes md;

  assert_true(psr_tm_has_closed_form(s, q));
  psr_tm_modes_setup(s, q, &md);
  assert_true(md.ok);
  q[TMP_CF_DAY] = 3.5; /* the dose was at day 3.5 */
  memcpy(q + TMP_CF_DEPOT, x0, sizeof(x0));
  for (size_t i = 0; i < sizeof(taus) / sizeof(taus[0]); i++) {
    const double t = taus[i];
    /* depot D e^{-ka t}; central D ka / (ka - k) (e^{-k t} - e^{-ka t}) */
    const double depot = dose * exp(-ka * t);
    const double central = dose * ka / (ka - k) * (exp(-k * t) - exp(-ka * t));
    double x[PSR_CF_N], y[PSR_CF_N];
    psr_tm_pk_advance(s, q, t, x0, x);
    psr_tm_closed_form_at(s, q, &md, 3.5 + t, y);
    psr_assert_rel(x[0], depot, 1e-12);
    psr_assert_rel(x[1], central, 1e-12);
    psr_assert_rel(y[0], depot, 1e-12);
    psr_assert_rel(y[1], central, 1e-12);
    assert_true(x[2] == 0.0 && x[3] == 0.0 && y[2] == 0.0 && y[3] == 0.0);
  }
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void test_equal_rates_use_scaling_and_squaring(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  static double p[1024];
  const psorsim_treated_slot *s;
  double *q;
  const double dose = 1.75;
  psr_tm_modes md;

  oral1.pk.ka_per_day = 0.2385 / 5.219; /* ka = CL/V1: the modes coincide */
  s = one_slot(ctx, &oral1, &tm, p);
  oral1.pk.ka_per_day = 0.3817;
  q = p + s->param_offset;
  psr_tm_modes_setup(s, q, &md);
  assert_false(md.ok);
  q[TMP_CF_DEPOT] = dose;
  for (double t = 0.5; t < 400.0; t *= 3.0) {
    const double k = q[TMP_KA];
    double x[PSR_CF_N];
    psr_tm_closed_form_at(s, q, &md, t, x);
    psr_assert_rel(x[1], dose * k * t * exp(-k * t), 1e-12); /* the limit of the formula above */
  }
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void test_two_compartments_and_effect_site_agree(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  static double p[1024];
  const psorsim_treated_slot *s = one_slot(ctx, &two_cmt_ke0, &tm, p);
  double *q = p + s->param_offset;
  const double x0[PSR_CF_N] = {83.2, 41.7, 12.9, 3.3};
  psr_tm_modes md;

  assert_true(s->peripheral_state >= 0 && s->effect_state >= 0);
  psr_tm_modes_setup(s, q, &md);
  assert_true(md.ok);
  memcpy(q + TMP_CF_DEPOT, x0, sizeof(x0));
  for (double t = 0.01; t < 1000.0; t *= 2.7) {
    double x[PSR_CF_N], y[PSR_CF_N];
    psr_tm_pk_advance(s, q, t, x0, x);
    psr_tm_closed_form_at(s, q, &md, t, y);
    for (int i = 0; i < PSR_CF_N; i++)
      psr_assert_close(y[i], x[i], 1e-10, 1e-13);
  }
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

/* ixekizumab (two compartments) every 2 weeks for 12 weeks */
static const char ixe_trial[] = "name: closed form\n"
                                "population:\n"
                                "  patients_per_arm: 1\n"
                                "weeks: 12\n"
                                "arms:\n"
                                "  - name: ixekizumab\n"
                                "    regimen:\n"
                                "      - drug: ixekizumab\n"
                                "        dose: 80 mg\n"
                                "        route: subcutaneous\n"
                                "        every_weeks: 2\n"
                                "endpoints: [pasi75@12]\n";

static void test_engine_closed_form_matches_depot_jumps(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_treated_model *tm = NULL;
  psorsim_engine *eng = NULL;
  const psorsim_treatment *tx = psorsim_treatment_find("ixekizumab");
  const psorsim_dosing_patient pt = {81.5, 600.0};
  const psorsim_model *m;
  const psorsim_treated_slot *s;
  static double p[1024], t_out[85], out_cf[85 * 1024], out_jump[85 * 1024];
  psorsim_event cf[256], jump[64];
  size_t n_cf = 0;
  int n_jump = 0, width, conc, pasi, depot;
  psorsim_run run;

  assert_non_null(tx);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, ixe_trial, "ixe.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), &tx, 1, &tm),
                   PSORSIM_OK);
  m = psorsim_treated_model_model(tm);
  s = psorsim_treated_model_slot(tm, 0);
  width = m->n_states + m->n_obs;
  assert_true(width <= 1024);
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, pt.weight_kg, p), PSORSIM_OK);
  assert_true(psr_tm_has_closed_form(s, p + s->param_offset));
  assert_int_equal(psorsim_regimen_events(ctx, tm, &spec->arms[0], p, &pt, 12.0, cf, 256, &n_cf),
                   PSORSIM_OK);
  /* the same doses as jumps of the depot state: F D at every dose time */
  for (size_t i = 0; i < n_cf; i++) {
    assert_int_equal(cf[i].kind, PSORSIM_EVENT_SET_INPUT);
    if (cf[i].index != s->param_offset + TMP_CF_DAY) continue;
    jump[n_jump++] = (psorsim_event){cf[i].t_day, PSORSIM_EVENT_ADD_STATE, s->depot_state,
                                     80.0 * p[s->param_offset + TMP_F]};
  }
  assert_int_equal(n_jump, 6); /* days 0, 14, ..., 70 */
  assert_int_equal(n_cf, 6 * 5);

  for (int i = 0; i < 85; i++)
    t_out[i] = i;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-8, 1e-8), PSORSIM_OK);
  memset(&run, 0, sizeof(run));
  run.params = p;
  run.t_out = t_out;
  run.n_out = 85;
  run.events = cf;
  run.n_events = (int)n_cf;
  run.out = out_cf;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  assert_int_equal(psorsim_engine_stats(eng)->reinits, 0); /* no restart at any dose */
  run.events = jump;
  run.n_events = n_jump;
  run.out = out_jump;
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  assert_int_equal(psorsim_engine_stats(eng)->reinits, n_jump - 1);

  conc = m->n_states + psorsim_model_obs_index(m, "ixekizumab.conc_mg_l");
  pasi = m->n_states + psorsim_model_obs_index(m, "pasi");
  depot = s->depot_state;
  for (int i = 0; i < 85; i++) {
    const double *a = out_cf + (size_t)i * width, *b = out_jump + (size_t)i * width;
    psr_assert_close(a[conc], b[conc], 1e-6, 1e-9);
    psr_assert_close(a[depot], b[depot], 1e-6, 1e-9); /* the reported depot includes the doses */
    psr_assert_close(a[pasi], b[pasi], 1e-5, 1e-6);
  }
  assert_true(out_cf[84 * width + pasi] < 0.5 * out_cf[pasi]); /* the drug works */
  psorsim_engine_free(&eng);
  psorsim_treated_model_free(&tm);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* methotrexate, oral: absorbed within hours (ka 12/day), so its closed-form
 * doses restart the solver (SET_PARAM); antibodies' (ixekizumab) do not. */
static const char mtx_trial[] =
    "name: fast absorption\n"
    "population:\n"
    "  patients_per_arm: 1\n"
    "weeks: 4\n"
    "arms:\n"
    "  - name: methotrexate\n"
    "    regimen:\n"
    "      - {drug: methotrexate, dose: 15 mg, route: oral, every_weeks: 1}\n"
    "endpoints: [pasi75@4]\n";

static void test_fast_absorption_restarts_at_doses(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_treated_model *tm = NULL;
  const psorsim_treatment *tx = psorsim_treatment_find("methotrexate");
  const psorsim_dosing_patient pt = {70.0, 600.0};
  const psorsim_treated_slot *s;
  static double p[1024];
  psorsim_event ev[64];
  size_t n = 0;
  double depot = 0.0, t_last = 0.0;

  assert_non_null(tx);
  assert_true(tx->pk.ka_per_day > PSR_CF_SMOOTH_KA);
  assert_true(psorsim_treatment_find("ixekizumab")->pk.ka_per_day <= PSR_CF_SMOOTH_KA);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, mtx_trial, "mtx.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), &tx, 1, &tm),
                   PSORSIM_OK);
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, pt.weight_kg, p), PSORSIM_OK);
  s = psorsim_treated_model_slot(tm, 0);
  assert_int_equal(psorsim_regimen_events(ctx, tm, &spec->arms[0], p, &pt, 4.0, ev, 64, &n),
                   PSORSIM_OK);
  assert_int_equal(n, 4 * 5); /* days 0, 7, 14, 21 */
  for (size_t i = 0; i < n; i++) {
    const int j = ev[i].index - s->param_offset;
    assert_int_equal(ev[i].kind, PSORSIM_EVENT_SET_PARAM);
    if (j == TMP_CF_DAY) {
      depot *= exp(-p[s->param_offset + TMP_KA] * (ev[i].t_day - t_last));
      t_last = ev[i].t_day;
    }
    if (j == TMP_CF_DEPOT) { /* what is left of the earlier doses (nearly nothing) plus F D */
      depot += 15.0 * 0.6;   /* oral F (the route's own value) */
      psr_assert_rel(ev[i].value, depot, 1e-12);
    }
  }
  psorsim_treated_model_free(&tm);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static const char sec_trial[] = "name: closed form trial\n"
                                "seed: 77\n"
                                "population:\n"
                                "  patients_per_arm: 60\n"
                                "  inclusion: {pasi_min: 12}\n"
                                "  baseline: {pasi_mean: 22, pasi_sd: 9, weight_kg_mean: 88}\n"
                                "weeks: 24\n"
                                "arms:\n"
                                "  - name: secukinumab 300 mg\n"
                                "    regimen:\n"
                                "      - drug: secukinumab\n"
                                "        dose: 300 mg\n"
                                "        route: subcutaneous\n"
                                "        at_weeks: [0, 1, 2, 3, 4]\n"
                                "        then_every_weeks: 4\n"
                                "endpoints: [pasi75@12, pasi90@24, pasi_change@8]\n";

static void test_trial_endpoints_do_not_depend_on_the_dose_path(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r[2] = {NULL, NULL};
  const char *names[] = {"secukinumab.vmax"};
  const double values[] = {1e-12}; /* not linear any more: the doses are depot jumps */

  assert_int_equal(psorsim_trial_spec_parse_string(ctx, sec_trial, "sec.yaml", &spec), PSORSIM_OK);
  for (int k = 0; k < 2; k++) {
    psorsim_trial_options opt = {0};
    opt.threads = 2;
    opt.override_names = names;
    opt.override_values = values;
    opt.n_overrides = k;
    assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r[k]), PSORSIM_OK);
  }
  {
    const psorsim_arm_result *cf = &r[0]->arms[0], *jump = &r[1]->arms[0];
    assert_int_equal(cf->n_failed, 0);
    assert_int_equal(jump->n_failed, 0);
    /* within one patient in 60 (1.7 points), mean change within 0.2 points */
    assert_true(fabs(cf->endpoints[0].estimate - jump->endpoints[0].estimate) < 1.7);
    assert_true(fabs(cf->endpoints[1].estimate - jump->endpoints[1].estimate) < 1.7);
    assert_true(fabs(cf->endpoints[2].estimate - jump->endpoints[2].estimate) < 0.2);
    for (int w = 0; w < cf->n_visits; w++)
      assert_true(fabs(cf->pasi_mean[w] - jump->pasi_mean[w]) < 0.02);
    assert_true(cf->stats.reinits == 0);
    assert_true(jump->stats.reinits >=
                60 * 7); /* 8 doses after day 0 up to week 20, less dropouts */
    assert_true(cf->stats.steps < jump->stats.steps / 2);
  }
  psorsim_trial_result_free(&r[0]);
  psorsim_trial_result_free(&r[1]);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_compartment_oral_solution),
      cmocka_unit_test(test_equal_rates_use_scaling_and_squaring),
      cmocka_unit_test(test_two_compartments_and_effect_site_agree),
      cmocka_unit_test(test_engine_closed_form_matches_depot_jumps),
      cmocka_unit_test(test_fast_absorption_restarts_at_doses),
      cmocka_unit_test(test_trial_endpoints_do_not_depend_on_the_dose_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
