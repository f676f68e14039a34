/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli read, import, imports and undo: files into the workspace, and back out. */

#include <glib/gi18n.h>

#include "opora-batch.h"
#include "opora-cli.h"
#include "opora-error.h"
#include "opora-analysis-export.h"
#include "opora-analysis-store.h"
#include "opora-export.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-preset.h"
#include "opora-reader.h"
#include "opora-report.h"
#include "opora-sheet.h"

#define PREVIEW_ROWS 30

static char *opt_encoding;
static char *opt_separator;
static char *opt_sheet;

static const GOptionEntry reading_entries[] = {
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding, N_("Text encoding of a CSV file (default: detect)"), N_("NAME") },
  { "separator", 0, 0, G_OPTION_ARG_STRING, &opt_separator, N_("Field separator of a CSV file: ';' ',' 'tab' '|' (default: detect)"), N_("CHAR") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, &opt_sheet, N_("Only this sheet, by name or number from 1"), N_("SHEET") },
  { NULL }
};

static GOptionEntry *
with_reading (const GOptionEntry *own)
{
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  for (const GOptionEntry *e = reading_entries; e->long_name != NULL; e++)
    g_array_append_val (all, *e);
  for (const GOptionEntry *e = own; e != NULL && e->long_name != NULL; e++)
    g_array_append_val (all, *e);
  return (GOptionEntry *) g_array_free (all, FALSE);
}

static OporaReader *
open_reader (const char *path)
{
  OporaReadOptions options = { opt_encoding, 0 };
  g_autoptr(GError) error = NULL;
  OporaReader *reader;

  if (opt_separator != NULL)
    options.separator = g_str_equal (opt_separator, "tab") ? '\t' : opt_separator[0];
  if (!(reader = opora_reader_open (path, &options, &error)))
    g_printerr ("opora-cli: %s\n", error->message);
  return reader;
}

/* The sheets to read: --sheet by name or number, else every visible one. */
static GArray *
chosen_sheets (OporaReader *reader)
{
  GArray *sheets = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < opora_reader_get_n_sheets (reader); i++)
    {
      const OporaSheetInfo *info = opora_reader_get_sheet (reader, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      gboolean wanted = opt_sheet != NULL ? g_str_equal (opt_sheet, info->name) || g_str_equal (opt_sheet, number)
                                          : !info->hidden;
      if (wanted)
        g_array_append_val (sheets, i);
    }
  if (sheets->len == 0)
    g_printerr (_("opora-cli: the file has no sheet “%s”.\n"), opt_sheet ? opt_sheet : "");
  return sheets;
}

static const char *
target_label (const OporaTarget *t)
{
  static const char *labels[] = { "-", "code", "name", "municipality", "year", NULL, "indicator_name", "value" };

  return t->kind == OPORA_TARGET_INDICATOR ? t->indicator_key : labels[t->kind];
}

static const char *
cell_type_name (OporaCellType type)
{
  static const char *names[] = { "empty", "text", "number", "bool", "date", "error" };
  return names[type];
}

static void
print_layout (OporaLayout *layout)
{
  g_print (_("Header rows: %d–%d; first data row: %d\n"),
           layout->header_first == G_MAXUINT32 ? 0 : (int) layout->header_first + 1,
           layout->header_last == G_MAXUINT32 ? 0 : (int) layout->header_last + 1,
           layout->first_data_row == G_MAXUINT32 ? 0 : (int) layout->first_data_row + 1);
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      const OporaTarget *t = opora_layout_get_target (layout, col);
      g_print ("  %-4u %-28s %3.0f%%  %s\n", col + 1, target_label (t), t->confidence * 100,
               (char *) layout->headers->pdata[col]);
    }
}

static void
print_rows (OporaSheet *sheet)
{
  for (guint r = 0; r < opora_sheet_get_n_rows (sheet); r++)
    {
      g_print ("%u:", opora_sheet_get_row (sheet, r) + 1);
      for (guint32 c = 0; c < opora_sheet_get_n_cols (sheet); c++)
        {
          const OporaCell *cell = opora_sheet_get_cell (sheet, r, c);
          g_autofree char *text = opora_sheet_dup_text (sheet, r, c);
          if (cell != NULL)
            g_print ("\t%s[%s]", text, cell_type_name (cell->type));
          else
            g_print ("\t");
        }
      g_print ("\n");
    }
}

