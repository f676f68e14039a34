/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of writing values and reading them back by school and year. */

#include <math.h>
#include <string.h>

#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-values.h"
#include "test-util.h"

typedef struct {
  OporaDb   *db;
  GPtrArray *indicators;
  gint64     school_a;
  gint64     school_b;
} Fixture;

static gint64
key_id (Fixture    *f,
        const char *key)
{
  return opora_indicator_lookup (f->indicators, key)->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  OporaSchool a = { .code = "01", .name = "СОШ № 1" };
  OporaSchool b = { .code = "02", .name = "СОШ № 2" };

  f->db = test_workspace_new ("values.opora");
  f->indicators = opora_indicator_list (f->db, NULL);
  f->school_a = opora_school_insert (f->db, &a, NULL);
  f->school_b = opora_school_insert (f->db, &b, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->indicators);
  opora_db_free (f->db);
}

static void
put_value (Fixture    *f,
           gint64      school,
           const char *key,
           int         year,
           double      value)
{
  g_autoptr(OporaValueWriter) writer = opora_value_writer_new (f->db, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_value_writer_set (writer, school, key_id (f, key), year, value, &error));
  g_assert_true (opora_value_writer_flush (writer, &error));
  g_assert_no_error (error);
}

static void
test_school_table (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OporaSchoolValues) v = NULL;
  g_autoptr(GError) error = NULL;

  put_value (f, f->school_a, "ege_rus_avg", 2025, 71.5);
  put_value (f, f->school_a, "ege_rus_avg", 2024, 69.0);
  put_value (f, f->school_a, "sp_low_income_share", 2025, 18.2);
  put_value (f, f->school_a, "ege_rus_avg", 2025, 72.5);  /* replaces 71.5 */
  put_value (f, f->school_b, "oge_math_avg", 2023, 3.9);  /* another school: not in a's table */

  v = opora_school_values_load (f->db, f->school_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (v->years->len, ==, 2);
  g_assert_cmpint (g_array_index (v->years, int, 0), ==, 2024);
  g_assert_cmpint (g_array_index (v->years, int, 1), ==, 2025);
  /* Catalogue order: the social passport comes before ЕГЭ. */
  g_assert_cmpuint (v->indicators->len, ==, 2);
  g_assert_cmpstr (((OporaIndicator *) v->indicators->pdata[0])->key, ==, "sp_low_income_share");
  g_assert_cmpstr (((OporaIndicator *) v->indicators->pdata[1])->key, ==, "ege_rus_avg");
  g_assert_true (isnan (opora_school_values_get (v, 0, 0)));
  g_assert_cmpfloat (opora_school_values_get (v, 0, 1), ==, 18.2);
  g_assert_cmpfloat (opora_school_values_get (v, 1, 0), ==, 69.0);
  g_assert_cmpfloat (opora_school_values_get (v, 1, 1), ==, 72.5);
}

static void
test_empty_school (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OporaSchoolValues) v = opora_school_values_load (f->db, f->school_b, NULL);

  g_assert_cmpuint (v->years->len, ==, 0);
  g_assert_cmpuint (v->indicators->len, ==, 0);
}

