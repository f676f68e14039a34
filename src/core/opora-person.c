/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mentors and tutors: the registry and their assignments to supported schools per school year. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-error.h"
#include "opora-person.h"
#include "opora-program.h"
#include "opora-school.h"

static const char *role_names[] = { "mentor", "tutor" };

const char *
opora_role_to_string (OporaRole role)
{
  g_return_val_if_fail (role <= OPORA_ROLE_TUTOR, NULL);
  return role_names[role];
}

gboolean
opora_role_from_string (const char *text,
                        OporaRole  *role)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (text, role_names[i]))
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
opora_role_label (OporaRole role)
{
  switch (role)
    {
    case OPORA_ROLE_MENTOR: return _("mentor");
    case OPORA_ROLE_TUTOR: return _("tutor");
    default: g_return_val_if_reached (NULL);
    }
}

OporaPerson *
opora_person_new (OporaRole   role,
                  const char *full_name)
{
  OporaPerson *p = g_new0 (OporaPerson, 1);

  p->role = role;
  p->full_name = g_strdup (full_name);
  p->position = g_strdup ("");
  p->subject = g_strdup ("");
  p->phone = g_strdup ("");
  p->email = g_strdup ("");
  p->note = g_strdup ("");
  return p;
}

OporaPerson *
opora_person_copy (const OporaPerson *person)
{
  OporaPerson *p = g_memdup2 (person, sizeof *person);

  p->full_name = g_strdup (person->full_name);
  p->position = g_strdup (person->position);
  p->school_code = g_strdup (person->school_code);
  p->school_name = g_strdup (person->school_name);
  p->subject = g_strdup (person->subject);
  p->phone = g_strdup (person->phone);
  p->email = g_strdup (person->email);
  p->note = g_strdup (person->note);
  return p;
}

void
opora_person_free (OporaPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->full_name);
  g_free (p->position);
  g_free (p->school_code);
  g_free (p->school_name);
  g_free (p->subject);
  g_free (p->phone);
  g_free (p->email);
  g_free (p->note);
  g_free (p);
}

void
opora_assignment_free (OporaAssignment *a)
{
  if (a == NULL)
    return;
  g_free (a->person_name);
  g_free (a->school_code);
  g_free (a->school_name);
  g_free (a->note);
  g_free (a);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

#define PERSON_SELECT \
  "SELECT p.id, p.role, p.full_name, p.position, p.school_id, s.code, s.name, p.subject," \
  "       p.phone, p.email, p.note, p.archived" \
  " FROM person p LEFT JOIN school s ON s.id = p.school_id"

static OporaPerson *
person_from_row (sqlite3_stmt *stmt)
{
  OporaPerson *p = g_new0 (OporaPerson, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  opora_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &p->role);
  p->full_name = column_dup (stmt, 2);
  p->position = column_dup (stmt, 3);
  p->school_id = sqlite3_column_int64 (stmt, 4);
  p->school_code = column_dup (stmt, 5);
  p->school_name = column_dup (stmt, 6);
  p->subject = column_dup (stmt, 7);
  p->phone = column_dup (stmt, 8);
  p->email = column_dup (stmt, 9);
  p->note = column_dup (stmt, 10);
  p->archived = sqlite3_column_int (stmt, 11) != 0;
  return p;
}

/**
 * opora_person_list:
 * @db: a workspace
 * @with_archived: whether to include archived people
 *
 * Returns: (transfer full) (element-type OporaPerson): mentors first, then tutors, by name
 */
GPtrArray *
opora_person_list (OporaDb   *db,
                   gboolean   with_archived,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, PERSON_SELECT
                                                   " WHERE ?1 OR p.archived = 0"
                                                   " ORDER BY p.role, p.full_name COLLATE NOCASE, p.id", error);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_person_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, with_archived);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (people, person_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading mentors and tutors"));
      return NULL;
    }
  return g_steal_pointer (&people);
}

