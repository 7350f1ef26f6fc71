/* include/psorsim/trial_spec.h
 *
 * The trial file, parsed and validated. psorsim_trial_spec_load reads a
 * trial YAML file (format: docs/trial-format.md) into a psorsim_trial_spec:
 * population, arms with their regimens (doses already in canonical units,
 * schedules in days), endpoints and published observations. Nothing is
 * simulated here; the trial runner consumes this structure.
 *
 * This header holds the types of a parsed trial file, which the lower
 * modules share; the functions are implemented by the modules that own
 * them: the reader (load, parse, find_arm, free, endpoint keys) by the
 * trial-file reader in src/spec/, which hands each block to its domain
 * (regimens to the treatments, the product block to cells, economics to
 * econ); the names table by src/io/known_names.c; schedule expansion by
 * src/treatments/schedule.c.
 *
 * Every problem in the file is an error whose message names the file, the
 * line and the key path, e.g.
 *   trial.yaml:14: arms[1].regimen[0].dose: expected a dose such as "300 mg" ...
 * Unknown keys, repeated keys, wrong types, impossible values and unknown
 * treatment names are all errors; nothing is silently ignored.
 *
 * Ownership: a spec is created by psorsim_trial_spec_load/_parse_string and
 * released with psorsim_trial_spec_free. All of its strings and arrays
 * belong to it and stay valid until it is freed; treat the whole structure
 * as read-only. The context must outlive the spec (free the spec first).
 * Functions are thread-safe as long as each thread uses its own context.
 *
 * Units: times are in days unless the field name says weeks; doses are in
 * the canonical units of units.h (mg, mg/kg, cells, cells/kg, mJ/cm2,
 * fraction of MED, percent).
 */
#ifndef PSORSIM_TRIAL_SPEC_H
#define PSORSIM_TRIAL_SPEC_H

#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/dose.h>
#include <psorsim/units.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- names: the treatments a file may use ----------------------------- */

/* One treatment name the trial file may use: the single table of names
 * (src/io/known_names.c) that the parser validates against and that the
 * treatment library and cell-therapy code can reuse. */
typedef struct psorsim_known_treatment {
  const char *name;            /* as written in files, e.g. "secukinumab" */
  psorsim_treatment_kind kind; /* which key introduces it (kinds, routes: dose.h) */
  unsigned routes;             /* PSORSIM_ROUTE_BIT mask of allowed routes; 0 = no route key */
  psorsim_route default_route; /* used when the entry gives no route */
  int needs_dose;              /* 1: the entry must give `dose` */
  const char *description;     /* class and target, one line */
} psorsim_known_treatment;

/* The whole table, *n entries (static storage, never freed). */
PSORSIM_EXPORT const psorsim_known_treatment *psorsim_known_treatments(size_t *n);

/* The entry for (kind, name), or NULL when psorsim does not know it. */
PSORSIM_EXPORT const psorsim_known_treatment *
psorsim_known_treatment_find(psorsim_treatment_kind kind, const char *name);

/* ---- schedules --------------------------------------------------------- */

/* How a regimen entry's dose times are generated (exactly one per entry). */
typedef enum {
  PSORSIM_SCHEDULE_NONE,     /* no doses: lifestyle (active on [from, until)) */
  PSORSIM_SCHEDULE_EXPLICIT, /* at_weeks / at_days, optionally then_every_weeks / _days */
  PSORSIM_SCHEDULE_PERIODIC, /* every_weeks / every_days from from_week */
  PSORSIM_SCHEDULE_DAILY,    /* times_per_day / applications_per_day from from_week */
  PSORSIM_SCHEDULE_SESSIONS  /* sessions_per_week from from_week (fixed weekday pattern) */
} psorsim_schedule_mode;

/* When a regimen entry gives its doses. All times in days from
 * randomisation (week 0 = day 0). Semantics (see docs/trial-format.md):
 * dose times t are kept when from_day <= t < until_day and t < trial end;
 * a dose at exactly the trial end is dropped (the end visit is assessed
 * before any dose that day). */
