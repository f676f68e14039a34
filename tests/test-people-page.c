/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Mentors and Tutors section driven on a demo workspace: the registry, the forms, bodies, rubric edits, import. */

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "opora-db.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-evaluation-form.h"
#include "opora-evaluation.h"
#include "opora-people-page.h"
#include "opora-person-editor.h"
#include "opora-rubric-editor.h"
#include "opora-school.h"
#include "opora-window.h"
#include "ui-util.h"

#define TODAY          "2026-05-20"   /* school year 2025/26 */
#define YEAR           2026
#define MENTOR_RUBRIC  1
#define CENTRE         "Муниципальный наставнический центр"

typedef struct {
  char        *dir;
  char        *path;
  OporaWindow *window;
  gint64       mentor;   /* Иванова, a mentor with one supported school */
  gint64       tutor;
} Fixture;

/* Finds @id in the section's views first: other sections and the drop-downs'
 * popovers reuse ids such as "search_entry". */
static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  GtkWidget *page = find_widget (GTK_WIDGET (fixture->window), "people_page");
  GtkWidget *views = page != NULL ? find_widget (page, "view_stack") : NULL;
  gpointer widget = views != NULL ? find_widget (views, id) : NULL;

  if (widget == NULL)
    widget = find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static OporaPeoplePage *
people_page (Fixture *fixture)
{
  return get_widget (fixture, "people_page");
}

static OporaDb *
fixture_db (Fixture *fixture)
{
  return opora_window_get_db (fixture->window);
}

static gint64
add_person (OporaDb     *db,
            OporaRole    role,
            const char  *name,
            gint64       school_id)
{
  g_autoptr(OporaPerson) p = opora_person_new (role, name);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->position), p->position = g_strdup (role == OPORA_ROLE_MENTOR ? "директор" : "учитель математики");
  p->school_id = school_id;
  id = opora_person_add (db, p, &error);
  g_assert_no_error (error);
  return id;
}

