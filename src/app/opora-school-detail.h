/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The detail pane of the Data section: one school's facts and all its indicators by year. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"
#include "opora-school-item.h"

G_BEGIN_DECLS

#define OPORA_TYPE_SCHOOL_DETAIL (opora_school_detail_get_type ())

G_DECLARE_FINAL_TYPE (OporaSchoolDetail, opora_school_detail, OPORA, SCHOOL_DETAIL, AdwBin)

void opora_school_detail_show (OporaSchoolDetail *self,
                               OporaDb           *db,
                               OporaSchoolItem   *school);

G_END_DECLS
