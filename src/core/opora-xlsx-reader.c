/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading XLSX workbooks: the zip with its safety limits, the workbook, styles and shared strings. */

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-error.h"
#include "opora-xlsx-sheet.h"

#define NO_POSITION       G_MAXUINT32
#define NO_STRING         G_MAXSIZE
#define MIB               (G_GUINT64_CONSTANT (1) << 20)
#define MAX_DIRECTORY     (64u << 20)
#define EOCD_SIGNATURE    0x06054b50u
#define LOCATOR_SIGNATURE 0x07064b50u
#define EOCD64_SIGNATURE  0x06064b50u
#define ENTRY_SIGNATURE   0x02014b50u
#define HEADER_SIGNATURE  0x04034b50u
#define PIPE_BLOCKS       4
#define PIPE_BLOCK_BYTES  (1u << 20)

typedef struct {
  char    *name;        /* as stored in the archive */
  guint64  compressed;
  guint64  size;        /* inflated, as the central directory claims */
  guint64  header;      /* where the local header starts */
  guint    method;      /* 0 stored, 8 deflated */
  guint32  dostime;     /* MS-DOS date (high half) and time */
} ZipEntry;

typedef struct {
  OporaReader  parent;

  GsfInput    *file;          /* for our own reads of the directory and headers */
  GsfInfile   *zip;           /* libgsf's view, on an input of its own */
  GHashTable  *entries;       /* lower-case name → ZipEntry */
  GPtrArray   *sheet_parts;   /* per sheet: the part's name */
  GByteArray  *arena;         /* the shared strings, NUL-terminated one after another */
  GArray      *offsets;       /* per shared string: its offset in @arena, or NO_STRING */
  const char **strings;       /* per shared string: in @arena, or NULL when too long */
  GByteArray  *date_styles;   /* per cell style: 1 when it shows a date */
  gboolean     date1904;
  gsize        chunk_size;
} OporaXlsxReader;

/* One part of the archive being inflated, with the limits checked as bytes arrive. */
typedef struct {
  OporaXlsxReader *self;
  GsfInput        *input;
  const ZipEntry  *entry;
  guint64          done;
  char             tail[2];   /* the last bytes seen, for a declaration cut between chunks */
  GError          *error;     /* what stopped libxml2's reads */
} Part;

typedef struct {
  Part             part;
  xmlTextReaderPtr xml;
} XmlPart;

/* A block of inflated sheet XML passed from the inflating thread to the tokenizer. */
typedef struct {
  gsize    length;
  gboolean last;
  GError  *error;
  char    *data;
} Block;

/* Inflating in a second thread while the tokenizer works overlaps zlib's
 * third of the time with the rest. @free and @full hold the PIPE_BLOCKS blocks. */
typedef struct {
  Part        *part;
  gsize        block_size;
  Block        blocks[PIPE_BLOCKS];
  GAsyncQueue *free;
  GAsyncQueue *full;
  GThread     *thread;
  gint         stop;
  Block       *current;
  gsize        current_pos;
  gboolean     done;
} Pipe;

typedef struct {
  GHashTable *targets;       /* relationship id → part name */
  char       *document;      /* the workbook */
  char       *strings;       /* sharedStrings.xml */
  char       *styles;        /* styles.xml */
} Relations;

static void
zip_entry_free (ZipEntry *entry)
{
  g_free (entry->name);
  g_free (entry);
}

static void
part_clear (Part *part)
{
  g_clear_object (&part->input);
  g_clear_error (&part->error);
}

static void
xml_part_clear (XmlPart *xml)
{
  g_clear_pointer (&xml->xml, xmlFreeTextReader);
  part_clear (&xml->part);
}

