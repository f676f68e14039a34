/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points bucketed into square cells (counting sort), so a lookup reads only nearby cells. */

#include "opora-plot-hit.h"

#include <math.h>

/* Cells are stored compressed: the points of cell c are
 * items[start[c]] … items[start[c + 1] − 1], in drawing order. */
struct _OporaPlotHitGrid {
  const double *x, *y, *radius;  /* borrowed from the layout */
  guint         n;
  double        left, top, cell;
  guint         columns, rows;
  double        max_radius;
  guint        *start;           /* columns × rows + 1 */
  guint        *items;           /* n, or fewer: points off the grid are left out */
};

static gboolean
cell_of (const OporaPlotHitGrid *grid,
         double                  x,
         double                  y,
         guint                  *cell)
{
  double column = floor ((x - grid->left) / grid->cell);
  double row = floor ((y - grid->top) / grid->cell);

  if (!(column >= 0 && column < grid->columns && row >= 0 && row < grid->rows))
    return FALSE;
  *cell = (guint) row * grid->columns + (guint) column;
  return TRUE;
}

/**
 * opora_plot_hit_grid_new:
 * @x: (array length=n): the markers' centres, in chart units; NaN for a point not drawn
 * @y: (array length=n): likewise
 * @radius: (array length=n): the markers' radii
 * @n: the number of points
 * @bounds: the area the points are drawn in; points outside it are not found
 * @cell: the side of a cell, about twice the usual radius
 *
 * The arrays are borrowed and must outlive the grid. Building is O(n).
 *
 * Returns: (transfer full): the grid
 */
OporaPlotHitGrid *
opora_plot_hit_grid_new (const double        *x,
                         const double        *y,
                         const double        *radius,
                         guint                n,
                         const OporaPlotRect *bounds,
                         double               cell)
{
  OporaPlotHitGrid *grid = g_new0 (OporaPlotHitGrid, 1);
  g_autofree guint *cells = g_new (guint, MAX (n, 1));
  guint n_cells;

  g_return_val_if_fail (bounds != NULL && cell > 0, grid);

  grid->x = x, grid->y = y, grid->radius = radius, grid->n = n;
  grid->left = bounds->x, grid->top = bounds->y, grid->cell = cell;
  /* One more than the width needs, so a point on the right or bottom edge has a cell. */
  grid->columns = (guint) floor (MAX (bounds->width, 0) / cell) + 1;
  grid->rows = (guint) floor (MAX (bounds->height, 0) / cell) + 1;
  n_cells = grid->columns * grid->rows;
  grid->start = g_new0 (guint, n_cells + 2);
  for (guint i = 0; i < n; i++)
    {
      if (!cell_of (grid, x[i], y[i], &cells[i]))
        cells[i] = G_MAXUINT;
      else
        grid->start[cells[i] + 2]++;
      grid->max_radius = MAX (grid->max_radius, radius[i]);
    }
  /* Counting sort: start[c + 2] counts, the prefix sum shifted by one
   * leaves start[c + 1] as the next free slot of cell c. */
  for (guint c = 2; c < n_cells + 2; c++)
    grid->start[c] += grid->start[c - 1];
  grid->items = g_new (guint, MAX (grid->start[n_cells + 1], 1));
  for (guint i = 0; i < n; i++)
    if (cells[i] != G_MAXUINT)
      grid->items[grid->start[cells[i] + 1]++] = i;
  return grid;
}

void
opora_plot_hit_grid_free (OporaPlotHitGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->start);
  g_free (grid->items);
  g_free (grid);
}

/* The cells a rectangle touches, clamped to the grid; FALSE when none. */
static gboolean
cell_span (const OporaPlotHitGrid *grid,
           double x0, double y0, double x1, double y1,
           guint *c0, guint *r0, guint *c1, guint *r1)
{
  double fc0 = floor ((x0 - grid->left) / grid->cell), fc1 = floor ((x1 - grid->left) / grid->cell);
  double fr0 = floor ((y0 - grid->top) / grid->cell), fr1 = floor ((y1 - grid->top) / grid->cell);

  if (fc1 < 0 || fr1 < 0 || fc0 >= grid->columns || fr0 >= grid->rows || !(fc0 <= fc1 && fr0 <= fr1))
    return FALSE;
  *c0 = (guint) MAX (fc0, 0), *c1 = (guint) MIN (fc1, grid->columns - 1);
  *r0 = (guint) MAX (fr0, 0), *r1 = (guint) MIN (fr1, grid->rows - 1);
  return TRUE;
}

