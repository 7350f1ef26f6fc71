/* src/report/plot_impl.h
 *
 * A small plotting layer on top of cairo for the report's figures: a canvas
 * (an image surface drawn at a fixed scale, so coordinates are in CSS pixels
 * and the PNG is sharp on high-density screens), axes with "nice" ticks,
 * grid lines and labels, and the marks the report needs: lines, shaded
 * bands, rectangles (bars, histogram bins), error bars, markers, reference
 * lines, text and a legend. Cairo does all the rasterising; nothing here
 * touches pixels.
 *
 * Coordinates: canvas functions take canvas units (CSS pixels, origin top
 * left); psr_axes functions take data coordinates and clip to the plotting
 * area. NaN data points are skipped (lines and bands break there).
 *
 * Strings drawn are sanitised: invalid UTF-8 bytes are replaced by '?', so
 * a bad arm name can never put the cairo context into an error state.
 */
#ifndef PSR_PLOT_IMPL_H
#define PSR_PLOT_IMPL_H

#include <stddef.h>

#include <cairo.h>

#include <psorsim/context.h>

/* A colour, components in [0, 1]. */
typedef struct psr_rgb {
  double r, g, b;
} psr_rgb;

/* Colour number i of the colour-blind-safe palette (Okabe & Ito 2008),
 * cycling after PSR_PALETTE_SIZE. */
#define PSR_PALETTE_SIZE 8
psr_rgb psr_palette(size_t i);

/* Greys used for axes, grid and secondary text. */
#define PSR_RGB_TEXT  ((psr_rgb){0.13, 0.13, 0.13})
#define PSR_RGB_AXIS  ((psr_rgb){0.35, 0.35, 0.35})
#define PSR_RGB_GRID  ((psr_rgb){0.90, 0.90, 0.90})
#define PSR_RGB_MUTED ((psr_rgb){0.45, 0.45, 0.45})

/* A drawing surface. */
typedef struct psr_canvas {
  cairo_surface_t *surface; /* ARGB image, width*scale x height*scale pixels */
  cairo_t *cr;              /* drawing context, scaled so units are CSS pixels */
  double width, height;     /* size in canvas units */
} psr_canvas;

/* Create a white canvas of width x height canvas units drawn at `scale`
 * pixels per unit. Returns PSORSIM_OK or PSORSIM_ENOMEM (message in ctx);
 * on failure the canvas is left empty (safe to destroy). */
int psr_canvas_create(psorsim_ctx *ctx, psr_canvas *cv, double width, double height, double scale);

/* Release the surface and context (accepts a zeroed or destroyed canvas). */
void psr_canvas_destroy(psr_canvas *cv);

/* Encode the canvas as PNG into a new buffer *data of *len bytes (release
 * with psr_free(ctx, *data)). PSORSIM_OK, PSORSIM_ENOMEM or PSORSIM_EIO
 * when cairo fails (its status text in the message). */
int psr_canvas_png(psorsim_ctx *ctx, psr_canvas *cv, unsigned char **data, size_t *len);

/* Encode a cairo ARGB32 image (width x height pixels, `stride` bytes per
 * row) as an RGB PNG into a new buffer *data of *len bytes (release with
 * psr_free); png.c. PSORSIM_OK, PSORSIM_EINVAL or PSORSIM_ENOMEM. */
int psr_png_encode_argb32(psorsim_ctx *ctx, const unsigned char *pixels, int width, int height,
                          int stride, unsigned char **data, size_t *len);

/* Horizontal and vertical text anchors. */
typedef enum { PSR_LEFT, PSR_CENTER, PSR_RIGHT } psr_halign;
typedef enum { PSR_TOP, PSR_MIDDLE, PSR_BASELINE, PSR_BOTTOM } psr_valign;

/* Draw `text` at canvas point (x, y) with the given size (canvas units),
 * anchors, colour, weight (bold 0/1) and rotation (0, or 90 for text read
 * bottom to top). Returns the text's advance width. */
double psr_canvas_text(psr_canvas *cv, double x, double y, const char *text, double size,
                       psr_halign ha, psr_valign va, psr_rgb color, int bold, int rotate90);

/* Width of `text` at `size` (canvas units). */
double psr_canvas_text_width(psr_canvas *cv, const char *text, double size, int bold);

/* One panel: an outer box on the canvas, the plotting area inside it (the
 * margins hold ticks and labels) and the data ranges it maps. */
