/* src/trial/km.c
 *
 * Kaplan-Meier median with a 95 % confidence interval (km.h). At each
 * distinct event time t_j with d_j events among n_j at risk, the curve is
 * S = prod (1 - d_j / n_j) and Greenwood's variance of log S is
 * V = sum d_j / (n_j (n_j - d_j)). On the log(-log) scale the pointwise 95 %
 * interval of S(t) is S^exp(+-z sqrt(V) / |log S|) (Kalbfleisch and Prentice
 * 1980). Brookmeyer and Crowley (1982, Biometrics 38:29) take as interval of
 * the median the times whose pointwise interval holds 0.5: the lower end is
 * the first event time where the lower pointwise limit is at or below 0.5,
 * the upper end the first where the upper limit is (the same rule as R's
 * survival::quantile.survfit with conf.type = "log-log"). Where the curve
 * reaches 0 Greenwood's variance is undefined: the lower limit is taken as 0
 * and the upper one as not crossing (R gives no limit there). Ties: events
 * before censorings at the same time.
 */
#include <math.h>
#include <stdlib.h>

#include "km.h"

#define Z95  1.959963984540054 /* standard-normal 97.5 % quantile */
#define HALF (0.5 + 1e-12)     /* "at or below 0.5", against rounding */

typedef struct km_item {
  double t;
  int censored;
} km_item;

static int cmp_item(const void *a, const void *b)
{
  const km_item *x = a, *y = b;
  if (x->t != y->t) return (x->t > y->t) - (x->t < y->t);
  return (x->censored != 0) - (y->censored != 0); /* events first */
}

void psr_km_estimate(const double *t, const int *censored, int n, double *scratch,
                     psr_km_result *out)
{
  km_item *items = (km_item *)scratch; /* 2n doubles hold n items */
  int k = 0, at_risk;
  double surv = 1.0, greenwood = 0.0;
  out->median = out->lo = out->hi = NAN;
  out->events = 0;
  for (int i = 0; i < n; i++) {
    if (isnan(t[i])) continue;
    items[k].t = t[i];
    items[k].censored = censored[i] != 0;
    out->events += censored[i] == 0;
    k++;
  }
  out->n = k;
  qsort(items, (size_t)k, sizeof(km_item), cmp_item);
  at_risk = k;
  for (int i = 0; i < k && isnan(out->hi);) {
    int deaths = 0, leaving = 0, j = i;
    while (j < k && items[j].t == items[i].t) {
      deaths += !items[j].censored;
      leaving++;
      j++;
    }
    if (deaths > 0) {
      double s_lo = 0.0, s_hi = 1.0; /* where the curve reaches 0 the interval is undefined:
                                        the lower limit is 0, the upper one does not cross */
      surv *= 1.0 - (double)deaths / at_risk;
      if (deaths < at_risk && surv > 0.0) {
        greenwood += (double)deaths / ((double)at_risk * (at_risk - deaths));
        {
          const double w = Z95 * sqrt(greenwood) / fabs(log(surv));
          s_lo = pow(surv, exp(w));
          s_hi = pow(surv, exp(-w));
        }
      }
      if (isnan(out->median) && surv <= HALF) out->median = items[i].t;
      if (isnan(out->lo) && s_lo <= HALF) out->lo = items[i].t;
      if (isnan(out->hi) && s_hi <= HALF) out->hi = items[i].t;
    }
    at_risk -= leaving;
    i = j;
  }
}
