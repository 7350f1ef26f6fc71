/* tests/treatments/test_treated_patient.c
 *
 * The set-up of one treated patient (psorsim_treated_patient_setup) against
 * expectations made by hand:
 *  - events of a simple regimen (infliximab 5 mg/kg IV at weeks 0, 2, 6 then
 *    every 8 weeks, apremilast 30 mg twice daily as its average rate) for a
 *    72.5 kg patient, with and without a dropout at day 45.5: later
 *    infusions dropped, every rate input switched off at the dropout, the
 *    end-of-dosing switch-off kept; and the count-then-fill protocol;
 *  - the variability factors drawn in table order from the patient's drug
 *    stream (normal deviates drawn here from the same stream), a run's
 *    potency CV reached with the same deviate, the UVB covariate;
 *  - the placebo response and the run's overrides, as new typical values
 *    and as given;
 *  - recorded UV sessions with photoadaptation (closed form);
 *  - argument errors.
 */
#include <math.h>
#include <string.h>

#include <psorsim/regimen.h>
#include <psorsim/regimen_file.h>
#include <psorsim/treated_model.h>
#include <psorsim/treated_patient.h>

#include "common/rng_impl.h"
#include "psr_test.h"

#define MAX_P  512
#define MAX_EV 64

/* A regimen, its treated model and a context, made from YAML. */
typedef struct fixture {
  psorsim_ctx *ctx;
  psorsim_regimen_spec *spec;
  psorsim_treated_model *tm;
  const psorsim_model *m;
} fixture;

static void fixture_make(fixture *f, const char *yaml)
{
  const psorsim_treatment *tx[4];
  int n_tx = 0;
  f->ctx = psr_test_ctx();
  f->spec = NULL;
  f->tm = NULL;
  assert_int_equal(psorsim_regimen_spec_parse_string(f->ctx, yaml, "test.yaml", &f->spec), 0);
  assert_int_equal(psorsim_regimen_treatments(f->ctx, &f->spec->arm, "test.yaml", tx, 4, &n_tx), 0);
  assert_int_equal(
      psorsim_treated_model_create(f->ctx, psorsim_psoriasis_model(), tx, n_tx, &f->tm),
      PSORSIM_OK);
  f->m = psorsim_treated_model_model(f->tm);
  assert_true(f->m->n_params <= MAX_P);
}

static void fixture_free(fixture *f)
{
  psorsim_treated_model_free(&f->tm);
  psorsim_regimen_spec_free(&f->spec);
  psorsim_ctx_free(&f->ctx);
}

static int idx(const fixture *f, const char *name)
{
  const int i = psorsim_model_param_index(f->m, name);
  assert_true(i >= 0);
  return i;
}

static void check_event(const psorsim_event *e, double t, psorsim_event_kind kind, int index,
                        double value)
{
  psr_assert_rel(e->t_day, t, 1e-15);
  assert_int_equal(e->kind, kind);
  assert_int_equal(e->index, index);
  psr_assert_close(e->value, value, 1e-14, 0.0);
}

static const char *const two_drugs =
    "weeks: 16\n"
    "regimen:\n"
    "  - {drug: infliximab, dose: 5 mg/kg, route: intravenous, at_weeks: [0, 2, 6],\n"
    "     then_every_weeks: 8}\n"
    "  - {drug: apremilast, dose: 30 mg, route: oral, times_per_day: 2}\n";

/* apremilast's bioavailability on the oral route (the route's own, else the drug's) */
static double apremilast_f(void)
{
  const psorsim_treatment *t = psorsim_treatment_find("apremilast");
  for (int i = 0; i < t->n_routes; i++) {
    if (t->routes[i].route == PSORSIM_ROUTE_ORAL && t->routes[i].f > 0) return t->routes[i].f;
  }
  return t->pk.f > 0 ? t->pk.f : 1.0;
}

