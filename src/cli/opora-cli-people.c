/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli people, rubric and evaluate: mentors, tutors, rubrics and evaluations from the command line. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-cli.h"
#include "opora-error.h"
#include "opora-json.h"
#include "opora-evaluation.h"
#include "opora-person.h"
#include "opora-program.h"
#include "opora-school.h"

/* The options of every subcommand; each takes the ones it needs. */
static int opt_year;
static gboolean opt_all, opt_body;
static char *opt_role, *opt_name, *opt_position, *opt_school, *opt_subject, *opt_phone, *opt_email, *opt_note;
static char *opt_sheet, *opt_evaluator, *opt_date;
static gint64 opt_rubric, opt_person;
static char **opt_scores, **opt_comments, **opt_evidence;

static GOptionEntry people_entries[] = {
  { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The school year by its exams, e.g. 2026 for 2025/26"), N_("YEAR") },
  { "all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, N_("Archived ones too"), NULL },
  { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role, N_("mentor or tutor"), N_("ROLE") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("Surname, name and patronymic"), N_("TEXT") },
  { "position", 0, 0, G_OPTION_ARG_STRING, &opt_position, N_("Position, e.g. “директор”"), N_("TEXT") },
  { "school", 0, 0, G_OPTION_ARG_STRING, &opt_school, N_("The school, by its code"), N_("CODE") },
  { "subject", 0, 0, G_OPTION_ARG_STRING, &opt_subject, N_("Subject taught"), N_("TEXT") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, &opt_phone, N_("Phone"), N_("TEXT") },
  { "email", 0, 0, G_OPTION_ARG_STRING, &opt_email, N_("E-mail"), N_("ADDRESS") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note, N_("Note"), N_("TEXT") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, &opt_sheet, N_("The sheet to read (default: the first visible one)"), N_("NAME") },
  { NULL }
};

static GOptionEntry evaluate_entries[] = {
  { "rubric", 'r', 0, G_OPTION_ARG_INT64, &opt_rubric, N_("The rubric, by its number (see “opora-cli rubric list”)"), N_("N") },
  { "person", 'p', 0, G_OPTION_ARG_INT64, &opt_person, N_("The mentor or tutor, by number (see “opora-cli people list”)"), N_("N") },
  { "body", 0, 0, G_OPTION_ARG_NONE, &opt_body, N_("Evaluate the rubric’s centre, point or cluster as a whole"), NULL },
  { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The school year by its exams, e.g. 2026 for 2025/26"), N_("YEAR") },
  { "score", 's', 0, G_OPTION_ARG_STRING_ARRAY, &opt_scores, N_("A criterion’s score: its number, “=”, the points or count"), N_("N=VALUE") },
  { "comment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_comments, N_("A comment on a criterion’s score"), N_("N=TEXT") },
  { "evidence", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_evidence, N_("Evidence for a criterion’s score"), N_("N=TEXT") },
  { "evaluator", 0, 0, G_OPTION_ARG_STRING, &opt_evaluator, N_("Who evaluates"), N_("TEXT") },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date, N_("Date of the evaluation (default: today)"), N_("YYYY-MM-DD") },
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note, N_("Note"), N_("TEXT") },
  { NULL }
};

/* ---- people ---- */

static void
person_to_json (JsonBuilder       *b,
                const OporaPerson *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, p->id);
  opora_json_add_string (b, "role", opora_role_to_string (p->role));
  opora_json_add_string (b, "name", p->full_name);
  opora_json_add_string (b, "position", p->position);
  opora_json_add_string (b, "school", p->school_code);
  opora_json_add_string (b, "subject", p->subject);
  opora_json_add_string (b, "phone", p->phone);
  opora_json_add_string (b, "email", p->email);
  opora_json_add_string (b, "note", p->note);
  json_builder_set_member_name (b, "archived");
  json_builder_add_boolean_value (b, p->archived);
  json_builder_end_object (b);
}

static CliStatus
people_list (CliGlobals *globals,
             OporaDb    *db)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!(people = opora_person_list (db, opt_all, &error)))
    return cli_fail (error);
  if (!globals->json && people->len == 0)
    g_print (_("No mentors or tutors yet: run “opora-cli people add --role mentor --name …” or “opora-cli people import FILE”.\n"));
  json_builder_begin_array (b);
  for (guint i = 0; i < people->len; i++)
    {
      OporaPerson *p = people->pdata[i];

      person_to_json (b, p);
      if (!globals->json)
        g_print ("%lld\t%s\t%s\t%s\t%s%s\n", (long long) p->id, opora_role_label (p->role), p->full_name,
                 p->school_code != NULL ? p->school_code : "—", p->position, p->archived ? _(" (archived)") : "");
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  return CLI_OK;
}

