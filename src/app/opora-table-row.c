/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Table rows of text cells with sort values, and column factories and sorters over them. */

#include <math.h>
#include <string.h>

#include "opora-table-row.h"
#include "opora-cell-tooltip.h"
#include "opora-number.h"

/* A nation's tables hold 40,000 rows of a dozen cells, so a row keeps its
 * cells, their texts and its search key in one block instead of an allocation
 * per text: under 0.5 KB a row instead of 1 KB. The block holds n_cells + 1
 * Cells, the last one only for the search key's text, then the texts one after
 * the other, each with its nul. */
#define NO_TEXT G_MAXUINT32

typedef struct {
  double        value;    /* sorts the column; NaN sorts by the text, after every number */
  guint32       text_at;  /* where the text starts in the row's texts, or NO_TEXT */
  OporaCellMood mood;
} Cell;

struct _OporaTableRow
{
  GObject  parent_instance;

  gint64   id;
  guint    n_cells;
  Cell    *block;       /* the cells, the search key's, then the texts */
  char   **tooltips;    /* n_cells, each nullable; NULL while no cell has its own */
  guint    flags;
  int      group;

  /* Makes the tooltips of cells without one of their own, when shown */
  OporaTableRowTooltipFunc tooltip_func;
  gpointer                 tooltip_data;
  GDestroyNotify           tooltip_destroy;
};

G_DEFINE_FINAL_TYPE (OporaTableRow, opora_table_row, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
opora_table_row_finalize (GObject *object)
{
  OporaTableRow *self = (OporaTableRow *) object;

  g_free (self->block);
  if (self->tooltips != NULL)
    for (guint i = 0; i < self->n_cells; i++)
      g_free (self->tooltips[i]);
  g_free (self->tooltips);
  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);

  G_OBJECT_CLASS (opora_table_row_parent_class)->finalize (object);
}

static void
opora_table_row_class_init (OporaTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opora_table_row_finalize;

  /**
   * OporaTableRow::changed:
   *
   * Some cells changed; the columns show them again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
opora_table_row_init (OporaTableRow *self)
{
}

/**
 * opora_table_row_new:
 * @id: what the row stands for (a school's id, a k), for the caller
 * @n_cells: how many cells the row has; each starts empty
 *
 * Returns: (transfer full): a row
 */
OporaTableRow *
opora_table_row_new (gint64 id,
                     guint  n_cells)
{
  OporaTableRow *self = g_object_new (OPORA_TYPE_TABLE_ROW, NULL);

  self->id = id;
  self->n_cells = n_cells;
  self->block = g_new (Cell, n_cells + 1);
  for (guint i = 0; i <= n_cells; i++)
    self->block[i] = (Cell) { NAN, NO_TEXT, OPORA_CELL_PLAIN };
  return self;
}

static Cell *
cell_at (OporaTableRow *self,
         guint          cell)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), NULL);
  g_return_val_if_fail (cell < self->n_cells, NULL);
  return &self->block[cell];
}

static char *
texts_of (OporaTableRow *self)
{
  return (char *) (self->block + self->n_cells + 1);
}

/* The text of cell @slot (n_cells: the search key), "" when it has none. */
static const char *
text_of (OporaTableRow *self,
         guint          slot)
{
  guint at = self->block[slot].text_at;

  return at != NO_TEXT ? texts_of (self) + at : "";
}

gint64
opora_table_row_get_id (OporaTableRow *self)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), 0);
  return self->id;
}

guint
opora_table_row_get_n_cells (OporaTableRow *self)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), 0);
  return self->n_cells;
}

/**
 * opora_table_row_get_text:
 *
 * Returns: the cell's text, "" when it has none; valid until a text of the row is set
 */
const char *
opora_table_row_get_text (OporaTableRow *self,
                          guint          cell)
{
  Cell *c = cell_at (self, cell);

  return c != NULL ? text_of (self, cell) : "";
}

