/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The draw pass: background, shading, grid, axes, trajectories, arrows, markers, labels, text. */

#include "opora-plot-render.h"

#include "opora-plot-markers.h"

#include <math.h>
#include <pango/pangocairo.h>

/* From this many points on, markers go look by look: stamped on an image
 * surface, as glyphs in a vector file (see opora-plot-markers.c). */
#define STAMP_FROM 1000

typedef struct {
  OporaColor background, text, secondary, grid, axis;
  double     shade_alpha;
} Theme;

static const Theme light_theme = {
  { 1, 1, 1 }, { 0.10, 0.10, 0.10 }, { 0.33, 0.33, 0.33 }, { 0.90, 0.90, 0.90 }, { 0.30, 0.30, 0.30 }, 0.07,
};

/* libadwaita's dark view colours. */
static const Theme dark_theme = {
  { 0.118, 0.118, 0.118 }, { 0.95, 0.95, 0.95 }, { 0.70, 0.70, 0.70 }, { 0.22, 0.22, 0.22 }, { 0.75, 0.75, 0.75 }, 0.12,
};

typedef struct {
  const OporaPlotLayout *layout;
  const OporaPlotModel  *model;
  cairo_t               *cr;
  const Theme           *theme;
  double                 s;
} Draw;

static void
set_color (cairo_t    *cr,
           OporaColor  color,
           double      alpha)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

/* @a mixed into @b: 0 is @b, 1 is @a. */
static OporaColor
mix (OporaColor a,
     OporaColor b,
     double     t)
{
  return (OporaColor) { b.red + (a.red - b.red) * t, b.green + (a.green - b.green) * t,
                        b.blue + (a.blue - b.blue) * t };
}

static OporaColor
series_color (const Draw *d,
              guint       palette_index)
{
  return opora_palette_color (palette_index, d->model->options.dark);
}

/* Moves @v to the middle of a device pixel, so one-pixel lines stay crisp. */
static double
snap (cairo_t  *cr,
      double    v,
      gboolean  vertical)
{
  double x = v, y = v;

  cairo_user_to_device (cr, &x, &y);
  if (vertical)
    y = floor (y) + 0.5;
  else
    x = floor (x) + 0.5;
  cairo_device_to_user (cr, &x, &y);
  return vertical ? y : x;
}

static void
clip_to_plot (const Draw *d)
{
  const OporaPlotRect *p = &d->layout->plot;

  cairo_rectangle (d->cr, p->x, p->y, p->width, p->height);
  cairo_clip (d->cr);
}

/* ---- Under the points ---- */

static void
draw_shading (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  const OporaPlotModel *m = d->model;
  double tx, ty;

  if (!m->quadrants || !m->options.shading || m->series->len < 4 ||
      !isfinite (m->x.threshold) || !isfinite (m->y.threshold))
    return;
  tx = CLAMP (opora_plot_layout_x_to_pixel (l, m->x.threshold), l->plot.x, l->plot.x + l->plot.width);
  ty = CLAMP (opora_plot_layout_y_to_pixel (l, m->y.threshold), l->plot.y, l->plot.y + l->plot.height);
  for (guint q = 0; q < 4; q++)
    {
      gboolean right = q >= 2, top = q % 2 == 1;
      double x0 = right ? tx : l->plot.x, x1 = right ? l->plot.x + l->plot.width : tx;
      double y0 = top ? l->plot.y : ty, y1 = top ? ty : l->plot.y + l->plot.height;

      set_color (d->cr, series_color (d, ((OporaPlotSeries *) m->series->pdata[q])->palette_index), d->theme->shade_alpha);
      cairo_rectangle (d->cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (d->cr);
    }
}

static void
draw_grid (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  cairo_t *cr = d->cr;

  if (!d->model->options.grid)
    return;
  set_color (cr, d->theme->grid, 1);
  cairo_set_line_width (cr, 1 * d->s);
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = snap (cr, opora_plot_layout_x_to_pixel (l, l->x_ticks.values[i]), FALSE);
      cairo_move_to (cr, x, l->plot.y);
      cairo_line_to (cr, x, l->plot.y + l->plot.height);
    }
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = snap (cr, opora_plot_layout_y_to_pixel (l, l->y_ticks.values[i]), TRUE);
      cairo_move_to (cr, l->plot.x, y);
      cairo_line_to (cr, l->plot.x + l->plot.width, y);
    }
  cairo_stroke (cr);
}

