/* src/report/plot.c
 *
 * The report's plotting layer on top of cairo: canvas, axes with nice
 * ticks, lines, bands, rectangles, error bars, markers, reference lines,
 * text and legends. See plot_impl.h. Cairo rasterises everything; text uses
 * cairo's "toy" font API with the system sans-serif face (DejaVu Sans on
 * Debian).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/context_impl.h"
#include "report/plot_impl.h"

#define PSR_FONT       "sans-serif"
#define PSR_TICK_FONT  11.0
#define PSR_LABEL_FONT 12.5
#define PSR_TITLE_FONT 14.0
#define PSR_PI         3.14159265358979323846
#define PSR_TEXT_MAX   256 /* longest label drawn, bytes (longer ones are shortened) */

psr_rgb psr_palette(size_t i)
{
  /* Okabe-Ito, reordered so the first colours are the most distinct on
   * white and yellow (weak on white) comes last. */
  static const psr_rgb colors[PSR_PALETTE_SIZE] = {
      {0.000, 0.447, 0.698}, /* blue #0072B2 */
      {0.902, 0.624, 0.000}, /* orange #E69F00 */
      {0.000, 0.620, 0.451}, /* bluish green #009E73 */
      {0.835, 0.369, 0.000}, /* vermillion #D55E00 */
      {0.800, 0.475, 0.655}, /* reddish purple #CC79A7 */
      {0.337, 0.706, 0.914}, /* sky blue #56B4E9 */
      {0.000, 0.000, 0.000}, /* black */
      {0.941, 0.894, 0.259}, /* yellow #F0E442 */
  };
  return colors[i % PSR_PALETTE_SIZE];
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one that
 * cairo accepts (overlong forms, surrogates, non-characters, > U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
  size_t len;
  unsigned long cp;

  if (s[0] < 0x80) return 1;
  if ((s[0] & 0xE0) == 0xC0) {
    len = 2;
    cp = s[0] & 0x1Fu;
  } else if ((s[0] & 0xF0) == 0xE0) {
    len = 3;
    cp = s[0] & 0x0Fu;
  } else if ((s[0] & 0xF8) == 0xF0) {
    len = 4;
    cp = s[0] & 0x07u;
  } else {
    return 0;
  }
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0; /* also stops at the terminating NUL */
    cp = (cp << 6) | (s[k] & 0x3Fu);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp >= 0x110000 || (cp & 0xFFFFF800u) == 0xD800 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
      (cp & 0xFFFEu) == 0xFFFE) {
    return 0;
  }
  return len;
}

/* Copy `text` into buf (PSR_TEXT_MAX bytes) keeping only valid UTF-8: each
 * invalid byte becomes '?'. Shortens with "..." when too long. */
static const char *clean_utf8(const char *text, char *buf)
{
  const unsigned char *s = (const unsigned char *)(text != NULL ? text : "");
  size_t o = 0;

  while (*s != '\0') {
    size_t len = utf8_len(s);
    if (o + (len > 0 ? len : 1) + 4 >= PSR_TEXT_MAX) {
      memcpy(buf + o, "...", 4);
      return buf;
    }
    if (len == 0) {
      buf[o++] = '?';
      s++;
      continue;
    }
    memcpy(buf + o, s, len);
    o += len;
    s += len;
  }
  buf[o] = '\0';
  return buf;
}

int psr_canvas_create(psorsim_ctx *ctx, psr_canvas *cv, double width, double height, double scale)
{
  memset(cv, 0, sizeof(*cv));
  cv->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)lround(width * scale),
                                           (int)lround(height * scale));
  if (cairo_surface_status(cv->surface) != CAIRO_STATUS_SUCCESS) {
    psr_canvas_destroy(cv);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "cannot create a %gx%g plot surface", width, height);
  }
  cv->cr = cairo_create(cv->surface);
  if (cairo_status(cv->cr) != CAIRO_STATUS_SUCCESS) {
    psr_canvas_destroy(cv);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "cannot create a cairo context");
  }
  cv->width = width;
  cv->height = height;
  cairo_scale(cv->cr, scale, scale);
  cairo_set_source_rgb(cv->cr, 1.0, 1.0, 1.0);
  cairo_paint(cv->cr);
  cairo_select_font_face(cv->cr, PSR_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_line_join(cv->cr, CAIRO_LINE_JOIN_ROUND);
  return PSORSIM_OK;
}

