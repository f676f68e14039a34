/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ordinary least squares of a result on context indicators: context-adjusted results per school. */

#include <glib/gi18n-lib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <math.h>

#include "opora-error.h"
#include "opora-regression.h"

/* The fit refuses a design matrix (columns balanced, as GSL does) whose smallest
 * singular value is at most this share of the largest: then an indicator is,
 * to 10 of the 16 digits of a double, a linear function of the others or of the
 * intercept, and its coefficient would be noise. */
#define COLLINEAR_TOL 1e-10

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_matrix, gsl_matrix_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_vector, gsl_vector_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_multifit_linear_workspace, gsl_multifit_linear_free)

/* GSL aborts on its own errors unless its handler is changed, which is
 * process-wide; instead every call below gets sizes that fit (n > p ≥ 1)
 * and finite numbers only, and any status it returns is still checked. */

static gboolean
row_complete (const double *y,
              const double *x,
              guint         row,
              guint         k)
{
  if (!isfinite (y[row]))
    return FALSE;
  for (guint j = 0; j < k; j++)
    if (!isfinite (x[(gsize) row * k + j]))
      return FALSE;
  return TRUE;
}

/* The indices of the rows without a missing value; *n_used says how many. */
static guint *
complete_rows (const double *y,
               const double *x,
               guint         n_rows,
               guint         k,
               guint        *n_used)
{
  guint *used = g_new (guint, MAX (n_rows, 1));
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    if (row_complete (y, x, i, k))
      used[n++] = i;
  *n_used = n;
  return used;
}

static gboolean
check_enough_rows (guint    n,
                   guint    p,
                   GError **error)
{
  if (n > p)
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u school has the result and every context indicator, but "
                            "the regression needs at least %u. Choose fewer context "
                            "indicators or fill in the missing values.",
                            "%u schools have the result and every context indicator, but "
                            "the regression needs at least %u. Choose fewer context "
                            "indicators or fill in the missing values.", n),
               n, p + 1);
  return FALSE;
}

/* The design matrix of the used rows: a column of ones, then the predictors. */
static gsl_matrix *
design_matrix (const double *x,
               const guint  *used,
               guint         n,
               guint         k)
{
  gsl_matrix *X = gsl_matrix_alloc (n, k + 1);

  for (guint i = 0; i < n; i++)
    {
      gsl_matrix_set (X, i, 0, 1.0);
      for (guint j = 0; j < k; j++)
        gsl_matrix_set (X, i, j + 1, x[(gsize) used[i] * k + j]);
    }
  return X;
}

static gsl_vector *
response_vector (const double *y,
                 const guint  *used,
                 guint         n)
{
  gsl_vector *v = gsl_vector_alloc (n);

  for (guint i = 0; i < n; i++)
    gsl_vector_set (v, i, y[used[i]]);
  return v;
}

static OporaRegression *
regression_new (guint n_rows,
                guint n,
                guint p)
{
  OporaRegression *r = g_new0 (OporaRegression, 1);

  r->n_rows = n_rows;
  r->n = n;
  r->p = p;
  r->coefficients = g_new (double, p);
  r->std_errors = g_new (double, p);
  r->predicted = g_new (double, MAX (n_rows, 1));
  r->residuals = g_new (double, MAX (n_rows, 1));
  r->residual_se = g_new (double, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    r->predicted[i] = r->residuals[i] = r->residual_se[i] = NAN;
  return r;
}

static void
set_collinear_error (GError **error)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               _("Two of the context indicators say the same thing (or one of them is the "
                 "same for every school), so their effects cannot be told apart. Leave one "
                 "of them out of the context."));
}

/* 1 − RSS / TSS; NaN when the result is the same for every school. */
static double
r_squared (const gsl_vector *y,
           double            rss)
{
  double mean = 0, tss = 0;

  for (gsize i = 0; i < y->size; i++)
    mean += gsl_vector_get (y, i);
  mean /= y->size;
  for (gsize i = 0; i < y->size; i++)
    tss += (gsl_vector_get (y, i) - mean) * (gsl_vector_get (y, i) - mean);
  return tss > 0 ? 1 - rss / tss : NAN;
}

/* Coefficients, their standard errors (the square roots of the diagonal of
 * σ² (XᵀX)⁻¹, which GSL returns as the covariance), σ and R² from GSL's
 * truncated SVD; a truncated singular value means collinear predictors. */
