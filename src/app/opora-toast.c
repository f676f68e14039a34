/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A message in the toast overlay of the window a widget is in. */

#include <adwaita.h>

#include "opora-toast.h"

/**
 * opora_toast_show:
 * @widget: a widget inside the window's #AdwToastOverlay
 * @text: the message
 *
 * Shows @text as a toast; nothing when @widget is not (yet) in an overlay.
 */
void
opora_toast_show (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}
