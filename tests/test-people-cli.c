/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli people, rubric, evaluate and evaluations as a user runs them. */

#include <string.h>

#include "cli-util.h"
#include "test-util.h"

static char *
demo_workspace (const char *name)
{
  char *path = test_workspace_path (name);
  g_auto(CliRun) demo = { 0 };

  g_remove (path);
  cli_run (&demo, path, "demo", NULL);
  cli_assert_ok (demo);
  return path;
}

/* Add a mentor, assign them, score them (an off-scale score refused), list, archive. */
static void
test_people_and_evaluations (void)
{
  g_autofree char *path = demo_workspace ("people-cli.opora");
  g_auto(CliRun) add = { 0 }, bad_add = { 0 }, assign = { 0 }, off = { 0 }, score = { 0 }, again = { 0 };
  g_auto(CliRun) list = { 0 }, show = { 0 }, archive = { 0 }, listed = { 0 };
  g_autoptr(JsonNode) scored = NULL, evaluations = NULL, people = NULL;
  JsonObject *o;

  cli_run (&add, path, "people", "add", "--role", "mentor", "--name", "Новикова Вера Павловна",
           "--position", "директор", "--school", "040001", NULL);
  cli_assert_ok (add);
  g_assert_nonnull (strstr (add.out, "mentor 17: Новикова Вера Павловна"));
  cli_run (&bad_add, path, "people", "add", "--role", "teacher", "--name", "Кто-то", NULL);
  g_assert_cmpint (bad_add.status, ==, 1);
  g_assert_nonnull (strstr (bad_add.err, "not a role"));

  cli_run (&assign, path, "people", "assign", "17", "040010", "--year", "2027", NULL);
  cli_assert_ok (assign);

  cli_run (&off, path, "evaluate", "--rubric", "1", "--person", "17", "--year", "2027", "--score", "1=3", NULL);
  g_assert_cmpint (off.status, ==, 1);
  g_assert_nonnull (strstr (off.err, "is scored 0, 1 or 2; 3 is not on its scale"));

  /* 2+1+1+2+0+1 = 7: satisfactory (6–10). */
  cli_run (&score, path, "--json", "evaluate", "--rubric", "1", "--person", "17", "--year", "2027",
           "--score", "1=2", "--score", "2=1", "--score", "3=1", "--score", "4=2", "--score", "5=0", "--score", "6=1",
           "--comment", "1=Положение о наставничестве утверждено", "--evaluator", "ИМЦ", "--date", "2027-06-20", NULL);
  cli_assert_ok (score);
  scored = cli_parse_json (score.out);
  o = json_node_get_object (scored);
  g_assert_cmpfloat (json_object_get_double_member (o, "total"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "удовлетворительный");
  g_assert_true (json_object_get_boolean_member (o, "complete"));

  /* Scoring again edits the same evaluation: 7 + 1 = 8. */
  cli_run (&again, path, "evaluate", "--rubric", "1", "--person", "17", "--year", "2027", "--score", "5=1", NULL);
  cli_assert_ok (again);
  g_assert_nonnull (strstr (again.out, "8 of 12"));

  cli_run (&list, path, "--json", "evaluations", "--person", "17", NULL);
  cli_assert_ok (list);
  evaluations = cli_parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (evaluations)), ==, 1);

  cli_run (&show, path, "people", "show", "17", NULL);
  cli_assert_ok (show);
  g_assert_nonnull (strstr (show.out, "040010"));
  g_assert_nonnull (strstr (show.out, "8 of 12"));

  cli_run (&archive, path, "people", "archive", "17", NULL);
  cli_assert_ok (archive);
  cli_run (&listed, path, "--json", "people", "list", NULL);
  people = cli_parse_json (listed.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (people)), ==, 16);
}

/* A rubric shown as JSON, edited and saved as a new one; an evaluated rubric's points stay. */
static void
test_rubric_json (void)
{
  g_autofree char *path = demo_workspace ("rubric-cli.opora");
  g_autofree char *file = test_workspace_path ("rubric.json");
  g_auto(CliRun) show = { 0 }, save_new = { 0 }, save_edit = { 0 }, list = { 0 };
  g_autoptr(JsonNode) rubric = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;

  cli_run (&show, path, "rubric", "show", "2", NULL);
  cli_assert_ok (show);
  rubric = cli_parse_json (show.out);
  o = json_node_get_object (rubric);
  g_assert_cmpfloat (json_object_get_double_member (o, "max_total"), ==, 12);

  /* Changing a point of the evaluated tutor rubric is refused… */
  json_object_set_double_member (json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (o, "criteria"), 0), "options"), 2),
      "points", 3);
  text = json_to_string (rubric, TRUE);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  cli_run (&save_edit, path, "rubric", "save", file, NULL);
  g_assert_cmpint (save_edit.status, ==, 1);
  g_assert_nonnull (strstr (save_edit.err, "Duplicate the rubric"));

  /* …and saved without its id and under another name, it is a new rubric. */
  json_object_remove_member (o, "id");
  json_object_set_string_member (o, "name", "Тьютор: расширенная шкала");
  g_free (text);
  text = json_to_string (rubric, TRUE);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  cli_run (&save_new, path, "rubric", "save", file, NULL);
  cli_assert_ok (save_new);
  g_assert_nonnull (strstr (save_new.out, "Rubric 4 saved"));
  cli_run (&list, path, "rubric", "list", NULL);
  g_assert_nonnull (strstr (list.out, "0–13 points"));
}

static void
test_import (void)
{
  g_autofree char *path = demo_workspace ("import-cli.opora");
  g_autofree char *csv = test_workspace_path ("list.csv");
  g_auto(CliRun) import = { 0 }, bad = { 0 };

  g_assert_true (g_file_set_contents (csv, "ФИО;Роль;Код ОО;Закреплённые школы\n"
                                           "Орлова Дарья Ильинична;тьютор;040002;040030\n", -1, NULL));
  cli_run (&import, path, "people", "import", csv, "--year", "2027", NULL);
  cli_assert_ok (import);
  g_assert_nonnull (strstr (import.out, "1 added, 0 updated, 1 assignments added"));
  cli_run (&bad, path, "people", "import", csv, NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/people-cli/people-and-evaluations", test_people_and_evaluations);
  g_test_add_func ("/people-cli/rubric-json", test_rubric_json);
  g_test_add_func ("/people-cli/import", test_import);
  return g_test_run ();
}
