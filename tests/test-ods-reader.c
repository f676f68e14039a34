/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the ODS reader on hand-written OpenDocument spreadsheets, exact to the cell. */

#include <gsf/gsf.h>
#include <string.h>

#include "opora-error.h"
#include "opora-reader-private.h"
#include "test-util.h"

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

/* The automatic styles give "ta2" table:display="false"; @body goes inside
 * office:spreadsheet. */
#define CONTENT_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content" \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
  " xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\"" \
  " office:version=\"1.3\">\n" \
  " <office:automatic-styles>\n" \
  "  <style:style style:name=\"ta1\" style:family=\"table\">" \
  "<style:table-properties table:display=\"true\"/></style:style>\n" \
  "  <style:style style:name=\"ta2\" style:family=\"table\">" \
  "<style:table-properties table:display=\"false\"/></style:style>\n" \
  "  <style:style style:name=\"co1\" style:family=\"table-column\"/>\n" \
  " </office:automatic-styles>\n" \
  " <office:body>\n  <office:spreadsheet>\n"
#define CONTENT_TAIL "  </office:spreadsheet>\n </office:body>\n</office:document-content>\n"

#define STYLES_XML \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " office:version=\"1.3\"/>\n"

/* A one-sheet table named "Лист1" around @rows. */
#define TABLE(rows) \
  "<table:table table:name=\"Лист1\" table:style-name=\"ta1\">" \
  "<table:table-column table:number-columns-repeated=\"3\"/>" rows "</table:table>"

typedef struct {
  const char *name;
  const char *data;
  gssize      length;  /* -1 for a string */
} Entry;

static void
add_entry (GsfOutfile  *zip,
           const Entry *entry)
{
  g_autoptr(GsfOutput) child = NULL;
  gsize length = entry->length >= 0 ? (gsize) entry->length : strlen (entry->data);

  /* The mimetype is stored, not deflated, as ODF requires. */
  if (strcmp (entry->name, "mimetype") == 0)
    child = gsf_outfile_new_child_full (zip, entry->name, FALSE, "compression-level", GSF_ZIP_STORED, NULL);
  else
    child = gsf_outfile_new_child (zip, entry->name, FALSE);
  g_assert_true (gsf_output_write (child, length, (const guint8 *) entry->data));
  g_assert_true (gsf_output_close (child));
}

static char *
write_zip (const char  *name,
           const Entry *entries,
           guint        n_entries)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(GsfOutput) sink = gsf_output_stdio_new (path, NULL);
  g_autoptr(GsfOutfile) zip = gsf_outfile_zip_new (sink, NULL);

  for (guint i = 0; i < n_entries; i++)
    add_entry (zip, &entries[i]);
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  return g_steal_pointer (&path);
}

static char *
wrap_body (const char *body)
{
  return g_strconcat (CONTENT_HEAD, body, CONTENT_TAIL, NULL);
}

/* An .ods with @document as its content.xml and @mimetype. */
static char *
write_ods_full (const char *name,
                const char *mimetype,
                const char *document,
                gssize      length)
{
  Entry entries[] = {
    { "mimetype", mimetype, -1 },
    { "content.xml", document, length },
    { "styles.xml", STYLES_XML, -1 },
  };

  return write_zip (name, entries, G_N_ELEMENTS (entries));
}

/* An .ods around @body, or with @body as content.xml when it is a whole
 * document. */
static char *
write_ods (const char *name,
           const char *body)
{
  g_autofree char *document = g_str_has_prefix (body, "<?xml") ? g_strdup (body) : wrap_body (body);

  return write_ods_full (name, ODS_MIMETYPE, document, -1);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
}

/* Each cell as "A1 n 1.5", "B2 t text", with \n and \t escaped, one line
 * each: n number, b bool, d date, t text, e error. */
