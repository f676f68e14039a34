/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program's school year, August to July, as one bar per measure with today's line, on any cairo_t. */

#include "opora-plot-timeline.h"

#include "opora-plot-export.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define FONT_FAMILY   "Cantarell,DejaVu Sans,sans-serif"
#define FONT_SIZE     12.0  /* logical pixels at scale 1: 9 points */
#define ROW_HEIGHT    26.0
#define HEADER_HEIGHT 34.0
#define MARGIN        12.0

/* Okabe–Ito, by bar status; the status is also drawn as a pattern and a sign. */
static const OporaColor status_colors[] = {
  [OPORA_PLOT_BAR_PLANNED]     = { 0.000, 0.447, 0.698 },  /* blue */
  [OPORA_PLOT_BAR_IN_PROGRESS] = { 0.902, 0.624, 0.000 },  /* orange */
  [OPORA_PLOT_BAR_DONE]        = { 0.000, 0.620, 0.451 },  /* bluish green */
  [OPORA_PLOT_BAR_CANCELLED]   = { 0.600, 0.600, 0.600 },  /* grey */
  [OPORA_PLOT_BAR_OVERDUE]     = { 0.835, 0.369, 0.000 },  /* vermilion */
};

static const OporaColor today_color = { 0.800, 0.475, 0.655 };  /* reddish purple */

/* ---- The model ---- */

static void
bar_clear (OporaPlotBar *bar)
{
  g_clear_pointer (&bar->title, g_free);
  g_clear_pointer (&bar->stage, g_free);
  g_clear_pointer (&bar->start, g_free);
  g_clear_pointer (&bar->end, g_free);
}

/**
 * opora_plot_timeline_new:
 * @year: the school year: 2026 = 2025/26
 * @today: (nullable): YYYY-MM-DD, where the line goes
 *
 * Returns: (transfer full): a timeline without bars
 */
OporaPlotTimeline *
opora_plot_timeline_new (int         year,
                         const char *today)
{
  OporaPlotTimeline *model = g_new0 (OporaPlotTimeline, 1);

  model->year = year;
  model->today = g_strdup (today);
  model->bars = g_array_new (FALSE, TRUE, sizeof (OporaPlotBar));
  g_array_set_clear_func (model->bars, (GDestroyNotify) bar_clear);
  return model;
}

void
opora_plot_timeline_free (OporaPlotTimeline *model)
{
  if (model == NULL)
    return;
  g_array_unref (model->bars);
  g_free (model->today);
  g_free (model);
}

/**
 * opora_plot_timeline_add_bar:
 * @model: a timeline
 * @title: the row's text
 * @stage: (nullable): the measure's stage
 * @start: (nullable): YYYY-MM-DD
 * @end: (nullable): YYYY-MM-DD
 * @status: how to draw it
 *
 * Adds a row below the others.
 */
void
opora_plot_timeline_add_bar (OporaPlotTimeline  *model,
                             const char         *title,
                             const char         *stage,
                             const char         *start,
                             const char         *end,
                             OporaPlotBarStatus  status)
{
  OporaPlotBar bar = { g_strdup (title ? title : ""), g_strdup (stage), g_strdup (start), g_strdup (end), status };

  g_return_if_fail (model != NULL);
  g_return_if_fail (status <= OPORA_PLOT_BAR_OVERDUE);
  g_array_append_val (model->bars, bar);
}

static double
scale_of (const OporaPlotTimelineOptions *options)
{
  return options != NULL && options->scale > 0 ? options->scale : 1;
}

/**
 * opora_plot_timeline_height:
 *
 * Returns: the height that shows every row, the month names and the
 *   legend: 414 for 10 bars at scale 1
 */
double
opora_plot_timeline_height (const OporaPlotTimeline        *model,
                            const OporaPlotTimelineOptions *options)
{
  g_return_val_if_fail (model != NULL, 0);

  return (HEADER_HEIGHT + (MAX (model->bars->len, 1) + 1) * ROW_HEIGHT + 2 * MARGIN) * scale_of (options);
}

/* ---- Dates ---- */

/* Days from 1 August of the school year ending in @year to @iso; −1 when
 * unreadable: 2026, "2025-08-01" → 0; 2026, "2025-09-01" → 31. */
static int
day_of_year (int         year,
             const char *iso)
{
  g_autoptr(GDate) start = g_date_new_dmy (1, G_DATE_AUGUST, year - 1);
  g_autoptr(GDate) date = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  date = g_date_new_dmy (d, m, y);
  return g_date_days_between (start, date);
}

static int
days_in_year (int year)
{
  return g_date_is_leap_year (year) ? 366 : 365;
}

static double
day_to_x (const OporaPlotTimelineLayout *layout,
          int                            day)
{
  return layout->left + day * (layout->right - layout->left) / days_in_year (layout->model->year);
}

