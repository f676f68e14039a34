/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What libfreexl does not tell of a legacy workbook: which sheets are hidden and which cells are merged. */
#pragma once

#include <glib.h>

#include "opora-reader.h"

G_BEGIN_DECLS

typedef struct {
  gboolean  hidden;
  GArray   *merges;  /* OporaMerge */
} OporaXlsSheet;

GArray *opora_xls_structure_read (const char *path);

G_END_DECLS
