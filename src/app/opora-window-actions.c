/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions: new, open and recent workspaces, sections, search, demo data, imports, exports, backups. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-backup.h"
#include "opora-backup-dialog.h"
#include "opora-batch.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-excel-chooser.h"
#include "opora-export.h"
#include "opora-import-history.h"
#include "opora-import-window.h"
#include "opora-school.h"
#include "opora-window-private.h"

static void
set_action_enabled (OporaWindow *self,
                    const char  *name,
                    gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Demo data goes only into a writable workspace without schools. */
void
opora_window_update_actions (OporaWindow *self)
{
  gboolean can_fill = self->db != NULL &&
                      !opora_db_is_read_only (self->db) &&
                      opora_school_count (self->db, NULL) == 0;

  gboolean can_write = self->db != NULL && !opora_db_is_read_only (self->db);

  set_action_enabled (self, "fill-demo", can_fill);
  set_action_enabled (self, "import", can_write);
  set_action_enabled (self, "import-history", self->db != NULL);
  set_action_enabled (self, "export-values", self->db != NULL && !self->exporting);
  set_action_enabled (self, "restore-backup", can_write);
  set_action_enabled (self, "restore-backup-file", can_write);
  set_action_enabled (self, "search", self->db != NULL);
  set_action_enabled (self, "show-section", self->db != NULL);
}

static void
fill_demo_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  OporaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 n;

  if (!opora_demo_fill_all (self->db, OPORA_DEMO_DEFAULT_SEED, &error))
    {
      opora_window_report_error (self, _("Cannot Add the Demo Data"), error);
      return;
    }
  opora_window_reload (self);
  n = opora_school_count (self->db, NULL);
  text = g_strdup_printf (ngettext ("Added the demo municipality with %d school",
                                    "Added the demo municipality with %d schools", (gulong) n),
                          (int) n);
  opora_window_show_toast (self, text);
}

static void
show_section_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  OporaWindow *self = user_data;
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->section_stack);
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return;
  gtk_selection_model_select_item (pages, index, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
search_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  OporaWindow *self = user_data;

  adw_view_stack_set_visible_child (self->section_stack, GTK_WIDGET (self->data_page));
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  opora_data_page_focus_search (self->data_page);
}

static void
open_recent_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  opora_window_open_or_report (user_data, g_variant_get_string (parameter, NULL),
                               OPORA_DB_MUST_EXIST);
}

static void
fullscreen_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWindow *window = user_data;

  /* F11 over the cluster chart presents the chart alone. */
  if (!gtk_window_is_fullscreen (window) && opora_clusters_page_present (OPORA_WINDOW (window)->clusters_page))
    return;
  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
fullscreened_cb (GtkWindow  *window,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "fullscreen");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (gtk_window_is_fullscreen (window)));
}

static GtkFileChooserNative *
chooser_new (OporaWindow          *self,
             const char           *title,
             GtkFileChooserAction  mode,
             const char           *accept)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), mode, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = chooser;
  return chooser;
}

static char *
chooser_dup_path (GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) patterns = g_strsplit (pattern, " ", -1);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  OporaWindow     *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chooser_dup_path (self->chooser)))
    opora_window_open_or_report (self, path, OPORA_DB_MUST_EXIST);
  g_clear_object (&self->chooser);
}

/* An Open dialog for workspace files, answered by @response. */
static void
show_open_chooser (OporaWindow *self,
                   const char  *title,
                   GCallback    response)
{
  GtkFileChooserNative *chooser = chooser_new (self, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  add_filter (GTK_FILE_CHOOSER (chooser), _("Opora workspaces"), "*.opora *.db");
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files"), "*");
  g_signal_connect (chooser, "response", response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_workspace_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  show_open_chooser (user_data, _("Open a Workspace"), G_CALLBACK (open_response_cb));
}

/**
 * opora_window_open_in_new_window:
 * @self: a window
 * @path: a workspace file
 *
 * Opens @path in a new window of @self's application and leaves @self as it
 * is. The same file may be open in both: SQLite lets one write at a time.
 * On error @self shows why and no window is made.
 *
 * Returns: (transfer none) (nullable): the new window
 */
OporaWindow *
opora_window_open_in_new_window (OporaWindow *self,
                                 const char  *path)
{
  g_autoptr(GError) error = NULL;
  OporaWindow *window;
  OporaDb *db;

  g_return_val_if_fail (OPORA_IS_WINDOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error)))
    {
      opora_window_report_error (self, _("Cannot Open the Workspace"), error);
      return NULL;
    }
  window = opora_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  opora_window_take_db (window, db);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_new_window_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             OporaWindow     *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chooser_dup_path (self->chooser)))
    opora_window_open_in_new_window (self, path);
  g_clear_object (&self->chooser);
}

