/* src/report/report_csv.c
 *
 * The two tidy tables of a trial (docs/outputs.md): patients.csv, one row
 * per arm, patient and weekly visit, and baseline.csv, one row per arm and
 * patient with covariates, baseline scores, solver failure and dropout.
 * RFC 4180 quoting for text (arm names may hold commas or quotes); missing
 * numbers are NA, which R and pandas read as missing.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_impl.h"

/* A text field, quoted when it holds a comma, quote or line break. */
static void csv_text(FILE *fp, const char *s)
{
  if (s == NULL) {
    fputs("NA", fp);
    return;
  }
  if (strpbrk(s, ",\"\r\n") == NULL && s[0] != '\0') {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (; *s != '\0'; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

/* A number with 6 significant digits (clinical scores need no more), NA
 * when not finite. */
static void csv_num(FILE *fp, double v)
{
  if (!isfinite(v)) {
    fputs("NA", fp);
  } else {
    fprintf(fp, "%.6g", v == 0.0 ? 0.0 : v);
  }
}

int psr_report_emit_patients_csv(FILE *fp, const psorsim_trial_result *r)
{
  fputs("arm,patient,week,pasi,bsa,iga,dlqi,on_study,adverse_events\n", fp);
  for (size_t i = 0; i < r->n_arms; i++) {
    const psorsim_arm_result *a = &r->arms[i];
    char buf[32];
    const char *arm = psr_report_arm_name(r, i, buf, sizeof(buf));
    for (int p = 0; p < a->n_patients && a->visits != NULL; p++) {
      const psorsim_visit *visits = psorsim_arm_visits(a, p); /* records are in patient order */
      for (int v = 0; v < a->n_visits; v++) {
        const psorsim_visit *vi = &visits[v];
        csv_text(fp, arm);
        fprintf(fp, ",%d,", p);
        csv_num(fp, vi->week);
        fputc(',', fp);
        csv_num(fp, vi->pasi);
        fputc(',', fp);
        csv_num(fp, vi->bsa);
        fputc(',', fp);
        csv_num(fp, vi->iga);
        fputc(',', fp);
        csv_num(fp, vi->dlqi);
        fprintf(fp, ",%d,%d\n", vi->on_study, vi->ae_count);
      }
    }
  }
  return PSORSIM_OK;
}

/* One baseline.csv row (a psorsim_record_fn). */
typedef struct baseline_rows {
  FILE *fp;
  const char *arm;
  int econ;                                        /* 1: the economics columns */
  const psorsim_econ_patient_result *econ_patient; /* the arm's, by patient id (borrowed) */
  int n_patients;
} baseline_rows;

static int baseline_row(const psorsim_patient_record *pt, void *user)
{
  const baseline_rows *br = user;
  FILE *fp = br->fp;
  csv_text(fp, br->arm);
  fprintf(fp, ",%d,", pt->id);
  csv_num(fp, pt->weight_kg);
  fputc(',', fp);
  csv_num(fp, pt->age_years);
  fprintf(fp, ",%d,", pt->female);
  csv_num(fp, pt->disease_years);
  fprintf(fp, ",%d,", pt->prior_biologic);
  csv_num(fp, pt->susceptibility);
  fputc(',', fp);
  csv_num(fp, pt->baseline_pasi);
  fputc(',', fp);
  csv_num(fp, pt->baseline_bsa);
  fputc(',', fp);
  csv_num(fp, pt->baseline_iga);
  fputc(',', fp);
  csv_num(fp, pt->baseline_dlqi);
  fprintf(fp, ",%d,", pt->failed);
  if (pt->dropout_week >= 0) {
    fprintf(fp, "%d,", pt->dropout_week);
  } else {
    fputs("NA,", fp);
  }
  csv_text(fp, pt->dropout_reason[0] != '\0' ? pt->dropout_reason : NULL);
  if (br->econ) {
    static const psorsim_econ_patient_result none; /* no results: NA */
    const psorsim_econ_patient_result *e =
        br->econ_patient != NULL && pt->id >= 0 && pt->id < br->n_patients
            ? &br->econ_patient[pt->id]
            : &none;
    const double econ[8] = {e->cost,
                            e->qaly,
                            e->cost_drug,
                            e->cost_admin,
                            e->cost_monitoring,
                            e->cost_phototherapy,
                            e->cost_cells,
                            e->cost_ae};
    for (int k = 0; k < 8; k++) {
      fputc(',', fp);
      csv_num(fp, pt->failed || !e->counted ? NAN : econ[k]);
    }
  }
  fputc('\n', fp);
  return 0;
}

int psr_report_emit_baseline_csv(FILE *fp, const psorsim_trial_result *r)
{
  fputs("arm,patient,weight_kg,age_years,female,disease_years,prior_biologic,susceptibility,"
        "baseline_pasi,baseline_bsa,baseline_iga,baseline_dlqi,failed,dropout_week,"
        "dropout_reason",
        fp);
  /* with economics (docs/economics.md): discounted totals over the horizon and their parts */
  if (r->spec->economics.enabled)
    fputs(",cost,qaly,cost_drug,cost_admin,cost_monitoring,cost_phototherapy,cost_cells,cost_ae",
          fp);
  fputc('\n', fp);
  for (size_t i = 0; i < r->n_arms; i++) {
    char buf[32];
    baseline_rows br = {fp, NULL, r->spec->economics.enabled, r->arms[i].econ_patients,
                        r->arms[i].n_patients};
    br.arm = psr_report_arm_name(r, i, buf, sizeof(buf));
    if (psorsim_arm_records(&r->arms[i], baseline_row, &br) != PSORSIM_OK) return PSORSIM_EIO;
  }
  return PSORSIM_OK;
}
