/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Puts many rows into a list store a batch at a time from idle, so the window never waits long. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _OporaListFiller OporaListFiller;

/* Called after each batch; @done is TRUE after the last. */
typedef void (*OporaListFillerFunc) (gboolean done,
                                     gpointer user_data);

/* Returns (transfer full) the row at @index, of the store's item type. */
typedef gpointer (*OporaListFillerMakeFunc) (guint    index,
                                             gpointer user_data);

OporaListFiller *opora_list_filler_new      (GListStore              *store,
                                             GPtrArray               *items,
                                             OporaListFillerFunc      func,
                                             gpointer                 user_data);
OporaListFiller *opora_list_filler_new_made (GListStore              *store,
                                             guint                    n_items,
                                             OporaListFillerMakeFunc  make,
                                             OporaListFillerFunc      func,
                                             gpointer                 user_data);
void             opora_list_filler_free     (OporaListFiller         *filler);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaListFiller, opora_list_filler_free)

G_END_DECLS
