/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is behind a dashboard figure, bar or row: the schools, the measures, a person's evaluations. */
#pragma once

#include <gtk/gtk.h>

#include "opora-db.h"

G_BEGIN_DECLS

GtkWidget *opora_dashboard_drill_schools  (GtkWidget   *parent,
                                           OporaDb     *db,
                                           const char  *title,
                                           const char  *subtitle,
                                           GArray      *school_ids);
GtkWidget *opora_dashboard_drill_measures (GtkWidget   *parent,
                                           OporaDb     *db,
                                           const char  *title,
                                           const char  *subtitle,
                                           GArray      *measure_ids);
GtkWidget *opora_dashboard_drill_people   (GtkWidget   *parent,
                                           OporaDb     *db,
                                           const char  *title,
                                           const char  *subtitle,
                                           GArray      *person_ids,
                                           int          year);
GtkWidget *opora_dashboard_drill_person   (GtkWidget   *parent,
                                           OporaDb     *db,
                                           gint64       person_id);

G_END_DECLS
