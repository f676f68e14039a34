/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The municipal monitoring indicators 1 (ЕГЭ) and 2 (ВПР) and their summary table (seed 003, 6.3). */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-interval.h"
#include "opora-monitoring.h"
#include "opora-year-matrix.h"

/* The columns both years' matrices are read with. */
enum {
  COL_EGE_AVG,                                  /* + 2 × subject */
  COL_EGE_N,
  COL_VPR = 2 * OPORA_N_EGE_SUBJECTS,           /* + 3 × work: «2», «4», «5» */
  COL_NONOBJECTIVE = COL_VPR + 3 * OPORA_N_VPR_WORKS,
  COL_VPR_N,                                    /* + work */
  N_COLS = COL_VPR_N + OPORA_N_VPR_WORKS
};

static const char * const monitoring_keys[N_COLS + 1] = {
  "ege_rus_avg", "ege_rus_n", "ege_mathp_avg", "ege_mathp_n",
  "vpr_rus5_m2", "vpr_rus5_m4", "vpr_rus5_m5",
  "vpr_rus6_m2", "vpr_rus6_m4", "vpr_rus6_m5",
  "vpr_math5_m2", "vpr_math5_m4", "vpr_math5_m5",
  "vpr_math6_m2", "vpr_math6_m4", "vpr_math6_m5",
  "vpr_nonobjective",
  "vpr_rus5_n", "vpr_rus6_n", "vpr_math5_n", "vpr_math6_n",
  NULL
};

