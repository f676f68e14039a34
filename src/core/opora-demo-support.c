/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo municipality's support work: analyses, pairs, programs, mentors, tutors, evaluations. */

#include <math.h>

#include "opora-analysis-store.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-evaluation.h"
#include "opora-person.h"
#include "opora-program.h"

/* Fictional people: the surname's female form is the male one plus "а". */
static const char *const surnames[] = {
  "Аксёнов", "Белов", "Воронцов", "Гаврилов", "Дьячков", "Ермолов", "Жданов", "Зуев", "Ильин",
  "Карпов", "Лебедев", "Миронов", "Никитин", "Орлов", "Пахомов", "Родионов", "Соколов", "Трофимов",
};
static const struct { const char *name, *patronymic; } women[] = {
  { "Анна", "Сергеевна" }, { "Елена", "Викторовна" }, { "Ирина", "Николаевна" }, { "Ольга", "Петровна" },
  { "Наталья", "Андреевна" }, { "Татьяна", "Ивановна" }, { "Марина", "Алексеевна" }, { "Светлана", "Юрьевна" },
};
static const struct { const char *name, *patronymic; } men[] = {
  { "Алексей", "Иванович" }, { "Сергей", "Павлович" }, { "Дмитрий", "Олегович" }, { "Михаил", "Петрович" },
};

typedef struct {
  OporaDb  *db;
  GRand    *rand;
  char     *today;       /* YYYY-MM-DD */
  guint     next_name;
} Support;

static char *
person_name (Support *s)
{
  guint i = s->next_name++;
  const char *surname = surnames[(i * 7) % G_N_ELEMENTS (surnames)];

  /* Most of the profession are women. */
  if (i % 4 == 3)
    return g_strdup_printf ("%s %s %s", surname, men[i / 4 % G_N_ELEMENTS (men)].name,
                            men[i / 4 % G_N_ELEMENTS (men)].patronymic);
  return g_strdup_printf ("%sа %s %s", surname, women[i % G_N_ELEMENTS (women)].name,
                          women[i % G_N_ELEMENTS (women)].patronymic);
}

static gboolean
exec_bound (OporaDb     *db,
            const char  *sql,
            gint64       a,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  return opora_db_step_done (db, stmt, error);
}

/* One school in four with low results gets no support, so the outcome can compare like with like. */
#define UNSUPPORTED_EVERY 4

/* One school in four with low results gets no support, so the outcome can compare like with like. */
#define UNSUPPORTED_EVERY 4

/* The support works, a little, and lasts: from @year on, the exam averages (ЕГЭ points, ОГЭ
 * marks) of the schools with a program in @year rise by 5 per cent of their scale and their
 * shares of failed exams fall by three tenths. ВПР shares are left alone: their sums hold. */
static gboolean
support_effect (Support  *s,
                int       year,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    opora_db_prepare (s->db, "UPDATE school_year_value SET vals = (SELECT json_group_object (j.key,"
                      "   CASE WHEN i.unit IN ('points', 'mark') AND i.direction = 1"
                      "   THEN CAST (round (min (j.value + 0.05 * (i.max_value - i.min_value), i.max_value), 2) AS TEXT)"
                      "   WHEN i.unit = 'percent' AND i.direction = -1 AND i.key NOT LIKE 'vpr%'"
                      "   THEN CAST (round (j.value * 0.7, 1) AS TEXT)"
                      "   ELSE j.value END)"
                      " FROM json_each (school_year_value.vals) j JOIN indicator i ON i.id = CAST (j.key AS INTEGER))"
                      " WHERE year >= ?1 AND school_id IN (SELECT school_id FROM program WHERE first_year = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  return opora_db_step_done (s->db, stmt, error);
}

/* Year by year: the support of the year shows in its results; a quadrant analysis of
 * them, its proposed pairs accepted (the methodists agreed) but for the schools left
 * without support; a program for each problem school in the school year after. */
static gboolean
support_years (Support  *s,
               GError  **error)
{
  for (int y = 0; y < OPORA_DEMO_N_YEARS; y++)
    {
      g_autoptr(OporaAnalysisParams) params = NULL;
      g_autoptr(OporaAnalysis) analysis = NULL;
      g_autoptr(GArray) created = NULL;

      if (!support_effect (s, OPORA_DEMO_FIRST_YEAR + y, error) ||
          !(params = opora_analysis_params_new (s->db, OPORA_DEMO_FIRST_YEAR + y, OPORA_MODEL_QUADRANT, error)) ||
          !(analysis = opora_analysis_run (s->db, params, NULL, error)) ||
          !opora_analysis_save (s->db, analysis, error) ||
          !exec_bound (s->db, "UPDATE school_pair SET status = 'accepted' WHERE run_id = ?1 AND base_id IS NOT NULL"
                       " AND supported_id % " G_STRINGIFY (UNSUPPORTED_EVERY) " <> 0", analysis->id, error) ||
          !(created = opora_program_create_from_run (s->db, analysis->id, "armavir", error)) ||
          !opora_db_exec (s->db, "DELETE FROM program WHERE school_id % " G_STRINGIFY (UNSUPPORTED_EVERY) " = 0", error))
        return FALSE;
    }
  return TRUE;
}

static char *
shift_date (const char *date,
            int         days)
{
  g_autofree char *iso = g_strconcat (date, "T12:00:00Z", NULL);
  g_autoptr(GDateTime) d = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) shifted = g_date_time_add_days (d, days);

  return g_date_time_format (shifted, "%Y-%m-%d");
}

