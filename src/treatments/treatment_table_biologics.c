/* src/treatments/treatment_table_biologics.c
 *
 * The twelve biologics of the treatment library as static const records:
 * population PK (typical values at the model's reference weight, weight
 * exponents, IIV), the cytokine node each neutralises, dose rules, adverse
 * events and cost. Every number comes from the pharmacology guide
 * (../shared/guide/pharmacology-biologics.md, tags [P] [T] [L] [S] as
 * there); docs/treatments.md explains each choice, the derived values and
 * what is assumed.
 *
 * Effect design: a neutralising antibody acts on its cytokine node with
 * E = C / (C + ec50) (emax 1, Hill 1). Drugs of one class differ only by PK
 * and potency. Classes with calibration files have fitted ec50s; IL-17A
 * keeps its anchor rule (steady-state trough of the labelled regimen / 9),
 * and the other members are set by published relative affinities.
 */
#include "treatment_table_impl.h"

/* Dose-range rule for every biologic: half the smallest to twice the largest
 * dose per administration in the guide's labels and trials. */
#define RANGE_RULE "half the smallest to twice the largest dose per administration in the guide"

#define SERIOUS_INF_CLASS                                                                          \
  "class-level: all biologics in US claims, 190 serious infections in 9,264 PY (Ann Rheum Dis "    \
  "2020;79:285 [P]); no drug-specific rate in the guide; discontinuation assumed 0.5"

/* Class ec50s (mg/L), docs/treatments.md and docs/validation.md, refitted in
 * issue 15 with the per-site treatment sensitivity (docs/model.md 3.8) and
 * the dose-ranging files: one TNF value for etanercept, adalimumab,
 * infliximab and certolizumab; the high-affinity p19 value (guselkumab;
 * tildrakizumab 5 x); the p40 value (ustekinumab); IL-17A (secukinumab). */
#define EC50_TNF      1.041 /* fitted: leonardi2003, reveal, express, cimpasi1, xplore */
#define EC50_IL23_P19 0.284 /* fitted: voyage1, xplore (5 doses), resurface1 (via x 5) */
#define EC50_IL23_P40 1.313 /* fitted: phoenix1-ustekinumab (2 endpoints, scan) */
#define EC50_IL17A    2.032 /* fitted: erasure, secukinumab phase 2 (2 doses) */

static const psorsim_treatment etanercept = {
    .name = "etanercept",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "TNF",
    .molecule = "TNF receptor 2 (p75) extracellular domain - IgG1 Fc fusion protein",
    .labelled_regimen = "50 mg SC twice weekly for 12 weeks, then 50 mg weekly (trial schedule; "
                        "label wording unconfirmed); 25 mg twice weekly or 50 mg weekly (NICE)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 12.5, 100.0,
                "25 and 50 mg per injection (Leonardi 2003, Papp 2005, NICE TA199); " RANGE_RULE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.79596,
           .f = 1.0,
           .cl_l_day = 3.1,
           .v1_l = 22.5,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = 0.411,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "psoriasis popPK, J Pharmacokinet Pharmacodyn 2004;31:463 [P]: CL/F 3.1 L/day "
                     "(men, steady state), V/F 22.5 L (after week 4), apparent so F = 1; ka from "
                     "absorption half-life 20.9 h and IIV CL 41.1 % (RA popPK, Lee PAGE [S]); "
                     "reference weight, weight exponents and other IIV assumed (class medians)",
           .t_half_ref_day = 5.0,
           .ref_source =
               "t1/2 3-5 days (TNFi PK review, PMC6348387 [S]); about 5 days derived "
               "from the psoriasis V/F and CL/F (guide 3.1). Trough not used: the guide's "
               "3.0 mg/L after 50 mg weekly (Italian monograph [S]) exceeds this model's "
               "average concentration 2.3 mg/L (docs/treatments.md)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 1.0, EC50_TNF, 1.0,
                 "calibrated: TNF class value fitted jointly to leonardi2003-etanercept, "
                 "reveal-adalimumab and express-infliximab (alone: 3 mg/L); no KD published",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 1.53, 0.5,
             "BADBIR, Yiu 2018 JID [P] (15.3 per 1000 PY); discontinuation fraction assumed"}},
    .cost_per_unit = 3.575,
    .cost_unit = "GBP per mg (2009-10)",
    .cost_source = "BNF 58 / NICE TA199: GBP 178.75 per 50 mg",
};

