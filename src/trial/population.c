/* src/trial/population.c
 *
 * Virtual patients. Each candidate draws covariates (weight, height, age,
 * sex, disease duration, prior biologic, smoking, NB-UVB MED), its chronic
 * triggers (stress reactor, streptococcal carrier) and disease
 * parameters (genetic susceptibility and the spread of local drive across
 * skin sites) from its own random streams, and starts in its own psoriatic
 * steady state, which gives its baseline PASI, BSA, IGA and DLQI.
 *
 * Matching the trial's baseline table follows the acceptance-rejection idea
 * of Allen et al. 2016 (CPT Pharmacometrics Syst Pharmacol 5:140, "plausible
 * patients" selected into "virtual patients"): a pilot of candidates gives
 * the candidate density of baseline PASI among those meeting the inclusion
 * criteria; the target density is a gamma distribution of PASI above the
 * inclusion minimum with the published mean and SD (right-skewed like trial
 * populations); each candidate is accepted with probability proportional to
 * target/candidate density. See docs/trial-runner.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <omp.h>

#include "common/context_impl.h"
#include "trial_impl.h"

#define PILOT_ARM 0xFFFFFFFFu

static double clamp(double x, double lo, double hi)
{
  return x < lo ? lo : x > hi ? hi : x;
}

int psr_population_candidate(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                             const psr_pop_settings *pop_s, uint64_t seed, size_t arm, long id,
                             int try, double *base_p, double *y0, psr_patient *pt)
{
  const psorsim_trial_population *pop = &spec->population;
  const psorsim_model *m = pop_s->base;
  const uint64_t key = (uint64_t)id * PSR_POP_MAX_TRIES + (uint64_t)try;
  psr_rng cov, dis, trig;
  int rc;

  psr_rng_init(&cov, seed, arm, key, PSR_STREAM_COVARIATES);
  psr_rng_init(&dis, seed, arm, key, PSR_STREAM_DISEASE);
  double noise;
  pt->female = psr_rng_uniform(&cov) < pop_s->female;
  pt->weight_kg = (pop->weight_kg_mean.given ? pop->weight_kg_mean.value : PSR_POP_WEIGHT_MEAN_KG) *
                  psr_rng_lognormal_cv(&cov, pop_s->weight_cv);
  pt->weight_kg = clamp(pt->weight_kg, 35.0, 250.0);
  pt->height_m =
      pt->female ? 1.63 + 0.065 * psr_rng_normal(&cov) : 1.76 + 0.07 * psr_rng_normal(&cov);
  pt->height_m = clamp(pt->height_m, 1.4, 2.1);
  pt->bmi = pt->weight_kg / (pt->height_m * pt->height_m);
  pt->age_years = clamp((pop->age_mean.given ? pop->age_mean.value : PSR_POP_AGE_MEAN) +
                            PSR_POP_AGE_SD * psr_rng_normal(&cov),
                        18.0, 85.0);
  pt->disease_years =
      (pop->disease_years_mean.given ? pop->disease_years_mean.value : PSR_POP_DISEASE_YEARS_MEAN) *
      psr_rng_lognormal_cv(&cov, PSR_POP_DISEASE_YEARS_CV);
  pt->prior_biologic = psr_rng_uniform(&cov) < (pop->prior_biologic_fraction.given
                                                    ? pop->prior_biologic_fraction.value
                                                    : PSR_POP_PRIOR_BIOLOGIC);
  pt->smoker = psr_rng_uniform(&cov) < pop_s->smoker;
  pt->med_mj_cm2 = pop_s->med_median_mj * psr_rng_median_one(&cov, pop_s->med_cv);

  pt->susceptibility =
      pop_s->susceptibility_median * psr_rng_median_one(&dis, pop_s->susceptibility_cv);
  pt->site_sigma = pop_s->site_sigma_median * psr_rng_median_one(&dis, pop_s->site_sigma_cv);
  pt->placebo = psr_rng_median_one(&dis, pop_s->placebo_cv);
  noise =
      psr_rng_median_one(&dis, pop_s->pasi_noise_cv); /* drawn last: earlier draws stay aligned */
  /* chronic triggers from their own stream, so the draws above keep their numbers */
  psr_rng_init(&trig, seed, arm, key, PSR_STREAM_TRIGGERS);
  pt->stress_reactor = psr_rng_uniform(&trig) < pop_s->stress_reactor;
  pt->strep_carrier = psr_rng_uniform(&trig) < pop_s->strep_carrier;

  psorsim_model_default_params(m, base_p);
  {
    const double covar[PSORSIM_COVARIATE_COUNT] = {
        [PSORSIM_COVARIATE_BMI] = pt->bmi,
        [PSORSIM_COVARIATE_SMOKER] = pt->smoker,
        [PSORSIM_COVARIATE_SUSCEPTIBILITY] = pt->susceptibility,
        [PSORSIM_COVARIATE_SITE_SPREAD] = pt->site_sigma,
        [PSORSIM_COVARIATE_STRESS_REACTOR] = pt->stress_reactor,
        [PSORSIM_COVARIATE_STREP_CARRIER] = pt->strep_carrier,
    };
    for (int c = 0; c < PSORSIM_COVARIATE_COUNT; c++) {
      const int k = psorsim_model_covariate_index(m, (psorsim_covariate)c);
      if (k >= 0) base_p[k] = covar[c];
    }
  }
  psr_pop_apply_base(pop_s, base_p);

  {
    double r[PSORSIM_READOUT_COUNT];
    rc = psorsim_model_baseline(ctx, m, base_p, y0, r);
    if (rc != PSORSIM_OK) return rc;
    memset(&pt->baseline, 0, sizeof(pt->baseline));
    pt->baseline.pasi = r[PSORSIM_READOUT_PASI];
    pt->baseline.bsa_percent = r[PSORSIM_READOUT_BSA];
    pt->baseline.iga = r[PSORSIM_READOUT_IGA];
    pt->baseline.dlqi = r[PSORSIM_READOUT_DLQI];
  }
  if (!(pt->baseline.pasi >= 0.5)) return PSORSIM_EMODEL; /* no plaques: not a psoriasis patient */
  /* Screening measurement: inclusion, matching and % improvement use the
   * measured baseline PASI, so a PASI entry threshold selects patients
   * measured high and regression to the mean appears by itself (guide
   * disease-model 8; docs/trial-runner.md). */
  pt->baseline.pasi = fmin(72.0, pt->baseline.pasi * noise);
  return PSORSIM_OK;
}

