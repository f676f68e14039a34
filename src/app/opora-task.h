/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work on a thread that gives the memory it freed back to the system when it ends. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void opora_task_run_in_thread (GTask           *task,
                               GTaskThreadFunc  func);

G_END_DECLS
