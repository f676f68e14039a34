/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that edits a rubric: its name, body, criteria with their scales, and levels. */

#include <glib/gi18n.h>

#include "opora-error.h"
#include "opora-rubric-editor-private.h"

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OporaRubricEditor, opora_rubric_editor, ADW_TYPE_WINDOW)

void
opora_rubric_editor_show_error (OporaRubricEditor *self,
                                const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static int
compare_options (gconstpointer a,
                 gconstpointer b)
{
  double x = ((const OporaRubricOption *) a)->points, y = ((const OporaRubricOption *) b)->points;

  return (x > y) - (x < y);
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  double x = ((const OporaRubricLevel *) a)->min_total, y = ((const OporaRubricLevel *) b)->min_total;

  return (x > y) - (x < y);
}

/* Copies the header rows into the rubric and puts scales and levels in the order the core keeps. */
static void
read_form (OporaRubricEditor *self)
{
  OporaRubric *r = self->rubric;
  guint role = adw_combo_row_get_selected (self->role_row);

  g_free (r->name), r->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (r->body), r->body = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->body_row)));
  r->has_role = role == 1 || role == 2;
  r->role = role == 2 ? OPORA_ROLE_TUTOR : OPORA_ROLE_MENTOR;
  for (guint i = 0; i < r->criteria->len; i++)
    {
      OporaCriterion *c = r->criteria->pdata[i];

      if (c->kind == OPORA_CRITERION_COUNT)
        g_array_set_size (c->options, 0);
      else
        c->points_per_unit = 0;
      g_array_sort (c->options, compare_options);
    }
  g_array_sort (r->levels, compare_levels);
}

static void
saved (OporaRubricEditor *self,
       gint64             id)
{
  self->rubric->id = id;
  opora_rubric_editor_show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
}

/**
 * opora_rubric_editor_save_copy:
 *
 * Duplicates the stored rubric and saves the form's criteria and levels into the
 * copy, which the form edits from then on: how a rubric that has evaluations gets
 * a new scale. On error the workspace is unchanged.
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
opora_rubric_editor_save_copy (OporaRubricEditor  *self,
                               GError            **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(OporaRubric) copy = NULL;
  g_autoptr(OporaRubric) edited = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 id;

  g_return_val_if_fail (OPORA_IS_RUBRIC_EDITOR (self), 0);
  g_return_val_if_fail (self->rubric->id != 0, 0);

  read_form (self);
  node = opora_rubric_to_json (self->rubric);
  if (!(edited = opora_rubric_from_json (node, error)) ||
      !(tx = opora_db_begin (self->db, error)) ||
      !(id = opora_rubric_duplicate (self->db, self->rubric->id, NULL, error)) ||
      !(copy = opora_rubric_get (self->db, id, error)))
    return 0;
  /* The copy's criteria are new rows: the edited ones replace them all. */
  edited->id = id;
  g_free (edited->name), edited->name = g_strdup (copy->name);
  for (guint i = 0; i < edited->criteria->len; i++)
    ((OporaCriterion *) edited->criteria->pdata[i])->id = 0;
  if (!opora_rubric_save (self->db, edited, error) || !opora_transaction_commit (tx, error))
    return 0;
  opora_rubric_free (self->rubric);
  self->rubric = g_steal_pointer (&edited);
  self->expanded = NULL;
  opora_rubric_editor_rebuild (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), copy->name);
  saved (self, id);
  return id;
}

/**
 * opora_rubric_editor_save:
 *
 * Stores the rubric as the form shows it. A change of the criteria or points of a
 * rubric with evaluations is refused (see opora_rubric_save()); the form then
 * offers to save into a copy. On error the message is also shown in the form.
 *
 * Returns: the rubric's id, or 0 with @error set
 */
gint64
opora_rubric_editor_save (OporaRubricEditor  *self,
                          GError            **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id;

  g_return_val_if_fail (OPORA_IS_RUBRIC_EDITOR (self), 0);

  read_form (self);
  if ((id = opora_rubric_save (self->db, self->rubric, &local)) == 0)
    {
      opora_rubric_editor_show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  saved (self, id);
  return id;
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
copy_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  OporaRubricEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "duplicate"))
    return;
  /* The dialog is transient for the form: close the form once the dialog is gone. */
  if (opora_rubric_editor_save_copy (self, &error))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
  else
    opora_rubric_editor_show_error (self, error->message);
}

