/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import wizard walked step by step on a generated CSV file, then undone from the history. */

#include <glib/gstdio.h>

#include "opora-data-page.h"
#include "opora-db.h"
#include "opora-import-history.h"
#include "opora-import-problem.h"
#include "opora-import-target.h"
#include "opora-import-window.h"
#include "opora-layout.h"
#include "opora-school.h"
#include "opora-values.h"
#include "opora-window.h"
#include "ui-util.h"

/* A department's table as it comes: a title row, the header, schools, a bad number, a total. */
static const char fixture_csv[] =
  "Результаты ЕГЭ и социальный состав школ, 2024 год\r\n"
  "Код ОО;Наименование ОО;ЕГЭ русский язык средний балл;Доля детей из малообеспеченных семей, %\r\n"
  "500101;МБОУ «СОШ № 1»;71,5;12,3\r\n"
  "500102;МБОУ «СОШ № 2»;семьдесят;8,0\r\n"
  "500103;МБОУ «Гимназия № 3»;80,2;5,5\r\n"
  ";Итого по району;75,9;8,6\r\n";

/* A school with a new code but a known school's name, one letter off, and a row with no code. */
static const char decisions_csv[] =
  "Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\r\n"
  "099;МБОУ СОШ № 11;60\r\n"
  ";СОШ № 2;61\r\n";

typedef struct {
  char        *dir;
  char        *csv;
  OporaWindow *window;  /* our own reference, for g_assert_finalize_object() */
} Fixture;


static void
find_all (GtkWidget  *root,
          const char *name,
          GPtrArray  *found)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, name, found);
}

static gpointer
get_widget (gpointer    root,
            const char *id)
{
  gpointer widget = find_widget (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-import-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->csv = g_build_filename (fixture->dir, "results-2024.csv", NULL);
  write_file (fixture->csv, fixture_csv, -1);
  workspace = g_build_filename (fixture->dir, "empty.opora", NULL);
  fixture->window = g_object_ref (opora_window_new (NULL));
  opora_window_open (fixture->window, workspace, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The Data section reads the workspace when it is first shown. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section", g_variant_new_int32 (1));
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->csv);
  g_free (fixture->dir);
}

/* ---- Walking the wizard ---- */

static OporaImportWindow *
open_wizard (Fixture *fixture)
{
  OporaImportWindow *wizard;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "import"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "import", NULL);
  wizard = find_toplevel (OPORA_TYPE_IMPORT_WINDOW);
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (wizard, "step_stack")), ==, "file");
  return wizard;
}

static const char *
step (OporaImportWindow *wizard)
{
  return gtk_stack_get_visible_child_name (get_widget (wizard, "step_stack"));
}

static gboolean
next_enabled (OporaImportWindow *wizard)
{
  GtkWidget *next = get_widget (wizard, "next_button");

  return gtk_widget_get_visible (next) && gtk_widget_is_sensitive (next);
}

static void
click_next (OporaImportWindow *wizard)
{
  g_assert_true (next_enabled (wizard));
  g_signal_emit_by_name (get_widget (wizard, "next_button"), "clicked");
}

static gboolean
on_check_step (gpointer wizard)
{
  return g_strcmp0 (step (wizard), "check") == 0;
}

static gboolean
on_done_step (gpointer wizard)
{
  return g_strcmp0 (step (wizard), "done") == 0;
}

static void
walk_reading (OporaImportWindow *wizard)
{
  GtkLabel *format = get_widget (wizard, "format_label");
  GtkDropDown *separator = get_widget (wizard, "separator_dropdown");

  g_assert_cmpstr (step (wizard), ==, "reading");
  g_assert_nonnull (strstr (gtk_label_get_text (format), "csv"));
  g_assert_nonnull (strstr (gtk_label_get_text (format), "separator ;"));
  g_assert_true (gtk_widget_get_visible (get_widget (wizard, "text_options")));
  /* The title row is left above the header, which is row 2; data starts on row 3. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (get_widget (wizard, "header_first_spin")), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (get_widget (wizard, "header_last_spin")), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (get_widget (wizard, "data_row_spin")), ==, 3);
  g_assert_nonnull (gtk_list_box_get_row_at_index (get_widget (wizard, "sheet_list"), 0));
  g_assert_null (gtk_list_box_get_row_at_index (get_widget (wizard, "sheet_list"), 1));
  g_assert_true (GTK_IS_GRID (gtk_scrolled_window_get_child (get_widget (wizard, "preview_scroller"))) ||
                 GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (get_widget (wizard, "preview_scroller"))));

  /* A separator chosen by hand reads the file again, live; Auto goes back. */
  gtk_drop_down_set_selected (separator, 2);
  g_assert_nonnull (strstr (gtk_label_get_text (format), "separator ,"));
  gtk_drop_down_set_selected (separator, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (format), "separator ;"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (get_widget (wizard, "data_row_spin")), ==, 3);
  click_next (wizard);
}

