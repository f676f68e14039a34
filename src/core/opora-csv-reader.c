/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading CSV, TSV and TXT tables: encoding and separator detection, then an RFC 4180 stream of rows. */

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "opora-error.h"
#include "opora-reader-private.h"

#define BLOCK_SIZE     (1u << 20)   /* bytes read from the file at a time */
#define OUT_SIZE       (2u << 20)   /* UTF-8 produced by one conversion step */
#define CARRY_MAX      16u          /* bytes of a character split between two blocks */
#define SMALL_SIZE     (4u << 10)   /* the first read, enough for a small file */
#define HEAD_SIZE      (64u << 10)  /* what encoding and separator detection look at */
#define SAMPLE_RECORDS 50u          /* records compared by separator detection */
#define CANCEL_EVERY   4096u        /* rows between two looks at the cancellable */
#define CASE_PENALTY   20           /* a lowercase letter followed by a capital */

typedef struct
{
  OporaReader parent;
} OporaCsvReader;

typedef enum {
  STATE_FIELD_START,  /* before the first byte of a field */
  STATE_UNQUOTED,     /* inside a field that did not start with a quote */
  STATE_QUOTED,       /* inside a quoted field */
  STATE_QUOTE,        /* just after a quote inside a quoted field: closing or doubled */
} ParseState;

/* Turns UTF-8 text into rows. Fed any number of chunks; keeps one row of
 * cell texts (each NUL-terminated) and one cell array, reused for every row. */
typedef struct
{
  OporaReader  *reader;
  OporaRowFunc  func;
  gpointer      user_data;
  GCancellable *cancellable;
  guint8        special[256];  /* bytes that end an unquoted run: separator, CR, LF */
  char          separator;

  ParseState    state;
  gboolean      skip_lf;       /* a CR ended the last record; an LF right after it belongs to it */
  gboolean      record_open;   /* a byte of the current record has been read */
  gboolean      started;       /* the first chunk (and its BOM) has been seen */
  guint32       row;           /* the current record, 0-based */
  guint32       col;           /* the current field, 0-based */
  guint32       quote_row;     /* where the open quoted field began */
  guint32       quote_col;

  char         *text;
  gsize         text_len;
  gsize         text_size;
  gsize         cell_start;    /* offset in text of the current field */

  OporaCell    *cells;
  gsize        *offsets;       /* of each cell's text in text, until the row is delivered */
  guint         n_cells;
  guint         cells_size;
} CsvParser;

/* Produces UTF-8 from the file's bytes, keeping a character split between blocks. */
typedef struct
{
  GIConv  conv;               /* (GIConv) -1 when the file is UTF-8 already */
  char    carry[CARRY_MAX];
  gsize   n_carry;
  char   *out;                /* the UTF-8 produced, up to OUT_SIZE at a time */
  gsize   out_size;
} Decoder;

/* Frequencies of the Russian letters а…я as round (2 ln per-mille); the rare ъ counts 0. */
static const gint8 letter_weights[32] = {
  9, 6, 8, 6, 7, 9, 4, 6, 9, 5, 7, 8, 7, 8, 9, 7,
  8, 8, 8, 7, 2, 5, 3, 5, 4, 3, 0, 6, 6, 2, 4, 6,
};

/* KOI8-R orders its letters «юабцдефгхийклмнопярстужвьызшэщчъ»: their place in а…я. */
static const guint8 koi8_letters[32] = {
  30, 0, 1, 22, 4, 5, 20, 3, 21, 8, 9, 10, 11, 12, 13, 14,
  15, 31, 16, 17, 18, 19, 6, 2, 28, 27, 7, 24, 29, 25, 23, 26,
};

static const char separator_candidates[] = { ';', ',', '\t', '|' };

static void
csv_parser_free (CsvParser *parser)
{
  g_free (parser->text);
  g_free (parser->cells);
  g_free (parser->offsets);
  g_free (parser);
}

static void
decoder_free (Decoder *decoder)
{
  if (decoder->conv != (GIConv) -1)
    g_iconv_close (decoder->conv);
  g_free (decoder->out);
  g_free (decoder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvParser, csv_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Decoder, decoder_free)

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

static gboolean
set_io_error (OporaReader  *reader,
              GError      **error)
{
  g_autofree char *base = g_path_get_basename (reader->path);

  g_clear_error (error);
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO,
               _("Cannot read “%s”. Check that the file exists and you may read it."), base);
  return FALSE;
}

