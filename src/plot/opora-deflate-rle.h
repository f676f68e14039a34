/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fast deflate encoder for filtered chart images: literals and runs (distance 1) in fixed Huffman codes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gsize opora_deflate_rle_bound (gsize         length);
gsize opora_deflate_rle       (const guint8 *data,
                               gsize         length,
                               gboolean      last,
                               guint8       *out);

G_END_DECLS
