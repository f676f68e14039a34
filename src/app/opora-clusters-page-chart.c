/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Clusters section's chart: axes and options, selection shared with the table, presentation and output. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-chart-export-dialog.h"
#include "opora-chart-presentation.h"
#include "opora-clusters-page-private.h"
#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-paced-selection.h"
#include "opora-plot-build.h"
#include "opora-task.h"

/* The first entries of the axis drop-downs, before the catalogue. */
enum {
  AXIS_CONTEXT,
  AXIS_RESULTS,
  AXIS_FIRST_INDICATOR
};

#define PX_PER_INCH 96.0

/* ---- Axes ---- */

/* The key of the axis a drop-down shows; NULL for the model's own axes. */
static const char *
axis_key (OporaClustersPage *self,
          GtkDropDown       *dropdown)
{
  guint x = gtk_drop_down_get_selected (self->x_dropdown);
  guint y = gtk_drop_down_get_selected (self->y_dropdown);
  guint i = gtk_drop_down_get_selected (dropdown);

  /* Both at their defaults: let the builder draw the model's own chart. */
  if (self->axis_keys == NULL || i >= self->axis_keys->len || (x == AXIS_CONTEXT && y == AXIS_RESULTS))
    return NULL;
  return self->axis_keys->pdata[i];
}

/**
 * opora_clusters_page_fill_axes:
 *
 * Offers the indices and every indicator of the catalogue on both axes,
 * the context index across and the results index up.
 */
void
opora_clusters_page_fill_axes (OporaClustersPage *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  self->updating = TRUE;
  g_clear_pointer (&self->axis_keys, g_ptr_array_unref);
  self->axis_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->axis_keys, g_strdup (OPORA_PLOT_AXIS_CONTEXT));
  g_ptr_array_add (self->axis_keys, g_strdup (OPORA_PLOT_AXIS_RESULTS));
  g_strv_builder_add (names, _("Context index"));
  g_strv_builder_add (names, _("Results index"));
  for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
    {
      OporaIndicator *indicator = self->indicators->pdata[i];
      g_ptr_array_add (self->axis_keys, g_strdup (indicator->key));
      g_strv_builder_add (names, opora_indicator_get_name (indicator));
    }
  items = g_strv_builder_end (names);
  gtk_string_list_splice (self->axis_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->axis_list)),
                          (const char * const *) items);
  gtk_drop_down_set_selected (self->x_dropdown, AXIS_CONTEXT);
  gtk_drop_down_set_selected (self->y_dropdown, AXIS_RESULTS);
  self->updating = FALSE;
}

/* ---- Building the chart ---- */

/* The newest stored run of @model for @year: its id, 0 when none. */
static gint64
newest_run (OporaDb    *db,
            int         year,
            OporaModel  model)
{
  g_autoptr(GPtrArray) runs = db != NULL ? opora_analysis_list (db, NULL) : NULL;
  gint64 newest = 0;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const OporaRunInfo *run = runs->pdata[i];
      if (run->year == year && run->model == model && run->id > newest)
        newest = run->id;
    }
  return newest;
}

/* Last year's stored run of the model of @analysis, for the moves since; NULL when none. */
static OporaAnalysis *
load_previous (OporaDb             *db,
               const OporaAnalysis *analysis)
{
  gint64 id = newest_run (db, analysis->params->year - 1, analysis->params->model);

  return id > 0 ? opora_analysis_load (db, id, NULL) : NULL;
}

static OporaPlotModel *
build_model (OporaClustersPage    *self,
             const OporaAnalysis  *analysis,
             const OporaAnalysis  *previous,
             GError              **error)
{
  OporaPlotBuildOptions options = {
    axis_key (self, self->x_dropdown), axis_key (self, self->y_dropdown), previous,
  };

  return opora_plot_model_build (self->db, analysis, &options, error);
}

static gboolean
chart_shown (OporaClustersPage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "chart") == 0;
}

static void
update_trajectories_check (OporaClustersPage *self)
{
  gboolean known = self->previous != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->trajectories_check), known);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->trajectories_check),
                               known ? NULL : _("Last year has no stored analysis of this model: run it to see the moves."));
}

