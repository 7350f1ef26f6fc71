/* src/models/psoriasis_params.c
 *
 * The tables of the built-in psoriasis model: every parameter with its unit,
 * default value and source, the state names (seven per skin site plus the
 * systemic Treg state) and the observables, and the psorsim_model record
 * that ties them to the functions in psoriasis_rhs.c, psoriasis_steady.c and
 * psoriasis_readouts.c. docs/model.md explains each entry.
 */
#include "models_impl.h"
#include "psoriasis_impl.h"

#define SHM       "Shmarov2022 (SBML psor_v8_4; guide disease-model.md 2.3)"
#define SHM_FLOOR "Shmarov2022 sc_min/ta_min/t_min/dc_min (healthy steady state, guide 2.3)"
#define REF_STATE                                                                                  \
  "derived: steady state of a site with drive dc_act and no inputs (healthy / plaque), "           \
  "docs/model.md 'Reference states'"

const psorsim_var psr_psor_params[PP_COUNT] = {
    /* keratinocytes */
    [PP_SC2] = {"sc2", "1/(a.u.*day)", 0.0017635, "stem-cell self-renewal per unit IL-17+TNF", SHM},
    [PP_SC2TA] = {"sc2ta", "1/(a.u.*day)", 0.0015415,
                  "SC -> TA asymmetric division per unit IL-17+TNF", SHM},
    [PP_TA2] = {"ta2", "1/(a.u.*day)", 0.0017562, "TA self-division per unit IL-17+TNF", SHM},
    [PP_TA2D] = {"ta2d", "1/(a.u.*day)", 0.0018063,
                 "TA -> differentiated production per unit IL-17+TNF (TA not consumed)", SHM},
    [PP_SC20] = {"sc20", "mm2/(cell*day)", 1.8135e-05, "stem-cell crowding loss", SHM},
    [PP_TA20] = {"ta20", "mm2/(cell*day)", 3.7321e-06, "TA crowding loss", SHM},
    [PP_A_BASE] = {"a_base", "1/day", 0.0036, "basal apoptosis rate of every cell type", SHM},
    [PP_SC2GF] = {"sc2gf", "a.u.*mm2/(cell*day)", 1.0, "GF/chemokine secretion per stem cell", SHM},
    [PP_TA2GF] = {"ta2gf", "a.u.*mm2/(cell*day)", 1.0, "GF/chemokine secretion per TA cell", SHM},
    [PP_GF20] = {"gf20", "1/day", 36.5, "GF decay (quasi-steady)", SHM},
    /* viable differentiated layer and stratum corneum */
    [PP_KD_H] = {"kd_h", "1/day", 0.03211428571,
                 "exit rate from the viable layer at D = d_ref (1/28 day - a_base)",
                 "calibrated: basal-to-horny transit 28 days healthy (Encyclopedia of "
                 "Immunotoxicology 2016, guide 1.1)"},
    [PP_D_REF] = {"d_ref", "cells/mm2", 30760.51177,
                  "viable differentiated cells of the reference healthy site (28 days x "
                  "production 1098.59/day)",
                  "derived: reference healthy TA->D production x 28-day transit"},
    [PP_M_D] = {"m_d", "1", 2.538067059, "crowding exponent of the viable-layer exit rate",
                "calibrated: transit 28 days healthy and 4 days in plaque (Encyclopedia of "
                "Immunotoxicology 2016; Goodwin) at the reference production rates"},
    [PP_KC_H] = {"kc_h", "1/day", 0.07142857143, "corneocyte shedding rate at C = c_ref (1/14 day)",
                 "calibrated: stratum corneum turnover 13-14 days (JAMA 1965 editorial; Baker & "
                 "Kligman dye method), guide 1.1"},
    [PP_C_REF] = {"c_ref", "cells/mm2", 13829.92609,
                  "corneocytes of the reference healthy site (14 days x cornification flux)",
                  "derived: reference healthy cornification flux x 14 days"},
    [PP_M_C] = {"m_c", "1", 2.175215847, "crowding exponent of the shedding rate",
                "calibrated: stratum corneum transit 14 days healthy, 2 days in plaque "
                "(Goodwin, guide 1.1)"},
    /* immune axis */
    [PP_DC_ACT] = {"dc_act", "cells/(mm2*day)", 1700.0, "basal DC influx of every site",
                   "Shmarov2022 value 1880 lowered 9.6 % to move healthy skin away from the "
                   "fold (guide 2.8); docs/model.md"},
    [PP_T_VM] = {"t_vm", "cells/(mm2*day)", 6000.0, "maximum GF-driven DC recruitment", SHM},
    [PP_T_KP] = {"t_kp", "a.u.^n", 3e12, "Hill constant of GF-driven DC recruitment", SHM},
    [PP_N_HILL] = {"n_hill", "1", 4.0, "Hill coefficient of GF-driven DC recruitment", SHM},
    [PP_T20] = {"t20", "1/day", 1.51, "loss rate of dendritic cells", SHM},
    [PP_TT20] = {"tt20", "1/day", 0.05, "loss rate of T cells in the skin",
                 "calibrated: IL-23 removal clears plaques over weeks (docs/model.md); Shmarov2022 "
                 "uses t20 = 1.51 for T cells too"},
    [PP_IL232] = {"il232", "a.u.*mm2/(cell*day)", 1.0,
                  "IL-23 production per DC (set to 0 to remove the immune drive)", SHM},
    [PP_IL2320] = {"il2320", "1/day", 36.5, "IL-23 decay (quasi-steady)", SHM},
    [PP_T2] = {"t2", "cells/(mm2*a.u.*day)", 1.947674419, "T-cell generation per unit IL-23",
               "Shmarov2022 t2 = 55 scaled by (tt20 + a_base) / (t20 + a_base), which keeps its "
               "steady states"},
    [PP_IL172] = {"il172", "a.u.*mm2/(cell*day)", 0.5, "IL-17 secretion per T cell", SHM},
    [PP_IL1720] = {"il1720", "1/day", 36.5, "IL-17 decay (quasi-steady)", SHM},
    [PP_TNF2] = {"tnf2", "a.u.*mm2/(cell*day)", 0.5, "TNF secretion per T cell", SHM},
    [PP_TNF20] = {"tnf20", "1/day", 36.5, "TNF decay (quasi-steady)", SHM},
    /* tissue-resident memory T cells */
    [PP_TRM_HALF_LIFE] = {"trm_half_life", "day", 800.0,
                          "half-life of IL-17-producing tissue-resident memory T cells in a site "
                          "without lesion or drug; also sets their build-up in plaques",
                          "calibrated: median relapse after stopping each class with real PK in "
                          "a population, tools/relapse.yaml (docs/model.md 3.5)"},
    [PP_TRM_IL23_LOSS] = {"trm_il23_loss", "1", 1.0,
                          "relative rise of TRM loss per unit IL-23 blockade (loss x (1 + this x "
                          "inh_il23))",
                          "assumed size; direction from Mehta 2021 and Whitley 2022 (IL-23, not "
                          "IL-17, blockade depletes TRM), docs/model.md 3.5"},
    [PP_TRM_T50] = {"trm_t50", "cells/mm2", 4200.0,
                    "effector T-cell density at half-maximal TRM formation",
                    "assumed: between healthy (1253) and plaque (4855) T cells, so that TRM "
                    "seed in inflamed, not in normal, skin (docs/model.md 3.5)"},
    [PP_TRM_N] = {"trm_n", "1", 10.0, "Hill exponent of TRM formation in effector T-cell density",
                  "assumed: healthy-skin M below 1 % of a plaque's; plaque sites within 10 % "
                  "of each other (saturating epidermal TRM niche)"},
    [PP_TRM_T_REF] = {"trm_t_ref", "cells/mm2", 4855.398917,
                      "effector T cells at which TRM reach M = 1 (T of the reference plaque)",
                      "derived: reference plaque T cells with its memory (docs/model.md 3.6)"},
    [PP_TRM_GF] = {"trm_gf", "a.u.", 400.0,
                   "keratinocyte chemokine / GF signal added by TRM at M = 1 (their IL-17 and "
                   "IL-22 on restimulation)",
                   "calibrated with trm_half_life to the relapse times of tools/relapse.yaml; "
                   "a cleared site relapses above M 0.04-0.22 (docs/model.md 3.5)"},
    [PP_TRM_IL17_SHARE] = {"trm_il17_share", "1", 1.0,
                           "share of the TRM signal carried by IL-17A (neutralised with inh_il17)",
                           "assumed: resolved-lesion epidermal TRM are IL-17A producers (Cheuk "
                           "2014, Matos 2017); docs/model.md 3.5"},
    [PP_TRM_UVB] = {"trm_uvb", "1", 0.2,
                    "TRM apoptosis per unit of the UVB apoptosis rate uvb_apopt (loss + this x "
                    "uvb_apopt)",
                    "calibrated: NB-UVB follow-up of uvb-patients/calibration.csv and relapse "
                    "after NB-UVB (docs/model.md 3.5)"},
    /* regulatory T cells */
    [PP_K_TREG] = {"k_treg", "1/day", 0.05, "relaxation rate of the systemic Treg pool",
                   "assumed: no human skin Treg turnover read (guide 5.1, cell-therapy 0)"},
    [PP_TREG_BRAKE] = {"treg_brake", "1", 1.0,
                       "strength b of the Treg brake (1+b)/(1+b*Treg) on T-cell generation",
                       "assumed: Treg defect in psoriasis is qualitative only (guide 5.1)"},
    /* patient */
    [PP_SUSCEPTIBILITY] = {"susceptibility", "1", 1.0,
                           "genetic susceptibility: multiplies every site's feedback gain",
                           "calibrated: 1 = default (susceptible) patient; below 0.65 no site "
                           "has a psoriatic state (docs/model.md)"},
    [PP_SITE_SIGMA] = {"site_sigma", "1", 0.3,
                       "log-SD of the local keratinocyte -> DC feedback gain across skin sites",
                       "calibrated: default patient BSA about 28 % (phase-3 baselines, guide 9.2)"},
    [PP_SITE_SENS_SIGMA] = {"site_sens_sigma", "1", 0.0,
                            "log-SD of the sites' sensitivity to the inhibition inputs (the "
                            "odds of blockade a site feels are the input's times its sensitivity)",
                            "design: 0 (uniform sites) for the reference patient; a virtual "
                            "population sets its calibrated spread (docs/trial-runner.md)"},
    [PP_SITE_SENS_MU] = {"site_sens_mu", "1", 0.0,
                         "log-mean of the sites' sensitivity before it is capped at 1",
                         "calibrated with site_sens_sigma (docs/model.md 3.8)"},
    [PP_SITE_SENS_CYT] = {"site_sens_cyt", "1", 0.613,
                          "shift of the sites' log-mean sensitivity for IL-17 and TNF blockade",
                          "calibrated (docs/model.md 3.8)"},
    [PP_SITE_SEED] = {"site_seed", "1", 0.5,
                      "the patient's draw of per-site sensitivities, a number in [0, 1)",
                      "design: drawn per virtual patient (docs/trial-runner.md)"},
    [PP_SIGN_SEVERITY] = {"sign_severity", "1", 1.0,
                          "the patient's erythema, induration and scaling relative to the "
                          "reference plaque (multiplies e/i/d_plaque)",
                          "calibrated: baseline sPGA 3/4 shares of phase-3 trials "
                          "(docs/model.md 5.4)"},
    [PP_ERY_K_SHARE] = {"ery_k_share", "1", 0.5,
                        "share of the erythema score that follows the cytokine drive; the rest "
                        "follows the plaque's thickness (its dilated papillary vessels)",
                        "calibrated: onset of TNF and IL-17 blockers (docs/model.md 5.2)"},
    [PP_SIGN_GAMMA] = {"sign_gamma", "1", 0.804,
                       "exponent of each sign score in the excess over healthy skin it rates "
                       "(score = plaque score x excess^gamma)",
                       "calibrated: IGA 0/1 between PASI90 and PASI75 in biologic arms "
                       "(docs/model.md 5.2)"},
    [PP_REGION_HEAD] = {"region_head", "1", 0.649, "median-site feedback gain, head",
                        "calibrated: default patient, docs/model.md"},
    [PP_REGION_UPPER] = {"region_upper", "1", 0.655, "median-site feedback gain, upper limbs",
                         "calibrated: default patient, docs/model.md"},
    [PP_REGION_TRUNK] = {"region_trunk", "1", 0.735, "median-site feedback gain, trunk",
                         "calibrated: default patient, docs/model.md"},
    [PP_REGION_LOWER] = {"region_lower", "1", 0.76, "median-site feedback gain, lower limbs",
                         "calibrated: default patient, docs/model.md"},
    /* chronic risk factors */
    [PP_SMOKING] = {"smoking", "1", 0.0, "current smoker (0 or 1)", "patient input"},
    [PP_SMOKING_EFFECT] = {"smoking_effect", "1", 0.03,
                           "relative rise of basal DC influx in a current smoker",
                           "assumed: direction from Armstrong2014 (OR 1.78); size not mapped; "
                           "no effect of quitting on severity found (guide response-structure "
                           "8), so kept small: smoking_cessation changes PASI by < 0.1"},
    [PP_BMI] = {"bmi", "kg/m2", 22.0, "body-mass index", "patient input"},
    [PP_BMI_REF] = {"bmi_ref", "kg/m2", 22.0, "BMI with no obesity effect",
                    "Aune2018: lowest risk near BMI 20-22"},
    [PP_OBESITY_EFFECT] = {"obesity_effect", "1/(kg/m2)", 0.006,
                           "relative rise of basal DC influx per kg/m2 above bmi_ref",
                           "assumed: direction from Aune2018 (RR 1.19 per 5 kg/m2); size not "
                           "mapped"},
    /* triggers */
    [PP_TRIG_STRESS] = {"trig_stress", "1", 0.0, "psychological stress on/off (0-1)",
                        "input (switched by SET_PARAM events)"},
    [PP_TRIG_INFECTION] = {"trig_infection", "1", 0.0,
                           "streptococcal (or other) infection on/off (0-1)",
                           "input (switched by SET_PARAM events)"},
    [PP_TRIG_INJURY_HEAD] = {"trig_injury_head", "1", 0.0, "skin injury (Koebner), head (0-1)",
                             "input (switched by SET_PARAM events)"},
    [PP_TRIG_INJURY_UPPER] = {"trig_injury_upper", "1", 0.0,
                              "skin injury (Koebner), upper limbs (0-1)",
                              "input (switched by SET_PARAM events)"},
    [PP_TRIG_INJURY_TRUNK] = {"trig_injury_trunk", "1", 0.0, "skin injury (Koebner), trunk (0-1)",
                              "input (switched by SET_PARAM events)"},
    [PP_TRIG_INJURY_LOWER] = {"trig_injury_lower", "1", 0.0,
                              "skin injury (Koebner), lower limbs (0-1)",
                              "input (switched by SET_PARAM events)"},
    [PP_STRESS_DC] = {"stress_dc", "cells/(mm2*day)", 1000.0,
                      "extra DC influx of every site at trig_stress = 1",
                      "assumed: weaker than infection; guide 6 gives prevalence only"},
    [PP_INFECTION_DC] =
        {"infection_dc", "cells/(mm2*day)", 4000.0,
         "extra DC influx of every site at trig_infection = 1",
         "calibrated: a 14-day infection flips the default patient (docs/model.md)"},
    [PP_INJURY_DC] = {"injury_dc", "cells/(mm2*day)", 4000.0,
                      "extra DC influx of the injured region's sites at trig_injury_* = 1",
                      "assumed: same size as infection; Koebner in 27-33 % (guide 6)"},
    /* chronic triggers */
    [PP_STRESS_REACTOR] = {"stress_reactor", "1", 0.0,
                           "stress reactor: psychological stress is a chronic trigger (0 or 1)",
                           "patient input (population: 50 % of patients, docs/trial-runner.md)"},
    [PP_STREP_CARRIER] = {"strep_carrier", "1", 0.0,
                          "recurrent streptococcal throat infection, a chronic trigger (0 or 1)",
                          "patient input (population: 29 % of patients, docs/trial-runner.md)"},
    [PP_STRESS_SHARE] = {"stress_share", "1", 0.5,
                         "share of a stress reactor's basal DC influx driven by chronic stress "
                         "(scaled by stress_exposure)",
                         "assumed 0.5; with it stress_reduction (stress_exposure x 0.25) is "
                         "calibrated: only the product share x (1 - factor) = 0.375 is fixed by "
                         "the trials (docs/model.md 4.1)"},
    [PP_INFECTION_SHARE] = {"infection_share", "1", 0.5,
                            "share of a strep carrier's basal DC influx driven by recurrent "
                            "throat infection (scaled by infection_exposure)",
                            "assumed: as stress_share; no trial of avoiding infection with PASI "
                            "outcomes (docs/model.md 4.1)"},
    [PP_STRESS_EXPOSURE] = {"stress_exposure", "1", 1.0,
                            "exposure to psychological stress relative to the patient's usual "
                            "(scales the chronic share and trig_stress)",
                            "input: 1 untreated; lowered by stress_reduction"},
    [PP_INFECTION_EXPOSURE] = {"infection_exposure", "1", 1.0,
                               "exposure to streptococcal infection relative to the patient's "
                               "usual (scales the chronic share and trig_infection)",
                               "input: 1 untreated; lowered by trigger_avoidance"},
    [PP_BMI_CHANGE] = {"bmi_change", "1", 1.0, "BMI relative to the patient's usual (baseline) BMI",
                       "input: 1 untreated; lowered by weight_loss"},
    [PP_BMI_OBESE] = {"bmi_obese", "kg/m2", 30.0,
                      "BMI above which losing weight lowers the DC influx",
                      "design: the obesity threshold (WHO); the weight-loss trials enrolled "
                      "overweight and obese patients (guide response-structure 8.6); psoriasis "
                      "risk rises most above it (Setty2007 RR 1.40, 1.48, 2.69 for BMI 25-29.9, "
                      "30-34.9, >= 35)"},
    [PP_WEIGHT_EFFECT] =
        {"weight_effect", "1/(kg/m2)", 0.08,
         "share of the basal DC influx lost per kg/m2 of BMI lost above bmi_obese",
         "calibrated: weight_loss (BMI x 0.9) lowers mean PASI by about 2.2 points "
         "vs no treatment at weeks 16-20 in patients of BMI 35 (weight-loss RCTs: "
         "PASI MD -2.0 to -2.5, guide response-structure 8.6); docs/model.md 4.1"},
    /* treatment inputs */
    [PP_INH_IL23] = {"inh_il23", "1", 0.0, "fraction of IL-23 neutralised (anti-IL-23, p40/p19)",
                     "treatment input"},
    [PP_INH_IL17] = {"inh_il17", "1", 0.0, "fraction of IL-17 neutralised (anti-IL-17A/F/RA)",
                     "treatment input"},
    [PP_INH_TNF] = {"inh_tnf", "1", 0.0, "fraction of TNF neutralised (anti-TNF)",
                    "treatment input"},
    [PP_INH_TACT] = {"inh_tact", "1", 0.0,
                     "fraction of T-cell activation blocked (ciclosporin, MTX, apremilast...)",
                     "treatment input"},
    [PP_INH_PROLIF] = {"inh_prolif", "1", 0.0,
                       "fraction of keratinocyte proliferation blocked (MTX, acitretin, "
                       "calcipotriol...)",
                       "treatment input"},
    [PP_UVB_APOPT] = {"uvb_apopt", "1/day", 0.0,
                      "UVB-induced apoptosis rate of the excess SC, TA, DC, T over healthy "
                      "floors (Shmarov's uv_dose x uv_eff)",
                      "treatment input; Shmarov2022, Weatherhead2011"},
    [PP_TREG_INDUCTION] = {"treg_induction", "1", 0.0,
                           "drive raising the Treg pool (Treg steady state 1 + this), e.g. MSC",
                           "treatment input; cell-therapy 3.4"},
    /* UVB floors */
    [PP_SC_MIN] = {"sc_min", "cells/mm2", 3947.21, "UVB floor for SC", SHM_FLOOR},
    [PP_TA_MIN] = {"ta_min", "cells/mm2", 22224.4, "UVB floor for TA", SHM_FLOOR},
    [PP_T_MIN] = {"t_min", "cells/mm2", 1556.09, "UVB floor for T cells", SHM_FLOOR},
    [PP_DC_MIN] = {"dc_min", "cells/mm2", 1563.06, "UVB floor for DC", SHM_FLOOR},
    /* photoadaptation */
    [PP_UV_ADAPT] = {"uv_adapt", "cm2/J", 0.3,
                     "photoadaptation: a session's effective UV dose is its dose / (1 + uv_adapt "
                     "x recent exposure), recent exposure = earlier session doses decayed with "
                     "uv_adapt_days",
                     "calibrated: uvb-patients/calibration.csv (docs/validation.md); direction: "
                     "UV-induced thickening and pigmentation raise the MED during a course, the "
                     "reason doses are escalated (Menter 2010)"},
    [PP_UV_ADAPT_DAYS] = {"uv_adapt_days", "day", 30.0,
                          "decay time of photoadaptation after a session",
                          "assumed: adaptation fades over weeks after a course"},
    /* readouts */
    [PP_EPI_HEALTHY] = {"epi_healthy", "cells/mm2", 65441.93545,
                        "epidermal keratinocytes SC+TA+D+C, reference healthy site", REF_STATE},
    [PP_EPI_PLAQUE] = {"epi_plaque", "cells/mm2", 186652.649,
                       "epidermal keratinocytes SC+TA+D+C, reference plaque (2.80x healthy; "
                       "ultrasound +121 %)",
                       REF_STATE},
    [PP_K_HEALTHY] = {"k_healthy", "a.u.", 34.34096774, "IL-17 + TNF, reference healthy site",
                      REF_STATE},
    [PP_K_PLAQUE] = {"k_plaque", "a.u.", 133.0246279, "IL-17 + TNF, reference plaque", REF_STATE},
    [PP_C_HEALTHY] = {"c_healthy", "cells/mm2", 13829.92609, "corneocytes, reference healthy site",
                      REF_STATE},
    [PP_C_PLAQUE] = {"c_plaque", "cells/mm2", 33832.34698, "corneocytes, reference plaque",
                     REF_STATE},
    [PP_INV_ON] = {"inv_on", "1", 0.1,
                   "normalised thickness at which a site starts to count as lesional",
                   "calibrated: a resolving plaque counts until it is within 10 % of normal "
                   "thickness (residual disease of the NB-UVB cohort, docs/validation.md); design "
                   "bound: above every healthy branch (largest healthy x 0.081 over "
                   "susceptibility 0.5-1.8 and site spread 0.1-0.9), docs/model.md"},
    [PP_INV_FULL] = {"inv_full", "1", 0.6, "normalised thickness at which a site is fully lesional",
                     "design: docs/model.md"},
    [PP_E_PLAQUE] = {"e_plaque", "1", 2.5, "erythema score (0-4) of the reference plaque",
                     "calibrated: default PASI in phase-3 baseline range (guide 9.2)"},
    [PP_I_PLAQUE] = {"i_plaque", "1", 2.5, "induration score (0-4) of the reference plaque",
                     "calibrated: default PASI in phase-3 baseline range (guide 9.2)"},
    [PP_D_PLAQUE] = {"d_plaque", "1", 2.5, "desquamation score (0-4) of the reference plaque",
                     "calibrated: default PASI in phase-3 baseline range (guide 9.2)"},
    [PP_IGA_TRM_MARK] = {"iga_trm_mark", "1", 0.1,
                         "memory M at which a resolved site counts fully among the IGA's areas "
                         "of involvement (a cleared lesion scores 0 in the average)",
                         "design: sPGA averages each sign over all areas of involvement, "
                         "including cleared lesions (guide response-structure 2.1); resolved "
                         "plaques keep their memory (M 0.7-1.2, healthy skin < 1e-4)"},
    [PP_IGA_RESOLVED_WEIGHT] = {"iga_resolved_weight", "1", 0.112,
                                "weight of a resolved plaque, relative to a lesional one, in "
                                "the IGA's average of the signs",
                                "calibrated: IGA 0/1 and PASI75 of the same arms "
                                "(docs/model.md 5.4)"},
    [PP_IGA_BSA_CLEAR] = {"iga_bsa_clear", "%", 0.1, "BSA below which IGA is 0 (clear)",
                          "design: docs/model.md"},
    [PP_ITCH_MAX] = {"itch_max", "1", 10.0, "top of the itch NRS", "NRS definition"},
    [PP_ITCH_PASI_SCALE] = {"itch_pasi_scale", "1", 20.0,
                            "PASI at which itch reaches 63 % of itch_max",
                            "assumed: itch-PASI correlation is weak (r 0.11-0.52, guide 7.4)"},
    [PP_DLQI_PER_PASI] = {"dlqi_per_pasi", "1", 0.42, "DLQI points per PASI point",
                          "Maul 2024 (median of regional slopes 0.31-0.75), guide 7.4"},
    [PP_DLQI_VISIBLE] = {"dlqi_visible", "1", 5.5, "DLQI points from having visible lesions at all",
                         "calibrated: DLQI 8 at PASI 6 (Maul 2024 medians), guide 7.4"},
    [PP_DLQI_BSA_SCALE] = {"dlqi_bsa_scale", "%", 2.0,
                           "BSA at which the visibility term reaches 63 %",
                           "assumed: DLQI 0/1 in 73-80 % at PASI90-100 (guide 7.4)"},
    [PP_TURNOVER_BG_WEIGHT] = {"turnover_bg_weight", "1", 1e-3,
                               "weight of non-lesional skin in the turnover average",
                               "design: turnover of lesional skin when there is any, else of "
                               "the whole skin (docs/model.md)"},
};

