/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout pass: from a model and a size to every box and position the renderer draws. */

#include "opora-plot-layout.h"

#include "opora-number.h"
#include "opora-plot-labels.h"
#include "opora-plot-markers.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define FONT_FAMILY  "Cantarell,DejaVu Sans,sans-serif"
#define PAD          16.0  /* around the chart */
#define TICK_LENGTH  5.0
#define MAX_LABELS   150

/* Sizes in logical pixels at scale 1. */
static const struct {
  double   size;
  gboolean bold;
} fonts[] = {
  [OPORA_PLOT_TEXT_TITLE]      = { 20, TRUE },
  [OPORA_PLOT_TEXT_SUBTITLE]   = { 14, FALSE },
  [OPORA_PLOT_TEXT_LEGEND]     = { 13, FALSE },
  [OPORA_PLOT_TEXT_AXIS_TITLE] = { 13, FALSE },
  [OPORA_PLOT_TEXT_TICK]       = { 12, FALSE },
  [OPORA_PLOT_TEXT_QUADRANT]   = { 12, TRUE },
  [OPORA_PLOT_TEXT_LABEL]      = { 11.5, FALSE },
  [OPORA_PLOT_TEXT_SOURCE]     = { 11, FALSE },
};

/**
 * opora_plot_pango_context_new:
 *
 * A context for the chart's text that measures the same on every surface:
 * unhinted metrics and unrounded glyph positions, so a PNG, a PDF and the
 * window break and place text alike.
 *
 * Returns: (transfer full): the context
 */
PangoContext *
opora_plot_pango_context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_get_default ());
  cairo_font_options_destroy (options);
  return context;
}

static PangoLayout *
make_text (OporaPlotLayout   *layout,
           OporaPlotTextRole  role,
           const char        *text,
           double             max_width)
{
  PangoLayout *pl = pango_layout_new (layout->pango);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, fonts[role].size * layout->scale * PANGO_SCALE);
  pango_font_description_set_weight (font, fonts[role].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, font);
  pango_font_description_free (font);
  pango_layout_set_single_paragraph_mode (pl, TRUE);
  pango_layout_set_text (pl, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (pl, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    }
  return pl;
}

