/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Programs section's output: road maps to Excel, and a program printed as a road map (A4 landscape). */

#include <glib/gi18n.h>

#include "opora-excel-chooser.h"
#include "opora-program-export.h"
#include "opora-programs-page-private.h"

#define PRINT_FONT  "Sans 9"
#define PAD         4.0
#define FOOTER_HEIGHT 24.0

/* The printed columns and their shares of the width. */
static const double column_shares[] = { 0.04, 0.38, 0.14, 0.16, 0.16, 0.12 };

static const char *
print_header (guint col)
{
  switch (col)
    {
    case 0: return C_("column", "№");
    case 1: return _("Measure");
    case 2: return _("Dates");
    case 3: return _("Responsible");
    case 4: return _("Form of the Report");
    default: return _("Status");
    }
}

static char *
print_cell (const OporaMeasure *m,
            guint               col,
            const char         *today)
{
  switch (col)
    {
    case 0: return g_strdup_printf ("%d", m->position);
    case 1: return g_strdup (m->title);
    case 2:
      {
        g_autofree char *start = opora_programs_page_format_date (m->start);
        g_autofree char *end = opora_programs_page_format_date (m->end);
        return g_strdup_printf ("%s –\n%s", start, end);
      }
    case 3: return g_strdup (m->responsible ? m->responsible : "");
    case 4: return g_strdup (m->report_form ? m->report_form : "");
    default:
      if (opora_measure_is_overdue (m, today))
        return g_strdup_printf ("%s\n⚠ %s", opora_measure_status_label (m->status), _("Overdue"));
      return g_strdup (opora_measure_status_label (m->status));
    }
}

static PangoLayout *
cell_layout (PangoContext *context,
             const char   *text,
             double        width,
             gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (bold ? "Sans Bold 9" : PRINT_FONT);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((width - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws (when @cr is not NULL) one row of cells at @y and returns its height. */
static double
table_row (cairo_t      *cr,
           PangoContext *context,
           char        **texts,
           double        width,
           double        y,
           gboolean      bold)
{
  PangoLayout *layouts[G_N_ELEMENTS (column_shares)];
  double height = 0, x = 0;

  for (guint c = 0; c < G_N_ELEMENTS (column_shares); c++)
    {
      int h;
      layouts[c] = cell_layout (context, texts[c], width * column_shares[c], bold);
      pango_layout_get_pixel_size (layouts[c], NULL, &h);
      height = MAX (height, h + 2 * PAD);
    }
  for (guint c = 0; c < G_N_ELEMENTS (column_shares); c++)
    {
      double w = width * column_shares[c];
      if (cr != NULL)
        {
          cairo_rectangle (cr, x, y, w, height);
          cairo_stroke (cr);
          cairo_move_to (cr, x + PAD, y + PAD);
          pango_cairo_show_layout (cr, layouts[c]);
        }
      x += w;
      g_object_unref (layouts[c]);
    }
  return height;
}

static double
title_block (OporaProgramsPage *self,
             cairo_t           *cr,
             PangoContext      *context,
             double             width)
{
  const OporaProgram *p = self->program;
  g_autofree char *year = opora_school_year_label (p->first_year);
  g_autofree char *text = g_strdup_printf ("%s\n%s %s\n%s %s\n%s %s", _("Road map of support"),
                                           p->school_code, p->school_name, _("School year"), year,
                                           _("Goal:"), p->goal ? p->goal : "");
  g_autoptr(PangoLayout) layout = cell_layout (context, text, width, FALSE);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoAttribute *big = pango_attr_scale_new (1.4);
  int h;

  big->end_index = strlen (_("Road map of support"));
  pango_attr_list_insert (attrs, big);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, NULL, &h);
  if (cr != NULL)
    {
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
    }
  return h + 12;
}

/* "040005 · Page 1 of 2" under the table. */
static void
draw_footer (OporaProgramsPage *self,
             cairo_t           *cr,
             PangoContext      *context,
             double             width,
             double             top,
             int                page,
             int                n_pages)
{
  /* Translators: the footer of a printed road map: the school's code, the page and the pages. */
  g_autofree char *text = g_strdup_printf (_("%s · page %d of %d"), self->program->school_code, page + 1, n_pages);
  g_autoptr(PangoLayout) layout = cell_layout (context, text, width, FALSE);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, 0, top + FOOTER_HEIGHT / 2);
  pango_cairo_show_layout (cr, layout);
}

/**
 * opora_programs_page_draw_road_map:
 * @cr: (nullable): where to draw; %NULL only counts the pages
 * @page: the page to draw, from 0
 * @n_pages: (out) (optional): how many pages the road map takes
 *
 * Lays out the open program as a road map: a title block, then a table of
 * the numbered measures with dates, responsible persons, report form and
 * status, its header repeated on every page.
 */
void
opora_programs_page_draw_road_map (OporaProgramsPage *self,
                                   cairo_t           *cr,
                                   PangoContext      *context,
                                   double             width,
                                   double             height,
                                   int                page,
                                   int               *n_pages)
{
  char *headers[G_N_ELEMENTS (column_shares)];
  int current = 0;
  double y;

  height -= FOOTER_HEIGHT;

  for (guint c = 0; c < G_N_ELEMENTS (column_shares); c++)
    headers[c] = (char *) print_header (c);
  if (cr != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 0.5);
    }
  y = title_block (self, page == 0 ? cr : NULL, context, width);
  y += table_row (page == 0 ? cr : NULL, context, headers, width, y, TRUE);
  for (guint i = 0; self->measures != NULL && i < self->measures->len; i++)
    {
      g_auto(GStrv) texts = g_new0 (char *, G_N_ELEMENTS (column_shares) + 1);
      double h;

      for (guint c = 0; c < G_N_ELEMENTS (column_shares); c++)
        texts[c] = print_cell (self->measures->pdata[i], c, opora_programs_page_today (self));
      h = table_row (NULL, context, texts, width, y, FALSE);
      if (y + h > height)
        {
          current++;
          y = table_row (current == page ? cr : NULL, context, headers, width, 0, TRUE);
        }
      y += table_row (current == page ? cr : NULL, context, texts, width, y, FALSE);
    }
  if (cr != NULL)
    draw_footer (self, cr, context, width, height, page, current + 1);
  if (n_pages != NULL)
    *n_pages = current + 1;
}

