/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Support programs as .xlsx workbooks in the road-map layout departments print. */
#pragma once

#include "opora-program.h"

G_BEGIN_DECLS

gboolean opora_export_program  (OporaDb     *db,
                                gint64       program_id,
                                const char  *today,
                                const char  *path,
                                GError     **error);
gboolean opora_export_programs (OporaDb     *db,
                                int          year,
                                const char  *today,
                                const char  *path,
                                GError     **error);

G_END_DECLS
