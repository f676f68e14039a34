/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of a workspace: copies made before migrations and imports, kept in rotation, restorable. */

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-backup.h"
#include "opora-db.h"
#include "opora-error.h"
#include "opora-indicator.h"

#define SUFFIX ".opora"

void
opora_backup_free (OporaBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_clear_pointer (&backup->when, g_date_time_unref);
  g_free (backup->reason);
  g_free (backup);
}

/**
 * opora_backup_dir:
 * @workspace_path: a workspace file
 *
 * Returns: (transfer full): the folder of its backups: beside it, named
 *   after it, e.g. `region.opora.backups`
 */
char *
opora_backup_dir (const char *workspace_path)
{
  g_autofree char *absolute = g_canonicalize_filename (workspace_path, NULL);
  return g_strconcat (absolute, ".backups", NULL);
}

/* Names sort by time: "20261129-004512-123456-import.opora". */
static char *
backup_name (const char *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%06d-%s" SUFFIX, stamp, g_date_time_get_microsecond (now), reason);
}

static OporaBackup *
parse_backup (const char *dir,
              const char *name)
{
  int y, mo, d, h, mi, s, us, n = 0;
  char reason[32];
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  OporaBackup *b;
  GStatBuf st;

  if (!g_str_has_suffix (name, SUFFIX) ||
      sscanf (name, "%4d%2d%2d-%2d%2d%2d-%6d-%31[a-z]%n", &y, &mo, &d, &h, &mi, &s, &us, reason, &n) != 8 ||
      strcmp (name + n, SUFFIX) != 0)
    return NULL;
  b = g_new0 (OporaBackup, 1);
  b->path = g_build_filename (dir, name, NULL);
  b->when = g_date_time_new (local, y, mo, d, h, mi, s + us / 1e6);
  b->reason = g_strdup (reason);
  if (g_stat (b->path, &st) == 0)
    b->size = st.st_size;
  if (b->when == NULL)
    g_clear_pointer (&b, opora_backup_free);
  return b;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const OporaBackup *x = *(OporaBackup * const *) a, *y = *(OporaBackup * const *) b;
  return -g_strcmp0 (x->path, y->path);
}

/**
 * opora_backup_list:
 * @workspace_path: a workspace file
 *
 * Returns: (transfer full) (element-type OporaBackup) (nullable): its
 *   backups, newest first (none when the folder does not exist), or %NULL
 *   with @error set when the folder cannot be read
 */
