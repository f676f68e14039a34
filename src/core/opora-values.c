/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a school's values by year, the latest value of an indicator, and writing values. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "opora-db.h"
#include "opora-error.h"
#include "opora-number.h"
#include "opora-values.h"

/* Indicator ids below this are marked in a byte array while a row is
 * gathered; larger ones (never seen in practice) are looked for in a list. */
#define MARKED_IDS 65536

struct _OporaValueWriter
{
  OporaDb      *db;
  sqlite3_stmt *remember;  /* keeps the row as it was, for undo */
  sqlite3_stmt *upsert;
  sqlite3_stmt *insert;    /* for rows of new schools: nothing to merge with */
  gint64        batch_id;
  gint64        new_from;  /* schools with this id or above are new: nothing to remember */
  gint64        school_id; /* the row being gathered */
  int           year;
  GByteArray   *written;   /* a bit per new school's row written, by (school - new_from, year) */
  GString      *json;      /* its values so far: {"12":"71.5","40":"3" */
  gint64       *seen;      /* indicator ids in it, a few dozen at most */
  guint         n_seen;
  guint         seen_size; /* room in seen */
  GByteArray   *is_seen;   /* by indicator id: 1 when in seen */
};

void
opora_school_values_free (OporaSchoolValues *values)
{
  if (values == NULL)
    return;
  g_clear_pointer (&values->years, g_array_unref);
  g_clear_pointer (&values->indicators, g_ptr_array_unref);
  g_free (values->values);
  g_free (values);
}

static guint
year_index (GArray *years,
            int     year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return i;
  g_assert_not_reached ();
}

/* The years @stmt returns in its first column, in its order. */
static GArray *
collect_years (OporaDb       *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

static GArray *
school_years (OporaDb  *db,
              gint64    school_id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT year FROM school_year_value WHERE school_id = ? ORDER BY year", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, school_id);
  return collect_years (db, stmt, error);
}

typedef struct {
  gint64 indicator_id;
  int    year;
  double value;
} ValueRow;

static GArray *
school_value_rows (OporaDb  *db,
                   gint64    school_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT indicator_id, year, value FROM indicator_value WHERE school_id = ?", error);
  g_autoptr(GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (ValueRow));
  sqlite3_bind_int64 (stmt, 1, school_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ValueRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                       sqlite3_column_double (stmt, 2) };
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * opora_school_values_load:
 * @db: a workspace
 * @school_id: a school
 *
 * Loads every value of one school as a table of indicators (those with at
 * least one value, in catalogue order) by years (ascending).
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OporaSchoolValues *
opora_school_values_load (OporaDb  *db,
                          gint64    school_id,
                          GError  **error)
{
  g_autoptr(OporaSchoolValues) values = g_new0 (OporaSchoolValues, 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_years;

  if (!(values->years = school_years (db, school_id, error)) ||
      !(all = opora_indicator_list (db, error)) ||
      !(rows = school_value_rows (db, school_id, error)))
    return NULL;

  /* Mark the indicators that have values, then keep them in catalogue order. */
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (row_of, &g_array_index (rows, ValueRow, i).indicator_id);
  values->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_indicator_free);
  for (guint i = 0; i < all->len; i++)
    {
      OporaIndicator *ind = all->pdata[i];
      if (g_hash_table_contains (row_of, &ind->id))
        g_ptr_array_add (values->indicators, opora_indicator_copy (ind));
    }
  g_hash_table_remove_all (row_of);
  for (guint i = 0; i < values->indicators->len; i++)
    g_hash_table_insert (row_of, &((OporaIndicator *) values->indicators->pdata[i])->id,
                         GUINT_TO_POINTER (i));

  n_years = values->years->len;
  values->values = g_new (double, MAX (1, values->indicators->len * n_years));
  for (guint i = 0; i < values->indicators->len * n_years; i++)
    values->values[i] = NAN;
  for (guint i = 0; i < rows->len; i++)
    {
      ValueRow *row = &g_array_index (rows, ValueRow, i);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, &row->indicator_id));

      values->values[r * n_years + year_index (values->years, row->year)] = row->value;
    }
  return g_steal_pointer (&values);
}

