/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Support programs as .xlsx workbooks in the road-map layout departments print. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "opora-error.h"
#include "opora-program-export.h"
#include "opora-program-score.h"

/* The road map's columns: № / measure / start / end / responsible / participants /
 * report form / status, widths in characters so that a landscape A4 page holds them. */
static const struct {
  const char *title;
  double      width;
} columns[] = {
  { N_("No."), 5 },
  { N_("Measure"), 50 },
  { N_("Start"), 11 },
  { N_("End"), 11 },
  { N_("Responsible"), 22 },
  { N_("Participants"), 24 },
  { N_("Report form"), 22 },
  { N_("Status"), 16 },
};
#define N_COLUMNS G_N_ELEMENTS (columns)
#define HEADER_ROW 6  /* below the title block */

typedef struct {
  lxw_workbook *book;
  lxw_format   *title;
  lxw_format   *label;
  lxw_format   *value;
  lxw_format   *header;
  lxw_format   *stage;
  lxw_format   *cell;
  lxw_format   *centre;
  lxw_format   *date;
  lxw_format   *overdue;
  GHashTable   *sheet_names;  /* the names used, to keep them unique */
  const char   *today;
} Book;

static lxw_format *
bordered (lxw_workbook *book)
{
  lxw_format *f = workbook_add_format (book);

  format_set_border (f, LXW_BORDER_THIN);
  format_set_text_wrap (f);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

static void
add_formats (Book *b)
{
  b->title = workbook_add_format (b->book);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  format_set_align (b->title, LXW_ALIGN_CENTER);
  b->label = workbook_add_format (b->book);
  format_set_bold (b->label);
  format_set_align (b->label, LXW_ALIGN_VERTICAL_TOP);
  b->value = workbook_add_format (b->book);
  format_set_text_wrap (b->value);
  format_set_align (b->value, LXW_ALIGN_VERTICAL_TOP);
  b->header = bordered (b->book);
  format_set_bold (b->header);
  format_set_align (b->header, LXW_ALIGN_CENTER);
  format_set_bg_color (b->header, 0xE8EEF4);
  b->stage = bordered (b->book);
  format_set_bold (b->stage);
  format_set_bg_color (b->stage, 0xF4F4F4);
  b->cell = bordered (b->book);
  b->centre = bordered (b->book);
  format_set_align (b->centre, LXW_ALIGN_CENTER);
  b->date = bordered (b->book);
  format_set_num_format (b->date, "dd.mm.yyyy");
  format_set_align (b->date, LXW_ALIGN_CENTER);
  b->overdue = bordered (b->book);
  format_set_bold (b->overdue);
}

static gboolean
book_open (Book        *b,
           const char  *path,
           const char  *today,
           GError     **error)
{
  if (!(b->book = workbook_new (path)))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot write “%s”. Choose another folder."), base);
      return FALSE;
    }
  b->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->today = today;
  add_formats (b);
  return TRUE;
}

/* Writes the file; workbook_close frees the workbook whatever it returns. */
static gboolean
book_close (Book        *b,
            const char  *path,
            GError     **error)
{
  lxw_error result = workbook_close (g_steal_pointer (&b->book));

  g_clear_pointer (&b->sheet_names, g_hash_table_unref);
  if (result == LXW_NO_ERROR)
    return TRUE;
  {
    g_autofree char *base = g_path_get_basename (path);
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
                 _("Cannot write “%s”: %s. Free some disk space or choose another folder."), base, lxw_strerror (result));
  }
  return FALSE;
}

/* The school's code, made a valid, unused sheet name: "0012", "0012 (2)". */
static char *
sheet_name (Book       *b,
            const char *code)
{
  g_autofree char *clean = g_strndup (code, 24);

  g_strdelimit (clean, "[]:*?/\\'", '_');
  for (guint n = 1; ; n++)
    {
      char *name = n == 1 ? g_strdup (clean) : g_strdup_printf ("%s (%u)", clean, n);
      if (!g_hash_table_contains (b->sheet_names, name))
        {
          g_hash_table_add (b->sheet_names, name);
          return g_strdup (name);
        }
      g_free (name);
    }
}

