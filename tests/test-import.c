/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of checking and committing an import: problems by row and column, counts, writes. */

#include "opora-error.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "table-reader.h"
#include "test-util.h"

#define W 5

/* A department's table: a title, a header, a row of column numbers, three
 * schools (one municipality written once), a total row and a repeated school. */
static const char *table_a[] = {
  "Результаты ЕГЭ 2025", "", "", "", "",
  "Код ОО", "Наименование ОО", "Муниципалитет", "ЕГЭ русский язык средний балл", "Доля детей из малообеспеченных семей, %",
  "1", "2", "3", "4", "5",
  "040001", "МБОУ «СОШ № 1»", "Заречный МО", "71,5", "12,3",
  "040002", "МБОУ «СОШ № 2»", "", "0", "н/д",
  "040003", "МБОУ «СОШ № 3»", "", "сто", "150",
  "", "Итого по МО", "", "70", "15",
  "040001", "МБОУ «СОШ № 1»", "", "72", "1",
  NULL,
};

static OporaImport *
checked_import (OporaDb            *db,
                OporaReader        *reader,
                guint               width,
                const char * const *cells,
                int                 year)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(OporaSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  OporaImport *import;

  table_reader_add (reader, "Лист1", width, cells);
  sheet = opora_sheet_load (reader, opora_reader_get_n_sheets (reader) - 1, 30, NULL, &error);
  g_assert_no_error (error);
  import = opora_import_new (db, reader, &error);
  g_assert_no_error (error);
  opora_import_add_sheet (import, opora_reader_get_n_sheets (reader) - 1,
                          opora_layout_detect (sheet, indicators), year);
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return import;
}

static void
assert_problem (OporaProblem  *p,
                guint32        row,
                guint32        col,
                OporaSeverity  severity,
                const char    *needle)
{
  g_test_message ("row %u col %u: %s", p->row, p->col, p->message);
  g_assert_cmpuint (p->row, ==, row);
  g_assert_cmpuint (p->col, ==, col);
  g_assert_cmpint (p->severity, ==, severity);
  g_assert_nonnull (strstr (p->message, needle));
}

static double
stored (OporaDb    *db,
        const char *code,
        const char *key,
        int         year)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT v.value FROM indicator_value v JOIN school s ON s.id = v.school_id"
    " JOIN indicator i ON i.id = v.indicator_id WHERE s.code = '%s' AND i.key = '%s' AND v.year = %d",
    code, key, year);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, NULL);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_double (stmt, 0) : -1;
}

static void
test_check_and_commit (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("import.opora");
  g_autofree char *path = test_workspace_path ("a.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = checked_import (db, reader, W, table_a, 2025);
  const OporaImportCounts *c = opora_import_get_counts (import);
  GPtrArray *problems = opora_import_get_problems (import);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaSchool) second = NULL;
  gint64 batch;

  g_assert_cmpuint (c->rows, ==, 5);
  g_assert_cmpuint (c->rows_skipped, ==, 2);
  g_assert_cmpuint (c->schools_new, ==, 3);
  g_assert_cmpuint (c->schools_matched, ==, 0);
  g_assert_cmpuint (c->values_new, ==, 2);
  g_assert_cmpuint (c->values_missing, ==, 2);
  g_assert_cmpuint (c->errors, ==, 3);
  g_assert_cmpuint (c->warnings, ==, 5);
  g_assert_cmpuint (problems->len, ==, 8);
  assert_problem (problems->pdata[0], 3, 0, OPORA_SEVERITY_WARNING, "New school");
  assert_problem (problems->pdata[1], 4, 0, OPORA_SEVERITY_WARNING, "New school");
  assert_problem (problems->pdata[2], 4, 3, OPORA_SEVERITY_WARNING, "nobody sat the exam");
  assert_problem (problems->pdata[3], 5, 0, OPORA_SEVERITY_WARNING, "New school");
  assert_problem (problems->pdata[4], 5, 3, OPORA_SEVERITY_ERROR, "Not a number");
  g_assert_cmpstr (((OporaProblem *) problems->pdata[4])->cell_text, ==, "сто");
  assert_problem (problems->pdata[5], 5, 4, OPORA_SEVERITY_ERROR, "Outside the valid range");
  assert_problem (problems->pdata[6], 6, G_MAXUINT32, OPORA_SEVERITY_WARNING, "total row");
  assert_problem (problems->pdata[7], 7, G_MAXUINT32, OPORA_SEVERITY_ERROR, "appears twice for 2025 (first in row 4)");
  g_assert_cmpstr (((OporaProblem *) problems->pdata[7])->sheet, ==, "Лист1");

  /* Nothing is written by the check. */
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);

  batch = opora_import_commit (import, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 3);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM indicator_value"), ==, 2);
  g_assert_cmpfloat (stored (db, "040001", "ege_rus_avg", 2025), ==, 71.5);
  g_assert_cmpfloat (stored (db, "040001", "sp_low_income_share", 2025), ==, 12.3);
  /* The municipality written once above its group holds for the rows below. */
  second = opora_school_get (db, 2, NULL);
  g_assert_cmpstr (second->code, ==, "040002");
  g_assert_cmpstr (second->municipality, ==, "Заречный МО");
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_problem"), ==, 8);
  g_assert_cmpint (test_query_int (db, "SELECT n_new FROM import_batch"), ==, 2);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school WHERE batch_id = 1"), ==, 3);
}

