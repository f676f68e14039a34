/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OporaTableRow: cells keep their texts, figures, moods and tooltips as they are set, set again and cleared. */

#include <gtk/gtk.h>
#include <math.h>

#include "opora-table-row.h"

/* A text set on a cell, then what every one of the row's three cells shows. */
typedef struct {
  guint       cell;
  const char *text;       /* NULL clears the cell */
  const char *shown[3];
} Step;

static void
test_texts (void)
{
  static const Step steps[] = {
    { 1, "Лицей № 2", { "", "Лицей № 2", "" } },
    { 0, "040002", { "040002", "Лицей № 2", "" } },
    { 2, "0.987 *", { "040002", "Лицей № 2", "0.987 *" } },
    { 1, "Школа", { "040002", "Школа", "0.987 *" } },
    { 0, "", { "", "Школа", "0.987 *" } },
    { 2, NULL, { "", "Школа", "" } },
    { 2, "a longer text than the others", { "", "Школа", "a longer text than the others" } },
    { 0, NULL, { "", "Школа", "a longer text than the others" } },
    { 1, NULL, { "", "", "a longer text than the others" } },
  };
  g_autoptr(OporaTableRow) row = opora_table_row_new (7, 3);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      opora_table_row_set_text (row, steps[i].cell, steps[i].text);
      for (guint c = 0; c < 3; c++)
        g_assert_cmpstr (opora_table_row_get_text (row, c), ==, steps[i].shown[c]);
    }
  g_assert_cmpint (opora_table_row_get_id (row), ==, 7);
  g_assert_cmpuint (opora_table_row_get_n_cells (row), ==, 3);
}

/* A cell set from another cell's text of the same row, which moves as it is set. */
static void
test_own_text (void)
{
  g_autoptr(OporaTableRow) row = opora_table_row_new (1, 2);

  opora_table_row_set_text (row, 0, "first");
  opora_table_row_set_text (row, 1, opora_table_row_get_text (row, 0));
  g_assert_cmpstr (opora_table_row_get_text (row, 1), ==, "first");
  opora_table_row_set_text (row, 1, "second");
  opora_table_row_set_text (row, 0, opora_table_row_get_text (row, 1));
  g_assert_cmpstr (opora_table_row_get_text (row, 0), ==, "second");
  opora_table_row_set_text (row, 1, opora_table_row_get_text (row, 1) + 3);
  g_assert_cmpstr (opora_table_row_get_text (row, 1), ==, "ond");
  g_assert_cmpstr (opora_table_row_get_text (row, 0), ==, "second");
}

static void
test_cells (void)
{
  g_autoptr(OporaTableRow) row = opora_table_row_new (1, 3);

  g_assert_true (isnan (opora_table_row_get_value (row, 0)));
  g_assert_null (opora_table_row_get_tooltip (row, 2));
  opora_table_row_set_number (row, 0, -0.059, "−0.059 ▼");
  opora_table_row_set_mood (row, 0, OPORA_CELL_NEGATIVE);
  opora_table_row_set_tooltip (row, 2, "why");
  opora_table_row_set_number (row, 0, 1.5, "1.5");
  g_assert_cmpfloat (opora_table_row_get_value (row, 0), ==, 1.5);
  g_assert_cmpstr (opora_table_row_get_text (row, 0), ==, "1.5");
  g_assert_cmpint (opora_table_row_get_mood (row, 0), ==, OPORA_CELL_NEGATIVE);
  g_assert_cmpint (opora_table_row_get_mood (row, 1), ==, OPORA_CELL_PLAIN);
  g_assert_cmpstr (opora_table_row_get_tooltip (row, 2), ==, "why");
  g_assert_null (opora_table_row_get_tooltip (row, 1));
  opora_table_row_set_tooltip (row, 2, NULL);
  g_assert_null (opora_table_row_get_tooltip (row, 2));
}

static void
test_search (void)
{
  g_autoptr(OporaTableRow) row = opora_table_row_new (1, 1);

  g_assert_true (opora_table_row_matches (row, NULL));
  g_assert_false (opora_table_row_matches (row, "040"));
  opora_table_row_set_search_text (row, "040002 МАОУ «Лицей № 2»");
  g_assert_true (opora_table_row_matches (row, "лицей"));
  g_assert_true (opora_table_row_matches (row, "040002"));
  g_assert_false (opora_table_row_matches (row, "школа"));
  opora_table_row_set_search_text (row, NULL);
  g_assert_false (opora_table_row_matches (row, "лицей"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/table-row/texts", test_texts);
  g_test_add_func ("/ui/table-row/own-text", test_own_text);
  g_test_add_func ("/ui/table-row/cells", test_cells);
  g_test_add_func ("/ui/table-row/search", test_search);
  return g_test_run ();
}
