/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Streaming an OpenDocument spreadsheet (.ods) row by row from its content.xml. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-error.h"
#include "opora-reader-private.h"

#define NS_OFFICE  "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE   "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TABLE   "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT    "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

#define ODS_MIMETYPE  "application/vnd.oasis.opendocument.spreadsheet"
#define MIB           (G_GUINT64_CONSTANT (1) << 20)
#define CANCEL_EVERY  4096u

/* Repeated non-empty cells and rows are expanded; this bounds the cells a
 * small file can make Opora produce that way (a 16 384-cell row repeated a
 * million times would otherwise be 17 billion cells). */
#define MAX_REPEATED_CELLS (G_GUINT64_CONSTANT (1) << 24)

typedef struct {
  OporaReader parent;
} OporaOdsReader;

/* content.xml as libxml2 reads it, with the inflated bytes counted. */
typedef struct {
  GsfInput *input;         /* owned */
  guint64   compressed;    /* the entry's compressed size, or the file's when unknown */
  guint64   inflated;
  int       failure;       /* an OporaErrorCode once reading stopped, else -1 */
  gboolean  in_prolog;     /* before the root element */
  gboolean  doctype;       /* the prolog holds a DOCTYPE */
  char      window[9];     /* the last bytes of the prolog seen */
} Content;

typedef enum {
  VALUE_NONE,
  VALUE_NUMBER,
  VALUE_DATE,
  VALUE_TIME,
  VALUE_BOOL,
  VALUE_STRING,
} ValueType;

/* The attributes of one table:table-cell that matter to Opora, copied as
 * they come (their order is free), then interpreted by cell_value(). A
 * value too long for its buffer is left empty, so it reads as invalid. */
typedef struct {
  char     value_type[16];     /* office:value-type */
  char     calc_type[16];      /* calcext:value-type, "error" for a formula error */
  char     value[128];         /* office:value */
  char     date_value[64];     /* office:date-value */
  char     time_value[64];     /* office:time-value */
  char     boolean_value[8];   /* office:boolean-value */
  char    *string_value;       /* office:string-value, owned */
  guint64  cols_repeated;
  guint64  cols_spanned;
  guint64  rows_spanned;
} CellAttrs;

/* The state of reading one sheet. */
typedef struct {
  OporaReader      *reader;
  guint             index;
  xmlTextReaderPtr  xml;
  Content          *content;
  OporaRowFunc      func;
  gpointer          user_data;
  GCancellable     *cancellable;
  guint64           row;             /* the row being read */
  guint64           rows_repeated;   /* its table:number-rows-repeated */
  gboolean          in_row;
  guint64           col;             /* the next cell's column */
  guint64           rows_seen;       /* for checking @cancellable */
  guint64           repeated_cells;  /* cells made by expanding repeats */
  GArray           *cells;           /* OporaCell of the current row */
  GStringChunk     *texts;           /* their text, cleared after each row */
  GString          *text;            /* the text of the cell being read */
  gboolean          collapsed;       /* @text ends in collapsed white space */
} SheetRead;

