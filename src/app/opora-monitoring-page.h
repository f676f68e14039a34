/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Monitoring section: indicators 1 (ЕГЭ) and 2 (ВПР) of a year against the year before. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_MONITORING_PAGE (opora_monitoring_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaMonitoringPage, opora_monitoring_page, OPORA, MONITORING_PAGE, AdwBin)

gboolean opora_monitoring_page_set_db    (OporaMonitoringPage  *self,
                                          OporaDb              *db,
                                          GError              **error);
int      opora_monitoring_page_get_year  (OporaMonitoringPage  *self);
gboolean opora_monitoring_page_is_computing (OporaMonitoringPage *self);
gboolean opora_monitoring_page_export    (OporaMonitoringPage  *self,
                                          const char           *path,
                                          GError              **error);

G_END_DECLS
