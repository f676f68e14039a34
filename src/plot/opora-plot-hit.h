/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A spatial grid over the drawn markers: which point is under the pointer, which lie in a box. */
#pragma once

#include <glib.h>

#include "opora-plot-model.h"

G_BEGIN_DECLS

typedef struct _OporaPlotHitGrid OporaPlotHitGrid;

OporaPlotHitGrid *opora_plot_hit_grid_new      (const double        *x,
                                                const double        *y,
                                                const double        *radius,
                                                guint                n,
                                                const OporaPlotRect *bounds,
                                                double               cell);
void              opora_plot_hit_grid_free     (OporaPlotHitGrid    *grid);
int               opora_plot_hit_grid_point_at (const OporaPlotHitGrid *grid,
                                                double               x,
                                                double               y,
                                                double               slop);
guint             opora_plot_hit_grid_count    (const OporaPlotHitGrid *grid,
                                                const OporaPlotRect *rect,
                                                guint                stop_at);
GArray           *opora_plot_hit_grid_in_rect  (const OporaPlotHitGrid *grid,
                                                const OporaPlotRect *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotHitGrid, opora_plot_hit_grid_free)

G_END_DECLS
