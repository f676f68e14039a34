/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rubric editor's rows: criteria with their options or count, and the levels; edits go into the rubric. */

#include <glib/gi18n.h>

#include "opora-rubric-editor-private.h"

/* The rows keep the index of what they edit: the arrays move when they grow. */
#define INDEX_KEY "opora-index"
#define CRITERION_KEY "opora-criterion"

static guint
index_of (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (widget, INDEX_KEY));
}

static OporaCriterion *
criterion_of (gpointer widget)
{
  return g_object_get_data (widget, CRITERION_KEY);
}

static void
tag (gpointer        widget,
     OporaCriterion *criterion,
     guint           index)
{
  g_object_set_data (widget, CRITERION_KEY, criterion);
  g_object_set_data (widget, INDEX_KEY, GUINT_TO_POINTER (index));
}

static void
set_string (char       **field,
            GtkEditable *editable)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (editable));
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
points_spin (double value,
             double lower)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, 10000, 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

/* ---- Criteria: edits of fields ---- */

static void
title_changed_cb (GtkEditable *editable)
{
  set_string (&criterion_of (editable)->title, editable);
}

static void
group_changed_cb (GtkEditable *editable)
{
  set_string (&criterion_of (editable)->group, editable);
}

static void
unit_changed_cb (GtkEditable *editable)
{
  set_string (&criterion_of (editable)->unit, editable);
}

static void
per_unit_changed_cb (GtkSpinButton *spin)
{
  criterion_of (spin)->points_per_unit = gtk_spin_button_get_value (spin);
}

static void
option_points_cb (GtkSpinButton *spin)
{
  g_array_index (criterion_of (spin)->options, OporaRubricOption, index_of (spin)).points =
    gtk_spin_button_get_value (spin);
}

static void
option_description_cb (GtkEditable *editable)
{
  set_string (&g_array_index (criterion_of (editable)->options, OporaRubricOption, index_of (editable)).description,
              editable);
}

static void
kind_changed_cb (AdwComboRow       *row,
                 GParamSpec        *pspec,
                 OporaRubricEditor *self)
{
  OporaCriterion *c = criterion_of (row);
  OporaCriterionKind kind = adw_combo_row_get_selected (row) == 1 ? OPORA_CRITERION_COUNT : OPORA_CRITERION_CHOICE;

  if (kind == c->kind)
    return;
  c->kind = kind;
  if (kind == OPORA_CRITERION_COUNT && c->points_per_unit <= 0)
    c->points_per_unit = 1;
  if (kind == OPORA_CRITERION_CHOICE && c->options->len == 0)
    for (int p = 0; p <= 2; p++)
      opora_criterion_add_option (c, p, "");
  self->expanded = c;
  opora_rubric_editor_rebuild (self);
}

/* ---- Criteria: the rows ---- */

static GtkWidget *
entry_row (OporaCriterion *c,
           const char     *title,
           const char     *text,
           GCallback       changed)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  tag (row, c, 0);
  g_signal_connect (row, "changed", changed, NULL);
  return row;
}