GPtrArray *
opora_backup_list (const char  *workspace_path,
                   GError     **error)
{
  g_autofree char *dir_path = opora_backup_dir (workspace_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_backup_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *name;

  if (!(dir = g_dir_open (dir_path, 0, &local)))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot read the backups in “%s”: %s"),
                   dir_path, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      OporaBackup *b = parse_backup (dir_path, name);
      if (b != NULL)
        g_ptr_array_add (backups, b);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static void
rotate (const char *workspace_path,
        guint       keep)
{
  g_autoptr(GPtrArray) backups = opora_backup_list (workspace_path, NULL);

  for (guint i = keep; backups != NULL && i < backups->len; i++)
    g_remove (((OporaBackup *) backups->pdata[i])->path);
}

/* Copies everything of @from into @to with SQLite's online backup. */
static int
copy_database (sqlite3 *from,
               sqlite3 *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (to);
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/**
 * opora_backup_handle:
 * @handle: an open connection to the workspace
 * @workspace_path: its file
 * @reason: a short lower-case word: "import", "migration", "manual", "restore"
 * @keep: how many backups to keep afterwards; older ones are removed
 * @backup_path: (out) (optional): the new backup's file
 *
 * Copies the workspace, as committed, to a new file in its backup folder
 * with SQLite's online backup API (the file is complete or removed).
 *
 * Returns: %FALSE with @error set when the copy cannot be made
 */
gboolean
opora_backup_handle (sqlite3     *handle,
                     const char  *workspace_path,
                     const char  *reason,
                     guint        keep,
                     char       **backup_path,
                     GError     **error)
{
  g_autofree char *dir = opora_backup_dir (workspace_path);
  g_autofree char *name = backup_name (reason);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(sqlite3) target = NULL;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot make the backup folder “%s”: %s. Check that you may write beside the workspace."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  rc = sqlite3_open_v2 (path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (handle, target);
  g_clear_pointer (&target, sqlite3_close);
  if (rc != SQLITE_OK)
    {
      g_remove (path);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot back up the workspace to “%s”: %s. Free some disk space and try again."),
                   path, sqlite3_errstr (rc));
      return FALSE;
    }
  rotate (workspace_path, MAX (keep, 1));
  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&path);
  return TRUE;
}

static guint
keep_of (OporaDb *db)
{
  g_autofree char *text = opora_db_dup_info (db, "backup_keep");
  guint64 keep = text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;

  return keep > 0 && keep < 1000 ? (guint) keep : OPORA_BACKUP_KEEP_DEFAULT;
}

/**
 * opora_backup_create:
 * @db: a workspace
 * @reason: a short lower-case word: "import", "manual", "restore"
 * @backup_path: (out) (optional): the new backup's file
 *
 * Backs up the workspace now and keeps the newest backups (workspace_info
 * "backup_keep", 10 by default).
 *
 * Returns: %FALSE with @error set when the copy cannot be made
 */
gboolean
opora_backup_create (OporaDb     *db,
                     const char  *reason,
                     char       **backup_path,
                     GError     **error)
{
  return opora_backup_handle (opora_db_get_handle (db), opora_db_get_path (db), reason, keep_of (db),
                              backup_path, error);
}

/**
 * opora_backup_if_filled:
 * @db: a workspace
 * @reason: as for opora_backup_create()
 *
 * Backs up the workspace when it holds any school: an empty one has
 * nothing to lose, and a first nation-sized import need not wait for it.
 *
 * Returns: %FALSE with @error set when a needed copy cannot be made
 */
gboolean
opora_backup_if_filled (OporaDb     *db,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM school)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
    return TRUE;
  return opora_backup_create (db, reason, NULL, error);
}

/**
 * opora_backup_restore:
 * @db: a workspace open for writing
 * @backup_path: one of its backups (or any Opora workspace file)
 *
 * Replaces the workspace's contents with the backup's, after backing up
 * the current state (reason "restore"), so a restore can itself be undone.
 * A backup from before a migration is migrated again. A file that is not
 * an Opora workspace, or is damaged, is refused and nothing changes.
 *
 * Returns: %FALSE with @error set when nothing was restored
 */
gboolean
opora_backup_restore (OporaDb     *db,
                      const char  *backup_path,
                      GError     **error)
{
  g_autoptr(OporaDb) source = NULL;
  g_autoptr(GError) local = NULL;
  int rc;

  if (opora_db_is_read_only (db))
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_READ_ONLY,
                           _("This workspace is open read-only; open a copy you may change to restore into it."));
      return FALSE;
    }
  /* Opening read-only checks that it is ours, not newer, and readable;
   * an older schema is fine here: it is migrated after the copy. */
  source = opora_db_open (backup_path, OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST, &local);
  if (source == NULL && !g_error_matches (local, OPORA_ERROR, OPORA_ERROR_READ_ONLY))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (source == NULL)
    {
      g_autoptr(sqlite3) raw = NULL;
      g_autofree char *uri = NULL;

      /* An older schema: copy it as it is, then migrate. */
      g_clear_error (&local);
      if (sqlite3_open_v2 (backup_path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return opora_error_set_from_sqlite (error, raw, _("Reading the backup"));
      if (!opora_backup_create (db, "restore", NULL, error))
        return FALSE;
      rc = copy_database (raw, opora_db_get_handle (db));
    }
  else
    {
      rc = sqlite3_exec (opora_db_get_handle (source), "PRAGMA quick_check", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return opora_error_set_from_sqlite (error, opora_db_get_handle (source), _("Checking the backup"));
      if (!opora_backup_create (db, "restore", NULL, error))
        return FALSE;
      rc = copy_database (opora_db_get_handle (source), opora_db_get_handle (db));
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot restore “%s”: %s. The workspace was backed up first; nothing is lost."),
                   backup_path, sqlite3_errstr (rc));
      return FALSE;
    }
  return opora_db_migrate (opora_db_get_handle (db), opora_db_latest_version (), error) &&
         opora_indicator_sync_builtin (opora_db_get_handle (db), error);
}
