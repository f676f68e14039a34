/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Data section: every school of the workspace with its latest key values, and a detail pane. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_DATA_PAGE (opora_data_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaDataPage, opora_data_page, OPORA, DATA_PAGE, AdwBin)

gboolean opora_data_page_set_db       (OporaDataPage  *self,
                                       OporaDb        *db,
                                       GError        **error);
guint    opora_data_page_get_n_schools (OporaDataPage *self);
gboolean opora_data_page_is_loading   (OporaDataPage  *self);
void     opora_data_page_focus_search (OporaDataPage  *self);

G_END_DECLS
