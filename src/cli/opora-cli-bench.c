/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli bench: nation-sized files and features; Opora's import, export and k-means timed beside Python's tools. */

#include <glib/gi18n.h>
#include <fcntl.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include "opora-cli.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-kmeans.h"
#include "opora-reader.h"
#include "opora-sheet.h"
#include "opora-xlsx-deflate.h"

#define N_SCHOOLS   40000
#define N_YEARS     3
#define FIRST_YEAR  2024
#define N_MEASURES  40
#define N_FEATURES  10   /* bench analyze: features per school */
#define N_GROUPS    5
#define N_FITS      11   /* one-start fits timed for the median */
#define N_RESTARTS  10

typedef struct {
  const char *what;
  double      seconds;
  long        peak_kib;
} Timing;

/* The 40 indicators of the generated table: the first ones of the catalogue. */
static GPtrArray *
bench_indicators (void)
{
  g_autoptr(GPtrArray) all = opora_indicator_builtin ();
  GPtrArray *some = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);

  for (guint i = 0; i < all->len && some->len < N_MEASURES; i++)
    if (((OporaIndicator *) all->pdata[i])->unit != OPORA_UNIT_FLAG)
      g_ptr_array_add (some, opora_indicator_copy (all->pdata[i]));
  return some;
}

/* A plausible value of @ind for school @s in year @y, deterministic. */
static double
bench_value (const OporaIndicator *ind,
             guint                 s,
             guint                 y,
             guint                 i)
{
  guint32 h = (s * 2654435761u) ^ (y * 40503u) ^ (i * 2246822519u);
  double u = (h % 10000) / 10000.0;
  double span = MIN (ind->max_value, ind->unit == OPORA_UNIT_COUNT ? 900 : ind->max_value) - ind->min_value;

  return round ((ind->min_value + span * (0.2 + 0.6 * u)) * 10) / 10;
}

static gboolean
write_csv (const char *path,
           GPtrArray  *indicators,
           GError    **error)
{
  g_autoptr(GString) out = g_string_sized_new (32 << 20);

  g_string_append (out, "Код ОО;Наименование ОО;Муниципалитет;Год");
  for (guint i = 0; i < indicators->len; i++)
    g_string_append_printf (out, ";%s", ((OporaIndicator *) indicators->pdata[i])->name_ru);
  g_string_append_c (out, '\n');
  for (guint y = 0; y < N_YEARS; y++)
    for (guint s = 0; s < N_SCHOOLS; s++)
      {
        g_string_append_printf (out, "%06u;МБОУ «СОШ № %u»;Район %u;%u", s + 1, s + 1, s / 50 + 1, FIRST_YEAR + y);
        for (guint i = 0; i < indicators->len; i++)
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd (buffer, sizeof buffer, "%.1f", bench_value (indicators->pdata[i], s, y, i));
            g_strdelimit (buffer, ".", ',');
            g_string_append_printf (out, ";%s", buffer);
          }
        g_string_append_c (out, '\n');
      }
  return g_file_set_contents (path, out->str, out->len, error);
}

static gboolean
write_xlsx (const char *path,
            GPtrArray  *indicators,
            GError    **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *book = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = book ? workbook_add_worksheet (book, "Данные") : NULL;
  const char *fixed[] = { "Код ОО", "Наименование ОО", "Муниципалитет", "Год" };
  lxw_error result;

  if (sheet == NULL)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, "cannot create %s", path);
      return FALSE;
    }
  for (guint c = 0; c < 4; c++)
    worksheet_write_string (sheet, 0, c, fixed[c], NULL);
  for (guint i = 0; i < indicators->len; i++)
    worksheet_write_string (sheet, 0, 4 + i, ((OporaIndicator *) indicators->pdata[i])->name_ru, NULL);
  for (guint y = 0; y < N_YEARS; y++)
    for (guint s = 0; s < N_SCHOOLS; s++)
      {
        guint32 row = 1 + y * N_SCHOOLS + s;
        g_autofree char *code = g_strdup_printf ("%06u", s + 1);
        g_autofree char *name = g_strdup_printf ("МБОУ «СОШ № %u»", s + 1);
        g_autofree char *district = g_strdup_printf ("Район %u", s / 50 + 1);

        worksheet_write_string (sheet, row, 0, code, NULL);
        worksheet_write_string (sheet, row, 1, name, NULL);
        worksheet_write_string (sheet, row, 2, district, NULL);
        worksheet_write_number (sheet, row, 3, FIRST_YEAR + y, NULL);
        for (guint i = 0; i < indicators->len; i++)
          worksheet_write_number (sheet, row, 4 + i, bench_value (indicators->pdata[i], s, y, i), NULL);
      }
  /* Deflated as Excel and LibreOffice do, not at Opora's faster level. */
  opora_xlsx_deflate_set_level (-1);
  result = workbook_close (book);
  opora_xlsx_deflate_set_level (OPORA_XLSX_DEFLATE_LEVEL);
  if (result != LXW_NO_ERROR)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, "%s: %s", path, lxw_strerror (result));
      return FALSE;
    }
  return TRUE;
}

