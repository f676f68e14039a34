/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every edit of support programs and their measures, each one undoable through the journal. */

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-journal.h"
#include "opora-program-private.h"
#include "opora-program-template.h"

/* ---- Checks that give a clear message before SQLite's CHECK would refuse ---- */

static gboolean
check_measure (const OporaMeasure  *m,
               GError             **error)
{
  g_autofree char *title = g_strstrip (g_strdup (m->title ? m->title : ""));

  if (*title == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("A measure needs a title. Write what is to be done."));
      return FALSE;
    }
  if (!opora_program_check_date (m->start, _("The start"), error) || !opora_program_check_date (m->end, _("The end"), error) ||
      (m->done_date != NULL && !opora_program_check_date (m->done_date, _("The date done"), error)))
    return FALSE;
  if (strcmp (m->end, m->start) < 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The measure ends (%s) before it starts (%s). Correct one of the dates."), m->end, m->start);
      return FALSE;
    }
  if (m->n_participants < 0)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("The number of participants cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
touch_program (OporaDb  *db,
               gint64    program_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "UPDATE program SET updated = ?2 WHERE id = ?1", error);
  g_autofree char *now = now_text ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, program_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      opora_program_set_no_program (error, program_id);
      return FALSE;
    }
  return TRUE;
}

/* ---- Writing rows (called inside opora_program_edit) ---- */

static gint64
insert_measure (OporaDb             *db,
                gint64               program_id,
                const OporaMeasure  *m,
                int                  position,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_measure (m, error) || !touch_program (db, program_id, error))
    return 0;
  if (!(stmt = opora_db_prepare (db,
          "INSERT INTO measure (program_id, stage, direction, title, start_date, end_date, responsible,"
          " participants, n_participants, target_group, report_form, status, done_date, note, position, cyclic)"
          " VALUES (?, ?, nullif (?, ''), trim (?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, program_id);
  sqlite3_bind_text (stmt, 2, m->stage ? m->stage : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, opora_direction_to_string (m->direction), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, m->start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, m->end, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, m->responsible ? m->responsible : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, m->participants ? m->participants : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, m->n_participants);
  sqlite3_bind_text (stmt, 10, opora_target_to_string (m->target), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, m->report_form ? m->report_form : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, opora_measure_status_to_string (m->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, m->done_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, m->note ? m->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 15, position);
  sqlite3_bind_int (stmt, 16, m->cyclic ? 1 : 0);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (opora_db_get_handle (db));
}

/* The number after the program's last position; 0 with @error set when there is no program. */
static int
next_position (OporaDb  *db,
               gint64    program_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT (SELECT coalesce (max (position), 0) + 1 FROM measure WHERE program_id = ?1)"
    " FROM program WHERE id = ?1", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, program_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      opora_program_set_no_program (error, program_id);
      return 0;
    }
  return sqlite3_column_int (stmt, 0);
}

static gint64
insert_program (OporaDb                     *db,
                gint64                       school_id,
                int                          first_year,
                int                          last_year,
                const char                  *goal,
                gint64                       base_id,
                gint64                       run_id,
                const char                  *template_name,
                GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO program (school_id, first_year, last_year, goal, base_school_id, run_id, template, created, updated)"
    " SELECT id, ?2, ?3, ?4, nullif (?5, 0), nullif (?6, 0), ?7, ?8, ?8 FROM school WHERE id = ?1", error);
  g_autofree char *now = now_text ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, school_id);
  sqlite3_bind_int (stmt, 2, first_year);
  sqlite3_bind_int (stmt, 3, last_year);
  sqlite3_bind_text (stmt, 4, goal ? goal : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, base_id);
  sqlite3_bind_int64 (stmt, 6, run_id);
  sqlite3_bind_text (stmt, 7, template_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no school number %lld in this workspace."), (long long) school_id);
      return 0;
    }
  return sqlite3_last_insert_rowid (opora_db_get_handle (db));
}

