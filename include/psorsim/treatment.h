/* include/psorsim/treatment.h
 *
 * The treatment library: every biologic, systemic, topical, phototherapy,
 * lifestyle change and the placebo response that trial files can name, each
 * with its pharmacokinetics, the disease-model node it acts on (exposure ->
 * target engagement -> node), dose rules, safety and sources. Entries are
 * static const tables (src/treatments/treatment_table*.c) looked up by name;
 * nothing here is owned by the caller.
 *
 * Units: time in days, amounts in mg, volumes in L, concentrations in mg/L,
 * clearances in L/day, body weight in kg, UV doses in J/cm2.
 */
#ifndef PSORSIM_TREATMENT_H
#define PSORSIM_TREATMENT_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/dose.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  PSORSIM_TX_BIOLOGIC,
  PSORSIM_TX_SYSTEMIC, /* oral/systemic small molecules and methotrexate, cyclosporine */
  PSORSIM_TX_TOPICAL,
  PSORSIM_TX_PHOTOTHERAPY,
  PSORSIM_TX_LIFESTYLE,
  PSORSIM_TX_PLACEBO,
  PSORSIM_TX_CELLS /* cell therapy: MSCs by source (src/cells/cell_table.c, docs/cell-therapy.md) */
} psorsim_tx_class;

/* Routes (psorsim_route, PSORSIM_ROUTE_*) and their names (psorsim_route_name)
 * are defined once, in dose.h, which the trial file shares; the treatment
 * library does not define them again. Phototherapy, lifestyle and placebo
 * entries use PSORSIM_ROUTE_NONE. */

/* The disease-model node a treatment acts on. Each maps to one treatment-
 * input parameter of the psoriasis model (psorsim_node_param_name). */
typedef enum {
  PSORSIM_NODE_IL23, /* "inh_il23": fraction of IL-23 (p19 or p40) neutralised / its signal blocked
                      */
  PSORSIM_NODE_IL17, /* "inh_il17": fraction of IL-17 signalling blocked (A, A/F or receptor) */
  PSORSIM_NODE_TNF,  /* "inh_tnf": fraction of TNF neutralised */
  PSORSIM_NODE_TACT, /* "inh_tact": fractional inhibition of T-cell activation/expansion */
  PSORSIM_NODE_PROLIF, /* "inh_prolif": fractional inhibition of keratinocyte proliferation */
  PSORSIM_NODE_TREG,   /* "treg_induction": induction of regulatory T cells */
  PSORSIM_NODE_UVB,    /* "uvb_apopt": apoptosis rate of lesional cells, 1/day */
  PSORSIM_NODE_COUNT
} psorsim_node;

/* How drug exposure is represented. */
typedef enum {
  PSORSIM_PK_NONE,       /* no exposure state (phototherapy sessions, lifestyle, placebo) */
  PSORSIM_PK_SYSTEMIC,   /* 1 or 2 compartments, first-order absorption from a depot */
  PSORSIM_PK_SKIN_DEPOT, /* topical: amount in a skin depot, first-order loss; "concentration" is
                           the depot amount in strength-units (% x applications) */
  PSORSIM_PK_CELLS       /* cell therapy: lung (IV) and local (skin, SC/ID depot) cell compartments
                            in potency-weighted 10^6 cells/kg, and a slow host immune-state
                            compartment driven by the cells the host clears (docs/cell-therapy.md) */
} psorsim_pk_kind;

/* Population pharmacokinetics of one entry (typical values for a patient of
 * weight wt_ref_kg). P_i = P_ref (WT/wt_ref)^exp exp(eta), eta ~ N(0, omega^2),
 * omega = sqrt(log(1 + cv^2)). */
