/* src/common/stats_impl.h
 *
 * Internal statistics helpers (src/common/stats.c), a declared internal
 * interface of the common layer: the trial runner, the health economics and
 * the calibration use them. NaN entries stand for missing values and are
 * skipped.
 */
#ifndef PSR_STATS_IMPL_H
#define PSR_STATS_IMPL_H

/* Mean of the finite entries and its 95 % Student-t interval (NaN bounds for fewer than 2). */
void psr_mean_t95(const double *x, int n, double *mean, double *lo, double *hi);

/* Student-t 97.5 % quantile with df degrees of freedom. */
double psr_t975(double df);

/* Copy the non-NaN entries of x into scratch (n entries of room; scratch may
 * be x itself), sort ascending, return their count. */
int psr_sort_finite(const double *x, int n, double *scratch);

/* Quantile q in [0,1] of k sorted values (linear interpolation, type 7); NaN when k == 0. */
double psr_quantile_sorted(const double *sorted, int k, double q);

/* Median of the non-NaN entries of x (scratch: n entries). */
double psr_median(const double *x, int n, double *scratch);

#endif /* PSR_STATS_IMPL_H */
