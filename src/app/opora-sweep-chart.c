/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Choosing k" chart: a pure layout of the sweep, then a Cairo render of that layout. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "opora-analysis.h"
#include "opora-palette.h"
#include "opora-sweep-chart.h"

#define LINE_SERIES   0  /* Okabe–Ito blue */
#define CHOSEN_SERIES 3  /* vermillion */

/* Where things go, in pixels; computed from the sweep and the size only. */
typedef struct {
  double x0, x1;          /* the plot area, left to right */
  double y0, y1;          /* top to bottom */
  double lo, hi, step;    /* the silhouette axis and its tick step */
  guint  k_min, k_max;
  double x_title_y;       /* the top of the k axis's title */
  double pad;             /* between the axis and the first and last k */
  double text_height;     /* of a line of labels */
} Layout;

/* What the render needs from the widget: the theme's text and font. */
typedef struct {
  GdkRGBA                     fg;
  gboolean                    dark;
  const PangoFontDescription *font;
} Style;

struct _OporaSweepChart
{
  GtkDrawingArea  parent_instance;

  GArray         *sweep;     /* OporaSweepPoint, owned */
  guint           chosen_k;
};

G_DEFINE_FINAL_TYPE (OporaSweepChart, opora_sweep_chart, GTK_TYPE_DRAWING_AREA)

/* The axis runs over whole tenths and takes in 0: 0.16…0.47 → 0…0.5 by 0.1;
 * −0.12…0.3 → −0.2…0.3. */
static void
silhouette_axis (const OporaSweepPoint *points,
                 guint                  n,
                 Layout                *l)
{
  double lo = 0, hi = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (points[i].silhouette))
      {
        lo = MIN (lo, points[i].silhouette);
        hi = MAX (hi, points[i].silhouette);
      }
  l->lo = floor (lo * 10 + 1e-9) / 10;
  l->hi = ceil (hi * 10 - 1e-9) / 10;
  if (l->hi - l->lo < 0.1)
    l->hi = l->lo + 0.1;
  l->step = l->hi - l->lo > 0.6 ? 0.2 : 0.1;
}

/* @label_width and @label_height: the size of the widest tick label, "−0.5". */
static void
layout_compute (const OporaSweepPoint *points,
                guint                  n,
                double                 width,
                double                 height,
                double                 label_width,
                double                 label_height,
                Layout                *l)
{
  silhouette_axis (points, n, l);
  l->k_min = n > 0 ? points[0].k : 2;
  l->k_max = n > 0 ? points[n - 1].k : 8;
  l->x0 = label_width + 12;
  l->x1 = MAX (l->x0 + 1, width - 24);
  l->y0 = 1.5 * label_height + 8;
  l->y1 = MAX (l->y0 + 1, height - 2.5 * label_height - 8);
  l->x_title_y = l->y1 + 6 + 1.2 * label_height;
  l->pad = MIN (16, (l->x1 - l->x0) / 4);
  l->text_height = label_height;
}

static double
x_of (const Layout *l,
      guint         k)
{
  if (l->k_max == l->k_min)
    return (l->x0 + l->x1) / 2;
  return l->x0 + l->pad + (double) (k - l->k_min) / (l->k_max - l->k_min) * (l->x1 - l->x0 - 2 * l->pad);
}

static double
y_of (const Layout *l,
      double        silhouette)
{
  return l->y1 - (silhouette - l->lo) / (l->hi - l->lo) * (l->y1 - l->y0);
}

static void
set_color (cairo_t    *cr,
           OporaColor  color)
{
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
}

/* Draws @text with its (@ax, @ay) anchor (0…1 of its box) at (@x, @y). */
static void
draw_text (cairo_t     *cr,
           const Style *style,
           const char  *text,
           double       x,
           double       y,
           double       ax,
           double       ay)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  int w, h;

  pango_layout_set_font_description (layout, style->font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - ax * w), round (y - ay * h));
  pango_cairo_show_layout (cr, layout);
}