typedef struct psorsim_schedule {
  psorsim_schedule_mode mode; /* which generator */
  const double *at_day;       /* EXPLICIT: n_at times, days, strictly increasing (owned by spec) */
  size_t n_at;                /* number of explicit times */
  double then_every_day;      /* EXPLICIT: repeat interval after the last explicit time; 0 = none */
  double every_day;           /* PERIODIC: interval, days (> 0) */
  int per_day;                /* DAILY: doses per day (1..24), at day + j/per_day */
  int sessions_per_week;      /* SESSIONS: 1..7 sessions a week (see psorsim_schedule_expand) */
  double from_day;            /* first allowed time, days (from_week * 7; 0 if absent) */
  int until_given;            /* 1 when until_week was written */
  double until_day;           /* no dose at or after this time, days (until_week * 7) */
  int times_in_weeks;         /* 1 when the file wrote at_weeks / then_every_weeks / every_weeks */
} psorsim_schedule;

/* Expand a schedule into dose times for a trial of `trial_weeks` weeks
 * (implemented with the treatments, src/treatments/schedule.c).
 * Writes at most `cap` times (days, ascending) to `times_day` (which may be
 * NULL when cap is 0) and stores the full count in *n, so a caller can ask
 * for the count first and then fill a buffer of the right size; the
 * function itself allocates nothing. Rules:
 *  - EXPLICIT: the listed times, then last + k*then_every_day (k >= 1);
 *  - PERIODIC: from_day + k*every_day (k >= 0);
 *  - DAILY: for each day d = from_day + k, the times d + j/per_day;
 *  - SESSIONS: in each week from from_day, sessions on the day offsets
 *    1: {0}, 2: {0,3}, 3: {0,2,4} (Mon/Wed/Fri), 4: {0,1,3,4},
 *    5: {0,1,2,3,4}, 6: {0..5}, 7: {0..6};
 *  - NONE: no times.
 * Then keep from_day <= t < min(until_day, 7*trial_weeks) (1e-9 day slack
 * against rounding). Returns PSORSIM_OK, or PSORSIM_EINVAL for a NULL
 * argument, a non-positive trial length or an inconsistent schedule. */
PSORSIM_EXPORT int psorsim_schedule_expand(psorsim_ctx *ctx, const psorsim_schedule *schedule,
                                           double trial_weeks, double *times_day, size_t cap,
                                           size_t *n);

/* ---- regimen entries --------------------------------------------------- */

/* One key of a cell product block, kept generically so the cell-therapy
 * code (issue 6) can validate every criterion present. */
typedef enum {
  PSORSIM_PRODUCT_INT,     /* a whole number (passage) */
  PSORSIM_PRODUCT_PERCENT, /* "97 %": value in percent */
  PSORSIM_PRODUCT_BOOL,    /* true/false: value 1 or 0 */
  PSORSIM_PRODUCT_TEXT     /* free text (e.g. endotoxin "0.5 EU/mL"): value is NAN */
} psorsim_product_value_kind;

typedef struct psorsim_product_item {
  const char *key;                 /* e.g. "cd73" (static string from the key table) */
  psorsim_product_value_kind kind; /* how `value` is to be read */
  double value;                    /* the number (percent for PERCENT, 0/1 for BOOL) */
  const char *text;                /* the value as written (owned by spec) */
  int line;                        /* line in the file */
} psorsim_product_item;

/* The optional `product:` block of a cells entry. */
typedef struct psorsim_cell_product {
  int given;                   /* 1 when the entry had a product block */
  int line;                    /* its line */
  int passage;                 /* passage number; -1 when not given */
  double viability_pct;        /* percent of viable cells; NAN when not given */
  int cryopreserved;           /* 1 yes, 0 no (fresh), -1 not given */
  psorsim_product_item *items; /* every key of the block in file order (owned by spec) */
  size_t n_items;              /* number of items */
} psorsim_cell_product;

/* One entry of an arm's regimen. Which fields are meaningful depends on
 * `kind`; quantities that were not written have unit PSORSIM_UNIT_NONE. */
