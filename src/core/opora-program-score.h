/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Monitoring of methodical help (seed 003): each program scored on the seed's criteria, rolled up. */
#pragma once

#include "opora-program.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_CRITERION_ROAD_MAP,      /* a road map exists (with measures) */
  OPORA_CRITERION_TARGETED,      /* targeted measures (direction: targeted methodical support) */
  OPORA_CRITERION_REGULARITY,    /* cyclic measures */
  OPORA_CRITERION_COVERAGE,      /* management team, methodical associations, teachers covered */
  OPORA_CRITERION_PARTICIPANTS,  /* number of participants */
  OPORA_CRITERION_NETWORK,       /* network interaction with a leader school */
  OPORA_CRITERION_COMPLETENESS,  /* measures due by today that are done */
  OPORA_CRITERION_TIMELINESS,    /* done measures done by their end date */
  OPORA_N_CRITERIA
} OporaCriterion;

/* The traffic light, always shown with its words, never by colour alone. */
typedef enum {
  OPORA_LIGHT_GREEN,   /* on track */
  OPORA_LIGHT_YELLOW,  /* needs attention */
  OPORA_LIGHT_RED,     /* at risk */
} OporaLight;

typedef struct {
  int score;  /* 0 not met, 1 partly met, 2 met */
  int value;  /* the figure behind it: a count */
  int of;     /* what it counts out of; 0 when it is a plain count */
} OporaCriterionScore;

typedef struct {
  gint64              program_id;
  gint64              school_id;
  gint64              base_school_id;  /* 0: none */
  OporaCriterionScore criteria[OPORA_N_CRITERIA];
  int                 total;           /* 0…16 */
  OporaLight          light;
} OporaProgramScore;

typedef struct {
  gint64 base_school_id;  /* 0: programs without a base school, or the municipality */
  guint  n_programs;
  guint  n_lights[3];     /* by OporaLight */
  double mean_total;
} OporaScoreRollup;

const char *opora_criterion_label     (OporaCriterion      criterion);
const char *opora_criterion_key       (OporaCriterion      criterion);
const char *opora_light_label         (OporaLight          light);
const char *opora_light_key           (OporaLight          light);
void        opora_program_score       (const OporaProgram *program,
                                       GPtrArray          *measures,
                                       const char         *today,
                                       OporaProgramScore  *score);
GArray     *opora_program_score_all   (OporaDb            *db,
                                       int                 year,
                                       const char         *today,
                                       GError            **error);
GArray     *opora_program_score_by_base (GArray           *scores);
void        opora_program_score_total (GArray             *scores,
                                       OporaScoreRollup   *rollup);

G_END_DECLS
