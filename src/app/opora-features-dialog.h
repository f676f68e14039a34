/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chooses the indicators of an index (with weights) or of k-means from the catalogue. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OPORA_TYPE_FEATURES_DIALOG (opora_features_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OporaFeaturesDialog, opora_features_dialog, OPORA, FEATURES_DIALOG, AdwWindow)

OporaFeaturesDialog *opora_features_dialog_new (GtkWindow   *parent,
                                                const char  *title,
                                                const char  *description,
                                                GPtrArray   *indicators,
                                                GPtrArray   *features,
                                                gboolean     weights);

G_END_DECLS
