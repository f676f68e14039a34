/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A cluster analysis of one year: indices, quadrants or k-means, ranks, problem and base schools, pairs. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opora-analysis-private.h"
#include "opora-cluster-match.h"
#include "opora-composite.h"
#include "opora-error.h"
#include "opora-interval.h"
#include "opora-pairing.h"
#include "opora-year-matrix.h"

void
opora_analysis_free (OporaAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_free (analysis->created);
  g_clear_pointer (&analysis->params, opora_analysis_params_free);
  g_clear_pointer (&analysis->members, g_array_unref);
  g_clear_pointer (&analysis->pairs, g_ptr_array_unref);
  g_clear_pointer (&analysis->sweep, g_array_unref);
  g_strfreev (analysis->profile_keys);
  g_free (analysis->profiles);
  g_clear_pointer (&analysis->clusters, g_array_unref);
  g_clear_pointer (&analysis->regression, opora_regression_summary_free);
  g_free (analysis->rules);
  g_free (analysis);
}

void
opora_cluster_info_clear (OporaClusterInfo *info)
{
  g_clear_pointer (&info->name, g_free);
}

/**
 * opora_analysis_new_clusters:
 * @n: clusters
 *
 * Returns: (transfer full) (element-type OporaClusterInfo): @n clusters
 *   numbered 1…@n, without names or matches
 */
GArray *
opora_analysis_new_clusters (guint n)
{
  GArray *clusters = g_array_sized_new (FALSE, TRUE, sizeof (OporaClusterInfo), n);

  g_array_set_clear_func (clusters, (GDestroyNotify) opora_cluster_info_clear);
  for (guint k = 0; k < n; k++)
    {
      OporaClusterInfo info = { .cluster = k + 1, .shift = NAN, .kept = NAN };
      g_array_append_val (clusters, info);
    }
  return clusters;
}

/**
 * opora_analysis_cluster_name:
 * @analysis: an analysis
 * @cluster: a cluster number
 *
 * Returns: (nullable): the name the user gave the cluster, else a
 *   quadrant's name from seed 001 or the regression group's, else %NULL
 */
const char *
opora_analysis_cluster_name (const OporaAnalysis *analysis,
                             int                  cluster)
{
  if (analysis->clusters != NULL && cluster >= 1 && (guint) cluster <= analysis->clusters->len)
    {
      const OporaClusterInfo *info = &g_array_index (analysis->clusters, OporaClusterInfo, cluster - 1);
      if (info->name != NULL)
        return info->name;
    }
  if (analysis->params->model == OPORA_MODEL_QUADRANT && cluster >= 1 && cluster <= 4)
    return opora_quadrant_name (cluster);
  if (analysis->params->model == OPORA_MODEL_REGRESSION)
    switch (cluster)
      {
      case OPORA_REGRESSION_BELOW: return _("Clearly below what the context predicts");
      case OPORA_REGRESSION_EXPECTED: return _("As the context predicts");
      case OPORA_REGRESSION_ABOVE: return _("Clearly above what the context predicts");
      default: break;
      }
  return NULL;
}

void
opora_pair_free (OporaPair *pair)
{
  g_free (pair->reason);
  g_free (pair);
}

static double
threshold_of (OporaThreshold kind,
              double         value,
              const double  *index,
              guint          n)
{
  switch (kind)
    {
    case OPORA_THRESHOLD_MEDIAN: return opora_median (index, n);
    case OPORA_THRESHOLD_MEAN: return opora_mean (index, n);
    case OPORA_THRESHOLD_VALUE: return value;
    default: g_return_val_if_reached (NAN);
    }
}

/* Quadrants: below the context threshold is a difficult contingent, below
 * the results threshold low results; a value on a threshold counts as above. */
static void
place_quadrants (OporaAnalysis *a,
                 OporaMember   *members,
                 guint          n)
{
  g_autofree double *context = g_new (double, MAX (n, 1));
  g_autofree double *results = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      context[i] = members[i].context_index;
      results[i] = members[i].results_index;
    }
  a->context_threshold = threshold_of (a->params->threshold, a->params->context_threshold, context, n);
  a->results_threshold = threshold_of (a->params->threshold, a->params->results_threshold, results, n);
  a->n_clusters = 4;
  for (guint i = 0; i < n; i++)
    {
      OporaMember *m = &members[i];
      if (isnan (m->context_index) || isnan (m->results_index))
        {
          m->flags |= OPORA_MEMBER_LEFT_OUT;
          continue;
        }
      m->cluster = (m->context_index >= a->context_threshold ? 3 : 1) +
                   (m->results_index >= a->results_threshold ? 1 : 0);
    }
}

