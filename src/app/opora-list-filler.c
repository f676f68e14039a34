/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Puts many rows into a list store a batch at a time from idle, so the window never waits long. */

#include "opora-list-filler.h"

/* On a nation-sized workspace (40,000 schools) a batch takes the window a few milliseconds
 * once the view has its rows' widgets. */
#define BATCH 2000

/* GTK 4.8's list views make widgets for up to 200 rows however few are seen; for a
 * table of ten columns making and laying out 200 rows takes the window about 0.1 s.
 * The first rows go in 50 at a time, a frame apart, so each frame lays out 50. */
#define WARM_UP       200
#define WARM_UP_BATCH 50
#define FRAME_MS      20

struct _OporaListFiller
{
  GListStore              *store;
  GPtrArray               *items;   /* the rows, or the batch being made */
  guint                    n_items;
  guint                    at;
  guint                    source;
  OporaListFillerMakeFunc  make;    /* NULL when @items holds every row */
  OporaListFillerFunc      func;
  gpointer                 user_data;
};

static gboolean append_batch (gpointer data);

/* Above the redraws' priority: a spinner animating in software rendering would
 * otherwise keep the batches waiting. They run before the next frame, each short,
 * except while warming up, when each waits for a frame to pass. */
static void
schedule (OporaListFiller *filler)
{
  if (filler->at > 0 && filler->at < WARM_UP)
    filler->source = g_timeout_add_full (G_PRIORITY_DEFAULT, FRAME_MS, append_batch, filler, NULL);
  else
    filler->source = g_idle_add_full (G_PRIORITY_DEFAULT, append_batch, filler, NULL);
}

static gboolean
append_batch (gpointer data)
{
  OporaListFiller *filler = data;
  guint n = MIN (filler->at < WARM_UP ? WARM_UP_BATCH : BATCH, filler->n_items - filler->at);
  gpointer *batch;
  gboolean done;

  if (filler->make != NULL)
    {
      g_ptr_array_set_size (filler->items, 0);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (filler->items, filler->make (filler->at + i, filler->user_data));
      batch = filler->items->pdata;
    }
  else
    batch = filler->items->pdata + filler->at;
  g_list_store_splice (filler->store, g_list_model_get_n_items (G_LIST_MODEL (filler->store)), 0, batch, n);
  filler->at += n;
  done = filler->at >= filler->n_items;
  filler->source = 0;
  if (!done)
    schedule (filler);
  /* The callback may free the filler: nothing of it is touched after. */
  filler->func (done, filler->user_data);
  return G_SOURCE_REMOVE;
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
  filler->n_items = items->len;
  filler->func = func;
  filler->user_data = user_data;
  schedule (filler);
  return filler;
}

/**
 * opora_list_filler_new_made:
 * @store: the list to append to
 * @n_items: how many rows
 * @make: makes the row at an index, from idle, just before it is appended
 * @func: called after each batch, the last one with %TRUE
 * @user_data: for @make and @func
 *
 * Like opora_list_filler_new(), for rows whose making takes long too: a
 * batch is made and appended at a time, in order.
 *
 * Returns: (transfer full): the filler; freeing it stops the filling
 */
OporaListFiller *
opora_list_filler_new_made (GListStore              *store,
                            guint                    n_items,
                            OporaListFillerMakeFunc  make,
                            OporaListFillerFunc      func,
                            gpointer                 user_data)
{
  OporaListFiller *filler = opora_list_filler_new (store, g_ptr_array_new_with_free_func (g_object_unref),
                                                   func, user_data);

  filler->n_items = n_items;
  filler->make = make;
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
