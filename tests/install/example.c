/* tests/install/example.c
 *
 * A program that uses an installed psorsim the way a user would, built by
 * tests/install/test_install.sh against the installed headers and library
 * only (pkg-config psorsim, or find_package(psorsim)). It reads a trial
 * file (tests/install/example.yaml), runs it with 5 patients per arm at
 * seed 42 on one thread and prints every endpoint estimate as "ARM ENDPOINT
 * ESTIMATE" (arm index from 0), which the test compares with what
 * `psorsim trial` writes to trial.json for the same file and seed.
 *
 *   example TRIAL.yaml
 */
#include <stdio.h>
#include <stdlib.h>

#include <psorsim/psorsim.h>

int main(int argc, char **argv)
{
  psorsim_ctx *ctx = NULL;
  psorsim_trial_spec *spec = NULL;
  psorsim_trial_result *result = NULL;
  psorsim_trial_options opt = {0};
  int rc;

  if (argc != 2) {
    fprintf(stderr, "usage: example TRIAL.yaml\n");
    return 2;
  }
  if (psorsim_ctx_create(&ctx) != PSORSIM_OK) return 1;
  rc = psorsim_trial_spec_load(ctx, argv[1], &spec);
  if (rc == PSORSIM_OK) {
    opt.seed_given = 1;
    opt.seed = 42;
    opt.threads = 1;
    opt.patients_per_arm = 5;
    rc = psorsim_trial_run(ctx, spec, &opt, &result);
  }
  if (rc != PSORSIM_OK) {
    fprintf(stderr, "example: %s\n", psorsim_ctx_errmsg(ctx));
  } else {
    for (size_t a = 0; a < result->n_arms; a++) {
      for (size_t e = 0; e < spec->n_endpoints; e++) {
        printf("%zu %s %.4f\n", a, spec->endpoints[e].key, result->arms[a].endpoints[e].estimate);
      }
    }
  }
  psorsim_trial_result_free(&result);
  psorsim_trial_spec_free(&spec);
  psorsim_ctx_free(&ctx);
  return rc == PSORSIM_OK ? 0 : 1;
}