/* k-means features: standardized, missing values imputed with the median or the school left out. */
static double *
kmeans_points (OporaAnalysisWork        *w,
               OporaMissing missing,
               OporaMember *members,
               guint       *rows,
               guint       *n_points)
{
  g_autofree double *raw = opora_analysis_work_columns (w, w->features_at, w->n_features);
  guint d = w->n_features, m = 0;
  double *points;

  for (guint c = 0; c < d && missing == OPORA_MISSING_IMPUTE; c++)
    {
      g_autofree double *column = g_new (double, MAX (w->n, 1));
      double median;

      for (guint r = 0; r < w->n; r++)
        column[r] = raw[(gsize) r * d + c];
      median = opora_median (column, w->n);
      for (guint r = 0; r < w->n; r++)
        if (isnan (raw[(gsize) r * d + c]) && !isnan (median))
          {
            raw[(gsize) r * d + c] = median;
            members[r].flags |= OPORA_MEMBER_IMPUTED;
          }
    }
  points = g_new (double, MAX (1, (gsize) w->n * d));
  for (guint r = 0; r < w->n; r++)
    {
      gboolean complete = TRUE;
      for (guint c = 0; c < d; c++)
        complete &= !isnan (raw[(gsize) r * d + c]);
      if (!complete)
        {
          members[r].flags |= OPORA_MEMBER_LEFT_OUT;
          members[r].flags &= ~OPORA_MEMBER_IMPUTED;
          continue;
        }
      memcpy (raw + (gsize) m * d, raw + (gsize) r * d, d * sizeof (double));
      rows[m++] = r;
    }
  opora_zscores (raw, m, d, NULL, points);
  *n_points = m;
  return points;
}

static gboolean
place_kmeans (OporaAnalysis *a,
              OporaAnalysisWork *w,
              OporaMember   *members,
              GCancellable  *cancellable,
              GError       **error)
{
  const OporaAnalysisParams *p = a->params;
  g_autofree guint *rows = g_new (guint, MAX (w->n, 1));
  g_autofree double *points = NULL;
  g_autoptr(GPtrArray) sweep = NULL;
  g_autoptr(OporaKmeansFit) own_fit = NULL;
  OporaKmeansFit *fit = NULL;
  guint n, k_max, d = w->n_features;

  points = kmeans_points (w, p->missing, members, rows, &n);
  k_max = MIN (p->k_max, n > 0 ? n - 1 : 0);
  if (n < 3 || (p->k == 0 && k_max < p->k_min))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("Only %u schools have the features for %d; k-means needs more."), n, p->year);
      return FALSE;
    }
  if (p->k > n)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("%u clusters were asked for, but only %u schools have the features."), p->k, n);
      return FALSE;
    }
  if (k_max >= p->k_min &&
      !(sweep = opora_kmeans_sweep (points, n, d, p->k_min, k_max, p->seed, p->restarts, cancellable, error)))
    return FALSE;

  a->silhouette = NAN;
  for (guint i = 0; sweep != NULL && i < sweep->len; i++)
    {
      OporaKmeansSweepRow *row = sweep->pdata[i];
      OporaSweepPoint point = { row->k, row->silhouette, row->fit->inertia };

      g_array_append_val (a->sweep, point);
      if (p->k == row->k || (p->k == 0 && (fit == NULL || row->silhouette > a->silhouette)))
        {
          fit = row->fit;
          a->silhouette = row->silhouette;
        }
    }
  if (fit == NULL)
    {
      if (!(own_fit = opora_kmeans_fit (points, n, d, p->k, p->seed, p->restarts, error)))
        return FALSE;
      fit = own_fit;
    }

  a->n_clusters = fit->k;
  a->profile_keys = g_new0 (char *, d + 1);
  for (guint c = 0; c < d; c++)
    a->profile_keys[c] = g_strdup (((OporaAnalysisFeature *) p->features->pdata[c])->key);
  a->profiles = g_new0 (double, MAX (1, fit->k * d));
  {
    g_autofree guint *sizes = g_new0 (guint, fit->k);
    for (guint i = 0; i < n; i++)
      {
        members[rows[i]].cluster = fit->labels[i] + 1;
        sizes[fit->labels[i]]++;
        for (guint c = 0; c < d; c++)
          a->profiles[fit->labels[i] * d + c] += points[(gsize) i * d + c];
      }
    for (guint k = 0; k < fit->k; k++)
      for (guint c = 0; c < d; c++)
        a->profiles[k * d + c] /= MAX (sizes[k], 1);
  }
  return TRUE;
}

