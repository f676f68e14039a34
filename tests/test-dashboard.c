/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the dashboard on a hand-built workspace: every figure, level, rank and outcome worked out by hand. */

#include <math.h>
#include <string.h>

#include "opora-dashboard.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-evaluation.h"
#include "test-util.h"

#define TODAY "2026-11-29"

/* Ten schools, ids 1–10. Runs: 1 (2024); 2 (2025, older, every school a
 * problem: must be ignored); 3 (2025, latest); 4 (2026).
 *
 *   school  2024      2025 (run 3)              2026 (run 4)
 *   1       problem   problem, q1, ri −1.0      ri −0.5   (+0.5)
 *   2       problem   problem, q1, ri −0.8      problem, ri −0.6 (+0.2)
 *   3       problem   q1, ri −0.2               ri −0.4   (−0.2)
 *   4       ·         problem, q3, ri −0.5      ri  0.3   (+0.8)
 *   5       ·         problem, q3, ri −0.6      left out
 *   6       ·         q1, ri 0.0                problem, ri −0.1 (−0.1)
 *   7       ·         q3, ri 0.4                ri  0.6   (+0.2)
 *   8       ·         q3, ri 0.2                ri  0.1   (−0.1)
 *   9       left out  q4, ri 1.0                left out
 *   10      —         q2, ri 0.5                ri 0.9    (+0.4)
 */
#define PARAMS "'{\"model\":\"quadrant\",\"threshold\":\"median\",\"missing\":\"impute\"," \
               "\"context\":[],\"results\":[],\"features\":[]}'"
static const char *runs_sql =
  "INSERT INTO analysis_run (id, created, year, model, params, n_clusters) VALUES"
  " (1, 'a', 2024, 'quadrant', " PARAMS ", 4), (2, 'b', 2025, 'quadrant', " PARAMS ", 4),"
  " (3, 'c', 2025, 'quadrant', " PARAMS ", 4), (4, 'd', 2026, 'quadrant', " PARAMS ", 4);"
  "INSERT INTO cluster_member (run_id, school_id, cluster, rank, cluster_size, results_index, flags) VALUES"
  " (1, 1, 1, 3, 3, -1, 1), (1, 2, 1, 2, 3, -1, 1), (1, 3, 1, 1, 3, -1, 1), (1, 4, 3, 1, 5, 0, 0),"
  " (1, 5, 3, 2, 5, 0, 0), (1, 6, 3, 3, 5, 0, 0), (1, 7, 3, 4, 5, 0, 0), (1, 8, 3, 5, 5, 0, 0),"
  " (1, 9, 0, 0, 0, NULL, 8),"
  " (2, 1, 1, 1, 1, 0, 1), (2, 2, 1, 1, 1, 0, 1), (2, 3, 1, 1, 1, 0, 1), (2, 4, 1, 1, 1, 0, 1),"
  " (3, 1, 1, 4, 4, -1.0, 1), (3, 2, 1, 3, 4, -0.8, 1), (3, 3, 1, 2, 4, -0.2, 0), (3, 6, 1, 1, 4, 0.0, 0),"
  " (3, 4, 3, 3, 4, -0.5, 1), (3, 5, 3, 4, 4, -0.6, 1), (3, 7, 3, 1, 4, 0.4, 0), (3, 8, 3, 2, 4, 0.2, 0),"
  " (3, 9, 4, 1, 1, 1.0, 2), (3, 10, 2, 1, 1, 0.5, 2),"
  " (4, 1, 1, 2, 4, -0.5, 0), (4, 2, 1, 3, 4, -0.6, 1), (4, 3, 1, 1, 4, -0.4, 0), (4, 6, 1, 4, 4, -0.1, 1),"
  " (4, 4, 3, 1, 3, 0.3, 0), (4, 5, 0, 0, 0, NULL, 8), (4, 7, 3, 2, 3, 0.6, 0), (4, 8, 3, 3, 3, 0.1, 0),"
  " (4, 9, 0, 0, 0, NULL, 8), (4, 10, 4, 1, 1, 0.9, 2);"
  /* Run 3's pairs: 2 and 5 accepted (supported in 2026), 6 proposed, 3 rejected. */
  "INSERT INTO school_pair (run_id, year, supported_id, base_id, status) VALUES"
  " (3, 2025, 2, 9, 'accepted'), (3, 2025, 5, 9, 'accepted'), (3, 2025, 6, 7, 'proposed'),"
  " (3, 2025, 3, 7, 'rejected');";

