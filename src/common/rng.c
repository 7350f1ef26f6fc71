/* src/common/rng.c
 *
 * Philox4x64-10 streams for virtual patients; see rng_impl.h.
 */
#include <math.h>

#include <Random123/philox.h>

#include "rng_impl.h"

#define PSR_TWO_PI 6.283185307179586476925286766559

void psr_rng_init(psr_rng *r, uint64_t seed, uint64_t arm, uint64_t patient, psr_stream_kind kind)
{
  r->key[0] = seed;
  r->key[1] = arm;
  r->ctr[0] = patient;
  r->ctr[1] = (uint64_t)kind;
  r->ctr[2] = 0;
  r->ctr[3] = 0;
  r->used = 4;
  r->has_spare = 0;
  r->spare = 0.0;
}

uint64_t psr_rng_u64(psr_rng *r)
{
  if (r->used == 4) {
    philox4x64_ctr_t c = {{r->ctr[0], r->ctr[1], r->ctr[2], r->ctr[3]}};
    philox4x64_key_t k = {{r->key[0], r->key[1]}};
    philox4x64_ctr_t o = philox4x64(c, k);
    for (int i = 0; i < 4; i++)
      r->out[i] = o.v[i];
    r->ctr[2]++;
    r->used = 0;
  }
  return r->out[r->used++];
}

double psr_rng_uniform(psr_rng *r)
{
  /* (k + 0.5) / 2^53 with k uniform on [0, 2^53): never 0, never 1 */
  return ((double)(psr_rng_u64(r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double psr_rng_normal(psr_rng *r)
{
  double u1, u2, rad;
  if (r->has_spare) {
    r->has_spare = 0;
    return r->spare;
  }
  u1 = psr_rng_uniform(r);
  u2 = psr_rng_uniform(r);
  rad = sqrt(-2.0 * log(u1));
  r->spare = rad * sin(PSR_TWO_PI * u2);
  r->has_spare = 1;
  return rad * cos(PSR_TWO_PI * u2);
}

double psr_rng_lognormal_cv(psr_rng *r, double cv)
{
  double omega;
  if (cv <= 0.0) return 1.0;
  omega = sqrt(log(1.0 + cv * cv));
  return exp(omega * psr_rng_normal(r) - 0.5 * omega * omega);
}

double psr_rng_median_one(psr_rng *r, double cv)
{
  return exp(sqrt(log(1.0 + cv * cv)) * psr_rng_normal(r));
}

double psr_rng_exponential(psr_rng *r, double rate)
{
  if (rate <= 0.0) return INFINITY;
  return -log(psr_rng_uniform(r)) / rate;
}
