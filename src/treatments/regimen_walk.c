/* src/treatments/regimen_walk.c
 *
 * Regimen entries of a trial arm or a regimen file (regimen_walk.h): which
 * treatment (drug, phototherapy, topical, cells, lifestyle) and its name,
 * checked against the names table (src/io/known_names.c); dose and route;
 * the schedule keys, turned into a psorsim_schedule in days; and the
 * kind-specific keys (phototherapy doses, topical strength, cell source and
 * the product block, which cells reads: src/cells/product_walk.c). Each kind
 * has one table of the keys it accepts, so an unknown key's message can
 * list them.
 */
#include <stdio.h>
#include <string.h>

#include "cells/product_walk.h"
#include "common/context_impl.h"
#include "treatments/regimen_walk.h"

/* Bounds on schedule numbers (weeks of the longest trial, and in days). */
#define WEEKS_MAX 1040.0
#define DAYS_MAX  (7.0 * WEEKS_MAX)

#define SCHEDULE_KEYS                                                                              \
  "at_weeks", "at_days", "then_every_weeks", "then_every_days", "every_weeks", "every_days",       \
      "from_week", "until_week"

static const char *const drug_keys[] = {"drug",          "dose",        "route",
                                        "times_per_day", SCHEDULE_KEYS, NULL};
static const char *const photo_keys[] = {
    "phototherapy", "sessions_per_week", "start_dose", "increment",
    "max_dose",     SCHEDULE_KEYS,       NULL};
static const char *const topical_keys[] = {
    "topical", "strength", "dose", "applications_per_day", "times_per_day", SCHEDULE_KEYS, NULL};
static const char *const cells_keys[] = {"cells",   "source",      "dose", "route",
                                         "product", SCHEDULE_KEYS, NULL};
static const char *const lifestyle_keys[] = {"lifestyle", "from_week", "until_week", NULL};

/* The key that names each kind, and its key table, indexed by kind. */
static const char *const kind_keys[PSORSIM_TREATMENT_KIND_COUNT] = {
    "drug", "phototherapy", "topical", "cells", "lifestyle"};
static const char *const *const keys_of_kind[PSORSIM_TREATMENT_KIND_COUNT] = {
    drug_keys, photo_keys, topical_keys, cells_keys, lifestyle_keys};
static const char *const what_of_kind[PSORSIM_TREATMENT_KIND_COUNT] = {
    "a drug entry", "a phototherapy entry", "a topical entry", "a cells entry",
    "a lifestyle entry"};

/* Value of `key` in map with its path in kpath, or NULL. */
static const psr_yaml_node *get(const psr_yaml_node *map, const char *path, const char *key,
                                char *kpath)
{
  const psr_yaml_node *v = psr_yaml_map_get(map, key);
  if (v != NULL) psr_path_key(kpath, PSR_PATH_MAX, path, key);
  return v;
}

/* Key node (for its line) of `key` in map. */
static const psr_yaml_node *key_node(const psr_yaml_node *map, const char *key)
{
  for (size_t i = 0; i < map->n; i++)
    if (strcmp(map->items[2 * i]->text, key) == 0) return map->items[2 * i];
  return NULL;
}

/* Two keys that must not appear together. */
static int exclusive(psr_walk *w, const psr_yaml_node *map, const char *path, const char *a,
                     const char *b, const char *why)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *ka = key_node(map, a), *kb = key_node(map, b);
  if (ka == NULL || kb == NULL) return PSORSIM_OK;
  const psr_yaml_node *later = kb->line >= ka->line ? kb : ka;
  psr_path_key(kpath, sizeof(kpath), path, later->text);
  return psr_walk_fail(w, later, kpath, PSORSIM_EINPUT, "cannot be combined with %s%s%s",
                       later == kb ? a : b, why[0] ? "; " : "", why);
}

