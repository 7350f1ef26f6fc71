/* src/trial/trial.c
 *
 * psorsim_trial_run: the orchestration of a trial. It builds the run's
 * population settings and matcher, then for each arm sets up the arm (its
 * treatments, treated model and readouts), the arm's results and where its
 * records go (in memory with keep_patients, else a spool file: spool.h), an
 * accumulator (accumulate.h) and a runner job (runner.h). The job's patient
 * step simulates one patient (patient.c) and then costs the log the patient
 * left (psorsim_econ_patient); its fold, called in patient order, adds the
 * record to the accumulator and stores the record, the visits and the
 * costs. A runner kind (serial or OpenMP, chosen by name or thread count)
 * runs the job. Once all arms are done the economics summarises every arm.
 * Random numbers depend only on (seed, arm, patient) and the fold order does
 * not depend on the runner, so results are identical for any runner and
 * thread count.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <psorsim/economics.h>

#include "accumulate.h"
#include "common/context_impl.h"
#include "runner.h"
#include "spool.h"
#include "trial_impl.h"

#define DEFAULT_SEED 20260101u

/* One arm's run: the state the runner job's callbacks share (user). */
typedef struct arm_run {
  const psr_arm_ctx *ac;            /* the arm (borrowed) */
  psorsim_arm_result *ar;           /* its results (borrowed) */
  psr_arm_acc acc;                  /* its accumulator (owned) */
  const psorsim_trial_options *opt; /* progress callback (borrowed) */
  long *done, total;                /* progress over all arms */
} arm_run;

void psorsim_trial_result_free(psorsim_trial_result **rp)
{
  psorsim_trial_result *r;
  if (rp == NULL || *rp == NULL) return;
  r = *rp;
  for (size_t a = 0; a < r->n_arms && r->arms != NULL; a++) {
    psorsim_arm_result *ar = &r->arms[a];
    psr_spool *spool = ar->spool; /* owned */
    free(ar->failed_ids);
    free(ar->endpoints);
    free(ar->visit_week);
    free(ar->pasi_mean);
    free(ar->pasi_p05);
    free(ar->pasi_p95);
    free(ar->improve_mean);
    free(ar->improve_p05);
    free(ar->improve_p95);
    free(ar->patients);
    free(ar->visits);
    psr_spool_free(&spool);
    psorsim_econ_arm_free(&ar->econ);
    free(ar->econ_patients);
  }
  free(r->arms);
  free(r);
  *rp = NULL;
}

/* Build the arm context: treatments, treated model, observable indices. */
static int arm_setup(psorsim_ctx *ctx, const psorsim_trial_spec *spec, size_t a, uint64_t seed,
                     const psr_matcher *matcher, psr_arm_ctx *ac)
{
  const psorsim_trial_arm *arm = &spec->arms[a];
  const psorsim_model *m;
  memset(ac, 0, sizeof(*ac));
  ac->spec = spec;
  ac->arm = arm;
  ac->arm_index = a;
  ac->seed = seed;
  ac->matcher = matcher;
  ac->pop = matcher->pop;
  ac->n_visits = (int)floor(spec->weeks + 1e-9) + 1;
  PSR_TRY(psorsim_regimen_treatments(ctx, arm, spec->source, ac->tx, 16, &ac->n_tx));
  PSR_CHECK(ctx, ac->n_tx <= 16, PSORSIM_EINPUT, "%s:%d: arm '%s' uses more than 16 treatments",
            spec->source, arm->line, arm->name);
  PSR_TRY(psorsim_regimen_validate(ctx, arm, spec->source));
  PSR_TRY(psorsim_treated_model_create(ctx, ac->pop->base, ac->tx, ac->n_tx, &ac->tm));
  m = psorsim_treated_model_model(ac->tm);
  ac->obs_pasi = psorsim_model_readout_index(m, PSORSIM_READOUT_PASI);
  ac->obs_bsa = psorsim_model_readout_index(m, PSORSIM_READOUT_BSA);
  ac->obs_iga = psorsim_model_readout_index(m, PSORSIM_READOUT_IGA);
  ac->obs_dlqi = psorsim_model_readout_index(m, PSORSIM_READOUT_DLQI);
  PSR_CHECK(ctx, ac->obs_pasi >= 0 && ac->obs_bsa >= 0 && ac->obs_iga >= 0 && ac->obs_dlqi >= 0,
            PSORSIM_EINVAL, "the disease model lacks a clinical readout");
  return PSORSIM_OK;
}

