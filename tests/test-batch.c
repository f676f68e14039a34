/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the import history and of undoing imports exactly. */

#include "opora-batch.h"
#include "opora-error.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "table-reader.h"
#include "test-util.h"

static const char *first_table[] = {
  "Код ОО", "Наименование ОО", "ЕГЭ русский язык средний балл", "ЕГЭ профильная математика средний балл",
  "01", "СОШ № 1", "70", "55,5",
  "02", "СОШ № 2", "66", "",
  NULL,
};

static const char *second_table[] = {
  "Код ОО", "Наименование ОО", "ЕГЭ русский язык средний балл",
  "01", "СОШ № 1", "75",
  "03", "СОШ № 3", "61",
  NULL,
};

static gint64
import_table (OporaDb            *db,
              const char         *name,
              guint               width,
              const char * const *cells)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(OporaSheet) sheet = NULL;
  g_autoptr(OporaImport) import = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch;

  table_reader_add (reader, "2025", width, cells);
  sheet = opora_sheet_load (reader, 0, 30, NULL, NULL);
  import = opora_import_new (db, reader, &error);
  opora_import_add_sheet (import, 0, opora_layout_detect (sheet, indicators), 2025);
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, &error));
  batch = opora_import_commit (import, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return batch;
}

/* What an undo must restore: schools and values, as text. */
static char *
state (OporaDb *db)
{
  static const char *queries[] = {
    "SELECT group_concat (code || ':' || name, ';') FROM (SELECT * FROM school ORDER BY code)",
    "SELECT group_concat (school_id || '/' || year || '=' || vals || '@' || ifnull (batch_id, '-'), ';')"
    " FROM (SELECT * FROM school_year_value ORDER BY school_id, year)",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, queries[i], NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (text, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_string_free (text, FALSE);
}

static void
test_undo_restores_exactly (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("undo.opora");
  g_autofree char *empty = state (db);
  g_autofree char *after_first = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *none = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  first = import_table (db, "first.csv", 4, first_table);
  after_first = state (db);
  second = import_table (db, "second.csv", 3, second_table);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 3);

  /* The first import cannot go while the second, which changed school 01, stays. */
  g_assert_false (opora_batch_undo (db, first, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Undo import 2 first"));
  g_clear_error (&error);

  g_assert_true (opora_batch_undo (db, second, &error));
  g_assert_no_error (error);
  restored = state (db);
  g_assert_cmpstr (restored, ==, after_first);

  g_assert_true (opora_batch_undo (db, first, &error));
  none = state (db);
  g_assert_cmpstr (none, ==, empty);

  g_assert_false (opora_batch_undo (db, first, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_batch_undo (db, 99, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

static void
test_history (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("history.opora");
  g_autoptr(GPtrArray) list = NULL;
  OporaBatch *newest, *oldest;

  import_table (db, "first.csv", 4, first_table);
  import_table (db, "second.csv", 3, second_table);
  g_assert_true (opora_batch_undo (db, 2, NULL));

  list = opora_batch_list (db, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  newest = list->pdata[0];
  oldest = list->pdata[1];
  g_assert_cmpint (newest->id, ==, 2);
  g_assert_true (newest->undone);
  g_assert_cmpstr (newest->file_name, ==, "second.csv");
  g_assert_cmpuint (newest->n_changed, ==, 1);
  g_assert_cmpuint (newest->n_new, ==, 1);
  g_assert_cmpuint (newest->n_problems, ==, 2);
  g_assert_false (oldest->undone);
  g_assert_cmpuint (oldest->n_new, ==, 3);
  g_assert_cmpuint (oldest->n_schools, ==, 2);
  g_assert_cmpuint (strlen (oldest->sha256), ==, 64);
  g_assert_true (g_str_has_suffix (oldest->created, "Z"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/batch/undo-restores-exactly", test_undo_restores_exactly);
  g_test_add_func ("/core/batch/history", test_history);

  return g_test_run ();
}