static void
write_date (lxw_worksheet *sheet,
            guint          row,
            guint          col,
            const char    *date,
            lxw_format    *format)
{
  lxw_datetime dt = { 0 };

  if (date != NULL && sscanf (date, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
    worksheet_write_datetime (sheet, row, col, &dt, format);
  else
    worksheet_write_blank (sheet, row, col, format);
}

static void
write_title_block (Book                *b,
                   lxw_worksheet       *sheet,
                   const OporaProgram  *p)
{
  g_autofree char *school = g_strdup_printf ("%s (%s)", p->school_name, p->school_code);
  g_autofree char *year = opora_school_year_label (p->first_year);
  g_autofree char *years = p->last_year > p->first_year
    ? g_strdup_printf ("%s – %d/%02d", year, p->last_year - 1, p->last_year % 100) : g_strdup (year);
  g_autofree char *base = p->base_name != NULL ? g_strdup_printf ("%s (%s)", p->base_name, p->base_code) : g_strdup ("—");
  const char *labels[] = { _("School"), _("School year"), _("Goal"), _("Base school") };
  const char *values[] = { school, years, p->goal, base };

  worksheet_merge_range (sheet, 0, 0, 0, N_COLUMNS - 1, _("Road map of the support program"), b->title);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      worksheet_write_string (sheet, 1 + i, 0, labels[i], b->label);
      worksheet_merge_range (sheet, 1 + i, 1, 1 + i, N_COLUMNS - 1, values[i], b->value);
    }
  worksheet_set_row (sheet, 3, 30, NULL);
}

static void
write_header (Book          *b,
              lxw_worksheet *sheet)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      worksheet_write_string (sheet, HEADER_ROW, c, _(columns[c].title), b->header);
      worksheet_set_column (sheet, c, c, columns[c].width, NULL);
    }
  worksheet_freeze_panes (sheet, HEADER_ROW + 1, 0);
}

static void
page_setup (lxw_worksheet *sheet,
            const char    *footer_text)
{
  g_autofree char *footer = g_strdup_printf ("&L%s&R&P / &N", footer_text);

  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  worksheet_set_margins (sheet, 0.4, 0.4, 0.6, 0.6);
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_repeat_rows (sheet, HEADER_ROW, HEADER_ROW);
  worksheet_set_footer (sheet, footer);
}

/* "planned", or "planned — overdue" when the end date has passed. */
static char *
status_text (const OporaMeasure *m,
             const char         *today)
{
  if (opora_measure_is_overdue (m, today))
    return g_strdup_printf (_("%s — overdue"), opora_measure_status_label (m->status));
  return g_strdup (opora_measure_status_label (m->status));
}

static guint
write_measure (Book               *b,
               lxw_worksheet      *sheet,
               guint               row,
               guint               number,
               const OporaMeasure *m)
{
  g_autofree char *status = status_text (m, b->today);

  worksheet_write_number (sheet, row, 0, number, b->centre);
  worksheet_write_string (sheet, row, 1, m->title, b->cell);
  write_date (sheet, row, 2, m->start, b->date);
  write_date (sheet, row, 3, m->end, b->date);
  worksheet_write_string (sheet, row, 4, m->responsible, b->cell);
  worksheet_write_string (sheet, row, 5, m->participants, b->cell);
  worksheet_write_string (sheet, row, 6, m->report_form, b->cell);
  worksheet_write_string (sheet, row, 7, status,
                          opora_measure_is_overdue (m, b->today) ? b->overdue : b->cell);
  return row + 1;
}

/* The measures under a row per stage, numbered through. */
static void
write_measures (Book          *b,
                lxw_worksheet *sheet,
                GPtrArray     *measures)
{
  const char *stage = NULL;
  guint row = HEADER_ROW + 1;

  for (guint i = 0; i < measures->len; i++)
    {
      const OporaMeasure *m = measures->pdata[i];

      if (stage == NULL || !g_str_equal (stage, m->stage))
        {
          stage = m->stage;
          if (*stage != '\0')
            {
              worksheet_merge_range (sheet, row, 0, row, N_COLUMNS - 1, stage, b->stage);
              row++;
            }
        }
      row = write_measure (b, sheet, row, i + 1, m);
    }
}

static gboolean
add_program_sheet (Book      *b,
                   OporaDb   *db,
                   gint64     program_id,
                   GError   **error)
{
  g_autoptr(OporaProgram) p = opora_program_get (db, program_id, error);
  g_autoptr(GPtrArray) measures = NULL;
  g_autofree char *name = NULL;
  g_autofree char *year = NULL;
  g_autofree char *footer = NULL;
  lxw_worksheet *sheet;

  if (p == NULL || !(measures = opora_program_measures (db, program_id, error)))
    return FALSE;
  name = sheet_name (b, p->school_code);
  year = opora_school_year_label (p->first_year);
  footer = g_strdup_printf ("%s, %s", p->school_code, year);
  sheet = workbook_add_worksheet (b->book, name);
  write_title_block (b, sheet, p);
  write_header (b, sheet);
  write_measures (b, sheet, measures);
  page_setup (sheet, footer);
  return TRUE;
}

