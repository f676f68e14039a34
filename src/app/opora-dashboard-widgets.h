/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's parts as widgets: a figure's card, the levels card, a ranking row, the outcome chart. */
#pragma once

#include <gtk/gtk.h>

#include "opora-dashboard.h"

G_BEGIN_DECLS

GtkWidget *opora_dashboard_card_new        (const OporaFigure           *figure,
                                            int                          year);
GtkWidget *opora_dashboard_levels_card_new (const OporaDashboard        *dashboard);
GtkWidget *opora_dashboard_rank_row_new    (const OporaDashboardRank    *rank,
                                            guint                        position);
/* Called when a bar of the outcome chart, or a count of its table, is activated. */
typedef void (*OporaOutcomeActivate) (guint    group,
                                      gboolean supported,
                                      gpointer user_data);

GtkWidget *opora_dashboard_outcome_new     (const OporaDashboard        *dashboard,
                                            OporaOutcomeActivate         activate,
                                            gpointer                     user_data);
GtkWidget *opora_dashboard_outcome_table   (const OporaDashboard        *dashboard,
                                            OporaOutcomeActivate         activate,
                                            gpointer                     user_data);
char      *opora_dashboard_change_text     (const OporaFigure           *figure,
                                            int                          year);

G_END_DECLS
