/* include/psorsim/units.h
 *
 * Quantities at the input boundary. Trial files write every dose as a number
 * and a unit in one string ("300 mg", "0.5 mg/kg", "1e6 cells/kg",
 * "280 mJ/cm2", "70 % MED", "0.05 %"). psorsim_quantity_parse turns such a
 * string into a psorsim_quantity in psorsim's canonical unit for its
 * dimension, after checking that the dimension is one the key accepts.
 * Past this boundary values are plain doubles whose names carry the unit.
 *
 * Canonical units: mg (drug amount), mg/kg (drug amount per kg body weight),
 * cells, cells/kg, mJ/cm2 (UV dose), fraction of the patient's minimal
 * erythema dose (70 % MED is stored as 0.70), and percent (0.05 % is stored
 * as 0.05). Every function here is pure and thread-safe; messages go to the
 * caller's context.
 */
#ifndef PSORSIM_UNITS_H
#define PSORSIM_UNITS_H

#include <psorsim/common.h>
#include <psorsim/context.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Canonical units. PSORSIM_UNIT_NONE marks a quantity that was not given. */
typedef enum {
  PSORSIM_UNIT_NONE = 0,     /* no quantity (absent optional key) */
  PSORSIM_UNIT_MG,           /* drug amount, mg */
  PSORSIM_UNIT_MG_PER_KG,    /* drug amount per kg body weight, mg/kg */
  PSORSIM_UNIT_CELLS,        /* number of cells */
  PSORSIM_UNIT_CELLS_PER_KG, /* cells per kg body weight */
  PSORSIM_UNIT_MJ_PER_CM2,   /* UV dose, mJ/cm2 */
  PSORSIM_UNIT_MED_FRACTION, /* UV dose as a fraction of the patient's MED (1 = one MED) */
  PSORSIM_UNIT_PERCENT,      /* percent (strength, viability, increment...), 10 % -> 10 */
  PSORSIM_UNIT_COUNT
} psorsim_unit;

/* Bit of a unit in an "accepted units" mask. */
#define PSORSIM_UNIT_BIT(u) (1u << (unsigned)(u))

/* Masks for the dimensions that trial-file keys expect. */
#define PSORSIM_ACCEPT_DRUG_DOSE                                                                   \
  (PSORSIM_UNIT_BIT(PSORSIM_UNIT_MG) | PSORSIM_UNIT_BIT(PSORSIM_UNIT_MG_PER_KG))
#define PSORSIM_ACCEPT_DRUG_AMOUNT PSORSIM_UNIT_BIT(PSORSIM_UNIT_MG)
#define PSORSIM_ACCEPT_CELL_DOSE                                                                   \
  (PSORSIM_UNIT_BIT(PSORSIM_UNIT_CELLS) | PSORSIM_UNIT_BIT(PSORSIM_UNIT_CELLS_PER_KG))
#define PSORSIM_ACCEPT_UV_DOSE                                                                     \
  (PSORSIM_UNIT_BIT(PSORSIM_UNIT_MJ_PER_CM2) | PSORSIM_UNIT_BIT(PSORSIM_UNIT_MED_FRACTION))
#define PSORSIM_ACCEPT_PERCENT PSORSIM_UNIT_BIT(PSORSIM_UNIT_PERCENT)

/* A number in a canonical unit. */
typedef struct psorsim_quantity {
  double value;      /* in `unit`; finite and >= 0 when parsed from text */
  psorsim_unit unit; /* canonical unit; PSORSIM_UNIT_NONE when not given */
} psorsim_quantity;

/* Canonical spelling of a unit ("mg", "mg/kg", "cells", "cells/kg", "mJ/cm2",
 * "MED" for the MED fraction, "%", "" for NONE); never NULL. */
PSORSIM_EXPORT const char *psorsim_unit_name(psorsim_unit unit);

/* Look up a unit spelling as written after the number (spaces ignored, so
 * "% MED" and "%MED" are the same). On success returns PSORSIM_OK, the
 * canonical unit in *unit and the factor that converts a value in the written
 * unit to the canonical one in *factor ("J/cm2" gives MJ_PER_CM2 and 1000).
 * PSORSIM_ENOTFOUND (no message set) when the spelling is unknown. */
PSORSIM_EXPORT int psorsim_unit_lookup(const char *spelling, psorsim_unit *unit, double *factor);

/* Parse `text` ("300 mg", "0.28 J/cm2", "1e6 cells/kg") into *out in the
 * canonical unit. `accept` is a mask of PSORSIM_UNIT_BIT()s (one of the
 * PSORSIM_ACCEPT_* masks). `where` prefixes the message (e.g.
 * "trial.yaml:14: arms[1].regimen[0].dose"); it may be NULL.
 * Returns PSORSIM_OK, or:
 *   PSORSIM_EINPUT  no number, a malformed number, a negative or non-finite value;
 *   PSORSIM_EUNIT   a missing or unknown unit, or a unit of another dimension;
 *   PSORSIM_EINVAL  NULL arguments or an empty mask.
 * The message names `where`, what was expected and the text given. *out is
 * left as {0, PSORSIM_UNIT_NONE} on failure. */
PSORSIM_EXPORT int psorsim_quantity_parse(psorsim_ctx *ctx, const char *text, unsigned accept,
                                          const char *where, psorsim_quantity *out);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_UNITS_H */
