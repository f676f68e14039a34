/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The backups of the open workspace, newest first, each with a Restore button, and Back Up Now. */
#pragma once

#include <adwaita.h>

#include "opora-window.h"

G_BEGIN_DECLS

#define OPORA_TYPE_BACKUP_DIALOG (opora_backup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OporaBackupDialog, opora_backup_dialog, OPORA, BACKUP_DIALOG, AdwWindow)

OporaBackupDialog *opora_backup_dialog_new    (OporaWindow       *window);
void               opora_backup_dialog_reload (OporaBackupDialog *self);

G_END_DECLS