/* The scale of an evaluated rubric cannot change: offer to edit a copy instead. */
static void
offer_copy (OporaRubricEditor *self,
            const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Rubric Is in Use"), error->message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "duplicate", _("_Duplicate and Edit the Copy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "duplicate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "duplicate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (copy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_in_use (OporaRubricEditor *self)
{
  return self->rubric->id != 0 && opora_rubric_validate (self->rubric, NULL) &&
         opora_rubric_count_evaluations (self->db, self->rubric->id, NULL) > 0;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaRubricEditor *self = OPORA_RUBRIC_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (opora_rubric_editor_save (self, &error))
    gtk_window_close (GTK_WINDOW (self));
  else if (g_error_matches (error, OPORA_ERROR, OPORA_ERROR_INVALID) && is_in_use (self))
    offer_copy (self, error);
}

/**
 * opora_rubric_editor_get_rubric:
 *
 * Returns: (transfer none): the rubric as edited so far; the form reads its
 *   header rows into it only on save
 */
OporaRubric *
opora_rubric_editor_get_rubric (OporaRubricEditor *self)
{
  g_return_val_if_fail (OPORA_IS_RUBRIC_EDITOR (self), NULL);
  return self->rubric;
}

static void
opora_rubric_editor_finalize (GObject *object)
{
  OporaRubricEditor *self = (OporaRubricEditor *) object;

  g_clear_pointer (&self->rubric, opora_rubric_free);

  G_OBJECT_CLASS (opora_rubric_editor_parent_class)->finalize (object);
}

static void
opora_rubric_editor_class_init (OporaRubricEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_rubric_editor_finalize;

  /**
   * OporaRubricEditor::saved:
   * @id: the rubric's id (a copy's, after "Duplicate and Edit the Copy")
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-rubric-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, body_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, OporaRubricEditor, levels_list);

  gtk_widget_class_install_action (widget_class, "rubric.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "rubric.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  opora_rubric_editor_criteria_class_init (widget_class);
}

static void
opora_rubric_editor_init (OporaRubricEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A new rubric starts with one criterion scored 0, 1 or 2. */
static OporaRubric *
new_rubric (void)
{
  OporaRubric *r = opora_rubric_new (_("New rubric"));
  OporaCriterion *c = opora_criterion_new (OPORA_CRITERION_CHOICE, "");

  for (int p = 0; p <= 2; p++)
    opora_criterion_add_option (c, p, "");
  g_ptr_array_add (r->criteria, c);
  return r;
}

/**
 * opora_rubric_editor_new:
 * @parent: (nullable): the window it belongs to
 * @db: the workspace, borrowed for the form's life
 * @rubric_id: the rubric to edit, or 0 for a new one
 *
 * Save stores the rubric and emits ::saved.
 *
 * Returns: (transfer none) (nullable): the form, owned by GTK's list of
 *   toplevels, or %NULL with @error set when the rubric cannot be read
 */
OporaRubricEditor *
opora_rubric_editor_new (GtkWindow  *parent,
                         OporaDb    *db,
                         gint64      rubric_id,
                         GError    **error)
{
  OporaRubricEditor *self;
  OporaRubric *rubric = rubric_id != 0 ? opora_rubric_get (db, rubric_id, error) : new_rubric ();

  if (rubric == NULL)
    return NULL;
  self = g_object_new (OPORA_TYPE_RUBRIC_EDITOR, "transient-for", parent, NULL);
  self->db = db;
  self->rubric = rubric;
  gtk_window_set_title (GTK_WINDOW (self), rubric_id != 0 ? _("Edit Rubric") : _("New Rubric"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rubric->name);
  gtk_editable_set_text (GTK_EDITABLE (self->body_row), rubric->body != NULL ? rubric->body : "");
  adw_combo_row_set_selected (self->role_row, !rubric->has_role ? 0 : rubric->role == OPORA_ROLE_TUTOR ? 2 : 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rubric.save", !opora_db_is_read_only (db));
  opora_rubric_editor_rebuild (self);
  return self;
}
