/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists import batches and undoes one by restoring the rows it replaced. */

#include <glib/gi18n-lib.h>

#include "opora-batch.h"
#include "opora-db.h"
#include "opora-error.h"

void
opora_batch_free (OporaBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->file_name);
  g_free (batch->sha256);
  g_free (batch->created);
  g_free (batch);
}

static OporaBatch *
batch_from_stmt (sqlite3_stmt *stmt)
{
  OporaBatch *batch = g_new0 (OporaBatch, 1);

  batch->id = sqlite3_column_int64 (stmt, 0);
  batch->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  batch->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  batch->created = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  batch->n_schools = sqlite3_column_int (stmt, 4);
  batch->n_new = sqlite3_column_int (stmt, 5);
  batch->n_changed = sqlite3_column_int (stmt, 6);
  batch->n_unchanged = sqlite3_column_int (stmt, 7);
  batch->n_skipped = sqlite3_column_int (stmt, 8);
  batch->undone = sqlite3_column_int (stmt, 9);
  batch->n_problems = sqlite3_column_int (stmt, 10);
  return batch;
}

/**
 * opora_batch_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaBatch) (nullable): every
 *   import, newest first; %NULL with @error set on failure
 */
GPtrArray *
opora_batch_list (OporaDb  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT b.id, b.file_name, b.sha256, b.created, b.n_schools, b.n_new, b.n_changed, b.n_unchanged,"
    " b.n_skipped, b.undone, (SELECT count(*) FROM import_problem p WHERE p.batch_id = b.id)"
    " FROM import_batch b ORDER BY b.id DESC", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_batch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, batch_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the import history"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gint64
query_int (OporaDb     *db,
           const char  *sql,
           gint64       batch_id,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Undoing the import"));
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  return TRUE;
}

/* The batch must exist, not be undone, and no later import may have
 * changed a school-year it wrote (that import remembers it with this
 * batch as the row's writer): its changes would be lost. */
static gboolean
check_undoable (OporaDb  *db,
                gint64    batch_id,
                GError  **error)
{
  gint64 undone, later;

  if (!query_int (db, "SELECT undone FROM import_batch WHERE id = ?", batch_id, &undone, error) ||
      !query_int (db, "SELECT max (l.batch_id) FROM import_undo l JOIN import_batch b ON b.id = l.batch_id"
                      " WHERE l.old_batch_id = ?1 AND b.undone = 0", batch_id, &later, error))
    return FALSE;
  if (undone < 0)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("There is no import %lld."), (long long) batch_id);
  else if (undone > 0)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("Import %lld was already undone."), (long long) batch_id);
  else if (later > 0)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                 _("Import %lld changed the same schools later. Undo import %lld first."),
                 (long long) later, (long long) later);
  return undone == 0 && later <= 0;
}

/**
 * opora_batch_undo:
 * @db: a workspace open for writing
 * @batch_id: an import batch
 *
 * Removes exactly what the batch changed, in one transaction: each
 * school-year it wrote goes back to what it was (or away, when the batch
 * created it), and the schools it added are removed. Refused while a later
 * import that changed the same schools is still in place. On error the
 * workspace is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_batch_undo (OporaDb  *db,
                  gint64    batch_id,
                  GError  **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char *steps[] = {
    /* Rows the batch created: its id, and nothing remembered of them. */
    "DELETE FROM school_year_value WHERE batch_id = ?1 AND NOT EXISTS"
    " (SELECT 1 FROM import_undo u WHERE u.batch_id = ?1"
    "  AND u.school_id = school_year_value.school_id AND u.year = school_year_value.year)",
    "UPDATE school_year_value SET vals = u.old_vals, batch_id = u.old_batch_id FROM import_undo u"
    " WHERE u.batch_id = ?1 AND u.old_vals IS NOT NULL"
    " AND school_year_value.school_id = u.school_id AND school_year_value.year = u.year",
    "DELETE FROM school WHERE batch_id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM school_year_value v WHERE v.school_id = school.id)",
    "DELETE FROM import_undo WHERE batch_id = ?1",
    "UPDATE import_batch SET undone = 1 WHERE id = ?1",
  };

  if (!(tx = opora_db_begin (db, error)) || !check_undoable (db, batch_id, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!(stmt = opora_db_prepare (db, steps[i], error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
    }
  return opora_transaction_commit (tx, error);
}
