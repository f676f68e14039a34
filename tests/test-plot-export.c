/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of chart export: PNG with its DPI, SVG with its text as text, PDF at the page size. */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "opora-error.h"
#include "opora-plot-export.h"
#include "opora-plot-png.h"
#include "opora-plot-render.h"

static OporaPlotModel *
model_new (void)
{
  OporaPlotModel *model = opora_plot_model_new ();
  guint one = opora_plot_model_add_series (model, "Cluster 1", 0);
  guint two = opora_plot_model_add_series (model, "Cluster 2 & <friends>", 1);

  g_free (model->title);
  model->title = g_strdup ("Schools by social context and results");
  model->subtitle = g_strdup ("Demo district · 2026");
  model->source = g_strdup ("Source: a test");
  g_free (model->x.title);
  g_free (model->y.title);
  model->x.title = g_strdup ("Context index");
  model->y.title = g_strdup ("Results index");
  opora_plot_model_get_point (model, opora_plot_model_add_point (model, -1, 0.5, one, OPORA_PLOT_POINT_PROBLEM,
                                                                "СОШ № 1"))->label_priority = 2;
  opora_plot_model_get_point (model, opora_plot_model_add_point (model, 1.2, -0.5, two, OPORA_PLOT_POINT_BASE,
                                                                "Гимназия № 2"))->label_priority = 1;
  return model;
}

