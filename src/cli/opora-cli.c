/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli: global options, command dispatch and the helpers every command shares. */

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "opora-cli.h"
#include "opora-i18n.h"

static char *opt_db;
static gboolean opt_json;
static gboolean opt_version;

static GOptionEntry global_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Workspace file (default: the user’s workspace)"), N_("FILE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print machine-readable JSON"), NULL },
  { NULL }
};

static GOptionEntry version_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version and exit"), NULL },
  { NULL }
};

static void
take_globals (CliGlobals *globals)
{
  if (opt_db != NULL)
    {
      g_free (globals->db_path);
      globals->db_path = g_steal_pointer (&opt_db);
    }
  globals->json = globals->json || opt_json;
}

/**
 * cli_parse_options:
 * @globals: where --db and --json land (they are accepted by every command)
 * @command: the command's name, for --help
 * @parameter_text: (nullable): what follows the options in --help, e.g. "FILE"
 * @entries: (nullable): the command's own options
 *
 * Returns: %CLI_OK, or %CLI_USAGE after printing the problem
 */
CliStatus
cli_parse_options (CliGlobals    *globals,
                   const char    *command,
                   const char    *parameter_text,
                   GOptionEntry  *entries,
                   int           *argc,
                   char        ***argv)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, parameter_text ? parameter_text : "");
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("opora-cli %s: %s\n", command, error->message);
      return CLI_USAGE;
    }
  take_globals (globals);
  return CLI_OK;
}

/**
 * cli_open_db:
 * @globals: the options
 * @flags: how to open; without %OPORA_DB_MUST_EXIST the folder is created too
 *
 * Returns: (transfer full) (nullable): the workspace, or %NULL after
 *   printing why on stderr
 */
OporaDb *
cli_open_db (CliGlobals   *globals,
             OporaDbFlags  flags)
{
  g_autoptr(GError) error = NULL;
  OporaDb *db;

  if (!(flags & OPORA_DB_MUST_EXIST))
    {
      g_autofree char *dir = g_path_get_dirname (globals->db_path);
      g_mkdir_with_parents (dir, 0700);
    }
  if (!(db = opora_db_open (globals->db_path, flags, &error)))
    g_printerr ("opora-cli: %s\n", error->message);
  return db;
}

/**
 * cli_fail:
 * @error: (transfer full): what went wrong
 *
 * Returns: %CLI_INPUT, after printing @error on stderr
 */
CliStatus
cli_fail (GError *error)
{
  g_printerr ("opora-cli: %s\n", error->message);
  g_error_free (error);
  return CLI_INPUT;
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* "opora-cli COMMAND: MESSAGE" on stderr. */
CliStatus
cli_usage (const char *command,
           const char *message)
{
  g_printerr ("opora-cli %s: %s\n", command, message);
  return CLI_USAGE;
}

/* A record's number as given on the command line; 0 when it is not a positive whole number. */
gint64
cli_parse_id (const char *text)
{
  char *end = NULL;
  gint64 id = text != NULL ? g_ascii_strtoll (text, &end, 10) : 0;

  return end != NULL && end != text && *end == '\0' && id > 0 ? id : 0;
}

void
cli_print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  cli_print_json (root);
}

static const CliCommand *command_tables[] = { cli_commands, cli_import_commands, cli_analysis_commands, cli_plot_commands,
                                              cli_program_commands, cli_people_commands, cli_dashboard_commands,
                                              cli_bench_commands };

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CliCommand *c = command_tables[t]; c->name != NULL; c++)
      g_string_append_printf (text, "\n  %-12s %s", c->name, _(c->summary));
  g_string_append_printf (text, "\n\n%s", _("Run “opora-cli COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

static const CliCommand *
find_command (const char *name)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CliCommand *c = command_tables[t]; c->name != NULL; c++)
      if (g_strcmp0 (c->name, name) == 0)
        return c;
  return NULL;
}

static CliStatus
parse_globals (CliGlobals *globals,
               int        *argc,
               char     ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = commands_description ();

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Opora: the cluster approach to supporting schools, from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, version_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("opora-cli: %s\n", error->message);
      return CLI_USAGE;
    }
  take_globals (globals);
  if (!opt_version && *argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return CLI_USAGE;
    }
  return CLI_OK;
}

int
main (int    argc,
      char **argv)
{
  CliGlobals globals = { opora_db_default_path (), FALSE };
  const CliCommand *command;
  CliStatus status;

  opora_i18n_init ();
  if ((status = parse_globals (&globals, &argc, &argv)) != CLI_OK)
    goto out;
  if (opt_version)
    {
      g_print ("opora-cli %s\n", PACKAGE_VERSION);
      goto out;
    }
  if (!(command = find_command (argv[1])))
    {
      g_printerr (_("opora-cli: unknown command “%s”. Run “opora-cli --help” for the list.\n"), argv[1]);
      status = CLI_USAGE;
      goto out;
    }
  status = command->run (&globals, argc - 1, argv + 1);

out:
  g_free (globals.db_path);
  return status;
}
