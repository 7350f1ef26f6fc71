/* src/treatments/treated_model.c
 *
 * Builds a treated model (see include/psorsim/treated_model.h): a disease
 * model plus the exposure states and effect parameters of its treatments,
 * described by tables made here and owned by the object.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/context_impl.h"
#include "treated_model_impl.h"

static const char *const pk_param_names[TMP_NPK] = {"ka",
                                                    "f",
                                                    "tlag",
                                                    "cl",
                                                    "v1",
                                                    "q",
                                                    "v2",
                                                    "vmax",
                                                    "km",
                                                    "ke0",
                                                    "rate",
                                                    "dosed_day",
                                                    "dosed_depot_mg",
                                                    "dosed_central_mg",
                                                    "dosed_peripheral_mg",
                                                    "dosed_effect_mg_l"};
static const char *const pk_param_units[TMP_NPK] = {
    "1/day", "1",     "day",    "L/day", "L",  "L/day", "L",  "mg/day",
    "mg/L",  "1/day", "mg/day", "day",   "mg", "mg",    "mg", "mg/L"};
/* Names and units of the same parameter places in a cell-therapy slot (treated_model_impl.h). */
static const char *const cell_param_names[TMP_NPK] = {"k_lung",
                                                      "f_home",
                                                      "tlag",
                                                      "k_local",
                                                      "k_immune",
                                                      "immune_gain",
                                                      "v2",
                                                      "vmax",
                                                      "km",
                                                      "ke0",
                                                      "rate",
                                                      "dosed_day",
                                                      "dosed_depot_mg",
                                                      "dosed_central_mg",
                                                      "dosed_peripheral_mg",
                                                      "dosed_effect_mg_l"};
static const char *const cell_param_units[TMP_NPK] = {
    "1/day", "1",     "day",   "1/day", "1/day", "1",  "L",  "mg/day",
    "mg/L",  "1/day", "1/day", "day",   "mg",    "mg", "mg", "mg/L"};
static const char *const node_short[PSORSIM_NODE_COUNT] = {"il23",   "il17", "tnf", "tact",
                                                           "prolif", "treg", "uvb"};

/* Keep a formatted copy of a generated name; NULL when out of memory. */
static const char *own_name(psorsim_treated_model *tm, const char *fmt, const char *a,
                            const char *b)
{
  char buf[160];
  char *copy;
  size_t len;
  if (tm->n_names == tm->cap_names) return NULL;
  snprintf(buf, sizeof(buf), fmt, a, b);
  len = strlen(buf);
  copy = psr_malloc(tm->ctx, len + 1);
  if (copy == NULL) return NULL;
  memcpy(copy, buf, len + 1);
  tm->names[tm->n_names++] = copy;
  return copy;
}

static size_t align16(size_t n)
{
  return (n + 15u) & ~(size_t)15u;
}

void psorsim_treated_model_free(psorsim_treated_model **tmp)
{
  psorsim_treated_model *tm;
  if (tmp == NULL || *tmp == NULL) return;
  tm = *tmp;
  for (int i = 0; i < tm->n_names; i++)
    psr_free(tm->ctx, tm->names[i]);
  psr_free(tm->ctx, tm->names);
  psr_free(tm->ctx, tm->slots);
  psr_free(tm->ctx, tm->states);
  psr_free(tm->ctx, tm->params);
  psr_free(tm->ctx, tm->obs);
  psr_free(tm->ctx, tm->label);
  psr_free(tm->ctx, tm->iiv);
  psr_free(tm->ctx, tm);
  *tmp = NULL;
}

/* Count what the composite adds for one treatment. */
/* The effect-site rate of a treatment: the first nonzero ke0 of its effects (0: none). */
static double slot_ke0(const psorsim_treatment *tx)
{
  if (tx->pk.kind != PSORSIM_PK_SYSTEMIC) return 0.0;
  for (int e = 0; e < tx->n_effects; e++) {
    if (tx->effects[e].ke0_per_day > 0) return tx->effects[e].ke0_per_day;
  }
  return 0.0;
}

