/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The opora-cli commands over the workspace: demo, schools, indicators, check. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-backup.h"
#include "opora-check.h"
#include "opora-cli.h"
#include "opora-demo.h"
#include "opora-indicator.h"
#include "opora-json.h"
#include "opora-school.h"
#include "opora-values.h"

static CliStatus
no_arguments (const char *command,
              int         argc)
{
  if (argc > 1)
    {
      g_printerr (_("opora-cli %s: takes no arguments.\n"), command);
      return CLI_USAGE;
    }
  return CLI_OK;
}

static CliStatus
run_demo (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  static gint64 seed = OPORA_DEMO_DEFAULT_SEED;
  static gboolean values_only = FALSE;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator (the same seed gives the same workspace)"), N_("N") },
    { "values-only", 0, 0, G_OPTION_ARG_NONE, &values_only,
      N_("Only schools and their values: no analyses, programs, mentors or evaluations"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  GError *error = NULL;
  CliStatus status;
  gint64 n_schools;

  if ((status = cli_parse_options (globals, "demo", NULL, entries, &argc, &argv)) ||
      (status = no_arguments ("demo", argc)))
    return status;
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr (_("opora-cli demo: the seed must be between 0 and %u.\n"), G_MAXUINT32);
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_FLAGS_NONE)))
    return CLI_INPUT;
  if (!(values_only ? opora_demo_fill : opora_demo_fill_all) (db, (guint32) seed, &error) ||
      (n_schools = opora_school_count (db, &error)) < 0)
    return cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Demo municipality written to %s: %d school, %d years.\n",
                        "Demo municipality written to %s: %d schools, %d years.\n",
                        n_schools),
           globals->db_path, (int) n_schools, OPORA_DEMO_N_YEARS);
  return CLI_OK;
}

static JsonNode *
schools_json (GPtrArray *schools)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < schools->len; i++)
    {
      OporaSchool *s = schools->pdata[i];
      static const char *localities[] = { NULL, "urban", "rural" };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, s->code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "short_name");
      json_builder_add_string_value (b, s->short_name);
      json_builder_set_member_name (b, "municipality");
      json_builder_add_string_value (b, s->municipality);
      json_builder_set_member_name (b, "locality");
      json_builder_add_string_value (b, localities[s->locality]);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, s->kind);
      json_builder_set_member_name (b, "archived");
      json_builder_add_boolean_value (b, s->archived);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static CliStatus
run_schools (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) schools = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "schools", NULL, NULL, &argc, &argv)) ||
      (status = no_arguments ("schools", argc)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!(schools = opora_school_list (db, &error)))
    return cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonNode) node = schools_json (schools);
      cli_print_json (node);
      return CLI_OK;
    }
  for (guint i = 0; i < schools->len; i++)
    {
      OporaSchool *s = schools->pdata[i];
      g_print ("%s\t%s\t%s\t%s\n", s->code, s->name, s->municipality ? s->municipality : "",
               opora_locality_label (s->locality));
    }
  return CLI_OK;
}

static JsonNode *
indicators_json (GPtrArray *indicators)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < indicators->len; i++)
    {
      OporaIndicator *ind = indicators->pdata[i];

      json_builder_begin_object (b);
      opora_json_add_string (b, "key", ind->key);
      opora_json_add_string (b, "name_ru", ind->name_ru);
      opora_json_add_string (b, "name_en", ind->name_en);
      opora_json_add_string (b, "unit", opora_unit_to_string (ind->unit));
      opora_json_add_string (b, "group", opora_group_to_string (ind->group));
      json_builder_set_member_name (b, "direction");
      json_builder_add_int_value (b, ind->direction);
      opora_json_add_double (b, "min", ind->min_value);
      opora_json_add_double (b, "max", ind->max_value);
      opora_json_add_string (b, "procedure", ind->procedure);
      opora_json_add_string (b, "subject", ind->subject);
      opora_json_add_string (b, "participants_key", ind->participants_key);
      json_builder_set_member_name (b, "builtin");
      json_builder_add_boolean_value (b, ind->builtin);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static CliStatus
run_indicators (CliGlobals *globals,
                int         argc,
                char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "indicators", NULL, NULL, &argc, &argv)) ||
      (status = no_arguments ("indicators", argc)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!(indicators = opora_indicator_list (db, &error)))
    return cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonNode) node = indicators_json (indicators);
      cli_print_json (node);
      return CLI_OK;
    }
  for (guint i = 0; i < indicators->len; i++)
    {
      OporaIndicator *ind = indicators->pdata[i];
      g_print ("%s\t%s\t%s\t%+d\t%g–%g\t%s\n", ind->key, opora_group_label (ind->group),
               opora_unit_symbol (ind->unit), ind->direction, ind->min_value, ind->max_value,
               opora_indicator_get_name (ind));
    }
  return CLI_OK;
}

