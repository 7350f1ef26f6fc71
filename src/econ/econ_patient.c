/* src/econ/econ_patient.c
 *
 * One patient's costs and QALYs (include/psorsim/economics.h,
 * docs/economics.md), from the log the patient emitted (outcome.h). Costs:
 * for every regimen entry, the doses of the log (those given: none after an
 * adverse-event dropout), priced by the economics block (drug or topical per
 * mg or per dose plus administration by route, phototherapy per session,
 * cell product per 10^6 cells or per dose plus the infusion cost),
 * monitoring per week from the first to the last dose week, and each
 * adverse event of the log. QALYs: the utility of each weekly visit,
 * averaged over each week (trapezoid) and discounted. Every item is accrued
 * into the horizon totals and into each economic endpoint week it falls
 * before, entry by entry in regimen order and each entry's doses in time
 * order, so the sums do not depend on how the log interleaves entries.
 */
#include <math.h>
#include <string.h>

#include <psorsim/cells.h>
#include <psorsim/economics.h>
#include <psorsim/treatment.h>

#include "common/context_impl.h"

#define DAYS_PER_YEAR 365.25

/* Which part of the cost an item belongs to. */
typedef enum { PART_DRUG, PART_ADMIN, PART_MONITORING, PART_PHOTO, PART_CELLS, PART_AE } part;

double psorsim_econ_discount(double rate, double day, int continuous)
{
  double t = continuous ? day : 7.0 * floor(day / 7.0 + 1e-9);
  if (rate <= 0.0) return 1.0;
  return pow(1.0 + rate, -t / DAYS_PER_YEAR);
}

double psorsim_econ_utility(const psorsim_economics *econ, double baseline_pasi, double pasi,
                            double dlqi)
{
  double u;
  if (econ->utility == PSORSIM_UTILITY_DLQI_LINEAR) {
    u = econ->dlqi_intercept + econ->dlqi_slope * dlqi;
    return fmax(-0.594, fmin(1.0, u)); /* the EQ-5D-3L UK tariff's range */
  }
  {
    const double imp = baseline_pasi > 0 ? 100.0 * (baseline_pasi - pasi) / baseline_pasi : 0.0;
    const double *g = econ->utility_gain;
    const double gain = imp >= 90.0 - 1e-9   ? g[3]
                        : imp >= 75.0 - 1e-9 ? g[2]
                        : imp >= 50.0 - 1e-9 ? g[1]
                        : imp > 0.0          ? g[0]
                                             : 0.0;
    return fmin(1.0, econ->utility_baseline + gain);
  }
}

/* Add a cost of `amount` at `day` to the result's parts, total and windows. */
static void accrue(const psorsim_economics *ec, psorsim_econ_patient_result *rec, part which,
                   double amount, double day)
{
  const double v = amount * psorsim_econ_discount(ec->discount_costs, day, ec->continuous);
  for (int s = 0; s < ec->n_weeks; s++)
    if (day < 7.0 * ec->weeks[s] - 1e-9) rec->cost_at[s] += v;
  if (!(day < 7.0 * ec->weeks[0] - 1e-9)) return;
  rec->cost += v;
  switch (which) {
  case PART_DRUG:
    rec->cost_drug += v;
    break;
  case PART_ADMIN:
    rec->cost_admin += v;
    break;
  case PART_MONITORING:
    rec->cost_monitoring += v;
    break;
  case PART_PHOTO:
    rec->cost_phototherapy += v;
    break;
  case PART_CELLS:
    rec->cost_cells += v;
    break;
  default:
    rec->cost_ae += v;
    break;
  }
}

static const psorsim_price *find_price(const psorsim_economics *ec, const char *item)
{
  for (size_t i = 0; i < ec->n_prices; i++)
    if (strcmp(ec->prices[i].item, item) == 0) return &ec->prices[i];
  return NULL;
}

/* Cost of one dose d of entry e: product (or drug) and administration parts. */
static void dose_cost(const psorsim_economics *ec, const psorsim_regimen_entry *e,
                      const psorsim_price *pr, const psorsim_dose_given *d, double *product,
                      double *admin)
{
  *admin = 0.0;
  if (e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY) {
    *product = pr->amount;
    return;
  }
  if (e->kind == PSORSIM_TREATMENT_CELLS) {
    const double cells = d->unit == PSORSIM_UNIT_CELLS ? d->amount : 0.0;
    *product = pr->basis == PSORSIM_PRICE_PER_MILLION_CELLS ? pr->amount * cells / 1e6 : pr->amount;
    *admin = pr->per_infusion;
    return;
  }
  *product = pr->basis == PSORSIM_PRICE_PER_MG
                 ? pr->amount * (d->unit == PSORSIM_UNIT_MG ? d->amount : 0.0)
                 : pr->amount;
  *admin = ec->admin_cost[e->route];
}

static double ae_cost(const psorsim_economics *ec, const char *name)
{
  for (size_t i = 0; name != NULL && i < ec->n_ae_costs; i++)
    if (strcmp(ec->ae_costs[i].name, name) == 0) return ec->ae_costs[i].cost;
  return ec->ae_default_cost;
}

