/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart palette: colour-blind-safe colours (Okabe–Ito) paired with marker shapes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue;  /* 0–1 */
} OporaColor;

typedef enum {
  OPORA_MARKER_CIRCLE,
  OPORA_MARKER_SQUARE,
  OPORA_MARKER_TRIANGLE,
  OPORA_MARKER_DIAMOND,
  OPORA_MARKER_CROSS,
  OPORA_MARKER_PLUS,
  OPORA_MARKER_STAR,
  OPORA_MARKER_TRIANGLE_DOWN,
  OPORA_N_MARKERS,
} OporaMarker;

#define OPORA_PALETTE_SIZE 8

OporaColor  opora_palette_color  (guint        index,
                                  gboolean     dark);
OporaMarker opora_palette_marker (guint        index);
char       *opora_color_to_hex   (OporaColor   color);
double      opora_color_contrast (OporaColor   a,
                                  OporaColor   b);

G_END_DECLS
