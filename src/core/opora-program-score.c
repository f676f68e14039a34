/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Monitoring of methodical help (seed 003): each program scored on the seed's criteria, rolled up. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "opora-program-score.h"

/*
 * The thresholds. Seed 003 names the criteria of the monitoring of methodical help but
 * not their scales; these follow its mentor-centre rubric (0 unsatisfactory, 1
 * satisfactory, 2 optimal) and are meant to be read next to the figures:
 *
 *   road map       measures (not cancelled)          0 → 0   1…4 → 1   5+ → 2
 *   targeted       targeted-support measures         0 → 0   1 → 1     2+ → 2
 *   regularity     cyclic measures                   0 → 0   1 → 1     2+ → 2
 *   coverage       of the 3 groups (management team,
 *                  methodical associations, teachers) 0 → 0  1…2 → 1   3 → 2
 *   participants   sum of the measures' participants 0 → 0   1…19 → 1  20+ → 2
 *   network        a base school linked + a measure of network interaction or of the
 *                  base school as resource centre: one point each
 *   completeness   done of those due before today    < 50 % → 0, < 90 % → 1, else 2;
 *                  nothing due yet → 2
 *   timeliness     done by their end date, of done   the same shares; nothing done:
 *                  2 when nothing is due yet, else 0
 *
 * Total 0…16: 13+ with no criterion at 0 is green ("on track"); 8 or less, or no road map,
 * is red ("at risk"); anything else is yellow ("needs attention").
 */
#define ROAD_MAP_FULL       5
#define PARTICIPANTS_FULL  20
#define SHARE_FULL        0.9
#define SHARE_PARTLY      0.5
#define GREEN_FROM         13
#define RED_TO              8