static void
cell_attrs_clear (CellAttrs *attrs)
{
  g_clear_pointer (&attrs->string_value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CellAttrs, cell_attrs_clear)

static void
content_free (Content *content)
{
  g_clear_object (&content->input);
  g_free (content);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Content, content_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

/* Both limits of issue #4: an entry's inflated size, and its ratio to the
 * compressed size once it is past 1 MiB. */
static int
content_check (const Content *content,
               guint64        inflated)
{
  if (inflated > OPORA_READER_MAX_ENTRY_BYTES)
    return OPORA_ERROR_TOO_LARGE;
  if (inflated > MIB && inflated / OPORA_READER_MAX_RATIO > content->compressed)
    return OPORA_ERROR_TOO_LARGE;
  return -1;
}

/* Looks for "<!DOCTYPE" before the root element. libxml2 would parse the
 * internal subset (and fail on an entity loop there) before it shows the
 * DOCTYPE node, so the refusal cannot wait for that node. */
static void
scan_prolog (Content    *content,
             const char *data,
             gsize       length)
{
  for (gsize i = 0; i < length && content->in_prolog; i++)
    {
      memmove (content->window, content->window + 1, sizeof content->window - 1);
      content->window[sizeof content->window - 1] = data[i];
      if (memcmp (content->window, "<!DOCTYPE", sizeof content->window) == 0)
        content->doctype = TRUE;
      else if (content->window[7] == '<' && data[i] != '?' && data[i] != '!')
        content->in_prolog = FALSE;
    }
}

/* Stops at the caps by reporting the end of the input, so libxml2 does not
 * print an I/O error of its own; the caller then reports content->failure. */
static int
content_read_cb (void *context,
                 char *buffer,
                 int   length)
{
  Content *content = context;
  gsf_off_t left = gsf_input_remaining (content->input);
  gsize n = MIN ((gsize) length, (gsize) MAX (left, 0));

  if (n == 0 || content->failure >= 0)
    return 0;
  content->failure = content_check (content, content->inflated + n);
  if (content->failure >= 0)
    return 0;
  /* libgsf can report a damaged deflate stream that ends early as read while
   * leaving the rest of @buffer as it was: libxml2's, never written. Zeros make
   * such a member fail to parse the same way every time. */
  memset (buffer, 0, n);
  if (gsf_input_read (content->input, n, (guint8 *) buffer) == NULL)
    {
      content->failure = OPORA_ERROR_FORMAT;
      return 0;
    }
  content->inflated += n;
  scan_prolog (content, buffer, n);
  if (content->doctype)
    {
      content->failure = OPORA_ERROR_FORMAT;
      return 0;
    }
  return (int) n;
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
read_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static gboolean
read_at (GsfInput *input,
         gsf_off_t offset,
         gsize     length,
         guint8   *buffer)
{
  return gsf_input_seek (input, offset, G_SEEK_SET) == FALSE
         && gsf_input_read (input, length, buffer) != NULL;
}

/* Walks the zip's central directory for @name. libgsf keeps an entry's
 * compressed size to itself, and the ratio limit needs it. Returns 0 when
 * the directory cannot be read (then the file's size stands in). */
static guint64
zip_compressed_size (GsfInput   *source,
                     const char *name)
{
  gsf_off_t size = gsf_input_size (source);
  gsize tail_length = (gsize) MIN (size, 22 + 0xFFFF);
  g_autofree guint8 *tail = g_malloc (MAX (tail_length, 1));
  g_autofree guint8 *dir = NULL;
  guint32 dir_size, dir_offset;
  gsize name_length = strlen (name);
  gssize i;

  if (tail_length < 22 || !read_at (source, size - tail_length, tail_length, tail))
    return 0;
  for (i = tail_length - 22; i >= 0 && memcmp (tail + i, "PK\5\6", 4) != 0; i--)
    ;
  if (i < 0)
    return 0;
  dir_size = read_le32 (tail + i + 12);
  dir_offset = read_le32 (tail + i + 16);
  if (dir_size > 64 * MIB || (guint64) dir_offset + dir_size > (guint64) size)
    return 0;
  dir = g_malloc (MAX (dir_size, 1));
  if (!read_at (source, dir_offset, dir_size, dir))
    return 0;
  for (gsize p = 0; p + 46 <= dir_size && memcmp (dir + p, "PK\1\2", 4) == 0;)
    {
      gsize entry_name = read_le16 (dir + p + 28);
      gsize next = p + 46 + entry_name + read_le16 (dir + p + 30) + read_le16 (dir + p + 32);

      if (p + 46 + entry_name > dir_size)
        break;
      if (entry_name == name_length && memcmp (dir + p + 46, name, name_length) == 0)
        return read_le32 (dir + p + 20) != G_MAXUINT32 ? read_le32 (dir + p + 20) : 0;
      p = next;
    }
  return 0;
}

static gboolean
fail (OporaReader  *reader,
      GError      **error,
      int           code,
      const char   *message)
{
  return opora_reader_set_error_at (reader, error, code, G_MAXUINT32, G_MAXUINT32, message);
}

/* gsf_infile_child_by_name() prints a warning when a damaged entry cannot
 * be opened; the core never prints, its caller reports the failure. */
static GsfInput *
zip_child (GsfInfile  *zip,
           const char *name)
{
  g_autoptr(GError) ignored = NULL;

  return GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (zip))->child_by_name (zip, name, &ignored);
}

static GsfInfile *
open_zip (OporaReader  *reader,
          GsfInput    **source,
          GError      **error)
{
  g_autoptr(GsfInput) input = gsf_input_stdio_new (reader->path, NULL);
  g_autoptr(GsfInfile) zip = input != NULL ? gsf_infile_zip_new (input, NULL) : NULL;

  if (input == NULL)
    {
      fail (reader, error, OPORA_ERROR_IO,
            _("The file cannot be read. Check that it exists and you may read it."));
      return NULL;
    }
  if (zip == NULL)
    {
      fail (reader, error, OPORA_ERROR_FORMAT,
            _("The spreadsheet is damaged: its zip archive cannot be read. "
              "Open it in LibreOffice and save it again."));
      return NULL;
    }
  *source = g_steal_pointer (&input);
  return g_steal_pointer (&zip);
}

/* The mimetype entry says what kind of OpenDocument this is. A missing
 * entry is forgiven: some programs leave it out of spreadsheets. */
static gboolean
check_mimetype (OporaReader  *reader,
                GsfInfile    *zip,
                GError      **error)
{
  g_autoptr(GsfInput) entry = zip_child (zip, "mimetype");
  char buffer[128] = "";
  gsize length;

  if (entry == NULL)
    return TRUE;
  length = (gsize) MIN (gsf_input_size (entry), (gsf_off_t) sizeof buffer - 1);
  if (gsf_input_read (entry, length, (guint8 *) buffer) == NULL)
    return fail (reader, error, OPORA_ERROR_FORMAT,
                 _("The spreadsheet is damaged. Open it in LibreOffice and save it again."));
  buffer[length] = '\0';
  g_strstrip (buffer);
  if (strcmp (buffer, ODS_MIMETYPE) == 0)
    return TRUE;
  if (g_str_has_prefix (buffer, "application/vnd.oasis.opendocument.text"))
    return fail (reader, error, OPORA_ERROR_FORMAT,
                 _("This is a text document (.odt), not a spreadsheet. "
                   "Copy its table into LibreOffice Calc and save it as .ods or .xlsx."));
  if (g_str_has_prefix (buffer, "application/vnd.oasis.opendocument.presentation"))
    return fail (reader, error, OPORA_ERROR_FORMAT,
                 _("This is a presentation (.odp), not a spreadsheet. "
                   "Copy its table into LibreOffice Calc and save it as .ods or .xlsx."));
  return fail (reader, error, OPORA_ERROR_FORMAT,
               _("This OpenDocument file is not a spreadsheet. "
                 "Open it in LibreOffice Calc and save it as .ods or .xlsx."));
}

/* Opens content.xml for streaming, refusing an entry whose declared size
 * is past the limits before inflating anything. */
static Content *
content_open (OporaReader  *reader,
              GError      **error)
{
  g_autoptr(GsfInput) source = NULL;
  g_autoptr(GsfInfile) zip = open_zip (reader, &source, error);
  g_autoptr(Content) content = NULL;

  if (zip == NULL)
    return NULL;
  content = g_new0 (Content, 1);
  content->failure = -1;
  content->in_prolog = TRUE;
  content->input = zip_child (zip, "content.xml");
  if (content->input == NULL)
    {
      fail (reader, error, OPORA_ERROR_FORMAT,
            _("The spreadsheet has no content (content.xml is missing). "
              "Open it in LibreOffice and save it again."));
      return NULL;
    }
  content->compressed = zip_compressed_size (source, "content.xml");
  if (content->compressed == 0)
    content->compressed = (guint64) gsf_input_size (source);
  if (content_check (content, (guint64) gsf_input_size (content->input)) >= 0)
    {
      fail (reader, error, OPORA_ERROR_TOO_LARGE,
            _("The spreadsheet unpacks to far more data than it holds, as a zip bomb does. "
              "Opora does not read it; ask the sender for the original file."));
      return NULL;
    }
  return g_steal_pointer (&content);
}

/* libxml2 would print parse errors on stderr; the caller reports them. */
static void
silence_cb (void        *user_data,
            xmlErrorPtr  error)
{
}

/* XML_PARSE_NONET keeps libxml2 off the network; without XML_PARSE_NOENT
 * and XML_PARSE_DTDLOAD no entity is substituted and no DTD is loaded, and
 * xml_step() refuses a DOCTYPE as soon as it is seen. */
static xmlTextReaderPtr
xml_open (Content *content)
{
  xmlTextReaderPtr xml = xmlReaderForIO (content_read_cb, NULL, content, "content.xml", NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);

  if (xml != NULL)
    xmlTextReaderSetStructuredErrorHandler (xml, silence_cb, NULL);
  return xml;
}

/* Turns why libxml2 stopped into the error a person reads. */
static gboolean
fail_xml (OporaReader  *reader,
          Content      *content,
          GError      **error)
{
  if (content->failure == OPORA_ERROR_TOO_LARGE)
    return fail (reader, error, OPORA_ERROR_TOO_LARGE,
                 _("The spreadsheet unpacks to far more data than it holds, as a zip bomb does. "
                   "Opora does not read it; ask the sender for the original file."));
  return fail (reader, error, OPORA_ERROR_FORMAT,
               _("The spreadsheet is damaged: its content is not well-formed. "
                 "Open it in LibreOffice and save it again."));
}

static gboolean
node_is (xmlTextReaderPtr  xml,
         const char       *ns,
         const char       *name)
{
  return xmlStrEqual (xmlTextReaderConstLocalName (xml), (const xmlChar *) name)
         && xmlStrEqual (xmlTextReaderConstNamespaceUri (xml), (const xmlChar *) ns);
}

static gboolean
fail_doctype (OporaReader  *reader,
              GError      **error)
{
  return fail (reader, error, OPORA_ERROR_FORMAT,
               _("The spreadsheet's content declares a DOCTYPE, which spreadsheets never do; "
                 "Opora does not read it. Open it in LibreOffice and save it again."));
}

/* Advances to the next node (or past the current subtree with @skip),
 * refusing a DOCTYPE. Returns 1 on a node, 0 at the end, -1 on an error
 * (set). */
static int
xml_step (OporaReader       *reader,
          xmlTextReaderPtr   xml,
          Content           *content,
          gboolean           skip,
          GError           **error)
{
  int ret = skip ? xmlTextReaderNext (xml) : xmlTextReaderRead (xml);

  if (content->doctype || (ret == 1 && xmlTextReaderNodeType (xml) == XML_READER_TYPE_DOCUMENT_TYPE))
    {
      fail_doctype (reader, error);
      return -1;
    }
  if (ret < 0 || content->failure >= 0)
    {
      fail_xml (reader, content, error);
      return -1;
    }
  return ret;
}

static gboolean
is_start (xmlTextReaderPtr xml)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT;
}

static char *
dup_attr (xmlTextReaderPtr  xml,
          const char       *ns,
          const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (xml, (const xmlChar *) name, (const xmlChar *) ns);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* A style:style of family "table" whose style:table-properties say
 * table:display="false" hides the sheets that use it. */
static void
read_table_style (xmlTextReaderPtr  xml,
                  GHashTable       *hidden_styles)
{
  g_autofree char *family = dup_attr (xml, NS_STYLE, "family");
  g_autofree char *name = dup_attr (xml, NS_STYLE, "name");
  int depth = xmlTextReaderDepth (xml);

  if (g_strcmp0 (family, "table") != 0 || name == NULL || xmlTextReaderIsEmptyElement (xml))
    return;
  while (xmlTextReaderRead (xml) == 1 && xmlTextReaderDepth (xml) > depth)
    {
      g_autofree char *display = NULL;

      if (!is_start (xml) || !node_is (xml, NS_STYLE, "table-properties"))
        continue;
      display = dup_attr (xml, NS_TABLE, "display");
      if (g_strcmp0 (display, "false") == 0)
        g_hash_table_add (hidden_styles, g_steal_pointer (&name));
      return;
    }
}

static void
add_sheet (OporaReader      *reader,
           xmlTextReaderPtr  xml,
           GHashTable       *hidden_styles)
{
  g_autofree char *name = dup_attr (xml, NS_TABLE, "name");
  g_autofree char *style = dup_attr (xml, NS_TABLE, "style-name");
  gboolean hidden = style != NULL && g_hash_table_contains (hidden_styles, style);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_free (name);
      name = g_strdup_printf (_("Sheet %u"), reader->sheets->len + 1);
    }
  opora_reader_add_sheet (reader, name, hidden);
}

/* One pass over content.xml: the automatic styles, then each table:table,
 * whose rows are skipped. */
static gboolean
list_sheets (OporaReader  *reader,
             GError      **error)
{
  g_autoptr(Content) content = content_open (reader, error);
  g_autoptr(xmlTextReader) xml = content != NULL ? xml_open (content) : NULL;
  g_autoptr(GHashTable) hidden_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean skip = FALSE;
  int ret;

  if (content == NULL)
    return FALSE;
  while ((ret = xml_step (reader, xml, content, skip, error)) == 1)
    {
      skip = FALSE;
      if (!is_start (xml))
        continue;
      if (node_is (xml, NS_STYLE, "style"))
        read_table_style (xml, hidden_styles);
      else if (node_is (xml, NS_TABLE, "table"))
        {
          add_sheet (reader, xml, hidden_styles);
          skip = TRUE;
        }
    }
  return ret == 0;
}

/* Parses an ISO 8601 date or date-time, "2024-09-01" or
 * "2024-09-01T13:45:30.5", as a serial day of the 1900 system:
 * "1899-12-31" → 1, "1900-03-01" → 61, "2024-09-01T12:00:00" → 45536.5. */
static gboolean
parse_date (const char *text,
            double     *serial)
{
  static const GDateDay epoch_day = 30;
  unsigned year, month, day, hour = 0, minute = 0;
  double second = 0;
  int used = 0;
  g_autoptr(GDate) date = NULL;
  g_autoptr(GDate) epoch = g_date_new_dmy (epoch_day, G_DATE_DECEMBER, 1899);

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &used) != 3 || used != 10)
    return FALSE;
  if (text[used] == 'T' && (sscanf (text + used, "T%2u:%2u:%lf", &hour, &minute, &second) != 3
                            || hour > 24 || minute > 59 || !(second >= 0 && second < 61)))
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  date = g_date_new_dmy (day, month, year);
  *serial = (double) g_date_days_between (epoch, date) + (hour * 3600 + minute * 60 + second) / 86400.0;
  return TRUE;
}

