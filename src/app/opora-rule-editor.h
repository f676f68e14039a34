/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules that flag schools: a list to switch them on and off, and a form per kind to edit one. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_RULE_EDITOR (opora_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (OporaRuleEditor, opora_rule_editor, OPORA, RULE_EDITOR, AdwBin)

gboolean opora_rule_editor_set_db (OporaRuleEditor  *self,
                                   OporaDb          *db,
                                   GError          **error);
gboolean opora_rule_editor_select (OporaRuleEditor  *self,
                                   const char       *name);

G_END_DECLS
