/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks a file's rows against the workspace without writing, then commits them in one batch. */

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <nettle/sha2.h>
#include <string.h>

#include "opora-backup.h"
#include "opora-column-match.h"
#include "opora-db.h"
#include "opora-error.h"
#include "opora-import.h"
#include "opora-indicator.h"
#include "opora-number.h"
#include "opora-school.h"
#include "opora-values.h"

#define NO_POSITION G_MAXUINT32

typedef struct {
  guint            index;
  int              year;       /* 0: from a year column */
  OporaLayout     *layout;
  OporaIndicator **indicator;  /* per column: the indicator it holds, or NULL */
  /* The columns of the layout's targets, or -1, found once per check. */
  gint             code_col;
  gint             name_col;
  gint             municipality_col;
  gint             year_col;
  gint             indicator_name_col;  /* long tables */
  gint             value_col;           /* long tables */
} ImportSheet;

/* One school-year the import writes: values [first, first + n) of values. */
typedef struct {
  gint64 school_id;   /* an existing school, or 0 */
  guint  new_school;  /* else 1 + its index in new_schools */
  int    year;
  guint  first;
  guint  n;
} PlanRow;

struct _OporaImport
{
  OporaDb           *db;
  OporaReader       *reader;
  char              *sha256;
  gint64             earlier_batch;
  GPtrArray         *sheets;          /* ImportSheet */
  GPtrArray         *indicators;      /* OporaIndicator */
  GStringChunk      *strings;         /* the texts of new schools, decisions and by_code's keys */
  GHashTable        *by_code;         /* code → id (existing) or -(1 + new index), as a gintptr */
  GHashTable        *by_name;         /* name key → same; 0 when several schools share it */
  GPtrArray         *new_schools;     /* OporaSchool */
  guint              n_existing;      /* schools the workspace had */
  guint              n_name_indexed;  /* new schools already in by_name */
  GHashTable        *seen;            /* (school, year, indicator) packed in a gint64 → source row + 1 */
  GHashTable        *long_names;      /* long tables: indicator text → OporaIndicator or NULL */
  GHashTable        *overrides;       /* decision key → gint64 school id, 0 = add as new */
  GPtrArray         *decisions;       /* OporaSchoolDecision */
  GHashTable        *decided;         /* decision key → its OporaSchoolDecision */
  GArray            *rows;            /* PlanRow */
  GPtrArray         *value_blocks;    /* OporaPackedValue[VALUES_PER_BLOCK] each */
  guint              n_values;
  GPtrArray         *problems;        /* OporaProblem */
  OporaImportCounts  counts;
  sqlite3_stmt      *stored;
  guint              extra_problems;  /* past OPORA_IMPORT_MAX_PROBLEMS */
  GAsyncQueue       *sink;            /* check and commit at once: planned rows go to the writer thread */
  GAsyncQueue       *emptied;         /* buffers the writer is done with, for the check to fill again */
  GByteArray        *outbox;          /* messages gathered for the next push to sink, one after another */
  guint              n_outbox;        /* how many */
  guint              n_buffers;       /* buffers made, in the queues or filling */
};

/* The planned values live in fixed blocks, so millions of them are never
 * copied by a growing array (each copy also touching fresh pages). */
#define VALUES_PER_BLOCK 65536u

static void
append_value (OporaImport            *import,
              const OporaPackedValue *value)
{
  guint offset = import->n_values % VALUES_PER_BLOCK;

  if (import->n_values / VALUES_PER_BLOCK == import->value_blocks->len)
    g_ptr_array_add (import->value_blocks, g_new (OporaPackedValue, VALUES_PER_BLOCK));
  ((OporaPackedValue *) import->value_blocks->pdata[import->n_values / VALUES_PER_BLOCK])[offset] = *value;
  import->n_values++;
}

static OporaPackedValue *
value_at (OporaImport *import,
          guint        index)
{
  return &((OporaPackedValue *) import->value_blocks->pdata[index / VALUES_PER_BLOCK])[index % VALUES_PER_BLOCK];
}

/* Checking and committing at once: the check sends each new school and
 * each planned row, in file order, to a writer thread that holds the
 * transaction. Values are copied into the message, so the two threads
 * share nothing but the queue; the check also packs their text, which
 * leaves the writer little but SQLite's work. */
typedef struct {
  OporaSchool      *school;       /* a new school to add, or the row's new school */
  gint64            school_id;    /* the row's existing school, or 0 */
  int               year;         /* 0 for a school message */
  guint             n;
  gsize             members_len;  /* the packed text after the values */
  OporaPackedValue  values[];
} Message;

static gsize
message_size (guint n_values,
              gsize members_len)
{
  return sizeof (Message) + n_values * sizeof (OporaPackedValue) + (members_len + 7) / 8 * 8;
}

static const char *
message_members (const Message *m)
{
  return (const char *) (m->values + m->n);
}

/* Messages travel in batches, laid end to end in one buffer: one lock
 * and one allocation per 512 rows, not per row. */
#define MESSAGES_PER_PUSH 512

static void
send_pending (OporaImport *import)
{
  if (import->outbox != NULL && import->outbox->len > 0)
    g_async_queue_push (import->sink, g_steal_pointer (&import->outbox));
  import->n_outbox = 0;
}

/* At most this many batches wait for the writer (about 8,000 rows), so a
 * slow disk holds the check back instead of filling memory. */
#define BUFFERS_IN_FLIGHT 16

/* Room for a message of @n_values at the end of the outbox. */
static Message *
new_message (OporaImport *import,
             guint        n_values,
             gsize        members_len)
{
  gsize offset;

  /* Reusing the writer's emptied buffers spares the kernel clearing
   * fresh pages for each batch (a tenth of the check's time). */
  if (import->outbox == NULL && !(import->outbox = g_async_queue_try_pop (import->emptied)))
    {
      if (import->n_buffers < BUFFERS_IN_FLIGHT)
        {
          import->outbox = g_byte_array_sized_new (MESSAGES_PER_PUSH * message_size (MAX (n_values, 64), 1024));
          import->n_buffers++;
        }
      else
        import->outbox = g_async_queue_pop (import->emptied);
    }
  offset = import->outbox->len;
  g_byte_array_set_size (import->outbox, offset + message_size (n_values, members_len));
  return (Message *) (import->outbox->data + offset);
}

static void
sent (OporaImport *import)
{
  if (++import->n_outbox >= MESSAGES_PER_PUSH)
    send_pending (import);
}

static void
send_school (OporaImport *import,
             OporaSchool *school)
{
  Message *m = new_message (import, 0, 0);

  memset (m, 0, sizeof *m);
  m->school = school;
  sent (import);
}

static void
send_row (OporaImport   *import,
          const PlanRow *row)
{
  /* Room for the longest text, then only what the packed text takes. */
  Message *m = new_message (import, row->n, row->n * OPORA_VALUES_PACKED_MAX);
  gsize offset = (guint8 *) m - import->outbox->data;

  m->school = row->new_school ? import->new_schools->pdata[row->new_school - 1] : NULL;
  m->school_id = row->school_id;
  m->year = row->year;
  m->n = row->n;
  /* A row's values are consecutive, in one block or across two. */
  for (guint v = 0; v < row->n; v++)
    m->values[v] = *value_at (import, row->first + v);
  m->members_len = opora_values_pack ((char *) message_members (m), m->values, m->n);
  g_byte_array_set_size (import->outbox, offset + message_size (m->n, m->members_len));
  sent (import);
}

