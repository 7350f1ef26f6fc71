/* src/io/arena_impl.h
 *
 * A bump allocator for the parsed YAML tree and the trial spec: many small
 * objects that live and die together. Blocks come from the context's
 * allocator (so fault injection reaches them) and are released all at once.
 * Private to src/io/.
 */
#ifndef PSR_ARENA_IMPL_H
#define PSR_ARENA_IMPL_H

#include <stddef.h>

#include <psorsim/context.h>

typedef struct psr_arena psr_arena;

/* A new empty arena, or NULL when out of memory (no message set). */
psr_arena *psr_arena_create(psorsim_ctx *ctx);

/* n zeroed bytes aligned for any type, or NULL when out of memory. */
void *psr_arena_alloc(psr_arena *a, size_t n);

/* A copy of the first len bytes of s, NUL-terminated; NULL when out of memory. */
char *psr_arena_strndup(psr_arena *a, const char *s, size_t len);

/* A copy of s; NULL when out of memory. */
char *psr_arena_strdup(psr_arena *a, const char *s);

/* Release every block and the arena; accepts NULL. */
void psr_arena_free(psr_arena *a);

#endif /* PSR_ARENA_IMPL_H */