static gboolean
dump_row_cb (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  static const char types[] = { '?', 't', 'n', 'b', 'd', 'e' };
  GString *out = user_data;

  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];
      g_autofree char *col = opora_column_name (cell->col);

      g_string_append_printf (out, "%s%u %c ", col, row->row + 1, types[cell->type]);
      if (cell->text != NULL)
        append_escaped (out, cell->text);
      else
        g_string_append_printf (out, "%.10g", cell->number);
      g_string_append_c (out, '\n');
    }
  return TRUE;
}

static char *
dump_sheet (OporaReader *reader,
            guint        index)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_reader_read_sheet (reader, index, dump_row_cb, out, NULL, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static OporaReader *
open_ods (const char *path)
{
  g_autoptr(GError) error = NULL;
  OporaReader *reader = opora_reader_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "ods");
  return reader;
}

static const struct {
  const char *name;
  const char *body;
  const char *cells;
} value_cases[] = {
  { "numbers",
    TABLE ("<table:table-row>"
           "<table:table-cell office:value-type=\"float\" office:value=\"1.5\"><text:p>1,5</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"><text:p>25 %</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"currency\" office:currency=\"RUB\" office:value=\"-1234.5\"/>"
           "</table:table-row>"
           "<table:table-row>"
           "<table:table-cell table:formula=\"of:=[.A1]*2\" office:value-type=\"float\" office:value=\"3\"><text:p>3</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"float\" office:value=\"1e3\"/>"
           "<table:table-cell office:value-type=\"float\" office:value=\"12abc\"><text:p>12 шт.</text:p></table:table-cell>"
           "</table:table-row>"),
    "A1 n 1.5\nB1 n 0.25\nC1 n -1234.5\nA2 n 3\nB2 n 1000\nC2 t 12 шт.\n" },
  { "dates",
    TABLE ("<table:table-row>"
           "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-09-01\"><text:p>01.09.2024</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-09-01T18:00:00\"/>"
           "<table:table-cell office:value-type=\"date\" office:date-value=\"1899-12-31\"/>"
           "</table:table-row>"
           "<table:table-row>"
           "<table:table-cell office:value-type=\"date\" office:date-value=\"1900-03-01T13:45:00.5\"/>"
           "<table:table-cell office:value-type=\"time\" office:time-value=\"PT12H00M00S\"/>"
           "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-02-30\"><text:p>30.02.2024</text:p></table:table-cell>"
           "</table:table-row>"),
    "A1 d 45536\nB1 d 45536.75\nC1 d 1\nA2 d 61.57292245\nB2 d 0.5\nC2 t 30.02.2024\n" },
  { "booleans-and-errors",
    TABLE ("<table:table-row>"
           "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>ИСТИНА</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"false\"/>"
           "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" office:value=\"0\""
           " calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"
           "</table:table-row>"),
    "A1 b 1\nB1 b 0\nC1 e #DIV/0!\n" },
  { "text",
    TABLE ("<table:table-row>"
           "<table:table-cell office:value-type=\"string\"><text:p><text:s/>два<text:s text:c=\"3\"/>пробела</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"string\"><text:p>первая</text:p><text:p>вторая<text:line-break/>строка</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"string\"><text:p>a<text:tab/><text:span text:style-name=\"T1\">жир<text:span>ный</text:span></text:span>"
           " <text:a xlink:href=\"https://example.org\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">ссылка</text:a></text:p></table:table-cell>"
           "</table:table-row>"
           "<table:table-row>"
           "<table:table-cell office:value-type=\"string\">\n  <text:p>  свёрнутые \n  пробелы  </text:p>\n"
           "  <office:annotation><text:p>комментарий</text:p></office:annotation>\n</table:table-cell>"
           "<table:table-cell><text:p>без типа</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"string\" office:string-value=\"из атрибута\"/>"
           "</table:table-row>"
           "<table:table-row>"
           "<table:table-cell office:value-type=\"string\"><text:p/></table:table-cell>"
           "<table:table-cell office:value-type=\"string\"><text:p>&lt;&amp;&gt; &#1071;</text:p><text:p/></table:table-cell>"
           "<table:table-cell office:value-type=\"string\"><draw:frame><draw:text-box><text:p>рисунок</text:p></draw:text-box></draw:frame><text:p>x</text:p></table:table-cell>"
           "</table:table-row>"),
    "A1 t  два   пробела\nB1 t первая\\nвторая\\nстрока\nC1 t a\\tжирный ссылка\n"
    "A2 t свёрнутые пробелы \nB2 t без типа\nC2 t из атрибута\n"
    "B3 t <&> Я\\n\nC3 t x\n" },
  { "repeats",
    TABLE ("<table:table-row table:number-rows-repeated=\"2\">"
           "<table:table-cell table:number-columns-repeated=\"2\"/>"
           "<table:table-cell office:value-type=\"float\" office:value=\"7\" table:number-columns-repeated=\"3\"/>"
           "<table:table-cell table:number-columns-repeated=\"16379\"/>"
           "</table:table-row>"
           "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
           "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>итог</text:p></table:table-cell></table:table-row>"
           "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"),
    "C1 n 7\nD1 n 7\nE1 n 7\nC2 n 7\nD2 n 7\nE2 n 7\nA6 t итог\n" },
  { "row-groups",
    "<table:table table:name=\"Группы\">"
    "<table:table-header-columns><table:table-column/></table:table-header-columns>"
    "<table:table-header-rows><table:table-row><table:table-cell office:value-type=\"string\"><text:p>Шапка</text:p></table:table-cell></table:table-row></table:table-header-rows>"
    "<table:table-row-group><table:table-rows><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table-rows></table:table-row-group>"
    "<table:shapes><draw:frame><draw:text-box><text:p>фигура</text:p></draw:text-box></draw:frame></table:shapes>"
    "<table:named-expressions/>"
    "</table:table>",
    "A1 t Шапка\nA2 n 1\n" },
};

