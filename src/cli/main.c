/* src/cli/main.c
 *
 * Entry point of the psorsim command: `psorsim --version`, `psorsim help
 * [COMMAND]` and the dispatch to subcommands listed in `commands`.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const psr_cmd commands[] = {
    {"trial", psr_cmd_trial, "simulate a virtual trial from a trial file and write a report",
     psr_usage_trial},
    {"validate", psr_cmd_validate, "compare simulated trials with their published results",
     psr_usage_validate},
    {"calibrate", psr_cmd_calibrate,
     "fit shared mechanisms and drug potencies to published trials (NLopt)", psr_usage_calibrate},
    {"simulate", psr_cmd_simulate, "simulate one model and write its trajectory",
     psr_usage_simulate},
    {"info", psr_cmd_info, "describe a model: states, parameters, observables, steady states",
     psr_usage_info},
    {"product", psr_cmd_product, "check a cell-therapy product against ISCT and release criteria",
     psr_usage_product},
    {"treatments", psr_cmd_treatments, "list the treatment library with PK, targets and sources",
     psr_usage_treatments},
};

#define N_COMMANDS ((int)(sizeof(commands) / sizeof(commands[0])))

static void print_overview(FILE *fp)
{
  fprintf(fp, "psorsim %s: in-silico psoriasis trial simulator\n\n", psorsim_version());
  fprintf(fp, "usage: psorsim COMMAND [OPTIONS]\n       psorsim help [COMMAND]\n"
              "       psorsim --version\n\ncommands:\n");
  for (int i = 0; i < N_COMMANDS; i++) {
    fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
  }
  fprintf(fp, "\nExit status: 0 success, 1 the run failed, 2 bad command line or input.\n");
}

static const psr_cmd *find_command(const char *name)
{
  for (int i = 0; i < N_COMMANDS; i++) {
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  }
  return NULL;
}

static int cmd_help(int argc, char **argv)
{
  const psr_cmd *c;
  if (argc < 2) {
    print_overview(stdout);
    return PSR_EXIT_OK;
  }
  if (argc > 2) {
    fprintf(stderr, "psorsim help: expected at most one command name\n");
    return PSR_EXIT_USAGE;
  }
  if (strcmp(argv[1], "help") == 0) {
    printf("usage: psorsim help [COMMAND]\n\nWithout COMMAND, list the commands; with it, "
           "describe that command.\n");
    return PSR_EXIT_OK;
  }
  c = find_command(argv[1]);
  if (c == NULL) {
    fprintf(stderr, "psorsim help: unknown command '%s' (see 'psorsim help')\n", argv[1]);
    return PSR_EXIT_USAGE;
  }
  fputs(c->usage, stdout);
  return PSR_EXIT_OK;
}

int main(int argc, char **argv)
{
  const psr_cmd *c;

  if (argc < 2) {
    print_overview(stderr);
    return PSR_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("psorsim %s\n", psorsim_version());
    return PSR_EXIT_OK;
  }
  if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
      strcmp(argv[1], "-h") == 0) {
    return cmd_help(argc - 1, argv + 1);
  }
  c = find_command(argv[1]);
  if (c == NULL) {
    fprintf(stderr, "psorsim: unknown command '%s' (see 'psorsim help')\n", argv[1]);
    return PSR_EXIT_USAGE;
  }
  return c->run(argc - 1, argv + 1);
}