static void
relations_clear (Relations *relations)
{
  g_clear_pointer (&relations->targets, g_hash_table_unref);
  g_clear_pointer (&relations->document, g_free);
  g_clear_pointer (&relations->strings, g_free);
  g_clear_pointer (&relations->styles, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Part, part_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XmlPart, xml_part_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Relations, relations_clear)

static void
xlsx_reader_free (OporaXlsxReader *self)
{
  opora_reader_free ((OporaReader *) self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaXlsxReader, xlsx_reader_free)

static gboolean
fail (OporaXlsxReader  *self,
      GError          **error,
      int               code,
      const char       *message)
{
  return opora_reader_set_error_at (&self->parent, error, code, NO_POSITION, NO_POSITION, message);
}

static gboolean
fail_damaged (OporaXlsxReader  *self,
              GError          **error)
{
  return fail (self, error, OPORA_ERROR_FORMAT,
               _("The workbook is damaged. Open it in Excel or LibreOffice, save it again and try once more."));
}

static gboolean
fail_bomb (OporaXlsxReader  *self,
           GError          **error)
{
  return fail (self, error, OPORA_ERROR_TOO_LARGE,
               _("The workbook unpacks to more data than Opora accepts (it may be a “zip bomb”). "
                 "Open it in Excel or LibreOffice and save it as a smaller file."));
}

/* ---- The zip's central directory, read by us for the sizes libgsf does not expose ---- */

static guint64
le (const guchar *p,
    guint         bytes)
{
  guint64 value = 0;

  for (guint i = bytes; i > 0; i--)
    value = value << 8 | p[i - 1];
  return value;
}

static gboolean
read_at (GsfInput *input,
         guint64   offset,
         gsize     length,
         guchar   *buffer)
{
  if (offset > (guint64) gsf_input_size (input) || length > (guint64) gsf_input_size (input) - offset)
    return FALSE;
  return gsf_input_seek (input, (gsf_off_t) offset, G_SEEK_SET) == FALSE &&
         gsf_input_read (input, length, buffer) != NULL;
}

/* Finds the end-of-directory record and from it (or its Zip64 twin) the directory. */
static gboolean
find_directory (GsfInput *input,
                guint64  *offset,
                guint64  *length)
{
  guint64 size = (guint64) gsf_input_size (input);
  gsize tail = (gsize) MIN (size, 22 + 65535);
  g_autofree guchar *buffer = g_malloc (MAX (tail, 56));
  gssize at;

  if (tail < 22 || !read_at (input, size - tail, tail, buffer))
    return FALSE;
  for (at = (gssize) tail - 22; at >= 0 && le (buffer + at, 4) != EOCD_SIGNATURE; at--)
    ;
  if (at < 0)
    return FALSE;
  *length = le (buffer + at + 12, 4);
  *offset = le (buffer + at + 16, 4);
  if (*offset != 0xFFFFFFFFu || at < 20 || le (buffer + at - 20, 4) != LOCATOR_SIGNATURE)
    return TRUE;
  if (!read_at (input, le (buffer + at - 12, 8), 56, buffer) || le (buffer, 4) != EOCD64_SIGNATURE)
    return FALSE;
  *length = le (buffer + 40, 8);
  *offset = le (buffer + 48, 8);
  return TRUE;
}

/* Zip64 keeps sizes that do not fit 32 bits in extra field 0x0001, in this order. */
static void
read_zip64_sizes (const guchar *extra,
                  gsize         length,
                  ZipEntry     *entry)
{
  for (gsize at = 0; at + 4 <= length; at += 4 + le (extra + at + 2, 2))
    {
      const guchar *field = extra + at + 4;
      gsize size = MIN (le (extra + at + 2, 2), length - at - 4), used = 0;

      if (le (extra + at, 2) != 0x0001)
        continue;
      if (entry->size == 0xFFFFFFFFu && used + 8 <= size)
        {
          entry->size = le (field + used, 8);
          used += 8;
        }
      if (entry->compressed == 0xFFFFFFFFu && used + 8 <= size)
        {
          entry->compressed = le (field + used, 8);
          used += 8;
        }
      if (entry->header == 0xFFFFFFFFu && used + 8 <= size)
        entry->header = le (field + used, 8);
      return;
    }
}

static gboolean
add_entries (OporaXlsxReader  *self,
             const guchar     *directory,
             gsize             length,
             GError          **error)
{
  guint64 total = 0;

  for (gsize at = 0; at + 46 <= length && le (directory + at, 4) == ENTRY_SIGNATURE;)
    {
      gsize name_length = le (directory + at + 28, 2), extra_length = le (directory + at + 30, 2);
      gsize record = 46 + name_length + extra_length + le (directory + at + 32, 2);
      ZipEntry *entry;

      if (at + record > length)
        return fail_damaged (self, error);
      entry = g_new0 (ZipEntry, 1);
      entry->name = g_strndup ((const char *) directory + at + 46, name_length);
      entry->compressed = le (directory + at + 20, 4);
      entry->size = le (directory + at + 24, 4);
      entry->header = le (directory + at + 42, 4);
      entry->method = (guint) le (directory + at + 10, 2);
      entry->dostime = (guint32) le (directory + at + 12, 4);
      read_zip64_sizes (directory + at + 46 + name_length, extra_length, entry);
      total += MIN (entry->size, OPORA_READER_MAX_TOTAL_BYTES + 1);
      g_hash_table_replace (self->entries, g_utf8_strdown (entry->name, -1), entry);
      at += record;
    }
  if (total > OPORA_READER_MAX_TOTAL_BYTES)
    return fail_bomb (self, error);
  return TRUE;
}

static gboolean
read_directory (OporaXlsxReader  *self,
                GError          **error)
{
  guint64 offset = 0, length = 0;
  g_autofree guchar *directory = NULL;

  if (!find_directory (self->file, &offset, &length) || length > MAX_DIRECTORY)
    return fail_damaged (self, error);
  directory = g_malloc (MAX (length, 1));
  if (!read_at (self->file, offset, (gsize) length, directory))
    return fail_damaged (self, error);
  return add_entries (self, directory, (gsize) length, error);
}

/* ---- Parts, inflated by libgsf and watched here ---- */

static gboolean
check_size (Part    *part,
            guint64  size,
            GError **error)
{
  guint64 compressed = MAX (part->entry->compressed, 1);

  if (size > OPORA_READER_MAX_ENTRY_BYTES || (size > MIB && size / compressed >= OPORA_READER_MAX_RATIO))
    return fail_bomb (part->self, error);
  return TRUE;
}

/* libgsf complains on stderr about a bad local header, an unknown
 * compression or a bad time, so those are caught here first. */
static gboolean
check_header (OporaXlsxReader *self,
              const ZipEntry  *entry)
{
  guchar header[30];

  return (entry->method == 0 || entry->method == 8) && opora_zip_dostime_valid (entry->dostime) &&
         read_at (self->file, entry->header, sizeof header, header) &&
         le (header, 4) == HEADER_SIGNATURE && le (header + 8, 2) == entry->method;
}

/* Opens @name (in any case); when the archive has no such part, returns
 * %TRUE and leaves @part's input %NULL. */
static gboolean
part_open (OporaXlsxReader  *self,
           const char       *name,
           Part             *part,
           GError          **error)
{
  g_autofree char *key = g_utf8_strdown (name, -1);
  g_auto(GStrv) path = NULL;

  part->self = self;
  part->entry = g_hash_table_lookup (self->entries, key);
  if (part->entry == NULL)
    return TRUE;
  if (!check_header (self, part->entry))
    return fail_damaged (self, error);
  path = g_strsplit (part->entry->name, "/", -1);
  part->input = gsf_infile_child_by_aname (self->zip, (const char **) path);
  if (part->input == NULL)
    return fail_damaged (self, error);
  return check_size (part, MAX (part->entry->size, (guint64) gsf_input_size (part->input)), error);
}

/* A DOCTYPE (and with it any entity declaration) is refused before libxml2 sees it. */
static gboolean
has_declaration (Part       *part,
                 const char *buffer,
                 gsize       length)
{
  char window[4] = { part->tail[0], part->tail[1], length > 0 ? buffer[0] : 0, length > 1 ? buffer[1] : 0 };
  gboolean found = FALSE;

  for (guint i = 0; i + 2 < G_N_ELEMENTS (window); i++)
    found |= window[i] == '<' && window[i + 1] == '!' && (window[i + 2] == 'D' || window[i + 2] == 'E');
  for (const char *p = buffer; !found && (p = memchr (p, '<', length - (gsize) (p - buffer))) != NULL; p++)
    found = (gsize) (p - buffer) + 2 < length && p[1] == '!' && (p[2] == 'D' || p[2] == 'E');
  part->tail[0] = length >= 2 ? buffer[length - 2] : part->tail[1];
  part->tail[1] = length >= 1 ? buffer[length - 1] : part->tail[1];
  return found;
}

static gssize
part_read (gpointer   source,
           char      *buffer,
           gsize      size,
           GError   **error)
{
  Part *part = source;
  gsize n = (gsize) MIN ((gsf_off_t) size, gsf_input_remaining (part->input));

  if (n == 0)
    return 0;
  if (gsf_input_read (part->input, n, (guint8 *) buffer) == NULL)
    {
      fail_damaged (part->self, error);
      return -1;
    }
  part->done += n;
  return check_size (part, part->done, error) ? (gssize) n : -1;
}

static gpointer
pipe_produce (gpointer data)
{
  Pipe *pipe = data;
  Block *block;

  do
    {
      gssize n;

      block = g_async_queue_pop (pipe->free);
      if (g_atomic_int_get (&pipe->stop))
        break;
      n = part_read (pipe->part, block->data, pipe->block_size, &block->error);
      block->length = n > 0 ? (gsize) n : 0;
      block->last = n <= 0;
      g_async_queue_push (pipe->full, block);
    }
  while (!block->last);
  return NULL;
}

static void
pipe_start (Pipe  *pipe,
            Part  *part,
            gsize  block_size)
{
  pipe->part = part;
  pipe->block_size = block_size;
  pipe->free = g_async_queue_new ();
  pipe->full = g_async_queue_new ();
  for (guint i = 0; i < PIPE_BLOCKS; i++)
    {
      pipe->blocks[i].data = g_malloc (block_size);
      g_async_queue_push (pipe->free, &pipe->blocks[i]);
    }
  pipe->thread = g_thread_new ("opora-xlsx-inflate", pipe_produce, pipe);
}

/* Stops the inflating thread, wherever it is, and frees the blocks. */
static void
pipe_clear (Pipe *pipe)
{
  Block *block;

  if (pipe->thread == NULL)
    return;
  g_atomic_int_set (&pipe->stop, 1);
  while ((block = g_async_queue_try_pop (pipe->full)) != NULL)
    g_async_queue_push (pipe->free, block);
  g_async_queue_push (pipe->free, pipe->current != NULL ? pipe->current : &pipe->blocks[0]);
  g_thread_join (g_steal_pointer (&pipe->thread));
  for (guint i = 0; i < PIPE_BLOCKS; i++)
    {
      g_clear_error (&pipe->blocks[i].error);
      g_free (pipe->blocks[i].data);
    }
  g_async_queue_unref (pipe->free);
  g_async_queue_unref (pipe->full);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pipe, pipe_clear)

static gssize
pipe_read (gpointer   source,
           char      *buffer,
           gsize      size,
           GError   **error)
{
  Pipe *pipe = source;
  gsize n;

  while (!pipe->done && (pipe->current == NULL || pipe->current_pos == pipe->current->length))
    {
      if (pipe->current != NULL)
        g_async_queue_push (pipe->free, g_steal_pointer (&pipe->current));
      pipe->current = g_async_queue_pop (pipe->full);
      pipe->current_pos = 0;
      pipe->done = pipe->current->last;
      if (pipe->current->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&pipe->current->error));
          return -1;
        }
    }
  if (pipe->done && pipe->current_pos == pipe->current->length)
    return 0;
  n = MIN (size, pipe->current->length - pipe->current_pos);
  memcpy (buffer, pipe->current->data + pipe->current_pos, n);
  pipe->current_pos += n;
  return (gssize) n;
}

