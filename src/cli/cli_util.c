/* src/cli/cli_util.c
 *
 * Helpers shared by the subcommands: option scanning, number parsing and the
 * one-line error messages.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int psr_cli_usage_error(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "psorsim %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, " (see 'psorsim help %s')\n", cmd);
  return PSR_EXIT_USAGE;
}

int psr_cli_fail(const char *cmd, psorsim_ctx *ctx, int status, int exit_code)
{
  const char *msg = psorsim_ctx_errmsg(ctx);
  fprintf(stderr, "psorsim %s: %s%s%s\n", cmd, psorsim_strerror(status), msg[0] ? ": " : "", msg);
  return exit_code;
}

void psr_opts_init(psr_opts *o, int argc, char **argv)
{
  o->argc = argc;
  o->argv = argv;
  o->i = 1;
  o->buf[0] = '\0';
}

int psr_opt_next(psr_opts *o, const char **name, const char **value, int takes_value)
{
  const char *arg;
  const char *eq;

  *name = NULL;
  *value = NULL;
  if (o->i >= o->argc) return 0;
  arg = o->argv[o->i++];
  if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
    *value = arg;
    return -1;
  }
  eq = strchr(arg, '=');
  if (eq != NULL) {
    size_t len = (size_t)(eq - arg);
    if (len >= sizeof(o->buf)) len = sizeof(o->buf) - 1;
    memcpy(o->buf, arg, len);
    o->buf[len] = '\0';
    *name = o->buf;
    *value = eq + 1;
    return 1;
  }
  *name = arg;
  if (takes_value && o->i < o->argc) *value = o->argv[o->i++];
  return 1;
}

int psr_parse_double(const char *text, double *out)
{
  char *end;
  double v;
  if (text == NULL || *text == '\0') return -1;
  errno = 0;
  v = strtod(text, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

int psr_parse_int(const char *text, long *out)
{
  char *end;
  long v;
  if (text == NULL || *text == '\0') return -1;
  errno = 0;
  v = strtol(text, &end, 10);
  if (errno != 0 || *end != '\0') return -1;
  *out = v;
  return 0;
}
