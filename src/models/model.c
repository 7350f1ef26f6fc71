/* src/models/model.c
 *
 * What psorsim can ask of any model (model.h): the name look-ups on its
 * states, parameters and observables, its default parameters, the check of
 * its tables (psorsim_model_validate), and the optional declarations of a
 * disease model: clinical readouts, treatment inputs, patient covariates and
 * steady states, with the baseline of an untreated patient. Every function
 * here only reads the model, so all are thread-safe.
 */
#include <math.h>
#include <string.h>

#include "common/context_impl.h"
#include "models_impl.h"

/* Observables kept on the stack by psorsim_model_baseline; more are allocated. */
#define BASELINE_OBS_ON_STACK 64

/* Index of `name` in a table of n vars, or -1. */
static int var_index(const psorsim_var *vars, int n, const char *name)
{
  if (vars == NULL || name == NULL) return -1;
  for (int i = 0; i < n; i++) {
    if (vars[i].name != NULL && strcmp(vars[i].name, name) == 0) return i;
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

/* ---- declarations ------------------------------------------------------------------------- */

int psorsim_model_readout_index(const psorsim_model *m, psorsim_readout role)
{
  if (m == NULL || m->readouts == NULL || role < 0 || role >= PSORSIM_READOUT_COUNT) return -1;
  for (int i = 0; i < m->n_readouts; i++) {
    if (m->readouts[i].role == role) return psorsim_model_obs_index(m, m->readouts[i].obs);
  }
  return -1;
}

int psorsim_model_input_index(const psorsim_model *m, const char *name, psorsim_input_kind *kind)
{
  if (m == NULL || m->inputs == NULL || name == NULL) return -1;
  for (int i = 0; i < m->n_inputs; i++) {
    if (m->inputs[i].param != NULL && strcmp(m->inputs[i].param, name) == 0) {
      const int idx = psorsim_model_param_index(m, name);
      if (idx >= 0 && kind != NULL) *kind = m->inputs[i].kind;
      return idx;
    }
  }
  return -1;
}

int psorsim_model_covariate_index(const psorsim_model *m, psorsim_covariate role)
{
  if (m == NULL || m->covariates == NULL || role < 0 || role >= PSORSIM_COVARIATE_COUNT) return -1;
  for (int i = 0; i < m->n_covariates; i++) {
    if (m->covariates[i].role == role) return psorsim_model_param_index(m, m->covariates[i].param);
  }
  return -1;
}

int psorsim_model_steady_index(const psorsim_model *m, const char *name)
{
  if (m == NULL || m->steady_names == NULL || name == NULL) return -1;
  for (int i = 0; i < m->n_steady; i++) {
    if (m->steady_names[i] != NULL && strcmp(m->steady_names[i], name) == 0) return i;
  }
  return -1;
}

int psorsim_model_steady_state(psorsim_ctx *ctx, const psorsim_model *m, const double *p, int which,
                               double *y, double *obs)
{
  double *pdef = NULL;
  int rc;

  PSR_CHECK(ctx, m != NULL && y != NULL, PSORSIM_EINVAL, "model and y must not be NULL");
  PSR_CHECK(ctx, m->n_steady > 0 && m->steady != NULL, PSORSIM_EINVAL,
            "model '%s' declares no steady states", m->name);
  PSR_CHECK(ctx, which >= 0 && which < m->n_steady, PSORSIM_EINVAL,
            "model '%s' has no steady state %d (it has %d)", m->name, which, m->n_steady);
  if (p == NULL) {
    pdef = psr_malloc(ctx, (size_t)(m->n_params > 0 ? m->n_params : 1) * sizeof(double));
    if (pdef == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "default parameters of '%s'", m->name);
    psorsim_model_default_params(m, pdef);
  }
  rc = m->steady(ctx, p != NULL ? p : pdef, which, y, obs);
  psr_free(ctx, pdef);
  return rc;
}

int psorsim_model_baseline(psorsim_ctx *ctx, const psorsim_model *m, const double *p, double *y0,
                           double *readouts)
{
  double small[BASELINE_OBS_ON_STACK];
  double *obs = NULL;
  int rc;

  PSR_CHECK(ctx, m != NULL && y0 != NULL, PSORSIM_EINVAL, "model and y0 must not be NULL");
  if (readouts != NULL && m->n_obs > 0) {
    obs = m->n_obs <= BASELINE_OBS_ON_STACK ? small
                                            : psr_malloc(ctx, (size_t)m->n_obs * sizeof(double));
    if (obs == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "observables of '%s'", m->name);
  }
  rc = psorsim_model_steady_state(ctx, m, p, m->baseline_steady, y0, obs);
  if (rc == PSORSIM_OK && readouts != NULL) {
    for (int r = 0; r < PSORSIM_READOUT_COUNT; r++) {
      const int k = psorsim_model_readout_index(m, (psorsim_readout)r);
      readouts[r] = k >= 0 ? obs[k] : NAN;
    }
  }
  if (obs != small) psr_free(ctx, obs);
  return rc;
}

/* ---- validation --------------------------------------------------------------------------- */

/* A table of n vars with non-NULL, unique names; `what` names it in messages. */
static int check_vars(psorsim_ctx *ctx, const psorsim_model *m, const psorsim_var *vars, int n,
                      const char *what)
{
  PSR_CHECK(ctx, n >= 0, PSORSIM_EINVAL, "model '%s': negative number of %s", m->name, what);
  PSR_CHECK(ctx, n == 0 || vars != NULL, PSORSIM_EINVAL, "model '%s': %d %s but no table", m->name,
            n, what);
  for (int i = 0; i < n; i++) {
    PSR_CHECK(ctx, vars[i].name != NULL && vars[i].name[0] != '\0', PSORSIM_EINVAL,
              "model '%s': %s %d has no name", m->name, what, i);
    PSR_CHECK(ctx, var_index(vars, i, vars[i].name) < 0, PSORSIM_EINVAL,
              "model '%s': two %s are called '%s'", m->name, what, vars[i].name);
  }
  return PSORSIM_OK;
}

/* A declaration table of n entries (negative n or a missing table are errors). */
static int check_table(psorsim_ctx *ctx, const psorsim_model *m, const void *table, int n,
                       const char *what)
{
  PSR_CHECK(ctx, n >= 0, PSORSIM_EINVAL, "model '%s': negative number of %s", m->name, what);
  PSR_CHECK(ctx, n == 0 || table != NULL, PSORSIM_EINVAL, "model '%s': %d %s but no table", m->name,
            n, what);
  return PSORSIM_OK;
}

static int check_declarations(psorsim_ctx *ctx, const psorsim_model *m)
{
  PSR_TRY(check_table(ctx, m, m->readouts, m->n_readouts, "readouts"));
  for (int i = 0; i < m->n_readouts; i++) {
    const psorsim_model_readout *r = &m->readouts[i];
    PSR_CHECK(ctx, r->role >= PSORSIM_READOUT_OTHER && r->role < PSORSIM_READOUT_COUNT,
              PSORSIM_EINVAL, "model '%s': readout %d has an unknown role %d", m->name, i,
              (int)r->role);
    PSR_CHECK(ctx, psorsim_model_obs_index(m, r->obs) >= 0, PSORSIM_EINVAL,
              "model '%s': readout %d names '%s', which is not an observable", m->name, i,
              r->obs != NULL ? r->obs : "(null)");
    for (int j = 0; j < i && r->role != PSORSIM_READOUT_OTHER; j++) {
      PSR_CHECK(ctx, m->readouts[j].role != r->role, PSORSIM_EINVAL,
                "model '%s': readout role %d is declared twice", m->name, (int)r->role);
    }
  }
  PSR_TRY(check_table(ctx, m, m->inputs, m->n_inputs, "treatment inputs"));
  for (int i = 0; i < m->n_inputs; i++) {
    const psorsim_model_input *in = &m->inputs[i];
    PSR_CHECK(ctx, psorsim_model_param_index(m, in->param) >= 0, PSORSIM_EINVAL,
              "model '%s': treatment input '%s' is not a parameter", m->name,
              in->param != NULL ? in->param : "(null)");
    PSR_CHECK(ctx, in->kind == PSORSIM_INPUT_INHIBITION || in->kind == PSORSIM_INPUT_ADDITIVE,
              PSORSIM_EINVAL, "model '%s': treatment input '%s' has an unknown kind %d", m->name,
              in->param, (int)in->kind);
    for (int j = 0; j < i; j++) {
      PSR_CHECK(ctx, strcmp(m->inputs[j].param, in->param) != 0, PSORSIM_EINVAL,
                "model '%s': treatment input '%s' is declared twice", m->name, in->param);
    }
  }
  PSR_TRY(check_table(ctx, m, m->covariates, m->n_covariates, "covariates"));
  for (int i = 0; i < m->n_covariates; i++) {
    const psorsim_model_covariate *c = &m->covariates[i];
    PSR_CHECK(ctx, c->role >= 0 && c->role < PSORSIM_COVARIATE_COUNT, PSORSIM_EINVAL,
              "model '%s': covariate %d has an unknown role %d", m->name, i, (int)c->role);
    PSR_CHECK(ctx, psorsim_model_param_index(m, c->param) >= 0, PSORSIM_EINVAL,
              "model '%s': covariate %d names '%s', which is not a parameter", m->name, i,
              c->param != NULL ? c->param : "(null)");
    for (int j = 0; j < i; j++) {
      PSR_CHECK(ctx, m->covariates[j].role != c->role, PSORSIM_EINVAL,
                "model '%s': covariate role %d is declared twice", m->name, (int)c->role);
    }
  }
  PSR_TRY(check_table(ctx, m, m->steady_names, m->n_steady, "steady states"));
  if (m->n_steady > 0) {
    PSR_CHECK(ctx, m->steady != NULL, PSORSIM_EINVAL,
              "model '%s': steady states are named but there is no steady function", m->name);
    PSR_CHECK(ctx, m->baseline_steady >= 0 && m->baseline_steady < m->n_steady, PSORSIM_EINVAL,
              "model '%s': baseline steady state %d is not one of its %d", m->name,
              m->baseline_steady, m->n_steady);
  }
  for (int i = 0; i < m->n_steady; i++) {
    PSR_CHECK(ctx, m->steady_names[i] != NULL && m->steady_names[i][0] != '\0', PSORSIM_EINVAL,
              "model '%s': steady state %d has no name", m->name, i);
    for (int j = 0; j < i; j++) {
      PSR_CHECK(ctx, strcmp(m->steady_names[j], m->steady_names[i]) != 0, PSORSIM_EINVAL,
                "model '%s': two steady states are called '%s'", m->name, m->steady_names[i]);
    }
  }
  return PSORSIM_OK;
}

int psorsim_model_validate(psorsim_ctx *ctx, const psorsim_model *m)
{
  PSR_CHECK(ctx, m != NULL, PSORSIM_EINVAL, "no model given");
  PSR_CHECK(ctx, m->name != NULL && m->name[0] != '\0', PSORSIM_EINVAL, "a model needs a name");
  PSR_CHECK(ctx, m->n_states > 0, PSORSIM_EINVAL, "model '%s' has %d states", m->name, m->n_states);
  PSR_CHECK(ctx, m->rhs != NULL, PSORSIM_EINVAL, "model '%s' has no right-hand side", m->name);
  PSR_CHECK(ctx, m->n_obs == 0 || m->observe != NULL, PSORSIM_EINVAL,
            "model '%s' has %d observables but no observe function", m->name, m->n_obs);
  PSR_CHECK(ctx, m->jac_sparse == NULL || m->jac_nnz > 0, PSORSIM_EINVAL,
            "model '%s' has a sparse Jacobian of capacity %lld", m->name, (long long)m->jac_nnz);
  PSR_TRY(check_vars(ctx, m, m->states, m->n_states, "states"));
  PSR_TRY(check_vars(ctx, m, m->params, m->n_params, "parameters"));
  PSR_TRY(check_vars(ctx, m, m->obs, m->n_obs, "observables"));
  return check_declarations(ctx, m);
}
