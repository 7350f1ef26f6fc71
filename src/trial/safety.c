/* src/trial/safety.c
 *
 * A patient's adverse events, drawn on its exposure clock (docs/trial-runner.md,
 * step 3; docs/treatments.md section 12). A treatment's hazards act only while
 * the patient is exposed to it: each dose of each of its regimen entries
 * covers the larger of its dosing interval (the gap to the next dose, or from
 * the previous one for the last dose and before a pause between courses) and
 * the treatment's washout
 * (psorsim_treatment_ae_washout_days), so a regular schedule exposes the
 * patient from the first dose to the last dose plus its interval or the
 * washout, and separate courses are separate windows; a lifestyle change
 * while it is on. The windows are merged and clipped to the trial. For each
 * adverse event of each treatment, in library order, the events are a
 * Poisson process on that treatment's exposure clock: waiting times are drawn
 * one after the other (exponential at the published rate, then a uniform for
 * whether the event ends treatment) until one falls past the end of the
 * clock, and each point is mapped back to calendar time. Events per 100
 * administrations (phototherapy sessions, cell infusions) run on a clock of
 * administrations instead: the k-th unit is the k-th dose's day.
 *
 * The earliest event that ends treatment is the dropout: no dose is given
 * from then on, so exposure is cut there (to the windows of the doses given,
 * the last one covering its interval or washout, which holds the dropout).
 * The process restricted to the cut windows is the same process
 * (memoryless), so the events are drawn twice from the same stream: once to
 * find the dropout, once to keep the events inside the cut exposure.
 */
#include <math.h>
#include <string.h>

#include <psorsim/cells.h>

#include "common/context_impl.h"
#include "safety.h"

#define DAYS_PER_YEAR       365.25
#define DOSE_DAY            1.0   /* a per-administration hazard lasts the administration's day */
#define MAX_WINDOWS         32    /* windows per treatment (more entries: the last one widens) */
#define MAX_MAPPED_ENTRIES  64    /* regimen entries whose treatment is looked up once */
#define GOES_ON_WEEKS       52.0  /* a schedule with a dose within a year after the end goes on */
#define MAX_EVENTS_PER_TYPE 65535 /* psorsim_patient_exposure.ae_events is 16 bits */

typedef struct window {
  double lo, hi;
} window;

/* The merged exposure windows of one treatment. */
typedef struct tx_windows {
  window w[MAX_WINDOWS];
  int n;
  double total; /* days */
} tx_windows;

/* What one patient's draw works on. */
typedef struct draw_state {
  const psr_arm_ctx *ac;
  const psorsim_dose_given *doses;
  size_t n_doses;
  int entry_tx[MAX_MAPPED_ENTRIES];
  double t_end;
  tx_windows full[PSORSIM_LOG_MAX_TREATMENTS]; /* without a dropout */
  tx_windows cut[PSORSIM_LOG_MAX_TREATMENTS];  /* cut at the dropout */
  int n_doses_tx[PSORSIM_LOG_MAX_TREATMENTS];  /* doses of each treatment, no dropout */
} draw_state;

int psr_safety_entry_treatment(const psorsim_treatment *const *tx, int n_tx,
                               const psorsim_regimen_entry *e)
{
  const psorsim_treatment *t = e->kind == PSORSIM_TREATMENT_CELLS
                                   ? psorsim_cells_treatment(e->source)
                                   : psorsim_treatment_find(e->name);
  for (int k = 0; k < n_tx && t != NULL; k++)
    if (tx[k] == t) return k;
  return -1;
}

int psr_safety_arm_treatments(const psorsim_trial_arm *arm,
                              const psorsim_treatment *tx[PSORSIM_LOG_MAX_TREATMENTS])
{
  int n = 0;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    const psorsim_treatment *t = e->kind == PSORSIM_TREATMENT_CELLS
                                     ? psorsim_cells_treatment(e->source)
                                     : psorsim_treatment_find(e->name);
    int seen = t == NULL;
    for (int k = 0; k < n && !seen; k++)
      seen = tx[k] == t;
    if (!seen && n < PSORSIM_LOG_MAX_TREATMENTS) tx[n++] = t;
  }
  return n;
}

