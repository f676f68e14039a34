/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cluster chart in the Clusters section on a demo workspace: hover, click, keys, zoom, output, presentation. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-chart-presentation.h"
#include "opora-chart-view.h"
#include "opora-clusters-page.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-paced-selection.h"
#include "opora-school.h"
#include "opora-table-row.h"
#include "opora-window.h"
#include "ui-util.h"

#define DEMO_YEAR 2026

/* The sections in the order of the sidebar. */
enum {
  SECTION_DASHBOARD,
  SECTION_DATA,
  SECTION_CLUSTERS,
};

typedef struct {
  char          *dir;
  char          *path;      /* a demo workspace with stored runs of 2025 and 2026 */
  OporaWindow   *window;    /* our own reference, for g_assert_finalize_object() */
  OporaAnalysis *analysis;  /* the 2026 run the page shows */
} Fixture;

static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  gpointer widget = find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static OporaChartView *
chart (Fixture *fixture)
{
  return get_widget (fixture, "chart_view");
}

static OporaClustersPage *
clusters_page (Fixture *fixture)
{
  return get_widget (fixture, "clusters_page");
}

static void
save_run (OporaDb *db,
          int      year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) params = opora_analysis_params_new (db, year, OPORA_MODEL_QUADRANT, &error);
  g_autoptr(OporaAnalysis) analysis = NULL;

  g_assert_no_error (error);
  analysis = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  opora_analysis_save (db, analysis, &error);
  g_assert_no_error (error);
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
  save_run (db, DEMO_YEAR - 1);
  save_run (db, DEMO_YEAR);
  return g_steal_pointer (&path);
}

static gboolean
clusters_loaded (gpointer data)
{
  return !opora_clusters_page_is_loading (clusters_page (data));
}

static gboolean
chart_is_laid_out (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (GTK_WIDGET (chart (fixture))) &&
         opora_chart_view_get_layout (chart (fixture)) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-chart-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir);
  fixture->window = g_object_ref (opora_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 860);
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                  g_variant_new_int32 (SECTION_CLUSTERS));
  g_assert_true (wait_for (clusters_loaded, fixture));
  fixture->analysis = (OporaAnalysis *) opora_clusters_page_get_analysis (clusters_page (fixture));
  g_assert_nonnull (fixture->analysis);
  g_assert_cmpint (fixture->analysis->params->year, ==, DEMO_YEAR);
  adw_view_stack_set_visible_child_name (get_widget (fixture, "view_stack"), "chart");
  g_assert_true (wait_for (chart_is_laid_out, fixture));
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

/* The first controller of @type the chart listens with. */
static gpointer
controller (Fixture *fixture,
            GType    type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart (fixture)));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        return item;  /* the widget keeps it */
    }
  g_assert_not_reached ();
}

/* A placed school whose marker is drawn: the highest by results. */
static const OporaMember *
visible_member (Fixture *fixture)
{
  const OporaMember *best = NULL;

  for (guint i = 0; i < fixture->analysis->members->len; i++)
    {
      const OporaMember *m = &g_array_index (fixture->analysis->members, OporaMember, i);
      if (m->cluster > 0 && (best == NULL || m->results_index > best->results_index))
        best = m;
    }
  g_assert_nonnull (best);
  return best;
}

/* The school @id of the workspace, for its code and name. */
static OporaSchool *
school_of (Fixture *fixture,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (fixture->path, OPORA_DB_READ_ONLY, &error);
  g_autoptr(GPtrArray) schools = NULL;

  g_assert_no_error (error);
  schools = opora_school_list (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < schools->len; i++)
    if (((OporaSchool *) schools->pdata[i])->id == id)
      return g_steal_pointer (&schools->pdata[i]);
  g_assert_not_reached ();
}

