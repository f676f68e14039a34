/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The names of a run's clusters, pinned or not, and how each follows from the previous run. */
#pragma once

#include <adwaita.h>

#include "opora-analysis.h"
#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_CLUSTER_NAMES (opora_cluster_names_get_type ())

G_DECLARE_FINAL_TYPE (OporaClusterNames, opora_cluster_names, OPORA, CLUSTER_NAMES, AdwBin)

void opora_cluster_names_set_analysis (OporaClusterNames *self,
                                       OporaDb           *db,
                                       OporaAnalysis     *analysis);

G_END_DECLS
