/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's mentors and tutors: how many reached each level, and the ranking with each one's totals over the years. */

#include "config.h"

#include "opora-dashboard-private.h"
#include "opora-error.h"
#include "opora-evaluation.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* An evaluation counts once every criterion is scored: a partial total
 * would put its person below where they belong. */
static gboolean
counts (const OporaEvaluation *e)
{
  return e->person_id > 0 && e->complete;
}

static char *
rank_key (gint64 person_id,
          gint64 rubric_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, person_id, rubric_id);
}

static OporaDashboardRank *
rank_new (const OporaEvaluation *e)
{
  OporaDashboardRank *r = g_new0 (OporaDashboardRank, 1);

  r->person_id = e->person_id;
  r->name = g_strdup (e->person_name != NULL ? e->person_name : "");
  r->role = e->role;
  r->rubric_id = e->rubric_id;
  r->total = e->total;
  r->max_total = e->max_total;
  r->level = e->level;
  r->level_name = g_strdup (e->level_name);
  r->n_levels = e->n_levels;
  r->history = g_array_new (FALSE, FALSE, sizeof (OporaDashboardPoint));
  return r;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const OporaDashboardRank *x = *(OporaDashboardRank * const *) a, *y = *(OporaDashboardRank * const *) b;
  int by_name;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  if ((by_name = g_utf8_collate (x->name, y->name)) != 0)
    return by_name;
  return (x->person_id > y->person_id) - (x->person_id < y->person_id);
}

static OporaDashboardLevel *
level_for (GPtrArray             *levels,
           GHashTable            *by_name,
           const OporaEvaluation *e)
{
  OporaDashboardLevel *level = g_hash_table_lookup (by_name, e->level_name);

  if (level != NULL)
    return level;
  level = g_new0 (OporaDashboardLevel, 1);
  level->name = g_strdup (e->level_name);
  level->level = e->level;
  level->n_levels = e->n_levels;
  level->person_ids = opora_dashboard_ids_new ();
  g_ptr_array_add (levels, level);
  g_hash_table_insert (by_name, level->name, level);
  return level;
}

static int
compare_level (gconstpointer a,
               gconstpointer b)
{
  const OporaDashboardLevel *x = *(OporaDashboardLevel * const *) a, *y = *(OporaDashboardLevel * const *) b;

  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* Counts the year's evaluations by level name: this year's, or the year before's. */
static void
count_levels (OporaDashboard *d,
              GHashTable     *by_name,
              GPtrArray      *evaluations,
              gboolean        previous)
{
  for (guint i = 0; i < evaluations->len; i++)
    {
      const OporaEvaluation *e = evaluations->pdata[i];
      OporaDashboardLevel *level;

      if (!counts (e) || e->level < 0 || e->level_name == NULL)
        continue;
      level = level_for (d->levels, by_name, e);
      if (previous)
        level->previous++;
      else
        {
          level->count++;
          g_array_append_val (level->person_ids, e->person_id);
        }
    }
}

static void
build_ranking (OporaDashboard *d,
               GHashTable     *by_key,
               GPtrArray      *evaluations)
{
  for (guint i = 0; i < evaluations->len; i++)
    {
      const OporaEvaluation *e = evaluations->pdata[i];
      OporaDashboardRank *r;

      if (e->person_id <= 0)
        continue;
      if (!e->complete)
        {
          d->n_incomplete++;
          continue;
        }
      r = rank_new (e);
      g_ptr_array_add (d->ranking, r);
      g_hash_table_insert (by_key, rank_key (r->person_id, r->rubric_id), r);
    }
  g_ptr_array_sort (d->ranking, compare_rank);
}

static void
add_history (GHashTable *by_key,
             GPtrArray  *evaluations,
             int         year)
{
  for (guint i = 0; i < evaluations->len; i++)
    {
      const OporaEvaluation *e = evaluations->pdata[i];
      g_autofree char *key = NULL;
      OporaDashboardRank *r;

      if (!counts (e))
        continue;
      key = rank_key (e->person_id, e->rubric_id);
      if ((r = g_hash_table_lookup (by_key, key)) != NULL)
        {
          OporaDashboardPoint point = { year, e->total };
          g_array_append_val (r->history, point);
        }
    }
}

static int
compare_point (gconstpointer a,
               gconstpointer b)
{
  const OporaDashboardPoint *x = a, *y = b;

  return (x->year > y->year) - (x->year < y->year);
}

/* The years up to the dashboard's with a person's evaluation, ascending. */
static GArray *
evaluated_years (OporaDb  *db,
                 int       year,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT DISTINCT year FROM evaluation WHERE person_id IS NOT NULL AND year <= ?1 ORDER BY year", error);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int y = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, y);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the evaluations"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

/**
 * opora_dashboard_add_people:
 * @dashboard: a dashboard being computed
 * @db: its workspace
 *
 * Fills the levels (this year and the year before) and the ranking of
 * this year's fully scored evaluations of mentors and tutors, each with
 * its totals on the same rubric in every year up to this one.
 *
 * Returns: %FALSE with @error set when the evaluations cannot be read
 */
gboolean
opora_dashboard_add_people (OporaDashboard  *d,
                            OporaDb         *db,
                            GError         **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) years = evaluated_years (db, d->year, error);

  if (years == NULL)
    return FALSE;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < years->len; i++)
      {
        int y = g_array_index (years, int, i);
        g_autoptr(GPtrArray) list = NULL;

        /* The ranking first, so that the history finds its rows. */
        if ((pass == 0) != (y == d->year))
          continue;
        if (!(list = opora_evaluation_list (db, OPORA_EVALUATION_ALL, y, error)))
          return FALSE;
        if (y == d->year)
          {
            build_ranking (d, by_key, list);
            count_levels (d, by_name, list, FALSE);
          }
        if (y == d->year - 1)
          count_levels (d, by_name, list, TRUE);
        add_history (by_key, list, y);
      }
  for (guint i = 0; i < d->ranking->len; i++)
    g_array_sort (((OporaDashboardRank *) d->ranking->pdata[i])->history, compare_point);
  for (guint i = 0; i < d->levels->len; i++)
    opora_dashboard_ids_sort (((OporaDashboardLevel *) d->levels->pdata[i])->person_ids);
  g_ptr_array_sort (d->levels, compare_level);
  return TRUE;
}
