/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stores column mappings by name and header signature in the workspace. */

#include <glib/gi18n-lib.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-preset.h"

/**
 * opora_preset_save:
 * @db: a workspace open for writing
 * @name: the preset's name; an existing preset of that name is replaced
 * @layout: the mapping to keep, with its header signature
 *
 * Returns: %TRUE on success
 */
gboolean
opora_preset_save (OporaDb      *db,
                   const char   *name,
                   OporaLayout  *layout,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO import_preset (name, header_signature, mapping, created) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (name) DO UPDATE SET header_signature = ?2, mapping = ?3, created = ?4", error);
  g_autofree char *signature = opora_layout_signature (layout);
  g_autofree char *mapping = opora_layout_mapping_to_json (layout);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  if (stmt == NULL)
    return FALSE;
  if (*trimmed == '\0')
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("Give the preset a name."));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, signature, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_STATIC);
  return opora_db_step_done (db, stmt, error);
}

/**
 * opora_preset_find:
 * @db: a workspace
 * @layout: a detected layout
 *
 * Returns: (transfer full) (nullable): the newest preset saved for a file
 *   with the same header as @layout, or %NULL
 */
char *
opora_preset_find (OporaDb     *db,
                   OporaLayout *layout)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT name FROM import_preset WHERE header_signature = ? ORDER BY created DESC, id DESC LIMIT 1", NULL);
  g_autofree char *signature = opora_layout_signature (layout);

  if (stmt == NULL || sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * opora_preset_apply:
 * @db: a workspace
 * @name: a preset
 * @layout: the layout whose mapping the preset replaces
 *
 * Returns: %TRUE on success; on error @layout is unchanged
 */
gboolean
opora_preset_apply (OporaDb      *db,
                    const char   *name,
                    OporaLayout  *layout,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT mapping FROM import_preset WHERE name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("There is no preset called “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the presets"));
  return opora_layout_apply_mapping (layout, (const char *) sqlite3_column_text (stmt, 0), error);
}

/**
 * opora_preset_list_names:
 * @db: a workspace
 *
 * Returns: (transfer full) (nullable): the presets' names, A–Z
 */
GStrv
opora_preset_list_names (OporaDb  *db,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT name FROM import_preset ORDER BY name", error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the presets"));
      return NULL;
    }
  return g_strv_builder_end (names);
}
