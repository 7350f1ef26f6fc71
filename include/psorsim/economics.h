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
 * (trial_spec.h); the trial runner calls psorsim_econ_patient for every
 * patient and psorsim_econ_summarise once all arms are done. Everything is
 * deterministic for a seed: the bootstrap draws come from counter-based
 * streams keyed by (seed, arm, endpoint), and patients are read in patient
 * order, so the thread count does not matter.
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

#include <psorsim/common.h>
#include <psorsim/context.h>
#include <psorsim/trial.h>
#include <psorsim/trial_spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What one patient's costs and QALYs depend on besides the arm. */
typedef struct psorsim_econ_patient_in {
  double weight_kg;            /* mg/kg and cells/kg doses */
  double t_drop_day;           /* adverse-event dropout time, days (INFINITY: none) */
  const double *ae_day;        /* n_ae adverse-event times, days */
  const char *const *ae_name;  /* n_ae adverse-event names (library names) */
  int n_ae;                    /* number of adverse events */
  const psorsim_visit *visits; /* n_visits weekly visits, weeks 0..n_visits-1 */
  int n_visits;                /* number of visits */
  double baseline_pasi;        /* for the PASI-response bands */
} psorsim_econ_patient_in;

/* Fill the economic fields of `rec` (cost, its parts, qaly, econ_*_at) for
 * one patient of `arm` under spec->economics. Doses count when given: a
 * schedule time t with t < t_drop_day (the kept doses after a dropout) and
 * t < 7 * week. Returns PSORSIM_OK (also when economics is disabled: the
 * fields stay 0), PSORSIM_ENOMEM, or PSORSIM_EINVAL for NULL arguments or
 * a treatment of the arm without a resolved price. */
PSORSIM_EXPORT int psorsim_econ_patient(psorsim_ctx *ctx, const psorsim_trial_spec *spec,
                                        const psorsim_trial_arm *arm,
                                        const psorsim_econ_patient_in *in,
                                        psorsim_patient_record *rec);

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

/* Compute every economic endpoint estimate (r->arms[a].endpoints[k] for the
 * cost, QALY and ICER kinds) and each arm's psorsim_econ_arm from the
 * patient records, in patient order. Does nothing when economics is
 * disabled. PSORSIM_OK or PSORSIM_ENOMEM. */
PSORSIM_EXPORT int psorsim_econ_summarise(psorsim_ctx *ctx, psorsim_trial_result *r);

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
