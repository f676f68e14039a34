/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The small dialog before a chart is exported: format, size in pixels and resolution. */
#pragma once

#include <adwaita.h>

#include "opora-plot-export.h"

G_BEGIN_DECLS

#define OPORA_TYPE_CHART_EXPORT_DIALOG (opora_chart_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OporaChartExportDialog, opora_chart_export_dialog, OPORA, CHART_EXPORT_DIALOG, AdwWindow)

OporaChartExportDialog *opora_chart_export_dialog_new (GtkWindow       *parent,
                                                       OporaPlotFormat  format,
                                                       double           width,
                                                       double           height,
                                                       double           dpi);

G_END_DECLS
