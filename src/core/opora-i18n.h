/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Setting up the locale and the translations, the same way for the window, the CLI and tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *opora_i18n_init (void);

G_END_DECLS
