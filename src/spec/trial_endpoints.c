/* src/spec/trial_endpoints.c
 *
 * Endpoint keys ("pasi75@12", "pasi_change@4", "iga01@16", "dlqi01@12",
 * "relapse_weeks_median", and the economic "cost_per_patient@52",
 * "cost_per_pasi75@52", "qaly@52", "icer_vs:<arm>@52"), the trial's `endpoints:` list and the
 * published numbers under `observed:`. An endpoint's week must fall within the trial; every
 * observed arm must be one of the arms and every observed key must be a valid endpoint.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/context_impl.h"
#include "spec/spec_impl.h"

#define ENDPOINT_FORMS                                                                             \
  "pasi50@W, pasi75@W, pasi90@W, pasi100@W, pasi_change@W, iga01@W, dlqi01@W, "                    \
  "relapse_weeks_median, cost_per_patient@W, cost_per_pasi75@W, qaly@W, icer_vs:<arm>@W"
#define ENDPOINT_WEEK_MAX 1040.0

const char *psorsim_endpoint_unit(psorsim_endpoint_kind kind)
{
  switch (kind) {
  case PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN:
    return "weeks";
  case PSORSIM_ENDPOINT_COST_PER_PATIENT:
  case PSORSIM_ENDPOINT_COST_PER_PASI75:
    return "currency";
  case PSORSIM_ENDPOINT_QALY:
    return "QALY";
  case PSORSIM_ENDPOINT_ICER:
    return "currency/QALY";
  default:
    return "%";
  }
}

int psorsim_endpoint_parse(psorsim_ctx *ctx, const char *text, const char *where,
                           psorsim_endpoint *out)
{
  const char *pre = where != NULL ? where : "";
  const char *sep = where != NULL ? ": " : "";
  const char *at = NULL;
  char head[32];
  size_t hlen;
  double week;

  PSR_CHECK(ctx, text != NULL && out != NULL, PSORSIM_EINVAL, "endpoint: NULL argument");
  memset(out, 0, sizeof(*out));
  PSR_CHECK(ctx, strlen(text) < sizeof(out->key), PSORSIM_EINPUT,
            "%s%sunknown endpoint \"%.60s...\" (too long); endpoints: " ENDPOINT_FORMS, pre, sep,
            text);
  snprintf(out->key, sizeof(out->key), "%s", text);
  out->ref_arm = -1;
  if (strncmp(text, "icer_vs:", 8) == 0) { /* icer_vs:<arm>@W: the arm may hold any character */
    at = strrchr(text, '@');
    PSR_CHECK(ctx, at != NULL, PSORSIM_EINPUT,
              "%s%sendpoint \"%s\" needs a week, e.g. \"icer_vs:placebo@52\"", pre, sep, text);
    PSR_CHECK(ctx, at > text + 8, PSORSIM_EINPUT,
              "%s%sendpoint \"%s\": name the reference arm after icer_vs:, e.g. "
              "\"icer_vs:placebo@52\"",
              pre, sep, text);
    out->kind = PSORSIM_ENDPOINT_ICER;
  } else if (strcmp(text, "relapse_weeks_median") == 0) {
    out->kind = PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN;
    return PSORSIM_OK;
  }
  if (out->kind != PSORSIM_ENDPOINT_ICER) at = strchr(text, '@');
  hlen = at != NULL ? (size_t)(at - text) : strlen(text);
  if (hlen >= sizeof(head)) hlen = sizeof(head) - 1;
  memcpy(head, text, hlen);
  head[hlen] = '\0';
  if (strcmp(head, "relapse_weeks_median") == 0)
    PSR_FAIL(ctx, PSORSIM_EINPUT,
             "%s%s\"%s\": relapse_weeks_median takes no week (it is measured from the last dose)",
             pre, sep, text);
  if (out->kind == PSORSIM_ENDPOINT_ICER) {
    /* kind and week checks below */
  } else if (strcmp(head, "cost_per_patient") == 0) {
    out->kind = PSORSIM_ENDPOINT_COST_PER_PATIENT;
  } else if (strcmp(head, "cost_per_pasi75") == 0) {
    out->kind = PSORSIM_ENDPOINT_COST_PER_PASI75;
  } else if (strcmp(head, "qaly") == 0) {
    out->kind = PSORSIM_ENDPOINT_QALY;
  } else if (strncmp(head, "cost_per_pasi", 13) == 0) {
    PSR_FAIL(ctx, PSORSIM_EINPUT,
             "%s%sunknown endpoint \"%s\": cost per responder is defined for PASI75 only "
             "(cost_per_pasi75@W)",
             pre, sep, text);
  } else if (strcmp(head, "pasi_change") == 0) {
    out->kind = PSORSIM_ENDPOINT_PASI_CHANGE;
  } else if (strcmp(head, "iga01") == 0) {
    out->kind = PSORSIM_ENDPOINT_IGA01;
  } else if (strcmp(head, "dlqi01") == 0) {
    out->kind = PSORSIM_ENDPOINT_DLQI01;
  } else if (strcmp(head, "pasi50") == 0 || strcmp(head, "pasi75") == 0 ||
             strcmp(head, "pasi90") == 0 || strcmp(head, "pasi100") == 0) {
    out->kind = PSORSIM_ENDPOINT_PASI_RESPONSE;
    out->threshold = head[4] == '5' ? 50 : head[4] == '7' ? 75 : head[4] == '9' ? 90 : 100;
  } else if (strncmp(head, "pasi", 4) == 0 && head[4] >= '0' && head[4] <= '9') {
    PSR_FAIL(ctx, PSORSIM_EINPUT,
             "%s%sunknown endpoint \"%s\": the PASI response threshold must be 50, 75, 90 or 100",
             pre, sep, text);
  } else {
    PSR_FAIL(ctx, PSORSIM_EINPUT, "%s%sunknown endpoint \"%s\"; endpoints: " ENDPOINT_FORMS, pre,
             sep, text);
  }
  PSR_CHECK(ctx, at != NULL, PSORSIM_EINPUT, "%s%sendpoint \"%s\" needs a week, e.g. \"%s@12\"",
            pre, sep, text, head);
  PSR_CHECK(ctx, psr_parse_real(at + 1, &week), PSORSIM_EINPUT,
            "%s%sendpoint \"%s\": the week after @ must be a number, got \"%s\"", pre, sep, text,
            at + 1);
  PSR_CHECK(ctx, week > 0.0 && week <= ENDPOINT_WEEK_MAX, PSORSIM_EINPUT,
            "%s%sendpoint \"%s\": the week must be after baseline (> 0) and at most %g", pre, sep,
            text, ENDPOINT_WEEK_MAX);
  out->week = week;
  return PSORSIM_OK;
}