static GInputStream *
open_stream (OporaReader  *reader,
             GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (reader->path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL)
    {
      set_io_error (reader, error);
      return NULL;
    }
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

/* Reads up to @size bytes; *@eof tells whether the file ended. */
static gboolean
read_block (OporaReader   *reader,
            GInputStream  *stream,
            char          *buffer,
            gsize          size,
            gsize         *length,
            gboolean      *eof,
            GError       **error)
{
  if (!g_input_stream_read_all (stream, buffer, size, length, NULL, error))
    return set_io_error (reader, error);
  *eof = *length < size;
  return TRUE;
}

/* ---- Parsing ---------------------------------------------------------- */

static CsvParser *
csv_parser_new (OporaReader   *reader,
                OporaRowFunc   func,
                gpointer       user_data,
                GCancellable  *cancellable)
{
  CsvParser *parser = g_new0 (CsvParser, 1);

  parser->reader = reader;
  parser->func = func;
  parser->user_data = user_data;
  parser->cancellable = cancellable;
  parser->separator = reader->separator;
  parser->special[(guchar) reader->separator] = TRUE;
  parser->special['\r'] = TRUE;
  parser->special['\n'] = TRUE;
  parser->state = STATE_FIELD_START;
  return parser;
}

static gboolean
cell_too_large (CsvParser  *parser,
                GError    **error)
{
  const char *message;

  if (parser->state == STATE_QUOTED)
    message = _("This quoted cell holds more than 1 MiB of text. If its closing quote (\") is missing, "
                "add it; otherwise shorten the cell.");
  else
    message = _("This cell holds more than 1 MiB of text. Shorten the cell and try again.");
  return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_TOO_LARGE,
                                    parser->row, parser->col, message);
}

/* Adds @length bytes to the current field, keeping room for its NUL. */
static inline gboolean
append (CsvParser   *parser,
        const char  *data,
        gsize        length,
        GError     **error)
{
  gsize needed = parser->text_len + length + 1;

  if (length == 0)
    return TRUE;
  if (parser->text_len - parser->cell_start + length > OPORA_READER_MAX_CELL_BYTES)
    return cell_too_large (parser, error);
  if (G_UNLIKELY (needed > parser->text_size))
    {
      parser->text_size = MAX (needed, 2 * parser->text_size + 4096);
      parser->text = g_realloc (parser->text, parser->text_size);
    }
  memcpy (parser->text + parser->text_len, data, length);
  parser->text_len += length;
  return TRUE;
}

/* Keeps the current field as a cell unless it is empty. */
static inline void
close_cell (CsvParser *parser)
{
  if (parser->text_len == parser->cell_start)
    return;
  if (G_UNLIKELY (parser->n_cells == parser->cells_size))
    {
      parser->cells_size = MAX (64, 2 * parser->cells_size);
      parser->cells = g_renew (OporaCell, parser->cells, parser->cells_size);
      parser->offsets = g_renew (gsize, parser->offsets, parser->cells_size);
    }
  parser->text[parser->text_len++] = '\0';
  parser->cells[parser->n_cells] = (OporaCell) { parser->col, OPORA_CELL_TEXT, 0.0, NULL };
  parser->offsets[parser->n_cells++] = parser->cell_start;
  parser->cell_start = parser->text_len;
}

static gboolean
deliver_row (CsvParser  *parser,
             GError    **error)
{
  OporaRow row = { parser->row, parser->n_cells, parser->cells };

  for (guint i = 0; i < parser->n_cells; i++)
    parser->cells[i].text = parser->text + parser->offsets[i];
  return parser->func (&row, parser->user_data, error);
}

static gboolean
end_record (CsvParser  *parser,
            GError    **error)
{
  close_cell (parser);
  if (parser->n_cells > 0 && !deliver_row (parser, error))
    return FALSE;
  parser->text_len = parser->cell_start = 0;
  parser->n_cells = 0;
  parser->col = 0;
  parser->state = STATE_FIELD_START;
  parser->record_open = FALSE;
  parser->row++;
  if (parser->row % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (parser->cancellable, error))
    return FALSE;
  return TRUE;
}

