/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cluster chart widget: the src/plot layout drawn in the snapshot and kept for the pointer and the keys. */

#include "opora-chart-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "opora-plot-render.h"
#include "opora-table-row.h"

#define ANIMATION_USEC   (300 * G_TIME_SPAN_MILLISECOND)
#define ANIMATE_UP_TO    5000  /* points; denser charts jump to the next year */
#define TEXTURE_FROM     1000  /* points; from here on the chart is drawn into a texture */
#define PRESENTING_SIZE  1067.0, 667.0  /* the window a presentation enlarges to the screen */
#define MAX_PRESENTING_SCALE 3.0
#define MAX_ZOOM         1000.0
#define COMPACT_BELOW    640   /* pixels high: the page around the chart says its title */

enum {
  PROP_0,
  PROP_PRESENTING,
  PROP_BAND_MODE,
  PROP_ZOOMED,
  PROP_SELECTED,
  N_PROPS
};

enum {
  SIGNAL_SCHOOL_SELECTED,
  SIGNAL_SCHOOL_ACTIVATED,
  SIGNAL_BAND_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OporaChartView, opora_chart_view, GTK_TYPE_WIDGET)

static void update_accessible (OporaChartView *self);

/* ---- The layout and the drawing ---- */

/* The model changed, or the size: lay out again on the next frame. */
static void
invalidate (OporaChartView *self)
{
  g_clear_pointer (&self->layout, opora_plot_layout_free);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_zoomed (OporaChartView *self)
{
  return self->model != NULL && isfinite (self->model->x.min);
}

/* Text and markers for a room: the chart of a 1067 × 667 window enlarged
 * to the screen, 1.5 times on 1600 × 1000, never smaller than in the window. */
static double
presenting_scale (int width,
                  int height)
{
  const double size[2] = { PRESENTING_SIZE };

  return CLAMP (MIN (width / size[0], height / size[1]), 1.0, MAX_PRESENTING_SCALE);
}

/* A short chart in the window leaves its title, subtitle and source line
 * to the page around it, which shows them in its summary: the points get
 * the room. Files and paper always have them. */
static OporaPlotLayout *
lay_out (OporaChartView *self,
         int             width,
         int             height)
{
  OporaPlotModel *m = self->model;
  char *title = m->title, *subtitle = m->subtitle, *source = m->source;
  OporaPlotLayout *layout;

  if (self->presenting)
    {
      m->options.scale = presenting_scale (width, height);
      return opora_plot_layout_new (m, width, height);
    }
  if (height >= COMPACT_BELOW)
    return opora_plot_layout_new (m, width, height);
  m->title = m->subtitle = m->source = NULL;
  layout = opora_plot_layout_new (m, width, height);
  m->title = title, m->subtitle = subtitle, m->source = source;
  return layout;
}

/* The layout of the model at the widget's size, made when missing; NULL
 * without a model or before the first allocation. */
static const OporaPlotLayout *
ensure_layout (OporaChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->model == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL && self->layout->width == width && self->layout->height == height)
    return self->layout;
  g_clear_pointer (&self->layout, opora_plot_layout_free);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  self->layout = lay_out (self, width, height);
  if (!is_zoomed (self) && self->animation == NULL)
    {
      self->natural[0] = self->layout->x_min, self->natural[1] = self->layout->x_max;
      self->natural[2] = self->layout->y_min, self->natural[3] = self->layout->y_max;
      self->natural_known = TRUE;
    }
  return self->layout;
}

/* Thousands of markers go into a texture, where the renderer stamps them;
 * fewer are drawn as paths, sharp at any scale. */
static GskRenderNode *
texture_node (OporaChartView         *self,
              const OporaPlotLayout  *layout,
              const graphene_rect_t  *bounds)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = (int) ceil (layout->width * scale), height = (int) ceil (layout->height * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  opora_plot_layout_draw (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return gsk_texture_node_new (texture, bounds);
}

static GskRenderNode *
chart_node (OporaChartView        *self,
            const OporaPlotLayout *layout)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height);
  GtkSnapshot *snapshot;
  cairo_t *cr;

  if (layout->model->points->len >= TEXTURE_FROM)
    return texture_node (self, layout, &bounds);
  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  opora_plot_layout_draw (layout, cr);
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (snapshot);
}

static GdkRGBA
accent_color (OporaChartView *self)
{
  GdkRGBA color = { 0.208, 0.518, 0.894, 1 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             double         width,
             const GdkRGBA *color)
{
  GskRoundedRect ring;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius), radius);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

static void
snapshot_hover (OporaChartView *self,
                GtkSnapshot    *snapshot)
{
  const OporaPlotLayout *l = self->layout;
  GdkRGBA color = self->dark ? (GdkRGBA) { 1, 1, 1, 0.8 } : (GdkRGBA) { 0, 0, 0, 0.7 };

  if (self->hover < 0 || (guint) self->hover >= self->model->points->len || !isfinite (l->px[self->hover]))
    return;
  append_ring (snapshot, l->px[self->hover], l->py[self->hover], l->reach[self->hover] + 3 * l->scale, 1.5, &color);
}

