/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program's school year, August to July, as one bar per measure with today's line. */

#include "opora-program-timeline.h"

#include "opora-plot-timeline.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

struct _OporaProgramTimeline
{
  GtkWidget          parent_instance;

  /* Owned */
  OporaPlotTimeline *model;
};

G_DEFINE_FINAL_TYPE (OporaProgramTimeline, opora_program_timeline, GTK_TYPE_WIDGET)

static OporaPlotBarStatus
bar_status (const OporaMeasure *m,
            const char         *today)
{
  if (today != NULL && opora_measure_is_overdue (m, today))
    return OPORA_PLOT_BAR_OVERDUE;
  switch (m->status)
    {
    case OPORA_MEASURE_IN_PROGRESS: return OPORA_PLOT_BAR_IN_PROGRESS;
    case OPORA_MEASURE_DONE: return OPORA_PLOT_BAR_DONE;
    case OPORA_MEASURE_CANCELLED: return OPORA_PLOT_BAR_CANCELLED;
    case OPORA_MEASURE_PLANNED:
    default: return OPORA_PLOT_BAR_PLANNED;
    }
}

static OporaPlotTimelineOptions
options (void)
{
  return (OporaPlotTimelineOptions) { adw_style_manager_get_dark (adw_style_manager_get_default ()), 1 };
}

static void
opora_program_timeline_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  OporaProgramTimeline *self = OPORA_PROGRAM_TIMELINE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  OporaPlotTimelineOptions o = options ();
  cairo_t *cr;

  if (self->model == NULL || width <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  opora_plot_timeline_render (self->model, cr, width, height, &o);
  cairo_destroy (cr);
}

static void
opora_program_timeline_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  OporaProgramTimeline *self = OPORA_PROGRAM_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 400;
  else
    {
      OporaPlotTimelineOptions o = options ();
      g_autoptr(OporaPlotTimeline) empty = opora_plot_timeline_new (0, NULL);

      *minimum = *natural = (int) ceil (opora_plot_timeline_height (self->model ? self->model : empty, &o));
    }
}

/**
 * opora_program_timeline_set_measures:
 * @measures: (element-type OporaMeasure) (nullable): the measures, one row each
 * @today: (nullable): YYYY-MM-DD, to judge what is overdue and draw the line
 *
 * Shows @measures of the school year @year (2026 = 2025/26): titles on the
 * left, bars on a grid of months; overdue bars are hatched and their titles
 * marked "⚠", done ones "✓", cancelled ones "✕" and outlined.
 */
void
opora_program_timeline_set_measures (OporaProgramTimeline *self,
                                     int                   year,
                                     GPtrArray            *measures,
                                     const char           *today)
{
  g_return_if_fail (OPORA_IS_PROGRAM_TIMELINE (self));

  g_clear_pointer (&self->model, opora_plot_timeline_free);
  if (measures != NULL)
    {
      self->model = opora_plot_timeline_new (year, today);
      for (guint i = 0; i < measures->len; i++)
        {
          const OporaMeasure *m = measures->pdata[i];
          g_autofree char *title = g_strdup_printf ("%d. %s", m->position, m->title);

          opora_plot_timeline_add_bar (self->model, title, m->stage, m->start, m->end, bar_status (m, today));
        }
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
opora_program_timeline_finalize (GObject *object)
{
  OporaProgramTimeline *self = OPORA_PROGRAM_TIMELINE (object);

  g_clear_pointer (&self->model, opora_plot_timeline_free);

  G_OBJECT_CLASS (opora_program_timeline_parent_class)->finalize (object);
}

static void
opora_program_timeline_class_init (OporaProgramTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_program_timeline_finalize;
  widget_class->snapshot = opora_program_timeline_snapshot;
  widget_class->measure = opora_program_timeline_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
opora_program_timeline_init (OporaProgramTimeline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of the measures; the Measures tab lists the same as a table"),
                                  -1);
}

GtkWidget *
opora_program_timeline_new (void)
{
  return g_object_new (OPORA_TYPE_PROGRAM_TIMELINE, NULL);
}
