/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OporaSchoolNames: every school's code and name by its id, from a workspace. */

#include "opora-school-names.h"
#include "test-util.h"

static gint64
insert (OporaDb    *db,
        const char *code,
        const char *name)
{
  g_autoptr(OporaSchool) school = g_new0 (OporaSchool, 1);
  g_autoptr(GError) error = NULL;
  gint64 id;

  school->code = g_strdup (code);
  school->name = g_strdup (name);
  school->municipality = g_strdup ("Заречный округ");
  id = opora_school_insert (db, school, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_lookup (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("names.opora");
  gint64 lyceum = insert (db, "040002", "МАОУ «Лицей № 2»");
  gint64 school = insert (db, "000045", "МКОУ «ООШ с. Ключи»");
  g_autoptr(OporaSchoolNames) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = "unset", *name = "unset";

  names = opora_school_names_read (db, &error);
  g_assert_no_error (error);
  g_assert_true (opora_school_names_lookup (names, lyceum, &code, &name));
  g_assert_cmpstr (code, ==, "040002");
  g_assert_cmpstr (name, ==, "МАОУ «Лицей № 2»");
  g_assert_true (opora_school_names_lookup (names, school, &code, NULL));
  g_assert_cmpstr (code, ==, "000045");
  g_assert_true (opora_school_names_lookup (names, school, NULL, &name));
  g_assert_cmpstr (name, ==, "МКОУ «ООШ с. Ключи»");

  code = name = "unset";
  g_assert_false (opora_school_names_lookup (names, MAX (lyceum, school) + 1, &code, &name));
  g_assert_false (opora_school_names_lookup (names, 0, &code, &name));
  g_assert_cmpstr (code, ==, "unset");
  g_assert_cmpstr (name, ==, "unset");
}

static void
test_empty (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("empty.opora");
  g_autoptr(OporaSchoolNames) read = opora_school_names_read (db, NULL);
  g_autoptr(OporaSchoolNames) empty = opora_school_names_new_empty ();

  g_assert_nonnull (read);
  g_assert_false (opora_school_names_lookup (read, 1, NULL, NULL));
  g_assert_false (opora_school_names_lookup (empty, 1, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/school-names/lookup", test_lookup);
  g_test_add_func ("/ui/school-names/empty", test_empty);
  return g_test_run ();
}
