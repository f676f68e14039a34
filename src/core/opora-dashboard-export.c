/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard as an .xlsx workbook: key figures, ranking, outcome and programs behind, a sheet each. */

#include "config.h"

#include "opora-dashboard.h"

#include "opora-error.h"
#include "opora-export.h"
#include "opora-program.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <xlsxwriter.h>

typedef struct {
  lxw_workbook *book;
  lxw_format   *title;
  lxw_format   *header;
  lxw_format   *cell;
  lxw_format   *centre;
  lxw_format   *number;    /* 12 */
  lxw_format   *decimal;   /* 0,25 */
  lxw_format   *change;    /* +0,25 / −0,25 */
  lxw_format   *good;      /* a change the good way, bold */
  const OporaDashboard *d;
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

static lxw_format *
numeric (lxw_workbook *book,
         const char   *num_format)
{
  lxw_format *f = bordered (book);

  format_set_num_format (f, num_format);
  format_set_align (f, LXW_ALIGN_CENTER);
  return f;
}

static void
add_formats (Book *b)
{
  b->title = workbook_add_format (b->book);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->header = bordered (b->book);
  format_set_bold (b->header);
  format_set_align (b->header, LXW_ALIGN_CENTER);
  format_set_bg_color (b->header, 0xE8EEF4);
  b->cell = bordered (b->book);
  b->centre = bordered (b->book);
  format_set_align (b->centre, LXW_ALIGN_CENTER);
  b->number = numeric (b->book, "0");
  b->decimal = numeric (b->book, "0.00");
  b->change = numeric (b->book, "+0.00;-0.00;0.00");
  b->good = numeric (b->book, "+0.0;-0.0;0.0");
  format_set_bold (b->good);
}

/* A value, or a dash when there is none. */
static void
write_value (Book          *b,
             lxw_worksheet *sheet,
             guint          row,
             guint          col,
             double         value,
             lxw_format    *format)
{
  if (isfinite (value))
    worksheet_write_number (sheet, row, col, value, format);
  else
    worksheet_write_string (sheet, row, col, "—", b->centre);
}

static lxw_worksheet *
add_sheet (Book         *b,
           const char   *name,
           const char   *title,
           const char  **headers,
           const double *widths,
           guint         n)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, name);

  worksheet_write_string (sheet, 0, 0, title, b->title);
  for (guint c = 0; c < n; c++)
    {
      worksheet_write_string (sheet, 2, c, headers[c], b->header);
      worksheet_set_column (sheet, c, c, widths[c], NULL);
    }
  worksheet_freeze_panes (sheet, 3, 0);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_repeat_rows (sheet, 2, 2);
  return sheet;
}

static const char *
direction_text (const OporaFigure *f)
{
  if (!isfinite (f->change))
    return "—";
  if (f->change == 0)
    return _("no change");
  return opora_figure_is_good (f) ? _("better") : _("worse");
}

static void
write_figures (Book *b)
{
  const OporaDashboard *d = b->d;
  g_autofree char *now = opora_school_year_label (d->year);
  g_autofree char *then = opora_school_year_label (d->year - 1);
  g_autofree char *title = g_strdup_printf (_("Dashboard of the school year %s"), now);
  const char *headers[] = { _("Figure"), now, then, _("Change"), _("Direction") };
  const double widths[] = { 46, 12, 12, 12, 14 };
  lxw_worksheet *sheet = add_sheet (b, _("Figures"), title, headers, widths, G_N_ELEMENTS (headers));
  guint row = 3;

  for (guint i = 0; i < OPORA_N_FIGURES; i++, row++)
    {
      const OporaFigure *f = &d->figures[i];
      lxw_format *format = f->kind == OPORA_FIGURE_ON_TIME ? b->decimal : b->number;
      g_autofree char *label = f->kind == OPORA_FIGURE_ON_TIME
        ? g_strdup_printf (_("%s, per cent of due"), opora_figure_label (f->kind)) : g_strdup (opora_figure_label (f->kind));

      worksheet_write_string (sheet, row, 0, label, b->cell);
      write_value (b, sheet, row, 1, f->value, format);
      write_value (b, sheet, row, 2, f->previous, format);
      write_value (b, sheet, row, 3, f->change, opora_figure_is_good (f) ? b->good : b->change);
      worksheet_write_string (sheet, row, 4, direction_text (f), b->centre);
    }
  row++;
  worksheet_write_string (sheet, row++, 0, _("Mentors and tutors by level"), b->header);
  for (guint i = 0; i < d->levels->len; i++, row++)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];

      worksheet_write_string (sheet, row, 0, l->name, b->cell);
      worksheet_write_number (sheet, row, 1, l->count, b->number);
      worksheet_write_number (sheet, row, 2, l->previous, b->number);
      worksheet_write_number (sheet, row, 3, (double) l->count - l->previous, b->change);
    }
}

/* Every year of the ranking's histories, ascending. */
static GArray *
history_years (const OporaDashboard *d)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < d->ranking->len; i++)
    {
      const OporaDashboardRank *r = d->ranking->pdata[i];

      for (guint j = 0; j < r->history->len; j++)
        {
          int y = g_array_index (r->history, OporaDashboardPoint, j).year;
          guint k = 0;

          while (k < years->len && g_array_index (years, int, k) < y)
            k++;
          if (k == years->len || g_array_index (years, int, k) != y)
            g_array_insert_val (years, k, y);
        }
    }
  return years;
}

