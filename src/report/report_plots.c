/* src/report/report_plots.c
 *
 * The report's figures, drawn with the plotting layer (plot_impl.h) and
 * encoded as PNG in memory: PASI and PASI improvement over time per arm
 * (mean with the 5-95th percentile band), endpoints with 95 % confidence
 * intervals (grouped bars, published values marked), baseline
 * distributions (PASI and weight histograms per arm, with the trial's
 * target means) and, when the trial file has `observed:`, published versus
 * simulated values around the identity line with a +/-10-point band.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <psorsim/economics.h>

#include "common/context_impl.h"
#include "report/plot_impl.h"
#include "report/report_impl.h"

#define CANVAS_W     (PSORSIM_REPORT_PLOT_WIDTH_PX / 2.0) /* canvas units (CSS px) */
#define CANVAS_H     (PSORSIM_REPORT_PLOT_HEIGHT_PX / 2.0)
#define CANVAS_SCALE 2.0
#define PANEL_H      (CANVAS_H - 60.0) /* room for two legend rows under the panels (5+ arms) */
#define BAND_ALPHA   0.16
#define HIST_BINS    16    /* about this many bins per histogram */
#define TABLE_X      486.0 /* left edge of the agreement table in the observed plot */

/* Largest finite value of v[0..n) (or `floor_value` if larger). */
static double max_finite(const double *v, int n, double floor_value)
{
  double m = floor_value;
  for (int i = 0; i < n && v != NULL; i++)
    if (isfinite(v[i]) && v[i] > m) m = v[i];
  return m;
}

static double min_finite(const double *v, int n, double ceil_value)
{
  double m = ceil_value;
  for (int i = 0; i < n && v != NULL; i++)
    if (isfinite(v[i]) && v[i] < m) m = v[i];
  return m;
}

/* Tick step for a week axis: 1, 2, 4, 8, 13 or a nice step. */
static double week_step(double weeks)
{
  if (weeks <= 8) return 1.0;
  if (weeks <= 16) return 2.0;
  if (weeks <= 32) return 4.0;
  if (weeks <= 64) return 8.0;
  if (weeks <= 104) return 13.0;
  return psr_nice_step(weeks, 8);
}

/* A lower axis limit: 0, or a nice negative value below v. */
static double nice_floor0(double v)
{
  return v < 0.0 ? -psr_nice_ceil(-v) : 0.0;
}

/* Legend items for the arms (at most PSR_MAX_LEGEND). */
#define PSR_MAX_LEGEND 64
static size_t arm_items(const psorsim_trial_result *r, psr_legend_item *items, char names[][32],
                        psr_key_kind kind)
{
  size_t n = r->n_arms < PSR_MAX_LEGEND - 1 ? r->n_arms : PSR_MAX_LEGEND - 1;
  for (size_t i = 0; i < n; i++) {
    items[i].label = psr_report_arm_name(r, i, names[i], 32);
    items[i].color = psr_palette(i);
    items[i].kind = kind;
  }
  return n;
}

/* Finish a canvas: encode it into *out and release it. */
static int finish(psorsim_ctx *ctx, psr_canvas *cv, psr_plot_png *out)
{
  int rc = psr_canvas_png(ctx, cv, &out->data, &out->len);
  psr_canvas_destroy(cv);
  return rc;
}

/* ---- (a) PASI over time ------------------------------------------------ */