/**
 * opora_school_values_get:
 * @values: a school's table
 * @indicator_index: a row, below `values->indicators->len`
 * @year_index: a column, below `values->years->len`
 *
 * Returns: the value, or NaN when the school has none for that year
 */
double
opora_school_values_get (OporaSchoolValues *values,
                         guint              indicator_index,
                         guint              year_index_)
{
  g_return_val_if_fail (values != NULL, NAN);
  g_return_val_if_fail (indicator_index < values->indicators->len, NAN);
  g_return_val_if_fail (year_index_ < values->years->len, NAN);
  return values->values[indicator_index * values->years->len + year_index_];
}

/**
 * opora_values_latest_many:
 * @db: a workspace
 * @indicator_ids: the indicators
 * @n: how many
 *
 * Each school's most recent value of each of @n indicators, in one pass over
 * the values: rows are read newest first, and a school's older rows are not
 * even unpacked once its row has every value (a nation-sized workspace, 40,000
 * schools × 10 years, in a fraction of a second rather than seconds a key).
 *
 * An id of 0 stands for an indicator the workspace does not have: it gets no value.
 *
 * Returns: (transfer full) (nullable): a table from school id (`gint64 *`)
 *   to an array of @n #OporaYearValue (year 0: the school has no value of that
 *   indicator); %NULL with @error set on failure
 */
GHashTable *
opora_values_latest_many (OporaDb       *db,
                          const gint64  *indicator_ids,
                          guint          n,
                          GError       **error)
{
  /* The primary key's order backwards: no sort, newest year first. */
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT school_id, year, vals FROM school_year_value ORDER BY school_id DESC, year DESC", error);
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  OporaYearValue *current = NULL;
  gint64 current_id = 0;
  guint missing = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int year = sqlite3_column_int (stmt, 1);

      if (current == NULL || id != current_id)
        {
          current = g_new0 (OporaYearValue, MAX (n, 1));
          current_id = id;
          missing = 0;
          for (guint k = 0; k < n; k++)
            missing += indicator_ids[k] != 0;
          g_hash_table_insert (latest, g_memdup2 (&id, sizeof id), current);
        }
      if (missing == 0)
        continue;
      g_array_set_size (pairs, 0);
      opora_values_unpack ((const char *) sqlite3_column_text (stmt, 2), pairs);
      for (guint p = 0; p < pairs->len; p++)
        {
          const OporaPackedValue *pair = &g_array_index (pairs, OporaPackedValue, p);

          for (guint k = 0; k < n; k++)
            if (indicator_ids[k] == pair->indicator_id && current[k].year == 0)
              {
                current[k].year = year;
                current[k].value = pair->value;
                missing--;
              }
        }
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the values"));
      return NULL;
    }
  return g_steal_pointer (&latest);
}

/**
 * opora_values_latest:
 * @db: a workspace
 * @indicator_key: an indicator key
 *
 * Each school's most recent value of one indicator.
 *
 * Returns: (transfer full) (nullable): a table from school id (`gint64 *`)
 *   to #OporaYearValue, only of the schools with a value; %NULL with @error
 *   set on failure
 */
GHashTable *
opora_values_latest (OporaDb     *db,
                     const char  *indicator_key,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT id FROM indicator WHERE key = ?", error);
  g_autoptr(GHashTable) all = NULL;
  GHashTable *latest;
  GHashTableIter iter;
  gpointer key, value;
  gint64 id = 0;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (id == 0)
    return latest;
  if (!(all = opora_values_latest_many (db, &id, 1, error)))
    {
      g_hash_table_unref (latest);
      return NULL;
    }
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((OporaYearValue *) value)->year != 0)
      {
        g_hash_table_iter_steal (&iter);
        g_hash_table_insert (latest, key, value);
      }
  return latest;
}

