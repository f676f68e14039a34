/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Rules and Flags section and the cluster names driven on a demo workspace: flags, the rule form, names. */

#include <glib/gstdio.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-clusters-page.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-flags-page.h"
#include "opora-model-compare.h"
#include "opora-rule-editor.h"
#include "opora-rule.h"
#include "opora-table-row.h"
#include "opora-window.h"
#include "ui-util.h"

#define DEMO_YEAR 2026

/* The sections in the order of the sidebar. */
enum {
  SECTION_DASHBOARD,
  SECTION_DATA,
  SECTION_CLUSTERS,
  SECTION_MONITORING,
  SECTION_FLAGS,
};

/* The cells of a flag's row, as the template orders the columns. */
enum {
  FLAG_CODE,
  FLAG_NAME,
  FLAG_RULE,
  FLAG_VERSION,
  FLAG_EVIDENCE,
};

typedef struct {
  char        *dir;
  char        *path;    /* a demo workspace */
  OporaWindow *window;  /* our own reference, for g_assert_finalize_object() */
} Fixture;

static gpointer
get_widget_in (GtkWidget  *root,
               const char *id)
{
  gpointer widget = find_widget (root, id);

  g_assert_nonnull (widget);
  return widget;
}

static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  return get_widget_in (GTK_WIDGET (fixture->window), id);
}

/* Clusters and Flags both have a "view_stack": look inside the section. */
static gpointer
flags_widget (Fixture    *fixture,
              const char *id)
{
  return get_widget_in (get_widget (fixture, "flags_page"), id);
}

static GListModel *
view_model (GtkColumnView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static void
show_section (Fixture *fixture,
              int      section)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                  g_variant_new_int32 (section));
  drain_main_loop ();
}

static gboolean
flags_shown (gpointer data)
{
  return !opora_flags_page_get_busy (flags_widget (data, "flags_page"));
}

static void
wait_for_flags (Fixture *fixture)
{
  g_assert_true (wait_for (flags_shown, fixture));
  drain_main_loop ();
}

static char *
make_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.opora", NULL);
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

  fixture->dir = g_dir_make_tmp ("opora-test-flags-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir);
  fixture->window = g_object_ref (opora_window_new (NULL));
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
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

static OporaDb *
open_db (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  OporaDb *db = opora_db_open (fixture->path, OPORA_DB_READ_ONLY, &error);

  g_assert_no_error (error);
  return db;
}

static const OporaRule *
find_rule (GPtrArray  *rules,
           const char *name)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (((OporaRule *) rules->pdata[i])->name, name))
      return rules->pdata[i];
  g_assert_not_reached ();
}

static GPtrArray *
list_rules (Fixture *fixture)
{
  g_autoptr(OporaDb) db = open_db (fixture);
  g_autoptr(GError) error = NULL;
  GPtrArray *rules = opora_rule_list (db, &error);

  g_assert_no_error (error);
  return rules;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* "school id|rule title|version|evidence" per flag, sorted: a multiset to compare. */
static GPtrArray *
expected_flags (Fixture    *fixture,
                const char *rule_name)
{
  g_autoptr(OporaDb) db = open_db (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = opora_rule_list (db, &error);
  g_autoptr(GPtrArray) flags = opora_rule_evaluate (db, DEMO_YEAR, rule_name, &error);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < flags->len; i++)
    {
      const OporaFlag *f = flags->pdata[i];
      g_ptr_array_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%d|%s", f->school_id,
                                              find_rule (rules, f->rule)->title, f->version, f->evidence));
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static GPtrArray *
shown_flags (Fixture *fixture)
{
  GListModel *model = view_model (flags_widget (fixture, "flag_view"));
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (model, i);
      g_ptr_array_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%s", opora_table_row_get_id (row),
                                              opora_table_row_get_text (row, FLAG_RULE),
                                              opora_table_row_get_text (row, FLAG_VERSION),
                                              opora_table_row_get_text (row, FLAG_EVIDENCE)));
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static void
assert_same (GPtrArray *expected,
             GPtrArray *shown)
{
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (shown->pdata[i], ==, expected->pdata[i]);
}

