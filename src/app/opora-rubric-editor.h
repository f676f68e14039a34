/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that edits a rubric: its name, body, criteria with their scales, and levels. */
#pragma once

#include <adwaita.h>

#include "opora-rubric.h"

G_BEGIN_DECLS

#define OPORA_TYPE_RUBRIC_EDITOR (opora_rubric_editor_get_type ())

G_DECLARE_FINAL_TYPE (OporaRubricEditor, opora_rubric_editor, OPORA, RUBRIC_EDITOR, AdwWindow)

OporaRubricEditor *opora_rubric_editor_new        (GtkWindow          *parent,
                                                   OporaDb            *db,
                                                   gint64              rubric_id,
                                                   GError            **error);
OporaRubric       *opora_rubric_editor_get_rubric (OporaRubricEditor  *self);
void               opora_rubric_editor_rebuild    (OporaRubricEditor  *self);
gint64             opora_rubric_editor_save       (OporaRubricEditor  *self,
                                                   GError            **error);
gint64             opora_rubric_editor_save_copy  (OporaRubricEditor  *self,
                                                   GError            **error);

G_END_DECLS
