/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Programs section: the list of programs, what is due this month, the roll-up, creating programs. */

#include <glib/gi18n.h>
#include <stdio.h>

#include "opora-analysis-store.h"
#include "opora-error.h"
#include "opora-program-journal.h"
#include "opora-program-score.h"
#include "opora-program-template.h"
#include "opora-programs-page-private.h"
#include "opora-school.h"
#include "opora-table-row.h"

G_DEFINE_FINAL_TYPE (OporaProgramsPage, opora_programs_page, ADW_TYPE_BIN)

enum {
  PROGRAM_CELL_SCHOOL,
  PROGRAM_CELL_YEAR,
  PROGRAM_CELL_STATUS,
  PROGRAM_CELL_PROGRESS,
  PROGRAM_CELL_OVERDUE,
  PROGRAM_CELL_LIGHT,
  PROGRAM_CELL_BASE,
  N_PROGRAM_CELLS
};

static const OporaCellKind program_kinds[N_PROGRAM_CELLS] = {
  OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_NUMBER,
  OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT,
};

enum { DUE_CELL_STATE, DUE_CELL_END, DUE_CELL_SCHOOL, DUE_CELL_TITLE, DUE_CELL_RESPONSIBLE, N_DUE_CELLS };
enum { ROLLUP_CELL_BASE, ROLLUP_CELL_N, ROLLUP_CELL_GREEN, ROLLUP_CELL_YELLOW, ROLLUP_CELL_RED,
       ROLLUP_CELL_MEAN, N_ROLLUP_CELLS };
enum { SCORE_CELL_CRITERION, SCORE_CELL_FIGURE, SCORE_CELL_ASSESSMENT, N_SCORE_CELLS };

static void
toast_undo_cb (AdwToast          *toast,
               OporaProgramsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "programs.undo", NULL);
}

/* Takes away the toast of an earlier edit: after another edit, or an undo,
 * its Undo button would take back something else. */