static void regimen_events_and_dropout(void **state)
{
  fixture f;
  psorsim_treated_patient pt;
  psorsim_patient_setup su;
  psorsim_event ev[MAX_EV];
  double p[MAX_P];
  const double dose = 5.0 * 72.5, rate = 30.0 * apremilast_f() * 2.0; /* mg; mg/day */
  const double day[4] = {0.0, 14.0, 42.0, 98.0};                      /* weeks 0, 2, 6, 14 */
  int central, r_inf, r_apr;
  (void)state;
  fixture_make(&f, two_drugs);
  central = psorsim_treated_model_slot(f.tm, 0)->central_state;
  r_inf = idx(&f, "infliximab.rate");
  r_apr = idx(&f, "apremilast.rate");
  psorsim_treated_patient_init(&pt, 72.5, 600.0);

  /* no dropout: four infusions, the rate on at day 0 and off after the last dose of week 16 */
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 16.0, &pt, NULL, p, ev, MAX_EV, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 6);
  check_event(&ev[0], 0.0, PSORSIM_EVENT_ADD_STATE, central, dose);
  check_event(&ev[1], 0.0, PSORSIM_EVENT_SET_PARAM, r_apr, rate);
  for (int k = 1; k < 4; k++)
    check_event(&ev[k + 1], day[k], PSORSIM_EVENT_ADD_STATE, central, dose);
  check_event(&ev[5], 112.0, PSORSIM_EVENT_SET_PARAM, r_apr, 0.0);
  psr_assert_rel(su.last_event_day, 112.0, 1e-15);
  /* the typical PK scaled to the weight: CL 0.26 L/day x (72.5 / 90)^0.961 */
  psr_assert_rel(p[idx(&f, "infliximab.cl")], 0.26 * pow(72.5 / 90.0, 0.961), 1e-14);

  /* dropout at day 45.5: the week-14 infusion is not given, both rate inputs go off then,
   * the switch-off at the end of dosing stays (it changes nothing) */
  pt.dropout_day = 45.5;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 16.0, &pt, NULL, p, NULL, 0, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 8); /* room needed: 6 regimen events + 2 switch-offs */
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 16.0, &pt, NULL, p, ev, 8, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 7);
  check_event(&ev[0], 0.0, PSORSIM_EVENT_ADD_STATE, central, dose);
  check_event(&ev[1], 0.0, PSORSIM_EVENT_SET_PARAM, r_apr, rate);
  check_event(&ev[2], 14.0, PSORSIM_EVENT_ADD_STATE, central, dose);
  check_event(&ev[3], 42.0, PSORSIM_EVENT_ADD_STATE, central, dose);
  check_event(&ev[4], 45.5, PSORSIM_EVENT_SET_PARAM, r_inf, 0.0);
  check_event(&ev[5], 45.5, PSORSIM_EVENT_SET_PARAM, r_apr, 0.0);
  check_event(&ev[6], 112.0, PSORSIM_EVENT_SET_PARAM, r_apr, 0.0);
  psr_assert_rel(su.last_event_day, 45.5, 1e-15);

  /* too little room: the count of what is needed, nothing else */
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 16.0, &pt, NULL, p, ev, 7, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 8);
  fixture_free(&f);
}

/* Log-normal sigma of a CV. */
static double omega(double cv)
{
  return sqrt(log(1.0 + cv * cv));
}

