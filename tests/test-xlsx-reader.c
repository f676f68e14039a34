/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the XLSX reader on zips built here part by part, one written by libxlsxwriter, and fuzzing. */

#include <dlfcn.h>
#include <gsf/gsf.h>
#include <string.h>
#include <xlsxwriter.h>

#include "opora-error.h"
#include "opora-xlsx-sheet.h"
#include "test-util.h"

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS  "http://schemas.openxmlformats.org/package/2006/relationships"

typedef struct {
  const char *name;
  const char *content;
} PartText;

enum { P_TYPES, P_ROOT_RELS, P_BOOK_RELS, P_WORKBOOK, P_STYLES, P_STRINGS, P_DATA, P_HIDDEN, P_VERY_HIDDEN, P_EMPTY, N_PARTS };

static const PartText base_parts[N_PARTS] = {
  { "[Content_Types].xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>" },
  { "_rels/.rels",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" },
  { "xl/_rels/workbook.xml.rels",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/data.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_NS "/worksheet\" Target=\"/xl/worksheets/hidden.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS "/worksheet\" Target=\"./worksheets/../worksheets/Very.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/empty.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL_NS "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId6\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"" REL_NS "/hyperlink\" Target=\"http://example.com/\" TargetMode=\"External\"/>"
    "</Relationships>" },
  { "xl/workbook.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<workbookPr/><sheets><sheet name=\"Данные\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Скрытый\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
    "<sheet name=\"Очень &amp; скрытый\" sheetId=\"3\" state=\"veryHidden\" r:id=\"rId3\"/>"
    "<sheet name=\"Пустой\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>" },
  { "xl/styles.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" MAIN_NS "\">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd.mm.yyyy;@\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; дн.&quot;\"/><numFmt numFmtId=\"14\" formatCode=\"0.0\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"22\"/></cellStyleXfs>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"15\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"><alignment/></xf>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"22\"/><xf numFmtId=\"14\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"166\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>" },
  { "xl/sharedStrings.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" MAIN_NS "\" count=\"6\" uniqueCount=\"6\">"
    "<si><t>Школа № 1</t></si>"
    "<si><r><t>Рич</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> текст </t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
    "<si><t>a_x000D_b &amp; &lt;c&gt; &#1071;</t></si><si/><si><t xml:space=\"preserve\">  </t></si>"
    "<si><t><![CDATA[<сырой>]]></t></si></sst>" },
  { "xl/worksheets/data.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" MAIN_NS "\"><dimension ref=\"A1:J4\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
    "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1E-3</v></c><c r=\"B2\" s=\"1\"><v>45000</v></c><c r=\"C2\" s=\"2\"><v>45000.5</v></c>"
    "<c r=\"D2\" s=\"3\"><v>12.5</v></c><c r=\"E2\" s=\"4\"><v>0.25</v></c><c r=\"F2\"><f>SUM(A2:B2)</f><v>42</v></c>"
    "<c r=\"G2\" t=\"str\"><f>A1&amp;\"!\"</f><v>Школа № 1!</v></c><c r=\"H2\" t=\"b\"><v>1</v></c>"
    "<c r=\"I2\" t=\"e\"><f>NA()</f><v>#N/A</v></c><c r=\"J2\" t=\"inlineStr\"><is><t>в строке</t></is></c>"
    "<c r=\"K2\" s=\"5\"><v>-0</v></c></row>"
    "<row r=\"4\"><c><v>1</v></c><c s=\"0\"><v>1.5e300</v></c><c r=\"E4\"/><c r=\"F4\"><v>-7</v></c></row>"
    "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><mergeCell ref=\"C3:E4\"/></mergeCells></worksheet>" },
  { "xl/worksheets/hidden.xml",
    "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"3\"><c r=\"B3\"><v>3</v></c></row></sheetData></worksheet>" },
  { "xl/worksheets/very.xml",
    "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>" },
  { "xl/worksheets/empty.xml",
    "<worksheet xmlns=\"" MAIN_NS "\"><dimension ref=\"A1\"/><sheetData/></worksheet>" },
};

static const char data_dump[] =
  "1: A=\"Школа № 1\" B=\"Рич текст \" C=\"a\rb & <c> Я\" E=\"  \" F=\"<сырой>\"\n"
  "2: A=0.001 B=d45000 C=d45000.5 D=12.5 E=d0.25 F=42 G=\"Школа № 1!\" H=b1 I=e#N/A J=\"в строке\" K=-0\n"
  "4: A=1 B=1.5e+300 F=-7\n";

/* The fuzz test stores its parts uncompressed: deflating thousands of zips
 * is most of its time under ASan, and its other half mutates deflated bytes. */
static GsfZipCompressionMethod part_method = GSF_ZIP_DEFLATED;

typedef struct {
  GString *out;
  gint64   last_row;
} Dump;

/* The shortest text that reads back as the same double. */
static char *
format_number (double value)
{
  for (int digits = 15; digits < 17; digits++)
    {
      g_autofree char *text = g_strdup_printf ("%.*g", digits, value);
      if (g_ascii_strtod (text, NULL) == value)
        return g_steal_pointer (&text);
    }
  return g_strdup_printf ("%.17g", value);
}

/* One line per row: "12: A=1.5 B=\"text\" C=d45000 D=b1 E=e#N/A"; checks the row's promises. */
static gboolean
dump_row_cb (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  static const char *prefix[] = { "?", "", "", "b", "d", "e" };
  Dump *dump = user_data;

  g_assert_cmpint ((gint64) row->row, >, dump->last_row);
  g_assert_cmpuint (row->n_cells, >, 0);
  dump->last_row = row->row;
  g_string_append_printf (dump->out, "%u:", row->row + 1);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];
      g_autofree char *col = opora_column_name (cell->col);
      g_autofree char *number = format_number (cell->number);

      g_assert_cmpuint (cell->col, <, OPORA_READER_MAX_COLS);
      if (i > 0)
        g_assert_cmpuint (cell->col, >, row->cells[i - 1].col);
      g_assert_cmpint (cell->type, >, OPORA_CELL_EMPTY);
      g_assert_cmpint (cell->type, <=, OPORA_CELL_ERROR);
      if (cell->type == OPORA_CELL_TEXT)
        g_string_append_printf (dump->out, " %s=\"%s\"", col, cell->text);
      else
        g_string_append_printf (dump->out, " %s=%s%s", col, prefix[cell->type],
                                cell->type == OPORA_CELL_ERROR ? cell->text : number);
      if (cell->type == OPORA_CELL_TEXT || cell->type == OPORA_CELL_ERROR)
        g_assert_true (g_utf8_validate (cell->text, -1, NULL) && cell->text[0] != '\0');
      else
        g_assert_null (cell->text);
    }
  g_string_append_c (dump->out, '\n');
  return TRUE;
}

