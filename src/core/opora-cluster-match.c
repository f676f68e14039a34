/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping cluster numbers and names from run to run: matching a new run to the previous one. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-assignment.h"
#include "opora-cluster-match.h"
#include "opora-db.h"
#include "opora-error.h"

static gboolean
same_profile_keys (const OporaAnalysis *a,
                   const OporaAnalysis *b)
{
  return a->profile_keys != NULL && b->profile_keys != NULL &&
         g_strv_equal ((const char * const *) a->profile_keys, (const char * const *) b->profile_keys);
}

/* Squared distance of two centroids; a coordinate missing in either (an
 * empty quadrant) does not count. */
static double
centroid_distance2 (const OporaAnalysis *a,
                    guint                i,
                    const OporaAnalysis *b,
                    guint                j)
{
  guint d = g_strv_length (a->profile_keys);
  double sum = 0;

  for (guint c = 0; c < d; c++)
    {
      double x = a->profiles[i * d + c] - b->profiles[j * d + c];
      if (!isnan (x))
        sum += x * x;
    }
  return sum;
}

/* overlap[i × k_old + j]: schools in new cluster i + 1 that were in old cluster j + 1. */
static guint *
count_overlap (const OporaAnalysis *a,
               const OporaAnalysis *previous,
               guint               *old_sizes)
{
  guint *overlap = g_new0 (guint, MAX (1, a->n_clusters * previous->n_clusters));

  for (guint i = 0; i < previous->members->len; i++)
    {
      const OporaMember *m = &g_array_index (previous->members, OporaMember, i);
      if (m->cluster > 0 && (guint) m->cluster <= previous->n_clusters)
        old_sizes[m->cluster - 1]++;
    }
  for (guint i = 0; i < a->members->len; i++)
    {
      const OporaMember *m = &g_array_index (a->members, OporaMember, i);
      const OporaMember *before = opora_analysis_find_member (previous, m->school_id);

      if (m->cluster > 0 && before != NULL && before->cluster > 0 && (guint) before->cluster <= previous->n_clusters)
        overlap[(m->cluster - 1) * previous->n_clusters + before->cluster - 1]++;
    }
  return overlap;
}

typedef struct {
  guint index;     /* the new cluster, 0-based */
  int   previous;  /* its match, 1-based, or G_MAXINT */
} Order;

static int
compare_order (gconstpointer x,
               gconstpointer y)
{
  const Order *a = x, *b = y;
  if (a->previous != b->previous)
    return a->previous < b->previous ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Renumbers the clusters: new cluster i becomes number_of[i] (1-based). */
static void
renumber (OporaAnalysis *a,
          const int     *number_of)
{
  guint d = a->profile_keys != NULL ? g_strv_length (a->profile_keys) : 0;
  g_autofree double *profiles = g_memdup2 (a->profiles, MAX (1, a->n_clusters * d) * sizeof (double));

  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *m = &g_array_index (a->members, OporaMember, i);
      if (m->cluster > 0)
        m->cluster = number_of[m->cluster - 1];
    }
  for (guint k = 0; k < a->n_clusters; k++)
    memcpy (a->profiles + (number_of[k] - 1) * d, profiles + k * d, d * sizeof (double));
}

static const OporaClusterInfo *
info_of (const OporaAnalysis *a,
         int                  cluster)
{
  if (a->clusters == NULL || cluster < 1 || (guint) cluster > a->clusters->len)
    return NULL;
  return &g_array_index (a->clusters, OporaClusterInfo, cluster - 1);
}

/* Quadrants and the regression's three groups mean the same every run. */
static gboolean
fixed_numbers (const OporaAnalysis *a)
{
  return a->params->model != OPORA_MODEL_KMEANS;
}

/**
 * opora_cluster_match:
 * @analysis: a new analysis, not stored yet
 * @previous: the run to follow (the same model)
 *
 * Matches the clusters of @analysis to those of @previous by an optimal
 * assignment of centroids (cluster profiles; by shared schools when the
 * profiles have other features) and, for k-means, renumbers them so each
 * takes the number of its match; clusters without a match take the next
 * numbers. Records for every cluster its match, the centroid shift, the
 * share of schools kept, whether it changed materially, and carries the
 * match's name over when it is pinned or the cluster did not change.
 * Quadrants and the regression's groups keep their numbers; only the
 * comparison is recorded.
 */