/**
 * opora_values_years:
 * @db: a workspace
 *
 * Returns: (transfer full) (nullable): the years with any value, ascending (int)
 */
GArray *
opora_values_years (OporaDb  *db,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT DISTINCT year FROM school_year_value ORDER BY year", error);

  return stmt != NULL ? collect_years (db, stmt, error) : NULL;
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

/* A plain decimal ("-71.5", "0.25", "3") read by opora_number_read_plain(),
 * a point the only separator (a comma ends a bare JSON number); returns
 * what follows, or NULL for anything else (exponents, more digits), which
 * is left to g_ascii_strtod(). */
static const char *
read_plain_decimal (const char *p,
                    double     *value)
{
  const char *end = opora_number_read_plain (p, FALSE, value);

  return end == NULL || g_ascii_isalnum (*end) || *end == '.' ? NULL : end;
}

/* A number, bare or inside quotes; returns what follows it, or NULL. */
static const char *
read_number (const char *p,
             double     *value)
{
  gboolean quoted = *p == '"';
  const char *end;

  if (quoted)
    p++;
  if (!(end = read_plain_decimal (p, value)))
    *value = g_ascii_strtod (p, (char **) &end);
  if (end == p || !isfinite (*value) || (quoted && *end != '"'))
    return NULL;
  return quoted ? end + 1 : end;
}

/* A number left unread: what follows it, or NULL. */
static const char *
skip_number (const char *p)
{
  const char *start = p;

  if (*p == '"')
    {
      const char *end = strchr (p + 1, '"');
      return end != NULL && end > p + 1 ? end + 1 : NULL;
    }
  while (*p != '\0' && *p != ',' && *p != '}' && !g_ascii_isspace (*p))
    p++;
  return p > start ? p : NULL;
}

/* An indicator id: 1 to 18 digits (g_ascii_strtoll() took a fifth of an
 * export's pass over the ids). Returns what follows, or NULL. */
static char *
read_id (const char *p,
         gint64     *id)
{
  const char *start = p;

  *id = 0;
  for (; g_ascii_isdigit (*p) && p - start < 18; p++)
    *id = *id * 10 + (*p - '0');
  return p > start && !g_ascii_isdigit (*p) ? (char *) p : NULL;
}

/* The pairs of @json, their values read when @read_values, else NAN. */
static gboolean
unpack (const char *json,
        GArray     *values,
        gboolean    read_values)
{
  const char *p = skip_space (json);

  if (*p++ != '{')
    return FALSE;
  p = skip_space (p);
  if (*p == '}')
    return *skip_space (p + 1) == '\0';
  for (;;)
    {
      OporaPackedValue pair = { 0, NAN };
      char *end;

      if (*p++ != '"' || !(end = read_id (p, &pair.indicator_id)) || *end != '"')
        return FALSE;
      p = skip_space (end + 1);
      if (*p++ != ':')
        return FALSE;
      p = skip_space (p);
      if (!(p = read_values ? read_number (p, &pair.value) : skip_number (p)))
        return FALSE;
      g_array_append_val (values, pair);
      p = skip_space (p);
      if (*p == '}')
        return *skip_space (p + 1) == '\0';
      if (*p++ != ',')
        return FALSE;
      p = skip_space (p);
    }
}

/**
 * opora_values_unpack:
 * @json: a packed row, `{"12":"71.5","40":"3"}` as `school_year_value.vals` holds
 * @values: (element-type OporaPackedValue): where the pairs are appended
 *
 * Reads a packed row without a general JSON parser: an object whose keys
 * are indicator ids and whose values are numbers, written as JSON strings
 * (or bare JSON numbers), always with a decimal point.
 *
 * Returns: %FALSE when @json is not of that shape (@values may then hold
 *   the pairs read before the fault)
 */
gboolean
opora_values_unpack (const char *json,
                     GArray     *values)
{
  return unpack (json, values, TRUE);
}

/**
 * opora_values_unpack_ids:
 * @json: a packed row
 * @values: (element-type OporaPackedValue): where the pairs are appended,
 *   each value NAN
 *
 * As opora_values_unpack(), but only the indicator ids are read (the
 * values are passed over unread, several times faster).
 *
 * Returns: %FALSE when @json is not of that shape
 */
gboolean
opora_values_unpack_ids (const char *json,
                         GArray     *values)
{
  return unpack (json, values, FALSE);
}

/**
 * opora_value_writer_new:
 * @db: a workspace open for writing, inside a transaction
 * @batch_id: the import batch the values come from, or 0
 *
 * Values are gathered per school and year and written as one packed row
 * (`school_year_value`) each; call opora_value_writer_flush() at the end.
 * With a @batch_id, each row that existed is remembered as it was before
 * the batch first changed it (`import_undo`); rows the batch creates carry
 * its id and no memory. Together they let the batch be undone.
 *
 * Returns: (transfer full) (nullable): the writer
 */
OporaValueWriter *
opora_value_writer_new (OporaDb  *db,
                        gint64    batch_id,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) upsert = opora_db_prepare (db,
    "INSERT INTO school_year_value (school_id, year, vals, batch_id) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (school_id, year) DO UPDATE SET vals = json_patch (vals, excluded.vals),"
    " batch_id = excluded.batch_id", error);
  g_autoptr(sqlite3_stmt) remember = NULL;
  OporaValueWriter *writer;

  if (upsert == NULL)
    return NULL;
  if (batch_id != 0 &&
      !(remember = opora_db_prepare (db,
          "INSERT OR IGNORE INTO import_undo (batch_id, school_id, year, old_vals, old_batch_id)"
          " SELECT ?1, school_id, year, vals, batch_id FROM school_year_value WHERE school_id = ?2 AND year = ?3",
          error)))
    return NULL;

  writer = g_new0 (OporaValueWriter, 1);
  writer->db = db;
  writer->upsert = g_steal_pointer (&upsert);
  writer->insert = opora_db_prepare (db,
    "INSERT INTO school_year_value (school_id, year, vals, batch_id) VALUES (?1, ?2, ?3, ?4)", NULL);
  writer->remember = g_steal_pointer (&remember);
  writer->batch_id = batch_id;
  writer->json = g_string_new (NULL);
  writer->seen_size = 64;
  writer->seen = g_new (gint64, writer->seen_size);
  writer->is_seen = g_byte_array_new ();
  writer->written = g_byte_array_new ();
  return writer;
}

