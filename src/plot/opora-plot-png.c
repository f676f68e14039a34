/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PNG from a Cairo RGB24 image: "Sub"-filtered rows, run-length deflated in two halves at once and joined;
 * or drawn and deflated in two bands at once. zlib only checksums. */

#include "opora-plot-png.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "opora-deflate-rle.h"

/* Cairo's writer goes through libpng at zlib's default level 6 with
 * adaptive filters: 65 ms for a 1600 × 1000 chart. A chart is mostly flat
 * colour: after the "Sub" filter that is runs of zeros. zlib's RLE strategy
 * packed them at about 270 MB/s (9 ms a half); opora-deflate-rle.c, which
 * writes only literals and runs in fixed codes, takes about 1 ms a half for
 * files about a quarter larger (the demo's chart 276 → 348 KB). Two halves are
 * deflated at once and joined as pigz does. */

typedef struct {
  cairo_surface_t    *surface;
  int                 first_row;   /* the rows of @surface this part deflates */
  int                 end_row;
  guint8             *raw;         /* this part's PNG rows */
  gsize               row_length;  /* a filter byte and RGB */
  gboolean            last;
  OporaPlotPngDraw    draw;        /* when set, draws @surface first: a band of the image */
  gpointer            draw_data;
  int                 band_y;      /* the band's first row in the image */
  int                 width;
  GByteArray         *out;         /* raw deflate data */
  gsize               length;      /* of the input */
  guint32             adler;
  gboolean            ok;
} Part;

/* Rows @first … @end − 1 of the image into @raw as PNG wants them: a
 * filter byte (1, "Sub"), then R, G, B, each less the pixel to its left. */
static void
png_rows (cairo_surface_t *surface,
          int              first,
          int              end,
          guint8          *raw,
          gsize            row_length)
{
  int width = cairo_image_surface_get_width (surface), stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = first; y < end; y++)
    {
      const guint32 *in = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = raw + row_length * (y - first);

      guint8 r0 = 0, g0 = 0, b0 = 0;

      /* Filter "Sub": each byte minus the one of the pixel to its left, so a
       * flat colour becomes runs of zeros that deflate's RLE mode packs fast. */
      *out++ = 1;
      for (int x = 0; x < width; x++, out += 3)
        {
          guint8 r = in[x] >> 16, g = in[x] >> 8, b = in[x];
          out[0] = r - r0, out[1] = g - g0, out[2] = b - b0;
          r0 = r, g0 = g, b0 = b;
        }
    }
}

/* Draws (when it is a band of its own), converts and deflates one part; the
 * parts' deflate data join into one stream, each part on its own. */
static gpointer
deflate_part (gpointer data)
{
  Part *part = data;
  const guint8 *input = part->raw;

  if (part->draw != NULL)
    {
      cairo_t *cr = cairo_create (part->surface);

      cairo_translate (cr, 0, -part->band_y);
      part->draw (cr, part->draw_data);
      part->ok = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
      cairo_destroy (cr);
      cairo_surface_flush (part->surface);
      if (!part->ok)
        return NULL;
    }
  png_rows (part->surface, part->first_row, part->end_row, (guint8 *) input, part->row_length);
  part->length = part->row_length * (part->end_row - part->first_row);
  part->adler = adler32 (1, input, part->length);
  part->out = g_byte_array_sized_new (opora_deflate_rle_bound (part->length));
  g_byte_array_set_size (part->out, opora_deflate_rle_bound (part->length));
  g_byte_array_set_size (part->out, opora_deflate_rle (input, part->length, part->last, part->out->data));
  part->ok = TRUE;
  return NULL;
}

static void
put_be32 (guint8  *at,
          guint32  value)
{
  at[0] = value >> 24, at[1] = value >> 16, at[2] = value >> 8, at[3] = value;
}

static void
add_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           guint32       length)
{
  guint8 head[8], crc[4];
  uLong sum = crc32 (0, (const Bytef *) type, 4);

  put_be32 (head, length);
  memcpy (head + 4, type, 4);
  g_byte_array_append (png, head, 8);
  if (length > 0)
    {
      g_byte_array_append (png, data, length);
      sum = crc32 (sum, data, length);
    }
  put_be32 (crc, sum);
  g_byte_array_append (png, crc, 4);
}

