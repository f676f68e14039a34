/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of turning SQLite errors into OPORA_ERROR. */

#include "opora-error.h"
#include "test-util.h"

static void
test_database_error (void)
{
  g_autoptr(sqlite3) handle = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "SELECT * FROM nowhere", NULL, NULL, NULL), ==, SQLITE_ERROR);
  g_assert_false (opora_error_set_from_sqlite (&error, handle, "Reading"));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, "Reading: database error (no such table: nowhere).");
}

static void
test_read_only_error (void)
{
  g_autofree char *path = test_workspace_path ("ro.sqlite");
  g_autoptr(sqlite3) handle = NULL;
  g_autoptr(GError) error = NULL;

  test_raw_exec (path, "CREATE TABLE t (x)");
  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_extended_result_codes (handle, 1);
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), !=, SQLITE_OK);
  opora_error_set_from_sqlite (&error, handle, "Saving");
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "Saving: "));
}

static void
test_no_handle (void)
{
  g_autoptr(GError) error = NULL;

  opora_error_set_from_sqlite (&error, NULL, "Opening");
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE);
  /* Ignoring the error is allowed. */
  g_assert_false (opora_error_set_from_sqlite (NULL, NULL, "Opening"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/error/database", test_database_error);
  g_test_add_func ("/core/error/read-only", test_read_only_error);
  g_test_add_func ("/core/error/no-handle", test_no_handle);

  return g_test_run ();
}
