/* src/econ/econ_spec.c
 *
 * The `economics:` block of a trial file (docs/trial-format.md, "economics";
 * docs/economics.md): currency and price year, horizon, discounting, prices
 * per treatment (drugs and topicals per mg or per dose, phototherapy per
 * session, cell products per 10^6 cells or per dose plus an infusion cost),
 * administration costs by route, monitoring per week on treatment,
 * adverse-event costs, the EQ-5D utility mapping, the willingness-to-pay
 * threshold and the bootstrap size. Every value has a built-in default with
 * its source (the treatment library's `cost_per_unit` when it is in the
 * block's currency); a treatment an arm uses whose price is neither in the
 * file nor in the library in that currency is an error naming the item.
 * The block is resolved only when it is present or an economic endpoint is
 * listed; otherwise spec->economics.enabled stays 0 and no price is needed.
 * The trial-file reader (src/spec/) hands the block here (econ_walk.h), so
 * the defaults and the price and adverse-event rules stay with econ.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/cells.h>
#include <psorsim/treatment.h>

#include "common/context_impl.h"
#include "econ/econ_walk.h"

/* NICE methods guide 2008 §5.6.2: 3.5 % a year for costs and effects. */
#define DEFAULT_DISCOUNT 0.035
/* NICE threshold range GBP 20,000-30,000 per QALY: the lower end. */
#define DEFAULT_THRESHOLD_GBP 20000.0
#define DEFAULT_BOOTSTRAP     1000
#define BOOTSTRAP_MAX         100000
#define PRICE_MAX             1e9

static const char *const econ_keys[] = {"currency",
                                        "price_year",
                                        "horizon_weeks",
                                        "discount_costs",
                                        "discount_effects",
                                        "discounting",
                                        "drugs",
                                        "phototherapy",
                                        "cells",
                                        "administration",
                                        "monitoring_per_week",
                                        "adverse_events",
                                        "utility",
                                        "threshold_per_qaly",
                                        "bootstrap",
                                        NULL};
static const char *const drug_price_keys[] = {"per_mg", "per_dose", "source", NULL};
static const char *const photo_price_keys[] = {"per_session", "source", NULL};
static const char *const cell_price_keys[] = {"per_million_cells", "per_dose", "per_infusion",
                                              "source", NULL};
static const char *const route_keys[] = {"subcutaneous",  "intravenous", "oral", "intradermal",
                                         "intramuscular", "topical",     NULL};
static const char *const utility_keys[] = {"mapping",    "baseline", "gain_below_50", "gain_50_74",
                                           "gain_75_89", "gain_90",  "intercept",     "slope",
                                           "source",     NULL};

/* Utility defaults (pharmacology-other.md, "Health economics"). */
static const char *const UTILITY_SOURCE_DEFAULT =
    "gains by PASI response <50/50-74/75-89/>=90 %: 0.04/0.17/0.22/0.25, EQ-5D mapped from DLQI "
    "(NICE ustekinumab appraisal, as tabulated in a published review; S); baseline 0.70 assumed "
    "(baseline EQ-5D means 0.52-0.90 across 12 studies, Moller 2015; P)";

/* A price of the file or the library, before it is stored. */
typedef struct price_in {
  int given;
  psorsim_price_basis basis;
  double amount, per_infusion;
  const char *source;
  int line;
} price_in;

/* The library entry an arm's regimen entry refers to (cells: by source). */
static const psorsim_treatment *entry_library(const psorsim_regimen_entry *e)
{
  return e->kind == PSORSIM_TREATMENT_CELLS ? psorsim_cells_treatment(e->source)
                                            : psorsim_treatment_find(e->name);
}

/* Whether the block lists a price for this kind of entry under `section`. */
static const char *section_of(psorsim_treatment_kind kind)
{
  switch (kind) {
  case PSORSIM_TREATMENT_PHOTOTHERAPY:
    return "phototherapy";
  case PSORSIM_TREATMENT_CELLS:
    return "cells";
  default:
    return "drugs";
  }
}

