/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of least squares: cases worked by hand, and a fixture checked against statsmodels. */

#include <math.h>
#include <string.h>

#include "opora-error.h"
#include "opora-regression.h"

/* |a − b| within tol, relative to |b| where |b| > 1. */
static void
assert_close (double a,
              double b,
              double tol)
{
  if (isnan (b))
    g_assert_true (isnan (a));
  else
    g_assert_cmpfloat_with_epsilon (a, b, tol * MAX (1, fabs (b)));
}

/* y = 1 + 2x exactly, with a row missing y and one missing x:
 * coefficients 1 and 2 with zero standard errors, R² = 1, residuals 0. */
static void
test_exact_line (void)
{
  const double x[] = { 0, 1, 2, 3, 4, NAN };
  const double y[] = { 1, 3, 5, 7, NAN, 11 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaRegression) r = opora_regression_fit (y, x, 6, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_rows, ==, 6);
  g_assert_cmpuint (r->n, ==, 4);
  g_assert_cmpuint (r->p, ==, 2);
  assert_close (r->coefficients[0], 1, 1e-12);
  assert_close (r->coefficients[1], 2, 1e-12);
  assert_close (r->std_errors[0], 0, 1e-12);
  assert_close (r->std_errors[1], 0, 1e-12);
  assert_close (r->r_squared, 1, 1e-12);
  assert_close (r->sigma, 0, 1e-12);
  for (guint i = 0; i < 4; i++)
    {
      assert_close (r->predicted[i], y[i], 1e-12);
      assert_close (r->residuals[i], 0, 1e-12);
      g_assert_cmpint (opora_regression_verdict (r, i, OPORA_REGRESSION_Z), ==, 0);
    }
  for (guint i = 4; i < 6; i++)
    {
      g_assert_true (isnan (r->predicted[i]));
      g_assert_true (isnan (r->residuals[i]));
      g_assert_true (isnan (r->residual_se[i]));
      g_assert_cmpint (opora_regression_verdict (r, i, OPORA_REGRESSION_Z), ==, 0);
    }
}

/* Four points (1, 2), (2, 3), (3, 5), (4, 4) with the textbook formulas:
 *   x̄ = 2.5, ȳ = 3.5, Sxx = 5, Sxy = 4, Syy = 5
 *   slope = Sxy / Sxx = 0.8, intercept = ȳ − 0.8 x̄ = 1.5
 *   fitted 2.3, 3.1, 3.9, 4.7; residuals −0.3, −0.1, 1.1, −0.7
 *   RSS = 1.8, R² = 1 − 1.8 / 5 = 0.64, adjusted 1 − 0.36 · 3 / 2 = 0.46
 *   σ² = RSS / (n − 2) = 0.9
 *   SE(slope) = σ / √Sxx = √0.18, SE(intercept) = σ √(1/n + x̄² / Sxx) = √1.35
 *   h = 1/n + (x − x̄)² / Sxx = 0.7, 0.3, 0.3, 0.7
 *   residual SE = σ √(1 − h) = √0.27, √0.63, √0.63, √0.27
 * At z = 1 the third school is clearly above (1.1 > 0.794) and the fourth
 * clearly below (0.7 > 0.520); at z = 1.96 none is. */
static void
test_hand_worked (void)
{
  const double x[] = { 1, 2, 3, 4 };
  const double y[] = { 2, 3, 5, 4 };
  const double residuals[] = { -0.3, -0.1, 1.1, -0.7 };
  const double residual_se[] = { sqrt (0.27), sqrt (0.63), sqrt (0.63), sqrt (0.27) };
  const int verdicts_z1[] = { 0, 0, +1, -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaRegression) r = opora_regression_fit (y, x, 4, 1, &error);

  g_assert_no_error (error);
  assert_close (r->coefficients[0], 1.5, 1e-12);
  assert_close (r->coefficients[1], 0.8, 1e-12);
  assert_close (r->std_errors[0], sqrt (1.35), 1e-12);
  assert_close (r->std_errors[1], sqrt (0.18), 1e-12);
  assert_close (r->r_squared, 0.64, 1e-12);
  assert_close (r->adj_r_squared, 0.46, 1e-12);
  assert_close (r->sigma, sqrt (0.9), 1e-12);
  for (guint i = 0; i < 4; i++)
    {
      assert_close (r->predicted[i], y[i] - residuals[i], 1e-12);
      assert_close (r->residuals[i], residuals[i], 1e-12);
      assert_close (r->residual_se[i], residual_se[i], 1e-12);
      g_assert_cmpint (opora_regression_verdict (r, i, 1.0), ==, verdicts_z1[i]);
      g_assert_cmpint (opora_regression_verdict (r, i, OPORA_REGRESSION_Z), ==, 0);
    }
}

