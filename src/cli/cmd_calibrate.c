/* src/cli/cmd_calibrate.c
 *
 * `psorsim calibrate CONFIG.yaml`: fit the configuration's parameters to the
 * published trial results it names (src/calib/, docs/validation.md), or
 * cross-validate them (leave one file out), or fit each NB-UVB patient's
 * UVB sensitivity (--uvb-patients CSV). Prints progress on standard error
 * and tables on standard output; writes CSV/JSON files into --out.
 * Also holds psr_set_list_add, the `--set NAME=VALUE` parser shared with
 * `psorsim trial` and `psorsim validate`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <psorsim/calibrate.h>
#include <psorsim/io.h>
#include <psorsim/report.h>

#include "cli.h"
#include "report/report_json.h" /* the JSON flags of trial.json */

const char psr_usage_calibrate[] =
    "usage: psorsim calibrate CONFIG.yaml [--out DIR] [--patients N] [--max-evals N]\n"
    "                         [--threads N] [--evaluate | --cross-validate] [--set NAME=VALUE]\n"
    "       psorsim calibrate --uvb-patients CSV [--out DIR] [--set NAME=VALUE ...]\n"
    "\n"
    "Fit the parameters listed in CONFIG (e.g. tools/calibration.yaml) to the published\n"
    "numbers of its trial files with NLopt (BOBYQA by default): the objective is the\n"
    "weighted sum of squared differences (percentage points) between psorsim's estimates\n"
    "and the observed values, every evaluation with the same seed (docs/validation.md).\n"
    "Writes DIR/fit.json (fitted values, objective history, observations), DIR/history.csv\n"
    "and DIR/observations.csv, and prints the fitted values and the comparison.\n"
    "\n"
    "options:\n"
    "  --out DIR          output directory (default calibrate-out)\n"
    "  --patients N       virtual patients per arm (default: the config's)\n"
    "  --max-evals N      objective evaluations (default: the config's)\n"
    "  --threads N        OpenMP threads per trial (default: the config's, 0 = all)\n"
    "  --evaluate         only evaluate the config's start values (no fit)\n"
    "  --cross-validate   leave each file out in turn, refit from the start values on the\n"
    "                     others, predict it; writes DIR/cross_validation.csv\n"
    "  --uvb-patients CSV fit each patient's UVB sensitivity to their weekly PASI given\n"
    "                     the dose of every session; writes DIR/uvb_patients.csv\n"
    "  --set NAME=VALUE   an extra fixed override (repeatable)\n";

int psr_set_list_add(psr_set_list *l, const char *cmd, const char *arg)
{
  const char *eq = arg != NULL ? strchr(arg, '=') : NULL;
  double v;
  int slot;
  if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof(l->text[0])) {
    return psr_cli_usage_error(cmd, "--set expects NAME=VALUE, got '%s'", arg ? arg : "");
  }
  if (psr_parse_double(eq + 1, &v) != 0) {
    return psr_cli_usage_error(cmd, "--set %.*s: expected a number, got '%s'", (int)(eq - arg), arg,
                               eq + 1);
  }
  for (slot = 0; slot < l->n; slot++) {
    if (strncmp(l->text[slot], arg, (size_t)(eq - arg)) == 0 && l->text[slot][eq - arg] == '\0') {
      break;
    }
  }
  if (slot == l->n) {
    if (l->n >= PSR_MAX_SET)
      return psr_cli_usage_error(cmd, "at most %d --set options", PSR_MAX_SET);
    l->n++;
  }
  memcpy(l->text[slot], arg, (size_t)(eq - arg));
  l->text[slot][eq - arg] = '\0';
  l->names[slot] = l->text[slot];
  l->values[slot] = v;
  return 0;
}

static void progress(int eval, double f, double best, const double *x, size_t n, void *user)
{
  const psorsim_calib_config *cfg = user;
  fprintf(stderr, "  eval %4d  objective %10.2f  best %10.2f ", eval, f, best);
  for (size_t i = 0; i < n && i < cfg->n_params; i++)
    fprintf(stderr, " %.4g", x[i]);
  fputc('\n', stderr);
  fflush(stderr);
}

