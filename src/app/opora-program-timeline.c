/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program's school year, August to July, as one bar per measure with today's line. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "opora-program-timeline.h"

#define ROW_HEIGHT    26.0
#define HEADER_HEIGHT 34.0
#define MARGIN        12.0

struct _OporaProgramTimeline
{
  GtkWidget   parent_instance;

  /* Owned */
  GPtrArray  *measures;  /* OporaMeasure */
  char       *today;
  int         year;
};

G_DEFINE_FINAL_TYPE (OporaProgramTimeline, opora_program_timeline, GTK_TYPE_WIDGET)

/* Okabe–Ito, by measure state; the state is also drawn as a pattern and a word. */
static const double state_colours[][3] = {
  { 0.000, 0.447, 0.698 },  /* planned: blue */
  { 0.902, 0.624, 0.000 },  /* in progress: orange */
  { 0.000, 0.620, 0.451 },  /* done: bluish green */
  { 0.600, 0.600, 0.600 },  /* cancelled: grey */
  { 0.835, 0.369, 0.000 },  /* overdue: vermilion */
};

/* Days from 1 August of the school year ending in @year to @iso; −1 when unreadable. */
static int
day_of_year (int         year,
             const char *iso)
{
  g_autoptr(GDate) start = g_date_new_dmy (1, G_DATE_AUGUST, year - 1);
  g_autoptr(GDate) date = g_date_new ();

  if (iso == NULL || *iso == '\0')
    return -1;
  g_date_set_parse (date, iso);
  if (!g_date_valid (date))
    {
      int y, m, d;
      if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
        return -1;
      g_date_set_dmy (date, d, m, y);
    }
  return g_date_days_between (start, date);
}

static int
days_in_year (int year)
{
  return g_date_is_leap_year (year) ? 366 : 365;
}

/**
 * opora_program_timeline_height:
 *
 * Returns: the height in pixels that shows @n_measures bars
 */
int
opora_program_timeline_height (guint n_measures)
{
  return (int) (HEADER_HEIGHT + (MAX (n_measures, 1) + 1) * ROW_HEIGHT + 2 * MARGIN);
}

