/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the CSV reader: encodings, separators, RFC 4180 quoting, limits, bad input and speed. */

#include <string.h>

#include "opora-error.h"
#include "opora-reader-private.h"
#include "test-util.h"

/* A Russian table that every tested encoding can hold. */
#define RUSSIAN_TABLE \
  "Код;Школа;Район;Балл\n" \
  "101;Средняя школа 1;Северный;4,5\n" \
  "102;Гимназия имени Пушкина;Южный;3,9\n"

/* A literal and its length, NUL bytes included. */
#define BYTES(literal) literal, sizeof (literal) - 1

#define RUSSIAN_CELLS \
  "0,0:Код\n0,1:Школа\n0,2:Район\n0,3:Балл\n" \
  "1,0:101\n1,1:Средняя школа 1\n1,2:Северный\n1,3:4,5\n" \
  "2,0:102\n2,1:Гимназия имени Пушкина\n2,2:Южный\n2,3:3,9\n"

static char *
write_file (const char *name,
            const char *content,
            gsize       length)
{
  g_autofree char *path = test_workspace_path (name);

  /* Without G_FILE_SET_CONTENTS_CONSISTENT GLib 2.74 does not truncate, so remove first. */
  g_remove (path);
  g_assert_true (g_file_set_contents_full (path, content, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  return g_steal_pointer (&path);
}

/* Each cell as "row,col:text\n", with CR and LF in texts shown as \r and \n.
 * Allocates nothing per cell: the sanitizer build makes each malloc slow. */
static gboolean
dump_row_cb (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  GString *dump = user_data;

  for (guint i = 0; i < row->n_cells; i++)
    {
      char position[32];

      g_assert_cmpint (row->cells[i].type, ==, OPORA_CELL_TEXT);
      g_snprintf (position, sizeof position, "%u,%u:", row->row, row->cells[i].col);
      g_string_append (dump, position);
      for (const char *c = row->cells[i].text; *c != '\0'; c++)
        {
          if (*c == '\r' || *c == '\n')
            g_string_append (dump, *c == '\r' ? "\\r" : "\\n");
          else
            g_string_append_c (dump, *c);
        }
      g_string_append_c (dump, '\n');
    }
  return TRUE;
}

/* Reads @path fully; returns the dump, or NULL with @error set. */
static char *
read_dump (OporaReader  *reader,
           GError      **error)
{
  g_autoptr(GString) dump = g_string_new ("");

  if (!opora_reader_read_sheet (reader, 0, dump_row_cb, dump, NULL, error))
    return NULL;
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static OporaReader *
open_ok (const char             *path,
         const OporaReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  OporaReader *reader = opora_reader_open (path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static void
assert_reads (const char             *path,
              const OporaReadOptions *options,
              const char             *encoding,
              char                    separator,
              const char             *expected)
{
  g_autoptr(OporaReader) reader = open_ok (path, options);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_dump (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (opora_reader_get_encoding (reader), ==, encoding);
  g_assert_cmpint (opora_reader_get_separator (reader), ==, separator);
  g_assert_cmpstr (dump, ==, expected);
}

/* Reading @path (opened by the CSV reader itself) fails with @code and a message holding @needle. */
static void
assert_read_fails (const char             *path,
                   const OporaReadOptions *options,
                   int                     code,
                   const char             *needle)
{
  static const OporaReadOptions detect = { NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_csv_reader_open (path, options != NULL ? options : &detect, &error);
  g_autofree char *dump = NULL;

  g_assert_no_error (error);
  dump = read_dump (reader, &error);
  g_assert_null (dump);
  g_assert_error (error, OPORA_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
}

static void
test_parsing (void)
{
  static const struct {
    const char *input;
    char        separator;
    const char *expected;
  } cases[] = {
    /* Each separator. */
    { "a;b;c\n1;2;3\n", ';', "0,0:a\n0,1:b\n0,2:c\n1,0:1\n1,1:2\n1,2:3\n" },
    { "a,b,c\n1,2,3\n", ',', "0,0:a\n0,1:b\n0,2:c\n1,0:1\n1,1:2\n1,2:3\n" },
    { "a\tb\tc\n1\t2\t3\n", '\t', "0,0:a\n0,1:b\n0,2:c\n1,0:1\n1,1:2\n1,2:3\n" },
    { "a|b|c\n1|2|3\n", '|', "0,0:a\n0,1:b\n0,2:c\n1,0:1\n1,1:2\n1,2:3\n" },
    /* Quoted separators, doubled quotes and line breaks: a record is one row. */
    { "\"a;b\";\"say \"\"hi\"\"\";\"line 1\nline 2\"\nx;y;z\n", ';',
      "0,0:a;b\n0,1:say \"hi\"\n0,2:line 1\\nline 2\n1,0:x\n1,1:y\n1,2:z\n" },
    { "\"a\r\nb\",c\r\nd,e\r\n", ',', "0,0:a\\r\\nb\n0,1:c\n1,0:d\n1,1:e\n" },
    /* Quotes inside an unquoted cell are text; text after a closing quote joins the cell. */
    { "МБОУ \"СОШ 1\";x\n\"ab\"c;y\n", ';', "0,0:МБОУ \"СОШ 1\"\n0,1:x\n1,0:abc\n1,1:y\n" },
    /* Line ends: CRLF, LF, lone CR, mixed; with and without a last newline. */
    { "a;b\r\nc;d\r\n", ';', "0,0:a\n0,1:b\n1,0:c\n1,1:d\n" },
    { "a;b\rc;d\r", ';', "0,0:a\n0,1:b\n1,0:c\n1,1:d\n" },
    { "a;b\nc;d", ';', "0,0:a\n0,1:b\n1,0:c\n1,1:d\n" },
    { "a;b\r\nc;d\re;f\ng;h", ';', "0,0:a\n0,1:b\n1,0:c\n1,1:d\n2,0:e\n2,1:f\n3,0:g\n3,1:h\n" },
    { "a;\"b\"", ';', "0,0:a\n0,1:b\n" },
    { "a;b;\n", ';', "0,0:a\n0,1:b\n" },
    /* Empty cells and empty rows are not delivered, but rows keep their numbers. */
    { "a;;c\n;;\n\n\"\";x;\"\"\n", ';', "0,0:a\n0,2:c\n3,1:x\n" },
    /* Surrounding whitespace stays. */
    { " a ; b \n  ;\t\n", ';', "0,0: a \n0,1: b \n1,0:  \n1,1:\t\n" },
    /* Title rows above the header, then a row of column numbers. */
    { "Результаты ВПР 2025;;\n;;\nКод;Школа;Балл\n1;2;3\n101;СОШ 1;4,5\n", ';',
      "0,0:Результаты ВПР 2025\n2,0:Код\n2,1:Школа\n2,2:Балл\n3,0:1\n3,1:2\n3,2:3\n"
      "4,0:101\n4,1:СОШ 1\n4,2:4,5\n" },
    /* Decimal commas do not make the comma the separator. */
    { "Школа;Балл;Доля\nА;4,5;12,5\nБ;3;7,25\n", ';',
      "0,0:Школа\n0,1:Балл\n0,2:Доля\n1,0:А\n1,1:4,5\n1,2:12,5\n2,0:Б\n2,1:3\n2,2:7,25\n" },
    /* Quoted semicolons do not make the semicolon the separator. */
    { "name,note\n\"a\",\"x;y;z\"\n\"b\",\"p;q\"\n", ',',
      "0,0:name\n0,1:note\n1,0:a\n1,1:x;y;z\n2,0:b\n2,1:p;q\n" },
    /* One column: the separator falls back to ';'. */
    { "one\ntwo\n", ';', "0,0:one\n1,0:two\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file ("table.csv", cases[i].input, strlen (cases[i].input));

      g_test_message ("case %u", i);
      assert_reads (path, NULL, "UTF-8", cases[i].separator, cases[i].expected);
    }
}

static GBytes *
encode (const char *text,
        const char *encoding,
        const char *bom)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, encoding, "UTF-8", NULL, &length, &error);
  GString *bytes = g_string_new (bom);

  g_assert_no_error (error);
  g_string_append_len (bytes, converted, length);
  return g_string_free_to_bytes (bytes);
}

static void
test_encodings (void)
{
  static const struct {
    const char *encoding;  /* of the bytes written */
    const char *bom;
    const char *detected;
  } cases[] = {
    { "UTF-8", "", "UTF-8" },
    { "UTF-8", "\xEF\xBB\xBF", "UTF-8" },
    { "UTF-16LE", "\xFF\xFE", "UTF-16LE" },
    { "UTF-16BE", "\xFE\xFF", "UTF-16BE" },
    { "CP1251", "", "CP1251" },
    { "KOI8-R", "", "KOI8-R" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = encode (RUSSIAN_TABLE, cases[i].encoding, cases[i].bom);
      g_autofree char *path = write_file ("russian.csv", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_test_message ("%s%s", cases[i].encoding, *cases[i].bom ? " with BOM" : "");
      assert_reads (path, NULL, cases[i].detected, ';', RUSSIAN_CELLS);
    }
}

/* Single-byte Russian text: mixed case, all capitals, all lowercase. */
static void
test_single_byte_guess (void)
{
  static const char *texts[] = {
    "Район,Школа\nСеверный,Гимназия\n",
    "РАЙОН;ШКОЛА;УЧАЩИЕСЯ\nСЕВЕРНЫЙ;ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА;120\n",
    "район|школа\nсеверный|лицей\n",
  };
  static const char *encodings[] = { "CP1251", "KOI8-R" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
      {
        g_autoptr(GBytes) bytes = encode (texts[i], encodings[e], "");
        g_autofree char *path = write_file ("guess.txt", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        g_autoptr(OporaReader) reader = open_ok (path, NULL);

        g_assert_cmpstr (opora_reader_get_encoding (reader), ==, encodings[e]);
      }
}

static void
test_options (void)
{
  static const OporaReadOptions comma = { NULL, ',' };
  static const OporaReadOptions koi8 = { "KOI8-R", 0 };
  static const OporaReadOptions cp1251_pipe = { "CP1251", '|' };
  g_autoptr(GBytes) koi8_bytes = encode ("Да;Нет\n", "KOI8-R", "");
  g_autofree char *semicolons = write_file ("semicolons.csv", "a;b,c\n1;2,3\n", 12);
  g_autofree char *koi8_path = write_file ("koi8.csv", g_bytes_get_data (koi8_bytes, NULL), 7);
  g_autofree char *utf8_path = write_file ("utf8.csv", "Да|1\n", strlen ("Да|1\n"));

  assert_reads (semicolons, &comma, "UTF-8", ',', "0,0:a;b\n0,1:c\n1,0:1;2\n1,1:3\n");
  assert_reads (koi8_path, &koi8, "KOI8-R", ';', "0,0:Да\n0,1:Нет\n");
  /* The user's choice wins even when it makes nonsense of UTF-8. */
  assert_reads (utf8_path, &cp1251_pipe, "CP1251", '|', "0,0:Р”Р°\n0,1:1\n");
}

static void
test_sheet (void)
{
  g_autofree char *path = write_file ("Отчёт 2025.v2.csv", "a;b\n", 4);
  g_autoptr(OporaReader) reader = open_ok (path, NULL);

  g_assert_cmpstr (opora_reader_get_format (reader), ==, "csv");
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 1);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "Отчёт 2025.v2");
  g_assert_false (opora_reader_get_sheet (reader, 0)->hidden);
}

/* A table whose row 2, column B holds @cell_bytes of text, quoted or not. */
static char *
write_cell_file (const char *name,
                 gsize       cell_bytes,
                 gboolean    quoted)
{
  g_autoptr(GString) text = g_string_new ("a;b\nc;");

  if (quoted)
    g_string_append_c (text, '"');
  for (gsize i = 0; i < cell_bytes; i++)
    g_string_append_c (text, 'x');
  if (quoted)
    g_string_append_c (text, '"');
  g_string_append (text, ";d\n");
  return write_file (name, text->str, text->len);
}

static void
test_cell_limit (void)
{
  g_autofree char *fits = write_cell_file ("fits.csv", OPORA_READER_MAX_CELL_BYTES, FALSE);
  g_autofree char *too_large = write_cell_file ("large.csv", OPORA_READER_MAX_CELL_BYTES + 1, FALSE);
  g_autofree char *quoted = write_cell_file ("quoted.csv", OPORA_READER_MAX_CELL_BYTES + 1, TRUE);
  g_autoptr(OporaReader) reader = open_ok (fits, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_dump (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (dump), ==, strlen ("0,0:a\n0,1:b\n1,0:c\n1,1:\n1,2:d\n") + OPORA_READER_MAX_CELL_BYTES);
  assert_read_fails (too_large, NULL, OPORA_ERROR_TOO_LARGE, "“large.csv”, row 2, column B: ");
  assert_read_fails (quoted, NULL, OPORA_ERROR_TOO_LARGE, "“quoted.csv”, row 2, column B: ");
}

static char *
write_wide_file (const char *name,
                 guint       fields)
{
  g_autoptr(GString) text = g_string_new ("a;b\n");

  for (guint i = 1; i < fields; i++)
    g_string_append (text, "1;");
  g_string_append (text, "end\n");
  return write_file (name, text->str, text->len);
}

static void
test_column_limit (void)
{
  g_autofree char *fits = write_wide_file ("fits.csv", OPORA_READER_MAX_COLS);
  g_autofree char *too_wide = write_wide_file ("wide.csv", OPORA_READER_MAX_COLS + 1);
  g_autoptr(OporaReader) reader = open_ok (fits, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_dump (reader, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (dump, "1,16382:1\n1,16383:end\n"));
  assert_read_fails (too_wide, NULL, OPORA_ERROR_TOO_LARGE, "“wide.csv”, row 2, column XFE: ");
}

static char *
write_long_file (const char *name,
                 guint       records)
{
  g_autoptr(GString) text = g_string_new ("a;b\n");

  for (guint i = 2; i < records; i++)
    g_string_append_c (text, '\n');
  g_string_append (text, "x;y\n");
  return write_file (name, text->str, text->len);
}

static void
test_row_limit (void)
{
  g_autofree char *fits = write_long_file ("fits.csv", OPORA_READER_MAX_ROWS);
  g_autofree char *too_long = write_long_file ("long.csv", OPORA_READER_MAX_ROWS + 1);
  g_autoptr(OporaReader) reader = open_ok (fits, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = read_dump (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, "0,0:a\n0,1:b\n1048575,0:x\n1048575,1:y\n");
  assert_read_fails (too_long, NULL, OPORA_ERROR_TOO_LARGE, "“long.csv”, row 1048577: ");
}

static void
test_bad_text (void)
{
  static const OporaReadOptions utf8 = { "UTF-8", 0 };
  static const OporaReadOptions cp1251 = { "CP1251", 0 };
  static const struct {
    const char             *input;
    gsize                   length;
    const OporaReadOptions *options;
    int                     code;
    const char             *needle;
  } cases[] = {
    /* The quote opened at row 2, column B is never closed. */
    { BYTES ("a;b\nc;\"open\nmore;x\n"), NULL, OPORA_ERROR_FORMAT,
      "“bad.csv”, row 2, column B: A quoted cell starts here but its closing quote (\") is missing. "
      "Add the closing quote or remove the opening one." },
    /* A broken character and a NUL byte after runs of ASCII. */
    { BYTES ("abcdefghijklmnop;q\nr;stuvwxyz\xE2\x82z\n"), &utf8, OPORA_ERROR_FORMAT, "row 2, column B: " },
    { BYTES ("a;0123456789abcdef\0x\n"), NULL, OPORA_ERROR_FORMAT, "row 1, column B: " },
    /* A NUL byte in a cell. */
    { BYTES ("a;b\nc;d\ne;f\0g\n"), NULL, OPORA_ERROR_FORMAT, "row 3, column B: " },
    /* Windows-1251 bytes read as UTF-8 by the user's choice. */
    { BYTES ("a;b\nc;\xC4\xE0\n"), &utf8, OPORA_ERROR_FORMAT, "row 2, column B: " },
    /* 0x98 is no character in Windows-1251. */
    { BYTES ("a;b\n\xC4\xE0;\x98\n"), &cp1251, OPORA_ERROR_FORMAT, "row 2, column B: " },
    /* A UTF-16 file that ends in the middle of a character. */
    { BYTES ("\xFF\xFE" "a\0;\0b\0\n\0c"), NULL, OPORA_ERROR_FORMAT, "row 2, column A: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file ("bad.csv", cases[i].input, cases[i].length);

      g_test_message ("case %u", i);
      assert_read_fails (path, cases[i].options, cases[i].code, cases[i].needle);
    }
}

static void
test_bad_options (void)
{
  static const OporaReadOptions encoding = { "NO-SUCH-ENCODING", 0 };
  static const OporaReadOptions quote = { NULL, '"' };
  g_autofree char *path = write_file ("table.csv", "a;b\n", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = opora_reader_open (path, &encoding, &error);

  g_assert_null (reader);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  reader = opora_reader_open (path, &quote, &error);
  g_assert_null (reader);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

static gboolean
count_and_cancel_cb (const OporaRow  *row,
                     gpointer         user_data,
                     GError         **error)
{
  GCancellable *cancellable = user_data;
  guint *count = g_object_get_data (G_OBJECT (cancellable), "count");

  if (++*count == 10)
    g_cancellable_cancel (cancellable);
  return TRUE;
}

static gboolean
refuse_cb (const OporaRow  *row,
           gpointer         user_data,
           GError         **error)
{
  g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID, "refused");
  return FALSE;
}

static void
test_cancel (void)
{
  g_autoptr(GString) text = g_string_new ("");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(OporaReader) reader = NULL;
  guint count = 0;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "%u;x\n", i);
  path = write_file ("many.csv", text->str, text->len);
  reader = open_ok (path, NULL);

  /* Cancelled from the row callback: the reader stops at its next look, after 4096 rows. */
  g_object_set_data (G_OBJECT (cancellable), "count", &count);
  g_assert_false (opora_reader_read_sheet (reader, 0, count_and_cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count, ==, 4096);

  /* Already cancelled: no row at all. */
  g_clear_error (&error);
  count = 0;
  g_assert_false (opora_reader_read_sheet (reader, 0, count_and_cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count, ==, 0);

  /* The callback's own error comes back as it is. */
  g_clear_error (&error);
  g_assert_false (opora_reader_read_sheet (reader, 0, refuse_cb, NULL, NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "refused");
}

/* Files past the 1 MiB read blocks, shifted so that characters and CRLFs fall across the boundary. */
static void
test_block_boundaries (void)
{
  static const struct {
    const char *encoding;
    const char *bom;
    guint       shifts;
  } cases[] = {
    { "UTF-8", "", 4 },
    { "UTF-16LE", "\xFF\xFE", 2 },
    { "CP1251", "", 2 },
  };

  for (guint e = 0; e < G_N_ELEMENTS (cases); e++)
    for (guint shift = 0; shift < cases[e].shifts; shift++)
      {
        g_autoptr(GString) text = g_string_new_len ("xxx", shift);
        g_autoptr(GString) expected = g_string_new ("");
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *path = NULL;
        g_autoptr(OporaReader) reader = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *dump = NULL;

        for (guint row = 0; text->len < (13u << 20) / 10; row++)
          {
            char line[128];

            g_snprintf (line, sizeof line, "%u;Ж\"ё\";\"я\r\nэ\"\r\n", row);
            g_string_append (text, line);
            g_snprintf (line, sizeof line, "%u,0:%.*s%u\n%u,1:Ж\"ё\"\n%u,2:я\\r\\nэ\n",
                        row, row == 0 ? shift : 0, "xxx", row, row, row);
            g_string_append (expected, line);
          }
        bytes = encode (text->str, cases[e].encoding, cases[e].bom);
        path = write_file ("blocks.csv", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        reader = open_ok (path, NULL);
        dump = read_dump (reader, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (opora_reader_get_encoding (reader), ==, cases[e].encoding);
        g_assert_true (g_str_equal (dump, expected->str));
      }
}

static gboolean
check_row_cb (const OporaRow  *row,
              gpointer         user_data,
              GError         **error)
{
  gint64 *last_row = user_data;

  g_assert_cmpint (row->row, >, *last_row);
  g_assert_cmpuint (row->n_cells, >, 0);
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_assert_cmpint (row->cells[i].type, ==, OPORA_CELL_TEXT);
      g_assert_true (g_utf8_validate (row->cells[i].text, -1, NULL));
      g_assert_cmpuint (strlen (row->cells[i].text), >, 0);
      g_assert_cmpuint (row->cells[i].col, <, OPORA_READER_MAX_COLS);
      if (i > 0)
        g_assert_cmpuint (row->cells[i].col, >, row->cells[i - 1].col);
    }
  *last_row = row->row;
  return TRUE;
}

static void
mutate (GRand   *rand,
        GString *bytes)
{
  static const char inserts[] = { '"', '\0', '\xFF', '\r', '\n', ';', ',', '\t', '\xD0', '\xFE' };
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      gsize at = bytes->len > 0 ? g_rand_int_range (rand, 0, bytes->len) : 0;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          if (at < bytes->len)
            bytes->str[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:
          g_string_insert_c (bytes, at, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);
          break;
        case 2:
          if (at < bytes->len)
            g_string_erase (bytes, at, 1);
          break;
        case 3:
          g_string_truncate (bytes, at);
          break;
        default:
          g_string_insert_c (bytes, at, (char) g_rand_int_range (rand, 0, 256));
          break;
        }
    }
}

static void
test_fuzz (void)
{
  const char *seeds[] = {
    RUSSIAN_TABLE,
    "\"a;b\";\"say \"\"hi\"\"\";\"line 1\r\nline 2\"\r\nx;y;z\r\n",
    "Результаты ВПР;;\n;;\nКод,Школа,\"Доля «2», %\"\n1,2,3\n101,\"СОШ 1\",4.5",
    "a\tb\tc\r1\t2\t3\r",
  };
  static const char *encodings[][2] = { { "UTF-8", "" }, { "UTF-16LE", "\xFF\xFE" }, { "CP1251", "" } };
  static const OporaReadOptions detect = { NULL, 0 };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) pinned = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250501);
  g_autofree char *path = test_workspace_path ("fuzz.csv");
  guint successes = 0;

  /* Open converters keep glibc from unloading and reloading them for every file. */
  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    g_ptr_array_add (pinned, g_iconv_open ("UTF-8", encodings[e][0]));
  g_ptr_array_add (pinned, g_iconv_open ("UTF-8", "KOI8-R"));
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
      g_ptr_array_add (inputs, encode (seeds[s], encodings[e][0], encodings[e][1]));

  for (guint i = 0; i < 3000; i++)
    {
      GBytes *input = inputs->pdata[i % inputs->len];
      g_autoptr(GString) bytes = g_string_new_len (g_bytes_get_data (input, NULL), g_bytes_get_size (input));
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaReader) reader = NULL;
      gint64 last_row = -1;

      mutate (rand, bytes);
      g_free (write_file ("fuzz.csv", bytes->str, bytes->len));
      reader = opora_csv_reader_open (path, &detect, &error);
      if (reader != NULL && opora_reader_read_sheet (reader, 0, check_row_cb, &last_row, NULL, &error))
        {
          g_assert_no_error (error);
          successes++;
          continue;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == OPORA_ERROR);
    }
  /* Most mutations leave a readable table. */
  g_assert_cmpuint (successes, >, 1000);
  for (guint p = 0; p < pinned->len; p++)
    g_iconv_close (pinned->pdata[p]);
}

static gboolean
count_cells_cb (const OporaRow  *row,
                gpointer         user_data,
                GError         **error)
{
  *(guint64 *) user_data += row->n_cells;
  return TRUE;
}

/* The benchmark of issue #4: 120,000 rows × 45 columns, about 30 MB. Run with -m perf. */
static void
test_speed (void)
{
  g_autofree char *path = test_workspace_path ("nation.csv");
  g_autoptr(GString) text = g_string_new ("Код;Школа;Муниципалитет;Год");
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint64 cells = 0;
  double opened, seconds;

  if (!g_test_perf ())
    {
      g_test_skip ("a benchmark; run with -m perf");
      return;
    }
  for (guint c = 0; c < 41; c++)
    g_string_append_printf (text, ";Показатель %u, %%", c + 1);
  g_string_append (text, "\r\n");
  for (guint r = 0; r < 120000; r++)
    {
      g_string_append_printf (text, "%u;\"МБОУ \"\"СОШ № %u\"\"\";Муниципальный район %u;%u",
                              100000 + r / 3, r / 3, r % 60, 2023 + r % 3);
      for (guint c = 0; c < 41; c++)
        g_string_append_printf (text, ";%u,%u", g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 10));
      g_string_append (text, "\r\n");
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  timer = g_timer_new ();
  reader = open_ok (path, NULL);
  opened = g_timer_elapsed (timer, NULL);
  g_assert_true (opora_reader_read_sheet (reader, 0, count_cells_cb, &cells, NULL, &error));
  seconds = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (cells, ==, 45 + 120000 * 45);
  g_test_minimized_result (seconds, "%.1f MB in %.3f s (opening %.3f s): %.0f MB/s",
                           text->len / 1e6, seconds, opened, text->len / 1e6 / seconds);
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/csv-reader/parsing", test_parsing);
  g_test_add_func ("/core/csv-reader/encodings", test_encodings);
  g_test_add_func ("/core/csv-reader/single-byte-guess", test_single_byte_guess);
  g_test_add_func ("/core/csv-reader/options", test_options);
  g_test_add_func ("/core/csv-reader/sheet", test_sheet);
  g_test_add_func ("/core/csv-reader/cell-limit", test_cell_limit);
  g_test_add_func ("/core/csv-reader/column-limit", test_column_limit);
  g_test_add_func ("/core/csv-reader/row-limit", test_row_limit);
  g_test_add_func ("/core/csv-reader/bad-text", test_bad_text);
  g_test_add_func ("/core/csv-reader/bad-options", test_bad_options);
  g_test_add_func ("/core/csv-reader/cancel", test_cancel);
  g_test_add_func ("/core/csv-reader/block-boundaries", test_block_boundaries);
  g_test_add_func ("/core/csv-reader/fuzz", test_fuzz);
  g_test_add_func ("/core/csv-reader/speed", test_speed);

  return g_test_run ();
}
