/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Effectiveness rubrics as data: criteria with their scales, level thresholds; scoring and editing them. */
#pragma once

#include <json-glib/json-glib.h>

#include "opora-db.h"
#include "opora-person.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_CRITERION_CHOICE,  /* one of the options' points, as 0 / 1 / 2 */
  OPORA_CRITERION_COUNT,   /* units counted, points_per_unit each, as "1 point per participant" */
} OporaCriterionKind;

typedef struct {
  double  points;
  char   *description;
} OporaRubricOption;

typedef struct {
  gint64              id;
  int                 position;         /* 1, 2, … */
  char               *group;            /* "Научная результативность"; may be empty */
  char               *title;
  OporaCriterionKind  kind;
  char               *unit;             /* count: "участник" */
  double              points_per_unit;  /* count only */
  GArray             *options;          /* of OporaRubricOption, ascending points; choice only */
} OporaCriterion;

typedef struct {
  double  min_total;
  char   *name;
} OporaRubricLevel;

typedef struct {
  gint64      id;           /* 0 until stored */
  char       *name;
  gboolean    has_role;     /* FALSE: scores only the body as a whole */
  OporaRole   role;
  char       *body;         /* "Муниципальный наставнический центр" */
  char       *preset;       /* nullable: the shipped preset it began as */
  char       *source;
  gboolean    archived;
  GPtrArray  *criteria;     /* of OporaCriterion, by position */
  GArray     *levels;       /* of OporaRubricLevel, ascending min_total */
} OporaRubric;

OporaRubric            *opora_rubric_new            (const char         *name);
void                    opora_rubric_free           (OporaRubric        *rubric);
OporaCriterion         *opora_criterion_new         (OporaCriterionKind  kind,
                                                     const char         *title);
void                    opora_criterion_add_option  (OporaCriterion     *criterion,
                                                     double              points,
                                                     const char         *description);
void                    opora_criterion_free        (OporaCriterion     *criterion);
void                    opora_rubric_add_level      (OporaRubric        *rubric,
                                                     double              min_total,
                                                     const char         *name);

double                  opora_rubric_max_total      (const OporaRubric  *rubric);
int                     opora_rubric_level_index    (const OporaRubric  *rubric,
                                                     double              total);
const char             *opora_rubric_level_name     (const OporaRubric  *rubric,
                                                     double              total);
const OporaCriterion   *opora_rubric_find_criterion (const OporaRubric  *rubric,
                                                     gint64              criterion_id);
gboolean                opora_criterion_check       (const OporaCriterion *criterion,
                                                     double              value,
                                                     GError            **error);
double                  opora_criterion_points      (const OporaCriterion *criterion,
                                                     double              value);
double                  opora_criterion_max_points  (const OporaCriterion *criterion);
gboolean                opora_rubric_validate       (const OporaRubric  *rubric,
                                                     GError            **error);

GPtrArray              *opora_rubric_list           (OporaDb            *db,
                                                     gboolean            with_archived,
                                                     GError            **error);
OporaRubric            *opora_rubric_get            (OporaDb            *db,
                                                     gint64              rubric_id,
                                                     GError            **error);
OporaRubric            *opora_rubric_for_role       (OporaDb            *db,
                                                     OporaRole           role,
                                                     GError            **error);
gint64                  opora_rubric_save           (OporaDb            *db,
                                                     const OporaRubric  *rubric,
                                                     GError            **error);
gint64                  opora_rubric_duplicate      (OporaDb            *db,
                                                     gint64              rubric_id,
                                                     const char         *name,
                                                     GError            **error);
gboolean                opora_rubric_set_archived   (OporaDb            *db,
                                                     gint64              rubric_id,
                                                     gboolean            archived,
                                                     GError            **error);
gint64                  opora_rubric_count_evaluations (OporaDb         *db,
                                                     gint64              rubric_id,
                                                     GError            **error);

JsonNode               *opora_rubric_to_json        (const OporaRubric  *rubric);
OporaRubric            *opora_rubric_from_json      (JsonNode           *node,
                                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaRubric, opora_rubric_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaCriterion, opora_criterion_free)

G_END_DECLS
