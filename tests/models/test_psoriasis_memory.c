/* tests/models/test_psoriasis_memory.c
 *
 * Disease memory of the psoriasis model (docs/model.md 3.5): tissue-resident
 * memory T cells (TRM, state M of each skin site) build up in plaques, decay
 * with a half-life of years in healthy skin (faster under IL-23 blockade and
 * UVB)
 * and sensitise the keratinocyte -> DC feedback. Through the engine, with
 * SET_PARAM events switching a 90 % blockade on at day 0 and off later:
 * IL-17 blockade for 12 weeks clears and relapses within weeks to months,
 * IL-23 blockade for 12 weeks relapses later, the memory outlasts 2 years of
 * treatment (IL-23 blockade then gives the longer remission), and M decays
 * with the documented half-life.
 */
#include "psr_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/psoriasis.h>

#include "models/psoriasis_impl.h"

#define NS PSR_PSOR_NSTATES

/* ---- helpers -------------------------------------------------------------------------------- */

static void default_params(double *p)
{
  psorsim_model_default_params(psorsim_psoriasis_model(), p);
}

static int row_len(void)
{
  const psorsim_model *m = psorsim_psoriasis_model();
  return m->n_states + m->n_obs;
}

/* One engine run from y0 (NULL: model init) with outputs at t_out; malloc'ed rows of
 * n_states + n_obs. */
static double *run_model(psorsim_ctx *ctx, const double *p, const double *y0, const double *t_out,
                         int n, const psorsim_event *ev, int ne)
{
  const psorsim_model *m = psorsim_psoriasis_model();
  psorsim_engine *eng = NULL;
  psorsim_run run;
  double *out = malloc(sizeof(double) * (size_t)n * (size_t)row_len());

  assert_non_null(out);
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  memset(&run, 0, sizeof(run));
  run.params = p;
  run.y0 = y0;
  run.t_out = t_out;
  run.n_out = n;
  run.events = ev;
  run.n_events = ne;
  run.out = out;
  int rc = psorsim_engine_run(eng, &run);
  if (rc != PSORSIM_OK) print_error("engine: %s\n", psorsim_ctx_errmsg(ctx));
  assert_int_equal(rc, PSORSIM_OK);
  psorsim_engine_free(&eng);
  return out;
}

static double obs_at(const double *out, int i, int k)
{
  return out[(size_t)i * (size_t)row_len() + (size_t)NS + (size_t)k];
}

static double state_at(const double *out, int i, int k)
{
  return out[(size_t)i * (size_t)row_len() + (size_t)k];
}

/* Untreated PASI of the default patient (its psoriatic steady state). */
static double baseline_pasi(const double *p)
{
  double y[NS];
  psorsim_psoriasis_summary s;
  assert_int_equal(psorsim_psoriasis_steady_state(NULL, p, PSORSIM_PSORIASIS_PSORIATIC, y, &s),
                   PSORSIM_OK);
  return s.pasi;
}

/* Outcome of a 90 % blockade of `input` from day 0 to `weeks` weeks, followed for `follow_days`
 * days with daily outputs from the stop. */
typedef struct course {
  double pasi0;       /* untreated baseline PASI */
  double pasi_stop;   /* PASI on the day of stopping */
  double trm_stop;    /* highest-site memory M on the day of stopping */
  double relapse_day; /* first day after the stop with PASI > 50 % of baseline, or -1 */
  double pasi_end;    /* PASI at the end of the follow-up */
} course;