/* Programs: 1 (school 1, 2026, active); 2 (school 4, 2025–26, completed);
 * 3 (school 3, 2026, suspended: counts nowhere); 4 (school 7, 2025);
 * 5 (school 8, 2026–27, active). Measures (today 2026-11-29; the school
 * year 2026 ends 2025-09-01 … 2026-08-31, 2025 ends 2024-09-01 … 2025-08-31):
 *
 *   id prog end         status       done        2026 due / on time   overdue
 *   1  1    2025-10-31  done         2025-10-20  due, on time
 *   2  1    2025-12-15  done         2026-01-10  due, late
 *   3  1    2026-03-01  planned                  due, late            yes
 *   4  1    2026-05-01  cancelled                not counted
 *   5  1    2026-09-30  in-progress              next school year     yes
 *   6  2    2024-11-01  done         2024-10-30  (2025: on time)
 *   7  2    2026-04-30  done         2026-04-30  due, on time
 *   8  5    2026-08-31  done         2026-08-31  due, on time
 *   9  5    2026-12-20  planned                  not yet due
 *   10 4    2025-05-15  done         2025-06-01  (2025: late)
 *   11 4    2025-03-01  done         2025-02-01  (2025: on time)
 *   12 3    2026-02-01  planned                  suspended program
 *   13 5    2026-06-01  in-progress              due, late            yes
 *
 * 2026: 3 on time of 6 due = 50 %; 2025: 2 of 3 (6, 10, 11) = 66.67 %. */
static const char *programs_sql =
  "INSERT INTO program (id, school_id, first_year, last_year, status, created, updated) VALUES"
  " (1, 1, 2026, 2026, 'active', 'x', 'x'), (2, 4, 2025, 2026, 'completed', 'x', 'x'),"
  " (3, 3, 2026, 2026, 'suspended', 'x', 'x'), (4, 7, 2025, 2025, 'active', 'x', 'x'),"
  " (5, 8, 2026, 2027, 'active', 'x', 'x');"
  "INSERT INTO measure (id, program_id, title, start_date, end_date, status, done_date, position) VALUES"
  " (1, 1, 'a', '2025-09-01', '2025-10-31', 'done', '2025-10-20', 1),"
  " (2, 1, 'b', '2025-09-01', '2025-12-15', 'done', '2026-01-10', 2),"
  " (3, 1, 'c', '2025-09-01', '2026-03-01', 'planned', NULL, 3),"
  " (4, 1, 'd', '2025-09-01', '2026-05-01', 'cancelled', NULL, 4),"
  " (5, 1, 'e', '2026-09-01', '2026-09-30', 'in-progress', NULL, 5),"
  " (6, 2, 'f', '2024-09-01', '2024-11-01', 'done', '2024-10-30', 1),"
  " (7, 2, 'g', '2025-09-01', '2026-04-30', 'done', '2026-04-30', 2),"
  " (8, 5, 'h', '2025-09-01', '2026-08-31', 'done', '2026-08-31', 1),"
  " (9, 5, 'i', '2026-09-01', '2026-12-20', 'planned', NULL, 2),"
  " (10, 4, 'j', '2024-09-01', '2025-05-15', 'done', '2025-06-01', 1),"
  " (11, 4, 'k', '2024-09-01', '2025-03-01', 'done', '2025-02-01', 2),"
  " (12, 3, 'l', '2025-09-01', '2026-02-01', 'planned', NULL, 1),"
  " (13, 5, 'm', '2025-09-01', '2026-06-01', 'in-progress', NULL, 3);";

