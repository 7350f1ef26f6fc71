/* src/io/read_text.h
 *
 * One function that reads a whole input text file (read_text.c), shared by
 * the file readers (trial, regimen). An internal interface of src/io/ (not
 * installed): any module above io may include it, which is why its name has
 * no _impl.
 */
#ifndef PSR_IO_READ_TEXT_H
#define PSR_IO_READ_TEXT_H

#include <psorsim/context.h>

/* Read `path` into a new NUL-terminated buffer in *out (free with psr_free),
 * refusing files above max_bytes; `what` names the kind of file in messages
 * ("trial", "regimen"). PSORSIM_OK, PSORSIM_EIO, PSORSIM_EINPUT (NUL bytes),
 * PSORSIM_ENOMEM or PSORSIM_EINVAL. */
int psr_read_text_file(psorsim_ctx *ctx, const char *path, long max_bytes, const char *what,
                       char **out);

#endif /* PSR_IO_READ_TEXT_H */
