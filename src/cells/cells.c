/* src/cells/cells.c
 *
 * Cell-therapy rules used by the regimen code and the trial runner: the dose
 * check of a cell entry (cells or cells/kg on the entry's routes), the
 * potency factor of a product (passage, viability, cryopreservation; see
 * include/psorsim/cells.h and docs/cell-therapy.md), the check of a `cells`
 * regimen entry, and the tumourigenicity flag of an arm. No state.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/cells.h>

#include "common/context_impl.h"

int psorsim_cells_check_dose(psorsim_ctx *ctx, const psorsim_treatment *tx, psorsim_route route,
                             const psorsim_quantity *dose)
{
  const psorsim_dose_rule *rule = NULL;
  double v;
  PSR_CHECK(ctx, tx != NULL && dose != NULL, PSORSIM_EINVAL, "no cell entry or dose given");
  for (int i = 0; i < tx->n_routes; i++) {
    if (tx->routes[i].route == route) rule = &tx->routes[i];
  }
  PSR_CHECK(ctx, rule != NULL, PSORSIM_EINPUT,
            "%s cannot be given by the %s route; routes: intravenous, subcutaneous, intradermal",
            tx->name, psorsim_route_name(route));
  PSR_CHECK(ctx, dose->unit == PSORSIM_UNIT_CELLS || dose->unit == PSORSIM_UNIT_CELLS_PER_KG,
            PSORSIM_EUNIT, "%s: a dose in '%s' is not a cell dose; write cells or cells/kg",
            tx->name, psorsim_unit_name(dose->unit));
  v = dose->value;
  if (dose->unit == PSORSIM_UNIT_CELLS && strcmp(rule->unit, "cells/kg") == 0) {
    v /= PSORSIM_CELLS_REF_WEIGHT_KG;
  } else if (dose->unit == PSORSIM_UNIT_CELLS_PER_KG && strcmp(rule->unit, "cells") == 0) {
    v *= PSORSIM_CELLS_REF_WEIGHT_KG;
  }
  PSR_CHECK(ctx, isfinite(v) && v >= rule->min && v <= rule->max, PSORSIM_EINPUT,
            "%s: dose %g %s is outside the plausible range %g-%g %s per administration (%s%s)",
            tx->name, dose->value, psorsim_unit_name(dose->unit), rule->min, rule->max, rule->unit,
            psorsim_route_name(route),
            dose->unit == PSORSIM_UNIT_CELLS_PER_KG ? "" : "; compared at 70 kg");
  return PSORSIM_OK;
}

/* Value of a product key, or NaN when not given. */
static double item_value(const psorsim_cell_product *p, const char *key)
{
  for (size_t i = 0; i < p->n_items; i++)
    if (strcmp(p->items[i].key, key) == 0) return p->items[i].value;
  return NAN;
}

double psorsim_cells_potency(const psorsim_treatment *tx, const psorsim_cell_product *p,
                             double k_clear_per_day)
{
  double f = 1.0;
  if (p == NULL || !p->given || tx == NULL) return 1.0;
  if (isfinite(p->viability_pct)) f *= fmin(fmax(p->viability_pct, 0.0), 100.0) / 100.0;
  if (p->passage > PSORSIM_CELLS_REF_PASSAGE) {
    f *= exp(-tx->pk.cell_passage_loss * (double)(p->passage - PSORSIM_CELLS_REF_PASSAGE));
  }
  if (p->cryopreserved == 1) {
    const double rec_h = item_value(p, "thaw_recovery_hours");
    const double lag = PSORSIM_CELLS_THAW_LAG_DAYS - (isfinite(rec_h) ? rec_h / 24.0 : 0.0);
    if (lag > 0 && k_clear_per_day > 0) {
      f *= 1.0 - PSORSIM_CELLS_IDO_SHARE * (1.0 - exp(-k_clear_per_day * lag));
    }
  }
  return fmin(fmax(f, 0.0), 1.0);
}

int psorsim_cells_validate_entry(psorsim_ctx *ctx, const psorsim_regimen_entry *e,
                                 const char *source, const char *arm_name)
{
  const char *file = source != NULL ? source : "trial";
  const psorsim_treatment *tx;
  psorsim_product_finding f[1];
  int n = 0;

  PSR_CHECK(ctx, e != NULL && e->kind == PSORSIM_TREATMENT_CELLS, PSORSIM_EINVAL,
            "not a cells entry");
  tx = psorsim_cells_treatment(e->source);
  PSR_CHECK(ctx, tx != NULL, PSORSIM_EINPUT, "%s:%d: arm '%s': cell source '%s' is not known", file,
            e->line, arm_name ? arm_name : "", psorsim_cell_source_name(e->source));
  if (e->dose.unit != PSORSIM_UNIT_NONE) {
    int rc = psorsim_cells_check_dose(ctx, tx, e->route, &e->dose);
    if (rc != PSORSIM_OK) {
      char msg[PSR_ERRMSG_MAX];
      snprintf(msg, sizeof(msg), "%s", psorsim_ctx_errmsg(ctx));
      PSR_FAIL(ctx, rc, "%s:%d: arm '%s': %s", file, e->dose_line > 0 ? e->dose_line : e->line,
               arm_name ? arm_name : "", msg);
    }
  }
  if (!e->product.given) return PSORSIM_OK;
  psorsim_cell_product_check(&e->product, PSORSIM_PRODUCT_CHECK_TRIAL, f, 1, &n);
  PSR_CHECK(ctx, n == 0, PSORSIM_EINPUT, "%s:%d: arm '%s': product.%s%s", file, f[0].line,
            arm_name ? arm_name : "", f[0].message,
            n > 1 ? " (and more: run 'psorsim product check' on the block)" : "");
  return PSORSIM_OK;
}

int psorsim_cells_arm_tumourigenicity_flag(const psorsim_trial_arm *arm)
{
  int flag = -1;
  if (arm == NULL) return -1;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_treatment *tx;
    if (arm->regimen[i].kind != PSORSIM_TREATMENT_CELLS) continue;
    tx = psorsim_cells_treatment(arm->regimen[i].source);
    if (flag < 0) flag = 0;
    if (tx != NULL && tx->tumourigenicity_flag) flag = 1;
  }
  return flag;
}
