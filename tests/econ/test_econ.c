/* tests/econ/test_econ.c
 *
 * Health economics (docs/economics.md): hand-computed costs and discounted
 * QALYs of one patient from a hand-made log (outcome.h), the dropout rule
 * and the endpoint windows; the costs are those of the doses in the log,
 * whatever the schedule says; the arm summary from hand-made per-patient
 * results (means, uncounted patients left out, ICER); ICER sign conventions
 * and dominance; a missing price names the item; the economic endpoint keys
 * and the economics block give file:line errors; a small trial gives the
 * same economics on 1 and 2 threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <psorsim/economics.h>
#include <psorsim/treatment.h>
#include <psorsim/trial.h>

#include "psr_test.h"

/* One arm, secukinumab 300 mg at weeks 0 and 2, a 4-week trial. */
static const char *const SMALL =
    "name: econ\n"
    "weeks: 4\n"
    "population: {patients_per_arm: 4}\n"
    "arms:\n"
    "  - name: none\n"
    "    regimen: []\n"
    "  - name: secukinumab\n"
    "    regimen:\n"
    "      - drug: secukinumab\n"
    "        dose: 300 mg\n"
    "        at_weeks: [0, 2]\n"
    "endpoints: [pasi75@4, cost_per_patient@2, qaly@4, icer_vs:none@4]\n"
    "economics:\n"
    "  currency: GBP\n"
    "  drugs: {secukinumab: {per_mg: 2, source: test}}\n"
    "  administration: {subcutaneous: 10}\n"
    "  adverse_events: {serious_infection: 1000}\n"
    "  discount_costs: %s\n"
    "  discount_effects: %s\n";

static psorsim_trial_spec *load_small(psorsim_ctx *ctx, const char *rate)
{
  char text[2048];
  psorsim_trial_spec *spec = NULL;
  snprintf(text, sizeof(text), SMALL, rate, rate);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "econ.yaml", &spec), PSORSIM_OK);
  return spec;
}

/* The index of adverse event `name` in treatment t's table. */
static int ae_index(const psorsim_treatment *t, const char *name)
{
  for (int a = 0; a < t->n_aes; a++)
    if (strcmp(t->aes[a].name, name) == 0) return a;
  fail_msg("%s has no adverse event %s", t->name, name);
  return -1;
}

/* Cost the log of a patient of arm 1 (secukinumab) with the given doses
 * (days, mg; regimen entry 0), no adverse event or one serious infection on
 * day 10, the visits of PASI 20, 10, 4, 2, 1 and a dropout at t_drop. */
static void cost_log(psorsim_ctx *ctx, const psorsim_trial_spec *spec, const double *day,
                     const double *mg, int n_doses, int with_ae, double t_drop,
                     psorsim_econ_patient_result *out)
{
  static const double pasi[5] = {20, 10, 4, 2, 1};
  const psorsim_treatment *tx[1] = {psorsim_treatment_find("secukinumab")};
  psorsim_dose_given doses[8];
  psorsim_visit v[5];
  psorsim_patient_log pl;
  assert_non_null(tx[0]);
  assert_true(n_doses <= 8);
  memset(v, 0, sizeof(v));
  for (int w = 0; w < 5; w++) {
    v[w].week = w;
    v[w].pasi = pasi[w];
    v[w].on_study = 7.0 * w < t_drop;
  }
  for (int k = 0; k < n_doses; k++)
    doses[k] = (psorsim_dose_given){day[k], 0, PSORSIM_UNIT_MG, mg[k]};
  memset(&pl, 0, sizeof(pl));
  pl.baseline_pasi = 20.0;
  pl.doses = doses;
  pl.n_doses = (size_t)n_doses;
  pl.treatments = tx;
  pl.n_treatments = 1;
  pl.n_aes = with_ae;
  pl.aes[0] = (psorsim_ae_given){10.0, 0, ae_index(tx[0], "serious_infection")};
  pl.t_drop_day = t_drop;
  pl.drop_ae = -1;
  pl.visits = v;
  pl.n_visits = 5;
  memset(out, 0xff, sizeof(*out)); /* every field is written */
  assert_int_equal(psorsim_econ_patient(ctx, spec, &spec->arms[1], &pl, out), PSORSIM_OK);
  assert_int_equal(out->counted, 1);
}

/* Baseline PASI 20, then 10, 4, 2, 1: improvements 0, 50, 80, 90, 95 %, so
 * utilities 0.70, 0.87, 0.92, 0.95, 0.95 and weekly means 0.785, 0.895,
 * 0.935, 0.95. One serious infection on day 10. The doses the trial runner
 * logs for the schedule (weeks 0 and 2), without the one on day 14 after a
 * dropout on day 7. */
