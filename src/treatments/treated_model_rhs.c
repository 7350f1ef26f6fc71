/* src/treatments/treated_model_rhs.c
 *
 * The callbacks of a treated model: exposure -> effects -> the disease
 * model's treatment inputs, then the disease right-hand side on its own
 * states and the PK right-hand side on the exposure states. Nothing here
 * allocates; the scratch lives in the engine's work block.
 *
 * PK of one systemic slot (amounts in mg, C = A_c / V1):
 *   A_d' = rate - ka A_d        (rate: frequent dosing as its average, 0 otherwise)
 *   A_c' =  ka A_d - (CL/V1) A_c - (Q/V1) A_c + (Q/V2) A_p - Vmax C / (Km + C)
 *   A_p' =  (Q/V1) A_c - (Q/V2) A_p
 * A skin depot (topical) loses its content at rate ka: S' = rate - ka S.
 * Effect of one slot at a node: E = emax C^h / (C^h + ec50^h).
 * A cell-therapy slot (treated_model_impl.h, docs/cell-therapy.md) has
 * lung cells L, local cells S and the host immune state I:
 *   L' = -k_lung L,  S' = f_home k_lung L - k_local S,
 *   I' = gain ((1 - f_home) k_lung L + k_local S) - k_immune I;
 * its inh_prolif effect reads S, every other effect reads I.
 * A linear systemic slot's compartments also hold its closed-form doses
 * (treated_model_pk.c), added wherever exposure is read and in the reported
 * states; the solver's PK states carry only zero-order inputs and jumps.
 */
#include <math.h>
#include <string.h>

#include "treated_model_impl.h"

/* Whether a node's effects add (rates, induction) rather than combine as inhibitions. */
static int node_is_additive(const psorsim_treated_model *tm, psorsim_node n)
{
  return tm->node_kind[n] == PSORSIM_INPUT_ADDITIVE;
}

/* Exposure at the effect site of effect e: the effect-site concentration
 * when the slot has one and the effect uses it, else the plasma level. cf:
 * the slot's closed-form doses now (treated_model_pk.c), or NULL. */
static double effect_exposure(const psorsim_treated_slot *sl, int e, const double *y, double c,
                              const double *cf)
{
  if (sl->tx->pk.kind == PSORSIM_PK_CELLS) { /* regeneration: local cells; the rest: host state */
    const int st =
        sl->tx->effects[e].node == PSORSIM_NODE_PROLIF ? sl->depot_state : sl->effect_state;
    return fmax(y[st], 0.0);
  }
  if (sl->effect_state >= 0 && sl->tx->effects[e].ke0_per_day > 0) {
    return fmax(y[sl->effect_state] + (cf != NULL ? cf[3] : 0.0), 0.0);
  }
  return c;
}

/* Exposure of a slot: mg/L for systemic drugs, depot units for topicals. */
static double slot_exposure(const psorsim_treated_slot *sl, const double *y, const double *q,
                            const double *cf)
{
  if (sl->tx->pk.kind == PSORSIM_PK_CELLS) { /* live cells, 10^6/kg */
    return fmax(y[sl->central_state], 0.0) + fmax(y[sl->depot_state], 0.0);
  }
  if (sl->central_state >= 0) {
    return fmax(y[sl->central_state] + (cf != NULL ? cf[1] : 0.0), 0.0) / q[TMP_V1];
  }
  if (sl->depot_state >= 0) return fmax(y[sl->depot_state], 0.0);
  return 0.0;
}

static double effect_of(double c, const double *e)
{
  const double emax = e[TMP_EMAX], ec50 = e[TMP_EC50], h = e[TMP_HILL];
  double ch;
  if (c <= 0.0 || emax == 0.0) return 0.0;
  if (ec50 <= 0.0) return emax;
  ch = h == 1.0 ? c : pow(c, h);
  return emax * ch / (ch + (h == 1.0 ? ec50 : pow(ec50, h)));
}

/* Base parameters with every treatment's effect applied, into w->pbase.
 * When effects is not NULL it receives each slot's effects in order. */
