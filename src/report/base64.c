/* src/report/base64.c
 *
 * Base64 encoding (RFC 4648, standard alphabet, '=' padding, no line
 * breaks) streamed to a FILE, for the PNG data URIs of report.html.
 */
#include <stdio.h>

#include "report/report_impl.h"

void psr_base64_write(FILE *fp, const unsigned char *data, size_t len)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char chunk[4096];
  size_t o = 0;

  for (size_t i = 0; i < len; i += 3) {
    unsigned long v = (unsigned long)data[i] << 16;
    size_t left = len - i;
    if (left > 1) v |= (unsigned long)data[i + 1] << 8;
    if (left > 2) v |= data[i + 2];
    chunk[o++] = alphabet[(v >> 18) & 63];
    chunk[o++] = alphabet[(v >> 12) & 63];
    chunk[o++] = left > 1 ? alphabet[(v >> 6) & 63] : '=';
    chunk[o++] = left > 2 ? alphabet[v & 63] : '=';
    if (o + 4 > sizeof(chunk)) {
      fwrite(chunk, 1, o, fp);
      o = 0;
    }
  }
  if (o > 0) fwrite(chunk, 1, o, fp);
}