/* What the row callback needs while a sheet streams by. */
typedef struct {
  OporaImport       *import;
  ImportSheet       *sheet;
  const char        *sheet_name;
  char              *municipality;   /* written once above its group of schools */
  GPtrArray         *by_col;         /* the current row's cells by column */
  GArray            *stored;         /* OporaPackedValue of the current school-year */
  GCancellable      *cancellable;
  OporaProgressFunc  progress;
  gpointer           user_data;
} RowContext;

void
opora_problem_free (OporaProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->sheet);
  g_free (problem->cell_text);
  g_free (problem->message);
  g_free (problem);
}

/* A decision's texts are in the import's strings. */
static void
school_decision_free (OporaSchoolDecision *decision)
{
  g_clear_pointer (&decision->candidates, g_ptr_array_unref);
  g_free (decision);
}

static void
import_sheet_free (ImportSheet *sheet)
{
  opora_layout_free (sheet->layout);
  g_free (sheet->indicator);
  g_free (sheet);
}

/* Past OPORA_IMPORT_MAX_PROBLEMS problems are only counted: their
 * messages need not be made. */
static gboolean
problems_full (OporaImport *import)
{
  return import->problems->len >= OPORA_IMPORT_MAX_PROBLEMS;
}

static void
add_problem (OporaImport   *import,
             const char    *sheet,
             guint32        row,
             guint32        col,
             OporaSeverity  severity,
             const char    *cell_text,
             char          *message)
{
  OporaProblem *problem;

  if (severity == OPORA_SEVERITY_ERROR)
    import->counts.errors++;
  else
    import->counts.warnings++;
  if (problems_full (import))
    {
      import->extra_problems++;
      g_free (message);
      return;
    }
  problem = g_new0 (OporaProblem, 1);
  problem->sheet = g_strdup (sheet);
  problem->row = row;
  problem->col = col;
  problem->severity = severity;
  problem->cell_text = g_strdup (cell_text);
  problem->message = message;
  g_ptr_array_add (import->problems, problem);
}

/* Nettle's SHA-256 uses the CPU's SHA instructions where it has them:
 * 32 MB in 0.02 s, where GChecksum's plain C takes 0.06 s. */
static gboolean
file_sha256 (const char  *path,
             char       **sha256,
             GError     **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  struct sha256_ctx context;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex;

  if (file == NULL)
    return FALSE;
  sha256_init (&context);
  sha256_update (&context, g_mapped_file_get_length (file), (const guint8 *) g_mapped_file_get_contents (file));
  sha256_digest (&context, sizeof digest, digest);
  *sha256 = hex = g_new (char, 2 * sizeof digest + 1);
  for (gsize i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return TRUE;
}

static gint64
find_earlier_batch (OporaDb    *db,
                    const char *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT id FROM import_batch WHERE sha256 = ? AND undone = 0 ORDER BY id DESC LIMIT 1", NULL);

  if (stmt == NULL || sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static void
index_name (OporaImport *import,
            OporaSchool *school,
            gint64       ref)
{
  g_autofree char *key = opora_school_name_key (school->name);

  if (*key == '\0')
    return;
  if (g_hash_table_contains (import->by_name, key))
    ref = 0;
  g_hash_table_insert (import->by_name, g_steal_pointer (&key), g_memdup2 (&ref, sizeof ref));
}

G_STATIC_ASSERT (sizeof (gintptr) >= sizeof (gint64));

/* A school's ref (never 0) by its code (a text in strings), held in the
 * table's value pointer. */
static void
index_code (OporaImport *import,
            char        *code,
            gint64       ref)
{
  g_hash_table_insert (import->by_code, code, (gpointer) (gintptr) ref);
}

static gint64
lookup_code (OporaImport *import,
             const char  *code)
{
  return (gint64) (gintptr) g_hash_table_lookup (import->by_code, code);
}

static void
index_school (OporaImport *import,
              OporaSchool *school,
              gint64       ref)
{
  index_code (import, g_string_chunk_insert (import->strings, school->code), ref);
  index_name (import, school, ref);
}

/* New schools join the name index only when a row without a code needs
 * it: folding 40,000 new names would cost a nation-sized import 0.1 s. */
static void
index_new_names (OporaImport *import)
{
  for (; import->n_name_indexed < import->new_schools->len; import->n_name_indexed++)
    index_name (import, import->new_schools->pdata[import->n_name_indexed],
                -(gint64) (import->n_name_indexed + 1));
}

/* The packed (school, year, indicator) keys are held in the pointer
 * itself, so the table allocates nothing per key; g_direct_hash would
 * drop the high half, a multiplicative hash spreads them. */
G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (guint64));

static guint
packed_key_hash (gconstpointer key)
{
  return (guint) (((guint64) GPOINTER_TO_SIZE (key) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

static gboolean
index_schools (OporaImport  *import,
               GError      **error)
{
  g_autoptr(GPtrArray) schools = opora_school_list (import->db, error);

  if (schools == NULL)
    return FALSE;
  for (guint i = 0; i < schools->len; i++)
    index_school (import, schools->pdata[i], ((OporaSchool *) schools->pdata[i])->id);
  import->n_existing = schools->len;
  return TRUE;
}

/**
 * opora_import_new:
 * @db: the workspace
 * @reader: the open file; it must outlive the import
 *
 * Starts an import: reads the file's checksum (see
 * opora_import_get_earlier_batch()) and what the workspace holds. Nothing
 * is written until opora_import_commit().
 *
 * Returns: (transfer full) (nullable): the import, or %NULL with @error set
 */
OporaImport *
opora_import_new (OporaDb      *db,
                  OporaReader  *reader,
                  GError      **error)
{
  g_autoptr(OporaImport) import = g_new0 (OporaImport, 1);

  import->db = db;
  import->reader = reader;
  import->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) import_sheet_free);
  import->strings = g_string_chunk_new (64 * 1024);
  import->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  import->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* New schools' texts are in strings. */
  import->new_schools = g_ptr_array_new_with_free_func (g_free);
  import->seen = g_hash_table_new (packed_key_hash, g_direct_equal);
  import->long_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) school_decision_free);
  import->decided = g_hash_table_new (g_str_hash, g_str_equal);
  import->rows = g_array_new (FALSE, FALSE, sizeof (PlanRow));
  import->value_blocks = g_ptr_array_new_with_free_func (g_free);
  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_problem_free);

  if (!file_sha256 (opora_reader_get_path (reader), &import->sha256, error) ||
      !(import->indicators = opora_indicator_list (db, error)) ||
      !index_schools (import, error) ||
      !(import->stored = opora_db_prepare (db,
          "SELECT vals FROM school_year_value WHERE school_id = ? AND year = ?", error)))
    return NULL;
  import->earlier_batch = find_earlier_batch (db, import->sha256);
  return g_steal_pointer (&import);
}