static void
test_latest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GArray) years = NULL;
  OporaYearValue *a, *b;

  put_value (f, f->school_a, "ege_mathp_avg", 2024, 50.0);
  put_value (f, f->school_a, "ege_mathp_avg", 2026, 61.3);
  put_value (f, f->school_a, "ege_mathp_avg", 2025, 55.0);
  put_value (f, f->school_b, "ege_mathp_avg", 2024, 44.4);
  put_value (f, f->school_b, "ege_rus_avg", 2026, 80.0);

  latest = opora_values_latest (f->db, "ege_mathp_avg", NULL);
  g_assert_cmpuint (g_hash_table_size (latest), ==, 2);
  a = g_hash_table_lookup (latest, &f->school_a);
  b = g_hash_table_lookup (latest, &f->school_b);
  g_assert_cmpint (a->year, ==, 2026);
  g_assert_cmpfloat (a->value, ==, 61.3);
  g_assert_cmpint (b->year, ==, 2024);
  g_assert_cmpfloat (b->value, ==, 44.4);

  /* Both at once: school A's Russian is missing, B's maths is three years old. */
  {
    gint64 ids[] = { key_id (f, "ege_rus_avg"), key_id (f, "ege_mathp_avg") };
    g_autoptr(GHashTable) many = opora_values_latest_many (f->db, ids, 2, NULL);
    const OporaYearValue *ma = g_hash_table_lookup (many, &f->school_a), *mb = g_hash_table_lookup (many, &f->school_b);

    g_assert_cmpuint (g_hash_table_size (many), ==, 2);
    g_assert_cmpint (ma[0].year, ==, 0);
    g_assert_cmpint (ma[1].year, ==, 2026);
    g_assert_cmpfloat (ma[1].value, ==, 61.3);
    g_assert_cmpint (mb[0].year, ==, 2026);
    g_assert_cmpfloat (mb[0].value, ==, 80.0);
    g_assert_cmpint (mb[1].year, ==, 2024);
    g_assert_cmpfloat (mb[1].value, ==, 44.4);
  }

  years = opora_values_years (f->db, NULL);
  g_assert_cmpuint (years->len, ==, 3);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2024);
  g_assert_cmpint (g_array_index (years, int, 2), ==, 2026);
}

static void
test_year_out_of_range (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OporaValueWriter) writer = opora_value_writer_new (f->db, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_value_writer_set (writer, f->school_a, key_id (f, "ege_rus_avg"), 1900, 70, &error));
  g_assert_false (opora_value_writer_flush (writer, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM indicator_value"), ==, 0);
}

static void
test_new_schools (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OporaValueWriter) writer = opora_value_writer_new (f->db, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaSchoolValues) v = NULL;

  /* School b counts as new: its rows are inserted, not merged... */
  opora_value_writer_set_new_schools (writer, f->school_b);
  g_assert_true (opora_value_writer_set (writer, f->school_b, key_id (f, "ege_rus_avg"), 2025, 70, &error));
  g_assert_true (opora_value_writer_flush (writer, &error));
  /* ...unless the writer just wrote the same row: then it merges. */
  g_assert_true (opora_value_writer_set (writer, f->school_b, key_id (f, "ege_mathp_avg"), 2025, 55, &error));
  g_assert_true (opora_value_writer_flush (writer, &error));
  g_assert_no_error (error);

  v = opora_school_values_load (f->db, f->school_b, NULL);
  g_assert_cmpuint (v->indicators->len, ==, 2);
  g_assert_cmpfloat (opora_school_values_get (v, 0, 0), ==, 70);
  g_assert_cmpfloat (opora_school_values_get (v, 1, 0), ==, 55);
}

/* Unpacks {"7":TEXT} (TEXT quoted or bare) and checks the value is exactly
 * the double g_ascii_strtod() reads from TEXT, sign of zero included. */
static void
assert_unpacks_as_strtod (const char *text,
                          gboolean    quoted)
{
  g_autofree char *json = g_strdup_printf (quoted ? "{\"7\":\"%s\"}" : "{\"7\":%s}", text);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  double expected = g_ascii_strtod (text, NULL);
  double got;

  g_assert_true (opora_values_unpack (json, values));
  g_assert_cmpuint (values->len, ==, 1);
  got = g_array_index (values, OporaPackedValue, 0).value;
  if (memcmp (&got, &expected, sizeof got) != 0)
    g_error ("%s reads as %.17g, strtod as %.17g", json, got, expected);
}

/* Keys are indicator ids: digits only; anything else is not a packed row. */
static void
test_unpack_keys (void)
{
  static const char *bad[] = { "{\"x\":\"1\"}", "{\"\":\"1\"}", "{\"-5\":\"1\"}", "{\"12a\":\"1\"}",
                               "{\" 12\":\"1\"}", "{\"1234567890123456789\":\"1\"}", "{12:\"1\"}" };
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_array_set_size (values, 0);
      if (opora_values_unpack (bad[i], values) || opora_values_unpack_ids (bad[i], values))
        g_error ("%s was read as a packed row", bad[i]);
    }
  g_array_set_size (values, 0);
  g_assert_true (opora_values_unpack_ids ("{\"007\":\"1.5\", \"123456789012345678\":\"2\"}", values));
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpint (g_array_index (values, OporaPackedValue, 0).indicator_id, ==, 7);
  g_assert_cmpint (g_array_index (values, OporaPackedValue, 1).indicator_id, ==, G_GINT64_CONSTANT (123456789012345678));
}

