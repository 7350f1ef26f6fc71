/* src/trial/spool.h
 *
 * The spool of an arm's patient records (internal to the trial runner,
 * spool.c): records written one after another, in patient order, to an
 * unlinked temporary file, and read back from the start as often as needed
 * (psorsim_arm_records), so memory does not grow with the number of
 * patients. Records are fixed-size and hold no pointers (trial.h), so what
 * is read back is byte for byte what was written.
 */
#ifndef PSR_SPOOL_H
#define PSR_SPOOL_H

#include <psorsim/trial.h>

typedef struct psr_spool psr_spool;

/* A new, empty spool in *out (free with psr_spool_free): PSORSIM_OK, or
 * PSORSIM_EIO when no temporary file can be made, PSORSIM_ENOMEM. */
int psr_spool_create(psr_spool **out);

/* Append one record: PSORSIM_OK or PSORSIM_EIO. */
int psr_spool_write(psr_spool *s, const psorsim_patient_record *rec);

/* Records written so far. */
long psr_spool_count(const psr_spool *s);

/* Call fn on every record from the first, in the order written. Returns 0,
 * the first nonzero value of fn, or PSORSIM_EIO. Moves the file position:
 * one spool must not be read by two threads at once. */
int psr_spool_read(psr_spool *s, psorsim_record_fn fn, void *user);

/* Close the file (it disappears) and set *s to NULL; accepts NULL. */
void psr_spool_free(psr_spool **s);

#endif /* PSR_SPOOL_H */