static int plot_pasi_time(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  psr_canvas cv;
  psr_axes left, right;
  psr_legend_item items[PSR_MAX_LEGEND];
  char names[PSR_MAX_LEGEND][32];
  double weeks = r->spec->weeks, pmax = 1.0, imin = 0.0;
  size_t n;

  out->name = "pasi_time";
  out->title = "PASI over time";
  out->caption = "Mean PASI (left) and mean percent PASI improvement from baseline (right) at "
                 "each weekly visit, with the band between the 5th and 95th percentiles of the "
                 "arm's patients. Dashed lines mark the PASI 50, 75 and 90 response thresholds.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    pmax = max_finite(a->pasi_p95, a->n_visits, max_finite(a->pasi_mean, a->n_visits, pmax));
    imin = min_finite(a->improve_p05, a->n_visits, min_finite(a->improve_mean, a->n_visits, imin));
  }
  imin = imin < -100.0 ? -100.0 : imin; /* worse than doubling: clip, the band runs off */
  psr_axes_init(&left, &cv, 0.0, 0.0, CANVAS_W / 2.0, PANEL_H, 0.0, weeks, 0.0,
                psr_nice_ceil(pmax));
  psr_axes_init(&right, &cv, CANVAS_W / 2.0, 0.0, CANVAS_W / 2.0, PANEL_H, 0.0, weeks,
                nice_floor0(imin), 100.0);
  left.xstep = right.xstep = week_step(weeks);
  right.ystep = 20.0;
  psr_axes_draw(&left, "PASI: mean and 5th–95th percentile", "Week", "PASI (0–72)");
  psr_axes_draw(&right, "Improvement from baseline", "Week", "PASI improvement (%)");
  psr_axes_hline(&right, 50.0, PSR_RGB_MUTED, 1, "PASI 50");
  psr_axes_hline(&right, 75.0, PSR_RGB_MUTED, 1, "PASI 75");
  psr_axes_hline(&right, 90.0, PSR_RGB_MUTED, 1, "PASI 90");
  /* Bands first, then every mean line over them. */
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    size_t nv = a->n_visits > 0 && a->visit_week != NULL ? (size_t)a->n_visits : 0;
    if (a->pasi_p05 != NULL && a->pasi_p95 != NULL) {
      psr_axes_band(&left, a->visit_week, a->pasi_p05, a->pasi_p95, nv, psr_palette(i), BAND_ALPHA);
    }
    if (a->improve_p05 != NULL && a->improve_p95 != NULL) {
      psr_axes_band(&right, a->visit_week, a->improve_p05, a->improve_p95, nv, psr_palette(i),
                    BAND_ALPHA);
    }
  }
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    size_t nv = a->n_visits > 0 && a->visit_week != NULL ? (size_t)a->n_visits : 0;
    if (a->pasi_mean != NULL)
      psr_axes_line(&left, a->visit_week, a->pasi_mean, nv, psr_palette(i), 2.2, 0);
    if (a->improve_mean != NULL)
      psr_axes_line(&right, a->visit_week, a->improve_mean, nv, psr_palette(i), 2.2, 0);
  }
  n = arm_items(r, items, names, PSR_KEY_BAND);
  psr_canvas_legend_row(&cv, PANEL_H + 6.0, items, n);
  return finish(ctx, &cv, out);
}

/* ---- (b) endpoints with confidence intervals -------------------------- */

/* Two-line category label of an endpoint: what, then when. */
static void endpoint_short(const psorsim_endpoint *e, char *what, char *when, size_t size)
{
  switch (e->kind) {
  case PSORSIM_ENDPOINT_PASI_RESPONSE:
    snprintf(what, size, "PASI %d", e->threshold);
    break;
  case PSORSIM_ENDPOINT_PASI_CHANGE:
    snprintf(what, size, "mean PASI change");
    break;
  case PSORSIM_ENDPOINT_IGA01:
    snprintf(what, size, "IGA 0/1");
    break;
  case PSORSIM_ENDPOINT_DLQI01:
    snprintf(what, size, "DLQI 0/1");
    break;
  default:
    snprintf(what, size, "%s", e->key);
    break;
  }
  snprintf(when, size, "week %g", e->week);
}

/* The observation of (arm, endpoint k), or NULL. */
static const psorsim_observation *find_observation(const psorsim_trial_spec *s, size_t arm, int k)
{
  for (size_t j = 0; j < s->n_observed && s->observed != NULL; j++) {
    if (s->observed[j].arm == arm && s->observed[j].endpoint_index == k) return &s->observed[j];
  }
  return NULL;
}