static void apply_effects(const psorsim_treated_model *tm, psr_tm_work *w, double t,
                          const double *y, const double *p, double *effects)
{
  const int nb = tm->base->n_params;
  double survive[PSORSIM_NODE_COUNT], added[PSORSIM_NODE_COUNT];
  int used[PSORSIM_NODE_COUNT] = {0};
  int k_eff = 0;

  memcpy(w->pbase, p, (size_t)nb * sizeof(double));
  for (int n = 0; n < PSORSIM_NODE_COUNT; n++) {
    survive[n] = 1.0;
    added[n] = 0.0;
  }
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const double *q = p + sl->param_offset;
    double cf[PSR_CF_N], c;
    const int closed = psr_tm_has_closed_form(sl, q);
    if (closed) psr_tm_closed_form_at(sl, q, &w->modes[k], t, cf);
    c = slot_exposure(sl, y, q, closed ? cf : NULL);
    for (int e = 0; e < sl->tx->n_effects; e++) {
      const psorsim_node node = sl->tx->effects[e].node;
      double eff = 0.0;
      if (node != PSORSIM_NODE_UVB) { /* UVB acts through session events, not exposure */
        eff = effect_of(effect_exposure(sl, e, y, c, closed ? cf : NULL),
                        q + TMP_NPK + TMP_PER_EFFECT * e);
      }
      if (node_is_additive(tm, node)) {
        added[node] += eff;
      } else {
        survive[node] *= 1.0 - fmin(fmax(eff, 0.0), 1.0);
      }
      used[node] = 1;
      if (effects != NULL) { /* UVB: the session input in force, set by events */
        effects[k_eff] =
            node == PSORSIM_NODE_UVB && tm->node_param[node] >= 0 ? p[tm->node_param[node]] : eff;
      }
      k_eff++;
    }
  }
  for (int n = 0; n < PSORSIM_NODE_COUNT; n++) {
    const int idx = tm->node_param[n];
    if (!used[n] || idx < 0) continue;
    if (node_is_additive(tm, (psorsim_node)n)) {
      w->pbase[idx] = p[idx] + added[n];
    } else {
      w->pbase[idx] = 1.0 - (1.0 - p[idx]) * survive[n];
    }
  }
}

int psr_tm_work_init(void *work, const psorsim_model *self)
{
  const psorsim_treated_model *tm = (const psorsim_treated_model *)self;
  psr_tm_work *w = work;
  char *base = work;
  w->tm = tm;
  w->pbase = (double *)(base + tm->pbase_offset);
  w->jbase = tm->base_work_offset > tm->jbase_offset ? (double *)(base + tm->jbase_offset) : NULL;
  w->base_work = tm->base->work_size > 0 ? base + tm->base_work_offset : NULL;
  w->modes = (psr_tm_modes *)(base + tm->modes_offset);
  if (tm->base->work_init != NULL) return tm->base->work_init(w->base_work, tm->base);
  return 0;
}

int psr_tm_setup(void *work, const double *p)
{
  psr_tm_work *w = work;
  for (int k = 0; k < w->tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &w->tm->slots[k];
    w->modes[k].ok = 0;
    if (psr_tm_has_closed_form(sl, p + sl->param_offset))
      psr_tm_modes_setup(sl, p + sl->param_offset, &w->modes[k]);
  }
  if (w->tm->base->setup == NULL) return 0;
  return w->tm->base->setup(w->base_work, p);
}

int psr_tm_init(double t0, double *y, const double *p, void *work)
{
  psr_tm_work *w = work;
  const psorsim_model *base = w->tm->base;
  int rc = 0;
  if (base->init != NULL) {
    rc = base->init(t0, y, p, w->base_work);
  } else {
    for (int i = 0; i < base->n_states; i++)
      y[i] = base->states[i].value;
  }
  for (int i = base->n_states; i < w->tm->model.n_states; i++)
    y[i] = 0.0;
  return rc;
}

