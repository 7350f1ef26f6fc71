/* src/cli/cmd_simulate.c
 *
 * `psorsim simulate`: integrate one built-in model over a number of weeks,
 * optionally with a repeated dose into one of its states, write the tidy
 * trajectory (CSV + sidecar JSON with units) and print a readable summary.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char psr_usage_simulate[] =
    "usage: psorsim simulate --model NAME [--weeks W] [--out DIR] [options]\n"
    "\n"
    "Simulate one built-in model from its initial state and write\n"
    "  DIR/trajectory.csv   time_days and one column per state and observable\n"
    "  DIR/trajectory.json  the columns' units and descriptions, the parameters\n"
    "                       and the solver statistics\n"
    "then print a summary. `psorsim info` lists the models.\n"
    "\n"
    "options:\n"
    "  --model NAME        model to simulate (required)\n"
    "  --weeks W           length of the run in weeks (default 12; 0 allowed)\n"
    "  --out DIR           output directory, created if missing (default psorsim-out)\n"
    "  --step-days D       spacing of the output times in days (default 1)\n"
    "  --dose MG           amount added to the dosing state at each dose, in mg\n"
    "                      (default 100 for models with a depot_mg state, else none;\n"
    "                      0 turns dosing off)\n"
    "  --every-days D      dosing interval in days, first dose at day 0 (default 7)\n"
    "  --into STATE        state that receives the doses (default depot_mg)\n"
    "  --set NAME=VALUE    set a parameter (repeatable), in the parameter's unit\n"
    "  --rtol R, --atol A  solver tolerances (default 1e-6 and 1e-9)\n";

#define MAX_SETS 64

typedef struct sim_opts {
  const char *model;
  double weeks, step_days, dose_mg, every_days, rtol, atol;
  int dose_given;
  const char *into;
  const char *out;
  const char *sets[MAX_SETS];
  int n_sets;
} sim_opts;

static int parse_options(int argc, char **argv, sim_opts *o)
{
  psr_opts it;
  const char *name, *value;
  int kind;

  memset(o, 0, sizeof(*o));
  o->weeks = 12.0;
  o->step_days = 1.0;
  o->every_days = 7.0;
  o->rtol = 1e-6;
  o->atol = 1e-9;
  o->into = "depot_mg";
  o->out = "psorsim-out";
  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 1)) != 0) {
    double *target = NULL;
    if (kind < 0) return psr_cli_usage_error("simulate", "unexpected argument '%s'", value);
    if (value == NULL) return psr_cli_usage_error("simulate", "option '%s' needs a value", name);
    if (strcmp(name, "--model") == 0) {
      o->model = value;
    } else if (strcmp(name, "--out") == 0) {
      o->out = value;
    } else if (strcmp(name, "--into") == 0) {
      o->into = value;
    } else if (strcmp(name, "--set") == 0) {
      if (o->n_sets == MAX_SETS) return psr_cli_usage_error("simulate", "too many --set options");
      o->sets[o->n_sets++] = value;
    } else if (strcmp(name, "--weeks") == 0) {
      target = &o->weeks;
    } else if (strcmp(name, "--step-days") == 0) {
      target = &o->step_days;
    } else if (strcmp(name, "--dose") == 0) {
      target = &o->dose_mg;
      o->dose_given = 1;
    } else if (strcmp(name, "--every-days") == 0) {
      target = &o->every_days;
    } else if (strcmp(name, "--rtol") == 0) {
      target = &o->rtol;
    } else if (strcmp(name, "--atol") == 0) {
      target = &o->atol;
    } else {
      return psr_cli_usage_error("simulate", "unknown option '%s'", name);
    }
    if (target != NULL && psr_parse_double(value, target) != 0) {
      return psr_cli_usage_error("simulate", "option %s expects a number, got '%s'", name, value);
    }
  }
  if (o->model == NULL) return psr_cli_usage_error("simulate", "missing --model NAME");
  if (o->weeks < 0 || o->weeks > 5200) {
    return psr_cli_usage_error("simulate", "--weeks must be between 0 and 5200, got %g", o->weeks);
  }
  if (o->step_days <= 0) {
    return psr_cli_usage_error("simulate", "--step-days must be > 0, got %g", o->step_days);
  }
  if (o->weeks * 7.0 / o->step_days > 1e7) {
    return psr_cli_usage_error("simulate", "more than 10 million output rows; raise --step-days");
  }
  if (o->every_days <= 0) {
    return psr_cli_usage_error("simulate", "--every-days must be > 0, got %g", o->every_days);
  }
  if (o->dose_mg < 0) {
    return psr_cli_usage_error("simulate", "--dose must be >= 0 mg, got %g", o->dose_mg);
  }
  return PSR_EXIT_OK;
}

/* Apply --set NAME=VALUE options to p. */
static int apply_sets(const sim_opts *o, const psorsim_model *m, double *p)
{
  for (int k = 0; k < o->n_sets; k++) {
    const char *eq = strchr(o->sets[k], '=');
    char name[128];
    double v;
    int idx;
    size_t len;
    if (eq == NULL || eq == o->sets[k]) {
      return psr_cli_usage_error("simulate", "--set expects NAME=VALUE, got '%s'", o->sets[k]);
    }
    len = (size_t)(eq - o->sets[k]);
    if (len >= sizeof(name)) return psr_cli_usage_error("simulate", "parameter name too long");
    memcpy(name, o->sets[k], len);
    name[len] = '\0';
    idx = psorsim_model_param_index(m, name);
    if (idx < 0) {
      return psr_cli_usage_error("simulate", "model '%s' has no parameter '%s'", m->name, name);
    }
    if (psr_parse_double(eq + 1, &v) != 0) {
      return psr_cli_usage_error("simulate", "--set %s expects a number, got '%s'", name, eq + 1);
    }
    p[idx] = v;
  }
  return PSR_EXIT_OK;
}

