/* src/cli/cmd_info.c
 *
 * `psorsim info`: list the models, or describe one (states, parameters with
 * unit and source, observables and, for a model that declares them, its
 * steady states with its clinical readouts at each), as text or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

const char psr_usage_info[] =
    "usage: psorsim info [--model NAME] [--json]\n"
    "\n"
    "Without --model, list the built-in models. With it, describe the model: its\n"
    "states, parameters (value, unit, source) and observables; --json prints the\n"
    "same as one JSON object on standard output.\n";

static json_t *vars_json(const psorsim_var *vars, int n, int with_value)
{
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) {
    json_t *v = json_object();
    json_object_set_new(v, "name", json_string(vars[i].name));
    json_object_set_new(v, "unit", json_string(vars[i].unit));
    if (with_value) json_object_set_new(v, "value", json_real(vars[i].value));
    if (vars[i].description) {
      json_object_set_new(v, "description", json_string(vars[i].description));
    }
    if (vars[i].source) json_object_set_new(v, "source", json_string(vars[i].source));
    json_array_append_new(arr, v);
  }
  return arr;
}

static void print_vars(const char *title, const psorsim_var *vars, int n, int with_value)
{
  printf("\n%s (%d):\n", title, n);
  for (int i = 0; i < n; i++) {
    if (with_value) {
      printf("  %-24s %12.6g %-14s %s", vars[i].name, vars[i].value, vars[i].unit,
             vars[i].description ? vars[i].description : "");
      if (vars[i].source) printf(" [%s]", vars[i].source);
      printf("\n");
    } else {
      printf("  %-24s %-14s %s\n", vars[i].name, vars[i].unit,
             vars[i].description ? vars[i].description : "");
    }
  }
}

/* The steady states a model declares, with its observables at each: obs
 * holds n_steady rows of n_obs values (malloc'ed, the caller frees it).
 * Returns PSR_EXIT_OK, or PSR_EXIT_FAIL with the message printed. */
static int steady_states(const psorsim_model *m, double **obs_out)
{
  psorsim_ctx *ctx = NULL;
  double *y = NULL, *obs = NULL;
  int rc;

  *obs_out = NULL;
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return PSR_EXIT_FAIL;
  y = calloc((size_t)m->n_states, sizeof(double));
  obs = calloc((size_t)m->n_steady * (size_t)(m->n_obs > 0 ? m->n_obs : 1), sizeof(double));
  rc = y != NULL && obs != NULL ? PSORSIM_OK : PSORSIM_ENOMEM;
  for (int b = 0; b < m->n_steady && rc == PSORSIM_OK; b++)
    rc = psorsim_model_steady_state(ctx, m, NULL, b, y, obs + (size_t)b * (size_t)m->n_obs);
  free(y);
  if (rc != PSORSIM_OK) {
    psr_cli_fail("info", ctx, rc, PSR_EXIT_FAIL);
    free(obs);
    psorsim_ctx_free(&ctx);
    return PSR_EXIT_FAIL;
  }
  psorsim_ctx_free(&ctx);
  *obs_out = obs;
  return PSR_EXIT_OK;
}

/* The observables a summary of a steady state shows: the model's clinical
 * readouts (all of them, or those marked for one-line summaries), or every
 * observable when it declares none. Fills idx (obs indices, m->n_obs room)
 * and returns their number. */
static int summary_obs(const psorsim_model *m, int brief, int *idx)
{
  int n = 0;
  if (m->n_readouts == 0) {
    for (int k = 0; k < m->n_obs; k++)
      idx[n++] = k;
    return n;
  }
  for (int i = 0; i < m->n_readouts; i++) {
    if (brief && !m->readouts[i].summary) continue;
    idx[n++] = psorsim_model_obs_index(m, m->readouts[i].obs);
  }
  return n;
}

/* Column label, width and significant digits of observable k in the steady-state table. */
static void column(const psorsim_model *m, int k, const char **label, int *width, int *digits)
{
  static const struct {
    psorsim_readout role;
    const char *label;
    int width, digits;
  } roles[] = {{PSORSIM_READOUT_PASI, "PASI", 8, 3},
               {PSORSIM_READOUT_BSA, "BSA_%", 8, 3},
               {PSORSIM_READOUT_IGA, "IGA", 6, 2},
               {PSORSIM_READOUT_DLQI, "DLQI", 6, 3}};
  const int len = (int)strlen(m->obs[k].name) + 1;
  *label = m->obs[k].name;
  *width = len > 8 ? len : 8;
  *digits = 3;
  for (size_t r = 0; r < sizeof(roles) / sizeof(roles[0]); r++) {
    if (psorsim_model_readout_index(m, roles[r].role) == k) {
      *label = roles[r].label;
      *width = roles[r].width;
      *digits = roles[r].digits;
    }
  }
}

