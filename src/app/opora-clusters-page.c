/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Clusters section: the analysis settings, a run in a thread, the stored run shown, Excel export. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-analysis-export.h"
#include "opora-clusters-page-private.h"
#include "opora-excel-chooser.h"
#include "opora-features-dialog.h"
#include "opora-indicator.h"
#include "opora-paced-selection.h"
#include "opora-task.h"
#include "opora-toast.h"
#include "opora-values.h"

G_DEFINE_FINAL_TYPE (OporaClustersPage, opora_clusters_page, ADW_TYPE_BIN)

/* What a run's thread needs; the page's own connection stays on the main thread. */
typedef struct {
  char                *path;
  OporaAnalysisParams *params;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->path);
  opora_analysis_params_free (data->params);
  g_free (data);
}

/* Shows @text in the window's toast overlay. */
void
opora_clusters_page_toast (OporaClustersPage *self,
                           const char        *text)
{
  opora_toast_show (GTK_WIDGET (self), text);
}

/* Sets @code and @name of school @id; FALSE, and neither set, when the page does not know it. */
gboolean
opora_clusters_page_lookup_school (OporaClustersPage  *self,
                                   gint64              id,
                                   const char        **code,
                                   const char        **name)
{
  return self->schools != NULL && opora_school_names_lookup (self->schools, id, code, name);
}

/* "040002 МАОУ «Лицей № 2»", for labels. */
char *
opora_clusters_page_school_text (OporaClustersPage *self,
                                 gint64             id)
{
  const char *code, *name;

  if (!opora_clusters_page_lookup_school (self, id, &code, &name))
    return g_strdup ("—");
  return g_strdup_printf ("%s %s", code, name);
}

/* 2026 → "2026 (2025/26)": the exam year and its school year. */
static char *
year_text (int year)
{
  return g_strdup_printf ("%d (%d/%02d)", year, year - 1, year % 100);
}

static int
selected_year (OporaClustersPage *self)
{
  guint i = adw_combo_row_get_selected (self->year_row);

  return self->years != NULL && i < self->years->len ? g_array_index (self->years, int, i) : 0;
}

static gboolean
is_writable (OporaClustersPage *self)
{
  return self->db != NULL && !opora_db_is_read_only (self->db);
}

static void
update_actions (OporaClustersPage *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.run", self->params != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.export", self->analysis != NULL && !running);
  opora_clusters_page_update_pair (self);
}

/* ---- The settings ---- */

static char *
features_subtitle (GPtrArray *features)
{
  return g_strdup_printf (ngettext ("%u indicator", "%u indicators", features->len), features->len);
}

static void
update_visibility (OporaClustersPage *self)
{
  OporaModel model = adw_combo_row_get_selected (self->model_row);
  gboolean kmeans = model == OPORA_MODEL_KMEANS;
  gboolean values = adw_combo_row_get_selected (self->threshold_row) == OPORA_THRESHOLD_VALUE;

  gtk_widget_set_visible (GTK_WIDGET (self->kmeans_group), kmeans);
  gtk_widget_set_visible (GTK_WIDGET (self->features_row), kmeans);
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_group), model == OPORA_MODEL_QUADRANT);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_share_row), kmeans);
  gtk_widget_set_visible (GTK_WIDGET (self->context_threshold_row), values);
  gtk_widget_set_visible (GTK_WIDGET (self->results_threshold_row), values);
}

static void
update_small_row (OporaClustersPage *self)
{
  g_autofree char *subtitle = g_strdup_printf (ngettext ("Results on fewer than %u participant are left out unless you use them",
                                                         "Results on fewer than %u participants are left out unless you use them",
                                                         self->params->min_participants),
                                               self->params->min_participants);

  adw_action_row_set_subtitle (self->small_row, subtitle);
}

static void
update_feature_rows (OporaClustersPage *self)
{
  g_autofree char *context = features_subtitle (self->params->context);
  g_autofree char *results = features_subtitle (self->params->results);
  g_autofree char *features = features_subtitle (self->params->features);

  adw_action_row_set_subtitle (self->context_row, context);
  adw_action_row_set_subtitle (self->results_row, results);
  adw_action_row_set_subtitle (self->features_row, features);
}

