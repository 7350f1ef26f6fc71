/* tests/report/report_fixture.h
 *
 * A synthetic trial result for the report tests, built by hand so the
 * tests do not depend on the simulation: three arms (placebo, a biologic
 * and, to exercise CSV quoting and HTML escaping, an arm whose name holds a
 * comma, quotes and angle brackets), 40 patients each with 13 weekly
 * visits, four endpoints (one in weeks, undefined for placebo, so it is NaN)
 * and three published observations. The numbers follow simple closed forms
 * so every value a test checks can be recomputed here.
 */
#ifndef PSR_REPORT_FIXTURE_H
#define PSR_REPORT_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/report.h>
#include <psorsim/trial.h>
#include <psorsim/trial_spec.h>

#include "psr_test.h"

#define FX_ARMS      3
#define FX_PATIENTS  40
#define FX_VISITS    13 /* weeks 0..12 */
#define FX_ENDPOINTS 4
#define FX_OBSERVED  3

/* Everything the result and its spec point into. */
typedef struct fixture {
  psorsim_trial_spec spec;
  psorsim_trial_arm spec_arms[FX_ARMS];
  psorsim_endpoint endpoints[FX_ENDPOINTS];
  psorsim_observation observed[FX_OBSERVED];
  psorsim_trial_result result;
  psorsim_arm_result arms[FX_ARMS];
  psorsim_estimate est[FX_ARMS][FX_ENDPOINTS];
  double week[FX_VISITS];
  double pasi_mean[FX_ARMS][FX_VISITS], pasi_p05[FX_ARMS][FX_VISITS], pasi_p95[FX_ARMS][FX_VISITS];
  double imp_mean[FX_ARMS][FX_VISITS], imp_p05[FX_ARMS][FX_VISITS], imp_p95[FX_ARMS][FX_VISITS];
  psorsim_patient_record patients[FX_ARMS][FX_PATIENTS];
  psorsim_visit visits[FX_ARMS][FX_PATIENTS][FX_VISITS];
  int failed_ids[FX_ARMS][2];
} fixture;

static const char *const fx_arm_names[FX_ARMS] = {"placebo", "secukinumab 300 mg",
                                                  "MSC, \"cord\" <1e6/kg>"};
static const char *const fx_endpoint_keys[FX_ENDPOINTS] = {"pasi75@12", "pasi90@12",
                                                           "pasi_change@4", "relapse_weeks_median"};

/* Fraction of the maximal effect reached by arm a at week w. */
static inline double fx_effect(int a, double w)
{
  static const double emax[FX_ARMS] = {0.08, 0.86, 0.55};
  return emax[a] * (1.0 - exp(-w / 2.7));
}

/* A deterministic "random" number in [0, 1) for (a, p, k). */
static inline double fx_u(int a, int p, int k)
{
  unsigned long x = (unsigned long)(a * 7919 + p * 104729 + k * 1299709) * 2654435761ul;
  x ^= x >> 13;
  x *= 0x5bd1e995ul;
  x ^= x >> 15;
  return (double)(x % 100000ul) / 100000.0;
}

