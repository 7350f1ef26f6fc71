/* src/treatments/treatment_washout.c
 *
 * How long a treatment's adverse-event hazards last after its last dose
 * (psorsim_treatment_ae_washout_days, treatment.h). The rule and every
 * library value with its source are in docs/treatments.md ("Adverse events"):
 * an entry's own ae_washout_days when set; otherwise five terminal
 * half-lives of a systemic drug (the time to eliminate ~97 % of it, the
 * usual label rule for a washout), the published half-life when the library
 * has one, else the PK model's own; the session day for phototherapy; none
 * for topicals, lifestyle changes and the placebo response. Static data
 * only: thread-safe.
 */
#include <math.h>

#include <psorsim/treatment.h>

#define WASHOUT_HALF_LIVES   5.0 /* ~97 % eliminated */
#define WASHOUT_SESSION_DAYS 1.0 /* phototherapy: the session's day */

/* The terminal half-life of a systemic PK model, days: the slowest of
 * absorption and the disposition's terminal rate (two compartments: the
 * smaller eigenvalue of the micro-constants); 0 when the model has none. */
static double model_half_life(const psorsim_pk_spec *pk)
{
  double k10, rate;
  if (!(pk->cl_l_day > 0) || !(pk->v1_l > 0)) return 0.0;
  k10 = pk->cl_l_day / pk->v1_l;
  rate = k10;
  if (pk->n_cmt == 2 && pk->q_l_day > 0 && pk->v2_l > 0) {
    const double k12 = pk->q_l_day / pk->v1_l, k21 = pk->q_l_day / pk->v2_l;
    const double s = k10 + k12 + k21;
    rate = 0.5 * (s - sqrt(s * s - 4.0 * k10 * k21));
  }
  if (pk->ka_per_day > 0 && pk->ka_per_day < rate) rate = pk->ka_per_day; /* flip-flop */
  return rate > 0 ? log(2.0) / rate : 0.0;
}

double psorsim_treatment_ae_washout_days(const psorsim_treatment *tx)
{
  if (tx == NULL) return 0.0;
  if (tx->ae_washout_days > 0) return tx->ae_washout_days;
  switch (tx->cls) {
  case PSORSIM_TX_PHOTOTHERAPY:
    return WASHOUT_SESSION_DAYS;
  case PSORSIM_TX_TOPICAL:
  case PSORSIM_TX_LIFESTYLE:
  case PSORSIM_TX_PLACEBO:
    return 0.0;
  default:
    break;
  }
  if (tx->pk.kind != PSORSIM_PK_SYSTEMIC) return 0.0;
  if (tx->pk.t_half_ref_day > 0) return WASHOUT_HALF_LIVES * tx->pk.t_half_ref_day;
  return WASHOUT_HALF_LIVES * model_half_life(&tx->pk);
}
