/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A selection model that lets a list view take a big change of its rows a few dozen rows a frame. */

#include "opora-paced-selection.h"

/* GTK 4.8's list views drop the widgets of every row a change touches and make
 * new ones for up to 200 rows around the view: on a table of ten columns a
 * search or a sort of 40,000 rows kept the window 0.13–0.16 s. This model shows
 * its selection model's rows as a prefix: a change of more than SMALL rows
 * cuts the prefix at STEP rows after it, and the rest come back STEP a frame
 * while they may be in view, then all at once, as OporaListFiller puts in a
 * list's first rows. 25 rows fill a window’s table at once; over two runs each
 * the longest stall while searching was 20 ms shorter than with 50. The
 * selection is the inner model's, so it is kept as it was. */
#define SMALL    50
#define STEP     25
#define WARM_UP  200
#define FRAME_MS 20

struct _OporaPacedSelection
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  guint              n_shown;     /* the rows of @model shown, from the first */
  guint              paced_from;  /* where the last big change began */
  guint              source;
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OporaPacedSelection, opora_paced_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_inner (OporaPacedSelection *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

static gboolean catch_up_cb (gpointer data);

/* While the rows being put back may be in view, each batch waits for a frame to pass. */
static void
schedule (OporaPacedSelection *self)
{
  if (self->source != 0 || self->n_shown >= n_inner (self))
    return;
  if (self->n_shown < self->paced_from + WARM_UP)
    self->source = g_timeout_add_full (G_PRIORITY_DEFAULT, FRAME_MS, catch_up_cb, self, NULL);
  else
    self->source = g_idle_add_full (G_PRIORITY_DEFAULT, catch_up_cb, self, NULL);
}

static gboolean
catch_up_cb (gpointer data)
{
  OporaPacedSelection *self = data;
  guint at = self->n_shown;
  guint n = n_inner (self) - at;

  self->source = 0;
  if (at < self->paced_from + WARM_UP)
    n = MIN (n, STEP);
  self->n_shown += n;
  schedule (self);
  g_list_model_items_changed (G_LIST_MODEL (self), at, 0, n);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  OporaPacedSelection *self)
{
  guint old_shown = self->n_shown;
  guint removed_shown;

  /* Rows past the prefix come with the catching up. */
  if (position > old_shown)
    {
      schedule (self);
      return;
    }
  removed_shown = MIN (removed, old_shown - position);
  if (added <= SMALL)
    {
      self->n_shown = old_shown - removed_shown + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed_shown, added);
    }
  else
    {
      self->n_shown = position + STEP;
      self->paced_from = position;
      g_list_model_items_changed (G_LIST_MODEL (self), position, old_shown - position, STEP);
    }
  schedule (self);
}

static void
selection_changed_cb (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      OporaPacedSelection *self)
{
  if (position < self->n_shown)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                           MIN (n_items, self->n_shown - position));
}

/* ---- GListModel ---- */

static GType
opora_paced_selection_get_item_type (GListModel *list)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (list);

  return self->model != NULL ? g_list_model_get_item_type (G_LIST_MODEL (self->model)) : G_TYPE_OBJECT;
}

static guint
opora_paced_selection_get_n_items (GListModel *list)
{
  return OPORA_PACED_SELECTION (list)->n_shown;
}

static gpointer
opora_paced_selection_get_item (GListModel *list,
                                guint       position)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (list);

  if (position >= self->n_shown)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = opora_paced_selection_get_item_type;
  iface->get_n_items = opora_paced_selection_get_n_items;
  iface->get_item = opora_paced_selection_get_item;
}

/* ---- GtkSelectionModel: the inner model's, position for position ---- */

static gboolean
opora_paced_selection_is_selected (GtkSelectionModel *model,
                                   guint              position)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return position < self->n_shown && gtk_selection_model_is_selected (self->model, position);
}

static GtkBitset *
opora_paced_selection_get_selection_in_range (GtkSelectionModel *model,
                                              guint              position,
                                              guint              n_items)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  if (self->model == NULL)
    return gtk_bitset_new_empty ();
  return gtk_selection_model_get_selection_in_range (self->model, position, n_items);
}

static gboolean
opora_paced_selection_select_item (GtkSelectionModel *model,
                                   guint              position,
                                   gboolean           unselect_rest)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_select_item (self->model, position, unselect_rest);
}