/* Sets the controls from @params; they change nothing while they are set. */
static void
show_params (OporaClustersPage *self)
{
  const OporaAnalysisParams *p = self->params;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->model_row, p->model);
  adw_combo_row_set_selected (self->basis_row, CLAMP (p->basis_years, 1, 3) - 1);
  gtk_switch_set_active (self->small_switch, p->include_small);
  adw_combo_row_set_selected (self->k_row, p->k >= 2 && p->k <= 8 ? p->k - 1 : 0);
  adw_combo_row_set_selected (self->missing_row, p->missing);
  adw_combo_row_set_selected (self->threshold_row, p->threshold);
  gtk_spin_button_set_value (self->context_threshold_spin, p->threshold == OPORA_THRESHOLD_VALUE ? p->context_threshold : 0);
  gtk_spin_button_set_value (self->results_threshold_spin, p->threshold == OPORA_THRESHOLD_VALUE ? p->results_threshold : 0);
  gtk_spin_button_set_value (self->problem_share_spin, round (p->problem_share * 100));
  gtk_spin_button_set_value (self->max_per_base_spin, p->max_per_base);
  self->updating = FALSE;
  update_visibility (self);
  update_feature_rows (self);
  update_small_row (self);
}

/* Reads the controls into @params. */
static void
read_controls (OporaClustersPage *self)
{
  OporaAnalysisParams *p = self->params;
  guint k = adw_combo_row_get_selected (self->k_row);

  p->model = adw_combo_row_get_selected (self->model_row);
  p->basis_years = adw_combo_row_get_selected (self->basis_row) + 1;
  p->include_small = gtk_switch_get_active (self->small_switch);
  p->k = k == 0 ? 0 : k + 1;
  p->missing = adw_combo_row_get_selected (self->missing_row);
  p->threshold = adw_combo_row_get_selected (self->threshold_row);
  p->context_threshold = gtk_spin_button_get_value (self->context_threshold_spin);
  p->results_threshold = gtk_spin_button_get_value (self->results_threshold_spin);
  p->problem_share = p->base_share = gtk_spin_button_get_value (self->problem_share_spin) / 100;
  p->max_per_base = gtk_spin_button_get_value_as_int (self->max_per_base_spin);
}

static void
controls_changed_cb (OporaClustersPage *self)
{
  if (self->updating || self->params == NULL)
    return;
  read_controls (self);
  update_visibility (self);
}

static void
model_selected_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   OporaClustersPage *self)
{
  controls_changed_cb (self);
}

static void
features_applied_cb (OporaFeaturesDialog *dialog,
                     const char          *keys,
                     OporaClustersPage   *self)
{
  GPtrArray *features = g_object_get_data (G_OBJECT (dialog), "opora-features");
  g_autoptr(GError) error = NULL;

  /* The settings may have been replaced (another year) while the dialog was open. */
  if (self->params == NULL || g_object_get_data (G_OBJECT (dialog), "opora-params") != self->params)
    return;
  if (!opora_analysis_params_set_keys (features, keys, &error))
    opora_clusters_page_toast (self, error->message);
  update_feature_rows (self);
}

