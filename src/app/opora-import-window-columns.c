/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's Columns step: what each column holds, presets, and new indicators from columns. */

#include <glib/gi18n.h>

#include "opora-import-indicator-dialog.h"
#include "opora-import-problem.h"
#include "opora-import-target.h"
#include "opora-import-window-private.h"
#include "opora-preset.h"

#define SURE_ENOUGH 0.8
#define N_SAMPLES 3

/* ---- The targets every column's drop-down offers ---- */

static int
compare_indicators (gconstpointer a,
                    gconstpointer b)
{
  const OporaIndicator *x = *(OporaIndicator * const *) a;
  const OporaIndicator *y = *(OporaIndicator * const *) b;

  if (x->group != y->group)
    return (int) x->group - (int) y->group;
  return x->position - y->position;
}

static void
fill_targets (OporaImportWindow *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (self->indicators->len);

  /* Borrowed pointers: a copy of the array would free them with it. */
  for (guint i = 0; i < self->indicators->len; i++)
    g_ptr_array_add (sorted, self->indicators->pdata[i]);
  g_list_store_remove_all (self->targets);
  /* Every kind but a catalogue indicator's, which come one by one below. */
  for (OporaTargetKind kind = OPORA_TARGET_IGNORE; kind <= OPORA_TARGET_VALUE; kind++)
    if (kind != OPORA_TARGET_INDICATOR)
      {
        g_autoptr(OporaImportTarget) target = opora_import_target_new (kind);
        g_list_store_append (self->targets, target);
      }
  g_ptr_array_sort (sorted, compare_indicators);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr(OporaImportTarget) target = opora_import_target_new_indicator (sorted->pdata[i]);
      g_list_store_append (self->targets, target);
    }
}

static guint
find_target (OporaImportWindow *self,
             const OporaTarget *target)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->targets));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OporaImportTarget) item = g_list_model_get_item (G_LIST_MODEL (self->targets), i);
      if (opora_import_target_get_kind (item) == target->kind &&
          g_strcmp0 (opora_import_target_get_key (item), target->indicator_key) == 0)
        return i;
    }
  return 0;
}

/* ---- The drop-down's rows: the name, and its group below in the list ---- */

static void
setup_target_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  with_group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), with_group ? 48 : 28);
  gtk_label_set_width_chars (GTK_LABEL (label), with_group ? 0 : 28);
  gtk_box_append (GTK_BOX (box), label);
  if (with_group)
    {
      GtkWidget *group = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (group), 0);
      gtk_widget_add_css_class (group, "dim-label");
      gtk_widget_add_css_class (group, "caption");
      gtk_box_append (GTK_BOX (box), group);
    }
  gtk_list_item_set_child (item, box);
}

static void
bind_target_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  with_group)
{
  OporaImportTarget *target = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *group = gtk_widget_get_next_sibling (label);

  gtk_label_set_text (GTK_LABEL (label), opora_import_target_get_label (target));
  gtk_widget_set_tooltip_text (label, opora_import_target_get_label (target));
  if (group != NULL)
    {
      gtk_label_set_text (GTK_LABEL (group), opora_import_target_get_group (target));
      gtk_widget_set_visible (group, *opora_import_target_get_group (target) != '\0');
    }
}

static GtkListItemFactory *
target_factory_new (gboolean with_group)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_target_cb), GINT_TO_POINTER (with_group));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_target_cb), GINT_TO_POINTER (with_group));
  return factory;
}

/* ---- One row per column ---- */

static char *
column_samples (ImportSheet *sheet,
                guint32      col)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < opora_sheet_get_n_rows (sheet->preview) && samples->len < N_SAMPLES; i++)
    {
      guint32 row = opora_sheet_get_row (sheet->preview, i);
      char *text;

      if (row < sheet->layout->first_data_row || row == sheet->layout->numbering_row ||
          !(text = opora_import_cell_text (sheet->preview, i, col)))
        continue;
      g_ptr_array_add (samples, text);
    }
  g_ptr_array_add (samples, NULL);
  /* Semicolons: a decimal comma would run into commas between values. */
  return g_strjoinv ("; ", (char **) samples->pdata);
}

