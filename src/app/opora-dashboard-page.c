/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Dashboard section: key figures, the ranking of mentors and tutors, the outcome, programs behind. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-dashboard-drill.h"
#include "opora-dashboard-page.h"
#include "opora-dashboard-widgets.h"
#include "opora-dashboard.h"
#include "opora-excel-chooser.h"
#include "opora-plot-dashboard.h"
#include "opora-program.h"
#include "opora-toast.h"

struct _OporaDashboardPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkDropDown          *year_dropdown;
  GtkStringList        *year_list;
  GtkLabel             *basis_label;
  GtkStack             *stack;
  GtkLabel             *headline_label;
  GtkFlowBox           *cards;
  GtkListBox           *ranking;
  GtkFlowBox           *outcome_box;
  GtkLabel             *outcome_label;
  GtkListBox           *behind;

  /* Owned */
  GArray               *years;        /* int, newest first */
  OporaDashboard       *dashboard;    /* of the year shown; NULL when none */
  GtkWidget            *outcome_chart;
  GtkWidget            *outcome_table;
  GtkFileChooserNative *chooser;
  char                 *today;        /* NULL: the real today */
  gboolean              updating;
  gboolean              all_behind;   /* every program behind, not only the first */

  /* Borrowed: the window owns the workspace */
  OporaDb              *db;
};

G_DEFINE_FINAL_TYPE (OporaDashboardPage, opora_dashboard_page, ADW_TYPE_BIN)

enum { SIGNAL_OPEN_PROGRAM, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The programs behind shown before "Show all". */
#define FIRST_BEHIND 5

static void show_behind (OporaDashboardPage *self);

/* ---- Drill-down ---- */

static void
card_clicked_cb (GtkButton          *button,
                 OporaDashboardPage *self)
{
  OporaFigureKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "figure"));
  const OporaFigure *f = &self->dashboard->figures[kind];
  g_autofree char *year = opora_school_year_label (self->dashboard->year);
  g_autofree char *subtitle = NULL;

  if (f->id_kind == OPORA_FIGURE_IDS_MEASURES)
    {
      subtitle = g_strdup_printf (_("%s: the measures due, %u of %u done by their deadline."), year, f->numerator, f->denominator);
      opora_dashboard_drill_measures (GTK_WIDGET (self), self->db, opora_figure_label (kind), subtitle, f->ids);
    }
  else
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u school.", "%s: %u schools.", f->ids->len),
                                  year, f->ids->len);
      opora_dashboard_drill_schools (GTK_WIDGET (self), self->db, opora_figure_label (kind), subtitle, f->ids);
    }
}

static void
levels_clicked_cb (GtkButton          *button,
                   OporaDashboardPage *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *year = opora_school_year_label (self->dashboard->year);
  g_autofree char *subtitle = g_strdup_printf (_("The evaluations of %s, with their totals and levels."), year);

  for (guint i = 0; i < self->dashboard->levels->len; i++)
    {
      const OporaDashboardLevel *l = self->dashboard->levels->pdata[i];

      g_array_append_vals (ids, l->person_ids->data, l->person_ids->len);
    }
  opora_dashboard_drill_people (GTK_WIDGET (self), self->db, _("Mentors and tutors by level"), subtitle, ids,
                                self->dashboard->year);
}

static void
rank_activated_cb (GtkListBox         *list,
                   GtkListBoxRow      *row,
                   OporaDashboardPage *self)
{
  guint i = gtk_list_box_row_get_index (row);

  if (self->dashboard != NULL && i < self->dashboard->ranking->len)
    opora_dashboard_drill_person (GTK_WIDGET (self), self->db,
                                  ((OporaDashboardRank *) self->dashboard->ranking->pdata[i])->person_id);
}

static void
outcome_activated (guint    group,
                   gboolean supported,
                   gpointer user_data)
{
  OporaDashboardPage *self = user_data;
  const OporaDashboardOutcome *g;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  if (self->dashboard == NULL || group >= self->dashboard->outcome->len)
    return;
  g = self->dashboard->outcome->pdata[group];
  name = g->cluster == 0 ? g_strdup (_("All clusters"))
         : g->name != NULL ? g_strdup (g->name) : g_strdup_printf (_("Cluster %d"), g->cluster);
  subtitle = g_strdup_printf (supported ? _("%s: the supported schools, their results index changed by %+.2f on average.")
                                        : _("%s: similar schools without support, their results index changed by %+.2f on average."),
                              name, supported ? g->mean_supported : g->mean_other);
  opora_dashboard_drill_schools (GTK_WIDGET (self), self->db,
                                 supported ? _("Supported Schools") : _("Schools Without Support"),
                                 subtitle, supported ? g->supported_ids : g->other_ids);
}

