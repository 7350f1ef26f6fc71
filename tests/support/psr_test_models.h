/* tests/support/psr_test_models.h
 *
 * The engine's reference problems (tests/support/psr_test_models.c): static
 * tables with known answers, compiled into every test binary and not part
 * of the library or its registry. A test passes them to the engine directly,
 * or registers one (psorsim_model_register) to reach it by name, and
 * unregisters it before it ends.
 */
#ifndef PSR_TEST_MODELS_H
#define PSR_TEST_MODELS_H

#include <psorsim/model.h>

/* dN/dt = r N (1 - N/K): closed form N(t) = K / (1 + (K/N0 - 1) e^{-rt}). */
extern const psorsim_model psr_test_model_logistic;
/* The stiff Robertson kinetics of SUNDIALS' cvRoberts_dns example. */
extern const psorsim_model psr_test_model_robertson;
/* A 200-cell diffusion chain with first-order loss: a large sparse problem for KLU. */
extern const psorsim_model psr_test_model_diffusion;

#endif /* PSR_TEST_MODELS_H */
