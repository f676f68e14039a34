/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Programs section: one program's page, its measures edited in place, undo and redo. */

#include <glib/gi18n.h>
#include <stdio.h>

#include "opora-analysis-store.h"
#include "opora-program-journal.h"
#include "opora-program-score.h"
#include "opora-program-template.h"
#include "opora-programs-page-private.h"
#include "opora-table-row.h"

static const char *
column_title (MeasureCol col)
{
  switch (col)
    {
    case MEASURE_COL_POSITION: return C_("column", "№");
    case MEASURE_COL_STAGE: return _("Stage or Direction");
    case MEASURE_COL_TITLE: return _("Measure");
    case MEASURE_COL_START: return _("Starts");
    case MEASURE_COL_END: return _("Ends");
    case MEASURE_COL_RESPONSIBLE: return _("Responsible");
    case MEASURE_COL_PARTICIPANTS: return _("Participants");
    case MEASURE_COL_TARGET: return _("Target Group");
    case MEASURE_COL_REPORT_FORM: return _("Form of the Report");
    case MEASURE_COL_STATUS: return _("Status");
    case MEASURE_COL_OVERDUE: return _("Overdue");
    default: g_return_val_if_reached ("");
    }
}

static OporaMeasureField
column_field (MeasureCol col)
{
  switch (col)
    {
    case MEASURE_COL_TITLE: return OPORA_FIELD_TITLE;
    case MEASURE_COL_START: return OPORA_FIELD_START;
    case MEASURE_COL_END: return OPORA_FIELD_END;
    case MEASURE_COL_RESPONSIBLE: return OPORA_FIELD_RESPONSIBLE;
    case MEASURE_COL_PARTICIPANTS: return OPORA_FIELD_PARTICIPANTS;
    case MEASURE_COL_TARGET: return OPORA_FIELD_TARGET;
    case MEASURE_COL_REPORT_FORM: return OPORA_FIELD_REPORT_FORM;
    case MEASURE_COL_STATUS: return OPORA_FIELD_STATUS;
    default: return OPORA_N_FIELDS;
    }
}

static const OporaMeasure *
find_measure (OporaProgramsPage *self,
              gint64             id)
{
  for (guint i = 0; self->measures != NULL && i < self->measures->len; i++)
    if (((OporaMeasure *) self->measures->pdata[i])->id == id)
      return self->measures->pdata[i];
  return NULL;
}

/* The field as opora_measure_apply() takes it. */
static const char *
field_text (const OporaMeasure *m,
            OporaMeasureField   field)
{
  switch (field)
    {
    case OPORA_FIELD_TITLE: return m->title;
    case OPORA_FIELD_START: return m->start;
    case OPORA_FIELD_END: return m->end;
    case OPORA_FIELD_RESPONSIBLE: return m->responsible;
    case OPORA_FIELD_PARTICIPANTS: return m->participants;
    case OPORA_FIELD_REPORT_FORM: return m->report_form;
    case OPORA_FIELD_TARGET: return opora_target_to_string (m->target);
    case OPORA_FIELD_STATUS: return opora_measure_status_to_string (m->status);
    default: return NULL;
    }
}

static void
show_error (OporaProgramsPage *self,
            const char        *message)
{
  if (message != NULL)
    gtk_label_set_text (self->measure_error_label, message);
  gtk_revealer_set_reveal_child (self->measure_error_revealer, message != NULL);
}

/**
 * opora_programs_page_edit_measure:
 * @measure_id: a measure of the open program
 * @field: what to change
 * @value: the new value as opora_measure_apply() takes it
 *
 * What the cells of the measures call: changes one field as one undoable
 * edit and shows the program again. Marking a measure done dates it today
 * in the same step. A refusal is shown above the measures.
 *
 * Returns: %FALSE with @error set when the core refused the value
 */