static void
band_rect (OporaChartView  *self,
           graphene_rect_t *rect)
{
  double x0 = self->drag_x, y0 = self->drag_y, x1 = x0 + self->drag_dx, y1 = y0 + self->drag_dy;

  graphene_rect_init (rect, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
}

static void
snapshot_band (OporaChartView *self,
               GtkSnapshot    *snapshot)
{
  GdkRGBA accent = accent_color (self), fill = accent;
  GskRoundedRect border;
  graphene_rect_t rect;

  if (self->drag_mode != DRAG_BAND)
    return;
  band_rect (self, &rect);
  fill.alpha = 0.15;
  gtk_snapshot_append_color (snapshot, &fill, &rect);
  gsk_rounded_rect_init_from_rect (&border, &rect, 0);
  gtk_snapshot_append_border (snapshot, &border, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

static void
snapshot_focus (OporaChartView *self,
                GtkSnapshot    *snapshot)
{
  GdkRGBA accent = accent_color (self);
  GskRoundedRect frame;
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));

  /* A room needs no keyboard focus frame round the whole screen. */
  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || self->presenting)
    return;
  accent.alpha = 0.5;
  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
  gtk_snapshot_append_border (snapshot, &frame, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

static void
opora_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  OporaChartView *self = OPORA_CHART_VIEW (widget);
  const OporaPlotLayout *layout = ensure_layout (self);

  if (layout == NULL)
    return;
  if (self->chart_node == NULL)
    self->chart_node = chart_node (self, layout);
  gtk_snapshot_append_node (snapshot, self->chart_node);
  snapshot_hover (self, snapshot);
  snapshot_band (self, snapshot);
  snapshot_focus (self, snapshot);
}

static void
opora_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gboolean across = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = across ? 320 : 240;
  *natural = across ? 800 : 520;
}

static void
opora_chart_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  OporaChartView *self = OPORA_CHART_VIEW (widget);

  if (self->layout != NULL && (self->layout->width != width || self->layout->height != height))
    invalidate (self);
}

/* ---- The model, its options and flags ---- */

static int
find_point (OporaChartView *self,
            gint64          id)
{
  return self->model != NULL && id != 0 ? opora_plot_model_find_point (self->model, id) : -1;
}

static gint64
point_id (OporaChartView *self,
          int             point)
{
  if (self->model == NULL || point < 0 || (guint) point >= self->model->points->len)
    return 0;
  return opora_plot_model_get_point (self->model, point)->id;
}

static gboolean
in_band (OporaChartView *self,
         GHashTable     *band,
         gint64          id)
{
  return band != NULL && g_hash_table_contains (band, &id);
}

/* The selection, the rubber band and the search's matches are drawn as selected. */
static void
apply_flags (OporaChartView *self)
{
  g_autoptr(GHashTable) band = NULL;

  if (self->model == NULL)
    return;
  if (self->band->len > 0)
    {
      band = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < self->band->len; i++)
        g_hash_table_add (band, &g_array_index (self->band, gint64, i));
    }
  for (guint i = 0; i < self->model->points->len; i++)
    {
      OporaPlotPoint *p = opora_plot_model_get_point (self->model, i);
      gboolean on = (self->selected != 0 && p->id == self->selected) ||
                    g_hash_table_contains (self->highlight, &p->id) || in_band (self, band, p->id);

      p->flags = on ? p->flags | OPORA_PLOT_POINT_SELECTED : p->flags & ~OPORA_PLOT_POINT_SELECTED;
    }
  invalidate (self);
}

static void
apply_options (OporaChartView *self)
{
  if (self->model == NULL)
    return;
  self->model->options = self->options;
  self->model->options.dark = self->dark;
  self->model->options.scale = 1;
  if (self->animation != NULL)
    self->model->options.labels = FALSE;
  invalidate (self);
}

/**
 * opora_chart_view_get_options:
 * @options: (out): the options the chart applies to its models
 */
void
opora_chart_view_get_options (OporaChartView   *self,
                              OporaPlotOptions *options)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));
  g_return_if_fail (options != NULL);

  *options = self->options;
}

/**
 * opora_chart_view_set_options:
 * @options: what to draw: grid, shading, labels, arrows, trajectories, sizes
 *
 * The chart keeps these for every model it is given; its dark and scale
 * fields are ignored, the widget follows the style and presentation.
 */
void
opora_chart_view_set_options (OporaChartView         *self,
                              const OporaPlotOptions *options)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
  if (self->animation != NULL)
    self->animation->labels = options->labels;
  apply_options (self);
}

static void
dark_changed_cb (OporaChartView  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  self->dark = adw_style_manager_get_dark (manager);
  apply_options (self);
}

/**
 * opora_chart_view_get_model:
 *
 * Returns: (transfer none) (nullable): the model drawn; it belongs to the chart
 */
OporaPlotModel *
opora_chart_view_get_model (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), NULL);
  return self->model;
}