/**
 * opora_plot_hit_grid_point_at:
 * @grid: a grid
 * @x: the pointer, in chart units
 * @y: likewise
 * @slop: how far outside a marker still counts, for fingers and shaky hands
 *
 * Returns: the point whose marker (grown by @slop) holds (@x, @y) and whose
 *   centre is nearest, the later drawn on a tie; -1 when none
 */
int
opora_plot_hit_grid_point_at (const OporaPlotHitGrid *grid,
                              double                  x,
                              double                  y,
                              double                  slop)
{
  double reach = grid->max_radius + slop, best = G_MAXDOUBLE;
  guint c0, r0, c1, r1;
  int found = -1;

  g_return_val_if_fail (grid != NULL, -1);

  if (!cell_span (grid, x - reach, y - reach, x + reach, y + reach, &c0, &r0, &c1, &r1))
    return -1;
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * grid->columns + c;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint i = grid->items[k];
            double dx = grid->x[i] - x, dy = grid->y[i] - y, d2 = dx * dx + dy * dy;
            double r_i = grid->radius[i] + slop;

            if (d2 <= r_i * r_i && (d2 < best || (d2 == best && (int) i > found)))
              best = d2, found = i;
          }
      }
  return found;
}

static gboolean
circle_meets_rect (double               x,
                   double               y,
                   double               r,
                   const OporaPlotRect *rect)
{
  double nx = CLAMP (x, rect->x, rect->x + rect->width);
  double ny = CLAMP (y, rect->y, rect->y + rect->height);

  return (nx - x) * (nx - x) + (ny - y) * (ny - y) < r * r;
}

/* The points of the cells that lie wholly inside @rect: their markers
 * surely meet it. Reading cell sizes only, this settles a dense spot fast. */
static guint
inner_count (const OporaPlotHitGrid *grid,
             const OporaPlotRect    *rect)
{
  double c0 = ceil ((rect->x - grid->left) / grid->cell), r0 = ceil ((rect->y - grid->top) / grid->cell);
  double c1 = floor ((rect->x + rect->width - grid->left) / grid->cell);
  double r1 = floor ((rect->y + rect->height - grid->top) / grid->cell);
  guint count = 0;

  c0 = MAX (c0, 0), r0 = MAX (r0, 0);
  c1 = MIN (c1, grid->columns), r1 = MIN (r1, grid->rows);
  for (double r = r0; r < r1; r++)
    for (double c = c0; c < c1; c++)
      {
        guint cell = (guint) r * grid->columns + (guint) c;
        count += grid->start[cell + 1] - grid->start[cell];
      }
  return count;
}

/**
 * opora_plot_hit_grid_count:
 * @grid: a grid
 * @rect: a box, in chart units
 * @stop_at: stop counting here (0: count all)
 *
 * Returns: how many markers overlap @rect, at most @stop_at when it is not 0
 */
guint
opora_plot_hit_grid_count (const OporaPlotHitGrid *grid,
                           const OporaPlotRect    *rect,
                           guint                   stop_at)
{
  double reach = grid->max_radius;
  guint c0, r0, c1, r1, count = 0;

  g_return_val_if_fail (grid != NULL && rect != NULL, 0);

  if (stop_at > 0 && inner_count (grid, rect) >= stop_at)
    return stop_at;
  if (!cell_span (grid, rect->x - reach, rect->y - reach, rect->x + rect->width + reach,
                  rect->y + rect->height + reach, &c0, &r0, &c1, &r1))
    return 0;
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * grid->columns + c;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint i = grid->items[k];

            if (circle_meets_rect (grid->x[i], grid->y[i], grid->radius[i], rect) &&
                ++count == stop_at)
              return count;
          }
      }
  return count;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * opora_plot_hit_grid_in_rect:
 * @grid: a grid
 * @rect: a box, in chart units (a rubber band)
 *
 * Returns: (transfer full) (element-type guint): the points whose centres
 *   lie in @rect, in ascending order
 */
GArray *
opora_plot_hit_grid_in_rect (const OporaPlotHitGrid *grid,
                             const OporaPlotRect    *rect)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint c0, r0, c1, r1;

  g_return_val_if_fail (grid != NULL && rect != NULL, found);

  if (!cell_span (grid, rect->x, rect->y, rect->x + rect->width, rect->y + rect->height, &c0, &r0, &c1, &r1))
    return found;
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * grid->columns + c;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint i = grid->items[k];

            if (grid->x[i] >= rect->x && grid->x[i] <= rect->x + rect->width &&
                grid->y[i] >= rect->y && grid->y[i] <= rect->y + rect->height)
              g_array_append_val (found, i);
          }
      }
  g_array_sort (found, (GCompareFunc) compare_guint);
  return found;
}
