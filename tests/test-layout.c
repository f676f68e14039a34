/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of header detection, header folding, years in names and saved mappings. */

#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-layout.h"

#define N_COLS 7

/* A department's table: a title, a two-row header whose group cells stand
 * over their sub-columns (as CSV keeps them, without merges), a row of
 * column numbers, then the schools and a total row. */
static const char *table[] = {
  "Мониторинг результатов ВПР, 2024 год", NULL, NULL, NULL, NULL, NULL, NULL,
  "Код ОО", "Наименование ОО", "Муниципалитет", "ВПР математика 5 класс", NULL, "ЕГЭ", NULL,
  NULL, NULL, NULL, "доля «2», %", "доля «5», %", "средний балл по русскому языку", "число участников профильная математика",
  "1", "2", "3", "4", "5", "6", "7",
  "040001", "МБОУ «СОШ № 1»", "Берёзовский МО", "12,5", "20", "71,2", "14",
  "040002", "МБОУ «СОШ № 2»", NULL, "8", "25,1", "68", "9",
};

static void
test_detect (void)
{
  g_autoptr(OporaSheet) sheet = opora_sheet_new_from_text (table, G_N_ELEMENTS (table) / N_COLS, N_COLS);
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();
  g_autoptr(OporaLayout) layout = opora_layout_detect (sheet, indicators);
  static const struct { OporaTargetKind kind; const char *key; const char *header; } expected[N_COLS] = {
    { OPORA_TARGET_SCHOOL_CODE,  NULL,            "Код ОО" },
    { OPORA_TARGET_SCHOOL_NAME,  NULL,            "Наименование ОО" },
    { OPORA_TARGET_MUNICIPALITY, NULL,            "Муниципалитет" },
    { OPORA_TARGET_INDICATOR,    "vpr_math5_m2",  "ВПР математика 5 класс / доля «2», %" },
    { OPORA_TARGET_INDICATOR,    "vpr_math5_m5",  "ВПР математика 5 класс / доля «5», %" },
    { OPORA_TARGET_INDICATOR,    "ege_rus_avg",   "ЕГЭ / средний балл по русскому языку" },
    { OPORA_TARGET_INDICATOR,    "ege_mathp_n",   "ЕГЭ / число участников профильная математика" },
  };

  g_assert_cmpuint (layout->header_first, ==, 1);
  g_assert_cmpuint (layout->header_last, ==, 2);
  g_assert_cmpuint (layout->numbering_row, ==, 3);
  g_assert_cmpuint (layout->first_data_row, ==, 4);
  g_assert_cmpuint (layout->n_cols, ==, N_COLS);
  for (guint32 col = 0; col < N_COLS; col++)
    {
      const OporaTarget *t = opora_layout_get_target (layout, col);

      g_test_message ("column %u: %s", col, (char *) layout->headers->pdata[col]);
      g_assert_cmpstr (layout->headers->pdata[col], ==, expected[col].header);
      g_assert_cmpint (t->kind, ==, expected[col].kind);
      g_assert_cmpstr (t->indicator_key, ==, expected[col].key);
      g_assert_cmpfloat (t->confidence, >=, 0.6);
    }
  g_assert_cmpint (opora_layout_find_column (layout, OPORA_TARGET_SCHOOL_CODE), ==, 0);
  g_assert_cmpint (opora_layout_find_column (layout, OPORA_TARGET_YEAR), ==, -1);
}

static void
test_normalise (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "ВПР, Математика 5 класс: доля «2», %", "впр математика 5 класс доля 2 процент" },
    { "  Код  ОО ", "код оо" },
    { "Ёлка № 5", "елка 5" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = opora_header_normalise (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_years (void)
{
  static const struct { const char *text; int year; } cases[] = {
    { "2024", 2024 }, { "ЕГЭ 2025 г.", 2025 }, { "2023-2024", 2024 }, { "2023/24 уч. год", 2024 },
    { "2023–2024 учебный год", 2024 }, { "2019-2021", 2019 }, { "Лист1", 0 }, { "12024", 0 }, { NULL, 0 },
    { "1850", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (opora_year_from_text (cases[i].text), ==, cases[i].year);
}

static void
test_mapping_json (void)
{
  g_autoptr(OporaSheet) sheet = opora_sheet_new_from_text (table, G_N_ELEMENTS (table) / N_COLS, N_COLS);
  g_autoptr(GPtrArray) indicators = opora_indicator_builtin ();
  g_autoptr(OporaLayout) layout = opora_layout_detect (sheet, indicators);
  g_autoptr(OporaLayout) other = opora_layout_detect (sheet, indicators);
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *sig1 = opora_layout_signature (layout);
  g_autofree char *sig2 = opora_layout_signature (other);
  g_autoptr(GError) error = NULL;

  opora_layout_set_target (layout, 6, OPORA_TARGET_IGNORE, NULL);
  opora_layout_set_target (layout, 2, OPORA_TARGET_INDICATOR, "students_total");
  json = opora_layout_mapping_to_json (layout);
  g_assert_cmpstr (json, ==,
    "[{\"col\":0,\"target\":\"code\"},{\"col\":1,\"target\":\"name\"},"
    "{\"col\":2,\"target\":\"indicator\",\"key\":\"students_total\"},"
    "{\"col\":3,\"target\":\"indicator\",\"key\":\"vpr_math5_m2\"},"
    "{\"col\":4,\"target\":\"indicator\",\"key\":\"vpr_math5_m5\"},"
    "{\"col\":5,\"target\":\"indicator\",\"key\":\"ege_rus_avg\"}]");

  g_assert_cmpstr (sig1, ==, sig2);
  g_assert_true (opora_layout_apply_mapping (other, json, &error));
  again = opora_layout_mapping_to_json (other);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpfloat (opora_layout_get_target (other, 2)->confidence, ==, 1.0);

  g_assert_false (opora_layout_apply_mapping (other, "[{\"col\":99,\"target\":\"code\"}]", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_layout_apply_mapping (other, "{not json", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  /* A refused mapping leaves the layout as it was. */
  g_clear_pointer (&again, g_free);
  again = opora_layout_mapping_to_json (other);
  g_assert_cmpstr (again, ==, json);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/layout/detect", test_detect);
  g_test_add_func ("/core/layout/normalise", test_normalise);
  g_test_add_func ("/core/layout/years", test_years);
  g_test_add_func ("/core/layout/mapping-json", test_mapping_json);

  return g_test_run ();
}
