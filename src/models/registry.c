/* src/models/registry.c
 *
 * The table of built-in models, looked up by name. The table is const: it is
 * filled at compile time, so look-ups are thread-safe. The look-ups on one
 * model's tables are in model.c.
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
