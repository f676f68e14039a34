/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From an analysis to a chart: one point per placed school, its series, flags, label, size and last position. */

#include "opora-plot-build.h"

#include "opora-db.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-year-matrix.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/**
 * opora_plot_quadrant_palette:
 * @quadrant: 1…4
 *
 * Low results take the warm colours, high results the cool ones:
 * 1 vermillion, 2 bluish green, 3 orange, 4 blue. The same quadrant keeps
 * its colour in every chart and year.
 *
 * Returns: the palette index of @quadrant
 */
guint
opora_plot_quadrant_palette (int quadrant)
{
  static const guint palette[] = { 3, 2, 1, 0 };

  g_return_val_if_fail (quadrant >= 1 && quadrant <= 4, 0);
  return palette[quadrant - 1];
}

/**
 * opora_plot_school_year:
 * @year: the calendar year of the exams
 *
 * 2026 → "2026 (2025/26 school year)".
 *
 * Returns: (transfer full): the year as people name it
 */
char *
opora_plot_school_year (int year)
{
  /* TRANSLATORS: the calendar year of the exams, then the school year it ends: "2026 (2025/26 school year)". */
  return g_strdup_printf (_("%d (%d/%02d school year)"), year, year - 1, year % 100);
}

/* Where a school's values come from: the analysis' indices or a year matrix. */
typedef struct {
  OporaYearMatrix  *matrix;       /* this year: the indicator axes and pupils */
  OporaYearMatrix  *previous;     /* last year: the indicator axes */
  GHashTable       *rows;         /* school id → matrix row + 1 */
  GHashTable       *schools;      /* school id → OporaSchool */
  gboolean          x_index, y_index;
  gboolean          x_expected;  /* regression: x is the expected results index */
  guint             x_column, y_column, pupils_column;
} Sources;

static void
sources_clear (Sources *s)
{
  g_clear_pointer (&s->matrix, opora_year_matrix_free);
  g_clear_pointer (&s->previous, opora_year_matrix_free);
  g_clear_pointer (&s->rows, g_hash_table_unref);
  g_clear_pointer (&s->schools, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sources, sources_clear)

static gboolean
is_index (const char *key,
          const char *index)
{
  return key == NULL || g_str_equal (key, index);
}

static gboolean
load_sources (OporaDb                     *db,
              const OporaAnalysis         *analysis,
              const OporaPlotBuildOptions *options,
              Sources                     *s,
              GError                     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  int year = analysis->params->year;

  if (!(s->schools = opora_school_table (db, error)))
    return FALSE;
  s->x_index = is_index (options->x_key, OPORA_PLOT_AXIS_CONTEXT);
  s->x_expected = options->x_key == NULL && analysis->params->model == OPORA_MODEL_REGRESSION;
  s->y_index = is_index (options->y_key, OPORA_PLOT_AXIS_RESULTS);
  s->pupils_column = keys->len;
  g_ptr_array_add (keys, (char *) "students_total");
  if (!s->x_index)
    s->x_column = keys->len, g_ptr_array_add (keys, (char *) options->x_key);
  if (!s->y_index)
    s->y_column = keys->len, g_ptr_array_add (keys, (char *) options->y_key);
  g_ptr_array_add (keys, NULL);
  if (!(s->matrix = opora_year_matrix_load (db, year, (const char * const *) keys->pdata, error)))
    return FALSE;
  if ((!s->x_index || !s->y_index) &&
      !(s->previous = opora_year_matrix_load (db, year - 1, (const char * const *) keys->pdata, error)))
    return FALSE;
  s->rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint r = 0; r < s->matrix->n_schools; r++)
    g_hash_table_insert (s->rows, &s->matrix->school_ids[r], GUINT_TO_POINTER (r + 1));
  return TRUE;
}

static double
matrix_value (const Sources         *s,
              const OporaYearMatrix *matrix,
              gint64                 school_id,
              guint                  column)
{
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (s->rows, &school_id));

  /* Both years' matrices list the same schools in the same order. */
  if (row == 0 || matrix == NULL || row > matrix->n_schools)
    return NAN;
  return opora_year_matrix_get (matrix, row - 1, column);
}