/* Parses an ISO 8601 duration, as office:time-value holds, in days:
 * "PT12H00M00S" → 0.5, "PT36H" → 1.5, "P1DT6H" → 1.25. */
static gboolean
parse_duration (const char *text,
                double     *days)
{
  double seconds = 0;
  gboolean in_time = FALSE;
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p++ != 'P' || *p == '\0')
    return FALSE;
  while (*p != '\0')
    {
      char *end;
      double n;

      if (*p == 'T' && !in_time)
        {
          in_time = TRUE;
          p++;
          continue;
        }
      n = g_ascii_strtod (p, &end);
      if (end == p || !isfinite (n) || n < 0)
        return FALSE;
      if (*end == 'D' && !in_time)
        seconds += n * 86400;
      else if (*end == 'H' && in_time)
        seconds += n * 3600;
      else if (*end == 'M' && in_time)
        seconds += n * 60;
      else if (*end == 'S' && in_time)
        seconds += n;
      else
        return FALSE;
      p = end + 1;
    }
  *days = (text[0] == '-' ? -seconds : seconds) / 86400.0;
  return isfinite (*days);
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end;

  if (text == NULL || *text == '\0')
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*number);
}

static ValueType
parse_value_type (const char *text)
{
  static const struct { const char *name; ValueType type; } types[] = {
    { "float", VALUE_NUMBER }, { "percentage", VALUE_NUMBER }, { "currency", VALUE_NUMBER },
    { "date", VALUE_DATE }, { "time", VALUE_TIME }, { "boolean", VALUE_BOOL }, { "string", VALUE_STRING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (text, types[i].name) == 0)
      return types[i].type;
  return VALUE_NONE;
}

/* "3" → 3; missing, zero or garbage → 1, as a repeat or span of one. */
static guint64
parse_count (const char *text)
{
  guint64 count = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &count, NULL))
    return 1;
  return count;
}

