/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Dashboard section: the department head's home page for a school year. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_DASHBOARD_PAGE (opora_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaDashboardPage, opora_dashboard_page, OPORA, DASHBOARD_PAGE, AdwBin)

gboolean opora_dashboard_page_set_db        (OporaDashboardPage  *self,
                                             OporaDb             *db,
                                             GError             **error);
int      opora_dashboard_page_get_year      (OporaDashboardPage  *self);
gboolean opora_dashboard_page_set_year      (OporaDashboardPage  *self,
                                             int                  year);
void     opora_dashboard_page_set_today     (OporaDashboardPage  *self,
                                             const char          *today);
gboolean opora_dashboard_page_export_pdf    (OporaDashboardPage  *self,
                                             const char          *path,
                                             GError             **error);
gboolean opora_dashboard_page_export_xlsx   (OporaDashboardPage  *self,
                                             const char          *path,
                                             GError             **error);

G_END_DECLS