/* Names of the seven states of one site in region R, site number N (1-based). */
#define SITE_STATES(R, N)                                                                          \
  {R N "_sc", "cells/mm2", 3140.89, "stem cells, " R " site " N, REF_STATE},                       \
      {R N "_ta", "cells/mm2", 17710.5, "transit-amplifying cells, " R " site " N, REF_STATE},     \
      {R N "_d", "cells/mm2", 30760.43, "viable differentiated cells, " R " site " N, REF_STATE},  \
      {R N "_c", "cells/mm2", 13829.89, "corneocytes, " R " site " N, REF_STATE},                  \
      {R N "_dc", "cells/mm2", 1259.06, "dendritic cells, " R " site " N, REF_STATE},              \
      {R N "_t", "cells/mm2", 1253.44, "Th17-type T cells, " R " site " N, REF_STATE},             \
  {                                                                                                \
    R N "_trm", "1", 7.1e-06,                                                                      \
        "tissue-resident memory T cells (1 = chronic plaque), " R " site " N, REF_STATE            \
  }
#define REGION_STATES(R)                                                                           \
  SITE_STATES(R, "1"), SITE_STATES(R, "2"), SITE_STATES(R, "3"), SITE_STATES(R, "4"),              \
      SITE_STATES(R, "5")

#if PSR_PSOR_SITES_PER_REGION != 5
#error "update REGION_STATES and the band table in psoriasis_rhs.c for the new site count"
#endif

