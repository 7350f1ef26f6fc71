/* src/trial/runner_openmp.c
 *
 * The OpenMP runner (runner.h): a worker per thread; patients run in chunks
 * of PSR_RUNNER_CHUNK, inside a chunk in parallel (dynamic schedule), each
 * writing only its own output slot; after the chunk the outputs are folded
 * on the calling thread in patient order, so the result does not depend on
 * the number of threads or on which thread ran which patient.
 */
#include <stdlib.h>

#include <omp.h>

#include "common/context_impl.h"
#include "runner.h"

int psr_runner_default_threads(void)
{
  return omp_get_max_threads();
}

static int openmp_run(psorsim_ctx *ctx, const psr_runner_job *job, long first, long end,
                      int threads)
{
  psr_patient_out *outs = NULL;
  psorsim_visit *visits = NULL;
  void **workers;
  int rc = PSORSIM_OK;

  if (threads < 1) threads = psr_runner_default_threads();
  workers = calloc((size_t)threads, sizeof(*workers));
  if (workers == NULL || psr_runner_buffers(job, PSR_RUNNER_CHUNK, &outs, &visits) != PSORSIM_OK) {
    free(workers);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: allocating the runner's buffers", job->label);
  }
  for (int t = 0; t < threads && rc == PSORSIM_OK; t++)
    rc = job->worker_create(ctx, job->user, &workers[t]);
  for (long start = first; start < end && rc == PSORSIM_OK; start += PSR_RUNNER_CHUNK) {
    const int m = end - start < PSR_RUNNER_CHUNK ? (int)(end - start) : PSR_RUNNER_CHUNK;
    psr_runner_clear(job, outs, visits, m);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 2)
    for (int i = 0; i < m; i++)
      job->patient(job->user, workers[omp_get_thread_num()], start + i, &outs[i]);
    rc = psr_runner_fold_chunk(ctx, job, outs, start, m);
  }
  for (int t = 0; t < threads; t++)
    job->worker_free(job->user, &workers[t]);
  free(workers);
  free(outs);
  free(visits);
  return rc;
}

static const psr_runner_type openmp_type = {"openmp", openmp_run};
const psr_runner_type *const psr_runner_openmp = &openmp_type;