/* Shows @model (taking it, nullable) built with last year's run @previous (taking it, nullable). */
static void
show_chart (OporaClustersPage *self,
            OporaPlotModel    *model,
            OporaAnalysis     *previous)
{
  g_clear_pointer (&self->previous, opora_analysis_free);
  self->previous = previous;
  update_trajectories_check (self);
  opora_chart_view_set_model (self->chart_view, model);
  opora_clusters_page_chart_search (self);
}

static void
stop_building (OporaClustersPage *self)
{
  g_cancellable_cancel (self->chart_building);
  g_clear_object (&self->chart_building);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_spinner), FALSE);
  gtk_spinner_stop (self->chart_spinner);
}

/* Builds the chart of the analysis shown now, if it is stale: for the
 * actions that need it at once (export, copy, print, present). */
static void
ensure_chart (OporaClustersPage *self)
{
  g_autoptr(GError) error = NULL;
  OporaAnalysis *previous = NULL;
  OporaPlotModel *model = NULL;

  if (self->chart_building != NULL)
    {
      stop_building (self);
      self->chart_stale = TRUE;
    }
  if (!self->chart_stale)
    return;
  self->chart_stale = FALSE;
  if (self->analysis != NULL && self->db != NULL)
    {
      previous = load_previous (self->db, self->analysis);
      if (!(model = build_model (self, self->analysis, previous, &error)))
        opora_clusters_page_toast (self, error->message);
    }
  show_chart (self, model, previous);
}

/* What a thread needs to build the chart of a stored run, and what it builds. */
typedef struct {
  char           *path;
  gint64          run_id;
  char           *x_key;     /* NULL: the model's own axes */
  char           *y_key;
  OporaPlotModel *model;     /* built */
  OporaAnalysis  *previous;  /* last year's stored run, or NULL */
} ChartBuild;

static void
chart_build_free (ChartBuild *b)
{
  g_free (b->path);
  g_free (b->x_key);
  g_free (b->y_key);
  g_clear_pointer (&b->model, opora_plot_model_free);
  g_clear_pointer (&b->previous, opora_analysis_free);
  g_free (b);
}

/* On a thread, through a read-only connection of its own: the run is read
 * again there, so that the page may change or free its copy meanwhile. */
static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  ChartBuild *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (b->path, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY, &error);
  g_autoptr(OporaAnalysis) analysis = db != NULL ? opora_analysis_load (db, b->run_id, &error) : NULL;

  if (analysis != NULL)
    {
      OporaPlotBuildOptions options = { b->x_key, b->y_key, NULL };

      options.previous = b->previous = load_previous (db, analysis);
      b->model = opora_plot_model_build (db, analysis, &options, &error);
    }
  if (b->model != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OporaClustersPage) self = user_data;
  ChartBuild *b = g_task_get_task_data (G_TASK (result));
  gboolean built = g_task_propagate_boolean (G_TASK (result), NULL);

  if (g_task_get_cancellable (G_TASK (result)) != self->chart_building)
    return;
  stop_building (self);
  /* A workspace a second connection cannot open (read-only, say) is drawn from this one. */
  if (!built)
    {
      self->chart_stale = TRUE;
      ensure_chart (self);
      return;
    }
  show_chart (self, g_steal_pointer (&b->model), g_steal_pointer (&b->previous));
}

/* Builds the chart of the analysis shown on a thread, if it is stale; the
 * chart shows a spinner meanwhile. A run not stored is built at once. */
