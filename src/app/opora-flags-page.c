/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Rules and Flags section: applies the rules switched on to a year in a thread and lists what they flag. */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "opora-analysis-export.h"
#include "opora-excel-chooser.h"
#include "opora-flags-page-private.h"
#include "opora-list-incremental.h"
#include "opora-task.h"
#include "opora-toast.h"
#include "opora-values.h"

G_DEFINE_FINAL_TYPE (OporaFlagsPage, opora_flags_page, ADW_TYPE_BIN)

/* The cells of a flag's row, in the order of the columns of the template. */
enum {
  FLAG_CODE,
  FLAG_NAME,
  FLAG_RULE,
  FLAG_VERSION,
  FLAG_EVIDENCE,
  FLAG_MODELS,
  N_FLAG_CELLS
};

static const OporaCellKind flag_kinds[N_FLAG_CELLS] = {
  OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_NUMBER, OPORA_CELL_TEXT, OPORA_CELL_TEXT,
};

/* What a thread needs, and what it finds. */
struct _FlagsEvaluation {
  char                 *path;
  int                   year;
  GPtrArray            *flags;         /* OporaFlag of the rules that could be applied */
  GPtrArray            *problems;      /* char *: "title: why not" per rule that could not */
  OporaModelComparison *comparison;    /* NULL when the models cannot be compared */
  char                 *compare_error;
};

typedef FlagsEvaluation Evaluation;

static void
evaluation_free (Evaluation *e)
{
  if (e == NULL)
    return;
  g_free (e->path);
  g_clear_pointer (&e->flags, g_ptr_array_unref);
  g_clear_pointer (&e->problems, g_ptr_array_unref);
  g_clear_pointer (&e->comparison, opora_model_comparison_free);
  g_free (e->compare_error);
  g_free (e);
}

/**
 * opora_flags_page_get_year:
 *
 * Returns: the year shown, 0 when there is none
 */
int
opora_flags_page_get_year (OporaFlagsPage *self)
{
  guint i;

  g_return_val_if_fail (OPORA_IS_FLAGS_PAGE (self), 0);

  i = gtk_drop_down_get_selected (self->year_dropdown);
  return self->years != NULL && i < self->years->len ? g_array_index (self->years, int, i) : 0;
}

/**
 * opora_flags_page_get_busy:
 *
 * Returns: whether the workspace is being read, the rules applied or their
 *   flags put into the table
 */
gboolean
opora_flags_page_get_busy (OporaFlagsPage *self)
{
  g_return_val_if_fail (OPORA_IS_FLAGS_PAGE (self), FALSE);
  return self->loading != NULL || self->cancellable != NULL || self->filler != NULL;
}

/* The rule of that name, and where it is in the list; NULL when there is none. */
const OporaRule *
opora_flags_page_rule (OporaFlagsPage *self,
                       const char     *name,
                       guint          *position)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    if (g_str_equal (((OporaRule *) self->rules->pdata[i])->name, name))
      {
        if (position != NULL)
          *position = i;
        return self->rules->pdata[i];
      }
  return NULL;
}

/* Shows the school's code and name in two cells from @code_cell on. */
void
opora_flags_page_set_school (OporaFlagsPage *self,
                             OporaTableRow  *row,
                             guint           code_cell,
                             gint64          school_id)
{
  const char *code = "—", *name = "";

  if (self->schools != NULL)
    opora_school_names_lookup (self->schools, school_id, &code, &name);
  opora_table_row_set_text (row, code_cell, code);
  opora_table_row_set_text (row, code_cell + 1, name);
}

/* ---- The flags ---- */

static guint
models_of (const OporaModelComparison *c,
           gint64                      school_id)
{
  for (guint i = 0; c != NULL && i < c->schools->len; i++)
    {
      const OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);
      if (f->school_id == school_id)
        return f->models;
    }
  return 0;
}

