/* include/psorsim/regimen_file.h
 *
 * A regimen file: one treatment regimen written exactly as a trial arm's
 * `regimen:` list (docs/trial-format.md), for `psorsim simulate --regimen`.
 * The file is either that list at the top level,
 *
 *   - {drug: secukinumab, dose: 300 mg, at_weeks: [0, 1, 2, 3, 4], then_every_weeks: 4}
 *
 * or a mapping with the list under `regimen:` and optionally `name:` (so an
 * arm copied from a trial file is accepted as it is), `note:` and `weeks:`
 * (the length of the run). Entries are read by the same regimen walker as
 * a trial arm's (src/treatments/regimen_walk.c; the reader is
 * src/spec/regimen_file.c), so they accept the same keys, units and
 * schedules and fail with the same one-line "FILE:LINE: KEY.PATH: ..."
 * messages; a message about an entry that does not already name its
 * treatment ends with "(entry: <kind> <name>)".
 */
#ifndef PSORSIM_REGIMEN_FILE_H
#define PSORSIM_REGIMEN_FILE_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A validated regimen file. Every pointer is owned by the spec. */
typedef struct psorsim_regimen_spec {
  const char *source;       /* file name used in messages */
  const char *name;         /* `name:` of the mapping form, or NULL */
  const char *note;         /* `note:` of the mapping form, or NULL */
  psorsim_opt weeks;        /* `weeks:` of the mapping form (> 0, <= 1040), given = 0 if absent */
  psorsim_trial_arm arm;    /* the regimen as one arm; arm.name is `name`, or "regimen" */
  struct psr_arena *arena_; /* private: the memory all of the above lives in */
} psorsim_regimen_spec;

/* Read and check the regimen file at `path`. Returns PSORSIM_OK and a new
 * spec in *out (free it with psorsim_regimen_spec_free), or, with *out set
 * to NULL and the message in ctx: PSORSIM_EIO (cannot read), PSORSIM_EINPUT
 * (malformed YAML, wrong keys, values or names), PSORSIM_EUNIT (a quantity
 * whose unit cannot be converted), PSORSIM_ENOMEM, or PSORSIM_EINVAL (NULL
 * arguments). Doses are not checked against the treatment library here:
 * that is psorsim_regimen_validate (regimen.h) on spec->arm. */
PSORSIM_EXPORT int psorsim_regimen_spec_load(psorsim_ctx *ctx, const char *path,
                                             psorsim_regimen_spec **out);

/* As psorsim_regimen_spec_load, from the NUL-terminated YAML `text`;
 * `name_for_messages` (NULL: "<string>") starts every message and is
 * copied into spec->source. */
PSORSIM_EXPORT int psorsim_regimen_spec_parse_string(psorsim_ctx *ctx, const char *text,
                                                     const char *name_for_messages,
                                                     psorsim_regimen_spec **out);

/* The run length the regimen itself implies, in weeks: `weeks:` when given;
 * otherwise, when the regimen has at least one entry and every entry has
 * `until_week`, the latest until_week; otherwise 0 (no implied end). */
PSORSIM_EXPORT double psorsim_regimen_spec_weeks(const psorsim_regimen_spec *spec);

/* Release a spec and set *spec to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_regimen_spec_free(psorsim_regimen_spec **spec);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_REGIMEN_FILE_H */
