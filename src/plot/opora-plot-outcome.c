/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outcome chart: per cluster, the mean change of supported schools beside the others', on any cairo_t. */

#include "opora-plot-outcome.h"

#include "opora-number.h"
#include "opora-plot-layout.h"
#include "opora-plot-text.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define FONT      10.0   /* at scale 1 */
#define LEGEND    18.0
#define AXIS      44.0
#define CAPTION   54.0

/* Okabe–Ito: supported bars blue and solid, the others orange and hatched. */
static const OporaColor supported_color = { 0.000, 0.447, 0.698 };
static const OporaColor other_color = { 0.902, 0.624, 0.000 };
static const OporaColor other_edge = { 0.600, 0.400, 0.000 };
static const OporaColor ink = { 0.15, 0.15, 0.15 };
static const OporaColor muted = { 0.40, 0.40, 0.40 };

static void
group_clear (OporaPlotOutcomeGroup *group)
{
  g_clear_pointer (&group->name, g_free);
}

/**
 * opora_plot_outcome_new:
 * @supported_label: (nullable): the legend's words for the supported schools' bars
 * @other_label: (nullable): for the others'
 *
 * Returns: (transfer full): a chart without groups
 */
OporaPlotOutcome *
opora_plot_outcome_new (const char *supported_label,
                        const char *other_label)
{
  OporaPlotOutcome *model = g_new0 (OporaPlotOutcome, 1);

  model->supported_label = g_strdup (supported_label ? supported_label : _("Supported schools"));
  model->other_label = g_strdup (other_label ? other_label : _("Other schools of the cluster"));
  model->groups = g_array_new (FALSE, TRUE, sizeof (OporaPlotOutcomeGroup));
  g_array_set_clear_func (model->groups, (GDestroyNotify) group_clear);
  return model;
}

void
opora_plot_outcome_free (OporaPlotOutcome *model)
{
  if (model == NULL)
    return;
  g_array_unref (model->groups);
  g_free (model->supported_label);
  g_free (model->other_label);
  g_free (model);
}

void
opora_plot_outcome_add_group (OporaPlotOutcome *model,
                              const char       *name,
                              double            supported,
                              guint             n_supported,
                              double            other,
                              guint             n_other,
                              gboolean          overall)
{
  OporaPlotOutcomeGroup group = { g_strdup (name ? name : ""), supported, other, n_supported, n_other, overall };

  g_return_if_fail (model != NULL);
  g_array_append_val (model->groups, group);
}

/* ---- Layout ---- */

/* The values' range with zero in it and room for the labels beyond the
 * bars: {0.35, −0.15} → −0.25 … 0.45. */
static void
value_range (const OporaPlotOutcome *model,
             double                 *lo,
             double                 *hi)
{
  double span;

  *lo = *hi = 0;
  for (guint i = 0; i < model->groups->len; i++)
    {
      const OporaPlotOutcomeGroup *g = &g_array_index (model->groups, OporaPlotOutcomeGroup, i);
      double v[] = { g->supported, g->other };

      for (guint j = 0; j < 2; j++)
        if (isfinite (v[j]))
          {
            *lo = MIN (*lo, v[j]);
            *hi = MAX (*hi, v[j]);
          }
    }
  span = *hi - *lo > 0 ? *hi - *lo : 0.1;
  *hi += span * (*hi > 0 ? 0.2 : 0.08);
  *lo -= span * (*lo < 0 ? 0.2 : 0.08);
}

double
opora_plot_outcome_value_to_y (const OporaPlotOutcomeLayout *layout,
                               double                        value)
{
  return layout->plot.y + (layout->v_max - value) / (layout->v_max - layout->v_min) * layout->plot.height;
}

static OporaPlotRect
bar_rect (const OporaPlotOutcomeLayout *layout,
          double                        x,
          double                        width,
          double                        value)
{
  double top, bottom;

  if (!isfinite (value))
    return (OporaPlotRect) { x, layout->zero_y, width, 0 };
  top = opora_plot_outcome_value_to_y (layout, MAX (value, 0));
  bottom = opora_plot_outcome_value_to_y (layout, MIN (value, 0));
  /* A change of zero still shows as a hairline. */
  return (OporaPlotRect) { x, top, width, MAX (bottom - top, 1 * layout->scale) };
}

/**
 * opora_plot_outcome_layout_new:
 * @model: the chart; keep it unchanged while the layout lives
 * @width: the box's width
 * @height: its height
 * @scale: of text and lines: 1 on screen
 *
 * Places the legend on top, the value axis on the left, the groups' names
 * below, and two bars per group, centred in equal slots.
 *
 * Returns: (transfer full): the layout
 */
