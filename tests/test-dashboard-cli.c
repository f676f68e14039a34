/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli dashboard as a user runs it: one A4 landscape PDF page in Russian, JSON, a workbook. */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "cli-util.h"
#include "test-util.h"

/* The demo with an analysis of 2025 and of 2026, so that the outcome has both years. */
static char *
workspace (const char *name)
{
  char *path = test_workspace_path (name);
  g_auto(CliRun) demo = { 0 };
  g_auto(CliRun) before = { 0 };
  g_auto(CliRun) now = { 0 };

  g_remove (path);
  cli_run (&demo, path, "demo", NULL);
  cli_assert_ok (demo);
  cli_run (&before, path, "analyze", "--year", "2025", NULL);
  cli_assert_ok (before);
  cli_run (&now, path, "analyze", "--year", "2026", NULL);
  cli_assert_ok (now);
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
  g_auto(CliRun) dashboard = { 0 };
  g_auto(CliRun) info = { 0 };
  g_auto(CliRun) text = { 0 };

  if (!have_ru ())
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (make sets it up)");
      return;
    }
  cli_spawn (&dashboard, "ru_RU.UTF-8", NULL, "--db", path, "dashboard", "--year", "2026", "--today", "2026-11-29",
             "--pdf", pdf, NULL);
  cli_assert_ok (dashboard);
  cli_spawn (&info, "C.UTF-8", "pdfinfo", pdf, NULL);
  cli_assert_ok (info);
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info.out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +842 x 595 pts", info.out, G_REGEX_MULTILINE, 0));
  cli_spawn (&text, "C.UTF-8", "pdftotext", pdf, "-", NULL);
  cli_assert_ok (text);
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
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *problem;

  cli_run (&json, path, "dashboard", "--json", "--today", "2026-11-29", "--xlsx", xlsx, NULL);
  cli_assert_ok (json);
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

  cli_run (&bad, path, "dashboard", "--pdf", "dashboard.doc", NULL);
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