static int plot_endpoints(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  const psorsim_trial_spec *s = r->spec;
  psr_canvas cv;
  psr_axes ax;
  psr_legend_item items[PSR_MAX_LEGEND];
  char names[PSR_MAX_LEGEND][32];
  double ymin = 0.0, ymax = 100.0, slot;
  size_t groups = 0, g = 0, n;
  int any_observed = 0;

  out->name = "endpoints";
  out->title = "Endpoints at a glance";
  out->caption = "Each endpoint in percent per arm: the bar is the estimate, the whiskers its "
                 "95 % confidence interval (Wilson for response rates, t for the mean PASI "
                 "improvement). Hollow diamonds are the values the real trial published.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  for (size_t k = 0; k < s->n_endpoints; k++) {
    if (!psr_report_endpoint_is_percent(&s->endpoints[k])) continue;
    groups++;
    for (size_t i = 0; i < r->n_arms; i++) {
      const psorsim_estimate *e = r->arms[i].endpoints != NULL ? &r->arms[i].endpoints[k] : NULL;
      const psorsim_observation *o = find_observation(s, i, (int)k);
      double v[4] = {e ? e->estimate : NAN, e ? e->lo : NAN, e ? e->hi : NAN, o ? o->value : NAN};
      ymin = min_finite(v, 4, ymin);
      ymax = max_finite(v, 4, ymax);
      any_observed |= o != NULL;
    }
  }
  psr_axes_init(&ax, &cv, 0.0, 0.0, CANVAS_W, PANEL_H, -0.5,
                groups > 0 ? (double)groups - 0.5 : 0.5, nice_floor0(ymin),
                ymax > 100.0  ? psr_nice_ceil(ymax)
                : ymax > 94.0 ? 106.0
                              : 100.0);
  ax.xcategorical = 1;
  ax.ystep = ax.y1 - ax.y0 > 150.0 ? 0.0 : 10.0;
  ax.py1 -= 12.0; /* two-line category labels */
  psr_axes_draw(&ax, "Endpoints with 95 % confidence intervals", NULL, "Percent of patients");
  if (groups == 0) {
    psr_canvas_text(&cv, (ax.px0 + ax.px1) / 2.0, (ax.py0 + ax.py1) / 2.0,
                    "No endpoint in percent in this trial", 13.0, PSR_CENTER, PSR_MIDDLE,
                    PSR_RGB_MUTED, 0, 0);
  }
  /* Bars share 80 % of a group, but are never wider than 110 units. */
  slot = r->n_arms > 0 ? 0.8 / (double)r->n_arms : 0.8;
  if (slot * (ax.px1 - ax.px0) / (ax.x1 - ax.x0) > 110.0) {
    slot = 110.0 * (ax.x1 - ax.x0) / (ax.px1 - ax.px0);
  }
  for (size_t k = 0; k < s->n_endpoints; k++) {
    char what[48], when[48];
    double bar_px;
    if (!psr_report_endpoint_is_percent(&s->endpoints[k])) continue;
    endpoint_short(&s->endpoints[k], what, when, sizeof(what));
    psr_axes_xcat_label(&ax, (double)g, what);
    psr_canvas_text(&cv, psr_axes_cx(&ax, (double)g), ax.py1 + 22.0, when, 10.5, PSR_CENTER,
                    PSR_TOP, PSR_RGB_MUTED, 0, 0);
    bar_px = psr_axes_cx(&ax, slot) - psr_axes_cx(&ax, 0.0);
    for (size_t i = 0; i < r->n_arms; i++) {
      const psorsim_estimate *e = r->arms[i].endpoints != NULL ? &r->arms[i].endpoints[k] : NULL;
      const psorsim_observation *o = find_observation(s, i, (int)k);
      double x = (double)g + ((double)i + 0.5 - 0.5 * (double)r->n_arms) * slot;
      double half = slot * 0.42;
      if (e != NULL && isfinite(e->estimate)) {
        /* The value goes above the whisker and the published marker. */
        double top = isfinite(e->hi) && e->hi > e->estimate ? e->hi : e->estimate;
        double lift = o != NULL && o->value > top - 1e-9 ? 7.0 : 4.0;
        top = o != NULL && o->value > top ? o->value : top;
        char label[16];
        /* At least 2 units tall, so an arm at 0 % still shows its colour. */
        double min_h = 2.0 * (ax.y1 - ax.y0) / (ax.py1 - ax.py0);
        double bar = fabs(e->estimate) < min_h ? (e->estimate < 0 ? -min_h : min_h) : e->estimate;
        psr_axes_rect(&ax, x - half, x + half, bar < 0 ? bar : 0.0, bar < 0 ? 0.0 : bar,
                      psr_palette(i), 0.85, 0);
        psr_axes_errorbar(&ax, x, e->lo, e->hi, bar_px * 0.35 < 10 ? bar_px * 0.35 : 10,
                          PSR_RGB_TEXT);
        if (bar_px >= 26.0) {
          snprintf(label, sizeof(label), "%.0f", e->estimate);
          psr_axes_text(&ax, x, top, 0.0, -lift, label, 9.5, PSR_CENTER, PSR_BOTTOM, PSR_RGB_TEXT);
        }
      }
      if (o != NULL) psr_axes_marker(&ax, x, o->value, PSR_MARK_DIAMOND, 9.0, PSR_RGB_TEXT, 0);
    }
    g++;
  }
  n = arm_items(r, items, names, PSR_KEY_BOX);
  if (any_observed) items[n++] = (psr_legend_item){"published", PSR_RGB_TEXT, PSR_KEY_MARKER};
  psr_canvas_legend_row(&cv, PANEL_H + 6.0, items, n);
  return finish(ctx, &cv, out);
}

/* ---- (c) baseline distributions --------------------------------------- */

/* Which baseline value a histogram shows. */
typedef enum { BASE_PASI, BASE_WEIGHT } base_kind;

static double base_value(const psorsim_patient_record *p, base_kind kind)
{
  return kind == BASE_PASI ? p->baseline_pasi : p->weight_kg;
}

/* What the two passes over an arm's records gather (psorsim_arm_records). */
typedef struct hist_pass {
  base_kind kind;
  double lo, hi;              /* pass 1: range */
  double start, width;        /* pass 2: bins */
  size_t nb;                  /* pass 2: bin count */
  double *counts, sum, total; /* pass 2 */
} hist_pass;

