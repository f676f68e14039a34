/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's parts as widgets: a figure's card, the levels card, a ranking row, the outcome chart and its numbers. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "opora-dashboard-widgets.h"
#include "opora-level-badge.h"
#include "opora-plot-outcome.h"
#include "opora-plot-sparkline.h"
#include "opora-program.h"
#include "opora-table-row.h"

static char *
figure_value_text (const OporaFigure *f,
                   double             value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (f->kind == OPORA_FIGURE_ON_TIME)
    return g_strdup_printf ("%.0f %%", value);
  return g_strdup_printf ("%.0f", value);
}

/**
 * opora_dashboard_change_text:
 *
 * The change from the year before in words, so that colour is not its only
 * carrier: "▼ 3 fewer than in 2024/25 — better".
 *
 * Returns: (transfer full): the text
 */
char *
opora_dashboard_change_text (const OporaFigure *f,
                             int                year)
{
  g_autofree char *before = opora_school_year_label (year - 1);
  double change = f->change;
  const char *unit = f->kind == OPORA_FIGURE_ON_TIME ? _(" p.p.") : "";

  if (!isfinite (change))
    return g_strdup_printf (_("nothing to compare with in %s"), before);
  if (change == 0)
    return g_strdup_printf (_("= the same as in %s"), before);
  g_autofree char *number = opora_format_number (change, 0, TRUE);

  /* Translators: an arrow, the change with its sign and unit, the school year before, and whether that is good. */
  return g_strdup_printf (_("%s %s%s against %s — %s"), change > 0 ? "▲" : "▼", number, unit, before,
                          opora_figure_is_good (f) ? _("better") : _("worse"));
}

static GtkWidget *
card_box (GtkWidget **content)
{
  GtkWidget *button = gtk_button_new ();

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (*content, 12);
  gtk_widget_set_margin_bottom (*content, 12);
  gtk_widget_set_margin_start (*content, 14);
  gtk_widget_set_margin_end (*content, 14);
  gtk_button_set_child (GTK_BUTTON (button), *content);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "dashboard-card");
  gtk_widget_set_size_request (button, 200, -1);
  return button;
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A card's natural width stays small, so that more cards fit on a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/**
 * opora_dashboard_card_new:
 *
 * A key figure as a card: its name, its value, and its change from the year
 * before with an arrow, the signed number and whether it is better or worse
 * (coloured too). Clicking it is for the caller: show what is behind it.
 *
 * Returns: (transfer floating): a #GtkButton
 */
GtkWidget *
opora_dashboard_card_new (const OporaFigure *f,
                          int                year)
{
  GtkWidget *content;
  GtkWidget *button = card_box (&content);
  g_autofree char *value = figure_value_text (f, f->value);
  g_autofree char *change = opora_dashboard_change_text (f, year);
  g_autofree char *accessible = NULL;
  GtkWidget *change_label;

  add_label (content, opora_figure_label (f->kind), "dim-label");
  add_label (content, value, "title-1");
  if (f->kind == OPORA_FIGURE_ON_TIME && f->denominator > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u measure due", "%u of %u measures due",
                                                             f->denominator), f->numerator, f->denominator);
      add_label (content, count, "caption");
    }
  change_label = add_label (content, change, "caption");
  if (isfinite (f->change) && f->change != 0)
    gtk_widget_add_css_class (change_label, opora_figure_is_good (f) ? "success" : "error");
  accessible = g_strdup_printf ("%s: %s, %s", opora_figure_label (f->kind), value, change);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, _("Show what is behind this figure"));
  return button;
}

/**
 * opora_dashboard_levels_card_new:
 *
 * The mentors and tutors of the year by level, each level's count with its
 * change from the year before, the level name written out.
 *
 * Returns: (transfer floating): a #GtkButton
 */
GtkWidget *
opora_dashboard_levels_card_new (const OporaDashboard *d)
{
  GtkWidget *content;
  GtkWidget *button = card_box (&content);
  g_autoptr(GString) accessible = g_string_new (_("Mentors and tutors by level"));

  add_label (content, _("Mentors and tutors by level"), "dim-label");
  if (d->levels->len == 0)
    add_label (content, _("No evaluations this year"), "title-4");
  for (guint i = d->levels->len; i-- > 0;)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *count = g_strdup_printf ("%u", l->count);
      g_autofree char *delta_text = opora_format_number ((double) l->count - l->previous, 0, TRUE);
      g_autofree char *change = l->count == l->previous ? g_strdup ("=")
                                : g_strdup_printf ("%s %s", l->count > l->previous ? "▲" : "▼", delta_text);
      GtkWidget *number = gtk_label_new (count);
      GtkWidget *badge = gtk_label_new (l->name);
      GtkWidget *delta = gtk_label_new (change);

      gtk_widget_add_css_class (number, "title-3");
      gtk_widget_set_size_request (number, 32, -1);
      gtk_label_set_xalign (GTK_LABEL (number), 1);
      opora_level_set_style (badge, l->level, l->n_levels);
      gtk_widget_add_css_class (delta, "caption");
      gtk_widget_add_css_class (delta, "dim-label");
      gtk_box_append (GTK_BOX (row), number);
      gtk_box_append (GTK_BOX (row), badge);
      gtk_box_append (GTK_BOX (row), delta);
      gtk_box_append (GTK_BOX (content), row);
      g_string_append_printf (accessible, ", %s: %u (%s)", l->name, l->count, change);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
  gtk_widget_set_tooltip_text (button, _("Show the evaluations of the year"));
  return button;
}

