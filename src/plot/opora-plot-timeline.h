/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program's school year, August to July, as one bar per measure with today's line, on any cairo_t. */
#pragma once

#include <cairo.h>

#include "opora-plot-render.h"

G_BEGIN_DECLS

/* How a bar is drawn; overdue is a planned or running measure past its end. */
typedef enum {
  OPORA_PLOT_BAR_PLANNED,
  OPORA_PLOT_BAR_IN_PROGRESS,
  OPORA_PLOT_BAR_DONE,
  OPORA_PLOT_BAR_CANCELLED,
  OPORA_PLOT_BAR_OVERDUE,
} OporaPlotBarStatus;

typedef struct {
  char               *title;   /* with the measure's number: "2. Seminar" */
  char               *stage;   /* nullable */
  char               *start;   /* YYYY-MM-DD; nullable or unreadable: the end alone */
  char               *end;
  OporaPlotBarStatus  status;
} OporaPlotBar;

typedef struct {
  int     year;    /* the school year by its exams: 2026 = 2025/26, August 2025 to July 2026 */
  char   *today;   /* YYYY-MM-DD, nullable: no line */
  GArray *bars;    /* OporaPlotBar, one row each */
} OporaPlotTimeline;

typedef struct {
  gboolean dark;   /* light text for a dark background */
  double   scale;  /* text, rows and lines: 1 on screen */
} OporaPlotTimelineOptions;

/* The timeline laid out at one width: every box the renderer draws. */
typedef struct {
  const OporaPlotTimeline  *model;    /* borrowed */
  OporaPlotTimelineOptions  options;
  double                    width, height;
  double                    left, right;  /* the months' area */
  double                    top, bottom;  /* the rows' area */
  double                    row_height;
  double                    today_x;      /* NaN when today is outside the year */
  OporaPlotRect            *bars;         /* per bar; width 0 when it has no readable date */
  GArray                   *texts;        /* OporaPlotText: months, titles, "Today", legend */
  PangoContext             *pango;
} OporaPlotTimelineLayout;

OporaPlotTimeline       *opora_plot_timeline_new         (int                              year,
                                                          const char                      *today);
void                     opora_plot_timeline_free        (OporaPlotTimeline               *model);
void                     opora_plot_timeline_add_bar     (OporaPlotTimeline               *model,
                                                          const char                      *title,
                                                          const char                      *stage,
                                                          const char                      *start,
                                                          const char                      *end,
                                                          OporaPlotBarStatus               status);
double                   opora_plot_timeline_height      (const OporaPlotTimeline         *model,
                                                          const OporaPlotTimelineOptions  *options);
OporaPlotTimelineLayout *opora_plot_timeline_layout_new  (const OporaPlotTimeline         *model,
                                                          double                           width,
                                                          const OporaPlotTimelineOptions  *options);
void                     opora_plot_timeline_layout_free (OporaPlotTimelineLayout         *layout);
void                     opora_plot_timeline_layout_draw (const OporaPlotTimelineLayout   *layout,
                                                          cairo_t                         *cr,
                                                          OporaPlotTextFunc                text_func,
                                                          gpointer                         user_data);
void                     opora_plot_timeline_render      (const OporaPlotTimeline         *model,
                                                          cairo_t                         *cr,
                                                          double                           width,
                                                          double                           height,
                                                          const OporaPlotTimelineOptions  *options);
GBytes                  *opora_plot_timeline_svg         (const OporaPlotTimeline         *model,
                                                          double                           width,
                                                          const OporaPlotTimelineOptions  *options,
                                                          GError                         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotTimeline, opora_plot_timeline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPlotTimelineLayout, opora_plot_timeline_layout_free)

G_END_DECLS
