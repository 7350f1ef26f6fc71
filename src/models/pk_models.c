/* src/models/pk_models.c
 *
 * Built-in pharmacokinetic models used to exercise the engine and as the
 * building blocks of the treatment library: one- and two-compartment
 * disposition with first-order absorption from a depot (subcutaneous or oral
 * dose) or a bolus into the central compartment (intravenous dose).
 *
 *   pk1:  dA_depot/dt   = -ka A_depot
 *         dA_c/dt       =  ka A_depot - (CL/V) A_c
 *   pk2:  dA_depot/dt   = -ka A_depot
 *         dA_c/dt       =  ka A_depot - (CL/V1) A_c - (Q/V1) A_c + (Q/V2) A_p
 *         dA_p/dt       =  (Q/V1) A_c - (Q/V2) A_p
 * Bioavailability is applied by whoever schedules the dose (the amount put
 * into the depot is F times the dose). The default parameters are those of a
 * typical subcutaneous monoclonal antibody (see docs/engine.md); they are
 * test values, not a drug's label.
 */
#include "models_impl.h"

enum { PK1_DEPOT, PK1_CENTRAL, PK1_NSTATE };
enum { PK1_KA, PK1_CL, PK1_V, PK1_NPARAM };

static const psorsim_var pk1_states[PK1_NSTATE] = {
    {"depot_mg", "mg", 0.0, "drug amount at the absorption site", NULL},
    {"central_mg", "mg", 0.0, "drug amount in the central compartment", NULL},
};

static const psorsim_var pk1_params[PK1_NPARAM] = {
    {"ka", "1/day", 0.25, "first-order absorption rate constant", "test value (typical SC mAb)"},
    {"cl", "L/day", 0.2, "clearance", "test value (typical SC mAb)"},
    {"v", "L", 5.0, "volume of distribution", "test value (typical SC mAb)"},
};

static const psorsim_var pk1_obs[] = {
    {"conc_mg_l", "mg/L", 0.0, "central concentration A_c/V", NULL},
};

static int rhs_pk1(double t, const double *y, double *ydot, const double *p, void *work)
{
  const double ke = p[PK1_CL] / p[PK1_V];
  ydot[PK1_DEPOT] = -p[PK1_KA] * y[PK1_DEPOT];
  ydot[PK1_CENTRAL] = p[PK1_KA] * y[PK1_DEPOT] - ke * y[PK1_CENTRAL];
  return 0;
}

static int jac_pk1(double t, const double *y, double *J, const double *p, void *work)
{
  const int n = PK1_NSTATE;
  J[PK1_DEPOT * n + PK1_DEPOT] = -p[PK1_KA];
  J[PK1_DEPOT * n + PK1_CENTRAL] = p[PK1_KA];
  J[PK1_CENTRAL * n + PK1_CENTRAL] = -p[PK1_CL] / p[PK1_V];
  return 0;
}

static int observe_pk1(double t, const double *y, const double *p, double *obs, void *work)
{
  obs[0] = y[PK1_CENTRAL] / p[PK1_V];
  return 0;
}

const psorsim_model psr_model_pk1 = {
    .name = "pk1",
    .description = "one-compartment PK with first-order absorption",
    .n_states = PK1_NSTATE,
    .n_params = PK1_NPARAM,
    .n_obs = 1,
    .states = pk1_states,
    .params = pk1_params,
    .obs = pk1_obs,
    .rhs = rhs_pk1,
    .jac = jac_pk1,
    .observe = observe_pk1,
};

enum { PK2_DEPOT, PK2_CENTRAL, PK2_PERIPH, PK2_NSTATE };
enum { PK2_KA, PK2_CL, PK2_V1, PK2_Q, PK2_V2, PK2_NPARAM };

static const psorsim_var pk2_states[PK2_NSTATE] = {
    {"depot_mg", "mg", 0.0, "drug amount at the absorption site", NULL},
    {"central_mg", "mg", 0.0, "drug amount in the central compartment", NULL},
    {"peripheral_mg", "mg", 0.0, "drug amount in the peripheral compartment", NULL},
};

static const psorsim_var pk2_params[PK2_NPARAM] = {
    {"ka", "1/day", 0.25, "first-order absorption rate constant", "test value (typical SC mAb)"},
    {"cl", "L/day", 0.2, "clearance from the central compartment", "test value (typical SC mAb)"},
    {"v1", "L", 3.5, "central volume", "test value (typical SC mAb)"},
    {"q", "L/day", 0.5, "inter-compartmental clearance", "test value (typical SC mAb)"},
    {"v2", "L", 2.5, "peripheral volume", "test value (typical SC mAb)"},
};

static const psorsim_var pk2_obs[] = {
    {"conc_mg_l", "mg/L", 0.0, "central concentration A_c/V1", NULL},
};

static int rhs_pk2(double t, const double *y, double *ydot, const double *p, void *work)
{
  const double k10 = p[PK2_CL] / p[PK2_V1];
  const double k12 = p[PK2_Q] / p[PK2_V1];
  const double k21 = p[PK2_Q] / p[PK2_V2];
  ydot[PK2_DEPOT] = -p[PK2_KA] * y[PK2_DEPOT];
  ydot[PK2_CENTRAL] = p[PK2_KA] * y[PK2_DEPOT] - (k10 + k12) * y[PK2_CENTRAL] + k21 * y[PK2_PERIPH];
  ydot[PK2_PERIPH] = k12 * y[PK2_CENTRAL] - k21 * y[PK2_PERIPH];
  return 0;
}

static int jac_pk2(double t, const double *y, double *J, const double *p, void *work)
{
  const int n = PK2_NSTATE;
  const double k10 = p[PK2_CL] / p[PK2_V1];
  const double k12 = p[PK2_Q] / p[PK2_V1];
  const double k21 = p[PK2_Q] / p[PK2_V2];
  J[PK2_DEPOT * n + PK2_DEPOT] = -p[PK2_KA];
  J[PK2_DEPOT * n + PK2_CENTRAL] = p[PK2_KA];
  J[PK2_CENTRAL * n + PK2_CENTRAL] = -(k10 + k12);
  J[PK2_CENTRAL * n + PK2_PERIPH] = k12;
  J[PK2_PERIPH * n + PK2_CENTRAL] = k21;
  J[PK2_PERIPH * n + PK2_PERIPH] = -k21;
  return 0;
}

static int observe_pk2(double t, const double *y, const double *p, double *obs, void *work)
{
  obs[0] = y[PK2_CENTRAL] / p[PK2_V1];
  return 0;
}

const psorsim_model psr_model_pk2 = {
    .name = "pk2",
    .description = "two-compartment PK with first-order absorption",
    .n_states = PK2_NSTATE,
    .n_params = PK2_NPARAM,
    .n_obs = 1,
    .states = pk2_states,
    .params = pk2_params,
    .obs = pk2_obs,
    .rhs = rhs_pk2,
    .jac = jac_pk2,
    .observe = observe_pk2,
};