static void count_slot(const psorsim_treatment *tx, int *n_states, int *n_params, int *n_obs)
{
  *n_states = 0;
  if (tx->pk.kind == PSORSIM_PK_SYSTEMIC) *n_states = 2 + (tx->pk.n_cmt == 2) + (slot_ke0(tx) > 0);
  if (tx->pk.kind == PSORSIM_PK_SKIN_DEPOT) *n_states = 1;
  if (tx->pk.kind == PSORSIM_PK_CELLS) *n_states = 3; /* lung, local, host immune state */
  *n_params = TMP_NPK + TMP_PER_EFFECT * tx->n_effects;
  *n_obs = (tx->pk.kind != PSORSIM_PK_NONE) + tx->n_effects;
}

static int check_inputs(psorsim_ctx *ctx, const psorsim_model *base,
                        const psorsim_treatment *const *tx, int n_tx, int *node_param,
                        psorsim_input_kind *node_kind)
{
  PSR_CHECK(ctx, base != NULL, PSORSIM_EINVAL, "no disease model given");
  PSR_CHECK(ctx, n_tx >= 0 && (n_tx == 0 || tx != NULL), PSORSIM_EINVAL, "no treatments given");
  for (int n = 0; n < PSORSIM_NODE_COUNT; n++)
    node_param[n] = -1;
  for (int k = 0; k < n_tx; k++) {
    PSR_CHECK(ctx, tx[k] != NULL, PSORSIM_EINVAL, "treatment %d is NULL", k);
    PSR_CHECK(ctx,
              tx[k]->pk.kind != PSORSIM_PK_SYSTEMIC || tx[k]->pk.n_cmt == 1 || tx[k]->pk.n_cmt == 2,
              PSORSIM_EINVAL, "treatment '%s' has %d compartments (expected 1 or 2)", tx[k]->name,
              tx[k]->pk.n_cmt);
    for (int e = 0; e < tx[k]->n_effects; e++) {
      psorsim_node node = tx[k]->effects[e].node;
      const char *pname = psorsim_node_param_name(node);
      int idx = psorsim_model_input_index(base, pname, &node_kind[node]);
      PSR_CHECK(ctx, idx >= 0, PSORSIM_EINVAL, "model '%s' has no input '%s' for treatment '%s'",
                base->name, pname, tx[k]->name);
      node_param[node] = idx;
    }
    for (int j = 0; j < k; j++) {
      PSR_CHECK(ctx, tx[j] != tx[k], PSORSIM_EINVAL, "treatment '%s' is listed twice", tx[k]->name);
    }
  }
  return PSORSIM_OK;
}

/* The label of effect e of a treatment: its node ("il17"), with "_2", "_3"
 * when an earlier effect of the same treatment acts on the same node, so
 * parameter and observable names stay unique. */
static const char *effect_label(const psorsim_treatment *tx, int e, char *buf, size_t size)
{
  int same = 0;
  for (int j = 0; j < e; j++)
    same += tx->effects[j].node == tx->effects[e].node;
  if (same == 0) return node_short[tx->effects[e].node];
  snprintf(buf, size, "%s_%d", node_short[tx->effects[e].node], same + 1);
  return buf;
}