static void
copy_attr (char       *buffer,
           gsize       size,
           const char *value)
{
  if (g_strlcpy (buffer, value, size) >= size)
    buffer[0] = '\0';
}

static void
read_cell_attr (CellAttrs  *attrs,
                const char *ns,
                const char *name,
                const char *value)
{
  if (g_strcmp0 (ns, NS_OFFICE) == 0)
    {
      if (strcmp (name, "value-type") == 0)
        copy_attr (attrs->value_type, sizeof attrs->value_type, value);
      else if (strcmp (name, "value") == 0)
        copy_attr (attrs->value, sizeof attrs->value, value);
      else if (strcmp (name, "date-value") == 0)
        copy_attr (attrs->date_value, sizeof attrs->date_value, value);
      else if (strcmp (name, "time-value") == 0)
        copy_attr (attrs->time_value, sizeof attrs->time_value, value);
      else if (strcmp (name, "boolean-value") == 0)
        copy_attr (attrs->boolean_value, sizeof attrs->boolean_value, value);
      else if (strcmp (name, "string-value") == 0 && attrs->string_value == NULL)
        attrs->string_value = g_strdup (value);
    }
  else if (g_strcmp0 (ns, NS_TABLE) == 0)
    {
      if (strcmp (name, "number-columns-repeated") == 0)
        attrs->cols_repeated = parse_count (value);
      else if (strcmp (name, "number-columns-spanned") == 0)
        attrs->cols_spanned = parse_count (value);
      else if (strcmp (name, "number-rows-spanned") == 0)
        attrs->rows_spanned = parse_count (value);
    }
  else if (g_strcmp0 (ns, NS_CALCEXT) == 0 && strcmp (name, "value-type") == 0)
    copy_attr (attrs->calc_type, sizeof attrs->calc_type, value);
}

