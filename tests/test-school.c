/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of adding and listing schools and municipalities. */

#include "opora-error.h"
#include "opora-school.h"
#include "test-util.h"

static OporaSchool *
school_new (const char    *code,
            const char    *name,
            const char    *municipality,
            OporaLocality  locality)
{
  OporaSchool *school = g_new0 (OporaSchool, 1);

  school->code = g_strdup (code);
  school->name = g_strdup (name);
  school->municipality = g_strdup (municipality);
  school->locality = locality;
  return school;
}

static void
test_insert_and_list (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("schools.opora");
  g_autoptr(OporaSchool) a = school_new ("000123", "МБОУ «СОШ № 5»", "Заречный округ", OPORA_LOCALITY_URBAN);
  g_autoptr(OporaSchool) b = school_new ("000045", "МКОУ «ООШ с. Ключи»", "Заречный округ", OPORA_LOCALITY_RURAL);
  g_autoptr(OporaSchool) c = school_new ("9", "Школа без округа", NULL, OPORA_LOCALITY_UNKNOWN);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  OporaSchool *first;

  g_assert_cmpint (opora_school_insert (db, a, &error), >, 0);
  g_assert_cmpint (opora_school_insert (db, b, &error), >, 0);
  g_assert_cmpint (opora_school_insert (db, c, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 3);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM municipality"), ==, 1);

  list = opora_school_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* No municipality sorts first (NULL), then by code within a municipality. */
  g_assert_cmpstr (((OporaSchool *) list->pdata[0])->code, ==, "9");
  first = list->pdata[1];
  g_assert_cmpstr (first->code, ==, "000045");
  g_assert_cmpstr (first->name, ==, "МКОУ «ООШ с. Ключи»");
  g_assert_cmpstr (first->municipality, ==, "Заречный округ");
  g_assert_cmpint (first->locality, ==, OPORA_LOCALITY_RURAL);
  g_assert_cmpstr (((OporaSchool *) list->pdata[2])->code, ==, "000123");
}

static void
test_duplicate_code (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("dup.opora");
  g_autoptr(OporaSchool) a = school_new ("0101", "СОШ № 1", NULL, OPORA_LOCALITY_URBAN);
  g_autoptr(OporaSchool) b = school_new ("0101", "СОШ № 2", NULL, OPORA_LOCALITY_URBAN);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (opora_school_insert (db, a, &error), >, 0);
  g_assert_cmpint (opora_school_insert (db, b, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0101"));
  g_assert_cmpint (opora_school_count (db, NULL), ==, 1);
}

static void
test_get (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("get.opora");
  g_autoptr(OporaSchool) a = school_new ("007", "Гимназия № 7", "Город", OPORA_LOCALITY_URBAN);
  g_autoptr(OporaSchool) got = NULL;
  g_autoptr(OporaSchool) none = NULL;
  g_autoptr(GError) error = NULL;

  opora_school_insert (db, a, &error);
  got = opora_school_get (db, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->code, ==, "007");
  g_assert_cmpstr (got->municipality, ==, "Город");

  none = opora_school_get (db, a->id + 100, &error);
  g_assert_null (none);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

static void
test_municipality_ensure (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("mun.opora");
  g_autoptr(GError) error = NULL;
  gint64 first = opora_municipality_ensure (db, "Берёзовский округ", NULL, &error);
  gint64 again = opora_municipality_ensure (db, "Берёзовский округ", "Область", &error);
  gint64 other = opora_municipality_ensure (db, "Другой", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpint (other, !=, first);
  g_assert_cmpint (test_query_int (db, "SELECT region = 'Область' FROM municipality WHERE id = 1"), ==, 1);
}

static void
test_empty_code_rejected (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("empty.opora");
  g_autoptr(OporaSchool) a = school_new ("  ", "Без кода", NULL, OPORA_LOCALITY_UNKNOWN);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (opora_school_insert (db, a, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_DATABASE);
  g_assert_cmpint (opora_school_count (db, NULL), ==, 0);
}

static void
test_name_key (void)
{
  static const struct { const char *name, *key; } cases[] = {
    { "МБОУ «СОШ № 5»", "сош5" },
    { "МАОУ СОШ №5", "сош5" },
    { "мбоу сош 5", "сош5" },
    { "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»", "сош5" },
    { "МКОУ «ООШ с. Ключи»", "оошсключи" },
    { "МАОУ «Гимназия № 1 им. А. С. Пушкина»", "гимназия1имаспушкина" },
    { "МБОУ «СОШ № 15»", "сош15" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = opora_school_name_key (cases[i].name);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/school/insert-and-list", test_insert_and_list);
  g_test_add_func ("/core/school/duplicate-code", test_duplicate_code);
  g_test_add_func ("/core/school/get", test_get);
  g_test_add_func ("/core/school/municipality-ensure", test_municipality_ensure);
  g_test_add_func ("/core/school/empty-code-rejected", test_empty_code_rejected);
  g_test_add_func ("/core/school/name-key", test_name_key);

  return g_test_run ();
}
