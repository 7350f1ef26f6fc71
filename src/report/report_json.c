/* src/report/report_json.c
 *
 * The JSON of trial.json (docs/outputs.md): the keys of the trial-format
 * contract ("name", "seed", "weeks", "arms" with "name", "patients" and
 * "endpoints" {"estimate", "ci95"}; the relapse endpoint also states its
 * definition and analysis) plus failures, dropouts, adverse events and their
 * per-type table with exposure-adjusted rates,
 * summed solver statistics, the weekly time course, "reference",
 * "psorsim_version" and the observed-vs-simulated comparison. Every real is
 * rounded to PSORSIM_REPORT_DECIMALS decimals before encoding and NaN is
 * null, so the text depends on nothing but the numbers. Also the shared
 * helpers of report_impl.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/cells.h>
#include <psorsim/economics.h>
#include <psorsim/treatment.h>

#include "common/context_impl.h"
#include "report/report_impl.h"
#include "report/report_json.h"

double psr_report_round(double v)
{
  const double scale = 1e4; /* 10^PSORSIM_REPORT_DECIMALS */
  double r;
  if (!isfinite(v) || fabs(v) >= 1e11) return v; /* nothing to round at that magnitude */
  r = round(v * scale) / scale;
  return r == 0.0 ? 0.0 : r; /* no "-0.0" */
}

const char *psr_report_arm_name(const psorsim_trial_result *r, size_t arm, char *buf, size_t size)
{
  if (arm < r->n_arms && r->arms[arm].name != NULL) return r->arms[arm].name;
  if (r->spec != NULL && arm < r->spec->n_arms && r->spec->arms[arm].name != NULL) {
    return r->spec->arms[arm].name;
  }
  snprintf(buf, size, "arm %zu", arm + 1);
  return buf;
}

void psr_report_endpoint_label(const psorsim_endpoint *e, char *buf, size_t size)
{
  switch (e->kind) {
  case PSORSIM_ENDPOINT_PASI_RESPONSE:
    snprintf(buf, size, "PASI %d, week %g", e->threshold, e->week);
    break;
  case PSORSIM_ENDPOINT_PASI_CHANGE:
    snprintf(buf, size, "Mean PASI improvement, week %g", e->week);
    break;
  case PSORSIM_ENDPOINT_IGA01:
    snprintf(buf, size, "IGA 0/1, week %g", e->week);
    break;
  case PSORSIM_ENDPOINT_DLQI01:
    snprintf(buf, size, "DLQI 0/1, week %g", e->week);
    break;
  case PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN:
    snprintf(buf, size, "Median weeks to relapse");
    break;
  case PSORSIM_ENDPOINT_COST_PER_PATIENT:
    snprintf(buf, size, "Cost per patient, weeks 0-%g", e->week);
    break;
  case PSORSIM_ENDPOINT_COST_PER_PASI75:
    snprintf(buf, size, "Cost per PASI 75 responder, week %g", e->week);
    break;
  case PSORSIM_ENDPOINT_QALY:
    snprintf(buf, size, "QALYs, weeks 0-%g", e->week);
    break;
  case PSORSIM_ENDPOINT_ICER:
    snprintf(buf, size, "ICER (%s)", e->key);
    break;
  default:
    snprintf(buf, size, "%s", e->key);
    break;
  }
}

int psr_report_endpoint_is_percent(const psorsim_endpoint *e)
{
  return e->kind != PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN && !psorsim_econ_is_endpoint(e->kind);
}

const psorsim_estimate *psr_report_observed_estimate(const psorsim_trial_result *r,
                                                     const psorsim_observation *o)
{
  if (o->arm >= r->n_arms || o->endpoint_index < 0) return NULL;
  if ((size_t)o->endpoint_index >= r->spec->n_endpoints) return NULL;
  if (r->arms[o->arm].endpoints == NULL) return NULL;
  return &r->arms[o->arm].endpoints[o->endpoint_index];
}