/* Fill the composite's tables and slot layout. */
static int build_tables(psorsim_treated_model *tm, const psorsim_treatment *const *tx)
{
  const psorsim_model *base = tm->base;
  int s = base->n_states, q = base->n_params, o = base->n_obs;

  memcpy(tm->states, base->states, (size_t)base->n_states * sizeof(psorsim_var));
  if (base->n_params > 0)
    memcpy(tm->params, base->params, (size_t)base->n_params * sizeof(psorsim_var));
  if (base->n_obs > 0) memcpy(tm->obs, base->obs, (size_t)base->n_obs * sizeof(psorsim_var));
  for (int k = 0; k < tm->n_slots; k++) {
    psorsim_treated_slot *sl = &tm->slots[k];
    const psorsim_pk_spec *pk = &tx[k]->pk;
    sl->tx = tx[k];
    sl->depot_state = sl->central_state = sl->peripheral_state = sl->conc_obs = -1;
    sl->effect_state = -1;
    if (pk->kind == PSORSIM_PK_CELLS) {
      sl->central_state = s;
      tm->states[s++] =
          (psorsim_var){own_name(tm, "%s.lung_cells", tx[k]->name, ""), "1e6 cells/kg", 0.0,
                        "cells trapped in the lungs after IV", pk->source};
      sl->depot_state = s;
      tm->states[s++] =
          (psorsim_var){own_name(tm, "%s.local_cells", tx[k]->name, ""), "1e6 cells/kg", 0.0,
                        "cells in skin or at a subcutaneous/intradermal site", pk->source};
      sl->effect_state = s;
      tm->states[s++] = (psorsim_var){own_name(tm, "%s.immune_state", tx[k]->name, ""), "1", 0.0,
                                      "host immune state induced by the cleared cells", pk->source};
    } else if (pk->kind != PSORSIM_PK_NONE) {
      const int skin = pk->kind == PSORSIM_PK_SKIN_DEPOT;
      sl->depot_state = s;
      tm->states[s++] = (psorsim_var){
          own_name(tm, skin ? "%s.skin_depot" : "%s.depot_mg", tx[k]->name, ""),
          skin ? "strength-units" : "mg", 0.0,
          skin ? "drug held in the treated skin" : "drug at the absorption site", pk->source};
      if (!skin) {
        sl->central_state = s;
        tm->states[s++] = (psorsim_var){own_name(tm, "%s.central_mg", tx[k]->name, ""), "mg", 0.0,
                                        "drug in the central compartment", pk->source};
        if (pk->n_cmt == 2) {
          sl->peripheral_state = s;
          tm->states[s++] = (psorsim_var){own_name(tm, "%s.peripheral_mg", tx[k]->name, ""), "mg",
                                          0.0, "drug in the peripheral compartment", pk->source};
        }
        if (slot_ke0(tx[k]) > 0) {
          sl->effect_state = s;
          tm->states[s++] = (psorsim_var){own_name(tm, "%s.effect_site_mg_l", tx[k]->name, ""),
                                          "mg/L", 0.0, "concentration at the effect site",
                                          "effect compartment (Sheiner 1979)"};
        }
      }
    }
    sl->param_offset = q;
    for (int j = 0; j < TMP_NPK; j++) {
      const int cells = pk->kind == PSORSIM_PK_CELLS;
      tm->params[q++] = (psorsim_var){
          own_name(tm, "%s.%s", tx[k]->name, cells ? cell_param_names[j] : pk_param_names[j]),
          cells ? cell_param_units[j] : pk_param_units[j], 0.0,
          cells ? "cell kinetics" : "pharmacokinetics", pk->source};
    }
    for (int e = 0; e < tx[k]->n_effects; e++) {
      const psorsim_effect_spec *ef = &tx[k]->effects[e];
      char label[32];
      const char *node = effect_label(tx[k], e, label, sizeof(label));
      char what[64];
      snprintf(what, sizeof(what), "%s.emax", node);
      tm->params[q++] = (psorsim_var){own_name(tm, "%s.%s", tx[k]->name, what), "1", ef->emax,
                                      "maximal effect", ef->source};
      snprintf(what, sizeof(what), "%s.ec50", node);
      tm->params[q++] = (psorsim_var){own_name(tm, "%s.%s", tx[k]->name, what),
                                      pk->kind == PSORSIM_PK_SKIN_DEPOT ? "strength-units"
                                      : pk->kind == PSORSIM_PK_CELLS
                                          ? (ef->node == PSORSIM_NODE_PROLIF ? "1e6 cells/kg" : "1")
                                          : "mg/L",
                                      ef->ec50, "exposure at half effect", ef->source};
      snprintf(what, sizeof(what), "%s.hill", node);
      tm->params[q++] = (psorsim_var){own_name(tm, "%s.%s", tx[k]->name, what), "1", ef->hill,
                                      "Hill coefficient", ef->source};
    }
    sl->n_params = q - sl->param_offset;
    if (pk->kind == PSORSIM_PK_CELLS) {
      sl->conc_obs = o;
      tm->obs[o++] = (psorsim_var){own_name(tm, "%s.live_cells", tx[k]->name, ""), "1e6 cells/kg",
                                   0.0, "cells alive in lung and skin", NULL};
    } else if (pk->kind != PSORSIM_PK_NONE) {
      sl->conc_obs = o;
      tm->obs[o++] = (psorsim_var){
          own_name(tm, pk->kind == PSORSIM_PK_SKIN_DEPOT ? "%s.skin_level" : "%s.conc_mg_l",
                   tx[k]->name, ""),
          pk->kind == PSORSIM_PK_SKIN_DEPOT ? "strength-units" : "mg/L", 0.0, "exposure", NULL};
    }
  }
  tm->effect_obs0 = o;
  for (int k = 0; k < tm->n_slots; k++) {
    for (int e = 0; e < tx[k]->n_effects; e++) {
      char label[32];
      tm->obs[o++] = (psorsim_var){
          own_name(tm, "%s.effect_%s", tx[k]->name, effect_label(tx[k], e, label, sizeof(label))),
          tx[k]->effects[e].node == PSORSIM_NODE_UVB ? "1/day" : "1", 0.0, "effect at the node",
          NULL};
    }
  }
  for (int i = 0; i < tm->n_names; i++) {
    if (tm->names[i] == NULL) return PSORSIM_ENOMEM;
  }
  return tm->n_names == tm->cap_names ? PSORSIM_OK : PSORSIM_ENOMEM;
}

