/* src/io/arena.c
 *
 * Bump allocator for parse trees and specs; see arena.h.
 */
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "common/context_impl.h"
#include "io/arena.h"

#define ARENA_BLOCK_MIN 8192

typedef struct block {
  struct block *next; /* older block */
  size_t used, cap;   /* bytes used and available in data */
  max_align_t data[]; /* the memory handed out */
} block;

struct psr_arena {
  psorsim_ctx *ctx; /* borrowed: allocations go through it */
  block *head;      /* newest block, NULL before the first allocation */
};

psr_arena *psr_arena_create(psorsim_ctx *ctx)
{
  psr_arena *a = psr_calloc(ctx, 1, sizeof(*a));
  if (a != NULL) a->ctx = ctx;
  return a;
}

void *psr_arena_alloc(psr_arena *a, size_t n)
{
  const size_t align = alignof(max_align_t);
  size_t need = (n + align - 1) / align * align;
  void *p;

  if (need == 0) need = align;
  if (need < n) return NULL; /* overflow */
  if (a->head == NULL || a->head->cap - a->head->used < need) {
    size_t cap = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
    if (cap > SIZE_MAX - sizeof(block)) return NULL;
    block *b = psr_malloc(a->ctx, sizeof(block) + cap);
    if (b == NULL) return NULL;
    b->next = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
  }
  p = (char *)a->head->data + a->head->used;
  a->head->used += need;
  memset(p, 0, n);
  return p;
}

char *psr_arena_strndup(psr_arena *a, const char *s, size_t len)
{
  char *d = psr_arena_alloc(a, len + 1);
  if (d == NULL) return NULL;
  memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

char *psr_arena_strdup(psr_arena *a, const char *s)
{
  return psr_arena_strndup(a, s, strlen(s));
}

void psr_arena_free(psr_arena *a)
{
  if (a == NULL) return;
  for (block *b = a->head; b != NULL;) {
    block *next = b->next;
    psr_free(a->ctx, b);
    b = next;
  }
  psr_free(a->ctx, a);
}