static void
test_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      g_autofree char *file = g_strconcat (value_cases[i].name, ".ods", NULL);
      g_autofree char *path = write_ods (file, value_cases[i].body);
      g_autoptr(OporaReader) reader = open_ods (path);
      g_autofree char *cells = dump_sheet (reader, 0);

      g_test_message ("%s", value_cases[i].name);
      g_assert_cmpstr (cells, ==, value_cases[i].cells);
    }
}

static void
test_merges (void)
{
  g_autofree char *path = write_ods ("merges.ods",
    TABLE ("<table:table-row>"
           "<table:table-cell table:number-columns-spanned=\"2\" table:number-rows-spanned=\"1\" office:value-type=\"string\">"
           "<text:p>ВПР математика 5 класс</text:p></table:table-cell>"
           "<table:covered-table-cell office:value-type=\"string\"><text:p>скрыто</text:p></table:covered-table-cell>"
           "<table:table-cell table:number-rows-spanned=\"2\" office:value-type=\"string\"><text:p>Итого</text:p></table:table-cell>"
           "</table:table-row>"
           "<table:table-row>"
           "<table:table-cell office:value-type=\"string\"><text:p>доля «2», %</text:p></table:table-cell>"
           "<table:table-cell office:value-type=\"string\"><text:p>доля «5», %</text:p></table:table-cell>"
           "<table:covered-table-cell/>"
           "<table:table-cell office:value-type=\"float\" office:value=\"4\"/>"
           "</table:table-row>"));
  g_autoptr(OporaReader) reader = open_ods (path);
  g_autofree char *cells = dump_sheet (reader, 0);
  GArray *merges = opora_reader_get_merges (reader, 0);
  static const OporaMerge expected[] = { { 0, 0, 0, 1 }, { 0, 2, 1, 2 } };

  g_assert_cmpstr (cells, ==, "A1 t ВПР математика 5 класс\nC1 t Итого\nA2 t доля «2», %\nB2 t доля «5», %\nD2 n 4\n");
  g_assert_cmpuint (merges->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const OporaMerge *merge = &g_array_index (merges, OporaMerge, i);

      g_assert_cmpuint (merge->first_row, ==, expected[i].first_row);
      g_assert_cmpuint (merge->first_col, ==, expected[i].first_col);
      g_assert_cmpuint (merge->last_row, ==, expected[i].last_row);
      g_assert_cmpuint (merge->last_col, ==, expected[i].last_col);
    }
}

