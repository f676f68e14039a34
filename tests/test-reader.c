/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of recognising a spreadsheet by content and refusing what Opora cannot read. */

#include <gsf/gsf.h>

#include "opora-error.h"
#include "opora-reader-private.h"
#include "test-util.h"

static char *
write_file (const char *name,
            const char *content,
            gssize      length)
{
  g_autofree char *path = test_workspace_path (name);

  g_assert_true (g_file_set_contents (path, content, length, NULL));
  return g_steal_pointer (&path);
}

/* A zip with the given entries, each holding its own name as text. */
static char *
write_zip (const char  *name,
           const char **entries)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(GsfOutput) sink = gsf_output_stdio_new (path, NULL);
  g_autoptr(GsfOutfile) zip = gsf_outfile_zip_new (sink, NULL);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (entries[i], "/", -1);
      g_autoptr(GsfOutput) dir = g_object_ref (GSF_OUTPUT (zip));

      for (guint p = 0; parts[p + 1] != NULL; p++)
        {
          GsfOutput *sub = gsf_outfile_new_child (GSF_OUTFILE (dir), parts[p], TRUE);
          g_set_object (&dir, sub);
          g_object_unref (sub);
        }
      {
        g_autoptr(GsfOutput) child = gsf_outfile_new_child (GSF_OUTFILE (dir), parts[g_strv_length (parts) - 1], FALSE);
        gsf_output_puts (child, entries[i]);
        gsf_output_close (child);
      }
    }
  /* Closing the archive closes its folders and the file under it. */
  gsf_output_close (GSF_OUTPUT (zip));
  return g_steal_pointer (&path);
}

static char *
write_encrypted (const char *name)
{
  g_autofree char *path = test_workspace_path (name);
  g_autoptr(GsfOutput) sink = gsf_output_stdio_new (path, NULL);
  g_autoptr(GsfOutfile) ole = gsf_outfile_msole_new (sink);
  g_autoptr(GsfOutput) info = gsf_outfile_new_child (GSF_OUTFILE (ole), "EncryptionInfo", FALSE);
  g_autoptr(GsfOutput) package = gsf_outfile_new_child (GSF_OUTFILE (ole), "EncryptedPackage", FALSE);

  gsf_output_puts (info, "agile");
  gsf_output_close (info);
  gsf_output_puts (package, "ciphertext");
  gsf_output_close (package);
  gsf_output_close (GSF_OUTPUT (ole));
  return g_steal_pointer (&path);
}

static void
assert_refused (const char *path,
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
test_refusals (void)
{
  const char *xlsb[] = { "[Content_Types].xml", "xl/workbook.bin", "xl/worksheets/sheet1.bin", NULL };
  const char *other[] = { "readme.txt", "images/logo.png", NULL };
  g_autofree char *empty = write_file ("empty.csv", "", 0);
  g_autofree char *binary = write_file ("photo.xlsx", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autofree char *broken = write_file ("broken.xlsx", "PK\003\004\024\0\0\0\010\0garbage", 17);
  g_autofree char *xlsb_path = write_zip ("book.xlsb", xlsb);
  g_autofree char *other_path = write_zip ("archive.zip", other);
  g_autofree char *encrypted = write_encrypted ("secret.xlsx");
  g_autofree char *missing = test_workspace_path ("missing.csv");

  assert_refused (empty, OPORA_ERROR_FORMAT, "“empty.csv” is empty");
  assert_refused (binary, OPORA_ERROR_FORMAT, "not a spreadsheet");
  assert_refused (broken, OPORA_ERROR_FORMAT, "damaged");
  assert_refused (xlsb_path, OPORA_ERROR_FORMAT, ".xlsb");
  assert_refused (other_path, OPORA_ERROR_FORMAT, "archive");
  assert_refused (encrypted, OPORA_ERROR_ENCRYPTED, "password");
  assert_refused (missing, OPORA_ERROR_IO, "missing.csv");
}

static void
test_column_names (void)
{
  static const struct { guint32 col; const char *name; } cases[] = {
    { 0, "A" }, { 1, "B" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" }, { 51, "AZ" },
    { 52, "BA" }, { 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = opora_column_name (cases[i].col);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static gboolean
no_read (OporaReader   *reader,
         guint          index,
         OporaRowFunc   func,
         gpointer       user_data,
         GCancellable  *cancellable,
         GError       **error)
{
  return opora_reader_set_error_at (reader, error, OPORA_ERROR_FORMAT, 11, 2, "bad cell");
}

static void
test_error_position (void)
{
  static const OporaReaderClass klass = { "test", no_read, NULL };
  OporaReader *reader = g_new0 (OporaReader, 1);
  g_autoptr(GError) error = NULL;
  OporaMerge merge = { 0, 0, 1, 3 };

  opora_reader_init (reader, &klass, "/data/Отчёт 2025.xlsx");
  opora_reader_add_sheet (reader, "Лист1", FALSE);
  opora_reader_add_sheet (reader, "Скрытый", TRUE);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 2);
  g_assert_true (opora_reader_get_sheet (reader, 1)->hidden);
  g_assert_cmpstr (opora_reader_get_format (reader), ==, "test");

  opora_reader_add_merge (reader, 0, &merge);
  g_assert_false (opora_reader_read_sheet (reader, 0, NULL, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "“Отчёт 2025.xlsx”, row 12, column C: bad cell");
  /* Reading a sheet again starts its merges afresh. */
  g_assert_cmpuint (opora_reader_get_merges (reader, 0)->len, ==, 0);
  opora_reader_free (reader);
}

static void
test_zip_dates (void)
{
  /* 2024-09-01 08:30:00: year 44 after 1980, month 9, day 1; 8 h, 30 min, 0 s. */
  guint32 good = (44u << 25) | (9u << 21) | (1u << 16) | (8u << 11) | (30u << 5);

  g_assert_true (opora_zip_dostime_valid (0));
  g_assert_true (opora_zip_dostime_valid (good));
  g_assert_false (opora_zip_dostime_valid ((44u << 25) | (13u << 21) | (1u << 16)));  /* month 13 */
  g_assert_false (opora_zip_dostime_valid ((44u << 25) | (2u << 21) | (30u << 16)));  /* 30 February */
  g_assert_false (opora_zip_dostime_valid (good | (25u << 11)));                       /* hour 25 */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gsf_init ();

  g_test_add_func ("/core/reader/refusals", test_refusals);
  g_test_add_func ("/core/reader/column-names", test_column_names);
  g_test_add_func ("/core/reader/error-position", test_error_position);
  g_test_add_func ("/core/reader/zip-dates", test_zip_dates);

  return g_test_run ();
}