/* Quadrant profiles: the mean context and results index of each quadrant. */
static void
quadrant_profiles (OporaAnalysis     *a,
                   const OporaMember *members,
                   guint              n)
{
  guint sizes[4] = { 0 };

  a->profile_keys = g_new0 (char *, 3);
  a->profile_keys[0] = g_strdup ("context_index");
  a->profile_keys[1] = g_strdup ("results_index");
  a->profiles = g_new0 (double, 8);
  for (guint i = 0; i < n; i++)
    if (members[i].cluster > 0)
      {
        int q = members[i].cluster - 1;
        a->profiles[q * 2] += members[i].context_index;
        a->profiles[q * 2 + 1] += members[i].results_index;
        sizes[q]++;
      }
  for (guint q = 0; q < 4; q++)
    for (guint c = 0; c < 2; c++)
      a->profiles[q * 2 + c] = sizes[q] > 0 ? a->profiles[q * 2 + c] / sizes[q] : NAN;
}

static int
compare_in_cluster (const void *x,
                    const void *y,
                    gpointer    data)
{
  const OporaMember *members = data;
  const OporaMember *a = &members[*(const guint *) x], *b = &members[*(const guint *) y];

  if (a->cluster != b->cluster)
    return a->cluster < b->cluster ? -1 : 1;
  if (a->results_index != b->results_index)
    return a->results_index > b->results_index ? -1 : 1;
  return a->school_id < b->school_id ? -1 : 1;
}

/* Ranks within each cluster by the results index, highest first. k-means:
 * the bottom and top shares are problem and base schools; quadrants: the
 * low-result quadrants (1, 3) are problem schools, the high ones (2, 4) base. */
static void
rank_members (OporaAnalysis *a,
              OporaMember   *members,
              guint          n)
{
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (members[i].cluster > 0 && !isnan (members[i].results_index))
      order[m++] = i;
  g_qsort_with_data (order, m, sizeof (guint), compare_in_cluster, members);
  for (guint start = 0; start < m;)
    {
      guint end = start, size, n_problem, n_base;
      int cluster = members[order[start]].cluster;

      while (end < m && members[order[end]].cluster == cluster)
        end++;
      size = end - start;
      n_problem = size >= 2 ? (guint) ceil (a->params->problem_share * size - 1e-9) : 0;
      n_base = size >= 2 ? (guint) ceil (a->params->base_share * size - 1e-9) : 0;
      n_base = MIN (n_base, size - n_problem);
      for (guint i = start; i < end; i++)
        {
          OporaMember *member = &members[order[i]];
          member->rank = i - start + 1;
          member->cluster_size = size;
          if (a->params->model == OPORA_MODEL_QUADRANT)
            member->flags |= member->cluster % 2 ? OPORA_MEMBER_PROBLEM : OPORA_MEMBER_BASE;
          else if (a->params->model == OPORA_MODEL_REGRESSION)
            member->flags |= member->cluster == OPORA_REGRESSION_BELOW ? OPORA_MEMBER_PROBLEM
                           : member->cluster == OPORA_REGRESSION_ABOVE ? OPORA_MEMBER_BASE : 0;
          else if (member->rank > size - n_problem)
            member->flags |= OPORA_MEMBER_PROBLEM;
          else if (member->rank <= n_base)
            member->flags |= OPORA_MEMBER_BASE;
        }
      start = end;
    }
}

