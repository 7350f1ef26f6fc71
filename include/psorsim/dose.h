/* include/psorsim/dose.h
 *
 * How a treatment is given: the kinds of treatment a regimen entry can be
 * (drug, phototherapy, topical, cells, lifestyle), the routes of
 * administration and the origins of a cell-therapy product, with their
 * spellings in files. With units.h (the dose quantities) this is the
 * vocabulary that the trial file (trial_spec.h) and the treatment library
 * (treatment.h, cells.h) share, so neither needs the other's header for it.
 * The spellings are implemented in src/io/known_names.c. Everything here is
 * static data; the functions are pure and thread-safe.
 */
#ifndef PSORSIM_DOSE_H
#define PSORSIM_DOSE_H

#include <psorsim/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The kind of a regimen entry: the key that names it in the file. */
typedef enum {
  PSORSIM_TREATMENT_DRUG,         /* drug: secukinumab */
  PSORSIM_TREATMENT_PHOTOTHERAPY, /* phototherapy: nb_uvb */
  PSORSIM_TREATMENT_TOPICAL,      /* topical: clobetasol_propionate */
  PSORSIM_TREATMENT_CELLS,        /* cells: msc */
  PSORSIM_TREATMENT_LIFESTYLE,    /* lifestyle: stress_reduction */
  PSORSIM_TREATMENT_KIND_COUNT
} psorsim_treatment_kind;

/* Routes of administration. NONE: not applicable (phototherapy, lifestyle,
 * placebo response). */
typedef enum {
  PSORSIM_ROUTE_NONE = 0,
  PSORSIM_ROUTE_SUBCUTANEOUS,
  PSORSIM_ROUTE_INTRAVENOUS,
  PSORSIM_ROUTE_ORAL,
  PSORSIM_ROUTE_INTRADERMAL,
  PSORSIM_ROUTE_INTRAMUSCULAR,
  PSORSIM_ROUTE_TOPICAL,
  PSORSIM_ROUTE_COUNT
} psorsim_route;

/* Bit of a route in a mask of routes (psorsim_known_treatment.routes). */
#define PSORSIM_ROUTE_BIT(r) (1u << (unsigned)(r))

/* Origin of a cell-therapy product (key `source`). */
typedef enum {
  PSORSIM_CELL_SOURCE_NONE = 0,
  PSORSIM_CELL_SOURCE_BONE_MARROW,
  PSORSIM_CELL_SOURCE_ADIPOSE,
  PSORSIM_CELL_SOURCE_UMBILICAL_CORD,
  PSORSIM_CELL_SOURCE_IPSC,
  PSORSIM_CELL_SOURCE_COUNT
} psorsim_cell_source;

/* File spelling of a kind ("drug", "phototherapy", ...), a route
 * ("subcutaneous", ...; "" for NONE) and a cell source ("bone_marrow", ...;
 * "" for NONE). Never NULL ("?" out of range). */
PSORSIM_EXPORT const char *psorsim_treatment_kind_name(psorsim_treatment_kind kind);
PSORSIM_EXPORT const char *psorsim_route_name(psorsim_route route);
PSORSIM_EXPORT const char *psorsim_cell_source_name(psorsim_cell_source source);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_DOSE_H */