static void
test_sheets (void)
{
  g_autofree char *path = write_ods ("sheets.ods",
    "<table:table table:name=\"2023\" table:style-name=\"ta1\"><table:table-row>"
    "<table:table-cell office:value-type=\"float\" office:value=\"2023\"/></table:table-row></table:table>"
    "<table:table table:name=\"Служебный\" table:style-name=\"ta2\"><table:table-row>"
    "<table:table-cell office:value-type=\"string\"><text:p>скрытый</text:p></table:table-cell></table:table-row></table:table>"
    "<table:table table:name=\"Пустой\" table:style-name=\"ta1\"><table:table-column/>"
    "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell/></table:table-row></table:table>"
    "<table:table table:name=\"2024\"><table:table-row><table:table-cell/>"
    "<table:table-cell office:value-type=\"float\" office:value=\"2024\"/></table:table-row></table:table>"
    "<table:table/>");
  g_autoptr(OporaReader) reader = open_ods (path);
  static const struct { const char *name; gboolean hidden; const char *cells; } sheets[] = {
    { "2023", FALSE, "A1 n 2023\n" },
    { "Служебный", TRUE, "A1 t скрытый\n" },
    { "Пустой", FALSE, "" },
    { "2024", FALSE, "B1 n 2024\n" },
    { "Sheet 5", FALSE, "" },
  };

  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, G_N_ELEMENTS (sheets));
  /* Sheets read in any order, and again. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = G_N_ELEMENTS (sheets); i-- > 0;)
      {
        const OporaSheetInfo *info = opora_reader_get_sheet (reader, i);
        g_autofree char *cells = dump_sheet (reader, i);

        g_assert_cmpstr (info->name, ==, sheets[i].name);
        g_assert_cmpint (info->hidden, ==, sheets[i].hidden);
        g_assert_cmpstr (cells, ==, sheets[i].cells);
      }
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, &error);

  g_test_message ("%s", path);
  g_assert_null (reader);
  g_assert_error (error, OPORA_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, error->message);
}

static void
assert_read_fails (const char *path,
                   int         code,
                   const char *message)
{
  g_autoptr(OporaReader) reader = open_ods (path);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (opora_reader_read_sheet (reader, 0, dump_row_cb, out, NULL, &error));
  g_assert_error (error, OPORA_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* The billion laughs: refused at the DOCTYPE, before any entity exists. */
#define LAUGHS \
  "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">" \
  "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" \
  "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" \
  "<!ENTITY xxe SYSTEM \"http://example.org/secret\">]>\n" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">&lol3;&xxe;</office:document-content>\n"

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 bytes[] = { value & 0xFF, (value >> 8) & 0xFF };

  g_byte_array_append (out, bytes, sizeof bytes);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  put16 (out, value & 0xFFFF);
  put16 (out, value >> 16);
}

/* Deflates @data as zlib's best level does; libgsf's writer flushes in
 * small blocks and never gets past about 840 : 1. The gzip trailer gives
 * the CRC-32 a zip entry needs. */
static GBytes *
deflate_best (const char *data,
              gsize       length,
              guint32    *crc)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  gsize size = length + 1024;
  g_autofree guint8 *gzip = g_malloc (size);
  gsize read = 0;
  gsize written = 0;

  /* One call with all the input, so zlib never flushes a block early. */
  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), data, length, gzip, size,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  g_assert_cmpuint (read, ==, length);
  *crc = gzip[written - 8] | (gzip[written - 7] << 8) | (gzip[written - 6] << 16) | ((guint32) gzip[written - 5] << 24);
  return g_bytes_new (gzip + 10, written - 18);
}

