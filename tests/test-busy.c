/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two programs on one workspace: readers go on while one writes; a second writer waits,
 * then says who holds the workspace; nothing is damaged. */

#include <gio/gio.h>

#include "opora-check.h"
#include "opora-demo.h"
#include "test-util.h"

static int
cli (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("OPORA_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  p = g_subprocess_newv ((const char * const *) argv->pdata,
                         G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (p);
}

static void
test_second_writer (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("busy.opora");
  g_autofree char *path = g_strdup (opora_db_get_path (db));
  g_autofree char *me = g_strdup_printf ("process %d", (int) getpid ());
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_set_prgname ("test-busy");
  tx = opora_db_begin (db, &error);
  g_assert_no_error (error);
  g_assert_true (opora_db_exec (db, "UPDATE school SET short_name = 'переименована' WHERE id = 1", &error));

  /* A reader is not kept waiting and sees the committed state. */
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (&out, &err, "--db", path, "schools", NULL), ==, 0);
    g_assert_null (strstr (out, "переименована"));
  }
  /* A writer waits, then names us. */
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (&out, &err, "--db", path, "rule", "negative-dynamics", "--disable", NULL), ==, 1);
    g_test_message ("%s", err);
    g_assert_nonnull (strstr (err, "test-busy"));
    g_assert_nonnull (strstr (err, me));
  }
  g_assert_true (opora_transaction_commit (tx, &error));
  g_clear_pointer (&tx, opora_transaction_free);
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (cli (&out, &err, "--db", path, "rule", "negative-dynamics", "--disable", NULL), ==, 0);
  }
  problems = opora_check_run (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT enabled FROM rule WHERE name = 'negative-dynamics'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/busy/second-writer", test_second_writer);
  return g_test_run ();
}
