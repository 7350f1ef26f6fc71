/* tests/trial/test_trial_lifestyle.c
 *
 * Chronic triggers and the lifestyle arms (docs/model.md 4, docs/treatments.md
 * 7). Stress reactors and streptococcal carriers are drawn at their
 * documented prevalences; a lifestyle arm changes PASI only in the patients
 * whose trigger or risk factor it acts on, by about the size of the trials.
 *
 * Each arm is run as the only arm (index 0) of its own trial with the same
 * seed and population, so patient i is the same virtual patient in both runs
 * (same covariates, placebo factor and scoring noise) and the difference of
 * their week-16 PASI is the effect of the lifestyle change alone. The
 * patient's triggers are read back from its accepted candidate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "psr_test.h"
#include "trial/trial_impl.h"

#define N_PATIENTS 200
#define WEEKS      16

static const char trial_fmt[] = "name: lifestyle test\n"
                                "seed: 15\n"
                                "population:\n"
                                "  patients_per_arm: %d\n"
                                "  inclusion: {pasi_min: 10}\n"
                                "  baseline: {pasi_mean: 18, pasi_sd: 7}\n"
                                "weeks: %d\n"
                                "arms:\n"
                                "  - name: arm\n"
                                "    regimen: %s\n"
                                "endpoints: [pasi_change@%d]\n";

/* Week-WEEKS PASI of every patient of a one-arm trial with `regimen`; the
 * accepted candidates into pts when not NULL. */
static void run_arm(const char *regimen, double *pasi, psr_patient *pts)
{
  char text[1024];
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = NULL;
  psorsim_trial_options opt = {0};
  psr_pop_settings pop;
  const psorsim_model *m = psorsim_psoriasis_model();
  double *base_p = malloc((size_t)m->n_params * sizeof(double));
  double *y0 = malloc((size_t)m->n_states * sizeof(double));

  assert_non_null(base_p);
  assert_non_null(y0);
  snprintf(text, sizeof(text), trial_fmt, N_PATIENTS, WEEKS, regimen, WEEKS);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "lifestyle.yaml", &spec), PSORSIM_OK);
  opt.threads = 2;
  opt.keep_patients = 1;
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_OK);
  assert_int_equal(r->arms[0].n_failed, 0);
  assert_int_equal(psr_pop_settings_init(ctx, m, &opt, &pop), PSORSIM_OK);
  for (int i = 0; i < N_PATIENTS; i++) {
    const psorsim_visit *v = psorsim_arm_visits(&r->arms[0], i);
    assert_non_null(v);
    pasi[i] = v[WEEKS].pasi;
    if (pts == NULL) continue;
    assert_int_equal(psr_population_candidate(ctx, spec, &pop, r->seed, 0, i,
                                              r->arms[0].patients[i].candidates - 1, base_p, y0,
                                              &pts[i]),
                     PSORSIM_OK);
    assert_true(fabs(pts[i].baseline.pasi - v[0].pasi) < 1e-9); /* the patient of the run */
  }
  free(base_p);
  free(y0);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static double none_pasi[N_PATIENTS];
static psr_patient none_pts[N_PATIENTS];

static int setup_none(void **state)
{
  (void)state;
  run_arm("[]", none_pasi, none_pts);
  return 0;
}

/* Which patients a lifestyle arm acts on. */
typedef int (*affected_fn)(const psr_patient *pt);

static int is_stress_reactor(const psr_patient *pt)
{
  return pt->stress_reactor;
}

static int is_strep_carrier(const psr_patient *pt)
{
  return pt->strep_carrier;
}

static int is_obese(const psr_patient *pt)
{
  return pt->bmi >= 30.0;
}

/* Mean week-16 PASI difference (lifestyle - none) among the affected
 * patients; fails if an unaffected patient's PASI changed or an affected
 * one's rose. */
