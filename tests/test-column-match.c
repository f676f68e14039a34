/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of guessing a column's target from its header, as departments write them. */

#include "opora-column-match.h"
#include "opora-indicator.h"

static void
test_headers (void)
{
  static const struct { const char *header; OporaTargetKind kind; const char *key; } cases[] = {
    { "Средний балл ЕГЭ по русскому языку", OPORA_TARGET_INDICATOR, "ege_rus_avg" },
    { "ЕГЭ математика (профильный уровень): средний балл", OPORA_TARGET_INDICATOR, "ege_mathp_avg" },
    { "ЕГЭ, русский язык", OPORA_TARGET_INDICATOR, "ege_rus_avg" },
    { "Доля не преодолевших минимальный порог ЕГЭ по профильной математике", OPORA_TARGET_INDICATOR, "ege_mathp_fail_share" },
    { "ЕГЭ: доля выпускников, набравших 160 баллов и более", OPORA_TARGET_INDICATOR, "ege_160_share" },
    { "ОГЭ математика средняя отметка", OPORA_TARGET_INDICATOR, "oge_math_avg" },
    { "ОГЭ по русскому языку — доля «2»", OPORA_TARGET_INDICATOR, "oge_rus_m2_share" },
    { "ВПР, русский язык, 6 класс: доля отметок «4»", OPORA_TARGET_INDICATOR, "vpr_rus6_m4" },
    { "ВПР русский 8 кл кол-во участников", OPORA_TARGET_INDICATOR, "vpr_rus8_n" },
    { "VPR, mathematics, grade 7: share of mark 3", OPORA_TARGET_INDICATOR, "vpr_math7_m3" },
    { "Доля детей из многодетных семей, %", OPORA_TARGET_INDICATOR, "sp_large_family_share" },
    { "Доля обучающихся с ОВЗ", OPORA_TARGET_INDICATOR, "sp_disabled_share" },
    { "Доля родителей, имеющих высшее образование", OPORA_TARGET_INDICATOR, "sp_parents_higher_ed_share" },
    { "Состоят на внутришкольном учёте, %", OPORA_TARGET_INDICATOR, "sp_prevent_register_share" },
    { "Доля учителей высшей квалификационной категории", OPORA_TARGET_INDICATOR, "staff_highest_cat_share" },
    { "Количество вакансий", OPORA_TARGET_INDICATOR, "staff_vacancies" },
    { "Победители и призёры олимпиад", OPORA_TARGET_INDICATOR, "olymp_winners" },
    { "Признаки необъективности ВПР", OPORA_TARGET_INDICATOR, "vpr_nonobjective" },
    { "Численность обучающихся", OPORA_TARGET_INDICATOR, "students_total" },
    { "ege_rus_avg", OPORA_TARGET_INDICATOR, "ege_rus_avg" },
    { "Код ОО", OPORA_TARGET_SCHOOL_CODE, NULL },
    { "School code", OPORA_TARGET_SCHOOL_CODE, NULL },
    { "Полное наименование образовательной организации", OPORA_TARGET_SCHOOL_NAME, NULL },
    { "Муниципальное образование", OPORA_TARGET_MUNICIPALITY, NULL },
    { "Район", OPORA_TARGET_MUNICIPALITY, NULL },
    { "Год", OPORA_TARGET_YEAR, NULL },
    { "Показатель", OPORA_TARGET_INDICATOR_NAME, NULL },
    { "Значение", OPORA_TARGET_VALUE, NULL },
    { "Примечание", OPORA_TARGET_IGNORE, NULL },
    { "ЕГЭ по химии, средний балл", OPORA_TARGET_IGNORE, NULL },
  };
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *h = opora_header_normalise (cases[i].header);
      OporaTarget t = opora_column_match (h, indicators);

      g_test_message ("“%s” → “%s”", cases[i].header, h);
      g_assert_cmpint (t.kind, ==, cases[i].kind);
      g_assert_cmpstr (t.indicator_key, ==, cases[i].key);
      if (t.kind != OPORA_TARGET_IGNORE)
        g_assert_cmpfloat (t.confidence, >=, 0.6);
    }
}

static void
test_confidence (void)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();
  g_autofree char *exact = opora_header_normalise ("ЕГЭ, русский язык: средний балл");
  g_autofree char *vague = opora_header_normalise ("ЕГЭ, русский язык");

  /* The catalogue's own name is certain; a header without a measure less so. */
  g_assert_cmpfloat (opora_column_match (exact, indicators).confidence, ==, 1.0);
  g_assert_cmpfloat (opora_column_match (vague, indicators).confidence, ==, 0.65);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/column-match/headers", test_headers);
  g_test_add_func ("/core/column-match/confidence", test_confidence);

  return g_test_run ();
}
