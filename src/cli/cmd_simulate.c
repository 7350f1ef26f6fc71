/* src/cli/cmd_simulate.c
 *
 * `psorsim simulate`: integrate one built-in model over a number of weeks,
 * either with a repeated dose into one of its states or, with --regimen,
 * under a treatment regimen written as a trial arm's `regimen:` list (the
 * model with those treatments attached, one typical patient), write the
 * tidy trajectory (CSV + sidecar JSON with units) and print a readable
 * summary.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/regimen.h>
#include <psorsim/regimen_file.h>
#include <psorsim/treated_model.h>
#include <psorsim/treated_patient.h>

#include "cli.h"

/* The patient of a --regimen run when not given: the virtual population's
 * mean body weight and median NB-UVB MED (src/trial/trial_impl.h,
 * docs/trial-runner.md). */
#define SIM_WEIGHT_KG      88.0
#define SIM_MED_MJ_CM2     600.0
#define SIM_WEIGHT_MIN_KG  20.0
#define SIM_WEIGHT_MAX_KG  300.0
#define SIM_MED_MAX_MJ_CM2 5000.0

const char psr_usage_simulate[] =
    "usage: psorsim simulate --model NAME [--weeks W] [--out DIR] [options]\n"
    "       psorsim simulate --model psoriasis --regimen FILE.yaml [--weeks W] [--out DIR]\n"
    "                        [--weight KG] [--med MJ] [options]\n"
    "\n"
    "Simulate one built-in model from its initial state and write\n"
    "  DIR/trajectory.csv   time_days and one column per state and observable\n"
    "  DIR/trajectory.json  the columns' units and descriptions, the parameters\n"
    "                       and the solver statistics\n"
    "then print a summary. `psorsim info` lists the models.\n"
    "\n"
    "With --regimen, one typical patient (the model's default parameters, from\n"
    "its initial state: the psoriatic steady state for `psoriasis`) is treated\n"
    "with the regimen in FILE, written as a trial arm's `regimen:` list (see\n"
    "docs/trial-format.md and examples/regimens/): either the list itself, or a\n"
    "mapping with `regimen:` and optionally `name:`, `note:` and `weeks:`. The\n"
    "trajectory then also has each drug's PK states, concentration and effect.\n"
    "Doses are checked against the treatment library (`psorsim treatments`);\n"
    "an error in FILE names FILE:LINE, the key and the treatment (exit status 2).\n"
    "\n"
    "options:\n"
    "  --model NAME        model to simulate (required)\n"
    "  --weeks W           length of the run in weeks (default 12; 0 allowed). With\n"
    "                      --regimen > 0 and required, unless FILE gives `weeks:`\n"
    "                      or every entry has until_week (the run ends at the latest)\n"
    "  --out DIR           output directory, created if missing (default psorsim-out)\n"
    "  --step-days D       spacing of the output times in days (default 1)\n"
    "  --dose MG           amount added to the dosing state at each dose, in mg\n"
    "                      (default 100 for models with a depot_mg state, else none;\n"
    "                      0 turns dosing off; not with --regimen)\n"
    "  --every-days D      dosing interval in days, first dose at day 0 (default 7)\n"
    "  --into STATE        state that receives the doses (default depot_mg)\n"
    "  --regimen FILE      treat the patient with the regimen in FILE (YAML)\n"
    "  --weight KG         body weight for mg/kg doses and PK (default 88; 20-300)\n"
    "  --med MJ            NB-UVB minimal erythema dose in mJ/cm2, for doses written\n"
    "                      in % MED (default 600)\n"
    "  --set NAME=VALUE    set a parameter (repeatable), in the parameter's unit; with\n"
    "                      --regimen also a drug's, e.g. --set secukinumab.cl=0.2\n"
    "  --rtol R, --atol A  solver tolerances (default 1e-6 and 1e-9)\n";

#define MAX_SETS 64

typedef struct sim_opts {
  const char *model;
  double weeks, step_days, dose_mg, every_days, rtol, atol, weight_kg, med_mj_cm2;
  int dose_given, weeks_given, every_given, into_given, weight_given, med_given;
  const char *into;
  const char *out;
  const char *regimen; /* regimen file, or NULL */
  const char *sets[MAX_SETS];
  int n_sets;
} sim_opts;

