/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the XLSX sheet tokenizer on hand-written sheet XML, cut into chunks of every size. */

#include <string.h>

#include "opora-error.h"
#include "opora-xlsx-sheet.h"

#define SHEET(rows) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" rows "</sheetData></worksheet>"

static const gsize chunk_sizes[] = { 1, 2, 3, 5, 7, 13, 64, 4096 };

typedef struct {
  const char *xml;
  gsize       length;
  gsize       pos;
} Source;

static gssize
source_read (gpointer   data,
             char      *buffer,
             gsize      size,
             GError   **error)
{
  Source *source = data;
  gsize n = MIN (size, source->length - source->pos);

  memcpy (buffer, source->xml + source->pos, n);
  source->pos += n;
  return (gssize) n;
}

/* The shortest text that reads back as the same double. */
static char *
format_number (double value)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *text = g_strdup_printf ("%.*g", digits, value);
      if (g_ascii_strtod (text, NULL) == value || digits == 17)
        return g_steal_pointer (&text);
    }
  g_assert_not_reached ();
}

/* One line per row: "12: A=1.5 B=\"text\" C=d45000 D=b1 E=e#N/A". */
static gboolean
dump_row_cb (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u:", row->row + 1);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];
      g_autofree char *col = opora_column_name (cell->col);
      g_autofree char *number = format_number (cell->number);

      if (i > 0)
        g_assert_cmpuint (cell->col, >, row->cells[i - 1].col);
      if (cell->type == OPORA_CELL_TEXT || cell->type == OPORA_CELL_ERROR)
        g_assert_true (g_utf8_validate (cell->text, -1, NULL));
      switch (cell->type)
        {
        case OPORA_CELL_TEXT:
          g_string_append_printf (out, " %s=\"%s\"", col, cell->text);
          break;
        case OPORA_CELL_ERROR:
          g_string_append_printf (out, " %s=e%s", col, cell->text);
          break;
        case OPORA_CELL_NUMBER:
          g_string_append_printf (out, " %s=%s", col, number);
          break;
        case OPORA_CELL_DATE:
          g_string_append_printf (out, " %s=d%s", col, number);
          break;
        case OPORA_CELL_BOOL:
          g_string_append_printf (out, " %s=b%s", col, number);
          break;
        case OPORA_CELL_EMPTY:
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

static const char *shared[] = { "ноль", "one", NULL };
static const guint8 date_styles[] = { 0, 1, 0 };
static const OporaReaderClass fake_class = { "xlsx", NULL, NULL };

static OporaReader *
fake_reader_new (void)
{
  OporaReader *reader = g_new0 (OporaReader, 1);

  opora_reader_init (reader, &fake_class, "/data/book.xlsx");
  opora_reader_add_sheet (reader, "Лист1", FALSE);
  return reader;
}

static char *
read_xml (OporaReader   *reader,
          const char    *xml,
          gsize          length,
          gsize          chunk_size,
          gboolean       date1904,
          GCancellable  *cancellable,
          GError       **error)
{
  OporaXlsxSheetContext context = {
    reader, 0, shared, G_N_ELEMENTS (shared), date_styles, G_N_ELEMENTS (date_styles), date1904, chunk_size,
  };
  Source source = { xml, length, 0 };
  g_autoptr(GString) out = g_string_new ("");

  g_array_set_size (opora_reader_get_merges (reader, 0), 0);
  if (!opora_xlsx_sheet_read (&context, source_read, &source, dump_row_cb, out, cancellable, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reads @xml in every chunk size and checks each gives @expected. */
static void
assert_reads (const char *xml,
              gboolean    date1904,
              const char *expected)
{
  g_autoptr(OporaReader) reader = fake_reader_new ();

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dump = read_xml (reader, xml, strlen (xml), chunk_sizes[i], date1904, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (dump, ==, expected);
    }
}

static void
test_values (void)
{
  static const struct { const char *xml; const char *expected; } cases[] = {
    { SHEET ("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>1e-3</v></c><c r=\"C1\"><v>-0</v></c>"
             "<c r=\"D1\" t=\"n\"><v>123456789012345678</v></c><c r=\"E1\"><v>0.30000000000000004</v></c>"
             "<c r=\"F1\"><v> 2.5E+3 </v></c><c r=\"G1\"><v>1.7976931348623157e308</v></c></row>"),
      "1: A=1 B=0.001 C=-0 D=1.2345678901234568e+17 E=0.30000000000000004 F=2500 G=1.7976931348623157e+308\n" },
    { SHEET ("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
             "<c r=\"C2\" t=\"inlineStr\"><is><r><t>Ри</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ч </t></r>"
             "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></is></c>"
             "<c r=\"D2\" t=\"str\"><f>A2&amp;\"!\"</f><v>ноль!</v></c><c r=\"E2\" t=\"b\"><v>1</v></c>"
             "<c r=\"F2\" t=\"b\"><v>0</v></c><c r=\"G2\" t=\"e\"><v>#DIV/0!</v></c>"
             "<c r=\"H2\"><f>1/3</f><v>0.33333333333333331</v></c></row>"),
      "2: A=\"ноль\" B=\"one\" C=\"Рич \" D=\"ноль!\" E=b1 F=b0 G=e#DIV/0! H=0.3333333333333333\n" },
    { SHEET ("<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45000.5</v></c><c r=\"B3\" s=\"2\"><v>45000</v></c>"
             "<c r=\"C3\" t=\"d\"><v>2024-03-01T12:00:00</v></c><c r=\"D3\" s=\"9\"><v>7</v></c></row>"),
      "3: A=d45000.5 B=45000 C=d45352.5 D=7\n" },
    { SHEET ("<row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C5\"><v>3</v></c><c><v>4</v></c></row>"
             "<row r=\"7\"><c><v>5</v></c></row><row><c r=\"B8\"><v>6</v></c></row>"),
      "1: A=1 B=2\n5: C=3 D=4\n7: A=5\n8: B=6\n" },
    { SHEET ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#1071;&#x42F;&#x1F600;</t></is></c>"
             "<c r=\"B1\" t=\"inlineStr\"><is><t>line_x000D__x000A_two _x005F_x000D_ _xD83D__xDE00_ _xD800_</t></is></c>"
             "<c r=\"C1\" t=\"inlineStr\"><is><t><![CDATA[<raw> & ]]>done</t></is></c></row>"),
      "1: A=\"a & b <c> \"d\" 'e' ЯЯ😀\" B=\"line\r\ntwo _x000D_ 😀 �\" C=\"<raw> & done\"\n" },
    { "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- a <row> in a comment --><x:worksheet xmlns:x=\"urn:x\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row><?pi <row>?></x:sheetData></x:worksheet>",
      "1: A=1\n" },
    { SHEET ("<row r=\"1\"><c r=\"A1\"/><c r=\"B1\" t=\"s\"></c><c r=\"C1\" t=\"str\"><f>\"\"</f><v></v></c>"
             "<c r=\"D1\" t=\"inlineStr\"><is><t/></is></c><c r=\"E1\"><v/></c></row><row r=\"2\"/>"),
      "" },
    { SHEET ("<row r=\"4\" spans=\"1:3\"><c r=\"C4\"><v>3</v></c><c r=\"A4\"><v>1</v></c><c r=\"A4\"><v>2</v></c></row>"),
      "4: A=2 C=3\n" },
    { "<worksheet><sheetData/></worksheet>", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_reads (cases[i].xml, FALSE, cases[i].expected);
}

static void
test_date1904 (void)
{
  assert_reads (SHEET ("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43538.25</v></c>"
                       "<c r=\"C1\"><v>43538.25</v></c></row>"),
                TRUE, "1: A=d1462 B=d45000.25 C=43538.25\n");
}

static void
test_merges (void)
{
  static const char xml[] =
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row></sheetData><mergeCells count=\"3\">"
    "<mergeCell ref=\"A1:C2\"/><mergeCell ref=\"D5:B3\"/><mergeCell ref=\"XFD1048576\"/></mergeCells></worksheet>";
  static const OporaMerge expected[] = { { 0, 0, 1, 2 }, { 2, 1, 4, 3 }, { 1048575, 16383, 1048575, 16383 } };
  g_autoptr(OporaReader) reader = fake_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_xml (reader, xml, strlen (xml), 7, FALSE, NULL, &error);
  GArray *merges = opora_reader_get_merges (reader, 0);

  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, "1: A=\"one\"\n");
  g_assert_cmpuint (merges->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < merges->len; i++)
    g_assert_cmpmem (&g_array_index (merges, OporaMerge, i), sizeof (OporaMerge), &expected[i], sizeof (OporaMerge));
}

static char *
long_inline_cell (void)
{
  g_autoptr(GString) xml = g_string_new ("<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>");

  for (guint i = 0; i < OPORA_READER_MAX_CELL_BYTES / 8 + 1; i++)
    g_string_append (xml, "abcdefgh");
  g_string_append (xml, "</t></is></c></row></sheetData></worksheet>");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static void
test_errors (void)
{
  static const struct { const char *xml; int code; const char *message; } cases[] = {
    { "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaa\">]><worksheet/>",
      OPORA_ERROR_FORMAT, "“book.xlsx”: A sheet of the workbook declares a document type" },
    { SHEET ("<row r=\"2\"><c r=\"D2\" t=\"inlineStr\"><is><t>&bomb;</t></is></c></row>"),
      OPORA_ERROR_FORMAT, "“book.xlsx”, row 2, column D: The cell uses an unknown or broken character reference" },
    { SHEET ("<row r=\"7\"><c r=\"C7\" t=\"s\"><v>5</v></c></row>"),
      OPORA_ERROR_FORMAT, "“book.xlsx”, row 7, column C: The cell refers to shared text number 5, but the workbook has only 3" },
    { SHEET ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c></row>"),
      OPORA_ERROR_TOO_LARGE, "“book.xlsx”, row 1, column A: The cell holds more than 1 MiB of text" },
    { SHEET ("<row r=\"1048577\"><c><v>1</v></c></row>"),
      OPORA_ERROR_TOO_LARGE, "“book.xlsx”, row 1048577: The sheet is longer than Excel allows" },
    { SHEET ("<row r=\"9\"><c r=\"XFE9\"><v>1</v></c></row>"),
      OPORA_ERROR_TOO_LARGE, "“book.xlsx”, row 9, column XFE: The sheet is wider than Excel allows" },
    { SHEET ("<row r=\"5\"><c r=\"A5\"><v>abc</v></c></row>"),
      OPORA_ERROR_FORMAT, "“book.xlsx”, row 5, column A: The cell’s value is not a valid number" },
    { SHEET ("<row r=\"5\"><c r=\"A5\"><v>nan</v></c></row>"),
      OPORA_ERROR_FORMAT, "row 5, column A: The cell’s value is not a valid number" },
    { SHEET ("<row r=\"5\"><c r=\"A5\" t=\"b\"><v>2</v></c></row>"),
      OPORA_ERROR_FORMAT, "row 5, column A: The cell’s value is not a valid number" },
    { SHEET ("<row r=\"6\"><c r=\"B6\" t=\"inlineStr\"><is><t>\xC3\x28</t></is></c></row>"),
      OPORA_ERROR_FORMAT, "row 6, column B: The cell’s text is not valid UTF-8" },
    { SHEET ("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
      OPORA_ERROR_FORMAT, "“book.xlsx”, row 1: The sheet lists its rows out of order" },
    { SHEET ("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"),
      OPORA_ERROR_FORMAT, "row 1, column A: The cell has a broken reference" },
    { SHEET ("<row r=\"1\"><c r=\"A1\" t=\"x\"><v>1</v></c></row>"),
      OPORA_ERROR_FORMAT, "row 1, column A: The cell has a type Opora does not know" },
    { "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>",
      OPORA_ERROR_FORMAT, "“book.xlsx”: A sheet of the workbook is damaged" },
    { "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet></worksheet>",
      OPORA_ERROR_FORMAT, "A sheet of the workbook is damaged" },
    { "\xFF\xFE<\0w\0",
      OPORA_ERROR_FORMAT, "A sheet of the workbook is damaged" },
    { "", OPORA_ERROR_FORMAT, "A sheet of the workbook is damaged" },
  };
  g_autofree char *long_cell = long_inline_cell ();
  g_autoptr(OporaReader) reader = fake_reader_new ();

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
      {
        gboolean listed = i < G_N_ELEMENTS (cases);
        const char *xml = listed ? cases[i].xml : long_cell;
        int code = listed ? cases[i].code : OPORA_ERROR_TOO_LARGE;
        gsize length = listed && xml[0] == '\xFF' ? 6 : strlen (xml);
        g_autoptr(GError) error = NULL;
        g_autofree char *dump = NULL;

        if (!listed && chunk_sizes[c] < 64)
          continue;
        dump = read_xml (reader, xml, length, chunk_sizes[c], FALSE, NULL, &error);
        g_assert_null (dump);
        g_assert_error (error, OPORA_ERROR, code);
        g_assert_nonnull (strstr (error->message, listed ? cases[i].message
                                                         : "row 3, column B: The cell holds more than 1 MiB"));
      }
}

static void
test_cancel (void)
{
  g_autoptr(OporaReader) reader = fake_reader_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) xml = g_string_new ("<worksheet><sheetData>");
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "<row><c><v>1</v></c></row>");
  g_string_append (xml, "</sheetData></worksheet>");
  g_cancellable_cancel (cancellable);
  dump = read_xml (reader, xml->str, xml->len, 0, FALSE, cancellable, &error);
  g_assert_null (dump);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_refs (void)
{
  static const struct { const char *ref; gboolean ok; guint32 row, col; } cases[] = {
    { "A1", TRUE, 0, 0 }, { "C12", TRUE, 11, 2 }, { "Z9", TRUE, 8, 25 }, { "AA10", TRUE, 9, 26 },
    { "XFD1048576", TRUE, 1048575, 16383 }, { "xfd1", TRUE, 0, 16383 }, { "A0", FALSE, 0, 0 },
    { "1", FALSE, 0, 0 }, { "A", FALSE, 0, 0 }, { "A1B", FALSE, 0, 0 }, { "A99999999999", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 row = 0, col = 0;
      gboolean ok = opora_xlsx_parse_ref (cases[i].ref, strlen (cases[i].ref), &row, &col);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpuint (row, ==, cases[i].row);
          g_assert_cmpuint (col, ==, cases[i].col);
        }
    }
}

static void
test_unescape (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" }, { "a_x000D_b", "a\rb" }, { "_x005F_x000D_", "_x000D_" }, { "_x0000_x", "x" },
    { "_x041f_", "П" }, { "_xD83D__xDE00_", "😀" }, { "_xDE00_", "\xEF\xBF\xBD" }, { "_x12_", "_x12_" },
    { "_xZZZZ_", "_xZZZZ_" }, { "end_x0041", "end_x0041" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].in);
      gsize length = opora_xlsx_unescape (text, strlen (text));

      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_cmpuint (length, ==, strlen (cases[i].out));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/xlsx-sheet/values", test_values);
  g_test_add_func ("/core/xlsx-sheet/date1904", test_date1904);
  g_test_add_func ("/core/xlsx-sheet/merges", test_merges);
  g_test_add_func ("/core/xlsx-sheet/errors", test_errors);
  g_test_add_func ("/core/xlsx-sheet/cancel", test_cancel);
  g_test_add_func ("/core/xlsx-sheet/refs", test_refs);
  g_test_add_func ("/core/xlsx-sheet/unescape", test_unescape);

  return g_test_run ();
}
