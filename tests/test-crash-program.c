/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety of program editing: a child making program edits, undos and redos is killed with
 * SIGKILL at 50 moments; each time the workspace is one the edits passed through, never a
 * half-done edit, and its undo journal accounts for every program and measure row. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "opora-check.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-program.h"
#include "opora-program-journal.h"
#include "test-util.h"

#define N_KILLS          50
#define N_CYCLES         3
#define STEPS_PER_CYCLE  12
#define N_STEPS          (N_CYCLES * STEPS_PER_CYCLE)

static char *self_path;   /* this program, which is also the child */

/* ---- The edit session: the child runs it, the reference run replays it step by step ---- */

static gint64
newest (OporaDb    *db,
        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", table);

  return test_query_int (db, sql);
}

static gint64
nth_program (OporaDb *db,
             guint    n)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT id FROM program ORDER BY id LIMIT 1 OFFSET ?", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int (stmt, 1, n);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
add_measure (OporaDb  *db,
             guint     step,
             GError  **error)
{
  g_autofree char *title = g_strdup_printf ("Мероприятие шага %u", step);
  OporaMeasure m = {
    .stage = (char *) "Этап", .title = title, .start = (char *) "2026-09-01", .end = (char *) "2026-10-31",
    .responsible = (char *) "Методист", .participants = (char *) "Педагоги", .report_form = (char *) "Справка",
    .note = (char *) "", .target = OPORA_TARGET_TEACHERS,
  };

  return opora_measure_add (db, newest (db, "program"), &m, error) > 0;
}

/* Step @step of the session: a cycle of twelve edits, undos and redos over the programs of
 * the demo's last analysis, each one a transaction of its own. Every step reads what it edits
 * from the workspace, so the child and the reference run make the same changes. */
static gboolean
run_step (OporaDb  *db,
          gint64    run_id,
          guint     step,
          GError  **error)
{
  g_autofree char *title = NULL;
  g_autoptr(GArray) created = NULL;

  switch (step % STEPS_PER_CYCLE)
    {
    case 0:
      if (step == 0)
        return (created = opora_program_create_from_run (db, run_id, "safonovo", error)) != NULL;
      return opora_program_copy_to_next_year (db, nth_program (db, step / STEPS_PER_CYCLE), error) > 0;
    case 1:
      return opora_program_copy_to_next_year (db, newest (db, "program"), error) > 0;
    case 2:
      return add_measure (db, step, error);
    case 3:
      title = g_strdup_printf ("Мероприятие шага %u, уточнено", step);
      return opora_measure_set (db, newest (db, "measure"), OPORA_FIELD_TITLE, title, error);
    case 4:
      return opora_measure_set (db, newest (db, "measure"), OPORA_FIELD_STATUS, "in-progress", error);
    case 5:
      return opora_measure_move (db, newest (db, "measure"), 1, error);
    case 6:
    case 8:
    case 9:
      return opora_program_undo (db, NULL, error);
    case 7:
    case 10:
      return opora_program_redo (db, NULL, error);
    default:
      return opora_program_delete (db, newest (db, "program"), error);
    }
}

static int
run_child (const char *path,
           gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);

  /* Each step's number goes to the parent before the step, which kills by them. */
  for (guint step = 0; db != NULL && step <= N_STEPS; step++)
    {
      g_print ("%u\n", step);
      fflush (stdout);
      if (step < N_STEPS && !run_step (db, run_id, step, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* ---- States ---- */

static void
append_rows (GString    *out,
             OporaDb    *db,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                              ? "∅" : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "--\n");
}

/* The program and measure rows without the times of day they were written. */
static char *
tables_digest (OporaDb *db)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_rows (out, db, "SELECT id, school_id, first_year, last_year, goal, status, base_school_id, run_id, template"
                        " FROM program ORDER BY id");
  append_rows (out, db, "SELECT * FROM measure ORDER BY id");
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, out->len);
}

