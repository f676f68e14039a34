/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading rubrics from a workspace and saving the user's edits of them. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-error.h"
#include "opora-rubric.h"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
sqlite_failed (OporaDb  *db,
               GError  **error)
{
  return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the rubrics"));
}

static gboolean
load_criteria (OporaDb      *db,
               OporaRubric  *rubric,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    opora_db_prepare (db, "SELECT c.id, c.position, c.grp, c.title, c.kind, c.unit, c.points_per_unit, o.points, o.description"
                      " FROM rubric_criterion c LEFT JOIN rubric_option o ON o.criterion_id = c.id"
                      " WHERE c.rubric_id = ? ORDER BY c.position, c.id, o.points", error);
  OporaCriterion *last = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rubric->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (last == NULL || last->id != id)
        {
          gboolean count = g_str_equal ((const char *) sqlite3_column_text (stmt, 4), "count");

          last = opora_criterion_new (count ? OPORA_CRITERION_COUNT : OPORA_CRITERION_CHOICE,
                                      (const char *) sqlite3_column_text (stmt, 3));
          last->id = id;
          last->position = sqlite3_column_int (stmt, 1);
          g_free (last->group), last->group = column_dup (stmt, 2);
          g_free (last->unit), last->unit = column_dup (stmt, 5);
          last->points_per_unit = count ? sqlite3_column_double (stmt, 6) : 0;
          g_ptr_array_add (rubric->criteria, last);
        }
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        opora_criterion_add_option (last, sqlite3_column_double (stmt, 7), (const char *) sqlite3_column_text (stmt, 8));
    }
  return rc == SQLITE_DONE || sqlite_failed (db, error);
}