/* The data lines of a fixture CSV as numbers, an empty field as NaN, after
 * skipping the first @skip fields of each line. */
static double *
read_numbers (const char *name,
              guint       skip,
              guint       n_cols,
              guint      *n_rows)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "regression", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (double));

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  *n_rows = 0;
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++, (*n_rows)++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, skip + n_cols);
      for (guint j = skip; j < skip + n_cols; j++)
        {
          double v = fields[j][0] != '\0' ? g_ascii_strtod (fields[j], NULL) : NAN;
          g_array_append_val (numbers, v);
        }
    }
  return (double *) g_array_free (numbers, FALSE);
}

/* 200 schools, 3 context indicators, 6 rows with a missing value (see
 * fixtures/regression/make-reference.py), against statsmodels' OLS. */
static void
test_statsmodels (void)
{
  guint n_schools, n_terms, n_summary, n_out;
  g_autofree double *data = read_numbers ("schools.csv", 0, 4, &n_schools);
  g_autofree double *terms = read_numbers ("coefficients.csv", 1, 2, &n_terms);
  g_autofree double *summary = read_numbers ("summary.csv", 0, 5, &n_summary);
  g_autofree double *rows = read_numbers ("rows.csv", 0, 4, &n_out);
  g_autofree double *y = g_new (double, n_schools);
  g_autofree double *x = g_new (double, n_schools * 3);
  g_autoptr(OporaRegression) r = NULL;
  g_autoptr(GError) error = NULL;
  guint above = 0, below = 0;

  g_assert_cmpuint (n_schools, ==, 200);
  g_assert_cmpuint (n_terms, ==, 4);
  g_assert_cmpuint (n_summary, ==, 1);
  g_assert_cmpuint (n_out, ==, n_schools);
  for (guint i = 0; i < n_schools; i++)
    {
      y[i] = data[i * 4];
      for (guint j = 0; j < 3; j++)
        x[i * 3 + j] = data[i * 4 + 1 + j];
    }

  r = opora_regression_fit (y, x, n_schools, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n, ==, (guint) summary[0]);
  g_assert_cmpuint (r->p, ==, (guint) summary[1]);
  assert_close (r->r_squared, summary[2], 1e-9);
  assert_close (r->adj_r_squared, summary[3], 1e-9);
  assert_close (r->sigma, summary[4], 1e-9);
  for (guint j = 0; j < 4; j++)
    {
      assert_close (r->coefficients[j], terms[j * 2], 1e-9);
      assert_close (r->std_errors[j], terms[j * 2 + 1], 1e-9);
    }
  for (guint i = 0; i < n_schools; i++)
    {
      int verdict = opora_regression_verdict (r, i, OPORA_REGRESSION_Z);

      assert_close (r->predicted[i], rows[i * 4], 1e-9);
      assert_close (r->residuals[i], rows[i * 4 + 1], 1e-9);
      assert_close (r->residual_se[i], rows[i * 4 + 2], 1e-9);
      g_assert_cmpint (verdict, ==, (int) rows[i * 4 + 3]);
      above += verdict > 0;
      below += verdict < 0;
    }
  /* The fixture has schools on both sides, so the verdicts were tested. */
  g_assert_cmpuint (above, ==, 6);
  g_assert_cmpuint (below, ==, 6);
}