/* Ends the current field at @c: a separator, CR or LF. */
static gboolean
end_field (CsvParser  *parser,
           char        c,
           GError    **error)
{
  if (c != parser->separator)
    {
      parser->skip_lf = c == '\r';
      return end_record (parser, error);
    }
  close_cell (parser);
  parser->state = STATE_FIELD_START;
  if (++parser->col < OPORA_READER_MAX_COLS)
    return TRUE;
  return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_TOO_LARGE, parser->row, parser->col,
                                    _("This row has more than 16384 columns, more than a spreadsheet holds. "
                                      "Check the separator or split the table."));
}

static gboolean
begin_field (CsvParser  *parser,
             GError    **error)
{
  parser->record_open = TRUE;
  if (G_LIKELY (parser->row < OPORA_READER_MAX_ROWS))
    return TRUE;
  return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_TOO_LARGE, parser->row, G_MAXUINT32,
                                    _("The table has more than 1048576 rows, more than a spreadsheet holds. "
                                      "Split it into smaller files."));
}

/* Returns where parsing goes on, or NULL with @error set. */
static const char *
scan_unquoted (CsvParser   *parser,
               const char  *s,
               const char  *end,
               GError     **error)
{
  const char *run = s;

  while (s < end && !parser->special[(guchar) *s])
    s++;
  if (!append (parser, run, s - run, error))
    return NULL;
  if (s == end)
    return s;
  return end_field (parser, *s, error) ? s + 1 : NULL;
}

static const char *
scan_quoted (CsvParser   *parser,
             const char  *s,
             const char  *end,
             GError     **error)
{
  const char *quote = memchr (s, '"', end - s);
  const char *run_end = quote != NULL ? quote : end;

  if (!append (parser, s, run_end - s, error))
    return NULL;
  if (quote == NULL)
    return end;
  parser->state = STATE_QUOTE;
  return quote + 1;
}

/* After a quote in a quoted field: "" is a quote; a separator or line end
 * closes the field; anything else goes on unquoted, so "ab"c reads abc. */
static const char *
after_quote (CsvParser   *parser,
             const char  *s,
             GError     **error)
{
  if (*s == '"')
    {
      parser->state = STATE_QUOTED;
      return append (parser, s, 1, error) ? s + 1 : NULL;
    }
  if (parser->special[(guchar) *s])
    return end_field (parser, *s, error) ? s + 1 : NULL;
  parser->state = STATE_UNQUOTED;
  return s;
}

static const char *
start_field (CsvParser   *parser,
             const char  *s,
             GError     **error)
{
  if (!begin_field (parser, error))
    return NULL;
  if (*s != '"')
    {
      parser->state = STATE_UNQUOTED;
      return s;
    }
  parser->state = STATE_QUOTED;
  parser->quote_row = parser->row;
  parser->quote_col = parser->col;
  return s + 1;
}

/* Parses @length bytes of valid UTF-8, delivering every record they end. */
static gboolean
csv_parser_feed (CsvParser   *parser,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  const char *s = data;
  const char *end = data + length;

  while (s != NULL && s < end)
    {
      if (G_UNLIKELY (parser->skip_lf))
        {
          parser->skip_lf = FALSE;
          if (*s == '\n')
            {
              s++;
              continue;
            }
        }
      switch (parser->state)
        {
        case STATE_FIELD_START:
          s = start_field (parser, s, error);
          break;
        case STATE_UNQUOTED:
          s = scan_unquoted (parser, s, end, error);
          break;
        case STATE_QUOTED:
          s = scan_quoted (parser, s, end, error);
          break;
        case STATE_QUOTE:
        default:
          s = after_quote (parser, s, error);
          break;
        }
    }
  return s != NULL;
}

/* Ends the last record at the end of the file. */
static gboolean
csv_parser_finish (CsvParser  *parser,
                   GError    **error)
{
  if (parser->state == STATE_QUOTED)
    return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_FORMAT,
                                      parser->quote_row, parser->quote_col,
                                      _("A quoted cell starts here but its closing quote (\") is missing. "
                                        "Add the closing quote or remove the opening one."));
  if (parser->record_open)
    return end_record (parser, error);
  return TRUE;
}

/* Like g_utf8_validate_len(), NUL bytes included, but it skips ASCII eight
 * bytes at a time and hands GLib only the runs of bytes >= 0x80, which hold
 * whole characters in valid UTF-8. */
