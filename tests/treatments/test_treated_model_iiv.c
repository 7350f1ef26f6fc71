/* tests/treatments/test_treated_model_iiv.c
 *
 * The variability a treated model declares: for the psoriasis model with
 * secukinumab, NB-UVB and an umbilical-cord MSC product the table lists, in
 * the order a patient's drug stream draws them, the antibody's clearance,
 * volume and absorption factors and its potency, NB-UVB's sensitivity, and
 * the cell product's kinetics, immune-state decay and three potencies, each
 * with the CV of its library entry (src/treatments/treatment_table_*.c,
 * src/cells/cell_table.c). Also the library values the overrides rescale by.
 */
#include <math.h>
#include <string.h>

#include <psorsim/cells.h>
#include <psorsim/treated_model.h>

#include "psr_test.h"

/* One expected row: kind, parameter names (NULL-terminated), CV, cap. */
typedef struct row {
  psorsim_iiv_kind kind;
  const char *params[4];
  double cv, cap;
} row;

static const row expected[] = {
    /* secukinumab: the library's medium PK variability (treatment_table_impl.h) */
    {PSORSIM_IIV_CLEARANCE,
     {"secukinumab.cl", "secukinumab.q", "secukinumab.vmax"},
     0.37,
     INFINITY},
    {PSORSIM_IIV_VOLUME, {"secukinumab.v1", "secukinumab.v2"}, 0.28, INFINITY},
    {PSORSIM_IIV_ABSORPTION, {"secukinumab.ka"}, 0.63, INFINITY},
    {PSORSIM_IIV_POTENCY, {"secukinumab.il17.ec50"}, PSORSIM_IIV_POTENCY_CV, INFINITY},
    /* nb_uvb: no PK, so only its sensitivity varies */
    {PSORSIM_IIV_UVB, {"nb_uvb.uvb.emax"}, PSORSIM_IIV_UVB_CV, INFINITY},
    /* the MSC product: kinetics CV 0.5, immune 1.0, effects 1.0 (cell_table.c) */
    {PSORSIM_IIV_CELL_KINETICS, {"msc_umbilical_cord.k_lung"}, 0.5, INFINITY},
    {PSORSIM_IIV_CELL_KINETICS, {"msc_umbilical_cord.k_local"}, 0.5, INFINITY},
    {PSORSIM_IIV_CELL_KINETICS, {"msc_umbilical_cord.f_home"}, 0.5, 1.0},
    {PSORSIM_IIV_CELL_IMMUNE, {"msc_umbilical_cord.k_immune"}, 1.0, INFINITY},
    {PSORSIM_IIV_CELL_POTENCY, {"msc_umbilical_cord.treg.ec50"}, 1.0, INFINITY},
    {PSORSIM_IIV_CELL_POTENCY, {"msc_umbilical_cord.il23.ec50"}, 1.0, INFINITY},
    {PSORSIM_IIV_CELL_POTENCY, {"msc_umbilical_cord.prolif.ec50"}, 1.0, INFINITY},
};
#define N_EXPECTED ((int)(sizeof(expected) / sizeof(expected[0])))

static psorsim_treated_model *make(psorsim_ctx *ctx)
{
  const psorsim_treatment *tx[3] = {psorsim_treatment_find("secukinumab"),
                                    psorsim_treatment_find("nb_uvb"),
                                    psorsim_cells_treatment(PSORSIM_CELL_SOURCE_UMBILICAL_CORD)};
  psorsim_treated_model *tm = NULL;
  assert_non_null(tx[0]);
  assert_non_null(tx[1]);
  assert_non_null(tx[2]);
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), tx, 3, &tm),
                   PSORSIM_OK);
  return tm;
}

static void table_lists_the_variable_parameters(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = make(ctx);
  const psorsim_model *m = psorsim_treated_model_model(tm);
  int n = -1;
  const psorsim_iiv_entry *iiv = psorsim_treated_model_variability(tm, &n);
  (void)state;
  assert_non_null(iiv);
  assert_int_equal(n, N_EXPECTED);
  for (int i = 0; i < n; i++) {
    const row *want = &expected[i];
    int np = 0;
    while (np < 4 && want->params[np] != NULL)
      np++;
    assert_int_equal(iiv[i].kind, want->kind);
    assert_int_equal(iiv[i].n_params, np);
    for (int j = 0; j < np; j++)
      assert_string_equal(m->params[iiv[i].param[j]].name, want->params[j]);
    psr_assert_rel(iiv[i].cv, want->cv, 1e-12);
    assert_true(iiv[i].cap == want->cap);
    assert_int_equal(iiv[i].dist, PSORSIM_IIV_MEAN_ONE);
    assert_int_equal(iiv[i].slot, i < 4 ? 0 : i == 4 ? 1 : 2);
  }
  /* the effect an effect factor belongs to */
  assert_int_equal(iiv[0].effect, -1);
  assert_int_equal(iiv[3].effect, 0);
  assert_int_equal(iiv[4].effect, 0);
  assert_int_equal(iiv[11].effect, 2);
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

static void nothing_varies_without_treatments(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = NULL;
  int n = -1;
  (void)state;
  assert_int_equal(psorsim_treated_model_create(ctx, psorsim_psoriasis_model(), NULL, 0, &tm),
                   PSORSIM_OK);
  assert_null(psorsim_treated_model_variability(tm, &n));
  assert_int_equal(n, 0);
  assert_null(psorsim_treated_model_variability(NULL, &n));
  assert_int_equal(n, 0);
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

/* The library value of the composite parameter called `name`. */
static double lib(const psorsim_treated_model *tm, const char *name)
{
  const int i = psorsim_model_param_index(psorsim_treated_model_model(tm), name);
  assert_true(i >= 0);
  return psorsim_treated_model_library_value(tm, i);
}

static void library_values(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  psorsim_treated_model *tm = make(ctx);
  const psorsim_model *m = psorsim_treated_model_model(tm);
  const psorsim_model *base = psorsim_psoriasis_model();
  const int is = psorsim_model_param_index(m, "susceptibility");
  (void)state;
  /* secukinumab's table entry (treatment_table_biologics.c), before weight scaling */
  psr_assert_rel(lib(tm, "secukinumab.cl"), 0.16, 1e-15);
  psr_assert_rel(lib(tm, "secukinumab.v1"), 6.2325, 1e-15);
  psr_assert_rel(lib(tm, "secukinumab.ka"), 0.6, 1e-15);
  psr_assert_rel(lib(tm, "secukinumab.il17.ec50"), 2.032, 1e-15);
  psr_assert_rel(lib(tm, "nb_uvb.uvb.emax"), 0.378, 1e-15);
  /* dose inputs and a cell therapy's kinetics have none: an override sets them as given */
  assert_true(lib(tm, "secukinumab.rate") == 0.0);
  assert_true(lib(tm, "msc_umbilical_cord.k_lung") == 0.0);
  /* a base parameter: its default */
  assert_true(psorsim_treated_model_library_value(tm, is) == base->params[is].value);
  assert_true(isnan(psorsim_treated_model_library_value(tm, -1)));
  assert_true(isnan(psorsim_treated_model_library_value(tm, m->n_params)));
  assert_true(isnan(psorsim_treated_model_library_value(NULL, 0)));
  psorsim_treated_model_free(&tm);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(table_lists_the_variable_parameters),
      cmocka_unit_test(nothing_varies_without_treatments),
      cmocka_unit_test(library_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
