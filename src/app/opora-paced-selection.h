/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A selection model that lets a list view take a big change of its rows a few dozen rows a frame. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OPORA_TYPE_PACED_SELECTION (opora_paced_selection_get_type ())

G_DECLARE_FINAL_TYPE (OporaPacedSelection, opora_paced_selection, OPORA, PACED_SELECTION, GObject)

OporaPacedSelection *opora_paced_selection_new       (GtkSelectionModel   *model);
GtkSelectionModel   *opora_paced_selection_get_model (OporaPacedSelection *self);
void                 opora_paced_selection_set_model (OporaPacedSelection *self,
                                                      GtkSelectionModel   *model);
void                 opora_paced_selection_flush     (OporaPacedSelection *self);

G_END_DECLS
