/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Check step's schools to confirm: each new or name-matched school and where its rows go. */

#include <glib/gi18n.h>

#include "opora-import-window-private.h"
#include "opora-school.h"

#define NAME_PREFIX "name:"

/* ---- What a drop-down offers: labels in a string list, school ids beside them ---- */

static char *
same_as_label (const OporaSchool *school)
{
  if (school->municipality != NULL)
    /* Translators: a choice for a school of the file: an existing school's name, code and municipality. */
    return g_strdup_printf (_("Same as %s (%s, %s)"), school->name, school->code, school->municipality);
  /* Translators: a choice for a school of the file: an existing school's name and its code. */
  return g_strdup_printf (_("Same as %s (%s)"), school->name, school->code);
}

static void
add_choice (GtkStringList *labels,
            GArray        *ids,
            gint64         id,
            const char    *label)
{
  gtk_string_list_append (labels, label);
  g_array_append_val (ids, id);
}

static gboolean
among_candidates (const OporaSchoolDecision *decision,
                  gint64                     id)
{
  for (guint i = 0; decision->candidates != NULL && i < decision->candidates->len; i++)
    if (((OporaSchool *) decision->candidates->pdata[i])->id == id)
      return TRUE;
  return FALSE;
}

/* The school the check matched, when the similar names left it out (big workspaces have none). */
static void
add_matched (OporaImportWindow         *self,
             const OporaSchoolDecision *decision,
             GtkStringList             *labels,
             GArray                    *ids)
{
  g_autoptr(OporaSchool) school = NULL;
  g_autofree char *label = NULL;

  if (decision->matched_id == 0 || among_candidates (decision, decision->matched_id))
    return;
  school = opora_school_get (opora_import_window_get_db (self), decision->matched_id, NULL);
  label = school != NULL ? same_as_label (school)
                         /* Translators: a choice for a school of the file, when the matched one cannot be read. */
                         : g_strdup_printf (_("Same as the school numbered %lld"), (long long) decision->matched_id);
  add_choice (labels, ids, decision->matched_id, label);
}

/* Returns: (transfer full): the labels; @ids gets the school id of each, 0 = add as new */
static GtkStringList *
choices_new (OporaImportWindow         *self,
             const OporaSchoolDecision *decision,
             GArray                    *ids)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  add_choice (labels, ids, 0, _("Add as a new school"));
  add_matched (self, decision, labels, ids);
  for (guint i = 0; decision->candidates != NULL && i < decision->candidates->len; i++)
    {
      OporaSchool *school = decision->candidates->pdata[i];
      g_autofree char *label = same_as_label (school);
      add_choice (labels, ids, school->id, label);
    }
  return labels;
}

static guint
find_choice (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

/* ---- The drop-down's rows: shortened on the button, whole in the list ---- */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  on_button)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (on_button)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  on_button)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, on_button ? text : NULL);
}

static GtkListItemFactory *
choice_factory_new (gboolean on_button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (on_button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (on_button));
  return factory;
}

/* ---- One row per decision ---- */

/* The user's choice is kept for the wizard's life and the file is checked again with it. */
static void
choice_selected_cb (GtkDropDown       *dropdown,
                    GParamSpec        *pspec,
                    OporaImportWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "opora-ids");
  const char *key = g_object_get_data (G_OBJECT (dropdown), "opora-key");
  guint selected = gtk_drop_down_get_selected (dropdown);
  gint64 id;

  if (self->updating || self->cancellable != NULL || selected >= ids->len)
    return;
  id = g_array_index (ids, gint64, selected);
  g_hash_table_insert (self->decisions, g_strdup (key), g_memdup2 (&id, sizeof id));
  g_free (self->focus_key);
  self->focus_key = g_strdup (key);
  opora_import_window_start_check (self);
}