typedef struct psorsim_pk_spec {
  psorsim_pk_kind kind;
  int n_cmt;          /* 1 or 2 for PSORSIM_PK_SYSTEMIC, else 0 */
  double ka_per_day;  /* absorption (SC, oral) or depot loss (topical) rate, 1/day */
  double f;           /* bioavailability of extravascular doses, (0,1]; 1 with apparent CL/F, V/F */
  double tlag_day;    /* absorption lag, days (0: none) */
  double cl_l_day;    /* linear clearance, L/day */
  double v1_l;        /* central volume, L */
  double q_l_day;     /* inter-compartmental clearance, L/day (2 cmt only) */
  double v2_l;        /* peripheral volume, L (2 cmt only) */
  double vmax_mg_day; /* saturable elimination capacity, mg/day (0: none; brodalumab) */
  double km_mg_l;     /* concentration at half of vmax, mg/L */
  double wt_ref_kg;   /* reference body weight of the model */
  double cl_wt_exp;   /* allometric exponent of weight on CL and Q */
  double v_wt_exp;    /* allometric exponent of weight on V1 and V2 */
  double iiv_cl_cv;   /* inter-individual variability of CL, as a CV fraction (0.3 = 30 %) */
  double iiv_v_cv;    /* ... of V1 */
  double iiv_ka_cv;   /* ... of ka */
  const char *source; /* citation of the PK model */
  double t_half_ref_day;  /* published terminal half-life, days (0: not published) */
  double trough_ref_mg_l; /* published steady-state trough under the labelled regimen, mg/L (0:
                             none) */
  const char *ref_source; /* citation of the two reference values */
  /* PSORSIM_PK_CELLS only (0 otherwise); sources and grades in docs/cell-therapy.md. */
  double cell_lung_t_half_day;   /* half-life of IV cells trapped in the lung, days */
  double cell_local_t_half_day;  /* half-life of cells in skin / at an SC or ID site, days */
  double cell_homing_fraction;   /* fraction of the cells leaving the lung that reach skin */
  double cell_immune_t_half_day; /* half-life of the host immune state the cells induce, days */
  double cell_immune_gain;       /* immune state per 10^6 cells/kg cleared by the host, 1 */
  double cell_passage_loss;      /* fractional potency loss per passage above the reference */
  double cell_iiv_kinetics_cv;   /* sampled CV of the lung and local half-lives and homing */
  double cell_iiv_immune_cv;     /* sampled CV of the immune-state half-life */
  double cell_iiv_effect_cv;     /* sampled CV of every effect's EC50 (replaces the 0.5 default) */
} psorsim_pk_spec;

/* Exposure -> effect at one node: E = emax C^h / (C^h + ec50^h), C in mg/L
 * (serum) or depot units (topical). For PSORSIM_NODE_UVB, E = emax * dose in
 * J/cm2 during the session's effect window (ec50 unused). */
typedef struct psorsim_effect_spec {
  psorsim_node node;
  double emax;        /* maximal effect: fraction in [0,1] for inhibitions */
  double ec50;        /* concentration at half-maximal effect, mg/L (or depot units) */
  double hill;        /* Hill coefficient (1 if not known) */
  const char *source; /* paper, or "calibrated: <data>", or "assumed: <reason>" */
  double ke0_per_day; /* effect-compartment rate constant, 1/day: the effect follows
                         Ce' = ke0 (C - Ce) instead of C (0: no delay; methotrexate) */
} psorsim_effect_spec;

/* One route and the plausible dose per administration on it. */
typedef struct psorsim_dose_rule {
  psorsim_route route;
  const char *unit; /* canonical dose unit: "mg", "mg/kg", "%" (topical strength), "J/cm2" */
  double min, max;  /* plausible range per administration, in `unit` */
  const char *source;
  double f; /* bioavailability on this route, (0,1] (0: use pk.f; intravenous doses: 1) */
} psorsim_dose_rule;

/* What an adverse event's published rate is per (docs/treatments.md, "Adverse events"). */
typedef enum {
  PSORSIM_AE_PER_100PY = 0, /* per 100 patient-years of exposure to the treatment: each dose
                               covers the larger of its dosing interval and the treatment's
                               washout (a regular schedule: first dose to last dose plus that) */
  PSORSIM_AE_PER_100_DOSES, /* per 100 administrations (phototherapy sessions, cell infusions):
                               the hazard lasts the day of each administration */
} psorsim_ae_basis;

/* An adverse event with its published incidence. */
typedef struct psorsim_ae_spec {
  const char *name;            /* e.g. "serious_infection", "nephrotoxicity", "uvb_burn" */
  double rate_per_100py;       /* events per 100 patient-years of exposure, or per 100
                                  administrations when basis is PSORSIM_AE_PER_100_DOSES */
  double discontinue_fraction; /* fraction of events that end treatment, [0,1] */
  const char *source;
  psorsim_ae_basis basis; /* what the rate is per (default: 100 patient-years of exposure) */
} psorsim_ae_spec;

