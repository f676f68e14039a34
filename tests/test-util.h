/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the core tests: temporary workspaces and file checksums. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "opora-autocleanups.h"
#include "opora-db.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-values.h"

/* A fresh path in the test's own isolated data folder. */
static inline char *
test_workspace_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static inline OporaDb *
test_workspace_new (const char *name)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(GError) error = NULL;
  OporaDb *db;

  g_remove (path);
  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static inline char *
test_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Runs SQL on a raw connection, outside Opora, to set up a fixture. */
static inline void
test_raw_exec (const char *path,
               const char *sql)
{
  g_autoptr(sqlite3) handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static inline gint64
test_query_int (OporaDb    *db,
                const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Stores one value, as an import would. */
static inline void
test_put_value (OporaDb    *db,
                gint64      school_id,
                const char *key,
                int         year,
                double      value)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(OporaValueWriter) writer = opora_value_writer_new (db, 0, NULL);
  g_autoptr(GError) error = NULL;
  OporaIndicator *indicator = opora_indicator_lookup (indicators, key);

  g_assert_nonnull (indicator);
  g_assert_true (opora_value_writer_set (writer, school_id, indicator->id, year, value, &error));
  g_assert_true (opora_value_writer_flush (writer, &error));
  g_assert_no_error (error);
}

static inline gint64
test_add_school (OporaDb    *db,
                 const char *code,
                 const char *municipality)
{
  g_autofree char *name = g_strdup_printf ("СОШ № %s", code);
  OporaSchool school = { .code = (char *) code, .name = name, .municipality = (char *) municipality };
  g_autoptr(GError) error = NULL;
  gint64 id = opora_school_insert (db, &school, &error);

  g_assert_no_error (error);
  return id;
}
