/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that the core speaks Russian, with Russian numbers, under a Russian locale. */

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "opora-i18n.h"
#include "opora-indicator.h"

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

static void
test_russian (void)
{
  if (newlocale (LC_ALL_MASK, "ru_RU.UTF-8", (locale_t) 0) == (locale_t) 0)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed (make sets it up)");
      return;
    }
  g_test_trap_subprocess ("/core/i18n/russian/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
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
  g_test_add_func ("/core/i18n/english", test_english);
  g_test_add_func ("/core/i18n/english/subprocess", english);
  g_test_add_func ("/core/i18n/locale-dir", test_locale_dir);

  return g_test_run ();
}
