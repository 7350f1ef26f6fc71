/* src/io/trial_impl.h
 *
 * Shared by the files of the trial-file reader (trial_spec.c: top level and
 * population; trial_endpoints.c: endpoints and observations;
 * trial_economics.c: the economics block). Each walks its part of the tree
 * with the helpers of walk.h. Private to src/io/.
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

/* Fill *ec from the `economics:` block (NULL when absent) with every default
 * and one price per treatment the arms of `spec` use; a no-op when there is
 * neither a block nor an economic endpoint (trial_economics.c). Arms and
 * endpoints must be done. */
int psr_walk_economics(psr_walk *w, const psr_yaml_node *block, const psorsim_trial_spec *spec,
                       psorsim_economics *ec);

#endif /* PSR_IO_TRIAL_IMPL_H */
