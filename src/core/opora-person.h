/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mentors and tutors: the registry and their assignments to supported schools per school year. */
#pragma once

#include "opora-db.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_ROLE_MENTOR,  /* a principal or deputy of an effective school, with a management team */
  OPORA_ROLE_TUTOR,   /* an effective subject teacher, with a school's subject teachers */
} OporaRole;

typedef struct {
  gint64     id;           /* 0 until stored */
  OporaRole  role;
  char      *full_name;
  char      *position;     /* "директор", "учитель математики" … */
  gint64     school_id;    /* the school they come from; 0: none */
  char      *school_code;  /* nullable; opora_person_add() finds the school by it when school_id is 0 */
  char      *school_name;  /* nullable, filled when read */
  char      *subject;
  char      *phone;
  char      *email;
  char      *note;
  gboolean   archived;
} OporaPerson;

typedef struct {
  gint64  id;
  gint64  person_id;
  char   *person_name;
  OporaRole role;
  gint64  school_id;     /* the supported school */
  char   *school_code;
  char   *school_name;
  int     year;          /* 2026 = school year 2025/26 */
  char   *note;
} OporaAssignment;

/* What opora_person_import() did. */
typedef struct {
  guint  n_added;
  guint  n_updated;     /* same name and role: contacts and school refreshed */
  guint  n_assigned;    /* assignments added */
} OporaPersonImport;

const char  *opora_role_to_string        (OporaRole           role);
gboolean     opora_role_from_string      (const char         *text,
                                          OporaRole          *role);
const char  *opora_role_label            (OporaRole           role);

OporaPerson *opora_person_new            (OporaRole           role,
                                          const char         *full_name);
OporaPerson *opora_person_copy           (const OporaPerson  *person);
void         opora_person_free           (OporaPerson        *person);
void         opora_assignment_free       (OporaAssignment    *assignment);

GPtrArray   *opora_person_list           (OporaDb            *db,
                                          gboolean            with_archived,
                                          GError            **error);
OporaPerson *opora_person_get            (OporaDb            *db,
                                          gint64              person_id,
                                          GError            **error);
gint64       opora_person_find           (OporaDb            *db,
                                          OporaRole           role,
                                          const char         *full_name,
                                          GError            **error);
gint64       opora_person_add            (OporaDb            *db,
                                          const OporaPerson  *person,
                                          GError            **error);
gboolean     opora_person_update         (OporaDb            *db,
                                          const OporaPerson  *person,
                                          GError            **error);
gboolean     opora_person_set_archived   (OporaDb            *db,
                                          gint64              person_id,
                                          gboolean            archived,
                                          GError            **error);

GPtrArray   *opora_assignment_list       (OporaDb            *db,
                                          gint64              person_id,
                                          int                 year,
                                          GError            **error);
gint64       opora_assignment_add        (OporaDb            *db,
                                          gint64              person_id,
                                          gint64              school_id,
                                          int                 year,
                                          const char         *note,
                                          GError            **error);
gboolean     opora_assignment_delete     (OporaDb            *db,
                                          gint64              assignment_id,
                                          GError            **error);

gboolean     opora_person_import         (OporaDb            *db,
                                          const char         *path,
                                          const char         *sheet_name,
                                          int                 year,
                                          OporaPersonImport  *report,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaPerson, opora_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaAssignment, opora_assignment_free)

G_END_DECLS