static char *
read_sheet (OporaReader   *reader,
            guint          index,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GString) out = g_string_new ("");
  Dump dump = { out, -1 };

  if (!opora_reader_read_sheet (reader, index, dump_row_cb, &dump, cancellable, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
write_part (GsfOutfile *zip,
            const char *name,
            const char *content,
            gsize       length)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  g_autoptr(GsfOutput) dir = g_object_ref (GSF_OUTPUT (zip));
  g_autoptr(GsfOutput) child = NULL;

  for (guint p = 0; parts[p + 1] != NULL; p++)
    {
      GsfOutput *sub = gsf_outfile_new_child (GSF_OUTFILE (dir), parts[p], TRUE);
      g_set_object (&dir, sub);
      g_object_unref (sub);
    }
  child = gsf_outfile_new_child_full (GSF_OUTFILE (dir), parts[g_strv_length (parts) - 1], FALSE,
                                      "compression-level", part_method, NULL);
  gsf_output_write (child, length, (const guint8 *) content);
  gsf_output_close (child);
}

/* Writes the parts into a zip; a part with a NULL content is left out. The
 * sizes in @lengths, when given, are used for binary contents. */
static char *
write_xlsx (const char      *file,
            const PartText  *parts,
            const gsize     *lengths,
            guint            n_parts)
{
  g_autofree char *path = test_workspace_path (file);
  g_autoptr(GsfOutput) sink = gsf_output_stdio_new (path, NULL);
  g_autoptr(GsfOutfile) zip = gsf_outfile_zip_new (sink, NULL);

  for (guint i = 0; i < n_parts; i++)
    if (parts[i].content != NULL)
      write_part (zip, parts[i].name, parts[i].content, lengths != NULL ? lengths[i] : strlen (parts[i].content));
  gsf_output_close (GSF_OUTPUT (zip));
  return g_steal_pointer (&path);
}

/* The base workbook with part @index replaced by @content. */
static char *
write_variant (const char *file,
               guint       index,
               const char *content)
{
  PartText parts[N_PARTS];

  memcpy (parts, base_parts, sizeof parts);
  if (index < N_PARTS)
    parts[index].content = content;
  return write_xlsx (file, parts, NULL, N_PARTS);
}

static OporaReader *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  OporaReader *reader = opora_reader_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "xlsx");
  return reader;
}

