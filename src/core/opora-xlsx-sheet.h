/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The streaming tokenizer of XLSX sheet XML, shared by the XLSX reader and its tests only. */
#pragma once

#include "opora-reader-private.h"

G_BEGIN_DECLS

/* Fills @buffer with up to @size bytes of the part. Returns the count, 0 at
 * the end, or -1 with @error set. */
typedef gssize (*OporaXlsxReadFunc) (gpointer   source,
                                     char      *buffer,
                                     gsize      size,
                                     GError   **error);

/* What a sheet needs from the rest of the workbook. Borrowed for the read. */
typedef struct {
  OporaReader        *reader;       /* names the file in errors; gets the merges */
  guint               index;        /* the sheet being read */
  const char * const *strings;      /* shared strings; NULL for one past the cell limit */
  guint               n_strings;
  const guint8       *date_styles;  /* per cell style (xf): 1 when it shows a date */
  guint               n_styles;
  gboolean            date1904;     /* dates count from 1904; add 1462 days */
  gsize               chunk_size;   /* bytes asked of @read at a time */
} OporaXlsxSheetContext;

#define OPORA_XLSX_DEFAULT_CHUNK (256u * 1024u)

gboolean opora_xlsx_sheet_read            (const OporaXlsxSheetContext  *context,
                                           OporaXlsxReadFunc             read,
                                           gpointer                      source,
                                           OporaRowFunc                  func,
                                           gpointer                      user_data,
                                           GCancellable                 *cancellable,
                                           GError                      **error);
gsize    opora_xlsx_unescape              (char                         *text,
                                           gsize                         length);
gboolean opora_xlsx_parse_ref             (const char                   *ref,
                                           gsize                         length,
                                           guint32                      *row,
                                           guint32                      *col);
gboolean opora_xlsx_format_is_date        (const char                   *code);
void     opora_xlsx_reader_set_chunk_size (OporaReader                  *reader,
                                           gsize                         chunk_size);

G_END_DECLS