void
opora_programs_page_dismiss_undo (OporaProgramsPage *self)
{
  AdwToast *toast = self->undo_toast;

  if (toast == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  adw_toast_dismiss (toast);
}

/* Shows @text in the window's toast overlay, with an Undo button when @undo.
 * The overlay is above the page, so the button calls back rather than
 * naming the page's action, which the overlay cannot see. */
void
opora_programs_page_toast (OporaProgramsPage *self,
                           const char        *text,
                           gboolean           undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = adw_toast_new (text);

  if (undo)
    {
      opora_programs_page_dismiss_undo (self);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
      self->undo_toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

const char *
opora_programs_page_today (OporaProgramsPage *self)
{
  if (self->today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      self->today = g_date_time_format (now, "%Y-%m-%d");
    }
  return self->today;
}

/**
 * opora_programs_page_set_today:
 * @today: (nullable): YYYY-MM-DD to judge overdue measures by; %NULL for the real today
 */
void
opora_programs_page_set_today (OporaProgramsPage *self,
                               const char        *today)
{
  g_return_if_fail (OPORA_IS_PROGRAMS_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  opora_programs_page_reload_list (self);
  opora_programs_page_reload_program (self);
}

/* ---- The filters ---- */

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL && gtk_drop_down_get_selected (dropdown) > 0 ? gtk_string_object_get_string (item) : NULL;
}

static int
collate_ptr (gconstpointer a,
             gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Refills a filter's list with "All" and @values, keeping what was chosen when it is still there. */
static void
fill_filter (GtkDropDown   *dropdown,
             GtkStringList *list,
             const char    *all,
             GPtrArray     *values)
{
  g_autofree char *chosen = g_strdup (selected_string (dropdown));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list)), selected = 0;

  g_ptr_array_sort (values, collate_ptr);
  gtk_string_list_splice (list, 0, n, NULL);
  gtk_string_list_append (list, all);
  for (guint i = 0; i < values->len; i++)
    {
      gtk_string_list_append (list, values->pdata[i]);
      if (g_strcmp0 (chosen, values->pdata[i]) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (dropdown, selected);
}

static gboolean
program_matches (OporaProgramsPage  *self,
                 const OporaProgram *p)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  const char *person = selected_string (self->responsible_dropdown);
  const char *base = selected_string (self->base_dropdown);

  if (status > 0 && status != GTK_INVALID_LIST_POSITION && (guint) p->status != status - 1)
    return FALSE;
  if (base != NULL && g_strcmp0 (base, p->base_name) != 0)
    return FALSE;
  if (person != NULL)
    {
      const char *all = g_hash_table_lookup (self->responsible, &p->id);
      g_auto(GStrv) people = all != NULL ? g_strsplit (all, "\n", -1) : NULL;
      return people != NULL && g_strv_contains ((const char * const *) people, person);
    }
  return TRUE;
}

static char *
overdue_text (guint n)
{
  if (n == 0)
    return g_strdup ("");
  /* Translators: the Overdue cell of a program, after a warning sign. */
  g_autofree char *text = g_strdup_printf (ngettext ("%u overdue", "%u overdue", n), n);
  return g_strconcat ("⚠ ", text, NULL);
}

static OporaTableRow *
program_row (OporaProgramsPage  *self,
             const OporaProgram *p,
             guint               n_overdue)
{
  OporaTableRow *row = opora_table_row_new (p->id, N_PROGRAM_CELLS);
  g_autofree char *school = g_strdup_printf ("%s %s", p->school_code, p->school_name);
  g_autofree char *year = opora_school_year_label (p->first_year);
  g_autofree char *progress = g_strdup_printf ("%u / %u", p->n_done, p->n_measures);
  g_autofree char *overdue = overdue_text (n_overdue);
  gpointer light = g_hash_table_lookup (self->lights, &p->id);

  opora_table_row_set_text (row, PROGRAM_CELL_SCHOOL, school);
  opora_table_row_set_text (row, PROGRAM_CELL_YEAR, year);
  opora_table_row_set_text (row, PROGRAM_CELL_STATUS, opora_program_status_label (p->status));
  opora_table_row_set_number (row, PROGRAM_CELL_PROGRESS,
                              p->n_measures ? (double) p->n_done / p->n_measures : 0, progress);
  opora_table_row_set_number (row, PROGRAM_CELL_OVERDUE, n_overdue, overdue);
  if (n_overdue > 0)
    opora_table_row_set_mood (row, PROGRAM_CELL_OVERDUE, OPORA_CELL_NEGATIVE);
  if (light != NULL)
    {
      OporaLight l = GPOINTER_TO_INT (light) - 1;
      opora_table_row_set_number (row, PROGRAM_CELL_LIGHT, l, opora_light_label (l));
      opora_table_row_set_mood (row, PROGRAM_CELL_LIGHT, l == OPORA_LIGHT_RED ? OPORA_CELL_NEGATIVE :
                                l == OPORA_LIGHT_GREEN ? OPORA_CELL_POSITIVE : OPORA_CELL_PLAIN);
    }
  opora_table_row_set_text (row, PROGRAM_CELL_BASE, p->base_name ? p->base_name : "—");
  return row;
}

static void
fill_programs (OporaProgramsPage *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *overdue = g_object_get_data (G_OBJECT (self), "opora-overdue");
  g_autofree char *count = NULL;

  for (guint i = 0; self->programs != NULL && i < self->programs->len; i++)
    {
      const OporaProgram *p = self->programs->pdata[i];
      if (program_matches (self, p))
        g_ptr_array_add (rows, program_row (self, p, overdue ? GPOINTER_TO_UINT (g_hash_table_lookup (overdue, &p->id)) : 0));
    }
  g_list_store_splice (self->program_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->program_rows)),
                       rows->pdata, rows->len);
  count = g_strdup_printf (ngettext ("%u program", "%u programs", rows->len), rows->len);
  gtk_label_set_text (self->program_count_label, count);
}

static void
filter_changed_cb (GtkDropDown       *dropdown,
                   GParamSpec        *pspec,
                   OporaProgramsPage *self)
{
  if (self->responsible != NULL)
    fill_programs (self);
}

/* ---- Loading ---- */

/* The keys of @table, borrowed from it (g_hash_table_get_keys_as_ptr_array is GLib 2.76). */
static GPtrArray *
keys_of (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  return keys;
}

/* Collects each program's responsible persons and overdue count; fills the filters. */
static gboolean
load_measures (OporaProgramsPage *self,
               GHashTable        *overdue,
               GError           **error)
{
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) person_list = NULL, base_school_list = NULL;

  for (guint i = 0; i < self->programs->len; i++)
    {
      const OporaProgram *p = self->programs->pdata[i];
      g_autoptr(GPtrArray) measures = opora_program_measures (self->db, p->id, error);
      g_autoptr(GString) mine = g_string_new (NULL);

      if (measures == NULL)
        return FALSE;
      for (guint j = 0; j < measures->len; j++)
        {
          const OporaMeasure *m = measures->pdata[j];
          if (m->responsible == NULL || *m->responsible == '\0')
            continue;
          g_hash_table_add (people, g_strdup (m->responsible));
          g_string_append_printf (mine, "%s\n", m->responsible);
        }
      g_hash_table_insert (self->responsible, g_memdup2 (&p->id, sizeof p->id), g_string_free (g_steal_pointer (&mine), FALSE));
      g_hash_table_insert (overdue, g_memdup2 (&p->id, sizeof p->id),
                           GUINT_TO_POINTER (opora_program_count_overdue (measures, opora_programs_page_today (self))));
      if (p->base_name != NULL)
        g_hash_table_add (bases, p->base_name);
    }
  person_list = keys_of (people);
  base_school_list = keys_of (bases);
  fill_filter (self->responsible_dropdown, self->responsible_list, _("All responsible"), person_list);
  fill_filter (self->base_dropdown, self->base_school_list, _("All base schools"), base_school_list);
  return TRUE;
}