/* The tables and the journal: every edit, whether it is undone, and each row image it holds. */
static char *
state_digest (OporaDb *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *tables = tables_digest (db);

  g_string_append_printf (out, "%s\n", tables);
  append_rows (out, db, "SELECT id, label, undone FROM program_edit ORDER BY id");
  append_rows (out, db, "SELECT id, edit_id, tbl, row_id, json_remove (before, '$.created', '$.updated'),"
                        " json_remove (after, '$.created', '$.updated') FROM program_change ORDER BY id");
  append_rows (out, db, "SELECT edit_id FROM program_journal_state");
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, out->len);
}

/* Rows of @table by the journal: those of the base plus what every edit not undone added. */
static gint64
journal_count (OporaDb    *db,
               const char *table,
               gint64      base_count)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce (sum ((c.after IS NOT NULL) - (c.before IS NOT NULL)), 0)"
    " FROM program_change c JOIN program_edit e ON e.id = c.edit_id WHERE e.undone = 0 AND c.tbl = '%s'", table);

  return base_count + test_query_int (db, sql);
}

typedef struct {
  char       *base;
  gint64      run_id;
  gint64      n_programs;
  gint64      n_measures;
  GHashTable *states;   /* state digest → step + 1 */
  GHashTable *tables;   /* tables digest → step + 1 */
} Session;

/* ---- Files ---- */

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static void
fresh_copy (const char *base,
            const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  copy_file (base, path);
}

/* The demo with its support work, the journal empty and written into the main file. */
static void
make_base (Session *s)
{
  g_autoptr(OporaDb) db = test_workspace_new ("base.opora");
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_demo_fill_all (db, OPORA_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program_edit"), ==, 0);
  s->run_id = test_query_int (db, "SELECT max (id) FROM analysis_run");
  s->n_programs = test_query_int (db, "SELECT count(*) FROM program");
  s->n_measures = test_query_int (db, "SELECT count(*) FROM measure");
  g_assert_true (opora_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  s->base = test_workspace_path ("base.opora");
}

/* Runs the session in this process and notes the state before each step and after the last. */
static void
record_states (Session *s)
{
  g_autofree char *path = test_workspace_path ("reference.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;

  fresh_copy (s->base, path);
  db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
  g_assert_no_error (error);
  for (guint step = 0; step <= N_STEPS; step++)
    {
      g_hash_table_insert (s->states, state_digest (db), GUINT_TO_POINTER (step + 1));
      g_hash_table_insert (s->tables, tables_digest (db), GUINT_TO_POINTER (step + 1));
      if (step == 1)
        g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), >, s->n_programs);
      if (step < N_STEPS)
        g_assert_true (run_step (db, s->run_id, step, &error));
      g_assert_no_error (error);
    }
}

static GSubprocess *
start_child (const Session *s,
             const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *run = g_strdup_printf ("%" G_GINT64_FORMAT, s->run_id);
  GSubprocess *p;

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--edit-session", path, run, NULL);
  g_assert_no_error (error);
  return p;
}

/* What `opora-cli check` runs: SQLite's checks and Opora's own rules. */
static void
assert_check (OporaDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = opora_check_run (db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_journal_counts (const Session *s,
                       OporaDb       *db)
{
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM program"), ==,
                   journal_count (db, "program", s->n_programs));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM measure"), ==,
                   journal_count (db, "measure", s->n_measures));
}

/* Undo of the newest edit gives tables the session passed through; redo brings back the
 * state exactly. With no edit recorded there is nothing to undo. */
static void
assert_undo_redo (const Session *s,
                  OporaDb       *db,
                  const char    *state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  if (test_query_int (db, "SELECT count(*) FROM program_edit WHERE undone = 0") == 0)
    {
      g_assert_false (opora_program_undo (db, NULL, &error));
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
      return;
    }
  g_assert_true (opora_program_undo (db, NULL, &error));
  g_assert_no_error (error);
  undone = tables_digest (db);
  g_assert_true (g_hash_table_contains (s->tables, undone));
  assert_journal_counts (s, db);
  g_assert_true (opora_program_redo (db, NULL, &error));
  g_assert_no_error (error);
  redone = state_digest (db);
  g_assert_cmpstr (redone, ==, state);
}

/* The workspace after a kill: it opens, its checks pass, no edit is left half-recorded, the
 * state is one the session passed through, and the journal accounts for every row.
 * Returns the step the state is the one before (N_STEPS: the session had finished). */
static guint
assert_whole (const Session *s,
              const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autofree char *state = NULL;
  gpointer step;

  db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
  g_assert_no_error (error);
  assert_check (db);
  g_assert_cmpint (test_query_int (db, "SELECT edit_id IS NULL FROM program_journal_state"), ==, 1);
  state = state_digest (db);
  step = g_hash_table_lookup (s->states, state);
  if (step == NULL)
    g_test_message ("a killed session left %" G_GINT64_FORMAT " programs, %" G_GINT64_FORMAT " measures and "
                    "%" G_GINT64_FORMAT " edits: no step of the session has that state",
                    test_query_int (db, "SELECT count(*) FROM program"),
                    test_query_int (db, "SELECT count(*) FROM measure"),
                    test_query_int (db, "SELECT count(*) FROM program_edit"));
  g_assert_nonnull (step);
  assert_journal_counts (s, db);
  assert_undo_redo (s, db, state);
  return GPOINTER_TO_UINT (step) - 1;
}

/* Reads the child's step numbers until it starts @step (N_STEPS: it has finished). */
static void
wait_for_step (GSubprocess *p,
               guint        step)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_ascii_strtoull (line, NULL, 10) == step)
        return;
    }
}

