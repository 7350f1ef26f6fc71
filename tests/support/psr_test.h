/* tests/support/psr_test.h
 *
 * What every cmocka test file of psorsim includes: cmocka itself (with the
 * headers it needs first) and float comparisons with a stated tolerance.
 */
#ifndef PSR_TEST_H
#define PSR_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <psorsim/psorsim.h>

/* Fail unless |actual - expected| <= rel * |expected| (+ abs_floor). Prints both values. */
void psr_assert_close_impl(double actual, double expected, double rel, double abs_floor,
                           const char *what, const char *file, int line);

#define psr_assert_rel(actual, expected, rel)                                                      \
  psr_assert_close_impl((actual), (expected), (rel), 0.0, #actual, __FILE__, __LINE__)
#define psr_assert_close(actual, expected, rel, abs_floor)                                         \
  psr_assert_close_impl((actual), (expected), (rel), (abs_floor), #actual, __FILE__, __LINE__)

/* A context for a test; fails the test if it cannot be created. */
psorsim_ctx *psr_test_ctx(void);

#endif /* PSR_TEST_H */