static gboolean
fit_coefficients (const gsl_matrix *X,
                  const gsl_vector *y,
                  OporaRegression  *r,
                  GError          **error)
{
  g_autoptr(gsl_multifit_linear_workspace) work = gsl_multifit_linear_alloc (r->n, r->p);
  g_autoptr(gsl_vector) c = gsl_vector_alloc (r->p);
  g_autoptr(gsl_matrix) cov = gsl_matrix_alloc (r->p, r->p);
  double rss;
  size_t rank;
  int status;

  status = gsl_multifit_linear_tsvd (X, y, COLLINEAR_TOL, c, cov, &rss, &rank, work);
  if (status != GSL_SUCCESS)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FAILED,
                   _("The regression could not be computed (%s). Check the values of the "
                     "result and of the context indicators."), gsl_strerror (status));
      return FALSE;
    }
  if (rank < r->p)
    {
      set_collinear_error (error);
      return FALSE;
    }
  for (guint j = 0; j < r->p; j++)
    {
      r->coefficients[j] = gsl_vector_get (c, j);
      r->std_errors[j] = sqrt (gsl_matrix_get (cov, j, j));
    }
  r->sigma = sqrt (rss / (r->n - r->p));
  r->r_squared = r_squared (y, rss);
  r->adj_r_squared = 1 - (1 - r->r_squared) * (r->n - 1) / (r->n - r->p);
  return TRUE;
}

/* The leverages h_ii, the diagonal of the hat matrix X (XᵀX)⁻¹ Xᵀ: the squared
 * row norms of U in the SVD X = U S Vᵀ. Scaling columns leaves U's span, and so
 * h, unchanged; balancing them first keeps the SVD accurate. */
static gsl_vector *
leverages (const gsl_matrix *X)
{
  g_autoptr(gsl_matrix) U = gsl_matrix_alloc (X->size1, X->size2);
  g_autoptr(gsl_matrix) V = gsl_matrix_alloc (X->size2, X->size2);
  g_autoptr(gsl_vector) D = gsl_vector_alloc (X->size2);
  g_autoptr(gsl_vector) S = gsl_vector_alloc (X->size2);
  g_autoptr(gsl_vector) work = gsl_vector_alloc (X->size2);
  gsl_vector *h = gsl_vector_alloc (X->size1);

  gsl_matrix_memcpy (U, X);
  gsl_linalg_balance_columns (U, D);
  gsl_linalg_SV_decomp (U, V, S, work);
  gsl_linalg_SV_leverage (U, h);
  return h;
}

/* Predicted values, residuals and their standard errors σ·√(1 − h_ii). */
static void
fill_rows (const gsl_matrix *X,
           const gsl_vector *y,
           const guint      *used,
           OporaRegression  *r)
{
  g_autoptr(gsl_vector) c = gsl_vector_alloc (r->p);
  g_autoptr(gsl_vector) fitted = gsl_vector_alloc (r->n);
  g_autoptr(gsl_vector) h = leverages (X);

  for (guint j = 0; j < r->p; j++)
    gsl_vector_set (c, j, r->coefficients[j]);
  gsl_blas_dgemv (CblasNoTrans, 1.0, X, c, 0.0, fitted);
  for (guint i = 0; i < r->n; i++)
    {
      guint row = used[i];

      r->predicted[row] = gsl_vector_get (fitted, i);
      r->residuals[row] = gsl_vector_get (y, i) - r->predicted[row];
      r->residual_se[row] = r->sigma * sqrt (fmax (0, 1 - gsl_vector_get (h, i)));
    }
}

/**
 * opora_regression_fit:
 * @y: (array length=n_rows): the result of each school, NaN for missing
 * @x: (array): @n_rows × @n_predictors context indicators, row-major, NaN for missing
 * @n_rows: schools
 * @n_predictors: context indicators
 * @error: return location for an error
 *
 * Fits y = b₀ + b₁x₁ + … + b_k x_k by ordinary least squares over the schools
 * that have y and every x (a value that is NaN or infinite leaves its row
 * out), with GSL's SVD. Rows left out get NaN for the predicted value, the
 * residual and its standard error. The residual's standard error is
 * σ·√(1 − h_ii), the denominator of the internally studentized residual,
 * so that schools far from the others in context are judged with their
 * larger uncertainty. When the result is the same for every school, R² and
 * adjusted R² are NaN.
 *
 * For y = 1 + 2x at x = 0, 1, 2: coefficients 1 and 2, R² = 1, residuals 0.
 *
 * Fails with %OPORA_ERROR_INVALID when no more schools than parameters
 * (@n_predictors + 1) are complete, or when the predictors are collinear
 * (one is a linear function of the others, or constant).
 *
 * Returns: (transfer full) (nullable): the fit, or %NULL with @error set
 */
