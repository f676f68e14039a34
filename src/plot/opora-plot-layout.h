/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A chart's model laid out at one size: the plot area, scales, ticks, marker, text and label boxes. */
#pragma once

#include <pango/pango.h>

#include "opora-plot-hit.h"
#include "opora-plot-model.h"
#include "opora-plot-ticks.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_PLOT_TEXT_TITLE,
  OPORA_PLOT_TEXT_SUBTITLE,
  OPORA_PLOT_TEXT_LEGEND,
  OPORA_PLOT_TEXT_AXIS_TITLE,
  OPORA_PLOT_TEXT_TICK,
  OPORA_PLOT_TEXT_QUADRANT,
  OPORA_PLOT_TEXT_LABEL,
  OPORA_PLOT_TEXT_SOURCE,
} OporaPlotTextRole;

/* One line of text. A vertical one reads upwards: @box is the area it
 * covers on the chart, its baseline runs along the box's left side. */
typedef struct {
  PangoLayout       *layout;
  OporaPlotRect      box;
  gboolean           vertical;
  gboolean           halo;       /* outlined in the background colour, to read over markers */
  OporaPlotTextRole  role;
  guint              palette_index;  /* the colour of a quadrant's name */
} OporaPlotText;

typedef enum {
  OPORA_PLOT_KEY_SERIES,      /* a series' marker */
  OPORA_PLOT_KEY_PROBLEM,     /* the ring around a school to support */
  OPORA_PLOT_KEY_UNRELIABLE,  /* a hollow marker */
  OPORA_PLOT_KEY_ARROW,       /* base school → supported school */
  OPORA_PLOT_KEY_TRAJECTORY,  /* last year → this year */
  OPORA_PLOT_KEY_SIZE,        /* a marker's size for a value */
} OporaPlotKeyKind;

/* A symbol of the legend; its text is among the layout's texts. */
typedef struct {
  OporaPlotKeyKind kind;
  guint            palette_index;
  double           x, y;    /* the symbol's centre */
  double           radius;
  double           value;   /* the size a size key shows */
} OporaPlotKey;

typedef struct {
  guint         point;   /* index into the model's points */
  guint         text;    /* index into the layout's texts */
  gboolean      leader;
} OporaPlotLabel;

typedef struct {
  OporaPlotModel   *model;       /* borrowed: keep it unchanged while the layout lives */
  double            width, height;
  double            scale;       /* the model's options.scale */
  OporaPlotRect     plot;        /* the data area */
  double            x_min, x_max, y_min, y_max;  /* the values at its edges */
  OporaPlotTicks    x_ticks, y_ticks;
  double            marker_radius;  /* the usual radius */
  double            fill_alpha;
  double            edge_width;     /* the background-coloured edge of a marker; 0 when dense */
  double            ring_width;     /* the ring of a school to support; thinner when dense */
  double           *px, *py;        /* per point, in chart units; NaN when not drawn */
  double           *prev_px, *prev_py;
  double           *radius;         /* of the circle of the marker's area */
  double           *reach;          /* of the circle around the marker and its ring */
  guint            *order;          /* the drawing order: larger first, selected last */
  GArray           *texts;          /* OporaPlotText */
  GArray           *keys;           /* OporaPlotKey */
  GArray           *labels;         /* OporaPlotLabel */
  OporaPlotHitGrid *hit;
  PangoContext     *pango;
} OporaPlotLayout;

OporaPlotLayout *opora_plot_layout_new      (OporaPlotModel        *model,
                                             double                 width,
                                             double                 height);
void             opora_plot_layout_free     (OporaPlotLayout       *layout);
double           opora_plot_layout_x_to_pixel (const OporaPlotLayout *layout,
                                             double                 x);
double           opora_plot_layout_y_to_pixel (const OporaPlotLayout *layout,
                                             double                 y);
double           opora_plot_layout_pixel_to_x (const OporaPlotLayout *layout,
                                             double                 px);
double           opora_plot_layout_pixel_to_y (const OporaPlotLayout *layout,
                                             double                 py);
int              opora_plot_layout_point_at (const OporaPlotLayout *layout,
                                             double                 x,
                                             double                 y);
PangoContext    *opora_plot_pango_context_new (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotLayout, opora_plot_layout_free)

G_END_DECLS