/* The arm's results and where its records go; PSORSIM_ENOMEM or
 * PSORSIM_EIO (no temporary file). */
static int arm_alloc(const psorsim_trial_spec *spec, int n, int n_visits, int keep,
                     psorsim_arm_result *ar)
{
  const size_t ne = spec->n_endpoints;
  ar->n_patients = n;
  ar->n_visits = n_visits;
  ar->endpoints = calloc(ne ? ne : 1, sizeof(psorsim_estimate));
  ar->visit_week = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_mean = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_p05 = calloc((size_t)n_visits, sizeof(double));
  ar->pasi_p95 = calloc((size_t)n_visits, sizeof(double));
  ar->improve_mean = calloc((size_t)n_visits, sizeof(double));
  ar->improve_p05 = calloc((size_t)n_visits, sizeof(double));
  ar->improve_p95 = calloc((size_t)n_visits, sizeof(double));
  if (!ar->endpoints || !ar->visit_week || !ar->pasi_mean || !ar->pasi_p05 || !ar->pasi_p95 ||
      !ar->improve_mean || !ar->improve_p05 || !ar->improve_p95) {
    return PSORSIM_ENOMEM;
  }
  if (spec->economics.enabled) {
    ar->econ_patients = calloc((size_t)n, sizeof(psorsim_econ_patient_result));
    if (ar->econ_patients == NULL) return PSORSIM_ENOMEM;
  }
  if (keep) {
    ar->patients = calloc((size_t)n, sizeof(psorsim_patient_record));
    ar->visits = calloc((size_t)n * (size_t)n_visits, sizeof(psorsim_visit));
    if (ar->patients == NULL || ar->visits == NULL) return PSORSIM_ENOMEM;
  } else {
    psr_spool *spool = NULL;
    const int rc = psr_spool_create(&spool);
    ar->spool = spool;
    if (rc != PSORSIM_OK) return rc;
  }
  for (int w = 0; w < n_visits; w++)
    ar->visit_week[w] = w;
  return PSORSIM_OK;
}

/* Runner job: a thread workspace is the worker. */
static int worker_create(psorsim_ctx *ctx, void *user, void **worker)
{
  const arm_run *run = user;
  psr_thread_ws *ws = NULL;
  const int rc = psr_thread_ws_create(ctx, run->ac, &ws);
  *worker = ws;
  return rc;
}

static void worker_free(void *user, void **worker)
{
  psr_thread_ws *ws = worker != NULL ? *worker : NULL;
  (void)user;
  psr_thread_ws_free(&ws);
  if (worker != NULL) *worker = NULL;
}

/* Runner job: patient id -> record, visits, solver statistics, then the
 * costs and QALYs of the log it left (src/econ/, docs/economics.md). */
static void simulate(void *user, void *worker, long id, psr_patient_out *out)
{
  const arm_run *run = user;
  const psr_arm_ctx *ac = run->ac;
  psr_thread_ws *ws = worker;
  int rc = psr_patient_simulate(ac, ws, id, &out->rec, out->visits, &out->stats);
  if (rc == PSORSIM_OK && !out->rec.failed && ac->spec->economics.enabled)
    rc = psorsim_econ_patient(ws->ctx, ac->spec, ac->arm, &ws->log, &out->econ);
  if (rc != PSORSIM_OK) {
    out->status = rc;
    snprintf(out->message, sizeof(out->message), "%s", psorsim_ctx_errmsg(ws->ctx));
  }
}

