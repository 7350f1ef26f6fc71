/* include/psorsim/report.h
 *
 * Writing a trial's results (trial.h) for people and programs: trial.json
 * (the JSON of docs/trial-format.md plus failures, dropouts, adverse events,
 * solver statistics, weekly time courses and the observed-vs-simulated
 * comparison), patients.csv and baseline.csv (tidy tables), and report.html
 * (one self-contained page whose plots are drawn with cairo and embedded as
 * PNG data URIs; each plot is also written to DIR/plots/NAME.png). The
 * columns, keys and units of every file are described in docs/outputs.md.
 *
 * Determinism: trial.json depends only on the result's numbers (rounded to
 * PSORSIM_REPORT_DECIMALS decimals before encoding) and the spec, never on
 * the thread count or the wall time, so the same seed gives byte-identical
 * files. The thread count and elapsed time appear only in report.html.
 *
 * Atomicity: every file goes through psorsim_outfile_* (io.h): written to a
 * temporary file and renamed into place, so a failure leaves no partial
 * file behind.
 *
 * The report is its own library, libpsorsim_report (pkg-config
 * psorsim-report), so that the core library needs no cairo. No
 * third-party type appears here: trial.json comes as text or as a file.
 *
 * Thread-safety: the functions keep no state; concurrent calls with
 * different contexts (and output paths) are safe.
 */
#ifndef PSORSIM_REPORT_H
#define PSORSIM_REPORT_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/trial.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decimals kept in every non-integer number of trial.json. */
#define PSORSIM_REPORT_DECIMALS 4

/* Size of every plot PNG in pixels (drawn at twice the CSS size for sharp
 * rendering on high-density screens). */
#define PSORSIM_REPORT_PLOT_WIDTH_PX  1800
#define PSORSIM_REPORT_PLOT_HEIGHT_PX 900

/* trial.json's exact text for `r` (its spec must be set), with a final
 * newline: two-space indentation, keys in a fixed order, every number
 * rounded to PSORSIM_REPORT_DECIMALS decimals. The caller releases it with
 * psorsim_free (common.h). NULL when r or r->spec is NULL or memory runs
 * out. */
PSORSIM_EXPORT char *psorsim_report_json_text(const psorsim_trial_result *r);

/* Write trial.json to `path`. PSORSIM_OK, PSORSIM_EINVAL (NULL argument or
 * no spec), PSORSIM_ENOMEM or PSORSIM_EIO (message names the path). */
PSORSIM_EXPORT int psorsim_report_write_json(psorsim_ctx *ctx, const psorsim_trial_result *r,
                                             const char *path);

/* Whether any patient of `r` carries weekly visits (keep_patients was on),
 * i.e. whether there is anything for patients.csv. */
PSORSIM_EXPORT int psorsim_report_has_visits(const psorsim_trial_result *r);

/* Write patients.csv to `path`: one row per arm, patient and visit (header
 * arm,patient,week,pasi,bsa,iga,dlqi,on_study,adverse_events; missing values
 * NA). Patients without visits contribute no rows. Statuses as for
 * psorsim_report_write_json. */
PSORSIM_EXPORT int psorsim_report_write_patients_csv(psorsim_ctx *ctx,
                                                     const psorsim_trial_result *r,
                                                     const char *path);

/* Write baseline.csv to `path`: one row per arm and patient with the
 * covariates, baseline scores, solver failure and dropout (see
 * docs/outputs.md). Statuses as for psorsim_report_write_json. */
PSORSIM_EXPORT int psorsim_report_write_baseline_csv(psorsim_ctx *ctx,
                                                     const psorsim_trial_result *r,
                                                     const char *path);

/* Draw the plots into DIR/plots/ (created if missing) and write the
 * self-contained page DIR/report.html with the same plots embedded. Writes
 * pasi_time.png, endpoints.png, baseline.png and, when the spec has
 * observations, observed.png. PSORSIM_OK, PSORSIM_EINVAL, PSORSIM_ENOMEM,
 * PSORSIM_EIO (a file or directory cannot be written; files already
 * committed by this call are removed again). */
PSORSIM_EXPORT int psorsim_report_write_html(psorsim_ctx *ctx, const psorsim_trial_result *r,
                                             const char *dir);

/* Write everything into `dir` (created with its parents if missing):
 * trial.json, baseline.csv, patients.csv (only when psorsim_report_has_visits),
 * report.html and plots/. On failure the files this call had already
 * written are removed, so the directory holds either the full new set or
 * nothing new (files of an earlier run that this call replaced are gone).
 * Statuses as for psorsim_report_write_html. */
PSORSIM_EXPORT int psorsim_report_write_all(psorsim_ctx *ctx, const psorsim_trial_result *r,
                                            const char *dir);

/* Release the font caches that cairo and fontconfig (not psorsim) keep,
 * process-wide, after drawing the plots' labels, so leak checkers (ASan,
 * valgrind) report nothing at exit. Optional; call it at most once, at the
 * very end of the program, when no thread draws any more. */
PSORSIM_EXPORT void psorsim_report_release_fonts(void);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_REPORT_H */
