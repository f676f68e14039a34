/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of monitoring indicators 1 and 2 and the summary table, worked by hand. */

#include <math.h>

#include "opora-monitoring.h"
#include "test-util.h"

typedef struct {
  OporaDb *db;
  gint64   a, b, c, d;
} Fixture;

/* Four schools: A, B, C in «Город», D alone in «Район».
 *
 * ЕГЭ Russian, 2025: A 60 (10 examinees), B 70 (30), C 80 (10): every school
 * has its count, so the average is weighted: (600 + 2100 + 800) / 50 = 70.
 * 2026: A 66 (10), B 72 (20), C 78 (no count): a plain mean, 216 / 3 = 72.
 *   A: 66/72 − 60/70 = 11/12 − 6/7 = 5/84 > 0, positive
 *   B: 72/72 − 70/70 = 0, neither
 *   C: 78/72 − 80/70 = 13/12 − 8/7 = −5/84 < 0, negative
 *   D: 50/50 − 50/50 = 0 against its own municipality
 *
 * ВПР mathematics, grade 5 (shares of «2», «4», «5»):
 *   A: 10, 30, 20 → 45, 20, 10: Δ«2» = +35 > 30: negative
 *   B: 40, 10, 5 → 5, 30, 20: Δ«2» = −35, Δ«4»+«5» = +35: positive
 *   C: 10 → 60 in «2», but C is on Rosobrnadzor's list in 2026: left out
 * ВПР Russian, grade 5, A: «2» 10 → 40: Δ = 30 exactly, which does not count. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_workspace_new ("monitoring.opora");
  f->a = test_add_school (f->db, "01", "Город");
  f->b = test_add_school (f->db, "02", "Город");
  f->c = test_add_school (f->db, "03", "Город");
  f->d = test_add_school (f->db, "04", "Район");

  test_put_value (f->db, f->a, "ege_rus_avg", 2025, 60);
  test_put_value (f->db, f->a, "ege_rus_n", 2025, 10);
  test_put_value (f->db, f->b, "ege_rus_avg", 2025, 70);
  test_put_value (f->db, f->b, "ege_rus_n", 2025, 30);
  test_put_value (f->db, f->c, "ege_rus_avg", 2025, 80);
  test_put_value (f->db, f->c, "ege_rus_n", 2025, 10);
  test_put_value (f->db, f->a, "ege_rus_avg", 2026, 66);
  test_put_value (f->db, f->a, "ege_rus_n", 2026, 10);
  test_put_value (f->db, f->b, "ege_rus_avg", 2026, 72);
  test_put_value (f->db, f->b, "ege_rus_n", 2026, 20);
  test_put_value (f->db, f->c, "ege_rus_avg", 2026, 78);
  test_put_value (f->db, f->d, "ege_rus_avg", 2025, 50);
  test_put_value (f->db, f->d, "ege_rus_avg", 2026, 50);

  test_put_value (f->db, f->a, "vpr_math5_m2", 2025, 10);
  test_put_value (f->db, f->a, "vpr_math5_m4", 2025, 30);
  test_put_value (f->db, f->a, "vpr_math5_m5", 2025, 20);
  test_put_value (f->db, f->a, "vpr_math5_m2", 2026, 45);
  test_put_value (f->db, f->a, "vpr_math5_m4", 2026, 20);
  test_put_value (f->db, f->a, "vpr_math5_m5", 2026, 10);
  test_put_value (f->db, f->a, "vpr_rus5_m2", 2025, 10);
  test_put_value (f->db, f->a, "vpr_rus5_m2", 2026, 40);
  test_put_value (f->db, f->b, "vpr_math5_m2", 2025, 40);
  test_put_value (f->db, f->b, "vpr_math5_m4", 2025, 10);
  test_put_value (f->db, f->b, "vpr_math5_m5", 2025, 5);
  test_put_value (f->db, f->b, "vpr_math5_m2", 2026, 5);
  test_put_value (f->db, f->b, "vpr_math5_m4", 2026, 30);
  test_put_value (f->db, f->b, "vpr_math5_m5", 2026, 20);
  test_put_value (f->db, f->c, "vpr_math5_m2", 2025, 10);
  test_put_value (f->db, f->c, "vpr_math5_m2", 2026, 60);
  test_put_value (f->db, f->c, "vpr_nonobjective", 2026, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  opora_db_free (f->db);
}

static const OporaMonitoringRow *
row_of (GArray *rows,
        gint64  school_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, OporaMonitoringRow, i).school_id == school_id)
      return &g_array_index (rows, OporaMonitoringRow, i);
  g_assert_not_reached ();
}

static void
test_indicator1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = opora_monitoring_compute (f->db, 2026, &error);
  const OporaEgeDynamics *a, *b, *c, *d;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  a = &row_of (rows, f->a)->ege[OPORA_EGE_RUS];
  b = &row_of (rows, f->b)->ege[OPORA_EGE_RUS];
  c = &row_of (rows, f->c)->ege[OPORA_EGE_RUS];
  d = &row_of (rows, f->d)->ege[OPORA_EGE_RUS];
  g_assert_cmpfloat (a->municipal[0], ==, 70);
  g_assert_cmpfloat (a->municipal[1], ==, 72);
  g_assert_cmpfloat (a->school[0], ==, 60);
  g_assert_cmpfloat_with_epsilon (a->ratio[0], 6.0 / 7, 1e-15);
  g_assert_cmpfloat_with_epsilon (a->dynamics, 5.0 / 84, 1e-15);
  g_assert_cmpint (a->sign, ==, +1);
  g_assert_cmpfloat_with_epsilon (b->dynamics, 0, 1e-15);
  g_assert_cmpint (b->sign, ==, 0);
  g_assert_cmpfloat_with_epsilon (c->dynamics, -5.0 / 84, 1e-15);
  g_assert_cmpint (c->sign, ==, -1);
  g_assert_cmpfloat (d->municipal[1], ==, 50);
  g_assert_cmpint (d->sign, ==, 0);
  /* No profile mathematics anywhere. */
  g_assert_cmpint (row_of (rows, f->a)->ege[OPORA_EGE_MATHP].sign, ==, OPORA_DYNAMICS_NONE);
  g_assert_true (isnan (row_of (rows, f->a)->ege[OPORA_EGE_MATHP].dynamics));
}

