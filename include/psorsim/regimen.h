/* include/psorsim/regimen.h
 *
 * From an arm's regimen (trial_spec.h) to what the engine needs: which
 * library treatments the arm uses (to build its treated model), and, for one
 * virtual patient, the time-ordered list of engine events: drug doses into
 * depot or central compartments (bioavailability, lag and mg/kg applied),
 * topical applications into the skin depot, UVB sessions as 1-day pulses of
 * the apoptosis input with the dose escalated session by session, and
 * lifestyle changes as parameter switches. Callers pass the event buffer
 * and may ask for the count first (cap 0).
 */
#ifndef PSORSIM_REGIMEN_H
#define PSORSIM_REGIMEN_H

#include <stddef.h>

#include <psorsim/context.h>
#include <psorsim/engine.h>
#include <psorsim/treated_model.h>
#include <psorsim/treatment.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a patient's dosing depends on. */
typedef struct psorsim_dosing_patient {
  double weight_kg;  /* body weight, kg (mg/kg doses, PK allometry) */
  double med_mj_cm2; /* NB-UVB minimal erythema dose, mJ/cm2 (for "% MED" doses) */
} psorsim_dosing_patient;

/* Default NB-UVB session effect window, days (Shmarov 2022: a_time = 1 day). */
#define PSORSIM_UVB_PULSE_DAYS 1.0
/* Default NB-UVB maximum session dose when the regimen gives none, mJ/cm2
 * (AAD skin types III-IV maximum, Menter 2010; docs/treatments.md). */
#define PSORSIM_UVB_DEFAULT_MAX_MJ_CM2 3000.0

/* Photoadaptation over a course of UV sessions (docs/treatments.md, NB-UVB):
 * recent exposure E is the sum of earlier session doses, each decayed as
 * exp(-elapsed / tau_days); a session of dose D acts as D / (1 + per_j E).
 * Start with {0, 0} and call psorsim_uv_adapt_session for the sessions in
 * time order. With per_j = 0 every session acts at its full dose. */
typedef struct psorsim_uv_adapt {
  double exposure_j; /* recent exposure E, J/cm2, just after the last session */
  double t_day;      /* time of the last session, day */
} psorsim_uv_adapt;

/* The effective dose (J/cm2) of a session of dose_j_cm2 at t_day, then add
 * the session to the exposure. */
PSORSIM_EXPORT double psorsim_uv_adapt_session(psorsim_uv_adapt *a, double t_day, double dose_j_cm2,
                                               double per_j, double tau_days);

/* The distinct library treatments of an arm, in order of first appearance,
 * written to tx (capacity cap); *n gets the full count even when it exceeds
 * cap, so a caller may ask with cap 0 first. Lifestyle entries count (they
 * switch disease-model parameters); a `cells:` entry counts as the library
 * entry of its source (msc_umbilical_cord, ...). PSORSIM_EINPUT, naming the
 * file and line, when a name is not in the library. */
PSORSIM_EXPORT int psorsim_regimen_treatments(psorsim_ctx *ctx, const psorsim_trial_arm *arm,
                                              const char *source, const psorsim_treatment **tx,
                                              int cap, int *n);

/* Check every dose of an arm against the library (route, unit, plausible
 * range, in the drug's own dose unit). PSORSIM_OK, or PSORSIM_EINPUT /
 * PSORSIM_EUNIT with "file:line: drug: ..." in the message. */
PSORSIM_EXPORT int psorsim_regimen_validate(psorsim_ctx *ctx, const psorsim_trial_arm *arm,
                                            const char *source);

/* The events of one patient on arm `arm` over `trial_weeks` weeks, for the
 * treated model `tm` (built from psorsim_regimen_treatments of the same arm)
 * and the patient's composite parameter vector p. Writes at most cap events
 * (time-ordered, ties in regimen order, switch-offs before switch-ons) and
 * stores the full count in *n. PSORSIM_EINVAL when a treatment of the arm
 * is not in tm; PSORSIM_ENOMEM for the schedule scratch. */
PSORSIM_EXPORT int psorsim_regimen_events(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                                          const psorsim_trial_arm *arm, const double *p,
                                          const psorsim_dosing_patient *pt, double trial_weeks,
                                          psorsim_event *events, size_t cap, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_REGIMEN_H */
