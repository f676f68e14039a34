/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A school's facts above a table of every indicator (rows, grouped) by year (columns). */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-indicator-item.h"
#include "opora-school-detail.h"
#include "opora-value-factory.h"
#include "opora-values.h"

struct _OporaSchoolDetail
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkStack      *detail_stack;
  AdwStatusPage *status_page;
  GtkLabel      *name_label;
  GtkLabel      *code_label;
  GtkLabel      *municipality_label;
  GtkLabel      *locality_label;
  GtkLabel      *kind_label;
  GtkColumnView *indicator_view;
  GListStore    *rows;

  /* Owned */
  GArray        *years;  /* int: the years the table has columns for */
};

G_DEFINE_FINAL_TYPE (OporaSchoolDetail, opora_school_detail, ADW_TYPE_BIN)

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  OporaIndicatorItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), opora_indicator_item_get_name (item));
  if (opora_indicator_item_get_heading (item))
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  OporaIndicatorItem *item = gtk_list_item_get_item (list_item);
  guint index = GPOINTER_TO_UINT (user_data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      opora_indicator_item_get_value_text (item, index));
}

static char *
year_title (int year)
{
  /* Translators: a year column: the calendar year of the exams, then the
   * school year it ends, e.g. "2024 (23/24)". */
  return g_strdup_printf (_("%d (%02d/%02d)"), year, (year - 1) % 100, year % 100);
}

static GtkColumnViewColumn *
year_column_new (int   year,
                 guint index)
{
  g_autofree char *title = year_title (year);
  GtkListItemFactory *factory = opora_value_factory_new (G_CALLBACK (bind_value_cb), GUINT_TO_POINTER (index));

  return gtk_column_view_column_new (title, factory);
}

static gboolean
same_years (GArray *a,
            GArray *b)
{
  return a != NULL && a->len == b->len &&
         memcmp (a->data, b->data, a->len * sizeof (int)) == 0;
}

/* Keeps the first (name) column and makes one column per year. */
static void
set_years (OporaSchoolDetail *self,
           GArray            *years)
{
  GListModel *columns = gtk_column_view_get_columns (self->indicator_view);

  if (same_years (self->years, years))
    return;
  while (g_list_model_get_n_items (columns) > 1)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);
      gtk_column_view_remove_column (self->indicator_view, column);
    }
  for (guint i = 0; i < years->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = year_column_new (g_array_index (years, int, i), i);
      gtk_column_view_append_column (self->indicator_view, column);
    }
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_array_copy (years);
}

/* Appends a heading and the rows of one group, or nothing when it has no values. */
static void
append_group (GPtrArray         *rows,
              OporaSchoolValues *values,
              OporaGroup         group)
{
  guint first = rows->len;

  for (guint i = 0; i < values->indicators->len; i++)
    {
      const OporaIndicator *indicator = g_ptr_array_index (values->indicators, i);
      OporaIndicatorItem *item;

      if (indicator->group != group)
        continue;
      if (rows->len == first)
        g_ptr_array_add (rows, opora_indicator_item_new_heading (group));
      item = opora_indicator_item_new (indicator);
      for (guint y = 0; y < values->years->len; y++)
        opora_indicator_item_add_value (item, opora_school_values_get (values, i, y));
      g_ptr_array_add (rows, item);
    }
}

static void
fill_rows (OporaSchoolDetail *self,
           OporaSchoolValues *values)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  append_group (rows, values, OPORA_GROUP_CONTEXT);
  append_group (rows, values, OPORA_GROUP_RESULT);
  append_group (rows, values, OPORA_GROUP_RESOURCE);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static void
set_fact (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : "—");
}

static void
show_facts (OporaSchoolDetail *self,
            OporaSchoolItem   *school)
{
  gtk_label_set_text (self->name_label, opora_school_item_get_name (school));
  set_fact (self->code_label, opora_school_item_get_code (school));
  set_fact (self->municipality_label, opora_school_item_get_municipality (school));
  set_fact (self->locality_label, opora_school_item_get_locality (school));
  set_fact (self->kind_label, opora_school_item_get_kind (school));
}

static void
show_status (OporaSchoolDetail *self,
             const char        *title,
             const char        *description)
{
  g_list_store_remove_all (self->rows);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

/**
 * opora_school_detail_show:
 * @self: the pane
 * @db: (nullable): the workspace @school belongs to
 * @school: (nullable): the school, or %NULL to show that none is selected
 *
 * Shows @school's facts and reads all its values from @db. A read error is
 * shown in the pane itself.
 */
void
opora_school_detail_show (OporaSchoolDetail *self,
                          OporaDb           *db,
                          OporaSchoolItem   *school)
{
  g_autoptr(OporaSchoolValues) values = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OPORA_IS_SCHOOL_DETAIL (self));

  if (db == NULL || school == NULL)
    {
      show_status (self, _("No School Selected"),
                   _("Select a school in the list to see all its indicators by year."));
      return;
    }
  if (!(values = opora_school_values_load (db, opora_school_item_get_id (school), &error)))
    {
      show_status (self, _("Cannot Read the School"), error->message);
      return;
    }
  show_facts (self, school);
  set_years (self, values->years);
  fill_rows (self, values);
  gtk_stack_set_visible_child_name (self->detail_stack, "school");
}

static void
opora_school_detail_finalize (GObject *object)
{
  OporaSchoolDetail *self = (OporaSchoolDetail *) object;

  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (opora_school_detail_parent_class)->finalize (object);
}

static void
opora_school_detail_class_init (OporaSchoolDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_school_detail_finalize;

  g_type_ensure (OPORA_TYPE_INDICATOR_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-school-detail.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, status_page);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, code_label);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, municipality_label);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, locality_label);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, kind_label);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, indicator_view);
  gtk_widget_class_bind_template_child (widget_class, OporaSchoolDetail, rows);
  gtk_widget_class_bind_template_callback (widget_class, setup_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cb);
}

static void
opora_school_detail_init (OporaSchoolDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
