/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli dashboard as a user runs it: one A4 landscape PDF page in Russian, JSON, a workbook. */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "test-util.h"

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

/* Runs a program (NULL: opora-cli --db PATH) with the arguments in @locale. */
static void
spawn (Run        *run,
       const char *locale,
       const char *program,
       const char *path,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  if (program == NULL)
    {
      g_ptr_array_add (argv, (char *) g_getenv ("OPORA_CLI"));
      g_ptr_array_add (argv, (char *) "--db");
    }
  else
    g_ptr_array_add (argv, (char *) program);
  g_ptr_array_add (argv, (char *) path);
  va_start (args, path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

#define assert_ok(run) G_STMT_START { if ((run).status != 0) g_error ("exit %d: %s", (run).status, (run).err); } G_STMT_END

/* The demo with an analysis of 2025 and of 2026, so that the outcome has both years. */
static char *
workspace (const char *name)
{
  char *path = test_workspace_path (name);
  g_auto(Run) demo = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) now = { 0 };

  g_remove (path);
  spawn (&demo, "C.UTF-8", NULL, path, "demo", NULL);
  assert_ok (demo);
  spawn (&before, "C.UTF-8", NULL, path, "analyze", "--year", "2025", NULL);
  assert_ok (before);
  spawn (&now, "C.UTF-8", NULL, path, "analyze", "--year", "2026", NULL);
  assert_ok (now);
  return path;
}

static gboolean
have_ru (void)
{
  locale_t ru = newlocale (LC_ALL_MASK, "ru_RU.UTF-8", (locale_t) 0);

  if (ru == (locale_t) 0)
    return FALSE;
  freelocale (ru);
  return TRUE;
}

/* One page of A4 landscape (842 × 595 points) with the Russian words of the
 * outcome's clusters in it. */
static void
test_pdf (void)
{
  g_autofree char *path = workspace ("dashboard-cli.opora");
  g_autofree char *pdf = test_workspace_path ("dashboard.pdf");
  g_auto(Run) dashboard = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) text = { 0 };

  if (!have_ru ())
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (make sets it up)");
      return;
    }
  spawn (&dashboard, "ru_RU.UTF-8", NULL, path, "dashboard", "--year", "2026", "--today", "2026-11-29",
         "--pdf", pdf, NULL);
  assert_ok (dashboard);
  spawn (&info, "C.UTF-8", "pdfinfo", pdf, NULL);
  assert_ok (info);
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info.out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +842 x 595 pts", info.out, G_REGEX_MULTILINE, 0));
  spawn (&text, "C.UTF-8", "pdftotext", pdf, "-", NULL);
  assert_ok (text);
  g_assert_nonnull (strstr (text.out, "2025/26"));
  g_assert_nonnull (strstr (text.out, "Сложный"));
  g_assert_nonnull (strstr (text.out, "контингент"));
  g_assert_nonnull (strstr (text.out, "29.11.2026"));
}

static void
test_json_and_xlsx (void)
{
  g_autofree char *path = workspace ("dashboard-json.opora");
  g_autofree char *xlsx = test_workspace_path ("dashboard.xlsx");
  g_auto(Run) json = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *problem;

  spawn (&json, "C.UTF-8", NULL, path, "dashboard", "--json", "--today", "2026-11-29", "--xlsx", xlsx, NULL);
  assert_ok (json);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* Without --year: the latest analysed year. */
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2026);
  g_assert_cmpint (json_object_get_int_member (root, "run"), ==,
                   json_object_get_int_member (root, "previous_run") + 1);
  problem = json_object_get_object_member (json_object_get_object_member (root, "figures"), "problem");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (problem, "ids")), ==,
                    (guint) json_object_get_double_member (problem, "value"));
  g_assert_true (json_object_get_boolean_member (problem, "decrease_is_good"));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  spawn (&bad, "C.UTF-8", NULL, path, "dashboard", "--pdf", "dashboard.doc", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, ".pdf or .png"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/dashboard/pdf", test_pdf);
  g_test_add_func ("/cli/dashboard/json-and-xlsx", test_json_and_xlsx);
  return g_test_run ();
}
