/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of medians, z-scores, composite indices and percentile ranks, worked by hand. */

#include <math.h>

#include "opora-composite.h"

static void
test_median (void)
{
  const double odd[] = { 3, NAN, 1, 2 };
  const double even[] = { 4, 1, 3, 2 };
  const double none[] = { NAN, NAN };

  g_assert_cmpfloat (opora_median (odd, 4), ==, 2);
  g_assert_cmpfloat (opora_median (even, 4), ==, 2.5);
  g_assert_true (isnan (opora_median (none, 2)));
  g_assert_cmpfloat (opora_mean (odd, 4), ==, 2);
  g_assert_true (isnan (opora_mean (none, 2)));
}

/* Column 1: 1, 2, 3, missing: mean 2, population SD √(2/3), z = ±1.2247…;
 * column 2 the same values, higher is worse: the signs flip;
 * column 3 constant: z = 0. */
static void
test_zscores (void)
{
  const double values[] = {
    1, 1, 5,
    2, 2, 5,
    3, 3, 5,
    NAN, NAN, 5,
  };
  const int directions[] = { +1, -1, 0 };
  double z[12];
  double k = 1 / sqrt (2.0 / 3.0);

  opora_zscores (values, 4, 3, directions, z);
  g_assert_cmpfloat_with_epsilon (z[0], -k, 1e-12);
  g_assert_cmpfloat_with_epsilon (z[3], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (z[6], k, 1e-12);
  g_assert_true (isnan (z[9]));
  g_assert_cmpfloat_with_epsilon (z[1], k, 1e-12);
  g_assert_cmpfloat_with_epsilon (z[7], -k, 1e-12);
  g_assert_true (isnan (z[10]));
  for (int r = 0; r < 4; r++)
    g_assert_cmpfloat (z[r * 3 + 2], ==, 0);
  g_assert_cmpfloat_with_epsilon (k, 1.224744871391589, 1e-12);
}

/* Weights 2, 1, 1 (total 4). School A lacks the third (¼ of the weight,
 * within 30 %): (2·1 + 1·(−1)) / 3 = ⅓. School B lacks ¾: no index.
 * With equal weights school C lacks ⅓ > 30 %: no index; D has all. */
static void
test_composite_index (void)
{
  const double z[] = {
    1, -1, NAN,
    NAN, NAN, 0.5,
    0.5, 1.5, NAN,
    0.3, 0.6, 0.9,
  };
  const double weights[] = { 2, 1, 1 };
  double weighted[4], equal[4];

  opora_composite_index (z, 4, 3, weights, OPORA_INDEX_MAX_MISSING, weighted);
  opora_composite_index (z, 4, 3, NULL, OPORA_INDEX_MAX_MISSING, equal);
  g_assert_cmpfloat_with_epsilon (weighted[0], 1.0 / 3, 1e-15);
  g_assert_true (isnan (weighted[1]));
  g_assert_cmpfloat_with_epsilon (weighted[2], (2 * 0.5 + 1.5) / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (weighted[3], (0.6 + 0.6 + 0.9) / 4, 1e-15);
  g_assert_true (isnan (equal[0]));
  g_assert_true (isnan (equal[1]));
  g_assert_true (isnan (equal[2]));
  g_assert_cmpfloat_with_epsilon (equal[3], 0.6, 1e-15);
}

/* 10, 20, 20, 30 and a missing value: below + half of equal, over 4. */
static void
test_percentiles (void)
{
  const double values[] = { 20, 10, NAN, 30, 20 };
  double p[5];

  opora_percentile_ranks (values, 5, p);
  g_assert_cmpfloat (p[0], ==, 50);
  g_assert_cmpfloat (p[1], ==, 12.5);
  g_assert_true (isnan (p[2]));
  g_assert_cmpfloat (p[3], ==, 87.5);
  g_assert_cmpfloat (p[4], ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/composite/median", test_median);
  g_test_add_func ("/composite/zscores", test_zscores);
  g_test_add_func ("/composite/index", test_composite_index);
  g_test_add_func ("/composite/percentiles", test_percentiles);
  return g_test_run ();
}
