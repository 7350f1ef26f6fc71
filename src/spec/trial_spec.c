/* src/spec/trial_spec.c
 *
 * The trial-file reader: loads the YAML (src/io/yaml.c), then walks the tree
 * into a psorsim_trial_spec, validating as it goes. This file holds the
 * entry points and the top level (name, reference, note, model, seed,
 * weeks, population, arms); endpoints and observations are in
 * trial_endpoints.c. Each domain walks its own block: regimen entries the
 * treatments (treatments/regimen_walk.h), the economics block econ
 * (econ/econ_walk.h). Format reference: docs/trial-format.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/model.h>

#include "common/context_impl.h"
#include "econ/econ_walk.h"
#include "io/read_text.h"
#include "spec/spec_impl.h"
#include "treatments/regimen_walk.h"

/* Longest trial file read (a trial file is a few kB). */
#define TRIAL_FILE_MAX (16L * 1024 * 1024)
/* Longest simulated trial: 20 years (issue 9 asks for 5-10 year horizons). */
#define TRIAL_WEEKS_MAX 1040.0
/* Most virtual patients per arm. */
#define PATIENTS_PER_ARM_MAX 10000000L
/* The disease model a trial runs when the file names none. */
#define DEFAULT_MODEL "psoriasis"

static const char *const top_keys[] = {"name",      "reference",  "note",      "model",
                                       "seed",      "population", "weeks",     "arms",
                                       "endpoints", "observed",   "economics", NULL};
static const char *const population_keys[] = {"patients_per_arm", "inclusion", "baseline", NULL};
static const char *const inclusion_keys[] = {"pasi_min", "bsa_min", "iga_min", NULL};
static const char *const baseline_keys[] = {"pasi_mean",          "pasi_sd",
                                            "bsa_mean",           "weight_kg_mean",
                                            "age_mean",           "prior_biologic_fraction",
                                            "disease_years_mean", NULL};
static const char *const arm_keys[] = {"name", "regimen", NULL};

/* A number key of the population block with its allowed range. */
typedef struct num_key {
  const char *key;
  double min, max;
  int min_open;  /* 1: value must be > min */
  int whole;     /* 1: whole numbers only */
  size_t offset; /* of the psorsim_opt in psorsim_trial_population */
} num_key;

#define POP_OFF(f) offsetof(psorsim_trial_population, f)
static const num_key inclusion_nums[] = {
    {"pasi_min", 0, 72, 0, 0, POP_OFF(pasi_min)},
    {"bsa_min", 0, 100, 0, 0, POP_OFF(bsa_min)},
    {"iga_min", 0, 4, 0, 1, POP_OFF(iga_min)},
};
static const num_key baseline_nums[] = {
    {"pasi_mean", 0, 72, 1, 0, POP_OFF(pasi_mean)},
    {"pasi_sd", 0, 72, 1, 0, POP_OFF(pasi_sd)},
    {"bsa_mean", 0, 100, 1, 0, POP_OFF(bsa_mean)},
    {"weight_kg_mean", 20, 300, 0, 0, POP_OFF(weight_kg_mean)},
    {"age_mean", 0, 120, 1, 0, POP_OFF(age_mean)},
    {"prior_biologic_fraction", 0, 1, 0, 0, POP_OFF(prior_biologic_fraction)},
    {"disease_years_mean", 0, 100, 0, 0, POP_OFF(disease_years_mean)},
};