static void
build_chart (OporaClustersPage *self)
{
  g_autoptr(GTask) task = NULL;
  ChartBuild *b;

  if (!self->chart_stale)
    return;
  if (self->analysis == NULL || self->analysis->id == 0 || self->db == NULL)
    {
      ensure_chart (self);
      return;
    }
  stop_building (self);
  self->chart_stale = FALSE;
  b = g_new0 (ChartBuild, 1);
  b->path = g_strdup (opora_db_get_path (self->db));
  b->run_id = self->analysis->id;
  b->x_key = g_strdup (axis_key (self, self->x_dropdown));
  b->y_key = g_strdup (axis_key (self, self->y_dropdown));
  self->chart_building = g_cancellable_new ();
  opora_chart_view_set_model (self->chart_view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_spinner), TRUE);
  gtk_spinner_start (self->chart_spinner);
  task = g_task_new (NULL, self->chart_building, built_cb, g_object_ref (self));
  g_task_set_task_data (task, b, (GDestroyNotify) chart_build_free);
  opora_task_run_in_thread (task, build_thread);
}

/**
 * opora_clusters_page_update_chart:
 *
 * The analysis, its names or pairs changed: the chart is built again,
 * now when it is shown, else when it is next needed.
 */
void
opora_clusters_page_update_chart (OporaClustersPage *self)
{
  self->chart_stale = TRUE;
  if (chart_shown (self) || self->analysis == NULL)
    build_chart (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.present", self->analysis != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.export-chart", self->analysis != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.copy-chart", self->analysis != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.print-chart", self->analysis != NULL);
}

static void
view_changed_cb (AdwViewStack      *stack,
                 GParamSpec        *pspec,
                 OporaClustersPage *self)
{
  if (chart_shown (self))
    build_chart (self);
}

static void
chart_axis_selected_cb (GtkDropDown       *dropdown,
                        GParamSpec        *pspec,
                        OporaClustersPage *self)
{
  if (self->updating)
    return;
  opora_clusters_page_update_chart (self);
}

static void
chart_option_toggled_cb (OporaClustersPage *self)
{
  OporaPlotOptions options;

  opora_chart_view_get_options (self->chart_view, &options);
  options.labels = gtk_check_button_get_active (self->labels_check);
  options.arrows = gtk_check_button_get_active (self->arrows_check);
  options.trajectories = gtk_check_button_get_active (self->trajectories_check);
  options.size_by_value = gtk_check_button_get_active (self->sizes_check);
  opora_chart_view_set_options (self->chart_view, &options);
}

/* ---- What a point says ---- */

/* "Context index: 0.12", "USE, Russian: average score: 71.3 points". */
static char *
axis_line (OporaClustersPage *self,
           const char        *key,
           const char        *title,
           double             value)
{
  OporaIndicator *indicator = key != NULL && self->indicators != NULL ? opora_indicator_lookup (self->indicators, key) : NULL;
  g_autofree char *text = NULL;

  if (key == NULL)
    {
      text = opora_format_number (value, 2, FALSE);
      return g_strdup_printf ("%s: %s", title, text);
    }
  if (indicator == NULL)
    {
      text = opora_format_number (value, 2, FALSE);
      return g_strdup_printf ("%s: %s", g_str_equal (key, OPORA_PLOT_AXIS_CONTEXT) ? _("Context index") : _("Results index"), text);
    }
  text = opora_indicator_format_value (indicator, value);
  if (indicator->unit == OPORA_UNIT_POINTS)
    return g_strdup_printf ("%s: %s %s", opora_indicator_get_name (indicator), text, opora_unit_symbol (indicator->unit));
  return g_strdup_printf ("%s: %s", opora_indicator_get_name (indicator), text);
}

static char *
cluster_line (OporaClustersPage    *self,
              const OporaPlotModel *model,
              const OporaPlotPoint *p)
{
  const OporaPlotSeries *series = model->series->pdata[p->series];

  if (model->quadrants)
    /* Translators: a quadrant's number and name in a chart's tooltip. */
    return g_strdup_printf (_("Quadrant %u: %s"), p->series + 1, series->name);
  return g_strdup (series->name);
}

static char *
rank_line (const OporaMember *m)
{
  if (m == NULL || m->rank == 0)
    return NULL;
  /* Translators: a school's place by results within its cluster, 1 the best. */
  return g_strdup_printf (_("Rank in the cluster: %u of %u"), m->rank, m->cluster_size);
}

