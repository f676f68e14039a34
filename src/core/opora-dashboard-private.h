/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dashboard's source files share: the parts each computes and the id lists. */
#pragma once

#include "opora-analysis.h"
#include "opora-dashboard.h"

G_BEGIN_DECLS

GArray   *opora_dashboard_ids_new      (void);
void      opora_dashboard_ids_sort     (GArray                *ids);
GArray   *opora_dashboard_ids_from_set (GHashTable            *set);
void      opora_dashboard_outcome_free (OporaDashboardOutcome *outcome);

gboolean  opora_dashboard_add_people   (OporaDashboard        *dashboard,
                                        OporaDb               *db,
                                        GError               **error);
void      opora_dashboard_add_outcome  (OporaDashboard        *dashboard,
                                        const OporaAnalysis   *before,
                                        const OporaAnalysis   *now,
                                        GHashTable            *supported);

G_END_DECLS
