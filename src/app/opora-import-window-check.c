/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's Check and Commit steps: threads with their own connections, problems, the report. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-batch.h"
#include "opora-db.h"
#include "opora-import-problem.h"
#include "opora-import-window-private.h"
#include "opora-report.h"

/* What the check thread is given: copies, so the window may change while it runs. */
typedef struct {
  char       *db_path;
  char       *file_path;
  char       *encoding;
  char        separator;
  GPtrArray  *sheets;     /* JobSheet */
  GHashTable *decisions;  /* the user's: decision key → gint64 school id */
} CheckData;

typedef struct {
  guint        index;
  int          year;
  OporaLayout *layout;
} JobSheet;

typedef struct {
  OporaImportWindow *self;
  guint              done;
  guint              total;
} Progress;

static void
job_sheet_free (JobSheet *sheet)
{
  g_clear_pointer (&sheet->layout, opora_layout_free);
  g_free (sheet);
}

static void
check_data_free (CheckData *data)
{
  g_free (data->db_path);
  g_free (data->file_path);
  g_free (data->encoding);
  g_ptr_array_unref (data->sheets);
  g_hash_table_unref (data->decisions);
  g_free (data);
}

static void
clear_target (OporaTarget *target)
{
  g_clear_pointer (&target->indicator_key, g_free);
}

/* The import takes its layouts; the window keeps its own to go back to. */
static OporaLayout *
layout_dup (OporaLayout *layout)
{
  OporaLayout *copy = g_memdup2 (layout, sizeof *layout);

  copy->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < layout->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (layout->headers->pdata[i]));
  copy->targets = g_array_new (FALSE, TRUE, sizeof (OporaTarget));
  g_array_set_clear_func (copy->targets, (GDestroyNotify) clear_target);
  g_array_set_size (copy->targets, layout->n_cols);
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      const OporaTarget *target = opora_layout_get_target (layout, col);
      opora_layout_set_target (copy, col, target->kind, target->indicator_key);
      g_array_index (copy->targets, OporaTarget, col).confidence = target->confidence;
    }
  return copy;
}

static GHashTable *
decisions_dup (GHashTable *decisions)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, id;

  g_hash_table_iter_init (&iter, decisions);
  while (g_hash_table_iter_next (&iter, &key, &id))
    g_hash_table_insert (copy, g_strdup (key), g_memdup2 (id, sizeof (gint64)));
  return copy;
}

static CheckData *
check_data_new (OporaImportWindow *self)
{
  CheckData *data = g_new0 (CheckData, 1);

  data->db_path = g_strdup (opora_db_get_path (opora_import_window_get_db (self)));
  data->file_path = g_strdup (self->path);
  data->encoding = g_strdup (opora_reader_get_encoding (self->reader));
  data->separator = opora_reader_get_separator (self->reader);
  data->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) job_sheet_free);
  data->decisions = decisions_dup (self->decisions);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      ImportSheet *sheet = self->sheets->pdata[i];
      JobSheet *job_sheet;

      if (!sheet->take)
        continue;
      job_sheet = g_new0 (JobSheet, 1);
      job_sheet->index = sheet->index;
      job_sheet->year = sheet->year_from_column ? 0 : sheet->year;
      job_sheet->layout = layout_dup (sheet->layout);
      g_ptr_array_add (data->sheets, job_sheet);
    }
  return data;
}

