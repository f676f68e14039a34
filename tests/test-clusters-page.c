/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Clusters and Monitoring sections driven on a demo workspace: run, filter, decide, k-means, monitoring. */

#include <glib/gstdio.h>

#include "opora-analysis-store.h"
#include "opora-clusters-page.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-monitoring-page.h"
#include "opora-monitoring.h"
#include "opora-table-row.h"
#include "opora-window.h"
#include "ui-util.h"

#define N_DEMO_SCHOOLS 40
#define DEMO_YEAR      2026

/* The sections in the order of the sidebar. */
enum {
  SECTION_DASHBOARD,
  SECTION_DATA,
  SECTION_CLUSTERS,
  SECTION_MONITORING,
};

/* The filter drop-down's entries. */
enum {
  FILTER_ALL,
  FILTER_PROBLEM,
};

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

static OporaClustersPage *
clusters_page (Fixture *fixture)
{
  return get_widget (fixture, "clusters_page");
}

static GListModel *
view_model (Fixture    *fixture,
            const char *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (get_widget (fixture, view)));
}

static gboolean
sections_loaded (gpointer data)
{
  return !opora_clusters_page_is_loading (get_widget (data, "clusters_page")) &&
         !opora_monitoring_page_is_computing (get_widget (data, "monitoring_page"));
}

/* Shows @section and waits until it has read the workspace and filled its tables. */
static void
show_section (Fixture *fixture,
              int      section)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                  g_variant_new_int32 (section));
  g_assert_true (wait_for (sections_loaded, fixture));
  drain_main_loop ();
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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-clusters-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir, "demo.opora");
  fixture->window = g_object_ref (opora_window_new (NULL));
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  show_section (fixture, SECTION_CLUSTERS);
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

static gboolean
run_is_shown (gpointer data)
{
  Fixture *fixture = data;
  OporaClustersPage *page = clusters_page (fixture);

  return !opora_clusters_page_get_running (page) && !opora_clusters_page_is_loading (page) &&
         opora_clusters_page_get_analysis (page) != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (get_widget (fixture, "result_stack")), "results") == 0;
}

/* Runs the analysis through the page's action and waits for it on the main loop. */
static void
run_analysis (Fixture *fixture)
{
  OporaClustersPage *page = clusters_page (fixture);
  const OporaAnalysis *before = opora_clusters_page_get_analysis (page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.run", NULL));
  g_assert_true (opora_clusters_page_get_running (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "result_stack")), ==, "running");
  g_assert_true (wait_for (run_is_shown, fixture));
  g_assert_true (opora_clusters_page_get_analysis (page) != before);
}

static OporaAnalysis *
load_latest (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (fixture->path, OPORA_DB_READ_ONLY, &error);
  gint64 run;
  OporaAnalysis *analysis;

  g_assert_no_error (error);
  run = opora_analysis_latest (db, DEMO_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  analysis = opora_analysis_load (db, run, &error);
  g_assert_no_error (error);
  return analysis;
}

static guint
count_problem (const OporaAnalysis *analysis)
{
  guint n = 0;

  for (guint i = 0; i < analysis->members->len; i++)
    n += (g_array_index (analysis->members, OporaMember, i).flags & OPORA_MEMBER_PROBLEM) != 0;
  return n;
}

static gboolean
one_member_left (gpointer data)
{
  return g_list_model_get_n_items (view_model (data, "member_view")) == 1;
}

static gboolean
all_members_listed (gpointer data)
{
  return g_list_model_get_n_items (view_model (data, "member_view")) == N_DEMO_SCHOOLS;
}

static void
test_run_and_filter (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GListModel *members = view_model (fixture, "member_view");
  g_autoptr(OporaAnalysis) stored = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problem;

  /* A new workspace has no run: the page says so and offers to run one. */
  g_assert_null (opora_clusters_page_get_analysis (clusters_page (fixture)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "result_stack")), ==, "none");

  run_analysis (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, N_DEMO_SCHOOLS);
  g_assert_cmpstr (gtk_label_get_text (get_widget (fixture, "member_count_label")), ==, "40 schools");

  /* The run was saved, and the problem filter lists its problem schools. */
  stored = load_latest (fixture);
  g_assert_cmpint (stored->id, ==, opora_clusters_page_get_analysis (clusters_page (fixture))->id);
  n_problem = count_problem (stored);
  g_assert_cmpuint (n_problem, >, 0);
  gtk_drop_down_set_selected (get_widget (fixture, "filter_dropdown"), FILTER_PROBLEM);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, n_problem);
  for (guint i = 0; i < n_problem; i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (members, i);
      g_assert_true (opora_table_row_get_flags (row) & OPORA_MEMBER_PROBLEM);
    }

  /* The export writes a workbook. */
  export_path = g_build_filename (fixture->dir, "clusters.xlsx", NULL);
  g_assert_true (opora_clusters_page_export (clusters_page (fixture), export_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (export_path, G_FILE_TEST_IS_REGULAR));

  /* Searching by a code finds that school (the search waits for typing to pause). */
  gtk_drop_down_set_selected (get_widget (fixture, "filter_dropdown"), FILTER_ALL);
  gtk_editable_set_text (get_widget (fixture, "member_search"), "040002");
  g_assert_true (wait_for (one_member_left, fixture));
  gtk_editable_set_text (get_widget (fixture, "member_search"), "");
  g_assert_true (wait_for (all_members_listed, fixture));
}

