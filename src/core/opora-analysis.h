/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A cluster analysis of one year: indices, quadrants or k-means, ranks, problem and base schools, pairs. */
#pragma once

#include <gio/gio.h>

#include "opora-kmeans.h"

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

typedef enum {
  OPORA_MODEL_QUADRANT,  /* context index × results index (seed 001) */
  OPORA_MODEL_KMEANS,    /* k-means over standardized features (seed 000) */
  OPORA_MODEL_REGRESSION,/* results against expectation from the context ("beating the odds") */
} OporaModel;

typedef enum {
  OPORA_THRESHOLD_MEDIAN,
  OPORA_THRESHOLD_MEAN,
  OPORA_THRESHOLD_VALUE,
} OporaThreshold;

typedef enum {
  OPORA_MISSING_IMPUTE,    /* a missing feature takes the column's median; the school is marked */
  OPORA_MISSING_LEAVE_OUT, /* a school missing any feature is left out and listed */
} OporaMissing;

typedef enum {
  OPORA_MEMBER_PROBLEM       = 1 << 0,  /* at the bottom of its cluster: a school to support */
  OPORA_MEMBER_BASE          = 1 << 1,  /* at the top: a candidate base school */
  OPORA_MEMBER_IMPUTED       = 1 << 2,  /* some feature was imputed with the median */
  OPORA_MEMBER_LEFT_OUT      = 1 << 3,  /* not clustered: missing data */
  OPORA_MEMBER_NONOBJECTIVE  = 1 << 4,  /* ВПР figures left out (Rosobrnadzor's list) */
  OPORA_MEMBER_SMALL         = 1 << 5,  /* some result rests on too few participants */
  OPORA_MEMBER_POOLED        = 1 << 6,  /* small numbers this year: the mean of three years is used */
} OporaMemberFlags;

typedef enum {
  OPORA_PAIR_PROPOSED,
  OPORA_PAIR_ACCEPTED,
  OPORA_PAIR_REJECTED,
} OporaPairStatus;

/* An indicator of an index or a feature of k-means, with its weight. */
typedef struct {
  char   *key;
  double  weight;
} OporaAnalysisFeature;

typedef struct {
  int             year;
  OporaModel      model;
  GPtrArray      *context;     /* OporaAnalysisFeature: the context index */
  GPtrArray      *results;     /* OporaAnalysisFeature: the results index */
  GPtrArray      *features;    /* OporaAnalysisFeature: k-means features (weights unused) */
  guint           k;           /* 0: the k of the best silhouette in the sweep */
  guint           k_min, k_max;/* the sweep, 2…8 by default */
  guint64         seed;
  guint           restarts;
  OporaMissing    missing;
  OporaThreshold  threshold;
  double          context_threshold;  /* used with OPORA_THRESHOLD_VALUE */
  double          results_threshold;
  double          problem_share;      /* bottom share of a cluster, 0.25 */
  double          base_share;         /* top share of a cluster, 0.25 */
  guint           max_per_base;       /* supported schools per base school, 3 */
  double          min_gap;            /* base results index − supported one, at least */
  guint           min_participants;   /* results on fewer are unreliable, 10 */
  gboolean        include_small;      /* use unreliable results all the same */
  guint           basis_years;        /* 1: this year; 2, 3: the mean of the last years */
  gboolean        pool_small;         /* with a basis of 1: a school whose results rest on too
                                       * few participants takes the mean of three years */
} OporaAnalysisParams;

typedef struct {
  gint64 school_id;
  int    cluster;        /* 1…k, or quadrant 1…4; 0 when left out */
  guint  rank;           /* 1 = highest results index in the cluster; 0 when not ranked */
  guint  cluster_size;   /* members of the cluster with a rank */
  double context_index;  /* NaN when missing */
  double results_index;
  double context_percentile;
  double results_percentile;
  guint  flags;          /* OporaMemberFlags */
  double predicted;      /* regression: the expected results index; NaN otherwise */
  double residual;       /* actual − expected, averaged over up to three years */
  double residual_se;    /* its standard error */
} OporaMember;

typedef struct {
  gint64          id;             /* 0 until stored */
  gint64          supported_id;   /* the problem school */
  gint64          base_id;        /* 0 when no base school qualifies */
  double          distance;       /* RMS distance of the context z-scores */
  double          gap;            /* results index: base − supported */
  OporaPairStatus status;
  char           *reason;
} OporaPair;

typedef struct {
  guint  k;
  double silhouette;
  double inertia;
} OporaSweepPoint;

/* A cluster is "changed materially" from the one it matched in the previous
 * run when its centroid moved more than this (in z units) … */
#define OPORA_CLUSTER_MAX_SHIFT 0.5
/* … or it kept less than this share of that cluster's schools. */
#define OPORA_CLUSTER_MIN_KEPT  0.7

