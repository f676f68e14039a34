/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The OPORA_ERROR domain and the one place SQLite errors become GErrors. */

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "opora-error.h"

G_DEFINE_QUARK (opora-error-quark, opora_error)

/* The note the program writing to the workspace left when it began
 * (see opora_db_begin()); readers can see it while the writer works. */
static char *
dup_writer (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *writer = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM workspace_info WHERE key = 'writer'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    writer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return writer;
}

/**
 * opora_error_set_from_sqlite:
 * @error: (nullable): the error to set
 * @sqlite_handle: (nullable): the `sqlite3` connection that failed
 * @what: what was being done, shown before SQLite's own text
 *
 * Turns the last SQLite error of @sqlite_handle into %OPORA_ERROR_DATABASE,
 * or %OPORA_ERROR_READ_ONLY when SQLite refused to write.
 *
 * Returns: always %FALSE, so callers can `return opora_error_set_from_sqlite (…)`
 */
gboolean
opora_error_set_from_sqlite (GError     **error,
                             void        *sqlite_handle,
                             const char  *what)
{
  sqlite3 *db = sqlite_handle;
  int code = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  const char *text = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);

  if ((code & 0xff) == SQLITE_READONLY)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY,
                   _("%s: the workspace is open read-only. Open a copy you may change."),
                   what);
      return FALSE;
    }

  if ((code & 0xff) == SQLITE_FULL || code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("%s: the disk is full or cannot be written (%s). Nothing was changed; "
                     "free some space and try again."), what, text);
      return FALSE;
    }
  if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("%s: the workspace file is damaged (%s). Restore it from a backup: "
                     "“opora-cli backups”, then “opora-cli restore N”."), what, text);
      return FALSE;
    }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    {
      g_autofree char *holder = db != NULL ? dup_writer (db) : NULL;

      if (holder != NULL)
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE,
                     _("%s: the workspace is busy: %s is writing to it and did not finish within 5 seconds. "
                       "Try again when it is done."), what, holder);
      else
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE,
                     _("%s: another program (another Opora window or opora-cli) is writing to this workspace "
                       "and did not finish within 5 seconds. Try again when it is done."), what);
      return FALSE;
    }
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE,
               _("%s: database error (%s)."), what, text);
  return FALSE;
}
