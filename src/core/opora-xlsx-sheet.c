/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A purpose-built streaming tokenizer for XLSX sheet XML: rows, cells, their values and merges. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "opora-error.h"
#include "opora-xlsx-sheet.h"

/* The longest tag, comment or CDATA section kept whole while waiting for its end. */
#define MAX_MARKUP_BYTES (OPORA_READER_MAX_CELL_BYTES + 65536u)
#define NO_POSITION      G_MAXUINT32
#define NO_TEXT          G_MAXSIZE
#define CANCEL_EVERY     4096u

typedef enum {
  KIND_NUMBER,
  KIND_SHARED,
  KIND_INLINE,
  KIND_STRING,
  KIND_BOOL,
  KIND_ERROR,
  KIND_ISO_DATE,
} CellKind;

typedef enum {
  STEP_OK,
  STEP_MORE,
  STEP_FAIL,
} Step;

typedef struct {
  OporaCell cell;
  gsize     offset;
} PendingCell;

typedef struct {
  const OporaXlsxSheetContext *context;
  OporaXlsxReadFunc            read;
  gpointer                     source;
  OporaRowFunc                 func;
  gpointer                     user_data;
  GCancellable                *cancellable;

  /* The input window: buf[pos, end) is unread and buf[end] is '\0'. */
  char    *buf;
  gsize    cap;
  gsize    pos;
  gsize    end;
  gboolean eof;
  guint    depth;
  gboolean seen_element;

  /* The row being collected; texts live in @text and are found by @offsets. */
  gboolean in_row;
  gboolean row_from_attr;
  gboolean unordered;
  guint32  row;
  guint32  next_row;
  gint64   last_row;
  gint64   prev_col;
  guint64  rows_seen;
  GArray  *cells;
  GArray  *offsets;
  GString *text;

  /* The cell being read. */
  gboolean in_cell;
  gboolean in_is;
  gboolean in_rph;
  gboolean collect;
  gboolean has_value;
  CellKind kind;
  guint    style;
  guint32  col;
  gsize    text_start;
} Sheet;

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
fail (Sheet       *self,
      GError     **error,
      int          code,
      guint32      row,
      guint32      col,
      const char  *message)
{
  return opora_reader_set_error_at (self->context->reader, error, code, row, col, message);
}

static gboolean
fail_damaged (Sheet   *self,
              GError **error)
{
  return fail (self, error, OPORA_ERROR_FORMAT, NO_POSITION, NO_POSITION,
               _("A sheet of the workbook is damaged. Open the file in Excel or LibreOffice, "
                 "save it again and try once more."));
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
parse_uint (const char *s,
            gsize       length,
            guint32    *value)
{
  guint64 n = 0;

  if (length == 0 || length > 10)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      n = n * 10 + (guint) (s[i] - '0');
    }
  if (n >= G_MAXUINT32)
    return FALSE;
  *value = (guint32) n;
  return TRUE;
}

/**
 * opora_xlsx_parse_ref:
 * @ref: a cell reference, not NUL-terminated
 * @length: its length
 * @row: (out): the 0-based row
 * @col: (out): the 0-based column
 *
 * "A1" → 0, 0; "C12" → 11, 2; "XFD1048576" → 1048575, 16383. Values past
 * Excel's limits are returned as they are (up to G_MAXUINT32 - 1) for the
 * caller to refuse.
 *
 * Returns: %FALSE when @ref is not a cell reference
 */
gboolean
opora_xlsx_parse_ref (const char *ref,
                      gsize       length,
                      guint32    *row,
                      guint32    *col)
{
  guint64 c = 0;
  gsize i = 0;
  guint32 r;

  for (; i < length && g_ascii_isalpha (ref[i]); i++)
    c = MIN (c * 26 + (guint) (g_ascii_toupper (ref[i]) - 'A' + 1), (guint64) G_MAXUINT32);
  if (i == 0 || !parse_uint (ref + i, length - i, &r) || r == 0)
    return FALSE;
  *row = r - 1;
  *col = (guint32) (c - 1);
  return TRUE;
}

