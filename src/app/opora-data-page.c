/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The school list: a filtered, sorted column view over one GListStore, and the school detail. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-data-page.h"
#include "opora-cell-tooltip.h"
#include "opora-indicator.h"
#include "opora-list-filler.h"
#include "opora-list-incremental.h"
#include "opora-paced-selection.h"
#include "opora-school-detail.h"
#include "opora-school-item.h"
#include "opora-school.h"
#include "opora-task.h"
#include "opora-text-factory.h"
#include "opora-toast.h"
#include "opora-value-factory.h"
#include "opora-values.h"

struct _OporaDataPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *data_stack;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkColumnView       *school_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *municipality_column;
  GtkSingleSelection  *selection;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GListStore          *schools;
  OporaSchoolDetail   *detail;
  GtkSpinner          *loading_spinner;

  /* Owned */
  GPtrArray           *key_indicators;  /* OporaIndicator, one per value column */
  char                *search_folded;   /* NULL when the search is empty */
  GCancellable        *loading;         /* the schools being read on a thread */
  OporaListFiller     *filler;          /* the schools read, going into the list */
  guint                rows_changing;   /* idle: the rows changed in this main loop iteration */
  guint                detail_source;   /* timeout: the detail of a selection the rows moved */

  /* Borrowed: the window owns the workspace and sets a new one before freeing this */
  OporaDb             *db;
};

G_DEFINE_FINAL_TYPE (OporaDataPage, opora_data_page, ADW_TYPE_BIN)

/* The latest values shown as columns, with short titles; the full names are in tooltips. */
static const struct {
  const char *key;
  const char *title;
} key_columns[] = {
  /* Translators: short column titles of the school list. USE = ЕГЭ, BSE = ОГЭ, VPR = ВПР. */
  { "students_total",      N_("Students") },
  { "ege_rus_avg",         N_("USE Russian") },
  { "ege_mathp_avg",       N_("USE Maths, profile") },
  { "oge_math_avg",        N_("BSE Maths") },
  { "vpr_rus5_m2",         N_("VPR Russian 5, «2»") },
  { "sp_low_income_share", N_("Low-income") },
};

static int
compare_values (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  guint index = GPOINTER_TO_UINT (user_data);
  double x = opora_school_item_get_value ((OporaSchoolItem *) a, index);
  double y = opora_school_item_get_value ((OporaSchoolItem *) b, index);

  /* Missing values sort after every number. */
  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x > y) - (x < y);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const OporaIndicator     *indicator)
{
  OporaSchoolItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "opora-index"));
  int year = opora_school_item_get_value_year (item, index);
  g_autofree char *text = year != 0 ? opora_indicator_format_value (indicator, opora_school_item_get_value (item, index)) : NULL;
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "—");
  if (year != 0)
    /* Translators: tooltip of a latest value: the indicator's full name and the year. */
    tooltip = g_strdup_printf (_("%s, %d"), opora_indicator_get_name (indicator), year);
  opora_cell_tooltip_set (label, tooltip ? tooltip : opora_indicator_get_name (indicator));
}

static GtkColumnViewColumn *
value_column_new (const OporaIndicator *indicator,
                  const char           *title,
                  guint                 index)
{
  GtkListItemFactory *factory = opora_value_factory_new (G_CALLBACK (bind_value_cb), (gpointer) indicator);
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);
  g_autoptr(GtkSorter) sorter =
    GTK_SORTER (gtk_custom_sorter_new (compare_values, GUINT_TO_POINTER (index), NULL));

  g_object_set_data (G_OBJECT (factory), "opora-index", GUINT_TO_POINTER (index));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  return column;
}

/* The names may be cut: their cells show the whole name in a tooltip. */
static void
add_text_factories (OporaDataPage *self)
{
  g_autoptr(GtkListItemFactory) names = opora_text_factory_new ("name", 24);
  g_autoptr(GtkListItemFactory) municipalities = opora_text_factory_new ("municipality", 12);

  gtk_column_view_column_set_factory (self->name_column, names);
  gtk_column_view_column_set_factory (self->municipality_column, municipalities);
}

/* One column per key indicator of the built-in catalogue, named as the catalogue names it. */
static void
add_value_columns (OporaDataPage *self)
{
  g_autoptr(GPtrArray) builtin = opora_indicator_builtin ();

  for (guint i = 0; i < G_N_ELEMENTS (key_columns); i++)
    {
      OporaIndicator *indicator = opora_indicator_lookup (builtin, key_columns[i].key);
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_assert (indicator != NULL);
      g_ptr_array_add (self->key_indicators, opora_indicator_copy (indicator));
      column = value_column_new (g_ptr_array_index (self->key_indicators, i),
                                 _(key_columns[i].title), i);
      gtk_column_view_append_column (self->school_view, column);
    }
}

