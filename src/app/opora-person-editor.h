/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form that adds a mentor or tutor to the registry, or changes one. */
#pragma once

#include <adwaita.h>

#include "opora-person.h"

G_BEGIN_DECLS

#define OPORA_TYPE_PERSON_EDITOR (opora_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (OporaPersonEditor, opora_person_editor, OPORA, PERSON_EDITOR, AdwWindow)

OporaPersonEditor *opora_person_editor_new  (GtkWindow          *parent,
                                             OporaDb            *db,
                                             const OporaPerson  *person);
gint64             opora_person_editor_save (OporaPersonEditor  *self,
                                             GError            **error);

G_END_DECLS
