/* src/treatments/response_covariates.c
 *
 * Response covariates beyond PK (include/psorsim/treated_patient.h): prior
 * biologic exposure, age, a disease duration of 2 years or less and BMI move
 * the patient's potency, every non-UVB effect's ec50 times
 * exp(sum_k beta_k (x_k - reference_k)). Weight already acts through each
 * drug's PK (CL and V scale with weight); the BMI term is what the PK
 * leaves of the published odds ratios (small: see its source). The references are the
 * default virtual population's values (src/trial/trial_impl.h), so its
 * typical patient keeps the fitted potencies. Each beta was chosen so that
 * the simulated odds ratio of the published endpoint, on a standard
 * population on guselkumab 100 mg, reproduces the published odds ratio;
 * docs/treatments.md gives the runs and the odds ratios they give.
 */
#include <math.h>

#include <psorsim/treated_patient.h>

#include "response_covariates_impl.h"

/* Reference patient (the default population, docs/trial-runner.md): age 45 years, disease
 * duration 18 years (so not 2 years or less), prior biologic fraction 0.30, BMI 30.0 kg/m2
 * (derived: mean weight 88 kg x E[1/height^2] 0.3405 m^-2 of the default heights, 70 % men
 * 1.76 +- 0.07 m and 30 % women 1.63 +- 0.065 m). */
#define REF_AGE_YEARS       45.0
#define REF_DISEASE_YEARS   18.0
#define REF_PRIOR_BIOLOGIC  0.30
#define REF_BMI             30.0
#define SHORT_DISEASE_YEARS 2.0

static const psorsim_response_covariate table[PSORSIM_RESPONSE_COVARIATE_COUNT] = {
    [PSORSIM_RESPONSE_PRIOR_BIOLOGIC] = {"prior_biologic", "0/1", REF_PRIOR_BIOLOGIC, 0.0, -0.33,
                                         0.47,
                                         "GUIDE (guselkumab, 880 patients): OR 0.47 (0.28-0.78) "
                                         "of PASI 0 at weeks 20 and 28 for prior biologics"},
    [PSORSIM_RESPONSE_AGE] = {"age", "years", REF_AGE_YEARS, 0.0, -0.0089, 0.98,
                              "GUIDE: OR 0.98 (0.97-0.99) per year of age, PASI 0 at weeks 20 "
                              "and 28; US registry on ustekinumab 0.981 (0.962-0.999)"},
    [PSORSIM_RESPONSE_SHORT_DISEASE] = {"disease_2y_or_less", "0/1", 0.0, 0.0, 0.20, 1.58,
                                        "GUIDE: OR 1.58 (1.16-2.14) for a disease duration of 2 "
                                        "years or less, PASI 0 at weeks 20 and 28"},
    [PSORSIM_RESPONSE_BMI] = {"bmi", "kg/m2", REF_BMI, 0.004, 0.0, 0.95,
                              "GUIDE: OR 0.95 (0.93-0.98) per kg/m2, PASI 0 at weeks 20 and 28, "
                              "PK and exposure-response together; BADBIR (biologic starters): "
                              "OR 0.99 per kg of PASI90 at 6 months; the PK's weight scaling "
                              "alone gives 0.95 on guselkumab and 0.993 per kg on adalimumab, "
                              "the term closes most of the BADBIR gap"},
};

const psorsim_response_covariate *psorsim_response_covariates(void)
{
  return table;
}

double psorsim_response_covariate_value(const psorsim_treated_patient *pt,
                                        psorsim_response_covariate_id id)
{
  switch (id) {
  case PSORSIM_RESPONSE_PRIOR_BIOLOGIC:
    return pt->prior_biologic;
  case PSORSIM_RESPONSE_AGE:
    return pt->age_years;
  case PSORSIM_RESPONSE_SHORT_DISEASE:
    return pt->disease_years <= SHORT_DISEASE_YEARS ? 1.0 : 0.0;
  case PSORSIM_RESPONSE_BMI:
    return pt->bmi_kg_m2;
  default:
    return NAN;
  }
}

double psorsim_response_potency_factor(const psorsim_treated_patient *pt)
{
  double s = 0.0;
  for (int k = 0; k < PSORSIM_RESPONSE_COVARIATE_COUNT; k++)
    s += table[k].beta * (psorsim_response_covariate_value(pt, (psorsim_response_covariate_id)k) -
                          table[k].reference);
  return exp(s);
}

/* The reference patient's covariates (psorsim_treated_patient_init). */
double psorsim_response_site_shift(const psorsim_treated_patient *pt)
{
  double s = 0.0;
  for (int k = 0; k < PSORSIM_RESPONSE_COVARIATE_COUNT; k++)
    s += table[k].site_shift *
         (psorsim_response_covariate_value(pt, (psorsim_response_covariate_id)k) -
          table[k].reference);
  return s;
}

void psr_response_covariates_reference(psorsim_treated_patient *pt)
{
  pt->age_years = REF_AGE_YEARS;
  pt->disease_years = REF_DISEASE_YEARS;
  pt->prior_biologic = REF_PRIOR_BIOLOGIC;
  pt->bmi_kg_m2 = REF_BMI;
}