static int
hex_value (const char *s)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s[i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
is_escape (const char *p,
           const char *end)
{
  return end - p >= 7 && p[0] == '_' && p[1] == 'x' && p[6] == '_' && hex_value (p + 2) >= 0;
}

/**
 * opora_xlsx_unescape:
 * @text: NUL-terminated text, changed in place
 * @length: its length
 *
 * Decodes the `_xHHHH_` escapes Excel writes for characters XML cannot hold:
 * "a_x000D_b" → "a\rb", "_x005F_x000D_" → "_x000D_". A lone surrogate becomes
 * U+FFFD; U+0000 is dropped.
 *
 * Returns: the new length
 */
gsize
opora_xlsx_unescape (char  *text,
                     gsize  length)
{
  const char *end = text + length;
  const char *r = text;
  char *w;

  while (r < end && !is_escape (r, end))
    r++;
  for (w = (char *) r; r < end;)
    {
      gunichar c;

      if (!is_escape (r, end))
        {
          *w++ = *r++;
          continue;
        }
      c = (gunichar) hex_value (r + 2);
      r += 7;
      if (c >= 0xD800 && c < 0xDC00 && is_escape (r, end) && hex_value (r + 2) >= 0xDC00 && hex_value (r + 2) < 0xE000)
        {
          c = 0x10000 + ((c - 0xD800) << 10) + ((gunichar) hex_value (r + 2) - 0xDC00);
          r += 7;
        }
      else if (c >= 0xD800 && c < 0xE000)
        c = 0xFFFD;
      if (c != 0)
        w += g_unichar_to_utf8 (c, w);
    }
  *w = '\0';
  return (gsize) (w - text);
}

static gboolean
parse_number_slow (const char *start,
                   const char *end,
                   double     *value)
{
  char *stop = NULL;
  double d = g_ascii_strtod (start, &stop);

  while (stop < end && is_space (*stop))
    stop++;
  if (stop != end || !isfinite (d))
    return FALSE;
  *value = d;
  return TRUE;
}

static gboolean
scan_digits (const char **p,
             const char  *end,
             guint64     *mantissa,
             int         *significant,
             int         *count)
{
  for (; *p < end && g_ascii_isdigit (**p); (*p)++, (*count)++)
    {
      if (*mantissa > 0 || **p != '0')
        (*significant)++;
      if (*significant > 19)
        return FALSE;
      *mantissa = *mantissa * 10 + (guint) (**p - '0');
    }
  return TRUE;
}

/* Clinger's fast path: a mantissa of at most 2^53 times an exact power of
 * ten is one correctly rounded operation; anything else goes to strtod. */
static gboolean
parse_number (const char *s,
              gsize       length,
              double     *value)
{
  const char *end = s + length, *p;
  guint64 mantissa = 0;
  int significant = 0, before = 0, after = 0, exponent = 0, exponent_sign = 1;
  gboolean negative = FALSE, exact;
  double d;

  while (s < end && is_space (*s))
    s++;
  while (end > s && is_space (end[-1]))
    end--;
  p = s;
  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  exact = scan_digits (&p, end, &mantissa, &significant, &before);
  if (exact && p < end && *p == '.')
    {
      p++;
      exact = scan_digits (&p, end, &mantissa, &significant, &after);
    }
  if (!exact)
    return parse_number_slow (s, end, value);
  if (before + after == 0)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *digits;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        exponent_sign = *p++ == '-' ? -1 : 1;
      for (digits = p; p < end && g_ascii_isdigit (*p); p++)
        exponent = MIN (exponent * 10 + (*p - '0'), 100000);
      if (p == digits)
        return FALSE;
    }
  if (p != end)
    return FALSE;
  exponent = exponent * exponent_sign - after;
  if (mantissa > (G_GUINT64_CONSTANT (1) << 53) || exponent < -22 || exponent > 22)
    return parse_number_slow (s, end, value);
  d = (double) mantissa;
  d = exponent < 0 ? d / powers_of_ten[-exponent] : d * powers_of_ten[exponent];
  *value = negative ? -d : d;
  return TRUE;
}

/* "2024-09-01" or "2024-09-01T08:30:00" → the 1900-system serial. */
static gboolean
parse_iso_date (const char *s,
                double     *serial)
{
  guint y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
  int consumed = 0;
  GDate date, epoch;

  if (sscanf (s, "%4u-%2u-%2u%n", &y, &m, &d, &consumed) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (s[consumed] == 'T' && sscanf (s + consumed, "T%2u:%2u:%2u", &hh, &mm, &ss) < 2)
    return FALSE;
  if (hh > 23 || mm > 59 || ss > 60)
    return FALSE;
  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, d, m, y);
  g_date_set_dmy (&epoch, 30, 12, 1899);
  *serial = (double) g_date_days_between (&epoch, &date) + (hh * 3600 + mm * 60 + ss) / 86400.0;
  return TRUE;
}