void
opora_import_free (OporaImport *import)
{
  if (import == NULL)
    return;
  g_free (import->sha256);
  g_clear_pointer (&import->sheets, g_ptr_array_unref);
  g_clear_pointer (&import->indicators, g_ptr_array_unref);
  g_clear_pointer (&import->by_code, g_hash_table_unref);
  g_clear_pointer (&import->by_name, g_hash_table_unref);
  g_clear_pointer (&import->new_schools, g_ptr_array_unref);
  g_clear_pointer (&import->seen, g_hash_table_unref);
  g_clear_pointer (&import->long_names, g_hash_table_unref);
  g_clear_pointer (&import->overrides, g_hash_table_unref);
  g_clear_pointer (&import->decided, g_hash_table_unref);
  g_clear_pointer (&import->decisions, g_ptr_array_unref);
  g_clear_pointer (&import->rows, g_array_unref);
  g_clear_pointer (&import->value_blocks, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_clear_pointer (&import->strings, g_string_chunk_free);
  g_clear_pointer (&import->stored, sqlite3_finalize);
  g_free (import);
}

/**
 * opora_import_add_sheet:
 * @import: an import
 * @sheet: the reader's sheet index
 * @layout: (transfer full): the sheet's header and column mapping
 * @year: the exam year of every row, or 0 when a column gives it
 *
 * Adds a sheet to import; call before opora_import_check().
 */
void
opora_import_add_sheet (OporaImport *import,
                        guint        sheet,
                        OporaLayout *layout,
                        int          year)
{
  ImportSheet *s = g_new0 (ImportSheet, 1);

  s->index = sheet;
  s->layout = layout;
  s->year = year;
  g_ptr_array_add (import->sheets, s);
}

static const OporaCell *
cell_at (RowContext *ctx,
         gint        col)
{
  return col >= 0 && (guint) col < ctx->by_col->len ? ctx->by_col->pdata[col] : NULL;
}

/* A cell as text: text as is, whole numbers without a point (a code typed
 * as a number), other numbers as %.15g. */
static char *
cell_text (const OporaCell *cell)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (cell == NULL)
    return NULL;
  if (cell->text != NULL)
    return g_strstrip (g_strdup (cell->text));
  if (cell->number == floor (cell->number) && fabs (cell->number) < 1e15)
    return g_strdup_printf ("%.0f", cell->number);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", cell->number));
}

/* A cell as cell_text() gives it, without a copy when the cell holds text
 * with nothing to trim (most cells): the result lives as long as the cell,
 * or is *@owned, which the caller frees. */
static const char *
cell_string (const OporaCell  *cell,
             char            **owned)
{
  gsize len;

  if (cell != NULL && cell->text != NULL && (len = strlen (cell->text)) > 0 &&
      !g_ascii_isspace (cell->text[0]) && !g_ascii_isspace (cell->text[len - 1]))
    return cell->text;
  return *owned = cell_text (cell);
}

static const char *total_prefixes[] = {
  "итого", "итог", "всего", "среднее", "средний", "в среднем", "по району", "по муниципал",
  "по округу", "по городу", "по области", "по краю", "по республике", "по мо", "по рф",
  "по россии", "total", "average", "mean", NULL,
};

/* Whether a cell may start a total row's label: a letter that some prefix
 * starts with, in either case. Saves folding every school's name. */
static gboolean
may_be_total (const char *text)
{
  static gunichar initials[G_N_ELEMENTS (total_prefixes)];
  static gsize found = 0;
  gunichar c;

  if (g_once_init_enter (&found))
    {
      for (guint t = 0; total_prefixes[t] != NULL; t++)
        initials[t] = g_utf8_get_char (total_prefixes[t]);
      g_once_init_leave (&found, 1);
    }
  if (text == NULL || *text == '\0')
    return FALSE;
  c = g_unichar_tolower (g_utf8_get_char (text));
  for (guint t = 0; initials[t] != 0; t++)
    if (initials[t] == c)
      return TRUE;
  return FALSE;
}

static gboolean
is_total_row (const char *code,
              const char *name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!may_be_total (code) && !may_be_total (name))
    return FALSE;
  a = opora_header_normalise (code);
  b = opora_header_normalise (name);

  for (guint t = 0; total_prefixes[t] != NULL; t++)
    if (g_str_has_prefix (a, total_prefixes[t]) || g_str_has_prefix (b, total_prefixes[t]))
      return TRUE;
  return FALSE;
}

static guint32
col_or_none (gint col)
{
  return col >= 0 ? (guint32) col : NO_POSITION;
}

static void
row_problem (RowContext    *ctx,
             guint32        row,
             gint           col,
             OporaSeverity  severity,
             const char    *cell_text,
             char          *message)
{
  add_problem (ctx->import, ctx->sheet_name, row, col_or_none (col), severity, cell_text, message);
}

static int
row_year (RowContext *ctx,
          guint32     row)
{
  gint col = ctx->sheet->year_col;
  g_autofree char *owned = NULL;
  const char *text = cell_string (cell_at (ctx, col), &owned);
  int year = text != NULL ? opora_year_from_text (text) : ctx->sheet->year;

  if (year == 0)
    row_problem (ctx, row, col, OPORA_SEVERITY_ERROR, text,
                 g_strdup (_("No year for this row: set the year of the sheet or map a year column. "
                             "The row is not imported.")));
  return year;
}

/* An existing school (> 0), a new one (< 0: -(1 + index)), or 0 when the
 * row names a school ambiguously. */
static gint64
add_new_school (RowContext *ctx,
                const char *code,
                const char *name)
{
  OporaSchool *school = g_new0 (OporaSchool, 1);
  gint64 ref = -(gint64) (ctx->import->new_schools->len + 1);

  school->code = g_string_chunk_insert (ctx->import->strings, code);
  school->name = g_string_chunk_insert (ctx->import->strings, name != NULL ? name : code);
  school->municipality = ctx->municipality ? g_string_chunk_insert_const (ctx->import->strings, ctx->municipality) : NULL;
  g_ptr_array_add (ctx->import->new_schools, school);
  index_code (ctx->import, school->code, ref);
  if (ctx->import->sink != NULL)
    send_school (ctx->import, school);
  return ref;
}

static char *
generated_code (const char *name)
{
  g_autofree char *key = opora_school_name_key (name);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  return g_strdup_printf ("N-%.8s", hash);
}

static gint64
resolve_by_name (RowContext *ctx,
                 guint32     row,
                 const char *name,
                 gint        name_col)
{
  g_autofree char *key = opora_school_name_key (name);
  g_autofree char *code = NULL;
  gint64 *found;

  index_new_names (ctx->import);
  found = g_hash_table_lookup (ctx->import->by_name, key);
  if (found != NULL && *found == 0)
    {
      row_problem (ctx, row, name_col, OPORA_SEVERITY_ERROR, name,
                   g_strdup_printf (_("Several schools are called “%s”: add the school code to this row. "
                                      "The row is not imported."), name));
      return 0;
    }
  if (found != NULL && *found > 0)
    {
      row_problem (ctx, row, name_col, OPORA_SEVERITY_WARNING, name,
                   g_strdup (_("No school code: matched to the school of the same name. Check that it is the same school.")));
      return *found;
    }
  if (found != NULL)
    return *found;
  code = generated_code (name);
  row_problem (ctx, row, name_col, OPORA_SEVERITY_WARNING, name,
               g_strdup_printf (_("No school code and no school of this name: it will be added as a new school "
                                  "with the code %s. Change the code later if it has one."), code));
  return add_new_school (ctx, code, name);
}

/* The key a school goes by in a file: its code, else its name key. */
static char *
decision_key (const char *code,
              const char *name)
{
  g_autofree char *name_key = NULL;

  if (code != NULL)
    return g_strdup (code);
  name_key = opora_school_name_key (name);
  return g_strconcat ("name:", name_key, NULL);
}

