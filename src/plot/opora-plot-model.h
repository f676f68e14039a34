/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a cluster chart shows, before any size or surface: points, series, axes, options. */
#pragma once

#include <glib.h>

#include "opora-palette.h"

G_BEGIN_DECLS

/* A rectangle in chart units (logical pixels). */
typedef struct {
  double x, y, width, height;
} OporaPlotRect;

typedef enum {
  OPORA_PLOT_POINT_PROBLEM    = 1 << 0,  /* a school to support: ringed */
  OPORA_PLOT_POINT_BASE       = 1 << 1,  /* a candidate base school */
  OPORA_PLOT_POINT_SELECTED   = 1 << 2,  /* chosen by the user: labelled first, drawn on top */
  OPORA_PLOT_POINT_UNRELIABLE = 1 << 3,  /* rests on too few participants: drawn hollow */
} OporaPlotPointFlags;

typedef struct {
  double  x, y;
  double  prev_x, prev_y;  /* last year's position; NaN when unknown */
  double  size;            /* what the marker's area shows (pupils); NaN when unknown */
  gint64  id;              /* the school's id, for the window */
  guint   series;          /* index into the model's series */
  guint   flags;           /* OporaPlotPointFlags */
  guint   label_priority;  /* 0: no label; higher ones are placed first */
  char   *label;           /* nullable: the short name */
} OporaPlotPoint;

typedef struct {
  char  *name;
  guint  palette_index;  /* colour and marker shape; stays with the cluster's number */
  guint  count;          /* points of this series */
} OporaPlotSeries;

typedef struct {
  char   *title;     /* with the unit: "Russian, USE: average score, points" */
  double  min, max;  /* NaN: from the data */
  double  threshold; /* a quadrant line; NaN when none */
} OporaPlotAxis;

/* An arrow from a base school to a school it supports. */
typedef struct {
  guint from, to;  /* point indices */
} OporaPlotArrow;

typedef struct {
  gboolean grid;
  gboolean shading;        /* shade the quadrants and write their names */
  gboolean labels;         /* label the points with a label priority */
  gboolean arrows;         /* base school → supported school */
  gboolean trajectories;   /* last year's position → this year's */
  gboolean size_by_value;  /* marker area by the point's size */
  gboolean dark;           /* a dark background (the window in dark mode) */
  double   scale;          /* text, markers and lines: 1 on screen, 1.5 presenting */
} OporaPlotOptions;

/* With @quadrants set, series 0…3 are quadrants 1…4 of seed 001: quadrant 1
 * lies left of the x threshold and below the y one, 2 left and above,
 * 3 right and below, 4 right and above. */
typedef struct {
  char             *title;
  char             *subtitle;  /* nullable */
  char             *source;    /* nullable: the source line at the bottom */
  char             *size_title;/* nullable: what the marker size shows, "pupils" */
  OporaPlotAxis     x, y;
  gboolean          quadrants;
  gboolean          diagonal;  /* a dashed line y = x: actual equals expected */
  GArray           *points;    /* OporaPlotPoint */
  GPtrArray        *series;    /* OporaPlotSeries */
  GArray           *arrows;    /* OporaPlotArrow */
  OporaPlotOptions  options;
} OporaPlotModel;

OporaPlotModel *opora_plot_model_new        (void);
void            opora_plot_model_free       (OporaPlotModel *model);
guint           opora_plot_model_add_series (OporaPlotModel *model,
                                             const char     *name,
                                             guint           palette_index);
guint           opora_plot_model_add_point  (OporaPlotModel *model,
                                             double          x,
                                             double          y,
                                             guint           series,
                                             guint           flags,
                                             const char     *label);
void            opora_plot_model_add_arrow  (OporaPlotModel *model,
                                             guint           from,
                                             guint           to);
OporaPlotPoint *opora_plot_model_get_point  (OporaPlotModel *model,
                                             guint           index);
int             opora_plot_model_find_point (const OporaPlotModel *model,
                                             gint64          id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotModel, opora_plot_model_free)

G_END_DECLS
