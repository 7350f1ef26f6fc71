/* src/io/known_names.c
 *
 * The one table of treatment names a trial file may use (from the trial
 * format and the treatment-library and cell-therapy issues), with the routes
 * each allows and whether it needs a dose (trial_spec.h); and the file
 * spellings of the treatment kinds, routes and cell sources (dose.h). The
 * regimen walker validates against these; the treatment library and
 * cell-therapy code reuse them. Adding a treatment means adding one row here.
 */
#include <string.h>

#include <psorsim/dose.h>
#include <psorsim/trial_spec.h>

#define SC  PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_SUBCUTANEOUS)
#define IV  PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_INTRAVENOUS)
#define PO  PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_ORAL)
#define ID  PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_INTRADERMAL)
#define IM  PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_INTRAMUSCULAR)
#define TOP PSORSIM_ROUTE_BIT(PSORSIM_ROUTE_TOPICAL)

#define DRUG  PSORSIM_TREATMENT_DRUG
#define PHOTO PSORSIM_TREATMENT_PHOTOTHERAPY
#define TOPIC PSORSIM_TREATMENT_TOPICAL
#define CELLS PSORSIM_TREATMENT_CELLS
#define LIFE  PSORSIM_TREATMENT_LIFESTYLE

/* Routes follow the labels; where a second route exists in practice
 * (intravenous secukinumab, subcutaneous infliximab or methotrexate) it is
 * allowed, so the route check catches typos and impossible routes without
 * second-guessing a protocol. */
static const psorsim_known_treatment known[] = {
    /* biologics */
    {"etanercept", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "TNF inhibitor (fusion protein)"},
    {"adalimumab", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "TNF inhibitor (antibody)"},
    {"infliximab", DRUG, IV | SC, PSORSIM_ROUTE_INTRAVENOUS, 1, "TNF inhibitor (antibody), mg/kg"},
    {"certolizumab_pegol", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "TNF inhibitor (Fab', PEG)"},
    {"ustekinumab", DRUG, SC | IV, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-12/23 p40 antibody"},
    {"secukinumab", DRUG, SC | IV, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-17A antibody"},
    {"ixekizumab", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-17A antibody"},
    {"brodalumab", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-17 receptor A antibody"},
    {"bimekizumab", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-17A/F antibody"},
    {"guselkumab", DRUG, SC | IV, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-23 p19 antibody"},
    {"risankizumab", DRUG, SC | IV, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-23 p19 antibody"},
    {"tildrakizumab", DRUG, SC, PSORSIM_ROUTE_SUBCUTANEOUS, 1, "IL-23 p19 antibody"},
    /* oral and systemic */
    {"methotrexate", DRUG, PO | SC | IM, PSORSIM_ROUTE_ORAL, 1, "antifolate, weekly"},
    {"cyclosporine", DRUG, PO, PSORSIM_ROUTE_ORAL, 1, "calcineurin inhibitor, mg/kg/day"},
    {"acitretin", DRUG, PO, PSORSIM_ROUTE_ORAL, 1, "oral retinoid"},
    {"apremilast", DRUG, PO, PSORSIM_ROUTE_ORAL, 1, "PDE4 inhibitor"},
    {"deucravacitinib", DRUG, PO, PSORSIM_ROUTE_ORAL, 1, "TYK2 inhibitor"},
    /* an inactive comparator given on a schedule (e.g. double-dummy injections) */
    {"placebo", DRUG, SC | IV | PO | TOP, PSORSIM_ROUTE_SUBCUTANEOUS, 0, "inactive comparator"},
    /* topicals */
    {"clobetasol_propionate", TOPIC, TOP, PSORSIM_ROUTE_TOPICAL, 0, "very potent corticosteroid"},
    {"betamethasone_dipropionate", TOPIC, TOP, PSORSIM_ROUTE_TOPICAL, 0, "potent corticosteroid"},
    {"calcipotriol", TOPIC, TOP, PSORSIM_ROUTE_TOPICAL, 0, "vitamin D analogue"},
    {"calcipotriol_betamethasone", TOPIC, TOP, PSORSIM_ROUTE_TOPICAL, 0,
     "vitamin D analogue + corticosteroid"},
    {"tazarotene", TOPIC, TOP, PSORSIM_ROUTE_TOPICAL, 0, "topical retinoid"},
    /* phototherapy */
    {"nb_uvb", PHOTO, 0, PSORSIM_ROUTE_NONE, 0, "narrowband UVB, 311 nm"},
    {"puva", PHOTO, 0, PSORSIM_ROUTE_NONE, 0, "psoralen + UVA"},
    /* cell therapy */
    {"msc", CELLS, IV | SC | ID, PSORSIM_ROUTE_INTRAVENOUS, 1, "mesenchymal stromal cells"},
    /* lifestyle */
    {"stress_reduction", LIFE, 0, PSORSIM_ROUTE_NONE, 0, "stress-reduction programme"},
    {"weight_loss", LIFE, 0, PSORSIM_ROUTE_NONE, 0, "diet and exercise"},
    {"smoking_cessation", LIFE, 0, PSORSIM_ROUTE_NONE, 0, "stopping smoking"},
    {"trigger_avoidance", LIFE, 0, PSORSIM_ROUTE_NONE, 0, "avoiding known triggers"},
};

const psorsim_known_treatment *psorsim_known_treatments(size_t *n)
{
  if (n != NULL) *n = sizeof(known) / sizeof(known[0]);
  return known;
}

const psorsim_known_treatment *psorsim_known_treatment_find(psorsim_treatment_kind kind,
                                                            const char *name)
{
  if (name == NULL) return NULL;
  for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
    if (known[i].kind == kind && strcmp(known[i].name, name) == 0) return &known[i];
  return NULL;
}

const char *psorsim_treatment_kind_name(psorsim_treatment_kind kind)
{
  static const char *const names[] = {"drug", "phototherapy", "topical", "cells", "lifestyle"};
  if ((int)kind < 0 || kind >= PSORSIM_TREATMENT_KIND_COUNT) return "?";
  return names[kind];
}

const char *psorsim_route_name(psorsim_route route)
{
  static const char *const names[] = {
      "", "subcutaneous", "intravenous", "oral", "intradermal", "intramuscular", "topical"};
  if ((int)route < 0 || route >= PSORSIM_ROUTE_COUNT) return "?";
  return names[route];
}

const char *psorsim_cell_source_name(psorsim_cell_source source)
{
  static const char *const names[] = {"", "bone_marrow", "adipose", "umbilical_cord", "ipsc"};
  if ((int)source < 0 || source >= PSORSIM_CELL_SOURCE_COUNT) return "?";
  return names[source];
}