/* "00" to "99", for writing numbers two digits at a time. */
static const char digit_pairs[201] =
  "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
  "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

static const guint64 powers_of_ten[20] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
  G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
};

/* Writes @n in decimal at @out, with leading zeros up to @min_digits;
 * returns the length (at most 20). */
static gsize
format_digits (char    *out,
               guint64  n,
               int      min_digits)
{
  int len = 1;
  char *p;

  while (len < 20 && n >= powers_of_ten[len])
    len++;
  len = MAX (len, min_digits);
  p = out + len;
  for (; n >= 100; n /= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (n % 100), 2);
    }
  if (n >= 10)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * n, 2);
    }
  else
    *--p = '0' + n;
  while (p > out)
    *--p = '0';
  return len;
}

/* Writes at @out (G_ASCII_DTOSTR_BUF_SIZE bytes) a text that reads back
 * as exactly the same double: the fewest digits for decimals of up to six
 * places below 4·10⁹ (71.5 → "71.5"), else 15 significant digits or, when
 * those are not enough, 17 (0.1 + 0.2 → "0.30000000000000004"); returns
 * its length. */
static gsize
format_number (char   *out,
               double  value)
{
  double scaled_value = value * 1e6;
  gint64 scaled;

  /* Most values have a few decimals: print those exactly without printf.
   * Below 2^32 the doubles lie closer than 10^-6, so at most one number
   * of six decimals reads as @value, and its digits are the shortest.
   * Rounding half away from zero by hand (llround is a library call); a
   * wrong neighbour would fail the exactness test, never print. */
  if (fabs (value) < 4e9 &&
      (double) (scaled = (gint64) (scaled_value + (scaled_value < 0 ? -0.5 : 0.5))) / 1e6 == value)
    {
      guint64 magnitude = scaled < 0 ? -(guint64) scaled : (guint64) scaled;
      guint32 fraction = magnitude % 1000000;
      gsize n = 0;

      if (scaled < 0)
        out[n++] = '-';
      n += format_digits (out + n, magnitude / 1000000, 1);
      if (fraction == 0)
        return n;
      out[n++] = '.';
      memcpy (out + n, digit_pairs + 2 * (fraction / 10000), 2);
      memcpy (out + n + 2, digit_pairs + 2 * (fraction / 100 % 100), 2);
      memcpy (out + n + 4, digit_pairs + 2 * (fraction % 100), 2);
      n += 6;
      while (out[n - 1] == '0')
        n--;
      return n;
    }

  g_ascii_formatd (out, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
  if (g_ascii_strtod (out, NULL) != value)
    g_ascii_formatd (out, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", value);
  return strlen (out);
}

static gboolean
bind_row (sqlite3_stmt *stmt,
          gint64        batch_id,
          gint64        school_id,
          int           year)
{
  return sqlite3_bind_int64 (stmt, 1, batch_id) == SQLITE_OK &&
         sqlite3_bind_int64 (stmt, 2, school_id) == SQLITE_OK &&
         sqlite3_bind_int (stmt, 3, year) == SQLITE_OK;
}

/* Forgets the indicators marked since @since (an earlier length of seen). */
static void
unmark_since (OporaValueWriter *writer,
              guint             since)
{
  for (guint i = since; i < writer->n_seen; i++)
    if (writer->seen[i] < MARKED_IDS)
      writer->is_seen->data[writer->seen[i]] = 0;
  writer->n_seen = since;
}

/* The bit of the gathered row of a new school in written; FALSE for a
 * year the table refuses anyway. */
static gboolean
written_bit (OporaValueWriter *writer,
             guint64          *bit)
{
  if (writer->year < 1990 || writer->year >= 1990 + 128)
    return FALSE;
  *bit = (guint64) (writer->school_id - writer->new_from) * 128 + (guint64) (writer->year - 1990);
  return TRUE;
}

static gboolean
already_written (OporaValueWriter *writer)
{
  guint64 bit;

  return written_bit (writer, &bit) && bit / 8 < writer->written->len &&
         (writer->written->data[bit / 8] >> (bit % 8)) & 1;
}

static void
mark_written (OporaValueWriter *writer)
{
  guint64 bit;

  if (!written_bit (writer, &bit))
    return;
  if (bit / 8 >= writer->written->len)
    {
      guint old = writer->written->len;
      g_byte_array_set_size (writer->written, MAX (bit / 8 + 1, 2 * old));
      memset (writer->written->data + old, 0, writer->written->len - old);
    }
  writer->written->data[bit / 8] |= 1 << (bit % 8);
}

/**
 * opora_value_writer_flush:
 * @writer: a writer
 *
 * Writes the values gathered so far. On error nothing of the current row
 * was written (the caller's transaction decides about earlier rows).
 *
 * Returns: %TRUE on success
 */
gboolean
opora_value_writer_flush (OporaValueWriter  *writer,
                          GError           **error)
{
  /* A school the batch added had no row before it, so nothing to remember
   * (undoing the batch removes the school). Its row may exist all the same
   * when this writer wrote it earlier (a long table names a school-year
   * again after others): only a row it has not written since is plainly
   * inserted. */
  gboolean new_school = writer->new_from != 0 && writer->school_id >= writer->new_from;
  gboolean fresh = new_school && !already_written (writer);
  sqlite3_stmt *up = fresh && writer->insert != NULL ? writer->insert : writer->upsert;
  gboolean ok;

  if (writer->json->len == 0)
    return TRUE;
  g_string_append_c (writer->json, '}');

  if (writer->remember != NULL && !new_school &&
      (!bind_row (writer->remember, writer->batch_id, writer->school_id, writer->year) ||
       !opora_db_step_done (writer->db, writer->remember, error)))
    return FALSE;

  ok = sqlite3_bind_int64 (up, 1, writer->school_id) == SQLITE_OK &&
       sqlite3_bind_int (up, 2, writer->year) == SQLITE_OK &&
       sqlite3_bind_text (up, 3, writer->json->str, writer->json->len, SQLITE_STATIC) == SQLITE_OK &&
       (writer->batch_id ? sqlite3_bind_int64 (up, 4, writer->batch_id) : sqlite3_bind_null (up, 4)) == SQLITE_OK;
  ok = ok ? opora_db_step_done (writer->db, up, error)
          : opora_error_set_from_sqlite (error, opora_db_get_handle (writer->db), _("Saving the values"));
  if (ok && new_school)
    mark_written (writer);
  g_string_truncate (writer->json, 0);
  unmark_since (writer, 0);
  return ok;
}

static gboolean
already_set (OporaValueWriter *writer,
             gint64            indicator_id)
{
  if (indicator_id >= MARKED_IDS)
    {
      for (guint i = 0; i < writer->n_seen; i++)
        if (writer->seen[i] == indicator_id)
          return TRUE;
      return FALSE;
    }
  return (guint64) indicator_id < writer->is_seen->len && writer->is_seen->data[indicator_id];
}

static void
mark_set (OporaValueWriter *writer,
          gint64            indicator_id)
{
  if (writer->n_seen == writer->seen_size)
    writer->seen = g_renew (gint64, writer->seen, writer->seen_size *= 2);
  writer->seen[writer->n_seen++] = indicator_id;
  if (indicator_id >= MARKED_IDS)
    return;
  if ((guint64) indicator_id >= writer->is_seen->len)
    {
      guint old = writer->is_seen->len;
      g_byte_array_set_size (writer->is_seen, MAX (indicator_id + 1, 2 * old));
      memset (writer->is_seen->data + old, 0, writer->is_seen->len - old);
    }
  writer->is_seen->data[indicator_id] = 1;
}

/**
 * opora_value_writer_set_new_schools:
 * @writer: a writer of an import batch
 * @first_id: the first id of the schools the batch added (ids run on from it)
 *
 * Rows of schools the batch itself added cannot have existed before it,
 * so the writer need not look for them to remember.
 */
void
opora_value_writer_set_new_schools (OporaValueWriter *writer,
                                    gint64            first_id)
{
  g_return_if_fail (writer != NULL);
  writer->new_from = first_id;
}

/* The longest member text: "id":"value". */
#define MEMBER_MAX (1 + 20 + 3 + G_ASCII_DTOSTR_BUF_SIZE + 1)
G_STATIC_ASSERT (OPORA_VALUES_PACKED_MAX >= 1 + MEMBER_MAX);

/* Writes the member "12":"71.5" at @out (MEMBER_MAX bytes); returns its length. */
static gsize
format_member (char   *out,
               gint64  indicator_id,
               double  value)
{
  gsize n = 0;

  out[n++] = '"';
  n += format_digits (out + n, indicator_id, 1);
  memcpy (out + n, "\":\"", 3);
  n += 3;
  n += format_number (out + n, value);
  out[n++] = '"';
  return n;
}

/**
 * opora_values_pack:
 * @out: room for @n × %OPORA_VALUES_PACKED_MAX bytes
 * @values: (array length=n): values of distinct indicators (finite)
 * @n: how many
 *
 * Writes the members of a packed row for @values, separated by commas and
 * without the braces or a final NUL: `"12":"71.5","13":"2"`. Another
 * thread than the writer's may pack them for
 * opora_value_writer_set_packed().
 *
 * Returns: the length written
 */
gsize
opora_values_pack (char                   *out,
                   const OporaPackedValue *values,
                   guint                   n)
{
  gsize len = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        out[len++] = ',';
      len += format_member (out + len, values[i].indicator_id, values[i].value);
    }
  return len;
}

/* Starts a new row when @school_id and @year are not the gathered row's. */
static gboolean
begin_row (OporaValueWriter  *writer,
           gint64             school_id,
           int                year,
           GError           **error)
{
  if (writer->json->len > 0 && (school_id != writer->school_id || year != writer->year) &&
      !opora_value_writer_flush (writer, error))
    return FALSE;
  writer->school_id = school_id;
  writer->year = year;
  return TRUE;
}

/**
 * opora_value_writer_set:
 * @writer: a writer
 * @school_id: a school
 * @indicator_id: an indicator
 * @year: the exam year
 * @value: the value (finite)
 *
 * Gathers one value; it replaces the one stored for the same school,
 * indicator and year once written. Setting values school by school and
 * year by year writes fewest rows.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_value_writer_set (OporaValueWriter  *writer,
                        gint64             school_id,
                        gint64             indicator_id,
                        int                year,
                        double             value,
                        GError           **error)
{
  char piece[1 + MEMBER_MAX];
  gsize n = 0;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (isfinite (value), FALSE);
  g_return_val_if_fail (indicator_id > 0, FALSE);

  if (!begin_row (writer, school_id, year, error) ||
      (already_set (writer, indicator_id) && !opora_value_writer_flush (writer, error)))
    return FALSE;
  /* ,"12":"71.5" — put together here and appended at once. */
  piece[n++] = writer->json->len == 0 ? '{' : ',';
  n += format_member (piece + n, indicator_id, value);
  g_string_append_len (writer->json, piece, n);
  mark_set (writer, indicator_id);
  return TRUE;
}