static void
text_size (PangoLayout *pl,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Adds a text with its top-left corner at (@x, @y); returns its index. */
static guint
add_text (OporaPlotLayout   *layout,
          OporaPlotTextRole  role,
          const char        *text,
          double             max_width,
          double             x,
          double             y)
{
  OporaPlotText t = { make_text (layout, role, text, max_width), { x, y, 0, 0 }, FALSE, FALSE, role, 0 };

  text_size (t.layout, &t.box.width, &t.box.height);
  g_array_append_val (layout->texts, t);
  return layout->texts->len - 1;
}

static OporaPlotText *
text_at (OporaPlotLayout *layout,
         guint            index)
{
  return &g_array_index (layout->texts, OporaPlotText, index);
}

static void
text_clear (OporaPlotText *text)
{
  g_clear_object (&text->layout);
}

static double
line_height (OporaPlotLayout   *layout,
             OporaPlotTextRole  role)
{
  g_autoptr(PangoLayout) pl = make_text (layout, role, "0", 0);
  double width, height;

  text_size (pl, &width, &height);
  return height;
}

/* ---- The header: title, subtitle and the legend ---- */

typedef struct {
  OporaPlotKeyKind kind;
  guint            palette_index;
  double           radius;
  double           value;
  char            *text;
} KeyItem;

static void
key_item_clear (KeyItem *item)
{
  g_free (item->text);
}

static void
add_key_item (GArray           *items,
              OporaPlotKeyKind  kind,
              guint             palette_index,
              double            radius,
              char             *text)
{
  KeyItem item = { kind, palette_index, radius, 0, text };

  g_array_append_val (items, item);
}

static double
largest_size (const OporaPlotModel *model)
{
  double largest = 0;

  for (guint i = 0; i < model->points->len; i++)
    {
      double size = g_array_index (model->points, OporaPlotPoint, i).size;
      if (isfinite (size))
        largest = MAX (largest, size);
    }
  return largest;
}

/* The largest marker a size may get; the legend keeps room for it. */
static double
largest_radius (const OporaPlotLayout *layout)
{
  return 15 * layout->scale;
}

/* The largest of 1, 2 or 5 × 10ⁿ not above @v: 1234 → 1000, 480 → 200. */
static double
nice_floor (double v)
{
  double magnitude = pow (10, floor (log10 (v)));
  double fraction = v / magnitude;

  return (fraction >= 5 ? 5 : fraction >= 2 ? 2 : 1) * magnitude;
}

/* Two sizes for the key: a round number near the largest and a quarter of it. */
static void
add_size_keys (OporaPlotLayout *layout,
               GArray          *items)
{
  const OporaPlotModel *model = layout->model;
  double largest = largest_size (model), big, small;

  if (!model->options.size_by_value || largest <= 0)
    return;
  big = nice_floor (largest);
  small = nice_floor (big / 4);
  for (guint i = 0; i < 2; i++)
    {
      double value = i == 0 ? small : big;
      g_autofree char *number = opora_number_format (value, 0, OPORA_NUMBER_FORMAT_GROUP);
      KeyItem item = { OPORA_PLOT_KEY_SIZE, 0, largest_radius (layout), value,
                       /* TRANSLATORS: the size key: "pupils: 1000". */
                       g_strdup_printf (_("%s: %s"), model->size_title ? model->size_title : "", number) };

      g_array_append_val (items, item);
    }
}

static guint
count_flag (const OporaPlotModel *model,
            guint                 flag)
{
  guint n = 0;

  for (guint i = 0; i < model->points->len; i++)
    n += (g_array_index (model->points, OporaPlotPoint, i).flags & flag) != 0;
  return n;
}

static gboolean
has_previous (const OporaPlotModel *model)
{
  for (guint i = 0; i < model->points->len; i++)
    if (isfinite (g_array_index (model->points, OporaPlotPoint, i).prev_x))
      return TRUE;
  return FALSE;
}

/* The legend's entries: one per series with points, then what the extra
 * marks mean, then the size key. */
static GArray *
key_items (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (KeyItem));
  double r = 5.5 * layout->scale;
  guint n;

  g_array_set_clear_func (items, (GDestroyNotify) key_item_clear);
  for (guint s = 0; s < model->series->len; s++)
    {
      OporaPlotSeries *series = model->series->pdata[s];
      if (series->count > 0)
        add_key_item (items, OPORA_PLOT_KEY_SERIES, series->palette_index, r,
                      g_strdup_printf ("%s (%u)", series->name, series->count));
    }
  if ((n = count_flag (model, OPORA_PLOT_POINT_PROBLEM)) > 0)
    add_key_item (items, OPORA_PLOT_KEY_PROBLEM, 0, r, g_strdup_printf (_("School to support (%u)"), n));
  if ((n = count_flag (model, OPORA_PLOT_POINT_UNRELIABLE)) > 0)
    add_key_item (items, OPORA_PLOT_KEY_UNRELIABLE, 0, r, g_strdup_printf (_("Few participants (%u)"), n));
  if (model->options.arrows && model->arrows->len > 0)
    add_key_item (items, OPORA_PLOT_KEY_ARROW, 0, r, g_strdup (_("Base school → supported school")));
  if (model->options.trajectories && has_previous (model))
    add_key_item (items, OPORA_PLOT_KEY_TRAJECTORY, 0, r, g_strdup (_("Move since last year")));
  add_size_keys (layout, items);
  return items;
}

/* Lays the legend out in rows from @top, wrapping at the chart's width;
 * returns its bottom. */