/* Inserts the program and the template's measures shifted to @year. */
static gint64
insert_from_template (OporaDb                     *db,
                      gint64                       school_id,
                      int                          year,
                      const OporaProgramTemplate  *tmpl,
                      gint64                       base_id,
                      gint64                       run_id,
                      GError                     **error)
{
  g_autoptr(GPtrArray) measures = tmpl != NULL ? opora_program_template_instantiate (tmpl, year) : NULL;
  gint64 id = insert_program (db, school_id, year, year, tmpl ? tmpl->goal : NULL, base_id, run_id,
                              tmpl ? tmpl->name : NULL, error);

  for (guint i = 0; id > 0 && measures != NULL && i < measures->len; i++)
    if (insert_measure (db, id, measures->pdata[i], i + 1, error) == 0)
      return 0;
  return id;
}

typedef struct {
  gint64                      school_id;
  int                         year;
  const OporaProgramTemplate *tmpl;
  gint64                      id;
} CreateData;

static gboolean
create_cb (OporaDb  *db,
           gpointer  user_data,
           GError  **error)
{
  CreateData *d = user_data;

  d->id = insert_from_template (db, d->school_id, d->year, d->tmpl, 0, 0, error);
  return d->id > 0;
}

static gboolean
check_year (int       year,
            GError  **error)
{
  if (year >= 1991 && year <= 2100)
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               _("%d is not a school year Opora keeps. Give the year of the exams, e.g. 2026 for 2025/26."), year);
  return FALSE;
}

/**
 * opora_program_create:
 * @db: a workspace opened read-write
 * @school_id: the supported school
 * @year: the school year (of the exams: 2026 = 2025/26)
 * @template_name: (nullable): a template to take the goal and measures
 *   from, their months shifted to @year; %NULL for an empty program
 *
 * Creates a program as one undoable edit.
 *
 * Returns: the new program's id, or 0 with @error set (the database is
 *   then unchanged)
 */
gint64
opora_program_create (OporaDb     *db,
                      gint64       school_id,
                      int          year,
                      const char  *template_name,
                      GError     **error)
{
  g_autoptr(OporaProgramTemplate) tmpl = NULL;
  CreateData d = { school_id, year, NULL, 0 };

  g_return_val_if_fail (db != NULL, 0);
  if (!check_year (year, error))
    return 0;
  if (template_name != NULL && !(tmpl = opora_program_template_find (db, template_name, error)))
    return 0;
  d.tmpl = tmpl;
  if (!opora_program_edit (db, N_("Create a program"), create_cb, &d, error))
    return 0;
  return d.id;
}

typedef struct {
  gint64             id;
  int                field;
  const char        *value;
  const OporaMeasure *measure;
  int                position;
  gint64             result;
} EditData;

static gboolean
set_program_cb (OporaDb  *db,
                gpointer  user_data,
                GError  **error)
{
  EditData *d = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = NULL;
  OporaProgramStatus status;

  switch ((OporaProgramField) d->field)
    {
    case OPORA_PROGRAM_FIELD_GOAL:
      sql = "UPDATE program SET goal = trim (?2) WHERE id = ?1";
      break;
    case OPORA_PROGRAM_FIELD_STATUS:
      if (!opora_program_status_from_string (d->value, &status))
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” is not a program status. Use active, completed or suspended."), d->value);
          return FALSE;
        }
      sql = "UPDATE program SET status = ?2 WHERE id = ?1";
      break;
    case OPORA_PROGRAM_FIELD_BASE_SCHOOL:
      sql = "UPDATE program SET base_school_id = CASE WHEN ?2 = '' THEN NULL"
            " ELSE (SELECT id FROM school WHERE code = ?2) END WHERE id = ?1";
      break;
    case OPORA_PROGRAM_FIELD_LAST_YEAR:
      sql = "UPDATE program SET last_year = CAST (?2 AS INTEGER) WHERE id = ?1";
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!touch_program (db, d->id, error) || !(stmt = opora_db_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_text (stmt, 2, d->value ? d->value : "", -1, SQLITE_STATIC);
  return opora_db_step_done (db, stmt, error);
}

static gboolean
check_program_value (OporaDb            *db,
                     gint64              program_id,
                     OporaProgramField   field,
                     const char         *value,
                     GError            **error)
{
  g_autoptr(OporaProgram) p = opora_program_get (db, program_id, error);
  gint64 last;
  char *end = NULL;

  if (p == NULL)
    return FALSE;
  if (field == OPORA_PROGRAM_FIELD_BASE_SCHOOL && value != NULL && *value != '\0')
    {
      g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT id FROM school WHERE code = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) == p->school_id)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” cannot be the base school: there is no other school with that code."), value);
          return FALSE;
        }
    }
  if (field == OPORA_PROGRAM_FIELD_LAST_YEAR)
    {
      last = g_ascii_strtoll (value ? value : "", &end, 10);
      if (end == value || *end != '\0' || last < p->first_year || last > 2100)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("The last year must be a year from %d on."), p->first_year);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * opora_program_set:
 * @db: a workspace opened read-write
 * @program_id: a program
 * @field: what to change
 * @value: the new value as text (a status name, a school code, a year)
 *
 * Changes one field of a program as an undoable edit.
 *
 * Returns: %FALSE with @error set when the value breaks a rule; the
 *   database is then unchanged
 */
