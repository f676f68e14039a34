/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evaluations of mentors, tutors and their bodies on a rubric: scores, and totals and levels computed. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-error.h"
#include "opora-evaluation.h"
#include "opora-program.h"

static void
clear_score (gpointer data)
{
  OporaScore *s = data;

  g_free (s->comment);
  g_free (s->evidence);
}

OporaEvaluation *
opora_evaluation_new (gint64 rubric_id,
                      gint64 person_id,
                      int    year)
{
  OporaEvaluation *e = g_new0 (OporaEvaluation, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  e->rubric_id = rubric_id;
  e->person_id = person_id;
  e->year = year;
  e->evaluator = g_strdup ("");
  e->date = g_date_time_format (now, "%Y-%m-%d");
  e->note = g_strdup ("");
  e->scores = g_array_new (FALSE, TRUE, sizeof (OporaScore));
  g_array_set_clear_func (e->scores, clear_score);
  e->level = -1;
  e->max_total = -1;
  return e;
}

void
opora_evaluation_free (OporaEvaluation *e)
{
  if (e == NULL)
    return;
  g_free (e->rubric_name);
  g_free (e->person_name);
  g_free (e->evaluator);
  g_free (e->date);
  g_free (e->note);
  g_free (e->level_name);
  g_array_unref (e->scores);
  g_free (e);
}

/* Sets (or replaces) the score of one criterion; NAN clears it. */
void
opora_evaluation_set_score (OporaEvaluation *e,
                            gint64           criterion_id,
                            double           value,
                            const char      *comment,
                            const char      *evidence)
{
  OporaScore score = { criterion_id, value, 0, g_strdup (comment != NULL ? comment : ""),
                       g_strdup (evidence != NULL ? evidence : "") };

  for (guint i = 0; i < e->scores->len; i++)
    if (g_array_index (e->scores, OporaScore, i).criterion_id == criterion_id)
      {
        g_array_remove_index (e->scores, i);
        break;
      }
  if (!isnan (value))
    g_array_append_val (e->scores, score);
  else
    clear_score (&score);
}

/**
 * opora_evaluation_compute:
 * @evaluation: an evaluation with its scores
 * @rubric: the rubric it is scored on
 *
 * Checks every score against its criterion's scale and computes the points, the
 * total, the level and whether every criterion is scored. Scores are put in the
 * order of the criteria.
 *
 * Returns: %FALSE with @error set when a score is off its scale or names a
 *   criterion the rubric does not have
 */
gboolean
opora_evaluation_compute (OporaEvaluation    *e,
                          const OporaRubric  *rubric,
                          GError            **error)
{
  g_autoptr(GArray) ordered = g_array_new (FALSE, TRUE, sizeof (OporaScore));
  int level;

  g_array_set_clear_func (ordered, clear_score);
  for (guint i = 0; i < e->scores->len; i++)
    {
      OporaScore *s = &g_array_index (e->scores, OporaScore, i);

      if (opora_rubric_find_criterion (rubric, s->criterion_id) == NULL)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("The rubric “%s” has no criterion number %lld."), rubric->name, (long long) s->criterion_id);
          return FALSE;
        }
    }
  e->total = 0;
  for (guint c = 0; c < rubric->criteria->len; c++)
    {
      const OporaCriterion *criterion = rubric->criteria->pdata[c];

      for (guint i = 0; i < e->scores->len; i++)
        {
          OporaScore *s = &g_array_index (e->scores, OporaScore, i);

          if (s->criterion_id != criterion->id)
            continue;
          if (!opora_criterion_check (criterion, s->value, error))
            return FALSE;
          s->points = opora_criterion_points (criterion, s->value);
          e->total += s->points;
          g_array_append_val (ordered, *s);
          /* The strings moved to ordered. */
          s->comment = s->evidence = NULL;
        }
    }
  g_array_set_size (e->scores, 0);
  g_array_append_vals (e->scores, ordered->data, ordered->len);
  g_array_set_clear_func (ordered, NULL);

  e->complete = e->scores->len == rubric->criteria->len;
  e->max_total = opora_rubric_max_total (rubric);
  e->n_levels = rubric->levels->len;
  level = opora_rubric_level_index (rubric, e->total);
  e->level = level;
  g_free (e->level_name);
  e->level_name = level >= 0 ? g_strdup (g_array_index (rubric->levels, OporaRubricLevel, level).name) : NULL;
  g_free (e->rubric_name);
  e->rubric_name = g_strdup (rubric->name);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
