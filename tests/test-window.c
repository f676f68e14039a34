/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window on real workspaces: list, search, detail, sections, read-only and refusal. */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "opora-data-page.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-reader.h"
#include "opora-school-item.h"
#include "opora-window.h"
#include "test-util.h"
#include "ui-util.h"

#define N_DEMO_SCHOOLS 40

typedef struct {
  char        *dir;
  char        *path;    /* a demo workspace */
  OporaWindow *window;  /* our own reference, for g_assert_finalize_object() */
} Fixture;


static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  gpointer widget = find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static GListModel *
school_model (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_column_view_get_model (get_widget (fixture, "school_view")));
}

static char *
make_demo (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);

  g_assert_no_error (error);
  opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
list_settled (gpointer data)
{
  return !opora_data_page_is_loading (data);
}

static gboolean
list_is_filled (gpointer data)
{
  Fixture *fixture = data;

  return !opora_data_page_is_loading (get_widget (fixture, "data_page")) &&
         g_list_model_get_n_items (school_model (data)) == N_DEMO_SCHOOLS;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir, "demo.opora");
  fixture->window = g_object_ref (opora_window_new (NULL));
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The Data section reads the workspace when it is first shown. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section", g_variant_new_int32 (1));
  g_assert_true (wait_for (list_is_filled, fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *data_page = get_widget (fixture, "data_page");
  GtkWidget *entry = find_widget (data_page, "search_entry");

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
one_row_left (gpointer data)
{
  return g_list_model_get_n_items (school_model (data)) == 1;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GObject) item = NULL;
  g_autofree char *name = NULL;

  set_search (fixture, "Гимназия");
  g_assert_true (wait_for (one_row_left, fixture));
  item = g_list_model_get_item (school_model (fixture), 0);
  g_object_get (item, "name", &name, NULL);
  g_assert_nonnull (strstr (name, "Гимназия"));
  g_assert_cmpstr (gtk_label_get_text (get_widget (fixture, "count_label")), ==, "1 of 40 schools");

  set_search (fixture, "");
  g_assert_true (wait_for (list_is_filled, fixture));
}

static gboolean
first_is_sorted_by_students (gpointer data)
{
  GtkColumnView *view = get_widget (data, "school_view");
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) students = g_list_model_get_item (columns, 4);
  GtkSorter *sorter = gtk_column_view_column_get_sorter (students);
  GListModel *model = school_model (data);

  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (model, i - 1);
      g_autoptr(GObject) b = g_list_model_get_item (model, i);

      if (gtk_sorter_compare (sorter, a, b) == GTK_ORDERING_LARGER)
        return FALSE;
    }
  return TRUE;
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkColumnView *view = get_widget (fixture, "school_view");
  g_autoptr(GtkColumnViewColumn) students =
    g_list_model_get_item (gtk_column_view_get_columns (view), 4);

  g_assert_cmpstr (gtk_column_view_column_get_title (students), ==, "Students");
  gtk_column_view_sort_by_column (view, students, GTK_SORT_ASCENDING);
  g_assert_true (wait_for (first_is_sorted_by_students, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (school_model (fixture)), ==, N_DEMO_SCHOOLS);
}

/* Each school's row shows its latest value of each key column, as the values table has it. */
static void
test_latest_values (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* The page's value columns, in its order. */
  static const char *keys[] = { "students_total", "ege_rus_avg", "ege_mathp_avg", "oge_math_avg",
                                "vpr_rus5_m2", "sp_low_income_share" };
  GListModel *rows = school_model (fixture);
  OporaDb *db = opora_window_get_db (fixture->window);
  guint checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(OporaSchoolItem) item = g_list_model_get_item (rows, i);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT v.year, v.value FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id"
                                                  " WHERE i.key = '%s' AND v.school_id = %" G_GINT64_FORMAT
                                                  " ORDER BY v.year DESC LIMIT 1", keys[k], opora_school_item_get_id (item));
          g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, NULL);
          guint column = k;

          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_assert_cmpint (opora_school_item_get_value_year (item, column), ==, sqlite3_column_int (stmt, 0));
              g_assert_cmpfloat_with_epsilon (opora_school_item_get_value (item, column), sqlite3_column_double (stmt, 1), 1e-9);
              checked++;
            }
          else
            g_assert_cmpint (opora_school_item_get_value_year (item, column), ==, 0);
        }
    }
  g_assert_cmpuint (checked, >, N_DEMO_SCHOOLS * 4);
}

