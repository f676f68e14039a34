/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Maps a column header to a school field or a catalogue indicator by the features it names. */

#include <string.h>

#include "opora-column-match.h"
#include "opora-indicator.h"

/* What an exam column's header says: ЕГЭ/ОГЭ/ВПР, subject, grade, mark, measure. */
typedef struct {
  const char *procedure;  /* "ege", "oge", "vpr" or NULL */
  const char *subject;    /* "rus", "math", "mathp" or NULL */
  int         grade;
  int         mark;
  const char *measure;    /* "avg", "n", "fail", "share", "160" or NULL */
} Features;

/* A non-exam indicator is named when every group has one of its stems. */
typedef struct {
  const char *key;
  const char *groups[3][6];
} KeywordRule;

static const KeywordRule keyword_rules[] = {
  { "students_total",             { { "контингент", "численность обуч", "число обуч", "количество обуч", "количество учащ", "численность учащ" } } },
  { "sp_low_income_share",        { { "малообесп", "малоимущ", "low income" } } },
  { "sp_parents_higher_ed_share", { { "родител" }, { "высш" } } },
  { "sp_disabled_share",          { { "овз", "ограниченн", "инвалид", "special educational" } } },
  { "sp_non_native_share",        { { "неродн", "не родн", "не является родн", "инофон", "мигрант", "native" } } },
  { "sp_single_parent_share",     { { "неполн", "single parent" } } },
  { "sp_large_family_share",      { { "многодет", "large famil" } } },
  { "sp_prevent_register_share",  { { "учет", "register" }, { "профилакт", "внутришк", "кдн", "пдн", "prevent" } } },
  { "staff_highest_cat_share",    { { "высш", "highest" }, { "категор", "category" } } },
  { "staff_first_cat_share",      { { "перв", "first" }, { "категор", "category" } } },
  { "staff_teachers_total",       { { "педагог", "учител", "teachers" }, { "числ", "количеств", "всего", "number" } } },
  { "staff_vacancies",            { { "вакан", "vacanc" } } },
  { "res_equipment_index",        { { "оснащ", "мтб", "материально", "equipment" } } },
  { "olymp_winners",              { { "олимп", "olympiad" }, { "призер", "победител", "winner" } } },
  { "vpr_nonobjective",           { { "необъектив", "non objective", "nonobjective" } } },
};

static gboolean
has (const char *text,
     const char *stem)
{
  return strstr (text, stem) != NULL;
}

static gboolean
has_any (const char        *text,
         const char * const *stems,
         guint               n)
{
  for (guint i = 0; i < n && stems[i] != NULL; i++)
    if (has (text, stems[i]))
      return TRUE;
  return FALSE;
}

static const char *
find_procedure (const char *h)
{
  static const char *ege[] = { "егэ", "use ", "ege" };
  static const char *oge[] = { "огэ", "гиа 9", "bse", "oge" };
  static const char *vpr[] = { "впр", "vpr" };

  if (has_any (h, ege, G_N_ELEMENTS (ege)))
    return "ege";
  if (has_any (h, oge, G_N_ELEMENTS (oge)))
    return "oge";
  if (has_any (h, vpr, G_N_ELEMENTS (vpr)))
    return "vpr";
  return NULL;
}

static const char *
find_subject (const char *h,
              const char *procedure)
{
  if (has (h, "рус") || has (h, "russian"))
    return "rus";
  if (has (h, "мат") || has (h, "math"))
    return g_strcmp0 (procedure, "ege") == 0 && (has (h, "проф") || has (h, "profile")) ? "mathp"
         : g_strcmp0 (procedure, "ege") == 0 && (has (h, "баз") || has (h, "basic")) ? "math_base"
         : "math";
  return NULL;
}

