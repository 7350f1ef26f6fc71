/* src/report/report.c
 *
 * The public entry points of report.h: each writes one or more output files
 * through psorsim_outfile (temporary file, then rename). Several files are
 * written as a batch: every file is written to its temporary name first and
 * only when all of them are complete are they renamed into place, so a
 * failure half-way (disk full, unwritable directory) leaves no partial
 * file and, as far as the file system allows, no partial set.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include <psorsim/io.h>
#include <psorsim/report.h>

#include "common/context_impl.h"
#include "report/report_impl.h"

#define PSR_PATH_MAX  4096
#define PSR_BATCH_MAX (4 + PSR_REPORT_MAX_PLOTS) /* json, 2 csv, html, plots */

/* Files being written together. */
typedef struct batch {
  psorsim_ctx *ctx;                       /* borrowed */
  psorsim_outfile *file[PSR_BATCH_MAX];   /* open temporary files */
  char path[PSR_BATCH_MAX][PSR_PATH_MAX]; /* their final paths */
  size_t n;                               /* files opened */
  int rc;                                 /* first failure, PSORSIM_OK if none */
} batch;

/* dir/name into buf; PSORSIM_EIO when it does not fit. */
static int join(psorsim_ctx *ctx, char *buf, const char *dir, const char *name)
{
  int len = snprintf(buf, PSR_PATH_MAX, "%s/%s", dir, name);
  PSR_CHECK(ctx, len > 0 && len < PSR_PATH_MAX, PSORSIM_EIO, "output path too long: %s/%s", dir,
            name);
  return PSORSIM_OK;
}

/* Open dir/name as the next file of the batch; NULL after any failure. */
static FILE *batch_open(batch *b, const char *dir, const char *name)
{
  if (b->rc != PSORSIM_OK) return NULL;
  if (b->n == PSR_BATCH_MAX) {
    b->rc = psr_error_set(b->ctx, PSORSIM_EINVAL, __FILE__, __LINE__, __func__,
                          "too many report files");
    return NULL;
  }
  b->rc = join(b->ctx, b->path[b->n], dir, name);
  if (b->rc == PSORSIM_OK) b->rc = psorsim_outfile_open(b->ctx, b->path[b->n], &b->file[b->n]);
  if (b->rc != PSORSIM_OK) return NULL;
  return psorsim_outfile_stream(b->file[b->n++]);
}

/* Commit every file, or none: on the first failure the others are aborted
 * and the ones already renamed are removed again. */
static int batch_finish(batch *b)
{
  size_t done = 0;
  for (; b->rc == PSORSIM_OK && done < b->n; done++) {
    b->rc = psorsim_outfile_commit(&b->file[done]);
    if (b->rc != PSORSIM_OK) break;
  }
  for (size_t i = 0; i < b->n; i++)
    psorsim_outfile_abort(&b->file[i]); /* no-op for committed ones */
  if (b->rc != PSORSIM_OK) {
    for (size_t i = 0; i < done; i++)
      unlink(b->path[i]);
  }
  return b->rc;
}

/* The checks every entry point makes on its arguments. */
static int check_result(psorsim_ctx *ctx, const psorsim_trial_result *r, const char *where)
{
  PSR_CHECK(ctx, r != NULL && r->spec != NULL, PSORSIM_EINVAL, "%s: no trial result to write",
            where);
  PSR_CHECK(ctx, r->n_arms == 0 || r->arms != NULL, PSORSIM_EINVAL, "%s: result without arms",
            where);
  PSR_CHECK(ctx, r->spec->n_endpoints == 0 || r->spec->endpoints != NULL, PSORSIM_EINVAL,
            "%s: spec without endpoints", where);
  PSR_CHECK(ctx, r->spec->n_observed == 0 || r->spec->observed != NULL, PSORSIM_EINVAL,
            "%s: spec without its observations", where);
  return PSORSIM_OK;
}

int psorsim_report_has_visits(const psorsim_trial_result *r)
{
  if (r == NULL || r->arms == NULL) return 0;
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    if (a->n_visits > 0 && a->n_patients > 0 && a->visits != NULL) return 1;
  }
  return 0;
}

/* Write one file whose content comes from `emit`. */
static int write_one(psorsim_ctx *ctx, const char *path,
                     int (*emit)(FILE *, const psorsim_trial_result *),
                     const psorsim_trial_result *r)
{
  psorsim_outfile *f = NULL;
  PSR_TRY(psorsim_outfile_open(ctx, path, &f));
  if (emit(psorsim_outfile_stream(f), r) != PSORSIM_OK) {
    psorsim_outfile_abort(&f);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: reading the patient records back", path);
  }
  return psorsim_outfile_commit(&f);
}

