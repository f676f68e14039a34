/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saved column mappings, offered again when a file with the same header arrives. */
#pragma once

#include <glib.h>

#include "opora-layout.h"

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

gboolean opora_preset_save       (OporaDb      *db,
                                  const char   *name,
                                  OporaLayout  *layout,
                                  GError      **error);
char    *opora_preset_find       (OporaDb      *db,
                                  OporaLayout  *layout);
gboolean opora_preset_apply      (OporaDb      *db,
                                  const char   *name,
                                  OporaLayout  *layout,
                                  GError      **error);
GStrv    opora_preset_list_names (OporaDb      *db,
                                  GError      **error);

G_END_DECLS
