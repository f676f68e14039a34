/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports every value as wide tables (a school per row, an indicator per column) with libxlsxwriter. */

#define _GNU_SOURCE  /* memmem */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <string.h>
#include <xlsxwriter.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-values.h"

#define FIXED_COLUMNS 3      /* code, name, municipality */
#define BATCH_ROWS    1024   /* rows handed to a sheet's thread at once */
#define AHEAD_ROWS    65536  /* rows read and not yet written, at most */

/* A school's values of one year as the workspace stores them. */
typedef struct {
  gint64  school_id;
  char   *vals;
} ValueRow;

typedef struct _Export Export;

/* A year's sheet, written by a thread of its own: libxlsxwriter's
 * worksheets share nothing while cells are written in constant-memory mode
 * (inline strings, formats given their index before the threads start). */
typedef struct {
  Export        *ex;
  lxw_worksheet *sheet;
  int            year;
  GAsyncQueue   *batches;  /* GArray of ValueRow; an empty one ends the sheet */
  GThread       *thread;
  guint32        rows;     /* written, the header row included */
} SheetWriter;

struct _Export {
  lxw_workbook  *book;
  lxw_format    *header;
  lxw_format    *number;
  GPtrArray     *indicators;  /* the columns, catalogue order */
  GArray        *column_of;   /* of guint, by indicator id: its column, or 0 */
  GHashTable    *schools;     /* school id → OporaSchool */
  GPtrArray     *sheets;      /* SheetWriter, a year each in order */
  GMutex         lock;
  GCond          room;        /* signalled as the writers take rows */
  guint          ahead;       /* rows queued, under lock */
  /* The columns and schools are read on a thread of their own. */
  char          *db_path;
  GThread       *columns;
  gboolean       columns_ok;
  GError        *columns_error;
};

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

/* The indicators that have values, as columns in catalogue order. The
 * packed rows are read here directly: the indicator_value view would
 * spell out every value (4.8 million at nation size) through json_each. */
static gboolean
choose_columns (OporaDb  *db,
                Export   *ex,
                GError  **error)
{
  g_autoptr(GPtrArray) all = opora_indicator_list (db, error);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT vals FROM school_year_value", error);
  g_autoptr(GByteArray) used = g_byte_array_new ();  /* by catalogue id: 1 when some row has it */
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  int rc;

  if (all == NULL || stmt == NULL)
    return FALSE;
  /* Ids outside the catalogue make no column: the array spans the catalogue's. */
  for (guint i = 0; i < all->len; i++)
    g_byte_array_set_size (used, MAX (used->len, ((OporaIndicator *) all->pdata[i])->id + 1));
  memset (used->data, 0, used->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (values, 0);
      opora_values_unpack_ids ((const char *) sqlite3_column_text (stmt, 0), values);
      for (guint v = 0; v < values->len; v++)
        {
          gint64 id = g_array_index (values, OporaPackedValue, v).indicator_id;
          if (id >= 0 && (guint64) id < used->len)
            used->data[id] = 1;
        }
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
  for (guint i = 0; i < all->len; i++)
    {
      OporaIndicator *ind = all->pdata[i];
      if (used->data[ind->id])
        {
          OporaIndicator *copy = opora_indicator_copy (ind);
          guint column = FIXED_COLUMNS + ex->indicators->len;

          if ((guint64) copy->id >= ex->column_of->len)
            g_array_set_size (ex->column_of, copy->id + 1);
          g_array_index (ex->column_of, guint, copy->id) = column;
          g_ptr_array_add (ex->indicators, copy);
        }
    }
  return TRUE;
}

/* The columns and the schools, read with a read-only connection of this
 * thread's own while the main thread's query sorts the rows: each takes
 * about 0.12 s at nation size. */
static gpointer
read_columns (gpointer data)
{
  Export *ex = data;
  g_autoptr(OporaDb) db = opora_db_open (ex->db_path, OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST, &ex->columns_error);

  ex->columns_ok = db != NULL && choose_columns (db, ex, &ex->columns_error) &&
                   (ex->schools = opora_school_table (db, &ex->columns_error)) != NULL;
  return NULL;
}

/* Waits for read_columns(). */
static gboolean
columns_read (Export  *ex,
              GError **error)
{
  if (ex->columns != NULL)
    g_thread_join (g_steal_pointer (&ex->columns));
  if (ex->columns_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ex->columns_error));
      return FALSE;
    }
  return ex->columns_ok;
}