static int hist_range(const psorsim_patient_record *rec, void *user)
{
  hist_pass *h = user;
  const double v = base_value(rec, h->kind);
  if (!isfinite(v)) return 0;
  h->lo = v < h->lo ? v : h->lo;
  h->hi = v > h->hi ? v : h->hi;
  return 0;
}

static int hist_count(const psorsim_patient_record *rec, void *user)
{
  hist_pass *h = user;
  const double v = base_value(rec, h->kind);
  double fb;
  if (!isfinite(v)) return 0;
  fb = floor((v - h->start) / h->width);
  fb = fb < 0.0 ? 0.0 : fb > (double)(h->nb - 1) ? (double)(h->nb - 1) : fb;
  h->counts[(size_t)fb] += 1.0;
  h->total += 1.0;
  h->sum += v;
  return 0;
}

/* One panel of step histograms, one per arm, in percent of the arm's
 * patients, with the trial's target mean as a dashed line. */
static int histogram_panel(psorsim_ctx *ctx, psr_canvas *cv, const psorsim_trial_result *r,
                           base_kind kind, double left, const char *title, const char *xlabel,
                           psorsim_opt target)
{
  double lo = INFINITY, hi = -INFINITY, width, start, ymax = 1.0;
  size_t nb;
  double *counts, *means, *xs, *ys, *zeros;
  psr_axes ax;

  for (size_t i = 0; i < r->n_arms; i++) {
    hist_pass h = {kind, lo, hi, 0, 0, 0, NULL, 0, 0};
    if (psorsim_arm_records(&r->arms[i], hist_range, &h) != PSORSIM_OK)
      PSR_FAIL(ctx, PSORSIM_EIO, "baseline histograms: reading the patient records back");
    lo = h.lo;
    hi = h.hi;
  }
  if (!(hi >= lo)) lo = 0.0, hi = 1.0; /* no patients: an empty frame */
  width = psr_nice_step(hi - lo > 0 ? hi - lo : 1.0, HIST_BINS);
  start = floor(lo / width) * width;
  nb = (size_t)floor((hi - start) / width) + 1;
  if (nb > 400) nb = 400;
  counts = psr_calloc(ctx, r->n_arms * nb + 1, sizeof(double));
  means = psr_calloc(ctx, r->n_arms + 1, sizeof(double));
  xs = psr_calloc(ctx, 2 * nb + 2, sizeof(double));
  ys = psr_calloc(ctx, 2 * nb + 2, sizeof(double));
  zeros = psr_calloc(ctx, 2 * nb + 2, sizeof(double));
  if (counts == NULL || means == NULL || xs == NULL || ys == NULL || zeros == NULL) {
    psr_free(ctx, counts), psr_free(ctx, means), psr_free(ctx, xs), psr_free(ctx, ys);
    psr_free(ctx, zeros);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "drawing the baseline histograms");
  }
  for (size_t i = 0; i < r->n_arms; i++) {
    double *c = counts + i * nb, total;
    hist_pass h = {kind, 0, 0, start, width, nb, c, 0.0, 0.0};
    if (psorsim_arm_records(&r->arms[i], hist_count, &h) != PSORSIM_OK) {
      psr_free(ctx, counts), psr_free(ctx, means), psr_free(ctx, xs), psr_free(ctx, ys);
      psr_free(ctx, zeros);
      PSR_FAIL(ctx, PSORSIM_EIO, "baseline histograms: reading the patient records back");
    }
    total = h.total;
    means[i] = total > 0 ? h.sum / total : NAN;
    for (size_t b = 0; b < nb && total > 0; b++) {
      c[b] *= 100.0 / total;
      ymax = c[b] > ymax ? c[b] : ymax;
    }
  }
  psr_axes_init(&ax, cv, left, 0.0, CANVAS_W / 2.0, PANEL_H, start, start + width * (double)nb, 0.0,
                psr_nice_ceil(ymax * 1.08));
  psr_axes_draw(&ax, title, xlabel, "Patients (%)");
  for (size_t i = 0; i < r->n_arms; i++) {
    /* The outline: up from 0 at the left edge, the bins, down to 0 at the right. */
    xs[0] = start;
    ys[0] = 0.0;
    for (size_t b = 0; b < nb; b++) {
      xs[2 * b + 1] = start + width * (double)b;
      xs[2 * b + 2] = start + width * (double)(b + 1);
      ys[2 * b + 1] = ys[2 * b + 2] = counts[i * nb + b];
    }
    xs[2 * nb + 1] = start + width * (double)nb;
    ys[2 * nb + 1] = 0.0;
    psr_axes_band(&ax, xs, zeros, ys, 2 * nb + 2, psr_palette(i), 0.10);
    psr_axes_line(&ax, xs, ys, 2 * nb + 2, psr_palette(i), 1.8, 0);
  }
  /* Each arm's mean, top right, to compare with the target. */
  for (size_t i = 0; i < r->n_arms && i < 12; i++) {
    char label[48];
    if (!isfinite(means[i])) continue;
    snprintf(label, sizeof(label), "mean %.1f", means[i]);
    psr_canvas_text(cv, ax.px1 - 4.0, ax.py0 + 4.0 + 15.0 * (double)i, label, 10.5, PSR_RIGHT,
                    PSR_TOP, psr_palette(i), 1, 0);
  }
  if (target.given) {
    char label[48];
    snprintf(label, sizeof(label), "target mean %g", target.value);
    psr_axes_vline(&ax, target.value, PSR_RGB_TEXT, 1, label);
  }
  psr_free(ctx, counts), psr_free(ctx, means), psr_free(ctx, xs), psr_free(ctx, ys);
  psr_free(ctx, zeros);
  return PSORSIM_OK;
}

