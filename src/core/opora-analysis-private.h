/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the analysis: one year's values split by role, and each school's indices. */
#pragma once

#include "opora-analysis.h"
#include "opora-year-matrix.h"

G_BEGIN_DECLS

/* The year's values, split into the column ranges of each role. */
typedef struct {
  OporaYearMatrix *m;
  guint n;            /* schools */
  guint n_cols;
  guint context_at, n_context;
  guint results_at, n_results;
  guint features_at, n_features;
  guint flag_at;      /* vpr_nonobjective */
  int  *participants; /* per results column: the column of its participants, or −1 */
  double *context_z;  /* n × n_context, signed z-scores */
  gboolean *pooled;   /* n, or NULL: rows that took the mean of three years */
} OporaAnalysisWork;

/* Years pooled for a school with small numbers (DOMAIN.md, "Small numbers"). */
#define OPORA_POOL_YEARS 3

/* Each school's indices for one year, rows as in the work's matrix. */
typedef struct {
  OporaAnalysisWork w;
  guint  *flags;               /* OporaMemberFlags found while reading */
  double *context_index;
  double *results_index;
  double *context_percentile;
  double *results_percentile;
} OporaYearIndices;

gboolean opora_year_indices_compute (OporaDb                   *db,
                                     const OporaAnalysisParams *params,
                                     int                        year,
                                     OporaYearIndices          *out,
                                     GError                   **error);
void     opora_year_indices_clear   (OporaYearIndices          *indices);
double  *opora_analysis_work_columns (const OporaAnalysisWork  *w,
                                      guint                     at,
                                      guint                     count);

gboolean opora_analysis_place_regression (OporaDb          *db,
                                          OporaAnalysis    *analysis,
                                          OporaYearIndices *year,
                                          GCancellable     *cancellable,
                                          GError          **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OporaYearIndices, opora_year_indices_clear)

G_END_DECLS
