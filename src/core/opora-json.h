/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members of the JSON objects Opora writes: a name and its value, null when there is none. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void opora_json_add_double  (JsonBuilder *b,
                             const char  *name,
                             double       value);
void opora_json_add_int     (JsonBuilder *b,
                             const char  *name,
                             gint64       value);
void opora_json_add_string  (JsonBuilder *b,
                             const char  *name,
                             const char  *value);
void opora_json_add_boolean (JsonBuilder *b,
                             const char  *name,
                             gboolean     value);

G_END_DECLS