static gboolean
fail_too_long (Sheet   *self,
               GError **error)
{
  return fail (self, error, OPORA_ERROR_TOO_LARGE, self->row, self->col,
               _("The cell holds more than 1 MiB of text. Shorten it in Excel or LibreOffice and try again."));
}

static gboolean
check_cell_length (Sheet   *self,
                   GError **error)
{
  return self->text->len - self->text_start <= OPORA_READER_MAX_CELL_BYTES || fail_too_long (self, error);
}

static gboolean
append_entity (Sheet       *self,
               const char  *name,
               const char  *end,
               GError     **error)
{
  static const struct { const char *name; char c; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  };
  gsize length = (gsize) (end - name);
  guint64 c = 0;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == length && memcmp (named[i].name, name, length) == 0)
      {
        g_string_append_c (self->text, named[i].c);
        return TRUE;
      }
  if (length >= 2 && name[0] == '#')
    {
      gboolean hex = name[1] == 'x';
      const char *p = name + (hex ? 2 : 1);

      for (; p < end && (hex ? g_ascii_isxdigit (*p) : g_ascii_isdigit (*p)) && c <= 0x10FFFF; p++)
        c = c * (hex ? 16 : 10) + (guint) (hex ? g_ascii_xdigit_value (*p) : *p - '0');
      if (p == end && p > name + (hex ? 2 : 1) &&
          (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0xD800) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)))
        {
          g_string_append_unichar (self->text, (gunichar) c);
          return TRUE;
        }
    }
  return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
               _("The cell uses an unknown or broken character reference. "
                 "Open the file in Excel or LibreOffice, save it again and try once more."));
}

/* Appends cell text, decoding the five XML entities and character references. */
static gboolean
append_text (Sheet       *self,
             const char  *p,
             const char  *end,
             GError     **error)
{
  while (p < end)
    {
      const char *amp = memchr (p, '&', (gsize) (end - p));
      const char *semi;

      g_string_append_len (self->text, p, (amp != NULL ? amp : end) - p);
      if (amp == NULL)
        break;
      semi = memchr (amp, ';', MIN ((gsize) (end - amp), 12));
      if (semi == NULL)
        return append_entity (self, amp, amp, error);
      if (!append_entity (self, amp + 1, semi, error))
        return FALSE;
      p = semi + 1;
    }
  return check_cell_length (self, error);
}

/* Where text may be cut without splitting "&amp;" across two reads. */
static const char *
entity_safe_end (const char *start,
                 const char *end)
{
  for (const char *p = end; p > start && end - p < 12; p--)
    {
      if (p[-1] == ';')
        return end;
      if (p[-1] == '&')
        return p - 1;
    }
  return end;
}

static Step
refill (Sheet   *self,
        GError **error)
{
  gsize keep = self->end - self->pos;
  gsize chunk = self->context->chunk_size > 0 ? self->context->chunk_size : OPORA_XLSX_DEFAULT_CHUNK;
  gssize n;

  if (keep > MAX_MARKUP_BYTES)
    {
      fail (self, error, self->in_cell ? OPORA_ERROR_TOO_LARGE : OPORA_ERROR_FORMAT,
            self->in_cell ? self->row : NO_POSITION, self->in_cell ? self->col : NO_POSITION,
            _("The sheet holds a piece of markup longer than 1 MiB. Open the file in Excel or "
              "LibreOffice, save it again and try once more."));
      return STEP_FAIL;
    }
  memmove (self->buf, self->buf + self->pos, keep);
  self->pos = 0;
  self->end = keep;
  if (keep + chunk + 1 > self->cap)
    {
      self->cap = MAX (self->cap * 2, keep + chunk + 1);
      self->buf = g_realloc (self->buf, self->cap);
    }
  n = self->read (self->source, self->buf + keep, chunk, error);
  if (n < 0)
    return STEP_FAIL;
  self->eof = n == 0;
  self->end += (gsize) n;
  self->buf[self->end] = '\0';
  return STEP_OK;
}

