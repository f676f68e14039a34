/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Greedy placement of point labels: beside their points where room is, farther out with a leader line. */
#pragma once

#include <glib.h>

#include "opora-plot-hit.h"
#include "opora-plot-model.h"

G_BEGIN_DECLS

typedef struct {
  double x, y;           /* the marker's centre */
  double radius;         /* the marker's radius */
  double width, height;  /* the text's box */
} OporaPlotLabelRequest;

typedef struct {
  gboolean      placed;
  gboolean      leader;  /* set away from its point: join them with a line */
  OporaPlotRect box;
} OporaPlotLabelPlace;

typedef struct _OporaPlotLabeler OporaPlotLabeler;

OporaPlotLabeler *opora_plot_labeler_new   (const OporaPlotHitGrid      *markers,
                                            const OporaPlotRect         *bounds,
                                            const OporaPlotRect         *obstacles,
                                            guint                        n_obstacles,
                                            double                       gap);
gboolean          opora_plot_labeler_place (OporaPlotLabeler            *labeler,
                                            const OporaPlotLabelRequest *request,
                                            OporaPlotLabelPlace         *place);
void              opora_plot_labeler_free  (OporaPlotLabeler            *labeler);

void     opora_plot_place_labels    (const OporaPlotLabelRequest *requests,
                                     guint                        n,
                                     const OporaPlotHitGrid      *markers,
                                     const OporaPlotRect         *bounds,
                                     const OporaPlotRect         *obstacles,
                                     guint                        n_obstacles,
                                     double                       gap,
                                     OporaPlotLabelPlace         *places);
gboolean opora_plot_rects_intersect (const OporaPlotRect         *a,
                                     const OporaPlotRect         *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotLabeler, opora_plot_labeler_free)

G_END_DECLS
