/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole dashboard on one A4 landscape page: cards, ranking, outcome, programs behind; to PDF or PNG. */

#include "opora-plot-dashboard.h"

#include "opora-error.h"
#include "opora-number.h"
#include "opora-plot-dashboard-private.h"
#include "opora-plot-layout.h"
#include "opora-plot-outcome.h"
#include "opora-plot-png.h"
#include "opora-program.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#define MARGIN   24.0
#define CARD_Y   66.0
#define CARD_H   96.0
#define GAP      10.0
#define LOWER_Y  (CARD_Y + CARD_H + 16.0)
#define BOTTOM   (OPORA_PLOT_DASHBOARD_HEIGHT - 26.0)
#define COLUMN   ((OPORA_PLOT_DASHBOARD_WIDTH - 2 * MARGIN - 24.0) / 2)

/* "2026-11-29" → "29.11.2026". */
static char *
date_text (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%02d.%02d.%04d", d, m, y);
}

static char *
signed_number (double value,
               int    decimals)
{
  g_autofree char *number = opora_number_format (value, decimals, OPORA_NUMBER_FORMAT_GROUP);

  return value > 0 && g_strcmp0 (number, "0") != 0 ? g_strconcat ("+", number, NULL) : g_steal_pointer (&number);
}

double
opora_plot_dashboard_heading (cairo_t      *cr,
                              PangoContext *pango,
                              const char   *text,
                              double        x,
                              double        y,
                              double        width)
{
  OporaPlotTextStyle style = { 11.0, TRUE, width, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };

  return opora_plot_text_show (cr, pango, text, &style, x, y);
}

static void
draw_header (const OporaDashboard *d,
             cairo_t              *cr,
             PangoContext         *pango)
{
  g_autofree char *now = opora_school_year_label (d->year);
  g_autofree char *then = opora_school_year_label (d->year - 1);
  g_autofree char *today = date_text (d->today);
  g_autofree char *title = g_strdup_printf (_("Dashboard of the school year %s"), now);
  g_autofree char *sub = g_strdup_printf (_("Compared with %s · as of %s"), then, today);
  OporaPlotTextStyle big = { 17.0, TRUE, OPORA_PLOT_DASHBOARD_WIDTH - 2 * MARGIN, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  OporaPlotTextStyle small = { 9.0, FALSE, OPORA_PLOT_DASHBOARD_WIDTH - 2 * MARGIN, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };

  opora_plot_text_show (cr, pango, title, &big, MARGIN, 18);
  opora_plot_text_show (cr, pango, sub, &small, MARGIN, 42);
}

static void
card_frame (cairo_t *cr,
            double   x,
            double   w)
{
  cairo_set_source_rgb (cr, 0.965, 0.970, 0.978);
  cairo_rectangle (cr, x, CARD_Y, w, CARD_H);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, x + 0.3, CARD_Y + 0.3, w - 0.6, CARD_H - 0.6);
  cairo_stroke (cr);
}

/* "▲ +2 · better", "▼ −2 · better", "= no change", "no comparison"; the arrow
 * and the word say it, the colour repeats it. */
static char *
change_text (const OporaFigure *f,
             OporaColor        *color)
{
  gboolean share = f->kind == OPORA_FIGURE_ON_TIME;
  g_autofree char *number = NULL;

  *color = DASH_MUTED;
  if (!isfinite (f->change))
    return g_strdup (_("no comparison"));
  if (fabs (f->change) < (share ? 0.05 : 0.5))
    return g_strdup (_("= no change"));
  number = signed_number (f->change, share ? 1 : 0);
  *color = opora_figure_is_good (f) ? DASH_GOOD : DASH_BAD;
  if (share)
    {
      g_autofree char *points = g_strdup_printf (_("%s pp"), number);
      return g_strdup_printf ("%s %s · %s", f->change > 0 ? "▲" : "▼", points,
                              opora_figure_is_good (f) ? _("better") : _("worse"));
    }
  return g_strdup_printf ("%s %s · %s", f->change > 0 ? "▲" : "▼", number,
                          opora_figure_is_good (f) ? _("better") : _("worse"));
}

static char *
value_text (const OporaFigure *f,
            double             value)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  number = opora_number_format (value, 0, OPORA_NUMBER_FORMAT_GROUP);
  return f->kind == OPORA_FIGURE_ON_TIME ? g_strconcat (number, " %", NULL) : g_steal_pointer (&number);
}

