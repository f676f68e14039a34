/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members of the JSON objects Opora writes: a name and its value, null when there is none. */

#include <math.h>

#include "opora-json.h"

/* @value, or null when it is NaN or infinite (JSON has no such numbers). */
void
opora_json_add_double (JsonBuilder *b,
                       const char  *name,
                       double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
opora_json_add_int (JsonBuilder *b,
                    const char  *name,
                    gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* @value, or null when it is %NULL. */
void
opora_json_add_string (JsonBuilder *b,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
opora_json_add_boolean (JsonBuilder *b,
                        const char  *name,
                        gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}