static OporaTableRow *
flag_row_new (OporaFlagsPage             *self,
              const OporaFlag            *flag,
              const OporaModelComparison *c)
{
  OporaTableRow *row = opora_table_row_new (flag->school_id, N_FLAG_CELLS);
  guint position = G_MAXUINT;
  const OporaRule *rule = opora_flags_page_rule (self, flag->rule, &position);
  const char *title = rule != NULL ? rule->title : flag->rule;
  g_autofree char *version = g_strdup_printf ("%d", flag->version);
  g_autofree char *models = c != NULL ? opora_flags_page_models_text (models_of (c, flag->school_id)) : g_strdup ("");
  g_autofree char *search = NULL;

  opora_flags_page_set_school (self, row, FLAG_CODE, flag->school_id);
  opora_table_row_set_text (row, FLAG_RULE, title);
  opora_table_row_set_number (row, FLAG_VERSION, flag->version, version);
  opora_table_row_set_text (row, FLAG_EVIDENCE, flag->evidence);
  opora_table_row_set_text (row, FLAG_MODELS, models);
  opora_table_row_set_mood (row, FLAG_MODELS, models_of (c, flag->school_id) == 0 ? OPORA_CELL_DIM : OPORA_CELL_PLAIN);
  opora_table_row_set_group (row, (int) position);
  search = g_strdup_printf ("%s %s %s %s", opora_table_row_get_text (row, FLAG_CODE),
                            opora_table_row_get_text (row, FLAG_NAME), title, flag->evidence);
  opora_table_row_set_search_text (row, search);
  return row;
}

static gboolean
filter_flag (gpointer item,
             gpointer user_data)
{
  OporaFlagsPage *self = user_data;
  guint choice = gtk_drop_down_get_selected (self->rule_dropdown);

  if (choice != GTK_INVALID_LIST_POSITION && choice > 0 &&
      opora_table_row_get_group (item) != (int) choice - 1)
    return FALSE;
  return opora_table_row_matches (item, self->search_folded);
}

static void
update_count (OporaFlagsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->flag_filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->flags));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u flag", "%u flags", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u flag", "%u of %u flags", total), shown, total);
  gtk_label_set_text (self->flag_count_label, text);
}

static void
refilter (OporaFlagsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->flag_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* "All rules", then every rule by its title; the choice stays on the same rule. */
static void
fill_rule_filter (OporaFlagsPage *self)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->rule_filter_list));
  guint choice = gtk_drop_down_get_selected (self->rule_dropdown);

  self->updating = TRUE;
  gtk_string_list_splice (self->rule_filter_list, 0, n_old, NULL);
  gtk_string_list_append (self->rule_filter_list, _("All rules"));
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    gtk_string_list_append (self->rule_filter_list, ((OporaRule *) self->rules->pdata[i])->title);
  gtk_drop_down_set_selected (self->rule_dropdown, choice < n_old && choice <= (self->rules ? self->rules->len : 0) ? choice : 0);
  self->updating = FALSE;
}

static guint
count_schools (GPtrArray *flags)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < flags->len; i++)
    g_hash_table_add (seen, &((OporaFlag *) flags->pdata[i])->school_id);
  return g_hash_table_size (seen);
}

static guint
count_enabled (OporaFlagsPage *self)
{
  guint n = 0;

  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    n += ((OporaRule *) self->rules->pdata[i])->enabled;
  return n;
}