static course treat_and_stop(psorsim_ctx *ctx, int input, double weeks, int follow_days)
{
  double p[PP_COUNT];
  double stop = 7.0 * weeks;
  int n = follow_days + 1;
  double *t = malloc(sizeof(double) * (size_t)n);
  psorsim_event ev[2] = {{0.0, PSORSIM_EVENT_SET_PARAM, input, 0.9},
                         {stop, PSORSIM_EVENT_SET_PARAM, input, 0.0}};
  course c;

  assert_non_null(t);
  default_params(p);
  for (int i = 0; i < n; i++)
    t[i] = stop + i;
  /* outputs start at the stop; the event at `stop` applies before that output is taken, so the
   * stop-day readouts come from a separate short run */
  double t_stop[2] = {0.0, stop};
  double *o = run_model(ctx, p, NULL, t_stop, 2, ev, 1);
  c.pasi0 = baseline_pasi(p);
  c.pasi_stop = obs_at(o, 1, PO_PASI);
  c.trm_stop = obs_at(o, 1, PO_TRM_MAX);
  free(o);
  o = run_model(ctx, p, NULL, t, n, ev, 2);
  c.relapse_day = -1.0;
  for (int i = 0; i < n; i++) {
    if (obs_at(o, i, PO_PASI) > 0.5 * c.pasi0) {
      c.relapse_day = t[i] - stop;
      break;
    }
  }
  c.pasi_end = obs_at(o, n - 1, PO_PASI);
  free(o);
  free(t);
  return c;
}

/* ---- steady states -------------------------------------------------------------------------- */

static void test_memory_steady_states(void **state)
{
  /* Healthy skin carries (almost) no memory; every plaque carries memory near that of the
   * reference plaque (M = 1 by definition of trm_t_ref). */
  double p[PP_COUNT], y[NS];
  psorsim_psoriasis_summary s;
  (void)state;
  default_params(p);
  assert_int_equal(psorsim_psoriasis_steady_state(NULL, p, PSORSIM_PSORIASIS_HEALTHY, y, NULL),
                   PSORSIM_OK);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    assert_true(y[i * PSR_PSOR_NS + PSR_PSOR_M] >= 0.0);
    assert_true(y[i * PSR_PSOR_NS + PSR_PSOR_M] < 1e-4);
  }
  assert_int_equal(psorsim_psoriasis_steady_state(NULL, p, PSORSIM_PSORIASIS_PSORIATIC, y, &s),
                   PSORSIM_OK);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    double m = y[i * PSR_PSOR_NS + PSR_PSOR_M];
    double t = y[i * PSR_PSOR_NS + PSR_PSOR_T];
    if (t > 3000.0) {
      assert_true(m > 0.6 && m < 1.3); /* plaque (measured 0.68-1.23) */
    } else {
      assert_true(m < 1e-4); /* site without a psoriatic state */
    }
  }
  psr_assert_close(s.bsa_percent, 27.8, 1e-9, 1e-9); /* memory adds no plaque site */
  /* the reference plaque: uniform sites at unit gain */
  p[PP_SITE_SIGMA] = 0.0;
  p[PP_REGION_HEAD] = p[PP_REGION_UPPER] = p[PP_REGION_TRUNK] = p[PP_REGION_LOWER] = 1.0;
  assert_int_equal(psorsim_psoriasis_steady_state(NULL, p, PSORSIM_PSORIASIS_PSORIATIC, y, NULL),
                   PSORSIM_OK);
  psr_assert_rel(y[PSR_PSOR_M], 1.0, 1e-6);
  psr_assert_rel(y[PSR_PSOR_T], p[PP_TRM_T_REF], 1e-6);
  /* under a constant IL-23 blockade the steady memory at given T falls by 1 + loss * inh */
  p[PP_INH_IL23] = 0.5;
  assert_int_equal(psorsim_psoriasis_steady_state(NULL, p, PSORSIM_PSORIASIS_PSORIATIC, y, NULL),
                   PSORSIM_OK);
  double u = pow(y[PSR_PSOR_T], p[PP_TRM_N]), c = pow(p[PP_TRM_T50], p[PP_TRM_N]),
         r = pow(p[PP_TRM_T_REF], p[PP_TRM_N]);
  psr_assert_rel(y[PSR_PSOR_M], u / (c + u) * (c + r) / r / (1.0 + 0.5 * p[PP_TRM_IL23_LOSS]),
                 1e-9);
}

/* ---- decay ---------------------------------------------------------------------------------- */