static int
xml_read_cb (void *context,
             char *buffer,
             int   length)
{
  Part *part = context;
  gssize n;

  if (part->error != NULL)
    return -1;
  n = part_read (part, buffer, (gsize) length, &part->error);
  if (n > 0 && has_declaration (part, buffer, (gsize) n))
    {
      fail (part->self, &part->error, OPORA_ERROR_FORMAT,
            _("The workbook declares a document type or entities, which Opora refuses for safety. "
              "Open it in Excel or LibreOffice, save it again and try once more."));
      return -1;
    }
  return (int) n;
}

static void
xml_silent_cb (void        *user_data,
               xmlErrorPtr  error)
{
}

/* Opens a small XML part for libxml2's streaming reader: no network, no
 * DTD. A missing part leaves @xml's reader %NULL. */
static gboolean
xml_part_open (OporaXlsxReader  *self,
               const char       *name,
               XmlPart          *xml,
               GError          **error)
{
  if (!part_open (self, name, &xml->part, error))
    return FALSE;
  if (xml->part.input == NULL)
    return TRUE;
  xml->xml = xmlReaderForIO (xml_read_cb, NULL, &xml->part, name, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml->xml == NULL)
    return xml->part.error != NULL ? (g_propagate_error (error, g_steal_pointer (&xml->part.error)), FALSE)
                                   : fail_damaged (self, error);
  xmlTextReaderSetStructuredErrorHandler (xml->xml, xml_silent_cb, NULL);
  return TRUE;
}