static void
load_lights (OporaProgramsPage *self)
{
  g_autoptr(GArray) scores = opora_program_score_all (self->db, 0, opora_programs_page_today (self), NULL);
  g_autoptr(GArray) bases = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  OporaScoreRollup total;

  if (scores == NULL)
    return;
  for (guint i = 0; i < scores->len; i++)
    {
      const OporaProgramScore *s = &g_array_index (scores, OporaProgramScore, i);
      g_hash_table_insert (self->lights, g_memdup2 (&s->program_id, sizeof s->program_id),
                           GINT_TO_POINTER (s->light + 1));
    }
  bases = opora_program_score_by_base (scores);
  for (guint i = 0; i <= bases->len; i++)
    {
      const OporaScoreRollup *r = &total;
      OporaTableRow *row = opora_table_row_new (i, N_ROLLUP_CELLS);
      g_autofree char *name = NULL;
      g_autofree char *mean = NULL;

      if (i < bases->len)
        {
          g_autoptr(OporaSchool) school = NULL;
          r = &g_array_index (bases, OporaScoreRollup, i);
          if (r->base_school_id != 0)
            school = opora_school_get (self->db, r->base_school_id, NULL);
          name = school != NULL ? g_strdup_printf ("%s %s", school->code, school->name) : g_strdup (_("No base school"));
        }
      else
        {
          opora_program_score_total (scores, &total);
          name = g_strdup (_("The municipality"));
        }
      mean = opora_format_number (r->mean_total, 1, FALSE);
      opora_table_row_set_text (row, ROLLUP_CELL_BASE, name);
      for (int c = 0; c < 4; c++)
        {
          guint v = c == 0 ? r->n_programs : r->n_lights[c - 1];
          g_autofree char *text = g_strdup_printf ("%u", v);
          opora_table_row_set_number (row, ROLLUP_CELL_N + c, v, text);
        }
      opora_table_row_set_number (row, ROLLUP_CELL_MEAN, r->mean_total, mean);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rollup_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rollup_rows)),
                       rows->pdata, rows->len);
}

static const OporaProgram *
find_program (OporaProgramsPage *self,
              gint64             id)
{
  for (guint i = 0; self->programs != NULL && i < self->programs->len; i++)
    if (((OporaProgram *) self->programs->pdata[i])->id == id)
      return self->programs->pdata[i];
  return NULL;
}

/* "2026-09-30" as the locale writes dates: 30.09.2026 in Russian. */
char *
opora_programs_page_format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso ? iso : "");
  date = g_date_time_new_local (y, m, d, 0, 0, 0);
  return g_date_time_format (date, "%x");
}

