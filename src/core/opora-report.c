/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The problems of an import as a table: sheet, row, column, severity, cell, message. */

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "opora-error.h"
#include "opora-export.h"
#include "opora-import.h"
#include "opora-reader-private.h"
#include "opora-report.h"

#define N_COLUMNS 6

static const char *
severity_label (OporaSeverity severity)
{
  return severity == OPORA_SEVERITY_ERROR ? _("error") : _("warning");
}

/* The six fields of one problem, as people read them: rows from 1, columns as letters. */
static void
problem_fields (OporaProblem *p,
                char         *fields[N_COLUMNS])
{
  fields[0] = g_strdup (p->sheet ? p->sheet : "");
  fields[1] = p->row != G_MAXUINT32 ? g_strdup_printf ("%u", p->row + 1) : g_strdup ("");
  fields[2] = p->col != G_MAXUINT32 ? opora_column_name (p->col) : g_strdup ("");
  fields[3] = g_strdup (severity_label (p->severity));
  fields[4] = g_strdup (p->cell_text ? p->cell_text : "");
  fields[5] = g_strdup (p->message);
}

static void
header_fields (const char *fields[N_COLUMNS])
{
  fields[0] = _("Sheet");
  fields[1] = _("Row");
  fields[2] = _("Column");
  fields[3] = _("Severity");
  fields[4] = _("Cell");
  fields[5] = _("Problem");
}

static void
append_csv_field (GString    *out,
                  const char *field,
                  gboolean    last)
{
  g_autoptr(GString) quoted = g_string_new (field);

  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_append_printf (out, "\"%s\"%s", quoted->str, last ? "\r\n" : ";");
}

/* UTF-8 with a byte-order mark and ";" between fields: what Excel under a
 * Russian Windows opens correctly by double-click. */
static gboolean
write_csv (GPtrArray   *problems,
           const char  *path,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *header[N_COLUMNS];

  header_fields (header);
  for (guint c = 0; c < N_COLUMNS; c++)
    append_csv_field (out, header[c], c == N_COLUMNS - 1);
  for (guint i = 0; i < problems->len; i++)
    {
      char *fields[N_COLUMNS];
      problem_fields (problems->pdata[i], fields);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          append_csv_field (out, fields[c], c == N_COLUMNS - 1);
          g_free (fields[c]);
        }
    }
  if (!g_file_set_contents (path, out->str, out->len, error))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_clear_error (error);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot write “%s”. Choose another folder."), base);
      return FALSE;
    }
  return TRUE;
}

static void
write_sheet (lxw_workbook  *book,
             lxw_worksheet *sheet,
             GPtrArray     *problems)
{
  static const double widths[N_COLUMNS] = { 14, 8, 9, 14, 24, 80 };
  lxw_format *bold = workbook_add_format (book);
  lxw_format *wrap = workbook_add_format (book);
  const char *header[N_COLUMNS];

  format_set_bold (bold);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  header_fields (header);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      worksheet_write_string (sheet, 0, c, header[c], bold);
      worksheet_set_column (sheet, c, c, widths[c], c == N_COLUMNS - 1 ? wrap : NULL);
    }
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, problems->len, N_COLUMNS - 1);
  for (guint i = 0; i < problems->len; i++)
    {
      OporaProblem *p = problems->pdata[i];
      char *fields[N_COLUMNS];

      problem_fields (p, fields);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c == 1 && p->row != G_MAXUINT32)
            worksheet_write_number (sheet, i + 1, c, p->row + 1, NULL);
          else
            worksheet_write_string (sheet, i + 1, c, fields[c], c == N_COLUMNS - 1 ? wrap : NULL);
          g_free (fields[c]);
        }
    }
}

static gboolean
write_xlsx (GPtrArray   *problems,
            const char  *path,
            GError     **error)
{
  lxw_workbook *book = workbook_new (path);

  if (book == NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot write “%s”. Choose another folder."), base);
      return FALSE;
    }
  write_sheet (book, workbook_add_worksheet (book, _("Problems")), problems);
  return opora_export_close (book, path, TRUE, error);
}

/**
 * opora_report_write:
 * @problems: (element-type OporaProblem): an import's problems
 * @path: a file ending in .xlsx (a formatted table) or anything else (CSV)
 *
 * Writes one row per problem: sheet, row (from 1), column letter, severity,
 * what the cell said and the message, in the user's language.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_report_write (GPtrArray   *problems,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  g_return_val_if_fail (problems != NULL && path != NULL, FALSE);
  return g_str_has_suffix (lower, ".xlsx") ? write_xlsx (problems, path, error)
                                           : write_csv (problems, path, error);
}
