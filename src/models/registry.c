/* src/models/registry.c
 *
 * The model registry: the built-in models, a table filled at compile time,
 * followed by the models registered at run time. The registered models are
 * the one piece of process-wide mutable state in psorsim (model.h says why):
 * a fixed-size table of borrowed pointers, read and changed only under one
 * mutex with a static initializer, so look-ups are thread-safe while trials
 * run and nothing is allocated (or left to free at exit). The look-ups on
 * one model's tables are in model.c.
 */
#include <pthread.h>
#include <string.h>

#include "common/context_impl.h"
#include "models_impl.h"

static const psorsim_model *const builtin_models[] = {
    &psr_model_pk1,
    &psr_model_pk2,
    &psr_model_psoriasis,
};

#define N_BUILTIN ((int)(sizeof(builtin_models) / sizeof(builtin_models[0])))

/* The registered models, in registration order; guarded by registry_lock. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const psorsim_model *registered[PSORSIM_MODEL_MAX_REGISTERED];
static int n_registered;

static const psorsim_model *find_builtin(const char *name)
{
  for (int i = 0; i < N_BUILTIN; i++) {
    if (strcmp(builtin_models[i]->name, name) == 0) return builtin_models[i];
  }
  return NULL;
}

/* Index of the registered model called `name`, or -1; the caller holds the lock. */
static int find_registered_locked(const char *name)
{
  for (int i = 0; i < n_registered; i++) {
    if (strcmp(registered[i]->name, name) == 0) return i;
  }
  return -1;
}

int psorsim_model_count(void)
{
  int n;
  pthread_mutex_lock(&registry_lock);
  n = N_BUILTIN + n_registered;
  pthread_mutex_unlock(&registry_lock);
  return n;
}

const psorsim_model *psorsim_model_at(int i)
{
  const psorsim_model *m = NULL;
  if (i >= 0 && i < N_BUILTIN) return builtin_models[i];
  pthread_mutex_lock(&registry_lock);
  if (i >= N_BUILTIN && i - N_BUILTIN < n_registered) m = registered[i - N_BUILTIN];
  pthread_mutex_unlock(&registry_lock);
  return m;
}

const psorsim_model *psorsim_model_find(const char *name)
{
  const psorsim_model *m;
  int k;
  if (name == NULL) return NULL;
  m = find_builtin(name);
  if (m != NULL) return m;
  pthread_mutex_lock(&registry_lock);
  k = find_registered_locked(name);
  m = k >= 0 ? registered[k] : NULL;
  pthread_mutex_unlock(&registry_lock);
  return m;
}

int psorsim_model_register(psorsim_ctx *ctx, const psorsim_model *m)
{
  int clash, full;

  PSR_TRY(psorsim_model_validate(ctx, m));
  PSR_CHECK(ctx, find_builtin(m->name) == NULL, PSORSIM_EINVAL,
            "cannot register model '%s': a built-in model has that name", m->name);
  pthread_mutex_lock(&registry_lock);
  clash = find_registered_locked(m->name) >= 0;
  full = n_registered >= PSORSIM_MODEL_MAX_REGISTERED;
  if (!clash && !full) registered[n_registered++] = m;
  pthread_mutex_unlock(&registry_lock);
  PSR_CHECK(ctx, !clash, PSORSIM_EINVAL,
            "cannot register model '%s': a model of that name is already registered", m->name);
  PSR_CHECK(ctx, !full, PSORSIM_ENOMEM, "cannot register model '%s': %d models are registered",
            m->name, PSORSIM_MODEL_MAX_REGISTERED);
  return PSORSIM_OK;
}

int psorsim_model_unregister(psorsim_ctx *ctx, const psorsim_model *m)
{
  int k = -1;

  PSR_CHECK(ctx, m != NULL, PSORSIM_EINVAL, "no model given");
  for (int i = 0; i < N_BUILTIN; i++) {
    PSR_CHECK(ctx, builtin_models[i] != m, PSORSIM_EINVAL,
              "model '%s' is built in and cannot be unregistered", m->name);
  }
  pthread_mutex_lock(&registry_lock);
  for (int i = 0; i < n_registered && k < 0; i++) {
    if (registered[i] == m) k = i;
  }
  if (k >= 0) {
    memmove(&registered[k], &registered[k + 1],
            (size_t)(n_registered - k - 1) * sizeof(registered[0]));
    registered[--n_registered] = NULL;
  }
  pthread_mutex_unlock(&registry_lock);
  PSR_CHECK(ctx, k >= 0, PSORSIM_ENOTFOUND, "model '%s' is not registered",
            m->name != NULL ? m->name : "(unnamed)");
  return PSORSIM_OK;
}