static void
draw_thresholds (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  const OporaPlotModel *m = d->model;
  double dash[] = { 6 * d->s, 4 * d->s };
  cairo_t *cr = d->cr;

  set_color (cr, d->theme->axis, 0.85);
  cairo_set_line_width (cr, 1.2 * d->s);
  cairo_set_dash (cr, dash, 2, 0);
  if (isfinite (m->x.threshold))
    {
      double x = opora_plot_layout_x_to_pixel (l, m->x.threshold);
      cairo_move_to (cr, x, l->plot.y);
      cairo_line_to (cr, x, l->plot.y + l->plot.height);
    }
  if (isfinite (m->y.threshold))
    {
      double y = opora_plot_layout_y_to_pixel (l, m->y.threshold);
      cairo_move_to (cr, l->plot.x, y);
      cairo_line_to (cr, l->plot.x + l->plot.width, y);
    }
  if (m->diagonal)
    {
      /* y = x across the plot area, clipped to it. */
      double lo = MAX (opora_plot_layout_pixel_to_x (l, l->plot.x),
                       opora_plot_layout_pixel_to_y (l, l->plot.y + l->plot.height));
      double hi = MIN (opora_plot_layout_pixel_to_x (l, l->plot.x + l->plot.width),
                       opora_plot_layout_pixel_to_y (l, l->plot.y));
      if (lo < hi)
        {
          cairo_move_to (cr, opora_plot_layout_x_to_pixel (l, lo), opora_plot_layout_y_to_pixel (l, lo));
          cairo_line_to (cr, opora_plot_layout_x_to_pixel (l, hi), opora_plot_layout_y_to_pixel (l, hi));
        }
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* An arrowhead at (@x, @y) pointing along (@dx, @dy), a unit vector. */
static void
arrowhead (cairo_t *cr,
           double   x,
           double   y,
           double   dx,
           double   dy,
           double   length)
{
  double w = length * 0.45;

  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dx * length - dy * w, y - dy * length + dx * w);
  cairo_line_to (cr, x - dx * length + dy * w, y - dy * length - dx * w);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A slightly bent arrow from (@x0, @y0) to (@x1, @y1), stopping @gap0
 * and @gap1 short of its ends (the markers' edges). */
static void
bent_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   gap0,
            double   gap1,
            double   head)
{
  double dx = x1 - x0, dy = y1 - y0, length = hypot (dx, dy), ux, uy, cx, cy, ex, ey, tx, ty, tl;

  if (length <= gap0 + gap1 + head)
    return;
  ux = dx / length, uy = dy / length;
  /* The control point sits off the middle by an eighth of the length. */
  cx = x0 + dx / 2 - uy * length / 8, cy = y0 + dy / 2 + ux * length / 8;
  tx = x1 - cx, ty = y1 - cy, tl = hypot (tx, ty);
  tx /= tl, ty /= tl;
  ex = x1 - tx * gap1, ey = y1 - ty * gap1;
  {
    double sx = cx - x0, sy = cy - y0, sl = hypot (sx, sy);
    cairo_move_to (cr, x0 + sx / sl * gap0, y0 + sy / sl * gap0);
  }
  cairo_curve_to (cr, x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0),
                  ex - tx * head + 2.0 / 3 * (cx - ex), ey - ty * head + 2.0 / 3 * (cy - ey),
                  ex - tx * head * 0.8, ey - ty * head * 0.8);
  cairo_stroke (cr);
  arrowhead (cr, ex, ey, tx, ty, head);
}

/* Where lines to point @i stop: just outside its marker and ring. */
static double
edge_of (const Draw *d,
         guint       i)
{
  return d->layout->reach[i] + 1.5 * d->s;
}

static void
draw_trajectories (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  cairo_t *cr = d->cr;

  if (!d->model->options.trajectories)
    return;
  cairo_set_line_width (cr, 1.1 * d->s);
  for (guint i = 0; i < d->model->points->len; i++)
    {
      const OporaPlotPoint *p = &g_array_index (d->model->points, OporaPlotPoint, i);
      OporaColor color = series_color (d, ((OporaPlotSeries *) d->model->series->pdata[p->series])->palette_index);
      double x0 = l->prev_px[i], y0 = l->prev_py[i], x1 = l->px[i], y1 = l->py[i], length;

      if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
        continue;
      set_color (cr, color, 0.55);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x0, y0, 2.2 * d->s, 0, 2 * G_PI);
      cairo_stroke (cr);
      length = hypot (x1 - x0, y1 - y0);
      if (length <= edge_of (d, i) + 2.2 * d->s)
        continue;
      cairo_move_to (cr, x0 + (x1 - x0) / length * 2.2 * d->s, y0 + (y1 - y0) / length * 2.2 * d->s);
      cairo_line_to (cr, x1 - (x1 - x0) / length * edge_of (d, i), y1 - (y1 - y0) / length * edge_of (d, i));
      cairo_stroke (cr);
    }
}

