/* src/io/yaml_tree.h
 *
 * A YAML document as a small tree of nodes that remember their line, built
 * by src/io/yaml.c (the only file that includes <yaml.h>). The file readers
 * walk this tree (with the helpers of walk.h), so they never see the parser
 * library. Scalars are kept as text: deciding whether "12" is a number is
 * the walker's job, because only it knows what the key expects.
 * An internal interface of src/io/ (not installed): any module above io may
 * include it, which is why its name has no _impl.
 */
#ifndef PSR_IO_YAML_TREE_H
#define PSR_IO_YAML_TREE_H

#include <stddef.h>

#include <psorsim/context.h>

#include "io/arena.h"

typedef enum { PSR_YAML_SCALAR, PSR_YAML_SEQ, PSR_YAML_MAP } psr_yaml_kind;

typedef struct psr_yaml_node psr_yaml_node;
struct psr_yaml_node {
  psr_yaml_kind kind;    /* scalar, sequence or mapping */
  int line;              /* 1-based line where the node starts */
  int col;               /* 1-based column where the node starts */
  const char *text;      /* SCALAR: the value ("" for an empty or null scalar); else NULL */
  int plain;             /* SCALAR: 1 when written without quotes, block style or tag */
  size_t n;              /* SEQ: number of items; MAP: number of key/value pairs */
  psr_yaml_node **items; /* SEQ: items[i]; MAP: key i at items[2i], its value at items[2i+1] */
  psr_yaml_node *next_;  /* build-time sibling link (private to yaml.c) */
};

/* A parsed document; all nodes live in its arena. */
typedef struct psr_yaml_doc {
  psr_yaml_node *root; /* NULL for an empty document */
  psr_arena *arena;    /* owns every node and string */
} psr_yaml_doc;

/* Parse `len` bytes of YAML. Mapping keys must be scalars; aliases and
 * multi-document streams are rejected. Returns PSORSIM_OK and a new document
 * in *out (free with psr_yaml_free), or PSORSIM_EINPUT with a message
 * "NAME:LINE: invalid YAML: ...", or PSORSIM_ENOMEM. */
int psr_yaml_parse(psorsim_ctx *ctx, const char *text, size_t len, const char *name,
                   psr_yaml_doc **out);

/* Release a document; accepts NULL and a pointer to NULL. */
void psr_yaml_free(psr_yaml_doc **doc);

/* Value of the first key equal to `key` in a mapping, or NULL. */
const psr_yaml_node *psr_yaml_map_get(const psr_yaml_node *map, const char *key);

/* True when the node is a null: a plain empty scalar, "~" or "null". */
int psr_yaml_is_null(const psr_yaml_node *node);

#endif /* PSR_IO_YAML_TREE_H */
