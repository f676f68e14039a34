/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The municipal monitoring indicators 1 (ЕГЭ) and 2 (ВПР) and their summary table (seed 003, 6.3). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

/* Indicator 1's reference value (a share) and indicator 2's (percentage points). */
#define OPORA_MONITORING_EGE_REFERENCE 0.0
#define OPORA_MONITORING_VPR_REFERENCE 30.0

typedef enum {
  OPORA_EGE_RUS,
  OPORA_EGE_MATHP,
  OPORA_N_EGE_SUBJECTS
} OporaEgeSubject;

typedef enum {
  OPORA_VPR_RUS5,
  OPORA_VPR_RUS6,
  OPORA_VPR_MATH5,
  OPORA_VPR_MATH6,
  OPORA_N_VPR_WORKS
} OporaVprWork;

/* -1 negative dynamics, +1 positive, 0 neither; OPORA_DYNAMICS_NONE without data. */
#define OPORA_DYNAMICS_NONE G_MININT

/* Indicator 1 for one subject: r = school average / municipal average, d = r_t − r_{t−1}. */
typedef struct {
  guint    min_participants;  /* figures on fewer participants are unreliable (10) */
  gboolean include_small;     /* let unreliable figures set the negative flags */
} OporaMonitoringOptions;

typedef struct {
  double school[2];        /* the school's average score, [0] = year t−1, [1] = year t */
  double participants[2];  /* examinees, NaN when unknown */
  gboolean small;          /* fewer participants than the threshold in either year */
  double municipal[2];     /* the municipality's average, same years */
  double ratio[2];
  double dynamics;         /* NaN when a figure is missing */
  int    sign;
} OporaEgeDynamics;

/* Indicator 2 for one work: the shares of «2» and of «4»+«5» and their changes in points. */
typedef struct {
  double share2[2];
  double share45[2];
  double delta2;           /* share2[1] − share2[0]; NaN when missing */
  double delta45;
  int    sign;
  double participants[2];  /* NaN when unknown */
  gboolean small;
} OporaVprDynamics;

typedef struct {
  gint64           school_id;
  OporaEgeDynamics ege[OPORA_N_EGE_SUBJECTS];
  OporaVprDynamics vpr[OPORA_N_VPR_WORKS];
  gboolean         nonobjective;  /* on Rosobrnadzor's list in t−1 or t: ВПР left out */
  gboolean         negative1;     /* some subject of indicator 1 has negative dynamics */
  gboolean         negative2;     /* some work of indicator 2 has negative dynamics */
  gboolean         small;         /* some figure rests on too few participants */
} OporaMonitoringRow;

GArray     *opora_monitoring_compute     (OporaDb   *db,
                                          int        year,
                                          GError   **error);
GArray     *opora_monitoring_compute_with (OporaDb                      *db,
                                          int                           year,
                                          const OporaMonitoringOptions *options,
                                          GError                      **error);
GArray     *opora_monitoring_summary     (GArray    *rows);
const char *opora_ege_subject_label      (OporaEgeSubject subject);
const char *opora_vpr_work_label         (OporaVprWork    work);

G_END_DECLS
