/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Clusters section: run a cluster analysis of a year, see its clusters, decide on the proposed pairs. */
#pragma once

#include <adwaita.h>

#include "opora-analysis.h"
#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_CLUSTERS_PAGE (opora_clusters_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaClustersPage, opora_clusters_page, OPORA, CLUSTERS_PAGE, AdwBin)

gboolean             opora_clusters_page_set_db       (OporaClustersPage  *self,
                                                       OporaDb            *db,
                                                       GError            **error);
const OporaAnalysis *opora_clusters_page_get_analysis (OporaClustersPage  *self);
gboolean             opora_clusters_page_get_running  (OporaClustersPage  *self);
gboolean             opora_clusters_page_is_loading   (OporaClustersPage  *self);
gboolean             opora_clusters_page_export       (OporaClustersPage  *self,
                                                       const char         *path,
                                                       GError            **error);
gboolean             opora_clusters_page_present      (OporaClustersPage  *self);
GtkWindow           *opora_clusters_page_get_presentation (OporaClustersPage *self);

G_END_DECLS