static void
take_model (OporaChartView *self,
            OporaPlotModel *model)
{
  gboolean was_zoomed = is_zoomed (self);

  g_clear_pointer (&self->layout, opora_plot_layout_free);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->model, opora_plot_model_free);
  self->model = model;
  self->natural_known = FALSE;
  self->hover = -1;
  g_array_set_size (self->band, 0);
  if (find_point (self, self->selected) < 0 && self->selected != 0)
    {
      self->selected = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  apply_options (self);
  apply_flags (self);
  update_accessible (self);
  if (was_zoomed != is_zoomed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

/**
 * opora_chart_view_set_model:
 * @model: (transfer full) (nullable): the chart to show
 *
 * Shows @model at once, keeping the selection when its school is on the
 * new chart. The chart sets the model's options and selected flags.
 */
void
opora_chart_view_set_model (OporaChartView *self,
                            OporaPlotModel *model)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  opora_chart_view_finish_animation (self);
  take_model (self, model);
}

/* ---- Moving between years ---- */

static void
animation_free (Animation *a)
{
  g_free (a->from_x);
  g_free (a->from_y);
  g_free (a->to_x);
  g_free (a->to_y);
  g_free (a);
}

static double
lerp (double a,
      double b,
      double t)
{
  return isfinite (a) && isfinite (b) ? a + (b - a) * t : b;
}

/* Puts the points, limits and thresholds @t of the way to the new year. */
static void
animation_frame (OporaChartView *self,
                 double          t)
{
  Animation *a = self->animation;
  OporaPlotModel *m = self->model;

  for (guint i = 0; i < m->points->len; i++)
    {
      OporaPlotPoint *p = opora_plot_model_get_point (m, i);
      p->x = lerp (a->from_x[i], a->to_x[i], t);
      p->y = lerp (a->from_y[i], a->to_y[i], t);
    }
  m->x.min = lerp (a->from_range[0], a->to_range[0], t);
  m->x.max = lerp (a->from_range[1], a->to_range[1], t);
  m->y.min = lerp (a->from_range[2], a->to_range[2], t);
  m->y.max = lerp (a->from_range[3], a->to_range[3], t);
  m->x.threshold = lerp (a->from_threshold[0], a->to_threshold[0], t);
  m->y.threshold = lerp (a->from_threshold[1], a->to_threshold[1], t);
  invalidate (self);
}

/**
 * opora_chart_view_finish_animation:
 *
 * Ends a move between years at once, with the new chart exactly as given.
 */
void
opora_chart_view_finish_animation (OporaChartView *self)
{
  Animation *a = self->animation;
  OporaPlotModel *m = self->model;

  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  if (a == NULL)
    return;
  if (a->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), a->tick_id);
  animation_frame (self, 1);
  m->x.min = a->axis_saved[0], m->x.max = a->axis_saved[1];
  m->y.min = a->axis_saved[2], m->y.max = a->axis_saved[3];
  m->x.threshold = a->to_threshold[0], m->y.threshold = a->to_threshold[1];
  m->options.labels = a->labels;
  g_clear_pointer (&self->animation, animation_free);
  invalidate (self);
}

gboolean
opora_chart_view_get_animating (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);
  return self->animation != NULL;
}

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  OporaChartView *self = OPORA_CHART_VIEW (widget);
  Animation *a = self->animation;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (a->start == 0)
    a->start = now;
  t = (double) (now - a->start) / ANIMATION_USEC;
  if (t >= 1)
    {
      a->tick_id = 0;
      opora_chart_view_finish_animation (self);
      return G_SOURCE_REMOVE;
    }
  /* Ease out: fast away from last year, settling into this one. */
  animation_frame (self, 1 - pow (1 - t, 3));
  return G_SOURCE_CONTINUE;
}

static gboolean
can_animate (OporaChartView *self,
             OporaPlotModel *model)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && model != NULL && self->model != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
         ensure_layout (self) != NULL && !is_zoomed (self) &&
         model->points->len <= ANIMATE_UP_TO && self->model->points->len <= ANIMATE_UP_TO &&
         g_strcmp0 (model->x.title, self->model->x.title) == 0 && g_strcmp0 (model->y.title, self->model->y.title) == 0;
}