static void
choose_features (OporaClustersPage *self,
                 const char        *title,
                 const char        *description,
                 GPtrArray         *features,
                 gboolean           weights)
{
  OporaFeaturesDialog *dialog;

  if (self->params == NULL || self->indicators == NULL)
    return;
  dialog = opora_features_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      title, description, self->indicators, features, weights);
  g_object_set_data (G_OBJECT (dialog), "opora-params", self->params);
  g_object_set_data (G_OBJECT (dialog), "opora-features", features);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (features_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
choose_context_cb (GtkButton         *button,
                   OporaClustersPage *self)
{
  choose_features (self, _("Context Index"),
                   _("The context index sums the z-scores of these indicators, signed so that higher is more favourable, with their weights. The quadrants divide the schools by it."),
                   self->params->context, TRUE);
}

static void
choose_results_cb (GtkButton         *button,
                   OporaClustersPage *self)
{
  choose_features (self, _("Results Index"),
                   _("The results index sums the z-scores of these indicators, signed so that higher is better, with their weights. Schools are ranked by it within their cluster."),
                   self->params->results, TRUE);
}

static void
choose_features_cb (GtkButton         *button,
                    OporaClustersPage *self)
{
  choose_features (self, _("k-means Features"),
                   _("k-means groups the schools that are alike on these indicators, each standardized. Choose the conditions a school works in rather than its results."),
                   self->params->features, FALSE);
}

/* ---- The analysis shown ---- */

static guint
count_flag (const OporaAnalysis *a,
            guint                flag)
{
  guint n = 0;

  for (guint i = 0; i < a->members->len; i++)
    n += (g_array_index (a->members, OporaMember, i).flags & flag) != 0;
  return n;
}

static const char *
threshold_name (OporaThreshold threshold)
{
  switch (threshold)
    {
    case OPORA_THRESHOLD_MEAN: return _("the means");
    case OPORA_THRESHOLD_VALUE: return _("typed in");
    default: return _("the medians");
    }
}

static char *
model_text (const OporaAnalysis *a)
{
  g_autofree char *basis = opora_analysis_basis_text (a->params);
  g_autofree char *year = a->params->basis_years > 1 || a->params->pool_small ? g_strdup (basis)
                                                                            : year_text (a->params->year);

  if (a->params->model == OPORA_MODEL_REGRESSION && a->regression != NULL)
    {
      g_autofree char *r2 = opora_format_number (a->regression->r_squared, 2, FALSE);

      /* Translators: e.g. "Context-adjusted results, 2026 (2025/26): R² = 0.64 over 38 schools, residuals of 3 years". */
      return g_strdup_printf (ngettext ("Context-adjusted results, %s: R² = %s over %u schools, residuals of %u year",
                                        "Context-adjusted results, %s: R² = %s over %u schools, residuals of %u years",
                                        a->regression->n_years),
                              year, r2, a->regression->n, a->regression->n_years);
    }
  else if (a->params->model == OPORA_MODEL_QUADRANT)
    {
      g_autofree char *context = opora_format_number (a->context_threshold, 2, FALSE);
      g_autofree char *results = opora_format_number (a->results_threshold, 2, FALSE);

      /* Translators: e.g. "Quadrants, 2026 (2025/26): context index threshold −0.12, results index threshold 0.04 (the medians)". */
      return g_strdup_printf (_("Quadrants, %s: context index threshold %s, results index threshold %s (%s)"),
                              year, context, results, threshold_name (a->params->threshold));
    }
  else
    {
      g_autofree char *silhouette = opora_format_number (a->silhouette, 3, FALSE);

      /* Translators: e.g. "k-means, 2026 (2025/26): k = 2, silhouette 0.468 (chosen by the silhouette)". */
      return g_strdup_printf (_("k-means, %s: k = %u, silhouette %s (%s)"), year, a->n_clusters, silhouette,
                              a->params->k == 0 ? _("chosen by the silhouette") : _("fixed"));
    }
}

static char *
summary_text (const OporaAnalysis *a)
{
  guint left_out = count_flag (a, OPORA_MEMBER_LEFT_OUT);
  guint placed = a->members->len - left_out;
  guint problem = count_flag (a, OPORA_MEMBER_PROBLEM);
  g_autofree char *model = model_text (a);
  g_autofree char *placed_text = g_strdup_printf (ngettext ("%u school placed", "%u schools placed", placed), placed);
  g_autofree char *left_text = g_strdup_printf (ngettext ("%u left out for missing data", "%u left out for missing data", left_out), left_out);
  g_autofree char *problem_text = g_strdup_printf (ngettext ("%u problem school", "%u problem schools", problem), problem);

  /* Translators: the model, then the counts: "…. 40 schools placed, 0 left out for missing data; 20 problem schools." */
  return g_strdup_printf (_("%s. %s, %s; %s."), model, placed_text, left_text, problem_text);
}

static char *
created_text (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* Translators: the date and time of an analysis, as g_date_time_format() takes it. */
  return local != NULL ? g_date_time_format (local, _("%x %H:%M")) : g_strdup ("");
}

static void
show_run_label (OporaClustersPage *self)
{
  g_autofree char *created = created_text (self->analysis->created);
  g_autofree char *text = NULL;

  if (self->save_problem != NULL)
    text = g_strdup (self->save_problem);
  else
    /* Translators: e.g. "Saved analysis № 3 of 12.05.2026 10:30". */
    text = g_strdup_printf (_("Saved analysis № %lld of %s"), (long long) self->analysis->id, created);
  gtk_label_set_text (self->run_label, text);
  if (self->save_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->run_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->run_label), "warning");
}

