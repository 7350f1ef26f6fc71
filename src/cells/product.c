/* src/cells/product.c
 *
 * The standardised product description of a cell therapy: a `product:`
 * block checked against the ISCT minimal criteria for MSCs (Dominici et al.,
 * Cytotherapy 2006;8:315: plastic adherence; CD73, CD90, CD105 >= 95 %;
 * CD45, CD34, CD14 or CD11b, CD79a or CD19, HLA-DR <= 2 %; tri-lineage
 * differentiation) and release criteria (viability, passage, sterility,
 * mycoplasma, endotoxin, karyotype, cell count; limits and sources in
 * docs/cell-therapy.md section 4), and the reader of a product file for
 * `psorsim product check`. The criteria are one static const table; the
 * functions keep no state.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/cells.h>

#include "cells/product_walk.h"
#include "common/context_impl.h"

/* How a criterion is judged. */
typedef enum {
  RULE_MIN,       /* value >= limit (percent) */
  RULE_MAX,       /* value <= limit (percent, or a whole number for passage) */
  RULE_TRUE,      /* must be true */
  RULE_ENDOTOXIN, /* text "N EU/mL" (<= limit) or "N EU/kg" (<= ENDOTOXIN_EU_KG) */
  RULE_KARYOTYPE, /* text "normal" */
  RULE_COUNT      /* cell_count, within COUNT_TOLERANCE of cell_count_target when given */
} rule_kind;

/* One criterion of the standard. */
typedef struct criterion {
  const char *name;   /* printed name, e.g. "cd73" or "cd14/cd11b" */
  const char *key1;   /* product key that declares it */
  const char *key2;   /* alternative key (ISCT "CD14 or CD11b"), or NULL */
  rule_kind rule;     /* how it is judged */
  double limit;       /* the limit (percent, passage, EU/mL) */
  int required;       /* 1: must be declared for a release check */
  const char *what;   /* e.g. "ISCT minimum" */
  const char *source; /* where the limit comes from */
} criterion;

#define ISCT            "Dominici 2006"
#define ENDOTOXIN_EU_KG 5.0  /* BMJ Open 2021 UC-MSC protocol (A) */
#define COUNT_TOLERANCE 0.15 /* World J Clin Cases 2023: 4.5-6.0 x 10^7 around 5.25 (A) */

static const criterion criteria[] = {
    {"plastic_adherence", "plastic_adherence", NULL, RULE_TRUE, NAN, 1, "ISCT criterion", ISCT},
    {"cd73", "cd73", NULL, RULE_MIN, 95.0, 1, "ISCT minimum", ISCT},
    {"cd90", "cd90", NULL, RULE_MIN, 95.0, 1, "ISCT minimum", ISCT},
    {"cd105", "cd105", NULL, RULE_MIN, 95.0, 1, "ISCT minimum", ISCT},
    {"cd45", "cd45", NULL, RULE_MAX, 2.0, 1, "ISCT maximum", ISCT},
    {"cd34", "cd34", NULL, RULE_MAX, 2.0, 1, "ISCT maximum", ISCT},
    {"cd14/cd11b", "cd14", "cd11b", RULE_MAX, 2.0, 1, "ISCT maximum", ISCT},
    {"cd79a/cd19", "cd79a", "cd19", RULE_MAX, 2.0, 1, "ISCT maximum", ISCT},
    {"hla_dr", "hla_dr", NULL, RULE_MAX, 2.0, 1, "ISCT maximum", ISCT},
    {"trilineage", "trilineage", NULL, RULE_TRUE, NAN, 1, "ISCT criterion", ISCT},
    {"viability", "viability", NULL, RULE_MIN, 70.0, 1, "release minimum",
     "lowest specification seen, J Transl Med 2018"},
    {"passage", "passage", NULL, RULE_MAX, 10.0, 1, "release maximum",
     "assumed: no sourced cut-off"},
    {"sterile", "sterile", NULL, RULE_TRUE, NAN, 1, "release criterion", "every specification"},
    {"mycoplasma_free", "mycoplasma_free", NULL, RULE_TRUE, NAN, 1, "release criterion",
     "every specification"},
    {"endotoxin", "endotoxin", NULL, RULE_ENDOTOXIN, 12.5, 1, "release maximum",
     "Stem Cell Rev Rep 2020 (12.5 EU/mL); BMJ Open 2021 (5 EU/kg)"},
    {"karyotype", "karyotype", NULL, RULE_KARYOTYPE, NAN, 0, "release criterion",
     "Stem Cell Rev Rep 2020; BMJ Open 2021"},
    {"cell_count", "cell_count", NULL, RULE_COUNT, COUNT_TOLERANCE, 0, "release tolerance",
     "World J Clin Cases 2023"},
};
#define N_CRITERIA (sizeof(criteria) / sizeof(criteria[0]))