static int entry_tx(const draw_state *st, int entry)
{
  if (entry >= 0 && entry < MAX_MAPPED_ENTRIES) return st->entry_tx[entry];
  return psr_safety_entry_treatment(st->ac->tx, st->ac->n_tx, &st->ac->arm->regimen[entry]);
}

/* Add [lo, hi] to a treatment's windows (merged and summed by finish_windows). */
static void add_window(tx_windows *tw, double lo, double hi)
{
  if (!(hi > lo)) return;
  if (tw->n == MAX_WINDOWS) { /* widen the last one: never fewer exposed days */
    tw->w[MAX_WINDOWS - 1].lo = fmin(tw->w[MAX_WINDOWS - 1].lo, lo);
    tw->w[MAX_WINDOWS - 1].hi = fmax(tw->w[MAX_WINDOWS - 1].hi, hi);
    return;
  }
  tw->w[tw->n++] = (window){lo, hi};
}

/* Sort by start (insertion: few windows), merge overlaps, sum the days. */
static void finish_windows(tx_windows *tw)
{
  int m = 0;
  for (int i = 1; i < tw->n; i++) {
    const window x = tw->w[i];
    int j = i;
    while (j > 0 && tw->w[j - 1].lo > x.lo) {
      tw->w[j] = tw->w[j - 1];
      j--;
    }
    tw->w[j] = x;
  }
  for (int i = 0; i < tw->n; i++) {
    if (m > 0 && tw->w[i].lo <= tw->w[m - 1].hi) {
      tw->w[m - 1].hi = fmax(tw->w[m - 1].hi, tw->w[i].hi);
    } else {
      tw->w[m++] = tw->w[i];
    }
  }
  tw->n = m;
  tw->total = 0.0;
  for (int i = 0; i < m; i++)
    tw->total += tw->w[i].hi - tw->w[i].lo;
}

/* Add the windows of one entry's doses d[0..n) (time order) given before
 * t_cut (INFINITY: all), with washout wo, to tw: dose i covers
 * [t_i, t_i + max(wo, its interval)], its interval being the gap to the next
 * dose on the schedule, or the gap from the previous one for the last dose and
 * before a pause (a next gap more than twice the previous: a new course);
 * 0 for a single dose. A regular schedule is then one window from the first
 * dose to the last dose plus its interval or the washout, and separate
 * courses are separate windows. Clipped to t_end. */
static void entry_windows(const psorsim_dose_given *d, size_t n, double wo, double t_cut,
                          double t_end, tx_windows *tw)
{
  double lo = NAN, hi = NAN;
  for (size_t i = 0; i < n && d[i].t_day < t_cut; i++) {
    const double before = i > 0 ? d[i].t_day - d[i - 1].t_day : INFINITY;
    const double after = i + 1 < n ? d[i + 1].t_day - d[i].t_day : INFINITY;
    /* the gap to the next dose, unless it is a pause between courses (more than twice the
     * gap from the previous dose): then the previous gap */
    const double gap = isfinite(after) && !(after > 2.0 * before) ? after
                       : isfinite(before)                         ? before
                                                                  : 0.0;
    const double end = d[i].t_day + fmax(wo, gap);
    if (!isnan(hi) && d[i].t_day <= hi) {
      hi = fmax(hi, end);
      continue;
    }
    if (!isnan(hi)) add_window(tw, lo, fmin(hi, t_end));
    lo = d[i].t_day;
    hi = end;
  }
  if (!isnan(hi)) add_window(tw, lo, fmin(hi, t_end));
}