/* ---- building the object ----------------------------------------------- */

/* Builder state: set `failed` on the first allocation failure so the
 * caller can give up once at the end instead of checking every call. */
typedef struct jb {
  int failed;
} jb;

/* Take a new reference: NULL marks the builder as failed. */
static json_t *jb_new(jb *b, json_t *v)
{
  if (v == NULL) b->failed = 1;
  return v;
}

/* Add v to obj (jansson takes v even when that fails, and fails for a
 * NULL obj or v, so nothing leaks after an earlier allocation failure). */
static void jb_set(jb *b, json_t *obj, const char *key, json_t *v)
{
  if (json_object_set_new(obj, key, v) != 0) b->failed = 1;
}

static void jb_push(jb *b, json_t *arr, json_t *v)
{
  if (json_array_append_new(arr, v) != 0) b->failed = 1;
}

/* A rounded real, or null for NaN and infinities. */
static json_t *jb_real(jb *b, double v)
{
  v = psr_report_round(v);
  return jb_new(b, isfinite(v) ? json_real(v) : json_null());
}

/* An integer when v is whole (weeks: 12 rather than 12.0), else a real. */
static json_t *jb_number(jb *b, double v)
{
  v = psr_report_round(v);
  if (isfinite(v) && v == floor(v) && fabs(v) < 9e15) return jb_new(b, json_integer((json_int_t)v));
  return jb_real(b, v);
}

/* A string, or null for NULL; invalid UTF-8 (which jansson rejects) is
 * replaced byte by byte with '?'. */
static json_t *jb_string(jb *b, const char *s)
{
  json_t *v;
  char *copy;
  size_t len;

  if (s == NULL) return jb_new(b, json_null());
  v = json_string(s);
  if (v != NULL) return v;
  len = strlen(s);
  copy = malloc(len + 1);
  if (copy == NULL) return jb_new(b, NULL);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    copy[i] = c < 0x80 && c != 0 ? (char)c : '?';
  }
  copy[len] = '\0';
  v = json_string(copy);
  free(copy);
  return jb_new(b, v);
}

static json_t *jb_estimate(jb *b, const psorsim_estimate *e)
{
  json_t *o = jb_new(b, json_object()), *ci = jb_new(b, json_array());
  jb_set(b, o, "estimate", jb_real(b, e->estimate));
  jb_push(b, ci, jb_real(b, e->lo));
  jb_push(b, ci, jb_real(b, e->hi));
  jb_set(b, o, "ci95", ci);
  return o;
}

static json_t *jb_solver(jb *b, const psorsim_solver_stats *s)
{
  json_t *o = jb_new(b, json_object());
  jb_set(b, o, "steps", jb_new(b, json_integer(s->steps)));
  jb_set(b, o, "rhs_evals", jb_new(b, json_integer(s->rhs_evals)));
  jb_set(b, o, "jac_evals", jb_new(b, json_integer(s->jac_evals)));
  jb_set(b, o, "lin_setups", jb_new(b, json_integer(s->lin_setups)));
  jb_set(b, o, "err_test_fails", jb_new(b, json_integer(s->err_test_fails)));
  jb_set(b, o, "nonlin_iters", jb_new(b, json_integer(s->nonlin_iters)));
  jb_set(b, o, "nonlin_conv_fails", jb_new(b, json_integer(s->nonlin_conv_fails)));
  jb_set(b, o, "events_applied", jb_new(b, json_integer(s->events_applied)));
  jb_set(b, o, "roots_found", jb_new(b, json_integer(s->roots_found)));
  jb_set(b, o, "reinits", jb_new(b, json_integer(s->reinits)));
  return o;
}

/* One column of the time course (NULL column: all null). */
static json_t *jb_series(jb *b, const double *v, int n, int whole_numbers)
{
  json_t *a = jb_new(b, json_array());
  for (int i = 0; i < n; i++) {
    double x = v != NULL ? v[i] : NAN;
    jb_push(b, a, whole_numbers ? jb_number(b, x) : jb_real(b, x));
  }
  return a;
}

