/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row of a read-mostly table (cells of text with a sort value each) and the columns that show it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OPORA_TYPE_TABLE_ROW (opora_table_row_get_type ())

G_DECLARE_FINAL_TYPE (OporaTableRow, opora_table_row, OPORA, TABLE_ROW, GObject)

/* How a column shows its cells. */
typedef enum {
  OPORA_CELL_TEXT,    /* left-aligned, ellipsized, the whole text in a tooltip */
  OPORA_CELL_NUMBER,  /* right-aligned figures */
} OporaCellKind;

/* What a cell's figure means, shown by a style on top of the text's own sign. */
typedef enum {
  OPORA_CELL_PLAIN,
  OPORA_CELL_NEGATIVE,
  OPORA_CELL_POSITIVE,
  OPORA_CELL_DIM,
} OporaCellMood;

/* Returns (transfer full) (nullable) the tooltip of @row's cell @cell, made from @data. */
typedef char *(*OporaTableRowTooltipFunc) (OporaTableRow *row,
                                           guint          cell,
                                           gconstpointer  data);

OporaTableRow *opora_table_row_new             (gint64          id,
                                                guint           n_cells);
gint64         opora_table_row_get_id          (OporaTableRow  *self);
guint          opora_table_row_get_n_cells     (OporaTableRow  *self);
const char    *opora_table_row_get_text        (OporaTableRow  *self,
                                                guint           cell);
double         opora_table_row_get_value       (OporaTableRow  *self,
                                                guint           cell);
OporaCellMood  opora_table_row_get_mood        (OporaTableRow  *self,
                                                guint           cell);
const char    *opora_table_row_get_tooltip     (OporaTableRow  *self,
                                                guint           cell);
void           opora_table_row_set_text        (OporaTableRow  *self,
                                                guint           cell,
                                                const char     *text);
void           opora_table_row_set_number      (OporaTableRow  *self,
                                                guint           cell,
                                                double          value,
                                                const char     *text);
void           opora_table_row_set_mood        (OporaTableRow  *self,
                                                guint           cell,
                                                OporaCellMood   mood);
void           opora_table_row_set_tooltip     (OporaTableRow  *self,
                                                guint           cell,
                                                const char     *tooltip);
void           opora_table_row_set_tooltip_func (OporaTableRow           *self,
                                                 OporaTableRowTooltipFunc func,
                                                 gpointer                 data,
                                                 GDestroyNotify           destroy);
char          *opora_table_row_dup_tooltip     (OporaTableRow  *self,
                                                guint           cell);
guint          opora_table_row_get_flags       (OporaTableRow  *self);
void           opora_table_row_set_flags       (OporaTableRow  *self,
                                                guint           flags);
int            opora_table_row_get_group       (OporaTableRow  *self);
void           opora_table_row_set_group       (OporaTableRow  *self,
                                                int             group);
void           opora_table_row_set_search_text (OporaTableRow  *self,
                                                const char     *text);
gboolean       opora_table_row_matches         (OporaTableRow  *self,
                                                const char     *folded_text);
void           opora_table_row_changed         (OporaTableRow  *self);

void           opora_table_column_setup        (GtkColumnViewColumn *column,
                                                guint                cell,
                                                OporaCellKind        kind);
GtkColumnViewColumn *opora_table_column_new    (const char     *title,
                                                guint           cell,
                                                OporaCellKind   kind);
char          *opora_format_number             (double          value,
                                                int             digits,
                                                gboolean        plus);

G_END_DECLS
