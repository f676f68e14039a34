/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A chart to a PNG, SVG or PDF file, drawn by the same renderer as the window. */
#pragma once

#include <glib.h>

#include "opora-plot-model.h"
#include "opora-plot-render.h"

G_BEGIN_DECLS

/* Draws a picture on @cr, handing each text to @text_func with @text_data. */
typedef void (*OporaPlotSvgDrawFunc) (cairo_t           *cr,
                                      OporaPlotTextFunc  text_func,
                                      gpointer           text_data,
                                      gpointer           user_data);

typedef enum {
  OPORA_PLOT_FORMAT_PNG,
  OPORA_PLOT_FORMAT_SVG,
  OPORA_PLOT_FORMAT_PDF,
} OporaPlotFormat;

gboolean  opora_plot_format_from_path (const char       *path,
                                       OporaPlotFormat  *format);
GBytes   *opora_plot_export_bytes     (OporaPlotModel   *model,
                                       OporaPlotFormat   format,
                                       double            width,
                                       double            height,
                                       double            dpi,
                                       GError          **error);
gboolean  opora_plot_export           (OporaPlotModel   *model,
                                       const char       *path,
                                       double            width,
                                       double            height,
                                       double            dpi,
                                       GError          **error);
GBytes   *opora_plot_svg_bytes        (OporaPlotSvgDrawFunc draw,
                                       gpointer         user_data,
                                       const char      *title,
                                       double           width,
                                       double           height,
                                       GError         **error);

G_END_DECLS
