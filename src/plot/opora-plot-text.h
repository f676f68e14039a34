/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lines and short paragraphs of Pango text for the dashboard's pictures: made, measured, placed. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "opora-palette.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_PLOT_ALIGN_LEFT,
  OPORA_PLOT_ALIGN_CENTER,
  OPORA_PLOT_ALIGN_RIGHT,
} OporaPlotAlign;

typedef struct {
  double      size;       /* in the units of the cairo_t: pixels or points */
  gboolean    bold;
  double      width;      /* the box's width; ≤ 0: unbounded */
  int         max_lines;  /* 1: ellipsized; more: wrapped, the last ellipsized */
  OporaPlotAlign align;
  OporaColor  color;
} OporaPlotTextStyle;

PangoLayout *opora_plot_text_new    (PangoContext              *context,
                                     const char                *text,
                                     const OporaPlotTextStyle  *style);
double       opora_plot_text_height (PangoLayout               *layout);
double       opora_plot_text_width  (PangoLayout               *layout);
double       opora_plot_text_show   (cairo_t                   *cr,
                                     PangoContext              *context,
                                     const char                *text,
                                     const OporaPlotTextStyle  *style,
                                     double                     x,
                                     double                     y);

/* Pango 1.50 declares none for its context. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PangoContext, g_object_unref)

G_END_DECLS
