/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dashboard page's parts share: the page's colours and the box each part fills. */
#pragma once

#include <pango/pangocairo.h>

#include "opora-dashboard.h"
#include "opora-plot-model.h"
#include "opora-plot-text.h"

G_BEGIN_DECLS

#define DASH_INK    ((OporaColor) { 0.13, 0.13, 0.13 })
#define DASH_MUTED  ((OporaColor) { 0.40, 0.40, 0.42 })
#define DASH_GOOD   ((OporaColor) { 0.000, 0.520, 0.380 })  /* Okabe–Ito bluish green, darkened for text */
#define DASH_BAD    ((OporaColor) { 0.780, 0.320, 0.000 })  /* vermilion, darkened for text */

double opora_plot_dashboard_heading (cairo_t               *cr,
                                     PangoContext          *pango,
                                     const char            *text,
                                     double                 x,
                                     double                 y,
                                     double                 width);
void   opora_plot_dashboard_ranking (const OporaDashboard  *dashboard,
                                     cairo_t               *cr,
                                     PangoContext          *pango,
                                     const OporaPlotRect   *box);

G_END_DECLS
