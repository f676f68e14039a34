/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the road-map workbooks, read back with Opora's own reader and compared cell by cell. */

#include <gsf/gsf.h>

#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-export.h"
#include "opora-reader.h"
#include "test-util.h"

/* An Excel serial day as YYYY-MM-DD: 45901 → 2025-09-01. */
static char *
serial_to_iso (double serial)
{
  g_autoptr(GDate) d = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  char text[16];

  g_date_add_days (d, (guint) serial);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", d);
  return g_strdup (text);
}

/* Every cell as text, dates as YYYY-MM-DD, numbers with %g; rows by their index. */
static gboolean
collect_row (const OporaRow  *row,
             gpointer         user_data,
             GError         **error)
{
  GPtrArray *rows = user_data;
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < row->n_cells; i++)
    {
      const OporaCell *cell = &row->cells[i];
      while (cells->len < cell->col)
        g_ptr_array_add (cells, g_strdup (""));
      if (cell->type == OPORA_CELL_TEXT)
        g_ptr_array_add (cells, g_strdup (cell->text));
      else if (cell->type == OPORA_CELL_DATE)
        g_ptr_array_add (cells, serial_to_iso (cell->number));
      else
        g_ptr_array_add (cells, g_strdup_printf ("%g", cell->number));
    }
  g_ptr_array_add (cells, NULL);
  while (rows->len < row->row)
    g_ptr_array_add (rows, g_new0 (char *, 1));
  g_ptr_array_add (rows, g_ptr_array_free (cells, FALSE));
  return TRUE;
}

static GPtrArray *
read_sheet (OporaReader *reader,
            guint        index)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_reader_read_sheet (reader, index, collect_row, rows, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

/* The row's cells joined with " | ", empty cells kept. */
static char *
row_text (GPtrArray *rows,
          guint      row)
{
  g_assert_cmpuint (row, <, rows->len);
  return g_strjoinv (" | ", rows->pdata[row]);
}

#define assert_row(rows, r, expected) \
  G_STMT_START { g_autofree char *_t = row_text (rows, r); g_assert_cmpstr (_t, ==, expected); } G_STMT_END

static gint64
make_program (OporaDb *db)
{
  g_autoptr(GError) error = NULL;
  gint64 school = test_add_school (db, "0042", "Город");
  gint64 p;
  g_autoptr(GPtrArray) measures = NULL;

  test_add_school (db, "0001", "Город");
  p = opora_program_create (db, school, 2026, "lesosibirsk", &error);
  g_assert_no_error (error);
  measures = opora_program_measures (db, p, &error);
  g_assert_true (opora_program_set (db, p, OPORA_PROGRAM_FIELD_BASE_SCHOOL, "0001", &error));
  g_assert_true (opora_measure_set (db, ((OporaMeasure *) measures->pdata[0])->id, OPORA_FIELD_STATUS, "done", &error));
  g_assert_true (opora_measure_set (db, ((OporaMeasure *) measures->pdata[1])->id, OPORA_FIELD_STATUS, "in-progress",
                                    &error));
  g_assert_no_error (error);
  return p;
}

/* One part of the workbook's zip, as text. */
static char *
zip_part (const char *path,
          const char *name)
{
  g_autoptr(GsfInput) file = gsf_input_stdio_new (path, NULL);
  g_autoptr(GsfInfile) zip = gsf_infile_zip_new (file, NULL);
  g_autoptr(GsfInput) part = NULL;
  g_auto(GStrv) names = g_strsplit (name, "/", -1);
  gsf_off_t size;

  g_assert_nonnull (zip);
  part = gsf_infile_child_by_aname (zip, (const char **) names);
  g_assert_nonnull (part);
  size = gsf_input_size (part);
  return g_strndup ((const char *) gsf_input_read (part, size, NULL), size);
}

/* Landscape A4, one page wide, the header frozen and repeated on every page. */
static void
assert_page_setup (const char *path)
{
  g_autofree char *sheet = zip_part (path, "xl/worksheets/sheet1.xml");
  g_autofree char *book = zip_part (path, "xl/workbook.xml");
  g_autofree char *styles = zip_part (path, "xl/styles.xml");

  g_assert_nonnull (strstr (sheet, "orientation=\"landscape\""));
  g_assert_nonnull (strstr (sheet, "paperSize=\"9\""));
  g_assert_nonnull (strstr (sheet, "fitToHeight=\"0\""));
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"7\" topLeftCell=\"A8\""));
  g_assert_nonnull (strstr (sheet, "<mergeCell ref=\"A1:H1\"/>"));
  g_assert_nonnull (strstr (styles, "wrapText=\"1\""));
  g_assert_nonnull (strstr (styles, "<left style=\"thin\">"));
  g_assert_nonnull (strstr (book, "_xlnm.Print_Titles"));
  g_assert_nonnull (strstr (book, "$7:$7"));
}