static void
test_same_file_twice (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("twice.opora");
  g_autofree char *path = test_workspace_path ("a.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) first = checked_import (db, reader, W, table_a, 2025);
  g_autoptr(OporaImport) second = NULL;
  gint64 batch = opora_import_commit (first, NULL, NULL, NULL, NULL);

  g_assert_cmpint (opora_import_get_earlier_batch (first), ==, 0);
  second = checked_import (db, reader, W, table_a, 2025);
  g_assert_cmpint (opora_import_get_earlier_batch (second), ==, batch);
  g_assert_cmpstr (opora_import_get_sha256 (second), ==, opora_import_get_sha256 (first));
  /* Read again, every value is the same as stored and no school is new. */
  g_assert_cmpuint (opora_import_get_counts (second)->values_same, ==, 2);
  g_assert_cmpuint (opora_import_get_counts (second)->values_new, ==, 0);
  g_assert_cmpuint (opora_import_get_counts (second)->schools_new, ==, 0);
  /* Imported again all the same, it rewrites nothing and has nothing to undo. */
  g_assert_cmpint (opora_import_commit (second, NULL, NULL, NULL, NULL), ==, batch + 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school_year_value WHERE batch_id = 2"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_undo"), ==, 0);
}

static void
test_match_by_name_and_change (void)
{
  static const char *table_b[] = {
    "Наименование", "Код", "ЕГЭ русский язык средний балл",
    "МБОУ СОШ №2", "", "65",
    "СОШ № 1", "040001", "73",
    "СОШ № 4", "040004", "60",
    "МБОУ «СОШ № 3»", "040033", "58",
    NULL,
  };
  g_autoptr(OporaDb) db = test_workspace_new ("match.opora");
  g_autofree char *path_a = test_workspace_path ("a.csv");
  g_autofree char *path_b = test_workspace_path ("b.csv");
  g_autoptr(OporaReader) reader_a = table_reader_new (path_a);
  g_autoptr(OporaReader) reader_b = table_reader_new (path_b);
  g_autoptr(OporaImport) a = checked_import (db, reader_a, W, table_a, 2025);
  g_autoptr(OporaImport) b = NULL;
  const OporaImportCounts *c;
  GPtrArray *problems;

  opora_import_commit (a, NULL, NULL, NULL, NULL);
  b = checked_import (db, reader_b, 3, table_b, 2025);
  c = opora_import_get_counts (b);
  problems = opora_import_get_problems (b);
  g_assert_cmpuint (c->schools_new, ==, 2);
  g_assert_cmpuint (c->schools_matched, ==, 2);
  g_assert_cmpuint (c->values_new, ==, 3);
  g_assert_cmpuint (c->values_changed, ==, 1);
  g_assert_cmpuint (problems->len, ==, 4);
  assert_problem (problems->pdata[0], 1, 0, OPORA_SEVERITY_WARNING, "matched to the school of the same name");
  assert_problem (problems->pdata[1], 2, 2, OPORA_SEVERITY_WARNING, "Replaces the stored value 71.5 with 73.");
  assert_problem (problems->pdata[2], 3, 1, OPORA_SEVERITY_WARNING, "New school");
  /* A new code for a name the workspace knows: added, but the user is told. */
  assert_problem (problems->pdata[3], 4, 1, OPORA_SEVERITY_WARNING, "a school of the same name is already");

  g_assert_cmpint (opora_import_commit (b, NULL, NULL, NULL, NULL), >, 0);
  g_assert_cmpfloat (stored (db, "040002", "ege_rus_avg", 2025), ==, 65);
  g_assert_cmpfloat (stored (db, "040001", "ege_rus_avg", 2025), ==, 73);
  g_assert_cmpfloat (stored (db, "040001", "sp_low_income_share", 2025), ==, 12.3);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 5);
}

