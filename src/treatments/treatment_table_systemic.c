/* src/treatments/treatment_table_systemic.c
 *
 * The oral/systemic small molecules (methotrexate, cyclosporine, acitretin,
 * apremilast, deucravacitinib) and the five topicals of the treatment
 * library as static const records. Numbers come from
 * ../shared/guide/pharmacology-other.md (status P, S, D, U as there);
 * docs/treatments.md explains every derived or assumed value.
 *
 * Where no in-vitro potency exists, the starting ec50 is the mean exposure of
 * the labelled regimen / 3 (75 % of emax on average), to be fitted in issue 8
 * against the named calibration file or, without one, checked against the
 * published results named in the source. Topicals use a skin depot whose
 * content is in strength units (% x applications); potency differences inside
 * a class are explicit ratios.
 */
#include "treatment_table_impl.h"

#define RANGE_RULE "half the smallest to twice the largest dose per administration in the guide"
#define TOPICAL_RANGE                                                                              \
  "marketed strengths in the guide; down to half the lowest, never above the highest"
#define DEPOT_KA_ASSUMED                                                                           \
  "skin depot: stratum-corneum reservoir exists (Skin Pharmacol Physiol 2004;17:3, qualitative) "  \
  "but its size and residence time are unconfirmed; loss rate 1/day assumed"

static const psorsim_treatment methotrexate = {
    .name = "methotrexate",
    .cls = PSORSIM_TX_SYSTEMIC,
    .target = "DHFR and AICAR transformylase (adenosine): lymphocyte and keratinocyte "
              "proliferation, T-cell activation",
    .molecule = "folate antagonist (small molecule)",
    .labelled_regimen = "7.5-25 mg once weekly, oral or SC, with folic acid (AAD-NPF 2020); e.g. "
                        "SC 17.5 mg raised to 22.5 mg at week 8 if below PASI50 (METOP)",
    .n_routes = 3,
    .routes = {{PSORSIM_ROUTE_ORAL, "mg", 2.5, 50.0,
                "5-25 mg/week (Menter 2020; Menting 2016 review); " RANGE_RULE, 0.6},
               {PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 2.5, 50.0,
                "10-25 mg/week (METOP; Schiff 2014); " RANGE_RULE, 0.93},
               {PSORSIM_ROUTE_INTRAMUSCULAR, "mg", 2.5, 50.0, "25 mg (Kamel 1988); " RANGE_RULE,
                0.93}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 12.0,
           .f = 0.93,
           .cl_l_day = 228.9,
           .v1_l = 73.62,
           .wt_ref_kg = 70.0,
           .cl_wt_exp = 0.75,
           .v_wt_exp = 1.0,
           .iiv_cl_cv = 0.33,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "1-cpt: CL 9.54 L/h = geometric middle of 5.0-18.2 L/h in 24 psoriasis "
                     "patients (Chladek 2002 [P]), IIV CL 33 % from that range (D); V = terminal "
                     "t1/2 5.35 h (Kamel 1988, psoriasis [P]) x CL / ln 2; F 0.93 parenteral (IM, "
                     "Campbell 1985 [P]) and 0.6 oral (x 0.64 relative, Hoekstra 2004 [P]); "
                     "ka (tmax ~1.4 h), allometry and other IIV assumed; oral saturation above "
                     "15 mg (Schiff 2014) not represented",
           .t_half_ref_day = 0.2229,
           .ref_source = "terminal t1/2 5.35 h after 25 mg oral in psoriasis (Kamel 1988 [P])"},
    .n_effects = 2,
    .effects = {{PSORSIM_NODE_TACT, 1.0, 0.02982, 1.0,
                 "calibrated: champion-methotrexate.yaml (psorsim calibrate, tools/"
                 "calibration.yaml; PASI75@16 35.5 %; docs/validation.md); the former start, mean "
                 "steady-state plasma concentration of 15 mg oral weekly / 3 = 0.00187 mg/L, gave "
                 "78 %",
                 0.1},
                {PSORSIM_NODE_PROLIF, 1.0, 0.02982, 1.0,
                 "calibrated: champion-methotrexate.yaml, tied to the T-cell effect (same "
                 "polyglutamate pool; docs/validation.md)",
                 0.1}},
    .n_aes = 1,
    .aes = {{"liver_enzyme_rise", 89.0, 1.0,
             "derived: 12/44 stopped for reversible liver-enzyme rise in 16 weeks (Heydendael "
             "2003 NEJM [P]) = 27.3 % / 0.307 y; label: raised liver tests 15 % (RA doses)"}},
    .cost_unit = "",
    .cost_source = "unit price unconfirmed (U); 16-week total cost USD 1593 (Opmeer 2004)",
};

