/* src/models/models_impl.h
 *
 * The built-in model tables, each defined in its own file under src/models/
 * and listed in registry.c. The engine's reference problems (logistic,
 * robertson, diffusion) are test support, in tests/support/psr_test_models.c.
 */
#ifndef PSR_MODELS_IMPL_H
#define PSR_MODELS_IMPL_H

#include <psorsim/model.h>

extern const psorsim_model psr_model_pk1; /* pk_models.c: one compartment, first-order absorption */
extern const psorsim_model
    psr_model_pk2; /* pk_models.c: two compartments, first-order absorption */
extern const psorsim_model psr_model_psoriasis; /* psoriasis_params.c: disease model */

#endif /* PSR_MODELS_IMPL_H */
