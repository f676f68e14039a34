/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A sparkline of yearly totals on any cairo_t: for the dashboard's ranking on screen and on paper. */

#include <math.h>

#include "opora-dashboard.h"
#include "opora-plot-sparkline.h"

/**
 * opora_plot_sparkline_render:
 * @history: (element-type OporaDashboardPoint): the totals, ascending years
 * @max_total: the scale's top (the rubric's maximum); below 0 for the largest total
 *
 * Draws the totals from 0 (the box's bottom, a faint base line) to @max_total (its
 * top) as a line with a dot per year, the last year's dot larger, in the colour given.
 */
void
opora_plot_sparkline_render (cairo_t *cr,
                             GArray  *history,
                             double   max_total,
                             double   x,
                             double   y,
                             double   width,
                             double   height,
                             double   red,
                             double   green,
                             double   blue)
{
  double top = MAX (max_total, 0);
  guint n = history->len;

  for (guint i = 0; i < n; i++)
    top = MAX (top, g_array_index (history, OporaDashboardPoint, i).total);
  if (n == 0 || top <= 0)
    return;
  cairo_save (cr);
  cairo_set_source_rgba (cr, red, green, blue, 0.2);
  cairo_rectangle (cr, x, y + height, width, 0.75);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, red, green, blue);
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const OporaDashboardPoint *p = &g_array_index (history, OporaDashboardPoint, i);
      double px = n > 1 ? x + width * i / (n - 1) : x + width / 2, py = y + height * (1 - p->total / top);

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const OporaDashboardPoint *p = &g_array_index (history, OporaDashboardPoint, i);
      double px = n > 1 ? x + width * i / (n - 1) : x + width / 2, py = y + height * (1 - p->total / top);

      cairo_arc (cr, px, py, i + 1 == n ? 2.2 : 1.4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
