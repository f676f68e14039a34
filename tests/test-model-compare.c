/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the side-by-side of the models' problem schools on the demo. */

#include <math.h>

#include "opora-demo.h"
#include "opora-analysis-store.h"
#include "opora-model-compare.h"
#include "test-util.h"

static gboolean
is_problem (const OporaAnalysis *a,
            gint64               school_id)
{
  const OporaMember *m = opora_analysis_find_member (a, school_id);
  return m != NULL && (m->flags & OPORA_MEMBER_PROBLEM);
}

static void
test_compare (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("compare.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaModelComparison) c = NULL;
  g_autoptr(GPtrArray) analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_analysis_free);
  guint listed[OPORA_N_MODELS] = { 0 };

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  c = opora_models_compare (db, 2026, &error);
  g_assert_no_error (error);
  /* The comparison keeps each analysis's settings, not its schools: the same analyses, read again. */
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    {
      g_ptr_array_add (analyses, opora_analysis_for_year (db, 2026, m, &error));
      g_assert_no_error (error);
      g_assert_cmpint (c->analyses[m]->params->model, ==, m);
      g_assert_cmpint (c->analyses[m]->id, ==, ((OporaAnalysis *) analyses->pdata[m])->id);
      g_assert_cmpuint (c->analyses[m]->members->len, ==, 0);
      g_assert_cmpuint (c->analyses[m]->pairs->len, ==, 0);
    }

  /* Every school flagged by some model is listed once, with exactly its models. */
  for (guint i = 0; i < c->schools->len; i++)
    {
      OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);
      g_assert_cmpuint (f->models, !=, 0);
      if (i > 0)
        g_assert_cmpint (g_array_index (c->schools, OporaModelFlags, i - 1).school_id, <, f->school_id);
      for (guint m = 0; m < OPORA_N_MODELS; m++)
        {
          g_assert_cmpint ((f->models >> m) & 1, ==, is_problem (analyses->pdata[m], f->school_id));
          listed[m] += (f->models >> m) & 1;
        }
    }
  for (guint a = 0; a < OPORA_N_MODELS; a++)
    {
      guint problems = 0;
      GArray *members = ((OporaAnalysis *) analyses->pdata[a])->members;

      for (guint i = 0; i < members->len; i++)
        problems += (g_array_index (members, OporaMember, i).flags & OPORA_MEMBER_PROBLEM) != 0;
      g_assert_cmpuint (c->flagged[a], ==, problems);
      g_assert_cmpuint (listed[a], ==, problems);
      g_assert_cmpuint (c->both[a][a], ==, problems);
      for (guint b = 0; b < OPORA_N_MODELS; b++)
        {
          guint both = 0;
          for (guint i = 0; i < c->schools->len; i++)
            {
              guint bits = g_array_index (c->schools, OporaModelFlags, i).models;
              both += (bits >> a & 1) && (bits >> b & 1);
            }
          g_assert_cmpuint (c->both[a][b], ==, both);
          if (c->flagged[a] + c->flagged[b] > 0)
            g_assert_cmpfloat (opora_model_comparison_jaccard (c, a, b), ==,
                               (double) both / (c->flagged[a] + c->flagged[b] - both));
        }
    }
  g_assert_cmpfloat (opora_model_comparison_jaccard (c, OPORA_MODEL_KMEANS, OPORA_MODEL_KMEANS), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/model-compare/demo", test_compare);
  return g_test_run ();
}
