/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding a sheet's header rows, combining multi-row headers, and the column mapping. */

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "opora-column-match.h"
#include "opora-error.h"
#include "opora-layout.h"
#include "opora-number.h"

#define NO_ROW G_MAXUINT32

static void
target_clear (OporaTarget *target)
{
  g_clear_pointer (&target->indicator_key, g_free);
}

void
opora_layout_free (OporaLayout *layout)
{
  if (layout == NULL)
    return;
  g_ptr_array_unref (layout->headers);
  g_array_unref (layout->targets);
  g_free (layout);
}

/**
 * opora_header_normalise:
 * @text: a header or any label
 *
 * Folds a header for matching: lower case, ё → е, "%" → "процент", every
 * other punctuation («», quotes, №, brackets, dashes) → one space.
 * "ВПР, Математика 5 класс: доля «2», %" → "впр математика 5 класс доля 2 процент".
 *
 * Returns: (transfer full): the folded text
 */
char *
opora_header_normalise (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0451)  /* ё */
        c = 0x0435;
      if (c == '%')
        {
          g_string_append (out, space ? "процент " : " процент ");
          space = TRUE;
        }
      else if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * opora_year_from_text:
 * @text: a sheet name or a cell, e.g. "2024", "2023-2024", "2023/24 уч. год", "ЕГЭ 2025 г."
 *
 * A school year written as two years is its exam year, the second one:
 * "2023/24" → 2024, "2023-2024" → 2024; a single year is itself.
 *
 * Returns: the exam year, or 0 when @text names none (1990–2100)
 */
int
opora_year_from_text (const char *text)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  int year;

  /* The usual cell of a year column: four digits and nothing else. */
  if (text != NULL && strlen (text) == 4 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]))
    return atoi (text) >= 1990 && atoi (text) <= 2100 ? atoi (text) : 0;
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("(?<![0-9])((?:19|20)[0-9]{2})(?:\\s*[-–/]\\s*((?:19|20)?[0-9]{2}))?(?![0-9])",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  if (text == NULL || !g_regex_match (re, text, 0, &match))
    return 0;
  first = g_match_info_fetch (match, 1);
  second = g_match_info_fetch (match, 2);
  year = atoi (first);
  if (second != NULL && *second != '\0')
    {
      int next = atoi (second);
      if (next < 100)
        next += year / 100 * 100;
      if (next == year + 1)
        year = next;
    }
  return year >= 1990 && year <= 2100 ? year : 0;
}

typedef struct {
  guint n_cells;
  guint n_numbers;   /* numbers, or text that reads as one */
  gboolean numbering;
} RowKind;

static gboolean
cell_is_number (const OporaCell *cell,
                double          *value)
{
  if (cell->type == OPORA_CELL_NUMBER)
    {
      *value = cell->number;
      return TRUE;
    }
  return cell->type == OPORA_CELL_TEXT && opora_number_parse (cell->text, value) == OPORA_NUMBER_OK;
}

/* A row of column numbers under an official form's header: 1, 2, 3, … */
static RowKind
classify_row (OporaSheet *sheet,
              guint       index)
{
  RowKind kind = { 0, 0, TRUE };
  double expected = 1;

  for (guint32 col = 0; col < opora_sheet_get_n_cols (sheet); col++)
    {
      const OporaCell *cell = opora_sheet_get_cell (sheet, index, col);
      double value;

      if (cell == NULL)
        continue;
      kind.n_cells++;
      if (cell_is_number (cell, &value))
        kind.n_numbers++;
      else
        value = -1;
      kind.numbering = kind.numbering && value == expected;
      expected++;
    }
  kind.numbering = kind.numbering && kind.n_cells >= 3;
  return kind;
}

static gboolean
is_data_row (const RowKind *kind)
{
  return !kind->numbering && kind->n_numbers >= 1 && kind->n_numbers * 5 >= kind->n_cells * 2;
}

/* The header is the block of rows with two or more cells above the first
 * data row; single-cell rows at the top are titles. */
static void
find_rows (OporaSheet  *sheet,
           OporaLayout *layout,
           guint       *first_data_index)
{
  guint n = opora_sheet_get_n_rows (sheet);
  guint data = n;

  for (guint i = 0; i < n && data == n; i++)
    {
      RowKind kind = classify_row (sheet, i);
      if (is_data_row (&kind))
        data = i;
      else if (kind.numbering)
        layout->numbering_row = opora_sheet_get_row (sheet, i);
      else if (kind.n_cells >= 2 && layout->header_first == NO_ROW)
        layout->header_first = opora_sheet_get_row (sheet, i);
    }
  *first_data_index = data;
  layout->first_data_row = data < n ? opora_sheet_get_row (sheet, data) : NO_ROW;
  for (guint i = data; i-- > 0;)
    if (opora_sheet_get_row (sheet, i) != layout->numbering_row &&
        layout->header_first != NO_ROW && opora_sheet_get_row (sheet, i) >= layout->header_first)
      {
        layout->header_last = opora_sheet_get_row (sheet, i);
        break;
      }
  if (layout->header_last == NO_ROW)
    layout->header_first = NO_ROW;
}