static int same_endpoint(const psorsim_endpoint *a, const psorsim_endpoint *b)
{
  return a->kind == b->kind && a->threshold == b->threshold && a->week == b->week &&
         a->ref_arm == b->ref_arm;
}

/* Parse one endpoint key node and check its week against the trial length. */
static int walk_endpoint(psr_walk *w, const psorsim_trial_spec *spec, const psr_yaml_node *n,
                         const char *path, psorsim_endpoint *ep)
{
  char where[PSR_PATH_MAX + 300];
  if (n->kind != PSR_YAML_SCALAR || psr_yaml_is_null(n))
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT,
                         "expected an endpoint such as pasi75@12; endpoints: " ENDPOINT_FORMS);
  snprintf(where, sizeof(where), "%s:%d: %s", w->file, n->line, path);
  PSR_TRY(psorsim_endpoint_parse(w->ctx, n->text, where, ep));
  ep->line = n->line;
  if (ep->kind == PSORSIM_ENDPOINT_ICER) { /* the reference arm: between "icer_vs:" and '@' */
    char arm[sizeof(ep->key)];
    const char *at = strrchr(ep->key, '@');
    snprintf(arm, sizeof(arm), "%.*s", (int)(at - ep->key - 8), ep->key + 8);
    ep->ref_arm = psorsim_trial_spec_find_arm(spec, arm);
    if (ep->ref_arm < 0)
      return psr_walk_fail(w, n, path, PSORSIM_EINPUT,
                           "endpoint \"%s\": no arm is called \"%s\" (icer_vs: names the "
                           "reference arm)",
                           n->text, arm);
  }
  if (ep->week > spec->weeks)
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT,
                         "endpoint \"%s\" is at week %g, after the end of the trial (weeks: %g)",
                         n->text, ep->week, spec->weeks);
  return PSORSIM_OK;
}

int psr_walk_endpoints(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *seq,
                       const char *path)
{
  char ipath[PSR_PATH_MAX];

  if (seq->kind != PSR_YAML_SEQ || seq->n == 0)
    return psr_walk_fail(w, seq, path, PSORSIM_EINPUT,
                         "expected a list of at least one endpoint, e.g. [pasi75@12, pasi90@12]");
  spec->endpoints = psr_arena_alloc(w->arena, seq->n * sizeof(*spec->endpoints));
  if (spec->endpoints == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < seq->n; i++) {
    psorsim_endpoint *ep = &spec->endpoints[i];
    psr_path_index(ipath, sizeof(ipath), path, i);
    PSR_TRY(walk_endpoint(w, spec, seq->items[i], ipath, ep));
    for (size_t j = 0; j < i; j++)
      if (same_endpoint(&spec->endpoints[j], ep))
        return psr_walk_fail(w, seq->items[i], ipath, PSORSIM_EINPUT,
                             "endpoint \"%s\" is listed twice (as \"%s\" at line %d)", ep->key,
                             spec->endpoints[j].key, spec->endpoints[j].line);
    spec->n_endpoints = i + 1;
  }
  return PSORSIM_OK;
}

