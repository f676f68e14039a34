/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One problem of an import's check, as a row of the Check step's list. */
#pragma once

#include <glib-object.h>

#include "opora-import.h"

G_BEGIN_DECLS

#define OPORA_TYPE_IMPORT_PROBLEM (opora_import_problem_get_type ())

G_DECLARE_FINAL_TYPE (OporaImportProblem, opora_import_problem, OPORA, IMPORT_PROBLEM, GObject)

OporaImportProblem *opora_import_problem_new          (const OporaProblem *problem);
OporaSeverity       opora_import_problem_get_severity (OporaImportProblem *self);
guint32             opora_import_problem_get_row      (OporaImportProblem *self);
guint32             opora_import_problem_get_col      (OporaImportProblem *self);
const char         *opora_import_problem_get_message  (OporaImportProblem *self);
gboolean            opora_import_problem_matches      (OporaImportProblem *self,
                                                       const char         *folded);
char               *opora_import_column_name          (guint32             col);

G_END_DECLS
