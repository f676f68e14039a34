/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports every value as wide tables (a school per row, an indicator per column) with libxlsxwriter. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-indicator.h"
#include "opora-reader.h"
#include "opora-school.h"
#include "opora-values.h"

#define FIXED_COLUMNS 3  /* code, name, municipality */

typedef struct {
  lxw_workbook  *book;
  lxw_format    *header;
  lxw_format    *number;
  GPtrArray     *indicators;  /* the columns, catalogue order */
  GHashTable    *column_of;   /* indicator id → column */
  GHashTable    *schools;     /* school id → OporaSchool */
  lxw_worksheet *sheet;
  int            year;        /* of the sheet being written */
  guint32        row;
  guint64        rows_written; /* header rows included, over all sheets */
} Export;

static gboolean
set_io_error (GError      **error,
              const char   *path,
              lxw_error     result)
{
  g_autofree char *base = g_path_get_basename (path);

  g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
               _("Cannot write “%s”: %s. Free some disk space or choose another folder."),
               base, lxw_strerror (result));
  return FALSE;
}

/* The indicators that have values, as columns in catalogue order. */
static gboolean
choose_columns (OporaDb  *db,
                Export   *ex,
                GError  **error)
{
  g_autoptr(GPtrArray) all = opora_indicator_list (db, error);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT DISTINCT indicator_id FROM indicator_value", error);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (all == NULL || stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (used, g_memdup2 (&id, sizeof id));
    }
  for (guint i = 0; i < all->len; i++)
    {
      OporaIndicator *ind = all->pdata[i];
      if (g_hash_table_contains (used, &ind->id))
        {
          OporaIndicator *copy = opora_indicator_copy (ind);
          g_hash_table_insert (ex->column_of, &copy->id, GUINT_TO_POINTER (FIXED_COLUMNS + ex->indicators->len));
          g_ptr_array_add (ex->indicators, copy);
        }
    }
  return TRUE;
}

static void
start_sheet (Export *ex,
             int     year)
{
  g_autofree char *name = g_strdup_printf ("%d", year);
  const char *fixed[FIXED_COLUMNS] = { "Код ОО", "Наименование ОО", "Муниципалитет" };

  ex->sheet = workbook_add_worksheet (ex->book, name);
  ex->year = year;
  ex->row = 1;
  for (guint c = 0; c < FIXED_COLUMNS; c++)
    worksheet_write_string (ex->sheet, 0, c, fixed[c], ex->header);
  for (guint i = 0; i < ex->indicators->len; i++)
    worksheet_write_string (ex->sheet, 0, FIXED_COLUMNS + i,
                            ((OporaIndicator *) ex->indicators->pdata[i])->name_ru, ex->header);
  worksheet_set_row (ex->sheet, 0, 60, NULL);
  worksheet_set_column (ex->sheet, 0, 0, 10, NULL);
  worksheet_set_column (ex->sheet, 1, 1, 40, NULL);
  worksheet_set_column (ex->sheet, 2, 2, 24, NULL);
  worksheet_set_column (ex->sheet, FIXED_COLUMNS, FIXED_COLUMNS + MAX (1, ex->indicators->len) - 1, 14, ex->number);
  worksheet_freeze_panes (ex->sheet, 1, 2);
  ex->rows_written++;
}

static int
compare_columns (gconstpointer a,
                 gconstpointer b)
{
  const OporaPackedValue *x = a, *y = b;

  return (x->indicator_id > y->indicator_id) - (x->indicator_id < y->indicator_id);
}

static void
write_row (Export     *ex,
           gint64      school_id,
           const char *vals,
           GArray     *values)
{
  OporaSchool *school = g_hash_table_lookup (ex->schools, &school_id);

  g_array_set_size (values, 0);
  if (school == NULL || !opora_values_unpack (vals, values))
    return;
  worksheet_write_string (ex->sheet, ex->row, 0, school->code, NULL);
  worksheet_write_string (ex->sheet, ex->row, 1, school->name, NULL);
  if (school->municipality != NULL)
    worksheet_write_string (ex->sheet, ex->row, 2, school->municipality, NULL);
  /* Constant-memory mode wants a row's cells left to right: key each value
   * by its column, then sort. */
  for (guint v = 0; v < values->len; v++)
    {
      OporaPackedValue *pair = &g_array_index (values, OporaPackedValue, v);
      pair->indicator_id = GPOINTER_TO_UINT (g_hash_table_lookup (ex->column_of, &pair->indicator_id));
    }
  g_array_sort (values, compare_columns);
  for (guint v = 0; v < values->len; v++)
    {
      OporaPackedValue *pair = &g_array_index (values, OporaPackedValue, v);
      if (pair->indicator_id != 0)
        worksheet_write_number (ex->sheet, ex->row, pair->indicator_id, pair->value, NULL);
    }
  ex->row++;
  ex->rows_written++;
}

