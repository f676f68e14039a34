/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of exporting values to XLSX and importing them back into an empty workspace. */

#include "opora-demo.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-reader.h"
#include "test-util.h"

/* Every value of a workspace as "code|key|year=value" lines, sorted. */
static char *
all_values (OporaDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT s.code || '|' || i.key || '|' || v.year || '=' || printf ('%.17g', v.value)"
    " FROM indicator_value v JOIN school s ON s.id = v.school_id JOIN indicator i ON i.id = v.indicator_id"
    " ORDER BY 1", NULL);
  GString *text = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  return g_string_free (text, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr(OporaDb) demo = test_workspace_new ("demo.opora");
  g_autoptr(OporaDb) empty = test_workspace_new ("empty.opora");
  g_autofree char *path = test_workspace_path ("export.xlsx");
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(OporaImport) import = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (opora_demo_fill (demo, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_true (opora_export_values (demo, path, NULL, &error));
  g_assert_no_error (error);

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "xlsx");
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 3);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "2024");

  indicators = opora_indicator_list (empty, NULL);
  import = opora_import_new (empty, reader, &error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OporaSheet) sheet = opora_sheet_load (reader, i, 30, NULL, &error);
      OporaLayout *layout = opora_layout_detect (sheet, indicators);

      /* Every column maps back by its header alone. */
      for (guint32 c = 0; c < layout->n_cols; c++)
        g_assert_cmpint (opora_layout_get_target (layout, c)->kind, !=, OPORA_TARGET_IGNORE);
      opora_import_add_sheet (import, i, layout, opora_year_from_text (opora_reader_get_sheet (reader, i)->name));
    }
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, &error));
  g_assert_cmpuint (opora_import_get_counts (import)->errors, ==, 0);
  g_assert_cmpuint (opora_import_get_counts (import)->schools_new, ==, 40);
  g_assert_cmpint (opora_import_commit (import, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  before = all_values (demo);
  after = all_values (empty);
  g_assert_cmpuint (strlen (before), >, 100000);
  g_assert_cmpstr (after, ==, before);
}

static void
test_unwritable (void)
{
  g_autoptr(OporaDb) demo = test_workspace_new ("demo.opora");
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill (demo, 5, NULL));
  g_assert_false (opora_export_values (demo, "/nonexistent/folder/out.xlsx", NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/export/round-trip", test_round_trip);
  g_test_add_func ("/core/export/unwritable", test_unwritable);

  return g_test_run ();
}