/* "This month": overdue first, then by end date (the core gives them by end date). */
static void
load_due (OporaProgramsPage *self)
{
  const char *today = opora_programs_page_today (self);
  g_autoptr(GPtrArray) due = opora_program_due (self->db, today, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (int pass = 0; due != NULL && pass < 2; pass++)
    for (guint i = 0; i < due->len; i++)
      {
        const OporaMeasure *m = due->pdata[i];
        const OporaProgram *p = find_program (self, m->program_id);
        gboolean overdue = opora_measure_is_overdue (m, today);
        OporaTableRow *row;
        g_autofree char *school = NULL;
        g_autofree char *end = NULL;
        g_autofree char *state = NULL;

        if (overdue != (pass == 0))
          continue;
        row = opora_table_row_new (m->program_id, N_DUE_CELLS);
        school = p ? g_strdup_printf ("%s %s", p->school_code, p->school_name) : g_strdup ("");
        state = overdue ? g_strconcat ("⚠ ", _("Overdue"), NULL) : g_strdup (_("Due this month"));
        end = opora_programs_page_format_date (m->end);
        opora_table_row_set_text (row, DUE_CELL_STATE, state);
        opora_table_row_set_mood (row, DUE_CELL_STATE, overdue ? OPORA_CELL_NEGATIVE : OPORA_CELL_PLAIN);
        opora_table_row_set_text (row, DUE_CELL_END, end);
        opora_table_row_set_text (row, DUE_CELL_SCHOOL, school);
        opora_table_row_set_text (row, DUE_CELL_TITLE, m->title);
        opora_table_row_set_text (row, DUE_CELL_RESPONSIBLE, m->responsible ? m->responsible : "");
        g_ptr_array_add (rows, row);
      }
  g_list_store_splice (self->due_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->due_rows)),
                       rows->pdata, rows->len);
}

static void
clear_list (OporaProgramsPage *self)
{
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  g_hash_table_remove_all (self->responsible);
  g_hash_table_remove_all (self->lights);
  g_list_store_remove_all (self->program_rows);
  g_list_store_remove_all (self->due_rows);
  g_list_store_remove_all (self->rollup_rows);
}

static gboolean
load_list (OporaProgramsPage *self,
           GError           **error)
{
  g_autoptr(GHashTable) overdue = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  clear_list (self);
  if (self->db == NULL)
    return TRUE;
  if (!(self->programs = opora_program_list (self->db, 0, error)) || !load_measures (self, overdue, error))
    return FALSE;
  load_lights (self);
  g_object_set_data_full (G_OBJECT (self), "opora-overdue", g_steal_pointer (&overdue),
                          (GDestroyNotify) g_hash_table_unref);
  fill_programs (self);
  load_due (self);
  return TRUE;
}

static void
update_stack (OporaProgramsPage *self)
{
  const char *name = "list";

  if (self->program != NULL)
    name = "program";
  else if (self->programs == NULL || self->programs->len == 0)
    name = "empty";
  gtk_stack_set_visible_child_name (self->programs_stack, name);
}

/* Reads the programs again, after an edit here or elsewhere. */
void
opora_programs_page_reload_list (OporaProgramsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_list (self, &error))
    opora_programs_page_toast (self, error->message, FALSE);
  update_stack (self);
}

/**
 * opora_programs_page_set_db:
 * @db: (nullable): the workspace, borrowed until the next call
 *
 * Returns: %FALSE with @error set when the programs cannot be read
 */
gboolean
opora_programs_page_set_db (OporaProgramsPage  *self,
                            OporaDb            *db,
                            GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), FALSE);

  self->db = db;
  g_clear_pointer (&self->program, opora_program_free);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  ok = load_list (self, error);
  opora_programs_page_reload_program (self);
  update_stack (self);
  return ok;
}

/**
 * opora_programs_page_get_program:
 *
 * Returns: the id of the open program, or 0 when the list is shown
 */
gint64
opora_programs_page_get_program (OporaProgramsPage *self)
{
  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), 0);
  return self->program != NULL ? self->program->id : 0;
}

/**
 * opora_programs_page_open_program:
 * @program_id: a program, or 0 to go back to the list
 */
void
opora_programs_page_open_program (OporaProgramsPage *self,
                                  gint64             program_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OPORA_IS_PROGRAMS_PAGE (self));

  g_clear_pointer (&self->program, opora_program_free);
  if (program_id != 0 && self->db != NULL &&
      !(self->program = opora_program_get (self->db, program_id, &error)))
    opora_programs_page_toast (self, error->message, FALSE);
  gtk_revealer_set_reveal_child (self->measure_error_revealer, FALSE);
  opora_programs_page_reload_program (self);
  update_stack (self);
}

static void
program_activated_cb (GtkColumnView     *view,
                      guint              position,
                      OporaProgramsPage *self)
{
  g_autoptr(OporaTableRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  opora_programs_page_open_program (self, opora_table_row_get_id (row));
}

static void
due_activated_cb (GtkColumnView     *view,
                  guint              position,
                  OporaProgramsPage *self)
{
  program_activated_cb (view, position, self);
}

static void
back_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);

  opora_programs_page_open_program (self, 0);
  opora_programs_page_reload_list (self);
}

/* ---- Creating programs ---- */

