/* src/cells/cell_table.c
 *
 * The cell-therapy entries of the treatment library: one psorsim_treatment
 * per MSC source (bone marrow, adipose, umbilical cord, iPSC-derived), with
 * cell kinetics (PSORSIM_PK_CELLS), effects on the psoriasis model's inputs,
 * dose rules, adverse events, costs and the tumourigenicity flag. Every
 * number, its source and its evidence grade (A primary, B secondary, U
 * unconfirmed/assumed; ../shared/guide/cell-therapy.md) is in
 * docs/cell-therapy.md. The sources share the kinetics (no source-specific
 * human kinetics exist) and differ where the guide documents a difference:
 * immunosuppressive potency per cell, senescence with passage, tissue factor
 * (safety note) and tumourigenicity. Static const data: thread-safe.
 */
#include <stddef.h>

#include <psorsim/cells.h>

/* Kinetics shared by every source (docs/cell-therapy.md section 2). */
#define CELL_LUNG_T_HALF   1.0  /* days: Lee 2009, mouse, A */
#define CELL_LOCAL_T_HALF  4.0  /* days: derived from Srifa 2020 (cleared over ~3 weeks), U */
#define CELL_HOMING        5e-4 /* ceiling from Lee 2009 (<0.05 % outside the lung), A/U */
#define CELL_IMMUNE_T_HALF 60.0 /* days: no human source (U); responses last months */
#define CELL_GAIN          1.0  /* unit of the immune state: 10^6 cells/kg cleared */
#define CELL_KIN_CV        0.5  /* mouse-to-human translation of the half-lives (U) */
#define CELL_IMMUNE_CV     1.0  /* no source at all (U) */
#define CELL_EFFECT_CV     1.0  /* ~30 patients of evidence, effect may be ~0 (U) */

/* Effects of the reference (bone-marrow) product; other sources scale the EC50s. */
#define EC50_TREG   20.0 /* immune-state units (10^6 cells/kg cleared) */
#define EC50_IL23   20.0
#define EC50_PROLIF 0.5 /* 10^6 cells/kg in skin */
#define EMAX_TREG   1.0
#define EMAX_IL23   0.6
#define EMAX_PROLIF 0.3

#define SRC_TREG                                                                                   \
  "assumed size (U): Treg rose after UC-MSC (Cheng 2022, direction A); calibrated so that "        \
  "1-2 x 10^6/kg x 3 gives PASI40 in about half (Cheng 2022 8/17)"
#define SRC_IL23                                                                                   \
  "assumed size (U): PGE2 blocks monocyte->DC differentiation and IL-12 (Spaggiari 2009, A "       \
  "qualitative); Th17 and IL-17 fell in responders (Cheng 2022, A direction)"
#define SRC_PROLIF                                                                                 \
  "assumed (U): paracrine skin repair (Srifa 2020, mouse wounds); no keratinocyte effect "         \
  "measured in psoriasis"

#define CELL_PK(pass_loss, effect_cv)                                                              \
  {                                                                                                \
    .kind = PSORSIM_PK_CELLS, .wt_ref_kg = 70.0,                                                   \
    .source = "Lee 2009 (lung t1/2 ~24 h, mouse); Eggenhofer 2012; Srifa 2020 (local, days-3 "     \
              "weeks); host immune state: no human source",                                        \
    .t_half_ref_day = CELL_LUNG_T_HALF, .ref_source = "Lee RH et al. Cell Stem Cell 2009 (A)",     \
    .cell_lung_t_half_day = CELL_LUNG_T_HALF, .cell_local_t_half_day = CELL_LOCAL_T_HALF,          \
    .cell_homing_fraction = CELL_HOMING, .cell_immune_t_half_day = CELL_IMMUNE_T_HALF,             \
    .cell_immune_gain = CELL_GAIN, .cell_passage_loss = (pass_loss),                               \
    .cell_iiv_kinetics_cv = CELL_KIN_CV, .cell_iiv_immune_cv = CELL_IMMUNE_CV,                     \
    .cell_iiv_effect_cv = (effect_cv)                                                              \
  }

/* potency: immunosuppression per cell relative to bone marrow (EC50s divided by it) */
#define CELL_EFFECTS(potency)                                                                      \
  {                                                                                                \
    {PSORSIM_NODE_TREG, EMAX_TREG, EC50_TREG / (potency), 1.0, SRC_TREG, 0.0},                     \
        {PSORSIM_NODE_IL23, EMAX_IL23, EC50_IL23 / (potency), 1.0, SRC_IL23, 0.0},                 \
        {PSORSIM_NODE_PROLIF, EMAX_PROLIF, EC50_PROLIF / (potency), 1.0, SRC_PROLIF, 0.0},         \
  }

