/* src/cli/cli.h
 *
 * The psorsim command: one file per subcommand (cmd_<name>.c), a table of
 * them in main.c, and small shared helpers for options and errors. Only
 * src/cli/ prints or exits; the library returns statuses.
 *
 * Exit statuses: 0 success, 1 the work failed (solver, model, I/O while
 * running), 2 the command line or an input file is wrong.
 */
#ifndef PSR_CLI_H
#define PSR_CLI_H

#include <psorsim/psorsim.h>

#define PSR_EXIT_OK    0
#define PSR_EXIT_FAIL  1
#define PSR_EXIT_USAGE 2

/* A subcommand: argv[0] is the subcommand's name. */
typedef int (*psr_cmd_fn)(int argc, char **argv);

typedef struct psr_cmd {
  const char *name;    /* e.g. "simulate" */
  psr_cmd_fn run;      /* entry point */
  const char *summary; /* one line for `psorsim help` */
  const char *usage;   /* full help text for `psorsim help NAME` */
} psr_cmd;

int psr_cmd_simulate(int argc, char **argv);
int psr_cmd_info(int argc, char **argv);
int psr_cmd_treatments(int argc, char **argv);
int psr_cmd_trial(int argc, char **argv);
int psr_cmd_validate(int argc, char **argv);
int psr_cmd_product(int argc, char **argv); /* cmd_product.c; usage psr_usage_product */
int psr_cmd_calibrate(int argc, char **argv);

extern const char psr_usage_simulate[];
extern const char psr_usage_info[];
extern const char psr_usage_treatments[];
extern const char psr_usage_trial[];
extern const char psr_usage_validate[];
extern const char psr_usage_product[];
extern const char psr_usage_calibrate[];

/* The built-in default trial (YAML text), default_trial.c. */
extern const char psr_default_trial[];

/* Print "psorsim CMD: message" on stderr (one line) and return PSR_EXIT_USAGE. */
int psr_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print "psorsim CMD: <status text>: <context message>" on stderr and return `exit_code`. */
int psr_cli_fail(const char *cmd, psorsim_ctx *ctx, int status, int exit_code);

/* Option scanner over argv[1..]: accepts `--name value` and `--name=value`.
 * psr_opt_next returns 1 with *name and *value set (value NULL for a flag or
 * a missing value), 0 at the end, or -1 for a positional argument (its text
 * in *value). */
typedef struct psr_opts {
  int argc;
  char **argv;
  int i;         /* next index */
  char buf[128]; /* holds the name part of --name=value */
} psr_opts;

void psr_opts_init(psr_opts *o, int argc, char **argv);
int psr_opt_next(psr_opts *o, const char **name, const char **value, int takes_value);

/* Parse a finite double / a positive int; 0 on success, -1 on bad text. */
int psr_parse_double(const char *text, double *out);
int psr_parse_int(const char *text, long *out);

/* Parameter overrides collected from `--set NAME=VALUE` options (trial,
 * validate, calibrate); names point into `text`. */
#define PSR_MAX_SET 64
typedef struct psr_set_list {
  char text[PSR_MAX_SET][128];
  const char *names[PSR_MAX_SET];
  double values[PSR_MAX_SET];
  int n;
} psr_set_list;

/* Add "NAME=VALUE" to the list (a later NAME replaces an earlier one); 0 on
 * success, else prints a usage error for `cmd` and returns PSR_EXIT_USAGE
 * (cmd_calibrate.c). */
int psr_set_list_add(psr_set_list *l, const char *cmd, const char *arg);

#endif /* PSR_CLI_H */