/* Returns 1 at the next node, 0 at the end, -1 with @error set. */
static int
xml_next (XmlPart  *xml,
          GError  **error)
{
  int status = xmlTextReaderRead (xml->xml);

  if (status == 1 && xmlTextReaderNodeType (xml->xml) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      fail (xml->part.self, error, OPORA_ERROR_FORMAT,
            _("The workbook declares a document type or entities, which Opora refuses for safety. "
              "Open it in Excel or LibreOffice, save it again and try once more."));
      return -1;
    }
  if (status >= 0)
    return status;
  if (xml->part.error != NULL)
    g_propagate_error (error, g_steal_pointer (&xml->part.error));
  else
    fail_damaged (xml->part.self, error);
  return -1;
}

static gboolean
is_element (XmlPart    *xml,
            const char *name)
{
  return xmlTextReaderNodeType (xml->xml) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml->xml), name) == 0;
}

static gboolean
is_end (XmlPart    *xml,
        const char *name)
{
  return xmlTextReaderNodeType (xml->xml) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml->xml), name) == 0;
}

/* The attribute @name without a namespace, or with any prefix when @prefixed. */
static char *
dup_attr (XmlPart    *xml,
          const char *name,
          gboolean    prefixed)
{
  char *value = NULL;

  for (int more = xmlTextReaderMoveToFirstAttribute (xml->xml); more == 1 && value == NULL;
       more = xmlTextReaderMoveToNextAttribute (xml->xml))
    if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml->xml), name) == 0 &&
        (xmlTextReaderConstPrefix (xml->xml) != NULL) == prefixed)
      value = g_strdup ((const char *) xmlTextReaderConstValue (xml->xml));
  xmlTextReaderMoveToElement (xml->xml);
  return value;
}