static char *
marks_line (const OporaMember *m)
{
  g_autofree char *flags = m != NULL ? opora_clusters_page_flags_text (m->flags) : NULL;

  if (flags == NULL || *flags == '\0')
    return NULL;
  /* Translators: the marks of a school in a chart's tooltip: "Marks: problem, few participants". */
  return g_strdup_printf (_("Marks: %s"), flags);
}

static char *
unreliable_line (const OporaAnalysis *analysis,
                 const OporaMember   *m)
{
  guint n = analysis->params->min_participants;

  if (m == NULL || !(m->flags & OPORA_MEMBER_SMALL))
    return NULL;
  return g_strdup_printf (ngettext ("Unreliable: some result rests on fewer than %u participant.",
                                    "Unreliable: some result rests on fewer than %u participants.", n), n);
}

/* The analysis @view shows: the page's, or the presentation's year's. */
static const OporaAnalysis *
analysis_of (OporaClustersPage *self,
             OporaChartView    *view)
{
  int year;

  if (view == self->chart_view || self->presentation == NULL)
    return self->analysis;
  year = opora_chart_presentation_get_year (self->presentation);
  if (self->analysis != NULL && year == self->analysis->params->year)
    return self->analysis;
  return g_hash_table_lookup (self->presentation_runs, GINT_TO_POINTER (year));
}

/* The tooltip of a point: the school, both values, its cluster, rank and
 * marks, and whether its figures rest on too few participants. */
static char *
describe_school (OporaChartView *view,
                 guint           point,
                 gpointer        user_data)
{
  OporaClustersPage *self = user_data;
  OporaPlotModel *model = opora_chart_view_get_model (view);
  const OporaPlotPoint *p = opora_plot_model_get_point (model, point);
  const OporaAnalysis *analysis = analysis_of (self, view);
  const OporaMember *m = analysis != NULL ? opora_analysis_find_member (analysis, p->id) : NULL;
  g_autofree char *name = opora_clusters_page_school_text (self, p->id);
  g_autofree char *x = axis_line (self, axis_key (self, self->x_dropdown), model->x.title, p->x);
  g_autofree char *y = axis_line (self, axis_key (self, self->y_dropdown), model->y.title, p->y);
  g_autofree char *cluster = cluster_line (self, model, p);
  g_autofree char *rank = rank_line (m);
  g_autofree char *marks = marks_line (m);
  g_autofree char *unreliable = analysis != NULL ? unreliable_line (analysis, m) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *lines[] = { name, x, y, cluster, rank, marks, unreliable };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i] != NULL)
      {
        g_autofree char *escaped = g_markup_escape_text (lines[i], -1);
        /* The school's name stands out; the rest are its facts. */
        g_string_append_printf (text, i == 0 ? "<b>%s</b>" : "\n%s", escaped);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Selection, shared with the table ---- */

/* The position of @id's row in the table as filtered and sorted, or GTK_INVALID_LIST_POSITION. */
static guint
row_position (OporaClustersPage *self,
              gint64             id)
{
  GListModel *rows = G_LIST_MODEL (self->member_selection);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (rows, i);
      if (opora_table_row_get_id (row) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static char *
member_detail (OporaClustersPage *self,
               gint64             id)
{
  const OporaMember *m = opora_analysis_find_member (self->analysis, id);
  const OporaPair *pair = self->pairs != NULL ? g_hash_table_lookup (self->pairs, &id) : NULL;
  g_autofree char *rank = rank_line (m);
  g_autofree char *marks = marks_line (m);
  g_autofree char *base = NULL;
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (rank != NULL)
    g_strv_builder_add (parts, rank);
  if (marks != NULL)
    g_strv_builder_add (parts, marks);
  if (pair != NULL && pair->base_id > 0)
    {
      g_autofree char *school = opora_clusters_page_school_text (self, pair->base_id);
      /* Translators: in the bar under the chart: the base school proposed for the selected one. */
      base = g_strdup_printf (_("Base school: %s"), school);
      g_strv_builder_add (parts, base);
    }
  strv = g_strv_builder_end (parts);
  return g_strjoinv (" · ", strv);
}

static void
show_school_bar (OporaClustersPage *self,
                 gint64             id)
{
  g_autofree char *title = opora_clusters_page_school_text (self, id);
  g_autofree char *detail = member_detail (self, id);

  gtk_label_set_text (self->chart_bar_title, title);
  gtk_label_set_text (self->chart_bar_detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->band_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->show_in_table_button), TRUE);
  gtk_revealer_set_reveal_child (self->chart_bar, TRUE);
}

static GtkWidget *
band_row_new (OporaClustersPage *self,
              gint64             id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *text = opora_clusters_page_school_text (self, id);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "opora-school-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
show_band_bar (OporaClustersPage *self,
               GArray            *band)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u school in the rubber band", "%u schools in the rubber band", band->len),
                                            band->len);
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->band_list, 0)) != NULL)
    gtk_list_box_remove (self->band_list, GTK_WIDGET (old));
  for (guint i = 0; i < band->len; i++)
    gtk_list_box_append (self->band_list, band_row_new (self, g_array_index (band, gint64, i)));
  gtk_label_set_text (self->chart_bar_title, title);
  gtk_label_set_text (self->chart_bar_detail, _("Open the list to pick one of them."));
  gtk_widget_set_visible (GTK_WIDGET (self->band_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->show_in_table_button), FALSE);
  gtk_revealer_set_reveal_child (self->chart_bar, band->len > 0);
}

