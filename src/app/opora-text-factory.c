/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list item factory of a column of names: a label that ends in “…” when cut, the whole text in its tooltip. */

#include "opora-text-factory.h"

#include "opora-cell-tooltip.h"

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "opora-width-chars")));
  opora_cell_tooltip_init (label);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const char *property = user_data;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (list_item), property, &text, NULL);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  opora_cell_tooltip_set (label, text);
}

/**
 * opora_text_factory_new:
 * @property: the string property of the items to show, e.g. "name"
 * @width_chars: the label's width in characters, as #GtkLabel:width-chars
 *
 * A factory like a template binding a label's text and tooltip to @property,
 * without telling the display of the tooltip on every bind.
 *
 * Returns: (transfer full): the factory
 */
GtkListItemFactory *
opora_text_factory_new (const char *property,
                        int         width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_val_if_fail (property != NULL, NULL);

  g_object_set_data (G_OBJECT (factory), "opora-width-chars", GINT_TO_POINTER (width_chars));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cb), (gpointer) g_intern_string (property));
  return factory;
}
