/* include/psorsim/error.h
 *
 * Status codes. Every public function that can fail returns an int that is
 * one of these (0 means success); the detailed message for the last failure
 * is kept in the context (see context.h). One list generates both the enum
 * and the fixed texts.
 */
#ifndef PSORSIM_ERROR_H
#define PSORSIM_ERROR_H

#include <psorsim/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PSORSIM_STATUS_LIST(X)                                                                     \
  X(PSORSIM_OK, "success")                                                                         \
  X(PSORSIM_ENOMEM, "out of memory")                                                               \
  X(PSORSIM_EINVAL, "invalid argument")                                                            \
  X(PSORSIM_EINPUT, "invalid input")                                                               \
  X(PSORSIM_EUNIT, "unit cannot be converted")                                                     \
  X(PSORSIM_ESOLVER, "ODE solver failed")                                                          \
  X(PSORSIM_EIO, "input/output error")                                                             \
  X(PSORSIM_ENOTFOUND, "not found")                                                                \
  X(PSORSIM_EMODEL, "model function failed")

typedef enum {
#define PSORSIM_AS_ENUM(name, text) name,
  PSORSIM_STATUS_LIST(PSORSIM_AS_ENUM)
#undef PSORSIM_AS_ENUM
      PSORSIM_STATUS_COUNT
} psorsim_status;

/* Fixed English text for a status; never NULL ("unknown status" when out of range). */
PSORSIM_EXPORT const char *psorsim_strerror(int status);

/* Name of the status constant, e.g. "PSORSIM_ESOLVER"; never NULL. */
PSORSIM_EXPORT const char *psorsim_status_name(int status);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_ERROR_H */
