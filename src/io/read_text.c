/* src/io/read_text.c
 *
 * Read a whole input text file (a trial, a regimen, a product description)
 * into memory, with the errors every reader reports the same way: the file
 * cannot be opened or read (PSORSIM_EIO), is larger than the reader accepts
 * (PSORSIM_EIO) or is not text (PSORSIM_EINPUT).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/context_impl.h"
#include "io/read_text.h"

int psr_read_text_file(psorsim_ctx *ctx, const char *path, long max_bytes, const char *what,
                       char **out)
{
  FILE *fp;
  char *buf;
  long size;
  size_t got;

  PSR_CHECK(ctx, out != NULL && path != NULL, PSORSIM_EINVAL, "%s: NULL argument", what);
  *out = NULL;
  fp = fopen(path, "rb");
  if (fp == NULL) PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot open: %s", path, strerror(errno));
  if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
    int e = errno;
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot read: %s", path, strerror(e));
  }
  if (size > max_bytes) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: file too large for a %s file (%ld bytes, at most %ld)", path,
             what, size, max_bytes);
  }
  buf = psr_malloc(ctx, (size_t)size + 1);
  if (buf == NULL) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", path);
  }
  got = fread(buf, 1, (size_t)size, fp);
  if (got != (size_t)size || ferror(fp)) {
    fclose(fp);
    psr_free(ctx, buf);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: read error", path);
  }
  fclose(fp);
  buf[got] = '\0';
  if (memchr(buf, '\0', got) != NULL) {
    psr_free(ctx, buf);
    PSR_FAIL(ctx, PSORSIM_EINPUT, "%s: not a text file (contains NUL bytes)", path);
  }
  *out = buf;
  return PSORSIM_OK;
}
