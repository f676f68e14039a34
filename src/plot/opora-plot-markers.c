/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Eight marker shapes of equal area, drawn by Cairo; for thousands of points on an image surface,
 * each distinct marker is drawn once by the same code and then copied pixel by pixel. */

#include "opora-plot-markers.h"

#include <math.h>
#include <string.h>

/* The shapes' sizes make their areas equal to the circle's, π r²; the
 * extents are the radii of the circles around them. */
static const double extents[OPORA_N_MARKERS] = {
  [OPORA_MARKER_CIRCLE] = 1.0,
  [OPORA_MARKER_SQUARE] = 1.253,
  [OPORA_MARKER_TRIANGLE] = 1.555,
  [OPORA_MARKER_DIAMOND] = 1.253,
  [OPORA_MARKER_CROSS] = 1.27,
  [OPORA_MARKER_PLUS] = 1.27,
  [OPORA_MARKER_STAR] = 1.45,
  [OPORA_MARKER_TRIANGLE_DOWN] = 1.555,
};

/**
 * opora_plot_marker_extent:
 * @shape: a marker
 *
 * Returns: the radius of the circle around @shape, per unit of its radius
 */
double
opora_plot_marker_extent (OporaMarker shape)
{
  g_return_val_if_fail (shape < OPORA_N_MARKERS, 1);

  return extents[shape];
}

static void
polygon (cairo_t      *cr,
         double        x,
         double        y,
         double        r,
         const double *points,
         guint         n)
{
  cairo_move_to (cr, x + points[0] * r, y + points[1] * r);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, x + points[2 * i] * r, y + points[2 * i + 1] * r);
  cairo_close_path (cr);
}

/* A plus of arms 1.2 long and 0.42 half-thick (area 3.33 ≈ π), turned by @angle. */
static void
plus_path (cairo_t *cr,
           double   x,
           double   y,
           double   r,
           double   angle)
{
  static const double arm = 1.2, half = 0.42;
  static const double outline[][2] = {
    { half, -arm }, { half, -half }, { arm, -half }, { arm, half }, { half, half }, { half, arm },
    { -half, arm }, { -half, half }, { -arm, half }, { -arm, -half }, { -half, -half }, { -half, -arm },
  };
  double c = cos (angle), s = sin (angle);

  for (guint i = 0; i < G_N_ELEMENTS (outline); i++)
    {
      double px = x + (outline[i][0] * c - outline[i][1] * s) * r;
      double py = y + (outline[i][0] * s + outline[i][1] * c) * r;

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_close_path (cr);
}

static void
star_path (cairo_t *cr,
           double   x,
           double   y,
           double   r)
{
  for (guint i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + i * G_PI / 5;
      double radius = (i % 2 == 0 ? 1.45 : 0.75) * r;

      if (i == 0)
        cairo_move_to (cr, x + radius * cos (angle), y + radius * sin (angle));
      else
        cairo_line_to (cr, x + radius * cos (angle), y + radius * sin (angle));
    }
  cairo_close_path (cr);
}

/**
 * opora_plot_marker_path:
 * @cr: a Cairo context
 * @shape: the marker
 * @x: its centre
 * @y: likewise
 * @radius: the radius of the circle of the same area
 *
 * Adds the marker's outline to the current path. Every shape covers the
 * area of the circle of @radius, so no cluster looks bigger than another.
 */
void
opora_plot_marker_path (cairo_t     *cr,
                        OporaMarker  shape,
                        double       x,
                        double       y,
                        double       radius)
{
  /* An equilateral triangle of area π: circumradius 1.555, centred on its centroid. */
  static const double up[] = { 0, -1.555, 1.347, 0.778, -1.347, 0.778 };
  static const double down[] = { 0, 1.555, 1.347, -0.778, -1.347, -0.778 };
  static const double diamond[] = { 0, -1.253, 1.253, 0, 0, 1.253, -1.253, 0 };

  switch (shape)
    {
    case OPORA_MARKER_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      break;
    case OPORA_MARKER_SQUARE:
      cairo_rectangle (cr, x - 0.886 * radius, y - 0.886 * radius, 1.772 * radius, 1.772 * radius);
      break;
    case OPORA_MARKER_TRIANGLE:
      polygon (cr, x, y + 0.1 * radius, radius, up, 3);
      break;
    case OPORA_MARKER_DIAMOND:
      polygon (cr, x, y, radius, diamond, 4);
      break;
    case OPORA_MARKER_CROSS:
      plus_path (cr, x, y, radius, G_PI / 4);
      break;
    case OPORA_MARKER_PLUS:
      plus_path (cr, x, y, radius, 0);
      break;
    case OPORA_MARKER_STAR:
      star_path (cr, x, y, radius);
      break;
    case OPORA_MARKER_TRIANGLE_DOWN:
      polygon (cr, x, y - 0.1 * radius, radius, down, 3);
      break;
    default:
      g_return_if_reached ();
    }
}

static void
set_color (cairo_t    *cr,
           OporaColor  color,
           double      alpha)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

/**
 * opora_plot_marker_draw:
 * @cr: a Cairo context
 * @style: how the marker looks
 * @x: its centre
 * @y: likewise
 *
 * Fills the marker, strokes its edge in the background colour (which
 * keeps touching markers apart), and rings it when @style has a ring.
 * A hollow marker is the background inside a coloured outline.
 */
void
opora_plot_marker_draw (cairo_t                    *cr,
                        const OporaPlotMarkerStyle *style,
                        double                      x,
                        double                      y)
{
  double r = style->radius;

  cairo_new_path (cr);
  opora_plot_marker_path (cr, style->shape, x, y, r);
  if (style->hollow)
    {
      set_color (cr, style->background, 1);
      cairo_fill_preserve (cr);
      set_color (cr, style->fill, 1);
      cairo_set_line_width (cr, CLAMP (r * 0.3, 1.5, 2.5));
      cairo_stroke (cr);
    }
  else if (style->edge_width > 0)
    {
      set_color (cr, style->fill, style->alpha);
      cairo_fill_preserve (cr);
      set_color (cr, style->background, 1);
      cairo_set_line_width (cr, style->edge_width);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, style->fill, style->alpha);
      cairo_fill (cr);
    }
  if (style->ring_width > 0)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r * extents[style->shape] + style->ring_width * 1.5, 0, 2 * G_PI);
      set_color (cr, style->ring, 1);
      cairo_set_line_width (cr, style->ring_width);
      cairo_stroke (cr);
    }
}

