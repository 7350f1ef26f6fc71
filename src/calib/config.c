/* src/calib/config.c
 *
 * The calibration configuration (include/psorsim/calibrate.h,
 * docs/validation.md "Re-running the fit"): a YAML mapping with
 *
 *   files:       [PATH | {path: PATH, weight: W}, ...]   (relative to the config)
 *   parameters:  [{name, start, lower, upper, log, fitted_to, links: {NAME: FACTOR}}]
 *   fixed:       {NAME: VALUE, ...}                      (optional)
 *   patients_per_arm, seed, threads                      (optional)
 *   optimizer:   {algorithm, max_evals, initial_step, xtol_rel, cv_max_evals}
 *
 * parsed with the project's YAML tree (src/io/yaml.c), so every error names
 * FILE:LINE: KEY. Unknown keys are errors (a typo must not silently keep a
 * default).
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/calibrate.h>

#include "common/context_impl.h"
#include "io/arena.h"
#include "io/yaml_tree.h"

#define CONFIG_MAX_BYTES (1L << 20)

/* Parser state: where messages point and who owns the strings. */
typedef struct cfg_parse {
  psorsim_ctx *ctx;
  const char *name;
  psr_arena *arena;
  char dir[1024]; /* the config's directory, with a trailing '/' or empty */
} cfg_parse;

#define CFG_FAIL(ps, node, ...)                                                                    \
  return cfg_error((ps), (node) != NULL ? (node)->line : 0, __VA_ARGS__)

static int cfg_error(const cfg_parse *ps, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int cfg_error(const cfg_parse *ps, int line, const char *fmt, ...)
{
  char msg[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  return psr_error_set(ps->ctx, PSORSIM_EINPUT, __FILE__, __LINE__, __func__, "%s:%d: %s", ps->name,
                       line, msg);
}

static int get_number(const cfg_parse *ps, const psr_yaml_node *n, const char *key, double *out)
{
  char *end;
  if (n == NULL || n->kind != PSR_YAML_SCALAR || n->text[0] == '\0') {
    CFG_FAIL(ps, n, "%s: expected a number", key);
  }
  errno = 0;
  *out = strtod(n->text, &end);
  if (*end != '\0' || errno != 0 || !isfinite(*out)) {
    CFG_FAIL(ps, n, "%s: expected a number, got '%s'", key, n->text);
  }
  return PSORSIM_OK;
}

static int get_int(const cfg_parse *ps, const psr_yaml_node *n, const char *key, long lo, long hi,
                   long *out)
{
  double v = 0.0;
  PSR_TRY(get_number(ps, n, key, &v));
  if (v != floor(v) || v < (double)lo || v > (double)hi) {
    CFG_FAIL(ps, n, "%s: expected an integer in %ld-%ld, got '%s'", key, lo, hi, n->text);
  }
  *out = (long)v;
  return PSORSIM_OK;
}

static int get_string(const cfg_parse *ps, const psr_yaml_node *n, const char *key,
                      const char **out)
{
  if (n == NULL || n->kind != PSR_YAML_SCALAR || n->text[0] == '\0') {
    CFG_FAIL(ps, n, "%s: expected a text value", key);
  }
  *out = psr_arena_strdup(ps->arena, n->text);
  if (*out == NULL) PSR_FAIL(ps->ctx, PSORSIM_ENOMEM, "out of memory");
  return PSORSIM_OK;
}

static int get_bool(const cfg_parse *ps, const psr_yaml_node *n, const char *key, int *out)
{
  if (n != NULL && n->kind == PSR_YAML_SCALAR) {
    if (strcmp(n->text, "true") == 0 || strcmp(n->text, "yes") == 0) {
      *out = 1;
      return PSORSIM_OK;
    }
    if (strcmp(n->text, "false") == 0 || strcmp(n->text, "no") == 0) {
      *out = 0;
      return PSORSIM_OK;
    }
  }
  CFG_FAIL(ps, n, "%s: expected true or false", key);
}

/* Reject keys of a mapping that are not in `known` (NULL-terminated). */
static int check_keys(const cfg_parse *ps, const psr_yaml_node *map, const char *where,
                      const char *const *known)
{
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i];
    int ok = 0;
    for (const char *const *q = known; *q != NULL; q++)
      ok |= strcmp(k->text, *q) == 0;
    if (!ok) CFG_FAIL(ps, k, "%s%s: unknown key", where, k->text);
  }
  return PSORSIM_OK;
}