/* A zip of deflated entries, written byte by byte. */
static char *
write_best_zip (const char  *name,
                const Entry *entries,
                guint        n_entries)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) dir = g_byte_array_new ();

  for (guint i = 0; i < n_entries; i++)
    {
      gsize length = entries[i].length >= 0 ? (gsize) entries[i].length : strlen (entries[i].data);
      guint32 crc = 0;
      g_autoptr(GBytes) packed = deflate_best (entries[i].data, length, &crc);
      guint16 name_length = strlen (entries[i].name);

      g_byte_array_append (dir, (const guint8 *) "PK\1\2\24\0", 6);
      put32 (out, 0x04034b50);
      for (GByteArray *header = out; header != NULL; header = header == out ? dir : NULL)
        {
          put16 (header, 20);
          put16 (header, 0);
          put16 (header, 8);
          put32 (header, 0);
          put32 (header, crc);
          put32 (header, g_bytes_get_size (packed));
          put32 (header, length);
          put16 (header, name_length);
          put16 (header, 0);
          if (header == dir)
            {
              put16 (dir, 0);
              put16 (dir, 0);
              put16 (dir, 0);
              put32 (dir, 0);
              put32 (dir, out->len - 30 - name_length - g_bytes_get_size (packed));
            }
          g_byte_array_append (header, (const guint8 *) entries[i].name, name_length);
          if (header == out)
            g_byte_array_append (out, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
        }
    }
  {
    guint32 dir_offset = out->len;

    g_byte_array_append (out, dir->data, dir->len);
    put32 (out, 0x06054b50);
    put32 (out, 0);
    put16 (out, n_entries);
    put16 (out, n_entries);
    put32 (out, dir->len);
    put32 (out, dir_offset);
    put16 (out, 0);
  }
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  return g_steal_pointer (&path);
}

/* White space deflates about 1 030 : 1 at best, and zlib's code for the
 * document's own markup costs ratio, so the bomb is 8 MiB of spaces and a
 * bare root element: about 1 015 : 1, past the 1 000 : 1 limit. */
static char *
write_bomb (const char *name)
{
  static const char root[] = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>";
  g_autoptr(GString) content = g_string_new (NULL);
  Entry entries[] = {
    { "mimetype", ODS_MIMETYPE, -1 },
    { "content.xml", NULL, -1 },
  };

  g_string_set_size (content, 8u << 20);
  memset (content->str, ' ', content->len);
  g_string_append (content, root);
  entries[1].data = content->str;
  entries[1].length = content->len;
  return write_best_zip (name, entries, G_N_ELEMENTS (entries));
}

/* A valid .ods whose deflated content.xml is overwritten with zeros in
 * the middle, so inflating it fails while the archive's directory holds. */
static char *
write_corrupt (const char *name)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  const char *entry;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (body, "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"%u\"/></table:table-row>", i * 7919);
  {
    g_autofree char *table = g_strconcat ("<table:table table:name=\"A\">", body->str, "</table:table>", NULL);
    path = write_ods (name, table);
  }
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* The local header's name; the deflated bytes follow it. */
  for (entry = data; entry + 11 <= data + length && memcmp (entry, "content.xml", 11) != 0; entry++)
    ;
  g_assert_true (entry + 600 < data + length);
  memset ((char *) entry + 200, 0x55, 400);
  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  return g_steal_pointer (&path);
}

static char *
write_truncated (const char *name)
{
  g_autofree char *path = write_ods (name, TABLE (""));
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, length / 2, NULL));
  return g_steal_pointer (&path);
}