static void
draw_arrows (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  cairo_t *cr = d->cr;

  if (!d->model->options.arrows)
    return;
  set_color (cr, d->theme->text, 0.6);
  cairo_set_line_width (cr, 1.2 * d->s);
  for (guint i = 0; i < d->model->arrows->len; i++)
    {
      const OporaPlotArrow *a = &g_array_index (d->model->arrows, OporaPlotArrow, i);

      if (isfinite (l->px[a->from]) && isfinite (l->px[a->to]))
        bent_arrow (cr, l->px[a->from], l->py[a->from], l->px[a->to], l->py[a->to],
                    edge_of (d, a->from), edge_of (d, a->to), 7 * d->s);
    }
}

/* ---- The points ---- */

static void
point_style (const Draw           *d,
             guint                 i,
             OporaPlotMarkerStyle *style)
{
  const OporaPlotPoint *p = &g_array_index (d->model->points, OporaPlotPoint, i);
  guint palette = ((OporaPlotSeries *) d->model->series->pdata[p->series])->palette_index;

  *style = (OporaPlotMarkerStyle) {
    .shape = opora_palette_marker (palette),
    .radius = d->layout->radius[i],
    .fill = series_color (d, palette),
    .alpha = d->layout->fill_alpha,
    .background = d->theme->background,
    .edge_width = d->layout->edge_width,
    .ring = d->theme->text,
    .hollow = (p->flags & OPORA_PLOT_POINT_UNRELIABLE) != 0,
  };
  if (p->flags & OPORA_PLOT_POINT_SELECTED)
    style->ring_width = 2.5 * d->s;
  else if (p->flags & OPORA_PLOT_POINT_PROBLEM)
    style->ring_width = d->layout->ring_width;
}

/* A number that differs between points exactly when their markers differ. */
static guint
style_key (const Draw *d,
           guint       i)
{
  const OporaPlotPoint *p = &g_array_index (d->model->points, OporaPlotPoint, i);
  guint palette = ((OporaPlotSeries *) d->model->series->pdata[p->series])->palette_index;
  guint radius = (guint) lround (d->layout->radius[i] * 4);
  guint look = p->flags & (OPORA_PLOT_POINT_PROBLEM | OPORA_PLOT_POINT_SELECTED | OPORA_PLOT_POINT_UNRELIABLE);

  return (radius * 16 + look) * 256 + palette % 256;
}

/* The visible points in drawing order, grouped by look (groups in the
 * order their first point comes): @starts[g] … @starts[g + 1] − 1 index
 * @points. Returns the number of groups. */
