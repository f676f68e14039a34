/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opora-cli as a user runs it: exit codes, output, JSON and messages. */

#include <json-glib/json-glib.h>

#include "cli-util.h"
#include "test-util.h"

static void
test_usage (void)
{
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) bad_option = { 0 };
  g_auto(CliRun) version = { 0 };
  g_auto(CliRun) help = { 0 };

  cli_spawn (&none, "C.UTF-8", NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "schools"));

  cli_spawn (&unknown, "C.UTF-8", NULL, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command"));

  cli_spawn (&bad_option, "C.UTF-8", NULL, "schools", "--no-such-option", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  cli_spawn (&version, "C.UTF-8", NULL, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "opora-cli " PACKAGE_VERSION "\n");

  cli_spawn (&help, "C.UTF-8", NULL, "demo", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--seed"));
}

static void
test_demo_and_lists (void)
{
  g_autofree char *path = test_workspace_path ("cli.opora");
  g_auto(CliRun) demo = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) schools = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) indicators = { 0 };
  g_auto(CliRun) check = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  cli_run (&demo, path, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "40 schools, 3 years"));

  cli_spawn (&again, "C.UTF-8", NULL, "demo", "--db", path, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already has schools"));

  cli_run (&schools, path, "schools", NULL);
  g_assert_cmpint (schools.status, ==, 0);
  g_assert_true (g_str_has_prefix (schools.out, "040001\tМАОУ «Гимназия № 1 им. А. С. Пушкина»\t"));

  cli_spawn (&json, "C.UTF-8", NULL, "schools", "--db", path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 21), "code"), ==, "040022");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 21), "locality"), ==, "rural");

  cli_run (&indicators, path, "--json", "indicators", NULL);
  g_assert_cmpint (indicators.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, indicators.out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 79);

  cli_run (&check, path, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "sound"));
}