gboolean
opora_programs_page_edit_measure (OporaProgramsPage  *self,
                                  gint64              measure_id,
                                  OporaMeasureField   field,
                                  const char         *value,
                                  GError            **error)
{
  const OporaMeasure *m;
  g_autoptr(OporaMeasure) copy = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if ((m = find_measure (self, measure_id)) == NULL)
    return TRUE;
  if (g_strcmp0 (field_text (m, field), value) == 0)
    return TRUE;
  copy = opora_measure_copy (m);
  if (!opora_measure_apply (copy, field, value, &local) ||
      (field == OPORA_FIELD_STATUS && copy->status == OPORA_MEASURE_DONE && copy->done_date == NULL &&
       !opora_measure_apply (copy, OPORA_FIELD_DONE_DATE, opora_programs_page_today (self), &local)) ||
      !opora_measure_update (self->db, copy, &local))
    {
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  show_error (self, NULL);
  opora_programs_page_dismiss_undo (self);
  opora_programs_page_reload_program (self);
  return TRUE;
}

/* ---- Cells ---- */

static GtkStringList *
labels_of (const char *(*label) (int),
           int          n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  return list;
}

static void
commit_cell (GtkWidget  *cell,
             const char *value)
{
  OporaProgramsPage *self = g_object_get_data (G_OBJECT (cell), "opora-page");
  MeasureCol col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "opora-col"));
  gint64 *id = g_object_get_data (G_OBJECT (cell), "opora-measure");

  if (self == NULL || id == NULL || *id == 0 || self->db == NULL)
    return;
  if (opora_programs_page_edit_measure (self, *id, column_field (col), value, NULL))
    gtk_widget_remove_css_class (cell, "error");
  else
    gtk_widget_add_css_class (cell, "error");  /* what was typed stays */
}

static void
entry_activate_cb (GtkEntry *entry,
                   gpointer  user_data)
{
  commit_cell (GTK_WIDGET (entry), gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_cell (entry, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
day_selected_cb (GtkCalendar *calendar,
                 GtkWidget   *button)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  if (g_object_get_data (G_OBJECT (button), "opora-binding") != NULL)
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  commit_cell (button, iso);
}

static void
dropdown_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      gpointer     user_data)
{
  MeasureCol col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "opora-col"));
  guint i = gtk_drop_down_get_selected (dropdown);

  if (g_object_get_data (G_OBJECT (dropdown), "opora-binding") != NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  commit_cell (GTK_WIDGET (dropdown), col == MEASURE_COL_STATUS ? opora_measure_status_to_string (i)
                                                                : opora_target_to_string (i));
}