/* The title block, the header and the measures under their stages, exactly. */
static void
test_program (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("export-program.opora");
  g_autofree char *path = test_workspace_path ("road-map.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GPtrArray) sheet = NULL;
  gint64 p = make_program (db);

  g_assert_true (opora_export_program (db, p, "2025-11-15", path, &error));
  g_assert_no_error (error);
  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 1);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "0042");
  sheet = read_sheet (reader, 0);
  g_assert_cmpuint (sheet->len, ==, 19);
  assert_row (sheet, 0, "Road map of the support program");
  assert_row (sheet, 1, "School | СОШ № 0042 (0042)");
  assert_row (sheet, 2, "School year | 2025/26");
  assert_row (sheet, 3, "Goal | Устранение профессиональных дефицитов педагогов через освоение эффективной "
                        "образовательной практики в методическом кластере");
  assert_row (sheet, 4, "Base school | СОШ № 0001 (0001)");
  assert_row (sheet, 5, "");
  assert_row (sheet, 6, "No. | Measure | Start | End | Responsible | Participants | Report form | Status");
  assert_row (sheet, 7, "Организационно-методический блок");
  assert_row (sheet, 8, "1 | Формирование перечня направлений деятельности кластера с учётом выявленных "
                        "профессиональных дефицитов; согласование опорной школы | 2025-09-01 | 2025-09-30 | "
                        "Руководитель кластера | Руководители ШМО | Перечень направлений, приказ об опорной школе | done");
  assert_row (sheet, 9, "2 | Формирование пакета нормативно-правовой базы, экспертиза и утверждение программы, "
                        "формирование состава участников | 2025-10-01 | 2025-10-31 | Руководитель опорной школы | "
                        "Управленческая команда | Программа кластера, список участников | in progress — overdue");
  assert_row (sheet, 12, "Практико-ориентированный блок");
  assert_row (sheet, 15, "Аналитико-рефлексивный блок");
  assert_row (sheet, 18, "9 | Измерение результативности деятельности кластера; рефлексия | 2026-05-01 | 2026-05-31 | "
                         "Руководитель кластера | Управленческая команда, руководители ШМО | "
                         "Отчёт о результативности (баллы по критериям) | planned");

  assert_page_setup (path);

  g_assert_false (opora_export_program (db, 999, "2025-11-15", path, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

/* A summary sheet with a row per program, then a sheet per program. */
static void
test_all (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("export-programs.opora");
  g_autofree char *path = test_workspace_path ("road-maps.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GPtrArray) summary = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 p = make_program (db);
  gint64 other = test_add_school (db, "0050", "Город");

  g_assert_cmpint (opora_program_create (db, other, 2026, NULL, &error), >, 0);
  g_assert_cmpint (opora_program_copy_to_next_year (db, p, &error), >, 0);
  g_assert_true (opora_export_programs (db, 2026, "2025-11-15", path, &error));
  g_assert_no_error (error);
  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==, 3);
  g_assert_cmpstr (opora_reader_get_sheet (reader, 0)->name, ==, "Summary");
  g_assert_cmpstr (opora_reader_get_sheet (reader, 1)->name, ==, "0042");
  g_assert_cmpstr (opora_reader_get_sheet (reader, 2)->name, ==, "0050");
  summary = read_sheet (reader, 0);
  g_assert_cmpuint (summary->len, ==, 4);
  assert_row (summary, 0, "Support programs");
  assert_row (summary, 1, "No. | School code | School | School year | Base school | Measures | Done | Overdue | "
                          "Score (of 16) | Monitoring status");
  assert_row (summary, 2, "1 | 0042 | СОШ № 0042 | 2025/26 | СОШ № 0001 | 9 | 1 | 1 | 10 | needs attention");
  assert_row (summary, 3, "2 | 0050 | СОШ № 0050 | 2025/26 | — | 0 | 0 | 0 | 4 | at risk");
  second = read_sheet (reader, 2);
  g_assert_cmpuint (second->len, ==, 7);
  assert_row (second, 4, "Base school | —");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/program-export/program", test_program);
  g_test_add_func ("/program-export/all", test_all);
  return g_test_run ();
}
