/* src/cli/cmd_trial.c
 *
 * `psorsim trial FILE`: read a trial file, simulate it, write trial.json,
 * patients.csv, baseline.csv and report.html into the output directory, and
 * print a summary (or, with --json, the JSON on standard output). A progress
 * bar goes to standard error when it is a terminal.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <psorsim/report.h>
#include <psorsim/trial.h>
#include <psorsim/trial_spec.h>

#include "cli.h"

const char psr_usage_trial[] =
    "usage: psorsim trial [FILE] [--out DIR] [--seed S] [--threads N] [--patients N] [--json]\n"
    "                     [--no-patients] [--show-default] [--set NAME=VALUE ...]\n"
    "\n"
    "Simulate the virtual trial described by FILE (see docs/trial-format.md; without\n"
    "FILE, the built-in default trial, which --show-default prints) and write\n"
    "  DIR/trial.json     endpoints with 95 % CIs per arm, time courses, solver statistics\n"
    "  DIR/patients.csv   one row per arm, patient and weekly visit\n"
    "  DIR/baseline.csv   one row per patient: covariates and baseline scores\n"
    "  DIR/report.html    a self-contained report with plots (and DIR/plots/*.png)\n"
    "\n"
    "options:\n"
    "  --out DIR        output directory (default psorsim-out), created if missing\n"
    "  --seed S         random seed (default: the file's seed, else 20260101)\n"
    "  --threads N      OpenMP threads (default: all cores); results do not depend on it\n"
    "  --patients N     virtual patients per arm (default: the file's patients_per_arm)\n"
    "  --no-patients    do not keep weekly per-patient records (no patients.csv); memory\n"
    "                   then does not grow with the number of patients\n"
    "  --json           print trial.json on standard output instead of the summary\n"
    "  --set NAME=VALUE override a parameter for every patient (repeatable): a population\n"
    "                   setting (pop.potency_cv, pop.placebo_emax, pop.pasi_noise_cv, ...),\n"
    "                   a disease-model parameter (trm_half_life) or a treatment's\n"
    "                   typical value (secukinumab.il17.ec50); docs/trial-runner.md\n";

typedef struct progress_state {
  int tty;
  struct timespec start;
} progress_state;

static double seconds_since(const struct timespec *t0)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t0->tv_sec) + 1e-9 * (double)(now.tv_nsec - t0->tv_nsec);
}

/* Draw "[#####.....]  1234/2000 patients  512/s  ETA 2s" on stderr. */
static void progress_bar(long done, long total, void *user)
{
  progress_state *ps = user;
  const int width = 30;
  double el, rate, eta;
  int fill;
  if (!ps->tty || total <= 0) return;
  el = seconds_since(&ps->start);
  rate = el > 0 ? done / el : 0.0;
  eta = rate > 0 ? (total - done) / rate : 0.0;
  fill = (int)((double)width * done / total);
  fprintf(stderr, "\r[");
  for (int i = 0; i < width; i++)
    fputc(i < fill ? '#' : '.', stderr);
  fprintf(stderr, "] %ld/%ld patients  %.0f/s  ETA %.0fs ", done, total, rate, eta);
  if (done >= total) fputc('\n', stderr);
  fflush(stderr);
}

static void print_summary(const psorsim_trial_result *r, const char *out)
{
  const psorsim_trial_spec *spec = r->spec;
  printf("psorsim trial: %s\n", spec->name);
  printf("  seed %llu, %g weeks, %zu arms, %d threads, %.2f s\n\n", (unsigned long long)r->seed,
         spec->weeks, r->n_arms, r->threads, r->elapsed_s);
  printf("  %-28s %9s", "arm", "patients");
  for (size_t e = 0; e < spec->n_endpoints; e++)
    printf(" %22s", spec->endpoints[e].key);
  printf("\n");
  for (size_t a = 0; a < r->n_arms; a++) {
    const psorsim_arm_result *ar = &r->arms[a];
    printf("  %-28.28s %9d", ar->name, ar->n_patients);
    for (size_t e = 0; e < spec->n_endpoints; e++) {
      const psorsim_estimate *est = &ar->endpoints[e];
      char cell[64];
      if (isnan(est->estimate)) {
        /* relapse: the median was not reached; an ICER: dominance or the
         * reference arm (trial.json says which) */
        snprintf(cell, sizeof(cell), "%s",
                 spec->endpoints[e].kind == PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN ? "not reached"
                 : spec->endpoints[e].kind == PSORSIM_ENDPOINT_ICER ? "n/a (see trial.json)"
                                                                    : "n/a");
      } else if (isnan(est->lo) || isnan(est->hi)) {
        snprintf(cell, sizeof(cell), "%.1f", est->estimate);
      } else {
        snprintf(cell, sizeof(cell), "%.1f (%.1f-%.1f)", est->estimate, est->lo, est->hi);
      }
      printf(" %22s", cell);
    }
    printf("\n");
    if (ar->n_failed > 0)
      printf("    %d patients failed in the solver (listed in trial.json)\n", ar->n_failed);
  }
  if (spec->n_observed > 0) {
    printf("\n  observed vs simulated:\n");
    for (size_t i = 0; i < spec->n_observed; i++) {
      const psorsim_observation *o = &spec->observed[i];
      const psorsim_arm_result *ar = &r->arms[o->arm];
      double est = NAN;
      if (o->endpoint_index >= 0) est = ar->endpoints[o->endpoint_index].estimate;
      printf("    %-28.28s %-22s observed %6.1f  simulated %6.1f\n", ar->name, o->endpoint.key,
             o->value, est);
    }
  }
  printf("\n  report: %s/report.html\n", out);
}

