/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Mentors and Tutors section: loads the workspace's people, evaluations and rubrics for the chosen year. */

#include <glib/gi18n.h>

#include "opora-evaluation-form.h"
#include "opora-level-badge.h"
#include "opora-people-page-private.h"
#include "opora-program.h"
#include "opora-toast.h"

G_DEFINE_FINAL_TYPE (OporaPeoplePage, opora_people_page, ADW_TYPE_BIN)

void
opora_people_page_toast (OporaPeoplePage *self,
                         const char      *text)
{
  opora_toast_show (GTK_WIDGET (self), text);
}

const char *
opora_people_page_today (OporaPeoplePage *self)
{
  if (self->today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      self->today = g_date_time_format (now, "%Y-%m-%d");
    }
  return self->today;
}

gboolean
opora_people_page_can_write (OporaPeoplePage *self)
{
  return self->db != NULL && !opora_db_is_read_only (self->db);
}

/* The school year a date falls in: 2026-11-29 → 2027 (2026/27), 2026-05-20 → 2026. */
static int
school_year_of (const char *iso)
{
  int year = 0, month = 0;

  if (sscanf (iso, "%d-%d", &year, &month) != 2)
    return 2026;
  return month >= 9 ? year + 1 : year;
}

/* Fills the year list around today's school year and selects it. */
static void
fill_years (OporaPeoplePage *self)
{
  int current = school_year_of (opora_people_page_today (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->year_list));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  self->first_year = current - YEARS_BEFORE;
  for (int y = self->first_year; y <= current + YEARS_AFTER; y++)
    g_ptr_array_add (labels, opora_school_year_label (y));
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->year_list, 0, n, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->year_dropdown, YEARS_BEFORE);
}

/**
 * opora_people_page_get_year:
 *
 * Returns: the chosen school year, 2026 for 2025/26
 */
int
opora_people_page_get_year (OporaPeoplePage *self)
{
  g_return_val_if_fail (OPORA_IS_PEOPLE_PAGE (self), 0);
  return self->first_year + (int) gtk_drop_down_get_selected (self->year_dropdown);
}

/**
 * opora_people_page_set_year:
 * @year: a school year among those offered (this one, five before, the next)
 */
void
opora_people_page_set_year (OporaPeoplePage *self,
                            int              year)
{
  g_return_if_fail (OPORA_IS_PEOPLE_PAGE (self));
  g_return_if_fail (year >= self->first_year && year <= self->first_year + YEARS_BEFORE + YEARS_AFTER);

  gtk_drop_down_set_selected (self->year_dropdown, (guint) (year - self->first_year));
}

/**
 * opora_people_page_set_today:
 * @today: YYYY-MM-DD
 *
 * Sets the date new evaluations get and the school year shown (tests pin it).
 */
void
opora_people_page_set_today (OporaPeoplePage *self,
                             const char      *today)
{
  g_return_if_fail (OPORA_IS_PEOPLE_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  fill_years (self);
}

/* The person's latest evaluation: the last of the list, which is by year. */
const OporaEvaluation *
opora_people_page_latest (OporaPeoplePage *self,
                          gint64           person_id)
{
  for (guint i = self->evaluations != NULL ? self->evaluations->len : 0; i > 0; i--)
    {
      const OporaEvaluation *e = self->evaluations->pdata[i - 1];
      if (e->person_id == person_id)
        return e;
    }
  return NULL;
}

/* "2025/26 — rubric" with the total and level as a badge; activating it opens the evaluation. */
GtkWidget *
opora_people_page_evaluation_row (OporaPeoplePage       *self,
                                  const OporaEvaluation *e)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *year = opora_school_year_label (e->year);
  g_autofree char *title = g_strdup_printf ("%s — %s", year, e->rubric_name);
  g_autofree char *subtitle = NULL;

  if (e->evaluator != NULL && *e->evaluator != '\0')
    /* Translators: who scored an evaluation and when. */
    subtitle = g_strdup_printf (_("%s, %s"), e->evaluator, e->date);
  else
    subtitle = g_strdup (e->date);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), opora_level_badge_new (e));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "opora-rubric", GINT_TO_POINTER ((int) e->rubric_id));
  g_object_set_data (G_OBJECT (row), "opora-year", GINT_TO_POINTER (e->year));
  return row;
}

static void
evaluation_saved_cb (OporaEvaluationForm *form,
                     gint64               id,
                     OporaPeoplePage     *self)
{
  opora_people_page_reload (self);
  opora_people_page_toast (self, _("Evaluation saved"));
}

