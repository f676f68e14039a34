/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Rules and Flags section: the schools the rules flag in a year, the rules, and where the models disagree. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_FLAGS_PAGE (opora_flags_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaFlagsPage, opora_flags_page, OPORA, FLAGS_PAGE, AdwBin)

gboolean opora_flags_page_set_db    (OporaFlagsPage  *self,
                                     OporaDb         *db,
                                     GError         **error);
int      opora_flags_page_get_year  (OporaFlagsPage  *self);
gboolean opora_flags_page_get_busy  (OporaFlagsPage  *self);
void     opora_flags_page_refresh   (OporaFlagsPage  *self);
gboolean opora_flags_page_export    (OporaFlagsPage  *self,
                                     const char      *path,
                                     GError         **error);

G_END_DECLS