static gint64
add_person (OporaDb    *db,
            OporaRole   role,
            const char *name)
{
  g_autoptr(OporaPerson) person = opora_person_new (role, name);
  g_autoptr(GError) error = NULL;
  gint64 id = opora_person_add (db, person, &error);

  g_assert_no_error (error);
  return id;
}

/* Scores the six criteria of the mentor (1–6) or tutor (7–12) rubric; a
 * negative score leaves the criterion unscored. */
static void
evaluate (OporaDb   *db,
          gint64     person_id,
          OporaRole  role,
          int        year,
          const int  scores[6])
{
  gint64 rubric = role == OPORA_ROLE_MENTOR ? 1 : 2;
  g_autoptr(OporaEvaluation) e = opora_evaluation_new (rubric, person_id, year);
  g_autoptr(GError) error = NULL;

  g_free (e->date);
  e->date = g_strdup_printf ("%d-05-20", year);
  for (int i = 0; i < 6; i++)
    if (scores[i] >= 0)
      opora_evaluation_set_score (e, (rubric - 1) * 6 + i + 1, scores[i], NULL, NULL);
  g_assert_cmpint (opora_evaluation_save (db, e, &error), >, 0);
  g_assert_no_error (error);
}

/* Mentors 1 Иванова (2025: 8, 2026: 11), 2 Петров (2026: 11), 5 Кузнецов
 * (2025: 12); tutors 3 Сидорова (2024: 4, 2025: 5, 2026: 7), 4 Алексеев
 * (2026: three criteria of six, left out as incomplete). Levels: 0–5
 * неудовлетворительный, 6–10 удовлетворительный, 11–12 оптимальный. */
static void
add_people (OporaDb *db)
{
  gint64 ivanova = add_person (db, OPORA_ROLE_MENTOR, "Иванова Анна Петровна");
  gint64 petrov = add_person (db, OPORA_ROLE_MENTOR, "Петров Олег Иванович");
  gint64 sidorova = add_person (db, OPORA_ROLE_TUTOR, "Сидорова Вера Николаевна");
  gint64 alekseev = add_person (db, OPORA_ROLE_TUTOR, "Алексеев Борис Ильич");
  gint64 kuznetsov = add_person (db, OPORA_ROLE_MENTOR, "Кузнецов Иван Сергеевич");

  g_assert_cmpint (ivanova, ==, 1);
  g_assert_cmpint (kuznetsov, ==, 5);
  evaluate (db, ivanova, OPORA_ROLE_MENTOR, 2025, (int[]) { 2, 2, 1, 1, 1, 1 });
  evaluate (db, ivanova, OPORA_ROLE_MENTOR, 2026, (int[]) { 2, 2, 2, 2, 2, 1 });
  evaluate (db, petrov, OPORA_ROLE_MENTOR, 2026, (int[]) { 2, 2, 2, 2, 1, 2 });
  evaluate (db, kuznetsov, OPORA_ROLE_MENTOR, 2025, (int[]) { 2, 2, 2, 2, 2, 2 });
  evaluate (db, sidorova, OPORA_ROLE_TUTOR, 2024, (int[]) { 1, 1, 1, 1, 0, 0 });
  evaluate (db, sidorova, OPORA_ROLE_TUTOR, 2025, (int[]) { 1, 1, 1, 1, 1, 0 });
  evaluate (db, sidorova, OPORA_ROLE_TUTOR, 2026, (int[]) { 2, 1, 1, 1, 1, 1 });
  evaluate (db, alekseev, OPORA_ROLE_TUTOR, 2026, (int[]) { 2, 2, 2, -1, -1, -1 });
}

static OporaDb *
fixture (const char *name)
{
  g_autoptr(OporaDb) db = test_workspace_new (name);
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("%04d", i);
      g_assert_cmpint (test_add_school (db, code, "Тестовый район"), ==, i);
    }
  g_assert_true (opora_db_exec (db, runs_sql, &error));
  g_assert_true (opora_db_exec (db, programs_sql, &error));
  g_assert_no_error (error);
  add_people (db);
  return g_steal_pointer (&db);
}

