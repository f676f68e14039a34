/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starts Opora: picks the workspace to open, owns the app-wide actions and shortcuts. */

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "opora-application.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-school.h"
#include "opora-window.h"

struct _OporaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OporaApplication, opora_application, ADW_TYPE_APPLICATION)

/* A new default workspace gets the demo municipality, so the first run shows real content. */
static gboolean
fill_if_empty (OporaDb  *db,
               GError  **error)
{
  gint64 n;

  if (opora_db_is_read_only (db))
    return TRUE;
  n = opora_school_count (db, error);
  if (n < 0)
    return FALSE;
  return n > 0 || opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, error);
}

static OporaDb *
open_default_workspace (GError **error)
{
  g_autofree char *path = opora_db_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(OporaDb) db = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                   _("Cannot create the folder “%s”: %s. Check that you may write to it."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!(db = opora_db_open (path, OPORA_DB_FLAGS_NONE, error)) || !fill_if_empty (db, error))
    return NULL;
  return g_steal_pointer (&db);
}

/* The last workspace when it still opens, else the default one. */
static void
open_startup_workspace (OporaWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-workspace");
  g_autoptr(GError) error = NULL;
  OporaDb *db;

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR) &&
      opora_window_open_or_report (window, last, OPORA_DB_MUST_EXIST))
    return;
  if ((db = open_default_workspace (&error)))
    opora_window_take_db (window, db);
  else
    opora_window_report_error (window, _("Cannot Open the Workspace"), error);
}

static void
opora_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (opora_window_new (GTK_APPLICATION (application)));
      open_startup_workspace (OPORA_WINDOW (window));
    }
  gtk_window_present (window);
}

/* Each file opens in a window of its own. */
static void
opora_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      OporaWindow *window = opora_window_new (GTK_APPLICATION (application));
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        opora_window_open_or_report (window, path, OPORA_DB_FLAGS_NONE);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing (not destroying) lets each window save its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  const char *developers[] = { _("Opora developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "modal", TRUE,
                                   "application-name", _("Opora"),
                                   "application-icon", APP_ID,
                                   "version", PACKAGE_VERSION,
                                   "developer-name", _("Opora developers"),
                                   "developers", developers,
                                   "comments", _("Find schools with low results in similar contexts and plan their support."),
                                   "website", "https://opora.example.org/",
                                   "issue-url", "https://opora.example.org/issues",
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "copyright", _("© 2026 Opora developers"),
                                   "translator-credits", _("translator-credits"),
                                   NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_cb },
  { "about", about_cb },
};

static void
set_accels (GtkApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-workspace", { "<Control>n", NULL } },
    { "win.open-workspace", { "<Control>o", NULL } },
    { "win.open-in-new-window", { "<Control><Shift>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.show-section(0)", { "<Alt>1", NULL } },
    { "win.show-section(1)", { "<Alt>2", NULL } },
    { "win.show-section(2)", { "<Alt>3", NULL } },
    { "win.show-section(3)", { "<Alt>4", NULL } },
    { "win.show-section(4)", { "<Alt>5", NULL } },
    { "win.show-section(5)", { "<Alt>6", NULL } },
    { "win.show-section(6)", { "<Alt>7", NULL } },
    { "win.show-section(7)", { "<Alt>8", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

static void
opora_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (opora_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  set_accels (GTK_APPLICATION (application));
}

static void
opora_application_class_init (OporaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = opora_application_startup;
  app_class->activate = opora_application_activate;
  app_class->open = opora_application_open;
}

static void
opora_application_init (OporaApplication *self)
{
}

OporaApplication *
opora_application_new (void)
{
  return g_object_new (OPORA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
