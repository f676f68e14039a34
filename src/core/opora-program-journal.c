/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The undo journal of the support programs: one function records every edit; undo and redo replay it. */

#include <glib/gi18n-lib.h>

#include "opora-error.h"
#include "opora-program-journal.h"

/* The columns of the journalled tables, as the triggers of migration 0005 write them. */
static const char *program_columns[] = {
  "school_id", "first_year", "last_year", "goal", "status", "base_school_id", "run_id",
  "template", "created", "updated", NULL
};
static const char *measure_columns[] = {
  "program_id", "stage", "direction", "title", "start_date", "end_date", "responsible",
  "participants", "n_participants", "target_group", "report_form", "status", "done_date",
  "note", "position", "cyclic", NULL
};

static gboolean
set_recording (OporaDb  *db,
               gint64    edit_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "UPDATE program_journal_state SET edit_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (edit_id > 0)
    sqlite3_bind_int64 (stmt, 1, edit_id);
  else
    sqlite3_bind_null (stmt, 1);
  return opora_db_step_done (db, stmt, error);
}

/* Starts a new edit: what was undone can no longer be redone. */
static gint64
open_edit (OporaDb     *db,
           const char  *label,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  if (!opora_db_exec (db, "DELETE FROM program_edit WHERE undone = 1", error))
    return 0;
  if (!(stmt = opora_db_prepare (db, "INSERT INTO program_edit (label, created) VALUES (?, ?)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, created, -1, SQLITE_STATIC);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (opora_db_get_handle (db));
}

/**
 * opora_program_edit:
 * @db: a workspace opened read-write
 * @label: what the edit does, as the Undo menu names it: untranslated, marked
 *   with N_() ("Edit a measure"); the journal translates it when it is read
 * @func: makes the changes to `program` and `measure`
 * @user_data: for @func
 *
 * Runs @func in one transaction and records every row it changes, so that
 * opora_program_undo() can return the tables to the state before it. This is
 * the one way programs and measures change; the edit is saved when this
 * returns.
 *
 * Returns: %FALSE with @error set when @func fails; the database is then
 *   unchanged
 */
gboolean
opora_program_edit (OporaDb        *db,
                    const char     *label,
                    OporaEditFunc   func,
                    gpointer        user_data,
                    GError        **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  gint64 edit_id;

  g_return_val_if_fail (db != NULL && label != NULL && func != NULL, FALSE);
  if (!(tx = opora_db_begin (db, error)))
    return FALSE;
  if ((edit_id = open_edit (db, label, error)) <= 0 ||
      !set_recording (db, edit_id, error) ||
      !func (db, user_data, error) ||
      !set_recording (db, 0, error))
    return FALSE;
  return opora_transaction_commit (tx, error);
}

/* "UPDATE t SET a = json_extract(?2, '$.a'), … WHERE id = ?1" and the INSERT beside it. */
static char *
restore_sql (const char  *table,
             const char **columns,
             gboolean     insert)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  if (insert)
    {
      g_string_append_printf (sql, "INSERT INTO %s (id", table);
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, ", %s", columns[i]);
      g_string_append (sql, ") VALUES (?1");
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, ", json_extract (?2, '$.%s')", columns[i]);
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET ", table);
      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (sql, "%s%s = json_extract (?2, '$.%s')", i > 0 ? ", " : "", columns[i], columns[i]);
      g_string_append (sql, " WHERE id = ?1");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
run_restore (OporaDb     *db,
             const char  *sql,
             gint64       row_id,
             const char  *image,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  if (image != NULL)
    sqlite3_bind_text (stmt, 2, image, -1, SQLITE_STATIC);
  return opora_db_step_done (db, stmt, error);
}

/* Makes row @row_id of @table what @image says: deleted when it is NULL. */
static gboolean
restore_row (OporaDb     *db,
             const char  *table,
             gint64       row_id,
             const char  *image,
             GError     **error)
{
  const char **columns = g_str_equal (table, "program") ? program_columns : measure_columns;
  g_autofree char *update = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *delete = NULL;

  if (image == NULL)
    {
      delete = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);
      return run_restore (db, delete, row_id, NULL, error);
    }
  update = restore_sql (table, columns, FALSE);
  if (!run_restore (db, update, row_id, image, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) > 0)
    return TRUE;
  insert = restore_sql (table, columns, TRUE);
  return run_restore (db, insert, row_id, image, error);
}

/* The edit undo (or redo) would replay: 0 when there is none. */
static gint64
next_edit (OporaDb   *db,
           gboolean   redo,
           char     **label)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, redo
    ? "SELECT id, label FROM program_edit WHERE undone = 1 ORDER BY id LIMIT 1"
    : "SELECT id, label FROM program_edit WHERE undone = 0 ORDER BY id DESC LIMIT 1", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  if (label != NULL)
    *label = g_strdup (_((const char *) sqlite3_column_text (stmt, 1)));
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
replay (OporaDb   *db,
        gint64     edit_id,
        gboolean   redo,
        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, redo
    ? "SELECT tbl, row_id, after FROM program_change WHERE edit_id = ? ORDER BY id"
    : "SELECT tbl, row_id, before FROM program_change WHERE edit_id = ? ORDER BY id DESC", error);
  g_autoptr(sqlite3_stmt) mark = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, edit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!restore_row (db, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 2), error))
      {
        g_prefix_error (error, _("The change cannot be undone: "));
        return FALSE;
      }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the list of changes"));
  if (!(mark = opora_db_prepare (db, "UPDATE program_edit SET undone = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (mark, 1, edit_id);
  sqlite3_bind_int (mark, 2, redo ? 0 : 1);
  return opora_db_step_done (db, mark, error);
}

static gboolean
undo_or_redo (OporaDb   *db,
              gboolean   redo,
              char     **label,
              GError   **error)
{
  g_autoptr(OporaTransaction) tx = opora_db_begin (db, error);
  g_autofree char *name = NULL;
  gint64 edit_id;

  if (tx == NULL)
    return FALSE;
  if ((edit_id = next_edit (db, redo, &name)) == 0)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                           redo ? _("There is nothing to redo.") : _("There is nothing to undo."));
      return FALSE;
    }
  if (!replay (db, edit_id, redo, error) || !opora_transaction_commit (tx, error))
    return FALSE;
  if (label != NULL)
    *label = g_steal_pointer (&name);
  return TRUE;
}

