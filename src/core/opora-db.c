/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a workspace file safely: refuse foreign and newer files, migrate older ones. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <unistd.h>

#include "opora-backup.h"
#include "opora-db.h"
#include "opora-error.h"
#include "opora-indicator.h"

#define MIGRATIONS_PATH "/ru/opora/Opora/core/migrations"

struct _OporaDb
{
  sqlite3  *handle;
  char     *path;
  int       version;
  gboolean  read_only;
};

struct _OporaTransaction
{
  OporaDb  *db;
  gboolean  done;
  gboolean  nested;  /* inside another transaction: a savepoint */
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The migrations in order: their names start with the version they make. */
static char **
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

/**
 * opora_db_latest_version:
 *
 * Returns: the schema version this build writes: the number of migrations.
 */
int
opora_db_latest_version (void)
{
  g_auto(GStrv) names = list_migrations ();

  return (int) g_strv_length (names);
}

static gboolean
exec_sql (sqlite3     *handle,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, handle, what);
  return TRUE;
}

static gboolean
apply_migration (sqlite3     *handle,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *sql = NULL;

  g_assert (bytes != NULL);
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return exec_sql (handle, sql, name, error);
}

static int
read_pragma_int (sqlite3    *handle,
                 const char *sql,
                 int        *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  *value = sqlite3_column_int (stmt, 0);
  return SQLITE_OK;
}

/**
 * opora_db_migrate:
 * @handle: an open read-write connection
 * @target_version: the schema version to reach, at most opora_db_latest_version()
 *
 * Applies the numbered migrations above the file's `user_version` up to
 * @target_version in one transaction. On error the file is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_db_migrate (sqlite3  *handle,
                  int       target_version,
                  GError  **error)
{
  g_auto(GStrv) names = list_migrations ();
  g_autofree char *set_version = NULL;
  int current = 0;

  g_return_val_if_fail (handle != NULL, FALSE);
  g_return_val_if_fail (target_version <= (int) g_strv_length (names), FALSE);

  if (read_pragma_int (handle, "PRAGMA user_version", &current) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, handle, _("Reading the schema version"));
  if (current >= target_version)
    return TRUE;

  if (!exec_sql (handle, "BEGIN IMMEDIATE", _("Upgrading the workspace"), error))
    return FALSE;

  for (int v = current; v < target_version; v++)
    if (!apply_migration (handle, names[v], error))
      goto rollback;

  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                 target_version, OPORA_DB_APPLICATION_ID);
  if (!exec_sql (handle, set_version, _("Upgrading the workspace"), error) ||
      !exec_sql (handle, "COMMIT", _("Upgrading the workspace"), error))
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
file_is_read_only (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  /* The file's own mode says "read-only" even to root, who bypasses access(). */
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return TRUE;
  return g_access (path, W_OK) != 0;
}

