/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard page's ranking of mentors and tutors: totals, level badges and each one's totals over the years. */

#include "opora-number.h"
#include "opora-plot-dashboard-private.h"
#include "opora-plot-sparkline.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define ROW   16.5
#define TEXT  8.0

/* The columns: No., name, role, total, level, sparkline; widths as shares of the box. */
static const double column_share[] = { 0.05, 0.35, 0.11, 0.10, 0.25, 0.14 };

static void
columns (const OporaPlotRect *box,
         double               x[7])
{
  x[0] = box->x;
  for (guint i = 0; i < 6; i++)
    x[i + 1] = x[i] + column_share[i] * box->width;
}

static void
draw_header (cairo_t             *cr,
             PangoContext        *pango,
             const double         x[7],
             double               y)
{
  const char *titles[] = { _("No."), _("Full name"), _("Role"), _("Total"), _("Level"), _("By year") };

  for (guint i = 0; i < 6; i++)
    {
      OporaPlotTextStyle style = { 7.0, FALSE, x[i + 1] - x[i] - 4, 1,
                                   i == 0 || i == 3 ? OPORA_PLOT_ALIGN_RIGHT : OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
      opora_plot_text_show (cr, pango, titles[i], &style, x[i], y);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x[0], y + 11.5, x[6] - x[0], 0.6);
  cairo_fill (cr);
}

/* Light fills from the lowest level (vermilion) through yellow to the highest (green). */
static OporaColor
badge_color (int   level,
             guint n_levels)
{
  static const OporaColor low = { 0.98, 0.85, 0.78 }, mid = { 0.99, 0.93, 0.74 }, high = { 0.80, 0.92, 0.86 };
  double t = n_levels > 1 ? (double) level / (n_levels - 1) : 1;

  return t < 0.34 ? low : t < 0.67 ? mid : high;
}

static void
rounded (cairo_t *cr,
         double   x,
         double   y,
         double   w,
         double   h,
         double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The level's name on a pale badge: the words carry it, the fill only helps. */
static void
draw_badge (cairo_t                  *cr,
            PangoContext             *pango,
            const OporaDashboardRank *r,
            double                    x,
            double                    y,
            double                    width)
{
  OporaPlotTextStyle style = { 7.0, FALSE, width - 10, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  g_autoptr(PangoLayout) text = NULL;
  OporaColor fill;
  double w;

  if (r->level < 0 || r->level_name == NULL)
    {
      opora_plot_text_show (cr, pango, "—", &style, x, y);
      return;
    }
  text = opora_plot_text_new (pango, r->level_name, &style);
  w = MIN (opora_plot_text_width (text) + 10, width - 4);
  fill = badge_color (r->level, r->n_levels);
  cairo_set_source_rgb (cr, fill.red, fill.green, fill.blue);
  rounded (cr, x, y - 1.5, w, 12, 4);
  cairo_fill (cr);
  opora_plot_text_show (cr, pango, r->level_name, &style, x + 5, y);
}

static void
draw_row (cairo_t                  *cr,
          PangoContext             *pango,
          const double              x[7],
          double                    y,
          guint                     number,
          const OporaDashboardRank *r)
{
  g_autofree char *no = g_strdup_printf ("%u", number);
  g_autofree char *total_number = opora_number_format (r->total, r->total == floor (r->total) ? 0 : 1,
                                                       OPORA_NUMBER_FORMAT_GROUP);
  g_autofree char *max_number = opora_number_format (r->max_total, 0, OPORA_NUMBER_FORMAT_GROUP);
  g_autofree char *total = r->max_total > 0 ? g_strdup_printf ("%s / %s", total_number, max_number)
                                            : g_strdup (total_number);
  OporaPlotTextStyle right = { TEXT, FALSE, x[1] - x[0] - 4, 1, OPORA_PLOT_ALIGN_RIGHT, DASH_MUTED };
  OporaPlotTextStyle name = { TEXT, FALSE, x[2] - x[1] - 6, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  OporaPlotTextStyle role = { TEXT, FALSE, x[3] - x[2] - 4, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  OporaPlotTextStyle score = { TEXT, TRUE, x[4] - x[3] - 4, 1, OPORA_PLOT_ALIGN_RIGHT, DASH_INK };

  opora_plot_text_show (cr, pango, no, &right, x[0], y);
  opora_plot_text_show (cr, pango, r->name, &name, x[1] + 2, y);
  opora_plot_text_show (cr, pango, opora_role_label (r->role), &role, x[2], y);
  opora_plot_text_show (cr, pango, total, &score, x[3], y);
  draw_badge (cr, pango, r, x[4] + 8, y, x[5] - x[4] - 8);
  /* The person's totals over the years, from 0 to the rubric's maximum. */
  opora_plot_sparkline_render (cr, r->history, r->max_total, x[5] + 4, y, x[6] - x[5] - 10, 9, 0.000, 0.447, 0.698);
}

/**
 * opora_plot_dashboard_ranking:
 * @dashboard: the dashboard
 * @cr: the page
 * @pango: its text context
 * @box: where the table goes, heading included
 *
 * The heading, then as many rows of the ranking as fit, the rest counted
 * in a last line.
 */
void
opora_plot_dashboard_ranking (const OporaDashboard *d,
                              cairo_t              *cr,
                              PangoContext         *pango,
                              const OporaPlotRect  *box)
{
  OporaPlotTextStyle note = { TEXT, FALSE, box->width, 2, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  double y = box->y + opora_plot_dashboard_heading (cr, pango, _("Mentors and tutors ranked by their total"),
                                                    box->x, box->y, box->width) + 6;
  guint fit = (guint) MAX ((box->y + box->height - y - 14) / ROW, 1);
  guint shown = d->ranking->len > fit ? fit - 1 : d->ranking->len;
  double x[7];

  if (d->ranking->len == 0)
    {
      opora_plot_text_show (cr, pango, _("No mentor or tutor has a complete evaluation for this year yet."),
                            &note, box->x, y);
      return;
    }
  columns (box, x);
  draw_header (cr, pango, x, y);
  y += 16;
  for (guint i = 0; i < shown; i++, y += ROW)
    {
      if (i % 2 == 1)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.035);
          cairo_rectangle (cr, box->x, y - 3, box->width, ROW);
          cairo_fill (cr);
        }
      draw_row (cr, pango, x, y, i + 1, d->ranking->pdata[i]);
    }
  if (shown < d->ranking->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more: see the workbook",
                                                            "… and %u more: see the workbook",
                                                            d->ranking->len - shown), d->ranking->len - shown);
      opora_plot_text_show (cr, pango, more, &note, box->x + 4, y);
    }
}