/**
 * opora_program_undo:
 * @db: a workspace opened read-write
 * @label: (out) (optional): what was undone
 *
 * Undoes the newest edit not yet undone, across all programs: every row it
 * changed gets back its earlier image.
 *
 * Returns: %FALSE with @error set when there is nothing to undo or SQLite
 *   fails; the database is then unchanged
 */
gboolean
opora_program_undo (OporaDb  *db,
                    char    **label,
                    GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return undo_or_redo (db, FALSE, label, error);
}

/**
 * opora_program_redo:
 * @db: a workspace opened read-write
 * @label: (out) (optional): what was redone
 *
 * Makes again the oldest undone edit. A new edit drops what could be redone.
 *
 * Returns: %FALSE with @error set when there is nothing to redo
 */
gboolean
opora_program_redo (OporaDb  *db,
                    char    **label,
                    GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return undo_or_redo (db, TRUE, label, error);
}

/**
 * opora_program_dup_undo_label:
 *
 * Returns: (transfer full) (nullable): the label of the edit undo would undo,
 *   translated
 */
char *
opora_program_dup_undo_label (OporaDb *db)
{
  char *label = NULL;

  next_edit (db, FALSE, &label);
  return label;
}

/**
 * opora_program_dup_redo_label:
 *
 * Returns: (transfer full) (nullable): the label of the edit redo would make
 */
char *
opora_program_dup_redo_label (OporaDb *db)
{
  char *label = NULL;

  next_edit (db, TRUE, &label);
  return label;
}
