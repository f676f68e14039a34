/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import wizard's steps and the first two of them: choosing the file and how to read it. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-column-match.h"
#include "opora-import-history.h"
#include "opora-import-problem.h"
#include "opora-import-target.h"
#include "opora-import-window-private.h"

#define NO_ROW G_MAXUINT32
#define PREVIEW_COLS 40

G_DEFINE_FINAL_TYPE (OporaImportWindow, opora_import_window, ADW_TYPE_WINDOW)

/* The steps in order, as the stack names them; "error" and "progress" stand between them. */
static const struct {
  const char *name;
  const char *title;
} steps[] = {
  { "file",    N_("File") },
  { "reading", N_("Reading") },
  { "columns", N_("Columns") },
  { "check",   N_("Check") },
  { "done",    N_("Import") },
};

static void
import_sheet_free (ImportSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->error);
  g_clear_pointer (&sheet->preview, opora_sheet_free);
  g_clear_pointer (&sheet->layout, opora_layout_free);
  g_free (sheet);
}

void
import_job_free (ImportJob *job)
{
  if (job == NULL)
    return;
  g_clear_pointer (&job->import, opora_import_free);
  g_clear_pointer (&job->reader, opora_reader_free);
  g_clear_pointer (&job->db, opora_db_free);
  g_free (job);
}

OporaDb *
opora_import_window_get_db (OporaImportWindow *self)
{
  return opora_window_get_db (self->window);
}

/* Returns: (nullable): the sheet shown in the preview and the Columns step */
ImportSheet *
opora_import_window_get_sheet (OporaImportWindow *self)
{
  if (self->sheets == NULL || self->current >= self->sheets->len)
    return NULL;
  return self->sheets->pdata[self->current];
}

void
opora_import_window_show_toast (OporaImportWindow *self,
                                const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static const char *
visible_step (OporaImportWindow *self)
{
  return gtk_stack_get_visible_child_name (self->step_stack);
}

static gboolean
on_step (OporaImportWindow *self,
         const char        *name)
{
  return g_strcmp0 (visible_step (self), name) == 0;
}

static void
update_title (OporaImportWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *name = visible_step (self);

  if (g_strcmp0 (name, "error") == 0)
    name = "file";
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (name, steps[i].name) == 0)
      /* Translators: the wizard's subtitle, e.g. "Step 2 of 5: Reading". */
      subtitle = g_strdup_printf (_("Step %u of %u: %s"), i + 1, (guint) G_N_ELEMENTS (steps),
                                  _(steps[i].title));
  if (subtitle != NULL)
    adw_window_title_set_subtitle (self->window_title, subtitle);
}

static gboolean
sheets_ready (OporaImportWindow *self)
{
  guint taken = 0;

  for (guint i = 0; self->sheets != NULL && i < self->sheets->len; i++)
    {
      ImportSheet *sheet = self->sheets->pdata[i];
      if (sheet->take && sheet->layout == NULL)
        return FALSE;
      taken += sheet->take;
    }
  return taken > 0;
}

static void
update_next_label (OporaImportWindow *self)
{
  g_autofree char *label = NULL;

  if (on_step (self, "check") && self->job != NULL)
    {
      guint n = opora_import_window_count_values (self);
      label = g_strdup_printf (ngettext ("_Import %u Value", "_Import %u Values", n), n);
    }
  gtk_button_set_label (GTK_BUTTON (self->next_button), label ? label : _("_Next"));
}

/* Enables Back and Next for the visible step and what the user chose in it. */
void
opora_import_window_update_nav (OporaImportWindow *self)
{
  const char *step = visible_step (self);
  gboolean back = FALSE, next = FALSE;
  gboolean done = g_strcmp0 (step, "done") == 0;

  if (g_strcmp0 (step, "reading") == 0 || g_strcmp0 (step, "error") == 0)
    back = TRUE, next = g_strcmp0 (step, "reading") == 0 && sheets_ready (self);
  else if (g_strcmp0 (step, "columns") == 0)
    back = TRUE, next = opora_import_window_columns_ready (self);
  else if (g_strcmp0 (step, "check") == 0)
    back = TRUE, next = self->job != NULL && opora_import_window_count_values (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", next);
  gtk_widget_set_visible (self->back_button, !done);
  gtk_widget_set_visible (self->next_button, !done && g_strcmp0 (step, "file") != 0 &&
                                            g_strcmp0 (step, "error") != 0);
  gtk_widget_set_visible (self->close_button, !done);
  update_next_label (self);
  update_title (self);
}

static void
step_changed_cb (GtkStack          *stack,
                 GParamSpec        *pspec,
                 OporaImportWindow *self)
{
  opora_import_window_update_nav (self);
}

static void
show_error (OporaImportWindow *self,
            const GError      *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->step_stack, "error");
}

