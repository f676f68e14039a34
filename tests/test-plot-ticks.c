/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the axis ticks: exact steps and positions. */

#include <math.h>

#include "opora-plot-ticks.h"

static void
test_nice_step (void)
{
  static const struct { double raw, step; } cases[] = {
    { 0.13, 0.2 }, { 0.3, 0.5 }, { 0.2, 0.2 }, { 1, 1 }, { 1.01, 2 }, { 3, 5 },
    { 7, 10 }, { 20, 20 }, { 2.5e-4, 5e-4 }, { 45000, 50000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (opora_plot_nice_step (cases[i].raw), cases[i].step, cases[i].step * 1e-12);
}

static void
test_ticks (void)
{
  static const struct {
    double min, max;
    guint target;
    double step;
    int decimals;
    guint n;
    double first, last;
  } cases[] = {
    { 0, 1, 5, 0.2, 1, 6, 0, 1 },
    { -1.8, 1.7, 6, 0.5, 1, 7, -1.5, 1.5 },
    { 0, 100, 5, 20, 0, 6, 0, 100 },
    { 2, 5, 6, 0.5, 1, 7, 2, 5 },
    { 0.1, 0.35, 5, 0.05, 2, 6, 0.1, 0.35 },
    { 13, 97, 4, 20, 0, 4, 20, 80 },
    { 1234, 1234, 5, 200, 0, 1, 1234, 1234 },
    { 0, 40000, 8, 5000, 0, 9, 0, 40000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OporaPlotTicks t;

      opora_plot_ticks_compute (cases[i].min, cases[i].max, cases[i].target, &t);
      g_test_message ("case %u: %g…%g", i, cases[i].min, cases[i].max);
      g_assert_cmpfloat_with_epsilon (t.step, cases[i].step, cases[i].step * 1e-12);
      g_assert_cmpint (t.decimals, ==, cases[i].decimals);
      g_assert_cmpuint (t.n, ==, cases[i].n);
      g_assert_cmpfloat_with_epsilon (t.values[0], cases[i].first, 1e-12);
      g_assert_cmpfloat_with_epsilon (t.values[t.n - 1], cases[i].last, 1e-12);
      g_assert_cmpuint (t.n, <=, cases[i].target + 1);
    }
}

/* Ticks are the doubles nearest their decimals (0.3, not 0.30000000000000004), and zero is not −0. */
static void
test_ticks_exact (void)
{
  OporaPlotTicks t;

  opora_plot_ticks_compute (-0.3, 0.3, 6, &t);
  g_assert_cmpuint (t.n, ==, 7);
  g_assert_true (t.values[3] == 0 && !signbit (t.values[3]));
  g_assert_true (t.values[6] == 0.3);
  g_assert_true (t.values[0] == -0.3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/ticks/nice-step", test_nice_step);
  g_test_add_func ("/plot/ticks/ticks", test_ticks);
  g_test_add_func ("/plot/ticks/exact", test_ticks_exact);

  return g_test_run ();
}
