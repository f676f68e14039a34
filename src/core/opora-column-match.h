/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Guessing what a column holds from its header, in Russian or English. */
#pragma once

#include <glib.h>

#include "opora-layout.h"

G_BEGIN_DECLS

OporaTarget opora_column_match (const char *header,
                                GPtrArray  *indicators);

G_END_DECLS
