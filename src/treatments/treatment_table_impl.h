/* src/treatments/treatment_table_impl.h
 *
 * Private glue of the treatment library: each table file
 * (treatment_table_biologics.c, treatment_table_systemic.c,
 * treatment_table_other.c) defines its entries as static const records and
 * exports one const array of pointers to them; treatment_lookup.c joins the
 * arrays into the library that psorsim_treatment_find/count/at walk.
 *
 * Shared defaults used where a published population-PK model gives no value
 * (every use is marked "assumed" in the entry's source and in
 * docs/treatments.md).
 */
#ifndef PSR_TREATMENT_TABLE_IMPL_H
#define PSR_TREATMENT_TABLE_IMPL_H

#include <psorsim/treatment.h>

/* Typical body weight when the paper's reference weight was not retrieved:
 * the phase-3 trials in data/calibration report means of 88-94 kg. */
#define PSR_TX_WT_TYPICAL 90.0
/* Median weight exponents of the psoriasis mAb popPK models in the guide
 * (guselkumab, risankizumab, brodalumab, ixekizumab): CL 0.961, V 0.968. */
#define PSR_TX_CL_WT_EXP_MED 0.961
#define PSR_TX_V_WT_EXP_MED  0.968
/* Median IIV (CV) of the same models: CL 37 %, V 28 %, ka 63 %. */
#define PSR_TX_IIV_CL_MED 0.37
#define PSR_TX_IIV_V_MED  0.28
#define PSR_TX_IIV_KA_MED 0.63

/* The entries of each table file, in listing order. */
extern const psorsim_treatment *const psr_tx_biologics[];
extern const int psr_tx_n_biologics;
extern const psorsim_treatment *const psr_tx_systemic_topical[];
extern const int psr_tx_n_systemic_topical;
extern const psorsim_treatment *const psr_tx_other[];
extern const int psr_tx_n_other;

#endif /* PSR_TREATMENT_TABLE_IMPL_H */
