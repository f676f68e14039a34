/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Export to Excel" save dialog the sections share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void opora_excel_chooser_show (GtkFileChooserNative **slot,
                               GtkWidget             *widget,
                               const char            *title,
                               const char            *name,
                               GCallback              response,
                               gpointer               user_data);

G_END_DECLS