static int plot_baseline(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  psr_canvas cv;
  psr_legend_item items[PSR_MAX_LEGEND];
  char names[PSR_MAX_LEGEND][32];
  int rc;

  out->name = "baseline";
  out->title = "Baseline distributions";
  out->caption = "Baseline PASI and body weight of the virtual patients, as a percentage of each "
                 "arm's patients per bin. Dashed lines are the trial's published baseline means "
                 "(population.baseline), which the virtual population is matched to.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  rc = histogram_panel(ctx, &cv, r, BASE_PASI, 0.0, "Baseline PASI", "PASI (0–72)",
                       r->spec->population.pasi_mean);
  if (rc == PSORSIM_OK) {
    rc = histogram_panel(ctx, &cv, r, BASE_WEIGHT, CANVAS_W / 2.0, "Body weight", "Weight (kg)",
                         r->spec->population.weight_kg_mean);
  }
  if (rc != PSORSIM_OK) {
    psr_canvas_destroy(&cv);
    return rc;
  }
  psr_canvas_legend_row(&cv, PANEL_H + 6.0, items, arm_items(r, items, names, PSR_KEY_BOX));
  return finish(ctx, &cv, out);
}

/* ---- (d) observed versus simulated ------------------------------------ */

/* A text label's box on the canvas, for avoiding overlaps. */
#define LABEL_BOXES 64
typedef struct label_box {
  double x, y, w, h;
} label_box;

/* Whether b overlaps one of boxes[0..n). */
static int box_collides(const label_box *b, const label_box *boxes, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const label_box *o = &boxes[i];
    if (b->x < o->x + o->w && o->x < b->x + b->w && b->y < o->y + o->h && o->y < b->y + b->h) {
      return 1;
    }
  }
  return 0;
}

/* Whether observation o can be drawn: in percent, with a finite estimate. */
static const psorsim_estimate *drawable(const psorsim_trial_result *r, const psorsim_observation *o)
{
  const psorsim_estimate *e = psr_report_observed_estimate(r, o);
  if (e == NULL || !psr_report_endpoint_is_percent(&o->endpoint)) return NULL;
  return isfinite(e->estimate) && isfinite(o->value) ? e : NULL;
}