static double lifestyle_effect(const char *lifestyle, affected_fn affected, int *n_affected)
{
  char regimen[128];
  double pasi[N_PATIENTS], sum = 0.0;
  int n = 0;
  snprintf(regimen, sizeof(regimen), "[{lifestyle: %s, from_week: 0}]", lifestyle);
  run_arm(regimen, pasi, NULL);
  for (int i = 0; i < N_PATIENTS; i++) {
    const double d = pasi[i] - none_pasi[i];
    if (!affected(&none_pts[i])) {
      assert_true(fabs(d) < 1e-3); /* the same patient, untouched */
      continue;
    }
    assert_true(d < 0.05);
    sum += d;
    n++;
  }
  *n_affected = n;
  return n > 0 ? sum / n : NAN;
}

/* Prevalences among the accepted patients: the candidates draw 50 % stress
 * reactors and 29 % carriers, and a chronic trigger does not change a
 * patient's baseline (it is part of the basal drive), so matching to the
 * baseline table keeps them; about 45 % are obese at 88 kg. */
static void test_triggers_are_drawn_at_their_prevalence(void **state)
{
  int reactors = 0, carriers = 0, obese = 0;
  const psorsim_model *m = psorsim_psoriasis_model();
  (void)state;
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_STRESS_REACTOR),
                   psorsim_model_param_index(m, "stress_reactor"));
  assert_int_equal(psorsim_model_covariate_index(m, PSORSIM_COVARIATE_STREP_CARRIER),
                   psorsim_model_param_index(m, "strep_carrier"));
  for (int i = 0; i < N_PATIENTS; i++) {
    reactors += none_pts[i].stress_reactor;
    carriers += none_pts[i].strep_carrier;
    obese += none_pts[i].bmi >= 30.0;
  }
  printf("accepted patients: %d stress reactors, %d strep carriers, %d obese of %d\n", reactors,
         carriers, obese, N_PATIENTS);
  assert_in_range(reactors, (int)(0.40 * N_PATIENTS), (int)(0.60 * N_PATIENTS));
  assert_in_range(carriers, (int)(0.20 * N_PATIENTS), (int)(0.38 * N_PATIENTS));
  assert_in_range(obese, (int)(0.30 * N_PATIENTS), (int)(0.60 * N_PATIENTS));
}

/* In the model a chronic trigger is part of the basal drive: a stress
 * reactor (strep carrier, obese patient) at the usual exposure has the
 * baseline of a patient without it, and a lower exposure lowers it. */
static void test_chronic_trigger_is_part_of_the_basal_drive(void **state)
{
  const psorsim_model *m = psorsim_psoriasis_model();
  static const char *const flag[3] = {"stress_reactor", "strep_carrier", "bmi"};
  static const char *const exposure[3] = {"stress_exposure", "infection_exposure", "bmi_change"};
  static const double on[3] = {1.0, 1.0, 36.0}, lowered[3] = {0.25, 0.5, 0.9};
  double *p = malloc((size_t)m->n_params * sizeof(double));
  double *y = malloc((size_t)m->n_states * sizeof(double));
  double r0[PSORSIM_READOUT_COUNT], r1[PSORSIM_READOUT_COUNT], r2[PSORSIM_READOUT_COUNT];
  (void)state;
  for (int k = 0; k < 3; k++) {
    psorsim_model_default_params(m, p);
    assert_int_equal(psorsim_model_baseline(NULL, m, p, y, r0), PSORSIM_OK);
    p[psorsim_model_param_index(m, flag[k])] = on[k];
    assert_int_equal(psorsim_model_baseline(NULL, m, p, y, r1), PSORSIM_OK);
    p[psorsim_model_param_index(m, exposure[k])] = lowered[k];
    assert_int_equal(psorsim_model_baseline(NULL, m, p, y, r2), PSORSIM_OK);
    printf("%s: baseline PASI %.3f without, %.3f with; %.3f at %s %.2f\n", flag[k],
           r0[PSORSIM_READOUT_PASI], r1[PSORSIM_READOUT_PASI], r2[PSORSIM_READOUT_PASI],
           exposure[k], lowered[k]);
    /* BMI 36 keeps the small baseline association of obesity_effect (+8 % drive) */
    if (k < 2) assert_true(fabs(r1[PSORSIM_READOUT_PASI] - r0[PSORSIM_READOUT_PASI]) < 1e-9);
    assert_true(r2[PSORSIM_READOUT_PASI] < r1[PSORSIM_READOUT_PASI] - 0.5);
  }
  free(p);
  free(y);
}

