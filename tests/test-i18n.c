/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that the core speaks Russian, with Russian numbers, under a Russian locale. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "opora-db.h"
#include "opora-i18n.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-values.h"

static void
russian (void)
{
  g_autoptr(GPtrArray) builtin = opora_indicator_builtin ();
  OporaIndicator *ege = opora_indicator_lookup (builtin, "ege_rus_avg");
  OporaIndicator percent = { .unit = OPORA_UNIT_PERCENT };
  OporaIndicator flag = { .unit = OPORA_UNIT_FLAG };
  g_autofree char *share = NULL;
  g_autofree char *yes = NULL;

  g_setenv ("LC_ALL", "ru_RU.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "ru", TRUE);
  opora_i18n_init ();

  g_assert_cmpstr (_("Context"), ==, "Контекст");
  g_assert_cmpstr (opora_group_label (OPORA_GROUP_RESULT), ==, "Результаты");
  g_assert_cmpstr (opora_unit_symbol (OPORA_UNIT_POINTS), ==, "баллы");
  g_assert_cmpstr (opora_indicator_get_name (ege), ==, "ЕГЭ, русский язык: средний балл");
  share = opora_indicator_format_value (&percent, 56.26);
  g_assert_cmpstr (share, ==, "56,3 %");
  yes = opora_indicator_format_value (&flag, 1);
  g_assert_cmpstr (yes, ==, "да");
}

/* Values stored and read back under a locale with a decimal comma. */
static void
russian_values (void)
{
  g_autofree char *dir = g_dir_make_tmp ("opora-i18n-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ru.opora", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(OporaValueWriter) writer = NULL;
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(OporaSchoolValues) table = NULL;
  OporaSchool school = { .code = "01", .name = "СОШ № 1" };
  OporaYearValue *yv;

  g_setenv ("LC_ALL", "ru_RU.UTF-8", TRUE);
  opora_i18n_init ();
  db = opora_db_open (path, OPORA_DB_FLAGS_NONE, &error);
  g_assert_no_error (error);
  indicators = opora_indicator_list (db, NULL);
  opora_school_insert (db, &school, &error);
  writer = opora_value_writer_new (db, 0, &error);
  g_assert_true (opora_value_writer_set (writer, school.id, opora_indicator_lookup (indicators, "sp_low_income_share")->id,
                                         2025, 13.3, &error));
  g_assert_true (opora_value_writer_flush (writer, &error));
  g_assert_no_error (error);

  latest = opora_values_latest (db, "sp_low_income_share", &error);
  yv = g_hash_table_lookup (latest, &school.id);
  g_assert_cmpfloat (yv->value, ==, 13.3);
  table = opora_school_values_load (db, school.id, &error);
  g_assert_cmpfloat (opora_school_values_get (table, 0, 0), ==, 13.3);
  g_clear_pointer (&writer, opora_value_writer_free);
  g_clear_pointer (&db, opora_db_free);
  g_remove (path);
  g_rmdir (dir);
}

static void
english (void)
{
  g_autoptr(GPtrArray) builtin = opora_indicator_builtin ();
  OporaIndicator *ege = opora_indicator_lookup (builtin, "ege_rus_avg");

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  opora_i18n_init ();

  g_assert_cmpstr (_("Context"), ==, "Context");
  g_assert_cmpstr (opora_indicator_get_name (ege), ==, "USE, Russian: average score");
}

static gboolean
have_russian (void)
{
  locale_t ru = newlocale (LC_ALL_MASK, "ru_RU.UTF-8", (locale_t) 0);

  if (ru == (locale_t) 0)
    return FALSE;
  freelocale (ru);
  return TRUE;
}

static void
test_russian (void)
{
  if (!have_russian ())
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (make sets it up)");
      return;
    }
  g_test_trap_subprocess ("/core/i18n/russian/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_russian_values (void)
{
  if (!have_russian ())
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (make sets it up)");
      return;
    }
  g_test_trap_subprocess ("/core/i18n/russian-values/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_english (void)
{
  g_test_trap_subprocess ("/core/i18n/english/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_locale_dir (void)
{
  g_assert_cmpstr (opora_i18n_init (), ==, g_getenv ("OPORA_LOCALEDIR"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/i18n/russian", test_russian);
  g_test_add_func ("/core/i18n/russian/subprocess", russian);
  g_test_add_func ("/core/i18n/russian-values", test_russian_values);
  g_test_add_func ("/core/i18n/russian-values/subprocess", russian_values);
  g_test_add_func ("/core/i18n/english", test_english);
  g_test_add_func ("/core/i18n/english/subprocess", english);
  g_test_add_func ("/core/i18n/locale-dir", test_locale_dir);

  return g_test_run ();
}