static char *
axis_title (const Sources *s,
            gboolean       y_axis)
{
  const OporaIndicator *indicator;
  const char *unit;

  if (!y_axis && s->x_expected)
    return g_strdup (_("Results index the context predicts"));
  if (y_axis ? s->y_index : s->x_index)
    return g_strdup (y_axis ? _("Results index (higher: better)") : _("Context index (higher: more favourable)"));
  indicator = s->matrix->indicators->pdata[y_axis ? s->y_column : s->x_column];
  /* A count's name says what is counted ("Number of students"): no unit after it. */
  unit = indicator->unit == OPORA_UNIT_INDEX || indicator->unit == OPORA_UNIT_FLAG || indicator->unit == OPORA_UNIT_COUNT
       ? "" : opora_unit_symbol (indicator->unit);
  if (*unit == '\0')
    return g_strdup (opora_indicator_get_name (indicator));
  return g_strdup_printf ("%s, %s", opora_indicator_get_name (indicator), unit);
}

static void
add_series (OporaPlotModel      *model,
            const OporaAnalysis *analysis)
{
  if (analysis->params->model == OPORA_MODEL_QUADRANT)
    {
      for (int q = 1; q <= 4; q++)
        opora_plot_model_add_series (model, opora_analysis_cluster_name (analysis, q), opora_plot_quadrant_palette (q));
      model->quadrants = TRUE;
      return;
    }
  for (guint c = 1; c <= analysis->n_clusters; c++)
    {
      const char *given = opora_analysis_cluster_name (analysis, c);
      /* TRANSLATORS: a cluster's number and the name the user gave it. */
      g_autofree char *name = given != NULL ? g_strdup_printf (_("Cluster %u: %s"), c, given)
                                            : g_strdup_printf (_("Cluster %u"), c);
      opora_plot_model_add_series (model, name, c - 1);
    }
}

/* Problem schools first, the lowest in their clusters foremost; then base
 * schools, the highest foremost. */
static guint
label_priority (const OporaMember *m)
{
  if (m->flags & OPORA_MEMBER_PROBLEM)
    return 20000 + MIN (m->rank, 9999);
  if (m->flags & OPORA_MEMBER_BASE)
    return 10000 + (m->cluster_size >= m->rank ? MIN (m->cluster_size - m->rank, 9999) : 0);
  return 0;
}

static void
add_point (OporaPlotModel      *model,
           const Sources       *s,
           const OporaMember   *m,
           const OporaAnalysis *previous)
{
  OporaSchool *school = g_hash_table_lookup (s->schools, &m->school_id);
  const char *label = school == NULL ? NULL : school->short_name != NULL ? school->short_name : school->name;
  double x = s->x_expected ? m->predicted
           : s->x_index ? m->context_index : matrix_value (s, s->matrix, m->school_id, s->x_column);
  double y = s->y_index ? m->results_index : matrix_value (s, s->matrix, m->school_id, s->y_column);
  guint flags = (m->flags & OPORA_MEMBER_PROBLEM ? OPORA_PLOT_POINT_PROBLEM : 0) |
                (m->flags & OPORA_MEMBER_BASE ? OPORA_PLOT_POINT_BASE : 0) |
                (m->flags & OPORA_MEMBER_SMALL ? OPORA_PLOT_POINT_UNRELIABLE : 0);
  const OporaMember *before = previous != NULL ? opora_analysis_find_member (previous, m->school_id) : NULL;
  OporaPlotPoint *p = opora_plot_model_get_point (model, opora_plot_model_add_point (model, x, y, m->cluster - 1, flags, label));

  p->id = m->school_id;
  p->label_priority = label_priority (m);
  p->size = matrix_value (s, s->matrix, m->school_id, s->pupils_column);
  p->prev_x = s->x_expected ? NAN
            : s->x_index ? (before != NULL ? before->context_index : NAN) : matrix_value (s, s->previous, m->school_id, s->x_column);
  p->prev_y = s->y_index ? (before != NULL ? before->results_index : NAN) : matrix_value (s, s->previous, m->school_id, s->y_column);
  if (s->x_index != s->y_index)
    p->prev_x = p->prev_y = NAN;  /* half an index and half a raw value is no position */
}

static void
add_arrows (OporaPlotModel      *model,
            const OporaAnalysis *analysis)
{
  for (guint i = 0; i < analysis->pairs->len; i++)
    {
      const OporaPair *pair = analysis->pairs->pdata[i];
      int from = pair->base_id > 0 ? opora_plot_model_find_point (model, pair->base_id) : -1;
      int to = opora_plot_model_find_point (model, pair->supported_id);

      if (from >= 0 && to >= 0 && pair->status != OPORA_PAIR_REJECTED)
        opora_plot_model_add_arrow (model, from, to);
    }
}

