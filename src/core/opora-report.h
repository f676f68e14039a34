/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing an import's problems to a CSV or XLSX file, for the people who fix the source. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean opora_report_write (GPtrArray   *problems,
                             const char  *path,
                             GError     **error);

G_END_DECLS
