/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outcome chart: per cluster, the mean change of supported schools beside the others', on any cairo_t. */
#pragma once

#include <cairo.h>

#include "opora-plot-model.h"

G_BEGIN_DECLS

typedef struct {
  char     *name;
  double    supported;      /* mean change; NaN: no school */
  double    other;
  guint     n_supported;
  guint     n_other;
  gboolean  overall;        /* every cluster together: set apart on the right */
} OporaPlotOutcomeGroup;

typedef struct {
  char    *supported_label;  /* the legend's words for the two bars */
  char    *other_label;
  GArray  *groups;           /* OporaPlotOutcomeGroup, left to right */
} OporaPlotOutcome;

/* The chart laid out in a box: where the bars go. */
typedef struct {
  const OporaPlotOutcome *model;   /* borrowed */
  double         width, height, scale;
  OporaPlotRect  plot;             /* the bars' area */
  double         v_min, v_max;     /* the values at its bottom and top */
  double         zero_y;
  double         group_width;
  OporaPlotRect *bars;             /* two per group: supported, other; height 0 without a value */
} OporaPlotOutcomeLayout;

OporaPlotOutcome       *opora_plot_outcome_new          (const char              *supported_label,
                                                         const char              *other_label);
void                    opora_plot_outcome_free         (OporaPlotOutcome        *model);
void                    opora_plot_outcome_add_group    (OporaPlotOutcome        *model,
                                                         const char              *name,
                                                         double                   supported,
                                                         guint                    n_supported,
                                                         double                   other,
                                                         guint                    n_other,
                                                         gboolean                 overall);
OporaPlotOutcomeLayout *opora_plot_outcome_layout_new   (const OporaPlotOutcome  *model,
                                                         double                   width,
                                                         double                   height,
                                                         double                   scale);
void                    opora_plot_outcome_layout_free  (OporaPlotOutcomeLayout  *layout);
double                  opora_plot_outcome_value_to_y   (const OporaPlotOutcomeLayout *layout,
                                                         double                   value);
void                    opora_plot_outcome_render       (const OporaPlotOutcome  *model,
                                                         cairo_t                 *cr,
                                                         double                   width,
                                                         double                   height,
                                                         double                   scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotOutcome, opora_plot_outcome_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotOutcomeLayout, opora_plot_outcome_layout_free)

G_END_DECLS
