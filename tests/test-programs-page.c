/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Programs section driven on a demo workspace with an analysis: create, list, edit, undo, export, print, save as a template. */

#include <glib/gstdio.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-template.h"
#include "opora-programs-page.h"
#include "opora-reader.h"
#include "opora-window.h"
#include "ui-util.h"

#define DEMO_YEAR   2026
#define SECTION_PROGRAMS 5
#define TODAY       "2026-11-15"

typedef struct {
  char        *dir;
  char        *path;    /* a demo workspace with one stored analysis */
  OporaWindow *window;  /* our own reference, for g_assert_finalize_object() */
} Fixture;

static gpointer
get_widget (Fixture    *fixture,
            const char *id)
{
  gpointer widget = find_widget (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static OporaProgramsPage *
programs_page (Fixture *fixture)
{
  return get_widget (fixture, "programs_page");
}

static char *
make_demo (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.opora", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  OporaAnalysisParams *params;
  OporaAnalysis *analysis;

  g_assert_no_error (error);
  opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  params = opora_analysis_params_new (db, DEMO_YEAR, OPORA_MODEL_QUADRANT, &error);
  g_assert_no_error (error);
  analysis = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (opora_analysis_save (db, analysis, &error));
  opora_analysis_free (analysis);
  opora_analysis_params_free (params);
  return g_steal_pointer (&path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-programs-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir);
  fixture->window = g_object_ref (opora_window_new (NULL));
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-section",
                                  g_variant_new_int32 (SECTION_PROGRAMS));
  opora_programs_page_set_today (programs_page (fixture), TODAY);
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
n_rows (Fixture    *fixture,
        const char *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (get_widget (fixture, view))));
}

/* Creates the programs of the analysis as the dialog's Create button does. */
static GArray *
create_programs (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = opora_programs_page_create_from_run (programs_page (fixture), "armavir", &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, >, 0);
  drain_main_loop ();
  return ids;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_create_and_list (Fixture       *fixture,
                      gconstpointer  user_data)
{
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "programs_stack")), ==, "empty");
  /* The page's action asks for a template; Create makes the programs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (programs_page (fixture)), "programs.create-from-run", NULL));
  drain_main_loop ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_loop ();
  programs = opora_program_list (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, >, 0);
  g_assert_cmpuint (((OporaProgram *) programs->pdata[0])->n_measures, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "programs_stack")), ==, "list");
  g_assert_cmpuint (n_rows (fixture, "program_view"), ==, programs->len);
  g_assert_cmpuint (n_rows (fixture, "rollup_view"), >, 1);

  /* The page's Undo takes the whole creation back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (programs_page (fixture)), "programs.undo", NULL));
  g_clear_pointer (&programs, g_ptr_array_unref);
  programs = opora_program_list (db, 0, &error);
  g_assert_cmpuint (programs->len, ==, 0);
  g_assert_cmpuint (n_rows (fixture, "program_view"), ==, 0);
}

static char *
title_of (Fixture *fixture,
          gint64   measure_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaMeasure) m = opora_measure_get (opora_window_get_db (fixture->window), measure_id, &error);

  g_assert_no_error (error);
  return g_strdup (m->title);
}

static void
test_edit_undo_redo (Fixture       *fixture,
                     gconstpointer  user_data)
{
  OporaProgramsPage *page = programs_page (fixture);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GArray) ids = create_programs (fixture);
  gint64 program = g_array_index (ids, gint64, 0);
  g_autoptr(GPtrArray) measures = opora_program_measures (db, program, NULL);
  const OporaMeasure *first = measures->pdata[0];
  g_autofree char *before = g_strdup (first->title);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  opora_programs_page_open_program (page, program);
  g_assert_cmpint (opora_programs_page_get_program (page), ==, program);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_widget (fixture, "programs_stack")), ==, "program");
  g_assert_cmpuint (n_rows (fixture, "measure_view"), ==, measures->len);

  g_assert_true (opora_programs_page_edit_measure (page, first->id, OPORA_FIELD_TITLE, "Открытый урок", &error));
  g_assert_no_error (error);
  title = title_of (fixture, first->id);
  g_assert_cmpstr (title, ==, "Открытый урок");

  /* The Undo button names the edit it would take back. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (get_widget (fixture, "undo_button")), "Edit a measure"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "programs.undo", NULL));
  g_free (title);
  title = title_of (fixture, first->id);
  g_assert_cmpstr (title, ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "programs.redo", NULL));
  g_free (title);
  title = title_of (fixture, first->id);
  g_assert_cmpstr (title, ==, "Открытый урок");

  /* Delete the selected measure, and Undo brings it back. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (get_widget (fixture, "measure_view"))), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "programs.delete-measure", NULL));
  g_assert_cmpuint (n_rows (fixture, "measure_view"), ==, measures->len - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "programs.undo", NULL));
  g_assert_cmpuint (n_rows (fixture, "measure_view"), ==, measures->len);

  /* Bad input: the core's message is shown and the stored title stays. */
  g_assert_false (opora_programs_page_edit_measure (page, first->id, OPORA_FIELD_TITLE, "  ", &error));
  g_assert_nonnull (error);
  g_assert_true (gtk_revealer_get_reveal_child (get_widget (fixture, "measure_error_revealer")));
  g_assert_cmpstr (gtk_label_get_text (get_widget (fixture, "measure_error_label")), ==, error->message);
  g_clear_error (&error);
  g_assert_false (opora_programs_page_edit_measure (page, first->id, OPORA_FIELD_END, "2000-01-01", &error));
  g_clear_error (&error);
  g_free (title);
  title = title_of (fixture, first->id);
  g_assert_cmpstr (title, ==, "Открытый урок");
}