/* Read, check and commit @path into a new workspace at @db_path. */
static gboolean
import_file (const char  *db_path,
             const char  *path,
             GError     **error)
{
  g_autoptr(OporaDb) db = opora_db_open (db_path, OPORA_DB_FLAGS_NONE, error);
  g_autoptr(OporaReader) reader = db ? opora_reader_open (path, NULL, error) : NULL;
  g_autoptr(GPtrArray) indicators = db ? opora_indicator_list (db, error) : NULL;
  g_autoptr(OporaSheet) sheet = reader ? opora_sheet_load (reader, 0, 30, NULL, error) : NULL;
  g_autoptr(OporaImport) import = sheet ? opora_import_new (db, reader, error) : NULL;

  gint64 opened = g_get_monotonic_time ();

  if (import == NULL)
    return FALSE;
  opora_import_add_sheet (import, 0, opora_layout_detect (sheet, indicators), 0);
  /* As opora-cli import does: checked and written at once, on both cores. */
  if (!opora_import_check_and_commit (import, NULL, NULL, NULL, error))
    return FALSE;
  /* On stderr, so the parent's table shows where the time goes. */
  g_printerr ("  %s: check and commit %.2f s\n", opora_reader_get_format (reader),
              (g_get_monotonic_time () - opened) / 1e6);
  if (opora_import_get_counts (import)->values_new != N_SCHOOLS * N_YEARS * N_MEASURES)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FAILED, "imported %u values, expected %u",
                   opora_import_get_counts (import)->values_new, N_SCHOOLS * N_YEARS * N_MEASURES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_file (const char  *db_path,
             const char  *path,
             GError     **error)
{
  g_autoptr(OporaDb) db = opora_db_open (db_path, OPORA_DB_MUST_EXIST, error);

  return db != NULL && opora_export_values (db, path, NULL, error);
}

/* The time a peer script measured itself: its last line, "seconds=12.3". */
static double
reported_seconds (const char *path)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(line = g_strrstr (text, "seconds=")))
    return 0;
  return g_ascii_strtod (line + strlen ("seconds="), NULL);
}

/* Runs @argv in a child and returns its wall time (or, with @report, the
 * time it reports itself) and its peak memory; FALSE when it failed. */
static gboolean
time_command (char       **argv,
              const char  *report,
              Timing      *timing)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  int out = report ? g_open (report, O_WRONLY | O_CREAT | O_TRUNC, 0600) : -1;
  struct rusage usage;
  GPid pid;
  int status;
  gboolean spawned;

  /* Each run starts with nothing of the previous one's files left to write back. */
  sync ();
  start = g_get_monotonic_time ();
  spawned = g_spawn_async_with_fds (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    &pid, -1, out, -1, &error);

  if (out >= 0)
    close (out);
  if (!spawned || wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return FALSE;
  timing->seconds = (g_get_monotonic_time () - start) / 1e6;
  timing->peak_kib = usage.ru_maxrss;
  if (report != NULL)
    timing->seconds = reported_seconds (report);
  return timing->seconds > 0;
}

/* @text followed by spaces to @width characters (printf pads by bytes,
 * which leaves Cyrillic columns ragged). */
