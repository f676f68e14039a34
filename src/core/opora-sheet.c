/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Collects the first rows of a sheet from any reader into a compact grid. */

#include <glib/gi18n-lib.h>

#include "opora-error.h"
#include "opora-sheet.h"

typedef struct {
  guint32 row;    /* source row */
  guint   first;  /* index of its first cell in cells */
  guint   n;      /* its number of cells */
} SheetRow;

struct _OporaSheet
{
  GArray       *rows;    /* SheetRow */
  GArray       *cells;   /* OporaCell; text points into texts */
  GStringChunk *texts;
  GArray       *merges;  /* OporaMerge */
  guint32       n_cols;
  guint         max_rows;
  gboolean      complete;
};

static OporaSheet *
sheet_new (guint max_rows)
{
  OporaSheet *sheet = g_new0 (OporaSheet, 1);

  sheet->rows = g_array_new (FALSE, FALSE, sizeof (SheetRow));
  sheet->cells = g_array_new (FALSE, FALSE, sizeof (OporaCell));
  sheet->texts = g_string_chunk_new (4096);
  sheet->merges = g_array_new (FALSE, FALSE, sizeof (OporaMerge));
  sheet->max_rows = max_rows;
  sheet->complete = TRUE;
  return sheet;
}

void
opora_sheet_free (OporaSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_array_unref (sheet->rows);
  g_array_unref (sheet->cells);
  g_string_chunk_free (sheet->texts);
  g_array_unref (sheet->merges);
  g_free (sheet);
}

static void
append_row (OporaSheet     *sheet,
            const OporaRow *row)
{
  SheetRow stored = { row->row, sheet->cells->len, row->n_cells };

  for (guint i = 0; i < row->n_cells; i++)
    {
      OporaCell cell = row->cells[i];

      if (cell.text != NULL)
        cell.text = g_string_chunk_insert (sheet->texts, cell.text);
      g_array_append_val (sheet->cells, cell);
      sheet->n_cols = MAX (sheet->n_cols, cell.col + 1);
    }
  g_array_append_val (sheet->rows, stored);
}

static gboolean
collect_row (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  OporaSheet *sheet = user_data;

  if (sheet->rows->len >= sheet->max_rows)
    {
      /* Enough rows: stop the reader; opora_sheet_load() knows this error. */
      sheet->complete = FALSE;
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FAILED, "enough rows");
      return FALSE;
    }
  append_row (sheet, row);
  return TRUE;
}

/**
 * opora_sheet_load:
 * @reader: a reader
 * @index: the sheet
 * @max_rows: how many non-empty rows to keep at most (G_MAXUINT for all)
 * @cancellable: (nullable): a cancellable
 *
 * Reads the first @max_rows non-empty rows of a sheet, stopping the reader
 * there. opora_sheet_is_complete() tells whether the sheet had more.
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with @error set
 */
OporaSheet *
opora_sheet_load (OporaReader   *reader,
                  guint          index,
                  guint          max_rows,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(OporaSheet) sheet = sheet_new (max_rows);
  g_autoptr(GError) local = NULL;

  if (!opora_reader_read_sheet (reader, index, collect_row, sheet, cancellable, &local) &&
      sheet->complete)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_array_append_vals (sheet->merges, opora_reader_get_merges (reader, index)->data,
                       opora_reader_get_merges (reader, index)->len);
  return g_steal_pointer (&sheet);
}

/**
 * opora_sheet_new_from_text:
 * @cells: @n_rows × @n_cols texts, row by row; %NULL or "" for empty cells
 * @n_rows: rows
 * @n_cols: columns
 *
 * A sheet of text cells, for tests and for tables made in code.
 *
 * Returns: (transfer full): the sheet
 */
OporaSheet *
opora_sheet_new_from_text (const char * const *cells,
                           guint               n_rows,
                           guint               n_cols)
{
  OporaSheet *sheet = sheet_new (G_MAXUINT);
  g_autofree OporaCell *row_cells = g_new0 (OporaCell, n_cols);

  for (guint r = 0; r < n_rows; r++)
    {
      OporaRow row = { r, 0, row_cells };

      for (guint c = 0; c < n_cols; c++)
        {
          const char *text = cells[r * n_cols + c];
          if (text != NULL && *text != '\0')
            row_cells[row.n_cells++] = (OporaCell) { c, OPORA_CELL_TEXT, 0, text };
        }
      if (row.n_cells > 0)
        append_row (sheet, &row);
    }
  return sheet;
}

guint
opora_sheet_get_n_rows (OporaSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->rows->len;
}

guint32
opora_sheet_get_n_cols (OporaSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->n_cols;
}

/**
 * opora_sheet_get_row:
 * @sheet: a sheet
 * @index: a stored row, below opora_sheet_get_n_rows()
 *
 * Returns: the 0-based source row of the @index-th stored row
 */
guint32
opora_sheet_get_row (OporaSheet *sheet,
                     guint       index)
{
  g_return_val_if_fail (sheet != NULL && index < sheet->rows->len, 0);
  return g_array_index (sheet->rows, SheetRow, index).row;
}

/**
 * opora_sheet_get_cell:
 * @sheet: a sheet
 * @index: a stored row
 * @col: a 0-based column
 *
 * Returns: (nullable): the cell, or %NULL when it is empty
 */
const OporaCell *
opora_sheet_get_cell (OporaSheet *sheet,
                      guint       index,
                      guint32     col)
{
  SheetRow *row;
  guint lo, hi;

  g_return_val_if_fail (sheet != NULL && index < sheet->rows->len, NULL);
  row = &g_array_index (sheet->rows, SheetRow, index);
  lo = row->first;
  hi = row->first + row->n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const OporaCell *cell = &g_array_index (sheet->cells, OporaCell, mid);

      if (cell->col == col)
        return cell;
      if (cell->col < col)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/**
 * opora_sheet_dup_text:
 * @sheet: a sheet
 * @index: a stored row
 * @col: a 0-based column
 *
 * The cell as a person would read it: text as is, numbers with a point and
 * no trailing zeros (71.5, 2024), TRUE/FALSE, dates as serial numbers.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for an empty cell
 */
char *
opora_sheet_dup_text (OporaSheet *sheet,
                      guint       index,
                      guint32     col)
{
  const OporaCell *cell = opora_sheet_get_cell (sheet, index, col);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (cell == NULL)
    return NULL;
  switch (cell->type)
    {
    case OPORA_CELL_TEXT:
    case OPORA_CELL_ERROR:
      return g_strdup (cell->text);
    case OPORA_CELL_BOOL:
      return g_strdup (cell->number != 0 ? "TRUE" : "FALSE");
    case OPORA_CELL_NUMBER:
    case OPORA_CELL_DATE:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", cell->number));
    case OPORA_CELL_EMPTY:
    default:
      return NULL;
    }
}

GArray *
opora_sheet_get_merges (OporaSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->merges;
}

gboolean
opora_sheet_is_complete (OporaSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->complete;
}
