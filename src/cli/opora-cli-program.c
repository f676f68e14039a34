/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli program and templates: support programs (road maps) from the command line. */

#include <glib/gi18n.h>
#include <stdlib.h>

#include "opora-cli.h"
#include "opora-error.h"
#include "opora-json.h"
#include "opora-program-export.h"
#include "opora-program-journal.h"
#include "opora-program-score.h"
#include "opora-program-template.h"
#include "opora-program.h"
#include "opora-school.h"

/* The options of every subcommand; each takes the ones it needs. */
static int opt_year;
static char *opt_school, *opt_template, *opt_today, *opt_out, *opt_title_text;
static gboolean opt_all;
static char *opt_fields[OPORA_N_FIELDS];
static char *opt_goal, *opt_status_program, *opt_base, *opt_last_year;

static GOptionEntry program_entries[] = {
  { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The school year by its exams, e.g. 2026 for 2025/26"), N_("YEAR") },
  { "school", 0, 0, G_OPTION_ARG_STRING, &opt_school, N_("The school, by its code"), N_("CODE") },
  { "template", 0, 0, G_OPTION_ARG_STRING, &opt_template, N_("A template, by its name (see “opora-cli templates”)"), N_("NAME") },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today, N_("The date to judge overdue measures by (default: today)"), N_("YYYY-MM-DD") },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, N_("The workbook to write"), N_("FILE.xlsx") },
  { "all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, N_("Every program (of --year, if given)"), NULL },
  { "stage", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_STAGE], N_("Stage or section heading"), N_("TEXT") },
  { "direction", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_DIRECTION], N_("pupils, network, methodical, resource, management or teachers"), N_("KEY") },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_TITLE], N_("What is to be done"), N_("TEXT") },
  { "start", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_START], N_("Start date"), N_("YYYY-MM-DD") },
  { "end", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_END], N_("End date"), N_("YYYY-MM-DD") },
  { "responsible", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_RESPONSIBLE], N_("Responsible persons"), N_("TEXT") },
  { "participants", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_PARTICIPANTS], N_("Participants"), N_("TEXT") },
  { "count", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_N_PARTICIPANTS], N_("Number of participants"), N_("N") },
  { "target", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_TARGET], N_("management, association, teachers, pupils or parents"), N_("KEY") },
  { "report", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_REPORT_FORM], N_("Form of the report"), N_("TEXT") },
  { "status", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_STATUS], N_("planned, in-progress, done or cancelled"), N_("KEY") },
  { "done", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_DONE_DATE], N_("Date done (empty to clear)"), N_("YYYY-MM-DD") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_NOTE], N_("Note"), N_("TEXT") },
  { "cyclic", 0, 0, G_OPTION_ARG_STRING, &opt_fields[OPORA_FIELD_CYCLIC], N_("yes if the measure repeats through the year"), N_("yes|no") },
  { "goal", 0, 0, G_OPTION_ARG_STRING, &opt_goal, N_("The program’s goal"), N_("TEXT") },
  { "program-status", 0, 0, G_OPTION_ARG_STRING, &opt_status_program, N_("active, completed or suspended"), N_("KEY") },
  { "base", 0, 0, G_OPTION_ARG_STRING, &opt_base, N_("The base school, by its code (empty for none)"), N_("CODE") },
  { "last-year", 0, 0, G_OPTION_ARG_STRING, &opt_last_year, N_("The program’s last school year"), N_("YEAR") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_title_text, N_("The new template’s title"), N_("TEXT") },
  { NULL }
};

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return opt_today != NULL ? g_strdup (opt_today) : g_date_time_format (now, "%Y-%m-%d");
}