static void
update_chart_bar (OporaClustersPage *self)
{
  gint64 id = opora_chart_view_get_selected (self->chart_view);
  GArray *band = opora_chart_view_get_band (self->chart_view);

  if (id != 0 && self->analysis != NULL)
    show_school_bar (self, id);
  else if (band->len > 0)
    show_band_bar (self, band);
  else
    gtk_revealer_set_reveal_child (self->chart_bar, FALSE);
}

/**
 * opora_clusters_page_chart_select:
 * @id: the school selected in the table, 0 for none
 */
void
opora_clusters_page_chart_select (OporaClustersPage *self,
                                  gint64             id)
{
  opora_chart_view_set_selected (self->chart_view, id);
  update_chart_bar (self);
}

static void
select_row (OporaClustersPage *self,
            gint64             id)
{
  guint position = id != 0 ? row_position (self, id) : GTK_INVALID_LIST_POSITION;

  gtk_single_selection_set_selected (self->member_selection, position);
}

static void
chart_school_selected_cb (OporaChartView    *view,
                          gint64             id,
                          OporaClustersPage *self)
{
  select_row (self, id);
  update_chart_bar (self);
}

static void
chart_band_selected_cb (OporaChartView    *view,
                        OporaClustersPage *self)
{
  select_row (self, 0);
  update_chart_bar (self);
}

static void
band_row_activated_cb (GtkListBox        *list,
                       GtkListBoxRow     *row,
                       OporaClustersPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "opora-school-id");

  gtk_menu_button_popdown (self->band_button);
  opora_chart_view_set_selected (self->chart_view, *id);
  select_row (self, *id);
  update_chart_bar (self);
}

/* The column view scrolls through the list view inside it. */
static GtkWidget *
list_view_of (GtkWidget *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column_view); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* The school's row in the table, where its pair is decided: the details. */
static void
show_in_table (OporaClustersPage *self,
               gint64             id)
{
  guint position;
  GtkWidget *list;

  if (id != 0 && row_position (self, id) == GTK_INVALID_LIST_POSITION)
    gtk_editable_set_text (GTK_EDITABLE (self->member_search), "");  /* the search hid it */
  adw_view_stack_set_visible_child_name (self->view_stack, "schools");
  select_row (self, id);
  position = gtk_single_selection_get_selected (self->member_selection);
  gtk_widget_grab_focus (GTK_WIDGET (self->member_view));
  opora_paced_selection_flush (OPORA_PACED_SELECTION (gtk_column_view_get_model (self->member_view)));
  if (position != GTK_INVALID_LIST_POSITION && (list = list_view_of (GTK_WIDGET (self->member_view))) != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

static void
chart_school_activated_cb (OporaChartView    *view,
                           gint64             id,
                           OporaClustersPage *self)
{
  show_in_table (self, id);
}

static void
show_in_table_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);

  show_in_table (self, opora_chart_view_get_selected (self->chart_view));
}