static double
layout_legend (OporaPlotLayout *layout,
               double           top)
{
  g_autoptr(GArray) items = key_items (layout);
  double s = layout->scale, x = PAD * s, y = top, row_height = 0;
  double right = layout->width - PAD * s;

  for (guint i = 0; i < items->len; i++)
    {
      KeyItem *item = &g_array_index (items, KeyItem, i);
      double symbol = item->kind == OPORA_PLOT_KEY_SIZE ? 2 * item->radius
                      : (item->kind == OPORA_PLOT_KEY_ARROW || item->kind == OPORA_PLOT_KEY_TRAJECTORY ? 22 : 14) * s;
      guint t = add_text (layout, OPORA_PLOT_TEXT_LEGEND, item->text, right - PAD * s - symbol - 6 * s, 0, 0);
      OporaPlotText *text = text_at (layout, t);
      double item_width = symbol + 6 * s + text->box.width;
      OporaPlotKey key = { item->kind, item->palette_index, 0, 0, item->radius, item->value };

      if (x > PAD * s && x + item_width > right)
        {
          x = PAD * s;
          y += row_height + 6 * s;
          row_height = 0;
        }
      row_height = MAX (row_height, MAX (text->box.height, item->kind == OPORA_PLOT_KEY_SIZE ? symbol : 0));
      text->box.x = x + symbol + 6 * s;
      text->box.y = y;
      key.x = x + symbol / 2;
      key.y = y + text->box.height / 2;
      g_array_append_val (layout->keys, key);
      x += item_width + 20 * s;
    }
  return items->len > 0 ? y + row_height : top;
}

/* Title, subtitle and legend from the top; returns where the plot may start. */
static double
layout_header (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  double s = layout->scale, y = PAD * s, max_width = layout->width - 2 * PAD * s;

  if (model->title != NULL && *model->title != '\0')
    y += text_at (layout, add_text (layout, OPORA_PLOT_TEXT_TITLE, model->title, max_width, PAD * s, y))->box.height;
  if (model->subtitle != NULL && *model->subtitle != '\0')
    y += text_at (layout, add_text (layout, OPORA_PLOT_TEXT_SUBTITLE, model->subtitle, max_width, PAD * s, y + 2 * s))->box.height + 2 * s;
  y = layout_legend (layout, y + 10 * s);
  return y + 12 * s;
}

/* The source line at the bottom; returns its top. */
static double
layout_footer (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  double s = layout->scale, bottom = layout->height - PAD * s;
  OporaPlotText *text;

  if (model->source == NULL || *model->source == '\0')
    return bottom;
  text = text_at (layout, add_text (layout, OPORA_PLOT_TEXT_SOURCE, model->source,
                                    layout->width - 2 * PAD * s, PAD * s, 0));
  text->box.y = bottom - text->box.height;
  return text->box.y;
}

/* ---- Scales and ticks ---- */

static void
data_range (const OporaPlotModel *model,
            gboolean              y_axis,
            double               *min,
            double               *max)
{
  const OporaPlotAxis *axis = y_axis ? &model->y : &model->x;
  gboolean previous = model->options.trajectories;

  *min = INFINITY, *max = -INFINITY;
  for (guint i = 0; i < model->points->len; i++)
    {
      const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, i);
      double v = y_axis ? p->y : p->x, prev = y_axis ? p->prev_y : p->prev_x;

      if (isfinite (p->x) && isfinite (p->y))
        *min = MIN (*min, v), *max = MAX (*max, v);
      if (previous && isfinite (p->prev_x) && isfinite (p->prev_y))
        *min = MIN (*min, prev), *max = MAX (*max, prev);
    }
  if (isfinite (axis->threshold))
    *min = MIN (*min, axis->threshold), *max = MAX (*max, axis->threshold);
  if (*min > *max)
    *min = 0, *max = 1;
  if (*min == *max)
    {
      double half = *min != 0 ? fabs (*min) * 0.1 : 1;
      *min -= half, *max += half;
    }
}

/* The values at the plot's edges: the axis' own limits, or the data
 * (@data_min … @data_max) with @pad_px pixels free on either side of a
 * @length_px long axis. */