/* Read `{per_mg|per_dose|per_session|per_million_cells: N, per_infusion: N, source: text}`. */
static int walk_price(psr_walk *w, const psr_yaml_node *map, const char *path,
                      psorsim_treatment_kind kind, price_in *p)
{
  static const struct {
    const char *key;
    psorsim_price_basis basis;
  } bases[] = {{"per_mg", PSORSIM_PRICE_PER_MG},
               {"per_dose", PSORSIM_PRICE_PER_DOSE},
               {"per_session", PSORSIM_PRICE_PER_SESSION},
               {"per_million_cells", PSORSIM_PRICE_PER_MILLION_CELLS}};
  const char *const *keys = kind == PSORSIM_TREATMENT_PHOTOTHERAPY ? photo_price_keys
                            : kind == PSORSIM_TREATMENT_CELLS      ? cell_price_keys
                                                                   : drug_price_keys;
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v;
  int found = 0;

  PSR_TRY(psr_walk_keys(w, map, path, "a price", keys));
  memset(p, 0, sizeof(*p));
  p->line = map->line;
  for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
    if ((v = psr_yaml_map_get(map, bases[b].key)) == NULL) continue;
    psr_path_key(kpath, sizeof(kpath), path, bases[b].key);
    if (found)
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                           "give one price basis per item (per_mg or per_dose, per_session, "
                           "per_million_cells or per_dose)");
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 0, PRICE_MAX, &p->amount));
    p->basis = bases[b].basis;
    p->line = v->line;
    found = 1;
  }
  if (!found)
    return psr_walk_fail(w, map, path, PSORSIM_EINPUT, "missing the price: give %s",
                         kind == PSORSIM_TREATMENT_PHOTOTHERAPY ? "per_session"
                         : kind == PSORSIM_TREATMENT_CELLS      ? "per_million_cells or per_dose"
                                                                : "per_mg or per_dose");
  if ((v = psr_yaml_map_get(map, "per_infusion")) != NULL) {
    psr_path_key(kpath, sizeof(kpath), path, "per_infusion");
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 0, PRICE_MAX, &p->per_infusion));
  }
  if ((v = psr_yaml_map_get(map, "source")) != NULL) {
    psr_path_key(kpath, sizeof(kpath), path, "source");
    PSR_TRY(psr_walk_text(w, v, kpath, &p->source));
  }
  if (p->source == NULL) p->source = "trial file";
  p->given = 1;
  return PSORSIM_OK;
}

/* Check every key of a price section names a library treatment of the
 * right kind (the arms need not use it). */
static int check_section(psr_walk *w, const psr_yaml_node *sec, const char *path,
                         psorsim_treatment_kind kind)
{
  char kpath[PSR_PATH_MAX];
  price_in p;
  if (sec->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, sec, path, PSORSIM_EINPUT,
                         "expected a mapping of treatment name to price, e.g. "
                         "{secukinumab: {per_mg: 4.06}}");
  for (size_t i = 0; i < sec->n; i++) {
    const psr_yaml_node *k = sec->items[2 * i];
    const psorsim_treatment *t = psorsim_treatment_find(k->text);
    int ok;
    psr_path_key(kpath, sizeof(kpath), path, k->text);
    for (size_t j = 0; j < i; j++)
      if (strcmp(sec->items[2 * j]->text, k->text) == 0)
        return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                             "key given twice (first at line %d); each key may appear once",
                             sec->items[2 * j]->line);
    if (kind == PSORSIM_TREATMENT_CELLS) {
      ok = t != NULL && t->cls == PSORSIM_TX_CELLS;
    } else if (kind == PSORSIM_TREATMENT_PHOTOTHERAPY) {
      ok = psorsim_known_treatment_find(PSORSIM_TREATMENT_PHOTOTHERAPY, k->text) != NULL;
    } else {
      ok = psorsim_known_treatment_find(PSORSIM_TREATMENT_DRUG, k->text) != NULL ||
           psorsim_known_treatment_find(PSORSIM_TREATMENT_TOPICAL, k->text) != NULL;
    }
    if (!ok)
      return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT, "no %s treatment is called \"%s\"%s",
                           kind == PSORSIM_TREATMENT_CELLS          ? "cell-therapy"
                           : kind == PSORSIM_TREATMENT_PHOTOTHERAPY ? "phototherapy"
                                                                    : "drug or topical",
                           k->text,
                           kind == PSORSIM_TREATMENT_CELLS
                               ? " (cell prices are per library entry: msc_bone_marrow, "
                                 "msc_adipose, msc_umbilical_cord, msc_ipsc)"
                               : "");
    PSR_TRY(walk_price(w, sec->items[2 * i + 1], kpath, kind, &p));
  }
  return PSORSIM_OK;
}

