/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's outcome ("synergy effect", seed 000 stage 5): supported schools' change of results beside their cluster's others. */

#include "config.h"

#include "opora-dashboard-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct {
  double sum_supported, sum_other;
} Sums;

static OporaDashboardOutcome *
outcome_new (int         cluster,
             const char *name)
{
  OporaDashboardOutcome *o = g_new0 (OporaDashboardOutcome, 1);

  o->cluster = cluster;
  o->name = g_strdup (name);
  o->supported_ids = opora_dashboard_ids_new ();
  o->other_ids = opora_dashboard_ids_new ();
  return o;
}

static void
outcome_add (OporaDashboardOutcome *o,
             Sums                  *sums,
             gint64                 school_id,
             double                 change,
             gboolean               supported)
{
  if (supported)
    {
      o->n_supported++;
      sums->sum_supported += change;
      g_array_append_val (o->supported_ids, school_id);
    }
  else
    {
      o->n_other++;
      sums->sum_other += change;
      g_array_append_val (o->other_ids, school_id);
    }
}

static void
outcome_finish (OporaDashboardOutcome *o,
                const Sums            *sums)
{
  o->mean_supported = o->n_supported > 0 ? sums->sum_supported / o->n_supported : NAN;
  o->mean_other = o->n_other > 0 ? sums->sum_other / o->n_other : NAN;
  o->difference = o->mean_supported - o->mean_other;  /* NaN when either is */
  opora_dashboard_ids_sort (o->supported_ids);
  opora_dashboard_ids_sort (o->other_ids);
}

/* Pools a cluster that has both supported and other schools into @all. */
static void
add_matched (OporaDashboardOutcome       *all,
             Sums                        *all_sums,
             const OporaDashboardOutcome *o,
             const Sums                  *sums)
{
  all->n_supported += o->n_supported;
  all->n_other += o->n_other;
  all_sums->sum_supported += sums->sum_supported;
  all_sums->sum_other += sums->sum_other;
  g_array_append_vals (all->supported_ids, o->supported_ids->data, o->supported_ids->len);
  g_array_append_vals (all->other_ids, o->other_ids->data, o->other_ids->len);
}

/* The change of a school's results index, NaN unless it has one in both runs
 * and a cluster in the year before's. */
static double
change_of (const OporaMember   *then,
           const OporaAnalysis *now)
{
  const OporaMember *m;

  if (then->cluster <= 0 || !isfinite (then->results_index) ||
      !(m = opora_analysis_find_member (now, then->school_id)) || !isfinite (m->results_index))
    return NAN;
  return m->results_index - then->results_index;
}

/**
 * opora_dashboard_add_outcome:
 * @dashboard: a dashboard being computed
 * @before: (nullable): the year before's latest run
 * @now: (nullable): this year's
 * @supported: (element-type gint64): the schools supported this year
 *
 * Compares, within each cluster of @before, the mean change of the results
 * index of the supported schools with that of the others, then over the
 * clusters that have both (pooled, not a mean of the clusters' means): a
 * cluster of supported schools only has no like schools to compare with,
 * and the schools of other clusters are not alike. Only schools with a
 * results index in both runs count. Adds nothing without both runs.
 */
void
opora_dashboard_add_outcome (OporaDashboard      *d,
                             const OporaAnalysis *before,
                             const OporaAnalysis *now,
                             GHashTable          *supported)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree Sums *sums = NULL;
  OporaDashboardOutcome *all;
  Sums all_sums = { 0 };

  if (before == NULL || now == NULL)
    return;
  clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_dashboard_outcome_free);
  sums = g_new0 (Sums, before->n_clusters + 1);
  for (guint c = 1; c <= before->n_clusters; c++)
    g_ptr_array_add (clusters, outcome_new (c, opora_analysis_cluster_name (before, c)));
  all = outcome_new (0, _("Clusters with both, together"));
  for (guint i = 0; i < before->members->len; i++)
    {
      const OporaMember *m = &g_array_index (before->members, OporaMember, i);
      double change = change_of (m, now);
      gboolean is_supported = g_hash_table_contains (supported, &m->school_id);

      if (!isfinite (change) || (guint) m->cluster > before->n_clusters)
        continue;
      outcome_add (clusters->pdata[m->cluster - 1], &sums[m->cluster], m->school_id, change, is_supported);
    }
  for (guint c = 1; c <= before->n_clusters; c++)
    {
      OporaDashboardOutcome *o = clusters->pdata[c - 1];

      outcome_finish (o, &sums[c]);
      if (o->n_supported > 0 && o->n_other > 0)
        add_matched (all, &all_sums, o, &sums[c]);
      /* A cluster with no school in both runs has nothing to show. */
      if (o->n_supported + o->n_other > 0)
        g_ptr_array_add (d->outcome, g_steal_pointer (&clusters->pdata[c - 1]));
    }
  outcome_finish (all, &all_sums);
  g_ptr_array_add (d->outcome, all);
}
