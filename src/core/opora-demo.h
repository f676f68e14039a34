/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo municipality: a deterministic, plausible workspace for first runs and tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

#define OPORA_DEMO_DEFAULT_SEED 2024u
#define OPORA_DEMO_FIRST_YEAR   2024
#define OPORA_DEMO_N_YEARS      3

gboolean opora_demo_fill         (OporaDb  *db,
                                  guint32   seed,
                                  GError  **error);
gboolean opora_demo_fill_support (OporaDb  *db,
                                  guint32   seed,
                                  GError  **error);
gboolean opora_demo_fill_all     (OporaDb  *db,
                                  guint32   seed,
                                  GError  **error);

G_END_DECLS