/* Where each school of @model was on the chart shown, and where it goes. */
static Animation *
animation_new (OporaChartView *self,
               OporaPlotModel *model)
{
  const OporaPlotLayout *old = self->layout;
  g_autoptr(GHashTable) before = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = model->points->len;
  Animation *a = g_new0 (Animation, 1);

  a->from_x = g_new (double, MAX (n, 1));
  a->from_y = g_new (double, MAX (n, 1));
  a->to_x = g_new (double, MAX (n, 1));
  a->to_y = g_new (double, MAX (n, 1));
  for (guint i = 0; i < self->model->points->len; i++)
    {
      OporaPlotPoint *p = opora_plot_model_get_point (self->model, i);
      g_hash_table_insert (before, &p->id, p);
    }
  for (guint i = 0; i < n; i++)
    {
      OporaPlotPoint *p = opora_plot_model_get_point (model, i);
      OporaPlotPoint *was = g_hash_table_lookup (before, &p->id);

      a->from_x[i] = was != NULL ? was->x : NAN;
      a->from_y[i] = was != NULL ? was->y : NAN;
      a->to_x[i] = p->x;
      a->to_y[i] = p->y;
    }
  a->from_range[0] = old->x_min, a->from_range[1] = old->x_max;
  a->from_range[2] = old->y_min, a->from_range[3] = old->y_max;
  a->from_threshold[0] = self->model->x.threshold, a->from_threshold[1] = self->model->y.threshold;
  a->to_threshold[0] = model->x.threshold, a->to_threshold[1] = model->y.threshold;
  a->axis_saved[0] = model->x.min, a->axis_saved[1] = model->x.max;
  a->axis_saved[2] = model->y.min, a->axis_saved[3] = model->y.max;
  return a;
}

/* The limits the new chart will settle on, from a layout of it as it will be drawn. */
static void
target_range (OporaChartView *self,
              Animation      *a)
{
  g_autoptr(OporaPlotLayout) target = lay_out (self, self->layout->width, self->layout->height);

  a->to_range[0] = target->x_min, a->to_range[1] = target->x_max;
  a->to_range[2] = target->y_min, a->to_range[3] = target->y_max;
}

/**
 * opora_chart_view_move_to_model:
 * @model: (transfer full): the next chart, another year of the same axes
 *
 * Like opora_chart_view_set_model(), but the schools on both charts move
 * to their new places in about 300 ms (without labels while they move).
 * Jumps instead when animations are off, the widget is not shown, the
 * chart is zoomed, the axes differ or there are thousands of points.
 */
void
opora_chart_view_move_to_model (OporaChartView *self,
                                OporaPlotModel *model)
{
  Animation *a;

  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  opora_chart_view_finish_animation (self);
  if (!can_animate (self, model))
    {
      take_model (self, model);
      return;
    }
  a = animation_new (self, model);
  take_model (self, model);
  ensure_layout (self);
  target_range (self, a);
  a->labels = self->model->options.labels;
  self->animation = a;
  self->model->options.labels = FALSE;
  animation_frame (self, 0);
  a->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
}

/**
 * opora_chart_view_get_layout:
 *
 * Returns: (nullable): the layout at the widget's size, made when needed;
 *   %NULL without a model or a size
 */
const OporaPlotLayout *
opora_chart_view_get_layout (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), NULL);
  return ensure_layout (self);
}

/* ---- Selection ---- */

gint64
opora_chart_view_get_selected (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), 0);
  return self->selected;
}

/**
 * opora_chart_view_set_selected:
 * @id: a school on the chart, or 0 for none
 *
 * Selects a school (drawn ringed and labelled) without emitting
 * #OporaChartView::school-selected: that signal is for the user's choice.
 */
void
opora_chart_view_set_selected (OporaChartView *self,
                               gint64          id)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  if (find_point (self, id) < 0)
    id = 0;
  if (self->selected == id)
    return;
  self->selected = id;
  apply_flags (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The user chose @id (0: nothing). */
static void
choose (OporaChartView *self,
        gint64          id)
{
  gboolean had_band = self->band->len > 0;

  g_array_set_size (self->band, 0);
  if (had_band)
    apply_flags (self);
  if (self->selected == id)
    return;
  opora_chart_view_set_selected (self, id);
  g_signal_emit (self, signals[SIGNAL_SCHOOL_SELECTED], 0, id);
}

/**
 * opora_chart_view_get_band:
 *
 * Returns: (transfer none) (element-type gint64): the schools the last
 *   rubber band took in, in the model's order; empty when none
 */
GArray *
opora_chart_view_get_band (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), NULL);
  return self->band;
}

static void
select_band (OporaChartView        *self,
             const graphene_rect_t *rect)
{
  const OporaPlotLayout *l = ensure_layout (self);
  OporaPlotRect box = { rect->origin.x, rect->origin.y, rect->size.width, rect->size.height };
  g_autoptr(GArray) found = l != NULL ? opora_plot_hit_grid_in_rect (l->hit, &box) : NULL;

  g_array_set_size (self->band, 0);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      gint64 id = point_id (self, g_array_index (found, guint, i));
      g_array_append_val (self->band, id);
    }
  if (self->selected != 0)
    {
      self->selected = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  apply_flags (self);
  update_accessible (self);
  g_signal_emit (self, signals[SIGNAL_BAND_SELECTED], 0);
}

/**
 * opora_chart_view_set_highlight:
 * @ids: (array length=n_ids) (nullable): schools to draw as selected, the
 *   search's matches
 * @n_ids: how many
 */
void
opora_chart_view_set_highlight (OporaChartView *self,
                                const gint64   *ids,
                                guint           n_ids)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  g_hash_table_remove_all (self->highlight);
  for (guint i = 0; ids != NULL && i < n_ids; i++)
    g_hash_table_add (self->highlight, g_memdup2 (&ids[i], sizeof (gint64)));
  apply_flags (self);
}