void psr_canvas_destroy(psr_canvas *cv)
{
  if (cv == NULL) return;
  if (cv->cr != NULL) cairo_destroy(cv->cr);
  if (cv->surface != NULL) cairo_surface_destroy(cv->surface);
  cv->cr = NULL;
  cv->surface = NULL;
}

int psr_canvas_png(psorsim_ctx *ctx, psr_canvas *cv, unsigned char **data, size_t *len)
{
  cairo_status_t st = cairo_status(cv->cr);
  *data = NULL;
  *len = 0;
  if (st != CAIRO_STATUS_SUCCESS) {
    PSR_FAIL(ctx, PSORSIM_EIO, "drawing a plot: %s", cairo_status_to_string(st));
  }
  cairo_surface_flush(cv->surface);
  return psr_png_encode_argb32(ctx, cairo_image_surface_get_data(cv->surface),
                               cairo_image_surface_get_width(cv->surface),
                               cairo_image_surface_get_height(cv->surface),
                               cairo_image_surface_get_stride(cv->surface), data, len);
}

static void set_color(cairo_t *cr, psr_rgb c, double alpha)
{
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

static void set_font(cairo_t *cr, double size, int bold)
{
  cairo_select_font_face(cr, PSR_FONT, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double psr_canvas_text_width(psr_canvas *cv, const char *text, double size, int bold)
{
  char buf[PSR_TEXT_MAX];
  cairo_text_extents_t te;
  set_font(cv->cr, size, bold);
  cairo_text_extents(cv->cr, clean_utf8(text, buf), &te);
  return te.x_advance;
}

double psr_canvas_text(psr_canvas *cv, double x, double y, const char *text, double size,
                       psr_halign ha, psr_valign va, psr_rgb color, int bold, int rotate90)
{
  char buf[PSR_TEXT_MAX];
  cairo_t *cr = cv->cr;
  cairo_text_extents_t te;
  cairo_font_extents_t fe;
  double dx = 0.0, dy = 0.0;
  const char *s = clean_utf8(text, buf);

  set_font(cr, size, bold);
  cairo_text_extents(cr, s, &te);
  cairo_font_extents(cr, &fe);
  if (ha == PSR_CENTER) dx = -te.x_advance / 2.0;
  if (ha == PSR_RIGHT) dx = -te.x_advance;
  /* Vertical anchors from the font's ascent/descent, not the glyphs', so
   * labels line up whatever letters they contain. */
  if (va == PSR_TOP) dy = fe.ascent * 0.82;
  if (va == PSR_MIDDLE) dy = fe.ascent * 0.36;
  if (va == PSR_BOTTOM) dy = -fe.descent;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  if (rotate90) cairo_rotate(cr, -PSR_PI / 2.0);
  cairo_move_to(cr, dx, dy);
  set_color(cr, color, 1.0);
  cairo_show_text(cr, s);
  cairo_restore(cr);
  return te.x_advance;
}

double psr_nice_step(double span, int target)
{
  double raw, mag, f;
  if (!(span > 0.0) || !isfinite(span) || target < 1) return 1.0;
  raw = span / target;
  mag = pow(10.0, floor(log10(raw)));
  f = raw / mag;
  if (f < 1.5) return 1.0 * mag;
  if (f < 3.5) return 2.0 * mag;
  if (f < 7.5) return 5.0 * mag;
  return 10.0 * mag;
}

double psr_nice_ceil(double v)
{
  double step;
  if (!(v > 0.0) || !isfinite(v)) return 1.0;
  step = psr_nice_step(v, 5);
  return ceil(v / step - 1e-9) * step;
}

void psr_axes_init(psr_axes *ax, psr_canvas *cv, double left, double top, double width,
                   double height, double x0, double x1, double y0, double y1)
{
  memset(ax, 0, sizeof(*ax));
  ax->cv = cv;
  ax->px0 = left + 62.0; /* y tick labels and the rotated y label */
  ax->py0 = top + 30.0;  /* panel title */
  ax->px1 = left + width - 14.0;
  ax->py1 = top + height - 48.0; /* x tick labels and the x label */
  ax->x0 = x0;
  ax->x1 = x1 > x0 ? x1 : x0 + 1.0;
  ax->y0 = y0;
  ax->y1 = y1 > y0 ? y1 : y0 + 1.0;
}

double psr_axes_cx(const psr_axes *ax, double x)
{
  return ax->px0 + (x - ax->x0) / (ax->x1 - ax->x0) * (ax->px1 - ax->px0);
}

double psr_axes_cy(const psr_axes *ax, double y)
{
  return ax->py1 - (y - ax->y0) / (ax->y1 - ax->y0) * (ax->py1 - ax->py0);
}

/* A tick label without trailing noise: 0.1 not 0.1000000001, -0 as 0. */
static void tick_label(double v, double step, char *buf, size_t size)
{
  int decimals = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
  if (fabs(v) < step * 1e-6) v = 0.0;
  snprintf(buf, size, "%.*f", decimals, v);
}

void psr_axes_draw(psr_axes *ax, const char *title, const char *xlabel, const char *ylabel)
{
  cairo_t *cr = ax->cv->cr;
  double ystep = ax->ystep > 0 ? ax->ystep : psr_nice_step(ax->y1 - ax->y0, 5);
  double xstep = ax->xstep > 0 ? ax->xstep : psr_nice_step(ax->x1 - ax->x0, 6);
  char buf[64];

  cairo_save(cr);
  cairo_set_line_width(cr, 1.0);
  /* Horizontal grid and y ticks. */
  for (double v = ceil(ax->y0 / ystep - 1e-9) * ystep; v <= ax->y1 + ystep * 1e-9; v += ystep) {
    double y = floor(psr_axes_cy(ax, v)) + 0.5;
    set_color(cr, PSR_RGB_GRID, 1.0);
    cairo_move_to(cr, ax->px0, y);
    cairo_line_to(cr, ax->px1, y);
    cairo_stroke(cr);
    set_color(cr, PSR_RGB_AXIS, 1.0);
    cairo_move_to(cr, ax->px0 - 5.0, y);
    cairo_line_to(cr, ax->px0, y);
    cairo_stroke(cr);
    tick_label(v, ystep, buf, sizeof(buf));
    psr_canvas_text(ax->cv, ax->px0 - 8.0, y, buf, PSR_TICK_FONT, PSR_RIGHT, PSR_MIDDLE,
                    PSR_RGB_TEXT, 0, 0);
  }
  /* Vertical grid and x ticks. */
  if (!ax->xcategorical) {
    for (double v = ceil(ax->x0 / xstep - 1e-9) * xstep; v <= ax->x1 + xstep * 1e-9; v += xstep) {
      double x = floor(psr_axes_cx(ax, v)) + 0.5;
      set_color(cr, PSR_RGB_GRID, 1.0);
      cairo_move_to(cr, x, ax->py0);
      cairo_line_to(cr, x, ax->py1);
      cairo_stroke(cr);
      set_color(cr, PSR_RGB_AXIS, 1.0);
      cairo_move_to(cr, x, ax->py1);
      cairo_line_to(cr, x, ax->py1 + 5.0);
      cairo_stroke(cr);
      tick_label(v, xstep, buf, sizeof(buf));
      psr_canvas_text(ax->cv, x, ax->py1 + 8.0, buf, PSR_TICK_FONT, PSR_CENTER, PSR_TOP,
                      PSR_RGB_TEXT, 0, 0);
    }
  }
  /* Axis lines: left and bottom only. */
  set_color(cr, PSR_RGB_AXIS, 1.0);
  cairo_move_to(cr, floor(ax->px0) + 0.5, ax->py0);
  cairo_line_to(cr, floor(ax->px0) + 0.5, floor(ax->py1) + 0.5);
  cairo_line_to(cr, ax->px1, floor(ax->py1) + 0.5);
  cairo_stroke(cr);
  cairo_restore(cr);

  if (title != NULL) {
    psr_canvas_text(ax->cv, ax->px0, ax->py0 - 12.0, title, PSR_TITLE_FONT, PSR_LEFT, PSR_BASELINE,
                    PSR_RGB_TEXT, 1, 0);
  }
  if (xlabel != NULL) {
    psr_canvas_text(ax->cv, (ax->px0 + ax->px1) / 2.0, ax->py1 + 44.0, xlabel, PSR_LABEL_FONT,
                    PSR_CENTER, PSR_BOTTOM, PSR_RGB_TEXT, 0, 0);
  }
  if (ylabel != NULL) {
    psr_canvas_text(ax->cv, ax->px0 - 46.0, (ax->py0 + ax->py1) / 2.0, ylabel, PSR_LABEL_FONT,
                    PSR_CENTER, PSR_BOTTOM, PSR_RGB_TEXT, 0, 1);
  }
}

void psr_axes_xcat_label(psr_axes *ax, double x, const char *label)
{
  psr_canvas_text(ax->cv, psr_axes_cx(ax, x), ax->py1 + 8.0, label, PSR_TICK_FONT, PSR_CENTER,
                  PSR_TOP, PSR_RGB_TEXT, 0, 0);
}

/* Clip drawing to the plotting area (call between cairo_save and _restore). */
static void clip_to_area(psr_axes *ax)
{
  cairo_rectangle(ax->cv->cr, ax->px0, ax->py0 - 1.0, ax->px1 - ax->px0, ax->py1 - ax->py0 + 1.0);
  cairo_clip(ax->cv->cr);
}

static void set_dash(cairo_t *cr, int dash, double width)
{
  const double dashed[2] = {6.0, 4.0};
  double dotted[2] = {0.1, 3.0 + width};
  if (dash == 1) {
    cairo_set_dash(cr, dashed, 2, 0.0);
  } else if (dash == 2) {
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, dotted, 2, 0.0);
  } else {
    cairo_set_dash(cr, NULL, 0, 0.0);
  }
}

void psr_axes_line(psr_axes *ax, const double *x, const double *y, size_t n, psr_rgb color,
                   double width, int dash)
{
  cairo_t *cr = ax->cv->cr;
  int pen_down = 0;

  cairo_save(cr);
  clip_to_area(ax);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i]) || !isfinite(y[i])) {
      pen_down = 0;
      continue;
    }
    if (pen_down) {
      cairo_line_to(cr, psr_axes_cx(ax, x[i]), psr_axes_cy(ax, y[i]));
    } else {
      cairo_move_to(cr, psr_axes_cx(ax, x[i]), psr_axes_cy(ax, y[i]));
      pen_down = 1;
    }
  }
  set_color(cr, color, 1.0);
  cairo_set_line_width(cr, width);
  set_dash(cr, dash, width);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* Fill the band over the run of finite points [a, b). */