static gboolean
next_attr (const char **p,
           const char  *end,
           const char **name,
           gsize       *name_length,
           const char **value,
           gsize       *value_length)
{
  const char *q;
  char quote;

  while (*p < end && is_space (**p))
    (*p)++;
  for (*name = *p; *p < end && **p != '=' && !is_space (**p); (*p)++)
    ;
  *name_length = (gsize) (*p - *name);
  while (*p < end && is_space (**p))
    (*p)++;
  if (*name_length == 0 || *p >= end || **p != '=')
    return FALSE;
  for ((*p)++; *p < end && is_space (**p); (*p)++)
    ;
  if (*p >= end || (**p != '"' && **p != '\''))
    return FALSE;
  quote = *(*p)++;
  q = memchr (*p, quote, (gsize) (end - *p));
  if (q == NULL)
    return FALSE;
  *value = *p;
  *value_length = (gsize) (q - *p);
  *p = q + 1;
  return TRUE;
}

static gboolean
attr_is (const char *name,
         gsize       length,
         const char *wanted)
{
  return length == strlen (wanted) && memcmp (name, wanted, length) == 0;
}

static gboolean
check_cancelled (Sheet   *self,
                 GError **error)
{
  return self->rows_seen++ % CANCEL_EVERY != 0 || !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

static gint
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  guint32 ca = ((const PendingCell *) a)->cell.col, cb = ((const PendingCell *) b)->cell.col;

  return ca < cb ? -1 : ca > cb;
}

/* Puts a row written out of order by column in order; the last of two cells
 * at one position wins, as in a spreadsheet application. g_array_sort is stable. */
static void
sort_row (Sheet *self)
{
  g_autoptr(GArray) pending = g_array_sized_new (FALSE, FALSE, sizeof (PendingCell), self->cells->len);
  guint n = 0;

  for (guint i = 0; i < self->cells->len; i++)
    {
      PendingCell p = { g_array_index (self->cells, OporaCell, i), g_array_index (self->offsets, gsize, i) };
      g_array_append_val (pending, p);
    }
  g_array_sort (pending, compare_pending);
  for (guint i = 0; i < pending->len; i++)
    {
      const PendingCell *p = &g_array_index (pending, PendingCell, i);
      if (i + 1 < pending->len && g_array_index (pending, PendingCell, i + 1).cell.col == p->cell.col)
        continue;
      g_array_index (self->cells, OporaCell, n) = p->cell;
      g_array_index (self->offsets, gsize, n++) = p->offset;
    }
  g_array_set_size (self->cells, n);
  g_array_set_size (self->offsets, n);
}

static gboolean
deliver_row (Sheet   *self,
             GError **error)
{
  OporaRow row;

  if (self->last_row >= (gint64) self->row)
    return fail (self, error, OPORA_ERROR_FORMAT, self->row, NO_POSITION,
                 _("The sheet lists its rows out of order. Open the file in Excel or LibreOffice, "
                   "save it again and try once more."));
  if (self->unordered)
    sort_row (self);
  for (guint i = 0; i < self->cells->len; i++)
    {
      gsize offset = g_array_index (self->offsets, gsize, i);
      if (offset != NO_TEXT)
        g_array_index (self->cells, OporaCell, i).text = self->text->str + offset;
    }
  row.row = self->row;
  row.n_cells = self->cells->len;
  row.cells = (const OporaCell *) self->cells->data;
  self->last_row = self->row;
  return self->func (&row, self->user_data, error);
}

static gboolean end_cell (Sheet *self, GError **error);

static gboolean
end_row (Sheet   *self,
         GError **error)
{
  gboolean ok = TRUE;

  if (self->in_cell && !end_cell (self, error))
    return FALSE;
  if (self->cells->len > 0)
    ok = deliver_row (self, error);
  self->in_row = FALSE;
  g_array_set_size (self->cells, 0);
  g_array_set_size (self->offsets, 0);
  g_string_truncate (self->text, 0);
  return ok;
}

static gboolean
start_row (Sheet       *self,
           const char  *attrs,
           const char  *end,
           gboolean     empty,
           GError     **error)
{
  const char *name, *value;
  gsize name_length, value_length;
  guint32 number = 0;

  if (self->in_row && !end_row (self, error))
    return FALSE;
  self->row_from_attr = FALSE;
  while (next_attr (&attrs, end, &name, &name_length, &value, &value_length))
    if (attr_is (name, name_length, "r"))
      {
        if (!parse_uint (value, value_length, &number) || number == 0)
          return fail (self, error, OPORA_ERROR_FORMAT, self->next_row, NO_POSITION,
                       _("The sheet has a row with a broken number. Open the file in Excel or "
                         "LibreOffice, save it again and try once more."));
        self->row_from_attr = TRUE;
      }
  self->row = self->row_from_attr ? number - 1 : self->next_row;
  if (self->row >= OPORA_READER_MAX_ROWS)
    return fail (self, error, OPORA_ERROR_TOO_LARGE, self->row, NO_POSITION,
                 _("The sheet is longer than Excel allows (1,048,576 rows). Split it and try again."));
  self->next_row = self->row + 1;
  self->in_row = !empty;
  self->prev_col = -1;
  self->unordered = FALSE;
  return check_cancelled (self, error);
}