/* Whether @needle occurs in binary @data (which may hold NULs). */
static gboolean
contains (const char *data,
          gsize       size,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_formats (void)
{
  static const struct { const char *path; gboolean ok; OporaPlotFormat format; } cases[] = {
    { "chart.png", TRUE, OPORA_PLOT_FORMAT_PNG }, { "/tmp/A.SVG", TRUE, OPORA_PLOT_FORMAT_SVG },
    { "slide.Pdf", TRUE, OPORA_PLOT_FORMAT_PDF }, { "chart.jpeg", FALSE, 0 }, { "png", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OporaPlotFormat format = 99;
      g_assert_cmpint (opora_plot_format_from_path (cases[i].path, &format), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void
test_png (void)
{
  g_autoptr(OporaPlotModel) model = model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_PNG, 1200, 900, 300, &error);
  const guint8 *data;
  gsize size;

  g_assert_no_error (error);
  data = g_bytes_get_data (png, &size);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (be32 (data + 16), ==, 1200);  /* IHDR width and height */
  g_assert_cmpuint (be32 (data + 20), ==, 900);
  /* pHYs right after IHDR: 300 DPI is 11 811 pixels a metre. */
  g_assert_cmpmem (data + 37, 4, "pHYs", 4);
  g_assert_cmpuint (be32 (data + 41), ==, 11811);
  g_assert_cmpuint (be32 (data + 45), ==, 11811);
  g_assert_cmpuint (data[49], ==, 1);
  g_assert_cmpuint (be32 (data + 50), ==, 0x78A53F76);  /* its CRC, computed by Python's zlib.crc32 */
  g_assert_true (contains ((const char *) data, size, "IDAT"));
}

typedef struct {
  const guint8 *data;
  gsize         left;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length, reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  OporaPlotModel *model;
  int             width, height;
} BandDraw;

static void
draw_bands (cairo_t  *cr,
            gpointer  data)
{
  BandDraw *d = data;

  opora_plot_render (d->model, cr, d->width, d->height);
}

/* Our PNG writer, read back by libpng through Cairo, gives the very pixels
 * drawn: a chart (deflated in two halves) and a tiny image (in one); and the
 * same chart drawn in two bands at once (opora_plot_png_render) gives the
 * same pixels as drawn whole. */
static void
assert_same_pixels (cairo_surface_t *surface,
                    GBytes          *png,
                    const char      *what)
{
  Reader reader = { g_bytes_get_data (png, NULL), g_bytes_get_size (png) };
  cairo_surface_t *back = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);

  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
        guint32 b = ((guint32 *) (cairo_image_surface_get_data (back) + y * cairo_image_surface_get_stride (back)))[x];
        if ((a & 0xffffff) != (b & 0xffffff))
          g_error ("%s: pixel (%d, %d) is %06x, read back %06x", what, x, y, a & 0xffffff, b & 0xffffff);
      }
  cairo_surface_destroy (back);
}

/* Our PNG writer, read back by libpng through Cairo, gives the very pixels
 * drawn: a chart (deflated in two halves) and a tiny image (in one); and the
 * same chart drawn in two bands at once (opora_plot_png_render) gives the
 * same pixels as drawn whole. */
static void
test_png_round_trip (void)
{
  static const int sizes[][2] = { { 1200, 900 }, { 7, 5 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(OporaPlotModel) model = model_new ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
      cairo_t *cr = cairo_create (surface);
      BandDraw bands = { model, sizes[i][0], sizes[i][1] };
      g_autoptr(GBytes) whole = NULL;
      g_autoptr(GBytes) banded = NULL;

      opora_plot_render (model, cr, sizes[i][0], sizes[i][1]);
      cairo_destroy (cr);
      whole = opora_plot_png_encode (surface, 96);
      banded = opora_plot_png_render (sizes[i][0], sizes[i][1], 96, draw_bands, &bands);
      assert_same_pixels (surface, whole, "encoded");
      assert_same_pixels (surface, banded, "drawn in bands");
      cairo_surface_destroy (surface);
    }
}

static void
test_svg (void)
{
  static const char *expected[] = {
    "<title>Schools by social context and results</title>",
    ">Schools by social context and results</text>",
    ">Demo district · 2026</text>",
    ">Context index</text>",
    ">Results index</text>",
    ">Cluster 1 (1)</text>",
    ">Cluster 2 &amp; &lt;friends&gt; (1)</text>",
    ">School to support (1)</text>",
    ">Source: a test</text>",
    ">СОШ № 1</text>",
    ">Гимназия № 2</text>",
    ">\u22121.0</text>",
    "font-weight=\"bold\"",
    "paint-order=\"stroke\"",
    "width=\"1000px\"",
  };
  g_autoptr(OporaPlotModel) model = model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_SVG, 1000, 700, 96, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_true (g_str_has_suffix (g_strchomp (text), "</svg>"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("looking for %s", expected[i]);
      g_assert_nonnull (strstr (text, expected[i]));
    }
}

/* A subtitle too long for the chart ends in "…" in the SVG as on screen. */
static void
test_svg_ellipsis (void)
{
  g_autoptr(OporaPlotModel) model = model_new ();
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (subtitle, "word ");
  g_free (model->subtitle);
  model->subtitle = g_strdup (subtitle->str);
  svg = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_SVG, 400, 300, 96, NULL);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_assert_nonnull (strstr (text, "preserve\">word word word "));
  g_assert_nonnull (strstr (text, "…</text>"));
  g_assert_null (strstr (text, subtitle->str));
}

static void
test_pdf (void)
{
  g_autoptr(OporaPlotModel) model = model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_PDF, 800, 600, 96, &error);
  const char *data;
  gsize size;

  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &size);
  g_assert_true (size > 1000 && memcmp (data, "%PDF-", 5) == 0);
  /* 800 × 600 CSS pixels are 600 × 450 points; the fonts are embedded, not outlined. */
  g_assert_true (contains (data, size, "/MediaBox [ 0 0 600 450 ]"));
  g_assert_true (contains (data, size, "/FontFile"));
  g_assert_true (contains (data, size, "%%EOF"));
}

/* Thousands of markers go into a vector file as glyphs: each shape once,
 * then one <use> per marker; in a PDF, a Type 3 font. */
static void
test_dense (void)
{
  g_autoptr(OporaPlotModel) model = opora_plot_model_new ();
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  guint uses = 0;

  for (guint s = 0; s < 3; s++)
    opora_plot_model_add_series (model, "S", s);
  for (guint i = 0; i < 3600; i++)
    opora_plot_model_add_point (model, i % 60, i / 60, i % 3, i % 10 == 0 ? OPORA_PLOT_POINT_PROBLEM : 0, NULL);
  svg = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_SVG, 1600, 1000, 96, NULL);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  for (const char *at = text; (at = strstr (at, "xlink:href=\"#glyph")) != NULL; at++)
    uses++;
  /* 3600 fills and 360 rings. */
  g_assert_cmpuint (uses, >=, 3960);
  pdf = opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_PDF, 1600, 1000, 96, NULL);
  g_assert_true (contains (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), "/Type3"));
}

static void
test_errors (void)
{
  g_autoptr(OporaPlotModel) model = model_new ();
  g_autoptr(GError) size_error = NULL;
  g_autoptr(GError) name_error = NULL;
  g_autoptr(GError) write_error = NULL;

  g_assert_null (opora_plot_export_bytes (model, OPORA_PLOT_FORMAT_PNG, 0, 600, 96, &size_error));
  g_assert_error (size_error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_false (opora_plot_export (model, "chart.gif", 800, 600, 96, &name_error));
  g_assert_error (name_error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_false (opora_plot_export (model, "/nonexistent/folder/chart.png", 800, 600, 96, &write_error));
  g_assert_error (write_error, OPORA_ERROR, OPORA_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/export/formats", test_formats);
  g_test_add_func ("/plot/export/png", test_png);
  g_test_add_func ("/plot/export/png-round-trip", test_png_round_trip);
  g_test_add_func ("/plot/export/svg", test_svg);
  g_test_add_func ("/plot/export/svg-ellipsis", test_svg_ellipsis);
  g_test_add_func ("/plot/export/pdf", test_pdf);
  g_test_add_func ("/plot/export/dense", test_dense);
  g_test_add_func ("/plot/export/errors", test_errors);

  return g_test_run ();
}