static GtkWidget *
new_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  /* Ctrl+Z undoes the program's edits, not the typing. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_leave_cb), NULL);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
new_date_button (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  g_object_set_data (G_OBJECT (button), "opora-calendar", calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), button);
  return button;
}

static GtkWidget *
new_dropdown (MeasureCol col)
{
  GtkStringList *labels = col == MEASURE_COL_STATUS
    ? labels_of ((const char *(*) (int)) opora_measure_status_label, OPORA_MEASURE_CANCELLED + 1)
    : labels_of ((const char *(*) (int)) opora_target_label, OPORA_TARGET_PARENTS + 1);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);

  gtk_widget_add_css_class (dropdown, "flat");
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (dropdown_selected_cb), NULL);
  return dropdown;
}

static GtkWidget *
new_overdue_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (_("Overdue"));

  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "error");
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void after_edit (OporaProgramsPage *self,
                        gint64             id,
                        GError            *error);

/* ---- Drag and drop: a measure dragged by its number or stage lands in the place of the one it is dropped on ---- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (cell), "opora-measure");

  return id != 0 ? gdk_content_provider_new_typed (G_TYPE_INT64, id) : NULL;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  OporaProgramsPage *self = g_object_get_data (G_OBJECT (cell), "opora-page");
  gint64 onto = *(gint64 *) g_object_get_data (G_OBJECT (cell), "opora-measure");
  gint64 moved = g_value_get_int64 (value);
  const OporaMeasure *m = find_measure (self, onto);
  g_autoptr(GError) error = NULL;

  if (m == NULL || moved == onto || self->db == NULL || opora_db_is_read_only (self->db))
    return FALSE;
  opora_measure_move (self->db, moved, m->position, &error);
  after_edit (self, moved, error);
  return error == NULL;
}

static void
add_drag_and_drop (GtkWidget  *cell,
                   MeasureCol  col)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), NULL);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (target));
  if (col == MEASURE_COL_POSITION || col == MEASURE_COL_STAGE)
    {
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), NULL);
      gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (source));
      gtk_widget_set_tooltip_text (cell, _("Drag to move the measure (or Alt+Up, Alt+Down)"));
    }
}

static void
setup_measure_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  OporaProgramsPage        *self)
{
  MeasureCol col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "opora-col"));
  GtkWidget *cell;

  switch (col)
    {
    case MEASURE_COL_POSITION:
    case MEASURE_COL_STAGE:
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), col == MEASURE_COL_POSITION ? 1 : 0);
      gtk_label_set_wrap (GTK_LABEL (cell), TRUE);
      gtk_widget_add_css_class (cell, col == MEASURE_COL_STAGE ? "heading" : "numeric");
      break;
    case MEASURE_COL_START:
    case MEASURE_COL_END:
      cell = new_date_button ();
      break;
    case MEASURE_COL_TARGET:
    case MEASURE_COL_STATUS:
      cell = new_dropdown (col);
      break;
    case MEASURE_COL_OVERDUE:
      cell = new_overdue_cell ();
      break;
    default:
      cell = new_entry ();
      break;
    }
  g_object_set_data (G_OBJECT (cell), "opora-page", self);
  g_object_set_data (G_OBJECT (cell), "opora-col", GINT_TO_POINTER (col));
  g_object_set_data_full (G_OBJECT (cell), "opora-measure", g_new0 (gint64, 1), g_free);
  add_drag_and_drop (cell, col);
  gtk_list_item_set_child (item, cell);
}

/* The stage (or else the direction) heads a group: shown on its first measure only. */
static const char *
group_of (const OporaMeasure *m)
{
  if (m->stage != NULL && *m->stage != '\0')
    return m->stage;
  return m->direction != OPORA_DIRECTION_NONE ? opora_direction_label (m->direction) : "";
}

static void
bind_date (GtkWidget  *button,
           const char *iso)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (button), "opora-calendar");
  int y, m, d;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), iso);
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);
      g_autofree char *shown = g_date_time_format (date, "%x");  /* 29.11.2026 in Russian */

      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), shown);
      g_object_set_data (G_OBJECT (button), "opora-binding", GINT_TO_POINTER (1));
      gtk_calendar_select_day (calendar, date);
      g_object_set_data (G_OBJECT (button), "opora-binding", NULL);
    }
}

static void
bind_measure_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 OporaProgramsPage        *self)
{
  MeasureCol col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "opora-col"));
  OporaTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const OporaMeasure *m = find_measure (self, opora_table_row_get_id (row));
  guint pos = gtk_list_item_get_position (item);
  const OporaMeasure *prev = pos > 0 && pos - 1 < self->measures->len ? self->measures->pdata[pos - 1] : NULL;
  g_autofree char *number = NULL;

  if (m == NULL)
    return;
  *(gint64 *) g_object_get_data (G_OBJECT (cell), "opora-measure") = 0;
  gtk_widget_remove_css_class (cell, "error");
  switch (col)
    {
    case MEASURE_COL_POSITION:
      number = g_strdup_printf ("%d", m->position);
      gtk_label_set_text (GTK_LABEL (cell), number);
      break;
    case MEASURE_COL_STAGE:
      gtk_label_set_text (GTK_LABEL (cell), prev && g_strcmp0 (group_of (prev), group_of (m)) == 0 ? "" : group_of (m));
      break;
    case MEASURE_COL_START:
    case MEASURE_COL_END:
      bind_date (cell, col == MEASURE_COL_START ? m->start : m->end);
      break;
    case MEASURE_COL_TARGET:
    case MEASURE_COL_STATUS:
      g_object_set_data (G_OBJECT (cell), "opora-binding", GINT_TO_POINTER (1));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), col == MEASURE_COL_STATUS ? (guint) m->status : (guint) m->target);
      g_object_set_data (G_OBJECT (cell), "opora-binding", NULL);
      break;
    case MEASURE_COL_OVERDUE:
      gtk_widget_set_visible (cell, opora_measure_is_overdue (m, opora_programs_page_today (self)));
      break;
    default:
      gtk_editable_set_text (GTK_EDITABLE (cell), field_text (m, column_field (col)) ?: "");
      gtk_widget_set_tooltip_text (cell, field_text (m, column_field (col)));
      break;
    }
  *(gint64 *) g_object_get_data (G_OBJECT (cell), "opora-measure") = m->id;
}