#define CELL_ROUTES                                                                                \
  {                                                                                                \
    {PSORSIM_ROUTE_INTRAVENOUS,                                                                    \
     "cells/kg",                                                                                   \
     0.25e6,                                                                                       \
     6e6,                                                                                          \
     "half of 0.5e6 to twice 3e6 cells/kg (psoriasis studies, Yao 2021, Wang 2020; A)",            \
     1.0},                                                                                         \
        {PSORSIM_ROUTE_SUBCUTANEOUS,                                                               \
         "cells",                                                                                  \
         1e6,                                                                                      \
         2.4e8,                                                                                    \
         "up to twice the 1.2e8 local dose of Alofisel (A); lower bound assumed",                  \
         1.0},                                                                                     \
        {PSORSIM_ROUTE_INTRADERMAL,                                                                \
         "cells",                                                                                  \
         1e6,                                                                                      \
         2.4e8,                                                                                    \
         "as subcutaneous (Ahn 2021 intradermal dose not confirmed)",                              \
         1.0},                                                                                     \
  }

/* Yao 2021 (AD-MSC, 7 patients, infusions at weeks 0, 4, 8, adverse events recorded over the
 * 12 weeks): 5 fevers, judged infusion-related, so per infusion: 5 / (7 x 3) = 23.8 per 100
 * infusions (until issue 15 the fevers were a rate per 100 patient-years of the 12 weeks,
 * 310.6, drawn over the whole trial); 3 pharyngitis and 2 headaches per 100 patient-years of
 * the 12-week period, events / (7 x 12 / 52.18) x 100, the exposure CELL_AE_WASHOUT
 * reproduces. Class-level for every source. */
#define CELL_AES                                                                                   \
  {                                                                                                \
    {"infusion_fever", 23.8, 0.0,                                                                  \
     "per 100 infusions: Yao 2021 5 fevers (infusion-related) / 21 infusions (7 patients x 3; A, " \
     "derived rate); fever RR 2.48 (1.27-4.86) vs control, Thompson 2020 55 RCTs (A)",             \
     PSORSIM_AE_PER_100_DOSES},                                                                    \
        {"pharyngitis", 186.4, 0.0, "Yao 2021 3 events / 1.61 patient-years (A, derived rate)"},   \
        {"headache", 124.2, 0.0, "Yao 2021 2 events / 1.61 patient-years (A, derived rate)"},      \
  }
/* Adverse-event washout after the last infusion, days: Yao 2021 recorded adverse events for 4
 * weeks after the last infusion (weeks 0, 4, 8; 12-week period), the exposure its per
 * patient-year rates are per (docs/treatments.md). */
#define CELL_AE_WASHOUT 28.0

static const psorsim_treatment msc_bone_marrow = {
    .name = "msc_bone_marrow",
    .cls = PSORSIM_TX_CELLS,
    .target = "paracrine immunomodulation (Treg induction, DC maturation), skin repair",
    .molecule = "allogeneic bone-marrow mesenchymal stromal cells",
    .labelled_regimen = "no psoriasis label; GvHD (Ryoncil, Temcell): 2 x 10^6 cells/kg IV twice "
                        "weekly for 4 weeks",
    .n_routes = 3,
    .routes = CELL_ROUTES,
    .pk = CELL_PK(0.10, CELL_EFFECT_CV),
    .n_effects = 3,
    .effects = CELL_EFFECTS(1.0),
    .n_aes = 3,
    .aes = CELL_AES,
    .ae_washout_days = CELL_AE_WASHOUT,
    .cost_per_unit = 12065.0,
    .cost_unit = "JPY per 10^6 cells (Temcell NHI price 2016; GvHD orphan price)",
    .cost_source = "Mesoblast press release 24 Feb 2016: JPY 868,680 per 72 x 10^6 cells (A)",
    .tumourigenicity_flag = 0,
    .safety_note = "lowest tissue factor of the sources (Hoang 2024, Theranostics 2018; A)",
};