/* Every treatment's windows, cut at t_cut (INFINITY: none), into tw. */
static void build_windows(const draw_state *st, double t_cut, tx_windows *tw)
{
  const psr_arm_ctx *ac = st->ac;
  memset(tw, 0, sizeof(tx_windows) * PSORSIM_LOG_MAX_TREATMENTS);
  for (size_t i = 0; i < st->n_doses;) { /* the doses come entry by entry, each in time order */
    size_t j = i;
    const int k = entry_tx(st, st->doses[i].entry);
    while (j < st->n_doses && st->doses[j].entry == st->doses[i].entry)
      j++;
    if (k >= 0 && k < PSORSIM_LOG_MAX_TREATMENTS)
      entry_windows(st->doses + i, j - i, psorsim_treatment_ae_washout_days(ac->tx[k]), t_cut,
                    st->t_end, &tw[k]);
    i = j;
  }
  for (size_t i = 0; i < ac->arm->n_regimen; i++) { /* lifestyle changes: while they are on */
    const psorsim_regimen_entry *e = &ac->arm->regimen[i];
    const int k = entry_tx(st, (int)i);
    if (e->kind != PSORSIM_TREATMENT_LIFESTYLE || k < 0) continue;
    add_window(&tw[k], e->schedule.from_day,
               e->schedule.until_given ? fmin(e->schedule.until_day, st->t_end) : st->t_end);
  }
  for (int k = 0; k < ac->n_tx; k++)
    finish_windows(&tw[k]);
}

/* Calendar day of point s (days) of an exposure clock. */
static double clock_to_day(const tx_windows *tw, double s)
{
  for (int i = 0; i < tw->n; i++) {
    const double len = tw->w[i].hi - tw->w[i].lo;
    if (s < len) return tw->w[i].lo + s;
    s -= len;
  }
  return tw->n > 0 ? tw->w[tw->n - 1].hi : 0.0;
}

static int in_windows(const tx_windows *tw, double t)
{
  for (int i = 0; i < tw->n; i++)
    if (t >= tw->w[i].lo && t <= tw->w[i].hi) return 1;
  return 0;
}

/* The i-th dose (0-based) of treatment k, or NULL. */
static const psorsim_dose_given *nth_dose(const draw_state *st, int k, int i)
{
  for (size_t d = 0; d < st->n_doses; d++) {
    if (entry_tx(st, st->doses[d].entry) != k) continue;
    if (i-- == 0) return &st->doses[d];
  }
  return NULL;
}

/* The arm's last scheduled dose when every dosed entry stops before the end
 * of the trial (none has a dose within GOES_ON_WEEKS after it), else INFINITY. */
static int regimen_end(const draw_state *st, psorsim_ctx *ctx, double weeks, double *end)
{
  const psorsim_trial_arm *arm = st->ac->arm;
  *end = -INFINITY;
  for (size_t i = 0; i < arm->n_regimen; i++) {
    const psorsim_regimen_entry *e = &arm->regimen[i];
    size_t n = 0, n_longer = 0;
    if (e->kind == PSORSIM_TREATMENT_LIFESTYLE) continue;
    PSR_TRY(psorsim_schedule_expand(ctx, &e->schedule, weeks, NULL, 0, &n));
    PSR_TRY(psorsim_schedule_expand(ctx, &e->schedule, weeks + GOES_ON_WEEKS, NULL, 0, &n_longer));
    if (n_longer > n) {
      *end = INFINITY;
      return PSORSIM_OK;
    }
  }
  for (size_t d = 0; d < st->n_doses; d++)
    *end = fmax(*end, st->doses[d].t_day);
  if (!isfinite(*end)) *end = INFINITY; /* no dose at all */
  return PSORSIM_OK;
}

/* One pass over every adverse event of every treatment, in library order,
 * from a fresh safety stream. With keep == 0, returns the earliest event that
 * ends treatment; with keep == 1, records the events inside the cut windows
 * (and doses before t_drop) into the log and *ex. */