static void
draw_card (const OporaDashboard *d,
           const OporaFigure    *f,
           cairo_t              *cr,
           PangoContext         *pango,
           double                x,
           double                w)
{
  OporaColor color;
  g_autofree char *value = value_text (f, f->value);
  g_autofree char *previous = value_text (f, f->previous);
  g_autofree char *change = change_text (f, &color);
  g_autofree char *then = opora_school_year_label (d->year - 1);
  g_autofree char *before = g_strdup_printf (_("%s: %s"), then, previous);
  OporaPlotTextStyle label = { 8.0, FALSE, w - 16, 2, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  OporaPlotTextStyle big = { 22.0, TRUE, w - 16, 1, OPORA_PLOT_ALIGN_LEFT,
                             f->kind == OPORA_FIGURE_PROBLEM ? DASH_INK : DASH_INK };
  OporaPlotTextStyle delta = { 8.0, TRUE, w - 16, 1, OPORA_PLOT_ALIGN_LEFT, color };
  OporaPlotTextStyle small = { 7.5, FALSE, w - 16, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };

  card_frame (cr, x, w);
  if (f->kind == OPORA_FIGURE_PROBLEM)
    {
      /* The key efficiency figure (seed 003, 7.5): marked by a bar on its left. */
      cairo_set_source_rgb (cr, 0.000, 0.447, 0.698);
      cairo_rectangle (cr, x, CARD_Y, 3, CARD_H);
      cairo_fill (cr);
    }
  opora_plot_text_show (cr, pango, opora_figure_label (f->kind), &label, x + 8, CARD_Y + 7);
  opora_plot_text_show (cr, pango, value, &big, x + 8, CARD_Y + 32);
  opora_plot_text_show (cr, pango, change, &delta, x + 8, CARD_Y + 64);
  opora_plot_text_show (cr, pango, before, &small, x + 8, CARD_Y + 78);
}

static void
draw_levels_card (const OporaDashboard *d,
                  cairo_t              *cr,
                  PangoContext         *pango,
                  double                x,
                  double                w)
{
  OporaPlotTextStyle label = { 8.0, FALSE, w - 16, 2, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  OporaPlotTextStyle name = { 8.0, FALSE, w - 56, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  OporaPlotTextStyle count = { 8.0, TRUE, 40, 1, OPORA_PLOT_ALIGN_RIGHT, DASH_INK };
  double y = CARD_Y + 30;

  card_frame (cr, x, w);
  opora_plot_text_show (cr, pango, _("Mentors and tutors by level"), &label, x + 8, CARD_Y + 7);
  if (d->levels->len == 0)
    opora_plot_text_show (cr, pango, _("No evaluations yet"), &name, x + 8, y);
  /* Highest level first, as people read a result. */
  for (guint i = d->levels->len; i > 0 && y < CARD_Y + CARD_H - 12; i--, y += 14)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i - 1];
      int diff = (int) l->count - (int) l->previous;
      g_autofree char *text = diff == 0 ? g_strdup_printf ("%u", l->count)
                                        : g_strdup_printf ("%u %s%d", l->count, diff > 0 ? "▲" : "▼", ABS (diff));

      opora_plot_text_show (cr, pango, l->name, &name, x + 8, y);
      opora_plot_text_show (cr, pango, text, &count, x + w - 48, y);
    }
}

static void
draw_cards (const OporaDashboard *d,
            cairo_t              *cr,
            PangoContext         *pango)
{
  /* The levels' card is wider: their names are long words. */
  double levels_width = 168;
  double w = (OPORA_PLOT_DASHBOARD_WIDTH - 2 * MARGIN - OPORA_N_FIGURES * GAP - levels_width) / OPORA_N_FIGURES;

  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    draw_card (d, &d->figures[i], cr, pango, MARGIN + i * (w + GAP), w);
  draw_levels_card (d, cr, pango, MARGIN + OPORA_N_FIGURES * (w + GAP), levels_width);
}

static OporaPlotOutcome *
outcome_model (const OporaDashboard *d)
{
  OporaPlotOutcome *model = opora_plot_outcome_new (NULL, NULL);

  for (guint i = 0; i < d->outcome->len; i++)
    {
      const OporaDashboardOutcome *o = d->outcome->pdata[i];
      g_autofree char *name = o->name != NULL ? g_strdup (o->name) : g_strdup_printf (_("Cluster %d"), o->cluster);

      opora_plot_outcome_add_group (model, name, o->mean_supported, o->n_supported, o->mean_other, o->n_other,
                                    o->cluster == 0);
    }
  return model;
}

/* The overall numbers in words beside the chart. */
static double
draw_outcome_numbers (const OporaDashboard *d,
                      cairo_t              *cr,
                      PangoContext         *pango,
                      double                x,
                      double                y,
                      double                w)
{
  const OporaDashboardOutcome *all = opora_dashboard_overall (d);
  OporaPlotTextStyle style = { 8.0, FALSE, w, 3, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  g_autofree char *s = NULL, *o = NULL, *diff = NULL, *text = NULL;

  if (all == NULL)
    return 0;
  if (all->n_supported == 0 || all->n_other == 0)
    return opora_plot_text_show (cr, pango, _("No cluster has both supported and other schools with results in both "
                                              "years, so there is nothing alike to compare yet."), &style, x, y);
  s = signed_number (all->mean_supported, 2);
  o = signed_number (all->mean_other, 2);
  diff = signed_number (all->difference, 2);
  text = g_strdup_printf (_("Clusters with both: supported schools (%u) changed by %s on average, the others (%u) "
                            "by %s; difference %s."), all->n_supported, s, all->n_other, o, diff);
  return opora_plot_text_show (cr, pango, text, &style, x, y);
}

static double
draw_outcome (const OporaDashboard *d,
              cairo_t              *cr,
              PangoContext         *pango,
              double                x,
              double                y,
              double                w)
{
  g_autoptr(OporaPlotOutcome) model = outcome_model (d);
  g_autofree char *then = opora_school_year_label (d->year - 1);
  g_autofree char *now = opora_school_year_label (d->year);
  g_autofree char *sub = g_strdup_printf (_("Mean change of the results index, %s → %s, within each cluster"), then, now);
  OporaPlotTextStyle note = { 8.0, FALSE, w, 2, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  double top = y;

  y += opora_plot_dashboard_heading (cr, pango, _("Outcome of the support"), x, y, w);
  y += opora_plot_text_show (cr, pango, sub, &note, x, y + 1) + 6;
  if (d->outcome->len == 0)
    {
      y += opora_plot_text_show (cr, pango, _("Needs an analysis of this year and of the year before."),
                                 &note, x, y);
      return y - top + 8;
    }
  cairo_save (cr);
  cairo_translate (cr, x, y);
  opora_plot_outcome_render (model, cr, w, 182, 0.8);
  cairo_restore (cr);
  y += 186;
  y += draw_outcome_numbers (d, cr, pango, x, y, w);
  return y - top + 10;
}

static void
draw_behind (const OporaDashboard *d,
             cairo_t              *cr,
             PangoContext         *pango,
             double                x,
             double                y,
             double                w)
{
  OporaPlotTextStyle code = { 8.0, FALSE, 34, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  OporaPlotTextStyle name = { 8.0, FALSE, w - 130, 1, OPORA_PLOT_ALIGN_LEFT, DASH_INK };
  OporaPlotTextStyle count = { 8.0, TRUE, 90, 1, OPORA_PLOT_ALIGN_RIGHT, DASH_BAD };
  OporaPlotTextStyle note = { 8.0, FALSE, w, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };
  guint fit, shown;

  y += opora_plot_dashboard_heading (cr, pango, _("Programs behind schedule"), x, y, w) + 4;
  if (d->behind->len == 0)
    {
      opora_plot_text_show (cr, pango, _("No program has overdue measures."), &note, x, y);
      return;
    }
  fit = (guint) MAX ((BOTTOM - y) / 13, 1);
  shown = d->behind->len > fit ? fit - 1 : d->behind->len;
  for (guint i = 0; i < shown; i++, y += 13)
    {
      const OporaDashboardBehind *b = d->behind->pdata[i];
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "⚠ %u of %u overdue", "⚠ %u of %u overdue",
                                                            b->n_overdue), b->n_overdue, b->n_measures);

      opora_plot_text_show (cr, pango, b->school_code, &code, x, y);
      opora_plot_text_show (cr, pango, b->school_name, &name, x + 36, y);
      opora_plot_text_show (cr, pango, text, &count, x + w - 90, y);
    }
  if (shown < d->behind->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more: see the workbook",
                                                            "… and %u more: see the workbook",
                                                            d->behind->len - shown), d->behind->len - shown);
      opora_plot_text_show (cr, pango, more, &note, x, y);
    }
}