static gboolean
utf8_validate (const char  *data,
               gsize        length,
               const char **end)
{
  const char *p = data;
  const char *stop = data + length;

  while (p < stop)
    {
      const char *run;
      guint64 word;

      for (; stop - p >= 8; p += 8)
        {
          memcpy (&word, p, 8);
          if (((word | ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word))
               & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
        }
      for (run = p; p < stop && (guchar) *p >= 0x80; p++)
        ;
      if (run < p && !g_utf8_validate_len (run, p - run, end))
        return FALSE;
      if (run < p || p == stop)
        continue;
      if (*p == '\0')
        {
          *end = p;
          return FALSE;
        }
      p++;
    }
  *end = stop;
  return TRUE;
}

/* Checks and parses a chunk of decoded text; a leading BOM of the file is dropped. */
static gboolean
feed_utf8 (CsvParser   *parser,
           const char  *data,
           gsize        length,
           GError     **error)
{
  const char *valid_end = NULL;
  gboolean valid;

  if (!parser->started && length > 0)
    {
      parser->started = TRUE;
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
    }
  valid = utf8_validate (data, length, &valid_end);
  if (!csv_parser_feed (parser, data, valid_end - data, error))
    return FALSE;
  if (valid)
    return TRUE;
  return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_FORMAT, parser->row, parser->col,
                                    _("This cell holds bytes that are not text in the file’s encoding. "
                                      "Choose the file’s encoding and try again."));
}

/* ---- Decoding --------------------------------------------------------- */

/* How many bytes at the end of @data start a UTF-8 character that the next block completes. */
static gsize
utf8_incomplete_tail (const char *data,
                      gsize       length)
{
  for (gsize i = 1; i <= MIN (3, length); i++)
    {
      guchar b = data[length - i];
      gsize needed;

      if ((b & 0xC0) == 0x80)
        continue;
      needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return needed > i ? i : 0;
    }
  return 0;
}

static Decoder *
decoder_new (const char *encoding)
{
  Decoder *decoder = g_new0 (Decoder, 1);

  decoder->conv = is_utf8_name (encoding) ? (GIConv) -1 : g_iconv_open ("UTF-8", encoding);
  return decoder;
}

static void
keep_carry (Decoder    *decoder,
            const char *data,
            gsize       length)
{
  g_assert (length <= CARRY_MAX);
  memcpy (decoder->carry, data, length);
  decoder->n_carry = length;
}

static gboolean
unknown_encoding (OporaReader  *reader,
                  GError      **error)
{
  return opora_reader_set_error_at (reader, error, OPORA_ERROR_INVALID, G_MAXUINT32, G_MAXUINT32,
                                    _("Opora does not know this text encoding. "
                                      "Choose another one, such as UTF-8 or CP1251."));
}

static gboolean
conversion_failed (CsvParser  *parser,
                   GError    **error)
{
  g_autofree char *message =
    g_strdup_printf (_("This part of the file is not text in the %s encoding. "
                       "Choose the file’s encoding and try again."), parser->reader->encoding);

  return opora_reader_set_error_at (parser->reader, error, OPORA_ERROR_FORMAT, parser->row, parser->col, message);
}

static gboolean
decode_iconv (Decoder     *decoder,
              CsvParser   *parser,
              char        *data,
              gsize        length,
              gboolean     eof,
              GError     **error)
{
  gsize wanted = MIN (OUT_SIZE, 3 * length + 16);

  if (decoder->out_size < wanted)
    {
      decoder->out_size = wanted;
      decoder->out = g_realloc (decoder->out, wanted);
    }
  while (length > 0)
    {
      char *out = decoder->out;
      gsize out_left = decoder->out_size;
      gsize result = g_iconv (decoder->conv, &data, &length, &out, &out_left);
      int saved_errno = errno;

      if (!feed_utf8 (parser, decoder->out, out - decoder->out, error))
        return FALSE;
      if (result != (gsize) -1 || saved_errno == E2BIG)
        continue;
      if (saved_errno == EINVAL && !eof && length <= CARRY_MAX)
        {
          keep_carry (decoder, data, length);
          return TRUE;
        }
      return conversion_failed (parser, error);
    }
  return TRUE;
}