/* Runner job, in patient order: accumulate, then keep or spool. */
static int fold(psorsim_ctx *ctx, void *user, const psr_patient_out *out)
{
  arm_run *run = user;
  psorsim_arm_result *ar = run->ar;
  const long id = out->rec.id;
  const int rc = psr_arm_acc_add(&run->acc, &out->rec, out->visits, &out->stats);
  if (rc == PSORSIM_ENOMEM)
    PSR_FAIL(ctx, rc, "allocating arm '%s' (%d patients)", ar->name, ar->n_patients);
  PSR_CHECK(ctx, rc == PSORSIM_OK, rc, "arm '%s': patient %ld folded out of order", ar->name, id);
  if (ar->visits != NULL) {
    memcpy(ar->visits + (size_t)id * (size_t)ar->n_visits, out->visits,
           (size_t)ar->n_visits * sizeof(psorsim_visit));
  }
  if (ar->econ_patients != NULL) ar->econ_patients[id] = out->econ;
  if (ar->patients != NULL) {
    memcpy(&ar->patients[id], &out->rec, sizeof(out->rec));
  } else if (psr_spool_write(ar->spool, &out->rec) != PSORSIM_OK) {
    PSR_FAIL(ctx, PSORSIM_EIO, "arm '%s': writing patient records to a temporary file", ar->name);
  }
  return PSORSIM_OK;
}

static void progress(void *user, long folded)
{
  arm_run *run = user;
  *run->done += folded;
  if (run->opt->progress != NULL)
    run->opt->progress(*run->done, run->total, run->opt->progress_user);
}

/* Simulate one arm into ar with the runner; adds its candidates screened. */
static int run_arm(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                   const psorsim_trial_options *opt, const psr_runner_type *runner, int threads,
                   size_t a, uint64_t seed, const psr_matcher *matcher, int n,
                   psorsim_arm_result *ar, long *done, long total, long *candidates)
{
  psr_arm_ctx ac;
  arm_run run;
  psr_runner_job job;
  char label[256];
  int rc;

  memset(&run, 0, sizeof(run));
  ar->name = spec->arms[a].name;
  rc = arm_setup(ctx, spec, a, seed, matcher, &ac);
  if (rc == PSORSIM_OK) {
    rc = arm_alloc(spec, n, ac.n_visits, opt->keep_patients, ar);
    if (rc == PSORSIM_OK) rc = psr_arm_acc_init(&run.acc, spec, ac.n_visits, 0, n);
    if (rc == PSORSIM_EIO) {
      rc = psr_error_set(ctx, rc, __FILE__, __LINE__, __func__,
                         "arm '%s': cannot create a temporary file for the patient records",
                         ar->name);
    } else if (rc != PSORSIM_OK) {
      rc = psr_error_set(ctx, rc, __FILE__, __LINE__, __func__, "allocating arm '%s' (%d patients)",
                         ar->name, n);
    }
  }
  if (rc == PSORSIM_OK) {
    run.ac = &ac;
    run.ar = ar;
    run.opt = opt;
    run.done = done;
    run.total = total;
    snprintf(label, sizeof(label), "arm '%s'", ar->name);
    job = (psr_runner_job){label,       ac.n_visits, &run, worker_create,
                           worker_free, simulate,    fold, progress};
    rc = runner->run(ctx, &job, 0, n, threads);
  }
  if (rc == PSORSIM_OK) {
    psr_arm_acc_finish(&run.acc, ar);
    *candidates += run.acc.candidates;
  }
  psr_arm_acc_free(&run.acc);
  psorsim_treated_model_free(&ac.tm);
  return rc;
}

/* The economics of every arm from its per-patient results (economics.h). */
static int econ_summary(psorsim_ctx *ctx, psorsim_trial_result *r)
{
  const size_t na = r->n_arms;
  const psorsim_econ_patient_result **pats;
  psorsim_econ_arm **sums;
  psorsim_estimate **eps;
  int *ns, rc;
  if (!r->spec->economics.enabled) return PSORSIM_OK;
  pats = calloc(na + 1, sizeof(*pats));
  sums = calloc(na + 1, sizeof(*sums));
  eps = calloc(na + 1, sizeof(*eps));
  ns = calloc(na + 1, sizeof(*ns));
  if (pats == NULL || sums == NULL || eps == NULL || ns == NULL) {
    rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "economics: summary");
  } else {
    for (size_t a = 0; a < na; a++) {
      pats[a] = r->arms[a].econ_patients;
      ns[a] = r->arms[a].n_patients;
      eps[a] = r->arms[a].endpoints;
    }
    rc = psorsim_econ_summarise(ctx, r->spec, r->seed, na, pats, ns, sums, eps);
    for (size_t a = 0; a < na; a++)
      r->arms[a].econ = sums[a]; /* owned by the result, also after an error */
  }
  free(pats);
  free(sums);
  free(eps);
  free(ns);
  return rc;
}