static void band_run(psr_axes *ax, const double *x, const double *lo, const double *hi, size_t a,
                     size_t b)
{
  cairo_t *cr = ax->cv->cr;
  cairo_move_to(cr, psr_axes_cx(ax, x[a]), psr_axes_cy(ax, hi[a]));
  for (size_t i = a + 1; i < b; i++)
    cairo_line_to(cr, psr_axes_cx(ax, x[i]), psr_axes_cy(ax, hi[i]));
  for (size_t i = b; i-- > a;)
    cairo_line_to(cr, psr_axes_cx(ax, x[i]), psr_axes_cy(ax, lo[i]));
  cairo_close_path(cr);
}

void psr_axes_band(psr_axes *ax, const double *x, const double *lo, const double *hi, size_t n,
                   psr_rgb color, double alpha)
{
  cairo_t *cr = ax->cv->cr;
  size_t start = 0;

  cairo_save(cr);
  clip_to_area(ax);
  for (size_t i = 0; i <= n; i++) {
    int ok = i < n && isfinite(x[i]) && isfinite(lo[i]) && isfinite(hi[i]);
    if (ok) continue;
    if (i > start) band_run(ax, x, lo, hi, start, i);
    start = i + 1;
  }
  set_color(cr, color, alpha);
  cairo_fill(cr);
  cairo_restore(cr);
}

