/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Dashboard section on the full demo: figures against SQL of its own, drill-down, the program behind, exports. */

#include <adwaita.h>
#include <math.h>

#include "opora-dashboard-page.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-programs-page.h"
#include "opora-window.h"
#include "ui-util.h"

#define TODAY "2026-11-29"

typedef struct {
  char        *dir;
  char        *path;
  OporaWindow *window;
} Fixture;

static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  gpointer widget = find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  OporaDb *db = opora_window_get_db (fixture->window);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (opora_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "demo.opora", NULL);
  db = opora_db_open (fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_clear_pointer (&db, opora_db_free);

  fixture->window = g_object_ref (opora_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 1000);
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  opora_dashboard_page_set_today (get_widget (fixture, "dashboard_page"), TODAY);
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Drill-down windows first. */
  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

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

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The newest window that is not the main one, once it is shown. */
static GtkWindow *
drill_window (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  drain_main_loop ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (fixture->window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The rows of the boxed list in a drill-down window. */
static guint
drill_rows (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GtkWidget *list = NULL;

  /* The list is the only GtkListBox with the boxed-list style. */
  for (GtkWidget *w = widget; w != NULL;)
    {
      if (GTK_IS_LIST_BOX (w) && gtk_widget_has_css_class (w, "boxed-list"))
        {
          list = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (list);
  return n_children (list);
}

/* The figures the section shows, against counts written here from the tables. */
static void
test_figures (Fixture       *fixture,
              gconstpointer  user_data)
{
  OporaDashboardPage *page = get_widget (fixture, "dashboard_page");
  GtkWidget *cards = get_widget (fixture, "cards");
  GtkWidget *ranking = get_widget (fixture, "ranking");
  GtkWidget *behind = get_widget (fixture, "behind");
  GtkLabel *headline = get_widget (fixture, "headline_label");
  gint64 problems, previous_problems, evaluated, overdue;
  g_autofree char *expected = NULL;

  g_assert_cmpint (opora_dashboard_page_get_year (page), ==, 2026);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (get_widget (fixture, "year_dropdown"))),
                   ==, "2025/26");
  /* Five figures and the levels. */
  g_assert_cmpuint (n_children (cards), ==, 6);

  problems = query_int (fixture, "SELECT count(*) FROM cluster_member WHERE flags & 1 AND run_id ="
                                 " (SELECT max(id) FROM analysis_run WHERE year = 2026)");
  previous_problems = query_int (fixture, "SELECT count(*) FROM cluster_member WHERE flags & 1 AND run_id ="
                                          " (SELECT max(id) FROM analysis_run WHERE year = 2025)");
  if (problems > previous_problems)
    expected = g_strdup_printf ("More schools with low results: %" G_GINT64_FORMAT " in 2025/26 against %" G_GINT64_FORMAT " in 2024/25.",
                                problems, previous_problems);
  else if (problems < previous_problems)
    expected = g_strdup_printf ("Fewer schools with low results: %" G_GINT64_FORMAT " in 2025/26 against %" G_GINT64_FORMAT " in 2024/25.",
                                problems, previous_problems);
  else
    expected = g_strdup_printf ("As many schools with low results in 2025/26 as in 2024/25: %" G_GINT64_FORMAT ".", problems);
  g_assert_cmpstr (gtk_label_get_label (headline), ==, expected);

  /* Every fully scored evaluation of a person in 2026 is a row. */
  evaluated = query_int (fixture, "SELECT count(*) FROM evaluation e WHERE e.year = 2026 AND e.person_id IS NOT NULL"
                                  " AND (SELECT count(*) FROM evaluation_score s WHERE s.evaluation_id = e.id) ="
                                  "     (SELECT count(*) FROM rubric_criterion c WHERE c.rubric_id = e.rubric_id)");
  g_assert_cmpint (evaluated, >, 0);
  g_assert_cmpuint (n_children (ranking), ==, evaluated);

  /* Programs of 2026 (not suspended) with a measure open past its end. */
  overdue = query_int (fixture, "SELECT count(*) FROM program p WHERE p.first_year <= 2026 AND p.last_year >= 2026"
                                " AND p.status <> 'suspended' AND EXISTS (SELECT 1 FROM measure m WHERE m.program_id = p.id"
                                " AND m.status IN ('planned', 'in-progress') AND m.end_date < '" TODAY "')");
  /* The five most overdue, then a row that shows them all. */
  g_assert_cmpint (overdue, >, 5);
  g_assert_cmpuint (n_children (behind), ==, 6);
  g_signal_emit_by_name (behind, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (behind), 5));
  g_assert_cmpuint (n_children (behind), ==, overdue);
  ui_screenshot (GTK_WIDGET (fixture->window), "dashboard");
  ui_screenshot (get_widget (fixture, "content"), "dashboard-content");

  /* The year before is there too. */
  g_assert_true (opora_dashboard_page_set_year (page, 2025));
  drain_main_loop ();
  g_assert_cmpint (opora_dashboard_page_get_year (page), ==, 2025);
  /* Away to Programs and back: read afresh, the year kept. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section", g_variant_new_int32 (5));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section", g_variant_new_int32 (0));
  drain_main_loop ();
  g_assert_cmpint (opora_dashboard_page_get_year (page), ==, 2025);
  g_assert_false (opora_dashboard_page_set_year (page, 2019));
}

/* Each card opens what is behind it; a ranking row, the person's evaluations. */
static void
test_drill_down (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *cards = get_widget (fixture, "cards");
  GtkListBox *ranking = get_widget (fixture, "ranking");
  GtkWidget *first = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (cards)));
  GtkWidget *second = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_next_sibling (gtk_widget_get_first_child (cards))));
  GtkWindow *window;
  gint64 analysed, problems, evaluations;
  g_autofree char *name = NULL;

  analysed = query_int (fixture, "SELECT count(*) FROM cluster_member WHERE cluster <> 0 AND run_id ="
                                 " (SELECT max(id) FROM analysis_run WHERE year = 2026)");
  problems = query_int (fixture, "SELECT count(*) FROM cluster_member WHERE flags & 1 AND run_id ="
                                 " (SELECT max(id) FROM analysis_run WHERE year = 2026)");

  g_signal_emit_by_name (first, "clicked");
  window = drill_window (fixture);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Schools analysed");
  g_assert_cmpuint (drill_rows (window), ==, analysed);
  gtk_window_destroy (window);

  g_signal_emit_by_name (second, "clicked");
  window = drill_window (fixture);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Schools with low results");
  g_assert_cmpuint (drill_rows (window), ==, problems);
  ui_screenshot (GTK_WIDGET (window), "dashboard-drill");
  gtk_window_destroy (window);

  /* The first of the ranking: their evaluations, one row a year. */
  g_signal_emit_by_name (ranking, "row-activated", gtk_list_box_get_row_at_index (ranking, 0));
  window = drill_window (fixture);
  g_assert_nonnull (window);
  name = g_strdup_printf ("SELECT count(*) FROM evaluation e JOIN person p ON p.id = e.person_id WHERE p.full_name = '%s'",
                          gtk_window_get_title (window));
  evaluations = query_int (fixture, name);
  g_assert_cmpint (evaluations, >=, 1);
  g_assert_cmpuint (drill_rows (window), ==, evaluations);
  ui_screenshot (GTK_WIDGET (window), "dashboard-person");
  gtk_window_destroy (window);
}