/* SQLite counts its memory for sqlite3_memory_used() under a global
 * mutex on every allocation unless told not to; Opora never asks, and
 * the count cost an import's writer thread 3 % of its time. Must come
 * before SQLite initialises itself, at the first open. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

static sqlite3 *
open_handle (const char  *path,
             gboolean     read_only,
             gboolean     must_exist,
             GError     **error)
{
  g_autoptr(sqlite3) handle = NULL;
  int rc;

  configure_sqlite ();
  if (read_only)
    {
      /* URIs need an absolute path: a relative one would give no URI at all. */
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
      g_autofree char *ro = g_strconcat (uri, "?mode=ro", NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (ro, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (handle, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      if (rc == SQLITE_CANTOPEN)
        {
          /* A WAL file in a folder we may not write to: read it as a frozen file. */
          g_clear_pointer (&handle, sqlite3_close);
          rc = sqlite3_open_v2 (immutable, &handle,
                                SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        }
    }
  else
    {
      int flags = SQLITE_OPEN_READWRITE | (must_exist ? 0 : SQLITE_OPEN_CREATE);
      rc = sqlite3_open_v2 (path, &handle, flags, NULL);
    }

  if (rc != SQLITE_OK && rc != SQLITE_NOTADB)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot open “%s”: %s. Check that the file exists and you may read it."),
                   path, handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (handle, 5000);
  sqlite3_extended_result_codes (handle, 1);
  return g_steal_pointer (&handle);
}

/* Whether the file's first bytes are an SQLite header with our application
 * id (offset 68, big-endian), read without SQLite: a damaged workspace may
 * not answer even PRAGMA application_id. */
static gboolean
header_says_ours (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[100];
  FILE *file = g_fopen (path, "rb");
  gboolean ours;

  if (file == NULL)
    return FALSE;
  ours = fread (header, 1, sizeof header, file) == sizeof header &&
         memcmp (header, magic, sizeof magic) == 0 &&
         ((guint32) header[68] << 24 | (guint32) header[69] << 16 | (guint32) header[70] << 8 | header[71])
           == OPORA_DB_APPLICATION_ID;
  fclose (file);
  return ours;
}

static gboolean
check_is_ours (sqlite3     *handle,
               const char  *path,
               int         *version,
               GError     **error)
{
  int app_id = 0, n_tables = 0;

  int rc = read_pragma_int (handle, "PRAGMA application_id", &app_id);
  gboolean header_read = rc == SQLITE_OK && (rc = read_pragma_int (handle, "PRAGMA user_version", version)) == SQLITE_OK;

  if (header_read)
    rc = read_pragma_int (handle, "SELECT count(*) FROM sqlite_master", &n_tables);

  if ((!header_read || rc != SQLITE_OK) && header_says_ours (path))
    {
      /* Ours by its header, but the rest cannot be read: cut short or damaged. */
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("“%s” is an Opora workspace, but it is damaged (%s). It was not changed. "
                     "Restore it from a backup: “opora-cli backups”, then “opora-cli restore N”."),
                   path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (!header_read || rc != SQLITE_OK ||
      (app_id != OPORA_DB_APPLICATION_ID && (app_id != 0 || *version != 0 || n_tables != 0)))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_WORKSPACE,
                   _("“%s” is not an Opora workspace. Choose a workspace file (.opora) or create a new one."),
                   path);
      return FALSE;
    }

  if (*version > opora_db_latest_version ())
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NEWER_SCHEMA,
                   _("“%s” was saved by a newer version of Opora (schema %d, this version reads up to %d). "
                     "The file was not changed; update Opora to open it."),
                   path, *version, opora_db_latest_version ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_read_only (sqlite3     *handle,
                   const char  *path,
                   int          version,
                   GError     **error)
{
  if (version < opora_db_latest_version ())
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY,
                   _("“%s” is read-only and was saved by an older version of Opora, so it cannot be upgraded. "
                     "Open a copy you may change."),
                   path);
      return FALSE;
    }
  return exec_sql (handle, "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;",
                   _("Opening the workspace"), error);
}

/**
 * opora_db_open:
 * @path: the workspace file; created when missing unless %OPORA_DB_MUST_EXIST
 * @flags: how to open it
 *
 * Opens a workspace. A file that is not an Opora workspace, or that a newer
 * Opora wrote, is refused and left byte-for-byte as it was. A file the user
 * may not write (or whose mode has no write bits) opens read-only. An older
 * schema is migrated in one transaction.
 *
 * Returns: (transfer full) (nullable): the workspace, or %NULL with @error set
 */
OporaDb *
opora_db_open (const char    *path,
               OporaDbFlags   flags,
               GError       **error)
{
  g_autoptr(sqlite3) handle = NULL;
  gboolean read_only = (flags & OPORA_DB_READ_ONLY) || file_is_read_only (path);
  gboolean must_exist = (flags & OPORA_DB_MUST_EXIST) || read_only;
  OporaDb *db;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("The workspace “%s” does not exist."), path);
      return NULL;
    }

  if (!(handle = open_handle (path, read_only, must_exist, error)) ||
      !check_is_ours (handle, path, &version, error))
    return NULL;

  if (read_only)
    {
      if (!prepare_read_only (handle, path, version, error))
        return NULL;
    }
  else if ((version == 0 && !exec_sql (handle, "PRAGMA page_size = 16384", _("Opening the workspace"), error)) ||
           !exec_sql (handle,
                      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                      "PRAGMA cache_size = -" G_STRINGIFY (OPORA_DB_CACHE_KIB) ";",
                      _("Opening the workspace"), error) ||
           /* An older workspace is backed up before it is changed. */
           (version > 0 && version < opora_db_latest_version () &&
            !opora_backup_handle (handle, path, "migration", OPORA_BACKUP_KEEP_DEFAULT, NULL, error)) ||
           !opora_db_migrate (handle, opora_db_latest_version (), error) ||
           !opora_indicator_sync_builtin (handle, error))
    return NULL;

  db = g_new0 (OporaDb, 1);
  db->handle = g_steal_pointer (&handle);
  db->path = g_strdup (path);
  db->read_only = read_only;
  db->version = opora_db_latest_version ();
  return db;
}