static gboolean
write_rows (OporaDb       *db,
            Export        *ex,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT v.school_id, v.year, v.vals FROM school_year_value v JOIN school s ON s.id = v.school_id"
    " LEFT JOIN municipality m ON m.id = s.municipality_id ORDER BY v.year, m.name, s.code", error);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 1);

      if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (ex->sheet == NULL || year != ex->year)
        start_sheet (ex, year);
      write_row (ex, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 2), values);
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
  if (ex->sheet == NULL)
    start_sheet (ex, 0);
  return TRUE;
}

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->indicators, g_ptr_array_unref);
  g_clear_pointer (&ex->column_of, g_hash_table_unref);
  g_clear_pointer (&ex->schools, g_hash_table_unref);
}

static gboolean
count_row (const OporaRow  *row,
           gpointer         user_data,
           GError         **error)
{
  (*(guint64 *) user_data)++;
  return TRUE;
}

/* In constant-memory mode libxlsxwriter keeps each sheet's rows in a
 * temporary file and does not notice when writing it fails (a full disk):
 * the workbook comes out valid but short. Reading it back and counting its
 * rows catches that; a short file is removed. */
static gboolean
verify_rows (const char  *path,
             guint64      expected,
             GError     **error)
{
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, NULL);
  guint64 rows = 0;

  for (guint i = 0; reader != NULL && i < opora_reader_get_n_sheets (reader); i++)
    if (!opora_reader_read_sheet (reader, i, count_row, &rows, NULL, NULL))
      break;
  g_autofree char *base = g_path_get_basename (path);

  if (rows == expected)
    return TRUE;
  g_remove (path);
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
               _("Cannot write “%s”: the disk filled up while it was written. "
                 "Free some disk space and try again."), base);
  return FALSE;
}

/**
 * opora_export_values:
 * @db: a workspace
 * @path: the .xlsx file to write
 * @cancellable: (nullable): stops the export; the file is then not complete
 *
 * Writes every value: a sheet per year named by it ("2025"), a row per
 * school (code, name, municipality), a column per indicator that has
 * values, headed by its Russian name — so the file imports back as it is.
 * Header row and the first two columns are frozen; written in libxlsxwriter's
 * constant-memory mode, so memory stays flat at any size, then read back
 * to check that no row went missing on the way to the disk.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_export_values (OporaDb       *db,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  Export ex = { 0 };
  gboolean ok;

  ex.indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  ex.column_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!choose_columns (db, &ex, error) || !(ex.schools = opora_school_table (db, error)))
    {
      export_clear (&ex);
      return FALSE;
    }
  if (!(ex.book = workbook_new_opt (path, &options)))
    {
      export_clear (&ex);
      return set_io_error (error, path, LXW_ERROR_CREATING_TMPFILE);
    }
  ex.header = workbook_add_format (ex.book);
  format_set_bold (ex.header);
  format_set_text_wrap (ex.header);
  format_set_align (ex.header, LXW_ALIGN_VERTICAL_TOP);
  ex.number = workbook_add_format (ex.book);
  format_set_num_format (ex.number, "0.0##");

  ok = write_rows (db, &ex, cancellable, error);
  ok = opora_export_close (ex.book, path, ok, error) && verify_rows (path, ex.rows_written, error);
  export_clear (&ex);
  return ok;
}

/**
 * opora_export_close:
 * @book: a workbook being written to @path
 * @path: its file
 * @ok: whether everything before went well
 *
 * Writes and frees @book. When that fails (a full disk, a folder one may
 * not write to) or @ok is %FALSE (an error before, a cancellation), the
 * half-written file is removed, so no broken workbook is left behind.
 *
 * Returns: %TRUE when the file is complete; %FALSE with @error set when
 *   closing failed (an earlier error is left as it was)
 */
gboolean
opora_export_close (lxw_workbook  *book,
                    const char    *path,
                    gboolean       ok,
                    GError       **error)
{
  /* workbook_close writes the file and frees the workbook, whatever it returns. */
  lxw_error result = workbook_close (book);

  if (ok && result == LXW_NO_ERROR)
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_remove (path);
  if (ok)
    set_io_error (error, path, result);
  return FALSE;
}
