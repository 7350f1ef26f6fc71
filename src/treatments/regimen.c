/* src/treatments/regimen.c
 *
 * Turns an arm's regimen into the treatments it needs and, per patient, into
 * engine events (see include/psorsim/regimen.h). The dose rules live in the
 * treatment library; the schedule rules in src/treatments/schedule.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/cells.h>
#include <psorsim/regimen.h>

#include "common/context_impl.h"
#include "treated_model_impl.h"

/* The library entry of one regimen entry (cells: the entry of the product's
 * source, src/cells/cell_table.c), or NULL. */
static const psorsim_treatment *entry_treatment(const psorsim_regimen_entry *e)
{
  return e->kind == PSORSIM_TREATMENT_CELLS ? psorsim_cells_treatment(e->source)
                                            : psorsim_treatment_find(e->name);
}

int psorsim_regimen_treatments(psorsim_ctx *ctx, const psorsim_trial_arm *arm, const char *source,
                               const psorsim_treatment **tx, int cap, int *n)
{
  PSR_CHECK(ctx, arm != NULL && n != NULL && (cap == 0 || tx != NULL), PSORSIM_EINVAL,
            "no arm given");
  *n = 0;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    const psorsim_treatment *t = entry_treatment(e);
    int seen = 0;
    PSR_CHECK(ctx, t != NULL, PSORSIM_EINPUT,
              "%s:%d: arm '%s': '%s' is not in the treatment library", source ? source : "trial",
              e->line, arm->name, e->name);
    /* count each treatment once, whatever the capacity of tx */
    for (size_t j = 0; j < i && !seen; j++)
      seen = entry_treatment(&arm->regimen[j]) == t;
    if (seen) continue;
    if (*n < cap) tx[*n] = t;
    (*n)++;
  }
  return PSORSIM_OK;
}

int psorsim_regimen_validate(psorsim_ctx *ctx, const psorsim_trial_arm *arm, const char *source)
{
  char msg[PSR_ERRMSG_MAX];
  PSR_CHECK(ctx, arm != NULL, PSORSIM_EINVAL, "no arm given");
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    const psorsim_treatment *t = psorsim_treatment_find(e->name);
    const psorsim_quantity *q = NULL;
    int rc;
    if (e->kind == PSORSIM_TREATMENT_CELLS) { /* dose and product (src/cells/cells.c) */
      PSR_TRY(psorsim_cells_validate_entry(ctx, e, source, arm->name));
      continue;
    }
    if (t == NULL) continue; /* reported by psorsim_regimen_treatments */
    if (e->kind == PSORSIM_TREATMENT_PHOTOTHERAPY) {
      /* absolute session doses against the library's range (in J/cm2); doses in
       * % MED depend on the patient and are capped by max_dose when dosing */
      const psorsim_quantity *uv[2] = {&e->start_dose, &e->max_dose};
      for (int k = 0; k < 2; k++) {
        if (uv[k]->unit != PSORSIM_UNIT_MJ_PER_CM2) continue;
        rc = psorsim_treatment_check_dose(ctx, t, e->route, uv[k]->value / 1000.0, "J/cm2");
        if (rc != PSORSIM_OK) {
          snprintf(msg, sizeof(msg), "%s", psorsim_ctx_errmsg(ctx));
          PSR_FAIL(ctx, rc, "%s:%d: arm '%s': %s: %s", source ? source : "trial", e->line,
                   arm->name, k == 0 ? "start_dose" : "max_dose", msg);
        }
      }
      continue;
    }
    if (e->kind == PSORSIM_TREATMENT_DRUG) q = &e->dose;
    if (e->kind == PSORSIM_TREATMENT_TOPICAL) q = &e->strength;
    if (q == NULL || q->unit == PSORSIM_UNIT_NONE) continue;
    rc = psorsim_treatment_check_dose(ctx, t, e->route, q->value, psorsim_unit_name(q->unit));
    if (rc != PSORSIM_OK) {
      snprintf(msg, sizeof(msg), "%s", psorsim_ctx_errmsg(ctx));
      PSR_FAIL(ctx, rc, "%s:%d: arm '%s': %s", source ? source : "trial",
               e->dose_line > 0 ? e->dose_line : e->line, arm->name, msg);
    }
  }
  return PSORSIM_OK;
}