/**
 * opora_clusters_page_chart_search:
 *
 * Draws the schools the search matches as selected, so they stand out
 * and get labels.
 */
void
opora_clusters_page_chart_search (OporaClustersPage *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *rows = G_LIST_MODEL (self->members);

  for (guint i = 0; self->search_folded != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (rows, i);
      gint64 id = opora_table_row_get_id (row);

      if (opora_table_row_matches (row, self->search_folded))
        g_array_append_val (ids, id);
    }
  opora_chart_view_set_highlight (self->chart_view, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* ---- Presentation ---- */

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The years with a stored run of the model shown, and the year shown, oldest first. */
static GArray *
presentation_years (OporaClustersPage *self)
{
  g_autoptr(GPtrArray) runs = opora_analysis_list (self->db, NULL);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int year = self->analysis->params->year;

  g_array_append_val (years, year);
  g_hash_table_add (seen, GINT_TO_POINTER (year));
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const OporaRunInfo *run = runs->pdata[i];
      if (run->model == self->analysis->params->model && !g_hash_table_contains (seen, GINT_TO_POINTER (run->year)))
        {
          g_hash_table_add (seen, GINT_TO_POINTER (run->year));
          g_array_append_val (years, run->year);
        }
    }
  g_array_sort (years, compare_years);
  return years;
}

/* A year's chart for the presentation: the analysis shown for its year,
 * the newest stored run of the same model for the others. */
static OporaPlotModel *
year_model_cb (int       year,
               gpointer  user_data,
               GError  **error)
{
  OporaClustersPage *self = user_data;
  g_autoptr(OporaAnalysis) analysis = NULL;
  g_autoptr(OporaAnalysis) previous = NULL;
  OporaPlotModel *model;
  gint64 id;

  if (self->analysis == NULL || self->db == NULL)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("The analysis is no longer shown."));
      return NULL;
    }
  if (year == self->analysis->params->year)
    return build_model (self, self->analysis, self->previous, error);
  if ((id = newest_run (self->db, year, self->analysis->params->model)) == 0 ||
      !(analysis = opora_analysis_load (self->db, id, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("%d has no stored analysis of this model."), year);
      return NULL;
    }
  previous = load_previous (self->db, analysis);
  model = build_model (self, analysis, previous, error);
  /* Its tooltips need its ranks and marks while it is shown. */
  if (model != NULL)
    g_hash_table_replace (self->presentation_runs, GINT_TO_POINTER (year), g_steal_pointer (&analysis));
  return model;
}

static void
presentation_destroyed_cb (GtkWidget         *window,
                           OporaClustersPage *self)
{
  self->presentation = NULL;
  g_hash_table_remove_all (self->presentation_runs);
}

static void
present (OporaClustersPage *self)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  OporaPlotOptions options;
  OporaPlotModel *model;
  OporaChartView *chart;

  if (self->analysis == NULL || self->presentation != NULL)
    return;
  ensure_chart (self);
  if (!(model = build_model (self, self->analysis, self->previous, &error)))
    {
      opora_clusters_page_toast (self, error->message);
      return;
    }
  years = presentation_years (self);
  self->presentation = opora_chart_presentation_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (self->presentation, "destroy", G_CALLBACK (presentation_destroyed_cb), self, 0);
  chart = opora_chart_presentation_get_chart (self->presentation);
  opora_chart_view_get_options (self->chart_view, &options);
  opora_chart_view_set_options (chart, &options);
  opora_chart_view_set_model (chart, model);
  opora_chart_view_set_describe_func (chart, describe_school, self, NULL);
  opora_chart_presentation_set_years (self->presentation, (const int *) (gpointer) years->data, years->len,
                                      self->analysis->params->year, year_model_cb, self);
  opora_chart_presentation_start (self->presentation);
}