/* The library's default price in `currency`: 1 and *p filled, or 0. */
static int library_price(const psorsim_treatment *t, psorsim_treatment_kind kind,
                         const char *currency, price_in *p)
{
  const char *u = t->cost_unit;
  size_t cl = strlen(currency);
  memset(p, 0, sizeof(*p));
  if (u == NULL || !(t->cost_per_unit > 0.0) || strncmp(u, currency, cl) != 0 || u[cl] != ' ')
    return 0;
  u += cl + 1;
  if (strncmp(u, "per mg", 6) == 0 && kind != PSORSIM_TREATMENT_PHOTOTHERAPY &&
      kind != PSORSIM_TREATMENT_CELLS) {
    p->basis = PSORSIM_PRICE_PER_MG;
  } else if (strncmp(u, "per session", 11) == 0 && kind == PSORSIM_TREATMENT_PHOTOTHERAPY) {
    p->basis = PSORSIM_PRICE_PER_SESSION;
  } else if (strncmp(u, "per 10^6 cells", 14) == 0 && kind == PSORSIM_TREATMENT_CELLS) {
    p->basis = PSORSIM_PRICE_PER_MILLION_CELLS;
  } else {
    return 0;
  }
  p->amount = t->cost_per_unit;
  p->source = t->cost_source;
  p->given = 1;
  return 1;
}

/* Resolve one price per distinct library treatment the arms use. */
static int resolve_prices(psr_walk *w, const psr_yaml_node *block, const psorsim_trial_spec *spec,
                          psorsim_economics *ec)
{
  size_t cap = 0;
  char kpath[PSR_PATH_MAX], epath[PSR_PATH_MAX];

  for (size_t a = 0; a < spec->n_arms; a++)
    cap += spec->arms[a].n_regimen;
  ec->prices = psr_arena_alloc(w->arena, (cap ? cap : 1) * sizeof(*ec->prices));
  if (ec->prices == NULL) return psr_walk_nomem(w);
  for (size_t a = 0; a < spec->n_arms; a++) {
    const psorsim_trial_arm *arm = &spec->arms[a];
    for (size_t i = 0; i < arm->n_regimen; i++) {
      const psorsim_regimen_entry *e = &arm->regimen[i];
      const psorsim_treatment *t = entry_library(e);
      const char *sec_name = section_of(e->kind);
      const psr_yaml_node *sec = block ? psr_yaml_map_get(block, sec_name) : NULL;
      const psr_yaml_node *node = sec ? psr_yaml_map_get(sec, t ? t->name : e->name) : NULL;
      psorsim_price *pr;
      price_in p;
      int seen = 0;
      if (e->kind == PSORSIM_TREATMENT_LIFESTYLE) continue; /* no price (docs/economics.md) */
      snprintf(epath, sizeof(epath), "arms[%zu].regimen[%zu]", a, i);
      if (t == NULL)
        return psr_walk_fail_line(w, e->line, epath, PSORSIM_EINPUT, "'%s' is not in the library",
                                  e->name);
      for (size_t k = 0; k < ec->n_prices && !seen; k++)
        seen = strcmp(ec->prices[k].item, t->name) == 0;
      if (seen) continue;
      psr_path_key(kpath, sizeof(kpath), "economics", sec_name);
      psr_path_key(kpath, sizeof(kpath), kpath, t->name);
      if (node != NULL) {
        PSR_TRY(walk_price(w, node, kpath, e->kind, &p));
        if (e->kind != PSORSIM_TREATMENT_CELLS && p.basis == PSORSIM_PRICE_PER_MG &&
            e->dose.unit != PSORSIM_UNIT_MG && e->dose.unit != PSORSIM_UNIT_MG_PER_KG)
          return psr_walk_fail(w, node, kpath, PSORSIM_EUNIT,
                               "a price per mg needs doses in mg or mg/kg, but arms[%zu].regimen"
                               "[%zu] (line %d) gives %s; use per_dose",
                               a, i, e->line,
                               e->dose.unit == PSORSIM_UNIT_NONE ? "no dose"
                                                                 : psorsim_unit_name(e->dose.unit));
      } else if (!library_price(t, e->kind, ec->currency, &p) ||
                 (p.basis == PSORSIM_PRICE_PER_MG && e->dose.unit != PSORSIM_UNIT_MG &&
                  e->dose.unit != PSORSIM_UNIT_MG_PER_KG)) {
        char lib[300];
        if (t->cost_per_unit > 0.0 && t->cost_unit != NULL && t->cost_unit[0] != '\0')
          snprintf(lib, sizeof(lib), "the library's price is %g %s (%s), not usable as a %s price",
                   t->cost_per_unit, t->cost_unit, t->cost_source ? t->cost_source : "no source",
                   ec->currency);
        else
          snprintf(lib, sizeof(lib), "the library has no price (%s)",
                   t->cost_source ? t->cost_source : "no source");
        return psr_walk_fail_line(
            w, e->line, epath, PSORSIM_EINPUT,
            "missing price for %s \"%s\": %s; give %s: {%s: ...} in the economics "
            "block",
            sec_name, t->name, lib, kpath,
            e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY ? "per_session"
            : e->kind == PSORSIM_TREATMENT_CELLS      ? "per_million_cells"
                                                      : "per_mg");
      } else {
        p.line = 0;
      }
      pr = &ec->prices[ec->n_prices++];
      pr->item = t->name;
      pr->kind = e->kind;
      pr->basis = p.basis;
      pr->amount = p.amount;
      pr->per_infusion = p.per_infusion;
      pr->source = p.source;
      pr->line = p.line;
    }
  }
  return PSORSIM_OK;
}