/* What one run needs, from the plain options or from a regimen file. */
typedef struct sim_setup {
  const psorsim_model *m;        /* the model integrated (the treated composite with --regimen) */
  psorsim_treated_model *tm;     /* owned, with --regimen */
  psorsim_regimen_spec *regimen; /* owned, with --regimen */
  double *p;                     /* m->n_params values, owned */
  psorsim_event *events;         /* n_events, owned */
  size_t n_events;
  int n_doses;     /* plain mode: doses into `into` */
  int n_treatment; /* with --regimen: distinct treatments */
} sim_setup;

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
  o->weight_kg = SIM_WEIGHT_KG;
  o->med_mj_cm2 = SIM_MED_MJ_CM2;
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
      o->into_given = 1;
    } else if (strcmp(name, "--regimen") == 0) {
      o->regimen = value;
    } else if (strcmp(name, "--weight") == 0) {
      target = &o->weight_kg;
      o->weight_given = 1;
    } else if (strcmp(name, "--med") == 0) {
      target = &o->med_mj_cm2;
      o->med_given = 1;
    } else if (strcmp(name, "--set") == 0) {
      if (o->n_sets == MAX_SETS) return psr_cli_usage_error("simulate", "too many --set options");
      o->sets[o->n_sets++] = value;
    } else if (strcmp(name, "--weeks") == 0) {
      target = &o->weeks;
      o->weeks_given = 1;
    } else if (strcmp(name, "--step-days") == 0) {
      target = &o->step_days;
    } else if (strcmp(name, "--dose") == 0) {
      target = &o->dose_mg;
      o->dose_given = 1;
    } else if (strcmp(name, "--every-days") == 0) {
      target = &o->every_days;
      o->every_given = 1;
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
  if (o->regimen != NULL && (o->dose_given || o->every_given || o->into_given)) {
    return psr_cli_usage_error("simulate", "--dose, --every-days and --into cannot be combined "
                                           "with --regimen (the regimen file gives the doses)");
  }
  if (o->regimen == NULL && (o->weight_given || o->med_given)) {
    return psr_cli_usage_error("simulate", "%s is only used with --regimen",
                               o->weight_given ? "--weight" : "--med");
  }
  if (o->weight_kg < SIM_WEIGHT_MIN_KG || o->weight_kg > SIM_WEIGHT_MAX_KG) {
    return psr_cli_usage_error("simulate", "--weight must be between %g and %g kg, got %g",
                               SIM_WEIGHT_MIN_KG, SIM_WEIGHT_MAX_KG, o->weight_kg);
  }
  if (o->med_mj_cm2 <= 0 || o->med_mj_cm2 > SIM_MED_MAX_MJ_CM2) {
    return psr_cli_usage_error("simulate", "--med must be > 0 and at most %g mJ/cm2, got %g",
                               SIM_MED_MAX_MJ_CM2, o->med_mj_cm2);
  }
  return PSR_EXIT_OK;
}

/* The --set NAME=VALUE options, checked against the model's parameters. */
typedef struct sim_sets {
  char names[MAX_SETS][128];
  const char *name[MAX_SETS]; /* names[k], as the set-up takes them */
  double value[MAX_SETS];
  int n;
} sim_sets;

