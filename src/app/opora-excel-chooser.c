/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Export to Excel" save dialog the sections share. */

#include <glib/gi18n.h>

#include "opora-excel-chooser.h"

/**
 * opora_excel_chooser_show:
 * @slot: where the caller keeps its chooser; an open one is closed first
 * @widget: a widget of the window the dialog belongs to
 * @title: the dialog's title
 * @name: the suggested file name, ending in .xlsx
 * @response: the "response" handler
 * @user_data: for @response
 *
 * Shows a modal save dialog for an Excel workbook, filtered to *.xlsx.
 */
void
opora_excel_chooser_show (GtkFileChooserNative **slot,
                          GtkWidget             *widget,
                          const char            *title,
                          const char            *name,
                          GCallback              response,
                          gpointer               user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (*slot != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (*slot));
  g_clear_object (slot);
  *slot = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (*slot), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (*slot), name);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (*slot), filter);
  g_signal_connect (*slot, "response", response, user_data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (*slot));
}
