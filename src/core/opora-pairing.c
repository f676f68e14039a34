/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proposing base schools for problem schools: similar context, clearly higher results, limited load. */

#include <math.h>
#include <stdlib.h>

#include "opora-pairing.h"

/* Each supported school's nearest candidates considered in the first, global round. */
#define NEAREST 16

typedef struct {
  double distance;
  guint  supported;
  guint  base;
} Edge;

/**
 * opora_pairing_distance:
 * @a: (array length=n): one school's context z-scores, NaN for missing
 * @b: (array length=n): another's
 * @n: columns
 *
 * Returns: the root mean square difference over the columns both schools
 *   have, or +∞ when they share none
 */
double
opora_pairing_distance (const double *a,
                        const double *b,
                        guint         n)
{
  double sum = 0;
  guint m = 0;

  for (guint c = 0; c < n; c++)
    if (!isnan (a[c]) && !isnan (b[c]))
      {
        sum += (a[c] - b[c]) * (a[c] - b[c]);
        m++;
      }
  return m > 0 ? sqrt (sum / m) : INFINITY;
}

static int
compare_edges (const void *x,
               const void *y)
{
  const Edge *a = x, *b = y;

  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->supported != b->supported)
    return a->supported < b->supported ? -1 : 1;
  return (a->base > b->base) - (a->base < b->base);
}

static gboolean
qualifies (const OporaPairingInput *in,
           guint                    s,
           guint                    b)
{
  return b != s && in->base[b] && in->group[b] == in->group[s] && !isnan (in->results[b]) &&
         in->results[b] - in->results[s] >= in->min_gap;
}

static double
distance_of (const OporaPairingInput *in,
             guint                    s,
             guint                    b)
{
  return opora_pairing_distance (in->context_z + (gsize) s * in->n_context,
                                 in->context_z + (gsize) b * in->n_context, in->n_context);
}

/* Keeps the NEAREST smallest edges of one school in @best (sorted), by insertion. */
static guint
keep_nearest (Edge  *best,
              guint  count,
              Edge   edge)
{
  guint at;

  if (count == NEAREST && compare_edges (&edge, &best[NEAREST - 1]) >= 0)
    return count;
  if (count < NEAREST)
    count++;
  for (at = count - 1; at > 0 && compare_edges (&edge, &best[at - 1]) < 0; at--)
    best[at] = best[at - 1];
  best[at] = edge;
  return count;
}

static void
assign (GArray *pairs,
        guint  *pair_of,
        guint  *load,
        const OporaPairingInput *in,
        const Edge *edge)
{
  OporaPairing *p = &g_array_index (pairs, OporaPairing, pair_of[edge->supported]);

  p->base = edge->base;
  p->distance = edge->distance;
  p->gap = in->results[edge->base] - in->results[edge->supported];
  load[edge->base]++;
}

/* The bases of one group with all context columns, by the mean of their
 * z-scores. For two complete rows the RMS distance is at least the gap of
 * their means (Cauchy–Schwarz), so a search outward from a school's mean
 * can stop once that gap passes the farthest of its nearest candidates. */
typedef struct {
  GArray *sorted;      /* guint rows of complete bases, by mean */
  GArray *incomplete;  /* guint rows of bases missing a column: always checked */
} GroupIndex;

static void
group_index_free (GroupIndex *index)
{
  g_array_unref (index->sorted);
  g_array_unref (index->incomplete);
  g_free (index);
}

static int
compare_by_mean (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const double *mean = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (mean[x] != mean[y])
    return mean[x] < mean[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static GHashTable *
index_bases (const OporaPairingInput *in,
             const double            *mean)
{
  GHashTable *groups = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                              (GDestroyNotify) group_index_free);
  GHashTableIter iter;
  GroupIndex *index;

  for (guint b = 0; b < in->n; b++)
    {
      if (!in->base[b] || isnan (in->results[b]) || in->group[b] == 0)
        continue;
      if (!(index = g_hash_table_lookup (groups, GINT_TO_POINTER (in->group[b]))))
        {
          index = g_new (GroupIndex, 1);
          index->sorted = g_array_new (FALSE, FALSE, sizeof (guint));
          index->incomplete = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, GINT_TO_POINTER (in->group[b]), index);
        }
      g_array_append_val (isnan (mean[b]) ? index->incomplete : index->sorted, b);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &index))
    g_array_sort_with_data (index->sorted, compare_by_mean, (gpointer) mean);
  return groups;
}

/* Offers base @b to school @s's list of nearest candidates. */
static guint
consider (const OporaPairingInput *in,
          guint                    s,
          guint                    b,
          Edge                    *best,
          guint                    count)
{
  if (qualifies (in, s, b))
    {
      Edge edge = { distance_of (in, s, b), s, b };
      if (isfinite (edge.distance))
        count = keep_nearest (best, count, edge);
    }
  return count;
}

