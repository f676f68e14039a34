/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Nice axis ticks (steps of 1, 2 or 5 times a power of ten) and numbers in the user's format. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OPORA_PLOT_MAX_TICKS 24

typedef struct {
  double step;      /* 1, 2 or 5 × 10ⁿ */
  int    decimals;  /* the digits after the separator that @step needs */
  guint  n;
  double values[OPORA_PLOT_MAX_TICKS];
} OporaPlotTicks;

void  opora_plot_ticks_compute  (double          min,
                                 double          max,
                                 guint           target,
                                 OporaPlotTicks *ticks);
double opora_plot_nice_step     (double          raw);

G_END_DECLS