static char *
pair_reason (const OporaAnalysis *a,
             const OporaMember   *supported,
             const OporaPairing  *p)
{
  g_autofree char *where = a->params->model == OPORA_MODEL_QUADRANT
    ? g_strdup_printf (_("quadrant %d → %d"), supported->cluster, supported->cluster + 1)
    : a->params->model == OPORA_MODEL_REGRESSION
    ? g_strdup (_("a school clearly above what its context predicts"))
    : g_strdup_printf (_("the same cluster %d"), supported->cluster);

  if (p->base == OPORA_PAIRING_NONE)
    return g_strdup_printf (_("No base school of a similar contingent has a results index at least %.2f higher (%s)."),
                            a->params->min_gap, where);
  return g_strdup_printf (_("Similar contingent (context distance %.2f), results index higher by %.2f; %s."),
                          p->distance, p->gap, where);
}

static void
propose_pairs (OporaAnalysis *a,
               OporaAnalysisWork *w,
               OporaMember   *members)
{
  g_autofree int *group = g_new0 (int, MAX (w->n, 1));
  g_autofree gboolean *supported = g_new0 (gboolean, MAX (w->n, 1));
  g_autofree gboolean *base = g_new0 (gboolean, MAX (w->n, 1));
  g_autofree double *results = g_new (double, MAX (w->n, 1));
  g_autoptr(GArray) pairings = NULL;
  OporaPairingInput input = {
    w->n, w->n_context, w->context_z, results, group, supported, base,
    a->params->max_per_base, a->params->min_gap,
  };

  for (guint i = 0; i < w->n; i++)
    {
      int c = members[i].cluster;
      group[i] = a->params->model == OPORA_MODEL_QUADRANT ? (c + 1) / 2
               : a->params->model == OPORA_MODEL_REGRESSION ? (c > 0) : c;
      supported[i] = (members[i].flags & OPORA_MEMBER_PROBLEM) != 0;
      base[i] = (members[i].flags & OPORA_MEMBER_BASE) != 0;
      results[i] = members[i].results_index;
    }
  pairings = opora_pairing_propose (&input);
  for (guint i = 0; i < pairings->len; i++)
    {
      OporaPairing *p = &g_array_index (pairings, OporaPairing, i);
      OporaPair *pair = g_new0 (OporaPair, 1);

      pair->supported_id = members[p->supported].school_id;
      pair->base_id = p->base != OPORA_PAIRING_NONE ? members[p->base].school_id : 0;
      pair->distance = p->distance;
      pair->gap = p->gap;
      pair->status = OPORA_PAIR_PROPOSED;
      pair->reason = pair_reason (a, &members[p->supported], p);
      g_ptr_array_add (a->pairs, pair);
    }
}

/**
 * opora_analysis_run:
 * @db: a workspace
 * @params: what to compute
 * @cancellable: (nullable): stops the k-means sweep
 *
 * Computes the context and results indices of every school for the year,
 * places the schools in quadrants or k-means clusters, ranks them within
 * their cluster, flags problem and base schools and proposes pairs. The
 * ВПР results of schools on Rosobrnadzor's list are left out. Nothing is
 * stored: see opora_analysis_save(). The same input gives the same output.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error set
 */