static void
assert_ids (const GArray *ids,
            const char   *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));
  g_assert_cmpstr (text->str, ==, expected);
}

static OporaDashboard *
compute (OporaDb *db,
         int      year)
{
  g_autoptr(GError) error = NULL;
  OporaDashboard *d = opora_dashboard_compute_on (db, year, TODAY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static const struct {
  OporaFigureKind kind;
  double          value, previous, change;
  const char     *ids, *previous_ids;
  gboolean        good;
} expected_figures[] = {
  /* Run 4 less schools 5 and 9; run 3 all ten. */
  { OPORA_FIGURE_ANALYSED, 8, 10, -2, "1 2 3 4 6 7 8 10", "1 2 3 4 5 6 7 8 9 10", FALSE },
  { OPORA_FIGURE_PROBLEM, 2, 4, -2, "2 6", "1 2 4 5", TRUE },
  /* 2026: 1 and 4 (2 still a problem, 5 left out); 2025: 3 (1 and 2 still problems). */
  { OPORA_FIGURE_LEFT_PROBLEM, 2, 1, 1, "1 4", "3", TRUE },
  /* 2026: programs 1, 2, 5 (3 suspended); 2025: programs 2 and 4. */
  { OPORA_FIGURE_PROGRAMS, 3, 2, 1, "1 4 8", "4 7", TRUE },
  { OPORA_FIGURE_ON_TIME, 50, 200.0 / 3, 50 - 200.0 / 3, "1 2 3 7 8 13", "6 10 11", FALSE },
};

static void
test_figures (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-figures.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);

  g_assert_cmpint (d->run_id, ==, 4);
  g_assert_cmpint (d->previous_run_id, ==, 3);
  g_assert_cmpstr (d->today, ==, TODAY);
  for (guint i = 0; i < G_N_ELEMENTS (expected_figures); i++)
    {
      const OporaFigure *f = &d->figures[expected_figures[i].kind];

      g_test_message ("figure %s", opora_figure_to_string (f->kind));
      g_assert_cmpfloat_with_epsilon (f->value, expected_figures[i].value, 1e-9);
      g_assert_cmpfloat_with_epsilon (f->previous, expected_figures[i].previous, 1e-9);
      g_assert_cmpfloat_with_epsilon (f->change, expected_figures[i].change, 1e-9);
      assert_ids (f->ids, expected_figures[i].ids);
      assert_ids (f->previous_ids, expected_figures[i].previous_ids);
      g_assert_cmpint (opora_figure_is_good (f), ==, expected_figures[i].good);
    }
  g_assert_true (d->figures[OPORA_FIGURE_PROBLEM].decrease_is_good);
  g_assert_false (d->figures[OPORA_FIGURE_ANALYSED].decrease_is_good);
  g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].numerator, ==, 3);
  g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].denominator, ==, 6);
  g_assert_cmpint (d->figures[OPORA_FIGURE_ON_TIME].id_kind, ==, OPORA_FIGURE_IDS_MEASURES);
}

