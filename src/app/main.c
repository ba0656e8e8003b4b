/* main.c — the plateau console
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "plt-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PltApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* PLATEAU_LOCALEDIR: the translations of a build tree (its po/
   * directory), to run them uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("PLATEAU_LOCALEDIR") != NULL ? g_getenv ("PLATEAU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("plateau");

  app = plt_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* A local command line's exit status is fixed when it returns; failures
   * found later (no snapshot for --screenshot) are reported here. */
  if (status == 0)
    status = plt_application_get_exit_status (app);

  return status;
}