static int lookup_name(psr_walk *w, const psr_yaml_node *v, const char *kpath,
                       psorsim_treatment_kind kind, psorsim_regimen_entry *e)
{
  size_t n;
  const psorsim_known_treatment *all = psorsim_known_treatments(&n);
  char list[800];
  size_t used = 0;
  const char *best = NULL;
  int best_d = 3;

  PSR_TRY(psr_walk_text(w, v, kpath, &e->name));
  e->known = psorsim_known_treatment_find(kind, e->name);
  if (e->known != NULL) return PSORSIM_OK;
  list[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (all[i].kind != kind) continue;
    int d = psr_edit_distance(e->name, all[i].name);
    if (d < best_d) best_d = d, best = all[i].name;
    int k = snprintf(list + used, sizeof(list) - used, "%s%s", used ? ", " : "", all[i].name);
    if (k > 0 && (size_t)k < sizeof(list) - used) used += (size_t)k;
  }
  for (int k = 0; k < PSORSIM_TREATMENT_KIND_COUNT; k++)
    if ((psorsim_treatment_kind)k != kind && psorsim_known_treatment_find(k, e->name) != NULL)
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "\"%s\" is a %s, not a %s; write %s: %s",
                           e->name, psorsim_treatment_kind_name(k),
                           psorsim_treatment_kind_name(kind), psorsim_treatment_kind_name(k),
                           e->name);
  if (best != NULL)
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                         "unknown %s \"%s\" (did you mean \"%s\"?); known: %s",
                         psorsim_treatment_kind_name(kind), e->name, best, list);
  return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "unknown %s \"%s\"; known: %s",
                       psorsim_treatment_kind_name(kind), e->name, list);
}

static int walk_route(psr_walk *w, const psr_yaml_node *map, const char *path,
                      psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX], allowed[200];
  const psr_yaml_node *v = get(map, path, "route", kpath);
  const char *text;
  size_t used = 0;

  e->route = e->known->default_route;
  if (v == NULL) return PSORSIM_OK;
  allowed[0] = '\0';
  for (int r = 1; r < PSORSIM_ROUTE_COUNT; r++) {
    if (!(e->known->routes & PSORSIM_ROUTE_BIT(r))) continue;
    int k = snprintf(allowed + used, sizeof(allowed) - used, "%s%s", used ? ", " : "",
                     psorsim_route_name((psorsim_route)r));
    if (k > 0 && (size_t)k < sizeof(allowed) - used) used += (size_t)k;
  }
  PSR_TRY(psr_walk_text(w, v, kpath, &text));
  for (int r = 1; r < PSORSIM_ROUTE_COUNT; r++) {
    if (strcmp(text, psorsim_route_name((psorsim_route)r)) != 0) continue;
    if (!(e->known->routes & PSORSIM_ROUTE_BIT(r)))
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                           "%s cannot be given by the %s route; allowed: %s", e->name, text,
                           allowed);
    e->route = (psorsim_route)r;
    e->route_given = 1;
    return PSORSIM_OK;
  }
  return psr_walk_fail(
      w, v, kpath, PSORSIM_EINPUT,
      "unknown route \"%s\"; routes: subcutaneous, intravenous, oral, intradermal, "
      "intramuscular, topical (%s allows %s)",
      text, e->name, allowed);
}

/* A quantity key that must be > 0 (and, for percent, at most 100). */
static int positive_quantity(psr_walk *w, const psr_yaml_node *v, const char *kpath,
                             unsigned accept, psorsim_quantity *q)
{
  PSR_TRY(psr_walk_quantity(w, v, kpath, accept, q));
  if (q->value <= 0.0)
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "must be greater than 0, got \"%s\"",
                         v->text);
  if (q->unit == PSORSIM_UNIT_PERCENT && q->value > 100.0)
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "must be at most 100 %%, got \"%s\"",
                         v->text);
  return PSORSIM_OK;
}

static int walk_dose(psr_walk *w, const psr_yaml_node *map, const char *path,
                     psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v = get(map, path, "dose", kpath);
  unsigned accept = e->kind == PSORSIM_TREATMENT_CELLS     ? PSORSIM_ACCEPT_CELL_DOSE
                    : e->kind == PSORSIM_TREATMENT_TOPICAL ? PSORSIM_ACCEPT_DRUG_AMOUNT
                                                           : PSORSIM_ACCEPT_DRUG_DOSE;
  if (v == NULL) {
    if (!e->known->needs_dose) return PSORSIM_OK;
    psr_path_key(kpath, sizeof(kpath), path, "dose");
    return psr_walk_fail(w, map, kpath, PSORSIM_EINPUT, "missing (required for %s)", e->name);
  }
  e->dose_line = v->line;
  return positive_quantity(w, v, kpath, accept, &e->dose);
}