/* Build the fixture; observations only when with_observed. Free with free(). */
static inline fixture *fixture_create(psorsim_ctx *ctx, int with_observed)
{
  fixture *f = calloc(1, sizeof(*f));
  assert_non_null(f);

  f->spec.source = "fixture.yaml";
  f->spec.name = "Fixture trial <A&B>";
  f->spec.reference = "Doe J et al. Journal of Tests 2024";
  f->spec.seed_given = 1;
  f->spec.seed = 20140724u;
  f->spec.weeks = 12.0;
  f->spec.population.patients_per_arm = FX_PATIENTS;
  f->spec.population.pasi_mean = (psorsim_opt){1, 22.5};
  f->spec.population.weight_kg_mean = (psorsim_opt){1, 90.0};
  for (int a = 0; a < FX_ARMS; a++) {
    f->spec_arms[a].name = fx_arm_names[a];
    f->spec_arms[a].line = 10 + a;
  }
  f->spec.arms = f->spec_arms;
  f->spec.n_arms = FX_ARMS;
  for (int k = 0; k < FX_ENDPOINTS; k++) {
    assert_int_equal(psorsim_endpoint_parse(ctx, fx_endpoint_keys[k], NULL, &f->endpoints[k]),
                     PSORSIM_OK);
  }
  f->spec.endpoints = f->endpoints;
  f->spec.n_endpoints = FX_ENDPOINTS;
  if (with_observed) {
    /* placebo pasi75@12, biologic pasi75@12 and pasi90@12 */
    const size_t arm[FX_OBSERVED] = {0, 1, 1};
    const int ep[FX_OBSERVED] = {0, 0, 1};
    const double value[FX_OBSERVED] = {4.9, 81.6, 59.2};
    for (int j = 0; j < FX_OBSERVED; j++) {
      f->observed[j].arm = arm[j];
      f->observed[j].endpoint_index = ep[j];
      f->observed[j].endpoint = f->endpoints[ep[j]];
      f->observed[j].value = value[j];
      f->observed[j].line = 30 + j;
    }
    f->spec.observed = f->observed;
    f->spec.n_observed = FX_OBSERVED;
  }

  f->result.spec = &f->spec;
  f->result.seed = f->spec.seed;
  f->result.threads = 2;
  f->result.elapsed_s = 1.234;
  f->result.n_arms = FX_ARMS;
  f->result.arms = f->arms;
  f->result.candidates_screened = 4321;
  for (int w = 0; w < FX_VISITS; w++)
    f->week[w] = w;
  for (int a = 0; a < FX_ARMS; a++) {
    psorsim_arm_result *ar = &f->arms[a];
    ar->name = fx_arm_names[a];
    ar->n_patients = FX_PATIENTS;
    ar->n_dropouts = a;
    ar->n_ae = 10 * a + 3;
    ar->endpoints = f->est[a];
    ar->n_visits = FX_VISITS;
    ar->visit_week = f->week;
    ar->pasi_mean = f->pasi_mean[a];
    ar->pasi_p05 = f->pasi_p05[a];
    ar->pasi_p95 = f->pasi_p95[a];
    ar->improve_mean = f->imp_mean[a];
    ar->improve_p05 = f->imp_p05[a];
    ar->improve_p95 = f->imp_p95[a];
    ar->patients = f->patients[a];
    ar->visits = &f->visits[a][0][0];
    ar->stats.steps = 1000 + a;
    ar->stats.rhs_evals = 2000 + a;
    ar->stats.jac_evals = 30 + a;
    ar->stats.lin_setups = 40 + a;
    ar->stats.err_test_fails = 5 + a;
    ar->stats.nonlin_iters = 1500 + a;
    ar->stats.nonlin_conv_fails = a;
    ar->stats.events_applied = 7 * a;
    ar->stats.roots_found = 0;
    ar->stats.reinits = 7 * a + 1;
    for (int w = 0; w < FX_VISITS; w++) {
      double e = fx_effect(a, w);
      f->pasi_mean[a][w] = 22.5 * (1.0 - e);
      f->pasi_p05[a][w] = 13.0 * (1.0 - e) * (1.0 - 0.6 * e);
      f->pasi_p95[a][w] = 38.0 * (1.0 - e) + 6.0 * e;
      f->imp_mean[a][w] = 100.0 * e;
      f->imp_p05[a][w] = 100.0 * e - 40.0 * e - 10.0 * (w > 0);
      f->imp_p95[a][w] = fmin(100.0, 100.0 * e + 30.0 * e + 8.0 * (w > 0));
    }
    for (int p = 0; p < FX_PATIENTS; p++) {
      psorsim_patient_record *pt = &f->patients[a][p];
      pt->id = p;
      pt->weight_kg = 60.0 + 60.0 * fx_u(a, p, 1);
      pt->age_years = 20.0 + 50.0 * fx_u(a, p, 2);
      pt->female = fx_u(a, p, 3) < 0.3;
      pt->disease_years = 1.0 + 30.0 * fx_u(a, p, 4);
      pt->prior_biologic = fx_u(a, p, 5) < 0.25;
      pt->susceptibility = 0.5 + fx_u(a, p, 6);
      pt->baseline_pasi = 12.0 + 25.0 * fx_u(a, p, 7) * fx_u(a, p, 8);
      pt->baseline_bsa = 10.0 + 40.0 * fx_u(a, p, 9);
      pt->baseline_iga = 3.0 + (fx_u(a, p, 10) < 0.3);
      pt->baseline_dlqi = 5.0 + 20.0 * fx_u(a, p, 11);
      pt->dropout_week = -1;
      for (int w = 0; w < FX_VISITS; w++) {
        psorsim_visit *v = &f->visits[a][p][w];
        double e = fx_effect(a, w) * (0.6 + 0.8 * fx_u(a, p, 12));
        v->week = w;
        v->pasi = pt->baseline_pasi * (1.0 - fmin(e, 1.0));
        v->bsa = pt->baseline_bsa * (1.0 - fmin(e, 1.0));
        v->iga = round(pt->baseline_iga * (1.0 - fmin(e, 1.0)));
        v->dlqi = pt->baseline_dlqi * (1.0 - 0.8 * fmin(e, 1.0));
        v->on_study = 1;
        v->ae_count = 0;
      }
    }
    /* The endpoints: estimates with hand-made intervals. */
    f->est[a][0] = (psorsim_estimate){100.0 * fx_effect(a, 12) * 0.95 + 0.012345678,
                                      100.0 * fx_effect(a, 12) * 0.85,
                                      100.0 * fx_effect(a, 12) + 0.5, FX_PATIENTS};
    f->est[a][1] =
        (psorsim_estimate){100.0 * fx_effect(a, 12) * 0.7, 100.0 * fx_effect(a, 12) * 0.6,
                           100.0 * fx_effect(a, 12) * 0.8, FX_PATIENTS};
    f->est[a][2] = (psorsim_estimate){100.0 * fx_effect(a, 4), 100.0 * fx_effect(a, 4) - 6.0,
                                      100.0 * fx_effect(a, 4) + 6.0, FX_PATIENTS};
    f->est[a][3] = a == 0 ? (psorsim_estimate){NAN, NAN, NAN, 0}
                          : (psorsim_estimate){14.5 + a, 12.0, 18.25, 20};
  }
  /* Arm 0: the contract's example numbers. */
  f->est[0][0] = (psorsim_estimate){4.8, 3.1, 7.3, FX_PATIENTS};
  /* Arm 1: two solver failures (ids 3 and 17) and one dropout at week 6. */
  f->arms[1].n_failed = 2;
  f->failed_ids[1][0] = 3;
  f->failed_ids[1][1] = 17;
  f->arms[1].failed_ids = f->failed_ids[1];
  f->patients[1][3].failed = 1;
  f->patients[1][17].failed = 1;
  for (int w = 0; w < FX_VISITS; w++) {
    f->visits[1][3][w].pasi = NAN; /* a failed patient has no scores */
    f->visits[1][3][w].dlqi = NAN;
  }
  f->patients[1][5].dropout_week = 6;
  snprintf(f->patients[1][5].dropout_reason, sizeof(f->patients[1][5].dropout_reason), "%s",
           "injection-site reaction");
  for (int w = 6; w < FX_VISITS; w++) {
    f->visits[1][5][w].on_study = 0;
    f->visits[1][5][w].ae_count = 1;
  }
  return f;
}

/* Drop every patient's visits (keep_patients off). */
static inline void fixture_drop_visits(fixture *f)
{
  for (int a = 0; a < FX_ARMS; a++)
    f->arms[a].visits = NULL;
}

#endif /* PSR_REPORT_FIXTURE_H */
