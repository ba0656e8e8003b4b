/* plt-preferences-window.h — the console's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_PREFERENCES_WINDOW (plt_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PltPreferencesWindow, plt_preferences_window, PLT, PREFERENCES_WINDOW, AdwPreferencesWindow)

/*
 * Three pages over the application's settings, every change applied at
 * once: General (the router's address, followed through app.connect; the
 * certificate authorities of wss:// routers; the style, through
 * app.color-scheme), Alerts (the thresholds of waiting contacts, longest
 * wait and service level; desktop notifications and sound) and Wallboard
 * (full screen or not, the layout, edited in a PltWallboardEditor with the
 * queues of @client to choose from).
 */

GtkWidget *plt_preferences_window_new (GtkWindow *parent,
                                       GSettings *settings,
                                       PltClient *client);

G_END_DECLS