/* at_weeks / at_days: a list (or one number) of increasing times >= 0. */
static int walk_times(psr_walk *w, const psr_yaml_node *v, const char *kpath, double scale,
                      double max, psorsim_schedule *s)
{
  char ipath[PSR_PATH_MAX];
  double *t;
  size_t n = v->kind == PSR_YAML_SEQ ? v->n : 1;

  if (v->kind == PSR_YAML_MAP || n == 0)
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                         "expected a list of times such as [0, 4], got %s",
                         v->kind == PSR_YAML_MAP ? "a mapping" : "an empty list");
  t = psr_arena_alloc(w->arena, n * sizeof(*t));
  if (t == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < n; i++) {
    const psr_yaml_node *item = v->kind == PSR_YAML_SEQ ? v->items[i] : v;
    if (v->kind == PSR_YAML_SEQ)
      psr_path_index(ipath, sizeof(ipath), kpath, i);
    else
      snprintf(ipath, sizeof(ipath), "%s", kpath);
    PSR_TRY(psr_walk_number(w, item, ipath, 0.0, 0, max, &t[i]));
    if (i > 0 && t[i] <= t[i - 1] / scale)
      return psr_walk_fail(w, item, ipath, PSORSIM_EINPUT, "times must increase: %s comes after %g",
                           item->text, t[i - 1] / scale);
    t[i] *= scale;
  }
  s->at_day = t;
  s->n_at = n;
  return PSORSIM_OK;
}

/* A key that exists in one spelling per unit (x_weeks / x_days): its value in days. */
static int walk_interval(psr_walk *w, const psr_yaml_node *map, const char *path,
                         const char *weeks_key, const char *days_key, double *out_day, int *given,
                         int *in_weeks)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v;
  double x;
  *given = 0;
  PSR_TRY(exclusive(w, map, path, weeks_key, days_key, "give the interval once"));
  if ((v = get(map, path, weeks_key, kpath)) != NULL) {
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 1, WEEKS_MAX, &x));
    *out_day = 7.0 * x;
    *given = *in_weeks = 1;
  } else if ((v = get(map, path, days_key, kpath)) != NULL) {
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 1, DAYS_MAX, &x));
    *out_day = x;
    *given = 1;
  }
  return PSORSIM_OK;
}

