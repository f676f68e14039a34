/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A program's school year, August to July, as one bar per measure with today's line. */
#pragma once

#include <gtk/gtk.h>

#include "opora-program.h"

G_BEGIN_DECLS

#define OPORA_TYPE_PROGRAM_TIMELINE (opora_program_timeline_get_type ())

G_DECLARE_FINAL_TYPE (OporaProgramTimeline, opora_program_timeline, OPORA, PROGRAM_TIMELINE, GtkWidget)

GtkWidget *opora_program_timeline_new          (void);
void       opora_program_timeline_set_measures (OporaProgramTimeline *self,
                                                int                   year,
                                                GPtrArray            *measures,
                                                const char           *today);

G_END_DECLS
