/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the optimal assignment: worked examples and agreement with trying every permutation. */

#include <math.h>

#include "opora-assignment.h"

/* Greedy takes the 1 first and pays 1 + 100; the optimum pays 2 + 2. */
static void
test_not_greedy (void)
{
  const double cost[] = {
    1, 2,
    2, 100,
  };
  int column_of[2];

  g_assert_cmpfloat (opora_assignment_solve (cost, 2, 2, column_of), ==, 4);
  g_assert_cmpint (column_of[0], ==, 1);
  g_assert_cmpint (column_of[1], ==, 0);
}

/* Three rows, two columns: the dearest row is left over. */
static void
test_rectangular (void)
{
  const double tall[] = {
    5, 9,
    1, 7,
    8, 2,
  };
  const double wide[] = {
    5, 1, 8,
    9, 7, 2,
  };
  int rows[3], cols[2];

  g_assert_cmpfloat (opora_assignment_solve (tall, 3, 2, rows), ==, 3);
  g_assert_cmpint (rows[0], ==, OPORA_ASSIGNMENT_NONE);
  g_assert_cmpint (rows[1], ==, 0);
  g_assert_cmpint (rows[2], ==, 1);
  g_assert_cmpfloat (opora_assignment_solve (wide, 2, 3, cols), ==, 3);
  g_assert_cmpint (cols[0], ==, 1);
  g_assert_cmpint (cols[1], ==, 2);
}

static double
best_by_permutations (const double *cost,
                      guint         n,
                      guint        *perm,
                      guint         depth)
{
  double best = INFINITY;

  if (depth == n)
    {
      double total = 0;
      for (guint r = 0; r < n; r++)
        total += cost[r * n + perm[r]];
      return total;
    }
  for (guint i = depth; i < n; i++)
    {
      guint t = perm[depth];
      perm[depth] = perm[i];
      perm[i] = t;
      best = MIN (best, best_by_permutations (cost, n, perm, depth + 1));
      perm[i] = perm[depth];
      perm[depth] = t;
    }
  return best;
}

/* 200 random square problems up to 7 × 7: the least total of all permutations. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint trial = 0; trial < 200; trial++)
    {
      guint n = g_rand_int_range (rand, 1, 8);
      double cost[49];
      guint perm[7];
      int column_of[7];
      gboolean used[7] = { FALSE };
      double total;

      for (guint i = 0; i < n * n; i++)
        cost[i] = g_rand_int_range (rand, 0, 20);  /* integers: ties happen */
      for (guint i = 0; i < n; i++)
        perm[i] = i;
      total = opora_assignment_solve (cost, n, n, column_of);
      g_assert_cmpfloat (total, ==, best_by_permutations (cost, n, perm, 0));
      for (guint r = 0; r < n; r++)
        {
          g_assert_cmpint (column_of[r], >=, 0);
          g_assert_false (used[column_of[r]]);
          used[column_of[r]] = TRUE;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assignment/not-greedy", test_not_greedy);
  g_test_add_func ("/assignment/rectangular", test_rectangular);
  g_test_add_func ("/assignment/random", test_random);
  return g_test_run ();
}
