/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export: PNG with its DPI recorded, SVG with text as <text>, PDF with real fonts. */

#include "opora-plot-export.h"

#include "opora-error.h"
#include "opora-plot-layout.h"
#include "opora-plot-png.h"
#include "opora-plot-render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* CSS pixels: 96 to the inch, so a point is 0.75 of one. */
#define PX_PER_INCH 96.0

/**
 * opora_plot_format_from_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: whether @path ends in .png, .svg or .pdf (in any case)
 */
gboolean
opora_plot_format_from_path (const char      *path,
                             OporaPlotFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = OPORA_PLOT_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = OPORA_PLOT_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = OPORA_PLOT_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_FAILED, _("The chart could not be drawn: %s."),
               cairo_status_to_string (status));
  return FALSE;
}

/* ---- PNG ---- */

typedef struct {
  OporaPlotLayout *layout;
  double           zoom;
} PngDraw;

static void
draw_png (cairo_t  *cr,
          gpointer  data)
{
  PngDraw *d = data;

  cairo_scale (cr, d->zoom, d->zoom);
  opora_plot_layout_draw (d->layout, cr);
}

/* Laid out once, then drawn and deflated in two bands at once. */
static GBytes *
export_png (OporaPlotModel  *model,
            double           width,
            double           height,
            double           dpi,
            GError         **error)
{
  double zoom = dpi / PX_PER_INCH;
  g_autoptr(OporaPlotLayout) layout = opora_plot_layout_new (model, width / zoom, height / zoom);
  PngDraw d = { layout, zoom };
  GBytes *png = opora_plot_png_render ((int) ceil (width), (int) ceil (height), dpi, draw_png, &d);

  if (png == NULL)
    check_cairo (CAIRO_STATUS_NO_MEMORY, error);
  return png;
}

/* ---- SVG ---- */

static void
append_color (GString    *out,
              const char *attribute,
              OporaColor  color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute, (int) lround (color.red * 255),
                          (int) lround (color.green * 255), (int) lround (color.blue * 255));
}

static void
append_number (GString    *out,
               const char *prefix,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, prefix);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

/* The text Pango shows: the whole text, or the longest start of it that
 * fits with "…" when the layout ellipsizes; and its width, in Pango units. */
static char *
shown_text (PangoLayout *layout,
            int         *width)
{
  const char *text = pango_layout_get_text (layout);
  g_autoptr(PangoLayout) probe = NULL;
  glong lo = 0, hi;

  pango_layout_get_size (layout, width, NULL);
  if (!pango_layout_is_ellipsized (layout))
    return g_strdup (text);
  probe = pango_layout_copy (layout);
  pango_layout_set_width (probe, -1);
  pango_layout_set_ellipsize (probe, PANGO_ELLIPSIZE_NONE);
  hi = g_utf8_strlen (text, -1);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *head = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (head, "…", NULL);
      int candidate_width;

      pango_layout_set_text (probe, candidate, -1);
      pango_layout_get_size (probe, &candidate_width, NULL);
      if (candidate_width <= pango_layout_get_width (layout))
        lo = mid;
      else
        hi = mid - 1;
    }
  {
    g_autofree char *head = g_utf8_substring (text, 0, lo);
    char *shown = g_strconcat (head, "…", NULL);

    pango_layout_set_text (probe, shown, -1);
    pango_layout_get_size (probe, width, NULL);
    return shown;
  }
}

/* One <text> per chart text, placed by the matrix Cairo had for it. Sizes
 * come from the layout's font, so the file reads as the PNG does; the
 * length is pinned to Pango's, in case the viewer picks another font. */