static const psorsim_treatment adalimumab = {
    .name = "adalimumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "TNF",
    .molecule = "human IgG1 anti-TNF antibody",
    .labelled_regimen = "80 mg SC week 0, 40 mg week 1, then 40 mg every 2 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 20.0, 160.0,
                "40 and 80 mg (REVEAL, VOYAGE 1 design); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.15,
           .f = 0.64,
           .cl_l_day = 0.269,
           .v1_l = 5.4332,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source =
               "no psoriasis popPK values retrieved: 1-cpt; CL 0.269 L/day and F 64 % (TNFi PK "
               "review PMC6348387 [S]); ka 0.15/day (Ternant 2015 reference model, RA, via "
               "nlmixr2lib [T]); V derived = t1/2 14 d x CL / ln 2; weight and IIV assumed",
           .t_half_ref_day = 14.0,
           .ref_source = "t1/2 14 days (TNFi PK review PMC6348387 [S]); no typical trough: the "
                         "therapeutic trough range 3.51-7.00 mg/L (Menting 2015 [P]) is checked "
                         "in tests/treatments/test_treatment_pk.c"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 1.0, EC50_TNF, 1.0,
                 "calibrated: TNF class value fitted jointly to reveal-adalimumab, leonardi2003 "
                 "and express (alone: 2.5 mg/L); engagement 69 % at the 6.05 mg/L trough; "
                 "Wilkinson 2019: PASI75 plateau above 7 mg/L",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 1.39, 0.5,
             "BADBIR, Yiu 2018 JID [P] (13.9 per 1000 PY); discontinuation fraction assumed"}},
    .cost_per_unit = 13.185,
    .cost_unit = "EUR per mg (Finland 2018, ex-VAT)",
    .cost_source = "Cost Eff Resour Alloc 2018;16:56: EUR 527.41 per 40 mg (UK price not found)",
};

static const psorsim_treatment infliximab = {
    .name = "infliximab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "TNF",
    .molecule = "chimeric human-murine IgG1 anti-TNF antibody",
    .labelled_regimen = "5 mg/kg IV at weeks 0, 2 and 6, then every 8 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_INTRAVENOUS, "mg/kg", 1.5, 10.0,
                "3 and 5 mg/kg (EXPRESS, EXPRESS II, SPIRIT; US label 14.7); " RANGE_RULE, 1.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.0,
           .f = 1.0,
           .cl_l_day = 0.26,
           .v1_l = 3.3759,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = 0.0,
           .source = "no psoriasis popPK found: 1-cpt IV; CL 0.26 L/day (5 mg/kg, RA, TNFi PK "
                     "review PMC6348387 [S]); V derived = 9 d (middle of t1/2 8-10 d) x CL / ln 2; "
                     "reference weight, exponents and IIV assumed",
           .t_half_ref_day = 9.0,
           .ref_source = "t1/2 8-10 days, label level (TNFi PK review PMC6348387 [S]); no trough "
                         "in the guide (0.92 mg/L is a PASI75 threshold, not a typical value)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 1.0, EC50_TNF, 1.0,
                 "calibrated: TNF class value fitted jointly to express-infliximab, reveal and "
                 "leonardi2003 (alone: 3 mg/L); no KD published",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.12, 0.5,
             "PSOLAR PsA subgroup, Ritchlin 2019 BMC Rheumatol 3:52 Table 4 [P]; discontinuation "
             "fraction assumed"}},
    .cost_per_unit = 4.3606,
    .cost_unit = "EUR per mg (Finland 2018, ex-VAT)",
    .cost_source = "Cost Eff Resour Alloc 2018;16:56: EUR 436.06 per 100 mg vial",
};