static void
test_refusals (void)
{
  g_autofree char *doctype = write_ods ("doctype.ods", LAUGHS);
  g_autofree char *document = wrap_body (TABLE (""));
  g_autofree char *odt = write_ods_full ("letter.ods", "application/vnd.oasis.opendocument.text", document, -1);
  g_autofree char *odp = write_ods_full ("slides.ods", "application/vnd.oasis.opendocument.presentation", document, -1);
  g_autofree char *odg = write_ods_full ("drawing.ods", "application/vnd.oasis.opendocument.graphics", document, -1);
  g_autofree char *malformed = write_ods ("malformed.ods", "<table:table table:name=\"A\"><table:table-row>");
  g_autofree char *bomb = write_bomb ("bomb.ods");
  g_autofree char *corrupt = write_corrupt ("corrupt.ods");
  g_autofree char *truncated = write_truncated ("truncated.ods");
  Entry no_content[] = { { "mimetype", ODS_MIMETYPE, -1 }, { "styles.xml", STYLES_XML, -1 } };
  g_autofree char *empty = write_zip ("empty.ods", no_content, G_N_ELEMENTS (no_content));
  g_autoptr(GError) error = NULL;

  assert_open_fails (doctype, OPORA_ERROR_FORMAT, "“doctype.ods”: The spreadsheet's content declares a DOCTYPE");
  assert_open_fails (odt, OPORA_ERROR_FORMAT, "“letter.ods”: This is a text document (.odt)");
  assert_open_fails (odp, OPORA_ERROR_FORMAT, "“slides.ods”: This is a presentation (.odp)");
  assert_open_fails (odg, OPORA_ERROR_FORMAT, "“drawing.ods”: This OpenDocument file is not a spreadsheet");
  assert_open_fails (malformed, OPORA_ERROR_FORMAT, "“malformed.ods”: The spreadsheet is damaged");
  assert_open_fails (bomb, OPORA_ERROR_TOO_LARGE, "“bomb.ods”: The spreadsheet unpacks to far more data");
  assert_open_fails (corrupt, OPORA_ERROR_FORMAT, "“corrupt.ods”: The spreadsheet is damaged");
  assert_open_fails (truncated, OPORA_ERROR_FORMAT, "“truncated.ods”");
  assert_open_fails (empty, OPORA_ERROR_FORMAT, "“empty.ods”: The spreadsheet has no content");

  /* The reader's own entry point says the same of a truncated archive. */
  g_assert_null (opora_ods_reader_open (truncated, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
}

static void
test_limits (void)
{
  g_autofree char *long_sheet = write_ods ("long.ods",
    TABLE ("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell/></table:table-row>"
           "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"));
  g_autofree char *repeated_rows = write_ods ("repeated.ods",
    TABLE ("<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell/></table:table-row>"
           "<table:table-row table:number-rows-repeated=\"7\"><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"));
  g_autofree char *wide = write_ods ("wide.ods",
    TABLE ("<table:table-row><table:table-cell table:number-columns-repeated=\"16380\"/>"
           "<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"5\"/></table:table-row>"));
  g_autofree char *big_cell = write_ods ("big-cell.ods",
    TABLE ("<table:table-row/><table:table-row><table:table-cell/><table:table-cell office:value-type=\"string\">"
           "<text:p>a<text:s text:c=\"1048576\"/></text:p></table:table-cell></table:table-row>"));
  g_autofree char *amplified = write_ods ("amplified.ods",
    TABLE ("<table:table-row table:number-rows-repeated=\"1048576\">"
           "<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\"/></table:table-row>"));

  assert_read_fails (long_sheet, OPORA_ERROR_TOO_LARGE,
                     "“long.ods”, row 1048577: The sheet is longer than the 1,048,576 rows a spreadsheet may have. "
                     "Delete the rows past the end and try again.");
  assert_read_fails (repeated_rows, OPORA_ERROR_TOO_LARGE,
                     "“repeated.ods”, row 1048577: The sheet is longer than the 1,048,576 rows a spreadsheet may have. "
                     "Delete the rows past the end and try again.");
  assert_read_fails (wide, OPORA_ERROR_TOO_LARGE,
                     "“wide.ods”, row 1, column XFE: The row is wider than the 16,384 columns a spreadsheet may have. "
                     "Delete the columns past XFD and try again.");
  assert_read_fails (big_cell, OPORA_ERROR_TOO_LARGE,
                     "“big-cell.ods”, row 2, column B: The cell holds more than 1 MiB of text. Shorten it and try again.");
  assert_read_fails (amplified, OPORA_ERROR_TOO_LARGE,
                     "“amplified.ods”, row 1: The sheet repeats its cells more often than Opora expands them. "
                     "Open it in LibreOffice, save it as .xlsx and try again.");
}

typedef struct {
  GCancellable *cancellable;
  guint         rows;
} CancelState;

static gboolean
cancel_row_cb (const OporaRow  *row,
               gpointer         user_data,
               GError         **error)
{
  CancelState *state = user_data;

  if (++state->rows == 10)
    g_cancellable_cancel (state->cancellable);
  return TRUE;
}

static void
test_cancel (void)
{
  g_autoptr(GString) body = g_string_new ("<table:table table:name=\"Много\">");
  g_autofree char *path = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelState state = { cancellable, 0 };

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (body, "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"%u\"/></table:table-row>", i);
  g_string_append (body, "</table:table>");
  path = write_ods ("many.ods", body->str);
  reader = open_ods (path);

  /* Checked every 4096 rows: the 4096th is not delivered. */
  g_assert_false (opora_reader_read_sheet (reader, 0, cancel_row_cb, &state, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.rows, ==, 4095);

  g_clear_error (&error);
  state.rows = 0;
  g_assert_false (opora_reader_read_sheet (reader, 0, cancel_row_cb, &state, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.rows, ==, 0);
}

static const char fuzz_body[] =
  "<table:table table:name=\"Школы\" table:style-name=\"ta1\">"
  "<table:table-column table:number-columns-repeated=\"4\"/>"
  "<table:table-row><table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\"><text:p>Школа <text:s text:c=\"2\"/>№</text:p></table:table-cell>"
  "<table:covered-table-cell/><table:table-cell office:value-type=\"percentage\" office:value=\"0.5\"/></table:table-row>"
  "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell office:value-type=\"float\" office:value=\"4.25\" table:number-columns-repeated=\"2\"/>"
  "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-09-01T08:30:00\"/>"
  "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"/></table:table-row>"
  "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>МБОУ «СОШ»<text:line-break/>г. Тверь</text:p><text:p><text:span>2</text:span></text:p></table:table-cell>"
  "<table:table-cell office:value-type=\"time\" office:time-value=\"PT01H30M00S\"/></table:table-row>"
  "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
  "</table:table>"
  "<table:table table:name=\"Скрыт\" table:style-name=\"ta2\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>";

static const char *fuzz_tokens[] = {
  "<", ">", "/>", "\"", "&", "&amp;", "0", "9", "99999", "4294967296", "-1", "1e308", "<!DOCTYPE x>",
  "<table:table-row>", "</table:table-row>", "<table:table-cell>", "</table:table-cell>",
  "<text:p>", "</text:p>", "<text:s text:c=\"999\"/>", "\xff\xfe", "\xd0", "T25:61:99", "P",
};

/* Changes @data in one of a few ways a damaged file differs from a good one. */
static void
mutate (GRand   *rand,
        GString *data,
        gboolean text)
{
  guint at = g_rand_int_range (rand, 0, (gint32) MAX (data->len, 1));
  guint kind = g_rand_int_range (rand, 0, text ? 5 : 3);
  guint span = g_rand_int_range (rand, 1, 64);

  if (kind == 0 && data->len > 0)
    data->str[at] ^= 1u << g_rand_int_range (rand, 0, 8);
  else if (kind == 1 && data->len > 0)
    data->str[at] = (char) g_rand_int_range (rand, 0, 256);
  else if (kind == 2)
    g_string_truncate (data, at);
  else if (kind == 3)
    g_string_erase (data, at, MIN (span, data->len - at));
  else
    g_string_insert (data, at, fuzz_tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (fuzz_tokens))]);
}

typedef struct {
  gint64 last_row;
} FuzzState;

static gboolean
check_row_cb (const OporaRow  *row,
              gpointer         user_data,
              GError         **error)
{
  FuzzState *state = user_data;

  g_assert_cmpint ((gint64) row->row, >, state->last_row);
  g_assert_cmpuint (row->row, <, OPORA_READER_MAX_ROWS);
  g_assert_cmpuint (row->n_cells, >, 0);
  state->last_row = row->row;
  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];

      g_assert_cmpuint (cell->col, <, OPORA_READER_MAX_COLS);
      g_assert_true (i == 0 || cell->col > row->cells[i - 1].col);
      g_assert_true ((cell->text != NULL) == (cell->type == OPORA_CELL_TEXT || cell->type == OPORA_CELL_ERROR));
      g_assert_true (cell->text == NULL || g_utf8_validate (cell->text, -1, NULL));
    }
  return TRUE;
}

