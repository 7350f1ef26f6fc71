/* src/trial/patient_log.c
 *
 * The doses part of a patient's log (outcome.h): for every regimen entry of
 * the arm, in regimen order, the schedule's dose times over the trial
 * (psorsim_schedule_expand, the times the dosing events are built from)
 * that come before the patient's adverse-event dropout, each with its amount
 * in the entry's dose unit (mg/kg and cells/kg doses times the patient's
 * weight). Lifestyle entries give no doses. The log lives in the thread
 * workspace; its buffers grow as needed and are freed with the workspace.
 */
#include <math.h>

#include "common/context_impl.h"
#include "trial_impl.h"

/* The unit and amount of one dose of entry e for a patient of weight_kg. */
static void dose_amount(const psorsim_regimen_entry *e, double weight_kg, psorsim_dose_given *d)
{
  d->unit = PSORSIM_UNIT_NONE;
  d->amount = 1.0; /* a session, an application, a dose without an amount */
  if (e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY) return;
  if (e->kind == PSORSIM_TREATMENT_CELLS) {
    if (e->dose.unit == PSORSIM_UNIT_CELLS) d->unit = PSORSIM_UNIT_CELLS, d->amount = e->dose.value;
    if (e->dose.unit == PSORSIM_UNIT_CELLS_PER_KG)
      d->unit = PSORSIM_UNIT_CELLS, d->amount = e->dose.value * weight_kg;
    return;
  }
  if (e->dose.unit == PSORSIM_UNIT_MG) d->unit = PSORSIM_UNIT_MG, d->amount = e->dose.value;
  if (e->dose.unit == PSORSIM_UNIT_MG_PER_KG)
    d->unit = PSORSIM_UNIT_MG, d->amount = e->dose.value * weight_kg;
}

/* Make room for n doubles of dose times and n_doses + more doses. */
static int grow(psr_thread_ws *ws, size_t n_times, size_t n_doses)
{
  if (n_times > ws->dose_times_cap) {
    double *t = psr_malloc(ws->ctx, n_times * sizeof(double));
    if (t == NULL) PSR_FAIL(ws->ctx, PSORSIM_ENOMEM, "allocating %zu dose times", n_times);
    psr_free(ws->ctx, ws->dose_times);
    ws->dose_times = t;
    ws->dose_times_cap = n_times;
  }
  if (n_doses > ws->doses_cap) {
    const size_t cap = n_doses > 2 * ws->doses_cap ? n_doses : 2 * ws->doses_cap;
    psorsim_dose_given *d = psr_malloc(ws->ctx, cap * sizeof(*d));
    if (d == NULL) PSR_FAIL(ws->ctx, PSORSIM_ENOMEM, "allocating %zu logged doses", cap);
    for (size_t i = 0; i < ws->log.n_doses; i++)
      d[i] = ws->doses[i];
    psr_free(ws->ctx, ws->doses);
    ws->doses = d;
    ws->doses_cap = cap;
  }
  return PSORSIM_OK;
}

int psr_patient_log_doses(const psr_arm_ctx *ac, psr_thread_ws *ws, double weight_kg, double t_drop)
{
  const psorsim_trial_arm *arm = ac->arm;
  psorsim_patient_log *pl = &ws->log;
  pl->n_doses = 0;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    psorsim_dose_given d;
    size_t m = 0;
    if (e->kind == PSORSIM_TREATMENT_LIFESTYLE) continue;
    PSR_TRY(psorsim_schedule_expand(ws->ctx, &e->schedule, ac->spec->weeks, NULL, 0, &m));
    if (m == 0) continue;
    PSR_TRY(grow(ws, m, pl->n_doses + m));
    PSR_TRY(psorsim_schedule_expand(ws->ctx, &e->schedule, ac->spec->weeks, ws->dose_times, m, &m));
    dose_amount(e, weight_kg, &d);
    d.entry = (int)i;
    for (size_t k = 0; k < m; k++) {
      if (ws->dose_times[k] >= t_drop) continue; /* not given: dropped out before */
      d.t_day = ws->dose_times[k];
      ws->doses[pl->n_doses++] = d;
    }
  }
  pl->doses = ws->doses;
  return PSORSIM_OK;
}
