/* src/trial/runner_serial.c
 *
 * The serial runner (runner.h): one worker on the caller's thread computes
 * the patients in order, a chunk at a time, and each chunk is folded before
 * the next is computed. The reference the other runners must match.
 */
#include <stdlib.h>

#include "common/context_impl.h"
#include "runner.h"

static int serial_run(psorsim_ctx *ctx, const psr_runner_job *job, long first, long end,
                      int threads)
{
  psr_patient_out *outs = NULL;
  psorsim_visit *visits = NULL;
  void *worker = NULL;
  int rc;
  (void)threads; /* one worker, whatever was asked */
  if (psr_runner_buffers(job, PSR_RUNNER_CHUNK, &outs, &visits) != PSORSIM_OK)
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: allocating the runner's buffers", job->label);
  rc = job->worker_create(ctx, job->user, &worker);
  for (long start = first; start < end && rc == PSORSIM_OK; start += PSR_RUNNER_CHUNK) {
    const int m = end - start < PSR_RUNNER_CHUNK ? (int)(end - start) : PSR_RUNNER_CHUNK;
    psr_runner_clear(job, outs, visits, m);
    for (int i = 0; i < m; i++)
      job->patient(job->user, worker, start + i, &outs[i]);
    rc = psr_runner_fold_chunk(ctx, job, outs, start, m);
  }
  job->worker_free(job->user, &worker);
  free(outs);
  free(visits);
  return rc;
}

static const psr_runner_type serial_type = {"serial", serial_run};
const psr_runner_type *const psr_runner_serial = &serial_type;
