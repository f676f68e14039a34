/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list item factory of a column of numbers: right-aligned, tabular figures. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *opora_value_factory_new (GCallback bind,
                                             gpointer  user_data);

G_END_DECLS
