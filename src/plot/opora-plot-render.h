/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing a laid-out chart on any cairo_t: the window, PNG, SVG, PDF and print share it. */
#pragma once

#include <cairo.h>

#include "opora-plot-layout.h"

G_BEGIN_DECLS

/* Called for each text instead of drawing it, in drawing order, with the
 * user-to-device matrix of that moment; the SVG export writes <text>. */
typedef void (*OporaPlotTextFunc) (const OporaPlotText    *text,
                                   OporaColor              color,
                                   OporaColor              halo,
                                   const cairo_matrix_t   *matrix,
                                   gpointer                user_data);

void opora_plot_render           (OporaPlotModel        *model,
                                  cairo_t               *cr,
                                  double                 width,
                                  double                 height);
void opora_plot_layout_draw      (const OporaPlotLayout *layout,
                                  cairo_t               *cr);
void opora_plot_layout_draw_full (const OporaPlotLayout *layout,
                                  cairo_t               *cr,
                                  gboolean               stamp,
                                  OporaPlotTextFunc      text_func,
                                  gpointer               user_data);

G_END_DECLS