void
opora_cluster_match (OporaAnalysis       *a,
                     const OporaAnalysis *previous)
{
  guint k_new = a->n_clusters, k_old = previous->n_clusters;
  gboolean centroids = same_profile_keys (a, previous);
  g_autofree guint *old_sizes = g_new0 (guint, MAX (k_old, 1));
  g_autofree guint *overlap = count_overlap (a, previous, old_sizes);
  g_autofree double *cost = g_new (double, MAX (1, k_new * k_old));
  g_autofree int *match = g_new (int, MAX (k_new, 1));
  g_autofree int *number_of = g_new (int, MAX (k_new, 1));
  g_autofree Order *order = g_new (Order, MAX (k_new, 1));

  a->previous_run_id = previous->id;
  if (fixed_numbers (a))
    for (guint i = 0; i < k_new; i++)
      match[i] = i < k_old ? (int) i : OPORA_ASSIGNMENT_NONE;
  else
    {
      for (guint i = 0; i < k_new; i++)
        for (guint j = 0; j < k_old; j++)
          cost[i * k_old + j] = centroids ? centroid_distance2 (a, i, previous, j)
                                          : -(double) overlap[i * k_old + j];
      opora_assignment_solve (cost, k_new, k_old, match);
    }

  /* Matched clusters in the order of their old numbers, then the rest. */
  for (guint i = 0; i < k_new; i++)
    order[i] = (Order) { i, match[i] != OPORA_ASSIGNMENT_NONE ? match[i] + 1 : G_MAXINT };
  qsort (order, k_new, sizeof (Order), compare_order);
  for (guint n = 0; n < k_new; n++)
    number_of[order[n].index] = n + 1;
  if (!fixed_numbers (a))
    renumber (a, number_of);

  for (guint i = 0; i < k_new; i++)
    {
      OporaClusterInfo *info = &g_array_index (a->clusters, OporaClusterInfo, number_of[i] - 1);
      const OporaClusterInfo *before;
      int j = match[i];

      if (j == OPORA_ASSIGNMENT_NONE)
        continue;
      before = info_of (previous, j + 1);
      info->previous = j + 1;
      info->shift = centroids ? sqrt (centroid_distance2 (a, number_of[i] - 1, previous, j)) : NAN;
      info->kept = old_sizes[j] > 0 ? (double) overlap[i * k_old + j] / old_sizes[j] : NAN;
      /* The overlap was counted before renumbering, by the old index i. */
      info->changed = (!isnan (info->shift) && info->shift > OPORA_CLUSTER_MAX_SHIFT) ||
                      (!isnan (info->kept) && info->kept < OPORA_CLUSTER_MIN_KEPT);
      if (before != NULL && before->name != NULL && (before->pinned || !info->changed))
        {
          g_free (info->name);
          info->name = g_strdup (before->name);
          info->pinned = before->pinned;
        }
    }
}

static gint64
find_previous_run (OporaDb             *db,
                   const OporaAnalysis *a,
                   GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT id FROM analysis_run WHERE model = ?1 AND (year = ?2 OR year = ?2 - 1)"
    " ORDER BY year DESC, id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, opora_model_to_string (a->params->model), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, a->params->year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the analyses"));
      return -1;
    }
  return 0;
}

/**
 * opora_cluster_match_previous:
 * @db: a workspace
 * @analysis: a new analysis, not stored yet
 *
 * Finds the run to follow — the newest stored run of the same model and
 * year, else of the year before — and matches @analysis to it with
 * opora_cluster_match(). Without such a run nothing changes.
 *
 * Returns: %FALSE with @error set when the stored runs cannot be read
 */
gboolean
opora_cluster_match_previous (OporaDb        *db,
                              OporaAnalysis  *analysis,
                              GError        **error)
{
  g_autoptr(OporaAnalysis) previous = NULL;
  gint64 id = find_previous_run (db, analysis, error);

  if (id < 0)
    return FALSE;
  if (id == 0)
    return TRUE;
  if (!(previous = opora_analysis_load (db, id, error)))
    return FALSE;
  opora_cluster_match (analysis, previous);
  return TRUE;
}