OporaPlotOutcomeLayout *
opora_plot_outcome_layout_new (const OporaPlotOutcome *model,
                               double                  width,
                               double                  height,
                               double                  scale)
{
  OporaPlotOutcomeLayout *layout = g_new0 (OporaPlotOutcomeLayout, 1);
  double s = scale > 0 ? scale : 1, bar_width;
  guint n;

  g_return_val_if_fail (model != NULL, layout);
  n = model->groups->len;
  layout->model = model;
  layout->width = width;
  layout->height = height;
  layout->scale = s;
  layout->plot = (OporaPlotRect) { AXIS * s, (LEGEND + 10) * s, MAX (width - (AXIS + 4) * s, 1),
                                   MAX (height - (LEGEND + 10 + CAPTION) * s, 1) };
  value_range (model, &layout->v_min, &layout->v_max);
  layout->zero_y = opora_plot_outcome_value_to_y (layout, 0);
  layout->group_width = layout->plot.width / MAX (n, 1);
  bar_width = MIN (layout->group_width * 0.3, 44 * s);
  layout->bars = g_new0 (OporaPlotRect, 2 * MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const OporaPlotOutcomeGroup *g = &g_array_index (model->groups, OporaPlotOutcomeGroup, i);
      double centre = layout->plot.x + (i + 0.5) * layout->group_width;

      layout->bars[2 * i] = bar_rect (layout, centre - bar_width - 2 * s, bar_width, g->supported);
      layout->bars[2 * i + 1] = bar_rect (layout, centre + 2 * s, bar_width, g->other);
    }
  return layout;
}

void
opora_plot_outcome_layout_free (OporaPlotOutcomeLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->bars);
  g_free (layout);
}

/* ---- Drawing ---- */

static void
set_color (cairo_t    *cr,
           OporaColor  c)
{
  cairo_set_source_rgb (cr, c.red, c.green, c.blue);
}

/* Orange with white diagonals and a dark edge, so it differs from the
 * supported bars without its colour. */
static void
fill_other (cairo_t             *cr,
            const OporaPlotRect *r,
            double               s)
{
  set_color (cr, other_color);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.6 * s);
  for (double d = r->x - r->height; d < r->x + r->width; d += 6 * s)
    {
      cairo_move_to (cr, d, r->y + r->height);
      cairo_line_to (cr, d + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  set_color (cr, other_edge);
  cairo_set_line_width (cr, 1 * s);
  cairo_rectangle (cr, r->x + 0.5 * s, r->y + 0.5 * s, r->width - s, MAX (r->height - s, 0));
  cairo_stroke (cr);
}

static void
fill_bar (cairo_t             *cr,
          const OporaPlotRect *r,
          gboolean             supported,
          double               s)
{
  if (!supported)
    {
      fill_other (cr, r, s);
      return;
    }
  set_color (cr, supported_color);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);
}

static char *
signed_text (double value,
             int    decimals)
{
  g_autofree char *number = opora_number_format (value, decimals, OPORA_NUMBER_FORMAT_GROUP);

  return isfinite (value) && value > 0 && g_strcmp0 (number, "0") != 0 ? g_strconcat ("+", number, NULL)
                                                                       : g_steal_pointer (&number);
}

static void
draw_axis (const OporaPlotOutcomeLayout *layout,
           cairo_t                      *cr,
           PangoContext                 *pango)
{
  double s = layout->scale;
  OporaPlotTextStyle style = { FONT * 0.9 * s, FALSE, (AXIS - 8) * s, 1, OPORA_PLOT_ALIGN_RIGHT, muted };
  OporaPlotTicks ticks;

  opora_plot_ticks_compute (layout->v_min, layout->v_max, 5, &ticks);
  for (guint i = 0; i < ticks.n; i++)
    {
      double y = opora_plot_outcome_value_to_y (layout, ticks.values[i]);
      g_autofree char *label = signed_text (ticks.values[i], ticks.decimals);

      if (y < layout->plot.y - 0.5 || y > layout->plot.y + layout->plot.height + 0.5)
        continue;
      cairo_set_source_rgba (cr, 0, 0, 0, 0.10);
      cairo_rectangle (cr, layout->plot.x, y - 0.25 * s, layout->plot.width, 0.5 * s);
      cairo_fill (cr);
      opora_plot_text_show (cr, pango, label, &style, 0, y - FONT * 0.6 * s);
    }
  set_color (cr, ink);
  cairo_rectangle (cr, layout->plot.x, layout->zero_y - 0.6 * s, layout->plot.width, 1.2 * s);
  cairo_fill (cr);
}

