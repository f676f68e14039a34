/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The third model: each school's results against what its context predicts ("beating the odds"). */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-analysis-private.h"
#include "opora-error.h"
#include "opora-regression.h"

/* Residuals are averaged over up to this many years (DOMAIN.md). */
#define REGRESSION_YEARS 3

void
opora_regression_summary_free (OporaRegressionSummary *summary)
{
  if (summary == NULL)
    return;
  g_strfreev (summary->keys);
  g_free (summary->coefficients);
  g_free (summary->std_errors);
  g_free (summary);
}

static OporaRegressionSummary *
summarize (const OporaRegression     *fit,
           const OporaAnalysisParams *params,
           guint                      n_years)
{
  OporaRegressionSummary *s = g_new0 (OporaRegressionSummary, 1);

  s->n_coefficients = fit->p;
  s->keys = g_new0 (char *, fit->p + 1);
  s->keys[0] = g_strdup ("intercept");
  for (guint c = 1; c < fit->p; c++)
    s->keys[c] = g_strdup (((OporaAnalysisFeature *) params->context->pdata[c - 1])->key);
  s->coefficients = g_memdup2 (fit->coefficients, fit->p * sizeof (double));
  s->std_errors = g_memdup2 (fit->std_errors, fit->p * sizeof (double));
  s->r_squared = fit->r_squared;
  s->adj_r_squared = fit->adj_r_squared;
  s->n = fit->n;
  s->n_years = n_years;
  return s;
}

static void
regression_profiles (OporaAnalysis     *a,
                     const OporaMember *members,
                     guint              n)
{
  guint sizes[3] = { 0 };

  a->profile_keys = g_strsplit ("context_index,results_index,residual", ",", -1);
  a->profiles = g_new0 (double, 9);
  for (guint i = 0; i < n; i++)
    if (members[i].cluster > 0)
      {
        guint k = members[i].cluster - 1;
        a->profiles[k * 3] += members[i].context_index;
        a->profiles[k * 3 + 1] += members[i].results_index;
        a->profiles[k * 3 + 2] += members[i].residual;
        sizes[k]++;
      }
  for (guint k = 0; k < 3; k++)
    for (guint c = 0; c < 3; c++)
      a->profiles[k * 3 + c] = sizes[k] > 0 ? a->profiles[k * 3 + c] / sizes[k] : NAN;
}

/**
 * opora_analysis_place_regression:
 * @db: a workspace
 * @analysis: the analysis being made, its members filled from @year
 * @year: the indices of the analysis's year
 * @cancellable: (nullable): stops between years
 *
 * Regresses the results index on the context z-scores (ordinary least
 * squares with an intercept) in the analysis's year and the two before it,
 * averages each school's residual over the years it has, and places it in
 * cluster 1 (clearly below expectation: the residual more than 1.96
 * standard errors under 0), 3 (clearly above) or 2 (as expected). Schools
 * without a residual are left out. The summary keeps the latest year's fit.
 *
 * Returns: %FALSE with @error set when the latest year cannot be fitted
 */
gboolean
opora_analysis_place_regression (OporaDb          *db,
                                 OporaAnalysis    *a,
                                 OporaYearIndices *year,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  const OporaAnalysisParams *params = a->params;
  OporaRegression *fits[REGRESSION_YEARS] = { NULL };
  OporaMember *members = (OporaMember *) a->members->data;
  guint n = year->w.n, d = year->w.n_context, n_years = 0;
  g_autofree double *mean = g_new (double, MAX (n, 1));
  g_autofree double *mean_se = g_new (double, MAX (n, 1));
  gboolean ok = TRUE;

  for (guint back = 0; back < REGRESSION_YEARS && ok; back++)
    {
      g_auto(OporaYearIndices) earlier = { 0 };
      OporaYearIndices *y = year;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (back > 0)
        {
          if (!opora_year_indices_compute (db, params, params->year - (int) back, &earlier, error))
            {
              ok = FALSE;
              break;
            }
          /* The fit takes the indices and z-scores; the values can go now. */
          g_clear_pointer (&earlier.w.m, opora_year_matrix_free);
          y = &earlier;
        }
      fits[back] = opora_regression_fit (y->results_index, y->w.context_z, n, d, back == 0 ? error : &local);
      if (fits[back] != NULL)
        n_years++;
      else if (back == 0)
        ok = FALSE;
    }

  if (ok)
    {
      opora_regression_mean_residuals ((const OporaRegression * const *) fits, REGRESSION_YEARS, n, mean, mean_se);
      for (guint r = 0; r < n; r++)
        {
          OporaMember *m = &members[r];
          int verdict = opora_regression_verdict_for (mean[r], mean_se[r], OPORA_REGRESSION_Z);

          m->predicted = fits[0]->predicted[r];
          m->residual = mean[r];
          m->residual_se = mean_se[r];
          if (isnan (m->residual))
            {
              m->flags |= OPORA_MEMBER_LEFT_OUT;
              continue;
            }
          m->cluster = verdict < 0 ? OPORA_REGRESSION_BELOW : verdict > 0 ? OPORA_REGRESSION_ABOVE
                                                                       : OPORA_REGRESSION_EXPECTED;
        }
      a->n_clusters = 3;
      a->regression = summarize (fits[0], params, n_years);
      regression_profiles (a, members, n);
    }
  for (guint i = 0; i < REGRESSION_YEARS; i++)
    opora_regression_free (fits[i]);
  return ok;
}
