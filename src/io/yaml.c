/* src/io/yaml.c
 *
 * Loads a YAML document into the node tree of yaml_tree.h with libyaml's
 * event parser. This is the only file that includes <yaml.h>. The tree is
 * built without recursion (an explicit stack with a depth limit), so a
 * hostile file cannot exhaust the C stack; syntax errors become
 * PSORSIM_EINPUT with the file name and line.
 */
#include <string.h>

#include <yaml.h>

#include "common/context_impl.h"
#include "io/yaml_tree.h"

/* Deepest nesting accepted; trial files need about 6. */
#define YAML_MAX_DEPTH 64

/* Build state: the open containers from the root down. */
typedef struct builder {
  psorsim_ctx *ctx;
  const char *name;                     /* file name for messages */
  psr_arena *arena;                     /* where nodes go */
  psr_yaml_node *root;                  /* first top-level node */
  psr_yaml_node *stack[YAML_MAX_DEPTH]; /* open sequences and mappings */
  psr_yaml_node *head[YAML_MAX_DEPTH];  /* first child of each open container */
  psr_yaml_node *tail[YAML_MAX_DEPTH];  /* last child of each open container */
  int depth;                            /* number of open containers */
  int documents;                        /* documents seen */
} builder;

/* 1-based line of a byte offset in text (for reader errors). */
static int line_of_offset(const char *text, size_t len, size_t offset)
{
  int line = 1;
  for (size_t i = 0; i < offset && i < len; i++)
    if (text[i] == '\n') line++;
  return line;
}

static int syntax_error(builder *b, const yaml_parser_t *p, const char *text, size_t len)
{
  if (p->error == YAML_MEMORY_ERROR)
    PSR_FAIL(b->ctx, PSORSIM_ENOMEM, "%s: out of memory while parsing YAML", b->name);
  if (p->error == YAML_READER_ERROR)
    PSR_FAIL(b->ctx, PSORSIM_EINPUT, "%s:%d: invalid YAML: %s (byte offset %zu)", b->name,
             line_of_offset(text, len, p->problem_offset),
             p->problem ? p->problem : "unreadable input", p->problem_offset);
  if (p->context != NULL)
    PSR_FAIL(b->ctx, PSORSIM_EINPUT, "%s:%d: invalid YAML: %s (%s at line %d)", b->name,
             (int)p->problem_mark.line + 1, p->problem ? p->problem : "syntax error", p->context,
             (int)p->context_mark.line + 1);
  PSR_FAIL(b->ctx, PSORSIM_EINPUT, "%s:%d: invalid YAML: %s", b->name,
           (int)p->problem_mark.line + 1, p->problem ? p->problem : "syntax error");
}

static psr_yaml_node *new_node(builder *b, psr_yaml_kind kind, const yaml_mark_t *mark)
{
  psr_yaml_node *n = psr_arena_alloc(b->arena, sizeof(*n));
  if (n == NULL) return NULL;
  n->kind = kind;
  n->line = (int)mark->line + 1;
  n->col = (int)mark->column + 1;
  return n;
}

/* Append a finished or just-opened node to the current container. */
static int attach(builder *b, psr_yaml_node *n)
{
  if (b->depth == 0) {
    b->root = n;
    return PSORSIM_OK;
  }
  psr_yaml_node *parent = b->stack[b->depth - 1];
  if (parent->kind == PSR_YAML_MAP && parent->n % 2 == 0 && n->kind != PSR_YAML_SCALAR)
    PSR_FAIL(b->ctx, PSORSIM_EINPUT,
             "%s:%d: invalid YAML: a mapping key must be a plain word, not a %s", b->name, n->line,
             n->kind == PSR_YAML_MAP ? "mapping" : "sequence");
  if (b->tail[b->depth - 1] == NULL) {
    b->head[b->depth - 1] = n;
  } else {
    b->tail[b->depth - 1]->next_ = n;
  }
  b->tail[b->depth - 1] = n;
  parent->n++;
  return PSORSIM_OK;
}

static int open_container(builder *b, psr_yaml_kind kind, const yaml_mark_t *mark)
{
  psr_yaml_node *n = new_node(b, kind, mark);
  if (n == NULL) PSR_FAIL(b->ctx, PSORSIM_ENOMEM, "%s: out of memory", b->name);
  PSR_CHECK(b->ctx, b->depth < YAML_MAX_DEPTH, PSORSIM_EINPUT,
            "%s:%d: invalid YAML: nesting deeper than %d levels", b->name, n->line, YAML_MAX_DEPTH);
  PSR_TRY(attach(b, n));
  b->stack[b->depth] = n;
  b->head[b->depth] = NULL;
  b->tail[b->depth] = NULL;
  b->depth++;
  return PSORSIM_OK;
}