/* The same figures by SQL written apart from the code. */
static void
test_figures_by_sql (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-sql.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  gint64 problem = test_query_int (db,
    "SELECT count(*) FROM cluster_member WHERE run_id = (SELECT max (id) FROM analysis_run WHERE year = 2026)"
    " AND flags & 1 AND NOT flags & 8");
  gint64 analysed = test_query_int (db,
    "SELECT count(*) FROM cluster_member WHERE run_id = (SELECT max (id) FROM analysis_run WHERE year = 2025)"
    " AND NOT flags & 8");
  gint64 due = test_query_int (db,
    "SELECT count(*) FROM measure m JOIN program p ON p.id = m.program_id WHERE 2026 BETWEEN p.first_year AND p.last_year"
    " AND p.status <> 'suspended' AND m.status <> 'cancelled' AND m.end_date BETWEEN '2025-09-01' AND '2026-08-31'"
    " AND m.end_date < '" TODAY "'");
  gint64 on_time = test_query_int (db,
    "SELECT count(*) FROM measure m JOIN program p ON p.id = m.program_id WHERE 2026 BETWEEN p.first_year AND p.last_year"
    " AND p.status <> 'suspended' AND m.status = 'done' AND m.done_date <= m.end_date"
    " AND m.end_date BETWEEN '2025-09-01' AND '2026-08-31' AND m.end_date < '" TODAY "'");

  g_assert_cmpfloat (d->figures[OPORA_FIGURE_PROBLEM].value, ==, problem);
  g_assert_cmpfloat (d->figures[OPORA_FIGURE_ANALYSED].previous, ==, analysed);
  g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].denominator, ==, due);
  g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].numerator, ==, on_time);
}

/* The demo workspace's dashboard against SQL written here: every key figure of 2026 and of
 * 2025, the due and on-time measures, and the levels of the fully scored evaluations. */
static void
test_demo_by_sql (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("dashboard-demo.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDashboard) d = NULL;

  g_assert_true (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  d = compute (db, 2026);
  for (int year = 2025; year <= 2026; year++)
    {
      g_autofree char *run = g_strdup_printf ("(SELECT max (id) FROM analysis_run WHERE year = %d)", year);
      g_autofree char *before = g_strdup_printf ("(SELECT max (id) FROM analysis_run WHERE year = %d)", year - 1);
      g_autofree char *analysed = g_strdup_printf ("SELECT count(*) FROM cluster_member WHERE run_id = %s AND NOT flags & 8", run);
      g_autofree char *problem = g_strdup_printf ("SELECT count(*) FROM cluster_member WHERE run_id = %s AND flags & 1 AND NOT flags & 8", run);
      g_autofree char *left = g_strdup_printf ("SELECT count(*) FROM cluster_member b JOIN cluster_member n ON n.school_id = b.school_id"
                                               " WHERE b.run_id = %s AND b.flags & 1 AND NOT b.flags & 8"
                                               " AND n.run_id = %s AND NOT n.flags & 1 AND NOT n.flags & 8", before, run);
      g_autofree char *programs = g_strdup_printf ("SELECT count(DISTINCT school_id) FROM program WHERE %d BETWEEN first_year AND last_year"
                                                   " AND status <> 'suspended'", year);
      g_autofree char *due = g_strdup_printf ("SELECT count(*) FROM measure m JOIN program p ON p.id = m.program_id"
                                              " WHERE %d BETWEEN p.first_year AND p.last_year AND p.status <> 'suspended'"
                                              " AND m.status <> 'cancelled' AND m.end_date BETWEEN '%d-09-01' AND '%d-08-31'"
                                              " AND m.end_date < '" TODAY "'", year, year - 1, year);
      g_autofree char *on_time = g_strdup_printf ("SELECT count(*) FROM measure m JOIN program p ON p.id = m.program_id"
                                                  " WHERE %d BETWEEN p.first_year AND p.last_year AND p.status <> 'suspended'"
                                                  " AND m.status = 'done' AND m.done_date <= m.end_date"
                                                  " AND m.end_date BETWEEN '%d-09-01' AND '%d-08-31'"
                                                  " AND m.end_date < '" TODAY "'", year, year - 1, year);
#define FIGURE(kind) (year == 2026 ? d->figures[kind].value : d->figures[kind].previous)
      g_assert_cmpfloat (FIGURE (OPORA_FIGURE_ANALYSED), ==, test_query_int (db, analysed));
      g_assert_cmpfloat (FIGURE (OPORA_FIGURE_PROBLEM), ==, test_query_int (db, problem));
      g_assert_cmpfloat (FIGURE (OPORA_FIGURE_LEFT_PROBLEM), ==, test_query_int (db, left));
      g_assert_cmpfloat (FIGURE (OPORA_FIGURE_PROGRAMS), ==, test_query_int (db, programs));
      g_assert_cmpfloat_with_epsilon (FIGURE (OPORA_FIGURE_ON_TIME),
                                      100.0 * test_query_int (db, on_time) / test_query_int (db, due), 1e-9);
#undef FIGURE
      if (year == 2026)
        {
          g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].denominator, ==, test_query_int (db, due));
          g_assert_cmpuint (d->figures[OPORA_FIGURE_ON_TIME].numerator, ==, test_query_int (db, on_time));
        }
    }

  /* Levels: each fully scored evaluation of a person in 2026, its total, its level by the thresholds. */
  for (guint i = 0; i < d->levels->len; i++)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];
      g_autofree char *sql = g_strdup_printf (
        "WITH totals AS (SELECT e.id, e.rubric_id, sum (CASE c.kind WHEN 'count' THEN s.value * c.points_per_unit ELSE s.value END) AS total,"
        "  count(*) AS n FROM evaluation e JOIN evaluation_score s ON s.evaluation_id = e.id"
        "  JOIN rubric_criterion c ON c.id = s.criterion_id WHERE e.year = 2026 AND e.person_id IS NOT NULL GROUP BY e.id)"
        " SELECT count(*) FROM totals t WHERE t.n = (SELECT count(*) FROM rubric_criterion WHERE rubric_id = t.rubric_id)"
        " AND (SELECT name FROM rubric_level WHERE rubric_id = t.rubric_id AND min_total <= t.total"
        "      ORDER BY min_total DESC LIMIT 1) = '%s'", l->name);

      g_assert_cmpuint (l->count, ==, test_query_int (db, sql));
    }
  g_assert_cmpuint (d->levels->len, ==, 3);
}

