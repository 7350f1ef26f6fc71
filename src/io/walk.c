/* src/io/walk.c
 *
 * The walker's helpers (walk.h): key-path building, the "FILE:LINE: KEY:
 * message" error form, mapping key checks (unknown and repeated keys) and
 * typed scalar readers, for every reader that walks a YAML tree.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/context_impl.h"
#include "io/walk.h"

/* "FILE:LINE: PATH: message" (no "PATH: " for an empty path) as status. */
static int walk_vfail(psr_walk *w, int line, const char *path, int status, const char *fmt,
                      va_list ap)
{
  char msg[PSR_ERRMSG_MAX];
  vsnprintf(msg, sizeof(msg), fmt, ap);
  if (path == NULL || path[0] == '\0')
    return psr_error_set(w->ctx, status, __FILE__, __LINE__, __func__, "%s:%d: %s", w->file, line,
                         msg);
  return psr_error_set(w->ctx, status, __FILE__, __LINE__, __func__, "%s:%d: %s: %s", w->file, line,
                       path, msg);
}

int psr_walk_fail(psr_walk *w, const psr_yaml_node *at, const char *path, int status,
                  const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = walk_vfail(w, at != NULL ? at->line : 1, path, status, fmt, ap);
  va_end(ap);
  return rc;
}

int psr_walk_fail_line(psr_walk *w, int line, const char *path, int status, const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = walk_vfail(w, line, path, status, fmt, ap);
  va_end(ap);
  return rc;
}

int psr_walk_nomem(psr_walk *w)
{
  return psr_error_set(w->ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "%s: out of memory",
                       w->file);
}

void psr_path_key(char *buf, size_t cap, const char *parent, const char *key)
{
  if (parent == NULL || parent[0] == '\0')
    snprintf(buf, cap, "%s", key);
  else
    snprintf(buf, cap, "%s.%s", parent, key);
}

void psr_path_index(char *buf, size_t cap, const char *parent, size_t index)
{
  snprintf(buf, cap, "%s[%zu]", parent, index);
}

/* A short description of what a node is, for "got ..." messages. */
static const char *node_desc(const psr_yaml_node *n, char *buf, size_t cap)
{
  if (n == NULL) return "nothing";
  if (n->kind == PSR_YAML_SEQ) return "a list";
  if (n->kind == PSR_YAML_MAP) return "a mapping";
  if (psr_yaml_is_null(n)) return "nothing";
  snprintf(buf, cap, "\"%.60s%s\"", n->text, strlen(n->text) > 60 ? "..." : "");
  return buf;
}

int psr_edit_distance(const char *a, const char *b)
{
  enum { MAXW = 48 };
  int prev[MAXW + 1], cur[MAXW + 1];
  size_t la = strlen(a), lb = strlen(b);
  if (la > MAXW || lb > MAXW) return MAXW;
  for (size_t j = 0; j <= lb; j++)
    prev[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      int del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(prev, cur, sizeof(int) * (lb + 1));
  }
  return prev[lb];
}

int psr_walk_keys(psr_walk *w, const psr_yaml_node *map, const char *path, const char *what,
                  const char *const *allowed)
{
  char desc[80], kpath[PSR_PATH_MAX];

  if (map == NULL || map->kind != PSR_YAML_MAP)
    return psr_walk_fail(w, map, path, PSORSIM_EINPUT, "expected a mapping (%s), got %s", what,
                         node_desc(map, desc, sizeof(desc)));
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i];
    size_t a;
    for (a = 0; allowed[a] != NULL; a++)
      if (strcmp(k->text, allowed[a]) == 0) break;
    psr_path_key(kpath, sizeof(kpath), path, k->text);
    if (allowed[a] == NULL) {
      char list[600];
      size_t used = 0;
      const char *best = NULL;
      int best_d = 3; /* suggest only close matches */
      list[0] = '\0';
      for (a = 0; allowed[a] != NULL; a++) {
        int d = psr_edit_distance(k->text, allowed[a]);
        if (d < best_d) best_d = d, best = allowed[a];
        int n = snprintf(list + used, sizeof(list) - used, "%s%s", a ? ", " : "", allowed[a]);
        if (n > 0 && (size_t)n < sizeof(list) - used) used += (size_t)n;
      }
      if (best != NULL)
        return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                             "unknown key in %s (did you mean \"%s\"?); accepted keys: %s", what,
                             best, list);
      return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT, "unknown key in %s; accepted keys: %s",
                           what, list);
    }
    for (size_t j = 0; j < i; j++)
      if (strcmp(map->items[2 * j]->text, k->text) == 0)
        return psr_walk_fail(w, k, kpath, PSORSIM_EINPUT,
                             "key given twice (first at line %d); each key may appear once",
                             map->items[2 * j]->line);
  }
  return PSORSIM_OK;
}

