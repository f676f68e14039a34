/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the program timeline: bars and today's line at known pixels in known colours, whole texts, SVG. */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "opora-plot-timeline.h"

/* At 800 pixels the titles take 256, so the months run from 276 to 788:
 * 512 pixels for the 365 days of 2025/26. */
#define WIDTH   800
#define LEFT    276.0
#define PER_DAY (512.0 / 365)

typedef struct {
  cairo_surface_t         *surface;
  OporaPlotTimelineLayout *layout;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->layout, opora_plot_timeline_layout_free);
  g_clear_pointer (&frame->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Frame, frame_clear)

/* Draws @model on white through opora_plot_timeline_render(), and keeps
 * the same layout to compare with. */
static void
draw (Frame             *frame,
      OporaPlotTimeline *model)
{
  double height = opora_plot_timeline_height (model, NULL);
  cairo_t *cr;

  frame->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, (int) ceil (height));
  frame->layout = opora_plot_timeline_layout_new (model, WIDTH, NULL);
  cr = cairo_create (frame->surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  opora_plot_timeline_render (model, cr, WIDTH, height, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (frame->surface);
}

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

/* Whether the pixel at (@x, @y) is @expected, 0–255, within 3. */
static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          const int        expected[3])
{
  int rgb[3];

  pixel (surface, x, y, rgb);
  g_test_message ("(%g, %g): %d %d %d, expected %d %d %d", x, y, rgb[0], rgb[1], rgb[2],
                  expected[0], expected[1], expected[2]);
  for (guint c = 0; c < 3; c++)
    if (ABS (rgb[c] - expected[c]) > 3)
      return FALSE;
  return TRUE;
}

static const int blue[3] = { 0, 114, 178 };            /* planned */
static const int vermilion[3] = { 213, 94, 0 };        /* overdue */
static const int reddish_purple[3] = { 204, 121, 167 }; /* today */

/* A planned bar of September 2025 spans its 30 days from day 31 (1 September). */
static void
test_bar (void)
{
  g_autoptr(OporaPlotTimeline) model = opora_plot_timeline_new (2026, NULL);
  g_auto(Frame) frame = { 0 };
  double x0 = LEFT + 31 * PER_DAY, x1 = LEFT + 61 * PER_DAY, y;
  const OporaPlotRect *r;

  opora_plot_timeline_add_bar (model, "1. Seminar", "Stage 1", "2025-09-01", "2025-09-30", OPORA_PLOT_BAR_PLANNED);
  draw (&frame, model);
  r = &frame.layout->bars[0];
  g_assert_cmpfloat_with_epsilon (frame.layout->left, LEFT, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->x, x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->x + r->width, x1, 1e-9);
  g_assert_cmpfloat (r->y, >=, frame.layout->top);
  g_assert_cmpfloat (r->y + r->height, <=, frame.layout->top + frame.layout->row_height);
  g_assert_true (isnan (frame.layout->today_x));

  y = r->y + r->height / 2;
  g_assert_true (pixel_is (frame.surface, x0 + 1, y, blue));
  g_assert_true (pixel_is (frame.surface, (x0 + x1) / 2, y, blue));
  g_assert_true (pixel_is (frame.surface, x1 - 1, y, blue));
  g_assert_false (pixel_is (frame.surface, x0 - 3, y, blue));
  g_assert_false (pixel_is (frame.surface, x1 + 3, y, blue));
  g_assert_false (pixel_is (frame.surface, (x0 + x1) / 2, r->y - 2, blue));
}

/* 1 January 2026 is day 153 of the school year. */
static void
test_today (void)
{
  g_autoptr(OporaPlotTimeline) model = opora_plot_timeline_new (2026, "2026-01-01");
  g_auto(Frame) frame = { 0 };
  double x = LEFT + 153 * PER_DAY, y;

  opora_plot_timeline_add_bar (model, "1. Seminar", NULL, "2025-09-01", "2025-09-30", OPORA_PLOT_BAR_DONE);
  draw (&frame, model);
  g_assert_cmpfloat_with_epsilon (frame.layout->today_x, x, 1e-9);
  y = frame.layout->top + frame.layout->row_height / 2;
  g_assert_true (pixel_is (frame.surface, x, y, reddish_purple));
  g_assert_false (pixel_is (frame.surface, x - 4, y, reddish_purple));
  g_assert_false (pixel_is (frame.surface, x + 4, y, reddish_purple));

  /* A day outside the school year draws no line. */
  g_clear_pointer (&model->today, g_free);
  model->today = g_strdup ("2026-09-01");
  frame_clear (&frame);
  draw (&frame, model);
  g_assert_true (isnan (frame.layout->today_x));
}