static void
test_levels_and_ranking (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-people.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  static const struct { const char *name; int level; guint count, previous; const char *ids; } levels[] = {
    { "неудовлетворительный", 0, 0, 1, "" },   /* 2025: Сидорова (5) */
    { "удовлетворительный", 1, 1, 1, "3" },    /* 2026: Сидорова (7); 2025: Иванова (8) */
    { "оптимальный", 2, 2, 1, "1 2" },         /* 2026: Иванова, Петров (11); 2025: Кузнецов (12) */
  };
  static const struct { gint64 id; double total; int level; const char *history; } ranks[] = {
    { 1, 11, 2, "2025:8 2026:11" },            /* a tie at 11: by name, Иванова first */
    { 2, 11, 2, "2026:11" },
    { 3, 7, 1, "2024:4 2025:5 2026:7" },
  };

  g_assert_cmpuint (d->levels->len, ==, G_N_ELEMENTS (levels));
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];

      g_assert_cmpstr (l->name, ==, levels[i].name);
      g_assert_cmpint (l->level, ==, levels[i].level);
      g_assert_cmpuint (l->count, ==, levels[i].count);
      g_assert_cmpuint (l->previous, ==, levels[i].previous);
      assert_ids (l->person_ids, levels[i].ids);
    }
  g_assert_cmpuint (d->n_incomplete, ==, 1);
  g_assert_cmpuint (d->ranking->len, ==, G_N_ELEMENTS (ranks));
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    {
      const OporaDashboardRank *r = d->ranking->pdata[i];
      g_autoptr(GString) history = g_string_new (NULL);

      g_assert_cmpint (r->person_id, ==, ranks[i].id);
      g_assert_cmpfloat (r->total, ==, ranks[i].total);
      g_assert_cmpfloat (r->max_total, ==, 12);
      g_assert_cmpint (r->level, ==, ranks[i].level);
      g_assert_cmpuint (r->n_levels, ==, 3);
      for (guint j = 0; j < r->history->len; j++)
        {
          const OporaDashboardPoint *p = &g_array_index (r->history, OporaDashboardPoint, j);
          g_string_append_printf (history, "%s%d:%g", j ? " " : "", p->year, p->total);
        }
      g_assert_cmpstr (history->str, ==, ranks[i].history);
    }
  g_assert_cmpint (((OporaDashboardRank *) d->ranking->pdata[2])->role, ==, OPORA_ROLE_TUTOR);
  g_assert_cmpstr (((OporaDashboardRank *) d->ranking->pdata[0])->level_name, ==, "оптимальный");
}

