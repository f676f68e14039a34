/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing the workspace's values to Excel, one sheet per year. */
#pragma once

#include <gio/gio.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

gboolean opora_export_values (OporaDb       *db,
                              const char    *path,
                              GCancellable  *cancellable,
                              GError       **error);

gboolean opora_export_close  (lxw_workbook  *book,
                              const char    *path,
                              gboolean       ok,
                              GError       **error);

G_END_DECLS