static JsonNode *
read_json (OporaReader *reader,
           GPtrArray   *sheets,
           GPtrArray   *layouts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, opora_reader_get_format (reader));
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, opora_reader_get_encoding (reader));
  json_builder_set_member_name (b, "sheets");
  json_builder_begin_array (b);
  for (guint i = 0; i < sheets->len; i++)
    {
      OporaSheet *sheet = sheets->pdata[i];
      OporaLayout *layout = layouts->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "first_data_row");
      json_builder_add_int_value (b, layout->first_data_row == G_MAXUINT32 ? 0 : layout->first_data_row + 1);
      json_builder_set_member_name (b, "columns");
      json_builder_begin_array (b);
      for (guint32 c = 0; c < layout->n_cols; c++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "header");
          json_builder_add_string_value (b, layout->headers->pdata[c]);
          json_builder_set_member_name (b, "target");
          json_builder_add_string_value (b, target_label (opora_layout_get_target (layout, c)));
          json_builder_set_member_name (b, "confidence");
          json_builder_add_double_value (b, opora_layout_get_target (layout, c)->confidence);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint r = 0; r < opora_sheet_get_n_rows (sheet); r++)
        {
          json_builder_begin_array (b);
          for (guint32 c = 0; c < opora_sheet_get_n_cols (sheet); c++)
            {
              g_autofree char *text = opora_sheet_dup_text (sheet, r, c);
              if (text != NULL)
                json_builder_add_string_value (b, text);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static CliStatus
run_read (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  g_autofree GOptionEntry *entries = with_reading (NULL);
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_sheet_free);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_layout_free);
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();
  CliStatus status;

  if ((status = cli_parse_options (globals, "read", _("FILE"), entries, &argc, &argv)))
    return status;
  if (argc != 2)
    {
      g_printerr (_("opora-cli read: name one file to read.\n"));
      return CLI_USAGE;
    }
  if (!(reader = open_reader (argv[1])) || (chosen = chosen_sheets (reader))->len == 0)
    return CLI_INPUT;

  for (guint i = 0; i < chosen->len; i++)
    {
      guint index = g_array_index (chosen, guint, i);
      GError *error = NULL;
      OporaSheet *sheet = opora_sheet_load (reader, index, PREVIEW_ROWS, NULL, &error);

      if (sheet == NULL)
        return cli_fail (error);
      g_ptr_array_add (sheets, sheet);
      g_ptr_array_add (layouts, opora_layout_detect (sheet, indicators));
    }
  if (globals->json)
    {
      g_autoptr(JsonNode) node = read_json (reader, sheets, layouts);
      cli_print_json (node);
      return CLI_OK;
    }
  g_print (_("Format: %s\n"), opora_reader_get_format (reader));
  if (opora_reader_get_encoding (reader) != NULL)
    g_print (_("Encoding: %s; separator: “%c”\n"), opora_reader_get_encoding (reader),
             opora_reader_get_separator (reader) == '\t' ? ' ' : opora_reader_get_separator (reader));
  for (guint i = 0; i < chosen->len; i++)
    {
      const OporaSheetInfo *info = opora_reader_get_sheet (reader, g_array_index (chosen, guint, i));
      g_print (_("\nSheet “%s”%s, year %d\n"), info->name, info->hidden ? _(" (hidden)") : "",
               opora_year_from_text (info->name));
      print_layout (layouts->pdata[i]);
      print_rows (sheets->pdata[i]);
    }
  return CLI_OK;
}

static void
print_counts (const OporaImportCounts *c)
{
  g_print (_("Rows: %u (skipped %u); schools: %u new, %u matched\n"), c->rows, c->rows_skipped,
           c->schools_new, c->schools_matched);
  g_print (_("Values: %u new, %u changed, %u unchanged, %u missing\n"), c->values_new, c->values_changed,
           c->values_same, c->values_missing);
  g_print (_("Problems: %u errors, %u warnings\n"), c->errors, c->warnings);
}