OporaRegression *
opora_regression_fit (const double  *y,
                      const double  *x,
                      guint          n_rows,
                      guint          n_predictors,
                      GError       **error)
{
  g_autoptr(OporaRegression) r = NULL;
  g_autoptr(gsl_matrix) X = NULL;
  g_autoptr(gsl_vector) yv = NULL;
  g_autofree guint *used = NULL;
  guint n, p = n_predictors + 1;

  g_return_val_if_fail (y != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (x != NULL || (gsize) n_rows * n_predictors == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  used = complete_rows (y, x, n_rows, n_predictors, &n);
  if (!check_enough_rows (n, p, error))
    return NULL;
  X = design_matrix (x, used, n, n_predictors);
  yv = response_vector (y, used, n);
  r = regression_new (n_rows, n, p);
  if (!fit_coefficients (X, yv, r, error))
    return NULL;
  fill_rows (X, yv, used, r);
  return g_steal_pointer (&r);
}

/**
 * opora_regression_free:
 * @r: (nullable): a fit
 *
 * Frees @r and its arrays.
 */
void
opora_regression_free (OporaRegression *r)
{
  if (r == NULL)
    return;
  g_free (r->coefficients);
  g_free (r->std_errors);
  g_free (r->predicted);
  g_free (r->residuals);
  g_free (r->residual_se);
  g_free (r);
}

/**
 * opora_regression_verdict_for:
 * @residual: actual − predicted, NaN when unknown
 * @se: its standard error
 * @z: how many standard errors count as clearly non-zero (%OPORA_REGRESSION_Z)
 *
 * Whether a result is clearly above or below expectation:
 * (3, 1, 1.96) → +1; (−3, 1, 1.96) → −1; (1.5, 1, 1.96) → 0; (NaN, 1, 1.96) → 0.
 *
 * Returns: +1 when @residual > @z · @se, −1 when @residual < −@z · @se, else 0
 */
int
opora_regression_verdict_for (double residual,
                              double se,
                              double z)
{
  if (isnan (residual) || isnan (se) || !(fabs (residual) > z * se))
    return 0;
  return residual > 0 ? +1 : -1;
}

/**
 * opora_regression_verdict:
 * @r: a fit
 * @row: a row of the data given to opora_regression_fit()
 * @z: how many standard errors count as clearly non-zero (%OPORA_REGRESSION_Z)
 *
 * Whether the school of @row is clearly above (+1) or below (−1) its
 * expectation, see opora_regression_verdict_for(); 0 for a row left out.
 *
 * Returns: +1, −1 or 0
 */
int
opora_regression_verdict (const OporaRegression *r,
                          guint                  row,
                          double                 z)
{
  g_return_val_if_fail (r != NULL, 0);
  g_return_val_if_fail (row < r->n_rows, 0);

  return opora_regression_verdict_for (r->residuals[row], r->residual_se[row], z);
}

/**
 * opora_regression_mean_residuals:
 * @fits: (array length=n_fits): fits of the same rows, e.g. the last three
 *   years; an element may be %NULL for a year without a fit
 * @n_fits: how many
 * @n_rows: rows of every fit
 * @mean: (out caller-allocates) (array length=n_rows): per row, the mean of
 *   its residuals over the fits where it has one, NaN where it has none
 * @mean_se: (out caller-allocates) (array length=n_rows): the standard error
 *   of that mean, √(Σ se²) / m over those m fits, the years taken as independent
 *
 * Residuals 2 (se 1) and 4 (se 1), missing in a third year: mean 3, se √2 / 2;
 * a single residual −1 (se 0.5): mean −1, se 0.5.
 */
void
opora_regression_mean_residuals (const OporaRegression * const *fits,
                                 guint                          n_fits,
                                 guint                          n_rows,
                                 double                        *mean,
                                 double                        *mean_se)
{
  g_return_if_fail (fits != NULL || n_fits == 0);
  g_return_if_fail (mean != NULL || n_rows == 0);
  g_return_if_fail (mean_se != NULL || n_rows == 0);
  for (guint f = 0; f < n_fits; f++)
    g_return_if_fail (fits[f] == NULL || fits[f]->n_rows == n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      double sum = 0, var = 0;
      guint m = 0;

      for (guint f = 0; f < n_fits; f++)
        if (fits[f] != NULL && !isnan (fits[f]->residuals[i]))
          {
            sum += fits[f]->residuals[i];
            var += fits[f]->residual_se[i] * fits[f]->residual_se[i];
            m++;
          }
      mean[i] = m > 0 ? sum / m : NAN;
      mean_se[i] = m > 0 ? sqrt (var) / m : NAN;
    }
}
