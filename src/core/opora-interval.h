/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How certain a school's figure is: Wilson intervals for shares, small-number limits. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Figures resting on fewer participants than this are unreliable by default. */
#define OPORA_DEFAULT_MIN_PARTICIPANTS 10
/* z of a two-sided 95 % interval. */
#define OPORA_Z_95 1.959963984540054

gboolean opora_wilson_interval (double  share,
                                double  n,
                                double  z,
                                double *low,
                                double *high);
gboolean opora_is_small_number (double  participants,
                                guint   min_participants);

G_END_DECLS
