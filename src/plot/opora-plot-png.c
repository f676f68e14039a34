/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PNG from a Cairo RGB24 image: "Sub"-filtered rows, run-length deflated in two halves at once and joined. */

#include "opora-plot-png.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

/* Cairo's writer goes through libpng at zlib's default level 6 with
 * adaptive filters: 65 ms for a 1600 × 1000 chart. A chart is mostly flat
 * colour: after the "Sub" filter that is runs of zeros, which zlib's RLE
 * strategy packs faster than level 1 packed unfiltered rows (≈ 25 against
 * 33 ms with the drawing; files ≈ 40 % larger, 0.25–1.2 MB), and two halves
 * deflated at once (joined as pigz does) halve it again. */

typedef struct {
  cairo_surface_t *surface;
  int              first_row;   /* the rows this part deflates */
  int              end_row;
  guint8          *raw;         /* the whole image's PNG rows; each part fills its own */
  gsize            row_length;  /* a filter byte and RGB */
  gboolean         last;
  GByteArray      *out;         /* raw deflate data */
  gsize            length;      /* of the input */
  guint32          adler;
  gboolean         ok;
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

/* Converts and deflates one part. A later part converts the rows before
 * it too, into a buffer of its own, and deflates with their last 32 KiB
 * as dictionary, so the seam costs almost nothing. */
static gpointer
deflate_part (gpointer data)
{
  Part *part = data;
  const guint8 *input = part->raw + part->row_length * part->first_row;
  g_autofree guint8 *before = NULL;
  z_stream z = { 0 };
  int status;

  png_rows (part->surface, part->first_row, part->end_row, (guint8 *) input, part->row_length);
  part->length = part->row_length * (part->end_row - part->first_row);
  part->out = g_byte_array_new ();
  part->adler = adler32 (1, input, part->length);
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
    return NULL;
  if (part->first_row > 0)
    {
      int rows = MIN (part->first_row, (int) (32768 / part->row_length) + 1);
      gsize size = MIN (32768, part->row_length * rows);

      before = g_malloc (part->row_length * rows);
      png_rows (part->surface, part->first_row - rows, part->first_row, before, part->row_length);
      deflateSetDictionary (&z, before + part->row_length * rows - size, size);
    }
  g_byte_array_set_size (part->out, deflateBound (&z, part->length) + 16);
  z.next_in = (Bytef *) input;
  z.avail_in = part->length;
  z.next_out = part->out->data;
  z.avail_out = part->out->len;
  /* The first half ends on a byte boundary without a final block, so the
   * second half's data may follow it directly. */
  status = deflate (&z, part->last ? Z_FINISH : Z_SYNC_FLUSH);
  part->ok = part->last ? status == Z_STREAM_END : status == Z_OK && z.avail_in == 0;
  g_byte_array_set_size (part->out, z.total_out);
  deflateEnd (&z);
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
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *raw = NULL;
  guint8 header[13], phys[9], adler[4];
  gsize row_length;
  int height, half;
  Part parts[2];
  GThread *thread;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, NULL);

  cairo_surface_flush (surface);
  height = cairo_image_surface_get_height (surface);
  row_length = 1 + 3 * (gsize) cairo_image_surface_get_width (surface);
  raw = g_malloc (row_length * height);
  /* Two parts from a quarter of a megabyte on, the second starting on a row. */
  half = row_length * height > 262144 && row_length <= 32768 ? height / 2 : height;
  parts[0] = (Part) { surface, 0, half, raw, row_length, half == height };
  parts[1] = (Part) { surface, half, height, raw, row_length, TRUE };
  thread = half < height ? g_thread_new ("png-deflate", deflate_part, &parts[1]) : NULL;
  deflate_part (&parts[0]);
  if (thread != NULL)
    g_thread_join (thread);

  {
    g_autoptr(GByteArray) second = thread != NULL ? parts[1].out : NULL;
    g_autoptr(GByteArray) first = parts[0].out;
    guint32 sum = thread != NULL ? adler32_combine (parts[0].adler, parts[1].adler, parts[1].length) : parts[0].adler;

    if (!parts[0].ok || (thread != NULL && !parts[1].ok))
      return NULL;
    /* zlib's header for level 1 (CMF 0x78, FLG 0x01), the halves, the Adler-32. */
    g_byte_array_append (idat, (const guint8 *) "\x78\x01", 2);
    g_byte_array_append (idat, first->data, first->len);
    if (second != NULL)
      g_byte_array_append (idat, second->data, second->len);
    put_be32 (adler, sum);
    g_byte_array_append (idat, adler, 4);
  }

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_be32 (header, cairo_image_surface_get_width (surface));
  put_be32 (header + 4, cairo_image_surface_get_height (surface));
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
