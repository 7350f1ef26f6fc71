/* tests/trial/test_trial_runner.c
 *
 * The pieces under the trial runner, on synthetic patients (no simulation):
 * the serial and OpenMP runners fold the same outputs in patient order into
 * identical accumulators (over several chunks); a patient's error stops
 * either runner at that patient with its message; runner kinds are found
 * by name and thread count; merging the accumulators of two adjacent ranges
 * gives the accumulator of the whole range (exactly for the counts, lists
 * and statistics); records written to the spool come back byte for byte.
 * Then through the public API: a trial with economics gives the same
 * records, visits, costs and endpoints on the serial and OpenMP runners.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/trial.h>

#include "psr_test.h"
#include "trial/accumulate.h"
#include "trial/runner.h"
#include "trial/spool.h"

#define N_PATIENTS 600 /* three chunks of the runners */

static const char spec_text[] =
    "name: synthetic\n"
    "weeks: 4\n"
    "population: {patients_per_arm: 10}\n"
    "arms:\n"
    "  - name: a\n"
    "    regimen:\n"
    "      - drug: secukinumab\n"
    "        dose: 300 mg\n"
    "        at_weeks: [0, 1, 2]\n"
    "endpoints: [pasi75@4, pasi50@2, pasi_change@4, iga01@4, relapse_weeks_median]\n";

/* A synthetic patient: every number follows from its id. */
static void synthetic(long id, psorsim_patient_record *rec, psorsim_visit *v, int n_visits,
                      psorsim_solver_stats *st)
{
  const double base = 10.0 + (double)((id * 37) % 23);
  const double effect = (double)(id % 5) / 4.0;
  memset(rec, 0, sizeof(*rec));
  rec->id = (int)id;
  rec->weight_kg = 60.0 + (double)(id % 41);
  rec->baseline_pasi = base;
  rec->failed = id % 97 == 5;
  rec->dropout_week = id % 11 == 0 ? 2 : -1;
  if (rec->dropout_week >= 0) snprintf(rec->dropout_reason, PSORSIM_REASON_MAX, "ae %ld", id);
  rec->last_dose_week = id % 3 ? 2.0 : NAN;
  rec->candidates = 1 + (int)(id % 4);
  rec->exposure.dropout_day = rec->dropout_week >= 0 ? 7.0 * rec->dropout_week : INFINITY;
  rec->exposure.drop_type = rec->dropout_week >= 0 ? 0 : -1;
  rec->exposure.ae_events[0] = rec->dropout_week >= 0; /* the event that ended treatment */
  rec->exposure.regimen_end_day = 14.0;                /* stopped per protocol at week 2 */
  rec->exposure.exposure_day[0] = rec->dropout_week >= 0 ? 7.0 * rec->dropout_week : 21.0;
  for (int w = 0; w < n_visits; w++) {
    v[w].week = w;
    v[w].pasi = base * (1.0 - 0.24 * w * effect) + 0.001 * (double)id;
    v[w].iga = 3.0 - w * effect;
    v[w].on_study = rec->dropout_week < 0 || w < rec->dropout_week;
    v[w].ae_count = rec->dropout_week >= 0 && w >= rec->dropout_week;
  }
  memset(st, 0, sizeof(*st));
  st->steps = id;
  st->rhs_evals = 2 * id + 1;
  st->reinits = id % 7;
}

/* The job of the synthetic arm: fold into an accumulator. */
typedef struct synth {
  const psorsim_trial_spec *spec;
  int n_visits;
  psr_arm_acc acc;
  long fail_at;    /* a patient whose step reports an error, or -1 */
  long folded;     /* outputs folded */
  long progressed; /* patients reported by progress */
  int workers;     /* workers alive */
} synth;

static int synth_worker_create(psorsim_ctx *ctx, void *user, void **worker)
{
  synth *s = user;
  (void)ctx;
  s->workers++; /* workers are made before the parallel part */
  *worker = s;
  return PSORSIM_OK;
}

static void synth_worker_free(void *user, void **worker)
{
  synth *s = user;
  if (worker == NULL || *worker == NULL) return;
  s->workers--;
  *worker = NULL;
}

