/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of exporting values to XLSX and importing them back into an empty workspace. */

#include "opora-demo.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-reader.h"
#include "opora-values.h"
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

/* Imports every sheet of @path into @db by its headers alone; returns the number of sheets. */
static guint
import_all (OporaDb    *db,
            const char *path)
{
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(OporaImport) import = NULL;
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(GError) error = NULL;
  guint n;

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "xlsx");
  n = opora_reader_get_n_sheets (reader);
  import = opora_import_new (db, reader, &error);
  for (guint i = 0; i < n; i++)
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
  g_assert_cmpint (opora_import_commit (import, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return n;
}

static void
test_round_trip (void)
{
  g_autoptr(OporaDb) demo = test_workspace_new ("demo.opora");
  g_autoptr(OporaDb) empty = test_workspace_new ("empty.opora");
  g_autofree char *path = test_workspace_path ("export.xlsx");
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (opora_demo_fill (demo, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_true (opora_export_values (demo, path, NULL, &error));
  g_assert_no_error (error);

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 3);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "2024");
  g_assert_cmpuint (import_all (empty, path), ==, 3);
  g_assert_cmpint (test_query_int (empty, "SELECT count(*) FROM school"), ==, 40);

  before = all_values (demo);
  after = all_values (empty);
  g_assert_cmpuint (strlen (before), >, 100000);
  g_assert_cmpstr (after, ==, before);
}

/* More schools and years than one batch and one thread take: 2,500 schools
 * over five years, each sheet written on a thread of its own, in batches;
 * every value comes back, in every year. */
static void
test_many_rows (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("many.opora");
  g_autoptr(OporaDb) empty = test_workspace_new ("empty.opora");
  g_autofree char *path = test_workspace_path ("many.xlsx");
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *keys[] = { "ege_rus_avg", "ege_mathp_avg", "students_total" };
  gint64 written = 0;

  {
    g_autoptr(OporaTransaction) tx = opora_db_begin (db, &error);
    g_autoptr(OporaValueWriter) writer = opora_value_writer_new (db, 0, &error);

    for (guint s = 0; s < 2500; s++)
      {
        g_autofree char *code = g_strdup_printf ("%06u", 700000 + s);
        gint64 id = test_add_school (db, code, s % 2 ? "Район Б" : "Район А");

        for (int year = 2021; year <= 2025; year++)
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            /* Some schools miss an indicator in some years. */
            if ((s + year) % 7 != k)
              {
                g_assert_true (opora_value_writer_set (writer, id, opora_indicator_lookup (indicators, keys[k])->id, year,
                                                       k == 2 ? 100 + s % 900 : 40 + (s * 7 + year * 3 + k) % 55 + 0.5,
                                                       &error));
                written++;
              }
      }
    g_assert_true (opora_value_writer_flush (writer, &error));
    g_assert_true (opora_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (written, ==, 32142);  /* 37,500 less the 5,358 pairs (s + year) mod 7 ∈ {0, 1, 2} leaves out */
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator_value"), ==, written);

  g_assert_true (opora_export_values (db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (import_all (empty, path), ==, 5);
  before = all_values (db);
  after = all_values (empty);
  g_assert_cmpstr (after, ==, before);
}

/* A cancelled export stops with the cancellation, and no file is left. */
static void
test_cancelled (void)
{
  g_autoptr(OporaDb) demo = test_workspace_new ("demo.opora");
  g_autofree char *path = test_workspace_path ("cancelled.xlsx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill (demo, 5, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (opora_export_values (demo, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
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
  g_test_add_func ("/core/export/many-rows", test_many_rows);
  g_test_add_func ("/core/export/cancelled", test_cancelled);
  g_test_add_func ("/core/export/unwritable", test_unwritable);

  return g_test_run ();
}
