/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the built-in indicator catalogue, its sync and value formatting. */

#include <locale.h>
#include <math.h>

#include "opora-error.h"
#include "opora-indicator.h"
#include "test-util.h"

/* Every indicator DOMAIN.md and issue #3 name, with its exact properties. */
static const struct {
  const char *key;
  OporaUnit   unit;
  OporaGroup  group;
  int         direction;
  double      min_value, max_value;
  const char *participants_key;
} expected[] = {
  { "ege_rus_avg",               OPORA_UNIT_POINTS,  OPORA_GROUP_RESULT,   +1, 0, 100, "ege_rus_n" },
  { "ege_mathp_avg",             OPORA_UNIT_POINTS,  OPORA_GROUP_RESULT,   +1, 0, 100, "ege_mathp_n" },
  { "ege_160_share",             OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   +1, 0, 100, "ege_n" },
  { "oge_rus_avg",               OPORA_UNIT_MARK,    OPORA_GROUP_RESULT,   +1, 2, 5,   "oge_rus_n" },
  { "oge_math_m2_share",         OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   -1, 0, 100, "oge_math_n" },
  { "vpr_rus5_m2",               OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   -1, 0, 100, "vpr_rus5_n" },
  { "vpr_rus6_m5",               OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   +1, 0, 100, "vpr_rus6_n" },
  { "vpr_math5_m3",              OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,    0, 0, 100, "vpr_math5_n" },
  { "vpr_math6_m4",              OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   +1, 0, 100, "vpr_math6_n" },
  { "vpr_math8_m2",              OPORA_UNIT_PERCENT, OPORA_GROUP_RESULT,   -1, 0, 100, "vpr_math8_n" },
  { "vpr_rus4_n",                OPORA_UNIT_COUNT,   OPORA_GROUP_RESULT,    0, 0, 100000, NULL },
  { "sp_low_income_share",       OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "sp_parents_higher_ed_share",OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  +1, 0, 100, NULL },
  { "sp_disabled_share",         OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "sp_non_native_share",       OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "sp_single_parent_share",    OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "sp_large_family_share",     OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "sp_prevent_register_share", OPORA_UNIT_PERCENT, OPORA_GROUP_CONTEXT,  -1, 0, 100, NULL },
  { "staff_highest_cat_share",   OPORA_UNIT_PERCENT, OPORA_GROUP_RESOURCE, +1, 0, 100, NULL },
  { "staff_first_cat_share",     OPORA_UNIT_PERCENT, OPORA_GROUP_RESOURCE, +1, 0, 100, NULL },
  { "staff_vacancies",           OPORA_UNIT_COUNT,   OPORA_GROUP_RESOURCE, -1, 0, 1000, NULL },
  { "res_equipment_index",       OPORA_UNIT_INDEX,   OPORA_GROUP_RESOURCE, +1, 0, 100, NULL },
  { "olymp_winners",             OPORA_UNIT_COUNT,   OPORA_GROUP_RESULT,   +1, 0, 100000, NULL },
  { "vpr_nonobjective",          OPORA_UNIT_FLAG,    OPORA_GROUP_RESULT,   -1, 0, 1, NULL },
};

static void
test_builtin_rows (void)
{
  g_autoptr(GPtrArray) list = opora_indicator_builtin ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      OporaIndicator *ind = opora_indicator_lookup (list, expected[i].key);

      g_test_message ("%s", expected[i].key);
      g_assert_nonnull (ind);
      g_assert_cmpint (ind->unit, ==, expected[i].unit);
      g_assert_cmpint (ind->group, ==, expected[i].group);
      g_assert_cmpint (ind->direction, ==, expected[i].direction);
      g_assert_cmpfloat (ind->min_value, ==, expected[i].min_value);
      g_assert_cmpfloat (ind->max_value, ==, expected[i].max_value);
      g_assert_cmpstr (ind->participants_key, ==, expected[i].participants_key);
      g_assert_true (ind->builtin);
      g_assert_true (g_utf8_validate (ind->name_ru, -1, NULL));
      g_assert_cmpstr (ind->name_en, !=, "");
    }
}