/* ---- Zoom and pan ---- */

gboolean
opora_chart_view_get_zoomed (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);
  return is_zoomed (self);
}

static void
set_limits (OporaChartView *self,
            const double    limits[4])
{
  gboolean was_zoomed = is_zoomed (self);

  if (!(limits[1] > limits[0] && limits[3] > limits[2]))
    return;
  self->model->x.min = limits[0], self->model->x.max = limits[1];
  self->model->y.min = limits[2], self->model->y.max = limits[3];
  invalidate (self);
  if (!was_zoomed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

static void
current_limits (const OporaPlotLayout *l,
                double                 limits[4])
{
  limits[0] = l->x_min, limits[1] = l->x_max, limits[2] = l->y_min, limits[3] = l->y_max;
}

/* Whether @limits take in at least as much as the unzoomed chart does. */
static gboolean
covers_natural (OporaChartView *self,
                const double    limits[4])
{
  return self->natural_known &&
         limits[1] - limits[0] >= self->natural[1] - self->natural[0] - 1e-12 &&
         limits[3] - limits[2] >= self->natural[3] - self->natural[2] - 1e-12;
}

/* Scales @from by 1/@factor around the point (@cx, @cy) in data units. */
static void
zoom_limits (OporaChartView *self,
             const double    from[4],
             double          factor,
             double          cx,
             double          cy)
{
  double limits[4] = {
    cx - (cx - from[0]) / factor, cx + (from[1] - cx) / factor,
    cy - (cy - from[2]) / factor, cy + (from[3] - cy) / factor,
  };

  if (factor < 1 && covers_natural (self, limits))
    {
      opora_chart_view_reset_zoom (self);
      return;
    }
  if (self->natural_known && (self->natural[1] - self->natural[0]) / (limits[1] - limits[0]) > MAX_ZOOM)
    return;
  set_limits (self, limits);
}

/**
 * opora_chart_view_zoom:
 * @factor: above 1 to zoom in, below 1 to zoom out
 * @x: the point that stays put, in widget coordinates (clamped to the plot)
 * @y: likewise
 *
 * Zooming out past the whole chart resets the zoom.
 */
void
opora_chart_view_zoom (OporaChartView *self,
                       double          factor,
                       double          x,
                       double          y)
{
  const OporaPlotLayout *l;
  double from[4];

  g_return_if_fail (OPORA_IS_CHART_VIEW (self));
  g_return_if_fail (factor > 0);

  opora_chart_view_finish_animation (self);
  if ((l = ensure_layout (self)) == NULL)
    return;
  x = CLAMP (x, l->plot.x, l->plot.x + l->plot.width);
  y = CLAMP (y, l->plot.y, l->plot.y + l->plot.height);
  current_limits (l, from);
  zoom_limits (self, from, factor, opora_plot_layout_pixel_to_x (l, x), opora_plot_layout_pixel_to_y (l, y));
}

/* Moves @from by (@dx, @dy) pixels of @l: the data follows the pointer. */
static void
pan_limits (OporaChartView        *self,
            const OporaPlotLayout *l,
            const double           from[4],
            double                 dx,
            double                 dy)
{
  double sx = dx / l->plot.width * (from[1] - from[0]);
  double sy = dy / l->plot.height * (from[3] - from[2]);
  double limits[4] = { from[0] - sx, from[1] - sx, from[2] + sy, from[3] + sy };

  set_limits (self, limits);
}

/**
 * opora_chart_view_pan:
 * @dx: pixels to move the data right
 * @dy: pixels to move the data down
 */
void
opora_chart_view_pan (OporaChartView *self,
                      double          dx,
                      double          dy)
{
  const OporaPlotLayout *l;
  double from[4];

  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  opora_chart_view_finish_animation (self);
  if ((l = ensure_layout (self)) == NULL)
    return;
  current_limits (l, from);
  pan_limits (self, l, from, dx, dy);
}

void
opora_chart_view_reset_zoom (OporaChartView *self)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  if (!is_zoomed (self))
    return;
  self->model->x.min = self->model->x.max = NAN;
  self->model->y.min = self->model->y.max = NAN;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOMED]);
}

/* ---- Tooltips and the accessible description ---- */

void
opora_chart_view_set_describe_func (OporaChartView         *self,
                                    OporaChartDescribeFunc  func,
                                    gpointer                user_data,
                                    GDestroyNotify          destroy)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  self->describe = func;
  self->describe_data = user_data;
  self->describe_destroy = destroy;
  update_accessible (self);
}

/* Without a describe function: the label, the series and both values. */
static char *
default_description (OporaChartView *self,
                     guint           point)
{
  const OporaPlotPoint *p = opora_plot_model_get_point (self->model, point);
  const OporaPlotSeries *series = self->model->series->pdata[p->series];
  g_autofree char *x = opora_format_number (p->x, 2, FALSE);
  g_autofree char *y = opora_format_number (p->y, 2, FALSE);

  return g_markup_printf_escaped ("<b>%s</b>\n%s\n%s: %s\n%s: %s", p->label != NULL ? p->label : "—",
                                  series->name, self->model->x.title, x, self->model->y.title, y);
}

