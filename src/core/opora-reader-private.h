/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a format's reader implements, and the shared fields it fills. For reader sources only. */
#pragma once

#include "opora-reader.h"

G_BEGIN_DECLS

typedef struct {
  const char *format;  /* "csv", "xlsx", "ods", "xls" */

  /* Streams the rows of one sheet to @func. Must honour @cancellable (check it
   * every few thousand rows), enforce the OPORA_READER_MAX_* limits, and call
   * opora_reader_add_merge() for the sheet's merged ranges. Errors are
   * OPORA_ERROR_FORMAT / _ENCRYPTED / _TOO_LARGE / _IO with a translated
   * message naming the file and, where it applies, the row and column
   * (opora_reader_set_error_at()). */
  gboolean (*read_sheet) (OporaReader   *reader,
                          guint          index,
                          OporaRowFunc   func,
                          gpointer       user_data,
                          GCancellable  *cancellable,
                          GError       **error);
  /* Frees the format's own fields (not the shared ones); may be NULL. */
  void     (*finalize)   (OporaReader   *reader);
} OporaReaderClass;

/* A format's reader struct starts with this, so it can be cast both ways. */
struct _OporaReader
{
  const OporaReaderClass *klass;
  char                   *path;
  GPtrArray              *sheets;    /* OporaSheetInfo */
  GPtrArray              *merges;    /* per sheet: GArray of OporaMerge */
  char                   *encoding;  /* CSV: the encoding used */
  char                    separator; /* CSV: the separator used */
};

/* Each format's entry point, called once opora_reader_open() has recognised
 * the format by content. Returns a reader with its sheets listed, or NULL
 * with @error set. */
OporaReader *opora_csv_reader_open  (const char              *path,
                                     const OporaReadOptions  *options,
                                     GError                 **error);
OporaReader *opora_xlsx_reader_open (const char              *path,
                                     GError                 **error);
OporaReader *opora_ods_reader_open  (const char              *path,
                                     GError                 **error);
OporaReader *opora_xls_reader_open  (const char              *path,
                                     GError                 **error);

void     opora_reader_init      (OporaReader             *reader,
                                 const OporaReaderClass  *klass,
                                 const char              *path);
void     opora_reader_add_sheet (OporaReader             *reader,
                                 const char              *name,
                                 gboolean                 hidden);
void     opora_reader_add_merge (OporaReader             *reader,
                                 guint                    index,
                                 const OporaMerge        *merge);
gboolean opora_reader_set_error_at (OporaReader          *reader,
                                    GError              **error,
                                    int                   code,
                                    guint32               row,
                                    guint32               col,
                                    const char           *message);
char    *opora_column_name      (guint32                  col);
gboolean opora_zip_dostime_valid (guint32                 dostime);

G_END_DECLS
