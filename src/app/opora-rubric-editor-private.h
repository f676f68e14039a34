/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the rubric editor share. */
#pragma once

#include "opora-rubric-editor.h"

G_BEGIN_DECLS

struct _OporaRubricEditor
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *role_row;
  AdwEntryRow    *body_row;
  GtkListBox     *criteria_list;
  GtkListBox     *levels_list;

  /* Owned */
  OporaRubric    *rubric;     /* the edited copy; saved as a whole */

  /* Borrowed */
  OporaDb        *db;
  OporaCriterion *expanded;   /* the criterion whose row stays open across rebuilds */
};

void opora_rubric_editor_criteria_class_init (GtkWidgetClass    *widget_class);
void opora_rubric_editor_show_error          (OporaRubricEditor *self,
                                              const char        *message);

G_END_DECLS
