/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entry point of the opora window application. */

#include "opora-application.h"
#include "opora-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OporaApplication) app = NULL;

  opora_i18n_init ();
  app = opora_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