static void
svg_text (const OporaPlotText  *text,
          OporaColor            color,
          OporaColor            halo,
          const cairo_matrix_t *m,
          gpointer              user_data)
{
  GString *out = user_data;
  const PangoFontDescription *font = pango_layout_get_font_description (text->layout);
  int width;
  g_autofree char *shown = shown_text (text->layout, &width);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  g_string_append (out, "<text");
  append_number (out, " transform=\"matrix(", m->xx);
  append_number (out, ",", m->yx);
  append_number (out, ",", m->xy);
  append_number (out, ",", m->yy);
  append_number (out, ",", m->x0);
  append_number (out, ",", m->y0);
  append_number (out, ")\" y=\"", (double) pango_layout_get_baseline (text->layout) / PANGO_SCALE);
  append_number (out, "\" font-size=\"", (double) pango_font_description_get_size (font) / PANGO_SCALE);
  g_string_append (out, "\" font-family=\"Cantarell, 'DejaVu Sans', sans-serif\"");
  if (pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD)
    g_string_append (out, " font-weight=\"bold\"");
  append_color (out, "fill", color);
  if (text->halo)
    {
      append_color (out, "stroke", halo);
      /* 3 pixels at the labels' 11.5, as the renderer strokes it. */
      append_number (out, " stroke-width=\"", 3 / 11.5 * pango_font_description_get_size (font) / PANGO_SCALE);
      g_string_append (out, "\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }
  append_number (out, " textLength=\"", (double) width / PANGO_SCALE);
  g_string_append_printf (out, "\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">%s</text>\n", escaped);
}

/* Puts the chart's texts last (they are drawn last anyway) and its title
 * where screen readers look for it. */
static gboolean
splice_svg (GByteArray     *svg,
            const char     *title,
            const GString  *texts,
            GByteArray    **result)
{
  g_autoptr(GString) out = g_string_new_len ((const char *) svg->data, svg->len);
  const char *end = g_strrstr_len (out->str, out->len, "</svg>");
  const char *root = strstr (out->str, "<svg");
  const char *root_end = root != NULL ? strchr (root, '>') : NULL;
  gsize end_at, title_at;

  if (end == NULL || root_end == NULL)
    return FALSE;
  /* Offsets, not pointers: inserting may move the string. The later
   * insertion goes first so the earlier offset stays right. */
  end_at = end - out->str;
  title_at = root_end + 1 - out->str;
  g_string_insert (out, end_at, texts->str);
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);
      g_string_insert (out, title_at, element);
    }
  *result = g_byte_array_new_take ((guint8 *) out->str, out->len);
  g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

/**
 * opora_plot_svg_bytes:
 * @draw: draws the picture, passing each text to the function it is given
 * @user_data: for @draw
 * @title: (nullable): the file's <title>
 * @width: in CSS pixels
 * @height: in CSS pixels
 *
 * An SVG file of what @draw draws, its texts as <text> elements after the
 * shapes: the chart and the timeline write their files through this.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with @error set
 */
GBytes *
opora_plot_svg_bytes (OporaPlotSvgDrawFunc   draw,
                      gpointer               user_data,
                      const char            *title,
                      double                 width,
                      double                 height,
                      GError               **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) result = NULL;
  g_autoptr(GString) texts = g_string_new ("<g id=\"text\">\n");
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_bytes, svg, width, height);
  cairo_t *cr;
  cairo_status_t status;

  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  draw (cr, svg_text, texts, user_data);
  g_string_append (texts, "</g>\n");
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return NULL;
  if (!splice_svg (svg, title, texts, &result))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FAILED, _("The chart could not be drawn: %s."), "SVG");
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&result));
}

static void
draw_chart (cairo_t           *cr,
            OporaPlotTextFunc  text_func,
            gpointer           text_data,
            gpointer           user_data)
{
  opora_plot_layout_draw_full (user_data, cr, FALSE, text_func, text_data);
}

static GBytes *
export_svg (OporaPlotModel  *model,
            double           width,
            double           height,
            GError         **error)
{
  g_autoptr(OporaPlotLayout) layout = opora_plot_layout_new (model, width, height);

  return opora_plot_svg_bytes (draw_chart, layout, model->title, width, height, error);
}

/* ---- PDF ---- */

static GBytes *
export_pdf (OporaPlotModel  *model,
            double           width,
            double           height,
            GError         **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  double pt = 72 / PX_PER_INCH;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, width * pt, height * pt);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, model->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Opora " PACKAGE_VERSION);
  cairo_scale (cr, pt, pt);
  opora_plot_render (model, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * opora_plot_export_bytes:
 * @model: the chart
 * @format: the file format
 * @width: the chart's width: pixels of the PNG; CSS pixels of the SVG and
 *   the PDF (a PDF page is 0.75 as many points)
 * @height: its height
 * @dpi: PNG only: text and markers grow with it (96 is 1:1) and the file
 *   records it; 300 DPI for print
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL with
 *   @error set
 */
GBytes *
opora_plot_export_bytes (OporaPlotModel   *model,
                         OporaPlotFormat   format,
                         double            width,
                         double            height,
                         double            dpi,
                         GError          **error)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000 && dpi >= 10 && dpi <= 2400))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("A chart is 16 to 20000 pixels wide and high, at 10 to 2400 DPI."));
      return NULL;
    }
  switch (format)
    {
    case OPORA_PLOT_FORMAT_PNG: return export_png (model, width, height, dpi, error);
    case OPORA_PLOT_FORMAT_SVG: return export_svg (model, width, height, error);
    case OPORA_PLOT_FORMAT_PDF: return export_pdf (model, width, height, error);
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * opora_plot_export:
 * @model: the chart
 * @path: the file to write; its extension (.png, .svg, .pdf) names the format
 * @width: see opora_plot_export_bytes()
 * @height: likewise
 * @dpi: likewise
 * @error: return location for an error
 *
 * Writes the file at once (a temporary file renamed over @path), so a
 * failure leaves no half-written chart.
 *
 * Returns: whether the file was written
 */
gboolean
opora_plot_export (OporaPlotModel  *model,
                   const char      *path,
                   double           width,
                   double           height,
                   double           dpi,
                   GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  OporaPlotFormat format;

  g_return_val_if_fail (model != NULL && path != NULL, FALSE);

  if (!opora_plot_format_from_path (path, &format))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” does not end in .png, .svg or .pdf; name the file by the format you want."), path);
      return FALSE;
    }
  if (!(bytes = opora_plot_export_bytes (model, format, width, height, dpi, error)))
    return FALSE;
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("The chart could not be saved: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}