static const char *
merged_text (OporaSheet *sheet,
             guint       index,
             guint32     col)
{
  GArray *merges = opora_sheet_get_merges (sheet);
  guint32 row = opora_sheet_get_row (sheet, index);

  for (guint m = 0; m < merges->len; m++)
    {
      OporaMerge *merge = &g_array_index (merges, OporaMerge, m);
      if (row >= merge->first_row && row <= merge->last_row &&
          col >= merge->first_col && col <= merge->last_col &&
          (row != merge->first_row || col != merge->first_col))
        for (guint i = 0; i <= index; i++)
          if (opora_sheet_get_row (sheet, i) == merge->first_row)
            {
              const OporaCell *cell = opora_sheet_get_cell (sheet, i, merge->first_col);
              return cell != NULL ? cell->text : NULL;
            }
    }
  return NULL;
}

/* The text of a header cell; an empty cell of an upper header row inside a
 * group ("ВПР математика 5 класс" over its sub-columns) takes the group's
 * text, from a merge or, without merges (CSV), from the nearest text to its
 * left when both columns have sub-headers below. */
static char *
header_cell (OporaSheet *sheet,
             guint       index,
             guint       last_index,
             guint32     col)
{
  const OporaCell *cell = opora_sheet_get_cell (sheet, index, col);
  const char *merged;

  if (cell != NULL)
    return opora_sheet_dup_text (sheet, index, col);
  if ((merged = merged_text (sheet, index, col)) != NULL)
    return g_strdup (merged);
  if (index == last_index || opora_sheet_get_cell (sheet, last_index, col) == NULL)
    return NULL;
  for (guint32 left = col; left-- > 0;)
    {
      if (opora_sheet_get_cell (sheet, last_index, left) == NULL)
        return NULL;
      if (opora_sheet_get_cell (sheet, index, left) != NULL)
        return opora_sheet_dup_text (sheet, index, left);
    }
  return NULL;
}

static void
combine_headers (OporaSheet  *sheet,
                 OporaLayout *layout,
                 guint        first_data_index)
{
  guint first = G_MAXUINT, last = 0;

  for (guint i = 0; i < first_data_index; i++)
    {
      guint32 row = opora_sheet_get_row (sheet, i);
      if (layout->header_first != NO_ROW && row >= layout->header_first && row <= layout->header_last)
        {
          first = MIN (first, i);
          last = MAX (last, i);
        }
    }
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      GString *text = g_string_new (NULL);

      for (guint i = first; first != G_MAXUINT && i <= last; i++)
        {
          g_autofree char *part = NULL;
          if (opora_sheet_get_row (sheet, i) == layout->numbering_row ||
              (part = header_cell (sheet, i, last, col)) == NULL)
            continue;
          g_strstrip (part);
          if (*part != '\0' && !strstr (text->str, part))
            g_string_append_printf (text, "%s%s", text->len ? " / " : "", part);
        }
      g_ptr_array_add (layout->headers, g_string_free (text, FALSE));
    }
}

/* Maps every column; when two columns name the same indicator, the more
 * certain one keeps it and the other is left for the user. */
static void
match_columns (OporaLayout *layout,
               GPtrArray   *indicators)
{
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      g_autofree char *header = opora_header_normalise (layout->headers->pdata[col]);
      OporaTarget match = opora_column_match (header, indicators);

      if (match.kind != OPORA_TARGET_IGNORE && match.confidence >= 0.6)
        {
          gint other = match.kind == OPORA_TARGET_INDICATOR ? -1 : opora_layout_find_column (layout, match.kind);
          for (guint32 c = 0; c < col && match.kind == OPORA_TARGET_INDICATOR; c++)
            if (g_strcmp0 (opora_layout_get_target (layout, c)->indicator_key, match.indicator_key) == 0)
              other = c;
          if (other >= 0 && opora_layout_get_target (layout, other)->confidence >= match.confidence)
            continue;
          if (other >= 0)
            opora_layout_set_target (layout, other, OPORA_TARGET_IGNORE, NULL);
          opora_layout_set_target (layout, col, match.kind, match.indicator_key);
          g_array_index (layout->targets, OporaTarget, col).confidence = match.confidence;
        }
    }
}

/**
 * opora_layout_detect:
 * @sheet: the first rows of a sheet (30 or so are enough)
 * @indicators: (element-type OporaIndicator): the catalogue
 *
 * Finds the title rows, the header (one to three rows, merged group cells
 * spread over their sub-columns), a row of column numbers under it, and the
 * first data row; then guesses each column's target from its header.
 *
 * Returns: (transfer full): the layout; columns that matched nothing are
 *   %OPORA_TARGET_IGNORE
 */