static char *
describe_point (OporaChartView *self,
                int             point)
{
  if (self->model == NULL || point < 0 || (guint) point >= self->model->points->len)
    return NULL;
  if (self->describe != NULL)
    return self->describe (self, point, self->describe_data);
  return default_description (self, point);
}

/**
 * opora_chart_view_describe_at:
 * @x: a position in the widget
 * @y: likewise
 *
 * What the tooltip at (@x, @y) says: the hit test and text of hovering.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL over no point
 */
char *
opora_chart_view_describe_at (OporaChartView *self,
                              double          x,
                              double          y)
{
  const OporaPlotLayout *l;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), NULL);

  if ((l = ensure_layout (self)) == NULL)
    return NULL;
  return describe_point (self, opora_plot_layout_point_at (l, x, y));
}

/**
 * opora_chart_view_get_point_position:
 * @id: a school
 * @x: (out): where its marker's centre is, in widget coordinates
 * @y: (out): likewise
 *
 * Returns: whether the school is drawn (on the chart and inside the zoom)
 */
gboolean
opora_chart_view_get_point_position (OporaChartView *self,
                                     gint64          id,
                                     double         *x,
                                     double         *y)
{
  const OporaPlotLayout *l;
  int i;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);

  if ((l = ensure_layout (self)) == NULL || (i = find_point (self, id)) < 0 || !isfinite (l->px[i]))
    return FALSE;
  *x = l->px[i];
  *y = l->py[i];
  return TRUE;
}

static gboolean
opora_chart_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  OporaChartView *self = OPORA_CHART_VIEW (widget);
  const OporaPlotLayout *l = ensure_layout (self);
  int point = l == NULL ? -1 : keyboard_mode ? find_point (self, self->selected) : opora_plot_layout_point_at (l, x, y);
  g_autofree char *text = describe_point (self, point);
  double r;

  if (text == NULL || !isfinite (l->px[point]))
    return FALSE;
  gtk_tooltip_set_markup (tooltip, text);
  /* Another point is another tooltip, even without leaving the widget. */
  r = l->reach[point] + 3 * l->scale;
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floor (l->px[point] - r), (int) floor (l->py[point] - r),
                                                       (int) ceil (2 * r), (int) ceil (2 * r) });
  return TRUE;
}

static char *
plain_text (const char *markup)
{
  char *plain = NULL;

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
    return g_strdup (markup);
  return plain;
}

static char *
series_summary (OporaPlotModel *model)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint k = 0; k < model->series->len; k++)
    {
      const OporaPlotSeries *series = model->series->pdata[k];
      /* Translators: a cluster and how many schools the chart shows in it. */
      g_autofree char *part = g_strdup_printf (ngettext ("%s: %u school", "%s: %u schools", series->count),
                                               series->name, series->count);
      g_strv_builder_add (builder, part);
    }
  parts = g_strv_builder_end (builder);
  return g_strjoinv ("; ", parts);
}

/* The chart in words for a screen reader: what it shows, how many schools
 * each cluster has, the selection, and the keys. */
