/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli plot as a user runs it: files of each format, exit codes and messages. */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>


typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs opora-cli with the arguments (NULL-terminated) under the C locale. */
static void
cli (Run *run,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *) g_getenv ("OPORA_CLI"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (run->status))
    g_test_message ("opora-cli died of signal %d: %s", WTERMSIG (run->status), run->err);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

static char *db_path;
static char *dir;

/* The temporary folder holds only files. */
static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_remove (file);
    }
  g_rmdir (path);
}

static void
assert_file_starts (const char *path,
                    const char *magic,
                    gsize       length)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, length, magic, length);
  g_remove (path);
}

/* The newest stored run, else an analysis on the spot; each format by its extension. */
static void
test_formats (void)
{
  static const struct { const char *name; const char *magic; gsize length; } files[] = {
    { "chart.png", "\x89PNG\r\n\x1a\n", 8 }, { "chart.svg", "<?xml", 5 }, { "chart.pdf", "%PDF-", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_auto(Run) run = { 0 };

      cli (&run, "--db", db_path, "plot", "--year", "2026", "--out", path, "--width", "800", "--height", "600", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "written to"));
      assert_file_starts (path, files[i].magic, files[i].length);
    }
}

/* k-means, two indicators, every option at once, a PNG at 150 DPI. */
static void
test_options (void)
{
  g_autofree char *path = g_build_filename (dir, "kmeans.png", NULL);
  g_auto(Run) analyze = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) indicators = { 0 };

  cli (&analyze, "--db", db_path, "analyze", "--year", "2026", "--model", "kmeans", NULL);
  g_assert_cmpint (analyze.status, ==, 0);
  cli (&run, "--db", db_path, "plot", "--year", "2026", "--model", "kmeans", "--out", path, "--dpi", "150",
       "--presentation", "--arrows", "--trajectories", "--size-by-pupils", "--dark", "--title", "Title", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_file_starts (path, "\x89PNG", 4);
  cli (&indicators, "--db", db_path, "plot", "--year", "2026", "--x", "sp_low_income_share", "--y", "ege_rus_avg",
       "--trajectories", "--out", path, NULL);
  g_assert_cmpint (indicators.status, ==, 0);
  assert_file_starts (path, "\x89PNG", 4);
}

static void
test_usage (void)
{
  g_autofree char *path = g_build_filename (dir, "bad.png", NULL);
  g_auto(Run) no_year = { 0 };
  g_auto(Run) bad_name = { 0 };
  g_auto(Run) one_axis = { 0 };
  g_auto(Run) bad_model = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_size = { 0 };

  cli (&no_year, "--db", db_path, "plot", "--out", path, NULL);
  g_assert_cmpint (no_year.status, ==, 2);
  g_assert_nonnull (strstr (no_year.err, "--year"));
  cli (&bad_name, "--db", db_path, "plot", "--year", "2026", "--out", "chart.gif", NULL);
  g_assert_cmpint (bad_name.status, ==, 2);
  g_assert_nonnull (strstr (bad_name.err, ".png, .svg or .pdf"));
  cli (&one_axis, "--db", db_path, "plot", "--year", "2026", "--x", "ege_rus_avg", "--out", path, NULL);
  g_assert_cmpint (one_axis.status, ==, 2);
  cli (&bad_model, "--db", db_path, "plot", "--year", "2026", "--model", "pca", "--out", path, NULL);
  g_assert_cmpint (bad_model.status, ==, 2);
  cli (&unknown, "--db", db_path, "plot", "--year", "2026", "--x", "nope", "--y", "ege_rus_avg", "--out", path, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "nope"));
  cli (&bad_size, "--db", db_path, "plot", "--year", "2026", "--width", "5", "--out", path, NULL);
  g_assert_cmpint (bad_size.status, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_auto(Run) demo = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("opora-plot-cli-XXXXXX", NULL);
  db_path = g_build_filename (dir, "demo.opora", NULL);
  cli (&demo, "--db", db_path, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  g_test_add_func ("/plot/cli/formats", test_formats);
  g_test_add_func ("/plot/cli/options", test_options);
  g_test_add_func ("/plot/cli/usage", test_usage);

  status = g_test_run ();
  remove_dir (dir);
  g_free (db_path);
  g_free (dir);
  return status;
}
