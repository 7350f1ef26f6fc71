/* include/psorsim/cells.h
 *
 * Cell therapy: mesenchymal stromal cells (MSCs) from bone marrow, adipose
 * tissue, umbilical cord and iPSC-derived MSCs. Three parts:
 *  - the library entries, one psorsim_treatment per source
 *    ("msc_bone_marrow", "msc_adipose", "msc_umbilical_cord", "msc_ipsc";
 *    src/cells/cell_table.c), with cell kinetics (PSORSIM_PK_CELLS), effects,
 *    dose rules, adverse events, costs and the tumourigenicity flag;
 *  - the product standard (src/cells/product.c): a `product:` block is
 *    checked against the ISCT minimal criteria (Dominici 2006) and release
 *    criteria, and turned into a potency factor (passage, viability,
 *    cryopreservation);
 *  - the regimen-entry check used by the trial runner.
 * Every number, its source and grade: docs/cell-therapy.md.
 *
 * Ownership: library entries are static const data (borrowed, never
 * freed). A product file is created by psorsim_cell_product_load and
 * released with psorsim_cell_product_file_free. Functions keep no state and
 * are thread-safe as long as each thread uses its own context.
 */
#ifndef PSORSIM_CELLS_H
#define PSORSIM_CELLS_H

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/treatment.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Passage of the reference product whose potency is 1 (clinical-grade MSCs are
 * typically infused at passage 3-4; Gholamrezanezhad 2011 used passage 3). */
#define PSORSIM_CELLS_REF_PASSAGE 3
/* Time after thawing during which MSCs cannot induce IDO, days (François 2012: restored
 * after 24 h in culture). */
#define PSORSIM_CELLS_THAW_LAG_DAYS 1.0
/* Share of the cells' effect that needs IDO licensing (assumed, U: no source weighs
 * the mediators; docs/cell-therapy.md). */
#define PSORSIM_CELLS_IDO_SHARE 0.5
/* Body weight used to compare a dose in cells with a range in cells/kg (and back), kg. */
#define PSORSIM_CELLS_REF_WEIGHT_KG 70.0

/* The library entry of a cell source; NULL for PSORSIM_CELL_SOURCE_NONE or out of
 * range. Borrowed static data. */
PSORSIM_EXPORT const psorsim_treatment *psorsim_cells_treatment(psorsim_cell_source source);

/* Number of cell-therapy entries and the i-th (0 <= i < count; NULL otherwise). These
 * are not in psorsim_treatment_count/_at, but psorsim_treatment_find finds them. */
PSORSIM_EXPORT int psorsim_cells_count(void);
PSORSIM_EXPORT const psorsim_treatment *psorsim_cells_at(int i);

/* Check one administration of a cell entry: the route must be one of the entry's, the
 * dose unit cells or cells/kg (converted with PSORSIM_CELLS_REF_WEIGHT_KG when the
 * route's rule uses the other), and the value inside the route's plausible range.
 * PSORSIM_OK; PSORSIM_EINPUT naming the entry, value and range (or the routes);
 * PSORSIM_EUNIT for a unit other than cells or cells/kg; PSORSIM_EINVAL for NULL. */
PSORSIM_EXPORT int psorsim_cells_check_dose(psorsim_ctx *ctx, const psorsim_treatment *tx,
                                            psorsim_route route, const psorsim_quantity *dose);

/* Potency factor of a product relative to the reference product (fresh or thawed
 * and recovered, 100 % viable, passage PSORSIM_CELLS_REF_PASSAGE):
 *   viability/100 x exp(-passage_loss x max(0, passage - ref))
 *   x (1 - IDO_SHARE x (1 - exp(-k_clear x (THAW_LAG - recovery)))) when cryopreserved
 * where k_clear (1/day) is the clearance rate of the compartment the cells go into
 * (the share of their residence spent before IDO licensing returns) and recovery is
 * `thaw_recovery_hours` / 24 (0 when not given). Keys not given count as the
 * reference. p may be NULL (factor 1). Never fails; returns a value in [0, 1]. */
