/* tests/report/test_report_png.c
 *
 * The report's PNG encoder (src/report/png.c): a canvas with lines, a band,
 * text and a translucent rectangle encodes to a PNG that cairo decodes back
 * to exactly the canvas's pixels (the canvas is opaque, so RGB is lossless);
 * a 3x2 image with known premultiplied pixels, including alpha 0 and 128,
 * decodes to the un-premultiplied colours cairo's own writer would give;
 * and a bad size is refused.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include <psorsim/report.h>

#include "psr_test.h"
#include "common/context_impl.h"
#include "report/plot_impl.h"

typedef struct reader {
  const unsigned char *data;
  size_t len, pos;
} reader;

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int n)
{
  reader *r = closure;
  if (r->pos + n > r->len) return CAIRO_STATUS_READ_ERROR;
  memcpy(out, r->data + r->pos, n);
  r->pos += n;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const unsigned char *data, size_t len)
{
  reader r = {data, len, 0};
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  assert_int_equal(r.pos, len); /* cairo read every byte: IEND is last */
  return s;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
  const unsigned char *row =
      cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s);
  return ((const uint32_t *)row)[x];
}

static void test_png_canvas_round_trip_is_exact(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psr_canvas cv;
  psr_axes ax;
  unsigned char *png = NULL;
  size_t len = 0;
  const double xs[] = {0, 1.5, 3, 4.5, 6}, ys[] = {2, 9.5, 4, 7.25, 1};
  const double lo[] = {1, 7, 3, 5, 0.5}, hi[] = {3, 11, 6, 9, 2};
  cairo_surface_t *back;
  int w, h, diff = 0;

  assert_int_equal(psr_canvas_create(ctx, &cv, 233, 117, 2.0), PSORSIM_OK);
  psr_axes_init(&ax, &cv, 0, 0, 233, 117, 0, 6, 0, 12);
  psr_axes_draw(&ax, "a test panel", "week", "PASI");
  psr_axes_band(&ax, xs, lo, hi, 5, psr_palette(1), 0.3);
  psr_axes_line(&ax, xs, ys, 5, psr_palette(0), 1.7, 0);
  cairo_set_source_rgba(cv.cr, 0.8, 0.1, 0.3, 0.45);
  cairo_rectangle(cv.cr, 30.25, 20.5, 61.3, 33.9);
  cairo_fill(cv.cr);
  assert_int_equal(psr_canvas_png(ctx, &cv, &png, &len), PSORSIM_OK);
  assert_true(len > 8);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);

  back = decode(png, len);
  w = cairo_image_surface_get_width(cv.surface);
  h = cairo_image_surface_get_height(cv.surface);
  assert_int_equal(cairo_image_surface_get_width(back), w);
  assert_int_equal(cairo_image_surface_get_height(back), h);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++)
      diff += pixel(back, x, y) != pixel(cv.surface, x, y);
  }
  assert_int_equal(diff, 0);
  cairo_surface_destroy(back);
  psr_free(ctx, png);
  psr_canvas_destroy(&cv);
  psorsim_ctx_free(&ctx);
}

static void test_png_unpremultiplies_alpha(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  /* ARGB32 words, premultiplied: opaque red; alpha 128 with green 64, straight
   * (64 * 255 + 64) / 128 = 128 (cairo's rounding); transparent (black); opaque
   * grey; opaque white; alpha 128 with blue 100, straight (25500 + 64) / 128 = 199. */
  const uint32_t px[6] = {0xffff0000u, 0x80004000u, 0x00000000u,
                          0xff808080u, 0xffffffffu, 0x80000064u};
  const uint32_t want[6] = {0xffff0000u, 0xff008000u, 0xff000000u,
                            0xff808080u, 0xffffffffu, 0xff0000c7u};
  unsigned char *png = NULL;
  size_t len = 0;
  cairo_surface_t *back;

  assert_int_equal(psr_png_encode_argb32(ctx, (const unsigned char *)px, 3, 2, 12, &png, &len),
                   PSORSIM_OK);
  back = decode(png, len);
  assert_int_equal(cairo_image_surface_get_width(back), 3);
  assert_int_equal(cairo_image_surface_get_height(back), 2);
  for (int i = 0; i < 6; i++)
    assert_int_equal(pixel(back, i % 3, i / 3), want[i]);
  cairo_surface_destroy(back);
  psr_free(ctx, png);

  assert_int_equal(psr_png_encode_argb32(ctx, (const unsigned char *)px, 3, 2, 8, &png, &len),
                   PSORSIM_EINVAL);
  assert_null(png);
  assert_int_equal(psr_png_encode_argb32(ctx, (const unsigned char *)px, 0, 2, 12, &png, &len),
                   PSORSIM_EINVAL);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_png_canvas_round_trip_is_exact),
      cmocka_unit_test(test_png_unpremultiplies_alpha),
  };
  const int failed = cmocka_run_group_tests(tests, NULL, NULL);
  psorsim_report_release_fonts(); /* so leak checkers see only psorsim's memory */
  return failed;
}
