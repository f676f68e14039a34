/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Puts many rows into a list store a batch at a time from idle, so the window never waits long. */

#include "opora-list-filler.h"

/* On a nation-sized workspace (40,000 schools) a batch takes the window well under a millisecond
 * after the first. */
#define BATCH 2000

struct _OporaListFiller
{
  GListStore          *store;
  GPtrArray           *items;
  guint                at;
  guint                source;
  OporaListFillerFunc  func;
  gpointer             user_data;
};

static gboolean
append_batch (gpointer data)
{
  OporaListFiller *filler = data;
  guint n = MIN (BATCH, filler->items->len - filler->at);
  gboolean done;

  g_list_store_splice (filler->store, g_list_model_get_n_items (G_LIST_MODEL (filler->store)), 0,
                       filler->items->pdata + filler->at, n);
  filler->at += n;
  done = filler->at >= filler->items->len;
  if (done)
    filler->source = 0;
  /* The callback may free the filler: nothing of it is touched after. */
  filler->func (done, filler->user_data);
  return done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/**
 * opora_list_filler_new:
 * @store: the list to append to
 * @items: (transfer full): the rows, of the store's item type
 * @func: called after each batch, the last one with %TRUE
 *
 * Appends the rows from idle, a batch at a time, in order.
 *
 * Returns: (transfer full): the filler; freeing it stops the filling
 */
OporaListFiller *
opora_list_filler_new (GListStore          *store,
                       GPtrArray           *items,
                       OporaListFillerFunc  func,
                       gpointer             user_data)
{
  OporaListFiller *filler = g_new0 (OporaListFiller, 1);

  filler->store = g_object_ref (store);
  filler->items = items;
  filler->func = func;
  filler->user_data = user_data;
  /* Above the redraws' priority: a spinner animating in software rendering would
   * otherwise keep the batches waiting. They run before the next frame, each short. */
  filler->source = g_idle_add_full (G_PRIORITY_DEFAULT, append_batch, filler, NULL);
  return filler;
}

void
opora_list_filler_free (OporaListFiller *filler)
{
  if (filler == NULL)
    return;
  g_clear_handle_id (&filler->source, g_source_remove);
  g_object_unref (filler->store);
  g_ptr_array_unref (filler->items);
  g_free (filler);
}