static void patient(psorsim_ctx *ctx, const psorsim_trial_spec *spec, double t_drop,
                    psorsim_econ_patient_result *rec)
{
  static const double day[2] = {0.0, 14.0}, mg[2] = {300.0, 300.0};
  cost_log(ctx, spec, day, mg, t_drop > 14.0 ? 2 : 1, 1, t_drop, rec);
}

static void test_hand_computed_undiscounted(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_trial_spec *spec = load_small(ctx, "0 %");
  psorsim_econ_patient_result rec;
  const int s2 = psorsim_econ_week_slot(&spec->economics, 2.0);
  assert_true(spec->economics.enabled);
  assert_int_equal(spec->economics.n_prices, 1);
  psr_assert_rel(spec->economics.prices[0].amount, 2.0, 1e-15);
  patient(ctx, spec, INFINITY, &rec);
  /* two doses of 300 mg x GBP 2 + GBP 10 administration, one AE of GBP 1000 */
  psr_assert_rel(rec.cost, 2220.0, 1e-12);
  psr_assert_rel(rec.cost_drug, 1200.0, 1e-12);
  psr_assert_rel(rec.cost_admin, 20.0, 1e-12);
  psr_assert_rel(rec.cost_ae, 1000.0, 1e-12);
  assert_true(rec.cost_monitoring == 0.0 && rec.cost_cells == 0.0 && rec.cost_phototherapy == 0.0);
  /* (0.785 + 0.895 + 0.935 + 0.95) x 7 / 365.25 */
  psr_assert_rel(rec.qaly, 0.06832306639288159, 1e-12);
  /* cost_per_patient@2 counts days [0, 14): the day-14 dose is outside */
  assert_true(s2 > 0);
  psr_assert_rel(rec.cost_at[s2], 1610.0, 1e-12);
  psr_assert_rel(rec.qaly_at[s2], 0.032197125256673516, 1e-12);
  assert_int_equal(rec.pasi75_at[0], 1); /* 95 % at week 4 */
  /* a dropout on day 7 stops the day-14 dose */
  patient(ctx, spec, 7.0, &rec);
  psr_assert_rel(rec.cost_drug, 600.0, 1e-12);
  assert_int_equal(rec.pasi75_at[0], 0); /* off study: non-responder */
  psorsim_trial_spec_free(&spec);
}

/* The economics costs the doses of the log, not the arm's schedule: three
 * doses (days 0, 7, 21) of 300, 150 and 300 mg where the schedule has two
 * of 300 mg, and no adverse event. */
static void test_costs_the_doses_of_the_log(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_trial_spec *spec = load_small(ctx, "0 %");
  static const double day[3] = {0.0, 7.0, 21.0}, mg[3] = {300.0, 150.0, 300.0};
  const int s2 = psorsim_econ_week_slot(&spec->economics, 2.0);
  psorsim_econ_patient_result rec;
  cost_log(ctx, spec, day, mg, 3, 0, INFINITY, &rec);
  psr_assert_rel(rec.cost_drug, 1500.0, 1e-12); /* 750 mg x GBP 2 */
  psr_assert_rel(rec.cost_admin, 30.0, 1e-12);  /* three administrations */
  assert_true(rec.cost_ae == 0.0);
  psr_assert_rel(rec.cost, 1530.0, 1e-12);
  psr_assert_rel(rec.cost_at[s2], 920.0, 1e-12); /* the days 0 and 7 doses */
  /* no dose at all: nothing but the QALYs */
  cost_log(ctx, spec, day, mg, 0, 0, INFINITY, &rec);
  assert_true(rec.cost == 0.0 && rec.cost_at[s2] == 0.0);
  psr_assert_rel(rec.qaly, 0.06832306639288159, 1e-12);
  psorsim_trial_spec_free(&spec);
}

/* The arm summary from hand-made per-patient results: uncounted results are
 * left out, means and the ICER against the reference arm are exact. */
