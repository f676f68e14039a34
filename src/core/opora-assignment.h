/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The optimal assignment (Hungarian method): rows to columns at the least total cost. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OPORA_ASSIGNMENT_NONE (-1)

double opora_assignment_solve (const double *cost,
                               guint         n_rows,
                               guint         n_cols,
                               int          *column_of);

G_END_DECLS
