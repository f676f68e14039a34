/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fast PNG writer for charts: drawn and deflated at level 1 on two threads, the DPI recorded. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws the whole image on @cr, in pixels. */
typedef void (*OporaPlotPngDraw) (cairo_t  *cr,
                                  gpointer  data);

GBytes *opora_plot_png_encode (cairo_surface_t   *surface,
                               double             dpi);
GBytes *opora_plot_png_render (int                width,
                               int                height,
                               double             dpi,
                               OporaPlotPngDraw   draw,
                               gpointer           data);

G_END_DECLS