/* The slot of treatment t in tm, or NULL. */
static const psorsim_treated_slot *slot_of(const psorsim_treated_model *tm,
                                           const psorsim_treatment *t)
{
  for (int k = 0; k < psorsim_treated_model_count(tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(tm, k);
    if (s->tx == t) return s;
  }
  return NULL;
}

/* Append one event if there is room; always count it. */
static void push(psorsim_event *ev, size_t cap, size_t *n, double t, psorsim_event_kind kind,
                 int index, double value)
{
  if (*n < cap) ev[*n] = (psorsim_event){t, kind, index, value};
  (*n)++;
}

/* A UV dose in mJ/cm2 from a quantity in mJ/cm2 or MED fraction. */
static double uv_mj(const psorsim_quantity *q, double med_mj_cm2)
{
  return q->unit == PSORSIM_UNIT_MED_FRACTION ? q->value * med_mj_cm2 : q->value;
}

/* The next session's dose after `dose` under the entry's increment. */
static double uv_next(const psorsim_regimen_entry *e, double dose, double med_mj_cm2)
{
  switch (e->increment.unit) {
  case PSORSIM_UNIT_PERCENT:
    return dose * (1.0 + e->increment.value / 100.0);
  case PSORSIM_UNIT_MED_FRACTION:
    return dose + e->increment.value * med_mj_cm2;
  case PSORSIM_UNIT_MJ_PER_CM2:
    return dose + e->increment.value;
  default:
    return dose;
  }
}

double psorsim_uv_adapt_session(psorsim_uv_adapt *a, double t_day, double dose_j_cm2, double per_j,
                                double tau_days)
{
  const double e = a->exposure_j > 0.0 && tau_days > 0.0
                       ? a->exposure_j * exp(-(t_day - a->t_day) / tau_days)
                       : 0.0;
  const double d_eff = per_j > 0.0 ? dose_j_cm2 / (1.0 + per_j * e) : dose_j_cm2;
  a->exposure_j = e + dose_j_cm2;
  a->t_day = t_day;
  return d_eff;
}

/* A course of UV sessions (treated_model_impl.h): a regimen entry's sessions
 * here, a patient's recorded sessions in treated_patient.c. */
int psr_uv_course_start(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                        const psorsim_treated_slot *s, const double *p, psr_uv_course *c)
{
  const psorsim_model *base = psorsim_treated_model_base(tm);
  const int i_adapt = psorsim_model_param_index(base, "uv_adapt");
  const int i_days = psorsim_model_param_index(base, "uv_adapt_days");
  const double *q = p + s->param_offset;
  c->input = psorsim_model_input_index(base, psorsim_node_param_name(PSORSIM_NODE_UVB), NULL);
  c->emax = 0.0;
  for (int j = 0; j < s->tx->n_effects; j++) {
    if (s->tx->effects[j].node == PSORSIM_NODE_UVB)
      c->emax = q[TMP_NPK + TMP_PER_EFFECT * j + TMP_EMAX];
  }
  c->adapt_per_j = i_adapt >= 0 ? p[i_adapt] : 0.0;
  c->adapt_days = i_days >= 0 ? p[i_days] : 1.0;
  c->adapt = (psorsim_uv_adapt){0.0, 0.0};
  PSR_CHECK(ctx, c->input >= 0, PSORSIM_EINVAL, "model '%s' has no UVB input", base->name);
  c->level = p[c->input];
  return PSORSIM_OK;
}

/* One session: the input raised by emax x the effective dose for one pulse. */
void psr_uv_course_session(psr_uv_course *c, double t_day, double dose_j_cm2, psorsim_event *ev,
                           size_t cap, size_t *n)
{
  const double d_eff =
      psorsim_uv_adapt_session(&c->adapt, t_day, dose_j_cm2, c->adapt_per_j, c->adapt_days);
  push(ev, cap, n, t_day, PSORSIM_EVENT_SET_PARAM, c->input, c->level + c->emax * d_eff);
  push(ev, cap, n, t_day + PSORSIM_UVB_PULSE_DAYS, PSORSIM_EVENT_SET_PARAM, c->input, c->level);
}

/* Bioavailability of an extravascular dose on the entry's route: the route's
 * own value when the library gives one (methotrexate oral vs SC), else the
 * patient's F. */
static double route_f(const psorsim_treatment *t, psorsim_route route, const double *q)
{
  for (int i = 0; i < t->n_routes; i++) {
    if (t->routes[i].route == route && t->routes[i].f > 0) return t->routes[i].f;
  }
  return q[TMP_F];
}

/* Events of a cells entry: each dose, in potency-weighted 10^6 cells/kg (cells/kg as
 * given, or cells / body weight), into the lung (intravenous) or the local compartment
 * (subcutaneous, intradermal); the product's potency factor (psorsim_cells_potency)
 * uses the clearance rate of that compartment. */
static int cell_events(psorsim_ctx *ctx, const psorsim_regimen_entry *e,
                       const psorsim_treated_slot *s, const double *q, const double *times,
                       size_t n_times, const psorsim_dosing_patient *pt, psorsim_event *ev,
                       size_t cap, size_t *n)
{
  const int iv = e->route == PSORSIM_ROUTE_INTRAVENOUS;
  const int state = iv ? s->central_state : s->depot_state;
  double per_kg;
  PSR_CHECK(ctx, e->dose.unit == PSORSIM_UNIT_CELLS || e->dose.unit == PSORSIM_UNIT_CELLS_PER_KG,
            PSORSIM_EUNIT, "line %d: %s: a dose in cells or cells/kg is needed", e->line, e->name);
  per_kg =
      1e-6 * (e->dose.unit == PSORSIM_UNIT_CELLS ? e->dose.value / pt->weight_kg : e->dose.value);
  per_kg *= psorsim_cells_potency(s->tx, &e->product, iv ? q[TMC_K_LUNG] : q[TMC_K_LOCAL]);
  for (size_t k = 0; k < n_times; k++)
    push(ev, cap, n, times[k], PSORSIM_EVENT_ADD_STATE, state, per_kg);
  return PSORSIM_OK;
}

/* Events of one regimen entry at the given dose times. */
static int entry_events(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                        const psorsim_regimen_entry *e, const double *times, size_t n_times,
                        const double *p, const psorsim_dosing_patient *pt, double t_end,
                        psorsim_event *ev, size_t cap, size_t *n)
{
  const psorsim_model *base = psorsim_treated_model_base(tm);
  const psorsim_treatment *t = e->kind == PSORSIM_TREATMENT_CELLS
                                   ? psorsim_cells_treatment(e->source)
                                   : psorsim_treatment_find(e->name);
  const psorsim_treated_slot *s = t != NULL ? slot_of(tm, t) : NULL;
  const double *q;

  PSR_CHECK(ctx, s != NULL, PSORSIM_EINVAL, "treatment '%s' is not part of model '%s'", e->name,
            psorsim_treated_model_model(tm)->name);
  q = p + s->param_offset;
  if (t->pk.kind == PSORSIM_PK_CELLS)
    return cell_events(ctx, e, s, q, times, n_times, pt, ev, cap, n);
  if (t->cls == PSORSIM_TX_LIFESTYLE) {
    const double from = e->schedule.from_day;
    const double until = e->schedule.until_given ? e->schedule.until_day : INFINITY;
    for (int j = 0; j < t->n_lifestyle; j++) {
      int idx = psorsim_model_param_index(base, t->lifestyle[j].param);
      PSR_CHECK(ctx, idx >= 0, PSORSIM_EINVAL,
                "lifestyle '%s' acts on '%s', which model '%s' lacks", t->name,
                t->lifestyle[j].param, base->name);
      if (from < t_end)
        push(ev, cap, n, from, PSORSIM_EVENT_SET_PARAM, idx, p[idx] * t->lifestyle[j].factor);
      if (until < t_end) push(ev, cap, n, until, PSORSIM_EVENT_SET_PARAM, idx, p[idx]);
    }
    return PSORSIM_OK;
  }
  if (t->cls == PSORSIM_TX_PHOTOTHERAPY) {
    psr_uv_course course;
    double dose, cap_mj;
    PSR_TRY(psr_uv_course_start(ctx, tm, s, p, &course));
    PSR_CHECK(ctx, e->start_dose.unit != PSORSIM_UNIT_NONE, PSORSIM_EINPUT,
              "line %d: %s needs a start_dose", e->line, e->name);
    PSR_CHECK(ctx,
              pt->med_mj_cm2 > 0 || (e->start_dose.unit != PSORSIM_UNIT_MED_FRACTION &&
                                     e->increment.unit != PSORSIM_UNIT_MED_FRACTION &&
                                     e->max_dose.unit != PSORSIM_UNIT_MED_FRACTION),
              PSORSIM_EINVAL, "a %% MED regimen needs the patient's MED");
    dose = uv_mj(&e->start_dose, pt->med_mj_cm2);
    cap_mj = e->max_dose.unit != PSORSIM_UNIT_NONE ? uv_mj(&e->max_dose, pt->med_mj_cm2)
                                                   : PSORSIM_UVB_DEFAULT_MAX_MJ_CM2;
    for (size_t k = 0; k < n_times; k++) {
      const double d = fmin(dose, cap_mj);
      psr_uv_course_session(&course, times[k], d / 1000.0, ev, cap, n);
      dose = uv_next(e, d, pt->med_mj_cm2);
    }
    return PSORSIM_OK;
  }
  if (e->schedule.mode == PSORSIM_SCHEDULE_DAILY && t->pk.kind != PSORSIM_PK_NONE) {
    /* Several doses a day: given as their average rate into the depot from the
     * first dose to the end of the last dosing interval (docs/treatments.md). */
    double amount;
    if (n_times == 0) return PSORSIM_OK;
    if (t->pk.kind == PSORSIM_PK_SKIN_DEPOT) {
      amount = e->strength.unit == PSORSIM_UNIT_PERCENT ? e->strength.value : 1.0;
    } else {
      PSR_CHECK(ctx, e->dose.unit == PSORSIM_UNIT_MG || e->dose.unit == PSORSIM_UNIT_MG_PER_KG,
                PSORSIM_EUNIT, "line %d: %s: a dose in mg or mg/kg is needed", e->line, e->name);
      amount = e->dose.value * (e->dose.unit == PSORSIM_UNIT_MG_PER_KG ? pt->weight_kg : 1.0);
    }
    {
      const double per_day = e->schedule.per_day;
      const double lag = t->pk.kind == PSORSIM_PK_SYSTEMIC ? q[TMP_TLAG] : 0.0;
      const int idx = s->param_offset + TMP_RATE;
      const double f = t->pk.kind == PSORSIM_PK_SYSTEMIC ? route_f(t, e->route, q) : q[TMP_F];
      push(ev, cap, n, times[0] + lag, PSORSIM_EVENT_SET_PARAM, idx, amount * f * per_day);
      push(ev, cap, n, times[n_times - 1] + 1.0 / per_day + lag, PSORSIM_EVENT_SET_PARAM, idx,
           p[idx]);
    }
    return PSORSIM_OK;
  }
  if (t->pk.kind == PSORSIM_PK_SKIN_DEPOT) {
    const double amount = e->strength.unit == PSORSIM_UNIT_PERCENT ? e->strength.value : 1.0;
    for (size_t k = 0; k < n_times; k++) {
      push(ev, cap, n, times[k], PSORSIM_EVENT_ADD_STATE, s->depot_state, amount * q[TMP_F]);
    }
    return PSORSIM_OK;
  }
  if (t->pk.kind == PSORSIM_PK_SYSTEMIC) {
    double amount = e->dose.value;
    const int iv = e->route == PSORSIM_ROUTE_INTRAVENOUS;
    PSR_CHECK(ctx, e->dose.unit == PSORSIM_UNIT_MG || e->dose.unit == PSORSIM_UNIT_MG_PER_KG,
              PSORSIM_EUNIT, "line %d: %s: a dose in mg or mg/kg is needed", e->line, e->name);
    if (e->dose.unit == PSORSIM_UNIT_MG_PER_KG) amount *= pt->weight_kg;
    for (size_t k = 0; k < n_times; k++) {
      if (iv) {
        push(ev, cap, n, times[k], PSORSIM_EVENT_ADD_STATE, s->central_state, amount);
      } else if (psr_tm_has_closed_form(s, q)) {
        /* into the closed-form depot; close_doses() turns the absorbed amount
         * pushed here into the compartments' content after the dose. Slow
         * absorption needs no solver restart; a fast one (ka above 2/day,
         * oral small molecules) starts a transient within hours, which CVODE
         * resolves better from a fresh start (docs/performance.md). */
        const double at = times[k] + q[TMP_TLAG];
        const psorsim_event_kind kind = t->pk.ka_per_day <= PSR_CF_SMOOTH_KA
                                            ? PSORSIM_EVENT_SET_INPUT
                                            : PSORSIM_EVENT_SET_PARAM;
        push(ev, cap, n, at, kind, s->param_offset + TMP_CF_DAY, at);
        push(ev, cap, n, at, kind, s->param_offset + TMP_CF_DEPOT,
             amount * route_f(t, e->route, q));
        for (int j = TMP_CF_CENTRAL; j <= TMP_CF_EFFECT; j++)
          push(ev, cap, n, at, kind, s->param_offset + j, 0.0);
      } else {
        push(ev, cap, n, times[k] + q[TMP_TLAG], PSORSIM_EVENT_ADD_STATE, s->depot_state,
             amount * route_f(t, e->route, q));
      }
    }
  }
  return PSORSIM_OK; /* placebo and other entries without exposure add no events */
}

/* Stable insertion sort by time: the runs generated per entry are sorted already. */
void psr_events_sort(psorsim_event *ev, size_t n)
{
  for (size_t i = 1; i < n; i++) {
    psorsim_event x = ev[i];
    size_t j = i;
    while (j > 0 && ev[j - 1].t_day > x.t_day) {
      ev[j] = ev[j - 1];
      j--;
    }
    ev[j] = x;
  }
}

/* Extravascular doses of linear systemic drugs arrive as SET_INPUT (or,
 * fast absorption, SET_PARAM) events of the closed-form dose parameters: dosed_day = t, then the
 * increments of depot (F D), central, peripheral and effect site. With the events in time order,
 * turn each increment into the compartment's content right after that dose: what the earlier doses
 * left, carried forward by exp(K dt) (treated_model_pk.c), plus the increment. The engine then
 * needs no restart at SET_INPUT doses. */
static void close_doses(const psorsim_treated_model *tm, const double *p, psorsim_event *ev,
                        size_t n)
{
  for (int k = 0; k < psorsim_treated_model_count(tm); k++) {
    const psorsim_treated_slot *s = psorsim_treated_model_slot(tm, k);
    const double *q = p + s->param_offset;
    double x[PSR_CF_N] = {0.0, 0.0, 0.0, 0.0}, t_last = 0.0;
    if (!psr_tm_has_closed_form(s, q)) continue;
    for (size_t i = 0; i < n; i++) {
      const int j = ev[i].index - s->param_offset;
      const int set =
          ev[i].kind == PSORSIM_EVENT_SET_INPUT || ev[i].kind == PSORSIM_EVENT_SET_PARAM;
      if (!set || j < TMP_CF_DAY || j > TMP_CF_EFFECT) continue;
      if (j == TMP_CF_DAY) {
        double moved[PSR_CF_N];
        psr_tm_pk_advance(s, q, ev[i].t_day - t_last, x, moved);
        memcpy(x, moved, sizeof(x));
        t_last = ev[i].t_day;
      } else {
        x[j - TMP_CF_DEPOT] += ev[i].value;
        ev[i].value = x[j - TMP_CF_DEPOT];
      }
    }
  }
}

int psorsim_regimen_events(psorsim_ctx *ctx, const psorsim_treated_model *tm,
                           const psorsim_trial_arm *arm, const double *p,
                           const psorsim_dosing_patient *pt, double trial_weeks,
                           psorsim_event *events, size_t cap, size_t *n)
{
  double *times = NULL;
  size_t times_cap = 0;
  int rc = PSORSIM_OK;

  PSR_CHECK(ctx,
            tm != NULL && arm != NULL && p != NULL && pt != NULL && n != NULL &&
                (cap == 0 || events != NULL),
            PSORSIM_EINVAL, "missing argument");
  PSR_CHECK(ctx, pt->weight_kg > 0, PSORSIM_EINVAL, "body weight must be positive, got %g kg",
            pt->weight_kg);
  *n = 0;
  for (size_t i = 0; i < arm->n_regimen && rc == PSORSIM_OK; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    size_t m = 0;
    rc = psorsim_schedule_expand(ctx, &e->schedule, trial_weeks, NULL, 0, &m);
    if (rc != PSORSIM_OK) break;
    if (m > times_cap) {
      psr_free(ctx, times);
      times = psr_malloc(ctx, m * sizeof(double));
      times_cap = times != NULL ? m : 0;
      if (times == NULL) {
        rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__,
                           "allocating %zu dose times", m);
        break;
      }
    }
    if (m > 0) rc = psorsim_schedule_expand(ctx, &e->schedule, trial_weeks, times, m, &m);
    if (rc == PSORSIM_OK) {
      rc = entry_events(ctx, tm, e, times, m, p, pt, 7.0 * trial_weeks, events, cap, n);
    }
  }
  psr_free(ctx, times);
  if (rc == PSORSIM_OK && *n <= cap) {
    psr_events_sort(events, *n);
    close_doses(tm, p, events, *n);
  }
  return rc;
}