static char *
column_subtitle (ImportSheet *sheet,
                 guint32      col)
{
  g_autofree char *letter = opora_import_column_name (col);
  g_autofree char *samples = column_samples (sheet, col);

  if (*samples == '\0')
    /* Translators: under a column's header: its letter, and that it is empty. */
    return g_strdup_printf (_("Column %s, empty in the first rows"), letter);
  /* Translators: under a column's header: its letter and its first values. */
  return g_strdup_printf (_("Column %s, e.g. %s"), letter, samples);
}

/* Low confidence and unmapped columns get an icon and a tooltip, not only a colour. */
static void
update_doubt (GtkWidget         *icon,
              const OporaTarget *target)
{
  const char *tip = NULL;

  if (target->kind == OPORA_TARGET_IGNORE)
    tip = _("This column is not imported");
  else if (target->confidence < SURE_ENOUGH)
    tip = _("Opora is not sure about this column: check what it holds");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), target->kind == OPORA_TARGET_IGNORE
                                ? "action-unavailable-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (icon, tip);
  gtk_widget_set_opacity (icon, tip != NULL ? 1 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tip ? tip : "", -1);
}

static void
update_hint (OporaImportWindow *self);

static void
target_selected_cb (GtkDropDown       *dropdown,
                    GParamSpec        *pspec,
                    OporaImportWindow *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  OporaImportTarget *target = gtk_drop_down_get_selected_item (dropdown);
  guint32 col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "opora-col"));

  if (self->updating || target == NULL || sheet == NULL)
    return;
  opora_layout_set_target (sheet->layout, col, opora_import_target_get_kind (target),
                           opora_import_target_get_key (target));
  update_doubt (g_object_get_data (G_OBJECT (dropdown), "opora-icon"),
                opora_layout_get_target (sheet->layout, col));
  update_hint (self);
  opora_import_window_update_nav (self);
}

static void
new_indicator_clicked_cb (GtkButton         *button,
                          OporaImportWindow *self);

static GtkWidget *
target_dropdown_new (OporaImportWindow *self,
                     ImportSheet       *sheet,
                     guint32            col,
                     GtkWidget         *icon)
{
  g_autoptr(GtkListItemFactory) factory = target_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = target_factory_new (TRUE);
  GtkExpression *expression = gtk_property_expression_new (OPORA_TYPE_IMPORT_TARGET, NULL, "label");
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->targets)), expression);
  g_autofree char *letter = opora_import_column_name (col);
  g_autofree char *label = g_strdup_printf (_("What column %s holds"), letter);

  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              find_target (self, opora_layout_get_target (sheet->layout, col)));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (dropdown, "target-dropdown");
  g_object_set_data (G_OBJECT (dropdown), "opora-col", GUINT_TO_POINTER (col));
  g_object_set_data (G_OBJECT (dropdown), "opora-icon", icon);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (target_selected_cb), self);
  return dropdown;
}

static GtkWidget *
new_indicator_button_new (guint32 col)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *letter = opora_import_column_name (col);
  g_autofree char *label = g_strdup_printf (_("New indicator from column %s…"), letter);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "opora-col", GUINT_TO_POINTER (col));
  return button;
}