static void
draw_text (cairo_t      *cr,
           PangoContext *context,
           const char   *text,
           double        x,
           double        y,
           double        width,
           gboolean      bold)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (bold ? "Sans Bold 9" : "Sans 9");
  int h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_move_to (cr, x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_months (cairo_t      *cr,
             PangoContext *context,
             int           year,
             double        left,
             double        right,
             double        bottom,
             double        fg)
{
  double per_day = (right - left) / days_in_year (year);

  for (int m = 0; m < 12; m++)
    {
      int month = (m + 7) % 12 + 1;
      int y = month >= 8 ? year - 1 : year;
      g_autoptr(GDateTime) first = g_date_time_new_local (y, month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (first, "%b");
      g_autofree char *iso = g_date_time_format (first, "%Y-%m-%d");
      double x = left + day_of_year (year, iso) * per_day;

      cairo_set_source_rgba (cr, fg, fg, fg, 0.25);
      cairo_rectangle (cr, x, MARGIN + HEADER_HEIGHT - 6, 1, bottom - (MARGIN + HEADER_HEIGHT - 6));
      cairo_fill (cr);
      cairo_set_source_rgb (cr, fg, fg, fg);
      draw_text (cr, context, name, x + 4, MARGIN + HEADER_HEIGHT / 2, 60, FALSE);
    }
}

/* Diagonal lines over a bar, so an overdue one shows without its colour. */
static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  for (double d = x - h; d < x + w; d += 7)
    {
      cairo_move_to (cr, d, y + h);
      cairo_line_to (cr, d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static int
measure_state (const OporaMeasure *m,
               const char         *today)
{
  if (opora_measure_is_overdue (m, today))
    return 4;
  return (int) m->status;
}

static void
draw_bar (cairo_t            *cr,
          const OporaMeasure *m,
          int                 year,
          const char         *today,
          double              left,
          double              right,
          double              y)
{
  double per_day = (right - left) / days_in_year (year);
  int s = day_of_year (year, m->start), e = day_of_year (year, m->end);
  int state = measure_state (m, today);
  double x0, x1;

  if (s < 0 && e < 0)
    return;
  s = CLAMP (s < 0 ? e : s, 0, days_in_year (year));
  e = CLAMP (e < 0 ? s : e + 1, 0, days_in_year (year));
  x0 = left + s * per_day;
  x1 = MAX (left + e * per_day, x0 + 4);
  cairo_set_source_rgb (cr, state_colours[state][0], state_colours[state][1], state_colours[state][2]);
  cairo_rectangle (cr, x0, y + 5, x1 - x0, ROW_HEIGHT - 10);
  if (m->status == OPORA_MEASURE_CANCELLED)
    {
      static const double dash[] = { 3, 3 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  cairo_fill (cr);
  if (state == 4)
    hatch (cr, x0, y + 5, x1 - x0, ROW_HEIGHT - 10);
}

/* The word in front of a row's title: the state, so it reads without colours. */
static const char *
state_mark (int state)
{
  switch (state)
    {
    case 2: return "✓ ";
    case 3: return "✕ ";
    case 4: return "⚠ ";
    default: return "";
    }
}

static void
draw_today (cairo_t      *cr,
            PangoContext *context,
            int           year,
            const char   *today,
            double        left,
            double        right,
            double        bottom)
{
  int d = day_of_year (year, today);
  double x;

  if (d < 0 || d > days_in_year (year))
    return;
  x = left + d * (right - left) / days_in_year (year);
  cairo_set_source_rgb (cr, 0.8, 0.475, 0.655);  /* reddish purple */
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x, MARGIN + 8);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
  draw_text (cr, context, C_("timeline", "Today"), x + 3, MARGIN + 6, 160, TRUE);
}

/**
 * opora_program_timeline_draw:
 * @cr: where to draw, from (0, 0)
 * @context: the Pango context for the text
 * @year: the school year: 2026 = 2025/26
 * @measures: (element-type OporaMeasure): the measures, one row each
 * @today: YYYY-MM-DD
 * @width: the width to fill; the height is opora_program_timeline_height()
 * @dark: whether the background is dark
 *
 * Draws titles on the left and the bars on a grid of months; overdue bars
 * are hatched and their titles marked "⚠", done ones "✓", cancelled ones
 * "✕" and outlined.
 */
void
opora_program_timeline_draw (cairo_t      *cr,
                             PangoContext *context,
                             int           year,
                             GPtrArray    *measures,
                             const char   *today,
                             double        width,
                             gboolean      dark)
{
  double fg = dark ? 0.9 : 0.15;
  double label_width = CLAMP (width * 0.32, 120, 340);
  double left = MARGIN + label_width + 8, right = width - MARGIN;
  double bottom = MARGIN + HEADER_HEIGHT + measures->len * ROW_HEIGHT;

  g_return_if_fail (cr != NULL && measures != NULL);

  if (right - left < 60)
    return;
  draw_months (cr, context, year, left, right, bottom, fg);
  for (guint i = 0; i < measures->len; i++)
    {
      const OporaMeasure *m = measures->pdata[i];
      double y = MARGIN + HEADER_HEIGHT + i * ROW_HEIGHT;
      int state = measure_state (m, today);
      g_autofree char *title = g_strdup_printf ("%s%d. %s", state_mark (state), m->position, m->title);

      if (i % 2 == 1)
        {
          cairo_set_source_rgba (cr, fg, fg, fg, 0.06);
          cairo_rectangle (cr, MARGIN, y, right - MARGIN, ROW_HEIGHT);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, fg, fg, fg);
      draw_text (cr, context, title, MARGIN, y + ROW_HEIGHT / 2, label_width, state == 4);
      draw_bar (cr, m, year, today, left, right, y);
    }
  draw_today (cr, context, year, today, left, right, bottom);
  cairo_set_source_rgb (cr, fg, fg, fg);
  draw_text (cr, context, _("⚠ overdue: hatched bar · ✓ done · ✕ cancelled: outlined bar"),
             MARGIN, bottom + ROW_HEIGHT / 2 + 4, width - 2 * MARGIN, FALSE);
}

static void
opora_program_timeline_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  OporaProgramTimeline *self = OPORA_PROGRAM_TIMELINE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->measures == NULL || width <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  opora_program_timeline_draw (cr, gtk_widget_get_pango_context (widget), self->year,
                               self->measures, self->today, width,
                               adw_style_manager_get_dark (adw_style_manager_get_default ()));
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
    *minimum = *natural = opora_program_timeline_height (self->measures ? self->measures->len : 0);
}

/**
 * opora_program_timeline_set_measures:
 * @measures: (element-type OporaMeasure): the measures; the widget keeps a reference
 *
 * Shows @measures of the school year @year, judged on @today.
 */
void
opora_program_timeline_set_measures (OporaProgramTimeline *self,
                                     int                   year,
                                     GPtrArray            *measures,
                                     const char           *today)
{
  g_return_if_fail (OPORA_IS_PROGRAM_TIMELINE (self));

  g_clear_pointer (&self->measures, g_ptr_array_unref);
  self->measures = measures ? g_ptr_array_ref (measures) : NULL;
  g_free (self->today);
  self->today = g_strdup (today);
  self->year = year;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
opora_program_timeline_finalize (GObject *object)
{
  OporaProgramTimeline *self = OPORA_PROGRAM_TIMELINE (object);

  g_clear_pointer (&self->measures, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);

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
