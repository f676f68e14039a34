/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the deflate level Opora's workbooks get instead of libxlsxwriter's. */

#include "opora-demo.h"
#include "opora-export.h"
#include "opora-xlsx-deflate.h"
#include "test-util.h"

/* Opora's workbooks are deflated at its level (see opora-xlsx-deflate.c),
 * not libxlsxwriter's: minizip marks a part deflated at level 1 with bits 1
 * and 2 of the general-purpose flags in its local header (APPNOTE 4.4.4). */
static void
test_level (void)
{
  g_autoptr(OporaDb) demo = test_workspace_new ("demo.opora");
  g_autofree char *path = test_workspace_path ("export.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize length;

  g_assert_true (opora_demo_fill (demo, 5, &error));
  g_assert_true (opora_export_values (demo, path, NULL, &error));
  g_assert_true (g_file_get_contents (path, (char **) &bytes, &length, &error));
  g_assert_cmpuint (length, >, 30);
  g_assert_cmpmem (bytes, 4, "PK\3\4", 4);
  g_assert_cmpuint (bytes[8] | bytes[9] << 8, ==, 8);    /* deflated */
  g_assert_cmpuint ((bytes[6] >> 1) & 3, ==, 3);         /* at level 1 */
  g_clear_pointer (&bytes, g_free);

  /* At zlib's default level, as libxlsxwriter alone writes: no bits. */
  opora_xlsx_deflate_set_level (-1);
  g_assert_true (opora_export_values (demo, path, NULL, &error));
  opora_xlsx_deflate_set_level (OPORA_XLSX_DEFLATE_LEVEL);
  g_assert_true (g_file_get_contents (path, (char **) &bytes, &length, &error));
  g_assert_cmpmem (bytes, 4, "PK\3\4", 4);
  g_assert_cmpuint ((bytes[6] >> 1) & 3, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/xlsx-deflate/level", test_level);

  return g_test_run ();
}