/* Read the --set options into *sets; a usage error names the first bad one. */
static int parse_sets(const sim_opts *o, const psorsim_model *m, sim_sets *sets)
{
  sets->n = 0;
  for (int k = 0; k < o->n_sets; k++) {
    const char *eq = strchr(o->sets[k], '=');
    char *name = sets->names[k];
    size_t len;
    if (eq == NULL || eq == o->sets[k]) {
      return psr_cli_usage_error("simulate", "--set expects NAME=VALUE, got '%s'", o->sets[k]);
    }
    len = (size_t)(eq - o->sets[k]);
    if (len >= sizeof(sets->names[k])) {
      return psr_cli_usage_error("simulate", "parameter name too long");
    }
    memcpy(name, o->sets[k], len);
    name[len] = '\0';
    if (psorsim_model_param_index(m, name) < 0) {
      return psr_cli_usage_error("simulate", "model '%s' has no parameter '%s'", m->name, name);
    }
    if (psr_parse_double(eq + 1, &sets->value[k]) != 0) {
      return psr_cli_usage_error("simulate", "--set %s expects a number, got '%s'", name, eq + 1);
    }
    sets->name[k] = name;
    sets->n++;
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

static void print_summary(const sim_opts *o, const sim_setup *su, const double *values, int n_out,
                          const psorsim_solver_stats *st)
{
  const psorsim_model *m = su->m;
  const int width = m->n_states + m->n_obs;
  printf("psorsim simulate: model %s (%s)\n", m->name, m->description);
  printf("  %g weeks (%g days), %d output times every %g days", o->weeks, o->weeks * 7.0, n_out,
         o->step_days);
  if (su->n_doses > 0)
    printf(", %d doses of %g mg into %s every %g days", su->n_doses, o->dose_mg, o->into,
           o->every_days);
  printf("\n");
  if (su->regimen != NULL) {
    printf("  regimen %s: %zu entries, %d treatments, %zu events; patient %g kg, MED %g mJ/cm2\n",
           su->regimen->source, su->regimen->arm.n_regimen, su->n_treatment, su->n_events,
           o->weight_kg, o->med_mj_cm2);
  }
  printf("\n  %-22s %-12s %12s %12s %12s %12s\n", "column", "unit", "start", "min", "max", "end");
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

/* Plain mode: the model's defaults, --set, and --dose every --every-days into --into. */
static int setup_plain(sim_opts *o, const psorsim_model *m, sim_setup *su)
{
  const int dose_state = psorsim_model_state_index(m, o->into);
  sim_sets sets;
  int rc;
  if (o->dose_given && o->dose_mg > 0 && dose_state < 0) {
    return psr_cli_usage_error("simulate", "model '%s' has no state '%s' to dose into", m->name,
                               o->into);
  }
  if (!o->dose_given && dose_state >= 0) o->dose_mg = 100.0;
  if (o->dose_mg > 0 && dose_state >= 0) {
    su->n_doses = (int)floor(o->weeks * 7.0 / o->every_days + 1e-9) + 1;
  }
  su->m = m;
  su->p = calloc((size_t)(m->n_params + 1), sizeof(double));
  su->events = calloc((size_t)(su->n_doses + 1), sizeof(psorsim_event));
  if (su->p == NULL || su->events == NULL) {
    fprintf(stderr, "psorsim simulate: out of memory for %d doses\n", su->n_doses);
    return PSR_EXIT_FAIL;
  }
  psorsim_model_default_params(m, su->p);
  if ((rc = parse_sets(o, m, &sets)) != PSR_EXIT_OK) return rc;
  for (int k = 0; k < sets.n; k++)
    su->p[psorsim_model_param_index(m, sets.name[k])] = sets.value[k];
  for (int k = 0; k < su->n_doses; k++) {
    su->events[k] =
        (psorsim_event){k * o->every_days, PSORSIM_EVENT_ADD_STATE, dose_state, o->dose_mg};
  }
  su->n_events = (size_t)su->n_doses;
  return PSR_EXIT_OK;
}

/* --regimen: read the file, check its doses against the treatment library,
 * attach its treatments to the model and set the typical patient up
 * (psorsim_treated_patient_setup: parameters with --set, dosing events).
 * Errors in the file are exit status 2. */
static int setup_regimen(psorsim_ctx *ctx, sim_opts *o, const psorsim_model *base, sim_setup *su)
{
  const psorsim_treatment **tx = NULL;
  const psorsim_trial_arm *arm;
  psorsim_treated_patient pt;
  psorsim_setup_settings run;
  psorsim_patient_setup out;
  sim_sets sets;
  int rc;

  rc = psorsim_regimen_spec_load(ctx, o->regimen, &su->regimen);
  if (rc != PSORSIM_OK) {
    return psr_cli_fail("simulate", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
  }
  arm = &su->regimen->arm;
  if (o->weeks_given && o->weeks <= 0) {
    return psr_cli_usage_error("simulate", "--weeks must be > 0 with --regimen, got %g", o->weeks);
  }
  if (!o->weeks_given) {
    o->weeks = psorsim_regimen_spec_weeks(su->regimen);
    if (o->weeks <= 0) {
      return psr_cli_usage_error("simulate",
                                 "--weeks is required with --regimen: %s implies no end (give "
                                 "weeks: in the file, or until_week on every entry)",
                                 su->regimen->source);
    }
  }
  tx = calloc(arm->n_regimen + 1, sizeof(*tx));
  if (tx == NULL) {
    fprintf(stderr, "psorsim simulate: out of memory\n");
    return PSR_EXIT_FAIL;
  }
  /* capacity n_regimen: never fewer than the distinct treatments */
  rc = psorsim_regimen_treatments(ctx, arm, su->regimen->source, tx, (int)arm->n_regimen,
                                  &su->n_treatment);
  if (rc == PSORSIM_OK) rc = psorsim_regimen_validate(ctx, arm, su->regimen->source);
  if (rc != PSORSIM_OK) {
    free(tx);
    return psr_cli_fail("simulate", ctx, rc, PSR_EXIT_USAGE);
  }
  rc = psorsim_treated_model_create(ctx, base, tx, su->n_treatment, &su->tm);
  free(tx);
  if (rc != PSORSIM_OK) {
    return psr_cli_fail("simulate", ctx, rc, rc == PSORSIM_EINVAL ? PSR_EXIT_USAGE : PSR_EXIT_FAIL);
  }
  su->m = psorsim_treated_model_model(su->tm);
  su->p = calloc((size_t)(su->m->n_params + 1), sizeof(double));
  if (su->p == NULL) {
    fprintf(stderr, "psorsim simulate: out of memory\n");
    return PSR_EXIT_FAIL;
  }
  if ((rc = parse_sets(o, su->m, &sets)) != PSR_EXIT_OK) return rc;
  /* the typical patient: no variability, no placebo response, --set as given */
  psorsim_treated_patient_init(&pt, o->weight_kg, o->med_mj_cm2);
  psorsim_setup_settings_init(&run);
  run.override_names = sets.name;
  run.override_values = sets.value;
  run.n_overrides = sets.n;
  run.overrides_as_given = 1;
  rc = psorsim_treated_patient_setup(ctx, su->tm, arm, o->weeks, &pt, &run, su->p, NULL, 0, &out);
  if (rc == PSORSIM_OK) {
    su->events = calloc(out.n_events + 1, sizeof(psorsim_event));
    if (su->events == NULL) {
      fprintf(stderr, "psorsim simulate: out of memory for %zu events\n", out.n_events);
      return PSR_EXIT_FAIL;
    }
    rc = psorsim_treated_patient_setup(ctx, su->tm, arm, o->weeks, &pt, &run, su->p, su->events,
                                       out.n_events, &out);
  }
  if (rc != PSORSIM_OK) {
    return psr_cli_fail("simulate", ctx, rc, rc == PSORSIM_ENOMEM ? PSR_EXIT_FAIL : PSR_EXIT_USAGE);
  }
  su->n_events = out.n_events;
  return PSR_EXIT_OK;
}

int psr_cmd_simulate(int argc, char **argv)
{
  sim_opts o;
  sim_setup su;
  const psorsim_model *m;
  psorsim_ctx *ctx = NULL;
  psorsim_engine *eng = NULL;
  double *t_out = NULL, *values = NULL;
  psorsim_run run;
  int rc, exit_code = PSR_EXIT_OK, n_out;
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
  memset(&su, 0, sizeof(su));
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) {
    fprintf(stderr, "psorsim simulate: out of memory\n");
    return PSR_EXIT_FAIL;
  }
  exit_code = o.regimen != NULL ? setup_regimen(ctx, &o, m, &su) : setup_plain(&o, m, &su);
  if (exit_code != PSR_EXIT_OK) goto done;
  m = su.m;

  n_out = (int)floor(o.weeks * 7.0 / o.step_days + 1e-9) + 1;
  t_out = calloc((size_t)n_out, sizeof(double));
  values = calloc((size_t)n_out * (size_t)(m->n_states + m->n_obs), sizeof(double));
  if (t_out == NULL || values == NULL) {
    fprintf(stderr, "psorsim simulate: out of memory for %d output rows\n", n_out);
    exit_code = PSR_EXIT_FAIL;
    goto done;
  }
  for (int i = 0; i < n_out; i++)
    t_out[i] = i * o.step_days;
  if (n_out > 1 && t_out[n_out - 1] < o.weeks * 7.0 - 1e-9) t_out[n_out - 1] = o.weeks * 7.0;

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
  run.params = su.p;
  run.t_out = t_out;
  run.n_out = n_out;
  run.events = su.events;
  run.n_events = (int)su.n_events;
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
      rc = psorsim_trajectory_write_meta(ctx, &tr, su.p, psorsim_engine_stats(eng), path);
    }
    if (rc != PSORSIM_OK) {
      exit_code = psr_cli_fail("simulate", ctx, rc, PSR_EXIT_FAIL);
      goto done;
    }
  }
  print_summary(&o, &su, values, n_out, psorsim_engine_stats(eng));

done:
  psorsim_engine_free(&eng);
  free(values);
  free(t_out);
  free(su.events);
  free(su.p);
  psorsim_treated_model_free(&su.tm);
  psorsim_regimen_spec_free(&su.regimen);
  psorsim_ctx_free(&ctx);
  return exit_code;
}