/**
 * opora_table_row_get_value:
 *
 * Returns: the cell's figure, NaN when it has none
 */
double
opora_table_row_get_value (OporaTableRow *self,
                           guint          cell)
{
  Cell *c = cell_at (self, cell);

  return c != NULL ? c->value : NAN;
}

OporaCellMood
opora_table_row_get_mood (OporaTableRow *self,
                          guint          cell)
{
  Cell *c = cell_at (self, cell);

  return c != NULL ? c->mood : OPORA_CELL_PLAIN;
}

/**
 * opora_table_row_get_tooltip:
 *
 * Returns: (nullable): the cell's own tooltip
 */
const char *
opora_table_row_get_tooltip (OporaTableRow *self,
                             guint          cell)
{
  Cell *c = cell_at (self, cell);

  return c != NULL && self->tooltips != NULL ? self->tooltips[cell] : NULL;
}

/* Makes @slot's text @text (nullable), the others kept in their order. The
 * block is made anew each time, so @text may be one of the row's own texts. */
static void
store_text (OporaTableRow *self,
            guint          slot,
            const char    *text)
{
  g_autofree Cell *old = NULL;
  const char *old_texts;
  gsize size = 0, at = 0;

  if (self->block[slot].text_at == NO_TEXT && text == NULL)
    return;
  for (guint i = 0; i <= self->n_cells; i++)
    if (i == slot ? text != NULL : self->block[i].text_at != NO_TEXT)
      size += strlen (i == slot ? text : text_of (self, i)) + 1;
  g_return_if_fail (size < NO_TEXT);
  old = g_steal_pointer (&self->block);
  old_texts = (const char *) (old + self->n_cells + 1);
  self->block = g_malloc (sizeof (Cell) * (self->n_cells + 1) + size);
  memcpy (self->block, old, sizeof (Cell) * (self->n_cells + 1));
  for (guint i = 0; i <= self->n_cells; i++)
    {
      const char *keep = i == slot ? text : old[i].text_at != NO_TEXT ? old_texts + old[i].text_at : NULL;
      gsize len = keep != NULL ? strlen (keep) + 1 : 0;

      self->block[i].text_at = keep != NULL ? at : NO_TEXT;
      if (keep != NULL)
        memcpy (texts_of (self) + at, keep, len);
      at += len;
    }
}

/* The setters change the cell only; opora_table_row_changed() shows the changes. */
void
opora_table_row_set_text (OporaTableRow *self,
                          guint          cell,
                          const char    *text)
{
  Cell *c = cell_at (self, cell);

  g_return_if_fail (c != NULL);
  store_text (self, cell, text);
}

void
opora_table_row_set_number (OporaTableRow *self,
                            guint          cell,
                            double         value,
                            const char    *text)
{
  Cell *c = cell_at (self, cell);

  g_return_if_fail (c != NULL);
  c->value = value;
  store_text (self, cell, text);
}

void
opora_table_row_set_mood (OporaTableRow *self,
                          guint          cell,
                          OporaCellMood  mood)
{
  Cell *c = cell_at (self, cell);

  g_return_if_fail (c != NULL);
  c->mood = mood;
}

void
opora_table_row_set_tooltip (OporaTableRow *self,
                             guint          cell,
                             const char    *tooltip)
{
  Cell *c = cell_at (self, cell);
  char *copy;

  g_return_if_fail (c != NULL);
  if (self->tooltips == NULL && tooltip == NULL)
    return;
  if (self->tooltips == NULL)
    self->tooltips = g_new0 (char *, self->n_cells);
  copy = g_strdup (tooltip);
  g_free (self->tooltips[cell]);
  self->tooltips[cell] = copy;
}

/**
 * opora_table_row_set_tooltip_func:
 * @self: the row
 * @func: (nullable): makes the tooltip of a cell that has none of its own
 * @data: the figures @func makes it from, owned by the row
 * @destroy: (nullable): frees @data with the row
 *
 * Lets the row's tooltips be made when they are shown instead of kept.
 */