static void
show_summary (OporaFlagsPage *self,
              const Evaluation *e)
{
  guint n_schools = count_schools (e->flags);
  g_autofree char *schools = g_strdup_printf (ngettext ("%u school flagged", "%u schools flagged", n_schools), n_schools);
  g_autofree char *flags = g_strdup_printf (ngettext ("%u flag in all", "%u flags in all", e->flags->len), e->flags->len);
  guint n_rules = count_enabled (self);
  g_autofree char *rules = g_strdup_printf (ngettext ("%u rule switched on", "%u rules switched on", n_rules), n_rules);
  /* Translators: "12 schools flagged, 15 flags in all (4 rules switched on)." */
  g_autofree char *summary = g_strdup_printf (_("%s, %s (%s)."), schools, flags, rules);
  g_autofree char *none = n_rules == 0 ? g_strdup (_("No rule is switched on. Switch rules on under Rules."))
    : g_strdup_printf (_("None of the rules switched on flags a school in %d."), e->year);

  gtk_label_set_text (self->summary_label, summary);
  adw_status_page_set_description (self->no_flags_page, none);
  gtk_stack_set_visible_child_name (self->flag_stack, e->flags->len > 0 ? "table" : "none");
}

static void
show_problems (OporaFlagsPage *self,
               GPtrArray      *problems)
{
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problems->len > 0);
  if (problems->len == 0)
    return;
  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("\n", (char **) problems->pdata);
  g_ptr_array_remove_index (problems, problems->len - 1);
  /* Translators: above the flags when some rules failed; then one line per rule. */
  text = g_strdup_printf (_("Some rules could not be applied and flag nothing:\n%s"), joined);
  gtk_label_set_text (self->problem_label, text);
}

static gpointer
make_flag_row (guint    index,
               gpointer user_data)
{
  OporaFlagsPage *self = user_data;

  return flag_row_new (self, self->shown->flags->pdata[index], self->shown->comparison);
}

static void
flags_filled_cb (gboolean done,
                 gpointer user_data)
{
  OporaFlagsPage *self = user_data;

  if (done)
    g_clear_pointer (&self->filler, opora_list_filler_free);
}

/* Shows @e, which the page keeps as @shown: a nation's flags go into the
 * table a batch at a time (17,000 took the window 75 ms). */
static void
show_evaluation (OporaFlagsPage *self,
                 Evaluation     *e)
{
  g_assert (e == self->shown);

  g_clear_pointer (&self->filler, opora_list_filler_free);
  g_list_store_remove_all (self->flags);
  opora_list_incremental_update (self->flag_filter_model, self->flag_sort, e->flags->len);
  self->filler = opora_list_filler_new_made (self->flags, e->flags->len, make_flag_row, flags_filled_cb, self);
  fill_rule_filter (self);
  refilter (self);
  show_summary (self, e);
  show_problems (self, e->problems);
  opora_flags_page_show_comparison (self, e->comparison, e->compare_error, e->flags);
}

/* ---- Applying the rules in a thread ---- */

/* Each rule on its own, so that one that cannot be applied leaves the others' flags. */
static void
evaluate_rules (OporaDb    *db,
                Evaluation *e)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = opora_rule_list (db, &error);

  if (rules == NULL)
    {
      g_ptr_array_add (e->problems, g_strdup (error->message));
      return;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      OporaRule *rule = rules->pdata[i];
      g_autoptr(GPtrArray) flags = NULL;

      if (!rule->enabled)
        continue;
      g_clear_error (&error);
      if (!(flags = opora_rule_evaluate (db, e->year, rule->name, &error)))
        {
          g_ptr_array_add (e->problems, g_strdup_printf ("%s: %s", rule->title, error->message));
          continue;
        }
      g_ptr_array_set_free_func (flags, NULL);
      g_ptr_array_extend_and_steal (e->flags, g_steal_pointer (&flags));
    }
}