static int parse_files(cfg_parse *ps, const psr_yaml_node *n, psorsim_calib_config *c)
{
  static const char *const keys[] = {"path", "weight", NULL};
  if (n == NULL || n->kind != PSR_YAML_SEQ || n->n == 0) {
    CFG_FAIL(ps, n, "files: expected a list of trial files");
  }
  c->n_files = n->n;
  c->files = psr_arena_alloc(ps->arena, n->n * sizeof(*c->files));
  if (c->files == NULL) PSR_FAIL(ps->ctx, PSORSIM_ENOMEM, "out of memory");
  for (size_t i = 0; i < n->n; i++) {
    const psr_yaml_node *it = n->items[i];
    psorsim_calib_file *f = &c->files[i];
    const char *rel;
    char key[64], full[2048];
    snprintf(key, sizeof(key), "files[%zu]", i);
    f->weight = 1.0;
    f->line = it->line;
    if (it->kind == PSR_YAML_MAP) {
      char kp[80];
      snprintf(kp, sizeof(kp), "%s.", key);
      PSR_TRY(check_keys(ps, it, kp, keys));
      snprintf(kp, sizeof(kp), "%s.path", key);
      PSR_TRY(get_string(ps, psr_yaml_map_get(it, "path"), kp, &rel));
      if (psr_yaml_map_get(it, "weight") != NULL) {
        snprintf(kp, sizeof(kp), "%s.weight", key);
        PSR_TRY(get_number(ps, psr_yaml_map_get(it, "weight"), kp, &f->weight));
        if (f->weight < 0) CFG_FAIL(ps, it, "%s: weight must be >= 0", kp);
      }
    } else {
      PSR_TRY(get_string(ps, it, key, &rel));
    }
    snprintf(full, sizeof(full), "%s%s", rel[0] == '/' ? "" : ps->dir, rel);
    f->path = psr_arena_strdup(ps->arena, full);
    if (f->path == NULL) PSR_FAIL(ps->ctx, PSORSIM_ENOMEM, "out of memory");
  }
  return PSORSIM_OK;
}

