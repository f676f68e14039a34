/* SPDX-License-Identifier: GPL-3.0-or-later */
/* z-scores, composite indices and percentile ranks over schools, missing values allowed (NaN). */

#include <math.h>
#include <stdlib.h>

#include "opora-composite.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/**
 * opora_median:
 * @values: (array length=n): numbers, NaN for missing
 * @n: how many
 *
 * Returns: the median of the values that are not NaN (the mean of the two
 *   middle ones for an even count), or NaN when there are none
 */
double
opora_median (const double *values,
              gsize         n)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      sorted[m++] = values[i];
  if (m == 0)
    return NAN;
  qsort (sorted, m, sizeof (double), compare_doubles);
  return m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
}

/**
 * opora_mean:
 * @values: (array length=n): numbers, NaN for missing
 * @n: how many
 *
 * Returns: the mean of the values that are not NaN, or NaN when there are none
 */
double
opora_mean (const double *values,
            gsize         n)
{
  double sum = 0;
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += values[i];
        m++;
      }
  return m > 0 ? sum / m : NAN;
}

/**
 * opora_zscores:
 * @values: (array): @n_rows × @n_cols numbers, row-major, NaN for missing
 * @n_rows: schools
 * @n_cols: indicators
 * @directions: (array length=n_cols) (nullable): +1 when higher is better,
 *   −1 when higher is worse (its z is negated); 0 counts as +1
 * @z: (out caller-allocates) (array): @n_rows × @n_cols results
 *
 * Standardizes each column over the schools that have a value: z = (x − mean)
 * / SD, with the population SD (divided by the count, as scikit-learn's
 * StandardScaler does), then signed so that higher is better. A column
 * whose values are all equal gets z = 0; missing values stay NaN.
 */
void
opora_zscores (const double *values,
               guint         n_rows,
               guint         n_cols,
               const int    *directions,
               double       *z)
{
  for (guint c = 0; c < n_cols; c++)
    {
      double sum = 0, squares = 0, mean, sd;
      guint m = 0;
      int sign = directions != NULL && directions[c] < 0 ? -1 : +1;

      for (guint r = 0; r < n_rows; r++)
        {
          double x = values[(gsize) r * n_cols + c];
          if (!isnan (x))
            {
              sum += x;
              m++;
            }
        }
      mean = m > 0 ? sum / m : 0;
      for (guint r = 0; r < n_rows; r++)
        {
          double x = values[(gsize) r * n_cols + c];
          if (!isnan (x))
            squares += (x - mean) * (x - mean);
        }
      sd = m > 0 ? sqrt (squares / m) : 0;
      for (guint r = 0; r < n_rows; r++)
        {
          double x = values[(gsize) r * n_cols + c];
          z[(gsize) r * n_cols + c] = isnan (x) ? NAN : sd > 0 ? sign * (x - mean) / sd : 0;
        }
    }
}

/**
 * opora_composite_index:
 * @z: (array): @n_rows × @n_cols signed z-scores, NaN for missing
 * @n_rows: schools
 * @n_cols: indicators
 * @weights: (array length=n_cols) (nullable): each indicator's weight, ≥ 0;
 *   %NULL for equal weights
 * @max_missing: the largest share of missing indicators (by weight) a school
 *   may have and still get an index, e.g. %OPORA_INDEX_MAX_MISSING
 * @index: (out caller-allocates) (array length=n_rows): the indices
 *
 * The weighted mean of each school's z-scores over the indicators it has,
 * or NaN when it misses more than @max_missing of them.
 */
void
opora_composite_index (const double *z,
                       guint         n_rows,
                       guint         n_cols,
                       const double *weights,
                       double        max_missing,
                       double       *index)
{
  double total = 0;

  for (guint c = 0; c < n_cols; c++)
    total += weights != NULL ? weights[c] : 1;
  for (guint r = 0; r < n_rows; r++)
    {
      double sum = 0, present = 0;

      for (guint c = 0; c < n_cols; c++)
        {
          double w = weights != NULL ? weights[c] : 1;
          double x = z[(gsize) r * n_cols + c];
          if (!isnan (x) && w > 0)
            {
              sum += w * x;
              present += w;
            }
        }
      index[r] = total > 0 && present > 0 && (total - present) / total <= max_missing + 1e-12
               ? sum / present : NAN;
    }
}

typedef struct {
  double value;
  guint  row;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;
  int order = compare_doubles (&x->value, &y->value);
  return order != 0 ? order : (x->row > y->row) - (x->row < y->row);
}

/**
 * opora_percentile_ranks:
 * @values: (array length=n): numbers, NaN for missing
 * @n: how many
 * @percentiles: (out caller-allocates) (array length=n): the ranks
 *
 * Each value's percentile rank among the values present, 0–100: the share
 * below it plus half the share equal to it (itself included). NaN stays NaN.
 */
void
opora_percentile_ranks (const double *values,
                        guint         n,
                        double       *percentiles)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      percentiles[i] = NAN;
      if (!isnan (values[i]))
        ranked[m++] = (Ranked) { values[i], i };
    }
  qsort (ranked, m, sizeof (Ranked), compare_ranked);
  for (guint start = 0; start < m;)
    {
      guint end = start;
      double rank;

      while (end < m && ranked[end].value == ranked[start].value)
        end++;
      rank = 100.0 * (start + 0.5 * (end - start)) / m;
      for (guint i = start; i < end; i++)
        percentiles[ranked[i].row] = rank;
      start = end;
    }
}
