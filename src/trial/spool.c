/* src/trial/spool.c
 *
 * Where an arm's patient records go and how they are read back: the spool
 * (spool.h), an unlinked temporary file (tmpfile()) the records are written
 * to in patient order, and psorsim_arm_records and psorsim_arm_visits
 * (trial.h), which read an arm's records from memory or from its spool and
 * its kept visits.
 */
#include <stdio.h>
#include <stdlib.h>

#include "spool.h"

struct psr_spool {
  FILE *fp;  /* the temporary file, removed when closed */
  long n;    /* records written */
  int dirty; /* written since the last read: flush before reading */
};

int psr_spool_create(psr_spool **out)
{
  psr_spool *s = calloc(1, sizeof(*s));
  *out = NULL;
  if (s == NULL) return PSORSIM_ENOMEM;
  s->fp = tmpfile();
  if (s->fp == NULL) {
    free(s);
    return PSORSIM_EIO;
  }
  *out = s;
  return PSORSIM_OK;
}

int psr_spool_write(psr_spool *s, const psorsim_patient_record *rec)
{
  if (s->dirty == 0 && fseek(s->fp, 0L, SEEK_END) != 0) return PSORSIM_EIO; /* after a read */
  if (fwrite(rec, sizeof(*rec), 1, s->fp) != 1) return PSORSIM_EIO;
  s->dirty = 1;
  s->n++;
  return PSORSIM_OK;
}

long psr_spool_count(const psr_spool *s)
{
  return s != NULL ? s->n : 0;
}

int psr_spool_read(psr_spool *s, psorsim_record_fn fn, void *user)
{
  psorsim_patient_record rec;
  if (fflush(s->fp) != 0 || fseek(s->fp, 0L, SEEK_SET) != 0) return PSORSIM_EIO;
  s->dirty = 0;
  for (long i = 0; i < s->n; i++) {
    int rc;
    if (fread(&rec, sizeof(rec), 1, s->fp) != 1) return PSORSIM_EIO;
    rc = fn(&rec, user);
    if (rc != 0) return rc;
  }
  return PSORSIM_OK;
}

void psr_spool_free(psr_spool **s)
{
  if (s == NULL || *s == NULL) return;
  fclose((*s)->fp);
  free(*s);
  *s = NULL;
}

int psorsim_arm_records(const psorsim_arm_result *a, psorsim_record_fn fn, void *user)
{
  if (a == NULL || fn == NULL) return PSORSIM_EINVAL;
  if (a->patients != NULL) {
    for (int i = 0; i < a->n_patients; i++) {
      const int rc = fn(&a->patients[i], user);
      if (rc != 0) return rc;
    }
    return PSORSIM_OK;
  }
  if (a->spool == NULL) return PSORSIM_OK;
  if (psr_spool_count(a->spool) != a->n_patients) return PSORSIM_EIO;
  return psr_spool_read(a->spool, fn, user);
}

const psorsim_visit *psorsim_arm_visits(const psorsim_arm_result *a, int id)
{
  if (a == NULL || a->visits == NULL || id < 0 || id >= a->n_patients) return NULL;
  return a->visits + (size_t)id * (size_t)a->n_visits;
}