static void
program_to_json (JsonBuilder        *b,
                 const OporaProgram *p,
                 guint               n_overdue)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "id", p->id);
  opora_json_add_string (b, "school", p->school_code);
  opora_json_add_string (b, "school_name", p->school_name);
  opora_json_add_int (b, "first_year", p->first_year);
  opora_json_add_int (b, "last_year", p->last_year);
  opora_json_add_string (b, "goal", p->goal);
  opora_json_add_string (b, "status", opora_program_status_to_string (p->status));
  opora_json_add_string (b, "base_school", p->base_code);
  opora_json_add_string (b, "template", p->template_name);
  opora_json_add_int (b, "run", p->run_id);
  opora_json_add_int (b, "measures", p->n_measures);
  opora_json_add_int (b, "done", p->n_done);
  opora_json_add_int (b, "overdue", n_overdue);
}

static void
measure_to_json (JsonBuilder        *b,
                 const OporaMeasure *m,
                 const char         *today)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "id", m->id);
  opora_json_add_int (b, "program", m->program_id);
  opora_json_add_int (b, "position", m->position);
  opora_json_add_string (b, "stage", m->stage);
  opora_json_add_string (b, "direction", m->direction != OPORA_DIRECTION_NONE ? opora_direction_to_string (m->direction) : NULL);
  opora_json_add_string (b, "title", m->title);
  opora_json_add_string (b, "start", m->start);
  opora_json_add_string (b, "end", m->end);
  opora_json_add_string (b, "responsible", m->responsible);
  opora_json_add_string (b, "participants", m->participants);
  opora_json_add_int (b, "n_participants", m->n_participants);
  opora_json_add_string (b, "target", opora_target_to_string (m->target));
  opora_json_add_string (b, "report_form", m->report_form);
  opora_json_add_string (b, "status", opora_measure_status_to_string (m->status));
  opora_json_add_string (b, "done_date", m->done_date);
  opora_json_add_string (b, "note", m->note);
  json_builder_set_member_name (b, "cyclic");
  json_builder_add_boolean_value (b, m->cyclic);
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, opora_measure_is_overdue (m, today));
  json_builder_end_object (b);
}

