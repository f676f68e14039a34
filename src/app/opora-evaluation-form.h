/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that scores a mentor, a tutor or a body as a whole on a rubric for a school year. */
#pragma once

#include <adwaita.h>

#include "opora-evaluation.h"

G_BEGIN_DECLS

#define OPORA_TYPE_EVALUATION_FORM (opora_evaluation_form_get_type ())

G_DECLARE_FINAL_TYPE (OporaEvaluationForm, opora_evaluation_form, OPORA, EVALUATION_FORM, AdwWindow)

OporaEvaluationForm *opora_evaluation_form_new        (GtkWindow            *parent,
                                                       OporaDb              *db,
                                                       const OporaPerson    *person,
                                                       const char           *body,
                                                       gint64                rubric_id,
                                                       int                   year,
                                                       const char           *today);
const OporaEvaluation *opora_evaluation_form_get_evaluation (OporaEvaluationForm *self);
char                *opora_evaluation_form_dup_total_text (OporaEvaluationForm *self);
gint64               opora_evaluation_form_save       (OporaEvaluationForm  *self,
                                                       GError              **error);

G_END_DECLS
