/* src/common/context_impl.h
 *
 * Private definition of the context and the internal helpers every subsystem
 * uses: the allocator hook (with fault injection for tests) and the error
 * slot setters behind PSR_CHECK and PSR_TRY.
 */
#ifndef PSR_CONTEXT_IMPL_H
#define PSR_CONTEXT_IMPL_H

#include <stddef.h>

#include <psorsim/context.h>

#define PSR_ERRMSG_MAX 1024

struct psorsim_ctx {
  int errcode;                 /* status of the last failure, PSORSIM_OK if none */
  char errmsg[PSR_ERRMSG_MAX]; /* its message: "what (file:line in function)" */
  long fail_alloc_countdown;   /* >0: the allocation that brings it to 0 fails */
};

/* Allocation through the context, so tests can make the n-th one fail.
 * ctx may be NULL (plain malloc). */
void *psr_malloc(psorsim_ctx *ctx, size_t size);
void *psr_calloc(psorsim_ctx *ctx, size_t n, size_t size);
void psr_free(psorsim_ctx *ctx, void *ptr);

/* Record a failure in ctx (may be NULL) and return `status`. The message is
 * formatted printf-style; the source location is appended in debug builds. */
int psr_error_set(psorsim_ctx *ctx, int status, const char *file, int line, const char *func,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Check a condition on input; on failure record the message and return. */
#define PSR_CHECK(ctx, cond, status, ...)                                                          \
  do {                                                                                             \
    if (!(cond)) return psr_error_set((ctx), (status), __FILE__, __LINE__, __func__, __VA_ARGS__); \
  } while (0)

/* Fail with a message (status returned from the enclosing function). */
#define PSR_FAIL(ctx, status, ...)                                                                 \
  return psr_error_set((ctx), (status), __FILE__, __LINE__, __func__, __VA_ARGS__)

/* Propagate a failing call's status; the message already in ctx is kept. */
#define PSR_TRY(call)                                                                              \
  do {                                                                                             \
    int psr_rc_ = (call);                                                                          \
    if (psr_rc_ != PSORSIM_OK) return psr_rc_;                                                     \
  } while (0)

#endif /* PSR_CONTEXT_IMPL_H */
