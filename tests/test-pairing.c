/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the base-school proposals: nearest context, a clear gap in results, the load limit. */

#include <math.h>

#include "opora-pairing.h"

/* Rows, with one context column (values exact in binary):
 *   0 supported, group 1, context 0,      results −1
 *   1 supported, group 1, context 0.25,   results −0.75
 *   2 base,      group 1, context 0.125,  results 1
 *   3 base,      group 1, context 1,      results 0.875
 *   4 base,      group 2, context 0,      results 2     (another group)
 *   5 base,      group 1, context −0.25,  results −0.5  (gap 0.5 for 0: counts; 0.25 for 1: not)
 *   6 supported, group 3, context 0,      results 0     (no base school in its group)
 *   7 supported, group 1, context 0,      results NaN   (no results index: not paired) */
static const double context[] = { 0, 0.25, 0.125, 1, 0, -0.25, 0, 0 };
static const double results[] = { -1, -0.75, 1, 0.875, 2, -0.5, 0, NAN };
static const int group[] = { 1, 1, 1, 1, 2, 1, 3, 1 };
static const gboolean supported[] = { TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE };
static const gboolean base[] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };

static GArray *
propose (guint max_per_base)
{
  OporaPairingInput input = { 8, 1, context, results, group, supported, base, max_per_base, 0.5 };
  return opora_pairing_propose (&input);
}

#define PAIR(pairs, i) (&g_array_index (pairs, OporaPairing, i))

/* Distances: 0–2 0.125, 1–2 0.125, 0–5 0.25, 1–3 0.75, 0–3 1. With one
 * school per base: 0 takes 2 (the tie goes to the lower row), 1 then takes 3. */
static void
test_load_limit (void)
{
  g_autoptr(GArray) pairs = propose (1);

  g_assert_cmpuint (pairs->len, ==, 3);
  g_assert_cmpuint (PAIR (pairs, 0)->supported, ==, 0);
  g_assert_cmpuint (PAIR (pairs, 0)->base, ==, 2);
  g_assert_cmpfloat (PAIR (pairs, 0)->distance, ==, 0.125);
  g_assert_cmpfloat (PAIR (pairs, 0)->gap, ==, 2);
  g_assert_cmpuint (PAIR (pairs, 1)->supported, ==, 1);
  g_assert_cmpuint (PAIR (pairs, 1)->base, ==, 3);
  g_assert_cmpfloat (PAIR (pairs, 1)->distance, ==, 0.75);
  g_assert_cmpfloat (PAIR (pairs, 1)->gap, ==, 1.625);
  g_assert_cmpuint (PAIR (pairs, 2)->supported, ==, 6);
  g_assert_cmpuint (PAIR (pairs, 2)->base, ==, OPORA_PAIRING_NONE);
  g_assert_true (isnan (PAIR (pairs, 2)->distance));
}

/* Two per base: both share school 2. */
static void
test_shared_base (void)
{
  g_autoptr(GArray) pairs = propose (2);

  g_assert_cmpuint (PAIR (pairs, 0)->base, ==, 2);
  g_assert_cmpuint (PAIR (pairs, 1)->base, ==, 2);
  g_assert_cmpfloat (PAIR (pairs, 1)->gap, ==, 1.75);
}

/* The distance is over the columns both schools have, as an RMS. */
static void
test_distance (void)
{
  const double a[] = { 0, 1, NAN, 3 };
  const double b[] = { 3, NAN, 2, 7 };
  const double c[] = { NAN, NAN, NAN, NAN };

  g_assert_cmpfloat (opora_pairing_distance (a, b, 4), ==, sqrt ((9 + 16) / 2.0));
  g_assert_true (isinf (opora_pairing_distance (a, c, 4)));
}

/* The reference: every qualifying pair, closest first over all schools, no
 * index and no shortlist; the same tie order (distance, supported row, base row). */
typedef struct {
  double distance;
  guint  s, b;
} RefEdge;

static int
compare_ref (gconstpointer x,
             gconstpointer y)
{
  const RefEdge *a = x, *b = y;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->s != b->s)
    return a->s < b->s ? -1 : 1;
  return (a->b > b->b) - (a->b < b->b);
}

static guint *
reference_pairs (const OporaPairingInput *in)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (RefEdge));
  g_autofree guint *load = g_new0 (guint, in->n);
  guint *base_of = g_new (guint, in->n);

  for (guint s = 0; s < in->n; s++)
    {
      base_of[s] = OPORA_PAIRING_NONE;
      if (!in->supported[s] || isnan (in->results[s]) || in->group[s] == 0)
        continue;
      for (guint b = 0; b < in->n; b++)
        if (b != s && in->base[b] && in->group[b] == in->group[s] && !isnan (in->results[b]) &&
            in->results[b] - in->results[s] >= in->min_gap)
          {
            RefEdge e = { opora_pairing_distance (in->context_z + s * in->n_context,
                                                  in->context_z + b * in->n_context, in->n_context), s, b };
            if (isfinite (e.distance))
              g_array_append_val (edges, e);
          }
    }
  g_array_sort (edges, compare_ref);
  for (guint i = 0; i < edges->len; i++)
    {
      RefEdge *e = &g_array_index (edges, RefEdge, i);
      if (base_of[e->s] == OPORA_PAIRING_NONE && load[e->b] < in->max_per_base)
        {
          base_of[e->s] = e->b;
          load[e->b]++;
        }
    }
  return base_of;
}

/* On 600 random schools (3 context columns, a few missing, 4 groups) the
 * indexed search pairs exactly as the exhaustive one, with room enough for
 * every school's first choices (the shortlist of 16 then never runs dry). */
static void
test_same_as_exhaustive (void)
{
  const guint n = 600, d = 3;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree double *z = g_new (double, n * d);
  g_autofree double *res = g_new (double, n);
  g_autofree int *grp = g_new (int, n);
  g_autofree gboolean *sup = g_new (gboolean, n);
  g_autofree gboolean *bas = g_new (gboolean, n);
  g_autofree guint *expected = NULL;
  g_autoptr(GArray) pairs = NULL;
  OporaPairingInput input = { n, d, z, res, grp, sup, bas, 1000, 0.5 };
  guint paired = 0;

  for (guint i = 0; i < n; i++)
    {
      for (guint c = 0; c < d; c++)
        z[i * d + c] = g_rand_int_range (rand, 0, 50) == 0 ? NAN : g_rand_double_range (rand, -2, 2);
      res[i] = g_rand_double_range (rand, -2, 2);
      grp[i] = g_rand_int_range (rand, 1, 5);
      sup[i] = res[i] < -0.5;
      bas[i] = res[i] > 0.5;
    }
  expected = reference_pairs (&input);
  pairs = opora_pairing_propose (&input);
  for (guint i = 0; i < pairs->len; i++)
    {
      OporaPairing *p = PAIR (pairs, i);
      g_assert_cmpuint (p->base, ==, expected[p->supported]);
      paired += p->base != OPORA_PAIRING_NONE;
    }
  g_assert_cmpuint (pairs->len, >, 100);
  g_assert_cmpuint (paired, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pairing/load-limit", test_load_limit);
  g_test_add_func ("/pairing/shared-base", test_shared_base);
  g_test_add_func ("/pairing/distance", test_distance);
  g_test_add_func ("/pairing/same-as-exhaustive", test_same_as_exhaustive);
  return g_test_run ();
}
