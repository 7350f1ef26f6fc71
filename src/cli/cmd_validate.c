/* src/cli/cmd_validate.c
 *
 * `psorsim validate FILE...`: run every trial file that has `observed:` and
 * compare psorsim's estimate with each published number: the difference per
 * observation and a summary (mean absolute difference, and how many fall
 * within 10 points). Percent endpoints enter the summary; relapse times (in
 * weeks) are listed but kept out of it, since their unit differs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <psorsim/report.h>
#include <psorsim/trial.h>
#include <psorsim/trial_spec.h>

#include "cli.h"
#include "report/report_json.h" /* the JSON flags of trial.json */

const char psr_usage_validate[] =
    "usage: psorsim validate FILE... [--json] [--patients N] [--threads N] [--seed S]\n"
    "                        [--set NAME=VALUE ...]\n"
    "\n"
    "Simulate each trial FILE that has an `observed:` block and print, for every\n"
    "published number, psorsim's estimate, its 95 % CI and the difference, then a\n"
    "summary over all files: the mean absolute difference and the share of numbers\n"
    "within 10 points (percent endpoints only; relapse times are listed apart).\n"
    "--json prints the same as one JSON object on standard output.\n"
    "\n"
    "options:\n"
    "  --patients N   virtual patients per arm (default: each file's patients_per_arm)\n"
    "  --threads N    OpenMP threads (default: all cores)\n"
    "  --seed S       seed for every file (default: each file's seed)\n"
    "  --set NAME=VALUE  override a parameter in every file (repeatable; see psorsim help\n"
    "                 trial and docs/trial-runner.md)\n";

/* Totals over all files. */
typedef struct summary {
  int n;          /* percent observations compared */
  double sum_abs; /* sum of |difference| */
  int within10;   /* |difference| <= 10 */
} summary;

/* Compare one simulated trial with its observations; append to files_json. */
static void compare(const psorsim_trial_result *r, const char *file, json_t *files_json,
                    summary *sum, int as_json)
{
  const psorsim_trial_spec *spec = r->spec;
  json_t *fo = json_object(), *obs = json_array();
  if (!as_json) printf("\n%s: %s\n", file, spec->name);
  for (size_t i = 0; i < spec->n_observed; i++) {
    const psorsim_observation *o = &spec->observed[i];
    const psorsim_arm_result *ar = &r->arms[o->arm];
    const psorsim_estimate *est = o->endpoint_index >= 0 ? &ar->endpoints[o->endpoint_index] : NULL;
    const double e = est ? est->estimate : NAN;
    const double d = e - o->value;
    const int percent = o->endpoint.kind != PSORSIM_ENDPOINT_RELAPSE_WEEKS_MEDIAN;
    json_t *j = json_object();
    json_object_set_new(j, "arm", json_string(ar->name));
    json_object_set_new(j, "endpoint", json_string(o->endpoint.key));
    json_object_set_new(j, "unit", json_string(psorsim_endpoint_unit(o->endpoint.kind)));
    json_object_set_new(j, "observed", json_real(o->value));
    json_object_set_new(j, "estimate", isnan(e) ? json_null() : json_real(e));
    if (est != NULL && !isnan(est->lo)) {
      json_object_set_new(j, "ci95", json_pack("[ff]", est->lo, est->hi));
    } else {
      json_object_set_new(j, "ci95", json_null());
    }
    json_object_set_new(j, "difference", isnan(d) ? json_null() : json_real(d));
    json_array_append_new(obs, j);
    if (percent && !isnan(d)) {
      sum->n++;
      sum->sum_abs += fabs(d);
      sum->within10 += fabs(d) <= 10.0;
    }
    if (!as_json) {
      printf("  %-32.32s %-22s observed %7.1f  psorsim %7.1f", ar->name, o->endpoint.key, o->value,
             e);
      if (est != NULL && !isnan(est->lo)) printf(" (%.1f-%.1f)", est->lo, est->hi);
      printf("  difference %+6.1f%s\n", d, percent ? "" : " weeks");
    }
  }
  json_object_set_new(fo, "file", json_string(file));
  json_object_set_new(fo, "name", json_string(spec->name));
  json_object_set_new(fo, "observations", obs);
  json_array_append_new(files_json, fo);
}