static char *
padded (const char *text,
        guint       width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
print_row (const char *task,
           Timing     *ours,
           Timing     *peer,
           const char *peer_name,
           double      target)
{
  g_autofree char *name = padded (task, 34);

  if (peer->seconds > 0)
    g_print ("%s %8.2f s %6ld MB   %-24s %8.2f s   %5.1f× (target %.0f×)\n", name, ours->seconds,
             ours->peak_kib / 1024, peer_name, peer->seconds, peer->seconds / ours->seconds, target);
  else
    g_print ("%s %8.2f s %6ld MB   %-24s %10s\n", name, ours->seconds, ours->peak_kib / 1024,
             peer_name, _("not installed"));
}

static char *
peer_script (const char *name)
{
  const char *dir = g_getenv ("OPORA_BENCH_DIR");

  return g_build_filename (dir ? dir : BENCH_DIR, name, NULL);
}

static gboolean
run_peer (const char *script,
          const char *file,
          const char *extra,
          const char *report,
          Timing     *timing)
{
  g_autofree char *path = peer_script (script);
  char *argv[] = { "/usr/bin/python3", path, (char *) file, (char *) extra, NULL };

  timing->seconds = 0;
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) || !time_command (argv, report, timing))
    timing->seconds = 0;
  return timing->seconds > 0;
}

static double
megabytes (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0;
}

static void
remove_all (const char *dir,
            const char * const *paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *wal = g_strconcat (paths[i], "-wal", NULL);
      g_autofree char *shm = g_strconcat (paths[i], "-shm", NULL);
      g_remove (paths[i]);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (dir);
}

/* ---- bench analyze ---- */

/* splitmix64 and Box–Muller: normal numbers, the same on every machine. */
static double
bench_normal (guint64 *state)
{
  double u[2];

  for (guint h = 0; h < 2; h++)
    {
      guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
      z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
      z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
      u[h] = ((z ^ (z >> 31)) >> 11) * 0x1.0p-53 + 0x1.0p-54;
    }
  return sqrt (-2 * log (u[0])) * cos (2 * G_PI * u[1]);
}

/* Each feature to mean 0 and population standard deviation 1, as the analysis does. */
static void
standardize (double *x,
             guint   n,
             guint   dim)
{
  for (guint f = 0; f < dim; f++)
    {
      double mean = 0, sd = 0;

      for (guint i = 0; i < n; i++)
        mean += x[(gsize) i * dim + f] / n;
      for (guint i = 0; i < n; i++)
        sd += (x[(gsize) i * dim + f] - mean) * (x[(gsize) i * dim + f] - mean) / n;
      sd = sqrt (sd);
      for (guint i = 0; i < n; i++)
        x[(gsize) i * dim + f] = (x[(gsize) i * dim + f] - mean) / sd;
    }
}

/* The schools' features: five overlapping groups of unequal size (3:2:2:1:2)
 * and spread, standardized. */
static double *
bench_features (void)
{
  static const guint group_of[10] = { 0, 0, 0, 1, 1, 2, 2, 3, 4, 4 };
  double *x = g_new (double, (gsize) N_SCHOOLS * N_FEATURES);
  double centres[N_GROUPS][N_FEATURES];
  guint64 state = 2024;

  for (guint g = 0; g < N_GROUPS; g++)
    for (guint f = 0; f < N_FEATURES; f++)
      centres[g][f] = 1.6 * bench_normal (&state);
  for (guint s = 0; s < N_SCHOOLS; s++)
    {
      guint g = group_of[s * 7 % 10];
      for (guint f = 0; f < N_FEATURES; f++)
        x[(gsize) s * N_FEATURES + f] = centres[g][f] + (0.7 + 0.15 * g) * bench_normal (&state);
    }
  standardize (x, N_SCHOOLS, N_FEATURES);
  return x;
}

/* The points for the peer, digits enough to read back the same doubles. */
static gboolean
write_features (const char    *path,
                const double  *x,
                GError       **error)
{
  g_autoptr(GString) out = g_string_sized_new (N_SCHOOLS * N_FEATURES * 24);

  for (guint s = 0; s < N_SCHOOLS; s++)
    for (guint f = 0; f < N_FEATURES; f++)
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, x[(gsize) s * N_FEATURES + f]));
        g_string_append_c (out, f + 1 < N_FEATURES ? ',' : '\n');
      }
  return g_file_set_contents (path, out->str, out->len, error);
}

