/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cluster chart alone on the screen for a meeting: larger text, Page Down/Up through the years, Esc leaves. */
#pragma once

#include <adwaita.h>

#include "opora-chart-view.h"

G_BEGIN_DECLS

#define OPORA_TYPE_CHART_PRESENTATION (opora_chart_presentation_get_type ())

G_DECLARE_FINAL_TYPE (OporaChartPresentation, opora_chart_presentation, OPORA, CHART_PRESENTATION, AdwWindow)

/* The chart of @year, or NULL with @error set. */
typedef OporaPlotModel *(*OporaChartYearFunc) (int        year,
                                               gpointer   user_data,
                                               GError   **error);

OporaChartPresentation *opora_chart_presentation_new       (GtkWindow              *parent);
OporaChartView         *opora_chart_presentation_get_chart (OporaChartPresentation *self);
void                    opora_chart_presentation_set_years (OporaChartPresentation *self,
                                                            const int              *years,
                                                            guint                   n_years,
                                                            int                     year,
                                                            OporaChartYearFunc      func,
                                                            gpointer                user_data);
int                     opora_chart_presentation_get_year  (OporaChartPresentation *self);
gboolean                opora_chart_presentation_step      (OporaChartPresentation *self,
                                                            int                     delta);
void                    opora_chart_presentation_start     (OporaChartPresentation *self);

G_END_DECLS
