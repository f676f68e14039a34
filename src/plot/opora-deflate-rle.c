/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fast deflate encoder for filtered chart images: literals and runs (distance 1) in fixed Huffman codes.
 *
 * A chart after PNG's "Sub" filter is long runs of zeros with a few bytes of
 * edges and text between. zlib's RLE strategy packs it at about 270 MB/s;
 * this encoder does only what such data needs — each byte a literal, each
 * run after it a copy from one byte back (RFC 1951, 3.2.5 and 3.2.6) — and
 * measures a run eight bytes at a time. Any inflater reads the result. */

#include <string.h>

#include "opora-deflate-rle.h"

typedef struct {
  guint32 bits;   /* the code, bits reversed, with its extra bits above it */
  guint8  length; /* how many bits */
} Code;

static Code literal_codes[256];
static Code run_codes[259];   /* by run length 3 … 258, the distance code (five zero bits) included */

static guint32
reverse (guint32 code,
         guint   length)
{
  guint32 r = 0;

  for (guint i = 0; i < length; i++, code >>= 1)
    r = (r << 1) | (code & 1);
  return r;
}

/* The fixed literal/length code of a symbol (RFC 1951, 3.2.6), bits reversed for writing. */
static Code
fixed_code (guint symbol)
{
  Code c;

  if (symbol < 144)
    c.bits = 0x30 + symbol, c.length = 8;
  else if (symbol < 256)
    c.bits = 0x190 + symbol - 144, c.length = 9;
  else if (symbol < 280)
    c.bits = symbol - 256, c.length = 7;
  else
    c.bits = 0xc0 + symbol - 280, c.length = 8;
  c.bits = reverse (c.bits, c.length);
  return c;
}

static gpointer
init_tables (gpointer data)
{
  static const guint16 base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
  static const guint8 extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };

  for (guint b = 0; b < 256; b++)
    literal_codes[b] = fixed_code (b);
  for (guint length = 3; length <= 258; length++)
    {
      guint i = 28;
      Code c;

      while (base[i] > length)
        i--;
      c = fixed_code (257 + i);
      c.bits |= (guint32) (length - base[i]) << c.length;
      /* Then distance 1: code 0 in five bits, no extra bits. */
      c.length += extra[i] + 5;
      run_codes[length] = c;
    }
  return NULL;
}

typedef struct {
  guint8  *out;
  guint64  acc;
  guint    n;
} Bits;

static inline void
put (Bits    *w,
     guint32  bits,
     guint    length)
{
  w->acc |= (guint64) bits << w->n;
  w->n += length;
  if (w->n >= 32)
    {
      guint32 word = (guint32) w->acc;

      w->out[0] = word, w->out[1] = word >> 8, w->out[2] = word >> 16, w->out[3] = word >> 24;
      w->out += 4;
      w->acc >>= 32;
      w->n -= 32;
    }
}

/* Writes the bits left and pads the last byte with zeros. */
static void
flush (Bits *w)
{
  while (w->n > 0)
    {
      *w->out++ = (guint8) w->acc;
      w->acc >>= 8;
      w->n = w->n > 8 ? w->n - 8 : 0;
    }
}

/* How many bytes from @from on equal @value, up to @end. */
static gsize
run_length (const guint8 *from,
            const guint8 *end,
            guint8        value)
{
  const guint8 *p = from;
  guint64 pattern = 0x0101010101010101ull * value;

  while (end - p >= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      if (word != pattern)
        break;
      p += 8;
    }
  while (p < end && *p == value)
    p++;
  return p - from;
}

/**
 * opora_deflate_rle_bound:
 *
 * Returns: the most bytes opora_deflate_rle() writes for @length bytes
 */
gsize
opora_deflate_rle_bound (gsize length)
{
  /* Nine bits a byte at worst, a block header, the end code, a stored block, the last word. */
  return length + length / 8 + 16;
}

/**
 * opora_deflate_rle:
 * @data: the bytes to compress
 * @length: how many
 * @last: whether this ends the stream (BFINAL); otherwise the data ends on a
 *   byte boundary after an empty stored block, as zlib's Z_SYNC_FLUSH leaves
 *   it, so another such part may follow directly
 * @out: at least opora_deflate_rle_bound() bytes
 *
 * Compresses @data as one raw deflate block of fixed Huffman codes: literals
 * and copies from one byte back.
 *
 * Returns: the bytes written to @out
 */
gsize
opora_deflate_rle (const guint8 *data,
                   gsize         length,
                   gboolean      last,
                   guint8       *out)
{
  static GOnce once = G_ONCE_INIT;
  const guint8 *p = data, *end = data + length;
  Bits w = { out, 0, 0 };

  g_once (&once, init_tables, NULL);
  put (&w, (last ? 1 : 0) | (1 << 1), 3);  /* BFINAL, BTYPE 01: fixed codes */
  while (p < end)
    {
      guint8 value = *p++;
      gsize run = run_length (p, end, value);

      put (&w, literal_codes[value].bits, literal_codes[value].length);
      p += run;
      for (; run >= 3; run -= MIN (run, 258))
        put (&w, run_codes[MIN (run, 258)].bits, run_codes[MIN (run, 258)].length);
      for (; run > 0; run--)
        put (&w, literal_codes[value].bits, literal_codes[value].length);
    }
  put (&w, 0, 7);  /* end of block: symbol 256, seven zero bits */
  if (!last)
    {
      put (&w, 0, 3);  /* an empty stored block: BFINAL 0, BTYPE 00 … */
      flush (&w);
      memcpy (w.out, "\x00\x00\xff\xff", 4);  /* … LEN 0, NLEN 0xFFFF */
      w.out += 4;
    }
  else
    flush (&w);
  return w.out - out;
}
