/* tests/treatments/test_regimen_uvb.c
 *
 * NB-UVB regimens to engine events (psorsim_regimen_events): sessions on
 * Monday/Wednesday/Friday, each a 1-day pulse of the psoriasis model's
 * `uvb_apopt` input of size (UVB sensitivity) x (session dose in J/cm2),
 * the dose escalated session by session and capped. The session doses read
 * back from the events (value / sensitivity) are compared with doses
 * computed by hand below, for a start dose in % MED with a 10 % increment
 * and for an absolute start dose in mJ/cm2 with increments in mJ/cm2 and in
 * % MED. The sensitivity and the baseline input are set to test values
 * (0.2385 per J/cm2 per day, 0.0123/day) so that the value of every event
 * is known exactly, and photoadaptation is off except in the test of it,
 * which checks the effective session doses against the closed form.
 */
#include <math.h>
#include <string.h>

#include <psorsim/psoriasis.h>
#include <psorsim/regimen.h>
#include <psorsim/regimen_file.h>
#include <psorsim/treated_model.h>

#include "psr_test.h"

#define SENSITIVITY 0.2385 /* per J/cm2 per day: nb_uvb.uvb.emax for these tests */
#define BASE_INPUT  0.0123 /* uvb_apopt between sessions, 1/day */
#define MAX_EV      128

/* The events of the default patient (weight 88 kg, MED `med`) under
 * `yaml` over `weeks`; also returns the index of uvb_apopt. */
static size_t uvb_events_adapt(const char *yaml, double med, double weeks, double adapt,
                               psorsim_event *ev, int *uvb_index)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_regimen_spec *spec = NULL;
  psorsim_treated_model *tm = NULL;
  const psorsim_treatment *tx[2];
  const psorsim_dosing_patient pt = {88.0, med};
  const psorsim_model *m;
  double p[512];
  size_t n = 0;
  int n_tx = 0, emax;

  assert_int_equal(psorsim_regimen_spec_parse_string(ctx, yaml, "uvb.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psorsim_regimen_treatments(ctx, &spec->arm, spec->source, tx, 2, &n_tx), 0);
  assert_int_equal(n_tx, 1);
  assert_string_equal(tx[0]->name, "nb_uvb");
  assert_int_equal(psorsim_regimen_validate(ctx, &spec->arm, spec->source), PSORSIM_OK);
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), tx, 1, &tm), 0);
  m = psorsim_treated_model_model(tm);
  assert_true(m->n_params <= 512);
  assert_int_equal(psorsim_treated_model_typical_params(tm, NULL, 88.0, p), PSORSIM_OK);
  emax = psorsim_model_param_index(m, "nb_uvb.uvb.emax");
  *uvb_index = psorsim_model_param_index(m, "uvb_apopt");
  assert_true(emax >= 0 && *uvb_index >= 0);
  psr_assert_rel(p[emax], 0.378, 1e-12); /* the library's value (docs/treatments.md 6) */
  psr_assert_rel(p[psorsim_model_param_index(m, "uv_adapt")], 0.3, 1e-12); /* model default */
  p[emax] = SENSITIVITY;
  if (adapt >= 0) p[psorsim_model_param_index(m, "uv_adapt")] = adapt;
  p[*uvb_index] = BASE_INPUT;
  /* count first, then fill */
  assert_int_equal(psorsim_regimen_events(ctx, tm, &spec->arm, p, &pt, weeks, NULL, 0, &n), 0);
  assert_true(n <= MAX_EV);
  assert_int_equal(psorsim_regimen_events(ctx, tm, &spec->arm, p, &pt, weeks, ev, MAX_EV, &n), 0);
  psorsim_treated_model_free(&tm);
  psorsim_regimen_spec_free(&spec);
  psorsim_ctx_free(&ctx);
  return n;
}

/* The schedule tests read the session doses back: no photoadaptation. */
static size_t uvb_events(const char *yaml, double med, double weeks, psorsim_event *ev,
                         int *uvb_index)
{
  return uvb_events_adapt(yaml, med, weeks, 0.0, ev, uvb_index);
}

