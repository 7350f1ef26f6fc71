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
 * walked with the file walker (src/io/walk.h), so every error names
 * FILE:LINE: KEY the way trial files do. Unknown and repeated keys are
 * errors (a typo must not silently keep a default).
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/calibrate.h>

#include "common/context_impl.h"
#include "io/walk.h"

#define CONFIG_MAX_BYTES (1L << 20)

/* Parser state: the walk (messages, arena) and where relative paths start. */
typedef struct cfg_parse {
  psr_walk w;     /* ctx, the config's name for messages, the config's arena */
  char dir[1024]; /* the config's directory, with a trailing '/' or empty */
} cfg_parse;

/* Any finite number. */
static int get_number(cfg_parse *ps, const psr_yaml_node *n, const char *path, double *out)
{
  return psr_walk_number(&ps->w, n, path, -DBL_MAX, 0, DBL_MAX, out);
}

/* A required key's value as a number. */
static int get_required_number(cfg_parse *ps, const psr_yaml_node *map, const char *parent,
                               const char *key, double *out)
{
  char kp[PSR_PATH_MAX];
  const psr_yaml_node *v;
  PSR_TRY(psr_walk_require(&ps->w, map, parent, key, &v));
  psr_path_key(kp, sizeof(kp), parent, key);
  return get_number(ps, v, kp, out);
}

static int parse_files(cfg_parse *ps, const psr_yaml_node *n, psorsim_calib_config *c)
{
  static const char *const keys[] = {"path", "weight", NULL};
  psr_walk *w = &ps->w;
  if (n->kind != PSR_YAML_SEQ || n->n == 0)
    return psr_walk_fail(w, n, "files", PSORSIM_EINPUT, "expected a list of trial files");
  c->n_files = n->n;
  c->files = psr_arena_alloc(w->arena, n->n * sizeof(*c->files));
  if (c->files == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < n->n; i++) {
    const psr_yaml_node *it = n->items[i], *v;
    psorsim_calib_file *f = &c->files[i];
    const char *rel;
    char key[64], kp[PSR_PATH_MAX], full[2048];
    psr_path_index(key, sizeof(key), "files", i);
    f->weight = 1.0;
    f->line = it->line;
    if (it->kind == PSR_YAML_MAP) {
      PSR_TRY(psr_walk_keys(w, it, key, "a file entry", keys));
      PSR_TRY(psr_walk_require(w, it, key, "path", &v));
      psr_path_key(kp, sizeof(kp), key, "path");
      PSR_TRY(psr_walk_text(w, v, kp, &rel));
      if ((v = psr_yaml_map_get(it, "weight")) != NULL) {
        psr_path_key(kp, sizeof(kp), key, "weight");
        PSR_TRY(get_number(ps, v, kp, &f->weight));
        if (f->weight < 0)
          return psr_walk_fail(w, v, kp, PSORSIM_EINPUT, "must be >= 0, got %s", v->text);
      }
    } else {
      PSR_TRY(psr_walk_text(w, it, key, &rel));
    }
    snprintf(full, sizeof(full), "%s%s", rel[0] == '/' ? "" : ps->dir, rel);
    f->path = psr_arena_strdup(w->arena, full);
    if (f->path == NULL) return psr_walk_nomem(w);
  }
  return PSORSIM_OK;
}

