/* src/treatments/response_covariates_impl.h
 *
 * Private glue of the response covariates (response_covariates.c) for the
 * treated-patient set-up (treated_patient.c).
 */
#ifndef PSR_RESPONSE_COVARIATES_IMPL_H
#define PSR_RESPONSE_COVARIATES_IMPL_H

#include <psorsim/treated_patient.h>

/* Set pt's response covariates to the reference patient's values. */
void psr_response_covariates_reference(psorsim_treated_patient *pt);

#endif /* PSR_RESPONSE_COVARIATES_IMPL_H */
