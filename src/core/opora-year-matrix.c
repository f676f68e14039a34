/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One year's values of chosen indicators for every school: the input of every analysis. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-values.h"
#include "opora-year-matrix.h"

void
opora_year_matrix_free (OporaYearMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_free (matrix->school_ids);
  g_free (matrix->municipality_ids);
  g_clear_pointer (&matrix->indicators, g_ptr_array_unref);
  g_free (matrix->values);
  g_free (matrix);
}

double
opora_year_matrix_get (const OporaYearMatrix *matrix,
                       guint                  row,
                       guint                  column)
{
  g_return_val_if_fail (row < matrix->n_schools && column < matrix->indicators->len, NAN);
  return matrix->values[(gsize) row * matrix->indicators->len + column];
}

static gboolean
load_schools (OporaDb          *db,
              OporaYearMatrix  *matrix,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT id, coalesce (municipality_id, 0) FROM school WHERE archived = 0 ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 municipality = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (ids, id);
      g_array_append_val (municipalities, municipality);
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the schools"));
  matrix->n_schools = ids->len;
  matrix->school_ids = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  matrix->municipality_ids = (gint64 *) g_array_free (g_steal_pointer (&municipalities), FALSE);
  return TRUE;
}

/* The row of @school_id in the sorted id list, or -1. */
static gssize
find_row (const OporaYearMatrix *matrix,
          gint64                 school_id)
{
  gsize lo = 0, hi = matrix->n_schools;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (matrix->school_ids[mid] < school_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < matrix->n_schools && matrix->school_ids[lo] == school_id ? (gssize) lo : -1;
}

/* Where each indicator's values go: its first column + 1, and per column the
 * next column of the same indicator + 1 (a key may be asked for twice), or 0. */
typedef struct {
  GHashTable *column_of;  /* indicator id → column + 1 */
  guint      *same_next;
} Columns;

static void
columns_clear (Columns *c)
{
  g_clear_pointer (&c->column_of, g_hash_table_unref);
  g_clear_pointer (&c->same_next, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

/* A matrix of @keys over the schools, its values not read yet (NULL). */
static OporaYearMatrix *
matrix_new (OporaDb            *db,
            int                 year,
            const char * const *keys,
            Columns            *columns,
            GError            **error)
{
  g_autoptr(OporaYearMatrix) matrix = g_new0 (OporaYearMatrix, 1);
  g_autoptr(GPtrArray) all = NULL;
  guint n_columns;

  matrix->year = year;
  if (!(all = opora_indicator_list (db, error)) || !load_schools (db, matrix, error))
    return NULL;
  matrix->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      OporaIndicator *indicator = opora_indicator_lookup (all, keys[i]);
      if (indicator == NULL)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                       _("There is no indicator “%s” in this workspace."), keys[i]);
          return NULL;
        }
      g_ptr_array_add (matrix->indicators, opora_indicator_copy (indicator));
    }
  n_columns = matrix->indicators->len;
  columns->column_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  columns->same_next = g_new0 (guint, MAX (n_columns, 1));
  for (guint i = n_columns; i-- > 0;)
    {
      OporaIndicator *indicator = matrix->indicators->pdata[i];
      columns->same_next[i] = GPOINTER_TO_UINT (g_hash_table_lookup (columns->column_of, &indicator->id));
      g_hash_table_insert (columns->column_of, &indicator->id, GUINT_TO_POINTER (i + 1));
    }
  return g_steal_pointer (&matrix);
}

/* Gives @matrix its values, every one missing. */
static void
fill_missing (OporaYearMatrix *matrix)
{
  gsize n_cells = (gsize) matrix->n_schools * matrix->indicators->len;

  matrix->values = g_new (double, MAX (1, n_cells));
  for (gsize i = 0; i < n_cells; i++)
    matrix->values[i] = NAN;
}

/* Takes a value read for the cell at @row, @column. */
typedef void (*TakeFunc) (gpointer data,
                          gsize    row,
                          guint    column,
                          double   value);

/* Reads @year's values of @matrix's schools and indicators and hands each to
 * @take, which decides where it goes. */
static gboolean
read_year (OporaDb               *db,
           int                    year,
           const OporaYearMatrix *matrix,
           const Columns         *columns,
           TakeFunc               take,
           gpointer               data,
           GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) packed = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  int rc;

  if (!(stmt = opora_db_prepare (db, "SELECT school_id, vals FROM school_year_value WHERE year = ?", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize row = find_row (matrix, sqlite3_column_int64 (stmt, 0));

      if (row < 0)
        continue;
      g_array_set_size (packed, 0);
      if (!opora_values_unpack ((const char *) sqlite3_column_text (stmt, 1), packed))
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                       _("The stored values of a school for %d are damaged; run “opora-cli check”."), year);
          return FALSE;
        }
      for (guint i = 0; i < packed->len; i++)
        {
          OporaPackedValue *pair = &g_array_index (packed, OporaPackedValue, i);
          for (guint column = GPOINTER_TO_UINT (g_hash_table_lookup (columns->column_of, &pair->indicator_id));
               column > 0; column = columns->same_next[column - 1])
            take (data, row, column - 1, pair->value);
        }
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
  return TRUE;
}