typedef struct psr_axes {
  psr_canvas *cv;         /* borrowed */
  double px0, py0;        /* plotting area, top left, canvas units */
  double px1, py1;        /* plotting area, bottom right */
  double x0, x1, y0, y1;  /* data range mapped onto it */
  double xstep, ystep;    /* tick spacing (0: chosen automatically) */
  int xcategorical;       /* 1: no numeric x ticks (bar charts) */
  const char *xunit_tick; /* suffix printed after x tick labels, or NULL */
} psr_axes;

/* Lay out a panel in the canvas box (left, top, width, height) with room
 * for a title, tick labels and axis labels, mapping x0..x1 and y0..y1. */
void psr_axes_init(psr_axes *ax, psr_canvas *cv, double left, double top, double width,
                   double height, double x0, double x1, double y0, double y1);

/* Canvas coordinates of data point x (resp. y). */
double psr_axes_cx(const psr_axes *ax, double x);
double psr_axes_cy(const psr_axes *ax, double y);

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about
 * `target` intervals over `span` (> 0). */
double psr_nice_step(double span, int target);

/* A nice upper limit >= v for an axis starting at 0 (e.g. 23.4 -> 25). */
double psr_nice_ceil(double v);

/* Draw the panel frame: grid lines, ticks with labels, axis lines, the
 * panel title (may be NULL) and the axis labels (may be NULL). */
void psr_axes_draw(psr_axes *ax, const char *title, const char *xlabel, const char *ylabel);

/* Label category i of n under the x axis at data x (bar charts). */
void psr_axes_xcat_label(psr_axes *ax, double x, const char *label);

/* A polyline through (x[i], y[i]); NaN points break it. dash: 0 solid, 1
 * dashed, 2 dotted. */
void psr_axes_line(psr_axes *ax, const double *x, const double *y, size_t n, psr_rgb color,
                   double width, int dash);

/* A band filled between lo[i] and hi[i] at x[i] with opacity alpha; a NaN
 * in any of the three breaks it. */
void psr_axes_band(psr_axes *ax, const double *x, const double *lo, const double *hi, size_t n,
                   psr_rgb color, double alpha);

/* A filled rectangle [x0, x1] x [y0, y1] with opacity alpha and, when
 * outline is non-zero, a 1-unit border of the same colour. */
void psr_axes_rect(psr_axes *ax, double x0, double x1, double y0, double y1, psr_rgb color,
                   double alpha, int outline);

/* A vertical error bar from lo to hi at x with caps `cap` canvas units wide. */
void psr_axes_errorbar(psr_axes *ax, double x, double lo, double hi, double cap, psr_rgb color);

/* Marker shapes. */
typedef enum { PSR_MARK_CIRCLE, PSR_MARK_DIAMOND, PSR_MARK_SQUARE } psr_mark;

/* A marker of `size` canvas units at (x, y): filled, or white with a
 * coloured outline when filled is 0. */
void psr_axes_marker(psr_axes *ax, double x, double y, psr_mark shape, double size, psr_rgb color,
                     int filled);

/* The same marker at canvas point (cx, cy) (for keys outside a panel). */
void psr_canvas_marker(psr_canvas *cv, double cx, double cy, psr_mark shape, double size,
                       psr_rgb color, int filled);

/* A horizontal (vertical) reference line at data y (x) across the panel,
 * with an optional small label at its left (top) end. */
void psr_axes_hline(psr_axes *ax, double y, psr_rgb color, int dash, const char *label);
void psr_axes_vline(psr_axes *ax, double x, psr_rgb color, int dash, const char *label);

/* A text label at data point (x, y), offset by (dx, dy) canvas units. */
void psr_axes_text(psr_axes *ax, double x, double y, double dx, double dy, const char *text,
                   double size, psr_halign ha, psr_valign va, psr_rgb color);

/* How a legend entry is drawn. */
typedef enum { PSR_KEY_LINE, PSR_KEY_BOX, PSR_KEY_BAND, PSR_KEY_MARKER } psr_key_kind;

/* One legend entry. */
typedef struct psr_legend_item {
  const char *label; /* text (borrowed) */
  psr_rgb color;     /* its colour */
  psr_key_kind kind; /* its key */
} psr_legend_item;

/* Legend placement inside the plotting area. */
typedef enum { PSR_LEGEND_TOP_LEFT, PSR_LEGEND_TOP_RIGHT, PSR_LEGEND_BOTTOM_RIGHT } psr_legend_pos;

/* Draw a boxed legend in a corner of the plotting area. */
void psr_axes_legend(psr_axes *ax, const psr_legend_item *items, size_t n, psr_legend_pos pos);

/* A legend laid out in one row (wrapping when needed) across the canvas
 * at the given top y, centred; returns the height used. */
double psr_canvas_legend_row(psr_canvas *cv, double top, const psr_legend_item *items, size_t n);

#endif /* PSR_PLOT_IMPL_H */