/* How the measures went: most done on time, some late, some still open past their deadline. */
static gboolean
progress_measures (Support  *s,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) list = opora_db_prepare (s->db, "SELECT id, start_date, end_date FROM measure ORDER BY id", error);
  g_autoptr(sqlite3_stmt) set = opora_db_prepare (s->db, "UPDATE measure SET status = ?2, done_date = ?3 WHERE id = ?1", error);
  int rc;

  if (list == NULL || set == NULL)
    return FALSE;
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      const char *start = (const char *) sqlite3_column_text (list, 1);
      const char *end = (const char *) sqlite3_column_text (list, 2);
      double draw = g_rand_double (s->rand);
      g_autofree char *done = NULL;
      const char *status = "planned";

      if (g_strcmp0 (end, s->today) < 0)
        {
          if (draw < 0.74)
            done = shift_date (end, -g_rand_int_range (s->rand, 0, 12));
          else if (draw < 0.86)
            done = shift_date (end, g_rand_int_range (s->rand, 4, 30));
          else
            status = draw < 0.95 ? "in-progress" : "planned";
          if (done != NULL && g_strcmp0 (done, start) < 0)
            g_free (done), done = g_strdup (start);
          if (done != NULL && g_strcmp0 (done, s->today) > 0)
            g_free (done), done = g_strdup (s->today);
        }
      else if (g_strcmp0 (start, s->today) <= 0)
        status = draw < 0.6 ? "in-progress" : "planned";
      if (done != NULL)
        status = "done";
      sqlite3_reset (set);
      sqlite3_bind_int64 (set, 1, sqlite3_column_int64 (list, 0));
      sqlite3_bind_text (set, 2, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (set, 3, done, -1, SQLITE_TRANSIENT);
      if (!opora_db_step_done (s->db, set, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (s->db), "demo");
  /* Programs of finished school years are completed. */
  return exec_bound (s->db, "UPDATE program SET status = 'completed' WHERE last_year < ?1",
                     g_ascii_strtoll (s->today, NULL, 10) + (g_strcmp0 (s->today + 4, "-09-01") >= 0), error);
}

/* A mentor and a tutor from each of the eight base schools that help most in the last
 * year of data, keyed by the school's id. */
static gboolean
add_people (Support     *s,
            GHashTable  *mentors,
            GHashTable  *tutors,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (s->db, "SELECT base_school_id FROM program WHERE base_school_id IS NOT NULL"
                                                   " GROUP BY base_school_id ORDER BY sum (first_year = ?1) DESC, count(*) DESC, base_school_id LIMIT 8", error);
  int rc, n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, OPORA_DEMO_FIRST_YEAR + OPORA_DEMO_N_YEARS - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 school = sqlite3_column_int64 (stmt, 0);
      g_autofree char *mentor_name = person_name (s);
      g_autofree char *tutor_name = person_name (s);
      g_autoptr(OporaPerson) mentor = opora_person_new (OPORA_ROLE_MENTOR, mentor_name);
      g_autoptr(OporaPerson) tutor = opora_person_new (OPORA_ROLE_TUTOR, tutor_name);
      gboolean maths = n++ % 2 == 0;
      gint64 id;

      g_free (mentor->position), mentor->position = g_strdup (n % 3 == 0 ? "директор" : "заместитель директора по УВР");
      mentor->school_id = school;
      g_free (mentor->phone), mentor->phone = g_strdup_printf ("+7 (48142) 4-%02d-%02d", 10 + n, 30 + n);
      g_free (tutor->position), tutor->position = g_strdup (maths ? "учитель математики" : "учитель русского языка и литературы");
      g_free (tutor->subject), tutor->subject = g_strdup (maths ? "математика" : "русский язык");
      tutor->school_id = school;
      if ((id = opora_person_add (s->db, mentor, error)) == 0)
        return FALSE;
      g_hash_table_insert (mentors, g_memdup2 (&school, sizeof school), g_memdup2 (&id, sizeof id));
      if ((id = opora_person_add (s->db, tutor, error)) == 0)
        return FALSE;
      g_hash_table_insert (tutors, g_memdup2 (&school, sizeof school), g_memdup2 (&id, sizeof id));
    }
  return rc == SQLITE_DONE || opora_error_set_from_sqlite (error, opora_db_get_handle (s->db), "demo");
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* @table's person for @base, or else the next one in turn who works elsewhere than @school. */
static gint64
helper_for (GHashTable *table,
            gint64      base,
            gint64      school,
            guint      *turn)
{
  g_autoptr(GList) schools = NULL;
  gint64 *id = g_hash_table_lookup (table, &base);
  guint n;

  if (id != NULL)
    return *id;
  schools = g_list_sort (g_hash_table_get_keys (table), compare_ids);
  n = g_list_length (schools);
  for (guint k = 0; k < n; k++)
    {
      gint64 *from = g_list_nth_data (schools, (*turn)++ % n);

      if (*from != school)
        return *(gint64 *) g_hash_table_lookup (table, from);
    }
  return 0;
}

/* Each program's school gets the mentor and the tutor of its base school for the program's
 * year; schools without a base school get the centre's people in turn. */
static gboolean
assign_people (Support     *s,
               GHashTable  *mentors,
               GHashTable  *tutors,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (s->db, "SELECT school_id, ifnull (base_school_id, 0), first_year"
                                                   " FROM program ORDER BY id", error);
  guint mentor_turn = 0, tutor_turn = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 school = sqlite3_column_int64 (stmt, 0), base = sqlite3_column_int64 (stmt, 1);
      int year = sqlite3_column_int (stmt, 2);
      gint64 mentor = helper_for (mentors, base, school, &mentor_turn);
      gint64 tutor = helper_for (tutors, base, school, &tutor_turn);

      if ((mentor != 0 && opora_assignment_add (s->db, mentor, school, year, "управленческая команда", error) == 0) ||
          (tutor != 0 && opora_assignment_add (s->db, tutor, school, year, "учителя-предметники", error) == 0))
        return FALSE;
    }
  return rc == SQLITE_DONE || opora_error_set_from_sqlite (error, opora_db_get_handle (s->db), "demo");
}