static gboolean
write_labels (const char      *path,
              const guint     *labels,
              GError         **error)
{
  g_autoptr(GString) out = g_string_sized_new (N_SCHOOLS * 2);

  for (guint s = 0; s < N_SCHOOLS; s++)
    g_string_append_printf (out, "%u\n", labels[s]);
  return g_file_set_contents (path, out->str, out->len, error);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One-start k = 4 fits with the seeds 0…N_FITS − 1: the median time and iterations. */
static void
time_single_fits (const double *x,
                  double       *seconds,
                  double       *iterations)
{
  double times[N_FITS], counts[N_FITS];

  for (guint seed = 0; seed < N_FITS; seed++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(OporaKmeansFit) fit = opora_kmeans_fit (x, N_SCHOOLS, N_FEATURES, 4, seed, 1, NULL);

      times[seed] = seconds_since (start);
      counts[seed] = fit->iterations;
    }
  qsort (times, N_FITS, sizeof (double), compare_doubles);
  qsort (counts, N_FITS, sizeof (double), compare_doubles);
  *seconds = times[N_FITS / 2];
  *iterations = counts[N_FITS / 2];
}

/* The value of "@key=…" in a peer's report, or 0. */
static double
reported_value (const char *text,
                const char *key)
{
  g_autofree char *prefix = g_strconcat (key, "=", NULL);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_ascii_strtod (lines[i] + strlen (prefix), NULL);
  return 0;
}

static char *
duration (double seconds)
{
  return seconds < 1 ? g_strdup_printf ("%.1f ms", seconds * 1e3) : g_strdup_printf ("%.2f s", seconds);
}

/* A row of the table; the ratio is the peer's time over ours. */
static void
print_analyze_row (const char *task,
                   double      ours,
                   const char *peer_name,
                   double      peer,
                   gboolean    ratio,
                   const char *target)
{
  g_autofree char *name = padded (task, 42);
  g_autofree char *a = duration (ours);
  g_autofree char *b = duration (peer);

  if (peer <= 0)
    g_print ("%s %10s   %-28s %10s   %s\n", name, a, peer_name, _("not installed"), target);
  else if (ratio)
    g_print ("%s %10s   %-28s %10s   %6.1f×  %s\n", name, a, peer_name, b, peer / ours, target);
  else
    g_print ("%s %10s   %-28s %10s   %7s  %s\n", name, a, peer_name, b, "", target);
}

/* What bench analyze measured of Opora. */
typedef struct {
  double          fit_seconds;      /* median of N_FITS one-start fits */
  double          fit_iterations;
  double          fit10_seconds;
  double          silhouette_seconds;
  double          sweep_seconds;
  double          silhouette;       /* of the fit of N_RESTARTS starts */
  OporaKmeansFit *fit;
  GPtrArray      *sweep;
} AnalyzeRun;

static void
analyze_run_clear (AnalyzeRun *run)
{
  g_clear_pointer (&run->fit, opora_kmeans_fit_free);
  g_clear_pointer (&run->sweep, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnalyzeRun, analyze_run_clear)

static gboolean
time_analysis (const double  *x,
               AnalyzeRun    *run,
               GError       **error)
{
  const guint k4 = 4;
  const guint *labels[1];
  gint64 start;

  time_single_fits (x, &run->fit_seconds, &run->fit_iterations);
  start = g_get_monotonic_time ();
  if (!(run->fit = opora_kmeans_fit (x, N_SCHOOLS, N_FEATURES, 4, 0, N_RESTARTS, error)))
    return FALSE;
  run->fit10_seconds = seconds_since (start);
  labels[0] = run->fit->labels;
  start = g_get_monotonic_time ();
  if (!opora_silhouette_many (x, N_SCHOOLS, N_FEATURES, 1, labels, &k4, &run->silhouette, NULL, NULL, error))
    return FALSE;
  run->silhouette_seconds = seconds_since (start);
  start = g_get_monotonic_time ();
  if (!(run->sweep = opora_kmeans_sweep (x, N_SCHOOLS, N_FEATURES, 2, 8, 0, N_RESTARTS, NULL, error)))
    return FALSE;
  run->sweep_seconds = seconds_since (start);
  return TRUE;
}

/* The table, then the numbers that show both sides computed the same things. */
static void
print_analysis (const AnalyzeRun *run,
                const char       *peer)
{
  {
    g_autofree char *task = padded (_("task"), 42);
    g_autofree char *opora = padded (_("Opora"), 10);
    g_autofree char *peer_head = padded (_("peer"), 28);
    g_print ("\n%s %s   %s %10s\n", task, opora, peer_head, _("peer time"));
  }
  print_analyze_row (_("k-means, k = 4, 1 start (median of 11)"), run->fit_seconds,
                     "KMeans(n_init=1)", reported_value (peer, "fit_seconds"), TRUE, _("(target: faster)"));
  print_analyze_row (_("k-means, k = 4, 10 starts"), run->fit10_seconds,
                     "KMeans(n_init=10)", reported_value (peer, "fit10_seconds"), TRUE, "");
  print_analyze_row (_("exact silhouette, k = 4, all schools"), run->silhouette_seconds,
                     "silhouette_score", reported_value (peer, "silhouette_seconds"), TRUE, "");
  print_analyze_row (_("k = 2…8: 10 starts each + silhouettes"), run->sweep_seconds,
                     _("the same on 10,000 schools"), reported_value (peer, "sweep_sample_seconds"), FALSE,
                     run->sweep_seconds <= 3 ? _("(target ≤ 3 s: met)") : _("(target ≤ 3 s: missed)"));

  if (peer != NULL)
    {
      g_print (_("Iterations of one start (median): Opora %.0f, scikit-learn %.0f.\n"),
               run->fit_iterations, reported_value (peer, "fit_iterations"));
      g_print (_("Inertia of the best of 10 starts: Opora %.6f, scikit-learn %.6f.\n"),
               run->fit->inertia, reported_value (peer, "fit10_inertia"));
      g_print (_("Silhouette of Opora's k = 4 clusters: Opora %.15f, scikit-learn %.15f.\n"),
               run->silhouette, reported_value (peer, "silhouette"));
    }
  else
    g_print (_("Iterations of one start (median): %.0f. Inertia of the best of 10 starts: %.6f.\n"),
             run->fit_iterations, run->fit->inertia);
  g_print (_("Silhouettes of the sweep:"));
  for (guint i = 0; i < run->sweep->len; i++)
    {
      OporaKmeansSweepRow *row = run->sweep->pdata[i];
      g_print (" k = %u: %.4f%s", row->k, row->silhouette, i + 1 < run->sweep->len ? "," : ".\n");
    }
}

static CliStatus
run_analyze_bench (void)
{
  g_autofree double *x = bench_features ();
  g_autofree char *dir = NULL, *csv = NULL, *labels = NULL, *report = NULL, *peer_text = NULL;
  g_auto(AnalyzeRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  Timing peer = { 0 };

  if (!(dir = g_dir_make_tmp (NULL, &error)))
    return cli_fail (g_steal_pointer (&error));
  csv = g_build_filename (dir, "features.csv", NULL);
  labels = g_build_filename (dir, "labels.txt", NULL);
  report = g_build_filename (dir, "peer.txt", NULL);
  g_print (_("Clustering %u schools × %u features (%u overlapping groups) on %u cores…\n"),
           N_SCHOOLS, N_FEATURES, N_GROUPS, g_get_num_processors ());
  if (!time_analysis (x, &run, &error) ||
      !write_features (csv, x, &error) || !write_labels (labels, run.fit->labels, &error))
    {
      remove_all (dir, (const char *[]) { csv, labels, NULL });
      return cli_fail (g_steal_pointer (&error));
    }

  g_print (_("Opora done; now scikit-learn (its exact silhouette takes about half a minute)…\n"));
  if (run_peer ("peer-sklearn.py", csv, labels, report, &peer))
    g_file_get_contents (report, &peer_text, NULL, NULL);
  print_analysis (&run, peer_text);
  remove_all (dir, (const char *[]) { csv, labels, report, NULL });
  return CLI_OK;
}

static CliStatus
run_phase (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = g_str_equal (argv[1], "--import") ? import_file (argv[2], argv[3], &error)
                                                  : export_file (argv[2], argv[3], &error);

  if (!ok)
    {
      g_printerr ("opora-cli bench: %s\n", error->message);
      return CLI_INPUT;
    }
  return CLI_OK;
}

static CliStatus
run_bench (CliGlobals *globals,
           int         argc,
           char      **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL, *xlsx = NULL, *db1 = NULL, *db2 = NULL, *out = NULL, *self = NULL;
  g_autofree char *report = NULL, *pandas_db = NULL;
  g_autoptr(GPtrArray) indicators = bench_indicators ();
  g_autoptr(GError) error = NULL;
  Timing t_csv = { 0 }, t_xlsx = { 0 }, t_export = { 0 }, p_csv = { 0 }, p_xlsx = { 0 }, p_export = { 0 };

  /* Internal: one timed phase in a child process, so its peak memory is its own. */
  if (argc == 4 && (g_str_equal (argv[1], "--import") || g_str_equal (argv[1], "--export")))
    return run_phase (argc, argv);
  if (argc == 2 && g_str_equal (argv[1], "analyze"))
    return run_analyze_bench ();
  if (argc == 2 && g_str_equal (argv[1], "plot"))
    return cli_plot_bench ();
  if (argc > 2 || (argc == 2 && !g_str_equal (argv[1], "import")))
    {
      g_printerr (_("opora-cli bench: the benchmarks are “opora-cli bench import”, “opora-cli bench analyze” and “opora-cli bench plot”.\n"));
      return CLI_USAGE;
    }
  if (!(dir = g_dir_make_tmp (NULL, &error)))
    return cli_fail (g_steal_pointer (&error));
  csv = g_build_filename (dir, "nation.csv", NULL);
  xlsx = g_build_filename (dir, "nation.xlsx", NULL);
  db1 = g_build_filename (dir, "csv.opora", NULL);
  db2 = g_build_filename (dir, "xlsx.opora", NULL);
  out = g_build_filename (dir, "export.xlsx", NULL);
  report = g_build_filename (dir, "peer.txt", NULL);
  pandas_db = g_build_filename (dir, "pandas.db", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);

  g_print (_("Generating %u schools × %u years × %u indicators in %s…\n"), N_SCHOOLS, N_YEARS, N_MEASURES, dir);
  if (!write_csv (csv, indicators, &error) || !write_xlsx (xlsx, indicators, &error))
    return cli_fail (g_steal_pointer (&error));

  {
    char *import_csv[] = { self, "bench", "--import", db1, csv, NULL };
    char *import_xlsx[] = { self, "bench", "--import", db2, xlsx, NULL };
    char *export_xlsx[] = { self, "bench", "--export", db1, out, NULL };

    if (!time_command (import_csv, NULL, &t_csv) || !time_command (import_xlsx, NULL, &t_xlsx) ||
        !time_command (export_xlsx, NULL, &t_export))
      {
        g_printerr (_("opora-cli bench: a timed run failed.\n"));
        return CLI_INPUT;
      }
  }
  g_print (_("Opora done; now the peers (openpyxl takes about half a minute)…\n"));
  run_peer ("peer-pandas-csv.py", csv, pandas_db, report, &p_csv);
  run_peer ("peer-openpyxl-read.py", xlsx, NULL, report, &p_xlsx);
  run_peer ("peer-xlsxwriter-write.py", csv, out, report, &p_export);

  {
    g_autofree char *task = padded (_("task"), 34);
    g_autofree char *opora = padded (_("Opora"), 10);
    g_autofree char *peak = padded (_("peak"), 9);
    g_autofree char *peer = padded (_("peer"), 24);
    g_print ("\n%s %s %s   %s %s\n", task, opora, peak, peer, _("peer time"));
  }
  print_row (_("CSV: read + check + commit"), &t_csv, &p_csv, "pandas read_csv+to_sql", 2);
  print_row (_("XLSX: read + check + commit"), &t_xlsx, &p_xlsx, "openpyxl read-only", 10);
  print_row (_("export all values to XLSX"), &t_export, &p_export, "Python xlsxwriter", 5);
  g_print (_("Files: CSV %.1f MB, XLSX %.1f MB; %u values. Peers time only their own work.\n"),
           megabytes (csv), megabytes (xlsx), N_SCHOOLS * N_YEARS * N_MEASURES);
  remove_all (dir, (const char *[]) { csv, xlsx, db1, db2, out, report, pandas_db, NULL });
  return CLI_OK;
}

const CliCommand cli_bench_commands[] = {
  { "bench", N_("Time import, export, k-means and the chart at nation size beside Python's tools"), run_bench },
  { NULL }
};
