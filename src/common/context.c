/* src/common/context.c
 *
 * The per-thread context: allocator hook and error slot (context.h), and
 * psorsim_free (common.h), which releases what the allocator handed out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context_impl.h"

int psorsim_ctx_create(psorsim_ctx **out)
{
  psorsim_ctx *ctx;

  if (out == NULL) return PSORSIM_EINVAL;
  *out = NULL;
  ctx = calloc(1, sizeof(*ctx));
  if (ctx == NULL) return PSORSIM_ENOMEM;
  ctx->errcode = PSORSIM_OK;
  ctx->errmsg[0] = '\0';
  ctx->fail_alloc_countdown = 0;
  *out = ctx;
  return PSORSIM_OK;
}

void psorsim_ctx_free(psorsim_ctx **ctx)
{
  if (ctx == NULL || *ctx == NULL) return;
  free(*ctx);
  *ctx = NULL;
}

const char *psorsim_ctx_errmsg(const psorsim_ctx *ctx)
{
  return ctx == NULL ? "" : ctx->errmsg;
}

int psorsim_ctx_errcode(const psorsim_ctx *ctx)
{
  return ctx == NULL ? PSORSIM_OK : ctx->errcode;
}

void psorsim_ctx_clear_error(psorsim_ctx *ctx)
{
  if (ctx == NULL) return;
  ctx->errcode = PSORSIM_OK;
  ctx->errmsg[0] = '\0';
}

void psorsim_ctx_fail_alloc_after(psorsim_ctx *ctx, long n)
{
  if (ctx != NULL) ctx->fail_alloc_countdown = n > 0 ? n : 0;
}

/* True when fault injection says this allocation must fail. */
static int injected_failure(psorsim_ctx *ctx)
{
  if (ctx == NULL || ctx->fail_alloc_countdown <= 0) return 0;
  ctx->fail_alloc_countdown--;
  return ctx->fail_alloc_countdown == 0;
}

void *psr_malloc(psorsim_ctx *ctx, size_t size)
{
  if (injected_failure(ctx)) return NULL;
  return malloc(size == 0 ? 1 : size);
}

void *psr_calloc(psorsim_ctx *ctx, size_t n, size_t size)
{
  if (injected_failure(ctx)) return NULL;
  return calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);
}

void psr_free(psorsim_ctx *ctx, void *ptr)
{
  (void)ctx;
  free(ptr);
}

/* Memory handed to callers comes from psr_malloc/psr_calloc, so it goes
 * back the same way. */
void psorsim_free(void *ptr)
{
  psr_free(NULL, ptr);
}

int psr_error_set(psorsim_ctx *ctx, int status, const char *file, int line, const char *func,
                  const char *fmt, ...)
{
  va_list ap;

  (void)file;
  (void)line;
  (void)func;
  if (ctx == NULL) return status;
  ctx->errcode = status;
  va_start(ap, fmt);
  vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
  va_end(ap);
#ifdef PSORSIM_DEBUG_LOCATIONS
  {
    size_t used = strlen(ctx->errmsg);
    snprintf(ctx->errmsg + used, sizeof(ctx->errmsg) - used, " (%s:%d in %s)", file, line, func);
  }
#endif
  return status;
}
