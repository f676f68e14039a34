/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Integrity checks of a workspace: SQLite's own and Opora's invariants. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

GPtrArray *opora_check_run (OporaDb  *db,
                            GError  **error);

G_END_DECLS