/* Presses and releases the primary button at (@x, @y) without moving. */
static void
click_at (Fixture *fixture,
          double   x,
          double   y)
{
  GtkGesture *drag = controller (fixture, GTK_TYPE_GESTURE_DRAG);

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  GtkEventController *keys = controller (fixture, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

/* The table's selection, under the model that paces its rows into the view. */
static GtkSingleSelection *
member_selection (Fixture *fixture)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (get_widget (fixture, "member_view"));

  return GTK_SINGLE_SELECTION (opora_paced_selection_get_model (OPORA_PACED_SELECTION (gtk_column_view_get_model (view))));
}

static gint64
table_selection (Fixture *fixture)
{
  OporaTableRow *row = gtk_single_selection_get_selected_item (member_selection (fixture));

  return row != NULL ? opora_table_row_get_id (row) : 0;
}

static void
test_model (Fixture       *fixture,
            gconstpointer  user_data)
{
  OporaPlotModel *model = opora_chart_view_get_model (chart (fixture));
  guint placed = 0, counted = 0;

  for (guint i = 0; i < fixture->analysis->members->len; i++)
    placed += g_array_index (fixture->analysis->members, OporaMember, i).cluster > 0;
  g_assert_nonnull (model);
  g_assert_cmpuint (model->points->len, ==, placed);
  g_assert_true (model->quadrants);
  g_assert_cmpuint (model->series->len, ==, 4);
  for (guint k = 0; k < model->series->len; k++)
    counted += ((OporaPlotSeries *) model->series->pdata[k])->count;
  g_assert_cmpuint (counted, ==, placed);
  g_assert_true (isfinite (model->x.threshold));
  g_assert_false (model->options.dark);
  g_assert_cmpfloat (model->options.scale, ==, 1);
}

static void
test_hover (Fixture       *fixture,
            gconstpointer  user_data)
{
  const OporaMember *m = visible_member (fixture);
  g_autoptr(OporaSchool) school = school_of (fixture, m->school_id);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rank = NULL;
  double x, y;

  g_assert_true (opora_chart_view_get_point_position (chart (fixture), m->school_id, &x, &y));
  text = opora_chart_view_describe_at (chart (fixture), x + 1, y - 1);
  g_assert_nonnull (text);
  /* The school by code and name, both values, its quadrant and its rank. */
  name = g_strdup_printf ("<b>%s %s</b>", school->code, school->name);
  g_assert_true (g_str_has_prefix (text, name));
  g_assert_nonnull (strstr (text, "Context index"));
  g_assert_nonnull (strstr (text, "Results index"));
  g_assert_nonnull (strstr (text, "Quadrant 4"));
  rank = g_strdup_printf ("Rank in the cluster: %u of %u", m->rank, m->cluster_size);
  g_assert_nonnull (strstr (text, rank));
  /* Far from every point there is nothing to say. */
  g_assert_null (opora_chart_view_describe_at (chart (fixture), 2, 2));
}

static void
test_unreliable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  OporaPlotModel *model = opora_chart_view_get_model (chart (fixture));

  for (guint i = 0; i < model->points->len; i++)
    {
      const OporaPlotPoint *p = opora_plot_model_get_point (model, i);
      const OporaMember *m = opora_analysis_find_member (fixture->analysis, p->id);
      g_autofree char *text = NULL;
      double x, y;

      if (!(m->flags & OPORA_MEMBER_SMALL) || !opora_chart_view_get_point_position (chart (fixture), p->id, &x, &y))
        continue;
      g_assert_true (p->flags & OPORA_PLOT_POINT_UNRELIABLE);
      text = opora_chart_view_describe_at (chart (fixture), x, y);
      /* Markers overlap; the one on top may be another unreliable school. */
      g_assert_nonnull (strstr (text, "Unreliable: some result rests on fewer than 10 participants."));
      return;
    }
  g_assert_not_reached ();
}

