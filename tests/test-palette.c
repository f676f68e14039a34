/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the chart palette: exact Okabe–Ito colours, shapes and contrast ratios. */

#include "opora-palette.h"

static void
test_colors (void)
{
  static const char *expected[] = {
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *hex = opora_color_to_hex (opora_palette_color (i, FALSE));
      g_autofree char *wrapped = opora_color_to_hex (opora_palette_color (i + OPORA_PALETTE_SIZE, FALSE));

      g_assert_cmpstr (hex, ==, expected[i]);
      g_assert_cmpstr (wrapped, ==, expected[i]);
    }
}

static void
test_dark (void)
{
  g_autofree char *last = opora_color_to_hex (opora_palette_color (7, TRUE));
  g_autofree char *first = opora_color_to_hex (opora_palette_color (0, TRUE));

  g_assert_cmpstr (last, ==, "#FFFFFF");
  g_assert_cmpstr (first, ==, "#0072B2");
}

static void
test_markers (void)
{
  /* Neighbouring series never share a shape. */
  for (guint i = 0; i < 2 * OPORA_N_MARKERS; i++)
    g_assert_cmpint (opora_palette_marker (i), !=, opora_palette_marker (i + 1));
  g_assert_cmpint (opora_palette_marker (0), ==, OPORA_MARKER_CIRCLE);
  g_assert_cmpint (opora_palette_marker (OPORA_N_MARKERS + 2), ==, OPORA_MARKER_TRIANGLE);
}

static void
test_contrast (void)
{
  OporaColor black = { 0, 0, 0 }, white = { 1, 1, 1 };

  g_assert_cmpfloat_with_epsilon (opora_color_contrast (black, white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (opora_color_contrast (white, black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (opora_color_contrast (white, white), 1.0, 1e-9);
  /* Okabe–Ito blue on white: 5.19:1, enough for markers (WCAG asks 3:1 for graphics). */
  g_assert_cmpfloat_with_epsilon (opora_color_contrast (opora_palette_color (0, FALSE), white), 5.185, 0.001);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/palette/colors", test_colors);
  g_test_add_func ("/plot/palette/dark", test_dark);
  g_test_add_func ("/plot/palette/markers", test_markers);
  g_test_add_func ("/plot/palette/contrast", test_contrast);

  return g_test_run ();
}