/* Printable phrase of a rule's requirement, e.g. "ISCT minimum 95 %". */
static void requirement(const criterion *c, char *buf, size_t cap)
{
  switch (c->rule) {
  case RULE_MIN:
  case RULE_MAX:
    snprintf(buf, cap, "%s %g%s", c->what, c->limit, c->key1[0] == 'p' ? "" : " %");
    return;
  case RULE_TRUE:
    snprintf(buf, cap, "%s: must be true", c->what);
    return;
  case RULE_ENDOTOXIN:
    snprintf(buf, cap, "%s %g EU/mL or %g EU/kg", c->what, c->limit, ENDOTOXIN_EU_KG);
    return;
  case RULE_KARYOTYPE:
    snprintf(buf, cap, "%s: normal", c->what);
    return;
  case RULE_COUNT:
    snprintf(buf, cap, "%s +/-%g %% of cell_count_target", c->what, 100.0 * c->limit);
    return;
  }
}

static const psorsim_product_item *item_of(const psorsim_cell_product *p, const char *key)
{
  if (key == NULL) return NULL;
  for (size_t i = 0; i < p->n_items; i++)
    if (strcmp(p->items[i].key, key) == 0) return &p->items[i];
  return NULL;
}

/* A leading number of text (after an optional '<' or '<='), its end in *end. */
static int leading_number(const char *text, double *x, const char **end)
{
  char *e;
  while (*text == ' ' || *text == '<' || *text == '=')
    text++;
  errno = 0;
  *x = strtod(text, &e);
  if (e == text || errno != 0 || !isfinite(*x) || *x < 0) return 0;
  while (*e == ' ')
    e++;
  *end = e;
  return 1;
}

