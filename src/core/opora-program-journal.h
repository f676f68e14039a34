/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The undo journal of the support programs: one function records every edit; undo and redo replay it. */
#pragma once

#include "opora-db.h"

G_BEGIN_DECLS

/* Makes the changes of one edit; on failure sets @error and returns FALSE. */
typedef gboolean (*OporaEditFunc) (OporaDb   *db,
                                   gpointer   user_data,
                                   GError   **error);

gboolean  opora_program_edit            (OporaDb        *db,
                                         const char     *label,
                                         OporaEditFunc   func,
                                         gpointer        user_data,
                                         GError        **error);
gboolean  opora_program_undo            (OporaDb        *db,
                                         char          **label,
                                         GError        **error);
gboolean  opora_program_redo            (OporaDb        *db,
                                         char          **label,
                                         GError        **error);
char     *opora_program_dup_undo_label  (OporaDb        *db);
char     *opora_program_dup_redo_label  (OporaDb        *db);

G_END_DECLS