static const psorsim_treatment certolizumab_pegol = {
    .name = "certolizumab_pegol",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "TNF",
    .molecule = "PEGylated humanized anti-TNF Fab' fragment (no Fc)",
    .labelled_regimen = "400 mg SC at weeks 0, 2 and 4, then 200 mg every 2 weeks (400 mg every 2 "
                        "weeks for insufficient response)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 100.0, 800.0,
                "200 and 400 mg (NICE TA574, CIMPASI-1/2, CIMPACT); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.3,
           .f = 0.8,
           .cl_l_day = 0.408,
           .v1_l = 8.2407,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source =
               "no popPK found: 1-cpt; CL 0.408 L/day, F 80 % (TNFi PK review PMC6348387 "
               "[S]); V derived = t1/2 14 d x CL / ln 2; ka 0.3/day assumed (within the "
               "guide's mAb range 0.18-1.1; gives Cmax 53 mg/L after the 400 mg loading doses "
               "vs 43-49 published); weight and IIV assumed",
           .t_half_ref_day = 14.0,
           .ref_source = "t1/2 about 14 days (TNFi PK review PMC6348387 [S]); no trough in the "
                         "guide"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_TNF, 1.0, EC50_TNF, 1.0,
                 "TNF class value fitted to the three TNF calibration files; no own calibration "
                 "file, no KD published: psorsim predicts certolizumab",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_per_unit = 2.41535,
    .cost_unit = "EUR per mg (Finland 2018, ex-VAT)",
    .cost_source = "Cost Eff Resour Alloc 2018;16:56: EUR 483.07 per 200 mg",
};

static const psorsim_treatment ustekinumab = {
    .name = "ustekinumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-12/IL-23 p40",
    .molecule = "human IgG1 kappa anti-p40 antibody",
    .labelled_regimen = "45 mg SC (<= 100 kg) or 90 mg (> 100 kg) at weeks 0 and 4, then every 12 "
                        "weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 22.5, 180.0,
                "45 and 90 mg (NICE TA180, PHOENIX 1); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.354,
           .f = 1.0,
           .cl_l_day = 0.465,
           .v1_l = 15.7,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = 0.41,
           .iiv_v_cv = 0.332,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "Zhu 2009 J Clin Pharmacol 49(2), PHOENIX 1+2 [P]: 1-cpt, CL/F 0.465 L/day, "
                     "V/F 15.7 L, ka 0.354/day, IIV CL 41.0 %, V 33.2 %; apparent so F = 1; the "
                     "reference weight and weight exponents were not retrieved (assumed)",
           .t_half_ref_day = 23.4,
           .trough_ref_mg_l = 0.28,
           .ref_source =
               "guide 3.5 (derived from Zhu 2009): t1/2 0.693 x 15.7 / 0.465 = 23.4 d; "
               "model-predicted steady-state trough 0.28 mg/L on 45 mg (real-world median "
               "0.3 mg/L [P])"},
    .n_effects = 1,
    .effects =
        {{PSORSIM_NODE_IL23, 1.0, EC50_IL23_P40, 1.0,
          "calibrated: fitted to phoenix1-ustekinumab.yaml (start was 5 x guselkumab's, from "
          "the ~5-fold lower IL-23 affinity than risankizumab and guselkumab, Zhou 2021 MAbs "
          "13:1964420 [P]; the two fits came out equal, docs/validation.md)",
          0.0}},
    .n_aes = 2,
    .aes = {{"serious_infection", 1.51, 0.5,
             "BADBIR, Yiu 2018 JID [P] (15.1 per 1000 PY); discontinuation fraction assumed"},
            {"ae_discontinuation", 1.39, 1.0,
             "derived: 1/313 stopped for AEs in 12 weeks (AMAGINE-3 comparator arm, Cochrane "
             "tables [S]) = 0.32 % / 0.23 y"}},
    .cost_per_unit = 47.711,
    .cost_unit = "GBP per mg at 45 mg (2009-15; 90 mg costs the same per injection)",
    .cost_source = "MIMS 2009 / BNF 2015, NICE TA180 and TA340: GBP 2,147 per 45 mg or 90 mg",
};

