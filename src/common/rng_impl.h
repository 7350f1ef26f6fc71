/* src/common/rng_impl.h
 *
 * Counter-based random numbers for virtual patients (Random123 Philox4x64,
 * Salmon et al. 2011). An internal interface of common that every module may
 * include: the virtual population and the trial runner, the treated-patient
 * set-up (treatments) and the economics bootstrap draw from it. A stream is
 * named by (seed, arm, patient, stream kind); the k-th number of a stream
 * depends on nothing else, so results do not depend on thread or rank counts
 * or on the order patients are run in.
 */
#ifndef PSR_RNG_IMPL_H
#define PSR_RNG_IMPL_H

#include <stdint.h>

/* What a stream is used for: one kind per independent use, so adding draws
 * to one use never shifts the numbers of another. */
typedef enum {
  PSR_STREAM_COVARIATES = 1, /* weight, age, sex, disease duration, prior biologic */
  PSR_STREAM_DISEASE,        /* disease-model parameters (IIV) */
  PSR_STREAM_DRUG,           /* PK and potency IIV */
  PSR_STREAM_SAFETY,         /* adverse-event times */
  PSR_STREAM_MEASUREMENT,    /* PASI scoring noise at visits */
  PSR_STREAM_PLACEBO,        /* non-specific response */
  PSR_STREAM_SCREENING,      /* population matcher acceptance */
  PSR_STREAM_TRIGGERS,       /* chronic triggers of a candidate (stress reactor, strep carrier) */
  /* health-economics bootstrap resamples, keyed (seed, arm, tag): src/econ/econ_summary.c */
  PSR_STREAM_BOOTSTRAP = 0x45
} psr_stream_kind;

typedef struct psr_rng {
  uint64_t key[2]; /* (seed, arm) */
  uint64_t ctr[4]; /* (patient, stream, block, 0) */
  uint64_t out[4]; /* the current block of four 64-bit numbers */
  int used;        /* numbers of `out` consumed */
  int has_spare;   /* Box-Muller keeps its second normal */
  double spare;
} psr_rng;

/* Start the stream (seed, arm, patient, kind). */
void psr_rng_init(psr_rng *r, uint64_t seed, uint64_t arm, uint64_t patient, psr_stream_kind kind);

/* Next raw 64-bit number. */
uint64_t psr_rng_u64(psr_rng *r);

/* Uniform on the open interval (0, 1), 53 random bits. */
double psr_rng_uniform(psr_rng *r);

/* Standard normal (Box-Muller on two uniforms). */
double psr_rng_normal(psr_rng *r);

/* Log-normal multiplier with coefficient of variation cv: exp(omega z - omega^2/2)
 * has mean 1, with omega^2 = log(1 + cv^2). Returns 1 when cv <= 0. */
double psr_rng_lognormal_cv(psr_rng *r, double cv);

/* Log-normal factor exp(omega z) with median 1 (omega^2 = log(1 + cv^2));
 * always draws one normal, so streams stay aligned whatever cv is. */
double psr_rng_median_one(psr_rng *r, double cv);

/* Exponential waiting time with the given rate (1/time unit); INFINITY when rate <= 0. */
double psr_rng_exponential(psr_rng *r, double rate);

#endif /* PSR_RNG_IMPL_H */
