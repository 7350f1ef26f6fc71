/* src/spec/regimen_file.c
 *
 * The regimen-file reader (include/psorsim/regimen_file.h): loads the YAML
 * (src/io/yaml.c), accepts either a top-level list or a mapping with
 * `regimen:`, and hands the list to the regimen walker of the treatments
 * (treatments/regimen_walk.h) that trial arms go through too, so a regimen
 * file and a trial arm accept exactly the same entries with the same
 * messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/regimen_file.h>

#include "common/context_impl.h"
#include "io/read_text.h"
#include "io/walk.h"
#include "treatments/regimen_walk.h"

/* Longest regimen file read (a regimen is a few hundred bytes). */
#define REGIMEN_FILE_MAX (1L * 1024 * 1024)
/* Longest run a regimen file may ask for, weeks (as a trial file). */
#define REGIMEN_WEEKS_MAX 1040.0

static const char *const top_keys[] = {"name", "note", "weeks", "regimen", NULL};
static const char *const kind_keys[] = {"drug", "phototherapy", "topical", "cells", "lifestyle"};

/* After entry `i` of `seq` failed: unless the message already names the
 * entry's treatment, append "(entry: KIND NAME)" so that every message
 * about an entry says which treatment it is about. */
static void name_the_entry(psorsim_ctx *ctx, const char *file, const psr_yaml_node *seq, size_t i,
                           int rc)
{
  char msg[PSR_ERRMSG_MAX];
  const psr_yaml_node *entry;
  const char *after_file; /* the message without its FILE: prefix (which may hold the name) */
  if (ctx == NULL || rc == PSORSIM_ENOMEM || i >= seq->n) return;
  after_file = psorsim_ctx_errmsg(ctx);
  if (strncmp(after_file, file, strlen(file)) == 0) after_file += strlen(file);
  entry = seq->items[i];
  if (entry->kind != PSR_YAML_MAP) return;
  for (size_t k = 0; k < sizeof(kind_keys) / sizeof(kind_keys[0]); k++) {
    const psr_yaml_node *v = psr_yaml_map_get(entry, kind_keys[k]);
    if (v == NULL || v->kind != PSR_YAML_SCALAR || v->text[0] == '\0') continue;
    if (strstr(after_file, v->text) != NULL) return;
    snprintf(msg, sizeof(msg), "%s", psorsim_ctx_errmsg(ctx));
    psr_error_set(ctx, rc, __FILE__, __LINE__, __func__, "%s (entry: %s %s)", msg, kind_keys[k],
                  v->text);
    return;
  }
}

/* The regimen list `seq` into spec->arm, naming the entry on failure. */
static int walk_list(psr_walk *w, psorsim_regimen_spec *spec, const psr_yaml_node *seq)
{
  int rc = psr_walk_regimen(w, seq, "regimen", &spec->arm);
  if (rc != PSORSIM_OK && seq->kind == PSR_YAML_SEQ)
    name_the_entry(w->ctx, w->file, seq, spec->arm.n_regimen, rc);
  return rc;
}

static int walk_top(psr_walk *w, psorsim_regimen_spec *spec, const psr_yaml_node *root)
{
  const psr_yaml_node *v;

  spec->arm.name = "regimen";
  if (root == NULL)
    return psr_walk_fail(w, NULL, "", PSORSIM_EINPUT,
                         "the file is empty; expected a regimen: a list of entries such as "
                         "- {drug: secukinumab, dose: 300 mg, at_weeks: [0, 4]}, or a mapping "
                         "with regimen:");
  if (root->kind == PSR_YAML_SEQ) {
    spec->arm.line = root->line;
    return walk_list(w, spec, root);
  }
  if (root->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, root, "", PSORSIM_EINPUT,
                         "expected a regimen: a list of entries (- drug: ...) or a mapping with "
                         "regimen:, got \"%.60s\"",
                         root->text);
  PSR_TRY(psr_walk_keys(w, root, "", "a regimen file", top_keys));
  if ((v = psr_yaml_map_get(root, "name")) != NULL) {
    PSR_TRY(psr_walk_text(w, v, "name", &spec->name));
    spec->arm.name = spec->name;
  }
  if ((v = psr_yaml_map_get(root, "note")) != NULL)
    PSR_TRY(psr_walk_text(w, v, "note", &spec->note));
  if ((v = psr_yaml_map_get(root, "weeks")) != NULL) {
    PSR_TRY(psr_walk_number(w, v, "weeks", 0.0, 1, REGIMEN_WEEKS_MAX, &spec->weeks.value));
    spec->weeks.given = 1;
  }
  PSR_TRY(psr_walk_require(w, root, "", "regimen", &v));
  spec->arm.line = v->line;
  return walk_list(w, spec, v);
}

int psorsim_regimen_spec_parse_string(psorsim_ctx *ctx, const char *text,
                                      const char *name_for_messages, psorsim_regimen_spec **out)
{
  psr_yaml_doc *doc = NULL;
  psr_arena *arena;
  psorsim_regimen_spec *spec;
  psr_walk w;
  int rc;

  PSR_CHECK(ctx, out != NULL && text != NULL, PSORSIM_EINVAL, "regimen: NULL argument");
  *out = NULL;
  if (name_for_messages == NULL) name_for_messages = "<string>";
  arena = psr_arena_create(ctx);
  if (arena == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", name_for_messages);
  spec = psr_arena_alloc(arena, sizeof(*spec));
  w.ctx = ctx;
  w.arena = arena;
  w.file = spec != NULL ? psr_arena_strdup(arena, name_for_messages) : NULL;
  if (w.file == NULL) {
    psr_arena_free(arena);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", name_for_messages);
  }
  memset(spec, 0, sizeof(*spec));
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

int psorsim_regimen_spec_load(psorsim_ctx *ctx, const char *path, psorsim_regimen_spec **out)
{
  char *buf = NULL;
  int rc;

  PSR_CHECK(ctx, out != NULL && path != NULL, PSORSIM_EINVAL, "regimen: NULL argument");
  *out = NULL;
  PSR_TRY(psr_read_text_file(ctx, path, REGIMEN_FILE_MAX, "regimen", &buf));
  rc = psorsim_regimen_spec_parse_string(ctx, buf, path, out);
  psr_free(ctx, buf);
  return rc;
}

double psorsim_regimen_spec_weeks(const psorsim_regimen_spec *spec)
{
  double end = 0.0;
  if (spec == NULL) return 0.0;
  if (spec->weeks.given) return spec->weeks.value;
  if (spec->arm.n_regimen == 0) return 0.0;
  for (size_t i = 0; i < spec->arm.n_regimen; i++) {
    const psorsim_schedule *s = &spec->arm.regimen[i].schedule;
    if (!s->until_given) return 0.0;
    if (s->until_day / 7.0 > end) end = s->until_day / 7.0;
  }
  return end;
}

void psorsim_regimen_spec_free(psorsim_regimen_spec **spec)
{
  if (spec == NULL || *spec == NULL) return;
  psr_arena_free((*spec)->arena_); /* the spec itself lives in its arena */
  *spec = NULL;
}
