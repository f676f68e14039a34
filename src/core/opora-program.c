/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Support programs (road maps) of schools and their measures: names, reading, what is overdue. */

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-private.h"

static const char *program_status_names[] = { "active", "completed", "suspended" };
static const char *measure_status_names[] = { "planned", "in-progress", "done", "cancelled" };
static const char *target_names[] = { "management", "association", "teachers", "pupils", "parents" };
static const char *direction_names[] = { "", "pupils", "network", "methodical", "resource", "management", "teachers" };
static const char *field_names[] = {
  "stage", "direction", "title", "start", "end", "responsible", "participants", "n-participants",
  "target", "report-form", "status", "done-date", "note", "cyclic"
};
G_STATIC_ASSERT (G_N_ELEMENTS (field_names) == OPORA_N_FIELDS);

static int
name_index (const char  *text,
            const char **names,
            guint        n)
{
  for (guint i = 0; text != NULL && i < n; i++)
    if (g_str_equal (text, names[i]))
      return (int) i;
  return -1;
}

const char *
opora_program_status_to_string (OporaProgramStatus status)
{
  g_return_val_if_fail (status <= OPORA_PROGRAM_SUSPENDED, NULL);
  return program_status_names[status];
}

gboolean
opora_program_status_from_string (const char         *text,
                                  OporaProgramStatus *status)
{
  int i = name_index (text, program_status_names, G_N_ELEMENTS (program_status_names));

  if (i >= 0)
    *status = i;
  return i >= 0;
}

