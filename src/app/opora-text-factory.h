/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list item factory of a column of names: a label that ends in “…” when cut, the whole text in its tooltip. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *opora_text_factory_new (const char *property,
                                            int         width_chars);

G_END_DECLS