/* ---- Relationships: where the workbook, its sheets, styles and strings are ---- */

static gboolean
has_suffix (const char *type,
            const char *suffix)
{
  return type != NULL && g_str_has_suffix (type, suffix);
}

/* "worksheets/sheet1.xml" from "xl/" → "xl/worksheets/sheet1.xml"; "/xl/a.xml" → "xl/a.xml". */
static char *
resolve_target (const char *base,
                const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target + 1) : g_strconcat (base, target, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], "..") && kept->len > 0)
        g_ptr_array_remove_index (kept, kept->len - 1);
      else if (!g_str_equal (parts[i], ".") && !g_str_equal (parts[i], "..") && parts[i][0] != '\0')
        g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static void
add_relation (Relations  *relations,
              XmlPart    *xml,
              const char *base)
{
  g_autofree char *id = dup_attr (xml, "Id", FALSE);
  g_autofree char *type = dup_attr (xml, "Type", FALSE);
  g_autofree char *target = dup_attr (xml, "Target", FALSE);
  g_autofree char *mode = dup_attr (xml, "TargetMode", FALSE);
  char *path;

  if (id == NULL || target == NULL || g_strcmp0 (mode, "External") == 0)
    return;
  path = resolve_target (base, target);
  if (has_suffix (type, "/officeDocument") && relations->document == NULL)
    relations->document = g_strdup (path);
  else if (has_suffix (type, "/sharedStrings") && relations->strings == NULL)
    relations->strings = g_strdup (path);
  else if (has_suffix (type, "/styles") && relations->styles == NULL)
    relations->styles = g_strdup (path);
  g_hash_table_replace (relations->targets, g_steal_pointer (&id), path);
}

/* Reads a .rels part; a missing one leaves @relations empty. */
static gboolean
read_relations (OporaXlsxReader  *self,
                const char       *name,
                const char       *base,
                Relations        *relations,
                GError          **error)
{
  g_auto(XmlPart) xml = { { NULL } };
  int status;

  relations->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!xml_part_open (self, name, &xml, error))
    return FALSE;
  if (xml.xml == NULL)
    return TRUE;
  while ((status = xml_next (&xml, error)) == 1)
    if (is_element (&xml, "Relationship"))
      add_relation (relations, &xml, base);
  return status == 0;
}