static void
test_year_from_column (void)
{
  static const char *table[] = {
    "Код", "Год", "ОГЭ математика средняя отметка", "ОГЭ русский язык средняя отметка",
    "01", "2023/24", "3,9", "4,1",
    "01", "2025", "4", "4,2",
    "02", "", "3,5", "3,6",
    NULL,
  };
  g_autoptr(OporaDb) db = test_workspace_new ("years.opora");
  g_autofree char *path = test_workspace_path ("years.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = checked_import (db, reader, 4, table, 0);
  GPtrArray *problems = opora_import_get_problems (import);

  g_assert_cmpuint (opora_import_get_counts (import)->values_new, ==, 4);
  /* The third row names no year and the sheet has none: refused. */
  assert_problem (problems->pdata[problems->len - 1], 3, 1, OPORA_SEVERITY_ERROR, "No year");
  opora_import_commit (import, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat (stored (db, "01", "oge_math_avg", 2024), ==, 3.9);
  g_assert_cmpfloat (stored (db, "01", "oge_rus_avg", 2025), ==, 4.2);
}

static void
test_long_table (void)
{
  static const char *table[] = {
    "Код ОО", "Год", "Показатель", "Значение",
    "01", "2025", "ЕГЭ, русский язык: средний балл", "71,5",
    "01", "2025", "ege_mathp_avg", "60",
    "01", "2024", "Доля детей из многодетных семей", "12",
    "02", "2025", "ЕГЭ, русский язык: средний балл", "68",
    "02", "2025", "Средний рост учеников", "150",
    "01", "2025", "ege_mathp_avg", "61",
    NULL,
  };
  g_autoptr(OporaDb) db = test_workspace_new ("long.opora");
  g_autofree char *path = test_workspace_path ("long.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = checked_import (db, reader, 4, table, 0);
  const OporaImportCounts *c = opora_import_get_counts (import);
  GPtrArray *problems = opora_import_get_problems (import);

  g_assert_cmpuint (c->values_new, ==, 4);
  g_assert_cmpuint (c->rows_skipped, ==, 2);
  g_assert_cmpuint (c->schools_new, ==, 2);
  assert_problem (problems->pdata[problems->len - 2], 5, 2, OPORA_SEVERITY_ERROR, "No catalogue indicator");
  assert_problem (problems->pdata[problems->len - 1], 6, G_MAXUINT32, OPORA_SEVERITY_ERROR, "appears twice for 2025 (first in row 3)");
  opora_import_commit (import, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat (stored (db, "01", "ege_rus_avg", 2025), ==, 71.5);
  g_assert_cmpfloat (stored (db, "01", "ege_mathp_avg", 2025), ==, 60);
  g_assert_cmpfloat (stored (db, "01", "sp_large_family_share", 2024), ==, 12);
  g_assert_cmpfloat (stored (db, "02", "ege_rus_avg", 2025), ==, 68);
}

static OporaImport *
import_with_decisions (OporaDb     *db,
                       OporaReader *reader,
                       const char  *key,
                       gint64       school_id)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(OporaSheet) sheet = opora_sheet_load (reader, 0, 30, NULL, NULL);
  OporaImport *import = opora_import_new (db, reader, NULL);

  opora_import_add_sheet (import, 0, opora_layout_detect (sheet, indicators), 2025);
  if (key != NULL)
    opora_import_decide (import, key, school_id);
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, NULL));
  return import;
}

static void
test_school_decisions (void)
{
  static const char *known[] = {
    "Код", "Наименование", "ЕГЭ русский язык средний балл",
    "01", "МБОУ «СОШ № 1»", "70",
    "02", "МБОУ «СОШ № 2»", "71",
    NULL,
  };
  static const char *arriving[] = {
    "Код", "Наименование", "ЕГЭ русский язык средний балл",
    "099", "МБОУ СОШ № 11", "60",
    "", "СОШ № 2", "61",
    NULL,
  };
  g_autoptr(OporaDb) db = test_workspace_new ("decide.opora");
  g_autofree char *path_a = test_workspace_path ("known.csv");
  g_autofree char *path_b = test_workspace_path ("arriving.csv");
  g_autoptr(OporaReader) reader_a = table_reader_new (path_a);
  g_autoptr(OporaReader) reader_b = table_reader_new (path_b);
  g_autoptr(OporaImport) a = checked_import (db, reader_a, 3, known, 2025);
  g_autoptr(OporaImport) guess = NULL;
  g_autoptr(OporaImport) decided = NULL;
  GPtrArray *decisions;
  OporaSchoolDecision *d0, *d1;

  opora_import_commit (a, NULL, NULL, NULL, NULL);
  table_reader_add (reader_b, "2025", 3, arriving);
  guess = import_with_decisions (db, reader_b, NULL, 0);
  decisions = opora_import_get_decisions (guess);
  g_assert_cmpuint (decisions->len, ==, 2);
  d0 = decisions->pdata[0];
  d1 = decisions->pdata[1];
  /* A new code: added as new, with the existing СОШ № 1 (one letter off) offered. */
  g_assert_cmpstr (d0->key, ==, "099");
  g_assert_cmpint (d0->matched_id, ==, 0);
  g_assert_cmpuint (d0->row, ==, 1);
  g_assert_cmpuint (d0->candidates->len, >=, 1);
  g_assert_cmpstr (((OporaSchool *) d0->candidates->pdata[0])->code, ==, "01");
  /* No code: matched to СОШ № 2 by name alone. */
  g_assert_cmpstr (d1->key, ==, "name:сош2");
  g_assert_cmpint (d1->matched_id, ==, 2);
  g_assert_cmpuint (opora_import_get_counts (guess)->schools_new, ==, 1);

  /* The user says 099 is school 01: its value goes there, nothing is added. */
  decided = import_with_decisions (db, reader_b, "099", 1);
  g_assert_cmpuint (opora_import_get_counts (decided)->schools_new, ==, 0);
  g_assert_cmpuint (opora_import_get_counts (decided)->values_changed, ==, 2);
  opora_import_commit (decided, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat (stored (db, "01", "ege_rus_avg", 2025), ==, 60);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 2);
}

/* Schools and values of a workspace, as text, to compare two ways of importing. */
static char *
workspace_state (OporaDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT group_concat (line, ';') FROM (SELECT s.code || '=' || ifnull (v.year, '') || ':' || ifnull (v.vals, '')"
    " || '@' || ifnull (m.name, '') AS line FROM school s LEFT JOIN school_year_value v ON v.school_id = s.id"
    " LEFT JOIN municipality m ON m.id = s.municipality_id ORDER BY s.code, v.year)", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static OporaImport *
unchecked_import (OporaDb            *db,
                  OporaReader        *reader,
                  guint               width,
                  const char * const *cells)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  g_autoptr(OporaSheet) sheet = NULL;
  OporaImport *import;

  table_reader_add (reader, "Лист1", width, cells);
  sheet = opora_sheet_load (reader, opora_reader_get_n_sheets (reader) - 1, 30, NULL, NULL);
  import = opora_import_new (db, reader, NULL);
  opora_import_add_sheet (import, opora_reader_get_n_sheets (reader) - 1, opora_layout_detect (sheet, indicators), 2025);
  return import;
}

/* A long table sorted by indicator names each new school's year again
 * after other schools: checked and committed at once, in file order, the
 * later values join the row written before. */
static void
test_long_table_at_once (void)
{
  static const char *table[] = {
    "Код ОО", "Год", "Показатель", "Значение",
    "01", "2025", "ege_rus_avg", "71,5",
    "02", "2025", "ege_rus_avg", "68",
    "01", "2025", "ege_mathp_avg", "60",
    "02", "2025", "ege_mathp_avg", "55",
    NULL,
  };
  g_autoptr(OporaDb) db = test_workspace_new ("long-at-once.opora");
  g_autofree char *path = test_workspace_path ("long-at-once.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = unchecked_import (db, reader, 4, table);
  g_autoptr(GError) error = NULL;
  gint64 batch = opora_import_check_and_commit (import, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (batch, ==, 1);
  g_assert_cmpfloat (stored (db, "01", "ege_rus_avg", 2025), ==, 71.5);
  g_assert_cmpfloat (stored (db, "01", "ege_mathp_avg", 2025), ==, 60);
  g_assert_cmpfloat (stored (db, "02", "ege_rus_avg", 2025), ==, 68);
  g_assert_cmpfloat (stored (db, "02", "ege_mathp_avg", 2025), ==, 55);
}

/* Checks then commits, or with @at_once does both on two threads. */
static gint64
run_import (OporaImport  *import,
            gboolean      at_once,
            GError      **error)
{
  if (at_once)
    return opora_import_check_and_commit (import, NULL, NULL, NULL, error);
  return opora_import_check (import, NULL, NULL, NULL, error) ? opora_import_commit (import, NULL, NULL, NULL, error) : 0;
}

static void
test_check_and_commit_at_once (void)
{
  static const char *second[] = {
    "Код ОО", "Наименование ОО", "ЕГЭ русский язык средний балл", "Доля детей из малообеспеченных семей, %",
    "040001", "МБОУ «СОШ № 1»", "73", "12,3",
    "040009", "МБОУ «СОШ № 9»", "64", "",
    NULL,
  };
  g_autoptr(OporaDb) one = test_workspace_new ("one.opora");
  g_autoptr(OporaDb) other = test_workspace_new ("other.opora");
  g_autofree char *a_path = test_workspace_path ("a.csv");
  g_autofree char *b_path = test_workspace_path ("b.csv");
  g_autofree char *one_state = NULL;
  g_autofree char *other_state = NULL;
  g_autoptr(GError) error = NULL;
  OporaDb *dbs[] = { one, other };

  /* The same two imports, checked then committed into one workspace and
   * checked and committed at once into the other, end the same. */
  for (guint d = 0; d < 2; d++)
    for (guint f = 0; f < 2; f++)
      {
        g_autoptr(OporaReader) reader = table_reader_new (f == 0 ? a_path : b_path);
        g_autoptr(OporaImport) import = unchecked_import (dbs[d], reader, f == 0 ? W : 4,
                                                          f == 0 ? table_a : second);
        gint64 batch = run_import (import, d == 1, &error);

        g_assert_no_error (error);
        g_assert_cmpint (batch, ==, f + 1);
        g_assert_cmpuint (opora_import_get_counts (import)->values_new, ==, f == 0 ? 2 : 1);
        g_assert_cmpuint (opora_import_get_counts (import)->values_changed, ==, f == 0 ? 0 : 1);
        g_assert_cmpuint (opora_import_get_problems (import)->len, ==, f == 0 ? 8 : 2);
      }
  one_state = workspace_state (one);
  other_state = workspace_state (other);
  g_assert_cmpstr (other_state, ==, one_state);
  g_assert_cmpint (test_query_int (other, "SELECT n_new FROM import_batch WHERE id = 1"), ==, 2);
  g_assert_cmpint (test_query_int (other, "SELECT n_changed FROM import_batch WHERE id = 2"), ==, 1);
  g_assert_cmpint (test_query_int (other, "SELECT count(*) FROM import_problem"), ==, 10);
  g_assert_cmpfloat (stored (other, "040001", "ege_rus_avg", 2025), ==, 73);
}

/* 5,000 schools, a few cells empty or wrong: rows reach the writer in
 * many batches (more than may wait at once), in buffers it hands back to
 * be filled again. */
static void
test_check_and_commit_many (void)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = test_workspace_path ("many.csv");
  char *states[2] = { NULL, NULL };
  const guint n_schools = 5000;

  g_ptr_array_add (cells, g_strdup ("Код ОО"));
  g_ptr_array_add (cells, g_strdup ("Наименование ОО"));
  g_ptr_array_add (cells, g_strdup ("ЕГЭ русский язык средний балл"));
  g_ptr_array_add (cells, g_strdup ("Доля детей из малообеспеченных семей, %"));
  for (guint i = 0; i < n_schools; i++)
    {
      g_ptr_array_add (cells, g_strdup_printf ("05%04u", i));
      g_ptr_array_add (cells, g_strdup_printf ("МБОУ «СОШ № %u»", i));
      g_ptr_array_add (cells, i % 97 == 0 ? g_strdup ("") : g_strdup_printf ("%u,%u", 40 + i % 60, i % 10));
      g_ptr_array_add (cells, i % 89 == 0 ? g_strdup ("много") : g_strdup_printf ("%u", i % 100));
    }
  g_ptr_array_add (cells, NULL);

  for (guint d = 0; d < 2; d++)
    {
      g_autofree char *name = g_strdup_printf ("many-%u.opora", d);
      g_autoptr(OporaDb) db = test_workspace_new (name);
      g_autoptr(OporaReader) reader = table_reader_new (path);
      g_autoptr(OporaImport) import = unchecked_import (db, reader, 4, (const char * const *) cells->pdata);
      g_autoptr(GError) error = NULL;
      gint64 batch = run_import (import, d == 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (batch, ==, 1);
      /* Every school's two values but the 52 empty and the 57 wrong cells. */
      g_assert_cmpuint (opora_import_get_counts (import)->values_new, ==, 2 * n_schools - 52 - 57);
      /* School 0 has neither value: a row with nothing to import adds no school. */
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school"), ==, n_schools - 1);
      g_assert_cmpfloat (stored (db, "054998", "ege_rus_avg", 2025), ==, 58.8);
      g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM school WHERE code = '050000'"), ==, 0);
      states[d] = workspace_state (db);
    }
  g_assert_cmpstr (states[1], ==, states[0]);
  g_free (states[0]);
  g_free (states[1]);
}

static void
test_check_and_commit_cancelled (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("stop.opora");
  g_autofree char *path = test_workspace_path ("a.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = unchecked_import (db, reader, W, table_a);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (opora_import_check_and_commit (import, cancellable, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_batch"), ==, 0);
}

static void
test_cancelled_commit (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("cancel.opora");
  g_autofree char *path = test_workspace_path ("a.csv");
  g_autoptr(OporaReader) reader = table_reader_new (path);
  g_autoptr(OporaImport) import = checked_import (db, reader, W, table_a, 2025);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (opora_import_commit (import, cancellable, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM import_batch"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/import/check-and-commit", test_check_and_commit);
  g_test_add_func ("/core/import/same-file-twice", test_same_file_twice);
  g_test_add_func ("/core/import/match-by-name-and-change", test_match_by_name_and_change);
  g_test_add_func ("/core/import/year-from-column", test_year_from_column);
  g_test_add_func ("/core/import/long-table", test_long_table);
  g_test_add_func ("/core/import/school-decisions", test_school_decisions);
  g_test_add_func ("/core/import/cancelled-commit", test_cancelled_commit);
  g_test_add_func ("/core/import/check-and-commit-at-once", test_check_and_commit_at_once);
  g_test_add_func ("/core/import/check-and-commit-many", test_check_and_commit_many);
  g_test_add_func ("/core/import/long-table-at-once", test_long_table_at_once);
  g_test_add_func ("/core/import/check-and-commit-cancelled", test_check_and_commit_cancelled);

  return g_test_run ();
}
