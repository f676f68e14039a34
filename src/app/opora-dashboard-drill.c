/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is behind a dashboard figure, bar or row: a window listing the schools, the measures or a person's evaluations. */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opora-dashboard-drill.h"
#include "opora-evaluation.h"
#include "opora-level-badge.h"
#include "opora-program.h"
#include "opora-school.h"

/* A window with a header, a subtitle and a boxed list to fill; Escape closes it. */
static GtkWidget *
drill_window (GtkWidget   *parent,
              const char  *title,
              const char  *subtitle,
              GtkListBox **list)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (subtitle);
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0), gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (*list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (*list));
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  return window;
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle,
         GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  if (suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_list_box_append (list, row);
}

static void
add_empty_row (GtkListBox *list)
{
  add_row (list, _("Nothing here"), _("No record is behind this figure."), NULL);
}

static void
add_error_row (GtkListBox   *list,
               const GError *error)
{
  add_row (list, _("Cannot read the workspace"), error->message, NULL);
}

/**
 * opora_dashboard_drill_schools:
 * @school_ids: (element-type gint64): the schools
 *
 * Shows the schools behind a figure, by code and name, with their municipality.
 *
 * Returns: (transfer none): the window, shown
 */
GtkWidget *
opora_dashboard_drill_schools (GtkWidget  *parent,
                               OporaDb    *db,
                               const char *title,
                               const char *subtitle,
                               GArray     *school_ids)
{
  GtkListBox *list;
  GtkWidget *window = drill_window (parent, title, subtitle, &list);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) schools = opora_school_table (db, &error);

  if (schools == NULL)
    add_error_row (list, error);
  for (guint i = 0; schools != NULL && i < school_ids->len; i++)
    {
      gint64 id = g_array_index (school_ids, gint64, i);
      OporaSchool *s = g_hash_table_lookup (schools, &id);
      g_autofree char *title_text = NULL;

      if (s == NULL)
        continue;
      title_text = g_strdup_printf ("%s  %s", s->code, s->short_name != NULL ? s->short_name : s->name);
      add_row (list, title_text, s->municipality, NULL);
    }
  if (schools != NULL && school_ids->len == 0)
    add_empty_row (list);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * opora_dashboard_drill_measures:
 * @measure_ids: (element-type gint64): the measures
 *
 * Shows the measures behind a figure: the school, the title, the deadline and the status.
 *
 * Returns: (transfer none): the window, shown
 */
GtkWidget *
opora_dashboard_drill_measures (GtkWidget  *parent,
                                OporaDb    *db,
                                const char *title,
                                const char *subtitle,
                                GArray     *measure_ids)
{
  GtkListBox *list;
  GtkWidget *window = drill_window (parent, title, subtitle, &list);
  g_autoptr(GHashTable) programs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) opora_program_free);

  for (guint i = 0; i < measure_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaMeasure) m = opora_measure_get (db, g_array_index (measure_ids, gint64, i), &error);
      OporaProgram *p;
      g_autofree char *subtitle_text = NULL;
      GtkWidget *status;

      if (m == NULL)
        {
          add_error_row (list, error);
          break;
        }
      if ((p = g_hash_table_lookup (programs, &m->program_id)) == NULL &&
          (p = opora_program_get (db, m->program_id, &error)) != NULL)
        g_hash_table_insert (programs, &p->id, p);
      if (m->status == OPORA_MEASURE_DONE)
        /* Translators: a measure's school, deadline and the date it was done. */
        subtitle_text = g_strdup_printf (_("%s · due %s · done %s"), p != NULL ? p->school_code : "",
                                         m->end, m->done_date != NULL ? m->done_date : "—");
      else
        subtitle_text = g_strdup_printf (_("%s · due %s"), p != NULL ? p->school_code : "", m->end);
      status = gtk_label_new (opora_measure_status_label (m->status));
      gtk_widget_add_css_class (status, "dim-label");
      add_row (list, m->title, subtitle_text, status);
    }
  if (measure_ids->len == 0)
    add_empty_row (list);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static GtkWidget *