typedef struct psorsim_regimen_entry {
  psorsim_treatment_kind kind;          /* drug, phototherapy, topical, cells, lifestyle */
  const char *name;                     /* treatment name as written (validated, known) */
  const psorsim_known_treatment *known; /* its entry in the names table */
  int line;                             /* line of the entry in the file */
  psorsim_quantity dose;                /* per administration: mg|mg/kg (drug), mg (topical,
                                           amount per application), cells|cells/kg (cells) */
  int dose_line;                        /* line of `dose` (0 when absent) */
  psorsim_route route;                  /* route; the known default when not written */
  int route_given;                      /* 1 when `route` was written */
  psorsim_schedule schedule;            /* when doses happen */
  psorsim_quantity start_dose;          /* phototherapy: mJ/cm2 or MED fraction */
  psorsim_quantity increment;           /* phototherapy, per session: percent of the previous
                                           dose, MED fraction or mJ/cm2 to add; NONE if absent */
  psorsim_quantity max_dose;    /* phototherapy cap: mJ/cm2 or MED fraction; NONE if absent */
  psorsim_quantity strength;    /* topical: percent (0.05 % -> 0.05); NONE if absent */
  psorsim_cell_source source;   /* cells: origin of the product */
  psorsim_cell_product product; /* cells: optional product description */
} psorsim_regimen_entry;

/* One arm of the trial. */
typedef struct psorsim_trial_arm {
  const char *name;               /* unique within the trial */
  int line;                       /* line of the arm in the file */
  psorsim_regimen_entry *regimen; /* n_regimen entries (empty for placebo) */
  size_t n_regimen;               /* number of entries */
} psorsim_trial_arm;

/* ---- endpoints and observations ---------------------------------------- */

typedef enum {
  PSORSIM_ENDPOINT_PASI_RESPONSE,        /* pasiNN@W: percent with >= NN % PASI improvement */
  PSORSIM_ENDPOINT_PASI_CHANGE,          /* pasi_change@W: mean percent PASI improvement */
  PSORSIM_ENDPOINT_IGA01,                /* iga01@W: percent with IGA 0 or 1 */
  PSORSIM_ENDPOINT_DLQI01,               /* dlqi01@W: percent with DLQI 0 or 1 */
  PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN, /* relapse_weeks_median: weeks (no @W) */
  PSORSIM_ENDPOINT_COST_PER_PATIENT,     /* cost_per_patient@W: mean discounted cost, currency */
  PSORSIM_ENDPOINT_COST_PER_PASI75,      /* cost_per_pasi75@W: total cost / PASI75 responders */
  PSORSIM_ENDPOINT_QALY,                 /* qaly@W: mean discounted QALYs over weeks 0..W */
  PSORSIM_ENDPOINT_ICER                  /* icer_vs:<arm>@W: incremental cost per QALY vs <arm> */
} psorsim_endpoint_kind;

/* A parsed endpoint key. */
typedef struct psorsim_endpoint {
  psorsim_endpoint_kind kind; /* what is measured */
  int threshold;              /* PASI_RESPONSE: 50, 75, 90 or 100; 0 otherwise */
  double week;                /* assessment week (> 0); 0 for RELAPSE_WEEKS_MEDIAN */
  char key[48];               /* the key as written, e.g. "pasi75@12" (JSON output key) */
  int line;                   /* line in the file (0 when parsed outside a file) */
  int ref_arm;                /* ICER: index of the reference arm (set by the trial-file
                                 reader; -1 from psorsim_endpoint_parse); -1 otherwise */
} psorsim_endpoint;

/* Parse an endpoint key ("pasi75@12", "pasi_change@4", "iga01@16",
 * "dlqi01@12", "relapse_weeks_median", "cost_per_patient@52",
 * "cost_per_pasi75@52", "qaly@52", "icer_vs:placebo@52") into *out (line
 * set to 0; for icer_vs the arm name is the text between ':' and '@' and
 * ref_arm is -1 until the trial-file reader resolves it). `where`
 * prefixes the message and may be NULL. Does not check the week against a
 * trial length. Returns PSORSIM_OK, PSORSIM_EINPUT with a message listing
 * the valid forms, or PSORSIM_EINVAL for NULL arguments. */
PSORSIM_EXPORT int psorsim_endpoint_parse(psorsim_ctx *ctx, const char *text, const char *where,
                                          psorsim_endpoint *out);

/* Unit of an endpoint's value: "%" for the clinical rates and changes,
 * "weeks" for relapse, "currency" for the two cost endpoints (the unit is
 * the economics block's currency), "QALY" and "currency/QALY". */
PSORSIM_EXPORT const char *psorsim_endpoint_unit(psorsim_endpoint_kind kind);

