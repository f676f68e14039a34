/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One school as a row of the Data section: its facts and its latest key values. */
#pragma once

#include <glib-object.h>

#include "opora-school.h"

G_BEGIN_DECLS

#define OPORA_TYPE_SCHOOL_ITEM (opora_school_item_get_type ())

G_DECLARE_FINAL_TYPE (OporaSchoolItem, opora_school_item, OPORA, SCHOOL_ITEM, GObject)

OporaSchoolItem *opora_school_item_new             (const OporaSchool *school,
                                                    guint              n_values);
gint64           opora_school_item_get_id          (OporaSchoolItem   *self);
const char      *opora_school_item_get_code        (OporaSchoolItem   *self);
const char      *opora_school_item_get_name        (OporaSchoolItem   *self);
const char      *opora_school_item_get_short_name  (OporaSchoolItem   *self);
const char      *opora_school_item_get_municipality (OporaSchoolItem  *self);
const char      *opora_school_item_get_locality    (OporaSchoolItem   *self);
const char      *opora_school_item_get_kind        (OporaSchoolItem   *self);
gboolean         opora_school_item_matches         (OporaSchoolItem   *self,
                                                    const char        *folded_text);
guint            opora_school_item_get_n_values    (OporaSchoolItem   *self);
double           opora_school_item_get_value       (OporaSchoolItem   *self,
                                                    guint              index);
int              opora_school_item_get_value_year  (OporaSchoolItem   *self,
                                                    guint              index);
void             opora_school_item_set_value       (OporaSchoolItem   *self,
                                                    guint              index,
                                                    int                year,
                                                    double             value);

G_END_DECLS
