/* tests/support/psr_test.c
 *
 * Float comparison and fixtures shared by the tests.
 */
#include <math.h>
#include <stdio.h>

#include "psr_test.h"

void psr_assert_close_impl(double actual, double expected, double rel, double abs_floor,
                           const char *what, const char *file, int line)
{
  double tol = rel * fabs(expected) + abs_floor;
  if (!(fabs(actual - expected) <= tol)) {
    print_error("%s = %.12g, expected %.12g (tolerance %.3g, relative error %.3g)\n", what, actual,
                expected, tol, expected != 0 ? fabs(actual - expected) / fabs(expected) : NAN);
    _fail(file, line);
  }
}

psorsim_ctx *psr_test_ctx(void)
{
  psorsim_ctx *ctx = NULL;
  assert_int_equal(psorsim_ctx_create(&ctx), PSORSIM_OK);
  assert_non_null(ctx);
  return ctx;
}
