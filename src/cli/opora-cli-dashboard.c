/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli dashboard: the year's key figures, ranking, outcome and programs behind, as text, JSON, PDF or Excel. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-cli.h"
#include "opora-dashboard.h"
#include "opora-number.h"
#include "opora-plot-dashboard.h"
#include "opora-program.h"

static int opt_year;
static char *opt_pdf, *opt_xlsx, *opt_today;

static GOptionEntry dashboard_entries[] = {
  { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The school year by its exams, e.g. 2026 for 2025/26 (default: the latest analysed)"), N_("YEAR") },
  { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opt_pdf, N_("Write the dashboard as one A4 page (.pdf, or .png for a preview)"), N_("FILE") },
  { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &opt_xlsx, N_("Write the dashboard’s tables as a workbook"), N_("FILE.xlsx") },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today, N_("The date to judge overdue measures by (default: today)"), N_("YYYY-MM-DD") },
  { NULL }
};

static char *
number_text (double value,
             int    decimals,
             gboolean sign)
{
  g_autofree char *number = opora_number_format (value, decimals, OPORA_NUMBER_FORMAT_GROUP);

  return sign && isfinite (value) && value > 0 ? g_strconcat ("+", number, NULL) : g_steal_pointer (&number);
}

static void
print_figures (const OporaDashboard *d)
{
  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    {
      const OporaFigure *f = &d->figures[i];
      int decimals = f->kind == OPORA_FIGURE_ON_TIME ? 1 : 0;
      g_autofree char *value = number_text (f->value, decimals, FALSE);
      g_autofree char *previous = number_text (f->previous, decimals, FALSE);
      g_autofree char *change = number_text (f->change, decimals, TRUE);

      g_print ("%s\t%s\t%s\t%s%s\n", opora_figure_label (f->kind), value, previous, change,
               !isfinite (f->change) || f->change == 0 ? "" : opora_figure_is_good (f) ? _(" (better)") : _(" (worse)"));
    }
}

static void
print_text (const OporaDashboard *d)
{
  g_autofree char *year = opora_school_year_label (d->year);

  g_print (_("Dashboard of the school year %s\n"), year);
  print_figures (d);
  for (guint i = 0; i < d->levels->len; i++)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];
      g_print ("%s\t%u\t%u\n", l->name, l->count, l->previous);
    }
  for (guint i = 0; i < d->ranking->len; i++)
    {
      const OporaDashboardRank *r = d->ranking->pdata[i];
      g_print ("%u\t%s\t%s\t%g\t%s\n", i + 1, r->name, opora_role_label (r->role), r->total,
               r->level_name != NULL ? r->level_name : "—");
    }
  for (guint i = 0; i < d->outcome->len; i++)
    {
      const OporaDashboardOutcome *o = d->outcome->pdata[i];
      g_autofree char *diff = number_text (o->difference, 2, TRUE);
      g_print (_("Outcome, %s: %u supported, %u others, difference %s\n"), o->name ? o->name : "—",
               o->n_supported, o->n_other, diff);
    }
  for (guint i = 0; i < d->behind->len; i++)
    {
      const OporaDashboardBehind *b = d->behind->pdata[i];
      g_print (_("Behind: %s\t%s\t%u of %u overdue\n"), b->school_code, b->school_name, b->n_overdue, b->n_measures);
    }
}

static CliStatus
write_files (const OporaDashboard *d)
{
  GError *error = NULL;

  if (opt_pdf != NULL)
    {
      if (!opora_plot_dashboard_export (d, opt_pdf, &error))
        return cli_fail (error);
      g_printerr (_("Dashboard written to %s.\n"), opt_pdf);
    }
  if (opt_xlsx != NULL)
    {
      if (!opora_dashboard_export_xlsx (d, opt_xlsx, &error))
        return cli_fail (error);
      g_printerr (_("Dashboard written to %s.\n"), opt_xlsx);
    }
  return CLI_OK;
}

static CliStatus
run_dashboard (CliGlobals *globals,
               int         argc,
               char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaDashboard) d = NULL;
  GError *error = NULL;
  CliStatus status;
  int year;

  if ((status = cli_parse_options (globals, "dashboard", NULL, dashboard_entries, &argc, &argv)))
    return status;
  if (argc > 1)
    {
      g_printerr (_("opora-cli %s: takes no arguments.\n"), "dashboard");
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if ((year = opt_year) == 0 && (year = opora_dashboard_default_year (db, &error)) <= 0)
    {
      if (error != NULL)
        return cli_fail (error);
      g_printerr (_("opora-cli dashboard: no analysis yet; run “opora-cli analyze --year YEAR” or give --year.\n"));
      return CLI_INPUT;
    }
  d = opt_today != NULL ? opora_dashboard_compute_on (db, year, opt_today, &error)
                        : opora_dashboard_compute (db, year, &error);
  if (d == NULL)
    return cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = opora_dashboard_to_json (d);
      cli_print_json (node);
    }
  else if (opt_pdf == NULL && opt_xlsx == NULL)
    print_text (d);
  return write_files (d);
}

const CliCommand cli_dashboard_commands[] = {
  { "dashboard", N_("The year’s key figures, ranking and outcome: text, JSON, PDF or Excel"), run_dashboard },
  { NULL }
};