static gboolean
opora_paced_selection_unselect_item (GtkSelectionModel *model,
                                     guint              position)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_unselect_item (self->model, position);
}

static gboolean
opora_paced_selection_select_range (GtkSelectionModel *model,
                                    guint              position,
                                    guint              n_items,
                                    gboolean           unselect_rest)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_select_range (self->model, position, n_items, unselect_rest);
}

static gboolean
opora_paced_selection_unselect_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_unselect_range (self->model, position, n_items);
}

static gboolean
opora_paced_selection_select_all (GtkSelectionModel *model)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_select_all (self->model);
}

static gboolean
opora_paced_selection_unselect_all (GtkSelectionModel *model)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_unselect_all (self->model);
}

static gboolean
opora_paced_selection_set_selection (GtkSelectionModel *model,
                                     GtkBitset         *selected,
                                     GtkBitset         *mask)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (model);

  return self->model != NULL && gtk_selection_model_set_selection (self->model, selected, mask);
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = opora_paced_selection_is_selected;
  iface->get_selection_in_range = opora_paced_selection_get_selection_in_range;
  iface->select_item = opora_paced_selection_select_item;
  iface->unselect_item = opora_paced_selection_unselect_item;
  iface->select_range = opora_paced_selection_select_range;
  iface->unselect_range = opora_paced_selection_unselect_range;
  iface->select_all = opora_paced_selection_select_all;
  iface->unselect_all = opora_paced_selection_unselect_all;
  iface->set_selection = opora_paced_selection_set_selection;
}

/* ---- GObject ---- */

static void
opora_paced_selection_dispose (GObject *object)
{
  OporaPacedSelection *self = (OporaPacedSelection *) object;

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->n_shown = 0;

  G_OBJECT_CLASS (opora_paced_selection_parent_class)->dispose (object);
}

static void
opora_paced_selection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_paced_selection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OporaPacedSelection *self = OPORA_PACED_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      opora_paced_selection_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_paced_selection_class_init (OporaPacedSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = opora_paced_selection_dispose;
  object_class->get_property = opora_paced_selection_get_property;
  object_class->set_property = opora_paced_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         GTK_TYPE_SELECTION_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
opora_paced_selection_init (OporaPacedSelection *self)
{
}

/**
 * opora_paced_selection_new:
 * @model: (nullable): the selection model whose rows and selection to show
 *
 * Returns: (transfer full): the model
 */
OporaPacedSelection *
opora_paced_selection_new (GtkSelectionModel *model)
{
  g_return_val_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model), NULL);

  return g_object_new (OPORA_TYPE_PACED_SELECTION, "model", model, NULL);
}

/**
 * opora_paced_selection_get_model:
 *
 * Returns: (transfer none) (nullable): the selection model whose rows it shows
 */
GtkSelectionModel *
opora_paced_selection_get_model (OporaPacedSelection *self)
{
  g_return_val_if_fail (OPORA_IS_PACED_SELECTION (self), NULL);

  return self->model;
}

/**
 * opora_paced_selection_set_model:
 * @self: the model
 * @model: (nullable): the selection model whose rows and selection to show
 *
 * Shows the rows of @model, the first ones at once and the others paced.
 */
void
opora_paced_selection_set_model (OporaPacedSelection *self,
                                 GtkSelectionModel   *model)
{
  guint old_shown;

  g_return_if_fail (OPORA_IS_PACED_SELECTION (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  old_shown = self->n_shown;
  self->n_shown = 0;
  if (model != NULL)
    {
      g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }
  /* As if every row went and the model's came. */
  self->n_shown = n_inner (self) <= SMALL ? n_inner (self) : STEP;
  self->paced_from = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, self->n_shown);
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * opora_paced_selection_flush:
 * @self: the model
 *
 * Shows every row of the inner model now, as before scrolling to one of them.
 */
void
opora_paced_selection_flush (OporaPacedSelection *self)
{
  guint at;

  g_return_if_fail (OPORA_IS_PACED_SELECTION (self));

  at = self->n_shown;
  g_clear_handle_id (&self->source, g_source_remove);
  self->n_shown = n_inner (self);
  if (self->n_shown > at)
    g_list_model_items_changed (G_LIST_MODEL (self), at, 0, self->n_shown - at);
}