/**
 * opora_value_writer_set_packed:
 * @writer: a writer
 * @school_id: a school
 * @year: the exam year
 * @values: (array length=n): the values of one school and year
 * @n: how many
 * @members: opora_values_pack()'s text for @values
 * @members_len: its length
 *
 * Does what opora_value_writer_set() does for each of @values in turn,
 * but takes their text as it was packed, perhaps on another thread.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_value_writer_set_packed (OporaValueWriter        *writer,
                               gint64                   school_id,
                               int                      year,
                               const OporaPackedValue  *values,
                               guint                    n,
                               const char              *members,
                               gsize                    members_len,
                               GError                 **error)
{
  guint marked, i;

  g_return_val_if_fail (writer != NULL, FALSE);

  if (n == 0)
    return TRUE;
  if (!begin_row (writer, school_id, year, error))
    return FALSE;
  marked = writer->n_seen;
  for (i = 0; i < n && !already_set (writer, values[i].indicator_id); i++)
    mark_set (writer, values[i].indicator_id);
  if (i < n)
    {
      /* An indicator twice: one at a time, so the later value wins. */
      unmark_since (writer, marked);
      for (i = 0; i < n; i++)
        if (!opora_value_writer_set (writer, school_id, values[i].indicator_id, year, values[i].value, error))
          return FALSE;
      return TRUE;
    }
  g_string_append_c (writer->json, writer->json->len == 0 ? '{' : ',');
  g_string_append_len (writer->json, members, members_len);
  return TRUE;
}

/**
 * opora_value_writer_free:
 * @writer: (nullable): a writer
 *
 * Frees @writer; values not flushed are dropped.
 */
void
opora_value_writer_free (OporaValueWriter *writer)
{
  if (writer == NULL)
    return;
  sqlite3_finalize (writer->upsert);
  sqlite3_finalize (writer->insert);
  sqlite3_finalize (writer->remember);
  g_string_free (writer->json, TRUE);
  g_free (writer->seen);
  g_byte_array_unref (writer->is_seen);
  g_byte_array_unref (writer->written);
  g_free (writer);
}