static void test_summary_of_hand_made_results(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_trial_spec *spec = load_small(ctx, "0 %");
  const int s2 = psorsim_econ_week_slot(&spec->economics, 2.0);
  psorsim_econ_patient_result none[3], sec[3];
  const psorsim_econ_patient_result *pats[2] = {none, sec};
  const int n[2] = {3, 3};
  psorsim_econ_arm *arms[2] = {NULL, NULL};
  psorsim_estimate est[2][4], *eps[2] = {est[0], est[1]};
  memset(none, 0, sizeof(none));
  memset(sec, 0, sizeof(sec));
  memset(est, 0, sizeof(est));
  for (int i = 0; i < 3; i++) {
    none[i].counted = i != 1; /* patient 1 failed: its numbers must not count */
    none[i].cost = none[i].cost_at[0] = i == 1 ? 1e9 : 100.0 * (i + 1);
    none[i].qaly = none[i].qaly_at[0] = i == 1 ? 99.0 : 0.05;
    sec[i].counted = 1;
    sec[i].cost = sec[i].cost_at[0] = 1000.0 + 200.0 * i;
    sec[i].cost_drug = sec[i].cost;
    sec[i].cost_at[s2] = 500.0 + 30.0 * i;
    sec[i].qaly = sec[i].qaly_at[0] = 0.06 + 0.01 * i;
    sec[i].pasi75_at[0] = i > 0;
  }
  assert_int_equal(psorsim_econ_summarise(ctx, spec, 99, 2, pats, n, arms, eps), PSORSIM_OK);
  assert_int_equal(arms[0]->n, 2);
  psr_assert_rel(arms[0]->cost, 200.0, 1e-12); /* (100 + 300) / 2 */
  psr_assert_rel(arms[0]->qaly, 0.05, 1e-12);
  assert_int_equal(arms[1]->n, 3);
  psr_assert_rel(arms[1]->cost, 1200.0, 1e-12);
  psr_assert_rel(arms[1]->cost_drug, 1200.0, 1e-12);
  psr_assert_rel(arms[1]->pasi75_pct, 200.0 / 3.0, 1e-12);
  psr_assert_rel(arms[1]->cost_per_pasi75, 1200.0 / (2.0 / 3.0), 1e-12);
  /* the endpoints: pasi75@4 is not economic and stays untouched */
  assert_true(est[1][0].estimate == 0.0 && est[1][0].n == 0);
  psr_assert_rel(est[1][1].estimate, 530.0, 1e-12); /* cost_per_patient@2 */
  assert_int_equal(est[1][1].n, 3);
  psr_assert_rel(est[1][2].estimate, 0.07, 1e-12);                            /* qaly@4 */
  psr_assert_rel(est[1][3].estimate, (1200.0 - 200.0) / (0.07 - 0.05), 1e-9); /* icer */
  assert_int_equal(est[1][3].n, 5);
  assert_string_equal(arms[0]->quadrant, "reference");
  assert_string_equal(arms[1]->quadrant, "more_costly_more_effective");
  psr_assert_rel(arms[1]->delta_cost, 1000.0, 1e-12);
  assert_int_equal(arms[1]->n_boot, spec->economics.bootstrap);
  psorsim_econ_arm_free(&arms[0]);
  psorsim_econ_arm_free(&arms[1]);
  assert_null(arms[0]);
  assert_int_equal(psorsim_econ_summarise(ctx, spec, 99, 1, pats, n, arms, eps), PSORSIM_EINVAL);
  psorsim_trial_spec_free(&spec);
}

static void test_hand_computed_discounted(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_trial_spec *spec = load_small(ctx, "3.5 %");
  psorsim_econ_patient_result rec;
  psr_assert_rel(spec->economics.discount_costs, 0.035, 1e-15);
  patient(ctx, spec, INFINITY, &rec);
  /* weekly: day 0 at 1, the day-14 dose at 1.035^-(14/365.25), the day-10 AE at
   * the start of its week, 1.035^-(7/365.25) */
  psr_assert_rel(rec.cost,
                 610.0 + 610.0 * pow(1.035, -14 / 365.25) + 1000 * pow(1.035, -7 / 365.25), 1e-12);
  psr_assert_rel(rec.cost, 2218.537097343121, 1e-12);
  psr_assert_rel(rec.qaly, 0.0682521730054253, 1e-12);
  psr_assert_rel(psorsim_econ_discount(0.035, 365.25, 1), 1.0 / 1.035, 1e-14);
  psr_assert_rel(psorsim_econ_discount(0.035, 13.9, 0), pow(1.035, -7 / 365.25), 1e-14);
  psorsim_trial_spec_free(&spec);
}

