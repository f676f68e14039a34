/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs SQLite's integrity and foreign-key checks and our own invariants over a workspace. */

#include <glib/gi18n-lib.h>

#include "opora-check.h"
#include "opora-db.h"
#include "opora-error.h"
#include "opora-values.h"

typedef struct {
  const char *sql;      /* each row it returns is one problem */
  const char *message;  /* printf format over the row’s first text columns (unused ones are ignored) */
} Invariant;

static const Invariant invariants[] = {
  { "SELECT s.code, i.key, v.year FROM indicator_value v"
    " JOIN school s ON s.id = v.school_id JOIN indicator i ON i.id = v.indicator_id"
    " WHERE v.value < i.min_value OR v.value > i.max_value",
    N_("School %s: the value of %s for %s is outside the indicator’s valid range.") },
  { "SELECT s.code, i.key, v.year FROM indicator_value v"
    " JOIN school s ON s.id = v.school_id JOIN indicator i ON i.id = v.indicator_id"
    " WHERE i.unit = 'flag' AND v.value NOT IN (0, 1)",
    N_("School %s: the flag %s for %s is neither 0 nor 1.") },
  { "SELECT i.key, i.participants_key, '' FROM indicator i"
    " WHERE i.participants_key IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM indicator p WHERE p.key = i.participants_key)",
    N_("Indicator %s counts its participants in %s, which is not in the catalogue.") },
  { "SELECT code, '', '' FROM school WHERE code <> trim(code)",
    N_("School code “%s” has spaces around it.") },
  { "SELECT s.code, b.id, v.year FROM school_year_value v JOIN school s ON s.id = v.school_id"
    " JOIN import_batch b ON b.id = v.batch_id WHERE b.undone = 1",
    N_("School %s keeps values of import %s, which was undone.") },
  { "SELECT DISTINCT s.code, v.indicator_id, v.year FROM indicator_value v JOIN school s ON s.id = v.school_id"
    " WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.id = v.indicator_id)",
    N_("School %s has a value of indicator %s, which is not in the catalogue.") },
};

static gboolean
collect_rows (OporaDb     *db,
              const char  *sql,
              const char  *format,
              GPtrArray   *problems,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = sqlite3_column_count (stmt) > 1 ? (const char *) sqlite3_column_text (stmt, 1) : "";
      const char *c = sqlite3_column_count (stmt) > 2 ? (const char *) sqlite3_column_text (stmt, 2) : "";

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_ptr_array_add (problems, g_strdup_printf (format, a ? a : "", b ? b : "", c ? c : ""));
#pragma GCC diagnostic pop
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Checking the workspace"));
  return TRUE;
}

/* Every packed row must read back as numbers; the view would read a
 * damaged one as 0 or stop the other checks. */
static gboolean
packed_rows (OporaDb    *db,
             GPtrArray  *problems,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT s.code, v.year, v.vals FROM school_year_value v LEFT JOIN school s ON s.id = v.school_id", error);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (values, 0);
      if (!opora_values_unpack ((const char *) sqlite3_column_text (stmt, 2), values))
        g_ptr_array_add (problems, g_strdup_printf (_("School %s: the values for %d are damaged."),
                                                    (const char *) sqlite3_column_text (stmt, 0),
                                                    sqlite3_column_int (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Checking the workspace"));
  return TRUE;
}

static gboolean
integrity (OporaDb    *db,
           GPtrArray  *problems,
           GError    **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (!collect_rows (db, "PRAGMA integrity_check", "%s%s%s", lines, error))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (lines->pdata[i], "ok") != 0)
      g_ptr_array_add (problems, g_strdup_printf (_("Database damage: %s"), (char *) lines->pdata[i]));

  return collect_rows (db, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check",
                       _("Table %s, row %s refers to a missing row of %s."), problems, error);
}

/**
 * opora_check_run:
 * @db: a workspace
 *
 * Checks the file (SQLite `integrity_check`), every reference
 * (`foreign_key_check`) and Opora's own rules: values within their
 * indicator's range, flags 0 or 1, participant counts that exist, trimmed
 * school codes, no values left by an undone import. Changes nothing.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the problems
 *   found, one translated sentence each (empty when all is well); %NULL
 *   with @error set when the check itself could not run
 */
GPtrArray *
opora_check_run (OporaDb  *db,
                 GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (db != NULL, NULL);

  if (!integrity (db, problems, error) || !packed_rows (db, problems, error))
    return NULL;
  /* Damaged packed values would stop the checks that read through them. */
  if (problems->len > 0)
    return g_steal_pointer (&problems);
  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    if (!collect_rows (db, invariants[i].sql, _(invariants[i].message), problems, error))
      return NULL;
  return g_steal_pointer (&problems);
}
