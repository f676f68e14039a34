/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What opora-program.c and opora-program-edit.c share. */
#pragma once

#include "opora-program.h"

G_BEGIN_DECLS

void     opora_program_set_no_program (GError     **error,
                                       gint64       program_id);
void     opora_program_set_no_measure (GError     **error,
                                       gint64       measure_id);
gboolean opora_program_check_date     (const char  *date,
                                       const char  *what,
                                       GError     **error);

G_END_DECLS