static int
compare_schools (gconstpointer a,
                 gconstpointer b)
{
  const OporaFlag *x = *(OporaFlag * const *) a, *y = *(OporaFlag * const *) b;

  return (x->school_id > y->school_id) - (x->school_id < y->school_id);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Evaluation *e = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (e->path, OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  evaluate_rules (db, e);
  /* Stable: each school's flags stay in the rules' order. */
  g_ptr_array_sort (e->flags, compare_schools);
  if (!g_cancellable_is_cancelled (cancellable) &&
      !(e->comparison = opora_models_compare (db, e->year, &error)))
    e->compare_error = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (OporaFlagsPage *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
evaluate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OporaFlagsPage *self = OPORA_FLAGS_PAGE (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;

  /* Another year or workspace was asked for since: this result no longer matters. */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (task, &error))
    {
      if (self->shown == NULL)
        {
          gtk_stack_set_visible_child_name (self->flag_stack, "none");
          gtk_stack_set_visible_child_name (self->compare_stack, "none");
        }
      opora_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  /* The page keeps what it shows, for the export; the task keeps an empty shell. */
  g_clear_pointer (&self->shown, evaluation_free);
  self->shown = g_memdup2 (g_task_get_task_data (task), sizeof (Evaluation));
  memset (g_task_get_task_data (task), 0, sizeof (Evaluation));
  show_evaluation (self, self->shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.export", TRUE);
}

/**
 * opora_flags_page_refresh:
 * @self: the page
 *
 * Applies the rules switched on to the year shown, in a thread, and shows
 * the flags and the comparison of the models when done. A refresh still
 * running is forgotten.
 */
void
opora_flags_page_refresh (OporaFlagsPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  int year;
  Evaluation *e;

  g_return_if_fail (OPORA_IS_FLAGS_PAGE (self));

  if (self->db == NULL || (year = opora_flags_page_get_year (self)) == 0)
    return;
  /* The titles of the rules, for the table; the thread reads the definitions itself. */
  if ((rules = opora_rule_list (self->db, NULL)) != NULL)
    {
      g_clear_pointer (&self->rules, g_ptr_array_unref);
      self->rules = g_steal_pointer (&rules);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  e = g_new0 (Evaluation, 1);
  e->path = g_strdup (opora_db_get_path (self->db));
  e->year = year;
  e->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_flag_free);
  e->problems = g_ptr_array_new_with_free_func (g_free);
  task = g_task_new (self, self->cancellable, evaluate_done_cb, NULL);
  g_task_set_source_tag (task, opora_flags_page_refresh);
  g_task_set_task_data (task, e, (GDestroyNotify) evaluation_free);
  opora_task_run_in_thread (task, evaluate_thread);
  set_busy (self, TRUE);
  /* The first time, the tables say they are being filled; later the old ones stay until then. */
  if (self->shown == NULL)
    {
      gtk_stack_set_visible_child_name (self->flag_stack, "computing");
      gtk_stack_set_visible_child_name (self->compare_stack, "computing");
    }
}

/* ---- Signals ---- */

static void
year_selected_cb (GtkDropDown    *dropdown,
                  GParamSpec     *pspec,
                  OporaFlagsPage *self)
{
  if (!self->updating)
    opora_flags_page_refresh (self);
}

static void
rule_filter_cb (GtkDropDown    *dropdown,
                GParamSpec     *pspec,
                OporaFlagsPage *self)
{
  if (!self->updating)
    refilter (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   OporaFlagsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (*text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                OporaFlagsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
flags_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  OporaFlagsPage *self)
{
  update_count (self);
}

/* The whole of the selected flag, which the table may cut short. */
static void
flag_selected_cb (GtkSingleSelection *selection,
                  GParamSpec         *pspec,
                  OporaFlagsPage     *self)
{
  OporaTableRow *row = gtk_single_selection_get_selected_item (selection);
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->flag_revealer, row != NULL);
  if (row == NULL)
    return;
  /* Translators: the selected flag in full: code and school; rule (version): figures; the models. */
  text = g_strdup_printf (_("%s %s\n%s (version %s): %s\nA problem school in: %s"),
                          opora_table_row_get_text (row, FLAG_CODE), opora_table_row_get_text (row, FLAG_NAME),
                          opora_table_row_get_text (row, FLAG_RULE), opora_table_row_get_text (row, FLAG_VERSION),
                          opora_table_row_get_text (row, FLAG_EVIDENCE), opora_table_row_get_text (row, FLAG_MODELS));
  gtk_label_set_text (self->flag_detail_label, text);
}

static void
rule_saved_cb (OporaRuleEditor *editor,
               const char      *name,
               OporaFlagsPage  *self)
{
  opora_flags_page_refresh (self);
}

/* Analyses stored in the Clusters section change what the cluster rules see. */
static void
opora_flags_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (opora_flags_page_parent_class)->map (widget);
  opora_flags_page_refresh (OPORA_FLAGS_PAGE (widget));
}

/* ---- Export ---- */

/**
 * opora_flags_page_export:
 * @self: the page
 * @path: the .xlsx file to write
 *
 * Writes the flags shown and the models compared as a workbook.
 *
 * Returns: %FALSE with @error set on failure or when nothing is shown
 */
gboolean
opora_flags_page_export (OporaFlagsPage  *self,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (OPORA_IS_FLAGS_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL && self->shown != NULL, FALSE);

  return opora_export_flags (self->db, self->shown->year, self->shown->flags, self->shown->comparison, path, error);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    OporaFlagsPage  *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->db == NULL || self->shown == NULL)
    return;
  if (opora_flags_page_export (self, path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
      opora_toast_show (GTK_WIDGET (self), text);
    }
  else
    opora_toast_show (GTK_WIDGET (self), error->message);
}

static void
export_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  OporaFlagsPage *self = OPORA_FLAGS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->db == NULL || self->shown == NULL)
    return;
  /* Translators: the suggested file name of the flags export; keep the extension. */
  name = g_strdup_printf (_("Flags %d.xlsx"), self->shown->year);
  opora_excel_chooser_show (&self->chooser, widget, _("Export the Flags"), name,
                            G_CALLBACK (export_response_cb), self);
}

/* ---- The workspace ---- */

/* 2026 → "2026 (2025/26)": the exam year and its school year. */
static void
fill_years (OporaFlagsPage *self,
            GArray         *years)
{
  self->updating = TRUE;
  gtk_string_list_splice (self->year_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_list)), NULL);
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = years != NULL ? years->len : 0; i-- > 0;)
    {
      int year = g_array_index (years, int, i);
      g_autofree char *text = g_strdup_printf ("%d (%d/%02d)", year, year - 1, year % 100);

      g_array_append_val (self->years, year);
      gtk_string_list_append (self->year_list, text);
    }
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  self->updating = FALSE;
}