/* The position in @model of a problem school with a proposed base school. */
static guint
find_proposed_pair (GListModel          *model,
                    const OporaAnalysis *analysis,
                    const OporaPair    **pair)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (model, i);
      const OporaPair *p = opora_analysis_find_pair (analysis, opora_table_row_get_id (row));

      if (p != NULL && p->base_id > 0 && p->status == OPORA_PAIR_PROPOSED)
        {
          *pair = p;
          return i;
        }
    }
  g_assert_not_reached ();
}

static const OporaPair *
stored_pair (const OporaAnalysis *analysis,
             gint64               id)
{
  for (guint i = 0; i < analysis->pairs->len; i++)
    if (((OporaPair *) analysis->pairs->pdata[i])->id == id)
      return analysis->pairs->pdata[i];
  g_assert_not_reached ();
}

/* The cell a column shows is its position: the templates declare them in cell order. */
static guint
column_index (Fixture    *fixture,
              const char *view,
              const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (get_widget (fixture, view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_accept_pair (Fixture       *fixture,
                  gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  GListModel *members = view_model (fixture, "member_view");
  g_autoptr(OporaAnalysis) stored = NULL;
  g_autoptr(OporaTableRow) row = NULL;
  const OporaPair *pair = NULL;
  gint64 pair_id;
  guint position;

  run_analysis (fixture);
  g_assert_false (gtk_widget_get_sensitive (get_widget (fixture, "accept_button")));
  position = find_proposed_pair (members, opora_clusters_page_get_analysis (page), &pair);
  pair_id = pair->id;
  g_assert_cmpint (pair_id, >, 0);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (members), position, TRUE);
  g_assert_true (gtk_action_bar_get_revealed (get_widget (fixture, "pair_bar")));
  g_assert_true (gtk_widget_get_sensitive (get_widget (fixture, "accept_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.accept-pair", NULL));
  stored = load_latest (fixture);
  g_assert_cmpint (stored_pair (stored, pair_id)->status, ==, OPORA_PAIR_ACCEPTED);
  row = g_list_model_get_item (members, position);
  g_assert_cmpstr (opora_table_row_get_text (row, column_index (fixture, "member_view", "Pair")), ==, "accepted");

  /* Rejecting it afterwards is recorded too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.reject-pair", NULL));
  g_clear_pointer (&stored, opora_analysis_free);
  stored = load_latest (fixture);
  g_assert_cmpint (stored_pair (stored, pair_id)->status, ==, OPORA_PAIR_REJECTED);
}

/* A stored run is what a reopened workspace shows, without running again. */
static void
test_shows_stored_run (Fixture       *fixture,
                       gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  g_autoptr(GError) error = NULL;
  gint64 id;

  run_analysis (fixture);
  id = opora_clusters_page_get_analysis (page)->id;
  g_assert_true (opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (opora_clusters_page_get_running (page));
  g_assert_true (wait_for (sections_loaded, fixture));
  g_assert_nonnull (opora_clusters_page_get_analysis (page));
  g_assert_cmpint (opora_clusters_page_get_analysis (page)->id, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (fixture, "member_view")), ==, N_DEMO_SCHOOLS);
}

/* k-means with its choice of k, then quadrants and context-adjusted results. */
static void
test_models (Fixture       *fixture,
             gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  const OporaAnalysis *analysis;
  AdwViewStackPage *sweep;
  AdwViewStack *stack;

  adw_combo_row_set_selected (get_widget (fixture, "model_row"), OPORA_MODEL_KMEANS);
  g_assert_true (gtk_widget_get_visible (get_widget (fixture, "kmeans_group")));
  g_assert_false (gtk_widget_get_visible (get_widget (fixture, "threshold_group")));
  run_analysis (fixture);

  analysis = opora_clusters_page_get_analysis (page);
  g_assert_cmpint (analysis->params->model, ==, OPORA_MODEL_KMEANS);
  /* k = 2…8 by the silhouette: seven rows, one of them chosen. */
  g_assert_cmpuint (g_list_model_get_n_items (view_model (fixture, "sweep_view")), ==, 7);
  g_assert_cmpuint (analysis->sweep->len, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (fixture, "member_view")), ==, N_DEMO_SCHOOLS);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (fixture, "profile_view")), ==,
                    g_strv_length (analysis->profile_keys));
  stack = get_widget (fixture, "view_stack");
  sweep = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "sweep"));
  g_assert_true (adw_view_stack_page_get_visible (sweep));

  /* Back to quadrants: four clusters, their profiles, no choice of k. */
  adw_combo_row_set_selected (get_widget (fixture, "model_row"), OPORA_MODEL_QUADRANT);
  run_analysis (fixture);
  analysis = opora_clusters_page_get_analysis (page);
  g_assert_cmpuint (analysis->n_clusters, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (get_widget (fixture, "profile_view"))), ==, 5);
  g_assert_false (adw_view_stack_page_get_visible (sweep));

  /* And the third model, results against what the context predicts. */
  adw_combo_row_set_selected (get_widget (fixture, "model_row"), OPORA_MODEL_REGRESSION);
  run_analysis (fixture);
  g_assert_cmpint (opora_clusters_page_get_analysis (page)->params->model, ==, OPORA_MODEL_REGRESSION);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (fixture, "member_view")), ==, N_DEMO_SCHOOLS);
}

