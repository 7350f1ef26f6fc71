/* tools/derive_references.c
 *
 * Re-derive the reference parameters of the psoriasis model (docs/model.md
 * section 3.6) from all the others: the steady states of the reference site
 * (gain 1: no site spread, every region factor 1; basal DC influx dc_act; no
 * inputs) give the readout references (epi_*, k_*, c_*), the transit
 * calibration (d_ref, m_d, c_ref, m_c: viable layer 28 days healthy and 4 in
 * plaque, stratum corneum 14 and 2) and trm_t_ref, the T cells of the
 * reference plaque carrying its own memory (M = 1 there), which is a fixed
 * point because the memory feeds back on the plaque. Run it after changing a
 * parameter that moves the reference states and paste its output into
 * src/models/psoriasis_params.c; tests/models/test_psoriasis.c
 * (test_reference_parameters_match_reference_site) checks the result.
 *
 *   build/tools/derive_references [NAME=VALUE ...]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psorsim/psorsim.h>

static const psorsim_model *m;
static double *p;

static double *par(const char *name)
{
  int i = psorsim_model_param_index(m, name);
  if (i < 0) {
    fprintf(stderr, "derive_references: no parameter '%s'\n", name);
    exit(2);
  }
  return &p[i];
}

/* Reference-site steady state of `basin` into y (site 0 is representative:
 * every site is the same), with its summary. */
static void steady(psorsim_ctx *ctx, psorsim_psoriasis_basin basin, double *y,
                   psorsim_psoriasis_summary *s)
{
  if (psorsim_psoriasis_steady_state(ctx, p, basin, y, s) != PSORSIM_OK) {
    fprintf(stderr, "derive_references: %s\n", psorsim_ctx_errmsg(ctx));
    exit(1);
  }
}

int main(int argc, char **argv)
{
  psorsim_ctx *ctx = NULL;
  double *yh, *yp;
  psorsim_psoriasis_summary sh, sp;
  /* state offsets within a site: sc, ta, d, c, dc, t, trm */
  enum { SC, TA, D, C, DC, T, M };

  m = psorsim_psoriasis_model();
  p = malloc(sizeof(double) * (size_t)m->n_params);
  yh = malloc(sizeof(double) * (size_t)m->n_states);
  yp = malloc(sizeof(double) * (size_t)m->n_states);
  if (p == NULL || yh == NULL || yp == NULL || psorsim_ctx_create(&ctx) != PSORSIM_OK) return 1;
  psorsim_model_default_params(m, p);
  for (int i = 1; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (eq == NULL) {
      fprintf(stderr, "usage: derive_references [NAME=VALUE ...]\n");
      return 2;
    }
    *eq = '\0';
    *par(argv[i]) = atof(eq + 1);
  }
  *par("site_sigma") = 0.0;
  *par("region_head") = *par("region_upper") = *par("region_trunk") = *par("region_lower") = 1.0;

  const double a = *par("a_base");
  const double cK = *par("il172") / *par("il1720") + *par("tnf2") / *par("tnf20");
  *par("kd_h") = 1.0 / 28.0 - a;
  *par("kc_h") = 1.0 / 14.0;
  for (int it = 0; it < 200; it++) {
    /* the fixed point of trm_t_ref: M = 1 in the reference plaque */
    steady(ctx, PSORSIM_PSORIASIS_PSORIATIC, yp, &sp);
    const double t_ref = yp[T];
    const double change = fabs(t_ref - *par("trm_t_ref")) / t_ref;
    *par("trm_t_ref") = t_ref;
    if (change < 1e-13) break;
  }
  steady(ctx, PSORSIM_PSORIASIS_HEALTHY, yh, &sh);
  steady(ctx, PSORSIM_PSORIASIS_PSORIATIC, yp, &sp);
  /* production of differentiated cells J_D = ta2d K TA; its exit flux J_C = J_D - a D */
  const double jd_h = *par("ta2d") * cK * yh[T] * yh[TA];
  const double jd_p = *par("ta2d") * cK * yp[T] * yp[TA];
  const double d_h = 28.0 * jd_h, d_p = 4.0 * jd_p;
  *par("d_ref") = d_h;
  *par("m_d") = log((0.25 - a) / *par("kd_h")) / log(d_p / d_h);
  const double jc_h = jd_h - a * d_h, jc_p = jd_p - a * d_p;
  const double c_h = 14.0 * jc_h, c_p = 2.0 * jc_p;
  *par("c_ref") = c_h;
  *par("m_c") = log(0.5 / *par("kc_h")) / log(c_p / c_h);
  /* the layers follow from the new transit laws */
  steady(ctx, PSORSIM_PSORIASIS_HEALTHY, yh, &sh);
  steady(ctx, PSORSIM_PSORIASIS_PSORIATIC, yp, &sp);
  printf("trm_t_ref   %.10g\n", *par("trm_t_ref"));
  printf("kd_h        %.10g\n", *par("kd_h"));
  printf("d_ref       %.10g\n", *par("d_ref"));
  printf("m_d         %.10g\n", *par("m_d"));
  printf("kc_h        %.10g\n", *par("kc_h"));
  printf("c_ref       %.10g\n", *par("c_ref"));
  printf("m_c         %.10g\n", *par("m_c"));
  printf("epi_healthy %.10g\n", yh[SC] + yh[TA] + yh[D] + yh[C]);
  printf("epi_plaque  %.10g\n", yp[SC] + yp[TA] + yp[D] + yp[C]);
  printf("k_healthy   %.10g\n", cK * yh[T]);
  printf("k_plaque    %.10g\n", cK * yp[T]);
  printf("c_healthy   %.10g\n", yh[C]);
  printf("c_plaque    %.10g\n", yp[C]);
  printf("# check: turnover healthy %.6f days (42), plaque %.6f days (6); M plaque %.9f (1)\n",
         sh.turnover_days, sp.turnover_days, yp[M]);
  printf("# reference states: DC %.6g / %.6g, T %.6g / %.6g cells/mm2 (healthy / plaque)\n", yh[DC],
         yp[DC], yh[T], yp[T]);
  psorsim_ctx_free(&ctx);
  free(p);
  free(yh);
  free(yp);
  return 0;
}
