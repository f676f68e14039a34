/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the models disagree: the problem schools of quadrants, k-means and regression side by side. */
#pragma once

#include "opora-analysis.h"

G_BEGIN_DECLS

#define OPORA_N_MODELS 3

typedef struct {
  gint64 school_id;
  guint  models;     /* bit m set: model m (OporaModel) flags it as a problem school */
} OporaModelFlags;

typedef struct {
  int            year;
  OporaAnalysis *analyses[OPORA_N_MODELS];          /* by OporaModel; without members and pairs */
  guint          flagged[OPORA_N_MODELS];           /* problem schools of each model */
  guint          both[OPORA_N_MODELS][OPORA_N_MODELS]; /* flagged by both models */
  GArray        *schools;                           /* OporaModelFlags, flagged by any, by id */
} OporaModelComparison;

OporaModelComparison *opora_models_compare        (OporaDb              *db,
                                                   int                   year,
                                                   GError              **error);
double                opora_model_comparison_jaccard (const OporaModelComparison *c,
                                                      OporaModel            a,
                                                      OporaModel            b);
void                  opora_model_comparison_free (OporaModelComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaModelComparison, opora_model_comparison_free)

G_END_DECLS
