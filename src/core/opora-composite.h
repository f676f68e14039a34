/* SPDX-License-Identifier: GPL-3.0-or-later */
/* z-scores, composite indices and percentile ranks over schools, missing values allowed (NaN). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DOMAIN.md: no index for a school missing more than 30 % of its indicators. */
#define OPORA_INDEX_MAX_MISSING 0.3

double opora_median            (const double *values,
                                gsize         n);
double opora_mean              (const double *values,
                                gsize         n);
void   opora_zscores           (const double *values,
                                guint         n_rows,
                                guint         n_cols,
                                const int    *directions,
                                double       *z);
void   opora_composite_index   (const double *z,
                                guint         n_rows,
                                guint         n_cols,
                                const double *weights,
                                double        max_missing,
                                double       *index);
void   opora_percentile_ranks  (const double *values,
                                guint         n,
                                double       *percentiles);

G_END_DECLS