/* Runs the parts, the second on a thread of its own, and writes the PNG of their rows. */
static GBytes *
encode_parts (Part   *parts,
              guint   n_parts,
              int     width,
              int     height,
              double  dpi)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  guint8 header[13], phys[9], adler[4];
  GThread *thread = n_parts > 1 ? g_thread_new ("png-deflate", deflate_part, &parts[1]) : NULL;
  guint32 sum;
  gboolean ok;

  deflate_part (&parts[0]);
  if (thread != NULL)
    g_thread_join (thread);
  ok = parts[0].out != NULL && parts[0].ok && (n_parts == 1 || (parts[1].out != NULL && parts[1].ok));
  if (ok)
    {
      sum = n_parts > 1 ? adler32_combine (parts[0].adler, parts[1].adler, parts[1].length) : parts[0].adler;
      /* zlib's header for level 1 (CMF 0x78, FLG 0x01), the parts, the Adler-32. */
      g_byte_array_append (idat, (const guint8 *) "\x78\x01", 2);
      for (guint i = 0; i < n_parts; i++)
        g_byte_array_append (idat, parts[i].out->data, parts[i].out->len);
      put_be32 (adler, sum);
      g_byte_array_append (idat, adler, 4);
    }
  for (guint i = 0; i < n_parts; i++)
    if (parts[i].out != NULL)
      g_byte_array_unref (parts[i].out);
  if (!ok)
    return NULL;

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_be32 (header, width);
  put_be32 (header + 4, height);
  memcpy (header + 8, "\x08\x02\x00\x00\x00", 5);  /* 8 bits, RGB, deflate, no filter set, no interlace */
  add_chunk (png, "IHDR", header, sizeof header);
  /* Without pHYs a viewer assumes 72 or 96 DPI, and a word processor would
   * size a 300 DPI chart three times too large. */
  put_be32 (phys, (guint32) lround (dpi / 0.0254));
  put_be32 (phys + 4, (guint32) lround (dpi / 0.0254));
  phys[8] = 1;  /* the unit is the metre */
  add_chunk (png, "pHYs", phys, sizeof phys);
  add_chunk (png, "IDAT", idat->data, idat->len);
  add_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* Whether an image is large enough to be worth two threads: a quarter of a megabyte on. */
static gboolean
worth_two (gsize row_length,
           int   height)
{
  return row_length * height > 262144 && row_length <= 32768 && height >= 2;
}

/**
 * opora_plot_png_encode:
 * @surface: an RGB24 image surface
 * @dpi: the resolution to record (a pHYs chunk), > 0
 *
 * Writes the image as an 8-bit RGB PNG. The surface's alpha is ignored.
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL when
 *   zlib failed (out of memory)
 */
GBytes *
opora_plot_png_encode (cairo_surface_t *surface,
                       double           dpi)
{
  g_autofree guint8 *raw = NULL;
  int width, height, half;
  gsize row_length;
  Part parts[2];

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  row_length = 1 + 3 * (gsize) width;
  raw = g_malloc (row_length * height);
  /* The second part starts on a row. */
  half = worth_two (row_length, height) ? height / 2 : height;
  parts[0] = (Part) { .surface = surface, .first_row = 0, .end_row = half, .raw = raw,
                      .row_length = row_length, .last = half == height, .ok = TRUE };
  parts[1] = (Part) { .surface = surface, .first_row = half, .end_row = height,
                      .raw = raw + row_length * half, .row_length = row_length, .last = TRUE, .ok = TRUE };
  return encode_parts (parts, half < height ? 2 : 1, width, height, dpi);
}

/**
 * opora_plot_png_render:
 * @width: the image's size in pixels
 * @height: likewise
 * @dpi: the resolution to record, > 0
 * @draw: draws the whole image on a cairo_t in pixels
 * @data: for @draw
 *
 * Draws and writes a PNG in one go: a large image is drawn and deflated in
 * two bands at once, each on a thread (so @draw is called from two threads at
 * the same time, each with its own cairo_t translated to its band, and must
 * only read shared data). The bands' seam is not primed, so the file is a few
 * bytes larger than opora_plot_png_encode()'s; the pixels are the same.
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL when
 *   drawing or zlib failed
 */
GBytes *
opora_plot_png_render (int               width,
                       int               height,
                       double            dpi,
                       OporaPlotPngDraw  draw,
                       gpointer          data)
{
  gsize row_length = 1 + 3 * (gsize) width;
  g_autofree guint8 *raw = g_malloc (row_length * height);
  int half = worth_two (row_length, height) ? height / 2 : height;
  cairo_surface_t *top = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, half);
  cairo_surface_t *bottom = half < height ? cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height - half) : NULL;
  Part parts[2];
  GBytes *png;

  parts[0] = (Part) { .surface = top, .first_row = 0, .end_row = half, .raw = raw, .row_length = row_length,
                      .last = bottom == NULL, .draw = draw, .draw_data = data, .band_y = 0, .ok = TRUE };
  parts[1] = (Part) { .surface = bottom, .first_row = 0, .end_row = height - half, .raw = raw + row_length * half,
                      .row_length = row_length, .last = TRUE, .draw = draw, .draw_data = data, .band_y = half, .ok = TRUE };
  png = encode_parts (parts, bottom != NULL ? 2 : 1, width, height, dpi);
  cairo_surface_destroy (top);
  if (bottom != NULL)
    cairo_surface_destroy (bottom);
  return png;
}