static int walk_schedule(psr_walk *w, const psr_yaml_node *map, const char *path,
                         psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX];
  psorsim_schedule *s = &e->schedule;
  const psr_yaml_node *v;
  const char *daily_key =
      psr_yaml_map_get(map, "applications_per_day") ? "applications_per_day" : "times_per_day";
  /* the keys that choose a mode, in the order they are reported */
  const char *mode_keys[] = {"at_weeks",         "at_days",       "every_weeks",
                             "every_days",       "times_per_day", "applications_per_day",
                             "sessions_per_week"};
  const psorsim_schedule_mode mode_of[] = {PSORSIM_SCHEDULE_EXPLICIT, PSORSIM_SCHEDULE_EXPLICIT,
                                           PSORSIM_SCHEDULE_PERIODIC, PSORSIM_SCHEDULE_PERIODIC,
                                           PSORSIM_SCHEDULE_DAILY,    PSORSIM_SCHEDULE_DAILY,
                                           PSORSIM_SCHEDULE_SESSIONS};
  const char *first = NULL;
  int given = 0;
  long l;

  s->mode = PSORSIM_SCHEDULE_NONE;
  for (size_t i = 0; i < sizeof(mode_keys) / sizeof(mode_keys[0]); i++) {
    const psr_yaml_node *k = key_node(map, mode_keys[i]);
    if (k == NULL) continue;
    if (first != NULL) {
      psr_path_key(kpath, sizeof(kpath), path, mode_keys[i]);
      return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                           "cannot be combined with %s; an entry has one schedule (use %s for a "
                           "repeat after listed times, or a second regimen entry)",
                           first, strncmp(first, "at_", 3) == 0 ? "then_every_weeks" : "at_weeks");
    }
    first = mode_keys[i];
    s->mode = mode_of[i];
  }

  /* from_week / until_week bound every mode */
  if ((v = get(map, path, "from_week", kpath)) != NULL) {
    double x;
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 0, WEEKS_MAX, &x));
    s->from_day = 7.0 * x;
  }
  if ((v = get(map, path, "until_week", kpath)) != NULL) {
    double x;
    PSR_TRY(psr_walk_number(w, v, kpath, 0.0, 1, WEEKS_MAX, &x));
    if (7.0 * x <= s->from_day)
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                           "must be after from_week (%g), got %s; no dose could be given",
                           s->from_day / 7.0, v->text);
    s->until_day = 7.0 * x;
    s->until_given = 1;
  }

  switch (s->mode) {
  case PSORSIM_SCHEDULE_EXPLICIT: {
    int in_weeks = (v = get(map, path, "at_weeks", kpath)) != NULL;
    if (!in_weeks) v = get(map, path, "at_days", kpath);
    PSR_TRY(walk_times(w, v, kpath, in_weeks ? 7.0 : 1.0, in_weeks ? WEEKS_MAX : DAYS_MAX, s));
    s->times_in_weeks = in_weeks;
    PSR_TRY(walk_interval(w, map, path, "then_every_weeks", "then_every_days", &s->then_every_day,
                          &given, &s->times_in_weeks));
    return PSORSIM_OK;
  }
  case PSORSIM_SCHEDULE_PERIODIC:
    return walk_interval(w, map, path, "every_weeks", "every_days", &s->every_day, &given,
                         &s->times_in_weeks);
  case PSORSIM_SCHEDULE_DAILY:
    v = get(map, path, daily_key, kpath);
    PSR_TRY(psr_walk_int(w, v, kpath, 1, 24, &l));
    s->per_day = (int)l;
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_SESSIONS:
    v = get(map, path, "sessions_per_week", kpath);
    PSR_TRY(psr_walk_int(w, v, kpath, 1, 7, &l));
    s->sessions_per_week = (int)l;
    return PSORSIM_OK;
  case PSORSIM_SCHEDULE_NONE:
    break;
  }
  if (e->kind == PSORSIM_TREATMENT_LIFESTYLE) return PSORSIM_OK;
  if ((v = key_node(map, "then_every_weeks")) != NULL ||
      (v = key_node(map, "then_every_days")) != NULL) {
    psr_path_key(kpath, sizeof(kpath), path, v->text);
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                         "needs at_weeks or at_days (it repeats after the last listed time); for "
                         "a plain repeat use every_weeks or every_days");
  }
  return psr_walk_fail(w, map, path, PSORSIM_EINPUT, "no schedule: give one of %s",
                       e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY
                           ? "sessions_per_week, at_weeks, at_days, every_weeks, every_days"
                       : e->kind == PSORSIM_TREATMENT_TOPICAL
                           ? "applications_per_day, times_per_day, at_weeks, at_days, every_weeks, "
                             "every_days"
                       : e->kind == PSORSIM_TREATMENT_CELLS
                           ? "at_weeks, at_days, every_weeks, every_days"
                           : "at_weeks, at_days, every_weeks, every_days, times_per_day");
}

static int walk_phototherapy(psr_walk *w, const psr_yaml_node *map, const char *path,
                             psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v;
  PSR_TRY(psr_walk_require(w, map, path, "start_dose", &v));
  psr_path_key(kpath, sizeof(kpath), path, "start_dose");
  PSR_TRY(positive_quantity(w, v, kpath, PSORSIM_ACCEPT_UV_DOSE, &e->start_dose));
  if ((v = get(map, path, "increment", kpath)) != NULL) {
    PSR_TRY(psr_walk_quantity(w, v, kpath, PSORSIM_ACCEPT_UV_DOSE | PSORSIM_ACCEPT_PERCENT,
                              &e->increment));
    if (e->increment.unit == PSORSIM_UNIT_PERCENT && e->increment.value > 100.0)
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                           "must be at most 100 %% (a doubling per session), got \"%s\"", v->text);
  }
  if ((v = get(map, path, "max_dose", kpath)) != NULL) {
    PSR_TRY(positive_quantity(w, v, kpath, PSORSIM_ACCEPT_UV_DOSE, &e->max_dose));
    if (e->max_dose.unit == e->start_dose.unit && e->max_dose.value < e->start_dose.value)
      return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "%s is below start_dose", v->text);
  }
  return PSORSIM_OK;
}

