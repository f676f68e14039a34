/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import wizard: file, reading, columns, check and commit, over the main window. */
#pragma once

#include <adwaita.h>

#include "opora-window.h"

G_BEGIN_DECLS

#define OPORA_TYPE_IMPORT_WINDOW (opora_import_window_get_type ())

G_DECLARE_FINAL_TYPE (OporaImportWindow, opora_import_window, OPORA, IMPORT_WINDOW, AdwWindow)

OporaImportWindow *opora_import_window_new  (OporaWindow       *window);
void               opora_import_window_open (OporaImportWindow *self,
                                             GFile             *file);

G_END_DECLS