static int walk_nums(psr_walk *w, psorsim_trial_population *pop, const psr_yaml_node *map,
                     const char *path, const char *what, const char *const *keys,
                     const num_key *nums, size_t n_nums)
{
  char kpath[PSR_PATH_MAX];
  PSR_TRY(psr_walk_keys(w, map, path, what, keys));
  for (size_t i = 0; i < n_nums; i++) {
    const psr_yaml_node *v = psr_yaml_map_get(map, nums[i].key);
    psorsim_opt *o = (psorsim_opt *)(void *)((char *)pop + nums[i].offset);
    if (v == NULL) continue;
    psr_path_key(kpath, sizeof(kpath), path, nums[i].key);
    if (nums[i].whole) {
      long l;
      PSR_TRY(psr_walk_int(w, v, kpath, (long)nums[i].min, (long)nums[i].max, &l));
      o->value = (double)l;
    } else {
      PSR_TRY(psr_walk_number(w, v, kpath, nums[i].min, nums[i].min_open, nums[i].max, &o->value));
    }
    o->given = 1;
  }
  return PSORSIM_OK;
}

/* A mean below the inclusion minimum cannot happen. */
static int check_mean_vs_min(psr_walk *w, const psr_yaml_node *baseline, const char *path,
                             const char *key, const psorsim_opt *mean, const char *min_key,
                             const psorsim_opt *min)
{
  char kpath[PSR_PATH_MAX];
  if (!mean->given || !min->given || mean->value >= min->value) return PSORSIM_OK;
  psr_path_key(kpath, sizeof(kpath), path, key);
  return psr_walk_fail(w, psr_yaml_map_get(baseline, key), kpath, PSORSIM_EINPUT,
                       "mean %g is below the inclusion minimum %s = %g, which is impossible",
                       mean->value, min_key, min->value);
}

static int walk_population(psr_walk *w, psorsim_trial_population *pop, const psr_yaml_node *map)
{
  const psr_yaml_node *v;
  long patients;

  PSR_TRY(psr_walk_keys(w, map, "population", "the population block", population_keys));
  PSR_TRY(psr_walk_require(w, map, "population", "patients_per_arm", &v));
  PSR_TRY(psr_walk_int(w, v, "population.patients_per_arm", 1, PATIENTS_PER_ARM_MAX, &patients));
  pop->patients_per_arm = (int)patients;
  if ((v = psr_yaml_map_get(map, "inclusion")) != NULL)
    PSR_TRY(walk_nums(w, pop, v, "population.inclusion", "the inclusion criteria", inclusion_keys,
                      inclusion_nums, sizeof(inclusion_nums) / sizeof(inclusion_nums[0])));
  if ((v = psr_yaml_map_get(map, "baseline")) != NULL) {
    pop->baseline_line = v->line;
    PSR_TRY(walk_nums(w, pop, v, "population.baseline", "the baseline table", baseline_keys,
                      baseline_nums, sizeof(baseline_nums) / sizeof(baseline_nums[0])));
    PSR_TRY(check_mean_vs_min(w, v, "population.baseline", "pasi_mean", &pop->pasi_mean, "pasi_min",
                              &pop->pasi_min));
    PSR_TRY(check_mean_vs_min(w, v, "population.baseline", "bsa_mean", &pop->bsa_mean, "bsa_min",
                              &pop->bsa_min));
  }
  return PSORSIM_OK;
}

/* The model the trial runs: a name the model registry knows. */
static int walk_model(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *v)
{
  char list[600];
  size_t used = 0;
  const char *best = NULL;
  int best_d = 3; /* suggest only close matches */

  if (v == NULL) {
    spec->model = psr_arena_strdup(w->arena, DEFAULT_MODEL);
    return spec->model != NULL ? PSORSIM_OK : psr_walk_nomem(w);
  }
  PSR_TRY(psr_walk_text(w, v, "model", &spec->model));
  if (psorsim_model_find(spec->model) != NULL) return PSORSIM_OK;
  list[0] = '\0';
  for (int i = 0; i < psorsim_model_count(); i++) {
    const char *name = psorsim_model_at(i)->name;
    int d = psr_edit_distance(spec->model, name);
    if (d < best_d) best_d = d, best = name;
    int n = snprintf(list + used, sizeof(list) - used, "%s%s", used ? ", " : "", name);
    if (n > 0 && (size_t)n < sizeof(list) - used) used += (size_t)n;
  }
  if (best != NULL)
    return psr_walk_fail(w, v, "model", PSORSIM_EINPUT,
                         "unknown model \"%s\" (did you mean \"%s\"?); models: %s", spec->model,
                         best, list);
  return psr_walk_fail(w, v, "model", PSORSIM_EINPUT, "unknown model \"%s\"; models: %s",
                       spec->model, list);
}