static void
value_row_clear (gpointer data)
{
  g_free (((ValueRow *) data)->vals);
}

static GArray *
batch_new (void)
{
  GArray *batch = g_array_sized_new (FALSE, FALSE, sizeof (ValueRow), BATCH_ROWS);

  g_array_set_clear_func (batch, value_row_clear);
  return batch;
}

/* Writes a school's row; cells may come in any column order, as in
 * constant-memory mode only rows must come in order. */
static void
write_row (SheetWriter    *w,
           const ValueRow *row,
           GArray         *values)
{
  OporaSchool *school = g_hash_table_lookup (w->ex->schools, &row->school_id);

  g_array_set_size (values, 0);
  if (school == NULL || !opora_values_unpack (row->vals, values))
    return;
  worksheet_write_string (w->sheet, w->rows, 0, school->code, NULL);
  worksheet_write_string (w->sheet, w->rows, 1, school->name, NULL);
  if (school->municipality != NULL)
    worksheet_write_string (w->sheet, w->rows, 2, school->municipality, NULL);
  for (guint v = 0; v < values->len; v++)
    {
      OporaPackedValue *pair = &g_array_index (values, OporaPackedValue, v);
      GArray *column_of = w->ex->column_of;
      guint column = pair->indicator_id >= 0 && (guint64) pair->indicator_id < column_of->len
                     ? g_array_index (column_of, guint, pair->indicator_id) : 0;

      if (column != 0)
        worksheet_write_number (w->sheet, w->rows, column, pair->value, NULL);
    }
  w->rows++;
}

static gpointer
sheet_writer_run (gpointer data)
{
  SheetWriter *w = data;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));

  for (;;)
    {
      g_autoptr(GArray) batch = g_async_queue_pop (w->batches);
      guint n = batch->len;

      if (n == 0)
        return NULL;
      for (guint i = 0; i < n; i++)
        write_row (w, &g_array_index (batch, ValueRow, i), values);
      g_mutex_lock (&w->ex->lock);
      w->ex->ahead -= n;
      g_cond_signal (&w->ex->room);
      g_mutex_unlock (&w->ex->lock);
    }
}

/* The sheet named by @year with its header, frozen panes and column
 * widths; its thread starts waiting for rows. */
static SheetWriter *
sheet_writer_new (Export *ex,
                  int     year)
{
  g_autofree char *name = g_strdup_printf ("%d", year);
  const char *fixed[FIXED_COLUMNS] = { "Код ОО", "Наименование ОО", "Муниципалитет" };
  SheetWriter *w = g_new0 (SheetWriter, 1);

  w->ex = ex;
  w->year = year;
  w->sheet = workbook_add_worksheet (ex->book, name);
  for (guint c = 0; c < FIXED_COLUMNS; c++)
    worksheet_write_string (w->sheet, 0, c, fixed[c], ex->header);
  for (guint i = 0; i < ex->indicators->len; i++)
    worksheet_write_string (w->sheet, 0, FIXED_COLUMNS + i,
                            ((OporaIndicator *) ex->indicators->pdata[i])->name_ru, ex->header);
  worksheet_set_row (w->sheet, 0, 60, NULL);
  worksheet_set_column (w->sheet, 0, 0, 10, NULL);
  worksheet_set_column (w->sheet, 1, 1, 40, NULL);
  worksheet_set_column (w->sheet, 2, 2, 24, NULL);
  worksheet_set_column (w->sheet, FIXED_COLUMNS, FIXED_COLUMNS + MAX (1, ex->indicators->len) - 1, 14, ex->number);
  worksheet_freeze_panes (w->sheet, 1, 2);
  w->rows = 1;
  w->batches = g_async_queue_new_full ((GDestroyNotify) g_array_unref);
  w->thread = g_thread_new ("opora-export-sheet", sheet_writer_run, w);
  return w;
}