/* A lifestyle change acts on one disease-model parameter: p = p * factor. */
typedef struct psorsim_lifestyle_spec {
  const char *param; /* psoriasis-model parameter name, e.g. "trig_stress", "bmi", "smoking" */
  double factor;     /* multiplier applied from the start of the intervention */
  double onset_day;  /* time to full effect, days (0: immediate) */
  const char *source;
} psorsim_lifestyle_spec;

#define PSORSIM_TX_MAX_ROUTES    3
#define PSORSIM_TX_MAX_EFFECTS   3
#define PSORSIM_TX_MAX_AES       4
#define PSORSIM_TX_MAX_LIFESTYLE 5 /* trigger_avoidance: infection + 4 injury regions */

/* One entry of the library. */
typedef struct psorsim_treatment {
  const char *name;             /* identifier used in trial files, e.g. "secukinumab" */
  psorsim_tx_class cls;         /* class */
  const char *target;           /* human-readable target, e.g. "IL-17A" */
  const char *molecule;         /* e.g. "human IgG1 kappa" */
  const char *labelled_regimen; /* the label's psoriasis regimen as text */
  int n_routes;
  psorsim_dose_rule routes[PSORSIM_TX_MAX_ROUTES];
  psorsim_pk_spec pk;
  int n_effects;
  psorsim_effect_spec effects[PSORSIM_TX_MAX_EFFECTS];
  int n_aes;
  psorsim_ae_spec aes[PSORSIM_TX_MAX_AES];
  int n_lifestyle;
  psorsim_lifestyle_spec lifestyle[PSORSIM_TX_MAX_LIFESTYLE];
  double cost_per_unit;  /* list price per dose unit (0: not known) */
  const char *cost_unit; /* e.g. "GBP per mg (2023)" */
  const char *cost_source;
  int tumourigenicity_flag; /* 1: pluripotent-derived product (iPSC, ESC) with a documented
                               tumourigenicity concern (teratoma from residual cells); carried
                               into trial.json (docs/outputs.md) */
  const char *safety_note;  /* free-text safety statement for the flag and other notes, or NULL */
  double ae_washout_days;   /* adverse-event hazards last this long after the last dose, days;
                               0: derived (psorsim_treatment_ae_washout_days) */
} psorsim_treatment;

/* Look up an entry by name; NULL if there is none. Borrowed static data.
 * Searches the cell-therapy entries too ("msc_bone_marrow", ...; include
 * <psorsim/cells.h>), which psorsim_treatment_count/_at do not list. */
PSORSIM_EXPORT const psorsim_treatment *psorsim_treatment_find(const char *name);

/* Number of entries and the i-th (0 <= i < count), for listings. */
PSORSIM_EXPORT int psorsim_treatment_count(void);
PSORSIM_EXPORT const psorsim_treatment *psorsim_treatment_at(int i);

/* How long after its last dose a treatment's adverse-event hazards last, days: the entry's
 * ae_washout_days when set, else five terminal half-lives for a systemic drug (the published
 * t_half_ref_day, or the PK model's own terminal half-life), the session day (1) for
 * phototherapy, 0 for topicals, lifestyle changes and the placebo response; sources in
 * docs/treatments.md. 0 for NULL. */
PSORSIM_EXPORT double psorsim_treatment_ae_washout_days(const psorsim_treatment *tx);

/* Name of a class for printing: "biologic", "systemic", ...; never NULL. */
PSORSIM_EXPORT const char *psorsim_tx_class_name(psorsim_tx_class c);
/* Name of the psoriasis-model parameter that carries a node's input, e.g. "inh_il17". */
PSORSIM_EXPORT const char *psorsim_node_param_name(psorsim_node n);

/* Check one administration: the route must be one of the entry's and the
 * dose (in the canonical `unit`, e.g. 300 "mg" or 5 "mg/kg") inside its
 * plausible range. PSORSIM_OK, or PSORSIM_EINPUT with a message naming the
 * drug, the value and the allowed range (or routes); PSORSIM_EUNIT when the
 * unit is not the one the route expects. */
PSORSIM_EXPORT int psorsim_treatment_check_dose(psorsim_ctx *ctx, const psorsim_treatment *tx,
                                                psorsim_route route, double value,
                                                const char *unit);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_TREATMENT_H */