static gboolean
was_stopped (gpointer data)
{
  Fixture *fixture = data;

  return !opora_clusters_page_get_running (clusters_page (fixture));
}

/* Stopping leaves the page as it was: no analysis, none stored. */
static void
test_stop (Fixture       *fixture,
           gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  adw_combo_row_set_selected (get_widget (fixture, "model_row"), OPORA_MODEL_KMEANS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.run", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.stop", NULL));
  g_assert_true (wait_for (was_stopped, fixture));
  if (opora_clusters_page_get_analysis (page) != NULL)
    return;  /* The run was faster than the stop: nothing to check. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "result_stack")), ==, "none");
  db = opora_db_open (fixture->path, OPORA_DB_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (opora_analysis_latest (db, 0, &error), ==, 0);
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

/* A read-only workspace shows the analysis unsaved and allows no decision. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  g_autofree char *copy = g_build_filename (fixture->dir, "read-only.opora", NULL);
  GListModel *members = view_model (fixture, "member_view");
  g_autoptr(GError) error = NULL;
  const OporaPair *pair = NULL;

  copy_file (fixture->path, copy);
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);
  g_assert_true (opora_window_open (fixture->window, copy, OPORA_DB_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (opora_db_is_read_only (opora_window_get_db (fixture->window)));
  g_assert_true (wait_for (sections_loaded, fixture));

  run_analysis (fixture);
  g_assert_cmpint (opora_clusters_page_get_analysis (page)->id, ==, 0);
  g_assert_true (gtk_widget_has_css_class (get_widget (fixture, "run_label"), "warning"));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (members),
                                   find_proposed_pair (members, opora_clusters_page_get_analysis (page), &pair),
                                   TRUE);
  g_assert_true (gtk_action_bar_get_revealed (get_widget (fixture, "pair_bar")));
  g_assert_false (gtk_widget_get_sensitive (get_widget (fixture, "accept_button")));
  g_assert_false (gtk_widget_get_sensitive (get_widget (fixture, "choose_base_button")));
}

/* A base school full up refuses one more supported school; the pair stays as it was. */
static void
test_load_limit (Fixture       *fixture,
                 gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  GListModel *members = view_model (fixture, "member_view");
  g_autoptr(OporaAnalysis) stored = NULL;
  const OporaAnalysis *analysis;
  const OporaPair *pair = NULL, *other = NULL;
  guint position;

  gtk_spin_button_set_value (get_widget (fixture, "max_per_base_spin"), 1);
  run_analysis (fixture);
  analysis = opora_clusters_page_get_analysis (page);
  g_assert_cmpuint (analysis->params->max_per_base, ==, 1);
  position = find_proposed_pair (members, analysis, &pair);
  /* Another pair's base school already supports one school: the most allowed. */
  for (guint i = 0; i < analysis->pairs->len && other == NULL; i++)
    {
      const OporaPair *p = analysis->pairs->pdata[i];
      if (p != pair && p->base_id > 0 && p->base_id != pair->base_id)
        other = p;
    }
  if (other == NULL)
    {
      g_test_skip ("The demo has a single base school in use");
      return;
    }
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (members), position, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.choose-base", "x", other->base_id));
  stored = load_latest (fixture);
  g_assert_cmpint (stored_pair (stored, pair->id)->status, ==, OPORA_PAIR_PROPOSED);
  g_assert_cmpint (stored_pair (stored, pair->id)->base_id, ==, pair->base_id);
}