static int plot_observed(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  const psorsim_trial_spec *s = r->spec;
  psr_canvas cv;
  psr_axes ax;
  double m = 10.0, sum_abs = 0.0, y, pad;
  label_box boxes[LABEL_BOXES];
  size_t n_boxes = 0;
  size_t shown = 0, within = 0, listed = 0;
  char line[160];

  out->name = "observed";
  out->title = "Published versus simulated";
  out->caption = "Each published number of the trial file (observed:) against psorsim's "
                 "estimate with its 95 % confidence interval. Points on the diagonal agree; the "
                 "grey band is +/-10 percentage points.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  for (size_t j = 0; j < s->n_observed; j++) {
    const psorsim_estimate *e = drawable(r, &s->observed[j]);
    double v[4] = {s->observed[j].value, e ? e->estimate : NAN, e ? e->lo : NAN, e ? e->hi : NAN};
    if (e == NULL) continue;
    m = max_finite(v, 4, m);
  }
  m = m > 100.0 ? psr_nice_ceil(m) : 100.0;
  pad = 0.03 * m; /* so points at 0 are not cut in half by the axes */
  /* A square plotting area: 372 x 372 units. */
  psr_axes_init(&ax, &cv, 16.0, 0.0, 372.0 + 76.0, CANVAS_H, -pad, m + pad, -pad, m + pad);
  ax.xstep = ax.ystep = m <= 100.0 ? 20.0 : 0.0;
  psr_axes_draw(&ax, "Published versus simulated", "Published (%)", "Simulated (%)");
  {
    const double xs[2] = {-pad, m + pad}, lo[2] = {-pad - 10.0, m + pad - 10.0},
                 hi[2] = {-pad + 10.0, m + pad + 10.0};
    psr_axes_band(&ax, xs, lo, hi, 2, PSR_RGB_MUTED, 0.14);
    psr_axes_line(&ax, xs, xs, 2, PSR_RGB_MUTED, 1.2, 0);
  }
  /* The points first (their boxes keep labels off them), then the labels. */
  for (size_t j = 0; j < s->n_observed; j++) {
    const psorsim_observation *o = &s->observed[j];
    const psorsim_estimate *e = drawable(r, o);
    if (e == NULL) continue;
    psr_axes_errorbar(&ax, o->value, e->lo, e->hi, 6.0, psr_palette(o->arm));
    psr_axes_marker(&ax, o->value, e->estimate, PSR_MARK_CIRCLE, 8.0, psr_palette(o->arm), 1);
    if (n_boxes < LABEL_BOXES) {
      boxes[n_boxes++] = (label_box){psr_axes_cx(&ax, o->value) - 5.0,
                                     psr_axes_cy(&ax, e->estimate) - 5.0, 10.0, 10.0};
    }
    sum_abs += fabs(e->estimate - o->value);
    within += fabs(e->estimate - o->value) <= 10.0;
    shown++;
  }
  /* The endpoint's key beside each point (right, left, above or below),
   * unless every place collides with a point or a label already drawn (the
   * table at the right lists every point anyway). */
  for (size_t j = 0; j < s->n_observed && n_boxes < LABEL_BOXES; j++) {
    const psorsim_observation *o = &s->observed[j];
    const psorsim_estimate *e = drawable(r, o);
    double cx, cy, w;
    if (e == NULL) continue;
    cx = psr_axes_cx(&ax, o->value);
    cy = psr_axes_cy(&ax, e->estimate);
    w = psr_canvas_text_width(&cv, o->endpoint.key, 9.0, 0);
    for (int side = 0; side < 4; side++) { /* right, left, above, below */
      const double bx[4] = {cx + 7.0, cx - 7.0 - w, cx - w / 2.0, cx - w / 2.0};
      const double by[4] = {cy - 6.0, cy - 6.0, cy - 19.0, cy + 7.0};
      label_box b = {bx[side], by[side], w, 12.0};
      if (box_collides(&b, boxes, n_boxes) || b.x < ax.px0 || b.x + w > ax.px1 || b.y < ax.py0 ||
          b.y + b.h > ax.py1) {
        continue;
      }
      psr_canvas_text(&cv, b.x, b.y + 6.0, o->endpoint.key, 9.0, PSR_LEFT, PSR_MIDDLE,
                      PSR_RGB_MUTED, 0, 0);
      boxes[n_boxes++] = b;
      break;
    }
  }
  /* The summary and the per-number table at the right. */
  y = 24.0;
  psr_canvas_text(&cv, TABLE_X, y, "Agreement", 14.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_TEXT, 1, 0);
  y += 24.0;
  if (shown > 0) {
    snprintf(line, sizeof(line), "mean |difference|: %.1f points", sum_abs / (double)shown);
    psr_canvas_text(&cv, TABLE_X, y, line, 12.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_TEXT, 0, 0);
    y += 18.0;
    snprintf(line, sizeof(line), "within 10 points (grey band): %zu of %zu", within, shown);
    psr_canvas_text(&cv, TABLE_X, y, line, 12.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_TEXT, 0, 0);
  } else {
    psr_canvas_text(&cv, TABLE_X, y, "no published number in percent", 12.0, PSR_LEFT, PSR_BASELINE,
                    PSR_RGB_MUTED, 0, 0);
  }
  y += 32.0;
  if (shown > 0) {
    static const char *const head[5] = {"arm", "endpoint", "sim.", "publ.", "diff."};
    static const double col[5] = {TABLE_X + 14.0, TABLE_X + 200.0, TABLE_X + 318.0, TABLE_X + 362.0,
                                  TABLE_X + 406.0};
    for (int c = 0; c < 5; c++) {
      psr_canvas_text(&cv, col[c], y, head[c], 10.5, c < 2 ? PSR_LEFT : PSR_RIGHT, PSR_BASELINE,
                      PSR_RGB_MUTED, 0, 0);
    }
    y += 18.0;
    for (size_t j = 0; j < s->n_observed; j++) {
      const psorsim_observation *o = &s->observed[j];
      const psorsim_estimate *e = drawable(r, o);
      double d;
      char arm[32];
      if (e == NULL) continue;
      if (y > CANVAS_H - 16.0) {
        snprintf(line, sizeof(line), "... and %zu more (see the table below)", shown - listed);
        psr_canvas_text(&cv, TABLE_X, y, line, 11.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_MUTED, 0, 0);
        break;
      }
      d = e->estimate - o->value;
      psr_canvas_marker(&cv, TABLE_X + 4.0, y - 4.0, PSR_MARK_CIRCLE, 8.0, psr_palette(o->arm), 1);
      snprintf(line, sizeof(line), "%.24s", psr_report_arm_name(r, o->arm, arm, sizeof(arm)));
      psr_canvas_text(&cv, col[0], y, line, 11.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_TEXT, 0, 0);
      psr_canvas_text(&cv, col[1], y, o->endpoint.key, 11.0, PSR_LEFT, PSR_BASELINE, PSR_RGB_TEXT,
                      0, 0);
      snprintf(line, sizeof(line), "%.1f", e->estimate);
      psr_canvas_text(&cv, col[2], y, line, 11.0, PSR_RIGHT, PSR_BASELINE, PSR_RGB_TEXT, 0, 0);
      snprintf(line, sizeof(line), "%.1f", o->value);
      psr_canvas_text(&cv, col[3], y, line, 11.0, PSR_RIGHT, PSR_BASELINE, PSR_RGB_TEXT, 0, 0);
      snprintf(line, sizeof(line), "%+.1f", d);
      psr_canvas_text(&cv, col[4], y, line, 11.0, PSR_RIGHT, PSR_BASELINE,
                      fabs(d) <= 10.0 ? psr_palette(2) : psr_palette(3), 1, 0);
      y += 17.0;
      listed++;
    }
  }
  return finish(ctx, &cv, out);
}

