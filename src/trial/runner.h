/* src/trial/runner.h
 *
 * The runner interface of the trial (internal): how "patient i -> output"
 * is computed for a range of patients and handed, in patient order, to a
 * fold. A runner kind is a const table with a name and a run function, like
 * a GSL stepper type: psr_runner_serial (one worker, the caller's thread),
 * psr_runner_openmp (a worker per OpenMP thread, patients in chunks). An MPI
 * runner would plug in as one more kind that computes patients on every rank
 * and gathers the outputs to rank 0 in patient order.
 *
 * The job (below) says how to make a worker (the thread workspace), how to
 * compute one patient on a worker, and what to do with each output. The
 * outputs are fixed-size and hold no pointers except `visits`, which points
 * into the runner's own buffer (job->n_visits entries), so they can be
 * copied between threads or processes. Because each patient's random
 * numbers depend only on (seed, arm, patient) and the fold sees patients in
 * patient order, every runner gives byte-identical results.
 */
#ifndef PSR_RUNNER_H
#define PSR_RUNNER_H

#include <psorsim/economics.h>
#include <psorsim/engine.h>
#include <psorsim/trial.h>

#define PSR_RUNNER_MSG   512 /* room for a patient's error message */
#define PSR_RUNNER_CHUNK 256 /* patients computed between two folds */

/* What one patient gives the fold. */
typedef struct psr_patient_out {
  int status;                       /* PSORSIM_OK, or the trial's error (not a solver failure) */
  char message[PSR_RUNNER_MSG];     /* its message when status != PSORSIM_OK */
  psorsim_patient_record rec;       /* the record (a solver failure is rec.failed) */
  psorsim_econ_patient_result econ; /* costs and QALYs; counted 0 without economics */
  psorsim_solver_stats stats;       /* solver statistics of the patient (with a retry) */
  psorsim_visit *visits;            /* job->n_visits weekly visits (the runner's buffer) */
} psr_patient_out;

/* A runner's work: everything is borrowed for the duration of the run. */
typedef struct psr_runner_job {
  const char *label; /* names the work in errors: "arm 'placebo'" */
  int n_visits;      /* visits per patient */
  void *user;        /* passed to every callback */
  /* Make a worker (one per thread of the runner) into *worker: PSORSIM_OK or
   * an error with the message in ctx. */
  int (*worker_create)(psorsim_ctx *ctx, void *user, void **worker);
  void (*worker_free)(void *user, void **worker); /* accepts NULL and a pointer to NULL */
  /* Compute patient `id` on a worker into *out (out->visits set by the
   * runner); a problem of the trial goes into out->status and out->message.
   * Called concurrently on different workers. */
  void (*patient)(void *user, void *worker, long id, psr_patient_out *out);
  /* Take one output, called on the caller's thread in patient order, only for
   * outputs with status PSORSIM_OK. PSORSIM_OK, or an error (message in ctx)
   * that stops the run. */
  int (*fold)(psorsim_ctx *ctx, void *user, const psr_patient_out *out);
  /* After each chunk is folded: how many patients it held. May be NULL. */
  void (*progress)(void *user, long folded);
} psr_runner_job;

/* A runner kind. */
typedef struct psr_runner_type {
  const char *name; /* "serial", "openmp" */
  /* Compute patients first..end-1 with `threads` workers (a kind may use
   * fewer) and fold them in patient order. PSORSIM_OK; the first error of a
   * patient, in patient order, as "LABEL, patient ID: message"; the fold's
   * error; or PSORSIM_ENOMEM. */
  int (*run)(psorsim_ctx *ctx, const psr_runner_job *job, long first, long end, int threads);
} psr_runner_type;

extern const psr_runner_type *const psr_runner_serial;
extern const psr_runner_type *const psr_runner_openmp;

/* The kind called `name`, or, for NULL, serial for one thread and openmp
 * otherwise; NULL for an unknown name. */
const psr_runner_type *psr_runner_find(const char *name, int threads);

/* Threads the OpenMP runner uses by default (all available). */
int psr_runner_default_threads(void);

/* For the runner kinds (runner.c): the buffers of one chunk, cap outputs
 * with job->n_visits visits each (free both with free()); PSORSIM_ENOMEM. */
int psr_runner_buffers(const psr_runner_job *job, int cap, psr_patient_out **outs,
                       psorsim_visit **visits);

/* For the runner kinds: prepare outs[i] for patient first + i (zeroed, visits
 * set), i < m. */
void psr_runner_clear(const psr_runner_job *job, psr_patient_out *outs, psorsim_visit *visits,
                      int m);

/* For the runner kinds: fold outputs 0..m-1 of patients first.. in order,
 * stopping at the first error (a patient's status or the fold's), then
 * report progress. */
int psr_runner_fold_chunk(psorsim_ctx *ctx, const psr_runner_job *job, const psr_patient_out *outs,
                          long first, int m);

#endif /* PSR_RUNNER_H */