OporaLayout *
opora_layout_detect (OporaSheet *sheet,
                     GPtrArray  *indicators)
{
  OporaLayout *layout = g_new0 (OporaLayout, 1);
  guint first_data_index = 0;

  layout->header_first = layout->header_last = layout->numbering_row = NO_ROW;
  layout->n_cols = opora_sheet_get_n_cols (sheet);
  layout->headers = g_ptr_array_new_with_free_func (g_free);
  layout->targets = g_array_new (FALSE, TRUE, sizeof (OporaTarget));
  g_array_set_clear_func (layout->targets, (GDestroyNotify) target_clear);
  g_array_set_size (layout->targets, layout->n_cols);

  find_rows (sheet, layout, &first_data_index);
  combine_headers (sheet, layout, first_data_index);
  match_columns (layout, indicators);
  return layout;
}

void
opora_layout_set_target (OporaLayout     *layout,
                         guint32          col,
                         OporaTargetKind  kind,
                         const char      *indicator_key)
{
  OporaTarget *target;

  g_return_if_fail (layout != NULL && col < layout->n_cols);
  g_return_if_fail ((kind == OPORA_TARGET_INDICATOR) == (indicator_key != NULL));
  target = &g_array_index (layout->targets, OporaTarget, col);
  target_clear (target);
  target->kind = kind;
  target->indicator_key = g_strdup (indicator_key);
  target->confidence = kind == OPORA_TARGET_IGNORE ? 0 : 1;
}

const OporaTarget *
opora_layout_get_target (OporaLayout *layout,
                         guint32      col)
{
  g_return_val_if_fail (layout != NULL && col < layout->n_cols, NULL);
  return &g_array_index (layout->targets, OporaTarget, col);
}

/**
 * opora_layout_find_column:
 * @layout: a layout
 * @kind: a school field (not %OPORA_TARGET_INDICATOR)
 *
 * Returns: the column mapped to @kind, or -1
 */
gint
opora_layout_find_column (OporaLayout     *layout,
                          OporaTargetKind  kind)
{
  for (guint32 col = 0; col < layout->n_cols; col++)
    if (opora_layout_get_target (layout, col)->kind == kind)
      return col;
  return -1;
}

/**
 * opora_layout_signature:
 * @layout: a layout
 *
 * Two files with the same headers (after opora_header_normalise()) have the
 * same signature, so a saved mapping can be offered again.
 *
 * Returns: (transfer full): a SHA-256 in hex
 */
char *
opora_layout_signature (OporaLayout *layout)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      g_autofree char *header = opora_header_normalise (layout->headers->pdata[col]);
      g_checksum_update (sum, (const guchar *) header, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static const char *target_names[] = { "ignore", "code", "name", "municipality", "year", "indicator",
                                      "indicator_name", "value" };

/**
 * opora_layout_mapping_to_json:
 * @layout: a layout
 *
 * The mapping as saved in a preset: `[{"col":0,"target":"code"},
 * {"col":3,"target":"indicator","key":"ege_rus_avg"}]`, ignored columns left out.
 *
 * Returns: (transfer full): the JSON text
 */
char *
opora_layout_mapping_to_json (OporaLayout *layout)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint32 col = 0; col < layout->n_cols; col++)
    {
      const OporaTarget *t = opora_layout_get_target (layout, col);
      if (t->kind == OPORA_TARGET_IGNORE)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "col");
      json_builder_add_int_value (b, col);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, target_names[t->kind]);
      if (t->indicator_key != NULL)
        {
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, t->indicator_key);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
kind_from_name (const char      *name,
                OporaTargetKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_names); i++)
    if (g_strcmp0 (name, target_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * opora_layout_apply_mapping:
 * @layout: a layout
 * @json: a mapping from opora_layout_mapping_to_json()
 *
 * Replaces every column's target with the saved mapping's.
 *
 * Returns: %TRUE on success; on error the layout is unchanged
 */
gboolean
opora_layout_apply_mapping (OporaLayout  *layout,
                            const char   *json,
                            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    goto invalid;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      OporaTargetKind kind = OPORA_TARGET_IGNORE;
      if (o == NULL || json_object_get_int_member_with_default (o, "col", -1) < 0 ||
          json_object_get_int_member (o, "col") >= layout->n_cols ||
          !kind_from_name (json_object_get_string_member_with_default (o, "target", NULL), &kind) ||
          (kind == OPORA_TARGET_INDICATOR) != json_object_has_member (o, "key"))
        goto invalid;
    }
  for (guint32 col = 0; col < layout->n_cols; col++)
    opora_layout_set_target (layout, col, OPORA_TARGET_IGNORE, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      OporaTargetKind kind = OPORA_TARGET_IGNORE;
      kind_from_name (json_object_get_string_member (o, "target"), &kind);
      opora_layout_set_target (layout, json_object_get_int_member (o, "col"), kind,
                               json_object_get_string_member_with_default (o, "key", NULL));
    }
  return TRUE;

invalid:
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               _("The saved column mapping does not fit this file. Map the columns again."));
  return FALSE;
}