static void synth_patient(void *user, void *worker, long id, psr_patient_out *out)
{
  const synth *s = user;
  assert_ptr_equal(worker, user);
  synthetic(id, &out->rec, out->visits, s->n_visits, &out->stats);
  if (id == s->fail_at) {
    out->status = PSORSIM_EINPUT;
    snprintf(out->message, sizeof(out->message), "synthetic trouble");
  }
}

static int synth_fold(psorsim_ctx *ctx, void *user, const psr_patient_out *out)
{
  synth *s = user;
  (void)ctx;
  s->folded++;
  return psr_arm_acc_add(&s->acc, &out->rec, out->visits, &out->stats);
}

static void synth_progress(void *user, long folded)
{
  ((synth *)user)->progressed += folded;
}

static psr_runner_job synth_job(synth *s)
{
  return (psr_runner_job){"arm 'synthetic'", s->n_visits,   s,          synth_worker_create,
                          synth_worker_free, synth_patient, synth_fold, synth_progress};
}

static void synth_init(synth *s, const psorsim_trial_spec *spec, long first, long end)
{
  memset(s, 0, sizeof(*s));
  s->spec = spec;
  s->n_visits = 5;
  s->fail_at = -1;
  assert_int_equal(psr_arm_acc_init(&s->acc, spec, s->n_visits, first, end), PSORSIM_OK);
}

/* Add patients [first, end) to acc directly, in order. */
static void add_range(psr_arm_acc *acc, long first, long end)
{
  psorsim_patient_record rec;
  psorsim_visit v[5];
  psorsim_solver_stats st;
  for (long id = first; id < end; id++) {
    synthetic(id, &rec, v, 5, &st);
    assert_int_equal(psr_arm_acc_add(acc, &rec, v, &st), PSORSIM_OK);
  }
}

static size_t n_hist(const psr_arm_acc *a, size_t bins)
{
  return (size_t)a->n_visits * bins * sizeof(unsigned);
}

/* Counts, histograms, lists and statistics: equal bit for bit. */
static void assert_same_counts(const psr_arm_acc *a, const psr_arm_acc *b)
{
  const size_t ne = a->spec->n_endpoints, nv = (size_t)a->n_visits;
  assert_true(a->first == b->first && a->end == b->end && a->next == b->next);
  assert_memory_equal(a->k, b->k, ne * sizeof(long));
  assert_memory_equal(a->n, b->n, ne * sizeof(long));
  assert_memory_equal(a->hist_pasi, b->hist_pasi, n_hist(a, PSR_ACC_PASI_BINS));
  assert_memory_equal(a->hist_imp, b->hist_imp, n_hist(a, PSR_ACC_IMP_BINS));
  assert_memory_equal(a->n_visit, b->n_visit, nv * sizeof(long));
  assert_int_equal(a->n_failed, b->n_failed);
  assert_memory_equal(a->failed_ids, b->failed_ids, (size_t)a->n_failed * sizeof(int));
  assert_int_equal(a->n_dropouts, b->n_dropouts);
  assert_true(a->n_ae == b->n_ae && a->candidates == b->candidates);
  assert_memory_equal(a->ae_events, b->ae_events, sizeof(a->ae_events));
  assert_memory_equal(a->ae_patients, b->ae_patients, sizeof(a->ae_patients));
  assert_memory_equal(a->ae_discontinued, b->ae_discontinued, sizeof(a->ae_discontinued));
  assert_memory_equal(a->administrations, b->administrations, sizeof(a->administrations));
  assert_true(a->rel_stopping == b->rel_stopping);
  assert_memory_equal(&a->stats, &b->stats, sizeof(a->stats));
  assert_int_equal(a->relapse, b->relapse);
  if (a->relapse) {
    const size_t np = (size_t)(a->end - a->first);
    assert_memory_equal(a->rel_t, b->rel_t, np * sizeof(double));
    assert_memory_equal(a->rel_c, b->rel_c, np * sizeof(int));
  }
}

