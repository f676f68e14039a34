/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing the list of mentors and tutors (and whom they help) from a spreadsheet. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "opora-error.h"
#include "opora-person.h"
#include "opora-reader-private.h"
#include "opora-school.h"
#include "opora-sheet.h"

/* A list of people is short: a municipality has tens, a region a few thousand. */
#define MAX_ROWS 20000
#define HEADER_SEARCH_ROWS 15

typedef enum {
  COL_NAME, COL_ROLE, COL_POSITION, COL_SCHOOL_CODE, COL_SCHOOL, COL_SUBJECT,
  COL_PHONE, COL_EMAIL, COL_ASSIGNED, N_COLS
} Column;

/* Words a header cell of each column contains, lower case; the first match wins. */
static const char *const column_words[N_COLS][5] = {
  [COL_NAME] = { "фио", "фамилия", "full name", "name", NULL },
  [COL_ROLE] = { "роль", "наставник/тьютор", "role", NULL },
  [COL_POSITION] = { "должност", "position", NULL },
  [COL_ASSIGNED] = { "закреп", "сопровожда", "подшеф", "assigned", NULL },
  [COL_SCHOOL_CODE] = { "код", "code", NULL },
  [COL_SCHOOL] = { "место работы", "школ", "организац", "school", NULL },
  [COL_SUBJECT] = { "предмет", "subject", NULL },
  [COL_PHONE] = { "телефон", "phone", NULL },
  [COL_EMAIL] = { "почт", "mail", NULL },
};
/* The order headers are tried in: "код закреплённой школы" is an assignment, not the person's school. */
static const Column match_order[] = {
  COL_ASSIGNED, COL_NAME, COL_ROLE, COL_POSITION, COL_SCHOOL_CODE, COL_SCHOOL, COL_SUBJECT, COL_PHONE, COL_EMAIL
};

typedef struct {
  OporaReader *reader;
  OporaSheet  *sheet;
  guint32      cols[N_COLS];   /* G_MAXUINT32: absent */
  guint        header;         /* index of the header row in the sheet */
} Layout;

static Column
header_column (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint k = 0; k < G_N_ELEMENTS (match_order); k++)
    for (guint w = 0; column_words[match_order[k]][w] != NULL; w++)
      if (strstr (lower, column_words[match_order[k]][w]) != NULL)
        return match_order[k];
  return N_COLS;
}

static gboolean
find_header (Layout  *layout,
             GError **error)
{
  guint n_rows = MIN (opora_sheet_get_n_rows (layout->sheet), HEADER_SEARCH_ROWS);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < N_COLS; c++)
        layout->cols[c] = G_MAXUINT32;
      for (guint32 col = 0; col < opora_sheet_get_n_cols (layout->sheet); col++)
        {
          g_autofree char *text = opora_sheet_dup_text (layout->sheet, r, col);
          Column c;

          if (text != NULL && (c = header_column (text)) < N_COLS && layout->cols[c] == G_MAXUINT32)
            layout->cols[c] = col;
        }
      if (layout->cols[COL_NAME] != G_MAXUINT32)
        {
          layout->header = r;
          return TRUE;
        }
    }
  return opora_reader_set_error_at (layout->reader, error, OPORA_ERROR_FORMAT, G_MAXUINT32, G_MAXUINT32,
                                    _("no header with a “ФИО” column in the first rows. The list needs a column of names."));
}

static char *
cell (Layout  *layout,
      guint    r,
      Column   c)
{
  char *text;

  if (layout->cols[c] == G_MAXUINT32 || (text = opora_sheet_dup_text (layout->sheet, r, layout->cols[c])) == NULL)
    return g_strdup ("");
  return g_strstrip (text);
}

static gboolean
row_error (Layout      *layout,
           guint        r,
           Column       c,
           GError     **error,
           const char  *message)
{
  return opora_reader_set_error_at (layout->reader, error, OPORA_ERROR_INVALID,
                                    opora_sheet_get_row (layout->sheet, r), layout->cols[c], message);
}