static int walk_admin(psr_walk *w, const psr_yaml_node *map, psorsim_economics *ec)
{
  char kpath[PSR_PATH_MAX];
  PSR_TRY(psr_walk_keys(w, map, "economics.administration", "the administration costs by route",
                        route_keys));
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i];
    for (int r = 1; r < PSORSIM_ROUTE_COUNT; r++) {
      if (strcmp(psorsim_route_name((psorsim_route)r), k->text) != 0) continue;
      psr_path_key(kpath, sizeof(kpath), "economics.administration", k->text);
      PSR_TRY(
          psr_walk_number(w, map->items[2 * i + 1], kpath, 0.0, 0, PRICE_MAX, &ec->admin_cost[r]));
    }
  }
  return PSORSIM_OK;
}

/* Whether any library treatment an arm uses has an adverse event called `name`. */
static int ae_known(const psorsim_trial_spec *spec, const char *name, char *list, size_t cap)
{
  size_t used = 0;
  int found = 0;
  list[0] = '\0';
  for (size_t a = 0; a < spec->n_arms; a++)
    for (size_t i = 0; i < spec->arms[a].n_regimen; i++) {
      const psorsim_treatment *t = entry_library(&spec->arms[a].regimen[i]);
      for (int k = 0; t != NULL && k < t->n_aes; k++) {
        if (strcmp(t->aes[k].name, name) == 0) found = 1;
        if (strstr(list, t->aes[k].name) == NULL && used + 40 < cap) {
          int n = snprintf(list + used, cap - used, "%s%s", used ? ", " : "", t->aes[k].name);
          if (n > 0) used += (size_t)n;
        }
      }
    }
  return found;
}