/* Supported in 2026: programs 1, 2 and 5 (schools 1, 4, 8; 3 is suspended,
 * 4 ended in 2025) and the accepted pairs of run 3 (schools 2, 5). Only
 * schools with a results index in runs 3 and 4 count, so 5 and 9 drop out.
 *   quadrant 1: supported 1 (+0.5), 2 (+0.2): mean 0.35;
 *               others 3 (−0.2), 6 (−0.1): mean −0.15; difference 0.5
 *   quadrant 2: others 10 (+0.4) only: nothing to compare, so it stays
 *               out of the pooled row
 *   quadrant 3: supported 4 (+0.8), 8 (−0.1): mean 0.35;
 *               others 7 (+0.2): mean 0.2; difference 0.15
 *   pooled 1+3: supported 1.4 / 4 = 0.35; others −0.1 / 3 = −0.0333…;
 *               difference 0.3833…
 * Quadrant 4 (school 9, no 2026 index) is left out. */
static void
test_outcome (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-outcome.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  static const struct {
    int cluster; guint n_s; double mean_s; guint n_o; double mean_o, diff; const char *s, *o;
  } expected[] = {
    { 1, 2, 0.35, 2, -0.15, 0.5, "1 2", "3 6" },
    { 2, 0, NAN, 1, 0.4, NAN, "", "10" },
    { 3, 2, 0.35, 1, 0.2, 0.15, "4 8", "7" },
    { 0, 4, 0.35, 3, -0.1 / 3, 0.35 + 0.1 / 3, "1 2 4 8", "3 6 7" },
  };

  g_assert_cmpuint (d->outcome->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const OporaDashboardOutcome *o = d->outcome->pdata[i];

      g_assert_cmpint (o->cluster, ==, expected[i].cluster);
      g_assert_cmpuint (o->n_supported, ==, expected[i].n_s);
      g_assert_true (isnan (o->mean_supported) == isnan (expected[i].mean_s));
      if (!isnan (expected[i].mean_s))
        g_assert_cmpfloat_with_epsilon (o->mean_supported, expected[i].mean_s, 1e-9);
      g_assert_cmpuint (o->n_other, ==, expected[i].n_o);
      g_assert_cmpfloat_with_epsilon (o->mean_other, expected[i].mean_o, 1e-9);
      g_assert_true (isnan (o->difference) == isnan (expected[i].diff));
      if (!isnan (expected[i].diff))
        g_assert_cmpfloat_with_epsilon (o->difference, expected[i].diff, 1e-9);
      assert_ids (o->supported_ids, expected[i].s);
      assert_ids (o->other_ids, expected[i].o);
    }
  g_assert_true (opora_dashboard_overall (d) == d->outcome->pdata[3]);
  g_assert_cmpstr (((OporaDashboardOutcome *) d->outcome->pdata[0])->name, ==, "Difficult contingent, low results");
}

/* Program 1: measures 3 and 5 overdue (4 measures, one cancelled not
 * counted); program 5: measure 13. Program 3 is suspended. */
static void
test_behind (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-behind.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  const OporaDashboardBehind *first, *second;

  g_assert_cmpuint (d->behind->len, ==, 2);
  first = d->behind->pdata[0];
  second = d->behind->pdata[1];
  g_assert_cmpint (first->program_id, ==, 1);
  g_assert_cmpstr (first->school_code, ==, "0001");
  g_assert_cmpuint (first->n_overdue, ==, 2);
  g_assert_cmpuint (first->n_measures, ==, 4);
  g_assert_cmpint (second->program_id, ==, 5);
  g_assert_cmpuint (second->n_overdue, ==, 1);
  g_assert_cmpuint (second->n_measures, ==, 3);
}

