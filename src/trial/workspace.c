/* src/trial/workspace.c
 *
 * A thread workspace of the trial runner (psr_thread_ws, trial_impl.h): the
 * runner's worker. Each holds its own context, engine and buffers for one
 * arm's treated model, and the log of the last patient it simulated, so
 * threads share nothing they write.
 */
#include <stdlib.h>
#include <string.h>

#include "common/context_impl.h"
#include "trial_impl.h"

int psr_thread_ws_create(psorsim_ctx *ctx, const psr_arm_ctx *ac, psr_thread_ws **out)
{
  const psorsim_model *m = psorsim_treated_model_model(ac->tm);
  psr_thread_ws *ws = calloc(1, sizeof(*ws));
  int rc = PSORSIM_OK;
  *out = NULL;
  if (ws == NULL || psorsim_ctx_create(&ws->ctx) != PSORSIM_OK) {
    free(ws);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "thread context");
  }
  ws->base_p = calloc((size_t)psorsim_treated_model_base(ac->tm)->n_params, sizeof(double));
  ws->p_full = calloc((size_t)m->n_params, sizeof(double));
  ws->y_full = calloc((size_t)m->n_states, sizeof(double));
  ws->t_out = calloc((size_t)ac->n_visits, sizeof(double));
  ws->out = calloc((size_t)ac->n_visits * (size_t)(m->n_states + m->n_obs), sizeof(double));
  if (!ws->base_p || !ws->p_full || !ws->y_full || !ws->t_out || !ws->out) {
    rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__,
                       "allocating a thread workspace");
  } else if (psorsim_engine_create(ws->ctx, m, &ws->eng) != PSORSIM_OK) {
    rc = psr_error_set(ctx, psorsim_ctx_errcode(ws->ctx), __FILE__, __LINE__, __func__, "%s",
                       psorsim_ctx_errmsg(ws->ctx));
  }
  if (rc != PSORSIM_OK) {
    psr_thread_ws_free(&ws);
    return rc;
  }
  for (int w = 0; w < ac->n_visits; w++)
    ws->t_out[w] = 7.0 * w;
  psr_thread_ws_tolerances(ws->eng);
  *out = ws;
  return PSORSIM_OK;
}

void psr_thread_ws_free(psr_thread_ws **wsp)
{
  psr_thread_ws *ws;
  if (wsp == NULL || *wsp == NULL) return;
  ws = *wsp;
  psorsim_engine_free(&ws->eng);
  free(ws->base_p);
  free(ws->p_full);
  free(ws->y_full);
  free(ws->t_out);
  free(ws->out);
  psr_free(ws->ctx, ws->events);
  psr_free(ws->ctx, ws->doses);
  psr_free(ws->ctx, ws->dose_times);
  psorsim_ctx_free(&ws->ctx);
  free(ws);
  *wsp = NULL;
}
