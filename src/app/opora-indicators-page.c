/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists every indicator a workspace knows, with its group, unit, direction and valid range. */

#include "opora-indicator-item.h"
#include "opora-indicators-page.h"

struct _OporaIndicatorsPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkColumnView *catalogue_view;
  GtkSortListModel *sort_model;
  GListStore    *indicators;
};

G_DEFINE_FINAL_TYPE (OporaIndicatorsPage, opora_indicators_page, ADW_TYPE_BIN)

static GPtrArray *
load_items (OporaDb  *db,
            GError  **error)
{
  g_autoptr(GPtrArray) list = opora_indicator_list (db, error);
  g_autoptr(GPtrArray) items = NULL;

  if (list == NULL)
    return NULL;
  items = g_ptr_array_new_full (list->len, g_object_unref);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (items, opora_indicator_item_new (g_ptr_array_index (list, i)));
  return g_steal_pointer (&items);
}

/**
 * opora_indicators_page_set_db:
 * @self: the page
 * @db: (nullable): the workspace whose catalogue to list
 *
 * Returns: %TRUE when the catalogue was read; on error the list is empty
 */
gboolean
opora_indicators_page_set_db (OporaIndicatorsPage  *self,
                              OporaDb              *db,
                              GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n_old;

  g_return_val_if_fail (OPORA_IS_INDICATORS_PAGE (self), FALSE);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->indicators));
  if (db != NULL && !(items = load_items (db, error)))
    {
      g_list_store_remove_all (self->indicators);
      return FALSE;
    }
  g_list_store_splice (self->indicators, 0, n_old,
                       items ? items->pdata : NULL, items ? items->len : 0);
  return TRUE;
}

static void
opora_indicators_page_class_init (OporaIndicatorsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (OPORA_TYPE_INDICATOR_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-indicators-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaIndicatorsPage, catalogue_view);
  gtk_widget_class_bind_template_child (widget_class, OporaIndicatorsPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, OporaIndicatorsPage, indicators);
}

static void
opora_indicators_page_init (OporaIndicatorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->catalogue_view));
}