/* Whether two strings are equal ignoring case. */
static int same_word(const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

/* A count "5.1e7" or "5.1e7 cells"; 0 when unreadable. */
static int read_count(const char *text, double *x)
{
  const char *end;
  if (text == NULL || !leading_number(text, x, &end)) return 0;
  return (*end == '\0' || same_word(end, "cells")) && *x > 0;
}

/* Append one finding (always counted). */
static void add(psorsim_product_finding *out, int cap, int *n, const criterion *c, int line,
                int declared, double value, double limit, const char *fmt, const char *key,
                const char *detail)
{
  if (*n < cap && out != NULL) {
    psorsim_product_finding *f = &out[*n];
    f->criterion = c->name;
    f->line = line;
    f->declared = declared;
    f->value = value;
    f->limit = limit;
    snprintf(f->message, sizeof(f->message), fmt, key, detail);
  }
  (*n)++;
}

/* Check one declared item against a numeric or true/false rule. */
static void check_item(const criterion *c, const psorsim_product_item *it,
                       const psorsim_cell_product *p, psorsim_product_finding *out, int cap, int *n)
{
  char detail[192];
  const int pct = it->kind == PSORSIM_PRODUCT_PERCENT;
  switch (c->rule) {
  case RULE_MIN:
    if (it->value >= c->limit) return;
    snprintf(detail, sizeof(detail), "%g%s is below the %s of %g%s (%s)", it->value,
             pct ? " %" : "", c->what, c->limit, pct ? " %" : "", c->source);
    break;
  case RULE_MAX:
    if (it->value <= c->limit) return;
    snprintf(detail, sizeof(detail), "%g%s is above the %s of %g%s (%s)", it->value,
             pct ? " %" : "", c->what, c->limit, pct ? " %" : "", c->source);
    break;
  case RULE_TRUE:
    if (it->value == 1.0) return;
    snprintf(detail, sizeof(detail), "false, but the %s requires it to be true (%s)", c->what,
             c->source);
    break;
  case RULE_ENDOTOXIN: {
    double x;
    const char *unit;
    if (!leading_number(it->text, &x, &unit)) {
      snprintf(detail, sizeof(detail),
               "cannot read \"%s\"; write a value such as \"0.5 EU/mL\" or \"2 EU/kg\"", it->text);
      add(out, cap, n, c, it->line, 1, NAN, c->limit, "%s: %s", it->key, detail);
      return;
    }
    if (same_word(unit, "EU/mL") || same_word(unit, "EU/ml")) {
      if (x <= c->limit) return;
      snprintf(detail, sizeof(detail), "%g EU/mL is above the %s of %g EU/mL (%s)", x, c->what,
               c->limit, c->source);
      add(out, cap, n, c, it->line, 1, x, c->limit, "%s: %s", it->key, detail);
      return;
    }
    if (same_word(unit, "EU/kg")) {
      if (x <= ENDOTOXIN_EU_KG) return;
      snprintf(detail, sizeof(detail), "%g EU/kg is above the %s of %g EU/kg (%s)", x, c->what,
               ENDOTOXIN_EU_KG, c->source);
      add(out, cap, n, c, it->line, 1, x, ENDOTOXIN_EU_KG, "%s: %s", it->key, detail);
      return;
    }
    snprintf(detail, sizeof(detail), "unit of \"%s\" is not EU/mL or EU/kg", it->text);
    add(out, cap, n, c, it->line, 1, x, c->limit, "%s: %s", it->key, detail);
    return;
  }
  case RULE_KARYOTYPE:
    if (same_word(it->text, "normal")) return;
    snprintf(detail, sizeof(detail), "\"%s\" is not \"normal\" (%s)", it->text, c->source);
    add(out, cap, n, c, it->line, 1, NAN, NAN, "%s: %s", it->key, detail);
    return;
  case RULE_COUNT: {
    const psorsim_product_item *tg = item_of(p, "cell_count_target");
    double x, target;
    if (!read_count(it->text, &x)) {
      snprintf(detail, sizeof(detail), "cannot read \"%s\"; write a number such as \"5.1e7\"",
               it->text);
      add(out, cap, n, c, it->line, 1, NAN, NAN, "%s: %s", it->key, detail);
      return;
    }
    if (tg == NULL) return;
    if (!read_count(tg->text, &target)) {
      snprintf(detail, sizeof(detail), "cannot read \"%s\"; write a number such as \"5.25e7\"",
               tg->text);
      add(out, cap, n, c, tg->line, 1, NAN, NAN, "%s: %s", tg->key, detail);
      return;
    }
    if (fabs(x / target - 1.0) <= c->limit) return;
    snprintf(detail, sizeof(detail),
             "%.3g cells is %.0f %% %s the target %.3g, outside the %s of +/-%g %% (%s)", x,
             100.0 * fabs(x / target - 1.0), x < target ? "below" : "above", target, c->what,
             100.0 * c->limit, c->source);
    add(out, cap, n, c, it->line, 1, x, target, "%s: %s", it->key, detail);
    return;
  }
  }
  add(out, cap, n, c, it->line, 1, it->value, c->limit, "%s: %s", it->key, detail);
}

int psorsim_cell_product_check(const psorsim_cell_product *p, psorsim_product_check_mode mode,
                               psorsim_product_finding *out, int cap, int *n_failed)
{
  static const psorsim_cell_product empty = {0, 0, -1, NAN, -1, NULL, 0};
  if (n_failed == NULL) return PSORSIM_EINVAL;
  *n_failed = 0;
  if (p == NULL) return PSORSIM_EINVAL;
  if (!p->given) p = &empty;
  for (size_t k = 0; k < N_CRITERIA; k++) {
    const criterion *c = &criteria[k];
    const psorsim_product_item *a = item_of(p, c->key1), *b = item_of(p, c->key2);
    if (a == NULL && b == NULL) {
      char req[96], detail[160];
      if (mode != PSORSIM_PRODUCT_CHECK_RELEASE || !c->required) continue;
      requirement(c, req, sizeof(req));
      snprintf(detail, sizeof(detail), "not declared (%s, %s)", req, c->source);
      add(out, cap, n_failed, c, p->line > 0 ? p->line : 1, 0, NAN, c->limit, "%s: %s", c->name,
          detail);
      continue;
    }
    if (a != NULL) check_item(c, a, p, out, cap, n_failed);
    if (b != NULL) check_item(c, b, p, out, cap, n_failed);
  }
  return PSORSIM_OK;
}

/* ---- product files ----------------------------------------------------- */

struct psorsim_cell_product_file {
  psorsim_ctx *ctx;             /* borrowed */
  psr_arena *arena;             /* owns the items and their texts */
  psorsim_cell_product product; /* the block */
};

void psorsim_cell_product_file_free(psorsim_cell_product_file **f)
{
  if (f == NULL || *f == NULL) return;
  psr_arena_free((*f)->arena);
  psr_free((*f)->ctx, *f);
  *f = NULL;
}

const psorsim_cell_product *psorsim_cell_product_file_product(const psorsim_cell_product_file *f)
{
  return f == NULL ? NULL : &f->product;
}

/* The whole file as a NUL-terminated buffer (caller frees with psr_free). */
static int read_text(psorsim_ctx *ctx, const char *path, char **out, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  *out = NULL;
  if (fp == NULL) PSR_FAIL(ctx, PSORSIM_EIO, "%s: cannot open: %s", path, strerror(errno));
  for (;;) {
    if (n + 4096 + 1 > cap) {
      char *bigger;
      if (cap > (1u << 20)) {
        fclose(fp);
        psr_free(ctx, buf);
        PSR_FAIL(ctx, PSORSIM_EIO, "%s: file too large for a product description", path);
      }
      bigger = psr_malloc(ctx, cap + 8192 + 1);
      if (bigger == NULL) {
        fclose(fp);
        psr_free(ctx, buf);
        PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", path);
      }
      if (n > 0) memcpy(bigger, buf, n);
      psr_free(ctx, buf);
      buf = bigger;
      cap += 8192 + 1;
    }
    size_t got = fread(buf + n, 1, 4096, fp);
    n += got;
    if (got < 4096) break;
  }
  if (ferror(fp)) {
    fclose(fp);
    psr_free(ctx, buf);
    PSR_FAIL(ctx, PSORSIM_EIO, "%s: read error", path);
  }
  fclose(fp);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return PSORSIM_OK;
}

int psorsim_cell_product_load(psorsim_ctx *ctx, const char *path, psorsim_cell_product_file **out)
{
  psorsim_cell_product_file *f = NULL;
  psr_yaml_doc *doc = NULL;
  const psr_yaml_node *root, *block;
  const char *kpath = "";
  char *text = NULL;
  size_t len = 0;
  psr_walk w;
  int rc;

  PSR_CHECK(ctx, out != NULL && path != NULL, PSORSIM_EINVAL, "product: NULL argument");
  *out = NULL;
  PSR_TRY(read_text(ctx, path, &text, &len));
  f = psr_calloc(ctx, 1, sizeof(*f));
  if (f != NULL) f->ctx = ctx;
  if (f == NULL || (f->arena = psr_arena_create(ctx)) == NULL) {
    psr_free(ctx, text);
    psorsim_cell_product_file_free(&f);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", path);
  }
  rc = psr_yaml_parse(ctx, text, len, path, &doc);
  psr_free(ctx, text);
  if (rc != PSORSIM_OK) {
    psorsim_cell_product_file_free(&f);
    return rc;
  }
  w.ctx = ctx;
  w.file = path;
  w.arena = f->arena;
  root = doc->root;
  if (root == NULL || root->kind != PSR_YAML_MAP) {
    rc = psr_walk_fail(&w, root, "", PSORSIM_EINPUT,
                       "expected a mapping of product keys (cd73: 97 %%, viability: 92 %%, ...) "
                       "or a mapping with a product: key");
  } else {
    block = root;
    if (root->n == 1 && strcmp(root->items[0]->text, "product") == 0) {
      block = root->items[1];
      kpath = "product";
    }
    rc = psr_walk_cell_product(&w, block, kpath, &f->product);
  }
  psr_yaml_free(&doc);
  if (rc != PSORSIM_OK) {
    psorsim_cell_product_file_free(&f);
    return rc;
  }
  *out = f;
  return PSORSIM_OK;
}
