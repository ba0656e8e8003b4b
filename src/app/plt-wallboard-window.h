/* plt-wallboard-window.h — the wallboard: the call center on a screen across
 * the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"
#include "plt-wallboard-layout.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_WINDOW (plt_wallboard_window_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardWindow, plt_wallboard_window, PLT, WALLBOARD_WINDOW, AdwApplicationWindow)

/*
 * A second window on the same PltClient (and so the same PltModel) as the
 * console, with views made to be read from six metres: pages of large tiles
 * (PltWallboardPageView) shown in turn, a clock, and a ticker of the active
 * alerts. Dark whatever the style of the console (CSS class "wallboard"
 * with colours of its own); the type grows with the window, through one of
 * the classes wb-scale-50 … wb-scale-300 on the window.
 *
 * Rotation: each page stays its interval, then the next comes; any key, click
 * or pointer move pauses the rotation for a minute, and Space stops or
 * restarts it. Keys: Left/Page Up and Right/Page Down change the page,
 * Home/End go to the first and last, F11 toggles full screen, Escape leaves
 * it, Ctrl+E edits the layout, Ctrl+W closes.
 *
 * When the data is not current (the client is not LIVE) the whole board
 * says so, with the time of the last update and its age, while the client
 * reconnects by itself; after a failure that the client does not retry, the
 * window asks it again every 30 s. While mapped, the window keeps the screen
 * from blanking (gtk_application_inhibit, idle). It shows no personal data:
 * no caller number, no pause reason.
 *
 * The layout comes from the "wallboard-layout" key of "settings" and follows
 * it, unless one was set with plt_wallboard_window_set_layout() (a --layout
 * file): that one stays the window's own. Alert thresholds come from the
 * alert-* keys.
 *
 * Actions: wallboard.previous-page, wallboard.next-page,
 * wallboard.first-page, wallboard.last-page, wallboard.toggle-rotation,
 * wallboard.toggle-fullscreen, wallboard.leave-fullscreen,
 * wallboard.edit-layout.
 */

GtkWidget          *plt_wallboard_window_new        (GtkApplication           *application,
                                                     GSettings                *settings);
/* Returns: (transfer none) (nullable) */
PltClient          *plt_wallboard_window_get_client (PltWallboardWindow       *self);
void                plt_wallboard_window_set_client (PltWallboardWindow       *self,
                                                     PltClient                *client);
/* Returns: (transfer none): the layout shown */
const PltWallboardLayout *
                    plt_wallboard_window_get_layout (PltWallboardWindow       *self);
/* Shows @layout (copied) from now on, rather than the saved one; @file is
 * where it came from (nullable), named in the layout editor. */
void                plt_wallboard_window_set_layout (PltWallboardWindow       *self,
                                                     const PltWallboardLayout *layout,
                                                     GFile                    *file);
guint               plt_wallboard_window_get_page   (PltWallboardWindow       *self);
void                plt_wallboard_window_set_page   (PltWallboardWindow       *self,
                                                     guint                     page);

G_END_DECLS
