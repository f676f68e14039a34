/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and adding schools and municipalities. */

#include <glib/gi18n-lib.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-layout.h"
#include "opora-school.h"

#define SCHOOL_COLUMNS \
  "SELECT s.id, s.code, s.name, s.short_name, m.name, s.locality, s.kind, s.archived" \
  " FROM school s LEFT JOIN municipality m ON m.id = s.municipality_id"

void
opora_school_free (OporaSchool *school)
{
  if (school == NULL)
    return;
  g_free (school->code);
  g_free (school->name);
  g_free (school->short_name);
  g_free (school->municipality);
  g_free (school->kind);
  g_free (school);
}

const char *
opora_locality_label (OporaLocality locality)
{
  switch (locality)
    {
    case OPORA_LOCALITY_URBAN: return _("urban");
    case OPORA_LOCALITY_RURAL: return _("rural");
    case OPORA_LOCALITY_UNKNOWN:
    default:                   return "";
    }
}

static OporaSchool *
school_from_stmt (sqlite3_stmt *stmt)
{
  OporaSchool *school = g_new0 (OporaSchool, 1);
  const char *locality = (const char *) sqlite3_column_text (stmt, 5);

  school->id = sqlite3_column_int64 (stmt, 0);
  school->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  school->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  school->short_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  school->municipality = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  school->locality = g_strcmp0 (locality, "urban") == 0 ? OPORA_LOCALITY_URBAN
                   : g_strcmp0 (locality, "rural") == 0 ? OPORA_LOCALITY_RURAL
                   : OPORA_LOCALITY_UNKNOWN;
  school->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  school->archived = sqlite3_column_int (stmt, 7);
  return school;
}

/**
 * opora_school_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaSchool) (nullable): every
 *   school, archived ones too, by municipality and code; %NULL on error
 */
GPtrArray *
opora_school_list (OporaDb  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, SCHOOL_COLUMNS " ORDER BY m.name, s.code", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_school_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, school_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the schools"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * opora_school_find_code:
 * @db: a workspace
 * @code: a school's code (Код ОО)
 *
 * Returns: the id of the school with @code; 0 with @error set
 *   (%OPORA_ERROR_NOT_FOUND) when there is none
 */
gint64
opora_school_find_code (OporaDb     *db,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT id FROM school WHERE code = ?", error);
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the schools"));
  else
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("There is no school with the code “%s”."), code);
  return 0;
}

/**
 * opora_school_table:
 * @db: a workspace
 *
 * Every school of the workspace by id, for looking codes and names up.
 *
 * Returns: (transfer full) (nullable): a table from the school's id
 *   (`gint64 *`, owned by the value) to #OporaSchool, or %NULL with @error set
 */
GHashTable *
opora_school_table (OporaDb  *db,
                    GError  **error)
{
  g_autoptr(GPtrArray) list = opora_school_list (db, error);
  GHashTable *table;

  if (list == NULL)
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) opora_school_free);
  for (guint i = 0; i < list->len; i++)
    {
      OporaSchool *school = g_steal_pointer (&list->pdata[i]);
      g_hash_table_insert (table, &school->id, school);
    }
  return table;
}

/**
 * opora_school_get:
 * @db: a workspace
 * @id: a school id
 *
 * Returns: (transfer full) (nullable): the school, or %NULL with
 *   %OPORA_ERROR_NOT_FOUND when there is none with @id
 */
OporaSchool *
opora_school_get (OporaDb  *db,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, SCHOOL_COLUMNS " WHERE s.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return school_from_stmt (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("There is no school with id %lld."), (long long) id);
  else
    opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the schools"));
  return NULL;
}

/**
 * opora_school_count:
 * @db: a workspace
 *
 * Returns: the number of schools, or -1 with @error set
 */
