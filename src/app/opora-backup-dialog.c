/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists the open workspace's backups, newest first; restores one after a confirmation, or backs up now. */

#include <glib/gi18n.h>

#include "opora-backup.h"
#include "opora-backup-dialog.h"
#include "opora-batch.h"

/* An import's batch is written right after its backup: allow for a slow disk, not for another import. */
#define IMPORT_LAG_SECONDS 600

struct _OporaBackupDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkInfoBar      *error_bar;
  GtkLabel        *error_label;
  GtkStack        *backup_stack;
  GtkListBox      *backup_list;

  /* Borrowed: the main window outlives its modal dialog */
  OporaWindow     *window;
};

G_DEFINE_FINAL_TYPE (OporaBackupDialog, opora_backup_dialog, ADW_TYPE_WINDOW)

static void
show_error (OporaBackupDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
error_response_cb (GtkInfoBar        *bar,
                   int                response,
                   OporaBackupDialog *self)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

static char *
format_when (GDateTime *when)
{
  /* Translators: the date and time of a backup; see strftime for the codes. */
  return g_date_time_format (when, _("%x %X"));
}

/* The import made right after @backup, if the workspace still remembers it. */
static const OporaBatch *
find_import (const OporaBackup *backup,
             GPtrArray         *batches)
{
  const OporaBatch *found = NULL;
  GTimeSpan best = G_MAXINT64;

  for (guint i = 0; batches != NULL && i < batches->len; i++)
    {
      const OporaBatch *batch = batches->pdata[i];
      g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (batch->created, NULL);
      GTimeSpan lag = created != NULL ? g_date_time_difference (created, backup->when) : -1;

      if (lag >= 0 && lag <= IMPORT_LAG_SECONDS * G_TIME_SPAN_SECOND && lag < best)
        {
          best = lag;
          found = batch;
        }
    }
  return found;
}

/* Why @backup was made, as a person would say it. */
static char *
reason_label (const OporaBackup *backup,
              GPtrArray         *batches)
{
  const OporaBatch *batch;

  if (g_str_equal (backup->reason, "import"))
    {
      if ((batch = find_import (backup, batches)) != NULL)
        /* Translators: why a backup was made: the import's number, then its file. */
        return g_strdup_printf (_("Before import %d (“%s”)"), (int) batch->id, batch->file_name);
      return g_strdup (_("Before an import"));
    }
  if (g_str_equal (backup->reason, "migration"))
    return g_strdup (_("Before an upgrade to a newer format"));
  if (g_str_equal (backup->reason, "manual"))
    return g_strdup (_("Made by hand"));
  if (g_str_equal (backup->reason, "restore"))
    return g_strdup (_("Before a restore"));
  return g_strdup (backup->reason);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* The confirmation is transient for us until its response is over: leave after it. */
static void
destroy_later (OporaBackupDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
restore_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     OporaBackupDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "opora-backup");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore"))
    return;
  if (opora_window_restore_backup (self->window, path, &error))
    {
      destroy_later (self);
      return;
    }
  /* Without a workspace to list backups of, the window says what went wrong. */
  if (opora_window_get_db (self->window) == NULL)
    {
      opora_window_report_error (self->window, _("Cannot Restore the Backup"), error);
      destroy_later (self);
      return;
    }
  opora_backup_dialog_reload (self);
  show_error (self, error->message);
}

static void
restore_clicked_cb (GtkButton         *button,
                    OporaBackupDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "opora-backup");
  const char *when = g_object_get_data (G_OBJECT (button), "opora-when");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The workspace will be as it was on %s. Its current state is backed up "
                                    "first and can be restored the same way."), when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "opora-backup", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
restore_button_new (OporaBackupDialog *self,
                    const OporaBackup *backup,
                    const char        *when)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
  g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "restore-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "opora-backup", g_strdup (backup->path), g_free);
  g_object_set_data_full (G_OBJECT (button), "opora-when", g_strdup (when), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
  return button;
}

static GtkWidget *
backup_row_new (OporaBackupDialog *self,
                const OporaBackup *backup,
                GPtrArray         *batches)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_when (backup->when);
  g_autofree char *reason = reason_label (backup, batches);
  g_autofree char *size = g_format_size (backup->size);
  /* Translators: a backup's row: why it was made, then its size. */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), reason, size);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore_button_new (self, backup, when));
  gtk_widget_set_name (row, "backup-row");
  return row;
}

/**
 * opora_backup_dialog_reload:
 * @self: a backup dialog
 *
 * Lists the backups again, as they are on disk now. An unreadable backup
 * folder is shown in the dialog's error bar.
 */
void
opora_backup_dialog_reload (OporaBackupDialog *self)
{
  OporaDb *db = opora_window_get_db (self->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  GtkWidget *child;

  g_return_if_fail (OPORA_IS_BACKUP_DIALOG (self));
  g_return_if_fail (db != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->backup_list))))
    gtk_list_box_remove (self->backup_list, child);
  if (!(backups = opora_backup_list (opora_db_get_path (db), &error)))
    {
      show_error (self, error->message);
      return;
    }
  /* Without the import history a backup still shows, only less precisely. */
  batches = opora_batch_list (db, NULL);
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->backup_list, backup_row_new (self, backups->pdata[i], batches));
  gtk_stack_set_visible_child_name (self->backup_stack, backups->len > 0 ? "list" : "empty");
}

static void
back_up_clicked_cb (GtkButton         *button,
                    OporaBackupDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!opora_backup_create (opora_window_get_db (self->window), "manual", NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  opora_backup_dialog_reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Backed up the workspace")));
}

static void
opora_backup_dialog_class_init (OporaBackupDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaBackupDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OporaBackupDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaBackupDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaBackupDialog, backup_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaBackupDialog, backup_list);
  gtk_widget_class_bind_template_callback (widget_class, error_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_up_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_backup_dialog_init (OporaBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * opora_backup_dialog_new:
 * @window: the main window, whose workspace's backups are listed; it must
 *   have a writable workspace open
 *
 * Returns: (transfer none): the dialog, modal over @window
 */
OporaBackupDialog *
opora_backup_dialog_new (OporaWindow *window)
{
  OporaBackupDialog *self;

  g_return_val_if_fail (OPORA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (opora_window_get_db (window) != NULL, NULL);

  self = g_object_new (OPORA_TYPE_BACKUP_DIALOG, "transient-for", window, NULL);
  self->window = window;
  opora_backup_dialog_reload (self);
  return self;
}