static void
print_evaluation (const OporaEvaluation *e)
{
  g_autofree char *year = opora_school_year_label (e->year);

  if (e->max_total >= 0)
    g_print (_("%lld\t%s\t%s\t%s\t%g of %g\t%s%s\n"), (long long) e->id, year, e->person_name, e->rubric_name,
             e->total, e->max_total, e->level_name != NULL ? e->level_name : "—",
             e->complete ? "" : _(" (not every criterion scored)"));
  else
    g_print (_("%lld\t%s\t%s\t%s\t%g points%s\n"), (long long) e->id, year, e->person_name, e->rubric_name,
             e->total, e->complete ? "" : _(" (not every criterion scored)"));
}

static CliStatus
people_show (CliGlobals *globals,
             OporaDb    *db,
             gint64      id)
{
  g_autoptr(OporaPerson) p = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!(p = opora_person_get (db, id, &error)) || !(assignments = opora_assignment_list (db, id, 0, &error)) ||
      !(evaluations = opora_evaluation_list (db, id, 0, &error)))
    return cli_fail (error);
  if (globals->json)
    {
      person_to_json (b, p);
      cli_print_builder (b);
      return CLI_OK;
    }
  g_print (_("%s, %s\n"), p->full_name, opora_role_label (p->role));
  g_print (_("Position: %s\nSchool: %s %s\nSubject: %s\nPhone: %s\nE-mail: %s\n"), p->position,
           p->school_code != NULL ? p->school_code : "—", p->school_name != NULL ? p->school_name : "",
           p->subject, p->phone, p->email);
  g_print (_("Assignments:\n"));
  for (guint i = 0; i < assignments->len; i++)
    {
      OporaAssignment *a = assignments->pdata[i];
      g_autofree char *year = opora_school_year_label (a->year);

      g_print ("  %lld\t%s\t%s\t%s\t%s\n", (long long) a->id, year, a->school_code, a->school_name, a->note);
    }
  g_print (_("Evaluations:\n"));
  for (guint i = 0; i < evaluations->len; i++)
    {
      g_print ("  ");
      print_evaluation (evaluations->pdata[i]);
    }
  return CLI_OK;
}

/* Applies the options given to @p; a role that is not mentor or tutor is refused. */
static gboolean
apply_person_options (OporaPerson  *p,
                      GError      **error)
{
  char **fields[] = { &p->full_name, &p->position, &p->subject, &p->phone, &p->email, &p->note };
  char *values[] = { opt_name, opt_position, opt_subject, opt_phone, opt_email, opt_note };

  if (opt_role != NULL && !opora_role_from_string (opt_role, &p->role))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("“%s” is not a role: say mentor or tutor."), opt_role);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (values[i] != NULL)
      {
        g_free (*fields[i]);
        *fields[i] = g_strdup (values[i]);
      }
  if (opt_school != NULL)
    {
      p->school_id = 0;
      g_free (p->school_code);
      p->school_code = g_strdup (opt_school);
    }
  return TRUE;
}

static CliStatus
people_add_edit (OporaDb *db,
                 gint64   id)
{
  g_autoptr(OporaPerson) p = NULL;
  GError *error = NULL;

  if (id == 0 && (opt_role == NULL || opt_name == NULL))
    return cli_usage ("people", _("a new mentor or tutor needs --role and --name."));
  p = id == 0 ? opora_person_new (OPORA_ROLE_MENTOR, "") : opora_person_get (db, id, &error);
  if (p == NULL || !apply_person_options (p, &error))
    return cli_fail (error);
  if (id == 0 && (id = opora_person_add (db, p, &error)) == 0)
    return cli_fail (error);
  if (p->id != 0 && !opora_person_update (db, p, &error))
    return cli_fail (error);
  g_print (_("%s %lld: %s.\n"), opora_role_label (p->role), (long long) id, p->full_name);
  return CLI_OK;
}

