/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An evaluation's total and level as text, and the badge that shows it with a colour class. */

#include <glib/gi18n.h>

#include "opora-level-badge.h"

static const char *const styles[] = { "error", "warning", "success" };

/**
 * opora_level_style:
 * @level: the level's index, or -1
 * @n_levels: how many levels the rubric has
 *
 * The lowest level is "error", the highest "success", any between "warning":
 * (0, 3) → "error", (1, 3) → "warning", (2, 3) → "success", (-1, 0) → %NULL.
 * The colour only repeats the level's name, which is always shown beside it.
 *
 * Returns: (nullable): a libadwaita style class
 */
const char *
opora_level_style (int   level,
                   guint n_levels)
{
  if (level < 0 || n_levels < 2)
    return NULL;
  if (level == 0)
    return styles[0];
  return (guint) level + 1 >= n_levels ? styles[2] : styles[1];
}

/* Replaces the level style classes of @widget with the one of @level. */
void
opora_level_set_style (GtkWidget *widget,
                       int        level,
                       guint      n_levels)
{
  const char *style = opora_level_style (level, n_levels);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (widget, style);
}

static char *
format_points (double points)
{
  return g_strdup_printf ("%g", points);
}

/**
 * opora_level_total_text:
 *
 * The total with its bound and level, as "8 of 12 — удовлетворительный",
 * or "23 points" for a rubric without an upper bound.
 *
 * Returns: (transfer full): the text
 */
char *
opora_level_total_text (const OporaEvaluation *e)
{
  g_autofree char *total = format_points (e->total);
  g_autofree char *text = NULL;

  if (e->max_total >= 0)
    {
      g_autofree char *max = format_points (e->max_total);

      /* Translators: an evaluation's total, as "8 of 12". */
      text = g_strdup_printf (_("%s of %s"), total, max);
    }
  else
    text = g_strdup_printf (ngettext ("%s point", "%s points", (gulong) e->total), total);
  if (e->level_name != NULL)
    {
      g_autofree char *with_level = g_strdup_printf ("%s — %s", text, e->level_name);
      g_free (text), text = g_steal_pointer (&with_level);
    }
  return g_steal_pointer (&text);
}

/**
 * opora_level_badge_new:
 *
 * Returns: (transfer floating): a label with the total and level of @evaluation,
 *   styled by its level
 */
GtkWidget *
opora_level_badge_new (const OporaEvaluation *evaluation)
{
  g_autofree char *text = opora_level_total_text (evaluation);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  opora_level_set_style (label, evaluation->level, evaluation->n_levels);
  return label;
}