static void
record_decision (RowContext *ctx,
                 guint32     row,
                 const char *key,
                 const char *code,
                 const char *name,
                 gint64      matched_id)
{
  OporaSchoolDecision *d;

  if (g_hash_table_contains (ctx->import->decided, key))
    return;
  d = g_new0 (OporaSchoolDecision, 1);
  d->key = g_string_chunk_insert (ctx->import->strings, key);
  d->code = code ? g_string_chunk_insert (ctx->import->strings, code) : NULL;
  d->name = g_string_chunk_insert (ctx->import->strings, name != NULL ? name : code);
  d->sheet = ctx->sheet_name ? g_string_chunk_insert_const (ctx->import->strings, ctx->sheet_name) : NULL;
  d->row = row;
  d->matched_id = matched_id;
  g_ptr_array_add (ctx->import->decisions, d);
  g_hash_table_insert (ctx->import->decided, d->key, d);
}

/* The user's decision for @key, applied before anything guessed. */
static gint64
resolve_by_decision (RowContext *ctx,
                     guint32     row,
                     const char *key,
                     const char *code,
                     const char *name,
                     gint64     *override)
{
  g_autofree char *generated = code == NULL ? generated_code (name) : NULL;
  gint64 found;

  if (*override > 0)
    {
      record_decision (ctx, row, key, code, name, *override);
      return *override;
    }
  /* Added as new, by the user's choice: once, however many rows name it
   * (and a code the workspace already has stays that school's). */
  if ((found = lookup_code (ctx->import, code != NULL ? code : generated)) != 0)
    return found;
  record_decision (ctx, row, key, code != NULL ? code : generated, name, 0);
  return add_new_school (ctx, code != NULL ? code : generated, name);
}

/* An existing school (not one this import adds) with the same name key. */
static gint64 *
same_name (RowContext *ctx,
           const char *name)
{
  g_autofree char *key = NULL;
  gint64 *found;

  if (ctx->import->n_existing == 0)
    return NULL;
  key = opora_school_name_key (name);
  found = g_hash_table_lookup (ctx->import->by_name, key);
  return found != NULL && *found > 0 ? found : NULL;
}

static gint64
resolve_school (RowContext *ctx,
                guint32     row,
                const char *code,
                const char *name)
{
  gint name_col = ctx->sheet->name_col;
  g_autofree char *key = NULL;
  gint64 *override = NULL;
  gint64 ref;

  /* A known code needs no key: most rows of a big file. */
  if (code != NULL && g_hash_table_size (ctx->import->overrides) == 0 && (ref = lookup_code (ctx->import, code)) != 0)
    return ref;
  key = decision_key (code, name);
  if ((override = g_hash_table_lookup (ctx->import->overrides, key)) != NULL)
    return resolve_by_decision (ctx, row, key, code, name, override);
  if (code == NULL)
    {
      ref = resolve_by_name (ctx, row, name, name_col);
      if (ref != 0)
        record_decision (ctx, row, key, ref > 0 ? NULL : ((OporaSchool *) ctx->import->new_schools->pdata[-ref - 1])->code,
                         name, MAX (ref, 0));
      return ref;
    }
  if ((ref = lookup_code (ctx->import, code)) != 0)
    return ref;
  record_decision (ctx, row, key, code, name, 0);
  if (name != NULL && same_name (ctx, name) != NULL)
    row_problem (ctx, row, ctx->sheet->code_col,
                 OPORA_SEVERITY_WARNING, code,
                 problems_full (ctx->import) ? NULL :
                 g_strdup_printf (_("New code, but a school of the same name is already in the workspace. "
                                    "It will be added as another school “%s”; if it is the same school, "
                                    "correct the code in the file."), name));
  else
    row_problem (ctx, row, ctx->sheet->code_col,
                 OPORA_SEVERITY_WARNING, code,
                 problems_full (ctx->import) ? NULL :
                 g_strdup_printf (_("New school “%s”: it will be added to the workspace."), name ? name : code));
  return add_new_school (ctx, code, name);
}

/* The slow path of cell_value(): a value that is missing, zero or out of
 * range, which becomes a problem (or is fine after all). */
static double
check_value (RowContext           *ctx,
             guint32               row,
             guint32               col,
             const OporaCell      *cell,
             const OporaIndicator *ind,
             double                value)
{
  g_autofree char *text = cell_text (cell);

  if (isnan (value))
    {
      row_problem (ctx, row, col, OPORA_SEVERITY_ERROR, text,
                   g_strdup_printf (_("Not a number, but %s needs one: the cell is not imported."),
                                    opora_indicator_get_name (ind)));
      return NAN;
    }
  if (value == 0 && (ind->unit == OPORA_UNIT_POINTS || ind->unit == OPORA_UNIT_MARK))
    {
      ctx->import->counts.values_missing++;
      row_problem (ctx, row, col, OPORA_SEVERITY_WARNING, text,
                   g_strdup (_("An average of 0 means nobody sat the exam: stored as missing, not as 0.")));
      return NAN;
    }
  if (value < ind->min_value || value > ind->max_value)
    {
      row_problem (ctx, row, col, OPORA_SEVERITY_ERROR, text,
                   g_strdup_printf (_("Outside the valid range of %s (%g to %g): the cell is not imported."),
                                    opora_indicator_get_name (ind), ind->min_value, ind->max_value));
      return NAN;
    }
  return value;
}

/* A value for @ind from a cell, or NaN when the cell is empty or wrong
 * (wrong cells become problems). */
static double
cell_value (RowContext           *ctx,
            guint32               row,
            guint32               col,
            const OporaCell      *cell,
            const OporaIndicator *ind)
{
  double value = NAN;

  if (cell->type == OPORA_CELL_NUMBER || cell->type == OPORA_CELL_BOOL)
    value = cell->number;
  else if (cell->type == OPORA_CELL_TEXT)
    {
      OporaNumberResult result = opora_number_parse (cell->text, &value);
      if (result == OPORA_NUMBER_MISSING)
        {
          ctx->import->counts.values_missing++;
          return NAN;
        }
      if (result == OPORA_NUMBER_INVALID)
        value = NAN;
    }
  if (isnan (value) || value == 0 || value < ind->min_value || value > ind->max_value)
    return check_value (ctx, row, col, cell, ind, value);
  return value;
}

static gboolean
load_stored (RowContext *ctx,
             gint64      school_id,
             int         year)
{
  sqlite3_stmt *stmt = ctx->import->stored;
  gboolean ok = TRUE;

  g_array_set_size (ctx->stored, 0);
  if (school_id <= 0)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, school_id);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = opora_values_unpack ((const char *) sqlite3_column_text (stmt, 0), ctx->stored);
  sqlite3_reset (stmt);
  return ok;
}

/* Counts @value as new, changed or the same as the stored one; returns
 * FALSE when it is the same, so it need not be written again. */
static gboolean
compare_stored (RowContext           *ctx,
                guint32               row,
                guint32               col,
                const OporaIndicator *ind,
                double                value)
{
  for (guint i = 0; i < ctx->stored->len; i++)
    {
      OporaPackedValue *old = &g_array_index (ctx->stored, OporaPackedValue, i);
      if (old->indicator_id != ind->id)
        continue;
      if (old->value == value)
        {
          ctx->import->counts.values_same++;
          return FALSE;
        }
      ctx->import->counts.values_changed++;
      row_problem (ctx, row, col, OPORA_SEVERITY_WARNING, NULL,
                   problems_full (ctx->import) ? NULL :
                   g_strdup_printf (_("Replaces the stored value %g with %g."), old->value, value));
      return TRUE;
    }
  ctx->import->counts.values_new++;
  return TRUE;
}

