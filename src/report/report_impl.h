/* src/report/report_impl.h
 *
 * Private interface between the report writers (src/report/): the emitters
 * that print one file's content on a stream (JSON, the two CSV tables, the
 * HTML page), the plots rendered to PNG bytes in memory, and the small
 * helpers they share (endpoint labels, rounding, names). The public entry
 * points in report.c open the atomic output files and call these.
 */
#ifndef PSR_REPORT_IMPL_H
#define PSR_REPORT_IMPL_H

#include <stdio.h>

#include <psorsim/report.h>

/* Most plots a report has (pasi_time, endpoints, baseline, observed,
 * ce_plane, cost_per_responder). */
#define PSR_REPORT_MAX_PLOTS 6

/* One rendered plot. */
typedef struct psr_plot_png {
  const char *name;    /* file stem, e.g. "pasi_time" (static string) */
  const char *title;   /* heading in the page (static string) */
  const char *caption; /* what it shows (static string) */
  unsigned char *data; /* PNG bytes (owned; psr_free) */
  size_t len;          /* number of bytes */
} psr_plot_png;

/* Render every plot of `r` into out[0..*n) (at most PSR_REPORT_MAX_PLOTS).
 * PSORSIM_OK, PSORSIM_ENOMEM or PSORSIM_EIO (cairo failed); on failure
 * nothing is left allocated and *n is 0. */
int psr_report_render_plots(psorsim_ctx *ctx, const psorsim_trial_result *r, psr_plot_png *out,
                            size_t *n);

/* Release the PNG buffers of out[0..n). */
void psr_report_free_plots(psorsim_ctx *ctx, psr_plot_png *out, size_t n);

/* Print patients.csv / baseline.csv on fp: PSORSIM_OK, or PSORSIM_EIO when
 * the streamed patient records cannot be read back (psorsim_arm_records). */
int psr_report_emit_patients_csv(FILE *fp, const psorsim_trial_result *r);
int psr_report_emit_baseline_csv(FILE *fp, const psorsim_trial_result *r);

/* Print report.html on fp with the n plots embedded. */
void psr_report_emit_html(FILE *fp, const psorsim_trial_result *r, const psr_plot_png *plots,
                          size_t n);

/* Base64 (RFC 4648, no line breaks) of data[0..len) printed on fp. */
void psr_base64_write(FILE *fp, const unsigned char *data, size_t len);

/* The arm's display name: the result's, else the spec's, else "arm N". */
const char *psr_report_arm_name(const psorsim_trial_result *r, size_t arm, char *buf, size_t size);

/* A human label for an endpoint, e.g. "PASI 75, week 12". */
void psr_report_endpoint_label(const psorsim_endpoint *e, char *buf, size_t size);

/* 1 when the endpoint is in percent (everything but relapse weeks). */
int psr_report_endpoint_is_percent(const psorsim_endpoint *e);

/* The simulated estimate an observation compares with, or NULL when the
 * endpoint is not among the spec's endpoints or the arm is out of range. */
const psorsim_estimate *psr_report_observed_estimate(const psorsim_trial_result *r,
                                                     const psorsim_observation *o);

/* v rounded to PSORSIM_REPORT_DECIMALS decimals (NaN and infinities kept). */
double psr_report_round(double v);

#endif /* PSR_REPORT_IMPL_H */
