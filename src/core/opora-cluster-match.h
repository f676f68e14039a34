/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping cluster numbers and names from run to run: matching a new run to the previous one. */
#pragma once

#include "opora-analysis.h"

G_BEGIN_DECLS

void     opora_cluster_match          (OporaAnalysis       *analysis,
                                       const OporaAnalysis *previous);
gboolean opora_cluster_match_previous (OporaDb             *db,
                                       OporaAnalysis       *analysis,
                                       GError             **error);

G_END_DECLS