static gboolean
parse_cell_type (const char *value,
                 gsize       length,
                 CellKind   *kind)
{
  static const struct { const char *name; CellKind kind; } types[] = {
    { "n", KIND_NUMBER }, { "s", KIND_SHARED }, { "inlineStr", KIND_INLINE }, { "str", KIND_STRING },
    { "b", KIND_BOOL }, { "e", KIND_ERROR }, { "d", KIND_ISO_DATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (attr_is (value, length, types[i].name))
      {
        *kind = types[i].kind;
        return TRUE;
      }
  return FALSE;
}

static gboolean
cell_attr (Sheet       *self,
           const char  *name,
           gsize        name_length,
           const char  *value,
           gsize        value_length,
           GError     **error)
{
  guint32 row;

  if (attr_is (name, name_length, "r"))
    {
      if (!opora_xlsx_parse_ref (value, value_length, &row, &self->col))
        return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
                     _("The cell has a broken reference. Open the file in Excel or LibreOffice, "
                       "save it again and try once more."));
      if (!self->row_from_attr && self->cells->len == 0 && row < OPORA_READER_MAX_ROWS)
        {
          self->row = row;
          self->next_row = row + 1;
        }
    }
  else if (attr_is (name, name_length, "s") && !parse_uint (value, value_length, &self->style))
    return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
                 _("The cell has a broken style number. Open the file in Excel or LibreOffice, "
                   "save it again and try once more."));
  else if (attr_is (name, name_length, "t") && !parse_cell_type (value, value_length, &self->kind))
    return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
                 _("The cell has a type Opora does not know. Open the file in Excel or LibreOffice, "
                   "save it again and try once more."));
  return TRUE;
}

static gboolean
start_cell (Sheet       *self,
            const char  *attrs,
            const char  *end,
            GError     **error)
{
  const char *name, *value;
  gsize name_length, value_length;

  if (!self->in_row)
    return fail_damaged (self, error);
  self->kind = KIND_NUMBER;
  self->style = 0;
  self->col = (guint32) MIN (self->prev_col + 1, (gint64) G_MAXUINT32 - 1);
  while (next_attr (&attrs, end, &name, &name_length, &value, &value_length))
    if (!cell_attr (self, name, name_length, value, value_length, error))
      return FALSE;
  if (self->col >= OPORA_READER_MAX_COLS)
    return fail (self, error, OPORA_ERROR_TOO_LARGE, self->row, self->col,
                 _("The sheet is wider than Excel allows (16,384 columns). Split it and try again."));
  if ((gint64) self->col <= self->prev_col)
    self->unordered = TRUE;
  self->prev_col = self->col;
  self->in_cell = TRUE;
  self->in_is = self->in_rph = self->collect = self->has_value = FALSE;
  self->text_start = self->text->len;
  return TRUE;
}

static gboolean
finish_shared (Sheet      *self,
               const char *value,
               gsize       length,
               OporaCell  *cell,
               GError    **error)
{
  const OporaXlsxSheetContext *context = self->context;
  guint32 index;

  if (!parse_uint (value, length, &index))
    return fail_damaged (self, error);
  if (index >= context->n_strings)
    {
      g_autofree char *message =
        g_strdup_printf (_("The cell refers to shared text number %u, but the workbook has only %u. "
                           "Open the file in Excel or LibreOffice, save it again and try once more."),
                         index, context->n_strings);
      return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col, message);
    }
  if (context->strings[index] == NULL)
    return fail_too_long (self, error);
  cell->type = OPORA_CELL_TEXT;
  cell->text = context->strings[index];
  return TRUE;
}