static GPtrArray *
target_dropdowns (OporaImportWindow *wizard)
{
  GPtrArray *dropdowns = g_ptr_array_new ();

  find_all (get_widget (wizard, "column_list"), "target-dropdown", dropdowns);
  return dropdowns;
}

static void
assert_target (GtkDropDown     *dropdown,
               OporaTargetKind  kind,
               const char      *key)
{
  OporaImportTarget *target = gtk_drop_down_get_selected_item (dropdown);

  g_assert_nonnull (target);
  g_assert_cmpint (opora_import_target_get_kind (target), ==, kind);
  g_assert_cmpstr (opora_import_target_get_key (target), ==, key);
}

static guint
target_position (GtkDropDown *dropdown,
                 const char  *key)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OporaImportTarget) target = g_list_model_get_item (model, i);
      if (g_strcmp0 (opora_import_target_get_key (target), key) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
walk_columns (OporaImportWindow *wizard)
{
  g_autoptr(GPtrArray) dropdowns = target_dropdowns (wizard);
  GtkLabel *hint = get_widget (wizard, "columns_hint");

  g_assert_cmpstr (step (wizard), ==, "columns");
  g_assert_cmpuint (dropdowns->len, ==, 4);
  assert_target (dropdowns->pdata[0], OPORA_TARGET_SCHOOL_CODE, NULL);
  assert_target (dropdowns->pdata[1], OPORA_TARGET_SCHOOL_NAME, NULL);
  assert_target (dropdowns->pdata[2], OPORA_TARGET_INDICATOR, "ege_rus_avg");
  assert_target (dropdowns->pdata[3], OPORA_TARGET_INDICATOR, "sp_low_income_share");
  g_assert_true (next_enabled (wizard));

  /* The user leaves column D out. */
  gtk_drop_down_set_selected (dropdowns->pdata[3], 0);
  assert_target (dropdowns->pdata[3], OPORA_TARGET_IGNORE, NULL);
  g_assert_true (next_enabled (wizard));

  /* Without an indicator column there is nothing to import, and the hint says so. */
  gtk_drop_down_set_selected (dropdowns->pdata[2], 0);
  g_assert_false (next_enabled (wizard));
  g_assert_nonnull (strstr (gtk_label_get_text (hint), "at least one column with an indicator"));
  gtk_drop_down_set_selected (dropdowns->pdata[2], target_position (dropdowns->pdata[2], "ege_rus_avg"));
  assert_target (dropdowns->pdata[2], OPORA_TARGET_INDICATOR, "ege_rus_avg");
  g_assert_true (next_enabled (wizard));
  click_next (wizard);
}

static guint
count_shown (OporaImportWindow *wizard)
{
  GtkColumnView *view = get_widget (wizard, "problem_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static OporaImportProblem *
find_problem (GListModel *problems,
              guint32     row,
              guint32     col)
{
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(OporaImportProblem) problem = g_list_model_get_item (problems, i);
      if (opora_import_problem_get_row (problem) == row && opora_import_problem_get_col (problem) == col)
        return problem;
    }
  return NULL;
}

static void
walk_check (OporaImportWindow *wizard)
{
  GtkColumnView *view = get_widget (wizard, "problem_view");
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  OporaImportProblem *bad;
  g_autofree char *cell = NULL;
  guint all;

  g_assert_true (wait_for (on_check_step, wizard));
  g_assert_nonnull (strstr (gtk_label_get_text (get_widget (wizard, "summary_label")), "New schools: 3"));
  g_assert_false (gtk_info_bar_get_revealed (get_widget (wizard, "earlier_bar")));

  /* Row 4, column C: the word where a number should be; an error, so not imported. */
  bad = find_problem (shown, 3, 2);
  g_assert_nonnull (bad);
  g_assert_cmpint (opora_import_problem_get_severity (bad), ==, OPORA_SEVERITY_ERROR);
  g_object_get (bad, "cell-text", &cell, NULL);
  g_assert_cmpstr (cell, ==, "семьдесят");
  /* The total row is not a school and brings no problem of its own. */
  g_assert_null (find_problem (shown, 5, 0));

  all = count_shown (wizard);
  gtk_toggle_button_set_active (get_widget (wizard, "show_warnings_button"), TRUE);
  g_assert_null (find_problem (shown, 3, 2));
  gtk_toggle_button_set_active (get_widget (wizard, "show_errors_button"), TRUE);
  g_assert_nonnull (find_problem (shown, 3, 2));
  gtk_editable_set_text (get_widget (wizard, "problem_search"), "семьдесят");
  g_assert_cmpuint (count_shown (wizard), ==, 1);
  gtk_editable_set_text (get_widget (wizard, "problem_search"), "");
  gtk_toggle_button_set_active (get_widget (wizard, "show_all_button"), TRUE);
  g_assert_cmpuint (count_shown (wizard), ==, all);

  /* Two good values in column C; column D was left out. */
  g_assert_cmpstr (gtk_button_get_label (get_widget (wizard, "next_button")), ==, "_Import 2 Values");
  click_next (wizard);
}

static guint
n_latest (OporaDb    *db,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) latest = opora_values_latest (db, key, &error);

  g_assert_no_error (error);
  return g_hash_table_size (latest);
}

static gboolean
list_settled (gpointer data)
{
  return !opora_data_page_is_loading (data);
}

/* The schools the Data section lists, once it has read them (on a thread). */
static guint
n_listed (Fixture *fixture)
{
  GtkColumnView *view = get_widget (fixture->window, "school_view");

  g_assert_true (wait_for (list_settled, get_widget (fixture->window, "data_page")));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static void
undo_from_history (Fixture *fixture)
{
  OporaImportHistory *history;
  GtkWidget *undo;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "import-history", NULL);
  history = find_toplevel (OPORA_TYPE_IMPORT_HISTORY);
  g_assert_nonnull (history);
  undo = get_widget (history, "undo-button");
  g_assert_true (gtk_widget_is_sensitive (undo));
  g_signal_emit_by_name (undo, "clicked");
  g_assert_false (gtk_info_bar_get_revealed (get_widget (history, "error_bar")));
  /* The list was made again: the batch is still there, marked undone. */
  undo = get_widget (history, "undo-button");
  g_assert_false (gtk_widget_is_sensitive (undo));
  gtk_window_destroy (GTK_WINDOW (history));
}

static void
test_walk (Fixture       *fixture,
           gconstpointer  user_data)
{
  OporaImportWindow *wizard = open_wizard (fixture);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->csv);

  g_assert_cmpuint (n_listed (fixture), ==, 0);
  opora_import_window_open (wizard, file);
  walk_reading (wizard);
  walk_columns (wizard);
  walk_check (wizard);
  g_assert_true (wait_for (on_done_step, wizard));

  /* In the workspace: three schools (not the total row), two values, nothing from column D. */
  g_assert_cmpint (opora_school_count (db, NULL), ==, 3);
  g_assert_cmpuint (n_latest (db, "ege_rus_avg"), ==, 2);
  g_assert_cmpuint (n_latest (db, "sp_low_income_share"), ==, 0);
  g_assert_cmpuint (n_listed (fixture), ==, 3);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "fill-demo"));

  g_signal_emit_by_name (get_widget (wizard, "done_button"), "clicked");
  drain_main_loop ();
  g_assert_null (find_toplevel (OPORA_TYPE_IMPORT_WINDOW));

  undo_from_history (fixture);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);
  g_assert_cmpuint (n_latest (db, "ege_rus_avg"), ==, 0);
  g_assert_cmpuint (n_listed (fixture), ==, 0);
}

