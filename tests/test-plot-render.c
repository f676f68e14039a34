/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the chart's layout and drawing: tick texts, points at known pixels in known colours. */

#include <locale.h>
#include <math.h>

#include "opora-plot-layout.h"
#include "opora-plot-render.h"

/* Both axes from @min to @max, with a threshold at @threshold (NaN: none). */
static void
set_axes (OporaPlotModel *model,
          const char     *x_title,
          const char     *y_title,
          double          min,
          double          max,
          double          threshold)
{
  g_free (model->x.title);
  g_free (model->y.title);
  model->x = (OporaPlotAxis) { g_strdup (x_title), min, max, threshold };
  model->y = (OporaPlotAxis) { g_strdup (y_title), min, max, threshold };
}

/* Three points on fixed 0…1 axes, no grid, shading or labels to get in the way. */
static OporaPlotModel *
small_model (void)
{
  OporaPlotModel *model = opora_plot_model_new ();
  guint circles = opora_plot_model_add_series (model, "Cluster 1", 0);
  guint squares = opora_plot_model_add_series (model, "Cluster 2", 1);

  g_free (model->title);
  model->title = g_strdup ("Three schools");
  set_axes (model, "Context", "Results", 0, 1, NAN);
  model->options.grid = FALSE;
  model->options.labels = FALSE;
  opora_plot_model_add_point (model, 0.25, 0.25, circles, 0, "A");
  opora_plot_model_add_point (model, 0.75, 0.75, squares, 0, "B");
  opora_plot_model_add_point (model, 0.5, 0.5, circles, OPORA_PLOT_POINT_UNRELIABLE, "C");
  return model;
}

typedef struct {
  cairo_surface_t *surface;
  OporaPlotLayout *layout;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->layout, opora_plot_layout_free);
  g_clear_pointer (&frame->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Frame, frame_clear)

static void
draw (Frame          *frame,
      OporaPlotModel *model,
      int             width,
      int             height,
      gboolean        stamp)
{
  cairo_t *cr;

  frame->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  frame->layout = opora_plot_layout_new (model, width, height);
  cr = cairo_create (frame->surface);
  opora_plot_layout_draw_full (frame->layout, cr, stamp, NULL, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (frame->surface);
}

/* The colour of the pixel at (@x, @y), 0–255 per channel. */
static void
pixel (cairo_surface_t *surface,
       double           x,
       double           y,
       int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(const guint32 *) (data + (int) floor (y) * stride + (int) floor (x) * 4);

  rgb[0] = (p >> 16) & 0xff, rgb[1] = (p >> 8) & 0xff, rgb[2] = p & 0xff;
}

/* @color at @alpha over white, as 0–255. */
static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              OporaColor       color,
              double           alpha)
{
  int rgb[3];
  double expected[3] = { color.red, color.green, color.blue };

  pixel (surface, x, y, rgb);
  for (guint c = 0; c < 3; c++)
    {
      double e = 255 * (alpha * expected[c] + (1 - alpha));
      g_test_message ("(%g, %g) channel %u: %d, expected %.0f", x, y, c, rgb[c], e);
      g_assert_cmpfloat (fabs (rgb[c] - e), <=, 3);
    }
}

static void
test_ticks (void)
{
  g_autoptr(OporaPlotModel) model = small_model ();
  g_autoptr(OporaPlotLayout) layout = opora_plot_layout_new (model, 800, 600);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < layout->texts->len; i++)
    {
      OporaPlotText *t = &g_array_index (layout->texts, OporaPlotText, i);
      if (t->role == OPORA_PLOT_TEXT_TICK)
        g_ptr_array_add (texts, (char *) pango_layout_get_text (t->layout));
    }
  g_ptr_array_add (texts, NULL);
  joined = g_strjoinv (" ", (char **) texts->pdata);
  g_assert_cmpstr (joined, ==, "0.0 0.2 0.4 0.6 0.8 1.0 0.0 0.2 0.4 0.6 0.8 1.0");
}

