/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that adds a mentor or tutor to the registry, or changes one. */

#include <glib/gi18n.h>

#include "opora-person-editor.h"
#include "opora-school.h"

struct _OporaPersonEditor
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  AdwEntryRow   *name_row;
  AdwComboRow   *role_row;
  AdwEntryRow   *position_row;
  AdwComboRow   *school_row;
  GtkStringList *school_names;
  AdwEntryRow   *subject_row;
  AdwEntryRow   *phone_row;
  AdwEntryRow   *email_row;
  AdwEntryRow   *note_row;

  /* Owned */
  OporaPerson   *person;   /* what is edited; id 0 for a new one */
  GPtrArray     *schools;  /* OporaSchool, in the order of school_row after "None" */

  /* Borrowed */
  OporaDb       *db;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OporaPersonEditor, opora_person_editor, ADW_TYPE_WINDOW)

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
replace (char       **field,
         AdwEntryRow *row)
{
  g_free (*field);
  *field = dup_text (row);
}

/* Copies the form into self->person. */
static void
read_form (OporaPersonEditor *self)
{
  OporaPerson *p = self->person;
  guint school = adw_combo_row_get_selected (self->school_row);

  replace (&p->full_name, self->name_row);
  replace (&p->position, self->position_row);
  replace (&p->subject, self->subject_row);
  replace (&p->phone, self->phone_row);
  replace (&p->email, self->email_row);
  replace (&p->note, self->note_row);
  p->role = adw_combo_row_get_selected (self->role_row) == 1 ? OPORA_ROLE_TUTOR : OPORA_ROLE_MENTOR;
  g_clear_pointer (&p->school_code, g_free);
  p->school_id = school > 0 && school <= self->schools->len
    ? ((OporaSchool *) self->schools->pdata[school - 1])->id : 0;
}

static void
show_error (OporaPersonEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/**
 * opora_person_editor_save:
 *
 * Adds or updates the person as the form shows them. On error the message is
 * also shown in the form and the workspace is unchanged.
 *
 * Returns: the person's id, or 0 with @error set
 */
gint64
opora_person_editor_save (OporaPersonEditor  *self,
                          GError            **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id;

  g_return_val_if_fail (OPORA_IS_PERSON_EDITOR (self), 0);

  read_form (self);
  if (self->person->id == 0)
    id = opora_person_add (self->db, self->person, &local);
  else
    id = opora_person_update (self->db, self->person, &local) ? self->person->id : 0;
  if (id == 0)
    {
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  self->person->id = id;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  return id;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  if (opora_person_editor_save (OPORA_PERSON_EDITOR (widget), NULL) != 0)
    gtk_window_close (GTK_WINDOW (widget));
}

static void
opora_person_editor_finalize (GObject *object)
{
  OporaPersonEditor *self = (OporaPersonEditor *) object;

  g_clear_pointer (&self->person, opora_person_free);
  g_clear_pointer (&self->schools, g_ptr_array_unref);

  G_OBJECT_CLASS (opora_person_editor_parent_class)->finalize (object);
}

static void
opora_person_editor_class_init (OporaPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_person_editor_finalize;

  /**
   * OporaPersonEditor::saved:
   * @id: the person's id
   *
   * Emitted after the person was stored.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, position_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, school_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, school_names);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, OporaPersonEditor, note_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_person_editor_init (OporaPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "None", then the schools as "0012 — СОШ № 5"; selects @school_id's. */
static void
fill_schools (OporaPersonEditor *self,
              gint64             school_id)
{
  self->schools = opora_school_list (self->db, NULL);
  if (self->schools == NULL)
    self->schools = g_ptr_array_new ();
  /* Translators: no school chosen. */
  gtk_string_list_append (self->school_names, C_("school", "None"));
  for (guint i = 0; i < self->schools->len; i++)
    {
      const OporaSchool *s = self->schools->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", s->code, s->short_name != NULL ? s->short_name : s->name);

      gtk_string_list_append (self->school_names, label);
      if (s->id == school_id)
        adw_combo_row_set_selected (self->school_row, i + 1);
    }
}

/**
 * opora_person_editor_new:
 * @parent: (nullable): the window it belongs to
 * @db: the workspace, borrowed for the form's life
 * @person: (nullable): the person to change, or %NULL to add one
 *
 * Save stores the person and emits ::saved.
 *
 * Returns: (transfer none): the form, owned by GTK's list of toplevels
 */
OporaPersonEditor *
opora_person_editor_new (GtkWindow         *parent,
                         OporaDb           *db,
                         const OporaPerson *person)
{
  OporaPersonEditor *self;
  const OporaPerson *p;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (OPORA_TYPE_PERSON_EDITOR, "transient-for", parent, NULL);
  self->db = db;
  self->person = person != NULL ? opora_person_copy (person) : opora_person_new (OPORA_ROLE_MENTOR, "");
  p = self->person;
  gtk_window_set_title (GTK_WINDOW (self), person != NULL ? _("Edit Mentor or Tutor") : _("Add Mentor or Tutor"));
  set_text (self->name_row, p->full_name);
  adw_combo_row_set_selected (self->role_row, p->role == OPORA_ROLE_TUTOR ? 1 : 0);
  set_text (self->position_row, p->position);
  set_text (self->subject_row, p->subject);
  set_text (self->phone_row, p->phone);
  set_text (self->email_row, p->email);
  set_text (self->note_row, p->note);
  fill_schools (self, p->school_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !opora_db_is_read_only (db));
  return self;
}
