/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long lists are filtered and sorted a part at a time, short ones at once. */

#include "opora-list-incremental.h"

/* Filtering 40,000 rows by a search, or sorting them by a column of names,
 * kept the window 0.15–0.3 s; below this many rows it takes a few
 * milliseconds, and the result is there the moment the search changes. */
#define LONG_LIST 5000

/**
 * opora_list_incremental_update:
 * @filter: (nullable): the filter model of a table
 * @sort: (nullable): its sort model
 * @n_items: how many rows the table is getting
 *
 * Lets @filter and @sort work a part at a time (the table fills as they go)
 * when the table is long, and at once when it is short.
 */
void
opora_list_incremental_update (GtkFilterListModel *filter,
                               GtkSortListModel   *sort,
                               guint               n_items)
{
  gboolean incremental = n_items > LONG_LIST;

  g_return_if_fail (filter == NULL || GTK_IS_FILTER_LIST_MODEL (filter));
  g_return_if_fail (sort == NULL || GTK_IS_SORT_LIST_MODEL (sort));

  if (filter != NULL)
    gtk_filter_list_model_set_incremental (filter, incremental);
  if (sort != NULL)
    gtk_sort_list_model_set_incremental (sort, incremental);
}