int psorsim_treated_model_create(psorsim_ctx *ctx, const psorsim_model *base,
                                 const psorsim_treatment *const *tx, int n_tx,
                                 psorsim_treated_model **out)
{
  psorsim_treated_model *tm = NULL;
  int node_param[PSORSIM_NODE_COUNT];
  psorsim_input_kind node_kind[PSORSIM_NODE_COUNT] = {PSORSIM_INPUT_INHIBITION};
  int add_s = 0, add_p = 0, add_o = 0, n_names = 0;
  size_t label_len;
  int64_t pk_nnz = 0;

  PSR_CHECK(ctx, out != NULL, PSORSIM_EINVAL, "out is NULL");
  *out = NULL;
  PSR_TRY(check_inputs(ctx, base, tx, n_tx, node_param, node_kind));
  for (int k = 0; k < n_tx; k++) {
    int s, p, o;
    count_slot(tx[k], &s, &p, &o);
    add_s += s;
    add_p += p;
    add_o += o;
    n_names += s + p + o;
    pk_nnz += 8; /* at most: depot 2, central 3, peripheral 2, effect site 1 */
  }

  tm = psr_calloc(ctx, 1, sizeof(*tm));
  if (tm == NULL) goto nomem;
  tm->ctx = ctx;
  tm->base = base;
  tm->n_slots = n_tx;
  memcpy(tm->node_param, node_param, sizeof(node_param));
  memcpy(tm->node_kind, node_kind, sizeof(node_kind));
  tm->slots = psr_calloc(ctx, (size_t)(n_tx > 0 ? n_tx : 1), sizeof(*tm->slots));
  tm->states = psr_calloc(ctx, (size_t)(base->n_states + add_s), sizeof(psorsim_var));
  tm->params = psr_calloc(ctx, (size_t)(base->n_params + add_p + 1), sizeof(psorsim_var));
  tm->obs = psr_calloc(ctx, (size_t)(base->n_obs + add_o + 1), sizeof(psorsim_var));
  tm->names = psr_calloc(ctx, (size_t)(n_names + 1), sizeof(char *));
  label_len = strlen(base->name) + 16;
  for (int k = 0; k < n_tx; k++)
    label_len += strlen(tx[k]->name) + 1;
  tm->label = psr_malloc(ctx, label_len);
  if (!tm->slots || !tm->states || !tm->params || !tm->obs || !tm->names || !tm->label) goto nomem;
  tm->cap_names = n_names;
  if (build_tables(tm, tx) != PSORSIM_OK) goto nomem;
  if (psr_tm_variability_build(tm) != PSORSIM_OK) goto nomem;

  snprintf(tm->label, label_len, "%s", base->name);
  for (int k = 0; k < n_tx; k++) {
    strncat(tm->label, k == 0 ? "+" : ",", label_len - strlen(tm->label) - 1);
    strncat(tm->label, tx[k]->name, label_len - strlen(tm->label) - 1);
  }

  /* the engine scratch: header, base parameters, dense base Jacobian, base work */
  tm->pbase_offset = align16(sizeof(psr_tm_work));
  tm->jbase_offset = align16(tm->pbase_offset + (size_t)(base->n_params + 1) * sizeof(double));
  tm->base_work_offset = tm->jbase_offset;
  if (base->jac != NULL) { /* the dense path needs a scratch for the base block */
    tm->base_work_offset = align16(tm->jbase_offset + (size_t)base->n_states *
                                                          (size_t)base->n_states * sizeof(double));
  }

  tm->modes_offset = align16(tm->base_work_offset + base->work_size);
  tm->model = (psorsim_model){
      .name = tm->label,
      .description = base->description,
      .n_states = base->n_states + add_s,
      .n_params = base->n_params + add_p,
      .n_obs = base->n_obs + add_o,
      .states = tm->states,
      .params = tm->params,
      .obs = tm->obs,
      .work_size = tm->modes_offset + (size_t)(n_tx > 0 ? n_tx : 1) * sizeof(psr_tm_modes),
      .setup = psr_tm_setup,
      .init = psr_tm_init,
      .rhs = psr_tm_rhs,
      .jac = base->jac != NULL ? psr_tm_jac : NULL,
      .jac_sparse = base->jac_sparse != NULL ? psr_tm_jac_sparse : NULL,
      .jac_nnz = base->jac_sparse != NULL ? base->jac_nnz + pk_nnz : 0,
      .observe = psr_tm_observe,
      .work_init = psr_tm_work_init,
      .report_states = psr_tm_report_states,
      .n_readouts = base->n_readouts, /* the base observables come first: same indices */
      .readouts = base->readouts,
  };
  *out = tm;
  return PSORSIM_OK;

nomem:
  psorsim_treated_model_free(&tm);
  PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the treated model of '%s'", base->name);
}