static gboolean
finish_text (Sheet      *self,
             gsize       length,
             OporaCell  *cell,
             gsize      *offset,
             GError    **error)
{
  char *text = self->text->str + self->text_start;

  length = opora_xlsx_unescape (text, length);
  g_string_truncate (self->text, self->text_start + length);
  if (!g_utf8_validate (text, (gssize) length, NULL))
    return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
                 _("The cell’s text is not valid UTF-8. Open the file in Excel or LibreOffice, "
                   "save it again and try once more."));
  if (length == 0)
    return TRUE;
  cell->type = self->kind == KIND_ERROR ? OPORA_CELL_ERROR : OPORA_CELL_TEXT;
  *offset = self->text_start;
  g_string_append_c (self->text, '\0');
  return TRUE;
}

static gboolean
finish_number (Sheet      *self,
               const char *value,
               gsize       length,
               OporaCell  *cell,
               GError    **error)
{
  const OporaXlsxSheetContext *context = self->context;
  gboolean ok;

  if (self->kind == KIND_BOOL)
    {
      ok = length == 1 && (value[0] == '0' || value[0] == '1');
      cell->type = OPORA_CELL_BOOL;
      cell->number = value[0] == '1';
    }
  else if (self->kind == KIND_ISO_DATE)
    {
      ok = parse_iso_date (value, &cell->number);
      cell->type = OPORA_CELL_DATE;
    }
  else
    {
      ok = parse_number (value, length, &cell->number);
      cell->type = self->style < context->n_styles && context->date_styles[self->style] ? OPORA_CELL_DATE
                                                                                          : OPORA_CELL_NUMBER;
      if (cell->type == OPORA_CELL_DATE && context->date1904)
        cell->number += 1462;
    }
  if (!ok)
    return fail (self, error, OPORA_ERROR_FORMAT, self->row, self->col,
                 _("The cell’s value is not a valid number. Open the file in Excel or LibreOffice, "
                   "save it again and try once more."));
  return TRUE;
}

static gboolean
end_cell (Sheet   *self,
          GError **error)
{
  OporaCell cell = { self->col, OPORA_CELL_EMPTY, 0, NULL };
  gsize offset = NO_TEXT;
  gsize length = self->text->len - self->text_start;
  const char *value = self->text->str + self->text_start;
  gboolean ok = TRUE;

  self->in_cell = self->collect = FALSE;
  if (!self->has_value || length == 0)
    ok = TRUE;
  else if (self->kind == KIND_SHARED)
    ok = finish_shared (self, value, length, &cell, error);
  else if (self->kind == KIND_INLINE || self->kind == KIND_STRING || self->kind == KIND_ERROR)
    ok = finish_text (self, length, &cell, &offset, error);
  else
    ok = finish_number (self, value, length, &cell, error);
  if (offset == NO_TEXT)
    g_string_truncate (self->text, self->text_start);
  if (ok && cell.type != OPORA_CELL_EMPTY && (cell.text == NULL || *cell.text != '\0'))
    {
      g_array_append_val (self->cells, cell);
      g_array_append_val (self->offsets, offset);
    }
  return ok;
}

static gboolean
add_merge (Sheet       *self,
           const char  *attrs,
           const char  *end,
           GError     **error)
{
  const char *name, *value, *colon;
  gsize name_length, value_length;
  OporaMerge merge;

  while (next_attr (&attrs, end, &name, &name_length, &value, &value_length))
    {
      if (!attr_is (name, name_length, "ref"))
        continue;
      colon = memchr (value, ':', value_length);
      if (colon == NULL)
        colon = value + value_length;
      if (!opora_xlsx_parse_ref (value, (gsize) (colon - value), &merge.first_row, &merge.first_col) ||
          !opora_xlsx_parse_ref (colon + 1, (gsize) (value + value_length - colon - 1), &merge.last_row, &merge.last_col))
        {
          if (colon != value + value_length)
            return fail_damaged (self, error);
          merge.last_row = merge.first_row, merge.last_col = merge.first_col;
        }
      if (MAX (merge.first_row, merge.last_row) >= OPORA_READER_MAX_ROWS ||
          MAX (merge.first_col, merge.last_col) >= OPORA_READER_MAX_COLS)
        return fail_damaged (self, error);
      merge = (OporaMerge) { MIN (merge.first_row, merge.last_row), MIN (merge.first_col, merge.last_col),
                             MAX (merge.first_row, merge.last_row), MAX (merge.first_col, merge.last_col) };
      opora_reader_add_merge (self->context->reader, self->context->index, &merge);
    }
  return TRUE;
}

static gboolean
name_is (const char *name,
         gsize       length,
         const char *wanted,
         gsize       wanted_length)
{
  return length == wanted_length && memcmp (name, wanted, length) == 0;
}