static gboolean
parse_role (const char *text,
            OporaRole  *role)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (strstr (lower, "настав") != NULL || strstr (lower, "mentor") != NULL)
    *role = OPORA_ROLE_MENTOR;
  else if (strstr (lower, "тьютор") != NULL || strstr (lower, "tutor") != NULL)
    *role = OPORA_ROLE_TUTOR;
  else
    return FALSE;
  return TRUE;
}

/* A name that more than one school has, in the table of schools by name. */
#define AMBIGUOUS G_MAXSIZE

/* The school a cell names by code or by name; 0 with @error set when none or several. */
static gint64
find_school (OporaDb     *db,
             GHashTable  *by_name,
             const char  *text,
             GError     **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id;
  gsize found;

  if ((id = opora_school_find_code (db, text, &local)) != 0)
    return id;
  if (!g_error_matches (local, OPORA_ERROR, OPORA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  key = opora_school_name_key (text);
  found = GPOINTER_TO_SIZE (g_hash_table_lookup (by_name, key));
  if (found == 0)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                 _("no school with the code or name “%s” in this workspace."), text);
  else if (found == AMBIGUOUS)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("several schools are named “%s”: write the school’s code instead."), text);
      found = 0;
    }
  return (gint64) found;
}

/* Whether the list already had this assignment (a list imported again): 1 yes, 0 no, -1 error. */
static int
assignment_known (OporaDb  *db,
                  gint64    person_id,
                  gint64    school_id,
                  int       year,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT 1 FROM person_assignment"
                                                   " WHERE person_id = ?1 AND school_id = ?2 AND year = ?3", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, school_id);
  sqlite3_bind_int (stmt, 3, year);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW || rc == SQLITE_DONE)
    return rc == SQLITE_ROW;
  opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the assignments"));
  return -1;
}

static gboolean
import_row (OporaDb            *db,
            Layout             *layout,
            GHashTable         *by_name,
            guint               r,
            int                 year,
            OporaPersonImport  *report,
            GError            **error)
{
  g_autofree char *name = cell (layout, r, COL_NAME);
  g_autofree char *role_text = cell (layout, r, COL_ROLE);
  g_autofree char *school_text = NULL;
  g_autofree char *assigned = cell (layout, r, COL_ASSIGNED);
  g_autoptr(OporaPerson) p = NULL;
  g_auto(GStrv) codes = NULL;
  GError *local = NULL;
  OporaRole role;
  gint64 id;

  if (*name == '\0')
    return TRUE;
  if (!parse_role (role_text, &role))
    return row_error (layout, r, layout->cols[COL_ROLE] != G_MAXUINT32 ? COL_ROLE : COL_NAME, error,
                      _("the role must be “наставник” or “тьютор”."));
  p = opora_person_new (role, name);
  g_free (p->position), p->position = cell (layout, r, COL_POSITION);
  g_free (p->subject), p->subject = cell (layout, r, COL_SUBJECT);
  g_free (p->phone), p->phone = cell (layout, r, COL_PHONE);
  g_free (p->email), p->email = cell (layout, r, COL_EMAIL);
  school_text = cell (layout, r, layout->cols[COL_SCHOOL_CODE] != G_MAXUINT32 ? COL_SCHOOL_CODE : COL_SCHOOL);
  if (*school_text != '\0' && (p->school_id = find_school (db, by_name, school_text, &local)) == 0)
    {
      row_error (layout, r, layout->cols[COL_SCHOOL_CODE] != G_MAXUINT32 ? COL_SCHOOL_CODE : COL_SCHOOL,
                 error, local != NULL ? local->message : "");
      g_clear_error (&local);
      return FALSE;
    }
  if (p->email[0] != '\0' && strchr (p->email, '@') == NULL)
    return row_error (layout, r, COL_EMAIL, error, _("this is not an e-mail address: it has no “@”."));

  if ((id = opora_person_find (db, role, name, error)) < 0)
    return FALSE;
  if (id > 0)
    {
      p->id = id;
      if (!opora_person_update (db, p, error))
        return FALSE;
      report->n_updated++;
    }
  else if ((p->id = opora_person_add (db, p, error)) == 0)
    return FALSE;
  else
    report->n_added++;

  codes = g_regex_split_simple ("[,;\n]+", assigned, 0, 0);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (codes[i]));
      gint64 school_id;
      int known = 0;

      if (*code == '\0')
        continue;
      if ((school_id = find_school (db, by_name, code, &local)) != 0 && (known = assignment_known (db, p->id, school_id, year, &local)) == 0 &&
          opora_assignment_add (db, p->id, school_id, year, NULL, &local) == 0)
        known = -1;
      if (school_id == 0 || known < 0)
        {
          row_error (layout, r, COL_ASSIGNED, error, local->message);
          g_clear_error (&local);
          return FALSE;
        }
      if (known > 0)
        continue;
      report->n_assigned++;
    }
  return TRUE;
}