/* One published number from `observed:`. */
typedef struct psorsim_observation {
  size_t arm;                /* index into spec->arms */
  int endpoint_index;        /* index into spec->endpoints, or -1 when not listed there */
  psorsim_endpoint endpoint; /* the parsed endpoint key */
  double value;              /* in the endpoint's unit (percent, or weeks for relapse) */
  int line;                  /* line in the file */
} psorsim_observation;

/* ---- the trial --------------------------------------------------------- */

/* An optional number: `given` says whether the file wrote it. */
typedef struct psorsim_opt {
  int given;    /* 1 when present in the file */
  double value; /* the value (0 when absent) */
} psorsim_opt;

/* population: (patients per arm, inclusion criteria, baseline table). */
typedef struct psorsim_trial_population {
  int patients_per_arm;                /* virtual patients simulated per arm (>= 1) */
  psorsim_opt pasi_min;                /* inclusion: minimum baseline PASI (0-72) */
  psorsim_opt bsa_min;                 /* inclusion: minimum BSA, percent of body surface */
  psorsim_opt iga_min;                 /* inclusion: minimum IGA (integer 0-4) */
  psorsim_opt pasi_mean;               /* baseline: mean PASI (0-72) */
  psorsim_opt pasi_sd;                 /* baseline: SD of PASI */
  psorsim_opt bsa_mean;                /* baseline: mean BSA, percent */
  psorsim_opt weight_kg_mean;          /* baseline: mean body weight, kg */
  psorsim_opt age_mean;                /* baseline: mean age, years */
  psorsim_opt prior_biologic_fraction; /* baseline: fraction with prior biologic, 0-1 */
  psorsim_opt disease_years_mean;      /* baseline: mean disease duration, years */
  int baseline_line;                   /* line of the baseline table in the file (0: none),
                                          for the messages of matching it at run time */
} psorsim_trial_population;

/* ---- economics (docs/economics.md) ------------------------------------- */

/* Most distinct weeks at which economic endpoints are measured, the
 * horizon included. */
#define PSORSIM_ECON_MAX_WEEKS 8

/* What a price is per. */
typedef enum {
  PSORSIM_PRICE_PER_MG,            /* drugs and topicals: per mg given */
  PSORSIM_PRICE_PER_DOSE,          /* per administration, whatever the amount */
  PSORSIM_PRICE_PER_SESSION,       /* phototherapy: per session */
  PSORSIM_PRICE_PER_MILLION_CELLS, /* cell products: per 10^6 cells given */
  PSORSIM_PRICE_BASIS_COUNT
} psorsim_price_basis;

/* The price of one library treatment an arm uses. */
typedef struct psorsim_price {
  const char *item;            /* library name, e.g. "secukinumab", "msc_umbilical_cord" */
  psorsim_treatment_kind kind; /* drug, topical, phototherapy or cells */
  psorsim_price_basis basis;   /* what `amount` is per */
  double amount;               /* in the block's currency */
  double per_infusion;         /* cells: infusion-day cost per administration (else 0) */
  const char *source;          /* where the number comes from (file text or library source) */
  int line;                    /* line in the file; 0 for a built-in default */
} psorsim_price;

/* The cost of one adverse event by name (library AE names). */
typedef struct psorsim_ae_cost {
  const char *name; /* e.g. "serious_infection" */
  double cost;      /* per event, in the block's currency */
  int line;         /* line in the file */
} psorsim_ae_cost;

/* How EQ-5D utility is obtained from a visit. */
typedef enum {
  PSORSIM_UTILITY_PASI_BANDS, /* baseline + gain by PASI-response band (NICE appraisals) */
  PSORSIM_UTILITY_DLQI_LINEAR /* intercept + slope x DLQI (e.g. an OLS mapping) */
} psorsim_utility_kind;

/* The economics block with every default filled in. `enabled` is 0 when
 * the file has neither an economics block nor an economic endpoint; then
 * nothing else here is meaningful and no costs are computed. */