PSORSIM_EXPORT double psorsim_cells_potency(const psorsim_treatment *tx,
                                            const psorsim_cell_product *p, double k_clear_per_day);

/* How strictly a product is checked. */
typedef enum {
  PSORSIM_PRODUCT_CHECK_TRIAL,  /* a trial: only declared values are checked */
  PSORSIM_PRODUCT_CHECK_RELEASE /* `psorsim product check`: every ISCT criterion and every
                                   release criterion except the optional ones must be
                                   declared and met */
} psorsim_product_check_mode;

/* One failed criterion. */
typedef struct psorsim_product_finding {
  const char *criterion; /* key as in the file, e.g. "cd73", or "cd14/cd11b" (static) */
  int line;              /* line of the value, or of the product block when not declared */
  int declared;          /* 0: the criterion was not declared */
  double value;          /* the declared value (NaN when not declared or not numeric) */
  double limit;          /* the limit it was checked against (NaN for true/false rules) */
  char message[224];     /* e.g. "cd73: 91 % is below the ISCT minimum of 95 %" */
} psorsim_product_finding;

/* Check product p against the ISCT minimal criteria and the release criteria of
 * docs/cell-therapy.md. Writes at most cap findings (one per failed criterion, in the
 * order of the criteria table) to out (may be NULL when cap is 0) and their count to
 * *n_failed. Returns PSORSIM_OK (also when criteria fail: the count says so) or
 * PSORSIM_EINVAL for NULL p or n_failed. A product block with given == 0 is checked as
 * an empty block (every criterion not declared). */
PSORSIM_EXPORT int psorsim_cell_product_check(const psorsim_cell_product *p,
                                              psorsim_product_check_mode mode,
                                              psorsim_product_finding *out, int cap, int *n_failed);

/* A product description read from its own YAML file. */
typedef struct psorsim_cell_product_file psorsim_cell_product_file; /* opaque; product.c */

/* Read a product description: a YAML mapping with the keys of a trial's `product:`
 * block, or a mapping whose only key is `product:` holding that block. The keys and
 * value types are checked by the trial-file reader (messages "FILE:LINE: KEY: ...").
 * Returns PSORSIM_OK and a new object in *out, or with *out NULL: PSORSIM_EIO (cannot
 * read), PSORSIM_EINPUT (bad YAML, unknown key, wrong type), PSORSIM_ENOMEM,
 * PSORSIM_EINVAL (NULL argument). */
PSORSIM_EXPORT int psorsim_cell_product_load(psorsim_ctx *ctx, const char *path,
                                             psorsim_cell_product_file **out);

/* The product of a loaded file (borrowed; valid until the file is freed). */
PSORSIM_EXPORT const psorsim_cell_product *
psorsim_cell_product_file_product(const psorsim_cell_product_file *f);

/* Release and set *f to NULL. Accepts NULL and a pointer to NULL. */
PSORSIM_EXPORT void psorsim_cell_product_file_free(psorsim_cell_product_file **f);

/* Check a `cells` regimen entry of arm `arm_name` in trial file `source` (NULL: "trial"):
 * its source maps to a library entry, its dose passes psorsim_cells_check_dose, and its
 * product block (if any) passes psorsim_cell_product_check in TRIAL mode. PSORSIM_OK, or
 * PSORSIM_EINPUT / PSORSIM_EUNIT with "FILE:LINE: arm 'NAME': ..." naming the first
 * failure (the line of the dose, or of the failing product value). */
PSORSIM_EXPORT int psorsim_cells_validate_entry(psorsim_ctx *ctx, const psorsim_regimen_entry *e,
                                                const char *source, const char *arm_name);

/* 1 when any cells entry of the arm uses a source whose library entry carries the
 * tumourigenicity flag, 0 when none does, -1 when the arm has no cells entry. */
PSORSIM_EXPORT int psorsim_cells_arm_tumourigenicity_flag(const psorsim_trial_arm *arm);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_CELLS_H */
