/* src/cli/cmd_info.c
 *
 * `psorsim info`: list the built-in models, or describe one (states,
 * parameters with unit and source, observables), as text or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <psorsim/psoriasis.h>

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

/* Healthy and psoriatic steady states of the psoriasis model, as JSON; NULL
 * (with the message printed) when they cannot be computed. */
static json_t *psoriasis_steady_states(const psorsim_model *m)
{
  static const char *const names[2] = {"healthy", "psoriatic"};
  psorsim_ctx *ctx = NULL;
  json_t *out = json_object();
  double *y;

  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return NULL;
  y = calloc((size_t)m->n_states, sizeof(double));
  for (int b = 0; b < 2 && y != NULL; b++) {
    psorsim_psoriasis_summary s;
    json_t *o;
    int rc = psorsim_psoriasis_steady_state(ctx, NULL, (psorsim_psoriasis_basin)b, y, &s);
    if (rc != PSORSIM_OK) {
      psr_cli_fail("info", ctx, rc, PSR_EXIT_FAIL);
      json_decref(out);
      out = NULL;
      break;
    }
    o = json_object();
    json_object_set_new(o, "turnover_days", json_real(s.turnover_days));
    json_object_set_new(o, "pasi", json_real(s.pasi));
    json_object_set_new(o, "pasi_scored", json_real(s.pasi_scored));
    json_object_set_new(o, "bsa_percent", json_real(s.bsa_percent));
    json_object_set_new(o, "iga", json_real(s.iga));
    json_object_set_new(o, "dlqi", json_real(s.dlqi));
    json_object_set_new(o, "itch_nrs", json_real(s.itch_nrs));
    json_object_set_new(out, names[b], o);
  }
  free(y);
  psorsim_ctx_free(&ctx);
  return out;
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
    if (m == psorsim_psoriasis_model()) {
      json_t *ss = psoriasis_steady_states(m);
      if (ss == NULL) {
        json_decref(root);
        return PSR_EXIT_FAIL;
      }
      json_object_set_new(root, "steady_states", ss);
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
  if (m == psorsim_psoriasis_model()) {
    json_t *ss = psoriasis_steady_states(m);
    const char *key;
    json_t *v;
    if (ss == NULL) return PSR_EXIT_FAIL;
    printf("\nsteady states:\n  %-10s %14s %8s %8s %6s %6s\n", "", "turnover_days", "PASI", "BSA_%",
           "IGA", "DLQI");
    json_object_foreach(ss, key, v)
    {
      printf("  %-10s %14.3g %8.3g %8.3g %6.2g %6.3g\n", key,
             json_real_value(json_object_get(v, "turnover_days")),
             json_real_value(json_object_get(v, "pasi")),
             json_real_value(json_object_get(v, "bsa_percent")),
             json_real_value(json_object_get(v, "iga")),
             json_real_value(json_object_get(v, "dlqi")));
    }
    json_decref(ss);
  }
  return PSR_EXIT_OK;
}