const char *
opora_ege_subject_label (OporaEgeSubject subject)
{
  switch (subject)
    {
    case OPORA_EGE_RUS: return _("Russian");
    case OPORA_EGE_MATHP: return _("Profile mathematics");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
opora_vpr_work_label (OporaVprWork work)
{
  switch (work)
    {
    case OPORA_VPR_RUS5: return _("Russian, grade 5");
    case OPORA_VPR_RUS6: return _("Russian, grade 6");
    case OPORA_VPR_MATH5: return _("Mathematics, grade 5");
    case OPORA_VPR_MATH6: return _("Mathematics, grade 6");
    default: g_return_val_if_reached (NULL);
    }
}

typedef struct {
  double sum, weighted_sum, weight;
  guint  n;
  gboolean all_weighted;
} Average;

/* Each municipality's average of column @avg, weighted by column @n when
 * every school that has the average also has its number of participants. */
static GHashTable *
municipal_averages (const OporaYearMatrix *m,
                    guint                  avg,
                    guint                  n)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  for (guint row = 0; row < m->n_schools; row++)
    {
      double value = opora_year_matrix_get (m, row, avg);
      double count = opora_year_matrix_get (m, row, n);
      Average *a;

      if (isnan (value))
        continue;
      if (!(a = g_hash_table_lookup (table, &m->municipality_ids[row])))
        {
          a = g_new0 (Average, 1);
          a->all_weighted = TRUE;
          g_hash_table_insert (table, &m->municipality_ids[row], a);
        }
      a->sum += value;
      a->n++;
      if (!isnan (count) && count > 0)
        {
          a->weighted_sum += value * count;
          a->weight += count;
        }
      else
        a->all_weighted = FALSE;
    }
  return table;
}

static double
average_of (GHashTable *table,
            gint64      municipality)
{
  Average *a = g_hash_table_lookup (table, &municipality);

  if (a == NULL || a->n == 0)
    return NAN;
  return a->all_weighted ? a->weighted_sum / a->weight : a->sum / a->n;
}

static void
compute_ege (OporaEgeDynamics *d)
{
  for (int y = 0; y < 2; y++)
    d->ratio[y] = d->municipal[y] > 0 ? d->school[y] / d->municipal[y] : NAN;
  d->dynamics = d->ratio[1] - d->ratio[0];
  if (isnan (d->dynamics))
    d->sign = OPORA_DYNAMICS_NONE;
  else
    d->sign = d->dynamics < OPORA_MONITORING_EGE_REFERENCE ? -1
            : d->dynamics > OPORA_MONITORING_EGE_REFERENCE ? +1 : 0;
}

/* A change counts when it is larger than the reference in size; more «2» is
 * negative, more «4»+«5» positive. A negative change wins over a positive one. */
static void
compute_vpr (OporaVprDynamics *d)
{
  gboolean negative, positive;

  d->delta2 = d->share2[1] - d->share2[0];
  d->delta45 = d->share45[1] - d->share45[0];
  if (isnan (d->delta2) && isnan (d->delta45))
    {
      d->sign = OPORA_DYNAMICS_NONE;
      return;
    }
  negative = d->delta2 > OPORA_MONITORING_VPR_REFERENCE || d->delta45 < -OPORA_MONITORING_VPR_REFERENCE;
  positive = d->delta2 < -OPORA_MONITORING_VPR_REFERENCE || d->delta45 > OPORA_MONITORING_VPR_REFERENCE;
  d->sign = negative ? -1 : positive ? +1 : 0;
}

static gboolean
row_has_data (const OporaMonitoringRow *r)
{
  for (int s = 0; s < OPORA_N_EGE_SUBJECTS; s++)
    if (!isnan (r->ege[s].school[0]) || !isnan (r->ege[s].school[1]))
      return TRUE;
  for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
    if (r->vpr[w].sign != OPORA_DYNAMICS_NONE || !isnan (r->vpr[w].share2[1]) || !isnan (r->vpr[w].share45[1]))
      return TRUE;
  return r->nonobjective;
}

/**
 * opora_monitoring_compute:
 * @db: a workspace
 * @year: the year t; its dynamics are measured against t − 1
 *
 * opora_monitoring_compute_with() with the default options: figures on
 * fewer than 10 participants are marked and do not set the flags.
 *
 * Returns: (transfer full) (element-type OporaMonitoringRow) (nullable): the
 *   rows by school id, or %NULL with @error set
 */
GArray *
opora_monitoring_compute (OporaDb  *db,
                          int       year,
                          GError  **error)
{
  const OporaMonitoringOptions defaults = { OPORA_DEFAULT_MIN_PARTICIPANTS, FALSE };

  return opora_monitoring_compute_with (db, year, &defaults, error);
}

/**
 * opora_monitoring_compute_with:
 * @db: a workspace
 * @year: the year t; its dynamics are measured against t − 1
 * @options: the small-number rule
 *
 * Computes indicators 1 and 2 for every school that has a figure of either
 * in t − 1 or t. Municipal averages are taken over each municipality's
 * schools, weighted by the number of participants when every one of them
 * has it. A school on Rosobrnadzor's list (vpr_nonobjective = 1) in either
 * year has its ВПР figures left out (the objectivity principle). A figure
 * resting on fewer participants than @options->min_participants in either
 * year is marked small and sets no flag unless @options->include_small.
 *
 * Returns: (transfer full) (element-type OporaMonitoringRow) (nullable): the
 *   rows by school id, or %NULL with @error set
 */
GArray *
opora_monitoring_compute_with (OporaDb                      *db,
                               int                           year,
                               const OporaMonitoringOptions *options,
                               GError                      **error)
{
  g_autoptr(OporaYearMatrix) before = NULL;
  g_autoptr(OporaYearMatrix) now = NULL;
  const OporaYearMatrix *m[2];
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (OporaMonitoringRow));
  GHashTable *averages[2][OPORA_N_EGE_SUBJECTS];

  if (!(before = opora_year_matrix_load (db, year - 1, monitoring_keys, error)) ||
      !(now = opora_year_matrix_load (db, year, monitoring_keys, error)))
    return NULL;
  m[0] = before;
  m[1] = now;
  for (int y = 0; y < 2; y++)
    for (int s = 0; s < OPORA_N_EGE_SUBJECTS; s++)
      averages[y][s] = municipal_averages (m[y], COL_EGE_AVG + 2 * s, COL_EGE_N + 2 * s);

  for (guint row = 0; row < m[1]->n_schools; row++)
    {
      OporaMonitoringRow r = { .school_id = m[1]->school_ids[row] };

      for (int y = 0; y < 2; y++)
        if (opora_year_matrix_get (m[y], row, COL_NONOBJECTIVE) >= 0.5)
          r.nonobjective = TRUE;
      for (int s = 0; s < OPORA_N_EGE_SUBJECTS; s++)
        {
          for (int y = 0; y < 2; y++)
            {
              r.ege[s].school[y] = opora_year_matrix_get (m[y], row, COL_EGE_AVG + 2 * s);
              r.ege[s].participants[y] = opora_year_matrix_get (m[y], row, COL_EGE_N + 2 * s);
              r.ege[s].municipal[y] = average_of (averages[y][s], m[y]->municipality_ids[row]);
              r.ege[s].small |= !isnan (r.ege[s].school[y]) &&
                                opora_is_small_number (r.ege[s].participants[y], options->min_participants);
            }
          compute_ege (&r.ege[s]);
          r.small |= r.ege[s].small;
          r.negative1 |= r.ege[s].sign == -1 && (!r.ege[s].small || options->include_small);
        }
      for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
        {
          for (int y = 0; y < 2; y++)
            {
              guint c = COL_VPR + 3 * w;
              r.vpr[w].share2[y] = r.nonobjective ? NAN : opora_year_matrix_get (m[y], row, c);
              r.vpr[w].share45[y] = r.nonobjective ? NAN
                                  : opora_year_matrix_get (m[y], row, c + 1) + opora_year_matrix_get (m[y], row, c + 2);
              r.vpr[w].participants[y] = opora_year_matrix_get (m[y], row, COL_VPR_N + w);
              r.vpr[w].small |= !r.nonobjective &&
                                (!isnan (r.vpr[w].share2[y]) || !isnan (r.vpr[w].share45[y])) &&
                                opora_is_small_number (r.vpr[w].participants[y], options->min_participants);
            }
          compute_vpr (&r.vpr[w]);
          r.small |= r.vpr[w].small;
          r.negative2 |= r.vpr[w].sign == -1 && (!r.vpr[w].small || options->include_small);
        }
      if (row_has_data (&r))
        g_array_append_val (rows, r);
    }
  for (int y = 0; y < 2; y++)
    for (int s = 0; s < OPORA_N_EGE_SUBJECTS; s++)
      g_hash_table_unref (averages[y][s]);
  return g_steal_pointer (&rows);
}

/**
 * opora_monitoring_summary:
 * @rows: (element-type OporaMonitoringRow): what opora_monitoring_compute() returned
 *
 * The summary table: the schools with negative dynamics on indicator 1 or 2.
 *
 * Returns: (transfer full) (element-type OporaMonitoringRow): those rows, in order
 */
GArray *
opora_monitoring_summary (GArray *rows)
{
  GArray *summary = g_array_new (FALSE, FALSE, sizeof (OporaMonitoringRow));

  for (guint i = 0; i < rows->len; i++)
    {
      OporaMonitoringRow *r = &g_array_index (rows, OporaMonitoringRow, i);
      if (r->negative1 || r->negative2)
        g_array_append_val (summary, *r);
    }
  return summary;
}
