/* src/trial/endpoints.c
 *
 * Endpoints of one patient as trial-format.md defines them: PASI50/75/90/100
 * and IGA 0/1 and DLQI 0/1 responders (dropouts count as non-responders),
 * mean percent PASI improvement (last observation carried forward after a
 * dropout), and time to relapse (loss of half the best improvement after the
 * last dose, among patients who stopped per protocol and had reached PASI75;
 * an adverse-event dropout is censored at the dropout), summarised by a
 * Kaplan-Meier median (km.c); and the Wilson score interval of a responder rate
 * (Wilson 1927; Newcombe 1998, method 3).
 */
#include <math.h>

#include "trial_impl.h"

#define Z95 1.959963984540054 /* standard-normal 97.5 % quantile */

static double improvement(double base, double pasi)
{
  return base > 0 ? 100.0 * (base - pasi) / base : 0.0;
}

static int visit_of(double week, int n_visits)
{
  int w = (int)lround(week);
  return w < 0 ? 0 : w >= n_visits ? n_visits - 1 : w;
}

double psr_endpoint_patient(const psorsim_endpoint *e, const psorsim_patient_record *rec,
                            const psorsim_visit *v, int n_visits, int *censored)
{
  const double base = rec->baseline_pasi, last_dose_week = rec->last_dose_week;
  int w;
  *censored = 0;
  if (rec->failed) return NAN;
  if (e->kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) {
    /* Only patients who stopped per protocol (the arm's whole regimen ends before the end of
     * the trial) enter, from their last dose; an adverse-event dropout is censored there. */
    const double t_drop = rec->exposure.dropout_day;
    double best = -INFINITY;
    int w_last;
    if (!isfinite(rec->exposure.regimen_end_day) || !isfinite(last_dose_week)) return NAN;
    w_last = (int)floor(last_dose_week + 1e-9);
    for (int i = 0; i <= w_last && i < n_visits; i++)
      best = fmax(best, improvement(base, v[i].pasi));
    if (best < 75.0) return NAN; /* only patients who reached PASI75 */
    for (int i = w_last + 1; i < n_visits && 7.0 * i < t_drop; i++) {
      if (improvement(base, v[i].pasi) < 0.5 * best) return i - last_dose_week;
    }
    if (isfinite(t_drop) && t_drop < 7.0 * (n_visits - 1)) {
      *censored = 2; /* at the adverse-event dropout */
      return fmax(0.0, t_drop / 7.0 - last_dose_week);
    }
    *censored = 1;
    return (n_visits - 1) - last_dose_week;
  }
  w = visit_of(e->week, n_visits);
  if (e->kind == PSORSIM_ENDPOINT_PASI_CHANGE) {
    while (w > 0 && !v[w].on_study)
      w--; /* last observation carried forward */
    return improvement(base, v[w].pasi);
  }
  if (!v[w].on_study) return 0.0;
  switch (e->kind) {
  case PSORSIM_ENDPOINT_PASI_RESPONSE:
    return improvement(base, v[w].pasi) >= e->threshold - 1e-9 ? 1.0 : 0.0;
  case PSORSIM_ENDPOINT_IGA01:
    return lround(v[w].iga) <= 1 ? 1.0 : 0.0;
  case PSORSIM_ENDPOINT_DLQI01:
    return lround(v[w].dlqi) <= 1 ? 1.0 : 0.0;
  default:
    return NAN;
  }
}

void psorsim_wilson95(long k, long n, double *lo_pct, double *hi_pct)
{
  double p, z2, denom, centre, half;
  if (n <= 0) {
    *lo_pct = NAN;
    *hi_pct = NAN;
    return;
  }
  p = (double)k / (double)n;
  z2 = Z95 * Z95;
  denom = 1.0 + z2 / n;
  centre = (p + z2 / (2.0 * n)) / denom;
  half = Z95 * sqrt(p * (1.0 - p) / n + z2 / (4.0 * (double)n * n)) / denom;
  /* exact ends at k = 0 and k = n (the formula leaves rounding residue there) */
  *lo_pct = k <= 0 ? 0.0 : 100.0 * fmax(0.0, centre - half);
  *hi_pct = k >= n ? 100.0 : 100.0 * fmin(1.0, centre + half);
}