/* The number in "5 класс", "5 кл", "grade 5", "5-х классов". */
static int
find_grade (const char *h)
{
  g_autoptr(GRegex) ru = g_regex_new ("\\b([4-9]|1[01])\\s*(?:х\\s*)?кл", 0, 0, NULL);
  g_autoptr(GRegex) en = g_regex_new ("\\bgrade\\s*([4-9]|1[01])\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;

  if (!g_regex_match (ru, h, 0, &match))
    {
      g_clear_pointer (&match, g_match_info_unref);
      if (!g_regex_match (en, h, 0, &match))
        return 0;
    }
  digits = g_match_info_fetch (match, 1);
  return atoi (digits);
}

/* The mark in "отметка 2", "на 2", "доля 2", "mark 2" (quotes were removed). */
static int
find_mark (const char *h)
{
  g_autoptr(GRegex) re = g_regex_new ("(?:отметк\\w*|оценк\\w*|на|доля|mark|share of)\\s+([2-5])\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digit = NULL;

  if (!g_regex_match (re, h, 0, &match))
    return 0;
  digit = g_match_info_fetch (match, 1);
  return atoi (digit);
}

static const char *
find_measure (const char *h)
{
  static const char *fail[] = { "не преодол", "ниже мин", "не набрав", "below the min", "below min" };
  static const char *avg[] = { "средн", "average", "mean" };
  static const char *n[] = { "участ", "число", "количество", "кол во", "писавш", "сдавав", "participants", "number" };
  static const char *share[] = { "доля", "процент", "share" };

  if (has_any (h, fail, G_N_ELEMENTS (fail)))
    return "fail";
  if (has (h, "160"))
    return "160";
  if (has_any (h, avg, G_N_ELEMENTS (avg)))
    return "avg";
  if (has_any (h, share, G_N_ELEMENTS (share)))
    return "share";
  if (has_any (h, n, G_N_ELEMENTS (n)))
    return "n";
  return NULL;
}

static Features
features_of (const char *h)
{
  Features f = { 0 };

  f.procedure = find_procedure (h);
  f.subject = find_subject (h, f.procedure);
  f.grade = find_grade (h);
  f.mark = find_mark (h);
  f.measure = find_measure (h);
  return f;
}

/* How an exam indicator's key ends for a measure: "ege_rus_avg" ← avg. */
static gboolean
measure_fits (const OporaIndicator *ind,
              const Features       *f)
{
  const char *m = f->measure;

  if (ind->mark != 0)
    return f->mark == ind->mark && (m == NULL || g_str_equal (m, "share"));
  if (g_str_has_suffix (ind->key, "_n"))
    return g_strcmp0 (m, "n") == 0;
  if (g_str_has_suffix (ind->key, "_fail_share"))
    return g_strcmp0 (m, "fail") == 0;
  if (g_str_has_suffix (ind->key, "_160_share"))
    return g_strcmp0 (m, "160") == 0;
  if (g_str_has_suffix (ind->key, "_m2_share"))
    return f->mark == 2;
  if (g_str_has_suffix (ind->key, "_avg"))
    return (m == NULL || g_str_equal (m, "avg")) && f->mark == 0;
  return FALSE;
}

/* 0.9 when every feature the header names fits; 0.65 for an average whose
 * header named no measure ("ЕГЭ русский язык"). */
static double
exam_score (const OporaIndicator *ind,
            const Features       *f)
{
  if (ind->procedure == NULL || g_strcmp0 (ind->procedure, f->procedure) != 0 ||
      g_strcmp0 (ind->subject, f->subject) != 0 ||
      (ind->grade != 0 && ind->grade != f->grade) ||
      (ind->grade == 0 && f->grade != 0 && !g_str_equal (f->procedure, "vpr")) ||
      !measure_fits (ind, f))
    return 0;
  return f->measure == NULL && ind->mark == 0 ? 0.65 : 0.9;
}

static double
keyword_score (const OporaIndicator *ind,
               const char           *h)
{
  for (guint r = 0; r < G_N_ELEMENTS (keyword_rules); r++)
    {
      const KeywordRule *rule = &keyword_rules[r];
      gboolean all = TRUE;

      if (!g_str_equal (rule->key, ind->key))
        continue;
      for (guint g = 0; g < G_N_ELEMENTS (rule->groups) && rule->groups[g][0] != NULL; g++)
        all = all && has_any (h, rule->groups[g], G_N_ELEMENTS (rule->groups[g]));
      return all ? 0.85 : 0;
    }
  return 0;
}

static double
name_score (const OporaIndicator *ind,
            const char           *h)
{
  g_autofree char *ru = opora_header_normalise (ind->name_ru);
  g_autofree char *en = opora_header_normalise (ind->name_en);
  g_autofree char *key = opora_header_normalise (ind->key);

  return g_str_equal (h, ru) || g_str_equal (h, en) || g_str_equal (h, key) ? 1.0 : 0;
}

static OporaTarget
school_field (const char *h)
{
  static const char *names[] = { "наименован", "название", "образовательная организация", "школа", "name", "school" };
  static const char *municipalities[] = { "муницип", "район", "округ", "municipal", "district" };
  OporaTarget target = { OPORA_TARGET_IGNORE, NULL, 0 };
  g_auto(GStrv) words = g_strsplit (h, " ", -1);

  if (g_str_equal (h, "показатель") || g_str_equal (h, "наименование показателя") ||
      g_str_equal (h, "indicator") || g_str_equal (h, "код показателя"))
    target = (OporaTarget) { OPORA_TARGET_INDICATOR_NAME, NULL, 0.9 };
  else if (g_str_equal (h, "значение") || g_str_equal (h, "значение показателя") || g_str_equal (h, "value"))
    target = (OporaTarget) { OPORA_TARGET_VALUE, NULL, 0.9 };
  else if (g_str_equal (h, "год") || g_str_equal (h, "year") || g_str_has_prefix (h, "учебный год"))
    target = (OporaTarget) { OPORA_TARGET_YEAR, NULL, 0.95 };
  else if (g_str_has_prefix (h, "код") || g_str_equal (h, "code") || g_str_has_suffix (h, " code") ||
           g_str_equal (h, "инн"))
    target = (OporaTarget) { OPORA_TARGET_SCHOOL_CODE, NULL, 0.95 };
  else if (!has (h, "олимп") && !has (h, "этап") &&
           (has_any (h, municipalities, G_N_ELEMENTS (municipalities)) || g_strv_contains ((const char * const *) words, "мо")))
    target = (OporaTarget) { OPORA_TARGET_MUNICIPALITY, NULL, 0.85 };
  else if (!has (h, "показател") && (has_any (h, names, G_N_ELEMENTS (names)) || g_str_equal (h, "оо")))
    target = (OporaTarget) { OPORA_TARGET_SCHOOL_NAME, NULL, 0.9 };
  return target;
}

/**
 * opora_column_match:
 * @header: a column's combined header, as opora_header_normalise() gives it
 * @indicators: (element-type OporaIndicator): the catalogue
 *
 * Guesses a column's target from its header: the school's code, name,
 * municipality, the year, or the catalogue indicator whose features the
 * header names ("ВПР / математика 5 класс / доля отметок 2" →
 * vpr_math5_m2; "Средний балл ЕГЭ по русскому языку" → ege_rus_avg;
 * "Доля детей из многодетных семей, %" → sp_large_family_share).
 *
 * Returns: the best target with its confidence; %OPORA_TARGET_IGNORE with
 *   confidence 0 when nothing fits
 */
OporaTarget
opora_column_match (const char *header,
                    GPtrArray  *indicators)
{
  OporaTarget best = school_field (header);
  Features f = features_of (header);

  if (best.kind != OPORA_TARGET_IGNORE)
    return best;
  for (guint i = 0; i < indicators->len; i++)
    {
      OporaIndicator *ind = indicators->pdata[i];
      double score = MAX (name_score (ind, header), keyword_score (ind, header));

      if (f.procedure != NULL)
        score = MAX (score, exam_score (ind, &f));

      if (score > best.confidence)
        best = (OporaTarget) { OPORA_TARGET_INDICATOR, ind->key, score };
    }
  return best;
}
