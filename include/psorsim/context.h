/* include/psorsim/context.h
 *
 * The context holds what all objects of one thread share: the allocator and
 * the error slot. Create one per thread (psorsim_ctx_create); objects created
 * with a context keep a borrowed pointer to it, so the context must outlive
 * them. A context is not thread-safe; two threads never share one.
 */
#ifndef PSORSIM_CONTEXT_H
#define PSORSIM_CONTEXT_H

#include <psorsim/common.h>
#include <psorsim/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct psorsim_ctx psorsim_ctx; /* opaque; defined in src/common/context_impl.h */

/* Create a context. Returns PSORSIM_OK and stores it in *out (the caller
 * frees it with psorsim_ctx_free), or PSORSIM_ENOMEM with *out set to NULL. */
PSORSIM_EXPORT int psorsim_ctx_create(psorsim_ctx **out);

/* Release a context and set *ctx to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_ctx_free(psorsim_ctx **ctx);

/* Detailed message of the last failure on this context ("" if none). The
 * context owns the string; it stays valid until the next failing call. */
PSORSIM_EXPORT const char *psorsim_ctx_errmsg(const psorsim_ctx *ctx);

/* Status of the last failure on this context (PSORSIM_OK if none). */
PSORSIM_EXPORT int psorsim_ctx_errcode(const psorsim_ctx *ctx);

/* Forget the last failure. */
PSORSIM_EXPORT void psorsim_ctx_clear_error(psorsim_ctx *ctx);

/* Testing hook: make the n-th allocation from now on fail (n >= 1); 0 turns
 * fault injection off. Used by the allocation-failure sweeps in tests/. */
PSORSIM_EXPORT void psorsim_ctx_fail_alloc_after(psorsim_ctx *ctx, long n);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_CONTEXT_H */