/* Decodes @length bytes (the carry from the last block comes first in @data) and parses them. */
static gboolean
decode (Decoder    *decoder,
        CsvParser  *parser,
        char       *data,
        gsize       length,
        gboolean    eof,
        GError    **error)
{
  gsize tail;

  decoder->n_carry = 0;
  if (decoder->conv != (GIConv) -1)
    return decode_iconv (decoder, parser, data, length, eof, error);
  tail = eof ? 0 : utf8_incomplete_tail (data, length);
  keep_carry (decoder, data + length - tail, tail);
  return feed_utf8 (parser, data, length - tail, error);
}

static gboolean
pump (OporaReader   *reader,
      GInputStream  *stream,
      Decoder       *decoder,
      CsvParser     *parser,
      GError       **error)
{
  gsize size = SMALL_SIZE;
  g_autofree char *block = g_malloc (CARRY_MAX + size);
  gboolean eof = FALSE;

  while (!eof)
    {
      char *start;
      gsize length = 0;

      if (!read_block (reader, stream, block + CARRY_MAX, size, &length, &eof, error))
        return FALSE;
      start = block + CARRY_MAX - decoder->n_carry;
      memcpy (start, decoder->carry, decoder->n_carry);
      if (!decode (decoder, parser, start, decoder->n_carry + length, eof, error))
        return FALSE;
      /* Small files get small buffers; large ones are read in large blocks. */
      if (!eof && size < BLOCK_SIZE)
        {
          size = BLOCK_SIZE;
          block = g_realloc (block, CARRY_MAX + size);
        }
    }
  return csv_parser_finish (parser, error);
}

static gboolean
opora_csv_reader_read_sheet (OporaReader   *reader,
                             guint          index,
                             OporaRowFunc   func,
                             gpointer       user_data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(Decoder) decoder = NULL;
  g_autoptr(CsvParser) parser = NULL;

  g_assert (index == 0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  stream = open_stream (reader, error);
  if (stream == NULL)
    return FALSE;
  decoder = decoder_new (reader->encoding);
  if (decoder->conv == (GIConv) -1 && !is_utf8_name (reader->encoding))
    return unknown_encoding (reader, error);
  parser = csv_parser_new (reader, func, user_data, cancellable);
  return pump (reader, stream, decoder, parser, error);
}

/* ---- Detection -------------------------------------------------------- */

/* Whether @data is UTF-8, allowing NUL bytes (the reading reports those with their cell). */
static gboolean
utf8_valid_with_nuls (const char *data,
                      gsize       length)
{
  const char *end = data + length;
  const char *valid_end = NULL;

  while (!utf8_validate (data, end - data, &valid_end))
    {
      if (*valid_end != '\0')
        return FALSE;
      data = valid_end + 1;
    }
  return TRUE;
}

/* Whether the file is UTF-8: @head is its first @length bytes, @stream the rest. */
static gboolean
is_utf8 (OporaReader   *reader,
         GInputStream  *stream,
         const char    *head,
         gsize          length,
         gboolean       eof,
         gboolean      *result,
         GError       **error)
{
  g_autofree char *block = NULL;
  gsize tail = eof ? 0 : utf8_incomplete_tail (head, length);

  *result = utf8_valid_with_nuls (head, length - tail);
  if (!*result || eof)
    return TRUE;
  block = g_malloc (CARRY_MAX + BLOCK_SIZE);
  memcpy (block + CARRY_MAX - tail, head + length - tail, tail);
  while (*result && !eof)
    {
      char *start;
      gsize n = 0;

      if (!read_block (reader, stream, block + CARRY_MAX, BLOCK_SIZE, &n, &eof, error))
        return FALSE;
      start = block + CARRY_MAX - tail;
      n += tail;
      tail = eof ? 0 : utf8_incomplete_tail (start, n);
      *result = utf8_valid_with_nuls (start, n - tail);
      memmove (block + CARRY_MAX - tail, start + n - tail, tail);
    }
  return TRUE;
}

/* How much @data reads like Russian in KOI8-R (@koi8) or Windows-1251:
 * each letter adds its frequency weight, and a capital right after a
 * lowercase letter («шКОЛА», what the other encoding makes of «Школа»)
 * costs CASE_PENALTY. */
static int
russian_score (const guchar *data,
               gsize         length,
               gboolean      koi8)
{
  int score = 0;
  gboolean previous_lower = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guint k = data[i] & 0x1F;
      gboolean high = data[i] >= 0xE0;
      gboolean lower = koi8 ? !high : high;

      if (data[i] < 0xC0)
        {
          previous_lower = FALSE;
          continue;
        }
      score += letter_weights[koi8 ? koi8_letters[k] : k];
      if (previous_lower && !lower)
        score -= CASE_PENALTY;
      previous_lower = lower;
    }
  return score;
}