static void
test_indicator2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = opora_monitoring_compute (f->db, 2026, &error);
  const OporaMonitoringRow *a, *b, *c;

  g_assert_no_error (error);
  a = row_of (rows, f->a);
  b = row_of (rows, f->b);
  c = row_of (rows, f->c);
  g_assert_cmpfloat (a->vpr[OPORA_VPR_MATH5].delta2, ==, 35);
  g_assert_cmpfloat (a->vpr[OPORA_VPR_MATH5].delta45, ==, -20);
  g_assert_cmpint (a->vpr[OPORA_VPR_MATH5].sign, ==, -1);
  g_assert_cmpfloat (a->vpr[OPORA_VPR_RUS5].delta2, ==, 30);
  g_assert_true (isnan (a->vpr[OPORA_VPR_RUS5].delta45));
  g_assert_cmpint (a->vpr[OPORA_VPR_RUS5].sign, ==, 0);
  g_assert_cmpint (a->vpr[OPORA_VPR_RUS6].sign, ==, OPORA_DYNAMICS_NONE);
  g_assert_true (a->negative2);
  g_assert_false (a->negative1);

  g_assert_cmpfloat (b->vpr[OPORA_VPR_MATH5].delta2, ==, -35);
  g_assert_cmpfloat (b->vpr[OPORA_VPR_MATH5].delta45, ==, 35);
  g_assert_cmpint (b->vpr[OPORA_VPR_MATH5].sign, ==, +1);
  g_assert_false (b->negative2);

  g_assert_true (c->nonobjective);
  g_assert_cmpint (c->vpr[OPORA_VPR_MATH5].sign, ==, OPORA_DYNAMICS_NONE);
  g_assert_true (isnan (c->vpr[OPORA_VPR_MATH5].share2[1]));
  g_assert_false (c->negative2);
  g_assert_true (c->negative1);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = opora_monitoring_compute (f->db, 2026, &error);
  g_autoptr(GArray) summary = opora_monitoring_summary (rows);

  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 2);
  g_assert_cmpint (g_array_index (summary, OporaMonitoringRow, 0).school_id, ==, f->a);
  g_assert_cmpint (g_array_index (summary, OporaMonitoringRow, 1).school_id, ==, f->c);
}