static int walk_seed(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *v)
{
  const char *s = v->text;
  char *end;
  unsigned long long seed;
  int ok = v->kind == PSR_YAML_SCALAR && s[0] != '\0' && strlen(s) <= 20;
  for (size_t i = 0; ok && s[i] != '\0'; i++)
    ok = s[i] >= '0' && s[i] <= '9';
  if (ok) {
    errno = 0;
    seed = strtoull(s, &end, 10);
    ok = errno == 0 && *end == '\0';
  }
  if (!ok)
    return psr_walk_fail(
        w, v, "seed", PSORSIM_EINPUT,
        "expected a whole number from 0 to 18446744073709551615, got %s%s%s",
        v->kind == PSR_YAML_SCALAR ? "\"" : "a ",
        v->kind == PSR_YAML_SCALAR ? s : (v->kind == PSR_YAML_SEQ ? "list" : "mapping"),
        v->kind == PSR_YAML_SCALAR ? "\"" : "");
  spec->seed = (uint64_t)seed;
  spec->seed_given = 1;
  return PSORSIM_OK;
}

static int walk_arms(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *seq)
{
  char apath[PSR_PATH_MAX], kpath[PSR_PATH_MAX];

  if (seq->kind != PSR_YAML_SEQ || seq->n == 0)
    return psr_walk_fail(w, seq, "arms", PSORSIM_EINPUT,
                         "expected a list of at least one arm (- name: ..., regimen: [...])");
  spec->arms = psr_arena_alloc(w->arena, seq->n * sizeof(*spec->arms));
  if (spec->arms == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < seq->n; i++) {
    const psr_yaml_node *arm = seq->items[i], *v;
    psorsim_trial_arm *a = &spec->arms[i];
    psr_path_index(apath, sizeof(apath), "arms", i);
    PSR_TRY(psr_walk_keys(w, arm, apath, "an arm", arm_keys));
    a->line = arm->line;
    PSR_TRY(psr_walk_require(w, arm, apath, "name", &v));
    psr_path_key(kpath, sizeof(kpath), apath, "name");
    PSR_TRY(psr_walk_text(w, v, kpath, &a->name));
    for (size_t j = 0; j < i; j++)
      if (strcmp(spec->arms[j].name, a->name) == 0)
        return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT,
                             "arm name \"%s\" is already used by arms[%zu] (line %d); arm names "
                             "must be unique",
                             a->name, j, spec->arms[j].line);
    PSR_TRY(psr_walk_require(w, arm, apath, "regimen", &v));
    psr_path_key(kpath, sizeof(kpath), apath, "regimen");
    PSR_TRY(psr_walk_regimen(w, v, kpath, a));
    spec->n_arms = i + 1;
  }
  return PSORSIM_OK;
}