/**
 * opora_clusters_page_present:
 *
 * Shows the chart full-screen, when the chart is what the section shows.
 *
 * Returns: whether the presentation started (F11 then means that, not a
 *   full-screen window)
 */
gboolean
opora_clusters_page_present (OporaClustersPage *self)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), FALSE);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->chart_view)) || self->analysis == NULL)
    return FALSE;
  present (self);
  return self->presentation != NULL;
}

/**
 * opora_clusters_page_get_presentation:
 *
 * Returns: (transfer none) (nullable): the presentation window while it is open
 */
GtkWindow *
opora_clusters_page_get_presentation (OporaClustersPage *self)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), NULL);
  return self->presentation != NULL ? GTK_WINDOW (self->presentation) : NULL;
}

static void
present_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  present (OPORA_CLUSTERS_PAGE (widget));
}

/* ---- Output ---- */

static void
export_chart_response_cb (GtkNativeDialog   *chooser,
                          int                response,
                          OporaClustersPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  OporaPlotFormat format;
  gboolean ok;

  g_clear_object (&self->chart_chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL)
    return;
  if (!opora_plot_format_from_path (path, &format) || format != self->export_format)
    {
      static const char *extensions[] = { ".png", ".svg", ".pdf" };
      char *named = g_strconcat (path, extensions[self->export_format], NULL);
      g_free (path);
      path = named;
    }
  if (self->export_format == OPORA_PLOT_FORMAT_PNG)
    ok = opora_chart_view_export (self->chart_view, path, self->export_width, self->export_height, self->export_dpi, &error);
  else
    /* Vector files are laid out as the PNG would be, at its size in inches. */
    ok = opora_chart_view_export (self->chart_view, path, self->export_width * PX_PER_INCH / self->export_dpi,
                                  self->export_height * PX_PER_INCH / self->export_dpi, PX_PER_INCH, &error);
  if (ok)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
      opora_clusters_page_toast (self, text);
    }
  else
    opora_clusters_page_toast (self, error->message);
}

static void
export_chosen_cb (OporaChartExportDialog *dialog,
                  guint                   format,
                  double                  width,
                  double                  height,
                  double                  dpi,
                  OporaClustersPage      *self)
{
  static const char *patterns[] = { "*.png", "*.svg", "*.pdf" };
  static const char *extensions[] = { "png", "svg", "pdf" };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  self->export_format = MIN (format, OPORA_PLOT_FORMAT_PDF);
  self->export_width = width, self->export_height = height, self->export_dpi = dpi;
  if (self->chart_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chart_chooser));
  g_clear_object (&self->chart_chooser);
  self->chart_chooser = gtk_file_chooser_native_new (_("Export the Chart"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chart_chooser), TRUE);
  /* Translators: the suggested file name of an exported chart: the year, then the extension. */
  name = g_strdup_printf (_("Cluster chart %d.%s"), self->analysis != NULL ? self->analysis->params->year : 0,
                          extensions[self->export_format]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chart_chooser), name);
  gtk_file_filter_add_pattern (filter, patterns[self->export_format]);
  gtk_file_filter_set_name (filter, patterns[self->export_format]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chart_chooser), filter);
  g_signal_connect (self->chart_chooser, "response", G_CALLBACK (export_chart_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chart_chooser));
}

static void
export_chart_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);
  OporaChartExportDialog *dialog;

  if (self->analysis == NULL)
    return;
  ensure_chart (self);
  dialog = opora_chart_export_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->export_format,
                                          self->export_width, self->export_height, self->export_dpi);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_chart_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  ensure_chart (self);
  if (opora_chart_view_copy (self->chart_view, self->export_width, self->export_height, self->export_dpi, &error))
    opora_clusters_page_toast (self, _("Chart copied as an image"));
  else
    opora_clusters_page_toast (self, error->message);
}

static void
print_chart_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  ensure_chart (self);
  if (opora_chart_view_print (self->chart_view, GTK_WINDOW (gtk_widget_get_root (widget)), NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    opora_clusters_page_toast (self, error->message);
}

static void
reset_zoom_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  opora_chart_view_reset_zoom (OPORA_CLUSTERS_PAGE (widget)->chart_view);
}

