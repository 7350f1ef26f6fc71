/* tests/trial/test_trial_safety.c
 *
 * Safety and relapse bookkeeping (docs/trial-runner.md step 3 and
 * "Endpoints"): adverse events only while a patient is exposed to a
 * treatment (methotrexate stopped at week 16 of 32: no event and no dropout
 * after week 16 + washout), the per-type table's exposure-adjusted rates
 * against the library's over large arms (per 100 patient-years and per 100
 * sessions), separate courses as separate exposure windows, relapse not
 * estimable on continuous treatment, and the Kaplan-Meier median's interval
 * against a hand computation.
 */
#include <math.h>
#include <string.h>

#include <psorsim/treatment.h>
#include <psorsim/trial.h>

#include "psr_test.h"
#include "trial/km.h"

static const char stop_at_16[] =
    "name: methotrexate stopped at week 16\n"
    "seed: 1516\n"
    "population:\n"
    "  patients_per_arm: 300\n"
    "  inclusion: {pasi_min: 12}\n"
    "  baseline: {pasi_mean: 20, pasi_sd: 8, weight_kg_mean: 88}\n"
    "weeks: 32\n"
    "arms:\n"
    "  - name: methotrexate to week 16\n"
    "    regimen:\n"
    "      - {drug: methotrexate, dose: 15 mg, route: oral, every_weeks: 1, until_week: 16}\n"
    "  - name: secukinumab throughout\n"
    "    regimen:\n"
    "      - {drug: secukinumab, dose: 300 mg, route: subcutaneous, at_weeks: [0, 1, 2, 3, 4],\n"
    "         then_every_weeks: 4}\n"
    "endpoints: [pasi75@16, relapse_weeks_median]\n";

static psorsim_trial_result *run(psorsim_ctx *ctx, const char *text, psorsim_trial_spec **spec)
{
  psorsim_trial_options opt = {0};
  psorsim_trial_result *r = NULL;
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "inline.yaml", spec), PSORSIM_OK);
  opt.threads = 2;
  opt.keep_patients = 1;
  assert_int_equal(psorsim_trial_run(ctx, *spec, &opt, &r), PSORSIM_OK);
  assert_non_null(r);
  return r;
}