/* ---- all of them ------------------------------------------------------- */

void psr_report_free_plots(psorsim_ctx *ctx, psr_plot_png *out, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    psr_free(ctx, out[i].data);
    out[i].data = NULL;
    out[i].len = 0;
  }
}

/* ---- (e) cost-effectiveness plane and (f) cost per responder ---------- */

/* The arm's econ summary, or NULL. */
static const psorsim_econ_arm *econ_of(const psorsim_trial_result *r, size_t i)
{
  return i < r->n_arms ? r->arms[i].econ : NULL;
}

static int plot_ce_plane(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  const psorsim_economics *ec = &r->spec->economics;
  psr_canvas cv;
  psr_axes ax;
  psr_legend_item items[PSR_MAX_LEGEND];
  char names[PSR_MAX_LEGEND][32], title[160], xl[64], yl[64], refname[32];
  double xmax = 1e-9, ymax = 1e-9;
  size_t n, ref = 0;

  out->name = "ce_plane";
  out->title = "Cost-effectiveness plane";
  out->caption = "Incremental cost against incremental QALYs of each arm versus the reference arm "
                 "over the economic horizon (discounted). Large markers are the means; the "
                 "cloud is the bootstrap of the virtual population (patients resampled within "
                 "each arm). Points right of 0 gain QALYs, points below 0 save money: lower "
                 "right is dominant, upper left dominated. The dashed line is the threshold "
                 "per QALY when one is set.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_econ_arm *e = econ_of(r, i);
    if (e == NULL) continue;
    ref = (size_t)e->ref_arm;
    if (isfinite(e->delta_qaly)) xmax = fmax(xmax, fabs(e->delta_qaly));
    if (isfinite(e->delta_cost)) ymax = fmax(ymax, fabs(e->delta_cost));
    for (int b = 0; b < e->n_boot; b++) {
      xmax = fmax(xmax, fabs(e->boot_dqaly[b]));
      ymax = fmax(ymax, fabs(e->boot_dcost[b]));
    }
  }
  xmax = psr_nice_ceil(xmax * 1.05);
  ymax = psr_nice_ceil(ymax * 1.05);
  psr_axes_init(&ax, &cv, 0.0, 0.0, CANVAS_W, PANEL_H, -xmax, xmax, -ymax, ymax);
  snprintf(title, sizeof(title), "Versus %s, weeks 0-%g",
           psr_report_arm_name(r, ref, refname, sizeof(refname)), ec->horizon_weeks);
  snprintf(xl, sizeof(xl), "Incremental QALYs");
  snprintf(yl, sizeof(yl), "Incremental cost (%s)", ec->currency);
  psr_axes_draw(&ax, title, xl, yl);
  psr_axes_hline(&ax, 0.0, PSR_RGB_AXIS, 0, NULL);
  psr_axes_vline(&ax, 0.0, PSR_RGB_AXIS, 0, NULL);
  if (isfinite(ec->threshold) && ec->threshold > 0) {
    const double x[2] = {-xmax, xmax}, y[2] = {-xmax * ec->threshold, xmax * ec->threshold};
    psr_axes_line(&ax, x, y, 2, PSR_RGB_MUTED, 1.0, 1);
  }
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_econ_arm *e = econ_of(r, i);
    if (e == NULL) continue;
    for (int b = 0; b < e->n_boot; b++)
      psr_axes_marker(&ax, e->boot_dqaly[b], e->boot_dcost[b], PSR_MARK_CIRCLE, 2.0, psr_palette(i),
                      1);
  }
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_econ_arm *e = econ_of(r, i);
    if (e == NULL) continue;
    psr_axes_marker(&ax, e->delta_qaly, e->delta_cost, PSR_MARK_DIAMOND, 12.0, psr_palette(i), 1);
    psr_axes_marker(&ax, e->delta_qaly, e->delta_cost, PSR_MARK_DIAMOND, 12.0, PSR_RGB_TEXT, 0);
  }
  n = arm_items(r, items, names, PSR_KEY_MARKER);
  psr_canvas_legend_row(&cv, PANEL_H + 6.0, items, n);
  return finish(ctx, &cv, out);
}