void psr_axes_rect(psr_axes *ax, double x0, double x1, double y0, double y1, psr_rgb color,
                   double alpha, int outline)
{
  cairo_t *cr = ax->cv->cr;
  double cx0, cx1, cy0, cy1;

  if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) return;
  cx0 = psr_axes_cx(ax, x0);
  cx1 = psr_axes_cx(ax, x1);
  cy0 = psr_axes_cy(ax, y0);
  cy1 = psr_axes_cy(ax, y1);
  cairo_save(cr);
  clip_to_area(ax);
  cairo_rectangle(cr, cx0, cy1, cx1 - cx0, cy0 - cy1);
  set_color(cr, color, alpha);
  if (outline) {
    cairo_fill_preserve(cr);
    set_color(cr, color, 1.0);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
  cairo_restore(cr);
}

void psr_axes_errorbar(psr_axes *ax, double x, double lo, double hi, double cap, psr_rgb color)
{
  cairo_t *cr = ax->cv->cr;
  double cx, clo, chi;

  if (!isfinite(x) || !isfinite(lo) || !isfinite(hi)) return;
  cx = psr_axes_cx(ax, x);
  clo = psr_axes_cy(ax, lo);
  chi = psr_axes_cy(ax, hi);
  cairo_save(cr);
  clip_to_area(ax);
  set_color(cr, color, 1.0);
  cairo_set_line_width(cr, 1.4);
  cairo_move_to(cr, cx, clo);
  cairo_line_to(cr, cx, chi);
  cairo_move_to(cr, cx - cap / 2.0, clo);
  cairo_line_to(cr, cx + cap / 2.0, clo);
  cairo_move_to(cr, cx - cap / 2.0, chi);
  cairo_line_to(cr, cx + cap / 2.0, chi);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* The marker path centred on canvas point (cx, cy). */
static void marker_path(cairo_t *cr, double cx, double cy, psr_mark shape, double size)
{
  double h = size / 2.0;
  if (shape == PSR_MARK_DIAMOND) {
    h *= 1.25;
    cairo_move_to(cr, cx, cy - h);
    cairo_line_to(cr, cx + h, cy);
    cairo_line_to(cr, cx, cy + h);
    cairo_line_to(cr, cx - h, cy);
    cairo_close_path(cr);
  } else if (shape == PSR_MARK_SQUARE) {
    cairo_rectangle(cr, cx - h, cy - h, size, size);
  } else {
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, h, 0.0, 2.0 * PSR_PI);
  }
}