static void
test_ticks_russian (void)
{
  g_autoptr(OporaPlotModel) model = small_model ();
  g_autoptr(OporaPlotLayout) layout = NULL;
  OporaPlotText *first = NULL;

  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed");
      return;
    }
  model->x.min = -1;
  layout = opora_plot_layout_new (model, 800, 600);
  for (guint i = 0; i < layout->texts->len; i++)
    if ((first = &g_array_index (layout->texts, OporaPlotText, i))->role == OPORA_PLOT_TEXT_TICK)
      break;
  g_assert_cmpstr (pango_layout_get_text (first->layout), ==, "\u22121,0");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

/* Each point's centre has its series' colour; a circle leaves the corner
 * of its box white (0.8 r out on the diagonal, 1.13 r from the centre)
 * where a square fills it (0.55 r, well inside its half side 0.886 r); a hollow point is white inside. */
static void
test_points (void)
{
  g_autoptr(OporaPlotModel) model = small_model ();
  g_auto(Frame) f = { NULL };
  OporaPlotLayout *l;
  double r;

  draw (&f, model, 800, 600, FALSE);
  l = f.layout;
  r = l->radius[0];
  g_assert_cmpfloat (l->fill_alpha, ==, 0.9);
  g_assert_cmpfloat_with_epsilon (l->px[0], l->plot.x + l->plot.width / 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (l->py[0], l->plot.y + l->plot.height * 3 / 4, 1e-9);
  assert_pixel (f.surface, l->px[0], l->py[0], opora_palette_color (0, FALSE), 0.9);
  assert_pixel (f.surface, l->px[1], l->py[1], opora_palette_color (1, FALSE), 0.9);
  assert_pixel (f.surface, l->px[0] + 0.8 * r, l->py[0] + 0.8 * r, (OporaColor) { 1, 1, 1 }, 1);
  assert_pixel (f.surface, l->px[1] + 0.55 * r, l->py[1] + 0.55 * r, opora_palette_color (1, FALSE), 0.9);
  assert_pixel (f.surface, l->px[2], l->py[2], (OporaColor) { 1, 1, 1 }, 1);
  /* Far from every point, the plot is white. */
  assert_pixel (f.surface, l->plot.x + l->plot.width * 0.9, l->plot.y + l->plot.height * 0.1, (OporaColor) { 1, 1, 1 }, 1);
}

static void
test_dark (void)
{
  g_autoptr(OporaPlotModel) model = small_model ();
  g_auto(Frame) f = { NULL };
  int rgb[3];

  model->options.dark = TRUE;
  draw (&f, model, 800, 600, FALSE);
  pixel (f.surface, 2, 2, rgb);
  g_assert_cmpint (rgb[0], ==, 30);
  g_assert_cmpint (rgb[1], ==, 30);
  g_assert_cmpint (rgb[2], ==, 30);
}

/* Quadrant shading: a light tint of each quadrant's colour on its side of the thresholds. */
static void
test_quadrants (void)
{
  g_autoptr(OporaPlotModel) model = opora_plot_model_new ();
  static const guint palette[] = { 3, 2, 1, 0 };
  g_auto(Frame) f = { NULL };
  OporaPlotLayout *l;

  for (guint q = 0; q < 4; q++)
    opora_plot_model_add_series (model, "Q", palette[q]);
  model->quadrants = TRUE;
  model->options.grid = FALSE;
  set_axes (model, "x", "y", -1, 1, 0);
  opora_plot_model_add_point (model, 0.9, 0.9, 3, 0, NULL);
  draw (&f, model, 800, 600, FALSE);
  l = f.layout;
  /* Quadrant 1 is bottom left, 4 top right. */
  assert_pixel (f.surface, l->plot.x + l->plot.width * 0.3, l->plot.y + l->plot.height * 0.6, opora_palette_color (3, FALSE), 0.07);
  assert_pixel (f.surface, l->plot.x + l->plot.width * 0.6, l->plot.y + l->plot.height * 0.4, opora_palette_color (0, FALSE), 0.07);
  assert_pixel (f.surface, l->plot.x + l->plot.width * 0.3, l->plot.y + l->plot.height * 0.4, opora_palette_color (2, FALSE), 0.07);
}

/* Thousands of points are stamped; the centres come out as the paths draw them. */
static void
test_stamped (void)
{
  g_autoptr(OporaPlotModel) model = opora_plot_model_new ();
  g_auto(Frame) paths = { NULL };
  g_auto(Frame) stamps = { NULL };

  for (guint s = 0; s < 3; s++)
    opora_plot_model_add_series (model, "S", s);
  model->options.grid = FALSE;
  set_axes (model, "x", "y", 0, 60, NAN);
  model->y.max = 40;
  for (guint i = 0; i < 60; i++)
    for (guint j = 0; j < 40; j++)
      opora_plot_model_add_point (model, i + 0.5, j + 0.5, (i + j) % 3, 0, NULL);
  draw (&paths, model, 1600, 1000, FALSE);
  draw (&stamps, model, 1600, 1000, TRUE);
  g_assert_cmpfloat (stamps.layout->fill_alpha, ==, 0.75);
  for (guint k = 0; k < model->points->len; k += 97)
    {
      guint series = g_array_index (model->points, OporaPlotPoint, k).series;
      double x = stamps.layout->px[k], y = stamps.layout->py[k];

      assert_pixel (stamps.surface, x, y, opora_palette_color (series, FALSE), 0.75);
      assert_pixel (paths.surface, x, y, opora_palette_color (series, FALSE), 0.75);
    }
}

/* The layout finds the point under the pointer, and none in the margins. */
static void
test_point_at (void)
{
  g_autoptr(OporaPlotModel) model = small_model ();
  g_autoptr(OporaPlotLayout) l = opora_plot_layout_new (model, 800, 600);

  g_assert_cmpint (opora_plot_layout_point_at (l, l->px[1] + 2, l->py[1] - 2), ==, 1);
  g_assert_cmpint (opora_plot_layout_point_at (l, l->px[0], l->py[0]), ==, 0);
  g_assert_cmpint (opora_plot_layout_point_at (l, 2, 2), ==, -1);
  g_assert_cmpfloat_with_epsilon (opora_plot_layout_pixel_to_x (l, l->px[1]), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (opora_plot_layout_pixel_to_y (l, l->py[1]), 0.75, 1e-9);
}

/* Nothing is cut off: every text lies inside the chart, from 800 × 600 up. */
static void
test_inside (void)
{
  static const int sizes[][2] = { { 800, 600 }, { 1600, 1000 }, { 3840, 2160 }, { 640, 480 } };
  g_autoptr(OporaPlotModel) model = small_model ();

  model->subtitle = g_strdup ("A subtitle that is rather long, to see that it is shortened with an ellipsis when the chart is narrow");
  model->source = g_strdup ("Source: a test");
  model->options.scale = 1.5;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(OporaPlotLayout) l = opora_plot_layout_new (model, sizes[i][0], sizes[i][1]);

      for (guint t = 0; t < l->texts->len; t++)
        {
          const OporaPlotRect *b = &g_array_index (l->texts, OporaPlotText, t).box;
          g_assert_true (b->x >= 0 && b->y >= 0 && b->x + b->width <= sizes[i][0] && b->y + b->height <= sizes[i][1]);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/render/ticks", test_ticks);
  g_test_add_func ("/plot/render/ticks-russian", test_ticks_russian);
  g_test_add_func ("/plot/render/points", test_points);
  g_test_add_func ("/plot/render/dark", test_dark);
  g_test_add_func ("/plot/render/quadrants", test_quadrants);
  g_test_add_func ("/plot/render/stamped", test_stamped);
  g_test_add_func ("/plot/render/point-at", test_point_at);
  g_test_add_func ("/plot/render/inside", test_inside);

  return g_test_run ();
}