const char *
opora_program_status_label (OporaProgramStatus status)
{
  switch (status)
    {
    case OPORA_PROGRAM_ACTIVE: return _("active");
    case OPORA_PROGRAM_COMPLETED: return _("completed");
    case OPORA_PROGRAM_SUSPENDED: return _("suspended");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
opora_measure_status_to_string (OporaMeasureStatus status)
{
  g_return_val_if_fail (status <= OPORA_MEASURE_CANCELLED, NULL);
  return measure_status_names[status];
}

gboolean
opora_measure_status_from_string (const char         *text,
                                  OporaMeasureStatus *status)
{
  int i = name_index (text, measure_status_names, G_N_ELEMENTS (measure_status_names));

  if (i >= 0)
    *status = i;
  return i >= 0;
}

const char *
opora_measure_status_label (OporaMeasureStatus status)
{
  switch (status)
    {
    case OPORA_MEASURE_PLANNED: return C_("measure", "planned");
    case OPORA_MEASURE_IN_PROGRESS: return C_("measure", "in progress");
    case OPORA_MEASURE_DONE: return C_("measure", "done");
    case OPORA_MEASURE_CANCELLED: return C_("measure", "cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
opora_target_to_string (OporaTargetGroup target)
{
  g_return_val_if_fail (target <= OPORA_TARGET_PARENTS, NULL);
  return target_names[target];
}

gboolean
opora_target_from_string (const char       *text,
                          OporaTargetGroup *target)
{
  int i = name_index (text, target_names, G_N_ELEMENTS (target_names));

  if (i >= 0)
    *target = i;
  return i >= 0;
}

const char *
opora_target_label (OporaTargetGroup target)
{
  switch (target)
    {
    case OPORA_TARGET_MANAGEMENT: return _("management team");
    case OPORA_TARGET_ASSOCIATION: return _("methodical association");
    case OPORA_TARGET_TEACHERS: return _("teachers");
    case OPORA_TARGET_PUPILS: return _("pupils");
    case OPORA_TARGET_PARENTS: return _("parents");
    default: g_return_val_if_reached (NULL);
    }
}

/* "" for none. */
const char *
opora_direction_to_string (OporaDirection direction)
{
  g_return_val_if_fail (direction <= OPORA_DIRECTION_TEACHERS, NULL);
  return direction_names[direction];
}

/* Accepts "" and NULL as none. */
gboolean
opora_direction_from_string (const char     *text,
                             OporaDirection *direction)
{
  int i = name_index (text != NULL ? text : "", direction_names, G_N_ELEMENTS (direction_names));

  if (i >= 0)
    *direction = i;
  return i >= 0;
}

const char *
opora_direction_label (OporaDirection direction)
{
  switch (direction)
    {
    case OPORA_DIRECTION_NONE: return "";
    case OPORA_DIRECTION_PUPILS: return _("pupils’ preparation");
    case OPORA_DIRECTION_NETWORK: return _("network interaction");
    case OPORA_DIRECTION_METHODICAL: return _("targeted methodical support");
    case OPORA_DIRECTION_RESOURCE: return _("base schools as resource centres");
    case OPORA_DIRECTION_MANAGEMENT: return _("training management teams");
    case OPORA_DIRECTION_TEACHERS: return _("teachers’ professional development");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
opora_measure_field_from_string (const char        *text,
                                 OporaMeasureField *field)
{
  int i = name_index (text, field_names, G_N_ELEMENTS (field_names));

  if (i >= 0)
    *field = i;
  return i >= 0;
}

/**
 * opora_school_year_label:
 * @year: the calendar year of the exams
 *
 * 2026 → "2025/26", 2000 → "1999/00".
 *
 * Returns: (transfer full): the school year as people write it
 */
char *
opora_school_year_label (int year)
{
  return g_strdup_printf ("%d/%02d", year - 1, year % 100);
}

void
opora_program_free (OporaProgram *p)
{
  if (p == NULL)
    return;
  g_free (p->school_code);
  g_free (p->school_name);
  g_free (p->goal);
  g_free (p->base_code);
  g_free (p->base_name);
  g_free (p->template_name);
  g_free (p->created);
  g_free (p->updated);
  g_free (p);
}

void
opora_measure_free (OporaMeasure *m)
{
  if (m == NULL)
    return;
  g_free (m->stage);
  g_free (m->title);
  g_free (m->start);
  g_free (m->end);
  g_free (m->responsible);
  g_free (m->participants);
  g_free (m->report_form);
  g_free (m->done_date);
  g_free (m->note);
  g_free (m);
}

/**
 * opora_measure_copy:
 *
 * Returns: (transfer full): a deep copy of @measure
 */
OporaMeasure *
opora_measure_copy (const OporaMeasure *measure)
{
  OporaMeasure *m = g_memdup2 (measure, sizeof *measure);

  m->stage = g_strdup (measure->stage);
  m->title = g_strdup (measure->title);
  m->start = g_strdup (measure->start);
  m->end = g_strdup (measure->end);
  m->responsible = g_strdup (measure->responsible);
  m->participants = g_strdup (measure->participants);
  m->report_form = g_strdup (measure->report_form);
  m->done_date = g_strdup (measure->done_date);
  m->note = g_strdup (measure->note);
  return m;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

#define PROGRAM_SELECT \
  "SELECT p.id, p.school_id, s.code, s.name, p.first_year, p.last_year, p.goal, p.status," \
  "       p.base_school_id, b.code, b.name, p.run_id, p.template, p.created, p.updated," \
  "       (SELECT count(*) FROM measure m WHERE m.program_id = p.id AND m.status <> 'cancelled')," \
  "       (SELECT count(*) FROM measure m WHERE m.program_id = p.id AND m.status = 'done')" \
  " FROM program p JOIN school s ON s.id = p.school_id LEFT JOIN school b ON b.id = p.base_school_id"

static OporaProgram *
program_from_row (sqlite3_stmt *stmt)
{
  OporaProgram *p = g_new0 (OporaProgram, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->school_id = sqlite3_column_int64 (stmt, 1);
  p->school_code = column_dup (stmt, 2);
  p->school_name = column_dup (stmt, 3);
  p->first_year = sqlite3_column_int (stmt, 4);
  p->last_year = sqlite3_column_int (stmt, 5);
  p->goal = column_dup (stmt, 6);
  opora_program_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &p->status);
  p->base_school_id = sqlite3_column_int64 (stmt, 8);
  p->base_code = column_dup (stmt, 9);
  p->base_name = column_dup (stmt, 10);
  p->run_id = sqlite3_column_int64 (stmt, 11);
  p->template_name = column_dup (stmt, 12);
  p->created = column_dup (stmt, 13);
  p->updated = column_dup (stmt, 14);
  p->n_measures = sqlite3_column_int (stmt, 15);
  p->n_done = sqlite3_column_int (stmt, 16);
  return p;
}

void
opora_program_set_no_program (GError **error,
                              gint64   program_id)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("There is no program number %lld in this workspace. It may have been deleted."),
               (long long) program_id);
}

void
opora_program_set_no_measure (GError **error,
                              gint64   measure_id)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("There is no measure number %lld in this workspace. It may have been deleted."),
               (long long) measure_id);
}

/**
 * opora_program_get:
 * @db: a workspace
 * @program_id: a program
 *
 * Returns: (transfer full) (nullable): the program, or %NULL with @error set
 */
OporaProgram *
opora_program_get (OporaDb  *db,
                   gint64    program_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, PROGRAM_SELECT " WHERE p.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, program_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return program_from_row (stmt);
  if (rc == SQLITE_DONE)
    opora_program_set_no_program (error, program_id);
  else
    opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the programs"));
  return NULL;
}

/**
 * opora_program_list:
 * @db: a workspace
 * @year: only programs covering this year, or 0 for all
 *
 * Returns: (transfer full) (element-type OporaProgram) (nullable): the
 *   programs by school code and first year, or %NULL with @error set
 */
GPtrArray *
opora_program_list (OporaDb  *db,
                    int       year,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, PROGRAM_SELECT
    " WHERE ?1 = 0 OR ?1 BETWEEN p.first_year AND p.last_year ORDER BY s.code, p.first_year, p.id", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_program_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, program_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the programs"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

#define MEASURE_SELECT \
  "SELECT id, program_id, stage, direction, title, start_date, end_date, responsible, participants," \
  "       n_participants, target_group, report_form, status, done_date, note, position, cyclic FROM measure"

static OporaMeasure *
measure_from_row (sqlite3_stmt *stmt)
{
  OporaMeasure *m = g_new0 (OporaMeasure, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->program_id = sqlite3_column_int64 (stmt, 1);
  m->stage = column_dup (stmt, 2);
  opora_direction_from_string ((const char *) sqlite3_column_text (stmt, 3), &m->direction);
  m->title = column_dup (stmt, 4);
  m->start = column_dup (stmt, 5);
  m->end = column_dup (stmt, 6);
  m->responsible = column_dup (stmt, 7);
  m->participants = column_dup (stmt, 8);
  m->n_participants = sqlite3_column_int (stmt, 9);
  opora_target_from_string ((const char *) sqlite3_column_text (stmt, 10), &m->target);
  m->report_form = column_dup (stmt, 11);
  opora_measure_status_from_string ((const char *) sqlite3_column_text (stmt, 12), &m->status);
  m->done_date = column_dup (stmt, 13);
  m->note = column_dup (stmt, 14);
  m->position = sqlite3_column_int (stmt, 15);
  m->cyclic = sqlite3_column_int (stmt, 16) != 0;
  return m;
}

static GPtrArray *
measures_query (OporaDb     *db,
                const char  *sql,
                gint64       id,
                const char  *text,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_measure_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, measure_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the measures"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * opora_program_measures:
 * @db: a workspace
 * @program_id: a program
 *
 * Returns: (transfer full) (element-type OporaMeasure) (nullable): the
 *   program's measures in their order, or %NULL with @error set
 */
GPtrArray *
opora_program_measures (OporaDb  *db,
                        gint64    program_id,
                        GError  **error)
{
  return measures_query (db, MEASURE_SELECT " WHERE program_id = ?1 ORDER BY position, id", program_id, NULL, error);
}

/**
 * opora_measure_get:
 *
 * Returns: (transfer full) (nullable): the measure, or %NULL with @error set
 */
OporaMeasure *
opora_measure_get (OporaDb  *db,
                   gint64    measure_id,
                   GError  **error)
{
  g_autoptr(GPtrArray) list = measures_query (db, MEASURE_SELECT " WHERE id = ?1", measure_id, NULL, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      opora_program_set_no_measure (error, measure_id);
      return NULL;
    }
  return g_steal_pointer (&list->pdata[0]);
}

/* Whether @date is a real date written YYYY-MM-DD; else @error names @what. */
gboolean
opora_program_check_date (const char  *date,
                          const char  *what,
                          GError     **error)
{
  int y, m, dd;
  char tail;

  if (date != NULL && strlen (date) == 10 && sscanf (date, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3 &&
      g_date_valid_dmy (dd, m, y))
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               _("%s “%s” is not a date. Write it as YYYY-MM-DD, e.g. 2025-09-15."), what, date ? date : "");
  return FALSE;
}

/**
 * opora_measure_is_overdue:
 * @measure: a measure
 * @today: the date to judge by, YYYY-MM-DD
 *
 * A measure is overdue when its end date is before @today and it is
 * neither done nor cancelled: end 2025-10-31, today 2025-11-01 → overdue;
 * today 2025-10-31 → not yet.
 *
 * Returns: whether the measure is overdue
 */
gboolean
opora_measure_is_overdue (const OporaMeasure *measure,
                          const char         *today)
{
  g_return_val_if_fail (measure != NULL && today != NULL, FALSE);
  return measure->status != OPORA_MEASURE_DONE && measure->status != OPORA_MEASURE_CANCELLED &&
         strcmp (measure->end, today) < 0;
}

/**
 * opora_program_count_overdue:
 * @measures: (element-type OporaMeasure): a program's measures
 * @today: YYYY-MM-DD
 *
 * Returns: how many are overdue on @today
 */
guint
opora_program_count_overdue (GPtrArray  *measures,
                             const char *today)
{
  guint n = 0;

  for (guint i = 0; i < measures->len; i++)
    n += opora_measure_is_overdue (measures->pdata[i], today);
  return n;
}

/**
 * opora_program_due:
 * @db: a workspace
 * @today: YYYY-MM-DD
 *
 * The "this month" list: across all programs, the measures neither done nor
 * cancelled that end in @today's month or are already overdue, by end date.
 *
 * Returns: (transfer full) (element-type OporaMeasure) (nullable): the
 *   measures, or %NULL with @error set
 */
GPtrArray *
opora_program_due (OporaDb     *db,
                   const char  *today,
                   GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  if (!opora_program_check_date (today, _("Today"), error))
    return NULL;
  return measures_query (db, MEASURE_SELECT
    " WHERE status IN ('planned', 'in-progress') AND (end_date < ?2 OR substr (end_date, 1, 7) = substr (?2, 1, 7))"
    " ORDER BY end_date, program_id, position", 0, today, error);
}
