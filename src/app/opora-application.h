/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: one instance, opening workspace files in windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OPORA_TYPE_APPLICATION (opora_application_get_type ())

G_DECLARE_FINAL_TYPE (OporaApplication, opora_application, OPORA, APPLICATION, AdwApplication)

OporaApplication *opora_application_new (void);

G_END_DECLS
