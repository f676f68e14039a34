/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli program and templates as a user runs them: exit codes, output, JSON. */

#include <json-glib/json-glib.h>

#include "opora-program.h"
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

/* Runs opora-cli --db PATH with the arguments (NULL-terminated) in the C locale. */
static void
cli (Run        *run,
     const char *path,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *) g_getenv ("OPORA_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) path);
  va_start (args, path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

#define assert_ok(run) G_STMT_START { if ((run).status != 0) g_error ("exit %d: %s", (run).status, (run).err); } G_STMT_END

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
workspace (const char *name)
{
  char *path = test_workspace_path (name);
  g_auto(Run) demo = { 0 };
  g_auto(Run) analyze = { 0 };

  g_remove (path);
  cli (&demo, path, "demo", "--values-only", NULL);
  assert_ok (demo);
  cli (&analyze, path, "analyze", "--year", "2026", NULL);
  assert_ok (analyze);
  return path;
}

/* Templates, then programs from a run: listed, shown and scored. */
static void
test_templates_and_from_run (void)
{
  g_autofree char *path = workspace ("program-cli.opora");
  g_auto(Run) templates = { 0 };
  g_auto(Run) from_run = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) score = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first;

  cli (&templates, path, "templates", "--json", NULL);
  assert_ok (templates);
  root = parse (templates.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "name"),
                   ==, "armavir");
  g_clear_pointer (&root, json_node_unref);

  cli (&from_run, path, "program", "from-run", "1", "--template", "lesosibirsk", NULL);
  assert_ok (from_run);
  g_assert_true (g_str_has_suffix (from_run.out, " programs created.\n"));

  cli (&list, path, "program", "list", "--year", "2027", "--json", "--today", "2026-10-15", NULL);
  assert_ok (list);
  root = parse (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >, 0);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (first, "first_year"), ==, 2027);
  g_assert_cmpint (json_object_get_int_member (first, "measures"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (first, "overdue"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "template"), ==, "lesosibirsk");
  g_clear_pointer (&root, json_node_unref);

  cli (&show, path, "program", "show", "1", NULL);
  assert_ok (show);
  g_assert_nonnull (strstr (show.out, "Организационно-методический блок"));
  g_assert_nonnull (strstr (show.out, "2026-09-01…2026-09-30"));

  cli (&score, path, "program", "score", "--today", "2026-10-15", NULL);
  assert_ok (score);
  g_assert_nonnull (strstr (score.out, "Municipality: "));
}

/* Add, edit, move and delete a measure; undo and redo; the bad ones say why. */
static void
test_edit_undo (void)
{
  g_autofree char *path = workspace ("program-cli-edit.opora");
  g_auto(Run) create = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) edit = { 0 };
  g_auto(Run) backwards = { 0 };
  g_auto(Run) gone = { 0 };
  g_auto(Run) undo = { 0 };
  g_auto(Run) redo = { 0 };
  g_auto(Run) nothing = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *m;

  cli (&create, path, "program", "create", "--school", "040005", "--year", "2027", NULL);
  assert_ok (create);
  g_assert_cmpstr (create.out, ==, "Program 1 created.\n");
  cli (&add, path, "program", "measure", "add", "1", "--title", "Семинар", "--start", "2026-10-01",
       "--end", "2026-10-15", "--target", "association", "--cyclic", "yes", "--count", "12", NULL);
  assert_ok (add);
  g_assert_cmpstr (add.out, ==, "Measure 1 added.\n");
  cli (&edit, path, "program", "measure", "edit", "1", "--status", "done", "--done", "2026-10-14", NULL);
  assert_ok (edit);
  cli (&backwards, path, "program", "measure", "edit", "1", "--end", "2026-09-01", NULL);
  g_assert_cmpint (backwards.status, ==, 1);
  g_assert_nonnull (strstr (backwards.err, "ends (2026-09-01) before it starts (2026-10-01)"));
  cli (&gone, path, "program", "measure", "add", "7", "--title", "X", "--start", "2026-10-01", "--end", "2026-10-01", NULL);
  g_assert_cmpint (gone.status, ==, 1);
  g_assert_nonnull (strstr (gone.err, "no program number 7"));

  cli (&undo, path, "program", "undo", NULL);
  assert_ok (undo);
  g_assert_cmpstr (undo.out, ==, "Undone: Edit a measure.\n");
  cli (&redo, path, "program", "redo", NULL);
  assert_ok (redo);
  g_assert_cmpstr (redo.out, ==, "Redone: Edit a measure.\n");
  cli (&nothing, path, "program", "redo", NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_nonnull (strstr (nothing.err, "nothing to redo"));

  cli (&show, path, "program", "show", "1", "--json", NULL);
  assert_ok (show);
  root = parse (show.out);
  m = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (m, "done_date"), ==, "2026-10-14");
  g_assert_cmpstr (json_object_get_string_member (m, "target"), ==, "association");
  g_assert_cmpint (json_object_get_int_member (m, "n_participants"), ==, 12);
  g_assert_true (json_object_get_boolean_member (m, "cyclic"));

  cli (&usage, path, "program", "create", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* Copy, due, export of one and of all. */
static void
test_copy_due_export (void)
{
  g_autofree char *path = workspace ("program-cli-export.opora");
  g_autofree char *one = test_workspace_path ("one.xlsx");
  g_autofree char *all = test_workspace_path ("all.xlsx");
  g_auto(Run) create = { 0 };
  g_auto(Run) copy = { 0 };
  g_auto(Run) due = { 0 };
  g_auto(Run) export_one = { 0 };
  g_auto(Run) export_all = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli (&create, path, "program", "create", "--school", "040005", "--year", "2027", "--template", "lesosibirsk", NULL);
  assert_ok (create);
  cli (&copy, path, "program", "copy", "1", NULL);
  assert_ok (copy);
  g_assert_cmpstr (copy.out, ==, "Program 2 is a copy of 1 for the next school year.\n");
  cli (&due, path, "program", "due", "--today", "2026-11-10", "--json", NULL);
  assert_ok (due);
  root = parse (due.out);
  /* September and October are overdue, November ends this month. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  cli (&export_one, path, "program", "export", "1", "--out", one, NULL);
  assert_ok (export_one);
  g_assert_true (g_file_test (one, G_FILE_TEST_IS_REGULAR));
  cli (&export_all, path, "program", "export", "--all", "--out", all, NULL);
  assert_ok (export_all);
  g_assert_true (g_file_test (all, G_FILE_TEST_IS_REGULAR));
  cli (&bad, path, "program", "export", "1", "--all", "--out", all, NULL);
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
