/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of writing an import's problems as CSV and XLSX. */

#include <gsf/gsf.h>

#include "opora-autocleanups.h"
#include "opora-error.h"
#include "opora-import.h"
#include "opora-report.h"
#include "test-util.h"

static GPtrArray *
some_problems (void)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_problem_free);
  OporaProblem *a = g_new0 (OporaProblem, 1);
  OporaProblem *b = g_new0 (OporaProblem, 1);

  *a = (OporaProblem) { g_strdup ("2025"), 11, 27, OPORA_SEVERITY_ERROR, g_strdup ("сто \"двадцать\""),
                        g_strdup ("Not a number; the cell is not imported.") };
  *b = (OporaProblem) { g_strdup ("2025"), 14, G_MAXUINT32, OPORA_SEVERITY_WARNING, NULL,
                        g_strdup ("A total row: left out.") };
  g_ptr_array_add (problems, a);
  g_ptr_array_add (problems, b);
  return problems;
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) problems = some_problems ();
  g_autofree char *path = test_workspace_path ("report.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_report_write (problems, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==,
    "\xEF\xBB\xBF\"Sheet\";\"Row\";\"Column\";\"Severity\";\"Cell\";\"Problem\"\r\n"
    "\"2025\";\"12\";\"AB\";\"error\";\"сто \"\"двадцать\"\"\";\"Not a number; the cell is not imported.\"\r\n"
    "\"2025\";\"15\";\"\";\"warning\";\"\";\"A total row: left out.\"\r\n");
}

/* The text of a zip entry, named by its path as "xl/worksheets/sheet1.xml". */
static char *
zip_entry (const char *path,
           const char *name)
{
  g_autoptr(GsfInput) input = gsf_input_stdio_new (path, NULL);
  g_autoptr(GsfInfile) zip = gsf_infile_zip_new (input, NULL);
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  g_autoptr(GsfInput) entry = gsf_infile_child_by_aname (zip, (const char **) parts);
  gsf_off_t size = gsf_input_size (entry);

  return g_strndup ((const char *) gsf_input_read (entry, size, NULL), size);
}

static void
test_xlsx (void)
{
  g_autoptr(GPtrArray) problems = some_problems ();
  g_autofree char *path = test_workspace_path ("report.xlsx");
  g_autofree char *strings = NULL;
  g_autofree char *sheet = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_report_write (problems, path, &error));
  g_assert_no_error (error);
  strings = zip_entry (path, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "Not a number; the cell is not imported."));
  g_assert_nonnull (strstr (strings, "<t>сто \"двадцать\"</t>"));
  sheet = zip_entry (path, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"1\""));
  g_assert_nonnull (strstr (sheet, "<c r=\"B2\"><v>12</v></c>"));
}

static void
test_unwritable (void)
{
  g_autoptr(GPtrArray) problems = some_problems ();
  g_autoptr(GError) error = NULL;

  g_assert_false (opora_report_write (problems, "/nonexistent/folder/report.csv", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (opora_report_write (problems, "/nonexistent/folder/report.xlsx", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gsf_init ();

  g_test_add_func ("/core/report/csv", test_csv);
  g_test_add_func ("/core/report/xlsx", test_xlsx);
  g_test_add_func ("/core/report/unwritable", test_unwritable);

  return g_test_run ();
}
