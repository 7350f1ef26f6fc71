/* src/treatments/treated_model_iiv.c
 *
 * The variability a treated model declares (include/psorsim/treated_model.h):
 * one table of random factors, built with the model from its treatments'
 * library entries. A patient's set-up (treated_patient.c) draws them in
 * table order, so the order here is the order of the draws in every
 * patient's drug stream: per slot the clearance, volume and absorption
 * factors, then each effect's potency or UVB sensitivity; for a cell therapy
 * (docs/cell-therapy.md) its kinetics, immune-state decay and effect
 * potencies. A factor with a zero CV is left out: it draws no number and
 * changes no parameter. A run that asks for another potency or UVB CV
 * carries each patient's draw there with the patient's own deviate
 * (psr_iiv_rescale), so the factors stay mean one.
 */
#include <math.h>

#include "common/context_impl.h"
#include "treated_model_impl.h"

/* Append one factor when its CV is positive; up to three parameters (-1: none). */
static void add(psorsim_treated_model *tm, psorsim_iiv_kind kind, int slot, int effect, double cv,
                double cap, int p0, int p1, int p2)
{
  psorsim_iiv_entry *e;
  const int ps[3] = {p0, p1, p2};
  if (!(cv > 0.0)) return;
  e = &tm->iiv[tm->n_iiv++];
  e->kind = kind;
  e->slot = slot;
  e->effect = effect;
  e->n_params = 0;
  for (int j = 0; j < 3; j++) {
    if (ps[j] >= 0) e->param[e->n_params++] = ps[j];
  }
  for (int j = e->n_params; j < 3; j++)
    e->param[j] = -1;
  e->cv = cv;
  e->dist = PSORSIM_IIV_MEAN_ONE;
  e->cap = cap;
}

/* The factors of one slot. */
static void add_slot(psorsim_treated_model *tm, int k)
{
  const psorsim_treated_slot *s = &tm->slots[k];
  const psorsim_treatment *tx = s->tx;
  const psorsim_pk_spec *pk = &tx->pk;
  const int o = s->param_offset;
  const int cells = pk->kind == PSORSIM_PK_CELLS;
  /* A cell therapy's PK places hold its kinetics: its drug factors (zero CVs
   * in the cell table) would be drawn but multiply nothing. */
  add(tm, PSORSIM_IIV_CLEARANCE, k, -1, pk->iiv_cl_cv, INFINITY, cells ? -1 : o + TMP_CL,
      cells ? -1 : o + TMP_Q, cells ? -1 : o + TMP_VMAX);
  add(tm, PSORSIM_IIV_VOLUME, k, -1, pk->iiv_v_cv, INFINITY, cells ? -1 : o + TMP_V1,
      cells ? -1 : o + TMP_V2, -1);
  add(tm, PSORSIM_IIV_ABSORPTION, k, -1, pk->iiv_ka_cv, INFINITY, cells ? -1 : o + TMP_KA, -1, -1);
  if (cells) {
    /* thin data (docs/cell-therapy.md): kinetics, immune half-life and every potency vary */
    const double kin = pk->cell_iiv_kinetics_cv;
    add(tm, PSORSIM_IIV_CELL_KINETICS, k, -1, kin, INFINITY, o + TMC_K_LUNG, -1, -1);
    add(tm, PSORSIM_IIV_CELL_KINETICS, k, -1, kin, INFINITY, o + TMC_K_LOCAL, -1, -1);
    add(tm, PSORSIM_IIV_CELL_KINETICS, k, -1, kin, 1.0, o + TMC_F_HOME, -1, -1);
    add(tm, PSORSIM_IIV_CELL_IMMUNE, k, -1, pk->cell_iiv_immune_cv, INFINITY, o + TMC_K_IMMUNE, -1,
        -1);
    for (int e = 0; e < tx->n_effects; e++) {
      add(tm, PSORSIM_IIV_CELL_POTENCY, k, e, pk->cell_iiv_effect_cv, INFINITY,
          o + TMP_NPK + TMP_PER_EFFECT * e + TMP_EC50, -1, -1);
    }
    return;
  }
  for (int e = 0; e < tx->n_effects; e++) {
    const int ef = o + TMP_NPK + TMP_PER_EFFECT * e;
    if (tx->effects[e].node == PSORSIM_NODE_UVB) {
      add(tm, PSORSIM_IIV_UVB, k, e, PSORSIM_IIV_UVB_CV, INFINITY, ef + TMP_EMAX, -1, -1);
    } else {
      add(tm, PSORSIM_IIV_POTENCY, k, e, PSORSIM_IIV_POTENCY_CV, INFINITY, ef + TMP_EC50, -1, -1);
    }
  }
}

int psr_tm_variability_build(psorsim_treated_model *tm)
{
  size_t cap = 1;
  for (int k = 0; k < tm->n_slots; k++)
    cap += 7 + (size_t)tm->slots[k].tx->n_effects; /* 3 drug + 4 cell factors at most */
  tm->iiv = psr_calloc(tm->ctx, cap, sizeof(*tm->iiv));
  if (tm->iiv == NULL) return PSORSIM_ENOMEM;
  tm->n_iiv = 0;
  for (int k = 0; k < tm->n_slots; k++)
    add_slot(tm, k);
  return PSORSIM_OK;
}

const psorsim_iiv_entry *psorsim_treated_model_variability(const psorsim_treated_model *tm, int *n)
{
  if (n != NULL) *n = tm != NULL && tm->iiv != NULL ? tm->n_iiv : 0;
  return tm != NULL && tm->n_iiv > 0 ? tm->iiv : NULL;
}

/* Log-normal sigma of a CV. */
static double omega(double cv)
{
  return sqrt(log1p(cv * cv));
}

double psr_iiv_rescale(double x, double typical, double cv_old, double cv_new)
{
  double w_old, w_new, z;
  if (!(typical > 0) || !(x > 0) || cv_old <= 0 || cv_old == cv_new) return x;
  w_old = omega(cv_old);
  w_new = omega(cv_new);
  z = (log(x / typical) + 0.5 * w_old * w_old) / w_old; /* the patient's own deviate */
  return typical * exp(w_new * z - 0.5 * w_new * w_new);
}