void
opora_table_row_set_tooltip_func (OporaTableRow            *self,
                                  OporaTableRowTooltipFunc  func,
                                  gpointer                  data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (OPORA_IS_TABLE_ROW (self));

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);
  self->tooltip_func = func;
  self->tooltip_data = data;
  self->tooltip_destroy = destroy;
}

/**
 * opora_table_row_dup_tooltip:
 *
 * Returns: (transfer full) (nullable): the cell's own tooltip, else the one
 *   the row's tooltip function makes
 */
char *
opora_table_row_dup_tooltip (OporaTableRow *self,
                             guint          cell)
{
  const char *own = opora_table_row_get_tooltip (self, cell);

  if (own != NULL || self->tooltip_func == NULL)
    return g_strdup (own);
  return self->tooltip_func (self, cell, self->tooltip_data);
}

/**
 * opora_table_row_get_flags:
 *
 * Returns: the caller's flags, for filtering (0 unless set)
 */
guint
opora_table_row_get_flags (OporaTableRow *self)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), 0);
  return self->flags;
}

void
opora_table_row_set_flags (OporaTableRow *self,
                           guint          flags)
{
  g_return_if_fail (OPORA_IS_TABLE_ROW (self));
  self->flags = flags;
}

/**
 * opora_table_row_get_group:
 *
 * Returns: the caller's group number (a cluster, say), for filtering
 */
int
opora_table_row_get_group (OporaTableRow *self)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), 0);
  return self->group;
}

void
opora_table_row_set_group (OporaTableRow *self,
                           int            group)
{
  g_return_if_fail (OPORA_IS_TABLE_ROW (self));
  self->group = group;
}

/**
 * opora_table_row_set_search_text:
 * @text: (nullable): what a search looks in, e.g. "code name"
 */
void
opora_table_row_set_search_text (OporaTableRow *self,
                                 const char    *text)
{
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  g_return_if_fail (OPORA_IS_TABLE_ROW (self));
  store_text (self, self->n_cells, folded);
}

/**
 * opora_table_row_matches:
 * @folded_text: (nullable): a case-folded search, %NULL for none
 *
 * Returns: whether the row's search text holds @folded_text
 */
gboolean
opora_table_row_matches (OporaTableRow *self,
                         const char    *folded_text)
{
  g_return_val_if_fail (OPORA_IS_TABLE_ROW (self), FALSE);
  if (folded_text == NULL || *folded_text == '\0')
    return TRUE;
  return self->block[self->n_cells].text_at != NO_TEXT && strstr (text_of (self, self->n_cells), folded_text) != NULL;
}

/**
 * opora_table_row_changed:
 *
 * Shows the row's cells again wherever they are shown.
 */
