/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the models disagree: the problem schools of quadrants, k-means and regression side by side. */

#include <math.h>

#include "opora-analysis-store.h"
#include "opora-model-compare.h"

void
opora_model_comparison_free (OporaModelComparison *c)
{
  if (c == NULL)
    return;
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    opora_analysis_free (c->analyses[m]);
  g_clear_pointer (&c->schools, g_array_unref);
  g_free (c);
}

/* Keeps the analysis's settings and summary, and lets go of its schools and pairs:
 * a nation's are megabytes per model, and the comparison has counted them. */
static void
drop_schools (OporaAnalysis *a)
{
  g_array_unref (a->members);
  a->members = g_array_new (FALSE, TRUE, sizeof (OporaMember));
  g_ptr_array_unref (a->pairs);
  a->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_pair_free);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/**
 * opora_models_compare:
 * @db: a workspace
 * @year: a year
 *
 * Takes each model's newest stored analysis of @year (or one with the
 * default settings when none is stored) and lines up their problem
 * schools: how many each model flags, how many each pair flags together,
 * and which models flag each school. Different methods flag different
 * schools; this shows the user where. The analyses keep their settings and
 * summaries but not their members and pairs, which are counted.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error set
 */
OporaModelComparison *
opora_models_compare (OporaDb  *db,
                      int       year,
                      GError  **error)
{
  g_autoptr(OporaModelComparison) c = g_new0 (OporaModelComparison, 1);
  g_autoptr(GHashTable) mask = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GList) ids = NULL;

  c->year = year;
  c->schools = g_array_new (FALSE, FALSE, sizeof (OporaModelFlags));
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    {
      OporaAnalysis *a = c->analyses[m] = opora_analysis_for_year (db, year, m, error);

      if (a == NULL)
        return NULL;
      for (guint i = 0; i < a->members->len; i++)
        {
          OporaMember *member = &g_array_index (a->members, OporaMember, i);
          guint bits;

          if (!(member->flags & OPORA_MEMBER_PROBLEM))
            continue;
          c->flagged[m]++;
          bits = GPOINTER_TO_UINT (g_hash_table_lookup (mask, &member->school_id));
          g_hash_table_insert (mask, &member->school_id, GUINT_TO_POINTER (bits | 1u << m));
        }
    }
  ids = g_list_sort (g_hash_table_get_keys (mask), compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      OporaModelFlags f = { *(gint64 *) l->data, GPOINTER_TO_UINT (g_hash_table_lookup (mask, l->data)) };

      g_array_append_val (c->schools, f);
      for (guint a = 0; a < OPORA_N_MODELS; a++)
        for (guint b = 0; b < OPORA_N_MODELS; b++)
          if ((f.models & (1u << a)) && (f.models & (1u << b)))
            c->both[a][b]++;
    }
  /* The mask's keys and the ids point into the members. */
  g_clear_pointer (&ids, g_list_free);
  g_clear_pointer (&mask, g_hash_table_unref);
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    drop_schools (c->analyses[m]);
  return g_steal_pointer (&c);
}

/**
 * opora_model_comparison_jaccard:
 * @c: a comparison
 * @a: a model
 * @b: another
 *
 * Returns: the schools both models flag over those either flags, 0–1; NaN
 *   when neither flags any
 */
double
opora_model_comparison_jaccard (const OporaModelComparison *c,
                                OporaModel                  a,
                                OporaModel                  b)
{
  guint either = c->flagged[a] + c->flagged[b] - c->both[a][b];
  return either > 0 ? (double) c->both[a][b] / either : NAN;
}
