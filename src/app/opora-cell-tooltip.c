/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tooltips of list cells, asked for only when shown: binding a row must not talk to the display. */

#include "opora-cell-tooltip.h"

/* GTK 4.8's gtk_widget_set_tooltip_text() looks up where the pointer is, a round
 * trip to the X server for every cell bound: 200 rows of a nation-sized list took
 * the window 0.3 s. Here binding only keeps the text; GTK asks for it on hover. */
#define TOOLTIP_KEY "opora-cell-tooltip"
#define MAKER_KEY   "opora-cell-tooltip-maker"

/* A tooltip made when it is shown, from the row's own figures: a table of
 * 40,000 schools kept a kilobyte of tooltips per school otherwise. */
typedef struct {
  OporaCellTooltipFunc  func;
  GObject              *item;
  guint                 cell;
} Maker;

static void
maker_free (Maker *maker)
{
  g_object_unref (maker->item);
  g_free (maker);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
  Maker *maker = g_object_get_data (G_OBJECT (widget), MAKER_KEY);
  g_autofree char *made = NULL;

  if (text == NULL && maker != NULL)
    text = made = maker->func (maker->item, maker->cell);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * opora_cell_tooltip_init:
 * @widget: a cell's widget, when the factory sets it up
 *
 * Lets @widget show the text opora_cell_tooltip_set() gives it.
 */
void
opora_cell_tooltip_init (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/**
 * opora_cell_tooltip_set:
 * @widget: a widget opora_cell_tooltip_init() set up
 * @text: (nullable): its tooltip; %NULL for none
 *
 * Sets the tooltip @widget shows from the next time the pointer rests on it.
 */
void
opora_cell_tooltip_set (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
  g_object_set_data (G_OBJECT (widget), MAKER_KEY, NULL);
}

/**
 * opora_cell_tooltip_set_func:
 * @widget: a widget opora_cell_tooltip_init() set up
 * @func: makes the tooltip when it is shown
 * @item: (type GObject): the row, kept while @widget shows it
 * @cell: passed on to @func
 *
 * Like opora_cell_tooltip_set(), with a text @func makes each time the
 * pointer rests on @widget.
 */
void
opora_cell_tooltip_set_func (GtkWidget            *widget,
                             OporaCellTooltipFunc  func,
                             gpointer              item,
                             guint                 cell)
{
  Maker *maker;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);
  g_return_if_fail (G_IS_OBJECT (item));

  maker = g_new (Maker, 1);
  maker->func = func;
  maker->item = g_object_ref (item);
  maker->cell = cell;
  g_object_set_data (G_OBJECT (widget), TOOLTIP_KEY, NULL);
  g_object_set_data_full (G_OBJECT (widget), MAKER_KEY, maker, (GDestroyNotify) maker_free);
}
