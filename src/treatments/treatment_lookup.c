/* src/treatments/treatment_lookup.c
 *
 * The treatment library as one list (the table files' arrays, in order),
 * lookup by name (also over the cell-therapy entries of src/cells/), the printable names of classes
 * and nodes, and the dose check every regimen entry goes through (routes and their names live in
 * dose.h and src/io/known_names.c). Reads only
 * static const data; keeps no state, so every function is thread-safe.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/cells.h>

#include "common/context_impl.h"
#include "treatment_table_impl.h"

/* The i-th entry across the table files, or NULL. */
static const psorsim_treatment *entry_at(int i)
{
  if (i < 0) return NULL;
  if (i < psr_tx_n_biologics) return psr_tx_biologics[i];
  i -= psr_tx_n_biologics;
  if (i < psr_tx_n_systemic_topical) return psr_tx_systemic_topical[i];
  i -= psr_tx_n_systemic_topical;
  if (i < psr_tx_n_other) return psr_tx_other[i];
  return NULL;
}

int psorsim_treatment_count(void)
{
  return psr_tx_n_biologics + psr_tx_n_systemic_topical + psr_tx_n_other;
}

const psorsim_treatment *psorsim_treatment_at(int i)
{
  return entry_at(i);
}

const psorsim_treatment *psorsim_treatment_find(const char *name)
{
  if (name == NULL) return NULL;
  for (int i = 0; i < psorsim_treatment_count(); i++) {
    const psorsim_treatment *t = entry_at(i);
    if (strcmp(t->name, name) == 0) return t;
  }
  for (int i = 0; i < psorsim_cells_count(); i++) { /* src/cells/cell_table.c */
    const psorsim_treatment *t = psorsim_cells_at(i);
    if (strcmp(t->name, name) == 0) return t;
  }
  return NULL;
}

const char *psorsim_tx_class_name(psorsim_tx_class c)
{
  switch (c) {
  case PSORSIM_TX_BIOLOGIC:
    return "biologic";
  case PSORSIM_TX_SYSTEMIC:
    return "systemic";
  case PSORSIM_TX_TOPICAL:
    return "topical";
  case PSORSIM_TX_PHOTOTHERAPY:
    return "phototherapy";
  case PSORSIM_TX_LIFESTYLE:
    return "lifestyle";
  case PSORSIM_TX_PLACEBO:
    return "placebo";
  case PSORSIM_TX_CELLS:
    return "cells";
  }
  return "unknown";
}

/* Printable route name ("none" rather than the file spelling "" for NONE). */
static const char *route_label(psorsim_route r)
{
  const char *n = psorsim_route_name(r);
  return (n == NULL || n[0] == '\0') ? "none" : n;
}

const char *psorsim_node_param_name(psorsim_node n)
{
  switch (n) {
  case PSORSIM_NODE_IL23:
    return "inh_il23";
  case PSORSIM_NODE_IL17:
    return "inh_il17";
  case PSORSIM_NODE_TNF:
    return "inh_tnf";
  case PSORSIM_NODE_TACT:
    return "inh_tact";
  case PSORSIM_NODE_PROLIF:
    return "inh_prolif";
  case PSORSIM_NODE_TREG:
    return "treg_induction";
  case PSORSIM_NODE_UVB:
    return "uvb_apopt";
  case PSORSIM_NODE_COUNT:
    break;
  }
  return "unknown";
}

/* "subcutaneous, intravenous" for the entry's routes, into buf. */
static void list_routes(const psorsim_treatment *tx, char *buf, size_t cap)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < tx->n_routes; i++) {
    int k = snprintf(buf + used, cap - used, "%s%s", i > 0 ? ", " : "",
                     route_label(tx->routes[i].route));
    if (k < 0 || (size_t)k >= cap - used) return;
    used += (size_t)k;
  }
}

int psorsim_treatment_check_dose(psorsim_ctx *ctx, const psorsim_treatment *tx, psorsim_route route,
                                 double value, const char *unit)
{
  const psorsim_dose_rule *rule = NULL;
  char routes[160];

  PSR_CHECK(ctx, tx != NULL, PSORSIM_EINVAL, "no treatment given for the dose check");
  if (tx->cls == PSORSIM_TX_PLACEBO) {
    /* An inert comparator may mimic any drug's route and dose; only nonsense is refused. */
    PSR_CHECK(ctx, isfinite(value) && value >= 0.0, PSORSIM_EINPUT,
              "%s: dose %g %s is not a non-negative number", tx->name, value, unit ? unit : "");
    return PSORSIM_OK;
  }
  PSR_CHECK(ctx, tx->n_routes > 0, PSORSIM_EINPUT, "%s (%s) takes no dose; got %g %s", tx->name,
            psorsim_tx_class_name(tx->cls), value, unit ? unit : "");
  for (int i = 0; i < tx->n_routes; i++) {
    if (tx->routes[i].route == route) rule = &tx->routes[i];
  }
  list_routes(tx, routes, sizeof(routes));
  PSR_CHECK(ctx, rule != NULL, PSORSIM_EINPUT, "%s cannot be given by the %s route; routes: %s",
            tx->name, route_label(route), routes);
  PSR_CHECK(ctx, unit != NULL && strcmp(unit, rule->unit) == 0, PSORSIM_EUNIT,
            "%s: a dose in '%s' cannot be used on the %s route, which takes %s", tx->name,
            unit ? unit : "(no unit)", route_label(route), rule->unit);
  PSR_CHECK(ctx, isfinite(value) && value >= rule->min && value <= rule->max, PSORSIM_EINPUT,
            "%s: dose %g %s is outside the plausible range %g-%g %s per administration (%s)",
            tx->name, value, unit, rule->min, rule->max, rule->unit, route_label(route));
  return PSORSIM_OK;
}