int psr_tm_rhs(double t, const double *y, double *ydot, const double *p, void *work)
{
  psr_tm_work *w = work;
  const psorsim_treated_model *tm = w->tm;
  int rc;

  apply_effects(tm, w, t, y, p, NULL);
  rc = tm->base->rhs(t, y, ydot, w->pbase, w->base_work);
  if (rc != 0) return rc;
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const double *q = p + sl->param_offset;
    if (sl->depot_state < 0) continue;
    if (sl->tx->pk.kind == PSORSIM_PK_CELLS) {
      const double out_lung = q[TMC_K_LUNG] * y[sl->central_state];
      const double out_local = q[TMC_K_LOCAL] * y[sl->depot_state];
      const double fh = q[TMC_F_HOME];
      ydot[sl->central_state] = -out_lung;
      ydot[sl->depot_state] = fh * out_lung - out_local;
      ydot[sl->effect_state] =
          q[TMC_GAIN] * ((1.0 - fh) * out_lung + out_local) - q[TMC_K_IMMUNE] * y[sl->effect_state];
      continue;
    }
    ydot[sl->depot_state] = q[TMP_RATE] - q[TMP_KA] * y[sl->depot_state];
    if (sl->central_state < 0) continue;
    {
      const double ac = y[sl->central_state], c = ac / q[TMP_V1];
      double out = (q[TMP_CL] / q[TMP_V1]) * ac;
      if (q[TMP_VMAX] > 0 && c > 0) out += q[TMP_VMAX] * c / (q[TMP_KM] + c);
      ydot[sl->central_state] = q[TMP_KA] * y[sl->depot_state] - out;
      if (sl->peripheral_state >= 0) {
        const double flow =
            (q[TMP_Q] / q[TMP_V1]) * ac - (q[TMP_Q] / q[TMP_V2]) * y[sl->peripheral_state];
        ydot[sl->central_state] -= flow;
        ydot[sl->peripheral_state] = flow;
      }
      if (sl->effect_state >= 0) ydot[sl->effect_state] = q[TMP_KE0] * (c - y[sl->effect_state]);
    }
  }
  return 0;
}

/* The PK block of slot k as (row, col, value) triplets, columns ascending,
 * rows ascending within a column; returns the number written (<= 8). */
static int pk_block(const psorsim_treated_slot *sl, const double *y, const double *q, int *rows,
                    int *cols, double *vals)
{
  int n = 0;
  const int d = sl->depot_state, c = sl->central_state, per = sl->peripheral_state;
  const int ce = sl->effect_state;
  if (d < 0) return 0;
  if (sl->tx->pk.kind == PSORSIM_PK_CELLS) { /* states in the order L (c), S (d), I (ce) */
    const double kl = q[TMC_K_LUNG], ks = q[TMC_K_LOCAL], fh = q[TMC_F_HOME], g = q[TMC_GAIN];
    rows[n] = c, cols[n] = c, vals[n++] = -kl;
    rows[n] = d, cols[n] = c, vals[n++] = fh * kl;
    rows[n] = ce, cols[n] = c, vals[n++] = g * (1.0 - fh) * kl;
    rows[n] = d, cols[n] = d, vals[n++] = -ks;
    rows[n] = ce, cols[n] = d, vals[n++] = g * ks;
    rows[n] = ce, cols[n] = ce, vals[n++] = -q[TMC_K_IMMUNE];
    return n;
  }
  rows[n] = d, cols[n] = d, vals[n++] = -q[TMP_KA];
  if (c < 0) return n;
  rows[n] = c, cols[n] = d, vals[n++] = q[TMP_KA];
  {
    const double conc = fmax(y[c], 0.0) / q[TMP_V1];
    double dout = q[TMP_CL] / q[TMP_V1];
    if (q[TMP_VMAX] > 0) dout += q[TMP_VMAX] * q[TMP_KM] / (q[TMP_V1] * pow(q[TMP_KM] + conc, 2));
    if (per >= 0) dout += q[TMP_Q] / q[TMP_V1];
    rows[n] = c, cols[n] = c, vals[n++] = -dout;
  }
  if (per >= 0) rows[n] = per, cols[n] = c, vals[n++] = q[TMP_Q] / q[TMP_V1];
  if (ce >= 0) rows[n] = ce, cols[n] = c, vals[n++] = q[TMP_KE0] / q[TMP_V1];
  if (per >= 0) {
    rows[n] = c, cols[n] = per, vals[n++] = q[TMP_Q] / q[TMP_V2];
    rows[n] = per, cols[n] = per, vals[n++] = -q[TMP_Q] / q[TMP_V2];
  }
  if (ce >= 0) rows[n] = ce, cols[n] = ce, vals[n++] = -q[TMP_KE0];
  return n;
}