static void
print_check (GPtrArray *problems,
             gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, problems->len == 0);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (b, problems->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
      return;
    }
  if (problems->len == 0)
    g_print ("%s\n", _("The workspace is sound: no problems found."));
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (char *) problems->pdata[i]);
}

static CliStatus
run_check (CliGlobals *globals,
           int         argc,
           char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "check", NULL, NULL, &argc, &argv)) ||
      (status = no_arguments ("check", argc)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!(problems = opora_check_run (db, &error)))
    return cli_fail (error);

  print_check (problems, globals->json);
  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "opora-cli: %u problem found.\n",
                               "opora-cli: %u problems found.\n", problems->len), problems->len);
      return CLI_INPUT;
    }
  return CLI_OK;
}

static CliStatus
run_backup (CliGlobals *globals,
            int         argc,
            char      **argv)
{
  static int keep;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("How many backups to keep from now on (default 10)"), N_("N") },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "backup", NULL, entries, &argc, &argv)) ||
      (status = no_arguments ("backup", argc)))
    return status;
  if (keep < 0 || keep > 999)
    {
      g_printerr (_("opora-cli backup: --keep is between 1 and 999.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (keep > 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", keep);
      if (!opora_db_set_info (db, "backup_keep", text, &error))
        return cli_fail (error);
    }
  if (!opora_backup_create (db, "manual", &path, &error))
    return cli_fail (error);
  g_print (_("Backed up to %s.\n"), path);
  return CLI_OK;
}

static CliStatus
run_backups (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "backups", NULL, NULL, &argc, &argv)) ||
      (status = no_arguments ("backups", argc)))
    return status;
  if (!(list = opora_backup_list (globals->db_path, &error)))
    return cli_fail (error);
  for (guint i = 0; i < list->len; i++)
    {
      OporaBackup *b = list->pdata[i];
      g_autofree char *when = g_date_time_format (b->when, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (b->size);
      g_print ("%u\t%s\t%s\t%s\t%s\n", i + 1, when, b->reason, size, b->path);
    }
  if (list->len == 0)
    g_print (_("No backups yet: one is made before every import and upgrade, or run “opora-cli backup”.\n"));
  return CLI_OK;
}

static CliStatus
run_restore (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  CliStatus status;
  char *end = NULL;
  guint64 number;

  if ((status = cli_parse_options (globals, "restore", "N|FILE", NULL, &argc, &argv)))
    return status;
  if (argc != 2)
    {
      g_printerr (_("opora-cli restore: name a backup by its number (see “opora-cli backups”) or its file.\n"));
      return CLI_USAGE;
    }
  number = g_ascii_strtoull (argv[1], &end, 10);
  if (end != argv[1] && *end == '\0')
    {
      if (!(list = opora_backup_list (globals->db_path, &error)))
        return cli_fail (error);
      if (number < 1 || number > list->len)
        {
          g_printerr (_("opora-cli restore: there is no backup %s; see “opora-cli backups”.\n"), argv[1]);
          return CLI_INPUT;
        }
      path = g_strdup (((OporaBackup *) list->pdata[number - 1])->path);
    }
  else
    path = g_strdup (argv[1]);
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!opora_backup_restore (db, path, &error))
    return cli_fail (error);
  g_print (_("Restored from %s. The state before it is backup 1 of “opora-cli backups”.\n"), path);
  return CLI_OK;
}

const CliCommand cli_commands[] = {
  { "demo",       N_("Fill an empty workspace with the demo municipality"), run_demo },
  { "schools",    N_("List the schools of the workspace"),                  run_schools },
  { "indicators", N_("List the indicator catalogue"),                       run_indicators },
  { "check",      N_("Check the workspace’s integrity"),                    run_check },
  { "backup",     N_("Back up the workspace now"),                          run_backup },
  { "backups",    N_("List the workspace’s backups"),                       run_backups },
  { "restore",    N_("Restore the workspace from a backup"),                run_restore },
  { NULL }
};