static void
read_cell_attrs (xmlTextReaderPtr  xml,
                 CellAttrs        *attrs)
{
  attrs->cols_repeated = attrs->cols_spanned = attrs->rows_spanned = 1;
  while (xmlTextReaderMoveToNextAttribute (xml) == 1)
    read_cell_attr (attrs,
                    (const char *) xmlTextReaderConstNamespaceUri (xml),
                    (const char *) xmlTextReaderConstLocalName (xml),
                    (const char *) xmlTextReaderConstValue (xml));
  xmlTextReaderMoveToElement (xml);
}

static gboolean
sheet_fail (SheetRead   *s,
            GError     **error,
            int          code,
            guint64      col,
            const char  *message)
{
  guint32 row = (guint32) MIN (s->row, (guint64) G_MAXUINT32 - 1);

  /* G_MAXUINT32 says the problem has no column. */
  return opora_reader_set_error_at (s->reader, error, code, row, (guint32) MIN (col, (guint64) G_MAXUINT32), message);
}

static gboolean
check_text_length (SheetRead  *s,
                   guint64     more,
                   GError    **error)
{
  if (s->text->len + more <= OPORA_READER_MAX_CELL_BYTES)
    return TRUE;
  return sheet_fail (s, error, OPORA_ERROR_TOO_LARGE, s->col,
                     _("The cell holds more than 1 MiB of text. Shorten it and try again."));
}

/* ODF collapses each run of white space in a paragraph's text to one
 * space and drops it at the paragraph's start; text:s, text:tab and
 * text:line-break stand for the white space that is kept. */
