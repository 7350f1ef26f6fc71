/* src/io/trial_impl.h
 *
 * Shared by the files of the trial-file reader (trial_spec.c: top level and
 * population; trial_endpoints.c: endpoints and observations). Each walks
 * its part of the tree with the helpers of walk.h. Private to src/io/.
 */
#ifndef PSR_IO_TRIAL_IMPL_H
#define PSR_IO_TRIAL_IMPL_H

#include <psorsim/trial_spec.h>

#include "io/walk.h"

/* Fill spec->endpoints from `endpoints:` and spec->observed from
 * `observed:` (trial_endpoints.c). Arms must be done. */
int psr_walk_endpoints(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *seq,
                       const char *path);
int psr_walk_observed(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *map,
                      const char *path);

#endif /* PSR_IO_TRIAL_IMPL_H */