static void
test_workbook (void)
{
  static const struct { const char *name; gboolean hidden; const char *dump; } sheets[] = {
    { "Данные", FALSE, data_dump },
    { "Скрытый", TRUE, "3: B=3\n" },
    { "Очень & скрытый", TRUE, "1: A=\"Школа № 1\"\n" },
    { "Пустой", FALSE, "" },
  };
  static const OporaMerge merges[] = { { 0, 0, 0, 1 }, { 2, 2, 3, 4 } };
  g_autofree char *path = write_variant ("book.xlsx", N_PARTS, NULL);
  g_autoptr(OporaReader) reader = open_ok (path);

  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, G_N_ELEMENTS (sheets));
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dump = read_sheet (reader, i, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (opora_reader_get_sheet (reader, i)->name, ==, sheets[i].name);
      g_assert_cmpint (opora_reader_get_sheet (reader, i)->hidden, ==, sheets[i].hidden);
      g_assert_cmpstr (dump, ==, sheets[i].dump);
    }
  g_assert_cmpuint (opora_reader_get_merges (reader, 0)->len, ==, G_N_ELEMENTS (merges));
  g_assert_cmpmem (opora_reader_get_merges (reader, 0)->data, sizeof merges, merges, sizeof merges);
  g_assert_cmpuint (opora_reader_get_merges (reader, 3)->len, ==, 0);
}

/* Without relationships, sheets are found at their default names. */
static void
test_default_parts (void)
{
  PartText parts[N_PARTS];
  g_autofree char *path = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  memcpy (parts, base_parts, sizeof parts);
  parts[P_ROOT_RELS].content = NULL;
  parts[P_BOOK_RELS].content = NULL;
  parts[P_STYLES].content = NULL;
  parts[P_HIDDEN].name = "xl/worksheets/sheet2.xml";
  path = write_xlsx ("defaults.xlsx", parts, NULL, N_PARTS);
  reader = open_ok (path);
  dump = read_sheet (reader, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, "3: B=3\n");
  g_clear_pointer (&dump, g_free);
  /* Without styles.xml nothing is a date; without the sheet's part, reading it fails. */
  dump = read_sheet (reader, 0, NULL, &error);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "missing from the file"));
}

static void
test_date1904 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  const char *line;

  path = write_variant ("1904.xlsx", P_WORKBOOK,
                        "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><workbookPr date1904=\"1\"/>"
                        "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  reader = open_ok (path);
  dump = read_sheet (reader, 0, NULL, &error);
  g_assert_no_error (error);
  line = strstr (dump, "2: ");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "2: A=0.001 B=d46462 C=d46462.5 D=12.5 E=d1462.25 F=42 "));
}

static void
test_chunks (void)
{
  static const gsize sizes[] = { 1, 2, 3, 7, 61, 4096, 0 };
  g_autofree char *path = write_variant ("chunks.xlsx", N_PARTS, NULL);
  g_autoptr(OporaReader) reader = open_ok (path);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dump = NULL;

      opora_xlsx_reader_set_chunk_size (reader, sizes[i]);
      dump = read_sheet (reader, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dump, ==, data_dump);
    }
}

