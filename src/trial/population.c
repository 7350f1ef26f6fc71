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

#include <psorsim/treated_patient.h>

#include "common/context_impl.h"
#include "trial_impl.h"

#define PILOT_ARM 0xFFFFFFFFu
/* Matching bsa_mean: the tilts tried, per BSA percent. Towards smaller BSA the weights
 * are bounded (BSA >= 0), so a strong tilt is safe: exp(-0.5 x 10) = 1/148 between
 * candidates 10 points apart; towards larger BSA the weights would rest on the rare
 * candidates of the upper tail, so the tilt stays mild (exp(0.05 x 10) = 1.65). */
#define PSR_BSA_TILT_LO -0.5
#define PSR_BSA_TILT_HI 0.05
#define PSR_BSA_MIN_ESS 100
#define PSR_BSA_TOL     0.03 /* relative miss of the mean BSA that is still a match */

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
  double noise, site_shift;
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
  /* the screening score's own error, mean one like every visit's (always one draw, so the
   * draws after it stay aligned whatever the CV) */
  {
    const double w2 = log1p(pop_s->pasi_noise_cv * pop_s->pasi_noise_cv);
    noise = exp(sqrt(w2) * psr_rng_normal(&dis) - 0.5 * w2);
  }
  pt->site_seed = psr_rng_uniform(&dis);
  pt->severity = pop_s->severity_median * psr_rng_median_one(&dis, pop_s->severity_cv);
  pt->rater = psr_rng_median_one(&dis, pop_s->pasi_rater_cv);
  /* chronic triggers from their own stream, so the draws above keep their numbers */
  psr_rng_init(&trig, seed, arm, key, PSR_STREAM_TRIGGERS);
  pt->stress_reactor = psr_rng_uniform(&trig) < pop_s->stress_reactor;
  pt->strep_carrier = psr_rng_uniform(&trig) < pop_s->strep_carrier;

  {
    /* response covariates that act on the skin sites (treated_patient.h) */
    psorsim_treated_patient rp;
    psorsim_treated_patient_init(&rp, pt->weight_kg, pt->med_mj_cm2);
    psr_population_response_covariates(pt, &rp);
    site_shift = psorsim_response_site_shift(&rp);
  }
  psorsim_model_default_params(m, base_p);
  {
    const double covar[PSORSIM_COVARIATE_COUNT] = {
        [PSORSIM_COVARIATE_BMI] = pt->bmi,
        [PSORSIM_COVARIATE_SMOKER] = pt->smoker,
        [PSORSIM_COVARIATE_SUSCEPTIBILITY] = pt->susceptibility,
        [PSORSIM_COVARIATE_SITE_SPREAD] = pt->site_sigma,
        [PSORSIM_COVARIATE_SITE_SEED] = pt->site_seed,
        [PSORSIM_COVARIATE_SEVERITY] = pt->severity,
        [PSORSIM_COVARIATE_SITE_SENS_SPREAD] = pop_s->site_sens_sigma,
        [PSORSIM_COVARIATE_SITE_SENS_MEAN] = pop_s->site_sens_mu + site_shift,
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
  pt->baseline.pasi = fmin(72.0, pt->baseline.pasi * pt->rater * noise);
  return PSORSIM_OK;
}

void psr_population_response_covariates(const psr_patient *pt, psorsim_treated_patient *tp)
{
  tp->age_years = pt->age_years;
  tp->disease_years = pt->disease_years;
  tp->prior_biologic = pt->prior_biologic;
  tp->bmi_kg_m2 = pt->bmi;
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

/* Candidates first .. first + PSR_POP_PILOT - 1 of the pilot stream: the
 * baseline PASI and BSA of those meeting the inclusion criteria (NAN PASI
 * for the others). Candidates are independent (own random streams), so the
 * pilot runs in parallel; each writes its own slot. */
static void draw_pilot(const psorsim_trial_spec *spec, const psr_pop_settings *pop_s, uint64_t seed,
                       int threads, long first, double *pasi, double *bsa)
{
  const psorsim_model *m = pop_s->base;
#pragma omp parallel num_threads(threads > 0 ? threads : omp_get_max_threads())
  {
    double *base_p = malloc((size_t)m->n_params * sizeof(double));
    double *y0 = malloc((size_t)m->n_states * sizeof(double));
#pragma omp for schedule(static)
    for (long i = 0; i < PSR_POP_PILOT; i++) {
      psr_patient pt;
      pasi[i] = NAN;
      if (base_p == NULL || y0 == NULL) continue;
      if (psr_population_candidate(NULL, spec, pop_s, seed, PILOT_ARM, first + i, 0, base_p, y0,
                                   &pt) != PSORSIM_OK) {
        continue;
      }
      if (psr_population_included(spec, &pt)) {
        pasi[i] = pt.baseline.pasi;
        bsa[i] = pt.baseline.bsa_percent;
      }
    }
    free(base_p);
    free(y0);
  }
}

/* Weighted mean BSA of the pilot under the tilt exp(t x BSA) inside each PASI
 * bin, each bin kept at its matched mass (bin_fixed) or tilted freely; the
 * effective sample size of the weights into *ess. */
static double tilted_bsa_mean(const double *pasi, const double *bsa, long n, const double *accept,
                              int bin_fixed, double t, double *ess)
{
  double in_bin[PSR_PASI_BINS] = {0}, tilted[PSR_PASI_BINS] = {0};
  double sw = 0.0, swx = 0.0, sw2 = 0.0;
  for (long i = 0; i < n; i++) {
    const int b = (int)clamp(floor(pasi[i]), 0, PSR_PASI_BINS - 1);
    if (isnan(pasi[i])) continue;
    in_bin[b] += 1.0;
    tilted[b] += exp(t * bsa[i]);
  }
  for (long i = 0; i < n; i++) {
    const int b = (int)clamp(floor(pasi[i]), 0, PSR_PASI_BINS - 1);
    double w;
    if (isnan(pasi[i])) continue;
    w = accept[b] * exp(t * bsa[i]) * (bin_fixed ? in_bin[b] / tilted[b] : 1.0);
    sw += w;
    swx += w * bsa[i];
    sw2 += w * w;
  }
  *ess = sw2 > 0 ? sw * sw / sw2 : 0.0;
  return sw > 0 ? swx / sw : NAN;
}

/* The BSA tilt that gives the table's bsa_mean (the PASI bins keep the mass
 * the PASI matching gave them when pasi_mean is given), folded into
 * mt->accept and mt->bsa_tilt. An error when the pilot cannot reach it. */
static int match_bsa(psorsim_ctx *ctx, const psorsim_trial_spec *spec, const double *pasi,
                     const double *bsa, const double *check_pasi, const double *check_bsa,
                     psr_matcher *mt)
{
  const long n = PSR_POP_PILOT;
  const psorsim_opt *target = &spec->population.bsa_mean;
  const int fixed = spec->population.pasi_mean.given;
  double lo = PSR_BSA_TILT_LO, hi = PSR_BSA_TILT_HI, ess, m_lo, m_hi, t, m_max = 0.0;
  double in_bin[PSR_PASI_BINS] = {0}, tilted[PSR_PASI_BINS] = {0};
  m_lo = tilted_bsa_mean(pasi, bsa, n, mt->accept, fixed, lo, &ess);
  m_hi = tilted_bsa_mean(pasi, bsa, n, mt->accept, fixed, hi, &ess);
  PSR_CHECK(ctx, m_lo <= target->value && target->value <= m_hi, PSORSIM_EINPUT,
            "%s:%d: population.baseline.bsa_mean: %g cannot be matched: virtual patients meeting "
            "the inclusion criteria%s have a mean BSA of %.3g to %.3g %%",
            spec->source, spec->population.baseline_line, target->value,
            fixed ? " at the table's PASI" : "", m_lo, m_hi);
  for (int it = 0; it < 60; it++) { /* the mean grows with the tilt: bisection */
    t = 0.5 * (lo + hi);
    if (tilted_bsa_mean(pasi, bsa, n, mt->accept, fixed, t, &ess) < target->value)
      lo = t;
    else
      hi = t;
  }
  t = 0.5 * (lo + hi);
  tilted_bsa_mean(pasi, bsa, n, mt->accept, fixed, t, &ess);
  PSR_CHECK(ctx, ess >= PSR_BSA_MIN_ESS, PSORSIM_EINPUT,
            "%s:%d: population.baseline.bsa_mean: %g cannot be matched: it would rest on %.0f of "
            "the %d pilot candidates (at least %d needed); a mean BSA nearer %.3g %% can",
            spec->source, spec->population.baseline_line, target->value, ess, PSR_POP_PILOT,
            PSR_BSA_MIN_ESS, tilted_bsa_mean(pasi, bsa, n, mt->accept, fixed, 0.0, &ess));
  /* acceptance: accept[b] x (bin mass kept) x exp(t BSA), scaled to at most 1 over the pilot */
  for (long i = 0; i < n; i++) {
    const int b = (int)clamp(floor(pasi[i]), 0, PSR_PASI_BINS - 1);
    if (isnan(pasi[i])) continue;
    in_bin[b] += 1.0;
    tilted[b] += exp(t * bsa[i]);
  }
  for (int b = 0; b < PSR_PASI_BINS; b++) {
    if (fixed && tilted[b] > 0) mt->accept[b] *= in_bin[b] / tilted[b];
  }
  for (long i = 0; i < n; i++) {
    const int b = (int)clamp(floor(pasi[i]), 0, PSR_PASI_BINS - 1);
    if (!isnan(pasi[i]) && in_bin[b] >= 5.0) m_max = fmax(m_max, mt->accept[b] * exp(t * bsa[i]));
  }
  if (!(m_max > 0)) return PSORSIM_OK;
  for (int b = 0; b < PSR_PASI_BINS; b++)
    mt->accept[b] /= m_max;
  mt->bsa_tilt = t;
  mt->active = 1;
  { /* what the acceptance gives on the second pilot: a strong tilt leans on the few
       candidates of the first pilot and misses the mean on others */
    double sp = 0.0, spx = 0.0;
    for (long i = 0; i < n; i++) {
      const int b = (int)clamp(floor(check_pasi[i]), 0, PSR_PASI_BINS - 1);
      const double p =
          isnan(check_pasi[i]) ? 0.0 : fmin(1.0, mt->accept[b] * exp(t * check_bsa[i]));
      sp += p;
      spx += p > 0 ? p * check_bsa[i] : 0.0;
    }
    PSR_CHECK(ctx, sp > 0 && fabs(spx / sp - target->value) <= PSR_BSA_TOL * target->value,
              PSORSIM_EINPUT,
              "%s:%d: population.baseline.bsa_mean: %g cannot be matched: the virtual patients "
              "meeting the inclusion criteria%s reach a mean BSA of %.3g %% at best",
              spec->source, spec->population.baseline_line, target->value,
              fixed ? " at the table's PASI" : "", sp > 0 ? spx / sp : NAN);
  }
  return PSORSIM_OK;
}

int psr_population_matcher(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                           const psr_pop_settings *pop_s, uint64_t seed, int threads,
                           psr_matcher *mt)
{
  const psorsim_trial_population *pop = &spec->population;
  double hist[PSR_PASI_BINS] = {0}, dens[PSR_PASI_BINS], ratio[PSR_PASI_BINS];
  double *pilot = NULL, *pilot_bsa;
  double x0, mean, sd, shape, scale, rmax = 0.0;
  long included = 0;
  int rc = PSORSIM_OK;

  memset(mt, 0, sizeof(*mt));
  mt->pop = pop_s;
  for (int b = 0; b < PSR_PASI_BINS; b++)
    mt->accept[b] = 1.0;
  pilot = psr_calloc(ctx, 4 * PSR_POP_PILOT, sizeof(double));
  if (pilot == NULL) PSR_FAIL(ctx, PSORSIM_ENOMEM, "allocating the population pilot");
  pilot_bsa = pilot + PSR_POP_PILOT;
  draw_pilot(spec, pop_s, seed, threads, 0, pilot, pilot_bsa);
  for (long i = 0; i < PSR_POP_PILOT; i++) {
    if (isnan(pilot[i])) continue;
    included++;
    hist[(int)clamp(floor(pilot[i]), 0, PSR_PASI_BINS - 1)] += 1.0;
  }
  psorsim_ctx_clear_error(ctx);
  if (included == 0) {
    psr_free(ctx, pilot);
    PSR_FAIL(ctx, PSORSIM_EINPUT,
             "%s: no virtual patient among %d candidates meets the inclusion criteria "
             "(pasi_min, bsa_min, iga_min)",
             spec->source, PSR_POP_PILOT);
  }
  if (pop->pasi_mean.given) {
    x0 = pop->pasi_min.given ? pop->pasi_min.value : 0.0;
    mean = pop->pasi_mean.value - x0;
    sd = pop->pasi_sd.given ? pop->pasi_sd.value : PSR_POP_PASI_SD_RATIO * pop->pasi_mean.value;
    if (!(mean > 0.5 && sd > 0)) {
      psr_free(ctx, pilot);
      PSR_FAIL(ctx, PSORSIM_EINPUT,
               "%s:%d: population.baseline.pasi_mean: %g must lie above the inclusion minimum %g",
               spec->source, pop->baseline_line, pop->pasi_mean.value, x0);
    }
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
    if (rmax > 0.0) { /* else no overlap: keep the candidate distribution */
      for (int b = 0; b < PSR_PASI_BINS; b++)
        mt->accept[b] = fmin(1.0, ratio[b] / rmax);
      mt->active = 1;
    }
  }
  if (pop->bsa_mean.given) { /* matched on the pilot, checked on a second one */
    draw_pilot(spec, pop_s, seed, threads, PSR_POP_PILOT, pilot + 2 * PSR_POP_PILOT,
               pilot + 3 * PSR_POP_PILOT);
    rc = match_bsa(ctx, spec, pilot, pilot_bsa, pilot + 2 * PSR_POP_PILOT,
                   pilot + 3 * PSR_POP_PILOT, mt);
  }
  psr_free(ctx, pilot);
  return rc;
}

int psr_population_accepts(const psr_matcher *m, psr_rng *screen, double baseline_pasi,
                           double baseline_bsa)
{
  int b;
  double p;
  if (!m->active) return 1;
  b = (int)clamp(floor(baseline_pasi), 0, PSR_PASI_BINS - 1);
  p = m->accept[b];
  if (m->bsa_tilt != 0.0) p = fmin(1.0, p * exp(m->bsa_tilt * baseline_bsa));
  return psr_rng_uniform(screen) < p;
}