static void
behind_activated_cb (GtkListBox         *list,
                     GtkListBoxRow      *row,
                     OporaDashboardPage *self)
{
  guint i = gtk_list_box_row_get_index (row);

  if (self->dashboard == NULL)
    return;
  if (g_object_get_data (G_OBJECT (row), "show-all") != NULL)
    {
      self->all_behind = TRUE;
      show_behind (self);
      return;
    }
  if (i < self->dashboard->behind->len)
    g_signal_emit (self, signals[SIGNAL_OPEN_PROGRAM], 0,
                   ((OporaDashboardBehind *) self->dashboard->behind->pdata[i])->program_id);
}

/* ---- Showing a dashboard ---- */

static char *
headline (const OporaDashboard *d)
{
  const OporaFigure *f = &d->figures[OPORA_FIGURE_PROBLEM];
  g_autofree char *year = opora_school_year_label (d->year);
  g_autofree char *before = opora_school_year_label (d->year - 1);

  if (!isfinite (f->value))
    return g_strdup_printf (_("%s: no analysis yet, so no count of schools with low results."), year);
  if (!isfinite (f->previous))
    return g_strdup_printf (_("%s: %.0f schools with low results."), year, f->value);
  if (f->change < 0)
    return g_strdup_printf (_("Fewer schools with low results: %.0f in %s against %.0f in %s."), f->value, year, f->previous, before);
  if (f->change > 0)
    return g_strdup_printf (_("More schools with low results: %.0f in %s against %.0f in %s."), f->value, year, f->previous, before);
  return g_strdup_printf (_("As many schools with low results in %s as in %s: %.0f."), year, before, f->value);
}

static char *
outcome_text (const OporaDashboard *d)
{
  const OporaDashboardOutcome *all = opora_dashboard_overall (d);

  if (all == NULL || !isfinite (all->difference))
    return g_strdup (_("No supported school can be compared with similar schools for this year yet: it needs analyses of this year and the year before."));
  return g_strdup_printf (_("The results index of the %u supported schools changed by %+.2f on average, that of %u similar "
                            "schools without support by %+.2f: a difference of %+.2f. Click a bar or a count to see the schools."),
                          all->n_supported, all->mean_supported, all->n_other, all->mean_other, all->difference);
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static void
show_behind (OporaDashboardPage *self)
{
  const OporaDashboard *d = self->dashboard;

  guint n = self->all_behind ? d->behind->len : MIN (d->behind->len, FIRST_BEHIND);

  remove_children (GTK_WIDGET (self->behind));
  for (guint i = 0; i < n; i++)
    {
      const OporaDashboardBehind *b = d->behind->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s  %s", b->school_code, b->school_name);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u measures overdue",
                                                               "%u of %u measures overdue", b->n_overdue),
                                                  b->n_overdue, b->n_measures);
      GtkWidget *label = gtk_label_new (overdue);

      gtk_widget_add_css_class (label, "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the program"));
      gtk_list_box_append (self->behind, row);
    }
  if (n < d->behind->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show all %u program behind schedule",
                                                             "Show all %u programs behind schedule", d->behind->len),
                                                d->behind->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("pan-down-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "show-all", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->behind, row);
    }
  if (d->behind->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No program of this year has overdue measures."));
      gtk_list_box_append (self->behind, row);
    }
}

static void
show_dashboard (OporaDashboardPage *self)
{
  const OporaDashboard *d = self->dashboard;
  g_autofree char *text = NULL;
  g_autofree char *basis = NULL;
  GtkWidget *card;

  gtk_stack_set_visible_child_name (self->stack, d != NULL ? "dashboard" : "empty");
  if (d == NULL)
    return;
  text = headline (d);
  gtk_label_set_label (self->headline_label, text);
  {
    g_autofree char *iso = g_strconcat (d->today, "T12:00:00Z", NULL);
    g_autoptr(GDateTime) today = g_date_time_new_from_iso8601 (iso, NULL);
    g_autofree char *date = today != NULL ? g_date_time_format (today, "%x") : g_strdup (d->today);

    /* Translators: what the figures were judged by: the date for overdue measures. */
    basis = g_strdup_printf (_("Measures judged as of %s"), date);
  }
  gtk_label_set_label (self->basis_label, basis);

  remove_children (GTK_WIDGET (self->cards));
  for (guint k = 0; k < OPORA_N_FIGURES; k++)
    {
      card = opora_dashboard_card_new (&d->figures[k], d->year);
      g_object_set_data (G_OBJECT (card), "figure", GUINT_TO_POINTER (k));
      g_signal_connect (card, "clicked", G_CALLBACK (card_clicked_cb), self);
      gtk_flow_box_append (self->cards, card);
    }
  card = opora_dashboard_levels_card_new (d);
  g_signal_connect (card, "clicked", G_CALLBACK (levels_clicked_cb), self);
  gtk_flow_box_append (self->cards, card);

  remove_children (GTK_WIDGET (self->ranking));
  for (guint i = 0; i < d->ranking->len; i++)
    gtk_list_box_append (self->ranking, opora_dashboard_rank_row_new (d->ranking->pdata[i], i + 1));
  if (d->ranking->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No mentor or tutor was evaluated this year."));
      gtk_list_box_append (self->ranking, row);
    }

  text = (g_free (text), outcome_text (d));
  gtk_label_set_label (self->outcome_label, text);
  remove_children (GTK_WIDGET (self->outcome_box));
  self->outcome_chart = self->outcome_table = NULL;
  if (d->outcome->len > 0)
    {
      self->outcome_chart = opora_dashboard_outcome_new (d, outcome_activated, self);
      self->outcome_table = opora_dashboard_outcome_table (d, outcome_activated, self);
      gtk_flow_box_append (self->outcome_box, self->outcome_chart);
      gtk_flow_box_append (self->outcome_box, self->outcome_table);
    }
  show_behind (self);
}