/* ---- Progress, told from the thread, shown on the main loop ---- */

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;
  OporaImportWindow *self = progress->self;
  g_autofree char *text = NULL;

  if (!self->closed && progress->total == 0)
    {
      text = g_strdup_printf (ngettext ("%u row read", "%u rows read", progress->done), progress->done);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  else if (!self->closed)
    {
      text = g_strdup_printf (ngettext ("%u of %u row written", "%u of %u rows written", progress->total),
                              progress->done, progress->total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->done / progress->total);
    }
  if (text != NULL)
    gtk_progress_bar_set_text (self->progress_bar, text);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Progress *progress = g_new (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->done = done;
  progress->total = total;
  g_idle_add (show_progress_cb, progress);
}

static void
show_progress_page (OporaImportWindow *self,
                    const char        *title,
                    const char        *description)
{
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  gtk_stack_set_visible_child_name (self->step_stack, "progress");
}

void
opora_import_window_stop (OporaImportWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- Check ---- */

static void
decide (OporaImport *import,
        GHashTable  *decisions)
{
  GHashTableIter iter;
  gpointer key, id;

  g_hash_table_iter_init (&iter, decisions);
  while (g_hash_table_iter_next (&iter, &key, &id))
    opora_import_decide (import, key, *(gint64 *) id);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  OporaReadOptions options = { data->encoding, data->separator };
  g_autoptr(ImportJob) job = g_new0 (ImportJob, 1);
  GError *error = NULL;

  if (!(job->db = opora_db_open (data->db_path, OPORA_DB_MUST_EXIST, &error)) ||
      !(job->reader = opora_reader_open (data->file_path, &options, &error)) ||
      !(job->import = opora_import_new (job->db, job->reader, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < data->sheets->len; i++)
    {
      JobSheet *sheet = data->sheets->pdata[i];
      opora_import_add_sheet (job->import, sheet->index, g_steal_pointer (&sheet->layout), sheet->year);
    }
  decide (job->import, data->decisions);
  if (!opora_import_check (job->import, cancellable, report_progress, source, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Looking for similar names reads every school: here, not on the main loop. */
  opora_import_get_decisions (job->import);
  g_task_return_pointer (task, g_steal_pointer (&job), (GDestroyNotify) import_job_free);
}

static char *
format_batch_date (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: the date and time of an import; see strftime for the codes. */
  return local ? g_date_time_format (local, _("%x %H:%M")) : g_strdup (iso);
}

/* Returns: (transfer full) (nullable): when @id was imported */
static char *
dup_batch_date (OporaDb *db,
                gint64   id)
{
  g_autoptr(GPtrArray) batches = opora_batch_list (db, NULL);

  for (guint i = 0; batches != NULL && i < batches->len; i++)
    {
      OporaBatch *batch = batches->pdata[i];
      if (batch->id == id)
        return format_batch_date (batch->created);
    }
  return NULL;
}

static void
show_earlier (OporaImportWindow *self)
{
  gint64 earlier = opora_import_get_earlier_batch (self->job->import);
  g_autofree char *date = earlier ? dup_batch_date (opora_import_window_get_db (self), earlier) : NULL;
  g_autofree char *text = NULL;

  gtk_info_bar_set_revealed (self->earlier_bar, earlier != 0);
  if (earlier == 0)
    return;
  text = g_strdup_printf (_("This very file was already imported on %s (import %lld). "
                            "Importing it again changes nothing it did not change then; to replace "
                            "that import, undo it in the import history first."),
                          date ? date : "?", (long long) earlier);
  gtk_label_set_text (self->earlier_label, text);
}

static void
show_summary (OporaImportWindow *self)
{
  const OporaImportCounts *c = opora_import_get_counts (self->job->import);
  g_autofree char *text = NULL;

  /* Translators: the check's summary; each figure follows its label, so no plurals are needed. */
  text = g_strdup_printf (_("New schools: %u · Schools already in the workspace: %u\n"
                            "Values new: %u · changed: %u · the same: %u · missing: %u\n"
                            "Rows read: %u · skipped: %u · Errors: %u · Warnings: %u\n"
                            "Nothing has been written yet."),
                          c->schools_new, c->schools_matched, c->values_new, c->values_changed,
                          c->values_same, c->values_missing, c->rows, c->rows_skipped,
                          c->errors, c->warnings);
  gtk_label_set_text (self->summary_label, text);
}

static void
fill_problems (OporaImportWindow *self)
{
  GPtrArray *problems = opora_import_get_problems (self->job->import);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (problems->len, g_object_unref);

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (items, opora_import_problem_new (problems->pdata[i]));
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       items->pdata, items->len);
  opora_import_window_filter_problems (self);
}

static guint
count_taken (OporaImportWindow *self)
{
  guint n = 0;

  for (guint i = 0; i < self->sheets->len; i++)
    n += ((ImportSheet *) self->sheets->pdata[i])->take;
  return n;
}

static void
show_check (OporaImportWindow *self)
{
  /* With one sheet, every problem would name the same one. */
  gtk_column_view_column_set_visible (self->sheet_column, count_taken (self) > 1);
  show_earlier (self);
  show_summary (self);
  fill_problems (self);
  gtk_stack_set_visible_child_name (self->step_stack, "check");
  /* After the step is shown, so that a drop-down can take the focus back. */
  opora_import_window_show_decisions (self);
  opora_import_window_update_nav (self);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (source);
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (self->closed)
    {
      import_job_free (job);
      return;
    }
  if (job == NULL)
    {
      opora_import_window_show_toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                            ? _("Check stopped") : error->message);
      opora_import_window_show_columns (self);
      return;
    }
  g_clear_pointer (&self->job, import_job_free);
  self->job = job;
  show_check (self);
}

/* Checks the file in a thread with its own connection; nothing is written. */
void
opora_import_window_start_check (OporaImportWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->cancellable == NULL);

  g_clear_pointer (&self->job, import_job_free);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, check_done_cb, NULL);
  g_task_set_task_data (task, check_data_new (self), (GDestroyNotify) check_data_free);
  show_progress_page (self, _("Checking the File"), _("Every row is compared with the workspace. "
                                                      "Nothing is written in this step."));
  g_task_run_in_thread (task, check_thread);
}

/* ---- The problem list ---- */

static gboolean
filter_problem (gpointer item,
                gpointer user_data)
{
  OporaImportWindow *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->problem_search));
  g_autofree char *folded = *search ? g_utf8_casefold (search, -1) : NULL;
  OporaSeverity severity = opora_import_problem_get_severity (item);

  if (gtk_toggle_button_get_active (self->show_errors_button) && severity != OPORA_SEVERITY_ERROR)
    return FALSE;
  if (gtk_toggle_button_get_active (self->show_warnings_button) && severity != OPORA_SEVERITY_WARNING)
    return FALSE;
  return opora_import_problem_matches (item, folded);
}

