/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of building a chart from the demo workspace: series, points, labels, arrows, axes, trajectories. */

#include <locale.h>
#include <math.h>

#include "opora-analysis.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-plot-build.h"
#include "test-util.h"

static OporaAnalysis *
analyse (OporaDb    *db,
         int         year,
         OporaModel  model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) params = opora_analysis_params_new (db, year, model, &error);
  OporaAnalysis *analysis;

  g_assert_no_error (error);
  analysis = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  return analysis;
}

static OporaDb *
demo_new (const char *name)
{
  OporaDb *db = test_workspace_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  return db;
}

/* Quadrants: seed 001's four series in fixed colours, one point per placed
 * school on the indices, flags and labels from the members, an arrow per pair. */
static void
test_quadrants (void)
{
  g_autoptr(OporaDb) db = demo_new ("quadrants.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_QUADRANT);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaPlotModel) model = opora_plot_model_build (db, analysis, NULL, &error);
  guint placed = 0, arrows = 0;

  g_assert_no_error (error);
  g_assert_true (model->quadrants);
  g_assert_cmpuint (model->series->len, ==, 4);
  for (int q = 1; q <= 4; q++)
    {
      OporaPlotSeries *series = model->series->pdata[q - 1];
      g_assert_cmpstr (series->name, ==, opora_quadrant_name (q));
      g_assert_cmpuint (series->palette_index, ==, opora_plot_quadrant_palette (q));
    }
  g_assert_cmpfloat (model->x.threshold, ==, analysis->context_threshold);
  g_assert_cmpfloat (model->y.threshold, ==, analysis->results_threshold);
  g_assert_cmpstr (model->x.title, ==, "Context index (higher: more favourable)");
  g_assert_cmpstr (model->title, ==, "Schools by social context and results");
  g_assert_true (g_str_has_suffix (model->subtitle, "quadrants split at the medians"));
  g_assert_true (g_str_has_prefix (model->source, "Source: Opora workspace, analysis not stored"));

  for (guint i = 0; i < analysis->members->len; i++)
    {
      const OporaMember *m = &g_array_index (analysis->members, OporaMember, i);
      const OporaPlotPoint *p;
      int index;

      if (m->cluster == 0)
        continue;
      placed++;
      index = opora_plot_model_find_point (model, m->school_id);
      g_assert_cmpint (index, >=, 0);
      p = &g_array_index (model->points, OporaPlotPoint, index);
      g_assert_cmpfloat (p->x, ==, m->context_index);
      g_assert_cmpfloat (p->y, ==, m->results_index);
      g_assert_cmpuint (p->series, ==, m->cluster - 1);
      g_assert_cmpint (!!(p->flags & OPORA_PLOT_POINT_PROBLEM), ==, !!(m->flags & OPORA_MEMBER_PROBLEM));
      g_assert_cmpint (!!(p->flags & OPORA_PLOT_POINT_UNRELIABLE), ==, !!(m->flags & OPORA_MEMBER_SMALL));
      g_assert_cmpint (p->label_priority > 0, ==, (m->flags & (OPORA_MEMBER_PROBLEM | OPORA_MEMBER_BASE)) != 0);
      g_assert_true (isfinite (p->size) && p->size > 0);
      g_assert_nonnull (p->label);
    }
  g_assert_cmpuint (model->points->len, ==, placed);
  for (guint i = 0; i < analysis->pairs->len; i++)
    arrows += ((OporaPair *) analysis->pairs->pdata[i])->base_id > 0 &&
              opora_plot_model_find_point (model, ((OporaPair *) analysis->pairs->pdata[i])->base_id) >= 0;
  g_assert_cmpuint (model->arrows->len, ==, arrows);
  g_assert_cmpuint (model->arrows->len, >, 0);
  /* The demo's first school has a short name. */
  g_assert_cmpstr (g_array_index (model->points, OporaPlotPoint, 0).label, ==, "Гимназия № 1");
}

/* k-means: one series per cluster in palette order; no quadrant lines. */
static void
test_kmeans (void)
{
  g_autoptr(OporaDb) db = demo_new ("kmeans.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_KMEANS);
  g_autoptr(OporaPlotModel) model = opora_plot_model_build (db, analysis, NULL, NULL);

  g_assert_false (model->quadrants);
  g_assert_cmpuint (model->series->len, ==, analysis->n_clusters);
  g_assert_cmpstr (((OporaPlotSeries *) model->series->pdata[1])->name, ==, "Cluster 2");
  g_assert_cmpuint (((OporaPlotSeries *) model->series->pdata[1])->palette_index, ==, 1);
  g_assert_true (isnan (model->x.threshold));
  g_assert_cmpstr (model->title, ==, "Clusters of schools by k-means");
}

/* Any two indicators: titles with units, values from the year, last year's as the previous position. */
/* Regression: actual (the results index) against expected, with the line
 * y = x; the three groups as series; the basis in the subtitle. */
static void
test_regression (void)
{
  g_autoptr(OporaDb) db = demo_new ("regression.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_REGRESSION);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaPlotModel) model = opora_plot_model_build (db, analysis, NULL, &error);
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_true (model->diagonal);
  g_assert_false (model->quadrants);
  g_assert_cmpuint (model->series->len, ==, 3);
  g_assert_true (isnan (model->x.threshold));
  for (guint i = 0; i < analysis->members->len; i++)
    {
      const OporaMember *m = &g_array_index (analysis->members, OporaMember, i);
      int p = opora_plot_model_find_point (model, m->school_id);

      if (p < 0)
        continue;
      g_assert_cmpfloat (opora_plot_model_get_point (model, p)->x, ==, m->predicted);
      g_assert_cmpfloat (opora_plot_model_get_point (model, p)->y, ==, m->results_index);
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);

  analysis->params->basis_years = 3;
  g_clear_pointer (&model, opora_plot_model_free);
  model = opora_plot_model_build (db, analysis, NULL, &error);
  g_assert_nonnull (strstr (model->subtitle, "2024–2026"));
}

static void
test_indicators (void)
{
  g_autoptr(OporaDb) db = demo_new ("indicators.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_QUADRANT);
  OporaPlotBuildOptions options = { "sp_low_income_share", "ege_rus_avg", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaPlotModel) model = opora_plot_model_build (db, analysis, &options, &error);
  guint with_previous = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (model->x.title, ==, "Share of pupils from low-income families, %");
  g_assert_cmpstr (model->y.title, ==, "USE, Russian: average score, points");
  g_assert_true (isnan (model->x.threshold));
  for (guint i = 0; i < model->points->len; i++)
    {
      const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, i);
      g_assert_true (isnan (p->x) || (p->x >= 0 && p->x <= 100));
      with_previous += isfinite (p->prev_x) && isfinite (p->prev_y);
    }
  g_assert_cmpuint (with_previous, >, model->points->len / 2);
}

static void
test_trajectories (void)
{
  g_autoptr(OporaDb) db = demo_new ("trajectories.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_QUADRANT);
  g_autoptr(OporaAnalysis) previous = analyse (db, 2025, OPORA_MODEL_QUADRANT);
  OporaPlotBuildOptions options = { NULL, NULL, previous };
  g_autoptr(OporaPlotModel) model = opora_plot_model_build (db, analysis, &options, NULL);
  const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, 0);
  const OporaMember *before = opora_analysis_find_member (previous, p->id);

  g_assert_nonnull (before);
  g_assert_cmpfloat (p->prev_x, ==, before->context_index);
  g_assert_cmpfloat (p->prev_y, ==, before->results_index);
}

static void
test_unknown_indicator (void)
{
  g_autoptr(OporaDb) db = demo_new ("unknown.opora");
  g_autoptr(OporaAnalysis) analysis = analyse (db, 2026, OPORA_MODEL_QUADRANT);
  OporaPlotBuildOptions options = { "no_such_thing", "ege_rus_avg", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_null (opora_plot_model_build (db, analysis, &options, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

static void
test_school_year (void)
{
  g_autofree char *text = opora_plot_school_year (2026);

  g_assert_cmpstr (text, ==, "2026 (2025/26 school year)");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plot/build/quadrants", test_quadrants);
  g_test_add_func ("/plot/build/kmeans", test_kmeans);
  g_test_add_func ("/plot/build/regression", test_regression);
  g_test_add_func ("/plot/build/indicators", test_indicators);
  g_test_add_func ("/plot/build/trajectories", test_trajectories);
  g_test_add_func ("/plot/build/unknown-indicator", test_unknown_indicator);
  g_test_add_func ("/plot/build/school-year", test_school_year);

  return g_test_run ();
}