static const psorsim_treatment secukinumab = {
    .name = "secukinumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-17A",
    .molecule = "human IgG1 kappa anti-IL-17A antibody",
    .labelled_regimen = "300 mg SC at weeks 0, 1, 2, 3 and 4, then every 4 weeks (EU: every 2 "
                        "weeks may help patients >= 90 kg)",
    .n_routes = 1,
    .routes =
        {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 12.5, 600.0,
          "25 mg (phase 2, Papp 2013 Br J Dermatol 168:412) to 300 mg (Swiss PI); " RANGE_RULE,
          0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.6,
           .f = 0.73,
           .cl_l_day = 0.16,
           .v1_l = 6.2325,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "Bruin 2017 2-cpt parameter table not retrieved (unconfirmed): 1-cpt with CL "
                     "0.16 L/day (AS review [S]), F 73 % (Swiss PI [L]), V derived = t1/2 27 d x "
                     "CL / ln 2 (the IV Vz 7.1-8.6 L of the Swiss PI is larger), ka derived from "
                     "tmax 5-6 days after a single dose (Swiss PI); weight and IIV assumed",
           .t_half_ref_day = 27.0,
           .ref_source = "terminal t1/2 27 days (Bruin 2017 as quoted [S]); no typical trough in "
                         "the guide; Cmax 27.3 (single 300 mg) and 55.2 mg/L (steady state) "
                         "(Swiss PI [L]) are checked in tests/treatments/test_treatment_pk.c"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL17, 1.0, EC50_IL17A, 1.0,
                 "calibrated: erasure-secukinumab.yaml (psorsim calibrate, tools/calibration.yaml; "
                 "docs/validation.md); prior = steady-state trough 34.9 mg/L / 9 (Soenen: trough "
                 ">= 39.1 mg/L gives 92.7 % optimal response)",
                 0.0}},
    .n_aes = 3,
    .aes = {{"serious_infection", 1.4, 0.5,
             "pooled trials EAIR (N 3893, 7769 PY) [S]; discontinuation fraction assumed"},
            {"candida", 2.1, 0.0, "pooled EAIR 2.1 /100 PY [S]; treated, not a reason to stop"},
            {"ibd", 0.3, 1.0,
             "pooled PsO/PsA EAIR 0.3 /100 PY (Schreiber 2019 Ann Rheum Dis 78:473 [P]); "
             "stopping assumed (label IBD caution)"}},
    .cost_per_unit = 4.0626,
    .cost_unit = "GBP per mg (2015)",
    .cost_source = "MIMS May 2015, NICE TA350: GBP 1,218.78 per 300 mg",
};

