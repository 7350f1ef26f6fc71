/* src/trial/safety.h
 *
 * A patient's adverse events on its exposure clock (safety.c,
 * docs/trial-runner.md step 3): each treatment's adverse-event hazards act
 * only while the patient is exposed to it, and the events, the dropout and
 * the exposure go into the patient's log and record.
 */
#ifndef PSR_TRIAL_SAFETY_H
#define PSR_TRIAL_SAFETY_H

#include "trial_impl.h"

/* The index in tx (n_tx treatments, psorsim_regimen_treatments order) of
 * regimen entry e's library treatment (cells: the entry of its source), or -1. */
int psr_safety_entry_treatment(const psorsim_treatment *const *tx, int n_tx,
                               const psorsim_regimen_entry *e);

/* The arm's library treatments in psorsim_regimen_treatments order into tx
 * (room for PSORSIM_LOG_MAX_TREATMENTS); returns how many (at most that). */
int psr_safety_arm_treatments(const psorsim_trial_arm *arm,
                              const psorsim_treatment *tx[PSORSIM_LOG_MAX_TREATMENTS]);

/* Draw patient `id`'s adverse events over a trial of t_end days. ws->log.doses must hold every dose
 * of the arm's regimen without a dropout (psr_patient_log_doses with INFINITY). Fills ws->log's
 * aes, n_aes, drop_ae and t_drop_day and *ex (exposure per treatment, events per type, the dropout
 * and the regimen's per-protocol end). Every number comes from the patient's safety stream, so the
 * same patient always gets the same events. PSORSIM_OK, or a schedule's error with the message in
 * ws->ctx. */
int psr_safety_draw(const psr_arm_ctx *ac, psr_thread_ws *ws, long id, double t_end,
                    psorsim_patient_exposure *ex);

#endif /* PSR_TRIAL_SAFETY_H */