static guint
group_points (const Draw *d,
              guint      *points,
              GArray     *starts)
{
  const OporaPlotLayout *l = d->layout;
  guint n = d->model->points->len, n_groups = 0, last_key = G_MAXUINT, last_group = 0;
  g_autoptr(GHashTable) group_of = g_hash_table_new (NULL, NULL);
  g_autofree guint *groups = g_new (guint, MAX (n, 1));
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint k = 0; k < n; k++)
    {
      guint i = l->order[k], key;
      gpointer found;

      groups[k] = G_MAXUINT;
      if (!isfinite (l->px[i]))
        continue;
      if ((key = style_key (d, i)) != last_key)
        {
          if (!g_hash_table_lookup_extended (group_of, GUINT_TO_POINTER (key), NULL, &found))
            {
              found = GUINT_TO_POINTER (n_groups++);
              g_hash_table_insert (group_of, GUINT_TO_POINTER (key), found);
              g_array_set_size (counts, n_groups + 1);
            }
          last_key = key, last_group = GPOINTER_TO_UINT (found);
        }
      groups[k] = last_group;
      g_array_index (counts, guint, last_group + 1)++;
    }
  /* A counting sort keeps the drawing order within each group. */
  g_array_set_size (counts, n_groups + 1);
  for (guint g = 1; g <= n_groups; g++)
    g_array_index (counts, guint, g) += g_array_index (counts, guint, g - 1);
  g_array_append_vals (starts, counts->data, n_groups + 1);
  for (guint k = 0; k < n; k++)
    if (groups[k] != G_MAXUINT)
      points[g_array_index (counts, guint, groups[k])++] = l->order[k];
  return n_groups;
}

/* Thousands of points go look by look: stamped on an image surface, as
 * glyphs in a vector file. */
static void
draw_many_points (const Draw *d,
                  gboolean    stamp)
{
  const OporaPlotLayout *l = d->layout;
  g_autoptr(OporaPlotStamper) stamper = NULL;
  g_autofree guint *points = g_new (guint, MAX (d->model->points->len, 1));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_groups = group_points (d, points, starts);

  if (stamp)
    stamper = opora_plot_stamper_new (d->cr, l->plot.x, l->plot.y, l->plot.width, l->plot.height);
  for (guint g = 0; g < n_groups; g++)
    {
      guint first = g_array_index (starts, guint, g), end = g_array_index (starts, guint, g + 1);
      OporaPlotMarkerStyle style;

      /* A group's points share their look (to a quarter pixel of radius). */
      point_style (d, points[first], &style);
      if (stamper != NULL)
        {
          guint key = style_key (d, points[first]);
          for (guint k = first; k < end; k++)
            opora_plot_stamper_stamp (stamper, &style, key, l->px[points[k]], l->py[points[k]]);
        }
      else if (style.edge_width == 0)
        opora_plot_markers_show (d->cr, &style, l->px, l->py, points + first, end - first);
      else
        for (guint k = first; k < end; k++)
          {
            point_style (d, points[k], &style);
            opora_plot_marker_draw (d->cr, &style, l->px[points[k]], l->py[points[k]]);
          }
    }
}

static void
draw_points (const Draw *d,
             gboolean    stamp)
{
  const OporaPlotLayout *l = d->layout;
  guint n = d->model->points->len;

  if (n >= STAMP_FROM)
    {
      draw_many_points (d, stamp);
      return;
    }
  for (guint k = 0; k < n; k++)
    {
      guint i = l->order[k];
      OporaPlotMarkerStyle style;

      if (!isfinite (l->px[i]))
        continue;
      point_style (d, i, &style);
      opora_plot_marker_draw (d->cr, &style, l->px[i], l->py[i]);
    }
}

/* Leader lines from moved labels to their markers' edges. */
static void
draw_leaders (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  cairo_t *cr = d->cr;

  set_color (cr, d->theme->secondary, 0.9);
  cairo_set_line_width (cr, 0.8 * d->s);
  for (guint i = 0; i < l->labels->len; i++)
    {
      const OporaPlotLabel *label = &g_array_index (l->labels, OporaPlotLabel, i);
      const OporaPlotRect *box = &g_array_index (l->texts, OporaPlotText, label->text).box;
      double x = l->px[label->point], y = l->py[label->point];
      double nx = CLAMP (x, box->x, box->x + box->width), ny = CLAMP (y, box->y + box->height * 0.2, box->y + box->height * 0.8);
      double length = hypot (nx - x, ny - y), r = edge_of (d, label->point) - d->s;

      if (!label->leader || length <= r)
        continue;
      cairo_move_to (cr, x + (nx - x) / length * r, y + (ny - y) / length * r);
      cairo_line_to (cr, nx, ny);
    }
  cairo_stroke (cr);
}

/* ---- Axes, legend and text ---- */

