/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Support programs (road maps) of schools and their measures: reading them and every edit, undoable. */
#pragma once

#include "opora-db.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_PROGRAM_ACTIVE,
  OPORA_PROGRAM_COMPLETED,
  OPORA_PROGRAM_SUSPENDED,
} OporaProgramStatus;

typedef enum {
  OPORA_MEASURE_PLANNED,
  OPORA_MEASURE_IN_PROGRESS,
  OPORA_MEASURE_DONE,
  OPORA_MEASURE_CANCELLED,
} OporaMeasureStatus;

/* Whom a measure addresses (seed 003, monitoring of methodical help). */
typedef enum {
  OPORA_TARGET_MANAGEMENT,   /* the school's management team */
  OPORA_TARGET_ASSOCIATION,  /* school methodical associations */
  OPORA_TARGET_TEACHERS,
  OPORA_TARGET_PUPILS,
  OPORA_TARGET_PARENTS,
} OporaTargetGroup;

/* The directions of a road map (seed 003, 7.3); NONE for measures of a stage only. */
typedef enum {
  OPORA_DIRECTION_NONE,
  OPORA_DIRECTION_PUPILS,      /* pupils' preparation */
  OPORA_DIRECTION_NETWORK,     /* network interaction */
  OPORA_DIRECTION_METHODICAL,  /* targeted methodical support */
  OPORA_DIRECTION_RESOURCE,    /* leading schools as mentor schools / resource centres */
  OPORA_DIRECTION_MANAGEMENT,  /* training of management teams */
  OPORA_DIRECTION_TEACHERS,    /* teachers' professional development */
} OporaDirection;

/* The fields of a measure that opora_measure_set() edits. */
typedef enum {
  OPORA_FIELD_STAGE,
  OPORA_FIELD_DIRECTION,
  OPORA_FIELD_TITLE,
  OPORA_FIELD_START,
  OPORA_FIELD_END,
  OPORA_FIELD_RESPONSIBLE,
  OPORA_FIELD_PARTICIPANTS,
  OPORA_FIELD_N_PARTICIPANTS,
  OPORA_FIELD_TARGET,
  OPORA_FIELD_REPORT_FORM,
  OPORA_FIELD_STATUS,
  OPORA_FIELD_DONE_DATE,
  OPORA_FIELD_NOTE,
  OPORA_FIELD_CYCLIC,
  OPORA_N_FIELDS
} OporaMeasureField;

/* The fields of a program that opora_program_set() edits. */
typedef enum {
  OPORA_PROGRAM_FIELD_GOAL,
  OPORA_PROGRAM_FIELD_STATUS,
  OPORA_PROGRAM_FIELD_BASE_SCHOOL,  /* a school code, or empty for none */
  OPORA_PROGRAM_FIELD_LAST_YEAR,
} OporaProgramField;

typedef struct {
  gint64              id;
  gint64              school_id;
  char               *school_code;
  char               *school_name;
  int                 first_year;     /* years of the exams: 2026 = school year 2025/26 */
  int                 last_year;
  char               *goal;
  OporaProgramStatus  status;
  gint64              base_school_id; /* 0: none */
  char               *base_code;      /* nullable */
  char               *base_name;      /* nullable */
  gint64              run_id;         /* the analysis it came from; 0: none */
  char               *template_name;  /* nullable */
  char               *created;
  char               *updated;
  guint               n_measures;     /* not counting cancelled ones */
  guint               n_done;
} OporaProgram;

typedef struct {
  gint64              id;
  gint64              program_id;
  char               *stage;
  OporaDirection      direction;
  char               *title;
  char               *start;          /* YYYY-MM-DD */
  char               *end;
  char               *responsible;
  char               *participants;
  int                 n_participants;
  OporaTargetGroup    target;
  char               *report_form;
  OporaMeasureStatus  status;
  char               *done_date;      /* nullable */
  char               *note;
  int                 position;       /* 1, 2, … within the program */
  gboolean            cyclic;         /* repeats through the year (seed 003: regularity) */
} OporaMeasure;