/* Packed values are read by a fast path for plain decimals and by
 * g_ascii_strtod() for the rest: both give the same doubles. */
static void
test_unpack_exact (void)
{
  static const char *cases[] = {
    "0", "-0", "-0.0", "0.1", "0.2", "0.3", "71.5", "-71.5", "5.", ".5", "-.5", "007.50",
    "123456789012345", "1234567890.12345", "0.000000000000001", "999999999999999",
    "1234567890123456", "0.30000000000000004", "1e3", "1E-3", "2.5e+2", "+4", "9007199254740993",
  };
  GRand *rand = g_rand_new_with_seed (20261129);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_unpacks_as_strtod (cases[i], TRUE);
      assert_unpacks_as_strtod (cases[i], FALSE);
    }
  /* 1 to 17 digits, the point anywhere or nowhere, either sign: 200,000 of them. */
  for (guint i = 0; i < 200000; i++)
    {
      guint digits = g_rand_int_range (rand, 1, 18);
      gint point = g_rand_int_range (rand, -1, digits + 1);

      g_string_assign (text, g_rand_boolean (rand) ? "-" : "");
      for (guint d = 0; d < digits; d++)
        {
          if ((gint) d == point)
            g_string_append_c (text, '.');
          g_string_append_c (text, '0' + g_rand_int_range (rand, 0, 10));
        }
      assert_unpacks_as_strtod (text->str, i % 2 == 0);
    }
  g_rand_free (rand);
}

/* The text the writer stored for school a, @year and indicator @id. */
static char *
stored_text (Fixture *f,
             int      year,
             gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (f->db,
    "SELECT json_extract (vals, '$.' || ?3) FROM school_year_value WHERE school_id = ?1 AND year = ?2", NULL);

  sqlite3_bind_int64 (stmt, 1, f->school_a);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The writer stores each double as a text that reads back as exactly the
 * same double: decimals as written ("-71.25", "3"), any other double
 * through printf. A year's row of every indicator at once. */
static void
test_writer_exact (Fixture       *f,
                   gconstpointer  data)
{
  static const double cases[] = { 0, 3, -3, 71.5, -71.25, 0.1, 0.000001, 0.0000001, 999999999999.5,
                                  1e12, 1e15, -1e300, 5e-324, 0.30000000000000004, 2.5, -2.5 };
  static const char *texts[] = { "0", "3", "-3", "71.5", "-71.25", "0.1", "0.000001", "1e-07", "999999999999.5",
                                 "1000000000000", "1e+15", "-1e+300", "4.94065645841247e-324",
                                 "0.30000000000000004", "2.5", "-2.5" };
  GRand *rand = g_rand_new_with_seed (20261130);
  guint n_written = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == G_N_ELEMENTS (texts));
  for (int year = 1990; year <= 2100; year++)
    {
      g_autoptr(OporaValueWriter) writer = opora_value_writer_new (f->db, 0, NULL);
      g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < f->indicators->len; i++)
        {
          double value;

          if (year == 1990 && i < G_N_ELEMENTS (cases))
            value = cases[i];
          else if (i % 3 == 0)
            {
              /* Any finite double, from random bits. */
              guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
              memcpy (&value, &bits, sizeof value);
              if (!isfinite (value))
                value = 1;
            }
          else
            /* Up to 12 digits with up to 6 decimals, either sign. */
            value = (double) g_rand_int_range (rand, -1000000, 1000000) * g_rand_int_range (rand, 1, 1000000) /
                    (double) (i % 2 ? 1000000 : 100);
          g_array_append_val (written, value);
          g_assert_true (opora_value_writer_set (writer, f->school_a, ((OporaIndicator *) f->indicators->pdata[i])->id,
                                                 year, value, &error));
        }
      g_assert_true (opora_value_writer_flush (writer, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < f->indicators->len; i++)
        {
          g_autofree char *text = stored_text (f, year, ((OporaIndicator *) f->indicators->pdata[i])->id);
          double got = g_ascii_strtod (text, NULL), expected = g_array_index (written, double, i);

          if (memcmp (&got, &expected, sizeof got) != 0)
            g_error ("%.17g was stored as %s", expected, text);
          if (year == 1990 && i < G_N_ELEMENTS (cases))
            g_assert_cmpstr (text, ==, texts[i]);
          n_written++;
        }
    }
  g_assert_cmpuint (n_written, >, 4000);
  g_rand_free (rand);
}

