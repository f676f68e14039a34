/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Labels in priority order, each at the first free spot of a fixed list, as cartographers do by hand. */

#include "opora-plot-labels.h"

#include <math.h>

/* Directions tried beside the point, in the order a reader expects a
 * label: right, left, then the corners, then above and below. */
static const double near_directions[][2] = {
  { 1, 0 }, { -1, 0 }, { M_SQRT1_2, -M_SQRT1_2 }, { M_SQRT1_2, M_SQRT1_2 },
  { -M_SQRT1_2, -M_SQRT1_2 }, { -M_SQRT1_2, M_SQRT1_2 }, { 0, -1 }, { 0, 1 },
};

/* Farther out, with a leader line: 16 directions (y grows downwards),
 * sideways first, straight up and down last; as cos, sin of 0°, 180°,
 * −22.5°, 202.5°, 22.5°, 157.5°, −45°, 225°, 45°, 135°, −67.5°, 247.5°,
 * 67.5°, 112.5°, 270°, 90°. */
#define C1 0.92387953251128674  /* cos 22.5° */
#define S1 0.38268343236508978  /* sin 22.5° */
static const double far_directions[][2] = {
  { 1, 0 }, { -1, 0 }, { C1, -S1 }, { -C1, -S1 }, { C1, S1 }, { -C1, S1 },
  { M_SQRT1_2, -M_SQRT1_2 }, { -M_SQRT1_2, -M_SQRT1_2 }, { M_SQRT1_2, M_SQRT1_2 }, { -M_SQRT1_2, M_SQRT1_2 },
  { S1, -C1 }, { -S1, -C1 }, { S1, C1 }, { -S1, C1 }, { 0, -1 }, { 0, 1 },
};

#define N_RINGS       3
#define MAX_COVERED   2     /* a label may hide this many markers, no more */
#define COST_COVERED  20.0  /* a marker under the label costs more… */
#define COST_RING     3.0   /* …than moving out all three rings */