static json_t *jb_time_course(jb *b, const psorsim_arm_result *a)
{
  json_t *o = jb_new(b, json_object());
  int n = a->n_visits > 0 ? a->n_visits : 0;
  jb_set(b, o, "week", jb_series(b, a->visit_week, n, 1));
  jb_set(b, o, "pasi_mean", jb_series(b, a->pasi_mean, n, 0));
  jb_set(b, o, "pasi_p05", jb_series(b, a->pasi_p05, n, 0));
  jb_set(b, o, "pasi_p95", jb_series(b, a->pasi_p95, n, 0));
  jb_set(b, o, "improvement_mean", jb_series(b, a->improve_mean, n, 0));
  jb_set(b, o, "improvement_p05", jb_series(b, a->improve_p05, n, 0));
  jb_set(b, o, "improvement_p95", jb_series(b, a->improve_p95, n, 0));
  return o;
}

/* The ICER endpoint k of an arm with its differences and quadrant, or NULL. */
static const psorsim_econ_icer *find_icer(const psorsim_arm_result *a, size_t k)
{
  for (int j = 0; a->econ != NULL && j < a->econ->n_icers; j++)
    if (a->econ->icers[j].endpoint == (int)k) return &a->econ->icers[j];
  return NULL;
}

static json_t *jb_interval(jb *b, double lo, double hi)
{
  json_t *ci = jb_new(b, json_array());
  jb_push(b, ci, jb_real(b, lo));
  jb_push(b, ci, jb_real(b, hi));
  return ci;
}

/* An arm's "economics": horizon totals, parts, cost per responder, the plane. */
static json_t *jb_econ_arm(jb *b, const psorsim_trial_result *r, const psorsim_econ_arm *e)
{
  json_t *o = jb_new(b, json_object()), *parts = jb_new(b, json_object());
  json_t *vs = jb_new(b, json_object());
  char buf[32];
  jb_set(b, o, "patients", jb_new(b, json_integer(e->n)));
  jb_set(b, o, "cost", jb_real(b, e->cost));
  jb_set(b, o, "cost_ci95", jb_interval(b, e->cost_lo, e->cost_hi));
  jb_set(b, parts, "drug", jb_real(b, e->cost_drug));
  jb_set(b, parts, "administration", jb_real(b, e->cost_admin));
  jb_set(b, parts, "monitoring", jb_real(b, e->cost_monitoring));
  jb_set(b, parts, "phototherapy", jb_real(b, e->cost_phototherapy));
  jb_set(b, parts, "cells", jb_real(b, e->cost_cells));
  jb_set(b, parts, "adverse_events", jb_real(b, e->cost_ae));
  jb_set(b, o, "cost_parts", parts);
  jb_set(b, o, "qaly", jb_real(b, e->qaly));
  jb_set(b, o, "qaly_ci95", jb_interval(b, e->qaly_lo, e->qaly_hi));
  jb_set(b, o, "pasi75_percent", jb_real(b, e->pasi75_pct));
  jb_set(b, o, "cost_per_pasi75", jb_real(b, e->cost_per_pasi75));
  jb_set(b, o, "cost_per_pasi75_ci95", jb_interval(b, e->cpr_lo, e->cpr_hi));
  jb_set(b, vs, "arm", jb_string(b, psr_report_arm_name(r, (size_t)e->ref_arm, buf, sizeof(buf))));
  jb_set(b, vs, "delta_cost", jb_real(b, e->delta_cost));
  jb_set(b, vs, "delta_qaly", jb_real(b, e->delta_qaly));
  jb_set(b, vs, "icer", jb_real(b, e->icer));
  jb_set(b, vs, "dominance", jb_string(b, e->quadrant));
  jb_set(b, o, "versus", vs);
  return o;
}

