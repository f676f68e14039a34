/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the widget tests share: waiting on the main loop and finding template children. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

/* Iterates the main loop until @check holds; the deadline only stops a hang. */
static inline gboolean
wait_for (gboolean (*check) (gpointer data),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static inline void
drain_main_loop (void)
{
  for (int i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* Finds the widget a template named @id (or code named with gtk_widget_set_name()) under @root. */
static inline gpointer
find_widget (GtkWidget  *root,
             const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0 ||
      g_strcmp0 (gtk_widget_get_name (root), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Removes a test's temporary folder and the files in it. */
static inline void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}