static void
axis_limits (const OporaPlotAxis *axis,
             double               data_min,
             double               data_max,
             double               length_px,
             double               pad_px,
             double              *min,
             double              *max)
{
  double per_px;

  if (isfinite (axis->min) && isfinite (axis->max) && axis->min < axis->max)
    {
      *min = axis->min, *max = axis->max;
      return;
    }
  per_px = (data_max - data_min) / MAX (length_px - 2 * pad_px, 1);
  *min = data_min - pad_px * per_px;
  *max = data_max + pad_px * per_px;
}

static double
widest_tick (OporaPlotLayout      *layout,
             const OporaPlotTicks *ticks)
{
  double widest = 0;

  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *text = opora_number_format (ticks->values[i], ticks->decimals, OPORA_NUMBER_FORMAT_GROUP);
      g_autoptr(PangoLayout) pl = make_text (layout, OPORA_PLOT_TEXT_TICK, text, 0);
      double width, height;

      text_size (pl, &width, &height);
      widest = MAX (widest, width);
    }
  return widest;
}

/* The most x ticks whose labels keep a gap of two digits between them. */
static void
fit_x_ticks (OporaPlotLayout *layout)
{
  double s = layout->scale;
  guint target = MAX (2, (guint) (layout->plot.width / (110 * s)));

  for (;; target--)
    {
      opora_plot_ticks_compute (layout->x_min, layout->x_max, target, &layout->x_ticks);
      if (target <= 2 || layout->x_ticks.n < 2)
        return;
      if (widest_tick (layout, &layout->x_ticks) + 16 * s <=
          layout->x_ticks.step / (layout->x_max - layout->x_min) * layout->plot.width)
        return;
    }
}

double
opora_plot_layout_x_to_pixel (const OporaPlotLayout *layout,
                              double                 x)
{
  return layout->plot.x + (x - layout->x_min) / (layout->x_max - layout->x_min) * layout->plot.width;
}

double
opora_plot_layout_y_to_pixel (const OporaPlotLayout *layout,
                              double                 y)
{
  return layout->plot.y + layout->plot.height - (y - layout->y_min) / (layout->y_max - layout->y_min) * layout->plot.height;
}

double
opora_plot_layout_pixel_to_x (const OporaPlotLayout *layout,
                              double                 px)
{
  return layout->x_min + (px - layout->plot.x) / layout->plot.width * (layout->x_max - layout->x_min);
}

double
opora_plot_layout_pixel_to_y (const OporaPlotLayout *layout,
                              double                 py)
{
  return layout->y_min + (layout->plot.y + layout->plot.height - py) / layout->plot.height * (layout->y_max - layout->y_min);
}

/* The plot area between the header and the footer, with room for the
 * axes' titles and tick labels; sets the limits and ticks too. */
static void
layout_plot_area (OporaPlotLayout *layout,
                  double           top,
                  double           bottom)
{
  const OporaPlotModel *model = layout->model;
  double s = layout->scale, tick_h = line_height (layout, OPORA_PLOT_TEXT_TICK);
  double title_h = line_height (layout, OPORA_PLOT_TEXT_AXIS_TITLE);
  double band = model->quadrants && model->options.shading ? line_height (layout, OPORA_PLOT_TEXT_QUADRANT) + 12 * s : 0;
  double right = layout->width - PAD * s, left, y_pad, x0, x1, y0, y1;

  layout->plot.y = top;
  layout->plot.height = MAX (bottom - title_h - 6 * s - tick_h - 3 * s - TICK_LENGTH * s - top, 10);
  /* Quadrant names sit in a band above and below the data. */
  y_pad = MAX (0.05 * layout->plot.height, band);
  data_range (model, FALSE, &x0, &x1);
  data_range (model, TRUE, &y0, &y1);
  axis_limits (&model->y, y0, y1, layout->plot.height, y_pad, &layout->y_min, &layout->y_max);
  opora_plot_ticks_compute (layout->y_min, layout->y_max,
                            MAX (2, (guint) (layout->plot.height / (tick_h * 4.5))), &layout->y_ticks);
  left = PAD * s + title_h + 8 * s + widest_tick (layout, &layout->y_ticks) + 3 * s + TICK_LENGTH * s;
  for (guint pass = 0; pass < 2; pass++)
    {
      double overhang;

      layout->plot.x = left;
      layout->plot.width = MAX (right - left, 10);
      axis_limits (&model->x, x0, x1, layout->plot.width, 0.04 * layout->plot.width, &layout->x_min, &layout->x_max);
      fit_x_ticks (layout);
      /* The last tick's label must not stick out of the chart. */
      overhang = opora_plot_layout_x_to_pixel (layout, layout->x_ticks.values[layout->x_ticks.n - 1]) +
                 widest_tick (layout, &layout->x_ticks) / 2 - (layout->width - PAD * s / 2);
      if (overhang <= 0)
        break;
      right -= overhang;
    }
}