static gboolean
count_rows_cb (const OporaRow  *row,
               gpointer         user_data,
               GError         **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static void
test_export_and_print (Fixture       *fixture,
                       gconstpointer  user_data)
{
  OporaProgramsPage *page = programs_page (fixture);
  g_autoptr(GArray) ids = create_programs (fixture);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "road-map.xlsx", NULL);
  g_autofree char *all = g_build_filename (fixture->dir, "all.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "road-map.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint rows = 0;

  g_assert_true (opora_programs_page_export (page, all, &error));
  g_assert_no_error (error);
  opora_programs_page_open_program (page, g_array_index (ids, gint64, 0));
  g_assert_true (opora_programs_page_export (page, xlsx, &error));
  g_assert_no_error (error);
  reader = opora_reader_open (xlsx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opora_reader_get_n_sheets (reader), >=, 1);
  g_assert_true (opora_reader_read_sheet (reader, 0, count_rows_cb, &rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, >, 10);
  g_clear_pointer (&reader, opora_reader_free);
  reader = opora_reader_open (all, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (opora_programs_page_print_to_file (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

static gboolean
has_template (OporaDb    *db,
              const char *name)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  templates = opora_program_template_list (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < templates->len; i++)
    {
      const OporaProgramTemplate *t = templates->pdata[i];
      if (g_str_equal (t->name, name))
        {
          g_assert_false (t->builtin);
          g_assert_cmpuint (t->measures->len, >, 0);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_save_template (Fixture       *fixture,
                    gconstpointer  user_data)
{
  OporaProgramsPage *page = programs_page (fixture);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GArray) ids = create_programs (fixture);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  /* Only an open program can be saved. */
  gtk_widget_activate_action (GTK_WIDGET (page), "programs.save-template", NULL);
  drain_main_loop ();
  g_assert_null (find_dialog ());
  opora_programs_page_open_program (page, g_array_index (ids, gint64, 0));
  g_assert_true (opora_programs_page_save_template (page, "Our road map", &error));
  g_assert_no_error (error);
  g_assert_true (has_template (db, "Our road map"));

  /* A taken name is refused and nothing is saved twice. */
  g_assert_false (opora_programs_page_save_template (page, "Our road map", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);

  /* The menu's action asks for the name; Save stores the template. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "programs.save-template", NULL));
  drain_main_loop ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), !=, "");
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (entry, "Road map from the window");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_loop ();
  g_assert_true (has_template (db, "Road map from the window"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The assertions compare the core's messages in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Xvfb has no session bus for the accessibility bus to live on. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/programs/create-and-list", Fixture, NULL,
              fixture_set_up, test_create_and_list, fixture_tear_down);
  g_test_add ("/ui/programs/edit-undo-redo", Fixture, NULL,
              fixture_set_up, test_edit_undo_redo, fixture_tear_down);
  g_test_add ("/ui/programs/export-and-print", Fixture, NULL,
              fixture_set_up, test_export_and_print, fixture_tear_down);
  g_test_add ("/ui/programs/save-template", Fixture, NULL,
              fixture_set_up, test_save_template, fixture_tear_down);
  return g_test_run ();
}