gboolean
opora_plot_rects_intersect (const OporaPlotRect *a,
                            const OporaPlotRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_inside (const OporaPlotRect *inner,
             const OporaPlotRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* The box whose side or corner nearest the point sits at @distance in
 * direction (@dx, @dy). */
static OporaPlotRect
box_towards (const OporaPlotLabelRequest *r,
             double                       dx,
             double                       dy,
             double                       distance)
{
  double ax = r->x + dx * distance, ay = r->y + dy * distance;
  OporaPlotRect box = { 0, 0, r->width, r->height };

  box.x = dx > 0.38 ? ax : dx < -0.38 ? ax - r->width : ax - r->width / 2;
  box.y = dy > 0.38 ? ay : dy < -0.38 ? ay - r->height : ay - r->height / 2;
  return box;
}

/* Placed labels, bucketed by TAKEN_CELL-pixel cells of the bounds so a
 * spot is checked only against labels near it. */
#define TAKEN_CELL 64.0

struct _OporaPlotLabeler {
  const OporaPlotHitGrid *markers;
  OporaPlotRect           bounds;
  GArray                 *obstacles; /* OporaPlotRect */
  GArray                 *taken;     /* OporaPlotRect: placed labels */
  GArray                **cells;     /* per cell: guint indices into @taken */
  guint                   columns, rows;
  double                  gap;
};

typedef OporaPlotLabeler Board;

/* The cells @box touches, clamped to the board. */
static void
board_span (const Board         *board,
            const OporaPlotRect *box,
            guint               *c0,
            guint               *r0,
            guint               *c1,
            guint               *r1)
{
  double x0 = floor ((box->x - board->bounds.x) / TAKEN_CELL);
  double y0 = floor ((box->y - board->bounds.y) / TAKEN_CELL);
  double x1 = floor ((box->x + box->width - board->bounds.x) / TAKEN_CELL);
  double y1 = floor ((box->y + box->height - board->bounds.y) / TAKEN_CELL);

  *c0 = (guint) CLAMP (x0, 0, board->columns - 1), *c1 = (guint) CLAMP (x1, 0, board->columns - 1);
  *r0 = (guint) CLAMP (y0, 0, board->rows - 1), *r1 = (guint) CLAMP (y1, 0, board->rows - 1);
}

static gboolean
board_is_free (const Board         *board,
               const OporaPlotRect *box)
{
  guint c0, r0, c1, r1;

  board_span (board, box, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        GArray *cell = board->cells[r * board->columns + c];

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          if (opora_plot_rects_intersect (box, &g_array_index (board->taken, OporaPlotRect, g_array_index (cell, guint, k))))
            return FALSE;
      }
  return TRUE;
}

static void
board_take (Board               *board,
            const OporaPlotRect *box)
{
  guint index = board->taken->len, c0, r0, c1, r1;

  g_array_append_val (board->taken, *box);
  board_span (board, box, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        GArray **cell = &board->cells[r * board->columns + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* The cost of putting a label at @box, or +∞ when it may not go there. */
static double
cost_of (const Board         *board,
         const OporaPlotRect *box,
         double               base,
         double               best)
{
  /* Labels keep a gap above and below, and twice that beside each other:
   * two names on one line with less between them read as one. */
  OporaPlotRect padded = { box->x - 2 * board->gap, box->y - board->gap,
                           box->width + 4 * board->gap, box->height + 2 * board->gap };
  guint covered, limit;

  if (!rect_inside (box, &board->bounds))
    return INFINITY;
  for (guint i = 0; i < board->obstacles->len; i++)
    if (opora_plot_rects_intersect (&padded, &g_array_index (board->obstacles, OporaPlotRect, i)))
      return INFINITY;
  if (!board_is_free (board, &padded))
    return INFINITY;
  if (board->markers == NULL)
    return base;
  /* Counting more markers than would beat @best is wasted. A label that
   * would hide more than MAX_COVERED markers hides data: in a dense cloud
   * only its edges get labels, and hover tells the rest. */
  limit = isfinite (best) ? (guint) MAX (0, ceil ((best - base) / COST_COVERED)) + 1 : MAX_COVERED + 1;
  limit = MIN (limit, MAX_COVERED + 1);
  covered = opora_plot_hit_grid_count (board->markers, box, limit);
  return covered > MAX_COVERED ? INFINITY : base + covered * COST_COVERED;
}

static gboolean
place_one (Board                       *board,
           const OporaPlotLabelRequest *r,
           OporaPlotLabelPlace         *place)
{
  double best = INFINITY;

  for (guint k = 0; k < G_N_ELEMENTS (near_directions); k++)
    {
      OporaPlotRect box = box_towards (r, near_directions[k][0], near_directions[k][1], r->radius + board->gap);
      double cost = cost_of (board, &box, k * 0.01, best);

      if (cost < best)
        {
          best = cost;
          *place = (OporaPlotLabelPlace) { TRUE, FALSE, box };
          if (cost < COST_COVERED / 2)
            return TRUE;  /* beside its point and over nothing: as good as it gets */
        }
    }
  for (guint ring = 1; ring <= N_RINGS; ring++)
    for (guint k = 0; k < G_N_ELEMENTS (far_directions); k++)
      {
        OporaPlotRect box = box_towards (r, far_directions[k][0], far_directions[k][1],
                                         r->radius + board->gap + ring * 1.5 * r->height);
        double cost;

        cost = cost_of (board, &box, ring * COST_RING + k * 0.01, best);
        if (cost < best)
          {
            best = cost;
            *place = (OporaPlotLabelPlace) { TRUE, TRUE, box };
          }
      }
  return isfinite (best);
}

/**
 * opora_plot_labeler_new:
 * @markers: (nullable): every marker on the chart, to keep labels off them;
 *   borrowed, it must outlive the labeler
 * @bounds: where labels may go (the plot area)
 * @obstacles: (array length=n_obstacles): boxes labels must not touch
 * @n_obstacles: how many
 * @gap: the space between a label and its marker or another label
 *
 * Returns: (transfer full): an empty board to place labels on, one by one
 *   and most important first, with opora_plot_labeler_place()
 */
OporaPlotLabeler *
opora_plot_labeler_new (const OporaPlotHitGrid *markers,
                        const OporaPlotRect    *bounds,
                        const OporaPlotRect    *obstacles,
                        guint                   n_obstacles,
                        double                  gap)
{
  OporaPlotLabeler *labeler = g_new0 (OporaPlotLabeler, 1);

  g_return_val_if_fail (bounds != NULL, labeler);

  labeler->markers = markers;
  labeler->bounds = *bounds;
  labeler->obstacles = g_array_new (FALSE, FALSE, sizeof (OporaPlotRect));
  g_array_append_vals (labeler->obstacles, obstacles, n_obstacles);
  labeler->taken = g_array_new (FALSE, FALSE, sizeof (OporaPlotRect));
  labeler->gap = gap;
  labeler->columns = (guint) floor (MAX (bounds->width, 0) / TAKEN_CELL) + 1;
  labeler->rows = (guint) floor (MAX (bounds->height, 0) / TAKEN_CELL) + 1;
  labeler->cells = g_new0 (GArray *, labeler->columns * labeler->rows);
  return labeler;
}

void
opora_plot_labeler_free (OporaPlotLabeler *labeler)
{
  if (labeler == NULL)
    return;
  for (guint c = 0; c < labeler->columns * labeler->rows; c++)
    g_clear_pointer (&labeler->cells[c], g_array_unref);
  g_free (labeler->cells);
  g_array_unref (labeler->obstacles);
  g_array_unref (labeler->taken);
  g_free (labeler);
}

/**
 * opora_plot_labeler_place:
 * @labeler: a board
 * @request: the label
 * @place: (out caller-allocates): where it went
 *
 * The label takes the cheapest free spot: beside its point (right, left,
 * the corners, above, below) when nothing is there, else one of three
 * rings farther out, with a leader line. Labels never overlap each other
 * or the obstacles, nor hide more than two markers; a label that finds no
 * room is not placed. A marker under a label costs more than moving out
 * all three rings.
 *
 * Returns: whether the label was placed
 */
gboolean
opora_plot_labeler_place (OporaPlotLabeler            *labeler,
                          const OporaPlotLabelRequest *request,
                          OporaPlotLabelPlace         *place)
{
  g_return_val_if_fail (labeler != NULL && request != NULL && place != NULL, FALSE);

  *place = (OporaPlotLabelPlace) { FALSE };
  if (!place_one (labeler, request, place))
    return FALSE;
  board_take (labeler, &place->box);
  return TRUE;
}

/**
 * opora_plot_place_labels:
 * @requests: (array length=n): the labels, most important first
 * @n: how many
 * @markers: (nullable): every marker on the chart, to keep labels off them
 * @bounds: where labels may go (the plot area)
 * @obstacles: (array length=n_obstacles): boxes labels must not touch
 * @n_obstacles: how many
 * @gap: the space between a label and its marker or another label
 * @places: (array length=n) (out caller-allocates): where each label went
 *
 * Places all of @requests in order, as opora_plot_labeler_place() does.
 */
void
opora_plot_place_labels (const OporaPlotLabelRequest *requests,
                         guint                        n,
                         const OporaPlotHitGrid      *markers,
                         const OporaPlotRect         *bounds,
                         const OporaPlotRect         *obstacles,
                         guint                        n_obstacles,
                         double                       gap,
                         OporaPlotLabelPlace         *places)
{
  g_autoptr(OporaPlotLabeler) labeler = NULL;

  g_return_if_fail (n == 0 || (requests != NULL && places != NULL));
  g_return_if_fail (bounds != NULL);

  labeler = opora_plot_labeler_new (markers, bounds, obstacles, n_obstacles, gap);
  for (guint i = 0; i < n; i++)
    opora_plot_labeler_place (labeler, &requests[i], &places[i]);
}