static void
set_no_person (GError **error,
               gint64   person_id)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("There is no mentor or tutor number %lld in this workspace. They may have been deleted."),
               (long long) person_id);
}

OporaPerson *
opora_person_get (OporaDb  *db,
                  gint64    person_id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, PERSON_SELECT " WHERE p.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return person_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_no_person (error, person_id);
  else
    opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading mentors and tutors"));
  return NULL;
}

/**
 * opora_person_find:
 *
 * Finds a person by role and name, ignoring case (Cyrillic too) and surrounding spaces.
 *
 * Returns: the person's id, 0 when there is none, -1 on error
 */
gint64
opora_person_find (OporaDb     *db,
                   OporaRole    role,
                   const char  *full_name,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT id, full_name FROM person WHERE role = ? ORDER BY id", error);
  g_autofree char *stripped = g_strstrip (g_strdup (full_name));
  g_autofree char *key = g_utf8_casefold (stripped, -1);
  int rc;

  if (stmt == NULL)
    return -1;
  /* SQLite's lower() folds ASCII only: the names are compared here. */
  sqlite3_bind_text (stmt, 1, opora_role_to_string (role), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = g_strstrip (g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_autofree char *folded = g_utf8_casefold (name, -1);

      if (g_str_equal (folded, key))
        return sqlite3_column_int64 (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading mentors and tutors"));
      return -1;
    }
  return 0;
}

static gboolean
check_person (const OporaPerson  *p,
              GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (p->full_name ? p->full_name : ""));

  if (*name == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("A mentor or tutor needs a name. Write the surname, name and patronymic."));
      return FALSE;
    }
  if (p->email != NULL && *p->email != '\0' && strchr (p->email, '@') == NULL)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” is not an e-mail address: it has no “@”."), p->email);
      return FALSE;
    }
  return TRUE;
}

/* The school of @p: its id, or the one its code names; 0 for none, -1 on error. */
static gint64
person_school (OporaDb            *db,
               const OporaPerson  *p,
               GError            **error)
{
  gint64 id;

  if (p->school_id > 0 || p->school_code == NULL || *p->school_code == '\0')
    return MAX (p->school_id, 0);
  if ((id = opora_school_find_code (db, p->school_code, error)) == 0)
    return -1;
  return id;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  sqlite3_bind_text (stmt, column, stripped, -1, SQLITE_TRANSIENT);
}

static gboolean
bind_person (OporaDb            *db,
             sqlite3_stmt       *stmt,
             const OporaPerson  *p,
             GError            **error)
{
  gint64 school_id;

  if (!check_person (p, error) || (school_id = person_school (db, p, error)) < 0)
    return FALSE;
  sqlite3_bind_text (stmt, 1, opora_role_to_string (p->role), -1, SQLITE_STATIC);
  bind_text (stmt, 2, p->full_name);
  bind_text (stmt, 3, p->position);
  if (school_id > 0)
    sqlite3_bind_int64 (stmt, 4, school_id);
  else
    sqlite3_bind_null (stmt, 4);
  bind_text (stmt, 5, p->subject);
  bind_text (stmt, 6, p->phone);
  bind_text (stmt, 7, p->email);
  bind_text (stmt, 8, p->note);
  sqlite3_bind_int (stmt, 9, p->archived);
  return TRUE;
}

/**
 * opora_person_add:
 * @db: a workspace open for writing
 * @person: the person; their school by school_id, or by school_code when that is 0
 *
 * Returns: the new person's id, or 0 with @error set
 */
gint64
opora_person_add (OporaDb            *db,
                  const OporaPerson  *person,
                  GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "INSERT INTO person (role, full_name, position, school_id,"
                                                   " subject, phone, email, note, archived, created)"
                                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  if (stmt == NULL || !bind_person (db, stmt, person, error))
    return 0;
  sqlite3_bind_text (stmt, 10, created, -1, SQLITE_STATIC);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (opora_db_get_handle (db));
}