/* ---- Ranking ---- */

static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const OporaDashboardRank *rank = user_data;
  GdkRGBA ink;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ink);
  opora_plot_sparkline_render (cr, rank->history, rank->max_total, 2, 3, width - 4, height - 6,
                               ink.red, ink.green, ink.blue);
}

static char *
history_text (const OporaDashboardRank *rank)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < rank->history->len; i++)
    {
      const OporaDashboardPoint *p = &g_array_index (rank->history, OporaDashboardPoint, i);
      g_autofree char *year = opora_school_year_label (p->year);

      g_string_append_printf (text, "%s%s: %g", i > 0 ? ", " : "", year, p->total);
    }
  return g_string_free (text, FALSE);
}

/**
 * opora_dashboard_rank_row_new:
 * @rank: (transfer none): kept alive by the caller while the row lives
 *
 * A row of the ranking: the place, name and role, the totals over the years
 * as a sparkline (its numbers in the tooltip), this year's total and level.
 *
 * Returns: (transfer floating): an activatable #GtkListBoxRow
 */
GtkWidget *
opora_dashboard_rank_row_new (const OporaDashboardRank *rank,
                              guint                     position)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *spark = gtk_drawing_area_new ();
  g_autofree char *place = g_strdup_printf ("%u", position);
  g_autofree char *total = rank->max_total >= 0 ? g_strdup_printf (_("%g of %g"), rank->total, rank->max_total)
                                                : g_strdup_printf (_("%g points"), rank->total);
  g_autofree char *history = history_text (rank);
  g_autofree char *accessible = NULL;
  GtkWidget *place_label = gtk_label_new (place), *name, *role, *total_label, *badge;

  gtk_widget_set_size_request (place_label, 24, -1);
  gtk_widget_add_css_class (place_label, "dim-label");
  gtk_box_append (GTK_BOX (box), place_label);
  name = add_label (names, rank->name, "heading");
  gtk_label_set_wrap (GTK_LABEL (name), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  role = add_label (names, opora_role_label (rank->role), "caption");
  gtk_widget_add_css_class (role, "dim-label");
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (box), names);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (spark), 90);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (spark), 28);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (spark), draw_sparkline, (gpointer) rank, NULL);
  gtk_widget_set_tooltip_text (spark, history);
  gtk_widget_set_valign (spark, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), spark);

  total_label = gtk_label_new (total);
  gtk_widget_set_size_request (total_label, 70, -1);
  gtk_label_set_xalign (GTK_LABEL (total_label), 1);
  gtk_widget_add_css_class (total_label, "numeric");
  gtk_box_append (GTK_BOX (box), total_label);
  badge = gtk_label_new (rank->level_name != NULL ? rank->level_name : "—");
  gtk_label_set_width_chars (GTK_LABEL (badge), 20);
  gtk_label_set_xalign (GTK_LABEL (badge), 0);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  if (rank->level_name != NULL)
    opora_level_set_style (badge, rank->level, rank->n_levels);
  gtk_box_append (GTK_BOX (box), badge);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  accessible = g_strdup_printf ("%u. %s, %s: %s, %s; %s", position, rank->name, opora_role_label (rank->role), total,
                                rank->level_name != NULL ? rank->level_name : "—", history);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

/* ---- Outcome ---- */

typedef struct {
  OporaPlotOutcome     *model;
  double                width, height;
  OporaOutcomeActivate  activate;
  gpointer              user_data;
} Outcome;

static void
outcome_free (gpointer data)
{
  Outcome *o = data;

  opora_plot_outcome_free (o->model);
  g_free (o);
}

static void
draw_outcome (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  Outcome *o = user_data;

  o->width = width;
  o->height = height;
  opora_plot_outcome_render (o->model, cr, width, height, 1.0);
}

static void
outcome_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  Outcome *o = user_data;
  g_autoptr(OporaPlotOutcomeLayout) layout = opora_plot_outcome_layout_new (o->model, o->width, o->height, 1.0);

  for (guint i = 0; i < 2 * o->model->groups->len; i++)
    {
      const OporaPlotRect *bar = &layout->bars[i];
      /* Short bars are hard to hit: the whole column of the bar counts. */
      if (x >= bar->x && x <= bar->x + bar->width && y >= layout->plot.y && y <= layout->plot.y + layout->plot.height)
        {
          o->activate (i / 2, i % 2 == 0, o->user_data);
          return;
        }
    }
}

