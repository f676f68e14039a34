/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bodies evaluated as a whole (centre, point, cluster) and the rubrics: list, edit, duplicate, archive. */

#include <glib/gi18n.h>

#include "opora-people-page-private.h"
#include "opora-rubric-editor.h"

#define RUBRIC_KEY "opora-rubric-id"

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* ---- Bodies ---- */

static void
body_activated_cb (GtkListBox      *list,
                   GtkListBoxRow   *row,
                   OporaPeoplePage *self)
{
  const char *body = g_object_get_data (G_OBJECT (list), "opora-body");
  gint64 rubric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "opora-rubric"));
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "opora-year"));

  if (rubric != 0)
    opora_people_page_evaluate (self, NULL, body, rubric, year);
}

static GtkWidget *
body_group (OporaPeoplePage *self,
            const char      *body)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *evaluate = gtk_button_new_with_mnemonic (_("_Evaluate…"));
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), body);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (evaluate), "people.evaluate-body");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (evaluate), g_variant_new_string (body));
  gtk_widget_set_valign (evaluate, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), evaluate);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data_full (G_OBJECT (list), "opora-body", g_strdup (body), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, body, -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (body_activated_cb), self, 0);
  for (guint i = self->evaluations->len; i > 0; i--)
    {
      const OporaEvaluation *e = self->evaluations->pdata[i - 1];

      if (e->person_id == 0 && g_strcmp0 (e->person_name, body) == 0 && ++n)
        gtk_list_box_append (GTK_LIST_BOX (list), opora_people_page_evaluation_row (self, e));
    }
  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_("Not evaluated yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12), gtk_widget_set_margin_bottom (label, 12);
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

/* One group per body named by a rubric in use, with its evaluations by year. */
void
opora_people_page_show_bodies (OporaPeoplePage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bodies_box))) != NULL)
    gtk_box_remove (self->bodies_box, child);
  for (guint i = 0; self->rubrics != NULL && i < self->rubrics->len; i++)
    {
      const OporaRubric *r = self->rubrics->pdata[i];

      if (r->archived || r->body == NULL || *r->body == '\0' || !g_hash_table_add (seen, r->body))
        continue;
      gtk_box_append (self->bodies_box, body_group (self, r->body));
    }
  if (g_hash_table_size (seen) == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-shared-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Bodies"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Name the centre, point or cluster a rubric scores as a whole in Rubrics."));
      gtk_box_append (self->bodies_box, status);
    }
}

static void
evaluate_body_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);

  opora_people_page_evaluate (self, NULL, g_variant_get_string (parameter, NULL), 0,
                              opora_people_page_get_year (self));
}

/* ---- Rubrics ---- */

/* "Mentors · Муниципальный наставнический центр · 6 criteria · archived" */
static char *
rubric_subtitle (const OporaRubric *r)
{
  GString *text = g_string_new (!r->has_role ? _("The body as a whole")
                                : r->role == OPORA_ROLE_TUTOR ? _("Tutors") : _("Mentors"));

  if (r->body != NULL && *r->body != '\0')
    g_string_append_printf (text, " · %s", r->body);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u criterion", "%u criteria", r->criteria->len), r->criteria->len);
  if (r->archived)
    g_string_append_printf (text, " · %s", _("archived"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
rubric_row (OporaPeoplePage   *self,
            const OporaRubric *r)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = rubric_subtitle (r);
  g_autofree char *name = g_strdup_printf ("rubric-%" G_GINT64_FORMAT, r->id);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("edit-copy-symbolic", _("Duplicate the Rubric"), "people.duplicate-rubric",
                                          g_variant_new_int64 (r->id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button (r->archived ? "edit-undo-symbolic" : "folder-symbolic",
                                          r->archived ? _("Restore the Rubric from the Archive") : _("Archive the Rubric"),
                                          "people.archive-rubric", g_variant_new_int64 (r->id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), RUBRIC_KEY, GINT_TO_POINTER ((int) r->id));
  return row;
}

void
opora_people_page_show_rubrics (OporaPeoplePage *self)
{
  gboolean archived = gtk_check_button_get_active (self->rubrics_archived_check);
  gboolean writable = opora_people_page_can_write (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rubrics_list))) != NULL)
    gtk_list_box_remove (self->rubrics_list, child);
  for (guint i = 0; self->rubrics != NULL && i < self->rubrics->len; i++)
    {
      const OporaRubric *r = self->rubrics->pdata[i];

      if (archived || !r->archived)
        gtk_list_box_append (self->rubrics_list, rubric_row (self, r));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.new-rubric", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.duplicate-rubric", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.archive-rubric", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.evaluate-body", writable);
}

static void
rubrics_filter_cb (OporaPeoplePage *self)
{
  opora_people_page_show_rubrics (self);
}

static void
rubric_saved_cb (OporaRubricEditor *editor,
                 gint64             id,
                 OporaPeoplePage   *self)
{
  opora_people_page_reload (self);
  opora_people_page_toast (self, _("Rubric saved"));
}

static void
open_editor (OporaPeoplePage *self,
             gint64           rubric_id)
{
  g_autoptr(GError) error = NULL;
  OporaRubricEditor *editor = opora_rubric_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       self->db, rubric_id, &error);

  if (editor == NULL)
    {
      opora_people_page_toast (self, error->message);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (rubric_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
rubric_activated_cb (OporaPeoplePage *self,
                     GtkListBoxRow   *row)
{
  gint64 id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), RUBRIC_KEY));

  if (id != 0)
    open_editor (self, id);
}

static void
new_rubric_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (OPORA_PEOPLE_PAGE (widget), 0);
}

static void
duplicate_rubric_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = opora_rubric_duplicate (self->db, g_variant_get_int64 (parameter), NULL, &error);

  if (id == 0)
    {
      opora_people_page_toast (self, error->message);
      return;
    }
  opora_people_page_reload (self);
  opora_people_page_toast (self, _("Rubric duplicated"));
  open_editor (self, id);
}

static void
archive_rubric_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OporaPeoplePage *self = OPORA_PEOPLE_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean archived = TRUE;

  for (guint i = 0; self->rubrics != NULL && i < self->rubrics->len; i++)
    if (((OporaRubric *) self->rubrics->pdata[i])->id == id)
      archived = !((OporaRubric *) self->rubrics->pdata[i])->archived;
  if (!opora_rubric_set_archived (self->db, id, archived, &error))
    {
      opora_people_page_toast (self, error->message);
      return;
    }
  opora_people_page_reload (self);
  opora_people_page_toast (self, archived ? _("Rubric archived") : _("Rubric restored from the archive"));
}

void
opora_people_page_rubrics_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, rubrics_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, rubric_activated_cb);
  gtk_widget_class_install_action (widget_class, "people.evaluate-body", "s", evaluate_body_cb);
  gtk_widget_class_install_action (widget_class, "people.new-rubric", NULL, new_rubric_cb);
  gtk_widget_class_install_action (widget_class, "people.duplicate-rubric", "x", duplicate_rubric_cb);
  gtk_widget_class_install_action (widget_class, "people.archive-rubric", "x", archive_rubric_cb);
}