/* ---- The workbook: sheets in order, hidden ones, the date system ---- */

static void
add_sheet (OporaXlsxReader *self,
           XmlPart         *xml,
           Relations       *relations,
           const char      *base)
{
  g_autofree char *name = dup_attr (xml, "name", FALSE);
  g_autofree char *state = dup_attr (xml, "state", FALSE);
  g_autofree char *id = dup_attr (xml, "id", TRUE);
  const char *target = id != NULL ? g_hash_table_lookup (relations->targets, id) : NULL;
  guint n = self->parent.sheets->len + 1;

  if (name == NULL)
    name = g_strdup_printf ("%u", n);
  opora_reader_add_sheet (&self->parent, name, g_strcmp0 (state, "hidden") == 0 || g_strcmp0 (state, "veryHidden") == 0);
  g_ptr_array_add (self->sheet_parts, target != NULL ? g_strdup (target)
                                                     : g_strdup_printf ("%sworksheets/sheet%u.xml", base, n));
}

static gboolean
read_workbook (OporaXlsxReader  *self,
               const char       *name,
               Relations        *relations,
               const char       *base,
               GError          **error)
{
  g_auto(XmlPart) xml = { { NULL } };
  int status;

  if (!xml_part_open (self, name, &xml, error))
    return FALSE;
  if (xml.xml == NULL)
    return fail_damaged (self, error);
  while ((status = xml_next (&xml, error)) == 1)
    {
      if (is_element (&xml, "sheet"))
        add_sheet (self, &xml, relations, base);
      else if (is_element (&xml, "workbookPr"))
        {
          g_autofree char *date1904 = dup_attr (&xml, "date1904", FALSE);
          self->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
    }
  return status == 0;
}

/* ---- Styles: which cell styles show dates ---- */

/**
 * opora_xlsx_format_is_date:
 * @code: a number format code
 *
 * "dd.mm.yyyy" → %TRUE, "[h]:mm" → %TRUE, "0.00\" d\"" → %FALSE,
 * "[Red]0.0" → %FALSE: a date or time code outside quotes and brackets.
 *
 * Returns: whether numbers in this format are dates or times
 */
gboolean
opora_xlsx_format_is_date (const char *code)
{
  for (const char *p = code; p != NULL && *p != '\0'; p++)
    {
      if (*p == '"' || *p == '[')
        p = strchr (p + 1, *p == '"' ? '"' : ']');
      else if ((*p == '\\' || *p == '_' || *p == '*') && p[1] != '\0')
        p++;
      else if (strchr ("dmyhsDMYHS", *p) != NULL)
        return TRUE;
      if (p == NULL)
        break;
    }
  return FALSE;
}

static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static guint
attr_uint (XmlPart    *xml,
           const char *name)
{
  g_autofree char *value = dup_attr (xml, name, FALSE);
  guint64 n = 0;

  return value != NULL && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL) ? (guint) n : 0;
}

static void
track (XmlPart    *xml,
       const char *name,
       gboolean   *inside)
{
  if (is_element (xml, name) && !xmlTextReaderIsEmptyElement (xml->xml))
    *inside = TRUE;
  else if (is_end (xml, name))
    *inside = FALSE;
}

static gboolean
read_styles (OporaXlsxReader  *self,
             const char       *name,
             GError          **error)
{
  g_auto(XmlPart) xml = { { NULL } };
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  gboolean in_formats = FALSE, in_xfs = FALSE;
  int status;

  if (!xml_part_open (self, name, &xml, error))
    return FALSE;
  if (xml.xml == NULL)
    return TRUE;
  while ((status = xml_next (&xml, error)) == 1)
    {
      track (&xml, "numFmts", &in_formats);
      track (&xml, "cellXfs", &in_xfs);
      if (in_formats && is_element (&xml, "numFmt"))
        {
          g_autofree char *code = dup_attr (&xml, "formatCode", FALSE);
          g_hash_table_insert (custom, GUINT_TO_POINTER (attr_uint (&xml, "numFmtId")),
                               GINT_TO_POINTER (opora_xlsx_format_is_date (code) ? 2 : 1));
        }
      else if (in_xfs && is_element (&xml, "xf"))
        {
          guint id = attr_uint (&xml, "numFmtId");
          int found = GPOINTER_TO_INT (g_hash_table_lookup (custom, GUINT_TO_POINTER (id)));
          guint8 date = found != 0 ? found == 2 : builtin_is_date (id);
          g_byte_array_append (self->date_styles, &date, 1);
        }
    }
  return status == 0;
}