/* The library name of adverse event a of the log, or NULL. */
static const char *ae_name(const psorsim_patient_log *pl, const psorsim_ae_given *a)
{
  if (pl->treatments == NULL || a->treatment < 0 || a->treatment >= pl->n_treatments) return NULL;
  if (a->ae < 0 || a->ae >= pl->treatments[a->treatment]->n_aes) return NULL;
  return pl->treatments[a->treatment]->aes[a->ae].name;
}

/* The doses of every entry of the arm; first and last dose day given. */
static int regimen_costs(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                         const psorsim_trial_arm *arm, const psorsim_patient_log *pl,
                         psorsim_econ_patient_result *rec, double *first, double *last)
{
  const psorsim_economics *ec = &spec->economics;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    const psorsim_treatment *t;
    const psorsim_price *pr;
    const part which = e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY ? PART_PHOTO
                       : e->kind == PSORSIM_TREATMENT_CELLS      ? PART_CELLS
                                                                 : PART_DRUG;
    if (e->kind == PSORSIM_TREATMENT_LIFESTYLE) continue;
    t = e->kind == PSORSIM_TREATMENT_CELLS ? psorsim_cells_treatment(e->source)
                                           : psorsim_treatment_find(e->name);
    pr = t != NULL ? find_price(ec, t->name) : NULL;
    PSR_CHECK(ctx, pr != NULL, PSORSIM_EINVAL, "%s:%d: no price resolved for '%s'", spec->source,
              e->line, e->name);
    for (size_t k = 0; k < pl->n_doses; k++) {
      const psorsim_dose_given *d = &pl->doses[k];
      double product, admin;
      if (d->entry != (int)i) continue;
      dose_cost(ec, e, pr, d, &product, &admin);
      accrue(ec, rec, which, product, d->t_day);
      if (admin > 0.0)
        accrue(ec, rec, which == PART_CELLS ? PART_CELLS : PART_ADMIN, admin, d->t_day);
      *first = fmin(*first, d->t_day);
      *last = fmax(*last, d->t_day);
    }
  }
  return PSORSIM_OK;
}

int psorsim_econ_patient(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                         const psorsim_trial_arm *arm, const psorsim_patient_log *pl,
                         psorsim_econ_patient_result *rec)
{
  const psorsim_economics *ec;
  double first = INFINITY, last = -INFINITY;

  PSR_CHECK(ctx, spec != NULL && arm != NULL && pl != NULL && rec != NULL, PSORSIM_EINVAL,
            "economics: NULL argument");
  ec = &spec->economics;
  memset(rec, 0, sizeof(*rec));
  if (!ec->enabled) return PSORSIM_OK;
  PSR_CHECK(ctx, pl->visits != NULL && pl->n_visits >= 1, PSORSIM_EINVAL,
            "economics: the patient's visits are needed");
  PSR_CHECK(ctx, pl->n_doses == 0 || pl->doses != NULL, PSORSIM_EINVAL,
            "economics: the log has doses but no dose list");

  PSR_TRY(regimen_costs(ctx, spec, arm, pl, rec, &first, &last));
  if (ec->monitoring_per_week > 0.0 && isfinite(first)) {
    for (double wk = floor(first / 7.0 + 1e-9); wk <= floor(last / 7.0 + 1e-9); wk += 1.0)
      accrue(ec, rec, PART_MONITORING, ec->monitoring_per_week, 7.0 * wk);
  }
  for (int a = 0; a < pl->n_aes && a < PSORSIM_LOG_MAX_AES; a++)
    accrue(ec, rec, PART_AE, ae_cost(ec, ae_name(pl, &pl->aes[a])), pl->aes[a].t_day);

  /* QALYs: week k (visit k to k+1) at the mean utility of its two visits. */
  for (int k = 0; k + 1 < pl->n_visits; k++) {
    const psorsim_visit *v0 = &pl->visits[k], *v1 = &pl->visits[k + 1];
    const double u = 0.5 * (psorsim_econ_utility(ec, pl->baseline_pasi, v0->pasi, v0->dlqi) +
                            psorsim_econ_utility(ec, pl->baseline_pasi, v1->pasi, v1->dlqi));
    const double r = ec->discount_effects;
    double years;
    if (ec->continuous && r > 0.0) {
      years = (psorsim_econ_discount(r, 7.0 * k, 1) - psorsim_econ_discount(r, 7.0 * k + 7.0, 1)) /
              log(1.0 + r);
    } else {
      years = 7.0 / DAYS_PER_YEAR * psorsim_econ_discount(r, 7.0 * k, 0);
    }
    for (int s = 0; s < ec->n_weeks; s++)
      if (k + 1 <= ec->weeks[s] + 1e-9) rec->qaly_at[s] += u * years;
    if (k + 1 <= ec->weeks[0] + 1e-9) rec->qaly += u * years;
  }
  for (int s = 0; s < ec->n_weeks; s++) {
    long w = lround(ec->weeks[s]);
    const psorsim_visit *v;
    if (w >= pl->n_visits) w = pl->n_visits - 1;
    v = &pl->visits[w];
    rec->pasi75_at[s] = v->on_study && pl->baseline_pasi > 0 &&
                        100.0 * (pl->baseline_pasi - v->pasi) / pl->baseline_pasi >= 75.0 - 1e-9;
  }
  rec->counted = 1;
  return PSORSIM_OK;
}