level_suffix (const OporaEvaluation *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *total = opora_level_total_text (e);
  GtkWidget *label = gtk_label_new (total);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), opora_level_badge_new (e));
  return box;
}

/**
 * opora_dashboard_drill_people:
 * @person_ids: (element-type gint64): the mentors and tutors
 * @year: the school year whose evaluations to show
 *
 * Returns: (transfer none): the window, shown
 */
GtkWidget *
opora_dashboard_drill_people (GtkWidget  *parent,
                              OporaDb    *db,
                              const char *title,
                              const char *subtitle,
                              GArray     *person_ids,
                              int         year)
{
  GtkListBox *list;
  GtkWidget *window = drill_window (parent, title, subtitle, &list);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) evaluations = opora_evaluation_list (db, OPORA_EVALUATION_ALL, year, &error);

  if (evaluations == NULL)
    add_error_row (list, error);
  for (guint i = 0; evaluations != NULL && i < evaluations->len; i++)
    {
      OporaEvaluation *e = evaluations->pdata[i];
      gboolean wanted = FALSE;

      for (guint k = 0; k < person_ids->len && !wanted; k++)
        wanted = e->person_id != 0 && g_array_index (person_ids, gint64, k) == e->person_id;
      if (wanted)
        add_row (list, e->person_name, e->rubric_name, level_suffix (e));
    }
  if (person_ids->len == 0)
    add_empty_row (list);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * opora_dashboard_drill_person:
 *
 * Shows a mentor's or tutor's evaluations, every year, each criterion with its points and comment.
 *
 * Returns: (transfer none): the window, shown
 */
GtkWidget *
opora_dashboard_drill_person (GtkWidget *parent,
                              OporaDb   *db,
                              gint64     person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaPerson) person = opora_person_get (db, person_id, &error);
  g_autoptr(GPtrArray) evaluations = person != NULL ? opora_evaluation_list (db, person_id, 0, &error) : NULL;
  g_autofree char *subtitle = NULL;
  GtkListBox *list;
  GtkWidget *window;

  if (person != NULL)
    subtitle = g_strdup_printf ("%s · %s%s%s", opora_role_label (person->role), person->position,
                                person->school_code != NULL ? " · " : "", person->school_code != NULL ? person->school_code : "");
  window = drill_window (parent, person != NULL ? person->full_name : _("Evaluations"),
                         subtitle != NULL ? subtitle : "", &list);
  if (evaluations == NULL)
    add_error_row (list, error);
  for (guint i = evaluations != NULL ? evaluations->len : 0; i-- > 0;)
    {
      OporaEvaluation *e = evaluations->pdata[i];
      g_autoptr(OporaRubric) rubric = opora_rubric_get (db, e->rubric_id, NULL);
      g_autofree char *year = opora_school_year_label (e->year);
      g_autofree char *title = g_strdup_printf ("%s — %s", year, e->rubric_name);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *by = g_strdup_printf (_("%s, %s"), e->evaluator, e->date);
      g_autofree char *escaped_by = g_markup_escape_text (by, -1);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), escaped);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), escaped_by);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), level_suffix (e));
      for (guint k = 0; rubric != NULL && k < e->scores->len; k++)
        {
          const OporaScore *s = &g_array_index (e->scores, OporaScore, k);
          const OporaCriterion *c = opora_rubric_find_criterion (rubric, s->criterion_id);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *points = g_strdup_printf (_("%g pt."), s->points);
          g_autofree char *criterion = g_markup_escape_text (c != NULL ? c->title : "", -1);
          g_autofree char *comment = g_markup_escape_text (s->comment, -1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), comment);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (points));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      gtk_list_box_append (list, expander);
    }
  if (evaluations != NULL && evaluations->len == 0)
    add_empty_row (list);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