void
opora_db_free (OporaDb *db)
{
  if (db == NULL)
    return;
  /* close_v2 waits for statements still open elsewhere instead of failing. */
  sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
opora_db_get_handle (OporaDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->handle;
}

const char *
opora_db_get_path (OporaDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->path;
}

gboolean
opora_db_is_read_only (OporaDb *db)
{
  g_return_val_if_fail (db != NULL, TRUE);
  return db->read_only;
}

int
opora_db_get_version (OporaDb *db)
{
  g_return_val_if_fail (db != NULL, 0);
  return db->version;
}

/**
 * opora_db_exec:
 * @db: a workspace
 * @sql: one or more statements without results
 *
 * Returns: %TRUE on success; on error nothing past the failing statement ran
 */
gboolean
opora_db_exec (OporaDb     *db,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  return exec_sql (db->handle, sql, _("Changing the workspace"), error);
}

/**
 * opora_db_prepare:
 * @db: a workspace
 * @sql: one statement
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
opora_db_prepare (OporaDb     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      opora_error_set_from_sqlite (error, db->handle, _("Reading the workspace"));
      return NULL;
    }
  return stmt;
}

/**
 * opora_db_step_done:
 * @db: a workspace
 * @stmt: a statement of @db that returns no rows
 *
 * Steps @stmt once and resets it, so it can be bound and run again.
 *
 * Returns: %TRUE when it finished with `SQLITE_DONE`
 */
gboolean
opora_db_step_done (OporaDb       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, db->handle, _("Changing the workspace"));
  return TRUE;
}

/**
 * opora_db_dup_info:
 * @db: a workspace
 * @key: a `workspace_info` key such as "name"
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
opora_db_dup_info (OporaDb    *db,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT value FROM workspace_info WHERE key = ?", NULL);

  if (stmt == NULL || sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
opora_db_set_info (OporaDb     *db,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    opora_db_prepare (db, "INSERT INTO workspace_info (key, value) VALUES (?1, ?2) "
                          "ON CONFLICT (key) DO UPDATE SET value = ?2", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, db->handle, _("Changing the workspace"));
  return opora_db_step_done (db, stmt, error);
}

/**
 * opora_db_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/opora/opora.db`
 */
char *
opora_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "opora", "opora.db", NULL);
}

/* Who writes: "opora-cli (process 123, user anna on pc-7) since 2026-11-29T10:15:00". */
static char *
writer_description (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  return g_strdup_printf (_("%s (process %d, user %s on %s) since %s"),
                          g_get_prgname () != NULL ? g_get_prgname () : "Opora", (int) getpid (),
                          g_get_user_name (), g_get_host_name (), since);
}

/* Leaves a committed note of who is about to write, for anyone kept waiting. */
static gboolean
note_writer (OporaDb  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *me = writer_description ();

  if (sqlite3_prepare_v2 (db->handle,
                          "INSERT OR REPLACE INTO workspace_info (key, value) VALUES ('writer', ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, db->handle, _("Starting a change"));
  sqlite3_bind_text (stmt, 1, me, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, db->handle, _("Starting a change"));
  return TRUE;
}

/**
 * opora_db_begin:
 * @db: a workspace opened read-write
 *
 * Starts a write transaction. Free the result with opora_transaction_free()
 * (or let `g_autoptr` do it): unless opora_transaction_commit() succeeded,
 * everything done since is rolled back. Inside another transaction it is a
 * savepoint of it, so one operation can be made of others (the demo
 * workspace is built of imports, analyses and programs in one transaction).
 *
 * Returns: (transfer full) (nullable): the transaction guard
 */
OporaTransaction *
opora_db_begin (OporaDb  *db,
                GError  **error)
{
  OporaTransaction *tx;

  g_return_val_if_fail (db != NULL, NULL);
  if (db->read_only)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY,
                   _("The workspace is open read-only. Open a copy you may change."));
      return NULL;
    }
  if (!sqlite3_get_autocommit (db->handle))
    {
      if (!exec_sql (db->handle, "SAVEPOINT opora_nested", _("Starting a change"), error))
        return NULL;
      tx = g_new0 (OporaTransaction, 1);
      tx->db = db;
      tx->nested = TRUE;
      return tx;
    }
  if (!note_writer (db, error) ||
      (sqlite3_exec (db->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK &&
       !opora_error_set_from_sqlite (error, db->handle, _("Starting a change"))))
    return NULL;
  tx = g_new0 (OporaTransaction, 1);
  tx->db = db;
  return tx;
}

gboolean
opora_transaction_commit (OporaTransaction  *tx,
                          GError           **error)
{
  g_return_val_if_fail (tx != NULL && !tx->done, FALSE);
  if (!exec_sql (tx->db->handle, tx->nested ? "RELEASE opora_nested" : "COMMIT", _("Saving the change"), error))
    return FALSE;
  tx->done = TRUE;
  return TRUE;
}

void
opora_transaction_free (OporaTransaction *tx)
{
  if (tx == NULL)
    return;
  if (!tx->done)
    sqlite3_exec (tx->db->handle, tx->nested ? "ROLLBACK TO opora_nested; RELEASE opora_nested" : "ROLLBACK",
                  NULL, NULL, NULL);
  g_free (tx);
}
