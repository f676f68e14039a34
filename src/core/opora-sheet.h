/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first rows of a sheet held in memory: for previews, header detection and small files. */
#pragma once

#include "opora-reader.h"

G_BEGIN_DECLS

typedef struct _OporaSheet OporaSheet;

OporaSheet      *opora_sheet_load         (OporaReader   *reader,
                                           guint          index,
                                           guint          max_rows,
                                           GCancellable  *cancellable,
                                           GError       **error);
OporaSheet      *opora_sheet_new_from_text (const char   * const *cells,
                                           guint          n_rows,
                                           guint          n_cols);
void             opora_sheet_free         (OporaSheet    *sheet);
guint            opora_sheet_get_n_rows   (OporaSheet    *sheet);
guint32          opora_sheet_get_n_cols   (OporaSheet    *sheet);
guint32          opora_sheet_get_row      (OporaSheet    *sheet,
                                           guint          index);
const OporaCell *opora_sheet_get_cell     (OporaSheet    *sheet,
                                           guint          index,
                                           guint32        col);
char            *opora_sheet_dup_text     (OporaSheet    *sheet,
                                           guint          index,
                                           guint32        col);
GArray          *opora_sheet_get_merges   (OporaSheet    *sheet);
gboolean         opora_sheet_is_complete  (OporaSheet    *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaSheet, opora_sheet_free)

G_END_DECLS
