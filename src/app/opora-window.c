/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: owns the open workspace, shows it in sections and remembers where it was. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-window-private.h"

#define MAX_RECENT 8

G_DEFINE_FINAL_TYPE (OporaWindow, opora_window, ADW_TYPE_APPLICATION_WINDOW)

/* "/home/me/x.opora" → "~/x.opora", for titles and menus. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *name = g_filename_display_name (path);
  size_t len = strlen (home);

  if (len > 1 && strncmp (name, home, len) == 0 && name[len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", name + len, NULL);
  return g_steal_pointer (&name);
}

static char *
dup_workspace_name (OporaDb *db)
{
  g_autofree char *name = opora_db_dup_info (db, "name");

  if (name == NULL || *name == '\0')
    return g_filename_display_basename (opora_db_get_path (db));
  return g_steal_pointer (&name);
}

static void
update_title (OporaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;

  if (self->db == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Opora"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Opora"));
      return;
    }
  name = dup_workspace_name (self->db);
  path = display_path (opora_db_get_path (self->db));
  /* Translators: the window title: the workspace name, then the application. */
  title = g_strdup_printf (_("%s — Opora"), name);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, path);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Menu labels treat "_" as a mnemonic, so file names double it. */
static char *
recent_label (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *where = display_path (dir);
  /* Translators: a recent workspace in the menu: the file name, then its folder. */
  g_autofree char *label = g_strdup_printf (_("%s in %s"), base, where);
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
append_recent_item (GMenu      *menu,
                    const char *path)
{
  g_autofree char *label = recent_label (path);
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (path));
  g_menu_append_item (menu, item);
}

/* Lists the recent workspaces that still exist, except the open one. */
static void
update_recent_menu (OporaWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GMenu) submenu = g_menu_new ();
  const char *current = self->db ? opora_db_get_path (self->db) : NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    if (g_strcmp0 (paths[i], current) != 0 &&
        g_utf8_validate (paths[i], -1, NULL) &&
        g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
      append_recent_item (submenu, paths[i]);

  g_menu_remove_all (self->recent_section);
  if (g_menu_model_get_n_items (G_MENU_MODEL (submenu)) > 0)
    g_menu_append_submenu (self->recent_section, _("_Recent Workspaces"), G_MENU_MODEL (submenu));
}

static void
recent_changed_cb (GSettings   *settings,
                   const char  *key,
                   OporaWindow *self)
{
  update_recent_menu (self);
}

static void
remember_workspace (OporaWindow *self,
                    const char  *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0 && g_utf8_validate (old[i], -1, NULL))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) recent);
  g_settings_set_string (self->settings, "last-workspace", path);
}

