/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's backups and second windows: list, back up now, restore with confirmation, open in a new window. */

#include <glib/gstdio.h>

#include "opora-backup.h"
#include "opora-backup-dialog.h"
#include "opora-db.h"
#include "opora-demo.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-layout.h"
#include "opora-person.h"
#include "opora-reader.h"
#include "opora-sheet.h"
#include "opora-window.h"
#include "ui-util.h"

typedef struct {
  char        *dir;
  char        *path;    /* the full demo workspace */
  OporaWindow *window;  /* our own reference, for g_assert_finalize_object() */
} Fixture;

static char *
make_demo (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("opora-test-backup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = make_demo (fixture->dir, "demo.opora");
  fixture->window = g_object_ref (opora_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain_main_loop ();
}

/* The backup folder too: it lives beside the workspace, named after it. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *backups = opora_backup_dir (fixture->path);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain_main_loop ();
  g_assert_finalize_object (fixture->window);
  remove_tree (backups);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gint64
count_people (OporaDb *db)
{
  g_autoptr(GPtrArray) people = opora_person_list (db, TRUE, NULL);

  g_assert_nonnull (people);
  return people->len;
}

static gint64
add_person (OporaDb *db)
{
  g_autoptr(OporaPerson) person = opora_person_new (OPORA_ROLE_TUTOR, "Петрова Анна Сергеевна");
  g_autoptr(GError) error = NULL;
  gint64 id = opora_person_add (db, person, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The dialog's rows, top to bottom, as the core lists the backups: newest first. */
static void
assert_rows_match (OporaBackupDialog *dialog,
                   const char        *path)
{
  g_autoptr(GPtrArray) backups = opora_backup_list (path, NULL);
  GtkWidget *list = find_widget (GTK_WIDGET (dialog), "backup_list");
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_nonnull (backups);
  for (guint i = 0; i < backups->len; i++, row = gtk_widget_get_next_sibling (row))
    {
      OporaBackup *backup = backups->pdata[i];
      g_autofree char *when = g_date_time_format (backup->when, "%x %X");
      g_autofree char *size = g_format_size (backup->size);
      g_autofree char *subtitle = g_strdup_printf ("Made by hand · %s", size);

      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, when);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
      g_assert_nonnull (find_widget (row, "restore-button"));
    }
  g_assert_null (row);
}

static GtkWidget *
nth_row (OporaBackupDialog *dialog,
         guint              n)
{
  GtkWidget *row = gtk_widget_get_first_child (find_widget (GTK_WIDGET (dialog), "backup_list"));

  while (n-- > 0 && row != NULL)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  return row;
}

static void
set_flag_cb (GtkButton *button,
             gboolean  *flag)
{
  *flag = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Activates @button as Space or Enter would, and waits for its click. */
static void
press (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong id;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_focusable (button));
  id = g_signal_connect (button, "clicked", G_CALLBACK (set_flag_cb), &clicked);
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (wait_for (flag_is_set, &clicked));
  g_signal_handler_disconnect (button, id);
}

/* The main menu's button: the one F10 opens. */
static GtkWidget *
find_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the main menu, as F10 does, for a look at its items. */
static void
screenshot_menu (Fixture    *fixture,
                 const char *name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (fixture->window)));

  g_assert_true (wait_for (is_drawn, button));
  gtk_menu_button_popup (button);
  ui_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)), name);
  gtk_menu_button_popdown (button);
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_toplevel (OPORA_TYPE_BACKUP_DIALOG) == NULL;
}

