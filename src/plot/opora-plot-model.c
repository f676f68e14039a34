/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Building a chart's model point by point; the workspace builder and the tests both use it. */

#include "opora-plot-model.h"

#include <math.h>

static void
point_clear (OporaPlotPoint *point)
{
  g_clear_pointer (&point->label, g_free);
}

static void
series_free (OporaPlotSeries *series)
{
  g_free (series->name);
  g_free (series);
}

/**
 * opora_plot_model_new:
 *
 * An empty chart with the default options: grid, shading and labels on,
 * arrows, trajectories and sizes off, light, at scale 1.
 *
 * Returns: (transfer full): the model
 */
OporaPlotModel *
opora_plot_model_new (void)
{
  OporaPlotModel *model = g_new0 (OporaPlotModel, 1);

  model->title = g_strdup ("");
  model->x = (OporaPlotAxis) { g_strdup (""), NAN, NAN, NAN };
  model->y = (OporaPlotAxis) { g_strdup (""), NAN, NAN, NAN };
  model->points = g_array_new (FALSE, TRUE, sizeof (OporaPlotPoint));
  g_array_set_clear_func (model->points, (GDestroyNotify) point_clear);
  model->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  model->arrows = g_array_new (FALSE, TRUE, sizeof (OporaPlotArrow));
  model->options = (OporaPlotOptions) { .grid = TRUE, .shading = TRUE, .labels = TRUE, .scale = 1 };
  return model;
}

void
opora_plot_model_free (OporaPlotModel *model)
{
  if (model == NULL)
    return;
  g_free (model->title);
  g_free (model->subtitle);
  g_free (model->source);
  g_free (model->size_title);
  g_free (model->x.title);
  g_free (model->y.title);
  g_array_unref (model->points);
  g_ptr_array_unref (model->series);
  g_array_unref (model->arrows);
  g_free (model);
}

/**
 * opora_plot_model_add_series:
 * @model: a model
 * @name: the series' name in the legend, "Cluster 2"
 * @palette_index: its colour and marker (see opora_palette_color())
 *
 * Returns: the series' index
 */
guint
opora_plot_model_add_series (OporaPlotModel *model,
                             const char     *name,
                             guint           palette_index)
{
  OporaPlotSeries *series = g_new0 (OporaPlotSeries, 1);

  g_return_val_if_fail (model != NULL && name != NULL, 0);

  series->name = g_strdup (name);
  series->palette_index = palette_index;
  g_ptr_array_add (model->series, series);
  return model->series->len - 1;
}

/**
 * opora_plot_model_add_point:
 * @model: a model
 * @x: the value on the x axis; a point with a NaN coordinate is kept but not drawn
 * @y: the value on the y axis
 * @series: an index from opora_plot_model_add_series()
 * @flags: #OporaPlotPointFlags
 * @label: (nullable): the point's label
 *
 * Adds a point without a previous position or size; set those through
 * opora_plot_model_get_point().
 *
 * Returns: the point's index
 */
guint
opora_plot_model_add_point (OporaPlotModel *model,
                            double          x,
                            double          y,
                            guint           series,
                            guint           flags,
                            const char     *label)
{
  OporaPlotPoint point = {
    .x = x, .y = y, .prev_x = NAN, .prev_y = NAN, .size = NAN,
    .series = series, .flags = flags, .label = g_strdup (label),
  };

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (series < model->series->len, 0);

  ((OporaPlotSeries *) model->series->pdata[series])->count++;
  g_array_append_val (model->points, point);
  return model->points->len - 1;
}

void
opora_plot_model_add_arrow (OporaPlotModel *model,
                            guint           from,
                            guint           to)
{
  OporaPlotArrow arrow = { from, to };

  g_return_if_fail (model != NULL);
  g_return_if_fail (from < model->points->len && to < model->points->len);

  g_array_append_val (model->arrows, arrow);
}

/**
 * opora_plot_model_get_point:
 * @model: a model
 * @index: a point's index
 *
 * Returns: (transfer none): the point, valid until the next point is added
 */
OporaPlotPoint *
opora_plot_model_get_point (OporaPlotModel *model,
                            guint           index)
{
  g_return_val_if_fail (model != NULL && index < model->points->len, NULL);

  return &g_array_index (model->points, OporaPlotPoint, index);
}

/**
 * opora_plot_model_find_point:
 * @model: a model
 * @id: a school's id
 *
 * Returns: the index of the point of school @id, or -1
 */
int
opora_plot_model_find_point (const OporaPlotModel *model,
                             gint64                id)
{
  g_return_val_if_fail (model != NULL, -1);

  for (guint i = 0; i < model->points->len; i++)
    if (g_array_index (model->points, OporaPlotPoint, i).id == id)
      return i;
  return -1;
}