static guint
count_prefix (GPtrArray  *keys,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < keys->len; i++)
    n += g_str_has_prefix (keys->pdata[i], prefix);
  return n;
}

static GtkWidget *
find_switch (GtkWidget *root)
{
  if (GTK_IS_SWITCH (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switch (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
one_school_left (gpointer data)
{
  GListModel *model = view_model (flags_widget (data, "flag_view"));

  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OporaTableRow) a = g_list_model_get_item (model, 0);
      g_autoptr(OporaTableRow) b = g_list_model_get_item (model, i);

      if (opora_table_row_get_id (a) != opora_table_row_get_id (b))
        return FALSE;
    }
  return g_list_model_get_n_items (model) > 0;
}

/* The table lists exactly what opora_rule_evaluate() flags, one row per rule a school meets. */
static void
test_matches_evaluate (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) expected = expected_flags (fixture, NULL);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) dynamics = expected_flags (fixture, "negative-dynamics");
  GtkDropDown *rule_dropdown = flags_widget (fixture, "rule_dropdown");
  GListModel *model = view_model (flags_widget (fixture, "flag_view"));
  g_autofree char *export_path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean several = FALSE;

  show_section (fixture, SECTION_FLAGS);
  wait_for_flags (fixture);
  g_assert_cmpint (opora_flags_page_get_year (flags_widget (fixture, "flags_page")), ==, DEMO_YEAR);
  shown = shown_flags (fixture);
  g_assert_cmpuint (expected->len, >, 0);
  assert_same (expected, shown);

  /* Some school is flagged by several rules and has a row for each. */
  for (guint i = 1; i < expected->len && !several; i++)
    {
      g_auto(GStrv) a = g_strsplit (expected->pdata[i - 1], "|", 2);
      g_auto(GStrv) b = g_strsplit (expected->pdata[i], "|", 2);
      several = g_str_equal (a[0], b[0]) && !g_str_equal (a[1], b[1]);
    }
  g_assert_true (several);

  /* The rule filter keeps one rule's flags: the rules are listed after "All rules". */
  gtk_drop_down_set_selected (rule_dropdown, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, dynamics->len);
  gtk_drop_down_set_selected (rule_dropdown, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);

  /* A search by code keeps that school's flags. */
  gtk_editable_set_text (flags_widget (fixture, "flag_search"), "040008");
  g_assert_true (wait_for (one_school_left, fixture));
  {
    g_autoptr(OporaTableRow) row = g_list_model_get_item (model, 0);
    g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "|", opora_table_row_get_id (row));

    g_assert_cmpstr (opora_table_row_get_text (row, FLAG_CODE), ==, "040008");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_prefix (expected, prefix));
  }
  gtk_editable_set_text (flags_widget (fixture, "flag_search"), "");

  /* The export writes what is shown (test-analysis-export reads such a workbook back). */
  export_path = g_build_filename (fixture->dir, "flags.xlsx", NULL);
  g_assert_true (opora_flags_page_export (flags_widget (fixture, "flags_page"), export_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (export_path, G_FILE_TEST_IS_REGULAR));
}

static guint
count_all_models (const OporaModelComparison *c)
{
  guint n = 0;

  for (guint i = 0; i < c->schools->len; i++)
    n += g_array_index (c->schools, OporaModelFlags, i).models == (1u << OPORA_N_MODELS) - 1;
  return n;
}