gboolean
opora_program_set (OporaDb            *db,
                   gint64              program_id,
                   OporaProgramField   field,
                   const char         *value,
                   GError            **error)
{
  EditData d = { .id = program_id, .field = field, .value = value };

  g_return_val_if_fail (db != NULL, FALSE);
  if (!check_program_value (db, program_id, field, value, error))
    return FALSE;
  return opora_program_edit (db, N_("Edit a program"), set_program_cb, &d, error);
}

static gboolean
delete_program_cb (OporaDb  *db,
                   gpointer  user_data,
                   GError  **error)
{
  EditData *d = user_data;
  g_autoptr(sqlite3_stmt) measures = opora_db_prepare (db, "DELETE FROM measure WHERE program_id = ?", error);
  g_autoptr(sqlite3_stmt) program = NULL;

  /* The measures go first, so that undo brings the program back before them. */
  if (measures == NULL)
    return FALSE;
  sqlite3_bind_int64 (measures, 1, d->id);
  if (!opora_db_step_done (db, measures, error) ||
      !(program = opora_db_prepare (db, "DELETE FROM program WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (program, 1, d->id);
  if (!opora_db_step_done (db, program, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      opora_program_set_no_program (error, d->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * opora_program_delete:
 * @db: a workspace opened read-write
 * @program_id: a program
 *
 * Deletes a program and its measures as one undoable edit.
 *
 * Returns: %FALSE with @error set when there is no such program
 */
gboolean
opora_program_delete (OporaDb  *db,
                      gint64    program_id,
                      GError  **error)
{
  EditData d = { .id = program_id };

  g_return_val_if_fail (db != NULL, FALSE);
  return opora_program_edit (db, N_("Delete a program"), delete_program_cb, &d, error);
}

static gboolean
add_measure_cb (OporaDb  *db,
                gpointer  user_data,
                GError  **error)
{
  EditData *d = user_data;
  int position = next_position (db, d->id, error);

  if (position == 0)
    return FALSE;
  d->result = insert_measure (db, d->id, d->measure, position, error);
  return d->result > 0;
}

/**
 * opora_measure_add:
 * @db: a workspace opened read-write
 * @program_id: a program
 * @measure: the measure; its id, program and position are ignored
 *
 * Adds a measure at the end of the program as an undoable edit.
 *
 * Returns: the new measure's id, or 0 with @error set when there is no such
 *   program or the measure breaks a rule (empty title, ends before it starts)
 */
gint64
opora_measure_add (OporaDb             *db,
                   gint64               program_id,
                   const OporaMeasure  *measure,
                   GError             **error)
{
  EditData d = { .id = program_id, .measure = measure };

  g_return_val_if_fail (db != NULL && measure != NULL, 0);
  if (!check_measure (measure, error))
    return 0;
  if (!opora_program_edit (db, N_("Add a measure"), add_measure_cb, &d, error))
    return 0;
  return d.result;
}

/* Shifts the positions from @from on by @delta, within one program. */
static gboolean
shift_positions (OporaDb  *db,
                 gint64    program_id,
                 int       from,
                 int       to,
                 int       delta,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "UPDATE measure SET position = position + ?4 WHERE program_id = ?1 AND position BETWEEN ?2 AND ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, program_id);
  sqlite3_bind_int (stmt, 2, from);
  sqlite3_bind_int (stmt, 3, to);
  sqlite3_bind_int (stmt, 4, delta);
  return opora_db_step_done (db, stmt, error);
}

static gboolean
duplicate_cb (OporaDb  *db,
              gpointer  user_data,
              GError  **error)
{
  EditData *d = user_data;
  g_autoptr(OporaMeasure) m = opora_measure_get (db, d->id, error);

  /* The copy goes right below the original. */
  if (m == NULL || !shift_positions (db, m->program_id, m->position + 1, G_MAXINT, 1, error))
    return FALSE;
  d->result = insert_measure (db, m->program_id, m, m->position + 1, error);
  return d->result > 0;
}

/**
 * opora_measure_duplicate:
 * @db: a workspace opened read-write
 * @measure_id: a measure
 *
 * Puts a copy of the measure right below it, as an undoable edit.
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
opora_measure_duplicate (OporaDb  *db,
                         gint64    measure_id,
                         GError  **error)
{
  EditData d = { .id = measure_id };

  g_return_val_if_fail (db != NULL, 0);
  if (!opora_program_edit (db, N_("Duplicate a measure"), duplicate_cb, &d, error))
    return 0;
  return d.result;
}

static gboolean
delete_measure_cb (OporaDb  *db,
                   gpointer  user_data,
                   GError  **error)
{
  EditData *d = user_data;
  g_autoptr(OporaMeasure) m = opora_measure_get (db, d->id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (m == NULL || !touch_program (db, m->program_id, error) ||
      !(stmt = opora_db_prepare (db, "DELETE FROM measure WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  return shift_positions (db, m->program_id, m->position + 1, G_MAXINT, -1, error);
}

/**
 * opora_measure_delete:
 * @db: a workspace opened read-write
 * @measure_id: a measure
 *
 * Deletes a measure as an undoable edit; the ones below move up.
 *
 * Returns: %FALSE with @error set when there is no such measure
 */
gboolean
opora_measure_delete (OporaDb  *db,
                      gint64    measure_id,
                      GError  **error)
{
  EditData d = { .id = measure_id };

  g_return_val_if_fail (db != NULL, FALSE);
  return opora_program_edit (db, N_("Delete a measure"), delete_measure_cb, &d, error);
}

/**
 * opora_measure_apply:
 * @m: a measure, not stored by this call
 * @field: which field
 * @value: (nullable): the new value as text: a date as YYYY-MM-DD, a status,
 *   target group or direction by its name ("in-progress", "association",
 *   "network"), a number, "yes"/"no" for cyclic
 *
 * Sets one field of @m from text, checking the value on its own (the whole
 * measure is checked when it is stored).
 *
 * Returns: %FALSE with @error set when @value is not one of the field's
 */
gboolean
opora_measure_apply (OporaMeasure       *m,
                     OporaMeasureField   field,
                     const char         *value,
                     GError            **error)
{
  const char *v = value != NULL ? value : "";
  char **slot = NULL;
  char *end = NULL;

  switch (field)
    {
    case OPORA_FIELD_STAGE: slot = &m->stage; break;
    case OPORA_FIELD_TITLE: slot = &m->title; break;
    case OPORA_FIELD_START: slot = &m->start; break;
    case OPORA_FIELD_END: slot = &m->end; break;
    case OPORA_FIELD_RESPONSIBLE: slot = &m->responsible; break;
    case OPORA_FIELD_PARTICIPANTS: slot = &m->participants; break;
    case OPORA_FIELD_REPORT_FORM: slot = &m->report_form; break;
    case OPORA_FIELD_NOTE: slot = &m->note; break;
    case OPORA_FIELD_DONE_DATE:
      g_free (m->done_date);
      m->done_date = *v != '\0' ? g_strdup (v) : NULL;
      return TRUE;
    case OPORA_FIELD_DIRECTION:
      if (opora_direction_from_string (v, &m->direction))
        return TRUE;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not a direction. Use pupils, network, methodical, resource, management or teachers."), v);
      return FALSE;
    case OPORA_FIELD_TARGET:
      if (opora_target_from_string (v, &m->target))
        return TRUE;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not a target group. Use management, association, teachers, pupils or parents."), v);
      return FALSE;
    case OPORA_FIELD_STATUS:
      if (opora_measure_status_from_string (v, &m->status))
        return TRUE;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not a measure status. Use planned, in-progress, done or cancelled."), v);
      return FALSE;
    case OPORA_FIELD_N_PARTICIPANTS:
      m->n_participants = (int) g_ascii_strtoll (v, &end, 10);
      if (end != v && *end == '\0' && m->n_participants >= 0)
        return TRUE;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not a number of participants."), v);
      return FALSE;
    case OPORA_FIELD_CYCLIC:
      m->cyclic = g_str_equal (v, "1") || g_str_equal (v, "yes") || g_str_equal (v, "true");
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
  g_free (*slot);
  *slot = g_strdup (v);
  return TRUE;
}

static gboolean
set_measure_cb (OporaDb  *db,
                gpointer  user_data,
                GError  **error)
{
  EditData *d = user_data;
  const OporaMeasure *m = d->measure;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!touch_program (db, m->program_id, error) ||
      !(stmt = opora_db_prepare (db,
          "UPDATE measure SET stage = ?2, direction = nullif (?3, ''), title = trim (?4), start_date = ?5,"
          " end_date = ?6, responsible = ?7, participants = ?8, n_participants = ?9, target_group = ?10,"
          " report_form = ?11, status = ?12, done_date = ?13, note = ?14, cyclic = ?15 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  sqlite3_bind_text (stmt, 2, m->stage ? m->stage : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, opora_direction_to_string (m->direction), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, m->start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, m->end, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, m->responsible ? m->responsible : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, m->participants ? m->participants : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, m->n_participants);
  sqlite3_bind_text (stmt, 10, opora_target_to_string (m->target), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, m->report_form ? m->report_form : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, opora_measure_status_to_string (m->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, m->done_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, m->note ? m->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 15, m->cyclic ? 1 : 0);
  return opora_db_step_done (db, stmt, error);
}

/**
 * opora_measure_update:
 * @db: a workspace opened read-write
 * @measure: the measure with its new values (its id says which; its program
 *   and position are not changed here)
 *
 * Stores every field of @measure as one undoable edit: the editor changes a
 * copy and saves it through here.
 *
 * Returns: %FALSE with @error set when the measure breaks a rule (an empty
 *   title, an end before the start) or is gone; the database is then
 *   unchanged
 */
gboolean
opora_measure_update (OporaDb             *db,
                      const OporaMeasure  *measure,
                      GError             **error)
{
  g_autoptr(OporaMeasure) stored = NULL;
  g_autoptr(OporaMeasure) m = NULL;
  EditData d = { .id = measure->id };

  g_return_val_if_fail (db != NULL && measure != NULL, FALSE);
  if (!check_measure (measure, error) || !(stored = opora_measure_get (db, measure->id, error)))
    return FALSE;
  m = opora_measure_copy (measure);
  m->program_id = stored->program_id;
  d.measure = m;
  return opora_program_edit (db, N_("Edit a measure"), set_measure_cb, &d, error);
}

/**
 * opora_measure_set:
 * @db: a workspace opened read-write
 * @measure_id: a measure
 * @field: what to change
 * @value: (nullable): the new value as text, as opora_measure_apply() takes it
 *
 * Changes one field as an undoable edit. The date done is a field of its
 * own: marking a measure done leaves it as it was.
 *
 * Returns: %FALSE with @error set when the value breaks a rule (an empty
 *   title, an end before the start, an unknown status); the database is
 *   then unchanged
 */
gboolean
opora_measure_set (OporaDb            *db,
                   gint64              measure_id,
                   OporaMeasureField   field,
                   const char         *value,
                   GError            **error)
{
  g_autoptr(OporaMeasure) m = NULL;

  g_return_val_if_fail (db != NULL && field < OPORA_N_FIELDS, FALSE);
  if (!(m = opora_measure_get (db, measure_id, error)) || !opora_measure_apply (m, field, value, error))
    return FALSE;
  return opora_measure_update (db, m, error);
}

static gboolean
move_cb (OporaDb  *db,
         gpointer  user_data,
         GError  **error)
{
  EditData *d = user_data;
  const OporaMeasure *m = d->measure;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (d->position < m->position)
    ok = shift_positions (db, m->program_id, d->position, m->position - 1, 1, error);
  else
    ok = shift_positions (db, m->program_id, m->position + 1, d->position, -1, error);
  if (!ok || !touch_program (db, m->program_id, error) ||
      !(stmt = opora_db_prepare (db, "UPDATE measure SET position = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  sqlite3_bind_int (stmt, 2, d->position);
  return opora_db_step_done (db, stmt, error);
}

/**
 * opora_measure_move:
 * @db: a workspace opened read-write
 * @measure_id: a measure
 * @position: its new place, 1 for the top; past the end means the end
 *
 * Reorders the program's measures as an undoable edit: the ones between
 * the old and the new place move by one.
 *
 * Returns: %FALSE with @error set when there is no such measure
 */
gboolean
opora_measure_move (OporaDb  *db,
                    gint64    measure_id,
                    int       position,
                    GError  **error)
{
  g_autoptr(OporaMeasure) m = opora_measure_get (db, measure_id, error);
  int last;
  EditData d = { .id = measure_id };

  g_return_val_if_fail (db != NULL, FALSE);
  if (m == NULL || (last = next_position (db, m->program_id, error) - 1) < 0)
    return FALSE;
  d.position = CLAMP (position, 1, MAX (last, 1));
  d.measure = m;
  if (d.position == m->position)
    return TRUE;
  return opora_program_edit (db, N_("Move a measure"), move_cb, &d, error);
}

static gboolean
transfer_cb (OporaDb  *db,
             gpointer  user_data,
             GError  **error)
{
  EditData *d = user_data;
  const OporaMeasure *m = d->measure;
  int position = next_position (db, d->result, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (position == 0 || !touch_program (db, m->program_id, error) || !touch_program (db, d->result, error) ||
      !(stmt = opora_db_prepare (db, "UPDATE measure SET program_id = ?2, position = ?3 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  sqlite3_bind_int64 (stmt, 2, d->result);
  sqlite3_bind_int (stmt, 3, position);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  return shift_positions (db, m->program_id, m->position + 1, G_MAXINT, -1, error);
}

/**
 * opora_measure_transfer:
 * @db: a workspace opened read-write
 * @measure_id: a measure
 * @program_id: another program; the measure goes to its end
 *
 * Returns: %FALSE with @error set when either does not exist (e.g. the
 *   program was deleted); the database is then unchanged
 */
gboolean
opora_measure_transfer (OporaDb  *db,
                        gint64    measure_id,
                        gint64    program_id,
                        GError  **error)
{
  g_autoptr(OporaMeasure) m = opora_measure_get (db, measure_id, error);
  EditData d = { .id = measure_id, .result = program_id };

  g_return_val_if_fail (db != NULL, FALSE);
  if (m == NULL)
    return FALSE;
  if (m->program_id == program_id)
    return TRUE;
  d.measure = m;
  return opora_program_edit (db, N_("Move a measure to another program"), transfer_cb, &d, error);
}

/* "2025-09-30" → "2026-09-30"; 29 February becomes 28 February. */
static char *
next_year_date (const char *date)
{
  int y = 0, m = 0, d = 0;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  if (m == 2 && d == 29)
    d = 28;
  return g_strdup_printf ("%04d-%02d-%02d", y + 1, m, d);
}

typedef struct {
  gint64 program_id;
  gint64 result;
} CopyData;

static gboolean
copy_cb (OporaDb  *db,
         gpointer  user_data,
         GError  **error)
{
  CopyData *d = user_data;
  g_autoptr(OporaProgram) p = opora_program_get (db, d->program_id, error);
  g_autoptr(GPtrArray) measures = NULL;
  int span;

  if (p == NULL || !(measures = opora_program_measures (db, d->program_id, error)))
    return FALSE;
  span = p->last_year - p->first_year;
  if (!check_year (p->last_year + 1 + span, error))
    return FALSE;
  d->result = insert_program (db, p->school_id, p->last_year + 1, p->last_year + 1 + span, p->goal,
                              p->base_school_id, p->run_id, p->template_name, error);
  for (guint i = 0; d->result > 0 && i < measures->len; i++)
    {
      OporaMeasure *m = measures->pdata[i];
      char *start = next_year_date (m->start), *end = next_year_date (m->end);

      g_free (m->start), m->start = start;
      g_free (m->end), m->end = end;
      g_clear_pointer (&m->done_date, g_free);
      if (m->status != OPORA_MEASURE_CANCELLED)
        m->status = OPORA_MEASURE_PLANNED;
      if (insert_measure (db, d->result, m, i + 1, error) == 0)
        return FALSE;
    }
  return d->result > 0;
}

/**
 * opora_program_copy_to_next_year:
 * @db: a workspace opened read-write
 * @program_id: a program
 *
 * Copies the program to the school year after its last one, as one undoable
 * edit: dates move one year on (29 February to 28 February), statuses go
 * back to planned (cancelled ones stay cancelled), dates done are cleared.
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
opora_program_copy_to_next_year (OporaDb  *db,
                                 gint64    program_id,
                                 GError  **error)
{
  CopyData d = { program_id, 0 };

  g_return_val_if_fail (db != NULL, 0);
  if (!opora_program_edit (db, N_("Copy a program to the next year"), copy_cb, &d, error))
    return 0;
  return d.result;
}

typedef struct {
  gint64                      run_id;
  const OporaProgramTemplate *tmpl;
  GArray                     *ids;
} FromRunData;

static gboolean
from_run_cb (OporaDb  *db,
             gpointer  user_data,
             GError  **error)
{
  FromRunData *d = user_data;
  /* A problem school of the run, its pair's base school when the pair is accepted, or
   * else proposed; schools that already have a program for the year are left alone.
   * A run of year Y analyses the exams of May–June Y (DOMAIN.md: it runs in September),
   * so its programs are for the school year that follows, Y + 1. */
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT m.school_id, r.year + 1,"
    "       (SELECT p.base_id FROM school_pair p WHERE p.run_id = m.run_id AND p.supported_id = m.school_id"
    "         AND p.status IN ('accepted', 'proposed') ORDER BY p.status = 'accepted' DESC LIMIT 1)"
    " FROM cluster_member m JOIN analysis_run r ON r.id = m.run_id JOIN school s ON s.id = m.school_id"
    " WHERE m.run_id = ?1 AND (m.flags & 1) <> 0"
    "   AND NOT EXISTS (SELECT 1 FROM program g WHERE g.school_id = m.school_id"
    "                   AND r.year + 1 BETWEEN g.first_year AND g.last_year)"
    " ORDER BY s.code", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = insert_from_template (db, sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1), d->tmpl,
                                        sqlite3_column_int64 (stmt, 2), d->run_id, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (d->ids, id);
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the analysis"));
  return TRUE;
}

static gboolean
run_exists (OporaDb  *db,
            gint64    run_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT 1 FROM analysis_run WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("There is no analysis number %lld in this workspace."), (long long) run_id);
  return FALSE;
}

/**
 * opora_program_create_from_run:
 * @db: a workspace opened read-write
 * @run_id: a stored analysis
 * @template_name: (nullable): the template of every program
 *
 * Creates, as one undoable edit, a program for each problem school of the
 * run that has none yet for the school year after the run's: a run of 2026
 * (the exams of 2025/26, analysed in September 2026) gives programs for
 * 2027, the school year 2026/27. The base school comes from the
 * school's accepted pair, or else its proposed one.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the new
 *   programs' ids by school code, or %NULL with @error set
 */
GArray *
opora_program_create_from_run (OporaDb     *db,
                               gint64       run_id,
                               const char  *template_name,
                               GError     **error)
{
  g_autoptr(OporaProgramTemplate) tmpl = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  FromRunData d = { run_id, NULL, ids };

  g_return_val_if_fail (db != NULL, NULL);
  if (!run_exists (db, run_id, error))
    return NULL;
  if (template_name != NULL && !(tmpl = opora_program_template_find (db, template_name, error)))
    return NULL;
  d.tmpl = tmpl;
  if (!opora_program_edit (db, N_("Create programs for the problem schools"), from_run_cb, &d, error))
    return NULL;
  return g_steal_pointer (&ids);
}