/* Hands @batch to @w's thread once fewer than AHEAD_ROWS rows wait, so
 * memory stays flat however many years there are. */
static void
sheet_writer_push (SheetWriter *w,
                   GArray      *batch)
{
  Export *ex = w->ex;

  g_mutex_lock (&ex->lock);
  while (ex->ahead >= AHEAD_ROWS)
    g_cond_wait (&ex->room, &ex->lock);
  ex->ahead += batch->len;
  g_mutex_unlock (&ex->lock);
  g_async_queue_push (w->batches, batch);
}

/* Ends @w's sheet and waits for its thread. */
static void
sheet_writer_finish (SheetWriter *w)
{
  if (w->thread == NULL)
    return;
  g_async_queue_push (w->batches, batch_new ());
  g_thread_join (g_steal_pointer (&w->thread));
}

static void
sheet_writer_free (SheetWriter *w)
{
  sheet_writer_finish (w);
  g_async_queue_unref (w->batches);
  g_free (w);
}

/* Reads the values year by year (a sheet each, added as its year comes)
 * and hands them to the sheets' threads. */
static gboolean
write_rows (OporaDb       *db,
            Export        *ex,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT v.school_id, v.year, v.vals FROM school_year_value v JOIN school s ON s.id = v.school_id"
    " LEFT JOIN municipality m ON m.id = s.municipality_id ORDER BY v.year, m.name, s.code", error);
  g_autoptr(GArray) batch = batch_new ();
  SheetWriter *w = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* The first step sorts every row; the sheets need the columns after it. */
  rc = sqlite3_step (stmt);
  if (!columns_read (ex, error))
    return FALSE;
  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      int year = sqlite3_column_int (stmt, 1);
      ValueRow row;

      if (w == NULL || year != w->year || batch->len == BATCH_ROWS)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (batch->len > 0)
            {
              sheet_writer_push (w, g_steal_pointer (&batch));
              batch = batch_new ();
            }
          if (w == NULL || year != w->year)
            g_ptr_array_add (ex->sheets, (w = sheet_writer_new (ex, year)));
        }
      row.school_id = sqlite3_column_int64 (stmt, 0);
      row.vals = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (batch, row);
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
  if (batch->len > 0)
    sheet_writer_push (w, g_steal_pointer (&batch));
  if (w == NULL)
    g_ptr_array_add (ex->sheets, sheet_writer_new (ex, 0));
  return TRUE;
}

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->sheets, g_ptr_array_unref);
  g_clear_pointer (&ex->indicators, g_ptr_array_unref);
  g_clear_pointer (&ex->column_of, g_array_unref);
  columns_read (ex, NULL);
  g_clear_error (&ex->columns_error);
  g_free (ex->db_path);
  g_clear_pointer (&ex->schools, g_hash_table_unref);
  g_mutex_clear (&ex->lock);
  g_cond_clear (&ex->room);
}

/* One sheet of the written file: its XML, and what was found in it. */
typedef struct {
  GsfInfile  *zip;        /* the file opened for this sheet alone */
  GsfInput   *xml;
  guint32     rows;       /* "<row " tags */
  gboolean    complete;   /* the XML ends as a worksheet ends */
} SheetCheck;

#define ROW_TAG     "<row "
#define END_TAG     "</worksheet>"
#define CHECK_CHUNK (1 << 20)

/* Opens sheet @index (from 1, as libxlsxwriter names their files) of
 * @path; each sheet opens the file for itself, so threads can read them
 * at once. libgsf registers its types here, on the calling thread. */