static const psorsim_treatment cyclosporine = {
    .name = "cyclosporine",
    .cls = PSORSIM_TX_SYSTEMIC,
    .target = "calcineurin (with cyclophilin): NFAT, IL-2 and T-cell activation",
    .molecule = "cyclic undecapeptide calcineurin inhibitor (Neoral)",
    .labelled_regimen = "2.5 mg/kg/day orally in 2 doses for >= 4 weeks, then +0.5 mg/kg/day every "
                        "2 weeks to at most 4 mg/kg/day (US label); 2.5-5 mg/kg/day in trials",
    .n_routes = 1,
    .routes =
        {{PSORSIM_ROUTE_ORAL, "mg/kg", 0.625, 7.5,
          "per administration: 2.5-7.5 mg/kg/day in 1-2 doses (US label; Ellis 1991); " RANGE_RULE,
          0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 51.4,
           .f = 0.425,
           .cl_l_day = 420.8,
           .v1_l = 315.7,
           .wt_ref_kg = 70.0,
           .cl_wt_exp = 1.0,
           .v_wt_exp = 1.0,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source =
               "2.5 mg/kg oral in 63 psoriasis patients (Ther Drug Monit 1995;17:302 [P]): F "
               "22-63 % (middle 0.425), V 4.00-5.02 L/kg (middle 4.51), CL 4.1-4.25 mL/min/kg "
               "(0.2505 L/h/kg), per-kg so exponents 1; ka derived from tmax 1.75 h (label "
               "1.5-2.0 h); IIV assumed",
           .t_half_ref_day = 0.5156,
           .ref_source = "terminal t1/2 11.05-13.70 h (Ther Drug Monit 1995 [P]; middle 12.4 h)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TACT, 1.0, 0.0589, 1.0,
                 "assumed: mean steady-state concentration of 2.5 mg/kg/day (0.177 mg/L) / 3; no "
                 "calibration file; to be checked against Ellis 1991 (clear/almost clear 36/65/80 "
                 "% at 3/5/7.5 mg/kg/day, week 8)",
                 0.0}},
    .n_aes = 2,
    .aes = {{"hypertension", 34.5, 0.094,
             "derived: 10.6 % (Feutren 1990 [P]) over an assumed 16-week course; 1.0 % stopped "
             "(US label) -> fraction 0.094"},
            {"nephrotoxicity", 42.4, 0.415,
             "derived: creatinine rise >= 50 % in 13 % at 5 mg/kg (4 % at 2.5; Feutren 1990 [P]) "
             "over an assumed 16-week course; 5.4 % stopped (US label) -> fraction 0.415"}},
    .cost_unit = "",
    .cost_source = "unit price unconfirmed (U); 16-week total cost USD 2114 (Opmeer 2004)",
};

