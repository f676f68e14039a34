/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that scores a mentor, a tutor or a body as a whole on a rubric for a school year. */

#include <glib/gi18n.h>

#include "opora-error.h"
#include "opora-evaluation-form-private.h"
#include "opora-level-badge.h"
#include "opora-program.h"

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OporaEvaluationForm, opora_evaluation_form, ADW_TYPE_WINDOW)

const OporaRubric *
opora_evaluation_form_rubric (OporaEvaluationForm *self)
{
  guint selected = adw_combo_row_get_selected (self->rubric_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->rubrics->len)
    return NULL;
  return self->rubrics->pdata[selected];
}

static void
show_error (OporaEvaluationForm *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Shows the running total and level: "8 of 12 — удовлетворительный". */
static void
update_total (OporaEvaluationForm *self)
{
  const OporaRubric *rubric = opora_evaluation_form_rubric (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (rubric == NULL)
    {
      gtk_label_set_text (self->total_label, _("Choose a rubric to score on."));
      opora_level_set_style (GTK_WIDGET (self->total_label), -1, 0);
      return;
    }
  if (!opora_evaluation_compute (self->evaluation, rubric, &error))
    {
      gtk_label_set_text (self->total_label, error->message);
      return;
    }
  text = opora_level_total_text (self->evaluation);
  gtk_label_set_text (self->total_label, text);
  opora_level_set_style (GTK_WIDGET (self->total_label), self->evaluation->level, self->evaluation->n_levels);
}

void
opora_evaluation_form_changed (OporaEvaluationForm *self)
{
  if (self->loading)
    return;
  opora_evaluation_form_read_scores (self);
  show_error (self, NULL);
  update_total (self);
}

static gint64
person_id (OporaEvaluationForm *self)
{
  return self->person != NULL ? self->person->id : 0;
}

/* Shows the stored evaluation of the chosen rubric and year, or a blank one
 * keeping the evaluator and date typed so far. */
static void
load_evaluation (OporaEvaluationForm *self)
{
  const OporaRubric *rubric = opora_evaluation_form_rubric (self);
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  OporaEvaluation *found = NULL;
  g_autofree char *school_year = opora_school_year_label (year);

  if (rubric != NULL)
    found = opora_evaluation_find (self->db, rubric->id, person_id (self), year, NULL);
  if (found == NULL)
    {
      found = opora_evaluation_new (rubric != NULL ? rubric->id : 0, person_id (self), year);
      g_free (found->evaluator), found->evaluator = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->evaluator_row)));
      g_free (found->date), found->date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
    }
  g_clear_pointer (&self->evaluation, opora_evaluation_free);
  self->evaluation = found;
  adw_action_row_set_subtitle (self->year_row, school_year);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->evaluator_row), found->evaluator);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), found->date);
  self->loading = FALSE;
  opora_evaluation_form_show_scores (self);
  show_error (self, NULL);
  update_total (self);
}

static void
rubric_selected_cb (OporaEvaluationForm *self)
{
  opora_evaluation_form_build_rows (self);
  load_evaluation (self);
}

static void
year_changed_cb (OporaEvaluationForm *self)
{
  load_evaluation (self);
}

/**
 * opora_evaluation_form_save:
 *
 * Stores the scores as the form shows them. On error the message is also shown
 * in the form and the workspace is unchanged.
 *
 * Returns: the evaluation's id, or 0 with @error set
 */
