/* include/psorsim/economics.h
 *
 * Health economics of a virtual trial (docs/economics.md): per-patient costs
 * (drug acquisition for the doses actually given, administration, monitoring,
 * phototherapy sessions, cell products and infusions, adverse events) and
 * QALYs from the weekly PASI (or DLQI) through an EQ-5D utility mapping, both
 * discounted; per-arm means with intervals, cost per PASI75 responder and
 * incremental cost-effectiveness against a reference arm with a bootstrap
 * cloud for the cost-effectiveness plane.
 *
 * The economics block of the trial file is parsed into psorsim_economics
 * (trial_spec.h). The trial runner (trial.h) simulates a patient, then calls
 * psorsim_econ_patient on the log the patient emitted (outcome.h: doses
 * given, adverse events, dropout, visits) and keeps the fixed-size
 * psorsim_econ_patient_result; once all arms are done it calls
 * psorsim_econ_summarise on each arm's results. The economics knows nothing
 * of the trial runner: it reads only the trial file's types, the treatment
 * library and the log. Everything is deterministic for a seed: the bootstrap
 * draws come from counter-based streams keyed by (seed, arm, endpoint), and
 * patients are read in patient order, so the thread count does not matter.
 *
 * Sign conventions: delta cost = cost(arm) - cost(reference), delta QALY =
 * QALY(arm) - QALY(reference), ICER = delta cost / delta QALY. An arm that
 * costs no more and gains at least as many QALYs (not both equal) is
 * "dominant"; one that costs no less and gains no more is "dominated"; the
 * ICER is then not reported (NaN). Otherwise the quadrant is
 * "more_costly_more_effective" (the usual ICER) or
 * "less_costly_less_effective" (the ICER is then savings per QALY lost).
 */
#ifndef PSORSIM_ECONOMICS_H
#define PSORSIM_ECONOMICS_H

#include <stdint.h>

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/outcome.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One patient's costs and QALYs (docs/economics.md), in the economics
 * currency, discounted. Fixed-size and free of pointers, like the trial's
 * patient records, so it can be kept per patient, spooled or sent between
 * processes. */
typedef struct psorsim_econ_patient_result {
  int counted;                                   /* 1: costed; 0: not (a solver failure) */
  double cost, qaly;                             /* totals over weeks 0..horizon */
  double cost_drug, cost_admin, cost_monitoring; /* parts of `cost` */
  double cost_phototherapy, cost_cells, cost_ae; /* parts of `cost` */
  double cost_at[PSORSIM_ECON_MAX_WEEKS];        /* cost up to spec->economics.weeks[k] */
  double qaly_at[PSORSIM_ECON_MAX_WEEKS];        /* QALYs up to weeks[k] */
  int pasi75_at[PSORSIM_ECON_MAX_WEEKS];         /* 1: on study and PASI75 at weeks[k] */
} psorsim_econ_patient_result;

/* Cost one patient of `arm` under spec->economics from its log: each dose
 * in the log (the doses given) priced by its regimen entry, monitoring per
 * week from the first to the last dose week, each adverse event, and the
 * QALYs of the visits. Only the doses before 7 * week count towards an
 * endpoint at `week`. Fills *out (counted = 1) and returns PSORSIM_OK (also
 * when economics is disabled: *out is then all 0); PSORSIM_EINVAL for NULL
 * arguments, a log without visits, or a treatment of the arm without a
 * resolved price (naming the file and line). */
PSORSIM_EXPORT int psorsim_econ_patient(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                                        const psorsim_trial_arm *arm,
                                        const psorsim_patient_log *plog,
                                        psorsim_econ_patient_result *out);

/* EQ-5D utility of one visit under the economics block's mapping. */
PSORSIM_EXPORT double psorsim_econ_utility(const psorsim_economics *econ, double baseline_pasi,
                                           double pasi, double dlqi);

/* Discount factor of something at `day` at the yearly rate `rate`
 * (fraction): (1 + rate)^-(day / 365.25) when continuous, else the factor of
 * the start of its week, (1 + rate)^-(7 floor(day / 7) / 365.25). */
PSORSIM_EXPORT double psorsim_econ_discount(double rate, double day, int continuous);