/* ---- The layout ---- */

static PangoLayout *
make_text (const OporaPlotTimelineLayout *layout,
           const char                    *text,
           double                         max_width,
           gboolean                       bold)
{
  PangoLayout *pl = pango_layout_new (layout->pango);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, FONT_SIZE * scale_of (&layout->options) * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, font);
  pango_font_description_free (font);
  pango_layout_set_single_paragraph_mode (pl, TRUE);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  return pl;
}

/* A line of text with its left edge at @x, centred on @y; @role says how
 * it is coloured: TICK months, LABEL titles, QUADRANT "Today", LEGEND. */
static void
add_text (OporaPlotTimelineLayout *layout,
          OporaPlotTextRole        role,
          const char              *text,
          double                   x,
          double                   y,
          double                   max_width,
          gboolean                 bold)
{
  OporaPlotText t = { make_text (layout, text, max_width, bold), { x, 0, 0, 0 }, FALSE, FALSE, role, 0 };
  PangoRectangle logical;

  pango_layout_get_extents (t.layout, NULL, &logical);
  t.box.width = (double) logical.width / PANGO_SCALE;
  t.box.height = (double) logical.height / PANGO_SCALE;
  t.box.y = y - t.box.height / 2;
  g_array_append_val (layout->texts, t);
}

static void
text_clear (OporaPlotText *text)
{
  g_clear_object (&text->layout);
}

/* "авг", "сен", … in the locale's own words, standing alone (%Ob), not "мая". */
static void
layout_months (OporaPlotTimelineLayout *layout)
{
  double s = scale_of (&layout->options);
  int year = layout->model->year;

  for (int i = 0; i < 12; i++)
    {
      int month = (i + 7) % 12 + 1;
      g_autoptr(GDateTime) first = g_date_time_new_utc (month >= 8 ? year - 1 : year, month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (first, "%Ob");
      g_autofree char *iso = g_date_time_format (first, "%Y-%m-%d");
      double x = day_to_x (layout, day_of_year (year, iso));

      add_text (layout, OPORA_PLOT_TEXT_TICK, name ? name : "", x + 4 * s,
                MARGIN * s + HEADER_HEIGHT * s / 2, 60 * s, FALSE);
    }
}

/* The sign in front of a row's title, so its status reads without colour. */
static const char *
status_mark (OporaPlotBarStatus status)
{
  switch (status)
    {
    case OPORA_PLOT_BAR_DONE: return "✓ ";
    case OPORA_PLOT_BAR_CANCELLED: return "✕ ";
    case OPORA_PLOT_BAR_OVERDUE: return "⚠ ";
    case OPORA_PLOT_BAR_PLANNED:
    case OPORA_PLOT_BAR_IN_PROGRESS:
    default: return "";
    }
}

/* The bar from its first day to the end of its last, at least 4 pixels wide. */
static OporaPlotRect
bar_rect (const OporaPlotTimelineLayout *layout,
          const OporaPlotBar            *bar,
          double                         y)
{
  int n = days_in_year (layout->model->year);
  int s = day_of_year (layout->model->year, bar->start), e = day_of_year (layout->model->year, bar->end);
  double inset = 5 * scale_of (&layout->options), x0, x1;

  if (s < 0 && e < 0)
    return (OporaPlotRect) { layout->left, y, 0, 0 };
  s = CLAMP (s < 0 ? e : s, 0, n);
  e = CLAMP (e < 0 ? s : e + 1, 0, n);
  x0 = day_to_x (layout, s);
  x1 = MAX (day_to_x (layout, e), x0 + 4 * scale_of (&layout->options));
  return (OporaPlotRect) { x0, y + inset, x1 - x0, layout->row_height - 2 * inset };
}

static void
layout_rows (OporaPlotTimelineLayout *layout,
             double                   label_width)
{
  const OporaPlotTimeline *model = layout->model;
  double s = scale_of (&layout->options);

  layout->bars = g_new0 (OporaPlotRect, MAX (model->bars->len, 1));
  for (guint i = 0; i < model->bars->len; i++)
    {
      const OporaPlotBar *bar = &g_array_index (model->bars, OporaPlotBar, i);
      double y = layout->top + i * layout->row_height;
      g_autofree char *title = g_strconcat (status_mark (bar->status), bar->title, NULL);

      add_text (layout, OPORA_PLOT_TEXT_LABEL, title, MARGIN * s, y + layout->row_height / 2,
                label_width, bar->status == OPORA_PLOT_BAR_OVERDUE);
      layout->bars[i] = bar_rect (layout, bar, y);
    }
}

static void
layout_today (OporaPlotTimelineLayout *layout)
{
  double s = scale_of (&layout->options);
  int d = day_of_year (layout->model->year, layout->model->today);

  layout->today_x = NAN;
  if (d < 0 || d > days_in_year (layout->model->year))
    return;
  layout->today_x = day_to_x (layout, d);
  add_text (layout, OPORA_PLOT_TEXT_QUADRANT, C_("timeline", "Today"), layout->today_x + 3 * s,
            MARGIN * s + 6 * s, MAX (layout->width - layout->today_x - 3 * s - MARGIN * s, 1), TRUE);
}

/**
 * opora_plot_timeline_layout_new:
 * @model: the timeline; keep it unchanged while the layout lives
 * @width: the width to fill; the height is opora_plot_timeline_height()
 * @options: (nullable): dark mode and scale; %NULL: light, 1
 *
 * Places the titles on the left, at most a third of @width and ellipsized,
 * the months and bars right of them, today's line and the legend below.
 *
 * Returns: (transfer full): the layout
 */
OporaPlotTimelineLayout *
opora_plot_timeline_layout_new (const OporaPlotTimeline        *model,
                                double                          width,
                                const OporaPlotTimelineOptions *options)
{
  OporaPlotTimelineLayout *layout = g_new0 (OporaPlotTimelineLayout, 1);
  double s, label_width;

  g_return_val_if_fail (model != NULL, layout);

  layout->model = model;
  layout->options = options ? *options : (OporaPlotTimelineOptions) { FALSE, 1 };
  s = scale_of (&layout->options);
  layout->width = width;
  layout->height = opora_plot_timeline_height (model, &layout->options);
  layout->row_height = ROW_HEIGHT * s;
  label_width = CLAMP (width * 0.32, 120 * s, 340 * s);
  layout->left = MARGIN * s + label_width + 8 * s;
  layout->right = MAX (width - MARGIN * s, layout->left + 1);
  layout->top = (MARGIN + HEADER_HEIGHT) * s;
  layout->bottom = layout->top + model->bars->len * layout->row_height;
  layout->pango = opora_plot_pango_context_new ();
  layout->texts = g_array_new (FALSE, TRUE, sizeof (OporaPlotText));
  g_array_set_clear_func (layout->texts, (GDestroyNotify) text_clear);
  layout_months (layout);
  layout_rows (layout, label_width);
  layout_today (layout);
  add_text (layout, OPORA_PLOT_TEXT_LEGEND, _("⚠ overdue: hatched bar · ✓ done · ✕ cancelled: outlined bar"),
            MARGIN * s, layout->bottom + layout->row_height / 2 + 4 * s, MAX (width - 2 * MARGIN * s, 1), FALSE);
  return layout;
}

void
opora_plot_timeline_layout_free (OporaPlotTimelineLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->texts, g_array_unref);
  g_clear_object (&layout->pango);
  g_free (layout->bars);
  g_free (layout);
}

