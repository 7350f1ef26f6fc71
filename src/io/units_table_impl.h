/* src/io/units_table_impl.h
 *
 * The one table of unit spellings psorsim understands in trial files, with
 * the canonical unit each converts to and the conversion factor (value in
 * the written unit times factor = value in the canonical unit). Included
 * only by src/io/units.c; tested entry by entry in tests/io/test_units.c.
 * Spellings are compared after removing spaces, so "% MED", "%MED" and
 * "mJ / cm2" all match. Both micro signs (U+00B5 and U+03BC) are listed.
 */
#ifndef PSR_IO_UNITS_TABLE_IMPL_H
#define PSR_IO_UNITS_TABLE_IMPL_H

#include <psorsim/units.h>

typedef struct psr_unit_spelling {
  const char *spelling; /* as written, without spaces */
  psorsim_unit unit;    /* canonical unit it converts to */
  double factor;        /* written value * factor = canonical value */
} psr_unit_spelling;

static const psr_unit_spelling psr_unit_table[] = {
    /* drug amount -> mg */
    {"mg", PSORSIM_UNIT_MG, 1.0},
    {"g", PSORSIM_UNIT_MG, 1000.0},
    {"ug", PSORSIM_UNIT_MG, 1e-3},
    {"mcg", PSORSIM_UNIT_MG, 1e-3},
    {"\xc2\xb5g", PSORSIM_UNIT_MG, 1e-3}, /* µg, micro sign */
    {"\xce\xbcg", PSORSIM_UNIT_MG, 1e-3}, /* μg, Greek mu */
    {"ng", PSORSIM_UNIT_MG, 1e-6},
    /* drug amount per body weight -> mg/kg */
    {"mg/kg", PSORSIM_UNIT_MG_PER_KG, 1.0},
    {"ug/kg", PSORSIM_UNIT_MG_PER_KG, 1e-3},
    {"mcg/kg", PSORSIM_UNIT_MG_PER_KG, 1e-3},
    {"\xc2\xb5g/kg", PSORSIM_UNIT_MG_PER_KG, 1e-3},
    {"\xce\xbcg/kg", PSORSIM_UNIT_MG_PER_KG, 1e-3},
    /* cells */
    {"cells", PSORSIM_UNIT_CELLS, 1.0},
    {"cell", PSORSIM_UNIT_CELLS, 1.0},
    {"cells/kg", PSORSIM_UNIT_CELLS_PER_KG, 1.0},
    /* UV dose -> mJ/cm2 */
    {"mJ/cm2", PSORSIM_UNIT_MJ_PER_CM2, 1.0},
    {"mJ/cm^2", PSORSIM_UNIT_MJ_PER_CM2, 1.0},
    {"mJ/cm\xc2\xb2", PSORSIM_UNIT_MJ_PER_CM2, 1.0}, /* cm² */
    {"J/cm2", PSORSIM_UNIT_MJ_PER_CM2, 1000.0},
    {"J/cm^2", PSORSIM_UNIT_MJ_PER_CM2, 1000.0},
    {"J/cm\xc2\xb2", PSORSIM_UNIT_MJ_PER_CM2, 1000.0},
    /* UV dose relative to the minimal erythema dose -> fraction of MED */
    {"%MED", PSORSIM_UNIT_MED_FRACTION, 0.01},
    {"MED", PSORSIM_UNIT_MED_FRACTION, 1.0},
    /* percent */
    {"%", PSORSIM_UNIT_PERCENT, 1.0},
};

#define PSR_UNIT_TABLE_LEN (sizeof(psr_unit_table) / sizeof(psr_unit_table[0]))

#endif /* PSR_IO_UNITS_TABLE_IMPL_H */