void
opora_window_show_toast (OporaWindow *self,
                         const char  *text)
{
  g_assert (OPORA_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Gives @page the workspace @db (NULL: none), whatever section it is. */
static gboolean
set_page_db (GtkWidget  *page,
             OporaDb    *db,
             GError    **error)
{
  if (OPORA_IS_DASHBOARD_PAGE (page))
    return opora_dashboard_page_set_db (OPORA_DASHBOARD_PAGE (page), db, error);
  if (OPORA_IS_DATA_PAGE (page))
    return opora_data_page_set_db (OPORA_DATA_PAGE (page), db, error);
  if (OPORA_IS_CLUSTERS_PAGE (page))
    return opora_clusters_page_set_db (OPORA_CLUSTERS_PAGE (page), db, error);
  if (OPORA_IS_MONITORING_PAGE (page))
    return opora_monitoring_page_set_db (OPORA_MONITORING_PAGE (page), db, error);
  if (OPORA_IS_FLAGS_PAGE (page))
    return opora_flags_page_set_db (OPORA_FLAGS_PAGE (page), db, error);
  if (OPORA_IS_PROGRAMS_PAGE (page))
    return opora_programs_page_set_db (OPORA_PROGRAMS_PAGE (page), db, error);
  if (OPORA_IS_PEOPLE_PAGE (page))
    return opora_people_page_set_db (OPORA_PEOPLE_PAGE (page), db, error);
  if (OPORA_IS_INDICATORS_PAGE (page))
    return opora_indicators_page_set_db (OPORA_INDICATORS_PAGE (page), db, error);
  g_return_val_if_reached (FALSE);
}

#define STALE_KEY "opora-window-stale"

/* Shows the workspace on @page now if it has not got it yet. */
static void
load_page (OporaWindow *self,
           GtkWidget   *page)
{
  g_autoptr(GError) error = NULL;

  if (page == NULL || !g_object_get_data (G_OBJECT (page), STALE_KEY))
    return;
  g_object_set_data (G_OBJECT (page), STALE_KEY, NULL);
  if (!set_page_db (page, self->db, &error) && error != NULL)
    opora_window_show_toast (self, error->message);
}

/* The visible section reads the workspace at once; the others when they are
 * first shown, so a nation-sized workspace opens as fast as its first section
 * draws. The pages borrow the workspace: the others let go of the old one now. */
static void
reload_pages (OporaWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->section_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *page = adw_view_stack_page_get_child (item);

      set_page_db (page, NULL, NULL);
      g_object_set_data (G_OBJECT (page), STALE_KEY, GINT_TO_POINTER (self->db != NULL));
    }
  load_page (self, adw_view_stack_get_visible_child (self->section_stack));
}

/**
 * opora_window_reload_page:
 * @self: a window
 * @page: one of its sections' pages
 *
 * Reads the workspace again on @page if it was shown, else leaves it to read
 * when it is (after an import, say).
 */
void
opora_window_reload_page (OporaWindow *self,
                          GtkWidget   *page)
{
  g_autoptr(GError) error = NULL;

  if (self->db == NULL || g_object_get_data (G_OBJECT (page), STALE_KEY))
    return;
  if (!set_page_db (page, self->db, &error) && error != NULL)
    opora_window_show_toast (self, error->message);
}

/* Shows the open workspace (or that none is open) everywhere in the window. */
void
opora_window_reload (OporaWindow *self)
{
  gboolean open = self->db != NULL;

  g_assert (OPORA_IS_WINDOW (self));

  update_title (self);
  gtk_info_bar_set_revealed (self->read_only_bar, open && opora_db_is_read_only (self->db));
  gtk_stack_set_visible_child_name (self->content_stack, open ? "sections" : "none");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar), open);
  reload_pages (self);
  update_recent_menu (self);
  opora_window_update_actions (self);
}

/**
 * opora_window_take_db:
 * @self: a window
 * @db: (transfer full) (nullable): the workspace to show
 *
 * Shows @db instead of the workspace open until now, which is closed, and
 * remembers @db as the last and a recent workspace.
 */
void
opora_window_take_db (OporaWindow *self,
                      OporaDb     *db)
{
  g_autoptr(OporaDb) old = NULL;

  g_return_if_fail (OPORA_IS_WINDOW (self));

  /* The pages borrow the workspace: free the old one only after they moved on. */
  old = g_steal_pointer (&self->db);
  self->db = db;
  if (db != NULL)
    remember_workspace (self, opora_db_get_path (db));
  opora_window_reload (self);
}

/**
 * opora_window_get_db:
 *
 * Returns: (transfer none) (nullable): the open workspace
 */
OporaDb *
opora_window_get_db (OporaWindow *self)
{
  g_return_val_if_fail (OPORA_IS_WINDOW (self), NULL);
  return self->db;
}

/**
 * opora_window_open:
 * @self: a window
 * @path: the workspace file
 * @flags: how to open it
 *
 * Opens @path and shows it. On error the workspace open until now stays.
 *
 * Returns: %TRUE when @path was opened
 */
gboolean
opora_window_open (OporaWindow   *self,
                   const char    *path,
                   OporaDbFlags   flags,
                   GError       **error)
{
  OporaDb *db;

  g_return_val_if_fail (OPORA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(db = opora_db_open (path, flags, error)))
    return FALSE;
  opora_window_take_db (self, db);
  return TRUE;
}

/**
 * opora_window_report_error:
 * @self: a window
 * @heading: what failed, e.g. "Cannot Open the Workspace"
 * @error: why; its message is shown as it is
 *
 * Shows @error in a dialog over @self.
 */