const psorsim_model *psorsim_treated_model_model(const psorsim_treated_model *tm)
{
  return tm == NULL ? NULL : &tm->model;
}

const psorsim_model *psorsim_treated_model_base(const psorsim_treated_model *tm)
{
  return tm == NULL ? NULL : tm->base;
}

int psorsim_treated_model_count(const psorsim_treated_model *tm)
{
  return tm == NULL ? 0 : tm->n_slots;
}

const psorsim_treated_slot *psorsim_treated_model_slot(const psorsim_treated_model *tm, int k)
{
  return (tm == NULL || k < 0 || k >= tm->n_slots) ? NULL : &tm->slots[k];
}

/* The library value of slot parameter j (see psorsim_treated_model_library_value). */
static double slot_library_value(const psorsim_treated_slot *s, int j)
{
  const psorsim_pk_spec *pk = &s->tx->pk;
  if (pk->kind == PSORSIM_PK_CELLS && j < TMP_NPK) return 0.0; /* cell kinetics: set as given */
  switch (j) {
  case TMP_KA:
    return pk->ka_per_day;
  case TMP_F:
    return pk->f > 0 ? pk->f : 1.0;
  case TMP_TLAG:
    return pk->tlag_day;
  case TMP_CL:
    return pk->cl_l_day;
  case TMP_V1:
    return pk->v1_l;
  case TMP_Q:
    return pk->q_l_day;
  case TMP_V2:
    return pk->v2_l;
  case TMP_VMAX:
    return pk->vmax_mg_day;
  case TMP_KM:
    return pk->km_mg_l;
  case TMP_KE0:
    for (int e = 0; e < s->tx->n_effects; e++) {
      if (s->tx->effects[e].ke0_per_day > 0) return s->tx->effects[e].ke0_per_day;
    }
    return 0.0;
  case TMP_RATE:
  case TMP_CF_DAY:
  case TMP_CF_DEPOT:
  case TMP_CF_CENTRAL:
  case TMP_CF_PERIPHERAL:
  case TMP_CF_EFFECT:
    return 0.0;
  default:
    break;
  }
  {
    const int e = (j - TMP_NPK) / TMP_PER_EFFECT, k = (j - TMP_NPK) % TMP_PER_EFFECT;
    const psorsim_effect_spec *ef = &s->tx->effects[e];
    if (k == TMP_EMAX) return ef->emax;
    if (k == TMP_EC50) return ef->ec50;
    return ef->hill > 0 ? ef->hill : 1.0;
  }
}