/* The trial's disease model (the file's model:, default psoriasis) from the
 * registry, with what a trial needs of it: the four clinical readouts and a
 * baseline steady state (model.h). */
static int run_model(psorsim_ctx *ctx, const psorsim_trial_spec *spec, const psorsim_model **out)
{
  const char *name = spec->model != NULL ? spec->model : "psoriasis";
  const psorsim_model *m = psorsim_model_find(name);
  *out = NULL;
  PSR_CHECK(ctx, m != NULL, PSORSIM_EINPUT, "%s: model '%s' is not registered (psorsim info)",
            spec->source, name);
  for (int r = 0; r < PSORSIM_READOUT_COUNT; r++) {
    PSR_CHECK(ctx, psorsim_model_readout_index(m, (psorsim_readout)r) >= 0, PSORSIM_EINPUT,
              "%s: model '%s' cannot run a trial: it declares no %s readout", spec->source, name,
              r == PSORSIM_READOUT_PASI  ? "PASI"
              : r == PSORSIM_READOUT_BSA ? "BSA"
              : r == PSORSIM_READOUT_IGA ? "IGA"
                                         : "DLQI");
  }
  PSR_CHECK(ctx, m->n_steady > 0 && m->steady != NULL, PSORSIM_EINPUT,
            "%s: model '%s' cannot run a trial: it declares no baseline steady state", spec->source,
            name);
  *out = m;
  return PSORSIM_OK;
}

int psorsim_trial_run(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                      const psorsim_trial_options *opt, psorsim_trial_result **out)
{
  psorsim_trial_options defaults;
  psorsim_trial_result *r;
  psr_matcher matcher;
  psr_pop_settings pop;
  const psorsim_model *base = NULL;
  const psr_runner_type *runner;
  struct timespec t0, t1;
  long done = 0, total;
  int n, threads, rc;

  PSR_CHECK(ctx, spec != NULL && out != NULL, PSORSIM_EINVAL, "no trial given");
  *out = NULL;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (opt == NULL) {
    memset(&defaults, 0, sizeof(defaults));
    opt = &defaults;
  }
  n = opt->patients_per_arm > 0 ? opt->patients_per_arm : spec->population.patients_per_arm;
  threads = opt->threads > 0 ? opt->threads : psr_runner_default_threads();
  PSR_CHECK(ctx, n > 0, PSORSIM_EINVAL, "patients per arm must be positive, got %d", n);
  runner = psr_runner_find(opt->runner, threads);
  PSR_CHECK(ctx, runner != NULL, PSORSIM_EINVAL, "unknown runner '%s' (serial or openmp)",
            opt->runner);
  if (runner == psr_runner_serial) threads = 1;
  r = calloc(1, sizeof(*r));
  if (r == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the trial result");
  r->spec = spec;
  r->seed = opt->seed_given ? opt->seed : spec->seed_given ? spec->seed : DEFAULT_SEED;
  r->threads = threads;
  r->n_arms = spec->n_arms;
  r->arms = calloc(spec->n_arms, sizeof(psorsim_arm_result));
  if (r->arms == NULL) {
    free(r);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the trial result");
  }
  rc = run_model(ctx, spec, &base);
  if (rc == PSORSIM_OK) rc = psr_pop_settings_init(ctx, base, opt, &pop);
  if (rc == PSORSIM_OK) rc = psr_population_matcher(ctx, spec, &pop, r->seed, threads, &matcher);
  total = (long)n * (long)spec->n_arms;
  for (size_t a = 0; a < spec->n_arms && rc == PSORSIM_OK; a++) {
    rc = run_arm(ctx, spec, opt, runner, threads, a, r->seed, &matcher, n, &r->arms[a], &done,
                 total, &r->candidates_screened);
  }
  if (rc == PSORSIM_OK) rc = econ_summary(ctx, r); /* costs, QALYs, ICERs */
  if (rc != PSORSIM_OK) {
    psorsim_trial_result_free(&r);
    return rc;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  r->elapsed_s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  *out = r;
  return PSORSIM_OK;
}
