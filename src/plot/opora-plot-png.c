/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PNG from a Cairo RGB24 image: unfiltered rows, deflated in two halves at once and joined. */

#include "opora-plot-png.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

/* Cairo's writer goes through libpng at zlib's default level 6 with
 * adaptive filters: 65 ms for a 1600 × 1000 chart. Flat chart colours
 * deflate about as small at level 1 without filters, and two halves
 * deflated at once (joined as pigz does) take a third of that. */

typedef struct {
  const guint8 *raw;         /* the rows, each a filter byte and RGB */
  gsize         length;
  const guint8 *dictionary;  /* the 32 KiB before @raw, or NULL */
  gboolean      last;
  GByteArray   *out;         /* raw deflate data */
  guint32       adler;
  gboolean      ok;
} Part;

static gpointer
deflate_part (gpointer data)
{
  Part *part = data;
  z_stream z = { 0 };
  int status;

  part->out = g_byte_array_sized_new (part->length / 4 + 1024);
  part->adler = adler32 (1, part->raw, part->length);
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;
  if (part->dictionary != NULL)
    deflateSetDictionary (&z, part->dictionary, 32768);
  g_byte_array_set_size (part->out, deflateBound (&z, part->length) + 16);
  z.next_in = (Bytef *) part->raw;
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

/* The image's rows as PNG wants them: a filter byte (0, none), then R, G, B. */
static guint8 *
png_rows (cairo_surface_t *surface,
          gsize           *length)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  gsize row_length = 1 + 3 * (gsize) width;
  guint8 *raw = g_malloc (row_length * height);

  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = raw + row_length * y;

      *out++ = 0;
      for (int x = 0; x < width; x++, out += 3)
        out[0] = in[x] >> 16, out[1] = in[x] >> 8, out[2] = in[x];
    }
  *length = row_length * height;
  return raw;
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
  gsize length, half;
  Part parts[2];
  GThread *thread;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, NULL);

  cairo_surface_flush (surface);
  raw = png_rows (surface, &length);
  /* The second half starts on a row and takes the first's last 32 KiB as
   * its dictionary, so the seam costs almost nothing. */
  half = length > 65536 ? length / 2 : length;
  parts[0] = (Part) { raw, half, NULL, half == length };
  parts[1] = (Part) { raw + half, length - half, half >= 32768 ? raw + half - 32768 : NULL, TRUE };
  thread = half < length ? g_thread_new ("png-deflate", deflate_part, &parts[1]) : NULL;
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