static void
sheet_check_open (SheetCheck *c,
                  const char *path,
                  guint       index)
{
  g_autoptr(GsfInput) file = gsf_input_stdio_new (path, NULL);
  g_autofree char *name = g_strdup_printf ("sheet%u.xml", index);

  c->zip = file != NULL ? gsf_infile_zip_new (file, NULL) : NULL;
  c->xml = c->zip != NULL ? gsf_infile_child_by_vname (c->zip, "xl", "worksheets", name, NULL) : NULL;
}

static void
sheet_check_clear (SheetCheck *c)
{
  g_clear_object (&c->xml);
  g_clear_object (&c->zip);
}

/* Inflates a sheet's XML and counts its rows (a pool's thread). */
static void
check_sheet (gpointer data,
             gpointer unused)
{
  SheetCheck *c = data;
  const gsize keep = strlen (END_TAG);
  g_autofree char *buffer = g_malloc (keep + CHECK_CHUNK);
  gsize held = 0;  /* bytes at the start of buffer from the chunk before */

  if (c->xml == NULL)
    return;
  for (gsf_off_t left = gsf_input_size (c->xml); left > 0;)
    {
      gsize n = MIN ((gsf_off_t) CHECK_CHUNK, left);
      const char *end, *at;

      if (gsf_input_read (c->xml, n, (guint8 *) buffer + held) == NULL)
        return;
      left -= n;
      end = buffer + held + n;
      /* Tags wholly inside what was held were counted with the chunk before. */
      for (at = buffer + held - MIN (held, strlen (ROW_TAG) - 1); (at = memmem (at, end - at, ROW_TAG, strlen (ROW_TAG))) != NULL; at++)
        c->rows++;
      held = MIN (keep, held + n);
      memmove (buffer, end - held, held);
    }
  c->complete = held == keep && memcmp (buffer, END_TAG, keep) == 0;
}

/* In constant-memory mode libxlsxwriter keeps each sheet's rows in a
 * temporary file and does not notice when writing it fails (a full disk):
 * the workbook comes out valid but short. Reading it back and counting each
 * sheet's rows, the sheets on threads at once, catches that; a short file
 * is removed. */
static gboolean
verify_rows (const char  *path,
             GPtrArray   *sheets,
             GError     **error)
{
  g_autofree SheetCheck *checks = g_new0 (SheetCheck, sheets->len);
  GThreadPool *pool = g_thread_pool_new (check_sheet, NULL, g_get_num_processors (), FALSE, NULL);
  g_autofree char *base = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < sheets->len; i++)
    {
      sheet_check_open (&checks[i], path, i + 1);
      g_thread_pool_push (pool, &checks[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < sheets->len; i++)
    {
      ok &= checks[i].complete && checks[i].rows == ((SheetWriter *) sheets->pdata[i])->rows;
      sheet_check_clear (&checks[i]);
    }
  if (ok)
    return TRUE;
  g_remove (path);
  base = g_path_get_basename (path);
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
 * constant-memory mode, a sheet per thread, so memory stays flat at any
 * size, then read back to check that no row went missing on the way to
 * the disk.
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
  ex.column_of = g_array_new (FALSE, TRUE, sizeof (guint));
  ex.sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_writer_free);
  g_mutex_init (&ex.lock);
  g_cond_init (&ex.room);
  ex.db_path = g_strdup (opora_db_get_path (db));
  ex.columns = g_thread_new ("opora-export-columns", read_columns, &ex);
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
  /* The formats get their index here, before any sheet's thread asks for it. */
  lxw_format_get_xf_index (ex.header);
  lxw_format_get_xf_index (ex.number);

  ok = write_rows (db, &ex, cancellable, error);
  /* Every sheet's rows are in before the workbook is put together. */
  for (guint i = 0; i < ex.sheets->len; i++)
    sheet_writer_finish (ex.sheets->pdata[i]);
  ok = opora_export_close (ex.book, path, ok, error) && verify_rows (path, ex.sheets, error);
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
