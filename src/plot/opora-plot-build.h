/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A chart's model from a workspace and an analysis: the window and opora-cli plot both build it here. */
#pragma once

#include "opora-analysis.h"
#include "opora-plot-model.h"

G_BEGIN_DECLS

#define OPORA_PLOT_AXIS_CONTEXT "context_index"
#define OPORA_PLOT_AXIS_RESULTS "results_index"

typedef struct {
  const char          *x_key;     /* nullable: the context index; or an indicator's key */
  const char          *y_key;     /* nullable: the results index; or an indicator's key */
  const OporaAnalysis *previous;  /* nullable: last year's analysis, for trajectories on the indices */
} OporaPlotBuildOptions;

OporaPlotModel *opora_plot_model_build     (OporaDb                     *db,
                                            const OporaAnalysis         *analysis,
                                            const OporaPlotBuildOptions *options,
                                            GError                     **error);
guint           opora_plot_quadrant_palette (int                          quadrant);
char           *opora_plot_school_year      (int                          year);

G_END_DECLS
