/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work on a thread that gives the memory it freed back to the system when it ends. */
#pragma once

#include <gio/gio.h>

#include "opora-db.h"

G_BEGIN_DECLS

/* Reads what a section shows from @db; returns it, or NULL with @error set. */
typedef gpointer (*OporaTaskReadFunc) (OporaDb  *db,
                                       GError  **error);

void opora_task_run_in_thread  (GTask             *task,
                                GTaskThreadFunc    func);
void opora_task_read_in_thread (GTask             *task,
                                const char        *path,
                                OporaTaskReadFunc  read,
                                GDestroyNotify     free_result);

G_END_DECLS