#define NAME_IS(name, length, literal) name_is (name, length, literal, sizeof literal - 1)

static gboolean
open_element (Sheet       *self,
              const char  *name,
              gsize        length,
              const char  *attrs,
              const char  *end,
              gboolean     empty,
              GError     **error)
{
  if (NAME_IS (name, length, "c"))
    return start_cell (self, attrs, end, error) && (!empty || end_cell (self, error));
  if (NAME_IS (name, length, "row"))
    return start_row (self, attrs, end, empty, error);
  if (!self->in_cell)
    return !NAME_IS (name, length, "mergeCell") || add_merge (self, attrs, end, error);
  if ((NAME_IS (name, length, "v") && self->kind != KIND_INLINE) ||
      (NAME_IS (name, length, "t") && self->in_is && !self->in_rph && self->kind == KIND_INLINE))
    {
      self->collect = !empty;
      self->has_value = TRUE;
    }
  else if (NAME_IS (name, length, "is"))
    self->in_is = !empty;
  else if (NAME_IS (name, length, "rPh"))
    self->in_rph = !empty;
  return TRUE;
}

static gboolean
close_element (Sheet       *self,
               const char  *name,
               gsize        length,
               GError     **error)
{
  if (NAME_IS (name, length, "c"))
    return !self->in_cell || end_cell (self, error);
  if (NAME_IS (name, length, "row"))
    return end_row (self, error);
  if (NAME_IS (name, length, "v") || NAME_IS (name, length, "t"))
    self->collect = FALSE;
  else if (NAME_IS (name, length, "is"))
    self->in_is = FALSE;
  else if (NAME_IS (name, length, "rPh"))
    self->in_rph = FALSE;
  return TRUE;
}

/* Handles "<name attrs>", "<name attrs/>" or "</name>" between @start ('<') and @gt ('>'). */
static gboolean
handle_tag (Sheet       *self,
            const char  *start,
            const char  *gt,
            GError     **error)
{
  gboolean closing = start[1] == '/';
  const char *name = start + (closing ? 2 : 1);
  gboolean empty = !closing && gt[-1] == '/' && gt - 1 > name;
  const char *attrs_end = empty ? gt - 1 : gt;
  const char *p = name, *local = name;

  for (; p < attrs_end && !is_space (*p); p++)
    if (*p == ':')
      local = p + 1;
  if (p == local)
    return fail_damaged (self, error);
  if (closing)
    {
      if (self->depth == 0)
        return fail_damaged (self, error);
      self->depth--;
      return close_element (self, local, (gsize) (p - local), error);
    }
  self->depth += !empty;
  self->seen_element = TRUE;
  return open_element (self, local, (gsize) (p - local), p, attrs_end, empty, error);
}

static const char *
find_tag_end (const char *p,
              const char *end)
{
  while (p < end)
    {
      if (*p == '>')
        return p;
      if (*p == '"' || *p == '\'')
        {
          const char *q = memchr (p + 1, *p, (gsize) (end - p - 1));
          if (q == NULL)
            return NULL;
          p = q;
        }
      p++;
    }
  return NULL;
}

static const char *
find_literal (const char *p,
              const char *end,
              const char *literal)
{
  gsize length = strlen (literal);

  for (; end - p >= (gssize) length; p++)
    {
      p = memchr (p, literal[0], (gsize) (end - p) - length + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, literal, length) == 0)
        return p;
    }
  return NULL;
}

/* Comments, CDATA and processing instructions; a DOCTYPE or entity declaration is refused. */
static Step
handle_special (Sheet       *self,
                const char  *start,
                const char  *end,
                GError     **error)
{
  gboolean cdata = end - start >= 9 && memcmp (start, "<![CDATA[", 9) == 0;
  gboolean comment = end - start >= 4 && memcmp (start, "<!--", 4) == 0;
  gboolean pi = start[1] == '?';
  const char *stop;

  if (!cdata && !comment && !pi)
    {
      if (end - start < 9 && !self->eof)
        return STEP_MORE;
      fail (self, error, OPORA_ERROR_FORMAT, NO_POSITION, NO_POSITION,
            _("A sheet of the workbook declares a document type or entities, which Opora refuses "
              "for safety. Open the file in Excel or LibreOffice, save it again and try once more."));
      return STEP_FAIL;
    }
  stop = find_literal (start + 2, end, cdata ? "]]>" : comment ? "-->" : "?>");
  if (stop == NULL)
    return STEP_MORE;
  if (cdata && self->collect)
    {
      g_string_append_len (self->text, start + 9, stop - start - 9);
      if (!check_cell_length (self, error))
        return STEP_FAIL;
    }
  self->pos = (gsize) (stop - self->buf) + (cdata || comment ? 3 : 2);
  return STEP_OK;
}