/* 2024 has no run before it: the change figures are none, not zero; 2030
 * has nothing at all. */
static void
test_no_data (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-empty.opora");
  g_autoptr(OporaDashboard) early = compute (db, 2024);
  g_autoptr(OporaDashboard) late = compute (db, 2030);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDashboard) bad = opora_dashboard_compute_on (db, 2026, "29.11.2026", &error);

  g_assert_cmpfloat (early->figures[OPORA_FIGURE_PROBLEM].value, ==, 3);
  g_assert_true (isnan (early->figures[OPORA_FIGURE_PROBLEM].previous));
  g_assert_true (isnan (early->figures[OPORA_FIGURE_PROBLEM].change));
  g_assert_false (opora_figure_is_good (&early->figures[OPORA_FIGURE_PROBLEM]));
  g_assert_true (isnan (early->figures[OPORA_FIGURE_LEFT_PROBLEM].value));
  g_assert_cmpuint (early->outcome->len, ==, 0);
  g_assert_null (opora_dashboard_overall (early));
  g_assert_cmpint (early->ranking->len, ==, 1);  /* Сидорова, 2024 */
  g_assert_true (isnan (late->figures[OPORA_FIGURE_ANALYSED].value));
  g_assert_true (isnan (late->figures[OPORA_FIGURE_ON_TIME].value));
  g_assert_cmpfloat (late->figures[OPORA_FIGURE_PROGRAMS].value, ==, 0);
  g_assert_cmpint (late->run_id, ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_null (bad);
  g_assert_cmpint (opora_dashboard_default_year (db, NULL), ==, 2026);
}

static void
test_json (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-json.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  g_autoptr(JsonNode) node = opora_dashboard_to_json (d);
  JsonObject *root = json_node_get_object (node);
  JsonObject *figures = json_object_get_object_member (root, "figures");
  JsonObject *problem = json_object_get_object_member (figures, "problem");
  JsonArray *outcome = json_object_get_array_member (root, "outcome");
  JsonObject *overall = json_array_get_object_element (outcome, 3);

  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2026);
  g_assert_cmpfloat (json_object_get_double_member (problem, "value"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (problem, "change"), ==, -2);
  g_assert_true (json_object_get_boolean_member (problem, "decrease_is_good"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (problem, "ids")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (figures, "on_time"), "due"), ==, 6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "difference"), 0.35 + 0.1 / 3, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "ranking")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "behind")), ==, 2);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The workbook opens as a zip with the four sheets; a folder that does not
 * exist leaves no file and a message. */
static void
test_export (void)
{
  g_autoptr(OporaDb) db = fixture ("dashboard-export.opora");
  g_autoptr(OporaDashboard) d = compute (db, 2026);
  g_autofree char *path = test_workspace_path ("dashboard.xlsx");
  g_autofree char *bad = test_workspace_path ("no-such-folder/dashboard.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (opora_dashboard_export_xlsx (d, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4000);
  g_assert_true (memcmp (contents, "PK", 2) == 0);
  g_assert_true (bytes_contain (contents, length, "xl/worksheets/sheet4.xml"));
  g_assert_false (opora_dashboard_export_xlsx (d, bad, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_IO);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/dashboard/figures", test_figures);
  g_test_add_func ("/core/dashboard/figures-by-sql", test_figures_by_sql);
  g_test_add_func ("/core/dashboard/demo-by-sql", test_demo_by_sql);
  g_test_add_func ("/core/dashboard/levels-and-ranking", test_levels_and_ranking);
  g_test_add_func ("/core/dashboard/outcome", test_outcome);
  g_test_add_func ("/core/dashboard/behind", test_behind);
  g_test_add_func ("/core/dashboard/no-data", test_no_data);
  g_test_add_func ("/core/dashboard/json", test_json);
  g_test_add_func ("/core/dashboard/export", test_export);
  return g_test_run ();
}
