/* src/cli/cmd_treatments.c
 *
 * `psorsim treatments`: list the treatment library (class, target, routes
 * with dose ranges, labelled regimen, PK parameters and effects with their
 * sources), as text or JSON.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include <psorsim/treatment.h>

#include "cli.h"

const char psr_usage_treatments[] =
    "usage: psorsim treatments [--json] [NAME]\n"
    "\n"
    "List every treatment psorsim knows: class, target, routes with the plausible\n"
    "dose range, the labelled regimen, pharmacokinetic parameters and the model\n"
    "node each acts on, with sources. With NAME, only that entry. --json prints\n"
    "one JSON array on standard output.\n";

static json_t *treatment_json(const psorsim_treatment *t)
{
  const psorsim_pk_spec *pk = &t->pk;
  json_t *o = json_object(), *routes = json_array(), *effects = json_array(), *aes = json_array();
  json_t *pkj = json_object();

  json_object_set_new(o, "name", json_string(t->name));
  json_object_set_new(o, "class", json_string(psorsim_tx_class_name(t->cls)));
  json_object_set_new(o, "target", json_string(t->target ? t->target : ""));
  if (t->molecule) json_object_set_new(o, "molecule", json_string(t->molecule));
  if (t->labelled_regimen) {
    json_object_set_new(o, "labelled_regimen", json_string(t->labelled_regimen));
  }
  for (int i = 0; i < t->n_routes; i++) {
    json_t *r = json_object();
    json_object_set_new(r, "route", json_string(psorsim_route_name(t->routes[i].route)));
    json_object_set_new(r, "unit", json_string(t->routes[i].unit));
    json_object_set_new(r, "min", json_real(t->routes[i].min));
    json_object_set_new(r, "max", json_real(t->routes[i].max));
    if (t->routes[i].source) json_object_set_new(r, "source", json_string(t->routes[i].source));
    json_array_append_new(routes, r);
  }
  json_object_set_new(o, "routes", routes);
  json_object_set_new(pkj, "kind",
                      json_string(pk->kind == PSORSIM_PK_SYSTEMIC     ? "systemic"
                                  : pk->kind == PSORSIM_PK_SKIN_DEPOT ? "skin_depot"
                                  : pk->kind == PSORSIM_PK_CELLS      ? "cells"
                                                                      : "none"));
  if (t->tumourigenicity_flag) json_object_set_new(o, "tumourigenicity_flag", json_true());
  if (pk->kind == PSORSIM_PK_SYSTEMIC) {
    json_object_set_new(pkj, "compartments", json_integer(pk->n_cmt));
    json_object_set_new(pkj, "ka_per_day", json_real(pk->ka_per_day));
    json_object_set_new(pkj, "f", json_real(pk->f));
    json_object_set_new(pkj, "cl_l_day", json_real(pk->cl_l_day));
    json_object_set_new(pkj, "v1_l", json_real(pk->v1_l));
    if (pk->n_cmt == 2) {
      json_object_set_new(pkj, "q_l_day", json_real(pk->q_l_day));
      json_object_set_new(pkj, "v2_l", json_real(pk->v2_l));
    }
    if (pk->vmax_mg_day > 0) {
      json_object_set_new(pkj, "vmax_mg_day", json_real(pk->vmax_mg_day));
      json_object_set_new(pkj, "km_mg_l", json_real(pk->km_mg_l));
    }
    json_object_set_new(pkj, "wt_ref_kg", json_real(pk->wt_ref_kg));
  } else if (pk->kind == PSORSIM_PK_SKIN_DEPOT) {
    json_object_set_new(pkj, "loss_per_day", json_real(pk->ka_per_day));
  }
  if (pk->source) json_object_set_new(pkj, "source", json_string(pk->source));
  json_object_set_new(o, "pk", pkj);
  for (int i = 0; i < t->n_effects; i++) {
    json_t *e = json_object();
    json_object_set_new(e, "node", json_string(psorsim_node_param_name(t->effects[i].node)));
    json_object_set_new(e, "emax", json_real(t->effects[i].emax));
    json_object_set_new(e, "ec50", json_real(t->effects[i].ec50));
    json_object_set_new(e, "hill", json_real(t->effects[i].hill));
    if (t->effects[i].source) json_object_set_new(e, "source", json_string(t->effects[i].source));
    json_array_append_new(effects, e);
  }
  json_object_set_new(o, "effects", effects);
  for (int i = 0; i < t->n_aes; i++) {
    json_t *a = json_object();
    json_object_set_new(a, "event", json_string(t->aes[i].name));
    json_object_set_new(a, "rate_per_100py", json_real(t->aes[i].rate_per_100py));
    json_object_set_new(a, "discontinue_fraction", json_real(t->aes[i].discontinue_fraction));
    if (t->aes[i].source) json_object_set_new(a, "source", json_string(t->aes[i].source));
    json_array_append_new(aes, a);
  }
  json_object_set_new(o, "adverse_events", aes);
  return o;
}

static void print_treatment(const psorsim_treatment *t)
{
  const psorsim_pk_spec *pk = &t->pk;
  printf("%s  [%s; target %s]\n", t->name, psorsim_tx_class_name(t->cls),
         t->target ? t->target : "-");
  if (t->labelled_regimen) printf("  regimen: %s\n", t->labelled_regimen);
  for (int i = 0; i < t->n_routes; i++) {
    printf("  route %-13s %g-%g %s per administration\n", psorsim_route_name(t->routes[i].route),
           t->routes[i].min, t->routes[i].max, t->routes[i].unit);
  }
  if (pk->kind == PSORSIM_PK_SYSTEMIC) {
    printf("  PK: %d-compartment, ka %.3g /day, F %.2g, CL %.3g L/day, V1 %.3g L", pk->n_cmt,
           pk->ka_per_day, pk->f, pk->cl_l_day, pk->v1_l);
    if (pk->n_cmt == 2) printf(", Q %.3g L/day, V2 %.3g L", pk->q_l_day, pk->v2_l);
    if (pk->vmax_mg_day > 0)
      printf(", Vmax %.3g mg/day, Km %.3g mg/L", pk->vmax_mg_day, pk->km_mg_l);
    printf(" (%g kg)\n", pk->wt_ref_kg);
  } else if (pk->kind == PSORSIM_PK_SKIN_DEPOT) {
    printf("  PK: skin depot, loss %.3g /day\n", pk->ka_per_day);
  } else if (pk->kind == PSORSIM_PK_CELLS) {
    printf("  kinetics: cells (lung, skin or injection site, host immune state; "
           "docs/cell-therapy.md)\n");
  }
  if (t->tumourigenicity_flag)
    printf("  safety: tumourigenicity flag%s%s\n", t->safety_note ? ": " : "",
           t->safety_note ? t->safety_note : "");
  if (pk->source) printf("      source: %s\n", pk->source);
  for (int i = 0; i < t->n_effects; i++) {
    printf("  effect on %s: Emax %.3g, EC50 %.3g, Hill %.3g  [%s]\n",
           psorsim_node_param_name(t->effects[i].node), t->effects[i].emax, t->effects[i].ec50,
           t->effects[i].hill, t->effects[i].source ? t->effects[i].source : "");
  }
}

int psr_cmd_treatments(int argc, char **argv)
{
  psr_opts it;
  const char *name, *value, *only = NULL;
  int kind, as_json = 0;

  psr_opts_init(&it, argc, argv);
  while ((kind = psr_opt_next(&it, &name, &value, 0)) != 0) {
    if (kind < 0) {
      if (only != NULL) return psr_cli_usage_error("treatments", "unexpected argument '%s'", value);
      only = value;
    } else if (strcmp(name, "--json") == 0 && value == NULL) {
      as_json = 1;
    } else if (strcmp(name, "--help") == 0) {
      fputs(psr_usage_treatments, stdout);
      return PSR_EXIT_OK;
    } else {
      return psr_cli_usage_error("treatments", "unknown option '%s'", name);
    }
  }
  if (only != NULL && psorsim_treatment_find(only) == NULL) {
    return psr_cli_usage_error("treatments", "no treatment named '%s'", only);
  }
  if (as_json) {
    json_t *arr = json_array();
    for (int i = 0; i < psorsim_treatment_count(); i++) {
      const psorsim_treatment *t = psorsim_treatment_at(i);
      if (only == NULL || strcmp(only, t->name) == 0) json_array_append_new(arr, treatment_json(t));
    }
    json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("\n");
    json_decref(arr);
    return PSR_EXIT_OK;
  }
  for (int i = 0; i < psorsim_treatment_count(); i++) {
    const psorsim_treatment *t = psorsim_treatment_at(i);
    if (only == NULL || strcmp(only, t->name) == 0) print_treatment(t);
  }
  return PSR_EXIT_OK;
}
