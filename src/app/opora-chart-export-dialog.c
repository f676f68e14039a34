/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The export dialog: the choices go out in ::chosen, the page then asks where to save. */

#include "opora-chart-export-dialog.h"

#include <glib/gi18n.h>

enum {
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _OporaChartExportDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwComboRow   *format_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkSpinButton *dpi_spin;
  GtkLabel      *size_label;
};

G_DEFINE_FINAL_TYPE (OporaChartExportDialog, opora_chart_export_dialog, ADW_TYPE_WINDOW)

/* What the numbers mean on paper: "32.5 × 18.3 cm; text as on a 96 dpi screen at 64 %". */
static void
update_size_label (OporaChartExportDialog *self)
{
  double width = gtk_spin_button_get_value (self->width_spin);
  double height = gtk_spin_button_get_value (self->height_spin);
  double dpi = gtk_spin_button_get_value (self->dpi_spin);
  /* Translators: the printed size of an exported chart in centimetres. */
  g_autofree char *text = g_strdup_printf (_("%.1f × %.1f cm at this resolution; text and markers keep their size in centimetres, so SVG and PDF look the same as PNG."),
                                           width / dpi * 2.54, height / dpi * 2.54);

  gtk_label_set_text (self->size_label, text);
}

static void
value_changed_cb (OporaChartExportDialog *self)
{
  update_size_label (self);
}

static void
export_clicked_cb (OporaChartExportDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, adw_combo_row_get_selected (self->format_row),
                 gtk_spin_button_get_value (self->width_spin), gtk_spin_button_get_value (self->height_spin),
                 gtk_spin_button_get_value (self->dpi_spin));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
opora_chart_export_dialog_class_init (OporaChartExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * OporaChartExportDialog::chosen:
   * @format: an #OporaPlotFormat
   * @width: pixels of the PNG
   * @height: likewise
   * @dpi: the resolution; SVG and PDF are laid out as the PNG would be
   */
  signals[SIGNAL_CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-chart-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaChartExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, OporaChartExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaChartExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaChartExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaChartExportDialog, size_label);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
opora_chart_export_dialog_init (OporaChartExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * opora_chart_export_dialog_new:
 * @parent: the window it is modal to
 * @format: the format offered first
 * @width: the width offered, in pixels
 * @height: likewise
 * @dpi: the resolution offered
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
OporaChartExportDialog *
opora_chart_export_dialog_new (GtkWindow       *parent,
                               OporaPlotFormat  format,
                               double           width,
                               double           height,
                               double           dpi)
{
  OporaChartExportDialog *self = g_object_new (OPORA_TYPE_CHART_EXPORT_DIALOG, "transient-for", parent, NULL);

  adw_combo_row_set_selected (self->format_row, format);
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  gtk_spin_button_set_value (self->dpi_spin, dpi);
  update_size_label (self);
  return self;
}