/* Turn the closed container's child list into its items array. */
static int close_container(builder *b)
{
  psr_yaml_node *c = b->stack[--b->depth];
  psr_yaml_node *child = b->head[b->depth];
  size_t count = c->n;
  if (count > 0) {
    c->items = psr_arena_alloc(b->arena, count * sizeof(*c->items));
    if (c->items == NULL) PSR_FAIL(b->ctx, PSORSIM_ENOMEM, "%s: out of memory", b->name);
    for (size_t i = 0; i < count; i++, child = child->next_)
      c->items[i] = child;
  }
  if (c->kind == PSR_YAML_MAP) c->n = count / 2;
  return PSORSIM_OK;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
  const char *v = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  psr_yaml_node *n = new_node(b, PSR_YAML_SCALAR, &ev->start_mark);
  if (n == NULL) PSR_FAIL(b->ctx, PSORSIM_ENOMEM, "%s: out of memory", b->name);
  PSR_CHECK(b->ctx, memchr(v, '\0', len) == NULL, PSORSIM_EINPUT,
            "%s:%d: invalid YAML: a NUL character inside a value", b->name, n->line);
  n->text = psr_arena_strndup(b->arena, v, len);
  if (n->text == NULL) PSR_FAIL(b->ctx, PSORSIM_ENOMEM, "%s: out of memory", b->name);
  n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL;
  return attach(b, n);
}

/* Handle one event; *done is set at the end of the stream. */
static int on_event(builder *b, const yaml_event_t *ev, int *done)
{
  switch (ev->type) {
  case YAML_STREAM_END_EVENT:
    *done = 1;
    return PSORSIM_OK;
  case YAML_DOCUMENT_START_EVENT:
    b->documents++;
    PSR_CHECK(b->ctx, b->documents == 1, PSORSIM_EINPUT,
              "%s:%d: invalid YAML: only one document per file (found a second '---')", b->name,
              (int)ev->start_mark.line + 1);
    return PSORSIM_OK;
  case YAML_ALIAS_EVENT:
    PSR_FAIL(b->ctx, PSORSIM_EINPUT,
             "%s:%d: invalid YAML: aliases (*%s) are not supported; write the value out", b->name,
             (int)ev->start_mark.line + 1, (const char *)ev->data.alias.anchor);
  case YAML_SCALAR_EVENT:
    return on_scalar(b, ev);
  case YAML_SEQUENCE_START_EVENT:
    return open_container(b, PSR_YAML_SEQ, &ev->start_mark);
  case YAML_MAPPING_START_EVENT:
    return open_container(b, PSR_YAML_MAP, &ev->start_mark);
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    return close_container(b);
  default:
    return PSORSIM_OK; /* stream start, document end, no-op */
  }
}

int psr_yaml_parse(psorsim_ctx *ctx, const char *text, size_t len, const char *name,
                   psr_yaml_doc **out)
{
  yaml_parser_t parser;
  yaml_event_t ev;
  builder b;
  psr_yaml_doc *doc = NULL;
  int rc = PSORSIM_OK, done = 0;

  PSR_CHECK(ctx, out != NULL && text != NULL && name != NULL, PSORSIM_EINVAL,
            "yaml: NULL argument");
  *out = NULL;
  memset(&b, 0, sizeof(b));
  b.ctx = ctx;
  b.name = name;
  b.arena = psr_arena_create(ctx);
  if (b.arena == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory", name);
  if (!yaml_parser_initialize(&parser)) {
    psr_arena_free(b.arena);
    PSR_FAIL(ctx, PSORSIM_ENOMEM, "%s: out of memory (YAML parser)", name);
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  while (!done && rc == PSORSIM_OK) {
    if (!yaml_parser_parse(&parser, &ev)) {
      rc = syntax_error(&b, &parser, text, len);
      break;
    }
    rc = on_event(&b, &ev, &done);
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  if (rc == PSORSIM_OK) {
    doc = psr_arena_alloc(b.arena, sizeof(*doc));
    if (doc == NULL)
      rc = psr_error_set(ctx, PSORSIM_ENOMEM, __FILE__, __LINE__, __func__, "%s: out of memory",
                         name);
  }
  if (rc != PSORSIM_OK) {
    psr_arena_free(b.arena);
    return rc;
  }
  doc->root = b.root;
  doc->arena = b.arena;
  *out = doc;
  return PSORSIM_OK;
}

void psr_yaml_free(psr_yaml_doc **doc)
{
  if (doc == NULL || *doc == NULL) return;
  psr_arena_free((*doc)->arena); /* the doc itself lives in its arena */
  *doc = NULL;
}

const psr_yaml_node *psr_yaml_map_get(const psr_yaml_node *map, const char *key)
{
  if (map == NULL || map->kind != PSR_YAML_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i];
    if (k->kind == PSR_YAML_SCALAR && strcmp(k->text, key) == 0) return map->items[2 * i + 1];
  }
  return NULL;
}

int psr_yaml_is_null(const psr_yaml_node *node)
{
  if (node == NULL || node->kind != PSR_YAML_SCALAR || !node->plain) return 0;
  return node->text[0] == '\0' || strcmp(node->text, "~") == 0 || strcmp(node->text, "null") == 0 ||
         strcmp(node->text, "Null") == 0 || strcmp(node->text, "NULL") == 0;
}
