/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One year's values of chosen indicators for every school: the input of every analysis. */
#pragma once

#include <glib.h>

#include "opora-indicator.h"

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

/* Rows are the workspace's schools that are not archived, by id, so two
 * years' matrices of the same workspace line up row for row. */
typedef struct {
  int        year;
  guint      n_schools;
  gint64    *school_ids;
  gint64    *municipality_ids;  /* 0 when the school has none */
  GPtrArray *indicators;        /* OporaIndicator, one per column */
  double    *values;            /* n_schools × indicators->len, row-major; NaN = missing */
} OporaYearMatrix;

/* How a column is combined over several years. */
typedef enum {
  OPORA_COMBINE_MEAN,  /* the mean of the years that have a value */
  OPORA_COMBINE_SUM,   /* the total, e.g. participants */
  OPORA_COMBINE_MAX,   /* the largest, e.g. a yes/no flag in any year */
} OporaCombine;

OporaYearMatrix *opora_year_matrix_load (OporaDb            *db,
                                         int                 year,
                                         const char * const *keys,
                                         GError            **error);
OporaYearMatrix *opora_year_matrix_load_years (OporaDb            *db,
                                               int                 year,
                                               guint               n_years,
                                               const char * const *keys,
                                               const OporaCombine *combine,
                                               GError            **error);
gboolean        *opora_year_matrix_find_present (OporaDb            *db,
                                                 int                 year,
                                                 const char * const *keys,
                                                 GError            **error);
double           opora_year_matrix_get  (const OporaYearMatrix *matrix,
                                         guint                  row,
                                         guint                  column);
void             opora_year_matrix_free (OporaYearMatrix    *matrix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaYearMatrix, opora_year_matrix_free)

G_END_DECLS