/* The comparison view shows opora_models_compare() of the year. */
static void
test_compare (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(OporaDb) db = open_db (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaModelComparison) c = opora_models_compare (db, DEMO_YEAR, &error);
  GListModel *models, *schools;

  g_assert_no_error (error);
  show_section (fixture, SECTION_FLAGS);
  wait_for_flags (fixture);
  models = view_model (flags_widget (fixture, "model_view"));
  schools = view_model (flags_widget (fixture, "compare_view"));
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, OPORA_N_MODELS);
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (models, m);
      g_assert_cmpfloat (opora_table_row_get_value (row, 1), ==, c->flagged[m]);
      /* The schools each other model shares, with the Jaccard index. */
      for (guint other = 0; other < OPORA_N_MODELS; other++)
        {
          g_autofree char *both = g_strdup_printf ("%u · %.2f", c->both[m][other],
                                                   opora_model_comparison_jaccard (c, m, other));
          g_assert_cmpstr (opora_table_row_get_text (row, 2 + other), ==, other == m ? "—" : both);
        }
      /* Nothing is stored in a new demo: the figures come from the default settings, and it says so. */
      g_assert_cmpstr (opora_table_row_get_text (row, 2 + OPORA_N_MODELS), ==, "default settings");
    }
  g_assert_true (gtk_widget_get_visible (flags_widget (fixture, "default_label")));
  g_assert_cmpuint (g_list_model_get_n_items (schools), ==, c->schools->len);

  /* Where they disagree: the schools not every model flags. */
  gtk_switch_set_active (flags_widget (fixture, "disagree_switch"), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (schools), ==, c->schools->len - count_all_models (c));
  g_assert_cmpuint (g_list_model_get_n_items (schools), >, 0);
}

static void
show_rules (Fixture    *fixture,
            const char *name)
{
  show_section (fixture, SECTION_FLAGS);
  wait_for_flags (fixture);
  adw_view_stack_set_visible_child_name (flags_widget (fixture, "view_stack"), "rules");
  /* The definition's label is a child of the expander only while it is open. */
  gtk_expander_set_expanded (flags_widget (fixture, "json_expander"), TRUE);
  g_assert_true (opora_rule_editor_select (flags_widget (fixture, "rule_editor"), name));
  drain_main_loop ();
}

/* The form's value goes into the rule's JSON; saving raises the version and the flags follow. */
static void
test_edit_value (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *editor;
  g_autoptr(GPtrArray) before = expected_flags (fixture, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  const OporaRule *rule;

  show_rules (fixture, "federal-risk");
  editor = flags_widget (fixture, "rule_editor");
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));
  gtk_spin_button_set_value (flags_widget (fixture, "value_spin"), 15);
  g_assert_true (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (flags_widget (fixture, "json_label")), "\"value\":15"));
  g_assert_true (gtk_widget_activate_action (editor, "rules.save", NULL));
  g_assert_true (opora_flags_page_get_busy (flags_widget (fixture, "flags_page")));
  wait_for_flags (fixture);

  rules = list_rules (fixture);
  rule = find_rule (rules, "federal-risk");
  g_assert_cmpint (rule->version, ==, 2);
  g_assert_nonnull (strstr (rule->definition, "\"value\":15"));
  /* The other fields are as they were. */
  g_assert_nonnull (strstr (rule->definition, "\"vpr_*_m2\""));
  g_assert_nonnull (strstr (rule->definition, "\"need_both\":true"));
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));

  after = expected_flags (fixture, NULL);
  g_assert_cmpuint (after->len, >, before->len);
  shown = shown_flags (fixture);
  assert_same (after, shown);
}

/* An invalid definition shows opora_rule_check()'s message where it is made, and nothing is saved. */
static void
test_invalid (Fixture       *fixture,
              gconstpointer  user_data)
{
  GtkWidget *editor;
  g_autoptr(GPtrArray) before = list_rules (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *definition;

  show_rules (fixture, "federal-risk");
  editor = flags_widget (fixture, "rule_editor");
  g_assert_false (gtk_widget_get_visible (flags_widget (fixture, "check_box")));
  gtk_editable_set_text (flags_widget (fixture, "indicators_row"), "");
  definition = gtk_label_get_text (flags_widget (fixture, "json_label"));
  g_assert_false (opora_rule_check (definition, &error));
  g_assert_true (gtk_widget_get_visible (flags_widget (fixture, "check_box")));
  g_assert_cmpstr (gtk_label_get_text (flags_widget (fixture, "check_label")), ==, error->message);
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));
  gtk_widget_activate_action (editor, "rules.save", NULL);
  drain_main_loop ();

  after = list_rules (fixture);
  g_assert_cmpint (find_rule (after, "federal-risk")->version, ==, 1);
  g_assert_cmpstr (find_rule (after, "federal-risk")->definition, ==, find_rule (before, "federal-risk")->definition);

  /* Typing the indicators back makes it valid again. */
  gtk_editable_set_text (flags_widget (fixture, "indicators_row"), "oge_math_m2_share");
  g_assert_false (gtk_widget_get_visible (flags_widget (fixture, "check_box")));
  g_assert_true (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));
}