static CliStatus
people_assign (OporaDb  *db,
               int       argc,
               char    **argv)
{
  gint64 person = argc > 2 ? cli_parse_id (argv[2]) : 0, school, id;
  GError *error = NULL;

  if (person == 0 || argc != 4 || opt_year == 0)
    return cli_usage ("people", _("say whom and where: “opora-cli people assign PERSON SCHOOL-CODE --year YEAR”."));
  if ((school = opora_school_find_code (db, argv[3], &error)) == 0 ||
      (id = opora_assignment_add (db, person, school, opt_year, opt_note, &error)) == 0)
    return cli_fail (error);
  g_print (_("Assignment %lld added.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
people_import (OporaDb    *db,
               const char *path)
{
  OporaPersonImport report = { 0 };
  GError *error = NULL;

  if (path == NULL || opt_year == 0)
    return cli_usage ("people", _("say the file and the school year of its assignments: “opora-cli people import FILE --year YEAR”."));
  if (!opora_person_import (db, path, opt_sheet, opt_year, &report, &error))
    return cli_fail (error);
  g_print (_("Imported: %u added, %u updated, %u assignments added.\n"), report.n_added, report.n_updated, report.n_assigned);
  return CLI_OK;
}

static CliStatus
run_people (CliGlobals *globals,
            int         argc,
            char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  CliStatus status;
  const char *what;
  gint64 id;
  GError *error = NULL;
  gboolean reading;

  if ((status = cli_parse_options (globals, "people", "list|show|add|edit|archive|restore|assign|unassign|import …",
                                   people_entries, &argc, &argv)))
    return status;
  if (argc < 2)
    return cli_usage ("people", _("say what to do, e.g. “opora-cli people list”. Run “opora-cli people --help” for the options."));
  what = argv[1];
  id = argc > 2 ? cli_parse_id (argv[2]) : 0;
  reading = g_str_equal (what, "list") || g_str_equal (what, "show");
  if (!(db = cli_open_db (globals, reading ? OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY : OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (g_str_equal (what, "list"))
    return people_list (globals, db);
  if (g_str_equal (what, "add"))
    return people_add_edit (db, 0);
  if (g_str_equal (what, "assign"))
    return people_assign (db, argc, argv);
  if (g_str_equal (what, "import"))
    return people_import (db, argc > 2 ? argv[2] : NULL);
  if (id == 0 && (g_str_equal (what, "show") || g_str_equal (what, "edit") || g_str_equal (what, "archive") ||
                  g_str_equal (what, "restore") || g_str_equal (what, "unassign")))
    return cli_usage ("people", _("say which one, by its number (see “opora-cli people list”)."));
  if (g_str_equal (what, "show"))
    return people_show (globals, db, id);
  if (g_str_equal (what, "edit"))
    return people_add_edit (db, id);
  if (g_str_equal (what, "archive") || g_str_equal (what, "restore"))
    return opora_person_set_archived (db, id, g_str_equal (what, "archive"), &error) ? CLI_OK : cli_fail (error);
  if (g_str_equal (what, "unassign"))
    return opora_assignment_delete (db, id, &error) ? CLI_OK : cli_fail (error);
  g_printerr (_("opora-cli people: unknown subcommand “%s”.\n"), what);
  return CLI_USAGE;
}

/* ---- rubrics ---- */

static CliStatus
rubric_list (CliGlobals *globals,
             OporaDb    *db)
{
  g_autoptr(GPtrArray) rubrics = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!(rubrics = opora_rubric_list (db, opt_all, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < rubrics->len; i++)
    {
      OporaRubric *r = rubrics->pdata[i];
      g_autoptr(JsonNode) node = opora_rubric_to_json (r);
      double max = opora_rubric_max_total (r);

      json_builder_add_value (b, g_steal_pointer (&node));
      if (globals->json)
        continue;
      if (max >= 0)
        g_print (_("%lld\t%s\t%s\t%u criteria, 0–%g points%s\n"), (long long) r->id, r->name,
                 r->has_role ? opora_role_label (r->role) : r->body, r->criteria->len, max,
                 r->archived ? _(" (archived)") : "");
      else
        g_print (_("%lld\t%s\t%s\t%u criteria, points summed%s\n"), (long long) r->id, r->name,
                 r->has_role ? opora_role_label (r->role) : r->body, r->criteria->len, r->archived ? _(" (archived)") : "");
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  return CLI_OK;
}

static CliStatus
rubric_show (OporaDb *db,
             gint64   id)
{
  g_autoptr(OporaRubric) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (!(r = opora_rubric_get (db, id, &error)))
    return cli_fail (error);
  node = opora_rubric_to_json (r);
  cli_print_json (node);
  return CLI_OK;
}

/* Saves the rubric of a JSON file: with an "id", an edit of that rubric; without, a new one. */
static CliStatus
rubric_save (OporaDb    *db,
             const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OporaRubric) r = NULL;
  GError *error = NULL;
  gint64 id;

  if (path == NULL)
    return cli_usage ("rubric", _("say the rubric’s file: “opora-cli rubric save FILE.json” (as “rubric show” writes it)."));
  if (!json_parser_load_from_file (parser, path, &error))
    return cli_fail (error);
  if (!(r = opora_rubric_from_json (json_parser_get_root (parser), &error)) || (id = opora_rubric_save (db, r, &error)) == 0)
    return cli_fail (error);
  g_print (_("Rubric %lld saved: %s.\n"), (long long) id, r->name);
  return CLI_OK;
}

static CliStatus
run_rubric (CliGlobals *globals,
            int         argc,
            char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  CliStatus status;
  const char *what;
  gint64 id, copy;
  GError *error = NULL;
  gboolean reading;

  if ((status = cli_parse_options (globals, "rubric", "list|show|save|duplicate|archive|restore …",
                                   people_entries, &argc, &argv)))
    return status;
  what = argc > 1 ? argv[1] : "list";
  id = argc > 2 ? cli_parse_id (argv[2]) : 0;
  reading = g_str_equal (what, "list") || g_str_equal (what, "show");
  if (!(db = cli_open_db (globals, reading ? OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY : OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (g_str_equal (what, "list"))
    return rubric_list (globals, db);
  if (g_str_equal (what, "save"))
    return rubric_save (db, argc > 2 ? argv[2] : NULL);
  if (id == 0)
    return cli_usage ("rubric", _("say which rubric, by its number (see “opora-cli rubric list”)."));
  if (g_str_equal (what, "show"))
    return rubric_show (db, id);
  if (g_str_equal (what, "duplicate"))
    {
      if ((copy = opora_rubric_duplicate (db, id, opt_name, &error)) == 0)
        return cli_fail (error);
      g_print (_("Rubric %lld is a copy of %lld.\n"), (long long) copy, (long long) id);
      return CLI_OK;
    }
  if (g_str_equal (what, "archive") || g_str_equal (what, "restore"))
    return opora_rubric_set_archived (db, id, g_str_equal (what, "archive"), &error) ? CLI_OK : cli_fail (error);
  g_printerr (_("opora-cli rubric: unknown subcommand “%s”.\n"), what);
  return CLI_USAGE;
}

/* ---- evaluations ---- */

/* "N=VALUE": the rubric's criterion N (1-based) and the text after "=". */
static gboolean
parse_assignment (const OporaRubric       *rubric,
                  const char              *item,
                  const OporaCriterion   **criterion,
                  const char             **value,
                  GError                 **error)
{
  const char *eq = strchr (item, '=');
  g_autofree char *number = eq != NULL ? g_strndup (item, eq - item) : NULL;
  gint64 n = cli_parse_id (number);

  if (n == 0 || n > rubric->criteria->len)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” does not name a criterion: write its number from 1 to %u, “=” and the value."),
                   item, rubric->criteria->len);
      return FALSE;
    }
  *criterion = rubric->criteria->pdata[n - 1];
  *value = eq + 1;
  return TRUE;
}

/* The score's comment or evidence from a list of "N=TEXT" items, or NULL. */
static const char *
find_text (const OporaRubric    *rubric,
           char                **items,
           const OporaCriterion *criterion)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      const OporaCriterion *c;
      const char *text;

      if (parse_assignment (rubric, items[i], &c, &text, NULL) && c == criterion)
        return text;
    }
  return NULL;
}

static CliStatus
run_evaluate (CliGlobals *globals,
              int         argc,
              char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaRubric) rubric = NULL;
  g_autoptr(OporaEvaluation) e = NULL;
  CliStatus status;
  GError *error = NULL;
  gint64 id;

  if ((status = cli_parse_options (globals, "evaluate", NULL, evaluate_entries, &argc, &argv)))
    return status;
  if (opt_rubric == 0 || opt_year == 0 || (opt_person == 0) == !opt_body)
    return cli_usage ("evaluate", _("say the rubric, the year, and either --person N or --body: "
                    "“opora-cli evaluate --rubric 1 --person 3 --year 2026 --score 1=2 --score 2=1 …”."));
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)) )
    return CLI_INPUT;
  if (!(rubric = opora_rubric_get (db, opt_rubric, &error)))
    return cli_fail (error);
  /* An evaluation already there is edited: the scores given replace its scores. */
  e = opora_evaluation_find (db, opt_rubric, opt_person, opt_year, &error);
  if (error != NULL)
    return cli_fail (error);
  if (e == NULL)
    e = opora_evaluation_new (opt_rubric, opt_person, opt_year);
  if (opt_evaluator != NULL)
    g_free (e->evaluator), e->evaluator = g_strdup (opt_evaluator);
  if (opt_date != NULL)
    g_free (e->date), e->date = g_strdup (opt_date);
  if (opt_note != NULL)
    g_free (e->note), e->note = g_strdup (opt_note);
  for (guint i = 0; opt_scores != NULL && opt_scores[i] != NULL; i++)
    {
      const OporaCriterion *c;
      const char *text;
      char *end = NULL;
      double value;

      if (!parse_assignment (rubric, opt_scores[i], &c, &text, &error))
        return cli_fail (error);
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        {
          g_set_error (&error, OPORA_ERROR, OPORA_ERROR_INVALID, _("“%s” is not a number of points or units."), text);
          return cli_fail (error);
        }
      opora_evaluation_set_score (e, c->id, value, find_text (rubric, opt_comments, c), find_text (rubric, opt_evidence, c));
    }
  if ((id = opora_evaluation_save (db, e, &error)) == 0)
    return cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "total");
      json_builder_add_double_value (b, e->total);
      opora_json_add_string (b, "level", e->level_name);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, e->complete);
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    print_evaluation (e);
  return CLI_OK;
}