static void variability_in_table_order(void **state)
{
  fixture f;
  psorsim_treated_patient pt;
  psorsim_setup_settings run;
  psorsim_patient_setup su;
  const psorsim_stream_key key = {20261205u, 2, 17};
  const double cv[5] = {0.37, 0.28, 0.63, PSORSIM_IIV_POTENCY_CV, PSORSIM_IIV_UVB_CV};
  double p[MAX_P], typ[MAX_P], z[5], fac[5];
  psr_rng r;
  const psorsim_model *base = psorsim_psoriasis_model();
  const double s0 = base->params[psorsim_model_param_index(base, "susceptibility")].value;
  (void)state;
  fixture_make(&f, "regimen:\n"
                   "  - {drug: secukinumab, dose: 300 mg, every_weeks: 4}\n"
                   "  - {phototherapy: nb_uvb, start_dose: 300 mJ/cm2, sessions_per_week: 3}\n");
  /* the deviates of this patient's drug stream, drawn here: secukinumab's clearance, volume,
   * absorption and potency, then nb_uvb's sensitivity (test_treated_model_iiv.c) */
  psr_rng_init(&r, key.seed, key.arm, key.patient, PSR_STREAM_DRUG);
  for (int i = 0; i < 5; i++) {
    z[i] = psr_rng_normal(&r);
    fac[i] = exp(omega(cv[i]) * z[i] - 0.5 * omega(cv[i]) * omega(cv[i]));
  }
  assert_int_equal(psorsim_treated_model_typical_params(f.tm, NULL, 80.0, typ), PSORSIM_OK);
  psorsim_treated_patient_init(&pt, 80.0, 600.0);
  pt.iiv = &key;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, NULL, 12.0, &pt, NULL, p, NULL, 0, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 0); /* no arm: no events */
  psr_assert_rel(p[idx(&f, "secukinumab.cl")], typ[idx(&f, "secukinumab.cl")] * fac[0], 1e-13);
  psr_assert_rel(p[idx(&f, "secukinumab.q")], typ[idx(&f, "secukinumab.q")] * fac[0], 1e-13);
  psr_assert_rel(p[idx(&f, "secukinumab.v1")], typ[idx(&f, "secukinumab.v1")] * fac[1], 1e-13);
  psr_assert_rel(p[idx(&f, "secukinumab.ka")], 0.6 * fac[2], 1e-13);
  psr_assert_rel(p[idx(&f, "secukinumab.il17.ec50")], 2.032 * fac[3], 1e-13);
  psr_assert_rel(p[idx(&f, "nb_uvb.uvb.emax")], 0.378 * fac[4], 1e-13);
  assert_true(p[idx(&f, "secukinumab.km")] == typ[idx(&f, "secukinumab.km")]); /* not variable */
  /* the same patient again: the same numbers */
  {
    double again[MAX_P];
    assert_int_equal(
        psorsim_treated_patient_setup(f.ctx, f.tm, NULL, 12.0, &pt, NULL, again, NULL, 0, &su),
        PSORSIM_OK);
    assert_memory_equal(p, again, (size_t)f.m->n_params * sizeof(double));
  }

  /* a run at potency CV 1.2 and UVB CV 0.3: the same deviates at the run's CVs (mean one);
   * the UVB covariate (susceptibility / 0.95)^2.82 on top */
  psorsim_setup_settings_init(&run);
  run.potency_cv = 1.2;
  run.uvb_cv = 0.3;
  run.uvb_susceptibility_median = 0.95;
  run.uvb_susceptibility_exponent = 2.82;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, NULL, 12.0, &pt, &run, p, NULL, 0, &su),
      PSORSIM_OK);
  psr_assert_rel(p[idx(&f, "secukinumab.il17.ec50")],
                 2.032 * exp(omega(1.2) * z[3] - 0.5 * omega(1.2) * omega(1.2)), 1e-12);
  psr_assert_rel(
      p[idx(&f, "nb_uvb.uvb.emax")],
      0.378 * exp(omega(0.3) * z[4] - 0.5 * omega(0.3) * omega(0.3)) * pow(s0 / 0.95, 2.82), 1e-12);
  psr_assert_rel(p[idx(&f, "secukinumab.cl")], typ[idx(&f, "secukinumab.cl")] * fac[0], 1e-13);
  fixture_free(&f);
}

static void placebo_and_overrides(void **state)
{
  fixture f;
  psorsim_treated_patient pt;
  psorsim_setup_settings run;
  psorsim_patient_setup su;
  const char *const names[] = {"secukinumab.cl",        "pop.potency_cv",        "susceptibility",
                               "secukinumab.il17.ec50", "secukinumab.il17.ec50", "not_a_parameter"};
  const double values[] = {0.32, 1.0, 2.0, 8.05, 32.2, 7.0};
  double p[MAX_P], typ[MAX_P];
  const psorsim_model *base = psorsim_psoriasis_model();
  const int it = psorsim_model_param_index(base, "inh_tact");
  const int is = psorsim_model_param_index(base, "susceptibility");
  (void)state;
  fixture_make(&f, "regimen:\n  - {drug: secukinumab, dose: 300 mg, every_weeks: 4}\n");
  assert_int_equal(psorsim_treated_model_typical_params(f.tm, NULL, 64.0, typ), PSORSIM_OK);
  psorsim_treated_patient_init(&pt, 64.0, 600.0);
  pt.placebo_factor = 1.5;
  psorsim_setup_settings_init(&run);
  run.placebo = 1;
  run.placebo_emax = 0.2;
  run.override_names = names;
  run.override_values = values;
  run.n_overrides = 6;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 12.0, &pt, &run, p, NULL, 0, &su),
      PSORSIM_OK);
  /* placebo at its node (inh_tact): 1 - (1 - base) (1 - 0.2 x 1.5) */
  psr_assert_rel(p[it], 1.0 - (1.0 - typ[it]) * (1.0 - 0.3), 1e-14);
  /* new typical values: the weight scaling stays (0.32 / 0.16 = twice the scaled CL), the last
   * ec50 wins, base-model and pop.* names are the caller's (already in base_p) */
  psr_assert_rel(p[idx(&f, "secukinumab.cl")], 2.0 * typ[idx(&f, "secukinumab.cl")], 1e-14);
  psr_assert_rel(p[idx(&f, "secukinumab.il17.ec50")], 32.2, 1e-14);
  assert_true(p[is] == typ[is]);

  /* as given (psorsim simulate --set): every named parameter takes the value, base ones too */
  run.placebo = 0;
  run.overrides_as_given = 1;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 12.0, &pt, &run, p, NULL, 0, &su),
      PSORSIM_OK);
  assert_true(p[idx(&f, "secukinumab.cl")] == 0.32);
  assert_true(p[idx(&f, "secukinumab.il17.ec50")] == 32.2);
  assert_true(p[is] == 2.0);
  assert_true(p[it] == typ[it]); /* no placebo response */
  fixture_free(&f);
}

