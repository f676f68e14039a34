/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recognising a spreadsheet's format by its content and the parts every reader shares. */

#define _GNU_SOURCE  /* memmem */

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-error.h"
#include "opora-reader-private.h"

static const guchar zip_magic[] = { 'P', 'K', 3, 4 };
static const guchar ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

typedef enum {
  KIND_TEXT,
  KIND_ZIP,
  KIND_OLE,
  KIND_EMPTY,
  KIND_BINARY,
} FileKind;

static void
sheet_info_free (OporaSheetInfo *info)
{
  g_free (info->name);
  g_free (info);
}

void
opora_reader_init (OporaReader            *reader,
                   const OporaReaderClass *klass,
                   const char             *path)
{
  reader->klass = klass;
  reader->path = g_strdup (path);
  reader->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_info_free);
  reader->merges = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

void
opora_reader_add_sheet (OporaReader *reader,
                        const char  *name,
                        gboolean     hidden)
{
  OporaSheetInfo *info = g_new0 (OporaSheetInfo, 1);

  info->name = g_strdup (name);
  info->hidden = hidden;
  g_ptr_array_add (reader->sheets, info);
  g_ptr_array_add (reader->merges, g_array_new (FALSE, FALSE, sizeof (OporaMerge)));
}

void
opora_reader_add_merge (OporaReader      *reader,
                        guint             index,
                        const OporaMerge *merge)
{
  g_return_if_fail (index < reader->merges->len);
  g_array_append_val ((GArray *) reader->merges->pdata[index], *merge);
}

/**
 * opora_column_name:
 * @col: a 0-based column
 *
 * 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
 *
 * Returns: (transfer full): the spreadsheet name of the column
 */
char *
opora_column_name (guint32 col)
{
  char buffer[8];
  int i = G_N_ELEMENTS (buffer) - 1;

  buffer[i] = '\0';
  for (guint64 n = (guint64) col + 1; n > 0 && i > 0; n = (n - 1) / 26)
    buffer[--i] = 'A' + (n - 1) % 26;
  return g_strdup (buffer + i);
}

/**
 * opora_reader_set_error_at:
 * @reader: the reader
 * @error: the error to set
 * @code: an #OporaErrorCode
 * @row: 0-based row, or G_MAXUINT32 when the problem has no row
 * @col: 0-based column, or G_MAXUINT32 when it has no column
 * @message: a translated sentence
 *
 * Sets @error to "“file.xlsx”, row 12, column C: @message".
 *
 * Returns: %FALSE
 */
gboolean
opora_reader_set_error_at (OporaReader  *reader,
                           GError      **error,
                           int           code,
                           guint32       row,
                           guint32       col,
                           const char   *message)
{
  g_autofree char *base = g_path_get_basename (reader->path);
  g_autofree char *column = col != G_MAXUINT32 ? opora_column_name (col) : NULL;

  if (row != G_MAXUINT32 && column != NULL)
    g_set_error (error, OPORA_ERROR, code, _("“%s”, row %u, column %s: %s"), base, row + 1, column, message);
  else if (row != G_MAXUINT32)
    g_set_error (error, OPORA_ERROR, code, _("“%s”, row %u: %s"), base, row + 1, message);
  else
    g_set_error (error, OPORA_ERROR, code, "“%s”: %s", base, message);
  return FALSE;
}

static FileKind
sniff (const guchar *head,
       gsize         length)
{
  gboolean utf16 = length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));

  if (length == 0)
    return KIND_EMPTY;
  if (length >= sizeof zip_magic && memcmp (head, zip_magic, sizeof zip_magic) == 0)
    return KIND_ZIP;
  if (length >= sizeof ole_magic && memcmp (head, ole_magic, sizeof ole_magic) == 0)
    return KIND_OLE;
  if (!utf16 && memchr (head, '\0', length) != NULL)
    return KIND_BINARY;
  return KIND_TEXT;
}

static gboolean
read_head (const char  *path,
           guchar      *head,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_clear_error (error);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot read “%s”. Check that the file exists and you may read it."), base);
      return FALSE;
    }
  return g_input_stream_read_all (G_INPUT_STREAM (stream), head, *length, length, NULL, error);
}

static gboolean
zip_has (GsfInfile  *zip,
         const char *name,
         const char *child_name)
{
  g_autoptr(GsfInput) child = gsf_infile_child_by_vname (zip, name, child_name, NULL);
  return child != NULL;
}