/* An overdue bar is vermilion crossed by white lines: both show along its middle. */
static void
test_overdue_hatched (void)
{
  g_autoptr(OporaPlotTimeline) model = opora_plot_timeline_new (2026, "2025-12-01");
  g_auto(Frame) frame = { 0 };
  const OporaPlotRect *r;
  guint coloured = 0, light = 0;

  opora_plot_timeline_add_bar (model, "1. Seminar", NULL, "2025-09-01", "2025-10-31", OPORA_PLOT_BAR_OVERDUE);
  draw (&frame, model);
  r = &frame.layout->bars[0];
  for (double x = r->x + 1; x < r->x + r->width - 1; x += 1)
    {
      int rgb[3];

      pixel (frame.surface, x, r->y + r->height / 2, rgb);
      coloured += ABS (rgb[0] - vermilion[0]) <= 3 && ABS (rgb[1] - vermilion[1]) <= 3 && ABS (rgb[2] - vermilion[2]) <= 3;
      light += rgb[0] > 240 && rgb[1] > 200 && rgb[2] > 200;
    }
  g_test_message ("%u vermilion, %u light of %g", coloured, light, r->width);
  g_assert_cmpuint (coloured, >, r->width / 4);
  g_assert_cmpuint (light, >, r->width / 10);
}

/* A long title is ellipsized within the titles' column; no text leaves
 * the picture or its row, and the legend is whole at 800 pixels. */
static void
test_texts_whole (void)
{
  g_autoptr(OporaPlotTimeline) model = opora_plot_timeline_new (2026, "2025-11-15");
  g_autoptr(OporaPlotTimelineLayout) layout = NULL;
  guint titles = 0;

  opora_plot_timeline_add_bar (model, "1. Методический семинар для учителей математики и русского языка "
                               "с разбором типичных ошибок выпускников прошлого года", NULL,
                               "2025-10-01", "2025-10-31", OPORA_PLOT_BAR_OVERDUE);
  opora_plot_timeline_add_bar (model, "2. Short", NULL, "2025-11-01", "2025-11-30", OPORA_PLOT_BAR_PLANNED);
  layout = opora_plot_timeline_layout_new (model, WIDTH, NULL);
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const OporaPlotText *t = &g_array_index (layout->texts, OporaPlotText, i);
      PangoRectangle ink;

      pango_layout_get_pixel_extents (t->layout, &ink, NULL);
      g_test_message ("“%s”: %g + %g, ink %d", pango_layout_get_text (t->layout), t->box.x, t->box.width, ink.width);
      g_assert_cmpfloat (t->box.x, >=, 0);
      g_assert_cmpfloat (t->box.x + t->box.width, <=, WIDTH);
      g_assert_cmpfloat (t->box.y, >=, 0);
      g_assert_cmpfloat (t->box.y + t->box.height, <=, layout->height);
      g_assert_cmpint (ink.width, <=, pango_layout_get_width (t->layout) / PANGO_SCALE + 1);
      if (t->role == OPORA_PLOT_TEXT_LEGEND)
        g_assert_false (pango_layout_is_ellipsized (t->layout));
      if (t->role != OPORA_PLOT_TEXT_LABEL)
        continue;
      g_assert_cmpfloat (t->box.x + t->box.width, <, layout->left);
      g_assert_cmpfloat (t->box.height, <=, layout->row_height);
      g_assert_cmpint (pango_layout_is_ellipsized (t->layout), ==, titles == 0);
      titles++;
    }
  g_assert_cmpuint (titles, ==, 2);
}

static void
test_svg (void)
{
  g_autoptr(OporaPlotTimeline) model = opora_plot_timeline_new (2026, "2025-11-15");
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  opora_plot_timeline_add_bar (model, "1. Взаимопосещение уроков", NULL, "2025-11-01", "2026-03-31",
                               OPORA_PLOT_BAR_IN_PROGRESS);
  svg = opora_plot_timeline_svg (model, WIDTH, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, ">1. Взаимопосещение уроков</text>"));
  g_assert_nonnull (strstr (text, ">Today</text>"));
}

int
main (int   argc,
      char *argv[])
{
  /* English month names and words, whatever the machine speaks. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/timeline/bar", test_bar);
  g_test_add_func ("/plot/timeline/today", test_today);
  g_test_add_func ("/plot/timeline/overdue-hatched", test_overdue_hatched);
  g_test_add_func ("/plot/timeline/texts-whole", test_texts_whole);
  g_test_add_func ("/plot/timeline/svg", test_svg);
  return g_test_run ();
}
