/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A reader over tables written in the test, so import tests need no file format. */
#pragma once

#include <glib/gstdio.h>

#include "opora-reader-private.h"

typedef struct {
  OporaReader   parent;
  GPtrArray    *tables;  /* per sheet: GStrv of n_cols × rows, NULL-terminated */
  GArray       *widths;  /* guint per sheet */
} TableReader;

static gboolean
table_reader_read (OporaReader   *reader,
                   guint          index,
                   OporaRowFunc   func,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TableReader *self = (TableReader *) reader;
  char **cells = self->tables->pdata[index];
  guint width = g_array_index (self->widths, guint, index);
  g_autofree OporaCell *row_cells = g_new0 (OporaCell, width);

  for (guint32 r = 0; cells[r * width] != NULL; r++)
    {
      OporaRow row = { r, 0, row_cells };

      for (guint c = 0; c < width; c++)
        if (cells[r * width + c][0] != '\0')
          row_cells[row.n_cells++] = (OporaCell) { c, OPORA_CELL_TEXT, 0, cells[r * width + c] };
      if (row.n_cells > 0 && !func (&row, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static void
table_reader_finalize (OporaReader *reader)
{
  TableReader *self = (TableReader *) reader;

  g_ptr_array_unref (self->tables);
  g_array_unref (self->widths);
}

/* A reader whose file is @path (written with @path's own name as content,
 * so checksums differ by name) and which has no sheets yet. */
static inline OporaReader *
table_reader_new (const char *path)
{
  static const OporaReaderClass klass = { "table", table_reader_read, table_reader_finalize };
  TableReader *self = g_new0 (TableReader, 1);

  g_assert_true (g_file_set_contents (path, path, -1, NULL));
  opora_reader_init (&self->parent, &klass, path);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->widths = g_array_new (FALSE, FALSE, sizeof (guint));
  return &self->parent;
}

/* Adds a sheet of @width columns; @cells holds whole rows, "" for empty
 * cells, and ends with NULL. */
static inline void
table_reader_add (OporaReader        *reader,
                  const char         *name,
                  guint               width,
                  const char * const *cells)
{
  TableReader *self = (TableReader *) reader;

  opora_reader_add_sheet (reader, name, FALSE);
  g_ptr_array_add (self->tables, g_strdupv ((char **) cells));
  g_array_append_val (self->widths, width);
}