/**
 * opora_programs_page_create_from_run:
 * @template_name: (nullable): the template of the new programs
 *
 * Creates programs for the problem schools of the newest stored analysis,
 * as one undoable edit, and shows them.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the new
 *   programs, or %NULL with @error set
 */
GArray *
opora_programs_page_create_from_run (OporaProgramsPage  *self,
                                     const char         *template_name,
                                     GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 run;

  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  if ((run = opora_analysis_latest (self->db, 0, error)) < 0)
    return NULL;
  if (run == 0)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                           _("There is no stored analysis yet. Run one in the Clusters section first."));
      return NULL;
    }
  if (!(ids = opora_program_create_from_run (self->db, run, template_name, error)))
    return NULL;
  opora_programs_page_reload_list (self);
  opora_programs_page_update_undo (self);
  return g_steal_pointer (&ids);
}

/* A drop-down of the templates; their names ride along as data. */
static GtkDropDown *
template_dropdown (OporaProgramsPage *self)
{
  g_autoptr(GPtrArray) templates = opora_program_template_list (self->db, NULL);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GtkDropDown *dropdown;

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      const OporaProgramTemplate *t = templates->pdata[i];
      gtk_string_list_append (titles, t->title);
      g_ptr_array_add (names, g_strdup (t->name));
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL));
  g_object_set_data_full (G_OBJECT (dropdown), "opora-names", names, (GDestroyNotify) g_ptr_array_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template"), -1);
  return dropdown;
}

static const char *
chosen_template (GtkDropDown *dropdown)
{
  GPtrArray *names = g_object_get_data (G_OBJECT (dropdown), "opora-names");
  guint i = gtk_drop_down_get_selected (dropdown);

  return names != NULL && i < names->len ? names->pdata[i] : NULL;
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
from_run_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      OporaProgramsPage *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "opora-template");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  if (!(ids = opora_programs_page_create_from_run (self, chosen_template (dropdown), &error)))
    {
      opora_programs_page_toast (self, error->message, FALSE);
      return;
    }
  if (ids->len == 0)
    text = g_strdup (_("Every problem school of the analysis has a program already"));
  else
    text = g_strdup_printf (ngettext ("Created %u program", "Created %u programs", ids->len), ids->len);
  opora_programs_page_toast (self, text, ids->len > 0);
}

static void
create_from_run_cb (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  GtkDropDown *dropdown = template_dropdown (self);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Create Programs for the Problem Schools?"),
                                   _("Each problem school of the newest analysis gets a road map for the next school year, from the template chosen below. Schools with a program already are left as they are."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), labelled (_("_Template"), GTK_WIDGET (dropdown)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_object_set_data (G_OBJECT (dialog), "opora-template", dropdown);
  g_signal_connect (dialog, "response", G_CALLBACK (from_run_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_response_cb (AdwMessageDialog  *dialog,
                 const char        *response,
                 OporaProgramsPage *self)
{
  GtkDropDown *schools = g_object_get_data (G_OBJECT (dialog), "opora-school");
  GtkDropDown *templates = g_object_get_data (G_OBJECT (dialog), "opora-template");
  GtkSpinButton *year = g_object_get_data (G_OBJECT (dialog), "opora-year");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "opora-ids");
  guint i = gtk_drop_down_get_selected (schools);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_strcmp0 (response, "create") != 0 || i >= ids->len)
    return;
  id = opora_program_create (self->db, g_array_index (ids, gint64, i),
                             gtk_spin_button_get_value_as_int (year), chosen_template (templates), &error);
  if (id <= 0)
    {
      opora_programs_page_toast (self, error ? error->message : _("Cannot create the program"), FALSE);
      return;
    }
  opora_programs_page_reload_list (self);
  opora_programs_page_open_program (self, id);
  opora_programs_page_update_undo (self);
}

static GtkDropDown *
school_dropdown (OporaProgramsPage *self,
                 GArray            *ids)
{
  g_autoptr(GPtrArray) schools = opora_school_list (self->db, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;
  GtkExpression *expression;

  for (guint i = 0; schools != NULL && i < schools->len; i++)
    {
      const OporaSchool *s = schools->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s %s", s->code, s->name);
      if (s->archived)
        continue;
      gtk_string_list_append (names, name);
      g_array_append_val (ids, s->id);
    }
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), expression));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  return dropdown;
}