static double draw_pass(const draw_state *st, long id, int keep, double t_drop,
                        psorsim_patient_log *pl, psorsim_patient_exposure *ex)
{
  const psr_arm_ctx *ac = st->ac;
  double first_drop = INFINITY;
  psr_rng r;
  psr_rng_init(&r, ac->seed, ac->arm_index, (uint64_t)id, PSR_STREAM_SAFETY);
  for (int k = 0; k < ac->n_tx && k < PSORSIM_LOG_MAX_TREATMENTS; k++) {
    const psorsim_treatment *t = ac->tx[k];
    for (int a = 0; a < t->n_aes && a < PSORSIM_LOG_AES_PER_TREATMENT; a++) {
      const psorsim_ae_spec *ae = &t->aes[a];
      const int per_dose = ae->basis == PSORSIM_AE_PER_100_DOSES;
      const double length = per_dose ? (double)st->n_doses_tx[k] : st->full[k].total;
      const double rate =
          per_dose ? ae->rate_per_100py / 100.0 : ae->rate_per_100py / 100.0 / DAYS_PER_YEAR;
      const int type = k * PSORSIM_LOG_AES_PER_TREATMENT + a;
      double s = 0.0;
      for (int count = 0; count < MAX_EVENTS_PER_TYPE; count++) {
        double when, u;
        int inside;
        s += psr_rng_exponential(&r, rate);
        u = psr_rng_uniform(&r); /* drawn even past the clock: each type's first pair of
                                    numbers is the one it had before exposure clocks */
        if (!(s < length)) break;
        if (per_dose) {
          const psorsim_dose_given *d = nth_dose(st, k, (int)floor(s));
          if (d == NULL) break;
          when = d->t_day + (s - floor(s)) * fmin(DOSE_DAY, st->t_end - d->t_day);
          inside = d->t_day < t_drop;
        } else {
          when = clock_to_day(&st->full[k], s);
          inside = in_windows(&st->cut[k], when);
        }
        if (!keep) {
          if (u < ae->discontinue_fraction) first_drop = fmin(first_drop, when);
          continue;
        }
        if (!inside) continue;
        ex->ae_events[type]++;
        if (u < ae->discontinue_fraction && when == t_drop) {
          ex->drop_type = type;
          pl->drop_ae = pl->n_aes < PSORSIM_LOG_MAX_AES ? pl->n_aes : -1;
        }
        if (pl->n_aes < PSORSIM_LOG_MAX_AES) pl->aes[pl->n_aes++] = (psorsim_ae_given){when, k, a};
      }
    }
  }
  return first_drop;
}

int psr_safety_draw(const psr_arm_ctx *ac, psr_thread_ws *ws, long id, double t_end,
                    psorsim_patient_exposure *ex)
{
  psorsim_patient_log *pl = &ws->log;
  draw_state *st = psr_malloc(ws->ctx, sizeof(*st));
  double t_drop;
  int rc;
  if (st == NULL) PSR_FAIL(ws->ctx, PSORSIM_ENOMEM, "allocating an adverse-event draw");
  memset(st, 0, sizeof(*st));
  memset(ex, 0, sizeof(*ex));
  st->ac = ac;
  st->doses = pl->doses;
  st->n_doses = pl->n_doses;
  st->t_end = t_end;
  for (int i = 0; i < MAX_MAPPED_ENTRIES && (size_t)i < ac->arm->n_regimen; i++)
    st->entry_tx[i] = psr_safety_entry_treatment(ac->tx, ac->n_tx, &ac->arm->regimen[i]);
  for (size_t d = 0; d < st->n_doses; d++) {
    const int k = entry_tx(st, st->doses[d].entry);
    if (k >= 0 && k < PSORSIM_LOG_MAX_TREATMENTS) st->n_doses_tx[k]++;
  }
  rc = regimen_end(st, ws->ctx, ac->spec->weeks, &ex->regimen_end_day);
  if (rc == PSORSIM_OK) {
    build_windows(st, INFINITY, st->full);
    t_drop = draw_pass(st, id, 0, INFINITY, pl, ex); /* the dropout, if any */
    build_windows(st, t_drop, st->cut);
    pl->n_aes = 0;
    pl->drop_ae = -1;
    ex->drop_type = -1;
    draw_pass(st, id, 1, t_drop, pl, ex); /* the events of the exposure it leaves */
    pl->t_drop_day = t_drop;
    ex->dropout_day = t_drop;
    for (int k = 0; k < ac->n_tx && k < PSORSIM_LOG_MAX_TREATMENTS; k++) {
      ex->exposure_day[k] = st->cut[k].total;
      for (size_t d = 0; d < st->n_doses; d++)
        ex->administrations[k] +=
            entry_tx(st, st->doses[d].entry) == k && st->doses[d].t_day < t_drop;
    }
  }
  psr_free(ws->ctx, st);
  return rc;
}
