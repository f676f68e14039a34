/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli plot: the cluster chart to PNG, SVG or PDF without a display; and opora-cli bench plot. */

#include "opora-cli.h"

#include "opora-analysis-store.h"
#include "opora-error.h"
#include "opora-plot-build.h"
#include "opora-plot-export.h"
#include "opora-plot-layout.h"
#include "opora-plot-render.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

static int opt_year, opt_width = 1600, opt_height = 1000;
static double opt_dpi = 96;
static gint64 opt_run;
static char *opt_model, *opt_x, *opt_y, *opt_out, *opt_title;
static gboolean opt_presentation, opt_dark, opt_no_grid, opt_no_shading, opt_no_labels;
static gboolean opt_arrows, opt_trajectories, opt_sizes;

/* The newest stored run of @year with @model (any model when @model is
 * negative): its id, 0 when there is none, -1 on error. */
static gint64
newest_run (OporaDb  *db,
            int       year,
            int       model,
            GError  **error)
{
  g_autoptr(GPtrArray) runs = opora_analysis_list (db, error);
  gint64 newest = 0;

  if (runs == NULL)
    return -1;
  for (guint i = 0; i < runs->len; i++)
    {
      const OporaRunInfo *r = runs->pdata[i];
      if (r->year == year && (model < 0 || (int) r->model == model) && r->id > newest)
        newest = r->id;
    }
  return newest;
}

/* The stored run asked for, else the newest of the year, else a fresh
 * unsaved analysis of the year. */
static OporaAnalysis *
find_analysis (OporaDb  *db,
               int       year,
               int       model,
               gint64    run,
               GError  **error)
{
  g_autoptr(OporaAnalysisParams) params = NULL;
  gint64 id = run;

  if (id == 0 && (id = newest_run (db, year, model, error)) < 0)
    return NULL;
  if (id > 0)
    return opora_analysis_load (db, id, error);
  if (!(params = opora_analysis_params_new (db, year, model < 0 ? OPORA_MODEL_QUADRANT : model, error)))
    return NULL;
  return opora_analysis_run (db, params, NULL, error);
}

/* Last year's analysis of the same model for the trajectories, or NULL
 * when that year has no data. */
static OporaAnalysis *
previous_analysis (OporaDb             *db,
                   const OporaAnalysis *analysis)
{
  g_autoptr(GError) error = NULL;
  OporaAnalysis *previous = find_analysis (db, analysis->params->year - 1, analysis->params->model, 0, &error);

  if (previous == NULL)
    g_printerr (_("opora-cli plot: no trajectories: %s\n"), error->message);
  return previous;
}

static void
apply_options (OporaPlotModel *model)
{
  model->options.scale = opt_presentation ? 1.5 : 1;
  model->options.dark = opt_dark;
  model->options.grid = !opt_no_grid;
  model->options.shading = !opt_no_shading;
  model->options.labels = !opt_no_labels;
  model->options.arrows = opt_arrows;
  model->options.trajectories = opt_trajectories;
  model->options.size_by_value = opt_sizes;
  if (opt_title != NULL)
    {
      g_free (model->title);
      model->title = g_strdup (opt_title);
    }
}

static CliStatus
check_usage (int *model)
{
  OporaPlotFormat format;
  OporaModel m;

  *model = -1;
  if (opt_year == 0 && opt_run == 0)
    {
      g_printerr (_("opora-cli plot: name the year, e.g. “opora-cli plot --year 2026 --out chart.png”.\n"));
      return CLI_USAGE;
    }
  if (opt_out == NULL || !opora_plot_format_from_path (opt_out, &format))
    {
      g_printerr (_("opora-cli plot: name the file with --out; it ends in .png, .svg or .pdf.\n"));
      return CLI_USAGE;
    }
  if (opt_model != NULL)
    {
      if (!opora_model_from_string (opt_model, &m))
        {
          g_printerr (_("opora-cli %s: the model is “quadrant”, “kmeans” or “regression”, not “%s”.\n"), "plot", opt_model);
          return CLI_USAGE;
        }
      *model = m;
    }
  if ((opt_x == NULL) != (opt_y == NULL))
    {
      g_printerr (_("opora-cli plot: give both axes, --x and --y, or neither (the indices).\n"));
      return CLI_USAGE;
    }
  return CLI_OK;
}