static int parse_param(cfg_parse *ps, const psr_yaml_node *it, size_t i, psorsim_calib_param *p)
{
  static const char *const keys[] = {"name", "start",     "prior", "lower", "upper",
                                     "log",  "fitted_to", "links", NULL};
  const psr_yaml_node *links;
  char kp[96], pre[48];
  snprintf(pre, sizeof(pre), "parameters[%zu].", i);
  if (it->kind != PSR_YAML_MAP) CFG_FAIL(ps, it, "parameters[%zu]: expected a mapping", i);
  PSR_TRY(check_keys(ps, it, pre, keys));
  p->line = it->line;
#define KP(k) (snprintf(kp, sizeof(kp), "%s%s", pre, k), kp)
  PSR_TRY(get_string(ps, psr_yaml_map_get(it, "name"), KP("name"), &p->name));
  PSR_TRY(get_number(ps, psr_yaml_map_get(it, "start"), KP("start"), &p->start));
  PSR_TRY(get_number(ps, psr_yaml_map_get(it, "lower"), KP("lower"), &p->lower));
  PSR_TRY(get_number(ps, psr_yaml_map_get(it, "upper"), KP("upper"), &p->upper));
  p->prior = p->start;
  if (psr_yaml_map_get(it, "prior") != NULL) {
    PSR_TRY(get_number(ps, psr_yaml_map_get(it, "prior"), KP("prior"), &p->prior));
  }
  if (psr_yaml_map_get(it, "log") != NULL) {
    PSR_TRY(get_bool(ps, psr_yaml_map_get(it, "log"), KP("log"), &p->log_scale));
  }
  if (psr_yaml_map_get(it, "fitted_to") != NULL) {
    PSR_TRY(get_string(ps, psr_yaml_map_get(it, "fitted_to"), KP("fitted_to"), &p->fitted_to));
  } else {
    p->fitted_to = "";
  }
  if (!(p->lower < p->upper)) {
    CFG_FAIL(ps, psr_yaml_map_get(it, "upper"), "%supper: must exceed lower (%g)", pre, p->lower);
  }
  if (p->start < p->lower || p->start > p->upper) {
    CFG_FAIL(ps, psr_yaml_map_get(it, "start"), "%sstart: %g is outside [%g, %g]", pre, p->start,
             p->lower, p->upper);
  }
  if (p->prior < p->lower || p->prior > p->upper) {
    CFG_FAIL(ps, psr_yaml_map_get(it, "prior"), "%sprior: %g is outside [%g, %g]", pre, p->prior,
             p->lower, p->upper);
  }
  if (p->log_scale && !(p->lower > 0)) {
    CFG_FAIL(ps, psr_yaml_map_get(it, "lower"), "%slower: must be > 0 with log: true", pre);
  }
  links = psr_yaml_map_get(it, "links");
  if (links != NULL) {
    if (links->kind != PSR_YAML_MAP || links->n > PSORSIM_CALIB_MAX_LINKS) {
      CFG_FAIL(ps, links, "%slinks: expected a mapping NAME: FACTOR (at most %d)", pre,
               PSORSIM_CALIB_MAX_LINKS);
    }
    for (size_t j = 0; j < links->n; j++) {
      const psr_yaml_node *k = links->items[2 * j];
      snprintf(kp, sizeof(kp), "%slinks.%s", pre, k->text);
      PSR_TRY(get_string(ps, k, kp, &p->link_names[j]));
      PSR_TRY(get_number(ps, links->items[2 * j + 1], kp, &p->link_factors[j]));
    }
    p->n_links = (int)links->n;
  }
#undef KP
  return PSORSIM_OK;
}

static int parse_optimizer(cfg_parse *ps, const psr_yaml_node *n, psorsim_calib_config *c)
{
  static const char *const keys[] = {"algorithm", "max_evals",    "initial_step",
                                     "xtol_rel",  "cv_max_evals", NULL};
  const psr_yaml_node *v;
  long l;
  if (n->kind != PSR_YAML_MAP) CFG_FAIL(ps, n, "optimizer: expected a mapping");
  PSR_TRY(check_keys(ps, n, "optimizer.", keys));
  if ((v = psr_yaml_map_get(n, "algorithm")) != NULL) {
    PSR_TRY(get_string(ps, v, "optimizer.algorithm", &c->algorithm));
    if (strcmp(c->algorithm, "bobyqa") != 0 && strcmp(c->algorithm, "sbplx") != 0 &&
        strcmp(c->algorithm, "neldermead") != 0) {
      CFG_FAIL(ps, v, "optimizer.algorithm: '%s' is not bobyqa, sbplx or neldermead", c->algorithm);
    }
  }
  if ((v = psr_yaml_map_get(n, "max_evals")) != NULL) {
    PSR_TRY(get_int(ps, v, "optimizer.max_evals", 1, 100000, &l));
    c->max_evals = (int)l;
  }
  if ((v = psr_yaml_map_get(n, "cv_max_evals")) != NULL) {
    PSR_TRY(get_int(ps, v, "optimizer.cv_max_evals", 1, 100000, &l));
    c->cv_max_evals = (int)l;
  }
  if ((v = psr_yaml_map_get(n, "initial_step")) != NULL) {
    PSR_TRY(get_number(ps, v, "optimizer.initial_step", &c->initial_step));
    if (!(c->initial_step > 0 && c->initial_step <= 0.5)) {
      CFG_FAIL(ps, v, "optimizer.initial_step: expected 0 < step <= 0.5 (unit box)");
    }
  }
  if ((v = psr_yaml_map_get(n, "xtol_rel")) != NULL) {
    PSR_TRY(get_number(ps, v, "optimizer.xtol_rel", &c->xtol_rel));
    if (!(c->xtol_rel >= 0)) CFG_FAIL(ps, v, "optimizer.xtol_rel: must be >= 0");
  }
  return PSORSIM_OK;
}