static const char *base_name(const char *path)
{
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static FILE *open_out(const char *dir, const char *name)
{
  char path[2048];
  FILE *fp;
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  fp = fopen(path, "w");
  if (fp == NULL) fprintf(stderr, "psorsim calibrate: cannot write %s\n", path);
  return fp;
}

static void print_obs(const psorsim_calib_config *cfg, const psorsim_calib_result *r, FILE *csv)
{
  printf("\n  %-30s %-30s %-16s %8s %8s %8s  %s\n", "file", "arm", "endpoint", "observed",
         "psorsim", "diff", "95% CI");
  if (csv) fprintf(csv, "file,arm,endpoint,observed,predicted,difference,ci_lo,ci_hi,weight\n");
  for (size_t i = 0; i < r->n_obs; i++) {
    const psorsim_calib_obs *o = &r->obs[i];
    const char *fb = base_name(cfg->files[o->file].path);
    printf("  %-30.30s %-30.30s %-16s %8.1f %8.1f %+8.1f  %.1f-%.1f\n", fb, o->arm, o->endpoint,
           o->observed, o->predicted, o->predicted - o->observed, o->lo, o->hi);
    if (csv) {
      fprintf(csv, "%s,\"%s\",%s,%.3f,%.3f,%.3f,%.3f,%.3f,%g\n", fb, o->arm, o->endpoint,
              o->observed, o->predicted, o->predicted - o->observed, o->lo, o->hi, o->weight);
    }
  }
  printf("\n  mean absolute difference %.2f points, %.0f %% within 10 points\n", r->mad,
         r->within10);
}

static int write_fit(const psorsim_calib_config *cfg, const psorsim_calib_result *r,
                     const char *out)
{
  json_t *root = json_object(), *params = json_array(), *hist = json_array();
  FILE *fp;
  char path[2048];
  for (size_t i = 0; i < cfg->n_params; i++) {
    const psorsim_calib_param *p = &cfg->params[i];
    json_array_append_new(params,
                          json_pack("{s:s,s:f,s:f,s:f,s:f,s:b,s:s}", "name", p->name, "start",
                                    r->start[i], "value", r->best[i], "lower", p->lower, "upper",
                                    p->upper, "log", p->log_scale, "fitted_to", p->fitted_to));
  }
  for (int e = 0; e < r->n_evals; e++) {
    json_t *x = json_array();
    for (size_t i = 0; i < cfg->n_params; i++)
      json_array_append_new(x, json_real(r->history_x[(size_t)e * cfg->n_params + i]));
    json_array_append_new(
        hist, json_pack("{s:i,s:f,s:o}", "eval", e + 1, "objective", r->history_f[e], "values", x));
  }
  json_object_set_new(root, "config", json_string(cfg->source));
  json_object_set_new(root, "patients_per_arm", json_integer(cfg->patients_per_arm));
  json_object_set_new(root, "seed", json_integer((json_int_t)cfg->seed));
  json_object_set_new(root, "algorithm", json_string(cfg->algorithm));
  json_object_set_new(root, "nlopt_status", json_integer(r->nlopt_status));
  json_object_set_new(root, "objective", json_real(r->objective));
  json_object_set_new(root, "mean_abs_difference", json_real(r->mad));
  json_object_set_new(root, "share_within_10", json_real(r->within10));
  json_object_set_new(root, "parameters", params);
  json_object_set_new(root, "history", hist);
  snprintf(path, sizeof(path), "%s/fit.json", out);
  fp = fopen(path, "w");
  if (fp == NULL) {
    json_decref(root);
    fprintf(stderr, "psorsim calibrate: cannot write %s\n", path);
    return PSR_EXIT_FAIL;
  }
  json_dumpf(root, fp, PSR_REPORT_JSON_FLAGS);
  fputc('\n', fp);
  fclose(fp);
  json_decref(root);
  fp = open_out(out, "history.csv");
  if (fp == NULL) return PSR_EXIT_FAIL;
  fprintf(fp, "eval,objective");
  for (size_t i = 0; i < cfg->n_params; i++)
    fprintf(fp, ",%s", cfg->params[i].name);
  fputc('\n', fp);
  for (int e = 0; e < r->n_evals; e++) {
    fprintf(fp, "%d,%.4f", e + 1, r->history_f[e]);
    for (size_t i = 0; i < cfg->n_params; i++)
      fprintf(fp, ",%.6g", r->history_x[(size_t)e * cfg->n_params + i]);
    fputc('\n', fp);
  }
  fclose(fp);
  return PSR_EXIT_OK;
}

static int run_uvb(const char *csv, const char *out, const psr_set_list *sets)
{
  psorsim_ctx *ctx = NULL;
  psorsim_uvb_fit *fit = NULL;
  FILE *fp;
  int rc;
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return PSR_EXIT_FAIL;
  fprintf(stderr, "psorsim calibrate: fitting UVB sensitivity per patient in %s\n", csv);
  rc = psorsim_calib_uvb_patients(ctx, csv, sets->names, sets->values, sets->n, &fit);
  if (rc != PSORSIM_OK) {
    rc = psr_cli_fail("calibrate", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
    psorsim_ctx_free(&ctx);
    return rc;
  }
  fp = open_out(out, "uvb_patients.csv");
  if (fp) {
    fprintf(fp, "id,baseline,susceptibility,sessions,weeks,uvb_emax,rmse");
    for (int w = 1; w < 13; w++)
      fprintf(fp, ",obs_w%d,pred_w%d", w, w);
    fprintf(fp, ",fu_month,fu_obs,fu_pred\n");
  }
  printf("%5s %8s %8s %6s %9s %7s %8s %8s %8s %8s %8s\n", "id", "baseline", "sessions", "weeks",
         "uvb_emax", "rmse", "obs_end", "pred_end", "fu_month", "fu_obs", "fu_pred");
  for (size_t i = 0; i < fit->n; i++) {
    const psorsim_uvb_patient *p = &fit->patients[i];
    int last = 0;
    for (int w = 1; w < 13; w++)
      if (!isnan(p->week_obs[w])) last = w;
    printf("%5d %8.1f %8d %6d %9.4f %7.2f %8.1f %8.1f %8.0f %8.1f %8.1f\n", p->id, p->baseline,
           p->n_sessions, p->n_weeks, p->uvb_emax, p->rmse, last ? p->week_obs[last] : NAN,
           last ? p->week_pred[last] : NAN, p->fu_month, p->fu_obs, p->fu_pred);
    if (fp) {
      fprintf(fp, "%d,%.2f,%.6g,%d,%d,%.6g,%.4g", p->id, p->baseline, p->susceptibility,
              p->n_sessions, p->n_weeks, p->uvb_emax, p->rmse);
      for (int w = 1; w < 13; w++)
        fprintf(fp, ",%.3g,%.3g", p->week_obs[w], p->week_pred[w]);
      fprintf(fp, ",%g,%g,%.3g\n", p->fu_month, p->fu_obs, p->fu_pred);
    }
  }
  if (fp) fclose(fp);
  printf("\nfitted sensitivity: median %.4f per J/cm2 per day, CV %.2f (log-normal)\n", fit->median,
         fit->cv);
  printf("covariate model: sensitivity %.4f x (susceptibility / %.2f)^%.2f, residual CV %.2f\n",
         fit->typical, fit->susc_ref, fit->susc_exponent, fit->resid_cv);
  printf("weekly PASI: RMSE %.2f points, Pearson r %.3f (predicted vs observed)\n", fit->rmse_all,
         fit->r_weekly);
  printf("follow-up: %d patients with a PASI, mean |error| %.2f points; relapse (PASI >= 50 %% "
         "of baseline) observed %d, predicted %d, agreement %d/%d\n",
         fit->fu_n, fit->fu_mae, fit->relapse_obs, fit->relapse_pred, fit->relapse_agree,
         fit->fu_n);
  psorsim_uvb_fit_free(&fit);
  psorsim_ctx_free(&ctx);
  return PSR_EXIT_OK;
}

static int run_cv(psorsim_ctx *ctx, const psorsim_calib_config *cfg, const char *out)
{
  psorsim_calib_cv *cv = NULL;
  FILE *fp;
  int rc = psorsim_calib_cross_validate(ctx, cfg, NULL, progress, (void *)cfg, &cv);
  if (rc != PSORSIM_OK) return psr_cli_fail("calibrate", ctx, rc, PSR_EXIT_FAIL);
  fp = open_out(out, "cross_validation.csv");
  if (fp) fprintf(fp, "file,arm,endpoint,observed,full_fit,cross_validated,difference\n");
  printf("\n  %-30s %-30s %-16s %8s %8s %8s %8s\n", "left-out file", "arm", "endpoint", "observed",
         "full", "cv", "cv-obs");
  for (size_t i = 0; i < cv->n_obs; i++) {
    const psorsim_calib_obs *o = &cv->obs[i];
    const char *fb = base_name(cfg->files[o->file].path);
    printf("  %-30.30s %-30.30s %-16s %8.1f %8.1f %8.1f %+8.1f\n", fb, o->arm, o->endpoint,
           o->observed, cv->full_predicted[i], o->predicted, o->predicted - o->observed);
    if (fp) {
      fprintf(fp, "%s,\"%s\",%s,%.3f,%.3f,%.3f,%.3f\n", fb, o->arm, o->endpoint, o->observed,
              cv->full_predicted[i], o->predicted, o->predicted - o->observed);
    }
  }
  if (fp) {
    fprintf(fp, "\n# refit values per left-out file\nfile");
    for (size_t j = 0; j < cfg->n_params; j++)
      fprintf(fp, ",%s", cfg->params[j].name);
    fputc('\n', fp);
    for (size_t k = 0; k < cv->n_files; k++) {
      fprintf(fp, "%s", base_name(cfg->files[k].path));
      for (size_t j = 0; j < cfg->n_params; j++)
        fprintf(fp, ",%.5g", cv->refit_values[k * cfg->n_params + j]);
      fputc('\n', fp);
    }
    fclose(fp);
  }
  printf("\n  cross-validated: mean absolute difference %.2f points, %.0f %% within 10 points\n",
         cv->mad, cv->within10);
  psorsim_calib_cv_free(&cv);
  return PSR_EXIT_OK;
}

int psr_cmd_calibrate(int argc, char **argv)
{
  psr_opts it;
  const char *name, *value, *file = NULL, *out = "calibrate-out", *uvb = NULL;
  psr_set_list sets;
  psorsim_ctx *ctx = NULL;
  psorsim_calib_config *cfg = NULL, local;
  psorsim_calib_result *r = NULL;
  const char **fixed_names = NULL;
  double *fixed_values = NULL;
  long patients = 0, max_evals = 0, threads = -1;
  int kind, evaluate = 0, cross = 0, rc, exit_code = PSR_EXIT_OK;

  memset(&sets, 0, sizeof(sets));
  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 0)) != 0) {
    long v;
    if (kind < 0) {
      if (file != NULL) return psr_cli_usage_error("calibrate", "unexpected argument '%s'", value);
      file = value;
      continue;
    }
    if (strcmp(name, "--help") == 0) {
      fputs(psr_usage_calibrate, stdout);
      return PSR_EXIT_OK;
    }
    if (strcmp(name, "--evaluate") == 0 && value == NULL) {
      evaluate = 1;
      continue;
    }
    if (strcmp(name, "--cross-validate") == 0 && value == NULL) {
      cross = 1;
      continue;
    }
    if (strcmp(name, "--out") != 0 && strcmp(name, "--patients") != 0 &&
        strcmp(name, "--max-evals") != 0 && strcmp(name, "--threads") != 0 &&
        strcmp(name, "--set") != 0 && strcmp(name, "--uvb-patients") != 0) {
      return psr_cli_usage_error("calibrate", "unknown option '%s'", name);
    }
    if (value == NULL) {
      if (it.i >= it.argc)
        return psr_cli_usage_error("calibrate", "option '%s' needs a value", name);
      value = it.argv[it.i++];
    }
    if (strcmp(name, "--out") == 0) {
      out = value;
    } else if (strcmp(name, "--uvb-patients") == 0) {
      uvb = value;
    } else if (strcmp(name, "--set") == 0) {
      if (psr_set_list_add(&sets, "calibrate", value) != 0) return PSR_EXIT_USAGE;
    } else {
      if (psr_parse_int(value, &v) != 0 || v < (strcmp(name, "--threads") == 0 ? 0 : 1) ||
          v > 100000000) {
        return psr_cli_usage_error("calibrate", "option %s expects an integer, got '%s'", name,
                                   value);
      }
      if (strcmp(name, "--patients") == 0) patients = v;
      if (strcmp(name, "--max-evals") == 0) max_evals = v;
      if (strcmp(name, "--threads") == 0) threads = v;
    }
  }
  if (evaluate && cross) {
    return psr_cli_usage_error("calibrate", "--evaluate and --cross-validate exclude each other");
  }
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return PSR_EXIT_FAIL;
  if ((rc = psorsim_io_mkdir_p(ctx, out)) != PSORSIM_OK) {
    exit_code = psr_cli_fail("calibrate", ctx, rc, PSR_EXIT_USAGE);
    goto done;
  }
  if (uvb != NULL) {
    exit_code = run_uvb(uvb, out, &sets);
    goto done;
  }
  if (file == NULL) {
    exit_code = psr_cli_usage_error("calibrate", "missing CONFIG.yaml (or --uvb-patients CSV)");
    goto done;
  }
  rc = psorsim_calib_config_load(ctx, file, &cfg);
  if (rc != PSORSIM_OK) {
    exit_code =
        psr_cli_fail("calibrate", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
    goto done;
  }
  local = *cfg;
  if (patients > 0) local.patients_per_arm = (int)patients;
  if (max_evals > 0) local.max_evals = local.cv_max_evals = (int)max_evals;
  if (threads >= 0) local.threads = (int)threads;
  if (sets.n > 0) { /* --set: extra fixed overrides, after the config's (so they win) */
    fixed_names = calloc(cfg->n_fixed + (size_t)sets.n, sizeof(char *));
    fixed_values = calloc(cfg->n_fixed + (size_t)sets.n, sizeof(double));
    if (fixed_names == NULL || fixed_values == NULL) {
      exit_code = PSR_EXIT_FAIL;
      goto done;
    }
    for (size_t j = 0; j < cfg->n_fixed; j++) {
      fixed_names[j] = cfg->fixed_names[j];
      fixed_values[j] = cfg->fixed_values[j];
    }
    for (int j = 0; j < sets.n; j++) {
      fixed_names[cfg->n_fixed + (size_t)j] = sets.names[j];
      fixed_values[cfg->n_fixed + (size_t)j] = sets.values[j];
    }
    local.fixed_names = fixed_names;
    local.fixed_values = fixed_values;
    local.n_fixed = cfg->n_fixed + (size_t)sets.n;
  }
  fprintf(stderr, "psorsim calibrate: %s: %zu files, %zu parameters, %d patients/arm, seed %llu\n",
          file, local.n_files, local.n_params, local.patients_per_arm,
          (unsigned long long)local.seed);
  if (cross) {
    exit_code = run_cv(ctx, &local, out);
    goto done;
  }
  rc = evaluate ? psorsim_calib_evaluate(ctx, &local, NULL, &r)
                : psorsim_calib_fit(ctx, &local, NULL, NULL, progress, &local, &r);
  if (rc != PSORSIM_OK) {
    exit_code = psr_cli_fail("calibrate", ctx, rc,
                             rc == PSORSIM_EINPUT || rc == PSORSIM_EUNIT || rc == PSORSIM_EIO
                                 ? PSR_EXIT_USAGE
                                 : PSR_EXIT_FAIL);
    goto done;
  }
  printf("psorsim calibrate: %s (%s, %d evaluations, %d trial runs, NLopt status %d)\n", file,
         local.algorithm, r->n_evals, r->n_runs, r->nlopt_status);
  printf("objective %.2f\n\n  %-34s %10s %10s  %s\n", r->objective, "parameter", "start", "fitted",
         "fitted to");
  for (size_t i = 0; i < local.n_params; i++) {
    printf("  %-34s %10.4g %10.4g  %s\n", local.params[i].name, r->start[i], r->best[i],
           local.params[i].fitted_to);
  }
  {
    FILE *csv = open_out(out, "observations.csv");
    print_obs(&local, r, csv);
    if (csv) fclose(csv);
  }
  exit_code = write_fit(&local, r, out);

done:
  free(fixed_names);
  free(fixed_values);
  psorsim_calib_result_free(&r);
  psorsim_calib_config_free(&cfg);
  psorsim_ctx_free(&ctx);
  psorsim_report_release_fonts();
  return exit_code;
}