gint64
opora_school_count (OporaDb  *db,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT count(*) FROM school", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the schools"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * opora_municipality_prepare_ensure:
 * @db: a workspace open for writing
 *
 * Prepares what opora_municipality_ensure_with() runs, for callers that
 * add many municipalities.
 *
 * Returns: (transfer full) (nullable): the statement
 */
sqlite3_stmt *
opora_municipality_prepare_ensure (OporaDb  *db,
                                   GError  **error)
{
  return opora_db_prepare (db,
    "INSERT INTO municipality (name, region) VALUES (?1, ?2)"
    " ON CONFLICT (name) DO UPDATE SET region = coalesce (?2, region) RETURNING id", error);
}

/**
 * opora_municipality_ensure_with:
 * @db: a workspace open for writing
 * @ensure: opora_municipality_prepare_ensure()'s statement
 * @name: the municipality's name
 * @region: (nullable): its region
 *
 * Returns: the id of the municipality called @name, added when missing;
 *   0 with @error set on failure
 */
gint64
opora_municipality_ensure_with (OporaDb      *db,
                                sqlite3_stmt *ensure,
                                const char   *name,
                                const char   *region,
                                GError      **error)
{
  gint64 id = 0;

  if (sqlite3_bind_text (ensure, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_bind_text (ensure, 2, region, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_step (ensure) == SQLITE_ROW)
    id = sqlite3_column_int64 (ensure, 0);
  else
    opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Adding a municipality"));
  sqlite3_reset (ensure);
  return id;
}

/**
 * opora_municipality_ensure:
 * @db: a workspace open for writing
 * @name: the municipality's name
 * @region: (nullable): its region
 *
 * Returns: the id of the municipality called @name, added when missing;
 *   0 with @error set on failure
 */
gint64
opora_municipality_ensure (OporaDb     *db,
                           const char  *name,
                           const char  *region,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) ensure = opora_municipality_prepare_ensure (db, error);

  return ensure != NULL ? opora_municipality_ensure_with (db, ensure, name, region, error) : 0;
}

/**
 * opora_school_insert:
 * @db: a workspace open for writing
 * @school: the school; its municipality is added when missing
 *
 * Adds @school and stores its new id in @school->id.
 *
 * Returns: the new id, or 0 with @error set (a duplicate code is
 *   %OPORA_ERROR_INVALID); on error nothing was added
 */
gint64
opora_school_insert (OporaDb      *db,
                     OporaSchool  *school,
                     GError      **error)
{
  static const char *locality_names[] = { NULL, "urban", "rural" };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 municipality_id = 0;
  int rc;

  g_return_val_if_fail (school != NULL && school->code != NULL && school->name != NULL, 0);

  if (school->municipality != NULL &&
      !(municipality_id = opora_municipality_ensure (db, school->municipality, NULL, error)))
    return 0;
  if (!(stmt = opora_db_prepare (db,
          "INSERT INTO school (code, name, short_name, municipality_id, locality, kind, archived)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return 0;

  sqlite3_bind_text (stmt, 1, school->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, school->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, school->short_name, -1, SQLITE_STATIC);
  if (municipality_id)
    sqlite3_bind_int64 (stmt, 4, municipality_id);
  sqlite3_bind_text (stmt, 5, locality_names[school->locality], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, school->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, school->archived ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("A school with the code “%s” already exists. School codes must be unique."),
                   school->code);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Adding a school"));
      return 0;
    }
  school->id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  return school->id;
}

/* Words of a school's legal form, dropped before names are compared. */
static const char *form_words[] = {
  "мбоу", "маоу", "мкоу", "моу", "мбу", "гбоу", "гоу", "гкоу", "чоу", "ноу", "мб", "оу",
  "муниципальное", "муниципальная", "государственное", "бюджетное", "автономное", "казенное",
  "общеобразовательное", "образовательное", "учреждение", "организация", NULL,
};

static const struct { const char *words, *abbreviation; } school_kinds[] = {
  { "средняя общеобразовательная школа", "сош" },
  { "основная общеобразовательная школа", "оош" },
  { "начальная общеобразовательная школа", "нош" },
  { "средняя школа", "сош" },
  { "основная школа", "оош" },
};

/**
 * opora_school_name_key:
 * @name: a school's name as a table writes it
 *
 * The key two spellings of one school share: case, quotes, «№», spaces and
 * the legal form (МБОУ, «муниципальное бюджетное общеобразовательное
 * учреждение») dropped, school kinds abbreviated.
 * "МБОУ «СОШ № 5»" → "сош5"; "МАОУ СОШ №5" → "сош5";
 * "Муниципальное бюджетное общеобразовательное учреждение «Средняя
 * общеобразовательная школа № 5»" → "сош5"; "МКОУ «ООШ с. Ключи»" → "оошсключи".
 *
 * Returns: (transfer full): the key (empty for an empty name)
 */
char *
opora_school_name_key (const char *name)
{
  g_autofree char *folded = opora_header_normalise (name);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) text = g_string_new (folded);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (school_kinds); i++)
    g_string_replace (text, school_kinds[i].words, school_kinds[i].abbreviation, 0);
  words = g_strsplit (text->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) form_words, words[i]) && !g_str_equal (words[i], "процент"))
      g_string_append (key, words[i]);
  return g_string_free (key, FALSE);
}