/* A manual backup, a change, Back Up Now, then a restore of the older backup
 * through the dialog: the change is gone and the state it replaced is a backup. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(OporaDb) replaced = NULL;
  OporaBackupDialog *dialog;
  AdwMessageDialog *confirm;
  gint64 before;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "restore-backup"));
  screenshot_menu (fixture, "backup-menu");
  before = count_people (db);
  g_assert_true (opora_backup_create (db, "manual", &older, &error));
  g_assert_no_error (error);
  add_person (db);
  g_assert_cmpint (count_people (db), ==, before + 1);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "restore-backup", NULL);
  dialog = find_toplevel (OPORA_TYPE_BACKUP_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  assert_rows_match (dialog, fixture->path);

  /* Back Up Now adds the state with the new person on top. */
  press (find_widget (GTK_WIDGET (dialog), "back_up_button"));
  {
    g_autoptr(GPtrArray) backups = opora_backup_list (fixture->path, NULL);
    g_assert_cmpuint (backups->len, ==, 2);
    g_assert_cmpstr (((OporaBackup *) backups->pdata[1])->path, ==, older);
  }
  assert_rows_match (dialog, fixture->path);
  ui_screenshot (GTK_WIDGET (dialog), "backup-dialog");

  /* Restore the older one: a confirmation first. */
  press (find_widget (nth_row (dialog, 1), "restore-button"));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_true (adw_message_dialog_has_response (confirm, "restore"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (confirm), ==, "cancel");
  ui_screenshot (GTK_WIDGET (confirm), "backup-confirm");
  adw_message_dialog_response (confirm, "restore");
  g_assert_true (wait_for (dialog_is_gone, NULL));

  /* The window shows the workspace reopened, as it was. */
  db = opora_window_get_db (fixture->window);
  g_assert_nonnull (db);
  g_assert_cmpstr (opora_db_get_path (db), ==, fixture->path);
  g_assert_cmpint (count_people (db), ==, before);

  /* What the restore replaced is the newest backup, with the person in it. */
  after = opora_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpstr (((OporaBackup *) after->pdata[0])->reason, ==, "restore");
  replaced = opora_db_open (((OporaBackup *) after->pdata[0])->path, OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_people (replaced), ==, before + 1);
  ui_screenshot (GTK_WIDGET (fixture->window), "backup-restored");

  /* The toast's Undo restores that state in turn. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "restore-backup-file",
                                  g_variant_new_string (((OporaBackup *) after->pdata[0])->path));
  g_assert_cmpint (count_people (opora_window_get_db (fixture->window)), ==, before + 1);
}

/* Cancelling the confirmation keeps everything; Escape's action closes the dialog. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(GError) error = NULL;
  OporaBackupDialog *dialog;
  AdwMessageDialog *confirm;
  gint64 before;

  /* No backups yet: the dialog says how they come about. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "restore-backup", NULL);
  dialog = find_toplevel (OPORA_TYPE_BACKUP_DIALOG);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (find_widget (GTK_WIDGET (dialog), "backup_stack")), ==, "empty");
  ui_screenshot (GTK_WIDGET (dialog), "backup-empty");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (opora_backup_create (db, "manual", NULL, &error));
  add_person (db);
  before = count_people (db);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "restore-backup", NULL);
  dialog = find_toplevel (OPORA_TYPE_BACKUP_DIALOG);
  press (find_widget (nth_row (dialog, 0), "restore-button"));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "cancel");
  drain_main_loop ();
  g_assert_true (opora_window_get_db (fixture->window) == db);
  g_assert_cmpint (count_people (db), ==, before);
  g_assert_null (gtk_widget_get_next_sibling (nth_row (dialog, 0)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (wait_for (dialog_is_gone, NULL));
}

/* Imports one value from a CSV file through the core, as the wizard would. */
static gint64
import_csv (OporaDb    *db,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(OporaImport) import = NULL;
  g_autoptr(OporaSheet) sheet = NULL;
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, NULL);
  gint64 batch;

  g_assert_true (g_file_set_contents (path, "Код ОО;Наименование ОО;ЕГЭ русский язык средний балл\n"
                                            "990001;СОШ № 1;70\n", -1, NULL));
  reader = opora_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  sheet = opora_sheet_load (reader, 0, 30, NULL, &error);
  g_assert_no_error (error);
  import = opora_import_new (db, reader, &error);
  g_assert_no_error (error);
  opora_import_add_sheet (import, 0, opora_layout_detect (sheet, indicators), 2026);
  g_assert_true (opora_import_check (import, NULL, NULL, NULL, &error));
  batch = opora_import_commit (import, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  return batch;
}

/* Each row says why its backup was made; an import's backup names the import
 * made right after it, while the workspace remembers one. */
static void
test_reasons (Fixture       *fixture,
              gconstpointer  user_data)
{
  OporaDb *db = opora_window_get_db (fixture->window);
  sqlite3 *handle = opora_db_get_handle (db);
  g_autofree char *csv = g_build_filename (fixture->dir, "ege.csv", NULL);
  g_autofree char *before_import = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  OporaBackupDialog *dialog;
  GtkWidget *row;
  gint64 batch;

  g_assert_true (opora_backup_create (db, "manual", NULL, &error));
  batch = import_csv (db, csv);
  g_assert_true (opora_backup_handle (handle, fixture->path, "migration", 10, NULL, &error));
  g_assert_true (opora_backup_handle (handle, fixture->path, "restore", 10, NULL, &error));
  g_assert_true (opora_backup_handle (handle, fixture->path, "import", 10, NULL, &error));
  g_assert_no_error (error);
  before_import = g_strdup_printf ("Before import %d (“ege.csv”)", (int) batch);

  {
    const char *expected[] = {
      "Before an import",                     /* no import followed it */
      "Before a restore",
      "Before an upgrade to a newer format",
      before_import,
      "Made by hand",
    };

    g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "restore-backup", NULL);
    dialog = find_toplevel (OPORA_TYPE_BACKUP_DIALOG);
    backups = opora_backup_list (fixture->path, &error);
    g_assert_cmpuint (backups->len, ==, G_N_ELEMENTS (expected));
    row = gtk_widget_get_first_child (find_widget (GTK_WIDGET (dialog), "backup_list"));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++, row = gtk_widget_get_next_sibling (row))
      {
        g_autofree char *size = g_format_size (((OporaBackup *) backups->pdata[i])->size);
        g_autofree char *subtitle = g_strdup_printf ("%s · %s", expected[i], size);

        g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
      }
  }
  ui_screenshot (GTK_WIDGET (dialog), "backup-reasons");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Read-only or with nothing open, there is nothing to restore into. */
