/* src/io/trial_impl.h
 *
 * Shared by the files that walk a parsed YAML tree into a psorsim_trial_spec
 * (trial_spec.c: top level and population; trial_regimen.c: regimen
 * entries; trial_endpoints.c: endpoints and observations) and their helpers
 * in trial_walk.c. Every helper reports problems as
 *   FILE:LINE: KEY.PATH: what was wrong
 * through psr_walk_fail, and returns the status. Private to src/io/.
 */
#ifndef PSR_TRIAL_IMPL_H
#define PSR_TRIAL_IMPL_H

#include <stddef.h>

#include <psorsim/trial_spec.h>

#include "io/arena_impl.h"
#include "io/yaml_impl.h"

/* Room for a key path such as arms[3].regimen[12].product.viability. */
#define PSR_PATH_MAX 512

/* The walk in progress. */
typedef struct psr_walk {
  psorsim_ctx *ctx;         /* where messages go */
  const char *file;         /* file name for messages */
  psorsim_trial_spec *spec; /* being filled */
  psr_arena *arena;         /* the spec's arena: everything kept goes here */
} psr_walk;

/* Record "FILE:LINE: PATH: message" (LINE from `at`, or 1 when at is NULL)
 * and return status. */
int psr_walk_fail(psr_walk *w, const psr_yaml_node *at, const char *path, int status,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* "FILE: out of memory" as PSORSIM_ENOMEM. */
int psr_walk_nomem(psr_walk *w);

/* buf = parent.key (or key when parent is empty). */
void psr_path_key(char *buf, size_t cap, const char *parent, const char *key);

/* buf = parent[index]. */
void psr_path_index(char *buf, size_t cap, const char *parent, size_t index);

/* Check that `map` is a mapping (else "expected a mapping of ..." naming
 * `what`), that every key is a scalar listed in `allowed` (NULL-terminated)
 * and that no key appears twice. An unknown key's message lists the
 * accepted keys (and suggests the closest one). */
int psr_walk_keys(psr_walk *w, const psr_yaml_node *map, const char *path, const char *what,
                  const char *const *allowed);

/* A required key: its value, or the error "PATH.KEY: missing (required)"
 * at the mapping's line. */
int psr_walk_require(psr_walk *w, const psr_yaml_node *map, const char *path, const char *key,
                     const psr_yaml_node **value);

/* Scalars. Each checks the node type and reports wrong types and values. */
int psr_walk_text(psr_walk *w, const psr_yaml_node *n, const char *path, const char **out);
int psr_walk_number(psr_walk *w, const psr_yaml_node *n, const char *path, double min, int min_open,
                    double max, double *out);
int psr_walk_int(psr_walk *w, const psr_yaml_node *n, const char *path, long min, long max,
                 long *out);
int psr_walk_bool(psr_walk *w, const psr_yaml_node *n, const char *path, int *out);
int psr_walk_quantity(psr_walk *w, const psr_yaml_node *n, const char *path, unsigned accept,
                      psorsim_quantity *out);

/* Strict number grammar for a whole string (spaces around allowed); 1 on success. */
int psr_parse_real(const char *text, double *out);

/* Edit distance between two short words (capped; for "did you mean"). */
int psr_edit_distance(const char *a, const char *b);

/* Fill one arm's regimen from its `regimen:` sequence (trial_regimen.c). */
int psr_walk_regimen(psr_walk *w, const psr_yaml_node *seq, const char *path,
                     psorsim_trial_arm *arm);

/* Fill spec->endpoints from `endpoints:` and spec->observed from
 * `observed:` (which may be NULL) (trial_endpoints.c). Arms must be done. */
int psr_walk_endpoints(psr_walk *w, const psr_yaml_node *seq, const char *path);
int psr_walk_observed(psr_walk *w, const psr_yaml_node *map, const char *path);

/* Fill spec->economics from the `economics:` block (NULL when absent) with
 * every default and one price per treatment the arms use; a no-op when
 * there is neither a block nor an economic endpoint (trial_economics.c).
 * Arms and endpoints must be done. */
int psr_walk_economics(psr_walk *w, const psr_yaml_node *block);

#endif /* PSR_TRIAL_IMPL_H */