static void
render_axes (cairo_t      *cr,
             const Layout *l,
             const Style  *style)
{
  cairo_set_line_width (cr, 1);
  for (double v = l->lo; v <= l->hi + 1e-9; v += l->step)
    {
      g_autofree char *label = g_strdup_printf ("%.1f", fabs (v) < 1e-9 ? 0.0 : v);
      double y = round (y_of (l, v)) + 0.5;

      cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue, 0.15);
      cairo_move_to (cr, l->x0, y);
      cairo_line_to (cr, l->x1, y);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &style->fg);
      draw_text (cr, style, label, l->x0 - 6, y, 1, 0.5);
    }
  for (guint k = l->k_min; k <= l->k_max; k++)
    {
      g_autofree char *label = g_strdup_printf ("%u", k);
      draw_text (cr, style, label, x_of (l, k), l->y1 + 4, 0.5, 0);
    }
  cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue, 0.6);
  cairo_move_to (cr, l->x0 + 0.5, l->y0);
  cairo_line_to (cr, l->x0 + 0.5, l->y1 + 0.5);
  cairo_line_to (cr, l->x1, l->y1 + 0.5);
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &style->fg);
  /* Translators: the vertical axis of the "Choosing k" chart. */
  draw_text (cr, style, _("Silhouette"), 0, 0, 0, 0);
  /* Translators: the horizontal axis of the "Choosing k" chart. */
  draw_text (cr, style, _("k, the number of clusters"), (l->x0 + l->x1) / 2, l->x_title_y, 0.5, 0);
}

static void
render_diamond (cairo_t *cr,
                double   x,
                double   y,
                double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

static void
render_series (cairo_t               *cr,
               const Layout          *l,
               const Style           *style,
               const OporaSweepPoint *points,
               guint                  n,
               guint                  chosen_k)
{
  gboolean started = FALSE;

  set_color (cr, opora_palette_color (LINE_SERIES, style->dark));
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    if (!isnan (points[i].silhouette))
      {
        if (started)
          cairo_line_to (cr, x_of (l, points[i].k), y_of (l, points[i].silhouette));
        else
          cairo_move_to (cr, x_of (l, points[i].k), y_of (l, points[i].silhouette));
        started = TRUE;
      }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double x = x_of (l, points[i].k), y = y_of (l, points[i].silhouette);

      if (isnan (points[i].silhouette))
        continue;
      if (points[i].k == chosen_k)
        {
          g_autofree char *label = g_strdup_printf (_("k = %u"), chosen_k);

          render_diamond (cr, x, y, 8);
          set_color (cr, opora_palette_color (CHOSEN_SERIES, style->dark));
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, &style->fg);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          /* Above the marker, clear of the line, unless that leaves the chart. */
          if (y - 10 - l->text_height >= 0)
            draw_text (cr, style, label, x + 10, y - 10, 0, 1);
          else
            draw_text (cr, style, label, x + 12, y + 10, 0, 0);
          set_color (cr, opora_palette_color (LINE_SERIES, style->dark));
        }
      else
        {
          cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  OporaSweepChart *self = OPORA_SWEEP_CHART (area);
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "−0.5");
  const OporaSweepPoint *points = (const OporaSweepPoint *) self->sweep->data;
  Style style;
  Layout layout;
  int label_width, label_height;

  if (self->sweep->len == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &style.fg);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  pango_layout_get_pixel_size (probe, &label_width, &label_height);
  layout_compute (points, self->sweep->len, width, height, label_width, label_height, &layout);
  render_axes (cr, &layout, &style);
  render_series (cr, &layout, &style, points, self->sweep->len, self->chosen_k);
}

static void
update_label (OporaSweepChart *self)
{
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->sweep->len; i++)
    {
      OporaSweepPoint *p = &g_array_index (self->sweep, OporaSweepPoint, i);
      if (p->k == self->chosen_k)
        label = g_strdup_printf (_("Silhouette against the number of clusters k; k = %u is chosen, with a silhouette of %.3f"),
                                 p->k, p->silhouette);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Silhouette against the number of clusters k"), -1);
}

/**
 * opora_sweep_chart_set_sweep:
 * @self: the chart
 * @sweep: (element-type OporaSweepPoint): the silhouette of each k, k ascending; copied
 * @chosen_k: the k the analysis used, marked with a diamond
 */
void
opora_sweep_chart_set_sweep (OporaSweepChart *self,
                             GArray          *sweep,
                             guint            chosen_k)
{
  g_return_if_fail (OPORA_IS_SWEEP_CHART (self));
  g_return_if_fail (sweep != NULL);

  g_array_set_size (self->sweep, 0);
  g_array_append_vals (self->sweep, sweep->data, sweep->len);
  self->chosen_k = chosen_k;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
opora_sweep_chart_finalize (GObject *object)
{
  OporaSweepChart *self = (OporaSweepChart *) object;

  g_clear_pointer (&self->sweep, g_array_unref);

  G_OBJECT_CLASS (opora_sweep_chart_parent_class)->finalize (object);
}

static void
opora_sweep_chart_class_init (OporaSweepChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_sweep_chart_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
opora_sweep_chart_init (OporaSweepChart *self)
{
  self->sweep = g_array_new (FALSE, FALSE, sizeof (OporaSweepPoint));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 360);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 240);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  update_label (self);
}
