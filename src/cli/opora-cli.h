/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every opora-cli command gets: the parsed global options and how to finish. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "opora-db.h"

G_BEGIN_DECLS

typedef enum {
  CLI_OK    = 0,  /* done */
  CLI_INPUT = 1,  /* bad input: a file, a workspace, a value; message on stderr */
  CLI_USAGE = 2,  /* the command line itself was wrong */
} CliStatus;

typedef struct {
  char     *db_path;  /* --db, or the default workspace */
  gboolean  json;     /* --json */
} CliGlobals;

typedef CliStatus (*CliRun) (CliGlobals *globals,
                             int         argc,
                             char      **argv);

typedef struct {
  const char *name;
  const char *summary;   /* N_() marked */
  CliRun      run;
} CliCommand;

extern const CliCommand cli_commands[];         /* workspace: demo, schools, … */
extern const CliCommand cli_import_commands[];  /* files: read, import, … */
extern const CliCommand cli_bench_commands[];   /* bench */
extern const CliCommand cli_analysis_commands[]; /* analyze, runs, pair, … */
extern const CliCommand cli_plot_commands[];    /* plot */
extern const CliCommand cli_program_commands[]; /* program, templates */
extern const CliCommand cli_people_commands[];  /* people, rubric, evaluate, evaluations */
extern const CliCommand cli_dashboard_commands[]; /* dashboard */

CliStatus  cli_parse_options (CliGlobals    *globals,
                              const char    *command,
                              const char    *parameter_text,
                              GOptionEntry  *entries,
                              int           *argc,
                              char        ***argv);
OporaDb   *cli_open_db       (CliGlobals    *globals,
                              OporaDbFlags   flags);
CliStatus  cli_fail          (GError        *error);
void       cli_print_json    (JsonNode      *node);
void       cli_print_builder (JsonBuilder   *b);
gint64     cli_parse_id      (const char    *text);
CliStatus  cli_usage         (const char    *command,
                              const char    *message);

CliStatus  cli_plot_bench    (void);

G_END_DECLS