static guint32
le32 (const guchar *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guchar *p)
{
  return p[0] | p[1] << 8;
}

/**
 * opora_zip_dostime_valid:
 * @dostime: a zip entry's MS-DOS date (high half) and time
 *
 * libgsf turns each entry's date into a GDateTime and fails a GLib check
 * on an impossible one, so readers check dates first.
 *
 * Returns: whether @dostime is 0 (no time) or a real day and time
 */
gboolean
opora_zip_dostime_valid (guint32 dostime)
{
  guint year = 1980 + (dostime >> 25), month = (dostime >> 21) & 0xF, day = (dostime >> 16) & 0x1F;
  guint hour = (dostime >> 11) & 0x1F, minute = (dostime >> 5) & 0x3F, second = (dostime & 0x1F) * 2;

  return dostime == 0 ||
         (g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) &&
          hour < 24 && minute < 60 && second < 60);
}

/* libgsf turns every entry's MS-DOS date into a GDateTime and fails a
 * GLib check on an impossible one (a damaged or hostile file), so the
 * central directory's dates are checked first. Returns FALSE when the
 * directory is unreadable or a date is impossible. */
static gboolean
zip_dates_valid (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guchar *data, *end, *p;
  gsize length;
  guint32 offset;

  if (file == NULL || (length = g_mapped_file_get_length (file)) < 22)
    return FALSE;
  data = (const guchar *) g_mapped_file_get_contents (file);
  end = data + length;
  for (p = end - 22; p >= data && le32 (p) != 0x06054b50; p--)
    if (end - p > 22 + 65535)
      return FALSE;
  if (p < data || (offset = le32 (p + 16)) > length)
    return FALSE;
  for (p = data + offset; p + 46 <= end && le32 (p) == 0x02014b50;
       p += 46 + le16 (p + 28) + le16 (p + 30) + le16 (p + 32))
    if (!opora_zip_dostime_valid (le32 (p + 12)))
      return FALSE;
  return TRUE;
}

static OporaReader *
open_zip (const char  *path,
          GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GsfInput) input = zip_dates_valid (path) ? gsf_input_stdio_new (path, NULL) : NULL;
  g_autoptr(GsfInfile) zip = input != NULL ? gsf_infile_zip_new (input, NULL) : NULL;

  if (zip != NULL && zip_has (zip, "xl", NULL))
    {
      if (zip_has (zip, "xl", "workbook.bin"))
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                       _("“%s” is a binary Excel workbook (.xlsb), which Opora does not read. "
                         "Open it in Excel or LibreOffice and save it as .xlsx."), base);
          return NULL;
        }
#ifdef HAVE_XLSX_READER
      return opora_xlsx_reader_open (path, error);
#endif
    }
  if (zip != NULL && (zip_has (zip, "content.xml", NULL) || zip_has (zip, "mimetype", NULL)))
    {
#ifdef HAVE_ODS_READER
      return opora_ods_reader_open (path, error);
#endif
    }
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
               _("“%s” is a damaged or unknown archive, not a spreadsheet Opora reads. "
                 "Save it as .xlsx, .ods or .csv and try again."), base);
  return NULL;
}

/* An encrypted OOXML file is an OLE2 container with an "EncryptedPackage"
 * stream. Its directory entry holds the name in UTF-16LE; looking for those
 * bytes avoids parsing a possibly damaged container (libgsf's parser warns
 * on some truncated ones). */
static gboolean
is_encrypted_package (const char *path)
{
  static const char name[] = "EncryptedPackage";
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  char utf16[2 * sizeof name - 2];

  if (file == NULL)
    return FALSE;
  for (guint i = 0; i < sizeof name - 1; i++)
    {
      utf16[2 * i] = name[i];
      utf16[2 * i + 1] = '\0';
    }
  return memmem (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                 utf16, sizeof utf16) != NULL;
}

static OporaReader *
open_ole (const char  *path,
          GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);

  if (is_encrypted_package (path))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_ENCRYPTED,
                   _("“%s” is protected with a password. Open it in Excel or LibreOffice, "
                     "remove the password (save without encryption) and try again."), base);
      return NULL;
    }
#ifdef HAVE_XLS_READER
  return opora_xls_reader_open (path, error);
