/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the monitoring summary and cluster list workbooks, read back with Opora's own reader. */

#include <math.h>
#include <string.h>

#include "opora-analysis-export.h"
#include "opora-analysis-store.h"
#include "opora-demo.h"
#include "opora-monitoring.h"
#include "opora-reader.h"
#include "opora-rule.h"
#include "test-util.h"

/* Every row of one sheet as text ("" for empty cells), numbers with %g. */
static gboolean
collect_row (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  GPtrArray *rows = user_data;
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];
      while (cells->len < cell->col)
        g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, cell->type == OPORA_CELL_TEXT ? g_strdup (cell->text)
                                                             : g_strdup_printf ("%.6g", cell->number));
    }
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (cells, FALSE));
  return TRUE;
}

static GPtrArray *
read_sheet (OporaReader *reader,
            guint        index)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_reader_read_sheet (reader, index, collect_row, rows, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      col)
{
  char **cells = rows->pdata[row];
  return col < g_strv_length (cells) ? cells[col] : "";
}

/* The summary sheet holds exactly the summary rows, with their figures. */
static void
test_monitoring (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("export-monitoring.opora");
  g_autofree char *path = test_workspace_path ("summary.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) summary = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GPtrArray) sheet = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  rows = opora_monitoring_compute (db, 2026, &error);
  summary = opora_monitoring_summary (rows);
  g_assert_cmpuint (summary->len, >, 0);
  g_assert_true (opora_export_monitoring (db, 2026, path, &error));
  g_assert_no_error (error);

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 2);
  sheet = read_sheet (reader, 0);
  all = read_sheet (reader, 1);
  g_assert_cmpuint (sheet->len, ==, 2 + summary->len);
  g_assert_cmpuint (all->len, ==, 2 + rows->len);
  g_assert_cmpstr (cell (sheet, 1, 0), ==, "School code");
  for (guint i = 0; i < summary->len; i++)
    {
      OporaMonitoringRow *r = &g_array_index (summary, OporaMonitoringRow, i);
      g_autoptr(OporaSchool) school = opora_school_get (db, r->school_id, NULL);
      g_autofree char *d = isnan (r->ege[0].dynamics) ? g_strdup ("") : g_strdup_printf ("%.6g", r->ege[0].dynamics);

      g_assert_cmpstr (cell (sheet, i + 2, 0), ==, school->code);
      g_assert_cmpstr (cell (sheet, i + 2, 3), ==, r->negative1 ? "yes" : "");
      g_assert_cmpstr (cell (sheet, i + 2, 8), ==, d);
    }
}

/* The cluster list has a row per school with its cluster, rank and pair. */
static void
test_clusters (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("export-clusters.opora");
  g_autofree char *path = test_workspace_path ("clusters.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GPtrArray) sheet = NULL;
  g_autoptr(GPtrArray) sweep = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  params = opora_analysis_params_new (db, 2026, OPORA_MODEL_KMEANS, &error);
  a = opora_analysis_run (db, params, NULL, &error);
  g_assert_true (opora_analysis_save (db, a, &error));
  g_assert_true (opora_export_clusters (db, a, path, &error));
  g_assert_no_error (error);

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 3);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "Clusters");
  g_assert_cmpstr (opora_reader_get_sheet (reader, 2)->name, ==, "Choosing k");
  sheet = read_sheet (reader, 0);
  g_assert_cmpuint (sheet->len, ==, 2 + a->members->len);
  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *m = &g_array_index (a->members, OporaMember, i);
      g_autofree char *cluster = m->cluster > 0 ? g_strdup_printf ("%d", m->cluster) : g_strdup ("");
      g_autofree char *rank = m->rank > 0 ? g_strdup_printf ("%u", m->rank) : g_strdup ("");

      g_assert_cmpstr (cell (sheet, i + 2, 3), ==, cluster);
      g_assert_cmpstr (cell (sheet, i + 2, 5), ==, rank);
      if (m->flags & OPORA_MEMBER_PROBLEM)
        g_assert_cmpstr (cell (sheet, i + 2, 13), ==, "proposed");
    }
  sweep = read_sheet (reader, 2);
  g_assert_cmpuint (sweep->len, ==, 2 + a->sweep->len);
}

/* The flags sheet has a row per flag with its rule, version and figures; the
 * models sheet a row per school some model counts as a problem school. */
static void
test_flags (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("export-flags.opora");
  g_autofree char *path = test_workspace_path ("flags.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(OporaModelComparison) c = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GPtrArray) sheet = NULL;
  g_autoptr(GPtrArray) models = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  flags = opora_rule_evaluate (db, 2026, NULL, &error);
  g_assert_no_error (error);
  c = opora_models_compare (db, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flags->len, >, 0);
  g_assert_true (opora_export_flags (db, 2026, flags, c, path, &error));
  g_assert_no_error (error);

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "Flags");
  g_assert_cmpstr (opora_reader_get_sheet (reader, 1)->name, ==, "Models compared");
  sheet = read_sheet (reader, 0);
  g_assert_cmpstr (cell (sheet, 0, 0), ==, "Schools flagged by the rules, 2026");
  g_assert_cmpstr (cell (sheet, 1, 3), ==, "Rule");
  g_assert_cmpuint (sheet->len, ==, 2 + flags->len);
  for (guint i = 0; i < flags->len; i++)
    {
      const OporaFlag *f = flags->pdata[i];
      g_autoptr(OporaSchool) school = opora_school_get (db, f->school_id, NULL);

      g_assert_cmpstr (cell (sheet, i + 2, 0), ==, school->code);
      g_assert_cmpstr (cell (sheet, i + 2, 4), ==, "1");
      g_assert_cmpstr (cell (sheet, i + 2, 5), ==, f->evidence);
    }
  models = read_sheet (reader, 1);
  g_assert_nonnull (strstr (cell (models, 0, 0), "k-means: default settings, not stored"));
  g_assert_cmpuint (models->len, ==, 2 + c->schools->len);
  for (guint i = 0; i < c->schools->len; i++)
    {
      const OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);

      for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
        g_assert_cmpstr (cell (models, i + 2, 3 + m), ==, f->models & (1u << m) ? "problem" : "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/analysis-export/monitoring", test_monitoring);
  g_test_add_func ("/analysis-export/clusters", test_clusters);
  g_test_add_func ("/analysis-export/flags", test_flags);
  return g_test_run ();
}