static const psorsim_treatment acitretin = {
    .name = "acitretin",
    .cls = PSORSIM_TX_SYSTEMIC,
    .target = "retinoic-acid receptors: keratinocyte proliferation and differentiation",
    .molecule = "second-generation oral retinoid",
    .labelled_regimen = "25-50 mg orally once daily with food",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_ORAL, "mg", 5.0, 150.0,
                "10-75 mg/day studied (Goldfarb 1988; Borghi 2015); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 46.0,
           .f = 0.6,
           .cl_l_day = 97.86,
           .v1_l = 700.0,
           .wt_ref_kg = 70.0,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source =
               "1-cpt pool of acitretin + 13-cis-acitretin: F 0.6 with food (Dermatology "
               "1989 [P]); t1/2 119 h of the cis isomer in patients [P], which gives the "
               "label's steady state at ~3 weeks [S]; ka from tmax ~3 h (0.9-4.6 h [P]); V "
               "700 L assumed (no volume read; only C / ec50 matters since ec50 uses the same "
               "V), CL = ln 2 V / t1/2; no weight covariate read; IIV assumed",
           .t_half_ref_day = 4.958,
           .ref_source = "13-cis-acitretin t1/2 119 +- 73 h in patients (Neotigason SmPC / patient "
                         "study [P]); parent acitretin ~50 h"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_PROLIF, 1.0, 0.0511, 1.0,
                 "assumed: mean steady-state concentration of 25 mg/day / 3; no calibration file; "
                 "to be checked against Dogra 2013 (PASI75 47/69/53 % at 25/35/50 mg, week 12)",
                 0.0}},
    .n_aes = 1,
    .aes = {{"ae_discontinuation", 47.8, 1.0,
             "derived: 116/525 (22 %) left the US pivotal trials early, mostly mucocutaneous "
             "(Soriatane label [P]), over an assumed 24 weeks"}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment apremilast = {
    .name = "apremilast",
    .cls = PSORSIM_TX_SYSTEMIC,
    .target = "PDE4 (cAMP): production of TNF, IL-23 and IL-17",
    .molecule = "small-molecule PDE4 inhibitor",
    .labelled_regimen = "5-day titration from 10 mg, then 30 mg orally twice daily (30 mg once "
                        "daily in severe renal impairment)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_ORAL, "mg", 5.0, 60.0,
                "10, 20 and 30 mg per dose (label titration); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 23.0,
           .f = 1.0,
           .cl_l_day = 243.6,
           .v1_l = 87.0,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "1-cpt apparent: V/F 87 L (label [P]); CL/F 10.15 L/h derived from the 20 mg "
                     "AUC 1970 ng h/mL (Hoffmann 2011 [P], D); ka derived from tmax 2.5 h (label); "
                     "no weight covariate read; IIV assumed",
           .ref_source = "t1/2 6-9 h (label [P]); the model's 5.9 h sits at the lower end and is "
                         "not used as a test target"},
    .n_effects = 3,
    .effects = {{PSORSIM_NODE_TNF, 0.2493, 0.15, 1.0,
                 "ec50: TNF release IC50 104 nM (Perez-Aso 2015 [P]) x 460.5 g/mol / unbound "
                 "fraction 0.32 (label: 68 % bound); emax calibrated: esteem1-apremilast.yaml "
                 "(partial suppression; one emax for the three nodes; docs/validation.md)",
                 0.0},
                {PSORSIM_NODE_IL23, 0.2493, 0.15, 1.0,
                 "as TNF (one PDE4 mechanism; PDE4 IC50 10-100 nM, Schafer 2014 [P]); emax "
                 "calibrated: esteem1-apremilast.yaml",
                 0.0},
                {PSORSIM_NODE_IL17, 0.2493, 0.15, 1.0,
                 "as TNF (one PDE4 mechanism); emax calibrated: esteem1-apremilast.yaml", 0.0}},
    .n_aes = 3,
    .aes = {{"diarrhoea", 55.4, 0.059,
             "derived: 17 % in weeks 0-16 (label, pooled ESTEEM [P]) / 0.307 y; 1.0 % stopped"},
            {"nausea", 55.4, 0.094,
             "derived: 17 % in weeks 0-16 (label [P]) / 0.307 y; 1.6 % stopped"},
            {"headache", 19.6, 0.133,
             "derived: 6 % in weeks 0-16 (label [P]) / 0.307 y; 0.8 % stopped"}},
    .cost_per_unit = 0.32738,
    .cost_unit = "GBP per mg (2016)",
    .cost_source = "BNF July 2016, NICE TA419: GBP 550 per 56 x 30 mg",
};

static const psorsim_treatment deucravacitinib = {
    .name = "deucravacitinib",
    .cls = PSORSIM_TX_SYSTEMIC,
    .target = "TYK2 (allosteric, JH2 domain): IL-23, IL-12 and type I IFN signalling",
    .molecule = "small-molecule allosteric TYK2 inhibitor",
    .labelled_regimen = "6 mg orally once daily, no titration",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_ORAL, "mg", 3.0, 12.0, "6 mg (POETYK PSO-1); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 24.0,
           .f = 0.99,
           .cl_l_day = 365.8,
           .v1_l = 140.0,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "1-cpt: F 0.99, CL 254 mL/min, V 140 L (Chimalakonda 2023 [P]); ka 24/day "
                     "assumed (tmax not read); no weight covariate read; IIV assumed",
           .ref_source = "quoted t1/2 ~10 h [S] not used: the primary CL and V give 6.4 h (the "
                         "guide asks to choose; the primary values were chosen)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL23, 1.0, 0.00541, 1.0,
                 "assumed: mean steady-state concentration of 6 mg daily (0.0162 mg/L) / 3; the "
                 "whole-blood TYK2 IC50 was not read; no calibration file: psorsim predicts "
                 "POETYK PSO-1",
                 0.0}},
    .n_aes = 0,
    .cost_per_unit = 33.95,
    .cost_unit = "USD per mg (US 2022)",
    .cost_source = "about USD 6,200 per month [S] / (6 mg x 30.44 days); UK price confidential "
                   "(NICE TA907)",
};

