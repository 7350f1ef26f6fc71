/* tests/models/test_model_registry.c
 *
 * The model registry (model.h): the shipped models are pk1, pk2 and
 * psoriasis and nothing else; a model registered at run time (a copy of pk1
 * under another name, a test model) is found by name, listed after the
 * built-ins and runs in the engine exactly as its original; names of
 * built-in or registered models are refused, as are invalid models and a
 * full table; unregistering removes a model and keeps the others' order;
 * look-ups from several threads while another registers and unregisters
 * always see a consistent registry. Every test leaves the registry as it
 * found it (it is process-wide).
 */
#include "psr_test.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "psr_test_models.h"

/* A copy of a model under another name: the same tables and functions. */
static psorsim_model renamed(const psorsim_model *m, const char *name)
{
  psorsim_model c = *m;
  c.name = name;
  return c;
}

static void test_shipped_registry(void **state)
{
  (void)state;
  assert_int_equal(psorsim_model_count(), 3);
  assert_string_equal(psorsim_model_at(0)->name, "pk1");
  assert_string_equal(psorsim_model_at(1)->name, "pk2");
  assert_string_equal(psorsim_model_at(2)->name, "psoriasis");
  assert_null(psorsim_model_at(3));
  assert_null(psorsim_model_at(-1));
  assert_ptr_equal(psorsim_model_find("psoriasis"), psorsim_psoriasis_model());
  /* the engine's reference problems are test support, not shipped */
  assert_null(psorsim_model_find("logistic"));
  assert_null(psorsim_model_find("robertson"));
  assert_null(psorsim_model_find("diffusion"));
  assert_null(psorsim_model_find(NULL));
}

/* Run pk1-shaped model m: 38.5 mg into the depot at day 0 and day 3.5, outputs every 0.5 day. */
#define N_OUT 17
static void run_pk1_like(psorsim_ctx *ctx, const psorsim_model *m, double *out)
{
  const double p[3] = {1.385, 0.92, 6.3}; /* ka 1/day, CL L/day, V L */
  psorsim_event ev[2] = {{0.0, PSORSIM_EVENT_ADD_STATE, 0, 38.5},
                         {3.5, PSORSIM_EVENT_ADD_STATE, 0, 38.5}};
  double t_out[N_OUT];
  psorsim_engine *eng = NULL;
  psorsim_run run = {0};

  for (int i = 0; i < N_OUT; i++)
    t_out[i] = 0.5 * i;
  run.params = p;
  run.t_out = t_out;
  run.n_out = N_OUT;
  run.events = ev;
  run.n_events = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  psorsim_engine_free(&eng);
}

static void test_registered_copy_of_pk1_is_found_and_runs(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model copy = renamed(psorsim_model_find("pk1"), "pk1_runtime");
  double want[N_OUT * 3], got[N_OUT * 3];
  (void)state;

  assert_null(psorsim_model_find("pk1_runtime"));
  assert_int_equal(psorsim_model_register(ctx, &copy), PSORSIM_OK);
  assert_ptr_equal(psorsim_model_find("pk1_runtime"), &copy);
  assert_int_equal(psorsim_model_count(), 4);
  assert_ptr_equal(psorsim_model_at(3), &copy);
  /* the engine runs it by name, with the numbers of the original */
  run_pk1_like(ctx, psorsim_model_find("pk1"), want);
  run_pk1_like(ctx, psorsim_model_find("pk1_runtime"), got);
  assert_memory_equal(got, want, sizeof(want));
  assert_true(want[4 * 3 + 1] > 1.0); /* drug in the central compartment on day 2 */

  assert_int_equal(psorsim_model_unregister(ctx, &copy), PSORSIM_OK);
  assert_null(psorsim_model_find("pk1_runtime"));
  assert_int_equal(psorsim_model_count(), 3);
  assert_null(psorsim_model_at(3));
  psorsim_ctx_free(&ctx);
}

