/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The indicator catalogue: what can be measured about a school, built-in and user-defined. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

typedef enum {
  OPORA_UNIT_PERCENT,  /* a share, 0–100 */
  OPORA_UNIT_POINTS,   /* exam points, e.g. ЕГЭ 0–100 */
  OPORA_UNIT_MARK,     /* a mark on the 2–5 scale */
  OPORA_UNIT_COUNT,    /* a number of people or things */
  OPORA_UNIT_INDEX,    /* a composite index */
  OPORA_UNIT_FLAG,     /* 0 = no, 1 = yes */
} OporaUnit;

typedef enum {
  OPORA_GROUP_CONTEXT,
  OPORA_GROUP_RESULT,
  OPORA_GROUP_RESOURCE,
} OporaGroup;

typedef struct {
  gint64     id;                /* 0 until stored */
  char      *key;               /* stable, e.g. "ege_rus_avg" */
  char      *name_ru;
  char      *name_en;
  OporaUnit  unit;
  OporaGroup group;
  int        direction;         /* +1 higher is better, -1 higher is worse, 0 neutral */
  double     min_value;
  double     max_value;
  char      *procedure;         /* "ege", "oge", "vpr" or NULL */
  char      *subject;           /* "rus", "math", "mathp" or NULL */
  int        grade;             /* 0 when not per grade */
  int        mark;              /* 2…5 for a share of a mark, else 0 */
  char      *participants_key;  /* the count this figure rests on, or NULL */
  gboolean   builtin;
  int        position;
} OporaIndicator;

/* Bump when the built-in catalogue below changes; open re-syncs older workspaces. */
#define OPORA_CATALOG_VERSION 1

void            opora_indicator_free         (OporaIndicator *indicator);
OporaIndicator *opora_indicator_copy         (const OporaIndicator *indicator);
const char     *opora_unit_to_string         (OporaUnit   unit);
gboolean        opora_unit_from_string       (const char *text,
                                              OporaUnit  *unit);
const char     *opora_unit_symbol            (OporaUnit   unit);
const char     *opora_group_to_string        (OporaGroup  group);
gboolean        opora_group_from_string      (const char *text,
                                              OporaGroup *group);
const char     *opora_group_label            (OporaGroup  group);
const char     *opora_indicator_get_name     (const OporaIndicator *indicator);
char           *opora_indicator_format_value (const OporaIndicator *indicator,
                                              double                value);

GPtrArray      *opora_indicator_builtin      (void);
gboolean        opora_indicator_sync_builtin (sqlite3    *handle,
                                              GError    **error);
GPtrArray      *opora_indicator_list         (OporaDb    *db,
                                              GError    **error);
OporaIndicator *opora_indicator_lookup       (GPtrArray  *indicators,
                                              const char *key);
gint64          opora_indicator_add          (OporaDb    *db,
                                              OporaIndicator *indicator,
                                              GError    **error);
char           *opora_indicator_make_key     (GPtrArray  *indicators,
                                              const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaIndicator, opora_indicator_free)

G_END_DECLS
