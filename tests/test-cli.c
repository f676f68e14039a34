/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli as a user runs it: exit codes, output, JSON and messages. */

#include <json-glib/json-glib.h>

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

/* Runs opora-cli with the arguments (NULL-terminated) under @lang. */
static void
cli (Run        *run,
     const char *lang,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *) g_getenv ("OPORA_CLI"));
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", lang, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };

  cli (&none, "C.UTF-8", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "schools"));

  cli (&unknown, "C.UTF-8", "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command"));

  cli (&bad_option, "C.UTF-8", "schools", "--no-such-option", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  cli (&version, "C.UTF-8", "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "opora-cli " PACKAGE_VERSION "\n");

  cli (&help, "C.UTF-8", "demo", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--seed"));
}

static void
test_demo_and_lists (void)
{
  g_autofree char *path = test_workspace_path ("cli.opora");
  g_auto(Run) demo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) schools = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) indicators = { 0 };
  g_auto(Run) check = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  cli (&demo, "C.UTF-8", "--db", path, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "40 schools, 3 years"));

  cli (&again, "C.UTF-8", "demo", "--db", path, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already has schools"));

  cli (&schools, "C.UTF-8", "--db", path, "schools", NULL);
  g_assert_cmpint (schools.status, ==, 0);
  g_assert_true (g_str_has_prefix (schools.out, "040001\tМАОУ «Гимназия № 1 им. А. С. Пушкина»\t"));

  cli (&json, "C.UTF-8", "schools", "--db", path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 21), "code"), ==, "040022");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 21), "locality"), ==, "rural");

  cli (&indicators, "C.UTF-8", "--db", path, "--json", "indicators", NULL);
  g_assert_cmpint (indicators.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, indicators.out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 79);

  cli (&check, "C.UTF-8", "--db", path, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "sound"));
}

static void
test_bad_workspaces (void)
{
  g_autofree char *missing = test_workspace_path ("missing.opora");
  g_autofree char *garbage = test_workspace_path ("garbage.opora");
  g_autofree char *broken = test_workspace_path ("broken.opora");
  g_auto(Run) r_missing = { 0 };
  g_auto(Run) r_garbage = { 0 };
  g_auto(Run) r_broken = { 0 };
  g_auto(Run) r_demo = { 0 };

  cli (&r_missing, "C.UTF-8", "--db", missing, "schools", NULL);
  g_assert_cmpint (r_missing.status, ==, 1);
  g_assert_nonnull (strstr (r_missing.err, "does not exist"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (garbage, "not a database at all, just text", -1, NULL));
  cli (&r_garbage, "C.UTF-8", "--db", garbage, "check", NULL);
  g_assert_cmpint (r_garbage.status, ==, 1);
  g_assert_nonnull (strstr (r_garbage.err, "is not an Opora workspace"));

  cli (&r_demo, "C.UTF-8", "--db", broken, "demo", "--seed", "3", NULL);
  g_assert_cmpint (r_demo.status, ==, 0);
  test_raw_exec (broken, "UPDATE school_year_value SET vals = json_set (vals, '$.\"' || "
                         "(SELECT id FROM indicator WHERE key = 'ege_rus_avg') || '\"', 500) "
                         "WHERE school_id = 1 AND year = 2024");
  cli (&r_broken, "C.UTF-8", "--db", broken, "check", "--json", NULL);
  g_assert_cmpint (r_broken.status, ==, 1);
  g_assert_nonnull (strstr (r_broken.out, "\"ok\" : false"));
  g_assert_nonnull (strstr (r_broken.err, "problem"));
}

static void
test_read_import_undo (void)
{
  g_autofree char *db = test_workspace_path ("imports.opora");
  g_autofree char *csv = test_workspace_path ("ЕГЭ 2025.csv");
  g_autofree char *report = test_workspace_path ("report.csv");
  g_autofree char *cp1251 = NULL;
  g_auto(Run) read = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) schools = { 0 };
  g_autofree char *report_text = NULL;
  gsize length = 0;

  cp1251 = g_convert ("Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\n"
                      "040001;СОШ № 1;71,5\n040002;СОШ № 2;сто\n", -1, "CP1251", "UTF-8", NULL, &length, NULL);
  g_assert_true (g_file_set_contents (csv, cp1251, length, NULL));

  cli (&read, "C.UTF-8", "read", csv, NULL);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.out, "Encoding: CP1251"));
  g_assert_nonnull (strstr (read.out, "ege_rus_avg"));
  g_assert_nonnull (strstr (read.out, "year 2025"));

  cli (&dry, "C.UTF-8", "--db", db, "import", csv, "--dry-run", "--report", report, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "Values: 1 new"));
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_nonnull (strstr (report_text, "\"3\";\"C\";\"error\";\"сто\""));

  cli (&import, "C.UTF-8", "--db", db, "import", csv, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported as import 1"));
  cli (&again, "C.UTF-8", "--db", db, "import", csv, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already imported"));

  cli (&history, "C.UTF-8", "--db", db, "imports", NULL);
  g_assert_true (g_str_has_prefix (history.out, "1\t"));
  g_assert_nonnull (strstr (history.out, "ЕГЭ 2025.csv"));
  cli (&undo, "C.UTF-8", "--db", db, "undo", "1", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  cli (&schools, "C.UTF-8", "--db", db, "schools", NULL);
  g_assert_cmpstr (schools.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/demo-and-lists", test_demo_and_lists);
  g_test_add_func ("/cli/bad-workspaces", test_bad_workspaces);
  g_test_add_func ("/cli/read-import-undo", test_read_import_undo);

  return g_test_run ();
}