static void
draw_footer (const OporaDashboard *d,
             cairo_t              *cr,
             PangoContext         *pango)
{
  g_autofree char *today = date_text (d->today);
  g_autofree char *text = g_strdup_printf (_("Opora · measures judged overdue on %s · the lists behind each figure "
                                             "are in the workbook"), today);
  OporaPlotTextStyle style = { 7.0, FALSE, OPORA_PLOT_DASHBOARD_WIDTH - 2 * MARGIN, 1, OPORA_PLOT_ALIGN_LEFT, DASH_MUTED };

  opora_plot_text_show (cr, pango, text, &style, MARGIN, OPORA_PLOT_DASHBOARD_HEIGHT - 18);
}

/**
 * opora_plot_dashboard_render:
 * @dashboard: a computed dashboard
 * @cr: where to draw, in points from (0, 0): the page is
 *   %OPORA_PLOT_DASHBOARD_WIDTH × %OPORA_PLOT_DASHBOARD_HEIGHT
 *
 * Draws the page on a white background: the title, a card per key figure
 * (value, change with an arrow and "better" or "worse", the year before)
 * and one for the levels; the ranking on the left; the outcome chart with
 * its overall numbers and the programs behind on the right.
 */
void
opora_plot_dashboard_render (const OporaDashboard *dashboard,
                             cairo_t              *cr)
{
  g_autoptr(PangoContext) pango = opora_plot_pango_context_new ();
  OporaPlotRect ranking = { MARGIN, LOWER_Y, COLUMN, BOTTOM - LOWER_Y };
  double right = MARGIN + COLUMN + 24, y;

  g_return_if_fail (dashboard != NULL && cr != NULL);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_header (dashboard, cr, pango);
  draw_cards (dashboard, cr, pango);
  opora_plot_dashboard_ranking (dashboard, cr, pango, &ranking);
  y = LOWER_Y + draw_outcome (dashboard, cr, pango, right, LOWER_Y, COLUMN);
  draw_behind (dashboard, cr, pango, right, y, COLUMN);
  draw_footer (dashboard, cr, pango);
  cairo_restore (cr);
}