/* Check that ev holds, for each session k, a switch-on at day[k] with dose
 * mj[k] and a switch-off back to BASE_INPUT one day later, in time order. */
static void check_sessions(const psorsim_event *ev, size_t n, int uvb, const double *day,
                           const double *mj, size_t n_sessions)
{
  size_t on = 0, off = 0;
  assert_int_equal(n, 2 * n_sessions);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(ev[i].kind, PSORSIM_EVENT_SET_PARAM);
    assert_int_equal(ev[i].index, uvb);
    if (i > 0) assert_true(ev[i].t_day >= ev[i - 1].t_day);
    if (ev[i].value == BASE_INPUT) { /* switch-off of session `off` */
      psr_assert_rel(ev[i].t_day, day[off] + PSORSIM_UVB_PULSE_DAYS, 1e-12);
      off++;
    } else { /* session `on`: read its dose back */
      const double dose_mj = (ev[i].value - BASE_INPUT) / SENSITIVITY * 1000.0;
      psr_assert_rel(ev[i].t_day, day[on], 1e-12);
      psr_assert_rel(dose_mj, mj[on], 1e-9);
      on++;
    }
  }
  assert_int_equal(on, n_sessions);
  assert_int_equal(off, n_sessions);
}

/* Mon/Wed/Fri over 4 weeks. */
static const double mwf_days[12] = {0, 2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25};

static void test_percent_med_start_ten_percent_increment_and_cap(void **state)
{
  (void)state;
  psorsim_event ev[MAX_EV];
  int uvb;
  /* MED 500 mJ/cm2: start 70 % MED = 350; x 1.1 per session; cap 800 mJ/cm2.
   * 350, 385, 423.5, 465.85, 512.435, 563.6785, 620.04635, 682.050985,
   * 750.2560835, then 825.28... capped to 800, and 800 x 1.1 capped again. */
  const double mj[12] = {350.0,     385.0,      423.5,       465.85, 512.435, 563.6785,
                         620.04635, 682.050985, 750.2560835, 800.0,  800.0,   800.0};
  size_t n = uvb_events("- phototherapy: nb_uvb\n"
                        "  sessions_per_week: 3\n"
                        "  start_dose: 70 % MED\n"
                        "  increment: 10 %\n"
                        "  max_dose: 800 mJ/cm2\n",
                        500.0, 4, ev, &uvb);
  check_sessions(ev, n, uvb, mwf_days, mj, 12);
  /* the first switch-on by hand: 0.0123 + 0.2385 x 0.350 J/cm2 */
  psr_assert_rel(ev[0].value, 0.0123 + 0.2385 * 0.350, 1e-12);
}

static void test_percent_med_doses_scale_with_the_patients_med(void **state)
{
  (void)state;
  psorsim_event ev[MAX_EV];
  int uvb;
  /* the same regimen for MED 300: 210, 231, 254.1, 279.51, 307.461, then
   * capped by max_dose 1.1 MED = 330 mJ/cm2 (338.2071 > 330) */
  const double mj[12] = {210.0, 231.0, 254.1, 279.51, 307.461, 330.0,
                         330.0, 330.0, 330.0, 330.0,  330.0,   330.0};
  size_t n = uvb_events("- {phototherapy: nb_uvb, sessions_per_week: 3, start_dose: 70 % MED,\n"
                        "   increment: 10 %, max_dose: 110 % MED}\n",
                        300.0, 4, ev, &uvb);
  check_sessions(ev, n, uvb, mwf_days, mj, 12);
}