/* One cluster of a run: its name and how it follows from the previous run. */
typedef struct {
  int      cluster;    /* 1…n_clusters */
  char    *name;       /* given by the user or carried over; NULL when none */
  gboolean pinned;     /* the name is kept even when the cluster changes */
  int      previous;   /* the matched cluster of the previous run, 0 when none */
  double   shift;      /* distance between the two centroids; NaN without a match */
  double   kept;       /* share of the previous cluster's schools still in it; NaN without */
  gboolean changed;    /* shift or membership past the limits above */
} OporaClusterInfo;

/* The regression model's fit of the latest year: results index on the context z-scores. */
typedef struct {
  guint   n_coefficients;  /* the intercept and one per context indicator */
  GStrv   keys;            /* "intercept", then the context indicators' keys */
  double *coefficients;
  double *std_errors;
  double  r_squared;
  double  adj_r_squared;
  guint   n;               /* schools in the fit */
  guint   n_years;         /* years whose residuals are averaged, 1–3 */
} OporaRegressionSummary;

typedef struct {
  gint64               id;          /* 0 until stored */
  char                *created;     /* ISO 8601, UTC */
  OporaAnalysisParams *params;
  GArray              *members;     /* OporaMember, by school id */
  GPtrArray           *pairs;       /* OporaPair, by supported school id */
  guint                n_clusters;  /* k, or 4 */
  double               context_threshold;  /* quadrants: the thresholds used */
  double               results_threshold;
  double               silhouette;  /* k-means: of the chosen k; NaN otherwise */
  GArray              *sweep;       /* OporaSweepPoint; empty for quadrants */
  GStrv                profile_keys;/* the columns of @profiles */
  double              *profiles;    /* n_clusters × profile_keys: mean z per cluster */
  gint64               previous_run_id;  /* the run the clusters were matched to, 0 when none */
  GArray              *clusters;    /* OporaClusterInfo, n_clusters of them, by number */
  OporaRegressionSummary *regression; /* regression model only, else NULL */
  char                *rules;       /* stored runs: JSON of the rules on when stored,
                                     * [{"name":…,"version":…}]; NULL before */
} OporaAnalysis;

/* The regression model's clusters. */
enum {
  OPORA_REGRESSION_BELOW = 1,    /* clearly below expectation */
  OPORA_REGRESSION_EXPECTED = 2,
  OPORA_REGRESSION_ABOVE = 3,    /* clearly above: "beating the odds" */
};

/* One year-to-year move between quadrants or clusters. */
typedef struct {
  guint   n_clusters;
  guint  *counts;         /* (n_clusters + 1)², [from × (n + 1) + to]; 0 = not placed */
  GArray *falling_out;    /* gint64 school ids: 2 → 1 and 4 → 3 */
  GArray *entering;       /* gint64 school ids: 3 → 4 */
} OporaTransitions;

OporaAnalysisParams *opora_analysis_params_new      (OporaDb              *db,
                                                     int                   year,
                                                     OporaModel            model,
                                                     GError              **error);
OporaAnalysisParams *opora_analysis_params_copy     (const OporaAnalysisParams *params);
void                 opora_analysis_params_free     (OporaAnalysisParams  *params);
gboolean             opora_analysis_params_set_keys (GPtrArray            *features,
                                                     const char           *comma_separated,
                                                     GError              **error);
char                *opora_analysis_params_to_json  (const OporaAnalysisParams *params);
OporaAnalysisParams *opora_analysis_params_from_json(const char           *json,
                                                     GError              **error);

char                *opora_analysis_basis_text      (const OporaAnalysisParams *params);
const char          *opora_model_label              (OporaModel            model);
const char          *opora_model_to_string          (OporaModel            model);
gboolean             opora_model_from_string        (const char           *text,
                                                     OporaModel           *model);
const char          *opora_quadrant_name            (int                   quadrant);
const char          *opora_pair_status_to_string    (OporaPairStatus       status);
gboolean             opora_pair_status_from_string  (const char           *text,
                                                     OporaPairStatus      *status);

OporaAnalysis       *opora_analysis_run             (OporaDb              *db,
                                                     const OporaAnalysisParams *params,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                 opora_analysis_free            (OporaAnalysis        *analysis);
void                 opora_pair_free                (OporaPair            *pair);
void                 opora_regression_summary_free  (OporaRegressionSummary *summary);
void                 opora_cluster_info_clear       (OporaClusterInfo     *info);
GArray              *opora_analysis_new_clusters    (guint                 n);
const char          *opora_analysis_cluster_name    (const OporaAnalysis  *analysis,
                                                     int                   cluster);
const OporaMember   *opora_analysis_find_member     (const OporaAnalysis  *analysis,
                                                     gint64                school_id);

const OporaPair     *opora_analysis_find_pair       (const OporaAnalysis  *analysis,
                                                     gint64                supported_id);
OporaTransitions    *opora_transitions_compute      (const OporaAnalysis  *from,
                                                     const OporaAnalysis  *to);
void                 opora_transitions_free         (OporaTransitions     *transitions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaAnalysisParams, opora_analysis_params_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaAnalysis, opora_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaTransitions, opora_transitions_free)

G_END_DECLS
