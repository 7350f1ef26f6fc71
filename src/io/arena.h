/* src/io/arena.h
 *
 * A bump allocator for the parsed YAML tree and for what the file readers
 * build from it (a trial spec, a regimen, a calibration config): many small
 * objects that live and die together. Blocks come from the context's
 * allocator (so fault injection reaches them) and are released all at once.
 * An internal interface of src/io/ (not installed): any module above io may
 * include it, which is why its name has no _impl.
 */
#ifndef PSR_IO_ARENA_H
#define PSR_IO_ARENA_H

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

#endif /* PSR_IO_ARENA_H */