static void
test_builtin_shape (void)
{
  g_autoptr(GPtrArray) list = opora_indicator_builtin ();
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_vpr = 0;

  for (guint i = 0; i < list->len; i++)
    {
      OporaIndicator *ind = list->pdata[i];

      g_assert_cmpint (ind->position, ==, i);
      g_assert_true (g_hash_table_add (keys, ind->key));
      if (ind->participants_key != NULL)
        g_assert_nonnull (opora_indicator_lookup (list, ind->participants_key));
      n_vpr += g_strcmp0 (ind->procedure, "vpr") == 0 && ind->mark != 0;
    }
  /* Grades 4–8 × Russian and mathematics × marks 2–5. */
  g_assert_cmpuint (n_vpr, ==, 5 * 2 * 4);
  g_assert_cmpuint (list->len, ==, 79);
  g_assert_cmpint (((OporaIndicator *) opora_indicator_lookup (list, "vpr_math7_m3"))->grade, ==, 7);
  g_assert_cmpint (((OporaIndicator *) opora_indicator_lookup (list, "vpr_math7_m3"))->mark, ==, 3);
}

static void
test_unit_group_names (void)
{
  static const struct { OporaUnit unit; const char *text; } units[] = {
    { OPORA_UNIT_PERCENT, "percent" }, { OPORA_UNIT_POINTS, "points" }, { OPORA_UNIT_MARK, "mark" },
    { OPORA_UNIT_COUNT, "count" }, { OPORA_UNIT_INDEX, "index" }, { OPORA_UNIT_FLAG, "flag" },
  };
  OporaUnit unit;
  OporaGroup group;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_assert_cmpstr (opora_unit_to_string (units[i].unit), ==, units[i].text);
      g_assert_true (opora_unit_from_string (units[i].text, &unit));
      g_assert_cmpint (unit, ==, units[i].unit);
    }
  g_assert_false (opora_unit_from_string ("furlongs", &unit));
  g_assert_true (opora_group_from_string ("resource", &group));
  g_assert_cmpint (group, ==, OPORA_GROUP_RESOURCE);
  g_assert_cmpstr (opora_group_to_string (OPORA_GROUP_CONTEXT), ==, "context");
  g_assert_false (opora_group_from_string ("Context", &group));
}

static void
test_format_c_locale (void)
{
  static const struct { OporaUnit unit; double value; const char *text; } cases[] = {
    { OPORA_UNIT_PERCENT, 56.26, "56.3 %" },
    { OPORA_UNIT_PERCENT, 0,     "0.0 %" },
    { OPORA_UNIT_POINTS,  71.04, "71.0" },
    { OPORA_UNIT_MARK,    3.456, "3.46" },
    { OPORA_UNIT_COUNT,   1234,  "1234" },
    { OPORA_UNIT_INDEX,   0.5,   "0.50" },
    { OPORA_UNIT_FLAG,    1,     "yes" },
    { OPORA_UNIT_FLAG,    0,     "no" },
    { OPORA_UNIT_POINTS,  NAN,   "—" },
  };

  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OporaIndicator ind = { .unit = cases[i].unit };
      g_autofree char *text = opora_indicator_format_value (&ind, cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_russian_numbers (void)
{
  OporaIndicator percent = { .unit = OPORA_UNIT_PERCENT };
  OporaIndicator count = { .unit = OPORA_UNIT_COUNT };
  g_autofree char *share = NULL;
  g_autofree char *people = NULL;

  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed");
      return;
    }
  share = opora_indicator_format_value (&percent, 56.26);
  people = opora_indicator_format_value (&count, 1234);
  setlocale (LC_NUMERIC, "C");

  g_assert_cmpstr (share, ==, "56,3 %");
  /* glibc 2.36 groups Russian thousands with U+202F NARROW NO-BREAK SPACE. */
  g_assert_cmpstr (people, ==, "1\u202F234");
}

static void
test_sync (void)
{
  g_autofree char *path = test_workspace_path ("sync.opora");
  g_autoptr(GPtrArray) builtin = opora_indicator_builtin ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  OporaDb *db = test_workspace_new ("sync.opora");

  g_assert_true (opora_db_exec (db,
    "UPDATE indicator SET name_en = 'broken' WHERE key = 'ege_rus_avg';"
    "INSERT INTO indicator (key, name_ru, name_en, unit, grp, direction, min_value, max_value)"
    " VALUES ('my_own', 'Моё', 'Mine', 'count', 'context', 0, 0, 10);"
    "UPDATE workspace_info SET value = '0' WHERE key = 'catalog_version'", &error));
  opora_db_free (db);

  db = opora_db_open (path, OPORA_DB_MUST_EXIST, &error);
  g_assert_no_error (error);
  list = opora_indicator_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, builtin->len + 1);
  g_assert_cmpstr (opora_indicator_lookup (list, "ege_rus_avg")->name_en, ==, "USE, Russian: average score");
  g_assert_false (opora_indicator_lookup (list, "my_own")->builtin);
  /* User-defined indicators come after the built-in ones. */
  g_assert_cmpstr (((OporaIndicator *) list->pdata[list->len - 1])->key, ==, "my_own");
  opora_db_free (db);
}

