/* src/report/png.c
 *
 * A PNG encoder for the report's plots: 8-bit RGB, every row with the "Up"
 * filter, deflated by zlib at level 4 one row at a time. Cairo's own writer
 * lets libpng try all five filters on every row, which made the three
 * 1800x900 plots of a trial cost as much as simulating ~70 patients
 * (docs/performance.md); plots are mostly flat colour and vertical repeats,
 * for which "Up" alone compresses within ~6 % of that. The pixels come
 * from a cairo ARGB32 image (premultiplied, native-endian 32-bit words);
 * the canvas is painted white first, so alpha is 255 everywhere, but other
 * values are un-premultiplied as cairo does.
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "common/context_impl.h"
#include "report/plot_impl.h"

#define PNG_LEVEL 4 /* as small as level 6 on these plots (within 2 %), a little faster */

typedef struct png_buf {
  psorsim_ctx *ctx;
  unsigned char *data;
  size_t len, cap;
} png_buf;

static int buf_reserve(png_buf *b, size_t extra)
{
  unsigned char *grown;
  size_t cap = b->cap == 0 ? 65536 : b->cap;
  if (b->len + extra <= b->cap) return 0;
  while (cap < b->len + extra)
    cap *= 2;
  grown = psr_malloc(b->ctx, cap);
  if (grown == NULL) return -1;
  if (b->len > 0) memcpy(grown, b->data, b->len);
  psr_free(b->ctx, b->data);
  b->data = grown;
  b->cap = cap;
  return 0;
}

static void put_u32(unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* Append a whole chunk (length, type, body, CRC). */
static int put_chunk(png_buf *b, const char *type, const unsigned char *body, size_t n)
{
  uLong crc;
  if (buf_reserve(b, n + 12) != 0) return -1;
  put_u32(b->data + b->len, (uint32_t)n);
  memcpy(b->data + b->len + 4, type, 4);
  if (n > 0) memcpy(b->data + b->len + 8, body, n);
  crc = crc32(0L, b->data + b->len + 4, (uInt)(n + 4));
  put_u32(b->data + b->len + 8 + n, (uint32_t)crc);
  b->len += n + 12;
  return 0;
}

/* One row of ARGB32 words as RGB bytes. */
static void row_rgb(const uint32_t *px, int width, unsigned char *rgb)
{
  uint32_t all = 0xffffffffu;
  for (int x = 0; x < width; x++)
    all &= px[x];
  if ((all >> 24) == 0xffu) { /* opaque (the canvas is painted white first): no division */
    for (int x = 0; x < width; x++) {
      rgb[3 * x] = (unsigned char)(px[x] >> 16);
      rgb[3 * x + 1] = (unsigned char)(px[x] >> 8);
      rgb[3 * x + 2] = (unsigned char)px[x];
    }
    return;
  }
  for (int x = 0; x < width; x++) {
    const uint32_t p = px[x];
    const unsigned a = p >> 24;
    unsigned r = (p >> 16) & 0xffu, g = (p >> 8) & 0xffu, bl = p & 0xffu;
    if (a == 0) {
      r = g = bl = 0;
    } else if (a != 255) {
      r = (r * 255 + a / 2) / a;
      g = (g * 255 + a / 2) / a;
      bl = (bl * 255 + a / 2) / a;
    }
    rgb[3 * x] = (unsigned char)r;
    rgb[3 * x + 1] = (unsigned char)g;
    rgb[3 * x + 2] = (unsigned char)bl;
  }
}

/* Deflate `in` (n bytes) into the IDAT body growing at b->data + body0. */
static int deflate_into(png_buf *b, z_stream *zs, const unsigned char *in, size_t n, int flush)
{
  int zrc;
  zs->next_in = (Bytef *)in;
  zs->avail_in = (uInt)n;
  do {
    if (buf_reserve(b, 32768) != 0) return -1;
    zs->next_out = b->data + b->len;
    zs->avail_out = (uInt)(b->cap - b->len);
    zrc = deflate(zs, flush);
    if (zrc == Z_STREAM_ERROR) return -1;
    b->len = b->cap - zs->avail_out;
  } while (zs->avail_out == 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
  return 0;
}

int psr_png_encode_argb32(psorsim_ctx *ctx, const unsigned char *pixels, int width, int height,
                          int stride, unsigned char **data, size_t *len)
{
  static const unsigned char signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
  png_buf b = {ctx, NULL, 0, 0};
  unsigned char ihdr[13], *rows = NULL;
  const size_t rowlen = (size_t)width * 3 + 1;
  size_t idat0;
  z_stream zs;
  int ok = 0;

  *data = NULL;
  *len = 0;
  PSR_CHECK(ctx, width > 0 && height > 0 && stride >= 4 * width, PSORSIM_EINVAL,
            "cannot encode a %dx%d image", width, height);
  memset(&zs, 0, sizeof(zs));
  if (deflateInit(&zs, PNG_LEVEL) != Z_OK) PSR_FAIL(ctx, PSORSIM_ENOMEM, "starting zlib");
  rows = psr_malloc(ctx, 3 * rowlen); /* this row's RGB, the previous row's, the filtered row */
  if (rows == NULL || buf_reserve(&b, 8) != 0) goto done;
  memcpy(b.data, signature, 8);
  b.len = 8;
  put_u32(ihdr, (uint32_t)width);
  put_u32(ihdr + 4, (uint32_t)height);
  ihdr[8] = 8;  /* bits per sample */
  ihdr[9] = 2;  /* RGB */
  ihdr[10] = 0; /* deflate */
  ihdr[11] = 0; /* adaptive filtering (each row says its filter) */
  ihdr[12] = 0; /* no interlace */
  if (put_chunk(&b, "IHDR", ihdr, sizeof(ihdr)) != 0) goto done;

  /* IDAT: reserve its header, deflate the rows after it, then fill in length and CRC. */
  if (buf_reserve(&b, 8) != 0) goto done;
  idat0 = b.len;
  memcpy(b.data + idat0 + 4, "IDAT", 4);
  b.len += 8;
  memset(rows + rowlen, 0, rowlen); /* the row above the first is zero */
  for (int y = 0; y < height; y++) {
    unsigned char *cur = rows + (size_t)(y % 2) * rowlen,
                  *prev = rows + (size_t)(1 - y % 2) * rowlen;
    unsigned char *out = rows + 2 * rowlen;
    row_rgb((const uint32_t *)(pixels + (size_t)y * (size_t)stride), width, cur + 1);
    out[0] = 2; /* Up */
    for (size_t i = 1; i < rowlen; i++)
      out[i] = (unsigned char)(cur[i] - prev[i]);
    if (deflate_into(&b, &zs, out, rowlen, y == height - 1 ? Z_FINISH : Z_NO_FLUSH) != 0) goto done;
  }
  {
    const size_t n = b.len - idat0 - 8;
    uLong crc;
    put_u32(b.data + idat0, (uint32_t)n);
    crc = crc32(0L, b.data + idat0 + 4, (uInt)(n + 4));
    if (buf_reserve(&b, 4) != 0) goto done;
    put_u32(b.data + b.len, (uint32_t)crc);
    b.len += 4;
  }
  if (put_chunk(&b, "IEND", NULL, 0) != 0) goto done;
  ok = 1;

done:
  deflateEnd(&zs);
  psr_free(ctx, rows);
  if (!ok) {
    psr_free(ctx, b.data);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "encoding a plot as PNG");
  }
  *data = b.data;
  *len = b.len;
  return PSORSIM_OK;
}