static int walk_cells(psr_walk *w, const psr_yaml_node *map, const char *path,
                      psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *v;
  const char *text;
  PSR_TRY(psr_walk_require(w, map, path, "source", &v));
  psr_path_key(kpath, sizeof(kpath), path, "source");
  PSR_TRY(psr_walk_text(w, v, kpath, &text));
  for (int s = 1; s < PSORSIM_CELL_SOURCE_COUNT; s++)
    if (strcmp(text, psorsim_cell_source_name((psorsim_cell_source)s)) == 0)
      e->source = (psorsim_cell_source)s;
  if (e->source == PSORSIM_CELL_SOURCE_NONE)
    return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                         "unknown cell source \"%s\"; sources: bone_marrow, adipose, "
                         "umbilical_cord, ipsc",
                         text);
  if ((v = get(map, path, "product", kpath)) != NULL)
    PSR_TRY(psr_walk_cell_product(w, v, kpath, &e->product));
  return PSORSIM_OK;
}

static int walk_entry(psr_walk *w, const psr_yaml_node *map, const char *path,
                      psorsim_regimen_entry *e)
{
  char kpath[PSR_PATH_MAX];
  const psr_yaml_node *kind_key = NULL;
  int kind = -1;

  if (map->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, map, path, PSORSIM_EINPUT,
                         "expected a regimen entry such as {drug: secukinumab, dose: 300 mg, ...}");
  for (int k = 0; k < PSORSIM_TREATMENT_KIND_COUNT; k++) {
    const psr_yaml_node *kn = key_node(map, kind_keys[k]);
    if (kn == NULL) continue;
    if (kind_key != NULL) {
      psr_path_key(kpath, sizeof(kpath), path, kn->text);
      return psr_walk_fail(w, kn, kpath, PSORSIM_EINPUT,
                           "an entry is one treatment; it already has %s (use one entry per "
                           "treatment)",
                           kind_key->text);
    }
    kind_key = kn;
    kind = k;
  }
  if (kind < 0)
    return psr_walk_fail(w, map, path, PSORSIM_EINPUT,
                         "a regimen entry needs one of drug, phototherapy, topical, cells, "
                         "lifestyle");
  e->kind = (psorsim_treatment_kind)kind;
  e->line = map->line;
  PSR_TRY(psr_walk_keys(w, map, path, what_of_kind[kind], keys_of_kind[kind]));
  PSR_TRY(exclusive(w, map, path, "times_per_day", "applications_per_day", "they mean the same"));
  psr_path_key(kpath, sizeof(kpath), path, kind_keys[kind]);
  PSR_TRY(lookup_name(w, psr_yaml_map_get(map, kind_keys[kind]), kpath, e->kind, e));
  if (e->known->routes != 0) PSR_TRY(walk_route(w, map, path, e));
  if (kind == PSORSIM_TREATMENT_DRUG || kind == PSORSIM_TREATMENT_TOPICAL ||
      kind == PSORSIM_TREATMENT_CELLS)
    PSR_TRY(walk_dose(w, map, path, e));
  PSR_TRY(walk_schedule(w, map, path, e));
  switch (e->kind) {
  case PSORSIM_TREATMENT_PHOTOTHERAPY:
    return walk_phototherapy(w, map, path, e);
  case PSORSIM_TREATMENT_TOPICAL: {
    const psr_yaml_node *v = get(map, path, "strength", kpath);
    return v != NULL ? positive_quantity(w, v, kpath, PSORSIM_ACCEPT_PERCENT, &e->strength)
                     : PSORSIM_OK;
  }
  case PSORSIM_TREATMENT_CELLS:
    return walk_cells(w, map, path, e);
  default:
    return PSORSIM_OK;
  }
}

int psr_walk_regimen(psr_walk *w, const psr_yaml_node *seq, const char *path,
                     psorsim_trial_arm *arm)
{
  char epath[PSR_PATH_MAX];
  if (seq->kind != PSR_YAML_SEQ)
    return psr_walk_fail(w, seq, path, PSORSIM_EINPUT,
                         "expected a list of regimen entries ([] for placebo)");
  arm->n_regimen = 0;
  if (seq->n == 0) return PSORSIM_OK;
  arm->regimen = psr_arena_alloc(w->arena, seq->n * sizeof(*arm->regimen));
  if (arm->regimen == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < seq->n; i++) {
    psr_path_index(epath, sizeof(epath), path, i);
    PSR_TRY(walk_entry(w, seq->items[i], epath, &arm->regimen[i]));
    arm->n_regimen = i + 1;
  }
  return PSORSIM_OK;
}
