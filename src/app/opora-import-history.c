/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists the workspace's import batches, newest first, and undoes one on request. */

#include <glib/gi18n.h>

#include "opora-batch.h"
#include "opora-import-history.h"

struct _OporaImportHistory
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkInfoBar  *error_bar;
  GtkLabel    *error_label;
  GtkStack    *history_stack;
  GtkListBox  *batch_list;

  /* Borrowed: the main window outlives its modal history */
  OporaWindow *window;
};

G_DEFINE_FINAL_TYPE (OporaImportHistory, opora_import_history, ADW_TYPE_WINDOW)

static void
show_error (OporaImportHistory *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
error_response_cb (GtkInfoBar         *bar,
                   int                 response,
                   OporaImportHistory *self)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

static char *
batch_subtitle (const OporaBatch *batch)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (batch->created, NULL);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: the date and time of an import; see strftime for the codes. */
  g_autofree char *date = local ? g_date_time_format (local, _("%x %H:%M")) : g_strdup (batch->created);
  g_autofree char *counts = NULL;

  /* Translators: an import's figures; each follows its label, so no plurals are needed. */
  counts = g_strdup_printf (_("schools: %u · values new: %u · changed: %u · the same: %u"),
                            batch->n_schools, batch->n_new, batch->n_changed, batch->n_unchanged);
  if (batch->undone)
    /* Translators: an undone import: its date, then its figures. */
    return g_strdup_printf (_("%s · %s · undone"), date, counts);
  return g_strdup_printf ("%s · %s", date, counts);
}

static void
undo_clicked_cb (GtkButton          *button,
                 OporaImportHistory *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "opora-batch");
  g_autoptr(GError) error = NULL;

  if (!opora_window_undo_import (self->window, *id, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  opora_import_history_reload (self);
}

static GtkWidget *
undo_button_new (OporaImportHistory *self,
                 const OporaBatch   *batch)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (batch->undone ? _("Undone") : _("_Undo"));
  g_autofree char *label = g_strdup_printf (_("Undo the import of “%s”"), batch->file_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, !batch->undone);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (button, "undo-button");
  g_object_set_data_full (G_OBJECT (button), "opora-batch", g_memdup2 (&batch->id, sizeof batch->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (undo_clicked_cb), self);
  return button;
}

static GtkWidget *
batch_row_new (OporaImportHistory *self,
               const OporaBatch   *batch)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = batch_subtitle (batch);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), batch->file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo_button_new (self, batch));
  return row;
}

/* Lists the batches again, as the workspace holds them now. */
void
opora_import_history_reload (OporaImportHistory *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  GtkWidget *child;

  g_return_if_fail (OPORA_IS_IMPORT_HISTORY (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->batch_list))))
    gtk_list_box_remove (self->batch_list, child);
  if (!(batches = opora_batch_list (opora_window_get_db (self->window), &error)))
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    gtk_list_box_append (self->batch_list, batch_row_new (self, batches->pdata[i]));
  gtk_stack_set_visible_child_name (self->history_stack, batches->len > 0 ? "list" : "empty");
}

static void
opora_import_history_class_init (OporaImportHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-import-history.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaImportHistory, error_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaImportHistory, error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportHistory, history_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaImportHistory, batch_list);
  gtk_widget_class_bind_template_callback (widget_class, error_response_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_import_history_init (OporaImportHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * opora_import_history_new:
 * @window: the main window, whose workspace's imports are listed
 *
 * Returns: (transfer none): the history, modal over @window
 */
OporaImportHistory *
opora_import_history_new (OporaWindow *window)
{
  OporaImportHistory *self;

  g_return_val_if_fail (OPORA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (opora_window_get_db (window) != NULL, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_HISTORY, "transient-for", window, NULL);
  self->window = window;
  opora_import_history_reload (self);
  return self;
}