static void
layout_axes (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  double s = layout->scale, below = layout->plot.y + layout->plot.height + TICK_LENGTH * s + 3 * s;
  guint t;

  for (guint i = 0; i < layout->x_ticks.n; i++)
    {
      g_autofree char *text = opora_number_format (layout->x_ticks.values[i], layout->x_ticks.decimals,
                                                   OPORA_NUMBER_FORMAT_GROUP);
      OporaPlotText *tick = text_at (layout, add_text (layout, OPORA_PLOT_TEXT_TICK, text, 0, 0, below));
      tick->box.x = opora_plot_layout_x_to_pixel (layout, layout->x_ticks.values[i]) - tick->box.width / 2;
    }
  for (guint i = 0; i < layout->y_ticks.n; i++)
    {
      g_autofree char *text = opora_number_format (layout->y_ticks.values[i], layout->y_ticks.decimals,
                                                   OPORA_NUMBER_FORMAT_GROUP);
      OporaPlotText *tick = text_at (layout, add_text (layout, OPORA_PLOT_TEXT_TICK, text, 0, 0, 0));
      tick->box.x = layout->plot.x - TICK_LENGTH * s - 3 * s - tick->box.width;
      tick->box.y = opora_plot_layout_y_to_pixel (layout, layout->y_ticks.values[i]) - tick->box.height / 2;
    }
  t = add_text (layout, OPORA_PLOT_TEXT_AXIS_TITLE, model->x.title, layout->plot.width, 0,
                below + line_height (layout, OPORA_PLOT_TEXT_TICK) + 6 * s);
  text_at (layout, t)->box.x = layout->plot.x + (layout->plot.width - text_at (layout, t)->box.width) / 2;
  t = add_text (layout, OPORA_PLOT_TEXT_AXIS_TITLE, model->y.title, layout->plot.height, PAD * s, 0);
  {
    OporaPlotText *title = text_at (layout, t);
    double length = title->box.width;

    title->vertical = TRUE;
    title->box.width = title->box.height;
    title->box.height = length;
    title->box.y = layout->plot.y + (layout->plot.height - length) / 2;
  }
}

/* ---- Quadrant names, markers and labels ---- */

/* Seed 001's names in the outer corners of their quadrants, in the bands
 * layout_plot_area() left free. Appends their boxes to @obstacles. */
static void
layout_quadrants (OporaPlotLayout *layout,
                  GArray          *obstacles)
{
  const OporaPlotModel *model = layout->model;
  double s = layout->scale, inset = 6 * s;
  const OporaPlotRect *plot = &layout->plot;

  if (!model->quadrants || !model->options.shading || model->series->len < 4 ||
      !isfinite (model->x.threshold) || !isfinite (model->y.threshold))
    return;
  for (guint q = 0; q < 4; q++)
    {
      OporaPlotSeries *series = model->series->pdata[q];
      gboolean right = q >= 2, top = q % 2 == 1;
      guint t = add_text (layout, OPORA_PLOT_TEXT_QUADRANT, series->name, plot->width / 2 - 2 * inset, 0, 0);
      OporaPlotText *text = text_at (layout, t);

      text->halo = TRUE;
      text->palette_index = series->palette_index;
      text->box.x = right ? plot->x + plot->width - inset - text->box.width : plot->x + inset;
      text->box.y = top ? plot->y + inset / 2 : plot->y + plot->height - inset / 2 - text->box.height;
      g_array_append_val (obstacles, text->box);
    }
}