static void
test_copy (void)
{
  g_autoptr(GPtrArray) list = opora_indicator_builtin ();
  OporaIndicator *original = opora_indicator_lookup (list, "vpr_rus5_m2");
  g_autoptr(OporaIndicator) copy = opora_indicator_copy (original);

  g_assert_true (copy->key != original->key);
  g_assert_cmpstr (copy->key, ==, original->key);
  g_assert_cmpstr (copy->participants_key, ==, "vpr_rus5_n");
  g_assert_cmpint (copy->grade, ==, 5);
  g_assert_null (opora_indicator_lookup (list, "no_such_key"));
}

static void
test_add (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("add.opora");
  g_autoptr(GPtrArray) list = opora_indicator_list (db, NULL);
  g_autofree char *key = opora_indicator_make_key (list, "Доля выпускников в вузах");
  OporaIndicator mine = { .key = key, .name_ru = "Доля выпускников в вузах", .name_en = "Share entering universities",
                          .unit = OPORA_UNIT_PERCENT, .group = OPORA_GROUP_RESULT, .direction = 1,
                          .min_value = 0, .max_value = 100 };
  OporaIndicator twice = mine;
  OporaIndicator upside_down = mine;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (key, ==, "user_1");
  g_assert_cmpint (opora_indicator_add (db, &mine, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (opora_indicator_add (db, &twice, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  upside_down.key = "user_9";
  upside_down.min_value = 10;
  upside_down.max_value = 5;
  g_assert_cmpint (opora_indicator_add (db, &upside_down, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);

  after = opora_indicator_list (db, NULL);
  g_assert_cmpuint (after->len, ==, list->len + 1);
  g_assert_false (opora_indicator_lookup (after, "user_1")->builtin);
  g_assert_cmpstr (opora_indicator_lookup (after, "user_1")->name_en, ==, "Share entering universities");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/indicator/builtin-rows", test_builtin_rows);
  g_test_add_func ("/core/indicator/builtin-shape", test_builtin_shape);
  g_test_add_func ("/core/indicator/unit-group-names", test_unit_group_names);
  g_test_add_func ("/core/indicator/format-c-locale", test_format_c_locale);
  g_test_add_func ("/core/indicator/format-russian-numbers", test_format_russian_numbers);
  g_test_add_func ("/core/indicator/sync", test_sync);
  g_test_add_func ("/core/indicator/copy", test_copy);
  g_test_add_func ("/core/indicator/add", test_add);

  return g_test_run ();
}