OporaAnalysis *
opora_analysis_run (OporaDb                   *db,
                    const OporaAnalysisParams *params,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  g_auto(OporaYearIndices) y = { 0 };
  g_autoptr(OporaAnalysis) a = g_new0 (OporaAnalysis, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  OporaMember *members;
  guint n;

  a->params = opora_analysis_params_copy (params);
  a->created = g_date_time_format_iso8601 (now);
  a->members = g_array_new (FALSE, TRUE, sizeof (OporaMember));
  a->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_pair_free);
  a->sweep = g_array_new (FALSE, FALSE, sizeof (OporaSweepPoint));
  a->silhouette = NAN;
  a->context_threshold = a->results_threshold = NAN;
  if (!opora_year_indices_compute (db, params, params->year, &y, error))
    return NULL;

  n = y.w.n;
  g_array_set_size (a->members, n);
  members = (OporaMember *) a->members->data;
  for (guint r = 0; r < n; r++)
    members[r] = (OporaMember) {
      .school_id = y.w.m->school_ids[r],
      .context_index = y.context_index[r], .results_index = y.results_index[r],
      .context_percentile = y.context_percentile[r], .results_percentile = y.results_percentile[r],
      .flags = y.flags[r],
      .predicted = NAN, .residual = NAN, .residual_se = NAN,
    };
  /* Past here only k-means reads the values (its features). A nation's matrix is
   * tens of megabytes, and the regression reads two more years beside it. */
  if (params->model != OPORA_MODEL_KMEANS)
    g_clear_pointer (&y.w.m, opora_year_matrix_free);

  switch (params->model)
    {
    case OPORA_MODEL_QUADRANT:
      place_quadrants (a, members, n);
      quadrant_profiles (a, members, n);
      break;
    case OPORA_MODEL_KMEANS:
      if (!place_kmeans (a, &y.w, members, cancellable, error))
        return NULL;
      break;
    case OPORA_MODEL_REGRESSION:
      if (!opora_analysis_place_regression (db, a, &y, cancellable, error))
        return NULL;
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  a->clusters = opora_analysis_new_clusters (a->n_clusters);
  if (!opora_cluster_match_previous (db, a, error))
    return NULL;
  rank_members (a, members, n);
  propose_pairs (a, &y.w, members);
  return g_steal_pointer (&a);
}

static int
compare_member_id (const void *key,
                   const void *element)
{
  gint64 id = *(const gint64 *) key, other = ((const OporaMember *) element)->school_id;
  return (id > other) - (id < other);
}

/**
 * opora_analysis_find_member:
 * @analysis: an analysis
 * @school_id: a school
 *
 * Returns: (nullable): the school's place, or %NULL when it was not analysed
 */
const OporaMember *
opora_analysis_find_member (const OporaAnalysis *analysis,
                            gint64               school_id)
{
  return bsearch (&school_id, analysis->members->data, analysis->members->len,
                  sizeof (OporaMember), compare_member_id);
}

static int
compare_pair_id (const void *key,
                 const void *element)
{
  gint64 id = *(const gint64 *) key, other = (*(OporaPair * const *) element)->supported_id;
  return (id > other) - (id < other);
}

/**
 * opora_analysis_find_pair:
 * @analysis: an analysis
 * @supported_id: a problem school
 *
 * Returns: (nullable): the pair proposed for the school, or %NULL
 */
const OporaPair *
opora_analysis_find_pair (const OporaAnalysis *analysis,
                          gint64               supported_id)
{
  OporaPair **found = bsearch (&supported_id, analysis->pairs->pdata, analysis->pairs->len,
                               sizeof (OporaPair *), compare_pair_id);
  return found != NULL ? *found : NULL;
}

void
opora_transitions_free (OporaTransitions *transitions)
{
  if (transitions == NULL)
    return;
  g_free (transitions->counts);
  g_clear_pointer (&transitions->falling_out, g_array_unref);
  g_clear_pointer (&transitions->entering, g_array_unref);
  g_free (transitions);
}

/**
 * opora_transitions_compute:
 * @from: the earlier analysis
 * @to: the later one, with the same number of clusters
 *
 * Counts the schools moving between clusters from one analysis to the
 * other (row and column 0: not placed), and for quadrants lists those
 * falling out (2 → 1, 4 → 3) and entering (3 → 4), by school id.
 *
 * Returns: (transfer full): the moves
 */
OporaTransitions *
opora_transitions_compute (const OporaAnalysis *from,
                           const OporaAnalysis *to)
{
  OporaTransitions *t = g_new0 (OporaTransitions, 1);
  guint side;

  g_return_val_if_fail (from->n_clusters == to->n_clusters, t);
  t->n_clusters = to->n_clusters;
  side = t->n_clusters + 1;
  t->counts = g_new0 (guint, side * side);
  t->falling_out = g_array_new (FALSE, FALSE, sizeof (gint64));
  t->entering = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < to->members->len; i++)
    {
      const OporaMember *now = &g_array_index (to->members, OporaMember, i);
      const OporaMember *before = opora_analysis_find_member (from, now->school_id);
      int a = before != NULL ? before->cluster : 0, b = now->cluster;

      t->counts[a * side + b]++;
      if (to->params->model != OPORA_MODEL_QUADRANT || from->params->model != OPORA_MODEL_QUADRANT)
        continue;
      if ((a == 2 && b == 1) || (a == 4 && b == 3))
        g_array_append_val (t->falling_out, now->school_id);
      else if (a == 3 && b == 4)
        g_array_append_val (t->entering, now->school_id);
    }
  return t;
}
