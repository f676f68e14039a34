/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the analysis: one year's values split by role, and each school's indices. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "opora-analysis-private.h"
#include "opora-composite.h"
#include "opora-error.h"
#include "opora-interval.h"

typedef OporaAnalysisWork Work;

static void
work_clear (Work *w)
{
  g_clear_pointer (&w->m, opora_year_matrix_free);
  g_clear_pointer (&w->context_z, g_free);
  g_clear_pointer (&w->participants, g_free);
  g_clear_pointer (&w->pooled, g_free);
}

static void
add_keys (GPtrArray *keys,
          GPtrArray *features)
{
  for (guint i = 0; i < features->len; i++)
    g_ptr_array_add (keys, ((OporaAnalysisFeature *) features->pdata[i])->key);
}

static double
cell (const Work *w,
      guint       row,
      guint       column)
{
  return w->m->values[(gsize) row * w->n_cols + column];
}

/* Copies the columns [at, at + count) of the matrix into a dense block. */
double *
opora_analysis_work_columns (const Work *w,
         guint       at,
         guint       count)
{
  double *block = g_new (double, MAX (1, (gsize) w->n * count));

  for (guint r = 0; r < w->n; r++)
    for (guint c = 0; c < count; c++)
      block[(gsize) r * count + c] = cell (w, r, at + c);
  return block;
}

static void
feature_arrays (GPtrArray  *features,
                GPtrArray  *indicators,
                guint       at,
                int       **directions,
                double    **weights)
{
  *directions = g_new (int, MAX (1, features->len));
  *weights = g_new (double, MAX (1, features->len));
  for (guint i = 0; i < features->len; i++)
    {
      (*directions)[i] = ((OporaIndicator *) indicators->pdata[at + i])->direction;
      (*weights)[i] = ((OporaAnalysisFeature *) features->pdata[i])->weight;
    }
}

static gboolean
is_vpr (const OporaIndicator *indicator)
{
  return g_strcmp0 (indicator->procedure, "vpr") == 0 && indicator->unit != OPORA_UNIT_FLAG;
}

/* Puts the signed z-scores of the matrix's @column in column @c of @z (n × @stride),
 * a column at a time: the values of a role copied whole would be as big as @z.
 * Returns whether some school has a value. */
static gboolean
zscores_of_column (const Work *w,
                   guint       column,
                   int         direction,
                   double     *z,
                   guint       stride,
                   guint       c)
{
  g_autofree double *values = opora_analysis_work_columns (w, column, 1);
  g_autofree double *standard = g_new (double, MAX (1, w->n));
  gboolean any = FALSE;

  opora_zscores (values, w->n, 1, &direction, standard);
  for (guint r = 0; r < w->n; r++)
    {
      z[(gsize) r * stride + c] = standard[r];
      any |= !isnan (values[r]);
    }
  return any;
}

/* The signed z-scores, the index and its percentile of one role. A school
 * whose ВПР results are left out gets its index from the other indicators,
 * as if the ВПР ones were not chosen, so the left-out data do not count as
 * missing. */
static double *
index_of (Work        *w,
          GPtrArray   *features,
          guint        at,
          guint        count,
          const guint *flags,
          double      *index,
          double      *percentile)
{
  g_autofree int *directions = NULL;
  g_autofree double *weights = NULL;
  g_autofree double *objective = NULL;
  double *z = g_new (double, MAX (1, (gsize) w->n * count));
  gboolean has_vpr = FALSE;

  feature_arrays (features, w->m->indicators, at, &directions, &weights);
  /* An indicator no school has this year is not chosen, not missing. */
  for (guint c = 0; c < count; c++)
    if (!zscores_of_column (w, at + c, directions[c], z, count, c))
      weights[c] = 0;
  opora_composite_index (z, w->n, count, weights, OPORA_INDEX_MAX_MISSING, index);

  objective = g_memdup2 (weights, MAX (1, count) * sizeof (double));
  for (guint c = 0; c < count; c++)
    if (is_vpr (w->m->indicators->pdata[at + c]))
      {
        objective[c] = 0;
        has_vpr = TRUE;
      }
  for (guint r = 0; r < w->n && has_vpr; r++)
    if (flags[r] & OPORA_MEMBER_NONOBJECTIVE)
      opora_composite_index (z + (gsize) r * count, 1, count, objective, OPORA_INDEX_MAX_MISSING, &index[r]);
  opora_percentile_ranks (index, w->n, percentile);
  return z;
}

/* The objectivity principle: the ВПР results of listed schools are left out. */
static void
leave_out_nonobjective (Work    *w,
                        guint   *flags)
{
  for (guint r = 0; r < w->n; r++)
    {
      if (!(cell (w, r, w->flag_at) >= 0.5))
        continue;
      flags[r] |= OPORA_MEMBER_NONOBJECTIVE;
      for (guint c = 0; c < w->n_cols; c++)
        if (is_vpr (w->m->indicators->pdata[c]))
          w->m->values[(gsize) r * w->n_cols + c] = NAN;
    }
}

