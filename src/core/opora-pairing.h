/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Proposing base schools for problem schools: similar context, clearly higher results, limited load. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OPORA_PAIRING_NONE G_MAXUINT

typedef struct {
  guint         n;            /* schools */
  guint         n_context;    /* context z-score columns */
  const double *context_z;    /* n × n_context, NaN for missing */
  const double *results;      /* the results index, NaN for missing */
  const int    *group;        /* schools pair only within their group; 0 = no group */
  const gboolean *supported;  /* schools to find a base school for */
  const gboolean *base;       /* schools that may help */
  guint         max_per_base; /* supported schools per base school */
  double        min_gap;      /* results[base] − results[supported] must be at least this */
} OporaPairingInput;

typedef struct {
  guint  supported;  /* row in the input */
  guint  base;       /* row in the input, or OPORA_PAIRING_NONE */
  double distance;   /* RMS over the context columns both have; NaN without a base */
  double gap;        /* results index, base − supported */
} OporaPairing;

double  opora_pairing_distance (const double *a,
                                const double *b,
                                guint         n);
GArray *opora_pairing_propose  (const OporaPairingInput *input);

G_END_DECLS
