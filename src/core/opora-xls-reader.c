/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a legacy Excel workbook (.xls, BIFF5/BIFF8) with libfreexl; hidden sheets and merges beside it. */

#include "config.h"

#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "opora-error.h"
#include "opora-reader-private.h"
#include "opora-xls-structure.h"

/* libfreexl reads the whole file into memory, and its cell table grows
 * with the sheets' declared size; no real .xls comes near this. */
#define MAX_FILE_BYTES (G_GUINT64_CONSTANT (256) << 20)
#define CANCEL_EVERY   4096u

typedef struct {
  OporaReader  parent;
  const void  *handle;     /* libfreexl's, owned */
  GArray      *structure;  /* OporaXlsSheet per sheet: hidden, merges; NULL when unknown */
} OporaXlsReader;

static gboolean
fail (OporaReader  *reader,
      GError      **error,
      int           code,
      const char   *message)
{
  return opora_reader_set_error_at (reader, error, code, G_MAXUINT32, G_MAXUINT32, message);
}

static gboolean
fail_damaged (OporaReader  *reader,
              GError      **error)
{
  return fail (reader, error, OPORA_ERROR_FORMAT,
               _("The Excel 97–2003 workbook is damaged or in a variant Opora cannot read. "
                 "Open it in Excel or LibreOffice and save it as .xlsx."));
}

/* "2024-09-01" → 45536 and "1899-12-31" → 1: days since 1899-12-30, the
 * 1900 system (libfreexl has already applied a workbook's 1904 system). */
static gboolean
parse_date (const char *text,
            double     *serial)
{
  unsigned year, month, day;
  int used = 0;
  g_autoptr(GDate) epoch = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  g_autoptr(GDate) date = NULL;

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &used) != 3 || used != 10
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  date = g_date_new_dmy (day, month, year);
  *serial = g_date_days_between (epoch, date);
  return TRUE;
}

/* "12:00:00" → 0.5, "18:00:00" → 0.75. */
static gboolean
parse_time (const char *text,
            double     *fraction)
{
  unsigned hour, minute, second;
  int used = 0;

  if (sscanf (text, "%2u:%2u:%2u%n", &hour, &minute, &second, &used) != 3 || used != 8
      || hour > 23 || minute > 59 || second > 59)
    return FALSE;
  *fraction = (hour * 3600 + minute * 60 + second) / 86400.0;
  return TRUE;
}

/* libfreexl gives dates and times as text: "YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS". */
static gboolean
date_value (const FreeXL_CellValue *value,
            double                 *serial)
{
  const char *text = value->value.text_value;
  double fraction = 0;

  if (text == NULL)
    return FALSE;
  switch (value->type)
    {
    case FREEXL_CELL_DATE:
      return strlen (text) == 10 && parse_date (text, serial);
    case FREEXL_CELL_DATETIME:
      if (strlen (text) != 19 || text[10] != ' ' || !parse_date (text, serial) || !parse_time (text + 11, &fraction))
        return FALSE;
      *serial += fraction;
      return TRUE;
    case FREEXL_CELL_TIME:
      return parse_time (text, serial);
    default:
      return FALSE;
    }
}

/* Fills @cell from libfreexl's value. Returns FALSE for an empty cell, or
 * with @error set for text past the limit. */
static gboolean
cell_from_value (OporaReader             *reader,
                 const FreeXL_CellValue  *value,
                 guint32                  row,
                 OporaCell               *cell,
                 GError                 **error)
{
  const char *text = value->value.text_value;

  cell->text = NULL;
  switch (value->type)
    {
    case FREEXL_CELL_INT:
      cell->type = OPORA_CELL_NUMBER;
      cell->number = value->value.int_value;
      return TRUE;
    case FREEXL_CELL_DOUBLE:
      cell->type = OPORA_CELL_NUMBER;
      cell->number = value->value.double_value;
      return isfinite (cell->number);
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      cell->type = OPORA_CELL_DATE;
      if (date_value (value, &cell->number))
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      if (text == NULL || *text == '\0')
        return FALSE;
      if (strlen (text) > OPORA_READER_MAX_CELL_BYTES)
        return opora_reader_set_error_at (reader, error, OPORA_ERROR_TOO_LARGE, row, cell->col,
                                          _("The cell holds more than 1 MiB of text. Shorten it and try again."));
      if (!g_utf8_validate (text, -1, NULL))
        return opora_reader_set_error_at (reader, error, OPORA_ERROR_FORMAT, row, cell->col,
                                          _("The cell's text is damaged. Open the workbook in Excel or "
                                            "LibreOffice, retype the cell and save it as .xlsx."));
      cell->type = OPORA_CELL_TEXT;
      cell->text = text;
      return TRUE;
    case FREEXL_CELL_NULL:
    default:
      return FALSE;
    }
}

/* Collects the non-empty cells of one row. Texts are libfreexl's own and
 * stay valid while the workbook is open. */