static int
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const OporaPlotLayout *layout = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const OporaPlotPoint *p = &g_array_index (layout->model->points, OporaPlotPoint, i);
  const OporaPlotPoint *q = &g_array_index (layout->model->points, OporaPlotPoint, j);
  gboolean ps = (p->flags & OPORA_PLOT_POINT_SELECTED) != 0, qs = (q->flags & OPORA_PLOT_POINT_SELECTED) != 0;

  if (ps != qs)
    return ps - qs;
  if (layout->radius[i] != layout->radius[j])
    return layout->radius[i] > layout->radius[j] ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* How far from its centre a point's marker, edge and ring reach; the
 * renderer draws rings at the shape's extent plus 1.5 ring widths.
 * @extents holds each series' shape extent. */
static double
marker_reach (const OporaPlotLayout *layout,
              const OporaPlotPoint  *p,
              const double          *extents,
              double                 radius)
{
  double body = radius * extents[p->series];

  if (p->flags & OPORA_PLOT_POINT_SELECTED)
    return body + 2 * 2.5 * layout->scale;
  if (p->flags & OPORA_PLOT_POINT_PROBLEM)
    return body + 2 * layout->ring_width;
  return body + layout->edge_width / 2;
}

/* A marker whose area grows with @size, the largest 2.5 times the usual
 * radius (at most largest_radius()), none smaller than 0.6 of it. */
static double
size_radius (const OporaPlotLayout *layout,
             double                 size,
             double                 largest)
{
  double top = MIN (2.5 * layout->marker_radius, largest_radius (layout));

  return MAX (0.6 * layout->marker_radius, top * sqrt (MAX (size, 0) / largest));
}

/* The size keys were laid out before the markers' radii were known. */
static void
resize_size_keys (OporaPlotLayout *layout)
{
  double largest = largest_size (layout->model);

  for (guint i = 0; i < layout->keys->len; i++)
    {
      OporaPlotKey *key = &g_array_index (layout->keys, OporaPlotKey, i);
      if (key->kind == OPORA_PLOT_KEY_SIZE && largest > 0)
        key->radius = size_radius (layout, key->value, largest);
    }
}

/* Markers shrink as points crowd: about a third of the room each point has,
 * between 2.5 and 6 pixels; sized markers scale their area with the value. */