void
opora_import_window_filter_problems (OporaImportWindow *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->problems)) > 0;

  gtk_custom_filter_set_filter_func (self->problem_filter, filter_problem, self, NULL);
  adw_status_page_set_description (self->no_problems_page,
                                   any ? _("No problem matches the filter.")
                                       : _("Every cell of the file can be imported."));
  gtk_stack_set_visible_child_name (self->problem_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->problem_filter_model))
                                    ? "list" : "none");
}

guint
opora_import_window_count_values (OporaImportWindow *self)
{
  const OporaImportCounts *c;

  if (self->job == NULL)
    return 0;
  c = opora_import_get_counts (self->job->import);
  return c->values_new + c->values_changed;
}

/* ---- The report ---- */

static void
report_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    OporaImportWindow *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (path == NULL || self->job == NULL)
    return;
  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".xlsx"))
    {
      char *with = g_strconcat (path, ".xlsx", NULL);
      g_free (path);
      path = with;
    }
  if (opora_report_write (opora_import_get_problems (self->job->import), path, &error))
    text = g_strdup_printf (_("Report saved to “%s”"), path);
  opora_import_window_show_toast (self, text ? text : error->message);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
opora_import_window_export_report (OporaImportWindow *self)
{
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (self->chooser != NULL || self->job == NULL)
    return;
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the suggested name of a problem report; %s is the imported file's name. */
  name = g_strdup_printf (_("%s — problems.xlsx"), base);
  self->chooser = gtk_file_chooser_native_new (_("Export the Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Excel workbook (.xlsx)"), "xlsx");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("Text table (.csv)"), "csv");
  g_signal_connect (self->chooser, "response", G_CALLBACK (report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Commit ---- */

static void
commit_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  gint64 batch = opora_import_commit (job->import, cancellable, report_progress, source, &error);

  if (batch == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, batch);
}

static void
show_done (OporaImportWindow       *self,
           const OporaImportCounts *c)
{
  guint n = c->values_new + c->values_changed;
  g_autofree char *title = g_strdup_printf (ngettext ("Imported %u Value", "Imported %u Values", n), n);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("New schools: %u · Values new: %u · changed: %u · Rows skipped: %u\n"
                            "The Data section shows them now. To take the import back, use Undo "
                            "or the import history."),
                          c->schools_new, c->values_new, c->values_changed, c->rows_skipped);
  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, text);
  gtk_stack_set_visible_child_name (self->step_stack, "done");
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gint64 batch = g_task_propagate_int (G_TASK (result), &error);
  OporaImportCounts counts = *opora_import_get_counts (job->import);

  g_clear_object (&self->cancellable);
  if (batch > 0 && self->window != NULL)
    opora_window_imported (self->window, batch, counts.values_new + counts.values_changed);
  if (self->closed)
    return;
  if (batch == 0)
    {
      opora_import_window_show_toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                            ? _("Import stopped: nothing was written") : error->message);
      opora_import_window_start_check (self);
      return;
    }
  show_done (self, &counts);
}

/* Writes the checked import in a thread, in one transaction; Stop writes nothing. */
void
opora_import_window_start_commit (OporaImportWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->job != NULL && self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, commit_done_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&self->job), (GDestroyNotify) import_job_free);
  show_progress_page (self, _("Importing"), _("The values are written in one step: "
                                              "if you stop now, the workspace stays as it was."));
  g_task_run_in_thread (task, commit_thread);
}