/* A test model registered by name, so code that looks models up by name can use it. */
static void test_registered_test_model_runs_by_name(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model *m;
  psorsim_engine *eng = NULL;
  psorsim_run run = {0};
  const double p[2] = {0.7, 1000.0}, t_out[2] = {0.0, 5.0};
  double out[2];
  (void)state;

  assert_int_equal(psorsim_model_register(ctx, &psr_test_model_logistic), PSORSIM_OK);
  m = psorsim_model_find("logistic");
  assert_ptr_equal(m, &psr_test_model_logistic);
  run.params = p;
  run.t_out = t_out;
  run.n_out = 2;
  run.out = out;
  assert_int_equal(psorsim_engine_create(ctx, m, &eng), PSORSIM_OK);
  assert_int_equal(psorsim_engine_set_tolerances(eng, 1e-10, 1e-12), PSORSIM_OK);
  assert_int_equal(psorsim_engine_run(eng, &run), PSORSIM_OK);
  /* closed form K / (1 + (K/N0 - 1) e^{-rt}) with N0 = 10 */
  psr_assert_rel(out[1], 1000.0 / (1.0 + 99.0 * exp(-0.7 * 5.0)), 1e-7);
  psorsim_engine_free(&eng);
  assert_int_equal(psorsim_model_unregister(ctx, &psr_test_model_logistic), PSORSIM_OK);
  assert_null(psorsim_model_find("logistic"));
  psorsim_ctx_free(&ctx);
}

static void expect_refused(psorsim_ctx *ctx, const psorsim_model *m, int status,
                           const char *fragment)
{
  assert_int_equal(psorsim_model_register(ctx, m), status);
  if (strstr(psorsim_ctx_errmsg(ctx), fragment) == NULL)
    fail_msg("expected '%s' in '%s'", fragment, psorsim_ctx_errmsg(ctx));
}

static void test_duplicates_and_invalid_models_are_refused(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model a = renamed(psorsim_model_find("pk2"), "two_cmt");
  const psorsim_model same_name = renamed(psorsim_model_find("pk1"), "two_cmt");
  const psorsim_model as_builtin = renamed(psorsim_model_find("pk1"), "pk2");
  const psorsim_model as_psoriasis = renamed(&psr_test_model_robertson, "psoriasis");
  psorsim_model no_rhs = renamed(psorsim_model_find("pk1"), "no_rhs");
  (void)state;

  no_rhs.rhs = NULL;
  assert_int_equal(psorsim_model_register(ctx, &a), PSORSIM_OK);
  expect_refused(ctx, &a, PSORSIM_EINVAL, "already registered");
  expect_refused(ctx, &same_name, PSORSIM_EINVAL, "already registered");
  expect_refused(ctx, &as_builtin, PSORSIM_EINVAL, "built-in");
  expect_refused(ctx, &as_psoriasis, PSORSIM_EINVAL, "built-in");
  expect_refused(ctx, psorsim_psoriasis_model(), PSORSIM_EINVAL, "built-in");
  expect_refused(ctx, &no_rhs, PSORSIM_EINVAL, "no right-hand side");
  expect_refused(ctx, NULL, PSORSIM_EINVAL, "no model");
  /* nothing refused was added; the first one is untouched */
  assert_int_equal(psorsim_model_count(), 4);
  assert_ptr_equal(psorsim_model_find("two_cmt"), &a);
  assert_ptr_equal(psorsim_model_find("pk2"), psorsim_model_at(1));
  assert_null(psorsim_model_find("no_rhs"));
  assert_int_equal(psorsim_model_unregister(ctx, &a), PSORSIM_OK);
  assert_int_equal(psorsim_model_count(), 3);
  psorsim_ctx_free(&ctx);
}

static void test_unregister(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model a = renamed(&psr_test_model_logistic, "model_a");
  const psorsim_model b = renamed(&psr_test_model_robertson, "model_b");
  const psorsim_model c = renamed(&psr_test_model_diffusion, "model_c");
  (void)state;

  assert_int_equal(psorsim_model_register(ctx, &a), PSORSIM_OK);
  assert_int_equal(psorsim_model_register(ctx, &b), PSORSIM_OK);
  assert_int_equal(psorsim_model_register(ctx, &c), PSORSIM_OK);
  assert_int_equal(psorsim_model_unregister(ctx, &b), PSORSIM_OK);
  assert_int_equal(psorsim_model_count(), 5);
  assert_ptr_equal(psorsim_model_at(3), &a); /* the others keep their order */
  assert_ptr_equal(psorsim_model_at(4), &c);
  assert_null(psorsim_model_find("model_b"));
  /* unregistered twice, never registered, built in, NULL */
  assert_int_equal(psorsim_model_unregister(ctx, &b), PSORSIM_ENOTFOUND);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "'model_b' is not registered"));
  assert_int_equal(psorsim_model_unregister(ctx, psorsim_model_find("pk1")), PSORSIM_EINVAL);
  assert_non_null(strstr(psorsim_ctx_errmsg(ctx), "built in"));
  assert_int_equal(psorsim_model_unregister(ctx, NULL), PSORSIM_EINVAL);
  /* a name is free again once its model is unregistered */
  assert_int_equal(psorsim_model_register(ctx, &b), PSORSIM_OK);
  assert_ptr_equal(psorsim_model_at(5), &b);
  assert_int_equal(psorsim_model_unregister(ctx, &a), PSORSIM_OK);
  assert_int_equal(psorsim_model_unregister(ctx, &b), PSORSIM_OK);
  assert_int_equal(psorsim_model_unregister(ctx, &c), PSORSIM_OK);
  assert_int_equal(psorsim_model_count(), 3);
  psorsim_ctx_free(&ctx);
}