int psorsim_report_write_json(psorsim_ctx *ctx, const psorsim_trial_result *r, const char *path)
{
  psorsim_outfile *f = NULL;
  char *text;
  int rc;

  PSR_TRY(check_result(ctx, r, "trial.json"));
  PSR_CHECK(ctx, path != NULL, PSORSIM_EINVAL, "trial.json: no output path");
  text = psorsim_report_json_text(r);
  if (text == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "encoding %s", path);
  rc = psorsim_outfile_open(ctx, path, &f);
  if (rc == PSORSIM_OK) {
    fputs(text, psorsim_outfile_stream(f));
    rc = psorsim_outfile_commit(&f);
  }
  psorsim_free(text);
  return rc;
}

int psorsim_report_write_patients_csv(psorsim_ctx *ctx, const psorsim_trial_result *r,
                                      const char *path)
{
  PSR_TRY(check_result(ctx, r, "patients.csv"));
  PSR_CHECK(ctx, path != NULL, PSORSIM_EINVAL, "patients.csv: no output path");
  return write_one(ctx, path, psr_report_emit_patients_csv, r);
}

int psorsim_report_write_baseline_csv(psorsim_ctx *ctx, const psorsim_trial_result *r,
                                      const char *path)
{
  PSR_TRY(check_result(ctx, r, "baseline.csv"));
  PSR_CHECK(ctx, path != NULL, PSORSIM_EINVAL, "baseline.csv: no output path");
  return write_one(ctx, path, psr_report_emit_baseline_csv, r);
}

/* Create dir and dir/plots. */
static int make_dirs(psorsim_ctx *ctx, const char *dir)
{
  char plots[PSR_PATH_MAX];
  PSR_TRY(psorsim_io_mkdir_p(ctx, dir));
  PSR_TRY(join(ctx, plots, dir, "plots"));
  return psorsim_io_mkdir_p(ctx, plots);
}

/* Add the plot PNGs and report.html to the batch. */
static void add_html(batch *b, const char *dir, const psorsim_trial_result *r,
                     const psr_plot_png *plots, size_t n)
{
  FILE *fp;
  for (size_t i = 0; i < n; i++) {
    char name[64];
    snprintf(name, sizeof(name), "plots/%s.png", plots[i].name);
    fp = batch_open(b, dir, name);
    if (fp != NULL) fwrite(plots[i].data, 1, plots[i].len, fp);
  }
  fp = batch_open(b, dir, "report.html");
  if (fp != NULL) psr_report_emit_html(fp, r, plots, n);
}

/* Write the files of the report into dir: everything (all = 1) or only
 * the page and its plots. */
static int write_report(psorsim_ctx *ctx, const psorsim_trial_result *r, const char *dir, int all)
{
  psr_plot_png plots[PSR_REPORT_MAX_PLOTS];
  size_t n = 0;
  char *json = NULL;
  batch *b;
  FILE *fp;
  int rc;

  PSR_TRY(check_result(ctx, r, all ? "report" : "report.html"));
  PSR_CHECK(ctx, dir != NULL && dir[0] != '\0', PSORSIM_EINVAL, "no output directory");
  PSR_TRY(make_dirs(ctx, dir));
  b = psr_calloc(ctx, 1, sizeof(*b));
  if (b == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "writing the report");
  b->ctx = ctx;
  b->rc = psr_report_render_plots(ctx, r, plots, &n);
  if (b->rc == PSORSIM_OK && all) {
    json = psorsim_report_json_text(r);
    if (json == NULL) {
      b->rc =
          psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "encoding trial.json");
    }
    fp = batch_open(b, dir, "trial.json");
    if (fp != NULL) fputs(json, fp);
    fp = batch_open(b, dir, "baseline.csv");
    if (fp != NULL && psr_report_emit_baseline_csv(fp, r) != PSORSIM_OK && b->rc == PSORSIM_OK) {
      b->rc = psr_error_set(ctx, PSORSIM_EIO, __FILE__, __LINE__, __func__,
                            "baseline.csv: reading the patient records back");
    }
    if (psorsim_report_has_visits(r)) {
      fp = batch_open(b, dir, "patients.csv");
      if (fp != NULL) psr_report_emit_patients_csv(fp, r);
    }
  }
  add_html(b, dir, r, plots, n);
  rc = batch_finish(b);
  psr_report_free_plots(ctx, plots, n);
  psorsim_free(json);
  psr_free(ctx, b);
  return rc;
}

int psorsim_report_write_html(psorsim_ctx *ctx, const psorsim_trial_result *r, const char *dir)
{
  return write_report(ctx, r, dir, 0);
}

int psorsim_report_write_all(psorsim_ctx *ctx, const psorsim_trial_result *r, const char *dir)
{
  return write_report(ctx, r, dir, 1);
}

void psorsim_report_release_fonts(void)
{
  void *self;
  void (*fc_fini)(void) = NULL;

  cairo_debug_reset_static_data();
  /* fontconfig is cairo's dependency, not ours: find FcFini at run time
   * rather than link fontconfig. */
  self = dlopen(NULL, RTLD_LAZY);
  if (self == NULL) return;
  *(void **)&fc_fini = dlsym(self, "FcFini");
  if (fc_fini != NULL) fc_fini();
  dlclose(self);
}