static const psorsim_treatment ixekizumab = {
    .name = "ixekizumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-17A",
    .molecule = "humanized IgG4 anti-IL-17A antibody",
    .labelled_regimen =
        "160 mg SC week 0; 80 mg at weeks 2, 4, 6, 8, 10 and 12; then 80 mg every 4 "
        "weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 2.5, 320.0,
                "dose-proportional 5-160 mg studied (UK SmPC); label 80 and 160 mg; " RANGE_RULE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 2,
           .ka_per_day = 0.19224,
           .f = 0.72,
           .cl_l_day = 0.288,
           .v1_l = 2.72,
           .q_l_day = 0.2856,
           .v2_l = 2.11,
           .wt_ref_kg = 58.6,
           .cl_wt_exp = 0.989,
           .v_wt_exp = 0.998,
           .iiv_cl_cv = 0.284,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "Jackson 2022 BJCP 88:1074 Table 2 (IXORA-PEDS, via nlmixr2lib) [T]: 2-cpt at "
                     "58.6 kg, CL 0.0120 L/h, V2 2.72 L, V3 2.11 L, Q 0.0119 L/h, ka 0.00801/h, "
                     "exponents 0.989 (CL, Q) and 0.998 (V), IIV CL 28.4 %; F 0.72 = the adult "
                     "value fixed there; at 79 kg it gives the adult CL 0.39 L/day (SmPC); other "
                     "IIV assumed",
           .t_half_ref_day = 13.0,
           .ref_source = "adult t1/2 13 days (UK SmPC via Lilly medical [L]). Trough not used: "
                         "this model at adult CL gives 2.6 mg/L on 80 mg every 4 weeks vs SmPC "
                         "1.87 mg/L (adult popPK not retrieved; docs/treatments.md)"},
    .n_effects = 1,
    .effects =
        {{PSORSIM_NODE_IL17, 1.0, 0.1 * EC50_IL17A, 1.0,
          "assumed: IL-17A class value / 10, since ixekizumab is 'markedly more potent' than "
          "secukinumab in SPR and functional assays (Adams 2020 Front Immunol 11:1894 [P], "
          "ratio not retrieved); no calibration file: psorsim predicts ixekizumab",
          0.0}},
    .n_aes = 2,
    .aes = {{"candida", 1.9, 0.0,
             "IR 1.9 /100 PY, psoriasis, 25 studies, 18,026 PY [S]; treated, not a reason to stop"},
            {"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_per_unit = 14.0625,
    .cost_unit = "GBP per mg (2018)",
    .cost_source = "NICE TA537: GBP 1,125 per 80 mg",
};

static const psorsim_treatment brodalumab = {
    .name = "brodalumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-17 receptor A",
    .molecule = "human IgG2 anti-IL-17RA antibody",
    .labelled_regimen = "210 mg SC at weeks 0, 1 and 2, then every 2 weeks; stop if no response by "
                        "12-16 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 70.0, 420.0,
                "140 and 210 mg (AMAGINE-1/2/3, EU SmPC); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 2,
           .ka_per_day = 0.3,
           .f = 0.548,
           .cl_l_day = 0.155,
           .v1_l = 4.68,
           .q_l_day = 0.328,
           .v2_l = 2.41,
           .vmax_mg_day = 6.07,
           .km_mg_l = 0.02,
           .wt_ref_kg = 90.0,
           .cl_wt_exp = 0.767,
           .v_wt_exp = 0.938,
           .iiv_cl_cv = 0.575,
           .iiv_v_cv = 0.255,
           .iiv_ka_cv = 0.626,
           .source = "Timmermann 2019 BCPT 125:16 Table 3 (via nlmixr2lib) [T]: 2-cpt, linear + "
                     "Michaelis-Menten elimination, 90 kg; Km fixed from Endres 2014; F 0.548 "
                     "fixed; weight exponents CL 0.767, Vmax 0.769 (applied as the CL exponent), "
                     "V1 0.938 (psorsim also applies it to V2, which had none)",
           .t_half_ref_day = 0.0,
           .trough_ref_mg_l = 8.0,
           .ref_source =
               "no terminal t1/2 (nonlinear); trough: guide 3.8 model-predicted (derived) "
               "steady state 8.0 mg/L on 210 mg every 2 weeks (9.5 at week 12)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL17, 1.0, 0.02, 1.0,
                 "derived: receptor occupancy C / (C + Km) with the popPK Km 0.02 mg/L "
                 "(Timmermann 2019 / Endres 2014 [T]), the concentration at which the "
                 "receptor-mediated elimination is half saturated; no calibration file",
                 0.0}},
    .n_aes = 1,
    .aes = {{"ae_discontinuation", 3.91, 1.0,
             "derived: 2/222 (0.9 %) stopped for AEs in 12 weeks on 210 mg (AMAGINE-1, Cochrane "
             "tables [S]); suicidality boxed warning and Candida in 4.0 % are not rates per PY"}},
    .cost_unit = "",
    .cost_source = "not found in the guide",
};

