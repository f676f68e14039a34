/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole dashboard on one A4 landscape page: cards, ranking, outcome, programs behind; to PDF or PNG. */
#pragma once

#include <cairo.h>

#include "opora-dashboard.h"

G_BEGIN_DECLS

/* The page in points: A4 landscape. */
#define OPORA_PLOT_DASHBOARD_WIDTH  842.0
#define OPORA_PLOT_DASHBOARD_HEIGHT 595.0

void     opora_plot_dashboard_render (const OporaDashboard  *dashboard,
                                      cairo_t               *cr);
gboolean opora_plot_dashboard_export (const OporaDashboard  *dashboard,
                                      const char            *path,
                                      GError               **error);

G_END_DECLS
