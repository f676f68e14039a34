/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of one year's values for every school: rows by id, missing as NaN, repeated keys, several years. */

#include <math.h>

#include "opora-error.h"
#include "opora-year-matrix.h"
#include "test-util.h"

/* Schools 1 and 3 have values; 2 has none; 4 is archived and not a row.
 * A key asked for twice fills both columns. */
static void
test_load (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("matrix.opora");
  const char *keys[] = { "ege_rus_avg", "ege_rus_n", "ege_rus_avg", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaYearMatrix) m = NULL;
  gint64 a = test_add_school (db, "01", "Город");
  gint64 b = test_add_school (db, "02", "Город");
  gint64 c = test_add_school (db, "03", NULL);
  gint64 d = test_add_school (db, "04", "Город");

  test_put_value (db, a, "ege_rus_avg", 2026, 71.5);
  test_put_value (db, a, "ege_rus_n", 2026, 12);
  test_put_value (db, c, "ege_rus_avg", 2026, 64);
  test_put_value (db, c, "ege_rus_avg", 2025, 99);
  test_put_value (db, d, "ege_rus_avg", 2026, 50);
  g_assert_true (opora_db_exec (db, "UPDATE school SET archived = 1 WHERE code = '04'", &error));

  m = opora_year_matrix_load (db, 2026, keys, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->year, ==, 2026);
  g_assert_cmpuint (m->n_schools, ==, 3);
  g_assert_cmpuint (m->indicators->len, ==, 3);
  g_assert_cmpint (m->school_ids[0], ==, a);
  g_assert_cmpint (m->school_ids[1], ==, b);
  g_assert_cmpint (m->school_ids[2], ==, c);
  g_assert_cmpint (m->municipality_ids[0], ==, m->municipality_ids[1]);
  g_assert_cmpint (m->municipality_ids[0], >, 0);
  g_assert_cmpint (m->municipality_ids[2], ==, 0);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 0), ==, 71.5);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 1), ==, 12);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 2), ==, 71.5);
  for (guint col = 0; col < 3; col++)
    g_assert_true (isnan (opora_year_matrix_get (m, 1, col)));
  g_assert_cmpfloat (opora_year_matrix_get (m, 2, 0), ==, 64);
  g_assert_cmpfloat (opora_year_matrix_get (m, 2, 2), ==, 64);
  g_assert_true (isnan (opora_year_matrix_get (m, 2, 1)));
}

static void
test_unknown_key (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("unknown.opora");
  const char *keys[] = { "ege_rus_avg", "no_such_thing", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaYearMatrix) m = opora_year_matrix_load (db, 2026, keys, &error);

  g_assert_null (m);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no_such_thing"));
}

/* Three years: means of what is there, sums of counts, the largest flag;
 * a cell no year has stays missing. */
static void
test_years (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("years.opora");
  const char *keys[] = { "ege_rus_avg", "ege_rus_n", "vpr_nonobjective", "oge_rus_avg", NULL };
  const OporaCombine combine[] = { OPORA_COMBINE_MEAN, OPORA_COMBINE_SUM, OPORA_COMBINE_MAX, OPORA_COMBINE_MEAN };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaYearMatrix) m = NULL;
  g_autoptr(OporaYearMatrix) one = NULL;
  gint64 a = test_add_school (db, "01", "Город");

  test_put_value (db, a, "ege_rus_avg", 2026, 70);
  test_put_value (db, a, "ege_rus_avg", 2025, 60);
  test_put_value (db, a, "ege_rus_avg", 2023, 10);  /* outside the three years */
  test_put_value (db, a, "ege_rus_n", 2026, 4);
  test_put_value (db, a, "ege_rus_n", 2024, 7);
  test_put_value (db, a, "vpr_nonobjective", 2024, 1);
  test_put_value (db, a, "vpr_nonobjective", 2026, 0);

  m = opora_year_matrix_load_years (db, 2026, 3, keys, combine, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 0), ==, 65);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 1), ==, 11);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 2), ==, 1);
  g_assert_true (isnan (opora_year_matrix_get (m, 0, 3)));

  /* One year is the plain load; no combine means means. */
  one = opora_year_matrix_load_years (db, 2026, 1, keys, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (opora_year_matrix_get (one, 0, 0), ==, 70);
  g_assert_cmpfloat (opora_year_matrix_get (one, 0, 1), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/year-matrix/load", test_load);
  g_test_add_func ("/year-matrix/unknown-key", test_unknown_key);
  g_test_add_func ("/year-matrix/years", test_years);
  return g_test_run ();
}
