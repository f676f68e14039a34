/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opening, refusing, migrating and read-only workspaces. */

#include <sys/stat.h>

#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-check.h"
#include "opora-demo.h"
#include "test-util.h"

static void
test_create (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("new.opora");
  g_autoptr(GPtrArray) builtin = opora_indicator_builtin ();

  g_assert_false (opora_db_is_read_only (db));
  g_assert_cmpint (opora_db_get_version (db), ==, opora_db_latest_version ());
  g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, opora_db_latest_version ());
  g_assert_cmpint (test_query_int (db, "PRAGMA application_id"), ==, OPORA_DB_APPLICATION_ID);
  g_assert_cmpint (test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator"), ==, builtin->len);
}

static void
test_migrate_from_each_version (void)
{
  int latest = opora_db_latest_version ();

  g_assert_cmpint (latest, >=, 1);
  for (int v = 0; v < latest; v++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.opora", v);
      g_autofree char *path = test_workspace_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaDb) db = NULL;

      {
        g_autoptr(sqlite3) handle = NULL;
        g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
        g_assert_true (opora_db_migrate (handle, v, &error));
        g_assert_no_error (error);
      }
      db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
      g_assert_no_error (error);
      g_assert_cmpint (test_query_int (db, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator WHERE builtin"), >, 0);
      g_assert_cmpint (opora_school_count (db, NULL), ==, 0);
    }
}

static void
test_migrate_values_to_packed (void)
{
  g_autofree char *path = test_workspace_path ("v1-values.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  {
    g_autoptr(sqlite3) handle = NULL;
    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_true (opora_db_migrate (handle, 1, &error));
    g_assert_cmpint (sqlite3_exec (handle,
      "INSERT INTO school (id, code, name) VALUES (1, '001', 'СОШ № 1'), (2, '002', 'СОШ № 2');"
      "INSERT INTO indicator (id, key, name_ru, name_en, unit, grp, direction, min_value, max_value)"
      " VALUES (500, 'old_a', 'А', 'A', 'points', 'result', 1, 0, 100),"
      "        (501, 'old_b', 'Б', 'B', 'percent', 'context', -1, 0, 100);"
      "INSERT INTO indicator_value VALUES (1, 500, 2024, 71.5, NULL), (1, 501, 2024, 12.25, NULL),"
      " (1, 500, 2025, 0.1, NULL), (2, 501, 2025, 100, NULL);",
      NULL, NULL, NULL), ==, SQLITE_OK);
  }
  db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school_year_value"), ==, 3);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator_value"), ==, 4);
  g_assert_cmpint (test_query_int (db,
    "SELECT value = 12.25 FROM indicator_value WHERE school_id = 1 AND indicator_id = 501 AND year = 2024"), ==, 1);
  g_assert_cmpint (test_query_int (db,
    "SELECT value = 0.1 FROM indicator_value WHERE school_id = 1 AND indicator_id = 500 AND year = 2025"), ==, 1);
  g_assert_cmpint (test_query_int (db,
    "SELECT value = 100 FROM indicator_value WHERE school_id = 2 AND indicator_id = 501"), ==, 1);
}