static int parse_param(cfg_parse *ps, const psr_yaml_node *it, size_t i, psorsim_calib_param *p)
{
  static const char *const keys[] = {"name", "start",     "prior", "lower", "upper",
                                     "log",  "fitted_to", "links", NULL};
  psr_walk *w = &ps->w;
  const psr_yaml_node *v, *links;
  char kp[PSR_PATH_MAX], pre[48];
  psr_path_index(pre, sizeof(pre), "parameters", i);
  PSR_TRY(psr_walk_keys(w, it, pre, "a fitted parameter", keys));
  p->line = it->line;
#define KP(k) (psr_path_key(kp, sizeof(kp), pre, k), kp)
  PSR_TRY(psr_walk_require(w, it, pre, "name", &v));
  PSR_TRY(psr_walk_text(w, v, KP("name"), &p->name));
  PSR_TRY(get_required_number(ps, it, pre, "start", &p->start));
  PSR_TRY(get_required_number(ps, it, pre, "lower", &p->lower));
  PSR_TRY(get_required_number(ps, it, pre, "upper", &p->upper));
  p->prior = p->start;
  if ((v = psr_yaml_map_get(it, "prior")) != NULL)
    PSR_TRY(get_number(ps, v, KP("prior"), &p->prior));
  if ((v = psr_yaml_map_get(it, "log")) != NULL)
    PSR_TRY(psr_walk_bool(w, v, KP("log"), &p->log_scale));
  p->fitted_to = "";
  if ((v = psr_yaml_map_get(it, "fitted_to")) != NULL)
    PSR_TRY(psr_walk_text(w, v, KP("fitted_to"), &p->fitted_to));
  if (!(p->lower < p->upper))
    return psr_walk_fail(w, psr_yaml_map_get(it, "upper"), KP("upper"), PSORSIM_EINPUT,
                         "must exceed lower (%g)", p->lower);
  if (p->start < p->lower || p->start > p->upper)
    return psr_walk_fail(w, psr_yaml_map_get(it, "start"), KP("start"), PSORSIM_EINPUT,
                         "%g is outside [%g, %g]", p->start, p->lower, p->upper);
  if (p->prior < p->lower || p->prior > p->upper)
    return psr_walk_fail(w, psr_yaml_map_get(it, "prior"), KP("prior"), PSORSIM_EINPUT,
                         "%g is outside [%g, %g]", p->prior, p->lower, p->upper);
  if (p->log_scale && !(p->lower > 0))
    return psr_walk_fail(w, psr_yaml_map_get(it, "lower"), KP("lower"), PSORSIM_EINPUT,
                         "must be > 0 with log: true");
  links = psr_yaml_map_get(it, "links");
  if (links != NULL) {
    if (links->kind != PSR_YAML_MAP || links->n > PSORSIM_CALIB_MAX_LINKS)
      return psr_walk_fail(w, links, KP("links"), PSORSIM_EINPUT,
                           "expected a mapping NAME: FACTOR (at most %d)", PSORSIM_CALIB_MAX_LINKS);
    for (size_t j = 0; j < links->n; j++) {
      const psr_yaml_node *k = links->items[2 * j];
      char lp[PSR_PATH_MAX];
      psr_path_key(lp, sizeof(lp), KP("links"), k->text);
      PSR_TRY(psr_walk_text(w, k, lp, &p->link_names[j]));
      PSR_TRY(get_number(ps, links->items[2 * j + 1], lp, &p->link_factors[j]));
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
  psr_walk *w = &ps->w;
  const psr_yaml_node *v;
  long l;
  PSR_TRY(psr_walk_keys(w, n, "optimizer", "the optimizer settings", keys));
  if ((v = psr_yaml_map_get(n, "algorithm")) != NULL) {
    PSR_TRY(psr_walk_text(w, v, "optimizer.algorithm", &c->algorithm));
    if (strcmp(c->algorithm, "bobyqa") != 0 && strcmp(c->algorithm, "sbplx") != 0 &&
        strcmp(c->algorithm, "neldermead") != 0)
      return psr_walk_fail(w, v, "optimizer.algorithm", PSORSIM_EINPUT,
                           "'%s' is not bobyqa, sbplx or neldermead", c->algorithm);
  }
  if ((v = psr_yaml_map_get(n, "max_evals")) != NULL) {
    PSR_TRY(psr_walk_int(w, v, "optimizer.max_evals", 1, 100000, &l));
    c->max_evals = (int)l;
  }
  if ((v = psr_yaml_map_get(n, "cv_max_evals")) != NULL) {
    PSR_TRY(psr_walk_int(w, v, "optimizer.cv_max_evals", 1, 100000, &l));
    c->cv_max_evals = (int)l;
  }
  if ((v = psr_yaml_map_get(n, "initial_step")) != NULL)
    PSR_TRY(psr_walk_number(w, v, "optimizer.initial_step", 0.0, 1, 0.5, &c->initial_step));
  if ((v = psr_yaml_map_get(n, "xtol_rel")) != NULL) {
    PSR_TRY(get_number(ps, v, "optimizer.xtol_rel", &c->xtol_rel));
    if (!(c->xtol_rel >= 0))
      return psr_walk_fail(w, v, "optimizer.xtol_rel", PSORSIM_EINPUT, "must be >= 0, got %s",
                           v->text);
  }
  return PSORSIM_OK;
}

static int parse_root(cfg_parse *ps, const psr_yaml_node *root, psorsim_calib_config *c)
{
  static const char *const keys[] = {"files", "parameters", "fixed",     "patients_per_arm",
                                     "seed",  "threads",    "optimizer", "name",
                                     "note",  NULL};
  psr_walk *w = &ps->w;
  const psr_yaml_node *v;
  long l;
  if (root == NULL || root->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, root, "", PSORSIM_EINPUT,
                         "expected a mapping with files: and parameters:");
  PSR_TRY(psr_walk_keys(w, root, "", "a calibration configuration", keys));
  PSR_TRY(psr_walk_require(w, root, "", "files", &v));
  PSR_TRY(parse_files(ps, v, c));
  PSR_TRY(psr_walk_require(w, root, "", "parameters", &v));
  if (v->kind != PSR_YAML_SEQ || v->n == 0)
    return psr_walk_fail(w, v, "parameters", PSORSIM_EINPUT, "expected a list");
  c->n_params = v->n;
  c->params = psr_arena_alloc(w->arena, v->n * sizeof(*c->params));
  if (c->params == NULL) return psr_walk_nomem(w);
  memset(c->params, 0, v->n * sizeof(*c->params));
  for (size_t i = 0; i < v->n; i++)
    PSR_TRY(parse_param(ps, v->items[i], i, &c->params[i]));
  for (size_t i = 0; i < c->n_params; i++) {
    for (size_t j = 0; j < i; j++) {
      if (strcmp(c->params[i].name, c->params[j].name) == 0) {
        char kp[PSR_PATH_MAX];
        snprintf(kp, sizeof(kp), "parameters[%zu].name", i);
        return psr_walk_fail_line(w, c->params[i].line, kp, PSORSIM_EINPUT, "'%s' is listed twice",
                                  c->params[i].name);
      }
    }
  }
  if ((v = psr_yaml_map_get(root, "fixed")) != NULL && !psr_yaml_is_null(v)) {
    if (v->kind != PSR_YAML_MAP)
      return psr_walk_fail(w, v, "fixed", PSORSIM_EINPUT, "expected a mapping NAME: VALUE");
    c->n_fixed = v->n;
    c->fixed_names = psr_arena_alloc(w->arena, (v->n + 1) * sizeof(char *));
    c->fixed_values = psr_arena_alloc(w->arena, (v->n + 1) * sizeof(double));
    if (c->fixed_names == NULL || c->fixed_values == NULL) return psr_walk_nomem(w);
    for (size_t j = 0; j < v->n; j++) {
      char kp[PSR_PATH_MAX];
      psr_path_key(kp, sizeof(kp), "fixed", v->items[2 * j]->text);
      PSR_TRY(psr_walk_text(w, v->items[2 * j], kp, &c->fixed_names[j]));
      PSR_TRY(get_number(ps, v->items[2 * j + 1], kp, &c->fixed_values[j]));
    }
  }
  if ((v = psr_yaml_map_get(root, "patients_per_arm")) != NULL) {
    PSR_TRY(psr_walk_int(w, v, "patients_per_arm", 1, 1000000, &l));
    c->patients_per_arm = (int)l;
  }
  if ((v = psr_yaml_map_get(root, "seed")) != NULL) {
    PSR_TRY(psr_walk_int(w, v, "seed", 0, 4000000000L, &l));
    c->seed = (uint64_t)l;
  }
  if ((v = psr_yaml_map_get(root, "threads")) != NULL) {
    PSR_TRY(psr_walk_int(w, v, "threads", 0, 1024, &l));
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
  ps.w.ctx = ctx;
  ps.w.file = name;
  ps.w.arena = arena;
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