/* Opens the evaluation form for @person or @body; it shows a stored evaluation of the rubric and year. */
void
opora_people_page_evaluate (OporaPeoplePage   *self,
                            const OporaPerson *person,
                            const char        *body,
                            gint64             rubric_id,
                            int                year)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  OporaEvaluationForm *form = opora_evaluation_form_new (parent, self->db, person, body, rubric_id, year,
                                                         opora_people_page_today (self));

  g_signal_connect_object (form, "saved", G_CALLBACK (evaluation_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static gboolean
load (OporaPeoplePage  *self,
      GError          **error)
{
  g_autoptr(GPtrArray) assignments = NULL;

  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->evaluations, g_ptr_array_unref);
  g_clear_pointer (&self->rubrics, g_ptr_array_unref);
  g_hash_table_remove_all (self->assigned);
  if (self->db == NULL)
    return TRUE;
  if (!(self->people = opora_person_list (self->db, TRUE, error)) ||
      !(self->evaluations = opora_evaluation_list (self->db, OPORA_EVALUATION_ALL, 0, error)) ||
      !(self->rubrics = opora_rubric_list (self->db, TRUE, error)) ||
      !(assignments = opora_assignment_list (self->db, 0, opora_people_page_get_year (self), error)))
    return FALSE;
  for (guint i = 0; i < assignments->len; i++)
    {
      const OporaAssignment *a = assignments->pdata[i];
      gpointer key = GINT_TO_POINTER ((int) a->person_id);
      const char *before = g_hash_table_lookup (self->assigned, key);
      g_autofree char *school = g_strdup_printf ("%s %s", a->school_code, a->school_name);

      g_hash_table_insert (self->assigned, key,
                           before != NULL ? g_strconcat (before, "\n", school, NULL) : g_steal_pointer (&school));
    }
  return TRUE;
}

static gboolean
reload (OporaPeoplePage  *self,
        GError          **error)
{
  gboolean ok = load (self, error);

  if (self->person != NULL && self->db != NULL)
    {
      OporaPerson *fresh = opora_person_get (self->db, self->person->id, NULL);

      g_clear_pointer (&self->person, opora_person_free);
      self->person = fresh;
    }
  else
    g_clear_pointer (&self->person, opora_person_free);
  opora_people_page_show_list (self);
  opora_people_page_show_person (self);
  opora_people_page_show_bodies (self);
  opora_people_page_show_rubrics (self);
  return ok;
}

/* Reads everything again after a change; a failure is shown as a toast. */
void
opora_people_page_reload (OporaPeoplePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    opora_people_page_toast (self, error->message);
}

/**
 * opora_people_page_set_db:
 * @db: (nullable): the workspace, borrowed until the next call
 *
 * Returns: %FALSE with @error set when the registry cannot be read
 */
gboolean
opora_people_page_set_db (OporaPeoplePage  *self,
                          OporaDb          *db,
                          GError          **error)
{
  g_return_val_if_fail (OPORA_IS_PEOPLE_PAGE (self), FALSE);

  self->db = db;
  g_clear_pointer (&self->person, opora_person_free);
  return reload (self, error);
}

static void
year_selected_cb (OporaPeoplePage *self)
{
  if (self->first_year != 0)
    opora_people_page_reload (self);
}

static void
opora_people_page_dispose (GObject *object)
{
  OporaPeoplePage *self = (OporaPeoplePage *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), OPORA_TYPE_PEOPLE_PAGE);

  G_OBJECT_CLASS (opora_people_page_parent_class)->dispose (object);
}

static void
opora_people_page_finalize (GObject *object)
{
  OporaPeoplePage *self = (OporaPeoplePage *) object;

  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->evaluations, g_ptr_array_unref);
  g_clear_pointer (&self->rubrics, g_ptr_array_unref);
  g_clear_pointer (&self->assigned, g_hash_table_unref);
  g_clear_pointer (&self->person, opora_person_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (opora_people_page_parent_class)->finalize (object);
}

static void
opora_people_page_class_init (OporaPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_people_page_dispose;
  object_class->finalize = opora_people_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, year_list);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, people_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, archived_check);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, people_count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, person_title);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, person_facts);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, evaluations_list);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, bodies_box);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, rubrics_archived_check);
  gtk_widget_class_bind_template_child (widget_class, OporaPeoplePage, rubrics_list);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);

  opora_people_page_list_class_init (widget_class);
  opora_people_page_person_class_init (widget_class);
  opora_people_page_rubrics_class_init (widget_class);
}

static void
opora_people_page_init (OporaPeoplePage *self)
{
  self->assigned = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_years (self);
}