int psr_population_included(const psorsim_trial_spec *spec, const psr_patient *pt)
{
  const psorsim_trial_population *pop = &spec->population;
  if (pop->pasi_min.given && pt->baseline.pasi < pop->pasi_min.value) return 0;
  if (pop->bsa_min.given && pt->baseline.bsa_percent < pop->bsa_min.value) return 0;
  if (pop->iga_min.given && pt->baseline.iga < pop->iga_min.value) return 0;
  return 1;
}

/* Probability mass of bin [lo, lo+1) under the target gamma of (x - x0). */
static double target_mass(double lo, double x0, double shape, double scale)
{
  double a = lo - x0, b = lo + 1.0 - x0;
  if (b <= 0) return 0.0;
  if (a < 0) a = 0;
  return gsl_cdf_gamma_P(b, shape, scale) - gsl_cdf_gamma_P(a, shape, scale);
}

int psr_population_matcher(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                           const psr_pop_settings *pop_s, uint64_t seed, int threads,
                           psr_matcher *mt)
{
  const psorsim_trial_population *pop = &spec->population;
  const psorsim_model *m = pop_s->base;
  double hist[PSR_PASI_BINS] = {0}, dens[PSR_PASI_BINS], ratio[PSR_PASI_BINS];
  double *pilot = NULL;
  double x0, mean, sd, shape, scale, rmax = 0.0;
  long included = 0;

  memset(mt, 0, sizeof(*mt));
  mt->pop = pop_s;
  for (int b = 0; b < PSR_PASI_BINS; b++)
    mt->accept[b] = 1.0;
  pilot = psr_calloc(ctx, PSR_POP_PILOT, sizeof(double));
  if (pilot == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the population pilot");
    /* Candidates are independent (own random streams), so the pilot runs in
     * parallel; each writes its own slot and the histogram is built in order. */
#pragma omp parallel num_threads(threads > 0 ? threads : omp_get_max_threads())
  {
    double *base_p = malloc((size_t)m->n_params * sizeof(double));
    double *y0 = malloc((size_t)m->n_states * sizeof(double));
#pragma omp for schedule(static)
    for (long i = 0; i < PSR_POP_PILOT; i++) {
      psr_patient pt;
      pilot[i] = NAN;
      if (base_p == NULL || y0 == NULL) continue;
      if (psr_population_candidate(NULL, spec, pop_s, seed, PILOT_ARM, i, 0, base_p, y0, &pt) !=
          PSORSIM_OK) {
        continue;
      }
      if (psr_population_included(spec, &pt)) pilot[i] = pt.baseline.pasi;
    }
    free(base_p);
    free(y0);
  }
  for (long i = 0; i < PSR_POP_PILOT; i++) {
    if (isnan(pilot[i])) continue;
    included++;
    hist[(int)clamp(floor(pilot[i]), 0, PSR_PASI_BINS - 1)] += 1.0;
  }
  psr_free(ctx, pilot);
  psorsim_ctx_clear_error(ctx);
  PSR_CHECK(ctx, included > 0, PSORSIM_EINPUT,
            "%s: no virtual patient among %d candidates meets the inclusion criteria "
            "(pasi_min, bsa_min, iga_min)",
            spec->source, PSR_POP_PILOT);
  if (!pop->pasi_mean.given) return PSORSIM_OK;

  x0 = pop->pasi_min.given ? pop->pasi_min.value : 0.0;
  mean = pop->pasi_mean.value - x0;
  sd = pop->pasi_sd.given ? pop->pasi_sd.value : PSR_POP_PASI_SD_RATIO * pop->pasi_mean.value;
  PSR_CHECK(ctx, mean > 0.5 && sd > 0, PSORSIM_EINPUT,
            "%s: baseline pasi_mean %g must lie above the inclusion minimum %g", spec->source,
            pop->pasi_mean.value, x0);
  shape = mean * mean / (sd * sd);
  scale = sd * sd / mean;
  /* candidate density smoothed with a triangular kernel over +-2 bins */
  for (int b = 0; b < PSR_PASI_BINS; b++) {
    double s = 0.0, w = 0.0;
    for (int k = -2; k <= 2; k++) {
      if (b + k < 0 || b + k >= PSR_PASI_BINS) continue;
      s += (3.0 - abs(k)) * hist[b + k];
      w += 3.0 - abs(k);
    }
    dens[b] = s / w / (double)included;
  }
  for (int b = 0; b < PSR_PASI_BINS; b++) {
    ratio[b] = hist[b] >= 1.0 && dens[b] > 0 ? target_mass(b, x0, shape, scale) / dens[b] : 0.0;
    if (hist[b] >= 5.0 && ratio[b] > rmax) rmax = ratio[b];
  }
  if (rmax <= 0.0) return PSORSIM_OK; /* no overlap: keep the candidate distribution */
  for (int b = 0; b < PSR_PASI_BINS; b++)
    mt->accept[b] = fmin(1.0, ratio[b] / rmax);
  mt->active = 1;
  return PSORSIM_OK;
}

int psr_population_accepts(const psr_matcher *m, psr_rng *screen, double baseline_pasi)
{
  int b;
  if (!m->active) return 1;
  b = (int)clamp(floor(baseline_pasi), 0, PSR_PASI_BINS - 1);
  return psr_rng_uniform(screen) < m->accept[b];
}
