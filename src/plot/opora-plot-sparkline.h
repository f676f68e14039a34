/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A sparkline of yearly totals on any cairo_t: for the dashboard's ranking on screen and on paper. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

void opora_plot_sparkline_render (cairo_t      *cr,
                                  GArray       *history,
                                  double        max_total,
                                  double        x,
                                  double        y,
                                  double        width,
                                  double        height,
                                  double        red,
                                  double        green,
                                  double        blue);

G_END_DECLS
