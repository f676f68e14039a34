/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Marker shapes as Cairo paths, and a fast path that stamps pre-drawn markers into image surfaces. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "opora-palette.h"

G_BEGIN_DECLS

/* How a marker looks, apart from where it is. */
typedef struct {
  OporaMarker shape;
  double      radius;       /* of the circle of the same area */
  OporaColor  fill;
  double      alpha;
  OporaColor  background;   /* the edge, and the inside of a hollow marker */
  double      edge_width;   /* 0: no edge */
  OporaColor  ring;         /* the ring of a school to support or a selected one */
  double      ring_width;   /* 0: no ring */
  gboolean    hollow;       /* an unreliable figure: an outline only */
} OporaPlotMarkerStyle;

typedef struct _OporaPlotStamper OporaPlotStamper;

void              opora_plot_marker_path        (cairo_t                    *cr,
                                                 OporaMarker                 shape,
                                                 double                      x,
                                                 double                      y,
                                                 double                      radius);
double            opora_plot_marker_extent      (OporaMarker                 shape);
void              opora_plot_marker_draw        (cairo_t                    *cr,
                                                 const OporaPlotMarkerStyle *style,
                                                 double                      x,
                                                 double                      y);
void              opora_plot_markers_show       (cairo_t                    *cr,
                                                 const OporaPlotMarkerStyle *style,
                                                 const double               *x,
                                                 const double               *y,
                                                 const guint                *points,
                                                 guint                       n);

OporaPlotStamper *opora_plot_stamper_new        (cairo_t                    *cr,
                                                 double                      clip_x,
                                                 double                      clip_y,
                                                 double                      clip_width,
                                                 double                      clip_height);
void              opora_plot_stamper_stamp      (OporaPlotStamper           *stamper,
                                                 const OporaPlotMarkerStyle *style,
                                                 guint                       style_key,
                                                 double                      x,
                                                 double                      y);
void              opora_plot_stamper_free       (OporaPlotStamper           *stamper);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotStamper, opora_plot_stamper_free)

G_END_DECLS