static void
print_problems (GPtrArray *problems,
                guint      limit)
{
  for (guint i = 0; i < problems->len && i < limit; i++)
    {
      OporaProblem *p = problems->pdata[i];
      g_autofree char *col = p->col != G_MAXUINT32 ? g_strdup_printf ("%u", p->col + 1) : g_strdup ("-");

      g_print ("%s\t%s:%u:%s\t%s%s%s\n", p->severity == OPORA_SEVERITY_ERROR ? _("error") : _("warning"),
               p->sheet ? p->sheet : "", p->row != G_MAXUINT32 ? p->row + 1 : 0, col,
               p->message, p->cell_text ? " — " : "", p->cell_text ? p->cell_text : "");
    }
  if (problems->len > limit)
    g_print (_("… and %u more; write them all with --report FILE.\n"), problems->len - limit);
}

static gboolean
add_sheets (OporaImport  *import,
            OporaDb      *db,
            OporaReader  *reader,
            int           year,
            const char   *preset,
            GError      **error)
{
  g_autoptr(GArray) chosen = chosen_sheets (reader);
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, error);

  if (indicators == NULL)
    return FALSE;
  if (chosen->len == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("Nothing to import: choose a sheet with --sheet."));
      return FALSE;
    }
  for (guint i = 0; i < chosen->len; i++)
    {
      guint index = g_array_index (chosen, guint, i);
      g_autoptr(OporaSheet) sheet = opora_sheet_load (reader, index, PREVIEW_ROWS, NULL, error);
      g_autoptr(OporaLayout) layout = sheet ? opora_layout_detect (sheet, indicators) : NULL;
      g_autofree char *found = layout && preset == NULL ? opora_preset_find (db, layout) : NULL;
      const char *use = preset != NULL ? preset : found;

      if (layout == NULL || (use != NULL && !opora_preset_apply (db, use, layout, error)))
        return FALSE;
      if (found != NULL)
        g_printerr (_("opora-cli: using the saved mapping “%s”.\n"), found);
      opora_import_add_sheet (import, index, g_steal_pointer (&layout),
                              year ? year : opora_year_from_text (opora_reader_get_sheet (reader, index)->name));
    }
  return TRUE;
}

static CliStatus
run_import (CliGlobals *globals,
            int         argc,
            char      **argv)
{
  static gint year;
  static gboolean dry_run, force;
  static char *preset, *report;
  const GOptionEntry own[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Exam year of every row (default: from the sheet name or a column)"), N_("YEAR") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Use this saved column mapping"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check only; write nothing"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report, N_("Write every problem to this .csv or .xlsx file"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Import even if this file was imported before"), NULL },
    { NULL }
  };
  g_autofree GOptionEntry *entries = with_reading (own);
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(OporaImport) import = NULL;
  GError *error = NULL;
  CliStatus status;
  gint64 batch = 0;

  if ((status = cli_parse_options (globals, "import", _("FILE"), entries, &argc, &argv)))
    return status;
  if (argc != 2)
    {
      g_printerr (_("opora-cli import: name one file to import.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_FLAGS_NONE)) || !(reader = open_reader (argv[1])))
    return CLI_INPUT;
  if (!(import = opora_import_new (db, reader, &error)) ||
      !add_sheets (import, db, reader, year, preset, &error))
    return cli_fail (error);
  if (!dry_run && opora_import_get_earlier_batch (import) != 0 && !force)
    {
      g_printerr (_("opora-cli: this file was already imported (import %lld). Undo that import first, "
                    "or use --force to import it again.\n"), (long long) opora_import_get_earlier_batch (import));
      return CLI_INPUT;
    }
  /* Without --dry-run nobody reviews first, so the check and the commit run at once. */
  if (dry_run ? !opora_import_check (import, NULL, NULL, NULL, &error)
              : !(batch = opora_import_check_and_commit (import, NULL, NULL, NULL, &error)))
    return cli_fail (error);
  print_counts (opora_import_get_counts (import));
  print_problems (opora_import_get_problems (import), 20);
  if (report != NULL && !opora_report_write (opora_import_get_problems (import), report, &error))
    return cli_fail (error);
  if (dry_run)
    return CLI_OK;
  g_print (_("Imported as import %lld. Undo it with: opora-cli undo %lld\n"), (long long) batch, (long long) batch);
  return CLI_OK;
}

static CliStatus
run_imports (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "imports", NULL, NULL, &argc, &argv)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!(batches = opora_batch_list (db, &error)))
    return cli_fail (error);
  for (guint i = 0; i < batches->len; i++)
    {
      OporaBatch *b = batches->pdata[i];
      g_print ("%lld\t%s\t%s\t%u/%u/%u\t%s\n", (long long) b->id, b->created, b->file_name,
               b->n_new, b->n_changed, b->n_unchanged, b->undone ? _("undone") : "");
    }
  return CLI_OK;
}