/* ---- Shared strings ---- */

static void
finish_string (OporaXlsxReader *self,
               gsize            start,
               gboolean         too_long)
{
  gsize offset = NO_STRING;

  if (!too_long)
    {
      gsize length = self->arena->len - start;
      g_byte_array_append (self->arena, (const guint8 *) "", 1);
      length = opora_xlsx_unescape ((char *) self->arena->data + start, length);
      g_byte_array_set_size (self->arena, start + length + 1);
      offset = start;
    }
  else
    g_byte_array_set_size (self->arena, start);
  g_array_append_val (self->offsets, offset);
}

static void
append_string_text (OporaXlsxReader *self,
                    XmlPart         *xml,
                    gsize            start,
                    gboolean        *too_long)
{
  const char *text = (const char *) xmlTextReaderConstValue (xml->xml);
  gsize length = text != NULL ? strlen (text) : 0;

  if (*too_long || self->arena->len - start + length > OPORA_READER_MAX_CELL_BYTES)
    *too_long = TRUE;
  else
    g_byte_array_append (self->arena, (const guint8 *) text, (guint) length);
}

static gboolean
is_text_node (XmlPart *xml)
{
  int type = xmlTextReaderNodeType (xml->xml);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Every <si> is one string: its <t>, or its rich-text runs' <t> joined;
 * phonetic runs (<rPh>) are left out, as Excel shows them. */
static gboolean
read_strings (OporaXlsxReader  *self,
              const char       *name,
              GError          **error)
{
  g_auto(XmlPart) xml = { { NULL } };
  gboolean in_si = FALSE, in_rph = FALSE, in_t = FALSE, too_long = FALSE;
  gsize start = 0;
  int status;

  if (!xml_part_open (self, name, &xml, error))
    return FALSE;
  if (xml.xml == NULL)
    return TRUE;
  while ((status = xml_next (&xml, error)) == 1)
    {
      if (is_element (&xml, "si"))
        {
          in_si = !xmlTextReaderIsEmptyElement (xml.xml);
          start = self->arena->len;
          too_long = FALSE;
          if (!in_si)
            finish_string (self, start, FALSE);
        }
      else if (in_si && is_end (&xml, "si"))
        {
          finish_string (self, start, too_long);
          in_si = FALSE;
        }
      track (&xml, "rPh", &in_rph);
      track (&xml, "t", &in_t);
      if (in_si && in_t && !in_rph && is_text_node (&xml))
        append_string_text (self, &xml, start, &too_long);
    }
  return status == 0;
}

static void
point_strings (OporaXlsxReader *self)
{
  self->strings = g_new0 (const char *, MAX (self->offsets->len, 1));
  for (guint i = 0; i < self->offsets->len; i++)
    {
      gsize offset = g_array_index (self->offsets, gsize, i);
      self->strings[i] = offset != NO_STRING ? (const char *) self->arena->data + offset : NULL;
    }
}

/* ---- The reader ---- */

static gboolean
xlsx_read_sheet (OporaReader   *reader,
                 guint          index,
                 OporaRowFunc   func,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  OporaXlsxReader *self = (OporaXlsxReader *) reader;
  g_auto(Part) part = { NULL };
  g_auto(Pipe) pipe = { NULL };
  OporaXlsxSheetContext context = {
    reader, index, self->strings, self->offsets->len, self->date_styles->data, self->date_styles->len,
    self->date1904, self->chunk_size,
  };

  if (!part_open (self, self->sheet_parts->pdata[index], &part, error))
    return FALSE;
  if (part.input == NULL)
    return fail (self, error, OPORA_ERROR_FORMAT,
                 _("A sheet listed in the workbook is missing from the file. Open it in Excel or "
                   "LibreOffice, save it again and try once more."));
  /* A small sheet gets small blocks: no megabytes to allocate for a few rows. */
  if (context.chunk_size == 0)
    context.chunk_size = (gsize) CLAMP ((guint64) gsf_input_size (part.input) + 1, 4096, PIPE_BLOCK_BYTES);
  pipe_start (&pipe, &part, context.chunk_size);
  return opora_xlsx_sheet_read (&context, pipe_read, &pipe, func, user_data, cancellable, error);
}

static void
xlsx_finalize (OporaReader *reader)
{
  OporaXlsxReader *self = (OporaXlsxReader *) reader;

  g_clear_object (&self->zip);
  g_clear_object (&self->file);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->sheet_parts, g_ptr_array_unref);
  g_clear_pointer (&self->arena, g_byte_array_unref);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->strings, g_free);
  g_clear_pointer (&self->date_styles, g_byte_array_unref);
}

