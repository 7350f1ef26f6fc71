/* src/models/models_impl.h
 *
 * The built-in model tables, each defined in its own file under src/models/
 * and listed in registry.c.
 */
#ifndef PSR_MODELS_IMPL_H
#define PSR_MODELS_IMPL_H

#include <psorsim/model.h>

extern const psorsim_model psr_model_pk1; /* pk_models.c: one compartment, first-order absorption */
extern const psorsim_model
    psr_model_pk2; /* pk_models.c: two compartments, first-order absorption */
extern const psorsim_model psr_model_logistic;  /* test_models.c: logistic growth */
extern const psorsim_model psr_model_robertson; /* test_models.c: Robertson stiff kinetics */
extern const psorsim_model psr_model_diffusion; /* test_models.c: sparse 1-D diffusion chain */
extern const psorsim_model psr_model_psoriasis; /* psoriasis_params.c: disease model */

#endif /* PSR_MODELS_IMPL_H */