/* A year without its previous year has no dynamics and no summary rows. */
static void
test_first_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = opora_monitoring_compute (f->db, 2025, &error);
  g_autoptr(GArray) summary = NULL;

  g_assert_no_error (error);
  summary = opora_monitoring_summary (rows);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (summary->len, ==, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (g_array_index (rows, OporaMonitoringRow, i).ege[OPORA_EGE_RUS].sign, ==, OPORA_DYNAMICS_NONE);
}

/* «Село»: E 60 (12 examinees) → 50 (9), F 60 (100) → 60 (100). Weighted
 * averages 60 and 6450/109; E's dynamics 50·109/6450 − 1 < 0, but it rests
 * on 9 examinees: marked small, no flag unless small figures are included. */
static void
test_small_numbers (Fixture       *f,
                    gconstpointer  data)
{
  const OporaMonitoringOptions include = { 10, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) with_small = NULL;
  gint64 e = test_add_school (f->db, "05", "Село");
  gint64 g = test_add_school (f->db, "06", "Село");
  const OporaMonitoringRow *r;

  test_put_value (f->db, e, "ege_rus_avg", 2025, 60);
  test_put_value (f->db, e, "ege_rus_n", 2025, 12);
  test_put_value (f->db, e, "ege_rus_avg", 2026, 50);
  test_put_value (f->db, e, "ege_rus_n", 2026, 9);
  test_put_value (f->db, g, "ege_rus_avg", 2025, 60);
  test_put_value (f->db, g, "ege_rus_n", 2025, 100);
  test_put_value (f->db, g, "ege_rus_avg", 2026, 60);
  test_put_value (f->db, g, "ege_rus_n", 2026, 100);

  rows = opora_monitoring_compute (f->db, 2026, &error);
  g_assert_no_error (error);
  r = row_of (rows, e);
  g_assert_cmpfloat_with_epsilon (r->ege[OPORA_EGE_RUS].dynamics, 50.0 * 109 / 6450 - 1, 1e-15);
  g_assert_cmpint (r->ege[OPORA_EGE_RUS].sign, ==, -1);
  g_assert_cmpfloat (r->ege[OPORA_EGE_RUS].participants[1], ==, 9);
  g_assert_true (r->ege[OPORA_EGE_RUS].small);
  g_assert_true (r->small);
  g_assert_false (r->negative1);
  /* Exactly 10 (school A, 2025 and 2026) is enough. */
  g_assert_false (row_of (rows, f->a)->ege[OPORA_EGE_RUS].small);

  with_small = opora_monitoring_compute_with (f->db, 2026, &include, &error);
  g_assert_no_error (error);
  g_assert_true (row_of (with_small, e)->negative1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/monitoring/indicator1", Fixture, NULL, fixture_set_up, test_indicator1, fixture_tear_down);
  g_test_add ("/monitoring/indicator2", Fixture, NULL, fixture_set_up, test_indicator2, fixture_tear_down);
  g_test_add ("/monitoring/summary", Fixture, NULL, fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/monitoring/small-numbers", Fixture, NULL, fixture_set_up, test_small_numbers, fixture_tear_down);
  g_test_add ("/monitoring/first-year", Fixture, NULL, fixture_set_up, test_first_year, fixture_tear_down);
  return g_test_run ();
}