static const psorsim_treatment msc_adipose = {
    .name = "msc_adipose",
    .cls = PSORSIM_TX_CELLS,
    .target = "paracrine immunomodulation (Treg induction, DC maturation), skin repair",
    .molecule = "allogeneic culture-expanded adipose-derived mesenchymal stromal cells",
    .labelled_regimen = "no psoriasis label; Yao 2021: 0.5 x 10^6 cells/kg IV at weeks 0, 4, 8",
    .n_routes = 3,
    .routes = CELL_ROUTES,
    .pk = CELL_PK(0.07, CELL_EFFECT_CV),
    .n_effects = 3,
    .effects = CELL_EFFECTS(2.0),
    .n_aes = 3,
    .aes = CELL_AES,
    .ae_washout_days = CELL_AE_WASHOUT,
    .cost_per_unit = 450.0,
    .cost_unit = "GBP per 10^6 cells (Alofisel list price; withdrawn from the EU 2024)",
    .cost_source = "NICE TA556: GBP 13,500 per vial of 30 x 10^6 cells (A)",
    .tumourigenicity_flag = 0,
    .safety_note = "high tissue factor: IBMIR/thrombosis risk higher than bone marrow, no "
                   "absolute incidence (Hoang 2024, Moll 2012; A)",
};

static const psorsim_treatment msc_umbilical_cord = {
    .name = "msc_umbilical_cord",
    .cls = PSORSIM_TX_CELLS,
    .target = "paracrine immunomodulation (Treg induction, DC maturation), skin repair",
    .molecule = "allogeneic umbilical-cord (Wharton's jelly) mesenchymal stromal cells",
    .labelled_regimen = "no label; Cheng 2022 phase 1/2a (dose not confirmed); NCT03745417: 2 x "
                        "10^6 cells/kg IV at weeks 0, 2, 4, 6, 8",
    .n_routes = 3,
    .routes = CELL_ROUTES,
    .pk = CELL_PK(0.05, CELL_EFFECT_CV),
    .n_effects = 3,
    .effects = CELL_EFFECTS(1.5),
    .n_aes = 3,
    .aes = CELL_AES,
    .ae_washout_days = CELL_AE_WASHOUT,
    .cost_per_unit = 243.0,
    .cost_unit = "USD per 10^6 cells (cost of goods, flask culture; 159 in a bioreactor)",
    .cost_source = "Vertical-Wheel bioreactor economic study: US$17.0 k per 70 x 10^6 dose (A; "
                   "journal not confirmed)",
    .tumourigenicity_flag = 0,
    .safety_note = "high tissue factor; transient D-dimer rise after IV (Hoang VT 2024; A)",
};

static const psorsim_treatment msc_ipsc = {
    .name = "msc_ipsc",
    .cls = PSORSIM_TX_CELLS,
    .target = "paracrine immunomodulation (Treg induction, DC maturation), skin repair",
    .molecule = "iPSC-derived mesenchymal stromal cells from one clone (e.g. CYP-001)",
    .labelled_regimen = "no label; CYP-001 GvHD phase 1: 1 or 2 x 10^6 cells/kg IV on days 0 and 7",
    .n_routes = 3,
    .routes = CELL_ROUTES,
    .pk = CELL_PK(0.07, CELL_EFFECT_CV),
    .n_effects = 3,
    .effects = CELL_EFFECTS(1.0),
    .n_aes = 3,
    .aes = CELL_AES,
    .ae_washout_days = CELL_AE_WASHOUT,
    .cost_per_unit = 0.0,
    .cost_unit = NULL,
    .cost_source = "not found",
    .tumourigenicity_flag = 1,
    .safety_note = "pluripotent-derived: risk of teratoma from residual undifferentiated or "
                   "transformed cells; no consensus test (Sato 2019, A); no tumours in 15 GvHD "
                   "patients over 2 years (Kelly 2024, A); residual-iPSC threshold unknown (U)",
};

/* Indexed by psorsim_cell_source (NONE has no entry). */
static const psorsim_treatment *const by_source[PSORSIM_CELL_SOURCE_COUNT] = {
    [PSORSIM_CELL_SOURCE_NONE] = NULL,
    [PSORSIM_CELL_SOURCE_BONE_MARROW] = &msc_bone_marrow,
    [PSORSIM_CELL_SOURCE_ADIPOSE] = &msc_adipose,
    [PSORSIM_CELL_SOURCE_UMBILICAL_CORD] = &msc_umbilical_cord,
    [PSORSIM_CELL_SOURCE_IPSC] = &msc_ipsc,
};

const psorsim_treatment *psorsim_cells_treatment(psorsim_cell_source source)
{
  if ((int)source <= 0 || (int)source >= PSORSIM_CELL_SOURCE_COUNT) return NULL;
  return by_source[source];
}

int psorsim_cells_count(void)
{
  return PSORSIM_CELL_SOURCE_COUNT - 1;
}

const psorsim_treatment *psorsim_cells_at(int i)
{
  if (i < 0 || i >= psorsim_cells_count()) return NULL;
  return by_source[i + 1];
}