gint64
opora_evaluation_form_save (OporaEvaluationForm  *self,
                            GError              **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id;

  g_return_val_if_fail (OPORA_IS_EVALUATION_FORM (self), 0);

  if (opora_evaluation_form_rubric (self) == NULL)
    {
      g_set_error_literal (&local, OPORA_ERROR, OPORA_ERROR_INVALID, _("Choose a rubric to score on."));
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  opora_evaluation_form_read_scores (self);
  g_free (self->evaluation->evaluator);
  self->evaluation->evaluator = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->evaluator_row)));
  g_free (self->evaluation->date);
  self->evaluation->date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  if ((id = opora_evaluation_save (self->db, self->evaluation, &local)) == 0)
    {
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  self->evaluation->id = id;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  return id;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaEvaluationForm *self = OPORA_EVALUATION_FORM (widget);

  if (opora_evaluation_form_save (self, NULL) != 0)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * opora_evaluation_form_get_evaluation:
 *
 * Returns: (transfer none): the evaluation as last computed from the form
 */
const OporaEvaluation *
opora_evaluation_form_get_evaluation (OporaEvaluationForm *self)
{
  g_return_val_if_fail (OPORA_IS_EVALUATION_FORM (self), NULL);
  return self->evaluation;
}

/**
 * opora_evaluation_form_dup_total_text:
 *
 * Returns: (transfer full): the running total as shown, "8 of 12 — удовлетворительный"
 */
char *
opora_evaluation_form_dup_total_text (OporaEvaluationForm *self)
{
  g_return_val_if_fail (OPORA_IS_EVALUATION_FORM (self), NULL);
  return g_strdup (gtk_label_get_text (self->total_label));
}

static void
opora_evaluation_form_finalize (GObject *object)
{
  OporaEvaluationForm *self = (OporaEvaluationForm *) object;

  g_clear_pointer (&self->rubrics, g_ptr_array_unref);
  g_clear_pointer (&self->person, opora_person_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->evaluation, opora_evaluation_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (opora_evaluation_form_parent_class)->finalize (object);
}

static void
opora_evaluation_form_class_init (OporaEvaluationFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = opora_evaluation_form_finalize;

  /**
   * OporaEvaluationForm::saved:
   * @id: the evaluation's id
   *
   * Emitted after the evaluation was stored.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-evaluation-form.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, rubric_row);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, rubric_names);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, year_row);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, year_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, evaluator_row);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, date_row);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, total_label);
  gtk_widget_class_bind_template_child (widget_class, OporaEvaluationForm, criteria_box);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_evaluation_form_init (OporaEvaluationForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_free);
}

/* The rubrics that score @person's role, or @body as a whole; the one of
 * @rubric_id also when archived, so an old evaluation can still be opened. */
static GPtrArray *
candidate_rubrics (OporaDb           *db,
                   const OporaPerson *person,
                   const char        *body,
                   gint64             rubric_id)
{
  g_autoptr(GPtrArray) all = opora_rubric_list (db, TRUE, NULL);
  GPtrArray *rubrics = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_rubric_free);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      OporaRubric *r = all->pdata[i];
      gboolean fits = person != NULL ? r->has_role && r->role == person->role : g_strcmp0 (r->body, body) == 0;

      if (fits && (!r->archived || r->id == rubric_id))
        g_ptr_array_add (rubrics, g_steal_pointer (&all->pdata[i]));
    }
  return rubrics;
}

static void
set_subject (OporaEvaluationForm *self)
{
  const char *who = self->person != NULL ? self->person->full_name : self->body;

  adw_window_title_set_subtitle (self->window_title, who);
  /* Translators: the evaluation form's title: who is evaluated. */
  g_autofree char *title = g_strdup_printf (_("Evaluation of %s"), who);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/**
 * opora_evaluation_form_new:
 * @parent: (nullable): the window it belongs to
 * @db: the workspace, borrowed for the form's life
 * @person: (nullable): who is evaluated, or %NULL for @body
 * @body: (nullable): the body evaluated as a whole when @person is %NULL
 * @rubric_id: the rubric to show first, or 0 for the first that fits
 * @year: the school year to show first
 * @today: the date a new evaluation gets, YYYY-MM-DD
 *
 * The form shows the stored evaluation of the chosen rubric and year when there is
 * one, so it opens existing evaluations too. Save stores it and emits ::saved.
 *
 * Returns: (transfer none): the form, owned by GTK's list of toplevels
 */
OporaEvaluationForm *
opora_evaluation_form_new (GtkWindow         *parent,
                           OporaDb           *db,
                           const OporaPerson *person,
                           const char        *body,
                           gint64             rubric_id,
                           int                year,
                           const char        *today)
{
  OporaEvaluationForm *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (person != NULL || body != NULL, NULL);

  self = g_object_new (OPORA_TYPE_EVALUATION_FORM, "transient-for", parent, NULL);
  self->db = db;
  self->person = person != NULL ? opora_person_copy (person) : NULL;
  self->body = person == NULL ? g_strdup (body) : NULL;
  self->rubrics = candidate_rubrics (db, person, body, rubric_id);
  set_subject (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", !opora_db_is_read_only (db));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_spin_button_set_value (self->year_spin, year);
  for (guint i = 0; i < self->rubrics->len; i++)
    {
      OporaRubric *r = self->rubrics->pdata[i];

      gtk_string_list_append (self->rubric_names, r->name);
      if (r->id == rubric_id)
        adw_combo_row_set_selected (self->rubric_row, i);
    }
  opora_evaluation_form_build_rows (self);
  load_evaluation (self);
  g_signal_connect_object (self->rubric_row, "notify::selected", G_CALLBACK (rubric_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evaluator_row, "changed", G_CALLBACK (opora_evaluation_form_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}
