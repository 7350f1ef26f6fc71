/* include/psorsim/common.h
 *
 * Basic definitions shared by every psorsim header: the export macro, the
 * version, psorsim_free for memory the library hands out, and the record
 * that describes one named quantity (a state, a parameter or an observable)
 * with its unit and source.
 */
#ifndef PSORSIM_COMMON_H
#define PSORSIM_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define PSORSIM_EXPORT __attribute__((visibility("default")))
#else
#define PSORSIM_EXPORT
#endif

#define PSORSIM_VERSION_MAJOR  0
#define PSORSIM_VERSION_MINOR  1
#define PSORSIM_VERSION_PATCH  0
#define PSORSIM_VERSION_STRING "0.1.0"

/* Version of the library the program is linked against, e.g. "0.1.0". */
PSORSIM_EXPORT const char *psorsim_version(void);

/* Release memory the library handed to the caller where a function says so
 * (e.g. psorsim_report_json_text). Use it rather than free(): the library
 * may be built with another allocator than the program. Accepts NULL.
 * Objects with their own *_free function are released with that. */
PSORSIM_EXPORT void psorsim_free(void *ptr);

/* One named model quantity. Models describe their states, parameters and
 * observables with static tables of these; nothing here is owned by the
 * engine. */
typedef struct psorsim_var {
  const char *name;        /* identifier, e.g. "central_mg"; unique within its table */
  const char *unit;        /* canonical unit, e.g. "mg", "1/day", "1" for dimensionless */
  double value;            /* default value (initial value for a state) in `unit` */
  const char *description; /* one line for humans, may be NULL */
  const char *source;      /* citation or "calibrated: <data>", may be NULL */
} psorsim_var;

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_COMMON_H */
