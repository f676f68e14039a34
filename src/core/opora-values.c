/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a school's values by year, the latest value of an indicator, and writing values. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-values.h"

struct _OporaValueWriter
{
  OporaDb      *db;
  sqlite3_stmt *stmt;
  gint64        batch_id;
};

void
opora_school_values_free (OporaSchoolValues *values)
{
  if (values == NULL)
    return;
  g_clear_pointer (&values->years, g_array_unref);
  g_clear_pointer (&values->indicators, g_ptr_array_unref);
  g_free (values->values);
  g_free (values);
}

static guint
year_index (GArray *years,
            int     year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return i;
  g_assert_not_reached ();
}

static GArray *
school_years (OporaDb  *db,
              gint64    school_id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT DISTINCT year FROM indicator_value WHERE school_id = ? ORDER BY year", error);
  g_autoptr(GArray) years = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_bind_int64 (stmt, 1, school_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

/**
 * opora_school_values_load:
 * @db: a workspace
 * @school_id: a school
 *
 * Loads every value of one school as a table of indicators (those with at
 * least one value, in catalogue order) by years (ascending).
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
typedef struct {
  gint64 indicator_id;
  int    year;
  double value;
} ValueRow;

static GArray *
school_value_rows (OporaDb  *db,
                   gint64    school_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT indicator_id, year, value FROM indicator_value WHERE school_id = ?", error);
  g_autoptr(GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (ValueRow));
  sqlite3_bind_int64 (stmt, 1, school_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ValueRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                       sqlite3_column_double (stmt, 2) };
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * opora_school_values_load:
 * @db: a workspace
 * @school_id: a school
 *
 * Loads every value of one school as a table of indicators (those with at
 * least one value, in catalogue order) by years (ascending).
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OporaSchoolValues *
opora_school_values_load (OporaDb  *db,
                          gint64    school_id,
                          GError  **error)
{
  g_autoptr(OporaSchoolValues) values = g_new0 (OporaSchoolValues, 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_years;

  if (!(values->years = school_years (db, school_id, error)) ||
      !(all = opora_indicator_list (db, error)) ||
      !(rows = school_value_rows (db, school_id, error)))
    return NULL;

  /* Mark the indicators that have values, then keep them in catalogue order. */
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (row_of, &g_array_index (rows, ValueRow, i).indicator_id);
  values->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  for (guint i = 0; i < all->len; i++)
    {
      OporaIndicator *ind = all->pdata[i];
      if (g_hash_table_contains (row_of, &ind->id))
        g_ptr_array_add (values->indicators, opora_indicator_copy (ind));
    }
  g_hash_table_remove_all (row_of);
  for (guint i = 0; i < values->indicators->len; i++)
    g_hash_table_insert (row_of, &((OporaIndicator *) values->indicators->pdata[i])->id,
                         GUINT_TO_POINTER (i));

  n_years = values->years->len;
  values->values = g_new (double, MAX (1, values->indicators->len * n_years));
  for (guint i = 0; i < values->indicators->len * n_years; i++)
    values->values[i] = NAN;
  for (guint i = 0; i < rows->len; i++)
    {
      ValueRow *row = &g_array_index (rows, ValueRow, i);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, &row->indicator_id));

      values->values[r * n_years + year_index (values->years, row->year)] = row->value;
    }
  return g_steal_pointer (&values);
}

/**
 * opora_school_values_get:
 * @values: a school's table
 * @indicator_index: a row, below `values->indicators->len`
 * @year_index: a column, below `values->years->len`
 *
 * Returns: the value, or NaN when the school has none for that year
 */
double
opora_school_values_get (OporaSchoolValues *values,
                         guint              indicator_index,
                         guint              year_index_)
{
  g_return_val_if_fail (values != NULL, NAN);
  g_return_val_if_fail (indicator_index < values->indicators->len, NAN);
  g_return_val_if_fail (year_index_ < values->years->len, NAN);
  return values->values[indicator_index * values->years->len + year_index_];
}

/**
 * opora_values_latest:
 * @db: a workspace
 * @indicator_key: an indicator key
 *
 * Each school's most recent value of one indicator.
 *
 * Returns: (transfer full) (nullable): a table from school id (`gint64 *`)
 *   to #OporaYearValue; %NULL with @error set on failure
 */
GHashTable *
opora_values_latest (OporaDb     *db,
                     const char  *indicator_key,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT v.school_id, max(v.year), v.value FROM indicator_value v"
    " JOIN indicator i ON i.id = v.indicator_id WHERE i.key = ? GROUP BY v.school_id", error);
  g_autoptr(GHashTable) latest = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_bind_text (stmt, 1, indicator_key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      OporaYearValue *yv = g_new (OporaYearValue, 1);

      /* SQLite takes the bare column from the row that holds max(year). */
      yv->year = sqlite3_column_int (stmt, 1);
      yv->value = sqlite3_column_double (stmt, 2);
      g_hash_table_insert (latest, g_memdup2 (&id, sizeof id), yv);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&latest);
}

/**
 * opora_values_years:
 * @db: a workspace
 *
 * Returns: (transfer full) (nullable): the years with any value, ascending (int)
 */
GArray *
opora_values_years (OporaDb  *db,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT DISTINCT year FROM indicator_value ORDER BY year", error);
  g_autoptr(GArray) years = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

/**
 * opora_value_writer_new:
 * @db: a workspace open for writing, inside a transaction
 * @batch_id: the import batch the values come from, or 0
 *
 * Returns: (transfer full) (nullable): a writer that stores values one by one
 */
OporaValueWriter *
opora_value_writer_new (OporaDb  *db,
                        gint64    batch_id,
                        GError  **error)
{
  sqlite3_stmt *stmt = opora_db_prepare (db,
    "INSERT INTO indicator_value (school_id, indicator_id, year, value, batch_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (school_id, indicator_id, year)"
    " DO UPDATE SET value = ?4, batch_id = ?5", error);
  OporaValueWriter *writer;

  if (stmt == NULL)
    return NULL;
  writer = g_new0 (OporaValueWriter, 1);
  writer->db = db;
  writer->stmt = stmt;
  writer->batch_id = batch_id;
  return writer;
}

/**
 * opora_value_writer_set:
 * @writer: a writer
 * @school_id: a school
 * @indicator_id: an indicator
 * @year: the exam year
 * @value: the value (not NaN)
 *
 * Stores one value, replacing the one stored for the same school,
 * indicator and year.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_value_writer_set (OporaValueWriter  *writer,
                        gint64             school_id,
                        gint64             indicator_id,
                        int                year,
                        double             value,
                        GError           **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!isnan (value), FALSE);

  sqlite3_bind_int64 (writer->stmt, 1, school_id);
  sqlite3_bind_int64 (writer->stmt, 2, indicator_id);
  sqlite3_bind_int (writer->stmt, 3, year);
  sqlite3_bind_double (writer->stmt, 4, value);
  if (writer->batch_id)
    sqlite3_bind_int64 (writer->stmt, 5, writer->batch_id);
  else
    sqlite3_bind_null (writer->stmt, 5);
  return opora_db_step_done (writer->db, writer->stmt, error);
}

void
opora_value_writer_free (OporaValueWriter *writer)
{
  if (writer == NULL)
    return;
  sqlite3_finalize (writer->stmt);
  g_free (writer);
}