static void test_memory_half_life_in_healthy_skin(void **state)
{
  /* A patient whose sites cannot relapse (susceptibility 0.3: no psoriatic state anywhere),
   * healthy skin with M = 1 at every site: M halves every trm_half_life = 800 days, and every
   * 800 / (1 + 0.9 trm_il23_loss) = 421 days under 90 % IL-23 blockade. */
  psorsim_ctx *ctx = psr_test_ctx();
  double p[PP_COUNT], y0[NS];
  const double t[] = {0.0, 800.0, 1600.0};
  const double t23[] = {0.0, 800.0 / 1.9};
  psorsim_event ev23[1] = {{0.0, PSORSIM_EVENT_SET_PARAM, PP_INH_IL23, 0.9}};
  (void)state;
  default_params(p);
  p[PP_SUSCEPTIBILITY] = 0.3;
  psr_assert_close(p[PP_TRM_HALF_LIFE], 800.0, 0.0, 1e-12); /* documented, docs/model.md 3.5 */
  assert_int_equal(psorsim_psoriasis_steady_state(ctx, p, PSORSIM_PSORIASIS_HEALTHY, y0, NULL),
                   PSORSIM_OK);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++)
    y0[i * PSR_PSOR_NS + PSR_PSOR_M] = 1.0;
  double *out = run_model(ctx, p, y0, t, 3, NULL, 0);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++) {
    /* formation in this skin (its T cells raised by the memory's own signal) adds < 0.2 % of
     * M = 1, so the decay is first order to 2e-3 */
    psr_assert_close(state_at(out, 1, i * PSR_PSOR_NS + PSR_PSOR_M), 0.5, 0.0, 2e-3);
    psr_assert_close(state_at(out, 2, i * PSR_PSOR_NS + PSR_PSOR_M), 0.25, 0.0, 2e-3);
  }
  assert_true(obs_at(out, 2, PO_PASI) == 0.0);
  free(out);
  out = run_model(ctx, p, y0, t23, 2, ev23, 1);
  for (int i = 0; i < PSR_PSOR_N_SITES; i++)
    psr_assert_close(state_at(out, 1, i * PSR_PSOR_NS + PSR_PSOR_M), 0.5, 0.0, 2e-3);
  free(out);
  /* UVB apoptosis (uvb_apopt 0.5/day for 10 days) kills TRM at trm_uvb x 0.5 = 0.1/day on top:
   * M = exp(-(ln 2 / 800 + 0.1) 10) = 0.3647 */
  {
    const double tu[] = {0.0, 10.0};
    psorsim_event evu[1] = {{0.0, PSORSIM_EVENT_SET_PARAM, PP_UVB_APOPT, 0.5}};
    psr_assert_close(p[PP_TRM_UVB], 0.2, 0.0, 1e-12); /* documented, docs/model.md 3.5 */
    out = run_model(ctx, p, y0, tu, 2, evu, 1);
    for (int i = 0; i < PSR_PSOR_N_SITES; i++)
      psr_assert_close(state_at(out, 1, i * PSR_PSOR_NS + PSR_PSOR_M),
                       exp(-(log(2.0) / 800.0 + 0.1) * 10.0), 0.0, 2e-3);
    free(out);
  }
  psorsim_ctx_free(&ctx);
}

static void test_memory_builds_slowly_in_a_new_plaque(void **state)
{
  /* A 14-day infection flips the most susceptible sites of a healthy default patient. Their
   * memory builds over years, not days, at the pace at which it is lost (one half-life, 800
   * days): measured M 0.000 18 days after the trigger, 0.29 after a year, 0.85 after four. */
  psorsim_ctx *ctx = psr_test_ctx();
  double p[PP_COUNT], y0[NS];
  const double t[] = {0.0, 42.0, 389.0, 1500.0};
  psorsim_event ev[2] = {{10.0, PSORSIM_EVENT_SET_PARAM, PP_TRIG_INFECTION, 1.0},
                         {24.0, PSORSIM_EVENT_SET_PARAM, PP_TRIG_INFECTION, 0.0}};
  (void)state;
  default_params(p);
  assert_int_equal(psorsim_psoriasis_steady_state(ctx, p, PSORSIM_PSORIASIS_HEALTHY, y0, NULL),
                   PSORSIM_OK);
  double *out = run_model(ctx, p, y0, t, 4, ev, 2);
  assert_true(obs_at(out, 0, PO_TRM_MAX) < 1e-4);
  assert_true(obs_at(out, 1, PO_TRM_MAX) < 0.01);
  assert_true(obs_at(out, 2, PO_TRM_MAX) > 0.2 && obs_at(out, 2, PO_TRM_MAX) < 0.4);
  assert_true(obs_at(out, 3, PO_TRM_MAX) > 0.7);
  free(out);
  psorsim_ctx_free(&ctx);
}