static const psorsim_var psor_states[PSR_PSOR_NSTATES] = {
    REGION_STATES("head"),
    REGION_STATES("upper"),
    REGION_STATES("trunk"),
    REGION_STATES("lower"),
    {"treg", "1", 1.0, "systemic regulatory T cells relative to baseline", "this model"},
};

static const psorsim_var psor_obs[PO_COUNT] = {
    [PO_PASI] = {"pasi", "1", 0, "continuous PASI (0-72)", NULL},
    [PO_PASI_SCORED] = {"pasi_scored", "1", 0, "PASI with integer sub-scores (0-72)", NULL},
    [PO_BSA] = {"bsa_percent", "%", 0, "body surface area involved", NULL},
    [PO_IGA] = {"iga", "1", 0, "IGA / sPGA (0-4)", NULL},
    [PO_DLQI] = {"dlqi", "1", 0, "DLQI (0-30)", NULL},
    [PO_ITCH] = {"itch_nrs", "1", 0, "itch numeric rating scale (0-10)", NULL},
    [PO_TURNOVER] = {"turnover_days", "day", 0,
                     "epidermal turnover of lesional skin (viable layer + stratum corneum)", NULL},
    [PO_AREA_HEAD] = {"area_head", "%", 0, "head involved", NULL},
    [PO_AREA_UPPER] = {"area_upper", "%", 0, "upper limbs involved", NULL},
    [PO_AREA_TRUNK] = {"area_trunk", "%", 0, "trunk involved", NULL},
    [PO_AREA_LOWER] = {"area_lower", "%", 0, "lower limbs involved", NULL},
    [PO_ERY_HEAD] = {"erythema_head", "1", 0, "erythema of head lesions (0-4)", NULL},
    [PO_ERY_UPPER] = {"erythema_upper", "1", 0, "erythema of upper-limb lesions (0-4)", NULL},
    [PO_ERY_TRUNK] = {"erythema_trunk", "1", 0, "erythema of trunk lesions (0-4)", NULL},
    [PO_ERY_LOWER] = {"erythema_lower", "1", 0, "erythema of lower-limb lesions (0-4)", NULL},
    [PO_IND_HEAD] = {"induration_head", "1", 0, "induration of head lesions (0-4)", NULL},
    [PO_IND_UPPER] = {"induration_upper", "1", 0, "induration of upper-limb lesions (0-4)", NULL},
    [PO_IND_TRUNK] = {"induration_trunk", "1", 0, "induration of trunk lesions (0-4)", NULL},
    [PO_IND_LOWER] = {"induration_lower", "1", 0, "induration of lower-limb lesions (0-4)", NULL},
    [PO_DES_HEAD] = {"desquamation_head", "1", 0, "desquamation of head lesions (0-4)", NULL},
    [PO_DES_UPPER] = {"desquamation_upper", "1", 0, "desquamation of upper-limb lesions (0-4)",
                      NULL},
    [PO_DES_TRUNK] = {"desquamation_trunk", "1", 0, "desquamation of trunk lesions (0-4)", NULL},
    [PO_DES_LOWER] = {"desquamation_lower", "1", 0, "desquamation of lower-limb lesions (0-4)",
                      NULL},
    [PO_IL23] = {"il23", "a.u.", 0, "IL-23, skin average", NULL},
    [PO_IL17] = {"il17", "a.u.", 0, "IL-17, skin average", NULL},
    [PO_TNF] = {"tnf", "a.u.", 0, "TNF, skin average", NULL},
    [PO_T_CELLS] = {"t_cells", "cells/mm2", 0, "Th17-type T cells, skin average", NULL},
    [PO_DC] = {"dc", "cells/mm2", 0, "dendritic cells, skin average", NULL},
    [PO_TREG] = {"treg_level", "1", 0, "regulatory T cells relative to baseline", NULL},
    [PO_IL17_LESION] = {"il17_lesion", "a.u.", 0, "IL-17 in the index lesion", NULL},
    [PO_T_LESION] = {"t_cells_lesion", "cells/mm2", 0, "T cells in the index lesion", NULL},
    [PO_EPI_LESION] = {"epidermis_lesion", "cells/mm2", 0,
                       "keratinocytes SC+TA+D+C in the index lesion", NULL},
    [PO_TRM] = {"trm", "1", 0, "tissue-resident memory T cells (1 = chronic plaque), skin average",
                NULL},
    [PO_TRM_MAX] = {"trm_max", "1", 0,
                    "tissue-resident memory T cells (1 = chronic plaque), highest site", NULL},
};