/* Scores around @quality (0…2 for choice criteria; counts around quality × 4). */
static gboolean
evaluate (Support      *s,
          OporaRubric  *rubric,
          gint64        person_id,
          int           year,
          double        quality,
          GError      **error)
{
  g_autoptr(OporaEvaluation) e = opora_evaluation_new (rubric->id, person_id, year);

  g_free (e->evaluator), e->evaluator = g_strdup ("Методический совет ИМЦ");
  g_free (e->date), e->date = g_strdup_printf ("%d-06-%02d", year, 15 + g_rand_int_range (s->rand, 0, 10));
  for (guint i = 0; i < rubric->criteria->len; i++)
    {
      const OporaCriterion *c = rubric->criteria->pdata[i];
      double value;

      if (c->kind == OPORA_CRITERION_COUNT)
        value = MAX (0, round (quality * 4 + g_rand_double_range (s->rand, -3, 3)));
      else
        {
          double top = opora_criterion_max_points (c);
          double drawn = quality / 2 * top + g_rand_double_range (s->rand, -0.8, 0.8) * top / 2;
          guint best = 0;

          for (guint k = 1; k < c->options->len; k++)
            if (fabs (g_array_index (c->options, OporaRubricOption, k).points - drawn) <
                fabs (g_array_index (c->options, OporaRubricOption, best).points - drawn))
              best = k;
          value = g_array_index (c->options, OporaRubricOption, best).points;
        }
      opora_evaluation_set_score (e, c->id, value, NULL, NULL);
    }
  return opora_evaluation_save (s->db, e, error) > 0;
}