int psr_cmd_trial(int argc, char **argv)
{
  psr_opts it;
  const char *name, *value, *file = NULL, *out = "psorsim-out";
  psorsim_trial_options opt;
  progress_state ps;
  psorsim_ctx *ctx = NULL;
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *r = NULL;
  psr_set_list sets;
  int kind, as_json = 0, rc, exit_code = PSR_EXIT_OK;

  memset(&opt, 0, sizeof(opt));
  memset(&sets, 0, sizeof(sets));
  opt.keep_patients = 1;
  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 0)) != 0) {
    long v;
    if (kind < 0) {
      if (file != NULL) return psr_cli_usage_error("trial", "unexpected argument '%s'", value);
      file = value;
      continue;
    }
    if (strcmp(name, "--json") == 0 && value == NULL) {
      as_json = 1;
      continue;
    }
    if (strcmp(name, "--show-default") == 0 && value == NULL) {
      fputs(psr_default_trial, stdout);
      return PSR_EXIT_OK;
    }
    if (strcmp(name, "--no-patients") == 0 && value == NULL) {
      opt.keep_patients = 0;
      continue;
    }
    if (strcmp(name, "--help") == 0) {
      fputs(psr_usage_trial, stdout);
      return PSR_EXIT_OK;
    }
    if (strcmp(name, "--out") != 0 && strcmp(name, "--seed") != 0 &&
        strcmp(name, "--threads") != 0 && strcmp(name, "--patients") != 0 &&
        strcmp(name, "--set") != 0) {
      return psr_cli_usage_error("trial", "unknown option '%s'", name);
    }
    if (value == NULL) {
      if (it.i >= it.argc) return psr_cli_usage_error("trial", "option '%s' needs a value", name);
      value = it.argv[it.i++];
    }
    if (strcmp(name, "--out") == 0) {
      out = value;
      continue;
    }
    if (strcmp(name, "--set") == 0) {
      if (psr_set_list_add(&sets, "trial", value) != 0) return PSR_EXIT_USAGE;
      continue;
    }
    if (psr_parse_int(value, &v) != 0 || v < (strcmp(name, "--seed") == 0 ? 0 : 1) ||
        (strcmp(name, "--seed") != 0 && v > 100000000)) {
      return psr_cli_usage_error("trial", "option %s expects a %s integer, got '%s'", name,
                                 strcmp(name, "--seed") == 0 ? "non-negative" : "positive", value);
    }
    if (strcmp(name, "--seed") == 0) {
      opt.seed_given = 1;
      opt.seed = (uint64_t)v;
    } else if (strcmp(name, "--threads") == 0) {
      opt.threads = (int)v;
    } else {
      opt.patients_per_arm = (int)v;
    }
  }
  opt.override_names = sets.names;
  opt.override_values = sets.values;
  opt.n_overrides = sets.n;
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return PSR_EXIT_FAIL;
  if (file == NULL) {
    if (!as_json) printf("psorsim trial: no FILE given, running the built-in default trial\n");
    rc = psorsim_trial_spec_parse_string(ctx, psr_default_trial, "default-trial.yaml", &spec);
  } else {
    rc = psorsim_trial_spec_load(ctx, file, &spec);
  }
  if (rc != PSORSIM_OK) {
    exit_code =
        psr_cli_fail("trial", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
    goto done;
  }
  if ((rc = psorsim_io_mkdir_p(ctx, out)) != PSORSIM_OK) {
    exit_code = psr_cli_fail("trial", ctx, rc, PSR_EXIT_USAGE);
    goto done;
  }
  ps.tty = isatty(STDERR_FILENO);
  clock_gettime(CLOCK_MONOTONIC, &ps.start);
  opt.progress = progress_bar;
  opt.progress_user = &ps;
  rc = psorsim_trial_run(ctx, spec, &opt, &r);
  if (rc != PSORSIM_OK) {
    exit_code =
        psr_cli_fail("trial", ctx, rc,
                     rc == PSORSIM_EINPUT || rc == PSORSIM_EUNIT ? PSR_EXIT_USAGE : PSR_EXIT_FAIL);
    goto done;
  }
  rc = psorsim_report_write_all(ctx, r, out);
  if (rc != PSORSIM_OK) {
    exit_code = psr_cli_fail("trial", ctx, rc, PSR_EXIT_FAIL);
    goto done;
  }
  if (as_json) {
    char *text = psorsim_report_json_text(r);
    if (text == NULL) {
      exit_code = PSR_EXIT_FAIL;
      goto done;
    }
    fputs(text, stdout);
    psorsim_free(text);
  } else {
    print_summary(r, out);
  }

done:
  psorsim_trial_result_free(&r);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
  psorsim_report_release_fonts(); /* fontconfig's caches, so leak checkers stay quiet */
  return exit_code;
}