/* ---- Drawing ---- */

static void
set_color (cairo_t    *cr,
           OporaColor  color,
           double      alpha)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

static OporaColor
foreground (const OporaPlotTimelineLayout *layout)
{
  double fg = layout->options.dark ? 0.9 : 0.15;

  return (OporaColor) { fg, fg, fg };
}

static void
draw_grid (const OporaPlotTimelineLayout *layout,
           cairo_t                       *cr)
{
  double s = scale_of (&layout->options), top = layout->top - 6 * s;

  set_color (cr, foreground (layout), 0.25);
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const OporaPlotText *t = &g_array_index (layout->texts, OporaPlotText, i);
      if (t->role == OPORA_PLOT_TEXT_TICK)
        cairo_rectangle (cr, t->box.x - 4 * s, top, 1 * s, layout->bottom - top);
    }
  cairo_fill (cr);
  set_color (cr, foreground (layout), 0.06);
  for (guint i = 1; i < layout->model->bars->len; i += 2)
    cairo_rectangle (cr, MARGIN * s, layout->top + i * layout->row_height,
                     layout->right - MARGIN * s, layout->row_height);
  cairo_fill (cr);
}

/* Diagonal lines over a bar, so an overdue one shows without its colour. */
static void
hatch (cairo_t             *cr,
       const OporaPlotRect *r,
       double               s)
{
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2 * s);
  for (double d = r->x - r->height; d < r->x + r->width; d += 7 * s)
    {
      cairo_move_to (cr, d, r->y + r->height);
      cairo_line_to (cr, d + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_bar (const OporaPlotTimelineLayout *layout,
          cairo_t                       *cr,
          guint                          i)
{
  const OporaPlotBar *bar = &g_array_index (layout->model->bars, OporaPlotBar, i);
  const OporaPlotRect *r = &layout->bars[i];
  double s = scale_of (&layout->options);

  if (r->width <= 0)
    return;
  set_color (cr, status_colors[bar->status], 1);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  if (bar->status == OPORA_PLOT_BAR_CANCELLED)
    {
      double dash[] = { 3 * s, 3 * s };

      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5 * s);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  cairo_fill (cr);
  if (bar->status == OPORA_PLOT_BAR_OVERDUE)
    hatch (cr, r, s);
}

static void
draw_today (const OporaPlotTimelineLayout *layout,
            cairo_t                       *cr)
{
  double s = scale_of (&layout->options);

  if (!isfinite (layout->today_x))
    return;
  set_color (cr, today_color, 1);
  cairo_set_line_width (cr, 2 * s);
  cairo_move_to (cr, layout->today_x, (MARGIN + 8) * s);
  cairo_line_to (cr, layout->today_x, layout->bottom);
  cairo_stroke (cr);
}

static void
draw_texts (const OporaPlotTimelineLayout *layout,
            cairo_t                       *cr,
            OporaPlotTextFunc              text_func,
            gpointer                       user_data)
{
  OporaColor background = layout->options.dark ? (OporaColor) { 0.118, 0.118, 0.118 } : (OporaColor) { 1, 1, 1 };

  for (guint i = 0; i < layout->texts->len; i++)
    {
      const OporaPlotText *t = &g_array_index (layout->texts, OporaPlotText, i);
      OporaColor color = t->role == OPORA_PLOT_TEXT_QUADRANT ? today_color : foreground (layout);

      cairo_save (cr);
      cairo_translate (cr, t->box.x, t->box.y);
      if (text_func != NULL)
        {
          cairo_matrix_t matrix;

          cairo_get_matrix (cr, &matrix);
          text_func (t, color, background, &matrix, user_data);
        }
      else
        {
          cairo_move_to (cr, 0, 0);
          set_color (cr, color, 1);
          pango_cairo_show_layout (cr, t->layout);
        }
      cairo_restore (cr);
    }
}

/**
 * opora_plot_timeline_layout_draw:
 * @layout: a layout
 * @cr: where to draw, from (0, 0), in logical pixels
 * @text_func: (nullable): takes each text instead of Pango drawing it
 * @user_data: for @text_func
 *
 * Draws the month grid, the rows' bars (overdue ones hatched, cancelled
 * ones outlined), today's line, then every text, on what @cr already has.
 * Leaves @cr's state as it was.
 */
void
opora_plot_timeline_layout_draw (const OporaPlotTimelineLayout *layout,
                                 cairo_t                       *cr,
                                 OporaPlotTextFunc              text_func,
                                 gpointer                       user_data)
{
  g_return_if_fail (layout != NULL && cr != NULL);

  cairo_save (cr);
  draw_grid (layout, cr);
  for (guint i = 0; i < layout->model->bars->len; i++)
    draw_bar (layout, cr, i);
  draw_today (layout, cr);
  draw_texts (layout, cr, text_func, user_data);
  cairo_restore (cr);
}

/**
 * opora_plot_timeline_render:
 * @model: the timeline
 * @cr: where to draw, in logical pixels
 * @width: the width to fill
 * @height: the height to clip to; opora_plot_timeline_height() shows all
 * @options: (nullable): dark mode and scale
 *
 * Lays @model out and draws it: the one call behind the window's
 * timeline and its files.
 */
void
opora_plot_timeline_render (const OporaPlotTimeline        *model,
                            cairo_t                        *cr,
                            double                          width,
                            double                          height,
                            const OporaPlotTimelineOptions *options)
{
  g_autoptr(OporaPlotTimelineLayout) layout = NULL;

  g_return_if_fail (model != NULL && cr != NULL);

  layout = opora_plot_timeline_layout_new (model, width, options);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  opora_plot_timeline_layout_draw (layout, cr, NULL, NULL);
  cairo_restore (cr);
}

static void
draw_for_svg (cairo_t           *cr,
              OporaPlotTextFunc  text_func,
              gpointer           text_data,
              gpointer           user_data)
{
  const OporaPlotTimelineLayout *layout = user_data;

  cairo_set_source_rgb (cr, layout->options.dark ? 0.118 : 1, layout->options.dark ? 0.118 : 1,
                        layout->options.dark ? 0.118 : 1);
  cairo_paint (cr);
  opora_plot_timeline_layout_draw (layout, cr, text_func, text_data);
}

/**
 * opora_plot_timeline_svg:
 * @model: the timeline
 * @width: in CSS pixels; the height is opora_plot_timeline_height()
 * @options: (nullable): dark mode and scale
 *
 * The timeline as an SVG file on a plain background, its texts as <text>.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with @error set
 */
GBytes *
opora_plot_timeline_svg (const OporaPlotTimeline        *model,
                         double                          width,
                         const OporaPlotTimelineOptions *options,
                         GError                        **error)
{
  g_autoptr(OporaPlotTimelineLayout) layout = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  layout = opora_plot_timeline_layout_new (model, width, options);
  return opora_plot_svg_bytes (draw_for_svg, layout, NULL, width, layout->height, error);
}
