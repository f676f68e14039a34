/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of Wilson intervals (against statsmodels' proportion_confint) and the small-number rule. */

#include <math.h>

#include "opora-interval.h"

/* statsmodels.stats.proportion.proportion_confint (k, n, alpha=0.05, method='wilson'):
 * 10 of 50 → (0.11243750015776109, 0.33037105932225413)
 * 0 of 12  → (0.0, 0.24249400665524096)
 * 5 of 10  → (0.23659309051256394, 0.7634069094874361) */
static void
test_wilson (void)
{
  double low, high;

  g_assert_true (opora_wilson_interval (20, 50, OPORA_Z_95, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, 11.243750015776109, 1e-11);
  g_assert_cmpfloat_with_epsilon (high, 33.037105932225413, 1e-11);
  g_assert_true (opora_wilson_interval (0, 12, OPORA_Z_95, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, 0, 1e-11);
  g_assert_cmpfloat_with_epsilon (high, 24.249400665524096, 1e-11);
  g_assert_true (opora_wilson_interval (50, 10, OPORA_Z_95, &low, &high));
  g_assert_cmpfloat_with_epsilon (low, 23.659309051256394, 1e-11);
  g_assert_cmpfloat_with_epsilon (high, 76.34069094874361, 1e-11);

  g_assert_false (opora_wilson_interval (NAN, 10, OPORA_Z_95, &low, &high));
  g_assert_true (isnan (low) && isnan (high));
  g_assert_false (opora_wilson_interval (20, 0, OPORA_Z_95, &low, &high));
  g_assert_false (opora_wilson_interval (20, NAN, OPORA_Z_95, &low, &high));
}

/* Exactly the threshold is enough; below it is small; unknown is not small. */
static void
test_small_numbers (void)
{
  g_assert_false (opora_is_small_number (10, 10));
  g_assert_true (opora_is_small_number (9, 10));
  g_assert_true (opora_is_small_number (0, 10));
  g_assert_false (opora_is_small_number (NAN, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interval/wilson", test_wilson);
  g_test_add_func ("/interval/small-numbers", test_small_numbers);
  return g_test_run ();
}
