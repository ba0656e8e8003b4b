/* plt-application.h — the plateau console application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLT_TYPE_APPLICATION (plt_application_get_type ())
G_DECLARE_FINAL_TYPE (PltApplication, plt_application, PLT, APPLICATION, AdwApplication)

/*
 * Command line:
 *   --server URL         follow the router at URL
 *   --demo               start a simulated router on this computer and follow it
 *   --screenshot FILE    with --server or --demo: save the main window's content
 *                        as PNG once the first snapshot is shown, then quit
 *   --view queues|agents the board to show
 *   --wallboard          show the wallboard alone (dark), not the console
 *   --fullscreen         with --wallboard: fill the screen
 *   --layout FILE        with --wallboard: the pages of this layout file
 *   --user NAME, --password-file FILE
 *                        log in as NAME (e.g. a wallboard account), and again
 *                        from the file when the session expires
 *
 * Actions: app.quit, app.about, app.color-scheme (s: default|light|dark),
 * app.connect (s: a router URI), app.demo, app.change-router,
 * app.preferences (Ctrl+,), app.wallboard (opens the wallboard on the
 * followed router, or shows it).
 *
 * Alarms of the followed queues (PltAlertMonitor) become desktop
 * notifications and the alert sound, as the settings say.
 */

PltApplication *plt_application_new             (void);
/* Returns: (transfer none) (nullable): the settings, when the schema is installed */
GSettings      *plt_application_get_settings    (PltApplication *self);
/* The exit status of work that ends after the command line was handled
 * (a --screenshot that got no snapshot): 0 on success. */
int             plt_application_get_exit_status (PltApplication *self);

G_END_DECLS