static int parse_root(cfg_parse *ps, const psr_yaml_node *root, psorsim_calib_config *c)
{
  static const char *const keys[] = {"files", "parameters", "fixed",     "patients_per_arm",
                                     "seed",  "threads",    "optimizer", "name",
                                     "note",  NULL};
  const psr_yaml_node *v;
  long l;
  if (root == NULL || root->kind != PSR_YAML_MAP) {
    return cfg_error(ps, root ? root->line : 1, "expected a mapping with files: and parameters:");
  }
  PSR_TRY(check_keys(ps, root, "", keys));
  v = psr_yaml_map_get(root, "files");
  if (v == NULL) return cfg_error(ps, root->line, "files: missing");
  PSR_TRY(parse_files(ps, v, c));
  v = psr_yaml_map_get(root, "parameters");
  if (v == NULL) return cfg_error(ps, root->line, "parameters: missing");
  if (v->kind != PSR_YAML_SEQ || v->n == 0) CFG_FAIL(ps, v, "parameters: expected a list");
  c->n_params = v->n;
  c->params = psr_arena_alloc(ps->arena, v->n * sizeof(*c->params));
  if (c->params == NULL) PSR_FAIL(ps->ctx, PSORSIM_ENOMEM, "out of memory");
  memset(c->params, 0, v->n * sizeof(*c->params));
  for (size_t i = 0; i < v->n; i++)
    PSR_TRY(parse_param(ps, v->items[i], i, &c->params[i]));
  for (size_t i = 0; i < c->n_params; i++) {
    for (size_t j = 0; j < i; j++) {
      if (strcmp(c->params[i].name, c->params[j].name) == 0) {
        return cfg_error(ps, c->params[i].line, "parameters[%zu].name: '%s' is listed twice", i,
                         c->params[i].name);
      }
    }
  }
  if ((v = psr_yaml_map_get(root, "fixed")) != NULL && !psr_yaml_is_null(v)) {
    if (v->kind != PSR_YAML_MAP) CFG_FAIL(ps, v, "fixed: expected a mapping NAME: VALUE");
    c->n_fixed = v->n;
    c->fixed_names = psr_arena_alloc(ps->arena, (v->n + 1) * sizeof(char *));
    c->fixed_values = psr_arena_alloc(ps->arena, (v->n + 1) * sizeof(double));
    if (c->fixed_names == NULL || c->fixed_values == NULL) {
      PSR_FAIL(ps->ctx, PSORSIM_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < v->n; j++) {
      char kp[160];
      snprintf(kp, sizeof(kp), "fixed.%s", v->items[2 * j]->text);
      PSR_TRY(get_string(ps, v->items[2 * j], kp, &c->fixed_names[j]));
      PSR_TRY(get_number(ps, v->items[2 * j + 1], kp, &c->fixed_values[j]));
    }
  }
  if ((v = psr_yaml_map_get(root, "patients_per_arm")) != NULL) {
    PSR_TRY(get_int(ps, v, "patients_per_arm", 1, 1000000, &l));
    c->patients_per_arm = (int)l;
  }
  if ((v = psr_yaml_map_get(root, "seed")) != NULL) {
    PSR_TRY(get_int(ps, v, "seed", 0, 4000000000L, &l));
    c->seed = (uint64_t)l;
  }
  if ((v = psr_yaml_map_get(root, "threads")) != NULL) {
    PSR_TRY(get_int(ps, v, "threads", 0, 1024, &l));
    c->threads = (int)l;
  }
  if ((v = psr_yaml_map_get(root, "optimizer")) != NULL) PSR_TRY(parse_optimizer(ps, v, c));
  return PSORSIM_OK;
}

int psorsim_calib_config_parse(psorsim_ctx *ctx, const char *text, size_t len, const char *name,
                               psorsim_calib_config **out)
{
  cfg_parse ps;
  psr_yaml_doc *doc = NULL;
  psorsim_calib_config *c;
  psr_arena *arena;
  const char *slash;
  int rc;

  PSR_CHECK(ctx, text != NULL && out != NULL, PSORSIM_EINVAL, "calibrate: NULL argument");
  *out = NULL;
  if (name == NULL) name = "calibration.yaml";
  arena = psr_arena_create(ctx);
  if (arena == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "out of memory");
  c = psr_arena_alloc(arena, sizeof(*c));
  if (c == NULL) {
    psr_arena_free(arena);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "out of memory");
  }
  memset(c, 0, sizeof(*c));
  c->arena_ = arena;
  c->source = psr_arena_strdup(arena, name);
  c->patients_per_arm = 100;
  c->seed = 20260101u;
  c->algorithm = "bobyqa";
  c->max_evals = 200;
  c->initial_step = 0.15;
  c->xtol_rel = 1e-3;
  c->cv_max_evals = 60;
  memset(&ps, 0, sizeof(ps));
  ps.ctx = ctx;
  ps.name = name;
  ps.arena = arena;
  slash = strrchr(name, '/');
  if (slash != NULL && (size_t)(slash - name) + 2 < sizeof(ps.dir)) {
    memcpy(ps.dir, name, (size_t)(slash - name) + 1);
    ps.dir[slash - name + 1] = '\0';
  }
  rc = psr_yaml_parse(ctx, text, len, name, &doc);
  if (rc == PSORSIM_OK) rc = parse_root(&ps, doc->root, c);
  psr_yaml_free(&doc);
  if (rc != PSORSIM_OK) {
    psr_arena_free(arena);
    return rc;
  }
  *out = c;
  return PSORSIM_OK;
}