/* Whether some result of row @r rests on too few participants. */
static gboolean
row_is_small (const Work                *w,
              const OporaAnalysisParams *p,
              guint                      r)
{
  for (guint c = 0; c < w->n_results; c++)
    if (w->participants[c] >= 0 && !isnan (cell (w, r, w->results_at + c)) &&
        opora_is_small_number (cell (w, r, w->participants[c]), p->min_participants))
      return TRUE;
  return FALSE;
}

/* The column of @key among @keys from @from on, or −1. */
static int
column_of_key (GPtrArray  *keys,
               guint       from,
               const char *key)
{
  for (guint i = from; i < keys->len; i++)
    if (g_str_equal (keys->pdata[i], key))
      return i;
  return -1;
}

/* A school whose results rest on too few participants this year takes the
 * mean of its results over the last three years instead (participants
 * summed), the usual remedy for small numbers; the row is marked. */
static gboolean
pool_small_schools (OporaDb                   *db,
                    const OporaAnalysisParams *p,
                    Work                      *w,
                    const char * const        *keys,
                    const OporaCombine        *combine,
                    GError                   **error)
{
  g_autoptr(OporaYearMatrix) pooled = NULL;
  g_autoptr(GPtrArray) pool_keys = g_ptr_array_new ();
  g_autoptr(GArray) pool_combine = g_array_new (FALSE, FALSE, sizeof (OporaCombine));
  g_autofree int *pool_participants = g_new (int, MAX (1, w->n_results));
  guint n_pool;

  w->pooled = g_new0 (gboolean, MAX (w->n, 1));
  for (guint r = 0; r < w->n; r++)
    w->pooled[r] = row_is_small (w, p, r);
  /* Only the results and their participants are pooled (the context is this
   * year's), so only their columns are read: the results first, then the
   * participants of those that have them. */
  for (guint c = 0; c < w->n_results; c++)
    {
      g_ptr_array_add (pool_keys, (gpointer) keys[w->results_at + c]);
      g_array_append_val (pool_combine, combine[w->results_at + c]);
    }
  for (guint c = 0; c < w->n_results; c++)
    {
      pool_participants[c] = w->participants[c] >= 0 ? column_of_key (pool_keys, w->n_results, keys[w->participants[c]]) : -1;
      if (w->participants[c] >= 0 && pool_participants[c] < 0)
        {
          pool_participants[c] = pool_keys->len;
          g_ptr_array_add (pool_keys, (gpointer) keys[w->participants[c]]);
          g_array_append_val (pool_combine, combine[w->participants[c]]);
        }
    }
  n_pool = pool_keys->len;
  g_ptr_array_add (pool_keys, NULL);
  if (!(pooled = opora_year_matrix_load_years (db, p->year, OPORA_POOL_YEARS, (const char * const *) pool_keys->pdata,
                                               (const OporaCombine *) pool_combine->data, error)))
    return FALSE;
  /* Both list the same schools in the same order. */
  for (guint r = 0; r < w->n; r++)
    for (guint c = 0; w->pooled[r] && c < w->n_results; c++)
      {
        gsize row = (gsize) r * w->n_cols, pool_row = (gsize) r * n_pool;
        w->m->values[row + w->results_at + c] = pooled->values[pool_row + c];
        if (w->participants[c] >= 0)
          w->m->values[row + w->participants[c]] = pooled->values[pool_row + pool_participants[c]];
      }
  return TRUE;
}

