/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small dialog that adds an indicator to the catalogue from a column of the file. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_IMPORT_INDICATOR_DIALOG (opora_import_indicator_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OporaImportIndicatorDialog, opora_import_indicator_dialog, OPORA,
                      IMPORT_INDICATOR_DIALOG, AdwWindow)

OporaImportIndicatorDialog *opora_import_indicator_dialog_new (GtkWindow  *parent,
                                                               OporaDb    *db,
                                                               GPtrArray  *indicators,
                                                               const char *header);

G_END_DECLS