static Step
handle_markup (Sheet   *self,
               GError **error)
{
  const char *start = self->buf + self->pos, *end = self->buf + self->end;
  const char *gt;

  if (end - start < 2)
    return STEP_MORE;
  if (start[1] == '!' || start[1] == '?')
    return handle_special (self, start, end, error);
  gt = find_tag_end (start + 1, end);
  if (gt == NULL)
    return STEP_MORE;
  self->pos = (gsize) (gt - self->buf) + 1;
  return handle_tag (self, start, gt, error) ? STEP_OK : STEP_FAIL;
}

static Step
handle_text (Sheet   *self,
             GError **error)
{
  const char *start = self->buf + self->pos, *end = self->buf + self->end;
  const char *lt = memchr (start, '<', (gsize) (end - start));
  const char *stop = lt != NULL ? lt : end;

  if (self->collect)
    {
      if (lt == NULL && !self->eof)
        stop = entity_safe_end (start, end);
      if (!append_text (self, start, stop, error))
        return STEP_FAIL;
    }
  self->pos = (gsize) (stop - self->buf);
  return lt != NULL || self->eof ? STEP_OK : STEP_MORE;
}

static gboolean
skip_bom (Sheet   *self,
          GError **error)
{
  const guchar *b;
  gsize n;

  if (refill (self, error) == STEP_FAIL)
    return FALSE;
  b = (const guchar *) self->buf;
  n = self->end;
  if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    self->pos = 3;
  else if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)))
    return fail_damaged (self, error);
  return TRUE;
}

static gboolean
run (Sheet   *self,
     GError **error)
{
  if (!skip_bom (self, error))
    return FALSE;
  for (;;)
    {
      Step step;

      if (self->pos == self->end && self->eof)
        break;
      if (self->pos == self->end)
        step = STEP_MORE;
      else if (self->buf[self->pos] == '<')
        step = handle_markup (self, error);
      else
        step = handle_text (self, error);
      if (step == STEP_FAIL)
        return FALSE;
      if (step == STEP_MORE && self->eof)
        return fail_damaged (self, error);
      if (step == STEP_MORE && refill (self, error) == STEP_FAIL)
        return FALSE;
    }
  if (self->depth != 0 || !self->seen_element || self->in_row)
    return fail_damaged (self, error);
  return TRUE;
}

/**
 * opora_xlsx_sheet_read:
 * @context: the workbook's shared strings, styles and date system
 * @read: gives the sheet XML, a chunk at a time
 * @source: for @read
 * @func: called for each row with cells
 * @user_data: for @func
 * @cancellable: (nullable): checked every 4096 rows
 *
 * Streams one worksheet part without building a tree: `<row>`, `<c r s t>`,
 * `<v>`, `<is><t>` and `<mergeCell>`; formulas give their cached `<v>`.
 * Allocates nothing per cell: the row's cells and texts reuse two buffers.
 *
 * Returns: %TRUE when the whole sheet was read; on error the rows already
 * delivered stay delivered
 */
gboolean
opora_xlsx_sheet_read (const OporaXlsxSheetContext  *context,
                       OporaXlsxReadFunc             read,
                       gpointer                      source,
                       OporaRowFunc                  func,
                       gpointer                      user_data,
                       GCancellable                 *cancellable,
                       GError                      **error)
{
  Sheet self = { context, read, source, func, user_data, cancellable };
  gboolean ok;

  g_return_val_if_fail (context != NULL && read != NULL && func != NULL, FALSE);

  self.cap = (context->chunk_size > 0 ? context->chunk_size : OPORA_XLSX_DEFAULT_CHUNK) + 1;
  self.buf = g_malloc (self.cap);
  self.buf[0] = '\0';
  self.last_row = -1;
  self.cells = g_array_sized_new (FALSE, FALSE, sizeof (OporaCell), 64);
  self.offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  self.text = g_string_sized_new (4096);
  ok = run (&self, error);
  g_free (self.buf);
  g_array_unref (self.cells);
  g_array_unref (self.offsets);
  g_string_free (self.text, TRUE);
  return ok;
}
