/* include/psorsim/calibrate.h
 *
 * Calibration of psorsim against published trials (docs/validation.md):
 * a configuration (YAML, tools/calibration.yaml) names the trial files with
 * `observed:` blocks, the parameters to fit (run-time overrides, see
 * psorsim_trial_options) with start, bounds and scale, the virtual patients
 * per arm and the seed (common random numbers: every evaluation uses the same
 * seed, so the objective changes only through the parameters), and the NLopt
 * optimiser. The objective is the weighted sum over files of squared
 * differences, in percentage points, between psorsim's estimates and the
 * published numbers. Also: leave-one-file-out cross-validation, and the fit
 * of each NB-UVB patient's UVB sensitivity to their weekly PASI (Shmarov
 * 2022's per-patient procedure).
 *
 * The library never prints: progress goes through a callback.
 */
#ifndef PSORSIM_CALIBRATE_H
#define PSORSIM_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PSORSIM_CALIB_MAX_LINKS 8

/* One fitted parameter. Values are run-time override names; the optimiser
 * works on u in [0, 1] mapped to [lower, upper] linearly or logarithmically. */
typedef struct psorsim_calib_param {
  const char *name;      /* override name, e.g. "secukinumab.il17.ec50" */
  double start;          /* starting value */
  double prior;          /* value without the data that inform it: used in cross-validation
                            when no kept file informs the parameter (config `prior:`, default
                            start) */
  double lower, upper;   /* bounds, lower < upper (both > 0 when log_scale) */
  int log_scale;         /* 1: search in log(value) */
  const char *fitted_to; /* what the parameter is fitted to (text from the config) */
  int n_links;           /* other overrides set to factor x value (fixed within-class ratios) */
  const char *link_names[PSORSIM_CALIB_MAX_LINKS];
  double link_factors[PSORSIM_CALIB_MAX_LINKS];
  int line; /* line in the config */
} psorsim_calib_param;

/* One calibration trial file. */
typedef struct psorsim_calib_file {
  const char *path; /* resolved against the config's directory */
  double weight;    /* multiplies the file's squared differences (default 1) */
  int line;
} psorsim_calib_file;

/* A parsed configuration (psorsim_calib_config_load). */
typedef struct psorsim_calib_config {
  const char *source; /* the config's path */
  size_t n_files;
  psorsim_calib_file *files;
  size_t n_params;
  psorsim_calib_param *params;
  size_t n_fixed; /* overrides applied in every run but not fitted */
  const char **fixed_names;
  double *fixed_values;
  int patients_per_arm;  /* virtual patients per arm in every evaluation */
  uint64_t seed;         /* common random numbers */
  int threads;           /* OpenMP threads per trial (0: all) */
  const char *algorithm; /* "bobyqa", "sbplx" or "neldermead" (NLopt, derivative-free) */
  int max_evals;         /* evaluations of the objective */
  double initial_step;   /* initial step in the unit box (0-1) */
  double xtol_rel;       /* relative tolerance on the unit-box parameters */
  int cv_max_evals;      /* evaluations per cross-validation refit */
  void *arena_;          /* private: owns every string and array */
} psorsim_calib_config;

/* Read a configuration. Errors are PSORSIM_EINPUT with "FILE:LINE: KEY: ..."
 * (or PSORSIM_EIO when the file cannot be read). Free with
 * psorsim_calib_config_free. */
PSORSIM_EXPORT int psorsim_calib_config_load(psorsim_ctx *ctx, const char *path,
                                             psorsim_calib_config **out);
/* The same from text; `name` is used in messages and to resolve paths. */
PSORSIM_EXPORT int psorsim_calib_config_parse(psorsim_ctx *ctx, const char *text, size_t len,
                                              const char *name, psorsim_calib_config **out);
PSORSIM_EXPORT void psorsim_calib_config_free(psorsim_calib_config **cfg);

/* Map between the unit box and parameter values. */
PSORSIM_EXPORT double psorsim_calib_to_value(const psorsim_calib_param *p, double u);
PSORSIM_EXPORT double psorsim_calib_to_unit(const psorsim_calib_param *p, double value);

/* One published number compared with psorsim. */
typedef struct psorsim_calib_obs {
  size_t file;                        /* index in the config's files */
  const char *arm;                    /* arm name (owned by the result) */
  const char *endpoint;               /* endpoint key (owned by the result) */
  double observed, predicted, lo, hi; /* percent (or weeks for relapse); 95 % CI */
  double weight; /* weight in the objective (0: not in it, e.g. relapse weeks) */
} psorsim_calib_obs;

/* Progress: called after every evaluation of the objective. */
typedef void (*psorsim_calib_progress)(int eval, double objective, double best,
                                       const double *values, size_t n_values, void *user);