const char *
opora_criterion_label (OporaCriterion criterion)
{
  switch (criterion)
    {
    case OPORA_CRITERION_ROAD_MAP: return _("A road map exists");
    case OPORA_CRITERION_TARGETED: return _("Targeted measures");
    case OPORA_CRITERION_REGULARITY: return _("Regularity (cyclic measures)");
    case OPORA_CRITERION_COVERAGE: return _("Coverage of all groups");
    case OPORA_CRITERION_PARTICIPANTS: return _("Number of participants");
    case OPORA_CRITERION_NETWORK: return _("Network interaction with a leader school");
    case OPORA_CRITERION_COMPLETENESS: return _("Completeness of execution");
    case OPORA_CRITERION_TIMELINESS: return _("Timeliness of execution");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
opora_criterion_key (OporaCriterion criterion)
{
  static const char *keys[] = { "road_map", "targeted", "regularity", "coverage", "participants",
                                "network", "completeness", "timeliness" };

  g_return_val_if_fail (criterion < OPORA_N_CRITERIA, NULL);
  return keys[criterion];
}

const char *
opora_light_label (OporaLight light)
{
  switch (light)
    {
    case OPORA_LIGHT_GREEN: return _("on track");
    case OPORA_LIGHT_YELLOW: return _("needs attention");
    case OPORA_LIGHT_RED: return _("at risk");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
opora_light_key (OporaLight light)
{
  static const char *keys[] = { "green", "yellow", "red" };

  g_return_val_if_fail (light <= OPORA_LIGHT_RED, NULL);
  return keys[light];
}

/* 0 → 0, 1 … @full − 1 → 1, @full and more → 2. */
static void
score_count (OporaCriterionScore *c,
             int                  value,
             int                  full)
{
  c->value = value;
  c->score = value <= 0 ? 0 : value < full ? 1 : 2;
}

static void
score_share (OporaCriterionScore *c,
             int                  value,
             int                  of,
             int                  if_none)
{
  double share = of > 0 ? (double) value / of : 0;

  c->value = value;
  c->of = of;
  c->score = of == 0 ? if_none : share >= SHARE_FULL ? 2 : share >= SHARE_PARTLY ? 1 : 0;
}

typedef struct {
  int measures, targeted, cyclic, participants, network, due, done_of_due, done, on_time;
  gboolean groups[3];
} Counts;

static void
count_measure (Counts             *n,
               const OporaMeasure *m,
               const char         *today)
{
  gboolean done = m->status == OPORA_MEASURE_DONE;

  n->measures++;
  n->targeted += m->direction == OPORA_DIRECTION_METHODICAL;
  n->cyclic += m->cyclic;
  n->participants += m->n_participants;
  n->network += m->direction == OPORA_DIRECTION_NETWORK || m->direction == OPORA_DIRECTION_RESOURCE;
  if (m->target <= OPORA_TARGET_TEACHERS)
    n->groups[m->target] = TRUE;
  if (strcmp (m->end, today) < 0)
    {
      n->due++;
      n->done_of_due += done;
    }
  if (done)
    {
      n->done++;
      n->on_time += m->done_date != NULL && strcmp (m->done_date, m->end) <= 0;
    }
}

static OporaLight
light_of (const OporaProgramScore *s)
{
  gboolean any_zero = FALSE;

  for (guint i = 0; i < OPORA_N_CRITERIA; i++)
    any_zero |= s->criteria[i].score == 0;
  if (s->total <= RED_TO || s->criteria[OPORA_CRITERION_ROAD_MAP].score == 0)
    return OPORA_LIGHT_RED;
  return s->total >= GREEN_FROM && !any_zero ? OPORA_LIGHT_GREEN : OPORA_LIGHT_YELLOW;
}

/**
 * opora_program_score:
 * @program: a program
 * @measures: (element-type OporaMeasure): its measures
 * @today: the date to judge completeness and timeliness by, YYYY-MM-DD
 * @score: (out caller-allocates): the criteria, total and light
 *
 * Scores a program on the criteria of seed 003's monitoring of methodical
 * help; see the thresholds at the top of this file. Cancelled measures do
 * not count.
 */
void
opora_program_score (const OporaProgram *program,
                     GPtrArray          *measures,
                     const char         *today,
                     OporaProgramScore  *score)
{
  Counts n = { 0 };
  OporaCriterionScore *c = score->criteria;

  g_return_if_fail (program != NULL && measures != NULL && today != NULL && score != NULL);
  memset (score, 0, sizeof *score);
  score->program_id = program->id;
  score->school_id = program->school_id;
  score->base_school_id = program->base_school_id;
  for (guint i = 0; i < measures->len; i++)
    if (((OporaMeasure *) measures->pdata[i])->status != OPORA_MEASURE_CANCELLED)
      count_measure (&n, measures->pdata[i], today);
  score_count (&c[OPORA_CRITERION_ROAD_MAP], n.measures, ROAD_MAP_FULL);
  score_count (&c[OPORA_CRITERION_TARGETED], n.targeted, 2);
  score_count (&c[OPORA_CRITERION_REGULARITY], n.cyclic, 2);
  score_count (&c[OPORA_CRITERION_COVERAGE], n.groups[0] + n.groups[1] + n.groups[2], 3);
  c[OPORA_CRITERION_COVERAGE].of = 3;
  score_count (&c[OPORA_CRITERION_PARTICIPANTS], n.participants, PARTICIPANTS_FULL);
  c[OPORA_CRITERION_NETWORK].value = n.network;
  c[OPORA_CRITERION_NETWORK].score = (program->base_school_id > 0) + (n.network > 0);
  score_share (&c[OPORA_CRITERION_COMPLETENESS], n.done_of_due, n.due, 2);
  score_share (&c[OPORA_CRITERION_TIMELINESS], n.on_time, n.done, n.due == 0 ? 2 : 0);
  for (guint i = 0; i < OPORA_N_CRITERIA; i++)
    score->total += c[i].score;
  score->light = light_of (score);
}

/**
 * opora_program_score_all:
 * @db: a workspace
 * @year: only programs covering this year, or 0 for all
 * @today: YYYY-MM-DD
 *
 * Returns: (transfer full) (element-type OporaProgramScore) (nullable): a
 *   score per program in the order of opora_program_list(), or %NULL with
 *   @error set
 */
GArray *
opora_program_score_all (OporaDb     *db,
                         int          year,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(GPtrArray) programs = opora_program_list (db, year, error);
  g_autoptr(GArray) scores = g_array_new (FALSE, TRUE, sizeof (OporaProgramScore));

  if (programs == NULL)
    return NULL;
  for (guint i = 0; i < programs->len; i++)
    {
      OporaProgram *p = programs->pdata[i];
      g_autoptr(GPtrArray) measures = opora_program_measures (db, p->id, error);
      OporaProgramScore s;

      if (measures == NULL)
        return NULL;
      opora_program_score (p, measures, today, &s);
      g_array_append_val (scores, s);
    }
  return g_steal_pointer (&scores);
}

static void
rollup_add (OporaScoreRollup        *r,
            const OporaProgramScore *s)
{
  r->mean_total = (r->mean_total * r->n_programs + s->total) / (r->n_programs + 1);
  r->n_programs++;
  r->n_lights[s->light]++;
}

/**
 * opora_program_score_total:
 * @scores: (element-type OporaProgramScore): the programs' scores
 * @rollup: (out caller-allocates): the municipality's figures
 */
void
opora_program_score_total (GArray           *scores,
                           OporaScoreRollup *rollup)
{
  memset (rollup, 0, sizeof *rollup);
  for (guint i = 0; i < scores->len; i++)
    rollup_add (rollup, &g_array_index (scores, OporaProgramScore, i));
}

static int
compare_base (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const OporaScoreRollup *) a)->base_school_id, y = ((const OporaScoreRollup *) b)->base_school_id;

  return (x > y) - (x < y);
}

/**
 * opora_program_score_by_base:
 * @scores: (element-type OporaProgramScore): the programs' scores
 *
 * Returns: (transfer full) (element-type OporaScoreRollup): one row per base
 *   school by its id, the programs without one first (base id 0)
 */
GArray *
opora_program_score_by_base (GArray *scores)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (OporaScoreRollup));

  for (guint i = 0; i < scores->len; i++)
    {
      const OporaProgramScore *s = &g_array_index (scores, OporaProgramScore, i);
      OporaScoreRollup *r = NULL;

      for (guint j = 0; j < rows->len && r == NULL; j++)
        if (g_array_index (rows, OporaScoreRollup, j).base_school_id == s->base_school_id)
          r = &g_array_index (rows, OporaScoreRollup, j);
      if (r == NULL)
        {
          OporaScoreRollup empty = { .base_school_id = s->base_school_id };
          g_array_append_val (rows, empty);
          r = &g_array_index (rows, OporaScoreRollup, rows->len - 1);
        }
      rollup_add (r, s);
    }
  g_array_sort (rows, compare_base);
  return rows;
}