/* Top-level "economics": the settings and every price with its source. */
static json_t *jb_econ_spec(jb *b, const psorsim_economics *ec)
{
  json_t *o = jb_new(b, json_object()), *prices = jb_new(b, json_array());
  json_t *u = jb_new(b, json_object());
  jb_set(b, o, "currency", jb_string(b, ec->currency));
  jb_set(b, o, "price_year",
         ec->price_year > 0 ? jb_new(b, json_integer(ec->price_year)) : jb_new(b, json_null()));
  jb_set(b, o, "horizon_weeks", jb_number(b, ec->horizon_weeks));
  jb_set(b, o, "discount_costs", jb_real(b, ec->discount_costs));
  jb_set(b, o, "discount_effects", jb_real(b, ec->discount_effects));
  jb_set(b, o, "discounting", jb_string(b, ec->continuous ? "continuous" : "weekly"));
  jb_set(b, o, "threshold_per_qaly", jb_real(b, ec->threshold));
  jb_set(b, o, "bootstrap", jb_new(b, json_integer(ec->bootstrap)));
  for (size_t i = 0; i < ec->n_prices; i++) {
    const psorsim_price *p = &ec->prices[i];
    json_t *po = jb_new(b, json_object());
    jb_set(b, po, "item", jb_string(b, p->item));
    jb_set(b, po, "amount", jb_real(b, p->amount));
    jb_set(b, po, "per", jb_string(b, psorsim_price_basis_name(p->basis)));
    if (p->kind == PSORSIM_TREATMENT_CELLS)
      jb_set(b, po, "per_infusion", jb_real(b, p->per_infusion));
    jb_set(b, po, "source", jb_string(b, p->source));
    jb_set(b, po, "default", jb_new(b, json_boolean(p->line == 0)));
    jb_push(b, prices, po);
  }
  jb_set(b, o, "prices", prices);
  jb_set(b, u, "mapping",
         jb_string(b, ec->utility == PSORSIM_UTILITY_DLQI_LINEAR ? "dlqi_linear" : "pasi_bands"));
  jb_set(b, u, "source", jb_string(b, ec->utility_source));
  jb_set(b, o, "utility", u);
  return o;
}

/* The relapse endpoint's analysis: definition, interval method, who entered
 * and, when the median is null, why (docs/outputs.md). */
static void jb_relapse(jb *b, json_t *eo, const psorsim_relapse_summary *rs)
{
  jb_set(b, eo, "definition", jb_string(b, rs->definition));
  jb_set(b, eo, "ci_method", jb_string(b, rs->ci_method));
  jb_set(b, eo, "n_at_risk", jb_new(b, json_integer(rs->n_at_risk)));
  jb_set(b, eo, "events", jb_new(b, json_integer(rs->events)));
  jb_set(b, eo, "censored_at_dropout", jb_new(b, json_integer(rs->censored_dropouts)));
  jb_set(b, eo, "not_estimable", jb_string(b, rs->not_estimable));
}

