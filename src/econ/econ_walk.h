/* src/econ/econ_walk.h
 *
 * The walker of a trial file's `economics:` block (docs/trial-format.md,
 * "economics"; docs/economics.md): currency, horizon, discounting, prices
 * (from the file, else the treatment library's own in the block's currency),
 * administration and monitoring costs, adverse-event costs checked against
 * the arms' treatments, the utility mapping, the threshold and the
 * bootstrap size, each with its default. Implemented in econ_spec.c, with
 * the walker's file:line:key messages (src/io/walk.h).
 *
 * An internal interface of src/econ/ (not installed), named without _impl
 * because the trial-file reader (src/spec/), above econ, includes it.
 */
#ifndef PSR_ECON_ECON_WALK_H
#define PSR_ECON_ECON_WALK_H

#include <psorsim/trial_spec.h>

#include "io/walk.h"

/* Fill *ec from the `economics:` block `block` (NULL when the file has
 * none) with every default and one price per distinct library treatment the
 * arms of `spec` use. When there is neither a block nor an economic
 * endpoint, *ec is zeroed (enabled = 0) and nothing else is checked. The
 * arms, endpoints and weeks of `spec` must be filled; strings and arrays go
 * to the walk's arena. PSORSIM_EINPUT, PSORSIM_EUNIT or PSORSIM_ENOMEM with
 * the message in the walk's context. */
int psr_walk_economics(psr_walk *w, const psr_yaml_node *block, const psorsim_trial_spec *spec,
                       psorsim_economics *ec);

#endif /* PSR_ECON_ECON_WALK_H */