static GtkWidget *
choice_dropdown_new (OporaImportWindow         *self,
                     const OporaSchoolDecision *decision)
{
  g_autoptr(GtkListItemFactory) factory = choice_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = choice_factory_new (FALSE);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkStringList *labels = choices_new (self, decision, ids);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  /* Translators: the accessible name of the choice for one school of the file. */
  g_autofree char *label = g_strdup_printf (_("What to do with “%s”"), decision->name);

  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), find_choice (ids, decision->matched_id));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (dropdown, "school-dropdown");
  g_object_set_data_full (G_OBJECT (dropdown), "opora-ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dropdown), "opora-key", g_strdup (decision->key), g_free);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_selected_cb), self);
  return dropdown;
}

static char *
decision_subtitle (const OporaSchoolDecision *decision,
                   gboolean                   with_sheet)
{
  g_autofree char *code = NULL;

  if (g_str_has_prefix (decision->key, NAME_PREFIX))
    code = g_strdup (_("No code in the file"));
  else
    /* Translators: under a school's name: its code as the file gives it. */
    code = g_strdup_printf (_("Code %s"), decision->code);
  if (with_sheet)
    /* Translators: under a school's name: its code, then the sheet and row that first name it. */
    return g_strdup_printf (_("%s · sheet “%s”, row %u"), code, decision->sheet, decision->row + 1);
  /* Translators: under a school's name: its code, then the row that first names it. */
  return g_strdup_printf (_("%s · row %u"), code, decision->row + 1);
}

static GtkWidget *
decision_row_new (OporaImportWindow         *self,
                  const OporaSchoolDecision *decision,
                  gboolean                   with_sheet)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = choice_dropdown_new (self, decision);
  g_autofree char *subtitle = decision_subtitle (decision, with_sheet);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), decision->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* With one sheet, every row would name the same one (the problem list hides it too). */
static gboolean
several_sheets (OporaImportWindow *self)
{
  guint n = 0;

  for (guint i = 0; i < self->sheets->len; i++)
    n += ((ImportSheet *) self->sheets->pdata[i])->take;
  return n > 1;
}

static void
fill_list (OporaImportWindow *self,
           GPtrArray         *decisions)
{
  gboolean with_sheet = several_sheets (self);

  self->updating = TRUE;
  clear_list (self->school_list);
  for (guint i = 0; i < decisions->len; i++)
    {
      OporaSchoolDecision *decision = decisions->pdata[i];
      GtkWidget *row = decision_row_new (self, decision, with_sheet);

      gtk_list_box_append (self->school_list, row);
      if (g_strcmp0 (decision->key, self->focus_key) == 0)
        gtk_widget_grab_focus (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
    }
  self->updating = FALSE;
  g_clear_pointer (&self->focus_key, g_free);
}

static void
update_page_title (OporaImportWindow *self,
                   guint              n)
{
  /* Translators: the title of the list of schools to confirm, with their number; _ marks the mnemonic. */
  g_autofree char *title = g_strdup_printf (_("_Schools to Confirm (%u)"), n);

  gtk_stack_page_set_title (self->schools_page, title);
}

/**
 * opora_import_window_show_decisions:
 * @self: the wizard, on its Check step with a checked import
 *
 * Lists the schools to confirm, each with the choice the check made, and
 * shows the switch to them only when there are some. After a new check
 * the drop-down the user just changed has the focus again.
 */
void
opora_import_window_show_decisions (OporaImportWindow *self)
{
  GPtrArray *decisions = opora_import_get_decisions (self->job->import);
  gboolean any = decisions->len > 0;

  gtk_widget_set_visible (self->check_switcher, any);
  if (!any)
    gtk_stack_set_visible_child_name (self->check_views, "problems");
  update_page_title (self, decisions->len);
  if (self->focus_key == NULL)
    gtk_stack_page_set_needs_attention (self->schools_page,
                                        any && g_strcmp0 (gtk_stack_get_visible_child_name (self->check_views),
                                                          "schools") != 0);
  fill_list (self, decisions);
}

static void
view_changed_cb (GtkStack          *views,
                 GParamSpec        *pspec,
                 OporaImportWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (views), "schools") == 0)
    gtk_stack_page_set_needs_attention (self->schools_page, FALSE);
}

void
opora_import_window_schools_init (OporaImportWindow *self)
{
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect (self->check_views, "notify::visible-child", G_CALLBACK (view_changed_cb), self);
}