/* ---- Printing ---- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                OporaProgramsPage *self)
{
  g_autoptr(GObject) pango_object = G_OBJECT (gtk_print_context_create_pango_context (context));
  PangoContext *pango = PANGO_CONTEXT (pango_object);
  int n = 1;

  opora_programs_page_draw_road_map (self, NULL, pango, gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context), 0, &n);
  gtk_print_operation_set_n_pages (operation, n);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              OporaProgramsPage *self)
{
  g_autoptr(GObject) pango_object = G_OBJECT (gtk_print_context_create_pango_context (context));
  PangoContext *pango = PANGO_CONTEXT (pango_object);

  opora_programs_page_draw_road_map (self, gtk_print_context_get_cairo_context (context), pango,
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context), page, NULL);
}

static GtkPrintOperation *
new_print_operation (OporaProgramsPage *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *name = g_strdup_printf ("%s %s", _("Road map"), self->program->school_code);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  return operation;
}

/**
 * opora_programs_page_print_to_file:
 * @pdf_path: the PDF to write
 *
 * Prints the open program to @pdf_path without a dialog, as the Print
 * dialog would to paper.
 *
 * Returns: %FALSE with @error set when nothing was written
 */
gboolean
opora_programs_page_print_to_file (OporaProgramsPage  *self,
                                   const char         *pdf_path,
                                   GError            **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), FALSE);
  g_return_val_if_fail (self->program != NULL, FALSE);

  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, pdf_path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->program == NULL)
    return;
  operation = new_print_operation (self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    opora_programs_page_toast (self, error->message, FALSE);
}

/* ---- Excel ---- */

/**
 * opora_programs_page_export:
 * @path: the workbook to write
 *
 * Writes the open program's road map, or all programs when none is open.
 *
 * Returns: %FALSE with @error set when the workbook could not be written
 */
gboolean
opora_programs_page_export (OporaProgramsPage  *self,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (self->program != NULL)
    return opora_export_program (self->db, self->program->id, opora_programs_page_today (self), path, error);
  return opora_export_programs (self->db, 0, opora_programs_page_today (self), path, error);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    OporaProgramsPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->db == NULL)
    return;
  if (opora_programs_page_export (self, path, &error))
    opora_programs_page_toast (self, _("Road map exported"), FALSE);
  else
    opora_programs_page_toast (self, error->message, FALSE);
}

static void
choose_export (OporaProgramsPage *self,
               const char        *name)
{
  opora_excel_chooser_show (&self->chooser, GTK_WIDGET (self), _("Export to Excel"), name,
                            G_CALLBACK (export_response_cb), self);
}

static void
export_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->program == NULL)
    return;
  /* Translators: the suggested file name of one program; keep the extension. */
  name = g_strdup_printf (_("Road map %s.xlsx"), self->program->school_code);
  choose_export (self, name);
}

static void
export_all_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);

  opora_programs_page_open_program (self, 0);
  /* Translators: the suggested file name of all programs; keep the extension. */
  choose_export (self, _("Road maps.xlsx"));
}

void
opora_programs_page_output_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "programs.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "programs.export-all", NULL, export_all_cb);
  gtk_widget_class_install_action (widget_class, "programs.print", NULL, print_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "programs.print", NULL);
}
