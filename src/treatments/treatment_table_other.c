/* src/treatments/treatment_table_other.c
 *
 * Phototherapy (nb_uvb, puva), the four lifestyle interventions and the
 * placebo response as static const records. Phototherapy has no exposure
 * state: each session adds emax x dose (J/cm2) to the psoriasis model's
 * UVB apoptosis rate for the session's effect window, as Shmarov 2022 do
 * with uv_dose x uv_eff. Lifestyle entries multiply disease-model inputs
 * (src/models/psoriasis_params.c). Numbers from
 * ../shared/guide/pharmacology-other.md and disease-model.md 2.4, 2.9, 2.10;
 * docs/treatments.md explains the assumptions.
 */
#include "treatment_table_impl.h"

#define NO_PK "no exposure state"

static const psorsim_treatment nb_uvb = {
    .name = "nb_uvb",
    .cls = PSORSIM_TX_PHOTOTHERAPY,
    .target = "apoptosis of lesional T cells, dendritic cells and keratinocytes",
    .molecule = "narrowband UVB, 311 nm (TL-01)",
    .labelled_regimen = "2-3 sessions/week (AAD: 3-5); start 50-70 % MED or 130-400 mJ/cm2 by skin "
                        "type; +10-20 % per session; maximum 2-5 J/cm2 by skin type (AAD, Menter "
                        "2010); no maintenance (NICE CG153)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_NONE, "J/cm2", 0.065, 5.0,
                "per session: half the lowest AAD start dose (0.13 J/cm2, skin type I) to the "
                "highest AAD maximum (5 J/cm2, types V-VI) (Menter 2010 [P])",
                0.0}},
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_UVB, 0.378, 0.0, 1.0,
                 "calibrated in two stages (docs/validation.md): per-patient fits to "
                 "data/uvb-patients/calibration.csv (weekly PASI and every session's dose, each "
                 "patient at the susceptibility of their baseline PASI, photoadaptation uv_adapt "
                 "0.3 cm2/J, the median placebo response during the course) give the covariate "
                 "x (susceptibility / 0.95)^2.82 (typical 0.477, residual CV 0.67); the typical "
                 "value 0.363 and residual CV 0.13 are then fitted to nbuvb-patients.yaml, where "
                 "placebo and site spread vary between patients; Shmarov 2022's uv_eff was 0.16 "
                 "without adaptation",
                 0.0}},
    .n_aes = 1,
    .aes =
        {{"uvb_burn", 0.77, 0.0,
          "per 100 sessions, derived: erythema in 22 % of patients (Yones 2006 [P]) over a median "
          "28.5 sessions, one episode each; discontinuation rate unconfirmed (U)",
          PSORSIM_AE_PER_100_DOSES}},
    .cost_per_unit = 8.57,
    .cost_unit = "GBP per session (UK 2018; low confidence)",
    .cost_source = "derived: GBP 257 per course (Boswell 2018 [P]) / ~30 sessions",
};

