/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The department head's dashboard of a year beside the year before: key figures, ranking, outcome, programs behind. */
#pragma once

#include <json-glib/json-glib.h>

#include "opora-db.h"
#include "opora-person.h"

G_BEGIN_DECLS

/* The key figures, in the order the dashboard shows them. */
typedef enum {
  OPORA_FIGURE_ANALYSED,      /* schools in the year's latest run, not left out */
  OPORA_FIGURE_PROBLEM,       /* schools flagged problem in that run: fewer is better (seed 003, 7.5) */
  OPORA_FIGURE_LEFT_PROBLEM,  /* problem the year before, analysed and not problem this year */
  OPORA_FIGURE_PROGRAMS,      /* schools with a program covering the year, not suspended */
  OPORA_FIGURE_ON_TIME,       /* per cent of the due measures of those programs done by their end date */
  OPORA_N_FIGURES
} OporaFigureKind;

/* What the ids behind a figure are. */
typedef enum {
  OPORA_FIGURE_IDS_SCHOOLS,
  OPORA_FIGURE_IDS_MEASURES,
} OporaFigureIds;

typedef struct {
  OporaFigureKind  kind;
  double           value;             /* NaN: none (no run that year, no due measure) */
  double           previous;          /* the year before; NaN: none */
  double           change;            /* value − previous; NaN when either is none */
  gboolean         decrease_is_good;
  OporaFigureIds   id_kind;
  GArray          *ids;               /* gint64, ascending: behind @value */
  GArray          *previous_ids;      /* gint64, ascending: behind @previous */
  guint            numerator;         /* ON_TIME only: measures done on time … */
  guint            denominator;       /* … of those due (this year) */
} OporaFigure;

/* How many mentors and tutors reached a level, this year and the year before. */
typedef struct {
  char    *name;          /* the rubric's level name, as "оптимальный" */
  int      level;         /* its index, 0 = lowest */
  guint    n_levels;
  guint    count;
  guint    previous;
  GArray  *person_ids;    /* gint64, ascending: this year's */
} OporaDashboardLevel;

typedef struct {
  int     year;
  double  total;
} OporaDashboardPoint;

/* One evaluated person of the year, with the same rubric's totals over the years. */
typedef struct {
  gint64     person_id;
  char      *name;
  OporaRole  role;
  gint64     rubric_id;
  double     total;
  double     max_total;   /* < 0: no upper bound */
  int        level;       /* −1: none */
  char      *level_name;  /* nullable */
  guint      n_levels;
  GArray    *history;     /* OporaDashboardPoint, ascending years, this year included */
} OporaDashboardRank;

/* Supported schools against the unsupported ones of the same cluster:
 * the mean change of the results index from the year before. */
typedef struct {
  int      cluster;           /* of the year before's latest run; 0: the clusters with both groups, pooled */
  char    *name;              /* nullable */
  guint    n_supported;
  double   mean_supported;    /* NaN when n_supported is 0 */
  guint    n_other;
  double   mean_other;        /* NaN when n_other is 0 */
  double   difference;        /* mean_supported − mean_other; NaN when either is */
  GArray  *supported_ids;     /* gint64, ascending */
  GArray  *other_ids;
} OporaDashboardOutcome;

typedef struct {
  gint64  program_id;
  gint64  school_id;
  char   *school_code;
  char   *school_name;
  guint   n_measures;     /* not counting cancelled ones */
  guint   n_overdue;
} OporaDashboardBehind;

typedef struct {
  int          year;
  char        *today;                  /* YYYY-MM-DD the figures were judged by */
  gint64       run_id;                 /* the year's latest run; 0: none */
  gint64       previous_run_id;        /* the year before's; 0: none */
  OporaFigure  figures[OPORA_N_FIGURES];
  GPtrArray   *levels;                 /* OporaDashboardLevel, by level index then name */
  GPtrArray   *ranking;                /* OporaDashboardRank, by total descending, then name */
  guint        n_incomplete;           /* evaluations of the year left out as not fully scored */
  GPtrArray   *outcome;                /* OporaDashboardOutcome: by cluster, the overall one last */
  GPtrArray   *behind;                 /* OporaDashboardBehind, most overdue first */
} OporaDashboard;

OporaDashboard *opora_dashboard_compute        (OporaDb               *db,
                                                int                    year,
                                                GError               **error);
OporaDashboard *opora_dashboard_compute_on     (OporaDb               *db,
                                                int                    year,
                                                const char            *today,
                                                GError               **error);
int             opora_dashboard_default_year   (OporaDb               *db,
                                                GError               **error);
void            opora_dashboard_free           (OporaDashboard        *dashboard);

const char     *opora_figure_label             (OporaFigureKind        kind);
const char     *opora_figure_to_string         (OporaFigureKind        kind);
gboolean        opora_figure_is_good           (const OporaFigure     *figure);
const OporaDashboardOutcome *opora_dashboard_overall (const OporaDashboard *dashboard);

JsonNode       *opora_dashboard_to_json        (const OporaDashboard  *dashboard);

gboolean        opora_dashboard_export_xlsx    (const OporaDashboard  *dashboard,
                                                const char            *path,
                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaDashboard, opora_dashboard_free)

G_END_DECLS