static void
draw_legend (const OporaPlotOutcomeLayout *layout,
             cairo_t                      *cr,
             PangoContext                 *pango)
{
  double s = layout->scale, x = layout->plot.x;
  const char *labels[] = { layout->model->supported_label, layout->model->other_label };

  for (guint i = 0; i < 2; i++)
    {
      OporaPlotRect swatch = { x, 3 * s, 16 * s, 11 * s };
      OporaPlotTextStyle style = { FONT * s, FALSE, -1, 1, OPORA_PLOT_ALIGN_LEFT, ink };
      g_autoptr(PangoLayout) text = opora_plot_text_new (pango, labels[i], &style);

      fill_bar (cr, &swatch, i == 0, s);
      opora_plot_text_show (cr, pango, labels[i], &style, x + 21 * s, 1 * s);
      x += 21 * s + opora_plot_text_width (text) + 18 * s;
    }
}

static void
draw_value (const OporaPlotOutcomeLayout *layout,
            cairo_t                      *cr,
            PangoContext                 *pango,
            const OporaPlotRect          *bar,
            double                        value)
{
  double s = layout->scale;
  g_autofree char *text = signed_text (value, 2);
  OporaPlotTextStyle style = { FONT * 0.9 * s, TRUE, bar->width + 24 * s, 1, OPORA_PLOT_ALIGN_CENTER, ink };
  double line = FONT * 1.25 * s;
  double y = !isfinite (value) || value >= 0 ? bar->y - line - 1 * s : bar->y + bar->height + 1 * s;

  opora_plot_text_show (cr, pango, text, &style, bar->x - 12 * s, y);
}

static void
draw_caption (const OporaPlotOutcomeLayout *layout,
              cairo_t                      *cr,
              PangoContext                 *pango,
              guint                         i)
{
  const OporaPlotOutcomeGroup *g = &g_array_index (layout->model->groups, OporaPlotOutcomeGroup, i);
  double s = layout->scale, x = layout->plot.x + i * layout->group_width + 3 * s;
  double y = layout->plot.y + layout->plot.height + 5 * s;
  OporaPlotTextStyle name = { FONT * 0.9 * s, g->overall, layout->group_width - 6 * s, 3, OPORA_PLOT_ALIGN_CENTER, ink };
  OporaPlotTextStyle count = { FONT * 0.8 * s, FALSE, layout->group_width - 6 * s, 1, OPORA_PLOT_ALIGN_CENTER, muted };
  g_autofree char *counts = g_strdup_printf (_("schools: %u and %u"), g->n_supported, g->n_other);

  y += opora_plot_text_show (cr, pango, g->name, &name, x, y);
  opora_plot_text_show (cr, pango, counts, &count, x, y + 1 * s);
}

/* A dashed line before the overall group, which is not one more cluster. */
static void
draw_separator (const OporaPlotOutcomeLayout *layout,
                cairo_t                      *cr,
                guint                         i)
{
  double s = layout->scale, x = layout->plot.x + i * layout->group_width;
  double dash[] = { 3 * s, 3 * s };

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1 * s);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, x, layout->plot.y);
  cairo_line_to (cr, x, layout->plot.y + layout->plot.height + CAPTION * s);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
layout_draw (const OporaPlotOutcomeLayout *layout,
             cairo_t                      *cr)
{
  g_autoptr(PangoContext) pango = opora_plot_pango_context_new ();
  const OporaPlotOutcome *model = layout->model;

  draw_legend (layout, cr, pango);
  draw_axis (layout, cr, pango);
  for (guint i = 0; i < model->groups->len; i++)
    {
      const OporaPlotOutcomeGroup *g = &g_array_index (model->groups, OporaPlotOutcomeGroup, i);

      if (g->overall && i > 0)
        draw_separator (layout, cr, i);
      if (isfinite (g->supported))
        fill_bar (cr, &layout->bars[2 * i], TRUE, layout->scale);
      if (isfinite (g->other))
        fill_bar (cr, &layout->bars[2 * i + 1], FALSE, layout->scale);
      draw_value (layout, cr, pango, &layout->bars[2 * i], g->supported);
      draw_value (layout, cr, pango, &layout->bars[2 * i + 1], g->other);
      draw_caption (layout, cr, pango, i);
    }
}

/**
 * opora_plot_outcome_render:
 * @model: the chart
 * @cr: where to draw, from (0, 0)
 * @width: the box's width
 * @height: its height
 * @scale: of text and lines: 1 on screen, in pixels; 0.75 on a PDF page in points
 *
 * Draws the legend, the value axis with its zero line, the paired bars
 * with their signed values (a dash for a group without schools), and each
 * group's name with its numbers of schools. Leaves @cr as it was.
 */
void
opora_plot_outcome_render (const OporaPlotOutcome *model,
                           cairo_t                *cr,
                           double                  width,
                           double                  height,
                           double                  scale)
{
  g_autoptr(OporaPlotOutcomeLayout) layout = NULL;

  g_return_if_fail (model != NULL && cr != NULL);
  layout = opora_plot_outcome_layout_new (model, width, height, scale);
  cairo_save (cr);
  layout_draw (layout, cr);
  cairo_restore (cr);
}