int psr_cmd_validate(int argc, char **argv)
{
  psr_opts it;
  const char *name, *value;
  const char **files = calloc((size_t)argc + 1, sizeof(char *));
  psorsim_trial_options opt;
  summary sum = {0, 0.0, 0};
  psr_set_list sets;
  json_t *root = json_object(), *files_json = json_array();
  psorsim_ctx *ctx = NULL;
  int kind, n_files = 0, as_json = 0, exit_code = PSR_EXIT_OK;

  memset(&opt, 0, sizeof(opt));
  memset(&sets, 0, sizeof(sets));
  if (files == NULL || root == NULL || files_json == NULL) return PSR_EXIT_FAIL;
  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 0)) != 0) {
    long v;
    if (kind < 0) {
      files[n_files++] = value;
      continue;
    }
    if (strcmp(name, "--json") == 0 && value == NULL) {
      as_json = 1;
      continue;
    }
    if (strcmp(name, "--help") == 0) {
      fputs(psr_usage_validate, stdout);
      goto done;
    }
    if (strcmp(name, "--patients") != 0 && strcmp(name, "--threads") != 0 &&
        strcmp(name, "--seed") != 0 && strcmp(name, "--set") != 0) {
      exit_code = psr_cli_usage_error("validate", "unknown option '%s'", name);
      goto done;
    }
    if (value == NULL) {
      if (it.i >= it.argc) {
        exit_code = psr_cli_usage_error("validate", "option '%s' needs a value", name);
        goto done;
      }
      value = it.argv[it.i++];
    }
    if (strcmp(name, "--set") == 0) {
      if (psr_set_list_add(&sets, "validate", value) != 0) {
        exit_code = PSR_EXIT_USAGE;
        goto done;
      }
      continue;
    }
    if (psr_parse_int(value, &v) != 0 || v < (strcmp(name, "--seed") == 0 ? 0 : 1) ||
        v > 100000000) {
      exit_code =
          psr_cli_usage_error("validate", "option %s expects an integer, got '%s'", name, value);
      goto done;
    }
    if (strcmp(name, "--patients") == 0) opt.patients_per_arm = (int)v;
    if (strcmp(name, "--threads") == 0) opt.threads = (int)v;
    if (strcmp(name, "--seed") == 0) {
      opt.seed_given = 1;
      opt.seed = (uint64_t)v;
    }
  }
  opt.override_names = sets.names;
  opt.override_values = sets.values;
  opt.n_overrides = sets.n;
  if (n_files == 0) {
    exit_code = psr_cli_usage_error("validate", "missing the trial FILE(s)");
    goto done;
  }
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) {
    exit_code = PSR_EXIT_FAIL;
    goto done;
  }
  for (int f = 0; f < n_files; f++) {
    psorsim_trial_spec *spec = NULL;
    psorsim_trial_result *r = NULL;
    int rc = psorsim_trial_spec_load(ctx, files[f], &spec);
    if (rc != PSORSIM_OK) {
      exit_code = psr_cli_fail("validate", ctx, rc, PSR_EXIT_USAGE);
      goto done;
    }
    if (spec->n_observed == 0) {
      if (!as_json) printf("\n%s: no observed: block, skipped\n", files[f]);
      psorsim_trial_spec_free(&spec);
      continue;
    }
    rc = psorsim_trial_run(ctx, spec, &opt, &r);
    if (rc != PSORSIM_OK) {
      psorsim_trial_spec_free(&spec);
      exit_code = psr_cli_fail("validate", ctx, rc,
                               rc == PSORSIM_EINPUT || rc == PSORSIM_EUNIT ? PSR_EXIT_USAGE
                                                                           : PSR_EXIT_FAIL);
      goto done;
    }
    compare(r, files[f], files_json, &sum, as_json);
    psorsim_trial_result_free(&r);
    psorsim_trial_spec_free(&spec);
  }
  {
    json_t *s = json_object();
    const double mad = sum.n > 0 ? sum.sum_abs / sum.n : NAN;
    const double share = sum.n > 0 ? 100.0 * sum.within10 / sum.n : NAN;
    json_object_set_new(s, "n", json_integer(sum.n));
    json_object_set_new(s, "mean_abs_difference", isnan(mad) ? json_null() : json_real(mad));
    json_object_set_new(s, "within_10", json_integer(sum.within10));
    json_object_set_new(s, "share_within_10", isnan(share) ? json_null() : json_real(share));
    json_object_set_new(root, "files", files_json);
    files_json = NULL;
    json_object_set_new(root, "summary", s);
    if (as_json) {
      json_dumpf(root, stdout, PSR_REPORT_JSON_FLAGS);
      printf("\n");
    } else {
      printf("\nsummary: %d percent observations, mean absolute difference %.1f points, "
             "%d within 10 points (%.0f %%)\n",
             sum.n, mad, sum.within10, share);
    }
  }

done:
  json_decref(files_json);
  json_decref(root);
  free(files);
  psorsim_ctx_free(&ctx);
  psorsim_report_release_fonts();
  return exit_code;
}