static void
make_demo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) schools = NULL;
  gint64 base, weak;

  fixture->path = g_build_filename (fixture->dir, "demo.opora", NULL);
  db = opora_db_open (fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  schools = opora_school_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schools->len, >=, 3);
  base = ((OporaSchool *) schools->pdata[0])->id;
  weak = ((OporaSchool *) schools->pdata[1])->id;
  fixture->mentor = add_person (db, OPORA_ROLE_MENTOR, "Иванова Анна Петровна", base);
  fixture->tutor = add_person (db, OPORA_ROLE_TUTOR, "Смирнов Павел Андреевич", base);
  add_person (db, OPORA_ROLE_MENTOR, "Кузнецова Елена Викторовна", 0);
  g_assert_cmpint (opora_assignment_add (db, fixture->mentor, weak, YEAR, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* The section's index among the window's sections, for win.show-section. */
static int
section_index (Fixture    *fixture,
               const char *name)
{
  AdwViewStack *stack = find_widget (GTK_WIDGET (fixture->window), "section_stack");
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      if (g_strcmp0 (adw_view_stack_page_get_name (page), name) == 0)
        return (int) i;
    }
  g_assert_not_reached ();
}

static void
open_window (Fixture      *fixture,
             OporaDbFlags  flags)
{
  g_autoptr(GError) error = NULL;

  fixture->window = g_object_ref (opora_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  opora_window_open (fixture->window, fixture->path, flags, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                  g_variant_new_int32 (section_index (fixture, "people")));
  opora_people_page_set_today (people_page (fixture), TODAY);
  drain_main_loop ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (find_widget (GTK_WIDGET (fixture->window), "section_stack")),
                   ==, "people");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-people-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo (fixture);
  open_window (fixture, OPORA_DB_FLAGS_NONE);
}

/* Closes the forms and dialogs a test left open, then the window. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      if (window != GTK_WINDOW (fixture->window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The first widget of @type under @root, depth first. */
static gpointer
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_children (gpointer widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gint64
query_int (OporaDb    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (opora_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* ---- The registry ---- */

static void
test_registry (Fixture       *fixture,
               gconstpointer  user_data)
{
  OporaPeoplePage *page = people_page (fixture);
  OporaDb *db = fixture_db (fixture);
  GtkListBox *list = get_widget (fixture, "people_list");
  g_autofree char *row_name = g_strdup_printf ("person-%" G_GINT64_FORMAT, fixture->mentor);
  OporaPersonEditor *editor;
  AdwActionRow *row;

  g_assert_cmpint (opora_people_page_get_year (page), ==, YEAR);
  g_assert_cmpuint (n_children (list), ==, 3);
  row = get_widget (fixture, row_name);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "директор"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Supports:"));
  ui_screenshot (GTK_WIDGET (fixture->window), "people-registry");

  /* Search by name and filter by role. */
  gtk_editable_set_text (get_widget (fixture, "search_entry"), "смирнов");
  opora_people_page_open_person (page, 0);
  g_signal_emit_by_name (get_widget (fixture, "search_entry"), "search-changed");
  g_assert_cmpuint (n_children (list), ==, 1);
  gtk_editable_set_text (get_widget (fixture, "search_entry"), "");
  g_signal_emit_by_name (get_widget (fixture, "search_entry"), "search-changed");
  gtk_drop_down_set_selected (get_widget (fixture, "role_dropdown"), 1);
  g_assert_cmpuint (n_children (list), ==, 2);
  gtk_drop_down_set_selected (get_widget (fixture, "role_dropdown"), 0);

  /* Add through the form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL));
  drain_main_loop ();
  editor = find_toplevel (OPORA_TYPE_PERSON_EDITOR);
  g_assert_nonnull (editor);
  gtk_editable_set_text (find_widget (GTK_WIDGET (editor), "name_row"), "Орлова Мария Сергеевна");
  adw_combo_row_set_selected (find_widget (GTK_WIDGET (editor), "role_row"), 1);
  gtk_editable_set_text (find_widget (GTK_WIDGET (editor), "position_row"), "учитель русского языка");
  gtk_editable_set_text (find_widget (GTK_WIDGET (editor), "subject_row"), "русский язык");
  adw_combo_row_set_selected (find_widget (GTK_WIDGET (editor), "school_row"), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (OPORA_TYPE_PERSON_EDITOR));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM person WHERE full_name = 'Орлова Мария Сергеевна'"
                                  " AND role = 'tutor' AND subject = 'русский язык' AND school_id IS NOT NULL"), ==, 1);
  g_assert_cmpuint (n_children (list), ==, 4);

  /* A nameless person is refused in the form, which stays open. */
  gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL);
  drain_main_loop ();
  editor = find_toplevel (OPORA_TYPE_PERSON_EDITOR);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) &&
                  find_toplevel (OPORA_TYPE_PERSON_EDITOR) == NULL);
  g_assert_true (gtk_revealer_get_reveal_child (find_widget (GTK_WIDGET (editor), "error_revealer")));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Archive takes the person out of the list; Show archived brings them back. */
  opora_people_page_open_person (page, fixture->tutor);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "people_stack")), ==, "person");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.archive", NULL));
  opora_people_page_open_person (page, 0);
  g_assert_cmpuint (n_children (list), ==, 3);
  gtk_check_button_set_active (get_widget (fixture, "archived_check"), TRUE);
  g_assert_cmpuint (n_children (list), ==, 4);
}

/* Sets the choice of criterion @n (1-based) to the option of @points. */
static void
choose (OporaEvaluationForm *form,
        guint                n,
        double               points)
{
  g_autofree char *name = g_strdup_printf ("criterion-%u", n);
  GtkWidget *row = find_widget (GTK_WIDGET (form), name);
  GtkDropDown *dropdown;

  g_assert_nonnull (row);
  dropdown = find_type (row, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown, (guint) points + 1);  /* item 0 is "Not scored" */
}

