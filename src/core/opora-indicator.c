/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in indicator catalogue of DOMAIN.md, its sync into a workspace, and lookups. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-indicator.h"

static const char *unit_names[] = { "percent", "points", "mark", "count", "index", "flag" };
static const char *group_names[] = { "context", "result", "resource" };

void
opora_indicator_free (OporaIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->key);
  g_free (indicator->name_ru);
  g_free (indicator->name_en);
  g_free (indicator->procedure);
  g_free (indicator->subject);
  g_free (indicator->participants_key);
  g_free (indicator);
}

OporaIndicator *
opora_indicator_copy (const OporaIndicator *indicator)
{
  OporaIndicator *copy = g_memdup2 (indicator, sizeof *indicator);

  copy->key = g_strdup (indicator->key);
  copy->name_ru = g_strdup (indicator->name_ru);
  copy->name_en = g_strdup (indicator->name_en);
  copy->procedure = g_strdup (indicator->procedure);
  copy->subject = g_strdup (indicator->subject);
  copy->participants_key = g_strdup (indicator->participants_key);
  return copy;
}

const char *
opora_unit_to_string (OporaUnit unit)
{
  g_return_val_if_fail (unit <= OPORA_UNIT_FLAG, NULL);
  return unit_names[unit];
}

gboolean
opora_unit_from_string (const char *text,
                        OporaUnit  *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    if (g_strcmp0 (text, unit_names[i]) == 0)
      {
        *unit = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * opora_unit_symbol:
 * @unit: a unit
 *
 * Returns: the short translated unit shown after a value or in a column
 *   header: "%", "points", "persons"…, or "" for flags and indices
 */
const char *
opora_unit_symbol (OporaUnit unit)
{
  switch (unit)
    {
    case OPORA_UNIT_PERCENT: return "%";
    case OPORA_UNIT_POINTS:  return C_("unit", "points");
    case OPORA_UNIT_MARK:    return C_("unit", "mark");
    case OPORA_UNIT_COUNT:   return C_("unit", "number");
    case OPORA_UNIT_INDEX:   return C_("unit", "index");
    case OPORA_UNIT_FLAG:    return C_("unit", "yes/no");
    default:                 g_return_val_if_reached ("");
    }
}

const char *
opora_group_to_string (OporaGroup group)
{
  g_return_val_if_fail (group <= OPORA_GROUP_RESOURCE, NULL);
  return group_names[group];
}

gboolean
opora_group_from_string (const char *text,
                         OporaGroup *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (g_strcmp0 (text, group_names[i]) == 0)
      {
        *group = i;
        return TRUE;
      }
  return FALSE;
}

const char *
opora_group_label (OporaGroup group)
{
  switch (group)
    {
    case OPORA_GROUP_CONTEXT:  return _("Context");
    case OPORA_GROUP_RESULT:   return _("Results");
    case OPORA_GROUP_RESOURCE: return _("Resources");
    default:                   g_return_val_if_reached ("");
    }
}

static gboolean
language_is_russian (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "ru");
}

/**
 * opora_indicator_get_name:
 * @indicator: an indicator
 *
 * Returns: the Russian name under a Russian locale, the English one otherwise
 */
const char *
opora_indicator_get_name (const OporaIndicator *indicator)
{
  g_return_val_if_fail (indicator != NULL, NULL);
  return language_is_russian () ? indicator->name_ru : indicator->name_en;
}

/**
 * opora_indicator_format_value:
 * @indicator: an indicator
 * @value: a value of @indicator, or NaN when missing
 *
 * Formats @value for people, in the current locale's number format:
 * 56.25 % → "56.3 %" ("56,3 %" under ru_RU), 1234 persons → "1,234"
 * ("1 234"), a flag 1 → "yes" ("да"), NaN → "—".
 *
 * Returns: (transfer full): the text
 */
char *
opora_indicator_format_value (const OporaIndicator *indicator,
                              double                value)
{
  g_return_val_if_fail (indicator != NULL, NULL);

  if (isnan (value))
    return g_strdup ("—");

  switch (indicator->unit)
    {
    case OPORA_UNIT_PERCENT: return g_strdup_printf ("%.1f %%", value);
    case OPORA_UNIT_POINTS:  return g_strdup_printf ("%.1f", value);
    case OPORA_UNIT_MARK:    return g_strdup_printf ("%.2f", value);
    case OPORA_UNIT_COUNT:   return g_strdup_printf ("%'.0f", value);
    case OPORA_UNIT_INDEX:   return g_strdup_printf ("%.2f", value);
    case OPORA_UNIT_FLAG:    return g_strdup (value != 0 ? _("yes") : _("no"));
    default:                 g_return_val_if_reached (NULL);
    }
}

typedef struct {
  const char *key;
  const char *name_ru;
  const char *name_en;
  OporaUnit   unit;
  OporaGroup  group;
  int         direction;
  double      min_value;
  double      max_value;
  const char *procedure;
  const char *subject;
  const char *participants_key;
} CatalogRow;

#define PCT OPORA_UNIT_PERCENT
#define CNT OPORA_UNIT_COUNT
#define CTX OPORA_GROUP_CONTEXT
#define RES OPORA_GROUP_RESULT
#define RSC OPORA_GROUP_RESOURCE
#define MAX_PEOPLE 100000.0

/* The catalogue of DOMAIN.md and the seeds, in the order a methodist reads it.
 * ВПР rows (grades 4–8) are generated by add_vpr(), all of the same shape. */
static const CatalogRow catalog[] = {
  /* The social passport (социальный паспорт школы). */
  { "students_total", "Численность обучающихся", "Number of students",
    CNT, CTX, 0, 0, 10000 },
  { "sp_low_income_share", "Доля детей из малообеспеченных семей", "Share of pupils from low-income families",
    PCT, CTX, -1, 0, 100 },
  { "sp_parents_higher_ed_share", "Доля родителей с высшим образованием", "Share of parents with higher education",
    PCT, CTX, +1, 0, 100 },
  { "sp_disabled_share", "Доля обучающихся с ОВЗ", "Share of pupils with special educational needs (OVZ)",
    PCT, CTX, -1, 0, 100 },
  { "sp_non_native_share", "Доля обучающихся, для которых русский язык не родной", "Share of pupils whose native language is not Russian",
    PCT, CTX, -1, 0, 100 },
  { "sp_single_parent_share", "Доля детей из неполных семей", "Share of pupils from single-parent families",
    PCT, CTX, -1, 0, 100 },
  { "sp_large_family_share", "Доля детей из многодетных семей", "Share of pupils from large families",
    PCT, CTX, -1, 0, 100 },
  { "sp_prevent_register_share", "Доля обучающихся на профилактическом учёте", "Share of pupils on the preventive register",
    PCT, CTX, -1, 0, 100 },

  /* ЕГЭ, grade 11. */
  { "ege_n", "ЕГЭ: число выпускников", "USE: number of graduates",
    CNT, RES, 0, 0, MAX_PEOPLE, "ege", NULL, NULL },
  { "ege_rus_n", "ЕГЭ, русский язык: число участников", "USE, Russian: participants",
    CNT, RES, 0, 0, MAX_PEOPLE, "ege", "rus", NULL },
  { "ege_rus_avg", "ЕГЭ, русский язык: средний балл", "USE, Russian: average score",
    OPORA_UNIT_POINTS, RES, +1, 0, 100, "ege", "rus", "ege_rus_n" },
  { "ege_rus_fail_share", "ЕГЭ, русский язык: доля не преодолевших минимальный порог", "USE, Russian: share below the minimum threshold",
    PCT, RES, -1, 0, 100, "ege", "rus", "ege_rus_n" },
  { "ege_mathp_n", "ЕГЭ, профильная математика: число участников", "USE, profile mathematics: participants",
    CNT, RES, 0, 0, MAX_PEOPLE, "ege", "mathp", NULL },
  { "ege_mathp_avg", "ЕГЭ, профильная математика: средний балл", "USE, profile mathematics: average score",
    OPORA_UNIT_POINTS, RES, +1, 0, 100, "ege", "mathp", "ege_mathp_n" },
  { "ege_mathp_fail_share", "ЕГЭ, профильная математика: доля не преодолевших минимальный порог", "USE, profile mathematics: share below the minimum threshold",
    PCT, RES, -1, 0, 100, "ege", "mathp", "ege_mathp_n" },
  { "ege_160_share", "ЕГЭ: доля выпускников, набравших 160 и более баллов по трём предметам", "USE: share of graduates with 160+ points in three subjects",
    PCT, RES, +1, 0, 100, "ege", NULL, "ege_n" },

  /* ОГЭ, grade 9. */
  { "oge_rus_n", "ОГЭ, русский язык: число участников", "BSE, Russian: participants",
    CNT, RES, 0, 0, MAX_PEOPLE, "oge", "rus", NULL },
  { "oge_rus_avg", "ОГЭ, русский язык: средняя отметка", "BSE, Russian: average mark",
    OPORA_UNIT_MARK, RES, +1, 2, 5, "oge", "rus", "oge_rus_n" },
  { "oge_rus_m2_share", "ОГЭ, русский язык: доля отметок «2»", "BSE, Russian: share of mark 2",
    PCT, RES, -1, 0, 100, "oge", "rus", "oge_rus_n" },
  { "oge_math_n", "ОГЭ, математика: число участников", "BSE, mathematics: participants",
    CNT, RES, 0, 0, MAX_PEOPLE, "oge", "math", NULL },
  { "oge_math_avg", "ОГЭ, математика: средняя отметка", "BSE, mathematics: average mark",
    OPORA_UNIT_MARK, RES, +1, 2, 5, "oge", "math", "oge_math_n" },
  { "oge_math_m2_share", "ОГЭ, математика: доля отметок «2»", "BSE, mathematics: share of mark 2",
    PCT, RES, -1, 0, 100, "oge", "math", "oge_math_n" },

  /* Other results. */
  { "olymp_winners", "Победители и призёры олимпиад (муниципальный этап и выше)", "Olympiad winners and prize-winners (municipal stage and above)",
    CNT, RES, +1, 0, MAX_PEOPLE },
  { "vpr_nonobjective", "Признаки необъективности результатов ВПР (список Рособрнадзора)", "Signs of non-objective VPR results (Rosobrnadzor list)",
    OPORA_UNIT_FLAG, RES, -1, 0, 1, "vpr", NULL, NULL },

  /* Staff and material base. */
  { "staff_teachers_total", "Численность педагогических работников", "Number of teachers",
    CNT, RSC, 0, 0, 2000 },
  { "staff_highest_cat_share", "Доля учителей высшей квалификационной категории", "Share of teachers of the highest category",
    PCT, RSC, +1, 0, 100 },
  { "staff_first_cat_share", "Доля учителей первой квалификационной категории", "Share of teachers of the first category",
    PCT, RSC, +1, 0, 100 },
  { "staff_vacancies", "Число вакансий педагогов", "Teacher vacancies",
    CNT, RSC, -1, 0, 1000 },
  { "res_equipment_index", "Индекс оснащённости (материально-техническая база)", "Equipment index (material base)",
    OPORA_UNIT_INDEX, RSC, +1, 0, 100 },
};

static OporaIndicator *
indicator_from_row (const CatalogRow *row)
{
  OporaIndicator *indicator = g_new0 (OporaIndicator, 1);

  indicator->key = g_strdup (row->key);
  indicator->name_ru = g_strdup (row->name_ru);
  indicator->name_en = g_strdup (row->name_en);
  indicator->unit = row->unit;
  indicator->group = row->group;
  indicator->direction = row->direction;
  indicator->min_value = row->min_value;
  indicator->max_value = row->max_value;
  indicator->procedure = g_strdup (row->procedure);
  indicator->subject = g_strdup (row->subject);
  indicator->participants_key = g_strdup (row->participants_key);
  indicator->builtin = TRUE;
  return indicator;
}

/* ВПР, grades 4–8, Russian and mathematics: participants and the shares of
 * marks «2»…«5». A share of «2» is worse when higher, «4» and «5» better. */
static void
add_vpr (GPtrArray *list)
{
  static const struct { const char *key, *ru, *en; } subjects[] = {
    { "rus",  "русский язык", "Russian" },
    { "math", "математика",   "mathematics" },
  };
  static const int mark_direction[] = { -1, 0, +1, +1 };

  for (int grade = 4; grade <= 8; grade++)
    for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
      {
        g_autofree char *n_key = g_strdup_printf ("vpr_%s%d_n", subjects[s].key, grade);
        g_autofree char *n_ru = g_strdup_printf ("ВПР, %s, %d класс: число участников", subjects[s].ru, grade);
        g_autofree char *n_en = g_strdup_printf ("VPR, %s, grade %d: participants", subjects[s].en, grade);
        CatalogRow n_row = { n_key, n_ru, n_en, CNT, RES, 0, 0, MAX_PEOPLE, "vpr", subjects[s].key, NULL };
        OporaIndicator *n = indicator_from_row (&n_row);

        n->grade = grade;
        g_ptr_array_add (list, n);

        for (int mark = 2; mark <= 5; mark++)
          {
            g_autofree char *key = g_strdup_printf ("vpr_%s%d_m%d", subjects[s].key, grade, mark);
            g_autofree char *ru = g_strdup_printf ("ВПР, %s, %d класс: доля отметок «%d»", subjects[s].ru, grade, mark);
            g_autofree char *en = g_strdup_printf ("VPR, %s, grade %d: share of mark %d", subjects[s].en, grade, mark);
            CatalogRow row = { key, ru, en, PCT, RES, mark_direction[mark - 2], 0, 100,
                               "vpr", subjects[s].key, n_key };
            OporaIndicator *indicator = indicator_from_row (&row);

            indicator->grade = grade;
            indicator->mark = mark;
            g_ptr_array_add (list, indicator);
          }
      }
}

/**
 * opora_indicator_builtin:
 *
 * The built-in catalogue: the social passport, ЕГЭ, ОГЭ, ВПР (grades 4–8),
 * olympiads, the non-objective ВПР flag, staff and equipment.
 *
 * Returns: (transfer full) (element-type OporaIndicator): the indicators, in order
 */
GPtrArray *
opora_indicator_builtin (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  guint first_vpr = 0;

  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    {
      g_ptr_array_add (list, indicator_from_row (&catalog[i]));
      if (g_strcmp0 (catalog[i].key, "oge_math_m2_share") == 0)
        first_vpr = list->len;
    }
  /* ВПР goes after ОГЭ, before the other results. */
  {
    g_autoptr(GPtrArray) vpr = g_ptr_array_new ();
    add_vpr (vpr);
    for (guint i = 0; i < vpr->len; i++)
      g_ptr_array_insert (list, first_vpr + i, vpr->pdata[i]);
  }
  for (guint i = 0; i < list->len; i++)
    ((OporaIndicator *) list->pdata[i])->position = i;
  return list;
}

static int
stored_catalog_version (sqlite3 *handle)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, "SELECT value FROM workspace_info WHERE key = 'catalog_version'",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
bind_indicator (sqlite3_stmt         *stmt,
                const OporaIndicator *ind)
{
  return sqlite3_bind_text (stmt, 1, ind->key, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 2, ind->name_ru, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 3, ind->name_en, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 4, opora_unit_to_string (ind->unit), -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 5, opora_group_to_string (ind->group), -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int (stmt, 6, ind->direction) == SQLITE_OK &&
         sqlite3_bind_double (stmt, 7, ind->min_value) == SQLITE_OK &&
         sqlite3_bind_double (stmt, 8, ind->max_value) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 9, ind->procedure, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 10, ind->subject, -1, SQLITE_STATIC) == SQLITE_OK &&
         (ind->grade ? sqlite3_bind_int (stmt, 11, ind->grade) : sqlite3_bind_null (stmt, 11)) == SQLITE_OK &&
         (ind->mark ? sqlite3_bind_int (stmt, 12, ind->mark) : sqlite3_bind_null (stmt, 12)) == SQLITE_OK &&
         sqlite3_bind_text (stmt, 13, ind->participants_key, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int (stmt, 14, ind->position) == SQLITE_OK;
}

static gboolean
upsert_builtin (sqlite3  *handle,
                GError  **error)
{
  g_autoptr(GPtrArray) list = opora_indicator_builtin ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *version = g_strdup_printf (
    "INSERT INTO workspace_info (key, value) VALUES ('catalog_version', '%d') "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", OPORA_CATALOG_VERSION);

  if (sqlite3_prepare_v2 (handle,
        "INSERT INTO indicator (key, name_ru, name_en, unit, grp, direction, min_value, max_value,"
        "  procedure, subject, grade, mark, participants_key, position, builtin)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1)"
        " ON CONFLICT (key) DO UPDATE SET name_ru = ?2, name_en = ?3, unit = ?4, grp = ?5,"
        "  direction = ?6, min_value = ?7, max_value = ?8, procedure = ?9, subject = ?10,"
        "  grade = ?11, mark = ?12, participants_key = ?13, position = ?14, builtin = 1",
        -1, &stmt, NULL) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, handle, _("Updating the indicator catalogue"));

  for (guint i = 0; i < list->len; i++)
    {
      gboolean ok = bind_indicator (stmt, list->pdata[i]) && sqlite3_step (stmt) == SQLITE_DONE;

      sqlite3_reset (stmt);
      if (!ok)
        return opora_error_set_from_sqlite (error, handle, _("Updating the indicator catalogue"));
    }

  if (sqlite3_exec (handle, version, NULL, NULL, NULL) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, handle, _("Updating the indicator catalogue"));
  return TRUE;
}

/**
 * opora_indicator_sync_builtin:
 * @handle: a read-write connection to a workspace of the latest schema
 *
 * Brings the built-in indicators of the workspace up to this build's
 * catalogue (%OPORA_CATALOG_VERSION), in one transaction. Does nothing when
 * the workspace is current. On error the workspace is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_indicator_sync_builtin (sqlite3  *handle,
                              GError  **error)
{
  if (stored_catalog_version (handle) >= OPORA_CATALOG_VERSION)
    return TRUE;

  if (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return opora_error_set_from_sqlite (error, handle, _("Updating the indicator catalogue"));
  if (!upsert_builtin (handle, error) ||
      sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      if (error != NULL && *error == NULL)
        opora_error_set_from_sqlite (error, handle, _("Updating the indicator catalogue"));
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static OporaIndicator *
indicator_from_stmt (sqlite3_stmt *stmt)
{
  OporaIndicator *ind = g_new0 (OporaIndicator, 1);

  ind->id = sqlite3_column_int64 (stmt, 0);
  ind->key = dup_column_text (stmt, 1);
  ind->name_ru = dup_column_text (stmt, 2);
  ind->name_en = dup_column_text (stmt, 3);
  opora_unit_from_string ((const char *) sqlite3_column_text (stmt, 4), &ind->unit);
  opora_group_from_string ((const char *) sqlite3_column_text (stmt, 5), &ind->group);
  ind->direction = sqlite3_column_int (stmt, 6);
  ind->min_value = sqlite3_column_double (stmt, 7);
  ind->max_value = sqlite3_column_double (stmt, 8);
  ind->procedure = dup_column_text (stmt, 9);
  ind->subject = dup_column_text (stmt, 10);
  ind->grade = sqlite3_column_int (stmt, 11);
  ind->mark = sqlite3_column_int (stmt, 12);
  ind->participants_key = dup_column_text (stmt, 13);
  ind->builtin = sqlite3_column_int (stmt, 14);
  ind->position = sqlite3_column_int (stmt, 15);
  return ind;
}

/**
 * opora_indicator_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaIndicator) (nullable): every
 *   indicator of the workspace in catalogue order, or %NULL with @error set
 */
GPtrArray *
opora_indicator_list (OporaDb  *db,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT id, key, name_ru, name_en, unit, grp, direction, min_value, max_value,"
    " procedure, subject, grade, mark, participants_key, builtin, position"
    " FROM indicator ORDER BY builtin DESC, position, id", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, indicator_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the indicator catalogue"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * opora_indicator_lookup:
 * @indicators: (element-type OporaIndicator): a list
 * @key: an indicator key
 *
 * Returns: (transfer none) (nullable): the indicator with @key in @indicators
 */
OporaIndicator *
opora_indicator_lookup (GPtrArray  *indicators,
                        const char *key)
{
  for (guint i = 0; i < indicators->len; i++)
    {
      OporaIndicator *ind = indicators->pdata[i];
      if (g_strcmp0 (ind->key, key) == 0)
        return ind;
    }
  return NULL;
}

/**
 * opora_indicator_make_key:
 * @indicators: (element-type OporaIndicator): the catalogue
 * @name: the new indicator's name, e.g. a column header
 *
 * A key for a user's indicator that @indicators does not use yet:
 * "user_1", "user_2"… (@name is shown to people; the key only has to be stable).
 *
 * Returns: (transfer full): the key
 */
char *
opora_indicator_make_key (GPtrArray  *indicators,
                          const char *name)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("user_%u", n);
      if (opora_indicator_lookup (indicators, key) == NULL)
        return g_steal_pointer (&key);
    }
}

/**
 * opora_indicator_add:
 * @db: a workspace open for writing
 * @indicator: a user-defined indicator; its key must be new
 *
 * Adds @indicator to the catalogue (after the built-in ones) and stores
 * its new id in @indicator->id.
 *
 * Returns: the id, or 0 with @error set (%OPORA_ERROR_INVALID for a key
 *   in use or a range whose minimum is above its maximum)
 */
gint64
opora_indicator_add (OporaDb         *db,
                     OporaIndicator  *indicator,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (indicator != NULL && indicator->key != NULL, 0);

  if (indicator->min_value > indicator->max_value)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The lowest valid value of “%s” is above the highest. Swap them."), indicator->name_ru);
      return 0;
    }
  if (!(stmt = opora_db_prepare (db,
          "INSERT INTO indicator (key, name_ru, name_en, unit, grp, direction, min_value, max_value,"
          "  procedure, subject, grade, mark, participants_key, position, builtin)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0)", error)))
    return 0;
  bind_indicator (stmt, indicator);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("An indicator with the key “%s” already exists. Choose another key."), indicator->key);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Adding an indicator"));
      return 0;
    }
  indicator->id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  indicator->builtin = FALSE;
  return indicator->id;
}