int psr_tm_jac(double t, const double *y, double *J, const double *p, void *work)
{
  psr_tm_work *w = work;
  const psorsim_treated_model *tm = w->tm;
  const int n = tm->model.n_states, nb = tm->base->n_states;
  int rc, rows[8], cols[8];
  double vals[8];

  apply_effects(tm, w, t, y, p, NULL);
  if (w->jbase != NULL) {
    memset(w->jbase, 0, (size_t)nb * (size_t)nb * sizeof(double));
    rc = tm->base->jac(t, y, w->jbase, w->pbase, w->base_work);
    if (rc != 0) return rc;
    for (int j = 0; j < nb; j++)
      memcpy(J + (size_t)j * n, w->jbase + (size_t)j * nb, (size_t)nb * sizeof(double));
  } else {
    return -1; /* the dense path is only offered when the base has a dense Jacobian */
  }
  for (int k = 0; k < tm->n_slots; k++) {
    const int m = pk_block(&tm->slots[k], y, p + tm->slots[k].param_offset, rows, cols, vals);
    for (int i = 0; i < m; i++)
      J[(size_t)cols[i] * n + rows[i]] = vals[i];
  }
  return 0;
}

int psr_tm_jac_sparse(double t, const double *y, int64_t *colptr, int64_t *rowind, double *val,
                      const double *p, void *work)
{
  psr_tm_work *w = work;
  const psorsim_treated_model *tm = w->tm;
  const int nb = tm->base->n_states;
  int64_t nz;
  int rc, rows[8], cols[8];
  double vals[8];

  apply_effects(tm, w, t, y, p, NULL);
  rc = tm->base->jac_sparse(t, y, colptr, rowind, val, w->pbase, w->base_work);
  if (rc != 0) return rc;
  nz = colptr[nb];
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const int m = pk_block(sl, y, p + sl->param_offset, rows, cols, vals);
    int col = -1;
    for (int i = 0; i < m; i++) {
      while (col < cols[i]) {
        col = col < 0 ? cols[i] : col + 1;
        colptr[col] = nz;
      }
      rowind[nz] = rows[i];
      val[nz++] = vals[i];
    }
  }
  colptr[tm->model.n_states] = nz;
  return 0;
}

/* The reported PK states of a linear systemic slot are its solver states
 * (zero-order inputs, ADD_STATE doses) plus its closed-form doses. */
int psr_tm_report_states(double t, double *y, const double *p, void *work)
{
  const psr_tm_work *w = work;
  const psorsim_treated_model *tm = w->tm;
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const int at[PSR_CF_N] = {sl->depot_state, sl->central_state, sl->peripheral_state,
                              sl->effect_state};
    double cf[PSR_CF_N];
    if (!psr_tm_has_closed_form(sl, p + sl->param_offset)) continue;
    psr_tm_closed_form_at(sl, p + sl->param_offset, &w->modes[k], t, cf);
    for (int i = 0; i < PSR_CF_N; i++) {
      if (at[i] >= 0) y[at[i]] += cf[i];
    }
  }
  return 0;
}

int psr_tm_observe(double t, const double *y, const double *p, double *obs, void *work)
{
  psr_tm_work *w = work;
  const psorsim_treated_model *tm = w->tm;
  int rc = 0;

  apply_effects(tm, w, t, y, p, obs + tm->effect_obs0);
  if (tm->base->n_obs > 0) rc = tm->base->observe(t, y, w->pbase, obs, w->base_work);
  for (int k = 0; k < tm->n_slots; k++) {
    const psorsim_treated_slot *sl = &tm->slots[k];
    const double *q = p + sl->param_offset;
    double cf[PSR_CF_N];
    const int closed = psr_tm_has_closed_form(sl, q);
    if (closed) psr_tm_closed_form_at(sl, q, &w->modes[k], t, cf);
    if (sl->conc_obs >= 0) obs[sl->conc_obs] = slot_exposure(sl, y, q, closed ? cf : NULL);
  }
  return rc;
}