static void
test_click (Fixture       *fixture,
            gconstpointer  user_data)
{
  const OporaMember *m = visible_member (fixture);
  OporaPlotModel *model = opora_chart_view_get_model (chart (fixture));
  double x, y;

  g_assert_true (opora_chart_view_get_point_position (chart (fixture), m->school_id, &x, &y));
  click_at (fixture, x, y);
  g_assert_cmpint (opora_chart_view_get_selected (chart (fixture)), ==, m->school_id);
  g_assert_true (opora_plot_model_get_point (model, opora_plot_model_find_point (model, m->school_id))->flags &
                 OPORA_PLOT_POINT_SELECTED);
  /* The table follows, and the bar under the chart names the school. */
  g_assert_cmpint (table_selection (fixture), ==, m->school_id);
  g_assert_true (gtk_revealer_get_reveal_child (get_widget (fixture, "chart_bar")));

  /* A click on nothing clears the selection; a row chosen in the table selects its point. */
  click_at (fixture, 2, 2);
  g_assert_cmpint (opora_chart_view_get_selected (chart (fixture)), ==, 0);
  g_assert_cmpint (table_selection (fixture), ==, 0);
  gtk_single_selection_set_selected (member_selection (fixture), 0);
  g_assert_cmpint (opora_chart_view_get_selected (chart (fixture)), ==, table_selection (fixture));
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  user_data)
{
  OporaChartView *view = chart (fixture);
  gint64 first, second;
  double x0, y0, x1, y1;

  /* The first arrow picks the point nearest the middle. */
  g_assert_true (press_key (fixture, GDK_KEY_Right));
  first = opora_chart_view_get_selected (view);
  g_assert_cmpint (first, !=, 0);
  g_assert_true (opora_chart_view_get_point_position (view, first, &x0, &y0));

  /* Then each arrow moves that way. */
  g_assert_true (press_key (fixture, GDK_KEY_Right));
  second = opora_chart_view_get_selected (view);
  g_assert_cmpint (second, !=, first);
  g_assert_true (opora_chart_view_get_point_position (view, second, &x1, &y1));
  g_assert_cmpfloat (x1, >, x0);
  g_assert_true (press_key (fixture, GDK_KEY_Up));
  g_assert_true (opora_chart_view_get_point_position (view, opora_chart_view_get_selected (view), &x0, &y0));
  g_assert_cmpfloat (y0, <, y1);
  g_assert_cmpint (table_selection (fixture), ==, opora_chart_view_get_selected (view));

  /* Enter opens the school's row in the table. */
  g_assert_true (press_key (fixture, GDK_KEY_Return));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_widget (fixture, "view_stack")), ==, "schools");
  g_assert_cmpint (table_selection (fixture), ==, opora_chart_view_get_selected (view));

  /* Ctrl+T's action goes back to the chart; Escape clears, then lets the key go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (clusters_page (fixture)), "clusters.toggle-table", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_widget (fixture, "view_stack")), ==, "chart");
  g_assert_true (press_key (fixture, GDK_KEY_Escape));
  g_assert_cmpint (opora_chart_view_get_selected (view), ==, 0);
  g_assert_false (press_key (fixture, GDK_KEY_Escape));
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  user_data)
{
  OporaChartView *view = chart (fixture);
  GtkEventController *scroll = controller (fixture, GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  const OporaPlotLayout *l = opora_chart_view_get_layout (view);
  double x_span = l->x_max - l->x_min, y_span = l->y_max - l->y_min;
  double cx = l->plot.x + l->plot.width / 2, cy = l->plot.y + l->plot.height / 2;
  double mid = opora_plot_layout_pixel_to_x (l, cx);
  double share = (mid - l->x_min) / x_span;
  gboolean handled = FALSE;

  g_assert_false (opora_chart_view_get_zoomed (view));
  opora_chart_view_zoom (view, 2, cx, cy);
  l = opora_chart_view_get_layout (view);
  g_assert_true (opora_chart_view_get_zoomed (view));
  g_assert_cmpfloat_with_epsilon (l->x_max - l->x_min, x_span / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (l->y_max - l->y_min, y_span / 2, 1e-9);
  /* The value under the pointer keeps its place between the limits. */
  g_assert_cmpfloat_with_epsilon ((mid - l->x_min) / (l->x_max - l->x_min), share, 1e-9);

  /* A notch of the wheel zooms in by a fifth more. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  g_assert_true (handled);
  l = opora_chart_view_get_layout (view);
  g_assert_cmpfloat_with_epsilon (l->x_max - l->x_min, x_span / 2 / 1.2, 1e-9);

  /* Panning moves the limits, not the span. */
  opora_chart_view_pan (view, l->plot.width / 10, 0);
  g_assert_cmpfloat_with_epsilon (opora_chart_view_get_layout (view)->x_max - opora_chart_view_get_layout (view)->x_min,
                                  x_span / 2 / 1.2, 1e-9);

  /* Ctrl+0 (the chart's binding, and the page's button) resets it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.reset-zoom", NULL));
  l = opora_chart_view_get_layout (view);
  g_assert_false (opora_chart_view_get_zoomed (view));
  g_assert_cmpfloat_with_epsilon (l->x_max - l->x_min, x_span, 1e-9);
  g_assert_cmpfloat_with_epsilon (l->y_max - l->y_min, y_span, 1e-9);

  /* Zooming out past the whole chart is the whole chart. */
  opora_chart_view_zoom (view, 0.5, cx, cy);
  g_assert_false (opora_chart_view_get_zoomed (view));
}