static int walk_aes(psr_walk *w, const psr_yaml_node *map, const psorsim_trial_spec *spec,
                    psorsim_economics *ec)
{
  char kpath[PSR_PATH_MAX], list[600];
  if (map->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, map, "economics.adverse_events", PSORSIM_EINPUT,
                         "expected a mapping of adverse-event name to cost per event, e.g. "
                         "{serious_infection: 5000, default: 0}");
  ec->ae_costs = psr_arena_alloc(w->arena, (map->n ? map->n : 1) * sizeof(*ec->ae_costs));
  if (ec->ae_costs == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i];
    double cost;
    psr_path_key(kpath, sizeof(kpath), "economics.adverse_events", k->text);
    for (size_t j = 0; j < i; j++)
      if (strcmp(map->items[2 * j]->text, k->text) == 0)
        return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                             "key given twice (first at line %d); each key may appear once",
                             map->items[2 * j]->line);
    PSR_TRY(psr_walk_number(w, map->items[2 * i + 1], kpath, 0.0, 0, PRICE_MAX, &cost));
    if (strcmp(k->text, "default") == 0) {
      ec->ae_default_cost = cost;
      continue;
    }
    if (!ae_known(spec, k->text, list, sizeof(list)))
      return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                           "no treatment of the arms has an adverse event called \"%s\"; "
                           "adverse events: %s%s(or default)",
                           k->text, list, list[0] ? " " : "");
    ec->ae_costs[ec->n_ae_costs].name = psr_arena_strdup(w->arena, k->text);
    if (ec->ae_costs[ec->n_ae_costs].name == NULL) return psr_walk_nomem(w);
    ec->ae_costs[ec->n_ae_costs].cost = cost;
    ec->ae_costs[ec->n_ae_costs].line = k->line;
    ec->n_ae_costs++;
  }
  return PSORSIM_OK;
}

static int walk_utility(psr_walk *w, const psr_yaml_node *map, psorsim_economics *ec)
{
  static const char *const gain_keys[4] = {"gain_below_50", "gain_50_74", "gain_75_89", "gain_90"};
  const char *p = "economics.utility";
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v;

  PSR_TRY(psr_walk_keys(w, map, p, "the utility mapping", utility_keys));
  if ((v = psr_yaml_map_get(map, "mapping")) != NULL) {
    const char *m;
    PSR_TRY(psr_walk_text(w, v, "economics.utility.mapping", &m));
    if (strcmp(m, "pasi_bands") == 0) {
      ec->utility = PSORSIM_UTILITY_PASI_BANDS;
    } else if (strcmp(m, "dlqi_linear") == 0) {
      ec->utility = PSORSIM_UTILITY_DLQI_LINEAR;
    } else {
      return psr_walk_fail(w, v, "economics.utility.mapping", PSORSIM_EINPUT,
                           "unknown mapping \"%s\"; mappings: pasi_bands, dlqi_linear", m);
    }
  }
  if (ec->utility == PSORSIM_UTILITY_DLQI_LINEAR) {
    static const char *const pasi_only[] = {"baseline",   "gain_below_50", "gain_50_74",
                                            "gain_75_89", "gain_90",       NULL};
    for (int i = 0; pasi_only[i] != NULL; i++)
      if ((v = psr_yaml_map_get(map, pasi_only[i])) != NULL) {
        psr_path_key(kpath, sizeof(kpath), p, pasi_only[i]);
        return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                             "belongs to mapping pasi_bands, not dlqi_linear");
      }
    /* no published coefficients were read (Davison 2018 OLS: not in the guide): required */
    PSR_TRY(psr_walk_require(w, map, p, "intercept", &v));
    PSR_TRY(
        psr_walk_number(w, v, "economics.utility.intercept", -1.0, 0, 1.0, &ec->dlqi_intercept));
    PSR_TRY(psr_walk_require(w, map, p, "slope", &v));
    PSR_TRY(psr_walk_number(w, v, "economics.utility.slope", -1.0, 0, 0.0, &ec->dlqi_slope));
    PSR_TRY(psr_walk_require(w, map, p, "source", &v));
  } else {
    for (int i = 0; i < 2; i++) {
      const char *k = i ? "slope" : "intercept";
      if ((v = psr_yaml_map_get(map, k)) != NULL) {
        psr_path_key(kpath, sizeof(kpath), p, k);
        return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                             "belongs to mapping dlqi_linear, not pasi_bands");
      }
    }
    if ((v = psr_yaml_map_get(map, "baseline")) != NULL)
      PSR_TRY(
          psr_walk_number(w, v, "economics.utility.baseline", -0.6, 0, 1.0, &ec->utility_baseline));
    for (int g = 0; g < 4; g++)
      if ((v = psr_yaml_map_get(map, gain_keys[g])) != NULL) {
        psr_path_key(kpath, sizeof(kpath), p, gain_keys[g]);
        PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 0, 1.6, &ec->utility_gain[g]));
      }
  }
  if ((v = psr_yaml_map_get(map, "source")) != NULL)
    PSR_TRY(psr_walk_text(w, v, "economics.utility.source", &ec->utility_source));
  else if (psr_yaml_map_get(map, "baseline") != NULL || psr_yaml_map_get(map, "gain_90") != NULL)
    ec->utility_source = "trial file (values above; no source given)";
  return PSORSIM_OK;
}