static void
write_rank (Book                     *b,
            lxw_worksheet            *sheet,
            guint                     row,
            const OporaDashboardRank *r,
            GArray                   *years)
{
  worksheet_write_number (sheet, row, 0, row - 2, b->centre);
  worksheet_write_string (sheet, row, 1, r->name, b->cell);
  worksheet_write_string (sheet, row, 2, opora_role_label (r->role), b->cell);
  worksheet_write_number (sheet, row, 3, r->total, b->number);
  write_value (b, sheet, row, 4, r->max_total >= 0 ? r->max_total : NAN, b->number);
  worksheet_write_string (sheet, row, 5, r->level_name != NULL ? r->level_name : "—", b->centre);
  for (guint k = 0; k < years->len; k++)
    {
      double total = NAN;

      for (guint j = 0; j < r->history->len; j++)
        if (g_array_index (r->history, OporaDashboardPoint, j).year == g_array_index (years, int, k))
          total = g_array_index (r->history, OporaDashboardPoint, j).total;
      write_value (b, sheet, row, 6 + k, total, b->number);
    }
}

static void
write_ranking (Book *b)
{
  const OporaDashboard *d = b->d;
  g_autoptr(GArray) years = history_years (d);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  const char *fixed[] = { _("No."), _("Full name"), _("Role"), _("Total"), _("Of"), _("Level") };
  const double fixed_widths[] = { 5, 36, 14, 8, 6, 20 };
  lxw_worksheet *sheet;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_ptr_array_add (headers, g_strdup (fixed[i]));
      g_array_append_val (widths, fixed_widths[i]);
    }
  for (guint k = 0; k < years->len; k++)
    {
      double w = 10;
      g_ptr_array_add (headers, opora_school_year_label (g_array_index (years, int, k)));
      g_array_append_val (widths, w);
    }
  sheet = add_sheet (b, _("Ranking"), _("Mentors and tutors ranked by their total"),
                     (const char **) headers->pdata, (double *) widths->data, headers->len);
  for (guint i = 0; i < d->ranking->len; i++)
    write_rank (b, sheet, 3 + i, d->ranking->pdata[i], years);
}

static void
write_outcome (Book *b)
{
  const OporaDashboard *d = b->d;
  const char *headers[] = { _("Cluster"), _("Supported schools"), _("Mean change, supported"),
                            _("Other schools"), _("Mean change, others"), _("Difference") };
  const double widths[] = { 40, 12, 14, 12, 14, 12 };
  lxw_worksheet *sheet = add_sheet (b, _("Outcome"),
                                    _("Change of the results index: supported schools beside the others of their cluster"),
                                    headers, widths, G_N_ELEMENTS (headers));

  for (guint i = 0; i < d->outcome->len; i++)
    {
      const OporaDashboardOutcome *o = d->outcome->pdata[i];
      g_autofree char *name = o->name != NULL ? g_strdup (o->name) : g_strdup_printf (_("Cluster %d"), o->cluster);
      guint row = 3 + i;

      worksheet_write_string (sheet, row, 0, name, o->cluster == 0 ? b->header : b->cell);
      worksheet_write_number (sheet, row, 1, o->n_supported, b->number);
      write_value (b, sheet, row, 2, o->mean_supported, b->change);
      worksheet_write_number (sheet, row, 3, o->n_other, b->number);
      write_value (b, sheet, row, 4, o->mean_other, b->change);
      write_value (b, sheet, row, 5, o->difference, b->change);
    }
}

static void
write_behind (Book *b)
{
  const OporaDashboard *d = b->d;
  const char *headers[] = { _("No."), _("School code"), _("School"), _("Measures"), _("Overdue") };
  const double widths[] = { 5, 12, 48, 10, 10 };
  g_autofree char *title = g_strdup_printf (_("Programs with overdue measures on %s"), d->today);
  lxw_worksheet *sheet = add_sheet (b, _("Programs behind"), title, headers, widths, G_N_ELEMENTS (headers));

  for (guint i = 0; i < d->behind->len; i++)
    {
      const OporaDashboardBehind *p = d->behind->pdata[i];
      guint row = 3 + i;

      worksheet_write_number (sheet, row, 0, i + 1, b->centre);
      worksheet_write_string (sheet, row, 1, p->school_code, b->cell);
      worksheet_write_string (sheet, row, 2, p->school_name, b->cell);
      worksheet_write_number (sheet, row, 3, p->n_measures, b->number);
      worksheet_write_number (sheet, row, 4, p->n_overdue, b->number);
    }
}

/**
 * opora_dashboard_export_xlsx:
 * @dashboard: a computed dashboard
 * @path: the .xlsx file to write
 *
 * Writes four sheets: the key figures with this year, the year before, the
 * change and whether it is better or worse, and the levels of mentors and
 * tutors; the ranking with each person's totals by year; the outcome by
 * cluster; the programs with overdue measures. Headers are bordered and
 * frozen, pages landscape A4.
 *
 * Returns: %FALSE with @error set when the file cannot be written; no
 *   half-written file is left
 */
gboolean
opora_dashboard_export_xlsx (const OporaDashboard  *dashboard,
                             const char            *path,
                             GError               **error)
{
  Book b = { .d = dashboard };

  g_return_val_if_fail (dashboard != NULL && path != NULL, FALSE);
  if (!(b.book = workbook_new (path)))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot write “%s”. Choose another folder."), base);
      return FALSE;
    }
  add_formats (&b);
  write_figures (&b);
  write_ranking (&b);
  write_outcome (&b);
  write_behind (&b);
  return opora_export_close (b.book, path, TRUE, error);
}
