/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Programs section share. */
#pragma once

#include "opora-program-timeline.h"
#include "opora-programs-page.h"

G_BEGIN_DECLS

/* The cells of a measure row (OporaTableRow's texts hold nothing: the cells read the measure). */
typedef enum {
  MEASURE_COL_POSITION,
  MEASURE_COL_STAGE,
  MEASURE_COL_TITLE,
  MEASURE_COL_OVERDUE,
  MEASURE_COL_START,
  MEASURE_COL_END,
  MEASURE_COL_STATUS,
  MEASURE_COL_RESPONSIBLE,
  MEASURE_COL_PARTICIPANTS,
  MEASURE_COL_TARGET,
  MEASURE_COL_REPORT_FORM,
  N_MEASURE_COLS
} MeasureCol;

struct _OporaProgramsPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *programs_stack;
  GtkStack             *list_stack;
  GtkDropDown          *status_dropdown;
  GtkStringList        *status_list;
  GtkDropDown          *responsible_dropdown;
  GtkStringList        *responsible_list;
  GtkDropDown          *base_dropdown;
  GtkStringList        *base_school_list;
  GtkLabel             *program_count_label;
  GtkColumnView        *program_view;
  GtkSortListModel     *program_sort;
  GListStore           *program_rows;
  GtkColumnView        *due_view;
  GListStore           *due_rows;
  GtkColumnView        *rollup_view;
  GListStore           *rollup_rows;
  GtkStack             *program_stack;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkLabel             *school_label;
  GtkLabel             *facts_label;
  GtkEntry             *goal_entry;
  GtkRevealer          *measure_error_revealer;
  GtkLabel             *measure_error_label;
  GtkLabel             *progress_label;
  GtkColumnView        *measure_view;
  GtkSingleSelection   *measure_selection;
  GListStore           *measure_rows;
  OporaProgramTimeline *timeline;
  GtkLabel             *light_label;
  GtkColumnView        *score_view;
  GListStore           *score_rows;
  GMenu                *undo_section;

  /* Owned */
  GPtrArray            *programs;     /* OporaProgram, all of them */
  GHashTable           *responsible;  /* program id → "\n"-joined responsible persons */
  GHashTable           *lights;       /* program id → OporaLight + 1 */
  OporaProgram         *program;      /* the open one, or NULL */
  GPtrArray            *measures;     /* its OporaMeasure */
  char                 *today;
  GtkFileChooserNative *chooser;

  /* Borrowed */
  OporaDb              *db;
  AdwToast             *undo_toast;   /* weak: the toast whose Undo is still the next undo */
};

const char *opora_programs_page_today            (OporaProgramsPage *self);
char       *opora_programs_page_format_date      (const char        *iso);
void        opora_programs_page_toast            (OporaProgramsPage *self,
                                                  const char        *text,
                                                  gboolean           undo);
void        opora_programs_page_dismiss_undo     (OporaProgramsPage *self);
void        opora_programs_page_reload_list      (OporaProgramsPage *self);
void        opora_programs_page_reload_program   (OporaProgramsPage *self);
void        opora_programs_page_update_undo      (OporaProgramsPage *self);
void        opora_programs_page_editor_init      (OporaProgramsPage *self);
void        opora_programs_page_editor_class_init (GtkWidgetClass  *widget_class);
void        opora_programs_page_output_class_init (GtkWidgetClass  *widget_class);
void        opora_programs_page_draw_road_map    (OporaProgramsPage *self,
                                                  cairo_t           *cr,
                                                  PangoContext      *context,
                                                  double             width,
                                                  double             height,
                                                  int                page,
                                                  int               *n_pages);

G_END_DECLS
