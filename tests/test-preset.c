/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of saving a column mapping and finding it again for a file with the same header. */

#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-preset.h"
#include "test-util.h"

static const char *monitoring[] = {
  "Код", "Школа", "Средний балл ЕГЭ по русскому языку", "Примечание",
  "01", "СОШ № 1", "70", "нет",
};

static OporaLayout *
layout_of (const char * const *cells,
           guint               n_cols)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();
  g_autoptr(OporaSheet) sheet = opora_sheet_new_from_text (cells, 2, n_cols);

  return opora_layout_detect (sheet, indicators);
}

static void
test_save_find_apply (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("presets.opora");
  g_autoptr(OporaLayout) saved = layout_of (monitoring, 4);
  g_autoptr(OporaLayout) arriving = layout_of (monitoring, 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  opora_layout_set_target (saved, 3, OPORA_TARGET_INDICATOR, "olymp_winners");
  g_assert_true (opora_preset_save (db, "  Мониторинг ЕГЭ  ", saved, &error));
  g_assert_no_error (error);

  found = opora_preset_find (db, arriving);
  g_assert_cmpstr (found, ==, "Мониторинг ЕГЭ");
  g_assert_true (opora_preset_apply (db, found, arriving, &error));
  a = opora_layout_mapping_to_json (saved);
  b = opora_layout_mapping_to_json (arriving);
  g_assert_cmpstr (a, ==, b);

  names = opora_preset_list_names (db, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Мониторинг ЕГЭ");
}

static void
test_other_header (void)
{
  /* Narrower than the saved mapping: its third column does not exist here. */
  static const char *other[] = { "Код", "ОГЭ математика", "01", "4" };
  g_autoptr(OporaDb) db = test_workspace_new ("other.opora");
  g_autoptr(OporaLayout) saved = layout_of (monitoring, 4);
  g_autoptr(OporaLayout) arriving = layout_of (other, 2);
  g_autoptr(GError) error = NULL;

  g_assert_true (opora_preset_save (db, "ЕГЭ", saved, NULL));
  g_assert_null (opora_preset_find (db, arriving));
  g_assert_false (opora_preset_apply (db, "ЕГЭ", arriving, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_preset_apply (db, "нет такого", arriving, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (opora_preset_save (db, "   ", saved, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/preset/save-find-apply", test_save_find_apply);
  g_test_add_func ("/core/preset/other-header", test_other_header);

  return g_test_run ();
}