/* 2026 in September 2025 or later: the school year that starts this August. */
static int
current_school_year (OporaProgramsPage *self)
{
  int y = 0, m = 0, d = 0;

  sscanf (opora_programs_page_today (self), "%d-%d-%d", &y, &m, &d);
  return m >= 8 ? y + 1 : y;
}

static void
new_cb (GtkWidget  *widget,
        const char *action,
        GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkDropDown *schools = school_dropdown (self, ids);
  GtkDropDown *templates = template_dropdown (self);
  GtkWidget *year = gtk_spin_button_new_with_range (2000, 2100, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *dialog;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), current_school_year (self));
  gtk_widget_set_tooltip_text (year, _("The year the school year ends: 2027 is the school year 2026/27"));
  gtk_box_append (GTK_BOX (box), labelled (_("_School"), GTK_WIDGET (schools)));
  gtk_box_append (GTK_BOX (box), labelled (_("School _year (the year it ends)"), year));
  gtk_box_append (GTK_BOX (box), labelled (_("_Template"), GTK_WIDGET (templates)));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("New Program"),
                                   _("The template's measures are dated in the chosen school year, August to July."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_object_set_data (G_OBJECT (dialog), "opora-school", schools);
  g_object_set_data (G_OBJECT (dialog), "opora-template", templates);
  g_object_set_data (G_OBJECT (dialog), "opora-year", year);
  g_object_set_data_full (G_OBJECT (dialog), "opora-ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (new_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The class ---- */

static void
setup_columns (GtkColumnView       *view,
               guint                n,
               const OporaCellKind *kinds)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  g_assert (g_list_model_get_n_items (columns) == n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      opora_table_column_setup (column, i, kinds ? kinds[i] : OPORA_CELL_TEXT);
    }
}

static void
opora_programs_page_dispose (GObject *object)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;

  G_OBJECT_CLASS (opora_programs_page_parent_class)->dispose (object);
}

static void
opora_programs_page_finalize (GObject *object)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (object);

  g_clear_pointer (&self->programs, g_ptr_array_unref);
  g_clear_pointer (&self->responsible, g_hash_table_unref);
  g_clear_pointer (&self->lights, g_hash_table_unref);
  g_clear_pointer (&self->program, opora_program_free);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (opora_programs_page_parent_class)->finalize (object);
}

static void
opora_programs_page_class_init (OporaProgramsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_programs_page_dispose;
  object_class->finalize = opora_programs_page_finalize;

  g_type_ensure (OPORA_TYPE_TABLE_ROW);
  g_type_ensure (OPORA_TYPE_PROGRAM_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-programs-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, programs_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, responsible_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, responsible_list);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, base_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, base_school_list);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, program_count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, program_view);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, program_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, program_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, due_view);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, due_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, rollup_view);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, rollup_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, program_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, redo_button);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, school_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, goal_entry);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, measure_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, measure_error_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, measure_view);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, measure_selection);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, measure_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, light_label);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, score_view);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, score_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaProgramsPage, undo_section);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, program_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_activated_cb);

  gtk_widget_class_install_action (widget_class, "programs.create-from-run", NULL, create_from_run_cb);
  gtk_widget_class_install_action (widget_class, "programs.new", NULL, new_cb);
  gtk_widget_class_install_action (widget_class, "programs.back", NULL, back_cb);
  opora_programs_page_editor_class_init (widget_class);
  opora_programs_page_output_class_init (widget_class);
}

static void
opora_programs_page_init (OporaProgramsPage *self)
{
  static const char *statuses[] = { N_("All statuses"), NULL };

  self->responsible = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->lights = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (self->status_list, _(statuses[0]));
  for (int s = OPORA_PROGRAM_ACTIVE; s <= OPORA_PROGRAM_SUSPENDED; s++)
    gtk_string_list_append (self->status_list, opora_program_status_label (s));
  setup_columns (self->program_view, N_PROGRAM_CELLS, program_kinds);
  setup_columns (self->due_view, N_DUE_CELLS, NULL);
  setup_columns (self->rollup_view, N_ROLLUP_CELLS,
                 (const OporaCellKind[]) { OPORA_CELL_TEXT, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER,
                                           OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER });
  setup_columns (self->score_view, N_SCORE_CELLS,
                 (const OporaCellKind[]) { OPORA_CELL_TEXT, OPORA_CELL_NUMBER, OPORA_CELL_TEXT });
  gtk_sort_list_model_set_sorter (self->program_sort, gtk_column_view_get_sorter (self->program_view));
  opora_programs_page_editor_init (self);
  update_stack (self);
}