/* Print start, minimum, maximum and end of one column. */
static void summarise_column(const char *name, const char *unit, const double *values, int n_out,
                             int width, int col)
{
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n_out; i++) {
    double v = values[(size_t)i * (size_t)width + (size_t)col];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  printf("  %-22s %-12s %12.5g %12.5g %12.5g %12.5g\n", name, unit, values[col], lo, hi,
         values[(size_t)(n_out - 1) * (size_t)width + (size_t)col]);
}

static void print_summary(const sim_opts *o, const psorsim_model *m, const double *values,
                          int n_out, int n_doses, const psorsim_solver_stats *st)
{
  const int width = m->n_states + m->n_obs;
  printf("psorsim simulate: model %s (%s)\n", m->name, m->description);
  printf("  %g weeks (%g days), %d output times every %g days", o->weeks, o->weeks * 7.0, n_out,
         o->step_days);
  if (n_doses > 0)
    printf(", %d doses of %g mg into %s every %g days", n_doses, o->dose_mg, o->into,
           o->every_days);
  printf("\n\n  %-22s %-12s %12s %12s %12s %12s\n", "column", "unit", "start", "min", "max", "end");
  if (m->n_obs > 0) {
    for (int j = 0; j < m->n_obs; j++) {
      summarise_column(m->obs[j].name, m->obs[j].unit, values, n_out, width, m->n_states + j);
    }
  }
  if (m->n_obs == 0 || m->n_states <= 8) {
    for (int j = 0; j < m->n_states && j < 24; j++) {
      summarise_column(m->states[j].name, m->states[j].unit, values, n_out, width, j);
    }
  }
  printf("\n  solver: %ld steps, %ld RHS evaluations, %ld Jacobian evaluations, "
         "%ld error-test failures, %ld Newton failures, %ld restarts at events\n",
         st->steps, st->rhs_evals, st->jac_evals, st->err_test_fails, st->nonlin_conv_fails,
         st->reinits);
  printf("  wrote %s/trajectory.csv (%d rows, %d columns) and %s/trajectory.json\n", o->out, n_out,
         width + 1, o->out);
}