load_scores (OporaDb          *db,
             OporaEvaluation  *e,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT criterion_id, value, comment, evidence"
                                                   " FROM evaluation_score WHERE evaluation_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    opora_evaluation_set_score (e, sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
  return rc == SQLITE_DONE || opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the evaluations"));
}

#define EVALUATION_SELECT \
  "SELECT e.id, e.rubric_id, e.person_id, coalesce (p.full_name, r.body), coalesce (p.role, r.role), e.year," \
  "       e.evaluator, e.date, e.note" \
  " FROM evaluation e JOIN rubric r ON r.id = e.rubric_id LEFT JOIN person p ON p.id = e.person_id"

/* Reads the evaluations @where selects (binding ?1 and ?2), computed on their rubrics. */
static GPtrArray *
load_evaluations (OporaDb     *db,
                  const char  *where,
                  gint64       first,
                  gint64       second,
                  GError     **error)
{
  g_autofree char *sql = g_strconcat (EVALUATION_SELECT, " WHERE ", where,
                                      " ORDER BY e.year, coalesce (p.full_name, r.body) COLLATE NOCASE, e.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_evaluation_free);
  g_autoptr(GHashTable) rubrics = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) opora_rubric_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaEvaluation *e = opora_evaluation_new (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                                 sqlite3_column_int (stmt, 5));

      e->id = sqlite3_column_int64 (stmt, 0);
      e->person_name = column_dup (stmt, 3);
      opora_role_from_string ((const char *) sqlite3_column_text (stmt, 4), &e->role);
      g_free (e->evaluator), e->evaluator = column_dup (stmt, 6);
      g_free (e->date), e->date = column_dup (stmt, 7);
      g_free (e->note), e->note = column_dup (stmt, 8);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the evaluations"));
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    {
      OporaEvaluation *e = list->pdata[i];
      OporaRubric *rubric = g_hash_table_lookup (rubrics, &e->rubric_id);

      if (rubric == NULL)
        {
          if (!(rubric = opora_rubric_get (db, e->rubric_id, error)))
            return NULL;
          g_hash_table_insert (rubrics, &rubric->id, rubric);
        }
      if (!load_scores (db, e, error) || !opora_evaluation_compute (e, rubric, error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * opora_evaluation_list:
 * @db: a workspace
 * @person_id: one person's evaluations, %OPORA_EVALUATION_ALL for everyone's
 *   and the bodies', or %OPORA_EVALUATION_BODIES for the bodies' only
 * @year: one school year's, or 0 for all
 *
 * Returns: (transfer full) (element-type OporaEvaluation): by year and name,
 *   with totals and levels computed
 */
GPtrArray *
opora_evaluation_list (OporaDb   *db,
                       gint64     person_id,
                       int        year,
                       GError   **error)
{
  return load_evaluations (db, "(?1 = -1 OR ifnull (e.person_id, 0) = ?1) AND (?2 = 0 OR e.year = ?2)",
                           person_id, year, error);
}

OporaEvaluation *
opora_evaluation_get (OporaDb  *db,
                      gint64    evaluation_id,
                      GError  **error)
{
  g_autoptr(GPtrArray) list = load_evaluations (db, "e.id = ?1 AND ?2 = 0", evaluation_id, 0, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no evaluation number %lld in this workspace."), (long long) evaluation_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/**
 * opora_evaluation_find:
 *
 * Returns: (transfer full) (nullable): the evaluation of @person_id (0: the
 *   body) on @rubric_id for @year; %NULL without an error when there is none
 */
OporaEvaluation *
opora_evaluation_find (OporaDb  *db,
                       gint64    rubric_id,
                       gint64    person_id,
                       int       year,
                       GError  **error)
{
  g_autofree char *where = g_strdup_printf ("e.rubric_id = %" G_GINT64_FORMAT " AND ifnull (e.person_id, 0) = ?1 AND e.year = ?2",
                                            rubric_id);
  g_autoptr(GPtrArray) list = load_evaluations (db, where, person_id, year, error);

  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

static gboolean
check_header (OporaDb            *db,
              const OporaRubric  *rubric,
              OporaEvaluation    *e,
              GError            **error)
{
  g_autofree char *date = g_strstrip (g_strdup (e->date != NULL ? e->date : ""));
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);

  if (e->year < 1990 || e->year > 2100)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("%d is not a school year Opora keeps."), e->year);
      return FALSE;
    }
  if (strlen (date) != 10 || !(parsed = g_date_time_new_from_iso8601 (iso, NULL)))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not a date. Write the date of the evaluation as YYYY-MM-DD."), date);
      return FALSE;
    }
  if (e->person_id != 0)
    {
      g_autoptr(OporaPerson) person = opora_person_get (db, e->person_id, error);

      if (person == NULL)
        return FALSE;
      if (!rubric->has_role || rubric->role != person->role)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” does not score a %s like %s. Choose the rubric of their role."),
                       rubric->name, opora_role_label (person->role), person->full_name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * opora_evaluation_save:
 * @db: a workspace open for writing
 * @evaluation: the evaluation; id 0 for a new one
 *
 * Checks every score against the rubric's scales, computes the total and
 * level into @evaluation and stores it with its scores in one transaction.
 * A second evaluation of the same person on the same rubric for the same year
 * is refused: edit the first.
 *
 * Returns: the evaluation's id, or 0 with @error set
 */
gint64
opora_evaluation_save (OporaDb          *db,
                       OporaEvaluation  *e,
                       GError          **error)
{
  g_autoptr(OporaRubric) rubric = opora_rubric_get (db, e->rubric_id, error);
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *date = NULL;
  gint64 id = e->id;

  if (rubric == NULL || !check_header (db, rubric, e, error) || !opora_evaluation_compute (e, rubric, error) ||
      !(tx = opora_db_begin (db, error)))
    return 0;
  date = g_strstrip (g_strdup (e->date));
  stmt = opora_db_prepare (db, id == 0
                           ? "INSERT INTO evaluation (rubric_id, person_id, year, evaluator, date, note, created, updated)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                           : "UPDATE evaluation SET rubric_id = ?1, person_id = ?2, year = ?3, evaluator = ?4, date = ?5,"
                             " note = ?6, updated = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, e->rubric_id);
  if (e->person_id != 0)
    sqlite3_bind_int64 (stmt, 2, e->person_id);
  sqlite3_bind_int (stmt, 3, e->year);
  sqlite3_bind_text (stmt, 4, e->evaluator != NULL ? e->evaluator : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, e->note != NULL ? e->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, stamp, -1, SQLITE_STATIC);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (opora_db_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_autofree char *school_year = opora_school_year_label (e->year);

          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("%s already has an evaluation on “%s” for %s. Open it and change the scores instead."),
                       e->person_name != NULL ? e->person_name : rubric->body, rubric->name, school_year);
        }
      else
        opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Saving the evaluation"));
      return 0;
    }
  if (id == 0)
    id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  else if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no evaluation number %lld in this workspace."), (long long) id);
      return 0;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = opora_db_prepare (db, "DELETE FROM evaluation_score WHERE evaluation_id = ?", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = opora_db_prepare (db, "INSERT INTO evaluation_score (evaluation_id, criterion_id, value, comment, evidence)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return 0;
  for (guint i = 0; i < e->scores->len; i++)
    {
      const OporaScore *s = &g_array_index (e->scores, OporaScore, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, s->criterion_id);
      sqlite3_bind_double (stmt, 3, s->value);
      sqlite3_bind_text (stmt, 4, s->comment, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, s->evidence, -1, SQLITE_STATIC);
      if (!opora_db_step_done (db, stmt, error))
        return 0;
    }
  if (!opora_transaction_commit (tx, error))
    return 0;
  e->id = id;
  return id;
}

gboolean
opora_evaluation_delete (OporaDb  *db,
                         gint64    evaluation_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "DELETE FROM evaluation WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evaluation_id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no evaluation number %lld in this workspace."), (long long) evaluation_id);
      return FALSE;
    }
  return TRUE;
}
