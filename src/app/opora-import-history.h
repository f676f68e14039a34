/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import history: every import of the workspace, each with an Undo button. */
#pragma once

#include <adwaita.h>

#include "opora-window.h"

G_BEGIN_DECLS

#define OPORA_TYPE_IMPORT_HISTORY (opora_import_history_get_type ())

G_DECLARE_FINAL_TYPE (OporaImportHistory, opora_import_history, OPORA, IMPORT_HISTORY, AdwWindow)

OporaImportHistory *opora_import_history_new    (OporaWindow        *window);
void                opora_import_history_reload (OporaImportHistory *self);

G_END_DECLS