static GtkWidget *
option_row (OporaCriterion *c,
            guint           position,
            guint           index)
{
  const OporaRubricOption *o = &g_array_index (c->options, OporaRubricOption, index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = points_spin (o->points, 0);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = g_strdup_printf ("option-%u-%u", position + 1, index + 1);

  /* Translators: a row of a choice criterion's scale. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Option"));
  gtk_widget_set_name (row, name);
  tag (spin, c, index);
  tag (entry, c, index);
  gtk_editable_set_text (GTK_EDITABLE (entry), o->description != NULL ? o->description : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Description"));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Points"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (option_points_cb), NULL);
  g_signal_connect (entry, "changed", G_CALLBACK (option_description_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("list-remove-symbolic", _("Remove Option"), "rubric.remove-option",
                                          g_variant_new ("(uu)", position, index)));
  return row;
}

static void
add_scale_rows (OporaRubricEditor *self,
                AdwExpanderRow    *expander,
                OporaCriterion    *c,
                guint              position)
{
  if (c->kind == OPORA_CRITERION_CHOICE)
    {
      GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Option"));
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *name = g_strdup_printf ("add-option-%u", position + 1);

      for (guint i = 0; i < c->options->len; i++)
        adw_expander_row_add_row (expander, option_row (c, position, i));
      gtk_widget_set_name (add, name);
      gtk_widget_set_halign (add, GTK_ALIGN_START);
      gtk_widget_set_margin_top (add, 6), gtk_widget_set_margin_bottom (add, 6), gtk_widget_set_margin_start (add, 12);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "rubric.add-option");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add), g_variant_new_uint32 (position));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), add);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_expander_row_add_row (expander, row);
    }
  else
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = points_spin (c->points_per_unit, 0.1);

      adw_expander_row_add_row (expander, entry_row (c, _("Unit counted"), c->unit, G_CALLBACK (unit_changed_cb)));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Points per unit"));
      tag (spin, c, 0);
      g_signal_connect (spin, "value-changed", G_CALLBACK (per_unit_changed_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_expander_row_add_row (expander, row);
    }
}

static GtkWidget *
kind_row (OporaRubricEditor *self,
          OporaCriterion    *c)
{
  const char *kinds[] = { _("Choice of options"), _("Count of units"), NULL };
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (kinds);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), c->kind == OPORA_CRITERION_COUNT ? 1 : 0);
  tag (row, c, 0);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (kind_changed_cb), self, 0);
  return row;
}

static GtkWidget *
criterion_row (OporaRubricEditor *self,
               OporaCriterion    *c,
               guint              position)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf ("%u. %s", position + 1, c->title != NULL ? c->title : "");
  g_autofree char *name = g_strdup_printf ("rubric-criterion-%u", position + 1);
  guint n = self->rubric->criteria->len;
  GtkWidget *up = icon_button ("go-up-symbolic", _("Move Criterion Up"), "rubric.move-criterion",
                               g_variant_new ("(ui)", position, -1));
  GtkWidget *down = icon_button ("go-down-symbolic", _("Move Criterion Down"), "rubric.move-criterion",
                                 g_variant_new ("(ui)", position, 1));

  gtk_widget_set_name (expander, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), c->group);
  /* The action would do nothing at the ends, so the buttons are not shown there. */
  gtk_widget_set_opacity (up, position > 0 ? 1 : 0);
  gtk_widget_set_can_target (up, position > 0);
  gtk_widget_set_can_focus (up, position > 0);
  gtk_widget_set_opacity (down, position + 1 < n ? 1 : 0);
  gtk_widget_set_can_target (down, position + 1 < n);
  gtk_widget_set_can_focus (down, position + 1 < n);
  /* Each action goes before the ones added earlier: add them right to left. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               icon_button ("user-trash-symbolic", _("Remove Criterion"), "rubric.remove-criterion",
                                            g_variant_new_uint32 (position)));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), down);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), up);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry_row (c, _("Title"), c->title, G_CALLBACK (title_changed_cb)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry_row (c, _("Group"), c->group, G_CALLBACK (group_changed_cb)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), kind_row (self, c));
  add_scale_rows (self, ADW_EXPANDER_ROW (expander), c, position);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), c == self->expanded);
  return expander;
}

/* ---- Levels ---- */

static void
level_min_cb (GtkSpinButton     *spin,
              OporaRubricEditor *self)
{
  g_array_index (self->rubric->levels, OporaRubricLevel, index_of (spin)).min_total = gtk_spin_button_get_value (spin);
}

static void
level_name_cb (GtkEditable       *editable,
               OporaRubricEditor *self)
{
  set_string (&g_array_index (self->rubric->levels, OporaRubricLevel, index_of (editable)).name, editable);
}

static GtkWidget *
level_row (OporaRubricEditor *self,
           guint              index)
{
  const OporaRubricLevel *level = &g_array_index (self->rubric->levels, OporaRubricLevel, index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = points_spin (level->min_total, -10000);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = g_strdup_printf ("level-%u", index + 1);

  /* Translators: a level's lower bound, before a spin button. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("From"));
  gtk_widget_set_name (row, name);
  tag (spin, NULL, index);
  tag (entry, NULL, index);
  gtk_editable_set_text (GTK_EDITABLE (entry), level->name != NULL ? level->name : "");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lowest total of the level"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Level name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Level name"));
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (level_min_cb), self, 0);
  g_signal_connect_object (entry, "changed", G_CALLBACK (level_name_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("list-remove-symbolic", _("Remove Level"), "rubric.remove-level",
                                          g_variant_new_uint32 (index)));
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Shows the rubric's criteria and levels again after a change of their number or order. */
void
opora_rubric_editor_rebuild (OporaRubricEditor *self)
{
  g_return_if_fail (OPORA_IS_RUBRIC_EDITOR (self));

  clear_list (self->criteria_list);
  clear_list (self->levels_list);
  for (guint i = 0; i < self->rubric->criteria->len; i++)
    gtk_list_box_append (self->criteria_list, criterion_row (self, self->rubric->criteria->pdata[i], i));
  for (guint i = 0; i < self->rubric->levels->len; i++)
    gtk_list_box_append (self->levels_list, level_row (self, i));
}

/* ---- Actions that change the structure ---- */

static void
add_criterion_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  OporaCriterion *c = opora_criterion_new (OPORA_CRITERION_CHOICE, "");

  for (int p = 0; p <= 2; p++)
    opora_criterion_add_option (c, p, "");
  g_ptr_array_add (self->rubric->criteria, c);
  self->expanded = c;
  opora_rubric_editor_rebuild (self);
}

static void
remove_criterion_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  guint i = g_variant_get_uint32 (parameter);

  if (i >= self->rubric->criteria->len)
    return;
  if (self->rubric->criteria->pdata[i] == self->expanded)
    self->expanded = NULL;
  g_ptr_array_remove_index (self->rubric->criteria, i);
  opora_rubric_editor_rebuild (self);
}

static void
move_criterion_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  GPtrArray *criteria = self->rubric->criteria;
  guint i;
  int step;
  gpointer moved;

  g_variant_get (parameter, "(ui)", &i, &step);
  if (i >= criteria->len || (step < 0 && i == 0) || (step > 0 && i + 1 >= criteria->len))
    return;
  moved = criteria->pdata[i];
  criteria->pdata[i] = criteria->pdata[i + step];
  criteria->pdata[i + step] = moved;
  opora_rubric_editor_rebuild (self);
}

static void
add_option_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  guint i = g_variant_get_uint32 (parameter);
  OporaCriterion *c;
  double top = -1;

  if (i >= self->rubric->criteria->len)
    return;
  c = self->rubric->criteria->pdata[i];
  for (guint k = 0; k < c->options->len; k++)
    top = MAX (top, g_array_index (c->options, OporaRubricOption, k).points);
  opora_criterion_add_option (c, top + 1, "");
  self->expanded = c;
  opora_rubric_editor_rebuild (self);
}