void          opora_program_free            (OporaProgram       *program);
void          opora_measure_free            (OporaMeasure       *measure);
OporaMeasure *opora_measure_copy            (const OporaMeasure *measure);

const char   *opora_program_status_to_string (OporaProgramStatus status);
gboolean      opora_program_status_from_string (const char      *text,
                                                OporaProgramStatus *status);
const char   *opora_program_status_label    (OporaProgramStatus  status);
const char   *opora_measure_status_to_string (OporaMeasureStatus status);
gboolean      opora_measure_status_from_string (const char      *text,
                                                OporaMeasureStatus *status);
const char   *opora_measure_status_label    (OporaMeasureStatus  status);
const char   *opora_target_to_string        (OporaTargetGroup    target);
gboolean      opora_target_from_string      (const char         *text,
                                             OporaTargetGroup   *target);
const char   *opora_target_label            (OporaTargetGroup    target);
const char   *opora_direction_to_string     (OporaDirection      direction);
gboolean      opora_direction_from_string   (const char         *text,
                                             OporaDirection     *direction);
const char   *opora_direction_label         (OporaDirection      direction);
gboolean      opora_measure_field_from_string (const char       *text,
                                               OporaMeasureField *field);
char         *opora_school_year_label       (int                 year);

OporaProgram *opora_program_get             (OporaDb            *db,
                                             gint64              program_id,
                                             GError            **error);
GPtrArray    *opora_program_list            (OporaDb            *db,
                                             int                 year,
                                             GError            **error);
GPtrArray    *opora_program_measures        (OporaDb            *db,
                                             gint64              program_id,
                                             GError            **error);
OporaMeasure *opora_measure_get             (OporaDb            *db,
                                             gint64              measure_id,
                                             GError            **error);

gint64        opora_program_create          (OporaDb            *db,
                                             gint64              school_id,
                                             int                 year,
                                             const char         *template_name,
                                             GError            **error);
gboolean      opora_program_set             (OporaDb            *db,
                                             gint64              program_id,
                                             OporaProgramField   field,
                                             const char         *value,
                                             GError            **error);
gboolean      opora_program_delete          (OporaDb            *db,
                                             gint64              program_id,
                                             GError            **error);
gint64        opora_measure_add             (OporaDb            *db,
                                             gint64              program_id,
                                             const OporaMeasure *measure,
                                             GError            **error);
gint64        opora_measure_duplicate       (OporaDb            *db,
                                             gint64              measure_id,
                                             GError            **error);
gboolean      opora_measure_delete          (OporaDb            *db,
                                             gint64              measure_id,
                                             GError            **error);
gboolean      opora_measure_set             (OporaDb            *db,
                                             gint64              measure_id,
                                             OporaMeasureField   field,
                                             const char         *value,
                                             GError            **error);
gboolean      opora_measure_apply           (OporaMeasure       *measure,
                                             OporaMeasureField   field,
                                             const char         *value,
                                             GError            **error);
gboolean      opora_measure_update          (OporaDb            *db,
                                             const OporaMeasure *measure,
                                             GError            **error);
gboolean      opora_measure_move            (OporaDb            *db,
                                             gint64              measure_id,
                                             int                 position,
                                             GError            **error);
gboolean      opora_measure_transfer        (OporaDb            *db,
                                             gint64              measure_id,
                                             gint64              program_id,
                                             GError            **error);

gboolean      opora_measure_is_overdue      (const OporaMeasure *measure,
                                             const char         *today);
GPtrArray    *opora_program_due             (OporaDb            *db,
                                             const char         *today,
                                             GError            **error);
guint         opora_program_count_overdue   (GPtrArray          *measures,
                                             const char         *today);
gint64        opora_program_copy_to_next_year (OporaDb          *db,
                                             gint64              program_id,
                                             GError            **error);
GArray       *opora_program_create_from_run (OporaDb            *db,
                                             gint64              run_id,
                                             const char         *template_name,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaProgram, opora_program_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaMeasure, opora_measure_free)

G_END_DECLS
