/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli program and templates as a user runs them: exit codes, output, JSON. */

#include <json-glib/json-glib.h>

#include "opora-program.h"
#include "cli-util.h"
#include "test-util.h"

static char *
workspace (const char *name)
{
  char *path = test_workspace_path (name);
  g_auto(CliRun) demo = { 0 };
  g_auto(CliRun) analyze = { 0 };

  g_remove (path);
  cli_run (&demo, path, "demo", "--values-only", NULL);
  cli_assert_ok (demo);
  cli_run (&analyze, path, "analyze", "--year", "2026", NULL);
  cli_assert_ok (analyze);
  return path;
}

/* Templates, then programs from a run: listed, shown and scored. */
static void
test_templates_and_from_run (void)
{
  g_autofree char *path = workspace ("program-cli.opora");
  g_auto(CliRun) templates = { 0 };
  g_auto(CliRun) from_run = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) score = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first;

  cli_run (&templates, path, "templates", "--json", NULL);
  cli_assert_ok (templates);
  root = cli_parse_json (templates.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "name"),
                   ==, "armavir");
  g_clear_pointer (&root, json_node_unref);

  cli_run (&from_run, path, "program", "from-run", "1", "--template", "lesosibirsk", NULL);
  cli_assert_ok (from_run);
  g_assert_true (g_str_has_suffix (from_run.out, " programs created.\n"));

  cli_run (&list, path, "program", "list", "--year", "2027", "--json", "--today", "2026-10-15", NULL);
  cli_assert_ok (list);
  root = cli_parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >, 0);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (first, "first_year"), ==, 2027);
  g_assert_cmpint (json_object_get_int_member (first, "measures"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (first, "overdue"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "template"), ==, "lesosibirsk");
  g_clear_pointer (&root, json_node_unref);

  cli_run (&show, path, "program", "show", "1", NULL);
  cli_assert_ok (show);
  g_assert_nonnull (strstr (show.out, "Организационно-методический блок"));
  g_assert_nonnull (strstr (show.out, "2026-09-01…2026-09-30"));

  cli_run (&score, path, "program", "score", "--today", "2026-10-15", NULL);
  cli_assert_ok (score);
  g_assert_nonnull (strstr (score.out, "Municipality: "));
}

/* Add, edit, move and delete a measure; undo and redo; the bad ones say why. */
static void
test_edit_undo (void)
{
  g_autofree char *path = workspace ("program-cli-edit.opora");
  g_auto(CliRun) create = { 0 };
  g_auto(CliRun) add = { 0 };
  g_auto(CliRun) edit = { 0 };
  g_auto(CliRun) backwards = { 0 };
  g_auto(CliRun) gone = { 0 };
  g_auto(CliRun) undo = { 0 };
  g_auto(CliRun) redo = { 0 };
  g_auto(CliRun) nothing = { 0 };
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) usage = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *m;

  cli_run (&create, path, "program", "create", "--school", "040005", "--year", "2027", NULL);
  cli_assert_ok (create);
  g_assert_cmpstr (create.out, ==, "Program 1 created.\n");
  cli_run (&add, path, "program", "measure", "add", "1", "--title", "Семинар", "--start", "2026-10-01",
           "--end", "2026-10-15", "--target", "association", "--cyclic", "yes", "--count", "12", NULL);
  cli_assert_ok (add);
  g_assert_cmpstr (add.out, ==, "Measure 1 added.\n");
  cli_run (&edit, path, "program", "measure", "edit", "1", "--status", "done", "--done", "2026-10-14", NULL);
  cli_assert_ok (edit);
  cli_run (&backwards, path, "program", "measure", "edit", "1", "--end", "2026-09-01", NULL);
  g_assert_cmpint (backwards.status, ==, 1);
  g_assert_nonnull (strstr (backwards.err, "ends (2026-09-01) before it starts (2026-10-01)"));
  cli_run (&gone, path, "program", "measure", "add", "7", "--title", "X", "--start", "2026-10-01", "--end", "2026-10-01", NULL);
  g_assert_cmpint (gone.status, ==, 1);
  g_assert_nonnull (strstr (gone.err, "no program number 7"));

  cli_run (&undo, path, "program", "undo", NULL);
  cli_assert_ok (undo);
  g_assert_cmpstr (undo.out, ==, "Undone: Edit a measure.\n");
  cli_run (&redo, path, "program", "redo", NULL);
  cli_assert_ok (redo);
  g_assert_cmpstr (redo.out, ==, "Redone: Edit a measure.\n");
  cli_run (&nothing, path, "program", "redo", NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_nonnull (strstr (nothing.err, "nothing to redo"));

  cli_run (&show, path, "program", "show", "1", "--json", NULL);
  cli_assert_ok (show);
  root = cli_parse_json (show.out);
  m = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (m, "done_date"), ==, "2026-10-14");
  g_assert_cmpstr (json_object_get_string_member (m, "target"), ==, "association");
  g_assert_cmpint (json_object_get_int_member (m, "n_participants"), ==, 12);
  g_assert_true (json_object_get_boolean_member (m, "cyclic"));

  cli_run (&usage, path, "program", "create", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* Copy, due, export of one and of all. */
static void
test_copy_due_export (void)
{
  g_autofree char *path = workspace ("program-cli-export.opora");
  g_autofree char *one = test_workspace_path ("one.xlsx");
  g_autofree char *all = test_workspace_path ("all.xlsx");
  g_auto(CliRun) create = { 0 };
  g_auto(CliRun) copy = { 0 };
  g_auto(CliRun) due = { 0 };
  g_auto(CliRun) export_one = { 0 };
  g_auto(CliRun) export_all = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli_run (&create, path, "program", "create", "--school", "040005", "--year", "2027", "--template", "lesosibirsk", NULL);
  cli_assert_ok (create);
  cli_run (&copy, path, "program", "copy", "1", NULL);
  cli_assert_ok (copy);
  g_assert_cmpstr (copy.out, ==, "Program 2 is a copy of 1 for the next school year.\n");
  cli_run (&due, path, "program", "due", "--today", "2026-11-10", "--json", NULL);
  cli_assert_ok (due);
  root = cli_parse_json (due.out);
  /* September and October are overdue, November ends this month. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  cli_run (&export_one, path, "program", "export", "1", "--out", one, NULL);
  cli_assert_ok (export_one);
  g_assert_true (g_file_test (one, G_FILE_TEST_IS_REGULAR));
  cli_run (&export_all, path, "program", "export", "--all", "--out", all, NULL);
  cli_assert_ok (export_all);
  g_assert_true (g_file_test (all, G_FILE_TEST_IS_REGULAR));
  cli_run (&bad, path, "program", "export", "1", "--all", "--out", all, NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/program-cli/templates-and-from-run", test_templates_and_from_run);
  g_test_add_func ("/program-cli/edit-undo", test_edit_undo);
  g_test_add_func ("/program-cli/copy-due-export", test_copy_due_export);
  return g_test_run ();
}