static const psorsim_treatment clobetasol_propionate = {
    .name = "clobetasol_propionate",
    .cls = PSORSIM_TX_TOPICAL,
    .target = "glucocorticoid receptor: T-cell activation and keratinocyte proliferation",
    .molecule = "super-potent (class I) topical corticosteroid",
    .labelled_regimen =
        "0.05 % twice daily for up to 2 consecutive weeks (spray, lotion: 4 weeks); "
        "at most 50 g/week (US label)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_TOPICAL, "%", 0.025, 0.05, "0.05 % (label); " TOPICAL_RANGE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT, .ka_per_day = 1.0, .f = 1.0, .source = DEPOT_KA_ASSUMED},
    .n_effects = 2,
    .effects = {{PSORSIM_NODE_TACT, 1.0, 0.0333, 1.0,
                 "assumed: mean depot of the labelled regimen (0.05 % x 2/day / 1 per day = 0.1) "
                 "/ 3; no calibration file; check against Cochrane 2013 (very potent class ~1.8 "
                 "points vs placebo)",
                 0.0},
                {PSORSIM_NODE_PROLIF, 1.0, 0.0333, 1.0,
                 "assumed: same glucocorticoid-receptor occupancy as the T-cell effect", 0.0}},
    .n_aes = 0,
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment betamethasone_dipropionate = {
    .name = "betamethasone_dipropionate",
    .cls = PSORSIM_TX_TOPICAL,
    .target = "glucocorticoid receptor: T-cell activation and keratinocyte proliferation",
    .molecule = "potent topical corticosteroid",
    .labelled_regimen = "0.05 % once or twice daily for 4 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_TOPICAL, "%", 0.025, 0.064,
                "0.05 % as betamethasone (0.064 % as dipropionate; Kragballe 2006); " TOPICAL_RANGE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT, .ka_per_day = 1.0, .f = 1.0, .source = DEPOT_KA_ASSUMED},
    .n_effects = 2,
    .effects = {{PSORSIM_NODE_TACT, 1.0, 0.1, 1.0,
                 "assumed: 3 x clobetasol's ec50 (potent vs super-potent class; no numeric potency "
                 "ratio read; Cochrane 2013 effect sizes ~1.0 vs ~1.8 give the direction); check "
                 "against Kragballe 2006 (PASI -57 to -63 % at week 4)",
                 0.0},
                {PSORSIM_NODE_PROLIF, 1.0, 0.1, 1.0,
                 "assumed: same glucocorticoid-receptor occupancy as the T-cell effect", 0.0}},
    .n_aes = 0,
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

static const psorsim_treatment calcipotriol = {
    .name = "calcipotriol",
    .cls = PSORSIM_TX_TOPICAL,
    .target = "vitamin D receptor: keratinocyte proliferation and differentiation",
    .molecule = "vitamin D3 analogue",
    .labelled_regimen = "0.005 % (50 ug/g) twice (or once) daily for 6-8 weeks; at most 100 g/week",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_TOPICAL, "%", 0.0025, 0.005, "0.005 % (label); " TOPICAL_RANGE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT,
           .ka_per_day = 1.0,
           .f = 1.0,
           .source = "skin depot; ~6 % of the applied dose is absorbed from plaques (Dovonex label "
                     "[P]); residence time unconfirmed, loss rate 1/day assumed"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_PROLIF, 1.0, 0.00333, 1.0,
                 "assumed: mean depot of the labelled regimen (0.005 % x 2/day / 1 per day) / 3; "
                 "no calibration file; check against Kragballe 1991 (PASI -68.8 % at week 6) and "
                 "Kragballe 2006 (-46 to -59 % at week 4)",
                 0.0}},
    .n_aes = 1,
    .aes =
        {{"local_irritation", 169.6, 0.285,
          "derived: 19.5 % in 6 weeks (JAAD 1992, PMID 1583173 [P]) / 0.115 y; withdrawals 4.3 % "
          "of AEs 15.1 % (Kragballe 1991 [P]) -> fraction 0.285"}},
    .cost_per_unit = 0.78,
    .cost_unit = "GBP per g of product (UK private pharmacy, not NHS)",
    .cost_source = "Dovonex 30 g GBP 23.40, retailer [S]",
};