/* Candidates before matching: the prevalences as drawn (1000 candidates,
 * binomial SD 1.6 and 1.4 points). */
static void test_candidates_carry_the_documented_prevalences(void **state)
{
  char text[1024];
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psr_pop_settings pop;
  const psorsim_model *m = psorsim_psoriasis_model();
  double *base_p = malloc((size_t)m->n_params * sizeof(double));
  double *y0 = malloc((size_t)m->n_states * sizeof(double));
  const int ir = psorsim_model_param_index(m, "stress_reactor");
  int reactors = 0, carriers = 0, n = 0;
  (void)state;
  snprintf(text, sizeof(text), trial_fmt, 10, WEEKS, "[]", WEEKS);
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "lifestyle.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psr_pop_settings_init(ctx, m, NULL, &pop), PSORSIM_OK);
  assert_true(fabs(pop.stress_reactor - 0.5) < 1e-12);
  assert_true(fabs(pop.strep_carrier - 0.29) < 1e-12);
  for (long id = 0; id < 1000; id++) {
    psr_patient pt;
    if (psr_population_candidate(ctx, spec, &pop, 3, 0, id, 0, base_p, y0, &pt) != PSORSIM_OK)
      continue;
    n++;
    reactors += pt.stress_reactor;
    carriers += pt.strep_carrier;
    assert_true(base_p[ir] == pt.stress_reactor); /* the covariate reaches the model */
  }
  psorsim_ctx_clear_error(ctx);
  assert_true(n > 900);
  assert_true(fabs((double)reactors / n - 0.5) < 0.05);
  assert_true(fabs((double)carriers / n - 0.29) < 0.05);
  free(base_p);
  free(y0);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* stress_reduction: in stress reactors PASI falls (2.9 points at week 16 when
 * measured on 400 patients); over the whole arm 1.5 points, the size of the
 * psychological-intervention trials (pooled MD -1.36, CBT -1.80, Xiao 2019). */
static void test_stress_reduction_acts_in_stress_reactors(void **state)
{
  int n;
  double e = lifestyle_effect("stress_reduction", is_stress_reactor, &n);
  (void)state;
  printf("stress_reduction: %d stress reactors, mean PASI change %.2f; whole arm %.2f\n", n, e,
         e * n / N_PATIENTS);
  assert_true(n >= 40);
  assert_true(e < -1.5 && e > -6.0);
  assert_true(e * n / N_PATIENTS < -0.8 && e * n / N_PATIENTS > -2.5);
}

/* trigger_avoidance: only strep carriers change (assumed size: no trial). */
static void test_trigger_avoidance_acts_in_strep_carriers(void **state)
{
  int n;
  double e = lifestyle_effect("trigger_avoidance", is_strep_carrier, &n);
  (void)state;
  printf("trigger_avoidance: %d strep carriers, mean PASI change %.2f\n", n, e);
  assert_true(n >= 20);
  assert_true(e < -0.5 && e > -6.0);
}

/* weight_loss: obese patients (BMI >= 30) lose 1-4 PASI points (1.9 at week
 * 16 on 400 patients; the trials: MD -2.0 to -2.5, guide response-structure
 * 8.6); below BMI 30 nothing. */
static void test_weight_loss_acts_in_obese_patients(void **state)
{
  int n;
  double e = lifestyle_effect("weight_loss", is_obese, &n);
  (void)state;
  printf("weight_loss: %d obese patients, mean PASI change %.2f\n", n, e);
  assert_true(n >= 40);
  assert_true(e <= -1.0 && e >= -4.0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_triggers_are_drawn_at_their_prevalence),
      cmocka_unit_test(test_chronic_trigger_is_part_of_the_basal_drive),
      cmocka_unit_test(test_candidates_carry_the_documented_prevalences),
      cmocka_unit_test(test_stress_reduction_acts_in_stress_reactors),
      cmocka_unit_test(test_trigger_avoidance_acts_in_strep_carriers),
      cmocka_unit_test(test_weight_loss_acts_in_obese_patients),
  };
  return cmocka_run_group_tests(tests, setup_none, NULL);
}
