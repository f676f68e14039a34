/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of backups: made before imports and migrations, kept in rotation, restored (undoably). */

#include <glib/gstdio.h>

#include "opora-backup.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-import.h"
#include "opora-layout.h"
#include "opora-sheet.h"
#include "opora-reader.h"
#include "test-util.h"

static guint
n_backups (const char *path,
           const char *reason)
{
  g_autoptr(GPtrArray) list = opora_backup_list (path, NULL);
  guint n = 0;

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    n += reason == NULL || g_str_equal (((OporaBackup *) list->pdata[i])->reason, reason);
  return n;
}

/* A manual backup holds the workspace as it was; restoring it brings that
 * state back and first backs up the state it replaces. */
static void
test_backup_and_restore (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("backup.opora");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 school;

  school = test_add_school (db, "01", "Город");
  test_put_value (db, school, "ege_rus_avg", 2026, 70);
  g_assert_true (opora_backup_create (db, "manual", &copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  test_add_school (db, "02", "Город");
  test_put_value (db, school, "ege_rus_avg", 2026, 40);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 2);

  g_assert_true (opora_backup_restore (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT value FROM indicator_value"), ==, 70);
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, opora_db_latest_version ());

  /* The state before the restore is a backup of its own: undo the restore. */
  list = opora_backup_list (opora_db_get_path (db), &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((OporaBackup *) list->pdata[0])->reason, ==, "restore");
  g_assert_cmpstr (((OporaBackup *) list->pdata[1])->reason, ==, "manual");
  g_assert_cmpint (((OporaBackup *) list->pdata[0])->size, >, 0);
  g_assert_true (opora_backup_restore (db, ((OporaBackup *) list->pdata[0])->path, &error));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 2);
}

/* Only the newest N are kept. */
static void
test_rotation (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("rotation.opora");
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_db_set_info (db, "backup_keep", "3", &error));
  for (int i = 0; i < 5; i++)
    g_assert_true (opora_backup_create (db, "manual", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (opora_db_get_path (db), NULL), ==, 3);
}

static gint64
import_csv (OporaDb    *db,
            const char *path,
            const char *text,
            int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(OporaImport) import = NULL;
  g_autoptr(OporaSheet) sheet = NULL;
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  gint64 batch;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  sheet = opora_sheet_load (reader, 0, 30, NULL, &error);
  g_assert_no_error (error);
  import = opora_import_new (db, reader, &error);
  g_assert_no_error (error);
  opora_import_add_sheet (import, 0, opora_layout_detect (sheet, indicators), year);
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, &error));
  batch = opora_import_commit (import, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return batch;
}

/* An import into an empty workspace needs no backup; the next one gets one. */
static void
test_before_import (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("import-backup.opora");
  g_autofree char *csv = test_workspace_path ("ege.csv");

  g_assert_cmpint (import_csv (db, csv, "Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\n"
                                        "01;СОШ № 1;70\n", 2026), >, 0);
  g_assert_cmpuint (n_backups (opora_db_get_path (db), "import"), ==, 0);
  g_assert_cmpint (import_csv (db, csv, "Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\n"
                                        "01;СОШ № 1;60\n", 2025), >, 0);
  g_assert_cmpuint (n_backups (opora_db_get_path (db), "import"), ==, 1);
}

/* Opening a workspace of an older schema backs it up before migrating. */
static void
test_before_migration (void)
{
  g_autofree char *path = test_workspace_path ("old.opora");
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(sqlite3) copy = NULL;
  int version = 0;

  g_remove (path);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_true (opora_db_migrate (raw, 2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&raw, sqlite3_close);

  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  list = opora_backup_list (path, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((OporaBackup *) list->pdata[0])->reason, ==, "migration");
  /* The backup is the old schema, as it was. */
  g_assert_cmpint (sqlite3_open (((OporaBackup *) list->pdata[0])->path, &copy), ==, SQLITE_OK);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (copy, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    version = sqlite3_column_int (stmt, 0);
  }
  g_assert_cmpint (version, ==, 2);
}

/* Restoring something that is not an Opora workspace changes nothing. */
static void
test_restore_refuses (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("refuse.opora");
  g_autofree char *text = test_workspace_path ("not-a-workspace.opora");
  g_autoptr(GError) error = NULL;

  test_add_school (db, "01", "Город");
  g_assert_true (g_file_set_contents (text, "Это не база данных, а просто текст.\n", -1, NULL));
  g_assert_false (opora_backup_restore (db, text, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_WORKSPACE);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 1);
  g_assert_cmpuint (n_backups (opora_db_get_path (db), NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/backup/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/before-import", test_before_import);
  g_test_add_func ("/backup/before-migration", test_before_migration);
  g_test_add_func ("/backup/restore-refuses", test_restore_refuses);
  return g_test_run ();
}