static void
plan_values (RowContext *ctx,
             guint32     row,
             PlanRow    *plan)
{
  OporaLayout *layout = ctx->sheet->layout;
  OporaImport *import = ctx->import;

  plan->first = import->n_values;
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      /* The columns mapped to an indicator of the catalogue. */
      OporaIndicator *ind = ctx->sheet->indicator[col];
      const OporaCell *cell;
      OporaPackedValue value;

      if (ind == NULL)
        continue;
      if ((cell = cell_at (ctx, col)) == NULL)
        {
          import->counts.values_missing++;
          continue;
        }
      value.value = cell_value (ctx, row, col, cell, ind);
      if (isnan (value.value))
        continue;
      value.indicator_id = ind->id;
      if (compare_stored (ctx, row, col, ind, value.value))
        append_value (import, &value);
    }
  plan->n = import->n_values - plan->first;
}

static gboolean
first_time_seen (RowContext *ctx,
                 guint32     row,
                 gint64      ref,
                 int         year,
                 gint64      indicator_id,
                 const char *who)
{
  /* School refs fit 31 bits with their sign, years 7 bits from 1990, indicator ids 21 bits. */
  guint64 key = ((guint64) (ref + G_MAXINT32) << 28) | ((guint64) ((year - 1990) & 0x7F) << 21) | (indicator_id & 0x1FFFFF);
  guint earlier = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->import->seen, GSIZE_TO_POINTER (key)));

  if (earlier != 0)
    {
      row_problem (ctx, row, -1, OPORA_SEVERITY_ERROR, who,
                   g_strdup_printf (_("The school appears twice for %d (first in row %u): this row is not imported."),
                                    year, earlier));
      return FALSE;
    }
  g_hash_table_insert (ctx->import->seen, GSIZE_TO_POINTER (key), GUINT_TO_POINTER (row + 1));
  return TRUE;
}

/* Long tables name each row's indicator in a cell: by its key, its
 * catalogue name or a header-like text, matched as a column header is. */
static OporaIndicator *
long_indicator (RowContext *ctx,
                guint32     row,
                gint        col)
{
  g_autofree char *text = cell_text (cell_at (ctx, col));
  OporaIndicator *ind = NULL;

  if (text != NULL && !g_hash_table_lookup_extended (ctx->import->long_names, text, NULL, (gpointer *) &ind))
    {
      g_autofree char *folded = opora_header_normalise (text);
      OporaTarget match = opora_column_match (folded, ctx->import->indicators);

      if (match.kind == OPORA_TARGET_INDICATOR && match.confidence >= 0.6)
        ind = opora_indicator_lookup (ctx->import->indicators, match.indicator_key);
      g_hash_table_insert (ctx->import->long_names, g_strdup (text), ind);
    }
  if (ind == NULL)
    row_problem (ctx, row, col, OPORA_SEVERITY_ERROR, text,
                 g_strdup (_("No catalogue indicator has this name: add it to the catalogue or correct the name. "
                             "The row is not imported.")));
  return ind;
}

static void
plan_long_value (RowContext     *ctx,
                 guint32         row,
                 OporaIndicator *ind,
                 PlanRow        *plan)
{
  gint col = ctx->sheet->value_col;
  const OporaCell *cell = cell_at (ctx, col);
  OporaPackedValue value = { ind->id, NAN };

  plan->first = ctx->import->n_values;
  if (cell == NULL)
    ctx->import->counts.values_missing++;
  else if (!isnan (value.value = cell_value (ctx, row, col, cell, ind)))
    {
      if (compare_stored (ctx, row, col, ind, value.value))
        append_value (ctx->import, &value);
    }
  plan->n = ctx->import->n_values - plan->first;
}

static void
take_municipality (RowContext *ctx)
{
  gint col = ctx->sheet->municipality_col;
  g_autofree char *owned = NULL;
  const char *text = cell_string (cell_at (ctx, col), &owned);

  if (text != NULL && *text != '\0' && g_strcmp0 (text, ctx->municipality) != 0)
    {
      g_free (ctx->municipality);
      ctx->municipality = owned != NULL ? g_steal_pointer (&owned) : g_strdup (text);
    }
}

static void
plan_row (RowContext *ctx,
          guint32     row)
{
  g_autofree char *code_copy = NULL;
  g_autofree char *name_copy = NULL;
  const char *code = cell_string (cell_at (ctx, ctx->sheet->code_col), &code_copy);
  const char *name = cell_string (cell_at (ctx, ctx->sheet->name_col), &name_copy);
  gint long_col = ctx->sheet->indicator_name_col;
  OporaIndicator *long_ind = NULL;
  PlanRow plan = { 0 };
  gint64 ref;

  ctx->import->counts.rows++;
  take_municipality (ctx);
  if (code != NULL && *code == '\0')
    code = NULL;
  if (is_total_row (code, name))
    {
      ctx->import->counts.rows_skipped++;
      row_problem (ctx, row, -1, OPORA_SEVERITY_WARNING, name ? name : code,
                   g_strdup (_("A total row: left out. Totals and averages are always computed from the schools.")));
      return;
    }
  if ((code == NULL && (name == NULL || *name == '\0')) ||
      (plan.year = row_year (ctx, row)) == 0 ||
      (long_col >= 0 && !(long_ind = long_indicator (ctx, row, long_col))) ||
      (ref = resolve_school (ctx, row, code, name)) == 0 ||
      !first_time_seen (ctx, row, ref, plan.year, long_ind ? long_ind->id : 0, name ? name : code))
    {
      ctx->import->counts.rows_skipped++;
      return;
    }
  plan.school_id = ref > 0 ? ref : 0;
  plan.new_school = ref < 0 ? (guint) -ref : 0;
  load_stored (ctx, plan.school_id, plan.year);
  if (long_ind != NULL)
    plan_long_value (ctx, row, long_ind, &plan);
  else
    plan_values (ctx, row, &plan);
  if (ctx->import->sink != NULL)
    {
      /* The writer has its own copy: the next row's values reuse the
       * space, so a nation's 77 MB of planned values are never held. */
      send_row (ctx->import, &plan);
      ctx->import->n_values = plan.first;
      plan.n = 0;
    }
  g_array_append_val (ctx->import->rows, plan);
}

static gboolean
check_row (const OporaRow  *row,
           gpointer         user_data,
           GError         **error)
{
  RowContext *ctx = user_data;
  OporaLayout *layout = ctx->sheet->layout;

  if (layout->first_data_row == NO_POSITION || row->row < layout->first_data_row ||
      row->row == layout->numbering_row)
    return TRUE;
  if (ctx->import->counts.rows % 4096 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      if (ctx->progress != NULL)
        ctx->progress (ctx->import->counts.rows, 0, ctx->user_data);
    }
  g_ptr_array_set_size (ctx->by_col, 0);
  g_ptr_array_set_size (ctx->by_col, layout->n_cols);
  for (guint i = 0; i < row->n_cells; i++)
    if (row->cells[i].col < layout->n_cols)
      ctx->by_col->pdata[row->cells[i].col] = (gpointer) &row->cells[i];
  plan_row (ctx, row->row);
  return TRUE;
}