static void
test_formats (void)
{
  static const struct { const char *code; gboolean date; } cases[] = {
    { "dd.mm.yyyy", TRUE }, { "[h]:mm:ss", TRUE }, { "h:mm AM/PM", TRUE }, { "[$-419]D MMMM YYYY", TRUE },
    { "General", FALSE }, { "0.00\" d\"", FALSE }, { "[Red]0.0;[Blue]-0.0", FALSE }, { "#,##0\\ \\s\\m", FALSE },
    { "0_m", FALSE }, { "0*y", FALSE }, { "@", FALSE }, { "0.00E+00", FALSE }, { "\"unterminated", FALSE },
    { "[ss]", FALSE }, { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (opora_xlsx_format_is_date (cases[i].code), ==, cases[i].date);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, &error);

  g_assert_null (reader);
  g_assert_error (error, OPORA_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
assert_read_fails (const char *path,
                   int         code,
                   const char *needle)
{
  g_autoptr(OporaReader) reader = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_sheet (reader, 0, NULL, &error);

  g_assert_null (dump);
  g_assert_error (error, OPORA_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
}

#define DOCTYPE "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"

static void
test_refusals (void)
{
  g_autofree char *book = write_variant ("doctype-book.xlsx", P_WORKBOOK, DOCTYPE "<workbook>&b;</workbook>");
  g_autofree char *strings = write_variant ("doctype-strings.xlsx", P_STRINGS, DOCTYPE "<sst><si><t>&b;</t></si></sst>");
  g_autofree char *sheet = write_variant ("doctype-sheet.xlsx", P_DATA, DOCTYPE "<worksheet>&b;</worksheet>");
  g_autofree char *index = write_variant ("index.xlsx", P_DATA,
                                          "<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>6</v></c></row>"
                                          "</sheetData></worksheet>");
  g_autofree char *no_book = write_variant ("no-book.xlsx", P_WORKBOOK, NULL);
  g_autofree char *broken = write_variant ("broken-book.xlsx", P_WORKBOOK, "<workbook><sheets>");

  assert_open_fails (book, OPORA_ERROR_FORMAT, "“doctype-book.xlsx”: The workbook declares a document type");
  assert_open_fails (strings, OPORA_ERROR_FORMAT, "declares a document type");
  assert_read_fails (sheet, OPORA_ERROR_FORMAT, "A sheet of the workbook declares a document type");
  assert_read_fails (index, OPORA_ERROR_FORMAT,
                     "“index.xlsx”, row 3, column B: The cell refers to shared text number 6, but the workbook has only 6");
  assert_open_fails (no_book, OPORA_ERROR_FORMAT, "The workbook is damaged");
  assert_open_fails (broken, OPORA_ERROR_FORMAT, "The workbook is damaged");
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* Rewrites the inflated size the central directory gives for @name. */
static char *
patch_size (const char *path,
            const char *name,
            guint32     size,
            const char *file)
{
  g_autoptr(GByteArray) array = g_bytes_unref_to_array (read_bytes (path));
  guchar *data = array->data;
  gsize length = array->len;
  g_autofree char *patched = test_workspace_path (file);
  gboolean found = FALSE;

  for (gsize at = 0; at + 46 + strlen (name) <= length; at++)
    if (memcmp (data + at, "PK\1\2", 4) == 0 && memcmp (data + at + 46, name, strlen (name)) == 0)
      {
        for (guint b = 0; b < 4; b++)
          data[at + 24 + b] = (size >> (8 * b)) & 0xFF;
        found = TRUE;
      }
  g_assert_true (found);
  g_assert_true (g_file_set_contents_full (patched, (const char *) data, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  return g_steal_pointer (&patched);
}

static void
test_bombs (void)
{
  gsize size = 8u << 20;
  g_autofree char *spaces = g_malloc (size + 1);
  g_autofree char *bomb_xml = NULL;
  g_autofree char *bomb = NULL;
  g_autofree char *base = write_variant ("base.xlsx", N_PARTS, NULL);
  g_autofree char *big = patch_size (base, "xl/worksheets/data.xml", 0x7FFFFFFF, "lies-big.xlsx");
  g_autofree char *huge = patch_size (base, "xl/worksheets/data.xml", 0x50000000, "lies-huge.xlsx");
  g_autofree char *small = patch_size (base, "xl/worksheets/data.xml", 100, "lies-small.xlsx");

  memset (spaces, ' ', size);
  spaces[size] = '\0';
  bomb_xml = g_strconcat ("<worksheet><sheetData>", spaces, "</sheetData></worksheet>", NULL);
  bomb = write_variant ("bomb.xlsx", P_DATA, bomb_xml);
  assert_read_fails (bomb, OPORA_ERROR_TOO_LARGE, "“bomb.xlsx”: The workbook unpacks to more data than Opora accepts");
  /* 2 GiB claimed in all: refused on opening; 1.25 GiB for one part: refused on reading it. */
  assert_open_fails (big, OPORA_ERROR_TOO_LARGE, "unpacks to more data than Opora accepts");
  assert_read_fails (huge, OPORA_ERROR_TOO_LARGE, "unpacks to more data than Opora accepts");
  assert_read_fails (small, OPORA_ERROR_FORMAT, "damaged");
}

static void
test_damaged_zip (void)
{
  g_autofree char *base = write_variant ("whole.xlsx", N_PARTS, NULL);
  g_autoptr(GBytes) bytes = read_bytes (base);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *truncated = test_workspace_path ("truncated.xlsx");

  g_assert_true (g_file_set_contents_full (truncated, data, (gssize) length / 2, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  assert_open_fails (truncated, OPORA_ERROR_FORMAT, "“truncated.xlsx”");
}

static void
test_cancel (void)
{
  g_autoptr(GString) xml = g_string_new ("<worksheet><sheetData>");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (xml, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c></row>", i + 1, i + 1, i);
  g_string_append (xml, "</sheetData></worksheet>");
  path = write_variant ("cancel.xlsx", P_DATA, xml->str);
  reader = open_ok (path);
  g_cancellable_cancel (cancellable);
  dump = read_sheet (reader, 0, cancellable, &error);
  g_assert_null (dump);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The same reader reads the sheet whole afterwards. */
  dump = read_sheet (reader, 0, NULL, NULL);
  g_assert_nonnull (dump);
  g_assert_true (g_str_has_suffix (dump, "20000: A=19999\n"));
}

/* libxlsxwriter is not a dependency of the core, so the test loads it itself. */
typedef struct {
  __typeof__ (workbook_new) *workbook_new;
  __typeof__ (workbook_add_worksheet) *workbook_add_worksheet;
  __typeof__ (workbook_add_format) *workbook_add_format;
  __typeof__ (format_set_num_format) *format_set_num_format;
  __typeof__ (worksheet_write_string) *worksheet_write_string;
  __typeof__ (worksheet_write_number) *worksheet_write_number;
  __typeof__ (worksheet_write_boolean) *worksheet_write_boolean;
  __typeof__ (worksheet_write_formula_num) *worksheet_write_formula_num;
  __typeof__ (worksheet_merge_range) *worksheet_merge_range;
  __typeof__ (worksheet_hide) *worksheet_hide;
  __typeof__ (workbook_close) *workbook_close;
} Lxw;

static gboolean
load_lxw (Lxw *lxw)
{
  void *handle = dlopen ("libxlsxwriter.so." LXW_SOVERSION, RTLD_NOW);
  void **slots = (void **) lxw;
  static const char *names[] = {
    "workbook_new", "workbook_add_worksheet", "workbook_add_format", "format_set_num_format",
    "worksheet_write_string", "worksheet_write_number", "worksheet_write_boolean",
    "worksheet_write_formula_num", "worksheet_merge_range", "worksheet_hide", "workbook_close",
  };

  G_STATIC_ASSERT (sizeof (Lxw) == G_N_ELEMENTS (names) * sizeof (void *));
  for (guint i = 0; handle != NULL && i < G_N_ELEMENTS (names); i++)
    if ((slots[i] = dlsym (handle, names[i])) == NULL)
      return FALSE;
  return handle != NULL;
}

static void
test_libxlsxwriter (void)
{
  static const OporaMerge merge = { 2, 0, 2, 2 };
  g_autofree char *path = test_workspace_path ("libxlsxwriter.xlsx");
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *hidden = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet, *second;
  lxw_format *date;
  Lxw lxw;

  if (!load_lxw (&lxw))
    {
      g_test_skip ("libxlsxwriter.so." LXW_SOVERSION " is not installed");
      return;
    }
  workbook = lxw.workbook_new (path);
  sheet = lxw.workbook_add_worksheet (workbook, "Отчёт");
  second = lxw.workbook_add_worksheet (workbook, "Скрытый");
  date = lxw.workbook_add_format (workbook);
  lxw.format_set_num_format (date, "dd.mm.yyyy");
  lxw.worksheet_write_string (sheet, 0, 0, "Школа & «класс»", NULL);
  lxw.worksheet_write_number (sheet, 0, 1, 12.5, NULL);
  lxw.worksheet_write_number (sheet, 0, 2, 45000, date);
  lxw.worksheet_write_boolean (sheet, 0, 3, 1, NULL);
  lxw.worksheet_write_formula_num (sheet, 0, 4, "=B1*2", NULL, 25);
  lxw.worksheet_merge_range (sheet, 2, 0, 2, 2, "Итого", NULL);
  lxw.worksheet_write_number (second, 0, 0, 1, NULL);
  lxw.worksheet_hide (second);
  g_assert_cmpint (lxw.workbook_close (workbook), ==, LXW_NO_ERROR);

  reader = open_ok (path);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "Отчёт");
  g_assert_true (opora_reader_get_sheet (reader, 1)->hidden);
  dump = read_sheet (reader, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, "1: A=\"Школа & «класс»\" B=12.5 C=d45000 D=b1 E=25\n3: A=\"Итого\"\n");
  g_assert_cmpuint (opora_reader_get_merges (reader, 0)->len, ==, 1);
  g_assert_cmpmem (opora_reader_get_merges (reader, 0)->data, sizeof merge, &merge, sizeof merge);
  hidden = read_sheet (reader, 1, NULL, &error);
  g_assert_cmpstr (hidden, ==, "1: A=1\n");
}

static const char *tokens[] = {
  "<row>", "</row>", "<c r=\"A1\">", "<c>", "</c>", "<v>", "</v>", "t=\"s\"", "t=\"inlineStr\"", "<is><t>",
  "&#x0;", "&amp", "]]>", "<![CDATA[", "<!DOCTYPE x>", "_x0000_", "_xD800_", "r=\"XFD1048577\"", "<v>999999</v>",
  "\xC3", "\xFF\xFE", "s=\"4294967295\"", "<mergeCell ref=\"A1:XFD1\"/>", "<!--", "<si>", "</si>", "state=\"hidden\"",
};

static void
mutate (GRand   *rand,
        GString *text)
{
  guint n = (guint) g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n && text->len > 0; i++)
    {
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) text->len);
      gsize wanted = (gsize) g_rand_int_range (rand, 1, 64);
      gsize span = MIN (wanted, text->len - at);

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          text->str[at] = (char) g_rand_int_range (rand, 0, 256);
          break;
        case 1:
          text->str[at] = "<>&/\"'=;:x_#0 "[g_rand_int_range (rand, 0, 14)];
          break;
        case 2:
          g_string_erase (text, (gssize) at, (gssize) span);
          break;
        case 3:
          {
            g_autofree char *copy = g_strndup (text->str + at, span);
            g_string_insert_len (text, (gssize) g_rand_int_range (rand, 0, (gint32) text->len), copy, (gssize) span);
          }
          break;
        default:
          g_string_insert (text, (gssize) at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          break;
        }
    }
}

/* Opens and reads every sheet; either works with sound rows or fails with our errors. */
static void
read_whole (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, &error);

  if (reader == NULL)
    {
      g_assert_true (error->domain == OPORA_ERROR || error->domain == G_IO_ERROR);
      return;
    }
  for (guint i = 0; i < opora_reader_get_n_sheets (reader); i++)
    {
      g_autofree char *dump = read_sheet (reader, i, NULL, &error);

      g_assert_true (g_utf8_validate (opora_reader_get_sheet (reader, i)->name, -1, NULL));
      if (dump == NULL)
        g_assert_true (error->domain == OPORA_ERROR || error->domain == G_IO_ERROR);
      g_clear_error (&error);
    }
}

static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250401);
  g_autofree char *base = write_variant ("fuzz-base.xlsx", N_PARTS, NULL);
  g_autoptr(GBytes) zip = read_bytes (base);
  g_autofree char *path = test_workspace_path ("fuzz.xlsx");

  for (guint round = 0; round < 2000; round++)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (zip, &length);

      if (round % 2 == 0)
        {
          guint index = (guint) g_rand_int_range (rand, P_ROOT_RELS, N_PARTS);
          g_autoptr(GString) text = g_string_new (base_parts[index].content);
          g_autofree char *written = NULL;

          mutate (rand, text);
          part_method = GSF_ZIP_STORED;
          written = write_variant ("fuzz.xlsx", index, text->str);
          part_method = GSF_ZIP_DEFLATED;
        }
      else
        {
          g_autoptr(GString) bytes = g_string_new_len (data, (gssize) length);

          mutate (rand, bytes);
          g_assert_true (g_file_set_contents_full (path, bytes->str, (gssize) bytes->len, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
        }
      read_whole (path);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gsf_init ();

  g_test_add_func ("/core/xlsx-reader/workbook", test_workbook);
  g_test_add_func ("/core/xlsx-reader/default-parts", test_default_parts);
  g_test_add_func ("/core/xlsx-reader/date1904", test_date1904);
  g_test_add_func ("/core/xlsx-reader/chunks", test_chunks);
  g_test_add_func ("/core/xlsx-reader/formats", test_formats);
  g_test_add_func ("/core/xlsx-reader/refusals", test_refusals);
  g_test_add_func ("/core/xlsx-reader/bombs", test_bombs);
  g_test_add_func ("/core/xlsx-reader/damaged-zip", test_damaged_zip);
  g_test_add_func ("/core/xlsx-reader/cancel", test_cancel);
  g_test_add_func ("/core/xlsx-reader/libxlsxwriter", test_libxlsxwriter);
  g_test_add_func ("/core/xlsx-reader/fuzz", test_fuzz);

  return g_test_run ();
}
