/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rules that flag schools, kept as data in the workspace, and the flags they raise. */
#pragma once

#include <glib.h>

#include "opora-analysis.h"

G_BEGIN_DECLS

typedef enum {
  OPORA_RULE_THRESHOLD,   /* a share at or past a value in several procedures, or years running */
  OPORA_RULE_MONITORING,  /* negative dynamics on monitoring indicator 1 and/or 2 */
  OPORA_RULE_CLUSTER,     /* the bottom share of its cluster in the newest analysis */
  OPORA_RULE_RESIDUAL,    /* clearly below what its context predicts */
} OporaRuleKind;

/* A rule; its definition is JSON with "kind" and the fields of that kind:
 *  threshold:  "indicators" (keys, "*" matches any text: "vpr_*_m2"), "op" (">=", ">", "<=", "<"),
 *              "value", "min_procedures" (how many indicators in the year), "same_years" (the same
 *              indicator this many years running; 0 = not asked), "need_both" (both conditions,
 *              or either), "min_participants", "include_small"
 *  monitoring: "indicator1", "indicator2", "min_participants", "include_small"
 *  cluster:    "model" ("kmeans" or "quadrant"), "share" (the bottom share, e.g. 0.25)
 *  residual:   "z" (standard errors below 0, e.g. 1.96) */
typedef struct {
  gint64         id;
  char          *name;       /* stable, e.g. "federal-risk" */
  char          *title;      /* for people */
  char          *definition; /* JSON */
  int            version;    /* goes up with every edit */
  gboolean       builtin;
  gboolean       enabled;
} OporaRule;

/* One school flagged by one rule, with the figures behind it. */
typedef struct {
  gint64  school_id;
  char   *rule;       /* the rule's name */
  int     version;    /* of the rule */
  char   *evidence;   /* "ОГЭ, математика: доля отметок «2» 34,0 % (2026); …" */
} OporaFlag;

void       opora_rule_free      (OporaRule   *rule);
void       opora_flag_free      (OporaFlag   *flag);
GPtrArray *opora_rule_list      (OporaDb     *db,
                                 GError     **error);
gboolean   opora_rule_check     (const char  *definition,
                                 GError     **error);
gboolean   opora_rule_save      (OporaDb     *db,
                                 const char  *name,
                                 const char  *title,
                                 const char  *definition,
                                 int          enabled,
                                 GError     **error);
GPtrArray *opora_rule_evaluate  (OporaDb     *db,
                                 int          year,
                                 const char  *rule_name,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaRule, opora_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaFlag, opora_flag_free)

G_END_DECLS