static void test_absolute_start_dose_with_absolute_and_med_increments(void **state)
{
  (void)state;
  psorsim_event ev[MAX_EV];
  int uvb;
  /* 0.3 J/cm2 = 300 mJ/cm2, +50 mJ/cm2 per session, cap 0.5 J/cm2, twice a
   * week (days 0 and 3 of each week) for 3 weeks: 300, 350, 400, 450, 500, 500 */
  const double days2[6] = {0, 3, 7, 10, 14, 17};
  const double mj2[6] = {300, 350, 400, 450, 500, 500};
  /* 280 mJ/cm2, +15 % MED (MED 400: +60), no max_dose (default cap 3000),
   * at explicit days: 280, 340, 400, 460 */
  const double days3[4] = {0, 1.5, 5, 6};
  const double mj3[4] = {280, 340, 400, 460};
  size_t n = uvb_events("name: absolute\n"
                        "regimen:\n"
                        "  - phototherapy: nb_uvb\n"
                        "    sessions_per_week: 2\n"
                        "    start_dose: 300 mJ/cm2\n"
                        "    increment: 50 mJ/cm2\n"
                        "    max_dose: 0.5 J/cm2\n",
                        600.0, 3, ev, &uvb);
  check_sessions(ev, n, uvb, days2, mj2, 6);
  n = uvb_events("- {phototherapy: nb_uvb, at_days: [0, 1.5, 5, 6], start_dose: 280 mJ/cm2,\n"
                 "   increment: 15 % MED}\n",
                 400.0, 1, ev, &uvb);
  check_sessions(ev, n, uvb, days3, mj3, 4);
}

static void test_sessions_end_at_until_week_and_trial_end(void **state)
{
  (void)state;
  psorsim_event ev[MAX_EV];
  int uvb;
  /* 3 a week from week 1 until week 2: days 7, 9, 11 only; 1000 mJ/cm2 flat */
  const double days[3] = {7, 9, 11};
  const double mj[3] = {1000, 1000, 1000};
  size_t n = uvb_events("- {phototherapy: nb_uvb, sessions_per_week: 3, start_dose: 1 J/cm2,\n"
                        "   from_week: 1, until_week: 2}\n",
                        600.0, 4, ev, &uvb);
  check_sessions(ev, n, uvb, days, mj, 3);
}

static void test_photoadaptation_lowers_the_effect_of_later_sessions(void **state)
{
  (void)state;
  psorsim_event ev[MAX_EV];
  int uvb;
  const double days[6] = {0, 2, 4, 7, 9, 11};
  double mj[6];
  /* 0.5 J/cm2 flat, 3 a week for 2 weeks, the model's photoadaptation
   * (uv_adapt 0.3 cm2/J, uv_adapt_days 30): session k acts as
   * 500 / (1 + 0.3 E_k) mJ/cm2, E_k = sum over j < k of 0.5 exp(-(t_k - t_j) / 30) */
  for (int k = 0; k < 6; k++) {
    double e = 0.0;
    for (int j = 0; j < k; j++)
      e += 0.5 * exp(-(days[k] - days[j]) / 30.0);
    mj[k] = 500.0 / (1.0 + 0.3 * e);
  }
  size_t n = uvb_events_adapt("- {phototherapy: nb_uvb, sessions_per_week: 3, start_dose: 500 "
                              "mJ/cm2, increment: 0 %, until_week: 2}\n",
                              600.0, 2, -1.0, ev, &uvb);
  check_sessions(ev, n, uvb, days, mj, 6);
  /* by hand for the second session: 500 / (1 + 0.3 x 0.5 e^(-2/30)) = 438.47 mJ/cm2 */
  psr_assert_rel(mj[1], 438.47, 1e-4);
  /* the function itself: no adaptation leaves the dose as it is */
  {
    psorsim_uv_adapt a = {0.0, 0.0};
    assert_true(psorsim_uv_adapt_session(&a, 0.0, 0.5, 0.0, 30.0) == 0.5);
    assert_true(psorsim_uv_adapt_session(&a, 2.0, 0.5, 0.0, 30.0) == 0.5);
    psr_assert_rel(a.exposure_j, 0.5 + 0.5 * exp(-2.0 / 30.0), 1e-12);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_percent_med_start_ten_percent_increment_and_cap),
      cmocka_unit_test(test_percent_med_doses_scale_with_the_patients_med),
      cmocka_unit_test(test_absolute_start_dose_with_absolute_and_med_increments),
      cmocka_unit_test(test_sessions_end_at_until_week_and_trial_end),
      cmocka_unit_test(test_photoadaptation_lowers_the_effect_of_later_sessions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