/* (a) No adverse event and no dropout after the last dose's week plus washout. */
static void test_no_event_after_the_drug_stopped(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = run(ctx, stop_at_16, &spec);
  const psorsim_arm_result *a = &r->arms[0];
  const psorsim_treatment *mtx = psorsim_treatment_find("methotrexate");
  /* five terminal half-lives of 5.35 h (Kamel 1988): 1.1146 days */
  const double washout = psorsim_treatment_ae_washout_days(mtx);
  /* the last dose is at day 105 and covers its week: exposure ends at day 112 */
  const double end_day = 112.0;
  long events = 0, dropouts = 0, early = 0;
  (void)state;

  assert_true(fabs(washout - 5.0 * 0.2229) <= 1e-12);
  for (int i = 0; i < a->n_patients; i++) {
    const psorsim_patient_record *rec = &a->patients[i];
    const psorsim_visit *v = psorsim_arm_visits(a, i);
    if (rec->failed) continue;
    events += rec->exposure.ae_events[0];
    assert_true(rec->exposure.exposure_day[0] <= end_day + 1e-9);
    if (rec->dropout_week >= 0) {
      dropouts++;
      assert_true(rec->exposure.dropout_day <= end_day + washout);
      assert_true(rec->dropout_week <= 16);
    }
    /* every event is counted by week 17 (day 119 > 112 + washout); none comes later */
    assert_int_equal(v[17].ae_count, v[32].ae_count);
    assert_int_equal(v[32].ae_count, rec->exposure.ae_events[0]);
    early += v[16].ae_count;
  }
  /* liver-enzyme rise at 89 per 100 patient-years (every one ends treatment): about a fifth of
   * 300 patients over 16 weeks, so the check is not vacuous */
  assert_true(events >= 30 && dropouts >= 30);
  assert_true(early >= events - 5); /* nearly all by week 16 itself */
  assert_int_equal(a->n_dropouts, dropouts);
  assert_int_equal(a->n_ae, events);
  assert_int_equal(a->n_ae_types, 1);
  assert_int_equal(a->ae_table[0].events, events);
  assert_int_equal(a->ae_table[0].discontinuations, dropouts);
  /* exposure: at most 16 weeks per patient */
  assert_true(a->ae_table[0].exposure_py <= a->n_patients * end_day / 365.25 + 1e-9);
  assert_true(a->ae_table[0].exposure_py >= 0.8 * a->n_patients * end_day / 365.25);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* (b) Relapse: not estimable on continuous treatment, estimated after a stop. */
static void test_relapse_needs_a_stop_per_protocol(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = run(ctx, stop_at_16, &spec);
  const psorsim_arm_result *stopped = &r->arms[0], *continuous = &r->arms[1];
  const psorsim_estimate *e_stop = &stopped->endpoints[1], *e_cont = &continuous->endpoints[1];
  int dropouts_in = 0;
  (void)state;

  /* continuous secukinumab: no patient enters, even its adverse-event dropouts */
  assert_true(isnan(e_cont->estimate) && isnan(e_cont->lo) && isnan(e_cont->hi));
  assert_int_equal(e_cont->n, 0);
  assert_int_equal(continuous->relapse.n_at_risk, 0);
  assert_int_equal(continuous->relapse.events, 0);
  assert_non_null(continuous->relapse.not_estimable);
  assert_non_null(strstr(continuous->relapse.not_estimable, "per protocol"));
  assert_non_null(continuous->relapse.definition);
  for (int i = 0; i < continuous->n_patients; i++)
    assert_false(isfinite(continuous->patients[i].exposure.regimen_end_day));
  /* methotrexate stopped at week 16: the responders enter from their last dose (day 105) */
  assert_true(stopped->relapse.n_at_risk > 10);
  assert_int_equal(e_stop->n, stopped->relapse.n_at_risk);
  assert_true(stopped->relapse.events > 0);
  for (int i = 0; i < stopped->n_patients; i++) {
    const psorsim_patient_record *rec = &stopped->patients[i];
    assert_true(fabs(rec->exposure.regimen_end_day - 105.0) <= 1e-9);
    dropouts_in += rec->dropout_week >= 0;
  }
  assert_true(stopped->relapse.censored_dropouts <= dropouts_in);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* (c) The exposure-adjusted rate of a large arm is the library's within sampling error. */
static void test_exposure_adjusted_rates_match_the_library(void **state)
{
  static const char text[] =
      "name: rates\n"
      "seed: 2000\n"
      "population:\n"
      "  patients_per_arm: 2000\n"
      "  inclusion: {pasi_min: 12}\n"
      "weeks: 26\n"
      "arms:\n"
      "  - name: methotrexate\n"
      "    regimen:\n"
      "      - {drug: methotrexate, dose: 15 mg, route: oral, every_weeks: 1}\n"
      "  - name: nb-uvb\n"
      "    regimen:\n"
      "      - {phototherapy: nb_uvb, sessions_per_week: 3, start_dose: 70 % MED,\n"
      "         increment: 10 %, max_dose: 1500 mJ/cm2, until_week: 16}\n"
      "endpoints: [pasi75@16]\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = run(ctx, text, &spec);
  const psorsim_ae_row *liver = &r->arms[0].ae_table[0], *burn = &r->arms[1].ae_table[0];
  const psorsim_treatment *mtx = psorsim_treatment_find("methotrexate");
  const psorsim_treatment *uvb = psorsim_treatment_find("nb_uvb");
  double se;
  (void)state;

  /* methotrexate: liver-enzyme rise per 100 patient-years of exposure (89, library) */
  assert_int_equal(r->arms[0].n_ae_types, 1);
  assert_true(liver->treatment == mtx && liver->ae == 0);
  assert_true(liver->events > 300); /* ~ 0.89 x 2000 x 0.4 patient-years */
  assert_true(fabs(liver->rate_per_100py - 100.0 * liver->events / liver->exposure_py) <= 1e-9);
  se = mtx->aes[0].rate_per_100py / sqrt((double)liver->events);
  assert_true(fabs(liver->rate_per_100py - mtx->aes[0].rate_per_100py) <= 3.0 * se);
  assert_true(liver->rate_lo < mtx->aes[0].rate_per_100py);
  assert_true(liver->rate_hi > mtx->aes[0].rate_per_100py);
  /* NB-UVB: burns per 100 sessions (0.77, library), 48 sessions each */
  assert_true(burn->treatment == uvb && uvb->aes[0].basis == PSORSIM_AE_PER_100_DOSES);
  assert_int_equal(burn->administrations, 2000L * 48 - 0); /* no burn ends treatment */
  assert_true(burn->events > 500);
  se = uvb->aes[0].rate_per_100py / sqrt((double)burn->events);
  assert_true(fabs(burn->rate_per_100_doses - uvb->aes[0].rate_per_100py) <= 3.0 * se);
  /* exposure: the session days plus a day after the last one, at most 16 weeks */
  assert_true(burn->exposure_py <= 2000.0 * 113.0 / 365.25 + 1e-6);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* Two courses of cells are two exposure windows: each covers the infusions two weeks apart and
 * the 28-day washout after the third (8 weeks), not the 26-week pause between them. */
static void test_courses_are_separate_windows(void **state)
{
  static const char text[] =
      "name: two courses\n"
      "seed: 26\n"
      "population:\n"
      "  patients_per_arm: 20\n"
      "  inclusion: {pasi_min: 10}\n"
      "weeks: 52\n"
      "arms:\n"
      "  - name: uc-msc twice\n"
      "    regimen:\n"
      "      - {cells: msc, source: umbilical_cord, dose: 1.5e6 cells/kg, route: intravenous,\n"
      "         at_weeks: [0, 2, 4, 30, 32, 34]}\n"
      "endpoints: [pasi50@12]\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = run(ctx, text, &spec);
  const psorsim_arm_result *a = &r->arms[0];
  const psorsim_treatment *uc = psorsim_treatment_find("msc_umbilical_cord");
  long fevers = 0;
  (void)state;

  assert_true(psorsim_treatment_ae_washout_days(uc) == 28.0);
  for (int i = 0; i < a->n_patients; i++) {
    const psorsim_patient_exposure *ex = &a->patients[i].exposure;
    if (a->patients[i].failed) continue;
    assert_true(fabs(ex->exposure_day[0] - 2.0 * (28.0 + 28.0)) <= 1e-9); /* 2 x 8 weeks */
    assert_int_equal(ex->administrations[0], 6);
    assert_int_equal(ex->drop_type, -1); /* no cell adverse event ends treatment */
    assert_true(isinf(ex->regimen_end_day) == 0 && ex->regimen_end_day == 34.0 * 7.0);
    fevers += ex->ae_events[0];
  }
  /* infusion fevers per 100 infusions: the table counts the infusions */
  assert_int_equal(a->ae_table[0].administrations, 6L * (a->n_patients - a->n_failed));
  assert_int_equal(a->ae_table[0].events, fevers);
  assert_true(fabs(a->ae_table[0].rate_per_100_doses -
                   100.0 * (double)fevers / (double)a->ae_table[0].administrations) <= 1e-9);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* (d) Kaplan-Meier median and its Brookmeyer-Crowley (log-log, Greenwood) interval on 18
 * subjects, times 1..18, censored at 3, 8 and 11, and one NaN that does not enter. By hand,
 * at each event time t with n at risk: S = prod (1 - 1/n), G = sum 1/(n (n - 1)),
 * w = 1.96 sqrt(G) / |ln S|, limits S^exp(+w) (lower) and S^exp(-w) (upper):
 *    t  n  S       G         lower   upper
 *    4 15  0.82963 0.011706  0.5592  0.9418
 *    5 14  0.77037 0.017201  0.4972  0.9072   <- lower limit first <= 0.5: CI from 5
 *   10  9  0.52148 0.056187  0.2647  0.7269
 *   12  7  0.44698 0.079996  0.2013  0.6673   <- S first <= 0.5: median 12
 *   14  5  0.29799 0.16333   0.0974  0.5329
 *   15  4  0.22349 0.24666   0.0567  0.4573   <- upper limit first <= 0.5: CI to 15 */
static void test_km_median_interval_by_hand(void **state)
{
  double t[19], scratch[38];
  int c[19];
  psr_km_result km;
  (void)state;
  for (int i = 0; i < 18; i++) {
    t[i] = i + 1;
    c[i] = i + 1 == 3 || i + 1 == 8 || i + 1 == 11;
  }
  t[18] = NAN;
  c[18] = 0;
  psr_km_estimate(t, c, 19, scratch, &km);
  assert_int_equal(km.n, 18);
  assert_int_equal(km.events, 15);
  assert_true(km.median == 12.0);
  assert_true(km.lo == 5.0);
  assert_true(km.hi == 15.0);
  /* the curve never reaches 0.5: no median, an open upper end */
  for (int i = 0; i < 18; i++)
    c[i] = i >= 4;
  psr_km_estimate(t, c, 18, scratch, &km);
  assert_int_equal(km.events, 4);
  assert_true(isnan(km.median) && isnan(km.hi));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_event_after_the_drug_stopped),
      cmocka_unit_test(test_relapse_needs_a_stop_per_protocol),
      cmocka_unit_test(test_exposure_adjusted_rates_match_the_library),
      cmocka_unit_test(test_courses_are_separate_windows),
      cmocka_unit_test(test_km_median_interval_by_hand),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
