/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A check button (and a weight) for each catalogue indicator; "applied" gives the choice as "key:w,…". */

#include <glib/gi18n.h>

#include "opora-analysis.h"
#include "opora-features-dialog.h"
#include "opora-indicator.h"

typedef struct {
  char           *key;
  GtkCheckButton *check;   /* borrowed: the rows live in the dialog */
  GtkSpinButton  *weight;  /* NULL without weights */
} Choice;

struct _OporaFeaturesDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *intro_group;

  /* Owned */
  GPtrArray            *choices;  /* Choice */
};

G_DEFINE_FINAL_TYPE (OporaFeaturesDialog, opora_features_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_free (Choice *choice)
{
  g_free (choice->key);
  g_free (choice);
}

static const OporaAnalysisFeature *
find_feature (GPtrArray  *features,
              const char *key)
{
  for (guint i = 0; i < features->len; i++)
    if (g_str_equal (((OporaAnalysisFeature *) features->pdata[i])->key, key))
      return features->pdata[i];
  return NULL;
}

/* Apply needs at least one indicator: the analysis refuses an empty index. */
static void
update_apply (OporaFeaturesDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->choices->len && !any; i++)
    any = gtk_check_button_get_active (((Choice *) self->choices->pdata[i])->check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), any);
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  OporaFeaturesDialog *self)
{
  update_apply (self);
}

static char *
indicator_subtitle (const OporaIndicator *ind)
{
  const char *direction = ind->direction > 0 ? _("higher is better")
                        : ind->direction < 0 ? _("higher is worse")
                        : _("neutral");

  /* Translators: under an indicator's name: its unit, then its direction. */
  return g_strdup_printf (_("%s; %s"), opora_unit_symbol (ind->unit), direction);
}

static GtkWidget *
choice_row_new (OporaFeaturesDialog       *self,
                const OporaIndicator      *ind,
                const OporaAnalysisFeature *chosen,
                gboolean                   weights)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = indicator_subtitle (ind);
  Choice *choice = g_new0 (Choice, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), opora_indicator_get_name (ind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen != NULL);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  choice->key = g_strdup (ind->key);
  choice->check = GTK_CHECK_BUTTON (check);
  if (weights)
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 10, 0.5);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), chosen != NULL ? chosen->weight : 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spin, _("Weight in the index"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Weight in the index"), -1);
      g_object_bind_property (check, "active", spin, "sensitive", G_BINDING_SYNC_CREATE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      choice->weight = GTK_SPIN_BUTTON (spin);
    }
  g_ptr_array_add (self->choices, choice);
  return row;
}

/* Flags (yes/no) make no sense in an index or as a feature. */
static gboolean
can_choose (const OporaIndicator *ind,
            OporaGroup            group)
{
  return ind->group == group && ind->unit != OPORA_UNIT_FLAG;
}

/* One preferences group per catalogue group that has indicators to choose. */
static void
add_groups (OporaFeaturesDialog *self,
            GPtrArray           *indicators,
            GPtrArray           *features,
            gboolean             weights)
{
  for (OporaGroup g = OPORA_GROUP_CONTEXT; g <= OPORA_GROUP_RESOURCE; g++)
    {
      AdwPreferencesGroup *group = NULL;

      for (guint i = 0; i < indicators->len; i++)
        {
          const OporaIndicator *ind = indicators->pdata[i];

          if (!can_choose (ind, g))
            continue;
          if (group == NULL)
            {
              group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
              adw_preferences_group_set_title (group, opora_group_label (g));
              adw_preferences_page_add (self->page, group);
            }
          adw_preferences_group_add (group, choice_row_new (self, ind, find_feature (features, ind->key), weights));
        }
    }
}

static char *
dup_choice_text (OporaFeaturesDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = self->choices->pdata[i];
      char weight[G_ASCII_DTOSTR_BUF_SIZE];

      if (!gtk_check_button_get_active (choice->check))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, choice->key);
      if (choice->weight != NULL)
        g_string_append_printf (text, ":%s",
                                g_ascii_dtostr (weight, sizeof weight, gtk_spin_button_get_value (choice->weight)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
apply_clicked_cb (GtkButton           *button,
                  OporaFeaturesDialog *self)
{
  g_autofree char *text = dup_choice_text (self);

  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, text);
  gtk_window_close (GTK_WINDOW (self));
}

static void
opora_features_dialog_finalize (GObject *object)
{
  OporaFeaturesDialog *self = (OporaFeaturesDialog *) object;

  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (opora_features_dialog_parent_class)->finalize (object);
}

static void
opora_features_dialog_class_init (OporaFeaturesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_features_dialog_finalize;

  /**
   * OporaFeaturesDialog::applied:
   * @keys: the chosen indicators as "key:weight,…" (no weights without them)
   *
   * Emitted when the user applies the choice; the dialog then closes.
   */
  signals[SIGNAL_APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-features-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaFeaturesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OporaFeaturesDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, OporaFeaturesDialog, page);
  gtk_widget_class_bind_template_child (widget_class, OporaFeaturesDialog, intro_group);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_features_dialog_init (OporaFeaturesDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * opora_features_dialog_new:
 * @parent: the window it belongs to
 * @title: e.g. "Context Index"
 * @description: what the choice is for
 * @indicators: (element-type OporaIndicator): the catalogue
 * @features: (element-type OporaAnalysisFeature): the current choice
 * @weights: whether each indicator gets a weight
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
OporaFeaturesDialog *
opora_features_dialog_new (GtkWindow  *parent,
                           const char *title,
                           const char *description,
                           GPtrArray  *indicators,
                           GPtrArray  *features,
                           gboolean    weights)
{
  OporaFeaturesDialog *self = g_object_new (OPORA_TYPE_FEATURES_DIALOG, "transient-for", parent, NULL);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_preferences_group_set_description (self->intro_group, description);
  add_groups (self, indicators, features, weights);
  update_apply (self);
  return self;
}