static gboolean
check_sheet (OporaImport       *import,
             ImportSheet       *sheet,
             GCancellable      *cancellable,
             OporaProgressFunc  progress,
             gpointer           user_data,
             GError           **error)
{
  RowContext ctx = { import, sheet, opora_reader_get_sheet (import->reader, sheet->index)->name };
  gboolean ok;

  g_free (sheet->indicator);
  sheet->indicator = g_new0 (OporaIndicator *, MAX (1, sheet->layout->n_cols));
  for (guint32 col = 0; col < sheet->layout->n_cols; col++)
    {
      const OporaTarget *target = opora_layout_get_target (sheet->layout, col);
      if (target->kind == OPORA_TARGET_INDICATOR)
        sheet->indicator[col] = opora_indicator_lookup (import->indicators, target->indicator_key);
    }
  sheet->code_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_SCHOOL_CODE);
  sheet->name_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_SCHOOL_NAME);
  sheet->municipality_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_MUNICIPALITY);
  sheet->year_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_YEAR);
  sheet->indicator_name_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_INDICATOR_NAME);
  sheet->value_col = opora_layout_find_column (sheet->layout, OPORA_TARGET_VALUE);

  ctx.by_col = g_ptr_array_new ();
  ctx.stored = g_array_new (FALSE, FALSE, sizeof (OporaPackedValue));
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  ctx.user_data = user_data;
  ok = opora_reader_read_sheet (import->reader, sheet->index, check_row, &ctx, cancellable, error);
  g_ptr_array_unref (ctx.by_col);
  g_array_unref (ctx.stored);
  g_free (ctx.municipality);
  return ok;
}

/**
 * opora_import_check:
 * @import: an import with its sheets added
 * @cancellable: (nullable): stops the check
 * @progress: (nullable): told the rows read so far, every few thousand rows
 * @user_data: for @progress
 *
 * Reads every row of the sheets and decides what the import would do:
 * schools to add or match (by code, else by name), values new, changed
 * or the same, and every problem with its row and column — without
 * writing anything. Total rows are left out; a municipality written once
 * above its group of schools is carried down; an average of 0 is missing.
 *
 * Returns: %TRUE when the file could be read (problems in its cells do
 *   not fail the check; see opora_import_get_problems())
 */
gboolean
opora_import_check (OporaImport       *import,
                    GCancellable      *cancellable,
                    OporaProgressFunc  progress,
                    gpointer           user_data,
                    GError           **error)
{
  g_return_val_if_fail (import != NULL && import->rows->len == 0, FALSE);

  for (guint i = 0; i < import->sheets->len; i++)
    if (!check_sheet (import, import->sheets->pdata[i], cancellable, progress, user_data, error))
      return FALSE;
  import->counts.schools_new = import->new_schools->len;
  for (guint i = 0; i < import->rows->len; i++)
    import->counts.schools_matched += g_array_index (import->rows, PlanRow, i).school_id > 0;
  if (import->extra_problems > 0)
    add_problem (import, NULL, NO_POSITION, NO_POSITION, OPORA_SEVERITY_WARNING, NULL,
                 g_strdup_printf (_("%u more problems are not listed."), import->extra_problems));
  return TRUE;
}

/* Edit distance between two name keys, in characters; stops at @limit. */
static guint
name_distance (const char *a,
               const char *b,
               guint       limit)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong n = 0, m = 0;
  g_autofree guint *row = NULL;

  while (x[n] != 0)
    n++;
  while (y[m] != 0)
    m++;
  if ((guint) ABS (n - m) > limit)
    return limit + 1;
  row = g_new (guint, m + 1);
  for (glong j = 0; j <= m; j++)
    row[j] = j;
  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0], best = row[0] = i;
      for (glong j = 1; j <= m; j++)
        {
          guint up = row[j];
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (x[i - 1] != y[j - 1]));
          diagonal = up;
          best = MIN (best, row[j]);
        }
      if (best > limit)
        return limit + 1;
    }
  return row[m];
}

typedef struct {
  OporaSchool *school;
  guint        distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return g_strcmp0 (x->school->code, y->school->code);
}

/* Existing schools whose names are within a few edits of @name: the
 * closest five, so a user can say "this is that school". */
static GPtrArray *
similar_schools (GPtrArray  *schools,
                 const char *name)
{
  g_autofree char *key = opora_school_name_key (name);
  guint limit = MAX (2, g_utf8_strlen (key, -1) / 3);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_school_free);

  for (guint i = 0; i < schools->len; i++)
    {
      OporaSchool *school = schools->pdata[i];
      g_autofree char *other = opora_school_name_key (school->name);
      Candidate c = { school, name_distance (key, other, limit) };

      if (c.distance <= limit)
        g_array_append_val (found, c);
    }
  g_array_sort (found, compare_candidates);
  for (guint i = 0; i < found->len && i < 5; i++)
    {
      OporaSchool *copy = g_new0 (OporaSchool, 1), *s = g_array_index (found, Candidate, i).school;
      copy->id = s->id;
      copy->code = g_strdup (s->code);
      copy->name = g_strdup (s->name);
      copy->municipality = g_strdup (s->municipality);
      copy->locality = s->locality;
      copy->kind = g_strdup (s->kind);
      g_ptr_array_add (result, copy);
    }
  return result;
}

/**
 * opora_import_get_decisions:
 * @import: a checked import
 *
 * The schools a person should confirm: each school the import would add
 * (with up to five existing schools of similar name, closest first) and
 * each school matched by its name alone. Give a different answer with
 * opora_import_decide() on a new import of the same file and check again.
 * Similar names are looked for among at most 5,000 existing schools.
 *
 * Returns: (transfer none) (element-type OporaSchoolDecision): the decisions
 */
GPtrArray *
opora_import_get_decisions (OporaImport *import)
{
  g_autoptr(GPtrArray) schools = NULL;

  g_return_val_if_fail (import != NULL, NULL);
  if (import->decisions->len == 0 || ((OporaSchoolDecision *) import->decisions->pdata[0])->candidates != NULL)
    return import->decisions;
  schools = opora_school_list (import->db, NULL);
  for (guint i = 0; i < import->decisions->len; i++)
    {
      OporaSchoolDecision *d = import->decisions->pdata[i];
      d->candidates = schools != NULL && schools->len <= 5000
                    ? similar_schools (schools, d->name)
                    : g_ptr_array_new_with_free_func ((GDestroyNotify) opora_school_free);
    }
  return import->decisions;
}

/**
 * opora_import_decide:
 * @import: an import, before opora_import_check()
 * @key: an #OporaSchoolDecision's key
 * @school_id: the existing school the rows belong to, or 0 to add them as
 *   a new school
 *
 * Overrides what the check would guess for the rows of one school.
 */
void
opora_import_decide (OporaImport *import,
                     const char  *key,
                     gint64       school_id)
{
  g_return_if_fail (import != NULL && key != NULL && school_id >= 0);
  g_hash_table_insert (import->overrides, g_strdup (key), g_memdup2 (&school_id, sizeof school_id));
}

/**
 * opora_import_get_problems:
 * @import: a checked import
 *
 * Returns: (transfer none) (element-type OporaProblem): the problems, in file order
 */
GPtrArray *
opora_import_get_problems (OporaImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->problems;
}

