/* src/spec/spec_impl.h
 *
 * Shared by the files of the trial-file reader: trial_spec.c (entry points,
 * top level, population, arms) and trial_endpoints.c (endpoints and
 * observations). Both walk their part of the tree with the helpers of
 * src/io/walk.h; the domains walk their own blocks (regimens:
 * treatments/regimen_walk.h, economics: econ/econ_walk.h). Private to
 * src/spec/.
 */
#ifndef PSR_SPEC_SPEC_IMPL_H
#define PSR_SPEC_SPEC_IMPL_H

#include <psorsim/trial_spec.h>

#include "io/walk.h"

/* Fill spec->endpoints from `endpoints:` and spec->observed from
 * `observed:` (trial_endpoints.c). Arms and weeks must be done. */
int psr_walk_endpoints(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *seq,
                       const char *path);
int psr_walk_observed(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *map,
                      const char *path);

#endif /* PSR_SPEC_SPEC_IMPL_H */
