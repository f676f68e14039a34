/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Indicators section: the workspace's indicator catalogue. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_INDICATORS_PAGE (opora_indicators_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaIndicatorsPage, opora_indicators_page, OPORA, INDICATORS_PAGE, AdwBin)

gboolean opora_indicators_page_set_db (OporaIndicatorsPage  *self,
                                       OporaDb              *db,
                                       GError              **error);

G_END_DECLS