static CliStatus
run_evaluations (CliGlobals *globals,
                 int         argc,
                 char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  CliStatus status;
  GError *error = NULL;

  if ((status = cli_parse_options (globals, "evaluations", NULL, evaluate_entries, &argc, &argv)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(list = opora_evaluation_list (db, opt_body ? OPORA_EVALUATION_BODIES : opt_person != 0 ? opt_person : OPORA_EVALUATION_ALL,
                                      opt_year, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      OporaEvaluation *e = list->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, e->id);
      json_builder_set_member_name (b, "rubric");
      json_builder_add_int_value (b, e->rubric_id);
      json_builder_set_member_name (b, "person");
      if (e->person_id != 0)
        json_builder_add_int_value (b, e->person_id);
      else
        json_builder_add_null_value (b);
      opora_json_add_string (b, "name", e->person_name);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, e->year);
      json_builder_set_member_name (b, "total");
      json_builder_add_double_value (b, e->total);
      json_builder_set_member_name (b, "max_total");
      if (e->max_total >= 0)
        json_builder_add_double_value (b, e->max_total);
      else
        json_builder_add_null_value (b);
      opora_json_add_string (b, "level", e->level_name);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, e->complete);
      json_builder_set_member_name (b, "scores");
      json_builder_begin_array (b);
      for (guint k = 0; k < e->scores->len; k++)
        json_builder_add_double_value (b, g_array_index (e->scores, OporaScore, k).points);
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!globals->json)
        print_evaluation (e);
    }
  json_builder_end_array (b);
  if (globals->json)
    cli_print_builder (b);
  return CLI_OK;
}

const CliCommand cli_people_commands[] = {
  { "people",      N_("Mentors and tutors: list, show, add, edit, archive, assign, import"), run_people },
  { "rubric",      N_("Effectiveness rubrics: list, show, save from JSON, duplicate, archive"), run_rubric },
  { "evaluate",    N_("Score a mentor, tutor or body on a rubric for a school year"),        run_evaluate },
  { "evaluations", N_("List evaluations with their totals and levels"),                     run_evaluations },
  { NULL }
};