static void
layout_markers (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  guint n = model->points->len;
  double s = layout->scale, largest = model->options.size_by_value ? largest_size (model) : 0;
  double room = sqrt (layout->plot.width * layout->plot.height / MAX (n, 1));
  g_autofree double *extents = g_new (double, MAX (model->series->len, 1));

  for (guint k = 0; k < model->series->len; k++)
    extents[k] = opora_plot_marker_extent (opora_palette_marker (((OporaPlotSeries *) model->series->pdata[k])->palette_index));

  layout->marker_radius = CLAMP (0.35 * room, 2.5 * s, 7 * s);
  layout->fill_alpha = n <= 300 ? 0.9 : n <= 3000 ? 0.75 : 0.5;
  layout->edge_width = n <= 3000 ? 1 * s : 0;
  /* Thousands of rings would blacken a dense cloud. */
  layout->ring_width = (n <= 3000 ? 1.2 : 0.7) * s;
  layout->px = g_new (double, MAX (n, 1));
  layout->py = g_new (double, MAX (n, 1));
  layout->prev_px = g_new (double, MAX (n, 1));
  layout->prev_py = g_new (double, MAX (n, 1));
  layout->radius = g_new (double, MAX (n, 1));
  layout->reach = g_new (double, MAX (n, 1));
  layout->order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, i);
      gboolean inside = p->x >= layout->x_min && p->x <= layout->x_max && p->y >= layout->y_min && p->y <= layout->y_max;

      layout->px[i] = inside ? opora_plot_layout_x_to_pixel (layout, p->x) : NAN;
      layout->py[i] = inside ? opora_plot_layout_y_to_pixel (layout, p->y) : NAN;
      layout->prev_px[i] = isfinite (p->prev_x) ? opora_plot_layout_x_to_pixel (layout, p->prev_x) : NAN;
      layout->prev_py[i] = isfinite (p->prev_y) ? opora_plot_layout_y_to_pixel (layout, p->prev_y) : NAN;
      layout->radius[i] = largest > 0 && isfinite (p->size) ? size_radius (layout, p->size, largest) : layout->marker_radius;
      layout->reach[i] = marker_reach (layout, p, extents, layout->radius[i]);
      layout->order[i] = i;
    }
  /* Without sizes or a selection the model's order is the drawing order. */
  if (largest > 0 || count_flag (model, OPORA_PLOT_POINT_SELECTED) > 0)
    g_qsort_with_data (layout->order, n, sizeof (guint), compare_order, layout);
  resize_size_keys (layout);
  layout->hit = opora_plot_hit_grid_new (layout->px, layout->py, layout->reach, n, &layout->plot,
                                         MAX (4 * layout->marker_radius, 8));
}

typedef struct {
  guint  point;
  guint  priority;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->priority != y->priority)
    return x->priority > y->priority ? -1 : 1;
  return x->point < y->point ? -1 : x->point > y->point;
}

/* Hoare's quickselect: moves the @k first candidates (by compare_candidates())
 * of @c to its front, in no particular order. */