static gboolean
append_text (SheetRead   *s,
             const char  *text,
             GError     **error)
{
  if (!check_text_length (s, strlen (text), error))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';

      if (space && s->collapsed)
        continue;
      g_string_append_c (s->text, space ? ' ' : *p);
      s->collapsed = space;
    }
  return TRUE;
}

static gboolean
append_kept (SheetRead   *s,
             char         c,
             guint64      count,
             GError     **error)
{
  if (!check_text_length (s, count, error))
    return FALSE;
  for (guint64 i = 0; i < count; i++)
    g_string_append_c (s->text, c);
  s->collapsed = FALSE;
  return TRUE;
}

static guint64
attr_count (xmlTextReaderPtr  xml,
            const char       *ns,
            const char       *name)
{
  g_autofree char *value = dup_attr (xml, ns, name);

  return value != NULL ? parse_count (value) : 1;
}

/* Where the cell's text stands: how many paragraphs began, and the depth
 * of the one open now (0 outside any). */
typedef struct {
  guint count;
  int   depth;
} Paragraphs;

/* One element inside a cell. Sets *skip for a subtree that is not the
 * cell's text: a comment (office:annotation), a drawing, a footnote. */
static gboolean
read_text_element (SheetRead   *s,
                   Paragraphs  *paragraphs,
                   gboolean    *skip,
                   GError     **error)
{
  xmlTextReaderPtr xml = s->xml;
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (xml);

  if (g_strcmp0 (ns, NS_TEXT) != 0 || node_is (xml, NS_TEXT, "note"))
    *skip = TRUE;
  else if (node_is (xml, NS_TEXT, "p") || node_is (xml, NS_TEXT, "h"))
    {
      if (paragraphs->count++ > 0 && !append_kept (s, '\n', 1, error))
        return FALSE;
      s->collapsed = TRUE;
      if (!xmlTextReaderIsEmptyElement (xml))
        paragraphs->depth = xmlTextReaderDepth (xml);
    }
  else if (paragraphs->depth == 0)
    return TRUE;
  else if (node_is (xml, NS_TEXT, "s"))
    return append_kept (s, ' ', attr_count (xml, NS_TEXT, "c"), error);
  else if (node_is (xml, NS_TEXT, "tab"))
    return append_kept (s, '\t', 1, error);
  else if (node_is (xml, NS_TEXT, "line-break"))
    return append_kept (s, '\n', 1, error);
  return TRUE;
}

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* Reads a non-empty cell element's children up to its end, collecting the
 * text of its paragraphs, joined with "\n", into s->text. Text outside a
 * paragraph is layout white space, not content. */
static gboolean
read_cell_text (SheetRead  *s,
                GError    **error)
{
  int depth = xmlTextReaderDepth (s->xml);
  Paragraphs paragraphs = { 0, 0 };
  gboolean skip = FALSE;
  int ret;

  while ((ret = xml_step (s->reader, s->xml, s->content, skip, error)) == 1)
    {
      int type = xmlTextReaderNodeType (s->xml);
      int node_depth = xmlTextReaderDepth (s->xml);

      skip = FALSE;
      if (node_depth <= depth)
        return TRUE;
      if (type == XML_READER_TYPE_ELEMENT && !read_text_element (s, &paragraphs, &skip, error))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == paragraphs.depth)
        paragraphs.depth = 0;
      if (is_text_node (type) && paragraphs.depth > 0
          && !append_text (s, (const char *) xmlTextReaderConstValue (s->xml), error))
        return FALSE;
    }
  if (ret == 0)
    return fail_xml (s->reader, s->content, error);
  return FALSE;
}

static gboolean
parse_bool (const char *text,
            double     *number)
{
  *number = strcmp (text, "true") == 0;
  return *number == 1 || strcmp (text, "false") == 0;
}

/* The value its office:value-type names: NUMBER for float, percentage and
 * currency, DATE for date and time, BOOL for boolean. */
static gboolean
typed_value (const CellAttrs *attrs,
             OporaCell       *cell)
{
  switch (parse_value_type (attrs->value_type))
    {
    case VALUE_NUMBER:
      cell->type = OPORA_CELL_NUMBER;
      return parse_number (attrs->value, &cell->number);
    case VALUE_DATE:
      cell->type = OPORA_CELL_DATE;
      return parse_date (attrs->date_value, &cell->number);
    case VALUE_TIME:
      cell->type = OPORA_CELL_DATE;
      return parse_duration (attrs->time_value, &cell->number);
    case VALUE_BOOL:
      cell->type = OPORA_CELL_BOOL;
      return parse_bool (attrs->boolean_value, &cell->number);
    case VALUE_STRING:
    case VALUE_NONE:
    default:
      return FALSE;
    }
}

/* The value of a cell from its attributes and its text (s->text). Returns
 * FALSE for an empty cell. A typed value that does not parse falls back to
 * the text the cell shows; a formula error is that text. */
