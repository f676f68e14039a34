/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the demo municipality: determinism, shape and plausibility. */

#include <math.h>

#include "opora-demo.h"
#include "opora-error.h"
#include "opora-evaluation.h"
#include "opora-school.h"
#include "test-util.h"

/* Every stored row of the tables the demo writes, as text, in a fixed order. */
static char *
dump (OporaDb *db)
{
  static const char *queries[] = {
    "SELECT id, name, region FROM municipality ORDER BY id",
    "SELECT id, code, name, short_name, municipality_id, locality, kind, archived FROM school ORDER BY id",
    "SELECT school_id, indicator_id, year, printf('%.17g', value) FROM indicator_value"
    " ORDER BY school_id, indicator_id, year",
    /* Not the note of the last writer: it names the process. */
    "SELECT key, value FROM workspace_info WHERE key <> 'writer' ORDER BY key",
  };
  GString *text = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, queries[q], NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (text, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (text, '\n');
        }
    }
  return g_string_free (text, FALSE);
}

static char *
demo_dump (const char *name,
           guint32     seed)
{
  g_autoptr(OporaDb) db = test_workspace_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill (db, seed, &error));
  g_assert_no_error (error);
  return dump (db);
}

static void
test_deterministic (void)
{
  g_autofree char *first = demo_dump ("a.opora", OPORA_DEMO_DEFAULT_SEED);
  g_autofree char *second = demo_dump ("b.opora", OPORA_DEMO_DEFAULT_SEED);
  g_autofree char *other = demo_dump ("c.opora", OPORA_DEMO_DEFAULT_SEED + 1);

  g_assert_cmpuint (strlen (first), >, 100000);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, other);
}

static void
test_shape (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("shape.opora");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_cmpint (opora_school_count (db, NULL), ==, 40);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school WHERE locality = 'rural'"), ==, 20);
  g_assert_cmpint (test_query_int (db, "SELECT count(DISTINCT year) FROM indicator_value"), ==, OPORA_DEMO_N_YEARS);
  g_assert_cmpint (test_query_int (db, "SELECT min(year) FROM indicator_value"), ==, OPORA_DEMO_FIRST_YEAR);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school WHERE code NOT GLOB '04[0-9][0-9][0-9][0-9]'"), ==, 0);
  /* Schools of grades 1–9 (ООШ) sit no ЕГЭ. */
  g_assert_cmpint (test_query_int (db,
    "SELECT count(*) FROM indicator_value v JOIN school s ON s.id = v.school_id"
    " JOIN indicator i ON i.id = v.indicator_id WHERE s.kind = 'ООШ' AND i.procedure = 'ege'"), ==, 0);
  g_assert_cmpint (test_query_int (db,
    "SELECT count(DISTINCT school_id) FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
    " WHERE i.key = 'ege_rus_avg'"), ==, 31);
  /* A few schools on the non-objective ВПР list. */
  g_assert_cmpint (test_query_int (db,
    "SELECT count(*) FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
    " WHERE i.key = 'vpr_nonobjective' AND v.value = 1"), ==, 4);
  /* ВПР shares of the four marks add up to 100. */
  g_assert_cmpint (test_query_int (db,
    "SELECT count(*) FROM (SELECT school_id, year, i.subject, i.grade, sum(value) AS total"
    " FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
    " WHERE i.procedure = 'vpr' AND i.mark > 0 GROUP BY 1, 2, 3, 4) WHERE abs(total - 100) > 0.05"), ==, 0);
  name = opora_db_dup_info (db, "name");
  g_assert_cmpstr (name, ==, "Берёзовский муниципальный округ");
}

static void
test_results_follow_context (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("corr.opora");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, r;
  int n = 0;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, NULL));
  stmt = opora_db_prepare (db,
    "SELECT a.value, b.value FROM indicator_value a JOIN indicator_value b"
    " ON a.school_id = b.school_id AND a.year = b.year"
    " WHERE a.indicator_id = (SELECT id FROM indicator WHERE key = 'sp_low_income_share')"
    "   AND b.indicator_id = (SELECT id FROM indicator WHERE key = 'vpr_rus5_m2')", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double x = sqlite3_column_double (stmt, 0), y = sqlite3_column_double (stmt, 1);
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; n++;
    }
  r = (n * sxy - sx * sy) / sqrt ((n * sxx - sx * sx) * (n * syy - sy * sy));
  /* More low-income families, more «2» in ВПР: a clear positive correlation. */
  g_assert_cmpint (n, ==, 120);
  g_assert_cmpfloat (r, >, 0.3);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("twice.opora");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (opora_demo_fill (db, 1, &error));
  before = dump (db);
  g_assert_false (opora_demo_fill (db, 2, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  after = dump (db);
  g_assert_cmpstr (before, ==, after);
}

/* The support work: three analyses, a program per problem school a year later, every
 * program's school with a mentor and a tutor, evaluations in the two finished years,
 * all with totals on the rubric's scale; and all of it or nothing. */
static void
test_support (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("support.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;

  g_assert_true (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM analysis_run"), ==, 3);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program p JOIN analysis_run r ON r.id = p.run_id"
                                       " WHERE p.first_year <> r.year + 1"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==,
                   test_query_int (db, "SELECT count(*) FROM cluster_member WHERE flags & 1 AND school_id % 4 <> 0"));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school_pair WHERE status = 'accepted' AND supported_id % 4 = 0"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program p WHERE NOT EXISTS (SELECT 1 FROM person_assignment a"
                                       " JOIN person q ON q.id = a.person_id WHERE a.school_id = p.school_id"
                                       " AND a.year = p.first_year AND q.role = 'mentor')"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person"), ==, 16);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person_assignment a JOIN person p ON p.id = a.person_id"
                                       " WHERE a.school_id = p.school_id"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(DISTINCT year) FROM evaluation"), ==, 2);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM evaluation WHERE person_id IS NULL"), ==, 6);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program_edit"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM measure WHERE status = 'done'"
                                       " AND (done_date IS NULL OR done_date < start_date)"), ==, 0);

  evaluations = opora_evaluation_list (db, OPORA_EVALUATION_ALL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, ==, test_query_int (db, "SELECT count(*) FROM evaluation"));
  for (guint i = 0; i < evaluations->len; i++)
    {
      OporaEvaluation *e = evaluations->pdata[i];

      g_assert_true (e->complete);
      g_assert_true (e->max_total < 0 || (e->total >= 0 && e->total <= e->max_total));
      g_assert_true (e->person_id == 0 || e->level_name != NULL);
    }

  /* A second fill is refused and leaves everything as it was. */
  g_assert_false (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person"), ==, 16);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/shape", test_shape);
  g_test_add_func ("/core/demo/results-follow-context", test_results_follow_context);
  g_test_add_func ("/core/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/core/demo/support", test_support);

  return g_test_run ();
}
