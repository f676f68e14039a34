/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lines and short paragraphs of Pango text for the dashboard's pictures: made, measured, placed. */

#include "opora-plot-text.h"

#define FONT_FAMILY "Cantarell,DejaVu Sans,sans-serif"

/**
 * opora_plot_text_new:
 * @context: a context from opora_plot_pango_context_new()
 * @text: the text
 * @style: its size, weight, box width, lines and alignment
 *
 * Returns: (transfer full): the text laid out in a box @style->width wide
 */
PangoLayout *
opora_plot_text_new (PangoContext             *context,
                     const char               *text,
                     const OporaPlotTextStyle *style)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, style->size * PANGO_SCALE);
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (style->width > 0)
    {
      pango_layout_set_width (layout, (int) (style->width * PANGO_SCALE));
      pango_layout_set_alignment (layout, aligns[style->align]);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      /* A negative height counts lines: −2 is at most two lines. */
      pango_layout_set_height (layout, -MAX (style->max_lines, 1));
    }
  if (style->max_lines <= 1)
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

double
opora_plot_text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The logical width of the longest line. */
double
opora_plot_text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/**
 * opora_plot_text_show:
 * @cr: where to draw
 * @context: as for opora_plot_text_new()
 * @text: the text
 * @style: how
 * @x: the box's left edge
 * @y: its top
 *
 * Returns: the height the text took
 */
double
opora_plot_text_show (cairo_t                  *cr,
                      PangoContext             *context,
                      const char               *text,
                      const OporaPlotTextStyle *style,
                      double                    x,
                      double                    y)
{
  g_autoptr(PangoLayout) layout = opora_plot_text_new (context, text, style);

  cairo_save (cr);
  cairo_set_source_rgb (cr, style->color.red, style->color.green, style->color.blue);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return opora_plot_text_height (layout);
}