/* The arm's adverse events by type with exposure-adjusted rates. */
static json_t *jb_ae_table(jb *b, const psorsim_arm_result *a)
{
  json_t *list = jb_new(b, json_array());
  for (int k = 0; k < a->n_ae_types; k++) {
    const psorsim_ae_row *row = &a->ae_table[k];
    const psorsim_ae_spec *ae = &row->treatment->aes[row->ae];
    const int per_dose = ae->basis == PSORSIM_AE_PER_100_DOSES;
    json_t *o = jb_new(b, json_object());
    jb_set(b, o, "treatment", jb_string(b, row->treatment->name));
    jb_set(b, o, "event", jb_string(b, ae->name));
    jb_set(b, o, "events", jb_new(b, json_integer(row->events)));
    jb_set(b, o, "patients", jb_new(b, json_integer(row->patients)));
    jb_set(b, o, "discontinuations", jb_new(b, json_integer(row->discontinuations)));
    jb_set(b, o, "exposure_patient_years", jb_real(b, row->exposure_py));
    jb_set(b, o, "administrations", jb_new(b, json_integer(row->administrations)));
    jb_set(b, o, "rate_per_100py", jb_real(b, row->rate_per_100py));
    if (per_dose) jb_set(b, o, "rate_per_100_administrations", jb_real(b, row->rate_per_100_doses));
    jb_set(b, o, "rate_ci95", jb_interval(b, row->rate_lo, row->rate_hi));
    jb_set(b, o, "library_rate", jb_real(b, ae->rate_per_100py));
    jb_set(b, o, "library_unit",
           jb_string(b, per_dose ? "per 100 administrations" : "per 100 patient-years"));
    jb_push(b, list, o);
  }
  return list;
}

static json_t *jb_arm(jb *b, const psorsim_trial_result *r, size_t i)
{
  const psorsim_arm_result *a = &r->arms[i];
  const psorsim_trial_spec *spec = r->spec;
  json_t *o = jb_new(b, json_object()), *eps = jb_new(b, json_object());
  json_t *failed = jb_new(b, json_object()), *ids = jb_new(b, json_array());
  char buf[32];

  jb_set(b, o, "name", jb_string(b, psr_report_arm_name(r, i, buf, sizeof(buf))));
  jb_set(b, o, "patients", jb_new(b, json_integer(a->n_patients)));
  for (size_t k = 0; k < spec->n_endpoints; k++) {
    psorsim_estimate none = {NAN, NAN, NAN, 0};
    const psorsim_estimate *e = a->endpoints != NULL ? &a->endpoints[k] : &none;
    const psorsim_econ_icer *ic = find_icer(a, k);
    json_t *eo = jb_estimate(b, e);
    if (spec->endpoints[k].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN)
      jb_relapse(b, eo, &a->relapse);
    if (ic != NULL) { /* sign conventions and dominance: docs/economics.md */
      jb_set(b, eo, "delta_cost", jb_real(b, ic->delta_cost));
      jb_set(b, eo, "delta_cost_ci95", jb_interval(b, ic->delta_cost_lo, ic->delta_cost_hi));
      jb_set(b, eo, "delta_qaly", jb_real(b, ic->delta_qaly));
      jb_set(b, eo, "delta_qaly_ci95", jb_interval(b, ic->delta_qaly_lo, ic->delta_qaly_hi));
      jb_set(b, eo, "dominance", jb_string(b, ic->quadrant));
      jb_set(b, eo, "prob_cost_effective", jb_real(b, ic->prob_cost_effective));
    }
    jb_set(b, eps, spec->endpoints[k].key, eo);
  }
  jb_set(b, o, "endpoints", eps);
  jb_set(b, failed, "count", jb_new(b, json_integer(a->n_failed)));
  for (int k = 0; k < a->n_failed && a->failed_ids != NULL; k++) {
    jb_push(b, ids, jb_new(b, json_integer(a->failed_ids[k])));
  }
  jb_set(b, failed, "ids", ids);
  jb_set(b, o, "failed", failed);
  jb_set(b, o, "dropouts", jb_new(b, json_integer(a->n_dropouts)));
  jb_set(b, o, "adverse_events", jb_new(b, json_integer(a->n_ae)));
  jb_set(b, o, "adverse_event_table", jb_ae_table(b, a));
  if (i < spec->n_arms && psorsim_cells_arm_tumourigenicity_flag(&spec->arms[i]) >= 0) {
    /* cell-therapy arms only: 1 for iPSC-derived products (docs/cell-therapy.md) */
    jb_set(b, o, "tumourigenicity_flag",
           jb_new(b, json_boolean(psorsim_cells_arm_tumourigenicity_flag(&spec->arms[i]) == 1)));
  }
  if (a->econ != NULL) jb_set(b, o, "economics", jb_econ_arm(b, r, a->econ));
  jb_set(b, o, "solver", jb_solver(b, &a->stats));
  jb_set(b, o, "time_course", jb_time_course(b, a));
  return o;
}

