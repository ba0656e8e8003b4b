/* plt-wallboard-window-private.h — what the tests reach inside the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-wallboard-page-view.h"
#include "plt-wallboard-ticker.h"
#include "plt-wallboard-window.h"

G_BEGIN_DECLS

/* All (transfer none) */
/* The window's content without the header bar: what a screenshot shows */
GtkWidget            *_plt_wallboard_window_get_board        (PltWallboardWindow *self);
guint                 _plt_wallboard_window_get_n_pages      (PltWallboardWindow *self);
PltWallboardPageView *_plt_wallboard_window_get_page_view    (PltWallboardWindow *self,
                                                              guint               index);
PltWallboardTicker   *_plt_wallboard_window_get_ticker       (PltWallboardWindow *self);
gboolean              _plt_wallboard_window_get_stale_shown  (PltWallboardWindow *self);
const char           *_plt_wallboard_window_get_stale_title  (PltWallboardWindow *self);
const char           *_plt_wallboard_window_get_stale_detail (PltWallboardWindow *self);
/* The rotation is paused, by an interaction or by Space */
gboolean              _plt_wallboard_window_get_paused       (PltWallboardWindow *self);
/* The scale class applied, "wb-scale-100" */
const char           *_plt_wallboard_window_get_scale_class  (PltWallboardWindow *self);
/* The idle inhibitor's cookie while one is held, else 0 */
guint                 _plt_wallboard_window_get_inhibit_cookie (PltWallboardWindow *self);
/* Hides the header bar at once, as full screen does after a while: for
 * screenshots of the board alone */
void                  _plt_wallboard_window_hide_header      (PltWallboardWindow *self);
/* Picks the scale class for a window of @width × @height (pure) */
const char           *_plt_wallboard_choose_scale_class       (int width,
                                                              int height);

G_END_DECLS
