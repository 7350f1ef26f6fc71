/* include/psorsim/io.h
 *
 * Writing results to disk. Every file is written atomically: to a temporary
 * file in the same directory, flushed, then renamed over the target, so a
 * reader never sees a half-written file and a failure leaves no partial
 * output behind.
 */
#ifndef PSORSIM_IO_H
#define PSORSIM_IO_H

#include <stdio.h>

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/engine.h>
#include <psorsim/model.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct psorsim_outfile psorsim_outfile; /* opaque; src/io/outfile.c */

/* Create `dir` and its parents if missing (mode 0777 & ~umask).
 * PSORSIM_EIO with a message naming the directory on failure. */
PSORSIM_EXPORT int psorsim_io_mkdir_p(psorsim_ctx *ctx, const char *dir);

/* Open `path` for atomic writing. Returns PSORSIM_OK and the handle in *out;
 * write through psorsim_outfile_stream, then psorsim_outfile_commit (rename
 * into place) or psorsim_outfile_abort (remove the temporary file). Either
 * one frees the handle and sets *out to NULL. */
PSORSIM_EXPORT int psorsim_outfile_open(psorsim_ctx *ctx, const char *path, psorsim_outfile **out);
PSORSIM_EXPORT FILE *psorsim_outfile_stream(psorsim_outfile *f);
PSORSIM_EXPORT int psorsim_outfile_commit(psorsim_outfile **f);
PSORSIM_EXPORT void psorsim_outfile_abort(psorsim_outfile **f);

/* A recorded trajectory: n_out rows of (n_states + n_obs) values as written
 * by psorsim_engine_run, at times t_out (days). All borrowed. */
typedef struct psorsim_trajectory {
  const psorsim_model *model;
  const double *t_out;
  int n_out;
  const double *values;
} psorsim_trajectory;

/* Write a tidy CSV: header `time_days,<state...>,<observable...>`, one row per
 * output time, numbers with 10 significant digits. */
PSORSIM_EXPORT int psorsim_trajectory_write_csv(psorsim_ctx *ctx, const psorsim_trajectory *tr,
                                                const char *path);

/* Write the sidecar JSON describing the CSV's columns (name, unit, kind,
 * description) with the model name, the parameters used and the solver
 * statistics. `params` has model->n_params entries. */
PSORSIM_EXPORT int psorsim_trajectory_write_meta(psorsim_ctx *ctx, const psorsim_trajectory *tr,
                                                 const double *params,
                                                 const psorsim_solver_stats *stats,
                                                 const char *path);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_IO_H */