static GHashTable *
schools_by_name (OporaDb  *db,
                 GError  **error)
{
  g_autoptr(GPtrArray) schools = opora_school_list (db, error);
  GHashTable *by_name;

  if (schools == NULL)
    return NULL;
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < schools->len; i++)
    {
      OporaSchool *s = schools->pdata[i];

      char *key = opora_school_name_key (s->name);

      /* Two schools of one name (in two municipalities, say) are told apart by code only. */
      g_hash_table_insert (by_name, key, GSIZE_TO_POINTER (g_hash_table_contains (by_name, key) ? AMBIGUOUS : (gsize) s->id));
    }
  return by_name;
}

/**
 * opora_person_import:
 * @db: a workspace open for writing
 * @path: a CSV, XLSX, ODS or XLS file: one row per person under a header with "ФИО"
 * @sheet_name: (nullable): the sheet to read; %NULL for the first visible one
 * @year: the school year the assignments column is for
 * @report: (out): what was done
 *
 * Reads the list of mentors and tutors: name, role ("наставник" / "тьютор"),
 * position, school (code or name), subject, phone, e-mail and the codes of the
 * schools they are assigned to. People already in the workspace (same role and
 * name) are updated. All rows or none: on error the workspace is unchanged and
 * the message names the row and column.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_person_import (OporaDb            *db,
                     const char         *path,
                     const char         *sheet_name,
                     int                 year,
                     OporaPersonImport  *report,
                     GError            **error)
{
  g_autoptr(OporaReader) reader = opora_reader_open (path, NULL, error);
  g_autoptr(OporaSheet) sheet = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(OporaTransaction) tx = NULL;
  OporaPersonImport counts = { 0 };
  Layout layout = { 0 };
  guint index = G_MAXUINT;

  if (reader == NULL)
    return FALSE;
  for (guint i = 0; i < opora_reader_get_n_sheets (reader) && index == G_MAXUINT; i++)
    {
      const OporaSheetInfo *info = opora_reader_get_sheet (reader, i);

      if (sheet_name != NULL ? g_str_equal (info->name, sheet_name) : !info->hidden)
        index = i;
    }
  if (index == G_MAXUINT)
    return opora_reader_set_error_at (reader, error, OPORA_ERROR_NOT_FOUND, G_MAXUINT32, G_MAXUINT32,
                                      sheet_name != NULL ? _("there is no sheet of that name.") : _("there is no visible sheet."));
  if (!(sheet = opora_sheet_load (reader, index, MAX_ROWS, NULL, error)))
    return FALSE;
  if (!opora_sheet_is_complete (sheet))
    return opora_reader_set_error_at (reader, error, OPORA_ERROR_TOO_LARGE, G_MAXUINT32, G_MAXUINT32,
                                      _("more rows than a list of mentors and tutors can have (20,000)."));
  layout.reader = reader;
  layout.sheet = sheet;
  if (!find_header (&layout, error) ||
      !(by_name = schools_by_name (db, error)) ||
      !(tx = opora_db_begin (db, error)))
    return FALSE;
  for (guint r = layout.header + 1; r < opora_sheet_get_n_rows (sheet); r++)
    if (!import_row (db, &layout, by_name, r, year, &counts, error))
      return FALSE;
  if (counts.n_added + counts.n_updated == 0)
    return opora_reader_set_error_at (reader, error, OPORA_ERROR_INVALID, G_MAXUINT32, G_MAXUINT32,
                                      _("no names under the header: nothing to import."));
  if (!opora_transaction_commit (tx, error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}