/* ---- Stamping onto image surfaces ---- */

typedef struct {
  int      size;     /* a square of size × size pixels, the marker's centre at size / 2 */
  guint32 *pixels;   /* premultiplied ARGB, as Cairo stores it */
  int     *first;    /* per row: the first and last pixel that is not clear */
  int     *last;
} Stamp;

struct _OporaPlotStamper {
  cairo_surface_t *target;
  guint32         *data;
  int              stride;   /* in pixels */
  int              clip_x0, clip_y0, clip_x1, clip_y1;
  cairo_matrix_t   to_device;
  double           device_scale;
  GHashTable      *stamps;   /* style key → Stamp */
  guint            cached_key[64];  /* a direct-mapped cache in front of @stamps */
  Stamp           *cached[64];
};

static void
stamp_free (Stamp *stamp)
{
  g_free (stamp->pixels);
  g_free (stamp->first);
  g_free (stamp);
}

/**
 * opora_plot_stamper_new:
 * @cr: a Cairo context
 * @clip_x: the area markers may cover, in user units (the plot area)
 * @clip_y: likewise
 * @clip_width: likewise
 * @clip_height: likewise
 *
 * A stamper copies pre-drawn markers straight into the pixels of @cr's
 * image surface, about ten times faster than filling each path. It needs an
 * ARGB32 or RGB24 image surface and a transformation without rotation;
 * markers land on whole pixels, which only shows with few points.
 *
 * Returns: (transfer full) (nullable): a stamper, or %NULL when @cr's
 *   target cannot be stamped on (draw the markers as paths then)
 */
OporaPlotStamper *
opora_plot_stamper_new (cairo_t *cr,
                        double   clip_x,
                        double   clip_y,
                        double   clip_width,
                        double   clip_height)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  OporaPlotStamper *stamper;
  cairo_matrix_t ctm, device;
  double sx, sy, ox, oy, x0 = clip_x, y0 = clip_y, x1 = clip_x + clip_width, y1 = clip_y + clip_height;
  cairo_format_t format;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return NULL;
  format = cairo_image_surface_get_format (target);
  cairo_get_matrix (cr, &ctm);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  if ((format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) ||
      ctm.xy != 0 || ctm.yx != 0 || ctm.xx <= 0 || fabs (ctm.xx * sx - ctm.yy * sy) > 1e-9)
    return NULL;

  stamper = g_new0 (OporaPlotStamper, 1);
  cairo_matrix_init (&device, sx, 0, 0, sy, ox, oy);
  cairo_matrix_multiply (&stamper->to_device, &ctm, &device);
  stamper->device_scale = ctm.xx * sx;
  cairo_matrix_transform_point (&stamper->to_device, &x0, &y0);
  cairo_matrix_transform_point (&stamper->to_device, &x1, &y1);
  cairo_surface_flush (target);
  stamper->target = cairo_surface_reference (target);
  stamper->data = (guint32 *) cairo_image_surface_get_data (target);
  stamper->stride = cairo_image_surface_get_stride (target) / 4;
  stamper->clip_x0 = MAX (0, (int) floor (x0));
  stamper->clip_y0 = MAX (0, (int) floor (y0));
  stamper->clip_x1 = MIN (cairo_image_surface_get_width (target), (int) ceil (x1));
  stamper->clip_y1 = MIN (cairo_image_surface_get_height (target), (int) ceil (y1));
  stamper->stamps = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) stamp_free);
  return stamper;
}

