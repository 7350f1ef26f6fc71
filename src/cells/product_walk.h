/* src/cells/product_walk.h
 *
 * The walker of a cell product block (`product:` of a cells regimen entry,
 * or a product file for `psorsim product check`): every key it may hold,
 * read with its type (passage, percentages, true/false, text) into a
 * psorsim_cell_product, with the walker's file:line:key messages
 * (src/io/walk.h). Implemented in product_walk.c; the criteria the values
 * are judged against are in product.c.
 *
 * An internal interface of src/cells/ (not installed), named without _impl
 * because other modules include it: the regimen walker of src/treatments/
 * (for the block inside a cells entry) and modules above cells.
 */
#ifndef PSR_CELLS_PRODUCT_WALK_H
#define PSR_CELLS_PRODUCT_WALK_H

#include <psorsim/trial_spec.h>

#include "io/walk.h"

/* Fill *p from the product mapping `map` at key path `path`: p->given = 1,
 * the line, every item in file order (strings and the items array in the
 * walk's arena) and the passage, viability and cryopreservation it names
 * (-1, NAN and -1 when absent). Unknown and repeated keys, wrong types and
 * percentages above 100 are PSORSIM_EINPUT; a percentage without its unit
 * is PSORSIM_EUNIT. */
int psr_walk_cell_product(psr_walk *w, const psr_yaml_node *map, const char *path,
                          psorsim_cell_product *p);

#endif /* PSR_CELLS_PRODUCT_WALK_H */
