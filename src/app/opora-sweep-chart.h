/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small line chart of the silhouette against k, the chosen k marked by shape as well as colour. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OPORA_TYPE_SWEEP_CHART (opora_sweep_chart_get_type ())

G_DECLARE_FINAL_TYPE (OporaSweepChart, opora_sweep_chart, OPORA, SWEEP_CHART, GtkDrawingArea)

void opora_sweep_chart_set_sweep (OporaSweepChart *self,
                                  GArray          *sweep,
                                  guint            chosen_k);

G_END_DECLS
