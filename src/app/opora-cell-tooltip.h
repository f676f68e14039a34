/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tooltips of list cells, asked for only when shown: binding a row must not talk to the display. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void opora_cell_tooltip_init (GtkWidget  *widget);
void opora_cell_tooltip_set  (GtkWidget  *widget,
                              const char *text);

G_END_DECLS