/* Values packed on another thread end as if set one at a time, also when
 * an indicator comes twice (the later value wins). */
static void
test_writer_packed (Fixture       *f,
                    gconstpointer  data)
{
  OporaPackedValue rows[][3] = {
    { { key_id (f, "ege_rus_avg"), 71.5 }, { key_id (f, "oge_math_avg"), 3.9 }, { key_id (f, "ege_rus_avg"), 72 } },
    { { key_id (f, "oge_math_avg"), 4.25 }, { key_id (f, "sp_low_income_share"), 18 }, { key_id (f, "ege_mathp_avg"), 55 } },
  };
  gint64 schools[] = { f->school_a, f->school_b };
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(OporaValueWriter) writer = opora_value_writer_new (f->db, 0, NULL);

      /* 2025's two rows, then the first again for 2026: a new row begun
       * with an indicator twice. */
      for (guint r = 0; r < G_N_ELEMENTS (rows) + 1; r++)
        {
          const OporaPackedValue *row = rows[r % G_N_ELEMENTS (rows)];
          int year = r < G_N_ELEMENTS (rows) ? 2025 : 2026;

          if (s == 0)
            for (guint v = 0; v < 3; v++)
              g_assert_true (opora_value_writer_set (writer, schools[s], row[v].indicator_id, year, row[v].value, &error));
          else
            {
              char members[3 * OPORA_VALUES_PACKED_MAX];
              gsize len = opora_values_pack (members, row, 3);

              g_assert_true (opora_value_writer_set_packed (writer, schools[s], year, row, 3, members, len, &error));
            }
        }
      g_assert_true (opora_value_writer_flush (writer, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM (SELECT indicator_id, value FROM indicator_value"
                                          " WHERE school_id = 1 EXCEPT SELECT indicator_id, value FROM indicator_value"
                                          " WHERE school_id = 2)"), ==, 0);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM indicator_value WHERE school_id = 2"), ==, 6);
  g_assert_cmpint (test_query_int (f->db, "SELECT value FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
                                          " WHERE school_id = 2 AND i.key = 'ege_rus_avg'"), ==, 72);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/values/unpack-exact", test_unpack_exact);
  g_test_add_func ("/core/values/unpack-keys", test_unpack_keys);

  g_test_add ("/core/values/writer-exact", Fixture, NULL, fixture_set_up, test_writer_exact, fixture_tear_down);
  g_test_add ("/core/values/writer-packed", Fixture, NULL, fixture_set_up, test_writer_packed, fixture_tear_down);
  g_test_add ("/core/values/school-table", Fixture, NULL, fixture_set_up, test_school_table, fixture_tear_down);
  g_test_add ("/core/values/empty-school", Fixture, NULL, fixture_set_up, test_empty_school, fixture_tear_down);
  g_test_add ("/core/values/latest", Fixture, NULL, fixture_set_up, test_latest, fixture_tear_down);
  g_test_add ("/core/values/new-schools", Fixture, NULL, fixture_set_up, test_new_schools, fixture_tear_down);
  g_test_add ("/core/values/year-out-of-range", Fixture, NULL, fixture_set_up, test_year_out_of_range, fixture_tear_down);

  return g_test_run ();
}
