/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of a workspace: copies made before migrations and imports, kept in rotation, restorable. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

/* Backups kept per workspace unless workspace_info "backup_keep" says otherwise. */
#define OPORA_BACKUP_KEEP_DEFAULT 10

typedef struct {
  char      *path;
  GDateTime *when;     /* local time */
  char      *reason;   /* "import", "migration", "manual", "restore" */
  goffset    size;
} OporaBackup;

char      *opora_backup_dir         (const char  *workspace_path);
gboolean   opora_backup_handle      (sqlite3     *handle,
                                     const char  *workspace_path,
                                     const char  *reason,
                                     guint        keep,
                                     char       **backup_path,
                                     GError     **error);
gboolean   opora_backup_create      (OporaDb     *db,
                                     const char  *reason,
                                     char       **backup_path,
                                     GError     **error);
gboolean   opora_backup_if_filled   (OporaDb     *db,
                                     const char  *reason,
                                     GError     **error);
GPtrArray *opora_backup_list        (const char  *workspace_path,
                                     GError     **error);
gboolean   opora_backup_restore     (OporaDb     *db,
                                     const char  *backup_path,
                                     GError     **error);
void       opora_backup_free        (OporaBackup *backup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaBackup, opora_backup_free)

G_END_DECLS