/* The range an observed value of this kind can take. */
static void value_range(psorsim_endpoint_kind kind, double *lo, double *hi)
{
  *lo = 0.0;
  *hi = 100.0;
  if (kind == PSORSIM_ENDPOINT_PASI_CHANGE) *lo = -1000.0; /* worsening: PASI can rise */
  if (kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN) *hi = ENDPOINT_WEEK_MAX;
  if (kind == PSORSIM_ENDPOINT_COST_PER_PATIENT || kind == PSORSIM_ENDPOINT_COST_PER_PASI75)
    *hi = 1e12;
  if (kind == PSORSIM_ENDPOINT_QALY) *lo = -100.0;
  if (kind == PSORSIM_ENDPOINT_ICER) *lo = -1e12, *hi = 1e12;
}

int psr_walk_observed(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *map,
                      const char *path)
{
  char apath[PSR_PATH_MAX], kpath[PSR_PATH_MAX];
  size_t total = 0, k = 0;

  if (map->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, map, path, PSORSIM_EINPUT,
                         "expected a mapping of arm name to {endpoint: value}");
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *key = map->items[2 * i], *vals = map->items[2 * i + 1];
    psr_path_key(apath, sizeof(apath), path, key->text);
    if (psorsim_trial_spec_find_arm(spec, key->text) < 0) {
      char arms[600];
      size_t used = 0;
      arms[0] = '\0';
      for (size_t a = 0; a < spec->n_arms; a++) {
        int n = snprintf(arms + used, sizeof(arms) - used, "%s\"%s\"", a ? ", " : "",
                         spec->arms[a].name);
        if (n > 0 && (size_t)n < sizeof(arms) - used) used += (size_t)n;
      }
      return psr_walk_fail(w, key, apath, PSORSIM_EINPUT, "no arm is called \"%s\"; arms: %s",
                           key->text, arms);
    }
    for (size_t j = 0; j < i; j++)
      if (strcmp(map->items[2 * j]->text, key->text) == 0)
        return psr_walk_fail(w, key, apath, PSORSIM_EINPUT,
                             "arm given twice (first at line %d); each key may appear once",
                             map->items[2 * j]->line);
    if (vals->kind != PSR_YAML_MAP)
      return psr_walk_fail(w, vals, apath, PSORSIM_EINPUT,
                           "expected a mapping of endpoint to value, e.g. {pasi75@12: 81.6}");
    total += vals->n;
  }
  spec->observed = psr_arena_alloc(w->arena, (total ? total : 1) * sizeof(*spec->observed));
  if (spec->observed == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *key = map->items[2 * i], *vals = map->items[2 * i + 1];
    size_t first = k;
    psr_path_key(apath, sizeof(apath), path, key->text);
    for (size_t j = 0; j < vals->n; j++) {
      const psr_yaml_node *ek = vals->items[2 * j], *ev = vals->items[2 * j + 1];
      psorsim_observation *o = &spec->observed[k];
      double lo, hi;
      psr_path_key(kpath, sizeof(kpath), apath, ek->text);
      o->arm = (size_t)psorsim_trial_spec_find_arm(spec, key->text);
      PSR_TRY(walk_endpoint(w, spec, ek, kpath, &o->endpoint));
      for (size_t m = first; m < k; m++)
        if (same_endpoint(&spec->observed[m].endpoint, &o->endpoint))
          return psr_walk_fail(w, ek, kpath, PSORSIM_EINPUT,
                               "endpoint given twice for this arm (first at line %d)",
                               spec->observed[m].line);
      value_range(o->endpoint.kind, &lo, &hi);
      PSR_TRY(psr_walk_number(w, ev, kpath, lo, 0, hi, &o->value));
      o->line = ek->line;
      o->endpoint_index = -1;
      for (size_t e = 0; e < spec->n_endpoints; e++)
        if (same_endpoint(&spec->endpoints[e], &o->endpoint)) o->endpoint_index = (int)e;
      k++;
      spec->n_observed = k;
    }
  }
  return PSORSIM_OK;
}