/* "New Rule" starts from a form that says what it lacks; saving adds the rule. */
static void
test_new_rule (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWidget *editor;
  g_autoptr(GPtrArray) rules = NULL;
  const OporaRule *rule;

  show_rules (fixture, "federal-risk");
  editor = flags_widget (fixture, "rule_editor");
  g_assert_true (gtk_widget_activate_action (editor, "rules.new", NULL));
  g_assert_true (gtk_widget_get_visible (flags_widget (fixture, "check_box")));
  gtk_editable_set_text (flags_widget (fixture, "title_row"), "Много «2» по математике в ОГЭ");
  gtk_editable_set_text (flags_widget (fixture, "indicators_row"), "oge_math_m2_share");
  gtk_spin_button_set_value (flags_widget (fixture, "value_spin"), 20);
  g_assert_true (gtk_widget_activate_action (editor, "rules.save", NULL));
  wait_for_flags (fixture);

  rules = list_rules (fixture);
  g_assert_cmpuint (rules->len, ==, 5);
  rule = find_rule (rules, "rule-1");
  g_assert_cmpstr (rule->title, ==, "Много «2» по математике в ОГЭ");
  g_assert_cmpint (rule->version, ==, 1);
  g_assert_false (rule->builtin);
  g_assert_true (rule->enabled);
  g_assert_cmpstr (rule->definition, ==,
                   "{\"kind\":\"threshold\",\"indicators\":[\"oge_math_m2_share\"],\"op\":\">=\",\"value\":20,"
                   "\"min_procedures\":1,\"same_years\":0,\"need_both\":false,\"min_participants\":10,\"include_small\":false}");
}

/* Switching a rule off drops its flags. */
static void
test_switch_off (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *row;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  show_rules (fixture, "negative-dynamics");
  row = flags_widget (fixture, "negative-dynamics");
  gtk_switch_set_active (GTK_SWITCH (find_switch (row)), FALSE);
  wait_for_flags (fixture);
  rules = list_rules (fixture);
  g_assert_false (find_rule (rules, "negative-dynamics")->enabled);
  g_assert_cmpint (find_rule (rules, "negative-dynamics")->version, ==, 1);
  expected = expected_flags (fixture, NULL);
  shown = shown_flags (fixture);
  assert_same (expected, shown);
}

static gboolean
run_is_shown (gpointer data)
{
  OporaClustersPage *page = get_widget (data, "clusters_page");

  return !opora_clusters_page_get_running (page) && !opora_clusters_page_is_loading (page) &&
         opora_clusters_page_get_analysis (page) != NULL;
}

static gboolean
clusters_loaded (gpointer data)
{
  return !opora_clusters_page_is_loading (get_widget (data, "clusters_page"));
}