/* Everything, sums of doubles included. */
static void assert_same_acc(const psr_arm_acc *a, const psr_arm_acc *b)
{
  const size_t ne = a->spec->n_endpoints, nv = (size_t)a->n_visits;
  assert_same_counts(a, b);
  assert_memory_equal(a->sum, b->sum, ne * sizeof(double));
  assert_memory_equal(a->sumsq, b->sumsq, ne * sizeof(double));
  assert_memory_equal(a->sum_pasi, b->sum_pasi, nv * sizeof(double));
  assert_memory_equal(a->sum_imp, b->sum_imp, nv * sizeof(double));
}

static psorsim_trial_spec *load_spec(psorsim_ctx *ctx)
{
  psorsim_trial_spec *spec = NULL;
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, spec_text, "synthetic.yaml", &spec),
                   PSORSIM_OK);
  return spec;
}

static void test_serial_and_openmp_fold_the_same(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = load_spec(ctx);
  synth ser, omp, direct;
  psr_runner_job job;
  (void)state;

  synth_init(&ser, spec, 0, N_PATIENTS);
  job = synth_job(&ser);
  assert_int_equal(psr_runner_serial->run(ctx, &job, 0, N_PATIENTS, 4), PSORSIM_OK);
  synth_init(&omp, spec, 0, N_PATIENTS);
  job = synth_job(&omp);
  assert_int_equal(psr_runner_openmp->run(ctx, &job, 0, N_PATIENTS, 2), PSORSIM_OK);
  synth_init(&direct, spec, 0, N_PATIENTS);
  add_range(&direct.acc, 0, N_PATIENTS);

  assert_int_equal(ser.folded, N_PATIENTS);
  assert_int_equal(omp.folded, N_PATIENTS);
  assert_int_equal(ser.progressed, N_PATIENTS);
  assert_int_equal(omp.progressed, N_PATIENTS);
  assert_int_equal(ser.workers, 0); /* every worker freed */
  assert_int_equal(omp.workers, 0);
  assert_same_acc(&ser.acc, &omp.acc);
  assert_same_acc(&ser.acc, &direct.acc);
  /* the synthetic arm: ids 5, 102, 199, ... failed; dropouts every 11th of the rest */
  assert_int_equal(ser.acc.n_failed, 7);
  assert_int_equal(ser.acc.failed_ids[0], 5);
  assert_int_equal(ser.acc.failed_ids[6], 587);
  assert_int_equal(ser.acc.n_dropouts, 55);
  assert_int_equal(ser.acc.n_ae, 55);
  assert_int_equal(ser.acc.stats.steps, (long)N_PATIENTS * (N_PATIENTS - 1) / 2);
  assert_int_equal(ser.acc.n[0], N_PATIENTS - 7);
  psr_arm_acc_free(&ser.acc);
  psr_arm_acc_free(&omp.acc);
  psr_arm_acc_free(&direct.acc);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_a_patient_error_stops_the_run(void **state)
{
  const psr_runner_type *kinds[2] = {psr_runner_serial, psr_runner_openmp};
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = load_spec(ctx);
  (void)state;
  for (int k = 0; k < 2; k++) {
    synth s;
    psr_runner_job job;
    synth_init(&s, spec, 0, N_PATIENTS);
    s.fail_at = 300;
    job = synth_job(&s);
    assert_int_equal(kinds[k]->run(ctx, &job, 0, N_PATIENTS, 2), PSORSIM_EINPUT);
    assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "arm 'synthetic', patient 300: synthetic"));
    assert_int_equal(s.folded, 300); /* the patients before it, in order */
    assert_int_equal(s.progressed, 256);
    assert_int_equal(s.workers, 0);
    psr_arm_acc_free(&s.acc);
  }
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

static void test_runner_kinds_by_name(void **state)
{
  (void)state;
  assert_ptr_equal(psr_runner_find(NULL, 1), psr_runner_serial);
  assert_ptr_equal(psr_runner_find(NULL, 2), psr_runner_openmp);
  assert_ptr_equal(psr_runner_find("serial", 8), psr_runner_serial);
  assert_ptr_equal(psr_runner_find("openmp", 1), psr_runner_openmp);
  assert_null(psr_runner_find("mpi", 1));
  assert_string_equal(psr_runner_openmp->name, "openmp");
  assert_true(psr_runner_default_threads() >= 1);
}

