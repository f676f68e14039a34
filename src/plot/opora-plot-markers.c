/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Eight marker shapes of equal area, drawn by Cairo; for thousands of points on an image surface,
 * each distinct marker is drawn once by the same code and then copied pixel by pixel. */

#include "opora-plot-markers.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* ---- Markers as glyphs, for vector files ---- */

/* A glyph index says what to draw at a radius of 1/8 em (the font size is
 * eight radii, so the glyph's box of ±1/4 em holds the largest ring):
 * bits 0–1 the kind, 2–4 the shape, the rest a line width per radius in
 * 64ths (a ring's or an outline's). */
enum { GLYPH_FILL, GLYPH_RING, GLYPH_OUTLINE };

#define GLYPH_RADIUS 0.125

static unsigned long
glyph_index (guint       kind,
             OporaMarker shape,
             double      width_per_radius)
{
  return kind | (guint) shape << 2 | (gulong) lround (width_per_radius * 64) << 5;
}

static cairo_status_t
render_glyph (cairo_scaled_font_t  *font,
              unsigned long         glyph,
              cairo_t              *cr,
              cairo_text_extents_t *glyph_extents)
{
  guint kind = glyph & 3;
  OporaMarker shape = (glyph >> 2) & 7;
  double width = (glyph >> 5) / 64.0 * GLYPH_RADIUS;
  double reach = GLYPH_RADIUS * extents[shape] + 2.5 * width + GLYPH_RADIUS / 8;

  if (kind == GLYPH_RING)
    {
      cairo_arc (cr, 0, 0, GLYPH_RADIUS * extents[shape] + 1.5 * width, 0, 2 * G_PI);
      cairo_set_line_width (cr, width);
      cairo_stroke (cr);
    }
  else
    {
      opora_plot_marker_path (cr, shape, 0, 0, GLYPH_RADIUS);
      if (kind == GLYPH_OUTLINE)
        {
          cairo_set_line_width (cr, width);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
  *glyph_extents = (cairo_text_extents_t) { -reach, -reach, 2 * reach, 2 * reach, 0, 0 };
  return CAIRO_STATUS_SUCCESS;
}

/* One font for the process; Cairo caches its glyphs per size. */
static cairo_font_face_t *
marker_font (void)
{
  static gsize face;

  if (g_once_init_enter (&face))
    {
      cairo_font_face_t *created = cairo_user_font_face_create ();
      cairo_user_font_face_set_render_glyph_func (created, render_glyph);
      g_once_init_leave (&face, (gsize) created);
    }
  return (cairo_font_face_t *) face;
}

static void
show_glyphs (cairo_t             *cr,
             cairo_glyph_t       *glyphs,
             guint                n,
             unsigned long        index,
             const char          *spaces,
             cairo_text_cluster_t *clusters)
{
  for (guint i = 0; i < n; i++)
    glyphs[i].index = index;
  /* Each glyph stands for a space, so a PDF's text layer gets no "�" from them. */
  cairo_show_text_glyphs (cr, spaces, n, glyphs, n, clusters, n, 0);
}

/**
 * opora_plot_markers_show:
 * @cr: a Cairo context
 * @style: how the markers look; without an edge (its @edge_width is 0)
 * @x: (array): centres, indexed by @points
 * @y: (array): likewise
 * @points: (array length=n): which centres to draw
 * @n: how many
 *
 * Draws many markers of one look as glyphs of a user font: a vector file
 * then holds each shape once and one position per marker (an SVG <use>, a
 * PDF Type 3 glyph), where paths cost 26 numbers a circle. Looks as
 * opora_plot_marker_draw() does, rings after all the fills.
 */
void
opora_plot_markers_show (cairo_t                    *cr,
                         const OporaPlotMarkerStyle *style,
                         const double               *x,
                         const double               *y,
                         const guint                *points,
                         guint                       n)
{
  g_autofree cairo_glyph_t *glyphs = g_new (cairo_glyph_t, MAX (n, 1));
  g_autofree cairo_text_cluster_t *clusters = g_new (cairo_text_cluster_t, MAX (n, 1));
  g_autofree char *spaces = g_malloc (n + 1);
  double r = style->radius;
  /* Positions on a grid of a hundredth of the font size (0.08 radius, a
   * fifth of a pixel at the smallest): a PDF writes each move in ems, and
   * two decimals instead of six make its text a third smaller and faster
   * to deflate. */
  double step = r / GLYPH_RADIUS / 100;

  g_return_if_fail (style->edge_width == 0);

  memset (spaces, ' ', n);
  spaces[n] = '\0';
  for (guint k = 0; k < n; k++)
    {
      glyphs[k] = (cairo_glyph_t) { 0, round (x[points[k]] / step) * step, round (y[points[k]] / step) * step };
      clusters[k] = (cairo_text_cluster_t) { 1, 1 };
    }
  cairo_save (cr);
  cairo_set_font_face (cr, marker_font ());
  cairo_set_font_size (cr, r / GLYPH_RADIUS);
  if (style->hollow)
    {
      double width = CLAMP (r * 0.3, 1.5, 2.5);

      set_color (cr, style->background, 1);
      show_glyphs (cr, glyphs, n, glyph_index (GLYPH_FILL, style->shape, 0), spaces, clusters);
      set_color (cr, style->fill, 1);
      show_glyphs (cr, glyphs, n, glyph_index (GLYPH_OUTLINE, style->shape, width / r), spaces, clusters);
    }
  else
    {
      set_color (cr, style->fill, style->alpha);
      show_glyphs (cr, glyphs, n, glyph_index (GLYPH_FILL, style->shape, 0), spaces, clusters);
    }
  if (style->ring_width > 0)
    {
      set_color (cr, style->ring, 1);
      show_glyphs (cr, glyphs, n, glyph_index (GLYPH_RING, style->shape, style->ring_width / r), spaces, clusters);
    }
  cairo_restore (cr);
}

/* ---- Stamping onto image surfaces ---- */

typedef struct {
  int      size;     /* a square of size × size pixels, the marker's centre at size / 2 */
  guint32 *pixels;   /* premultiplied ARGB, as Cairo stores it */
  guint8  *inverse;  /* per byte of @pixels: 255 − its pixel's alpha */
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
  g_free (stamp->inverse);
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
  stamp->inverse = g_new (guint8, 4 * stamp->size * stamp->size);
  for (int p = 0; p < stamp->size * stamp->size; p++)
    memset (stamp->inverse + 4 * p, 255 - (stamp->pixels[p] >> 24), 4);
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

/* Porter–Duff OVER on premultiplied bytes: dst = src + dst × (255 − α) / 255,
 * with the alpha spread over each pixel's four bytes beforehand so every
 * byte is treated alike, sixteen at a time with SSE2 (which every x86-64
 * has). (x + 128 + ((x + 128) >> 8)) >> 8 is x / 255 rounded, in 16 bits. */
static inline void
blend_bytes (guint8       *restrict dst,
             const guint8 *restrict src,
             const guint8 *restrict inverse,
             int                    n)
{
  int i = 0;

#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 (), half = _mm_set1_epi16 (128);

  for (; i + 16 <= n; i += 16)
    {
      __m128i d = _mm_loadu_si128 ((const __m128i *) (dst + i));
      __m128i v = _mm_loadu_si128 ((const __m128i *) (inverse + i));
      __m128i lo = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpacklo_epi8 (d, zero), _mm_unpacklo_epi8 (v, zero)), half);
      __m128i hi = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpackhi_epi8 (d, zero), _mm_unpackhi_epi8 (v, zero)), half);

      lo = _mm_srli_epi16 (_mm_add_epi16 (lo, _mm_srli_epi16 (lo, 8)), 8);
      hi = _mm_srli_epi16 (_mm_add_epi16 (hi, _mm_srli_epi16 (hi, 8)), 8);
      _mm_storeu_si128 ((__m128i *) (dst + i),
                        _mm_add_epi8 (_mm_loadu_si128 ((const __m128i *) (src + i)), _mm_packus_epi16 (lo, hi)));
    }
#endif
  for (; i < n; i++)
    {
      guint16 x = (guint16) (dst[i] * inverse[i] + 128);
      dst[i] = (guint8) (src[i] + ((x + (x >> 8)) >> 8));
    }
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
      int at = row * stamp->size;
      guint32 *dst = stamper->data + (top + row) * stamper->stride + left;
      int c0 = MAX (stamp->first[row], stamper->clip_x0 - left);
      int c1 = MIN (stamp->last[row] + 1, stamper->clip_x1 - left);

      if (c1 > c0)
        blend_bytes ((guint8 *) (dst + c0), (const guint8 *) (stamp->pixels + at + c0),
                     stamp->inverse + 4 * (at + c0), 4 * (c1 - c0));
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