void
opora_table_row_changed (OporaTableRow *self)
{
  g_return_if_fail (OPORA_IS_TABLE_ROW (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ---- Columns ---- */

#define CELL_OF(data) (GPOINTER_TO_UINT (data) & 0xFFFF)
#define KIND_OF(data) ((OporaCellKind) (GPOINTER_TO_UINT (data) >> 16))

static const char * const mood_classes[] = { NULL, "error", "success", "dim-label" };

/* A cell of text without a tooltip shows its whole text in one. */
static char *
make_tooltip (gpointer item,
              guint    data)
{
  OporaTableRow *row = item;
  char *tooltip = opora_table_row_dup_tooltip (row, CELL_OF (data));
  const char *text = opora_table_row_get_text (row, CELL_OF (data));

  if (tooltip == NULL && KIND_OF (data) == OPORA_CELL_TEXT && *text != '\0')
    return g_strdup (text);
  return tooltip;
}

static void
show_cell (GtkLabel      *label,
           OporaTableRow *row,
           guint          cell,
           OporaCellKind  kind)
{
  const char *tooltip = opora_table_row_get_tooltip (row, cell);
  OporaCellMood mood = opora_table_row_get_mood (row, cell);

  gtk_label_set_text (label, opora_table_row_get_text (row, cell));
  if (tooltip == NULL && row->tooltip_func != NULL)
    opora_cell_tooltip_set_func (GTK_WIDGET (label), make_tooltip, row, cell | (guint) kind << 16);
  else
    {
      if (tooltip == NULL && kind == OPORA_CELL_TEXT && *opora_table_row_get_text (row, cell) != '\0')
        tooltip = opora_table_row_get_text (row, cell);
      opora_cell_tooltip_set (GTK_WIDGET (label), tooltip);
    }
  for (guint m = 1; m < G_N_ELEMENTS (mood_classes); m++)
    if (m == mood)
      gtk_widget_add_css_class (GTK_WIDGET (label), mood_classes[m]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (label), mood_classes[m]);
}

static void
row_changed_cb (OporaTableRow *row,
                GtkListItem   *list_item)
{
  gpointer data = g_object_get_data (G_OBJECT (list_item), "opora-cell");

  show_cell (GTK_LABEL (gtk_list_item_get_child (list_item)), row, CELL_OF (data), KIND_OF (data));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (KIND_OF (data) == OPORA_CELL_NUMBER)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  opora_cell_tooltip_init (label);
  g_object_set_data (G_OBJECT (list_item), "opora-cell", data);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  OporaTableRow *row = gtk_list_item_get_item (list_item);
  gulong handler;

  show_cell (GTK_LABEL (gtk_list_item_get_child (list_item)), row, CELL_OF (data), KIND_OF (data));
  handler = g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "opora-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  data)
{
  OporaTableRow *row = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "opora-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (list_item), "opora-handler", NULL);
}

/* Figures before missing ones, then missing ones by their text. */
static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  guint cell = CELL_OF (data);
  double x = opora_table_row_get_value ((OporaTableRow *) a, cell);
  double y = opora_table_row_get_value ((OporaTableRow *) b, cell);

  if (!isnan (x) && !isnan (y))
    return (x > y) - (x < y);
  if (isnan (x) != isnan (y))
    return isnan (x) - isnan (y);
  return g_utf8_collate (opora_table_row_get_text ((OporaTableRow *) a, cell),
                         opora_table_row_get_text ((OporaTableRow *) b, cell));
}

/**
 * opora_table_column_setup:
 * @column: a column, e.g. one a template declares with its title and width
 * @cell: the cell of #OporaTableRow it shows
 * @kind: how it shows it
 *
 * Gives @column a factory that shows the cell (again whenever the row
 * changes) and a sorter by the cell's figure, else its text.
 */
void
opora_table_column_setup (GtkColumnViewColumn *column,
                          guint                cell,
                          OporaCellKind        kind)
{
  gpointer data = GUINT_TO_POINTER (cell | (guint) kind << 16);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, data, NULL));

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (cell <= 0xFFFF);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), data);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

/**
 * opora_table_column_new:
 * @title: the header
 * @cell: the cell it shows
 * @kind: how
 *
 * Returns: (transfer full): a resizable column set up by opora_table_column_setup()
 */
GtkColumnViewColumn *
opora_table_column_new (const char    *title,
                        guint          cell,
                        OporaCellKind  kind)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, NULL);

  gtk_column_view_column_set_resizable (column, TRUE);
  opora_table_column_setup (column, cell, kind);
  return column;
}

/**
 * opora_format_number:
 * @value: a figure, NaN when missing
 * @digits: digits after the decimal separator
 * @plus: whether to show "+" before a positive figure
 *
 * The window's tables' numbers: opora_number_format() without thousands
 * grouping, so columns of figures keep one shape.
 *
 * Returns: (transfer full): the text
 */
char *
opora_format_number (double   value,
                     int      digits,
                     gboolean plus)
{
  return opora_number_format (value, digits, plus ? OPORA_NUMBER_FORMAT_PLUS : 0);
}