/* ---- Reading: the preview ---- */

static void
add_cell (GtkGrid    *grid,
          const char *text,
          int         column,
          int         row,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  /* Ellipsized labels would shrink to nothing inside the scrolled window. */
  gtk_label_set_width_chars (GTK_LABEL (label), text ? MIN (g_utf8_strlen (text, -1), 14) : 0);
  if (text != NULL && g_utf8_strlen (text, -1) > 24)
    gtk_widget_set_tooltip_text (label, text);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static const char *
row_style (OporaLayout *layout,
           guint32      row)
{
  if (layout->header_first != NO_ROW && row >= layout->header_first && row <= layout->header_last)
    return "heading";
  if (row < layout->first_data_row || row == layout->numbering_row || layout->first_data_row == NO_ROW)
    return "dim-label";
  return NULL;
}

/**
 * opora_import_cell_text:
 * @sheet: a preview
 * @index: a stored row
 * @col: a column
 *
 * A cell as opora_sheet_dup_text() reads it, its numbers with the user's
 * decimal separator (12,5 under a Russian locale).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for an empty cell
 */
char *
opora_import_cell_text (OporaSheet *sheet,
                        guint       index,
                        guint32     col)
{
  const OporaCell *cell = opora_sheet_get_cell (sheet, index, col);

  /* printf follows LC_NUMERIC, as opora_number_format() does. */
  if (cell != NULL && cell->type == OPORA_CELL_NUMBER)
    return g_strdup_printf ("%.15g", cell->number);
  return opora_sheet_dup_text (sheet, index, col);
}

static void
fill_preview_row (GtkGrid     *grid,
                  ImportSheet *sheet,
                  guint        index,
                  guint32      n_cols)
{
  guint32 row = opora_sheet_get_row (sheet->preview, index);
  const char *style = row_style (sheet->layout, row);
  g_autofree char *number = g_strdup_printf ("%u", row + 1);

  add_cell (grid, number, 0, index + 1, "dim-label");
  for (guint32 col = 0; col < n_cols; col++)
    {
      g_autofree char *text = opora_import_cell_text (sheet->preview, index, col);
      add_cell (grid, text, col + 1, index + 1, style);
    }
}

static GtkWidget *
preview_grid_new (ImportSheet *sheet)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  guint32 n_cols = MIN (opora_sheet_get_n_cols (sheet->preview), PREVIEW_COLS);

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 6);
  g_object_set (grid, "margin-start", 12, "margin-end", 12, "margin-bottom", 12, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The first rows of the sheet"), -1);
  for (guint32 col = 0; col < n_cols; col++)
    {
      g_autofree char *letter = opora_import_column_name (col);
      add_cell (grid, letter, col + 1, 0, "dim-label");
    }
  for (guint i = 0; i < opora_sheet_get_n_rows (sheet->preview); i++)
    fill_preview_row (grid, sheet, i, n_cols);
  return GTK_WIDGET (grid);
}

static void
set_spin (GtkSpinButton *spin,
          guint32        row)
{
  gtk_spin_button_set_value (spin, row == NO_ROW ? 0 : row + 1);
}

static void
show_rows (OporaImportWindow *self,
           ImportSheet       *sheet)
{
  g_autofree char *heading = g_strdup_printf (_("Rows of “%s”"), sheet->name);

  self->updating = TRUE;
  gtk_label_set_text (self->rows_heading, heading);
  set_spin (self->header_first_spin, sheet->layout->header_first);
  set_spin (self->header_last_spin, sheet->layout->header_last);
  set_spin (self->data_row_spin, sheet->layout->first_data_row);
  self->updating = FALSE;
}