static gboolean
compute (OporaDashboardPage  *self,
         int                  year,
         GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = self->today != NULL ? g_strdup (self->today) : g_date_time_format (now, "%Y-%m-%d");
  OporaDashboard *d = opora_dashboard_compute_on (self->db, year, today, error);

  if (d == NULL)
    return FALSE;
  /* The widgets borrow from the dashboard: drop them before it. */
  remove_children (GTK_WIDGET (self->ranking));
  g_clear_pointer (&self->dashboard, opora_dashboard_free);
  self->dashboard = d;
  self->all_behind = FALSE;
  show_dashboard (self);
  return TRUE;
}

static void
year_selected_cb (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  OporaDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->db == NULL || selected >= self->years->len)
    return;
  if (!compute (self, g_array_index (self->years, int, selected), &error))
    opora_toast_show (GTK_WIDGET (self), error->message);
}

/* The years with an analysis or an evaluation, newest first. */
static GArray *
dashboard_years (OporaDb  *db,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT year FROM analysis_run UNION SELECT year FROM evaluation"
                                                   " ORDER BY 1 DESC", error);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, sqlite3_errmsg (opora_db_get_handle (db)));
      return NULL;
    }
  return g_steal_pointer (&years);
}

/**
 * opora_dashboard_page_set_year:
 *
 * Returns: %FALSE when @year has nothing to show
 */
gboolean
opora_dashboard_page_set_year (OporaDashboardPage *self,
                               int                 year)
{
  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      {
        if (gtk_drop_down_get_selected (self->year_dropdown) == i)
          year_selected_cb (self->year_dropdown, NULL, self);
        else
          gtk_drop_down_set_selected (self->year_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

int
opora_dashboard_page_get_year (OporaDashboardPage *self)
{
  return self->dashboard != NULL ? self->dashboard->year : 0;
}

/* Judges overdue measures by @today (YYYY-MM-DD) instead of the clock: for tests. */
void
opora_dashboard_page_set_today (OporaDashboardPage *self,
                                const char         *today)
{
  g_free (self->today);
  self->today = g_strdup (today);
  if (self->dashboard != NULL)
    opora_dashboard_page_set_year (self, self->dashboard->year);
}

/**
 * opora_dashboard_page_set_db:
 * @db: (nullable): the workspace, borrowed until the next call
 *
 * Shows the latest year with an analysis (or, without one, with evaluations);
 * read again for the same workspace, the year shown before.
 */
gboolean
opora_dashboard_page_set_db (OporaDashboardPage  *self,
                             OporaDb             *db,
                             GError             **error)
{
  g_autoptr(GArray) years = NULL;
  /* Read again for the same workspace, it keeps the year shown. */
  int kept = db != NULL && db == self->db && self->dashboard != NULL ? self->dashboard->year : 0;
  int year = 0;

  remove_children (GTK_WIDGET (self->ranking));
  g_clear_pointer (&self->dashboard, opora_dashboard_free);
  self->db = db;
  self->updating = TRUE;
  gtk_string_list_splice (self->year_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_list)), NULL);
  g_clear_pointer (&self->years, g_array_unref);
  self->updating = FALSE;
  show_dashboard (self);
  if (db == NULL)
    return TRUE;
  if (!(years = dashboard_years (db, error)) || (year = opora_dashboard_default_year (db, error)) < 0)
    return FALSE;
  self->years = g_steal_pointer (&years);
  self->updating = TRUE;
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *label = opora_school_year_label (g_array_index (self->years, int, i));

      gtk_string_list_append (self->year_list, label);
    }
  self->updating = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-pdf", self->years->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-excel", self->years->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.print", self->years->len > 0);
  if (self->years->len == 0)
    return TRUE;
  if ((kept == 0 || !opora_dashboard_page_set_year (self, kept)) && !opora_dashboard_page_set_year (self, year))
    opora_dashboard_page_set_year (self, g_array_index (self->years, int, 0));
  return TRUE;
}

