/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of support programs: templates, edits, undo and redo, reordering, overdue, copies, runs. */

#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-journal.h"
#include "opora-program-template.h"
#include "test-util.h"

/* Every row of the program and measure tables, as text, to compare states exactly. */
static char *
dump (OporaDb *db)
{
  GString *out = g_string_new (NULL);
  const char *tables[] = { "SELECT * FROM program ORDER BY id", "SELECT * FROM measure ORDER BY id" };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, tables[t], NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                  ? "∅" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

static OporaMeasure *
measure_new (const char *title,
             const char *start,
             const char *end)
{
  OporaMeasure *m = g_new0 (OporaMeasure, 1);

  m->stage = g_strdup ("Этап");
  m->title = g_strdup (title);
  m->start = g_strdup (start);
  m->end = g_strdup (end);
  m->responsible = g_strdup ("Заместитель директора");
  m->participants = g_strdup ("Педагоги");
  m->report_form = g_strdup ("Справка");
  m->note = g_strdup ("");
  m->target = OPORA_TARGET_TEACHERS;
  return m;
}

static gint64
add (OporaDb    *db,
     gint64      program_id,
     const char *title,
     const char *start,
     const char *end)
{
  g_autoptr(OporaMeasure) m = measure_new (title, start, end);
  g_autoptr(GError) error = NULL;
  gint64 id = opora_measure_add (db, program_id, m, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
empty_program (OporaDb *db,
               int      year)
{
  g_autoptr(GError) error = NULL;
  gint64 school = test_add_school (db, "0101", "Город");
  gint64 id = opora_program_create (db, school, year, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* Months from August of the school year to dates, exactly. */
static void
test_template_dates (void)
{
  static const struct {
    int year, start, end;
    const char *first, *last;
  } cases[] = {
    { 2026, 0, 1, "2025-08-01", "2025-09-30" },
    { 2026, 4, 4, "2025-12-01", "2025-12-31" },
    { 2026, 5, 6, "2026-01-01", "2026-02-28" },
    { 2024, 6, 6, "2024-02-01", "2024-02-29" },  /* leap year */
    { 2026, 11, 11, "2026-07-01", "2026-07-31" },
    { 2026, 12, 12, "2026-08-01", "2026-08-31" }, /* the next school year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;

      opora_program_template_dates (cases[i].year, cases[i].start, cases[i].end, &start, &end);
      g_assert_cmpstr (start, ==, cases[i].first);
      g_assert_cmpstr (end, ==, cases[i].last);
    }
}

/* The four seeds ship, each with its measures. */
static void
test_template_builtin (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-builtin.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = opora_program_template_list (db, &error);
  static const struct { const char *name; guint n; } expected[] = {
    { "armavir", 17 }, { "lesosibirsk", 9 }, { "pavlovsky", 18 }, { "safonovo", 23 },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      OporaProgramTemplate *tmpl = list->pdata[i];
      g_assert_cmpstr (tmpl->name, ==, expected[i].name);
      g_assert_cmpuint (tmpl->measures->len, ==, expected[i].n);
      g_assert_true (tmpl->builtin);
    }
}

/* Lesosibirsk's nine monthly steps land in 2025/26 exactly. */
static void
test_template_instantiate (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-instantiate.opora");
  g_autoptr(GError) error = NULL;
  gint64 school = test_add_school (db, "0007", "Город");
  gint64 id = opora_program_create (db, school, 2026, "lesosibirsk", &error);
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(OporaProgram) p = NULL;
  static const char *dates[][2] = {
    { "2025-09-01", "2025-09-30" }, { "2025-10-01", "2025-10-31" }, { "2025-11-01", "2025-11-30" },
    { "2025-12-01", "2025-12-31" }, { "2026-01-01", "2026-02-28" }, { "2026-02-01", "2026-03-31" },
    { "2026-03-01", "2026-03-31" }, { "2026-04-01", "2026-04-30" }, { "2026-05-01", "2026-05-31" },
  };

  g_assert_no_error (error);
  measures = opora_program_measures (db, id, &error);
  g_assert_cmpuint (measures->len, ==, 9);
  for (guint i = 0; i < 9; i++)
    {
      OporaMeasure *m = measures->pdata[i];
      g_assert_cmpstr (m->start, ==, dates[i][0]);
      g_assert_cmpstr (m->end, ==, dates[i][1]);
      g_assert_cmpint (m->position, ==, i + 1);
      g_assert_cmpint (m->status, ==, OPORA_MEASURE_PLANNED);
    }
  g_assert_cmpstr (((OporaMeasure *) measures->pdata[0])->stage, ==, "Организационно-методический блок");
  p = opora_program_get (db, id, &error);
  g_assert_cmpstr (p->template_name, ==, "lesosibirsk");
  g_assert_cmpint (p->first_year, ==, 2026);
  g_assert_cmpuint (p->n_measures, ==, 9);
  g_assert_true (g_str_has_prefix (p->goal, "Устранение профессиональных дефицитов"));

  g_assert_cmpint (opora_program_create (db, school, 2026, "no-such", &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

/* Every shipped template fits the school year: August 2025 to July 2026 for 2026. */
static void
test_template_all_years (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-years.opora");
  g_autoptr(GPtrArray) list = opora_program_template_list (db, NULL);
  static const char *first[][3] = {
    { "armavir", "2025-09-01", "2025-10-31" },
    { "lesosibirsk", "2025-09-01", "2025-09-30" },
    { "pavlovsky", "2025-08-01", "2025-08-31" },
    { "safonovo", "2025-08-01", "2025-08-31" },
  };

  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GPtrArray) measures = opora_program_template_instantiate (list->pdata[i], 2026);
      OporaMeasure *m = measures->pdata[0];

      g_assert_cmpstr (((OporaProgramTemplate *) list->pdata[i])->name, ==, first[i][0]);
      g_assert_cmpstr (m->start, ==, first[i][1]);
      g_assert_cmpstr (m->end, ==, first[i][2]);
      for (guint j = 0; j < measures->len; j++)
        {
          m = measures->pdata[j];
          g_assert_cmpstr (m->start, >=, "2025-08-01");
          g_assert_cmpstr (m->end, <=, "2026-07-31");
          g_assert_cmpstr (m->start, <=, m->end);
        }
    }
}

/* Several fields changed through opora_measure_update() are one edit. */
static void
test_update_one_edit (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-update.opora");
  g_autoptr(GError) error = NULL;
  gint64 p = empty_program (db, 2026);
  gint64 a = add (db, p, "A", "2025-09-01", "2025-09-30");
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  g_autoptr(OporaMeasure) m = opora_measure_get (db, a, &error);

  g_assert_true (opora_measure_apply (m, OPORA_FIELD_STATUS, "done", &error));
  g_assert_true (opora_measure_apply (m, OPORA_FIELD_DONE_DATE, "2025-09-29", &error));
  g_assert_true (opora_measure_apply (m, OPORA_FIELD_CYCLIC, "yes", &error));
  g_assert_true (opora_measure_update (db, m, &error));
  g_assert_no_error (error);
  g_clear_pointer (&m, opora_measure_free);
  m = opora_measure_get (db, a, &error);
  g_assert_cmpint (m->status, ==, OPORA_MEASURE_DONE);
  g_assert_cmpstr (m->done_date, ==, "2025-09-29");
  g_assert_true (m->cyclic);
  g_assert_true (opora_program_undo (db, NULL, &error));
  after = dump (db);
  g_assert_cmpstr (after, ==, before);
}

/* A damaged template names the file and what is wrong. */
static void
test_template_malformed (void)
{
  static const struct { const char *json; const char *says; } cases[] = {
    { "{ \"name\": \"x\", ", "x.json" },
    { "[1, 2]", "one JSON object" },
    { "{\"name\": \"\", \"title\": \"T\", \"measures\": []}", "“name” and “title”" },
    { "{\"name\": \"x\", \"title\": \"T\"}", "“measures” must be a list" },
    { "{\"name\": \"x\", \"title\": \"T\", \"measures\": [{\"title\": \"\", \"start\": 0, \"end\": 0}]}",
      "measure 1: the measure has no title" },
    { "{\"name\": \"x\", \"title\": \"T\", \"measures\": [{\"title\": \"A\", \"start\": 0, \"end\": 0},"
      " {\"title\": \"B\", \"start\": 5, \"end\": 2}]}", "measure 2: “start” and “end”" },
    { "{\"name\": \"x\", \"title\": \"T\", \"measures\": [{\"title\": \"A\", \"start\": 0, \"end\": 0,"
      " \"target\": \"cats\"}]}", "“cats” is not a target group" },
    { "{\"name\": \"x\", \"title\": \"T\", \"measures\": [{\"title\": 5, \"start\": 0, \"end\": 0}]}",
      "“title” must be text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaProgramTemplate) tmpl = opora_program_template_parse (cases[i].json, -1, "x.json", &error);

      g_assert_null (tmpl);
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "“x.json”"));
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
    }
}

static void
test_template_file (void)
{
  g_autofree char *path = test_workspace_path ("broken.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaProgramTemplate) tmpl = NULL;
  g_autoptr(OporaProgramTemplate) good = NULL;
  g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", "armavir.json", NULL);

  g_assert_true (g_file_set_contents (path, "{\"name\": \"broken\", \"title\": \"T\", \"measures\": [", -1, NULL));
  tmpl = opora_program_template_load_file (path, &error);
  g_assert_null (tmpl);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  good = opora_program_template_load_file (shipped, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (good->name, ==, "armavir");
}

/* A program saved as a template gives the same months in another year. */
static void
test_template_save (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-save.opora");
  g_autoptr(GError) error = NULL;
  gint64 school = test_add_school (db, "0008", "Город");
  gint64 id = opora_program_create (db, school, 2026, "lesosibirsk", &error);
  gint64 other = test_add_school (db, "0009", "Город");
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(OporaProgramTemplate) tmpl = NULL;
  gint64 copy;

  g_assert_no_error (error);
  g_assert_true (opora_program_template_save (db, id, "наш", "Наш шаблон", &error));
  g_assert_no_error (error);
  g_assert_false (opora_program_template_save (db, id, "наш", NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_program_template_save (db, id, "armavir", NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);

  tmpl = opora_program_template_find (db, "наш", &error);
  g_assert_no_error (error);
  g_assert_false (tmpl->builtin);
  g_assert_cmpuint (tmpl->measures->len, ==, 9);
  copy = opora_program_create (db, other, 2027, "наш", &error);
  g_assert_no_error (error);
  measures = opora_program_measures (db, copy, &error);
  g_assert_cmpstr (((OporaMeasure *) measures->pdata[0])->start, ==, "2026-09-01");
  g_assert_cmpstr (((OporaMeasure *) measures->pdata[4])->end, ==, "2027-02-28");
  g_assert_cmpstr (((OporaMeasure *) measures->pdata[8])->end, ==, "2027-05-31");
}

/* Each undo returns the tables to the state before the edit, byte for byte; redo forward. */
static void
test_undo_redo (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-undo.opora");
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 school, other, program, second, a, b, c;

  school = test_add_school (db, "0201", "Город");
  other = test_add_school (db, "0202", "Город");
  test_add_school (db, "0203", "Город");
  g_ptr_array_add (states, dump (db));
  program = opora_program_create (db, school, 2026, "armavir", &error);
  g_ptr_array_add (states, dump (db));
  second = opora_program_create (db, other, 2026, NULL, &error);
  g_ptr_array_add (states, dump (db));
  a = add (db, second, "Первое", "2025-09-01", "2025-09-30");
  g_ptr_array_add (states, dump (db));
  b = add (db, second, "Второе", "2025-10-01", "2025-10-31");
  g_ptr_array_add (states, dump (db));
  c = opora_measure_duplicate (db, a, &error);
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_measure_set (db, b, OPORA_FIELD_TITLE, "Второе, уточнённое", &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_measure_set (db, c, OPORA_FIELD_STATUS, "done", &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_measure_move (db, b, 1, &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_program_set (db, program, OPORA_PROGRAM_FIELD_BASE_SCHOOL, "0203", &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_measure_transfer (db, a, program, &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_measure_delete (db, c, &error));
  g_ptr_array_add (states, dump (db));
  g_assert_true (opora_program_delete (db, program, &error));
  g_ptr_array_add (states, dump (db));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==, 1);

  g_assert_cmpstr ((label = opora_program_dup_undo_label (db)), ==, "Delete a program");
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;
      g_assert_true (opora_program_undo (db, NULL, &error));
      g_assert_no_error (error);
      now = dump (db);
      g_assert_cmpstr (now, ==, states->pdata[i - 1]);
    }
  g_assert_false (opora_program_undo (db, NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;
      g_assert_true (opora_program_redo (db, NULL, &error));
      now = dump (db);
      g_assert_cmpstr (now, ==, states->pdata[i]);
    }
  g_assert_false (opora_program_redo (db, NULL, &error));
  g_clear_error (&error);

  /* Undo twice, edit: the two undone edits can no longer be redone. */
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_true (opora_program_set (db, second, OPORA_PROGRAM_FIELD_GOAL, "Новая цель", &error));
  g_assert_false (opora_program_redo (db, NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_assert_null (opora_program_dup_redo_label (db));
}

static void
assert_order (OporaDb     *db,
              gint64       program_id,
              const char  *expected)
{
  g_autoptr(GPtrArray) measures = opora_program_measures (db, program_id, NULL);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < measures->len; i++)
    {
      OporaMeasure *m = measures->pdata[i];
      g_assert_cmpint (m->position, ==, i + 1);
      g_string_append_printf (order, "%s%s", i ? " " : "", m->title);
    }
  g_assert_cmpstr (order->str, ==, expected);
}

static void
test_reorder (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-reorder.opora");
  g_autoptr(GError) error = NULL;
  gint64 p = empty_program (db, 2026);
  gint64 a = add (db, p, "A", "2025-09-01", "2025-09-30");
  gint64 b = add (db, p, "B", "2025-09-01", "2025-09-30");
  gint64 c = add (db, p, "C", "2025-09-01", "2025-09-30");
  gint64 d = add (db, p, "D", "2025-09-01", "2025-09-30");

  assert_order (db, p, "A B C D");
  g_assert_true (opora_measure_move (db, a, 3, &error));
  assert_order (db, p, "B C A D");
  g_assert_true (opora_measure_move (db, d, 1, &error));
  assert_order (db, p, "D B C A");
  g_assert_true (opora_measure_move (db, b, 99, &error));
  assert_order (db, p, "D C A B");
  g_assert_true (opora_measure_move (db, c, 0, &error));
  assert_order (db, p, "C D A B");
  g_assert_cmpint (opora_measure_duplicate (db, d, &error), >, 0);
  assert_order (db, p, "C D D A B");
  g_assert_true (opora_measure_delete (db, c, &error));
  assert_order (db, p, "D D A B");
  g_assert_true (opora_program_undo (db, NULL, &error));
  assert_order (db, p, "C D D A B");
  g_assert_no_error (error);
}

static void
test_overdue (void)
{
  static const struct {
    const char *end;
    OporaMeasureStatus status;
    const char *today;
    gboolean overdue;
  } cases[] = {
    { "2025-10-31", OPORA_MEASURE_PLANNED, "2025-11-01", TRUE },
    { "2025-10-31", OPORA_MEASURE_PLANNED, "2025-10-31", FALSE },
    { "2025-10-31", OPORA_MEASURE_IN_PROGRESS, "2026-01-15", TRUE },
    { "2025-10-31", OPORA_MEASURE_DONE, "2026-01-15", FALSE },
    { "2025-10-31", OPORA_MEASURE_CANCELLED, "2026-01-15", FALSE },
    { "2026-05-31", OPORA_MEASURE_PLANNED, "2026-01-15", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OporaMeasure m = { .start = (char *) "2025-09-01", .end = (char *) cases[i].end, .status = cases[i].status };
      g_assert_cmpint (opora_measure_is_overdue (&m, cases[i].today), ==, cases[i].overdue);
    }
}

/* "This month": overdue or ending in the month, across programs, neither done nor cancelled. */
static void
test_due (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-due.opora");
  g_autoptr(GError) error = NULL;
  gint64 p = empty_program (db, 2026);
  gint64 school = test_add_school (db, "0102", "Город");
  gint64 q = opora_program_create (db, school, 2026, NULL, &error);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GString) titles = g_string_new (NULL);
  gint64 done;

  add (db, p, "late", "2025-09-01", "2025-10-31");
  add (db, p, "this month", "2025-11-01", "2025-11-30");
  add (db, q, "other program", "2025-09-01", "2025-11-15");
  add (db, q, "later", "2025-12-01", "2025-12-31");
  done = add (db, q, "done", "2025-09-01", "2025-09-30");
  g_assert_true (opora_measure_set (db, done, OPORA_FIELD_STATUS, "done", &error));
  due = opora_program_due (db, "2025-11-10", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    g_string_append_printf (titles, "%s;", ((OporaMeasure *) due->pdata[i])->title);
  g_assert_cmpstr (titles->str, ==, "late;other program;this month;");
  g_clear_pointer (&due, g_ptr_array_unref);
  due = opora_program_measures (db, p, &error);
  g_assert_cmpuint (opora_program_count_overdue (due, "2025-11-10"), ==, 1);
  g_assert_cmpuint (opora_program_count_overdue (due, "2025-12-01"), ==, 2);
  g_assert_null (opora_program_due (db, "10.11.2025", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

static void
test_copy (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-copy.opora");
  g_autoptr(GError) error = NULL;
  gint64 p = empty_program (db, 2024);
  gint64 a = add (db, p, "A", "2023-09-01", "2023-09-30");
  gint64 b = add (db, p, "B", "2024-02-01", "2024-02-29");
  gint64 c = add (db, p, "C", "2024-05-01", "2024-05-31");
  gint64 copy;
  g_autoptr(OporaProgram) q = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  OporaMeasure *m;

  g_assert_true (opora_measure_set (db, a, OPORA_FIELD_STATUS, "done", &error));
  g_assert_true (opora_measure_set (db, a, OPORA_FIELD_DONE_DATE, "2023-09-20", &error));
  g_assert_true (opora_measure_set (db, b, OPORA_FIELD_STATUS, "in-progress", &error));
  g_assert_true (opora_measure_set (db, c, OPORA_FIELD_STATUS, "cancelled", &error));
  g_assert_true (opora_program_set (db, p, OPORA_PROGRAM_FIELD_GOAL, "Цель", &error));
  copy = opora_program_copy_to_next_year (db, p, &error);
  g_assert_no_error (error);
  q = opora_program_get (db, copy, &error);
  g_assert_cmpint (q->first_year, ==, 2025);
  g_assert_cmpint (q->last_year, ==, 2025);
  g_assert_cmpstr (q->goal, ==, "Цель");
  measures = opora_program_measures (db, copy, &error);
  g_assert_cmpuint (measures->len, ==, 3);
  m = measures->pdata[0];
  g_assert_cmpstr (m->start, ==, "2024-09-01");
  g_assert_cmpstr (m->end, ==, "2024-09-30");
  g_assert_cmpint (m->status, ==, OPORA_MEASURE_PLANNED);
  g_assert_null (m->done_date);
  m = measures->pdata[1];
  g_assert_cmpstr (m->start, ==, "2025-02-01");
  g_assert_cmpstr (m->end, ==, "2025-02-28");
  g_assert_cmpint (m->status, ==, OPORA_MEASURE_PLANNED);
  g_assert_cmpint (((OporaMeasure *) measures->pdata[2])->status, ==, OPORA_MEASURE_CANCELLED);
  /* The copy is one edit. */
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==, 1);
}

/* A program per problem school of a run, with the accepted (else proposed) base school. */
static void
test_from_run (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-run.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) again = NULL;
  gint64 s[5];
  g_autofree char *sql = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("030%u", i + 1);
      s[i] = test_add_school (db, code, "Город");
    }
  sql = g_strdup_printf (
    "INSERT INTO analysis_run (id, created, year, model, params, n_clusters) VALUES (7, 'now', 2026, 'quadrant', '{}', 4);"
    "INSERT INTO cluster_member (run_id, school_id, cluster, rank, cluster_size, flags) VALUES"
    " (7, %1$" G_GINT64_FORMAT ", 1, 2, 2, 1), (7, %2$" G_GINT64_FORMAT ", 1, 1, 2, 2),"
    " (7, %3$" G_GINT64_FORMAT ", 3, 2, 2, 1), (7, %4$" G_GINT64_FORMAT ", 3, 1, 2, 2),"
    " (7, %5$" G_GINT64_FORMAT ", 3, 3, 3, 1);"
    "INSERT INTO school_pair (run_id, year, supported_id, base_id, status) VALUES"
    " (7, 2026, %1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 'accepted'),"
    " (7, 2026, %3$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'proposed'),"
    " (7, 2026, %5$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'rejected');",
    s[0], s[1], s[2], s[3], s[4]);
  g_assert_true (opora_db_exec (db, sql, &error));

  ids = opora_program_create_from_run (db, 7, "armavir", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  {
    g_autoptr(OporaProgram) a = opora_program_get (db, g_array_index (ids, gint64, 0), &error);
    g_autoptr(OporaProgram) b = opora_program_get (db, g_array_index (ids, gint64, 1), &error);
    g_autoptr(OporaProgram) c = opora_program_get (db, g_array_index (ids, gint64, 2), &error);

    g_assert_cmpstr (a->school_code, ==, "0301");
    g_assert_cmpstr (a->base_code, ==, "0302");
    g_assert_cmpstr (b->school_code, ==, "0303");
    g_assert_cmpstr (b->base_code, ==, "0304");
    g_assert_cmpstr (c->school_code, ==, "0305");
    g_assert_null (c->base_code);
    g_assert_cmpint (a->run_id, ==, 7);
    g_assert_cmpint (a->first_year, ==, 2027);
    g_assert_cmpuint (a->n_measures, ==, 17);
  }
  /* Again: every problem school has its program for 2027 already. */
  again = opora_program_create_from_run (db, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  /* One edit: one undo removes all three. */
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==, 0);
  g_assert_null (opora_program_create_from_run (db, 99, NULL, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

/* Bad input gets a named error and changes nothing. */
static void
test_bad_input (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-bad.opora");
  g_autoptr(GError) error = NULL;
  gint64 p = empty_program (db, 2026);
  gint64 a = add (db, p, "A", "2025-09-01", "2025-09-30");
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  g_autoptr(OporaMeasure) backwards = measure_new ("B", "2025-10-01", "2025-09-30");
  g_autoptr(OporaMeasure) untitled = measure_new ("   ", "2025-10-01", "2025-10-30");
  g_autoptr(OporaMeasure) fine = measure_new ("C", "2025-10-01", "2025-10-30");
  static const struct { OporaMeasureField field; const char *value; const char *says; } edits[] = {
    { OPORA_FIELD_END, "2025-08-31", "ends (2025-08-31) before it starts (2025-09-01)" },
    { OPORA_FIELD_START, "2025-10-01", "ends (2025-09-30) before it starts (2025-10-01)" },
    { OPORA_FIELD_TITLE, "  ", "needs a title" },
    { OPORA_FIELD_START, "2025-02-30", "is not a date" },
    { OPORA_FIELD_END, "30.09.2025", "is not a date" },
    { OPORA_FIELD_STATUS, "finished", "is not a measure status" },
    { OPORA_FIELD_TARGET, "cats", "is not a target group" },
    { OPORA_FIELD_DIRECTION, "north", "is not a direction" },
    { OPORA_FIELD_N_PARTICIPANTS, "-3", "is not a number of participants" },
    { OPORA_FIELD_DONE_DATE, "yesterday", "is not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_assert_false (opora_measure_set (db, a, edits[i].field, edits[i].value, &error));
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
      if (strstr (error->message, edits[i].says) == NULL)
        g_error ("edit %u: “%s” does not say “%s”", i, error->message, edits[i].says);
      g_clear_error (&error);
    }
  g_assert_cmpint (opora_measure_add (db, p, backwards, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (opora_measure_add (db, p, untitled, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_program_set (db, p, OPORA_PROGRAM_FIELD_STATUS, "closed", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_program_set (db, p, OPORA_PROGRAM_FIELD_BASE_SCHOOL, "0101", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_program_set (db, p, OPORA_PROGRAM_FIELD_LAST_YEAR, "2025", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (opora_program_create (db, 999, 2026, NULL, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (opora_program_create (db, 1, 1800, NULL, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  after = dump (db);
  g_assert_cmpstr (after, ==, before);

  /* A deleted program takes no measures, by add or by move; A stays where it was. */
  {
    gint64 school = test_add_school (db, "0199", "Город");
    gint64 q = opora_program_create (db, school, 2026, NULL, &error);

    g_assert_true (opora_program_delete (db, q, &error));
    g_assert_cmpint (opora_measure_add (db, q, fine, &error), ==, 0);
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "may have been deleted"));
    g_clear_error (&error);
    g_assert_false (opora_measure_transfer (db, a, q, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM measure WHERE program_id = 1"), ==, 1);
    g_assert_false (opora_measure_delete (db, 12345, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  }
}

/* The database refuses what the checks above missed. */
static void
test_constraints (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("program-check.opora");
  g_autoptr(GError) error = NULL;
  static const char *bad[] = {
    "INSERT INTO measure (program_id, title, start_date, end_date, position) VALUES ((SELECT max (id) FROM program), 'x', '2025-10-01', '2025-09-01', 1)",
    "INSERT INTO measure (program_id, title, start_date, end_date, position) VALUES ((SELECT max (id) FROM program), ' ', '2025-09-01', '2025-09-01', 1)",
    "INSERT INTO measure (program_id, title, start_date, end_date, position, status) VALUES ((SELECT max (id) FROM program), 'x', '2025-09-01', '2025-09-01', 1, 'finished')",
    "INSERT INTO measure (program_id, title, start_date, end_date, position) VALUES ((SELECT max (id) FROM program), 'x', '2025-9-1', '2025-09-01', 1)",
    "INSERT INTO measure (program_id, title, start_date, end_date, position, target_group) VALUES ((SELECT max (id) FROM program), 'x', '2025-09-01', '2025-09-01', 1, 'cats')",
    "INSERT INTO measure (program_id, title, start_date, end_date, position) VALUES ((SELECT max (id) + 100 FROM program), 'x', '2025-09-01', '2025-09-01', 1)",
  };

  g_assert_cmpint (empty_program (db, 2026), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (opora_db_exec (db, bad[i], &error));
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/program/template/dates", test_template_dates);
  g_test_add_func ("/program/template/builtin", test_template_builtin);
  g_test_add_func ("/program/template/instantiate", test_template_instantiate);
  g_test_add_func ("/program/template/all-years", test_template_all_years);
  g_test_add_func ("/program/template/malformed", test_template_malformed);
  g_test_add_func ("/program/template/file", test_template_file);
  g_test_add_func ("/program/template/save", test_template_save);
  g_test_add_func ("/program/undo-redo", test_undo_redo);
  g_test_add_func ("/program/update-one-edit", test_update_one_edit);
  g_test_add_func ("/program/reorder", test_reorder);
  g_test_add_func ("/program/overdue", test_overdue);
  g_test_add_func ("/program/due", test_due);
  g_test_add_func ("/program/copy", test_copy);
  g_test_add_func ("/program/from-run", test_from_run);
  g_test_add_func ("/program/bad-input", test_bad_input);
  g_test_add_func ("/program/constraints", test_constraints);
  return g_test_run ();
}
