/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Okabe–Ito colours for series and clusters, a marker per series, and WCAG contrast. */

#include <math.h>

#include "opora-palette.h"

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every
 * common colour-vision deficiency. Black comes last: it is the text colour. */
static const OporaColor light[OPORA_PALETTE_SIZE] = {
  { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 },  /* blue */
  { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 },  /* orange */
  { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 },  /* bluish green */
  { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 },  /* vermillion */
  { 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 },  /* reddish purple */
  { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 },  /* sky blue */
  { 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 },  /* yellow */
  { 0x00 / 255.0, 0x00 / 255.0, 0x00 / 255.0 },  /* black */
};

/**
 * opora_palette_color:
 * @index: a series or cluster number; wraps around after %OPORA_PALETTE_SIZE
 * @dark: whether the background is dark (black becomes white)
 *
 * Returns: the colour of series @index
 */
OporaColor
opora_palette_color (guint    index,
                     gboolean dark)
{
  OporaColor color = light[index % OPORA_PALETTE_SIZE];

  if (dark && index % OPORA_PALETTE_SIZE == OPORA_PALETTE_SIZE - 1)
    color = (OporaColor) { 1.0, 1.0, 1.0 };
  return color;
}

/**
 * opora_palette_marker:
 * @index: a series or cluster number
 *
 * Each series gets a shape too, so colour never carries meaning alone.
 *
 * Returns: the marker shape of series @index
 */
OporaMarker
opora_palette_marker (guint index)
{
  return index % OPORA_N_MARKERS;
}

/**
 * opora_color_to_hex:
 * @color: a colour
 *
 * { 0, 0.447, 0.698 } → "#0072B2"
 *
 * Returns: (transfer full): the colour as "#RRGGBB"
 */
char *
opora_color_to_hex (OporaColor color)
{
  return g_strdup_printf ("#%02X%02X%02X",
                          (int) lround (color.red * 255),
                          (int) lround (color.green * 255),
                          (int) lround (color.blue * 255));
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (OporaColor c)
{
  return 0.2126 * channel_luminance (c.red) +
         0.7152 * channel_luminance (c.green) +
         0.0722 * channel_luminance (c.blue);
}

/**
 * opora_color_contrast:
 * @a: a colour
 * @b: another colour
 *
 * The WCAG 2 contrast ratio: black on white → 21, a colour on itself → 1.
 *
 * Returns: the ratio, from 1 to 21
 */
double
opora_color_contrast (OporaColor a,
                      OporaColor b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}