static void
unbind_measure_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   OporaProgramsPage        *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  *(gint64 *) g_object_get_data (G_OBJECT (cell), "opora-measure") = 0;
}

static void
add_measure_columns (OporaProgramsPage *self)
{
  static const int widths[N_MEASURE_COLS] = { 36, 170, 300, 130, 124, 124, 160, 170, 170, 190, 170 };

  for (int col = 0; col < N_MEASURE_COLS; col++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "opora-col", GINT_TO_POINTER (col));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_measure_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_measure_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_measure_cb), self);
      column = gtk_column_view_column_new (column_title (col), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, widths[col]);
      gtk_column_view_column_set_expand (column, col == MEASURE_COL_TITLE);
      gtk_column_view_append_column (self->measure_view, column);
    }
}

/* ---- The page ---- */

static char *
member_facts (OporaProgramsPage *self)
{
  g_autoptr(OporaAnalysis) analysis = NULL;
  const OporaMember *member;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name;

  if (self->program->run_id == 0 ||
      !(analysis = opora_analysis_load (self->db, self->program->run_id, NULL)) ||
      !(member = opora_analysis_find_member (analysis, self->program->school_id)))
    return NULL;
  name = opora_analysis_cluster_name (analysis, member->cluster);
  if (name != NULL)
    g_string_append (text, name);
  else if (member->cluster > 0)
    g_string_append_printf (text, _("cluster %d"), member->cluster);
  if (member->flags & OPORA_MEMBER_PROBLEM)
    g_string_append_printf (text, ", %s", _("problem school"));
  if (member->flags & OPORA_MEMBER_IMPUTED)
    g_string_append_printf (text, ", %s", _("some figures imputed"));
  if (member->flags & OPORA_MEMBER_SMALL)
    g_string_append_printf (text, ", %s", _("few participants"));
  if (member->flags & OPORA_MEMBER_NONOBJECTIVE)
    g_string_append_printf (text, ", %s", _("ВПР figures left out"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_header (OporaProgramsPage *self)
{
  const OporaProgram *p = self->program;
  g_autofree char *school = g_strdup_printf ("%s %s", p->school_code, p->school_name);
  g_autofree char *year = opora_school_year_label (p->first_year);
  g_autofree char *facts = member_facts (self);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *progress = NULL;
  guint overdue = opora_program_count_overdue (self->measures, opora_programs_page_today (self));

  /* Translators: the program's facts: school year and status. */
  g_string_append_printf (line, _("School year %s · %s"), year, opora_program_status_label (p->status));
  g_string_append_printf (line, " · %s %s", _("Base school:"), p->base_name ? p->base_name : _("none"));
  if (facts != NULL && *facts != '\0')
    g_string_append_printf (line, " · %s %s", _("In the analysis:"), facts);
  gtk_label_set_text (self->school_label, school);
  gtk_label_set_text (self->facts_label, line->str);
  gtk_editable_set_text (GTK_EDITABLE (self->goal_entry), p->goal ? p->goal : "");
  progress = g_strdup_printf (_("%u of %u done"), p->n_done, p->n_measures);
  if (overdue > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("⚠ %u overdue", "⚠ %u overdue", overdue), overdue);
      g_autofree char *both = g_strdup_printf ("%s · %s", progress, more);
      g_free (progress);
      progress = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->progress_label, progress);
}

static const char *
assessment (int score)
{
  return score >= 2 ? _("Met") : score == 1 ? _("Partly met") : _("Not met");
}

static void
show_score (OporaProgramsPage *self)
{
  OporaProgramScore score;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *light = NULL;

  opora_program_score (self->program, self->measures, opora_programs_page_today (self), &score);
  for (int c = 0; c < OPORA_N_CRITERIA; c++)
    {
      const OporaCriterionScore *s = &score.criteria[c];
      OporaTableRow *row = opora_table_row_new (c, 3);
      g_autofree char *figure = s->of > 0 ? g_strdup_printf ("%d / %d", s->value, s->of) : g_strdup_printf ("%d", s->value);

      opora_table_row_set_text (row, 0, opora_criterion_label (c));
      opora_table_row_set_number (row, 1, s->value, figure);
      opora_table_row_set_number (row, 2, s->score, assessment (s->score));
      opora_table_row_set_mood (row, 2, s->score == 0 ? OPORA_CELL_NEGATIVE : s->score == 2 ? OPORA_CELL_POSITIVE : OPORA_CELL_PLAIN);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->score_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->score_rows)),
                       rows->pdata, rows->len);
  /* Translators: the traffic light in words, then the score. */
  light = g_strdup_printf (_("Monitoring of help: %s, %d of 16 points"), opora_light_label (score.light), score.total);
  gtk_label_set_text (self->light_label, light);
}