/* The same file twice: the check says when it was imported before. */
static void
test_earlier_import (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->csv);

  for (guint round = 0; round < 2; round++)
    {
      OporaImportWindow *wizard = open_wizard (fixture);

      opora_import_window_open (wizard, file);
      click_next (wizard);
      click_next (wizard);
      g_assert_true (wait_for (on_check_step, wizard));
      g_assert_cmpint (gtk_info_bar_get_revealed (get_widget (wizard, "earlier_bar")), ==, round == 1);
      if (round == 0)
        {
          click_next (wizard);
          g_assert_true (wait_for (on_done_step, wizard));
        }
      gtk_window_close (GTK_WINDOW (wizard));
      drain_main_loop ();
    }
  g_assert_nonnull (strstr (gtk_label_get_text (get_widget (fixture->window, "count_label")), "3 schools"));
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char zip_start[] = "PK\003\004\024\000\000\000\010\000garbage that is no zip";
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OporaImportWindow *wizard = open_wizard (fixture);
  const char *message;

  write_file (path, zip_start, sizeof zip_start - 1);
  opora_import_window_open (wizard, file);
  g_assert_cmpstr (step (wizard), ==, "error");
  message = adw_status_page_get_description (get_widget (wizard, "error_page"));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "damaged.xlsx"));
  g_assert_false (next_enabled (wizard));

  /* Back leads to choosing another file; Escape closes the wizard. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  g_assert_cmpstr (step (wizard), ==, "file");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  drain_main_loop ();
  g_assert_null (find_toplevel (OPORA_TYPE_IMPORT_WINDOW));
}

/* ---- Schools to confirm ---- */