static void
zoomed_cb (OporaChartView    *view,
           GParamSpec        *pspec,
           OporaClustersPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.reset-zoom", opora_chart_view_get_zoomed (view));
}

/* ---- Shortcuts ---- */

/* Ctrl+T: the chart and the table of the same schools, one key apart. */
static void
toggle_table_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);

  if (self->analysis == NULL)
    return;
  if (chart_shown (self))
    {
      show_in_table (self, opora_chart_view_get_selected (self->chart_view));
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "chart");
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

/* Ctrl+T wherever the focus is while the section is shown. */
static gboolean
section_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget) || OPORA_CLUSTERS_PAGE (widget)->analysis == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

/* Ctrl+P and Ctrl+0 while the chart is shown. */
static gboolean
chart_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->chart_view)) || self->analysis == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              GtkShortcutFunc        func,
              const char            *data)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_callback_action_new (func, (gpointer) data, NULL)));
}

static void
add_chart_shortcuts (OporaClustersPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (shortcuts, "<Control>t", section_shortcut_cb, "clusters.toggle-table");
  add_shortcut (shortcuts, "<Control>p", chart_shortcut_cb, "clusters.print-chart");
  add_shortcut (shortcuts, "<Control>0|<Control>KP_0", chart_shortcut_cb, "clusters.reset-zoom");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- Set-up ---- */

void
opora_clusters_page_chart_init (OporaClustersPage *self)
{
  self->presentation_runs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) opora_analysis_free);
  self->export_format = OPORA_PLOT_FORMAT_PNG;
  self->export_width = 1920;
  self->export_height = 1080;
  self->export_dpi = 150;
  opora_chart_view_set_describe_func (self->chart_view, describe_school, self, NULL);
  g_object_bind_property (self->chart_search, "text", self->member_search, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self, 0);
  g_signal_connect_object (self->chart_view, "notify::zoomed", G_CALLBACK (zoomed_cb), self, 0);
  add_chart_shortcuts (self);
  zoomed_cb (self->chart_view, NULL, self);
  opora_clusters_page_update_chart (self);
}

void
opora_clusters_page_chart_dispose (OporaClustersPage *self)
{
  g_cancellable_cancel (self->chart_building);
  g_clear_object (&self->chart_building);
  if (self->presentation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presentation));
  self->presentation = NULL;
  if (self->chart_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chart_chooser));
  g_clear_object (&self->chart_chooser);
  if (self->chart_view != NULL)
    opora_chart_view_set_describe_func (self->chart_view, NULL, NULL, NULL);
  g_clear_pointer (&self->previous, opora_analysis_free);
  g_clear_pointer (&self->axis_keys, g_ptr_array_unref);
  g_clear_pointer (&self->presentation_runs, g_hash_table_unref);
}

void
opora_clusters_page_chart_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (OPORA_TYPE_CHART_VIEW);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_page);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_search);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, x_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, y_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, axis_list);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, labels_check);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, arrows_check);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, trajectories_check);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sizes_check);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_spinner);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_bar_title);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, chart_bar_detail);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, show_in_table_button);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, band_button);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, band_list);
  gtk_widget_class_bind_template_callback (widget_class, chart_axis_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_option_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_school_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_school_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_band_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, band_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "clusters.present", NULL, present_cb);
  gtk_widget_class_install_action (widget_class, "clusters.export-chart", NULL, export_chart_cb);
  gtk_widget_class_install_action (widget_class, "clusters.copy-chart", NULL, copy_chart_cb);
  gtk_widget_class_install_action (widget_class, "clusters.print-chart", NULL, print_chart_cb);
  gtk_widget_class_install_action (widget_class, "clusters.reset-zoom", NULL, reset_zoom_cb);
  gtk_widget_class_install_action (widget_class, "clusters.show-in-table", NULL, show_in_table_cb);
  gtk_widget_class_install_action (widget_class, "clusters.toggle-table", NULL, toggle_table_cb);
}
