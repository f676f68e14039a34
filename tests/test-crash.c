/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety: opora-cli import killed with SIGKILL at 50 moments leaves the workspace whole,
 * holding either everything it had before or everything the import brought, never a mix. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "opora-check.h"
#include "opora-demo.h"
#include "test-util.h"

#define N_KILLS     50
#define N_SCHOOLS   3000
#define N_COLUMNS   12

static const char *columns[N_COLUMNS] = {
  "ЕГЭ, русский язык: средний балл", "ЕГЭ, профильная математика: средний балл",
  "ОГЭ, русский язык: средняя отметка", "ОГЭ, математика: средняя отметка",
  "Доля детей из малообеспеченных семей", "Доля родителей с высшим образованием",
  "Доля обучающихся с ОВЗ", "Доля детей из неполных семей", "Доля детей из многодетных семей",
  "Численность обучающихся", "Численность педагогических работников", "Число вакансий педагогов",
};

static void
write_csv (const char *path)
{
  g_autoptr(GString) text = g_string_new ("Код ОО;Наименование ОО");

  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (text, ";%s", columns[c]);
  g_string_append_c (text, '\n');
  for (guint s = 0; s < N_SCHOOLS; s++)
    {
      g_string_append_printf (text, "%06u;Школа № %u", 500000 + s, s + 1);
      for (guint c = 0; c < N_COLUMNS; c++)
        g_string_append_printf (text, ";%u", c < 2 ? 50 + (s + c) % 40 : c < 4 ? 3 : c < 9 ? 10 + (s * 7 + c) % 60
                                                                                    : 20 + (s + c) % 500);
      g_string_append_c (text, '\n');
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static void
remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *backups = g_strconcat (path, ".backups", NULL);
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (backups, name, NULL);
      g_remove (file);
    }
  g_rmdir (backups);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

static GSubprocess *
start_import (const char *db,
              const char *csv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                     g_getenv ("OPORA_CLI"), "--db", db, "import", csv, "--year", "2026", NULL);
  g_assert_no_error (error);
  return p;
}

/* The workspace opens, passes every check, and holds the old or the whole new state. */
static gboolean
assert_whole (const char *path,
              gint64      old_values,
              gint64      new_values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
  g_autoptr(GPtrArray) problems = NULL;
  gint64 schools, values;

  g_assert_no_error (error);
  problems = opora_check_run (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  schools = test_query_int (db, "SELECT count(*) FROM school");
  values = test_query_int (db, "SELECT count(*) FROM indicator_value");
  if (schools == 40)
    {
      g_assert_cmpint (values, ==, old_values);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_batch"), ==, 0);
      return FALSE;
    }
  g_assert_cmpint (schools, ==, 40 + N_SCHOOLS);
  g_assert_cmpint (values, ==, new_values);
  return TRUE;
}

static void
test_kill_import (void)
{
  g_autofree char *base = test_workspace_path ("base.opora");
  g_autofree char *work = test_workspace_path ("work.opora");
  g_autofree char *csv = test_workspace_path ("schools.csv");
  g_autoptr(GError) error = NULL;
  gint64 old_values, new_values, micros;
  guint old_states = 0, new_states = 0;

  {
    g_autoptr(OporaDb) db = test_workspace_new ("base.opora");
    g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
    g_assert_no_error (error);
    old_values = test_query_int (db, "SELECT count(*) FROM indicator_value");
    g_assert_true (opora_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }
  write_csv (csv);

  /* One whole import, timed, gives the span to kill in and the new state. */
  remove_workspace (work);
  copy_file (base, work);
  {
    g_autoptr(GSubprocess) p = start_import (work, csv);
    gint64 start = g_get_monotonic_time ();

    g_assert_true (g_subprocess_wait_check (p, NULL, &error));
    g_assert_no_error (error);
    micros = g_get_monotonic_time () - start;
  }
  {
    g_autoptr(OporaDb) db = opora_db_open (work, OPORA_DB_MUST_EXIST, &error);
    new_values = test_query_int (db, "SELECT count(*) FROM indicator_value");
  }
  g_assert_cmpint (new_values, ==, old_values + (gint64) N_SCHOOLS * N_COLUMNS);
  g_test_message ("one import takes %.0f ms", micros / 1000.0);

  for (guint k = 0; k < N_KILLS; k++)
    {
      /* The last five kills wait longer than the timed import took, so that some land
       * after the commit even when the machine has slowed down since (CI runs this
       * under the sanitizers beside other tests). */
      static const double late[] = { 1.2, 1.5, 2, 3, 4 };
      g_autoptr(GSubprocess) p = NULL;

      remove_workspace (work);
      copy_file (base, work);
      p = start_import (work, csv);
      /* From the start to the usual end, then past it. */
      if (k < N_KILLS - G_N_ELEMENTS (late))
        g_usleep (micros * k / (N_KILLS - G_N_ELEMENTS (late)));
      else
        g_usleep (micros * late[k - (N_KILLS - G_N_ELEMENTS (late))]);
      g_subprocess_send_signal (p, SIGKILL);
      g_subprocess_wait (p, NULL, NULL);
      if (assert_whole (work, old_values, new_values))
        new_states++;
      else
        old_states++;
    }
  g_test_message ("%u kills: %u left the old state, %u the whole new one", N_KILLS, old_states, new_states);
  /* The kills must have landed both before and after the commit. */
  g_assert_cmpuint (old_states, >, 0);
  g_assert_cmpuint (new_states, >, 0);
  remove_workspace (work);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/crash/kill-import", test_kill_import);
  return g_test_run ();
}