static GtkWidget *
column_row_new (OporaImportWindow *self,
                ImportSheet       *sheet,
                guint32            col)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *button = new_indicator_button_new (col);
  const char *header = sheet->layout->headers->pdata[col];
  g_autofree char *subtitle = column_subtitle (sheet, col);
  g_autofree char *letter = opora_import_column_name (col);
  g_autofree char *untitled = g_strdup_printf (_("Column %s"), letter);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *header ? header : untitled);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  update_doubt (icon, opora_layout_get_target (sheet->layout, col));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), target_dropdown_new (self, sheet, col, icon));
  g_signal_connect (button, "clicked", G_CALLBACK (new_indicator_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* ---- Whether the mapping is enough to import ---- */

/* Returns: an earlier column mapped to what @col is mapped to, or -1 */
static gint
same_target (OporaLayout *layout,
             guint32      col)
{
  const OporaTarget *t = opora_layout_get_target (layout, col);

  for (guint32 other = 0; other < col && t->kind != OPORA_TARGET_IGNORE; other++)
    if (t->kind == opora_layout_get_target (layout, other)->kind &&
        g_strcmp0 (t->indicator_key, opora_layout_get_target (layout, other)->indicator_key) == 0)
      return other;
  return -1;
}

/* Returns: (nullable): what is missing in @sheet, or NULL when it can be imported */
static char *
sheet_problem (ImportSheet *sheet)
{
  OporaLayout *layout = sheet->layout;
  gboolean indicator = FALSE;
  gboolean long_name = opora_layout_find_column (layout, OPORA_TARGET_INDICATOR_NAME) >= 0;
  gboolean long_value = opora_layout_find_column (layout, OPORA_TARGET_VALUE) >= 0;

  if (opora_layout_find_column (layout, OPORA_TARGET_SCHOOL_CODE) < 0 &&
      opora_layout_find_column (layout, OPORA_TARGET_SCHOOL_NAME) < 0)
    return g_strdup_printf (_("Sheet “%s”: choose the column with the school code or name."), sheet->name);
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      const OporaTarget *t = opora_layout_get_target (layout, col);
      gint other = same_target (layout, col);

      if (other >= 0)
        {
          g_autofree char *a = opora_import_column_name (other);
          g_autofree char *b = opora_import_column_name (col);
          return g_strdup_printf (_("Sheet “%s”: columns %s and %s hold the same thing. Ignore one of them."),
                                  sheet->name, a, b);
        }
      indicator = indicator || t->kind == OPORA_TARGET_INDICATOR;
    }
  if (long_name != long_value)
    return g_strdup_printf (_("Sheet “%s”: a long table needs both the column naming each row’s indicator "
                              "and the column with its value."), sheet->name);
  if (!indicator && !long_name)
    return g_strdup_printf (_("Sheet “%s”: choose at least one column with an indicator."), sheet->name);
  if (sheet->year_from_column && opora_layout_find_column (layout, OPORA_TARGET_YEAR) < 0)
    return g_strdup_printf (_("Sheet “%s”: choose the column with the year, or give the sheet’s year in the previous step."),
                            sheet->name);
  return NULL;
}

static char *
first_problem (OporaImportWindow *self)
{
  for (guint i = 0; self->sheets != NULL && i < self->sheets->len; i++)
    {
      ImportSheet *sheet = self->sheets->pdata[i];
      char *problem = sheet->take && sheet->layout ? sheet_problem (sheet) : NULL;
      if (problem != NULL)
        return problem;
    }
  return NULL;
}

gboolean
opora_import_window_columns_ready (OporaImportWindow *self)
{
  g_autofree char *problem = first_problem (self);

  return problem == NULL;
}

static void
update_hint (OporaImportWindow *self)
{
  g_autofree char *problem = first_problem (self);

  gtk_label_set_text (self->columns_hint, problem ? problem : _("Every sheet is ready to check."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->columns_hint), problem ? "success" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->columns_hint), problem ? "warning" : "success");
}

/* ---- The step ---- */

static void
fill_sheet_dropdown (OporaImportWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = 0, selected = 0;

  for (guint i = 0; i < self->sheets->len; i++)
    {
      ImportSheet *sheet = self->sheets->pdata[i];
      if (!sheet->take)
        continue;
      if (i == self->current)
        selected = n;
      gtk_string_list_append (names, sheet->name);
      n++;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->column_sheet_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->column_sheet_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->column_sheet_dropdown), n > 1);
  self->updating = FALSE;
}

/* The sheet the drop-down names, else the one previewed if taken, else the first taken. */
static void
choose_current (OporaImportWindow *self)
{
  guint wanted = gtk_drop_down_get_selected (self->column_sheet_dropdown);
  guint n = 0;
  ImportSheet *current = opora_import_window_get_sheet (self);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->column_sheet_dropdown)) && current && current->take)
    return;
  for (guint i = 0; i < self->sheets->len; i++)
    if (((ImportSheet *) self->sheets->pdata[i])->take && n++ == wanted)
      {
        self->current = i;
        return;
      }
}

