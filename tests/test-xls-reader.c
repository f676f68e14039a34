/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the XLS reader on workbooks written by python3-xlwt (tests/fixtures/xls). */

#include <string.h>

#include "opora-error.h"
#include "opora-reader-private.h"
#include "test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "xls", name, NULL);
}

/* Each cell as "A1 n 1.5", "B2 t text", with \n escaped, one line each:
 * n number, b bool, d date, t text, e error. */
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
      for (const char *p = cell->text; p != NULL && *p != '\0'; p++)
        {
          if (*p == '\n')
            g_string_append (out, "\\n");
          else
            g_string_append_c (out, *p);
        }
      if (cell->text == NULL)
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
open_xls (const char *path)
{
  g_autoptr(GError) error = NULL;
  OporaReader *reader = opora_reader_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "xls");
  return reader;
}

/* The cells by libfreexl; which sheet is hidden ("Служебный") and the merged
 * title (A1:B1) from the workbook's own records. */
static void
test_sheets (void)
{
  g_autofree char *path = fixture_path ("schools.xls");
  g_autoptr(OporaReader) reader = open_xls (path);
  static const struct { const char *name; const char *cells; } sheets[] = {
    { "2024",
      "A1 t ВПР математика 5 класс\n"
      "A2 t Код\nB2 t Школа\nC2 t Учеников\nD2 t Доля «2», %\n"
      "A3 n 101\nB3 t МБОУ «СОШ № 1»\nC3 n 523\nD3 n 12.5\n"
      "A4 n 102\nB4 t Гимназия\\nим. Пушкина\nD4 n -0.25\n"
      "A6 d 45536\nB6 d 45536.75\nC6 d 0.5\nE6 n 1000000000\n" },
    { "Пустой", "" },
    { "Служебный", "A1 t скрытый\n" },
    { "2023", "C1 n 2023\n" },
  };

  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, G_N_ELEMENTS (sheets));
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = G_N_ELEMENTS (sheets); i-- > 0;)
      {
        const OporaSheetInfo *info = opora_reader_get_sheet (reader, i);
        g_autofree char *cells = dump_sheet (reader, i);

        GArray *merges = opora_reader_get_merges (reader, i);

        g_assert_cmpstr (info->name, ==, sheets[i].name);
        g_assert_cmpint (info->hidden, ==, (i == 2));
        g_assert_cmpstr (cells, ==, sheets[i].cells);
        g_assert_cmpuint (merges->len, ==, (i == 0 ? 1 : 0));
        if (i == 0)
          {
            const OporaMerge *m = &g_array_index (merges, OporaMerge, 0);

            g_assert_cmpuint (m->first_row, ==, 0);
            g_assert_cmpuint (m->last_row, ==, 0);
            g_assert_cmpuint (m->first_col, ==, 0);
            g_assert_cmpuint (m->last_col, ==, 1);
          }
      }
}

static void
test_dates_1904 (void)
{
  g_autofree char *path = fixture_path ("dates-1904.xls");
  g_autoptr(OporaReader) reader = open_xls (path);
  g_autofree char *cells = dump_sheet (reader, 0);

  g_assert_cmpstr (cells, ==, "A1 d 45536\n");
}

static char *
write_file (const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = test_workspace_path (name);

  g_assert_true (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  return g_steal_pointer (&path);
}

/* Damaged files go to opora_xls_reader_open() itself: the format sniffing
 * in opora_reader_open() walks the OLE2 directory with libgsf first, which
 * logs a critical on some truncated files. */
static void
test_truncated (void)
{
  g_autofree char *fixture = fixture_path ("schools.xls");
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (fixture, &data, &length, NULL));
  for (gsize cut = 512; cut < length; cut += 1024)
    {
      g_autofree char *path = write_file ("truncated.xls", data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaReader) reader = opora_xls_reader_open (path, &error);

      g_test_message ("cut at %" G_GSIZE_FORMAT, cut);
      g_assert_null (reader);
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
      g_assert_true (g_str_has_prefix (error->message, "“truncated.xls”"));
    }
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture_path ("schools.xls");
  g_autoptr(OporaReader) reader = open_xls (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (opora_reader_read_sheet (reader, 0, dump_row_cb, out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (out->str, ==, "");
}

static gboolean
check_row_cb (const OporaRow  *row,
              gpointer         user_data,
              GError         **error)
{
  gint64 *last_row = user_data;

  g_assert_cmpint ((gint64) row->row, >, *last_row);
  *last_row = row->row;
  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];

      g_assert_true (i == 0 || cell->col > row->cells[i - 1].col);
      g_assert_true ((cell->text != NULL) == (cell->type == OPORA_CELL_TEXT));
      g_assert_true (cell->text == NULL || g_utf8_validate (cell->text, -1, NULL));
    }
  return TRUE;
}

/* Deterministic byte mutations of a fixture: each opens and reads, or
 * fails with an error; libfreexl must not crash on any of them. A few
 * damaged workbook records keep freexl_open() busy for most of a second. */
static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19970101);
  g_autofree char *fixture = fixture_path ("schools.xls");
  g_autofree char *data = NULL;
  gsize length = 0;
  guint read = 0;

  g_assert_true (g_file_get_contents (fixture, &data, &length, NULL));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *copy = g_memdup2 (data, length);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaReader) reader = NULL;

      for (guint n = g_rand_int_range (rand, 1, 5); n > 0; n--)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 0, 256);
      path = write_file ("fuzz.xls", copy, length);
      reader = opora_xls_reader_open (path, &error);
      if (reader == NULL)
        {
          g_assert_true (error->domain == OPORA_ERROR);
          continue;
        }
      for (guint s = 0; s < opora_reader_get_n_sheets (reader); s++)
        {
          gint64 last_row = -1;

          g_assert_true (g_utf8_validate (opora_reader_get_sheet (reader, s)->name, -1, NULL));
          if (opora_reader_read_sheet (reader, s, check_row_cb, &last_row, NULL, &error))
            read++;
          else
            g_assert_true (error->domain == OPORA_ERROR);
          g_clear_error (&error);
        }
    }
  g_assert_cmpuint (read, >, 100);
}

/* libfreexl 1.0.6 leaks part of what it read when freexl_open() fails on
 * a damaged file, even though the handle is closed; LeakSanitizer calls
 * this hook in the sanitizer build and other builds never do. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfreexl.so\n";
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* libgsf warns, and checks its arguments loudly (criticals), on the damaged OLE2
   * structures of fuzzed files as the reader reads the workbook's hidden sheets and merges
   * with it, then gives up on the file: that is not a failure here (the reader itself
   * reports through GError only, and the sanitizer build checks libgsf's memory use). */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  g_test_add_func ("/core/xls-reader/sheets", test_sheets);
  g_test_add_func ("/core/xls-reader/dates-1904", test_dates_1904);
  g_test_add_func ("/core/xls-reader/truncated", test_truncated);
  g_test_add_func ("/core/xls-reader/cancel", test_cancel);
  g_test_add_func ("/core/xls-reader/fuzz", test_fuzz);

  return g_test_run ();
}