static const OporaReaderClass xlsx_class = {
  "xlsx",
  xlsx_read_sheet,
  xlsx_finalize,
};

/**
 * opora_xlsx_reader_set_chunk_size:
 * @reader: an XLSX reader
 * @chunk_size: bytes of sheet XML inflated at a time; 0 for the default
 *
 * For tests, which cut tags between reads with tiny chunks.
 */
void
opora_xlsx_reader_set_chunk_size (OporaReader *reader,
                                  gsize        chunk_size)
{
  g_return_if_fail (reader != NULL && reader->klass == &xlsx_class);
  ((OporaXlsxReader *) reader)->chunk_size = chunk_size;
}

static OporaXlsxReader *
xlsx_reader_new (const char *path)
{
  OporaXlsxReader *self = g_new0 (OporaXlsxReader, 1);

  opora_reader_init (&self->parent, &xlsx_class, path);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) zip_entry_free);
  self->sheet_parts = g_ptr_array_new_with_free_func (g_free);
  self->arena = g_byte_array_new ();
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->date_styles = g_byte_array_new ();
  return self;
}

static gboolean
open_archive (OporaXlsxReader  *self,
              const char       *path,
              GError          **error)
{
  g_autoptr(GsfInput) source = NULL;

  self->file = gsf_input_stdio_new (path, NULL);
  source = gsf_input_stdio_new (path, NULL);
  if (self->file == NULL || source == NULL)
    return fail (self, error, OPORA_ERROR_IO,
                 _("The file cannot be read. Check that it exists and you may read it."));
  if (!read_directory (self, error))
    return FALSE;
  self->zip = gsf_infile_zip_new (source, NULL);
  return self->zip != NULL || fail_damaged (self, error);
}

static gboolean
read_workbook_parts (OporaXlsxReader  *self,
                     GError          **error)
{
  g_auto(Relations) root = { NULL };
  g_auto(Relations) book = { NULL };
  g_autofree char *base = NULL;
  g_autofree char *rels = NULL;
  const char *document, *slash;

  if (!read_relations (self, "_rels/.rels", "", &root, error))
    return FALSE;
  document = root.document != NULL ? root.document : "xl/workbook.xml";
  slash = strrchr (document, '/');
  base = g_strndup (document, slash != NULL ? (gsize) (slash - document + 1) : 0);
  rels = g_strdup_printf ("%s_rels/%s.rels", base, slash != NULL ? slash + 1 : document);
  return read_relations (self, rels, base, &book, error) &&
         read_workbook (self, document, &book, base, error) &&
         read_styles (self, book.styles != NULL ? book.styles : "xl/styles.xml", error) &&
         read_strings (self, book.strings != NULL ? book.strings : "xl/sharedStrings.xml", error);
}

/**
 * opora_xlsx_reader_open:
 * @path: an .xlsx file (a zip, as opora_reader_open() found)
 *
 * Lists the sheets and reads the workbook's shared strings and styles. The
 * archive is checked against the OPORA_READER_MAX_* limits first, from its
 * central directory and again while each part is inflated; a DOCTYPE in any
 * part is refused.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
OporaReader *
opora_xlsx_reader_open (const char  *path,
                        GError     **error)
{
  g_autoptr(OporaXlsxReader) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  xmlInitParser ();
  self = xlsx_reader_new (path);
  if (!open_archive (self, path, error) || !read_workbook_parts (self, error))
    return NULL;
  point_strings (self);
  return (OporaReader *) g_steal_pointer (&self);
}