static CliStatus
run_plot (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The year to show (required)"), N_("YEAR") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &opt_model, N_("quadrant, kmeans or regression (default: the newest stored run)"), N_("MODEL") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &opt_run, N_("A stored analysis (see “opora-cli runs”)"), "N" },
    { "x", 0, 0, G_OPTION_ARG_STRING, &opt_x, N_("The indicator across (default: the context index)"), N_("KEY") },
    { "y", 0, 0, G_OPTION_ARG_STRING, &opt_y, N_("The indicator up (default: the results index)"), N_("KEY") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, N_("Width in pixels (default 1600)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, N_("Height in pixels (default 1000)"), "H" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &opt_dpi, N_("PNG: dots per inch; text grows with it (default 96)"), "D" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("Replace the title"), N_("TEXT") },
    { "presentation", 0, 0, G_OPTION_ARG_NONE, &opt_presentation, N_("Larger text and markers, for a meeting room"), NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &opt_dark, N_("A dark background"), NULL },
    { "arrows", 0, 0, G_OPTION_ARG_NONE, &opt_arrows, N_("Arrows from base schools to the schools they support"), NULL },
    { "trajectories", 0, 0, G_OPTION_ARG_NONE, &opt_trajectories, N_("Lines from last year’s positions"), NULL },
    { "size-by-pupils", 0, 0, G_OPTION_ARG_NONE, &opt_sizes, N_("Marker area by the number of pupils"), NULL },
    { "no-grid", 0, 0, G_OPTION_ARG_NONE, &opt_no_grid, N_("No grid lines"), NULL },
    { "no-shading", 0, 0, G_OPTION_ARG_NONE, &opt_no_shading, N_("No quadrant shading and names"), NULL },
    { "no-labels", 0, 0, G_OPTION_ARG_NONE, &opt_no_labels, N_("No school labels"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaAnalysis) analysis = NULL;
  g_autoptr(OporaAnalysis) previous = NULL;
  g_autoptr(OporaPlotModel) model = NULL;
  OporaPlotBuildOptions build = { NULL };
  GError *error = NULL;
  CliStatus status;
  int model_kind;

  if ((status = cli_parse_options (globals, "plot", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || (status = check_usage (&model_kind)))
    return argc > 1 ? CLI_USAGE : status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(analysis = find_analysis (db, opt_year, model_kind, opt_run, &error)))
    return cli_fail (error);
  if (opt_trajectories && (opt_x == NULL || g_str_equal (opt_x, OPORA_PLOT_AXIS_CONTEXT)))
    previous = previous_analysis (db, analysis);
  build = (OporaPlotBuildOptions) { opt_x, opt_y, previous };
  if (!(model = opora_plot_model_build (db, analysis, &build, &error)))
    return cli_fail (error);
  apply_options (model);
  if (!opora_plot_export (model, opt_out, opt_width, opt_height, opt_dpi, &error))
    return cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Chart of %u school written to %s (%d × %d).\n",
                       "Chart of %u schools written to %s (%d × %d).\n", model->points->len),
           model->points->len, opt_out, opt_width, opt_height);
  return CLI_OK;
}

/* ---- The benchmark ---- */

#define BENCH_POINTS   40000
#define BENCH_CLUSTERS 6
#define BENCH_WIDTH    1600
#define BENCH_HEIGHT   1000

/* splitmix64 and Box–Muller: the same points on every machine. */
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

/* The benchmark's chart: 40 000 schools in six overlapping clusters on the
 * two indices, one in ten a school to support and one in ten a base school,
 * all of them with a label, so labelling does its full work. */
static OporaPlotModel *
bench_model (void)
{
  OporaPlotModel *model = opora_plot_model_new ();
  guint64 state = 2026;
  double centres[BENCH_CLUSTERS][2];

  g_free (model->title);
  model->title = g_strdup (_("Clusters of schools by k-means"));
  model->subtitle = g_strdup_printf ("%u × %u", BENCH_POINTS, BENCH_CLUSTERS);
  model->source = g_strdup ("opora-cli bench plot");
  g_free (model->x.title);
  g_free (model->y.title);
  model->x.title = g_strdup (_("Context index (higher: more favourable)"));
  model->y.title = g_strdup (_("Results index (higher: better)"));
  for (guint c = 0; c < BENCH_CLUSTERS; c++)
    {
      g_autofree char *name = g_strdup_printf (_("Cluster %u"), c + 1);
      opora_plot_model_add_series (model, name, c);
      centres[c][0] = 1.5 * bench_normal (&state);
      centres[c][1] = 1.5 * bench_normal (&state);
    }
  for (guint i = 0; i < BENCH_POINTS; i++)
    {
      guint c = i * 7 % BENCH_CLUSTERS;
      double x = centres[c][0] + 0.8 * bench_normal (&state), y = centres[c][1] + 0.8 * bench_normal (&state);
      guint flags = i % 10 == 3 ? OPORA_PLOT_POINT_PROBLEM : i % 10 == 7 ? OPORA_PLOT_POINT_BASE : 0;
      g_autofree char *label = g_strdup_printf ("СОШ № %u", i + 1);
      OporaPlotPoint *p = opora_plot_model_get_point (model, opora_plot_model_add_point (model, x, y, c, flags, label));

      p->id = i + 1;
      p->label_priority = flags != 0 ? 1 + i % 97 : 0;
    }
  return model;
}

static gboolean
write_points (const char            *path,
              const OporaPlotModel  *model,
              GError               **error)
{
  g_autoptr(GString) out = g_string_sized_new (model->points->len * 40);

  g_string_append (out, "x,y,cluster\n");
  for (guint i = 0; i < model->points->len; i++)
    {
      const OporaPlotPoint *p = &g_array_index (model->points, OporaPlotPoint, i);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%s,%s,%u\n", g_ascii_dtostr (x, sizeof x, p->x),
                              g_ascii_dtostr (y, sizeof y, p->y), p->series + 1);
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

typedef struct {
  double render, layout, draw;   /* medians, seconds */
  double hit_mean, hit_worst;    /* seconds per query */
  double png, svg, pdf;          /* export to a file: medians */
} PlotTimes;

#define N_FRAMES  21
#define N_EXPORTS 5
#define N_HITS    100000

static void
time_frames (OporaPlotModel *model,
             PlotTimes      *t)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BENCH_WIDTH, BENCH_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double render[N_FRAMES], layout[N_FRAMES], draw[N_FRAMES];

  for (guint i = 0; i < N_FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time (), laid;
      g_autoptr(OporaPlotLayout) l = opora_plot_layout_new (model, BENCH_WIDTH, BENCH_HEIGHT);

      laid = g_get_monotonic_time ();
      opora_plot_layout_draw (l, cr);
      cairo_surface_flush (surface);
      render[i] = (g_get_monotonic_time () - start) / 1e6;
      layout[i] = (laid - start) / 1e6;
      draw[i] = (g_get_monotonic_time () - laid) / 1e6;
    }
  t->render = median (render, N_FRAMES);
  t->layout = median (layout, N_FRAMES);
  t->draw = median (draw, N_FRAMES);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Seconds on the monotonic clock, to the nanosecond (GLib's is to the microsecond). */
static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 100 000 pointer positions over the plot, as a hover would send them; the
 * mean and the 99.9th percentile (the slowest one alone is the scheduler's). */
static void
time_hits (OporaPlotModel *model,
           PlotTimes      *t)
{
  g_autoptr(OporaPlotLayout) layout = opora_plot_layout_new (model, BENCH_WIDTH, BENCH_HEIGHT);
  g_autofree double *times = g_new (double, N_HITS);
  guint64 state = 7;
  double total = 0;

  for (guint i = 0; i < N_HITS; i++)
    {
      double x = layout->plot.x + fmod (fabs (bench_normal (&state)) * 1e6, layout->plot.width);
      double y = layout->plot.y + fmod (fabs (bench_normal (&state)) * 1e6, layout->plot.height);
      double start = now ();

      opora_plot_layout_point_at (layout, x, y);
      times[i] = now () - start;
      total += times[i];
    }
  t->hit_mean = total / N_HITS;
  qsort (times, N_HITS, sizeof (double), compare_doubles);
  t->hit_worst = times[N_HITS - N_HITS / 1000];
}

static gboolean
time_exports (OporaPlotModel  *model,
              const char      *dir,
              PlotTimes       *t,
              GError         **error)
{
  static const char *names[] = { "opora.png", "opora.svg", "opora.pdf" };
  double *results[] = { &t->png, &t->svg, &t->pdf };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = g_build_filename (dir, names[f], NULL);
      double times[N_EXPORTS];

      for (guint i = 0; i < N_EXPORTS; i++)
        {
          gint64 start;

          /* A new file each time, as savefig writes: replacing one makes
           * g_file_set_contents() sync it to disk first. */
          g_remove (path);
          start = g_get_monotonic_time ();
          if (!opora_plot_export (model, path, BENCH_WIDTH, BENCH_HEIGHT, 96, error))
            return FALSE;
          times[i] = (g_get_monotonic_time () - start) / 1e6;
        }
      *results[f] = median (times, N_EXPORTS);
      g_remove (path);
    }
  return TRUE;
}

/* Runs the matplotlib peer on @csv; its report, or NULL when it could not run. */
static char *
run_matplotlib (const char *csv,
                const char *dir)
{
  const char *bench_dir = g_getenv ("OPORA_BENCH_DIR");
  g_autofree char *script = g_build_filename (bench_dir ? bench_dir : BENCH_DIR, "peer-matplotlib.py", NULL);
  char *argv[] = { "/usr/bin/python3", script, (char *) csv, (char *) dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE) ||
      !g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      if (err != NULL && *err != '\0')
        g_printerr ("%s", err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static double
reported (const char *text,
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
milliseconds (double seconds)
{
  return seconds <= 0 ? g_strdup ("—") : seconds < 0.001 ? g_strdup_printf ("%.1f µs", seconds * 1e6)
                                                          : g_strdup_printf ("%.1f ms", seconds * 1e3);
}

static char *
padded_to (const char *text,
           glong       width)
{
  GString *out = g_string_new (text);

  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/* A row: ours, the peer's, and the target with whether it was met: a
 * time limit when @limit > 0, else the peer's time over ours against
 * @ratio when @ratio > 0, else none. */
static void
print_row (const char *task,
           double      ours,
           double      peer,
           double      limit,
           double      ratio)
{
  g_autofree char *name = padded_to (task, 42);
  g_autofree char *a = milliseconds (ours), *b = milliseconds (peer);
  g_autofree char *target = NULL;

  if (limit > 0)
    {
      g_autofree char *limit_text = milliseconds (limit);
      target = g_strdup_printf (ours <= limit ? _("≤ %s: met") : _("≤ %s: missed"), limit_text);
    }
  else if (ratio > 0 && peer > 0)
    target = g_strdup_printf (peer / ours >= ratio ? _("%.1f× (target %.0f×): met") : _("%.1f× (target %.0f×): missed"),
                              peer / ours, ratio);
  else if (ratio > 0)
    target = g_strdup (_("matplotlib not installed"));
  else
    target = g_strdup ("");
  g_print ("%s %10s %12s   %s\n", name, a, b, target);
}

static void
print_times (const PlotTimes *t,
             const char      *peer)
{
  g_autofree char *task = padded_to (_("task"), 42);

  g_print ("\n%s %10s %12s   %s\n", task, _("Opora"), "matplotlib", _("target"));
  print_row (_("frame: layout + drawing, 40 000 points"), t->render, 0, 0.016, 0);
  print_row (_("  layout (scales, ticks, labels, grid)"), t->layout, 0, 0, 0);
  print_row (_("  drawing (a repaint without a resize)"), t->draw, 0, 0, 0);
  print_row (_("hover hit-test, mean of 100 000"), t->hit_mean, 0, 0.001, 0);
  print_row (_("hover hit-test, 99.9th percentile"), t->hit_worst, 0, 0.001, 0);
  print_row (_("export PNG"), t->png, reported (peer, "png_seconds"), 0, 5);
  print_row (_("export SVG"), t->svg, reported (peer, "svg_seconds"), 0, 5);
  print_row (_("export PDF"), t->pdf, reported (peer, "pdf_seconds"), 0, 5);
  g_print (_("Opora: medians of %u frames and %u exports of each format, files written; "
             "matplotlib: medians of three savefig calls each, after one to warm up.\n"),
           N_FRAMES, N_EXPORTS);
}

/**
 * cli_plot_bench:
 *
 * Times the chart on 40 000 points: a frame into an image surface, hover
 * hit-tests, and exports to PNG, SVG and PDF beside matplotlib's savefig
 * on the same points (build-aux/bench/peer-matplotlib.py). Prints a table.
 *
 * Returns: %CLI_OK, or %CLI_INPUT when a file could not be written
 */
CliStatus
cli_plot_bench (void)
{
  g_autoptr(OporaPlotModel) model = bench_model ();
  g_autofree char *dir = NULL, *csv = NULL, *peer = NULL;
  g_autoptr(GError) error = NULL;
  PlotTimes t = { 0 };

  if (!(dir = g_dir_make_tmp (NULL, &error)))
    return cli_fail (g_steal_pointer (&error));
  csv = g_build_filename (dir, "points.csv", NULL);
  g_print (_("Drawing %u points in %u clusters at %u × %u…\n"), BENCH_POINTS, BENCH_CLUSTERS, BENCH_WIDTH, BENCH_HEIGHT);
  time_frames (model, &t);
  time_hits (model, &t);
  if (!time_exports (model, dir, &t, &error) || !write_points (csv, model, &error))
    {
      g_remove (csv);
      g_rmdir (dir);
      return cli_fail (g_steal_pointer (&error));
    }
  g_print (_("Opora done; now matplotlib (about ten seconds)…\n"));
  peer = run_matplotlib (csv, dir);
  print_times (&t, peer);
  g_remove (csv);
  g_rmdir (dir);
  return CLI_OK;
}

const CliCommand cli_plot_commands[] = {
  { "plot", N_("Draw the cluster chart of a year to PNG, SVG or PDF"), run_plot },
  { NULL }
};