static json_t *jb_observed(jb *b, const psorsim_trial_result *r)
{
  json_t *list = jb_new(b, json_array());
  for (size_t k = 0; k < r->spec->n_observed; k++) {
    const psorsim_observation *ob = &r->spec->observed[k];
    const psorsim_estimate *e = psr_report_observed_estimate(r, ob);
    double est = e != NULL ? psr_report_round(e->estimate) : NAN;
    double obs = psr_report_round(ob->value);
    json_t *o = jb_new(b, json_object());
    char buf[32];
    jb_set(b, o, "arm", jb_string(b, psr_report_arm_name(r, ob->arm, buf, sizeof(buf))));
    jb_set(b, o, "endpoint", jb_string(b, ob->endpoint.key));
    jb_set(b, o, "observed", jb_real(b, obs));
    jb_set(b, o, "estimate", jb_real(b, est));
    /* The difference of the printed numbers, so a reader can check it. */
    jb_set(b, o, "difference", jb_real(b, est - obs));
    jb_push(b, list, o);
  }
  return list;
}

json_t *psr_report_json(const psorsim_trial_result *r)
{
  const psorsim_trial_spec *spec;
  json_t *root, *arms;
  jb b = {0};

  if (r == NULL || r->spec == NULL || (r->n_arms > 0 && r->arms == NULL)) return NULL;
  spec = r->spec;
  root = jb_new(&b, json_object());
  jb_set(&b, root, "name", jb_string(&b, spec->name != NULL ? spec->name : ""));
  if (r->seed <= (uint64_t)INT64_MAX) {
    jb_set(&b, root, "seed", jb_new(&b, json_integer((json_int_t)r->seed)));
  } else {
    /* JSON integers past 2^63 do not survive most parsers: give the digits. */
    char digits[24];
    snprintf(digits, sizeof(digits), "%llu", (unsigned long long)r->seed);
    jb_set(&b, root, "seed", jb_string(&b, digits));
  }
  jb_set(&b, root, "weeks", jb_number(&b, spec->weeks));
  arms = jb_new(&b, json_array());
  for (size_t i = 0; i < r->n_arms; i++) {
    jb_push(&b, arms, jb_arm(&b, r, i));
  }
  jb_set(&b, root, "arms", arms);
  jb_set(&b, root, "reference", jb_string(&b, spec->reference));
  jb_set(&b, root, "psorsim_version", jb_string(&b, psorsim_version()));
  if (spec->n_observed > 0 && spec->observed != NULL) {
    jb_set(&b, root, "observed", jb_observed(&b, r));
  }
  if (spec->economics.enabled) jb_set(&b, root, "economics", jb_econ_spec(&b, &spec->economics));
  if (b.failed) {
    json_decref(root);
    return NULL;
  }
  return root;
}

char *psorsim_report_json_text(const psorsim_trial_result *r)
{
  json_t *root = psr_report_json(r);
  char *text, *with_newline;
  json_free_t json_free = NULL;
  size_t len;

  if (root == NULL) return NULL;
  text = json_dumps(root, PSR_REPORT_JSON_FLAGS);
  json_decref(root);
  if (text == NULL) return NULL;
  len = strlen(text);
  /* The caller's copy comes from the library's allocator (psorsim_free);
   * jansson's goes back to jansson's, whatever a program set it to. */
  with_newline = psr_malloc(NULL, len + 2);
  if (with_newline != NULL) {
    memcpy(with_newline, text, len);
    with_newline[len] = '\n';
    with_newline[len + 1] = '\0';
  }
  json_get_alloc_funcs(NULL, &json_free);
  json_free(text);
  return with_newline;
}