static void
test_bad_workspaces (void)
{
  g_autofree char *missing = test_workspace_path ("missing.opora");
  g_autofree char *garbage = test_workspace_path ("garbage.opora");
  g_autofree char *broken = test_workspace_path ("broken.opora");
  g_auto(CliRun) r_missing = { 0 };
  g_auto(CliRun) r_garbage = { 0 };
  g_auto(CliRun) r_broken = { 0 };
  g_auto(CliRun) r_demo = { 0 };

  cli_run (&r_missing, missing, "schools", NULL);
  g_assert_cmpint (r_missing.status, ==, 1);
  g_assert_nonnull (strstr (r_missing.err, "does not exist"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (garbage, "not a database at all, just text", -1, NULL));
  cli_run (&r_garbage, garbage, "check", NULL);
  g_assert_cmpint (r_garbage.status, ==, 1);
  g_assert_nonnull (strstr (r_garbage.err, "is not an Opora workspace"));

  cli_run (&r_demo, broken, "demo", "--seed", "3", NULL);
  g_assert_cmpint (r_demo.status, ==, 0);
  test_raw_exec (broken, "UPDATE school_year_value SET vals = json_set (vals, '$.\"' || "
                         "(SELECT id FROM indicator WHERE key = 'ege_rus_avg') || '\"', 500) "
                         "WHERE school_id = 1 AND year = 2024");
  cli_run (&r_broken, broken, "check", "--json", NULL);
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
  g_auto(CliRun) read = { 0 };
  g_auto(CliRun) dry = { 0 };
  g_auto(CliRun) import = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) history = { 0 };
  g_auto(CliRun) undo = { 0 };
  g_auto(CliRun) schools = { 0 };
  g_autofree char *report_text = NULL;
  gsize length = 0;

  cp1251 = g_convert ("Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\n"
                      "040001;СОШ № 1;71,5\n040002;СОШ № 2;сто\n", -1, "CP1251", "UTF-8", NULL, &length, NULL);
  g_assert_true (g_file_set_contents (csv, cp1251, length, NULL));

  cli_spawn (&read, "C.UTF-8", NULL, "read", csv, NULL);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_nonnull (strstr (read.out, "Encoding: CP1251"));
  g_assert_nonnull (strstr (read.out, "ege_rus_avg"));
  g_assert_nonnull (strstr (read.out, "year 2025"));

  cli_run (&dry, db, "import", csv, "--dry-run", "--report", report, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "Values: 1 new"));
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_nonnull (strstr (report_text, "\"3\";\"C\";\"error\";\"сто\""));

  cli_run (&import, db, "import", csv, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported as import 1"));
  cli_run (&again, db, "import", csv, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already imported"));

  cli_run (&history, db, "imports", NULL);
  g_assert_true (g_str_has_prefix (history.out, "1\t"));
  g_assert_nonnull (strstr (history.out, "ЕГЭ 2025.csv"));
  cli_run (&undo, db, "undo", "1", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  cli_run (&schools, db, "schools", NULL);
  g_assert_cmpstr (schools.out, ==, "");
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* analyze stores a run and prints the same as run N; the same input gives
 * the same clusters; pairs are decided; transitions, monitoring and the
 * exports work on the demo. */
static void
test_analyze (void)
{
  g_autofree char *db = test_workspace_path ("analyze.opora");
  g_autofree char *summary = test_workspace_path ("summary.xlsx");
  g_autofree char *clusters = test_workspace_path ("clusters.xlsx");
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_auto(CliRun) demo = { 0 };
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) second = { 0 };
  g_auto(CliRun) human = { 0 };
  g_auto(CliRun) runs = { 0 };
  g_auto(CliRun) accept = { 0 };
  g_auto(CliRun) shown = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_auto(CliRun) moves = { 0 };
  g_auto(CliRun) monitoring = { 0 };
  g_auto(CliRun) export1 = { 0 };
  g_auto(CliRun) export2 = { 0 };
  JsonObject *a, *b, *c;
  JsonArray *pairs;
  gint64 pair_id = 0;
  g_autofree char *pair_text = NULL;

  cli_run (&demo, db, "demo", "--values-only", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  cli_run (&first, db, "--json", "analyze", "--year", "2026", "--model", "kmeans", "-k", "3", NULL);
  g_assert_cmpint (first.status, ==, 0);
  cli_run (&second, db, "--json", "analyze", "--year", "2026", "--model", "kmeans", "-k", "3", NULL);
  a = parse_object (p1, first.out);
  b = parse_object (p2, second.out);
  g_assert_cmpint (json_object_get_int_member (a, "run"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (b, "run"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (a, "n_clusters"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "members")), ==, 40);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "sweep")), ==, 7);
  /* Bit for bit the same members, clusters and pairs. */
  {
    g_autofree char *ma = json_to_string (json_object_get_member (a, "members"), FALSE);
    g_autofree char *mb = json_to_string (json_object_get_member (b, "members"), FALSE);
    g_assert_cmpstr (ma, ==, mb);
  }

  cli_spawn (&human, "ru_RU.UTF-8", NULL, "--db", db, "analyze", "--year", "2026", "--no-save", NULL);
  g_assert_cmpint (human.status, ==, 0);
  g_assert_nonnull (strstr (human.out, "Сложный контингент, низкие результаты"));

  cli_run (&runs, db, "runs", NULL);
  g_assert_true (g_str_has_prefix (runs.out, "2\t"));
  g_assert_nonnull (strstr (runs.out, "\n1\t"));

  pairs = json_object_get_array_member (a, "pairs");
  for (guint i = 0; i < json_array_get_length (pairs) && pair_id == 0; i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      if (!json_object_get_null_member (pair, "base"))
        pair_id = json_object_get_int_member (pair, "id");
    }
  g_assert_cmpint (pair_id, >, 0);
  pair_text = g_strdup_printf ("%" G_GINT64_FORMAT, pair_id);
  cli_run (&accept, db, "pair", pair_text, "accept", NULL);
  g_assert_cmpint (accept.status, ==, 0);
  cli_run (&shown, db, "--json", "run", "1", NULL);
  c = parse_object (p3, shown.out);
  g_assert_nonnull (strstr (shown.out, "\"accepted\""));
  g_assert_cmpint (json_object_get_int_member (c, "n_clusters"), ==, 3);
  cli_run (&bad, db, "pair", pair_text, "accept", "--base", "nope", NULL);
  g_assert_cmpint (bad.status, ==, 1);

  cli_run (&moves, db, "transitions", "--from", "2025", "--to", "2026", NULL);
  g_assert_cmpint (moves.status, ==, 0);
  g_assert_nonnull (strstr (moves.out, "Falling out (2 → 1, 4 → 3)"));
  g_clear_pointer (&moves.out, g_free);
  g_clear_pointer (&moves.err, g_free);
  cli_run (&moves, db, "transitions", "--from-run", "1", "--to-run", "2", NULL);
  g_assert_cmpint (moves.status, ==, 0);
  g_assert_nonnull (strstr (moves.out, "Moves from 2026 (rows) to 2026 (columns)"));
  /* The same parameters on the same year: nobody moves. */
  g_assert_nonnull (strstr (moves.out, "\n1\t0\t"));

  {
    g_auto(CliRun) flags = { 0 };
    g_auto(CliRun) rule = { 0 };
    g_auto(CliRun) after = { 0 };

    cli_run (&flags, db, "flags", "--year", "2026", NULL);
    g_assert_cmpint (flags.status, ==, 0);
    g_assert_nonnull (strstr (flags.out, "negative-dynamics (v1)"));
    cli_run (&rule, db, "rule", "negative-dynamics", "--title", "Динамика", NULL);
    g_assert_cmpint (rule.status, ==, 0);
    cli_run (&after, db, "flags", "--year", "2026", "--rule", "negative-dynamics", NULL);
    g_assert_nonnull (strstr (after.out, "negative-dynamics (v2)"));
  }
  {
    g_auto(CliRun) backup = { 0 };
    g_auto(CliRun) list = { 0 };
    g_auto(CliRun) restore = { 0 };
    g_auto(CliRun) missing = { 0 };

    cli_run (&backup, db, "backup", "--keep", "4", NULL);
    g_assert_cmpint (backup.status, ==, 0);
    g_assert_true (g_str_has_prefix (backup.out, "Backed up to "));
    cli_run (&list, db, "backups", NULL);
    g_assert_true (g_str_has_prefix (list.out, "1\t"));
    g_assert_nonnull (strstr (list.out, "\tmanual\t"));
    cli_run (&restore, db, "restore", "1", NULL);
    g_assert_cmpint (restore.status, ==, 0);
    cli_run (&missing, db, "restore", "99", NULL);
    g_assert_cmpint (missing.status, ==, 1);
  }
  cli_run (&monitoring, db, "monitoring", "--year", "2026", NULL);
  g_assert_cmpint (monitoring.status, ==, 0);
  g_assert_nonnull (strstr (monitoring.out, "Monitoring 2026 against 2025"));

  cli_run (&export1, db, "export", "summary", "--year", "2026", "--out", summary, NULL);
  g_assert_cmpint (export1.status, ==, 0);
  g_assert_true (g_file_test (summary, G_FILE_TEST_IS_REGULAR));
  cli_run (&export2, db, "export", "clusters", "--run", "1", "--out", clusters, NULL);
  g_assert_cmpint (export2.status, ==, 0);
  g_assert_nonnull (strstr (export2.out, "Analysis 1 written"));
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
  g_test_add_func ("/cli/analyze", test_analyze);

  return g_test_run ();
}