gboolean
opora_person_update (OporaDb            *db,
                     const OporaPerson  *person,
                     GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "UPDATE person SET role = ?1, full_name = ?2, position = ?3,"
                                                   " school_id = ?4, subject = ?5, phone = ?6, email = ?7, note = ?8,"
                                                   " archived = ?9 WHERE id = ?10", error);

  if (stmt == NULL || !bind_person (db, stmt, person, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 10, person->id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      set_no_person (error, person->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
opora_person_set_archived (OporaDb   *db,
                           gint64     person_id,
                           gboolean   archived,
                           GError   **error)
{
  g_autoptr(OporaPerson) p = opora_person_get (db, person_id, error);

  if (p == NULL)
    return FALSE;
  p->archived = archived;
  return opora_person_update (db, p, error);
}

/**
 * opora_assignment_list:
 * @db: a workspace
 * @person_id: one person's assignments, or 0 for everyone's
 * @year: one school year's, or 0 for every year
 *
 * Returns: (transfer full) (element-type OporaAssignment): by year, then person and school
 */
GPtrArray *
opora_assignment_list (OporaDb   *db,
                       gint64     person_id,
                       int        year,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    opora_db_prepare (db, "SELECT a.id, a.person_id, p.full_name, p.role, a.school_id, s.code, s.name, a.year, a.note"
                      " FROM person_assignment a JOIN person p ON p.id = a.person_id JOIN school s ON s.id = a.school_id"
                      " WHERE (?1 = 0 OR a.person_id = ?1) AND (?2 = 0 OR a.year = ?2)"
                      " ORDER BY a.year, p.full_name COLLATE NOCASE, s.code", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_assignment_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaAssignment *a = g_new0 (OporaAssignment, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->person_id = sqlite3_column_int64 (stmt, 1);
      a->person_name = column_dup (stmt, 2);
      opora_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &a->role);
      a->school_id = sqlite3_column_int64 (stmt, 4);
      a->school_code = column_dup (stmt, 5);
      a->school_name = column_dup (stmt, 6);
      a->year = sqlite3_column_int (stmt, 7);
      a->note = column_dup (stmt, 8);
      g_ptr_array_add (list, a);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the assignments"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * opora_assignment_add:
 *
 * Attaches a mentor or tutor to a supported school for a school year. Adding the
 * same assignment twice is refused with a message.
 *
 * Returns: the assignment's id, or 0 with @error set
 */
gint64
opora_assignment_add (OporaDb     *db,
                      gint64       person_id,
                      gint64       school_id,
                      int          year,
                      const char  *note,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(OporaPerson) person = NULL;
  g_autoptr(OporaSchool) school = NULL;
  g_autofree char *school_year = NULL;

  if (year < 1990 || year > 2100)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("%d is not a school year Opora keeps."), year);
      return 0;
    }
  if (!(person = opora_person_get (db, person_id, error)) || !(school = opora_school_get (db, school_id, error)))
    return 0;
  if (person->school_id == school_id)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("%s works at %s: a mentor or tutor helps another school."), person->full_name, school->name);
      return 0;
    }
  stmt = opora_db_prepare (db, "INSERT INTO person_assignment (person_id, school_id, year, note) VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  sqlite3_bind_int (stmt, 3, year);
  bind_text (stmt, 4, note);
  if (!opora_db_step_done (db, stmt, error))
    return 0;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      school_year = opora_school_year_label (year);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("%s is already assigned to %s in %s."), person->full_name, school->name, school_year);
      return 0;
    }
  return sqlite3_last_insert_rowid (opora_db_get_handle (db));
}

gboolean
opora_assignment_delete (OporaDb  *db,
                         gint64    assignment_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "DELETE FROM person_assignment WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assignment_id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no assignment number %lld. It may have been removed."), (long long) assignment_id);
      return FALSE;
    }
  return TRUE;
}