/* The steady states as JSON: {name: {observable: value, ...}, ...}. */
static json_t *steady_states_json(const psorsim_model *m, const double *obs)
{
  json_t *out = json_object();
  int *idx = malloc((size_t)(m->n_obs > 0 ? m->n_obs : 1) * sizeof(int));
  const int n = idx != NULL ? summary_obs(m, 0, idx) : 0;
  for (int b = 0; b < m->n_steady; b++) {
    json_t *o = json_object();
    for (int i = 0; i < n; i++)
      json_object_set_new(o, m->obs[idx[i]].name, json_real(obs[b * m->n_obs + idx[i]]));
    json_object_set_new(out, m->steady_names[b], o);
  }
  free(idx);
  return out;
}

/* The steady states as a table, one row each. */
static void print_steady_states(const psorsim_model *m, const double *obs)
{
  int *idx = malloc((size_t)(m->n_obs > 0 ? m->n_obs : 1) * sizeof(int));
  const int n = idx != NULL ? summary_obs(m, 1, idx) : 0;
  const char *label;
  int width, digits;

  printf("\nsteady states:\n  %-10s", "");
  for (int i = 0; i < n; i++) {
    column(m, idx[i], &label, &width, &digits);
    printf(" %*s", width, label);
  }
  printf("\n");
  for (int b = 0; b < m->n_steady; b++) {
    printf("  %-10s", m->steady_names[b]);
    for (int i = 0; i < n; i++) {
      column(m, idx[i], &label, &width, &digits);
      printf(" %*.*g", width, digits, obs[b * m->n_obs + idx[i]]);
    }
    printf("\n");
  }
  free(idx);
}

static int list_models(int as_json)
{
  if (as_json) {
    json_t *arr = json_array();
    for (int i = 0; i < psorsim_model_count(); i++) {
      const psorsim_model *m = psorsim_model_at(i);
      json_t *o = json_object();
      json_object_set_new(o, "name", json_string(m->name));
      json_object_set_new(o, "description", json_string(m->description));
      json_array_append_new(arr, o);
    }
    json_dumpf(arr, stdout, JSON_INDENT(2));
    printf("\n");
    json_decref(arr);
    return PSR_EXIT_OK;
  }
  printf("built-in models:\n");
  for (int i = 0; i < psorsim_model_count(); i++) {
    const psorsim_model *m = psorsim_model_at(i);
    printf("  %-12s %s\n", m->name, m->description);
  }
  return PSR_EXIT_OK;
}

int psr_cmd_info(int argc, char **argv)
{
  psr_opts it;
  const char *name, *value, *model = NULL;
  const psorsim_model *m;
  int kind, as_json = 0;

  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 0)) != 0) {
    if (kind < 0) return psr_cli_usage_error("info", "unexpected argument '%s'", value);
    if (strcmp(name, "--json") == 0 && value == NULL) {
      as_json = 1;
    } else if (strcmp(name, "--help") == 0) {
      fputs(psr_usage_info, stdout);
      return PSR_EXIT_OK;
    } else if (strcmp(name, "--model") == 0) {
      if (value == NULL) {
        if (it.i >= it.argc) return psr_cli_usage_error("info", "option '--model' needs a value");
        value = it.argv[it.i++];
      }
      model = value;
    } else {
      return psr_cli_usage_error("info", "unknown option '%s'", name);
    }
  }
  if (model == NULL) return list_models(as_json);
  m = psorsim_model_find(model);
  if (m == NULL) {
    return psr_cli_usage_error("info", "unknown model '%s' (run 'psorsim info' for the list)",
                               model);
  }
  if (as_json) {
    json_t *root = json_object();
    json_object_set_new(root, "name", json_string(m->name));
    json_object_set_new(root, "description", json_string(m->description));
    json_object_set_new(root, "states", vars_json(m->states, m->n_states, 1));
    json_object_set_new(root, "parameters", vars_json(m->params, m->n_params, 1));
    json_object_set_new(root, "observables", vars_json(m->obs, m->n_obs, 0));
    if (m->n_steady > 0) {
      double *obs;
      if (steady_states(m, &obs) != PSR_EXIT_OK) {
        json_decref(root);
        return PSR_EXIT_FAIL;
      }
      json_object_set_new(root, "steady_states", steady_states_json(m, obs));
      free(obs);
    }
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("\n");
    json_decref(root);
    return PSR_EXIT_OK;
  }
  printf("model %s: %s\n", m->name, m->description);
  print_vars("states (initial value)", m->states, m->n_states, 1);
  print_vars("parameters", m->params, m->n_params, 1);
  print_vars("observables", m->obs, m->n_obs, 0);
  if (m->n_steady > 0) {
    double *obs;
    if (steady_states(m, &obs) != PSR_EXIT_OK) return PSR_EXIT_FAIL;
    print_steady_states(m, obs);
    free(obs);
  }
  return PSR_EXIT_OK;
}