static gint64
selected_measure (OporaProgramsPage *self)
{
  OporaTableRow *row = gtk_single_selection_get_selected_item (self->measure_selection);

  return row != NULL ? opora_table_row_get_id (row) : 0;
}

static void
select_measure (OporaProgramsPage *self,
                gint64             id)
{
  for (guint i = 0; self->measures != NULL && i < self->measures->len; i++)
    if (((OporaMeasure *) self->measures->pdata[i])->id == id)
      {
        gtk_single_selection_set_selected (self->measure_selection, i);
        return;
      }
  gtk_single_selection_set_selected (self->measure_selection, GTK_INVALID_LIST_POSITION);
}

static void
show_measures (OporaProgramsPage *self,
               gint64             keep_selected)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->measures->len; i++)
    g_ptr_array_add (rows, opora_table_row_new (((OporaMeasure *) self->measures->pdata[i])->id, 1));
  g_list_store_splice (self->measure_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->measure_rows)),
                       rows->pdata, rows->len);
  select_measure (self, keep_selected);
  opora_program_timeline_set_measures (self->timeline, self->program->first_year, self->measures,
                                       opora_programs_page_today (self));
}

/* Reads the open program again and shows it; goes back to the list when it is gone. */
void
opora_programs_page_reload_program (OporaProgramsPage *self)
{
  g_autoptr(OporaProgram) program = NULL;
  gint64 keep = selected_measure (self);

  opora_programs_page_update_undo (self);
  if (self->program == NULL || self->db == NULL)
    {
      g_clear_pointer (&self->measures, g_ptr_array_unref);
      g_list_store_remove_all (self->measure_rows);
      return;
    }
  program = opora_program_get (self->db, self->program->id, NULL);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  if (program == NULL || !(self->measures = opora_program_measures (self->db, program->id, NULL)))
    {
      g_clear_pointer (&self->program, opora_program_free);
      g_list_store_remove_all (self->measure_rows);
      gtk_stack_set_visible_child_name (self->programs_stack, "list");
      return;
    }
  opora_program_free (self->program);
  self->program = g_steal_pointer (&program);
  show_header (self);
  show_measures (self, keep);
  show_score (self);
}

/* The program menu names the edits Undo and Redo would take back or do again. */
static void
update_undo_menu (OporaProgramsPage *self,
                  const char        *undo,
                  const char        *redo)
{
  g_autofree char *undo_item = undo ? g_strdup_printf (_("_Undo “%s”"), undo) : g_strdup (_("_Undo"));
  g_autofree char *redo_item = redo ? g_strdup_printf (_("_Redo “%s”"), redo) : g_strdup (_("_Redo"));

  g_menu_remove_all (self->undo_section);
  g_menu_append (self->undo_section, undo_item, "programs.undo");
  g_menu_append (self->undo_section, redo_item, "programs.redo");
}

