/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale and gettext set-up: translations from the build tree when run uninstalled. */

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "opora-i18n.h"

/**
 * opora_i18n_init:
 *
 * Takes the locale from the environment and binds the "opora" text domain
 * to `$OPORA_LOCALEDIR` when set (the build tree sets it), else to the
 * installed locale folder. Numbers are then printed in the user's format
 * (a decimal comma under ru_RU); code that writes files must use g_ascii_*.
 *
 * Returns: the folder the translations are read from
 */
const char *
opora_i18n_init (void)
{
  const char *dir = g_getenv ("OPORA_LOCALEDIR");

  if (dir == NULL || *dir == '\0')
    dir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return dir;
}