static void
fill_column_list (OporaImportWindow *self,
                  ImportSheet       *sheet)
{
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column_list))))
    gtk_list_box_remove (self->column_list, child);
  for (guint32 col = 0; col < sheet->layout->n_cols; col++)
    gtk_list_box_append (self->column_list, column_row_new (self, sheet, col));
  self->updating = FALSE;
}

/* Shows the Columns step for the sheet chosen (or the one previewed). */
void
opora_import_window_show_columns (OporaImportWindow *self)
{
  ImportSheet *sheet;
  g_autofree char *text = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->targets)) == 0)
    fill_targets (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->column_sheet_dropdown)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->step_stack), "columns") != 0)
    fill_sheet_dropdown (self);
  choose_current (self);
  sheet = opora_import_window_get_sheet (self);
  text = g_strdup_printf (_("What each column of “%s” holds. Columns set to Ignore are not imported."),
                          sheet->name);
  gtk_label_set_text (self->columns_label, text);
  fill_column_list (self, sheet);
  update_hint (self);
  gtk_stack_set_visible_child_name (self->step_stack, "columns");
  opora_import_window_update_nav (self);
}

/* ---- Presets ---- */

/* A saved mapping for this header replaces the guessed one, and the user is told. */
void
opora_import_window_apply_preset (OporaImportWindow *self,
                                  ImportSheet       *sheet)
{
  OporaDb *db = opora_import_window_get_db (self);
  g_autofree char *name = opora_preset_find (db, sheet->layout);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return;
  if (!opora_preset_apply (db, name, sheet->layout, &error))
    {
      opora_import_window_show_toast (self, error->message);
      return;
    }
  for (guint32 col = 0; col < sheet->layout->n_cols; col++)
    g_array_index (sheet->layout->targets, OporaTarget, col).confidence = 1;
  /* Translators: a toast; the name of a saved column mapping. */
  text = g_strdup_printf (_("Mapping «%s» applied"), name);
  opora_import_window_show_toast (self, text);
}

static void
preset_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    OporaImportWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0 || sheet == NULL)
    return;
  if (!opora_preset_save (opora_import_window_get_db (self), gtk_editable_get_text (entry),
                          sheet->layout, &error))
    {
      opora_import_window_show_toast (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Mapping «%s» saved"), gtk_editable_get_text (entry));
  opora_import_window_show_toast (self, text);
}

static void
preset_name_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

void
opora_import_window_save_preset (OporaImportWindow *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Mapping as a Preset"),
                                              _("Files with the same header will be mapped this way "
                                                "without asking."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), sheet ? sheet->name : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preset name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (preset_name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (preset_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- New indicators ---- */

static void
indicator_added_cb (OporaImportIndicatorDialog *dialog,
                    const char                 *key,
                    OporaImportWindow          *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  guint32 col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "opora-col"));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  if (!(self->indicators = opora_indicator_list (opora_import_window_get_db (self), &error)))
    {
      opora_import_window_show_toast (self, error->message);
      return;
    }
  /* The drop-downs still showing follow the model as it refills; keep them from mapping. */
  self->updating = TRUE;
  fill_targets (self);
  self->updating = FALSE;
  if (sheet != NULL && col < sheet->layout->n_cols)
    opora_layout_set_target (sheet->layout, col, OPORA_TARGET_INDICATOR, key);
  opora_import_window_show_columns (self);
  text = g_strdup_printf (_("Indicator «%s» added to the catalogue"),
                          opora_indicator_get_name (opora_indicator_lookup (self->indicators, key)));
  opora_import_window_show_toast (self, text);
}

static void
new_indicator_clicked_cb (GtkButton         *button,
                          OporaImportWindow *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  guint32 col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "opora-col"));
  OporaImportIndicatorDialog *dialog;

  if (sheet == NULL)
    return;
  dialog = opora_import_indicator_dialog_new (GTK_WINDOW (self), opora_import_window_get_db (self),
                                              self->indicators, sheet->layout->headers->pdata[col]);
  g_object_set_data (G_OBJECT (dialog), "opora-col", GUINT_TO_POINTER (col));
  g_signal_connect (dialog, "indicator-added", G_CALLBACK (indicator_added_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
opora_import_window_columns_init (OporaImportWindow *self)
{
  self->targets = g_list_store_new (OPORA_TYPE_IMPORT_TARGET);
}
