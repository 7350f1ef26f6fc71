/* src/models/registry.c
 *
 * The table of built-in models, looked up by name, and the name look-ups on
 * a model's states, parameters and observables. The table is const: it is
 * filled at compile time, so look-ups are thread-safe.
 */
#include <string.h>

#include "models_impl.h"

static const psorsim_model *const builtin_models[] = {
    &psr_model_pk1,
    &psr_model_pk2,
    &psr_model_psoriasis,
};

#define N_BUILTIN ((int)(sizeof(builtin_models) / sizeof(builtin_models[0])))

int psorsim_model_count(void)
{
  return N_BUILTIN;
}

const psorsim_model *psorsim_model_at(int i)
{
  return (i >= 0 && i < N_BUILTIN) ? builtin_models[i] : NULL;
}

const psorsim_model *psorsim_model_find(const char *name)
{
  if (name == NULL) return NULL;
  for (int i = 0; i < N_BUILTIN; i++) {
    if (strcmp(builtin_models[i]->name, name) == 0) return builtin_models[i];
  }
  return NULL;
}

/* Index of `name` in a table of n vars, or -1. */
static int var_index(const psorsim_var *vars, int n, const char *name)
{
  if (vars == NULL || name == NULL) return -1;
  for (int i = 0; i < n; i++) {
    if (strcmp(vars[i].name, name) == 0) return i;
  }
  return -1;
}

int psorsim_model_state_index(const psorsim_model *m, const char *name)
{
  return m == NULL ? -1 : var_index(m->states, m->n_states, name);
}

int psorsim_model_param_index(const psorsim_model *m, const char *name)
{
  return m == NULL ? -1 : var_index(m->params, m->n_params, name);
}

int psorsim_model_obs_index(const psorsim_model *m, const char *name)
{
  return m == NULL ? -1 : var_index(m->obs, m->n_obs, name);
}

void psorsim_model_default_params(const psorsim_model *m, double *p)
{
  if (m == NULL || p == NULL) return;
  for (int i = 0; i < m->n_params; i++)
    p[i] = m->params[i].value;
}
