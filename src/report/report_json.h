/* src/report/report_json.h
 *
 * trial.json as a jansson object and the flags it is printed with, for the
 * report writers and their tests. Private to the report: the public report.h
 * offers only the text (psorsim_report_json_text) and the file, so no
 * jansson type reaches an installed header. An internal interface of the
 * report (docs/architecture.md): the command prints its other JSON
 * (calibrate, validate) with the same flags.
 */
#ifndef PSR_REPORT_JSON_H
#define PSR_REPORT_JSON_H

#include <jansson.h>

#include <psorsim/trial.h>

/* The jansson flags trial.json is encoded with: two-space indentation, keys
 * in insertion order, and 12 significant digits, which prints the rounded
 * numbers exactly (4.8, not 4.7999999999999998). */
#define PSR_REPORT_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12))

/* The JSON object of trial.json for `r` (its spec must be set); printed with
 * PSR_REPORT_JSON_FLAGS plus a newline it is psorsim_report_json_text. The
 * caller owns the reference (json_decref). NULL when r or r->spec is NULL
 * or memory runs out. */
json_t *psr_report_json(const psorsim_trial_result *r);

#endif /* PSR_REPORT_JSON_H */