static void
update_accessible (OporaChartView *self)
{
  g_autofree char *series = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *description = NULL;
  const char *keys;

  if (self->model == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cluster chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No analysis to show."), -1);
      return;
    }
  series = series_summary (self->model);
  if (self->selected != 0)
    {
      g_autofree char *markup = describe_point (self, find_point (self, self->selected));
      g_autofree char *text = plain_text (markup);
      g_strdelimit (text, "\n", ',');
      /* Translators: the accessible description's note of the selected school. */
      selected = g_strdup_printf (_("Selected: %s."), text);
    }
  keys = self->presenting ? _("Page Down and Page Up step through the years; Escape leaves the presentation.")
                          : _("Arrow keys move between the schools, Enter opens the selected one, Ctrl+T shows the same schools as a table.");
  description = g_strdup_printf ("%s. %s. %s. %s%s%s", self->model->subtitle != NULL ? self->model->subtitle : "",
                                 self->model->x.title, series, selected != NULL ? selected : "",
                                 selected != NULL ? " " : "", keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->model->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* ---- Pointer ---- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           OporaChartView           *self)
{
  const OporaPlotLayout *l = self->drag_mode == DRAG_NONE ? ensure_layout (self) : NULL;
  int hover = l != NULL ? opora_plot_layout_point_at (l, x, y) : -1;

  self->pointer_x = x, self->pointer_y = y;
  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          OporaChartView           *self)
{
  if (self->hover < 0)
    return;
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A notch of the wheel zooms by a fifth; a touchpad zooms smoothly. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           OporaChartView           *self)
{
  if (self->model == NULL || dy == 0)
    return FALSE;
  opora_chart_view_zoom (self, pow (1.2, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                OporaChartView   *self)
{
  const OporaPlotLayout *l;

  opora_chart_view_finish_animation (self);
  if ((l = ensure_layout (self)) == NULL)
    return;
  current_limits (l, self->drag_range);
  gtk_gesture_get_bounding_box_center (gesture, &self->drag_x, &self->drag_y);
  self->pinch_scale = 1;
}

static void
pinch_changed_cb (GtkGestureZoom *gesture,
                  double          scale,
                  OporaChartView *self)
{
  const OporaPlotLayout *l = ensure_layout (self);
  double cx, cy;

  if (l == NULL || scale <= 0)
    return;
  cx = self->drag_range[0] + (self->drag_x - l->plot.x) / l->plot.width * (self->drag_range[1] - self->drag_range[0]);
  cy = self->drag_range[2] + (l->plot.y + l->plot.height - self->drag_y) / l->plot.height * (self->drag_range[3] - self->drag_range[2]);
  zoom_limits (self, self->drag_range, scale, cx, cy);
}

static gboolean
shift_held (GtkGesture *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  return (state & GDK_SHIFT_MASK) != 0;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               OporaChartView *self)
{
  const OporaPlotLayout *l = ensure_layout (self);

  opora_chart_view_finish_animation (self);
  self->drag_mode = DRAG_NONE;
  self->drag_x = x, self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  if (l != NULL)
    current_limits (l, self->drag_range);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                OporaChartView *self)
{
  const OporaPlotLayout *l = ensure_layout (self);

  if (l == NULL)
    return;
  if (self->drag_mode == DRAG_NONE)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) dx, (int) dy))
        return;
      self->drag_mode = self->band_mode || shift_held (GTK_GESTURE (gesture)) ? DRAG_BAND : DRAG_PAN;
      self->hover = -1;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  self->drag_dx = dx, self->drag_dy = dy;
  if (self->drag_mode == DRAG_PAN)
    pan_limits (self, l, self->drag_range, dx, dy);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             OporaChartView *self)
{
  const OporaPlotLayout *l = ensure_layout (self);
  DragMode mode = self->drag_mode;
  graphene_rect_t rect;

  self->drag_mode = DRAG_NONE;
  if (l == NULL)
    return;
  if (mode == DRAG_NONE)
    choose (self, point_id (self, opora_plot_layout_point_at (l, self->drag_x, self->drag_y)));
  else if (mode == DRAG_BAND)
    {
      self->drag_dx = dx, self->drag_dy = dy;
      band_rect (self, &rect);
      select_band (self, &rect);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                OporaChartView   *self)
{
  self->drag_mode = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate (OporaChartView *self)
{
  if (self->selected != 0)
    g_signal_emit (self, signals[SIGNAL_SCHOOL_ACTIVATED], 0, self->selected);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            OporaChartView  *self)
{
  const OporaPlotLayout *l = ensure_layout (self);
  gint64 id;

  if (n_press != 2 || l == NULL || (id = point_id (self, opora_plot_layout_point_at (l, x, y))) == 0)
    return;
  choose (self, id);
  activate (self);
}

/* ---- Keys ---- */

/* The visible point nearest (@x, @y), or -1. */
static int
nearest_point (const OporaPlotLayout *l,
               double                 x,
               double                 y)
{
  double best = INFINITY;
  int found = -1;

  for (guint i = 0; i < l->model->points->len; i++)
    {
      double d = hypot (l->px[i] - x, l->py[i] - y);
      if (isfinite (d) && d < best)
        best = d, found = i;
    }
  return found;
}

/* The visible point nearest @from in the direction (@dx, @dy) on screen,
 * counting distance across that direction double, or -1 at the edge. */
static int
next_point (const OporaPlotLayout *l,
            int                    from,
            int                    dx,
            int                    dy)
{
  double best = INFINITY;
  int found = -1;

  for (guint i = 0; i < l->model->points->len; i++)
    {
      double ax = l->px[i] - l->px[from], ay = l->py[i] - l->py[from];
      double along = ax * dx + ay * dy, across = fabs (ax * dy - ay * dx);

      if ((int) i == from || !isfinite (along) || along <= 0.5)
        continue;
      if (along + 2 * across < best)
        best = along + 2 * across, found = i;
    }
  return found;
}

static void
move_selection (OporaChartView *self,
                int             dx,
                int             dy)
{
  const OporaPlotLayout *l = ensure_layout (self);
  int from, to;

  if (l == NULL)
    return;
  from = find_point (self, self->selected);
  if (from < 0 || !isfinite (l->px[from]))
    to = nearest_point (l, l->plot.x + l->plot.width / 2, l->plot.y + l->plot.height / 2);
  else
    to = next_point (l, from, dx, dy);
  if (to >= 0)
    choose (self, point_id (self, to));
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                OporaChartView        *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: move_selection (self, -1, 0); return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: move_selection (self, 1, 0); return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: move_selection (self, 0, -1); return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: move_selection (self, 0, 1); return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      activate (self);
      return self->selected != 0;
    case GDK_KEY_Escape:
      if (self->selected == 0 && self->band->len == 0)
        return FALSE;  /* nothing to clear: let a presentation or dialog have it */
      choose (self, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
reset_zoom_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  opora_chart_view_reset_zoom (OPORA_CHART_VIEW (widget));
}

static void
zoom_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaChartView *self = OPORA_CHART_VIEW (widget);
  const OporaPlotLayout *l = ensure_layout (self);

  if (l != NULL)
    opora_chart_view_zoom (self, g_variant_get_double (parameter),
                           l->plot.x + l->plot.width / 2, l->plot.y + l->plot.height / 2);
}

/* ---- Properties ---- */

gboolean
opora_chart_view_get_presenting (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);
  return self->presenting;
}

/**
 * opora_chart_view_set_presenting:
 * @presenting: whether the chart is shown to a room: larger text and markers
 */
void
opora_chart_view_set_presenting (OporaChartView *self,
                                 gboolean        presenting)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  apply_options (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

gboolean
opora_chart_view_get_band_mode (OporaChartView *self)
{
  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);
  return self->band_mode;
}

/**
 * opora_chart_view_set_band_mode:
 * @band_mode: whether a drag draws a rubber band (else it pans, and
 *   Shift+drag draws the band)
 */
void
opora_chart_view_set_band_mode (OporaChartView *self,
                                gboolean        band_mode)
{
  g_return_if_fail (OPORA_IS_CHART_VIEW (self));

  band_mode = !!band_mode;
  if (self->band_mode == band_mode)
    return;
  self->band_mode = band_mode;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), band_mode ? "crosshair" : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND_MODE]);
}

