/* src/cli/cmd_info.c
 *
 * `psorsim info`: list the built-in models, or describe one (states,
 * parameters with unit and source, observables), as text or JSON.
 */
#include <stdio.h>
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
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("\n");
    json_decref(root);
    return PSR_EXIT_OK;
  }
  printf("model %s: %s\n", m->name, m->description);
  print_vars("states (initial value)", m->states, m->n_states, 1);
  print_vars("parameters", m->params, m->n_params, 1);
  print_vars("observables", m->obs, m->n_obs, 0);
  return PSR_EXIT_OK;
}
