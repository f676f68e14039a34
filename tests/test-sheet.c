/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of holding a sheet's first rows in memory, from any reader. */

#include "opora-reader-private.h"
#include "opora-sheet.h"

/* A reader of 10 rows: row r has a text in column r % 3 and a number in column 5. */
static gboolean
ten_rows (OporaReader   *reader,
          guint          index,
          OporaRowFunc   func,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  OporaMerge merge = { 0, 0, 0, 2 };

  for (guint32 r = 0; r < 10; r++)
    {
      g_autofree char *text = g_strdup_printf ("строка %u", r);
      OporaCell cells[] = {
        { r % 3, OPORA_CELL_TEXT, 0, text },
        { 5, r == 4 ? OPORA_CELL_BOOL : OPORA_CELL_NUMBER, r == 4 ? 1 : r * 1.5, NULL },
      };
      OporaRow row = { r * 2, G_N_ELEMENTS (cells), cells };

      if (!func (&row, user_data, error))
        return FALSE;
    }
  opora_reader_add_merge (reader, index, &merge);
  return TRUE;
}

static OporaReader *
fake_reader (void)
{
  static const OporaReaderClass klass = { "fake", ten_rows, NULL };
  OporaReader *reader = g_new0 (OporaReader, 1);

  opora_reader_init (reader, &klass, "/tmp/fake.xlsx");
  opora_reader_add_sheet (reader, "Лист1", FALSE);
  return reader;
}

static void
test_load_all (void)
{
  g_autoptr(OporaReader) reader = fake_reader ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaSheet) sheet = opora_sheet_load (reader, 0, G_MAXUINT, NULL, &error);
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  g_autofree char *boolean = NULL;

  g_assert_no_error (error);
  g_assert_true (opora_sheet_is_complete (sheet));
  g_assert_cmpuint (opora_sheet_get_n_rows (sheet), ==, 10);
  g_assert_cmpuint (opora_sheet_get_n_cols (sheet), ==, 6);
  g_assert_cmpuint (opora_sheet_get_row (sheet, 7), ==, 14);
  g_assert_null (opora_sheet_get_cell (sheet, 7, 0));
  g_assert_cmpstr (opora_sheet_get_cell (sheet, 7, 1)->text, ==, "строка 7");
  g_assert_cmpfloat (opora_sheet_get_cell (sheet, 7, 5)->number, ==, 10.5);
  text = opora_sheet_dup_text (sheet, 2, 2);
  number = opora_sheet_dup_text (sheet, 7, 5);
  boolean = opora_sheet_dup_text (sheet, 4, 5);
  g_assert_cmpstr (text, ==, "строка 2");
  g_assert_cmpstr (number, ==, "10.5");
  g_assert_cmpstr (boolean, ==, "TRUE");
  g_assert_null (opora_sheet_dup_text (sheet, 2, 3));
  g_assert_cmpuint (opora_sheet_get_merges (sheet)->len, ==, 1);
}

static void
test_load_first_rows (void)
{
  g_autoptr(OporaReader) reader = fake_reader ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaSheet) sheet = opora_sheet_load (reader, 0, 4, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (opora_sheet_is_complete (sheet));
  g_assert_cmpuint (opora_sheet_get_n_rows (sheet), ==, 4);
  g_assert_cmpuint (opora_sheet_get_row (sheet, 3), ==, 6);
}

static void
test_from_text (void)
{
  const char *cells[] = {
    "Код", NULL, "Балл",
    NULL, "", NULL,
    "001", "СОШ № 1", "71,5",
  };
  g_autoptr(OporaSheet) sheet = opora_sheet_new_from_text (cells, 3, 3);

  /* The empty row is not kept, as readers do not deliver one. */
  g_assert_cmpuint (opora_sheet_get_n_rows (sheet), ==, 2);
  g_assert_cmpuint (opora_sheet_get_row (sheet, 1), ==, 2);
  g_assert_null (opora_sheet_get_cell (sheet, 0, 1));
  g_assert_cmpstr (opora_sheet_get_cell (sheet, 1, 2)->text, ==, "71,5");
  g_assert_cmpint (opora_sheet_get_cell (sheet, 1, 0)->type, ==, OPORA_CELL_TEXT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sheet/load-all", test_load_all);
  g_test_add_func ("/core/sheet/load-first-rows", test_load_first_rows);
  g_test_add_func ("/core/sheet/from-text", test_from_text);

  return g_test_run ();
}