static char *
total_text (OporaEvaluationForm *form)
{
  return opora_evaluation_form_dup_total_text (form);
}

static void
test_evaluate (Fixture       *fixture,
               gconstpointer  user_data)
{
  OporaPeoplePage *page = people_page (fixture);
  OporaDb *db = fixture_db (fixture);
  OporaEvaluationForm *form;
  g_autofree char *text = NULL;
  g_autoptr(OporaEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  const double scores[] = { 2, 1, 1, 1, 0 };

  opora_people_page_open_person (page, fixture->mentor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.evaluate", NULL));
  drain_main_loop ();
  form = find_toplevel (OPORA_TYPE_EVALUATION_FORM);
  g_assert_nonnull (form);
  g_assert_cmpuint (adw_combo_row_get_selected (find_widget (GTK_WIDGET (form), "rubric_row")), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (find_widget (GTK_WIDGET (form), "year_spin")), ==, YEAR);
  text = total_text (form);
  g_assert_cmpstr (text, ==, "0 of 12 — неудовлетворительный");

  /* The total and level follow each choice: 2+1+1+1 = 5 is unsatisfactory, one more is 6. */
  for (guint i = 0; i < 5; i++)
    choose (form, i + 1, scores[i]);
  g_free (text), text = total_text (form);
  g_assert_cmpstr (text, ==, "5 of 12 — неудовлетворительный");
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (form), "total_label"), "error"));
  choose (form, 6, 1);
  g_free (text), text = total_text (form);
  g_assert_cmpstr (text, ==, "6 of 12 — удовлетворительный");
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (form), "total_label"), "warning"));
  choose (form, 6, 0);
  gtk_editable_set_text (find_widget (GTK_WIDGET (form), "comment-1"), "Положение утверждено");
  gtk_editable_set_text (find_widget (GTK_WIDGET (form), "evidence-1"), "Приказ № 12");
  gtk_editable_set_text (find_widget (GTK_WIDGET (form), "evaluator_row"), "Методист ИМЦ");
  ui_screenshot (GTK_WIDGET (form), "evaluation-form");

  /* A bad date is refused in the form, which stays open. */
  gtk_editable_set_text (find_widget (GTK_WIDGET (form), "date_row"), "2026-13-01");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  drain_main_loop ();
  g_assert_true (gtk_revealer_get_reveal_child (find_widget (GTK_WIDGET (form), "error_revealer")));
  g_assert_nonnull (strstr (gtk_label_get_text (find_widget (GTK_WIDGET (form), "error_label")), "2026-13-01"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evaluation"), ==, 0);

  gtk_editable_set_text (find_widget (GTK_WIDGET (form), "date_row"), "2026-05-18");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL));
  drain_main_loop ();
  g_assert_null (find_toplevel (OPORA_TYPE_EVALUATION_FORM));
  stored = opora_evaluation_find (db, MENTOR_RUBRIC, fixture->mentor, YEAR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpfloat (stored->total, ==, 5);
  g_assert_cmpstr (stored->level_name, ==, "неудовлетворительный");
  g_assert_cmpstr (stored->evaluator, ==, "Методист ИМЦ");
  g_assert_cmpstr (stored->date, ==, "2026-05-18");
  g_assert_cmpuint (stored->scores->len, ==, 6);
  g_assert_cmpstr (g_array_index (stored->scores, OporaScore, 0).comment, ==, "Положение утверждено");
  g_assert_cmpstr (g_array_index (stored->scores, OporaScore, 0).evidence, ==, "Приказ № 12");
  g_assert_cmpuint (n_children (get_widget (fixture, "evaluations_list")), ==, 1);

  /* Opening it again shows its scores; a change updates the same evaluation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.evaluate", NULL));
  drain_main_loop ();
  form = find_toplevel (OPORA_TYPE_EVALUATION_FORM);
  g_free (text), text = total_text (form);
  g_assert_cmpstr (text, ==, "5 of 12 — неудовлетворительный");
  g_assert_cmpstr (gtk_editable_get_text (find_widget (GTK_WIDGET (form), "comment-1")), ==, "Положение утверждено");
  choose (form, 6, 2);
  g_free (text), text = total_text (form);
  g_assert_cmpstr (text, ==, "7 of 12 — удовлетворительный");
  g_assert_cmpint (opora_evaluation_form_save (form, &error), ==, stored->id);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evaluation"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (form));
  drain_main_loop ();

  /* The registry shows the latest total and level. */
  opora_people_page_open_person (page, 0);
  ui_screenshot (GTK_WIDGET (fixture->window), "people-evaluated");
}