/* The NEAREST nearest qualifying bases of @s, sorted, into @best. */
static guint
nearest_bases (const OporaPairingInput *in,
               const double            *mean,
               GroupIndex              *index,
               guint                    s,
               Edge                    *best)
{
  guint count = 0;
  guint n = index->sorted->len;
  const guint *rows = (const guint *) index->sorted->data;
  gsize lo = 0, hi = n;

  for (guint i = 0; i < index->incomplete->len; i++)
    count = consider (in, s, g_array_index (index->incomplete, guint, i), best, count);
  if (isnan (mean[s]))
    {
      for (guint i = 0; i < n; i++)
        count = consider (in, s, rows[i], best, count);
      return count;
    }
  /* Outward from the first base whose mean is not below the school's. */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (mean[rows[mid]] < mean[s])
        lo = mid + 1;
      else
        hi = mid;
    }
  for (gsize left = lo, right = lo; left > 0 || right < n;)
    {
      double gap_left = left > 0 ? mean[s] - mean[rows[left - 1]] : INFINITY;
      double gap_right = right < n ? mean[rows[right]] - mean[s] : INFINITY;
      double gap = MIN (gap_left, gap_right);

      if (count == NEAREST && gap > best[NEAREST - 1].distance)
        break;
      if (gap_left <= gap_right)
        count = consider (in, s, rows[--left], best, count);
      else
        count = consider (in, s, rows[right++], best, count);
    }
  return count;
}

/**
 * opora_pairing_propose:
 * @input: the schools
 *
 * Proposes one base school for each supported school with a results index:
 * a base school of the same group whose results index is at least
 * @input->min_gap higher, nearest in the context z-scores, each base school
 * taking at most @input->max_per_base schools. Deterministic and greedy:
 * the closest pairs over all schools are made first (among each school's
 * 16 nearest candidates), then every school left without a base gets the
 * nearest one that still has room. Ties go to the lower row.
 *
 * Returns: (transfer full) (element-type OporaPairing): one entry per
 *   supported school with a results index, in row order; base is
 *   %OPORA_PAIRING_NONE when none qualifies
 */
GArray *
opora_pairing_propose (const OporaPairingInput *in)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (OporaPairing));
  g_autofree guint *pair_of = g_new0 (guint, MAX (in->n, 1));
  g_autofree guint *load = g_new0 (guint, MAX (in->n, 1));
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autofree double *mean = g_new (double, MAX (in->n, 1));
  g_autoptr(GHashTable) groups = NULL;
  Edge best[NEAREST];

  /* Each row's mean context z-score; NaN when a column is missing. */
  for (guint r = 0; r < in->n; r++)
    {
      double sum = 0;
      for (guint c = 0; c < in->n_context; c++)
        sum += in->context_z[(gsize) r * in->n_context + c];
      mean[r] = in->n_context > 0 ? sum / in->n_context : NAN;
    }
  groups = index_bases (in, mean);

  for (guint s = 0; s < in->n; s++)
    {
      OporaPairing p = { s, OPORA_PAIRING_NONE, NAN, NAN };
      GroupIndex *index;

      if (!in->supported[s] || isnan (in->results[s]) || in->group[s] == 0)
        continue;
      pair_of[s] = pairs->len;
      g_array_append_val (pairs, p);
      if ((index = g_hash_table_lookup (groups, GINT_TO_POINTER (in->group[s]))))
        g_array_append_vals (edges, best, nearest_bases (in, mean, index, s, best));
    }

  g_array_sort (edges, compare_edges);
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = &g_array_index (edges, Edge, i);
      OporaPairing *p = &g_array_index (pairs, OporaPairing, pair_of[edge->supported]);
      if (p->base == OPORA_PAIRING_NONE && load[edge->base] < in->max_per_base)
        assign (pairs, pair_of, load, in, edge);
    }

  /* Second round: the schools whose nearest candidates all filled up. */
  for (guint i = 0; i < pairs->len; i++)
    {
      OporaPairing *p = &g_array_index (pairs, OporaPairing, i);
      Edge nearest = { INFINITY, p->supported, OPORA_PAIRING_NONE };

      if (p->base != OPORA_PAIRING_NONE)
        continue;
      for (guint b = 0; b < in->n; b++)
        if (load[b] < in->max_per_base && qualifies (in, p->supported, b))
          {
            Edge edge = { distance_of (in, p->supported, b), p->supported, b };
            if (isfinite (edge.distance) && compare_edges (&edge, &nearest) < 0)
              nearest = edge;
          }
      if (nearest.base != OPORA_PAIRING_NONE)
        assign (pairs, pair_of, load, in, &nearest);
    }
  return pairs;
}
