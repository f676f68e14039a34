/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a column can be mapped to, as an item of the Columns step's drop-downs. */
#pragma once

#include <glib-object.h>

#include "opora-indicator.h"
#include "opora-layout.h"

G_BEGIN_DECLS

#define OPORA_TYPE_IMPORT_TARGET (opora_import_target_get_type ())

G_DECLARE_FINAL_TYPE (OporaImportTarget, opora_import_target, OPORA, IMPORT_TARGET, GObject)

OporaImportTarget *opora_import_target_new           (OporaTargetKind       kind);
OporaImportTarget *opora_import_target_new_indicator (const OporaIndicator *indicator);
OporaTargetKind    opora_import_target_get_kind      (OporaImportTarget    *self);
const char        *opora_import_target_get_key       (OporaImportTarget    *self);
const char        *opora_import_target_get_label     (OporaImportTarget    *self);
const char        *opora_import_target_get_group     (OporaImportTarget    *self);

G_END_DECLS