static void
opora_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OporaChartView *self = OPORA_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING: g_value_set_boolean (value, self->presenting); break;
    case PROP_BAND_MODE: g_value_set_boolean (value, self->band_mode); break;
    case PROP_ZOOMED: g_value_set_boolean (value, is_zoomed (self)); break;
    case PROP_SELECTED: g_value_set_int64 (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OporaChartView *self = OPORA_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_PRESENTING: opora_chart_view_set_presenting (self, g_value_get_boolean (value)); break;
    case PROP_BAND_MODE: opora_chart_view_set_band_mode (self, g_value_get_boolean (value)); break;
    case PROP_SELECTED: opora_chart_view_set_selected (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_chart_view_dispose (GObject *object)
{
  OporaChartView *self = OPORA_CHART_VIEW (object);

  if (self->animation != NULL && self->animation->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->animation->tick_id);
  g_clear_pointer (&self->animation, animation_free);
  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  self->describe = NULL;
  self->describe_destroy = NULL;
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->page_setup);

  G_OBJECT_CLASS (opora_chart_view_parent_class)->dispose (object);
}

static void
opora_chart_view_finalize (GObject *object)
{
  OporaChartView *self = OPORA_CHART_VIEW (object);

  g_clear_pointer (&self->layout, opora_plot_layout_free);
  g_clear_pointer (&self->model, opora_plot_model_free);
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_pointer (&self->band, g_array_unref);

  G_OBJECT_CLASS (opora_chart_view_parent_class)->finalize (object);
}

static void
opora_chart_view_class_init (OporaChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = opora_chart_view_get_property;
  object_class->set_property = opora_chart_view_set_property;
  object_class->dispose = opora_chart_view_dispose;
  object_class->finalize = opora_chart_view_finalize;
  widget_class->snapshot = opora_chart_view_snapshot;
  widget_class->measure = opora_chart_view_measure;
  widget_class->size_allocate = opora_chart_view_size_allocate;
  widget_class->query_tooltip = opora_chart_view_query_tooltip;

  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BAND_MODE] =
    g_param_spec_boolean ("band-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOMED] =
    g_param_spec_boolean ("zoomed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OporaChartView::school-selected:
   * @id: the school the user chose, 0 when the selection was cleared
   */
  signals[SIGNAL_SCHOOL_SELECTED] =
    g_signal_new ("school-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * OporaChartView::school-activated:
   * @id: the school whose details to open (Enter, a double click)
   */
  signals[SIGNAL_SCHOOL_ACTIVATED] =
    g_signal_new ("school-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * OporaChartView::band-selected:
   *
   * A rubber band took in the schools opora_chart_view_get_band() lists.
   */
  signals[SIGNAL_BAND_SELECTED] =
    g_signal_new ("band-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_install_action (widget_class, "chart.reset-zoom", NULL, reset_zoom_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom", "d", zoom_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "chart.reset-zoom", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "chart.reset-zoom", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "chart.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "chart.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "chart.zoom", "d", 1.25);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "chart.zoom", "d", 0.8);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "chart.zoom", "d", 0.8);
}

static void
add_pointer_controllers (OporaChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
}

static void
opora_chart_view_init (OporaChartView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->highlight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->band = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->hover = -1;
  self->options = (OporaPlotOptions) { .grid = TRUE, .shading = TRUE, .labels = TRUE, .scale = 1 };
  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  add_pointer_controllers (self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  update_accessible (self);
}

GtkWidget *
opora_chart_view_new (void)
{
  return g_object_new (OPORA_TYPE_CHART_VIEW, NULL);
}