static void
update_preview (OporaImportWindow *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);
  g_autofree char *text = NULL;

  if (sheet == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_first_spin), sheet->layout != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_last_spin), sheet->layout != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->data_row_spin), sheet->layout != NULL);
  if (sheet->layout == NULL)
    {
      gtk_label_set_text (self->preview_label, sheet->error);
      gtk_scrolled_window_set_child (self->preview_scroller, NULL);
      return;
    }
  show_rows (self, sheet);
  text = g_strdup_printf (_("The first rows of “%s”. The header is in bold; greyed rows are not imported."),
                          sheet->name);
  gtk_label_set_text (self->preview_label, text);
  gtk_scrolled_window_set_child (self->preview_scroller, preview_grid_new (sheet));
}

/* ---- Reading: header rows chosen by hand ---- */

static char *
header_text (OporaSheet  *preview,
             OporaLayout *layout,
             guint32      col)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < opora_sheet_get_n_rows (preview); i++)
    {
      guint32 row = opora_sheet_get_row (preview, i);
      g_autofree char *part = NULL;

      if (layout->header_first == NO_ROW || row < layout->header_first || row > layout->header_last ||
          row == layout->numbering_row || !(part = opora_sheet_dup_text (preview, i, col)))
        continue;
      g_strstrip (part);
      if (*part != '\0' && strstr (text->str, part) == NULL)
        g_string_append_printf (text, "%s%s", text->len ? " / " : "", part);
    }
  return g_string_free (text, FALSE);
}

static gboolean
target_taken (OporaLayout       *layout,
              const OporaTarget *target)
{
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      const OporaTarget *other = opora_layout_get_target (layout, col);
      if (other->kind == target->kind && g_strcmp0 (other->indicator_key, target->indicator_key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads the header again from the rows the user chose and maps the columns anew. */
static void
relayout (ImportSheet *sheet,
          GPtrArray   *indicators,
          guint32      header_first,
          guint32      header_last,
          guint32      first_data)
{
  OporaLayout *layout = sheet->layout;

  layout->header_first = header_first <= header_last ? header_first : NO_ROW;
  layout->header_last = header_first <= header_last ? header_last : NO_ROW;
  layout->first_data_row = first_data;
  g_ptr_array_set_size (layout->headers, 0);
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      g_autofree char *header = header_text (sheet->preview, layout, col);
      g_autofree char *normal = opora_header_normalise (header);
      OporaTarget match = opora_column_match (normal, indicators);

      g_ptr_array_add (layout->headers, g_steal_pointer (&header));
      opora_layout_set_target (layout, col, OPORA_TARGET_IGNORE, NULL);
      if (match.kind == OPORA_TARGET_IGNORE || match.confidence < 0.6 || target_taken (layout, &match))
        continue;
      opora_layout_set_target (layout, col, match.kind, match.indicator_key);
      g_array_index (layout->targets, OporaTarget, col).confidence = match.confidence;
    }
}

static guint32
spin_row (GtkSpinButton *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  return value > 0 ? (guint32) value - 1 : NO_ROW;
}

static void
rows_changed_cb (GtkSpinButton     *spin,
                 OporaImportWindow *self)
{
  ImportSheet *sheet = opora_import_window_get_sheet (self);

  if (self->updating || sheet == NULL || sheet->layout == NULL)
    return;
  relayout (sheet, self->indicators, spin_row (self->header_first_spin),
            spin_row (self->header_last_spin), spin_row (self->data_row_spin));
  update_preview (self);
  opora_import_window_update_nav (self);
}

/* ---- Reading: sheets and their years ---- */

static void
guess_year (ImportSheet *sheet)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  sheet->year = opora_year_from_text (sheet->name);
  sheet->year_from_column = sheet->year == 0 && sheet->layout != NULL &&
                            opora_layout_find_column (sheet->layout, OPORA_TARGET_YEAR) >= 0;
  if (sheet->year == 0)
    sheet->year = g_date_time_get_year (now);
}

static void
load_sheet (OporaImportWindow *self,
            ImportSheet       *sheet)
{
  g_autoptr(GError) error = NULL;

  sheet->preview = opora_sheet_load (self->reader, sheet->index, PREVIEW_ROWS, NULL, &error);
  if (sheet->preview == NULL)
    {
      sheet->error = g_strdup (error->message);
      sheet->take = FALSE;
      return;
    }
  sheet->layout = opora_layout_detect (sheet->preview, self->indicators);
  opora_import_window_apply_preset (self, sheet);
  guess_year (sheet);
}

static void
take_toggled_cb (GtkCheckButton    *check,
                 OporaImportWindow *self)
{
  ImportSheet *sheet = g_object_get_data (G_OBJECT (check), "opora-sheet");

  sheet->take = gtk_check_button_get_active (check);
  opora_import_window_update_nav (self);
}

static void
year_changed_cb (GtkSpinButton     *spin,
                 OporaImportWindow *self)
{
  ImportSheet *sheet = g_object_get_data (G_OBJECT (spin), "opora-sheet");

  sheet->year = gtk_spin_button_get_value_as_int (spin);
}

static void
from_column_toggled_cb (GtkCheckButton    *check,
                        OporaImportWindow *self)
{
  ImportSheet *sheet = g_object_get_data (G_OBJECT (check), "opora-sheet");
  GtkWidget *spin = g_object_get_data (G_OBJECT (check), "opora-spin");

  sheet->year_from_column = gtk_check_button_get_active (check);
  gtk_widget_set_sensitive (spin, !sheet->year_from_column);
  opora_import_window_update_nav (self);
}

static GtkWidget *
take_check_new (OporaImportWindow *self,
                ImportSheet       *sheet)
{
  GtkWidget *check = gtk_check_button_new_with_label (sheet->name);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), sheet->take);
  gtk_widget_set_sensitive (check, sheet->layout != NULL);
  g_object_set_data (G_OBJECT (check), "opora-sheet", sheet);
  g_signal_connect (check, "toggled", G_CALLBACK (take_toggled_cb), self);
  return check;
}

