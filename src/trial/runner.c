/* src/trial/runner.c
 *
 * What every runner kind shares (runner.h): the choice of a kind by name or
 * thread count, the chunk buffers, and the fold of a chunk in patient order
 * with its error and progress reporting.
 */
#include <stdlib.h>
#include <string.h>

#include "common/context_impl.h"
#include "runner.h"

const psr_runner_type *psr_runner_find(const char *name, int threads)
{
  const psr_runner_type *const kinds[] = {psr_runner_serial, psr_runner_openmp};
  if (name == NULL) return threads == 1 ? psr_runner_serial : psr_runner_openmp;
  for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
    if (strcmp(kinds[k]->name, name) == 0) return kinds[k];
  return NULL;
}

int psr_runner_buffers(const psr_runner_job *job, int cap, psr_patient_out **outs,
                       psorsim_visit **visits)
{
  *outs = calloc((size_t)cap, sizeof(**outs));
  *visits = calloc((size_t)cap * (size_t)(job->n_visits > 0 ? job->n_visits : 1), sizeof(**visits));
  if (*outs == NULL || *visits == NULL) {
    free(*outs);
    free(*visits);
    *outs = NULL;
    *visits = NULL;
    return PSORSIM_ENOMEM;
  }
  return PSORSIM_OK;
}

void psr_runner_clear(const psr_runner_job *job, psr_patient_out *outs, psorsim_visit *visits,
                      int m)
{
  memset(outs, 0, (size_t)m * sizeof(*outs));
  memset(visits, 0, (size_t)m * (size_t)job->n_visits * sizeof(*visits));
  for (int i = 0; i < m; i++)
    outs[i].visits = visits + (size_t)i * job->n_visits;
}

int psr_runner_fold_chunk(psorsim_ctx *ctx, const psr_runner_job *job, const psr_patient_out *outs,
                          long first, int m)
{
  for (int i = 0; i < m; i++) {
    if (outs[i].status != PSORSIM_OK) {
      return psr_error_set(ctx, outs[i].status, __FILE__, __LINE__, __func__, "%s, patient %ld: %s",
                           job->label, first + i, outs[i].message);
    }
    PSR_TRY(job->fold(ctx, job->user, &outs[i]));
  }
  if (job->progress != NULL) job->progress(job->user, m);
  return PSORSIM_OK;
}