/**
 * opora_export_program:
 * @db: a workspace
 * @program_id: a program
 * @today: the date overdue measures are judged by, YYYY-MM-DD
 * @path: the .xlsx file to write
 *
 * Writes the program as a road map: a title block (school, school year,
 * goal, base school), then a table of the measures grouped by stage with
 * borders, wrapped text, a frozen header repeated on every printed page,
 * landscape A4.
 *
 * Returns: %FALSE with @error set when there is no such program or the file
 *   cannot be written
 */
gboolean
opora_export_program (OporaDb     *db,
                      gint64       program_id,
                      const char  *today,
                      const char  *path,
                      GError     **error)
{
  Book b = { 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL && today != NULL && path != NULL, FALSE);
  if (!book_open (&b, path, today, error))
    return FALSE;
  ok = add_program_sheet (&b, db, program_id, error);
  if (!book_close (&b, path, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    g_remove (path);
  return ok;
}

static const struct {
  const char *title;
  double      width;
} summary_columns[] = {
  { N_("No."), 5 },
  { N_("School code"), 10 },
  { N_("School"), 36 },
  { N_("School year"), 10 },
  { N_("Base school"), 30 },
  { N_("Measures"), 10 },
  { N_("Done"), 8 },
  { N_("Overdue"), 10 },
  { N_("Score (of 16)"), 10 },
  { N_("Monitoring status"), 18 },
};

static void
write_summary_row (Book               *b,
                   lxw_worksheet      *sheet,
                   guint               row,
                   const OporaProgram *p,
                   guint               n_overdue,
                   const OporaProgramScore *s)
{
  g_autofree char *year = opora_school_year_label (p->first_year);

  worksheet_write_string (sheet, row, 1, p->school_code, b->cell);
  worksheet_write_string (sheet, row, 2, p->school_name, b->cell);
  worksheet_write_string (sheet, row, 3, year, b->centre);
  worksheet_write_string (sheet, row, 4, p->base_name != NULL ? p->base_name : "—", b->cell);
  worksheet_write_number (sheet, row, 5, p->n_measures, b->centre);
  worksheet_write_number (sheet, row, 6, p->n_done, b->centre);
  worksheet_write_number (sheet, row, 7, n_overdue, b->centre);
  worksheet_write_number (sheet, row, 8, s->total, b->centre);
  worksheet_write_string (sheet, row, 9, opora_light_label (s->light), b->cell);
}

/* The summary sheet, first in the workbook: a row per program. */
static gboolean
add_summary (Book       *b,
             OporaDb    *db,
             GPtrArray  *programs,
             GError    **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, _("Summary"));
  guint row = 2;

  g_hash_table_add (b->sheet_names, g_strdup (_("Summary")));
  worksheet_merge_range (sheet, 0, 0, 0, G_N_ELEMENTS (summary_columns) - 1, _("Support programs"), b->title);
  for (guint c = 0; c < G_N_ELEMENTS (summary_columns); c++)
    {
      worksheet_write_string (sheet, 1, c, _(summary_columns[c].title), b->header);
      worksheet_set_column (sheet, c, c, summary_columns[c].width, NULL);
    }
  worksheet_freeze_panes (sheet, 2, 0);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_repeat_rows (sheet, 1, 1);
  for (guint i = 0; i < programs->len; i++, row++)
    {
      OporaProgram *p = programs->pdata[i];
      g_autoptr(GPtrArray) measures = opora_program_measures (db, p->id, error);
      OporaProgramScore s;

      if (measures == NULL)
        return FALSE;
      opora_program_score (p, measures, b->today, &s);
      write_summary_row (b, sheet, row, p, opora_program_count_overdue (measures, b->today), &s);
      worksheet_write_number (sheet, row, 0, i + 1, b->centre);
    }
  return TRUE;
}

/**
 * opora_export_programs:
 * @db: a workspace
 * @year: only programs covering this year, or 0 for all
 * @today: the date overdue measures are judged by, YYYY-MM-DD
 * @path: the .xlsx file to write
 *
 * Writes a summary sheet (a row per program: measures, done, overdue, the
 * monitoring score and status), then a road-map sheet per program, named by
 * the school's code.
 *
 * Returns: %FALSE with @error set when the file cannot be written
 */
gboolean
opora_export_programs (OporaDb     *db,
                       int          year,
                       const char  *today,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GPtrArray) programs = opora_program_list (db, year, error);
  Book b = { 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL && today != NULL && path != NULL, FALSE);
  if (programs == NULL || !book_open (&b, path, today, error))
    return FALSE;
  ok = add_summary (&b, db, programs, error);
  for (guint i = 0; ok && i < programs->len; i++)
    ok = add_program_sheet (&b, db, ((OporaProgram *) programs->pdata[i])->id, error);
  if (!book_close (&b, path, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    g_remove (path);
  return ok;
}
