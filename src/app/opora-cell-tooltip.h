/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tooltips of list cells, asked for only when shown: binding a row must not talk to the display. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns (transfer full) (nullable) the tooltip of @item's cell @cell. */
typedef char *(*OporaCellTooltipFunc) (gpointer item,
                                       guint    cell);

void opora_cell_tooltip_init     (GtkWidget            *widget);
void opora_cell_tooltip_set      (GtkWidget            *widget,
                                  const char           *text);
void opora_cell_tooltip_set_func (GtkWidget            *widget,
                                  OporaCellTooltipFunc  func,
                                  gpointer              item,
                                  guint                 cell);

G_END_DECLS
