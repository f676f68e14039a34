/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli plot: the cluster chart to PNG, SVG or PDF without a display. */

#include "opora-cli.h"

#include "opora-analysis-store.h"
#include "opora-plot-build.h"
#include "opora-plot-export.h"

#include <glib/gi18n.h>

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
          g_printerr (_("opora-cli plot: the model is “quadrant” or “kmeans”, not “%s”.\n"), opt_model);
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
    { "model", 0, 0, G_OPTION_ARG_STRING, &opt_model, N_("quadrant or kmeans (default: the newest stored run)"), N_("MODEL") },
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
  g_print (_("Chart of %u schools written to %s (%d × %d).\n"), model->points->len, opt_out, opt_width, opt_height);
  return CLI_OK;
}

const CliCommand cli_plot_commands[] = {
  { "plot", N_("Draw the cluster chart of a year to PNG, SVG or PDF"), run_plot },
  { NULL }
};
