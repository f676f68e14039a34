/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The registry of mentors and tutors: its rows, filters, Add and Import. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-level-badge.h"
#include "opora-people-page-private.h"
#include "opora-person-editor.h"
#include "opora-program.h"

#define PERSON_KEY "opora-person"

/* "Mentor · директор · 0012 СОШ № 5 · математика", then the schools supported this year. */
static char *
person_subtitle (OporaPeoplePage   *self,
                 const OporaPerson *p)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autofree char *school = NULL;
  g_autofree char *first = NULL;
  const char *assigned = g_hash_table_lookup (self->assigned, GINT_TO_POINTER ((int) p->id));

  g_strv_builder_add (parts, p->role == OPORA_ROLE_TUTOR ? _("Tutor") : _("Mentor"));
  if (p->position != NULL && *p->position != '\0')
    g_strv_builder_add (parts, p->position);
  if (p->school_code != NULL)
    {
      school = g_strdup_printf ("%s %s", p->school_code, p->school_name != NULL ? p->school_name : "");
      g_strv_builder_add (parts, school);
    }
  if (p->subject != NULL && *p->subject != '\0')
    g_strv_builder_add (parts, p->subject);
  if (p->archived)
    g_strv_builder_add (parts, _("archived"));
  strv = g_strv_builder_end (parts);
  first = g_strjoinv (" · ", strv);
  if (assigned == NULL)
    return g_strdup_printf ("%s\n%s", first, _("No supported schools this year"));
  {
    g_auto(GStrv) schools = g_strsplit (assigned, "\n", -1);
    g_autofree char *joined = g_strjoinv ("; ", schools);

    /* Translators: the schools a mentor or tutor supports in the chosen school year. */
    return g_strdup_printf (_("%s\nSupports: %s"), first, joined);
  }
}

static GtkWidget *
person_row (OporaPeoplePage   *self,
            const OporaPerson *p)
{
  GtkWidget *row = adw_action_row_new ();
  const OporaEvaluation *latest = opora_people_page_latest (self, p->id);
  g_autofree char *subtitle = person_subtitle (self, p);
  g_autofree char *name = g_strdup_printf ("person-%" G_GINT64_FORMAT, p->id);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->full_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (latest != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), opora_level_badge_new (latest));
  else
    {
      GtkWidget *none = gtk_label_new (_("Not evaluated"));

      gtk_widget_add_css_class (none, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), none);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), PERSON_KEY, (gpointer) p);
  return row;
}

static gboolean
matches (OporaPeoplePage   *self,
         const OporaPerson *p)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  if (p->archived && !gtk_check_button_get_active (self->archived_check))
    return FALSE;
  if ((role == 1 && p->role != OPORA_ROLE_MENTOR) || (role == 2 && p->role != OPORA_ROLE_TUTOR))
    return FALSE;
  if (*query == '\0')
    return TRUE;
  name = g_utf8_casefold (p->full_name, -1);
  folded = g_utf8_casefold (query, -1);
  return strstr (name, folded) != NULL;
}

/* Shows the people that pass the search, role and archive filters. */
void
opora_people_page_show_list (OporaPeoplePage *self)
{
  GtkWidget *child;
  guint shown = 0, total = 0;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      const OporaPerson *p = self->people->pdata[i];

      total += !p->archived;
      if (!matches (self, p))
        continue;
      gtk_list_box_append (self->people_list, person_row (self, p));
      shown++;
    }
  if (total == 0)
    count = g_strdup (_("No mentors or tutors yet. Add them one by one or import a list."));
  else
    count = g_strdup_printf (ngettext ("%u of %u person shown", "%u of %u people shown", total), shown, total);
  gtk_label_set_text (self->people_count_label, count);
}

static void
filter_changed_cb (OporaPeoplePage *self)
{
  opora_people_page_show_list (self);
}

static void
person_activated_cb (OporaPeoplePage *self,
                     GtkListBoxRow   *row)
{
  const OporaPerson *p = g_object_get_data (G_OBJECT (row), PERSON_KEY);

  if (p != NULL)
    opora_people_page_open_person (self, p->id);
}

static void
person_saved_cb (OporaPersonEditor *editor,
                 gint64             id,
                 OporaPeoplePage   *self)
{
  opora_people_page_reload (self);
  opora_people_page_toast (self, _("Saved"));
}

static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  OporaPersonEditor *editor;

  if (!opora_people_page_can_write (self))
    return;
  editor = opora_person_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (person_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/**
 * opora_people_page_import:
 * @path: a CSV, XLSX, ODS or XLS list of mentors and tutors
 *
 * Imports @path with opora_person_import() for the chosen school year and shows
 * what it did in a toast. On error nothing is imported and the message says
 * where (row and column) and why.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_people_page_import (OporaPeoplePage  *self,
                          const char       *path,
                          GError          **error)
{
  OporaPersonImport report = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *added = NULL;
  g_autofree char *year = NULL;

  g_return_val_if_fail (OPORA_IS_PEOPLE_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!opora_person_import (self->db, path, NULL, opora_people_page_get_year (self), &report, error))
    return FALSE;
  year = opora_school_year_label (opora_people_page_get_year (self));
  added = g_strdup_printf (ngettext ("%u person added", "%u people added", report.n_added), report.n_added);
  /* Translators: after an import: "3 people added, 2 updated, 4 assignments in 2026/27". */
  text = g_strdup_printf (ngettext ("%s, %u updated, %u assignment in %s", "%s, %u updated, %u assignments in %s",
                                    report.n_assigned),
                          added, report.n_updated, report.n_assigned, year);
  opora_people_page_reload (self);
  opora_people_page_toast (self, text);
  return TRUE;
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    OporaPeoplePage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL && !opora_people_page_import (self, path, &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                   _("Cannot Import the List"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!opora_people_page_can_write (self))
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Mentors and Tutors"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV, XLSX, ODS, XLS)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "ods");
  gtk_file_filter_add_suffix (filter, "xls");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
opora_people_page_list_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "people.import", NULL, import_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "people.add", NULL);
}