static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  OporaWindow *empty = g_object_ref (opora_window_new (NULL));

  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (empty), "restore-backup"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (empty), "open-in-new-window"));
  gtk_window_destroy (GTK_WINDOW (empty));
  g_assert_finalize_object (empty);

  g_assert_true (opora_window_open (fixture->window, fixture->path, OPORA_DB_READ_ONLY, &error));
  g_assert_no_error (error);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "restore-backup"));
  screenshot_menu (fixture, "backup-menu-read-only");
  g_assert_true (opora_window_open (fixture->window, fixture->path, OPORA_DB_FLAGS_NONE, &error));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "restore-backup"));
}

static guint
count_windows (const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      OporaDb *db;

      if (OPORA_IS_WINDOW (window) && (db = opora_window_get_db (OPORA_WINDOW (window))) != NULL)
        n += path == NULL || g_strcmp0 (opora_db_get_path (db), path) == 0;
    }
  return n;
}

/* Another workspace opens in a window of its own; the first stays as it was.
 * The same file may be open twice, and writes from either window land. */
static void
test_new_window (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.opora", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.opora", NULL);
  OporaDb *db = opora_window_get_db (fixture->window);
  g_autoptr(OporaDb) made = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *report;
  OporaWindow *second, *third;
  gint64 before = count_people (db);

  made = opora_db_open (other, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&made, opora_db_free);

  second = opora_window_open_in_new_window (fixture->window, other);
  g_assert_nonnull (second);
  g_object_ref (second);
  drain_main_loop ();
  g_assert_true (opora_window_get_db (fixture->window) == db);
  g_assert_cmpuint (count_windows (NULL), ==, 2);
  g_assert_cmpuint (count_windows (fixture->path), ==, 1);
  g_assert_cmpuint (count_windows (other), ==, 1);
  ui_screenshot (GTK_WIDGET (second), "second-window");

  third = g_object_ref (opora_window_open_in_new_window (fixture->window, fixture->path));
  g_assert_cmpuint (count_windows (fixture->path), ==, 2);
  add_person (opora_window_get_db (third));
  g_assert_cmpint (count_people (db), ==, before + 1);

  /* A restore in the first window shows in the third, which reads the same file. */
  {
    g_autofree char *backup = NULL;
    g_autofree char *name = opora_db_dup_info (db, "name");

    g_assert_true (opora_db_set_info (db, "name", "Переименованная", &error));
    g_assert_true (opora_backup_create (db, "manual", &backup, &error));
    g_assert_true (opora_db_set_info (db, "name", name != NULL ? name : "", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (third)), !=, "Переименованная — Opora");
    g_assert_true (opora_window_restore_backup (fixture->window, backup, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Переименованная — Opora");
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (third)), ==, "Переименованная — Opora");
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), !=, "Переименованная — Opora");
    db = opora_window_get_db (fixture->window);
  }

  /* A file that is not there: no window, a report over the first. */
  g_assert_null (opora_window_open_in_new_window (fixture->window, missing));
  g_assert_cmpuint (count_windows (NULL), ==, 3);
  report = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (report);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (report)) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (report));

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (third));
  drain_main_loop ();
  g_assert_finalize_object (second);
  g_assert_finalize_object (third);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The assertions compare the labels in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Xvfb has no session bus for the accessibility bus to live on. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/backup/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/ui/backup/reasons", Fixture, NULL, fixture_set_up, test_reasons, fixture_tear_down);
  g_test_add ("/ui/backup/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/backup/unavailable", Fixture, NULL, fixture_set_up, test_unavailable, fixture_tear_down);
  g_test_add ("/ui/backup/new-window", Fixture, NULL, fixture_set_up, test_new_window, fixture_tear_down);
  return g_test_run ();
}
