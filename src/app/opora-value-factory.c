/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One way to show values in a column: a right-aligned label with numeric figures. */

#include "opora-value-factory.h"

#include "opora-cell-tooltip.h"

static void
setup_value_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  opora_cell_tooltip_init (label);
  gtk_list_item_set_child (list_item, label);
}

/**
 * opora_value_factory_new:
 * @bind: the "bind" handler, which sets the label's text
 * @user_data: for @bind
 *
 * Returns: (transfer full): a factory whose items are right-aligned labels
 */
GtkListItemFactory *
opora_value_factory_new (GCallback bind,
                         gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_value_cb), NULL);
  g_signal_connect (factory, "bind", bind, user_data);
  return factory;
}