void
opora_window_report_error (OporaWindow  *self,
                           const char   *heading,
                           const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (OPORA_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * opora_window_open_or_report:
 *
 * Like opora_window_open(), but shows an error in a dialog.
 *
 * Returns: %TRUE when @path was opened
 */
gboolean
opora_window_open_or_report (OporaWindow  *self,
                             const char   *path,
                             OporaDbFlags  flags)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (OPORA_IS_WINDOW (self), FALSE);

  if (opora_window_open (self, path, flags, &error))
    return TRUE;
  opora_window_report_error (self, _("Cannot Open the Workspace"), error);
  return FALSE;
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  AdwViewStackPage *page = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (adw_view_stack_page_get_title (page));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
sidebar_row_selected_cb (GtkListBox    *sidebar,
                         GtkListBoxRow *row,
                         OporaWindow   *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (row == NULL)
    return;
  pages = adw_view_stack_get_pages (self->section_stack);
  gtk_selection_model_select_item (pages, gtk_list_box_row_get_index (row), TRUE);
}

static void
sidebar_row_activated_cb (GtkListBox    *sidebar,
                          GtkListBoxRow *row,
                          OporaWindow   *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
back_clicked_cb (GtkButton   *button,
                 OporaWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* A program behind schedule on the dashboard opens in Programs. */
static void
dashboard_open_program_cb (OporaDashboardPage *page,
                           gint64              program_id,
                           OporaWindow        *self)
{
  adw_view_stack_set_visible_child (self->section_stack, GTK_WIDGET (self->programs_page));
  opora_programs_page_open_program (self->programs_page, program_id);
}

/* Keeps the sidebar's selected row on the visible section, however it was chosen. */
static void
stack_visible_child_cb (AdwViewStack *stack,
                        GParamSpec   *pspec,
                        OporaWindow  *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    if (gtk_selection_model_is_selected (pages, i))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, i);

        if (row != NULL && row != gtk_list_box_get_selected_row (self->sidebar))
          gtk_list_box_select_row (self->sidebar, row);
      }
  /* The dashboard sums up the other sections: it reads them afresh each time it is shown. */
  if (adw_view_stack_get_visible_child (stack) == GTK_WIDGET (self->dashboard_page))
    opora_window_reload_page (self, GTK_WIDGET (self->dashboard_page));
  load_page (self, adw_view_stack_get_visible_child (stack));
}

static void
restore_size (OporaWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (OporaWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
opora_window_close_request (GtkWindow *window)
{
  save_size (OPORA_WINDOW (window));

  return GTK_WINDOW_CLASS (opora_window_parent_class)->close_request (window);
}

static void
opora_window_dispose (GObject *object)
{
  OporaWindow *self = (OporaWindow *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (opora_window_parent_class)->dispose (object);
}

static void
opora_window_finalize (GObject *object)
{
  OporaWindow *self = (OporaWindow *) object;

  g_clear_pointer (&self->db, opora_db_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (opora_window_parent_class)->finalize (object);
}

static void
opora_window_class_init (OporaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = opora_window_dispose;
  object_class->finalize = opora_window_finalize;
  window_class->close_request = opora_window_close_request;

  g_type_ensure (OPORA_TYPE_DATA_PAGE);
  g_type_ensure (OPORA_TYPE_CLUSTERS_PAGE);
  g_type_ensure (OPORA_TYPE_MONITORING_PAGE);
  g_type_ensure (OPORA_TYPE_FLAGS_PAGE);
  g_type_ensure (OPORA_TYPE_PROGRAMS_PAGE);
  g_type_ensure (OPORA_TYPE_DASHBOARD_PAGE);
  g_type_ensure (OPORA_TYPE_PEOPLE_PAGE);
  g_type_ensure (OPORA_TYPE_INDICATORS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, clusters_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, monitoring_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, flags_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, programs_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, indicators_page);
  gtk_widget_class_bind_template_child (widget_class, OporaWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, dashboard_open_program_cb);
}

static void
opora_window_init (OporaWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (recent_changed_cb), self, 0);
  restore_size (self);

  pages = adw_view_stack_get_pages (self->section_stack);
  gtk_list_box_bind_model (self->sidebar, G_LIST_MODEL (pages), create_sidebar_row, NULL, NULL);
  stack_visible_child_cb (self->section_stack, NULL, self);

  opora_window_actions_init (self);
  opora_window_reload (self);
}

/**
 * opora_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer none): a new window with no workspace open, owned by
 *   GTK's list of toplevels until it is destroyed
 */
OporaWindow *
opora_window_new (GtkApplication *application)
{
  return g_object_new (OPORA_TYPE_WINDOW, "application", application, NULL);
}