static char *
subtitle (OporaDb             *db,
          const OporaAnalysis *analysis,
          guint                n_points)
{
  g_autofree char *place = opora_db_dup_info (db, "name");
  g_autofree char *year = analysis->params->basis_years > 1 || analysis->params->pool_small
                          ? opora_analysis_basis_text (analysis->params)
                                                            : opora_plot_school_year (analysis->params->year);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u school", "%u schools", n_points), n_points);
  g_autofree char *method = NULL;

  if (analysis->params->model == OPORA_MODEL_QUADRANT)
    method = g_strdup (analysis->params->threshold == OPORA_THRESHOLD_MEAN ? _("quadrants split at the means")
                       : analysis->params->threshold == OPORA_THRESHOLD_VALUE ? _("quadrants split at set values")
                       : _("quadrants split at the medians"));
  else if (analysis->params->model == OPORA_MODEL_REGRESSION)
    method = g_strdup (opora_model_label (analysis->params->model));
  else
    method = g_strdup_printf (_("k-means, k = %u"), analysis->n_clusters);
  if (place != NULL && *place != '\0')
    return g_strjoin (" · ", place, year, count, method, NULL);
  return g_strjoin (" · ", year, count, method, NULL);
}

/* The day a run was made, as the locale writes dates: 29.11.2026 under ru_RU. */
static char *
run_date (const OporaAnalysis *analysis)
{
  g_autoptr(GDateTime) utc = analysis->created != NULL ? g_date_time_new_from_iso8601 (analysis->created, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%x") : NULL;
}

static char *
source_line (const OporaAnalysis *analysis)
{
  g_autofree char *date = run_date (analysis);

  if (analysis->id > 0 && date != NULL)
    return g_strdup_printf (_("Source: Opora workspace, analysis no. %lld of %s"), (long long) analysis->id, date);
  return g_strdup (_("Source: Opora workspace, analysis not stored"));
}

/**
 * opora_plot_model_build:
 * @db: the workspace of @analysis
 * @analysis: a stored or fresh analysis
 * @options: the axes (the indices by default) and last year's analysis
 * @error: return location for an error
 *
 * One point per school the analysis placed, in its cluster's series
 * (quadrants keep seed 001's names and fixed colours), flagged as a school
 * to support or a base school, labelled with its short name, sized by its
 * pupils, with last year's position when known, and an arrow from each
 * proposed or accepted base school to the school it supports. The title,
 * subtitle (municipality, year, count, method) and source line are filled.
 * Options of the model are the defaults; set them after.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 *   (an unknown indicator key, a database error)
 */
OporaPlotModel *
opora_plot_model_build (OporaDb                     *db,
                        const OporaAnalysis         *analysis,
                        const OporaPlotBuildOptions *options,
                        GError                     **error)
{
  static const OporaPlotBuildOptions defaults = { NULL };
  g_autoptr(OporaPlotModel) model = opora_plot_model_new ();
  g_auto(Sources) s = { NULL };

  g_return_val_if_fail (db != NULL && analysis != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!load_sources (db, analysis, options, &s, error))
    return NULL;
  add_series (model, analysis);
  for (guint i = 0; i < analysis->members->len; i++)
    {
      const OporaMember *m = &g_array_index (analysis->members, OporaMember, i);
      if (m->cluster > 0 && (guint) m->cluster <= model->series->len)
        add_point (model, &s, m, options->previous);
    }
  add_arrows (model, analysis);
  g_free (model->title);
  model->title = g_strdup (analysis->params->model == OPORA_MODEL_QUADRANT ? _("Schools by social context and results")
                           : analysis->params->model == OPORA_MODEL_REGRESSION ? _("Results against what the context predicts")
                                                                               : _("Clusters of schools by k-means"));
  model->subtitle = subtitle (db, analysis, model->points->len);
  model->source = source_line (analysis);
  model->size_title = g_strdup (_("pupils"));
  g_free (model->x.title);
  g_free (model->y.title);
  model->x.title = axis_title (&s, FALSE);
  model->y.title = axis_title (&s, TRUE);
  if (model->quadrants && s.x_index && s.y_index)
    {
      model->x.threshold = analysis->context_threshold;
      model->y.threshold = analysis->results_threshold;
    }
  model->diagonal = s.x_expected && s.y_index;
  return g_steal_pointer (&model);
}