static void
test_band (Fixture       *fixture,
           gconstpointer  user_data)
{
  OporaChartView *view = chart (fixture);
  GtkGesture *drag = controller (fixture, GTK_TYPE_GESTURE_DRAG);
  const OporaPlotLayout *l = opora_chart_view_get_layout (view);
  guint inside = 0;
  double x0 = l->plot.x, y0 = l->plot.y, w = l->plot.width / 2, h = l->plot.height;

  for (guint i = 0; i < l->model->points->len; i++)
    inside += l->px[i] >= x0 && l->px[i] <= x0 + w && l->py[i] >= y0 && l->py[i] <= y0 + h;
  g_assert_cmpuint (inside, >, 1);

  opora_chart_view_set_band_mode (view, TRUE);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", w, h);
  g_signal_emit_by_name (drag, "drag-end", w, h);
  g_assert_cmpuint (opora_chart_view_get_band (view)->len, ==, inside);
  g_assert_cmpint (opora_chart_view_get_selected (view), ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (get_widget (fixture, "chart_bar")));
  g_assert_nonnull (gtk_list_box_get_row_at_index (get_widget (fixture, "band_list"), inside - 1));
  g_assert_null (gtk_list_box_get_row_at_index (get_widget (fixture, "band_list"), inside));
}

static gboolean
search_highlights (gpointer data)
{
  Fixture *fixture = data;
  OporaPlotModel *model = opora_chart_view_get_model (chart (fixture));
  guint selected = 0;

  for (guint i = 0; i < model->points->len; i++)
    selected += (opora_plot_model_get_point (model, i)->flags & OPORA_PLOT_POINT_SELECTED) != 0;
  return selected == 1;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  const OporaMember *m = visible_member (fixture);
  OporaPlotModel *model = opora_chart_view_get_model (chart (fixture));
  g_autoptr(OporaSchool) school = school_of (fixture, m->school_id);
  const char *code = school->code;

  /* The chart's search is the table's: the school stands out on both. */
  gtk_editable_set_text (get_widget (fixture, "chart_search"), code);
  g_assert_cmpstr (gtk_editable_get_text (get_widget (fixture, "member_search")), ==, code);
  g_assert_true (wait_for (search_highlights, fixture));
  g_assert_true (opora_plot_model_get_point (model, opora_plot_model_find_point (model, m->school_id))->flags &
                 OPORA_PLOT_POINT_SELECTED);
}

static void
test_axes (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkDropDown *x = get_widget (fixture, "x_dropdown");
  GListModel *items = gtk_drop_down_get_model (x);
  OporaPlotModel *model;
  guint pupils = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);
      if (g_str_equal (gtk_string_object_get_string (item), "Number of students"))
        pupils = i;
    }
  g_assert_cmpuint (pupils, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (x, pupils);
  /* The chart of other axes is built on a thread. */
  g_assert_true (wait_for (clusters_loaded, fixture));
  model = opora_chart_view_get_model (chart (fixture));
  g_assert_true (g_str_has_prefix (model->x.title, "Number of students"));
  /* The quadrant lines belong to the indices only. */
  g_assert_true (isnan (model->x.threshold));
  g_assert_true (isfinite (opora_plot_model_get_point (model, 0)->x));
}

