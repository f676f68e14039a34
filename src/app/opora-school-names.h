/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The codes and names of a workspace's schools, shared read-only by the sections' tables. */
#pragma once

#include <glib-object.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_SCHOOL_NAMES (opora_school_names_get_type ())

typedef struct _OporaSchoolNames OporaSchoolNames;

GType             opora_school_names_get_type (void) G_GNUC_CONST;
OporaSchoolNames *opora_school_names_read     (OporaDb           *db,
                                               GError           **error);
OporaSchoolNames *opora_school_names_new_empty (void);
OporaSchoolNames *opora_school_names_ref      (OporaSchoolNames  *names);
void              opora_school_names_unref    (OporaSchoolNames  *names);
gboolean          opora_school_names_lookup   (OporaSchoolNames  *names,
                                               gint64             id,
                                               const char       **code,
                                               const char       **name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaSchoolNames, opora_school_names_unref)

G_END_DECLS
