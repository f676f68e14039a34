/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A message in the toast overlay of the window a widget is in. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void opora_toast_show (GtkWidget  *widget,
                       const char *text);

G_END_DECLS