static gboolean
cell_value (SheetRead       *s,
            const CellAttrs *attrs,
            OporaCell       *cell)
{
  const char *text = s->text->len == 0 && attrs->string_value != NULL ? attrs->string_value : s->text->str;
  gboolean formula_error = strcmp (attrs->calc_type, "error") == 0 && *text != '\0';

  cell->text = NULL;
  if (!formula_error && typed_value (attrs, cell))
    return TRUE;
  if (*text == '\0')
    return FALSE;
  cell->type = formula_error ? OPORA_CELL_ERROR : OPORA_CELL_TEXT;
  cell->text = g_string_chunk_insert (s->texts, text);
  return TRUE;
}

static void
add_merge (SheetRead       *s,
           const CellAttrs *attrs)
{
  OporaMerge merge;

  if ((attrs->cols_spanned == 1 && attrs->rows_spanned == 1)
      || s->row >= OPORA_READER_MAX_ROWS || s->col >= OPORA_READER_MAX_COLS)
    return;
  merge.first_row = (guint32) s->row;
  merge.first_col = (guint32) s->col;
  merge.last_row = (guint32) MIN (s->row + attrs->rows_spanned - 1, OPORA_READER_MAX_ROWS - 1);
  merge.last_col = (guint32) MIN (s->col + attrs->cols_spanned - 1, OPORA_READER_MAX_COLS - 1);
  opora_reader_add_merge (s->reader, s->index, &merge);
}

/* Appends a non-empty cell @repeat times, within the limits. */
static gboolean
add_cells (SheetRead        *s,
           const OporaCell  *cell,
           guint64           repeat,
           GError          **error)
{
  if (s->col + repeat > OPORA_READER_MAX_COLS)
    return sheet_fail (s, error, OPORA_ERROR_TOO_LARGE, MAX (s->col, OPORA_READER_MAX_COLS),
                       _("The row is wider than the 16,384 columns a spreadsheet may have. "
                         "Delete the columns past XFD and try again."));
  s->repeated_cells += repeat - 1;
  if (s->repeated_cells > MAX_REPEATED_CELLS)
    return sheet_fail (s, error, OPORA_ERROR_TOO_LARGE, s->col,
                       _("The sheet repeats its cells more often than Opora expands them. "
                         "Open it in LibreOffice, save it as .xlsx and try again."));
  for (guint64 i = 0; i < repeat; i++)
    {
      OporaCell copy = *cell;

      copy.col = (guint32) (s->col + i);
      g_array_append_val (s->cells, copy);
    }
  return TRUE;
}

/* A table:table-cell or table:covered-table-cell. A covered cell takes its
 * column but is hidden under a merge, so its content is not delivered. */
static gboolean
read_cell (SheetRead  *s,
           GError    **error)
{
  g_auto(CellAttrs) attrs = { { 0 } };
  gboolean covered = node_is (s->xml, NS_TABLE, "covered-table-cell");
  OporaCell cell = { 0 };

  read_cell_attrs (s->xml, &attrs);
  g_string_truncate (s->text, 0);
  if (!xmlTextReaderIsEmptyElement (s->xml) && !read_cell_text (s, error))
    return FALSE;
  if (!covered)
    add_merge (s, &attrs);
  if (!covered && cell_value (s, &attrs, &cell) && !add_cells (s, &cell, attrs.cols_repeated, error))
    return FALSE;
  s->col += attrs.cols_repeated;
  return TRUE;
}

static gboolean
tick (SheetRead  *s,
      GError    **error)
{
  return ++s->rows_seen % CANCEL_EVERY != 0
         || !g_cancellable_set_error_if_cancelled (s->cancellable, error);
}

static void
row_start (SheetRead *s)
{
  s->rows_repeated = attr_count (s->xml, NS_TABLE, "number-rows-repeated");
  s->in_row = TRUE;
  s->col = 0;
}

/* Delivers the finished row, @rows_repeated times when it is not empty;
 * an empty row, however often repeated, only moves the row on. */
static gboolean
row_end (SheetRead  *s,
         GError    **error)
{
  guint64 repeat = s->rows_repeated;

  s->in_row = FALSE;
  if (s->cells->len == 0)
    {
      s->row += repeat;
      return TRUE;
    }
  if (s->row + repeat > OPORA_READER_MAX_ROWS)
    {
      s->row = MAX (s->row, OPORA_READER_MAX_ROWS);
      return sheet_fail (s, error, OPORA_ERROR_TOO_LARGE, G_MAXUINT32,
                         _("The sheet is longer than the 1,048,576 rows a spreadsheet may have. "
                           "Delete the rows past the end and try again."));
    }
  s->repeated_cells += (repeat - 1) * s->cells->len;
  if (s->repeated_cells > MAX_REPEATED_CELLS)
    return sheet_fail (s, error, OPORA_ERROR_TOO_LARGE, G_MAXUINT32,
                       _("The sheet repeats its cells more often than Opora expands them. "
                         "Open it in LibreOffice, save it as .xlsx and try again."));
  for (guint64 i = 0; i < repeat; i++, s->row++)
    {
      OporaRow row = { (guint32) s->row, s->cells->len, (const OporaCell *) s->cells->data };

      if ((i > 0 && !tick (s, error)) || !s->func (&row, s->user_data, error))
        return FALSE;
    }
  g_array_set_size (s->cells, 0);
  g_string_chunk_clear (s->texts);
  return TRUE;
}