static gboolean
filter_school (gpointer item,
               gpointer user_data)
{
  OporaDataPage *self = user_data;

  return opora_school_item_matches (item, self->search_folded);
}

static void
update_count (OporaDataPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->schools));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u school", "%u schools", total), total);
  else
    /* Translators: shown while searching, e.g. "3 of 40 schools". */
    text = g_strdup_printf (ngettext ("%u of %u school", "%u of %u schools", total), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   OporaDataPage  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (*text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                OporaDataPage  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* A search or a sort of 40,000 rows moves the selection with them: reading the
 * newly selected school's detail and making its table in the same frame as the
 * list's new rows kept the window 30–60 ms longer. That detail waits until the
 * list has settled; a row the user selects shows at once. */
#define DETAIL_DELAY_MS 150

static void
show_detail (OporaDataPage *self)
{
  g_clear_handle_id (&self->detail_source, g_source_remove);
  opora_school_detail_show (self->detail, self->db,
                            gtk_single_selection_get_selected_item (self->selection));
}

static gboolean
show_detail_cb (gpointer data)
{
  OporaDataPage *self = data;

  self->detail_source = 0;
  show_detail (self);
  return G_SOURCE_REMOVE;
}

static gboolean
rows_settled_cb (gpointer data)
{
  OporaDataPage *self = data;

  self->rows_changing = 0;
  return G_SOURCE_REMOVE;
}

/* Runs before the selection tells what it selects after the change. */
static void
selection_items_changed_cb (GListModel    *model,
                            guint          position,
                            guint          removed,
                            guint          added,
                            OporaDataPage *self)
{
  if (self->rows_changing == 0)
    self->rows_changing = g_idle_add_full (G_PRIORITY_HIGH, rows_settled_cb, self, NULL);
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      OporaDataPage      *self)
{
  if (self->rows_changing == 0)
    {
      show_detail (self);
      return;
    }
  g_clear_handle_id (&self->detail_source, g_source_remove);
  self->detail_source = g_timeout_add (DETAIL_DELAY_MS, show_detail_cb, self);
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  OporaDataPage *self)
{
  update_count (self);
}

/* What a thread needs to read the schools: the workspace's file and the key columns. */
typedef struct {
  char      *path;
  GPtrArray *key_indicators;  /* OporaIndicator copies, one per value column */
} Load;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_ptr_array_unref (load->key_indicators);
  g_free (load);
}

/* Sets the value slots of every row to the school's latest values of the key indicators. */
static gboolean
fill_latest (OporaDb     *db,
             GPtrArray   *key_indicators,
             GPtrArray   *items,
             GError     **error)
{
  guint n = key_indicators->len;
  g_autofree gint64 *ids = g_new0 (gint64, MAX (n, 1));
  g_autoptr(GPtrArray) stored = opora_indicator_list (db, error);
  g_autoptr(GHashTable) latest = NULL;

  if (stored == NULL)
    return FALSE;
  /* The columns are the built-in catalogue's; the workspace numbers its indicators itself. */
  for (guint k = 0; k < n; k++)
    {
      const OporaIndicator *column = g_ptr_array_index (key_indicators, k);
      const OporaIndicator *indicator = opora_indicator_lookup (stored, column->key);

      ids[k] = indicator != NULL ? indicator->id : 0;
    }
  if (!(latest = opora_values_latest_many (db, ids, n, error)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      OporaSchoolItem *item = g_ptr_array_index (items, i);
      gint64 id = opora_school_item_get_id (item);
      const OporaYearValue *yv = g_hash_table_lookup (latest, &id);

      for (guint k = 0; yv != NULL && k < n; k++)
        if (yv[k].year != 0)
          opora_school_item_set_value (item, k, yv[k].year, yv[k].value);
    }
  return TRUE;
}

static GPtrArray *
load_items (OporaDb    *db,
            GPtrArray  *key_indicators,
            GError    **error)
{
  g_autoptr(GPtrArray) schools = opora_school_list (db, error);
  g_autoptr(GPtrArray) items = NULL;

  if (schools == NULL)
    return NULL;
  items = g_ptr_array_new_full (schools->len, g_object_unref);
  for (guint i = 0; i < schools->len; i++)
    g_ptr_array_add (items, opora_school_item_new (g_ptr_array_index (schools, i), key_indicators->len));
  if (!fill_latest (db, key_indicators, items, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* On a thread: the schools through a read-only connection of its own (WAL lets it read beside the window's). */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Load *load = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (load->path, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY, &error);
  GPtrArray *items = db != NULL ? load_items (db, load->key_indicators, &error) : NULL;

  if (items != NULL)
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
stop_loading (OporaDataPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->filler, opora_list_filler_free);
  gtk_spinner_stop (self->loading_spinner);
}

static void
show_list (OporaDataPage *self)
{
  gtk_stack_set_visible_child_name (self->data_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->schools)) > 0 ? "schools" : "empty");
  /* Selection may stay on the same position, so show the detail of whatever it is now. */
  show_detail (self);
}

static void
filled_cb (gboolean done,
           gpointer user_data)
{
  OporaDataPage *self = user_data;

  if (!done && gtk_stack_get_visible_child_name (self->data_stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->data_stack), "schools"))
    return;
  if (done)
    {
      g_clear_pointer (&self->filler, opora_list_filler_free);
      gtk_spinner_stop (self->loading_spinner);
    }
  show_list (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OporaDataPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->loading || self->db == NULL)
    {
      g_clear_pointer (&items, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->loading);
  /* A workspace a second connection cannot open (read-only, say) is read on this one. */
  if (items == NULL && !(items = load_items (self->db, self->key_indicators, NULL)))
    {
      gtk_spinner_stop (self->loading_spinner);
      show_list (self);
      opora_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  opora_list_incremental_update (self->filter_model, self->sort_model, items->len);
  self->filler = opora_list_filler_new (self->schools, items, filled_cb, self);
}

/**
 * opora_data_page_set_db:
 * @self: the page
 * @db: (nullable): the workspace to show; the caller keeps it alive while it is shown
 *
 * Reads every school of @db and its latest key values, again on each call: on a
 * thread, then into the list a batch at a time (opora_data_page_is_loading() says
 * when it is done). A failure shows in a toast and leaves the list empty.
 *
 * Returns: %TRUE
 */
gboolean
opora_data_page_set_db (OporaDataPage  *self,
                        OporaDb        *db,
                        GError        **error)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_val_if_fail (OPORA_IS_DATA_PAGE (self), FALSE);

  stop_loading (self);
  self->db = db;
  g_list_store_remove_all (self->schools);
  if (db == NULL)
    {
      show_list (self);
      return TRUE;
    }
  load = g_new0 (Load, 1);
  load->path = g_strdup (opora_db_get_path (db));
  load->key_indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  for (guint k = 0; k < self->key_indicators->len; k++)
    g_ptr_array_add (load->key_indicators, opora_indicator_copy (g_ptr_array_index (self->key_indicators, k)));
  self->loading = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->data_stack, "loading");
  gtk_spinner_start (self->loading_spinner);
  task = g_task_new (NULL, self->loading, loaded_cb, g_object_ref (self));
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  opora_task_run_in_thread (task, load_thread);
  return TRUE;
}

/**
 * opora_data_page_is_loading:
 *
 * Returns: whether the schools are still being read or put into the list
 */
gboolean
opora_data_page_is_loading (OporaDataPage *self)
{
  g_return_val_if_fail (OPORA_IS_DATA_PAGE (self), FALSE);
  return self->loading != NULL || self->filler != NULL;
}

/**
 * opora_data_page_get_n_schools:
 *
 * Returns: how many schools the page holds, before any search
 */
guint
opora_data_page_get_n_schools (OporaDataPage *self)
{
  g_return_val_if_fail (OPORA_IS_DATA_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->schools));
}

void
opora_data_page_focus_search (OporaDataPage *self)
{
  g_return_if_fail (OPORA_IS_DATA_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
opora_data_page_dispose (GObject *object)
{
  OporaDataPage *self = (OporaDataPage *) object;

  /* The models may outlive the page's children while GTK tears the tree down. */
  stop_loading (self);
  self->db = NULL;
  g_clear_handle_id (&self->rows_changing, g_source_remove);
  g_clear_handle_id (&self->detail_source, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);

  G_OBJECT_CLASS (opora_data_page_parent_class)->dispose (object);
}

static void
opora_data_page_finalize (GObject *object)
{
  OporaDataPage *self = (OporaDataPage *) object;

  g_clear_pointer (&self->key_indicators, g_ptr_array_unref);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (opora_data_page_parent_class)->finalize (object);
}

static void
opora_data_page_class_init (OporaDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_data_page_dispose;
  object_class->finalize = opora_data_page_finalize;

  g_type_ensure (OPORA_TYPE_PACED_SELECTION);
  g_type_ensure (OPORA_TYPE_SCHOOL_ITEM);
  g_type_ensure (OPORA_TYPE_SCHOOL_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-data-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, data_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, school_view);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, selection);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, filter);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, schools);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, detail);
  gtk_widget_class_bind_template_child (widget_class, OporaDataPage, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_changed_cb);
}

static void
opora_data_page_init (OporaDataPage *self)
{
  self->key_indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->filter, filter_school, self, NULL);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (selection_items_changed_cb), self);
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->school_view));
  add_text_factories (self);
  add_value_columns (self);
  update_count (self);
}
