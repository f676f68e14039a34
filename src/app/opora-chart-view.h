/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cluster chart as a widget: drawn by src/plot, with hover, selection, zoom, keyboard and output. */
#pragma once

#include <gtk/gtk.h>

#include "opora-plot-export.h"
#include "opora-plot-layout.h"
#include "opora-plot-model.h"

G_BEGIN_DECLS

#define OPORA_TYPE_CHART_VIEW (opora_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (OporaChartView, opora_chart_view, OPORA, CHART_VIEW, GtkWidget)

/* What a point's tooltip says: (transfer full) text with Pango markup. */
typedef char *(*OporaChartDescribeFunc) (OporaChartView *view,
                                         guint           point,
                                         gpointer        user_data);

GtkWidget             *opora_chart_view_new                (void);
OporaPlotModel        *opora_chart_view_get_model          (OporaChartView          *self);
void                   opora_chart_view_set_model          (OporaChartView          *self,
                                                            OporaPlotModel          *model);
void                   opora_chart_view_move_to_model      (OporaChartView          *self,
                                                            OporaPlotModel          *model);
gboolean               opora_chart_view_get_animating      (OporaChartView          *self);
void                   opora_chart_view_finish_animation   (OporaChartView          *self);
const OporaPlotLayout *opora_chart_view_get_layout         (OporaChartView          *self);
void                   opora_chart_view_get_options        (OporaChartView          *self,
                                                            OporaPlotOptions        *options);
void                   opora_chart_view_set_options        (OporaChartView          *self,
                                                            const OporaPlotOptions  *options);
gboolean               opora_chart_view_get_presenting     (OporaChartView          *self);
void                   opora_chart_view_set_presenting     (OporaChartView          *self,
                                                            gboolean                 presenting);
gboolean               opora_chart_view_get_band_mode      (OporaChartView          *self);
void                   opora_chart_view_set_band_mode      (OporaChartView          *self,
                                                            gboolean                 band_mode);
gint64                 opora_chart_view_get_selected       (OporaChartView          *self);
void                   opora_chart_view_set_selected       (OporaChartView          *self,
                                                            gint64                   id);
GArray                *opora_chart_view_get_band           (OporaChartView          *self);
void                   opora_chart_view_set_highlight      (OporaChartView          *self,
                                                            const gint64            *ids,
                                                            guint                    n_ids);
gboolean               opora_chart_view_get_zoomed         (OporaChartView          *self);
void                   opora_chart_view_zoom               (OporaChartView          *self,
                                                            double                   factor,
                                                            double                   x,
                                                            double                   y);
void                   opora_chart_view_pan                (OporaChartView          *self,
                                                            double                   dx,
                                                            double                   dy);
void                   opora_chart_view_reset_zoom         (OporaChartView          *self);
void                   opora_chart_view_set_describe_func  (OporaChartView          *self,
                                                            OporaChartDescribeFunc   func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy);
char                  *opora_chart_view_describe_at        (OporaChartView          *self,
                                                            double                   x,
                                                            double                   y);
gboolean               opora_chart_view_get_point_position (OporaChartView          *self,
                                                            gint64                   id,
                                                            double                  *x,
                                                            double                  *y);

GBytes                *opora_chart_view_export_bytes      (OporaChartView          *self,
                                                            OporaPlotFormat          format,
                                                            double                   width,
                                                            double                   height,
                                                            double                   dpi,
                                                            GError                 **error);
gboolean               opora_chart_view_export             (OporaChartView          *self,
                                                            const char              *path,
                                                            double                   width,
                                                            double                   height,
                                                            double                   dpi,
                                                            GError                 **error);
gboolean               opora_chart_view_copy               (OporaChartView          *self,
                                                            double                   width,
                                                            double                   height,
                                                            double                   dpi,
                                                            GError                 **error);
GtkPrintOperationResult opora_chart_view_print             (OporaChartView          *self,
                                                            GtkWindow               *parent,
                                                            const char              *export_path,
                                                            GError                 **error);

G_END_DECLS