static void
run_kmeans (Fixture *fixture)
{
  OporaClustersPage *page = get_widget (fixture, "clusters_page");

  show_section (fixture, SECTION_CLUSTERS);
  g_assert_true (wait_for (clusters_loaded, fixture));
  adw_combo_row_set_selected (get_widget (fixture, "model_row"), OPORA_MODEL_KMEANS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clusters.run", NULL));
  g_assert_true (wait_for (run_is_shown, fixture));
  drain_main_loop ();
}

static OporaAnalysis *
load_run (Fixture *fixture,
          gint64   id)
{
  g_autoptr(OporaDb) db = open_db (fixture);
  g_autoptr(GError) error = NULL;
  OporaAnalysis *analysis = opora_analysis_load (db, id, &error);

  g_assert_no_error (error);
  return analysis;
}

/* A name and a pin given in the profiles view are stored, shown, and carried into the next run. */
static void
test_name_cluster (Fixture       *fixture,
                   gconstpointer  user_data)
{
  OporaClustersPage *page = get_widget (fixture, "clusters_page");
  GtkWidget *names = get_widget (fixture, "cluster_names");
  g_autoptr(OporaAnalysis) stored = NULL;
  g_autoptr(OporaAnalysis) next = NULL;
  GListModel *members;
  const OporaClusterInfo *info;
  gint64 first;

  run_kmeans (fixture);
  first = opora_clusters_page_get_analysis (page)->id;
  gtk_editable_set_text (get_widget_in (names, "cluster_name_1"), "городские школы");
  g_signal_emit_by_name (get_widget_in (names, "cluster_name_1"), "activate");
  gtk_toggle_button_set_active (get_widget_in (names, "cluster_pin_1"), TRUE);

  stored = load_run (fixture, first);
  info = &g_array_index (stored->clusters, OporaClusterInfo, 0);
  g_assert_cmpstr (info->name, ==, "городские школы");
  g_assert_true (info->pinned);
  g_assert_cmpstr (opora_analysis_cluster_name (opora_clusters_page_get_analysis (page), 1), ==, "городские школы");

  /* The schools table shows the name after the number. */
  members = G_LIST_MODEL (gtk_column_view_get_model (get_widget (fixture, "member_view")));
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (members, i);
      if (opora_table_row_get_group (row) == 1)
        g_assert_cmpstr (opora_table_row_get_text (row, 2), ==, "1 · городские школы");
    }

  /* The next run follows this one: the pinned name stays, and each cluster says what it was. */
  run_kmeans (fixture);
  g_assert_cmpint (opora_clusters_page_get_analysis (page)->id, >, first);
  next = load_run (fixture, opora_clusters_page_get_analysis (page)->id);
  g_assert_cmpint (next->previous_run_id, ==, first);
  g_assert_cmpstr (opora_analysis_cluster_name (next, 1), ==, "городские школы");
  g_assert_cmpstr (gtk_editable_get_text (get_widget_in (names, "cluster_name_1")), ==, "городские школы");
  g_assert_nonnull (strstr (gtk_label_get_text (get_widget_in (names, "match_label")), "Matched to analysis"));
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

/* A read-only workspace shows its rules and flags but allows no edit. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "read-only.opora", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *names;

  copy_file (fixture->path, copy);
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);
  g_assert_true (opora_window_open (fixture->window, copy, OPORA_DB_FLAGS_NONE, &error));
  g_assert_no_error (error);

  show_rules (fixture, "federal-risk");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (flags_widget (fixture, "flag_view"))), >, 0);
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "title_row")));
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "threshold_group")));
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (flags_widget (fixture, "new_button")));
  row = flags_widget (fixture, "federal-risk");
  g_assert_false (gtk_widget_get_sensitive (find_switch (row)));

  /* An analysis of a read-only workspace is not stored: its clusters cannot be named. */
  run_kmeans (fixture);
  names = get_widget (fixture, "cluster_names");
  g_assert_false (gtk_widget_get_sensitive (get_widget_in (names, "cluster_name_1")));
  g_assert_false (gtk_widget_get_sensitive (get_widget_in (names, "cluster_pin_1")));
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

  add_test ("/ui/flags/matches-evaluate", test_matches_evaluate);
  add_test ("/ui/flags/compare", test_compare);
  add_test ("/ui/flags/edit-value", test_edit_value);
  add_test ("/ui/flags/invalid", test_invalid);
  add_test ("/ui/flags/new-rule", test_new_rule);
  add_test ("/ui/flags/switch-off", test_switch_off);
  add_test ("/ui/flags/name-cluster", test_name_cluster);
  add_test ("/ui/flags/read-only", test_read_only);

  return g_test_run ();
}
