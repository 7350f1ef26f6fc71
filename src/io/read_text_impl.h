/* src/io/read_text_impl.h
 *
 * Shared by the input readers of src/io/: one function that reads a whole
 * text file (read_text.c).
 */
#ifndef PSR_READ_TEXT_IMPL_H
#define PSR_READ_TEXT_IMPL_H

#include <psorsim/context.h>

/* Read `path` into a new NUL-terminated buffer in *out (free with psr_free),
 * refusing files above max_bytes; `what` names the kind of file in messages
 * ("trial", "regimen"). PSORSIM_OK, PSORSIM_EIO, PSORSIM_EINPUT (NUL bytes),
 * PSORSIM_ENOMEM or PSORSIM_EINVAL. */
int psr_read_text_file(psorsim_ctx *ctx, const char *path, long max_bytes, const char *what,
                       char **out);

#endif /* PSR_READ_TEXT_IMPL_H */