static void
index_pairs (OporaClustersPage *self)
{
  g_clear_pointer (&self->pairs, g_hash_table_unref);
  self->pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; self->analysis != NULL && i < self->analysis->pairs->len; i++)
    {
      OporaPair *pair = self->analysis->pairs->pdata[i];
      g_hash_table_insert (self->pairs, &pair->supported_id, pair);
    }
}

/* Shows @analysis (taking it), or that there is none. */
static void
show_analysis (OporaClustersPage *self,
               OporaAnalysis     *analysis)
{
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->pairs, g_hash_table_unref);
  g_clear_pointer (&self->analysis, opora_analysis_free);
  self->analysis = analysis;
  index_pairs (self);
  opora_clusters_page_show_members (self);
  opora_clusters_page_update_chart (self);
  if (analysis == NULL)
    {
      gtk_stack_set_visible_child_name (self->result_stack, "none");
      update_actions (self);
      return;
    }
  summary = summary_text (analysis);
  gtk_label_set_text (self->summary_label, summary);
  show_run_label (self);
  adw_view_stack_page_set_visible (self->sweep_page, analysis->sweep->len > 0);
  gtk_stack_set_visible_child_name (self->result_stack, "results");
  update_actions (self);
}

/* Reads the newest stored run of @year and its settings, else the default
 * settings of @model. On error the defaults are read, so that a run is still
 * possible; @params is NULL only when they cannot be read either. */
static gboolean
read_year (OporaDb              *db,
           int                   year,
           OporaModel            model,
           OporaAnalysis       **stored,
           OporaAnalysisParams **params,
           GError              **error)
{
  gboolean ok = TRUE;
  gint64 latest;

  *stored = NULL;
  latest = opora_analysis_latest (db, year, error);
  if (latest < 0 || (latest > 0 && !(*stored = opora_analysis_load (db, latest, error))))
    ok = FALSE;
  if (*stored != NULL)
    *params = opora_analysis_params_copy ((*stored)->params);
  else
    *params = opora_analysis_params_new (db, year, model, ok ? error : NULL);
  return ok && *params != NULL;
}

/* Shows @stored (nullable) with the settings @params (nullable), taking both. */
static void
show_read_year (OporaClustersPage   *self,
                OporaAnalysis       *stored,
                OporaAnalysisParams *params)
{
  g_clear_pointer (&self->save_problem, g_free);
  g_clear_pointer (&self->params, opora_analysis_params_free);
  self->params = params;
  if (self->params != NULL)
    show_params (self);
  show_analysis (self, stored);
}

/* Shows the newest stored run of @year with its settings, or the default
 * settings. On error the defaults are shown, so that a run is still possible. */
static gboolean
show_year (OporaClustersPage  *self,
           int                 year,
           GError            **error)
{
  OporaModel model = self->params != NULL ? self->params->model : OPORA_MODEL_QUADRANT;
  OporaAnalysisParams *params = NULL;
  OporaAnalysis *stored = NULL;
  gboolean ok = read_year (self->db, year, model, &stored, &params, error);

  show_read_year (self, stored, params);
  return ok;
}

static void
year_selected_cb (AdwComboRow       *row,
                  GParamSpec        *pspec,
                  OporaClustersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->db == NULL || self->cancellable != NULL)
    return;
  if (!show_year (self, selected_year (self), &error))
    opora_clusters_page_toast (self, error->message);
}

/* ---- Running ---- */