/* ---- relapse after stopping ----------------------------------------------------------------- */

static void test_il17_block_clears_and_relapses_within_months(void **state)
{
  /* Measured: PASI 0 at week 12 (the memory's IL-17 is neutralised too); PASI above half of
   * baseline 51 days after the stop. The drug leaves at once here; real washout adds the drug's
   * own weeks. */
  psorsim_ctx *ctx = psr_test_ctx();
  (void)state;
  course c = treat_and_stop(ctx, PP_INH_IL17, 12.0, 180);
  assert_true(c.pasi_stop < 0.25 * c.pasi0);
  assert_true(c.relapse_day >= 14.0 && c.relapse_day <= 120.0);
  assert_true(c.pasi_end > 0.75 * c.pasi0);
  /* TNF blockade (equal share of K) leaves the memory's signal on: PASI 3.1 (17 %) at the stop
   * and back above half of baseline 7 days later */
  course tnf = treat_and_stop(ctx, PP_INH_TNF, 12.0, 180);
  assert_true(tnf.pasi_stop < 0.25 * tnf.pasi0);
  assert_true(tnf.pasi_stop > c.pasi_stop);
  assert_true(tnf.relapse_day >= 0.0 && tnf.relapse_day <= 120.0);
  psorsim_ctx_free(&ctx);
}

static void test_il23_block_relapses_later_than_il17_block(void **state)
{
  /* IL-23 blockade empties the T-cell pool deeper and speeds the loss of memory: measured relapse
   * 111 days after the stop against 51 for IL-17 blockade. */
  psorsim_ctx *ctx = psr_test_ctx();
  (void)state;
  course c17 = treat_and_stop(ctx, PP_INH_IL17, 12.0, 450);
  course c23 = treat_and_stop(ctx, PP_INH_IL23, 12.0, 450);
  assert_true(c23.pasi_stop < 0.25 * c23.pasi0);
  assert_true(c23.trm_stop < c17.trm_stop); /* less memory left */
  assert_true(c17.relapse_day > 0.0);
  assert_true(c23.relapse_day > 0.0); /* it does relapse, within 15 months */
  assert_true(c23.relapse_day > c17.relapse_day + 45.0);
  psorsim_ctx_free(&ctx);
}

static void test_memory_outlasts_long_treatment(void **state)
{
  /* Two years of 90 % blockade: resolved plaques keep their memory for years (Cheuk 2014), so the
   * disease still returns, later than after 12 weeks; IL-23 blockade, which speeds the loss of
   * memory, gives the longer remission. Measured: relapse 133 days after the stop (IL-17; 51
   * after 12 weeks) and 330 days (IL-23). */
  psorsim_ctx *ctx = psr_test_ctx();
  (void)state;
  course c12 = treat_and_stop(ctx, PP_INH_IL17, 12.0, 180);
  course c17 = treat_and_stop(ctx, PP_INH_IL17, 104.0, 500);
  course c23 = treat_and_stop(ctx, PP_INH_IL23, 104.0, 500);
  assert_true(c17.pasi_stop < 0.01 * c17.pasi0);
  assert_true(c23.pasi_stop < 0.01 * c23.pasi0);
  assert_true(c23.trm_stop < 0.75 * c17.trm_stop);
  assert_true(c17.relapse_day > c12.relapse_day + 28.0);
  assert_true(c17.relapse_day < 365.0);
  assert_true(c23.relapse_day > c17.relapse_day + 90.0);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_memory_steady_states),
      cmocka_unit_test(test_memory_half_life_in_healthy_skin),
      cmocka_unit_test(test_memory_builds_slowly_in_a_new_plaque),
      cmocka_unit_test(test_il17_block_clears_and_relapses_within_months),
      cmocka_unit_test(test_il23_block_relapses_later_than_il17_block),
      cmocka_unit_test(test_memory_outlasts_long_treatment),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