int psr_cmd_simulate(int argc, char **argv)
{
  sim_opts o;
  const psorsim_model *m;
  psorsim_ctx *ctx = NULL;
  psorsim_engine *eng = NULL;
  double *p = NULL, *t_out = NULL, *values = NULL;
  psorsim_event *events = NULL;
  psorsim_run run;
  int rc, exit_code = PSR_EXIT_OK, n_out, n_doses = 0, dose_state = -1;
  char path[4096];

  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    fputs(psr_usage_simulate, stdout);
    return PSR_EXIT_OK;
  }
  if ((rc = parse_options(argc, argv, &o)) != PSR_EXIT_OK) return rc;
  m = psorsim_model_find(o.model);
  if (m == NULL) {
    return psr_cli_usage_error("simulate", "unknown model '%s' (see 'psorsim info')", o.model);
  }
  dose_state = psorsim_model_state_index(m, o.into);
  if (o.dose_given && o.dose_mg > 0 && dose_state < 0) {
    return psr_cli_usage_error("simulate", "model '%s' has no state '%s' to dose into", m->name,
                               o.into);
  }
  if (!o.dose_given && dose_state >= 0) o.dose_mg = 100.0;
  if (o.dose_mg > 0 && dose_state >= 0) {
    n_doses = (int)floor(o.weeks * 7.0 / o.every_days + 1e-9) + 1;
  }
  n_out = (int)floor(o.weeks * 7.0 / o.step_days + 1e-9) + 1;

  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) {
    fprintf(stderr, "psorsim simulate: out of memory\n");
    return PSR_EXIT_FAIL;
  }
  p = calloc((size_t)(m->n_params + 1), sizeof(double));
  t_out = calloc((size_t)n_out, sizeof(double));
  values = calloc((size_t)n_out * (size_t)(m->n_states + m->n_obs), sizeof(double));
  events = calloc((size_t)(n_doses + 1), sizeof(psorsim_event));
  if (p == NULL || t_out == NULL || values == NULL || events == NULL) {
    fprintf(stderr, "psorsim simulate: out of memory for %d output rows\n", n_out);
    exit_code = PSR_EXIT_FAIL;
    goto done;
  }
  psorsim_model_default_params(m, p);
  if ((exit_code = apply_sets(&o, m, p)) != PSR_EXIT_OK) goto done;
  for (int i = 0; i < n_out; i++)
    t_out[i] = i * o.step_days;
  if (n_out > 1 && t_out[n_out - 1] < o.weeks * 7.0 - 1e-9) t_out[n_out - 1] = o.weeks * 7.0;
  for (int k = 0; k < n_doses; k++) {
    events[k] = (psorsim_event){k * o.every_days, PSORSIM_EVENT_ADD_STATE, dose_state, o.dose_mg};
  }

  if ((rc = psorsim_io_mkdir_p(ctx, o.out)) != PSORSIM_OK) {
    exit_code = psr_cli_fail("simulate", ctx, rc, PSR_EXIT_USAGE);
    goto done;
  }
  if ((rc = psorsim_engine_create(ctx, m, &eng)) != PSORSIM_OK ||
      (rc = psorsim_engine_set_tolerances(eng, o.rtol, o.atol)) != PSORSIM_OK) {
    exit_code =
        psr_cli_fail("simulate", ctx, rc, rc == PSORSIM_EINVAL ? PSR_EXIT_USAGE : PSR_EXIT_FAIL);
    goto done;
  }
  memset(&run, 0, sizeof(run));
  run.params = p;
  run.t_out = t_out;
  run.n_out = n_out;
  run.events = events;
  run.n_events = n_doses;
  run.out = values;
  if ((rc = psorsim_engine_run(eng, &run)) != PSORSIM_OK) {
    exit_code = psr_cli_fail("simulate", ctx, rc, PSR_EXIT_FAIL);
    goto done;
  }
  {
    psorsim_trajectory tr = {m, t_out, n_out, values};
    snprintf(path, sizeof(path), "%s/trajectory.csv", o.out);
    rc = psorsim_trajectory_write_csv(ctx, &tr, path);
    if (rc == PSORSIM_OK) {
      snprintf(path, sizeof(path), "%s/trajectory.json", o.out);
      rc = psorsim_trajectory_write_meta(ctx, &tr, p, psorsim_engine_stats(eng), path);
    }
    if (rc != PSORSIM_OK) {
      exit_code = psr_cli_fail("simulate", ctx, rc, PSR_EXIT_FAIL);
      goto done;
    }
  }
  print_summary(&o, m, values, n_out, n_doses, psorsim_engine_stats(eng));

done:
  psorsim_engine_free(&eng);
  free(events);
  free(values);
  free(t_out);
  free(p);
  psorsim_ctx_free(&ctx);
  return exit_code;
}