int psorsim_calib_config_load(psorsim_ctx *ctx, const char *path, psorsim_calib_config **out)
{
  FILE *fp;
  char *buf;
  long size;
  size_t got;
  int rc;
  PSR_CHECK(ctx, path != NULL && out != NULL, PSORSIM_EINVAL, "calibrate: NULL argument");
  *out = NULL;
  fp = fopen(path, "rb");
  if (fp == NULL) PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot open: %s", path, strerror(errno));
  if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
      size > CONFIG_MAX_BYTES) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot read (or larger than %ld bytes)", path,
             CONFIG_MAX_BYTES);
  }
  buf = psr_malloc(ctx, (size_t)size + 1);
  if (buf == NULL) {
    fclose(fp);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", path);
  }
  got = fread(buf, 1, (size_t)size, fp);
  fclose(fp);
  if (got != (size_t)size) {
    psr_free(ctx, buf);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: read error", path);
  }
  buf[got] = '\0';
  rc = psorsim_calib_config_parse(ctx, buf, got, path, out);
  psr_free(ctx, buf);
  return rc;
}

void psorsim_calib_config_free(psorsim_calib_config **cfg)
{
  if (cfg == NULL || *cfg == NULL) return;
  psr_arena_free((psr_arena *)(*cfg)->arena_);
  *cfg = NULL;
}

double psorsim_calib_to_value(const psorsim_calib_param *p, double u)
{
  u = u < 0 ? 0 : u > 1 ? 1 : u;
  if (p->log_scale) return exp(log(p->lower) + u * (log(p->upper) - log(p->lower)));
  return p->lower + u * (p->upper - p->lower);
}

double psorsim_calib_to_unit(const psorsim_calib_param *p, double value)
{
  double u = p->log_scale ? (log(value) - log(p->lower)) / (log(p->upper) - log(p->lower))
                          : (value - p->lower) / (p->upper - p->lower);
  return u < 0 ? 0 : u > 1 ? 1 : u;
}