static const char *
guess_single_byte (const char *head,
                   gsize       length)
{
  int cp1251 = russian_score ((const guchar *) head, length, FALSE);
  int koi8 = russian_score ((const guchar *) head, length, TRUE);

  return koi8 > cp1251 ? "KOI8-R" : "CP1251";
}

static gboolean
detect_encoding (OporaReader   *reader,
                 GInputStream  *stream,
                 const char    *head,
                 gsize          length,
                 gboolean       eof,
                 GError       **error)
{
  const guchar *bytes = (const guchar *) head;
  gboolean utf8 = FALSE;

  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    reader->encoding = g_strdup ("UTF-8");
  else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    reader->encoding = g_strdup ("UTF-16LE");
  else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    reader->encoding = g_strdup ("UTF-16BE");
  else if (!is_utf8 (reader, stream, head, length, eof, &utf8, error))
    return FALSE;
  else
    reader->encoding = g_strdup (utf8 ? "UTF-8" : guess_single_byte (head, length));
  return TRUE;
}

/* Decodes as much of @head as converts cleanly; enough to look at its first records. */
static char *
decode_head (const char *encoding,
             const char *head,
             gsize       length,
             gsize      *out_length)
{
  GIConv conv;
  char *in = (char *) head;
  gsize in_left = length;
  gsize out_size = 4 * length + 4;
  char *text = g_malloc (out_size);
  char *out = text;
  gsize out_left = out_size;

  if (is_utf8_name (encoding))
    {
      *out_length = length - utf8_incomplete_tail (head, length);
      memcpy (text, head, *out_length);
      return text;
    }
  /* The encoding was checked when the reader opened; a failure here only shortens the sample. */
  conv = g_iconv_open ("UTF-8", encoding);
  if (conv != (GIConv) -1)
    {
      g_iconv (conv, &in, &in_left, &out, &out_left);
      g_iconv_close (conv);
    }
  *out_length = out - text;
  return text;
}

/* Counts the fields of the first records of @text split by @separator,
 * respecting quotes. Blank records are left out, and so is a last record
 * that @text cuts off unless @complete. Returns the number counted. */
static guint
count_fields (const char *text,
              gsize       length,
              gboolean    complete,
              char        separator,
              guint      *counts)
{
  guint n = 0, fields = 1;
  gsize record_bytes = 0;
  gboolean quoted = FALSE, field_start = TRUE;

  for (gsize i = 0; i < length && n < SAMPLE_RECORDS; i++)
    {
      char c = text[i];

      record_bytes++;
      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            i++;
          else if (c == '"')
            quoted = FALSE;
          continue;
        }
      if (c == '"' && field_start)
        quoted = TRUE;
      field_start = c == separator;
      fields += c == separator;
      if (c != '\n' && c != '\r')
        continue;
      if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
        i++;
      if (record_bytes > 1)
        counts[n++] = fields;
      fields = 1;
      record_bytes = 0;
      field_start = TRUE;
    }
  if (complete && record_bytes > 0 && !quoted && n < SAMPLE_RECORDS)
    counts[n++] = fields;
  return n;
}

/* The most frequent field count above 1 in @counts (the larger on a tie), and how often it occurs. */
static void
most_common_count (const guint *counts,
                   guint        n,
                   guint       *fields,
                   guint       *frequency)
{
  *fields = 0;
  *frequency = 0;
  for (guint i = 0; i < n; i++)
    {
      guint f = 0;

      if (counts[i] <= 1)
        continue;
      for (guint j = 0; j < n; j++)
        f += counts[j] == counts[i];
      if (f > *frequency || (f == *frequency && counts[i] > *fields))
        {
          *fields = counts[i];
          *frequency = f;
        }
    }
}

/* The candidate whose most common field count (above 1) occurs in the most
 * of the first records; on a tie the one giving more fields, then the first
 * of ; , tab |. A table of one column gets ';'. */