static void test_full_registry_is_refused(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  static char names[PSORSIM_MODEL_MAX_REGISTERED + 1][16];
  static psorsim_model many[PSORSIM_MODEL_MAX_REGISTERED + 1];
  (void)state;

  for (int i = 0; i <= PSORSIM_MODEL_MAX_REGISTERED; i++) {
    snprintf(names[i], sizeof(names[i]), "many_%d", i);
    many[i] = renamed(psorsim_model_find("pk1"), names[i]);
  }
  for (int i = 0; i < PSORSIM_MODEL_MAX_REGISTERED; i++)
    assert_int_equal(psorsim_model_register(ctx, &many[i]), PSORSIM_OK);
  expect_refused(ctx, &many[PSORSIM_MODEL_MAX_REGISTERED], PSORSIM_ENOMEM, "models are registered");
  assert_int_equal(psorsim_model_count(), 3 + PSORSIM_MODEL_MAX_REGISTERED);
  assert_null(psorsim_model_find(names[PSORSIM_MODEL_MAX_REGISTERED]));
  for (int i = 0; i < PSORSIM_MODEL_MAX_REGISTERED; i++)
    assert_int_equal(psorsim_model_unregister(ctx, &many[i]), PSORSIM_OK);
  assert_int_equal(psorsim_model_count(), 3);
  psorsim_ctx_free(&ctx);
}

/* ---- threads ------------------------------------------------------------------------------- */

#define READERS 4
#define ROUNDS  20000

typedef struct reader_args {
  const psorsim_model *stable;  /* registered for the whole test */
  const psorsim_model *flicker; /* registered and unregistered over and over */
  int bad;                      /* look-ups that saw something impossible */
} reader_args;

static void *reader(void *arg)
{
  reader_args *a = arg;
  for (int r = 0; r < ROUNDS; r++) {
    const psorsim_model *f = psorsim_model_find("flicker");
    const int n = psorsim_model_count();
    const psorsim_model *last = psorsim_model_at(n - 1);
    if (psorsim_model_find("psoriasis") != psorsim_psoriasis_model()) a->bad++;
    if (psorsim_model_find("stable") != a->stable) a->bad++;
    if (f != NULL && f != a->flicker) a->bad++;
    if (n != 4 && n != 5) a->bad++;
    if (last != NULL && last != a->stable && last != a->flicker) a->bad++;
  }
  return NULL;
}

static void test_lookups_are_thread_safe(void **state)
{
  psorsim_ctx *ctx = psr_test_ctx();
  const psorsim_model stable = renamed(psorsim_model_find("pk2"), "stable");
  const psorsim_model flicker = renamed(psorsim_model_find("pk1"), "flicker");
  pthread_t th[READERS];
  reader_args args[READERS];
  (void)state;

  assert_int_equal(psorsim_model_register(ctx, &stable), PSORSIM_OK);
  for (int i = 0; i < READERS; i++) {
    args[i] = (reader_args){&stable, &flicker, 0};
    assert_int_equal(pthread_create(&th[i], NULL, reader, &args[i]), 0);
  }
  for (int r = 0; r < ROUNDS / 4; r++) {
    assert_int_equal(psorsim_model_register(ctx, &flicker), PSORSIM_OK);
    assert_int_equal(psorsim_model_unregister(ctx, &flicker), PSORSIM_OK);
  }
  for (int i = 0; i < READERS; i++) {
    assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_int_equal(args[i].bad, 0);
  }
  assert_int_equal(psorsim_model_unregister(ctx, &stable), PSORSIM_OK);
  assert_int_equal(psorsim_model_count(), 3);
  psorsim_ctx_free(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shipped_registry),
      cmocka_unit_test(test_registered_copy_of_pk1_is_found_and_runs),
      cmocka_unit_test(test_registered_test_model_runs_by_name),
      cmocka_unit_test(test_duplicates_and_invalid_models_are_refused),
      cmocka_unit_test(test_unregister),
      cmocka_unit_test(test_full_registry_is_refused),
      cmocka_unit_test(test_lookups_are_thread_safe),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
