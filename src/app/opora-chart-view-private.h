/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What opora-chart-view.c (drawing, pointer, keys) and opora-chart-view-output.c (files, clipboard, print) share. */
#pragma once

#include "opora-chart-view.h"

G_BEGIN_DECLS

typedef enum {
  DRAG_NONE,     /* pressed, not yet moved past the threshold */
  DRAG_PAN,
  DRAG_BAND,
} DragMode;

/* A short move of the points from one year's chart to the next. */
typedef struct {
  gint64  start;                  /* frame clock time, µs */
  guint   tick_id;
  double *from_x, *from_y;        /* per point of the new model; NaN: no old position */
  double *to_x, *to_y;
  double  from_range[4], to_range[4];          /* x min, x max, y min, y max */
  double  from_threshold[2], to_threshold[2];
  double  axis_saved[4];          /* the new model's own limits, put back at the end */
  gboolean labels;                /* the new model's option, off while moving */
} Animation;

struct _OporaChartView
{
  GtkWidget               parent_instance;

  /* Owned */
  OporaPlotModel         *model;
  OporaPlotLayout        *layout;       /* of @model at the widget's size; NULL when stale */
  GskRenderNode          *chart_node;   /* @layout drawn; NULL when stale */
  GHashTable             *highlight;    /* gint64 ids: the search's matches */
  GArray                 *band;         /* gint64 ids: the rubber band's schools */
  Animation              *animation;
  GtkPrintSettings       *print_settings;
  GtkPageSetup           *page_setup;
  OporaChartDescribeFunc  describe;
  gpointer                describe_data;
  GDestroyNotify          describe_destroy;

  OporaPlotOptions        options;      /* applied to every model; dark and scale follow the widget */
  gint64                  selected;     /* a school id, 0 for none */
  int                     hover;        /* the point under the pointer, -1 */
  gboolean                presenting;
  gboolean                band_mode;
  gboolean                dark;
  double                  natural[4];   /* the unzoomed limits: x min, x max, y min, y max */
  gboolean                natural_known;
  double                  pointer_x, pointer_y;  /* the last pointer position, for the wheel */

  /* A drag: its start, what it does, and the limits it started from */
  DragMode                drag_mode;
  double                  drag_x, drag_y;
  double                  drag_dx, drag_dy;
  double                  drag_range[4];
  double                  pinch_scale;
};

void opora_chart_view_with_paper_options (OporaChartView   *self,
                                          OporaPlotOptions *saved);
void opora_chart_view_restore_options    (OporaChartView   *self,
                                          const OporaPlotOptions *saved);

G_END_DECLS
