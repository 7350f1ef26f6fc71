/* src/io/walk.h
 *
 * The walker: helpers for turning a parsed YAML tree (yaml_tree.h) into a
 * checked C structure, so that every file psorsim reads reports its problems
 * the same way, as
 *   FILE:LINE: KEY.PATH: what was wrong
 * Each helper checks one thing (a mapping's keys, a required key, a scalar
 * of a given type and range, a quantity with its unit), records the message
 * through psr_walk_fail and returns the status; callers PSR_TRY them.
 * Implemented in walk.c.
 *
 * Each domain walks its own block with these helpers: the trial-file reader
 * (src/spec/) the top level, population and endpoints, treatments the
 * regimen entries, cells the product block, econ the economics block, calib
 * the calibration configuration. An internal interface of src/io/ (not
 * installed): any module above io may include it, which is why its name has
 * no _impl.
 */
#ifndef PSR_IO_WALK_H
#define PSR_IO_WALK_H

#include <stddef.h>

#include <psorsim/context.h>
#include <psorsim/units.h>

#include "io/arena.h"
#include "io/yaml_tree.h"

/* Room for a key path such as arms[3].regimen[12].product.viability. */
#define PSR_PATH_MAX 512

/* A walk in progress: where messages go and where kept values live. The
 * walker owns nothing; a reader fills this in and keeps it on its stack. */
typedef struct psr_walk {
  psorsim_ctx *ctx; /* where messages go */
  const char *file; /* file name for messages (borrowed; outlives the walk) */
  psr_arena *arena; /* the result's arena: every string and array kept goes here */
} psr_walk;

/* Record "FILE:LINE: PATH: message" (LINE from `at`, or 1 when at is NULL;
 * no "PATH: " when path is NULL or empty) and return status. */
int psr_walk_fail(psr_walk *w, const psr_yaml_node *at, const char *path, int status,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* As psr_walk_fail for a line that has no node at hand (e.g. an entry
 * checked after the walk, by the line it recorded). */
int psr_walk_fail_line(psr_walk *w, int line, const char *path, int status, const char *fmt, ...)
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

/* Scalars. Each checks the node type and reports wrong types and values.
 * Text is copied into the walk's arena. Numbers follow psr_parse_real and
 * must lie in [min, max] (or (min, max] when min_open). */
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

#endif /* PSR_IO_WALK_H */