/* Fill and outline the current path as a marker. */
static void marker_paint(cairo_t *cr, psr_rgb color, int filled)
{
  if (filled) {
    set_color(cr, color, 1.0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  } else {
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_fill_preserve(cr);
    set_color(cr, color, 1.0);
  }
  cairo_set_line_width(cr, filled ? 0.8 : 1.6);
  cairo_stroke(cr);
}

void psr_axes_marker(psr_axes *ax, double x, double y, psr_mark shape, double size, psr_rgb color,
                     int filled)
{
  cairo_t *cr = ax->cv->cr;
  if (!isfinite(x) || !isfinite(y)) return;
  cairo_save(cr);
  clip_to_area(ax);
  marker_path(cr, psr_axes_cx(ax, x), psr_axes_cy(ax, y), shape, size);
  marker_paint(cr, color, filled);
  cairo_restore(cr);
}

void psr_canvas_marker(psr_canvas *cv, double cx, double cy, psr_mark shape, double size,
                       psr_rgb color, int filled)
{
  cairo_save(cv->cr);
  marker_path(cv->cr, cx, cy, shape, size);
  marker_paint(cv->cr, color, filled);
  cairo_restore(cv->cr);
}

void psr_axes_hline(psr_axes *ax, double y, psr_rgb color, int dash, const char *label)
{
  const double x[2] = {ax->x0, ax->x1}, yy[2] = {y, y};
  if (!isfinite(y) || y < ax->y0 || y > ax->y1) return;
  psr_axes_line(ax, x, yy, 2, color, 1.0, dash);
  if (label != NULL) {
    psr_canvas_text(ax->cv, ax->px0 + 4.0, psr_axes_cy(ax, y) - 3.0, label, 10.0, PSR_LEFT,
                    PSR_BOTTOM, color, 0, 0);
  }
}

void psr_axes_vline(psr_axes *ax, double x, psr_rgb color, int dash, const char *label)
{
  const double xx[2] = {x, x}, y[2] = {ax->y0, ax->y1};
  if (!isfinite(x) || x < ax->x0 || x > ax->x1) return;
  psr_axes_line(ax, xx, y, 2, color, 1.2, dash);
  if (label != NULL) {
    psr_canvas_text(ax->cv, psr_axes_cx(ax, x) + 4.0, ax->py0 + 2.0, label, 10.0, PSR_LEFT, PSR_TOP,
                    color, 0, 0);
  }
}

void psr_axes_text(psr_axes *ax, double x, double y, double dx, double dy, const char *text,
                   double size, psr_halign ha, psr_valign va, psr_rgb color)
{
  if (!isfinite(x) || !isfinite(y)) return;
  psr_canvas_text(ax->cv, psr_axes_cx(ax, x) + dx, psr_axes_cy(ax, y) + dy, text, size, ha, va,
                  color, 0, 0);
}

/* Draw the key of one legend entry in the 18 x 10 box at (x, y) (top left). */
static void legend_key(cairo_t *cr, const psr_legend_item *it, double x, double y)
{
  cairo_save(cr);
  switch (it->kind) {
  case PSR_KEY_BOX:
    cairo_rectangle(cr, x + 3.0, y, 12.0, 10.0);
    set_color(cr, it->color, 0.85);
    cairo_fill(cr);
    break;
  case PSR_KEY_BAND:
  case PSR_KEY_LINE:
    if (it->kind == PSR_KEY_BAND) { /* the band, with its mean line on top */
      cairo_rectangle(cr, x, y, 18.0, 10.0);
      set_color(cr, it->color, 0.18);
      cairo_fill(cr);
    }
    cairo_move_to(cr, x, y + 5.0);
    cairo_line_to(cr, x + 18.0, y + 5.0);
    set_color(cr, it->color, 1.0);
    cairo_set_line_width(cr, 2.2);
    cairo_stroke(cr);
    break;
  case PSR_KEY_MARKER:
    marker_path(cr, x + 9.0, y + 5.0, PSR_MARK_DIAMOND, 8.0);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_fill_preserve(cr);
    set_color(cr, it->color, 1.0);
    cairo_set_line_width(cr, 1.6);
    cairo_stroke(cr);
    break;
  }
  cairo_restore(cr);
}

void psr_axes_legend(psr_axes *ax, const psr_legend_item *items, size_t n, psr_legend_pos pos)
{
  cairo_t *cr = ax->cv->cr;
  const double font = 11.0, row = 17.0, pad = 8.0;
  double w = 0.0, h, x, y;

  if (n == 0) return;
  for (size_t i = 0; i < n; i++) {
    double tw = psr_canvas_text_width(ax->cv, items[i].label, font, 0);
    if (tw > w) w = tw;
  }
  w += 2.0 * pad + 24.0;
  h = 2.0 * pad + row * (double)n - 4.0;
  x = pos == PSR_LEGEND_TOP_LEFT ? ax->px0 + 10.0 : ax->px1 - w - 6.0;
  y = pos == PSR_LEGEND_BOTTOM_RIGHT ? ax->py1 - h - 10.0 : ax->py0 + 6.0;
  cairo_save(cr);
  cairo_rectangle(cr, x + 0.5, y + 0.5, w, h);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.88);
  cairo_fill_preserve(cr);
  set_color(cr, PSR_RGB_GRID, 1.0);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);
  cairo_restore(cr);
  for (size_t i = 0; i < n; i++) {
    double ry = y + pad + row * (double)i;
    legend_key(cr, &items[i], x + pad, ry);
    psr_canvas_text(ax->cv, x + pad + 24.0, ry + 5.0, items[i].label, font, PSR_LEFT, PSR_MIDDLE,
                    PSR_RGB_TEXT, 0, 0);
  }
}

double psr_canvas_legend_row(psr_canvas *cv, double top, const psr_legend_item *items, size_t n)
{
  const double font = 12.0, gap = 22.0, row = 20.0, margin = 20.0;
  size_t i = 0;
  double y = top;

  while (i < n) {
    /* Take as many entries as fit on this line, then centre them. */
    size_t j = i;
    double width = 0.0, x;
    while (j < n) {
      double wj = 24.0 + psr_canvas_text_width(cv, items[j].label, font, 0);
      if (j > i && width + gap + wj > cv->width - 2.0 * margin) break;
      width += (j > i ? gap : 0.0) + wj;
      j++;
    }
    x = (cv->width - width) / 2.0;
    for (size_t k = i; k < j; k++) {
      legend_key(cv->cr, &items[k], x, y + 4.0);
      x += 24.0;
      x += psr_canvas_text(cv, x, y + 9.0, items[k].label, font, PSR_LEFT, PSR_MIDDLE, PSR_RGB_TEXT,
                           0, 0);
      x += gap;
    }
    y += row;
    i = j;
  }
  return y - top;
}