/* The tooltips say what Ctrl+Z and Ctrl+Shift+Z would do. */
void
opora_programs_page_update_undo (OporaProgramsPage *self)
{
  g_autofree char *undo = self->db ? opora_program_dup_undo_label (self->db) : NULL;
  g_autofree char *redo = self->db ? opora_program_dup_redo_label (self->db) : NULL;
  g_autofree char *undo_tip = undo ? g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), undo) : g_strdup (_("Nothing to undo"));
  g_autofree char *redo_tip = redo ? g_strdup_printf (_("Redo “%s” (Ctrl+Shift+Z)"), redo) : g_strdup (_("Nothing to redo"));
  gboolean writable = self->db != NULL && !opora_db_is_read_only (self->db);
  gboolean open = writable && self->program != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.undo", writable && undo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.redo", writable && redo != NULL);
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  update_undo_menu (self, undo, redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.create-from-run", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.add-measure", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.duplicate-measure", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.delete-measure", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.move-up", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.move-down", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.copy-next-year", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programs.save-template", open);
}

/* ---- Actions ---- */

static void
undo_redo (OporaProgramsPage *self,
           gboolean           redo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  opora_programs_page_dismiss_undo (self);
  ok = redo ? opora_program_redo (self->db, &label, &error) : opora_program_undo (self->db, &label, &error);

  if (!ok)
    {
      opora_programs_page_toast (self, error->message, FALSE);
      return;
    }
  show_error (self, NULL);
  opora_programs_page_reload_list (self);
  opora_programs_page_reload_program (self);
  if (self->program != NULL)
    gtk_stack_set_visible_child_name (self->programs_stack, "program");
  text = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label ? label : "");
  opora_programs_page_toast (self, text, FALSE);
}

static void
undo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  undo_redo (OPORA_PROGRAMS_PAGE (widget), FALSE);
}

static void
redo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  undo_redo (OPORA_PROGRAMS_PAGE (widget), TRUE);
}

/* After a structural edit: shows the result and selects @id; a failure goes to a toast. */
static void
after_edit (OporaProgramsPage *self,
            gint64             id,
            GError            *error)
{
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  opora_programs_page_dismiss_undo (self);
  opora_programs_page_reload_program (self);
  select_measure (self, id);
}

static void
add_measure_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  const OporaMeasure *selected = find_measure (self, selected_measure (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL, *end = NULL;
  OporaMeasure m = { 0 };
  int month = 0, y = 0, mo = 0, d = 0;
  gint64 id;

  /* In the program's year: this month when it is in it, else its first month. */
  if (sscanf (opora_programs_page_today (self), "%d-%d-%d", &y, &mo, &d) == 3)
    month = (mo + 4) % 12;
  if (y * 12 + mo < (self->program->first_year - 1) * 12 + 8 || y * 12 + mo > self->program->first_year * 12 + 7)
    month = 0;
  opora_program_template_dates (self->program->first_year, month, month, &start, &end);
  m.title = (char *) _("New measure");
  m.stage = selected ? selected->stage : NULL;
  m.direction = selected ? selected->direction : OPORA_DIRECTION_NONE;
  m.target = selected ? selected->target : OPORA_TARGET_TEACHERS;
  m.start = start;
  m.end = end;
  m.responsible = m.participants = m.report_form = m.note = (char *) "";
  id = opora_measure_add (self->db, self->program->id, &m, &error);
  after_edit (self, id, error);
}

static void
duplicate_measure_cb (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 selected = selected_measure (self), id = 0;

  if (selected == 0)
    return;
  id = opora_measure_duplicate (self->db, selected, &error);
  after_edit (self, id, error);
}

static void
delete_measure_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 selected = selected_measure (self);

  if (selected == 0)
    return;
  if (!opora_measure_delete (self->db, selected, &error))
    {
      after_edit (self, 0, error);
      return;
    }
  after_edit (self, 0, NULL);
  opora_programs_page_toast (self, _("Measure deleted"), TRUE);
}

static void
move_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  const OporaMeasure *m = find_measure (self, selected_measure (self));
  int step = g_str_equal (action, "programs.move-up") ? -1 : 1;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (m == NULL || m->position + step < 1 || m->position + step > (int) self->measures->len)
    return;
  id = m->id;
  opora_measure_move (self->db, id, m->position + step, &error);
  after_edit (self, id, error);
}