/* ---- Files ---- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
pdf_bytes (const OporaDashboard *d,
           cairo_status_t       *status)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autofree char *year = opora_school_year_label (d->year);
  g_autofree char *title = g_strdup_printf (_("Dashboard of the school year %s"), year);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, OPORA_PLOT_DASHBOARD_WIDTH,
                                                                  OPORA_PLOT_DASHBOARD_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Opora " PACKAGE_VERSION);
  opora_plot_dashboard_render (d, cr);
  *status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (*status == CAIRO_STATUS_SUCCESS)
    *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return *status == CAIRO_STATUS_SUCCESS ? g_byte_array_free_to_bytes (g_steal_pointer (&pdf)) : NULL;
}

/* Two pixels to the point: 1684 × 1190, 144 DPI. */
static GBytes *
png_bytes (const OporaDashboard *d,
           cairo_status_t       *status)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 2 * OPORA_PLOT_DASHBOARD_WIDTH,
                                                         2 * OPORA_PLOT_DASHBOARD_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GBytes *png = NULL;

  cairo_scale (cr, 2, 2);
  opora_plot_dashboard_render (d, cr);
  *status = cairo_status (cr);
  cairo_destroy (cr);
  if (*status == CAIRO_STATUS_SUCCESS && !(png = opora_plot_png_encode (surface, 144)))
    *status = CAIRO_STATUS_NO_MEMORY;
  cairo_surface_destroy (surface);
  return png;
}

/**
 * opora_plot_dashboard_export:
 * @dashboard: a computed dashboard
 * @path: a .pdf (one A4 landscape page) or .png (1684 × 1190) file
 *
 * Writes the file at once, so a failure leaves none half-written.
 *
 * Returns: %FALSE with @error set when the name ends otherwise or the file
 *   cannot be written
 */
gboolean
opora_plot_dashboard_export (const OporaDashboard  *dashboard,
                             const char            *path,
                             GError               **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  g_return_val_if_fail (dashboard != NULL && path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    bytes = pdf_bytes (dashboard, &status);
  else if (g_str_has_suffix (lower, ".png"))
    bytes = png_bytes (dashboard, &status);
  else
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” does not end in .pdf or .png; name the file by the format you want."), path);
      return FALSE;
    }
  if (bytes == NULL)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FAILED, _("The chart could not be drawn: %s."),
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("The chart could not be saved: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}
