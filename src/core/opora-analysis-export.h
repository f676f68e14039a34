/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monitoring summary, an analysis's cluster list and the rules' flags as formatted .xlsx workbooks. */
#pragma once

#include "opora-analysis.h"
#include "opora-model-compare.h"

G_BEGIN_DECLS

gboolean opora_export_monitoring (OporaDb              *db,
                                  int                   year,
                                  const char           *path,
                                  GError              **error);
gboolean opora_export_clusters   (OporaDb              *db,
                                  const OporaAnalysis  *analysis,
                                  const char           *path,
                                  GError              **error);
gboolean opora_export_flags      (OporaDb              *db,
                                  int                   year,
                                  GPtrArray            *flags,
                                  const OporaModelComparison *comparison,
                                  const char           *path,
                                  GError              **error);

G_END_DECLS
