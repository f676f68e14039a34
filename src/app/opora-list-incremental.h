/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long lists are filtered and sorted a part at a time, short ones at once. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void opora_list_incremental_update (GtkFilterListModel *filter,
                                    GtkSortListModel   *sort,
                                    guint               n_items);

G_END_DECLS
