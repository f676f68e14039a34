/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading spreadsheets of any format (CSV, XLSX, ODS, XLS) as a stream of rows of cells. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  OPORA_CELL_EMPTY,
  OPORA_CELL_TEXT,    /* text; CSV gives every cell as text */
  OPORA_CELL_NUMBER,  /* a number stored as a number (a formula's cached value too) */
  OPORA_CELL_BOOL,    /* number is 0 or 1 */
  OPORA_CELL_DATE,    /* number is a serial day in the 1900 system (1904 files are converted) */
  OPORA_CELL_ERROR,   /* a formula error such as "#DIV/0!", in text */
} OporaCellType;

typedef struct {
  guint32        col;     /* 0-based column in the source sheet */
  OporaCellType  type;
  double         number;  /* NUMBER, BOOL, DATE */
  const char    *text;    /* TEXT and ERROR: valid UTF-8, NUL-terminated; else NULL. Borrowed. */
} OporaCell;

typedef struct {
  guint32          row;      /* 0-based row in the source sheet */
  guint            n_cells;
  const OporaCell *cells;    /* the non-empty cells, by ascending col; borrowed for the call */
} OporaRow;

/* Called once per row that has at least one non-empty cell, in ascending row order.
 * Return FALSE (with @error set) to stop reading; the reader returns that error. */
typedef gboolean (*OporaRowFunc) (const OporaRow  *row,
                                  gpointer         user_data,
                                  GError         **error);

typedef struct {
  char     *name;
  gboolean  hidden;
} OporaSheetInfo;

typedef struct {
  guint32 first_row, first_col;  /* 0-based, inclusive */
  guint32 last_row, last_col;
} OporaMerge;

typedef struct {
  const char *encoding;   /* CSV: NULL to detect, or an iconv name such as "CP1251" */
  char        separator;  /* CSV: 0 to detect, or ';' ',' '\t' '|' */
} OporaReadOptions;

typedef struct _OporaReader OporaReader;

/* Safety limits every reader enforces (issue #4, "Bad input"). */
#define OPORA_READER_MAX_ROWS        1048576u          /* Excel's own limit */
#define OPORA_READER_MAX_COLS        16384u            /* Excel's own limit (XFD) */
#define OPORA_READER_MAX_CELL_BYTES  (1u << 20)        /* 1 MiB of text in one cell */
#define OPORA_READER_MAX_ENTRY_BYTES (G_GUINT64_CONSTANT (1) << 30)  /* one zip entry inflated */
#define OPORA_READER_MAX_TOTAL_BYTES (G_GUINT64_CONSTANT (2) << 30)  /* all entries inflated */
#define OPORA_READER_MAX_RATIO       1000u             /* inflated : compressed, for entries > 1 MiB */

OporaReader          *opora_reader_open          (const char              *path,
                                                  const OporaReadOptions  *options,
                                                  GError                 **error);
void                  opora_reader_free          (OporaReader             *reader);
const char           *opora_reader_get_path      (OporaReader             *reader);
const char           *opora_reader_get_format    (OporaReader             *reader);
guint                 opora_reader_get_n_sheets  (OporaReader             *reader);
const OporaSheetInfo *opora_reader_get_sheet     (OporaReader             *reader,
                                                  guint                    index);
gboolean              opora_reader_read_sheet    (OporaReader             *reader,
                                                  guint                    index,
                                                  OporaRowFunc             func,
                                                  gpointer                 user_data,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
GArray               *opora_reader_get_merges    (OporaReader             *reader,
                                                  guint                    index);
const char           *opora_reader_get_encoding  (OporaReader             *reader);
char                  opora_reader_get_separator (OporaReader             *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaReader, opora_reader_free)

G_END_DECLS