static void
copy_next_year_cb (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = opora_program_copy_to_next_year (self->db, self->program->id, &error);

  if (id <= 0)
    {
      opora_programs_page_toast (self, error->message, FALSE);
      return;
    }
  opora_programs_page_reload_list (self);
  opora_programs_page_open_program (self, id);
  opora_programs_page_toast (self, _("Copied to the next school year: dates shifted, statuses reset"), TRUE);
}

/**
 * opora_programs_page_save_template:
 * @self: the page, with a program open
 * @name: the new template's name, also its title
 *
 * Saves the open program's measures as a template, which the dialogs that
 * create programs then offer.
 *
 * Returns: %FALSE with @error set when the name is empty or taken; no
 *   template is saved then
 */
gboolean
opora_programs_page_save_template (OporaProgramsPage  *self,
                                   const char         *name,
                                   GError            **error)
{
  g_return_val_if_fail (OPORA_IS_PROGRAMS_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL && self->program != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return opora_program_template_save (self->db, self->program->id, name, NULL, error);
}

static void
save_template_response_cb (AdwMessageDialog  *dialog,
                           const char        *response,
                           OporaProgramsPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->program == NULL)
    return;
  if (!opora_programs_page_save_template (self, name, &error))
    {
      opora_programs_page_toast (self, error->message, FALSE);
      return;
    }
  text = g_strdup_printf (_("Template “%s” saved: new programs can start from it"), name);
  opora_programs_page_toast (self, text, FALSE);
}

static void
template_name_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* Asks for a name, suggesting the school's and the school year's. */
static void
save_template_cb (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  OporaProgramsPage *self = OPORA_PROGRAMS_PAGE (widget);
  g_autofree char *year = opora_school_year_label (self->program->first_year);
  g_autofree char *suggestion = g_strdup_printf ("%s, %s", self->program->school_name, year);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  gtk_editable_set_text (GTK_EDITABLE (entry), suggestion);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template name"), -1);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save as Template?"),
                                   _("The measures, without the cancelled ones, become a template: their dates are kept as months of the school year, and new programs can start from it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect (entry, "changed", G_CALLBACK (template_name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (save_template_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
goal_activate_cb (GtkEntry          *entry,
                  OporaProgramsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *goal = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->program == NULL || g_strcmp0 (goal, self->program->goal) == 0)
    return;
  if (!opora_program_set (self->db, self->program->id, OPORA_PROGRAM_FIELD_GOAL, goal, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  opora_programs_page_reload_program (self);
}

void
opora_programs_page_editor_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, goal_activate_cb);
  gtk_widget_class_install_action (widget_class, "programs.undo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "programs.redo", NULL, redo_cb);
  gtk_widget_class_install_action (widget_class, "programs.add-measure", NULL, add_measure_cb);
  gtk_widget_class_install_action (widget_class, "programs.duplicate-measure", NULL, duplicate_measure_cb);
  gtk_widget_class_install_action (widget_class, "programs.delete-measure", NULL, delete_measure_cb);
  gtk_widget_class_install_action (widget_class, "programs.move-up", NULL, move_cb);
  gtk_widget_class_install_action (widget_class, "programs.move-down", NULL, move_cb);
  gtk_widget_class_install_action (widget_class, "programs.copy-next-year", NULL, copy_next_year_cb);
  gtk_widget_class_install_action (widget_class, "programs.save-template", NULL, save_template_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "programs.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "programs.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "programs.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "programs.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "programs.move-down", NULL);
}

/* Ctrl+Z, Ctrl+Shift+Z and Ctrl+P reach the section wherever the focus is
 * in the window (the sidebar, say), but only while the section is shown. */
static gboolean
window_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_window_shortcuts (OporaProgramsPage *self)
{
  static const struct { const char *accel; const char *action; } shortcuts[] = {
    { "<Control>z", "programs.undo" },
    { "<Control><Shift>z", "programs.redo" },
    { "<Control>p", "programs.print" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].accel),
                        gtk_callback_action_new (window_shortcut_cb, (gpointer) shortcuts[i].action, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
opora_programs_page_editor_init (OporaProgramsPage *self)
{
  add_measure_columns (self);
  add_window_shortcuts (self);
  opora_programs_page_update_undo (self);
}
