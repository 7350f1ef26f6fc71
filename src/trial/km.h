/* src/trial/km.h
 *
 * The Kaplan-Meier median of a time-to-event endpoint with its 95 %
 * confidence interval (km.c): Brookmeyer and Crowley (1982), inverting the
 * pointwise interval of the survival curve on the log(-log) scale with
 * Greenwood's variance.
 */
#ifndef PSR_TRIAL_KM_H
#define PSR_TRIAL_KM_H

/* A Kaplan-Meier median and what it rests on. */
typedef struct psr_km_result {
  double median; /* first time the curve is at or below 0.5; NaN when it never is */
  double lo, hi; /* 95 % interval (NaN: not reached within the follow-up) */
  int n;         /* subjects (times that are not NaN) */
  int events;    /* events among them */
} psr_km_result;

/* The method of the interval, as the outputs state it. */
#define PSR_KM_CI_METHOD                                                                           \
  "Brookmeyer-Crowley: the times where the 95 % log(-log) pointwise interval of the "              \
  "Kaplan-Meier curve (Greenwood variance) crosses 0.5"

/* Kaplan-Meier median of t[0..n) (NaN entries do not enter; censored[i]
 * nonzero for a censored time) with its interval into *out. scratch: 2n
 * doubles. */
void psr_km_estimate(const double *t, const int *censored, int n, double *scratch,
                     psr_km_result *out);

#endif /* PSR_TRIAL_KM_H */
