/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of reading and writing numbers as Russian spreadsheets write them, in English and Russian. */

#include <locale.h>
#include <math.h>

#include "opora-number.h"

static void
test_numbers (void)
{
  static const struct { const char *text; double value; } cases[] = {
    { "0", 0 }, { "42", 42 }, { "71,5", 71.5 }, { "71.5", 71.5 }, { " 71,5 ", 71.5 },
    { "1 234,5", 1234.5 }, { "1\u00A0234,5", 1234.5 }, { "1\u202F234", 1234 },
    { "12 345 678", 12345678 }, { "56,3 %", 56.3 }, { "56,3%", 56.3 }, { "100%", 100 },
    { "-2", -2 }, { "\u22122,5", -2.5 }, { "+3", 3 }, { ",5", 0.5 }, { "5,", 5 },
    { "1e3", 1000 }, { "1,5E-2", 0.015 }, { "0001", 1 },
    /* The fast path and strtod must agree to the last bit. */
    { "0,1", 0.1 }, { "71,3", 71.3 }, { "-0,3", -0.3 }, { "99,99", 99.99 },
    { "123456789012345", 123456789012345.0 }, { "1234567890123456", 1234567890123456.0 },
    { "0,000000000000001", 1e-15 }, { "4,019999999999999", 4.019999999999999 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -1;

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (opora_number_parse (cases[i].text, &value), ==, OPORA_NUMBER_OK);
      g_assert_cmpfloat (value, ==, cases[i].value);
    }
}

static void
test_missing (void)
{
  static const char *cases[] = {
    NULL, "", "   ", "-", "—", "–", "н/д", "Н/Д", "нет данных", "Нет данных", "x", "Х", "#Н/Д", "n/a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = 7;

      g_test_message ("“%s”", cases[i] ? cases[i] : "(null)");
      g_assert_cmpint (opora_number_parse (cases[i], &value), ==, OPORA_NUMBER_MISSING);
      g_assert_cmpfloat (value, ==, 7);
    }
}

static void
test_invalid (void)
{
  static const char *cases[] = {
    "пять", "12,3,4", "1.234,5", "12 кг", "5 %%", "%5", "--5", "1e", "inf", "nan", "1e999", "+", ".", "5-",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value;

      g_test_message ("“%s”", cases[i]);
      g_assert_cmpint (opora_number_parse (cases[i], &value), ==, OPORA_NUMBER_INVALID);
    }
}

static const struct {
  double value;
  int decimals;
  OporaNumberFormatFlags flags;
  const char *c, *ru;
} formatted[] = {
  { 0.5, 1, OPORA_NUMBER_FORMAT_GROUP, "0.5", "0,5" },
  { -1.25, 2, OPORA_NUMBER_FORMAT_GROUP, "\u22121.25", "\u22121,25" },
  { -0.0001, 1, OPORA_NUMBER_FORMAT_GROUP, "0.0", "0,0" },
  { -0.004, 2, OPORA_NUMBER_FORMAT_PLUS, "0.00", "0,00" },
  { 0.004, 2, OPORA_NUMBER_FORMAT_PLUS, "0.00", "0,00" },
  { 0.026, 3, OPORA_NUMBER_FORMAT_PLUS, "+0.026", "+0,026" },
  { -3, 0, OPORA_NUMBER_FORMAT_PLUS, "\u22123", "\u22123" },
  { 1000, 0, OPORA_NUMBER_FORMAT_GROUP, "1000", "1000" },
  { 12345, 0, OPORA_NUMBER_FORMAT_GROUP, "12345", "12\u202F345" },
  { 12345, 0, 0, "12345", "12345" },
  { 12345.5, 1, OPORA_NUMBER_FORMAT_GROUP | OPORA_NUMBER_FORMAT_PLUS, "+12345.5", "+12\u202F345,5" },
  { -1234567.5, 1, OPORA_NUMBER_FORMAT_GROUP, "\u22121234567.5", "\u22121\u202F234\u202F567,5" },
  { 56.26, 1, 0, "56.3", "56,3" },
  { NAN, 1, OPORA_NUMBER_FORMAT_GROUP, "—", "—" },
  { INFINITY, 0, 0, "—", "—" },
};

/* Under C, whose thousands separator is empty: nothing is grouped. */
static void
test_format_c (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formatted); i++)
    {
      g_autofree char *text = opora_number_format (formatted[i].value, formatted[i].decimals, formatted[i].flags);
      g_assert_cmpstr (text, ==, formatted[i].c);
    }
}

static void
test_format_russian (void)
{
  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formatted); i++)
    {
      g_autofree char *text = opora_number_format (formatted[i].value, formatted[i].decimals, formatted[i].flags);
      g_assert_cmpstr (text, ==, formatted[i].ru);
    }
  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/number/numbers", test_numbers);
  g_test_add_func ("/core/number/missing", test_missing);
  g_test_add_func ("/core/number/invalid", test_invalid);
  g_test_add_func ("/core/number/format-c", test_format_c);
  g_test_add_func ("/core/number/format-russian", test_format_russian);

  return g_test_run ();
}