/* The clinical readouts, in the order summaries show them (psorsim info). */
static const psorsim_model_readout psor_readouts[] = {
    {PSORSIM_READOUT_OTHER, "turnover_days", 1},
    {PSORSIM_READOUT_PASI, "pasi", 1},
    {PSORSIM_READOUT_OTHER, "pasi_scored", 0},
    {PSORSIM_READOUT_BSA, "bsa_percent", 1},
    {PSORSIM_READOUT_IGA, "iga", 1},
    {PSORSIM_READOUT_DLQI, "dlqi", 1},
    {PSORSIM_READOUT_OTHER, "itch_nrs", 0},
};

/* The treatment inputs: blocked fractions combine by independent action,
 * Treg induction and the UVB apoptosis rate add. */
static const psorsim_model_input psor_inputs[] = {
    {"inh_il23", PSORSIM_INPUT_INHIBITION},   {"inh_il17", PSORSIM_INPUT_INHIBITION},
    {"inh_tnf", PSORSIM_INPUT_INHIBITION},    {"inh_tact", PSORSIM_INPUT_INHIBITION},
    {"inh_prolif", PSORSIM_INPUT_INHIBITION}, {"treg_induction", PSORSIM_INPUT_ADDITIVE},
    {"uvb_apopt", PSORSIM_INPUT_ADDITIVE},
};

