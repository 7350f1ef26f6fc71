/* src/treatments/regimen_walk.h
 *
 * The walker of an arm's `regimen:` list (docs/trial-format.md, "Regimen
 * entries"): each entry's kind and treatment name (checked against the
 * names table), dose and route, schedule keys turned into a
 * psorsim_schedule in days, and the kind-specific keys (phototherapy doses,
 * topical strength, cell source and product block), with the walker's
 * file:line:key messages (src/io/walk.h). Implemented in regimen_walk.c.
 *
 * An internal interface of src/treatments/ (not installed), named without
 * _impl because other modules include it: the trial-file and regimen-file
 * readers (src/spec/) walk their regimens through it, so a trial arm and a
 * regimen file accept exactly the same entries with the same messages.
 */
#ifndef PSR_TREATMENTS_REGIMEN_WALK_H
#define PSR_TREATMENTS_REGIMEN_WALK_H

#include <psorsim/trial_spec.h>

#include "io/walk.h"

/* Fill arm->regimen and arm->n_regimen from the sequence `seq` at key path
 * `path` (entries, times and texts in the walk's arena). On failure
 * arm->n_regimen is the index of the entry that failed. PSORSIM_EINPUT,
 * PSORSIM_EUNIT or PSORSIM_ENOMEM with the message in the walk's context. */
int psr_walk_regimen(psr_walk *w, const psr_yaml_node *seq, const char *path,
                     psorsim_trial_arm *arm);

#endif /* PSR_TREATMENTS_REGIMEN_WALK_H */
