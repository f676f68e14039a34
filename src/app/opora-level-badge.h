/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An evaluation's total and level as text, and the badge that shows it with a colour class. */
#pragma once

#include <gtk/gtk.h>

#include "opora-evaluation.h"

G_BEGIN_DECLS

const char *opora_level_style      (int                     level,
                                    guint                   n_levels);
char       *opora_level_total_text (const OporaEvaluation  *evaluation);
GtkWidget  *opora_level_badge_new  (const OporaEvaluation  *evaluation);
void        opora_level_set_style  (GtkWidget              *widget,
                                    int                     level,
                                    guint                   n_levels);

G_END_DECLS
