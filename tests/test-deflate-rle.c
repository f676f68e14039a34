/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart PNG's deflate encoder: zlib inflates back exactly what went in, whole or in parts. */

#include <string.h>
#include <zlib.h>

#include "opora-deflate-rle.h"

/* Bytes like a filtered chart's: runs of zeros and of other values, of every length, with noise between. */
static GByteArray *
chart_like (GRand *rand,
            gsize  length)
{
  GByteArray *data = g_byte_array_sized_new (length);

  while (data->len < length)
    {
      guint8 value = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, 256) : 0;
      guint run = g_rand_int_range (rand, 0, 8) == 0 ? g_rand_int_range (rand, 1, 2000) : g_rand_int_range (rand, 1, 6);

      for (guint i = 0; i < run && data->len < length; i++)
        g_byte_array_append (data, &value, 1);
    }
  return data;
}

/* Inflates a raw deflate stream of @parts (the last one final) and compares it with @data. */
static void
assert_inflates_to (const guint8 *data,
                    gsize         length,
                    guint         n_parts)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autofree guint8 *back = g_malloc (length + 1);
  z_stream z = { 0 };
  gsize at = 0;

  for (guint p = 0; p < n_parts; p++)
    {
      gsize end = p + 1 == n_parts ? length : length * (p + 1) / n_parts;
      gsize old = stream->len;

      g_byte_array_set_size (stream, old + opora_deflate_rle_bound (end - at));
      g_byte_array_set_size (stream, old + opora_deflate_rle (data + at, end - at, p + 1 == n_parts, stream->data + old));
      at = end;
    }
  g_assert_cmpint (inflateInit2 (&z, -15), ==, Z_OK);
  z.next_in = stream->data;
  z.avail_in = stream->len;
  z.next_out = back;
  z.avail_out = length + 1;
  g_assert_cmpint (inflate (&z, Z_FINISH), ==, Z_STREAM_END);
  g_assert_cmpuint (z.total_out, ==, length);
  g_assert_cmpuint (z.avail_in, ==, 0);
  g_assert_true (length == 0 || memcmp (back, data, length) == 0);
  inflateEnd (&z);
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const gsize lengths[] = { 0, 1, 2, 3, 4, 257, 258, 259, 260, 261, 1000, 65536, 1000003 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    for (guint parts = 1; parts <= 3; parts++)
      {
        g_autoptr(GByteArray) data = chart_like (rand, lengths[i]);

        assert_inflates_to (data->data, data->len, parts);
      }
}

/* Runs around the longest copy (258) and every byte value, and random bytes (no runs at all). */
static void
test_edges (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(GByteArray) data = g_byte_array_new ();

  for (guint value = 0; value < 256; value++)
    for (guint run = 1; run <= 520; run += 37)
      for (guint i = 0; i < run; i++)
        g_byte_array_append (data, (const guint8 *) &value, 1);
  assert_inflates_to (data->data, data->len, 1);
  assert_inflates_to (data->data, data->len, 2);
  g_byte_array_set_size (data, 100000);
  for (guint i = 0; i < data->len; i++)
    data->data[i] = g_rand_int (rand);
  assert_inflates_to (data->data, data->len, 2);
}

/* A flat image compresses to almost nothing: a megabyte of zeros in a few kilobytes. */
static void
test_ratio (void)
{
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  g_autofree guint8 *out = g_malloc (opora_deflate_rle_bound (1 << 20));
  gsize n = opora_deflate_rle (zeros, 1 << 20, TRUE, out);

  /* One literal, then copies of 258 bytes in 17 bits each: (2^20 / 258) × 17 bits ≈ 8.4 KiB. */
  g_assert_cmpuint (n, <, 9000);
  assert_inflates_to (zeros, 1 << 20, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deflate-rle/round-trip", test_round_trip);
  g_test_add_func ("/deflate-rle/edges", test_edges);
  g_test_add_func ("/deflate-rle/ratio", test_ratio);
  return g_test_run ();
}