static void
set_running (OporaClustersPage *self,
             gboolean           running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_sensitive (self->controls_box, !running);
  gtk_spinner_set_spinning (self->spinner, running);
  if (running)
    gtk_stack_set_visible_child_name (self->result_stack, "running");
  else
    gtk_stack_set_visible_child_name (self->result_stack, self->analysis != NULL ? "results" : "none");
  update_actions (self);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (data->path, OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST, &error);
  OporaAnalysis *analysis = NULL;

  if (db != NULL)
    analysis = opora_analysis_run (db, data->params, cancellable, &error);
  if (analysis != NULL)
    g_task_return_pointer (task, analysis, (GDestroyNotify) opora_analysis_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Stores @analysis when the workspace may be written; says why not otherwise. */
static void
save (OporaClustersPage *self,
      OporaAnalysis     *analysis)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->save_problem, g_free);
  if (!is_writable (self))
    self->save_problem = g_strdup (_("The workspace is read-only: this analysis is not saved, and its pairs cannot be decided on."));
  else if (!opora_analysis_save (self->db, analysis, &error))
    self->save_problem = g_strdup_printf (_("This analysis is not saved: %s"), error->message);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  OporaAnalysis *analysis = g_task_propagate_pointer (task, &error);

  /* Another workspace, or the page went away: this run no longer matters. */
  if (g_task_get_cancellable (task) != self->cancellable)
    {
      g_clear_pointer (&analysis, opora_analysis_free);
      return;
    }
  g_clear_object (&self->cancellable);
  if (analysis != NULL)
    {
      save (self, analysis);
      show_analysis (self, analysis);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    opora_clusters_page_toast (self, _("Analysis stopped"));
  else
    opora_clusters_page_toast (self, error->message);
  set_running (self, FALSE);
}

static void
run_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->db == NULL || self->params == NULL || self->cancellable != NULL)
    return;
  read_controls (self);
  self->cancellable = g_cancellable_new ();
  data = g_new0 (RunData, 1);
  data->path = g_strdup (opora_db_get_path (self->db));
  data->params = opora_analysis_params_copy (self->params);
  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, run_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  opora_task_run_in_thread (task, run_thread);
  set_running (self, TRUE);
}

static void
stop_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Forgets a running analysis: its result will be dropped. */
static void
abandon_run (OporaClustersPage *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
}

/* The run shortcuts work wherever the focus is while the section is shown. */
static gboolean
run_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, "clusters.run", NULL);
}

static void
add_run_shortcuts (OporaClustersPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter|<Control>r");

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, gtk_callback_action_new (run_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- Export ---- */

/**
 * opora_clusters_page_export:
 * @self: the page
 * @path: the .xlsx file to write
 *
 * Writes the analysis shown as a workbook.
 *
 * Returns: %FALSE with @error set on failure or when no analysis is shown
 */
gboolean
opora_clusters_page_export (OporaClustersPage  *self,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->analysis != NULL, FALSE);

  return opora_export_clusters (self->db, self->analysis, path, error);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    OporaClustersPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->analysis == NULL)
    return;
  if (opora_clusters_page_export (self, path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
      opora_clusters_page_toast (self, text);
    }
  else
    opora_clusters_page_toast (self, error->message);
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->analysis == NULL)
    return;
  /* Translators: the suggested file name of the cluster export; keep the extension. */
  name = g_strdup_printf (_("Clusters %d.xlsx"), self->analysis->params->year);
  opora_excel_chooser_show (&self->chooser, widget, _("Export the Clusters"), name,
                            G_CALLBACK (export_response_cb), self);
}

/* ---- The workspace ---- */

static void
stop_loading (OporaClustersPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_spinner_stop (self->loading_spinner);
}

static void
clear_workspace (OporaClustersPage *self)
{
  stop_loading (self);
  abandon_run (self);
  show_analysis (self, NULL);
  g_clear_pointer (&self->params, opora_analysis_params_free);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->save_problem, g_free);
  self->updating = TRUE;
  gtk_string_list_splice (self->year_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_list)), NULL);
  self->updating = FALSE;
}

/* What the page reads of a workspace, on a thread: the years, the schools and
 * the catalogue, and the year to show first with its newest run or settings. */