/* Draws @style once, with the same code as the paths, at device scale. */
static Stamp *
make_stamp (OporaPlotStamper           *stamper,
            const OporaPlotMarkerStyle *style)
{
  Stamp *stamp = g_new0 (Stamp, 1);
  double reach = style->radius * extents[style->shape] + style->edge_width +
                 (style->ring_width > 0 ? style->ring_width * 2.5 : 0) + 2.5;
  cairo_surface_t *surface;
  cairo_t *cr;

  stamp->size = 2 * (int) ceil (reach * stamper->device_scale + 1);
  stamp->pixels = g_new0 (guint32, stamp->size * stamp->size);
  stamp->first = g_new (int, 2 * stamp->size);
  stamp->last = stamp->first + stamp->size;
  surface = cairo_image_surface_create_for_data ((unsigned char *) stamp->pixels, CAIRO_FORMAT_ARGB32,
                                                 stamp->size, stamp->size, stamp->size * 4);
  cr = cairo_create (surface);
  cairo_translate (cr, stamp->size / 2.0, stamp->size / 2.0);
  cairo_scale (cr, stamper->device_scale, stamper->device_scale);
  opora_plot_marker_draw (cr, style, 0, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  for (int row = 0; row < stamp->size; row++)
    {
      const guint32 *line = stamp->pixels + row * stamp->size;
      int a = 0, b = stamp->size - 1;

      while (a < stamp->size && line[a] == 0)
        a++;
      while (b >= a && line[b] == 0)
        b--;
      stamp->first[row] = a, stamp->last[row] = b;
    }
  return stamp;
}

/* Porter–Duff OVER on premultiplied ARGB, two channels at a time. */
static inline guint32
over (guint32 src,
      guint32 dst)
{
  guint32 inverse = 255 - (src >> 24);
  guint32 rb = (dst & 0x00ff00ff) * inverse + 0x00800080;
  guint32 ag = ((dst >> 8) & 0x00ff00ff) * inverse + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return src + (rb | ag);
}

/**
 * opora_plot_stamper_stamp:
 * @stamper: a stamper
 * @style: how the marker looks
 * @style_key: a number that is the same exactly for markers of the same
 *   look (shape, colour, radius and rings); it names the pre-drawn marker
 * @x: the marker's centre, in user units
 * @y: likewise
 *
 * Composites the marker over the pixels there, clipped to the stamper's area.
 */
void
opora_plot_stamper_stamp (OporaPlotStamper           *stamper,
                          const OporaPlotMarkerStyle *style,
                          guint                       style_key,
                          double                      x,
                          double                      y)
{
  guint slot = style_key % G_N_ELEMENTS (stamper->cached);
  Stamp *stamp = stamper->cached_key[slot] == style_key + 1 ? stamper->cached[slot] : NULL;
  int left, top, r0, r1;

  if (stamp == NULL && !(stamp = g_hash_table_lookup (stamper->stamps, GUINT_TO_POINTER (style_key + 1))))
    {
      stamp = make_stamp (stamper, style);
      g_hash_table_insert (stamper->stamps, GUINT_TO_POINTER (style_key + 1), stamp);
    }
  stamper->cached_key[slot] = style_key + 1;
  stamper->cached[slot] = stamp;
  cairo_matrix_transform_point (&stamper->to_device, &x, &y);
  left = (int) lround (x) - stamp->size / 2;
  top = (int) lround (y) - stamp->size / 2;
  r0 = MAX (0, stamper->clip_y0 - top);
  r1 = MIN (stamp->size, stamper->clip_y1 - top);
  for (int row = r0; row < r1; row++)
    {
      const guint32 *src = stamp->pixels + row * stamp->size;
      guint32 *dst = stamper->data + (top + row) * stamper->stride + left;
      int c0 = MAX (stamp->first[row], stamper->clip_x0 - left);
      int c1 = MIN (stamp->last[row] + 1, stamper->clip_x1 - left);

      for (int c = c0; c < c1; c++)
        dst[c] = over (src[c], dst[c]);
    }
}

void
opora_plot_stamper_free (OporaPlotStamper *stamper)
{
  if (stamper == NULL)
    return;
  cairo_surface_mark_dirty (stamper->target);
  cairo_surface_destroy (stamper->target);
  g_hash_table_unref (stamper->stamps);
  g_free (stamper);
}
