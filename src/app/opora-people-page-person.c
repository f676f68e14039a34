/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One mentor or tutor: facts, supported schools by year, evaluations; edit, archive, assign, evaluate. */

#include <glib/gi18n.h>

#include "opora-people-page-private.h"
#include "opora-person-editor.h"
#include "opora-program.h"
#include "opora-school.h"

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* An empty boxed list shows a dim row saying so. */
static void
add_empty_row (GtkListBox *list,
               const char *text)
{
  GtkWidget *label;

  if (gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL)
    return;
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12), gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_append (list, label);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (list, 0), FALSE);
}

static char *
person_facts (const OporaPerson *p)
{
  GString *facts = g_string_new (p->role == OPORA_ROLE_TUTOR ? _("Tutor") : _("Mentor"));

  if (*p->position != '\0')
    g_string_append_printf (facts, ", %s", p->position);
  if (p->school_code != NULL)
    g_string_append_printf (facts, "\n%s %s", p->school_code, p->school_name != NULL ? p->school_name : "");
  if (*p->subject != '\0')
    /* Translators: a tutor's subject. */
    g_string_append_printf (facts, "\n%s %s", _("Subject:"), p->subject);
  if (*p->phone != '\0' || *p->email != '\0')
    g_string_append_printf (facts, "\n%s %s", p->phone, p->email);
  if (*p->note != '\0')
    g_string_append_printf (facts, "\n%s", p->note);
  if (p->archived)
    g_string_append_printf (facts, "\n%s", _("Archived: kept with the evaluations, left out of the list."));
  return g_string_free (facts, FALSE);
}

static GtkWidget *
assignment_row (OporaPeoplePage       *self,
                const OporaAssignment *a)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *year = opora_school_year_label (a->year);
  g_autofree char *title = g_strdup_printf ("%s %s", a->school_code, a->school_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), year);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the Assignment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the assignment"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "people.remove-assignment");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int64 (a->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
show_assignments (OporaPeoplePage *self)
{
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->assignments_list);
  if (self->person == NULL || self->db == NULL)
    return;
  if (!(assignments = opora_assignment_list (self->db, self->person->id, 0, &error)))
    {
      opora_people_page_toast (self, error->message);
      return;
    }
  for (guint i = assignments->len; i > 0; i--)
    gtk_list_box_append (self->assignments_list, assignment_row (self, assignments->pdata[i - 1]));
  add_empty_row (self->assignments_list, _("No supported schools yet"));
}

static void
show_evaluations (OporaPeoplePage *self)
{
  clear_list (self->evaluations_list);
  for (guint i = self->evaluations != NULL ? self->evaluations->len : 0; self->person != NULL && i > 0; i--)
    {
      const OporaEvaluation *e = self->evaluations->pdata[i - 1];

      if (e->person_id == self->person->id)
        gtk_list_box_append (self->evaluations_list, opora_people_page_evaluation_row (self, e));
    }
  if (self->person != NULL)
    add_empty_row (self->evaluations_list, _("Not evaluated yet"));
}

/* Shows the open person, or the list when none is open. */
void
opora_people_page_show_person (OporaPeoplePage *self)
{
  gboolean open = self->person != NULL;
  gboolean writable = opora_people_page_can_write (self);
  g_autofree char *facts = open ? person_facts (self->person) : NULL;

  gtk_stack_set_visible_child_name (self->people_stack, open ? "person" : "list");
  gtk_label_set_text (self->person_title, open ? self->person->full_name : "");
  gtk_label_set_text (self->person_facts, facts != NULL ? facts : "");
  gtk_button_set_label (self->archive_button, open && self->person->archived ? _("Un_archive") : _("A_rchive"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.back", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.edit", open && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.archive", open && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.evaluate", open && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.assign", open && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.remove-assignment", open && writable);
  show_assignments (self);
  show_evaluations (self);
}

/**
 * opora_people_page_open_person:
 * @person_id: a person, or 0 to go back to the list
 */
void
opora_people_page_open_person (OporaPeoplePage *self,
                               gint64           person_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OPORA_IS_PEOPLE_PAGE (self));

  g_clear_pointer (&self->person, opora_person_free);
  if (person_id != 0 && self->db != NULL && !(self->person = opora_person_get (self->db, person_id, &error)))
    opora_people_page_toast (self, error->message);
  adw_view_stack_set_visible_child_name (self->view_stack, "people");
  opora_people_page_show_person (self);
  if (self->person == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->people_list));
}

/**
 * opora_people_page_get_person:
 *
 * Returns: the id of the open person, or 0 when the list is shown
 */
gint64
opora_people_page_get_person (OporaPeoplePage *self)
{
  g_return_val_if_fail (OPORA_IS_PEOPLE_PAGE (self), 0);
  return self->person != NULL ? self->person->id : 0;
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  opora_people_page_open_person (OPORA_PEOPLE_PAGE (widget), 0);
}

