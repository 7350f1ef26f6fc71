/* src/cells/product_walk.c
 *
 * Reads a cell product block (a `product:` mapping inside a cells regimen
 * entry, or a whole product file) into a psorsim_cell_product: one table of
 * the keys a block may hold and how each value is read (product_walk.h).
 * The same walk serves the trial file, a regimen file and `psorsim product
 * check`, so all three accept the same keys with the same messages.
 */
#include <math.h>
#include <string.h>

#include "cells/product_walk.h"
#include "common/context_impl.h"

/* Keys of a product block and how each value is read: the single list of
 * keys a block may hold (product.c judges the values). */
typedef struct product_key {
  const char *key;
  psorsim_product_value_kind kind;
} product_key;

static const product_key product_keys[] = {
    {"passage", PSORSIM_PRODUCT_INT},          {"viability", PSORSIM_PRODUCT_PERCENT},
    {"cryopreserved", PSORSIM_PRODUCT_BOOL},   {"plastic_adherence", PSORSIM_PRODUCT_BOOL},
    {"trilineage", PSORSIM_PRODUCT_BOOL},      {"cd73", PSORSIM_PRODUCT_PERCENT},
    {"cd90", PSORSIM_PRODUCT_PERCENT},         {"cd105", PSORSIM_PRODUCT_PERCENT},
    {"cd45", PSORSIM_PRODUCT_PERCENT},         {"cd34", PSORSIM_PRODUCT_PERCENT},
    {"cd14", PSORSIM_PRODUCT_PERCENT},         {"cd11b", PSORSIM_PRODUCT_PERCENT},
    {"cd79a", PSORSIM_PRODUCT_PERCENT},        {"cd19", PSORSIM_PRODUCT_PERCENT},
    {"hla_dr", PSORSIM_PRODUCT_PERCENT},       {"sterile", PSORSIM_PRODUCT_BOOL},
    {"mycoplasma_free", PSORSIM_PRODUCT_BOOL}, {"endotoxin", PSORSIM_PRODUCT_TEXT},
    {"karyotype", PSORSIM_PRODUCT_TEXT},       {"thaw_recovery_hours", PSORSIM_PRODUCT_INT},
    {"cell_count", PSORSIM_PRODUCT_TEXT},      {"cell_count_target", PSORSIM_PRODUCT_TEXT},
};
#define N_PRODUCT_KEYS (sizeof(product_keys) / sizeof(product_keys[0]))

int psr_walk_cell_product(psr_walk *w, const psr_yaml_node *map, const char *path,
                          psorsim_cell_product *p)
{
  const char *names[N_PRODUCT_KEYS + 1];
  char kpath[PSR_PATH_MAX];

  for (size_t i = 0; i < N_PRODUCT_KEYS; i++)
    names[i] = product_keys[i].key;
  names[N_PRODUCT_KEYS] = NULL;
  PSR_TRY(psr_walk_keys(w, map, path, "a cell product block", names));
  p->given = 1;
  p->line = map->line;
  p->passage = -1;
  p->viability_pct = NAN;
  p->cryopreserved = -1;
  p->items = psr_arena_alloc(w->arena, (map->n ? map->n : 1) * sizeof(*p->items));
  if (p->items == NULL) return psr_walk_nomem(w);
  for (size_t i = 0; i < map->n; i++) {
    const psr_yaml_node *k = map->items[2 * i], *v = map->items[2 * i + 1];
    const product_key *pk = NULL;
    psorsim_product_item *it = &p->items[i];
    for (size_t j = 0; j < N_PRODUCT_KEYS; j++)
      if (strcmp(product_keys[j].key, k->text) == 0) pk = &product_keys[j];
    psr_path_key(kpath, sizeof(kpath), path, k->text);
    it->key = pk->key;
    it->kind = pk->kind;
    it->line = v->line;
    it->value = NAN;
    switch (pk->kind) {
    case PSORSIM_PRODUCT_INT: {
      long l;
      PSR_TRY(psr_walk_int(w, v, kpath, 0, 1000, &l));
      it->value = (double)l;
      break;
    }
    case PSORSIM_PRODUCT_PERCENT: {
      psorsim_quantity q;
      PSR_TRY(psr_walk_quantity(w, v, kpath, PSORSIM_ACCEPT_PERCENT, &q));
      if (q.value > 100.0)
        return psr_walk_fail(w, v, kpath, PSORSIM_EINPUT, "must be at most 100 %%, got \"%s\"",
                             v->text);
      it->value = q.value;
      break;
    }
    case PSORSIM_PRODUCT_BOOL: {
      int b;
      PSR_TRY(psr_walk_bool(w, v, kpath, &b));
      it->value = b;
      break;
    }
    case PSORSIM_PRODUCT_TEXT:
      break;
    }
    PSR_TRY(psr_walk_text(w, v, kpath, &it->text));
    if (strcmp(pk->key, "passage") == 0) p->passage = (int)it->value;
    if (strcmp(pk->key, "viability") == 0) p->viability_pct = it->value;
    if (strcmp(pk->key, "cryopreserved") == 0) p->cryopreserved = (int)it->value;
  }
  p->n_items = map->n;
  return PSORSIM_OK;
}