static void test_icer_sign_conventions(void **state)
{
  double icer;
  (void)state;
  assert_string_equal(psorsim_econ_quadrant(-100.0, 0.1, &icer), "dominant");
  assert_true(isnan(icer));
  assert_string_equal(psorsim_econ_quadrant(0.0, 0.1, &icer), "dominant");
  assert_string_equal(psorsim_econ_quadrant(100.0, -0.1, &icer), "dominated");
  assert_true(isnan(icer));
  assert_string_equal(psorsim_econ_quadrant(100.0, 0.0, &icer), "dominated");
  assert_string_equal(psorsim_econ_quadrant(1000.0, 0.5, &icer), "more_costly_more_effective");
  psr_assert_rel(icer, 2000.0, 1e-15);
  assert_string_equal(psorsim_econ_quadrant(-1000.0, -0.5, &icer), "less_costly_less_effective");
  psr_assert_rel(icer, 2000.0, 1e-15); /* savings per QALY lost */
  assert_string_equal(psorsim_econ_quadrant(0.0, 0.0, &icer), "equal");
}

static void expect_error(psorsim_ctx *ctx, const char *text, int status, const char *message)
{
  psorsim_trial_spec *spec = NULL;
  psorsim_ctx_clear_error(ctx);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "t.yaml", &spec), status);
  assert_null(spec);
  if (strstr(psorsim_ctx_errmsg(ctx), message) == NULL)
    fail_msg("message \"%s\" lacks \"%s\"", psorsim_ctx_errmsg(ctx), message);
}

#define HEAD                                                                                       \
  "name: e\nweeks: 12\npopulation: {patients_per_arm: 2}\narms:\n"                                 \
  "  - name: a\n    regimen:\n      - drug: adalimumab\n        dose: 40 mg\n"                     \
  "        every_weeks: 2\n  - name: b\n    regimen: []\n"

static void test_missing_price_names_the_item(void **state)
{
  psorsim_ctx *ctx = *state;
  /* the library's adalimumab price is in EUR: no GBP default */
  expect_error(ctx, HEAD "endpoints: [cost_per_patient@12]\n", PSORSIM_EINPUT,
               "t.yaml:7: arms[0].regimen[0]: missing price for drugs \"adalimumab\"");
  expect_error(ctx, HEAD "endpoints: [pasi75@12]\neconomics: {currency: USD, drugs: {}}\n",
               PSORSIM_EINPUT, "t.yaml:7: arms[0].regimen[0]: missing price for drugs");
  /* without economics nothing is priced: no error */
  {
    psorsim_trial_spec *spec = NULL;
    assert_int_equal(
        psorsim_trial_spec_parse_string(ctx, HEAD "endpoints: [pasi75@12]\n", "t.yaml", &spec),
        PSORSIM_OK);
    assert_false(spec->economics.enabled);
    psorsim_trial_spec_free(&spec);
  }
  /* in EUR the library's Finnish price is the default */
  {
    psorsim_trial_spec *spec = NULL;
    assert_int_equal(
        psorsim_trial_spec_parse_string(
            ctx, HEAD "endpoints: [qaly@12]\neconomics: {currency: EUR}\n", "t.yaml", &spec),
        PSORSIM_OK);
    psr_assert_rel(spec->economics.prices[0].amount, 13.185, 1e-12);
    assert_int_equal(spec->economics.prices[0].line, 0);
    psorsim_trial_spec_free(&spec);
  }
}

static void test_block_errors(void **state)
{
  psorsim_ctx *ctx = *state;
  expect_error(ctx,
               HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n  discount_costs: 3 mg\n",
               PSORSIM_EUNIT, "t.yaml:15: economics.discount_costs");
  expect_error(ctx, HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n  horizon: 12\n",
               PSORSIM_EINPUT, "t.yaml:15: economics.horizon: unknown key in the economics block");
  expect_error(ctx,
               HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n"
                    "  drugs: {adalimumab: {per_mg: 1, per_dose: 2}}\n",
               PSORSIM_EINPUT, "t.yaml:15: economics.drugs.adalimumab.per_dose");
  expect_error(ctx,
               HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n"
                    "  drugs: {adalimumabb: {per_mg: 1}}\n",
               PSORSIM_EINPUT, "t.yaml:15: economics.drugs.adalimumabb: no drug or topical");
  expect_error(ctx,
               HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n"
                    "  adverse_events: {headache: 5}\n",
               PSORSIM_EINPUT, "t.yaml:15: economics.adverse_events.headache");
  expect_error(ctx,
               HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n"
                    "  utility: {mapping: dlqi_linear, intercept: 0.9}\n",
               PSORSIM_EINPUT, "economics.utility.slope: missing (required)");
  expect_error(ctx, HEAD "endpoints: [qaly@12]\neconomics:\n  currency: EUR\n  horizon_weeks: 13\n",
               PSORSIM_EINPUT, "t.yaml:15: economics.horizon_weeks: must be");
}