static void
clear_shown (OporaFlagsPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->filler, opora_list_filler_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_clear_pointer (&self->shown, evaluation_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.export", FALSE);
  g_list_store_remove_all (self->flags);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  opora_flags_page_show_comparison (self, NULL, NULL, NULL);
  gtk_label_set_text (self->summary_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

/* What a thread reads of a workspace before the rules can be applied: its years and schools. */
typedef struct {
  GArray           *years;    /* int, ascending */
  OporaSchoolNames *schools;
} Workspace;

static void
workspace_free (Workspace *w)
{
  g_clear_pointer (&w->years, g_array_unref);
  g_clear_pointer (&w->schools, opora_school_names_unref);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workspace, workspace_free)

static Workspace *
read_workspace (OporaDb  *db,
                GError  **error)
{
  g_autoptr(Workspace) w = g_new0 (Workspace, 1);

  if (!(w->years = opora_values_years (db, error)) || !(w->schools = opora_school_names_read (db, error)))
    return NULL;
  return g_steal_pointer (&w);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OporaFlagsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Workspace) w = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->loading || self->db == NULL)
    return;
  g_clear_object (&self->loading);
  /* A workspace a second connection cannot open (read-only, say) is read on this one. */
  if (w == NULL)
    {
      g_clear_error (&error);
      w = read_workspace (self->db, &error);
    }
  if (w == NULL)
    {
      gtk_stack_set_visible_child_name (self->page_stack, "no-data");
      opora_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  self->schools = g_steal_pointer (&w->schools);
  fill_years (self, w->years);
  gtk_stack_set_visible_child_name (self->page_stack, self->years->len > 0 ? "main" : "no-data");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    opora_flags_page_refresh (self);
}

/**
 * opora_flags_page_set_db:
 * @self: the page
 * @db: (nullable): the workspace to show; the caller keeps it alive while it is shown
 *
 * Shows the rules of @db and reads its years and schools on a thread; once
 * they are read and the section is shown, applies the rules to the newest
 * year. A failure to read the years shows in a toast.
 *
 * Returns: %FALSE with @error set when the rules cannot be read; the page
 *   then shows nothing
 */
gboolean
opora_flags_page_set_db (OporaFlagsPage  *self,
                         OporaDb         *db,
                         GError         **error)
{
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (OPORA_IS_FLAGS_PAGE (self), FALSE);

  clear_shown (self);
  fill_years (self, NULL);
  self->db = db;
  gtk_stack_set_visible_child_name (self->page_stack, "no-data");
  if (db != NULL && !opora_rule_editor_set_db (self->rule_editor, db, error))
    self->db = NULL;
  if (self->db == NULL)
    {
      opora_rule_editor_set_db (self->rule_editor, NULL, NULL);
      return db == NULL;
    }
  self->loading = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->page_stack, "loading");
  task = g_task_new (NULL, self->loading, loaded_cb, g_object_ref (self));
  opora_task_read_in_thread (task, opora_db_get_path (db), (OporaTaskReadFunc) read_workspace,
                             (GDestroyNotify) workspace_free);
  return TRUE;
}

static void
opora_flags_page_dispose (GObject *object)
{
  OporaFlagsPage *self = (OporaFlagsPage *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->filler, opora_list_filler_free);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->db = NULL;
  if (self->flag_filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->flag_filter_model, self);
  if (self->flag_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->flag_selection, self);
  if (self->flag_filter != NULL)
    gtk_custom_filter_set_filter_func (self->flag_filter, NULL, NULL, NULL);
  if (self->compare_filter != NULL)
    gtk_custom_filter_set_filter_func (self->compare_filter, NULL, NULL, NULL);

  G_OBJECT_CLASS (opora_flags_page_parent_class)->dispose (object);
}

static void
opora_flags_page_finalize (GObject *object)
{
  OporaFlagsPage *self = (OporaFlagsPage *) object;

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->shown, evaluation_free);

  G_OBJECT_CLASS (opora_flags_page_parent_class)->finalize (object);
}

