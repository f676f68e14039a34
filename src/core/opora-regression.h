/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ordinary least squares of a result on context indicators: context-adjusted results per school. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A residual counts as "clearly" non-zero beyond this many standard errors (two-sided 95 %). */
#define OPORA_REGRESSION_Z 1.96

typedef struct {
  guint   n_rows;        /* rows given, used or not */
  guint   n;             /* observations used (rows without NaN in y or any x) */
  guint   p;             /* parameters: intercept + predictors */
  double *coefficients;  /* p: [0] = intercept */
  double *std_errors;    /* p */
  double  r_squared;
  double  adj_r_squared;
  double  sigma;         /* residual standard error, sqrt(RSS / (n − p)) */
  double *predicted;     /* n_rows: NaN for rows left out */
  double *residuals;     /* n_rows: y − predicted; NaN for rows left out */
  double *residual_se;   /* n_rows: sigma · sqrt(1 − h_ii), h the leverage; NaN for rows left out */
} OporaRegression;

OporaRegression *opora_regression_fit            (const double                  *y,
                                                  const double                  *x,
                                                  guint                          n_rows,
                                                  guint                          n_predictors,
                                                  GError                       **error);
void             opora_regression_free           (OporaRegression               *r);
int              opora_regression_verdict        (const OporaRegression         *r,
                                                  guint                          row,
                                                  double                         z);
int              opora_regression_verdict_for    (double                         residual,
                                                  double                         se,
                                                  double                         z);
void             opora_regression_mean_residuals (const OporaRegression * const *fits,
                                                  guint                          n_fits,
                                                  guint                          n_rows,
                                                  double                        *mean,
                                                  double                        *mean_se);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaRegression, opora_regression_free)

G_END_DECLS
