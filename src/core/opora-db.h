/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workspace: one SQLite file, opened, checked and migrated to our schema. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "opora-autocleanups.h"

G_BEGIN_DECLS

typedef struct _OporaDb          OporaDb;
typedef struct _OporaTransaction OporaTransaction;

typedef enum {
  OPORA_DB_FLAGS_NONE = 0,
  OPORA_DB_READ_ONLY  = 1 << 0,  /* open read-only even when the file is writable */
  OPORA_DB_MUST_EXIST = 1 << 1,  /* fail instead of creating a new workspace */
} OporaDbFlags;

/* "OPOR" in ASCII, stored in PRAGMA application_id. */
#define OPORA_DB_APPLICATION_ID 0x4F504F52

/* A writable workspace's page cache, in KiB: reports and analyses read
 * the same pages again. */
#define OPORA_DB_CACHE_KIB 65536
/* The page cache while an import writes: a small one spills written pages
 * to the WAL as the writer goes instead of all 70 MB of a nation at the
 * commit (0.17 -> 0.12 s); 16 MiB holds the pages the writer comes back
 * to (8 MiB: 0.01 s slower to write and commit, 64 MiB: 0.04 s). */
#define OPORA_DB_IMPORT_CACHE_KIB 16384

int           opora_db_latest_version   (void);
gboolean      opora_db_migrate          (sqlite3       *handle,
                                         int            target_version,
                                         GError       **error);
OporaDb      *opora_db_open             (const char    *path,
                                         OporaDbFlags   flags,
                                         GError       **error);
void          opora_db_free             (OporaDb       *db);
sqlite3      *opora_db_get_handle       (OporaDb       *db);
const char   *opora_db_get_path         (OporaDb       *db);
gboolean      opora_db_is_read_only     (OporaDb       *db);
int           opora_db_get_version      (OporaDb       *db);
gboolean      opora_db_exec             (OporaDb       *db,
                                         const char    *sql,
                                         GError       **error);
sqlite3_stmt *opora_db_prepare          (OporaDb       *db,
                                         const char    *sql,
                                         GError       **error);
gboolean      opora_db_step_done        (OporaDb       *db,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
char         *opora_db_dup_info         (OporaDb       *db,
                                         const char    *key);
gboolean      opora_db_set_info         (OporaDb       *db,
                                         const char    *key,
                                         const char    *value,
                                         GError       **error);
char         *opora_db_default_path     (void);

OporaTransaction *opora_db_begin          (OporaDb          *db,
                                           GError          **error);
gboolean          opora_transaction_commit (OporaTransaction *tx,
                                           GError          **error);
void              opora_transaction_free   (OporaTransaction *tx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaDb, opora_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaTransaction, opora_transaction_free)

G_END_DECLS
