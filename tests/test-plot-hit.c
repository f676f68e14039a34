/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the hover grid: the point under the pointer, markers in a box, a rubber band. */

#include <math.h>

#include "opora-plot-hit.h"

/* Five markers on a 100 × 100 area; 2 and 3 overlap. */
static const double xs[] = { 10, 50, 80, 84, 99.5, NAN };
static const double ys[] = { 10, 50, 80, 80, 99.5, 20 };
static const double rs[] = { 5, 5, 6, 6, 3, 5 };
static const OporaPlotRect area = { 0, 0, 100, 100 };

static void
test_point_at (void)
{
  static const struct { double x, y, slop; int expected; } cases[] = {
    { 10, 10, 0, 0 },      /* the centre */
    { 14.9, 10, 0, 0 },    /* inside the edge */
    { 15.5, 10, 0, -1 },   /* just outside */
    { 15.5, 10, 1, 0 },    /* …but within the slop */
    { 30, 30, 3, -1 },     /* between points */
    { 81, 80, 0, 2 },      /* two markers: the nearer centre */
    { 83, 80, 0, 3 },
    { 82, 80, 0, 3 },      /* a tie: the one drawn later */
    { 99.5, 99.5, 0, 4 },  /* on the area's corner */
    { 150, 150, 10, -1 },  /* outside the area */
    { -5, -5, 20, 0 },     /* outside, but the slop reaches in */
  };
  g_autoptr(OporaPlotHitGrid) grid = opora_plot_hit_grid_new (xs, ys, rs, G_N_ELEMENTS (xs), &area, 8);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: (%g, %g)", i, cases[i].x, cases[i].y);
      g_assert_cmpint (opora_plot_hit_grid_point_at (grid, cases[i].x, cases[i].y, cases[i].slop), ==, cases[i].expected);
    }
}

static void
test_count (void)
{
  g_autoptr(OporaPlotHitGrid) grid = opora_plot_hit_grid_new (xs, ys, rs, G_N_ELEMENTS (xs), &area, 8);
  OporaPlotRect all = { 0, 0, 100, 100 }, corner = { 0, 0, 20, 20 }, touching = { 15.5, 0, 10, 30 };
  OporaPlotRect near_edge = { 14, 0, 10, 30 }, pair = { 70, 70, 20, 20 };

  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &all, 0), ==, 5);
  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &all, 2), ==, 2);
  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &corner, 0), ==, 1);
  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &touching, 0), ==, 0);
  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &near_edge, 0), ==, 1);
  g_assert_cmpuint (opora_plot_hit_grid_count (grid, &pair, 0), ==, 2);
}

static void
test_in_rect (void)
{
  g_autoptr(OporaPlotHitGrid) grid = opora_plot_hit_grid_new (xs, ys, rs, G_N_ELEMENTS (xs), &area, 8);
  OporaPlotRect band = { 40, 40, 60, 60 };
  g_autoptr(GArray) found = opora_plot_hit_grid_in_rect (grid, &band);
  static const guint expected[] = { 1, 2, 3, 4 };

  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpuint (g_array_index (found, guint, i), ==, expected[i]);
}

/* Every one of 40 000 random points is found at its own centre. */
static void
test_many (void)
{
  guint n = 40000;
  g_autofree double *x = g_new (double, n), *y = g_new (double, n), *r = g_new (double, n);
  OporaPlotRect plot = { 50, 40, 1500, 900 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(OporaPlotHitGrid) grid = NULL;

  for (guint i = 0; i < n; i++)
    {
      x[i] = g_rand_double_range (rand, plot.x, plot.x + plot.width);
      y[i] = g_rand_double_range (rand, plot.y, plot.y + plot.height);
      r[i] = 2.5;
    }
  grid = opora_plot_hit_grid_new (x, y, r, n, &plot, 10);
  for (guint i = 0; i < n; i++)
    {
      int hit = opora_plot_hit_grid_point_at (grid, x[i], y[i], 0);
      g_assert_cmpint (hit, >=, 0);
      g_assert_true (hypot (x[hit] - x[i], y[hit] - y[i]) == 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/hit/point-at", test_point_at);
  g_test_add_func ("/plot/hit/count", test_count);
  g_test_add_func ("/plot/hit/in-rect", test_in_rect);
  g_test_add_func ("/plot/hit/many", test_many);

  return g_test_run ();
}
