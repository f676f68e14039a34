/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The registry of mentors and tutors: adding, editing, archiving, assignments, importing a list. */

#include "opora-error.h"
#include "opora-person.h"
#include "test-util.h"

static void
test_registry (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("registry.opora");
  g_autoptr(GError) error = NULL;
  gint64 base = test_add_school (db, "001", "Город");
  gint64 weak = test_add_school (db, "002", "Город");
  g_autoptr(OporaPerson) mentor = opora_person_new (OPORA_ROLE_MENTOR, "  Иванова Анна Петровна ");
  g_autoptr(OporaPerson) tutor = opora_person_new (OPORA_ROLE_TUTOR, "Смирнов Павел Андреевич");
  g_autoptr(OporaPerson) nameless = opora_person_new (OPORA_ROLE_TUTOR, "   ");
  g_autoptr(OporaPerson) read = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  gint64 mentor_id, tutor_id, assignment;

  g_free (mentor->position), mentor->position = g_strdup ("директор");
  mentor->school_code = g_strdup ("001");
  g_free (mentor->email), mentor->email = g_strdup ("ivanova@school1.ru");
  mentor_id = opora_person_add (db, mentor, &error);
  g_assert_no_error (error);
  g_free (tutor->subject), tutor->subject = g_strdup ("математика");
  tutor->school_id = base;
  tutor_id = opora_person_add (db, tutor, &error);
  g_assert_no_error (error);

  g_assert_cmpint (opora_person_add (db, nameless, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_free (tutor->email), tutor->email = g_strdup ("smirnov.school1.ru");
  g_assert_cmpint (opora_person_add (db, tutor, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_free (tutor->school_code), tutor->school_code = g_strdup ("999");
  tutor->school_id = 0;
  g_free (tutor->email), tutor->email = g_strdup ("");
  g_assert_cmpint (opora_person_add (db, tutor, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  read = opora_person_get (db, mentor_id, &error);
  g_assert_cmpstr (read->full_name, ==, "Иванова Анна Петровна");
  g_assert_cmpint (read->school_id, ==, base);
  g_assert_cmpstr (read->school_code, ==, "001");
  g_assert_cmpstr (read->position, ==, "директор");
  g_assert_cmpint (opora_person_find (db, OPORA_ROLE_MENTOR, "ИВАНОВА анна петровна", &error), ==, mentor_id);
  g_assert_cmpint (opora_person_find (db, OPORA_ROLE_TUTOR, "Иванова Анна Петровна", &error), ==, 0);

  assignment = opora_assignment_add (db, mentor_id, weak, 2026, "управленческая команда", &error);
  g_assert_no_error (error);
  g_assert_cmpint (opora_assignment_add (db, mentor_id, weak, 2026, NULL, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025/26"));
  g_clear_error (&error);
  g_assert_cmpint (opora_assignment_add (db, mentor_id, base, 2026, NULL, &error), ==, 0);  /* their own school */
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (opora_assignment_add (db, tutor_id, weak, 2025, NULL, &error), >, 0);
  assignments = opora_assignment_list (db, 0, 2026, &error);
  g_assert_cmpuint (assignments->len, ==, 1);
  g_assert_cmpstr (((OporaAssignment *) assignments->pdata[0])->school_code, ==, "002");
  g_assert_cmpstr (((OporaAssignment *) assignments->pdata[0])->note, ==, "управленческая команда");
  g_clear_pointer (&assignments, g_ptr_array_unref);
  assignments = opora_assignment_list (db, tutor_id, 0, &error);
  g_assert_cmpuint (assignments->len, ==, 1);
  g_assert_true (opora_assignment_delete (db, assignment, &error));
  g_assert_false (opora_assignment_delete (db, assignment, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (opora_person_set_archived (db, tutor_id, TRUE, &error));
  people = opora_person_list (db, FALSE, &error);
  g_assert_cmpuint (people->len, ==, 1);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = opora_person_list (db, TRUE, &error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_true (((OporaPerson *) people->pdata[1])->archived);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = test_workspace_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_import (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("import.opora");
  g_autoptr(GError) error = NULL;
  g_autofree char *good = write_file ("people.csv",
    "Список наставников и тьюторов на 2025/26 учебный год\n"
    "ФИО;Роль;Должность;Код ОО;Предмет;Телефон;Электронная почта;Закреплённые школы (коды)\n"
    "Иванова Анна Петровна;наставник;директор;001;;+7 900 000-00-01;ivanova@mail.ru;002, 003\n"
    "Смирнов Павел Андреевич;Тьютор;учитель;СОШ № 001;математика;;;003\n"
    ";;;;;;;\n");
  g_autofree char *bad = write_file ("bad.csv",
    "ФИО;Роль;Код ОО;Закреплённые школы (коды)\n"
    "Кузнецова Елена;наставник;001;002\n"
    "Орлов Иван;учитель;001;003\n");
  g_autofree char *unknown = write_file ("unknown.csv",
    "ФИО;Роль;Код ОО;Закреплённые школы (коды)\n"
    "Кузнецова Елена;наставник;001;077\n");
  OporaPersonImport report = { 0 };

  test_add_school (db, "001", "Город");
  test_add_school (db, "002", "Город");
  test_add_school (db, "003", "Город");

  g_assert_true (opora_person_import (db, good, NULL, 2026, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_added, ==, 2);
  g_assert_cmpuint (report.n_assigned, ==, 3);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person WHERE role = 'tutor' AND subject = 'математика'"
                                       " AND school_id = (SELECT id FROM school WHERE code = '001')"), ==, 1);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person_assignment WHERE year = 2026"), ==, 3);

  /* The same list again updates, and adds no assignment twice. */
  g_assert_true (opora_person_import (db, good, NULL, 2026, &report, &error));
  g_assert_cmpuint (report.n_added, ==, 0);
  g_assert_cmpuint (report.n_updated, ==, 2);
  g_assert_cmpuint (report.n_assigned, ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person"), ==, 2);

  /* A bad role in row 3, column B: nothing of the file is kept. */
  g_assert_false (opora_person_import (db, bad, NULL, 2026, &report, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“bad.csv”, row 3, column B: the role must be “наставник” or “тьютор”.");
  g_clear_error (&error);
  g_assert_false (opora_person_import (db, unknown, NULL, 2026, &report, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "row 2, column D"));
  g_assert_nonnull (strstr (error->message, "077"));
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person"), ==, 2);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM person_assignment"), ==, 3);

  /* A name two schools share is refused: only the code tells them apart. */
  {
    OporaSchool twin = { .code = (char *) "004", .name = (char *) "СОШ № 001", .municipality = (char *) "Село" };
    g_autofree char *twice = write_file ("twice.csv", "ФИО;Роль;Школа\nКузнецова Елена;наставник;СОШ № 001\n");

    g_assert_cmpint (opora_school_insert (db, &twin, &error), >, 0);
    g_assert_false (opora_person_import (db, twice, NULL, 2026, &report, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "several schools are named"));
    g_clear_error (&error);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/person/registry", test_registry);
  g_test_add_func ("/person/import", test_import);
  return g_test_run ();
}