/* Rows may sit in header-rows, row groups and the like; everything else
 * in a table (columns, shapes, forms, named ranges) is skipped whole. */
static gboolean
is_row_container (xmlTextReaderPtr xml)
{
  return node_is (xml, NS_TABLE, "table-header-rows") || node_is (xml, NS_TABLE, "table-rows")
         || node_is (xml, NS_TABLE, "table-row-group");
}

static gboolean
read_table_element (SheetRead  *s,
                    gboolean   *skip,
                    GError    **error)
{
  xmlTextReaderPtr xml = s->xml;

  if (node_is (xml, NS_TABLE, "table-row"))
    {
      if (!tick (s, error))
        return FALSE;
      row_start (s);
      return !xmlTextReaderIsEmptyElement (xml) || row_end (s, error);
    }
  if (s->in_row && (node_is (xml, NS_TABLE, "table-cell") || node_is (xml, NS_TABLE, "covered-table-cell")))
    return read_cell (s, error);
  *skip = !is_row_container (xml);
  return TRUE;
}

/* Streams the rows of the table:table the reader is on. */
static gboolean
read_table (SheetRead  *s,
            GError    **error)
{
  int depth = xmlTextReaderDepth (s->xml);
  gboolean skip = FALSE;
  int ret;

  if (xmlTextReaderIsEmptyElement (s->xml))
    return TRUE;
  while ((ret = xml_step (s->reader, s->xml, s->content, skip, error)) == 1)
    {
      int type = xmlTextReaderNodeType (s->xml);

      skip = FALSE;
      if (xmlTextReaderDepth (s->xml) <= depth)
        return TRUE;
      if (type == XML_READER_TYPE_ELEMENT && !read_table_element (s, &skip, error))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT && s->in_row && node_is (s->xml, NS_TABLE, "table-row")
          && !row_end (s, error))
        return FALSE;
    }
  if (ret == 0)
    return fail_xml (s->reader, s->content, error);
  return FALSE;
}

/* Moves to the @index-th table:table, skipping the ones before it. */
static gboolean
seek_table (SheetRead  *s,
            GError    **error)
{
  guint n = 0;
  gboolean skip = FALSE;
  int ret;

  while ((ret = xml_step (s->reader, s->xml, s->content, skip, error)) == 1)
    {
      skip = FALSE;
      if (!is_start (s->xml) || !node_is (s->xml, NS_TABLE, "table"))
        continue;
      if (n++ == s->index)
        return TRUE;
      skip = TRUE;
    }
  if (ret == 0)
    return fail (s->reader, error, OPORA_ERROR_FORMAT,
                 _("The sheet is no longer in the file; it has changed since it was opened. "
                   "Open the file again."));
  return FALSE;
}

static gboolean
opora_ods_reader_read_sheet (OporaReader   *reader,
                             guint          index,
                             OporaRowFunc   func,
                             gpointer       user_data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(Content) content = NULL;
  g_autoptr(xmlTextReader) xml = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (OporaCell));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GStringChunk) texts = g_string_chunk_new (4096);
  SheetRead s = { reader, index, NULL, NULL, func, user_data, cancellable };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  content = content_open (reader, error);
  if (content == NULL)
    return FALSE;
  xml = xml_open (content);
  s.xml = xml;
  s.content = content;
  s.cells = cells;
  s.texts = texts;
  s.text = text;
  return seek_table (&s, error) && read_table (&s, error);
}

static const OporaReaderClass ods_reader_class = {
  "ods",
  opora_ods_reader_read_sheet,
  NULL,
};

/**
 * opora_ods_reader_open:
 * @path: an OpenDocument spreadsheet
 *
 * Checks the mimetype and lists the sheets (with the hidden ones marked)
 * in one streaming pass over content.xml. Refuses text documents and
 * presentations, a DOCTYPE, damaged archives and zip bombs.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
OporaReader *
opora_ods_reader_open (const char  *path,
                       GError     **error)
{
  g_autoptr(OporaReader) reader = (OporaReader *) g_new0 (OporaOdsReader, 1);
  g_autoptr(GsfInput) source = NULL;
  g_autoptr(GsfInfile) zip = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  xmlInitParser ();
  opora_reader_init (reader, &ods_reader_class, path);
  zip = open_zip (reader, &source, error);
  if (zip == NULL || !check_mimetype (reader, zip, error) || !list_sheets (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}