static void
open_in_new_window_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  show_open_chooser (user_data, _("Open a Workspace in a New Window"), G_CALLBACK (open_new_window_response_cb));
}

/* The chooser already asked whether to replace @path: the old file goes to the trash,
 * where it can be restored, unless it is the workspace open right now. */
static gboolean
make_room (OporaWindow  *self,
           const char   *path,
           GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (self->db != NULL && g_strcmp0 (opora_db_get_path (self->db), path) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is the workspace open now. Choose another name for the new workspace."), path);
      return FALSE;
    }
  return g_file_trash (file, NULL, error);
}

static void
new_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 OporaWindow     *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chooser_dup_path (self->chooser)))
    {
      if (make_room (self, path, &error))
        opora_window_open_or_report (self, path, OPORA_DB_FLAGS_NONE);
      else
        opora_window_report_error (self, _("Cannot Create the Workspace"), error);
    }
  g_clear_object (&self->chooser);
}

static void
new_workspace_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OporaWindow *self = user_data;
  GtkFileChooserNative *chooser = chooser_new (self, _("New Workspace"),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"));

  /* Translators: the suggested file name of a new workspace; keep the extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Workspace.opora"));
  g_signal_connect (chooser, "response", G_CALLBACK (new_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Imports ---- */

static void
import_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (opora_import_window_new (user_data)));
}

static void
import_history_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (opora_import_history_new (user_data)));
}

/* Every value through a read-only connection of its own, so the window's
 * stays free; the task's data: the workspace's path and the workbook's. */
static void
export_values_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (paths[0], OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY, &error);

  if (db != NULL && opora_export_values (db, paths[1], cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_values_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OporaWindow *self = OPORA_WINDOW (source);
  char **paths = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  opora_window_update_actions (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_basename (paths[1]);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      opora_window_show_toast (self, text);
    }
  else
    opora_window_show_toast (self, error->message);
}

/**
 * opora_window_export_values:
 * @self: a window with a workspace open
 * @path: the .xlsx file to write
 *
 * Writes every value of the workspace to @path (a sheet per year, a row per
 * school, as opora_export_values() does) on a thread; the window stays
 * usable, File → Export All Values is off meanwhile, and a toast says when
 * the file is saved or why it is not.
 */
void
opora_window_export_values (OporaWindow *self,
                            const char  *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  char **paths;

  g_return_if_fail (OPORA_IS_WINDOW (self));
  g_return_if_fail (self->db != NULL && path != NULL);

  task = g_task_new (self, NULL, export_values_done_cb, NULL);
  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (opora_db_get_path (self->db));
  paths[1] = g_strdup (path);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  self->exporting = TRUE;
  opora_window_update_actions (self);
  name = g_filename_display_basename (path);
  text = g_strdup_printf (_("Exporting every value to “%s”…"), name);
  opora_window_show_toast (self, text);
  g_task_run_in_thread (task, export_values_thread);
}

static void
export_values_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           OporaWindow     *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = chooser_dup_path (self->chooser)) && self->db != NULL)
    opora_window_export_values (self, path);
  g_clear_object (&self->chooser);
}

static void
export_values_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OporaWindow *self = user_data;
  g_autofree char *base = g_path_get_basename (opora_db_get_path (self->db));
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".opora"))
    base[strlen (base) - strlen (".opora")] = '\0';
  /* Translators: the suggested file name of the workbook of every value; %s is the workspace's name. */
  name = g_strdup_printf (_("%s — all values.xlsx"), base);
  opora_excel_chooser_show (&self->chooser, GTK_WIDGET (self), _("Export All Values"), name,
                            G_CALLBACK (export_values_response_cb), self);
}

/**
 * opora_window_undo_import:
 * @self: a window
 * @batch: an import batch of the open workspace
 *
 * Undoes @batch and shows the workspace as it is then. On error (a later
 * import of the same schools stands, say) nothing changes.
 *
 * Returns: %TRUE when the import was undone
 */
gboolean
opora_window_undo_import (OporaWindow  *self,
                          gint64        batch,
                          GError      **error)
{
  g_return_val_if_fail (OPORA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!opora_batch_undo (self->db, batch, error))
    return FALSE;
  opora_window_reload (self);
  return TRUE;
}

static void
undo_import_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  OporaWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  if (opora_window_undo_import (self, g_variant_get_int64 (parameter), &error))
    opora_window_show_toast (self, _("Import undone"));
  else
    opora_window_report_error (self, _("Cannot Undo the Import"), error);
}

/**
 * opora_window_imported:
 * @self: a window
 * @batch: the import batch just committed into the open workspace
 * @n_values: how many values it wrote
 *
 * Shows the workspace with the import, and a toast that can undo it.
 */