static int walk_top(psr_walk *w, psorsim_trial_spec *spec, const psr_yaml_node *root)
{
  const psr_yaml_node *v;

  if (root == NULL)
    return psr_walk_fail(w, NULL, "", PSORSIM_EINPUT,
                         "the file is empty; expected a trial (name, population, weeks, arms, "
                         "endpoints)");
  PSR_TRY(psr_walk_keys(w, root, "", "a trial file", top_keys));
  PSR_TRY(psr_walk_require(w, root, "", "name", &v));
  PSR_TRY(psr_walk_text(w, v, "name", &spec->name));
  if ((v = psr_yaml_map_get(root, "reference")) != NULL)
    PSR_TRY(psr_walk_text(w, v, "reference", &spec->reference));
  if ((v = psr_yaml_map_get(root, "note")) != NULL)
    PSR_TRY(psr_walk_text(w, v, "note", &spec->note));
  PSR_TRY(walk_model(w, spec, psr_yaml_map_get(root, "model")));
  if ((v = psr_yaml_map_get(root, "seed")) != NULL) PSR_TRY(walk_seed(w, spec, v));
  PSR_TRY(psr_walk_require(w, root, "", "weeks", &v));
  PSR_TRY(psr_walk_number(w, v, "weeks", 0.0, 1, TRIAL_WEEKS_MAX, &spec->weeks));
  PSR_TRY(psr_walk_require(w, root, "", "population", &v));
  PSR_TRY(walk_population(w, &spec->population, v));
  PSR_TRY(psr_walk_require(w, root, "", "arms", &v));
  PSR_TRY(walk_arms(w, spec, v));
  PSR_TRY(psr_walk_require(w, root, "", "endpoints", &v));
  PSR_TRY(psr_walk_endpoints(w, spec, v, "endpoints"));
  if ((v = psr_yaml_map_get(root, "observed")) != NULL)
    PSR_TRY(psr_walk_observed(w, spec, v, "observed"));
  return psr_walk_economics(w, psr_yaml_map_get(root, "economics"), spec, &spec->economics);
}

int psorsim_trial_spec_parse_string(psorsim_ctx *ctx, const char *text,
                                    const char *name_for_messages, psorsim_trial_spec **out)
{
  psr_yaml_doc *doc = NULL;
  psorsim_trial_spec *spec;
  psr_arena *arena;
  psr_walk w;
  int rc;

  PSR_CHECK(ctx, out != NULL && text != NULL, PSORSIM_EINVAL, "trial: NULL argument");
  *out = NULL;
  if (name_for_messages == NULL) name_for_messages = "<string>";
  arena = psr_arena_create(ctx);
  if (arena == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", name_for_messages);
  w.ctx = ctx;
  w.arena = arena;
  spec = psr_arena_alloc(arena, sizeof(*spec));
  w.file = spec != NULL ? psr_arena_strdup(arena, name_for_messages) : NULL;
  if (w.file == NULL) {
    psr_arena_free(arena);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", name_for_messages);
  }
  spec->source = w.file;
  spec->arena_ = arena;

  rc = psr_yaml_parse(ctx, text, strlen(text), w.file, &doc);
  if (rc == PSORSIM_OK) rc = walk_top(&w, spec, doc->root);
  psr_yaml_free(&doc);
  if (rc != PSORSIM_OK) {
    psr_arena_free(arena);
    return rc;
  }
  *out = spec;
  return PSORSIM_OK;
}

int psorsim_trial_spec_load(psorsim_ctx *ctx, const char *path, psorsim_trial_spec **out)
{
  char *buf = NULL;
  int rc;

  PSR_CHECK(ctx, out != NULL && path != NULL, PSORSIM_EINVAL, "trial: NULL argument");
  *out = NULL;
  PSR_TRY(psr_read_text_file(ctx, path, TRIAL_FILE_MAX, "trial", &buf));
  rc = psorsim_trial_spec_parse_string(ctx, buf, path, out);
  psr_free(ctx, buf);
  return rc;
}

int psorsim_trial_spec_find_arm(const psorsim_trial_spec *spec, const char *name)
{
  if (spec == NULL || name == NULL) return -1;
  for (size_t i = 0; i < spec->n_arms; i++)
    if (strcmp(spec->arms[i].name, name) == 0) return (int)i;
  return -1;
}

void psorsim_trial_spec_free(psorsim_trial_spec **spec)
{
  if (spec == NULL || *spec == NULL) return;
  psr_arena_free((*spec)->arena_); /* the spec itself lives in its arena */
  *spec = NULL;
}
