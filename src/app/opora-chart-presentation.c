/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The presentation window: one chart full-screen, the years a stored run has one step away, a hint that fades. */

#include "opora-chart-presentation.h"

#include <glib/gi18n.h>

#define HINT_SECONDS 4

struct _OporaChartPresentation
{
  AdwWindow           parent_instance;

  /* Template widgets */
  OporaChartView     *chart;
  GtkRevealer        *hint_revealer;
  GtkLabel           *years_label;
  GtkLabel           *keys_label;

  /* Owned */
  GArray             *years;     /* int, oldest first */
  guint               hint_id;

  guint               position;  /* in @years */
  OporaChartYearFunc  func;
  gpointer            func_data;
};

G_DEFINE_FINAL_TYPE (OporaChartPresentation, opora_chart_presentation, ADW_TYPE_WINDOW)

static gboolean
hide_hint_cb (gpointer user_data)
{
  OporaChartPresentation *self = user_data;

  self->hint_id = 0;
  gtk_revealer_set_reveal_child (self->hint_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* "2024 · 2025 · <b>2026</b>", the others dimmed: where the room is among the years. */
static char *
years_markup (OporaChartPresentation *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->years->len; i++)
    {
      int year = g_array_index (self->years, int, i);

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, i == self->position ? "<span size=\"x-large\" weight=\"bold\">%d</span>"
                                                        : "<span size=\"x-large\" alpha=\"55%%\">%d</span>", year);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_hint (OporaChartPresentation *self,
           const char             *problem)
{
  g_autofree char *years = years_markup (self);

  gtk_label_set_markup (self->years_label, years);
  gtk_widget_set_visible (GTK_WIDGET (self->years_label), self->years->len > 1);
  if (problem != NULL)
    gtk_label_set_text (self->keys_label, problem);
  else if (self->years->len > 1)
    gtk_label_set_text (self->keys_label, _("Page Down: next year · Page Up: previous year · Esc: leave"));
  else
    gtk_label_set_text (self->keys_label, _("No other year has a stored analysis of this model · Esc: leave"));
  gtk_revealer_set_reveal_child (self->hint_revealer, TRUE);
  g_clear_handle_id (&self->hint_id, g_source_remove);
  self->hint_id = g_timeout_add_seconds (HINT_SECONDS, hide_hint_cb, self);
}

/**
 * opora_chart_presentation_step:
 * @delta: +1 for the next year, −1 for the one before
 *
 * Moves the chart to that year's, the schools gliding to their places.
 *
 * Returns: whether there was such a year and its chart could be made
 */
gboolean
opora_chart_presentation_step (OporaChartPresentation *self,
                               int                     delta)
{
  g_autoptr(GError) error = NULL;
  OporaPlotModel *model;
  int target;

  g_return_val_if_fail (OPORA_IS_CHART_PRESENTATION (self), FALSE);

  target = (int) self->position + delta;
  if (self->func == NULL || target < 0 || target >= (int) self->years->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      show_hint (self, NULL);
      return FALSE;
    }
  if (!(model = self->func (g_array_index (self->years, int, target), self->func_data, &error)))
    {
      show_hint (self, error->message);
      return FALSE;
    }
  self->position = target;
  opora_chart_view_move_to_model (self->chart, model);
  show_hint (self, NULL);
  return TRUE;
}

/**
 * opora_chart_presentation_set_years:
 * @years: (array length=n_years): the years to step through, oldest first
 * @year: the one shown now
 * @func: makes a year's chart
 *
 * @func is called while the window lives: whoever passes it keeps
 * @user_data alive that long, or destroys the window first.
 */
void
opora_chart_presentation_set_years (OporaChartPresentation *self,
                                    const int              *years,
                                    guint                   n_years,
                                    int                     year,
                                    OporaChartYearFunc      func,
                                    gpointer                user_data)
{
  g_return_if_fail (OPORA_IS_CHART_PRESENTATION (self));

  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, years, n_years);
  self->position = 0;
  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      self->position = i;
  self->func = func;
  self->func_data = user_data;
}

int
opora_chart_presentation_get_year (OporaChartPresentation *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_PRESENTATION (self), 0);

  return self->position < self->years->len ? g_array_index (self->years, int, self->position) : 0;
}

OporaChartView *
opora_chart_presentation_get_chart (OporaChartPresentation *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_PRESENTATION (self), NULL);
  return self->chart;
}

/* Covers the parent's monitor even where no window manager honours full screen. */
static void
cover_monitor (OporaChartPresentation *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkNative *native = parent != NULL ? GTK_NATIVE (parent) : NULL;
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) : NULL;
  GdkRectangle area;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_set_default_size (GTK_WINDOW (self), area.width, area.height);
}

/**
 * opora_chart_presentation_start:
 *
 * Goes full-screen with the chart focused and the keys on show.
 */
void
opora_chart_presentation_start (OporaChartPresentation *self)
{
  g_return_if_fail (OPORA_IS_CHART_PRESENTATION (self));

  cover_monitor (self);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
  show_hint (self, NULL);
}

static void
step_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  opora_chart_presentation_step (OPORA_CHART_PRESENTATION (widget), g_variant_get_int32 (parameter));
}

static void
leave_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
opora_chart_presentation_dispose (GObject *object)
{
  OporaChartPresentation *self = OPORA_CHART_PRESENTATION (object);

  g_clear_handle_id (&self->hint_id, g_source_remove);
  self->func = NULL;

  G_OBJECT_CLASS (opora_chart_presentation_parent_class)->dispose (object);
}

static void
opora_chart_presentation_finalize (GObject *object)
{
  OporaChartPresentation *self = OPORA_CHART_PRESENTATION (object);

  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (opora_chart_presentation_parent_class)->finalize (object);
}

static void
opora_chart_presentation_class_init (OporaChartPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_chart_presentation_dispose;
  object_class->finalize = opora_chart_presentation_finalize;

  g_type_ensure (OPORA_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-chart-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaChartPresentation, chart);
  gtk_widget_class_bind_template_child (widget_class, OporaChartPresentation, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaChartPresentation, years_label);
  gtk_widget_class_bind_template_child (widget_class, OporaChartPresentation, keys_label);

  gtk_widget_class_install_action (widget_class, "presentation.step", "i", step_cb);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_cb);
  /* What presentation clickers send, and the keyboard's own. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "presentation.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "presentation.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "presentation.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "presentation.leave", NULL);
}

/* Esc leaves even when the chart would take it to clear its selection. */
static void
add_leave_shortcut (OporaChartPresentation *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("presentation.leave")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
opora_chart_presentation_init (OporaChartPresentation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_leave_shortcut (self);

  self->years = g_array_new (FALSE, FALSE, sizeof (int));
}

/**
 * opora_chart_presentation_new:
 * @parent: (nullable): the main window, whose monitor it covers
 *
 * Returns: (transfer none): a new presentation window, not shown yet
 */
OporaChartPresentation *
opora_chart_presentation_new (GtkWindow *parent)
{
  return g_object_new (OPORA_TYPE_CHART_PRESENTATION,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