static gint64
add_school (OporaDb    *db,
            const char *code,
            const char *name)
{
  OporaSchool school = { .code = (char *) code, .name = (char *) name };
  g_autoptr(GError) error = NULL;
  gint64 id = opora_school_insert (db, &school, &error);

  g_assert_no_error (error);
  return id;
}

static GPtrArray *
school_dropdowns (OporaImportWindow *wizard)
{
  GPtrArray *dropdowns = g_ptr_array_new ();

  find_all (get_widget (wizard, "school_list"), "school-dropdown", dropdowns);
  return dropdowns;
}

static const char *
chosen (GtkDropDown *dropdown)
{
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));
}

static guint
choice_position (GtkDropDown *dropdown,
                 const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      return i;
  g_assert_not_reached ();
}

static const char *
summary (OporaImportWindow *wizard)
{
  return gtk_label_get_text (get_widget (wizard, "summary_label"));
}

static double
latest_value (OporaDb    *db,
              const char *key,
              gint64      school_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) latest = opora_values_latest (db, key, &error);
  OporaYearValue *value;

  g_assert_no_error (error);
  value = g_hash_table_lookup (latest, &school_id);
  g_assert_nonnull (value);
  return value->value;
}

/* The user says the new code 099 is school 01: the check runs again and nothing is added. */
static void
test_school_decisions (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "schools-2024.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OporaDb *db = opora_window_get_db (fixture->window);
  gint64 first = add_school (db, "01", "МБОУ «СОШ № 1»");
  OporaImportWindow *wizard;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkStack *views;

  add_school (db, "02", "МБОУ «СОШ № 2»");
  write_file (path, decisions_csv, -1);
  wizard = open_wizard (fixture);
  views = get_widget (wizard, "check_views");
  opora_import_window_open (wizard, file);
  click_next (wizard);
  click_next (wizard);
  g_assert_true (wait_for (on_check_step, wizard));

  /* Both schools are listed with what the check did: 099 added, the code-less row matched by name. */
  g_assert_true (gtk_widget_get_visible (get_widget (wizard, "check_switcher")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "problems");
  before = school_dropdowns (wizard);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpstr (chosen (before->pdata[0]), ==, "Add as a new school");
  g_assert_cmpstr (chosen (before->pdata[1]), ==, "Same as МБОУ «СОШ № 2» (02)");
  g_assert_nonnull (strstr (summary (wizard), "New schools: 1 · Schools already in the workspace: 1"));

  gtk_stack_set_visible_child_name (views, "schools");
  gtk_drop_down_set_selected (before->pdata[0], choice_position (before->pdata[0], "Same as МБОУ «СОШ № 1» (01)"));
  g_assert_cmpstr (step (wizard), ==, "progress");
  g_assert_true (wait_for (on_check_step, wizard));

  /* The list is made again with the choice kept, the focus back on it, and the counts follow. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "schools");
  after = school_dropdowns (wizard);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (chosen (after->pdata[0]), ==, "Same as МБОУ «СОШ № 1» (01)");
  g_assert_cmpstr (chosen (after->pdata[1]), ==, "Same as МБОУ «СОШ № 2» (02)");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (wizard)), after->pdata[0]));
  g_assert_nonnull (strstr (summary (wizard), "New schools: 0 · Schools already in the workspace: 2"));
  g_assert_cmpstr (gtk_button_get_label (get_widget (wizard, "next_button")), ==, "_Import 2 Values");

  click_next (wizard);
  g_assert_true (wait_for (on_done_step, wizard));
  g_assert_cmpfloat (latest_value (db, "ege_rus_avg", first), ==, 60);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 2);
  gtk_window_close (GTK_WINDOW (wizard));
  drain_main_loop ();
}

/* A long table (a row per school, indicator and year), sorted by indicator:
 * its indicator and value columns are recognised, a value column alone is
 * not enough, and the rows land as values of their schools. */
static void
test_long_table (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char long_csv[] =
    "Код ОО;Наименование ОО;Год;Показатель;Значение\r\n"
    "990001;МБОУ «СОШ № 901»;2025;ЕГЭ, русский язык: средний балл;71,5\r\n"
    "990002;МБОУ «СОШ № 902»;2025;ЕГЭ, русский язык: средний балл;68\r\n"
    "990001;МБОУ «СОШ № 901»;2025;ege_mathp_avg;60\r\n"
    "990002;МБОУ «СОШ № 902»;2025;ege_mathp_avg;сто\r\n";
  g_autofree char *path = g_build_filename (fixture->dir, "long.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OporaImportWindow *wizard = open_wizard (fixture);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GPtrArray) dropdowns = NULL;

  write_file (path, long_csv, -1);
  opora_import_window_open (wizard, file);
  click_next (wizard);
  g_assert_cmpstr (step (wizard), ==, "columns");
  dropdowns = target_dropdowns (wizard);
  g_assert_cmpuint (dropdowns->len, ==, 5);
  assert_target (dropdowns->pdata[2], OPORA_TARGET_YEAR, NULL);
  assert_target (dropdowns->pdata[3], OPORA_TARGET_INDICATOR_NAME, NULL);
  assert_target (dropdowns->pdata[4], OPORA_TARGET_VALUE, NULL);
  g_assert_true (next_enabled (wizard));

  /* The value column without the indicator column: the hint says what is missing. */
  gtk_drop_down_set_selected (dropdowns->pdata[3], 0);
  g_assert_false (next_enabled (wizard));
  g_assert_nonnull (strstr (gtk_label_get_text (get_widget (wizard, "columns_hint")), "a long table needs both"));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdowns->pdata[3])); i++)
    {
      g_autoptr(OporaImportTarget) target = g_list_model_get_item (gtk_drop_down_get_model (dropdowns->pdata[3]), i);
      if (opora_import_target_get_kind (target) == OPORA_TARGET_INDICATOR_NAME)
        gtk_drop_down_set_selected (dropdowns->pdata[3], i);
    }
  assert_target (dropdowns->pdata[3], OPORA_TARGET_INDICATOR_NAME, NULL);
  click_next (wizard);
  g_assert_true (wait_for (on_check_step, wizard));
  g_assert_cmpstr (gtk_button_get_label (get_widget (wizard, "next_button")), ==, "_Import 3 Values");
  click_next (wizard);
  g_assert_true (wait_for (on_done_step, wizard));
  g_assert_cmpint (opora_school_count (db, NULL), ==, 2);
  g_assert_cmpuint (n_latest (db, "ege_rus_avg"), ==, 2);
  g_assert_cmpuint (n_latest (db, "ege_mathp_avg"), ==, 1);
  gtk_window_close (GTK_WINDOW (wizard));
  drain_main_loop ();
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  /* The assertions compare English text and C number formats. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Xvfb has no session bus for the accessibility bus to live on. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add_test ("/ui/import-window/walk", test_walk);
  add_test ("/ui/import-window/earlier-import", test_earlier_import);
  add_test ("/ui/import-window/damaged", test_damaged);
  add_test ("/ui/import-window/school-decisions", test_school_decisions);
  add_test ("/ui/import-window/long-table", test_long_table);

  return g_test_run ();
}