static void
person_saved_cb (OporaPersonEditor *editor,
                 gint64             id,
                 OporaPeoplePage   *self)
{
  opora_people_page_reload (self);
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  OporaPersonEditor *editor;

  if (self->person == NULL)
    return;
  editor = opora_person_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, self->person);
  g_signal_connect_object (editor, "saved", G_CALLBACK (person_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
archive_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean archived;

  if (self->person == NULL)
    return;
  archived = !self->person->archived;
  if (!opora_person_set_archived (self->db, self->person->id, archived, &error))
    {
      opora_people_page_toast (self, error->message);
      return;
    }
  opora_people_page_reload (self);
  opora_people_page_toast (self, archived ? _("Archived") : _("Restored from the archive"));
}

static void
evaluate_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);

  if (self->person != NULL)
    opora_people_page_evaluate (self, self->person, NULL, 0, opora_people_page_get_year (self));
}

static void
evaluation_activated_cb (OporaPeoplePage *self,
                         GtkListBoxRow   *row)
{
  gint64 rubric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "opora-rubric"));
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "opora-year"));

  if (self->person != NULL)
    opora_people_page_evaluate (self, self->person, NULL, rubric, year);
}

static void
remove_assignment_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!opora_assignment_delete (self->db, g_variant_get_int64 (parameter), &error))
    opora_people_page_toast (self, error->message);
  opora_people_page_reload (self);
}

/* ---- Assign a school: a dialog with the workspace's schools and the year ---- */

typedef struct {
  GPtrArray     *schools;  /* OporaSchool */
  GtkDropDown   *school;
  GtkSpinButton *year;
} AssignDialog;

static void
assign_dialog_free (gpointer data)
{
  AssignDialog *d = data;

  g_ptr_array_unref (d->schools);
  g_free (d);
}

static void
assign_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OporaPeoplePage  *self)
{
  AssignDialog *d = g_object_get_data (G_OBJECT (dialog), "opora-assign");
  guint selected = gtk_drop_down_get_selected (d->school);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "assign") || self->person == NULL || selected >= d->schools->len)
    return;
  if (!opora_assignment_add (self->db, self->person->id, ((OporaSchool *) d->schools->pdata[selected])->id,
                             gtk_spin_button_get_value_as_int (d->year), NULL, &error))
    opora_people_page_toast (self, error->message);
  opora_people_page_reload (self);
}

static GtkWidget *
assign_form (AssignDialog *d,
             int           year)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *school_label = gtk_label_new_with_mnemonic (_("_School"));
  GtkWidget *year_label = gtk_label_new_with_mnemonic (_("School _year (the year it ends)"));

  for (guint i = 0; i < d->schools->len; i++)
    {
      const OporaSchool *s = d->schools->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", s->code, s->short_name != NULL ? s->short_name : s->name);
      gtk_string_list_append (names, label);
    }
  d->school = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string")));
  gtk_drop_down_set_enable_search (d->school, TRUE);
  d->year = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1990, 2100, 1));
  gtk_spin_button_set_value (d->year, year);
  gtk_label_set_mnemonic_widget (GTK_LABEL (school_label), GTK_WIDGET (d->school));
  gtk_label_set_mnemonic_widget (GTK_LABEL (year_label), GTK_WIDGET (d->year));
  gtk_label_set_xalign (GTK_LABEL (school_label), 0), gtk_label_set_xalign (GTK_LABEL (year_label), 0);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6), gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), school_label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->school), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), year_label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->year), 1, 1, 1, 1);
  return grid;
}

static void
assign_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AssignDialog *d;
  GtkWidget *dialog;

  if (self->person == NULL)
    return;
  d = g_new0 (AssignDialog, 1);
  if (!(d->schools = opora_school_list (self->db, &error)))
    {
      g_free (d);
      opora_people_page_toast (self, error->message);
      return;
    }
  /* Translators: the heading of the dialog that assigns a school to a mentor or tutor. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Assign a Supported School"),
                                   self->person->full_name);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), assign_form (d, opora_people_page_get_year (self)));
  g_object_set_data_full (G_OBJECT (dialog), "opora-assign", d, assign_dialog_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "assign", _("_Assign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign", d->schools->len > 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (assign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
opora_people_page_person_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, evaluation_activated_cb);
  gtk_widget_class_install_action (widget_class, "people.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "people.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "people.archive", NULL, archive_cb);
  gtk_widget_class_install_action (widget_class, "people.evaluate", NULL, evaluate_cb);
  gtk_widget_class_install_action (widget_class, "people.assign", NULL, assign_cb);
  gtk_widget_class_install_action (widget_class, "people.remove-assignment", "x", remove_assignment_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "people.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "people.evaluate", NULL);
}
