/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the outcome chart's layout: the value range, the zero line and each bar, worked out by hand. */

#include <math.h>

#include "opora-plot-outcome.h"

static OporaPlotOutcome *
model_new (void)
{
  OporaPlotOutcome *model = opora_plot_outcome_new ("Supported", "Others");

  opora_plot_outcome_add_group (model, "A", 0.35, 2, -0.15, 2, FALSE);
  opora_plot_outcome_add_group (model, "B", NAN, 0, 0.2, 1, FALSE);
  opora_plot_outcome_add_group (model, "All", 0.35, 2, -0.1 / 3, 3, TRUE);
  return model;
}

/* 400 × 300 at scale 1: the plot area is x 44…396, y 28…246 (legend 18 + 10
 * above, captions 54 below). Values −0.15 … 0.35 span 0.5; a fifth of it is
 * added on each side with a bar: −0.25 … 0.45, 0.7 over 218 pixels. Zero
 * lies 0.45 / 0.7 × 218 = 140.142857 below the top. */
static void
test_layout (void)
{
  g_autoptr(OporaPlotOutcome) model = model_new ();
  g_autoptr(OporaPlotOutcomeLayout) layout = opora_plot_outcome_layout_new (model, 400, 300, 1);
  const OporaPlotRect *a = &layout->bars[0], *a_other = &layout->bars[1], *b = &layout->bars[2];

  g_assert_cmpfloat_with_epsilon (layout->plot.x, 44, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->plot.y, 28, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->plot.width, 352, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->plot.height, 218, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->v_min, -0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->v_max, 0.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout->zero_y, 28 + 140.142857142857, 1e-6);
  /* Three slots of 117.33; bars 0.3 of a slot wide, 2 pixels either side of its centre. */
  g_assert_cmpfloat_with_epsilon (layout->group_width, 352.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->width, 35.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->x, 44 + 352.0 / 6 - 35.2 - 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a_other->x, 44 + 352.0 / 6 + 2, 1e-9);
  /* +0.35 rises 0.35 / 0.7 × 218 = 109 from zero; −0.15 falls 46.714286. */
  g_assert_cmpfloat_with_epsilon (a->y + a->height, layout->zero_y, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->height, 109, 1e-9);
  g_assert_cmpfloat_with_epsilon (a_other->y, layout->zero_y, 1e-9);
  g_assert_cmpfloat_with_epsilon (a_other->height, 46.714285714286, 1e-6);
  /* No supported school in B: no bar. */
  g_assert_cmpfloat (b->height, ==, 0);
}

/* Drawn on an image, the supported bar of A is blue and the space above it white. */
static void
test_render (void)
{
  g_autoptr(OporaPlotOutcome) model = model_new ();
  g_autoptr(OporaPlotOutcomeLayout) layout = opora_plot_outcome_layout_new (model, 400, 300, 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  const OporaPlotRect *a = &layout->bars[0];
  int cx = (int) (a->x + a->width / 2), stride;
  guint32 *row_in, *row_above;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  opora_plot_outcome_render (model, cr, 400, 300, 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  row_in = (guint32 *) (cairo_image_surface_get_data (surface) + stride * (int) (a->y + a->height / 2));
  row_above = (guint32 *) (cairo_image_surface_get_data (surface) + stride * (int) (layout->plot.y + 2));
  g_assert_cmphex (row_in[cx] & 0xFFFFFF, ==, 0x0072B2);
  g_assert_cmphex (row_above[cx] & 0xFFFFFF, ==, 0xFFFFFF);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/outcome/layout", test_layout);
  g_test_add_func ("/plot/outcome/render", test_render);
  return g_test_run ();
}