static void
test_newer_refused (void)
{
  g_autofree char *path = test_workspace_path ("newer.opora");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  opora_db_free (test_workspace_new ("newer.opora"));
  test_raw_exec (path, "PRAGMA user_version = 999");
  before = test_file_sha256 (path);

  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "999"));
  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_refused (void)
{
  struct { const char *name; const char *content; gssize length; } cases[] = {
    { "garbage.opora", "PK\003\004 this is a zip, not a database", -1 },
    { "text.opora", "Код ОО;Наименование\n001;СОШ № 1\n", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_workspace_path (cases[i].name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaDb) db = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].content, cases[i].length, NULL));
      before = test_file_sha256 (path);
      db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
      g_assert_null (db);
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_WORKSPACE);
      after = test_file_sha256 (path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_other_sqlite_refused (void)
{
  g_autofree char *path = test_workspace_path ("other.sqlite");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  test_raw_exec (path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
  before = test_file_sha256 (path);
  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_WORKSPACE);
  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing (void)
{
  g_autofree char *path = test_workspace_path ("missing.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);

  g_assert_null (db);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_read_only_file (void)
{
  g_autofree char *path = test_workspace_path ("ro.opora");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaTransaction) tx = NULL;

  opora_db_free (test_workspace_new ("ro.opora"));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = test_file_sha256 (path);

  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (opora_db_is_read_only (db));
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);

  tx = opora_db_begin (db, &error);
  g_assert_null (tx);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (opora_db_exec (db, "DELETE FROM indicator", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY);
  g_clear_pointer (&db, opora_db_free);

  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_flag (void)
{
  g_autofree char *path = test_workspace_path ("flag.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  opora_db_free (test_workspace_new ("flag.opora"));
  db = opora_db_open (path, OPORA_DB_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (opora_db_is_read_only (db));
}

static void
test_read_only_old_schema (void)
{
  g_autofree char *path = test_workspace_path ("ro-old.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  /* An empty SQLite file is schema 0: older than any Opora workspace. */
  test_raw_exec (path, "PRAGMA user_version = 0");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY);
}

static void
test_foreign_keys (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("fk.opora");
  g_autoptr(GError) error = NULL;

  g_assert_false (opora_db_exec (db,
    "INSERT INTO school_year_value (school_id, year, vals) VALUES (4242, 2025, '{\"1\":1}')",
    &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator_value"), ==, 0);
}

static void
test_transaction_rolls_back (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("tx.opora");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(OporaTransaction) tx = opora_db_begin (db, &error);
    g_assert_no_error (error);
    g_assert_true (opora_db_exec (db, "INSERT INTO school (code, name) VALUES ('001', 'СОШ № 1')", &error));
    /* Leaves the scope without a commit. */
  }
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);

  {
    g_autoptr(OporaTransaction) tx = opora_db_begin (db, &error);
    g_assert_true (opora_db_exec (db, "INSERT INTO school (code, name) VALUES ('001', 'СОШ № 1')", &error));
    g_assert_true (opora_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (opora_school_count (db, NULL), ==, 1);
}

static void
test_info (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("info.opora");
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = opora_db_dup_info (db, "name");
  g_autofree char *name = NULL;

  g_assert_null (missing);
  g_assert_true (opora_db_set_info (db, "name", "Первый", &error));
  g_assert_true (opora_db_set_info (db, "name", "Заречный округ", &error));
  g_assert_no_error (error);
  name = opora_db_dup_info (db, "name");
  g_assert_cmpstr (name, ==, "Заречный округ");
}

static void
test_default_path (void)
{
  g_autofree char *path = opora_db_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "opora", "opora.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* A workspace cut short (a copy interrupted, a disk failing): it is either
 * refused on opening or its first read fails, saying it is damaged and how
 * to get it back; the file is not changed either way. */
static void
test_truncated_refused (void)
{
  g_autofree char *path = test_workspace_path ("truncated.opora");
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  {
    g_autoptr(OporaDb) db = test_workspace_new ("truncated.opora");
    g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
    g_assert_true (opora_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length * 3 / 5, NULL));
  before = test_file_sha256 (path);
  {
    g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
    if (db != NULL)
      {
        g_autoptr(GPtrArray) problems = opora_check_run (db, &error);
        if (problems != NULL)
          g_assert_cmpuint (problems->len, >, 0);
      }
    if (error != NULL)
      {
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, "damaged"));
      }
  }
  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/db/create", test_create);
  g_test_add_func ("/core/db/migrate-from-each-version", test_migrate_from_each_version);
  g_test_add_func ("/core/db/migrate-values-to-packed", test_migrate_values_to_packed);
  g_test_add_func ("/core/db/newer-refused-unchanged", test_newer_refused);
  g_test_add_func ("/core/db/foreign-file-refused-unchanged", test_foreign_refused);
  g_test_add_func ("/core/db/other-sqlite-refused-unchanged", test_other_sqlite_refused);
  g_test_add_func ("/core/db/truncated-refused-unchanged", test_truncated_refused);
  g_test_add_func ("/core/db/missing", test_missing);
  g_test_add_func ("/core/db/read-only-file", test_read_only_file);
  g_test_add_func ("/core/db/read-only-flag", test_read_only_flag);
  g_test_add_func ("/core/db/read-only-old-schema", test_read_only_old_schema);
  g_test_add_func ("/core/db/foreign-keys", test_foreign_keys);
  g_test_add_func ("/core/db/transaction-rolls-back", test_transaction_rolls_back);
  g_test_add_func ("/core/db/info", test_info);
  g_test_add_func ("/core/db/default-path", test_default_path);

  return g_test_run ();
}
