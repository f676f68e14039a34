/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running opora-cli from a test as a user would, in the C locale, and reading its JSON. */
#pragma once

#include <json-glib/json-glib.h>
#include <sys/wait.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

static inline void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs @argv (its program first, NULL-terminated) under @locale. */
static inline void
cli_spawn_argv (CliRun     *run,
                const char *locale,
                GPtrArray  *argv)
{
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", locale, TRUE);
  g_autoptr(GError) error = NULL;

  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (run->status))
    g_test_message ("%s died of signal %d: %s", (char *) argv->pdata[0], WTERMSIG (run->status), run->err);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

/* Adds the arguments of @args up to NULL, and the NULL. */
static inline void
cli_add_args (GPtrArray *argv,
              va_list    args)
{
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
}

/* Runs opora-cli --db PATH with the arguments (NULL-terminated) in the C locale. */
static inline void
cli_run (CliRun     *run,
         const char *path,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("OPORA_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) path);
  va_start (args, path);
  cli_add_args (argv, args);
  va_end (args);
  cli_spawn_argv (run, "C.UTF-8", argv);
}

/* Runs @program (NULL: opora-cli) with the arguments (NULL-terminated) under @locale. */
static inline void
cli_spawn (CliRun     *run,
           const char *locale,
           const char *program,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) (program != NULL ? program : g_getenv ("OPORA_CLI")));
  va_start (args, program);
  cli_add_args (argv, args);
  va_end (args);
  cli_spawn_argv (run, locale, argv);
}

#define cli_assert_ok(run) G_STMT_START { if ((run).status != 0) g_error ("exit %d: %s", (run).status, (run).err); } G_STMT_END

static inline JsonNode *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