static gboolean
read_row (OporaXlsReader  *self,
          guint32          row,
          guint16          n_cols,
          GArray          *cells,
          GError         **error)
{
  g_array_set_size (cells, 0);
  for (guint32 col = 0; col < n_cols; col++)
    {
      FreeXL_CellValue value;
      OporaCell cell = { col };
      g_autoptr(GError) local_error = NULL;

      if (freexl_get_cell_value (self->handle, row, (unsigned short) col, &value) != FREEXL_OK)
        return fail_damaged (&self->parent, error);
      if (cell_from_value (&self->parent, &value, row, &cell, &local_error))
        g_array_append_val (cells, cell);
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
opora_xls_reader_read_sheet (OporaReader   *reader,
                             guint          index,
                             OporaRowFunc   func,
                             gpointer       user_data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  OporaXlsReader *self = (OporaXlsReader *) reader;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (OporaCell));
  unsigned int n_rows = 0;
  unsigned short n_cols = 0;

  if (freexl_select_active_worksheet (self->handle, (unsigned short) index) != FREEXL_OK
      || freexl_worksheet_dimensions (self->handle, &n_rows, &n_cols) != FREEXL_OK)
    return fail_damaged (reader, error);
  if (n_rows > OPORA_READER_MAX_ROWS || n_cols > OPORA_READER_MAX_COLS)
    return fail (reader, error, OPORA_ERROR_TOO_LARGE,
                 _("The sheet is larger than a spreadsheet may be. "
                   "Delete the rows and columns past the table and try again."));
  if (self->structure != NULL && index < self->structure->len)
    {
      GArray *merges = g_array_index (self->structure, OporaXlsSheet, index).merges;

      for (guint m = 0; m < merges->len; m++)
        opora_reader_add_merge (reader, index, &g_array_index (merges, OporaMerge, m));
    }
  for (guint32 row = 0; row < n_rows; row++)
    {
      OporaRow out = { row, 0, NULL };

      if (row % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_row (self, row, n_cols, cells, error))
        return FALSE;
      if (cells->len == 0)
        continue;
      out.n_cells = cells->len;
      out.cells = (const OporaCell *) cells->data;
      if (!func (&out, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static void
opora_xls_reader_finalize (OporaReader *reader)
{
  OporaXlsReader *self = (OporaXlsReader *) reader;

  /* libfreexl wants its handle closed even after a failed open. */
  if (self->handle != NULL)
    freexl_close (self->handle);
  self->handle = NULL;
  g_clear_pointer (&self->structure, g_array_unref);
}

static const OporaReaderClass xls_reader_class = {
  "xls",
  opora_xls_reader_read_sheet,
  opora_xls_reader_finalize,
};

static gboolean
check_size (OporaReader  *reader,
            GError      **error)
{
  GStatBuf st;

  if (g_stat (reader->path, &st) != 0)
    return fail (reader, error, OPORA_ERROR_IO,
                 _("The file cannot be read. Check that it exists and you may read it."));
  if ((guint64) st.st_size > MAX_FILE_BYTES)
    return fail (reader, error, OPORA_ERROR_TOO_LARGE,
                 _("The Excel 97–2003 workbook is larger than 256 MiB, more than Opora reads in this format. "
                   "Open it in Excel or LibreOffice and save it as .xlsx."));
  return TRUE;
}

static gboolean
fail_encrypted (OporaReader  *reader,
                GError      **error)
{
  return fail (reader, error, OPORA_ERROR_ENCRYPTED,
               _("The workbook is protected with a password. Open it in Excel or LibreOffice, "
                 "remove the password (save without encryption) and try again."));
}

/* Lists the sheets by the names libfreexl reads from the workbook, with their
 * visibility and merged ranges read beside it (when their count agrees). */
static gboolean
list_sheets (OporaXlsReader  *self,
             GError         **error)
{
  OporaReader *reader = &self->parent;
  unsigned int password = 0;
  unsigned int n_sheets = 0;

  if (freexl_get_info (self->handle, FREEXL_BIFF_PASSWORD, &password) != FREEXL_OK
      || freexl_get_info (self->handle, FREEXL_BIFF_SHEET_COUNT, &n_sheets) != FREEXL_OK)
    return fail_damaged (reader, error);
  if (password == FREEXL_BIFF_OBFUSCATED)
    return fail_encrypted (reader, error);
  self->structure = opora_xls_structure_read (opora_reader_get_path (reader));
  if (self->structure != NULL && self->structure->len != n_sheets)
    g_clear_pointer (&self->structure, g_array_unref);
  for (unsigned int i = 0; i < n_sheets && i <= G_MAXUINT16; i++)
    {
      const char *name = NULL;
      g_autofree char *fallback = NULL;

      if (freexl_get_worksheet_name (self->handle, (unsigned short) i, &name) != FREEXL_OK)
        return fail_damaged (reader, error);
      if (name == NULL || !g_utf8_validate (name, -1, NULL))
        name = fallback = g_strdup_printf (_("Sheet %u"), i + 1);
      opora_reader_add_sheet (reader, name,
                              self->structure != NULL && g_array_index (self->structure, OporaXlsSheet, i).hidden);
    }
  return TRUE;
}

/**
 * opora_xls_reader_open:
 * @path: an Excel 97–2003 workbook
 *
 * Opens @path with libfreexl, which reads it whole, so files past 256 MiB
 * are refused first. Refuses password-protected workbooks.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
OporaReader *
opora_xls_reader_open (const char  *path,
                       GError     **error)
{
  OporaXlsReader *self = g_new0 (OporaXlsReader, 1);
  g_autoptr(OporaReader) reader = &self->parent;
  int status;

  g_return_val_if_fail (path != NULL, NULL);

  opora_reader_init (reader, &xls_reader_class, path);
  if (!check_size (reader, error))
    return NULL;
  status = freexl_open (path, &self->handle);
  if (status == FREEXL_INSUFFICIENT_MEMORY)
    {
      fail (reader, error, OPORA_ERROR_TOO_LARGE,
            _("The Excel 97–2003 workbook is too large to read. Open it in Excel or LibreOffice "
              "and save it as .xlsx."));
      return NULL;
    }
  if (status != FREEXL_OK)
    {
      fail_damaged (reader, error);
      return NULL;
    }
  if (!list_sheets (self, error))
    return NULL;
  return g_steal_pointer (&reader);
}