typedef struct {
  GArray              *years;       /* int, newest first */
  OporaSchoolNames    *schools;
  GPtrArray           *indicators;  /* OporaIndicator: the catalogue */
  int                  year;        /* 0 without years */
  OporaAnalysis       *stored;      /* nullable */
  OporaAnalysisParams *params;      /* nullable */
  GError              *error;       /* why @year's run or settings could not be read, or NULL */
} Workspace;

static void
workspace_free (Workspace *w)
{
  g_clear_pointer (&w->years, g_array_unref);
  g_clear_pointer (&w->schools, opora_school_names_unref);
  g_clear_pointer (&w->indicators, g_ptr_array_unref);
  g_clear_pointer (&w->stored, opora_analysis_free);
  g_clear_pointer (&w->params, opora_analysis_params_free);
  g_clear_error (&w->error);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workspace, workspace_free)

/* The year of the newest stored run, else the newest of @years. */
static int
starting_year (OporaDb *db,
               GArray  *years)
{
  g_autoptr(GPtrArray) runs = opora_analysis_list (db, NULL);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      OporaRunInfo *info = runs->pdata[i];
      for (guint y = 0; y < years->len; y++)
        if (g_array_index (years, int, y) == info->year)
          return info->year;
    }
  return g_array_index (years, int, 0);
}

static Workspace *
read_workspace (OporaDb  *db,
                GError  **error)
{
  g_autoptr(Workspace) w = g_new0 (Workspace, 1);
  g_autoptr(GArray) years = opora_values_years (db, error);

  if (years == NULL ||
      !(w->schools = opora_school_names_read (db, error)) ||
      !(w->indicators = opora_indicator_list (db, error)))
    return NULL;
  w->years = g_array_sized_new (FALSE, FALSE, sizeof (int), years->len);
  for (guint i = years->len; i-- > 0;)
    g_array_append_val (w->years, g_array_index (years, int, i));
  if (w->years->len > 0)
    {
      w->year = starting_year (db, w->years);
      read_year (db, w->year, OPORA_MODEL_QUADRANT, &w->stored, &w->params, &w->error);
    }
  return g_steal_pointer (&w);
}

static guint
year_position (OporaClustersPage *self,
               int                year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      return i;
  return 0;
}

/* Takes what @w read: the years into their list, the catalogue into the chart's axes, the year's run. */
static void
show_workspace (OporaClustersPage *self,
                Workspace         *w)
{
  self->years = g_steal_pointer (&w->years);
  self->schools = g_steal_pointer (&w->schools);
  self->indicators = g_steal_pointer (&w->indicators);
  self->updating = TRUE;
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *text = year_text (g_array_index (self->years, int, i));
      gtk_string_list_append (self->year_list, text);
    }
  self->updating = FALSE;
  opora_clusters_page_fill_axes (self);
  if (self->years->len == 0)
    {
      update_actions (self);
      return;
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (self->year_row, year_position (self, w->year));
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->clusters_stack, "main");
  show_read_year (self, g_steal_pointer (&w->stored), g_steal_pointer (&w->params));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OporaClustersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Workspace) w = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->loading || self->db == NULL)
    return;
  stop_loading (self);
  gtk_stack_set_visible_child_name (self->clusters_stack, "no-data");
  /* A workspace a second connection cannot open (read-only, say) is read on this one. */
  if (w == NULL)
    {
      g_clear_error (&error);
      w = read_workspace (self->db, &error);
    }
  if (w == NULL)
    {
      update_actions (self);
      opora_clusters_page_toast (self, error->message);
      return;
    }
  show_workspace (self, w);
  if (w->error != NULL)
    opora_clusters_page_toast (self, w->error->message);
}

/**
 * opora_clusters_page_set_db:
 * @self: the page
 * @db: (nullable): the workspace to show; the caller keeps it alive while it is shown
 *
 * Stops a running analysis and shows the newest stored analysis of @db
 * with its settings, or the default settings of its newest year: read on a
 * thread, the page showing a spinner meanwhile (opora_clusters_page_is_loading()).
 * A failure shows in a toast, and the page shows no analysis.
 *
 * Returns: %TRUE
 */