static CliStatus
program_list (CliGlobals *globals,
              OporaDb    *db)
{
  g_autofree char *today = today_text ();
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!(programs = opora_program_list (db, opt_year, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  if (!globals->json && programs->len == 0)
    g_print (_("No programs yet: run “opora-cli program create --school CODE --year YEAR”.\n"));
  for (guint i = 0; i < programs->len; i++)
    {
      OporaProgram *p = programs->pdata[i];
      g_autoptr(GPtrArray) measures = opora_program_measures (db, p->id, &error);
      g_autofree char *year = opora_school_year_label (p->first_year);
      guint overdue;

      if (measures == NULL)
        return cli_fail (error);
      overdue = opora_program_count_overdue (measures, today);
      program_to_json (b, p, overdue);
      json_builder_end_object (b);
      if (!globals->json)
        g_print (_("%lld\t%s\t%s\t%s\t%u/%u done\t%u overdue\tbase: %s\n"), (long long) p->id, p->school_code, year,
                 opora_program_status_label (p->status), p->n_done, p->n_measures, overdue,
                 p->base_code != NULL ? p->base_code : "—");
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  return CLI_OK;
}

static void
print_measure (const OporaMeasure *m,
               const char         *today)
{
  g_print ("%lld\t%d\t%s…%s\t%s%s\t%s\n", (long long) m->id, m->position, m->start, m->end,
           opora_measure_status_label (m->status),
           opora_measure_is_overdue (m, today) ? _(" — OVERDUE") : "", m->title);
}

static CliStatus
program_show (CliGlobals *globals,
              OporaDb    *db,
              gint64      id)
{
  g_autofree char *today = today_text ();
  g_autoptr(OporaProgram) p = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *year = NULL;
  const char *stage = NULL;
  GError *error = NULL;

  if (!(p = opora_program_get (db, id, &error)) || !(measures = opora_program_measures (db, id, &error)))
    return cli_fail (error);
  if (globals->json)
    {
      program_to_json (b, p, opora_program_count_overdue (measures, today));
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < measures->len; i++)
        measure_to_json (b, measures->pdata[i], today);
      json_builder_end_array (b);
      json_builder_end_object (b);
      cli_print_builder (b);
      return CLI_OK;
    }
  year = opora_school_year_label (p->first_year);
  g_print (_("Program %lld: %s %s, %s\nGoal: %s\nBase school: %s\n"), (long long) p->id, p->school_code,
           p->school_name, year, p->goal, p->base_name != NULL ? p->base_name : "—");
  for (guint i = 0; i < measures->len; i++)
    {
      OporaMeasure *m = measures->pdata[i];
      if (stage == NULL || !g_str_equal (stage, m->stage))
        g_print ("\n%s\n", *(stage = m->stage) != '\0' ? stage : "—");
      print_measure (m, today);
    }
  return CLI_OK;
}

static CliStatus
program_create (OporaDb *db)
{
  GError *error = NULL;
  gint64 school, id;

  if (opt_school == NULL || opt_year == 0)
    return cli_usage ("program", _("say which school and year, e.g. “opora-cli program create --school 0012 --year 2026”."));
  if (!(school = opora_school_find_code (db, opt_school, &error)) ||
      !(id = opora_program_create (db, school, opt_year, opt_template, &error)))
    return cli_fail (error);
  g_print (_("Program %lld created.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
program_from_run (OporaDb    *db,
                  const char *run)
{
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  gint64 run_id = cli_parse_id (run);

  if (run_id == 0)
    return cli_usage ("program", _("say which analysis, e.g. “opora-cli program from-run 3 --template armavir”."));
  if (!(ids = opora_program_create_from_run (db, run_id, opt_template, &error)))
    return cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u program created.\n", "%u programs created.\n", ids->len), ids->len);
  return CLI_OK;
}

/* Applies every field option given to @m. */
static gboolean
apply_options (OporaMeasure  *m,
               guint         *n,
               GError       **error)
{
  for (guint f = 0; f < OPORA_N_FIELDS; f++)
    {
      if (opt_fields[f] == NULL)
        continue;
      if (!opora_measure_apply (m, f, opt_fields[f], error))
        return FALSE;
      (*n)++;
    }
  return TRUE;
}

/* Every field given, as one undoable edit. */
static CliStatus
measure_edit (OporaDb *db,
              gint64   id)
{
  g_autoptr(OporaMeasure) m = NULL;
  GError *error = NULL;
  guint n = 0;

  if (!(m = opora_measure_get (db, id, &error)) || !apply_options (m, &n, &error))
    return cli_fail (error);
  if (n == 0)
    return cli_usage ("program", _("say what to change, e.g. “--status done --done 2025-10-20”."));
  /* Marked done without a date: done today (--today when given). */
  if (m->status == OPORA_MEASURE_DONE && m->done_date == NULL && opt_fields[OPORA_FIELD_DONE_DATE] == NULL)
    m->done_date = today_text ();
  if (!opora_measure_update (db, m, &error))
    return cli_fail (error);
  g_print (_("Measure %lld changed.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
measure_add (OporaDb *db,
             gint64   program_id)
{
  g_autoptr(OporaMeasure) m = g_new0 (OporaMeasure, 1);
  GError *error = NULL;
  guint n = 0;
  gint64 id;

  m->target = OPORA_TARGET_TEACHERS;
  if (opt_fields[OPORA_FIELD_TITLE] == NULL || opt_fields[OPORA_FIELD_START] == NULL ||
      opt_fields[OPORA_FIELD_END] == NULL)
    return cli_usage ("program", _("a measure needs --title, --start and --end."));
  if (!apply_options (m, &n, &error) || !(id = opora_measure_add (db, program_id, m, &error)))
    return cli_fail (error);
  g_print (_("Measure %lld added.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
program_measure (OporaDb  *db,
                 int       argc,
                 char    **argv)
{
  GError *error = NULL;
  gint64 id = argc > 3 ? cli_parse_id (argv[3]) : 0;
  gint64 other;

  if (argc < 4 || id == 0)
    return cli_usage ("program", _("say what to do with which measure, e.g. “opora-cli program measure edit 12 --status done”."));
  if (g_str_equal (argv[2], "add"))
    return measure_add (db, id);
  if (g_str_equal (argv[2], "edit"))
    return measure_edit (db, id);
  if (g_str_equal (argv[2], "delete") && opora_measure_delete (db, id, &error))
    g_print (_("Measure %lld deleted. “opora-cli program undo” brings it back.\n"), (long long) id);
  else if (g_str_equal (argv[2], "duplicate") && (other = opora_measure_duplicate (db, id, &error)))
    g_print (_("Measure %lld is a copy of %lld.\n"), (long long) other, (long long) id);
  else if (g_str_equal (argv[2], "move") && argc == 5 && opora_measure_move (db, id, atoi (argv[4]), &error))
    g_print (_("Measure %lld moved.\n"), (long long) id);
  else if (g_str_equal (argv[2], "transfer") && argc == 5 &&
           opora_measure_transfer (db, id, cli_parse_id (argv[4]), &error))
    g_print (_("Measure %lld moved to program %s.\n"), (long long) id, argv[4]);
  else if (error != NULL)
    return cli_fail (error);
  else
    return cli_usage ("program", _("use “measure add PROGRAM”, “measure edit|delete|duplicate ID”, “measure move ID POSITION” "
                    "or “measure transfer ID PROGRAM”."));
  return CLI_OK;
}

static CliStatus
program_set (OporaDb *db,
             gint64   id)
{
  const char *values[] = { opt_goal, opt_status_program, opt_base, opt_last_year };
  GError *error = NULL;
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (values); f++)
    if (values[f] != NULL && ++n && !opora_program_set (db, id, f, values[f], &error))
      return cli_fail (error);
  if (n == 0)
    return cli_usage ("program", _("say what to change: --goal, --program-status, --base or --last-year."));
  g_print (_("Program %lld changed.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
undo_redo (OporaDb  *db,
           gboolean  redo)
{
  g_autofree char *label = NULL;
  GError *error = NULL;

  if (!(redo ? opora_program_redo (db, &label, &error) : opora_program_undo (db, &label, &error)))
    return cli_fail (error);
  g_print (redo ? _("Redone: %s.\n") : _("Undone: %s.\n"), label);
  return CLI_OK;
}

static CliStatus
program_due (CliGlobals *globals,
             OporaDb    *db)
{
  g_autofree char *today = today_text ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!(due = opora_program_due (db, today, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < due->len; i++)
    {
      OporaMeasure *m = due->pdata[i];
      g_autoptr(OporaProgram) p = opora_program_get (db, m->program_id, NULL);

      measure_to_json (b, m, today);
      if (!globals->json)
        {
          g_print ("%s\t", p != NULL ? p->school_code : "?");
          print_measure (m, today);
        }
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  else if (due->len == 0)
    g_print (_("Nothing is due this month.\n"));
  return CLI_OK;
}

static void
score_to_json (JsonBuilder             *b,
               const OporaProgramScore *s)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "program", s->program_id);
  for (guint c = 0; c < OPORA_N_CRITERIA; c++)
    {
      json_builder_set_member_name (b, opora_criterion_key (c));
      json_builder_begin_object (b);
      opora_json_add_int (b, "score", s->criteria[c].score);
      opora_json_add_int (b, "value", s->criteria[c].value);
      opora_json_add_int (b, "of", s->criteria[c].of);
      json_builder_end_object (b);
    }
  opora_json_add_int (b, "total", s->total);
  opora_json_add_string (b, "light", opora_light_key (s->light));
  opora_json_add_string (b, "status", opora_light_label (s->light));
  json_builder_end_object (b);
}

static void
print_score (const OporaProgramScore *s)
{
  g_print (_("Program %lld: %d of 16, %s\n"), (long long) s->program_id, s->total, opora_light_label (s->light));
  for (guint c = 0; c < OPORA_N_CRITERIA; c++)
    {
      const OporaCriterionScore *k = &s->criteria[c];
      if (k->of > 0)
        g_print ("  %d  %s (%d/%d)\n", k->score, opora_criterion_label (c), k->value, k->of);
      else
        g_print ("  %d  %s (%d)\n", k->score, opora_criterion_label (c), k->value);
    }
}

static void
print_rollups (OporaDb *db,
               GArray  *scores)
{
  g_autoptr(GArray) by_base = opora_program_score_by_base (scores);
  OporaScoreRollup all;

  for (guint i = 0; i < by_base->len; i++)
    {
      OporaScoreRollup *r = &g_array_index (by_base, OporaScoreRollup, i);
      g_autoptr(OporaSchool) base = r->base_school_id > 0 ? opora_school_get (db, r->base_school_id, NULL) : NULL;

      g_print (_("Base school %s: programs: %u, mean score %.1f; on track %u, needs attention %u, at risk %u\n"),
               base != NULL ? base->code : "—", r->n_programs, r->mean_total,
               r->n_lights[OPORA_LIGHT_GREEN], r->n_lights[OPORA_LIGHT_YELLOW], r->n_lights[OPORA_LIGHT_RED]);
    }
  opora_program_score_total (scores, &all);
  g_print (_("Municipality: programs: %u, mean score %.1f; on track %u, needs attention %u, at risk %u\n"),
           all.n_programs, all.mean_total,
           all.n_lights[OPORA_LIGHT_GREEN], all.n_lights[OPORA_LIGHT_YELLOW], all.n_lights[OPORA_LIGHT_RED]);
}

static CliStatus
program_score (CliGlobals *globals,
               OporaDb    *db,
               gint64      id)
{
  g_autofree char *today = today_text ();
  g_autoptr(GArray) scores = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  gboolean found = FALSE;

  if (!(scores = opora_program_score_all (db, opt_year, today, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < scores->len; i++)
    {
      OporaProgramScore *s = &g_array_index (scores, OporaProgramScore, i);
      if (id > 0 && s->program_id != id)
        continue;
      found = TRUE;
      score_to_json (b, s);
      if (!globals->json)
        print_score (s);
    }
  json_builder_end_array (b);
  if (id > 0 && !found)
    {
      g_autoptr(OporaProgram) p = opora_program_get (db, id, &error);
      return cli_fail (error);
    }
  if (globals->json)
    cli_print_builder (b);
  else if (id == 0)
    print_rollups (db, scores);
  return CLI_OK;
}

static CliStatus
program_export (OporaDb    *db,
                const char *id_text)
{
  g_autofree char *today = today_text ();
  GError *error = NULL;
  gint64 id = cli_parse_id (id_text);

  if (opt_out == NULL || (id == 0) == !opt_all)
    return cli_usage ("program", _("say which program or --all, and --out FILE.xlsx."));
  if (!(opt_all ? opora_export_programs (db, opt_year, today, opt_out, &error)
                : opora_export_program (db, id, today, opt_out, &error)))
    return cli_fail (error);
  g_print (_("Written to %s.\n"), opt_out);
  return CLI_OK;
}

static CliStatus
program_simple (OporaDb    *db,
                const char *what,
                gint64      id,
                int         argc,
                char      **argv)
{
  GError *error = NULL;
  gint64 copy;

  if (id == 0)
    return cli_usage ("program", _("say which program, by its number (see “opora-cli program list”)."));
  if (g_str_equal (what, "copy") && (copy = opora_program_copy_to_next_year (db, id, &error)))
    g_print (_("Program %lld is a copy of %lld for the next school year.\n"), (long long) copy, (long long) id);
  else if (g_str_equal (what, "delete") && opora_program_delete (db, id, &error))
    g_print (_("Program %lld deleted. “opora-cli program undo” brings it back.\n"), (long long) id);
  else if (g_str_equal (what, "save-template") && argc == 4 &&
           opora_program_template_save (db, id, argv[3], opt_title_text, &error))
    g_print (_("Template “%s” saved.\n"), argv[3]);
  else if (error != NULL)
    return cli_fail (error);
  else
    return cli_usage ("program", _("“save-template” takes the program and a name."));
  return CLI_OK;
}

/* Which subcommands only read. */
static gboolean
is_reading (const char *what)
{
  return g_str_equal (what, "list") || g_str_equal (what, "show") || g_str_equal (what, "due") ||
         g_str_equal (what, "score") || g_str_equal (what, "export");
}

static CliStatus
run_program (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  CliStatus status;
  const char *what;
  gint64 id;

  if ((status = cli_parse_options (globals, "program",
                                   "list|show|create|from-run|measure|set|undo|redo|copy|delete|due|score|export|save-template …",
                                   program_entries, &argc, &argv)))
    return status;
  if (argc < 2)
    return cli_usage ("program", _("say what to do, e.g. “opora-cli program list”. Run “opora-cli program --help” for the options."));
  what = argv[1];
  id = argc > 2 ? cli_parse_id (argv[2]) : 0;
  if (!(db = cli_open_db (globals, is_reading (what) ? OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY : OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (g_str_equal (what, "list"))
    return program_list (globals, db);
  if (g_str_equal (what, "show"))
    return id > 0 ? program_show (globals, db, id) : cli_usage ("program", _("say which program, e.g. “opora-cli program show 3”."));
  if (g_str_equal (what, "create"))
    return program_create (db);
  if (g_str_equal (what, "from-run"))
    return program_from_run (db, argc > 2 ? argv[2] : NULL);
  if (g_str_equal (what, "measure"))
    return program_measure (db, argc, argv);
  if (g_str_equal (what, "set"))
    return id > 0 ? program_set (db, id) : cli_usage ("program", _("say which program, e.g. “opora-cli program set 3 --goal …”."));
  if (g_str_equal (what, "undo") || g_str_equal (what, "redo"))
    return undo_redo (db, g_str_equal (what, "redo"));
  if (g_str_equal (what, "due"))
    return program_due (globals, db);
  if (g_str_equal (what, "score"))
    return program_score (globals, db, id);
  if (g_str_equal (what, "export"))
    return program_export (db, argc > 2 ? argv[2] : NULL);
  if (g_str_equal (what, "copy") || g_str_equal (what, "delete") || g_str_equal (what, "save-template"))
    return program_simple (db, what, id, argc, argv);
  g_printerr (_("opora-cli program: unknown subcommand “%s”.\n"), what);
  return CLI_USAGE;
}

static CliStatus
run_templates (CliGlobals *globals,
               int         argc,
               char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "templates", NULL, NULL, &argc, &argv)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(list = opora_program_template_list (db, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      OporaProgramTemplate *t = list->pdata[i];

      json_builder_begin_object (b);
      opora_json_add_string (b, "name", t->name);
      opora_json_add_string (b, "title", t->title);
      opora_json_add_string (b, "source", t->source);
      opora_json_add_int (b, "measures", t->measures->len);
      json_builder_set_member_name (b, "builtin");
      json_builder_add_boolean_value (b, t->builtin);
      json_builder_end_object (b);
      if (!globals->json)
        g_print ("%-12s %3u  %s%s\n", t->name, t->measures->len, t->title, t->builtin ? "" : _(" (yours)"));
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  return CLI_OK;
}

const CliCommand cli_program_commands[] = {
  { "program",   N_("Support programs (road maps): list, show, edit, undo, score, export"), run_program },
  { "templates", N_("List the program templates"),                                          run_templates },
  { NULL }
};