static int plot_cost_responder(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out)
{
  const psorsim_economics *ec = &r->spec->economics;
  psr_canvas cv;
  psr_axes ax;
  char title[160], yl[64], name[32], label[32];
  double ymax = 1.0;

  out->name = "cost_per_responder";
  out->title = "Cost per PASI 75 responder";
  out->caption = "Discounted cost per patient over the economic horizon divided by the share "
                 "of PASI 75 responders at its end (dropouts count as non-responders), per "
                 "arm; whiskers are the 95 % bootstrap interval over the virtual population. "
                 "Arms without a responder have no bar.";
  PSR_TRY(psr_canvas_create(ctx, &cv, CANVAS_W, CANVAS_H, CANVAS_SCALE));
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_econ_arm *e = econ_of(r, i);
    if (e == NULL) continue;
    if (isfinite(e->cost_per_pasi75)) ymax = fmax(ymax, e->cost_per_pasi75);
    if (isfinite(e->cpr_hi)) ymax = fmax(ymax, e->cpr_hi);
  }
  psr_axes_init(&ax, &cv, 0.0, 0.0, CANVAS_W, PANEL_H, -0.5, (double)r->n_arms - 0.5, 0.0,
                psr_nice_ceil(ymax * 1.05));
  ax.xcategorical = 1;
  snprintf(title, sizeof(title), "Weeks 0-%g, PASI 75 at week %g", ec->horizon_weeks,
           ec->horizon_weeks);
  snprintf(yl, sizeof(yl), "Cost per responder (%s)", ec->currency);
  psr_axes_draw(&ax, title, NULL, yl);
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_econ_arm *e = econ_of(r, i);
    psr_axes_xcat_label(&ax, (double)i, psr_report_arm_name(r, i, name, sizeof(name)));
    if (e == NULL || !isfinite(e->cost_per_pasi75)) continue;
    psr_axes_rect(&ax, i - 0.3, i + 0.3, 0.0, e->cost_per_pasi75, psr_palette(i), 0.85, 0);
    psr_axes_errorbar(&ax, (double)i, e->cpr_lo, isfinite(e->cpr_hi) ? e->cpr_hi : ax.y1, 10.0,
                      PSR_RGB_TEXT);
    snprintf(label, sizeof(label), "%.0f", e->cost_per_pasi75);
    psr_axes_text(&ax, (double)i, e->cost_per_pasi75, 0.0, -4.0, label, 9.5, PSR_CENTER, PSR_BOTTOM,
                  PSR_RGB_TEXT);
  }
  return finish(ctx, &cv, out);
}

int psr_report_render_plots(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out,
                            size_t *n)
{
  int (*draw[PSR_REPORT_MAX_PLOTS])(psorsim_ctx *, const psorsim_trial_result *, psr_plot_png *) = {
      plot_pasi_time, plot_endpoints, plot_baseline};
  size_t count = 3;

  if (r->spec->n_observed > 0) draw[count++] = plot_observed;
  if (r->spec->economics.enabled && r->n_arms > 0 && r->arms[0].econ != NULL) {
    draw[count++] = plot_ce_plane;
    draw[count++] = plot_cost_responder;
  }
  *n = 0;
  memset(out, 0, sizeof(*out) * PSR_REPORT_MAX_PLOTS);
  for (size_t i = 0; i < count; i++) {
    int rc = draw[i](ctx, r, &out[i]);
    if (rc != PSORSIM_OK) {
      psr_report_free_plots(ctx, out, i);
      return rc;
    }
  }
  *n = count;
  return PSORSIM_OK;
}
