/* src/common/stats.c
 *
 * Statistics helpers shared by the trial runner, the health economics and
 * the calibration (common/stats_impl.h): Student-t intervals for means
 * (quantiles from GSL) and sample percentiles (type 7, the R and NumPy
 * default). Wilson intervals for proportions are public and live with the
 * trial endpoints (src/trial/endpoints.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "stats_impl.h"

void psr_mean_t95(const double *x, int n, double *mean, double *lo, double *hi)
{
  double s = 0.0, ss = 0.0, m, sd, t;
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (isnan(x[i])) continue;
    s += x[i];
    k++;
  }
  if (k == 0) {
    *mean = *lo = *hi = NAN;
    return;
  }
  m = s / k;
  *mean = m;
  if (k < 2) {
    *lo = *hi = NAN;
    return;
  }
  for (int i = 0; i < n; i++) {
    if (!isnan(x[i])) ss += (x[i] - m) * (x[i] - m);
  }
  sd = sqrt(ss / (k - 1));
  t = psr_t975((double)(k - 1));
  *lo = m - t * sd / sqrt((double)k);
  *hi = m + t * sd / sqrt((double)k);
}

double psr_t975(double df)
{
  return gsl_cdf_tdist_Pinv(0.975, df);
}

static int cmp_double(const void *a, const void *b)
{
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int psr_sort_finite(const double *x, int n, double *scratch)
{
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (!isnan(x[i])) scratch[k++] = x[i];
  }
  qsort(scratch, (size_t)k, sizeof(double), cmp_double);
  return k;
}

double psr_quantile_sorted(const double *sorted, int k, double q)
{
  double h, lo;
  int i;
  if (k <= 0) return NAN;
  if (k == 1) return sorted[0];
  h = (k - 1) * q;
  i = (int)floor(h);
  if (i >= k - 1) return sorted[k - 1];
  lo = sorted[i];
  return lo + (h - i) * (sorted[i + 1] - lo);
}

double psr_median(const double *x, int n, double *scratch)
{
  int k = psr_sort_finite(x, n, scratch);
  return psr_quantile_sorted(scratch, k, 0.5);
}