static GtkWidget *
year_box_new (OporaImportWindow *self,
              ImportSheet       *sheet)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: the label of a sheet's year. */
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Year"));
  GtkWidget *spin = gtk_spin_button_new_with_range (1990, 2100, 1);
  /* Translators: a check box beside a sheet's year: each row's year is in a column. */
  GtkWidget *from_column = gtk_check_button_new_with_mnemonic (_("From a _column"));

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), sheet->year);
  gtk_widget_set_sensitive (spin, !sheet->year_from_column);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (from_column), sheet->year_from_column);
  g_object_set_data (G_OBJECT (spin), "opora-sheet", sheet);
  g_object_set_data (G_OBJECT (from_column), "opora-sheet", sheet);
  g_object_set_data (G_OBJECT (from_column), "opora-spin", spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (year_changed_cb), self);
  g_signal_connect (from_column, "toggled", G_CALLBACK (from_column_toggled_cb), self);
  gtk_widget_set_margin_start (box, 28);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), from_column);
  return box;
}

static const char *
sheet_subtitle (ImportSheet *sheet)
{
  if (sheet->error != NULL)
    return _("Cannot be read");
  if (sheet->hidden)
    return _("Hidden sheet");
  if (opora_year_from_text (sheet->name) == 0 && !sheet->year_from_column)
    return _("No year in the name: check the year");
  return NULL;
}

/* The sheet's check box over its year, so long sheet names keep their room. */
static GtkWidget *
sheet_row_new (OporaImportWindow *self,
               ImportSheet       *sheet)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *subtitle = sheet_subtitle (sheet);

  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_box_append (GTK_BOX (box), take_check_new (self, sheet));
  if (subtitle != NULL)
    {
      GtkWidget *label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 28);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (sheet->layout != NULL)
    gtk_box_append (GTK_BOX (box), year_box_new (self, sheet));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
sheet_selected_cb (GtkListBox        *list,
                   GtkListBoxRow     *row,
                   OporaImportWindow *self)
{
  if (row == NULL || self->updating)
    return;
  self->current = gtk_list_box_row_get_index (row);
  update_preview (self);
}

static void
fill_sheet_list (OporaImportWindow *self)
{
  GtkWidget *child;
  guint first = G_MAXUINT;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sheet_list))))
    gtk_list_box_remove (self->sheet_list, child);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      ImportSheet *sheet = self->sheets->pdata[i];
      gtk_list_box_append (self->sheet_list, sheet_row_new (self, sheet));
      if (sheet->take && first == G_MAXUINT)
        first = i;
    }
  self->current = first != G_MAXUINT ? first : 0;
  gtk_list_box_select_row (self->sheet_list, gtk_list_box_get_row_at_index (self->sheet_list, self->current));
  self->updating = FALSE;
}

/* ---- Reading: the file and its format ---- */

static const char *encoding_names[] = { NULL, "UTF-8", "CP1251", "KOI8-R", "UTF-16" };
static const char separator_chars[] = { 0, ';', ',', '\t', '|' };