static gboolean
load_levels (OporaDb      *db,
             OporaRubric  *rubric,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT min_total, name FROM rubric_level"
                                                   " WHERE rubric_id = ? ORDER BY min_total", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rubric->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    opora_rubric_add_level (rubric, sqlite3_column_double (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
  return rc == SQLITE_DONE || sqlite_failed (db, error);
}

#define RUBRIC_SELECT "SELECT id, name, role, body, preset, source, archived FROM rubric"

static GPtrArray *
load_rubrics (OporaDb     *db,
              const char  *where,
              gint64       key,
              GError     **error)
{
  g_autofree char *sql = g_strconcat (RUBRIC_SELECT, " WHERE ", where, " ORDER BY archived, id", NULL);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_rubric_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaRubric *r = opora_rubric_new ((const char *) sqlite3_column_text (stmt, 1));

      r->id = sqlite3_column_int64 (stmt, 0);
      r->has_role = sqlite3_column_type (stmt, 2) != SQLITE_NULL &&
                    opora_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &r->role);
      g_free (r->body), r->body = column_dup (stmt, 3);
      r->preset = column_dup (stmt, 4);
      g_free (r->source), r->source = column_dup (stmt, 5);
      r->archived = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_criteria (db, list->pdata[i], error) || !load_levels (db, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

/**
 * opora_rubric_list:
 *
 * Returns: (transfer full) (element-type OporaRubric): the rubrics with their
 *   criteria and levels, the active ones first
 */
GPtrArray *
opora_rubric_list (OporaDb   *db,
                   gboolean   with_archived,
                   GError   **error)
{
  return load_rubrics (db, "?1 OR archived = 0", with_archived, error);
}

OporaRubric *
opora_rubric_get (OporaDb  *db,
                  gint64    rubric_id,
                  GError  **error)
{
  g_autoptr(GPtrArray) list = load_rubrics (db, "id = ?1", rubric_id, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no rubric number %lld in this workspace."), (long long) rubric_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/**
 * opora_rubric_for_role:
 *
 * Returns: (transfer full): the first active rubric that scores people of @role,
 *   or %NULL with @error set when there is none
 */
OporaRubric *
opora_rubric_for_role (OporaDb    *db,
                       OporaRole   role,
                       GError    **error)
{
  g_autoptr(GPtrArray) list = opora_rubric_list (db, FALSE, error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      OporaRubric *r = list->pdata[i];

      if (r->has_role && r->role == role)
        return g_ptr_array_steal_index (list, i);
    }
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("No rubric scores a %s. Add one in Rubrics, or restore an archived one."), opora_role_label (role));
  return NULL;
}

gint64
opora_rubric_count_evaluations (OporaDb  *db,
                                gint64    rubric_id,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT count(*) FROM evaluation WHERE rubric_id = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, rubric_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return sqlite_failed (db, error) ? 0 : -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Whether two rubrics score alike: the same criteria (by id), kinds, points per unit and options' points. */
static gboolean
same_scale (const OporaRubric *a,
            const OporaRubric *b)
{
  if (a->criteria->len != b->criteria->len)
    return FALSE;
  for (guint i = 0; i < a->criteria->len; i++)
    {
      const OporaCriterion *x = a->criteria->pdata[i];
      const OporaCriterion *y = opora_rubric_find_criterion (b, x->id);

      if (y == NULL || x->kind != y->kind || x->points_per_unit != y->points_per_unit ||
          x->options->len != y->options->len)
        return FALSE;
      for (guint k = 0; k < x->options->len; k++)
        if (g_array_index (x->options, OporaRubricOption, k).points != g_array_index (y->options, OporaRubricOption, k).points)
          return FALSE;
    }
  return TRUE;
}

static gboolean
write_header (OporaDb            *db,
              const OporaRubric  *r,
              gint64             *id,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *name = g_strstrip (g_strdup (r->name));

  stmt = opora_db_prepare (db, *id == 0
                           ? "INSERT INTO rubric (name, role, body, preset, source, archived, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                           : "UPDATE rubric SET name = ?1, role = ?2, body = ?3, preset = ?4, source = ?5, archived = ?6 WHERE id = ?8",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (r->has_role)
    sqlite3_bind_text (stmt, 2, opora_role_to_string (r->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->body != NULL ? r->body : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->preset, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->source != NULL ? r->source : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, r->archived);
  if (*id == 0)
    sqlite3_bind_text (stmt, 7, created, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 8, *id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (opora_db_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                     _("There is already a rubric named “%s”. Choose another name."), name);
      else
        opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Saving the rubric"));
      return FALSE;
    }
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  return TRUE;
}

static gboolean
write_criterion (OporaDb               *db,
                 gint64                 rubric_id,
                 gboolean               new_rubric,
                 const OporaCriterion  *c,
                 int                    position,
                 GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = new_rubric ? 0 : c->id;  /* a new rubric's criteria are new, whatever they were copied from */

  stmt = opora_db_prepare (db, id == 0
                           ? "INSERT INTO rubric_criterion (rubric_id, position, grp, title, kind, unit, points_per_unit)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                           : "UPDATE rubric_criterion SET position = ?2, grp = ?3, title = ?4, kind = ?5, unit = ?6,"
                             " points_per_unit = ?7 WHERE id = ?8 AND rubric_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rubric_id);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, c->group != NULL ? c->group : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, c->kind == OPORA_CRITERION_COUNT ? "count" : "choice", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, c->unit != NULL ? c->unit : "", -1, SQLITE_STATIC);
  if (c->kind == OPORA_CRITERION_COUNT)
    sqlite3_bind_double (stmt, 7, c->points_per_unit);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 8, id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (id == 0)
    id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  else if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("The criterion “%s” is not in this rubric any more."), c->title);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = opora_db_prepare (db, "DELETE FROM rubric_option WHERE criterion_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!(stmt = opora_db_prepare (db, "INSERT INTO rubric_option (criterion_id, points, description) VALUES (?1, ?2, ?3)", error)))
    return FALSE;
  for (guint k = 0; k < c->options->len; k++)
    {
      const OporaRubricOption *o = &g_array_index (c->options, OporaRubricOption, k);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_double (stmt, 2, o->points);
      sqlite3_bind_text (stmt, 3, o->description, -1, SQLITE_STATIC);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Deletes the criteria of @rubric_id that @r no longer has. */
static gboolean
delete_dropped (OporaDb            *db,
                gint64              rubric_id,
                const OporaRubric  *r,
                GError            **error)
{
  g_autoptr(OporaRubric) stored = opora_rubric_get (db, rubric_id, error);
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "DELETE FROM rubric_criterion WHERE id = ?", error);

  if (stored == NULL || stmt == NULL)
    return FALSE;
  for (guint i = 0; i < stored->criteria->len; i++)
    {
      const OporaCriterion *c = stored->criteria->pdata[i];

      if (opora_rubric_find_criterion (r, c->id) != NULL)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, c->id);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_levels (OporaDb            *db,
              gint64              rubric_id,
              const OporaRubric  *r,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) del = opora_db_prepare (db, "DELETE FROM rubric_level WHERE rubric_id = ?", error);
  g_autoptr(sqlite3_stmt) ins = opora_db_prepare (db, "INSERT INTO rubric_level (rubric_id, min_total, name) VALUES (?1, ?2, ?3)", error);

  if (del == NULL || ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, rubric_id);
  if (!opora_db_step_done (db, del, error))
    return FALSE;
  for (guint i = 0; i < r->levels->len; i++)
    {
      const OporaRubricLevel *l = &g_array_index (r->levels, OporaRubricLevel, i);

      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, rubric_id);
      sqlite3_bind_double (ins, 2, l->min_total);
      sqlite3_bind_text (ins, 3, l->name, -1, SQLITE_STATIC);
      if (!opora_db_step_done (db, ins, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * opora_rubric_save:
 * @db: a workspace open for writing
 * @rubric: a new rubric (id 0) or an edited one
 *
 * Stores the rubric with its criteria, options and levels in one transaction.
 * A rubric that evaluations were scored on keeps its scale: its texts, level
 * names and thresholds can change, but not its criteria or points — such an
 * edit is refused with the advice to edit a copy.
 *
 * Returns: the rubric's id, or 0 with @error set
 */
gint64
opora_rubric_save (OporaDb            *db,
                   const OporaRubric  *rubric,
                   GError            **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  gint64 id = rubric->id;

  if (!opora_rubric_validate (rubric, error) || !(tx = opora_db_begin (db, error)))
    return 0;
  if (id != 0)
    {
      g_autoptr(OporaRubric) stored = opora_rubric_get (db, id, error);
      gint64 n = opora_rubric_count_evaluations (db, id, error);

      if (stored == NULL || n < 0)
        return 0;
      if (n > 0 && !same_scale (rubric, stored))
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” has %lld evaluation scored on it, so its criteria and points cannot change. Duplicate the rubric and edit the copy.",
                                    "“%s” has %lld evaluations scored on it, so its criteria and points cannot change. Duplicate the rubric and edit the copy.",
                                    (gulong) n),
                       stored->name, (long long) n);
          return 0;
        }
    }
  if (!write_header (db, rubric, &id, error) || (rubric->id != 0 && !delete_dropped (db, id, rubric, error)))
    return 0;
  for (guint i = 0; i < rubric->criteria->len; i++)
    if (!write_criterion (db, id, rubric->id == 0, rubric->criteria->pdata[i], (int) i + 1, error))
      return 0;
  if (!write_levels (db, id, rubric, error) || !opora_transaction_commit (tx, error))
    return 0;
  return id;
}

/**
 * opora_rubric_duplicate:
 * @name: (nullable): the copy's name; %NULL for "NAME (copy)"
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
opora_rubric_duplicate (OporaDb     *db,
                        gint64       rubric_id,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(OporaRubric) r = opora_rubric_get (db, rubric_id, error);

  if (r == NULL)
    return 0;
  r->id = 0;
  r->archived = FALSE;
  for (guint i = 0; i < r->criteria->len; i++)
    ((OporaCriterion *) r->criteria->pdata[i])->id = 0;
  if (name != NULL)
    {
      g_free (r->name);
      r->name = g_strdup (name);
    }
  else
    {
      g_autofree char *old = r->name;

      r->name = g_strdup_printf (_("%s (copy)"), old);
    }
  return opora_rubric_save (db, r, error);
}

gboolean
opora_rubric_set_archived (OporaDb   *db,
                           gint64     rubric_id,
                           gboolean   archived,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "UPDATE rubric SET archived = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rubric_id);
  sqlite3_bind_int (stmt, 2, archived);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no rubric number %lld in this workspace."), (long long) rubric_id);
      return FALSE;
    }
  return TRUE;
}
