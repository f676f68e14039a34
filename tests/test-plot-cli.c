/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli plot as a user runs it: files of each format, exit codes and messages. */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-util.h"

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
      g_auto(CliRun) run = { 0 };

      cli_run (&run, db_path, "plot", "--year", "2026", "--out", path, "--width", "800", "--height", "600", NULL);
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
  g_auto(CliRun) analyze = { 0 };
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) indicators = { 0 };

  cli_run (&analyze, db_path, "analyze", "--year", "2026", "--model", "kmeans", NULL);
  g_assert_cmpint (analyze.status, ==, 0);
  cli_run (&run, db_path, "plot", "--year", "2026", "--model", "kmeans", "--out", path, "--dpi", "150",
           "--presentation", "--arrows", "--trajectories", "--size-by-pupils", "--dark", "--title", "Title", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_file_starts (path, "\x89PNG", 4);
  cli_run (&indicators, db_path, "plot", "--year", "2026", "--x", "sp_low_income_share", "--y", "ege_rus_avg",
           "--trajectories", "--out", path, NULL);
  g_assert_cmpint (indicators.status, ==, 0);
  assert_file_starts (path, "\x89PNG", 4);
}

static void
test_usage (void)
{
  g_autofree char *path = g_build_filename (dir, "bad.png", NULL);
  g_auto(CliRun) no_year = { 0 };
  g_auto(CliRun) bad_name = { 0 };
  g_auto(CliRun) one_axis = { 0 };
  g_auto(CliRun) bad_model = { 0 };
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) bad_size = { 0 };

  cli_run (&no_year, db_path, "plot", "--out", path, NULL);
  g_assert_cmpint (no_year.status, ==, 2);
  g_assert_nonnull (strstr (no_year.err, "--year"));
  cli_run (&bad_name, db_path, "plot", "--year", "2026", "--out", "chart.gif", NULL);
  g_assert_cmpint (bad_name.status, ==, 2);
  g_assert_nonnull (strstr (bad_name.err, ".png, .svg or .pdf"));
  cli_run (&one_axis, db_path, "plot", "--year", "2026", "--x", "ege_rus_avg", "--out", path, NULL);
  g_assert_cmpint (one_axis.status, ==, 2);
  cli_run (&bad_model, db_path, "plot", "--year", "2026", "--model", "pca", "--out", path, NULL);
  g_assert_cmpint (bad_model.status, ==, 2);
  cli_run (&unknown, db_path, "plot", "--year", "2026", "--x", "nope", "--y", "ege_rus_avg", "--out", path, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "nope"));
  cli_run (&bad_size, db_path, "plot", "--year", "2026", "--width", "5", "--out", path, NULL);
  g_assert_cmpint (bad_size.status, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_auto(CliRun) demo = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("opora-plot-cli-XXXXXX", NULL);
  db_path = g_build_filename (dir, "demo.opora", NULL);
  cli_run (&demo, db_path, "demo", NULL);
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