static char *
describe_format (OporaReader *reader)
{
  const char *format = opora_reader_get_format (reader);
  char separator = opora_reader_get_separator (reader);
  g_autofree char *shown = NULL;

  if (opora_reader_get_encoding (reader) == NULL)
    /* Translators: what was read, e.g. "Format: xlsx". */
    return g_strdup_printf (_("Format: %s"), format);
  shown = separator == '\t' ? g_strdup (_("Tab")) : g_strdup_printf ("%c", separator);
  /* Translators: what was detected in a text table, e.g. "Format: csv, encoding CP1251, separator ;". */
  return g_strdup_printf (_("Format: %s, encoding %s, separator %s"),
                          format, opora_reader_get_encoding (reader), shown);
}

static void
build_sheets (OporaImportWindow *self)
{
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) import_sheet_free);
  for (guint i = 0; i < opora_reader_get_n_sheets (self->reader); i++)
    {
      const OporaSheetInfo *info = opora_reader_get_sheet (self->reader, i);
      ImportSheet *sheet = g_new0 (ImportSheet, 1);

      sheet->index = i;
      sheet->name = g_strdup (info->name);
      sheet->hidden = info->hidden;
      sheet->take = !info->hidden;
      load_sheet (self, sheet);
      g_ptr_array_add (self->sheets, sheet);
    }
}

static gboolean
load_indicators (OporaImportWindow  *self,
                 GError            **error)
{
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  self->indicators = opora_indicator_list (opora_import_window_get_db (self), error);
  return self->indicators != NULL;
}

/* Opens the file again with the encoding and separator chosen, and reads its sheets. */
static void
read_file (OporaImportWindow *self)
{
  OporaReadOptions options = {
    encoding_names[gtk_drop_down_get_selected (self->encoding_dropdown) % G_N_ELEMENTS (encoding_names)],
    separator_chars[gtk_drop_down_get_selected (self->separator_dropdown) % G_N_ELEMENTS (separator_chars)],
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;

  g_clear_pointer (&self->job, import_job_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->reader, opora_reader_free);
  if (!load_indicators (self, &error) ||
      !(self->reader = opora_reader_open (self->path, &options, &error)))
    {
      show_error (self, error);
      return;
    }
  build_sheets (self);
  format = describe_format (self->reader);
  gtk_label_set_text (self->format_label, format);
  gtk_widget_set_visible (self->text_options, opora_reader_get_encoding (self->reader) != NULL);
  fill_sheet_list (self);
  update_preview (self);
  gtk_stack_set_visible_child_name (self->step_stack, "reading");
  opora_import_window_update_nav (self);
}

static void
read_options_changed_cb (GtkDropDown       *dropdown,
                         GParamSpec        *pspec,
                         OporaImportWindow *self)
{
  if (!self->updating && self->path != NULL)
    read_file (self);
}

/**
 * opora_import_window_open:
 * @self: the wizard
 * @file: a spreadsheet
 *
 * Reads @file with its encoding and separator detected and shows the
 * Reading step, or the reason it cannot be read.
 */
void
opora_import_window_open (OporaImportWindow *self,
                          GFile             *file)
{
  g_autofree char *base = NULL;

  g_return_if_fail (OPORA_IS_IMPORT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_free (self->path);
  self->path = g_file_get_path (file);
  base = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, base);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->encoding_dropdown, 0);
  gtk_drop_down_set_selected (self->separator_dropdown, 0);
  self->updating = FALSE;
  if (self->path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("“%s” is not a local file. Copy it to this computer first."), base);
      show_error (self, error);
      return;
    }
  read_file (self);
}

/* ---- Choosing and dropping the file ---- */

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (patterns, " ", -1);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; list[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, list[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     OporaImportWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file != NULL)
    opora_import_window_open (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (widget);
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Spreadsheet"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filter (chooser, _("Spreadsheets"), "xlsx xls ods csv tsv txt");
  add_filter (chooser, _("All files"), "");
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         OporaImportWindow *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL || self->cancellable != NULL || on_step (self, "done"))
    return FALSE;
  opora_import_window_open (self, files->data);
  return TRUE;
}