/* A program behind schedule opens in Programs. */
static void
test_program_behind (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkListBox *behind = get_widget (fixture, "behind");
  AdwViewStack *stack = get_widget (fixture, "section_stack");
  OporaProgramsPage *programs = get_widget (fixture, "programs_page");
  gint64 most_overdue = query_int (fixture,
    "SELECT p.id FROM program p JOIN measure m ON m.program_id = p.id WHERE p.first_year <= 2026 AND p.last_year >= 2026"
    " AND p.status <> 'suspended' AND m.status IN ('planned', 'in-progress') AND m.end_date < '" TODAY "'"
    " GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1");

  g_signal_emit_by_name (behind, "row-activated", gtk_list_box_get_row_at_index (behind, 0));
  drain_main_loop ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "programs");
  g_assert_cmpint (opora_programs_page_get_program (programs), ==, most_overdue);
}

static gboolean
pdf_info (const char *path,
          char      **out)
{
  const char *argv[] = { "pdfinfo", path, NULL };

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       out, NULL, NULL, NULL);
}

/* The PDF for the meeting is one A4 landscape page; the workbook is written. */
static void
test_exports (Fixture       *fixture,
              gconstpointer  user_data)
{
  OporaDashboardPage *page = get_widget (fixture, "dashboard_page");
  g_autofree char *pdf = g_build_filename (fixture->dir, "dashboard.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "dashboard.xlsx", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_dashboard_page_export_pdf (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (opora_dashboard_page_export_xlsx (page, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  if (g_find_program_in_path ("pdfinfo") == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_true (pdf_info (pdf, &info));
  g_assert_nonnull (strstr (info, "Pages:           1"));
  g_assert_nonnull (strstr (info, "842 x 595 pts"));
  if (g_find_program_in_path ("pdftotext") != NULL)
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *text = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, NULL, NULL));
      g_assert_nonnull (strstr (text, "2025/26"));
      g_assert_nonnull (strstr (text, "Schools with low results"));
      g_assert_nonnull (strstr (text, "Programs behind schedule"));
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The assertions compare texts in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Xvfb has no session bus for the accessibility bus to live on. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/dashboard-page/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/dashboard-page/drill-down", Fixture, NULL, fixture_set_up, test_drill_down, fixture_tear_down);
  g_test_add ("/dashboard-page/program-behind", Fixture, NULL, fixture_set_up, test_program_behind, fixture_tear_down);
  g_test_add ("/dashboard-page/exports", Fixture, NULL, fixture_set_up, test_exports, fixture_tear_down);
  return g_test_run ();
}
