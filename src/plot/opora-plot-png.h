/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fast PNG writer for charts: deflate at level 1 on two threads, the DPI recorded. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

GBytes *opora_plot_png_encode (cairo_surface_t *surface,
                               double           dpi);

G_END_DECLS