static guint
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, &error);
  guint read = 0;

  if (reader == NULL)
    {
      g_assert_true (error->domain == OPORA_ERROR);
      return 0;
    }
  for (guint i = 0; i < opora_reader_get_n_sheets (reader); i++)
    {
      FuzzState state = { -1 };

      g_assert_true (g_utf8_validate (opora_reader_get_sheet (reader, i)->name, -1, NULL));
      if (opora_reader_read_sheet (reader, i, check_row_cb, &state, NULL, &error))
        read++;
      else
        g_assert_true (error->domain == OPORA_ERROR || error->domain == G_IO_ERROR);
      g_clear_error (&error);
    }
  return read;
}

/* Deterministic mutations of content.xml (re-zipped) and of the zip's
 * bytes: every one either reads or fails with an error, never crashes. */
static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240901);
  g_autofree char *content = wrap_body (fuzz_body);
  g_autofree char *base = write_ods ("fuzz-base.ods", fuzz_body);
  g_autofree char *zip = NULL;
  g_autofree char *path = test_workspace_path ("fuzz.ods");
  gsize zip_length = 0;
  guint read = 0;

  /* opora_reader_open() asks libgsf for entries of damaged archives, and
   * libgsf warns when it cannot open one; criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_assert_cmpuint (read_all (base), ==, 2);
  g_assert_true (g_file_get_contents (base, &zip, &zip_length, NULL));
  for (guint i = 0; i < 2000; i++)
    {
      gboolean text = i % 2 == 0;
      g_autoptr(GString) data = g_string_new_len (text ? content : zip, text ? (gssize) strlen (content) : (gssize) zip_length);
      g_autofree char *mutated = NULL;

      for (guint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        mutate (rand, data, text);
      if (text)
        mutated = write_ods_full ("fuzz.ods", ODS_MIMETYPE, data->str, data->len);
      else
        g_assert_true (g_file_set_contents_full (path, data->str, data->len, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      read += read_all (path);
    }
  /* Some mutations must still read, or the test exercised nothing. */
  g_assert_cmpuint (read, >, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gsf_init ();

  g_test_add_func ("/core/ods-reader/values", test_values);
  g_test_add_func ("/core/ods-reader/merges", test_merges);
  g_test_add_func ("/core/ods-reader/sheets", test_sheets);
  g_test_add_func ("/core/ods-reader/refusals", test_refusals);
  g_test_add_func ("/core/ods-reader/limits", test_limits);
  g_test_add_func ("/core/ods-reader/cancel", test_cancel);
  g_test_add_func ("/core/ods-reader/fuzz", test_fuzz);

  return g_test_run ();
}
