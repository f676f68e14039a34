/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of label placement: where a free label goes, and no overlaps on a crowded chart. */

#include <math.h>

#include "opora-plot-labels.h"

static const OporaPlotRect bounds = { 0, 0, 400, 300 };

/* With room everywhere, a label sits right of its point, centred, a gap away. */
static void
test_free (void)
{
  OporaPlotLabelRequest request = { 100, 100, 5, 40, 12 };
  OporaPlotLabelPlace place;

  opora_plot_place_labels (&request, 1, NULL, &bounds, NULL, 0, 3, &place);
  g_assert_true (place.placed);
  g_assert_false (place.leader);
  g_assert_cmpfloat (place.box.x, ==, 108);
  g_assert_cmpfloat (place.box.y, ==, 94);
  g_assert_cmpfloat (place.box.width, ==, 40);
  g_assert_cmpfloat (place.box.height, ==, 12);
}

/* At the right edge the label goes left; under an obstacle it moves on too. */
static void
test_edges (void)
{
  OporaPlotLabelRequest requests[] = { { 390, 100, 5, 40, 12 }, { 100, 200, 5, 40, 12 } };
  OporaPlotRect obstacle = { 100, 180, 100, 40 };
  OporaPlotLabelPlace places[2];

  opora_plot_place_labels (requests, 2, NULL, &bounds, &obstacle, 1, 3, places);
  g_assert_true (places[0].placed);
  g_assert_cmpfloat (places[0].box.x, ==, 390 - 8 - 40);
  g_assert_true (places[1].placed);
  g_assert_cmpfloat (places[1].box.x + places[1].box.width, ==, 100 - 8);
}

/* Two points side by side: the second label may not take the first one's place. */
static void
test_neighbours (void)
{
  OporaPlotLabelRequest requests[] = { { 100, 100, 5, 40, 12 }, { 100, 100, 5, 40, 12 } };
  OporaPlotLabelPlace places[2];

  opora_plot_place_labels (requests, 2, NULL, &bounds, NULL, 0, 3, places);
  g_assert_true (places[0].placed && places[1].placed);
  g_assert_cmpfloat (places[1].box.x + places[1].box.width, ==, 100 - 8);
}

static gboolean
overlap (const OporaPlotRect *a,
         const OporaPlotRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* 300 markers crowded in the middle, 60 of them labelled, an obstacle in a
 * corner: labels never overlap each other, the obstacle or the edge, nor
 * hide more than two markers; half of them find room (30 when written). */
static void
test_crowded (void)
{
  guint n = 300, n_labels = 60, placed = 0;
  g_autofree double *x = g_new (double, n), *y = g_new (double, n), *r = g_new (double, n);
  g_autofree OporaPlotLabelRequest *requests = g_new (OporaPlotLabelRequest, n_labels);
  g_autofree OporaPlotLabelPlace *places = g_new (OporaPlotLabelPlace, n_labels);
  OporaPlotRect obstacle = { 300, 0, 100, 20 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autoptr(OporaPlotHitGrid) grid = NULL;

  for (guint i = 0; i < n; i++)
    {
      x[i] = 200 + 60 * g_rand_double_range (rand, -1, 1) * g_rand_double (rand);
      y[i] = 150 + 50 * g_rand_double_range (rand, -1, 1) * g_rand_double (rand);
      r[i] = 4;
    }
  grid = opora_plot_hit_grid_new (x, y, r, n, &bounds, 16);
  for (guint i = 0; i < n_labels; i++)
    requests[i] = (OporaPlotLabelRequest) { x[i * 5], y[i * 5], r[i * 5], 30 + i % 5 * 12, 12 };
  opora_plot_place_labels (requests, n_labels, grid, &bounds, &obstacle, 1, 2, places);

  for (guint i = 0; i < n_labels; i++)
    {
      if (!places[i].placed)
        continue;
      placed++;
      g_assert_false (overlap (&places[i].box, &obstacle));
      g_assert_cmpuint (opora_plot_hit_grid_count (grid, &places[i].box, 0), <=, 2);
      g_assert_true (places[i].box.x >= 0 && places[i].box.y >= 0 &&
                     places[i].box.x + places[i].box.width <= 400 && places[i].box.y + places[i].box.height <= 300);
      for (guint j = 0; j < i; j++)
        if (places[j].placed)
          g_assert_false (overlap (&places[i].box, &places[j].box));
    }
  g_test_message ("%u of %u labels placed", placed, n_labels);
  g_assert_cmpuint (placed, >=, n_labels / 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/labels/free", test_free);
  g_test_add_func ("/plot/labels/edges", test_edges);
  g_test_add_func ("/plot/labels/neighbours", test_neighbours);
  g_test_add_func ("/plot/labels/crowded", test_crowded);

  return g_test_run ();
}