static void recorded_sessions(void **state)
{
  fixture f;
  psorsim_treated_patient pt;
  psorsim_patient_setup su;
  psorsim_event ev[MAX_EV];
  double p[MAX_P];
  const double day[3] = {0.0, 2.0, 4.0}, dose[3] = {0.3, 0.45, 0.6}; /* J/cm2 */
  const double a = 0.3, tau = 30.0; /* uv_adapt cm2/J, uv_adapt_days (model defaults) */
  double exposure = 0.0, t_last = 0.0;
  int uvb;
  (void)state;
  fixture_make(&f, "regimen:\n  - {phototherapy: nb_uvb, start_dose: 300 mJ/cm2, "
                   "sessions_per_week: 3}\n");
  uvb = idx(&f, "uvb_apopt");
  psorsim_treated_patient_init(&pt, 70.0, 0.0);
  pt.uv_day = day;
  pt.uv_j_cm2 = dose;
  pt.n_uv = 3;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, NULL, 12.0, &pt, NULL, p, ev, MAX_EV, &su),
      PSORSIM_OK);
  assert_int_equal(su.n_events, 6);
  for (int k = 0; k < 3; k++) {
    /* recent exposure decays with tau; a session acts as dose / (1 + a E) */
    const double e = exposure * exp(-(day[k] - t_last) / tau);
    const double d_eff = dose[k] / (1.0 + a * e);
    exposure = e + dose[k];
    t_last = day[k];
    check_event(&ev[2 * k], day[k], PSORSIM_EVENT_SET_PARAM, uvb, p[uvb] + 0.378 * d_eff);
    check_event(&ev[2 * k + 1], day[k] + 1.0, PSORSIM_EVENT_SET_PARAM, uvb, p[uvb]);
  }
  psr_assert_rel(su.last_event_day, 5.0, 1e-15);
  fixture_free(&f);
}

static void argument_errors(void **state)
{
  fixture f;
  psorsim_treated_patient pt;
  psorsim_patient_setup su;
  double p[MAX_P];
  const double day = 0.0, dose = 0.3;
  (void)state;
  fixture_make(&f, "regimen:\n  - {drug: secukinumab, dose: 300 mg, every_weeks: 4}\n");
  psorsim_treated_patient_init(&pt, 0.0, 600.0);
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 12.0, &pt, NULL, p, NULL, 0, &su),
      PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(f.ctx), "body weight"));
  pt.weight_kg = 70.0;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, NULL, &f.spec->arm, 12.0, &pt, NULL, p, NULL, 0, &su),
      PSORSIM_EINVAL);
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, &f.spec->arm, 12.0, &pt, NULL, p, NULL, 4, &su),
      PSORSIM_EINVAL); /* room claimed without a buffer */
  pt.uv_day = &day;
  pt.uv_j_cm2 = &dose;
  pt.n_uv = 1;
  assert_int_equal(
      psorsim_treated_patient_setup(f.ctx, f.tm, NULL, 12.0, &pt, NULL, p, NULL, 0, &su),
      PSORSIM_EINVAL); /* recorded sessions need a phototherapy */
  assert_non_null(strstr(psorsim_ctx_errmsg(f.ctx), "phototherapy"));
  fixture_free(&f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(regimen_events_and_dropout),
      cmocka_unit_test(variability_in_table_order),
      cmocka_unit_test(placebo_and_overrides),
      cmocka_unit_test(recorded_sessions),
      cmocka_unit_test(argument_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