void
opora_window_imported (OporaWindow *self,
                       gint64       batch,
                       guint        n_values)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_if_fail (OPORA_IS_WINDOW (self));

  /* New values may bring a new year to analyse and to monitor. */
  opora_window_reload_page (self, GTK_WIDGET (self->data_page));
  opora_window_reload_page (self, GTK_WIDGET (self->clusters_page));
  opora_window_reload_page (self, GTK_WIDGET (self->monitoring_page));
  opora_window_reload_page (self, GTK_WIDGET (self->dashboard_page));
  opora_window_update_actions (self);
  text = g_strdup_printf (ngettext ("Imported %u value", "Imported %u values", n_values), n_values);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (batch));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Backups ---- */

static void
restore_backup_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (opora_backup_dialog_new (user_data)));
}

/* The newest backup made before a restore: what the restore replaced. */
static char *
dup_replaced_backup (OporaWindow *self)
{
  g_autoptr(GPtrArray) backups = opora_backup_list (opora_db_get_path (self->db), NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      OporaBackup *backup = backups->pdata[i];
      if (g_str_equal (backup->reason, "restore"))
        return g_strdup (backup->path);
    }
  return NULL;
}

static void
show_restored_toast (OporaWindow *self)
{
  g_autofree char *replaced = dup_replaced_backup (self);
  AdwToast *toast = adw_toast_new (_("Restored the workspace from the backup"));

  if (replaced != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.restore-backup-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (replaced));
    }
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Other windows on the same file read the restored contents anew. */
static void
reload_siblings (OporaWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  const char *path = opora_db_get_path (self->db);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      OporaWindow *other = OPORA_IS_WINDOW (window) ? OPORA_WINDOW (window) : NULL;

      if (other != NULL && other != self && other->db != NULL &&
          g_strcmp0 (opora_db_get_path (other->db), path) == 0)
        opora_window_reload (other);
    }
}

/**
 * opora_window_restore_backup:
 * @self: a window with a writable workspace open
 * @backup_path: one of its backups
 *
 * Restores @backup_path into the open workspace (backing up its current
 * state first, see opora_backup_restore()), reopens the workspace, shows it
 * anew in other windows on the same file and shows a toast that can undo
 * the restore. On error the workspace is unchanged
 * and shown again; if it cannot be reopened the window has none open.
 *
 * Returns: %TRUE when the backup was restored
 */
gboolean
opora_window_restore_backup (OporaWindow  *self,
                             const char   *backup_path,
                             GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GError) local = NULL;
  gboolean restored, reopened;

  g_return_val_if_fail (OPORA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  path = g_strdup (opora_db_get_path (self->db));
  if (!(db = opora_db_open (path, OPORA_DB_MUST_EXIST, error)))
    return FALSE;
  /* As in opora-cli restore, only the restoring connection is open in here:
   * the pages let go of theirs, so none reads a half-copied workspace. */
  opora_window_take_db (self, NULL);
  restored = opora_backup_restore (db, backup_path, &local);
  g_clear_pointer (&db, opora_db_free);
  /* Restored or not, show the workspace as the file holds it now. */
  reopened = opora_window_open (self, path, OPORA_DB_MUST_EXIST, restored ? error : NULL);
  if (!restored)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!reopened)
    return FALSE;
  reload_siblings (self);
  show_restored_toast (self);
  return TRUE;
}

/* The toast's Undo: the replaced state is a backup like any other. */
static void
restore_backup_file_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  OporaWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  if (!opora_window_restore_backup (self, g_variant_get_string (parameter, NULL), &error))
    opora_window_report_error (self, _("Cannot Restore the Backup"), error);
}

/* A spreadsheet dropped on the window opens the import wizard on it. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         OporaWindow   *self)
{
  GSList *files = g_value_get_boxed (value);
  OporaImportWindow *wizard;

  if (files == NULL || !g_action_group_get_action_enabled (G_ACTION_GROUP (self), "import"))
    return FALSE;
  wizard = opora_import_window_new (self);
  gtk_window_present (GTK_WINDOW (wizard));
  opora_import_window_open (wizard, files->data);
  return TRUE;
}

static const GActionEntry window_actions[] = {
  { "new-workspace", new_workspace_cb },
  { "open-workspace", open_workspace_cb },
  { "open-recent", open_recent_cb, "s" },
  { "open-in-new-window", open_in_new_window_cb },
  { "fill-demo", fill_demo_cb },
  { "show-section", show_section_cb, "i" },
  { "search", search_cb },
  { "fullscreen", fullscreen_cb, NULL, "false" },
  { "import", import_cb },
  { "import-history", import_history_cb },
  { "export-values", export_values_cb },
  { "undo-import", undo_import_cb, "x" },
  { "restore-backup", restore_backup_cb },
  { "restore-backup-file", restore_backup_file_cb, "s" },
};

void
opora_window_actions_init (OporaWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