static CliStatus
run_undo (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  GError *error = NULL;
  CliStatus status;
  gint64 id;

  if ((status = cli_parse_options (globals, "undo", _("IMPORT"), NULL, &argc, &argv)))
    return status;
  if (argc != 2 || (id = g_ascii_strtoll (argv[1], NULL, 10)) <= 0)
    {
      g_printerr (_("opora-cli undo: name the import to undo by its number (see “opora-cli imports”).\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!opora_batch_undo (db, id, &error))
    return cli_fail (error);
  g_print (_("Import %lld undone.\n"), (long long) id);
  return CLI_OK;
}

static CliStatus
run_export (CliGlobals *globals,
            int         argc,
            char      **argv)
{
  static char *out;
  static int year;
  static gint64 run_id;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The .xlsx file to write"), N_("FILE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("summary: the year of the monitoring; clusters: the newest analysis of this year"), N_("YEAR") },
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run_id, N_("clusters: the analysis to export (default: the newest)"), N_("N") },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaAnalysis) analysis = NULL;
  GError *error = NULL;
  CliStatus status;
  const char *kind;

  if ((status = cli_parse_options (globals, "export", "values|summary|clusters", (GOptionEntry *) entries, &argc, &argv)))
    return status;
  kind = argc == 2 ? argv[1] : "";
  if (out == NULL || !(g_str_equal (kind, "values") || g_str_equal (kind, "summary") || g_str_equal (kind, "clusters")) ||
      (g_str_equal (kind, "summary") && year == 0))
    {
      g_printerr (_("opora-cli export: say what and where, e.g. “opora-cli export values --out values.xlsx”, "
                    "“export summary --year 2026 --out summary.xlsx” or “export clusters --out clusters.xlsx”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (g_str_equal (kind, "values"))
    {
      if (!opora_export_values (db, out, NULL, &error))
        return cli_fail (error);
      g_print (_("Values written to %s.\n"), out);
      return CLI_OK;
    }
  if (g_str_equal (kind, "summary"))
    {
      if (!opora_export_monitoring (db, year, out, &error))
        return cli_fail (error);
      g_print (_("The monitoring summary of %d written to %s.\n"), year, out);
      return CLI_OK;
    }
  if (run_id == 0 && (run_id = opora_analysis_latest (db, year, &error)) <= 0)
    {
      if (run_id < 0)
        return cli_fail (error);
      g_printerr (_("opora-cli export: there is no analysis to export; run “opora-cli analyze” first.\n"));
      return CLI_INPUT;
    }
  if (!(analysis = opora_analysis_load (db, run_id, &error)) ||
      !opora_export_clusters (db, analysis, out, &error))
    return cli_fail (error);
  g_print (_("Analysis %lld written to %s.\n"), (long long) run_id, out);
  return CLI_OK;
}

const CliCommand cli_import_commands[] = {
  { "read",    N_("Show what Opora reads in a spreadsheet"),          run_read },
  { "import",  N_("Import a spreadsheet into the workspace"),         run_import },
  { "imports", N_("List the imports of the workspace"),              run_imports },
  { "undo",    N_("Undo an import"),                                 run_undo },
  { "export",  N_("Write values, the monitoring summary or clusters to .xlsx"),   run_export },
  { NULL }
};
