/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asks a new indicator's name, unit, group, direction and range, and adds it to the catalogue. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-import-indicator-dialog.h"
#include "opora-indicator.h"

struct _OporaImportIndicatorDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *name_row;
  AdwComboRow   *unit_row;
  AdwComboRow   *group_row;
  AdwComboRow   *direction_row;
  GtkSpinButton *min_spin;
  GtkSpinButton *max_spin;
  GtkLabel      *error_label;

  /* Owned */
  GPtrArray     *indicators;  /* the catalogue, for a free key */

  /* Borrowed: the wizard's workspace outlives this modal dialog */
  OporaDb       *db;
};

G_DEFINE_FINAL_TYPE (OporaImportIndicatorDialog, opora_import_indicator_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_INDICATOR_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows of the unit list, in order, with the range each suggests. */
static const struct {
  OporaUnit unit;
  double    min, max;
} units[] = {
  { OPORA_UNIT_PERCENT, 0, 100 },
  { OPORA_UNIT_POINTS,  0, 100 },
  { OPORA_UNIT_MARK,    2, 5 },
  { OPORA_UNIT_COUNT,   0, 100000 },
  { OPORA_UNIT_INDEX,   0, 100 },
  { OPORA_UNIT_FLAG,    0, 1 },
};

static const OporaGroup groups[] = { OPORA_GROUP_CONTEXT, OPORA_GROUP_RESULT, OPORA_GROUP_RESOURCE };
static const int directions[] = { 1, -1, 0 };

/* "Доля …, %" is a share, "… средний балл" points; anything else a number to check. */
static guint
guess_unit (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  if (strchr (folded, '%') || strstr (folded, "доля") || strstr (folded, "share"))
    return 0;
  if (strstr (folded, "балл") || strstr (folded, "points"))
    return 1;
  return 3;
}

static void
unit_changed_cb (AdwComboRow                *row,
                 GParamSpec                 *pspec,
                 OporaImportIndicatorDialog *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i >= G_N_ELEMENTS (units))
    return;
  gtk_spin_button_set_value (self->min_spin, units[i].min);
  gtk_spin_button_set_value (self->max_spin, units[i].max);
}

static void
name_changed_cb (GtkEditable                *editable,
                 OporaImportIndicatorDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", *name != '\0');
}

static void
show_error (OporaImportIndicatorDialog *self,
            const char                 *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OporaImportIndicatorDialog *self = OPORA_IMPORT_INDICATOR_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *key = opora_indicator_make_key (self->indicators, name);
  OporaIndicator indicator = { 0 };
  g_autoptr(GError) error = NULL;

  indicator.key = key;
  indicator.name_ru = indicator.name_en = name;
  indicator.unit = units[MIN (adw_combo_row_get_selected (self->unit_row), G_N_ELEMENTS (units) - 1)].unit;
  indicator.group = groups[MIN (adw_combo_row_get_selected (self->group_row), G_N_ELEMENTS (groups) - 1)];
  indicator.direction = directions[MIN (adw_combo_row_get_selected (self->direction_row),
                                        G_N_ELEMENTS (directions) - 1)];
  indicator.min_value = gtk_spin_button_get_value (self->min_spin);
  indicator.max_value = gtk_spin_button_get_value (self->max_spin);
  if (opora_indicator_add (self->db, &indicator, &error) == 0)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_INDICATOR_ADDED], 0, key);
  gtk_window_close (GTK_WINDOW (self));
}

static void
opora_import_indicator_dialog_finalize (GObject *object)
{
  OporaImportIndicatorDialog *self = (OporaImportIndicatorDialog *) object;

  g_clear_pointer (&self->indicators, g_ptr_array_unref);

  G_OBJECT_CLASS (opora_import_indicator_dialog_parent_class)->finalize (object);
}

static void
opora_import_indicator_dialog_class_init (OporaImportIndicatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_import_indicator_dialog_finalize;

  /**
   * OporaImportIndicatorDialog::indicator-added:
   * @key: the new indicator's key
   *
   * The indicator is in the catalogue; the dialog closes next.
   */
  signals[SIGNAL_INDICATOR_ADDED] = g_signal_new ("indicator-added", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/opora-import-indicator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, min_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, max_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaImportIndicatorDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_import_indicator_dialog_init (OporaImportIndicatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  unit_changed_cb (self->unit_row, NULL, self);
}

/**
 * opora_import_indicator_dialog_new:
 * @parent: the wizard
 * @db: the workspace the indicator goes into; kept alive by @parent
 * @indicators: (element-type OporaIndicator): the catalogue
 * @header: the column's header, the name proposed
 *
 * Returns: (transfer none): the dialog, modal over @parent
 */
OporaImportIndicatorDialog *
opora_import_indicator_dialog_new (GtkWindow  *parent,
                                   OporaDb    *db,
                                   GPtrArray  *indicators,
                                   const char *header)
{
  OporaImportIndicatorDialog *self;

  g_return_val_if_fail (db != NULL && indicators != NULL && header != NULL, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_INDICATOR_DIALOG, "transient-for", parent, NULL);
  self->db = db;
  self->indicators = g_ptr_array_ref (indicators);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), header);
  adw_combo_row_set_selected (self->unit_row, guess_unit (header));
  return self;
}