/* A yearly discount rate written as a percentage ("3.5 %"). */
static int walk_rate(psr_walk *w, const psr_yaml_node *v, const char *path, double *out)
{
  psorsim_quantity q;
  PSR_TRY(psr_walk_quantity(w, v, path, PSORSIM_ACCEPT_PERCENT, &q));
  if (q.value > 100.0)
    return psr_walk_fail(w, v, path, PSORSIM_EINPUT, "must be between 0 %% and 100 %%, got %s",
                         v->text);
  *out = q.value / 100.0;
  return PSORSIM_OK;
}

/* Distinct measurement weeks: the horizon, then every economic endpoint's. */
static int collect_weeks(psr_walk *w, const psorsim_trial_spec *spec, psorsim_economics *ec)
{
  ec->weeks[0] = ec->horizon_weeks;
  ec->n_weeks = 1;
  for (size_t e = 0; e < spec->n_endpoints; e++) {
    const psorsim_endpoint *ep = &spec->endpoints[e];
    int seen = 0;
    if (!(ep->kind >= PSORSIM_ENDPOINT_COST_PER_PATIENT && ep->kind <= PSORSIM_ENDPOINT_ICER))
      continue;
    for (int k = 0; k < ec->n_weeks; k++)
      seen |= ec->weeks[k] == ep->week;
    if (seen) continue;
    if (ec->n_weeks == PSORSIM_ECON_MAX_WEEKS)
      return psr_walk_fail_line(
          w, ep->line, ep->key, PSORSIM_EINPUT,
          "economic endpoints may use at most %d distinct weeks besides the horizon",
          PSORSIM_ECON_MAX_WEEKS - 1);
    ec->weeks[ec->n_weeks++] = ep->week;
  }
  return PSORSIM_OK;
}

