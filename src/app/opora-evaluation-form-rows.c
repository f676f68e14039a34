/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evaluation form's rows: one per criterion, a score and, when expanded, a comment and the evidence. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-evaluation-form-private.h"

static void
row_changed_cb (OporaEvaluationForm *self)
{
  opora_evaluation_form_changed (self);
}

/* "2 — the description", or "2 points" for an option without one. */
static char *
option_label (const OporaRubricOption *option)
{
  g_autofree char *points = g_strdup_printf ("%g", option->points);

  if (option->description != NULL && *option->description != '\0')
    return g_strdup_printf ("%s — %s", points, option->description);
  return g_strdup_printf (ngettext ("%s point", "%s points", (gulong) option->points), points);
}

static GtkWidget *
choice_widget (OporaEvaluationForm  *self,
               CriterionRow         *row)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  /* Translators: the choice of a criterion not scored yet. */
  gtk_string_list_append (labels, _("Not scored"));
  for (guint i = 0; i < row->criterion->options->len; i++)
    {
      g_autofree char *label = option_label (&g_array_index (row->criterion->options, OporaRubricOption, i));
      gtk_string_list_append (labels, label);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (dropdown, 220, -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  row->choice = GTK_DROP_DOWN (dropdown);
  return dropdown;
}

static GtkWidget *
count_widget (OporaEvaluationForm  *self,
              CriterionRow         *row)
{
  g_autofree char *points = g_strdup_printf ("%g", row->criterion->points_per_unit);
  g_autofree char *per_unit = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);

  /* Translators: after the units counted: "× 3 points" each. */
  per_unit = g_strdup_printf (ngettext ("× %s point", "× %s points", (gulong) row->criterion->points_per_unit),
                              points);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), gtk_label_new (per_unit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  row->criterion->title, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  row->count = GTK_SPIN_BUTTON (spin);
  return box;
}

static GtkEditable *
text_row (OporaEvaluationForm *self,
          AdwExpanderRow      *expander,
          const char          *title,
          const char          *name)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_widget_set_name (entry, name);
  g_signal_connect_object (entry, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (expander, entry);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
criterion_row (OporaEvaluationForm *self,
               CriterionRow        *row,
               guint                index)
{
  const OporaCriterion *c = row->criterion;
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *name = g_strdup_printf ("criterion-%u", index + 1);
  g_autofree char *comment = g_strdup_printf ("comment-%u", index + 1);
  g_autofree char *evidence = g_strdup_printf ("evidence-%u", index + 1);
  g_autofree char *title = g_strdup_printf ("%d. %s", c->position > 0 ? c->position : (int) index + 1, c->title);

  gtk_widget_set_name (expander, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  if (c->kind == OPORA_CRITERION_COUNT && c->unit != NULL && *c->unit != '\0')
    {
      /* Translators: the unit a count criterion counts, as "per participant". */
      g_autofree char *unit = g_strdup_printf (_("Counted per %s"), c->unit);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), unit);
    }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               c->kind == OPORA_CRITERION_CHOICE ? choice_widget (self, row) : count_widget (self, row));
  row->comment = text_row (self, ADW_EXPANDER_ROW (expander), _("Comment"), comment);
  row->evidence = text_row (self, ADW_EXPANDER_ROW (expander), _("Evidence"), evidence);
  return expander;
}

/* A boxed list for each group of criteria, titled by the group. */
static GtkListBox *
group_list (OporaEvaluationForm *self,
            const char          *group)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (group != NULL && *group != '\0')
    {
      GtkWidget *heading = gtk_label_new (group);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (self->criteria_box, heading);
    }
  gtk_box_append (self->criteria_box, list);
  return GTK_LIST_BOX (list);
}

/* Replaces the rows with those of the chosen rubric's criteria. */
void
opora_evaluation_form_build_rows (OporaEvaluationForm *self)
{
  const OporaRubric *rubric = opora_evaluation_form_rubric (self);
  GtkWidget *child;
  GtkListBox *list = NULL;
  const char *group = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_box))) != NULL)
    gtk_box_remove (self->criteria_box, child);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; rubric != NULL && i < rubric->criteria->len; i++)
    {
      CriterionRow *row = g_new0 (CriterionRow, 1);

      row->criterion = rubric->criteria->pdata[i];
      if (list == NULL || g_strcmp0 (group, row->criterion->group) != 0)
        list = group_list (self, group = row->criterion->group);
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (list, criterion_row (self, row, i));
    }
}

static const OporaScore *
find_score (const OporaEvaluation *e,
            gint64                 criterion_id)
{
  for (guint i = 0; i < e->scores->len; i++)
    if (g_array_index (e->scores, OporaScore, i).criterion_id == criterion_id)
      return &g_array_index (e->scores, OporaScore, i);
  return NULL;
}

static guint
option_index (const OporaCriterion *c,
              double                value)
{
  for (guint i = 0; i < c->options->len; i++)
    if (g_array_index (c->options, OporaRubricOption, i).points == value)
      return i + 1;
  return 0;
}

/* Sets the rows from the evaluation's scores. */
void
opora_evaluation_form_show_scores (OporaEvaluationForm *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      CriterionRow *row = self->rows->pdata[i];
      const OporaScore *s = find_score (self->evaluation, row->criterion->id);

      if (row->choice != NULL)
        gtk_drop_down_set_selected (row->choice, s != NULL ? option_index (row->criterion, s->value) : 0);
      else
        gtk_spin_button_set_value (row->count, s != NULL ? s->value : 0);
      gtk_editable_set_text (row->comment, s != NULL && s->comment != NULL ? s->comment : "");
      gtk_editable_set_text (row->evidence, s != NULL && s->evidence != NULL ? s->evidence : "");
    }
  self->loading = FALSE;
}

/* Sets the evaluation's scores from the rows. */
void
opora_evaluation_form_read_scores (OporaEvaluationForm *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      CriterionRow *row = self->rows->pdata[i];
      double value;

      if (row->choice != NULL)
        {
          guint selected = gtk_drop_down_get_selected (row->choice);

          value = selected == 0 || selected == GTK_INVALID_LIST_POSITION
            ? NAN : g_array_index (row->criterion->options, OporaRubricOption, selected - 1).points;
        }
      else
        value = gtk_spin_button_get_value (row->count);
      opora_evaluation_set_score (self->evaluation, row->criterion->id, value,
                                  gtk_editable_get_text (row->comment),
                                  gtk_editable_get_text (row->evidence));
    }
}
