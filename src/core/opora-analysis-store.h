/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stored analyses ("runs"): saving, listing, loading, and deciding on the proposed pairs. */
#pragma once

#include "opora-analysis.h"

G_BEGIN_DECLS

typedef struct {
  gint64      id;
  char       *created;
  int         year;
  OporaModel  model;
  guint       n_clusters;
  double      silhouette;   /* NaN for quadrants */
  guint       n_problem;
  guint       n_accepted;   /* accepted pairs */
} OporaRunInfo;

gboolean       opora_analysis_save     (OporaDb         *db,
                                        OporaAnalysis   *analysis,
                                        GError         **error);
OporaAnalysis *opora_analysis_load     (OporaDb         *db,
                                        gint64           run_id,
                                        GError         **error);
GPtrArray     *opora_analysis_list     (OporaDb         *db,
                                        GError         **error);
gint64         opora_analysis_latest   (OporaDb         *db,
                                        int              year,
                                        GError         **error);
OporaAnalysis *opora_analysis_for_year (OporaDb         *db,
                                        int              year,
                                        OporaModel       model,
                                        GError         **error);
gboolean       opora_analysis_delete   (OporaDb         *db,
                                        gint64           run_id,
                                        GError         **error);
gboolean       opora_pair_decide       (OporaDb         *db,
                                        gint64           pair_id,
                                        OporaPairStatus  status,
                                        gint64           base_id,
                                        GError         **error);
gboolean       opora_analysis_name_cluster (OporaDb     *db,
                                            gint64       run_id,
                                            int          cluster,
                                            const char  *name,
                                            gboolean     pinned,
                                            GError     **error);
void           opora_run_info_free     (OporaRunInfo    *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaRunInfo, opora_run_info_free)

G_END_DECLS