/* The outcome of a fit or of an evaluation. */
typedef struct psorsim_calib_result {
  size_t n_params;
  double *start;     /* n_params values the fit started from */
  double *best;      /* n_params best values found */
  double objective;  /* at best */
  int n_evals;       /* objective evaluations (trial simulations of the changed files) */
  int n_runs;        /* trial files simulated (evaluations reuse unchanged files) */
  double *history_f; /* n_evals objective values */
  double *history_x; /* n_evals x n_params values, row-major */
  int nlopt_status;  /* NLopt's return code (> 0 success, e.g. 4 xtol reached, 5 maxeval) */
  size_t n_obs;
  psorsim_calib_obs *obs; /* every observation at `best` */
  double mad;             /* mean absolute difference over percent observations */
  double within10;        /* share (%) of percent observations within 10 points */
} psorsim_calib_result;

/* Fit the config's parameters. `use_file` (NULL: all) marks which files enter
 * the objective; parameters that affect none of them keep their start
 * value. `x0` (NULL: the config's starts) gives starting values. Returns
 * PSORSIM_OK and a result (free with psorsim_calib_result_free). */
PSORSIM_EXPORT int psorsim_calib_fit(psorsim_ctx *ctx, const psorsim_calib_config *cfg,
                                     const int *use_file, const double *x0,
                                     psorsim_calib_progress progress, void *user,
                                     psorsim_calib_result **out);

/* Evaluate all files at the values x (NULL: the starts), no fitting. */
PSORSIM_EXPORT int psorsim_calib_evaluate(psorsim_ctx *ctx, const psorsim_calib_config *cfg,
                                          const double *x, psorsim_calib_result **out);

PSORSIM_EXPORT void psorsim_calib_result_free(psorsim_calib_result **r);

/* Leave-one-file-out cross-validation: for each file, refit on the others
 * (at most cfg->cv_max_evals evaluations, starting from x_full; parameters
 * that only the left-out file informs go back to their start value, the
 * prior), then predict the left-out file. obs[i].predicted is the
 * cross-validated prediction; full_predicted[i] the full fit's. */
typedef struct psorsim_calib_cv {
  size_t n_obs;
  psorsim_calib_obs *obs;
  double *full_predicted; /* n_obs */
  size_t n_files;
  double *refit_values; /* n_files x n_params values of each refit */
  size_t n_params;
  double mad, within10; /* of the cross-validated predictions */
} psorsim_calib_cv;

PSORSIM_EXPORT int psorsim_calib_cross_validate(psorsim_ctx *ctx, const psorsim_calib_config *cfg,
                                                const double *x_full,
                                                psorsim_calib_progress progress, void *user,
                                                psorsim_calib_cv **out);
PSORSIM_EXPORT void psorsim_calib_cv_free(psorsim_calib_cv **cv);

/* NB-UVB individual patients (Watson 2021 data, columns as in
 * ../shared/data/uvb-patients/README.md). Each patient's UVB sensitivity
 * (nb_uvb.uvb.emax, per J/cm2 per day) is fitted to their weekly PASI given
 * the dose of every session (3 sessions a week on days 0, 2, 4, 7, ...),
 * on a patient of the population's typical site spread whose genetic
 * susceptibility gives the patient's baseline PASI (model fraction x
 * baseline, as Shmarov 2022; least squares in PASI units). */
typedef struct psorsim_uvb_patient {
  int id;
  double baseline;        /* PASI_PRE_TREATMENT */
  int n_sessions;         /* doses given */
  int n_weeks;            /* weekly PASI values used */
  double week_obs[13];    /* observed PASI at weeks 0..12 (NaN: missing) */
  double week_pred[13];   /* fitted model PASI at weeks 0..12 */
  double uvb_emax;        /* fitted sensitivity */
  double susceptibility;  /* genetic susceptibility that gives the baseline PASI */
  double rmse;            /* PASI points over the fitted weeks */
  double fu_month;        /* follow-up month after the course (NaN: none) */
  double fu_obs, fu_pred; /* PASI at follow-up, observed and predicted (NaN: none) */
} psorsim_uvb_patient;

typedef struct psorsim_uvb_fit {
  size_t n;
  psorsim_uvb_patient *patients;
  double median, cv; /* of the fitted sensitivities (log-normal CV) */
  /* covariate model log emax = log typical + susc_exponent log(susceptibility / susc_ref) + eta,
   * least squares over the fitted patients; resid_cv: log-normal CV of eta */
  double typical, susc_exponent, resid_cv, susc_ref;
  double rmse_all;   /* PASI points over all fitted weekly values */
  double r_weekly;   /* Pearson r of predicted vs observed weekly PASI */
  int fu_n;          /* patients with a numeric follow-up PASI */
  double fu_mae;     /* mean |predicted - observed| PASI at follow-up */
  int relapse_agree; /* observed and predicted agree on relapse (FU PASI >= 50 % of baseline) */
  int relapse_obs, relapse_pred; /* relapses observed, predicted */
} psorsim_uvb_fit;

/* Fit every patient of the CSV. `overrides` (names/values, may be 0) change
 * the typical patient (e.g. "pop.susceptibility_median"). */
PSORSIM_EXPORT int psorsim_calib_uvb_patients(psorsim_ctx *ctx, const char *csv_path,
                                              const char *const *override_names,
                                              const double *override_values, int n_overrides,
                                              psorsim_uvb_fit **out);
PSORSIM_EXPORT void psorsim_uvb_fit_free(psorsim_uvb_fit **f);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_CALIBRATE_H */
