/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers as people write them: parsing decimal comma or point, grouped thousands and percent
 * signs; formatting with the locale's separators and a true minus sign. */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "opora-number.h"

/* Texts that mean "no data", compared after trimming and folding case. */
static const char *placeholders[] = {
  "-", "–", "—", "−", "--", "---", "н/д", "нд", "н.д.", "нет", "нет данных", "отс.", "отсутствует",
  "x", "х", "n/a", "na", "#н/д", "#n/a", "-/-",
};

static gboolean
is_placeholder (const char *trimmed)
{
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strcmp (folded, placeholders[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Spaces people and programs put between groups of digits. */
static gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\'';
}

/* Copies @text into @out as ASCII for g_ascii_strtod: the decimal comma
 * becomes a point, group spaces go, a Unicode minus becomes '-'. A trailing
 * '%' is dropped (the value is already in percent). Returns FALSE on any
 * character a number cannot have. */
static gboolean
normalise (const char *text,
           GString    *out)
{
  gboolean seen_separator = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c) || c == 'e' || c == 'E' || c == '+')
        g_string_append_c (out, (char) c);
      else if (c == '-' || c == 0x2212)
        g_string_append_c (out, '-');
      else if (c == ',' || c == '.')
        {
          if (seen_separator)
            return FALSE;
          seen_separator = TRUE;
          g_string_append_c (out, '.');
        }
      else if (is_group_space (c))
        continue;
      else if (c == '%' && p[1] == '\0')
        break;
      else
        return FALSE;
    }
  return out->len > 0;
}

/**
 * opora_number_read_plain:
 * @text: where a number may start
 * @decimal_comma: whether a comma, like a point, separates the decimals
 * @value: (out): the number read
 *
 * Reads the common case without allocating or strtod: ASCII digits with
 * one optional leading minus and one decimal separator, at most 15
 * digits. The digits make an exact integer and 10^decimals is exact, so
 * one division gives the correctly rounded double — the one strtod gives
 * (Clinger's fast path). Reading stops at the first other character.
 *
 * Returns: (nullable): what follows the number, or %NULL when @text does
 *   not start with one of this shape (no digit, more than 15)
 */
const char *
opora_number_read_plain (const char *text,
                         gboolean    decimal_comma,
                         double     *value)
{
  static const double powers[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
  const char *p = text;
  gboolean negative = *p == '-', separator = FALSE;
  guint64 mantissa = 0;
  int digits = 0, decimals = 0;

  if (negative)
    p++;
  for (;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (++digits > 15)
            return NULL;
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          decimals += separator;
        }
      else if ((*p == '.' || (decimal_comma && *p == ',')) && !separator)
        separator = TRUE;
      else
        break;
    }
  if (digits == 0)
    return NULL;
  *value = (double) mantissa / powers[decimals];
  if (negative)
    *value = -*value;
  return p;
}

/* The whole of @text is a plain number (see opora_number_read_plain()). */
static gboolean
parse_plain (const char *text,
             double     *value)
{
  const char *end = opora_number_read_plain (text, TRUE, value);

  return end != NULL && *end == '\0';
}

/**
 * opora_number_parse:
 * @text: (nullable): a cell's text
 * @value: (out): the number, when %OPORA_NUMBER_OK
 *
 * Reads a number the way Russian tables write them. Examples:
 * "1 234,5" → 1234.5; "56,3 %" → 56.3; "−2" → -2; "0.5" → 0.5;
 * "" and "н/д" → missing; "12,3,4" and "пять" → invalid. A comma is always
 * the decimal separator (never a thousands one); numbers that are not
 * finite are invalid.
 *
 * Returns: whether @text is a number, missing, or invalid
 */

OporaNumberResult
opora_number_parse (const char *text,
                    double     *value)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GString) ascii = NULL;
  char *end = NULL;

  if (text == NULL)
    return OPORA_NUMBER_MISSING;
  if (parse_plain (text, value))
    return OPORA_NUMBER_OK;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || is_placeholder (trimmed))
    return OPORA_NUMBER_MISSING;

  ascii = g_string_sized_new (strlen (trimmed));
  if (!normalise (trimmed, ascii))
    return OPORA_NUMBER_INVALID;
  *value = g_ascii_strtod (ascii->str, &end);
  if (end == ascii->str || *end != '\0' || !isfinite (*value))
    return OPORA_NUMBER_INVALID;
  return OPORA_NUMBER_OK;
}

/* Inserts @separator into the integer digits of @text from five digits on
 * (printf's ' flag groups four-digit numbers too, which Russian typography
 * leaves whole: 1000, but 10 000). */
static void
group_thousands (GString    *text,
                 const char *separator)
{
  gsize length = strspn (text->str, "0123456789");

  if (length < 5 || separator == NULL || *separator == '\0')
    return;
  for (gssize at = length - 3; at > 0; at -= 3)
    g_string_insert (text, at, separator);
}

/**
 * opora_number_format:
 * @value: a figure; NaN or infinite when missing
 * @decimals: digits after the decimal separator, 0 to 15
 * @flags: a "+" before positive figures, thousands grouped
 *
 * Formats as the user's locale writes numbers (LC_NUMERIC), with a true
 * minus sign; a figure that rounds to zero has no sign. Under C:
 * −1.25, 2 → "−1.25"; 0.026, 3, PLUS → "+0.026"; −0.0001, 1 → "0.0";
 * NaN → "—". Under ru_RU: 0.5, 1 → "0,5"; 12345, 0, GROUP → "12 345"
 * (a narrow no-break space), 1000 stays "1000".
 *
 * Returns: (transfer full): the text
 */
char *
opora_number_format (double                 value,
                     int                    decimals,
                     OporaNumberFormatFlags flags)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean zero;

  g_return_val_if_fail (decimals >= 0 && decimals <= 15, NULL);

  if (!isfinite (value))
    return g_strdup ("—");
  g_string_printf (text, "%.*f", decimals, fabs (value));
  zero = strpbrk (text->str, "123456789") == NULL;
  if (flags & OPORA_NUMBER_FORMAT_GROUP)
    group_thousands (text, localeconv ()->thousands_sep);
  if (!zero && value < 0)
    g_string_prepend (text, "\u2212");
  else if (!zero && value > 0 && (flags & OPORA_NUMBER_FORMAT_PLUS))
    g_string_prepend_c (text, '+');
  return g_string_free (g_steal_pointer (&text), FALSE);
}
