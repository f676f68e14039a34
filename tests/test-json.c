/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the JSON members Opora writes: numbers, integers, strings and booleans, null for none. */

#include <math.h>

#include "opora-json.h"

static void
test_members (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  opora_json_add_double (b, "half", 0.5);
  opora_json_add_double (b, "missing", NAN);
  opora_json_add_double (b, "endless", INFINITY);
  opora_json_add_int (b, "id", -42);
  opora_json_add_string (b, "name", "СОШ № 1");
  opora_json_add_string (b, "none", NULL);
  opora_json_add_boolean (b, "yes", TRUE);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"half\":0.5,\"missing\":null,\"endless\":null,\"id\":-42,"
                   "\"name\":\"СОШ № 1\",\"none\":null,\"yes\":true}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/members", test_members);

  return g_test_run ();
}