static const psorsim_treatment calcipotriol_betamethasone = {
    .name = "calcipotriol_betamethasone",
    .cls = PSORSIM_TX_TOPICAL,
    .target = "vitamin D receptor and glucocorticoid receptor",
    .molecule = "fixed combination: calcipotriol 50 ug/g + betamethasone 0.5 mg/g (as "
                "dipropionate); strength is given as the calcipotriol content",
    .labelled_regimen = "once daily for 4 weeks (ointment, foam); gel up to 8 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_TOPICAL, "%", 0.0025, 0.005,
                "calcipotriol content 0.005 % (betamethasone 0.05 % alongside); " TOPICAL_RANGE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT, .ka_per_day = 1.0, .f = 1.0, .source = DEPOT_KA_ASSUMED},
    .n_effects = 3,
    .effects = {{PSORSIM_NODE_TACT, 1.0, 0.01, 1.0,
                 "betamethasone part: its ec50 0.1 (% betamethasone) in calcipotriol-content "
                 "units (x 0.005/0.05); check against Kragballe 2006 (PASI -65 to -74 % at week 4)",
                 0.0},
                {PSORSIM_NODE_PROLIF, 1.0, 0.01, 1.0, "betamethasone part, as above", 0.0},
                {PSORSIM_NODE_PROLIF, 1.0, 0.00333, 1.0,
                 "calcipotriol part: calcipotriol's ec50 (same units); the two PROLIF effects "
                 "combine as independent inhibitions",
                 0.0}},
    .n_aes = 1,
    .aes = {{"adverse_drug_reaction", 99.1, 0.0,
             "derived: 7.6 % in 4 weeks (foam, PSO-ABLE, Paul 2017 [P]) / 0.077 y; "
             "discontinuation not reported (0)"}},
    .cost_per_unit = 0.386,
    .cost_unit = "GBP per g of ointment (England, March 2024)",
    .cost_source = "Drug Tariff price concession: GBP 11.58 per 30 g [S]",
};

static const psorsim_treatment tazarotene = {
    .name = "tazarotene",
    .cls = PSORSIM_TX_TOPICAL,
    .target = "retinoic-acid receptors beta/gamma: keratinocyte differentiation and "
              "proliferation",
    .molecule = "topical retinoid prodrug (tazarotenic acid)",
    .labelled_regimen = "0.05 % or 0.1 % gel or cream once daily in the evening for 12 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_TOPICAL, "%", 0.025, 0.1, "0.05 and 0.1 % (AHFS); " TOPICAL_RANGE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SKIN_DEPOT,
           .ka_per_day = 0.9242,
           .f = 1.0,
           .source =
               "skin depot; loss rate = ln 2 / 18 h, the tazarotenic-acid half-life (Tang-Liu "
               "1999 [P]), assumed to hold in skin; 4-6 % of the dose in the stratum corneum "
               "at 10 h"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_PROLIF, 1.0, 0.0361, 1.0,
                 "assumed: mean depot of 0.1 % once daily (0.108) / 3; no calibration file; check "
                 "against Krueger 1998 (>= 75 % improvement in 45 % vs 13 % at week 6)",
                 0.0}},
    .n_aes = 1,
    .aes = {{"local_irritation", 86.9, 0.0,
             "derived: pruritus, burning, erythema each 10-30 % (gel label [P]; middle 20 %) over "
             "12 weeks; discontinuation not reported (0)"}},
    .cost_unit = "",
    .cost_source = "unconfirmed (U)",
};

const psorsim_treatment *const psr_tx_systemic_topical[] = {
    &methotrexate,
    &cyclosporine,
    &acitretin,
    &apremilast,
    &deucravacitinib,
    &clobetasol_propionate,
    &betamethasone_dipropionate,
    &calcipotriol,
    &calcipotriol_betamethasone,
    &tazarotene,
};
const int psr_tx_n_systemic_topical =
    (int)(sizeof(psr_tx_systemic_topical) / sizeof(psr_tx_systemic_topical[0]));