static void
draw_axes (const Draw *d)
{
  const OporaPlotLayout *l = d->layout;
  cairo_t *cr = d->cr;
  double tick = 5 * d->s, left = snap (cr, l->plot.x, FALSE), bottom = snap (cr, l->plot.y + l->plot.height, TRUE);

  set_color (cr, d->theme->axis, 1);
  cairo_set_line_width (cr, 1 * d->s);
  cairo_move_to (cr, left, l->plot.y);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, l->plot.x + l->plot.width, bottom);
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = snap (cr, opora_plot_layout_x_to_pixel (l, l->x_ticks.values[i]), FALSE);
      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + tick);
    }
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = snap (cr, opora_plot_layout_y_to_pixel (l, l->y_ticks.values[i]), TRUE);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left - tick, y);
    }
  cairo_stroke (cr);
}

static void
draw_key (const Draw         *d,
          const OporaPlotKey *key)
{
  cairo_t *cr = d->cr;
  OporaPlotMarkerStyle style = {
    .shape = OPORA_MARKER_CIRCLE, .radius = key->radius, .fill = d->theme->secondary, .alpha = 1,
    .background = d->theme->background, .edge_width = d->s, .ring = d->theme->text,
  };

  switch (key->kind)
    {
    case OPORA_PLOT_KEY_SERIES:
      style.shape = opora_palette_marker (key->palette_index);
      style.fill = series_color (d, key->palette_index);
      style.alpha = MAX (d->layout->fill_alpha, 0.8);
      break;
    case OPORA_PLOT_KEY_PROBLEM:
      style.fill = mix (d->theme->secondary, d->theme->background, 0.5);
      style.radius *= 0.75;
      style.ring_width = 1.2 * d->s;
      break;
    case OPORA_PLOT_KEY_UNRELIABLE:
      style.hollow = TRUE;
      break;
    case OPORA_PLOT_KEY_SIZE:
      style.fill = d->theme->secondary;
      style.hollow = TRUE;
      break;
    case OPORA_PLOT_KEY_ARROW:
      set_color (cr, d->theme->text, 0.6);
      cairo_set_line_width (cr, 1.2 * d->s);
      bent_arrow (cr, key->x - 10 * d->s, key->y + 3 * d->s, key->x + 10 * d->s, key->y + 3 * d->s, 0, 0, 6 * d->s);
      return;
    case OPORA_PLOT_KEY_TRAJECTORY:
      set_color (cr, d->theme->secondary, 0.9);
      cairo_set_line_width (cr, 1.3 * d->s);
      cairo_new_sub_path (cr);
      cairo_arc (cr, key->x - 8 * d->s, key->y, 2.2 * d->s, 0, 2 * G_PI);
      cairo_move_to (cr, key->x - 5.8 * d->s, key->y);
      cairo_line_to (cr, key->x + 10 * d->s, key->y);
      cairo_stroke (cr);
      return;
    default:
      g_return_if_reached ();
    }
  opora_plot_marker_draw (cr, &style, key->x, key->y);
}

static OporaColor
text_color (const Draw          *d,
            const OporaPlotText *text)
{
  switch (text->role)
    {
    case OPORA_PLOT_TEXT_SUBTITLE:
    case OPORA_PLOT_TEXT_AXIS_TITLE:
    case OPORA_PLOT_TEXT_SOURCE:
    case OPORA_PLOT_TEXT_TICK:
      return d->theme->secondary;
    case OPORA_PLOT_TEXT_QUADRANT:
      /* The quadrant's colour, darkened (lightened in the dark) to read as text. */
      return mix (series_color (d, text->palette_index), d->theme->text, 0.55);
    default:
      return d->theme->text;
    }
}

/* A rim of background colour around the text, so it reads over markers
 * and lines. On an image surface the text is drawn eight times, shifted by
 * 1.5 pixels around a circle: the glyphs come from Cairo's cache, where
 * stroking their outlines costs 80 µs a label (12 ms for 150). Vector
 * files get the stroked outline, which keeps the text once in a PDF. */
