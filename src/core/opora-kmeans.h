/* SPDX-License-Identifier: GPL-3.0-or-later */
/* k-means (k-means++ with a fixed seed and restarts) and the exact silhouette, for the cluster analysis. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One clustering of n points of dim features (row-major, standardized, no NaN). */
typedef struct {
  guint   k;
  guint   n;
  guint   dim;
  guint  *labels;      /* n cluster numbers, 0…k−1; cluster 0 is the one whose
                        * first member comes first in the input, 1 the next, … */
  double *centroids;   /* k × dim, in label order */
  double  inertia;     /* sum of squared distances to the own centroid */
  guint   iterations;  /* Lloyd iterations of the best restart */
} OporaKmeansFit;

/* One row of a sweep over k. */
typedef struct {
  guint           k;
  OporaKmeansFit *fit;
  double          silhouette;  /* exact mean silhouette over all n points */
} OporaKmeansSweepRow;

OporaKmeansFit *opora_kmeans_fit        (const double  *x,
                                         guint          n,
                                         guint          dim,
                                         guint          k,
                                         guint64        seed,
                                         guint          restarts,
                                         GError       **error);
void            opora_kmeans_fit_free   (OporaKmeansFit *fit);

gboolean        opora_silhouette_many   (const double  *x,
                                         guint          n,
                                         guint          dim,
                                         guint          n_labelings,
                                         const guint  *const *labels,
                                         const guint   *ks,
                                         double        *means,
                                         double        *per_point,
                                         GCancellable  *cancellable,
                                         GError       **error);

GPtrArray      *opora_kmeans_sweep      (const double  *x,
                                         guint          n,
                                         guint          dim,
                                         guint          k_min,
                                         guint          k_max,
                                         guint64        seed,
                                         guint          restarts,
                                         GCancellable  *cancellable,
                                         GError       **error);
void            opora_kmeans_sweep_row_free (OporaKmeansSweepRow *row);

/* For tests and benchmarks: results are the same bits whatever these say. */
void            opora_kmeans_set_limits (guint          max_threads,
                                         gboolean       portable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaKmeansFit, opora_kmeans_fit_free)

G_END_DECLS