/* ---- Moving between steps ---- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (widget);

  if (on_step (self, "reading"))
    opora_import_window_show_columns (self);
  else if (on_step (self, "columns"))
    opora_import_window_start_check (self);
  else if (on_step (self, "check"))
    opora_import_window_start_commit (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (widget);
  const char *back = NULL;

  if (on_step (self, "reading") || on_step (self, "error"))
    back = "file";
  else if (on_step (self, "columns"))
    back = "reading";
  else if (on_step (self, "check"))
    back = "columns";
  if (back == NULL)
    return;
  g_clear_pointer (&self->job, import_job_free);
  if (g_strcmp0 (back, "reading") == 0)
    update_preview (self);
  gtk_stack_set_visible_child_name (self->step_stack, back);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  opora_import_window_stop (OPORA_IMPORT_WINDOW (widget));
}

static void
save_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  opora_import_window_save_preset (OPORA_IMPORT_WINDOW (widget));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  opora_import_window_export_report (OPORA_IMPORT_WINDOW (widget));
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (widget);
  OporaWindow *window = self->window;

  gtk_window_close (GTK_WINDOW (self));
  if (window != NULL)
    gtk_window_present (GTK_WINDOW (opora_import_history_new (window)));
}

static void
problem_filter_changed_cb (GtkWidget         *widget,
                           OporaImportWindow *self)
{
  opora_import_window_filter_problems (self);
}

static void
column_sheet_changed_cb (GtkDropDown       *dropdown,
                         GParamSpec        *pspec,
                         OporaImportWindow *self)
{
  if (!self->updating)
    opora_import_window_show_columns (self);
}

/* A running check or commit stops; the commit then writes nothing. */
static gboolean
opora_import_window_close_request (GtkWindow *window)
{
  OporaImportWindow *self = OPORA_IMPORT_WINDOW (window);

  self->closed = TRUE;
  opora_import_window_stop (self);
  return GTK_WINDOW_CLASS (opora_import_window_parent_class)->close_request (window);
}

static void
opora_import_window_dispose (GObject *object)
{
  OporaImportWindow *self = (OporaImportWindow *) object;

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->problem_filter != NULL)
    gtk_custom_filter_set_filter_func (self->problem_filter, NULL, NULL, NULL);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  G_OBJECT_CLASS (opora_import_window_parent_class)->dispose (object);
}

static void
opora_import_window_finalize (GObject *object)
{
  OporaImportWindow *self = (OporaImportWindow *) object;

  g_clear_pointer (&self->job, import_job_free);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_clear_pointer (&self->focus_key, g_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->reader, opora_reader_free);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_object (&self->targets);
  g_clear_object (&self->cancellable);
  g_free (self->path);

  G_OBJECT_CLASS (opora_import_window_parent_class)->finalize (object);
}

static void
opora_import_window_class_init (OporaImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = opora_import_window_dispose;
  object_class->finalize = opora_import_window_finalize;
  window_class->close_request = opora_import_window_close_request;

  g_type_ensure (OPORA_TYPE_IMPORT_PROBLEM);
  g_type_ensure (OPORA_TYPE_IMPORT_TARGET);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, close_button);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, step_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, format_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, text_options);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, encoding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, separator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, sheet_list);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, rows_heading);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, header_first_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, header_last_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, data_row_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, columns_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, column_sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, column_list);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, columns_hint);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, earlier_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, earlier_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, check_switcher);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, check_views);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, schools_page);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, school_list);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, show_errors_button);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, show_warnings_button);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problem_search);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problem_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, no_problems_page);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problem_view);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, sheet_column);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problem_filter_model);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problem_filter);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, problems);
  gtk_widget_class_bind_template_child (widget_class, OporaImportWindow, done_page);
  gtk_widget_class_bind_template_callback (widget_class, step_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, read_options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, rows_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_sheet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "wizard.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "wizard.save-preset", NULL, save_preset_action);
  gtk_widget_class_install_action (widget_class, "wizard.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "wizard.show-history", NULL, show_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
}

static void
opora_import_window_init (OporaImportWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  opora_import_window_columns_init (self);
  opora_import_window_schools_init (self);
  opora_import_window_update_nav (self);
}

/**
 * opora_import_window_new:
 * @window: the main window, whose workspace the import goes into
 *
 * Returns: (transfer none): the wizard on its first step, modal over
 *   @window and owned by GTK's toplevels until it is closed
 */
OporaImportWindow *
opora_import_window_new (OporaWindow *window)
{
  OporaImportWindow *self;

  g_return_val_if_fail (OPORA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (opora_window_get_db (window) != NULL, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_WINDOW, "transient-for", window, NULL);
  self->window = window;
  /* A commit may end after the windows closed: then there is nothing to tell. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  return self;
}
