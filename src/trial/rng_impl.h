/* src/trial/rng_impl.h
 *
 * The random streams moved to src/common/rng_impl.h (an internal interface
 * of common). This forward keeps src/econ/econ_summary.c building until it
 * includes the common header itself; delete it then.
 */
#ifndef PSR_TRIAL_RNG_FORWARD_H
#define PSR_TRIAL_RNG_FORWARD_H

#include "common/rng_impl.h"

#endif /* PSR_TRIAL_RNG_FORWARD_H */