int psr_walk_require(psr_walk *w, const psr_yaml_node *map, const char *path, const char *key,
                     const psr_yaml_node **value)
{
  char kpath[PSR_PATH_MAX];
  *value = psr_yaml_map_get(map, key);
  if (*value != NULL) return PSORSIM_OK;
  psr_path_key(kpath, sizeof(kpath), path, key);
  return psr_walk_fail(w, map, kpath, PSORSIM_EINPUT, "missing (required)");
}

int psr_walk_text(psr_walk *w, const psr_yaml_node *n, const char *path, const char **out)
{
  char desc[80];
  if (n->kind != PSR_YAML_SCALAR || psr_yaml_is_null(n) || n->text[0] == '\0')
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "expected text, got %s",
                         node_desc(n, desc, sizeof(desc)));
  *out = psr_arena_strdup(w->arena, n->text);
  return *out != NULL ? PSORSIM_OK : psr_walk_nomem(w);
}

int psr_parse_real(const char *text, double *out)
{
  const char *s = text;
  char *end;
  size_t i, digits = 0;

  while (isspace((unsigned char)*s))
    s++;
  i = 0;
  if (s[i] == '+' || s[i] == '-') i++;
  while (isdigit((unsigned char)s[i]))
    i++, digits++;
  if (s[i] == '.') {
    i++;
    while (isdigit((unsigned char)s[i]))
      i++, digits++;
  }
  if (digits == 0) return 0;
  if (s[i] == 'e' || s[i] == 'E') {
    i++;
    if (s[i] == '+' || s[i] == '-') i++;
    if (!isdigit((unsigned char)s[i])) return 0;
    while (isdigit((unsigned char)s[i]))
      i++;
  }
  for (size_t j = i; s[j] != '\0'; j++)
    if (!isspace((unsigned char)s[j])) return 0;
  *out = strtod(s, &end);
  return isfinite(*out);
}

int psr_walk_number(psr_walk *w, const psr_yaml_node *n, const char *path, double min, int min_open,
                    double max, double *out)
{
  char desc[80];
  double v;
  if (n->kind != PSR_YAML_SCALAR || psr_yaml_is_null(n) || !psr_parse_real(n->text, &v))
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "expected a number, got %s",
                         node_desc(n, desc, sizeof(desc)));
  if ((min_open ? v <= min : v < min) || v > max) {
    if (min_open)
      return psr_walk_fail(w, n, path, PSORSIM_EINPUT,
                           "must be greater than %g and at most %g, got %s", min, max, n->text);
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "must be between %g and %g, got %s", min, max,
                         n->text);
  }
  *out = v;
  return PSORSIM_OK;
}

int psr_walk_int(psr_walk *w, const psr_yaml_node *n, const char *path, long min, long max,
                 long *out)
{
  char desc[80];
  double v;
  if (n->kind != PSR_YAML_SCALAR || psr_yaml_is_null(n) || !psr_parse_real(n->text, &v) ||
      v != floor(v))
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "expected a whole number, got %s",
                         node_desc(n, desc, sizeof(desc)));
  if (v < (double)min || v > (double)max)
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "must be between %ld and %ld, got %s", min,
                         max, n->text);
  *out = (long)v;
  return PSORSIM_OK;
}

int psr_walk_bool(psr_walk *w, const psr_yaml_node *n, const char *path, int *out)
{
  static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
  static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
  char desc[80];
  if (n->kind == PSR_YAML_SCALAR) {
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
      if (strcmp(n->text, yes[i]) == 0) return *out = 1, PSORSIM_OK;
      if (strcmp(n->text, no[i]) == 0) return *out = 0, PSORSIM_OK;
    }
  }
  return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "expected true or false, got %s",
                       node_desc(n, desc, sizeof(desc)));
}

int psr_walk_quantity(psr_walk *w, const psr_yaml_node *n, const char *path, unsigned accept,
                      psorsim_quantity *out)
{
  char where[PSR_PATH_MAX + 300], desc[80];
  snprintf(where, sizeof(where), "%s:%d: %s", w->file, n->line, path);
  if (n->kind != PSR_YAML_SCALAR || psr_yaml_is_null(n))
    return psr_walk_fail(w, n, path, PSORSIM_EINPUT, "expected a number with a unit, got %s",
                         node_desc(n, desc, sizeof(desc)));
  return psorsim_quantity_parse(w->ctx, n->text, accept, where, out);
}