typedef struct psorsim_economics {
  int enabled;             /* 1: costs and QALYs are accrued per patient */
  int line;                /* line of the block (0 when absent) */
  const char *currency;    /* ISO 4217 code, e.g. "GBP" (default) */
  int price_year;          /* price year; 0 = as stated by each source */
  double horizon_weeks;    /* totals (CE plane, CSV) over weeks 0..horizon (<= weeks) */
  double discount_costs;   /* per year, fraction (0.035 = 3.5 %) */
  double discount_effects; /* per year, fraction */
  int continuous;          /* 1: continuous discounting; 0: weekly (default) */
  psorsim_price *prices;   /* n_prices: one per distinct priced treatment of the arms */
  size_t n_prices;         /* number of prices */
  double admin_cost[PSORSIM_ROUTE_COUNT]; /* per administration by route (cells: per_infusion) */
  double monitoring_per_week;             /* per week on treatment (first to last dose week) */
  psorsim_ae_cost *ae_costs;              /* n_ae_costs named adverse-event costs */
  size_t n_ae_costs;                      /* number of named costs */
  double ae_default_cost;                 /* any other adverse event */
  psorsim_utility_kind utility;           /* mapping */
  double utility_baseline;                /* PASI_BANDS: utility with no response */
  double utility_gain[4];     /* PASI_BANDS: gains for <50 (and > 0), 50-74, 75-89, >= 90 % */
  double dlqi_intercept;      /* DLQI_LINEAR: utility at DLQI 0 */
  double dlqi_slope;          /* DLQI_LINEAR: change per DLQI point (negative) */
  const char *utility_source; /* citation of the mapping */
  double threshold;           /* willingness to pay per QALY (probability cost-effective) */
  int bootstrap;              /* bootstrap replicates for ratio intervals (0: none) */
  double weeks[PSORSIM_ECON_MAX_WEEKS]; /* [0] = horizon, then each economic endpoint week */
  int n_weeks;                          /* number of distinct weeks in `weeks` */
} psorsim_economics;

/* The validated trial. All pointers are owned by the spec. */
typedef struct psorsim_trial_spec {
  const char *source;                  /* file name used in messages */
  const char *name;                    /* free text, required */
  const char *reference;               /* free text or NULL */
  const char *note;                    /* free text or NULL */
  const char *model;                   /* disease model to run (`model:`, a registered model's
                                          name, checked at parse time; "psoriasis" when absent) */
  int seed_given;                      /* 1 when `seed` was written */
  uint64_t seed;                       /* the seed (0 when not given) */
  double weeks;                        /* trial length, weeks (> 0) */
  psorsim_trial_population population; /* population block */
  psorsim_trial_arm *arms;             /* n_arms arms (>= 1), names unique */
  size_t n_arms;                       /* number of arms */
  psorsim_endpoint *endpoints;         /* n_endpoints endpoints (>= 1), keys unique */
  size_t n_endpoints;                  /* number of endpoints */
  psorsim_observation *observed;       /* n_observed observations, arm by arm in file order */
  size_t n_observed;                   /* number of observations (0 without `observed:`) */
  struct psr_arena *arena_;            /* private: the memory all of the above lives in */
  psorsim_economics economics;         /* the economics block, resolved (issue 9) */
} psorsim_trial_spec;

/* Read and validate the trial file at `path`. Returns PSORSIM_OK and a new
 * spec in *out (free it with psorsim_trial_spec_free), or, with *out set to
 * NULL and the message in ctx:
 *   PSORSIM_EIO     the file cannot be read;
 *   PSORSIM_EINPUT  malformed YAML, unknown/repeated/missing keys, wrong types,
 *                   impossible values, unknown names, bad endpoints;
 *   PSORSIM_EUNIT   a quantity whose unit cannot be converted;
 *   PSORSIM_ENOMEM  out of memory;
 *   PSORSIM_EINVAL  NULL arguments. */
PSORSIM_EXPORT int psorsim_trial_spec_load(psorsim_ctx *ctx, const char *path,
                                           psorsim_trial_spec **out);

/* As psorsim_trial_spec_load, from the NUL-terminated YAML `text`;
 * `name_for_messages` (e.g. "secukinumab.yaml") starts every message and is
 * copied into spec->source. */
PSORSIM_EXPORT int psorsim_trial_spec_parse_string(psorsim_ctx *ctx, const char *text,
                                                   const char *name_for_messages,
                                                   psorsim_trial_spec **out);

/* Index of the arm called `name`, or -1. */
PSORSIM_EXPORT int psorsim_trial_spec_find_arm(const psorsim_trial_spec *spec, const char *name);

/* Release a spec and set *spec to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_trial_spec_free(psorsim_trial_spec **spec);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_TRIAL_SPEC_H */