static gboolean
load_work (OporaDb                   *db,
           const OporaAnalysisParams *p,
           Work                      *w,
           GError                   **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) catalogue = NULL;
  g_autoptr(GArray) combine = g_array_new (FALSE, FALSE, sizeof (OporaCombine));
  OporaCombine mean = OPORA_COMBINE_MEAN, sum = OPORA_COMBINE_SUM, max = OPORA_COMBINE_MAX;
  guint first_participants;

  if (p->context->len == 0 || p->results->len == 0 ||
      (p->model == OPORA_MODEL_KMEANS && p->features->len == 0))
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("Choose at least one indicator for the context index, the results index and, for k-means, the features."));
      return FALSE;
    }
  if (!(catalogue = opora_indicator_list (db, error)))
    return FALSE;
  add_keys (keys, p->context);
  add_keys (keys, p->results);
  if (p->model == OPORA_MODEL_KMEANS)
    add_keys (keys, p->features);
  for (guint i = 0; i < keys->len; i++)
    g_array_append_val (combine, mean);
  g_ptr_array_add (keys, (gpointer) "vpr_nonobjective");
  g_array_append_val (combine, max);
  first_participants = keys->len;

  /* The participants each result rests on, summed over the basis years. Results
   * of one procedure share theirs (the three marks of a ВПР work): one column each,
   * as a nation's matrix has 40,000 rows. They are only read, and pooled alike. */
  w->participants = g_new (int, MAX (1, p->results->len));
  for (guint i = 0; i < p->results->len; i++)
    {
      OporaIndicator *ind = opora_indicator_lookup (catalogue, ((OporaAnalysisFeature *) p->results->pdata[i])->key);

      w->participants[i] = -1;
      if (ind == NULL || ind->participants_key == NULL || !opora_indicator_lookup (catalogue, ind->participants_key))
        continue;
      w->participants[i] = column_of_key (keys, first_participants, ind->participants_key);
      if (w->participants[i] < 0)
        {
          w->participants[i] = keys->len;
          g_ptr_array_add (keys, ind->participants_key);
          g_array_append_val (combine, sum);
        }
    }
  g_ptr_array_add (keys, NULL);
  if (!(w->m = opora_year_matrix_load_years (db, p->year, MAX (p->basis_years, 1), (const char * const *) keys->pdata,
                                             (const OporaCombine *) combine->data, error)))
    return FALSE;
  w->n = w->m->n_schools;
  w->n_cols = w->m->indicators->len;
  w->context_at = 0;
  w->n_context = p->context->len;
  w->results_at = w->n_context;
  w->n_results = p->results->len;
  w->features_at = w->results_at + w->n_results;
  w->n_features = p->model == OPORA_MODEL_KMEANS ? p->features->len : 0;
  w->flag_at = w->features_at + w->n_features;
  if (p->basis_years <= 1 && p->pool_small)
    return pool_small_schools (db, p, w, (const char * const *) keys->pdata, (const OporaCombine *) combine->data, error);
  return TRUE;
}

/* Small numbers: a result on fewer participants than the threshold marks
 * the school and, unless the user includes such figures, counts as missing. */
static void
leave_out_small (Work                      *w,
                 const OporaAnalysisParams *p,
                 guint                     *flags)
{
  for (guint r = 0; r < w->n; r++)
    for (guint c = 0; c < w->n_results; c++)
      {
        double *value = &w->m->values[(gsize) r * w->n_cols + w->results_at + c];

        if (w->participants[c] < 0 || isnan (*value) ||
            !opora_is_small_number (cell (w, r, w->participants[c]), p->min_participants))
          continue;
        flags[r] |= OPORA_MEMBER_SMALL;
        if (!p->include_small)
          *value = NAN;
      }
}

void
opora_year_indices_clear (OporaYearIndices *y)
{
  work_clear (&y->w);
  g_clear_pointer (&y->flags, g_free);
  g_clear_pointer (&y->context_index, g_free);
  g_clear_pointer (&y->results_index, g_free);
  g_clear_pointer (&y->context_percentile, g_free);
  g_clear_pointer (&y->results_percentile, g_free);
}

/**
 * opora_year_indices_compute:
 * @db: a workspace
 * @params: what to compute
 * @year: the year, which may differ from @params->year
 * @out: (out caller-allocates): zeroed; cleared with opora_year_indices_clear()
 *
 * Reads the year's values (on the params' basis), leaves out the ВПР of
 * listed schools and results on too few participants, and computes each
 * school's signed z-scores, context and results index and percentiles.
 *
 * Returns: %FALSE with @error set when the values cannot be read
 */
gboolean
opora_year_indices_compute (OporaDb                   *db,
                            const OporaAnalysisParams *params,
                            int                        year,
                            OporaYearIndices          *y,
                            GError                   **error)
{
  g_autoptr(OporaAnalysisParams) for_year = opora_analysis_params_copy (params);
  Work *w = &y->w;
  guint n;

  for_year->year = year;
  if (!load_work (db, for_year, w, error))
    return FALSE;
  n = MAX (w->n, 1);
  y->flags = g_new0 (guint, n);
  for (guint r = 0; w->pooled != NULL && r < w->n; r++)
    if (w->pooled[r])
      y->flags[r] |= OPORA_MEMBER_POOLED;
  leave_out_nonobjective (w, y->flags);
  leave_out_small (w, for_year, y->flags);
  y->context_index = g_new (double, n);
  y->results_index = g_new (double, n);
  y->context_percentile = g_new (double, n);
  y->results_percentile = g_new (double, n);
  w->context_z = index_of (w, params->context, w->context_at, w->n_context, y->flags,
                           y->context_index, y->context_percentile);
  /* Nothing reads the results' z-scores after their index: a nation's are megabytes. */
  g_free (index_of (w, params->results, w->results_at, w->n_results, y->flags,
                    y->results_index, y->results_percentile));
  return TRUE;
}