static void
test_options_and_dark (Fixture       *fixture,
                       gconstpointer  user_data)
{
  OporaChartView *view = chart (fixture);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;

  gtk_check_button_set_active (get_widget (fixture, "arrows_check"), TRUE);
  gtk_check_button_set_active (get_widget (fixture, "sizes_check"), TRUE);
  g_assert_true (opora_chart_view_get_model (view)->options.arrows);
  g_assert_true (opora_chart_view_get_model (view)->options.size_by_value);
  /* Last year has a stored run: its moves can be shown. */
  g_assert_true (gtk_widget_get_sensitive (get_widget (fixture, "trajectories_check")));

  /* The window follows the dark style; a copy for paper stays light. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (opora_chart_view_get_model (view)->options.dark);
  png = opora_chart_view_export_bytes (view, OPORA_PLOT_FORMAT_PNG, 400, 300, 96, &error);
  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  pixels = g_malloc (400 * 300 * 4);
  gdk_texture_download (texture, pixels, 400 * 4);
  /* The top-left pixel, B G R A: white. */
  g_assert_cmpuint (pixels[0], ==, 255);
  g_assert_cmpuint (pixels[1], ==, 255);
  g_assert_cmpuint (pixels[2], ==, 255);
  g_assert_true (opora_chart_view_get_model (view)->options.dark);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_false (opora_chart_view_get_model (view)->options.dark);
}

static void
assert_magic (const char *path,
              const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, strlen (magic));
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const struct {
    const char *name;
    const char *magic;
  } files[] = {
    { "chart.png", "\x89PNG\r\n\x1a\n" },
    { "chart.svg", "<?xml" },
    { "chart.pdf", "%PDF-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i].name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (opora_chart_view_export (chart (fixture), path, 1920, 1080, 150, &error));
      g_assert_no_error (error);
      assert_magic (path, files[i].magic);
    }
}

/* Whether @needle is among @length bytes that may hold NULs, as a PDF does. */
static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_print (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *media_box = "/MediaBox [ 0 0 841.889764 595.275591 ]";
  gsize length = 0;

  g_assert_cmpint (opora_chart_view_print (chart (fixture), GTK_WINDOW (fixture->window), path, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_magic (path, "%PDF-");
  /* One page, A4 landscape: 842 × 595 points. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (bytes_contain (contents, length, media_box));
}

static gboolean
view_is_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && opora_chart_view_get_layout (data) != NULL;
}

static gboolean
animation_done (gpointer data)
{
  return !opora_chart_view_get_animating (data);
}

static void
test_presentation (Fixture       *fixture,
                   gconstpointer  user_data)
{
  OporaClustersPage *page = clusters_page (fixture);
  OporaChartPresentation *presentation;
  OporaChartView *view;

  g_assert_true (opora_clusters_page_present (page));
  presentation = OPORA_CHART_PRESENTATION (opora_clusters_page_get_presentation (page));
  g_assert_nonnull (presentation);
  view = opora_chart_presentation_get_chart (presentation);
  g_assert_true (opora_chart_view_get_presenting (view));
  /* Larger text and markers for the room: the screen is larger than 1067 × 667. */
  g_assert_true (wait_for (view_is_laid_out, view));
  g_assert_cmpfloat (opora_chart_view_get_layout (view)->scale, >, 1);
  g_assert_cmpint (opora_chart_presentation_get_year (presentation), ==, DEMO_YEAR);

  /* Page Down past the newest year goes nowhere; Page Up goes to last year's run. */
  g_assert_false (opora_chart_presentation_step (presentation, 1));
  g_assert_true (opora_chart_presentation_step (presentation, -1));
  g_assert_cmpint (opora_chart_presentation_get_year (presentation), ==, DEMO_YEAR - 1);
  g_assert_nonnull (strstr (opora_chart_view_get_model (view)->subtitle, "2025"));
  g_assert_true (wait_for (animation_done, view));
  g_assert_false (opora_chart_presentation_step (presentation, -1));

  /* Esc leaves; F11 over the chart comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.leave", NULL));
  drain_main_loop ();
  g_assert_null (opora_clusters_page_get_presentation (page));
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

  add_test ("/ui/chart/model", test_model);
  add_test ("/ui/chart/hover", test_hover);
  add_test ("/ui/chart/unreliable", test_unreliable);
  add_test ("/ui/chart/click", test_click);
  add_test ("/ui/chart/keys", test_keys);
  add_test ("/ui/chart/zoom", test_zoom);
  add_test ("/ui/chart/band", test_band);
  add_test ("/ui/chart/search", test_search);
  add_test ("/ui/chart/axes", test_axes);
  add_test ("/ui/chart/options-and-dark", test_options_and_dark);
  add_test ("/ui/chart/export", test_export);
  add_test ("/ui/chart/print", test_print);
  add_test ("/ui/chart/presentation", test_presentation);

  return g_test_run ();
}