static void
opora_flags_page_class_init (OporaFlagsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_flags_page_dispose;
  object_class->finalize = opora_flags_page_finalize;
  widget_class->map = opora_flags_page_map;

  g_type_ensure (OPORA_TYPE_TABLE_ROW);
  g_type_ensure (OPORA_TYPE_RULE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-flags-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_search);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, rule_filter_list);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, no_flags_page);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_view);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_filter_model);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_filter);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flags);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_selection);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_revealer);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, flag_detail_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, rule_editor);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, flags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, flag_selected_cb);
  opora_flags_page_compare_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "flags.export", NULL, export_cb);
}

static void
opora_flags_page_init (OporaFlagsPage *self)
{
  GListModel *columns;

  gtk_widget_init_template (GTK_WIDGET (self));

  columns = gtk_column_view_get_columns (self->flag_view);
  g_assert (g_list_model_get_n_items (columns) == N_FLAG_CELLS);
  for (guint i = 0; i < N_FLAG_CELLS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      opora_table_column_setup (column, i, flag_kinds[i]);
    }
  gtk_custom_filter_set_filter_func (self->flag_filter, filter_flag, self, NULL);
  gtk_sort_list_model_set_sorter (self->flag_sort, gtk_column_view_get_sorter (self->flag_view));
  opora_flags_page_compare_init (self);
  fill_rule_filter (self);
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.export", FALSE);
}