static void
test_detail (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (school_model (fixture));
  GtkColumnView *indicators = get_widget (fixture, "indicator_view");
  g_autoptr(GObject) item = NULL;
  g_autofree char *name = NULL;

  /* A row the user selects, after the list has settled, shows its detail at once. */
  drain_main_loop ();
  g_assert_true (gtk_selection_model_select_item (selection, 5, TRUE));
  item = g_list_model_get_item (G_LIST_MODEL (selection), 5);
  g_object_get (item, "name", &name, NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "data_stack")), ==, "schools");
  g_assert_cmpstr (gtk_label_get_text (get_widget (fixture, "name_label")), ==, name);
  /* Headings plus indicators, and a column per demo year after the name. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (indicators))), >, 20);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (indicators)), ==,
                    1 + OPORA_DEMO_N_YEARS);
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  user_data)
{
  AdwViewStack *stack = get_widget (fixture, "section_stack");
  GtkListBox *sidebar = get_widget (fixture, "sidebar");
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  static const char *names[] = { "dashboard", "data", "clusters", "monitoring", "flags", "programs", "people", "indicators" };

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  /* From the section shown (Data), round all of them. */
  for (guint i = 0; i < n; i++)
    {
      guint next = (i + 2) % n;
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), next);
      GtkWidget *before = adw_view_stack_get_visible_child (stack);

      g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                      g_variant_new_int32 (next));
      g_assert_true (adw_view_stack_get_visible_child (stack) != before);
      g_assert_true (adw_view_stack_get_visible_child (stack) == adw_view_stack_page_get_child (page));
      g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (sidebar)), ==, next);
    }

  /* And the other way: choosing a sidebar row shows its section. */
  for (guint i = n; i-- > 0;)
    {
      gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, i));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, names[i]);
    }
  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 7));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (get_widget (fixture, "catalogue_view")))), >, 0);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkInfoBar *bar = get_widget (fixture, "read_only_bar");
  g_autofree char *copy = g_build_filename (fixture->dir, "read-only.opora", NULL);
  g_autofree char *source = make_demo (fixture->dir, "source.opora");
  g_autoptr(GError) error = NULL;

  g_assert_false (gtk_info_bar_get_revealed (bar));
  copy_file (source, copy);
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);

  g_assert_true (opora_window_open (fixture->window, copy, OPORA_DB_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (opora_db_is_read_only (opora_window_get_db (fixture->window)));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_true (wait_for (list_is_filled, fixture));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "fill-demo"));

  g_assert_true (opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error));
  g_assert_false (gtk_info_bar_get_revealed (bar));
}

static char *
make_newer_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "newer.opora", NULL);
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "PRAGMA application_id = 1330663250;"  /* 0x4F504F52 */
                                 "PRAGMA user_version = 999;"
                                 "CREATE TABLE future (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  return g_steal_pointer (&path);
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *newer = make_newer_file (fixture->dir);
  g_autoptr(GError) error = NULL;
  OporaDb *before = opora_window_get_db (fixture->window);
  GtkWindow *dialog;

  g_assert_false (opora_window_open (fixture->window, newer, OPORA_DB_MUST_EXIST, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NEWER_SCHEMA);
  g_assert_true (opora_window_get_db (fixture->window) == before);
  g_assert_cmpstr (opora_db_get_path (before), ==, fixture->path);
  g_assert_true (list_is_filled (fixture));

  /* Through the menu's path, the refusal is shown in a dialog. */
  g_assert_null (find_message_dialog ());
  g_assert_false (opora_window_open_or_report (fixture->window, newer, OPORA_DB_MUST_EXIST));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (dialog);
  g_assert_true (opora_window_get_db (fixture->window) == before);
}

static void
test_empty_fill_demo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.opora", NULL);
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_window_open (fixture->window, empty, OPORA_DB_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (list_settled, get_widget (fixture, "data_page")));
  g_assert_cmpuint (g_list_model_get_n_items (school_model (fixture)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "data_stack")), ==, "empty");
  g_assert_true (g_action_group_get_action_enabled (actions, "fill-demo"));

  g_action_group_activate_action (actions, "fill-demo", NULL);
  g_assert_true (wait_for (list_is_filled, fixture));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "data_stack")), ==, "schools");
  g_assert_false (g_action_group_get_action_enabled (actions, "fill-demo"));
}

static void
test_remembers_workspaces (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *other = make_demo (fixture->dir, "other.opora");
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_window_open (fixture->window, other, OPORA_DB_FLAGS_NONE, &error));
  last = g_settings_get_string (settings, "last-workspace");
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (last, ==, other);
  g_assert_cmpstr (recent[0], ==, other);
  g_assert_cmpstr (recent[1], ==, fixture->path);
}

static gboolean
count_row (const OporaRow  *row,
           gpointer         user_data,
           GError         **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
export_ended (gpointer data)
{
  return g_action_group_get_action_enabled (data, "export-values");
}

/* File → Export All Values writes on a thread: the action is off meanwhile,
 * and the workbook holds a sheet per year and a row per school and year. */
static void
test_export_values (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "all values.xlsx", NULL);
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  g_assert_true (g_action_group_get_action_enabled (actions, "export-values"));
  opora_window_export_values (fixture->window, path);
  g_assert_false (g_action_group_get_action_enabled (actions, "export-values"));
  g_assert_true (wait_for (export_ended, actions));

  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), ==,
                    test_query_int (db, "SELECT count(DISTINCT year) FROM school_year_value"));
  for (guint i = 0; i < opora_reader_get_n_sheets (reader); i++)
    g_assert_true (opora_reader_read_sheet (reader, i, count_row, &rows, NULL, NULL));
  g_assert_cmpuint (rows, ==, test_query_int (db, "SELECT count(*) FROM school_year_value") +
                              opora_reader_get_n_sheets (reader));
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

  add_test ("/ui/window/search", test_search);
  add_test ("/ui/window/sort", test_sort);
  add_test ("/ui/window/detail", test_detail);
  add_test ("/ui/window/latest-values", test_latest_values);
  add_test ("/ui/window/sections", test_sections);
  add_test ("/ui/window/read-only", test_read_only);
  add_test ("/ui/window/newer-schema-refused", test_newer_refused);
  add_test ("/ui/window/empty-fill-demo", test_empty_fill_demo);
  add_test ("/ui/window/export-values", test_export_values);
  add_test ("/ui/window/remembers-workspaces", test_remembers_workspaces);

  return g_test_run ();
}