/* What a virtual population sets per patient. */
static const psorsim_model_covariate psor_covariates[] = {
    {PSORSIM_COVARIATE_BMI, "bmi"},
    {PSORSIM_COVARIATE_SMOKER, "smoking"},
    {PSORSIM_COVARIATE_SUSCEPTIBILITY, "susceptibility"},
    {PSORSIM_COVARIATE_SITE_SPREAD, "site_sigma"},
    {PSORSIM_COVARIATE_SITE_SEED, "site_seed"},
    {PSORSIM_COVARIATE_SITE_SENS_SPREAD, "site_sens_sigma"},
    {PSORSIM_COVARIATE_SITE_SENS_MEAN, "site_sens_mu"},
    {PSORSIM_COVARIATE_SEVERITY, "sign_severity"},
    {PSORSIM_COVARIATE_STRESS_REACTOR, "stress_reactor"},
    {PSORSIM_COVARIATE_STREP_CARRIER, "strep_carrier"},
};

/* Steady states, in the order of psorsim_psoriasis_basin. */
static const char *const psor_steady_names[] = {
    [PSORSIM_PSORIASIS_HEALTHY] = "healthy",
    [PSORSIM_PSORIASIS_PSORIATIC] = "psoriatic",
};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

const psorsim_model psr_model_psoriasis = {
    .name = "psoriasis",
    .description = "bistable keratinocyte / IL-23-IL-17 axis model (after Shmarov 2022) with "
                   "tissue-resident memory on 20 skin sites in 4 PASI regions, with PASI, BSA, "
                   "IGA, itch and DLQI",
    .n_states = PSR_PSOR_NSTATES,
    .n_params = PP_COUNT,
    .n_obs = PO_COUNT,
    .states = psor_states,
    .params = psr_psor_params,
    .obs = psor_obs,
    .work_size = sizeof(psr_psor_work),
    .setup = psr_psor_setup,
    .init = psr_psor_init,
    .rhs = psr_psor_rhs,
    .jac = psr_psor_jac,
    .jac_sparse = psr_psor_jac_sparse,
    .jac_nnz = PSR_PSOR_NNZ,
    .observe = psr_psor_observe,
    .n_readouts = N_OF(psor_readouts),
    .readouts = psor_readouts,
    .n_inputs = N_OF(psor_inputs),
    .inputs = psor_inputs,
    .n_covariates = N_OF(psor_covariates),
    .covariates = psor_covariates,
    .n_steady = N_OF(psor_steady_names),
    .steady_names = psor_steady_names,
    .steady = psr_psor_steady_state,
    .baseline_steady = PSORSIM_PSORIASIS_PSORIATIC, /* patients enter trials with chronic plaques */
};

const psorsim_model *psorsim_psoriasis_model(void)
{
  return &psr_model_psoriasis;
}