static void
test_kill_edit_session (void)
{
  Session s = {
    .states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autofree char *work = test_workspace_path ("work.opora");
  g_autoptr(GHashTable) landed = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 micros;

  make_base (&s);
  record_states (&s);

  /* One whole session, timed, gives the mean time of a step; it ends in the last state. */
  fresh_copy (s.base, work);
  {
    g_autoptr(GSubprocess) p = start_child (&s, work);
    gint64 start = g_get_monotonic_time ();

    g_assert_true (g_subprocess_communicate (p, NULL, NULL, NULL, NULL, &error));
    g_assert_true (g_subprocess_get_successful (p));
    micros = g_get_monotonic_time () - start;
  }
  g_assert_cmpuint (assert_whole (&s, work), ==, N_STEPS);
  g_test_message ("one session of %u steps takes %.0f ms", N_STEPS, micros / 1000.0);

  for (guint k = 0; k < N_KILLS; k++)
    {
      g_autoptr(GSubprocess) p = NULL;
      guint target = k * (N_STEPS + 1) / N_KILLS;
      guint step;

      fresh_copy (s.base, work);
      p = start_child (&s, work);
      /* Into step @target, at a tenth to nine tenths of a mean step: inside its transaction,
       * at its commit or already in the next one. */
      wait_for_step (p, target);
      g_usleep (micros / N_STEPS * (1 + k * 7 % 9) / 10);
      g_subprocess_send_signal (p, SIGKILL);
      g_subprocess_wait (p, NULL, NULL);
      step = assert_whole (&s, work);
      /* What was committed before the step began stays. */
      g_assert_cmpuint (step, >=, target);
      g_hash_table_add (landed, GUINT_TO_POINTER (step + 1));
    }
  g_test_message ("%u kills left %u different states of %u", N_KILLS, g_hash_table_size (landed), N_STEPS + 1);
  /* The kills must have landed all along the session, not only at its ends. */
  g_assert_cmpuint (g_hash_table_size (landed), >=, N_STEPS / 2);
  g_hash_table_unref (s.states);
  g_hash_table_unref (s.tables);
  g_free (s.base);
}

int
main (int   argc,
      char *argv[])
{
  /* The child: the edit session on a copy of the workspace, until it ends or is killed. */
  if (argc == 4 && g_str_equal (argv[1], "--edit-session"))
    return run_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_add_func ("/crash/kill-program-edits", test_kill_edit_session);
  return g_test_run ();
}
