/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart out of the window: PNG, SVG and PDF files, the clipboard and print, all light and at scale 1. */

#include "opora-chart-view-private.h"

#include <glib/gi18n.h>

#include "opora-error.h"
#include "opora-plot-render.h"

#define POINTS_PER_PX 0.75  /* CSS pixels are 1/96 inch, points 1/72 */

/**
 * opora_chart_view_with_paper_options:
 * @saved: (out): the model's options, for opora_chart_view_restore_options()
 *
 * Sets the model up for paper and files: a light background at scale 1,
 * whatever the window shows. Ends a move between years first, so the file
 * shows the chart as it settles.
 */
void
opora_chart_view_with_paper_options (OporaChartView   *self,
                                     OporaPlotOptions *saved)
{
  opora_chart_view_finish_animation (self);
  *saved = self->model->options;
  self->model->options.dark = FALSE;
  self->model->options.scale = 1;
}

void
opora_chart_view_restore_options (OporaChartView         *self,
                                  const OporaPlotOptions *saved)
{
  self->model->options = *saved;
}

static gboolean
check_model (OporaChartView  *self,
             GError         **error)
{
  if (self->model != NULL)
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("There is no chart to export: run the analysis first."));
  return FALSE;
}

/**
 * opora_chart_view_export_bytes:
 * @format: PNG, SVG or PDF
 * @width: see opora_plot_export_bytes()
 * @height: likewise
 * @dpi: likewise (PNG only)
 * @error: return location for an error
 *
 * The chart shown (its axes, zoom and selection) as a file's bytes, light
 * even when the window is dark.
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with @error set
 */
GBytes *
opora_chart_view_export_bytes (OporaChartView   *self,
                               OporaPlotFormat   format,
                               double            width,
                               double            height,
                               double            dpi,
                               GError          **error)
{
  OporaPlotOptions saved;
  GBytes *bytes;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_model (self, error))
    return NULL;
  opora_chart_view_with_paper_options (self, &saved);
  bytes = opora_plot_export_bytes (self->model, format, width, height, dpi, error);
  opora_chart_view_restore_options (self, &saved);
  return bytes;
}

/**
 * opora_chart_view_export:
 * @path: the file to write; .png, .svg or .pdf names the format
 *
 * Like opora_chart_view_export_bytes(), to a file written at once.
 *
 * Returns: whether the file was written
 */
gboolean
opora_chart_view_export (OporaChartView  *self,
                         const char      *path,
                         double           width,
                         double           height,
                         double           dpi,
                         GError         **error)
{
  OporaPlotOptions saved;
  gboolean ok;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_model (self, error))
    return FALSE;
  opora_chart_view_with_paper_options (self, &saved);
  ok = opora_plot_export (self->model, path, width, height, dpi, error);
  opora_chart_view_restore_options (self, &saved);
  return ok;
}

/**
 * opora_chart_view_copy:
 *
 * Puts the chart on the clipboard as an image, drawn as a PNG of
 * @width × @height at @dpi would be.
 *
 * Returns: whether the image was made
 */
gboolean
opora_chart_view_copy (OporaChartView  *self,
                       double           width,
                       double           height,
                       double           dpi,
                       GError         **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), FALSE);

  if (!(png = opora_chart_view_export_bytes (self, OPORA_PLOT_FORMAT_PNG, width, height, dpi, error)) ||
      !(texture = gdk_texture_new_from_bytes (png, error)))
    return FALSE;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  return TRUE;
}

/* ---- Print ---- */

/* The page's printable area in points, the chart on it in CSS pixels. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              OporaChartView    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context) / POINTS_PER_PX;
  double height = gtk_print_context_get_height (context) / POINTS_PER_PX;
  OporaPlotOptions saved;

  if (self->model == NULL || width < 16 || height < 16)
    return;
  opora_chart_view_with_paper_options (self, &saved);
  cairo_save (cr);
  cairo_scale (cr, POINTS_PER_PX, POINTS_PER_PX);
  opora_plot_render (self->model, cr, width, height);
  cairo_restore (cr);
  opora_chart_view_restore_options (self, &saved);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               OporaChartView          *self)
{
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;
  g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  g_set_object (&self->page_setup, gtk_print_operation_get_default_page_setup (operation));
}

/* A4 landscape, unless the user chose otherwise the last time. */
static GtkPageSetup *
default_page_setup (OporaChartView *self)
{
  GtkPageSetup *setup;
  GtkPaperSize *a4;

  if (self->page_setup != NULL)
    return g_object_ref (self->page_setup);
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_paper_size_free (a4);
  return setup;
}

static GtkPrintOperation *
print_operation_new (OporaChartView *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = default_page_setup (self);

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, self->model->title);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  return operation;
}

/**
 * opora_chart_view_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @export_path: (nullable): write this PDF without a dialog instead
 * @error: return location for an error
 *
 * Prints the chart on one page, A4 landscape by default, with the renderer
 * of the window and the files. With a dialog the call returns at once
 * (%GTK_PRINT_OPERATION_RESULT_IN_PROGRESS); with @export_path the PDF is
 * written before it returns.
 *
 * Returns: how it went; %GTK_PRINT_OPERATION_RESULT_ERROR with @error set
 */
GtkPrintOperationResult
opora_chart_view_print (OporaChartView  *self,
                        GtkWindow       *parent,
                        const char      *export_path,
                        GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (OPORA_IS_CHART_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (!check_model (self, error))
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  operation = print_operation_new (self);
  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  gtk_print_operation_set_allow_async (operation, TRUE);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
}