static const psorsim_treatment bimekizumab = {
    .name = "bimekizumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-17A and IL-17F",
    .molecule = "humanized IgG1 kappa anti-IL-17A/F antibody",
    .labelled_regimen = "320 mg SC at weeks 0, 4, 8, 12 and 16, then every 8 weeks (>= 120 kg: "
                        "every 4 weeks may help)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 160.0, 640.0,
                "320 mg (2 x 160 mg, EU SmPC 4.2); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.499,
           .f = 1.0,
           .cl_l_day = 0.512,
           .v1_l = 14.5,
           .wt_ref_kg = 95.0,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = PSR_TX_IIV_CL_MED,
           .iiv_v_cv = PSR_TX_IIV_V_MED,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source = "no psoriasis popPK found: hidradenitis popPK (Gallais, ACoP 2024 poster [S]) "
                     "at 95 kg, 1-cpt, CL/F 0.512 L/day, V/F 14.5 L, ka 0.499/day, apparent so "
                     "F = 1; weight exponents and IIV assumed",
           .t_half_ref_day = 23.0,
           .ref_source = "t1/2 about 23 days, label level, unconfirmed from the label itself "
                         "(pharmacy information pages [S]); no trough in the guide"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL17, 1.0, 0.1 * EC50_IL17A, 1.0,
                 "assumed: same as ixekizumab, IL-17A affinity 3.2 pM equivalent to ixekizumab and "
                 "markedly above secukinumab (Adams 2020 [P]); IL-17F (23 pM) is part of the same "
                 "node; no calibration file: psorsim predicts bimekizumab",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_unit = "",
    .cost_source = "not found in the guide",
};

static const psorsim_treatment guselkumab = {
    .name = "guselkumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-23 p19",
    .molecule = "human IgG1 lambda anti-p19 antibody",
    .labelled_regimen = "100 mg SC at weeks 0 and 4, then every 8 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 2.5, 400.0,
                "100 mg (NICE TA521, VOYAGE 1); 5-200 mg in the X-PLORE phase 2 (Gordon 2015 "
                "N Engl J Med 373:136); " RANGE_RULE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 1.11,
           .f = 1.0,
           .cl_l_day = 0.516,
           .v1_l = 13.5,
           .wt_ref_kg = 87.1,
           .cl_wt_exp = 0.998,
           .v_wt_exp = 0.829,
           .iiv_cl_cv = 0.356,
           .iiv_v_cv = 0.28,
           .iiv_ka_cv = 1.29,
           .source = "Yao 2018 J Clin Pharmacol 58:613 Table 4 (via nlmixr2lib) [T]: 1-cpt, "
                     "87.1 kg, CL/F 0.516 L/day, V/F 13.5 L, ka 1.11/day, exponents 0.998 (CL) and "
                     "0.829 (V), IIV 35.6 / 28.0 / 129 %; apparent so F = 1 (diabetes x1.12 and "
                     "non-White x1.11 on CL not represented)",
           .t_half_ref_day = 16.5,
           .trough_ref_mg_l = 1.0,
           .ref_source = "t1/2 15-18 days in psoriasis (Tremfya Swiss PI [L]; middle 16.5); trough "
                         "1.0 mg/L at steady state, model-predicted from Yao 2018 (guide 3.10, "
                         "derived)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL23, 1.0, EC50_IL23_P19, 1.0,
                 "calibrated: fitted to voyage1-guselkumab.yaml (start was the steady-state trough "
                 "1.02 mg/L / 9)",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_per_unit = 22.5,
    .cost_unit = "GBP per mg (2018)",
    .cost_source = "BNF March 2018, NICE TA521: GBP 2,250 per 100 mg",
};

static const psorsim_treatment risankizumab = {
    .name = "risankizumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-23 p19",
    .molecule = "humanized IgG1 anti-p19 antibody",
    .labelled_regimen = "150 mg SC at weeks 0 and 4, then every 12 weeks",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 75.0, 300.0, "150 mg (NICE TA596); " RANGE_RULE,
                0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 2,
           .ka_per_day = 0.229,
           .f = 0.89,
           .cl_l_day = 0.243,
           .v1_l = 4.86,
           .q_l_day = 0.656,
           .v2_l = 4.25,
           .wt_ref_kg = 70.0,
           .cl_wt_exp = 0.933,
           .v_wt_exp = 1.17,
           .iiv_cl_cv = 0.24,
           .iiv_v_cv = 0.34,
           .iiv_ka_cv = 0.63,
           .source =
               "Suleiman 2019 Clin Pharmacokinet 58:1309 Table 3 (via nlmixr2lib) [T]: 2-cpt, "
               "70 kg, phase 3 product F 0.890; exponents CL 0.933, Vc 1.17 (psorsim also "
               "applies it to Vp, published 0.377); albumin, creatinine, CRP and ADA "
               "covariates at reference",
           .t_half_ref_day = 27.0,
           .trough_ref_mg_l = 2.0,
           .ref_source = "t1/2 about 27 days (phase I/II popPK, PMC6373392 [P]); trough 2.0 mg/L "
                         "at steady state, 70 kg, model-predicted from Suleiman 2019 (guide 3.11, "
                         "derived)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL23, 1.0, EC50_IL23_P19, 1.0,
                 "guselkumab's fitted value: same ~5-fold higher IL-23 affinity as guselkumab "
                 "(Zhou 2021 MAbs [P]); no calibration file: psorsim predicts risankizumab",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_unit = "",
    .cost_source = "not found per unit; US net annual cost 2021 USD 70,043 (Rome 2025 [S])",
};