static void
remove_option_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  guint i, k;
  OporaCriterion *c;

  g_variant_get (parameter, "(uu)", &i, &k);
  if (i >= self->rubric->criteria->len)
    return;
  c = self->rubric->criteria->pdata[i];
  if (k >= c->options->len)
    return;
  g_array_remove_index (c->options, k);
  self->expanded = c;
  opora_rubric_editor_rebuild (self);
}

static void
add_level_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  GArray *levels = self->rubric->levels;
  double top = levels->len > 0 ? g_array_index (levels, OporaRubricLevel, levels->len - 1).min_total + 1 : 0;

  opora_rubric_add_level (self->rubric, top, "");
  opora_rubric_editor_rebuild (self);
}

static void
remove_level_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  guint i = g_variant_get_uint32 (parameter);

  if (i >= self->rubric->levels->len)
    return;
  g_array_remove_index (self->rubric->levels, i);
  opora_rubric_editor_rebuild (self);
}

void
opora_rubric_editor_criteria_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rubric.add-criterion", NULL, add_criterion_cb);
  gtk_widget_class_install_action (widget_class, "rubric.remove-criterion", "u", remove_criterion_cb);
  gtk_widget_class_install_action (widget_class, "rubric.move-criterion", "(ui)", move_criterion_cb);
  gtk_widget_class_install_action (widget_class, "rubric.add-option", "u", add_option_cb);
  gtk_widget_class_install_action (widget_class, "rubric.remove-option", "(uu)", remove_option_cb);
  gtk_widget_class_install_action (widget_class, "rubric.add-level", NULL, add_level_cb);
  gtk_widget_class_install_action (widget_class, "rubric.remove-level", "u", remove_level_cb);
}