/**
 * opora_dashboard_outcome_new:
 *
 * The outcome chart drawn by the project's renderer; a click on a bar calls
 * @activate with the group and whether it is the supported schools' bar.
 * The same numbers are in opora_dashboard_outcome_table().
 *
 * Returns: (transfer floating): a #GtkDrawingArea
 */
GtkWidget *
opora_dashboard_outcome_new (const OporaDashboard *d,
                             OporaOutcomeActivate  activate,
                             gpointer              user_data)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Outcome *o = g_new0 (Outcome, 1);
  GtkGesture *click = gtk_gesture_click_new ();

  o->activate = activate;
  o->user_data = user_data;
  o->model = opora_plot_outcome_new (_("supported schools"), _("similar schools without support"));
  for (guint i = 0; i < d->outcome->len; i++)
    {
      const OporaDashboardOutcome *g = d->outcome->pdata[i];
      g_autofree char *name = g->cluster == 0 ? g_strdup (_("All clusters"))
                              : g->name != NULL ? g_strdup (g->name) : g_strdup_printf (_("Cluster %d"), g->cluster);

      opora_plot_outcome_add_group (o->model, name, g->mean_supported, g->n_supported, g->mean_other, g->n_other,
                                    g->cluster == 0);
    }
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 280);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 380);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_outcome, o, outcome_free);
  g_signal_connect (click, "pressed", G_CALLBACK (outcome_pressed_cb), o);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_tooltip_text (area, _("Click a bar to see its schools; the numbers are in the table beside"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change of the results index: supported schools against similar schools without support"), -1);
  return area;
}

static void
count_clicked_cb (GtkButton *button,
                  gpointer   activate)
{
  ((OporaOutcomeActivate) activate) (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "group")),
                                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "supported")),
                                     g_object_get_data (G_OBJECT (button), "activate-data"));
}

static GtkWidget *
cell (GtkGrid    *grid,
      const char *text,
      int         column,
      int         row,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

/**
 * opora_dashboard_outcome_table:
 *
 * The outcome's numbers: per cluster, how many schools in each group, their
 * mean change of the results index and the difference. Each group's count is a
 * button that calls @activate, to show its schools.
 *
 * Returns: (transfer floating): a #GtkGrid
 */
GtkWidget *
opora_dashboard_outcome_table (const OporaDashboard *d,
                               OporaOutcomeActivate  activate,
                               gpointer              user_data)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *headers[] = { N_("Cluster"), N_("Supported"), N_("Change"), N_("Others"), N_("Change"), N_("Difference") };

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_widget_set_valign (GTK_WIDGET (grid), GTK_ALIGN_CENTER);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    cell (grid, _(headers[c]), c, 0, "heading");
  for (guint i = 0; i < d->outcome->len; i++)
    {
      const OporaDashboardOutcome *g = d->outcome->pdata[i];
      g_autofree char *name = g->cluster == 0 ? g_strdup (_("All clusters"))
                              : g->name != NULL ? g_strdup (g->name) : g_strdup_printf (_("Cluster %d"), g->cluster);
      g_autofree char *supported = opora_format_number (g->mean_supported, 2, TRUE);
      g_autofree char *other = opora_format_number (g->mean_other, 2, TRUE);
      g_autofree char *difference = opora_format_number (g->difference, 2, TRUE);
      g_autofree char *n_supported = g_strdup_printf ("%u", g->n_supported);
      g_autofree char *n_other = g_strdup_printf ("%u", g->n_other);
      const char *emphasis = g->cluster == 0 ? "heading" : NULL;
      GtkWidget *label = cell (grid, name, 0, i + 1, emphasis);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_widget_set_tooltip_text (label, name);
      for (int k = 0; k < 2; k++)
        {
          GtkWidget *button = gtk_button_new_with_label (k == 0 ? n_supported : n_other);
          g_autofree char *tip = g_strdup_printf (k == 0 ? _("Show the supported schools of %s") : _("Show the other schools of %s"), name);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, tip);
          g_object_set_data (G_OBJECT (button), "group", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (button), "supported", GINT_TO_POINTER (k == 0));
          g_object_set_data (G_OBJECT (button), "activate-data", user_data);
          g_signal_connect (button, "clicked", G_CALLBACK (count_clicked_cb), (gpointer) activate);
          gtk_grid_attach (grid, button, 1 + 2 * k, i + 1, 1, 1);
        }
      cell (grid, supported, 2, i + 1, emphasis);
      cell (grid, other, 4, i + 1, emphasis);
      cell (grid, difference, 5, i + 1, emphasis);
    }
  return GTK_WIDGET (grid);
}
