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

static inline gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Renders @widget into @name.png under $OPORA_SCREENSHOT_DIR, when it is set. */
static inline void
ui_screenshot (GtkWidget  *widget,
               const char *name)
{
  const char *dir = g_getenv ("OPORA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  g_assert_true (wait_for (is_drawn, widget));
  /* Let a frame be drawn: the paintable shows what was last drawn. */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < until; )
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}