/* ---- Bodies ---- */

static void
test_bodies (Fixture       *fixture,
             gconstpointer  user_data)
{
  OporaPeoplePage *page = people_page (fixture);
  OporaDb *db = fixture_db (fixture);
  OporaEvaluationForm *form;
  g_autofree char *text = NULL;

  g_assert_cmpuint (n_children (get_widget (fixture, "bodies_box")), ==, 3);  /* centre, point, cluster */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.evaluate-body", "s", CENTRE));
  drain_main_loop ();
  form = find_toplevel (OPORA_TYPE_EVALUATION_FORM);
  g_assert_nonnull (form);
  for (guint i = 1; i <= 6; i++)
    choose (form, i, 2);
  text = total_text (form);
  g_assert_cmpstr (text, ==, "12 of 12 — оптимальный");
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (form), "total_label"), "success"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL));
  drain_main_loop ();
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evaluation WHERE person_id IS NULL AND year = 2026"), ==, 1);
  adw_view_stack_set_visible_child_name (get_widget (fixture, "view_stack"), "bodies");
  ui_screenshot (GTK_WIDGET (fixture->window), "people-bodies");
}

/* ---- Rubrics ---- */

static void
save_mentor_evaluation (Fixture *fixture)
{
  OporaDb *db = fixture_db (fixture);
  g_autoptr(OporaRubric) r = opora_rubric_get (db, MENTOR_RUBRIC, NULL);
  g_autoptr(OporaEvaluation) e = opora_evaluation_new (MENTOR_RUBRIC, fixture->mentor, YEAR);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < r->criteria->len; i++)
    opora_evaluation_set_score (e, ((OporaCriterion *) r->criteria->pdata[i])->id, 1, NULL, NULL);
  g_assert_cmpint (opora_evaluation_save (db, e, &error), >, 0);
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_rubric_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  OporaPeoplePage *page = people_page (fixture);
  OporaDb *db = fixture_db (fixture);
  OporaRubricEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaRubric) original = NULL;
  g_autoptr(GPtrArray) rubrics = NULL;
  const OporaRubric *copy = NULL;

  save_mentor_evaluation (fixture);
  adw_view_stack_set_visible_child_name (get_widget (fixture, "view_stack"), "rubrics");
  g_signal_emit_by_name (get_widget (fixture, "rubrics_list"), "row-activated",
                         get_widget (fixture, "rubric-1"));
  drain_main_loop ();
  editor = find_toplevel (OPORA_TYPE_RUBRIC_EDITOR);
  g_assert_nonnull (editor);
  ui_screenshot (GTK_WIDGET (editor), "rubric-editor");

  /* A fourth option on the first criterion changes the scale: refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "rubric.add-option", "u", 0));
  g_assert_cmpuint (((OporaCriterion *) opora_rubric_editor_get_rubric (editor)->criteria->pdata[0])->options->len, ==, 4);
  g_assert_cmpint (opora_rubric_editor_save (editor, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has 1 evaluation scored on it"));
  g_assert_nonnull (strstr (error->message, "Duplicate the rubric and edit the copy"));
  g_assert_cmpstr (gtk_label_get_text (find_widget (GTK_WIDGET (editor), "error_label")), ==, error->message);
  g_clear_error (&error);

  /* Save offers the copy; the copy gets the new scale, the original keeps its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "rubric.save", NULL));
  drain_main_loop ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  ui_screenshot (GTK_WIDGET (dialog), "rubric-refused");
  adw_message_dialog_response (dialog, "duplicate");
  drain_main_loop ();
  g_assert_null (find_toplevel (OPORA_TYPE_RUBRIC_EDITOR));
  original = opora_rubric_get (db, MENTOR_RUBRIC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((OporaCriterion *) original->criteria->pdata[0])->options->len, ==, 3);
  rubrics = opora_rubric_list (db, TRUE, &error);
  for (guint i = 0; i < rubrics->len; i++)
    if (g_str_has_suffix (((OporaRubric *) rubrics->pdata[i])->name, "(copy)"))
      copy = rubrics->pdata[i];
  g_assert_nonnull (copy);
  g_assert_cmpuint (((OporaCriterion *) copy->criteria->pdata[0])->options->len, ==, 4);
  g_assert_cmpfloat (opora_rubric_max_total (copy), ==, 13);
  g_assert_cmpuint (n_children (get_widget (fixture, "rubrics_list")), ==, 4);

  /* Archive takes a rubric out of the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.archive-rubric", "x", copy->id));
  g_assert_cmpuint (n_children (get_widget (fixture, "rubrics_list")), ==, 3);
}

/* ---- Import ---- */

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  OporaPeoplePage *page = people_page (fixture);
  OporaDb *db = fixture_db (fixture);
  g_autoptr(GPtrArray) schools = opora_school_list (db, NULL);
  const OporaSchool *s0 = schools->pdata[0], *s2 = schools->pdata[2];
  g_autofree char *csv = g_strdup_printf ("ФИО;Роль;Должность;Код ОО;Предмет;Закреплённые школы (коды)\n"
                                          "Белова Ольга Ивановна;тьютор;учитель;%s;физика;%s\n", s0->code, s2->code);
  g_autofree char *bad = g_strdup_printf ("ФИО;Роль;Код ОО\nОрлов Иван;учитель;%s\n", s0->code);
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_assert_true (opora_people_page_import (page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM person_assignment a JOIN person p ON p.id = a.person_id"
                                  " WHERE p.full_name = 'Белова Ольга Ивановна' AND a.year = 2026"), ==, 1);
  g_assert_cmpuint (n_children (get_widget (fixture, "people_list")), ==, 4);
  g_assert_false (opora_people_page_import (page, bad_path, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "row 2, column B"));
}

/* ---- Read-only ---- */

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  OporaPeoplePage *page;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  open_window (fixture, OPORA_DB_READ_ONLY);
  page = people_page (fixture);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL) &&
                  find_toplevel (OPORA_TYPE_PERSON_EDITOR) != NULL);
  opora_people_page_open_person (page, fixture->mentor);
  g_assert_false (gtk_widget_get_sensitive (get_widget (fixture, "archive_button")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "people.evaluate", NULL) &&
                  find_toplevel (OPORA_TYPE_EVALUATION_FORM) != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The assertions compare the core's messages in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Xvfb has no session bus for the accessibility bus to live on. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/people/registry", Fixture, NULL, fixture_set_up, test_registry, fixture_tear_down);
  g_test_add ("/ui/people/evaluate", Fixture, NULL, fixture_set_up, test_evaluate, fixture_tear_down);
  g_test_add ("/ui/people/bodies", Fixture, NULL, fixture_set_up, test_bodies, fixture_tear_down);
  g_test_add ("/ui/people/rubric-refused", Fixture, NULL, fixture_set_up, test_rubric_refused, fixture_tear_down);
  g_test_add ("/ui/people/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/ui/people/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  return g_test_run ();
}