static void
test_verdict_for (void)
{
  const struct {
    double residual, se, z;
    int verdict;
  } cases[] = {
    { 3, 1, 1.96, +1 },
    { -3, 1, 1.96, -1 },
    { 1.5, 1, 1.96, 0 },
    { 1.96, 1, 1.96, 0 },     /* on the line is not clearly above */
    { -1.97, 1, 1.96, -1 },
    { 0, 0, 1.96, 0 },        /* an exact fit */
    { 1e-12, 0, 1.96, +1 },
    { NAN, 1, 1.96, 0 },
    { 3, NAN, 1.96, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (opora_regression_verdict_for (cases[i].residual, cases[i].se, cases[i].z),
                     ==, cases[i].verdict);
}

static void
test_verdict_row_out_of_range (void)
{
  const double x[] = { 1, 2, 3, 4 };
  const double y[] = { 2, 3, 5, 4 };
  g_autoptr(OporaRegression) r = opora_regression_fit (y, x, 4, 1, NULL);

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*row < r->n_rows*");
  g_assert_cmpint (opora_regression_verdict (r, 4, OPORA_REGRESSION_Z), ==, 0);
  g_test_assert_expected_messages ();
}

/* Three years of four schools (rows), the second year without a fit:
 *   row 0: residuals 2 (se 1), 4 (se 1)        → mean 3, se √2 / 2
 *   row 1: residual −1 (se 0.5) in one year    → mean −1, se 0.5
 *   row 2: residuals 1 (se 2), 3 (se 1)        → mean 2, se √5 / 2
 *   row 3: missing in every year               → NaN, NaN */
static void
test_mean_residuals (void)
{
  double res1[] = { 2, -1, 1, NAN }, se1[] = { 1, 0.5, 2, NAN };
  double res3[] = { 4, NAN, 3, NAN }, se3[] = { 1, NAN, 1, NAN };
  OporaRegression year1 = { .n_rows = 4, .residuals = res1, .residual_se = se1 };
  OporaRegression year3 = { .n_rows = 4, .residuals = res3, .residual_se = se3 };
  const OporaRegression *fits[] = { &year1, NULL, &year3 };
  double mean[4], mean_se[4];

  opora_regression_mean_residuals (fits, 3, 4, mean, mean_se);
  assert_close (mean[0], 3, 1e-15);
  assert_close (mean_se[0], sqrt (2) / 2, 1e-15);
  assert_close (mean[1], -1, 1e-15);
  assert_close (mean_se[1], 0.5, 1e-15);
  assert_close (mean[2], 2, 1e-15);
  assert_close (mean_se[2], sqrt (5) / 2, 1e-15);
  g_assert_true (isnan (mean[3]));
  g_assert_true (isnan (mean_se[3]));
}

/* Two predictors need 4 complete rows; of 5, two miss a value. */
static void
test_too_few_rows (void)
{
  const double x[] = {
    1, 0,
    2, 1,
    NAN, 1,
    4, 3,
    5, 2,
  };
  const double y[] = { 1, 2, 3, NAN, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaRegression) r = opora_regression_fit (y, x, 5, 2, &error);

  g_assert_null (r);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3 schools"));
  g_assert_nonnull (strstr (error->message, "at least 4"));
  g_clear_error (&error);

  g_assert_null (opora_regression_fit (NULL, NULL, 0, 0, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

/* The second indicator is 1 − the first (shares of the same pupils), then a
 * constant one: neither can be told apart from the others and the intercept. */
static void
test_collinear (void)
{
  const double complement[] = {
    0.1, 0.9, 5,
    0.2, 0.8, 3,
    0.35, 0.65, 4,
    0.4, 0.6, 1,
    0.7, 0.3, 2,
  };
  const double constant[] = {
    0.1, 7, 5,
    0.2, 7, 3,
    0.35, 7, 4,
    0.4, 7, 1,
    0.7, 7, 2,
  };
  const double y[] = { 10, 12, 9, 14, 11 };
  g_autoptr(GError) error = NULL;

  g_assert_null (opora_regression_fit (y, complement, 5, 3, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "say the same thing"));
  g_clear_error (&error);

  g_assert_null (opora_regression_fit (y, constant, 5, 3, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/regression/exact-line", test_exact_line);
  g_test_add_func ("/core/regression/hand-worked", test_hand_worked);
  g_test_add_func ("/core/regression/statsmodels", test_statsmodels);
  g_test_add_func ("/core/regression/verdict", test_verdict_for);
  g_test_add_func ("/core/regression/verdict-row-out-of-range", test_verdict_row_out_of_range);
  g_test_add_func ("/core/regression/mean-residuals", test_mean_residuals);
  g_test_add_func ("/core/regression/too-few-rows", test_too_few_rows);
  g_test_add_func ("/core/regression/collinear", test_collinear);

  return g_test_run ();
}
