/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a sheet's header and data are, and what each column holds. */
#pragma once

#include <glib.h>

#include "opora-sheet.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_TARGET_IGNORE,
  OPORA_TARGET_SCHOOL_CODE,
  OPORA_TARGET_SCHOOL_NAME,
  OPORA_TARGET_MUNICIPALITY,
  OPORA_TARGET_YEAR,
  OPORA_TARGET_INDICATOR,  /* the column holds the values of one indicator */
  OPORA_TARGET_INDICATOR_NAME,  /* long tables: the column names each row's indicator */
  OPORA_TARGET_VALUE,           /* long tables: the column holds each row's value */
} OporaTargetKind;

typedef struct {
  OporaTargetKind  kind;
  char            *indicator_key;  /* for OPORA_TARGET_INDICATOR */
  double           confidence;     /* 0–1: how sure the automatic mapping is; 1 when set by hand */
} OporaTarget;

typedef struct {
  guint32    header_first;    /* source rows of the header, inclusive; G_MAXUINT32 when none */
  guint32    header_last;
  guint32    numbering_row;   /* a row of column numbers under the header, or G_MAXUINT32 */
  guint32    first_data_row;  /* source row */
  guint32    n_cols;
  GPtrArray *headers;         /* char *, the combined header text of each column */
  GArray    *targets;         /* OporaTarget, one per column */
} OporaLayout;

OporaLayout *opora_layout_detect        (OporaSheet        *sheet,
                                         GPtrArray         *indicators);
void         opora_layout_free          (OporaLayout       *layout);
void         opora_layout_set_target    (OporaLayout       *layout,
                                         guint32            col,
                                         OporaTargetKind    kind,
                                         const char        *indicator_key);
const OporaTarget *opora_layout_get_target (OporaLayout    *layout,
                                         guint32            col);
gint         opora_layout_find_column   (OporaLayout       *layout,
                                         OporaTargetKind    kind);
char        *opora_layout_signature     (OporaLayout       *layout);
char        *opora_layout_mapping_to_json (OporaLayout     *layout);
gboolean     opora_layout_apply_mapping (OporaLayout       *layout,
                                         const char        *json,
                                         GError           **error);
int          opora_year_from_text       (const char        *text);
char        *opora_header_normalise     (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaLayout, opora_layout_free)

G_END_DECLS