int psr_walk_economics(psr_walk *w, const psr_yaml_node *block, const psorsim_trial_spec *spec,
                       psorsim_economics *ec)
{
  const psr_yaml_node *v;
  int any_endpoint = 0;

  for (size_t e = 0; e < spec->n_endpoints; e++)
    any_endpoint |= spec->endpoints[e].kind >= PSORSIM_ENDPOINT_COST_PER_PATIENT &&
                    spec->endpoints[e].kind <= PSORSIM_ENDPOINT_ICER;
  memset(ec, 0, sizeof(*ec));
  if (block == NULL && !any_endpoint) return PSORSIM_OK;
  ec->enabled = 1;
  ec->currency = "GBP";
  ec->horizon_weeks = spec->weeks;
  ec->discount_costs = DEFAULT_DISCOUNT;
  ec->discount_effects = DEFAULT_DISCOUNT;
  ec->utility = PSORSIM_UTILITY_PASI_BANDS;
  ec->utility_baseline = 0.70;
  ec->utility_gain[0] = 0.04;
  ec->utility_gain[1] = 0.17;
  ec->utility_gain[2] = 0.22;
  ec->utility_gain[3] = 0.25;
  ec->utility_source = UTILITY_SOURCE_DEFAULT;
  ec->threshold = NAN;
  ec->bootstrap = DEFAULT_BOOTSTRAP;

  if (block != NULL) {
    ec->line = block->line;
    PSR_TRY(psr_walk_keys(w, block, "economics", "the economics block", econ_keys));
    if ((v = psr_yaml_map_get(block, "currency")) != NULL) {
      const char *c;
      PSR_TRY(psr_walk_text(w, v, "economics.currency", &c));
      if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2] < 'A' ||
          c[2] > 'Z')
        return psr_walk_fail(w, v, "economics.currency", PSORSIM_EINPUT,
                             "expected a three-letter ISO 4217 code such as GBP, EUR or USD, "
                             "got \"%s\"",
                             c);
      ec->currency = c;
    }
    if ((v = psr_yaml_map_get(block, "price_year")) != NULL) {
      long y;
      PSR_TRY(psr_walk_int(w, v, "economics.price_year", 1950, 2100, &y));
      ec->price_year = (int)y;
    }
    if ((v = psr_yaml_map_get(block, "horizon_weeks")) != NULL) {
      PSR_TRY(psr_walk_number(w, v, "economics.horizon_weeks", 0.0, 1, spec->weeks,
                              &ec->horizon_weeks));
      if (ec->horizon_weeks != floor(ec->horizon_weeks))
        return psr_walk_fail(w, v, "economics.horizon_weeks", PSORSIM_EINPUT,
                             "expected a whole number of weeks, got %s", v->text);
    }
    if ((v = psr_yaml_map_get(block, "discount_costs")) != NULL)
      PSR_TRY(walk_rate(w, v, "economics.discount_costs", &ec->discount_costs));
    if ((v = psr_yaml_map_get(block, "discount_effects")) != NULL)
      PSR_TRY(walk_rate(w, v, "economics.discount_effects", &ec->discount_effects));
    if ((v = psr_yaml_map_get(block, "discounting")) != NULL) {
      const char *m;
      PSR_TRY(psr_walk_text(w, v, "economics.discounting", &m));
      if (strcmp(m, "weekly") != 0 && strcmp(m, "continuous") != 0)
        return psr_walk_fail(w, v, "economics.discounting", PSORSIM_EINPUT,
                             "expected weekly or continuous, got \"%s\"", m);
      ec->continuous = strcmp(m, "continuous") == 0;
    }
    if ((v = psr_yaml_map_get(block, "drugs")) != NULL)
      PSR_TRY(check_section(w, v, "economics.drugs", PSORSIM_TREATMENT_DRUG));
    if ((v = psr_yaml_map_get(block, "phototherapy")) != NULL)
      PSR_TRY(check_section(w, v, "economics.phototherapy", PSORSIM_TREATMENT_PHOTOTHERAPY));
    if ((v = psr_yaml_map_get(block, "cells")) != NULL)
      PSR_TRY(check_section(w, v, "economics.cells", PSORSIM_TREATMENT_CELLS));
    if ((v = psr_yaml_map_get(block, "administration")) != NULL) PSR_TRY(walk_admin(w, v, ec));
    if ((v = psr_yaml_map_get(block, "monitoring_per_week")) != NULL)
      PSR_TRY(psr_walk_number(w, v, "economics.monitoring_per_week", 0.0, 0, PRICE_MAX,
                              &ec->monitoring_per_week));
    if ((v = psr_yaml_map_get(block, "adverse_events")) != NULL) PSR_TRY(walk_aes(w, v, spec, ec));
    if ((v = psr_yaml_map_get(block, "utility")) != NULL) PSR_TRY(walk_utility(w, v, ec));
    if ((v = psr_yaml_map_get(block, "threshold_per_qaly")) != NULL)
      PSR_TRY(
          psr_walk_number(w, v, "economics.threshold_per_qaly", 0.0, 0, PRICE_MAX, &ec->threshold));
    if ((v = psr_yaml_map_get(block, "bootstrap")) != NULL) {
      long b;
      PSR_TRY(psr_walk_int(w, v, "economics.bootstrap", 0, BOOTSTRAP_MAX, &b));
      ec->bootstrap = (int)b;
    }
  }
  if (isnan(ec->threshold) && strcmp(ec->currency, "GBP") == 0)
    ec->threshold = DEFAULT_THRESHOLD_GBP;
  PSR_TRY(resolve_prices(w, block, spec, ec));
  return collect_weeks(w, spec, ec);
}