#else
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
               _("“%s” is an old Excel file (.xls) that Opora cannot read. "
                 "Save it as .xlsx and try again."), base);
  return NULL;
#endif
}

/**
 * opora_reader_open:
 * @path: a spreadsheet file
 * @options: (nullable): CSV encoding and separator; %NULL to detect both
 *
 * Opens @path by what it contains, not by its name: XLSX and ODS (zip),
 * XLS (OLE2), otherwise text read as CSV/TSV. Refuses empty and binary
 * files, .xlsb and password-protected workbooks with a message saying what
 * to do. Reads only what it needs to list the sheets.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
OporaReader *
opora_reader_open (const char              *path,
                   const OporaReadOptions  *options,
                   GError                 **error)
{
  static const OporaReadOptions detect = { NULL, 0 };
  static gsize gsf_ready = 0;
  g_autofree char *base = g_path_get_basename (path);
  guchar head[4096];
  gsize length = sizeof head;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_once_init_enter (&gsf_ready))
    {
      gsf_init ();
      g_once_init_leave (&gsf_ready, 1);
    }
  if (!read_head (path, head, &length, error))
    return NULL;

  switch (sniff (head, length))
    {
    case KIND_ZIP:
      return open_zip (path, error);
    case KIND_OLE:
      return open_ole (path, error);
    case KIND_EMPTY:
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("“%s” is empty."), base);
      return NULL;
    case KIND_BINARY:
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("“%s” is not a spreadsheet or a text table. Choose a .xlsx, .ods, .xls or .csv file."), base);
      return NULL;
    case KIND_TEXT:
    default:
#ifdef HAVE_CSV_READER
      return opora_csv_reader_open (path, options != NULL ? options : &detect, error);
#else
      (void) detect;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("“%s” is a text table, which this build of Opora cannot read."), base);
      return NULL;
#endif
    }
}

void
opora_reader_free (OporaReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->klass->finalize != NULL)
    reader->klass->finalize (reader);
  g_free (reader->path);
  g_ptr_array_unref (reader->sheets);
  g_ptr_array_unref (reader->merges);
  g_free (reader->encoding);
  g_free (reader);
}

const char *
opora_reader_get_path (OporaReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->path;
}

const char *
opora_reader_get_format (OporaReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->klass->format;
}

guint
opora_reader_get_n_sheets (OporaReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->sheets->len;
}

const OporaSheetInfo *
opora_reader_get_sheet (OporaReader *reader,
                        guint        index)
{
  g_return_val_if_fail (reader != NULL && index < reader->sheets->len, NULL);
  return reader->sheets->pdata[index];
}

/**
 * opora_reader_read_sheet:
 * @reader: a reader
 * @index: a sheet
 * @func: called for each non-empty row
 * @user_data: for @func
 * @cancellable: (nullable): stops the reading with %G_IO_ERROR_CANCELLED
 *
 * Streams one sheet. The merged ranges of the sheet are known once this
 * returns (opora_reader_get_merges()). May be called again for the same or
 * another sheet.
 *
 * Returns: %TRUE when the whole sheet was read
 */
gboolean
opora_reader_read_sheet (OporaReader   *reader,
                         guint          index,
                         OporaRowFunc   func,
                         gpointer       user_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (reader != NULL && index < reader->sheets->len, FALSE);
  g_array_set_size (reader->merges->pdata[index], 0);
  return reader->klass->read_sheet (reader, index, func, user_data, cancellable, error);
}

/**
 * opora_reader_get_merges:
 * @reader: a reader
 * @index: a sheet that was read
 *
 * Returns: (transfer none) (element-type OporaMerge): the merged ranges
 */
GArray *
opora_reader_get_merges (OporaReader *reader,
                         guint        index)
{
  g_return_val_if_fail (reader != NULL && index < reader->merges->len, NULL);
  return reader->merges->pdata[index];
}

/**
 * opora_reader_get_encoding:
 * @reader: a reader
 *
 * Returns: (nullable): for CSV the encoding used (detected or chosen), else %NULL
 */
const char *
opora_reader_get_encoding (OporaReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->encoding;
}

/**
 * opora_reader_get_separator:
 * @reader: a reader
 *
 * Returns: for CSV the separator used, else 0
 */
char
opora_reader_get_separator (OporaReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->separator;
}
