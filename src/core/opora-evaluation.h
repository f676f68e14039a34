/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evaluations of mentors, tutors and their bodies on a rubric for a school year: scores, totals, levels. */
#pragma once

#include "opora-rubric.h"

G_BEGIN_DECLS

typedef struct {
  gint64  criterion_id;
  double  value;      /* choice: the points chosen; count: the units counted */
  double  points;     /* computed when read or saved */
  char   *comment;
  char   *evidence;
} OporaScore;

typedef struct {
  gint64      id;             /* 0 until stored */
  gint64      rubric_id;
  char       *rubric_name;
  gint64      person_id;      /* 0: the body as a whole */
  char       *person_name;    /* nullable; the body's name for a body */
  OporaRole   role;           /* the person's role, or the rubric's */
  int         year;           /* 2026 = school year 2025/26 */
  char       *evaluator;
  char       *date;           /* YYYY-MM-DD */
  char       *note;
  GArray     *scores;         /* of OporaScore, by criterion position */
  /* Computed from the scores and the rubric, never stored: */
  double      total;
  double      max_total;      /* < 0: no upper bound (points rubrics) */
  int         level;          /* index into the rubric's levels; -1: none */
  char       *level_name;     /* nullable */
  guint       n_levels;
  gboolean    complete;       /* every criterion scored */
} OporaEvaluation;

OporaEvaluation *opora_evaluation_new      (gint64              rubric_id,
                                            gint64              person_id,
                                            int                 year);
void             opora_evaluation_free     (OporaEvaluation    *evaluation);
void             opora_evaluation_set_score (OporaEvaluation   *evaluation,
                                            gint64              criterion_id,
                                            double              value,
                                            const char         *comment,
                                            const char         *evidence);
gboolean         opora_evaluation_compute  (OporaEvaluation    *evaluation,
                                            const OporaRubric  *rubric,
                                            GError            **error);

GPtrArray       *opora_evaluation_list     (OporaDb            *db,
                                            gint64              person_id,
                                            int                 year,
                                            GError            **error);
OporaEvaluation *opora_evaluation_get      (OporaDb            *db,
                                            gint64              evaluation_id,
                                            GError            **error);
OporaEvaluation *opora_evaluation_find     (OporaDb            *db,
                                            gint64              rubric_id,
                                            gint64              person_id,
                                            int                 year,
                                            GError            **error);
gint64           opora_evaluation_save     (OporaDb            *db,
                                            OporaEvaluation    *evaluation,
                                            GError            **error);
gboolean         opora_evaluation_delete   (OporaDb            *db,
                                            gint64              evaluation_id,
                                            GError            **error);

/* opora_evaluation_list(): every person, or only the bodies' evaluations. */
#define OPORA_EVALUATION_ALL     ((gint64) -1)
#define OPORA_EVALUATION_BODIES  ((gint64) 0)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaEvaluation, opora_evaluation_free)

G_END_DECLS