static void
draw_halo (const Draw          *d,
           const OporaPlotText *text)
{
  cairo_t *cr = d->cr;

  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      set_color (cr, d->theme->background, 1);
      for (guint k = 0; k < 8; k++)
        {
          cairo_move_to (cr, 1.5 * d->s * cos (k * G_PI / 4), 1.5 * d->s * sin (k * G_PI / 4));
          pango_cairo_show_layout (cr, text->layout);
        }
      return;
    }
  cairo_move_to (cr, 0, 0);
  pango_cairo_layout_path (cr, text->layout);
  set_color (cr, d->theme->background, 1);
  cairo_set_line_width (cr, 3 * d->s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_text (const Draw          *d,
           const OporaPlotText *text,
           OporaPlotTextFunc    text_func,
           gpointer             user_data)
{
  cairo_t *cr = d->cr;
  OporaColor color = text_color (d, text);

  cairo_save (cr);
  if (text->vertical)
    {
      cairo_translate (cr, text->box.x, text->box.y + text->box.height);
      cairo_rotate (cr, -G_PI / 2);
    }
  else
    cairo_translate (cr, text->box.x, text->box.y);
  if (text_func != NULL)
    {
      cairo_matrix_t matrix;

      cairo_get_matrix (cr, &matrix);
      text_func (text, color, d->theme->background, &matrix, user_data);
      cairo_restore (cr);
      return;
    }
  if (text->halo)
    draw_halo (d, text);
  cairo_move_to (cr, 0, 0);
  set_color (cr, color, 1);
  pango_cairo_show_layout (cr, text->layout);
  cairo_restore (cr);
}

/**
 * opora_plot_layout_draw_full:
 * @layout: a layout
 * @cr: where to draw, in the layout's units (logical pixels)
 * @stamp: whether thousands of markers may be stamped onto an image surface
 * @text_func: (nullable): takes the text instead of Pango drawing it
 * @user_data: for @text_func
 *
 * Draws the chart from back to front: background, quadrant shading, grid,
 * threshold lines, trajectories, arrows, markers, leader lines, axes,
 * legend symbols, then every text. Leaves @cr's state as it was.
 */
void
opora_plot_layout_draw_full (const OporaPlotLayout *layout,
                             cairo_t               *cr,
                             gboolean               stamp,
                             OporaPlotTextFunc      text_func,
                             gpointer               user_data)
{
  Draw d = { layout, layout->model, cr, layout->model->options.dark ? &dark_theme : &light_theme, layout->scale };

  g_return_if_fail (layout != NULL && cr != NULL);

  cairo_save (cr);
  set_color (cr, d.theme->background, 1);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);
  cairo_save (cr);
  clip_to_plot (&d);
  draw_shading (&d);
  draw_grid (&d);
  draw_thresholds (&d);
  draw_trajectories (&d);
  draw_arrows (&d);
  draw_points (&d, stamp);
  draw_leaders (&d);
  cairo_restore (cr);
  draw_axes (&d);
  for (guint i = 0; i < layout->keys->len; i++)
    draw_key (&d, &g_array_index (layout->keys, OporaPlotKey, i));
  for (guint i = 0; i < layout->texts->len; i++)
    draw_text (&d, &g_array_index (layout->texts, OporaPlotText, i), text_func, user_data);
  cairo_restore (cr);
}

/**
 * opora_plot_layout_draw:
 * @layout: a layout
 * @cr: where to draw, in the layout's units
 *
 * Draws the chart, stamping markers when there are thousands.
 */
void
opora_plot_layout_draw (const OporaPlotLayout *layout,
                        cairo_t               *cr)
{
  opora_plot_layout_draw_full (layout, cr, TRUE, NULL, NULL);
}

/**
 * opora_plot_render:
 * @model: the chart
 * @cr: where to draw, in logical pixels (scale it for a higher DPI)
 * @width: the chart's width
 * @height: its height
 *
 * Lays @model out at @width × @height and draws it: the one call behind
 * the PNG, SVG and PDF files and printing.
 */
void
opora_plot_render (OporaPlotModel *model,
                   cairo_t        *cr,
                   double          width,
                   double          height)
{
  g_autoptr(OporaPlotLayout) layout = NULL;

  g_return_if_fail (model != NULL && cr != NULL);

  layout = opora_plot_layout_new (model, width, height);
  opora_plot_layout_draw (layout, cr);
}
