/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OporaPacedSelection: a long list's big changes reach the view 25 rows a frame, with the selection kept. */

#include <gtk/gtk.h>

#include "opora-paced-selection.h"
#include "ui-util.h"

typedef struct {
  GListStore          *store;
  GtkSingleSelection  *selection;
  OporaPacedSelection *paced;
  GArray              *changes;  /* Change, as the paced model emitted them */
} Fixture;

typedef struct {
  guint position;
  guint removed;
  guint added;
} Change;

static void
changed_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

/* A store of @n rows, each a GtkStringObject of its number. */
static void
fill (Fixture *fixture,
      guint    n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);
      g_ptr_array_add (rows, gtk_string_object_new (text));
    }
  g_list_store_splice (fixture->store, 0, g_list_model_get_n_items (G_LIST_MODEL (fixture->store)),
                       rows->pdata, rows->len);
}

/* The store's rows in the opposite order, in one change, as a sort makes. */
static void
reverse (Fixture *fixture)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = n; i > 0; i--)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (fixture->store), i - 1));
  g_list_store_splice (fixture->store, 0, n, rows->pdata, n);
}

static gboolean
caught_up (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)) ==
         g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
}

/* Every row shown is the store's row at the same position. */
static void
assert_prefix (Fixture *fixture)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)); i++)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (fixture->paced), i);
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (fixture->store), i);

      g_assert_true (shown == row);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  fixture->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (fixture->store)));
  fixture->paced = opora_paced_selection_new (GTK_SELECTION_MODEL (fixture->selection));
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (fixture->paced, "items-changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_array_unref (fixture->changes);
  g_assert_finalize_object (fixture->paced);
  g_assert_finalize_object (fixture->selection);
  g_assert_finalize_object (fixture->store);
}

/* A list of a town's schools goes in as it is. */
static void
test_short (Fixture       *fixture,
            gconstpointer  user_data)
{
  fill (fixture, 40);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)), ==, 40);
  reverse (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 1).removed, ==, 40);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 1).added, ==, 40);
  assert_prefix (fixture);
}

/* A sort of 1,000 rows: 25 at once, 25 a frame up to 200, then the rest together. */
static void
test_long (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const Change expected[] = {
    { 0, 0, 25 },                             /* the store filled */
    { 25, 0, 25 }, { 50, 0, 25 }, { 75, 0, 25 }, { 100, 0, 25 }, { 125, 0, 25 }, { 150, 0, 25 }, { 175, 0, 25 },
    { 200, 0, 800 },
    { 0, 1000, 25 },                          /* the sort */
  };

  fill (fixture, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)), ==, 25);
  g_assert_true (wait_for (caught_up, fixture));
  reverse (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const Change *change = &g_array_index (fixture->changes, Change, i);

      g_assert_cmpuint (change->position, ==, expected[i].position);
      g_assert_cmpuint (change->removed, ==, expected[i].removed);
      g_assert_cmpuint (change->added, ==, expected[i].added);
    }
  assert_prefix (fixture);
  g_assert_true (wait_for (caught_up, fixture));
  assert_prefix (fixture);
}

/* The selected row stays selected across a paced change, also where it is not shown yet. */
static void
test_selection (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GObject) row = NULL;

  fill (fixture, 1000);
  g_assert_true (wait_for (caught_up, fixture));
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->paced), 600, TRUE));
  row = g_object_ref (gtk_single_selection_get_selected_item (fixture->selection));
  reverse (fixture);
  g_assert_true (gtk_single_selection_get_selected_item (fixture->selection) == row);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 399);
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (fixture->paced), 399));
  g_assert_true (wait_for (caught_up, fixture));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (fixture->paced), 399));
}

/* Rows changed past those shown come with the rest; flushing shows them all at once. */
static void
test_flush (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GtkStringObject) extra = gtk_string_object_new ("extra");

  fill (fixture, 1000);
  g_list_store_remove (fixture->store, 900);
  g_list_store_insert (fixture->store, 500, extra);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)), ==, 25);
  opora_paced_selection_flush (fixture->paced);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->paced)), ==, 1000);
  assert_prefix (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/paced-selection/short", Fixture, NULL, fixture_set_up, test_short, fixture_tear_down);
  g_test_add ("/ui/paced-selection/long", Fixture, NULL, fixture_set_up, test_long, fixture_tear_down);
  g_test_add ("/ui/paced-selection/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/ui/paced-selection/flush", Fixture, NULL, fixture_set_up, test_flush, fixture_tear_down);
  return g_test_run ();
}