gboolean
opora_clusters_page_set_db (OporaClustersPage  *self,
                            OporaDb            *db,
                            GError            **error)
{
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), FALSE);

  clear_workspace (self);
  self->db = db;
  if (db == NULL)
    {
      gtk_stack_set_visible_child_name (self->clusters_stack, "no-data");
      update_actions (self);
      return TRUE;
    }
  self->loading = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->clusters_stack, "loading");
  gtk_spinner_start (self->loading_spinner);
  update_actions (self);
  task = g_task_new (NULL, self->loading, loaded_cb, g_object_ref (self));
  opora_task_read_in_thread (task, opora_db_get_path (db), (OporaTaskReadFunc) read_workspace,
                             (GDestroyNotify) workspace_free);
  return TRUE;
}

/**
 * opora_clusters_page_is_loading:
 *
 * Returns: whether the workspace is still being read, the analysis shown
 *   put into the school table or its chart built
 */
gboolean
opora_clusters_page_is_loading (OporaClustersPage *self)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), FALSE);
  return self->loading != NULL || self->member_filler != NULL || self->chart_building != NULL;
}

/**
 * opora_clusters_page_get_analysis:
 *
 * Returns: (nullable): the analysis shown
 */
const OporaAnalysis *
opora_clusters_page_get_analysis (OporaClustersPage *self)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), NULL);
  return self->analysis;
}

/**
 * opora_clusters_page_get_running:
 *
 * Returns: whether an analysis is running
 */
gboolean
opora_clusters_page_get_running (OporaClustersPage *self)
{
  g_return_val_if_fail (OPORA_IS_CLUSTERS_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

static void
opora_clusters_page_dispose (GObject *object)
{
  OporaClustersPage *self = (OporaClustersPage *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->member_filler, opora_list_filler_free);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->db = NULL;
  if (self->member_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->member_selection, self);
  if (self->member_filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->member_filter_model, self);
  if (self->member_filter != NULL)
    gtk_custom_filter_set_filter_func (self->member_filter, NULL, NULL, NULL);
  opora_clusters_page_chart_dispose (self);

  G_OBJECT_CLASS (opora_clusters_page_parent_class)->dispose (object);
}

static void
opora_clusters_page_finalize (GObject *object)
{
  OporaClustersPage *self = (OporaClustersPage *) object;

  g_clear_pointer (&self->pairs, g_hash_table_unref);
  g_clear_pointer (&self->analysis, opora_analysis_free);
  g_clear_pointer (&self->params, opora_analysis_params_free);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->save_problem, g_free);

  G_OBJECT_CLASS (opora_clusters_page_parent_class)->finalize (object);
}

static void
opora_clusters_page_class_init (OporaClustersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_clusters_page_dispose;
  object_class->finalize = opora_clusters_page_finalize;

  g_type_ensure (OPORA_TYPE_PACED_SELECTION);
  g_type_ensure (OPORA_TYPE_TABLE_ROW);
  g_type_ensure (OPORA_TYPE_SWEEP_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-clusters-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, clusters_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, flap);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, controls_box);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, basis_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, small_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, small_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, context_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, results_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, features_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, kmeans_group);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, threshold_group);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, k_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, missing_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, context_threshold_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, results_threshold_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, problem_share_row);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, context_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, results_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, problem_share_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, max_per_base_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, result_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, run_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sweep_page);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sweep_chart);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, controls_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_context_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_results_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_features_cb);

  gtk_widget_class_install_action (widget_class, "clusters.run", NULL, run_cb);
  gtk_widget_class_install_action (widget_class, "clusters.stop", NULL, stop_cb);
  gtk_widget_class_install_action (widget_class, "clusters.export", NULL, export_cb);
  opora_clusters_page_members_class_init (widget_class);
  opora_clusters_page_chart_class_init (widget_class);
}

static void
opora_clusters_page_init (OporaClustersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  opora_clusters_page_members_init (self);
  opora_clusters_page_chart_init (self);
  add_run_shortcuts (self);
  update_actions (self);
}
