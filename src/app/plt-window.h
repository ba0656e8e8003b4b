/* plt-window.h — the supervisor's main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-alerts.h"
#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_WINDOW (plt_window_get_type ())
G_DECLARE_FINAL_TYPE (PltWindow, plt_window, PLT, WINDOW, AdwApplicationWindow)

/*
 * The boards of one PltClient: queues and agents, the connection indicator
 * and the banner that says why the data may be out of date. Without a client
 * the window welcomes the supervisor and asks for a router's address (the
 * app.connect action, with the address as a string) or offers the demo
 * (app.demo).
 *
 * Properties:
 *   "client"    PltClient (nullable)
 *   "settings"  GSettings (construct-only, nullable): where the size and
 *               the last view are kept, when the schema is installed
 *   "view"      string, "queues" or "agents"
 *
 * Actions: win.reconnect, win.view (s), win.search, win.connect,
 * win.wallboard (Shift+F11: app.wallboard, the wallboard on the same client).
 */

GtkWidget  *plt_window_new        (GtkApplication *application,
                                   GSettings      *settings);
/* Returns: (transfer none) (nullable) */
PltClient  *plt_window_get_client (PltWindow      *self);
void        plt_window_set_client (PltWindow      *self,
                                   PltClient      *client);
const char *plt_window_get_view   (PltWindow      *self);
void        plt_window_set_view   (PltWindow      *self,
                                   const char     *view);
/* Fills the router address on the welcome page (nullable: empty). */
void        plt_window_set_welcome_address (PltWindow  *self,
                                            const char *address);
/* Shows @message under the router address on the welcome page (nullable). */
void        plt_window_show_welcome_error (PltWindow  *self,
                                           const char *message);

/* The alerts of the banner and the queue cards (nullable). */
void        plt_window_set_alerts (PltWindow       *self,
                                   PltAlertMonitor *alerts);
/* Shows the queues, and @queue_id's page; FALSE if there is no such queue
 * or the boards are not shown yet. */
gboolean    plt_window_show_queue (PltWindow       *self,
                                   const char      *queue_id);

/* Tells @message in passing, over the boards. */
void        plt_window_add_toast  (PltWindow       *self,
                                   const char      *message);

G_END_DECLS