static void
select_first (Candidate *c,
              guint      n,
              guint      k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      Candidate pivot = c[lo + (hi - lo) / 2], swap;
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (compare_candidates (&c[i], &pivot) < 0)
            i++;
          while (compare_candidates (&c[j], &pivot) > 0)
            j--;
          if (i <= j)
            {
              swap = c[i], c[i] = c[j], c[j] = swap;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

/* The points to label, most important first, no more than the plot has room for. */
static GArray *
label_candidates (OporaPlotLayout *layout)
{
  const OporaPlotModel *model = layout->model;
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  double s = layout->scale;
  guint budget = (guint) (layout->plot.width * layout->plot.height / (110 * s * 16 * s * 5));

  for (guint i = 0; i < model->points->len; i++)
    {
      const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, i);
      Candidate c = { i, p->label_priority };

      if (p->label_priority > 0 && p->label != NULL && *p->label != '\0' && isfinite (layout->px[i]))
        g_array_append_val (candidates, c);
    }
  budget = MIN (budget, MAX_LABELS);
  /* Only the first @budget are wanted: select them, then sort only them
   * (a dense chart may have thousands of candidates). */
  if (candidates->len > budget)
    {
      select_first ((Candidate *) candidates->data, candidates->len, budget);
      g_array_set_size (candidates, budget);
    }
  g_array_sort (candidates, compare_candidates);
  return candidates;
}

/* When this many labels in a row found no room, the plot is full: the
 * rest, less important, would not fit either, and on a dense chart
 * measuring and trying them would cost more than the frame. */
#define LABEL_MISSES_IN_A_ROW 40

static void
layout_labels (OporaPlotLayout *layout,
               GArray          *obstacles)
{
  g_autoptr(GArray) candidates = label_candidates (layout);
  g_autoptr(OporaPlotLabeler) labeler = opora_plot_labeler_new (layout->hit, &layout->plot,
                                                                (OporaPlotRect *) obstacles->data,
                                                                obstacles->len, 3 * layout->scale);
  guint misses = 0;

  for (guint i = 0; i < candidates->len && misses < LABEL_MISSES_IN_A_ROW; i++)
    {
      guint p = g_array_index (candidates, Candidate, i).point;
      const char *label = g_array_index (layout->model->points, OporaPlotPoint, p).label;
      OporaPlotText text = { make_text (layout, OPORA_PLOT_TEXT_LABEL, label, 0), { 0 }, FALSE, TRUE,
                             OPORA_PLOT_TEXT_LABEL, 0 };
      OporaPlotLabelRequest request = { layout->px[p], layout->py[p], layout->reach[p], 0, 0 };
      OporaPlotLabelPlace place;
      OporaPlotLabel placed = { p, layout->texts->len, FALSE };

      text_size (text.layout, &request.width, &request.height);
      if (!opora_plot_labeler_place (labeler, &request, &place))
        {
          g_object_unref (text.layout);
          misses++;
          continue;
        }
      misses = 0;
      text.box = place.box;
      placed.leader = place.leader;
      g_array_append_val (layout->texts, text);
      g_array_append_val (layout->labels, placed);
    }
}

/**
 * opora_plot_layout_new:
 * @model: a chart; borrowed, and must not change while the layout lives
 * @width: the chart's width in logical pixels (points in a PDF are 0.75 of them)
 * @height: its height
 *
 * Lays the chart out: header (title, subtitle, legend), footer (source),
 * axes with their ticks, the plot area, every marker's position and
 * radius, the quadrant names and the labels that found room. The window
 * keeps the layout for hover (opora_plot_layout_point_at()) and draws it
 * with opora_plot_layout_draw().
 *
 * Returns: (transfer full): the layout
 */
OporaPlotLayout *
opora_plot_layout_new (OporaPlotModel *model,
                       double          width,
                       double          height)
{
  g_autoptr(OporaPlotLayout) layout = g_new0 (OporaPlotLayout, 1);
  g_autoptr(GArray) obstacles = g_array_new (FALSE, FALSE, sizeof (OporaPlotRect));
  double top, bottom;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  layout->model = model;
  layout->width = width;
  layout->height = height;
  layout->scale = model->options.scale > 0 ? model->options.scale : 1;
  layout->pango = opora_plot_pango_context_new ();
  layout->texts = g_array_new (FALSE, TRUE, sizeof (OporaPlotText));
  g_array_set_clear_func (layout->texts, (GDestroyNotify) text_clear);
  layout->keys = g_array_new (FALSE, TRUE, sizeof (OporaPlotKey));
  layout->labels = g_array_new (FALSE, TRUE, sizeof (OporaPlotLabel));

  top = layout_header (layout);
  bottom = layout_footer (layout) - 8 * layout->scale;
  layout_plot_area (layout, top, bottom);
  layout_axes (layout);
  layout_quadrants (layout, obstacles);
  layout_markers (layout);
  if (model->options.labels)
    layout_labels (layout, obstacles);
  return g_steal_pointer (&layout);
}

void
opora_plot_layout_free (OporaPlotLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->texts, g_array_unref);
  g_clear_pointer (&layout->keys, g_array_unref);
  g_clear_pointer (&layout->labels, g_array_unref);
  g_clear_pointer (&layout->hit, opora_plot_hit_grid_free);
  g_clear_object (&layout->pango);
  g_free (layout->px);
  g_free (layout->py);
  g_free (layout->prev_px);
  g_free (layout->prev_py);
  g_free (layout->radius);
  g_free (layout->reach);
  g_free (layout->order);
  g_free (layout);
}

/**
 * opora_plot_layout_point_at:
 * @layout: a layout
 * @x: a position on the chart, in logical pixels
 * @y: likewise
 *
 * What the pointer is over, with a few pixels of slack. A spatial grid
 * makes this take microseconds even with 40 000 points.
 *
 * Returns: the index of the point under (@x, @y), or -1
 */
int
opora_plot_layout_point_at (const OporaPlotLayout *layout,
                            double                 x,
                            double                 y)
{
  g_return_val_if_fail (layout != NULL, -1);

  return opora_plot_hit_grid_point_at (layout->hit, x, y, 3 * layout->scale);
}