/* The quadrant of (delta_cost, delta_qaly) and the ICER in *icer (NaN when
 * dominant, dominated, or both deltas are 0): "dominant", "dominated",
 * "more_costly_more_effective", "less_costly_less_effective" or "equal".
 * Never NULL (static strings). */
PSORSIM_EXPORT const char *psorsim_econ_quadrant(double delta_cost, double delta_qaly,
                                                 double *icer);

/* One ICER endpoint of an arm. */
typedef struct psorsim_econ_icer {
  int endpoint;                        /* index into spec->endpoints */
  int ref_arm;                         /* reference arm */
  double delta_cost;                   /* mean cost difference, arm - reference */
  double delta_cost_lo, delta_cost_hi; /* 95 % bootstrap percentile interval */
  double delta_qaly;                   /* mean QALY difference */
  double delta_qaly_lo, delta_qaly_hi;
  const char *quadrant;       /* psorsim_econ_quadrant of the means, or "reference" */
  double prob_cost_effective; /* share of replicates with positive net monetary benefit
                                 at economics.threshold (NaN without bootstrap) */
} psorsim_econ_icer;

/* Per-arm summary over the horizon (economics.weeks[0]). All costs are means
 * per patient in the economics currency; intervals are 95 % t-intervals for
 * means and bootstrap percentile intervals for ratios and differences. */
typedef struct psorsim_econ_arm {
  int n;                         /* patients counted (failures excluded) */
  double cost, cost_lo, cost_hi; /* total cost */
  double cost_drug, cost_admin, cost_monitoring, cost_phototherapy, cost_cells, cost_ae;
  double qaly, qaly_lo, qaly_hi;          /* QALYs */
  double pasi75_pct;                      /* PASI75 responders at the horizon, % */
  double cost_per_pasi75, cpr_lo, cpr_hi; /* cost per PASI75 responder (NaN: none) */
  int ref_arm;                            /* arm of the cost-effectiveness plane */
  double delta_cost, delta_qaly;          /* vs ref_arm (0 for the reference itself) */
  const char *quadrant;                   /* vs ref_arm, or "reference" */
  double icer;                            /* vs ref_arm; NaN when not defined */
  int n_boot;                             /* replicates in boot_dcost / boot_dqaly */
  double *boot_dcost, *boot_dqaly;        /* bootstrap cloud vs ref_arm (owned) */
  psorsim_econ_icer *icers;               /* n_icers: the arm's icer_vs endpoints */
  int n_icers;
} psorsim_econ_arm;

/* Summarise the economics of a trial's n_arms arms (spec->arms order):
 * patients[a] holds the n_patients[a] results of arm a in patient order
 * (results with counted 0 are left out). For each arm, arms[a] receives a
 * new summary (free with psorsim_econ_arm_free) and endpoints[a][k] the
 * estimate of every economic endpoint k of spec->endpoints (cost, QALY and
 * ICER kinds; the others are left alone). Bootstrap streams are keyed by
 * (seed, arm, endpoint). Does nothing when economics is disabled.
 * PSORSIM_OK, PSORSIM_EINVAL for NULL arguments or PSORSIM_ENOMEM; after an
 * error the summaries already in arms[] are the caller's to free. */
PSORSIM_EXPORT int psorsim_econ_summarise(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                                          uint64_t seed, size_t n_arms,
                                          const psorsim_econ_patient_result *const *patients,
                                          const int *n_patients, psorsim_econ_arm **arms,
                                          psorsim_estimate *const *endpoints);

/* 1 for the four economic endpoint kinds. */
PSORSIM_EXPORT int psorsim_econ_is_endpoint(psorsim_endpoint_kind kind);

/* Index of `week` in econ->weeks, or -1. */
PSORSIM_EXPORT int psorsim_econ_week_slot(const psorsim_economics *econ, double week);

/* Release an arm summary and set *e to NULL (accepts NULL). */
PSORSIM_EXPORT void psorsim_econ_arm_free(psorsim_econ_arm **e);

/* Text of a price basis: "per mg", "per dose", "per session", "per 10^6 cells". */
PSORSIM_EXPORT const char *psorsim_price_basis_name(psorsim_price_basis basis);

#ifdef __cplusplus
}
#endif
#endif /* PSORSIM_ECONOMICS_H */