static void test_endpoint_keys(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_endpoint ep;
  assert_int_equal(psorsim_endpoint_parse(ctx, "icer_vs:no treatment@52", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_ICER);
  psr_assert_rel(ep.week, 52.0, 1e-15);
  assert_int_equal(ep.ref_arm, -1);
  assert_int_equal(psorsim_endpoint_parse(ctx, "cost_per_pasi75@12", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_COST_PER_PASI75);
  assert_int_equal(psorsim_endpoint_parse(ctx, "qaly@260", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_QALY);
  assert_int_equal(psorsim_endpoint_parse(ctx, "cost_per_patient@1", NULL, &ep), PSORSIM_OK);
  assert_int_equal(ep.kind, PSORSIM_ENDPOINT_COST_PER_PATIENT);
  assert_string_equal(psorsim_endpoint_unit(PSORSIM_ENDPOINT_ICER), "currency/QALY");
  assert_int_equal(psorsim_endpoint_parse(ctx, "cost_per_pasi90@12", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, "icer_vs:@12", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, "icer_vs:a", NULL, &ep), PSORSIM_EINPUT);
  assert_int_equal(psorsim_endpoint_parse(ctx, "qaly", NULL, &ep), PSORSIM_EINPUT);
  expect_error(ctx, HEAD "endpoints: [pasi75@12, icer_vs:c@12]\neconomics: {currency: EUR}\n",
               PSORSIM_EINPUT, "t.yaml:12: endpoints[1]: endpoint \"icer_vs:c@12\": no arm");
  expect_error(ctx, HEAD "endpoints: [pasi75@12, qaly@13]\neconomics: {currency: EUR}\n",
               PSORSIM_EINPUT, "t.yaml:12: endpoints[1]: endpoint \"qaly@13\" is at week 13");
  expect_error(ctx, HEAD "endpoints: [cost_per_pasi50@12]\n", PSORSIM_EINPUT,
               "t.yaml:12: endpoints[0]: unknown endpoint \"cost_per_pasi50@12\"");
}

/* The run: ICER endpoints filled, the same on 1 and 2 threads. */
static void test_trial_run_threads(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_trial_spec *spec = load_small(ctx, "3.5 %");
  psorsim_trial_result *r1 = NULL, *r2 = NULL;
  psorsim_trial_options o;
  memset(&o, 0, sizeof(o));
  o.threads = 1;
  assert_int_equal(psorsim_trial_run(ctx, spec, &o, &r1), PSORSIM_OK);
  o.threads = 2;
  assert_int_equal(psorsim_trial_run(ctx, spec, &o, &r2), PSORSIM_OK);
  for (size_t a = 0; a < 2; a++) {
    const psorsim_econ_arm *e1 = r1->arms[a].econ, *e2 = r2->arms[a].econ;
    assert_non_null(e1);
    assert_true(e1->cost == e2->cost && e1->qaly == e2->qaly);
    for (size_t k = 0; k < spec->n_endpoints; k++) {
      const psorsim_estimate *x = &r1->arms[a].endpoints[k], *y = &r2->arms[a].endpoints[k];
      assert_true(memcmp(x, y, sizeof(*x)) == 0);
    }
  }
  /* the untreated arm costs nothing (no AEs without a treatment); the reference is "reference" */
  psr_assert_close(r1->arms[0].econ->cost, 0.0, 0.0, 1e-12);
  assert_string_equal(r1->arms[0].econ->icers[0].quadrant, "reference");
  /* secukinumab: 2 doses, GBP 610 each, minus discounting, plus AEs if any were drawn */
  assert_true(r1->arms[1].econ->cost_drug > 1199.0 && r1->arms[1].econ->cost_drug <= 1200.0);
  psr_assert_rel(r1->arms[1].endpoints[3].estimate,
                 r1->arms[1].econ->icers[0].delta_cost / r1->arms[1].econ->icers[0].delta_qaly,
                 1e-12);
  psorsim_trial_result_free(&r1);
  psorsim_trial_result_free(&r2);
  psorsim_trial_spec_free(&spec);
}

static int setup(void **state)
{
  *state = psr_test_ctx();
  return 0;
}

static int teardown(void **state)
{
  psorsim_ctx *ctx = *state;
  psorsim_ctx_free(&ctx);
  return 0;
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_hand_computed_undiscounted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_hand_computed_discounted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_costs_the_doses_of_the_log, setup, teardown),
      cmocka_unit_test_setup_teardown(test_summary_of_hand_made_results, setup, teardown),
      cmocka_unit_test_setup_teardown(test_icer_sign_conventions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_price_names_the_item, setup, teardown),
      cmocka_unit_test_setup_teardown(test_block_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_endpoint_keys, setup, teardown),
      cmocka_unit_test_setup_teardown(test_trial_run_threads, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