static void test_merge_of_adjacent_ranges(void **state)
{
  static const long cuts[3] = {1, 250, 599};
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = load_spec(ctx);
  psr_arm_acc whole, head, tail, bad;
  (void)state;
  assert_int_equal(psr_arm_acc_init(&whole, spec, 5, 0, N_PATIENTS), PSORSIM_OK);
  add_range(&whole, 0, N_PATIENTS);
  for (int c = 0; c < 3; c++) {
    const long k = cuts[c];
    assert_int_equal(psr_arm_acc_init(&head, spec, 5, 0, k), PSORSIM_OK);
    assert_int_equal(psr_arm_acc_init(&tail, spec, 5, k, N_PATIENTS), PSORSIM_OK);
    add_range(&head, 0, k);
    /* tail is not complete yet: no merge */
    assert_int_equal(psr_arm_acc_merge(&head, &tail), PSORSIM_EINVAL);
    add_range(&tail, k, N_PATIENTS);
    assert_int_equal(psr_arm_acc_merge(&head, &tail), PSORSIM_OK);
    assert_same_counts(&head, &whole);
    for (size_t e = 0; e < spec->n_endpoints; e++)
      psr_assert_close(head.sum[e], whole.sum[e], 1e-12, 1e-12);
    for (int w = 0; w < 5; w++)
      psr_assert_rel(head.sum_pasi[w], whole.sum_pasi[w], 1e-12);
    psr_arm_acc_free(&head);
    psr_arm_acc_free(&tail);
  }
  /* ranges that do not join */
  assert_int_equal(psr_arm_acc_init(&head, spec, 5, 0, 10), PSORSIM_OK);
  assert_int_equal(psr_arm_acc_init(&bad, spec, 5, 11, 20), PSORSIM_OK);
  add_range(&head, 0, 10);
  add_range(&bad, 11, 20);
  assert_int_equal(psr_arm_acc_merge(&head, &bad), PSORSIM_EINVAL);
  /* and patients out of order are refused */
  {
    psorsim_patient_record rec;
    psorsim_visit v[5];
    psorsim_solver_stats st;
    synthetic(3, &rec, v, 5, &st);
    assert_int_equal(psr_arm_acc_add(&bad, &rec, v, &st), PSORSIM_EINVAL);
  }
  psr_arm_acc_free(&head);
  psr_arm_acc_free(&bad);
  psr_arm_acc_free(&bad); /* twice is harmless */
  psr_arm_acc_free(&whole);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

/* The spool: what comes back is byte for byte what went in. */
typedef struct readback {
  const psorsim_patient_record *want;
  int n, mismatches, stop_at;
} readback;

static int compare(const psorsim_patient_record *rec, void *user)
{
  readback *r = user;
  r->mismatches += memcmp(rec, &r->want[r->n], sizeof(*rec)) != 0;
  r->n++;
  return r->n == r->stop_at ? 7 : 0;
}

static void test_spool_round_trip(void **state)
{
  enum { N = 40 };
  psorsim_patient_record recs[N];
  psorsim_visit v[5];
  psorsim_solver_stats st;
  psr_spool *sp = NULL;
  readback rb = {recs, 0, 0, -1};
  (void)state;
  for (int i = 0; i < N; i++)
    synthetic(i, &recs[i], v, 5, &st);
  assert_string_equal(recs[22].dropout_reason, "ae 22");
  assert_int_equal(psr_spool_create(&sp), PSORSIM_OK);
  for (int i = 0; i < 30; i++)
    assert_int_equal(psr_spool_write(sp, &recs[i]), PSORSIM_OK);
  assert_int_equal(psr_spool_read(sp, compare, &rb), PSORSIM_OK);
  assert_int_equal(rb.n, 30);
  /* writing after a read appends */
  for (int i = 30; i < N; i++)
    assert_int_equal(psr_spool_write(sp, &recs[i]), PSORSIM_OK);
  assert_int_equal(psr_spool_count(sp), N);
  rb.n = 0;
  assert_int_equal(psr_spool_read(sp, compare, &rb), PSORSIM_OK);
  assert_int_equal(rb.n, N);
  assert_int_equal(rb.mismatches, 0);
  rb.n = 0;
  rb.stop_at = 3;
  assert_int_equal(psr_spool_read(sp, compare, &rb), 7);
  assert_int_equal(rb.n, 3);
  psr_spool_free(&sp);
  assert_null(sp);
  psr_spool_free(&sp);
}

/* Through the public API: a trial with economics on both runners. */
static void test_trial_same_on_both_runners(void **state)
{
  static const char text[] = "name: runners\n"
                             "seed: 99\n"
                             "population: {patients_per_arm: 24}\n"
                             "weeks: 8\n"
                             "arms:\n"
                             "  - name: none\n"
                             "    regimen: []\n"
                             "  - name: secukinumab\n"
                             "    regimen:\n"
                             "      - drug: secukinumab\n"
                             "        dose: 300 mg\n"
                             "        at_weeks: [0, 1, 2, 3, 4]\n"
                             "endpoints: [pasi75@8, qaly@8, icer_vs:none@8]\n"
                             "economics:\n"
                             "  currency: GBP\n"
                             "  drugs: {secukinumab: {per_mg: 2, source: test}}\n";
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *rs = NULL, *ro = NULL;
  psorsim_trial_options opt;
  (void)state;
  assert_int_equal(psorsim_trial_spec_parse_string(ctx, text, "runners.yaml", &spec), PSORSIM_OK);
  memset(&opt, 0, sizeof(opt));
  opt.keep_patients = 1;
  opt.threads = 2;
  opt.runner = "serial";
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &rs), PSORSIM_OK);
  assert_int_equal(rs->threads, 1);
  opt.runner = "openmp";
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &ro), PSORSIM_OK);
  assert_int_equal(ro->threads, 2);
  for (size_t a = 0; a < 2; a++) {
    const psorsim_arm_result *x = &rs->arms[a], *y = &ro->arms[a];
    const size_t n = (size_t)x->n_patients;
    assert_int_equal(x->n_patients, 24);
    assert_memory_equal(x->patients, y->patients, n * sizeof(*x->patients));
    assert_memory_equal(x->visits, y->visits, n * (size_t)x->n_visits * sizeof(*x->visits));
    assert_memory_equal(x->econ_patients, y->econ_patients, n * sizeof(*x->econ_patients));
    assert_memory_equal(x->endpoints, y->endpoints, spec->n_endpoints * sizeof(*x->endpoints));
    assert_memory_equal(x->pasi_p95, y->pasi_p95, (size_t)x->n_visits * sizeof(double));
    assert_memory_equal(&x->stats, &y->stats, sizeof(x->stats));
    assert_true(x->econ->cost == y->econ->cost && x->econ->qaly == y->econ->qaly);
    for (size_t i = 0; i < n; i++)
      assert_int_equal(x->econ_patients[i].counted, !x->patients[i].failed);
    assert_true(x->stats.steps > 0);
  }
  /* the biologic's costs are its doses: 5 x 300 mg x GBP 2 for every patient on study */
  assert_true(rs->arms[1].econ->cost_drug > 0.0 && rs->arms[1].econ->cost_drug <= 3000.0);
  psorsim_trial_result_free(&rs);
  psorsim_trial_result_free(&ro);
  opt.runner = "mpi";
  assert_int_equal(psorsim_trial_run(ctx, spec, &opt, &rs), PSORSIM_EINVAL);
  assert_null(rs);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "unknown runner 'mpi'"));
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_serial_and_openmp_fold_the_same),
      cmocka_unit_test(test_a_patient_error_stops_the_run),
      cmocka_unit_test(test_runner_kinds_by_name),
      cmocka_unit_test(test_merge_of_adjacent_ranges),
      cmocka_unit_test(test_spool_round_trip),
      cmocka_unit_test(test_trial_same_on_both_runners),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
