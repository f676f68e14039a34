/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Mentors and Tutors section: the registry, assignments, evaluations on rubrics, bodies and the rubrics. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_PEOPLE_PAGE (opora_people_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaPeoplePage, opora_people_page, OPORA, PEOPLE_PAGE, AdwBin)

gboolean  opora_people_page_set_db      (OporaPeoplePage  *self,
                                         OporaDb          *db,
                                         GError          **error);
void      opora_people_page_set_today   (OporaPeoplePage  *self,
                                         const char       *today);
int       opora_people_page_get_year    (OporaPeoplePage  *self);
void      opora_people_page_set_year    (OporaPeoplePage  *self,
                                         int               year);
gint64    opora_people_page_get_person  (OporaPeoplePage  *self);
void      opora_people_page_open_person (OporaPeoplePage  *self,
                                         gint64            person_id);
gboolean  opora_people_page_import      (OporaPeoplePage  *self,
                                         const char       *path,
                                         GError          **error);

G_END_DECLS