const OporaImportCounts *
opora_import_get_counts (OporaImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return &import->counts;
}

const char *
opora_import_get_sha256 (OporaImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);
  return import->sha256;
}

/**
 * opora_import_get_earlier_batch:
 * @import: an import
 *
 * Returns: the batch that already imported a file with the same checksum
 *   (and was not undone), or 0
 */
gint64
opora_import_get_earlier_batch (OporaImport *import)
{
  g_return_val_if_fail (import != NULL, 0);
  return import->earlier_batch;
}

static char *
mapping_json (OporaImport *import)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < import->sheets->len; i++)
    {
      ImportSheet *sheet = import->sheets->pdata[i];
      g_autofree char *mapping = opora_layout_mapping_to_json (sheet->layout);
      g_autofree char *name = g_strescape (opora_reader_get_sheet (import->reader, sheet->index)->name, NULL);

      g_string_append_printf (json, "%s{\"sheet\":\"%s\",\"year\":%d,\"columns\":%s}",
                              i ? "," : "", name, sheet->year, mapping);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static gint64
insert_batch (OporaImport  *import,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (import->db,
    "INSERT INTO import_batch (file_name, sha256, created, mapping, n_schools, n_new, n_changed,"
    " n_unchanged, n_skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *name = g_path_get_basename (opora_reader_get_path (import->reader));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *mapping = mapping_json (import);
  OporaImportCounts *c = &import->counts;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, import->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, c->schools_new + c->schools_matched);
  sqlite3_bind_int (stmt, 6, c->values_new);
  sqlite3_bind_int (stmt, 7, c->values_changed);
  sqlite3_bind_int (stmt, 8, c->values_same);
  sqlite3_bind_int (stmt, 9, c->rows_skipped);
  if (!opora_db_step_done (import->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (opora_db_get_handle (import->db));
}

/* Adds new schools with one prepared statement, each municipality looked
 * up once: 40,000 schools in a fraction of a second. */
typedef struct {
  OporaDb      *db;
  gint64        batch;
  sqlite3_stmt *insert;
  sqlite3_stmt *ensure;          /* a municipality */
  GHashTable   *municipalities;  /* name → gint64 id */
} SchoolInserter;

static gboolean
school_inserter_init (SchoolInserter  *s,
                      OporaDb         *db,
                      gint64           batch,
                      GError         **error)
{
  s->db = db;
  s->batch = batch;
  s->municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->insert = opora_db_prepare (db, "INSERT INTO school (code, name, municipality_id, batch_id) VALUES (?, ?, ?, ?)", error);
  s->ensure = s->insert ? opora_municipality_prepare_ensure (db, error) : NULL;
  return s->ensure != NULL;
}

static void
school_inserter_clear (SchoolInserter *s)
{
  g_clear_pointer (&s->insert, sqlite3_finalize);
  g_clear_pointer (&s->ensure, sqlite3_finalize);
  g_clear_pointer (&s->municipalities, g_hash_table_unref);
}

static gboolean
school_inserter_add (SchoolInserter  *s,
                     OporaSchool     *school,
                     GError         **error)
{
  gint64 *municipality = NULL;

  if (school->municipality != NULL &&
      !(municipality = g_hash_table_lookup (s->municipalities, school->municipality)))
    {
      gint64 id = opora_municipality_ensure_with (s->db, s->ensure, school->municipality, NULL, error);
      if (id == 0)
        return FALSE;
      municipality = g_memdup2 (&id, sizeof id);
      g_hash_table_insert (s->municipalities, g_strdup (school->municipality), municipality);
    }
  sqlite3_bind_text (s->insert, 1, school->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 2, school->name, -1, SQLITE_STATIC);
  municipality ? sqlite3_bind_int64 (s->insert, 3, *municipality) : sqlite3_bind_null (s->insert, 3);
  sqlite3_bind_int64 (s->insert, 4, s->batch);
  if (!opora_db_step_done (s->db, s->insert, error))
    return FALSE;
  school->id = sqlite3_last_insert_rowid (opora_db_get_handle (s->db));
  return TRUE;
}

static gboolean
insert_schools (OporaImport  *import,
                gint64        batch,
                GError      **error)
{
  SchoolInserter s = { 0 };
  gboolean ok = school_inserter_init (&s, import->db, batch, error);

  for (guint i = 0; ok && i < import->new_schools->len; i++)
    ok = school_inserter_add (&s, import->new_schools->pdata[i], error);
  school_inserter_clear (&s);
  return ok;
}

static gboolean
insert_problems (OporaImport  *import,
                 gint64        batch,
                 GError      **error)
{
  static const char *severities[] = { "warning", "error" };
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (import->db,
    "INSERT INTO import_problem (batch_id, row, col, severity, cell_text, message) VALUES (?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < import->problems->len; i++)
    {
      OporaProblem *p = import->problems->pdata[i];
      sqlite3_bind_int64 (stmt, 1, batch);
      p->row != NO_POSITION ? sqlite3_bind_int64 (stmt, 2, p->row + 1) : sqlite3_bind_null (stmt, 2);
      p->col != NO_POSITION ? sqlite3_bind_int64 (stmt, 3, p->col + 1) : sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, severities[p->severity], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, p->cell_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, p->message, -1, SQLITE_STATIC);
      if (!opora_db_step_done (import->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Sets the workspace's page cache to @kib KiB. */
static void
set_cache (OporaDb *db,
           int      kib)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%d", kib);

  /* Only speed and memory depend on it: a failure changes nothing else. */
  opora_db_exec (db, pragma, NULL);
}

static gint64
plan_school (OporaImport *import,
             PlanRow     *row)
{
  return row->school_id ? row->school_id : ((OporaSchool *) import->new_schools->pdata[row->new_school - 1])->id;
}

/* Rows by school, then year: the order of school_year_value's key, so the
 * writes append to the table instead of splitting its pages. */
static int
compare_plan_rows (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  OporaImport *import = user_data;
  PlanRow *x = &g_array_index (import->rows, PlanRow, *(const guint *) a);
  PlanRow *y = &g_array_index (import->rows, PlanRow, *(const guint *) b);
  gint64 sx = plan_school (import, x), sy = plan_school (import, y);

  if (sx != sy)
    return sx < sy ? -1 : 1;
  return (x->year > y->year) - (x->year < y->year);
}

static gboolean
write_values (OporaImport       *import,
              gint64             batch,
              GCancellable      *cancellable,
              OporaProgressFunc  progress,
              gpointer           user_data,
              GError           **error)
{
  g_autoptr(OporaValueWriter) writer = opora_value_writer_new (import->db, batch, error);
  g_autofree guint *order = g_new (guint, MAX (1, import->rows->len));

  if (writer == NULL)
    return FALSE;
  if (import->new_schools->len > 0)
    opora_value_writer_set_new_schools (writer, ((OporaSchool *) import->new_schools->pdata[0])->id);
  for (guint r = 0; r < import->rows->len; r++)
    order[r] = r;
  g_qsort_with_data (order, import->rows->len, sizeof (guint), compare_plan_rows, import);
  for (guint r = 0; r < import->rows->len; r++)
    {
      PlanRow *row = &g_array_index (import->rows, PlanRow, order[r]);
      gint64 school = plan_school (import, row);

      if (r % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (r, import->rows->len, user_data);
        }
      for (guint v = row->first; v < row->first + row->n; v++)
        {
          OporaPackedValue *value = value_at (import, v);
          if (!opora_value_writer_set (writer, school, value->indicator_id, row->year, value->value, error))
            return FALSE;
        }
    }
  return opora_value_writer_flush (writer, error);
}

/**
 * opora_import_commit:
 * @import: a checked import
 * @cancellable: (nullable): stops the commit; nothing is then written
 * @progress: (nullable): told the rows written of all
 * @user_data: for @progress
 *
 * Writes what opora_import_check() planned in one transaction, as one
 * import batch that remembers what it replaced (see opora_batch_undo()).
 * Cells with errors are left out. A workspace that holds schools is backed
 * up first (see opora_backup_if_filled()). On error or cancellation the workspace
 * is as it was.
 *
 * Returns: the new batch's id, or 0 with @error set
 */
gint64
opora_import_commit (OporaImport       *import,
                     GCancellable      *cancellable,
                     OporaProgressFunc  progress,
                     gpointer           user_data,
                     GError           **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  gint64 batch;

  gboolean ok;

  g_return_val_if_fail (import != NULL, 0);

  set_cache (import->db, OPORA_DB_IMPORT_CACHE_KIB);
  ok = opora_backup_if_filled (import->db, "import", error) &&
       (tx = opora_db_begin (import->db, error)) &&
       (batch = insert_batch (import, error)) &&
       insert_schools (import, batch, error) &&
       write_values (import, batch, cancellable, progress, user_data, error) &&
       insert_problems (import, batch, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       opora_transaction_commit (tx, error);
  g_clear_pointer (&tx, opora_transaction_free);
  set_cache (import->db, OPORA_DB_CACHE_KIB);
  if (!ok)
    return 0;
  if (progress != NULL)
    progress (import->rows->len, import->rows->len, user_data);
  return batch;
}

/* The writer thread of opora_import_check_and_commit(). */
typedef struct {
  OporaImport      *import;
  SchoolInserter    schools;
  OporaValueWriter *values;
  GCancellable     *stop;   /* the check's: cancelled when writing fails */
  GError           *error;
  gboolean          new_schools_marked;
} Writer;

static GByteArray end_of_rows;

static gboolean
write_message (Writer  *w,
               Message *m,
               GError **error)
{
  gint64 school;

  if (m->year == 0)
    {
      if (!school_inserter_add (&w->schools, m->school, error))
        return FALSE;
      /* Ids run on from the first new school: its rows are all new. */
      if (!w->new_schools_marked)
        opora_value_writer_set_new_schools (w->values, m->school->id);
      w->new_schools_marked = TRUE;
      return TRUE;
    }
  school = m->school != NULL ? m->school->id : m->school_id;
  return opora_value_writer_set_packed (w->values, school, m->year, m->values, m->n,
                                        message_members (m), m->members_len, error);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  GByteArray *batch;

  while ((batch = g_async_queue_pop (w->import->sink)) != &end_of_rows)
    {
      Message *m;

      for (gsize at = 0; at < batch->len && w->error == NULL; at += message_size (m->n, m->members_len))
        if (!write_message (w, m = (Message *) (batch->data + at), &w->error))
          g_cancellable_cancel (w->stop);
      g_byte_array_set_size (batch, 0);
      g_async_queue_push (w->import->emptied, batch);
    }
  if (w->error == NULL && !opora_value_writer_flush (w->values, &w->error))
    g_cancellable_cancel (w->stop);
  return NULL;
}

static gboolean
update_batch (OporaImport  *import,
              gint64        batch,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (import->db,
    "UPDATE import_batch SET n_schools = ?, n_new = ?, n_changed = ?, n_unchanged = ?, n_skipped = ?"
    " WHERE id = ?", error);
  OporaImportCounts *c = &import->counts;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, c->schools_new + c->schools_matched);
  sqlite3_bind_int (stmt, 2, c->values_new);
  sqlite3_bind_int (stmt, 3, c->values_changed);
  sqlite3_bind_int (stmt, 4, c->values_same);
  sqlite3_bind_int (stmt, 5, c->rows_skipped);
  sqlite3_bind_int64 (stmt, 6, batch);
  return opora_db_step_done (import->db, stmt, error);
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* Runs the check on this thread while @w writes what it plans. */
static gboolean
check_while_writing (OporaImport       *import,
                     Writer            *w,
                     GCancellable      *cancellable,
                     OporaProgressFunc  progress,
                     gpointer           user_data,
                     GError           **error)
{
  gulong link = cancellable ? g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb), w->stop, NULL) : 0;
  g_autoptr(GError) check_error = NULL;
  GThread *thread;
  gboolean checked;

  import->sink = g_async_queue_new ();
  import->emptied = g_async_queue_new_full ((GDestroyNotify) g_byte_array_unref);
  import->n_buffers = 0;
  thread = g_thread_new ("opora-import-writer", writer_thread, w);
  checked = opora_import_check (import, w->stop, progress, user_data, &check_error);
  send_pending (import);
  g_async_queue_push (import->sink, &end_of_rows);
  g_thread_join (thread);
  g_clear_pointer (&import->sink, g_async_queue_unref);
  g_clear_pointer (&import->emptied, g_async_queue_unref);
  g_clear_pointer (&import->outbox, g_byte_array_unref);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, link);

  if (w->error != NULL)
    g_propagate_error (error, g_steal_pointer (&w->error));
  else if (!checked)
    g_propagate_error (error, g_steal_pointer (&check_error));
  return error == NULL || *error == NULL ? checked : FALSE;
}

/**
 * opora_import_check_and_commit:
 * @import: an import with its sheets added, not yet checked
 * @cancellable: (nullable): stops it; nothing is then written
 * @progress: (nullable): told the rows read so far
 * @user_data: for @progress
 *
 * Does what opora_import_check() and opora_import_commit() do, but at
 * once: a second thread writes each row as soon as the check has planned
 * it, inside the one transaction of the batch. For imports that need no
 * review first (the command line). On error or cancellation the
 * workspace is as it was.
 *
 * Returns: the new batch's id, or 0 with @error set
 */
gint64
opora_import_check_and_commit (OporaImport       *import,
                               GCancellable      *cancellable,
                               OporaProgressFunc  progress,
                               gpointer           user_data,
                               GError           **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  Writer w = { import, { 0 }, NULL, stop, NULL, FALSE };
  gint64 batch = 0;
  gboolean ok;

  g_return_val_if_fail (import != NULL && import->rows->len == 0, 0);

  set_cache (import->db, OPORA_DB_IMPORT_CACHE_KIB);
  ok = opora_backup_if_filled (import->db, "import", error) &&
       (tx = opora_db_begin (import->db, error)) != NULL &&
       (batch = insert_batch (import, error)) != 0 &&
       school_inserter_init (&w.schools, import->db, batch, error) &&
       (w.values = opora_value_writer_new (import->db, batch, error)) != NULL &&
       check_while_writing (import, &w, cancellable, progress, user_data, error) &&
       update_batch (import, batch, error) &&
       insert_problems (import, batch, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       opora_transaction_commit (tx, error);
  school_inserter_clear (&w.schools);
  g_clear_pointer (&w.values, opora_value_writer_free);
  g_clear_pointer (&tx, opora_transaction_free);
  set_cache (import->db, OPORA_DB_CACHE_KIB);
  return ok ? batch : 0;
}