/* Two finished school years of evaluations: each person in the years they helped a school, and each body as a whole. */
static gboolean
evaluate_years (Support  *s,
                GError  **error)
{
  g_autoptr(GPtrArray) rubrics = opora_rubric_list (s->db, FALSE, error);
  g_autoptr(GPtrArray) people = NULL;

  if (rubrics == NULL || !(people = opora_person_list (s->db, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      OporaPerson *p = people->pdata[i];
      double quality = CLAMP (1.2 + 0.5 * ((int) (i % 5) - 2) / 2.0, 0.3, 2.0);

      for (guint r = 0; r < rubrics->len; r++)
        {
          OporaRubric *rubric = rubrics->pdata[r];

          if (!rubric->has_role || rubric->role != p->role)
            continue;
          for (int year = OPORA_DEMO_FIRST_YEAR + 1; year < OPORA_DEMO_FIRST_YEAR + OPORA_DEMO_N_YEARS; year++)
            {
              g_autoptr(GPtrArray) worked = opora_assignment_list (s->db, p->id, year, error);

              if (worked == NULL ||
                  (worked->len > 0 && !evaluate (s, rubric, p->id, year, MIN (2, quality + 0.25 * (year - OPORA_DEMO_FIRST_YEAR - 1)), error)))
                return FALSE;
            }
          break;
        }
    }
  for (guint r = 0; r < rubrics->len; r++)
    for (int year = OPORA_DEMO_FIRST_YEAR + 1; year < OPORA_DEMO_FIRST_YEAR + OPORA_DEMO_N_YEARS; year++)
      if (!evaluate (s, rubrics->pdata[r], 0, year, 1.1 + 0.3 * (year - OPORA_DEMO_FIRST_YEAR - 1), error))
        return FALSE;
  return TRUE;
}

/**
 * opora_demo_fill_support:
 * @db: a workspace that opora_demo_fill() filled, open for writing
 * @seed: the seed
 *
 * Adds the support work of the demo municipality, so every section has
 * content on the first run: a quadrant analysis of each year with its pairs
 * accepted; a program from the Armavir template for each problem school (but
 * one in four, left without support so the outcome has schools to compare
 * with) in the school year after each analysis, whose exam averages then rise
 * a little, its measures done, late or open as of today;
 * a mentor and a tutor from each of the first eight base schools, assigned to
 * the schools their school supports; evaluations of them and of the mentor
 * centre, tutor point and methodical cluster for the two finished school years.
 * One transaction: on error the workspace is unchanged. The undo history of
 * programs starts empty.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_demo_fill_support (OporaDb  *db,
                         guint32   seed,
                         GError  **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5u);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GHashTable) mentors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) tutors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  Support s = { db, rand, today, 0 };

  return (tx = opora_db_begin (db, error)) != NULL &&
         support_years (&s, error) &&
         opora_db_exec (db, "DELETE FROM program_edit", error) &&
         progress_measures (&s, error) &&
         add_people (&s, mentors, tutors, error) &&
         assign_people (&s, mentors, tutors, error) &&
         evaluate_years (&s, error) &&
         opora_transaction_commit (tx, error);
}

/**
 * opora_demo_fill_all:
 *
 * opora_demo_fill() and opora_demo_fill_support() in one transaction: the demo
 * a new user sees.
 *
 * Returns: %TRUE on success; on error the workspace is unchanged
 */
gboolean
opora_demo_fill_all (OporaDb  *db,
                     guint32   seed,
                     GError  **error)
{
  g_autoptr(OporaTransaction) tx = opora_db_begin (db, error);

  return tx != NULL &&
         opora_demo_fill (db, seed, error) &&
         opora_demo_fill_support (db, seed, error) &&
         opora_transaction_commit (tx, error);
}
