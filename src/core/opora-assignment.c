/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The optimal assignment (Hungarian method): rows to columns at the least total cost. */

#include <math.h>

#include "opora-assignment.h"

/* Shortest augmenting paths with row and column potentials, for n ≤ m:
 * each row in turn is added, and the cheapest alternating path from it to
 * a free column (in reduced costs) is found Dijkstra-style and flipped.
 * O(n² m). Arrays are 1-based; column 0 is the virtual start. */
static void
solve_wide (const double *cost,
            guint         n,
            guint         m,
            gboolean      transposed,
            int          *row_of_column)
{
  g_autofree double *u = g_new0 (double, n + 1);
  g_autofree double *v = g_new0 (double, m + 1);
  g_autofree double *min_reduced = g_new (double, m + 1);
  g_autofree guint *previous = g_new0 (guint, m + 1);
  g_autofree gboolean *visited = g_new (gboolean, m + 1);
  g_autofree guint *owner = g_new0 (guint, m + 1);   /* row (1-based) of each column, 0 = free */

  for (guint row = 1; row <= n; row++)
    {
      guint column = 0;

      owner[0] = row;
      for (guint j = 0; j <= m; j++)
        {
          min_reduced[j] = INFINITY;
          visited[j] = FALSE;
        }
      do
        {
          guint i = owner[column], next = 0;
          double delta = INFINITY;

          visited[column] = TRUE;
          for (guint j = 1; j <= m; j++)
            {
              double c, reduced;

              if (visited[j])
                continue;
              c = transposed ? cost[(gsize) (j - 1) * n + (i - 1)] : cost[(gsize) (i - 1) * m + (j - 1)];
              reduced = c - u[i] - v[j];
              if (reduced < min_reduced[j])
                {
                  min_reduced[j] = reduced;
                  previous[j] = column;
                }
              if (min_reduced[j] < delta)
                {
                  delta = min_reduced[j];
                  next = j;
                }
            }
          for (guint j = 0; j <= m; j++)
            if (visited[j])
              {
                u[owner[j]] += delta;
                v[j] -= delta;
              }
            else
              min_reduced[j] -= delta;
          column = next;
        }
      while (owner[column] != 0);
      /* Flip the path back to the start. */
      while (column != 0)
        {
          guint back = previous[column];
          owner[column] = owner[back];
          column = back;
        }
    }
  for (guint j = 1; j <= m; j++)
    row_of_column[j - 1] = owner[j] > 0 ? (int) owner[j] - 1 : OPORA_ASSIGNMENT_NONE;
}

/**
 * opora_assignment_solve:
 * @cost: (array): @n_rows × @n_cols costs, row-major, finite
 * @n_rows: rows
 * @n_cols: columns
 * @column_of: (out caller-allocates) (array length=n_rows): each row's
 *   column, or %OPORA_ASSIGNMENT_NONE when there are more rows than columns
 *   and the row is left over
 *
 * Assigns rows to distinct columns so that the total cost is the least
 * possible (not greedily): min(@n_rows, @n_cols) pairs are made.
 *
 * Returns: the total cost of the assignment
 */
double
opora_assignment_solve (const double *cost,
                        guint         n_rows,
                        guint         n_cols,
                        int          *column_of)
{
  double total = 0;

  for (guint r = 0; r < n_rows; r++)
    column_of[r] = OPORA_ASSIGNMENT_NONE;
  if (n_rows == 0 || n_cols == 0)
    return 0;
  if (n_rows <= n_cols)
    {
      g_autofree int *row_of = g_new (int, n_cols);
      solve_wide (cost, n_rows, n_cols, FALSE, row_of);
      for (guint c = 0; c < n_cols; c++)
        if (row_of[c] != OPORA_ASSIGNMENT_NONE)
          column_of[row_of[c]] = c;
    }
  else
    {
      /* More rows than columns: assign the columns to rows instead. */
      g_autofree int *column_of_row = g_new (int, n_rows);
      solve_wide (cost, n_cols, n_rows, TRUE, column_of_row);
      for (guint r = 0; r < n_rows; r++)
        if (column_of_row[r] != OPORA_ASSIGNMENT_NONE)
          column_of[r] = column_of_row[r];
    }
  for (guint r = 0; r < n_rows; r++)
    if (column_of[r] != OPORA_ASSIGNMENT_NONE)
      total += cost[(gsize) r * n_cols + column_of[r]];
  return total;
}