double psorsim_treated_model_library_value(const psorsim_treated_model *tm, int index)
{
  if (tm == NULL || index < 0 || index >= tm->model.n_params) return NAN;
  if (index < tm->base->n_params) return tm->base->params[index].value;
  for (int k = 0; k < tm->n_slots; k++) {
    const int j = index - tm->slots[k].param_offset;
    if (j >= 0 && j < tm->slots[k].n_params) return slot_library_value(&tm->slots[k], j);
  }
  return NAN;
}

int psorsim_treated_model_typical_params(const psorsim_treated_model *tm, const double *base_p,
                                         double weight_kg, double *p)
{
  if (tm == NULL || p == NULL) return PSORSIM_EINVAL;
  PSR_CHECK(tm->ctx, weight_kg > 0 && isfinite(weight_kg), PSORSIM_EINVAL,
            "body weight must be positive, got %g kg", weight_kg);
  if (base_p != NULL) {
    memcpy(p, base_p, (size_t)tm->base->n_params * sizeof(double));
  } else {
    psorsim_model_default_params(tm->base, p);
  }
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const psorsim_pk_spec *pk = &sl->tx->pk;
    double *q = p + sl->param_offset;
    double wr = pk->wt_ref_kg > 0 ? weight_kg / pk->wt_ref_kg : 1.0;
    double fcl = pow(wr, pk->cl_wt_exp), fv = pow(wr, pk->v_wt_exp);
    q[TMP_KA] = pk->ka_per_day;
    q[TMP_F] = pk->f > 0 ? pk->f : 1.0;
    q[TMP_TLAG] = pk->tlag_day;
    q[TMP_CL] = pk->cl_l_day * fcl;
    q[TMP_V1] = pk->v1_l * fv;
    q[TMP_Q] = pk->q_l_day * fcl;
    q[TMP_V2] = pk->v2_l * fv;
    q[TMP_VMAX] = pk->vmax_mg_day * fcl;
    q[TMP_KM] = pk->km_mg_l;
    q[TMP_RATE] = 0.0;
    for (int j = TMP_CF_DAY; j <= TMP_CF_EFFECT; j++)
      q[j] = 0.0;
    q[TMP_KE0] = slot_ke0(sl->tx);
    if (pk->kind == PSORSIM_PK_CELLS) { /* half-lives -> rates; no allometry (doses are per kg) */
      q[TMP_TLAG] = q[TMP_V2] = q[TMP_VMAX] = q[TMP_KM] = 0.0;
      q[TMC_K_LUNG] = pk->cell_lung_t_half_day > 0 ? log(2.0) / pk->cell_lung_t_half_day : 0.0;
      q[TMC_F_HOME] = pk->cell_homing_fraction;
      q[TMC_K_LOCAL] = pk->cell_local_t_half_day > 0 ? log(2.0) / pk->cell_local_t_half_day : 0.0;
      q[TMC_K_IMMUNE] =
          pk->cell_immune_t_half_day > 0 ? log(2.0) / pk->cell_immune_t_half_day : 0.0;
      q[TMC_GAIN] = pk->cell_immune_gain;
    }
    for (int e = 0; e < sl->tx->n_effects; e++) {
      const psorsim_effect_spec *ef = &sl->tx->effects[e];
      q[TMP_NPK + TMP_PER_EFFECT * e + TMP_EMAX] = ef->emax;
      q[TMP_NPK + TMP_PER_EFFECT * e + TMP_EC50] = ef->ec50;
      q[TMP_NPK + TMP_PER_EFFECT * e + TMP_HILL] = ef->hill > 0 ? ef->hill : 1.0;
    }
  }
  return PSORSIM_OK;
}