static void
set_value (gpointer data,
           gsize    row,
           guint    column,
           double   value)
{
  OporaYearMatrix *matrix = data;

  matrix->values[row * matrix->indicators->len + column] = value;
}

/**
 * opora_year_matrix_load:
 * @db: a workspace
 * @year: the year of the values
 * @keys: (array zero-terminated=1): indicator keys, one per column
 *
 * Reads the values of @keys in @year for every school that is not archived.
 * A key may appear more than once; each of its columns gets the values.
 * An unknown key is an error (%OPORA_ERROR_NOT_FOUND) naming it.
 *
 * Returns: (transfer full) (nullable): the matrix, or %NULL with @error set
 */
OporaYearMatrix *
opora_year_matrix_load (OporaDb            *db,
                        int                 year,
                        const char * const *keys,
                        GError            **error)
{
  g_auto(Columns) columns = { 0 };
  g_autoptr(OporaYearMatrix) matrix = matrix_new (db, year, keys, &columns, error);

  if (matrix == NULL)
    return NULL;
  fill_missing (matrix);
  if (!read_year (db, year, matrix, &columns, set_value, matrix, error))
    return NULL;
  return g_steal_pointer (&matrix);
}

/* Years combined into one matrix as they are read. */
typedef struct {
  OporaYearMatrix    *matrix;
  const OporaCombine *combine;  /* nullable: means */
  guint8             *counts;   /* years with a value, per cell: a byte, as a nation has millions */
} Pool;

static void
pool_value (gpointer data,
            gsize    row,
            guint    column,
            double   value)
{
  Pool *pool = data;
  gsize i = row * pool->matrix->indicators->len + column;
  double *cell = &pool->matrix->values[i];
  OporaCombine how = pool->combine != NULL ? pool->combine[column] : OPORA_COMBINE_MEAN;

  if (isnan (value))
    return;
  if (pool->counts[i]++ == 0)
    *cell = value;
  else if (how == OPORA_COMBINE_MAX)
    *cell = MAX (*cell, value);
  else
    *cell += value;
}

/**
 * opora_year_matrix_load_years:
 * @db: a workspace
 * @year: the last year
 * @n_years: how many years up to @year, 1 or more
 * @keys: (array zero-terminated=1): indicator keys, one per column
 * @combine: (array) (nullable): how each column is combined; %NULL for means
 *
 * Like opora_year_matrix_load() for the years @year − @n_years + 1 … @year,
 * each cell combined over the years that have a value (missing when none
 * has). The matrix's year is @year. Each year is added in as it is read,
 * so the years take the memory of one matrix.
 *
 * Returns: (transfer full) (nullable): the matrix, or %NULL with @error set
 */
OporaYearMatrix *
opora_year_matrix_load_years (OporaDb            *db,
                              int                 year,
                              guint               n_years,
                              const char * const *keys,
                              const OporaCombine *combine,
                              GError            **error)
{
  g_auto(Columns) columns = { 0 };
  g_autoptr(OporaYearMatrix) result = NULL;
  g_autofree guint8 *counts = NULL;
  Pool pool;
  gsize n_cells;
  guint n_columns;

  g_return_val_if_fail (n_years <= G_MAXUINT8, NULL);

  if (n_years <= 1)
    return opora_year_matrix_load (db, year, keys, error);
  if (!(result = matrix_new (db, year, keys, &columns, error)))
    return NULL;
  fill_missing (result);
  n_columns = result->indicators->len;
  n_cells = (gsize) result->n_schools * n_columns;
  counts = g_new0 (guint8, MAX (n_cells, 1));
  pool = (Pool) { result, combine, counts };
  /* The latest year first: the sums of doubles keep the order they always had. */
  for (guint back = 0; back < n_years; back++)
    if (!read_year (db, year - (int) back, result, &columns, pool_value, &pool, error))
      return NULL;
  for (gsize i = 0; i < n_cells; i++)
    if ((combine == NULL || combine[i % n_columns] == OPORA_COMBINE_MEAN) && counts[i] > 1)
      result->values[i] /= counts[i];
  return g_steal_pointer (&result);
}

static void
mark_present (gpointer data,
              gsize    row,
              guint    column,
              double   value)
{
  gboolean *present = data;

  present[column] |= !isnan (value);
}

/**
 * opora_year_matrix_find_present:
 * @db: a workspace
 * @year: the year of the values
 * @keys: (array zero-terminated=1): indicator keys, as opora_year_matrix_load() takes them
 *
 * Which of @keys some school that is not archived has a value of in @year,
 * read without keeping the values (a nation's whole catalogue would take
 * tens of megabytes as a matrix).
 *
 * Returns: (transfer full) (array): a flag per key, or %NULL with @error set
 */
gboolean *
opora_year_matrix_find_present (OporaDb            *db,
                                int                 year,
                                const char * const *keys,
                                GError            **error)
{
  g_auto(Columns) columns = { 0 };
  g_autoptr(OporaYearMatrix) shape = matrix_new (db, year, keys, &columns, error);
  g_autofree gboolean *present = NULL;

  if (shape == NULL)
    return NULL;
  present = g_new0 (gboolean, MAX (shape->indicators->len, 1));
  if (!read_year (db, year, shape, &columns, mark_present, present, error))
    return NULL;
  return g_steal_pointer (&present);
}
