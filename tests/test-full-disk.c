/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk during an import, an edit and an export: a clear message, the workspace as
 * it was, no half-written file. The disk fills up by a file-size limit (ulimit -f) on opora-cli. */

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "opora-analysis-store.h"
#include "opora-check.h"
#include "opora-demo.h"
#include "test-util.h"

#define N_SCHOOLS 20000

/* Runs opora-cli with writes past @kib KiB failing as on a full disk (EFBIG, the signal ignored). */
static int
run_limited (guint        kib,
             char       **err,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) command = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  va_list args;
  const char *arg;

  /* dash counts ulimit -f in 512-byte blocks. */
  g_string_printf (command, "trap '' XFSZ; ulimit -f %u; exec \"$@\"", kib * 2);
  g_ptr_array_add (argv, g_strdup ("/bin/sh"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (command->str));
  g_ptr_array_add (argv, g_strdup ("sh"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("OPORA_CLI")));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  p = g_subprocess_newv ((const char * const *) argv->pdata,
                         G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, NULL, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (p);
}

static void
write_csv (const char *path)
{
  g_autoptr(GString) text = g_string_new ("Код ОО;Наименование ОО;ЕГЭ, русский язык: средний балл;"
                                          "Доля детей из малообеспеченных семей;Численность обучающихся\n");

  for (guint s = 0; s < N_SCHOOLS; s++)
    g_string_append_printf (text, "%06u;Школа № %u;%u;%u;%u\n", 600000 + s, s + 1, 50 + s % 40, 10 + s % 50, 100 + s % 900);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static guint
file_kib (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size / 1024;
}

static void
test_import (void)
{
  g_autofree char *csv = test_workspace_path ("big.csv");
  g_autofree char *path = test_workspace_path ("full.opora");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 values;
  int status;

  {
    g_autoptr(OporaDb) db = test_workspace_new ("full.opora");
    g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
    g_assert_true (opora_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    values = test_query_int (db, "SELECT count(*) FROM indicator_value");
  }
  write_csv (csv);

  /* Room for the backup made first, not for 20,000 more schools. */
  status = run_limited (file_kib (path) + 256, &err, "--db", path, "import", csv, "--year", "2026", NULL);
  g_test_message ("opora-cli said: %s", err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "disk is full"));
  {
    g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_no_error (error);
    problems = opora_check_run (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, 40);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator_value"), ==, values);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_batch"), ==, 0);
  }
}

static void
test_export (void)
{
  g_autofree char *path = test_workspace_path ("export.opora");
  g_autofree char *out = test_workspace_path ("values.xlsx");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(OporaDb) db = test_workspace_new ("export.opora");
    g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  }
  /* The workbook (57 KB) does not fit; the workspace's shared memory (32 KB) does. */
  g_remove (out);
  g_assert_cmpint (run_limited (40, &err, "--db", path, "export", "values", "--out", out, NULL), ==, 1);
  g_test_message ("opora-cli said: %s", err);
  g_assert_nonnull (strstr (err, "the disk filled up"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* An edit of the programs that does not fit: the message, and neither the edit nor its
 * journal entry; with room, the same edit goes through. */
static void
test_edit (void)
{
  g_autofree char *path = test_workspace_path ("edit.opora");
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  g_autofree char *run = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(OporaDb) db = test_workspace_new ("edit.opora");
    g_autoptr(OporaAnalysisParams) params = NULL;
    g_autoptr(OporaAnalysis) analysis = NULL;

    g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
    params = opora_analysis_params_new (db, 2026, OPORA_MODEL_QUADRANT, &error);
    analysis = opora_analysis_run (db, params, NULL, &error);
    g_assert_true (opora_analysis_save (db, analysis, &error));
    run = g_strdup_printf ("%" G_GINT64_FORMAT, analysis->id);
    g_assert_true (opora_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }
  /* Room for the shared memory (32 KiB), not for the programs of twenty schools. */
  g_assert_cmpint (run_limited (64, &err, "--db", path, "program", "from-run", run, "--template", "safonovo", NULL), ==, 1);
  g_test_message ("opora-cli said: %s", err);
  g_assert_nonnull (strstr (err, "disk is full"));
  {
    g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_no_error (error);
    problems = opora_check_run (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==, 0);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM measure"), ==, 0);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program_edit"), ==, 0);
  }
  g_assert_cmpint (run_limited (1 << 20, &again, "--db", path, "program", "from-run", run, "--template", "safonovo", NULL), ==, 0);
  {
    g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);

    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), >, 0);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program_edit"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/full-disk/import", test_import);
  g_test_add_func ("/full-disk/export", test_export);
  g_test_add_func ("/full-disk/edit", test_edit);
  return g_test_run ();
}