/* The monitoring is computed on a thread. */
static gboolean
monitoring_done (gpointer page)
{
  return !opora_monitoring_page_is_computing (page);
}

static void
test_monitoring (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (fixture->path, OPORA_DB_READ_ONLY, &error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) summary = NULL;
  g_autofree char *export_path = NULL;
  GListModel *model;

  g_assert_no_error (error);
  rows = opora_monitoring_compute (db, DEMO_YEAR, &error);
  g_assert_no_error (error);
  summary = opora_monitoring_summary (rows);
  g_assert_cmpuint (summary->len, >, 0);

  show_section (fixture, SECTION_MONITORING);
  g_assert_true (wait_for (monitoring_done, get_widget (fixture, "monitoring_page")));
  model = view_model (fixture, "monitoring_view");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "monitoring_stack")), ==, "table");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, summary->len);

  /* Every school with figures when asked for all of them. */
  gtk_switch_set_active (get_widget (fixture, "all_switch"), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
  gtk_switch_set_active (get_widget (fixture, "all_switch"), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, summary->len);

  export_path = g_build_filename (fixture->dir, "monitoring.xlsx", NULL);
  g_assert_cmpint (opora_monitoring_page_get_year (get_widget (fixture, "monitoring_page")), ==, DEMO_YEAR);
  g_assert_true (opora_monitoring_page_export (get_widget (fixture, "monitoring_page"), export_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (export_path, G_FILE_TEST_IS_REGULAR));
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

  add_test ("/ui/clusters/run-and-filter", test_run_and_filter);
  add_test ("/ui/clusters/accept-pair", test_accept_pair);
  add_test ("/ui/clusters/shows-stored-run", test_shows_stored_run);
  add_test ("/ui/clusters/models", test_models);
  add_test ("/ui/clusters/stop", test_stop);
  add_test ("/ui/clusters/read-only", test_read_only);
  add_test ("/ui/clusters/load-limit", test_load_limit);
  add_test ("/ui/monitoring/summary", test_monitoring);

  return g_test_run ();
}
