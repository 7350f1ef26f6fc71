/* src/io/outfile.c
 *
 * Atomic output files (temporary file + fsync + rename) and directory
 * creation. See include/psorsim/io.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <psorsim/io.h>

#include "common/context_impl.h"

struct psorsim_outfile {
  psorsim_ctx *ctx; /* borrowed */
  FILE *fp;         /* the temporary file */
  char *path;       /* final path, owned */
  char *tmp;        /* temporary path, owned */
};

int psorsim_io_mkdir_p(psorsim_ctx *ctx, const char *dir)
{
  char buf[4096];
  size_t len;
  struct stat st;

  PSR_CHECK(ctx, dir != NULL && dir[0] != '\0', PSORSIM_EINVAL, "empty directory name");
  len = strlen(dir);
  PSR_CHECK(ctx, len < sizeof(buf), PSORSIM_EIO, "directory name too long: %s", dir);
  memcpy(buf, dir, len + 1);
  for (size_t i = 1; i <= len; i++) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    char saved = buf[i];
    buf[i] = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
      PSR_FAIL(ctx, PSORSIM_EIO, "cannot create directory '%s': %s", buf, strerror(errno));
    }
    buf[i] = saved;
  }
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    PSR_FAIL(ctx, PSORSIM_EIO, "'%s' is not a directory", dir);
  }
  PSR_CHECK(ctx, access(dir, W_OK) == 0, PSORSIM_EIO, "directory '%s' is not writable", dir);
  return PSORSIM_OK;
}

static void outfile_release(psorsim_outfile *f)
{
  psr_free(f->ctx, f->path);
  psr_free(f->ctx, f->tmp);
  psr_free(f->ctx, f);
}

int psorsim_outfile_open(psorsim_ctx *ctx, const char *path, psorsim_outfile **out)
{
  psorsim_outfile *f;
  size_t len;
  int fd;

  PSR_CHECK(ctx, out != NULL && path != NULL && path[0] != '\0', PSORSIM_EINVAL,
            "no output path given");
  *out = NULL;
  len = strlen(path);
  f = psr_calloc(ctx, 1, sizeof(*f));
  if (f == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "opening '%s'", path);
  f->ctx = ctx;
  f->path = psr_malloc(ctx, len + 1);
  f->tmp = psr_malloc(ctx, len + 16);
  if (f->path == NULL || f->tmp == NULL) {
    outfile_release(f);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "opening '%s'", path);
  }
  memcpy(f->path, path, len + 1);
  snprintf(f->tmp, len + 16, "%s.tmp.XXXXXX", path);
  fd = mkstemp(f->tmp);
  if (fd < 0) {
    int err = errno;
    outfile_release(f);
    PSR_FAIL(ctx, PSORSIM_EIO, "cannot write '%s': %s", path, strerror(err));
  }
  fchmod(fd, 0644);
  f->fp = fdopen(fd, "w");
  if (f->fp == NULL) {
    int err = errno;
    close(fd);
    unlink(f->tmp);
    outfile_release(f);
    PSR_FAIL(ctx, PSORSIM_EIO, "cannot write '%s': %s", path, strerror(err));
  }
  *out = f;
  return PSORSIM_OK;
}

FILE *psorsim_outfile_stream(psorsim_outfile *f)
{
  return f == NULL ? NULL : f->fp;
}

int psorsim_outfile_commit(psorsim_outfile **fp)
{
  psorsim_outfile *f;
  psorsim_ctx *ctx;
  int failed;

  if (fp == NULL || *fp == NULL) return PSORSIM_EINVAL;
  f = *fp;
  ctx = f->ctx;
  failed = ferror(f->fp) != 0;
  failed |= fflush(f->fp) != 0;
  failed |= fsync(fileno(f->fp)) != 0;
  failed |= fclose(f->fp) != 0;
  f->fp = NULL;
  if (failed || rename(f->tmp, f->path) != 0) {
    int err = errno;
    unlink(f->tmp);
    *fp = NULL;
    psr_error_set(ctx, PSORSIM_EIO, __FILE__, __LINE__, __func__, "cannot write '%s': %s", f->path,
                  strerror(err));
    outfile_release(f);
    return PSORSIM_EIO;
  }
  outfile_release(f);
  *fp = NULL;
  return PSORSIM_OK;
}

void psorsim_outfile_abort(psorsim_outfile **fp)
{
  psorsim_outfile *f;
  if (fp == NULL || *fp == NULL) return;
  f = *fp;
  if (f->fp != NULL) fclose(f->fp);
  unlink(f->tmp);
  outfile_release(f);
  *fp = NULL;
}
