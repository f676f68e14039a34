/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the workspace integrity check: a sound demo, then one broken rule at a time. */

#include "opora-check.h"
#include "opora-demo.h"
#include "test-util.h"

static OporaDb *
demo_workspace (void)
{
  OporaDb *db = test_workspace_new ("check.opora");
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill (db, 7, &error));
  g_assert_no_error (error);
  return db;
}

static void
test_sound (void)
{
  g_autoptr(OporaDb) db = demo_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = opora_check_run (db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_broken_rules (void)
{
  /* Each SQL breaks one rule behind the check's back; the message names the culprit. */
  static const struct { const char *sql; const char *needle; } cases[] = {
    { "UPDATE school_year_value SET vals = json_set (vals,"
      " '$.\"' || (SELECT id FROM indicator WHERE key = 'ege_rus_avg') || '\"', 140)"
      " WHERE school_id = 1 AND year = 2025",
      "040001" },
    { "UPDATE school_year_value SET vals = json_set (vals,"
      " '$.\"' || (SELECT id FROM indicator WHERE key = 'vpr_nonobjective') || '\"', 0.5)"
      " WHERE school_id = 2 AND year = 2024",
      "vpr_nonobjective" },
    { "UPDATE indicator SET participants_key = 'gone_n' WHERE key = 'oge_rus_avg'",
      "gone_n" },
    { "UPDATE school SET code = ' 040003' WHERE id = 3",
      " 040003" },
    { "INSERT INTO import_batch (id, file_name, sha256, created, undone)"
      " VALUES (5, 'a.xlsx', 'x', '2026-01-01', 1);"
      "UPDATE school_year_value SET batch_id = 5 WHERE school_id = 4 AND year = 2026",
      "040004" },
    { "PRAGMA foreign_keys = OFF; INSERT INTO school_year_value VALUES (999, 2025, '{\"1\":1}', NULL)",
      "school_year_value" },
    { "UPDATE school_year_value SET vals = json_set (vals, '$.\"9999\"', 1) WHERE school_id = 5 AND year = 2024",
      "9999" },
    { "UPDATE school_year_value SET vals = json_set (vals, '$.\"1\"', 'много') WHERE school_id = 6 AND year = 2024",
      "040006" },
    { "UPDATE school_year_value SET vals = '{\"1\": 5' WHERE school_id = 7 AND year = 2025",
      "040007" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OporaDb) db = demo_workspace ();
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_true (opora_db_exec (db, cases[i].sql, &error));
      g_assert_no_error (error);
      problems = opora_check_run (db, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, >=, 1);
      g_assert_nonnull (strstr (problems->pdata[0], cases[i].needle));
      opora_db_exec (db, "PRAGMA foreign_keys = ON", NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/check/sound", test_sound);
  g_test_add_func ("/core/check/broken-rules", test_broken_rules);

  return g_test_run ();
}