static const psorsim_treatment puva = {
    .name = "puva",
    .cls = PSORSIM_TX_PHOTOTHERAPY,
    .target = "psoralen photoadducts: apoptosis of lesional T cells and keratinocytes",
    .molecule = "oral 8-methoxypsoralen + UVA (320-400 nm)",
    .labelled_regimen = "8-MOP orally 2 h before UVA (10-70 mg weight-banded, or by body surface "
                        "area in the UK), 2-3 sessions/week; UVA start 0.5-3 J/cm2 by skin type",
    .n_routes = 2,
    .routes = {{PSORSIM_ROUTE_NONE, "J/cm2", 0.25, 6.0,
                "UVA per session: start 0.5-3.0 J/cm2 by skin type (Oxsoralen-Ultra table [S]), "
                "up to 2.5 J/cm2 in Banerjee 2021 [P]; half the lowest to twice the highest",
                0.0},
               {PSORSIM_ROUTE_ORAL, "mg", 5.0, 140.0,
                "8-MOP 10-70 mg per session (label-derived table [S]; 20 mg in Banerjee 2021); "
                "half the lowest to twice the highest",
                0.0}},
    .pk = {.kind = PSORSIM_PK_NONE,
           .source = NO_PK "; the psoralen dose is checked but not modelled (its effect is in the "
                           "per-J/cm2 sensitivity)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_UVB, 0.268, 0.0, 1.0,
                 "assumed: nb_uvb's 0.16 x 28.5 / 17, the ratio of median sessions to clearance "
                 "(NB-UVB vs PUVA, Yones 2006 [P]) at comparable J/cm2 per session; no per-J/cm2 "
                 "sensitivity published; no calibration file",
                 0.0}},
    .n_aes = 1,
    .aes = {{"uvb_burn", 2.88, 0.0,
             "per 100 sessions, derived: erythema in 49 % (Yones 2006 [P]) over a median 17 "
             "sessions; squamous-cell carcinoma risk by cumulative sessions (Nijsten & Stern 2003) "
             "is long-term and not a per-session rate",
             PSORSIM_AE_PER_100_DOSES}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment stress_reduction = {
    .name = "stress_reduction",
    .cls = PSORSIM_TX_LIFESTYLE,
    .target = "psychological-stress trigger",
    .molecule = "mindfulness or cognitive-behavioural programme",
    .labelled_regimen = "8-week CBT with biofeedback alongside NB-UVB (Piaserico 2016) or "
                        "mindfulness audio during phototherapy (Kabat-Zinn 1998)",
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_lifestyle = 1,
    .lifestyle =
        {{"stress_exposure", 0.25, 56.0,
          "calibrated: lowers stress exposure to 25 % (chronic stress of stress reactors, "
          "stress_share 0.5 of their basal DC influx, and acute trig_stress), so that the arm "
          "lowers mean PASI by 1.5 points vs no treatment at weeks 16-20 (psychological "
          "interventions PASI MD -1.36, CBT -1.80, Xiao 2019 meta-analysis [P]; "
          "docs/treatments.md 7); PASI75 65 vs 15 % with NB-UVB (Piaserico 2016 [P]); acts "
          "only in stress reactors (or during stress events)"}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment weight_loss = {
    .name = "weight_loss",
    .cls = PSORSIM_TX_LIFESTYLE,
    .target = "obesity (body-mass index) as a disease driver",
    .molecule = "low-energy diet and exercise programme",
    .labelled_regimen = "16-20-week programme (Jensen 2013; Naldi 2014)",
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_lifestyle = 1,
    .lifestyle =
        {{"bmi_change", 0.9, 140.0,
          "assumed: 10 % lower BMI, between the weight differences of the 2025 meta-analysis "
          "(-7.3 kg; PASI MD -2.5, PASI75 RR 1.6 [P]) and Jensen 2013 (-15.4 kg; PASI -2.0 "
          "[P]) at about 100 kg; with weight_effect (calibrated) it lowers mean PASI by 2.2 "
          "points in patients of BMI 35 at weeks 16-20 (docs/treatments.md 7); acts only "
          "above BMI 30 (bmi_obese); Naldi 2014 [P]: median PASI -48 vs -25.5 % on systemic "
          "treatment"}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment smoking_cessation = {
    .name = "smoking_cessation",
    .cls = PSORSIM_TX_LIFESTYLE,
    .target = "smoking as a susceptibility factor",
    .molecule = "behavioural smoking cessation",
    .labelled_regimen = "stopping smoking (no psoriasis trial of cessation found)",
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_lifestyle = 1,
    .lifestyle = {{"smoking", 0.79, 365.0,
                   "derived: former vs current smokers OR 1.62 vs 1.78 (Armstrong 2014 [P]), so "
                   "(1.62 - 1) / (1.78 - 1) = 0.79 of the excess risk remains; time to full "
                   "effect 1 year assumed; no cessation trial (U); an effect of quitting on "
                   "the severity of established psoriasis was not found (guide 8), and with "
                   "smoking_effect 0.03 the arm lowers mean PASI by < 0.1 point in smokers"}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

#define TRIGGER_SOURCE                                                                             \
  "assumed: halves the exposure to infection (the chronic share, infection_share 0.5, of a "       \
  "strep carrier's basal DC influx, and acute trig_infection): mean PASI -1.9 in carriers at "     \
  "weeks 16-20; no trial of trigger avoidance with PASI outcomes (U); strep throat worsens "       \
  "plaque psoriasis when streptococci are isolated (Gudjonsson 2003 [P])"
#define INJURY_SOURCE                                                                              \
  "assumed: halves Koebner injury inputs; Koebner history in 33 % of patients (disease-model "     \
  "guide 6); no avoidance trial (U)"

static const psorsim_treatment trigger_avoidance = {
    .name = "trigger_avoidance",
    .cls = PSORSIM_TX_LIFESTYLE,
    .target = "infection and skin-injury (Koebner) triggers",
    .molecule = "avoiding or promptly treating streptococcal infection, skin injury, alcohol and "
                "triggering drugs",
    .labelled_regimen = "continuous from its start",
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_lifestyle = 5,
    .lifestyle = {{"infection_exposure", 0.5, 0.0, TRIGGER_SOURCE},
                  {"trig_injury_head", 0.5, 0.0, INJURY_SOURCE},
                  {"trig_injury_upper", 0.5, 0.0, INJURY_SOURCE},
                  {"trig_injury_trunk", 0.5, 0.0, INJURY_SOURCE},
                  {"trig_injury_lower", 0.5, 0.0, INJURY_SOURCE}},
    .cost_unit = "",
    .cost_source = "none",
};

static const psorsim_treatment placebo = {
    .name = "placebo",
    .cls = PSORSIM_TX_PLACEBO,
    .target = "placebo response (expectation, natural course, regression to the mean)",
    .molecule = "inactive comparator (any route)",
    .labelled_regimen = "matching placebo in a blinded arm",
    .pk = {.kind = PSORSIM_PK_NONE, .source = NO_PK},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TACT, 0.14, 0.0, 1.0,
                 "calibrated with patient CV 1.0 to the 13 placebo numbers of the calibration "
                 "files (psorsim calibrate, tools/calibration.yaml; docs/validation.md; pooled "
                 "week-12 PASI75 5.2 %, PASI90 2.1 %, Ambikaibalan 2021 [P]); the PASI scoring "
                 "error gives the regression to the mean at the inclusion threshold",
                 0.0}},
    .cost_unit = "",
    .cost_source = "none",
};

const psorsim_treatment *const psr_tx_other[] = {
    &nb_uvb,  &puva, &stress_reduction, &weight_loss, &smoking_cessation, &trigger_avoidance,
    &placebo,
};
const int psr_tx_n_other = (int)(sizeof(psr_tx_other) / sizeof(psr_tx_other[0]));
