/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the evaluation form share. */
#pragma once

#include "opora-evaluation-form.h"

G_BEGIN_DECLS

/* The widgets that score one criterion. */
typedef struct {
  const OporaCriterion *criterion;  /* borrowed from the form's rubric */
  GtkDropDown          *choice;     /* choice criteria: item 0 is "not scored" */
  GtkSpinButton        *count;      /* count criteria: the units */
  GtkEditable          *comment;
  GtkEditable          *evidence;
} CriterionRow;

struct _OporaEvaluationForm
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkWidget        *save_button;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwComboRow      *rubric_row;
  GtkStringList    *rubric_names;
  AdwActionRow     *year_row;
  GtkSpinButton    *year_spin;
  AdwEntryRow      *evaluator_row;
  AdwEntryRow      *date_row;
  GtkLabel         *total_label;
  GtkBox           *criteria_box;

  /* Owned */
  GPtrArray        *rubrics;     /* OporaRubric the form may score on */
  OporaPerson      *person;      /* nullable: a body is evaluated */
  char             *body;        /* nullable */
  OporaEvaluation  *evaluation;
  GPtrArray        *rows;        /* CriterionRow */
  gboolean          loading;     /* widgets are being set from the evaluation */

  /* Borrowed */
  OporaDb          *db;
};

const OporaRubric *opora_evaluation_form_rubric      (OporaEvaluationForm *self);
void               opora_evaluation_form_build_rows  (OporaEvaluationForm *self);
void               opora_evaluation_form_show_scores (OporaEvaluationForm *self);
void               opora_evaluation_form_read_scores (OporaEvaluationForm *self);
void               opora_evaluation_form_changed     (OporaEvaluationForm *self);

G_END_DECLS