static const psorsim_treatment tildrakizumab = {
    .name = "tildrakizumab",
    .cls = PSORSIM_TX_BIOLOGIC,
    .target = "IL-23 p19",
    .molecule = "humanized IgG1 kappa anti-p19 antibody",
    .labelled_regimen = "100 mg SC at weeks 0 and 4, then every 12 weeks (EU: 200 mg for high "
                        "disease burden or >= 90 kg)",
    .n_routes = 1,
    .routes = {{PSORSIM_ROUTE_SUBCUTANEOUS, "mg", 50.0, 400.0,
                "100 and 200 mg (reSURFACE 1/2, NICE TA575); " RANGE_RULE, 0.0}},
    .pk = {.kind = PSORSIM_PK_SYSTEMIC,
           .n_cmt = 1,
           .ka_per_day = 0.4621,
           .f = 1.0,
           .tlag_day = 0.05,
           .cl_l_day = 0.32,
           .v1_l = 10.8,
           .wt_ref_kg = PSR_TX_WT_TYPICAL,
           .cl_wt_exp = PSR_TX_CL_WT_EXP_MED,
           .v_wt_exp = PSR_TX_V_WT_EXP_MED,
           .iiv_cl_cv = 0.38,
           .iiv_v_cv = 0.24,
           .iiv_ka_cv = PSR_TX_IIV_KA_MED,
           .source =
               "Clin Pharmacokinet 2019;58:1059 (PMID 30915660) [P]: 1-cpt, lag 1.2 h, CL "
               "0.32 L/day (38 %), V 10.8 L (24 %), ka from absorption t1/2 1.5 d; treated as "
               "apparent (F = 1) as the guide's consistency check shows; weight exponent not "
               "retrieved (assumed)",
           .t_half_ref_day = 23.4,
           .trough_ref_mg_l = 1.35,
           .ref_source = "elimination t1/2 23.4 days (same paper [P]); trough at week 16, where "
                         "the label puts steady state: 1.22-1.47 mg/L (US label 12.3 [L], middle "
                         "1.35)"},
    .n_effects = 1,
    .effects = {{PSORSIM_NODE_IL23, 1.0, 5.0 * EC50_IL23_P19, 1.0,
                 "5 x the fitted p19 value (guselkumab): ~5-fold lower IL-23 affinity than "
                 "risankizumab and guselkumab, which bind the same p19 subunit (Zhou 2021 MAbs "
                 "[P]); no calibration file: psorsim predicts tildrakizumab",
                 0.0}},
    .n_aes = 1,
    .aes = {{"serious_infection", 2.1, 0.5, SERIOUS_INF_CLASS}},
    .cost_unit = "",
    .cost_source = "not found in the guide",
};

const psorsim_treatment *const psr_tx_biologics[] = {
    &etanercept, &adalimumab, &infliximab,  &certolizumab_pegol, &ustekinumab,  &secukinumab,
    &ixekizumab, &brodalumab, &bimekizumab, &guselkumab,         &risankizumab, &tildrakizumab,
};
const int psr_tx_n_biologics = (int)(sizeof(psr_tx_biologics) / sizeof(psr_tx_biologics[0]));