static char
detect_separator (const char *text,
                  gsize       length,
                  gboolean    complete)
{
  char best = ';';
  guint best_fields = 0, best_frequency = 0;

  for (guint c = 0; c < G_N_ELEMENTS (separator_candidates); c++)
    {
      guint counts[SAMPLE_RECORDS];
      guint n = count_fields (text, length, complete, separator_candidates[c], counts);
      guint fields, frequency;

      most_common_count (counts, n, &fields, &frequency);
      if (frequency > best_frequency || (frequency == best_frequency && fields > best_fields))
        {
          best = separator_candidates[c];
          best_fields = fields;
          best_frequency = frequency;
        }
    }
  return best;
}

static gboolean
check_options (OporaReader             *reader,
               const OporaReadOptions  *options,
               GError                 **error)
{
  GIConv conv;
  guchar separator = options->separator;

  if (separator != 0 && (separator == '"' || separator == '\r' || separator == '\n' || separator >= 0x80))
    return opora_reader_set_error_at (reader, error, OPORA_ERROR_INVALID, G_MAXUINT32, G_MAXUINT32,
                                      _("This character cannot separate columns. Choose ; , | or tab."));
  if (options->encoding == NULL || is_utf8_name (options->encoding))
    return TRUE;
  conv = g_iconv_open ("UTF-8", options->encoding);
  if (conv != (GIConv) -1)
    {
      g_iconv_close (conv);
      return TRUE;
    }
  return unknown_encoding (reader, error);
}

static void
add_sheet_named_after_file (OporaReader *reader)
{
  g_autofree char *name = g_path_get_basename (reader->path);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  opora_reader_add_sheet (reader, name, FALSE);
}

static const OporaReaderClass csv_reader_class = {
  "csv",
  opora_csv_reader_read_sheet,
  NULL,
};

/* Reads the first HEAD_SIZE bytes of the file, or all of a smaller one, into a buffer that fits. */
static char *
read_head (OporaReader   *reader,
           GInputStream  *stream,
           gsize         *length,
           gboolean      *eof,
           GError       **error)
{
  g_autofree char *head = g_malloc (SMALL_SIZE);
  gsize more = 0;

  if (!read_block (reader, stream, head, SMALL_SIZE, length, eof, error))
    return NULL;
  if (*eof)
    return g_steal_pointer (&head);
  head = g_realloc (head, HEAD_SIZE);
  if (!read_block (reader, stream, head + SMALL_SIZE, HEAD_SIZE - SMALL_SIZE, &more, eof, error))
    return NULL;
  *length += more;
  return g_steal_pointer (&head);
}

/* Detects what @options leaves open, reading the head of @stream and, to tell UTF-8, the rest. */
static gboolean
detect (OporaReader             *reader,
        GInputStream            *stream,
        const OporaReadOptions  *options,
        GError                 **error)
{
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  gsize length = 0, text_length = 0;
  gboolean eof = FALSE;

  head = read_head (reader, stream, &length, &eof, error);
  if (head == NULL)
    return FALSE;
  if (options->encoding != NULL)
    reader->encoding = g_strdup (options->encoding);
  else if (!detect_encoding (reader, stream, head, length, eof, error))
    return FALSE;
  reader->separator = options->separator;
  if (reader->separator != 0)
    return TRUE;
  text = decode_head (reader->encoding, head, length, &text_length);
  reader->separator = detect_separator (text, text_length, eof);
  return TRUE;
}

/**
 * opora_csv_reader_open:
 * @path: a text table
 * @options: the encoding and separator, each %NULL/0 to detect
 *
 * Opens a CSV, TSV or TXT file as one sheet named after the file. The
 * encoding is detected from a BOM (UTF-8, UTF-16LE, UTF-16BE), else by
 * checking that the whole file is UTF-8, else by scoring its head as
 * Russian text in CP1251 and in KOI8-R. The separator is the one among
 * ; , tab | that splits the first 50 records most consistently.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
OporaReader *
opora_csv_reader_open (const char              *path,
                       const OporaReadOptions  *options,
                       GError                 **error)
{
  g_autoptr(OporaReader) reader = NULL;
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  reader = (OporaReader *) g_new0 (OporaCsvReader, 1);
  opora_reader_init (reader, &csv_reader_class, path);
  if (!check_options (reader, options, error))
    return NULL;
  stream = open_stream (reader, error);
  if (stream == NULL || !detect (reader, stream, options, error))
    return NULL;
  add_sheet_named_after_file (reader);
  return g_steal_pointer (&reader);
}