/* ---- Output ---- */

static gboolean
no_dashboard (OporaDashboardPage  *self,
              GError             **error)
{
  if (self->dashboard != NULL)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no dashboard to export: run an analysis first."));
  return TRUE;
}

gboolean
opora_dashboard_page_export_pdf (OporaDashboardPage  *self,
                                 const char          *path,
                                 GError             **error)
{
  return !no_dashboard (self, error) && opora_plot_dashboard_export (self->dashboard, path, error);
}

gboolean
opora_dashboard_page_export_xlsx (OporaDashboardPage  *self,
                                  const char          *path,
                                  GError             **error)
{
  return !no_dashboard (self, error) && opora_dashboard_export_xlsx (self->dashboard, path, error);
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    OporaDashboardPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL)
    return;
  if (pdf ? opora_dashboard_page_export_pdf (self, path, &error) : opora_dashboard_page_export_xlsx (self, path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      opora_toast_show (GTK_WIDGET (self), text);
    }
  else
    opora_toast_show (GTK_WIDGET (self), error->message);
}

static void
export_excel_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OporaDashboardPage *self = OPORA_DASHBOARD_PAGE (widget);
  g_autofree char *year = NULL;
  g_autofree char *name = NULL;

  if (self->dashboard == NULL)
    return;
  year = opora_school_year_label (self->dashboard->year);
  g_strdelimit (year, "/", '-');
  /* Translators: the suggested file name of the dashboard's workbook; keep the extension. */
  name = g_strdup_printf (_("Dashboard %s.xlsx"), year);
  opora_excel_chooser_show (&self->chooser, widget, _("Export the Dashboard"), name, G_CALLBACK (export_response_cb), self);
}

static void
export_pdf_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OporaDashboardPage *self = OPORA_DASHBOARD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *year = NULL;
  g_autofree char *name = NULL;

  if (self->dashboard == NULL)
    return;
  year = opora_school_year_label (self->dashboard->year);
  g_strdelimit (year, "/", '-');
  /* Translators: the suggested file name of the dashboard's PDF page; keep the extension. */
  name = g_strdup_printf (_("Dashboard %s.pdf"), year);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Dashboard as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "pdf", GINT_TO_POINTER (TRUE));
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page,
              OporaDashboardPage *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = MIN (gtk_print_context_get_width (context) / OPORA_PLOT_DASHBOARD_WIDTH,
                      gtk_print_context_get_height (context) / OPORA_PLOT_DASHBOARD_HEIGHT);

  cairo_scale (cr, scale, scale);
  opora_plot_dashboard_render (self->dashboard, cr);
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  OporaDashboardPage *self = OPORA_DASHBOARD_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->dashboard == NULL)
    return;
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_job_name (operation, _("Dashboard"));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    opora_toast_show (GTK_WIDGET (self), error->message);
}

/* ---- The class ---- */

static void
opora_dashboard_page_dispose (GObject *object)
{
  OporaDashboardPage *self = OPORA_DASHBOARD_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), OPORA_TYPE_DASHBOARD_PAGE);
  G_OBJECT_CLASS (opora_dashboard_page_parent_class)->dispose (object);
}

static void
opora_dashboard_page_finalize (GObject *object)
{
  OporaDashboardPage *self = OPORA_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->dashboard, opora_dashboard_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_free (self->today);
  G_OBJECT_CLASS (opora_dashboard_page_parent_class)->finalize (object);
}

static void
opora_dashboard_page_class_init (OporaDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_dashboard_page_dispose;
  object_class->finalize = opora_dashboard_page_finalize;

  /**
   * OporaDashboardPage::open-program:
   * @program_id: the program a row of "Programs behind schedule" names
   */
  signals[SIGNAL_OPEN_PROGRAM] = g_signal_new ("open-program", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/ru/opora/Opora/ui/opora-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, basis_label);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, cards);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, ranking);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, OporaDashboardPage, behind);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, rank_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, behind_activated_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.export-pdf", NULL, export_pdf_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.export-excel", NULL, export_excel_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.print", NULL, print_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "dashboard.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "dashboard.export-excel", NULL);
}

static void
opora_dashboard_page_init (OporaDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-excel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.print", FALSE);
}
